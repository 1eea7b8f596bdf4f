"""Parametric linear programs: exact optimal solutions as piecewise rational functions of ``t``.

A :class:`ParametricLP` has polynomial data ``A(t)``, ``b(t)``, ``c(t)``. The method is *basis
stability*:

1. at a rational sample point ``t0`` solve the ordinary LP exactly
   (:func:`exactbargain.lp.solve`, method ``"exact"``) and take its optimal basis ``B``;
2. by Cramer's rule (fraction-free Bareiss determinants over ``Q[t]``) the basic solution is
   ``x_B = adj B(t) b(t) / det B(t)`` and the duals ``y = c_B adj B(t) / det B(t)``;
3. ``B`` stays optimal wherever ``det B(t) != 0``, every basic variable (not free) is ``>= 0``
   and every reduced cost ``c_j - y.A_j`` of a non-basic variable is ``<= 0`` (maximisation),
   ``= 0`` for a free one. Multiplied by ``det B(t)`` (resp. its square) these are polynomial
   sign conditions ``p_k(t) >= 0`` / ``= 0``;
4. the connected component of ``t0`` in the set where they hold is an interval whose ends are
   real roots of ``det B`` or of some ``p_k`` (rationals or :class:`Algebraic` numbers); the
   ends belong to it when ``det B`` does not vanish there (then every ``p_k(end) >= 0`` by
   continuity);
5. the rest of the domain is covered by repeating at simple rational points of the gaps; a
   gap end that no piece covers is solved on its own: at a rational by the exact LP engine,
   at an irrational by the simplex method over ``Q(r)`` (:mod:`~exactbargain.parametric.atpoint`).

Each :class:`BasisCertificate` lists the basis and its conditions; :meth:`BasisCertificate.check`
re-derives the basic solution with sympy (a different linear-algebra route) and re-decides
every condition on its interval.

Where the method stops: the LP must have an optimum at every point of the domain (an
infeasible or unbounded sample raises :class:`ParametricError`; feasibility regions are not
traced).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Sequence

import flint

from ..errors import ExactBargainError, SolverError
from ..lp import LP, solve
from .algebraic import (Algebraic, Interval, Point, by_start, compare, irreducible_factors, rational_between,
                        roots_of_factors, sign_at)
from .expr import poly_from
from .ratfunc import RatFunc

__all__ = ["ParametricLP", "ParametricError", "BasisCertificate", "LPPiece", "solve_parametric"]

Poly = flint.fmpq_poly


class ParametricError(ExactBargainError):
    """The parametric method cannot go on (no optimum at a sample, an unresolved breakpoint)."""


def _q(x: Fraction) -> flint.fmpq:
    return flint.fmpq(x.numerator, x.denominator)


class ParametricLP:
    """``max`` (or ``min``) ``c(t).x`` subject to rows ``a_i(t).x (<=, =, >=) b_i(t)``, ``x >= 0``
    except for free variables; every coefficient a polynomial in ``t``.

    Parameters
    ----------
    num_variables : int
    free : sequence of int
        Indices of variables unrestricted in sign.
    sense : str
        ``"max"`` or ``"min"``.

    Examples
    --------
    >>> lp = ParametricLP(1)                      # max x  s.t.  x <= t, on t >= 1
    >>> lp.add_row({0: 1}, "<=", "t")
    >>> lp.set_objective({0: 1})
    >>> [(str(p.interval), str(p.certificate.value)) for p in solve_parametric(lp, Interval.parse("1:inf"))]
    [('[1, inf)', 't')]
    """

    def __init__(self, num_variables: int, free: Sequence[int] = (), sense: str = "max") -> None:
        if sense not in ("max", "min"):
            raise ValueError(f"sense must be 'max' or 'min', not {sense!r}")
        self.n = num_variables
        self.free = frozenset(free)
        self.sense = sense
        self.rows: list[tuple[dict[int, Poly], str, Poly]] = []
        self.objective: dict[int, Poly] = {}

    def add_row(self, coefficients: dict[int, Any], relation: str, rhs: Any) -> None:
        """Add ``sum_j coefficients[j] x_j  relation  rhs`` (polynomials, text or numbers)."""
        if relation not in ("<=", ">=", "="):
            raise ValueError(f"relation must be '<=', '>=' or '=', not {relation!r}")
        row = {j: poly_from(v) for j, v in coefficients.items()}
        self.rows.append(({j: p for j, p in row.items() if not p.is_zero()}, relation, poly_from(rhs)))

    def set_objective(self, coefficients: dict[int, Any]) -> None:
        """Set the objective's coefficients (the others are 0)."""
        self.objective = {j: poly_from(v) for j, v in coefficients.items()}

    def at(self, t0: Fraction) -> LP:
        """The ordinary exact LP at ``t = t0``."""
        q = _q(t0)
        lp = LP(self.sense)
        for j in range(self.n):
            lp.add_variable(f"x{j}", free=j in self.free)
        for row, rel, rhs in self.rows:
            lp.add_row({j: p(q) for j, p in row.items()}, rel, rhs(q))
        lp.set_objective({j: p(q) for j, p in self.objective.items()})
        return lp

    def column(self, key: tuple[str, int]) -> tuple[list[Poly], Poly]:
        """Standard-form column and (max-sense) cost of a structural ``("x", j)`` or slack
        ``("s", i)`` column: slacks are ``+e_i`` for ``<=`` and ``=`` rows, ``-e_i`` for ``>=``."""
        kind, j = key
        zero = Poly([])
        if kind == "x":
            col = [row.get(j, zero) for row, _, _ in self.rows]
            cost = self.objective.get(j, zero)
            return col, (cost if self.sense == "max" else -cost)
        col = [zero] * len(self.rows)
        col[j] = Poly([-1 if self.rows[j][1] == ">=" else 1])
        return col, zero

    def columns(self) -> list[tuple[str, int]]:
        """Every standard-form column key."""
        return [("x", j) for j in range(self.n)] + [("s", i) for i in range(len(self.rows))]


