"""Exact simplex on growing restrictions of a problem (:func:`_sift`), the guided path's
last step: a restriction's answer, extended by zeros, is proved for the whole problem or
the rows and columns it violates join the restriction.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from ..errors import SolverError
from .certificate import Basis, InfeasibilityCertificate, LPResult, UnboundednessCertificate
from .certify import _optimal
from .model import LPData
from .residuals import _activities, _column_sums, _violated_rows, _violations
from .simplex import Compiled, _normalise, simplex

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
        out, bad_rows, bad_cols = _extend_answer(comp, res, S, T, method)
        if out is not None:
            return out
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


def _extend_answer(
    comp: Compiled, res: LPResult, S: list[int], T: list[int], method: str
) -> tuple[LPResult | None, list[int], list[int]]:
    """The answer of the restriction to rows ``S`` and columns ``T``, extended by zeros and
    proved for the whole problem; else ``None`` and the rows and columns it violates."""
    bad_rows: list[int] = []
    bad_cols: list[int] = []
    if res.status == "optimal":
        X, dx = _over(res.x)
        Y, dy = _over(res.y)
        bad_rows, bad_cols = _violations(comp, T, X, dx, S, Y, dy)
        if not bad_rows and not bad_cols:
            # the restricted basis plus the slacks of every omitted row is a basis of the
            # whole problem, primal and dual feasible by the checks just made
            kept = set(S)
            omitted = [i for i in range(comp.m) if i not in kept]
            full = Basis(
                tuple(sorted(T[v] for v in res.basis.variables)),
                tuple(sorted([S[r] for r in res.basis.rows] + omitted)),
            )
            out = _optimal(comp, T, X, dx, S, Y, dy, full, method)
            if out is None:  # pragma: no cover - a restricted optimum has c.x = b.y
                raise SolverError("a restricted optimum has a duality gap")
            return out, [], []
    elif res.status == "unbounded":
        P0, dp = _over(res.certificate.point)
        R0, _ = _over(res.certificate.ray)
        bad_rows = sorted(
            set(_violated_rows(comp, _activities(comp, T, P0), dp))
            | set(_violated_rows(comp, _activities(comp, T, R0), 0))
        )
        if not bad_rows:
            return _unbounded(comp, T, res.certificate.point, res.certificate.ray, method), [], []
    else:
        Y, _ = _over(res.certificate.y)
        aty = _column_sums(comp, S, Y)
        bad_cols = [j for j in range(comp.n) if aty[j] < 0 or (comp.free[j] and aty[j] != 0)]
        if not bad_cols:
            return _infeasible(comp, S, res.certificate.y, method), [], []
    return None, bad_rows, bad_cols


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
