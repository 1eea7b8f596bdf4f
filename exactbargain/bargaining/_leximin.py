"""Exact LPs over a payoff polytope given as the linear image of a polytope of distributions.

A *domain* is a polytope ``X = {x >= 0 : rows, sum x = 1}`` of weights together with a payoff
map ``d_i(x) = sum_k x_k c_ik``. Two domains are used:

* the correlated equilibria of a game (``x = mu`` over profiles; rows = incentive rows;
  ``c_ik = u_i(profile k)``);
* the convex hull of given payoff points (``x = lambda`` over the points, no other rows),
  used for the hull of Nash equilibrium payoffs.

Every question is an LP over ``X`` solved exactly by :func:`exactbargain.lp.solve`, whose
result carries a certificate (re-checked by :meth:`LPStep.check`).

*Faces.* The optimal face of an LP is described by complementary slackness with its
certified dual ``y`` (a :class:`Face`): columns with non-zero reduced cost are 0 and rows with
non-zero price are tight, at *every* optimum. Optimising the next objective over that face
is exact and avoids the equality row ``objective = optimum``, a degenerate cut that is hard
on the LP engine. This is how lexicographic optimisation (``F_1 = argmax``, then
``F_2 = argmax`` over ``F_1``) runs.

*Leximin relative to a base ``b`` over a face ``F``* (docs/theory.md §2.4) by sequential max–min.
Each round computes ``t* = max_F min_{i free} (d_i - b_i)`` through its Lagrangian dual
``min_{lam in simplex} max_F sum_i lam_i (d_i - b_i)``, using objective-only LPs over ``F``
(the direct LP with a free variable ``t`` and the floors on the right-hand side stalls the LP
engine on larger games): a small master LP over ``lam`` and the cuts found so far proposes
``lam``; an LP over ``F`` either confirms the master's bound (then it is ``t*`` and ``lam``
is an optimal dual) or adds a cut. Players with ``lam_i > 0`` are tight at every max–min
point, so they are fixed at ``b_i + t*`` — the dual replaces §2.4's per-player "can ``d_i``
still rise?" LPs; the master's own dual mixes the cut points into a max–min point, which is
the witness. Two players use the same dual in one variable, with the two lexicographic
maxima deciding the boundary cases (:meth:`Domain._leximin2`).
"""

from __future__ import annotations

import functools
import math
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

import flint

from ..errors import SolverError
from ..lp import LP, LPData, LPResult, solve
from ..numbers import format_rational, fraction_of, to_fmpq

__all__ = ["CheckCache", "Domain", "Face", "LPStep", "Point"]

_ZERO = flint.fmpq(0)

class CheckCache:
    """What ``check()`` found for an object, remembered while the object lives.

    Results and certificates are shared (cached selections are reused across rules and
    coalition games), so each is checked once. Entries are keyed by identity and hold the
    object only through a weak reference: an entry is dropped when its object dies, so a later
    object that reuses the id never sees a stale entry, and the cache keeps nothing alive. At
    most ``size`` entries are kept; the least recently used goes first.

    >>> cache = CheckCache(2)
    >>> result = solve(LP.from_matrix([[1]], "<=", [1], [1]))
    >>> cache.failures(result, result.check), len(cache)
    ([], 1)
    >>> del result
    >>> len(cache)
    0
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[int, tuple[weakref.ref, list[str]]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def failures(self, obj: Any, check: Callable[[], list[str]]) -> list[str]:
        """``check()``'s answer for ``obj``, computed on the first call (a fresh list)."""
        key = id(obj)
        hit = self._entries.get(key)
        if hit is not None and hit[0]() is obj:
            self._entries.move_to_end(key)
            return list(hit[1])
        found = list(check())
        self._entries[key] = (weakref.ref(obj, functools.partial(self._forget, key)), found)
        self._entries.move_to_end(key)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)
        return list(found)

    def _forget(self, key: int, ref: weakref.ref) -> None:
        hit = self._entries.get(key)
        if hit is not None and hit[0] is ref:
            del self._entries[key]


