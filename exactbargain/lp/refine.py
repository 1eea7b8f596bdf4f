"""HiGHS's proposal for a compiled problem and its iterative refinement (:class:`_Guide`).

The current approximations are kept as integers over powers of two, so their residuals are
exact (:mod:`exactbargain.lp.residuals`); only the correction problems are solved in
floating point.
"""

from __future__ import annotations

from typing import Any

import numpy as np  # float-guide

from .certificate import Basis
from .highs import _COSTS, _basic, _run, _float_model, _guide_highs, _ldexp_all, highspy
from .residuals import _activities, _column_sums
from .simplex import LE, GE, Compiled
from .sparse import _shared, _sparse
from .support import _noise

class _Bases:  # float-guide
    """The optimal bases met so far over one set of rows, with their cost directions: a new
    objective starts from the basis of the nearest earlier one (largest cosine between the
    float cost vectors) instead of the last one.

    The queries of a payoff set refined where its gap is largest jump between directions;
    replayed on a random 20x20 CE polygon refined to 1/1000 of its diameter (85 LPs),
    HiGHS from the last basis took 64,500 simplex iterations, from a cold start 38,100, and
    from the nearest basis 27,300. Queries along neighbouring directions (a polygon walked
    edge by edge) keep the last basis, which is then the nearest. The choice depends only
    on the queries asked before, so the route is the same on every machine. At most
    :data:`_BASES_KEPT` bases are kept (the most recent), their directions in one array
    that each query multiplies once."""

    __slots__ = ("units", "bases", "last", "_next", "_asked")

    def __init__(self) -> None:
        self.units: Any = None  # one unit cost per row, a ring of _BASES_KEPT rows once full
        self.bases: list[Any] = []
        self.last: Any = None  # the unit cost of the basis the shared instance holds
        self._next = 0  # the ring's next slot
        self._asked: tuple[Any, Any] = (None, None)  # the last costs start() saw, and their unit

    @staticmethod
    def _unit(costs: Any) -> Any:  # float-guide
        norm = float(np.linalg.norm(costs))  # float-guide
        return None if norm == 0.0 or not np.isfinite(norm) else np.asarray(costs) / norm  # float-guide

    def start(self, h: Any, costs: Any, warm: bool) -> tuple[bool, bool]:  # float-guide
        """Give ``h`` the stored basis nearest to ``costs`` if it is nearer than the basis
        ``h`` holds (``warm``: ``h`` holds the last one; else ``h`` is fresh). Returns whether
        a stored basis was set, and whether the query is *far*: every stored direction more
        than 60 degrees away (cosine below :data:`_NEAR`), so no basis met so far is likely
        close to its optimum (:func:`exactbargain.lp.highs._simplex_limit`)."""
        unit = self._unit(costs)
        self._asked = (costs, unit)  # add() of the same costs reuses the unit
        if unit is None or not self.bases:
            return False, False
        cosines = self.units[: len(self.bases)] @ unit  # float-guide
        k = int(np.argmax(cosines))  # float-guide
        far = bool(cosines[k] < _NEAR)  # float-guide
        if warm and self.last is not None and cosines[k] <= float(self.last @ unit):  # float-guide
            return False, far
        return h.setBasis(self.bases[k]) == highspy.HighsStatus.kOk, far

    def add(self, costs: Any, basis: Any) -> None:  # float-guide
        """Remember ``basis`` as optimal for ``costs`` (the shared instance now holds it)."""
        asked, unit = self._asked
        if asked is not costs:
            unit = self._unit(costs)
        self.last = unit
        if unit is None or not basis.valid:
            return
        if self.units is None:
            self.units = np.empty((_BASES_KEPT, len(unit)))  # float-guide
        k = self._next
        self.units[k] = unit
        if k == len(self.bases):
            self.bases.append(basis)
        else:
            self.bases[k] = basis  # the oldest goes
        self._next = (k + 1) % _BASES_KEPT


#: A stored direction with a cosine below this to a query's is not near it (60 degrees).
_NEAR = 0.5

