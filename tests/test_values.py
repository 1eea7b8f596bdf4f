"""Games and results are values: nothing they hand out changes them, and pickle and deepcopy
round-trip them (equal, same hash)."""

import copy
import dataclasses
import inspect
import pickle
from fractions import Fraction

import flint
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from exactbargain import (
    CorrelatedEquilibria,
    Game,
    coco,
    fallback,
    fallback_range,
    kalai_smorodinsky,
    minimax,
    nash_bargaining,
    nash_equilibria,
    security_levels,
    shapley,
)
from exactbargain.axioms import check, threat_precondition
from exactbargain.errors import ExactBargainError, GameError
from exactbargain.axioms import modifications as mods
from exactbargain.lp import LP, solve
from exactbargain.plot import plot_data
from exactbargain.report import solution_table
from exactbargain.search import find_counterexample
from exactbargain.strategies import bimatrix_games, games

from profiles import scaled

CHICKEN = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], players=("Row", "Column"),
                        actions=(("D", "C"), ("D", "C")), title="Chicken")
PUBLIC_GOODS = Game([[[(1, 2, 3), (0, 0, 0)], [(4, 5, 6), (1, 1, "1/2")]]], players=("A", "B", "C"))


def _results(game):
    """The results of every public solver on ``game`` that applies to it."""
    out = [game, coco(game), fallback(game), fallback(game, select="egalitarian"),
           fallback(game, select="random-dictator")]
    ce = CorrelatedEquilibria(game)
    out += [ce, ce.max_welfare(), ce.contains([Fraction(1, game.num_profiles)] * game.num_profiles)]
    if game.num_players == 2:
        out += [fallback(game, select="nash"), fallback(game, equilibrium="nash"), fallback_range(game),
                nash_bargaining(game), kalai_smorodinsky(game), nash_equilibria(game),
                minimax(game.difference()), security_levels(game), threat_precondition(game)]
    else:
        out.append(fallback(game, coalitions="team-vs-individuals"))
    return out


def _more_results():
    lp = LP.from_matrix([[1, 1], [1, -1]], ["<=", ">="], [4, "-1/2"], [1, 3])
    infeasible = LP.from_matrix([[1]], "<=", [-1], [1])
    unbounded = LP.from_matrix([[1, -1]], "<=", [1], [1, 0])
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    return [
        solve(lp), solve(lp).lp, solve(infeasible), solve(unbounded),
        shapley(coco(PUBLIC_GOODS).coalition_function),
        check("monotonicity", "coco", pd, mods.add_action(pd, 0, [(4, 0), (6, 0)])),
        check("shift", "fallback", pd, mods.shift_payoffs(pd, [1, 2])),
        mods.add_uniform_curse(pd, 0, 10),
        find_counterexample("dominated-action", "fallback", max_actions=2, budget=30, hypothesis=False),
        plot_data(CHICKEN),
        solution_table(coco(CHICKEN)),
    ]


ALL = _results(CHICKEN) + _results(PUBLIC_GOODS) + _more_results()


def _name(obj):
    return type(obj).__name__


# --------------------------------------------------------------------------- round trips
def _round_trips(obj):
    yield "pickle", pickle.loads(pickle.dumps(obj))
    yield "pickle protocol 0", pickle.loads(pickle.dumps(obj, protocol=0))
    yield "deepcopy", copy.deepcopy(obj)
    yield "copy", copy.copy(obj)


def _assert_round_trips(obj):
    for how, other in _round_trips(obj):
        assert type(other) is type(obj), how
        assert other == obj, how
        assert hash(other) == hash(obj), how
        if hasattr(obj, "check"):
            assert other.check() == obj.check() == [], how


@pytest.mark.parametrize("obj", ALL, ids=_name)
def test_every_result_round_trips_through_pickle_and_deepcopy(obj):
    _assert_round_trips(obj)


