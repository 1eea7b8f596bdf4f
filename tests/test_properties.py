"""The property suite: which axioms of docs/theory.md §4 each rule satisfies, against its table.

Satisfied axioms (✓) are checked on generated games; violated ones (✗) by a counterexample
that is either pinned (the worked examples of docs/theory.md §4, §5) or *found* by the search.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactbargain import Game
from exactbargain.axioms import (SELECTIONS, check, coco_curse_bounds, credible_threat, opponent_shift,
                                 threat_precondition, uniform_curse)
from exactbargain.axioms import modifications as mods
from exactbargain.search import find_counterexample
from exactbargain.strategies import bimatrix_games, credible_threats, instances

FALLBACKS = [f"fallback:{s}" for s in SELECTIONS]
RULES = ["coco"] + FALLBACKS

# docs/theory.md §4 summary table: True = satisfied on all games, False = counterexample.
TABLE = {
    "efficiency": dict.fromkeys(RULES, True),
    "anonymity": {**dict.fromkeys(RULES, True), "fallback:dictator-1": False, "fallback:dictator-2": False},
    "relabelling": dict.fromkeys(RULES, True),
    "shift": dict.fromkeys(RULES, True),
    "opponent-shift": dict.fromkeys(RULES, False),
    "dominance": dict.fromkeys(RULES, True),
    "monotonicity": {**dict.fromkeys(RULES, False), "coco": True},
    "redundancy": dict.fromkeys(RULES, True),
    "uniform-curse": {"coco": False, "fallback:welfare": True, "fallback:egalitarian": False, "fallback:nash": False,
                      "fallback:dictator-1": True, "fallback:dictator-2": True, "fallback:random-dictator": True},
    "dominated-action": {**dict.fromkeys(RULES, True), "coco": False},
    "credible-threat": dict.fromkeys(RULES, True),
}

# Fallback evaluations cost ~10-30 ms each: a quarter of the profile's examples per test.
SLOW = max(8, settings().max_examples // 4)
FAST = settings().max_examples

SATISFIED = [(a, r) for a, row in TABLE.items() for r, ok in row.items() if ok]
VIOLATED = [(a, r) for a, row in TABLE.items() for r, ok in row.items() if not ok]


def _draw_instance(data, axiom):
    return data.draw(instances(axiom, players=2, actions=(1, 3), payoffs=(-3, 3)), label="instance")


@pytest.mark.parametrize("axiom,rule", [p for p in SATISFIED if p[1] == "coco"])
@settings(max_examples=FAST)
@given(data=st.data())
def test_coco_satisfies(axiom, rule, data):
    game, mod = _draw_instance(data, axiom)
    v = check(axiom, rule, game, mod)
    assert v.holds, str(v)


@pytest.mark.parametrize("axiom,rule", [p for p in SATISFIED if p[1] != "coco"])
@settings(max_examples=SLOW)
@given(data=st.data())
def test_fallback_satisfies(axiom, rule, data):
    game, mod = _draw_instance(data, axiom)
    v = check(axiom, rule, game, mod)
    assert v.holds, str(v)


def test_table_covers_every_axiom_and_rule():
    from exactbargain.axioms import AXIOMS

    assert set(TABLE) == set(AXIOMS)
    assert all(set(row) == set(RULES) for row in TABLE.values())


# ---------------------------------------------------------------- pinned counterexamples (docs/theory.md §4, §5)
CHICKEN = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], actions=(("D", "C"), ("D", "C")))
LOCKED = CHICKEN.restrict({0: ["D"]})
PD = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
BOS = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], actions=(("O", "F"), ("O", "F")))
TRIVIAL = Game.bimatrix([[0]], [[0]], actions=(("Wait",), ("Wait",)))


def _pinned(axiom, rule):
    if axiom == "anonymity":
        return check(axiom, rule, CHICKEN)
    if axiom == "opponent-shift":
        return opponent_shift(rule, PD, player=0, h=[0, -4])
    if axiom == "monotonicity":
        return check(axiom, rule, LOCKED if rule != "fallback:dictator-1" else Game.bimatrix([[0], [1]], [[1], [-1]]),
                     CHICKEN if rule != "fallback:dictator-1" else Game.bimatrix([[0], [1], [1]], [[1], [-1], [0]]))
    if axiom == "uniform-curse":
        return uniform_curse(rule, BOS if rule != "coco" else TRIVIAL, player=0, size=1000, copy=0)
    if axiom == "dominated-action":
        return check(axiom, rule, TRIVIAL, TRIVIAL.add_action(0, [(-1, -1000)], label="Curse"))
    raise AssertionError(axiom)


@pytest.mark.parametrize("axiom,rule", VIOLATED)
def test_pinned_counterexample(axiom, rule):
    v = _pinned(axiom, rule)
    assert not v.holds, str(v)
    assert v.certificates


def test_chicken_monotonicity_numbers():
    """docs/theory.md §4, A6 table."""
    want = {"welfare": 6, "egalitarian": 6, "nash": 6, "random-dictator": 6, "dictator-2": Fraction(7, 2),
            "dictator-1": Fraction(17, 2)}
    for sel, after in want.items():
        v = check("monotonicity", f"fallback:{sel}", LOCKED, CHICKEN)
        assert v.values_before == (7, 2)
        assert v.values_after[0] == after
        assert v.holds == (sel == "dictator-1")
    v = check("monotonicity", "coco", LOCKED, CHICKEN)
    assert v.holds and v.values_before == (Fraction(9, 2),) * 2 and v.values_after == (6, 6)


def test_opponent_shift_pd_numbers():
    for rule in RULES:
        v = opponent_shift(rule, PD, player=0, h=[0, -4])
        assert (v.values_before, v.values_after) == ((3, 3), (1, 5)), rule


def test_threat_examples():
    """docs/theory.md §5.6."""
    assert uniform_curse("coco", TRIVIAL, player=0, size=1000, copy=0).values_after == (500, -500)
    assert uniform_curse("coco", PD, player=0, size=1000, copy="D").values_after == (503, -497)
    for rule in FALLBACKS:
        assert uniform_curse(rule, PD, player=0, size=1000, copy="D").holds
    v = check("dominated-action", "coco", BOS, BOS.add_action(0, [(-1, -1000), (-1, -1000)], label="K"))
    assert v.values_after == (501, -498)


# ---------------------------------------------------------------- A6 and friends found by search
@pytest.mark.parametrize("select", SELECTIONS)
def test_search_finds_monotonicity_violation(select):
    r = find_counterexample("monotonicity", "fallback", select=select, max_actions=3, payoffs=range(-1, 2),
                            budget=1500, hypothesis=False)
    assert r.found and r.phase == "enumeration", str(r)
    v = r.verdict
    assert not v.holds and v.values_after[v.player] < v.values_before[v.player]
    assert r.exhaustive_below
    assert v.after.num_profiles <= 3  # a decision problem of one player suffices


def test_search_finds_monotonicity_violation_in_two_by_two():
    r = find_counterexample("monotonicity", "fallback", select="dictator-2", max_actions=2, payoffs=range(-1, 2),
                            budget=3000, hypothesis=False)
    assert r.found and r.verdict.after.shape == (2, 2), str(r)


@pytest.mark.parametrize("axiom,rule", [("uniform-curse", "coco"), ("dominated-action", "coco"),
                                        ("anonymity", "fallback:dictator-1"),
                                        ("opponent-shift", "coco"), ("opponent-shift", "fallback:welfare")])
def test_search_finds_other_violations(axiom, rule):
    r = find_counterexample(axiom, rule, max_actions=2, payoffs=range(-1, 2), budget=2000, hypothesis=False)
    assert r.found, str(r)


@pytest.mark.parametrize("select", ["egalitarian", "nash"])
def test_smallest_curse_counterexample_for_floor_relative_rules(select):
    """Found by find_counterexample("uniform-curse", "fallback", select="egalitarian",
    payoffs=range(-1, 2)) after 1285 instances: a curse of size 1 moves both floor-relative
    rules towards the curser, while welfare stays put."""
    game = Game.bimatrix([[0, 0], [0, 1]], [[0, 0], [-1, -1]])
    v = uniform_curse(f"fallback:{select}", game, player=0, size=1, copy=1)
    assert (v.values_before, v.values_after) == ((Fraction(1, 2), Fraction(-1, 2)), (1, -1))
    assert not v.holds
    assert uniform_curse("fallback:welfare", game, player=0, size=1, copy=1).holds


# ---------------------------------------------------------------- A8: CoCo gains up to t/2
@settings(max_examples=FAST)
@given(data=st.data())
def test_coco_curse_gain_between_bounds(data):
    from exactbargain.strategies import curses

    game = data.draw(bimatrix_games(rows=(1, 3), columns=(1, 3), payoffs=(-3, 3)))
    mod = data.draw(curses(game, player=0, size=st.integers(0, 12)))
    v = check("uniform-curse", "coco", game, mod)
    gain = v.difference[0]
    lo, hi = coco_curse_bounds(mod)
    assert lo <= gain <= hi
    assert v.difference[1] == -gain  # W is unchanged
    if mod.params["size"] > 0 and gain > 0:
        assert not v.holds


@settings(max_examples=FAST)
@given(data=st.data())
def test_coco_curse_gain_exactly_half_for_maximin_copy(data):
    """If the copied action is a pure maximin action of Z, the gain is exactly t/2."""
    from exactbargain.equilibria.minimax import minimax

    game = data.draw(bimatrix_games(rows=(1, 3), columns=(1, 3), payoffs=(-3, 3)))
    Z = [[a - b for a, b in zip(r1, r2)] for r1, r2 in zip(game.matrix(0), game.matrix(1))]
    val = minimax(Z).value
    maximin = [a for a, row in enumerate(Z) if min(row) == val]
    if not maximin:
        return
    t = data.draw(st.integers(0, 20))
    v = uniform_curse("coco", game, player=0, size=t, copy=maximin[0])
    assert v.difference == (Fraction(t, 2), -Fraction(t, 2))


@settings(max_examples=SLOW)
@given(data=st.data())
def test_fallback_dominated_action_keeps_values(data):
    """A9 for every fallback rule, on one draw shared by all six (cheaper than six tests)."""
    from exactbargain.strategies import dominated_actions

    game = data.draw(bimatrix_games(rows=(1, 2), columns=(1, 3), payoffs=(-3, 3)))
    mod = data.draw(dominated_actions(game))
    for rule in FALLBACKS:
        assert check("dominated-action", rule, game, mod).holds


# ---------------------------------------------------------------- A10: credible threats are not filtered
@settings(max_examples=FAST)
@given(data=st.data())
def test_credible_threats_meet_the_precondition(data):
    """Games built by credible_threat(): the unique CE is (K, b*), a saddle point of Z, and the
    library's CoCo (a zero-sum LP) equals W/2 + Z(K, b*); the recogniser recovers the threat."""
    from exactbargain.bargaining import coco

    game = data.draw(bimatrix_games(rows=(1, 3), columns=(1, 3), payoffs=(-3, 3)))
    mod = data.draw(credible_threats(game, cost=st.integers(0, 12)))
    pre = threat_precondition(mod.after)
    assert pre.holds and pre.verify(mod.after)
    assert pre.profile[mod.player] == game.shape[mod.player]
    assert coco(mod.after).payoffs == pre.coco
    assert check("credible-threat", "coco", game, mod).holds
    assert mods.recognise_credible_threat(game, mod.after).params == mod.params


