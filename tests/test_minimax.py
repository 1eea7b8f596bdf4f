import random
from fractions import Fraction as F

import pytest
from hypothesis import given, strategies as st

from exactbargain import Game
from exactbargain.equilibria import minimax, security_levels
from exactbargain.errors import GameError

from gambit_answers import ASKERS, exact

matrices = st.integers(1, 5).flatmap(
    lambda r: st.integers(1, 5).flatmap(
        lambda c: st.lists(st.lists(st.integers(-9, 9), min_size=c, max_size=c), min_size=r, max_size=r)
    )
)


REFERENCE = [["1/3", "-1/2"], ["-1/5", "1/7"]]


def _random_matrices():
    rnd = random.Random(5)
    return [[[rnd.randint(-20, 20) for _ in range(4)] for _ in range(3)] for _ in range(5)]


# The matrix games whose pygambit lp_solve(rational=True) answer is recorded
# (tests/data/record_gambit.py asks these).
LP_GAMES = [REFERENCE, *_random_matrices()]


@pytest.mark.parametrize("gambit", ASKERS)
def test_gambit_reference_value(gambit):
    # pygambit lp_solve(rational=True) on this game gives -11/247 and these strategies
    sol = minimax(REFERENCE)
    assert sol.value == F(-11, 247)
    assert sol.row_strategy == (F(72, 247), F(175, 247))
    assert sol.column_strategy == (F(135, 247), F(112, 247))
    assert sol.verify()
    theirs = gambit.lp_solve(REFERENCE)
    assert (F(theirs["value"]), exact(theirs["strategies"])) == (sol.value, (sol.row_strategy, sol.column_strategy))


def test_saddle_point_and_1x1():
    sol = minimax([[3, 1], [4, 2]])  # saddle at (row 2, column 2)
    assert sol.value == 2 and sol.row_strategy == (0, 1) and sol.column_strategy == (0, 1)
    assert minimax([[F(-7, 3)]]).value == F(-7, 3)


def test_theory_difference_games():
    # docs/theory.md §5.2: Chicken's (u1 - u2)/2 has a saddle at (D, D): kappa = 0
    chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    assert minimax(chicken.difference()).value == 0
    # BoS: Z = [[1/2, 0], [0, -1/2]], saddle at (O, F)
    bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert minimax(bos.difference().scale("1/2")).value == 0


def test_game_input_must_be_zero_sum():
    with pytest.raises(GameError, match="zero-sum"):
        minimax(Game.bimatrix([[1]], [[1]]))
    with pytest.raises(GameError, match="ragged"):
        minimax([[1, 2], [3]])
    with pytest.raises(GameError, match="float"):
        minimax([[0.5]])
    assert minimax(Game.zero_sum([[1, -1], [-1, 1]])).value == 0


def test_tampered_solution_fails_verify():
    sol = minimax([[1, -1], [-1, 1]])
    from dataclasses import replace

    assert not replace(sol, value=F(1, 2)).verify()
    assert not replace(sol, row_strategy=(F(1), F(0))).verify()
    assert not replace(sol, column_strategy=(F(1, 2), F(1, 3))).verify()


@given(matrices)
def test_random_matrices_verify_and_methods_agree(M):
    exact = minimax(M, method="exact")
    auto = minimax(M)
    assert exact.verify() and auto.verify()
    assert exact.value == auto.value
    # the value is between the pure maximin and minimax
    assert max(min(row) for row in M) <= exact.value <= min(max(col) for col in zip(*M))
    # scaling and shifting
    shifted = minimax([[x + 3 for x in row] for row in M])
    assert shifted.value == exact.value + 3


@pytest.mark.parametrize("gambit", ASKERS)
@pytest.mark.parametrize("A", _random_matrices())
def test_against_pygambit_lp_solve(A, gambit):
    assert minimax(A).value == F(gambit.lp_solve(A)["value"])


