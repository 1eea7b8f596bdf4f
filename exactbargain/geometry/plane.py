"""Exact geometry of the plane: convex hulls, polygons, Pareto chains, the Nash product.

Every test is a sign of an exact expression (:func:`~exactbargain.geometry.cross`), so hulls
have no tolerance: a point on an edge is never a vertex, and a point a rational hair outside
one is.

>>> square = Polygon([(0, 0), (4, 0), (0, 2), (3, 2), (2, 1)])
>>> [tuple(map(str, v)) for v in square.vertices]
[('0', '0'), ('4', '0'), ('3', '2'), ('0', '2')]
>>> square.support((1, 1)), square.contains((4, 1))
(Fraction(5, 1), False)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, ClassVar, Sequence

from ..errors import ExactBargainError, GameTypeError
from ..numbers import to_fraction
from .vectors import cross

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
]

Vec = tuple[Fraction, Fraction]


class GeometryError(ExactBargainError):
    """A geometric object was given points it cannot be built from (none, or of the wrong
    dimension)."""


def plane_point(p: Any) -> Vec:
    """A point of the plane as a pair of :class:`~fractions.Fraction`.

    Parameters
    ----------
    p : sequence of two exact numbers
        Integers, fractions, ``"p/q"`` strings or other exact rationals.

    Returns
    -------
    tuple of two Fraction

    Raises
    ------
    GeometryError
        If ``p`` is not a sequence of two entries.
    NumberError
        If an entry is not an exact rational (floats are refused).

    >>> plane_point(("1/2", 3))
    (Fraction(1, 2), Fraction(3, 1))
    """
    try:
        values = tuple(p)
    except TypeError:
        raise GeometryError(f"a point of the plane is a pair of rationals, got {p!r}") from None
    if len(values) != 2:
        raise GeometryError(f"a point of the plane has two coordinates; got the point {p!r} with {len(values)}")
    return to_fraction(values[0]), to_fraction(values[1])


def convex_hull(points: Sequence[Sequence[Any]]) -> list:
    """The convex hull of finitely many plane points (Andrew's monotone chain), exactly.

    Parameters
    ----------
    points : sequence of hashable, sortable point tuples
        Exact coordinates (``int``, :class:`~fractions.Fraction`, ``flint.fmpq``); only the
        first two coordinates enter the turn tests, further ones (a label, say) are carried
        along and break ties in the sort only.

    Returns
    -------
    list
        The distinct extreme points, counter-clockwise from the lexicographically smallest,
        without points on edges. One or two points (a point or a segment, in sorted order)
        when the hull has no interior.

    Notes
    -----
    The turn tests run on the points scaled by one common denominator ``D``, in Python
    integers: each cross product is the rational one times ``D**2 > 0``, so every sign is the
    same, and a hull of 1,600 outcomes takes 6 ms instead of 80 ms of
    :class:`~fractions.Fraction` arithmetic.

    Examples
    --------
    >>> convex_hull([(0, 0), (2, 0), (1, 0), (0, 2), (1, 1), (2, 0)])
    [(0, 0), (2, 0), (0, 2)]
    >>> convex_hull([(3, 3), (1, 1), (2, 2)])
    [(1, 1), (3, 3)]
    """
    distinct = list(dict.fromkeys(points))  # of equal points, the first stands for all
    if len(distinct) <= 2:
        return sorted(distinct)
    ints = _integer_plane(distinct)
    # (X, Y) orders like (x, y): the sort of the points themselves, further coordinates
    # breaking ties
    order = sorted(range(len(distinct)), key=lambda k: (ints[k], distinct[k][2:]))
    lower: list[int] = []
    upper: list[int] = []
    for chain, seq in ((lower, order), (upper, order[::-1])):
        for q in seq:
            qx, qy = ints[q]
            while len(chain) >= 2:
                (ox, oy), (ax, ay) = ints[chain[-2]], ints[chain[-1]]
                if (ax - ox) * (qy - oy) - (ay - oy) * (qx - ox) > 0:
                    break
                chain.pop()
            chain.append(q)
    return [distinct[k] for k in lower[:-1] + upper[:-1]]


def _integer_plane(points: Sequence[Sequence[Any]]) -> list[tuple[int, int]]:
    """The first two coordinates of ``points`` times one positive common denominator, as
    integers: every turn test of the hull is then the sign of an integer expression (the
    scaling multiplies each cross product by ``D**2 > 0``)."""
    ratios = [(_ratio(p[0]), _ratio(p[1])) for p in points]
    den = math.lcm(*{q for pair in ratios for _, q in pair})
    return [(a * (den // b), c * (den // d)) for (a, b), (c, d) in ratios]


def _ratio(v: Any) -> tuple[int, int]:
    """``(numerator, denominator)`` of an exact rational (``int``, ``Fraction``, ``fmpq``)."""
    if type(v) is int:
        return v, 1
    return int(v.numerator), int(v.denominator)


def hull_indices(points: Sequence[Sequence[Any]]) -> list[int]:
    """The positions in ``points`` of the convex hull's vertices, counter-clockwise.

    Parameters
    ----------
    points : sequence of plane points
        Exact coordinates; of equal points the first one stands for all.

    Returns
    -------
    list of int
        Indices into ``points``, in the order of :func:`convex_hull`.

    >>> hull_indices([(1, 1), (0, 0), (2, 0), (0, 2), (2, 0)])
    [1, 2, 3]
    """
    first: dict[tuple[Any, Any], int] = {}
    for k, p in enumerate(points):
        first.setdefault((p[0], p[1]), k)
    return [k for _, _, k in convex_hull([(x, y, k) for (x, y), k in first.items()])]


def pareto_chain(vertices: Sequence[Any], key: Callable[[Any], Sequence[Any]] | None = None) -> tuple:
    """The upper-right (Pareto-optimal) vertices of a convex polygon.

    Parameters
    ----------
    vertices : sequence of plane points
        The polygon's vertices counter-clockwise without collinear ones, as
        :func:`convex_hull` gives them (one or two for a point or a segment).
    key : callable, optional
        The coordinates of a vertex, when the vertices are objects carrying a point (an
        equilibrium with its payoffs, say); the chain then lists those objects.

    Returns
    -------
    tuple
        The vertices from the one maximising ``x_1`` (then ``x_2``) to the one maximising
        ``x_2`` (then ``x_1``), counter-clockwise, so ``x_1`` decreases and ``x_2``
        increases along it; no point of the polygon dominates a point of the chain.

    Raises
    ------
    ValueError
        If ``vertices`` is empty.

    >>> pareto_chain([(0, 0), (3, 0), (2, 2), (0, 3)])
    ((3, 0), (2, 2), (0, 3))
    >>> pareto_chain([(0, 0), (1, 1)])
    ((1, 1),)
    >>> pareto_chain([{"at": (0, 0)}, {"at": (1, 0)}, {"at": (0, 1)}], key=lambda v: v["at"])
    ({'at': (1, 0)}, {'at': (0, 1)})
    """
    V = vertices if key is None else [key(v) for v in vertices]
    start = max(range(len(V)), key=lambda k: (V[k][0], V[k][1]))
    stop = max(range(len(V)), key=lambda k: (V[k][1], V[k][0]))
    if len(V) <= 2:
        return (vertices[start],) if start == stop else (vertices[start], vertices[stop])
    chain = [vertices[start]]
    k = start
    while k != stop:
        k = (k + 1) % len(V)
        chain.append(vertices[k])
    return tuple(chain)


def support(vertices: Sequence[Sequence[Any]], c: Sequence[Any]) -> Any:
    """The support function ``h(c) = max{c . x : x in conv(vertices)}``.

    Parameters
    ----------
    vertices : sequence of plane points
        Non-empty; the maximum over a polytope is attained at a vertex.
    c : sequence of two exact numbers
        The direction.

    Returns
    -------
    number
        The exact maximum.

    >>> support([(0, 0), (4, 0), (3, 2), (0, 2)], (1, 2))
    7
    """
    c0, c1 = c[0], c[1]
    return max(c0 * v[0] + c1 * v[1] for v in vertices)


def clip_above(vertices: Sequence[Vec], d: Vec) -> list[Vec]:
    """The points spanning ``conv(vertices) ∩ {x >= d}`` (Sutherland–Hodgman clipping by the
    two half-planes ``x_1 >= d_1`` and ``x_2 >= d_2``).

    Parameters
    ----------
    vertices : sequence of plane points
        A convex polygon's vertices in cyclic order (a point or a segment allowed).
    d : pair of exact numbers
        The corner of the quadrant kept.

    Returns
    -------
    list
        Distinct points whose convex hull is the clipped set (corners where an edge crosses
        a clipping line are exact rationals); empty when the set is empty.

    >>> [f"({x}, {y})" for x, y in clip_above([(0, 0), (4, 0), (0, 4)], (1, 1))]
    ['(3, 1)', '(1, 3)', '(1, 1)']
    >>> clip_above([(0, 0), (1, 0)], (2, 0))
    []
    """
    pts = list(vertices)
    for axis in (0, 1):
        if not pts:
            return []
        out: list = []
        m = len(pts)
        for k in range(m):
            a, b = pts[k], pts[(k + 1) % m]
            ina, inb = a[axis] >= d[axis], b[axis] >= d[axis]
            if ina:
                out.append(a)
            if ina != inb and m > 1:
                lam = Fraction(d[axis] - a[axis]) / (b[axis] - a[axis])
                out.append((a[0] + lam * (b[0] - a[0]), a[1] + lam * (b[1] - a[1])))
        pts = list(dict.fromkeys(out))
    return pts


@dataclass(frozen=True, slots=True)
class Polygon:
    """The convex hull of finitely many rational points of the plane (exact).

    ``vertices`` are counter-clockwise without collinear points (a point or a segment is
    allowed: one or two vertices).

    Parameters
    ----------
    points : sequence of pairs of exact rationals
        At least one point; the polygon is their convex hull.

    Raises
    ------
    GameTypeError
        If ``points`` is not a sequence (``None``, a string, a number).
    GeometryError
        If there are no points, or a point is not a pair.
    NumberError
        If a coordinate is not an exact rational (floats are refused).

    >>> Polygon([(0, 0), (2, 0), (1, 0), (0, 2), (1, 1)]).vertices
    ((Fraction(0, 1), Fraction(0, 1)), (Fraction(2, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(2, 1)))
    """

    points: tuple[Vec, ...]
    vertices: tuple[Vec, ...] = field(init=False)

    #: what the set is called in messages, the error for bad points, and the point reader
    _noun: ClassVar[str] = "a polygon"
    _error: ClassVar[type[ExactBargainError]] = GeometryError
    _read: ClassVar[Any] = staticmethod(plane_point)

    def __init__(self, points: Sequence[Any]) -> None:
        if isinstance(points, (str, bytes)) or not hasattr(points, "__iter__"):
            got = "None" if points is None else f"a {type(points).__name__}"
            raise GameTypeError(f"{self._noun} needs a sequence of points (pairs of rationals), got {got}")
        pts = tuple(self._read(p) for p in points)
        if not pts:
            raise self._error(f"{self._noun} needs at least one point")
        object.__setattr__(self, "points", pts)
        object.__setattr__(self, "vertices", tuple(convex_hull(pts)))

    def contains(self, x: Any) -> bool:
        """Whether ``x`` lies in the polygon (boundary included).

        Parameters
        ----------
        x : pair of exact rationals

        Returns
        -------
        bool

        >>> Polygon([(0, 0), (2, 0), (0, 2)]).contains((1, 1)), Polygon([(0, 0), (2, 2)]).contains((1, 0))
        (True, False)
        """
        p = self._read(x)
        V = self.vertices
        if len(V) == 1:
            return p == V[0]
        if len(V) == 2:
            a, b = V
            return cross(a, b, p) == 0 and min(a, b) <= p <= max(a, b)
        return all(cross(V[k], V[(k + 1) % len(V)], p) >= 0 for k in range(len(V)))

    def support(self, c: Sequence[Any]) -> Fraction:
        """``max c . x`` over the polygon (see :func:`support`).

        Parameters
        ----------
        c : pair of exact rationals
            The direction.

        Returns
        -------
        Fraction

        >>> Polygon([(0, 0), (4, 0), (0, 2)]).support((1, 1))
        Fraction(4, 1)
        """
        return support(self.vertices, (to_fraction(c[0]), to_fraction(c[1])))

    def clip_above(self, d: Any) -> "Polygon | None":
        """``F ∩ {x >= d}`` as a polygon of the same class (``None`` when empty).

        Parameters
        ----------
        d : pair of exact rationals

        Returns
        -------
        Polygon or None

        >>> Polygon([(0, 0), (4, 0), (0, 4)]).clip_above((1, 1)).vertices[1]
        (Fraction(3, 1), Fraction(1, 1))
        """
        pts = clip_above(self.vertices, self._read(d))
        return type(self)(pts) if pts else None

    def pareto_chain(self) -> tuple[Vec, ...]:
        """The Pareto-optimal vertices, from the one maximising ``x_1`` (then ``x_2``) to the one
        maximising ``x_2`` (then ``x_1``), counter-clockwise (see :func:`pareto_chain`).

        Returns
        -------
        tuple of pairs of Fraction

        >>> Polygon([(0, 0), (3, 0), (2, 2), (0, 3)]).pareto_chain()
        ((Fraction(3, 1), Fraction(0, 1)), (Fraction(2, 1), Fraction(2, 1)), (Fraction(0, 1), Fraction(3, 1)))
        """
        return pareto_chain(self.vertices)


def nash_product_on_chain(chain: Sequence[Sequence[Any]], base: Sequence[Any]):
    """Maximise the Nash product ``(x_1 - b_1)(x_2 - b_2)`` over a Pareto chain, exactly.

    On an edge ``p + lam (q - p)`` the product is a quadratic in ``lam`` whose stationary
    point ``-B / 2A`` is rational, so the candidates ``lam = 0``, ``lam = 1`` and the
    stationary point decide each edge; only points above ``base`` in both coordinates count.

    Parameters
    ----------
    chain : sequence of plane points
        The chain's vertices, ``x_1`` decreasing (as :func:`pareto_chain` gives them).
    base : pair of exact rationals
        The point ``b`` the product is measured from (a disagreement point).

    Returns
    -------
    tuple or None
        ``(edge index k, lam, point, product)`` with ``point = chain[k] + lam (chain[k+1]
        - chain[k])`` (``lam`` in ``[0, 1]``) of the largest product, the first such on
        ties; ``None`` if no chain point exceeds ``base`` in both coordinates.

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
