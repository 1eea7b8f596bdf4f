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
``nash-fallback``, ``nbs`` and ``ks`` are two-player rules.

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

import contextvars
import math
import os
import re
import textwrap
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np  # float-guide: pixel geometry of the label layout only

from . import limits as size_limits
from .bargaining import COALITION_MODELS, solve
from .bargaining.fallback import parse_select, selection_rules
from .bargaining.results import text, vector_text
from .equilibria import CorrelatedEquilibria, nash_equilibria
from .errors import ExactBargainError, GameError
from .game import Game, require_game
from .geometry import convex_hull, hull3 as _hull3

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure

__all__ = ["RULES", "RulePoint", "PlotData", "rules_for", "plot_data", "figure", "save"]

#: The rule names of a two-player game, in drawing order (the default of ``rules``).
RULES: tuple[str, ...] = (
    ("coco",) + tuple(f"fallback-{s}" for s in selection_rules(2)) + ("nash-fallback", "nbs", "ks")
)

_INSTALL = "pip install 'exactbargain[plot]'"

Point = tuple[Fraction, ...]


def rules_for(n: int, coalitions: str = "two-teams") -> tuple[str, ...]:
    """Every rule name that applies to an ``n``-player game (the default of ``rules``).

    >>> rules_for(3)[4:]
    ('fallback-dictator-1', 'fallback-dictator-2', 'fallback-dictator-3', 'fallback-random-dictator')
    >>> rules_for(2) == RULES
    True
    """
    horde_nash = n > 2 and coalitions == "team-vs-individuals"  # horde games of 3+ players: no nash
    selects = [s for s in selection_rules(n) if not (s == "nash" and horde_nash)]
    names = ("coco",) + tuple(f"fallback-{s}" for s in selects)
    return names + (("nash-fallback", "nbs", "ks") if n == 2 else ())


def _rule_call(name: str, n: int, coalitions: str) -> tuple[str, str | None, str | None]:
    """``(rule, select, coalitions)`` for :func:`exactbargain.bargaining.solve`."""
    if not isinstance(name, str):
        raise GameError(f"a rule is named by a string, got {name!r}")
    if name == "coco":
        return "coco", None, None
    if name in ("nash-fallback", "nbs", "ks"):
        if n != 2:
            raise GameError(f"{name} is a two-player rule; this game has {n} players")
        return name, "welfare", None
    m = re.fullmatch(r"fallback-(.+)", name)
    if m is None:
        choices = ", ".join(rules_for(n, coalitions))
        raise GameError(f"unknown rule {name!r} for a {n}-player game; choose from {choices}")
    select = parse_select(m.group(1), n)
    if select == "nash" and n > 2 and coalitions == "team-vs-individuals":
        raise GameError("fallback-nash needs two-player games, but under team-vs-individuals the horde games "
                        f"of a {n}-player game have up to {n} players; use two-teams")
    return "fallback", select, (coalitions if n > 2 else None)


# --------------------------------------------------------------------------- exact geometry
def _hull2(points: Sequence[Point]) -> tuple[tuple[Point, ...], tuple[tuple[int, ...], ...]]:
    """Vertices of the convex hull of plane points (counter-clockwise, no collinear points)
    and the faces to fill (the polygon, when it has three or more vertices)."""
    vertices = tuple(convex_hull(points))
    return vertices, ((tuple(range(len(vertices))),) if len(vertices) >= 3 else ())


def _hull(points: Sequence[Point]) -> tuple[tuple[Point, ...], tuple[tuple[int, ...], ...]]:
    return _hull2(points) if len(points[0]) == 2 else _hull3(points)


# --------------------------------------------------------------------------- the data
@dataclass(frozen=True, slots=True)
class RulePoint:
    """One rule's points: its ``payoffs`` and its disagreement point (``None`` for CoCo,
    whose threat point is not a disagreement point of the rule; for fallback rules of three
    or more players, the singleton values of the coalition function)."""

    rule: str
    payoffs: Point
    disagreement: Point | None

    def to_json(self) -> dict:
        """``{"rule", "payoffs", "disagreement"}`` with ``"p/q"`` strings."""
        return {
            "rule": self.rule,
            "payoffs": [text(x) for x in self.payoffs],
            "disagreement": None if self.disagreement is None else [text(x) for x in self.disagreement],
        }


