"""Unit tests of exactbargain.axioms: modifications, recognisers, verdicts, user rules."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from exactbargain import Game
from exactbargain.axioms import (AXIOMS, SELECTIONS, ModificationError, Rule, Verdict, anonymity, as_rule, check,
                                 credible_threat, dominance, dominated_action, efficiency, monotonicity, opponent_shift,
                                 redundancy, relabelling, shift, threat_precondition, uniform_curse)
from exactbargain.axioms import modifications as mods
from exactbargain.bargaining import coco

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
        (mods.add_uniform_curse(PD, 1, 7, copy="C"), mods.recognise_uniform_curse),
        (mods.add_dominated_curse(PD, 0, 10), mods.recognise_dominated_action),
        (mods.shift_payoffs_by_opponents(PD, 1, [3, -2]), mods.recognise_opponent_shift),
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
        mods.add_dominated_action(PD, 0, [(2, 9), (0, 0)])
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
        mods.add_uniform_curse(PD, 0, -1)


def test_check_validates_modification_kind():
    with pytest.raises(ModificationError, match="does not fit"):
        check("redundancy", "coco", PD, mods.add_uniform_curse(PD, 0, 3))
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


# ---------------------------------------------------------------- A10 credible threats
TRIVIAL = Game.bimatrix([[0]], [[0]], actions=(("Wait",), ("Wait",)))
RULES = ["coco"] + [f"fallback:{s}" for s in SELECTIONS]


def status_quo_split(game):
    """A rule that filters threats: split W's surplus over the first profile, ignoring the rest."""
    d = game.payoff([0] * game.num_players)
    s = (game.W - sum(d)) / game.num_players
    return [x + s for x in d]


def test_credible_threat_theory_instance():
    """docs/theory.md §4, A10: trivial game plus a curse paying Row +1 and Column -1000."""
    m = mods.add_credible_threat(TRIVIAL, 0, cost=1001)
    assert m.after.payoff(("K", "Wait")) == (1, -1000) and m.params["response"] == "Wait"
    want = (Fraction(1001, 2), Fraction(-1001, 2))
    assert coco(m.after).payoffs == want
    for rule in RULES:
        v = credible_threat(rule, TRIVIAL, m)
        assert v.holds and not v.vacuous and v.values_after == want and v.difference == (0, 0), rule
        assert v.values_before == (0, 0) and v.player == 0
        assert v.lp_certificates and all(r.verify() for r in v.lp_certificates)
        alone = credible_threat(rule, m.after)
        assert alone.holds and not alone.vacuous and alone.values_before == want and alone.after is None


def test_credible_threat_builder_for_both_players():
    for game in (PD, CHICKEN, TRIVIAL, Game.bimatrix([[1, -2, 0]], [[0, 3, -1]])):
        for i in (0, 1):
            j = 1 - i
            for b in range(game.shape[j]):
                for cost in (0, Fraction(5, 2)):
                    m = mods.add_credible_threat(game, i, cost=cost, response=b)
                    after, k = m.after, game.shape[i]
                    pre = threat_precondition(after)
                    star = (k, b) if i == 0 else (b, k)
                    assert pre.holds and pre.profile == star and pre.verify(after)
                    assert pre.coco == coco(after).payoffs
                    assert m.params["cost"] == cost and m.params["response"] == game.actions[j][b]
                    def u(a, o):
                        return after.payoff((a, o) if i == 0 else (o, a))

                    # K strictly dominates every old action; b is the strict best reply to K
                    assert all(u(k, o)[i] > u(a, o)[i] for a in range(k) for o in range(game.shape[j]))
                    assert all(u(k, b)[j] > u(k, o)[j] for o in range(game.shape[j]) if o != b)
                    again = mods.recognise_credible_threat(game, after)
                    assert again.params == m.params and again.player == i and again.kind == "credible-threat"


