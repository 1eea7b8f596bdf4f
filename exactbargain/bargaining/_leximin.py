"""Exact LPs over a payoff polytope given as the linear image of a polytope of distributions.

A *domain* is a polytope ``X = {x >= 0 : rows}`` of weights together with a payoff map
``d_i(x) = sum_k x_k c_ik``. Two domains are used:

* the correlated equilibria of a game (``x = mu`` over profiles; rows = incentive rows and
  ``sum mu = 1``; ``c_ik = u_i(profile k)``);
* the convex hull of given payoff points (``x = lambda`` over the points; row ``sum = 1``),
  used for the convex hull of Nash equilibrium payoffs.

Every question is an LP over ``X`` solved exactly by :func:`exactbargain.lp.solve`, whose
result carries an optimality certificate. *Faces* are given by payoff equalities
``w . d = value`` (exact arithmetic makes equality rows safe).

Leximin relative to a base ``b`` over a face ``F`` (THEORY.md §2.4), by sequential max–min:
with the fixed players held, maximise ``t`` subject to ``d_i - b_i >= t`` for every free
``i``. Every free player whose row has a non-zero optimal dual price is tight in *every*
optimal solution (complementary slackness), so it is fixed at ``b_i + t*``; the dual
constraint of the free variable ``t`` makes the duals of these rows sum to 1, so at least one
player is fixed per round. The leximin point is optimal in every round, hence this is
THEORY's sequence with the per-player "can ``d_i`` still rise?" LPs replaced by reading the
certificate's dual: at most ``n`` LPs, and the last round's solution is the witness.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import flint

from ..errors import ExactBargainError
from ..lp import LP, LPResult, solve
from ..numbers import fraction_of, to_fmpq

__all__ = ["Domain", "LPStep", "Point"]

_ZERO = flint.fmpq(0)


@dataclass(frozen=True, slots=True)
class LPStep:
    """One LP of a derivation: what was optimised, its optimal value and the certified result."""

    what: str
    value: Fraction
    certificate: LPResult

    def check(self) -> list[str]:
        """The certificate's failures, and a value that differs from the certified one."""
        out = [f"{self.what}: {m}" for m in self.certificate.check()]
        if self.certificate.value != self.value:
            out.append(f"{self.what}: value {self.value} is not the certified {self.certificate.value}")
        return out


@dataclass(frozen=True, slots=True)
class Point:
    """A point of a domain: the weights ``x`` and the payoffs ``d(x)``."""

    x: tuple[Fraction, ...]
    payoffs: tuple[Fraction, ...]


def _int_row(coefficients: dict[int, Any]) -> dict[int, int]:
    den = 1
    for c in coefficients.values():
        q = int(c.q)
        den = den * q // math.gcd(den, q)
    return {k: int(c * den) for k, c in coefficients.items() if c}


