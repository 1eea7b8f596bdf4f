"""Fallback rule: docs/theory.md §5 numbers for every selection rule, NE variant, range, n players."""

from __future__ import annotations

import dataclasses
import itertools
from fractions import Fraction as F

import pytest
from hypothesis import assume, given, strategies as st

from exactbargain.strategies import games
from exactbargain import CorrelatedEquilibria, Game, GameError
from exactbargain.bargaining import (
    CoalitionSolution,
    FallbackSolution,
    fallback,
    fallback_range,
    select_point,
)
from exactbargain.bargaining.fallback import _fallback_n
from exactbargain.formats import read_game

from _bargain_brute import polygon_rules, shapley_by_orders, team_matrix
from conftest import EXAMPLES

RULES = ("welfare", "egalitarian", "nash", "dictator-1", "dictator-2", "random-dictator")

h = F(1, 2)
# docs/theory.md §5: example -> rule -> (selected d, fallback value)
EXPECTED = {
    "prisoners_dilemma.nfg": {r: ((1, 1), (3, 3)) for r in RULES},
    "chicken.nfg": {
        "welfare": ((F(21, 4), F(21, 4)), (6, 6)),
        "egalitarian": ((F(21, 4), F(21, 4)), (6, 6)),
        "nash": ((F(21, 4), F(21, 4)), (6, 6)),
        "dictator-1": ((7, 2), (F(17, 2), F(7, 2))),
        "dictator-2": ((2, 7), (F(7, 2), F(17, 2))),
        "random-dictator": ((F(9, 2), F(9, 2)), (6, 6)),
    },
    "chicken_locked.nfg": {r: ((7, 2), (7, 2)) for r in RULES},
    "battle_of_the_sexes.nfg": {
        **{r: ((3 * h, 3 * h), (3 * h, 3 * h)) for r in ("welfare", "egalitarian", "nash", "random-dictator")},
        "dictator-1": ((2, 1), (2, 1)),
        "dictator-2": ((1, 2), (1, 2)),
    },
    "matching_pennies.nfg": {r: ((0, 0), (0, 0)) for r in RULES},
    "trivial.nfg": {r: ((0, 0), (0, 0)) for r in RULES},
    "trivial_indifferent_curse.nfg": {r: ((0, 0), (0, 0)) for r in RULES},
    "trivial_costly_curse.nfg": {r: ((0, 0), (0, 0)) for r in RULES},
    "trivial_credible_curse.nfg": {r: ((1, -1000), (F(1001, 2), F(-1001, 2))) for r in RULES},
    "prisoners_dilemma_curse.nfg": {r: ((1, 1), (3, 3)) for r in RULES},
    "battle_of_the_sexes_curse.nfg": {
        **{r: ((3 * h, 3 * h), (3 * h, 3 * h)) for r in ("welfare", "egalitarian", "nash", "random-dictator")},
        "dictator-1": ((2, 1), (2, 1)),
        "dictator-2": ((1, 2), (1, 2)),
    },
}


def vec(v):
    return tuple(F(x) for x in v)


@pytest.mark.parametrize("name,rule", [(n, r) for n in sorted(EXPECTED) for r in RULES])
def test_theory_numbers(name, rule):
    game = read_game(EXAMPLES / name)
    d, value = EXPECTED[name][rule]
    sol = fallback(game, select=rule)
    assert isinstance(sol, FallbackSolution)
    assert sol.disagreement == vec(d)
    assert sol.payoffs == vec(value)
    assert all(type(x) is F for x in sol.payoffs + sol.disagreement)
    assert sum(sol.payoffs) == game.W
    assert sol.verify()
    assert sol.witness.verify() and sol.witness.payoffs == vec(d)
    summary = sol.summary()
    assert summary == {"rule": "fallback", "select": rule, "coalitions": None,
                       "payoffs": [str(x) for x in vec(value)], "disagreement": [str(x) for x in vec(d)],
                       "coalition_values": None, "verified": True}


