"""Exact square solves and the support certificate of the guided path.

A candidate optimum is named by sets of rows and columns chosen in floating point; here
the square systems they define are solved exactly (flint) and the answer is checked
against every row and column (:func:`_certify`). The certificate types themselves live in
:mod:`exactbargain.lp.certificate`.
"""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import chain
from operator import itemgetter
from typing import Any

import flint
import numpy as np  # float-guide

from ..numbers import _from_coprime
from .certificate import Basis, LPResult, OptimalityCertificate
from .residuals import _activities, _bad_columns, _violated_rows
from .simplex import GE, LE, Compiled
from .sparse import _int_list, _positions, _shared, _sparse
from .support import _pick

def _square_solve(comp: Compiled, rows: Any, cols: Any, rhs: list[int], transpose: bool):
    """Solve ``Â[rows, cols] z = rhs`` (or the transpose) exactly: ``(Z, den)`` integers with
    ``z = Z / den``, ``den > 0``; ``None`` if the block is singular."""
    k = len(rows)
    if k == 0:
        return [], 1
    sp = _sparse(comp)
    matrix = sp.small_block_t(rows, cols) if transpose else sp.small_block(rows, cols)
    if matrix is None:
        lr, lc, pos = sp.entries(rows, _positions(np.full(comp.n, -1, np.int64), cols))  # float-guide
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


#: How many primal solutions :func:`_primal_solve` (and row choices :func:`_primal_rows`)
#: keeps at least for the problems sharing one set of rows ...
_PRIMAL_CACHE = 256

#: ... and at most, as long as their keys (index sets) take no more than this many bytes in
#: all: the 14,266 LPs of a 4x4x4 CE payoff set meet 6,994 extreme points; a cache of 256
#: solved 11,433 primal systems for them, this one solves one per extreme point.
_PRIMAL_BYTES = 1 << 22


def _recall(cache: dict, key: Any) -> Any:
    """The entry under ``key`` (``KeyError`` if none), now the most recently used."""
    value = cache.pop(key)
    cache[key] = value
    return value