@dataclass(frozen=True, slots=True)
class PlotData:
    """Everything :func:`figure` draws, as exact rationals.

    * ``players``, ``title``; ``profiles`` (action labels of each outcome, C order) and
      ``outcomes`` (their payoff vectors); ``W`` = the best total;
    * ``outcome_hull`` — the extreme points of ``conv{u(a)}`` (two players: counter-clockwise)
      and ``outcome_faces`` — its faces as cycles of indices into ``outcome_hull``;
    * ``ce_vertices`` — the extreme points of the CE payoff set ``P``
      (:meth:`~exactbargain.equilibria.CorrelatedEquilibria.payoff_set`), ``ce_faces`` its
      faces likewise, ``pareto_frontier`` its Pareto-optimal extreme points (two players: the
      chain in order of decreasing ``u_1``); with a budget of LPs (``max_lps`` of
      :func:`plot_data`) these describe the inner polytope found so far, and ``ce_outer``
      lists the vertices of the certified outer polytope (counter-clockwise for two players;
      empty when the set is complete), ``ce_gap`` the gap between them;
    * ``nash`` — the distinct payoff vectors of the extreme Nash equilibria found, and
      ``nash_complete`` — whether that list is all of them (three players with a choice each:
      only the pure equilibria are listed);
    * ``rules`` — a :class:`RulePoint` per requested rule; ``coalitions`` — the coalition
      model of the fallback rules for three or more players (``None`` for two players).
    """

    title: str
    players: tuple[str, ...]
    profiles: tuple[tuple[str, ...], ...]
    outcomes: tuple[Point, ...]
    W: Fraction
    outcome_hull: tuple[Point, ...]
    outcome_faces: tuple[tuple[int, ...], ...]
    ce_vertices: tuple[Point, ...]
    ce_faces: tuple[tuple[int, ...], ...]
    pareto_frontier: tuple[Point, ...]
    nash: tuple[Point, ...]
    nash_complete: bool
    rules: tuple[RulePoint, ...]
    coalitions: str | None = None
    ce_outer: tuple[Point, ...] = ()
    ce_gap: Fraction = Fraction(0)

    @property
    def dimension(self) -> int:
        """The number of players (2 or 3)."""
        return len(self.players)

    def rule(self, name: str) -> RulePoint:
        """The :class:`RulePoint` of the rule ``name``."""
        for r in self.rules:
            if r.rule == name:
                return r
        raise KeyError(name)

    def labels(self, width: int | None = None) -> tuple[tuple[Point, str], ...]:
        """One label per distinct point that a rule reaches or starts from, or that is a CE
        extreme point or Nash equilibrium payoff, ending in the point's exact coordinates.
        It names the rules whose solution the point is, then (after ``"d = solution for"``)
        the rules that start and end there, then (after ``"d of"``; ``"v({i}) of"`` for three
        players) the rules that start there only: ``"coco, fallback-welfare: (6, 6)"``,
        ``"d of fallback-dictator-1: (7, 2)"``, ``"(18/5, 18/5)"``. Labels of rule points
        come first. With ``width`` (as drawn), long labels are wrapped between words (never
        inside the coordinates) to lines of about that many characters, and integers of more
        than :data:`_LABEL_DIGITS` digits are shortened to their first and last digits and
        their length (``1234567890…1234567890 (5,000 digits)``); without ``width`` every
        coordinate is exact, as in :meth:`to_json`.

        >>> from exactbargain import Game
        >>> bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        >>> [label for _, label in plot_data(bos, ["coco", "fallback-welfare"]).labels()]
        ['coco; d = solution for fallback-welfare: (3/2, 3/2)', '(2/3, 2/3)', '(2, 1)', '(1, 2)']
        """
        solved: dict[Point, list[str]] = {}
        started: dict[Point, list[str]] = {}
        for r in self.rules:
            solved.setdefault(r.payoffs, []).append(r.rule)
            if r.disagreement is not None:
                started.setdefault(r.disagreement, []).append(r.rule)
        d = "d" if self.dimension == 2 else "v({i})"
        order = list(dict.fromkeys(list(solved) + list(started) + list(self.ce_vertices) + list(self.nash)))
        out = []
        for p in order:
            ends, starts = solved.get(p, []), started.get(p, [])
            groups = [("", [r for r in ends if r not in starts]),
                      (f"{d} = solution for ", [r for r in ends if r in starts]),
                      (f"{d} of ", [r for r in starts if r not in ends])]
            parts = [head + ", ".join(names) for head, names in groups if names]
            coordinates = vector_text(p) if width is None else _shortened(vector_text(p))
            label = ("; ".join(parts) + ": " if parts else "") + coordinates.replace(" ", "\xa0")
            if width is not None and len(label) > width:
                label = "\n".join(textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False))
            out.append((p, label.replace("\xa0", " ")))
        return tuple(out)

    def to_json(self) -> dict:
        """JSON-ready dict; every number is an exact ``"p/q"`` string."""

        def pts(points: Sequence[Point]) -> list[list[str]]:
            return [[text(x) for x in p] for p in points]

        return {
            "title": self.title,
            "players": list(self.players),
            "W": text(self.W),
            "outcomes": [{"profile": list(a), "payoffs": [text(x) for x in p]}
                         for a, p in zip(self.profiles, self.outcomes)],
            "outcome_hull": {"vertices": pts(self.outcome_hull), "faces": [list(f) for f in self.outcome_faces]},
            "correlated": {"vertices": pts(self.ce_vertices), "faces": [list(f) for f in self.ce_faces],
                           "pareto_frontier": pts(self.pareto_frontier), "outer": pts(self.ce_outer),
                           "gap": text(self.ce_gap)},
            "nash": {"payoffs": pts(self.nash), "complete": self.nash_complete},
            "coalitions": self.coalitions,
            "rules": [r.to_json() for r in self.rules],
        }

    def __str__(self) -> str:
        head = f"{self.title + ': ' if self.title else ''}{', '.join(self.players)}; W = {text(self.W)}"
        nash = "Nash equilibrium payoffs" if self.nash_complete else "pure Nash equilibrium payoffs"

        def points(ps: Sequence[Point]) -> str:
            return ", ".join(vector_text(p) for p in ps) or "none"

        lines = [
            head,
            "  outcomes: " + ", ".join(f"{'/'.join(a)} {vector_text(p)}" for a, p in zip(self.profiles, self.outcomes)),
            f"  outcome hull: {points(self.outcome_hull)}",
            f"  CE payoff set: {points(self.ce_vertices)}",
            f"  CE Pareto frontier: {points(self.pareto_frontier)}",
            f"  {nash}: {points(self.nash)}",
        ]
        if self.coalitions:
            lines.append(f"  coalition model of the fallback rules: {self.coalitions}")
        width = max((len(r.rule) for r in self.rules), default=0) + 1
        vwidth = max((len(vector_text(r.payoffs)) for r in self.rules), default=0) + 3
        what = "from d = " if self.dimension == 2 else "from v({i}) = "
        for r in self.rules:
            line = f"  {r.rule:<{width}} {vector_text(r.payoffs):<{vwidth}}"
            if r.disagreement is not None:
                line += what + vector_text(r.disagreement)
            lines.append(line.rstrip())
        return "\n".join(lines)