def test_security_levels_two_and_three_players():
    chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    assert security_levels(chicken).levels == (2, 2)
    bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    levels = security_levels(bos)
    assert levels.levels == (F(2, 3), F(2, 3)) and levels.verify()
    # docs/theory.md §3.4: a strictly dominated curse drops player 2's security level to -1000
    cursed = bos.add_action(0, [(-1, -1000), (-1, -1000)])
    assert security_levels(cursed).levels == (F(2, 3), -1000)
    # three players: the matrix of player i is against the others' joint profiles
    # u3 = 2 when player 3 matches player 1, else -1: mixing 1/2-1/2 secures 1/2
    g = Game.from_function(
        lambda p: (int(p[0]) - int(p[1]), int(p[1]) * int(p[2]), 2 if p[2] == p[0] else -1),
        [("0", "1"), ("0", "1"), ("0", "1")],
    )
    levels = security_levels(g)
    assert levels.levels == (0, 0, F(1, 2))
    assert levels.solutions[2].row_strategy == (F(1, 2), F(1, 2))


# --------------------------------------------------------------------------- bulk input
import copy
import importlib
import math
import pickle
from dataclasses import replace

import flint
import numpy as np

from exactbargain.equilibria.minimax import FractionMatrix
from exactbargain.lp import LP

# the package's ``minimax`` attribute is the function; these are the modules
minimax_module = importlib.import_module("exactbargain.equilibria.minimax")
lp_data_module = importlib.import_module("exactbargain.lp.data")


def _reference_lp(M):
    """The zero-sum LP of ``M`` built entry by entry from plain Fractions (``add_row``'s path):
    column ``b`` over the common denominator ``D`` becomes ``(x N)_b - D v >= 0``."""
    rows, cols = len(M), len(M[0])
    den = math.lcm(*[F(e).denominator for row in M for e in row])
    lp = LP("max")
    lp.add_variables(rows)
    lp.add_variable(free=True)
    for b in range(cols):
        lp.add_row([F(M[a][b]) * den for a in range(rows)] + [F(-den)], ">=", F(0))
    lp.add_row([F(1)] * rows + [F(0)], "=", F(1))
    lp.set_objective([F(0)] * rows + [F(1)])
    return lp.data


def _random_inputs():
    rnd = random.Random(16)
    out = []
    for t in range(24):
        m, n = rnd.randint(1, 9), rnd.randint(1, 9)
        kind = t % 6
        if kind == 0:
            A = [[rnd.randint(-50, 50) for _ in range(n)] for _ in range(m)]
        elif kind == 1:
            dtype = (np.int8, np.int16, np.int32, np.int64, np.uint8)[t % 5]
            A = np.array([[rnd.randint(0 if dtype is np.uint8 else -50, 50) for _ in range(n)] for _ in range(m)],
                         dtype=dtype)
        elif kind == 2:  # unlike denominators
            A = [[F(rnd.randint(-50, 50), rnd.randint(1, 40)) for _ in range(n)] for _ in range(m)]
        elif kind == 3:  # beyond int64
            A = [[rnd.randint(-10**30, 10**30) for _ in range(n)] for _ in range(m)]
        elif kind == 4:  # ints and Fractions mixed, all negative
            A = [[rnd.choice([-rnd.randint(1, 9), F(-rnd.randint(1, 9), rnd.randint(2, 7))]) for _ in range(n)]
                 for _ in range(m)]
        else:  # huge Fractions
            A = [[F(rnd.randint(-10**25, 10**25), rnd.randint(1, 10**20)) for _ in range(n)] for _ in range(m)]
        out.append(A)
    return out


@pytest.mark.parametrize("A", _random_inputs())
def test_bulk_input_gives_the_entry_by_entry_result(A):
    plain = A.tolist() if isinstance(A, np.ndarray) else A
    bulk = minimax(A)
    # strings and an fmpq_mat take the entry-by-entry coercion
    one_by_one = [minimax([[str(e) for e in row] for row in plain]),
                  minimax(flint.fmpq_mat([[flint.fmpq(F(e).numerator, F(e).denominator) for e in row]
                                          for row in plain]))]
    for other in one_by_one:
        assert (bulk.value, bulk.row_strategy, bulk.column_strategy) == \
               (other.value, other.row_strategy, other.column_strategy)
        assert bulk.certificate.lp == other.certificate.lp and bulk.matrix == other.matrix
    assert bulk.certificate.lp == _reference_lp(plain)
    assert bulk.matrix == tuple(tuple(F(e) for e in row) for row in plain)
    assert bulk.verify() and bulk.certificate.verify()