@settings(max_examples=SLOW)
@given(data=st.data())
def test_fallback_rules_pay_coco_on_credible_threats(data):
    """A10 for every fallback rule, on one draw shared by all six (cheaper than six tests)."""
    game = data.draw(bimatrix_games(rows=(1, 2), columns=(1, 3), payoffs=(-3, 3)))
    mod = data.draw(credible_threats(game))
    for rule in FALLBACKS:
        v = check("credible-threat", rule, game, mod)
        assert v.holds and not v.vacuous, str(v)


def test_credible_threat_theory_numbers():
    """docs/theory.md §4, A10: every rule returns (1001/2, -1001/2), identical to CoCo."""
    for rule in RULES:
        v = credible_threat(rule, TRIVIAL, player=0, cost=1001)
        assert v.after.payoff(("K", "Wait")) == (1, -1000)
        assert v.holds and v.values_after == (Fraction(1001, 2), Fraction(-1001, 2)), rule


def test_search_finds_threat_filtering_rule():
    def equal_split(game):
        return [game.W / 2, game.W / 2]

    r = find_counterexample("credible-threat", equal_split, hypothesis=False)
    assert r.found and r.phase == "enumeration" and r.exhaustive_below, str(r)
    v = r.verdict
    assert v.before.shape == (1, 1) and v.after.shape == (2, 1) and v.modification.kind == "credible-threat"
    assert v.values_after == (Fraction(1, 2), Fraction(1, 2)) and v.difference == (Fraction(-1, 2), Fraction(1, 2))
    assert r.checked <= 40
    with pytest.raises(ValueError, match="two-player"):
        find_counterexample("credible-threat", equal_split, players=3)


@pytest.mark.parametrize("call", [
    lambda: credible_threats(TRIVIAL, 0, cost=-1),
    lambda: credible_threats(TRIVIAL, cost="big"),
    lambda: credible_threats(TRIVIAL, response="Wait"),
    lambda: credible_threats(TRIVIAL, 0, response="Nope"),
    lambda: credible_threats(Game.from_flat([[0], [0], [0]], (1, 1, 1))),
    lambda: instances("credible-threat", players=3),
])
def test_credible_threat_strategy_arguments_are_validated(call):
    from hypothesis.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        call()
