"""The rule registry and the selection-rule registry are the one source of names: a rule
registered there (and nowhere else) is solved, compared, checked, plotted and offered by the
command line; and ``RuleSpec`` reads every dialect of rule names in use and writes one."""

from __future__ import annotations

import dataclasses
import json
import sys
import warnings

import pytest

from exactbargain import Game
from exactbargain.axioms import as_rule, check
from exactbargain.bargaining import RuleSpec, coco, compare, solve
from exactbargain.bargaining import registry, selection
from exactbargain.bargaining.selection import SelectionRule, selection_rules
from exactbargain.cli import build_parser
from exactbargain.errors import GameError
from exactbargain.formats import read_game
from exactbargain.sweep import ALL_RULES  # read once at import: before the toy rule is registered

from conftest import EXAMPLES, run_cli

THREE = read_game(EXAMPLES / "public_goods3.nfg")

CHICKEN = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], players=("Row", "Column"))


def _toy(selector, name: str):
    """A toy selection rule: the welfare point, under its own name."""
    return dataclasses.replace(selector.select("welfare"), rule=name)


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setitem(selection.REGISTRY, "toy", SelectionRule("toy", _toy, "the welfare point again"))
    yield "toy"
    selection._selector.cache_clear()


def _options(command: str) -> dict:
    parser = build_parser()
    sub = {a.dest: a for a in parser._subparsers._group_actions}["command"].choices  # type: ignore[union-attr]
    return {a.dest: a for a in sub[command]._actions}


def test_a_registered_selection_rule_reaches_the_library(toy):
    assert selection_rules(2)[-1] == "toy" and selection_rules(3)[-1] == "toy"
    welfare = solve(CHICKEN, "fallback", "welfare").payoffs
    assert solve(CHICKEN, "fallback", "toy").payoffs == welfare == (6, 6)
    assert solve(CHICKEN, "fallback[toy]").payoffs == welfare
    assert solve(CHICKEN, "nash-fallback", "toy").select == "toy"
    rows = {(rule, select, model) for rule, select, model, sol in compare(CHICKEN) if not isinstance(sol, str)}
    assert {("fallback", "toy", None), ("nash-fallback", "toy", None)} <= rows
    rows3 = {(rule, select, model) for rule, select, model, _ in compare(THREE)}
    assert {("fallback", "toy", "two-teams"), ("fallback", "toy", "team-vs-individuals")} <= rows3
    assert solve(THREE, "fallback", "toy").payoffs == solve(THREE, "fallback", "welfare").payoffs
    rule = as_rule("fallback:toy")
    assert rule.name == "fallback[toy]" and rule(CHICKEN) == welfare
    assert check("efficiency", as_rule("fallback", "toy"), CHICKEN).holds


def test_a_registered_selection_rule_reaches_the_plot(toy):
    from exactbargain.plot import RULES, plot_data, rules_for

    assert "fallback-toy" in rules_for(2) and "fallback-toy" in RULES and "fallback-toy" in rules_for(3)
    assert plot_data(CHICKEN, ["fallback-toy"]).rule("fallback-toy").payoffs == (6, 6)


def test_a_registered_selection_rule_reaches_the_command_line(toy, capsys, tmp_path):
    for command in ("solve", "check", "counterexample"):
        assert "random-dictator, toy" in _options(command)["select"].help
    code, out, err = run_cli(capsys, "solve", EXAMPLES / "chicken.nfg", "--select", "toy", "--json")
    assert (code, err) == (0, "") and json.loads(out)["select"] == "toy" and json.loads(out)["payoffs"] == ["6", "6"]
    code, out, _ = run_cli(capsys, "solve", EXAMPLES / "chicken.nfg", "--rule", "all", "--json")
    assert code == 0 and sum(doc["select"] == "toy" for doc in json.loads(out)) == 2
    code, out, _ = run_cli(capsys, "check", EXAMPLES / "chicken.nfg", "--axiom", "efficiency", "--rule", "fallback",
                           "--select", "toy")
    assert code == 0 and "rule fallback[toy]: holds" in out
    code, _, err = run_cli(capsys, "solve", EXAMPLES / "chicken.nfg", "--select", "toys")
    assert code == 2 and "random-dictator and toy" in err


def test_unregistered_the_toy_is_unknown():
    assert "toy" not in selection_rules(2)
    with pytest.raises(GameError, match="unknown selection rule 'toy'"):
        solve(CHICKEN, "fallback", "toy")
    with pytest.raises(GameError, match="unknown selection rule 'toy'"):
        as_rule("fallback:toy")


