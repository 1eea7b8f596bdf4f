"""The HiGHS model of a compiled problem: the float guide's solver set up, the model's
arguments (costs scaled by a power of two, cached for problems sharing their rows) and a
basis from a row-equilibrated model for data HiGHS refuses as it is.
"""

from __future__ import annotations

import math
import os
import sys
from typing import Any

import numpy as np  # float-guide

from .certificate import Basis
from .simplex import GE, LE, Compiled
from .sparse import _shared, _sparse

try:  # float-guide
    import highspy  # float-guide
except ImportError:  # pragma: no cover - exercised only without highspy
    highspy = None

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


#: The simplex iterations a warm-started HiGHS run may take before the interior-point method
#: (with crossover, so a basis still comes out) takes over: ``max(_SIMPLEX_FLOOR, (m + n) //
#: _SIMPLEX_SHARE)``. Measured on the correlated-equilibrium LPs of random games with a new
#: payoff direction each: on 40x40 (4,721 rows and columns) dual simplex took 11,600-16,900
#: iterations (35-62 s) where the interior-point method took 2.4-3.3 s; on 20x20 the simplex
#: method alone refined a payoff polygon in 11.3 s, and a limit of 400, 800 and 1,500
#: iterations (56, 33 and 6 interior-point runs in 85 LPs) took 12.4-13.2, 13.2 and 12.1 s.
_SIMPLEX_FLOOR = 1500
_SIMPLEX_SHARE = 4


def _simplex_limit(m: int, n: int, far: bool = False) -> int:
    """The simplex iteration limit of :func:`_run` for ``m`` rows and ``n`` columns; an
    eighth of it for a query *far* from every basis met so far (``far``, see
    :class:`exactbargain.lp.refine._Bases`). On a random 40x40 CE polytope the floors
    (``min u_i``, asked after the welfare and best-payoff directions) took the warm simplex
    method its whole 1,500 iterations (0.4-4.7 s) before the interior-point method answered
    them in about 1 s each."""
    limit = max(_SIMPLEX_FLOOR, (m + n) // _SIMPLEX_SHARE)
    return limit // _FAR_SHARE if far else limit


#: A far query's share of the simplex iteration limit: ``1 / _FAR_SHARE``.
_FAR_SHARE = 8


def _run(h: Any, model: tuple, m: int, n: int, far: bool = False) -> None:
    """Run HiGHS on its model (``model``: its ``passModel`` arguments): the simplex method
    (from the instance's basis, if any) up to :func:`_simplex_limit` iterations; if it has
    not finished, the interior-point method with crossover on a fresh instance, whose
    basis ``h`` then takes over and re-solves from (a few or no pivots). Both routes end on
    a basis in ``h`` (the next run's warm start); the limit is a count of iterations, so the
    route taken, and the basis, are the same on every machine. (Switching ``h`` itself to
    the interior-point method was measured to leave it unstable: a later warm run ended in
    a solve error after 115 s.)"""
    h.setOptionValue("simplex_iteration_limit", _simplex_limit(m, n, far))
    try:
        h.run()
    finally:
        h.setOptionValue("simplex_iteration_limit", _NO_LIMIT)
    if h.getModelStatus() != highspy.HighsModelStatus.kIterationLimit:
        return
    ipm = _guide_highs()
    ipm.setOptionValue("solver", "ipm")
    if ipm.passModel(*model) != highspy.HighsStatus.kOk:
        h.run()
        return
    ipm.run()
    basis = ipm.getBasis()
    if ipm.getModelStatus() == highspy.HighsModelStatus.kOptimal and basis.valid:
        h.setBasis(basis)
    h.run()


#: HiGHS's own default simplex iteration limit (none, in effect).
_NO_LIMIT = 2**31 - 1


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
        sp.ptr.astype(np.int32), sp.idx, vals, np.zeros(comp.n, dtype=np.int32),  # float-guide
    )


def _float_costs(comp: Compiled, shift: int) -> Any:  # float-guide
    """The costs ``c / 2^shift`` as floats (``shift`` from :func:`_cost_shift`)."""
    if shift == 0:
        return np.array(comp.c, dtype=np.float64)  # float-guide
    try:
        # the same floats as c / 2^shift one by one (15 against 5 µs for 64 costs of 300
        # bits): float(c) is correctly rounded, and scaling by 2^-shift is exact, as  # float-guide
        # no cost lands below the normal range (|c| >= 1, shift < 1013 when the largest converts)
        return np.ldexp(np.array(comp.c, dtype=np.float64), -shift)  # float-guide
    except OverflowError:  # float-guide: a cost beyond the float range before scaling
        return np.array([c / (1 << shift) for c in comp.c], dtype=np.float64)  # float-guide


def _basic(hb: Any) -> tuple[Any, Any]:
    """Boolean masks of the basic columns and the basic rows of a ``HighsBasis``."""
    # one comparison per status in C (map), no attribute read per status
    basic = highspy.HighsBasisStatus.kBasic.__eq__
    col_status, row_status = hb.col_status, hb.row_status
    cols = np.fromiter(map(basic, col_status), bool, len(col_status))  # float-guide (index masks)
    rows = np.fromiter(map(basic, row_status), bool, len(row_status))  # float-guide (index masks)
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
    cols, rows = (np.flatnonzero(mask) for mask in _basic(hb))  # float-guide
    if len(cols) + len(rows) != comp.m:
        return None
    return Basis(tuple(cols.tolist()), tuple(rows.tolist()))


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