def _remember(cache: dict, key: Any, value: Any) -> Any:
    """Store ``value`` under ``key``, dropping the least recently used entries past
    :data:`_PRIMAL_CACHE` entries or :data:`_PRIMAL_BYTES` bytes of keys."""
    cache[key] = value
    limit = max(_PRIMAL_CACHE, _PRIMAL_BYTES // max(1, sum(map(len, key))))
    while len(cache) > limit:
        del cache[next(iter(cache))]
    return value


def _key(*index_sets: Any) -> tuple[bytes, ...]:
    """A dictionary key of index arrays (their int32 bytes)."""
    return tuple(np.asarray(s, np.int32).tobytes() for s in index_sets)  # float-guide (index arithmetic)


def _primal_rows(comp: Compiled, N: Any, P: Any) -> Any:
    """``|P|`` rows of ``N`` with ``Â[R, P]`` nonsingular (:func:`_pick`; ``N`` itself when it
    is square), remembered like :func:`_primal_solve`: the choice reads the rows only."""
    if len(N) == len(P):
        return N
    cache = _shared(comp).setdefault("primal_rows", {})
    key = _key(N, P)
    if key in cache:
        return _recall(cache, key)
    return _remember(cache, key, _pick(comp, N, P, False))


def _primal_solve(comp: Compiled, R: Any, P: Any):
    """:func:`_square_solve` of ``Â[R, P] x = b̂_R`` and whether that ``x`` is feasible
    (``Â x (rel) b̂``, ``x >= 0`` off free columns, checked exactly): ``(X, dx, feasible)``,
    or ``None`` if the block is singular. Remembered for the problems that share ``comp``'s
    rows: none of it depends on the objective, and a sequence of objectives over one
    polytope ends on the same vertex again and again (on a 20x20 CE payoff polygon, half of
    the primal systems had been solved before). The most recently used are kept
    (:func:`_remember`)."""
    cache = _shared(comp).setdefault("primal", {})
    key = _key(R, P)
    if key in cache:
        return _recall(cache, key)
    solution = _primal_echelon(comp, R, P) if len(P) <= _RREF_PRIMAL else False
    if solution is False:
        solution = _square_solve(comp, R, P, [comp.b[i] for i in _int_list(R)], transpose=False)
    if solution is not None:
        X, dx = solution
        Pl, free = _int_list(P), comp.free
        feasible = not _violated_rows(comp, _activities(comp, Pl, X), dx) and all(
            Xj >= 0 or free[j] for j, Xj in zip(Pl, X))
        solution = (X, dx, feasible)
    return _remember(cache, key, solution)


def _primal_echelon(comp: Compiled, R: Any, P: Any):
    """:func:`_square_solve` of ``Â[R, P] x = b̂_R`` by one reduced row echelon form of
    ``[Â[R, P] | b̂_R]`` (the same ``(X, dx)``, in lowest terms); ``None`` if singular,
    ``False`` where the block is not read from dense rows. Measured on the primal systems
    of a 4x4x4 CE payoff set: 100 against 137 µs at 15 to 19 lines, 190 against 222 µs at
    20 to 24, slower from 25 on (:data:`_RREF_PRIMAL`)."""
    k = len(P)
    echelon = _echelon(_sparse(comp).augmented(_int_list(R), _int_list(P), [comp.b], 0), k)
    if not isinstance(echelon, tuple):
        return echelon
    R_, den = echelon
    X = [int(R_[t, k]) for t in range(k)]
    if den < 0:
        X, den = [-v for v in X], -den
    h = math.gcd(den, *X)
    return ([v // h for v in X], den // h) if h > 1 else (X, den)


#: The most lines :func:`_primal_solve` solves by a reduced row echelon form.
_RREF_PRIMAL = 24


#: The key of an objective's parts in its problem's cache (``LPData.cache``):
#: ``(parts, g)`` with the problem's integer objective ``sum_i f_i V_i / g`` before the
#: sense's sign (``parts`` the pairs ``(f_i, V_i)``: an integer and a dense integer vector).
#: Set by :meth:`exactbargain.lp.oracle.Oracle.combination`.
OBJECTIVE_PARTS = "objective_parts"


def _dual_solve(comp: Compiled, D: Any, C: Any):
    """:func:`_square_solve` of ``Â[D, C]^T y = ĉ_C``; through the objective's parts when
    the problem has them (:func:`_parts_solve`)."""
    Cl = _int_list(C)
    hint = comp.data.cache.get(OBJECTIVE_PARTS)
    if hint is not None:
        solution = _parts_solve(comp, _int_list(D), Cl, *hint)
        if solution is not False:
            return solution
    return _square_solve(comp, D, C, [comp.c[j] for j in Cl], transpose=True)


def _parts_solve(comp: Compiled, Dl: list[int], Cl: list[int], parts: Any, g: int):
    """The dual system ``Â[D, C]^T y = ĉ_C`` of an objective ``ĉ = sign sum_i f_i V_i / g``
    solved for the short vectors ``V_i`` at once, then ``y = sign sum_i f_i y_i / g``: the
    same ``(Z, den)`` as :func:`_square_solve` (both in lowest terms), ``None`` if the block
    is singular, and ``False`` where this route does not apply (a block not read from dense
    rows, or parts that do not give ``ĉ_C``).

    The objectives of a payoff polytope's queries are combinations of the players' payoffs
    with long weights (the lifted facet normals of a 4x4x4 CE payoff set have 300 to 900
    bits), and the work of a solve grows with its right-hand side's length. Measured on the
    dual systems of that payoff set: up to :data:`_RREF_LINES` lines, one fraction-free
    reduced row echelon form of ``[Â[D, C]^T | V_C]`` took 69, 206 and 297 µs at 16, 20
    and 24 lines against 360, 570 and 650 µs for the long right-hand side; beyond, the
    solve for the ``V_i`` 670 against 1,020 µs at 28."""
    c, sign, k = comp.c, comp.sign, len(Dl)
    if k < 2:
        return False
    get = itemgetter(*Cl)
    columns = [get(V) for _, V in parts]
    total = [0] * k
    for (f, _), column in zip(parts, columns):
        total = [t + f * v for t, v in zip(total, column)]
    if any(cj * g != sign * t for cj, t in zip(get(c), total)):
        return False  # the parts do not give the objective
    weights = [f for f, _ in parts]
    sp = _sparse(comp)
    if k <= _RREF_LINES:
        echelon = _echelon(sp.augmented_t(Dl, Cl, [V for _, V in parts]), k)
        if not isinstance(echelon, tuple):
            return echelon
        R, den = echelon
        # R = den [I | Y]: the combination of Y's columns is R times (0, ..., 0, f)
        Z = R * flint.fmpz_mat(k + len(weights), 1, [0] * k + weights)
    else:
        matrix = sp.small_block_t(Dl, Cl)
        if matrix is None:
            return False
        try:
            sol = matrix.solve(flint.fmpz_mat(k, len(weights), list(chain.from_iterable(zip(*columns)))))
        except ZeroDivisionError:
            return None
        num, den = sol.numer_denom()
        Z = num * flint.fmpz_mat(len(weights), 1, weights)
    Z, den = [int(v) for v in Z.entries()], sign * int(den) * g
    if den < 0:
        Z, den = [-v for v in Z], -den
    h = math.gcd(den, *Z)
    return ([v // h for v in Z], den // h) if h > 1 else (Z, den)


def _echelon(matrix: flint.fmpz_mat | None, k: int) -> tuple[flint.fmpz_mat, int] | bool | None:
    """The fraction-free reduced row echelon form ``R = den [I | Y]`` of a system
    ``[A | B]`` with ``k`` unknowns, and ``den``: ``Y = A^-1 B``. ``None`` if ``A`` is
    singular, ``False`` if there is no matrix."""
    if matrix is None:
        return False
    R, den, rank = matrix.rref()
    if rank < k or R[k - 1, k - 1] == 0:
        return None  # a pivot beyond A: it is singular
    return R, int(den)


#: The most lines :func:`_parts_solve` solves by a reduced row echelon form.
_RREF_LINES = 26


def _certify(
    comp: Compiled, P: Any, R: Any, D: Any, C: Any, basis: Basis | None, method: str
) -> LPResult | str:
    """Solve for ``x`` on columns ``P`` (rows ``R``) and ``y`` on rows ``D`` (columns ``C``),
    everything else zero; return the proved result, or why not: ``"singular"``,
    ``"primal"`` (only ``x`` fails its checks), ``"dual"`` or ``"both"``."""
    if len(P) != len(R) or len(D) != len(C):
        return "singular"
    primal = _primal_solve(comp, R, P)
    if primal is None:
        return "singular"
    dual = _dual_solve(comp, D, C)
    if dual is None:
        return "singular"
    (X, dx, primal_ok), (Y, dy) = primal, dual
    Dl = _int_list(D)
    # the solve ignores the bounds: y's shadow-price signs
    dual_ok = not _bad_columns(comp, Dl, Y, dy) and not any(
        (comp.rel[i] == LE and Yi < 0) or (comp.rel[i] == GE and Yi > 0) for i, Yi in zip(Dl, Y)
    )
    if primal_ok and dual_ok:
        res = _optimal(comp, _int_list(P), X, dx, Dl, Y, dy, basis, method)
        return res if res is not None else "both"
    return "dual" if primal_ok else "primal" if dual_ok else "both"


#: The key of the optimal ``x`` as integers in its problem's cache (``LPData.cache``):
#: ``(x, columns, X, dx)``: the result's tuple ``x`` itself (the entry is about that very
#: tuple) and ``x_j = X_j / dx`` on ``columns``, zero elsewhere (``dx > 0``), for callers
#: that sum with ``x`` (:func:`_optimal` sets it).
PRIMAL_INTEGERS = "primal_integers"


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
    # x_j = X_j / dx and y_i as fractions in lowest terms (dx > 0, dy > 0, obj_den > 0)
    gcd, make = math.gcd, _from_coprime
    x = [Fraction(0)] * comp.n
    for j, Xj in zip(Pl, X):
        g = gcd(Xj, dx)
        x[j] = make(Xj // g, dx // g)
    # the user's duals y_i = sign * ŷ_i * den_i / obj_den (see Compiled.dual_to_user)
    y = [Fraction(0)] * comp.m
    row_den, scale = comp.data.row_den, dy * comp.data.obj_den
    sign = comp.sign
    for i, Yi in zip(Dl, Y):
        p = sign * Yi * row_den[i]
        g = gcd(p, scale)
        y[i] = make(p // g, scale // g)
    x_t, y_t = tuple(x), tuple(y)
    comp.data.cache[PRIMAL_INTEGERS] = (x_t, Pl, X, dx)
    cert = OptimalityCertificate(x_t, y_t)
    value = comp.value_to_user(Fraction(cx, dx))
    return LPResult("optimal", value, x_t, y_t, basis, cert, method, comp.data)