def test_credible_threat_costs_the_victim_half_the_extra_damage():
    base = mods.add_credible_threat(PD, 1, cost=0, response="D")
    for cost in (1, 7, 1000):
        m = mods.add_credible_threat(PD, 1, cost=cost, response="D")
        assert threat_precondition(m.after).value == threat_precondition(base.after).value - Fraction(cost, 2)


def test_credible_threat_precondition_not_met_is_vacuous():
    matching_pennies = Game.zero_sum([[1, -1], [-1, 1]])
    weakly = Game.bimatrix([[1, 2], [2, 2]], [[2, 1], [-2, 0]])  # one pure NE, yet many CE
    three = Game.from_flat([[0], [0], [0]], (1, 1, 1))
    cases = {CHICKEN: "both Nash equilibria", matching_pennies: "no pure saddle point",
             weakly: "puts only 1/3 on a*", three: "two-player games",
             Game.bimatrix([[0], [0]], [[0], [-1]]): "not unique"}
    for game, why in cases.items():
        for rule in ("coco", split_evenly):
            v = credible_threat(rule, game)
            assert v.holds and v.vacuous, str(v)
            assert "does not apply to this game" in v.explanation and why in v.explanation, v.explanation
            assert "holds (vacuously)" in str(v)
    pre = threat_precondition(weakly)
    assert pre.minimum.value == Fraction(1, 3) and pre.verify(weakly)
    assert credible_threat("coco", weakly).lp_certificates[0].verify()


def test_threat_filtering_rules_are_caught():
    m = mods.add_credible_threat(TRIVIAL, 0, cost=1001)
    for rule in (lambda g: (g.W / 2, g.W / 2), status_quo_split):
        v = credible_threat(rule, TRIVIAL, m)
        assert not v.holds
        assert v.values_after == (0, 0) and v.difference == (Fraction(-1001, 2), Fraction(1001, 2))
        assert "CoCo(G') = (1001/2, -1001/2)" in v.explanation
        assert any("unique correlated equilibrium" in c for c in v.certificates)
    v = credible_threat(split_evenly, PD, player="2", cost=2, response="D")
    assert not v.holds and v.values_after == (3, 3) and v.difference == (1, -1)


def test_recognise_credible_threat_refuses_other_additions():
    with pytest.raises(ModificationError, match="does not meet A10's precondition"):
        mods.recognise_credible_threat(TRIVIAL, TRIVIAL.add_action(0, [(0, -1000)], label="Curse"))
    with pytest.raises(ModificationError, match="does not use"):
        mods.recognise_credible_threat(PD, PD.add_action(0, [(0, 0), (0, 0)], label="K"))
    with pytest.raises(ModificationError, match="one more action"):
        mods.recognise_credible_threat(PD, PD)
    with pytest.raises(ModificationError, match=">= 0"):
        mods.add_credible_threat(PD, 0, cost=-1)
    with pytest.raises(ModificationError, match="two-player"):
        mods.add_credible_threat(Game.from_flat([[0], [0], [0]], (1, 1, 1)), 0)
    with pytest.raises(ModificationError, match="does not fit"):
        check("credible-threat", "coco", PD, mods.add_uniform_curse(PD, 0, 3))
    # an added credible threat is an added action: monotonicity accepts it
    assert check("monotonicity", "coco", PD, mods.add_credible_threat(PD, 0, cost=1)).holds


def test_credible_threat_by_code_and_by_game():
    credible = mods.add_credible_threat(CHICKEN, 0, cost=2, response="C").after
    v = check("A10", "fallback:egalitarian", CHICKEN, credible)
    assert v.code == "A10" and v.holds and v.modification.params["cost"] == 2
    assert v.values_after == coco(credible).payoffs


