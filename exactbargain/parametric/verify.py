"""Exact sign decisions on intervals, and the independent re-check of basis certificates.

:func:`first_failure` decides a sign condition of a rational function on an interval: it
splits the interval at the real roots of numerator and denominator (exact isolation) and tests
one rational point per open cell and every root and closed end exactly, returning the first
(leftmost) part where the condition fails.

:func:`check_basis` re-derives a basis's solution with sympy (``DomainMatrix.lu_solve`` over
``Q(t)``, a different route from the Bareiss/Cramer computation that produced it), compares it
with the certificate's formulas, recomputes every reduced cost, and re-decides each condition
on the interval with :func:`first_failure`.

>>> from exactbargain.parametric.algebraic import poly_of
>>> iv, witness = first_failure(poly_of([-1, 0, 1]), poly_of([1]), Interval.parse("0:inf"), lambda s: s >= 0)
>>> str(iv), witness
('{0}', Fraction(0, 1))
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

import flint

from .algebraic import Interval, Point, compare, rational_between, real_roots, sign_at

__all__ = ["first_failure", "check_basis"]


def _q(x: Fraction) -> flint.fmpq:
    return flint.fmpq(x.numerator, x.denominator)


def first_failure(num: flint.fmpq_poly, den: flint.fmpq_poly, interval: Interval,
                  test: Callable[[int], bool]) -> tuple[Interval, Fraction | None] | None:
    """The leftmost part of ``interval`` where ``test(sign(num/den))`` is false (a pole of
    ``num/den`` always fails), with a rational witness in it (``None`` when the part is an
    irrational point); ``None`` when the test holds everywhere on the interval.

    Parameters
    ----------
    num, den : flint.fmpq_poly
    interval : Interval
    test : callable
        Maps a sign ``-1``, ``0``, ``1`` to whether it is acceptable.

    Returns
    -------
    tuple (Interval, Fraction or None) or None
    """
    crit: list[Point] = []
    if not num.is_zero():
        crit = real_roots(num * den)
    elif den.degree() > 0:
        crit = real_roots(den)
    inside = [r for r in crit if interval.contains(r)]
    atoms: list[tuple[Interval, Point | None]] = []
    if interval.lo is not None and interval.lo_closed and not any(compare(r, interval.lo) == 0 for r in inside):
        atoms.append((Interval(interval.lo, interval.lo, True, True), interval.lo))
    ends = [interval.lo] + inside + [interval.hi]
    for k in range(len(ends) - 1):
        a, b = ends[k], ends[k + 1]
        if a is None or b is None or compare(a, b) < 0:
            atoms.append((Interval(a, b), None))
        if k + 1 < len(ends) - 1:
            atoms.append((Interval(b, b, True, True), b))
    if interval.hi is not None and interval.hi_closed and not any(compare(r, interval.hi) == 0 for r in inside) \
            and not interval.is_point:
        atoms.append((Interval(interval.hi, interval.hi, True, True), interval.hi))
    for atom, point in atoms:
        x = point if point is not None else rational_between(atom.lo, atom.hi)
        if sign_at(den, x) == 0:
            return atom, (x if isinstance(x, Fraction) else None)
        s = sign_at(num, x) * sign_at(den, x)
        if not test(s):
            return atom, (x if isinstance(x, Fraction) else None)
    return None


def _sympy_poly(p: flint.fmpq_poly, t):
    import sympy as sp
    return sum((sp.Rational(int(c.p), int(c.q)) * t ** k for k, c in enumerate(p.coeffs())), sp.Integer(0))


def _flint_of(expr, t) -> flint.fmpq_poly:
    import sympy as sp
    poly = sp.Poly(expr, t, domain="QQ")
    return flint.fmpq_poly([flint.fmpq(int(c.numerator), int(c.denominator)) for c in reversed(poly.all_coeffs())])


def _sign_condition(expr, t, interval: Interval, want: str, what: str) -> list[str]:
    import sympy as sp
    num, den = sp.fraction(sp.cancel(sp.together(expr)))
    n, d = _flint_of(num, t), _flint_of(den, t)
    test = {">=": lambda s: s >= 0, "<=": lambda s: s <= 0, "=": lambda s: s == 0}[want]
    bad = first_failure(n, d, interval, test)
    if bad is None:
        return []
    return [f"{what}: {sp.sstr(sp.cancel(expr))} {want} 0 fails on {bad[0]}"]


def check_basis(cert, interval: Interval) -> list[str]:
    """The reasons ``cert`` (a :class:`~exactbargain.parametric.plp.BasisCertificate`) does not
    prove its basis optimal on ``interval``; empty when it does.

    Parameters
    ----------
    cert : BasisCertificate
    interval : Interval

    Returns
    -------
    list of str
    """
    import sympy as sp
    t = sp.Symbol("t")
    lp = cert.lp
    m = len(lp.rows)
    cols = [lp.column(k) for k in cert.basic]
    from sympy.polys.matrices import DomainMatrix
    K = sp.QQ.frac_field(t)
    B = DomainMatrix([[K.from_sympy(_sympy_poly(cols[c][0][r], t)) for c in range(m)] for r in range(m)], (m, m), K)
    out: list[str] = []
    det = sp.expand(K.to_sympy(B.det()))
    if first_failure(_flint_of(det, t), flint.fmpq_poly([1]), interval, lambda s: s != 0) is not None:
        out.append("the basis matrix is singular somewhere on the interval")
        return out

    def column(values: list) -> DomainMatrix:
        return DomainMatrix([[K.from_sympy(v)] for v in values], (m, 1), K)

    def solved(M: DomainMatrix, rhs: DomainMatrix) -> sp.Matrix:
        return sp.Matrix([K.to_sympy(row[0]) for row in M.lu_solve(rhs).to_list()])

    b = sp.Matrix([_sympy_poly(rhs, t) for _, _, rhs in lp.rows])
    cB = sp.Matrix([_sympy_poly(cost, t) for _, cost in cols])
    xB = solved(B, column(list(b)))
    y = solved(B.transpose(), column(list(cB)))
    sgn = 1 if lp.sense == "max" else -1
    for k, key in enumerate(cert.basic):
        if key[0] == "x" and sp.cancel(xB[k] - _sympy_poly(cert.x[key[1]].num, t) / _sympy_poly(cert.x[key[1]].den, t)) != 0:
            out.append(f"x{key[1]} differs from the sympy solution {sp.sstr(sp.cancel(xB[k]))}")
        if key[0] == "x" and key[1] in lp.free:
            continue
        want = "=" if key[0] == "s" and lp.rows[key[1]][1] == "=" else ">="
        out += _sign_condition(xB[k], t, interval, want, f"basic {key[0]}{key[1]}")
    value = sgn * (cB.T * xB)[0]
    if sp.cancel(value - _sympy_poly(cert.value.num, t) / _sympy_poly(cert.value.den, t)) != 0:
        out.append(f"the value differs from the sympy value {sp.sstr(sp.cancel(value))}")
    basic = set(cert.basic)
    for key in lp.columns():
        if key in basic or (key[0] == "s" and lp.rows[key[1]][1] == "="):
            continue
        col, cost = lp.column(key)
        reduced = _sympy_poly(cost, t) - sum(y[r] * _sympy_poly(col[r], t) for r in range(m))
        want = "=" if key[0] == "x" and key[1] in lp.free else "<="
        out += _sign_condition(reduced, t, interval, want, f"reduced cost of {key[0]}{key[1]}")
    return out
