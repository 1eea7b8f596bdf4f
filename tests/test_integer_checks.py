"""Fast forms of exact tests against the plain definitions they replace.

The plane hull scales its points to one common denominator and tests turns in integers;
here it is compared with Andrew's monotone chain on :class:`~fractions.Fraction` cross
products on random point sets full of duplicates and collinear points. The LP certificate
checks are compared with the conditions written out in Fractions (every failure message
too), and the payoffs read once per game with ``game.payoff`` at every profile.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

import flint
import pytest

from exactbargain.geometry import convex_hull, hull_indices
from exactbargain.geometry.vectors import cross


def _fraction_hull(points):
    """Andrew's monotone chain with Fraction turn tests (the definition)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts
    lower: list = []
    upper: list = []
    for chain, seq in ((lower, pts), (upper, reversed(pts))):
        for q in seq:
            while len(chain) >= 2 and cross(chain[-2], chain[-1], q) <= 0:
                chain.pop()
            chain.append(q)
    return lower[:-1] + upper[:-1]


def _random_points(rng: random.Random) -> list[tuple[Fraction, Fraction]]:
    """Points on a small grid of fractions (duplicates), some on a few lines (collinear)."""
    den = rng.choice([1, 2, 3, 6, 7, 12])
    count = rng.randint(1, 40)
    pts = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.3:  # on the line y = a x + b
            t = Fraction(rng.randint(-6, 6), den)
            pts.append((t, 2 * t - Fraction(1, 3)))
        elif kind < 0.45:  # on a vertical line
            pts.append((Fraction(1, 2), Fraction(rng.randint(-5, 5), den)))
        else:
            pts.append((Fraction(rng.randint(-5, 5), den), Fraction(rng.randint(-5, 5), rng.choice([1, den]))))
    if pts and rng.random() < 0.3:
        pts += rng.sample(pts, min(len(pts), 5))  # exact duplicates
    return pts


def test_integer_hull_matches_the_fraction_hull_on_random_point_sets():
    rng = random.Random(20261206)
    for _ in range(500):
        pts = _random_points(rng)
        assert convex_hull(pts) == _fraction_hull(pts)


@pytest.mark.parametrize("kind", ["int", "fmpq", "labelled"])
def test_integer_hull_keeps_the_points_given(kind):
    """The hull returns the points themselves (their type, their labels), like the definition."""
    rng = random.Random(hash(kind) & 0xFFFF)
    for _ in range(200):
        base = _random_points(rng)
        if kind == "int":
            pts = [(int(x * 12), int(y * 12)) for x, y in base]
        elif kind == "fmpq":
            pts = [(flint.fmpq(x.numerator, x.denominator), flint.fmpq(y.numerator, y.denominator)) for x, y in base]
        else:
            pts = [(x, y, rng.randint(0, 3)) for x, y in base]
        got = convex_hull(pts)
        assert got == _fraction_hull(pts)
        assert all(type(a) is type(b) for p, q in zip(got, _fraction_hull(pts)) for a, b in zip(p, q))


def test_hull_of_collinear_and_repeated_points_is_a_segment_or_a_point():
    assert convex_hull([(Fraction(1, 3), 0), (Fraction(2, 3), 1), (1, 2), (Fraction(1, 3), 0)]) == [
        (Fraction(1, 3), 0), (1, 2)]
    assert convex_hull([(Fraction(1, 2), 5)] * 4) == [(Fraction(1, 2), 5)]
    # a point a hair outside an edge is a vertex; on the edge it is not
    hair = Fraction(1, 10**30)
    assert (Fraction(1, 2), -hair) in convex_hull([(0, 0), (1, 0), (Fraction(1, 2), -hair), (0, 1)])
    assert len(convex_hull([(0, 0), (1, 0), (Fraction(1, 2), 0), (0, 1)])) == 3


def test_hull_indices_match_the_fraction_hull():
    rng = random.Random(7)
    for _ in range(200):
        pts = _random_points(rng)
        first: dict = {}
        for k, p in enumerate(pts):
            first.setdefault(p, k)
        want = [k for _, _, k in _fraction_hull([(x, y, k) for (x, y), k in first.items()])]
        assert hull_indices(pts) == want


