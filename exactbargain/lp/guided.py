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
2. **Refinement.** If that fails, HiGHS's basis is usually optimal only to within its
   tolerances (on random 40x40 correlated-equilibrium LPs, basic values near ``-5e-10``).
   A round of iterative refinement (:class:`_Guide`) re-solves a correction problem with
   the exact residuals magnified, warm-started from that basis, and step 1 is tried again
   on the basis it ends with; up to :data:`REFINE_ROUNDS` rounds.
3. **Basis certificate.** Solve the square systems of the whole reduced basis,
   ``Â[I_N,J_B] x = b̂`` and its transpose, and check the same way (when the basis has at
   most :data:`BASIS_STEP_LIMIT` columns).
4. **Exact simplex** (:func:`~exactbargain.lp.simplex.simplex`) on restrictions of the
   problem that grow until their answer is proved for the whole problem (:func:`_sift`),
   starting from the float-tight rows, the supports and their basis. The exact simplex on
   the whole problem, warm-started from HiGHS's basis, answers when HiGHS reports anything
   but an optimum.

Data beyond float range: costs above ``2^11`` are scaled by a power of two into a moderate range
(:func:`_cost_shift`); a model whose rows HiGHS refuses (entries above ``1e15``, e.g. a payoff
equality with a long denominator scaled into integers) is passed with its rows divided by
powers of two, and only the basis it proposes is used (:func:`_equilibrated_basis`): step 3,
then step 4 from that basis.

