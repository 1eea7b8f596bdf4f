"""Classic two-person bargaining over exact polygons: Nash and Kalai–Smorodinsky.

A bargaining problem is a feasible set ``F`` — here the convex hull of finitely many rational
points of the plane, a :class:`Polygon` — and a disagreement point ``d``. Only
``F_d = F ∩ {x >= d}`` matters.

* **Nash bargaining solution**: the maximiser of ``(x_1 - d_1)(x_2 - d_2)`` over ``F_d``. When
  some ``x in F_d`` has ``x > d`` the maximiser is unique (the log of the product is strictly
  concave) and lies on the Pareto chain of ``F_d``; on a chain edge ``p + lam (q - p)`` the
  product is a quadratic in ``lam`` whose stationary point ``-B / 2A`` is rational, so the
  candidates ``lam = 0``, ``lam = 1`` and the stationary point give the answer exactly. The
  certificate is the supporting line: ``x*`` maximises ``n . x`` over ``F_d`` for
  ``n = (x*_2 - d_2, x*_1 - d_1)``, which characterises the maximiser of the product.
* **Kalai–Smorodinsky solution**: with the ideal point ``I_i = max{x_i : x in F_d}``, the
  point of ``F_d`` furthest along the segment from ``d`` to ``I`` — the intersection of a
  line with a polygon edge, rational.

Degenerate problems (no ``x in F_d`` with ``x > d``): ``F_d`` then lies on a line
``x_1 = d_1`` or ``x_2 = d_2``, and both solutions return the point of ``F_d`` with the larger
total (the leximin point relative to ``d``). Both solutions are always rational in two
dimensions; in three or more dimensions the Nash product can peak at an irrational point,
so points of other dimensions are refused with an error rather than approximated.

On a game (no transfers), ``F`` is the hull of the outcome payoffs and ``d`` defaults to the
CE point chosen by a selection rule (``select="welfare"``); the agreement is a lottery over at
most two outcomes.

>>> square = Polygon([(0, 0), (4, 0), (0, 2), (3, 2)])
>>> nash_bargaining(square, (0, 0)).payoffs
(Fraction(3, 1), Fraction(2, 1))
>>> kalai_smorodinsky(square, (0, 0)).payoffs
(Fraction(16, 5), Fraction(8, 5))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .. import geometry as _geometry
from ..errors import ExactBargainError, GameError, SolverError
from ..game import Game
from ..geometry import cross as _cross, nash_product_on_chain
from ..numbers import to_fraction
from ..tables import Renderable, Table
from ..tables.display import display_vector
from .results import RULE_TITLES, contract, outcomes, profile_text, solution_table, text, vector_text
from .selection import DEFAULT_SELECTION, select_point

__all__ = [
    "Polygon",
    "BargainingSolution",
    "BargainingError",
    "nash_bargaining",
    "kalai_smorodinsky",
    "nash_product_on_chain",
]

Vec = tuple[Fraction, Fraction]


class BargainingError(ExactBargainError):
    """A bargaining problem has no solution of the requested kind (or no exact one)."""


def _point(p: Any) -> Vec:
    try:
        values = tuple(p)
    except TypeError:
        raise BargainingError(f"a point is a pair of rationals, got {p!r}") from None
    if len(values) != 2:
        raise BargainingError(
            f"bargaining here is two-dimensional; got the point {p!r} with {len(values)} coordinates "
            "(in three or more dimensions the Nash product can peak at an irrational point, e.g. d_1 d_2 d_3 "
            "on the segment from (1,1,1) to (3,0,2) peaks at parameter (sqrt(13) - 1)/6)"
        )
    return to_fraction(values[0]), to_fraction(values[1])


class Polygon(_geometry.Polygon):
    """The feasible set ``F`` of a bargaining problem: a :class:`exactbargain.geometry.Polygon`
    (the exact convex hull of finitely many rational points of the plane) whose bad input
    raises :class:`BargainingError`, saying why bargaining here is two-dimensional.

    ``vertices`` are counter-clockwise without collinear points (a point or a segment is
    allowed: one or two vertices).

    >>> Polygon([(0, 0), (2, 0), (1, 0), (0, 2), (1, 1)]).vertices
    ((Fraction(0, 1), Fraction(0, 1)), (Fraction(2, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(2, 1)))
    """

    __slots__ = ()
    _noun = "a feasible set"
    _error = BargainingError
    _read = staticmethod(_point)


def _nbs_point(F: Polygon, d: Vec) -> tuple[Vec, str]:
    Fd = F.clip_above(d)
    if Fd is None:
        raise BargainingError(f"no feasible point is at least the disagreement point {vector_text(d)} in both coordinates")
    best = nash_product_on_chain(Fd.pareto_chain(), d)
    if best is None:
        x = max(Fd.vertices, key=lambda v: (v[0] + v[1], v[0]))
        return x, "degenerate: no feasible point beats d in both coordinates; the larger-total point of F_d"
    return best[2], f"the product (x_1 - {text(d[0])})(x_2 - {text(d[1])}) peaks at {text(best[3])}"


def _ks_point(F: Polygon, d: Vec) -> tuple[Vec, Vec, str]:
    Fd = F.clip_above(d)
    if Fd is None:
        raise BargainingError(f"no feasible point is at least the disagreement point {vector_text(d)} in both coordinates")
    ideal = (max(v[0] for v in Fd.vertices), max(v[1] for v in Fd.vertices))
    r = (ideal[0] - d[0], ideal[1] - d[1])
    V = Fd.vertices
    if r == (0, 0):
        return d, ideal, "the ideal point is d"
    if not _proper(Fd, d):
        x = max(V, key=lambda v: (v[0] + v[1], v[0]))
        return x, ideal, "degenerate: no feasible point beats d in both coordinates; the larger-total point of F_d"
    # F_d lies in the box [d, ideal]; the largest t with d + t r in F_d is the answer.
    candidates: list[Fraction] = []
    edges = [(V[k], V[(k + 1) % len(V)]) for k in range(len(V))] if len(V) > 1 else [(V[0], V[0])]
    for a, b in edges:
        e = (b[0] - a[0], b[1] - a[1])
        den = r[0] * e[1] - r[1] * e[0]
        if den != 0:
            # d + t r = a + s e; cross both sides with e
            t = ((a[0] - d[0]) * e[1] - (a[1] - d[1]) * e[0]) / den
            candidates.append(t)
        else:
            for v in (a, b):  # collinear or parallel: the endpoints themselves
                if r[0] != 0:
                    candidates.append((v[0] - d[0]) / r[0])
                else:
                    candidates.append((v[1] - d[1]) / r[1])
    ok = [t for t in candidates if Fd.contains((d[0] + t * r[0], d[1] + t * r[1]))]
    if not ok:
        raise BargainingError("the segment from d to the ideal point misses the feasible set")
    t = max(ok)
    return (d[0] + t * r[0], d[1] + t * r[1]), ideal, (
        f"the ideal point is I = {vector_text(ideal)}; d + t (I - d) leaves F_d at t = {text(t)}")


def _proper(Fd: "Polygon | None", d: Vec) -> bool:
    """Whether ``Fd`` (a subset of ``{x >= d}``) has a point ``> d``: some vertex beats ``d_1``
    and some vertex beats ``d_2`` (then the vertices' average beats both)."""
    return Fd is not None and any(v[0] > d[0] for v in Fd.vertices) and any(v[1] > d[1] for v in Fd.vertices)


def _exits(Fd: Polygon, x: Vec, r: Vec) -> bool:
    """Whether ``x + eps r`` leaves ``Fd`` for every ``eps > 0`` (an edge line through ``x``
    with ``r`` pointing out), for polygons with at least three vertices."""
    V = Fd.vertices
    for k in range(len(V)):
        a, b = V[k], V[(k + 1) % len(V)]
        if _cross(a, b, x) == 0 and _cross(a, b, (x[0] + r[0], x[1] + r[1])) < 0:
            return True
    return False


@dataclass(frozen=True, slots=True)
class BargainingSolution(Renderable):
    """The Nash (``rule="nbs"``) or Kalai–Smorodinsky (``rule="ks"``) solution of ``(F, d)``.

    For a game, ``game`` is set, ``F`` is the hull of its outcome payoffs, ``selection`` is
    the CE selection that gave ``d``, and ``agreement`` is a lottery over outcomes (C-order
    distribution) paying ``payoffs`` without side payments.
    """

    rule: str
    feasible: Polygon
    disagreement: Vec
    payoffs: Vec
    note: str
    ideal: Vec | None = None
    game: Game | None = None
    select: str | None = None
    selection: Any = None
    agreement: tuple[Fraction, ...] | None = None

    coalitions = None
    coalition_values = None

    @property
    def side_payments(self) -> tuple[Fraction, ...]:
        """None are needed: the agreement pays ``payoffs`` itself."""
        return (Fraction(0), Fraction(0))

    def check(self) -> list[str]:
        """Re-derive the solution's certificate with plain fractions.

        Returns
        -------
        list of str
            Every problem found; empty when the certificate holds.
        """
        out: list[str] = []
        F, d, x = self.feasible, self.disagreement, self.payoffs
        if Polygon(F.points).vertices != F.vertices:
            out.append("the polygon's vertices are not the hull of its points")
        if not F.contains(x):
            out.append("the solution is not feasible")
        if x[0] < d[0] or x[1] < d[1]:
            out.append("the solution is below the disagreement point")
        Fd = F.clip_above(d)
        proper = _proper(Fd, d)
        if Fd is not None and not proper and x != max(Fd.vertices, key=lambda v: (v[0] + v[1], v[0])):
            out.append("a degenerate problem's solution is the larger-total point of F_d")
        if Fd is not None and self.rule == "nbs" and proper:
            n = (x[1] - d[1], x[0] - d[0])
            if n[0] <= 0 or n[1] <= 0 or Fd.support(n) != n[0] * x[0] + n[1] * x[1]:
                out.append("the line through x* normal to the product's gradient does not support F_d")
        if Fd is not None and self.rule == "ks" and proper:
            ideal = (max(v[0] for v in Fd.vertices), max(v[1] for v in Fd.vertices))
            r = (ideal[0] - d[0], ideal[1] - d[1])
            if (x[0] - d[0]) * r[1] != (x[1] - d[1]) * r[0]:
                out.append("the solution is not on the segment from d to the ideal point")
            if len(Fd.vertices) > 2 and not _exits(Fd, x, r):
                out.append("moving from the solution towards the ideal point stays feasible")
            if len(Fd.vertices) <= 2 and Fd.contains((x[0] + r[0], x[1] + r[1])) and r != (0, 0):
                out.append("moving from the solution towards the ideal point stays feasible")
        if self.game is not None:
            g = self.game
            pts = tuple((a, b) for a, b in outcomes(g))
            if F.points != pts:
                out.append("the feasible set is not the hull of the game's outcomes")
            if self.selection is not None:
                out += [f"selection: {m}" for m in self.selection.check()]
                if self.selection.payoffs != d:
                    out.append("d is not the selected CE point")
            mu = self.agreement or ()
            if len(mu) != g.num_profiles or any(p < 0 for p in mu) or sum(mu) != 1:
                out.append("the agreement is not a distribution over outcomes")
            else:
                paid = tuple(sum((m * u[i] for m, u in zip(mu, outcomes(g)) if m), Fraction(0)) for i in range(2))
                if paid != x:
                    out.append(f"the agreement pays {vector_text(paid)}, not {vector_text(x)}")
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong.

        Returns
        -------
        bool
            Whether :meth:`check` returns no problem.
        """
        return not self.check()

    def summary(self) -> dict:
        """The JSON contract of ``exactbargain solve --json``.

        Returns
        -------
        dict
            The rule, payoffs and disagreement point as exact ``"p/q"`` strings.
        """
        return contract(self.rule, self.select, None, self.payoffs, self.disagreement, None, self.verify())

    def to_json(self) -> dict:
        """The contract plus the polygon, the note and (for a game) the agreement lottery.

        Returns
        -------
        dict
            A JSON-ready dictionary; every number is an exact ``"p/q"`` string.
        """
        doc = self.summary()
        doc["feasible_vertices"] = [[text(a), text(b)] for a, b in self.feasible.vertices]
        doc["note"] = self.note
        if self.ideal is not None:
            doc["ideal"] = [text(v) for v in self.ideal]
        if self.game is not None and self.agreement is not None:
            g = self.game
            doc["agreement"] = {
                ",".join(g.actions[i][k] for i, k in enumerate(p)): text(m)
                for m, p in zip(self.agreement, g.profiles()) if m
            }
        return doc

    def explain(self) -> str:
        """The derivation.

        Returns
        -------
        str
            The derivation with the actual numbers, one step per line.
        """
        name = RULE_TITLES.get(self.rule, self.rule)
        where = f" of {self.game.title or 'the game'} (no transfers)" if self.game is not None else ""
        lines = [f"{name}{where}",
                 f"  F = conv{{{', '.join(vector_text(v) for v in self.feasible.vertices)}}}"]
        if self.selection is not None:
            lines += self.selection.explain_lines()
            lines.append(f"  disagreement point d = the {self.select} CE point {vector_text(self.disagreement)}")
        else:
            lines.append(f"  disagreement point d = {vector_text(self.disagreement)}")
        lines.append(f"  {self.note}")
        lines.append(f"  solution x* = {vector_text(self.payoffs)}")
        if self.game is not None and self.agreement is not None:
            g = self.game
            lottery = " + ".join(f"{text(m)} {profile_text(g, p)}" for m, p in zip(self.agreement, g.profiles()) if m)
            lines.append(f"  implemented by the lottery {lottery}; no side payment")
        return "\n".join(lines)

    def __str__(self) -> str:
        return f"{self.rule} {display_vector(self.payoffs)} from d = {display_vector(self.disagreement)}"

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The solution as a table: ``W``, the disagreement point, payoffs and the lottery over
        outcomes that pays them (``title`` replaces the game's title).

        Parameters
        ----------
        title : str, optional
            The caption's title instead of the game's.

        Returns
        -------
        list of Table
            The solution's tables.
        """
        return [solution_table(self, title=title, lottery=True)]


def _edge_line(F: Polygon, x: Vec) -> tuple[Vec, Vec] | None:
    """Two points spanning the line of the edge of ``F`` that holds ``x``, or ``None``."""
    vs = F.vertices
    if len(vs) < 2:
        return None
    for i, a in enumerate(vs):
        b = vs[(i + 1) % len(vs)]
        if _cross(a, b, x) == 0 and min(a[0], b[0]) <= x[0] <= max(a[0], b[0]) \
                and min(a[1], b[1]) <= x[1] <= max(a[1], b[1]):
            return a, b
    return None


def _lottery(game: Game, x: Vec, F: Polygon | None = None) -> tuple[Fraction, ...]:
    """A distribution over at most two outcomes paying ``x`` (a point of the outcome hull
    ``F``'s boundary or a vertex): the outcome paying ``x``, else the first pair of outcomes
    (in profile order) with ``x`` on the segment between them.

    When ``x`` lies on an edge of ``F`` (and is no outcome), both outcomes of such a pair lie
    on that edge's line (a segment through a boundary point inside the hull runs along the
    supporting line), so only the outcomes on the line are paired: linear in the outcomes
    instead of quadratic (a 40x40 game's 1,600 outcomes made 1.3 million pairs)."""
    pays = outcomes(game)
    out = [Fraction(0)] * len(pays)
    for k, u in enumerate(pays):
        if u == x:
            out[k] = Fraction(1)
            return tuple(out)
    line = _edge_line(F, x) if F is not None else None
    pool = list(range(len(pays))) if line is None else [k for k, u in enumerate(pays) if _cross(*line, u) == 0]
    for i, a in enumerate(pool):
        for b in pool[i + 1:]:
            p, q = pays[a], pays[b]
            if _cross(p, q, x) != 0 or p == q:
                continue
            axis = 0 if p[0] != q[0] else 1
            lam = (x[axis] - p[axis]) / (q[axis] - p[axis])
            if 0 <= lam <= 1:
                out[a], out[b] = 1 - lam, lam
                return tuple(out)
    raise SolverError("no lottery over two outcomes pays the solution")  # pragma: no cover


def _solve(rule: str, feasible: Any, d: Any, select: str) -> BargainingSolution:
    if isinstance(feasible, Game):
        game = feasible
        if game.num_players != 2:
            raise GameError(f"{rule} bargaining over a game needs two players; this game has {game.num_players}")
        F = Polygon(outcomes(game))
        selection = None
        if d is None:
            selection = select_point(game, select)
            d = selection.payoffs
        else:
            select = None
        d = _point(d)
    else:
        game, selection, select = None, None, None
        F = feasible if isinstance(feasible, _geometry.Polygon) else Polygon(feasible)
        if d is None:
            raise BargainingError("a disagreement point d is needed")
        d = _point(d)
    ideal = None
    if rule == "nbs":
        x, note = _nbs_point(F, d)
    else:
        x, ideal, note = _ks_point(F, d)
    agreement = _lottery(game, x, F) if game is not None else None
    return BargainingSolution(rule, F, d, x, note, ideal, game, select, selection, agreement)


def nash_bargaining(feasible: Any, d: Any = None, *, select: str = DEFAULT_SELECTION) -> BargainingSolution:
    """The Nash bargaining solution of ``(F, d)``, exactly.

    ``feasible`` is a :class:`Polygon`, a sequence of 2-D points (their convex hull), or a
    two-player :class:`~exactbargain.game.Game` (the hull of its outcome payoffs, no
    transfers; ``d`` defaults to the CE point of the selection rule ``select``).

    Parameters
    ----------
    feasible : Polygon, sequence of points or Game
        The feasible set ``F``.
    d : sequence of rationals, optional
        The disagreement point (default for a game: the CE point of ``select``).
    select : str
        The selection rule of a game's disagreement point.

    Returns
    -------
    BargainingSolution
        The solution, its disagreement point and its certificate.

    Raises
    ------
    BargainingError
        When ``F`` or ``d`` is not a valid bargaining problem (``d`` outside ``F``, floats).

    Examples
    --------
    >>> nash_bargaining([(0, 0), (6, 0), (0, 3)], (0, 0)).payoffs
    (Fraction(3, 1), Fraction(3, 2))
    >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    >>> nash_bargaining(chicken).payoffs
    (Fraction(6, 1), Fraction(6, 1))
    """
    return _solve("nbs", feasible, d, select)


def kalai_smorodinsky(feasible: Any, d: Any = None, *, select: str = DEFAULT_SELECTION) -> BargainingSolution:
    """The Kalai–Smorodinsky solution of ``(F, d)``, exactly (arguments as for
    :func:`nash_bargaining`).

    Parameters
    ----------
    feasible : Polygon, sequence of points or Game
        The feasible set ``F``.
    d : sequence of rationals, optional
        The disagreement point (default for a game: the CE point of ``select``).
    select : str
        The selection rule of a game's disagreement point.

    Returns
    -------
    BargainingSolution
        The solution, its disagreement point and its certificate.

    Raises
    ------
    BargainingError
        When ``F`` or ``d`` is not a valid bargaining problem (``d`` outside ``F``, floats).

    Examples
    --------
    >>> kalai_smorodinsky([(0, 0), (6, 0), (0, 3)], (0, 0)).payoffs
    (Fraction(3, 1), Fraction(3, 2))
    """
    return _solve("ks", feasible, d, select)
