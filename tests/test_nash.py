import itertools
from fractions import Fraction as F
from pathlib import Path

import flint
import pytest
from hypothesis import given, settings, strategies as st

from exactbargain.equilibria import (
    DEFAULT_VERTEX_LIMIT,
    NashEquilibria,
    NashEquilibrium,
    nash_equilibria,
    pure_nash_equilibria,
    vertex_bound,
)
from exactbargain.errors import GameError, NumberError
from exactbargain.formats import read_nfg
from exactbargain.game import Game
from exactbargain.limits import LimitError

from gambit_answers import ASKERS, Live, answers, profile_set
from profiles import scaled
from test_corpus import assert_reads_as, read_quietly  # read_quietly: without sww1.nfg's renaming warning

CORPUS = Path(__file__).resolve().parent / "data" / "gambit"
CORPUS_FILES = sorted(CORPUS.glob("*.nfg"))

CHICKEN = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], actions=(("D", "C"), ("D", "C")))
BOS = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], actions=(("O", "F"), ("O", "F")))
PD = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
PENNIES = Game.zero_sum([[1, -1], [-1, 1]])

third, two_thirds = F(1, 3), F(2, 3)


def strategy_set(result):
    return {e.strategies for e in result}


# ---------------------------------------------------------------------- worked examples
def test_chicken_equilibria_and_payoffs():
    result = nash_equilibria(CHICKEN)
    assert result.method == "vertex-enumeration" and result.complete
    assert strategy_set(result) == {
        ((1, 0), (0, 1)),
        ((third, two_thirds), (third, two_thirds)),
        ((0, 1), (1, 0)),
    }
    assert result.payoff_set() == {(7, 2), (2, 7), (F(14, 3), F(14, 3))}
    assert [e.payoffs for e in result] == [(7, 2), (F(14, 3), F(14, 3)), (2, 7)]
    assert result.verify()


def test_battle_of_the_sexes_mixed_payoff():
    result = nash_equilibria(BOS)
    assert result.payoff_set() == {(2, 1), (1, 2), (two_thirds, two_thirds)}
    mixed = [e for e in result if not e.is_pure]
    assert [e.strategies for e in mixed] == [((two_thirds, third), (third, two_thirds))]


def test_prisoners_dilemma_only_defect_defect():
    result = nash_equilibria(PD)
    assert [e.strategies for e in result] == [((0, 1), (0, 1))]
    assert result[0].pure_profile() == (1, 1)
    assert result[0].payoffs == (1, 1)


def test_matching_pennies_unique_uniform():
    result = nash_equilibria(PENNIES)
    assert strategy_set(result) == {((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))}
    assert result[0].payoffs == (0, 0)


def test_degenerate_game_lists_all_extreme_equilibria():
    # Column player is indifferent everywhere: every x is a best response set to both
    # columns, and the row player's best reply switches at y = (1/2, 1/2).
    game = Game.bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]])
    result = nash_equilibria(game)
    assert strategy_set(result) == {
        ((1, 0), (1, 0)),
        ((1, 0), (F(1, 2), F(1, 2))),
        ((0, 1), (F(1, 2), F(1, 2))),
        ((0, 1), (0, 1)),
    }
    assert result.verify()


def test_all_zero_game_extreme_equilibria_are_pure_profiles():
    result = nash_equilibria(Game.zero_sum([[0, 0, 0], [0, 0, 0]]))
    assert strategy_set(result) == {
        tuple(tuple(int(k == a) for k in range(m)) for a, m in zip(profile, (2, 3)))
        for profile in itertools.product(range(2), range(3))
    }


def test_weakly_dominated_column_gives_a_segment_of_equilibria():
    # Row 1 is a best response to both columns; the column player is indifferent against
    # row 1, so (row 1, any y) is a Nash subset with extreme points y = e_1 and y = e_2.
    game = Game.bimatrix([[1, 1], [0, 2]], [[1, 1], [0, 2]])
    result = nash_equilibria(game)
    assert strategy_set(result) == {((1, 0), (1, 0)), ((1, 0), (F(1, 2), F(1, 2))), ((0, 1), (0, 1))}