Why the checks suffice: an exact ``x`` with ``x >= 0`` (non-free entries) and
``Â x (rel) b̂`` is feasible; an exact ``y`` with the shadow-price signs and
``Â^T y >= ĉ`` (``=`` on free columns) is dual feasible; equal objectives then prove both
optimal (weak duality, see :class:`~exactbargain.lp.certificate.OptimalityCertificate`).
Nothing from the float solve is trusted: it only chooses which exact systems to solve, so a
wrong float answer costs time, never correctness. Every line that touches floats carries a
``# float-guide`` comment.
"""

from __future__ import annotations

import math
import os
import sys
from fractions import Fraction
from itertools import chain
from typing import Any

import flint

from ..errors import LPError, SolverError
from .certificate import (
    Basis,
    InfeasibilityCertificate,
    LPResult,
    OptimalityCertificate,
    UnboundednessCertificate,
)
from .model import LP, LPData
from .simplex import EQ, GE, LE, Compiled, _normalise, compiled, simplex

try:  # float-guide
    import highspy  # float-guide
    import numpy as np  # float-guide
except ImportError:  # pragma: no cover - exercised only without highspy
    highspy = None
    np = None

__all__ = ["solve", "guide_available", "METHODS"]

#: The accepted ``method`` arguments of :func:`solve`.
METHODS = ("auto", "exact", "guided")

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
    * ``"auto"`` (default): ``"exact"`` for tiny problems (fewer than :data:`TINY` matrix
      entries, rows times variables, where setting up the float guide costs more than the
      whole exact solve), else ``"guided"`` when ``highspy`` is importable, else ``"exact"``.

    Both give the same status and value (the result is proved either way); they may pick
    different optimal points when the optimum is not unique. A malformed call raises
    :class:`~exactbargain.errors.LPError`; an internal failure of the solver raises its
    subclass :class:`~exactbargain.errors.SolverError`. Neither is reported as a status.

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
    if method == "exact" or (
        method == "auto" and (highspy is None or data.num_rows * data.num_variables < TINY)
    ):
        return simplex(data, method="exact")
    if highspy is None:
        raise LPError("method='guided' needs the highspy package (pip install highspy)")
    return _guided(data)


#: Below this many matrix entries (rows times variables) ``method="auto"`` solves exactly. On
#: the LPs of random games (zero-sum up to 9x9, CE up to 4x4 and 2x2x3), the exact simplex
#: took 0.44 ms against the guide's 1.49 ms (medians) below 25 entries and 0.64 against 1.55
#: ms from 25 to 49; from 50 to 74 it was faster in 104 of 108 problems, and beyond about 100
#: entries the guide wins (at 400 entries, 1.9 ms against 12 ms).
TINY = 64


#: Largest float basis (number of basic structural columns) that step 3 solves whole. Solving
#: a basis exactly is cheap next to exact pivots: a 238-column basis of a 20x20 CE LP with a
#: 1,400-bit objective certified in 0.17 s, where the exact simplex took 155 s.
BASIS_STEP_LIMIT = 1000


#: Rounds of iterative refinement of the float guide before exact pivoting takes over.
REFINE_ROUNDS = 4


def _guided(data: LPData, warm: bool = True) -> LPResult:
    comp = compiled(data)
    if comp.m == 0 or comp.n == 0:
        return simplex(data, method="guided/exact")
    g = _Guide(comp)
    if not g.run(warm):
        # HiGHS refuses entries beyond its range (rows scaled into integers by a huge
        # denominator): a model with equilibrated rows still proposes a basis to certify
        basis = _equilibrated_basis(comp)
        if basis is None:
            return simplex(data, method="guided/exact")
        B, N = np.array(basis.variables, np.int64), np.setdiff1d(np.arange(comp.m), basis.rows)
        if 0 < len(B) <= BASIS_STEP_LIMIT:
            res = _certify(comp, B, N, N, B, basis, "guided/basis")
            if not isinstance(res, str):
                return res
        return simplex(data, start=basis, method="guided/simplex")
    if not g.optimal:
        if g.warm:
            return _guided(data, warm=False)
        return simplex(data, start=g.basis, method="guided/simplex")
    last = None  # the failure of the previous round
    for round_ in range(REFINE_ROUNDS + 1):
        # A float basis whose own values break a sign condition is not exactly optimal
        # either (as measured, its exact values break it too): refine before solving.
        res, R, C, P = g.sign_trouble(), None, None, None
        if res is None:
            res, R, C, P = _support_step(comp, g)
            if not isinstance(res, str):
                return res
        # only the primal side failed: a bounds-only correction of the plain model will do,
        # once; if the primal side still fails after it, correct both sides (measured: a
        # 20x20 polygon LP whose primal-only rounds never converged, then took 290 s of
        # exact pivots, certifies after two full rounds)
        primal_only = res == "primal" and last != "primal"
        last = res
        if round_ == REFINE_ROUNDS or not g.refine(primal_only=primal_only):
            break
    if g.basis is not None and 0 < len(g.basic_cols) <= BASIS_STEP_LIMIT:
        B, N = g.basic_cols, g.nonbasic_rows
        res = _certify(comp, B, N, N, B, g.basis, "guided/basis")
        if not isinstance(res, str):
            return res
    if g.warm:
        # HiGHS warm-started from another objective's basis can end on a basis that is
        # optimal only within its tolerances; a fresh start costs far less than exact pivots
        return _guided(data, warm=False)
    if g.basis is None:
        return simplex(data, method="guided/simplex")
    # step 3: exact simplex on restrictions, from the support's basis (P basic, the rows
    # outside R with basic slacks) on the float-tight rows and the supports' columns
    S = g.nonbasic_rows
    if P is None:  # step 1 was skipped in the last round
        P = _nonzero(g.x_float(), g.basic_cols, g.zero_x)  # float-guide
    cols = np.union1d(P, C) if C is not None else P
    if R is None:
        return _sift(comp, S, cols, [], S, "guided/simplex")
    return _sift(comp, S, cols, P, np.setdiff1d(S, R), "guided/simplex")


def _support_step(comp: Compiled, g: "_Guide") -> tuple[LPResult | str, Any, Any, Any]:
    """Step 1 for the guide's current basis and values: the result if it proves
    optimality (else why not, as :func:`_certify` says), and the sets ``R``, ``C``, ``P``
    it chose (``None`` where it found none)."""
    B, N = g.basic_cols, g.nonbasic_rows
    P = _nonzero(g.x_float(), B, g.zero_x)  # float-guide
    D = _nonzero(g.y_float(), N, g.zero_y)  # float-guide
    R = N if len(N) == len(P) else _pick(comp, N, P, False)
    C = B if len(B) == len(D) else _pick(comp, D, B, True)
    if R is None or C is None:
        return "singular", R, C, P
    # When the supports fill the basis (no degeneracy), the two systems are the basis's
    # own and the certificate proves HiGHS's basis optimal as well.
    whole = len(P) == len(B) and len(D) == len(N)
    return _certify(comp, P, R, D, C, g.basis if whole else None, "guided/support"), R, C, P


# ------------------------------------------------------------------------------------------
# the float side
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
        "longest_row",
    )

    def __init__(self, comp: Compiled) -> None:
        data = comp.data
        self.ptr = np.zeros(comp.m + 1, np.int64)
        np.cumsum(np.fromiter(map(len, data.row_cols), np.int64, comp.m), out=self.ptr[1:])
        self.idx = np.fromiter(chain.from_iterable(data.row_cols), np.int32, int(self.ptr[-1]))
        self.nums = list(chain.from_iterable(data.row_nums))
        self.n = comp.n
        self._by_column = None
        # the entries as int64 when they all fit (dense blocks are then gathered by numpy),
        # and as floats for HiGHS (None if some entry is beyond the float range)
        try:
            self.small = np.fromiter(self.nums, np.int64, len(self.nums))
        except OverflowError:
            self.small = None
        if self.small is not None:
            self.vals = self.small.astype(np.float64)  # float-guide
        else:
            try:
                self.vals = np.array(self.nums, dtype=np.float64)  # float-guide
            except OverflowError:  # float-guide
                self.vals = None
        self.free = np.array(comp.free, dtype=bool)
        self.rel = np.array(comp.rel, dtype=np.int8)
        #: bit length of the largest entry, if the entries fit in int64 (bounds the sums of
        #: products that :func:`_activities` and :func:`_column_sums` take in int64)
        self.bits = None
        self.longest_row = int(np.max(np.diff(self.ptr), initial=0))
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
        dense = np.zeros(size, np.int64)
        dense[r * shape[1] + c] = self.small[pos]
        return flint.fmpz_mat(shape[0], shape[1], dense.tolist())

    def column_entries(self, cols: Any) -> tuple[Any, Any, Any]:
        """Nonzeros of ``Â[:, cols]``: row, local column and flat position arrays (through a
        column-major ordering of the flat positions, built on first use)."""
        if self._by_column is None:
            m = len(self.ptr) - 1
            order = np.argsort(self.idx, kind="stable")
            counts = np.bincount(self.idx, minlength=self.n)
            cptr = np.zeros(len(counts) + 1, np.int64)
            np.cumsum(counts, out=cptr[1:])
            row_of = np.repeat(np.arange(m), np.diff(self.ptr))
            self._by_column = (order, cptr, row_of)
        order, cptr, row_of = self._by_column
        cols = np.asarray(cols, np.int64)
        starts, lengths = cptr[cols], cptr[cols + 1] - cptr[cols]
        local_col = np.repeat(np.arange(len(cols)), lengths)
        k = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        pos = order[k + np.repeat(starts, lengths)]
        return row_of[pos], local_col, pos

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


def _guide_highs() -> Any:
    """A HiGHS instance set up for guiding. Presolve is off: on game LPs it costs more than
    it saves (measured 0.15 s against 0.06 s on a 40x40 correlated-equilibrium LP), and the
    final basis then comes straight from the simplex."""
    h = _new_highs()
    h.setOptionValue("presolve", "off")
    return h


#: HiGHS gets costs below ``2^_COST_BITS``: its tolerances are absolute, and it is measured to
#: work best with costs of moderate size. Scaled into ``[1, 2)``, the costs of a 5x5x5 CE LP
#: (up to 200) took it 52 iterations instead of 2; left at 40 bits, one leximin LP of a
#: 4-player game ended on a basis that took 16 s of exact pivots to repair.
_COST_BITS = 11


def _cost_shift(comp: Compiled) -> int:
    """``s`` with the costs ``c / 2^s`` below ``2^_COST_BITS``: ``0`` for small costs, else
    the largest lands in ``[2^(_COST_BITS - 1), 2^_COST_BITS)``, so the refinement's costs
    stay in float range however long the objective's entries are."""
    return max(0, max(map(abs, comp.c), default=0).bit_length() - _COST_BITS)