class Domain:
    """Payoffs ``d(x) = C x`` over the polytope ``{x >= 0 : rows, sum x = 1}``.

    ``payoff_rows[i][k]`` is ``c_ik`` (``fmpq``); ``rows`` are extra ``(sparse int row,
    relation, rhs)`` triples (the incentive rows of a CE domain).
    """

    def __init__(self, payoff_rows: Sequence[Sequence[Any]], rows: Sequence[tuple[dict, str, int]] = (),
                 labels: Sequence[str] | None = None) -> None:
        self.n = len(payoff_rows)
        self.size = len(payoff_rows[0])
        self.payoff_rows = [list(r) for r in payoff_rows]
        self.rows = list(rows)
        self.labels = tuple(labels) if labels is not None else tuple(f"d{i + 1}" for i in range(self.n))
        self.lp_count = 0

    # ------------------------------------------------------------------ LP plumbing
    def linear(self, weights: Sequence[Any]) -> dict[int, Any]:
        """``sum_i w_i d_i`` as a sparse row over ``x``."""
        out: dict[int, Any] = {}
        for i, w in enumerate(weights):
            w = to_fmpq(w)
            if w == 0:
                continue
            for k, c in enumerate(self.payoff_rows[i]):
                if c:
                    out[k] = out.get(k, _ZERO) + w * c
        return {k: c for k, c in out.items() if c}

    def payoffs(self, x: Sequence[Any]) -> tuple[Fraction, ...]:
        """``d(x)`` as Fractions."""
        xs = [to_fmpq(v) for v in x]
        return tuple(fraction_of(sum((c * v for c, v in zip(row, xs) if v and c), _ZERO))
                     for row in self.payoff_rows)

    def _solve(self, objective: dict[int, Any], sense: str, extra: Sequence[tuple[dict, str, Any]],
               extra_vars: int = 0, free: Sequence[int] = ()) -> LPResult:
        rows: list[Any] = [r for r, _, _ in self.rows]
        relations = [rel for _, rel, _ in self.rows]
        rhs: list[Any] = [b for _, _, b in self.rows]
        rows.append({k: 1 for k in range(self.size)})
        relations.append("=")
        rhs.append(1)
        for row, rel, value in extra:
            rows.append(row)
            relations.append(rel)
            rhs.append(value)
        width = self.size + extra_vars
        c = dict(objective) if objective else {}
        c.setdefault(width - 1, 0)
        lp = LP.from_matrix(rows, relations, rhs, c, sense=sense, free=free)
        self.lp_count += 1
        result = solve(lp)
        if result.status != "optimal":  # the domain is a non-empty polytope
            raise ExactBargainError(f"an LP over a non-empty polytope came back {result.status}; this is a solver defect")
        return result

    def face_rows(self, face: Sequence[tuple[Sequence[Fraction], Fraction]]) -> list[tuple[dict, str, Any]]:
        """The equality rows of a face ``w . d = value``."""
        return [(self.linear(w), "=", to_fmpq(v)) for w, v in face]

    def optimize(self, weights: Sequence[Any], sense: str = "max",
                 face: Sequence[tuple[Sequence[Fraction], Fraction]] = (),
                 constraints: Sequence[tuple[Sequence[Any], str, Any]] = ()) -> tuple[Point, LPResult]:
        """Optimise ``w . d`` over the face; returns the optimal point and the certified result."""
        extra = self.face_rows(face) + [(self.linear(w), rel, to_fmpq(v)) for w, rel, v in constraints]
        result = self._solve(self.linear(weights), sense, extra)
        x = tuple(result.x[: self.size])
        return Point(x, self.payoffs(x)), result

    def maxmin(self, base: Sequence[Fraction], free: Sequence[int], fixed: dict[int, Fraction],
               face: Sequence[tuple[Sequence[Fraction], Fraction]]) -> tuple[Fraction, list[int], Point, LPResult]:
        """``max t`` s.t. ``d_i - b_i >= t`` (free ``i``), fixed players held, on the face.

        Returns ``t*``, the free players whose row has a non-zero dual (tight at every
        optimum), the optimal point and the result."""
        N = self.size
        extra = self.face_rows(face)
        for i, value in sorted(fixed.items()):
            extra.append((self.linear([1 if j == i else 0 for j in range(self.n)]), "=", to_fmpq(value)))
        first = len(self.rows) + 1 + len(extra)
        for i in free:
            b = to_fmpq(base[i])
            row = {k: c - b for k, c in enumerate(self.payoff_rows[i]) if c - b != 0}
            row[N] = -1
            extra.append((row, ">=", 0))
        result = self._solve({N: 1}, "max", extra, extra_vars=1, free=[N])
        tight = [i for k, i in enumerate(free) if result.y[first + k] != 0]
        if not tight:
            raise ExactBargainError("the max-min LP's dual prices no free player; this is a solver defect")
        x = tuple(result.x[:N])
        return result.value, tight, Point(x, self.payoffs(x)), result

    # ------------------------------------------------------------------ derived questions
    def floor(self, face: Sequence[tuple[Sequence[Fraction], Fraction]], steps: list[LPStep],
              where: str) -> tuple[Fraction, ...]:
        """``min d_i`` over the face for every player (``n`` LPs, recorded in ``steps``)."""
        out = []
        for i in range(self.n):
            point, result = self.optimize([1 if j == i else 0 for j in range(self.n)], "min", face)
            steps.append(LPStep(f"min {self.labels[i]} over {where}", result.value, result))
            out.append(result.value)
        return tuple(out)

    def leximin(self, base: Sequence[Fraction], face: Sequence[tuple[Sequence[Fraction], Fraction]],
                steps: list[LPStep], where: str) -> Point:
        """The leximin point of ``d - base`` over the face (see the module docstring)."""
        free = list(range(self.n))
        fixed: dict[int, Fraction] = {}
        point = None
        while free:
            t, tight, point, result = self.maxmin(base, free, fixed, face)
            names = ", ".join(self.labels[i] for i in tight)
            steps.append(LPStep(f"leximin round over {where}: max min_i (d_i - l_i) over "
                                f"{', '.join(self.labels[i] for i in free)} (fixes {names} at l_i + t)", t, result))
            for i in tight:
                fixed[i] = Fraction(base[i]) + t
            free = [i for i in free if i not in tight]
        assert point is not None
        if point.payoffs != tuple(fixed[i] for i in range(self.n)):
            raise ExactBargainError("the leximin witness does not pay the fixed values; this is a solver defect")
        return point


def rank(face: Sequence[tuple[Sequence[Fraction], Fraction]], n: int) -> int:
    """The rank of a face's payoff equalities (``n`` means the face is one payoff point)."""
    if not face:
        return 0
    return flint.fmpq_mat([[to_fmpq(w) for w in ws] for ws, _ in face]).rank()


def solve_face(face: Sequence[tuple[Sequence[Fraction], Fraction]], n: int) -> tuple[Fraction, ...]:
    """The unique payoff vector of a face of full rank ``n``."""
    rows = [[to_fmpq(w) for w in ws] for ws, _ in face]
    values = [to_fmpq(v) for _, v in face]
    M = flint.fmpq_mat(rows)
    # least-squares normal equations are exact and consistent here
    Mt = M.transpose()
    sol = (Mt * M).solve(Mt * flint.fmpq_mat(len(values), 1, values))
    return tuple(fraction_of(v) for v in sol.entries())
