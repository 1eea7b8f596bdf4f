"""The exact convex hull of a polytope known only through a linear-optimisation oracle.

A polytope ``P ⊂ Q^n`` is given by ``oracle(c, sense) -> (point, witness)``: a point of ``P``
maximising (``sense="max"``) or minimising (``"min"``) ``c . d``, exactly, plus whatever object
the caller wants kept with it (an equilibrium that pays ``point``, say). :class:`OracleHull`
finds ``P``'s extreme points by queries alone: first the welfare direction ``(1, ..., 1)`` and
both senses of every axis, then the affine hull of ``P``, then facet by facet until every
facet of the inner hull is confirmed by the query along its outward normal (beneath-beyond
with an oracle; a polygon in the plane edge by edge). Every query also proves a supporting
halfspace ``c . d <= max`` (:class:`Halfspace`); :class:`~exactbargain.geometry.sandwich.SandwichHull`
keeps their intersection and spends a budget of queries where the inner and outer polytopes
differ most.

>>> from fractions import Fraction
>>> square = [(Fraction(x), Fraction(y)) for x, y in [(0, 0), (2, 0), (2, 1), (0, 1)]]
>>> def oracle(c, sense):
...     best = (max if sense == "max" else min)(square, key=lambda p: c[0] * p[0] + c[1] * p[1])
...     return best, "found"
>>> hull = OracleHull(oracle, 2)
>>> hull.complete()
>>> [tuple(map(str, p)) for p, _ in hull.points()]
[('0', '0'), ('2', '0'), ('2', '1'), ('0', '1')]
"""

from __future__ import annotations

import functools
import itertools
import math
from fractions import Fraction
from typing import Any, Callable, Iterator, NamedTuple, Sequence

import flint

from ..numbers import fmpq_of, fraction_of, to_fmpq
from .affine import (
    Facet,
    _spans_space3,
    affine_rank,
    canonical,
    facet_through,
    fmpq_dot,
    integer_point,
    nullspace,
    plane_through,
)
from .collector import collector_paused
from .plane import convex_hull
from .vectors import cross

__all__ = ["Halfspace", "Oracle", "OracleHull", "counter_clockwise", "oracle_polygon"]

_ZERO = flint.fmpq(0)

#: ``oracle(direction, sense) -> (point, witness)``: an exact optimal point (a tuple of
#: :class:`~fractions.Fraction`) of ``direction . d`` over the polytope, and its witness.
Oracle = Callable[[tuple[Fraction, ...], str], tuple[tuple[Fraction, ...], Any]]


class Halfspace(NamedTuple):
    """``direction . d <= bound`` for every point ``d`` of the polytope: one query's answer,
    attained by the point the ``witness`` came with."""

    direction: tuple[Fraction, ...]
    bound: Fraction
    witness: Any


