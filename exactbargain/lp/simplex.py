"""Exact revised simplex over the integers (python-flint), phase 1 and phase 2.

**Standard form.** Row ``i`` of the model, multiplied by its denominator, becomes an integer
row ``â_i . x (rel) b̂_i``; the objective becomes the integer vector ``ĉ`` (negated for a
``min`` problem, so the engine always maximises). Columns of the standard form
``Â z = b̂, z >= 0`` are, in this order:

1. the ``n`` structural columns ``â_j``;
2. ``-â_j`` for every free variable ``j`` (``x_j = z_j - z_j'``);
3. one slack per inequality row: ``+e_i`` for ``<=``, ``-e_i`` for ``>=``;
4. one artificial per row, ``σ_i e_i`` with ``σ_i = sign(b̂_i)`` (``+1`` if ``b̂_i = 0``);
5. one more artificial ``h`` used only to repair an infeasible warm start (below).

**Phase 1.** A cold start takes in each row the slack if its value is ``>= 0``, else the
artificial. A warm start factors the given basis; if some basic values are negative, the
column ``h = -sum_{r: x_r < 0} B e_r`` enters in place of the most negative one (with
``B^-1 h = -1`` on those rows, ``x(t) = x + t 1_{x<0}`` is ``>= 0`` once ``t = -min x``).
Phase 1 then maximises minus the sum of the artificials, which never re-enter. A negative
optimum proves infeasibility: the phase-1 dual ``y`` has ``y.â_k >= 0`` on every real column
and ``y.b̂ < 0``, a Farkas vector.

**Basis representation.** For a basis matrix ``B`` the engine keeps an integer ``d`` with
``|d| = |det B|`` and the integer matrix ``[M | X] = d [B^-1 | B^-1 b̂]`` (``M = ±adj B``).
Replacing basic column ``r`` by ``a_q`` with ``W = M a_q`` (so ``B^-1 a_q = W/d``) gives

.. math::  d' = W_r, \\qquad [M'|X']_i = (W_r [M|X]_i - W_i [M|X]_r) / d \\ (i \\ne r),
           \\qquad [M'|X']_r = [M|X]_r .

Derivation: ``B'^-1 = E B^-1`` with ``E = I - (w - e_r) e_r^T / w_r``, ``w = W/d``; multiply
by ``d' = d w_r`` (``det B' = w_r det B``). Each new entry is ``±`` a cofactor of ``B'``, an
integer, so the division by ``d`` is exact (Bareiss's argument); flint raises if it is not,
which would expose a bug rather than round. Every step is a whole-matrix flint operation;
Python touches only ``O(m + N)`` entries per pivot (a column, a row, the reduced costs).

**Pivot rule and termination.** Entering: the column of largest reduced cost (Dantzig).
Leaving: the lexicographic rule (Dantzig, Orden and Wolfe 1955) relative to the basis
``B_0`` in place when a phase starts: among the rows with ``w_r > 0``, the one whose row of
``[B^-1 b̂ | B^-1 B_0]``, divided by ``w_r``, is lexicographically smallest. This is the
textbook lexicographic method on the equivalent system ``B_0^-1 Â z = B_0^-1 b̂``, whose
starting basis inverse is the identity. Termination: at the start the rows ``[x_r | e_r]``
are lexicographically positive (``x_B >= 0``). A pivot divides the pivot row by ``w_r > 0``
and takes ``w_i / w_r`` times it from each row ``i``; for ``w_i > 0`` the minimality of the
pivot row keeps row ``i`` positive, for ``w_i <= 0`` a non-negative multiple is added. The
vector ``(c_B B^-1 b̂, c_B B^-1 B_0)`` gains (reduced cost of the entering column) / ``w_r``
``> 0`` times the positive pivot row, so it increases strictly in the lexicographic order:
no basis recurs, and there are finitely many. Ties are impossible, since the rows of
``B^-1 B_0`` are independent. Phase 1 never lets an artificial re-enter (fewer candidates
change nothing above); each phase starts from a feasible basis, its own ``B_0``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import flint

from ..errors import LPError, SolverError
from ..numbers import fraction_of
from .certificate import (
    Basis,
    InfeasibilityCertificate,
    LPResult,
    OptimalityCertificate,
    UnboundednessCertificate,
)
from .model import LPData

__all__ = ["Compiled", "compiled", "simplex"]

LE, GE, EQ = 0, 1, 2
_REL_CODE = {"<=": LE, ">=": GE, "=": EQ}


class Compiled:
    """The integer data of an :class:`LPData`, in forms the solvers read quickly.

    ``rows[i] = (cols, nums)``: ``â_i``; ``b[i] = b̂_i``; ``c[j] = ĉ_j`` (dense, max sense);
    ``rel[i]`` in ``LE, GE, EQ``; :meth:`columns` gives the matrix column-wise (built on
    first use: the guided path never needs it).
    """

    __slots__ = ("m", "n", "rows", "b", "c", "rel", "free", "sign", "data", "_columns")

    def __init__(self, data: LPData) -> None:
        self.data = data
        self.m = data.num_rows
        self.n = n = data.num_variables
        # the row-derived lists are read only: problems sharing their rows (made by
        # LPData.with_objective) share them too
        shared = data.cache.get("rows")
        rows_part = shared.get("compiled_rows") if shared is not None else None
        if rows_part is None:
            rows_part = (list(zip(data.row_cols, data.row_nums)), list(data.rhs),
                         [_REL_CODE[r] for r in data.relations], list(data.free))
            if shared is not None:
                shared["compiled_rows"] = rows_part
        self.rows, self.b, self.rel, self.free = rows_part
        # min c.x = -max (-c).x: the engine maximises sign * c (scaled by obj_den > 0).
        self.sign = 1 if data.sense == "max" else -1
        c = [0] * n
        for j, p in zip(data.obj_cols, data.obj_nums):
            c[j] = self.sign * p
        self.c = c
        self._columns: list[tuple[list[int], list[int]]] | None = None

    def columns(self) -> list[tuple[list[int], list[int]]]:
        """``columns[j] = (rows, nums)``: the matrix column-wise.

        Returns
        -------
        list of tuple of (list of int, list of int)
            The rows and integer entries of every column (cached).
        """
        if self._columns is None:
            col_rows: list[list[int]] = [[] for _ in range(self.n)]
            col_nums: list[list[int]] = [[] for _ in range(self.n)]
            for i, (cols, nums) in enumerate(self.rows):
                for j, p in zip(cols, nums):
                    col_rows[j].append(i)
                    col_nums[j].append(p)
            self._columns = list(zip(col_rows, col_nums))
        return self._columns

    # Conversions of internal (scaled, max-sense) answers to the user's terms.
    def dual_to_user(self, y_hat: Sequence[Fraction]) -> tuple[Fraction, ...]:
        """``y_i = sign * ŷ_i * den_i / obj_den`` (shadow prices of the user's rows).

        ``v̂ = sign * obj_den * v`` and ``b̂_i = den_i b_i``, so
        ``dv/db_i = (dv̂/db̂_i) (db̂_i/db_i) / (sign obj_den)``.

        Parameters
        ----------
        y_hat : sequence of Fraction
            The engine's dual values, one per row.

        Returns
        -------
        tuple of Fraction
            The user's dual values.
        """
        f = Fraction(self.sign, self.data.obj_den)
        row_den, out = self.data.row_den, list(y_hat)
        for i, yi in enumerate(out):
            if yi:
                out[i] = yi * row_den[i] * f
        return tuple(out)

    def farkas_to_user(self, y_hat: Sequence[Fraction]) -> tuple[Fraction, ...]:
        """A Farkas vector of the scaled rows is one of the user's rows after ``* den_i``.

        Parameters
        ----------
        y_hat : sequence of Fraction
            A Farkas vector of the scaled rows.

        Returns
        -------
        tuple of Fraction
            One of the user's rows.
        """
        return tuple(yi * den for yi, den in zip(y_hat, self.data.row_den))

    def value_to_user(self, v_hat: Fraction) -> Fraction:
        """The user's objective value from the engine's ``v̂ = sign * obj_den * v``.

        Parameters
        ----------
        v_hat : Fraction
            The engine's objective value.

        Returns
        -------
        Fraction
            The user's objective value.
        """
        return v_hat * self.sign / self.data.obj_den


def compiled(data: LPData) -> Compiled:
    """The :class:`Compiled` form of ``data``, built once and cached on it.

    Parameters
    ----------
    data : LPData
        The problem.

    Returns
    -------
    Compiled
        Its integer standard form (shared by every solve of ``data``).
    """
    comp = data.cache.get("compiled")
    if comp is None:
        comp = data.cache["compiled"] = Compiled(data)
    return comp


@dataclass(slots=True)
class _Columns:
    """The standard-form column set of a :class:`Compiled` problem (see module docstring)."""

    kind: list[int]  # 0 structural, 1 negated free copy, 2 slack, 3 artificial
    ref: list[int]  # the variable (kinds 0, 1) or row (kinds 2, 3) the column belongs to
    coef: list[int]  # ±1 of unit columns, 1 for structural, -1 for negated copies
    slack_of: list[int]  # row -> its slack column, or -1
    art_of: list[int]  # row -> its artificial column


_STRUCT, _NEG, _SLACK, _ART = 0, 1, 2, 3


def _columns(comp: Compiled) -> _Columns:
    kind, ref, coef = [], [], []
    for j in range(comp.n):
        kind.append(_STRUCT), ref.append(j), coef.append(1)
    for j in range(comp.n):
        if comp.free[j]:
            kind.append(_NEG), ref.append(j), coef.append(-1)
    slack_of = [-1] * comp.m
    for i in range(comp.m):
        if comp.rel[i] != EQ:
            slack_of[i] = len(kind)
            kind.append(_SLACK), ref.append(i), coef.append(1 if comp.rel[i] == LE else -1)
    art_of = [0] * comp.m
    for i in range(comp.m):
        art_of[i] = len(kind)
        kind.append(_ART), ref.append(i), coef.append(1 if comp.b[i] >= 0 else -1)
    # The last column is the single artificial of a warm start (filled in when needed).
    kind.append(_ART), ref.append(-1), coef.append(0)
    return _Columns(kind, ref, coef, slack_of, art_of)


class _Engine:
    """Revised simplex state: basis, ``d`` and ``[M | X]`` (see the module docstring)."""

    def __init__(self, comp: Compiled) -> None:
        self.comp = comp
        self.cols = cols = _columns(comp)
        m, N = comp.m, len(cols.kind)
        self.m, self.N = m, N
        # [Â ; 0]: the standard-form matrix with a zero row appended, so that the row vector
        # y^T = c_B^T [M | X] (length m + 1) multiplies it directly.
        dense = [[0] * N for _ in range(m + 1)]
        columns = comp.columns()
        for j in range(comp.n):
            for i, p in zip(*columns[j]):
                dense[i][j] = p
        for k in range(comp.n, N):
            if cols.kind[k] == _NEG:
                for i, p in zip(*columns[cols.ref[k]]):
                    dense[i][k] = -p
            elif cols.ref[k] >= 0:
                dense[cols.ref[k]][k] = cols.coef[k]
        self.A = flint.fmpz_mat(dense)
        self.dense = dense
        self.basis: list[int] = []
        self.in_basis = [False] * N
        self.d = flint.fmpz(1)
        self.MX = flint.fmpz_mat(m, m + 1)
        self.pivots = 0

    # ------------------------------------------------------------------ basis set-up
    def column(self, k: int) -> flint.fmpz_mat:
        """Standard-form column ``k`` as an ``(m+1) x 1`` matrix (last entry 0)."""
        return flint.fmpz_mat(self.m + 1, 1, [row[k] for row in self.dense])

    def set_slack_basis(self) -> None:
        """The cold start: in row ``i`` the slack if its value ``b̂_i / coef`` is ``>= 0``,
        else the artificial (value ``|b̂_i|``). ``B`` is diagonal with ``±1`` entries, so
        ``d = 1`` and ``M = B^-1 = B``."""
        comp, cols = self.comp, self.cols
        basis = []
        for i in range(self.m):
            s = cols.slack_of[i]
            if s >= 0 and comp.b[i] * cols.coef[s] >= 0:
                basis.append(s)
            else:
                basis.append(cols.art_of[i])
        MX = flint.fmpz_mat(self.m, self.m + 1)
        for i, k in enumerate(basis):
            MX[i, i] = cols.coef[k]
            MX[i, self.m] = cols.coef[k] * comp.b[i]
        self._install(basis, flint.fmpz(1), MX)

    def set_basis(self, basis: list[int]) -> bool:
        """Factor an arbitrary basis; ``False`` if it is singular."""
        m = self.m
        B = flint.fmpz_mat([[self.dense[i][k] for k in basis] for i in range(m)])
        d = B.det()
        if d == 0:
            return False
        rhs = flint.fmpz_mat(m, m + 1)
        for i in range(m):
            rhs[i, i] = 1
            rhs[i, m] = self.comp.b[i]
        num, den = (B.solve(rhs) * flint.fmpq(d)).numer_denom()
        if den != 1:  # d B^-1 is the (signed) adjugate, an integer matrix
            raise SolverError("the adjugate of a basis is not integral")
        self._install(list(basis), d, num)
        return True

    def repair(self) -> None:
        """Make an installed basis primal feasible with the one artificial ``h`` (see the
        module docstring): afterwards every basic value is ``>= 0``."""
        sd = 1 if self.d > 0 else -1
        X = self.values()
        negative = [r for r in range(self.m) if X[r] * sd < 0]
        if not negative:
            return
        h = self.N - 1
        for i in range(self.m):
            self.dense[i][h] = -sum(self.dense[i][self.basis[r]] for r in negative)
        self.A = flint.fmpz_mat(self.dense)
        # most negative x_r = X_r / d leaves; x_r < x_t  <=>  X_r sd < X_t sd
        r = min(negative, key=lambda t: X[t] * sd)
        self.pivot(r, h, self.direction(h))

    def _install(self, basis: list[int], d: flint.fmpz, MX: flint.fmpz_mat) -> None:
        self.basis = basis
        self.in_basis = [False] * self.N
        for k in basis:
            self.in_basis[k] = True
        self.d = d
        self.MX = MX

    # ------------------------------------------------------------------ primitives
    def values(self) -> list[int]:
        """``X`` (basic values times ``d``), as Python ints."""
        m, MX = self.m, self.MX
        return [int(MX[i, m]) for i in range(m)]

    def reduced_costs(self, cost: list[int]) -> tuple[list[int], flint.fmpz_mat]:
        """``d * (cost_k - y^T Â_k)`` for every column ``k``, and ``d [y | objective]``.

        ``y^T = c_B^T B^-1``, so ``d y^T = c_B^T M``; with the zero row appended to ``Â``,
        ``c_B^T [M | X] [Â ; 0] = d y^T Â``. The last entry of ``c_B^T [M | X]`` is
        ``d c_B^T x_B``, ``d`` times the objective.
        """
        cB = flint.fmpz_mat(1, self.m, [cost[k] for k in self.basis])
        Yt = cB * self.MX
        Z = (Yt * self.A).entries()
        d = int(self.d)
        return [d * c - int(z) for c, z in zip(cost, Z)], Yt

    def direction(self, k: int) -> list[int]:
        """``W = M â_k`` (so ``B^-1 â_k = W / d``), as Python ints."""
        W = self.MX * self.column(k)
        return [int(w) for w in W.entries()]

    def pivot(self, r: int, k: int, W: list[int]) -> None:
        """Column ``k`` enters in place of basis position ``r`` (the Bareiss update above)."""
        m, MX, d = self.m, self.MX, self.d
        Mr = [MX[r, t] for t in range(m + 1)]
        Wr = W[r]
        Wcol = flint.fmpz_mat(m, 1, W)
        new = (MX * Wr - Wcol * flint.fmpz_mat(1, m + 1, Mr)) / d
        for t in range(m + 1):
            new[r, t] = Mr[t]
        self.MX = new
        self.d = flint.fmpz(Wr)
        self.in_basis[self.basis[r]] = False
        self.in_basis[k] = True
        self.basis[r] = k
        self.pivots += 1

    def negate_position(self, r: int, k: int) -> None:
        """Swap basic column ``basis[r]`` for its negative ``k`` (a free variable's other half).

        Negating column ``r`` of ``B`` negates row ``r`` of ``B^-1``; ``|det|`` is unchanged.
        """
        m = self.m
        for t in range(m + 1):
            self.MX[r, t] = -self.MX[r, t]
        self.in_basis[self.basis[r]] = False
        self.in_basis[k] = True
        self.basis[r] = k

    # ------------------------------------------------------------------ the method
    def run(self, cost: list[int], eligible: list[bool]) -> tuple[str, int, list[int]]:
        """Pivot to optimality for ``max cost.z``, entering only ``eligible`` columns.

        Entering: Dantzig (largest reduced cost). Leaving: the lexicographic rule relative
        to the basis ``B_0`` in place at the call (see the module docstring).
        Returns ``("optimal", -1, [])`` or ``("unbounded", k, W)`` with the entering column
        ``k`` whose direction ``W`` has no positive entry.
        """
        origin = list(self.basis)
        while True:
            sd = 1 if self.d > 0 else -1
            R, _ = self.reduced_costs(cost)
            q, best = -1, 0
            for k in range(self.N):
                if eligible[k] and not self.in_basis[k]:
                    rk = R[k] * sd  # same sign as the true reduced cost R_k / d
                    if rk > best:
                        q, best = k, rk
            if q < 0:
                return "optimal", -1, []
            W = self.direction(q)
            r = self._leaving(W, sd, origin)
            if r < 0:
                return "unbounded", q, W
            self.pivot(r, q, W)

    def _leaving(self, W: list[int], sd: int, origin: list[int]) -> int:
        """The lexicographic ratio test: the row ``r`` minimising, lexicographically, the
        row ``[B^-1 b̂ | B^-1 B_0]_r / w_r`` over rows with ``w_r > 0``; ``-1`` if none.

        ``d`` cancels in every ratio: ``x_i/w_i = X_i/W_i`` and ``(B^-1 B_0)_ij / w_i =
        (M B_0)_ij / W_i``. Between two candidates ``W_i W_t > 0``, so ``u_i/W_i < u_t/W_t``
        iff ``u_i W_t < u_t W_i``. Column ``j`` of ``M B_0`` is ``M â_k`` for the ``j``-th
        column ``k`` of ``B_0``; it is computed only while a tie remains.
        """
        tied = [i for i in range(self.m) if W[i] * sd > 0]
        key: Sequence[int] | dict[int, int] = self.values()
        j = -1
        while len(tied) > 1:
            best = [tied[0]]
            for i in tied[1:]:
                t = best[0]
                lhs, rhs = key[i] * W[t], key[t] * W[i]
                if lhs < rhs:
                    best = [i]
                elif lhs == rhs:
                    best.append(i)
            tied = best
            j += 1
            if len(tied) > 1:
                if j >= self.m:  # pragma: no cover - rows of B^-1 B_0 are independent
                    raise SolverError("the lexicographic ratio test found a tie, which cannot happen")
                key = self._origin_column(origin[j], tied)
        return tied[0] if tied else -1

    def _origin_column(self, k: int, rows: list[int]) -> dict[int, int]:
        """Entries ``rows`` of ``M â_k`` (read off ``M`` when ``â_k`` is a unit column)."""
        cols = self.cols
        if cols.kind[k] in (_SLACK, _ART) and cols.ref[k] >= 0:
            r, sign = cols.ref[k], cols.coef[k]
            return {i: sign * int(self.MX[i, r]) for i in rows}
        W = self.direction(k)
        return {i: W[i] for i in rows}

    def drive_out_artificials(self) -> None:
        """Pivot zero-valued basic artificials out where some real column allows it.

        Row ``r`` of ``B^-1 Â`` is ``(row r of M) Â / d``. A nonzero entry in a real nonbasic
        column ``k`` lets ``k`` replace the artificial; the pivot is degenerate (``x_r = 0``) so
        no value changes. If the row is zero on every real column, row ``r`` of the
        constraints is implied by the others: every later direction has ``W_r = 0``, the
        artificial stays basic at zero for good, and Phase 2 ignores it.
        """
        cols = self.cols
        for r in range(self.m):
            if cols.kind[self.basis[r]] != _ART:
                continue
            row = flint.fmpz_mat(1, self.m + 1, [self.MX[r, t] for t in range(self.m)] + [0])
            entries = (row * self.A).entries()
            for k in range(self.N):
                if cols.kind[k] != _ART and not self.in_basis[k] and entries[k] != 0:
                    self.pivot(r, k, self.direction(k))
                    break
            else:
                if cols.ref[self.basis[r]] < 0:
                    self._swap_h_for_row_artificial(r)

    def _swap_h_for_row_artificial(self, r: int) -> None:
        """Replace a zero-valued basic ``h`` that no real column can replace by a row's own
        artificial, so that every basic column belongs to a variable or a row.

        Row ``r`` of ``B^-1`` is nonzero. For a row ``i`` whose slack or artificial is basic,
        ``B^-1 e_i`` is a unit vector off position ``r``, and slacks of inequality rows are
        real columns, whose entries in row ``r`` of ``B^-1 Â`` are zero here. So some
        equality row ``i`` with a nonbasic artificial has ``(B^-1 e_i)_r != 0``.
        """
        cols = self.cols
        for i in range(self.m):
            k = cols.art_of[i]
            if not self.in_basis[k] and self.MX[r, i] != 0:
                self.pivot(r, k, self.direction(k))
                return
        raise SolverError("no row artificial can replace the repair column")


def _to_user_point(eng: _Engine, z: dict[int, Fraction]) -> tuple[Fraction, ...]:
    """Structural values from standard-form values ``z`` (``x_j = z_j - z_j'`` for free j)."""
    x = [Fraction(0)] * eng.comp.n
    for k, v in z.items():
        kind = eng.cols.kind[k]
        if kind == _STRUCT:
            x[eng.cols.ref[k]] += v
        elif kind == _NEG:
            x[eng.cols.ref[k]] -= v
    return tuple(x)


def _user_basis(eng: _Engine) -> Basis:
    variables, rows = [], []
    for k in eng.basis:
        (variables if eng.cols.kind[k] in (_STRUCT, _NEG) else rows).append(eng.cols.ref[k])
    return Basis(tuple(sorted(variables)), tuple(sorted(rows)))


def _basic_point(eng: _Engine) -> dict[int, Fraction]:
    d = fraction_of(eng.d)
    return {k: Fraction(Xi) / d for k, Xi in zip(eng.basis, eng.values())}


def _warm_basis(eng: _Engine, basis: Basis) -> list[int] | None:
    """Standard-form columns for a user :class:`Basis`, or ``None`` if it has the wrong size."""
    cols, comp = eng.cols, eng.comp
    if len(basis.variables) + len(basis.rows) != comp.m:
        return None
    if not all(0 <= j < comp.n for j in basis.variables) or not all(
        0 <= i < comp.m for i in basis.rows
    ):
        return None
    out = list(basis.variables)
    for i in basis.rows:
        out.append(cols.slack_of[i] if cols.slack_of[i] >= 0 else cols.art_of[i])
    return out


def _start_from(eng: _Engine, basis: Basis) -> bool:
    """Install a user basis if it is nonsingular, choosing for each basic free variable the
    half with a non-negative value, then repair any negative values; report success."""
    cols = _warm_basis(eng, basis)
    if cols is None or len(set(cols)) != len(cols) or not eng.set_basis(cols):
        return False
    neg_of = {eng.cols.ref[k]: k for k in range(eng.N) if eng.cols.kind[k] == _NEG}
    sd = 1 if eng.d > 0 else -1
    for r, Xr in enumerate(eng.values()):
        k = eng.basis[r]
        if Xr * sd < 0 and eng.cols.kind[k] == _STRUCT and k in neg_of:
            eng.negate_position(r, neg_of[k])
    eng.repair()
    return True


def simplex(data: LPData, *, start: Basis | None = None, method: str = "exact") -> LPResult:
    """Solve ``data`` exactly by the revised simplex method (see the module docstring).

    Parameters
    ----------
    data : LPData
        The problem (an :class:`~exactbargain.lp.LP`'s ``data`` snapshot).
    start : Basis, optional
        A warm-start basis; used if it is nonsingular (negative basic values are repaired
        by Phase 1), otherwise the solve starts cold from the slack basis.
    method : str
        The name recorded in the result's ``method`` field.

    Returns
    -------
    LPResult
        The proved answer with its certificate and an optimal basis when there is one.

    Raises
    ------
    SolverError
        An internal inconsistency of the exact arithmetic (it cannot happen on a correct
        implementation; it is never reported as a status).

    Examples
    --------
    >>> from exactbargain.lp import LP
    >>> # Beale's example: Dantzig's rule with a naive tie-break cycles on it.
    >>> lp = LP.from_matrix([["1/4", -8, -1, 9], ["1/2", -12, "-1/2", 3], [0, 0, 1, 0]],
    ...                     "<=", [0, 0, 1], ["3/4", -20, "1/2", -6])
    >>> res = simplex(lp.data)
    >>> res.value, res.x
    (Fraction(5, 4), (Fraction(1, 1), Fraction(0, 1), Fraction(1, 1), Fraction(0, 1)))
    """
    comp = compiled(data)
    if comp.m == 0:
        return _no_rows(comp, method)
    eng = _Engine(comp)
    cols = eng.cols
    real = [kind != _ART for kind in cols.kind]
    if start is None or not _start_from(eng, start):
        eng.set_slack_basis()
    if any(cols.kind[k] == _ART and Xk != 0 for k, Xk in zip(eng.basis, eng.values())):
        # Phase 1: maximise -sum(artificials).
        cost1 = [-1 if kind == _ART else 0 for kind in cols.kind]
        eng.run(cost1, real)
        _, Yt = eng.reduced_costs(cost1)
        entries = Yt.entries()
        if entries[comp.m] != 0:  # d * (phase-1 optimum) != 0: infeasible
            # y = Y/d is optimal for the phase-1 dual: y.â_k >= 0 on real columns
            # (reduced costs 0 - y.â_k <= 0) and y.b̂ = phase-1 optimum < 0: Farkas.
            d = fraction_of(eng.d)
            y_hat = [fraction_of(e) / d for e in entries[: comp.m]]
            cert = InfeasibilityCertificate(_normalise(comp.farkas_to_user(y_hat)))
            return LPResult("infeasible", None, None, None, None, cert, method, data)
    eng.drive_out_artificials()
    cost2 = [0] * eng.N
    for k in range(eng.N):
        if cols.kind[k] == _STRUCT:
            cost2[k] = comp.c[cols.ref[k]]
        elif cols.kind[k] == _NEG:
            cost2[k] = -comp.c[cols.ref[k]]
    status, q, W = eng.run(cost2, real)
    point = _to_user_point(eng, _basic_point(eng))
    if status == "unbounded":
        return _unbounded(eng, q, W, point, method, data)
    _, Yt = eng.reduced_costs(cost2)
    entries = Yt.entries()
    d = fraction_of(eng.d)
    y = comp.dual_to_user([fraction_of(e) / d for e in entries[: comp.m]])
    value = comp.value_to_user(fraction_of(entries[comp.m]) / d)
    cert = OptimalityCertificate(point, y)
    return LPResult("optimal", value, point, y, _user_basis(eng), cert, method, data)


def _unbounded(eng: _Engine, q: int, W: Sequence[int], point: tuple[Fraction, ...], method: str,
               data: LPData) -> LPResult:
    """The unbounded result of Phase 2 stopped at entering column ``q`` (``W = B^-1 â_q``
    scaled by ``d``), with the point and ray that prove it."""
    # z(t) = z + t (e_q - B^-1 â_q) stays feasible for t >= 0 and gains t * (reduced
    # cost of q) > 0. Scaled by |d|: ray = |d| e_q - sign(d) W on the basis.
    sd = 1 if eng.d > 0 else -1
    ray_z = {q: Fraction(abs(int(eng.d)))}
    for k, Wi in zip(eng.basis, W):
        ray_z[k] = ray_z.get(k, Fraction(0)) - sd * Wi
    ray = _normalise(_to_user_point(eng, ray_z))
    cert = UnboundednessCertificate(point, ray)
    return LPResult("unbounded", None, point, None, None, cert, method, data)


def _normalise(v: Sequence[Fraction]) -> tuple[Fraction, ...]:
    """A positive multiple of ``v`` with coprime integer entries (certificates are rays)."""
    den = math.lcm(*[e.denominator for e in v]) if v else 1
    ints = [e.numerator * (den // e.denominator) for e in v]
    g = math.gcd(*ints) or 1
    return tuple(Fraction(e // g) for e in ints)


def _no_rows(comp: Compiled, method: str) -> LPResult:
    """No constraints: ``x = 0`` is optimal unless some ``c_j`` can grow without bound."""
    data = comp.data
    zero = tuple(Fraction(0) for _ in range(comp.n))
    for j, cj in enumerate(comp.c):
        if cj > 0 or (cj < 0 and comp.free[j]):
            ray = [Fraction(0)] * comp.n
            ray[j] = Fraction(1 if cj > 0 else -1)
            cert = UnboundednessCertificate(zero, tuple(ray))
            return LPResult("unbounded", None, zero, None, None, cert, method, data)
    cert = OptimalityCertificate(zero, ())
    return LPResult("optimal", Fraction(0), zero, (), Basis((), ()), cert, method, data)