def _model_args(comp: Compiled, cost: Any, b: Any, vals: Any) -> tuple:  # float-guide
    """The arguments of ``Highs.passModel`` for the engine's (max-sense) problem with these
    float costs (at position :data:`_COSTS`), right-hand sides and matrix entries (row-wise,
    in ``_sparse``'s order)."""
    sp = _sparse(comp)
    rel = sp.rel
    inf = np.inf  # float-guide
    return (
        comp.n, comp.m, len(vals), int(highspy.MatrixFormat.kRowwise), int(highspy.ObjSense.kMaximize),
        0.0, cost, np.where(sp.free, -inf, 0.0), np.full(comp.n, inf),  # float-guide
        np.where(rel == LE, -inf, b), np.where(rel == GE, inf, b),  # float-guide
        sp.ptr.astype(np.int32), sp.idx, vals, np.zeros(comp.n, dtype=np.int32),
    )


def _float_costs(comp: Compiled, shift: int) -> Any:  # float-guide
    """The costs ``c / 2^shift`` as floats (``shift`` from :func:`_cost_shift`)."""
    if shift == 0:
        return np.array(comp.c, dtype=np.float64)  # float-guide
    return np.array([c / (1 << shift) for c in comp.c], dtype=np.float64)  # float-guide


def _basic(hb: Any) -> tuple[Any, Any]:
    """Boolean masks of the basic columns and the basic rows of a ``HighsBasis``."""
    basic = int(highspy.HighsBasisStatus.kBasic)
    cols = np.array([s.value for s in hb.col_status], dtype=np.int64) == basic
    rows = np.array([s.value for s in hb.row_status], dtype=np.int64) == basic
    return cols, rows


def _float_model(comp: Compiled) -> tuple | None:  # float-guide
    """The arguments of ``Highs.passModel`` for the engine's (max-sense, integer) problem."""
    model = comp.data.cache.get("highs")
    if model is None:
        # The integer objective can be huge (a direction with 100-digit entries): HiGHS
        # reads costs above 1e20 as infinite. Scaling c by 2^-s changes no optimal basis and
        # scales the duals by 2^-s exactly; _solution undoes it (or, past 2^960, drops them).
        # Costs of moderate size stay as they are (see _COST_BITS).
        shift = comp.data.cache["highs_cost_shift"] = _cost_shift(comp)
        # everything but the costs depends on the rows only: built once for all the
        # problems that share them (a sequence of objectives over one polytope)
        shared = _shared(comp)
        rows_part = shared.get("highs_rows")
        if rows_part is None:
            sp = _sparse(comp)
            try:
                b = np.array(comp.b, dtype=np.float64)  # float-guide
            except OverflowError:  # float-guide
                b = None
            rows_part = () if b is None or sp.vals is None else _model_args(comp, None, b, sp.vals)
            shared["highs_rows"] = rows_part
        model = comp.data.cache["highs"] = rows_part and (
            rows_part[:_COSTS] + (_float_costs(comp, shift),) + rows_part[_COSTS + 1 :]
        )
    return model or None


#: The position of the costs among the arguments of ``Highs.passModel`` (see _model_args).
_COSTS = 6


#: Rows whose largest entry has more bits than this are scaled down for HiGHS, which refuses
#: matrix entries above 1e15 (about 2^50).
_ROW_BITS = 40


def _equilibrated_basis(comp: Compiled) -> Basis | None:  # float-guide
    """An optimal basis proposed by HiGHS for ``comp`` with every row ``i`` divided by
    ``2^k_i`` (largest entry then near ``2^_ROW_BITS``), or ``None`` (no basis, or the
    problem is not optimal in floating point).

    Scaling a row by a positive number changes neither the feasible set nor the optimal
    bases, only that row's dual (by the same factor): so only the basis is used, and exact
    arithmetic certifies it. Costs are scaled as in :func:`_float_model`."""
    if comp.m == 0 or comp.n == 0:
        return None
    sp = _sparse(comp)
    nums, ptr = sp.nums, sp.ptr.tolist()
    vals = np.empty(len(nums))  # float-guide
    b = np.empty(comp.m)  # float-guide
    for i in range(comp.m):
        lo, hi = ptr[i], ptr[i + 1]
        bits = max([abs(v).bit_length() for v in nums[lo:hi]] + [abs(comp.b[i]).bit_length()])
        k = max(0, bits - _ROW_BITS)
        for t in range(lo, hi):
            vals[t] = _ldexp(nums[t], -k)  # float-guide
        b[i] = _ldexp(comp.b[i], -k)  # float-guide
    h = _guide_highs()
    costs = _float_costs(comp, _cost_shift(comp))
    if h.passModel(*_model_args(comp, costs, b, vals)) != highspy.HighsStatus.kOk:
        return None
    h.run()
    hb = h.getBasis()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal or not hb.valid:
        return None
    cols, rows = (np.flatnonzero(mask) for mask in _basic(hb))
    if len(cols) + len(rows) != comp.m:
        return None
    return Basis(tuple(cols.tolist()), tuple(rows.tolist()))