def test_a_game_pickles_its_payoffs_title_and_comment_but_not_its_hash():
    game = Game.zero_sum([["1/3", 2], [-5, 10**30]], players=("p", "q")).with_title("T", "about T")
    hash(game)
    state = pickle.dumps(game)
    other = pickle.loads(state)
    assert (other.title, other.comment, other.players, other.matrix(0)) == (
        "T", "about T", ("p", "q"), [[Fraction(1, 3), 2], [-5, 10**30]])
    assert other._hash is None and hash(other) == hash(game)


def test_an_unpickled_lp_result_is_solved_and_checked_again_from_scratch():
    lp = LP.from_matrix([[1, 1], [1, -1]], ["<=", ">="], [4, "-1/2"], [1, 3]).data
    result = solve(lp)
    assert lp.cache  # the solver left its compiled form behind
    other = pickle.loads(pickle.dumps(result))
    assert other.lp == lp and other.lp is not lp and other.lp.cache == {}
    assert other.verify() and solve(other.lp) == result


@settings(max_examples=scaled(20), deadline=None)
@given(games(players=(1, 3), actions=(1, 3), payoffs=st.one_of(
    st.integers(-4, 4), st.fractions(min_value=-3, max_value=3, max_denominator=7))))
def test_drawn_games_round_trip(game):
    _assert_round_trips(game)


@settings(max_examples=scaled(8), deadline=None)
@given(bimatrix_games(rows=(1, 3), columns=(1, 3), payoffs=(-3, 3)))
def test_results_on_drawn_games_round_trip(game):
    ce = CorrelatedEquilibria(game)
    for obj in (coco(game), fallback(game), fallback_range(game), nash_equilibria(game), ce, ce.max_welfare()):
        _assert_round_trips(obj)


# --------------------------------------------------------------------------- nothing hands out internals
_SKIP_METHODS = {"check", "verify", "vertices", "pareto_frontier"}  # fresh lists, or slow; checked elsewhere


def _outputs(obj):
    """What ``obj`` hands out: fields, properties, and zero-argument methods (for a game also
    the per-player accessors)."""
    cls = type(obj)
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield getattr(obj, f.name)
    if isinstance(obj, Game):
        for i in range(obj.num_players):
            yield obj.payoff_matrix(i)
            yield obj.payoff_entries(i)
            if obj.num_players == 2:
                yield obj.matrix(i)
    for name, member in inspect.getmembers(cls):
        if name.startswith("_") or name in _SKIP_METHODS:
            continue
        if isinstance(member, property):
            yield getattr(obj, name)
        elif inspect.isfunction(member):
            params = list(inspect.signature(member).parameters.values())[1:]
            if all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
                try:
                    value = getattr(obj, name)()
                except ExactBargainError:  # does not apply to this object (a 3-player game's difference())
                    continue
                yield list(value) if inspect.isgenerator(value) or type(value).__name__ == "product" else value


def _write_into(value, seen, depth=0):
    """Write into every mutable object reachable from ``value``; the number of writes."""
    if id(value) in seen or depth > 6:
        return 0
    seen[id(value)] = value  # kept alive, so ids stay unique
    writes = 0
    if isinstance(value, list):
        for item in value:
            writes += _write_into(item, seen, depth + 1)
        value.append("written")
        return writes + 1
    if isinstance(value, dict):
        for item in list(value.values()):
            writes += _write_into(item, seen, depth + 1)
        value["written"] = "written"
        return writes + 1
    if isinstance(value, set):
        value.add("written")
        return writes + 1
    if isinstance(value, (flint.fmpq_mat, flint.fmpz_mat)):
        if value.nrows() and value.ncols():
            value[0, 0] = value[0, 0] + 12345
            return 1
        return 0
    if isinstance(value, np.ndarray):
        if value.flags.writeable and value.size:
            value.flat[0] = value.flat[0] + 1
            return 1
        return 0
    if isinstance(value, (tuple, frozenset)):
        for item in value:
            writes += _write_into(item, seen, depth + 1)
        return writes
    if isinstance(value, (str, bytes, int, float, Fraction, flint.fmpq, flint.fmpz, type(None))):
        return 0
    for out in _outputs(value):
        writes += _write_into(out, seen, depth + 1)
    return writes


