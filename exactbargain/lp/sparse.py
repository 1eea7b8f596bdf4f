"""The constraint matrix ``Â`` of a compiled problem as flat arrays, shared by the float
guide and the exact checks of the guided path (:mod:`exactbargain.lp.guided`).

Problems that share their rows (``LPData.with_objective``) share one copy (:func:`_shared`):
a sequence of objectives over one polytope builds it once. Numpy serves here as index
arithmetic and as int64 storage of entries that provably fit; the floats among its arrays
(``_Sparse.vals``) only guide.
"""

from __future__ import annotations

from itertools import chain
from operator import add, itemgetter
from typing import Any

import flint
import numpy as np  # float-guide

from .simplex import Compiled

#: Blocks of at most this many entries are read from dense Python rows
#: (:meth:`_Sparse.small_block`): index arrays and numpy's set-up cost more than reading a
#: few hundred entries (on the LPs of a 3x3x3 CE payoff set, blocks of 5 to 15 lines); so
#: are blocks of up to four times as many of a matrix that is not sparse (a 4x4x4 CE
#: matrix, 27% nonzero), whose dense lists numpy would build as well.
_SMALL_BLOCK = 400

#: Only matrices with at most this many entries are kept as dense Python rows (and columns).
_DENSE_ROWS = 1 << 18

#: Blocks with fewer nonzeros than this fraction of their entries are built entry by entry
#: (about 0.7 µs per nonzero) rather than from a dense list (about 0.3 µs per entry).
_SPARSE_BLOCK = 0.25


