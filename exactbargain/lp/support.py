"""The float side's choices of the guided path: which entries of a float solution count as
nonzero (the supports) and which square blocks of ``Â`` are nonsingular (:func:`_pick`).

Everything chosen here is only a choice: the exact solve that follows decides.
"""

from __future__ import annotations

from typing import Any

import flint
import numpy as np  # float-guide

from .simplex import Compiled
from .sparse import _positions, _sparse

def _noise(values: Any, zero: float) -> float:  # float-guide
    """The magnitude up to which an entry of ``values`` counts as zero: ``zero`` times the
    largest magnitude (or times 1, if that is smaller)."""
    return zero * max(1.0, float(np.abs(values).max(initial=0.0)))  # float-guide


def _nonzero(values: Any, candidates: Any, zero: float) -> Any:  # float-guide
    """The candidates whose float value is not negligible (see :func:`_noise`)."""
    v = values[candidates]  # float-guide
    return candidates[np.abs(v) > _noise(v, zero)]  # float-guide


#: Blocks with at most this many rows or columns to choose are chosen exactly (:func:`_pick`).
#: Measured on the LPs of a 20x20 CE payoff polygon, exact against float choice: 2.6 against
#: 3.4 ms for 40 to 79 lines, 4.2 against 6.0 ms for 80 to 119, 7.8 against 8.1 ms for 120
#: to 159, and 20 against 12 ms for 160 to 199.
_EXACT_PICK = 120


#: The prime of :func:`_pick`'s exact choice (``2^61 - 1``).
_PICK_PRIME = (1 << 61) - 1


def _pick(comp: Compiled, rows: Any, cols: Any, transpose: bool) -> Any:  # float-guide
    """A nonsingular square block of ``Â[rows, cols]``: ``len(cols)`` of the ``rows`` (or,
    if ``transpose``, ``len(rows)`` of the ``cols``); ``None`` if the block is (or, in
    floating point, looks) rank-deficient.

    Up to :data:`_EXACT_PICK` lines to choose, the pivots of a reduced row echelon form
    modulo the prime :data:`_PICK_PRIME` choose them (measured 0.15 ms against 0.5 ms for 11
    of 12 rows). Larger blocks are
    chosen by Gaussian elimination with partial pivoting in floating point; that is only a
    choice, and the exact solve that follows decides."""
    sp = _sparse(comp)
    candidates = cols if transpose else rows
    k = len(rows) if transpose else len(cols)
    if k == 0:
        return candidates[:0]
    # independent lines of the block = pivot columns of the echelon form of its transpose
    # (rows wanted) or of itself (columns wanted)
    block = None
    if k <= _EXACT_PICK:
        block = sp.small_block(rows, cols) if transpose else sp.small_block_t(rows, cols)
    if block is None:
        lr, lc, pos = sp.entries(rows, _positions(np.full(comp.n, -1, np.int64), cols))  # float-guide
    if block is None and k <= _EXACT_PICK and sp.small is not None:
        if transpose:
            block = sp.block(lr, lc, pos, (len(rows), len(cols)))
        else:
            block = sp.block(lc, lr, pos, (len(cols), len(rows)))
    if block is not None:
        # the echelon form modulo a large prime: the same pivots as over Q unless the prime
        # divides a minor, and a block nonsingular modulo p is nonsingular over Q (the
        # exact solve that follows decides either way). Over Q the entries of the echelon
        # form grow: measured 1.7 ms against 0.3 ms for 45 of 55 columns of a 10x10 CE LP.
        echelon, rank = flint.nmod_mat(block, _PICK_PRIME).rref()
        if rank < k:
            return None
        chosen, c = [], 0
        for r in range(rank):
            while echelon[r, c] == 0:
                c += 1
            chosen.append(c)
            c += 1
        return candidates[chosen]
    dense = np.zeros((len(rows), len(cols)))  # float-guide
    dense[lr, lc] = sp.vals[pos]  # float-guide
    if transpose:
        dense = dense.T.copy()  # float-guide
    order = _pivot_rows(dense)  # float-guide
    return None if order is None else candidates[np.sort(order[: dense.shape[1]])]  # float-guide


#: Columns eliminated together by :func:`_pivot_rows` before one matrix product updates the rest.
_PANEL = 32


def _pivot_rows(dense: Any) -> Any:  # float-guide
    """The row order of Gaussian elimination with partial pivoting on the tall float matrix
    ``dense`` (overwritten): its first ``dense.shape[1]`` rows are the pivot rows; ``None``
    if a column has no pivot above ``1e-12`` of its largest entry.

    Blocked as LAPACK's ``getrf``: the :data:`_PANEL` columns of a panel are eliminated
    within it (their multipliers kept in place of the zeros), then one triangular solve and
    one matrix product bring the remaining columns up to date: the same pivots as
    column-by-column elimination, up to rounding, and a 871x664 block of a 40x40 CE LP in
    a tenth of the time. Only a choice: the exact solve that follows decides."""
    order = np.arange(dense.shape[0])  # float-guide
    n = dense.shape[1]
    for j0 in range(0, n, _PANEL):
        j1 = min(n, j0 + _PANEL)
        for t in range(j0, j1):
            column = np.abs(dense[t:, t])  # float-guide
            p = t + int(np.argmax(column))  # float-guide
            if column[p - t] <= 1e-12 * max(1.0, float(np.abs(dense[:, t]).max())):  # float-guide
                return None
            if p != t:
                dense[[t, p]] = dense[[p, t]]  # float-guide
                order[[t, p]] = order[[p, t]]
            dense[t + 1 :, t] /= dense[t, t]  # float-guide: the multipliers, kept in place
            dense[t + 1 :, t + 1 : j1] -= np.outer(dense[t + 1 :, t], dense[t, t + 1 : j1])  # float-guide
        if j1 < n:
            unit = np.tril(dense[j0:j1, j0:j1], -1) + np.eye(j1 - j0)  # float-guide
            dense[j0:j1, j1:] = np.linalg.solve(unit, dense[j0:j1, j1:])  # float-guide
            dense[j1:, j1:] -= dense[j1:, j0:j1] @ dense[j0:j1, j1:]  # float-guide
    return order