def test_integer_and_fraction_matrices_take_no_conversion_per_entry(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("an entry was converted on its own")

    monkeypatch.setattr(minimax_module, "to_fmpq", refuse)
    monkeypatch.setattr(lp_data_module, "to_fmpq", refuse)
    # x = (3/5, 2/5) and y = (1/2, 1/2, 0) hold both players to 1 whatever the third column's
    # entry below 1 (for x it pays 6/5 + 2/5 * that entry, at least 1)
    for A in ([[3, -1, 2], [-2, 4, 10**40]], np.array([[3, -1, 2], [-2, 4, 7]])):
        sol = minimax(A)
        assert (sol.value, sol.row_strategy, sol.column_strategy) == (1, (F(3, 5), F(2, 5)), (F(1, 2), F(1, 2), 0))
    # [[a, b], [c, d]] without a saddle: value (ad - bc) / (a + d - b - c)
    assert minimax([[F(1, 2), -1], [F(-1, 3), 1]]).value == F(1, 17)


def test_the_matrix_of_a_solution_is_a_tuple_of_fraction_rows_made_on_demand():
    sol = minimax([[1, F(-1, 2)], [-3, 2]])
    M = sol.matrix
    assert isinstance(M, FractionMatrix) and (M.numerators, M.denominator, M.shape) == ((2, -1, -6, 4), 2, (2, 2))
    expected = ((F(1), F(-1, 2)), (F(-3), F(2)))
    assert M == expected and expected == M and not M != expected and hash(M) == hash(expected)
    assert M[1] == (F(-3), F(2)) and M[0][1] == F(-1, 2) and list(M) == list(expected) and len(M) == 2
    assert repr(M) == repr(expected) and M != [list(r) for r in expected]
    for other in (pickle.loads(pickle.dumps(sol)), copy.deepcopy(sol)):
        assert other == sol and hash(other) == hash(sol) and other.verify()
    # the stored integers are reduced: equal matrices compare equal however they were made
    assert FractionMatrix([4, -2, -12, 8], 4, 2) == M
    with pytest.raises(ValueError):
        FractionMatrix([1, 2, 3], 1, 2)
    with pytest.raises(TypeError):
        FractionMatrix([1, 2.0], 1, 2)


def test_check_multiplies_out_any_matrix_it_is_given():
    sol = minimax([[2, -1], [-1, 1]])
    assert sol.value == F(1, 5) and sol.verify()
    same = replace(sol, matrix=((F(2), F(-1)), (F(-1), F(1))))
    assert same.verify() and same == sol
    wrong = replace(sol, matrix=((F(2), F(-1)), (F(-1), F(2))))
    # y = (2/5, 3/5) concedes max(4/5 - 3/5, -2/5 + 6/5) there
    assert wrong.check() == ["the column strategy concedes 4/5, not 1/5"]


@pytest.mark.parametrize("bad, message", [
    ([[1, 2], [3]], "matrix M is ragged: row 2 has 1 entries, row 1 has 2"),
    ([], "matrix M must be a non-empty list of rows"),
    ([[]], "row 1 of matrix M must be a non-empty list"),
    (np.zeros((0, 3), dtype=int), "matrix M must be a non-empty list of rows"),
    (flint.fmpq_mat(0, 0), "minimax needs a non-empty matrix"),
    ([[1, 0.5]], "matrix entry [0][1]: 0.5 is a float, and floats are not exact"),
    ([[F(1, 2)], [0.5]], "matrix entry [1][0]: 0.5 is a float, and floats are not exact"),
    ([[1, True]], "matrix entry [0][1]: True is a bool, not a number"),
    (np.array([[1, 2.5]]), "M[0][1] is 2.5, an entry of a numpy float64 array"),
    (np.array([[1.0, 2.0]]), "M[0][0] is 1.0, an entry of a numpy float64 array, and floats are not exact; "
                             "every entry is a whole number"),
])
def test_bad_matrices_keep_their_messages(bad, message):
    with pytest.raises(GameError) as info:
        minimax(bad)
    assert message in str(info.value)
