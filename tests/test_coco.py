"""CoCo value: docs/theory.md §5 numbers, the decomposition, n players against brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, strategies as st

from exactbargain.strategies import games
from exactbargain import Game
from exactbargain.bargaining import CoalitionSolution, CoCoSolution, coco, n_player_value
from exactbargain.formats import read_game

from _bargain_brute import matrix_value, shapley_by_orders, team_matrix
from conftest import EXAMPLES

# docs/theory.md §5: example -> (CoCo, kappa)
COCO = {
    "prisoners_dilemma.nfg": ((3, 3), 0),
    "chicken.nfg": ((6, 6), 0),
    "chicken_locked.nfg": ((F(9, 2), F(9, 2)), 0),
    "battle_of_the_sexes.nfg": ((F(3, 2), F(3, 2)), 0),
    "matching_pennies.nfg": ((0, 0), 0),
    "trivial.nfg": ((0, 0), 0),
    "trivial_indifferent_curse.nfg": ((500, -500), 500),
    "trivial_costly_curse.nfg": ((F(999, 2), F(-999, 2)), F(999, 2)),
    "trivial_credible_curse.nfg": ((F(1001, 2), F(-1001, 2)), F(1001, 2)),
    "prisoners_dilemma_curse.nfg": ((503, -497), 500),
    "battle_of_the_sexes_curse.nfg": ((501, -498), F(999, 2)),
}


@pytest.mark.parametrize("name", sorted(COCO))
def test_theory_numbers(name):
    game = read_game(EXAMPLES / name)
    value = coco(game)
    payoffs, kappa = COCO[name]
    assert isinstance(value, CoCoSolution)
    assert value.payoffs == tuple(F(p) for p in payoffs)
    assert value.kappa == kappa
    assert all(type(p) is F for p in value.payoffs)
    assert sum(value.payoffs) == game.W
    assert value.verify()
    summary = value.summary()
    assert summary["rule"] == "coco" and summary["disagreement"] is None and summary["verified"] is True


def test_decomposition_and_side_payment():
    game = read_game(EXAMPLES / "trivial_indifferent_curse.nfg")
    value = coco(game)
    assert value.agreement.profile == (0, 0)
    assert value.side_payments == (500, -500)
    x, y = value.threat_strategies
    assert x == (0, 1) and y == (1,)  # Row's threat is the curse
    assert value.threat_point == (0, -1000)
    text = value.explain()
    assert "kappa = val(Z) = 500" in text and "Column pays Row 500" in text
    doc = value.to_json()
    assert doc["kappa"] == "500" and doc["side_payments"] == ["500", "-500"]


def test_check_catches_tampering():
    value = coco(read_game(EXAMPLES / "chicken.nfg"))
    import dataclasses

    bad = dataclasses.replace(value, payoffs=(F(7), F(5)))
    assert not bad.verify()
    bad = dataclasses.replace(value, kappa=F(1))
    assert not bad.verify()


def test_public_goods_three_players():
    game = read_game(EXAMPLES / "public_goods3.nfg")
    value = coco(game)
    assert isinstance(value, CoalitionSolution)
    assert value.payoffs == (3, 3, 3)
    assert value.coalition_function.is_constant_sum()
    assert value.verify()
    assert value.summary()["coalition_values"]["1,2,3"] == "9"


def two_player_games():
    return games(players=2, actions=(1, 3), payoffs=range(-4, 5))


def three_player_games():
    return games(players=3, actions=(1, 2), payoffs=range(-4, 5))


@given(two_player_games())
def test_two_player_formula_against_brute_force(game):
    value = coco(game)
    A, B = game.matrix(0), game.matrix(1)
    kappa = matrix_value([[(a - b) / 2 for a, b in zip(ra, rb)] for ra, rb in zip(A, B)])
    W = max(a + b for ra, rb in zip(A, B) for a, b in zip(ra, rb))
    assert value.payoffs == (W / 2 + kappa, W / 2 - kappa)
    assert value.verify()


@given(two_player_games())
def test_n_player_path_on_two_players_equals_formula(game):
    direct = coco(game)
    star = n_player_value(game, lambda g: coco(g))
    assert star.payoffs == direct.payoffs
    assert star.verify()


@given(three_player_games())
def test_three_players_against_brute_force(game):
    value = coco(game)
    n = 3
    W = game.W
    v = {frozenset(): F(0), frozenset(range(n)): W}
    for k in (1, 2):
        for S in itertools.combinations(range(n), k):
            A, B = team_matrix(game, list(S))
            kappa = matrix_value([[(a - b) / 2 for a, b in zip(ra, rb)] for ra, rb in zip(A, B)])
            v[frozenset(S)] = W / 2 + kappa
    assert value.coalition_function.to_json() == {
        ",".join(str(i + 1) for i in sorted(S)): str(val)
        for S, val in sorted(v.items(), key=lambda kv: (len(kv[0]), sorted(kv[0]))) if S
    }
    assert value.payoffs == shapley_by_orders(v, n)
    assert sum(value.payoffs) == W
    assert value.verify()
