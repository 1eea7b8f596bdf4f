"""Exact enumeration of the extreme equilibria of a bimatrix game: lexicographic pivoting over
the bases of the two best-response polytopes, on integer (fraction-free) tableaux.

The method, its correctness on degenerate games and the size bound are described in
:mod:`exactbargain.equilibria.nash`, whose :func:`~exactbargain.equilibria.nash_equilibria`
uses it.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import flint

__all__ = ["vertex_bound", "extreme_equilibria"]

_FMPQ = flint.fmpq
_ONE = flint.fmpq(1)


def vertex_bound(m: int, n: int) -> int:
    """Upper bound on the bases :func:`nash_equilibria` visits for an ``m x n`` game.

    The sum over both best-response polytopes of the upper-bound-theorem maximum number of
    vertices of a simple ``d``-polytope with ``k = m + n`` facets,
    ``C(k - ceil(d/2), floor(d/2)) + C(k - floor(d/2) - 1, ceil(d/2) - 1)``, for ``d = m`` and
    ``d = n``.

    Parameters
    ----------
    m, n : int
        The two players' numbers of actions.

    Returns
    -------
    int
        The bound.

    Examples
    --------
    >>> vertex_bound(2, 2), vertex_bound(6, 6), vertex_bound(12, 12)
    (8, 224, 49504)
    """

    def ubt(d: int, k: int) -> int:
        lo, hi = d // 2, (d + 1) // 2
        return math.comb(k - hi, lo) + math.comb(k - lo - 1, hi - 1)

    return ubt(m, m + n) + ubt(n, m + n)


def _lex_vertices(M: list[list[int]], start: Sequence[int]) -> dict[int, tuple[int, ...]]:
    """Every vertex of ``{z >= 0 : M z = 1}``, keyed by the bit mask of its zero coordinates.

    ``M`` is an ``r x N`` integer matrix whose columns ``start`` form the identity (the slack
    basis, feasible with value 1). Each vertex is returned as a positive integer multiple of
    itself. Search over lex-feasible bases, see the module docstring; a vertex is the only
    point of the polytope at which its zero coordinates vanish, so the mask identifies it.

    Tableaux are integer (Bareiss) tableaux ``T = D * M_beta^-1 [M | 1]`` with ``D > 0``.
    Pivoting on ``(p, q)`` with ``a = T[p][q] > 0`` keeps row ``p`` and replaces every other
    row by ``(a T[i] - T[i][q] T[p]) / D``, a division that is always exact (Bareiss), and
    ``D`` becomes ``a``: the scaled form of the rational update ``T[i] - t_iq / t_pq T[p]``.
    Since ``M_beta`` starts as the identity in the columns ``start``, ``D * M_beta^-1`` is
    read off those columns.
    """
    r, N = len(M), len(M[0])
    lex_columns = [N] + list(start)  # rhs first, then the columns of D * M_beta^-1
    vertices: dict[int, tuple[int, ...]] = {}
    first = tuple(start)
    seen = {sum(1 << b for b in first)}
    # Each entry: a basis, and how to get its tableau: (parent tableau, parent D, p, q).
    stack: list[tuple[tuple[int, ...], Any, int, int, int]] = [(first, [row + [1] for row in M], 1, -1, -1)]
    everything = (1 << N) - 1
    while stack:
        basis, tableau, D, p, q = stack.pop()
        if p >= 0:
            tableau, D = _pivot(tableau, D, p, q), tableau[p][q]
        in_basis = 0
        mask = 0
        for row, b in enumerate(basis):
            in_basis |= 1 << b
            if tableau[row][N] == 0:
                mask |= 1 << b
        mask |= everything & ~in_basis
        if mask not in vertices:
            z = [0] * N
            for row, b in enumerate(basis):
                z[b] = tableau[row][N]
            vertices[mask] = tuple(z)
        for j in range(N):
            if in_basis >> j & 1:
                continue
            # Lexicographic minimum-ratio test: among the rows with T[i][j] > 0, minimise the
            # row of [rhs | M_beta^-1] divided by T[i][j], lexicographically. The minimum is
            # unique because the rows of M_beta^-1 are linearly independent. Quotients are
            # compared by cross-multiplying (every T[i][j] used is positive).
            candidates = [i for i in range(r) if tableau[i][j] > 0]
            if not candidates:
                continue  # an unbounded edge; cannot happen in a polytope
            for column in lex_columns:
                if len(candidates) == 1:
                    break
                best = candidates[0]
                for i in candidates[1:]:
                    if tableau[i][column] * tableau[best][j] < tableau[best][column] * tableau[i][j]:
                        best = i
                bound, pivot = tableau[best][column], tableau[best][j]
                candidates = [i for i in candidates if tableau[i][column] * pivot == bound * tableau[i][j]]
            leave = candidates[0]
            new = basis[:leave] + (j,) + basis[leave + 1:]
            new_mask = (in_basis & ~(1 << basis[leave])) | (1 << j)
            if new_mask not in seen:
                seen.add(new_mask)
                stack.append((new, tableau, D, leave, j))
    return vertices


def _pivot(tableau: list[list[int]], D: int, p: int, q: int) -> list[list[int]]:
    """The integer tableau after pivoting on ``(p, q)`` (see :func:`_lex_vertices`)."""
    a = tableau[p][q]
    pivot_row = tableau[p]
    out = []
    for i, row in enumerate(tableau):
        if i == p:
            out.append(pivot_row)
            continue
        c = row[q]
        if c == 0:
            out.append([v * a // D for v in row])
        else:
            out.append([(v * a - c * w) // D for v, w in zip(row, pivot_row)])
    return out


def _positive_integer(matrix: "flint.fmpq_mat") -> list[list[int]]:
    """``d (matrix + c)`` with ``c`` making the smallest entry 1 and ``d > 0`` clearing the
    denominators: a positive affine map of the payoffs, so best responses are unchanged."""
    shift = _ONE - min(matrix.entries())
    r, c = matrix.nrows(), matrix.ncols()
    numerators = (matrix + flint.fmpq_mat(r, c, [shift] * (r * c))).numer_denom()[0]
    return [[int(v) for v in row] for row in numerators.tolist()]


def extreme_equilibria(
    A: "flint.fmpq_mat", B: "flint.fmpq_mat"
) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """Extreme equilibria ``(x, y)`` (``fmpq`` probability vectors) of the bimatrix ``(A, B)``.

    Parameters
    ----------
    A, B : flint.fmpq_mat
        The row and the column player's payoffs, of one shape.

    Returns
    -------
    list of tuple
        ``(x, y)`` pairs of ``fmpq`` probability vectors, one per extreme equilibrium.
    """
    m, n = A.nrows(), A.ncols()
    ap, bp = _positive_integer(A), _positive_integer(B)
    # P: [B'^T | I_n] (x, s) = 1 ;  Q: [I_m | A'] (t, y) = 1.  Label k <-> coordinate k zero.
    MP = [[bp[i][j] for i in range(m)] + [int(k == j) for k in range(n)] for j in range(n)]
    MQ = [[int(k == i) for k in range(m)] + ap[i] for i in range(m)]
    full = (1 << (m + n)) - 1
    x_mask = (1 << m) - 1
    p_vertices = [(z, mask) for mask, z in _lex_vertices(MP, range(m, m + n)).items() if mask & x_mask != x_mask]
    q_vertices = [(w, mask) for mask, w in _lex_vertices(MQ, range(m)).items() if mask | x_mask != full]
    # Pairing: a vertex with exactly the generic number of labels (m for P, n for Q) can only
    # be completed by a Q vertex whose labels contain the exact complement; index those by
    # mask and scan only the degenerate (more-labelled) vertices linearly.
    q_by_mask: dict[int, list[tuple[Any, ...]]] = {}
    q_degenerate: list[tuple[tuple[Any, ...], int]] = []
    for w, mask in q_vertices:
        if mask.bit_count() == n:
            q_by_mask.setdefault(mask, []).append(w)
        else:
            q_degenerate.append((w, mask))
    pairs = []
    for z, pmask in p_vertices:
        need = full & ~pmask
        if pmask.bit_count() == m:
            partners = list(q_by_mask.get(need, []))
        else:
            partners = [w for w, qmask in q_vertices if qmask.bit_count() == n and qmask & need == need]
        partners += [w for w, qmask in q_degenerate if qmask & need == need]
        if not partners:
            continue
        total = sum(z[:m])
        x = tuple(_FMPQ(v, total) for v in z[:m])
        for w in partners:
            total = sum(w[m:])
            pairs.append((x, tuple(_FMPQ(v, total) for v in w[m:])))
    return pairs