class _Sparse:
    """Row-major flat copies of ``Â``: ``ptr`` (numpy, row starts), ``idx`` (numpy column
    indices), ``nums`` (the exact integers, a Python list), ``small`` (the same as int64, or
    ``None`` if one does not fit) and ``vals`` (their floats, for HiGHS); ``bits`` and
    ``longest_row`` bound the int64 sums of :func:`_int64_sums`; ``free`` and ``rel`` are
    numpy copies of the variables' freedom and the rows' relations."""

    __slots__ = (
        "ptr", "idx", "nums", "vals", "n", "_by_column", "small", "bits", "free", "rel",
        "longest_row", "row_cols", "row_nums", "row_len", "_columns", "_dense", "_whole", "_augmented",
    )

    def __init__(self, comp: Compiled) -> None:
        data = comp.data
        # the rows as Python tuples (LPData's own), for sums over a few rows in Python
        self.row_cols, self.row_nums = data.row_cols, data.row_nums
        self.row_len = [len(cols) for cols in data.row_cols]
        self._columns: tuple[list[list[int]], list[list[int]], list[int]] | None = None
        self._dense: tuple[list[list[int]], list[list[int]]] | None = None
        self._whole: list[flint.fmpz_mat | None] = [None, None]  # Â and Â^T, once needed
        self._augmented: dict[tuple[int, ...], tuple[tuple[Any, ...], flint.fmpz_mat]] = {}
        self.ptr = np.zeros(comp.m + 1, np.int64)  # float-guide
        np.cumsum(np.fromiter(map(len, data.row_cols), np.int64, comp.m), out=self.ptr[1:])  # float-guide
        self.idx = np.fromiter(chain.from_iterable(data.row_cols), np.int32, int(self.ptr[-1]))  # float-guide
        self.nums = list(chain.from_iterable(data.row_nums))
        self.n = comp.n
        self._by_column = None
        # the entries as int64 when they all fit (dense blocks are then gathered by numpy),
        # and as floats for HiGHS (None if some entry is beyond the float range)
        try:
            self.small = np.fromiter(self.nums, np.int64, len(self.nums))  # float-guide
        except OverflowError:
            self.small = None
        if self.small is not None:
            self.vals = self.small.astype(np.float64)  # float-guide
        else:
            try:
                self.vals = np.array(self.nums, dtype=np.float64)  # float-guide
            except OverflowError:  # float-guide
                self.vals = None
        self.free = np.array(comp.free, dtype=bool)  # float-guide
        self.rel = np.array(comp.rel, dtype=np.int8)  # float-guide
        #: bit length of the largest entry, if the entries fit in int64 (bounds the sums of
        #: products that :func:`_activities` and :func:`_column_sums` take in int64)
        self.bits = None
        self.longest_row = int(np.max(np.diff(self.ptr), initial=0))  # float-guide
        if self.small is not None and len(self.small):
            self.bits = max(int(self.small.max()).bit_length(), int(self.small.min()).bit_length())

    def block(self, r: Any, c: Any, pos: Any, shape: tuple[int, int]) -> flint.fmpz_mat | None:
        """The entries at flat positions ``pos`` (block coordinates ``r``, ``c``) as a dense
        ``fmpz_mat`` of the given shape, or ``None`` if the entries do not fit in int64."""
        if self.small is None:
            return None
        size = shape[0] * shape[1]
        if len(pos) < _SPARSE_BLOCK * size:
            # a sparse block: setting its nonzeros one by one beats converting every zero
            # (measured for 200x200 at 5% density: 1.5 ms against 12 ms)
            matrix = flint.fmpz_mat(shape[0], shape[1])
            for i, j, v in zip(r.tolist(), c.tolist(), self.small[pos].tolist()):
                matrix[i, j] = v
            return matrix
        dense = np.zeros(size, np.int64)  # float-guide
        dense[r * shape[1] + c] = self.small[pos]
        return flint.fmpz_mat(shape[0], shape[1], dense.tolist())

    def small_block(self, rows: Any, cols: Any) -> flint.fmpz_mat | None:
        """``Â[rows, cols]`` as an ``fmpz_mat`` read from dense Python rows, for blocks of at
        most :data:`_SMALL_BLOCK` entries (four times as many if at least :data:`_SPARSE_BLOCK`
        of the matrix is nonzero) of a matrix with at most :data:`_DENSE_ROWS` entries;
        ``None`` otherwise (:meth:`entries` and :meth:`block` then build it)."""
        return self._small(rows, cols, 0)

    def small_block_t(self, rows: Any, cols: Any) -> flint.fmpz_mat | None:
        """The transpose of :meth:`small_block` ``(rows, cols)``: ``Â[rows, cols]^T``."""
        return self._small(cols, rows, 1)

    def _small(self, lines: Any, picks: Any, side: int) -> flint.fmpz_mat | None:
        # side 0: lines are rows of Â, picks its columns; side 1: lines are columns
        if not self._fits(len(lines) * len(picks)):
            return None
        lines, picks = _int_list(lines), _int_list(picks)
        if self._selects(len(lines), len(picks)):
            return _select(self._whole_matrix(side), lines, picks, 0)
        table = self._table(side)
        if len(picks) == 1:
            j = picks[0]
            flat = [table[i][j] for i in lines]
        else:
            get = itemgetter(*picks)
            flat = list(chain.from_iterable(map(get, map(table.__getitem__, lines))))
        return flint.fmpz_mat(len(lines), len(picks), flat)

    def _selects(self, a: int, b: int) -> bool:
        """Whether an ``a x b`` block is cut out of the whole matrix by two products with
        0/1 selection matrices (:func:`_select`, about 1 ns per product term in C) rather
        than made from a list of its entries (about 0.25 µs per entry): measured on a
        4x4x4 CE matrix (37 x 64), 68 against 175 µs for 25 x 25 blocks; on a 10x10 one
        (181 x 100) the list is faster at every size."""
        return 250 * a * b > a * len(self.row_cols) * self.n + 10_000

    def _whole_matrix(self, side: int) -> flint.fmpz_mat:
        """The whole matrix ``Â`` (``side`` 0) or ``Â^T`` (1) as an ``fmpz_mat``, built once."""
        if self._whole[side] is None:
            self._whole[side] = flint.fmpz_mat(self._table(side))
        return self._whole[side]

    def _fits(self, size: int) -> bool:
        """Whether a block of ``size`` entries is read from dense Python rows (see
        :meth:`small_block`)."""
        whole = len(self.row_cols) * self.n
        return not (whole > _DENSE_ROWS or size > 4 * _SMALL_BLOCK or (
            size > _SMALL_BLOCK and len(self.nums) < _SPARSE_BLOCK * whole))

    def _table(self, side: int) -> list[list[int]]:
        """The matrix as dense Python rows (``side`` 0) or columns (1), built on first use."""
        if self._dense is None:
            dense = [[0] * self.n for _ in self.row_cols]
            for row, cols, nums in zip(dense, self.row_cols, self.row_nums):
                for j, p in zip(cols, nums):
                    row[j] = p
            self._dense = (dense, [list(col) for col in zip(*dense)])
        return self._dense[side]

    def augmented_t(self, rows: list[int], cols: list[int], vectors: list[Any]) -> flint.fmpz_mat | None:
        """``[Â[rows, cols]^T | V[cols]]``: the transposed block with the entries at ``cols``
        of the dense integer ``vectors`` (one per column of ``Â``) appended as columns
        (right-hand sides solved for by one :meth:`flint.fmpz_mat.rref`); see
        :meth:`augmented`."""
        return self.augmented(cols, rows, vectors, 1)

    def augmented(self, lines: list[int], picks: list[int], vectors: list[Any], side: int) -> flint.fmpz_mat | None:
        """``[Â[lines, picks] | V[lines]]`` (``side`` 0: ``vectors`` have one entry per row
        of ``Â``) or ``[Â[picks, lines]^T | V[lines]]`` (``side`` 1: one entry per column),
        for the blocks :meth:`small_block` reads from dense Python rows (and at least two
        ``picks``); ``None`` otherwise. Cut out of ``[Â | vectors]`` (or its transposed
        form; kept for the last few lists of vectors, by identity) when that is faster
        (:meth:`_selects`)."""
        if len(picks) < 2 or not self._fits(len(lines) * len(picks)):
            return None
        table = self._table(side)
        if self._selects(len(lines), len(picks)):
            key = (side,) + tuple(map(id, vectors))
            kept = self._augmented.get(key)
            if kept is None:  # the vectors are kept with their matrix: their ids stay theirs
                whole = [line + [V[j] for V in vectors] for j, line in enumerate(table)]
                kept = self._augmented[key] = (tuple(vectors), flint.fmpz_mat(whole))
                if len(self._augmented) > _AUGMENTED_KEPT:
                    del self._augmented[next(iter(self._augmented))]
            return _select(kept[1], lines, picks, len(vectors))
        get = itemgetter(*picks)
        extra = [tuple(V[j] for V in vectors) for j in lines]
        flat = list(chain.from_iterable(map(add, map(get, map(table.__getitem__, lines)), extra)))
        return flint.fmpz_mat(len(lines), len(picks) + len(vectors), flat)

    def columns(self) -> tuple[list[list[int]], list[list[int]], list[int]]:
        """The matrix column by column as Python lists: the rows and the entries of every
        column, and every column's number of nonzeros (built on first use)."""
        if self._columns is None:
            col_rows: list[list[int]] = [[] for _ in range(self.n)]
            col_nums: list[list[int]] = [[] for _ in range(self.n)]
            for i, (cols, nums) in enumerate(zip(self.row_cols, self.row_nums)):
                for j, p in zip(cols, nums):
                    col_rows[j].append(i)
                    col_nums[j].append(p)
            self._columns = (col_rows, col_nums, [len(r) for r in col_rows])
        return self._columns

    def column_entries(self, cols: Any) -> tuple[Any, Any, Any]:
        """Nonzeros of ``Â[:, cols]``: row, local column and flat position arrays (through a
        column-major ordering of the flat positions, built on first use)."""
        if self._by_column is None:
            m = len(self.ptr) - 1
            order = np.argsort(self.idx, kind="stable")  # float-guide
            counts = np.bincount(self.idx, minlength=self.n)  # float-guide
            cptr = np.zeros(len(counts) + 1, np.int64)  # float-guide
            np.cumsum(counts, out=cptr[1:])  # float-guide
            row_of = np.repeat(np.arange(m), np.diff(self.ptr))  # float-guide
            self._by_column = (order, cptr, row_of)
        order, cptr, row_of = self._by_column
        cols = np.asarray(cols, np.int64)  # float-guide
        starts, lengths = cptr[cols], cptr[cols + 1] - cptr[cols]
        local_col = np.repeat(np.arange(len(cols)), lengths)  # float-guide
        k = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)  # float-guide
        pos = order[k + np.repeat(starts, lengths)]  # float-guide
        return row_of[pos], local_col, pos

    def entries(self, rows: Any, col_pos: Any) -> tuple[Any, Any, Any]:
        """Nonzeros of ``Â[rows, cols]``: local row, local column and flat position arrays;
        ``col_pos[j]`` is column ``j``'s local index or ``-1``."""
        rows = np.asarray(rows, np.int64)  # float-guide (index arithmetic only)
        starts, ends = self.ptr[rows], self.ptr[rows + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        local_row = np.repeat(np.arange(len(rows)), lengths)  # float-guide
        pos = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)  # float-guide
        pos += np.repeat(starts, lengths)  # float-guide
        local_col = col_pos[self.idx[pos]]
        keep = local_col >= 0
        return local_row[keep], local_col[keep], pos[keep]