def _det(M: list[list[Poly]]) -> Poly:
    """Bareiss's fraction-free determinant over ``Q[t]`` (every division exact)."""
    M = [row[:] for row in M]
    n, sign, prev = len(M), 1, Poly([1])
    if n == 0:
        return Poly([1])
    for k in range(n - 1):
        if M[k][k].is_zero():
            swap = next((r for r in range(k + 1, n) if not M[r][k].is_zero()), None)
            if swap is None:
                return Poly([])
            M[k], M[swap] = M[swap], M[k]
            sign = -sign
        pivot = M[k][k]
        for i in range(k + 1, n):
            mik = M[i][k]
            for j in range(k + 1, n):
                M[i][j] = (M[i][j] * pivot - mik * M[k][j]) // prev
        prev = pivot
    return M[n - 1][n - 1] if sign > 0 else -M[n - 1][n - 1]


def _by_determinants(B: list[list[Poly]], rhs: list[Poly]) -> list[Poly]:
    """``det(B with column i replaced by rhs)`` for every ``i``, one determinant each."""
    return [_det([row[:i] + [r] + row[i + 1:] for row, r in zip(B, rhs)]) for i in range(len(B))]


def _cramer(B: list[list[Poly]], rhs: list[Poly]) -> list[Poly]:
    """Numerators ``det(B with column i replaced by rhs)``, i.e. ``det(B) * B^-1 rhs``.

    One fraction-free (Bareiss) elimination of ``[B | rhs]`` and a fraction-free back
    substitution, instead of one determinant per column: row ``i`` of the triangular system
    ``U x = c`` times the last pivot ``d = +-det B`` gives
    ``N_i = (d c_i - sum_{j > i} U_ij N_j) / U_ii`` with ``N_i = d x_i``, a polynomial (Cramer),
    so every division is exact. A singular ``B`` falls back to the determinants.
    """
    n = len(B)
    M = [row[:] + [r] for row, r in zip(B, rhs)]
    sign, prev = 1, Poly([1])
    for k in range(n - 1):
        if M[k][k].is_zero():
            swap = next((r for r in range(k + 1, n) if not M[r][k].is_zero()), None)
            if swap is None:
                return _by_determinants(B, rhs)
            M[k], M[swap] = M[swap], M[k]
            sign = -sign
        pivot = M[k][k]
        for i in range(k + 1, n):
            mik = M[i][k]
            for j in range(k + 1, n + 1):
                M[i][j] = (M[i][j] * pivot - mik * M[k][j]) // prev
        prev = pivot
    if n == 0 or M[n - 1][n - 1].is_zero():
        return _by_determinants(B, rhs)
    d = M[n - 1][n - 1]
    N: list[Poly] = [Poly([])] * n
    for i in range(n - 1, -1, -1):
        acc = d * M[i][n] - sum((M[i][j] * N[j] for j in range(i + 1, n) if not M[i][j].is_zero()), Poly([]))
        N[i] = acc // M[i][i]
    return N if sign > 0 else [-x for x in N]