class OracleHull:
    """A polytope ``P`` seen through an LP oracle: the inner hull of the extreme points found
    so far (beneath-beyond) and every query's supporting halfspace.

    Work runs in coordinates ``t`` of the affine hull of ``P``: ``d = p0 + E t`` with ``E``'s
    columns spanning its directions, ``t = L (d - p0)`` with ``L E = I``; a functional ``a . t``
    is the functional ``c = L^T a`` on ``Q^n`` (which lies in the span of the directions), and
    ``c . d - c . d' = a . (t - t')`` on the hull. Building the hull runs the first queries
    (``2 n + 1``, then at most ``2 n`` for the affine hull).

    Parameters
    ----------
    oracle : callable
        ``oracle(direction, sense) -> (point, witness)`` (see :data:`Oracle`); ``P`` must be
        a non-empty polytope.
    dimension : int
        ``n``, the dimension of the space ``P`` lives in.

    Raises
    ------
    Exception
        Whatever the oracle raises.

    Attributes
    ----------
    found : dict
        Every distinct point returned, with the witness of its first query.
    halfspaces : list of Halfspace
        One per query, in order.
    lps : int
        The queries made.
    k : int
        The dimension of ``P``.
    """

    def __init__(self, oracle: Oracle, dimension: int) -> None:
        self.oracle = oracle
        self.n = dimension
        self.found: dict[tuple[Fraction, ...], Any] = {}
        self.halfspaces: list[Halfspace] = []
        self.lps = 0
        self.polygon: list[tuple[Fraction, ...]] | None = None  # the complete 2-D route's answer
        self._start()

    # ------------------------------------------------------------------ oracle
    def query(self, direction: Sequence[Any], sense: str = "max") -> tuple[Fraction, ...]:
        """One query: its point is remembered with its witness, its halfspace kept.

        Parameters
        ----------
        direction : sequence of exact rationals
            ``c``.
        sense : {"max", "min"}
            Maximise or minimise ``c . d``.

        Returns
        -------
        tuple of Fraction
            The optimal point the oracle returned.

        Raises
        ------
        Exception
            Whatever the oracle raises.
        """
        c = tuple(fraction_of(to_fmpq(v)) for v in direction)
        point, witness = self.oracle(c, sense)
        self.lps += 1
        self.found.setdefault(point, witness)
        level = _level(c, point)
        if sense == "max":
            self.halfspaces.append(Halfspace(c, level, witness))
        else:
            self.halfspaces.append(Halfspace(tuple(-v for v in c), -level, witness))
        return point

    # ------------------------------------------------------------------ start
    def _start(self) -> None:
        """The welfare direction and both senses of every axis (the floors and best payoffs,
        a bounding box), then the affine hull of ``P``: LPs in directions orthogonal to
        everything known; a direction ``c`` with ``max c.d = min c.d`` is an equation."""
        n = self.n
        self.query([1] * n)
        for i in range(n):
            axis = [1 if j == i else 0 for j in range(n)]
            self.query(axis, "max")
            self.query(axis, "min")
        found = list(self.found)
        p0 = [to_fmpq(v) for v in found[0]]
        directions: list[list[Any]] = []
        for p in found[1:]:
            diff = [to_fmpq(a) - b for a, b in zip(p, p0)]
            if flint.fmpq_mat(directions + [diff]).rank() > len(directions):
                directions.append(diff)
        equations: list[list[Any]] = []
        while True:
            candidates = nullspace(directions + equations, n)
            if not candidates:
                break
            c = candidates[0]
            base = fmpq_dot(c, p0)
            for sense in ("max", "min"):
                d = [to_fmpq(v) for v in self.query(c, sense)]
                if fmpq_dot(c, d) != base:
                    directions.append([a - b for a, b in zip(d, p0)])
                    break
            else:
                equations.append(c)
        self._frame(p0, directions)

    def _frame(self, p0: list[Any], directions: list[list[Any]]) -> None:
        """Set up the coordinates of the affine hull ``p0 + span(directions)`` and the empty
        bookkeeping of the inner hull."""
        n = self.n
        self.p0 = p0
        self.k = k = len(directions)
        self.on: dict[Facet, frozenset] = {}
        self.facets_of: dict[int, set[Facet]] = {}
        self.confirmed: set[Facet] = set()
        self.X: list[tuple[Any, ...]] = []
        self.XI: list[tuple[int, ...]] = []
        self.XD: list[int] = []
        self.ids: dict[tuple[Fraction, ...], int] = {}
        self.extreme: set[int] = set()
        self._answer: tuple[Any, list] = (None, [])  # points() as of a state of the hull
        if k == 0:
            return
        E = flint.fmpq_mat([[directions[j][i] for j in range(k)] for i in range(n)])
        Et = E.transpose()
        self.E = E
        self.L = (Et * E).inv() * Et
        self._LT = self.L.transpose()
        # L^T as integers over one denominator: the facets' payoff normals in integers
        self._LT_den = math.lcm(*[int(v.q) for v in self._LT.entries()])
        self._LT_int = [[int(self._LT[j, i] * self._LT_den) for i in range(k)] for j in range(n)]
        if self.planar:
            return  # the facets are set up when needed (the complete route walks the polygon)
        self._facets()

    @property
    def planar(self) -> bool:
        """A polygon in the plane (``n = k = 2``): the complete route walks its edges, and the
        gap is kept per edge."""
        return self.n == 2 and self.k == 2

    def coords(self, d: Sequence[Fraction]) -> tuple[Any, ...]:
        """The coordinates ``t = L (d - p0)`` of a point ``d`` of the affine hull.

        Parameters
        ----------
        d : sequence of exact rationals
            A point of ``Q^n``.

        Returns
        -------
        tuple of flint.fmpq
            Its ``k`` coordinates.
        """
        diff = flint.fmpq_mat(self.n, 1, [to_fmpq(a) - b for a, b in zip(d, self.p0)])
        return tuple((self.L * diff).entries())

    def lift(self, a: Sequence[Any]) -> list[Any]:
        """The functional ``c = L^T a`` on ``Q^n`` of the functional ``a . t`` on the hull.

        Parameters
        ----------
        a : sequence of int or flint.fmpq
            ``k`` coefficients.

        Returns
        -------
        list of flint.fmpq
            ``n`` coefficients.
        """
        return (self._LT * flint.fmpq_mat(self.k, 1, [flint.fmpq(v) for v in a])).entries()

    def payoffs(self, t: Sequence[Any]) -> tuple[Fraction, ...]:
        """The point ``p0 + E t`` of ``Q^n``.

        Parameters
        ----------
        t : sequence of flint.fmpq
            ``k`` coordinates.

        Returns
        -------
        tuple of Fraction
            The point.
        """
        d = self.E * flint.fmpq_mat(self.k, 1, list(t))
        return tuple(fraction_of(a + b) for a, b in zip(d.entries(), self.p0))

    def _number(self, d: tuple[Fraction, ...], t: tuple[Any, ...] | None = None) -> int:
        """Number the point ``d`` (its coordinates ``t``, computed if not given)."""
        if t is None:
            t = self.coords(d)
        self.X.append(t)
        nums, den = integer_point(t)
        self.XI.append(nums)
        self.XD.append(den)
        self.ids[d] = len(self.X) - 1
        return len(self.X) - 1

    def side(self, facet: Facet, q: int) -> int:
        """An integer with the sign of ``normal . t_q - offset`` (point ``q`` against ``facet``).

        Parameters
        ----------
        facet : Facet
            A hyperplane in hull coordinates.
        q : int
            The number of a point found.

        Returns
        -------
        int
            Positive beyond, zero on, negative below the hyperplane.
        """
        normal, t = facet.normal, self.XI[q]
        if len(normal) == 3:  # the common case, without a generator
            return (normal[0] * t[0] + normal[1] * t[1] + normal[2] * t[2]) * facet.q - facet.p * self.XD[q]
        return sum(a * b for a, b in zip(normal, t) if a) * facet.q - facet.p * self.XD[q]

    def _add_facet(self, facet: Facet, ids: frozenset) -> None:
        self.on[facet] = ids
        for q in ids:
            self.facets_of.setdefault(q, set()).add(facet)

    def _drop_facet(self, facet: Facet) -> frozenset:
        ids = self.on.pop(facet)
        for q in ids:
            self.facets_of[q].discard(facet)
        return ids

    def neighbours(self, facet: Facet) -> set[Facet]:
        """The facets sharing a point with ``facet`` (among them all that share a ridge).

        Parameters
        ----------
        facet : Facet
            A facet of the inner hull.

        Returns
        -------
        set of Facet
            Its neighbours.
        """
        out: set[Facet] = set()
        for q in self.on[facet]:
            out |= self.facets_of[q]
        out.discard(facet)
        return out

    def _is_extreme(self, q: int) -> bool:
        tight = [f.normal for f in self.facets_of.get(q, ())]
        if len(tight) < self.k:
            return False
        if self.k == 3:
            return _spans_space3(tight)
        return flint.fmpz_mat([list(a) for a in tight]).rank() == self.k

    def _facets(self) -> None:
        """The hull of the points found so far, from scratch (few points: every ``k``-subset)."""
        k = self.k
        for d in self.found:
            if d not in self.ids:
                self._number(d)
        X = list(dict.fromkeys(self.X))
        ids = set(range(len(self.X)))
        for subset in itertools.combinations(X, k):
            facet = Facet.of(facet_through(subset, X, k))
            if facet is not None and facet not in self.on:
                self._add_facet(facet, frozenset(q for q in ids if self.side(facet, q) == 0))
        # the simplex of p0 (coordinates 0) and the direction points (unit vectors) lies in
        # the hull, and its centroid strictly inside: it orients every new facet
        self.inside = tuple(flint.fmpq(1, k + 1) for _ in range(k))
        self.extreme = {q for q in ids if self._is_extreme(q)}

    # ------------------------------------------------------------------ beneath-beyond
    def add(self, facet: Facet, point: tuple[Fraction, ...],
            t: tuple[Any, ...] | None = None) -> tuple[list[Facet], set[Facet], list[Facet]]:
        """Add ``point``, found beyond ``facet``: the facets it sees are replaced by the
        facets joining it to their horizon.

        Parameters
        ----------
        facet : Facet
            A facet of the inner hull that ``point`` lies strictly beyond.
        point : tuple of Fraction
            A point of ``P`` (already in :attr:`found`).
        t : tuple of flint.fmpq, optional
            Its coordinates :meth:`coords`, if known.

        Returns
        -------
        removed : list of Facet
            The facets ``point`` sees (now gone).
        horizon : set of Facet
            The kept facets adjacent to removed ones.
        fresh : list of Facet
            The new facets.
        """
        tid = self._number(point, t)
        seen = self._visible(facet, tid)
        added, horizon = self._cone(seen, tid)
        removed = list(seen)
        seen_ids = [self._drop_facet(f) for f in removed]
        # The old hull meets the plane through t and a horizon ridge R (it supports the old
        # hull) in a face containing R: R itself, or a whole old facet when t is coplanar
        # with it. So the points on a new facet are its ridges' and t.
        fresh: list[Facet] = []
        for new, ridges in added.items():
            if new in self.on:
                self._add_facet(new, self.on[new] | {tid})
            else:
                self._add_facet(new, frozenset(ridges & self.extreme) | {tid})
                fresh.append(new)
        # a vertex can stop being one only if it lay on a facet that t sees
        touched = frozenset().union(*seen_ids)
        self.extreme -= {q for q in touched & self.extreme if not self._is_extreme(q)}
        self.extreme.add(tid)
        return removed, horizon, fresh

    def _visible(self, facet: Facet, tid: int) -> set[Facet]:
        """The facets that point ``tid`` sees: they form a connected region of the boundary
        (adjacent through ridges), and it sees ``facet``, so a search from it finds them."""
        seen = {facet}
        stack = [facet]
        while stack:
            for f in self.neighbours(stack.pop()):
                if f not in seen and self.side(f, tid) > 0:
                    seen.add(f)
                    stack.append(f)
        return seen

    def _cone(self, seen: set[Facet], tid: int) -> tuple[dict[Facet, frozenset], set[Facet]]:
        """The new facets joining point ``tid`` to the horizon (each with the points of its
        ridges): one per ``(k-2)``-face that a seen facet shares with a facet it does not
        see; and those unseen facets (the horizon)."""
        k = self.k
        t = self.X[tid]
        added: dict[Facet, frozenset] = {}
        horizon: set[Facet] = set()
        for f1 in seen:
            on_f1 = self.on[f1]
            for f2 in self.neighbours(f1) - seen:
                ridge = on_f1 & self.on[f2]
                if len(ridge) >= k - 1:
                    ridge_points = [self.X[q] for q in ridge]
                    # two distinct facets share points of a (k-2)-flat at most; in Q^2 and
                    # Q^3 any k - 1 distinct points of it span it
                    if k <= 3 or affine_rank(ridge_points, k) == k - 2:
                        horizon.add(f2)
                        if k == 3:
                            new = self._plane3(tid, ridge)
                        else:
                            new = Facet.of(plane_through([t] + ridge_points, self.inside, k))
                        if new is not None:
                            added[new] = added.get(new, frozenset()) | ridge
        return added, horizon

    def _plane3(self, tid: int, ridge: frozenset) -> Facet | None:
        """In three dimensions, :func:`plane_through` point ``tid`` and the points ``ridge``
        (on one line) in integers: with ``t = T / e`` and ridge points ``A / a``, ``B / b``
        the normal is ``(A e - T a) x (B e - T b)`` made primitive, the offset ``n . T / e``;
        ``None`` when they span no plane or :attr:`inside` lies on it."""
        XI, XD = self.XI, self.XD
        T, e = XI[tid], XD[tid]
        ridge = sorted(ridge)
        (A, a), (B, b) = (XI[ridge[0]], XD[ridge[0]]), (XI[ridge[1]], XD[ridge[1]])
        u0, u1, u2 = (x * e - y * a for x, y in zip(A, T))
        v0, v1, v2 = (x * e - y * b for x, y in zip(B, T))
        n0, n1, n2 = u1 * v2 - u2 * v1, u2 * v0 - u0 * v2, u0 * v1 - u1 * v0
        g = math.gcd(n0, n1, n2)
        if g == 0:
            return None
        n0, n1, n2 = n0 // g, n1 // g, n2 // g
        level = n0 * T[0] + n1 * T[1] + n2 * T[2]  # n . t = level / e
        for q in ridge[2:]:
            Q = XI[q]
            if (n0 * Q[0] + n1 * Q[1] + n2 * Q[2]) * e != level * XD[q]:
                return None
        # inside = (1/4, 1/4, 1/4): the side of n . inside - n . t is that of sum(n) e - 4 level
        side = (n0 + n1 + n2) * e - 4 * level
        if side == 0:
            return None
        if side > 0:
            n0, n1, n2, level = -n0, -n1, -n2, -level
        return Facet((n0, n1, n2), flint.fmpq(level, e))

    # ------------------------------------------------------------------ complete route
    def complete(self) -> None:
        """Refine until every facet is confirmed by its own query (the rounds of
        beneath-beyond with an LP oracle); a polygon in the plane edge by edge
        (:func:`oracle_polygon`).

        Returns
        -------
        None
            The hull is complete afterwards (:meth:`points`, :meth:`facets`).

        Raises
        ------
        Exception
            Whatever the oracle raises.
        """
        if self.k == 0 or self.polygon is not None:
            return
        with collector_paused():
            if self.planar and not self.on:
                self.polygon = counter_clockwise(oracle_polygon(list(self.found), self.query))
                return
            while True:
                open_facets = [f for f in self.on if f not in self.confirmed]
                if not open_facets:
                    break
                for facet in open_facets:
                    if facet not in self.on:
                        continue  # removed by a point added in this round
                    point = self.query(self.lift(facet.normal))
                    t = self.coords(point)
                    if fmpq_dot(facet.normal, t) <= facet.offset:
                        self.confirmed.add(facet)
                        continue
                    self.add(facet, point, t)

    # ------------------------------------------------------------------ the answer
    def points(self) -> list[tuple[tuple[Fraction, ...], Any]]:
        """The inner hull's vertices with their witnesses: a polygon in the plane
        counter-clockwise from the least coordinate sum (:func:`counter_clockwise`), else
        sorted.

        Returns
        -------
        list of (tuple of Fraction, witness)
            One pair per vertex.
        """
        if self.k == 0:
            return [next(iter(self.found.items()))]
        if self.polygon is not None:
            return [(p, self.found[p]) for p in self.polygon]
        state = (self.lps, len(self.X))  # every new point is numbered
        if self._answer[0] != state:
            points = [d for d, q in self.ids.items() if q in self.extreme]
            # sorted by fmpq keys: the order of the Fractions, compared in C
            points = counter_clockwise(points) if self.planar else sorted(points, key=_fmpq_key)
            self._answer = (state, [(p, self.found[p]) for p in points])
        return list(self._answer[1])

    def facets(self) -> list[tuple[tuple[Fraction, ...], Fraction]]:
        """The inner hull's facets ``c . d <= b`` with ``||c||_1 = 1`` and ``c`` in the span of
        ``P``'s directions, sorted.

        Returns
        -------
        list of (tuple of Fraction, Fraction)
            ``(c, b)`` per facet; empty when ``P`` is a point.
        """
        out = []
        if self.k == 0:
            return out
        if self.polygon is not None:
            points = self.polygon
            for p, q in zip(points, points[1:] + points[:1]):
                normal = (q[1] - p[1], p[0] - q[0])
                norm = abs(normal[0]) + abs(normal[1])
                c = (normal[0] / norm, normal[1] / norm)
                out.append((c, c[0] * p[0] + c[1] * p[1]))
            return sorted(out)
        # c = L^T a / ||L^T a||_1 = w / ||w||_1 with w = den L^T a in integers, and on the
        # facet c . d = c . p0 + a . t / ||L^T a||_1 = (w . p0 + den offset) / ||w||_1
        LT, den = self._LT_int, self._LT_den
        for f in self.on:
            w = [sum(x * a for x, a in zip(row, f.normal)) for row in LT]
            norm = sum(map(abs, w))
            out.append((tuple(flint.fmpq(v, norm) for v in w), (fmpq_dot(w, self.p0) + den * f.offset) / norm))
        out.sort()  # fmpq compares in C, as the Fractions would
        return [(tuple(map(fraction_of, c)), fraction_of(b)) for c, b in out]

    def outer_points(self) -> tuple[tuple[Fraction, ...], ...]:
        """The outer polytope's vertices; without a sandwich, the inner ones (the hull is
        complete or nothing bounds it yet).

        Returns
        -------
        tuple of tuples of Fraction
            The vertices.
        """
        return tuple(p for p, _ in self.points())

    def gap(self) -> Fraction:
        """The Hausdorff distance between the inner and the outer polytope; ``0`` here (see
        :meth:`~exactbargain.geometry.sandwich.SandwichHull.gap`).

        Returns
        -------
        Fraction
            ``0``.
        """
        return Fraction(0)


