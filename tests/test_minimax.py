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
