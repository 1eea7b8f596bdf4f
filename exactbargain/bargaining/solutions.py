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

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

from ..errors import ExactBargainError, GameError, GameTypeError, SolverError
from ..game import Game
from ..numbers import to_fraction
from ..tables import Renderable, Table
from .results import contract, profile_text, solution_table, text, vector_text

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


def _cross(o: Vec, a: Vec, b: Vec) -> Fraction:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


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


def _hull(points: Sequence[Vec]) -> tuple[Vec, ...]:
    """Exact convex hull (Andrew's monotone chain), counter-clockwise, no collinear vertices."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return tuple(pts)
    lower: list[Vec] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Vec] = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    return tuple(hull)


@dataclass(frozen=True, slots=True)
class Polygon:
    """The convex hull of finitely many rational points of the plane (exact).

    ``vertices`` are counter-clockwise without collinear points (a point or a segment is
    allowed: one or two vertices).

    >>> Polygon([(0, 0), (2, 0), (1, 0), (0, 2), (1, 1)]).vertices
    ((Fraction(0, 1), Fraction(0, 1)), (Fraction(2, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(2, 1)))
    """

    points: tuple[Vec, ...]
    vertices: tuple[Vec, ...] = field(init=False)

    def __init__(self, points: Sequence[Any]) -> None:
        if isinstance(points, (str, bytes)) or not hasattr(points, "__iter__"):
            got = "None" if points is None else f"a {type(points).__name__}"
            raise GameTypeError(f"a feasible set needs a sequence of points (pairs of rationals), got {got}")
        pts = tuple(_point(p) for p in points)
        if not pts:
            raise BargainingError("a feasible set needs at least one point")
        object.__setattr__(self, "points", pts)
        object.__setattr__(self, "vertices", _hull(pts))

    def contains(self, x: Any) -> bool:
        """Whether ``x`` lies in the polygon (boundary included).

        >>> Polygon([(0, 0), (2, 0), (0, 2)]).contains((1, 1)), Polygon([(0, 0), (2, 2)]).contains((1, 0))
        (True, False)
        """
        p = _point(x)
        V = self.vertices
        if len(V) == 1:
            return p == V[0]
        if len(V) == 2:
            a, b = V
            return _cross(a, b, p) == 0 and min(a, b) <= p <= max(a, b)
        return all(_cross(V[k], V[(k + 1) % len(V)], p) >= 0 for k in range(len(V)))

    def support(self, c: Sequence[Any]) -> Fraction:
        """``max c . x`` over the polygon."""
        c0, c1 = to_fraction(c[0]), to_fraction(c[1])
        return max(c0 * v[0] + c1 * v[1] for v in self.vertices)

    def clip_above(self, d: Any) -> "Polygon | None":
        """``F ∩ {x >= d}`` (``None`` when empty)."""
        d = _point(d)
        pts = list(self.vertices)
        for axis in (0, 1):
            if not pts:
                return None
            out: list[Vec] = []
            m = len(pts)
            for k in range(m):
                a, b = pts[k], pts[(k + 1) % m]
                ina, inb = a[axis] >= d[axis], b[axis] >= d[axis]
                if ina:
                    out.append(a)
                if ina != inb and m > 1:
                    lam = (d[axis] - a[axis]) / (b[axis] - a[axis])
                    out.append((a[0] + lam * (b[0] - a[0]), a[1] + lam * (b[1] - a[1])))
            pts = list(dict.fromkeys(out))
        return Polygon(pts) if pts else None

    def pareto_chain(self) -> tuple[Vec, ...]:
        """The Pareto-optimal vertices, from the one maximising ``x_1`` (then ``x_2``) to the one
        maximising ``x_2`` (then ``x_1``), counter-clockwise.

        >>> Polygon([(0, 0), (3, 0), (2, 2), (0, 3)]).pareto_chain()
        ((Fraction(3, 1), Fraction(0, 1)), (Fraction(2, 1), Fraction(2, 1)), (Fraction(0, 1), Fraction(3, 1)))
        """
        V = self.vertices
        start = max(range(len(V)), key=lambda k: (V[k][0], V[k][1]))
        stop = max(range(len(V)), key=lambda k: (V[k][1], V[k][0]))
        if len(V) <= 2:
            return (V[start],) if start == stop else (V[start], V[stop])
        chain = [V[start]]
        k = start
        while k != stop:
            k = (k + 1) % len(V)
            chain.append(V[k])
        return tuple(chain)


def nash_product_on_chain(chain: Sequence[Sequence[Fraction]], base: Sequence[Fraction]):
    """Maximise ``(x_1 - b_1)(x_2 - b_2)`` over a Pareto chain (points with decreasing ``x_1``).

    Returns ``(edge index, lam, point, product)`` with the point ``chain[k] + lam (chain[k+1]
    - chain[k])``, or ``None`` if no chain point exceeds ``base`` in both coordinates.

    >>> nash_product_on_chain([(4, 0), (0, 4)], (0, 0))
    (0, Fraction(1, 2), (Fraction(2, 1), Fraction(2, 1)), Fraction(4, 1))
    """
    b1, b2 = Fraction(base[0]), Fraction(base[1])
    pts = [(Fraction(p[0]), Fraction(p[1])) for p in chain]
    best = None

    def consider(k: int, lam: Fraction, x: Vec) -> None:
        nonlocal best
        if x[0] > b1 and x[1] > b2:
            prod = (x[0] - b1) * (x[1] - b2)
            if best is None or prod > best[3]:
                best = (k, lam, x, prod)

    if len(pts) == 1:
        consider(0, Fraction(0), pts[0])
    for k in range(len(pts) - 1):
        p, q = pts[k], pts[k + 1]
        d1, d2 = q[0] - p[0], q[1] - p[1]
        consider(k, Fraction(0), p)
        consider(k, Fraction(1), q)
        A = d1 * d2
        B = (p[0] - b1) * d2 + (p[1] - b2) * d1
        if A != 0:
            lam = -B / (2 * A)
            if 0 < lam < 1:
                consider(k, lam, (p[0] + lam * d1, p[1] + lam * d2))
    return best


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
        """Re-derive the solution's certificate with plain fractions."""
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
            pts = tuple((a, b) for a, b in (g.payoff(p) for p in g.profiles()))
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
                paid = tuple(sum((m * g.payoff(p)[i] for m, p in zip(mu, g.profiles())), Fraction(0)) for i in range(2))
                if paid != x:
                    out.append(f"the agreement pays {vector_text(paid)}, not {vector_text(x)}")
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong."""
        return not self.check()

    def summary(self) -> dict:
        """The JSON contract of ``exactbargain solve --json``."""
        return contract(self.rule, self.select, None, self.payoffs, self.disagreement, None, self.verify())

    def to_json(self) -> dict:
        """The contract plus the polygon, the note and (for a game) the agreement lottery."""
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
        """The derivation."""
        name = {"nbs": "Nash bargaining solution", "ks": "Kalai-Smorodinsky solution"}[self.rule]
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
        return f"{self.rule} {vector_text(self.payoffs)} from d = {vector_text(self.disagreement)}"

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The solution as a table: ``W``, the disagreement point, payoffs and the lottery over
        outcomes that pays them (``title`` replaces the game's title)."""
        return [solution_table(self, title=title, lottery=True)]


def _lottery(game: Game, x: Vec) -> tuple[Fraction, ...]:
    """A distribution over at most two outcomes paying ``x`` (a point of the outcome hull's
    boundary or a vertex)."""
    profiles = list(game.profiles())
    pays = [game.payoff(p) for p in profiles]
    out = [Fraction(0)] * len(profiles)
    for k, u in enumerate(pays):
        if u == x:
            out[k] = Fraction(1)
            return tuple(out)
    for a in range(len(pays)):
        for b in range(a + 1, len(pays)):
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
        from .fallback import select_point

        game = feasible
        if game.num_players != 2:
            raise GameError(f"{rule} bargaining over a game needs two players; this game has {game.num_players}")
        F = Polygon([game.payoff(p) for p in game.profiles()])
        selection = None
        if d is None:
            selection = select_point(game, select)
            d = selection.payoffs
        else:
            select = None
        d = _point(d)
    else:
        game, selection, select = None, None, None
        F = feasible if isinstance(feasible, Polygon) else Polygon(feasible)
        if d is None:
            raise BargainingError("a disagreement point d is needed")
        d = _point(d)
    ideal = None
    if rule == "nbs":
        x, note = _nbs_point(F, d)
    else:
        x, ideal, note = _ks_point(F, d)
    agreement = _lottery(game, x) if game is not None else None
    return BargainingSolution(rule, F, d, x, note, ideal, game, select, selection, agreement)


def nash_bargaining(feasible: Any, d: Any = None, *, select: str = "welfare") -> BargainingSolution:
    """The Nash bargaining solution of ``(F, d)``, exactly.

    ``feasible`` is a :class:`Polygon`, a sequence of 2-D points (their convex hull), or a
    two-player :class:`~exactbargain.game.Game` (the hull of its outcome payoffs, no
    transfers; ``d`` defaults to the CE point of the selection rule ``select``).

    >>> nash_bargaining([(0, 0), (6, 0), (0, 3)], (0, 0)).payoffs
    (Fraction(3, 1), Fraction(3, 2))
    >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    >>> nash_bargaining(chicken).payoffs
    (Fraction(6, 1), Fraction(6, 1))
    """
    return _solve("nbs", feasible, d, select)


def kalai_smorodinsky(feasible: Any, d: Any = None, *, select: str = "welfare") -> BargainingSolution:
    """The Kalai–Smorodinsky solution of ``(F, d)``, exactly (arguments as for
    :func:`nash_bargaining`).

    >>> kalai_smorodinsky([(0, 0), (6, 0), (0, 3)], (0, 0)).payoffs
    (Fraction(3, 1), Fraction(3, 2))
    """
    return _solve("ks", feasible, d, select)
