"""The guided path: a floating-point LP (HiGHS) proposes, exact arithmetic disposes.

Game LPs are degenerate but small in their optimal *support*. HiGHS solves the problem in
floating point and reports a basis ``(J_B, I_N)`` (basic structural columns, rows whose slack
is nonbasic, ``|J_B| = |I_N|``), a primal point and a dual point. From these we try, in order,
each step only when the previous one fails:

1. **Support certificate.** ``P`` = basic columns with a nonzero float value, ``D`` = nonbasic
   rows with a nonzero float dual. Pick ``|P|`` rows ``R`` of ``I_N`` and ``|D|`` columns ``C``
   of ``J_B`` whose square submatrices are nonsingular (chosen in floating point by
   Gaussian elimination with partial pivoting), solve ``Â[R,P] x_P = b̂_R`` and
   ``Â[D,C]^T y_D = ĉ_C`` exactly (flint, fraction-free/Dixon), set every other entry to
   zero, and check *every* row and column exactly. Two small solves instead of one big one.
2. **Basis certificate.** Solve the square systems of the whole reduced basis,
   ``Â[I_N,J_B] x = b̂`` and its transpose, and check the same way.
3. **Exact simplex** (:func:`~exactbargain.lp.simplex.simplex`) warm-started from HiGHS's
   basis when it is exactly primal feasible, cold otherwise; also used when HiGHS reports
   anything but an optimum.

Why the checks suffice: an exact ``x`` with ``x >= 0`` (non-free entries) and
``Â x (rel) b̂`` is feasible; an exact ``y`` with the shadow-price signs and
``Â^T y >= ĉ`` (``=`` on free columns) is dual feasible; equal objectives then prove both
optimal (weak duality, see :class:`~exactbargain.lp.certificate.OptimalityCertificate`).
Nothing from the float solve is trusted: it only chooses which exact systems to solve, so a
wrong float answer costs time, never correctness. Every line that touches floats carries a
``# float-guide`` comment.
"""

from __future__ import annotations

import os
import sys
from fractions import Fraction
from typing import Any

import flint

from ..errors import LPError
from .certificate import Basis, LPResult, OptimalityCertificate
from .model import LP, LPData
from .simplex import EQ, GE, LE, Compiled, compiled, simplex

try:  # float-guide
    import highspy  # float-guide
    import numpy as np  # float-guide
except ImportError:  # pragma: no cover - exercised only without highspy
    highspy = None
    np = None

__all__ = ["solve", "guide_available", "METHODS"]

#: The accepted ``method`` arguments of :func:`solve`.
METHODS = ("auto", "exact", "guided")

# Relative size below which a float primal or dual entry is read as zero.
_ZERO = 1e-9  # float-guide


def guide_available() -> bool:
    """``True`` if the floating-point guide (``highspy``) can be imported.

    >>> isinstance(guide_available(), bool)
    True
    """
    return highspy is not None


def solve(lp: LP | LPData, method: str = "auto") -> LPResult:
    """Solve ``lp`` exactly and return an :class:`~exactbargain.lp.LPResult` with certificate.

    ``method``:

    * ``"exact"``: the exact revised simplex only (:mod:`exactbargain.lp.simplex`);
    * ``"guided"``: HiGHS proposes, exact arithmetic certifies (see this module's
      docstring); raises :class:`~exactbargain.errors.LPError` if ``highspy`` is missing;
    * ``"auto"`` (default): ``"guided"`` when ``highspy`` is importable, else ``"exact"``.

    Both give the same status and value (the result is proved either way); they may pick
    different optimal points when the optimum is not unique. A solver failure raises
    :class:`~exactbargain.errors.LPError`; it is never reported as a status.

    >>> lp = LP.from_matrix([[1, 1], [1, -1]], ["<=", ">="], [4, "-1/2"], [1, 3])
    >>> res = solve(lp)
    >>> res.value, res.x
    (Fraction(17, 2), (Fraction(7, 4), Fraction(9, 4)))
    >>> solve(lp, method="exact").value
    Fraction(17, 2)
    """
    if method not in METHODS:
        raise LPError(f"method must be one of {', '.join(map(repr, METHODS))}, not {method!r}")
    data = lp.data if isinstance(lp, LP) else lp
    if not isinstance(data, LPData):
        raise LPError(f"solve() needs an LP, not {type(lp).__name__}")
    if method == "exact" or (method == "auto" and highspy is None):
        return simplex(data, method="exact")
    if highspy is None:
        raise LPError("method='guided' needs the highspy package (pip install highspy)")
    return _guided(data)