def _check_players(game: Game) -> int:
    require_game(game, "a plot")
    n = game.num_players
    if n not in (2, 3):
        raise GameError(
            f"payoff-space plots show games of two or three players; this game has {n} "
            "(exactbargain solve and exactbargain equilibria give the numbers for any number of players)"
        )
    return n


def plot_data(game: Game, rules: Sequence[str] | None = None, *, coalitions: str = "two-teams",
              max_lps: int | None = None) -> PlotData:
    """Compute everything the figure of ``game`` shows, exactly (no matplotlib involved).

    ``rules`` lists rule names (:data:`RULES`; ``fallback-dictator-K`` for any player ``K``);
    by default every rule that applies (:func:`rules_for`). ``coalitions`` is the coalition
    model of the fallback rules for three-player games (``"two-teams"`` or
    ``"team-vs-individuals"``, docs/theory.md §3.3). ``max_lps`` bounds the LPs spent on the
    CE payoff set (:meth:`~exactbargain.equilibria.CorrelatedEquilibria.payoff_set`); an
    incomplete set is drawn with its outer polytope.

    >>> from exactbargain import Game
    >>> bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> data = plot_data(bos, ["fallback-welfare"])
    >>> data.W, data.rule("fallback-welfare").payoffs
    (Fraction(3, 1), (Fraction(3, 2), Fraction(3, 2)))
    >>> [vector_text(p) for p in data.ce_vertices]
    ['(2/3, 2/3)', '(2, 1)', '(1, 2)']
    """
    n = _check_players(game)
    if coalitions not in COALITION_MODELS:
        raise GameError(f"coalitions must be one of {', '.join(COALITION_MODELS)}, got {coalitions!r}")
    if isinstance(rules, str):
        rules = (rules,)
    names = rules_for(n, coalitions) if rules is None else tuple(dict.fromkeys(rules))
    calls = [(name, _rule_call(name, n, coalitions)) for name in names]
    profiles = tuple(game.profiles())
    outcomes = tuple(game.payoff(p) for p in profiles)
    outcome_hull, outcome_faces = _hull(outcomes)
    ce = CorrelatedEquilibria(game)
    payoff_set = ce.payoff_set(max_lps=max_lps)
    ce_vertices = tuple(p.payoffs for p in payoff_set)
    ce_outer = () if payoff_set.complete else _hull(payoff_set.outer_points)[0]
    if n == 2:  # payoff_set() lists the polygon's vertices counter-clockwise
        ce_faces = ((tuple(range(len(ce_vertices))),) if len(ce_vertices) >= 3 else ())
    else:
        hull_vertices, faces = _hull3(ce_vertices)
        where = {p: ce_vertices.index(p) for p in hull_vertices}
        ce_faces = tuple(tuple(where[hull_vertices[i]] for i in f) for f in faces)
    pareto = tuple(p.payoffs for p in ce.frontier_of(payoff_set))
    equilibria = nash_equilibria(game)
    nash = tuple(sorted(equilibria.payoff_set()))
    points = []
    for name, (rule, select, model) in calls:
        solution = solve(game, rule, select, model)
        d = getattr(solution, "disagreement", None)
        points.append(RulePoint(name, tuple(solution.payoffs), None if d is None else tuple(d)))
    return PlotData(
        title=game.title or "",
        players=tuple(game.players),
        profiles=tuple(tuple(game.actions[i][k] for i, k in enumerate(p)) for p in profiles),
        outcomes=outcomes,
        W=game.W,
        outcome_hull=outcome_hull,
        outcome_faces=outcome_faces,
        ce_vertices=ce_vertices,
        ce_faces=ce_faces,
        pareto_frontier=pareto,
        nash=nash,
        nash_complete=equilibria.complete,
        rules=tuple(points),
        coalitions=coalitions if n > 2 else None,
        ce_outer=ce_outer,
        ce_gap=payoff_set.gap,
    )