class _Guide:  # float-guide
    """HiGHS's proposal for the engine's problem, and its iterative refinement.

    After :meth:`run`: ``optimal`` (HiGHS's verdict), ``basis`` (a :class:`Basis` or
    ``None``), ``basic_cols`` and ``nonbasic_rows`` (numpy index arrays), and the current
    approximations ``x ≈ X / 2^E`` and ``y ≈ 2^s Y / 2^F`` (integers, so residuals are
    exact), with ``zero_x``, ``zero_y``: magnitudes below which an entry counts as zero.
    ``s`` is the cost scaling of the float model (costs ``c / 2^s``): the guide works with
    the duals ``y / 2^s`` of that model, so objectives with hundreds of digits keep their
    duals and reduced costs in float range through every refinement round.

    **Refinement** (after Gleixner, Steffy and Wolter, *Iterative refinement for linear
    programming*, 2016). With exact residuals of the current ``(x, y)``, scale factors
    ``Δ_P = 2^p``, ``Δ_D = 2^q`` about the inverse of the largest primal and dual
    violations, HiGHS solves the correction problem ``max Δ_D (c - A^T y)^T x̂`` subject to
    ``Δ_P (L - A x) <= A x̂ <= Δ_P (U - A x)`` and ``Δ_P (l - x) <= x̂``, warm-started from
    the current basis. Its optimum gives ``x + x̂ / Δ_P`` and ``y + ŷ / Δ_D``; the
    magnified residuals make HiGHS move to a basis that is optimal at a finer scale.
    """

    __slots__ = (
        "comp", "highs", "optimal", "basis", "basic_cols", "nonbasic_rows",
        "X", "E", "Y", "F", "p", "q", "s", "zero_x", "zero_y", "extended", "status", "warm",
        "_floats",
    )

    def __init__(self, comp: Compiled) -> None:
        self.comp = comp
        self.highs = None
        self.optimal = False
        self.basis = None
        self.extended = None
        self.warm = False
        self.p = self.q = 0
        self._floats = None

    def run(self, warm: bool = True) -> bool:
        """Solve the problem in floating point; ``False`` if HiGHS cannot be used.

        Problems that share their rows (``LPData.with_objective``) share one HiGHS instance:
        a new objective only changes its costs, and HiGHS starts from the last basis
        (``warm=False`` asks for a fresh instance; ``self.warm`` says which it was)."""
        model = _float_model(self.comp)
        if model is None:
            return False
        shared = _shared(self.comp)
        h = shared.pop("highs", None) if warm else None
        self.warm = h is not None
        if h is not None:
            n = self.comp.n
            h.changeColsCost(n, np.arange(n, dtype=np.int32), model[_COSTS])
        else:
            h = _guide_highs()
            if h.passModel(*model) != highspy.HighsStatus.kOk:
                return False
        self.highs = h
        h.run()
        if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            # the plain model stays as it is unless refinement changes its bounds (which
            # takes it back out of the cache)
            shared["highs"] = h
        if not self._read():
            return False
        self.s = self.comp.data.cache.get("highs_cost_shift", 0)
        self.E = self.F = 0
        self.X = [0] * self.comp.n
        self.Y = [0] * self.comp.m
        self._add(*self._solution(), 0, 0)
        return True

    def _read(self) -> bool:
        """Status and basis of the last HiGHS run (of the plain or the refinement model)."""
        comp, h = self.comp, self.highs
        self.optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        self.basis = None
        hb = h.getBasis()
        extended = self.extended is not None
        if not hb.valid:
            return not self.optimal
        cols, rows = _basic(hb)
        if extended:
            # columns x then r = A x; the rows A x - r = 0 must all be nonbasic
            if rows.any():
                return not self.optimal
            cols, rows = cols[: comp.n], cols[comp.n :]
        if len(cols) != comp.n or len(rows) != comp.m:
            return not self.optimal
        self.basic_cols = np.flatnonzero(cols)
        self.nonbasic_rows = np.flatnonzero(~rows)
        if len(self.basic_cols) != len(self.nonbasic_rows):
            return not self.optimal
        self.basis = Basis(tuple(self.basic_cols.tolist()), tuple(np.flatnonzero(rows).tolist()))
        self.status = hb  # its statuses are read again only if refinement extends the model
        return True

    def _solution(self) -> tuple[Any, Any]:  # float-guide
        sol = self.highs.getSolution()
        # HiGHS's row duals of a maximisation are shadow prices, the engine's convention;
        # they are duals of the cost-scaled model, which is how the guide keeps them
        if self.extended is None:
            return sol.col_value, sol.row_dual
        return sol.col_value[: self.comp.n], sol.row_dual

    def _add(self, xs: Any, ys: Any, p: int, q: int) -> None:  # float-guide
        """``x += x̂ / 2^p`` and ``y += ŷ / 2^q`` on the grids ``2^-(p + 64)`` and
        ``2^-(q + 64)``: each float times ``2^64`` is exact, and rounding it to an integer
        gives the grid point."""
        E, F = p + 64, q + 64
        out = []
        for vec, values, shift in ((self.X, xs, E - self.E), (self.Y, ys, F - self.F)):
            a = np.asarray(values, dtype=np.float64)  # float-guide
            if a.size:
                # entries far below the largest are HiGHS's rounding noise: leave them at
                # zero (x and y are ours to choose; only their residuals must be exact)
                magnitude = np.abs(a)  # float-guide
                a = np.where(magnitude > 1e-14 * magnitude.max(), a, 0.0)  # float-guide
            steps = np.rint(np.ldexp(a, 64)).tolist()  # float-guide: exact (a power of two)
            if any(vec):
                out.append([(v << shift) + int(t) for v, t in zip(vec, steps)])  # float-guide
            else:
                out.append([int(t) for t in steps])  # float-guide
        self.X, self.Y = out
        self.E, self.F = E, F
        self._floats = None
        # entries below the correction problem's accuracy (HiGHS's 1e-7, scaled) are zero
        self.zero_x = 1e-9 / 2.0**p  # float-guide
        self.zero_y = 1e-9 / 2.0**q  # float-guide
        self.p, self.q = p, q

    def sign_trouble(self) -> str | None:  # float-guide
        """``"primal"``, ``"dual"`` or ``"both"`` if the current values put a basic
        non-negative variable below zero or give a row dual the wrong sign; else ``None``.

        HiGHS's own values count if they are negative at all: a basic value of ``-2e-10``
        (a 40x40 CE LP) was negative in exact arithmetic too. After a refinement round,
        values that :func:`_support_step` counts as zero (below ``zero_x``, ``zero_y``
        relative to the largest) are the correction's noise and do not count: on that LP,
        counting them cost a second, dual refinement round on an extended model (50 ms)
        where the support step certified at once."""
        sp = _sparse(self.comp)
        refined = self.p > 0 or self.q > 0
        x = self.x_float()[self.basic_cols]  # float-guide
        below = -_noise(x, self.zero_x) if refined else 0.0  # float-guide
        primal = bool(np.any((x < below) & ~sp.free[self.basic_cols]))
        rel = sp.rel[self.nonbasic_rows]
        y = self.y_float()[self.nonbasic_rows]  # float-guide
        off = _noise(y, self.zero_y) if refined else 0.0  # float-guide
        dual = bool(np.any(((rel == LE) & (y < -off)) | ((rel == GE) & (y > off))))
        return ("both" if dual else "primal") if primal else ("dual" if dual else None)

    def x_float(self) -> Any:  # float-guide
        """The current ``x`` in floating point."""
        return self._float_values()[0]

    def y_float(self) -> Any:  # float-guide
        """The current ``y`` (of the cost-scaled model) in floating point."""
        return self._float_values()[1]

    def _float_values(self) -> tuple[Any, Any]:  # float-guide
        if self._floats is None:
            self._floats = (_ldexp_all(self.X, -self.E), _ldexp_all(self.Y, -self.F))
        return self._floats

    def _extend(self) -> bool:
        """Switch to the refinement model: columns ``x`` and ``r``, rows ``A x - r = 0``
        (bounds ``[0, 0]``), so that ``r`` can carry costs; warm-start it from the current
        basis (statuses of ``x`` and of the rows carry over, the new rows are nonbasic)."""
        comp, sp = self.comp, _sparse(self.comp)
        n, m = comp.n, comp.m
        lengths = np.diff(sp.ptr)
        ptr = sp.ptr + np.arange(m + 1)
        nnz = int(ptr[-1])
        idx = np.empty(nnz, np.int32)
        vals = np.empty(nnz)  # float-guide
        old = np.arange(len(sp.idx)) + np.repeat(np.arange(m), lengths)
        idx[old], vals[old] = sp.idx, sp.vals
        idx[ptr[1:] - 1], vals[ptr[1:] - 1] = n + np.arange(m), -1.0  # float-guide
        zeros = np.zeros(m)  # float-guide
        h = _guide_highs()
        status = h.passModel(
            n + m, m, nnz, int(highspy.MatrixFormat.kRowwise), int(highspy.ObjSense.kMaximize),
            0.0, np.zeros(n + m), np.zeros(n + m), np.zeros(n + m), zeros, zeros,  # float-guide
            ptr.astype(np.int32), idx, vals, np.zeros(n + m, dtype=np.int32),
        )
        if status != highspy.HighsStatus.kOk:
            return False
        col_status, row_status = self.status.col_status, self.status.row_status
        hb = highspy.HighsBasis()
        hb.col_status = list(col_status) + list(row_status)
        hb.row_status = [highspy.HighsBasisStatus.kLower] * m
        hb.valid = True
        h.setBasis(hb)
        self.highs, self.extended = h, True
        return True

    def refine(self, primal_only: bool = False) -> bool:
        """One round of iterative refinement; ``False`` if HiGHS fails on it.

        ``primal_only`` corrects ``x`` alone: the correction problem then has the plain
        model's costs, so only bounds change and HiGHS keeps its model and basis (its dual
        is the new ``y`` itself rather than a correction)."""
        comp, h = self.comp, self.highs
        X, Y, E, F = self.X, self.Y, self.E, self.F
        support = [j for j in range(comp.n) if X[j]]
        act = _activities(comp, support, [X[j] for j in support])
        # exact residuals, scaled by 2^E (primal) and 2^F (dual)
        row_gap = [(b << E) - a for b, a in zip(comp.b, act)]  # b - A x
        viol_p = max(
            [-X[j] for j in range(comp.n) if not comp.free[j]]
            + [(-g if r == LE else g if r == GE else abs(g)) for g, r in zip(row_gap, comp.rel)]
            + [0]
        )
        # Δ = 2^p with p about log2(1 / violation), at most 2^32 finer than the last round
        p = min(self.p + 32, max(self.p, E - viol_p.bit_length())) if viol_p > 0 else self.p + 32
        inf = np.inf  # float-guide
        gap = _ldexp_all(row_gap, p - E)  # float-guide
        rel = _sparse(comp).rel
        row_lo = np.where(rel == LE, -inf, gap)  # float-guide
        row_up = np.where(rel == GE, inf, gap)  # float-guide
        col_lo = np.where(_sparse(comp).free, -inf, -_ldexp_all(X, p - E))  # float-guide
        if primal_only and self.extended is None:
            shared = _shared(comp)
            if shared.get("highs") is h:
                del shared["highs"]
            h.changeRowsBounds(comp.m, np.arange(comp.m, dtype=np.int32), row_lo, row_up)
            h.changeColsBounds(
                comp.n, np.arange(comp.n, dtype=np.int32), col_lo, np.full(comp.n, inf)  # float-guide
            )
            h.run()
            if not self._read() or not self.optimal:
                return False
            xs, ys = self._solution()
            self.Y, self.F, self.q = [0] * comp.m, 0, 0
            self._add(xs, ys, p, 0)
            return True
        dual_rows = [i for i in range(comp.m) if Y[i]]
        aty = _column_sums(comp, dual_rows, [Y[i] for i in dual_rows])
        # c / 2^s - A^T y' for the scaled duals y' = Y / 2^F, times 2^(F + s)
        s = self.s
        red = [(c << F) - (a << s) for c, a in zip(comp.c, aty)]
        viol_d = max(
            [(r if not f else abs(r)) for r, f in zip(red, comp.free)]
            + [(-Yi if r == LE else Yi if r == GE else 0) << s for Yi, r in zip(Y, comp.rel)]
            + [0]
        )
        # Δ = 2^q with q about log2(1 / violation), at most 2^32 finer than the last round
        q = min(self.q + 32, max(self.q, F + s - viol_d.bit_length())) if viol_d > 0 else self.q + 32
        # costs: the reduced costs at y', c / 2^s - A^T y' on x and y' on r (the column -e_i
        # of r_i), magnified by 2^q
        cost = np.concatenate([_ldexp_all(red, q - F - s), _ldexp_all(Y, q - F)])  # float-guide
        if self.extended is None:
            if not self._extend():
                return False
            h = self.highs
        n, m = comp.n, comp.m
        all_cols = np.arange(n + m, dtype=np.int32)
        h.changeColsBounds(
            n + m, all_cols, np.concatenate([col_lo, row_lo]),  # float-guide
            np.concatenate([np.full(n, inf), row_up]),  # float-guide
        )
        h.changeColsCost(n + m, all_cols, cost)
        h.run()
        if not self._read() or not self.optimal:
            return False
        self._add(*self._solution(), p, q)
        return True