def _guided(data: LPData) -> LPResult:
    comp = compiled(data)
    if comp.m == 0 or comp.n == 0:
        return simplex(data, method="guided/exact")
    guess = _float_guess(comp)
    if guess is None:
        return simplex(data, method="guided/exact")
    if guess.optimal:
        res = _support_step(comp, guess)
        if res is None:
            res = _certify(comp, guess.basic_cols, guess.nonbasic_rows, guess.nonbasic_rows,
                           guess.basic_cols, guess.basis, "guided/basis")
        if res is not None:
            return res
    return simplex(data, start=guess.basis, method="guided/simplex")


# ------------------------------------------------------------------------------------------
# the float side
class _Sparse:
    """Row-major flat copies of ``Â``: ``ptr`` (numpy, row starts), ``idx`` (numpy column
    indices), ``nums`` (the exact integers, a Python list) and ``vals`` (their floats)."""

    __slots__ = ("ptr", "idx", "nums", "vals")

    def __init__(self, comp: Compiled) -> None:
        from itertools import chain

        lengths = np.fromiter((len(cols) for cols, _ in comp.rows), np.int64, comp.m)  # float-guide
        self.ptr = np.zeros(comp.m + 1, np.int64)  # float-guide
        np.cumsum(lengths, out=self.ptr[1:])  # float-guide
        nnz = int(self.ptr[-1])
        self.idx = np.fromiter(chain.from_iterable(c for c, _ in comp.rows), np.int32, nnz)  # float-guide
        self.nums = list(chain.from_iterable(v for _, v in comp.rows))
        try:
            self.vals = np.array(self.nums, dtype=np.float64)  # float-guide
        except OverflowError:  # float-guide: an entry beyond the float range; no guide
            self.vals = None

    def entries(self, rows: Any, col_pos: Any) -> tuple[Any, Any, Any]:
        """Nonzeros of ``Â[rows, cols]``: local row, local column and flat position arrays;
        ``col_pos[j]`` is column ``j``'s local index or ``-1``."""
        rows = np.asarray(rows, np.int64)  # float-guide (index arithmetic only)
        starts, ends = self.ptr[rows], self.ptr[rows + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        local_row = np.repeat(np.arange(len(rows)), lengths)
        pos = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        pos += np.repeat(starts, lengths)
        local_col = col_pos[self.idx[pos]]
        keep = local_col >= 0
        return local_row[keep], local_col[keep], pos[keep]


def _sparse(comp: Compiled) -> _Sparse:
    sp = comp.data.cache.get("sparse")
    if sp is None:
        sp = comp.data.cache["sparse"] = _Sparse(comp)
    return sp


class _Guess:  # float-guide
    """What HiGHS proposes: status, float primal/dual values and the basis."""

    __slots__ = ("optimal", "x", "y", "basic_cols", "nonbasic_rows", "basis")


_banner_silenced = False


def _new_highs() -> Any:
    """A silent ``highspy.Highs``. The first one of a process prints a banner straight to
    file descriptor 1; point that descriptor at ``/dev/null`` while it is made."""
    global _banner_silenced
    if not _banner_silenced:
        _banner_silenced = True
        try:
            sys.stdout.flush()
            saved, sink = os.dup(1), os.open(os.devnull, os.O_WRONLY)
        except (OSError, ValueError, AttributeError):
            pass
        else:
            try:
                os.dup2(sink, 1)
                h = highspy.Highs()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
                os.close(sink)
            h.setOptionValue("output_flag", False)
            return h
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h


def _float_model(comp: Compiled) -> tuple | None:  # float-guide
    """The arguments of ``Highs.passModel`` for the engine's (max-sense, integer) problem."""
    model = comp.data.cache.get("highs")
    if model is None:
        sp = _sparse(comp)
        try:
            b = np.array(comp.b, dtype=np.float64)  # float-guide
            cost = np.array(comp.c, dtype=np.float64)  # float-guide
        except OverflowError:  # float-guide
            b = None
        if b is None or sp.vals is None:
            model = comp.data.cache["highs"] = ()
            return None
        rel = np.array(comp.rel, dtype=np.int8)
        inf = np.inf  # float-guide
        row_lo = np.where(rel == LE, -inf, b)  # float-guide
        row_up = np.where(rel == GE, inf, b)  # float-guide
        col_lo = np.where(np.array(comp.free, dtype=bool), -inf, 0.0)  # float-guide
        col_up = np.full(comp.n, inf)  # float-guide
        model = comp.data.cache["highs"] = (
            comp.n, comp.m, len(sp.nums), int(highspy.MatrixFormat.kRowwise),
            int(highspy.ObjSense.kMaximize), 0.0, cost, col_lo, col_up, row_lo, row_up,
            sp.ptr.astype(np.int32), sp.idx, sp.vals, np.zeros(comp.n, dtype=np.int32),
        )
    return model or None


def _float_guess(comp: Compiled) -> _Guess | None:  # float-guide
    """Run HiGHS; ``None`` if it cannot be run or returns nothing usable."""
    model = _float_model(comp)
    if model is None:
        return None
    h = _new_highs()
    if h.passModel(*model) != highspy.HighsStatus.kOk:
        return None
    h.run()
    status = h.getModelStatus()
    guess = _Guess()
    guess.optimal = status == highspy.HighsModelStatus.kOptimal
    hb = h.getBasis()
    if not hb.valid or len(hb.col_status) != comp.n or len(hb.row_status) != comp.m:
        guess.basis = None
        return None if guess.optimal else guess
    basic = int(highspy.HighsBasisStatus.kBasic)
    col_basic = np.array([s.value for s in hb.col_status], dtype=np.int64) == basic
    row_basic = np.array([s.value for s in hb.row_status], dtype=np.int64) == basic
    guess.basic_cols = np.flatnonzero(col_basic)
    guess.nonbasic_rows = np.flatnonzero(~row_basic)
    if len(guess.basic_cols) != len(guess.nonbasic_rows):
        guess.basis = None
        return None if guess.optimal else guess
    guess.basis = Basis(
        tuple(guess.basic_cols.tolist()), tuple(np.flatnonzero(row_basic).tolist())
    )
    if guess.optimal:
        sol = h.getSolution()
        guess.x = np.asarray(sol.col_value, dtype=np.float64)  # float-guide
        guess.y = np.asarray(sol.row_dual, dtype=np.float64)  # float-guide
    return guess


def _nonzero(values: Any, candidates: Any) -> Any:  # float-guide
    """The candidates whose float value is not negligible (relative to the largest)."""
    v = np.abs(values[candidates])  # float-guide
    if v.size == 0:
        return candidates
    return candidates[v > _ZERO * max(1.0, float(v.max()))]  # float-guide


def _pick(comp: Compiled, rows: Any, cols: Any, transpose: bool) -> Any:  # float-guide
    """A nonsingular square block of ``Â[rows, cols]``: ``len(cols)`` of the ``rows`` (or,
    if ``transpose``, ``len(rows)`` of the ``cols``), chosen by Gaussian elimination with
    partial pivoting in floating point; ``None`` if the block looks rank-deficient. This is
    only a choice: the exact solve that follows decides."""
    sp = _sparse(comp)
    lr, lc, pos = sp.entries(rows, _positions(np.full(comp.n, -1, np.int64), cols))
    dense = np.zeros((len(rows), len(cols)))  # float-guide
    dense[lr, lc] = sp.vals[pos]  # float-guide
    candidates = rows
    if transpose:
        dense, candidates = dense.T.copy(), cols  # float-guide
    order = np.arange(dense.shape[0])
    for t in range(dense.shape[1]):
        column = np.abs(dense[t:, t])  # float-guide
        p = t + int(np.argmax(column))
        if column[p - t] <= 1e-12 * max(1.0, float(np.abs(dense[:, t]).max())):  # float-guide
            return None
        if p != t:
            dense[[t, p]] = dense[[p, t]]  # float-guide
            order[[t, p]] = order[[p, t]]
        below = dense[t + 1 :, t] / dense[t, t]  # float-guide
        dense[t + 1 :, t:] -= np.outer(below, dense[t, t:])  # float-guide
    return candidates[np.sort(order[: dense.shape[1]])]


def _positions(col_pos: Any, cols: Any) -> Any:
    col_pos[:] = -1
    col_pos[np.asarray(cols, np.int64)] = np.arange(len(cols))
    return col_pos


def _support_step(comp: Compiled, g: _Guess) -> LPResult | None:
    """Step 1: the two small systems on the float supports (see the module docstring)."""
    P = _nonzero(g.x, g.basic_cols)  # float-guide
    D = _nonzero(g.y, g.nonbasic_rows)  # float-guide
    R = g.nonbasic_rows
    if len(R) != len(P):
        R = _pick(comp, R, P, transpose=False)  # float-guide
    C = g.basic_cols
    if len(C) != len(D):
        C = _pick(comp, D, C, transpose=True)  # float-guide
    if R is None or C is None:
        return None
    # When the supports fill the basis (no degeneracy), the two systems are the basis's own
    # and the certificate proves HiGHS's basis optimal as well.
    whole = len(P) == len(g.basic_cols) and len(D) == len(g.nonbasic_rows)
    return _certify(comp, P, R, D, C, g.basis if whole else None, "guided/support")


# ------------------------------------------------------------------------------------------
# the exact side
def _square_solve(comp: Compiled, rows: Any, cols: Any, rhs: list[int], transpose: bool):
    """Solve ``Â[rows, cols] z = rhs`` (or the transpose) exactly: ``(Z, den)`` integers with
    ``z = Z / den``, ``den > 0``; ``None`` if the block is singular."""
    k = len(rows)
    if k == 0:
        return [], 1
    sp = _sparse(comp)
    col_pos = np.full(comp.n, -1, np.int64)
    lr, lc, pos = sp.entries(rows, _positions(col_pos, cols))
    flat = [0] * (k * k)
    nums = sp.nums
    if transpose:
        for r, c, q in zip(lr.tolist(), lc.tolist(), pos.tolist()):
            flat[c * k + r] = nums[q]
    else:
        for r, c, q in zip(lr.tolist(), lc.tolist(), pos.tolist()):
            flat[r * k + c] = nums[q]
    try:
        sol = flint.fmpz_mat(k, k, flat).solve(flint.fmpz_mat(k, 1, rhs))
    except ZeroDivisionError:
        return None
    num, den = sol.numer_denom()
    Z, den = [int(v) for v in num.entries()], int(den)
    if den < 0:
        Z, den = [-v for v in Z], -den
    return Z, den


def _certify(
    comp: Compiled, P: Any, R: Any, D: Any, C: Any, basis: Basis | None, method: str
) -> LPResult | None:
    """Solve for ``x`` on columns ``P`` (rows ``R``) and ``y`` on rows ``D`` (columns ``C``),
    everything else zero; return the proved result, or ``None`` if a check fails."""
    P, R, D, C = (np.asarray(v, np.int64) for v in (P, R, D, C))
    if len(P) != len(R) or len(D) != len(C):
        return None
    b, c = comp.b, comp.c
    Pl, Rl, Dl, Cl = P.tolist(), R.tolist(), D.tolist(), C.tolist()
    primal = _square_solve(comp, R, P, [b[i] for i in Rl], transpose=False)
    if primal is None:
        return None
    dual = _square_solve(comp, D, C, [c[j] for j in Cl], transpose=True)
    if dual is None:
        return None
    X, dx = primal
    Y, dy = dual
    # --- primal feasibility: x >= 0 off free columns; every row a_i.x (rel) b_i, i.e.
    # sum_j a_ij X_j (rel) b_i dx since dx > 0.
    free = comp.free
    if any(Xj < 0 and not free[j] for j, Xj in zip(Pl, X)):
        return None
    sp = _sparse(comp)
    all_rows = np.arange(comp.m)
    col_pos = np.full(comp.n, -1, np.int64)
    lr, lc, pos = sp.entries(all_rows, _positions(col_pos, P))
    act = [0] * comp.m
    nums = sp.nums
    for i, t, q in zip(lr.tolist(), lc.tolist(), pos.tolist()):
        act[i] += nums[q] * X[t]
    for i in range(comp.m):
        lhs, rhs = act[i], b[i] * dx
        rel = comp.rel[i]
        if (rel == LE and lhs > rhs) or (rel == GE and lhs < rhs) or (rel == EQ and lhs != rhs):
            return None
    # --- dual feasibility (engine is max): y_i >= 0 on <= rows, <= 0 on >= rows;
    # (A^T y)_j >= c_j, with equality on free columns; compare sums of a_ij Y_i with c_j dy.
    for i, Yi in zip(Dl, Y):
        if (comp.rel[i] == LE and Yi < 0) or (comp.rel[i] == GE and Yi > 0):
            return None
    aty = [0] * comp.n
    Ycoef = dict(zip(Dl, Y))
    starts, ends = sp.ptr[D].tolist(), sp.ptr[D + 1].tolist()
    idx = sp.idx
    for i, s, e in zip(Dl, starts, ends):
        Yi = Ycoef[i]
        if Yi:
            for j, p in zip(idx[s:e].tolist(), nums[s:e]):
                aty[j] += p * Yi
    for j in range(comp.n):
        lhs, rhs = aty[j], c[j] * dy
        if lhs < rhs or (free[j] and lhs != rhs):
            return None
    # --- equal objectives: c.x = b.y, i.e. (sum c_j X_j) dy = (sum b_i Y_i) dx.
    cx = sum(c[j] * Xj for j, Xj in zip(Pl, X))
    by = sum(b[i] * Yi for i, Yi in zip(Dl, Y))
    if cx * dy != by * dx:
        return None
    x = [Fraction(0)] * comp.n
    for j, Xj in zip(Pl, X):
        x[j] = Fraction(Xj, dx)
    y_hat = [Fraction(0)] * comp.m
    for i, Yi in zip(Dl, Y):
        y_hat[i] = Fraction(Yi, dy)
    x_t = tuple(x)
    y_t = comp.dual_to_user(y_hat)
    value = comp.value_to_user(Fraction(cx, dx))
    cert = OptimalityCertificate(x_t, y_t)
    return LPResult("optimal", value, x_t, y_t, basis, cert, method, comp.data)