#: How many optimal bases :class:`_Bases` keeps per set of rows.
_BASES_KEPT = 512


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
        "E", "F", "p", "q", "s", "zero_x", "zero_y", "extended", "status", "warm",
        "_floats", "_grid", "_ints",
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
        self._grid = [None, None]  # X and Y as float arrays of grid points, until read
        self._ints: list = [None, None]  # X and Y as integers, once made

    @property
    def X(self) -> list[int]:
        """The integers ``X`` of the current ``x ≈ X / 2^E`` (made from the grid points of the
        last HiGHS solution when first read: a certificate found at once never needs them)."""
        return self._integers(0)

    @X.setter
    def X(self, value: list[int]) -> None:
        self._ints[0], self._grid[0] = value, None

    @property
    def Y(self) -> list[int]:
        """The integers ``Y`` of the current ``y ≈ 2^s Y / 2^F`` (see :attr:`X`)."""
        return self._integers(1)

    @Y.setter
    def Y(self, value: list[int]) -> None:
        self._ints[1], self._grid[1] = value, None

    def _integers(self, k: int) -> list[int]:
        if self._grid[k] is not None:  # grid points held as floats: exact integers
            self._ints[k], self._grid[k] = [int(t) for t in self._grid[k].tolist()], None  # float-guide
        return self._ints[k]

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
        bases = shared.setdefault("highs_bases", _Bases()) if warm else None
        self.warm = h is not None
        if h is not None:
            n = self.comp.n
            h.changeColsCost(n, np.arange(n, dtype=np.int32), model[_COSTS])  # float-guide
        else:
            h = _guide_highs()
            if h.passModel(*model) != highspy.HighsStatus.kOk:
                return False
        far = False
        if bases is not None:
            set_, far = bases.start(h, model[_COSTS], self.warm)
            self.warm = set_ or self.warm
        self.highs = h
        _run(h, model, self.comp.m, self.comp.n, far=far)
        if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            # the plain model stays as it is unless refinement changes its bounds (which
            # takes it back out of the cache)
            shared["highs"] = h
            if bases is not None:
                bases.add(model[_COSTS], h.getBasis())
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
        self.basic_cols = np.flatnonzero(cols)  # float-guide
        self.nonbasic_rows = np.flatnonzero(~rows)  # float-guide
        if len(self.basic_cols) != len(self.nonbasic_rows):
            return not self.optimal
        self.basis = Basis(tuple(self.basic_cols.tolist()), tuple(np.flatnonzero(rows).tolist()))  # float-guide
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
        for k, values, shift in ((0, xs, E - self.E), (1, ys, F - self.F)):
            a = np.asarray(values, dtype=np.float64)  # float-guide
            if a.size:
                # entries far below the largest are HiGHS's rounding noise: leave them at
                # zero (x and y are ours to choose; only their residuals must be exact)
                magnitude = np.abs(a)  # float-guide
                a = np.where(magnitude > 1e-14 * magnitude.max(), a, 0.0)  # float-guide
            steps = np.rint(np.ldexp(a, 64))  # float-guide: exact (a power of two)
            vec = self.X if k == 0 else self.Y
            if any(vec):
                vec = [(v << shift) + int(t) for v, t in zip(vec, steps.tolist())]  # float-guide
                if k == 0:
                    self.X = vec
                else:
                    self.Y = vec
            else:
                self._grid[k] = steps  # the integers are made if they are read
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
        primal = bool(np.any((x < below) & ~sp.free[self.basic_cols]))  # float-guide
        rel = sp.rel[self.nonbasic_rows]
        y = self.y_float()[self.nonbasic_rows]  # float-guide
        off = _noise(y, self.zero_y) if refined else 0.0  # float-guide
        dual = bool(np.any(((rel == LE) & (y < -off)) | ((rel == GE) & (y > off))))  # float-guide
        return ("both" if dual else "primal") if primal else ("dual" if dual else None)

    def x_float(self) -> Any:  # float-guide
        """The current ``x`` in floating point."""
        return self._float_values()[0]

    def y_float(self) -> Any:  # float-guide
        """The current ``y`` (of the cost-scaled model) in floating point."""
        return self._float_values()[1]

    def _float_values(self) -> tuple[Any, Any]:  # float-guide
        if self._floats is None:
            # grid points still held as floats are exact integers: scaling them by 2^-E is
            # what converting them to integers and back would give
            self._floats = tuple(
                np.ldexp(grid, -e) if grid is not None else _ldexp_all(ints, -e)  # float-guide
                for grid, ints, e in ((self._grid[0], self._ints[0], self.E), (self._grid[1], self._ints[1], self.F))
            )
        return self._floats

    def _extend(self) -> bool:
        """Switch to the refinement model: columns ``x`` and ``r``, rows ``A x - r = 0``
        (bounds ``[0, 0]``), so that ``r`` can carry costs; warm-start it from the current
        basis (statuses of ``x`` and of the rows carry over, the new rows are nonbasic)."""
        comp, sp = self.comp, _sparse(self.comp)
        n, m = comp.n, comp.m
        lengths = np.diff(sp.ptr)  # float-guide
        ptr = sp.ptr + np.arange(m + 1)  # float-guide
        nnz = int(ptr[-1])
        idx = np.empty(nnz, np.int32)  # float-guide
        vals = np.empty(nnz)  # float-guide
        old = np.arange(len(sp.idx)) + np.repeat(np.arange(m), lengths)  # float-guide
        idx[old], vals[old] = sp.idx, sp.vals
        idx[ptr[1:] - 1], vals[ptr[1:] - 1] = n + np.arange(m), -1.0  # float-guide
        zeros = np.zeros(m)  # float-guide
        h = _guide_highs()
        status = h.passModel(
            n + m, m, nnz, int(highspy.MatrixFormat.kRowwise), int(highspy.ObjSense.kMaximize),
            0.0, np.zeros(n + m), np.zeros(n + m), np.zeros(n + m), zeros, zeros,  # float-guide
            ptr.astype(np.int32), idx, vals, np.zeros(n + m, dtype=np.int32),  # float-guide
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
        p, row_lo, row_up, col_lo = self._primal_correction()
        if primal_only and self.extended is None:
            return self._refine_primal(p, row_lo, row_up, col_lo)
        q, cost = self._dual_correction()
        if self.extended is None and not self._extend():
            return False
        comp, h = self.comp, self.highs
        n, m = comp.n, comp.m
        all_cols = np.arange(n + m, dtype=np.int32)  # float-guide
        h.changeColsBounds(
            n + m, all_cols, np.concatenate([col_lo, row_lo]),  # float-guide
            np.concatenate([np.full(n, np.inf), row_up]),  # float-guide
        )
        h.changeColsCost(n + m, all_cols, cost)
        h.run()
        if not self._read() or not self.optimal:
            return False
        self._add(*self._solution(), p, q)
        return True

    def _primal_correction(self) -> tuple[int, Any, Any, Any]:  # float-guide
        """The primal scale ``p`` of the next round (``Δ_P = 2^p``) and the correction
        problem's bounds at it: row bounds ``Δ_P (b - A x)`` below and above (infinite on
        the open side of an inequality) and column bounds ``-Δ_P x`` (``-inf`` if free)."""
        comp, X, E = self.comp, self.X, self.E
        support = [j for j in range(comp.n) if X[j]]
        act = _activities(comp, support, [X[j] for j in support])
        # exact residuals, scaled by 2^E
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
        sp = _sparse(comp)
        row_lo = np.where(sp.rel == LE, -inf, gap)  # float-guide
        row_up = np.where(sp.rel == GE, inf, gap)  # float-guide
        col_lo = np.where(sp.free, -inf, -_ldexp_all(X, p - E))  # float-guide
        return p, row_lo, row_up, col_lo

    def _refine_primal(self, p: int, row_lo: Any, row_up: Any, col_lo: Any) -> bool:  # float-guide
        """A primal-only round on the plain model: new bounds, the same costs; HiGHS's dual
        becomes ``y`` itself."""
        comp, h = self.comp, self.highs
        shared = _shared(comp)
        if shared.get("highs") is h:
            del shared["highs"]
        h.changeRowsBounds(comp.m, np.arange(comp.m, dtype=np.int32), row_lo, row_up)  # float-guide
        h.changeColsBounds(
            comp.n, np.arange(comp.n, dtype=np.int32), col_lo, np.full(comp.n, np.inf)  # float-guide
        )
        h.run()
        if not self._read() or not self.optimal:
            return False
        xs, ys = self._solution()
        self.Y, self.F, self.q = [0] * comp.m, 0, 0
        self._add(xs, ys, p, 0)
        return True

    def _dual_correction(self) -> tuple[int, Any]:  # float-guide
        """The dual scale ``q`` of the next round (``Δ_D = 2^q``) and the correction
        problem's costs: the reduced costs at ``y' = Y / 2^F``, ``c / 2^s - A^T y'``, on
        ``x`` and ``y'`` on ``r`` (the column ``-e_i`` of ``r_i``), magnified by ``2^q``."""
        comp, Y, F, s = self.comp, self.Y, self.F, self.s
        dual_rows = [i for i in range(comp.m) if Y[i]]
        aty = _column_sums(comp, dual_rows, [Y[i] for i in dual_rows])
        # c / 2^s - A^T y', times 2^(F + s)
        red = [(c << F) - (a << s) for c, a in zip(comp.c, aty)]
        viol_d = max(
            [(r if not f else abs(r)) for r, f in zip(red, comp.free)]
            + [(-Yi if r == LE else Yi if r == GE else 0) << s for Yi, r in zip(Y, comp.rel)]
            + [0]
        )
        # Δ = 2^q with q about log2(1 / violation), at most 2^32 finer than the last round
        q = min(self.q + 32, max(self.q, F + s - viol_d.bit_length())) if viol_d > 0 else self.q + 32
        cost = np.concatenate([_ldexp_all(red, q - F - s), _ldexp_all(Y, q - F)])  # float-guide
        return q, cost