#: LP certificates already checked.
_CHECKED = CheckCache(4096)


@dataclass(frozen=True, slots=True)
class LPStep:
    """One LP of a derivation: what was optimised, its optimal value and the certified result."""

    what: str
    value: Fraction
    certificate: LPResult

    def check(self) -> list[str]:
        """The certificate's failures, and a value that differs from the certified one.

        A certificate shared by several results (cached selections are reused across rules
        and coalition games) is checked once while it lives (:class:`CheckCache`)."""
        found = _CHECKED.failures(self.certificate, self.certificate.check)
        out = [f"{self.what}: {m}" for m in found]
        if self.certificate.value != self.value:
            out.append(f"{self.what}: value {self.value} is not the certified {self.certificate.value}")
        return out


@dataclass(frozen=True, slots=True)
class Point:
    """A point of a domain: the weights ``x`` and the payoffs ``d(x)``."""

    x: tuple[Fraction, ...]
    payoffs: tuple[Fraction, ...]


def _integer_rows(rows: Sequence[dict], rhs: Sequence[Any]) -> tuple[list, list, list]:
    """Each sparse row ``a . x (rel) b`` scaled by the lcm of its denominators into integers
    (the same inequality): column tuples, numerator tuples and right-hand sides."""
    row_cols, row_nums, out_rhs = [], [], []
    for row, b in zip(rows, rhs):
        if type(b) is int and all(type(v) is int for v in row.values()):  # already integers
            cols = sorted(row)
            nums = [row[j] for j in cols]
            if 0 in nums:
                cols = [j for j, v in zip(cols, nums) if v]
                nums = [v for v in nums if v]
            row_cols.append(tuple(cols))
            row_nums.append(tuple(nums))
            out_rhs.append(b)
            continue
        b = to_fmpq(b)
        den = int(b.q)
        items = sorted((j, v) for j, v in row.items() if v)
        for _, v in items:
            if type(v) is not int:
                q = int(v.q)
                if q != 1:
                    den = den * q // math.gcd(den, q)
        row_cols.append(tuple(j for j, _ in items))
        row_nums.append(tuple(v * den if type(v) is int else int(v * den) for _, v in items))
        out_rhs.append(int(b * den))
    return row_cols, row_nums, out_rhs


def _lp_data(converted: tuple[list, list, list], relations: Sequence[str], objective: dict,
             sense: str, width: int, free: Sequence[int]) -> LPData:
    """The LP snapshot straight from integer rows (skips the builder's per-entry coercion)."""
    row_cols, row_nums, out_rhs = converted
    obj = sorted((j, to_fmpq(v)) for j, v in objective.items() if v)
    obj_den = 1
    for _, v in obj:
        obj_den = obj_den * int(v.q) // math.gcd(obj_den, int(v.q))
    free_set = set(free)
    return LPData(
        sense=sense,
        variable_names=(None,) * width,
        free=tuple(j in free_set for j in range(width)),
        row_names=(None,) * len(row_cols),
        relations=tuple(relations),
        row_cols=tuple(row_cols),
        row_nums=tuple(row_nums),
        row_den=(1,) * len(row_cols),
        rhs=tuple(out_rhs),
        obj_cols=tuple(j for j, _ in obj),
        obj_nums=tuple(int(v * obj_den) for _, v in obj),
        obj_den=obj_den,
    )


def _int_row(coefficients: dict[int, Any]) -> dict[int, int]:
    """An ``fmpq`` row times the lcm of its denominators (the same inequality ``>= 0``)."""
    den = math.lcm(*{int(c.q) for c in coefficients.values()})
    if den == 1:
        return {k: int(c.p) for k, c in coefficients.items() if c}
    return {k: int(c * den) for k, c in coefficients.items() if c}


