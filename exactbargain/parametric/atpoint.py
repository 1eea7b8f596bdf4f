"""A parametric LP solved at one irrational point, by the simplex method over ``Q(r)``.

At an algebraic breakpoint ``r`` the optimal value may differ from both neighbouring pieces
(the optimal face of an earlier lexicographic stage can be larger at ``r`` alone). Then the
LP at ``t = r`` is solved exactly with a dense two-phase tableau simplex whose entries are
elements of the number field ``Q(r) = Q[t]/(f)`` (``f`` the irreducible polynomial of ``r``),
stored as polynomials of degree ``< deg f``; signs are decided exactly by
:func:`~exactbargain.parametric.algebraic.sign_at`, inverses by the extended Euclidean
algorithm. Bland's rule guarantees termination. The optimal basis is then turned into a
:class:`~exactbargain.parametric.plp.BasisCertificate` whose conditions are checked at ``r``.

Phase 1 adds one artificial column ``e_i`` per row; after it, artificials still basic (at zero)
are pivoted out where the row allows; one that stays (a redundant row, zero in every real
column) is the same column as the row's slack up to sign, so it is reported as that slack.
"""

from __future__ import annotations

import flint

from .algebraic import Algebraic, sign_at

__all__ = ["optimal_basis_at"]

Poly = flint.fmpq_poly


class _Field:
    def __init__(self, r: Algebraic) -> None:
        self.r = r
        self.f = Poly(r.poly)

    def red(self, p: Poly) -> Poly:
        return p % self.f if p.degree() >= self.f.degree() else p

    def sign(self, p: Poly) -> int:
        return 0 if p.is_zero() else sign_at(p, self.r)

    def inv(self, p: Poly) -> Poly:
        g, s, _ = p.xgcd(self.f)
        return self.red(s / g[0])


def _pivot(F: _Field, T: list[list[Poly]], r: int, c: int) -> None:
    inv = F.inv(T[r][c])
    T[r] = [F.red(x * inv) for x in T[r]]
    for i in range(len(T)):
        if i != r and not T[i][c].is_zero():
            k = T[i][c]
            T[i] = [F.red(x - k * y) for x, y in zip(T[i], T[r])]


def _simplex(F: _Field, T: list[list[Poly]], basis: list[int], allowed: list[bool]) -> bool:
    """Maximise the objective in the last row of ``T`` (``z - c.x = value``; entries are minus
    the reduced costs); ``False`` if unbounded."""
    m = len(T) - 1
    while True:
        enter = next((j for j in range(len(allowed)) if allowed[j] and F.sign(T[m][j]) < 0), None)
        if enter is None:
            return True
        best = None
        for i in range(m):
            if F.sign(T[i][enter]) > 0:
                if best is None:
                    best = i
                    continue
                # compare T[i][-1]/T[i][e] with T[best][-1]/T[best][e]
                d = F.red(T[i][-1] * T[best][enter] - T[best][-1] * T[i][enter])
                s = F.sign(d)
                if s < 0 or (s == 0 and basis[i] < basis[best]):
                    best = i
        if best is None:
            return False
        _pivot(F, T, best, enter)
        basis[best] = enter


def optimal_basis_at(lp, r: Algebraic) -> list[tuple[str, int]] | None:
    """An optimal basis of the :class:`~exactbargain.parametric.plp.ParametricLP` ``lp`` at
    ``t = r`` as column keys, or ``None`` when the LP there is infeasible or unbounded.

    Parameters
    ----------
    lp : ParametricLP
    r : Algebraic

    Returns
    -------
    list of column keys or None
    """
    F = _Field(r)
    keys = lp.columns()
    m, N = len(lp.rows), len(keys)
    cols = [lp.column(k) for k in keys]
    # free variables enter as x = x+ - x-: a second column, the negative of the first
    free = [k for k in range(N) if keys[k][0] == "x" and keys[k][1] in lp.free]
    ncols = N + len(free) + m
    T = []
    for i, (_, _, rhs) in enumerate(lp.rows):
        flip = -1 if F.sign(F.red(rhs)) < 0 else 1
        row = [F.red(cols[k][0][i]) * flip for k in range(N)] + [F.red(cols[k][0][i]) * -flip for k in free]
        row += [Poly([1 if j == i else 0]) for j in range(m)] + [F.red(rhs) * flip]
        T.append(row)
    basis = [N + len(free) + i for i in range(m)]
    # phase 1: maximise -sum(artificials); objective row = minus the reduced costs
    obj = [Poly([])] * (ncols + 1)
    for i in range(m):
        obj = [a - b for a, b in zip(obj, T[i])]
    for i in range(m):
        obj[N + len(free) + i] = Poly([])
    T.append(obj)
    allowed = [True] * (N + len(free)) + [False] * m
    equality = [lp.rows[i][1] == "=" for i in range(m)]
    for k in range(N):  # slacks of equality rows are not variables
        if keys[k][0] == "s" and equality[keys[k][1]]:
            allowed[k] = False
    _simplex(F, T, basis, allowed)
    if F.sign(T[m][-1]) != 0:
        return None
    for i in range(m):  # drive artificials (at zero) out, so phase 2 cannot raise them
        if basis[i] >= N + len(free):
            j = next((j for j in range(N + len(free)) if allowed[j] and not T[i][j].is_zero()), None)
            if j is not None:
                _pivot(F, T, i, j)
                basis[i] = j
    costs = [F.red(c) for _, c in cols] + [-F.red(cols[k][1]) for k in free] + [Poly([])] * m
    z = [-c for c in costs] + [Poly([])]
    for i, b in enumerate(basis):
        if not z[b].is_zero():
            k = z[b]
            z = [F.red(x - k * y) for x, y in zip(z, T[i])]
    T[m] = z
    if not _simplex(F, T, basis, allowed):
        return None
    out = []
    for i, b in enumerate(basis):
        if b < N:
            out.append(keys[b])
        elif b < N + len(free):
            out.append(keys[free[b - N]])
        else:
            out.append(("s", b - N - len(free)))
    return out if len(set(out)) == len(out) else None
