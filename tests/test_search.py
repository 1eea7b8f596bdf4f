"""exactbargain.search.find_counterexample: found, smallest, deterministic, honest."""

from __future__ import annotations

from fractions import Fraction

import pytest

from exactbargain.search import find_counterexample


def test_monotonicity_fallback_is_found_smallest_and_certified():
    r = find_counterexample("monotonicity", "fallback", select="dictator-1", budget=1500, hypothesis=False)
    assert r.found and r.phase == "enumeration" and r.exhaustive_below
    v = r.verdict
    assert v.after.shape == (3, 1) and v.player == 0
    assert v.values_before == (Fraction(3, 2), Fraction(-1, 2)) and v.values_after == (1, 0)
    assert "counterexample to monotonicity" in str(r)
    assert r.to_json()["verdict"]["values"]["after"] == ["1", "0"]


def test_deterministic():
    a = find_counterexample("efficiency", lambda g: [0] * g.num_players, max_actions=2, budget=50, seed=3)
    b = find_counterexample("efficiency", lambda g: [0] * g.num_players, max_actions=2, budget=50, seed=3)
    assert a.verdict.before == b.verdict.before and a.checked == b.checked


def test_nothing_found_is_reported_honestly():
    r = find_counterexample("monotonicity", "coco", max_actions=2, payoffs=range(0, 2), budget=300, seed=1)
    assert not r.found and r.verdict is None
    assert r.checked <= 300
    text = str(r)
    assert "no counterexample" in text and "not a proof" in text


def test_budget_is_respected():
    r = find_counterexample("monotonicity", "coco", budget=40, hypothesis=False)
    assert not r.found and r.checked == 40
    assert "partly" in r.covered


def _picky(game):
    """A user rule violating A4 only on games with a payoff of magnitude >= 5 somewhere."""
    big = any(abs(x) >= 5 for p in range(game.num_players) for x in game.payoff_entries(p))
    first = game.payoff([0] * game.num_players)
    surplus = (game.W - sum(first)) / game.num_players  # shift-covariant without the bonus
    return [first[0] + surplus + (1 if big else 0), first[1] + surplus - (1 if big else 0)]


def test_hypothesis_phase_finds_what_enumeration_cannot_reach_and_shrinks():
    # Enumeration only reaches payoff level 1 within its share of the budget; Hypothesis draws
    # from the full range and shrinks to a small witness.
    r = find_counterexample("shift", _picky, max_actions=2, payoffs=range(-3, 4), budget=300, seed=0)
    assert r.found and r.phase == "hypothesis", str(r)
    g = r.verdict.before
    assert g.num_profiles <= 2
    again = find_counterexample("shift", _picky, max_actions=2, payoffs=range(-3, 4), budget=300, seed=0)
    assert again.verdict.before == g and again.verdict.after == r.verdict.after and again.checked == r.checked


def test_found_instances_are_shrunk():
    def rule(game):  # violates monotonicity whenever the new action pays player 1 above 1
        n = game.num_players
        return [Fraction(0)] * n if game.shape[0] > 1 and any(x > 1 for x in game.payoff_entries(0)) else [Fraction(5)] + [Fraction(0)] * (n - 1)

    r = find_counterexample("monotonicity", rule, max_actions=2, payoffs=range(-3, 4), budget=400)
    assert r.found
    entries = [abs(x) for p in range(2) for x in r.verdict.after.payoff_entries(p)]
    assert max(entries) == 2 and sum(entries) == 2


@pytest.mark.parametrize("kw", [dict(axiom="fairness"), dict(players=0), dict(max_actions=1), dict(budget=0)])
def test_bad_arguments(kw):
    args = dict(axiom="monotonicity", rule="coco")
    args.update(kw)
    with pytest.raises(ValueError):
        find_counterexample(**args)