# --------------------------------------------------------------------------- drawing
def _matplotlib() -> Any:
    """The matplotlib classes the drawing needs, or a clear error naming the extra."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ExactBargainError(
            f"plotting needs matplotlib, which is not installed ({exc}); install it with: {_INSTALL}"
        ) from None
    return Figure, FigureCanvasAgg


# Every float of the drawing is below: the styles (sizes in points), and the conversions
# that hand exact coordinates to matplotlib.
_ART: dict[str, dict[str, Any]] = {
    "hull": {"facecolor": "#e6e6e6", "edgecolor": "#b3b3b3", "linewidth": 1.0, "zorder": 1},  # float-guide
    "ce": {"facecolor": "#9ecae1", "edgecolor": "#3182bd", "linewidth": 1.0, "alpha": 0.75, "zorder": 2},  # float-guide
    "outcomes": {"s": 14, "color": "#525252", "zorder": 3},
    "ce-vertices": {"s": 16, "color": "#3182bd", "zorder": 4},
    "pareto": {"color": "#08306b", "linewidth": 3.5, "solid_capstyle": "round", "zorder": 5},  # float-guide
    "pareto-point": {"color": "#08306b", "marker": "o", "markersize": 8.0, "linestyle": "", "zorder": 5},  # float-guide
    "line": {"color": "#636363", "linestyle": "--", "linewidth": 1.2, "zorder": 2},  # float-guide
    "nash": {"marker": "D", "s": 38, "facecolor": "white", "edgecolor": "black", "linewidth": 1.3,  # float-guide
             "zorder": 7},
    "move": {"arrowstyle": "-|>", "color": "#7570b3", "linestyle": ":", "linewidth": 1.2, "shrinkA": 4,  # float-guide
             "shrinkB": 7},
    "d": {"marker": "o", "s": 70, "facecolor": "none", "edgecolor": "#7570b3", "linewidth": 1.8,  # float-guide
          "zorder": 8},
    "solution": {"marker": "*", "s": 170, "facecolor": "#d95f02", "edgecolor": "black", "linewidth": 0.6,  # float-guide
                 "zorder": 9},
    "legend": {"frameon": False, "fontsize": 8.5, "borderaxespad": 0.0},  # float-guide
    "label": {"fontsize": 7.5, "linespacing": 1.15},  # float-guide
    "tag": {"fontsize": 7.0, "color": "#636363", "fontstyle": "italic", "linespacing": 1.15},  # float-guide
    "label-box": {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},  # float-guide
    "leader": {"arrowstyle": "-", "color": "#737373", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 2},  # float-guide
    # three players
    "hull-edges": {"colors": "#b3b3b3", "linewidths": 0.8, "zorder": 1},  # float-guide
    "plane": {"facecolor": "#969696", "edgecolor": "#969696", "alpha": 0.12, "linewidths": 0.6,  # float-guide
              "zorder": 1},
    "ce-faces": {"facecolor": "#9ecae1", "edgecolor": "#3182bd", "alpha": 0.45, "linewidths": 0.8,  # float-guide
                 "zorder": 2},
    "ce-segment": {"colors": "#3182bd", "linewidths": 3.0, "zorder": 2},  # float-guide
    "ce-point": {"marker": "s", "s": 80, "color": "#3182bd", "alpha": 0.6, "zorder": 2},  # float-guide
    "pareto-ring": {"s": 90, "facecolor": "none", "edgecolor": "#08306b", "linewidth": 1.8, "zorder": 5},  # float-guide
    "move3": {"color": "#7570b3", "linestyle": ":", "linewidth": 1.2, "zorder": 6},  # float-guide
}


#: Integers of more digits than this are shortened in drawn labels (see PlotData.labels).
_LABEL_DIGITS = 24


def _shortened(numbers: str) -> str:
    """``numbers`` (exact text) with every integer of more than :data:`_LABEL_DIGITS` digits
    shortened to its first and last ten digits and its length.

    >>> _shortened("(1/2, " + "7" * 30 + ")")
    '(1/2, 7777777777…7777777777 (30 digits))'
    """
    def short(m: re.Match[str]) -> str:
        d = m.group()
        return f"{d[:10]}…{d[-10:]} ({len(d):,} digits)"

    return re.sub(r"[0-9]{%d,}" % (_LABEL_DIGITS + 1), short, numbers)


# Coordinates are drawn in units of 10**k (k = 0 unless they are too large for floats, see
# _unit_exponent); set by figure() while it draws.
_UNIT: contextvars.ContextVar[int] = contextvars.ContextVar("exactbargain_plot_unit", default=1)

#: Payoffs with more digits than this before the point are drawn in units of a power of ten
#: (floats end near 10**308; the labels keep the exact values).
_MAX_DRAWN_DIGITS = 100


def _unit_exponent(data: PlotData) -> int:
    """``k`` such that the coordinates, divided by ``10**k``, are small enough to draw."""
    points = list(data.outcomes) + list(data.ce_vertices) + [r.payoffs for r in data.rules]
    points += [r.disagreement for r in data.rules if r.disagreement is not None]
    largest = max((abs(x) for p in points for x in p), default=Fraction(0))
    digits = len(text(math.floor(largest)))
    return digits - 1 if digits > _MAX_DRAWN_DIGITS else 0


def _axis_label(player: str, exponent: int) -> str:
    return f"{player}'s payoff" + (f" (in units of 10^{exponent})" if exponent else "")


def _xy(points: Sequence[Point]) -> list[tuple[float, ...]]:
    """Exact points as float tuples, for matplotlib."""
    unit = _UNIT.get()
    return [tuple(float(x / unit) for x in p) for p in points]  # float-guide


def _cols(points: Sequence[Point], n: int) -> list[list[float]]:
    """Exact points as ``n`` float coordinate lists (x's, y's, ...), for matplotlib."""
    unit = _UNIT.get()
    return [[float(p[j] / unit) for p in points] for j in range(n)]  # float-guide


def figure(game: "Game | PlotData", rules: Sequence[str] | None = None, *, title: str | None = None,
           coalitions: str = "two-teams") -> "matplotlib.figure.Figure":
    """The payoff-space figure of a two- or three-player ``game``: a
    :class:`matplotlib.figure.Figure` on the Agg canvas (call its ``savefig``).

    ``rules`` and ``coalitions`` are as for :func:`plot_data`; ``game`` may also be a
    :class:`PlotData` computed before (``rules`` must then be ``None``). ``title`` replaces
    the game's title (``""`` for none).

    The axes are labelled with the players' names and have equal scales unless one range is
    more than 3/2 times the other. Labels (:meth:`PlotData.labels`) are placed where they
    hide no marker and no other label, joined to their point by a thin line when set off;
    with many points (more than 14 labels in two dimensions, 6 in three) only the rule
    points are labelled. The outcomes carry their action profiles (``D/C``) when there are
    few of them. Artists carry ids (``get_gid()``) naming what they show: ``outcome-hull``,
    ``outcomes``, ``ce-set``, ``ce-vertices``, ``pareto-frontier``, ``nash``,
    ``efficient-line`` (two players) or ``efficient-plane`` (three), ``disagreement``,
    ``solutions``, ``move`` (from ``d`` to a solution) and ``label``.
    """
    Figure, FigureCanvasAgg = _matplotlib()
    if isinstance(game, PlotData):
        if rules is not None:
            raise GameError("rules are chosen when the PlotData is computed; pass rules=None with a PlotData")
        data = game
    else:
        data = plot_data(game, rules, coalitions=coalitions)
    heading = data.title if title is None else title
    fig = Figure(figsize=(9, 6) if data.dimension == 2 else (10, 7.5))  # float-guide
    FigureCanvasAgg(fig)
    token = _UNIT.set(10 ** _unit_exponent(data))
    try:
        (_draw2 if data.dimension == 2 else _draw3)(fig, data, heading)
    finally:
        _UNIT.reset(token)
    return fig


def save(game: "Game | PlotData", path: "str | os.PathLike[str]", rules: Sequence[str] | None = None, *,
         title: str | None = None, dpi: int = 150, coalitions: str = "two-teams",
         limits: size_limits.Limits | None = None, max_lps: int | None = None) -> PlotData:
    """Draw ``game`` (as :func:`figure`) and write it to ``path``; the format follows the
    file's extension (``.png``, ``.pdf``, ``.svg``, ...). Returns the exact :class:`PlotData`
    of what was drawn. ``max_lps`` bounds the LPs spent on the CE payoff set (default: all of
    it); an incomplete set is drawn inside its outer polygon.

    Before anything is computed, the longest text drawn (``title``, the game's title, player
    names, action labels) is held to the ``label-length`` limit and the picture's estimated
    size at ``dpi`` to ``plot-pixels`` (``limits``, by default those in force; see
    :mod:`exactbargain.limits`).

    >>> save(Game.zero_sum([[1, -1], [-1, 1]]), "mp.png", dpi=100_000)
    Traceback (most recent call last):
        ...
    exactbargain.limits.LimitError: a picture at 100000 dpi has about 759375000000 pixels, more than the limit plot-pixels=50000000 allows; raise it with --limit plot-pixels=759375000000 (limits=Limits(plot_pixels=759375000000) in Python)
    """
    if isinstance(dpi, bool) or not isinstance(dpi, int) or dpi < 1:
        raise ExactBargainError(f"dpi must be a positive integer, got {dpi!r}")
    with size_limits.using(limits):
        texts = [title or "", game.title or "", *game.players]
        labels = game.actions if isinstance(game, Game) else game.profiles
        texts += [label for group in labels for label in group]
        longest = max(len(t) for t in texts)
        size_limits.check("label-length", longest, f"a text to draw has {longest} characters")
        # a title wider than the figure widens the picture (bbox_inches="tight"): ~1/8 inch a character
        pixels = int((10 * dpi + longest * dpi // 8) * 15 * dpi // 2)
        size_limits.check("plot-pixels", pixels, f"a picture at {dpi} dpi has about {pixels} pixels")
        return _save(game, path, rules, title, dpi, coalitions, max_lps)


def _save(game: "Game | PlotData", path: "str | os.PathLike[str]", rules: Sequence[str] | None, title: str | None,
          dpi: int, coalitions: str, max_lps: int | None = None) -> PlotData:
    data = game if isinstance(game, PlotData) else plot_data(game, rules, coalitions=coalitions, max_lps=max_lps)
    fig = figure(data, title=title)
    try:
        fig.savefig(os.fspath(path), dpi=dpi, bbox_inches="tight")
    except ValueError as exc:
        raise ExactBargainError(f"cannot write the plot to {os.fspath(path)}: {exc}") from None
    return data


def _limits(points: Sequence[Point], axis: int, pad: Fraction) -> tuple[Fraction, Fraction]:
    lo = min(p[axis] for p in points)
    hi = max(p[axis] for p in points)
    span = hi - lo if hi > lo else max(abs(hi), Fraction(1))
    return lo - pad * span, hi + pad * span


def _rule_points(data: PlotData) -> tuple[list[Point], list[Point], list[tuple[Point, Point]]]:
    """Distinct solutions, distinct disagreement points, and distinct moves ``(d, solution)``."""
    solutions = list(dict.fromkeys(r.payoffs for r in data.rules))
    starts = list(dict.fromkeys(r.disagreement for r in data.rules if r.disagreement is not None))
    moves = list(dict.fromkeys((r.disagreement, r.payoffs) for r in data.rules
                               if r.disagreement is not None and r.disagreement != r.payoffs))
    return solutions, starts, moves


def _tags(data: PlotData) -> dict[Point, str]:
    """The action profiles at each outcome payoff (``"D/C"``; several joined by commas)."""
    tags: dict[Point, list[str]] = {}
    for a, p in zip(data.profiles, data.outcomes):
        tags.setdefault(p, []).append("/".join(a))
    return {p: ", ".join(names) for p, names in tags.items()}


def _draw2(fig: Any, data: PlotData, heading: str) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Polygon as PolygonPatch

    fig.subplots_adjust(left=0.08, right=0.66, bottom=0.09, top=0.92)  # float-guide
    ax = fig.add_subplot(1, 1, 1)
    p1, p2 = data.players
    solutions, starts, moves = _rule_points(data)
    everything = list(data.outcomes) + list(data.ce_vertices) + solutions + starts
    (x0, x1), (y0, y1) = (_limits(everything, j, Fraction(3, 20)) for j in range(2))
    ax.set_xlim(*_cols([(x0,), (x1,)], 1)[0])
    ax.set_ylim(*_cols([(y0,), (y1,)], 1)[0])
    if max(x1 - x0, y1 - y0) <= Fraction(3, 2) * min(x1 - x0, y1 - y0):
        ax.set_aspect("equal", adjustable="box")
    exponent = _unit_exponent(data)
    ax.set_xlabel(_axis_label(p1, exponent))
    ax.set_ylabel(_axis_label(p2, exponent))
    if heading:
        ax.set_title(heading)
    ax.grid(True, color="#f0f0f0", zorder=0)
    ax.set_axisbelow(True)

    def region(vertices: tuple[Point, ...], faces: tuple[tuple[int, ...], ...], style: str, gid: str,
               label: str) -> None:
        art = _ART[style]
        if faces:
            artist = ax.add_patch(PolygonPatch(_xy(vertices), closed=True, label=label, **art))
        elif len(vertices) == 2:
            artist = ax.add_line(Line2D(*_cols(vertices, 2), color=art["edgecolor"], linewidth=3,
                                        solid_capstyle="round", zorder=art["zorder"], label=label))
        else:
            artist = ax.add_line(Line2D(*_cols(vertices, 2), color=art["edgecolor"], marker="s", markersize=9,
                                        linestyle="", zorder=art["zorder"], label=label))
        artist.set_gid(gid)

    region(data.outcome_hull, data.outcome_faces, "hull", "outcome-hull", "payoffs without transfers (outcome hull)")
    region(data.ce_vertices, data.ce_faces, "ce", "ce-set", "correlated equilibrium payoffs"
           + ("" if not data.ce_outer else " (found so far)"))
    if data.ce_outer:
        ring = list(data.ce_outer) + [data.ce_outer[0]]
        ax.plot(*_cols(ring, 2), label=f"CE payoffs lie inside (gap {text(data.ce_gap)})", gid="ce-outer",
                color=_ART["ce"]["edgecolor"], linestyle="--", linewidth=1.0, zorder=_ART["ce"]["zorder"])
    ax.scatter(*_cols(data.outcomes, 2), label="outcome payoffs u(a)", gid="outcomes", **_ART["outcomes"])
    ax.scatter(*_cols(data.ce_vertices, 2), gid="ce-vertices", **_ART["ce-vertices"])
    chain = "pareto" if len(data.pareto_frontier) >= 2 else "pareto-point"
    ax.plot(*_cols(data.pareto_frontier, 2), label="CE Pareto frontier", gid="pareto-frontier", **_ART[chain])
    W = data.W
    lo, hi = max(x0, W - y1), min(x1, W - y0)
    efficient = [(lo, W - lo), (hi, W - hi)] if lo <= hi else []
    if efficient:
        ax.plot(*_cols(efficient, 2), label=f"efficient line {p1} + {p2} = W = {_shortened(text(W))}", gid="efficient-line",
                **_ART["line"])
    if data.nash:
        nash = "Nash equilibrium payoffs" if data.nash_complete else "pure Nash equilibrium payoffs"
        ax.scatter(*_cols(data.nash, 2), label=nash, gid="nash", **_ART["nash"])
    for a, b in moves:
        (start,), (end,) = _xy([a]), _xy([b])
        ax.annotate("", xy=end, xytext=start, zorder=6, arrowprops=_ART["move"]).set_gid("move")
    if starts:
        ax.scatter(*_cols(starts, 2), label="disagreement point d", gid="disagreement", **_ART["d"])
    ax.scatter(*_cols(solutions, 2), label="solution", gid="solutions", **_ART["solution"])
    handles, names = ax.get_legend_handles_labels()
    if moves:
        handles.append(Line2D([], [], marker=">", markersize=5, color=_ART["move"]["color"], linestyle=":"))
        names.append("from d to the solution")
    ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.03, 1), **_ART["legend"])
    ax.apply_aspect()  # fixes the axes box, so that data coordinates map to their final pixels
    items = [(p, label, _label_style(data, p)) for p, label in _shown_labels(data, 14)]
    if len(data.outcomes) <= 25:
        items += [(p, tag, _ART["tag"]) for p, tag in _tags(data).items()]
    lines = [data.pareto_frontier, data.ce_vertices + data.ce_vertices[:1], efficient]
    _place(fig, ax, [(_xy([p])[0], label, style) for p, label, style in items],
           _xy(everything + list(data.nash)), [_xy(line) for line in lines if line])


def _shown_labels(data: PlotData, cap: int) -> tuple[tuple[Point, str], ...]:
    """The labels drawn: all of them when there are at most ``cap``, else those of the rule
    points only (the coordinates of the other points stay in :class:`PlotData`)."""
    labels = data.labels(width=40)
    if len(labels) <= cap:
        return labels
    ruled = {r.payoffs for r in data.rules} | {r.disagreement for r in data.rules}
    return tuple((p, label) for p, label in labels if p in ruled)


def _label_style(data: PlotData, p: Point) -> dict:
    """Labels of solutions in bold, of other points plain."""
    bold = any(r.payoffs == p for r in data.rules)
    return {**_ART["label"], "fontweight": "bold" if bold else "normal"}


def _place(fig: Any, ax: Any, items: list[tuple[tuple[float, ...], str, dict]],
           markers: list[tuple[float, ...]], lines: Sequence[Sequence[tuple[float, ...]]] = (),
           inset: tuple[float, float] = (0, 0)) -> None:
    """Put each label near its anchor (in ``ax``'s data coordinates), inside the axes, at the
    spot (16 directions, 7 distances) that minimises the area it covers of the markers and of
    the labels placed before, plus 0.3 times the area it covers of ``lines`` (polylines),
    plus twice its distance from the anchor; ties go to the direction pointing away from
    the centre of the picture. A thin leader line joins a label set off its anchor. Offsets
    are in points, so the layout does not depend on the resolution the figure is saved at.
    ``inset`` keeps labels that fraction of the axes' width and height away from its sides
    (3-D axes draw their tick labels inside that box). All of this is pixel geometry on
    floats; no exact value depends on it."""
    renderer = fig.canvas.get_renderer()
    box = ax.get_window_extent(renderer)
    mx, my = box.width * inset[0], box.height * inset[1]  # float-guide
    left, right, bottom, top = box.x0 + mx, box.x1 - mx, box.y0 + my, box.y1 - my  # float-guide
    to_px = ax.transData.transform
    s = fig.dpi / 72  # pixels per point  # float-guide
    pts = np.array([to_px(m) for m in markers] + [to_px(a) for a, _, _ in items], dtype=float)  # float-guide
    centre = pts.mean(axis=0)  # float-guide
    taken = [np.hstack([pts - 5 * s, pts + 5 * s])]  # float-guide
    strokes = [np.zeros((0, 4))]  # float-guide
    for line in lines:
        ends = np.array([to_px(p) for p in line], dtype=float)  # float-guide
        for a, b in zip(ends, ends[1:]):
            t = np.linspace(0, 1, max(1, int(np.hypot(*(b - a)) / (4 * s))) + 1)[:, None]  # float-guide
            along = a + t * (b - a)  # float-guide
            strokes.append(np.hstack([along - 1.5 * s, along + 1.5 * s]))  # float-guide
    stroke_boxes = np.vstack(strokes)  # float-guide
    for anchor, label, style in items:
        p = to_px(anchor)  # float-guide
        away = p - centre  # float-guide
        outward = np.arctan2(away[1], away[0]) if np.hypot(*away) > 1 else np.pi / 4  # float-guide
        angles = sorted((k * np.pi / 8 for k in range(16)),
                        key=lambda t: abs(math.remainder(t - outward, 2 * math.pi)))  # float-guide
        probe = ax.annotate(label, xy=anchor, xytext=(0, 0), textcoords="offset points", ha="left",
                            va="bottom", **style)
        e = probe.get_window_extent(renderer)
        probe.remove()
        w, h, lift_x, lift_y = e.width, e.height, e.x0 - p[0], e.y0 - p[1]  # float-guide
        cands = []
        for radius in (6, 12, 20, 30, 42, 58, 78):
            for t in angles:
                dx, dy = radius * math.cos(t), radius * math.sin(t)  # float-guide
                ha = "left" if dx > 2 else "right" if dx < -2 else "center"  # float-guide
                va = "bottom" if dy > 2 else "top" if dy < -2 else "center"  # float-guide
                x0 = p[0] + lift_x + dx * s - {"left": 0, "center": w / 2, "right": w}[ha]  # float-guide
                y0 = p[1] + lift_y + dy * s - {"bottom": 0, "center": h / 2, "top": h}[va]  # float-guide
                box = (x0 - 2 * s, y0 - 2 * s, x0 + w + 2 * s, y0 + h + 2 * s)  # float-guide
                cands.append((radius, dx, dy, ha, va, box))
        boxes = np.array([c[5] for c in cands])  # float-guide
        covered = _covered(boxes, np.vstack(taken)) + 0.3 * _covered(boxes, stroke_boxes)  # float-guide
        inside = ((boxes[:, 0] >= left) & (boxes[:, 2] <= right)  # float-guide
                  & (boxes[:, 1] >= bottom) & (boxes[:, 3] <= top))  # float-guide
        distance = np.array([2 * c[0] * s for c in cands])  # float-guide
        best = int(np.argmin(covered + np.where(inside, 0, 1e7) + distance))  # float-guide
        radius, dx, dy, ha, va, box = cands[best]
        leader = _ART["leader"] if radius > (15 if style is _ART["tag"] else 9) else None
        note = ax.annotate(label, xy=anchor, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, zorder=12,
                           bbox=_ART["label-box"], arrowprops=leader, **style)
        note.set_gid("label")
        taken.append(np.array([box]))  # float-guide


def _covered(boxes: Any, obstacles: Any) -> Any:
    """For each box (rows ``x0, y0, x1, y1``), the total area it shares with the obstacles."""
    b, o = boxes[:, None, :], obstacles[None, :, :]  # float-guide
    w = np.minimum(b[..., 2], o[..., 2]) - np.maximum(b[..., 0], o[..., 0])  # float-guide
    h = np.minimum(b[..., 3], o[..., 3]) - np.maximum(b[..., 1], o[..., 1])  # float-guide
    return (w.clip(min=0) * h.clip(min=0)).sum(axis=1)  # float-guide


def _box_plane(W: Fraction, lo: Sequence[Fraction], hi: Sequence[Fraction]) -> tuple[Point, ...]:
    """The polygon where the plane ``x_1 + x_2 + x_3 = W`` meets the box ``[lo, hi]``
    (exact; empty when they miss or only touch)."""
    corners = [tuple((lo, hi)[b >> j & 1][j] for j in range(3)) for b in range(8)]
    found = []
    for a in range(8):
        for j in range(3):
            if a >> j & 1:
                continue
            p, q = corners[a], corners[a | 1 << j]
            x = W - (sum(p) - p[j])
            if p[j] <= x <= q[j]:
                found.append(tuple(x if k == j else p[k] for k in range(3)))
    if len(set(found)) < 3:
        return ()
    vertices, faces = _hull3(found)
    return tuple(vertices[i] for i in faces[0]) if faces else ()


def _draw3(fig: Any, data: PlotData, heading: str) -> None:
    from matplotlib.lines import Line2D
    from mpl_toolkits.mplot3d import proj3d
    from mpl_toolkits.mplot3d.art3d import Line3DCollection, Poly3DCollection

    fig.subplots_adjust(left=0, right=0.68, bottom=0.03, top=0.95)  # float-guide
    ax = fig.add_subplot(1, 1, 1, projection="3d", computed_zorder=False)  # markers stay above the faces
    solutions, starts, moves = _rule_points(data)
    everything = list(data.outcomes) + list(data.ce_vertices) + solutions + starts
    lims = [_limits(everything, j, Fraction(1, 12)) for j in range(3)]
    (xs, ys, zs) = _cols(list(zip(*lims)), 3)
    ax.set_xlim(*xs)
    ax.set_ylim(*ys)
    ax.set_zlim(*zs)
    spans = [hi - lo for lo, hi in lims]
    if max(spans) <= Fraction(3, 2) * min(spans):
        ax.set_box_aspect(_xy([tuple(spans)])[0])
    exponent = _unit_exponent(data)
    ax.set_xlabel(_axis_label(data.players[0], exponent))
    ax.set_ylabel(_axis_label(data.players[1], exponent))
    ax.set_zlabel(_axis_label(data.players[2], exponent))
    ax.view_init(elev=24, azim=-52)
    if heading:
        ax.set_title(heading)

    def edges(vertices: tuple[Point, ...], faces: tuple[tuple[int, ...], ...]) -> list[list[tuple[float, ...]]]:
        pairs = {tuple(sorted((f[k], f[(k + 1) % len(f)]))) for f in faces for k in range(len(f))}
        if not faces and len(vertices) == 2:
            pairs = {(0, 1)}
        return [_xy([vertices[a], vertices[b]]) for a, b in sorted(pairs)]

    def scatter(points: Sequence[Point], style: str, gid: str, label: str | None = None) -> None:
        ax.scatter(*_cols(points, 3), depthshade=False, label=label, gid=gid, **_ART[style])

    if len(data.outcome_hull) >= 2:
        hull = Line3DCollection(edges(data.outcome_hull, data.outcome_faces), label="outcome hull (no transfers)",
                                **_ART["hull-edges"])
        hull.set_gid("outcome-hull")
        ax.add_collection3d(hull)
    scatter(data.outcomes, "outcomes", "outcomes", "outcome payoffs u(a)")
    plane = _box_plane(data.W, [lo for lo, _ in lims], [hi for _, hi in lims])
    if plane:
        names = " + ".join(data.players)
        eff = Poly3DCollection([_xy(plane)], label=f"efficient plane {names} = W = {_shortened(text(data.W))}", **_ART["plane"])
        eff.set_gid("efficient-plane")
        ax.add_collection3d(eff)
    ce_label = "correlated equilibrium payoffs"
    if data.ce_faces:
        ce = Poly3DCollection([_xy([data.ce_vertices[i] for i in f]) for f in data.ce_faces], label=ce_label,
                              **_ART["ce-faces"])
    elif len(data.ce_vertices) == 2:
        ce = Line3DCollection(edges(data.ce_vertices, ()), label=ce_label, **_ART["ce-segment"])
    else:
        ce = None
        scatter(data.ce_vertices, "ce-point", "ce-set", ce_label)
    if ce is not None:
        ce.set_gid("ce-set")
        ax.add_collection3d(ce)
    scatter(data.ce_vertices, "ce-vertices", "ce-vertices", "CE extreme points" if data.ce_faces else None)
    scatter(data.pareto_frontier, "pareto-ring", "pareto-frontier", "CE Pareto-optimal extreme points")
    if data.nash:
        nash = "Nash equilibrium payoffs" if data.nash_complete else "pure Nash equilibrium payoffs"
        scatter(data.nash, "nash", "nash", nash)
    for a, b in moves:
        ax.plot(*_cols([a, b], 3), gid="move", **_ART["move3"])
    if starts:
        scatter(starts, "d", "disagreement", "singleton values (v({1}), v({2}), v({3}))")
    scatter(solutions, "solution", "solutions", "solution")
    handles, labels = ax.get_legend_handles_labels()
    if moves:
        handles.append(Line2D([], [], **_ART["move3"]))
        labels.append("from v({i}) to the solution")
    if data.coalitions:
        handles.append(Line2D([], [], linestyle=""))
        labels.append(f"fallback coalition model: {data.coalitions}")
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.02, 0.95), **_ART["legend"])  # float-guide
    ax.apply_aspect()
    M = ax.get_proj()

    def flat(p: Point) -> tuple[float, ...]:
        """Where ``p`` lands in the 2-D data coordinates of the projected axes."""
        x, y, z = _cols([p], 3)
        u, v, _ = proj3d.proj_transform(x[0], y[0], z[0], M)  # float-guide
        return (u, v)  # float-guide

    items = [(flat(p), label, _label_style(data, p)) for p, label in _shown_labels(data, 6)]
    if len(data.outcomes) <= 8:
        items += [(flat(p), tag, _ART["tag"]) for p, tag in _tags(data).items()]
    _place(fig, ax, items, [flat(p) for p in everything + list(data.nash)], inset=(0.1, 0.06))  # float-guide