def test_str_and_json():
    result = nash_equilibria(CHICKEN)
    text = str(result)
    assert text.splitlines()[0] == "3 extreme Nash equilibria (complete; method vertex-enumeration)"
    assert "1: 1/3 D + 2/3 C; 2: 1/3 D + 2/3 C -> payoffs (14/3, 14/3)" in text
    data = result.to_json()
    assert data["method"] == "vertex-enumeration" and data["complete"] is True
    assert data["equilibria"][1] == {
        "strategies": [["1/3", "2/3"], ["1/3", "2/3"]],
        "payoffs": ["14/3", "14/3"],
    }
    assert str(result[0]) == "(1, 0), (0, 1) -> payoffs (7, 2)"


def test_results_are_frozen_values():
    result = nash_equilibria(BOS)
    with pytest.raises(AttributeError):
        result.complete = False
    with pytest.raises(AttributeError):
        result[0].payoffs = (0, 0)
    assert nash_equilibria(BOS) == result
    assert hash(result[0]) == hash(nash_equilibria(BOS)[0])


def test_equilibrium_refuses_floats():
    with pytest.raises(NumberError):
        NashEquilibrium(((0.5, 0.5),), (1,))
    with pytest.raises(GameError, match="needs 2 payoffs"):
        NashEquilibrium(((1,), (1,)), (1,))


# ---------------------------------------------------------------------- verify catches errors
def test_verify_rejects_non_equilibria():
    def problems(strategies, payoffs):
        fake = NashEquilibria(CHICKEN, (NashEquilibrium(strategies, payoffs),), "vertex-enumeration", True)
        assert not fake.verify()
        return fake.problems()

    # (D, D) pays (0, 0); both gain by swerving.
    found = problems(((1, 0), (1, 0)), (0, 0))
    assert any("gains 2 by deviating to 'C'" in p for p in found)
    assert any("gains 2" in p and "player '2'" in p for p in found)
    # Correct strategies, wrong payoffs.
    assert any("expects 14/3" in p for p in problems(((third, two_thirds), (third, two_thirds)), (5, 5)))
    # Not a probability vector.
    assert any("sum to 4/3" in p for p in problems(((third, 1), (1, 0)), (0, 0)))
    assert any("negative" in p for p in problems(((-1, 2), (1, 0)), (0, 0)))
    assert any("has 2 actions" in p for p in problems(((1,), (1, 0)), (0, 0)))
    # Playing a non-best-response with positive probability: P2 mixes against D although C is better.
    found = problems(((1, 0), (F(1, 2), F(1, 2))), (F(7, 2), 1))
    assert any("not a best response" in p for p in found)
    duplicated = NashEquilibria(CHICKEN, nash_equilibria(CHICKEN).equilibria[:1] * 2, "pure", False)
    assert duplicated.problems() == ("equilibrium 2 is listed twice",)


# ---------------------------------------------------------------------- size limit
def test_vertex_bound_and_limit():
    # Per polytope, the upper-bound-theorem maximum: a segment has 2 vertices, a polygon
    # with k edges k, a simple 3-polytope with k facets 2k - 4.
    assert vertex_bound(1, 1) == 2 + 2
    assert vertex_bound(2, 1) == 3 + 2
    assert vertex_bound(2, 3) == 5 + (2 * 5 - 4)
    assert vertex_bound(3, 3) == 2 * (2 * 6 - 4)
    assert vertex_bound(12, 12) <= DEFAULT_VERTEX_LIMIT < vertex_bound(13, 13)
    with pytest.raises(LimitError, match="13x13 game's best-response polytopes may have up to"):
        nash_equilibria(Game.zero_sum([[0] * 13] * 13))
    with pytest.raises(LimitError, match="the limit nash-vertices=7 allows"):
        nash_equilibria(CHICKEN, limit=7)
    assert len(nash_equilibria(CHICKEN, limit=vertex_bound(2, 2))) == 3


# ---------------------------------------------------------------------- n players
THREE = Game.from_function(
    # Each player wants to match player 1; player 1 wants to match player 2.
    lambda p: (int(p[0] == p[1]), int(p[1] == p[0]), int(p[2] == p[0])),
    [("a", "b")] * 3,
)


def test_three_players_pure_only_and_incomplete():
    result = nash_equilibria(THREE)
    assert result.method == "pure" and not result.complete
    assert {e.pure_profile() for e in result} == {(0, 0, 0), (1, 1, 1)}
    assert all(e.payoffs == (1, 1, 1) for e in result)
    assert "incomplete" in str(result)
    assert result.verify()


