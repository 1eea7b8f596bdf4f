"""Exact affine geometry of ``Q^k``: null spaces, hyperplanes through points, facets, ranks.

The building blocks of the oracle hull (:mod:`~exactbargain.geometry.oracle`). Coordinates are
``flint.fmpq`` (C arithmetic); a hyperplane ``normal . t = offset`` is made canonical by
scaling its normal to a primitive integer vector, so equal hyperplanes compare and hash
equal (:class:`Facet`).

>>> import flint
>>> q = flint.fmpq
>>> facet_through([(q(0), q(0)), (q(2), q(0))], [(q(0), q(0)), (q(2), q(0)), (q(1), q(1))], 2)
((0, -1), 0)
>>> affine_rank([(q(0), q(0)), (q(1), q(1)), (q(2), q(2))], 2)
1
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import flint

from ..numbers import to_fmpq

__all__ = [
    "Facet",
    "affine_rank",
    "canonical",
    "facet_through",
    "fmpq_dot",
    "hyperplane",
    "integer_point",
    "nullspace",
    "plane_through",
]

_ZERO = flint.fmpq(0)
_ONE = flint.fmpq(1)


def nullspace(rows: list[list[Any]], dim: int) -> list[list[Any]]:
    """A basis of ``{v : r . v = 0 for r in rows}`` (exact Gauss-Jordan elimination).

    Parameters
    ----------
    rows : list of lists of exact rationals
        The rows, each of length ``dim`` (may be empty).
    dim : int
        The dimension of the space.

    Returns
    -------
    list of lists of flint.fmpq
        One basis vector per free column, in column order; empty when the rows have rank
        ``dim``.

    Raises
    ------
    ValueError
        If an entry is not an exact rational.

    >>> [[str(x) for x in v] for v in nullspace([[1, 1, 0]], 3)]
    [['-1', '1', '0'], ['0', '0', '1']]
    """
    m = [[to_fmpq(v) for v in r] for r in rows]
    pivots: list[int] = []
    r = 0
    for c in range(dim):
        if r == len(m):
            break
        p = next((k for k in range(r, len(m)) if m[k][c] != 0), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        inv = _ONE / m[r][c]
        m[r] = [v * inv for v in m[r]]
        for k in range(len(m)):
            if k != r and m[k][c] != 0:
                f = m[k][c]
                m[k] = [a - f * b for a, b in zip(m[k], m[r])]
        pivots.append(c)
        r += 1
    basis = []
    for f in (c for c in range(dim) if c not in pivots):
        v = [_ZERO] * dim
        v[f] = _ONE
        for k, c in enumerate(pivots):
            v[c] = -m[k][f]
        basis.append(v)
    return basis


def fmpq_dot(a: Sequence[Any], b: Sequence[Any]) -> Any:
    """The inner product ``a . b`` as a ``flint.fmpq``, skipping zero terms (sparse normals).

    Parameters
    ----------
    a, b : sequence of int or flint.fmpq
        Vectors of the same length.

    Returns
    -------
    flint.fmpq
        The exact inner product (``0`` for empty vectors).

    >>> fmpq_dot([1, 0, 2], [flint.fmpq(1, 2), flint.fmpq(5), flint.fmpq(1, 4)])
    1
    """
    total = _ZERO
    for x, y in zip(a, b):
        if x and y:
            total += x * y
    return total


def canonical(normal: Sequence[Any], offset: Any) -> tuple[tuple[int, ...], Any]:
    """Scale ``normal . t <= offset`` so the normal is a primitive integer vector.

    Parameters
    ----------
    normal : sequence of flint.fmpq
        A non-zero normal.
    offset : flint.fmpq
        The right-hand side.

    Returns
    -------
    tuple
        ``(normal, offset)``: the normal as a primitive tuple of int (same direction), the
        offset scaled alike (a ``flint.fmpq``).

    Raises
    ------
    ZeroDivisionError
        If ``normal`` is zero.

    >>> canonical([flint.fmpq(1, 2), flint.fmpq(-3, 4)], flint.fmpq(1))
    ((2, -3), 4)
    """
    den = 1
    for x in normal:
        q = int(x.q)
        den = den * q // math.gcd(den, q)
    ints = [int(x * den) for x in normal]
    g = 0
    for x in ints:
        g = math.gcd(g, x)
    return tuple(x // g for x in ints), offset * den / g


def hyperplane(points: Sequence[Sequence[Any]], k: int) -> tuple[list[Any], Any] | None:
    """``(normal, offset)`` of the unique hyperplane ``normal . t = offset`` through ``points``
    in ``Q^k`` (unoriented, not normalised).

    Parameters
    ----------
    points : sequence of points of flint.fmpq
        At least one point, each with ``k`` coordinates.
    k : int
        The dimension of the space.

    Returns
    -------
    tuple or None
        The normal (a list of ``flint.fmpq``) and the offset; ``None`` if the points span
        less than ``k - 1`` dimensions.

    >>> hyperplane([(flint.fmpq(1), flint.fmpq(0)), (flint.fmpq(0), flint.fmpq(1))], 2)
    ([1, 1], 1)
    """
    base = points[0]
    if len(points) == 1:
        return ([_ONE], base[0]) if k == 1 else None
    # the differences scaled to integer rows; FLINT's integer nullspace (in C) replaces a
    # Gauss-Jordan elimination over fmpq in Python, the hull's largest bookkeeping cost
    rows = []
    for q in points[1:]:
        diff = [a - b for a, b in zip(q, base)]
        den = math.lcm(*[int(v.q) for v in diff])
        rows.append([int(v * den) for v in diff])
    basis, nullity = flint.fmpz_mat(rows).nullspace()
    if nullity != 1:
        return None
    normal = [flint.fmpq(basis[i, 0]) for i in range(k)]
    return normal, fmpq_dot(normal, base)


def facet_through(points: Sequence[Sequence[Any]], candidates: Sequence[Sequence[Any]], k: int):
    """The facet of ``conv(candidates)`` whose hyperplane passes through the ``k`` given points.

    Parameters
    ----------
    points : sequence of points of flint.fmpq
        ``k`` points of ``Q^k``.
    candidates : sequence of points of flint.fmpq
        The points whose hull is meant.
    k : int
        The dimension of the space.

    Returns
    -------
    tuple or None
        The canonical ``(normal, offset)`` (:func:`canonical`) with every candidate on or below
        the hyperplane, or ``None`` when the points span no supporting hyperplane.
    """
    plane = hyperplane(points, k)
    if plane is None:
        return None
    normal, offset = plane
    sign = 0
    for q in candidates:
        side = fmpq_dot(normal, q) - offset
        if side > 0:
            if sign < 0:
                return None
            sign = 1
        elif side < 0:
            if sign > 0:
                return None
            sign = -1
    if sign > 0:
        normal = [-v for v in normal]
        offset = -offset
    return canonical(normal, offset)


def affine_rank(points: Sequence[Sequence[Any]], k: int) -> int:
    """The dimension of the affine hull of ``points`` in ``Q^k``.

    Parameters
    ----------
    points : sequence of points of exact rationals
        At least one point.
    k : int
        The dimension of the space (kept for symmetry with the other functions).

    Returns
    -------
    int
        The rank of the differences to the first point (``0`` for one point).

    Raises
    ------
    IndexError
        If ``points`` is empty.
    """
    base = points[0]
    diffs = [[a - b for a, b in zip(q, base)] for q in points[1:]]
    return flint.fmpq_mat(diffs).rank() if diffs else 0


def plane_through(points: Sequence[Sequence[Any]], inside: Sequence[Any], k: int):
    """The hyperplane through ``points`` (spanning ``k - 1`` dimensions), oriented away from
    ``inside``.

    Parameters
    ----------
    points : sequence of points of flint.fmpq
        Points of ``Q^k`` spanning a hyperplane.
    inside : sequence of flint.fmpq
        A point that must lie strictly below the hyperplane.
    k : int
        The dimension of the space.

    Returns
    -------
    tuple or None
        The canonical ``(normal, offset)`` with ``normal . inside < offset``; ``None`` if the
        points span no hyperplane or ``inside`` lies on it.
    """
    plane = _plane3(points) if k == 3 else None
    if plane is None:
        plane = hyperplane(points, k)
    if plane is None:
        return None
    normal, offset = plane
    side = fmpq_dot(normal, inside) - offset
    if side == 0:
        return None
    if side > 0:
        normal, offset = [-v for v in normal], -offset
    return canonical(normal, offset)


def _plane3(points: Sequence[Sequence[Any]]) -> tuple[list[Any], Any] | None:
    """:func:`hyperplane` in ``Q^3`` by a cross product (a few fmpq operations instead of an
    integer null space): the normal ``(p1 - p0) x (p2 - p0)``, provided it is non-zero and
    every further point lies on its plane; ``None`` when that does not settle it (the first
    three points collinear, fewer than three points, or a point off the plane), and
    :func:`hyperplane` decides. The plane, once canonical, is the same either way."""
    if len(points) < 3:
        return None
    base = points[0]
    u0, u1, u2 = (a - b for a, b in zip(points[1], base))
    v0, v1, v2 = (a - b for a, b in zip(points[2], base))
    normal = [u1 * v2 - u2 * v1, u2 * v0 - u0 * v2, u0 * v1 - u1 * v0]
    if not any(normal):
        return None
    offset = fmpq_dot(normal, base)
    if any(fmpq_dot(normal, q) != offset for q in points[3:]):
        return None
    return normal, offset


def _spans_space3(normals: Sequence[tuple[int, ...]]) -> bool:
    """Whether integer vectors of ``Z^3`` (the first one non-zero) have rank 3: some ``b``
    with ``a x b != 0`` for the first vector ``a``, then some vector off the plane of ``a``
    and ``b`` (``(a x b) . d != 0``); the rank the oracle hull's vertex test asks for,
    without building a matrix."""
    a0, a1, a2 = normals[0]
    for b0, b1, b2 in normals[1:]:
        c0, c1, c2 = a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0
        if c0 or c1 or c2:
            return any(c0 * d0 + c1 * d1 + c2 * d2 for d0, d1, d2 in normals)
    return False


class Facet:
    """A facet ``normal . t <= p / q`` of a hull under construction: ``normal`` a primitive
    integer vector, ``q > 0``; hashed once (facets are dictionary keys, and hashing their
    long integers on every lookup dominated the hull's bookkeeping).

    Parameters
    ----------
    normal : tuple of int
        A primitive integer normal.
    offset : flint.fmpq
        The right-hand side.
    """

    __slots__ = ("normal", "p", "q", "_hash")

    def __init__(self, normal: tuple[int, ...], offset: Any) -> None:
        self.normal = normal
        self.p, self.q = int(offset.p), int(offset.q)
        self._hash = hash((normal, self.p, self.q))

    @classmethod
    def of(cls, canonical: tuple[tuple[int, ...], Any] | None) -> "Facet | None":
        """The facet of a canonical ``(normal, offset)`` pair (``None`` stays ``None``).

        Parameters
        ----------
        canonical : tuple or None
            As :func:`canonical` returns it.

        Returns
        -------
        Facet or None
            The facet, or ``None`` for ``None``.
        """
        return None if canonical is None else cls(*canonical)

    @property
    def offset(self) -> Any:
        """The right-hand side ``p / q`` as a ``flint.fmpq``."""
        return flint.fmpq(self.p, self.q)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Facet) and self._hash == other._hash and self.normal == other.normal
                and self.p == other.p and self.q == other.q)

    def __repr__(self) -> str:
        return f"Facet({self.normal}, {self.p}/{self.q})"


def integer_point(t: Sequence[Any]) -> tuple[tuple[int, ...], int]:
    """``t`` as integers over one positive denominator.

    Parameters
    ----------
    t : sequence of flint.fmpq
        A point.

    Returns
    -------
    tuple
        ``(numerators, denominator)`` with ``t_i = numerators[i] / denominator``.

    >>> integer_point([flint.fmpq(1, 2), flint.fmpq(1, 3)])
    ((3, 2), 6)
    """
    den = math.lcm(*[int(v.q) for v in t]) if t else 1
    return tuple(int(v * den) for v in t), den