def test_cli_check_credible_threat(capsys):
    from conftest import EXAMPLES

    from exactbargain.cli import main

    def run(*argv):
        code = main(list(argv))
        return code, capsys.readouterr()

    credible, trivial = str(EXAMPLES / "trivial_credible_curse.nfg"), str(EXAMPLES / "trivial.nfg")
    code, (out, _) = run("check", credible, "--axiom", "credible-threat", "--rule", "fallback")
    assert code == 0 and "A10 credible-threat for rule fallback[welfare]: holds" in out
    assert "(1001/2, -1001/2)" in out and "vacuously" not in out
    code, (out, _) = run("check", str(EXAMPLES / "chicken.nfg"), "--axiom", "credible-threat", "--rule", "coco")
    assert code == 0 and "holds (vacuously)" in out and "does not apply" in out
    code, (out, _) = run("check", trivial, "--axiom", "credible-threat", "--rule", "fallback", "--select", "nash",
                         "--after", credible, "--json")
    doc = json.loads(out)
    assert code == 0 and doc["holds"] and not doc["vacuous"] and doc["modification"]["kind"] == "credible-threat"
    assert doc["values"]["after"] == ["1001/2", "-1001/2"]
    code, (_, err) = run("check", trivial, "--axiom", "credible-threat", "--rule", "coco", "--after",
                         str(EXAMPLES / "trivial_indifferent_curse.nfg"))
    assert code == 2 and "precondition" in err
    code, (out, _) = run("counterexample", "--axiom", "credible-threat", "--rule", "coco", "--max-actions", "2",
                         "--budget", "30", "--quiet")
    assert code == 1 and "no counterexample" in out


# ---------------------------------------------------------------- former names of the constructors
@pytest.mark.parametrize("old, new, args", [
    ("uniform_curse", "add_uniform_curse", (PD, 0, 7)),
    ("dominated_action", "add_dominated_action", (PD, 0, [(2, 0), (0, 0)])),
    ("dominated_curse", "add_dominated_curse", (PD, 0, 10)),
    ("credible_threat", "add_credible_threat", (PD, 1, 2)),
    ("shift", "shift_payoffs", (PD, [1, -2])),
    ("opponent_shift", "shift_payoffs_by_opponents", (PD, 1, [3, -2])),
])
def test_former_constructor_names_still_build_the_game_and_warn(old, new, args):
    with pytest.warns(DeprecationWarning, match=rf"modifications\.{old} is deprecated; use {new} "):
        former = getattr(mods, old)
    assert former is getattr(mods, new)
    assert former(*args) == getattr(mods, new)(*args)
    assert old not in mods.__all__ and new in mods.__all__
    # the axiom check of the same name is another function, and is not deprecated
    from exactbargain import axioms
    assert getattr(axioms, old, None) is not former


def test_unknown_attributes_of_modifications_are_still_errors():
    with pytest.raises(AttributeError, match="has no attribute 'curse'"):
        mods.curse


# ---------------------------------------------------------------- one concept per module
def test_axioms_public_names_and_their_homes():
    import exactbargain.axioms as axioms
    from exactbargain.axioms import properties, rules, verdict
    from exactbargain import search

    assert set(axioms.__all__) >= {"Verdict", "Rule", "as_rule", "check", "AXIOMS", "SELECTIONS", "RULE_NAMES",
                                   "uniform_curse", "write_certificate", "verify_certificate"}
    assert all(hasattr(axioms, name) for name in axioms.__all__)
    assert axioms.Verdict is verdict.Verdict is properties.Verdict
    assert axioms.Rule is rules.Rule is properties.Rule and axioms.as_rule is rules.as_rule
    assert axioms.SELECTIONS is rules.SELECTIONS is properties.SELECTIONS
    assert axioms.check is properties.check and axioms.AXIOMS is properties.AXIOMS
    # the enumeration of small modifications lives with the counterexample search, its only user
    assert set(search._INSTANCES) == set(axioms.AXIOMS)
    assert not hasattr(axioms.AXIOMS["monotonicity"], "instances")
    firsts = [m.params["payoffs"] for m, _ in zip(search._INSTANCES["monotonicity"](PD, (0, 1), 0), range(3))]
    assert firsts == [((0, 0), (0, 0)), ((0, 0), (0, 1)), ((0, 0), (1, 0))]
    assert list(search._INSTANCES["efficiency"](PD, (0,))) == [None]