def _ldexp_all(values: list[int], e: int) -> Any:  # float-guide
    """:func:`_ldexp` of every entry, as a numpy array (one rounding per entry)."""
    try:
        return np.ldexp(np.array(values, dtype=np.float64), e)  # float-guide
    except OverflowError:  # float-guide: an entry beyond the float range before scaling
        return np.array([_ldexp(v, e) for v in values])  # float-guide


def _ldexp(v: int, e: int) -> float:  # float-guide
    """``v * 2^e`` rounded to a float, for integers of any size (``inf`` past the range)."""
    extra = v.bit_length() - 64
    if extra > 0:
        v, e = v >> extra if v > 0 else -((-v) >> extra), e + extra
    try:
        return math.ldexp(v, e)  # float-guide
    except OverflowError:
        return math.copysign(math.inf, v)  # float-guide


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


def _pick(comp: Compiled, rows: Any, cols: Any, transpose: bool) -> Any:  # float-guide
    """A nonsingular square block of ``Â[rows, cols]``: ``len(cols)`` of the ``rows`` (or,
    if ``transpose``, ``len(rows)`` of the ``cols``); ``None`` if the block is (or, in
    floating point, looks) rank-deficient.

    Up to :data:`_EXACT_PICK` lines to choose, the pivots of an exact reduced row echelon
    form choose them (measured 0.15 ms against 0.5 ms for 11 of 12 rows). Larger blocks are
    chosen by Gaussian elimination with partial pivoting in floating point; that is only a
    choice, and the exact solve that follows decides."""
    sp = _sparse(comp)
    lr, lc, pos = sp.entries(rows, _positions(np.full(comp.n, -1, np.int64), cols))
    candidates = cols if transpose else rows
    k = len(rows) if transpose else len(cols)
    if k == 0:
        return candidates[:0]
    if k <= _EXACT_PICK and sp.small is not None:
        # independent lines of the block = pivot columns of the echelon form of its
        # transpose (rows wanted) or of itself (columns wanted)
        if transpose:
            block = sp.block(lr, lc, pos, (len(rows), len(cols)))
        else:
            block = sp.block(lc, lr, pos, (len(cols), len(rows)))
        echelon, _, rank = block.rref()
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


