"""The reference docstrings: numpydoc ``Parameters`` / ``Returns`` sections on every public
callable of the modules below, and a ``Raises`` section on every entry point that refuses bad
input."""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

#: Modules whose public callables (their ``__all__``, and the public methods of the classes
#: listed there) carry ``Parameters`` (when they take any) and ``Returns`` (or ``Yields``);
#: code defined outside them (see :func:`covered`) is left out.
MODULES = (
    "exactbargain.game",
    "exactbargain.formats",
    "exactbargain.formats.nfg_write",
    "exactbargain.axioms.modifications",
    "exactbargain.lp.model",
    "exactbargain.lp.data",
    "exactbargain.lp.simplex",
    "exactbargain.lp.certificate",
    "exactbargain.equilibria.minimax",
    "exactbargain.equilibria.nash",
    "exactbargain.equilibria.vertex_enumeration",
    "exactbargain.equilibria",
    "exactbargain.equilibria.correlated",
    "exactbargain.equilibria.ce_check",
    "exactbargain.equilibria.ce_results",
    "exactbargain.equilibria.coalitions",
    "exactbargain.lp",
    "exactbargain.lp.guided",
    "exactbargain.lp.oracle",
    "exactbargain.cooperative",
    "exactbargain.cooperative.star",
    "exactbargain.numbers",
    "exactbargain.limits",
    "exactbargain.strategies",
    "exactbargain.examples",
    "exactbargain",
    "exactbargain.bargaining",
    "exactbargain.axioms",
    "exactbargain.search",
    "exactbargain.plot",
    "exactbargain.report",
    "exactbargain.tables",
    "exactbargain.geometry",
    "exactbargain.sweep",
    "exactbargain.cli",
)

