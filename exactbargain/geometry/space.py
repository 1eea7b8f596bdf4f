"""The exact convex hull of finitely many points of 3-space (beneath-beyond).

>>> verts, faces = hull3([(0, 0, 0), (2, 0, 0), (0, 2, 0), (0, 0, 2), (1, 0, 0)])
>>> len(verts), sorted(len(f) for f in faces)
(4, [3, 3, 3, 3])
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Sequence

from .plane import GeometryError, hull_indices
from .vectors import cross3, dot, sub

__all__ = ["hull3"]

Point = tuple[Fraction, ...]


def _planar(ints: list[tuple[int, ...]], members: Sequence[int], normal: Sequence[int]) -> list[int]:
    """The hull of the coplanar points ``members`` (indices into ``ints``), counter-clockwise
    seen from the side ``normal`` points to."""
    k = max(range(3), key=lambda j: abs(normal[j]))
    a, b = (k + 1) % 3, (k + 2) % 3  # a right-handed pair of the other two axes
    members = list(members)
    cycle = [members[i] for i in hull_indices([(ints[m][a], ints[m][b]) for m in members])]
    return cycle if normal[k] > 0 else cycle[::-1]


def hull3(points: Sequence[Sequence[Any]]) -> tuple[tuple[Point, ...], tuple[tuple[int, ...], ...]]:
    """The convex hull of points of 3-space, exactly: its extreme points (sorted) and its
    faces as cycles of indices into them (counter-clockwise seen from outside).

    Lower-dimensional hulls come out as one point, a segment (no face) or one polygon face.
    Full-dimensional ones are built incrementally (beneath-beyond): a triangulated hull is
    kept; each new point strictly beyond some facets replaces them by the cone from the
    point to their horizon. Triangles on one plane are then merged into a face, whose planar
    hull drops points that are not extreme. All tests are integer signs (the points are
    scaled by a common denominator), so nothing is approximate.

    Parameters
    ----------
    points : sequence of triples of exact rationals
        At least one point.

    Returns
    -------
    vertices : tuple of triples of Fraction
        The extreme points, sorted.
    faces : tuple of tuples of int
        Each face as a cycle of indices into ``vertices``, sorted.

    Raises
    ------
    GeometryError
        If ``points`` is empty.

    >>> third = Fraction(1, 3)
    >>> verts, faces = hull3([(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 1, 1), (third, third, third)])
    >>> len(verts), sorted(len(f) for f in faces)
    (5, [3, 3, 3, 3, 3, 3])
    """
    distinct = sorted(set(tuple(Fraction(x) for x in p) for p in points))
    if not distinct:
        raise GeometryError("a hull needs at least one point")
    den = math.lcm(*(x.denominator for p in distinct for x in p))
    ints = [tuple(int(x * den) for x in p) for p in distinct]
    p0 = ints[0]
    i1 = next((i for i, p in enumerate(ints) if p != p0), None)
    if i1 is None:
        return (distinct[0],), ()
    v1 = sub(ints[i1], p0)
    i2 = next((i for i, p in enumerate(ints) if any(cross3(v1, sub(p, p0)))), None)
    if i2 is None:
        lo = min(range(len(ints)), key=lambda i: dot(v1, sub(ints[i], p0)))
        hi = max(range(len(ints)), key=lambda i: dot(v1, sub(ints[i], p0)))
        return tuple(sorted((distinct[lo], distinct[hi]))), ()
    normal = cross3(v1, sub(ints[i2], p0))
    i3 = next((i for i, p in enumerate(ints) if dot(normal, sub(p, p0)) != 0), None)
    if i3 is None:
        cycle = _planar(ints, range(len(ints)), normal)
        return tuple(distinct[i] for i in cycle), (tuple(range(len(cycle))),)

    return _faces(distinct, ints, _triangulated(ints, (0, i1, i2, i3)))


def _triangulated(ints: list[tuple[int, ...]], tetra: tuple[int, int, int, int]) -> set[tuple[int, int, int]]:
    """A triangulation of the hull of the full-dimensional points ``ints``, each triangle
    counter-clockwise seen from outside, grown from the tetrahedron ``tetra`` (beneath-beyond:
    each point strictly beyond some triangles replaces them by the cone from it to their
    horizon)."""

    def above(face: tuple[int, int, int], p: int) -> int:
        a, b, c = (ints[i] for i in face)
        return dot(cross3(sub(b, a), sub(c, a)), sub(ints[p], a))

    facets: set[tuple[int, int, int]] = set()
    for k in range(4):
        face = tuple(tetra[j] for j in range(4) if j != k)
        a, b, c = face
        facets.add((a, c, b) if above((a, b, c), tetra[k]) > 0 else (a, b, c))
    for p in range(len(ints)):
        if p in tetra:
            continue
        visible = [f for f in facets if above(f, p) > 0]
        if not visible:
            continue
        edges = {(f[j], f[(j + 1) % 3]) for f in visible for j in range(3)}
        facets.difference_update(visible)
        for a, b in edges:
            if (b, a) not in edges:
                facets.add((a, b, p))
    return facets


def _faces(distinct: list[Point], ints: list[tuple[int, ...]], facets: set[tuple[int, int, int]]
           ) -> tuple[tuple[Point, ...], tuple[tuple[int, ...], ...]]:
    """The hull's vertices and faces from a triangulation: triangles on one plane merge into
    a face, whose planar hull drops the points that are not extreme."""
    planes: dict[tuple[tuple[int, ...], int], set[int]] = {}
    for f in facets:
        a, b, c = (ints[i] for i in f)
        nrm = cross3(sub(b, a), sub(c, a))
        g = math.gcd(*nrm)
        nrm = tuple(x // g for x in nrm)
        planes.setdefault((nrm, dot(nrm, a)), set()).update(f)
    cycles = [_planar(ints, sorted(members), nrm) for (nrm, _), members in planes.items()]
    keep = sorted({i for cyc in cycles for i in cyc})
    where = {i: k for k, i in enumerate(keep)}
    faces = sorted(tuple(where[i] for i in cyc) for cyc in cycles)
    return tuple(distinct[i] for i in keep), tuple(faces)
