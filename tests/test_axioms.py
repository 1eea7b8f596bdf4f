"""Unit tests of exactbargain.axioms: modifications, recognisers, verdicts, user rules."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from exactbargain import Game
from exactbargain.axioms import (AXIOMS, ModificationError, Rule, Verdict, anonymity, as_rule, check, dominance,
                                 dominated_action, efficiency, monotonicity, opponent_shift, redundancy, relabelling,
                                 shift, uniform_curse)
from exactbargain.axioms import modifications as mods

CHICKEN = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], actions=(("D", "C"), ("D", "C")))
PD = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))


def split_evenly(game):
    """A user rule: split W equally (ignores the game's strategic structure)."""
    return [game.W / game.num_players] * game.num_players


class WithPayoffs:
    def __init__(self, payoffs):
        self.payoffs = payoffs


def row_takes_all(game):
    """A user rule returning an object with .payoffs: player 1 gets W."""
    return WithPayoffs((game.W,) + (Fraction(0),) * (game.num_players - 1))


# ---------------------------------------------------------------- rules
def test_user_rules_are_accepted():
    assert efficiency(split_evenly, CHICKEN).holds
    assert efficiency(row_takes_all, CHICKEN).holds
    v = anonymity(row_takes_all, CHICKEN)
    assert not v.holds and v.rule == "row_takes_all"
    assert Rule(split_evenly)(PD) == (3, 3)


def test_named_rules():
    assert as_rule("coco").name == "coco"
    assert as_rule("fallback").name == "fallback[welfare]"
    assert as_rule("fallback:dictator-2").name == "fallback[dictator-2]"
    with pytest.raises(ValueError):
        as_rule("fallback", "bogus")
    with pytest.raises(ValueError):
        as_rule("coco", "welfare")
    with pytest.raises(ValueError):
        as_rule("rose")


def test_bad_rule_outputs_are_reported():
    from exactbargain.errors import ExactBargainError

    with pytest.raises(ExactBargainError, match="payoffs for a 2-player game"):
        efficiency(lambda g: [1], PD)
    with pytest.raises(ExactBargainError, match="not a sequence of rationals"):
        efficiency(lambda g: [0.5, 0.5], PD)
    with pytest.raises(TypeError):
        Rule(3)


# ---------------------------------------------------------------- each axiom
def test_efficiency_witness():
    v = efficiency(lambda g: [0, 0], PD)
    assert not v.holds and v.difference == (-6,)
    assert "W(G) = 6" in v.certificates[0]


def test_anonymity_and_dictators():
    assert anonymity("coco", CHICKEN).holds
    v = anonymity("fallback:dictator-1", CHICKEN)
    assert not v.holds
    assert v.values_before == (Fraction(17, 2), Fraction(7, 2)) and v.values_after == (Fraction(17, 2), Fraction(7, 2))
    assert v.difference == (5, -5)


def test_relabelling_shift():
    assert relabelling("coco", CHICKEN, player=0, order=["C", "D"], labels=["s", "d"]).holds
    assert shift("fallback", CHICKEN, constants=[1, "-1/2"]).holds
    bad = shift(lambda g: [g.W / 2] * 2, CHICKEN, constants=[2, 0])
    assert not bad.holds and bad.difference == (-1, 1)


def test_opponent_shift_theory_example():
    v = opponent_shift("coco", PD, player=0, h=[0, -4])
    assert (v.values_before, v.values_after) == ((3, 3), (1, 5)) and not v.holds


def test_dominance_vacuous_and_violated():
    assert dominance("coco", CHICKEN).vacuous
    g = Game.bimatrix([[1, 2]], [[0, 2]])
    assert dominance("coco", g).holds and not dominance("coco", g).vacuous
    v = dominance(lambda g: [0, g.W], g)
    assert not v.holds and v.player == 0


def test_monotonicity_by_payoffs_and_by_game():
    locked = CHICKEN.restrict({0: ["D"]})
    by_payoffs = monotonicity("fallback", locked, player=0, payoffs=[(2, 7), (6, 6)])
    by_game = monotonicity("fallback", locked, CHICKEN)
    assert by_payoffs.values_after == by_game.values_after == (6, 6)
    assert not by_game.holds and by_game.player == 0


def test_redundancy_and_curse_and_dominated():
    assert redundancy("fallback:nash", CHICKEN, player=1, weights=[Fraction(1, 3), Fraction(2, 3)]).holds
    assert redundancy("coco", CHICKEN, mods.duplicate_action(CHICKEN, 0, "C")).holds
    v = uniform_curse("coco", PD, player=0, size=1000, copy="D")
    assert v.values_after == (503, -497)
    assert not dominated_action("coco", PD, player=0, payoffs=[(4, -1000), (0, -1000)]).holds
    assert dominated_action("fallback", PD, player=0, payoffs=[(4, -1000), (0, -1000)]).holds


def test_default_modifications_are_drawn_deterministically():
    for name in AXIOMS:
        a = check(name, "coco", CHICKEN, seed=3)
        b = check(name, "coco", CHICKEN, seed=3)
        assert a.after == b.after and a.values_after == b.values_after


# ---------------------------------------------------------------- modifications and recognisers
def test_recognisers_round_trip():
    cases = [
        (mods.add_action(PD, 1, [(1, 1), (2, 2)]), mods.recognise_added_action),
        (mods.mixture_action(PD, 0, [Fraction(1, 4), Fraction(3, 4)]), mods.recognise_mixture),
        (mods.uniform_curse(PD, 1, 7, copy="C"), mods.recognise_uniform_curse),
        (mods.dominated_curse(PD, 0, 10), mods.recognise_dominated_action),
        (mods.opponent_shift(PD, 1, [3, -2]), mods.recognise_opponent_shift),
        (mods.relabel_actions(CHICKEN, 1), mods.recognise_relabelling),
    ]
    for mod, recognise in cases:
        again = recognise(mod.before, mod.after)
        assert again.after == mod.after and again.kind == mod.kind and again.player == mod.player
    assert mods.recognise_shift(PD, PD.shift([1, 2])).params["constants"] == (1, 2)
    assert mods.recognise_permutation(PD, PD.permute_players([1, 0])).params["order"] == (2, 1)
    mix = mods.recognise_mixture(PD, mods.mixture_action(PD, 0, [Fraction(1, 4), Fraction(3, 4)]).after)
    assert mix.params["weights"] == (Fraction(1, 4), Fraction(3, 4))


def test_recognisers_reject_wrong_relations():
    with pytest.raises(ModificationError, match="not a mixture"):
        mods.recognise_mixture(PD, PD.add_action(0, [(9, 9), (9, 9)]))
    with pytest.raises(ModificationError, match="not a uniform curse"):
        mods.recognise_uniform_curse(PD, PD.add_action(0, [(3, 0), (0, 0)]))
    with pytest.raises(ModificationError, match="not strictly dominated"):
        mods.recognise_dominated_action(PD, PD.add_action(0, [(5, 0), (1, 0)]))
    with pytest.raises(ModificationError, match="total"):
        mods.dominated_action(PD, 0, [(2, 9), (0, 0)])
    with pytest.raises(ModificationError, match="differs"):
        changed = Game.bimatrix([[3, 0], [5, 2], [0, 0]], [[3, 5], [0, 1], [0, 0]], actions=(("C", "D", "x"), ("C", "D")))
        mods.recognise_added_action(PD, changed)
    with pytest.raises(ModificationError, match="one more action"):
        mods.recognise_added_action(PD, PD)
    with pytest.raises(ModificationError, match="depends on their own action"):
        mods.recognise_opponent_shift(PD, Game.bimatrix([[4, 0], [5, 1]], [[3, 5], [0, 1]], actions=PD.actions))
    with pytest.raises(ModificationError):
        mods.mixture_action(PD, 0, [Fraction(1, 2), Fraction(1, 3)])
    with pytest.raises(ModificationError):
        mods.uniform_curse(PD, 0, -1)


def test_check_validates_modification_kind():
    with pytest.raises(ModificationError, match="does not fit"):
        check("redundancy", "coco", PD, mods.uniform_curse(PD, 0, 3))
    with pytest.raises(ModificationError, match="single game"):
        check("efficiency", "coco", PD, PD)
    with pytest.raises(ValueError, match="unknown axiom"):
        check("fairness", "coco", PD)
    assert check("A6", "coco", PD, seed=1).code == "A6"


# ---------------------------------------------------------------- verdict
def test_verdict_text_and_json():
    locked = CHICKEN.restrict({0: ["D"]})
    v = monotonicity("fallback", locked, CHICKEN)
    assert isinstance(v, Verdict) and not v
    text = str(v)
    assert "A6 monotonicity for rule fallback[welfare]: VIOLATED" in text
    assert "values before: (7, 2)" in text and "values after:  (6, 6)" in text
    assert "certificates verify" in text
    doc = json.loads(json.dumps(v.to_json()))
    assert doc["values"] == {"before": ["7", "2"], "after": ["6", "6"]}
    assert doc["player"] == 1 and doc["holds"] is False
    assert doc["modification"]["kind"] == "add-action"
    with pytest.raises(Exception):
        v.holds = True  # frozen


def test_importing_exactbargain_does_not_import_hypothesis():
    import subprocess
    import sys

    code = "import sys, exactbargain, exactbargain.axioms, exactbargain.search; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