#: Entry points that refuse bad input, so also document what they raise.
RAISING = (
    "exactbargain.game.Game", "exactbargain.game.Game.from_flat", "exactbargain.game.Game.bimatrix",
    "exactbargain.game.Game.zero_sum", "exactbargain.game.Game.from_mapping",
    "exactbargain.game.Game.from_function", "exactbargain.game.Game.player_index",
    "exactbargain.game.Game.action_index", "exactbargain.game.Game.payoff",
    "exactbargain.game.Game.matrix", "exactbargain.game.Game.add_action", "exactbargain.game.Game.restrict",
    "exactbargain.game.Game.remove_action", "exactbargain.game.Game.permute_players",
    "exactbargain.game.Game.shift", "exactbargain.game.Game.scale", "exactbargain.game.Game.merge",
    "exactbargain.game.Game.difference", "exactbargain.game.require_game",
    "exactbargain.formats.read_nfg", "exactbargain.formats.parse_nfg", "exactbargain.formats.write_nfg",
    "exactbargain.formats.read_json", "exactbargain.formats.parse_json", "exactbargain.formats.write_json",
    "exactbargain.formats.read_game", "exactbargain.formats.write_game",
    *(f"exactbargain.axioms.modifications.{name}" for name in (
        "add_action", "mixture_action", "duplicate_action", "add_uniform_curse", "add_dominated_action",
        "add_dominated_curse", "add_credible_threat", "shift_payoffs", "shift_payoffs_by_opponents",
        "permute_players", "relabel_actions", "threat_precondition", "recognise_added_action",
        "recognise_mixture", "recognise_uniform_curse", "recognise_dominated_action",
        "recognise_credible_threat", "recognise_shift", "recognise_opponent_shift", "recognise_permutation",
        "recognise_relabelling")),
    "exactbargain.lp.LP", "exactbargain.lp.LP.add_variable", "exactbargain.lp.LP.add_row",
    "exactbargain.lp.LP.set_objective", "exactbargain.lp.LP.from_matrix", "exactbargain.lp.LPData.with_objective",
    "exactbargain.lp.LPData.with_integer_objective",
    "exactbargain.lp.simplex.simplex",
    "exactbargain.equilibria.minimax.minimax", "exactbargain.equilibria.minimax.security_levels",
    "exactbargain.equilibria.nash.nash_equilibria",
    *(f"exactbargain.equilibria.{name}" for name in (
        "check_correlated_equilibrium", "coalition_members", "team_game", "horde_game", "CorrelatedEquilibria",
        *(f"CorrelatedEquilibria.{method}" for method in (
            "contains", "optimize", "max_welfare", "best_for", "worst_for", "floor", "payoff_set",
            "pareto_frontier", "frontier_of", "vertices")))),
    "exactbargain.lp.solve", "exactbargain.lp.verify", "exactbargain.lp.guided.solve", "exactbargain.lp.oracle.Oracle",
    "exactbargain.lp.oracle.Oracle.optimize", "exactbargain.lp.oracle.Oracle.problem", "exactbargain.lp.Oracle",
    "exactbargain.cooperative.shapley.shapley", "exactbargain.cooperative.shapley.star_formula",
    "exactbargain.cooperative.star_value", "exactbargain.cooperative.CoalitionFunction.from_mapping",
    "exactbargain.numbers.parse_rational", "exactbargain.numbers.to_fmpq", "exactbargain.numbers.to_fraction",
    "exactbargain.numbers.plain_array", "exactbargain.limits.check", "exactbargain.limits.using",
    "exactbargain.limits.parse_assignment", "exactbargain.strategies.games", "exactbargain.strategies.instances",
    "exactbargain.strategies.credible_threats",
    *(f"exactbargain.bargaining.{name}" for name in (
        "RuleSpec.parse", "RuleSpec.solve", "register_rule", "register_selection", "compare", "solve",
        "fallback_range", "kalai_smorodinsky", "n_player_value", "nash_bargaining", "select_point")),
    *(f"exactbargain.axioms.{name}" for name in (
        "check", "efficiency", "anonymity", "relabelling", "shift", "opponent_shift", "dominance", "monotonicity",
        "redundancy", "uniform_curse", "dominated_action", "credible_threat", "coco_curse_bounds", "as_rule",
        "check_out_dir", "threat_precondition", "validate_certificate", "verify_certificate", "write_certificate")),
    "exactbargain.coco", "exactbargain.fallback",  # the package's modules of these names shadow them there
    "exactbargain.axioms.axiom.lookup",
    "exactbargain.search.find_counterexample", "exactbargain.search.modification_instances",
    "exactbargain.plot.PlotData.rule", "exactbargain.plot.plot_data", "exactbargain.plot.figure", "exactbargain.plot.save",
    "exactbargain.report.tables", "exactbargain.report.render", "exactbargain.report.html_repr",
    "exactbargain.report.latex_repr",
    "exactbargain.tables.Table.render", "exactbargain.tables.Renderable.render", "exactbargain.tables.render_tables",
    "exactbargain.tables.latex_fraction",
    *(f"exactbargain.geometry.{name}" for name in (
        "pareto_chain", "plane_point", "hull3", "OracleHull.complete", "OracleHull.query", "SandwichHull.complete",
        "SandwichHull.distance", "SandwichHull.gap", "SandwichHull.hausdorff", "SandwichHull.query",
        "SandwichHull.refine")),
    *(f"exactbargain.sweep.{name}" for name in (
        "GameClass.unrank", "combine", "parse_payoffs", "parse_rules", "parse_shape")),
    "exactbargain.cli.main", "exactbargain.cli.build_parser", "exactbargain.cli.example_path",
)


def sections(doc: str | None) -> set[str]:
    """The numpydoc section headings of a docstring (a title underlined with dashes)."""
    return set(re.findall(r"^\s*([A-Z][a-z]+)\n\s*-{3,}\s*$", inspect.cleandoc(doc or ""), re.M))


def _takes_arguments(function) -> bool:
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):  # pragma: no cover - every callable here has a signature
        return True
    return any(name not in ("self", "cls") for name in parameters)


def covered(module_name: str) -> bool:
    """Whether code defined in ``module_name`` is audited: a module of :data:`MODULES` or one
    inside a package there (the facade ``exactbargain`` counts for its own ``__init__`` only,
    so what it re-exports is audited where it is defined)."""
    return any(module_name == m or (m != "exactbargain" and module_name.startswith(m + ".")) for m in MODULES)


