"""Exact computational geometry: plane polygons and hulls, Pareto chains, 3-D hulls, vectors.

The bottom layer of exactbargain's geometry, depending only on :mod:`exactbargain.numbers`
(and the error classes beneath it). Every predicate is the sign of an exact expression, so
nothing depends on a tolerance.

* :mod:`~exactbargain.geometry.vectors` — :func:`dot`, :func:`cross` (the turn of three plane
  points), :func:`cross3`, :func:`sub`, :func:`unravel`;
* :mod:`~exactbargain.geometry.plane` — :func:`convex_hull` (Andrew's monotone chain),
  :func:`hull_indices`, :class:`Polygon`, :func:`pareto_chain`, :func:`support`,
  :func:`clip_above` and :func:`nash_product_on_chain`;
* :mod:`~exactbargain.geometry.space` — :func:`hull3`, the convex hull of points of 3-space
  with its faces;
* :mod:`~exactbargain.geometry.oracle` — :class:`OracleHull`, the exact hull of a polytope of
  any dimension known only through a linear-optimisation oracle ``optimize(direction) ->
  point``, and :mod:`~exactbargain.geometry.sandwich` — :class:`SandwichHull`, the same
  between an exact inner and outer polytope refined where they differ most, on the exact
  double description of :mod:`~exactbargain.geometry.outer` and the hyperplanes of
  :mod:`~exactbargain.geometry.affine`.

>>> from exactbargain.geometry import Polygon, nash_product_on_chain
>>> F = Polygon([(0, 0), (6, 0), (0, 3)])
>>> nash_product_on_chain(F.pareto_chain(), (0, 0))[2]
(Fraction(3, 1), Fraction(3, 2))
"""

from .plane import (
    GeometryError,
    Polygon,
    clip_above,
    convex_hull,
    hull_indices,
    nash_product_on_chain,
    pareto_chain,
    plane_point,
    support,
)
from .oracle import Halfspace, OracleHull
from .sandwich import SandwichHull
from .space import hull3
from .vectors import cross, cross3, dot, sub, unravel

__all__ = [
    "GeometryError",
    "Polygon",
    "convex_hull",
    "hull_indices",
    "pareto_chain",
    "support",
    "clip_above",
    "plane_point",
    "nash_product_on_chain",
    "hull3",
    "Halfspace",
    "OracleHull",
    "SandwichHull",
    "dot",
    "cross",
    "cross3",
    "sub",
    "unravel",
]