# --------------------------------------------------------------------------- LP certificates
from exactbargain.lp import LP, solve  # noqa: E402
from exactbargain.lp.certificate import (  # noqa: E402
    InfeasibilityCertificate,
    LPResult,
    OptimalityCertificate,
    UnboundednessCertificate,
)
from exactbargain.numbers import format_rational as fmt  # noqa: E402


def _dense(data):
    """``A``, ``b``, ``c`` of a snapshot as Fractions (the user's data)."""
    A = [[Fraction(0)] * data.num_variables for _ in range(data.num_rows)]
    for i, (cols, nums, den) in enumerate(zip(data.row_cols, data.row_nums, data.row_den)):
        for j, p in zip(cols, nums):
            A[i][j] = Fraction(p, den)
    b = [Fraction(r, d) for r, d in zip(data.rhs, data.row_den)]
    c = [Fraction(0)] * data.num_variables
    for j, p in zip(data.obj_cols, data.obj_nums):
        c[j] = Fraction(p, data.obj_den)
    return A, b, c


def _holds(lhs, rel, rhs):
    return lhs <= rhs if rel == "<=" else lhs >= rhs if rel == ">=" else lhs == rhs


def _reference_primal(data, x, what):
    """The feasibility conditions of a point, with Fraction arithmetic (the definition)."""
    A, b, _ = _dense(data)
    out = [f"{what}: {data.variable_label(j)} = {fmt(v)} < 0" for j, v in enumerate(x) if v < 0 and not data.free[j]]
    for i, rel in enumerate(data.relations):
        act = sum((a * v for a, v in zip(A[i], x)), Fraction(0))
        if not _holds(act, rel, b[i]):
            out.append(f"{what}: row {data.row_label(i)} has {fmt(act)} {rel} {fmt(b[i])} false")
    return out


def _reference_optimality(data, x, y):
    A, b, c = _dense(data)
    out = _reference_primal(data, x, "x")
    maximise = data.sense == "max"
    for i, (v, rel) in enumerate(zip(y, data.relations)):
        if rel != "=" and v != 0 and (v > 0) != ((rel == "<=") == maximise):
            out.append(f"y: row {data.row_label(i)} ({rel}) has dual {fmt(v)} of the wrong sign")
    for j in range(data.num_variables):
        aty = sum((A[i][j] * y[i] for i in range(data.num_rows)), Fraction(0))
        rel = "=" if data.free[j] else ">=" if maximise else "<="
        if not _holds(aty, rel, c[j]):
            out.append(f"y: dual constraint of {data.variable_label(j)} fails: (A^T y) = {fmt(aty)}, c = {fmt(c[j])}")
    if not out:
        cx = sum((u * v for u, v in zip(c, x)), Fraction(0))
        by = sum((u * v for u, v in zip(b, y)), Fraction(0))
        if cx != by:
            out.append(f"c.x = {fmt(cx)} differs from b.y = {fmt(by)}")
    return out


def _reference_farkas(data, y):
    A, b, _ = _dense(data)
    out = [f"farkas: row {data.row_label(i)} ({rel}) has multiplier {fmt(v)} of the wrong sign"
           for i, (v, rel) in enumerate(zip(y, data.relations)) if (rel == "<=" and v < 0) or (rel == ">=" and v > 0)]
    for j in range(data.num_variables):
        aty = sum((A[i][j] * y[i] for i in range(data.num_rows)), Fraction(0))
        if (data.free[j] and aty != 0) or (not data.free[j] and aty < 0):
            out.append(f"farkas: column {data.variable_label(j)} has (A^T y) = {fmt(aty)}")
    by = sum((u * v for u, v in zip(b, y)), Fraction(0))
    if by >= 0:
        out.append(f"farkas: b.y = {fmt(by)} is not negative")
    return out


def _reference_ray(data, point, ray):
    A, _, c = _dense(data)
    out = _reference_primal(data, point, "point")
    out += [f"ray: {data.variable_label(j)} = {fmt(v)} < 0" for j, v in enumerate(ray) if v < 0 and not data.free[j]]
    for i, rel in enumerate(data.relations):
        act = sum((a * v for a, v in zip(A[i], ray)), Fraction(0))
        if not _holds(act, rel, 0):
            out.append(f"ray: row {data.row_label(i)} ({rel}) moves by {fmt(act)}")
    gain = sum((u * v for u, v in zip(c, ray)), Fraction(0))
    if (gain <= 0) if data.sense == "max" else (gain >= 0):
        out.append(f"ray: objective changes by {fmt(gain)} along it, not an improvement")
    return out