def public_callables() -> list[tuple[str, object]]:
    """``(dotted name, function)`` for every public function and method of :data:`MODULES`."""
    out = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj) and covered(obj.__module__):
                out.append((f"{module_name}.{name}", obj))
            elif inspect.isclass(obj) and obj.__module__.startswith("exactbargain"):
                for attr, member in inspect.getmembers(obj):
                    if attr.startswith("_") or isinstance(inspect.getattr_static(obj, attr), property):
                        continue
                    function = getattr(member, "__func__", member)
                    if inspect.isfunction(function) and covered(function.__module__):
                        out.append((f"{module_name}.{name}.{attr}", function))
    return out


def resolve(dotted: str) -> object:
    """The object a dotted name names: the longest importable module prefix, then attributes."""
    parts = dotted.split(".")
    for k in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except ImportError:
            continue
        for part in parts[k:]:
            obj = getattr(obj, part)
        return obj
    raise ImportError(dotted)  # pragma: no cover - every name above resolves


def test_sections_are_read_from_underlined_headings_only():
    doc = """Summary mentioning Returns.

        Parameters
        ----------
        x : int
            A number.

        Raises
        ------
        ValueError
            Never.
        """
    assert sections(doc) == {"Parameters", "Raises"}
    assert sections("Returns the answer.") == set()


def test_the_audit_sees_the_model_layer():
    names = {name for name, _ in public_callables()}
    assert {"exactbargain.game.Game.add_action", "exactbargain.game.Game.from_flat",
            "exactbargain.formats.read_nfg", "exactbargain.axioms.modifications.add_uniform_curse",
            "exactbargain.lp.model.LP.add_row", "exactbargain.cooperative.star.star_value",
            "exactbargain.equilibria.nash.nash_equilibria", "exactbargain.strategies.games"} <= names
    assert len(names) > 150


def test_the_audit_sees_the_library_above_the_model_layer():
    names = {name for name, _ in public_callables()}
    assert {"exactbargain.axioms.credible_threat", "exactbargain.axioms.Verdict.to_json",
            "exactbargain.bargaining.solve", "exactbargain.bargaining.CoCoSolution.tables",
            "exactbargain.search.find_counterexample", "exactbargain.plot.PlotData.labels",
            "exactbargain.report.comparison_table", "exactbargain.geometry.OracleHull.query",
            "exactbargain.sweep.run_study", "exactbargain.cli.main", "exactbargain.solve"} <= names
    assert len(names) > 350


def test_the_audit_leaves_out_what_is_defined_elsewhere():
    assert covered("exactbargain.bargaining.coco") and covered("exactbargain")
    assert not covered("exactbargain.parametric.plp") and not covered("exactbargain.errors")
    assert not covered("exactbargain.equilibriax") and not covered("exactbargain.lpx")


def test_the_audit_sees_the_equilibria_and_the_lp_engine():
    names = {name for name, _ in public_callables()}
    assert {"exactbargain.equilibria.correlated.CorrelatedEquilibria.optimize",
            "exactbargain.equilibria.CorrelatedEquilibria.frontier_of", "exactbargain.equilibria.team_game",
            "exactbargain.equilibria.coalitions.horde_game", "exactbargain.equilibria.ce_results.CEPoint.verify",
            "exactbargain.lp.solve", "exactbargain.lp.verify", "exactbargain.lp.guided.guide_available",
            "exactbargain.lp.oracle.Oracle.optimize", "exactbargain.lp.oracle.Oracle.problem"} <= names
    assert {f"exactbargain.bargaining.{name}" for name in (
        "SelectionRule.matches", "SelectionRule.member", "SelectionRule.player", "Selection.check",
        "Selection.explain_lines", "Selection.to_json", "Selection.verify")} <= names


@pytest.mark.parametrize("name, function", public_callables(), ids=lambda v: v if isinstance(v, str) else "")
def test_public_callables_document_parameters_and_returns(name, function):
    found = sections(function.__doc__)
    wanted = {"Parameters"} if _takes_arguments(function) else set()
    if not inspect.isclass(function):
        wanted.add("Yields" if "Yields" in found else "Returns")
    assert wanted <= found, f"{name} lacks {sorted(wanted - found)}"


@pytest.mark.parametrize("name", RAISING)
def test_entry_points_document_what_they_raise(name):
    assert "Raises" in sections(resolve(name).__doc__), name