# ------------------------------------------------------------------------------------------
# the exact side
def _square_solve(comp: Compiled, rows: Any, cols: Any, rhs: list[int], transpose: bool):
    """Solve ``Â[rows, cols] z = rhs`` (or the transpose) exactly: ``(Z, den)`` integers with
    ``z = Z / den``, ``den > 0``; ``None`` if the block is singular."""
    k = len(rows)
    if k == 0:
        return [], 1
    sp = _sparse(comp)
    lr, lc, pos = sp.entries(rows, _positions(np.full(comp.n, -1, np.int64), cols))
    if transpose:
        lr, lc = lc, lr
    matrix = sp.block(lr, lc, pos, (k, k))
    if matrix is None:
        flat = [0] * (k * k)
        nums = sp.nums
        for r, c, q in zip(lr.tolist(), lc.tolist(), pos.tolist()):
            flat[r * k + c] = nums[q]
        matrix = flint.fmpz_mat(k, k, flat)
    try:
        sol = matrix.solve(flint.fmpz_mat(k, 1, rhs))
    except ZeroDivisionError:
        return None
    num, den = sol.numer_denom()
    Z, den = [int(v) for v in num.entries()], int(den)
    if den < 0:
        Z, den = [-v for v in Z], -den
    return Z, den


#: How many primal solutions :func:`_primal_solve` keeps for the problems sharing one set
#: of rows.
_PRIMAL_CACHE = 256


def _primal_solve(comp: Compiled, R: Any, P: Any):
    """:func:`_square_solve` of ``Â[R, P] x = b̂_R``, remembered for the problems that share
    ``comp``'s rows: the system does not depend on the objective, and a sequence of
    objectives over one polytope ends on the same vertex again and again (on a 20x20 CE
    payoff polygon, half of the primal systems had been solved before). The most recent
    :data:`_PRIMAL_CACHE` solutions are kept."""
    cache = _shared(comp).setdefault("primal", {})
    key = (np.asarray(R, np.int64).tobytes(), np.asarray(P, np.int64).tobytes())
    if key in cache:
        return cache[key]
    solution = cache[key] = _square_solve(comp, R, P, [comp.b[int(i)] for i in R], transpose=False)
    if len(cache) > _PRIMAL_CACHE:
        del cache[next(iter(cache))]
    return solution