@pytest.mark.parametrize("obj", ALL, ids=_name)
def test_writing_into_what_a_result_hands_out_leaves_it_unchanged(obj):
    before = pickle.loads(pickle.dumps(obj))
    seen = {}
    writes = _write_into(obj, seen)
    assert obj == before and hash(obj) == hash(before)
    if hasattr(obj, "check"):
        assert obj.check() == []
    assert writes > 0 or not any(isinstance(v, (list, dict, flint.fmpq_mat)) for v in seen.values())


def test_writing_into_the_payoff_matrix_leaves_the_game_and_its_hash():
    game = Game.bimatrix([[1, 2], [3, 4]], [[0, 0], [0, 0]])
    h = hash(game)
    m = game.payoff_matrix(0)
    m[0, 0] = 99
    assert game.payoff((0, 0)) == (1, 0)
    assert game == Game.bimatrix([[1, 2], [3, 4]], [[0, 0], [0, 0]]) and hash(game) == h
    assert game.payoff_matrix(0) is not game.payoff_matrix(0)


def test_the_audit_writes_into_a_game_s_matrices_lists_and_dicts():
    seen = {}
    writes = _write_into(CHICKEN, seen)
    kinds = {type(v).__name__ for v in seen.values()}
    assert {"fmpq_mat", "list", "dict"} <= kinds and writes >= 8
    assert CHICKEN.payoff(("C", "C")) == (6, 6)


def test_modification_parameters_are_read_only_and_hashable():
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    m = mods.shift_payoffs_by_opponents(pd, 0, [1, 2])
    with pytest.raises(TypeError):
        m.params["h"] = (0, 0)
    assert m.params == {"h": (1, 2)} and hash(m) == hash(mods.shift_payoffs_by_opponents(pd, 0, [1, 2]))


def test_correlated_equilibria_are_equal_by_game_and_method():
    a, b = CorrelatedEquilibria(CHICKEN), CorrelatedEquilibria(pickle.loads(pickle.dumps(CHICKEN)))
    a.max_welfare()
    assert a == b and hash(a) == hash(b) and a.lp_count != b.lp_count
    assert a != CorrelatedEquilibria(CHICKEN, method="exact")
    with pytest.raises(AttributeError):
        a.game = PUBLIC_GOODS


# --------------------------------------------------------------------------- numeric Python input
@pytest.mark.parametrize("dtype", [np.int8, np.int64, np.uint16, np.uint64])
def test_integer_arrays_make_the_same_game_as_lists(dtype):
    A, B = [[0, 7], [2, 6]], [[0, 2], [7, 6]]
    game = Game.bimatrix(np.array(A, dtype=dtype), np.array(B, dtype=dtype), players=("Row", "Column"),
                         actions=(("D", "C"), ("D", "C")))
    assert game == CHICKEN and hash(game) == hash(CHICKEN)
    assert Game.zero_sum(np.array(A, dtype=dtype)) == Game.zero_sum(A)
    assert minimax(np.array([[1, 0], [0, 1]], dtype=dtype)).value == Fraction(1, 2)


def test_numpy_tables_flat_lists_and_scalars():
    table = np.array([[[3, 3], [0, 5]], [[5, 0], [1, 1]]])
    assert Game(table) == Game(table.tolist())
    assert Game.from_flat([np.arange(4), np.array([0, 0, 0, 0])], np.array([2, 2])) == Game.from_flat(
        [[0, 1, 2, 3], [0, 0, 0, 0]], [2, 2])
    g = Game.zero_sum([[np.int64(2), np.uint8(3)], [Fraction(1, 2), "1/3"]])
    assert g.matrix(0) == [[2, 3], [Fraction(1, 2), Fraction(1, 3)]]
    assert CHICKEN.scale(np.array([2, 3])) == CHICKEN.scale([2, 3])
    assert Game.bimatrix([np.array([1, 2])], [np.array([3, 4])]) == Game.bimatrix([[1, 2]], [[3, 4]])
    big = np.array([[2**63 - 1]], dtype=np.int64)
    assert Game.zero_sum(big).payoff((0, 0)) == (2**63 - 1, -(2**63 - 1))


