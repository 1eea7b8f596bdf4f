"""The exact data of a payoff-space plot (:class:`PlotData`, :func:`plot_data`): every point a
:class:`fractions.Fraction`, computed without matplotlib."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from ..bargaining.results import text, vector_text
from ..cooperative.star import COALITION_MODELS
from ..equilibria import CorrelatedEquilibria, nash_equilibria
from ..errors import GameError
from ..game import Game, require_game
from ..geometry import convex_hull, hull3 as _hull3
from .rules import rule_spec, rules_for

__all__ = ["Point", "RulePoint", "PlotData", "plot_data"]

Point = tuple[Fraction, ...]

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
        """``{"rule", "payoffs", "disagreement"}`` with ``"p/q"`` strings.

        Returns
        -------
        dict
            The rule's name, payoffs and disagreement point.
        """
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
        """The :class:`RulePoint` of the rule ``name``.

        Parameters
        ----------
        name : str
            A rule's name as the plot spells it.

        Returns
        -------
        RulePoint
            That rule's point.

        Raises
        ------
        KeyError
            When the plot has no such rule.
        """
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

        Parameters
        ----------
        width : int, optional
            Wrap each label's lines at this many characters.

        Returns
        -------
        tuple of (Point, str)
            Each labelled point with its label.
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
        """JSON-ready dict; every number is an exact ``"p/q"`` string.

        Returns
        -------
        dict
            The plot's data.
        """

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


def _rule_point(name: str, solution: Any) -> RulePoint:
    d = getattr(solution, "disagreement", None)
    return RulePoint(name, tuple(solution.payoffs), None if d is None else tuple(d))


def _ce_payoffs(game: Game, max_lps: int | None) -> tuple[Any, tuple[Point, ...], tuple[tuple[int, ...], ...],
                                                          tuple[Point, ...]]:
    """The CE payoff set, its extreme points, its faces (cycles of indices into them) and its
    Pareto-optimal extreme points."""
    ce = CorrelatedEquilibria(game)
    payoff_set = ce.payoff_set(max_lps=max_lps)
    ce_vertices = tuple(p.payoffs for p in payoff_set)
    if game.num_players == 2:  # payoff_set() lists the polygon's vertices counter-clockwise
        ce_faces = ((tuple(range(len(ce_vertices))),) if len(ce_vertices) >= 3 else ())
    else:
        hull_vertices, faces = _hull3(ce_vertices)
        where = {p: ce_vertices.index(p) for p in hull_vertices}
        ce_faces = tuple(tuple(where[hull_vertices[i]] for i in f) for f in faces)
    return payoff_set, ce_vertices, ce_faces, tuple(p.payoffs for p in ce.frontier_of(payoff_set))


def plot_data(game: Game, rules: Sequence[str] | None = None, *, coalitions: str = "two-teams",
              max_lps: int | None = None) -> PlotData:
    """Compute everything the figure of ``game`` shows, exactly (no matplotlib involved).

    ``rules`` lists rule names (:data:`RULES`; ``fallback-dictator-K`` for any player ``K``);
    by default every rule that applies (:func:`rules_for`). ``coalitions`` is the coalition
    model of the fallback rules for three-player games (``"two-teams"`` or
    ``"team-vs-individuals"``, docs/theory.md §3.3). ``max_lps`` bounds the LPs spent on the
    CE payoff set (:meth:`~exactbargain.equilibria.CorrelatedEquilibria.payoff_set`); an
    incomplete set is drawn with its outer polytope.

    Parameters
    ----------
    game : Game
        A game of two or three players.
    rules : sequence of str, optional
        Rule names (:func:`~exactbargain.plot.rules.rules_for`).
    coalitions : str
        The coalition model of the fallback rules.
    max_lps : int, optional
        LPs to spend on the CE payoff set.

    Returns
    -------
    PlotData
        Every point, exactly.

    Raises
    ------
    GameError
        For a game of another number of players, an unknown rule or coalition model.
    LimitError
        When the work would exceed a size limit.

    Examples
    --------
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
    specs = [(name, rule_spec(name, n, coalitions)) for name in names]
    profiles = tuple(game.profiles())
    outcomes = tuple(game.payoff(p) for p in profiles)
    outcome_hull, outcome_faces = _hull(outcomes)
    payoff_set, ce_vertices, ce_faces, pareto = _ce_payoffs(game, max_lps)
    ce_outer = () if payoff_set.complete else _hull(payoff_set.outer_points)[0]
    equilibria = nash_equilibria(game)
    nash = tuple(sorted(equilibria.payoff_set()))
    points = [_rule_point(name, spec.solve(game)) for name, spec in specs]
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
