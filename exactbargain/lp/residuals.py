"""Exact integer residuals of the guided path: ``Â x`` and ``Âᵀ y`` for integer vectors,
summed in int64 where that is provably exact (:func:`_int64_sums`), and the rows and
columns a candidate ``(x, y)`` violates.
"""

from __future__ import annotations

from typing import Any

import flint
import numpy as np  # float-guide

from .simplex import EQ, GE, LE, Compiled
from .sparse import _int_list, _Sparse, _sparse

# Above this fraction of nonzeros a block is multiplied as a dense flint matrix (about
# 0.25 µs per entry to build) rather than entry by entry in Python (about 1 µs per nonzero).
_DENSE = 0.25


#: Sums of at most this many products are taken in Python integers, column by column or row
#: by row: numpy's set-up (index arrays, limbs) costs more than that. Measured on the LPs of
#: CE payoff sets (mean per LP): ``Âᵀ y`` of a 4x4x4 game 0.50 ms through int64 limbs against
#: 0.14 ms in Python, of a 10x10 game 0.38 against 0.17 ms, of a 3x3x3 game 0.12 against 0.04.
_PYTHON_TERMS = 4000


def _activities(comp: Compiled, cols: list[int], X: list[int]) -> list[int]:
    """``sum_j â_ij X_j`` for every row ``i``, with ``X`` given on ``cols`` (zero elsewhere)."""
    act = [0] * comp.m
    if len(cols):
        sp = _sparse(comp)
        col_rows, col_nums, col_len = sp.columns()
        cols = _int_list(cols)
        if sum(col_len[j] for j in cols) <= _PYTHON_TERMS:
            for j, Xj in zip(cols, X):
                if Xj:
                    for i, p in zip(col_rows[j], col_nums[j]):
                        act[i] += p * Xj
            return act
        rows, local, pos = sp.column_entries(cols)
        fast = _int64_sums(sp, rows, comp.m, pos, local, X, sp.longest_row)
        if fast is not None:
            return fast
        if len(pos) > _DENSE * comp.m * len(cols):
            block = sp.block(rows, local, pos, (comp.m, len(cols)))
            if block is not None:
                return [int(v) for v in (block * flint.fmpz_mat(len(cols), 1, X)).entries()]
        nums = sp.nums
        for i, t, q in zip(rows.tolist(), local.tolist(), pos.tolist()):
            act[i] += nums[q] * X[t]
    return act


def _column_sums(comp: Compiled, rows: list[int], Y: list[int]) -> list[int]:
    """``sum_i â_ij Y_i`` for every column ``j``, with ``Y`` given on ``rows``."""
    aty = [0] * comp.n
    if len(rows):
        sp = _sparse(comp)
        rows = _int_list(rows)
        if sum(sp.row_len[i] for i in rows) <= _PYTHON_TERMS:
            row_cols, row_nums = sp.row_cols, sp.row_nums
            for i, Yi in zip(rows, Y):
                if Yi:
                    for j, p in zip(row_cols[i], row_nums[i]):
                        aty[j] += p * Yi
            return aty
        if sp.small is not None:
            lr, lc, pos = sp.entries(rows, np.arange(comp.n))  # float-guide
            fast = _int64_sums(sp, lc, comp.n, pos, lr, Y, len(rows))
            if fast is not None:
                return fast
            if len(pos) > _DENSE * comp.n * len(rows):
                block = sp.block(lr, lc, pos, (len(rows), comp.n))
                return [int(v) for v in (flint.fmpz_mat(1, len(rows), Y) * block).entries()]
        nums, idx = sp.nums, sp.idx
        starts = sp.ptr[rows].tolist()
        ends = sp.ptr[np.asarray(rows) + 1].tolist()  # float-guide
        for Yi, s0, e0 in zip(Y, starts, ends):
            if Yi:
                for j, p in zip(idx[s0:e0].tolist(), nums[s0:e0]):
                    aty[j] += p * Yi
    return aty