def _entry(rng):
    return Fraction(rng.randint(-4, 4), rng.choice([1, 1, 2, 3, 5]))


def _random_lp(rng):
    m, n = rng.randint(1, 4), rng.randint(1, 4)
    A = [[_entry(rng) if rng.random() < 0.7 else 0 for _ in range(n)] for _ in range(m)]
    rels = [rng.choice(["<=", ">=", "="]) for _ in range(m)]
    b = [_entry(rng) for _ in range(m)]
    c = [_entry(rng) for _ in range(n)]
    free = [j for j in range(n) if rng.random() < 0.25]
    return LP.from_matrix(A, rels, b, c, sense=rng.choice(["max", "min"]), free=free).data


def _nudged(rng, v):
    """``v``, or once in a while ``v`` moved a little (so that checks fail)."""
    v = list(v)
    for _ in range(rng.choice([0, 0, 1, 2])):
        k = rng.randrange(len(v))
        v[k] += rng.choice([Fraction(1, 7), Fraction(-1, 3), -v[k], Fraction(2)])
    return tuple(v)


def test_certificate_checks_match_the_fraction_definitions_on_random_lps():
    """Proved results and nudged ones (failing each kind of check), every message the same."""
    rng = random.Random(5)
    seen = {"optimal": 0, "infeasible": 0, "unbounded": 0}
    failing = set()
    for _ in range(600):
        data = _random_lp(rng)
        res = solve(data, method="exact")
        seen[res.status] += 1
        cert = res.certificate
        if res.status == "optimal":
            x, y = _nudged(rng, cert.x), _nudged(rng, cert.y)
            got, want = OptimalityCertificate(x, y).check(data), _reference_optimality(data, x, y)
        elif res.status == "infeasible":
            y = _nudged(rng, cert.y)
            got, want = InfeasibilityCertificate(y).check(data), _reference_farkas(data, y)
        else:
            point, ray = _nudged(rng, cert.point), _nudged(rng, cert.ray)
            got, want = UnboundednessCertificate(point, ray).check(data), _reference_ray(data, point, ray)
        assert got == want
        failing.update(message.split(" ")[0] + message.split(" ")[1] for message in got)
    assert min(seen.values()) >= 30
    # every kind of failure came up
    assert {"x:x0", "x:row", "y:row", "y:dual", "c.x=", "farkas:row", "farkas:column", "farkas:b.y",
            "point:row", "ray:row", "ray:objective"} <= failing


def test_result_value_is_checked_against_c_x():
    data = LP.from_matrix([[1, 1]], "<=", ["7/2"], ["1/3", 2]).data
    res = solve(data, method="exact")
    assert res.value == Fraction(7) and res.check() == []
    wrong = LPResult("optimal", Fraction(6), res.x, res.y, res.basis, res.certificate, res.method, data)
    assert wrong.check() == ["value 6 is not c.x = 7"]


# --------------------------------------------------------------------------- outcomes
from exactbargain import Game  # noqa: E402
from exactbargain.bargaining.results import outcomes  # noqa: E402


def test_outcomes_are_the_payoffs_at_every_profile_in_order():
    rng = random.Random(11)
    for shape in [(1, 1), (2, 3), (4, 4), (2, 2, 3)]:
        tables = [[_entry(rng) for _ in range(math.prod(shape))] for _ in shape]
        game = Game.from_flat(tables, shape)
        assert outcomes(game) == tuple(game.payoff(p) for p in game.profiles())
        assert all(type(v) is Fraction for u in outcomes(game) for v in u)


# --------------------------------------------------------------------------- reduced costs
from exactbargain.bargaining._leximin import _priced_columns  # noqa: E402


def _fmpq_priced(rows, y, objective, columns):
    """Columns with ``sum_k y_k a_kj != c_j``, summed in fmpq (the definition)."""
    reduced = [-flint.fmpq(objective.get(j, 0)) for j in range(columns)]
    for k, row in enumerate(rows):
        if y[k]:
            for j, a in row.items():
                if j < columns:
                    reduced[j] += flint.fmpq(y[k].numerator, y[k].denominator) * a
    return [j for j in range(columns) if reduced[j] != 0]


