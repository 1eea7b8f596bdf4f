import itertools
import math
from fractions import Fraction as F

import pytest
from hypothesis import given, strategies as st

from exactbargain.cooperative import MAX_PLAYERS, CoalitionFunction, shapley, star_formula
from exactbargain.errors import GameError, NumberError


def all_coalitions(n):
    return [frozenset(c) for s in range(n + 1) for c in itertools.combinations(range(n), s)]


@st.composite
def set_functions(draw, max_players=6, n=None):
    """A random coalition function (a dict) with v(empty) = 0; not constant-sum in general."""
    if n is None:
        n = draw(st.integers(1, max_players))
    value = st.builds(F, st.integers(-60, 60), st.sampled_from([1, 2, 3, 7]))
    coalitions = all_coalitions(n)
    values = draw(st.lists(value, min_size=len(coalitions) - 1, max_size=len(coalitions) - 1))
    return n, dict(zip(coalitions, [F(0)] + values))


def shapley_by_orders(table, n):
    """The definition: average marginal contribution over all n! arrival orders."""
    totals = [F(0)] * n
    for order in itertools.permutations(range(n)):
        before = frozenset()
        for i in order:
            totals[i] += table[before | {i}] - table[before]
            before = before | {i}
    return tuple(t / math.factorial(n) for t in totals)


# ---------------------------------------------------------------------- known values
def test_majority_and_glove_games():
    assert shapley(lambda S: int(len(S) >= 2), 3) == (F(1, 3),) * 3
    # One left glove (player 0) and two right gloves: a pair is worth 1.
    gloves = lambda S: int(0 in S and len(S) >= 2)
    assert shapley(gloves, 3) == (F(2, 3), F(1, 6), F(1, 6))
    assert star_formula(gloves, 3) == (F(2, 3), F(1, 6), F(1, 6))


def test_two_players_reduce_to_the_coco_split():
    # phi_1 = (v({1}) - v({2}) + W) / 2 (docs/theory.md §1.6).
    v = {frozenset({0}): F(3, 2), frozenset({1}): -1, frozenset({0, 1}): 12}
    assert shapley(v, 2) == star_formula(v, 2) == (F(29, 4), F(19, 4))


def test_players_as_labels_and_callables():
    weights = {"a": 1, "b": 2, "c": F(1, 2)}
    additive = lambda S: sum((weights[p] for p in S), F(0))
    assert shapley(additive, ["a", "b", "c"]) == (1, 2, F(1, 2))
    assert shapley(additive, ["c", "a", "b"]) == (F(1, 2), 1, 2)


def test_values_are_fractions_and_exact():
    result = shapley({frozenset({0}): "0.1", frozenset({1}): "1/3", frozenset({0, 1}): 1}, 2)
    assert all(type(x) is F for x in result)
    assert result == (F(23, 60), F(37, 60))


@given(set_functions())
def test_star_formula_equals_shapley(data):
    n, table = data
    assert star_formula(table, n) == shapley(table, n)


@given(set_functions(max_players=4))
def test_shapley_equals_average_over_orders(data):
    n, table = data
    assert shapley(table, n) == shapley_by_orders(table, n)


@given(set_functions())
def test_efficiency(data):
    n, table = data
    assert sum(shapley(table, n)) == table[frozenset(range(n))]
    assert sum(star_formula(table, n)) == table[frozenset(range(n))]


@given(set_functions(), st.data())
def test_symmetric_players_get_equal_values(data, draw):
    n, table = data
    if n < 2:
        return
    i, j = draw.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
    swap = {i: j, j: i}

    def mirrored(S):
        return frozenset(swap.get(k, k) for k in S)

    # Symmetrise v in i and j: v'(S) = v(S) + v(swap S).
    symmetric = {S: table[S] + table[mirrored(S)] for S in table}
    values = shapley(symmetric, n)
    assert values[i] == values[j]


@given(set_functions(max_players=5), st.data())
def test_null_player_gets_zero(data, draw):
    n, table = data
    # Add a player n who never changes any coalition's value.
    extended = {}
    for S, x in table.items():
        extended[S] = x
        extended[S | {n}] = x
    values = shapley(extended, n + 1)
    assert values[n] == 0
    assert values[:n] == shapley(table, n)


@given(st.integers(1, 5).flatmap(lambda n: st.tuples(set_functions(n=n), set_functions(n=n))))
def test_additivity(pair):
    (n, a), (_, b) = pair
    total = {S: a[S] + b[S] for S in a}
    assert shapley(total, n) == tuple(x + y for x, y in zip(shapley(a, n), shapley(b, n)))