def _degree_bound(B: list[list[Poly]], rhs: list[Poly]) -> int:
    """A bound on the degree of ``det B`` and of every Cramer numerator: the sum over columns
    of their largest entry degree (the right-hand side counted as one more column)."""
    cols = [max(max((row[j].degree() for row in B), default=0), 0) for j in range(len(B))]
    extra = max(max((r.degree() for r in rhs), default=0), 0)
    return sum(cols) + max(0, extra - min(cols, default=0))


def _solved(B: list[list[Poly]], rhs: list[Poly]) -> tuple[Poly, list[Poly]]:
    """``det B`` and the Cramer numerators ``det B * (B^-1 rhs)_i`` as polynomials, by exact
    evaluation and interpolation: at ``D + 1`` integers where ``B`` is regular (``D`` a degree
    bound) each is ``det B(k)`` times the exact solution of ``B(k) x = rhs(k)`` (flint's
    rational matrices), and the coefficients solve one Vandermonde system. Falls back to the
    Bareiss route when ``B`` is singular at too many integers (then ``det B = 0``)."""
    m = len(B)
    D = _degree_bound(B, rhs)
    top = max(max((e.degree() for row in B for e in row), default=0), 0)
    layers = [flint.fmpq_mat(m, m, [B[r][c][j] for r in range(m) for c in range(m)]) for j in range(top + 1)]
    points: list[int] = []
    values: list[list[flint.fmpq]] = []
    k = 0
    while len(points) < D + 1 and k < 2 * D + 2:
        q = flint.fmpq(k)
        Bk = layers[0]
        for j in range(1, top + 1):
            Bk = Bk + layers[j] * q ** j
        det = Bk.det()
        if det != 0:
            x = Bk.solve(flint.fmpq_mat(m, 1, [r(q) for r in rhs]))
            points.append(k)
            values.append([det] + [det * x[i, 0] for i in range(m)])
        k += 1
    if len(points) < D + 1:
        return _det(B), _cramer(B, rhs)
    V = flint.fmpq_mat(D + 1, D + 1, [flint.fmpq(p) ** j for p in points for j in range(D + 1)])
    coefficients = V.solve(flint.fmpq_mat(D + 1, m + 1, [v for row in values for v in row]))
    polys = [Poly([coefficients[j, i] for j in range(D + 1)]) for i in range(m + 1)]
    return polys[0], polys[1:]


@dataclass(eq=False)
class BasisCertificate:
    """An optimal basis of a :class:`ParametricLP` as functions of ``t``, with the sign
    conditions under which it is optimal.

    ``basic`` lists the basic columns (``("x", j)`` structural, ``("s", i)`` slack of row
    ``i``); ``x`` the structural primal values, ``y`` the row duals (max-sense shadow prices,
    as :mod:`exactbargain.lp` reports them for a max problem) and ``value`` the optimum, all
    :class:`RatFunc`; ``conditions`` the triples ``(what, p, kind)`` with ``kind`` ``">="``
    (``p(t) >= 0``) or ``"="`` (``p(t) = 0``) that, with ``det(t) != 0``, make it optimal.
    """

    lp: ParametricLP
    basic: tuple[tuple[str, int], ...]
    det: Poly
    x: tuple[RatFunc, ...]
    y: tuple[RatFunc, ...]
    value: RatFunc
    conditions: tuple[tuple[str, Poly, str], ...]
    _factors: list = field(default_factory=list, repr=False)

    def holds_at(self, t0: Point) -> bool:
        """Whether every condition holds and ``det != 0`` at the (rational or algebraic) ``t0``."""
        if sign_at(self.det, t0) == 0:
            return False
        return all((sign_at(p, t0) >= 0) if kind == ">=" else sign_at(p, t0) == 0 for _, p, kind in self.conditions)

    def singular_at(self, r: Point) -> bool:
        """Whether ``det B(r) = 0``."""
        return sign_at(self.det, r) == 0

    def critical_points(self) -> list[Point]:
        """The real roots of ``det`` and of every non-zero condition, increasing."""
        seen: dict[str, flint.fmpz_poly] = {}
        for p in [self.det] + [p for _, p, _ in self.conditions if not p.is_zero()]:
            for f in irreducible_factors(p):
                seen.setdefault(str(f), f)
        return roots_of_factors(seen.values())

    def check(self, interval: Interval) -> list[str]:
        """Re-derive this basis's solution with sympy and re-decide its conditions on
        ``interval``; the reasons it fails (empty when it proves optimality there).

        Parameters
        ----------
        interval : Interval
            Where the basis is claimed optimal.

        Returns
        -------
        list of str
        """
        from .verify import check_basis
        return check_basis(self, interval)