def test_priced_columns_match_the_fmpq_sums_on_random_rows():
    """Integer rows (the integer route) and rows with fractions (the fmpq route); prices are
    built to cancel on some columns, so zero reduced costs come up."""
    rng = random.Random(3)
    zero_seen = 0
    for trial in range(300):
        columns = rng.randint(1, 6)
        width = columns + rng.randint(0, 1)  # an extra column (a free t) is not priced
        rational = trial % 3 == 0
        rows = []
        for _ in range(rng.randint(1, 5)):
            row = {j: rng.randint(-3, 3) for j in range(width) if rng.random() < 0.7}
            if rational and row:
                j = rng.choice(list(row))
                row[j] = flint.fmpq(rng.randint(-3, 3), rng.randint(1, 4))
            rows.append(row)
        big = 10 ** rng.choice([1, 40])
        y = [Fraction(rng.randint(-5, 5), rng.choice([1, 3, big + 1])) if rng.random() < 0.7 else Fraction(0)
             for _ in rows]
        # c = A^T y on some columns (reduced cost 0 there), something else on others
        objective = {}
        for j in range(columns):
            exact = sum((flint.fmpq(yk.numerator, yk.denominator) * row.get(j, 0) for yk, row in zip(y, rows)),
                        flint.fmpq(0))
            objective[j] = exact if rng.random() < 0.5 else flint.fmpq(rng.randint(-3, 3), rng.randint(1, 3))
        if rng.random() < 0.3:
            objective[width - 1] = 0
        want = _fmpq_priced(rows, y, objective, columns)
        assert _priced_columns(rows, y, objective, columns) == want
        zero_seen += columns - len(want)
    assert zero_seen > 100


# --------------------------------------------------------------------------- domain payoffs
from exactbargain.bargaining._leximin import Domain  # noqa: E402


def test_domain_payoffs_match_the_fmpq_sums():
    """``d(x) = C x`` in integers against the fmpq sums, for Fraction and fmpq weights."""
    rng = random.Random(13)
    for trial in range(200):
        size = rng.randint(1, 8)
        rows = [[flint.fmpq(rng.randint(-9, 9), rng.choice([1, 1, 2, 7])) for _ in range(size)]
                for _ in range(rng.randint(1, 3))]
        x = [Fraction(rng.randint(0, 5), rng.choice([1, 3, 10**30 + 7])) if rng.random() < 0.6 else Fraction(0)
             for _ in range(size)]
        want = tuple(Fraction(int(v.p), int(v.q)) for v in (
            sum((c * flint.fmpq(w.numerator, w.denominator) for c, w in zip(row, x)), flint.fmpq(0)) for row in rows))
        D = Domain(rows)
        assert D.payoffs(x) == want
        assert D.payoffs([flint.fmpq(w.numerator, w.denominator) for w in x]) == want
        assert all(type(v) is Fraction for v in D.payoffs(x))


def test_int_row_scales_by_the_lcm_of_the_denominators():
    from exactbargain.bargaining._leximin import _int_row

    rng = random.Random(17)
    for _ in range(300):
        row = {k: flint.fmpq(rng.randint(-6, 6), rng.choice([1, 1, 1, 2, 3, 4])) for k in range(rng.randint(0, 6))}
        den = 1
        for c in row.values():
            den = den * int(c.q) // math.gcd(den, int(c.q))
        want = {k: int(c * den) for k, c in row.items() if c}
        got = _int_row(row)
        assert got == want and all(type(v) is int for v in got.values())


def test_integer_rows_of_integer_data_match_the_general_route():
    """Rows of ints with an int right-hand side skip the rescaling; the fmpq route (an fmpq
    right-hand side) gives the same columns, numerators and right-hand sides."""
    from exactbargain.bargaining._leximin import _integer_rows

    rng = random.Random(19)
    for _ in range(200):
        rows = [{j: rng.randint(-3, 3) for j in rng.sample(range(10), rng.randint(0, 6))} for _ in range(4)]
        rhs = [rng.randint(-2, 2) for _ in rows]
        fast = _integer_rows(rows, rhs)
        general = _integer_rows(rows, [flint.fmpq(b) for b in rhs])
        assert fast == general
        assert all(0 not in nums for nums in fast[1])

