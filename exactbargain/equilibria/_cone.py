"""Exact extreme rays of a pointed cone ``{x in Q^N : x >= 0, G x >= 0}`` (double description).

The CE polytope is ``{mu >= 0, IC mu >= 0, sum(mu) = 1}``: the slice of the pointed cone
``C = {mu >= 0, IC mu >= 0}`` by the hyperplane ``sum(mu) = 1``. Every non-zero ``mu`` in ``C``
has ``sum(mu) > 0``, so the vertices of the polytope are exactly the extreme rays of ``C``
scaled to sum 1. We compute those rays by the double-description method (Motzkin et al.
1953; Fukuda & Prodon 1996):

* Start from the orthant ``x >= 0``, whose extreme rays are the unit vectors ``e_j``; ray
  ``e_j`` is tight (zero) on every constraint ``x_k >= 0`` with ``k != j``.
* Add the rows ``g . x >= 0`` one at a time. Split the current rays into ``R+`` (``g.r > 0``),
  ``R0`` and ``R-``. The new cone's rays are ``R+``, ``R0`` and, for every *adjacent* pair
  ``p in R+``, ``n in R-``, the ray ``(g.p) n - (g.n) p`` (it has ``g . x = 0``).
* Adjacency is decided combinatorially: ``p`` and ``n`` are adjacent iff no third ray is tight
  on every constraint on which both are tight (and they share at least ``N - 2`` tight
  constraints). This is exact and needs no rank computation.

Rays are kept as primitive integer vectors (coefficients scaled by their gcd), so the
arithmetic is Python integer arithmetic and entries stay small. Tight sets are bit masks.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Callable, Iterable, Mapping, Sequence

from ..errors import ExactBargainError

__all__ = ["extreme_rays", "cone_slice_vertices", "VertexLimitError", "Progress"]

#: ``progress(rows_done, rows_total, rays)``: called after each constraint row is added and,
#: within a long row, every :data:`PAIRS_PER_REPORT` candidate pairs (``rows_done`` never
#: decreases; ``rays`` is the number of rays kept so far).
Progress = Callable[[int, int, int], None]

PAIRS_PER_REPORT = 1 << 16


class VertexLimitError(ExactBargainError):
    """The enumeration would keep more intermediate rays than the limit allows."""


def _primitive(vector: list[int]) -> tuple[int, ...]:
    g = 0
    for v in vector:
        g = math.gcd(g, v)
    if g > 1:
        return tuple(v // g for v in vector)
    return tuple(vector)


def extreme_rays(rows: Sequence[Sequence[int]], dimension: int, *, limit: int = 200_000,
                 progress: Progress | None = None) -> list[tuple[int, ...]]:
    """Extreme rays of ``{x in Q^dimension : x >= 0, row . x >= 0 for each row}`` as primitive
    non-negative integer vectors (each row a dense list of integers).

    Raises :class:`VertexLimitError` once more than ``limit`` rays would be kept. ``progress``
    (see :data:`Progress`) is told how far the enumeration has got.

    >>> sorted(extreme_rays([[1, -1]], 2))   # x >= 0, y >= 0, x >= y
    [(1, 0), (1, 1)]
    >>> seen = []
    >>> _ = extreme_rays([[1, -1], [-1, 2]], 2, progress=lambda *a: seen.append(a))
    >>> seen
    [(1, 2, 2), (2, 2, 2)]
    """
    n = dimension
    # constraint k < n is x_k >= 0; constraint n + t is rows[t]
    rays: list[tuple[tuple[int, ...], int]] = []
    full = (1 << n) - 1
    for j in range(n):
        vec = [0] * n
        vec[j] = 1
        rays.append((tuple(vec), full & ~(1 << j)))
    total = len(rows)
    pairs = 0
    for t, row in enumerate(rows):
        bit = 1 << (n + t)
        pos, zero, neg = [], [], []
        for vec, tight in rays:
            s = 0
            for a, v in zip(row, vec):
                if v and a:
                    s += a * v
            if s > 0:
                pos.append((vec, tight, s))
            elif s < 0:
                neg.append((vec, tight, s))
            else:
                zero.append((vec, tight | bit))
        new = [(vec, tight) for vec, tight, _ in pos] + zero
        if neg and pos:
            all_tights = [tight for _, tight in rays]
            for pvec, ptight, ps in pos:
                for nvec, ntight, ns in neg:
                    if progress is not None:
                        pairs += 1
                        if pairs % PAIRS_PER_REPORT == 0:
                            progress(t, total, len(new))
                    common = ptight & ntight
                    if common.bit_count() < n - 2:
                        continue
                    adjacent = True
                    for other in all_tights:
                        if other & common == common and other != ptight and other != ntight:
                            adjacent = False
                            break
                    if not adjacent:
                        continue
                    combo = [ps * b - ns * a for a, b in zip(pvec, nvec)]
                    new.append((_primitive(combo), common | bit))
                    if len(new) > limit:
                        raise VertexLimitError(
                            f"the vertex enumeration exceeded {limit} intermediate rays; the polytope is "
                            "too large to enumerate (use the payoff set, found by LP, instead)"
                        )
        rays = new
        if progress is not None:
            progress(t + 1, total, len(rays))
    return [vec for vec, _ in rays]


def cone_slice_vertices(rows: Iterable[Mapping[int, int]], dimension: int, *, limit: int = 200_000,
                        progress: Progress | None = None) -> list[tuple[Fraction, ...]]:
    """The vertices of ``{x >= 0, G x >= 0, sum(x) = 1}``: the extreme rays of the cone of
    the sparse integer rows ``G`` (column -> coefficient), each scaled to sum 1."""
    dense = []
    for row in rows:
        line = [0] * dimension
        for column, value in row.items():
            line[column] = value
        dense.append(line)
    out = []
    for ray in extreme_rays(dense, dimension, limit=limit, progress=progress):
        total = sum(ray)
        out.append(tuple(Fraction(v, total) for v in ray))
    return out