def test_chicken_details():
    chicken = read_game(EXAMPLES / "chicken.nfg")
    sol = fallback(chicken)
    assert sol.witness.support() == {("D", "C"): F(1, 4), ("C", "D"): F(1, 4), ("C", "C"): F(1, 2)}
    assert sol.surplus == F(3, 4)
    assert "21/4" in sol.explain() and "(6, 6)" in sol.explain()
    assert fallback_range(chicken).intervals == ((F(7, 2), F(17, 2)), (F(7, 2), F(17, 2)))
    bos = read_game(EXAMPLES / "battle_of_the_sexes.nfg")
    assert select_point(bos, "egalitarian").base == (F(2, 3), F(2, 3))
    assert fallback_range(bos).intervals[0] == (1, 2)
    assert fallback_range(bos).verify()


def test_monotonicity_fails_for_the_fallback():
    locked = fallback(read_game(EXAMPLES / "chicken_locked.nfg"))
    free = fallback(read_game(EXAMPLES / "chicken.nfg"))
    assert locked.payoffs[0] == 7 and free.payoffs[0] == 6


def test_nash_equilibrium_variant():
    chicken = read_game(EXAMPLES / "chicken.nfg")
    assert fallback(chicken, equilibrium="nash").payoffs == (6, 6)
    assert fallback(chicken, "dictator-1", equilibrium="nash").payoffs == (F(17, 2), F(7, 2))
    assert fallback(chicken, "dictator-2", equilibrium="nash").payoffs == (F(7, 2), F(17, 2))
    sol = fallback(chicken, "egalitarian", equilibrium="nash")
    assert sol.rule == "nash-fallback" and sol.verify()
    # the cursed PD: the NE (K, Defect) used as d would reproduce CoCo's (503, -497);
    # the rules' tie-breaks keep (1, 1)
    pdc = read_game(EXAMPLES / "prisoners_dilemma_curse.nfg")
    sol = fallback(pdc, "dictator-1", equilibrium="nash")
    assert (1, -999) in sol.selection.equilibria.payoff_set()
    W = pdc.W
    assert (1 + (W - 1 + 999) / 2, -999 + (W - 1 + 999) / 2) == (503, -497)
    for rule in RULES:
        assert fallback(pdc, rule, equilibrium="nash").payoffs == (3, 3)


def test_errors():
    pg = read_game(EXAMPLES / "public_goods3.nfg")
    with pytest.raises(GameError, match="two-player"):
        select_point(pg, "nash")
    with pytest.raises(GameError, match="team-vs-individuals"):
        fallback(pg, "nash", coalitions="team-vs-individuals")
    with pytest.raises(GameError, match="unknown selection rule"):
        fallback(pg, "utilitarian")
    with pytest.raises(GameError, match="player 4"):
        fallback(pg, "dictator-4")
    with pytest.raises(GameError, match="two-player"):
        fallback(pg, equilibrium="nash")


def test_tampering_is_caught():
    sol = fallback(read_game(EXAMPLES / "chicken.nfg"))
    assert not dataclasses.replace(sol, payoffs=(F(7), F(5))).verify()
    assert not dataclasses.replace(sol, disagreement=(F(5), F(5))).verify()


# --------------------------------------------------------------------------- random games
def two_player_games():
    return games(players=2, actions=(1, 3), payoffs=range(-3, 4))


def three_player_games():
    return games(players=3, actions=(1, 2), payoffs=range(-3, 4))


def _ce_vertices_payoffs(game):
    return [v.payoffs for v in CorrelatedEquilibria(game).vertices()]


@given(two_player_games())
def test_two_player_rules_against_polygon_brute_force(game):
    expected = polygon_rules(_ce_vertices_payoffs(game))
    W = game.W
    for rule, d in expected.items():
        sol = fallback(game, rule)
        assert sol.disagreement == d, rule
        assert sol.payoffs == (d[0] + (W - d[0] - d[1]) / 2, d[1] + (W - d[0] - d[1]) / 2)
        assert sol.verify()
    rng = fallback_range(game)
    low, high = rng.intervals[0]
    for rule in expected:
        assert low <= fallback(game, rule).payoffs[0] <= high