def _certify(
    comp: Compiled, P: Any, R: Any, D: Any, C: Any, basis: Basis | None, method: str
) -> LPResult | str:
    """Solve for ``x`` on columns ``P`` (rows ``R``) and ``y`` on rows ``D`` (columns ``C``),
    everything else zero; return the proved result, or why not: ``"singular"``,
    ``"primal"`` (only ``x`` fails its checks), ``"dual"`` or ``"both"``."""
    if len(P) != len(R) or len(D) != len(C):
        return "singular"
    Pl, Dl = [int(j) for j in P], [int(i) for i in D]
    primal = _primal_solve(comp, R, P)
    dual = _square_solve(comp, D, C, [comp.c[int(j)] for j in C], transpose=True)
    if primal is None or dual is None:
        return "singular"
    (X, dx), (Y, dy) = primal, dual
    free = comp.free
    bad_rows, bad_cols = _violations(comp, Pl, X, dx, Dl, Y, dy)
    # the solves ignore the bounds: x >= 0 off free columns, y's shadow-price signs
    primal_ok = not bad_rows and all(Xj >= 0 or free[j] for j, Xj in zip(Pl, X))
    dual_ok = not bad_cols and not any(
        (comp.rel[i] == LE and Yi < 0) or (comp.rel[i] == GE and Yi > 0) for i, Yi in zip(Dl, Y)
    )
    if primal_ok and dual_ok:
        res = _optimal(comp, Pl, X, dx, Dl, Y, dy, basis, method)
        return res if res is not None else "both"
    return "dual" if primal_ok else "primal" if dual_ok else "both"


# Above this fraction of nonzeros a block is multiplied as a dense flint matrix (about
# 0.25 µs per entry to build) rather than entry by entry in Python (about 1 µs per nonzero).
_DENSE = 0.25


def _activities(comp: Compiled, cols: list[int], X: list[int]) -> list[int]:
    """``sum_j â_ij X_j`` for every row ``i``, with ``X`` given on ``cols`` (zero elsewhere)."""
    act = [0] * comp.m
    if len(cols):
        sp = _sparse(comp)
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
    if rows:
        sp = _sparse(comp)
        if sp.small is not None:
            lr, lc, pos = sp.entries(rows, np.arange(comp.n))
            fast = _int64_sums(sp, lc, comp.n, pos, lr, Y, len(rows))
            if fast is not None:
                return fast
            if len(pos) > _DENSE * comp.n * len(rows):
                block = sp.block(lr, lc, pos, (len(rows), comp.n))
                return [int(v) for v in (flint.fmpz_mat(1, len(rows), Y) * block).entries()]
        nums, idx = sp.nums, sp.idx
        starts = sp.ptr[rows].tolist()
        ends = sp.ptr[np.asarray(rows) + 1].tolist()
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
        out = np.zeros(size, np.int64)
        np.add.at(out, target, coef * np.array(V, np.int64)[source])
        return out.tolist()
    sign = np.array([-1 if v < 0 else 1 for v in V], np.int64)
    magnitudes = [abs(v) for v in V]
    mask, total = (1 << width) - 1, [0] * size
    for limb in range(limbs):
        shift = limb * width
        part = np.array([(a >> shift) & mask for a in magnitudes], np.int64) * sign
        out = np.zeros(size, np.int64)
        np.add.at(out, target, coef * part[source])
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
    bad_rows = _violated_rows(comp, _activities(comp, Pl, X), dx)
    aty, c, free = _column_sums(comp, Dl, Y), comp.c, comp.free
    bad_cols = [
        j for j in range(comp.n) if aty[j] < c[j] * dy or (free[j] and aty[j] != c[j] * dy)
    ]
    return bad_rows, bad_cols


def _optimal(
    comp: Compiled,
    Pl: list[int],
    X: list[int],
    dx: int,
    Dl: list[int],
    Y: list[int],
    dy: int,
    basis: Basis | None,
    method: str,
) -> LPResult | None:
    """The optimal result for a primal-feasible ``x`` and dual-feasible ``y`` (checked by the
    caller), provided the objectives agree: ``(sum c_j X_j) dy = (sum b_i Y_i) dx``."""
    cx = sum(comp.c[j] * Xj for j, Xj in zip(Pl, X))
    by = sum(comp.b[i] * Yi for i, Yi in zip(Dl, Y))
    if cx * dy != by * dx:
        return None
    x = [Fraction(0)] * comp.n
    for j, Xj in zip(Pl, X):
        x[j] = Fraction(Xj, dx)
    # the user's duals y_i = sign * ŷ_i * den_i / obj_den (see Compiled.dual_to_user)
    y = [Fraction(0)] * comp.m
    row_den, scale = comp.data.row_den, comp.sign * dy * comp.data.obj_den
    for i, Yi in zip(Dl, Y):
        y[i] = Fraction(Yi * row_den[i], scale)
    x_t, y_t = tuple(x), tuple(y)
    cert = OptimalityCertificate(x_t, y_t)
    value = comp.value_to_user(Fraction(cx, dx))
    return LPResult("optimal", value, x_t, y_t, basis, cert, method, comp.data)