def test_players_without_choice_are_dropped():
    # Chicken with a dummy third player (one action) between the two real players.
    table = [[[(u1, u2, 5)] for u1, u2 in zip(r1, r2)] for r1, r2 in zip([[0, 7], [2, 6]], [[0, 2], [7, 6]])]
    game = Game(table).permute_players([0, 2, 1])
    assert game.shape == (2, 1, 2)
    result = nash_equilibria(game)
    assert result.method == "vertex-enumeration" and result.complete
    expected = {(x, (1,), y) for x, y in strategy_set(nash_equilibria(CHICKEN))}
    assert strategy_set(result) == expected
    assert {e.payoffs for e in result} == {(7, 5, 2), (2, 5, 7), (F(14, 3), 5, F(14, 3))}
    assert result.verify()


def test_one_chooser_extreme_equilibria_are_maximisers():
    game = Game.bimatrix([[3], [1], [3]], [[0], [9], [1]])
    result = nash_equilibria(game)
    assert result.complete and result.method == "pure"
    assert {e.pure_profile() for e in result} == {(0, 0), (2, 0)}
    single = nash_equilibria(Game([(4,), (3,)]))
    assert single.complete and [(e.strategies, e.payoffs) for e in single] == [(((1, 0),), (4,))]


def test_pure_nash_on_two_players_is_marked_incomplete():
    result = pure_nash_equilibria(CHICKEN)
    assert not result.complete
    assert {e.pure_profile() for e in result} == {(0, 1), (1, 0)}


# ---------------------------------------------------------------------- Gambit corpus
# Gambit's answers are recorded (gambit_answers.py); the `live` cases ask pygambit itself.
SHAPES = {p: read_quietly(p).shape for p in CORPUS_FILES}
TWO_PLAYER = [p for p in CORPUS_FILES if len(SHAPES[p]) == 2]


def test_corpus_is_present():
    assert len(TWO_PLAYER) >= 38, f"expected the Gambit corpus in {CORPUS}"


@pytest.mark.parametrize("gambit", ASKERS)
@pytest.mark.parametrize("path", TWO_PLAYER, ids=lambda p: p.name)
def test_extreme_equilibria_match_gambit_enummixed(path, gambit):
    game = read_quietly(path)
    assert_reads_as(game, gambit.read_file(path))  # the game Gambit solved
    ours = nash_equilibria(game)
    theirs = profile_set(gambit.enummixed(path))
    assert strategy_set(ours) == theirs
    assert len(ours) == len(theirs)  # we list each extreme equilibrium once
    assert ours.verify()


@pytest.mark.parametrize("gambit", ASKERS)
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_pure_equilibria_match_gambit_enumpure(path, gambit):
    game = read_quietly(path)
    ours = pure_nash_equilibria(game)
    assert strategy_set(ours) == profile_set(gambit.enumpure(path))
    assert ours.verify()


REDUCIBLE = [p for p in CORPUS_FILES if len(SHAPES[p]) > 2 and sum(m > 1 for m in SHAPES[p]) == 2]


@pytest.mark.parametrize("gambit", ASKERS)
@pytest.mark.parametrize("path", REDUCIBLE, ids=lambda p: p.name)
def test_games_with_two_choosers_match_gambit_on_the_reduced_game(path, gambit):
    game = read_quietly(path)
    i, j = [k for k, m in enumerate(game.shape) if m > 1]
    ours = nash_equilibria(game)
    assert ours.method == "vertex-enumeration" and ours.complete and ours.verify()
    base = [0] * game.num_players
    A, B = [], []
    for r in range(game.shape[i]):
        A.append([]), B.append([])
        for c in range(game.shape[j]):
            base[i], base[j] = r, c
            u = game.payoff(tuple(base))
            A[-1].append(u[i]), B[-1].append(u[j])
    theirs = profile_set(gambit.enummixed_bimatrix(A, B))
    assert {(e.strategies[i], e.strategies[j]) for e in ours} == theirs


def test_corpus_has_a_reducible_game():
    assert [p.name for p in REDUCIBLE] == ["perfect3.nfg"]


def test_von_stengel_game_has_75_equilibria():
    result = nash_equilibria(read_nfg(str(CORPUS / "dcg_vonstengel1999_6x6_game_with_75_eq.nfg")))
    assert len(result) == 75 and result.complete