def test_a_registered_rule_reaches_solve_compare_the_plot_and_the_parser(monkeypatch):
    toy_rule = registry.Rule("toy-coco", lambda game, spec: coco(game), "CoCo again", selects=False,
                             equilibrium=None, plot_name="toy-coco")
    monkeypatch.setitem(registry.RULES, "toy-coco", toy_rule)
    assert solve(CHICKEN, "toy-coco").payoffs == coco(CHICKEN).payoffs
    assert compare(CHICKEN)[-1][:3] == ("toy-coco", None, None)
    assert "toy-coco" in _options("solve")["rule"].choices
    from exactbargain.plot import rules_for

    assert rules_for(2)[-1] == "toy-coco" and rules_for(3)[-1] == "toy-coco"
    with pytest.raises(GameError, match="toy-coco takes no selection rule"):
        RuleSpec("toy-coco", "welfare")


@pytest.mark.parametrize("text,canonical", [
    ("coco", "coco"),
    ("fallback", "fallback[welfare]"),
    ("fallback[dictator-1]", "fallback[dictator-1]"),
    ("fallback:nash", "fallback[nash]"),  # the axioms' dialect
    ("fallback-nash", "fallback[nash]"),  # the plot's dialect
    ("fallback-random-dictator", "fallback[random-dictator]"),
    ("nash-fallback", "nash-fallback[welfare]"),  # the plot's nash-fallback: another rule than fallback-nash
    ("nash-fallback:egalitarian", "nash-fallback[egalitarian]"),
    ("nbs", "nbs[welfare]"),
    ("ks[dictator-2]", "ks[dictator-2]"),
    ("fallback[welfare;team-vs-individuals]", "fallback[welfare; team-vs-individuals]"),
    ("fallback[egalitarian; two-teams]", "fallback[egalitarian; two-teams]"),
])
def test_every_dialect_parses_to_one_canonical_text(text, canonical):
    spec = RuleSpec.parse(text)
    assert str(spec) == canonical and RuleSpec.parse(canonical) == spec and RuleSpec.parse(str(spec)) == spec


def test_specs_know_their_equilibrium_set_and_plot_name():
    assert RuleSpec.parse("nash-fallback").equilibrium == "nash"
    assert RuleSpec.parse("fallback-nash").equilibrium == "correlated"
    assert RuleSpec.parse("coco").equilibrium is None
    assert RuleSpec.parse("fallback[dictator-2]").plot_name == "fallback-dictator-2"
    assert RuleSpec.parse("nbs[welfare]").plot_name == "nbs"


def test_sweep_names_are_canonical_texts():
    assert all(str(RuleSpec.parse(name)) == name for name in ALL_RULES)
    assert all(as_rule(name).name == name for name in ALL_RULES)


@pytest.mark.parametrize("text,message", [
    ("shapley", "unknown rule 'shapley'; the rules are coco, fallback, nash-fallback, nbs, ks"),
    ("fallback[]", "unknown rule 'fallback[]'"),
    ("fallback[bogus]", "unknown selection rule 'bogus'"),
    ("fallback[welfare; bogus]", "coalitions must be one of two-teams, team-vs-individuals; got 'bogus'"),
    ("nbs[welfare; two-teams]", "nbs takes no coalition model"),
    ("coco[welfare]", "coco takes no selection rule or coalition model"),
])
def test_bad_texts_are_refused_by_name(text, message):
    with pytest.raises(GameError, match=message.replace("[", r"\[").replace("]", r"\]")):
        RuleSpec.parse(text)


def test_spec_solve_matches_solve_and_takes_limits():
    from exactbargain.limits import LimitError, Limits

    assert RuleSpec("fallback", "dictator-2").solve(CHICKEN).payoffs == solve(CHICKEN, "fallback", "dictator-2").payoffs
    fresh = Game.zero_sum([[3, -1], [-2, 5]], title="seen here only")
    with pytest.raises(LimitError, match="nash-vertices"):
        RuleSpec("nash-fallback").solve(fresh, limits=Limits(nash_vertices=4))
    assert RuleSpec("nash-fallback").solve(fresh).verify()