@given(two_player_games())
def test_nash_rule_maximises_the_product(game):
    ce = CorrelatedEquilibria(game)
    floor = ce.floor()
    sel = select_point(game, "nash")
    points = _ce_vertices_payoffs(game)
    d = sel.payoffs

    def product(x):
        return (x[0] - floor[0]) * (x[1] - floor[1])

    # every segment between two extreme points lies in P; the maximum is on one of them
    cands = list(points)
    for p, q in itertools.combinations(points, 2):
        e = (q[0] - p[0], q[1] - p[1])
        A = e[0] * e[1]
        B = (p[0] - floor[0]) * e[1] + (p[1] - floor[1]) * e[0]
        if A and 0 < -B / (2 * A) < 1:
            lam = -B / (2 * A)
            cands.append((p[0] + lam * e[0], p[1] + lam * e[1]))
    if any(p[0] > floor[0] for p in points) and any(p[1] > floor[1] for p in points):
        assert product(d) == max(product(c) for c in cands) > 0
    else:
        assert d == select_point(game, "welfare").payoffs
    assert sel.verify()


@given(two_player_games(), st.sampled_from(RULES))
def test_n_player_path_on_two_players_equals_formula(game, rule):
    direct = fallback(game, rule)
    for model in ("two-teams", "team-vs-individuals"):
        star = _fallback_n(game, rule, model)
        assert star.payoffs == direct.payoffs
        assert star.verify()


@given(three_player_games(), st.sampled_from(("welfare", "egalitarian", "dictator-2", "random-dictator")))
def test_three_players_two_teams_against_brute_force(game, rule):
    sol = fallback(game, rule, coalitions="two-teams")
    n, W = 3, game.W
    v = {frozenset(): F(0), frozenset(range(n)): W}
    for S in ([0], [0, 1], [0, 2]):
        A, B = team_matrix(game, S)
        team = Game.bimatrix(A, B)
        rest = [j for j in range(n) if j not in S]
        if rule == "dictator-2":
            model_rule = "dictator-1" if 1 in S else "dictator-2"
        else:
            model_rule = rule
        d = polygon_rules(_ce_vertices_payoffs(team))[model_rule]
        v[frozenset(S)], v[frozenset(rest)] = d
    assert sol.payoffs == shapley_by_orders(v, n)
    assert sum(sol.payoffs) == W
    assert sol.verify()


@given(three_player_games(), st.sampled_from(("welfare", "dictator-1", "dictator-3", "random-dictator")))
def test_three_players_team_vs_individuals_against_brute_force(game, rule):
    """Option B: singletons from the 3-player game itself (generic faces are single vertices),
    pairs from the team game against the remaining individual."""
    n, W = 3, game.W
    P = _ce_vertices_payoffs(game)

    def pick(i):
        m = max(p[i] for p in P)
        face = [p for p in P if p[i] == m]
        top = max(sum(p) for p in face)
        return [p for p in face if sum(p) == top]

    if rule == "welfare":
        top = max(sum(p) for p in P)
        cands = [p for p in P if sum(p) == top]
        assume(len(set(cands)) == 1)
        point = cands[0]
    elif rule == "random-dictator":
        picks = [pick(i) for i in range(n)]
        assume(all(len(set(c)) == 1 for c in picks))
        point = tuple(sum(c[0][i] for c in picks) / n for i in range(n))
    else:
        k = int(rule[-1]) - 1
        c = pick(k)
        assume(len(set(c)) == 1)
        point = c[0]
    v = {frozenset(): F(0), frozenset(range(n)): W}
    for i in range(n):
        v[frozenset([i])] = point[i]
    for S in ([0, 1], [0, 2], [1, 2]):
        A, B = team_matrix(game, S)
        team = Game.bimatrix(A, B)
        rest = [j for j in range(n) if j not in S][0]
        model_rule = rule
        if rule.startswith("dictator-"):
            model_rule = "dictator-1" if int(rule[-1]) - 1 in S else "dictator-2"
        v[frozenset(S)] = polygon_rules(_ce_vertices_payoffs(team))[model_rule][0]
    sol = fallback(game, rule, coalitions="team-vs-individuals")
    assert sol.coalition_function[frozenset(range(n))] == W
    for S, val in v.items():
        assert sol.coalition_function[S] == val, S
    assert sol.payoffs == shapley_by_orders(v, n)
    assert sol.verify()


def test_public_goods_models():
    pg = read_game(EXAMPLES / "public_goods3.nfg")
    for model in ("two-teams", "team-vs-individuals"):
        sol = fallback(pg, coalitions=model)
        assert isinstance(sol, CoalitionSolution)
        assert sum(sol.payoffs) == 9 and sol.verify()
        assert sol.disagreement == tuple(sol.coalition_function[[i]] for i in range(3))