# ---------------------------------------------------------------------- errors
def test_errors():
    with pytest.raises(GameError, match="n = 0"):
        shapley(len, 0)
    with pytest.raises(GameError, match="n = 0"):
        shapley(len, [])
    with pytest.raises(GameError, match="listed twice"):
        shapley(len, ["a", "b", "a"])
    with pytest.raises(GameError, match=r"no value for coalition \{0, 1\}"):
        shapley({frozenset({0}): 1, frozenset({1}): 1}, 2)
    with pytest.raises(GameError, match="must be 0"):
        shapley(lambda S: 1, 2)
    with pytest.raises(GameError, match="must be 0"):
        shapley({frozenset(): 1, frozenset({0}): 1}, 1)
    with pytest.raises(GameError, match=r"v\(\{0\}\).*float"):
        shapley(lambda S: 0.5 if S else 0, 1)
    with pytest.raises(GameError, match="at most 20 players"):
        shapley(len, MAX_PLAYERS + 1)
    with pytest.raises(GameError, match="needs the players"):
        shapley(len)
    with pytest.raises(GameError, match="callable or a mapping"):
        shapley(3, 2)
    with pytest.raises(GameError, match="count or a sequence"):
        shapley(len, "ab")


# ---------------------------------------------------------------------- CoalitionFunction
def test_coalition_function_value_object():
    v = CoalitionFunction.from_mapping(
        {frozenset({0}): 1, frozenset({1}): 0, frozenset({2}): "1/2",
         frozenset({0, 1}): 3, frozenset({0, 2}): 2, frozenset({1, 2}): 2, frozenset({0, 1, 2}): 6},
        ("Ann", "Bob", "Cy"),
    )
    assert v.n == 3 and v.grand == 6
    assert v[{0, 2}] == v[("Ann", "Cy")] == 2 and v[[]] == 0
    assert list(v)[:4] == [frozenset(), frozenset({0}), frozenset({1}), frozenset({2})]
    assert len(v) == 8 and frozenset({1, 2}) in v and frozenset({3}) not in v and "Ann" not in v
    assert v.to_json() == {"1": "1", "2": "0", "3": "1/2", "1,2": "3", "1,3": "2", "2,3": "2", "1,2,3": "6"}
    assert str(v).splitlines() == [
        "v({Ann})          = 1",
        "v({Bob})          = 0",
        "v({Cy})           = 1/2",
        "v({Ann, Bob})     = 3",
        "v({Ann, Cy})      = 2",
        "v({Bob, Cy})      = 2",
        "v({Ann, Bob, Cy}) = 6",
    ]
    assert v.shapley() == shapley(v) == star_formula(v) == shapley(dict(v), 3)
    assert sum(v.shapley()) == 6
    assert not v.is_constant_sum()
    with pytest.raises(AttributeError):
        v.players = ("x",)
    assert v == CoalitionFunction.from_function(dict(v), ["Ann", "Bob", "Cy"])
    assert hash(v) == hash(CoalitionFunction.from_function(dict(v), ["Ann", "Bob", "Cy"]))


def test_coalition_function_constant_sum_and_errors():
    W = 12
    v = CoalitionFunction.from_function(lambda S: {0: 0, 1: 4, 2: 7}[len(S)] if len(S) < 3 else W, ["1", "2", "3"])
    assert not v.is_constant_sum()
    cs = CoalitionFunction.from_function(lambda S: {0: 0, 1: 5, 2: 7, 3: 12}[len(S)], 3)
    assert cs.is_constant_sum() and cs.players == ("1", "2", "3")
    assert cs.shapley() == (4, 4, 4)
    with pytest.raises(GameError, match="has 4 values"):
        CoalitionFunction(("a", "b"), (0, 1, 2))
    with pytest.raises(GameError, match="must be 0"):
        CoalitionFunction(("a",), (1, 1))
    with pytest.raises(GameError, match="unique"):
        CoalitionFunction(("a", "a"), (0, 1, 1, 2))
    with pytest.raises(GameError, match="n = 0"):
        CoalitionFunction((), (0,))
    with pytest.raises(NumberError):
        CoalitionFunction(("a",), (0, 0.5))
    with pytest.raises(GameError, match=r"no value for coalition \{0\}"):
        CoalitionFunction.from_mapping({}, 1)
    with pytest.raises(KeyError):
        v[{5}]