def basis_certificate(lp: ParametricLP, basic: Sequence[tuple[str, int]]) -> BasisCertificate:
    """The parametric basic solution of ``basic`` and its optimality conditions.

    Parameters
    ----------
    lp : ParametricLP
    basic : sequence of column keys
        ``len(basic)`` equals the number of rows.

    Returns
    -------
    BasisCertificate

    Raises
    ------
    SolverError
        If the basis matrix is singular as a polynomial matrix.
    """
    m = len(lp.rows)
    cols = [lp.column(k) for k in basic]
    B = [[cols[c][0][r] for c in range(m)] for r in range(m)]
    det, xn = _solved(B, [rhs for _, _, rhs in lp.rows])
    if det.is_zero():
        raise SolverError("the basis matrix is singular for every t")
    cB = [cost for _, cost in cols]
    yn = _solved([list(r) for r in zip(*B)], cB)[1]
    conds: list[tuple[str, Poly, str]] = []
    for k, key in zip(xn, basic):
        if key[0] == "x" and key[1] in lp.free:
            continue
        if key[0] == "s" and lp.rows[key[1]][1] == "=":
            conds.append((f"slack of equality row {key[1]} = 0", k, "="))
        else:
            conds.append((f"basic {key[0]}{key[1]} >= 0", k * det, ">="))
    inb = set(basic)
    for key in lp.columns():
        if key in inb or (key[0] == "s" and lp.rows[key[1]][1] == "="):
            continue
        col, cost = lp.column(key)
        reduced = cost * det - sum((yi * a for yi, a in zip(yn, col) if not a.is_zero()), Poly([]))
        if key[0] == "x" and key[1] in lp.free:
            conds.append((f"reduced cost of free x{key[1]} = 0", reduced, "="))
        else:
            conds.append((f"reduced cost of {key[0]}{key[1]} <= 0", -reduced * det, ">="))
    sgn = 1 if lp.sense == "max" else -1
    x = [RatFunc(Poly([]))] * lp.n
    for k, key in zip(xn, basic):
        if key[0] == "x":
            x[key[1]] = RatFunc(k, det)
    value = RatFunc(sum((c * k for c, k in zip(cB, xn)), Poly([])), det) * sgn
    y = tuple(RatFunc(v, det) * sgn for v in yn)
    return BasisCertificate(lp, tuple(basic), det, tuple(x), y, value, tuple(conds))


def basis_at(lp: ParametricLP, t0: Fraction) -> BasisCertificate:
    """Solve at ``t0`` exactly and return the parametric form of its optimal basis.

    Raises
    ------
    ParametricError
        If the LP at ``t0`` has no optimum.
    SolverError
        If the basis found is not optimal at ``t0`` by its own conditions (a defect).
    """
    res = solve(lp.at(t0), method="exact")
    if res.status != "optimal" or res.basis is None:
        raise ParametricError(f"at t = {t0} the LP is {res.status}; the parametric method needs an optimum everywhere")
    basic = [("x", j) for j in res.basis.variables] + [("s", i) for i in res.basis.rows]
    cert = basis_certificate(lp, basic)
    if not cert.holds_at(t0) or cert.value(t0) != res.value:
        raise SolverError(f"the optimal basis at t = {t0} fails its own optimality conditions")
    return cert


def component(cert: BasisCertificate, t0: Fraction) -> Interval:
    """The largest interval around ``t0`` on which ``cert``'s basis is optimal."""
    roots = cert.critical_points()
    pos = sum(1 for r in roots if compare(r, t0) < 0)
    at_root = pos < len(roots) and compare(roots[pos], t0) == 0

    def cell_ok(k: int) -> bool:  # the open cell between roots[k-1] and roots[k]
        lo = roots[k - 1] if k > 0 else None
        hi = roots[k] if k < len(roots) else None
        s = rational_between(lo, hi)
        return all((p(_q(s)) >= 0) if kind == ">=" else p(_q(s)) == 0 for _, p, kind in cert.conditions)

    def walk(start_cell: int, step: int) -> tuple[Point | None, bool]:
        k = start_cell
        while True:
            r_index = k if step > 0 else k - 1
            if r_index < 0 or r_index >= len(roots):
                return None, False
            r = roots[r_index]
            if cert.singular_at(r):
                return r, False
            nxt = k + step
            if not cell_ok(nxt):
                return r, True
            k = nxt

    if at_root:
        lo, lc = (walk(pos, -1) if cell_ok(pos) else (t0, True))
        hi, hc = (walk(pos + 1, 1) if cell_ok(pos + 1) else (t0, True))
    else:
        lo, lc = walk(pos, -1)
        hi, hc = walk(pos, 1)
    return Interval(lo, hi, lc, hc)


