"""LP results and their certificates, re-checked with :class:`fractions.Fraction` only.

Sign conventions (``n`` variables, ``m`` rows, ``A``, ``b``, ``c`` the user's data):

* **Dual** ``y`` (one entry per row) is the vector of *shadow prices*: ``y_i`` is the rate at
  which the optimal value changes when ``b_i`` increases. Hence

  =================  =====================  =====================
  row                ``max`` problem         ``min`` problem
  =================  =====================  =====================
  ``a_i.x <= b_i``   ``y_i >= 0``            ``y_i <= 0``
  ``a_i.x >= b_i``   ``y_i <= 0``            ``y_i >= 0``
  ``a_i.x  = b_i``   free                    free
  =================  =====================  =====================

  and the dual constraints are ``(A^T y)_j >= c_j`` (max) or ``<= c_j`` (min) for each
  non-negative variable, ``(A^T y)_j = c_j`` for each free one. An optimal pair has
  ``c.x = b.y``.
* **Farkas vector** (infeasible problems) ``y``: ``y_i >= 0`` on ``<=`` rows, ``y_i <= 0`` on
  ``>=`` rows, free on ``=`` rows; ``(A^T y)_j >= 0`` for non-negative variables,
  ``= 0`` for free ones; and ``b.y < 0``.
* **Ray** (unbounded problems) ``r``: ``r_j >= 0`` for non-negative variables;
  ``a_i.r <= 0`` on ``<=`` rows, ``>= 0`` on ``>=`` rows, ``= 0`` on ``=`` rows; ``c.r > 0``
  (max) or ``< 0`` (min); together with a feasible point.

The checks below read the model's stored integers directly and share no code with the
solver. Each check returns the list of what failed, so an empty list means the certificate
proves the claimed status.

>>> from exactbargain.lp import LP, solve
>>> lp = LP.from_matrix([[1, 1]], "<=", [1], [1, 2])
>>> res = solve(lp, method="exact")
>>> print(res)
optimal, value 2
x = (0, 1)
y = (2)
>>> res.verify()
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from operator import mul
from typing import Any, Sequence

from ..errors import LPError
from ..numbers import format_rational, format_vector
from ..tables import Renderable, Table, key_value_table, vector_cell
from .model import LPData

__all__ = [
    "Basis",
    "OptimalityCertificate",
    "InfeasibilityCertificate",
    "UnboundednessCertificate",
    "LPResult",
    "verify",
]

_STATUSES = ("optimal", "infeasible", "unbounded")


def _over_common_denominator(values: Sequence[Fraction]) -> tuple[list[int], int]:
    """``values`` as integers over one positive denominator ``D``: ``v_k = nums[k] / D``.

    ``D`` is the lcm of the distinct denominators, and ``D / q`` is worked out once per
    distinct denominator ``q`` (a certificate's thousands of entries share a handful)."""
    factor = dict.fromkeys(v.denominator for v in values)
    den = math.lcm(*factor) if factor else 1
    for q in factor:
        factor[q] = den // q
    return [v.numerator * factor[v.denominator] if v.numerator else 0 for v in values], den


def _integer_sums(data: LPData, X: Sequence[int]) -> list[int]:
    """``sum_j p_ij X_j`` for every row ``i`` (the row's integer numerators times ``X``)."""
    at = X.__getitem__
    return [sum(map(mul, nums, map(at, cols))) for cols, nums in zip(data.row_cols, data.row_nums)]


def _row_activities(data: LPData, x: Sequence[Fraction]) -> list[Fraction]:
    """``a_i . x`` for every row, exactly.

    With ``x_j = X_j / D`` and ``a_ij = p_ij / den_i`` the sum is ``(sum_j p_ij X_j) / (den_i D)``,
    an integer sum followed by one division per row.
    """
    X, D = _over_common_denominator(x)
    return [Fraction(act, den * D) for act, den in zip(_integer_sums(data, X), data.row_den)]


def _scaled_duals(data: LPData, y: Sequence[Fraction]) -> tuple[list[int], int]:
    """``y_i / den_i = Y_i / D`` for every row: integers ``Y`` and one ``D > 0``.

    Row ``i`` is ``(p_i / den_i) . x  rel  r_i / den_i``, so ``y_i a_ij = p_ij Y_i / D`` and
    ``y_i b_i = r_i Y_i / D``: both sides of the dual are integer sums over ``D``."""
    scaled = [yi if den == 1 else yi / den for yi, den in zip(y, data.row_den)]
    return _over_common_denominator(scaled)


def _column_sums(data: LPData, y: Sequence[Fraction],
                 scaled: tuple[list[int], int] | None = None) -> tuple[list[int], int]:
    """``(A^T y)_j = S_j / D`` for every column: integers ``S`` and one ``D > 0`` (``scaled``:
    :func:`_scaled_duals` of ``y`` if already at hand)."""
    Y, D = scaled or _scaled_duals(data, y)
    sums = [0] * data.num_variables
    for Yi, cols, nums in zip(Y, data.row_cols, data.row_nums):
        if Yi:
            for j, p in zip(cols, nums):
                sums[j] += p * Yi
    return sums, D


def _column_activities(data: LPData, y: Sequence[Fraction]) -> list[Fraction]:
    """``(A^T y)_j`` for every column, exactly (same integer scheme as :func:`_row_activities`)."""
    sums, D = _column_sums(data, y)
    return [Fraction(s, D) for s in sums]


def _objective(data: LPData, x: Sequence[Fraction]) -> Fraction:
    """``c . x`` exactly: the non-zero terms over one denominator, summed as integers."""
    terms = [(p, x[j]) for j, p in zip(data.obj_cols, data.obj_nums) if x[j]]
    X, D = _over_common_denominator([v for _, v in terms])
    return Fraction(sum(p * Xk for (p, _), Xk in zip(terms, X)), data.obj_den * D)


def _rhs(data: LPData) -> list[Fraction]:
    return [Fraction(r, d) for r, d in zip(data.rhs, data.row_den)]


def _check_vector(name: str, v: Sequence[Fraction], length: int) -> list[str]:
    if len(v) != length:
        return [f"{name} has {len(v)} entries, expected {length}"]
    bad = [k for k, e in enumerate(v) if type(e) is not Fraction]
    return [f"{name}[{bad[0]}] is not a Fraction"] if bad else []


def _primal_failures(data: LPData, x: Sequence[Fraction], what: str,
                     scaled: tuple[list[int], int] | None = None) -> list[str]:
    """Everything that keeps ``x`` from being a feasible point (``scaled``:
    :func:`_over_common_denominator` of ``x`` if already at hand).

    Row ``i`` reads ``(sum_j p_ij X_j) / (den_i D)  rel  r_i / den_i`` with ``x = X / D``;
    both denominators are positive, so it holds iff ``sum_j p_ij X_j  rel  r_i D`` in
    integers (fractions are formed only to word a failure)."""
    out = _check_vector(what, x, data.num_variables)
    if out:
        return out
    for j, xj in enumerate(x):
        if xj.numerator < 0 and not data.free[j]:
            out.append(f"{what}: {data.variable_label(j)} = {format_rational(xj)} < 0")
    X, D = scaled or _over_common_denominator(x)
    for i, (act, den, r, rel) in enumerate(zip(_integer_sums(data, X), data.row_den, data.rhs, data.relations)):
        rhs = r * D
        if (rel == "<=" and act > rhs) or (rel == ">=" and act < rhs) or (rel == "=" and act != rhs):
            out.append(f"{what}: row {data.row_label(i)} has {format_rational(Fraction(act, den * D))} {rel} "
                       f"{format_rational(Fraction(r, den))} false")
    return out


@dataclass(frozen=True, slots=True)
class OptimalityCertificate:
    """A primal point ``x`` and a dual point ``y`` with ``c.x = b.y``.

    Why this proves optimality (max; min is the mirror image): for any feasible ``x'`` and
    dual-feasible ``y``, ``c.x' <= sum_j (A^T y)_j x'_j`` (each ``x'_j >= 0`` meets
    ``c_j <= (A^T y)_j``; free ones meet equality) ``= sum_i y_i (a_i.x')  <= b.y`` (each
    ``y_i`` has the sign that makes ``y_i a_i.x' <= y_i b_i``). So ``b.y`` bounds every
    feasible value, and ``x`` attains it.
    """

    x: tuple[Fraction, ...]
    y: tuple[Fraction, ...]

    def check(self, data: LPData) -> list[str]:
        """The reasons this is not an optimality certificate for ``data`` (empty if it is).

        Parameters
        ----------
        data : LPData
            The problem the certificate is checked against, with plain fractions.

        Returns
        -------
        list of str
            One sentence per failed condition; empty when the certificate proves its claim.
        """
        primal = None if _check_vector("x", self.x, data.num_variables) else _over_common_denominator(self.x)
        out = _primal_failures(data, self.x, "x", primal)
        dual = _check_vector("y", self.y, data.num_rows)
        if dual:
            return out + dual
        maximise = data.sense == "max"
        for i, (yi, rel) in enumerate(zip(self.y, data.relations)):
            # shadow-price signs: <= rows carry y >= 0 in a max problem, >= rows y <= 0
            # (a Fraction's numerator carries its sign)
            if rel != "=" and yi.numerator and ((yi.numerator > 0) != ((rel == "<=") == maximise)):
                out.append(f"y: row {data.row_label(i)} ({rel}) has dual {format_rational(yi)} of the wrong sign")
        # (A^T y)_j = S_j / D and c_j = p_j / obj_den: compare S_j obj_den with p_j D
        duals = _scaled_duals(data, self.y)
        S, D = _column_sums(data, self.y, duals)
        c = [0] * data.num_variables
        for j, p in zip(data.obj_cols, data.obj_nums):
            c[j] = p * D
        for j, (Sj, cj) in enumerate(zip(S, c)):
            aty = Sj * data.obj_den
            if data.free[j]:
                ok = aty == cj
            else:
                ok = aty >= cj if maximise else aty <= cj
            if not ok:
                out.append(f"y: dual constraint of {data.variable_label(j)} fails: "
                           f"(A^T y) = {format_rational(Fraction(Sj, D))}, c = {format_rational(Fraction(cj, D * data.obj_den))}")
        if not out:
            # c.x = (sum_j p_j X_j) / (obj_den Dx) and b.y = (sum_i r_i Y_i) / Dy: cross-multiply
            X, Dx = primal
            Y, Dy = duals
            value = sum(p * X[j] for j, p in zip(data.obj_cols, data.obj_nums))
            dual_value = sum(r * Yi for r, Yi in zip(data.rhs, Y) if Yi)
            if value * Dy != dual_value * data.obj_den * Dx:
                out.append(f"c.x = {format_rational(Fraction(value, data.obj_den * Dx))} differs from "
                           f"b.y = {format_rational(Fraction(dual_value, Dy))}")
        return out

    def to_json(self) -> dict:
        """``{"x": [...], "y": [...]}`` with exact ``"p/q"`` strings.

        Returns
        -------
        dict
            The certificate's vectors as strings.
        """
        return {"x": [format_rational(v) for v in self.x], "y": [format_rational(v) for v in self.y]}


@dataclass(frozen=True, slots=True)
class InfeasibilityCertificate:
    """A Farkas vector ``y`` (one entry per row) proving that no feasible point exists.

    Proof: for any ``x`` meeting the variable bounds, the signs of ``y`` give
    ``y.(A x) <= y.b < 0``, while ``y.(A x) = sum_j (A^T y)_j x_j >= 0`` because every
    ``(A^T y)_j`` is ``>= 0`` where ``x_j >= 0`` and ``0`` where ``x_j`` is free.
    """

    y: tuple[Fraction, ...]

    def check(self, data: LPData) -> list[str]:
        """The reasons this is not a Farkas certificate for ``data`` (empty if it is).

        Parameters
        ----------
        data : LPData
            The problem the certificate is checked against, with plain fractions.

        Returns
        -------
        list of str
            One sentence per failed condition; empty when the certificate proves its claim.
        """
        out = _check_vector("farkas", self.y, data.num_rows)
        if out:
            return out
        for i, yi in enumerate(self.y):
            rel = data.relations[i]
            if (rel == "<=" and yi < 0) or (rel == ">=" and yi > 0):
                out.append(f"farkas: row {data.row_label(i)} ({rel}) has multiplier {format_rational(yi)} of the wrong sign")
        for j, aty in enumerate(_column_activities(data, self.y)):
            if (data.free[j] and aty != 0) or (not data.free[j] and aty < 0):
                out.append(f"farkas: column {data.variable_label(j)} has (A^T y) = {format_rational(aty)}")
        rhs = sum((bi * yi for bi, yi in zip(_rhs(data), self.y)), Fraction(0))
        if rhs >= 0:
            out.append(f"farkas: b.y = {format_rational(rhs)} is not negative")
        return out

    def to_json(self) -> dict:
        """``{"farkas": [...]}`` with exact ``"p/q"`` strings.

        Returns
        -------
        dict
            The certificate's vector as strings.
        """
        return {"farkas": [format_rational(v) for v in self.y]}


@dataclass(frozen=True, slots=True)
class UnboundednessCertificate:
    """A feasible ``point`` and an improving ``ray``: ``point + t ray`` is feasible for every
    ``t >= 0`` (the ray keeps every row's direction and every bound) and its value moves
    without bound in the objective's direction."""

    point: tuple[Fraction, ...]
    ray: tuple[Fraction, ...]

    def check(self, data: LPData) -> list[str]:
        """The reasons this is not an unboundedness certificate for ``data`` (empty if it is).

        Parameters
        ----------
        data : LPData
            The problem the certificate is checked against, with plain fractions.

        Returns
        -------
        list of str
            One sentence per failed condition; empty when the certificate proves its claim.
        """
        out = _primal_failures(data, self.point, "point")
        bad = _check_vector("ray", self.ray, data.num_variables)
        if bad:
            return out + bad
        for j, rj in enumerate(self.ray):
            if rj < 0 and not data.free[j]:
                out.append(f"ray: {data.variable_label(j)} = {format_rational(rj)} < 0")
        for i, act in enumerate(_row_activities(data, self.ray)):
            rel = data.relations[i]
            if (rel == "<=" and act > 0) or (rel == ">=" and act < 0) or (rel == "=" and act != 0):
                out.append(f"ray: row {data.row_label(i)} ({rel}) moves by {format_rational(act)}")
        gain = _objective(data, self.ray)
        if (gain <= 0) if data.sense == "max" else (gain >= 0):
            out.append(f"ray: objective changes by {format_rational(gain)} along it, not an improvement")
        return out

    def to_json(self) -> dict:
        """``{"point": [...], "ray": [...]}`` with exact ``"p/q"`` strings.

        Returns
        -------
        dict
            The certificate's vectors as strings.
        """
        return {
            "point": [format_rational(v) for v in self.point],
            "ray": [format_rational(v) for v in self.ray],
        }


Certificate = OptimalityCertificate | InfeasibilityCertificate | UnboundednessCertificate


@dataclass(frozen=True, slots=True)
class Basis:
    """A simplex basis in the model's own terms: the basic ``variables`` (indices) and the
    ``rows`` whose slack is basic; ``len(variables) + len(rows)`` is the number of rows.
    An equality row with a basic slack is redundant (implied by the other rows)."""

    variables: tuple[int, ...]
    rows: tuple[int, ...]

    def to_json(self) -> dict:
        """``{"variables": [...], "rows": [...]}``.

        Returns
        -------
        dict
            The basic variables and rows.
        """
        return {"variables": list(self.variables), "rows": list(self.rows)}


_CERTIFICATE_OF = {
    "optimal": OptimalityCertificate,
    "infeasible": InfeasibilityCertificate,
    "unbounded": UnboundednessCertificate,
}


def _text(v: Sequence[Fraction]) -> str:
    return format_vector(v)


@dataclass(frozen=True, slots=True, weakref_slot=True)
class LPResult(Renderable):
    """The exact answer to an LP, with the certificate that proves it.

    ``status`` is ``"optimal"``, ``"infeasible"`` or ``"unbounded"``; ``value`` is the optimal
    value (``None`` otherwise); ``x`` the optimal point (or, when unbounded, the feasible
    point of the certificate); ``y`` the dual (shadow prices, see the module docstring;
    ``None`` unless optimal); ``basis`` an optimal :class:`Basis` when the answer came from
    one (``None`` when a support certificate sufficed, or the problem has no optimum);
    ``method`` names the route that produced the answer (``"exact"``,
    ``"guided/support"``, ``"guided/basis"``, ``"guided/simplex"``, ``"guided/exact"``);
    ``lp`` is the problem solved.

    >>> from exactbargain.lp import LP, solve
    >>> res = solve(LP.from_matrix([[1]], ">=", [1], [1]), method="exact")
    >>> res.status, res.x
    ('unbounded', (Fraction(1, 1),))
    >>> res.certificate.ray
    (Fraction(1, 1),)
    """

    status: str
    value: Fraction | None
    x: tuple[Fraction, ...] | None
    y: tuple[Fraction, ...] | None
    basis: Basis | None
    certificate: Certificate
    method: str
    lp: LPData

    def check(self) -> list[str]:
        """Everything wrong with this result: an empty list means the certificate proves it.

        Returns
        -------
        list of str
            One sentence per problem found; empty when the result is proved.

        Notes
        -----
        Checks the certificate against ``lp`` and that ``status``, ``value``, ``x`` and
        ``y`` are the ones the certificate proves.
        """
        if self.status not in _STATUSES:
            return [f"unknown status {self.status!r}"]
        kind = _CERTIFICATE_OF[self.status]
        if type(self.certificate) is not kind:
            return [f"a {self.status} result needs a {kind.__name__}"]
        out = self.certificate.check(self.lp)
        cert = self.certificate
        if self.status == "optimal":
            if self.x != cert.x or self.y != cert.y:
                out.append("x and y differ from the certificate's")
            elif not out and self.value != _objective(self.lp, cert.x):
                out.append(f"value {format_rational(self.value)} is not c.x = {format_rational(_objective(self.lp, cert.x))}")
        elif self.status == "unbounded":
            if self.value is not None or self.y is not None or self.x != cert.point:
                out.append("an unbounded result has no value and no dual; x is the certificate's point")
        elif self.value is not None or self.x is not None or self.y is not None:
            out.append("an infeasible result has no value, x or y")
        return out

    def verify(self) -> bool:
        """``True`` if the certificate proves the result, ``False`` otherwise.

        Returns
        -------
        bool
            ``not self.check()`` (see :meth:`check` for the reasons of a ``False``).
        """
        return not self.check()

    def to_json(self) -> dict:
        """A JSON-ready dict; numbers are exact ``"p/q"`` strings.

        Returns
        -------
        dict
            Status, value, solutions, basis, certificate and method.
        """
        return {
            "status": self.status,
            "value": None if self.value is None else format_rational(self.value),
            "x": None if self.x is None else [format_rational(v) for v in self.x],
            "y": None if self.y is None else [format_rational(v) for v in self.y],
            "basis": None if self.basis is None else self.basis.to_json(),
            "certificate": self.certificate.to_json(),
            "method": self.method,
        }

    def __str__(self) -> str:
        if self.status == "optimal":
            return f"optimal, value {format_rational(self.value)}\nx = {_text(self.x)}\ny = {_text(self.y)}"
        if self.status == "unbounded":
            return f"unbounded\npoint = {_text(self.x)}\nray = {_text(self.certificate.ray)}"
        return f"infeasible\nfarkas = {_text(self.certificate.y)}"

    def __repr__(self) -> str:
        value = "" if self.value is None else f", value {format_rational(self.value)}"
        return f"<LPResult {self.status}{value}: {self._size()} (method {self.method})>"

    def _size(self) -> str:
        m, n = self.lp.num_rows, self.lp.num_variables
        return f"{n} variable{'s' * (n != 1)}, {m} row{'s' * (m != 1)}"

    def tables(self, *, title: str | None = None) -> list[Table]:
        """One table: the status, the value, the primal and dual solutions (or the point and
        ray of an unbounded problem, the Farkas multipliers of an infeasible one) and the
        route that produced them; vectors are cut after 200 entries.

        Parameters
        ----------
        title : str, optional
            The problem's name in the caption.

        Returns
        -------
        list of Table
            One table.

        Examples
        --------
        >>> from exactbargain.lp import LP, solve
        >>> print(solve(LP.from_matrix([[1, 1]], "<=", [4], [1, 2], sense="max")).render())
        Linear program: max over 2 variables, 1 row
        status  optimal
        ------  -------
        value   8
        x       (0, 4)
        y       (2)
        method  exact
        """
        cert = self.certificate
        rows: list[tuple[str, Any]] = []
        if self.status == "optimal":
            rows += [("value", self.value), ("x", vector_cell(self.x)), ("y", vector_cell(self.y))]
        elif self.status == "unbounded":
            rows += [("point", vector_cell(self.x)), ("ray", vector_cell(cert.ray))]
        else:
            rows.append(("Farkas multipliers", vector_cell(cert.y)))
        rows.append(("method", self.method))
        caption = f"{title or 'Linear program'}: {self.lp.sense} over {self._size()}"
        return [key_value_table(("status", self.status), rows, caption)]


def verify(result: LPResult) -> bool:
    """Re-check ``result``'s certificate against its LP with plain fractions.

    Parameters
    ----------
    result : LPResult
        An answer of :func:`~exactbargain.lp.solve` (or any result carrying its problem).

    Returns
    -------
    bool
        ``True`` if the certificate proves the result (see :meth:`LPResult.check`).

    Raises
    ------
    LPError
        If ``result`` is not an :class:`LPResult`.

    Examples
    --------
    >>> from exactbargain.lp import LP, solve
    >>> verify(solve(LP.from_matrix([[1], [1]], ["<=", ">="], [1, 2], [1]), method="exact"))
    True
    >>> verify(5)
    Traceback (most recent call last):
    ...
    exactbargain.errors.LPError: verify() takes an LPResult (an answer of exactbargain.lp.solve), got int
    """
    if not isinstance(result, LPResult):
        raise LPError(f"verify() takes an LPResult (an answer of exactbargain.lp.solve), got {type(result).__name__}")
    return result.verify()