# ---------------------------------------------------------------------- independent methods
def brute_force_vertices(M, rhs_rows):
    """All vertices of {v : M v <= b} by solving every square subsystem (tight sets)."""
    rows, dim = len(M), len(M[0])
    vertices = {}
    for tight in itertools.combinations(range(rows), dim):
        system = flint.fmpq_mat([M[k] for k in tight])
        if system.rank() < dim:
            continue
        point = system.solve(flint.fmpq_mat([[rhs_rows[k]] for k in tight])).entries()
        values = [sum((M[k][d] * point[d] for d in range(dim)), flint.fmpq(0)) for k in range(rows)]
        if all(values[k] <= rhs_rows[k] for k in range(rows)):
            labels = frozenset(k for k in range(rows) if values[k] == rhs_rows[k])
            vertices[tuple(point)] = labels
    return vertices


def brute_force_extreme_equilibria(game, labels_exact=None):
    """Extreme equilibria by enumerating every tight set of both polytopes (no pivoting).

    With ``labels_exact=(m, n)``, return ``None`` if some vertex of P (Q) has more than
    ``m`` (``n``) labels, i.e. if the game is degenerate.
    """
    A, B = game.matrix(0), game.matrix(1)
    m, n = len(A), len(A[0])
    shift_a = 1 - min(min(r) for r in A)
    shift_b = 1 - min(min(r) for r in B)
    def q(value):
        value = F(value)
        return flint.fmpq(value.numerator, value.denominator)

    # P: -x_i <= 0 (label i), (B^T x)_j <= 1 (label m + j).
    MP = [[q(-1) if d == i else q(0) for d in range(m)] for i in range(m)]
    MP += [[q(B[i][j] + shift_b) for i in range(m)] for j in range(n)]
    # Q: (A y)_i <= 1 (label i), -y_j <= 0 (label m + j).
    MQ = [[q(A[i][j] + shift_a) for j in range(n)] for i in range(m)]
    MQ += [[q(-1) if d == j else q(0) for d in range(n)] for j in range(n)]
    P = brute_force_vertices(MP, [q(0)] * m + [q(1)] * n)
    Q = brute_force_vertices(MQ, [q(1)] * m + [q(0)] * n)
    if labels_exact is not None:
        if any(len(lx) != m for lx in P.values()) or any(len(ly) != n for ly in Q.values()):
            return None
    found = set()
    for x, lx in P.items():
        for y, ly in Q.items():
            if any(x) and any(y) and lx | ly == frozenset(range(m + n)):
                sx, sy = sum(x), sum(y)
                found.add((tuple(F(int((v / sx).p), int((v / sx).q)) for v in x),
                           tuple(F(int((v / sy).p), int((v / sy).q)) for v in y)))
    return found


def support_enumeration(game):
    """Equilibria from equal-size support pairs whose indifference systems are regular."""
    A, B = game.matrix(0), game.matrix(1)
    m, n = len(A), len(A[0])
    BT = [[B[i][j] for i in range(m)] for j in range(n)]
    found = set()

    def solve(M, I, J):
        # z supported on J, sum 1, (M z)_i equal to v for i in I; unknowns z_J and v.
        k = len(J)
        rows = [[flint.fmpq(M[i][j].numerator, M[i][j].denominator) for j in J] + [flint.fmpq(-1)] for i in I]
        rows.append([flint.fmpq(1)] * k + [flint.fmpq(0)])
        system = flint.fmpq_mat(rows)
        if system.rank() < k + 1:
            return None
        sol = system.solve(flint.fmpq_mat([[0]] * len(I) + [[1]])).entries()
        z = [F(0)] * len(M[0])
        for j, v in zip(J, sol):
            z[j] = F(int(v.p), int(v.q))
        return tuple(z)

    def best_replies(M, z):
        values = [sum(a * b for a, b in zip(row, z)) for row in M]
        return {i for i, v in enumerate(values) if v == max(values)}

    for k in range(1, min(m, n) + 1):
        for I in itertools.combinations(range(m), k):
            for J in itertools.combinations(range(n), k):
                y, x = solve(A, I, J), solve(BT, J, I)
                if x is None or y is None or min(x) < 0 or min(y) < 0:
                    continue
                if set(I) <= best_replies(A, y) and set(J) <= best_replies(BT, x):
                    found.add((x, y))
    return found


def is_nondegenerate(game):
    m, n = game.shape
    return brute_force_extreme_equilibria(game, labels_exact=(m, n)) is not None