@dataclass(frozen=True, eq=False)
class LPPiece:
    """One piece of a parametric LP solution: ``certificate``'s basis is optimal on
    ``interval`` (and on the larger ``component``)."""

    interval: Interval
    certificate: BasisCertificate
    component: Interval


def _order(a: LPPiece, b: LPPiece) -> int:
    return by_start(a.interval, b.interval)


def solve_parametric(lp: ParametricLP, domain: Interval) -> list[LPPiece]:
    """Optimal bases covering ``domain``: pieces in increasing order, no gap, no overlap.

    Parameters
    ----------
    lp : ParametricLP
    domain : Interval

    Returns
    -------
    list of LPPiece

    Raises
    ------
    ParametricError
        Where the method stops (see the module docstring).
    """
    pieces: list[LPPiece] = []
    if not domain.is_point:
        gaps: list[tuple[Point | None, Point | None]] = [(domain.lo, domain.hi)]
        while gaps:
            a, b = gaps.pop()
            t0 = rational_between(a, b)
            cert = basis_at(lp, t0)
            comp = component(cert, t0)
            piece = comp.intersect(Interval(a, b))
            assert piece is not None
            pieces.append(LPPiece(piece, cert, comp))
            if comp.lo is not None and (a is None or compare(comp.lo, a) > 0):
                gaps.append((a, comp.lo))
            if comp.hi is not None and (b is None or compare(comp.hi, b) < 0):
                gaps.append((comp.hi, b))
    for r in _loose_points(pieces, domain):
        pieces = _cover_point(lp, pieces, r)
    pieces = sorted(pieces, key=functools.cmp_to_key(_order))
    for k in range(len(pieces) - 1):  # a breakpoint both neighbours' bases cover closes the left piece
        a, b = pieces[k], pieces[k + 1]
        if b.interval.lo_closed and not b.interval.is_point and a.interval.hi is not None \
                and a.component.contains(a.interval.hi):
            pieces[k] = replace(a, interval=replace(a.interval, hi_closed=True))
            pieces[k + 1] = replace(b, interval=replace(b.interval, lo_closed=False))
    return pieces


def _basis_near(lp: ParametricLP, pieces: list[LPPiece], r: Algebraic) -> BasisCertificate | None:
    """A basis optimal at the irrational ``r``: a known one if it is, else the optimal basis of
    the simplex method over ``Q(r)`` (:mod:`~exactbargain.parametric.atpoint`)."""
    for piece in pieces:
        if piece.certificate.holds_at(r):
            return piece.certificate
    from .atpoint import optimal_basis_at
    basic = optimal_basis_at(lp, r)
    if basic is None:
        return None
    cert = basis_certificate(lp, basic)
    return cert if cert.holds_at(r) else None


def _loose_points(pieces: list[LPPiece], domain: Interval) -> list[Point]:
    ends: list[Point] = []
    for p in pieces:
        ends += [e for e in (p.interval.lo, p.interval.hi) if e is not None]
    if domain.is_point:
        ends.append(domain.lo)
    out: list[Point] = []
    for e in ends:
        if domain.contains(e) and not any(p.interval.contains(e) for p in pieces) \
                and not any(compare(e, o) == 0 for o in out):
            out.append(e)
    return out


def _cover_point(lp: ParametricLP, pieces: list[LPPiece], r: Point) -> list[LPPiece]:
    # the piece ending at r first (so a breakpoint closes the piece on its left), then the one starting there
    for side in ("hi", "lo"):
        for k, p in enumerate(pieces):
            end = getattr(p.interval, side)
            if end is not None and compare(end, r) == 0 and p.component.contains(r):
                iv = replace(p.interval, **{f"{side}_closed": True})
                return pieces[:k] + [replace(p, interval=iv)] + pieces[k + 1:]
    if isinstance(r, Algebraic):
        cert = _basis_near(lp, pieces, r)
        if cert is not None:
            return pieces + [LPPiece(Interval(r, r, True, True), cert, Interval(r, r, True, True))]
        raise ParametricError(f"at t = {r} no optimal basis was found (the LP there may be "
                              "infeasible or unbounded)")
    cert = basis_at(lp, r)
    return pieces + [LPPiece(Interval(r, r, True, True), cert, component(cert, r))]