def _fmpq_key(point: Sequence[Fraction]) -> tuple[Any, ...]:
    """``point`` as a tuple of ``fmpq`` (a sort key in the order of the Fractions)."""
    return tuple(map(fmpq_of, point))


def _level(c: Sequence[Fraction], d: Sequence[Fraction]) -> Fraction:
    """``c . d`` for Fractions, summed as integers over a growing denominator with one
    reduction at the end (a query's bound; cheaper than Fraction arithmetic term by term)."""
    num, den = 0, 1
    for a, b in zip(c, d):
        if a:
            q = a.denominator * b.denominator
            num = num * q + a.numerator * b.numerator * den
            den *= q
    return Fraction(num, den)


def oracle_polygon(found: Sequence[tuple[Fraction, ...]],
                   query: Callable[[Sequence[Any]], tuple[Fraction, ...]]) -> list[tuple[Fraction, ...]]:
    """The vertices of a two-dimensional polygon from an LP oracle.

    The hull of the points found so far is kept counter-clockwise. For an edge ``(p, q)``
    with outward normal ``c`` (primitive integers) one LP maximises ``c . d``: if the
    optimum is ``c . p`` the edge is an edge of ``P`` and stays confirmed; otherwise the
    optimal point ``t`` lies beyond it and goes in between ``p`` and ``q``, and the vertices
    that ``t`` makes reflex are removed (incremental convex hull). Every LP either confirms
    an edge of ``P`` or adds a new point, so there are at most ``2 V`` of them after the
    affine-hull phase, and each edge test costs O(1) exact arithmetic.

    Parameters
    ----------
    found : sequence of pairs of Fraction
        Points of ``P`` spanning the plane.
    query : callable
        ``query(c) -> d``, a point of ``P`` maximising ``c . d``.

    Returns
    -------
    list of pairs of Fraction
        The vertices of ``P``, counter-clockwise (points of ``found`` or of queries).

    Raises
    ------
    Exception
        Whatever ``query`` raises.
    """
    key = {tuple(to_fmpq(v) for v in p): p for p in found}
    hull = convex_hull(list(key))
    # an edge of P stays one: a confirmed pair is skipped whenever it is consecutive
    confirmed: set[tuple[Any, Any]] = set()
    k, streak = 0, 0
    while streak < len(hull):
        p, q = hull[k], hull[(k + 1) % len(hull)]
        if (p, q) not in confirmed:
            normal, _ = canonical([q[1] - p[1], p[0] - q[0]], _ZERO)
            point = query(normal)
            t = tuple(to_fmpq(v) for v in point)
            if normal[0] * (t[0] - p[0]) + normal[1] * (t[1] - p[1]) <= 0:
                confirmed.add((p, q))
            else:
                key[t] = point
                hull.insert(k + 1, t)
                _drop_reflex(hull, t)
                k, streak = (hull.index(t) - 1) % len(hull), 0
                continue
        streak += 1
        k = (k + 1) % len(hull)
    return [key[t] for t in hull]


