"""The public callables of the CE and oracle-hull modules carry numpydoc reference sections."""

from __future__ import annotations

import inspect

import pytest

from exactbargain import geometry
from exactbargain.equilibria import ce_check, ce_results, correlated
from exactbargain.geometry import affine, oracle, outer, sandwich

CE = correlated.CorrelatedEquilibria
ENTRY_POINTS = [
    ce_check.check_correlated_equilibrium,
    CE, CE.contains, CE.optimize, CE.max_welfare, CE.best_for, CE.worst_for, CE.floor, CE.payoff_set,
    CE.pareto_frontier, CE.frontier_of, CE.vertices,
    ce_results.CEPoint, ce_results.CEPoint.support, ce_results.CEPoint.check, ce_results.CEPoint.verify,
    ce_results.CEPoint.to_json, ce_results.CEPoint.tables, ce_results.IncentiveSlack, ce_results.CEMembership,
    ce_results.CEMembership.violations, ce_results.PayoffHalfspace, ce_results.PayoffHalfspace.check,
    ce_results.PayoffHalfspace.to_json, ce_results.PayoffSet, ce_results.PayoffSet.check,
    ce_results.PayoffSet.verify, ce_results.PayoffSet.to_json, ce_results.ParetoFrontier,
    affine.nullspace, affine.fmpq_dot, affine.canonical, affine.hyperplane, affine.facet_through,
    affine.affine_rank, affine.plane_through, affine.Facet, affine.Facet.of, affine.integer_point,
    outer.OuterPolytope, outer.OuterPolytope.neighbours, outer.OuterPolytope.cut,
    oracle.OracleHull, oracle.OracleHull.query, oracle.OracleHull.coords, oracle.OracleHull.lift,
    oracle.OracleHull.payoffs, oracle.OracleHull.side, oracle.OracleHull.neighbours, oracle.OracleHull.add, oracle.OracleHull.complete, oracle.OracleHull.points,
    oracle.OracleHull.facets, oracle.OracleHull.outer_points, oracle.OracleHull.gap, oracle.oracle_polygon,
    oracle.counter_clockwise, sandwich.SandwichHull, sandwich.SandwichHull.refine, sandwich.SandwichHull.gap,
    sandwich.SandwichHull.outer_points, sandwich.SandwichHull.facet_gap, sandwich.SandwichHull.distance,
    sandwich.SandwichHull.hausdorff, sandwich.SandwichHull.top,
]


def _sections(obj) -> set[str]:
    lines = [line.strip() for line in inspect.getdoc(obj).splitlines()]
    return {title for title, rule in zip(lines, lines[1:]) if rule and set(rule) == {"-"}}


@pytest.mark.parametrize("obj", ENTRY_POINTS, ids=lambda o: o.__qualname__)
def test_public_callables_have_numpydoc_sections(obj):
    sections = _sections(obj)
    needed = {"Returns"} if not inspect.isclass(obj) else set()
    if inspect.isclass(obj) or len(inspect.signature(obj).parameters) > (1 if "." in obj.__qualname__ else 0):
        needed.add("Parameters")
    assert needed <= sections, f"{obj.__qualname__} lacks {sorted(needed - sections)}"


def test_every_public_name_is_still_importable_where_it_was():
    from exactbargain import equilibria
    for name in correlated.__all__:
        assert getattr(equilibria, name) is getattr(correlated, name)
    for name in ("OracleHull", "SandwichHull", "Halfspace"):
        assert name in geometry.__all__