def _priced_columns(rows: Sequence[dict], y: Sequence[Fraction], objective: dict, columns: int) -> list[int]:
    """The columns ``j < columns`` with a non-zero reduced cost ``sum_k y_k a_kj - c_j``
    (``rows[k]`` maps columns to ``a_kj``, ``objective`` to ``c_j``), in increasing order.

    With integer rows the sums run in integers: ``y = Y / D`` over one denominator and
    ``c = C / q``, so the reduced cost is ``(q sum_k Y_k a_kj - C_j D) / (D q)``, zero iff its
    numerator is. (The prices of a 40x40 CE LP with a 9,600-bit objective have 9,600-bit
    denominators: 0.44 s of ``fmpq`` sums, each reducing by a gcd, against 10 ms.) Rows with
    rational entries are summed in ``fmpq``."""
    priced = [(k, yk) for k, yk in enumerate(y) if yk]
    if any(type(a) is not int for k, _ in priced for a in rows[k].values()):
        reduced = [-objective.get(j, _ZERO) for j in range(columns)]
        for k, yk in priced:
            yq = to_fmpq(yk)
            for j, a in rows[k].items():
                if j < columns:
                    reduced[j] += yq * a
        return [j for j in range(columns) if reduced[j] != 0]
    den = math.lcm(*{yk.denominator for _, yk in priced}) if priced else 1
    sums = [0] * columns
    for k, yk in priced:
        Yk = yk.numerator * (den // yk.denominator)
        for j, a in rows[k].items():
            if j < columns:
                sums[j] += Yk * a
    c = {j: to_fmpq(v) for j, v in objective.items() if j < columns and v}
    q = math.lcm(*{int(v.q) for v in c.values()}) if c else 1
    cost = {j: int(v * q) * den for j, v in c.items()}
    return [j for j in range(columns) if sums[j] * q != cost.get(j, 0)]


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
        self._base_cache: dict = {}
        self._rows_cache: dict = {}
        #: Solved LPs by (weights, sense, face rows, constraints): the rules of one game ask
        #: for the same LPs again (the lexicographic maxima, floors), and an answer given
        #: once is given again unchanged.
        self._solved: dict = {}
        self._payoff_ints: list | None = None

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
        """``d(x)`` as Fractions.

        For Fraction weights the sums run in integers: ``x = X / D`` over one denominator
        and each payoff row ``c_i = N_i / q_i`` over its own, so ``d_i(x) = (N_i . X) / (q_i D)``
        (the ``fmpq`` sums reduced by a gcd at every term: 8 ms a point on a 40x40 game)."""
        terms = [(k, v) for k, v in enumerate(x) if v]
        if any(type(v) is not Fraction for _, v in terms):
            xs = [to_fmpq(v) for v in x]
            return tuple(fraction_of(sum((c * v for c, v in zip(row, xs) if v and c), _ZERO))
                         for row in self.payoff_rows)
        den = math.lcm(*{v.denominator for _, v in terms}) if terms else 1
        X = [(k, v.numerator * (den // v.denominator)) for k, v in terms]
        return tuple(Fraction(sum(nums[k] * Xk for k, Xk in X), q * den) for nums, q in self._integer_payoffs())

    def _integer_payoffs(self) -> list[tuple[list[int], int]]:
        """Each payoff row as integer numerators over the lcm of its denominators."""
        if self._payoff_ints is None:
            self._payoff_ints = []
            for row in self.payoff_rows:
                q = math.lcm(*{int(to_fmpq(c).q) for c in row}) if row else 1
                self._payoff_ints.append(([int(to_fmpq(c) * q) for c in row], q))
        return self._payoff_ints

    def _solve(self, objective: dict[int, Any], sense: str, face: "Face",
               extra: Sequence[tuple[dict, str, Any]] = (), with_t: bool = False) -> "_Solved":
        """One LP over the face: columns in ``face.zero`` are dropped, rows in ``face.tight``
        are equalities, ``face.held`` payoff equalities and ``extra`` rows are added; with
        ``with_t`` a free variable ``t`` (full index ``size``) is appended."""
        keep = [j for j in range(self.size) if j not in face.zero]
        index = {j: k for k, j in enumerate(keep)}
        if with_t:
            index[self.size] = len(keep)
        width = len(keep) + (1 if with_t else 0)

        def restrict(row: dict) -> dict:
            return {index[j]: v for j, v in row.items() if j in index}

        key = (face.zero, face.tight)
        base = self._base_cache.get(key)
        if base is None:
            brows = [restrict(row) for row, _, _ in self.rows] + [{k: 1 for k in range(len(keep))}]
            brel = ["=" if k in face.tight else rel for k, (_, rel, _) in enumerate(self.rows)] + ["="]
            brhs = [b for _, _, b in self.rows] + [1]
            base = (brows, brel, brhs, _integer_rows(brows, brhs))
            if len(self._base_cache) > 64:
                self._base_cache.clear()
            self._base_cache[key] = base
        rows: list[dict] = list(base[0])
        relations: list[str] = list(base[1])
        rhs: list[Any] = list(base[2])
        converted = base[3]
        for w, value in face.held:
            rows.append(restrict(self.linear(w)))
            relations.append("=")
            rhs.append(to_fmpq(value))
        first_extra = len(rows)
        for row, rel, value in extra:
            rows.append(restrict(row))
            relations.append(rel)
            rhs.append(value)
        c = restrict(objective)
        c.setdefault(width - 1, 0)
        if extra or with_t:
            extra_cols, extra_nums, extra_rhs = _integer_rows(rows[len(base[0]):], rhs[len(base[0]):])
            lp = _lp_data((converted[0] + extra_cols, converted[1] + extra_nums, converted[2] + extra_rhs),
                          relations, c, sense, width, [width - 1] if with_t else [])
        else:
            # objective-only LPs over one face share its rows: the engine's integer and
            # float forms of them are built once. Each LP still starts HiGHS afresh (the
            # engine would start it from the previous LP's basis): measured on a 40x40 CE
            # polytope, min d_2 started from min d_1's optimal basis took 13,287 iterations
            # and 45 s, against 5,714 iterations and 4.6 s cold; and a cold start keeps
            # every answer a function of its LP alone, whatever was asked before.
            rows_key = (face.zero, face.tight, face.held)
            shared = self._rows_cache.get(rows_key)
            if shared is None:
                extra_cols, extra_nums, extra_rhs = _integer_rows(rows[len(base[0]):], rhs[len(base[0]):])
                shared = _lp_data((converted[0] + extra_cols, converted[1] + extra_nums, converted[2] + extra_rhs),
                                  relations, {}, "max", width, [])
                if len(self._rows_cache) > 64:
                    self._rows_cache.clear()
                self._rows_cache[rows_key] = shared
            lp = shared.with_objective({j: v for j, v in c.items() if v}, sense)
            lp.cache["rows"].pop("highs", None)
        self.lp_count += 1
        result = solve(lp)
        if result.status != "optimal":  # the domain is a non-empty polytope
            raise SolverError(f"an LP over a non-empty polytope came back {result.status}")
        x = [Fraction(0)] * self.size
        for j, k in index.items():
            if j < self.size:
                x[j] = result.x[k]
        return _Solved(result, keep, rows, c, first_extra, tuple(x))

    def _refine(self, face: "Face", solved: "_Solved", held=(), implied=()) -> "Face":
        """The optimal face of a solved LP, by complementary slackness with its certified
        dual ``y``: a column with non-zero reduced cost is 0 and a row with non-zero price is
        tight at *every* optimum. This describes the optimal face without an equality row
        ``objective = optimum`` (which is degenerate and hard on the LP engine)."""
        if not solved.sets:
            y = solved.result.y
            columns = len(solved.keep)
            moved = _priced_columns(solved.rows, y, solved.objective, columns)
            solved.sets.append(frozenset(solved.keep[j] for j in moved))
            solved.sets.append(frozenset(k for k in range(len(self.rows)) if y[k] != 0))
        zero, tight = solved.sets
        return Face(face.zero | zero, face.tight | tight, face.held + tuple(held), face.implied + tuple(implied))

    def optimize(self, weights: Sequence[Any], sense: str = "max", face: "Face | None" = None,
                 constraints: Sequence[tuple[Sequence[Any], str, Any]] = (),
                 with_face: bool = True) -> tuple[Point, LPResult, "Face | None"]:
        """Optimise ``w . d`` over the face; returns the optimal point, the certified result
        and the optimal face (which satisfies ``w . d = optimum``; ``None`` unless
        ``with_face``: working it out costs a pass over the rows with the LP's dual).

        An LP asked for again (the same weights, sense, face rows and constraints) gets the
        same answer without being solved again."""
        face = face or Face()
        weights = tuple(Fraction(w) for w in weights)
        key = (weights, sense, face.zero, face.tight, face.held,
               tuple((tuple(Fraction(w) for w in ws), rel, Fraction(v)) for ws, rel, v in constraints))
        hit = self._solved.get(key)
        if hit is None:
            extra = [(self.linear(w), rel, to_fmpq(v)) for w, rel, v in constraints]
            solved = self._solve(self.linear(weights), sense, face, extra)
            hit = (solved, Point(solved.x, self.payoffs(solved.x)))
            if len(self._solved) > 1024:
                self._solved.clear()
            self._solved[key] = hit
        solved, point = hit
        optimal = self._refine(face, solved, implied=((weights, solved.result.value),)) if with_face else None
        return point, solved.result, optimal

    # ------------------------------------------------------------------ derived questions
    def floor(self, face: "Face | None", steps: list[LPStep], where: str,
              points: list | None = None) -> tuple[Fraction, ...]:
        """``min d_i`` over the face for every player (``n`` LPs, recorded in ``steps``; the
        minimising points are appended to ``points`` if given)."""
        out = []
        for i in range(self.n):
            point, result, _ = self.optimize([1 if j == i else 0 for j in range(self.n)], "min", face,
                                             with_face=False)
            steps.append(LPStep(f"min {self.labels[i]} over {where}", result.value, result))
            out.append(result.value)
            if points is not None:
                points.append(point)
        return tuple(out)

    def leximin(self, base: Sequence[Fraction], face: "Face | None", steps: list[LPStep], where: str,
                seeds: Sequence[Point] = ()) -> Point:
        """The leximin point of ``d - base`` over the face (see the module docstring).
        ``seeds`` are known points of the face (e.g. its floor points), used as first cuts."""
        face = face or Face()
        if self.n == 2:
            return self._leximin2(base, face, steps, where)
        free = list(range(self.n))
        fixed: dict[int, Fraction] = {}
        point = None
        while free:
            t, tight, point, result = self._maxmin_dual(base, free, face, steps, where, seeds)
            seeds = [point]  # the round's max-min point lies on the next round's face
            names = ", ".join(self.labels[i] for i in tight)
            steps.append(LPStep(f"leximin round over {where}: max min_i (d_i - l_i) over "
                                f"{', '.join(self.labels[i] for i in free)} = t (fixes {names} at l_i + t; "
                                f"certified by the dual mixture below)", t, result))
            for i in tight:
                fixed[i] = Fraction(base[i]) + t
            held = tuple((tuple(Fraction(int(j == i)) for j in range(self.n)), fixed[i]) for i in tight)
            face = Face(face.zero, face.tight, face.held + held, face.implied)
            free = [i for i in free if i not in tight]
        if point is None or point.payoffs != tuple(fixed[i] for i in range(self.n)):
            raise SolverError("the leximin witness does not pay the fixed values")
        return point


    def _maxmin_dual(self, base: Sequence[Fraction], free: Sequence[int], face: "Face", steps: list[LPStep],
                     where: str, seeds: Sequence[Point] = ()) -> tuple[Fraction, list[int], Point, LPResult]:
        """One max-min round by its Lagrangian dual and cutting planes, with objective-only LPs.

        ``t* = max_F min_{i free} (d_i - b_i) = min_{lam in simplex} max_F sum_i lam_i (d_i - b_i)``.
        Every point ``p`` found gives a lower bound ``h_p(lam) = sum lam_i (p_i - b_i)`` on the
        inner maximum; the master LP ``min z, z >= h_p(lam)`` proposes ``lam`` and an
        objective-only LP over ``F`` either confirms ``z`` (then ``z = t*``) or adds a point.
        Players with ``lam_i > 0`` are tight at every max-min point; the master's dual mixes
        the points into one with ``d_i - b_i = t*`` for them (returned with the master's
        certified result)."""
        n = self.n
        points: list[Point] = list(seeds)
        if not points:
            for i in free:
                point, res, _ = self.optimize(tuple(Fraction(int(j == i)) for j in range(n)), face=face,
                                              with_face=False)
                steps.append(LPStep(f"max {self.labels[i]} over {where} (max-min cut)", res.value, res))
                points.append(point)
        b = [Fraction(v) for v in base]
        k = len(free)
        while True:
            rows = []
            for p in points:
                row = {j: -(p.payoffs[i] - b[i]) for j, i in enumerate(free) if p.payoffs[i] != b[i]}
                row[k] = 1
                rows.append(row)
            rows.append({j: 1 for j in range(k)})
            lp = LP.from_matrix(rows, [">="] * len(points) + ["="], [0] * len(points) + [1], {k: 1},
                                sense="min", free=[k])
            self.lp_count += 1
            master = solve(lp)
            if master.status != "optimal":
                raise SolverError(f"the max-min master LP came back {master.status}")
            z = master.value
            lam = [Fraction(v) for v in master.x[:k]]
            weights = [Fraction(0)] * n
            for j, i in enumerate(free):
                weights[i] = lam[j]
            point, res, _ = self.optimize(weights, face=face, with_face=False)
            h = res.value - sum((lam[j] * b[i] for j, i in enumerate(free)), Fraction(0))
            steps.append(LPStep(f"max {' + '.join(f'{text_q(l)} {self.labels[i]}' for l, i in zip(lam, free) if l)} "
                                f"over {where} (max-min cut; master bound {text_q(z)})", res.value, res))
            if h == z:
                break
            points.append(point)
        tight = [i for j, i in enumerate(free) if lam[j] > 0]
        duals = [abs(Fraction(v)) for v in master.y[: len(points)]]
        total = sum(duals, Fraction(0))
        theta = [v / total for v in duals]
        x = tuple(sum((t * p.x[c] for t, p in zip(theta, points) if t), Fraction(0)) for c in range(self.size))
        mixed = Point(x, self.payoffs(x))
        if any(mixed.payoffs[i] - b[i] != z for i in tight):
            raise SolverError("the max-min mixture misses the tight players' values")
        return z, tight, mixed, master

    def _lexmax(self, first: int, second: int, face: "Face", steps: list[LPStep], where: str) -> Point:
        e = [tuple(Fraction(int(j == i)) for j in range(self.n)) for i in (first, second)]
        _, res, top = self.optimize(e[0], face=face)
        steps.append(LPStep(f"max {self.labels[first]} over {where}", res.value, res))
        point, res, _ = self.optimize(e[1], face=top, with_face=False)
        steps.append(LPStep(f"max {self.labels[second]} given that", res.value, res))
        return point

    def _leximin2(self, base: Sequence[Fraction], face: "Face", steps: list[LPStep], where: str) -> Point:
        """Two players: the max-min by its Lagrangian dual, with objective-only LPs.

        ``t* = min_{0 <= lam <= 1} h(lam)``, ``h(lam) = max_F lam (d_1 - b_1) + (1 - lam)(d_2 - b_2)``.
        ``a`` (max ``d_2``, then ``d_1``) gives the right slope of ``h`` at 0 and ``c`` (max
        ``d_1``, then ``d_2``) the left slope at 1. If ``h`` rises from 0, ``t* = a_2 - b_2``
        and the leximin point is ``a`` (symmetrically ``c``). Otherwise the minimiser is
        inside ``(0, 1)``, both players are tight, and the point is ``b + t* (1, 1)``: the
        minimum of ``h`` is found by refining the upper envelope of the pieces
        ``h_p(lam)`` of LP points ``p`` until an LP confirms it, and the point is the mixture
        of two confirmed pieces of opposite slopes.
        """
        b1, b2 = Fraction(base[0]), Fraction(base[1])
        a = self._lexmax(1, 0, face, steps, where)
        if (a.payoffs[0] - b1) >= (a.payoffs[1] - b2):
            return a
        c = self._lexmax(0, 1, face, steps, where)
        if (c.payoffs[1] - b2) >= (c.payoffs[0] - b1):
            return c

        def piece(p: Point) -> tuple[Fraction, Fraction]:  # h_p(lam) = off + lam * slope
            off = p.payoffs[1] - b2
            return off, (p.payoffs[0] - b1) - off

        points = [a, c]
        while True:
            pieces = [piece(p) for p in points]
            cands = {Fraction(0), Fraction(1)}
            for i in range(len(pieces)):
                for j in range(i + 1, len(pieces)):
                    (o1, s1), (o2, s2) = pieces[i], pieces[j]
                    if s1 != s2:
                        lam = (o2 - o1) / (s1 - s2)
                        if 0 <= lam <= 1:
                            cands.add(lam)
            env = lambda lam: max(o + lam * sl for o, sl in pieces)  # noqa: E731
            lam = min(cands, key=lambda x: (env(x), x))
            value = env(lam)
            point, res, _ = self.optimize((lam, 1 - lam), face=face, with_face=False)
            h = res.value - lam * b1 - (1 - lam) * b2
            steps.append(LPStep(f"max {text_q(lam)} {self.labels[0]} + {text_q(1 - lam)} {self.labels[1]} over {where} "
                                f"(max-min by its dual: h(lam) - (lam l_1 + (1 - lam) l_2) = {text_q(h)})", res.value, res))
            if h == value:
                break
            points.append(point)
        active = [p for p in points if piece(p)[0] + lam * piece(p)[1] == value]
        low = next((p for p in active if piece(p)[1] <= 0), None)
        high = next((p for p in active if piece(p)[1] >= 0), None)
        if low is None or high is None or not 0 < lam < 1:
            raise SolverError("the max-min envelope is inconsistent")
        target = (b1 + value, b2 + value)
        sl, sh = piece(low)[1], piece(high)[1]
        theta = Fraction(0) if sl == sh else sl / (sl - sh)  # slope of the mixture is 0
        x = tuple((1 - theta) * u + theta * w for u, w in zip(low.x, high.x))
        out = Point(x, self.payoffs(x))
        if out.payoffs != target:
            raise SolverError("the max-min point is not the mixture of its pieces")
        return out


text_q = format_rational  # the text of a rational in LP step labels


@dataclass(frozen=True, slots=True)
class Face:
    """A face of a domain: ``zero`` columns are 0, ``tight`` rows (indices into the domain's
    rows) hold with equality, ``held`` payoff equalities ``w . d = value`` are imposed as
    rows; ``implied`` payoff equalities hold on the face without being imposed (they are
    recorded for the derivation and the rank test)."""

    zero: frozenset = frozenset()
    tight: frozenset = frozenset()
    held: tuple = ()
    implied: tuple = ()

    @property
    def equalities(self) -> tuple:
        """Every payoff equality known to hold on the face."""
        return self.implied + self.held


@dataclass(frozen=True, slots=True)
class _Solved:
    result: LPResult
    keep: list
    rows: list
    objective: dict
    first_extra: int
    x: tuple
    #: The columns and rows the optimal face adds (worked out on first use by ``_refine``).
    sets: list = field(default_factory=list)


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