# ------------------------------------------------------------------------------------------
# step 3: exact simplex on a growing restriction of the problem
def _restriction(comp: Compiled, rows: list[int], cols: list[int]) -> LPData:
    """The engine's (integer, max-sense) problem on ``rows`` and ``cols`` only: the other
    columns are fixed at zero and the other rows dropped."""
    local = {j: t for t, j in enumerate(cols)}
    row_cols, row_nums = [], []
    for i in rows:
        rc, rn = [], []
        for j, p in zip(*comp.rows[i]):
            t = local.get(j)
            if t is not None:
                rc.append(t)
                rn.append(p)
        row_cols.append(tuple(rc))
        row_nums.append(tuple(rn))
    obj = [(t, comp.c[j]) for t, j in enumerate(cols) if comp.c[j]]
    names = ("<=", ">=", "=")
    return LPData(
        sense="max",
        variable_names=(None,) * len(cols),
        free=tuple(comp.free[j] for j in cols),
        row_names=(None,) * len(rows),
        relations=tuple(names[comp.rel[i]] for i in rows),
        row_cols=tuple(row_cols),
        row_nums=tuple(row_nums),
        row_den=(1,) * len(rows),
        rhs=tuple(comp.b[i] for i in rows),
        obj_cols=tuple(t for t, _ in obj),
        obj_nums=tuple(p for _, p in obj),
        obj_den=1,
    )


def _over(values: Any) -> tuple[list[int], int]:
    """Fractions as integers over one positive common denominator."""
    den = math.lcm(*[v.denominator for v in values]) if values else 1
    return [v.numerator * (den // v.denominator) for v in values], den


def _sift(
    comp: Compiled, rows: Any, cols: Any, basic_cols: Any, basic_rows: Any, method: str
) -> LPResult:
    """Solve restrictions of the problem exactly, adding what they violate, until the
    restricted answer is proved for the whole problem.

    Start from rows ``rows`` and columns ``cols`` and the basis (``basic_cols``, and the
    rows ``basic_rows`` whose slacks are basic). For a restriction to rows ``S`` and columns
    ``T``: an optimal ``(x, y)`` extended by zeros is optimal for the whole problem when
    ``x`` satisfies the omitted rows and ``y`` the omitted dual constraints (the objectives
    agree already); an unbounded point and ray work when they respect the omitted rows; a
    Farkas vector works when it respects the omitted columns. Otherwise the violated rows
    or columns join, and the exact simplex restarts from the previous basis (new rows with
    basic slacks, repaired by Phase 1 if violated). Each round adds a row or a column, so
    at worst the restriction grows into the whole problem.
    """
    S, T = sorted(set(int(i) for i in rows)), sorted(set(int(j) for j in cols))
    basic_cols = [int(j) for j in basic_cols]
    basic_rows = [int(i) for i in basic_rows]
    while True:
        pos_S = {i: t for t, i in enumerate(S)}
        pos_T = {j: t for t, j in enumerate(T)}
        start = Basis(
            tuple(pos_T[j] for j in basic_cols if j in pos_T),
            tuple(pos_S[i] for i in basic_rows if i in pos_S),
        )
        res = simplex(_restriction(comp, S, T), start=start, method=method)
        bad_rows: list[int] = []
        bad_cols: list[int] = []
        if res.status == "optimal":
            X, dx = _over(res.x)
            Y, dy = _over(res.y)
            bad_rows, bad_cols = _violations(comp, T, X, dx, S, Y, dy)
            if not bad_rows and not bad_cols:
                # the restricted basis plus the slacks of every omitted row is a basis of
                # the whole problem, primal and dual feasible by the checks just made
                omitted = [i for i in range(comp.m) if i not in pos_S]
                full = Basis(
                    tuple(sorted(T[v] for v in res.basis.variables)),
                    tuple(sorted([S[r] for r in res.basis.rows] + omitted)),
                )
                out = _optimal(comp, T, X, dx, S, Y, dy, full, method)
                if out is None:  # pragma: no cover - a restricted optimum has c.x = b.y
                    raise SolverError("a restricted optimum has a duality gap")
                return out
        elif res.status == "unbounded":
            P0, dp = _over(res.certificate.point)
            R0, _ = _over(res.certificate.ray)
            bad_rows = sorted(
                set(_violated_rows(comp, _activities(comp, T, P0), dp))
                | set(_violated_rows(comp, _activities(comp, T, R0), 0))
            )
            if not bad_rows:
                return _unbounded(comp, T, res.certificate.point, res.certificate.ray, method)
        else:
            Y, _ = _over(res.certificate.y)
            aty = _column_sums(comp, S, Y)
            bad_cols = [j for j in range(comp.n) if aty[j] < 0 or (comp.free[j] and aty[j] != 0)]
            if not bad_cols:
                return _infeasible(comp, S, res.certificate.y, method)
        new_rows = [i for i in bad_rows if i not in pos_S]
        new_cols = [j for j in bad_cols if j not in pos_T]
        if not new_rows and not new_cols:  # pragma: no cover - a restriction keeps its rows
            raise SolverError("a restricted answer violates its own constraints")
        if res.basis is not None:
            basic_cols = [T[v] for v in res.basis.variables]
            basic_rows = [S[r] for r in res.basis.rows] + new_rows
        else:
            basic_cols, basic_rows = [], []
        S = sorted(S + new_rows)
        T = sorted(T + new_cols)


def _scatter(n: int, positions: list[int], values: Any) -> tuple[Fraction, ...]:
    out = [Fraction(0)] * n
    for k, v in zip(positions, values):
        out[k] = v
    return tuple(out)


def _unbounded(comp: Compiled, T: list[int], point: Any, ray: Any, method: str) -> LPResult:
    """Point and ray of a restriction, extended by zeros (variable values need no rescaling;
    the engine's objective is a positive multiple of the user's, sense included)."""
    x = _scatter(comp.n, T, point)
    cert = UnboundednessCertificate(x, _scatter(comp.n, T, ray))
    return LPResult("unbounded", None, x, None, None, cert, method, comp.data)


def _infeasible(comp: Compiled, S: list[int], y: Any, method: str) -> LPResult:
    """A Farkas vector of a restriction, extended by zeros, in the user's row scaling."""
    cert = InfeasibilityCertificate(_normalise(comp.farkas_to_user(_scatter(comp.m, S, y))))
    return LPResult("infeasible", None, None, None, None, cert, method, comp.data)
