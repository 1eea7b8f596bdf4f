"""Pictures of a game in payoff space: outcomes, correlated equilibria, and where each
bargaining rule starts and ends.

For a two-player game ``G`` the figure shows, in the plane of payoff vectors ``(u_1, u_2)``:

* the outcome payoffs ``u(a)`` and their convex hull ``conv{u(a) : a in A}`` — what the
  players can reach without side payments (light fill);
* the CE payoff polygon ``P = {u(mu) : mu in CE(G)}`` (docs/theory.md §2.2; fill) and its Pareto
  frontier (thick line), the chain of extreme points of ``P`` that no point of ``P``
  dominates;
* the payoffs of the extreme Nash equilibria (markers) — every one lies in ``P``;
* the efficient line ``u_1 + u_2 = W`` with ``W = max_a (u_1(a) + u_2(a))``, where every
  transferable-utility value lands;
* for each requested rule its disagreement point ``d`` (when the rule has one) and its
  solution, joined by an arrow. For the fallback rules the arrow has slope 1: the solution is
  ``d + (s, s)`` with ``s = (W - d_1 - d_2)/2``.

Every point is labelled with its exact coordinates; rules that land on the same point share
one label (``"coco, fallback-welfare: (6, 6)"``).

Three-player games get a 3-D view of the same objects: the CE payoff polytope with its
faces, the outcome payoffs with the edges of their hull, the pure Nash equilibria (all Nash
equilibria when at most two players have a choice), and the rule points. For three or more
players the fallback rules report as ``d`` the singleton values ``(v({1}), ..., v({n}))`` of
their coalition function (docs/theory.md §3.3), which need not be a CE payoff.

Every coordinate is computed exactly (:func:`plot_data`, no matplotlib needed) and kept as a
:class:`fractions.Fraction` in :class:`PlotData`; floats appear only where coordinates are
handed to matplotlib. matplotlib is an optional extra (``pip install 'exactbargain[plot]'``),
imported by :func:`figure` and :func:`save` only, which draw on a bare
:class:`matplotlib.figure.Figure` with the Agg canvas (no pyplot, no display needed).

Rule names (:data:`RULES`): ``coco``; ``fallback-<select>`` for each selection rule of
docs/theory.md §3.5 (``fallback-dictator-K`` for any player ``K`` of the game); ``nash-fallback``
(the fallback over the Nash equilibrium payoffs, ``welfare`` selection); ``nbs`` and ``ks``
(Nash and Kalai–Smorodinsky bargaining over the outcome hull from the ``welfare`` CE point).
``nash-fallback``, ``nbs`` and ``ks`` are two-player rules. The names come from the rule
registry (:attr:`exactbargain.bargaining.registry.Rule.plot_name`); each is a
:class:`~exactbargain.bargaining.RuleSpec` (``fallback-nash`` is ``fallback[nash]``).

A family of games (:class:`~exactbargain.parametric.ParametricGame`) is plotted against its
parameter instead: :func:`family_plot_data` solves it with each rule for every value and keeps
the pieces, the breakpoints and exact samples of every piece's formula;
:func:`family_figure` and :func:`save_family` draw each player's value against the parameter
with the breakpoints marked.

The package: :mod:`~exactbargain.plot.rules` (the rule names), :mod:`~exactbargain.plot.data`
(the exact data, no matplotlib), :mod:`~exactbargain.plot.layout` (where labels go),
:mod:`~exactbargain.plot.draw` (the drawing), and for families
:mod:`~exactbargain.plot.family` (the exact data) and :mod:`~exactbargain.plot.family_draw`
(the drawing).

>>> from exactbargain import Game
>>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], players=("Row", "Column"),
...                         actions=(("D", "C"), ("D", "C")), title="Chicken")
>>> data = plot_data(chicken, ["coco", "fallback-welfare", "fallback-dictator-1"])
>>> print(data)
Chicken: Row, Column; W = 12
  outcomes: D/D (0, 0), D/C (7, 2), C/D (2, 7), C/C (6, 6)
  outcome hull: (0, 0), (7, 2), (6, 6), (2, 7)
  CE payoff set: (18/5, 18/5), (7, 2), (21/4, 21/4), (2, 7)
  CE Pareto frontier: (7, 2), (21/4, 21/4), (2, 7)
  Nash equilibrium payoffs: (2, 7), (14/3, 14/3), (7, 2)
  coco                 (6, 6)
  fallback-welfare     (6, 6)        from d = (21/4, 21/4)
  fallback-dictator-1  (17/2, 7/2)   from d = (7, 2)
>>> [text for point, text in data.labels() if point == (6, 6)]
['coco, fallback-welfare: (6, 6)']
"""

from __future__ import annotations

from ..geometry import hull3 as _hull3  # noqa: F401  (importable here as before)
from .data import PlotData, RulePoint, plot_data
from .draw import _matplotlib, figure, save  # noqa: F401  (_matplotlib: the sweeps draw with it too)
from .family import FamilyPlotData, family_plot_data
from .family_draw import family_figure, save_family
from .rules import rules_for


def __getattr__(name: str) -> tuple[str, ...]:
    """``RULES``: the rule names of a two-player game, read from the registry when asked for."""
    if name == "RULES":
        return rules_for(2)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["RULES", "RulePoint", "PlotData", "rules_for", "plot_data", "figure", "save",
           "FamilyPlotData", "family_plot_data", "family_figure", "save_family"]