def test_any_rational_number_is_exact():
    import numbers

    class Half(numbers.Rational):  # a minimal registered rational type
        numerator, denominator = 1, 2

        def __float__(self):  # only what the test touches
            return 0.5

    for name in ("__abs__", "__add__", "__ceil__", "__eq__", "__floor__", "__floordiv__", "__le__", "__lt__",
                 "__mod__", "__mul__", "__neg__", "__pos__", "__pow__", "__radd__", "__rfloordiv__", "__rmod__",
                 "__rmul__", "__round__", "__rpow__", "__rtruediv__", "__truediv__", "__trunc__"):
        setattr(Half, name, lambda *args: NotImplemented)
    Half.__abstractmethods__ = frozenset()
    assert Game.zero_sum([[Half()]]).payoff((0, 0)) == (Fraction(1, 2), Fraction(-1, 2))


@pytest.mark.parametrize("bad, message", [
    (np.array([[1, 2.5], [3, 4]]), "A[0][1] is 2.5, an entry of a numpy float64 array"),
    (np.array([[1, 2], [3, np.nan]]), "A[1][1] is nan"),
    (np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32), "A[0][0] is 1.0, an entry of a numpy float32 array, "
                                                          "and floats are not exact; every entry is a whole number"),
    (np.array([[1, 2], [3, 4j]]), "A[1][1] is 4j"),
])
def test_float_arrays_are_refused_naming_the_first_offending_entry(bad, message):
    with pytest.raises(GameError) as info:
        Game.bimatrix(bad, np.zeros((2, 2), dtype=int))
    assert message in str(info.value)
    with pytest.raises(GameError, match=r"M\[") if "A[" in message else pytest.raises(GameError):
        minimax(bad)


@pytest.mark.parametrize("value, fragment", [
    (np.float64(1.0), "np.float64(1.0) is a float, and floats are not exact"),
    (np.float32(0.5), "is a float, and floats are not exact"),
    (np.bool_(True), "is a bool, not a number"),
    (np.array([[True]]), "True is a bool, not a number"),
])
def test_numpy_floats_and_bools_are_refused_like_python_ones(value, fragment):
    with pytest.raises(GameError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        Game.zero_sum(value if isinstance(value, np.ndarray) else [[value]])


def test_numpy_floats_take_from_float_like_python_floats():
    from exactbargain.numbers import to_fraction

    assert to_fraction(np.float32(0.1), from_float=True) == Fraction(*float(np.float32(0.1)).as_integer_ratio())
    assert to_fraction(np.uint64(2**64 - 1)) == 2**64 - 1


@settings(max_examples=scaled(20), deadline=None)
@given(st.integers(1, 4).flatmap(lambda r: st.integers(1, 4).flatmap(lambda c: st.tuples(
    *[st.lists(st.lists(st.integers(-10**20, 10**20), min_size=c, max_size=c), min_size=r, max_size=r)] * 2))))
def test_integer_matrices_take_the_bulk_path_to_the_same_game(matrices):
    A, B = matrices
    table = Game([[(a, b) for a, b in zip(ra, rb)] for ra, rb in zip(A, B)])
    for game in (Game.bimatrix(A, B), Game.bimatrix(np.array(A, dtype=object), np.array(B, dtype=object))):
        assert game == table and hash(game) == hash(table)
    small = [[max(-2**62, min(2**62, x)) for x in row] for row in A]
    assert Game.zero_sum(np.array(small, dtype=np.int64)) == Game([[(a, -a) for a in row] for row in small])