def test_the_selection_families_constant_is_deprecated():
    fallback_module = sys.modules["exactbargain.bargaining.fallback"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        families = fallback_module.SELECTION_RULES
    assert families == ("welfare", "egalitarian", "nash", "dictator-K", "random-dictator")
    assert [w.category for w in caught] == [DeprecationWarning]


def test_a_taken_name_cannot_be_registered_again():
    with pytest.raises(GameError, match="'welfare' is taken"):
        selection.register_selection(SelectionRule("welfare", _toy))
    with pytest.raises(GameError, match="'dictator-3' is taken"):
        selection.register_selection(SelectionRule("dictator-3", _toy))
    with pytest.raises(GameError, match="'fallback' is taken"):
        registry.register_rule(registry.Rule("fallback", lambda game, spec: None))


@pytest.mark.parametrize("module", ["exactbargain", "exactbargain.bargaining", "exactbargain.bargaining.selection",
                                    "exactbargain.bargaining.registry", "exactbargain.plot", "exactbargain.cli",
                                    "exactbargain.search", "exactbargain.axioms"])
def test_every_public_name_resolves(module):
    import importlib

    m = importlib.import_module(module)
    assert len(set(m.__all__)) == len(m.__all__) and all(hasattr(m, name) for name in m.__all__)


@pytest.mark.parametrize("obj", [
    RuleSpec.parse, RuleSpec.solve, RuleSpec.unavailable, registry.solve, registry.compare, registry.register_rule,
    registry.Rule.specs, selection.register_selection, selection.selection_rule, selection.selection_rules,
    selection.check_select, selection.parse_select, selection.select_point, selection.SelectionRule.names,
    as_rule, coco, solve,
])
def test_registry_entry_points_have_reference_sections(obj):
    import inspect

    doc = inspect.getdoc(obj)
    for section in ("Parameters", "Returns" if obj is not registry.Rule.specs else "Yields", "Raises"):
        if section == "Raises" and obj in (selection.selection_rules, selection.SelectionRule.names,
                                           registry.Rule.specs, RuleSpec.unavailable):
            continue
        assert f"{section}\n{'-' * len(section)}" in doc, (obj, section)


def test_the_registries_sit_in_order_inside_bargaining():
    """selection (the selection rules) is below fallback, which is below registry (the rules);
    within the package only its facade imports the rule registry."""
    from test_architecture import import_graph

    graph = import_graph()
    assert not graph["exactbargain.bargaining.selection"] & {"exactbargain.bargaining.fallback",
                                                             "exactbargain.bargaining.registry"}
    assert "exactbargain.bargaining.selection" in graph["exactbargain.bargaining.fallback"]
    importers = {m for m, targets in graph.items() if "exactbargain.bargaining.registry" in targets}
    assert {m for m in importers if m.startswith("exactbargain.bargaining")} == {"exactbargain.bargaining"}


def test_the_axioms_names_follow_the_registries(toy):
    import exactbargain.axioms as axioms
    from exactbargain.axioms import properties, rules

    assert axioms.SELECTIONS == selection_rules(2) and toy in axioms.SELECTIONS
    assert axioms.SELECTIONS is rules.SELECTIONS is properties.SELECTIONS
    assert axioms.RULE_NAMES == ("coco", "fallback")
    with pytest.raises(AttributeError, match="exactbargain.axioms' has no attribute 'SELECTION'"):
        axioms.SELECTION  # noqa: B018


def test_the_axioms_names_forget_a_rule_that_leaves(monkeypatch):
    import exactbargain.axioms as axioms

    before = axioms.SELECTIONS
    monkeypatch.delitem(selection.REGISTRY, "random-dictator")
    assert axioms.SELECTIONS == tuple(s for s in before if s != "random-dictator")
    monkeypatch.undo()
    assert axioms.SELECTIONS == before


def test_a_rule_s_title_comes_from_its_registry_entry(monkeypatch):
    from exactbargain.bargaining.results import RULE_TITLES

    assert RULE_TITLES == {"coco": "CoCo value", "fallback": "Fallback value",
                           "nash-fallback": "Nash-equilibrium fallback value", "nbs": "Nash bargaining solution",
                           "ks": "Kalai-Smorodinsky solution"}
    assert all(RULE_TITLES[name] == rule.title for name, rule in registry.RULES.items())
    monkeypatch.setattr(registry, "RULES", dict(registry.RULES))
    monkeypatch.setitem(RULE_TITLES, "toy-nbs", "")  # removed again afterwards
    toy = registry.register_rule(registry.Rule("toy-nbs", lambda game, spec: dataclasses.replace(
        solve(game, "nbs"), rule="toy-nbs"), two_players=True, every_selection=False, title="Toy solution"))
    toy_solution = solve(CHICKEN, "toy-nbs")
    assert toy_solution.render("markdown").endswith("Table: Toy solution of the game")
    assert toy_solution.explain().startswith("Toy solution of the game (no transfers)")
    assert toy.title == "Toy solution"