#: How many matrices ``[Â^T | vectors]`` :meth:`_Sparse.augmented_t` keeps (a payoff
#: polytope's queries combine the payoffs of some of the players: at most ``2^n`` lists).
_AUGMENTED_KEPT = 16


def _select(whole: flint.fmpz_mat, lines: list[int], picks: list[int], extra: int) -> flint.fmpz_mat:
    """``whole[lines, picks + its last extra columns]`` as ``S whole T`` with 0/1 selection
    matrices ``S`` (a one at ``(t, lines[t])``) and ``T`` (a one at ``(picks[t], t)``, and
    the last ``extra`` columns of ``whole`` carried to the last of the block)."""
    rows, cols = whole.nrows(), whole.ncols()
    left = flint.fmpz_mat(len(lines), rows)
    for t, i in enumerate(lines):
        left[t, i] = 1
    right = flint.fmpz_mat(cols, len(picks) + extra)
    for t, j in enumerate(picks):
        right[j, t] = 1
    for t in range(extra):
        right[cols - extra + t, len(picks) + t] = 1
    return left * whole * right


def _int_list(index: Any) -> list[int]:
    """Indices as a list of Python ints (a numpy array converted in one call)."""
    if isinstance(index, np.ndarray):  # float-guide (index arithmetic)
        return index.tolist()
    return [int(i) for i in index]


def _shared(comp: Compiled) -> dict:
    """The cache shared by every problem with ``comp``'s rows (see ``LPData.with_objective``);
    a problem made otherwise has it to itself."""
    cache = comp.data.cache
    shared = cache.get("rows")
    if shared is None:
        shared = cache["rows"] = {}
    return shared


def _sparse(comp: Compiled) -> _Sparse:
    shared = _shared(comp)
    sp = shared.get("sparse")
    if sp is None:
        sp = shared["sparse"] = _Sparse(comp)
    return sp


def _positions(col_pos: Any, cols: Any) -> Any:
    """``col_pos`` set to ``-1`` everywhere but at ``cols``, where it holds their local
    indices (the ``col_pos`` argument of :meth:`_Sparse.entries`)."""
    col_pos[:] = -1
    col_pos[np.asarray(cols, np.int64)] = np.arange(len(cols))  # float-guide
    return col_pos