#: Most limbs :func:`_int64_sums` splits a value into. Beyond that Python integers are as fast
#: (measured on the 99 columns of a 40x40 CE support: 2.6 ms against 4.9 ms for 100-bit
#: values, 3.3 against 5.2 ms for 200 bits, about 5.5 ms either way for 400 bits).
_LIMBS = 8


def _int64_sums(
    sp: _Sparse, target: Any, size: int, pos: Any, source: Any, V: list[int], terms: int
) -> list[int] | None:
    """``out[target[k]] += â[pos[k]] * V[source[k]]`` over all ``k``, summed in int64 where
    that is provably exact; ``None`` when it is not (the caller sums in Python integers).

    Every entry of ``â`` has at most ``sp.bits`` bits and no output sums more than
    ``terms < 2^t`` products, so values of at most ``w = 62 - bits - t`` bits keep every
    partial sum inside int64. Longer values are split into ``w``-bit limbs (at most
    :data:`_LIMBS` of them), each limb summed in int64, and the sums recombined exactly."""
    if sp.bits is None or not V:
        return None
    width = 62 - sp.bits - terms.bit_length()
    limbs = -(-max(max(V), -min(V)).bit_length() // width) if width > 0 else _LIMBS + 1
    if limbs > _LIMBS:
        return None
    coef = sp.small[pos]
    if limbs <= 1:
        out = np.zeros(size, np.int64)  # float-guide
        np.add.at(out, target, coef * np.array(V, np.int64)[source])  # float-guide
        return out.tolist()
    sign = np.array([-1 if v < 0 else 1 for v in V], np.int64)  # float-guide
    magnitudes = [abs(v) for v in V]
    mask, total = (1 << width) - 1, [0] * size
    for limb in range(limbs):
        shift = limb * width
        part = np.array([(a >> shift) & mask for a in magnitudes], np.int64) * sign  # float-guide
        out = np.zeros(size, np.int64)  # float-guide
        np.add.at(out, target, coef * part[source])  # float-guide
        for i, v in enumerate(out.tolist()):
            if v:
                total[i] += v << shift
    return total


def _violated_rows(comp: Compiled, act: list[int], scale: int) -> list[int]:
    """Rows ``i`` where ``act_i (rel) b̂_i * scale`` fails (``scale = 0``: directions)."""
    b, rel = comp.b, comp.rel
    return [
        i
        for i in range(comp.m)
        if (rel[i] == LE and act[i] > b[i] * scale)
        or (rel[i] == GE and act[i] < b[i] * scale)
        or (rel[i] == EQ and act[i] != b[i] * scale)
    ]


def _violations(
    comp: Compiled, Pl: list[int], X: list[int], dx: int, Dl: list[int], Y: list[int], dy: int
) -> tuple[list[int], list[int]]:
    """Rows violated by ``x`` and columns violated by ``y``, checked exactly.

    ``x`` is ``X / dx`` on columns ``Pl`` (zero elsewhere) and ``y`` is ``Y / dy`` on rows
    ``Dl``, with ``dx, dy > 0``. Row ``i`` is violated unless ``a_i.x (rel) b_i``, i.e.
    ``sum_j a_ij X_j (rel) b_i dx``. Column ``j`` is violated unless the dual constraint of
    the (max-sense) engine holds: ``(A^T y)_j >= c_j``, with equality if ``x_j`` is free,
    i.e. ``sum_i a_ij Y_i >= c_j dy``. Signs of ``x`` and ``y`` are the caller's business.
    """
    return _violated_rows(comp, _activities(comp, Pl, X), dx), _bad_columns(comp, Dl, Y, dy)


def _bad_columns(comp: Compiled, Dl: list[int], Y: list[int], dy: int) -> list[int]:
    """The columns violated by ``y = Y / dy`` on rows ``Dl`` (see :func:`_violations`)."""
    aty, c, free = _column_sums(comp, Dl, Y), comp.c, comp.free
    return [j for j in range(comp.n) if aty[j] < c[j] * dy or (free[j] and aty[j] != c[j] * dy)]