def _drop_reflex(hull: list, t: Any) -> None:
    """Remove the vertices that the new vertex ``t`` of the counter-clockwise cycle ``hull``
    makes reflex: behind it (from its predecessor back), then ahead (from its successor on)."""
    while len(hull) > 3:
        at = hull.index(t)
        if cross(hull[at - 2], hull[at - 1], t) > 0:
            break
        del hull[at - 1]
    while len(hull) > 3:
        at = hull.index(t)
        nxt, nxt2 = (at + 1) % len(hull), (at + 2) % len(hull)
        if cross(t, hull[nxt], hull[nxt2]) > 0:
            break
        del hull[nxt]


def counter_clockwise(points: Sequence[tuple[Fraction, ...]]) -> list[tuple[Fraction, ...]]:
    """Order the distinct vertices of a convex polygon counter-clockwise from the one with
    least ``d_1 + d_2`` (ties: least ``d_1``).

    Parameters
    ----------
    points : sequence of pairs of exact rationals
        The vertices, in any order (one or two for a point or a segment).

    Returns
    -------
    list
        The same points, reordered.

    >>> counter_clockwise([(1, 1), (0, 1), (0, 0), (1, 0)])
    [(0, 0), (1, 0), (1, 1), (0, 1)]
    """
    if len(points) <= 2:
        return sorted(points, key=lambda p: (sum(p), p[0]))
    start = min(points, key=lambda p: (sum(p), p[0]))
    sx, sy = start

    # Seen from a vertex of a convex polygon, the other vertices lie within an angle below
    # pi, so the sign of the cross product is a strict total order on their directions.
    def cmp(p: tuple[Fraction, ...], q: tuple[Fraction, ...]) -> int:
        ax, ay = p[0] - sx, p[1] - sy
        bx, by = q[0] - sx, q[1] - sy
        turn = ax * by - ay * bx
        return -1 if turn > 0 else (1 if turn < 0 else 0)

    others = sorted((p for p in points if p != start), key=functools.cmp_to_key(cmp))
    return [start] + others