def bimatrices(low, high, max_size=3):
    def build(draw):
        m = draw(st.integers(1, max_size))
        n = draw(st.integers(1, max_size))
        cell = st.integers(low, high)
        A = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
        B = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
        return Game.bimatrix(A, B)

    return st.composite(lambda draw: build(draw))()


@given(bimatrices(-2, 2))
def test_vertex_search_matches_brute_force_tight_sets(game):
    # Small payoff ranges make most of these games degenerate.
    result = nash_equilibria(game)
    assert strategy_set(result) == brute_force_extreme_equilibria(game)
    assert result.verify()


@pytest.mark.gambit
@given(bimatrices(-2, 2, max_size=4))
def test_random_games_match_gambit(game):
    theirs = profile_set(Live().enummixed_bimatrix(game.matrix(0), game.matrix(1)))
    assert strategy_set(nash_equilibria(game)) == theirs


@pytest.mark.parametrize("gambit", ASKERS)
@pytest.mark.parametrize("case", answers()["bimatrices"], ids=lambda case: case["name"])
def test_recorded_bimatrix_games_match_gambit(case, gambit):
    game = Game.bimatrix(case["A"], case["B"])
    assert strategy_set(nash_equilibria(game)) == profile_set(gambit.enummixed_bimatrix(case["A"], case["B"]))


@given(st.one_of(bimatrices(-1000, 1000), bimatrices(-1, 1)))
def test_support_enumeration_agrees(game):
    ours = strategy_set(nash_equilibria(game))
    supports = support_enumeration(game)
    # A regular equal-support solution is a pair of vertices: always one of ours.
    assert supports <= ours
    # In a nondegenerate game support enumeration finds every equilibrium.
    if is_nondegenerate(game):
        assert supports == ours


def test_support_enumeration_misses_degenerate_extreme_equilibria():
    # The column player is indifferent everywhere, so her indifference system is singular.
    game = Game.bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]])
    assert not is_nondegenerate(game)
    missed = strategy_set(nash_equilibria(game)) - support_enumeration(game)
    assert missed == {((1, 0), (F(1, 2), F(1, 2))), ((0, 1), (F(1, 2), F(1, 2)))}


def test_chicken_is_nondegenerate():
    assert is_nondegenerate(CHICKEN)
    assert support_enumeration(CHICKEN) == strategy_set(nash_equilibria(CHICKEN))


@given(bimatrices(-3, 3), st.data())
def test_invariant_under_relabelling_and_shifts(game, data):
    base = nash_equilibria(game)
    # Swapping the players swaps the strategies and payoffs.
    swapped = nash_equilibria(game.permute_players([1, 0]))
    assert {(e.strategies[1], e.strategies[0]) for e in swapped} == strategy_set(base)
    # Reordering actions permutes probabilities.
    m, n = game.shape
    rows = data.draw(st.permutations(range(m)))
    reordered = nash_equilibria(game.reorder_actions(0, rows))
    assert {(tuple(x[r] for r in rows), y) for x, y in strategy_set(base)} == strategy_set(reordered)
    # Positive affine changes of each player's payoffs keep the equilibria.
    scaled = game.scale([F(1, 3), 7]).shift([-5, F(1, 2)])
    assert strategy_set(nash_equilibria(scaled)) == strategy_set(base)
    assert {e.payoffs for e in nash_equilibria(scaled)} == {
        (u1 / 3 - 5, 7 * u2 + F(1, 2)) for u1, u2 in base.payoff_set()
    }


@settings(max_examples=scaled(20))
@given(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3), st.data())
def test_pure_equilibria_n_players_by_definition(m1, m2, m3, data):
    shape = (m1, m2, m3)
    size = m1 * m2 * m3
    flat = [data.draw(st.lists(st.integers(-1, 1), min_size=size, max_size=size)) for _ in range(3)]
    game = Game.from_flat(flat, list(shape))
    expected = set()
    for a in itertools.product(*(range(m) for m in shape)):
        u = game.payoff(a)
        if all(
            game.payoff(a[:i] + (k,) + a[i + 1:])[i] <= u[i] for i in range(3) for k in range(shape[i])
        ):
            expected.add(a)
    result = pure_nash_equilibria(game)
    assert {e.pure_profile() for e in result} == expected
    assert result.verify()
