"""Tests of the exact LP engine: hand-checked LPs, certificates, brute force, properties."""

from __future__ import annotations

import dataclasses
import itertools
from fractions import Fraction as F

import flint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactbargain.errors import LPError
from exactbargain.lp import (
    LP,
    Basis,
    InfeasibilityCertificate,
    OptimalityCertificate,
    UnboundednessCertificate,
    solve,
    verify,
)
from exactbargain.lp.simplex import simplex

from profiles import scaled

METHODS = ["exact", "guided"]


def fr(*values):
    return tuple(F(v) for v in values)


# ----------------------------------------------------------------------------------------
# brute force over all bases (independent of the engine: its own standard form, Fractions)
def _unique_solution(columns, b):
    """The unique solution of ``sum_k z_k columns[k] = b`` if the columns are independent
    and the system is consistent, else ``None``."""
    m, s = len(b), len(columns)
    rows = [[columns[k][i] for k in range(s)] + [b[i]] for i in range(m)]
    piv_cols, r = [], 0
    for col in range(s):
        p = next((i for i in range(r, m) if rows[i][col] != 0), None)
        if p is None:
            return None  # dependent columns
        rows[r], rows[p] = rows[p], rows[r]
        inv = 1 / rows[r][col]
        rows[r] = [v * inv for v in rows[r]]
        for i in range(m):
            if i != r and rows[i][col] != 0:
                f = rows[i][col]
                rows[i] = [a - f * c for a, c in zip(rows[i], rows[r])]
        piv_cols.append(col)
        r += 1
    if any(rows[i][s] != 0 for i in range(r, m)):
        return None  # inconsistent
    return [rows[k][s] for k in range(s)]


def _basic_feasible_solutions(columns, b):
    for size in range(0, min(len(b), len(columns)) + 1):
        for S in itertools.combinations(range(len(columns)), size):
            z = _unique_solution([columns[k] for k in S], b)
            if z is not None and all(v >= 0 for v in z):
                full = [F(0)] * len(columns)
                for k, v in zip(S, z):
                    full[k] = v
                yield full


def brute_force(lp: LP):
    """``(status, value)`` by enumerating every basic solution of the standard form.

    ``{z >= 0 : A z = b}`` is pointed, so it is empty or has a vertex; the LP is unbounded
    iff it is feasible and the cone ``{r >= 0 : A r = 0}`` has an improving extreme ray,
    i.e. a vertex of ``{r >= 0 : A r = 0, sum r = 1}`` with ``c.r > 0``.
    """
    d = lp.data
    m, n = d.num_rows, d.num_variables
    A = [[F(0)] * n for _ in range(m)]
    for i in range(m):
        for j, p in zip(d.row_cols[i], d.row_nums[i]):
            A[i][j] = F(p, d.row_den[i])
    b = [F(r, den) for r, den in zip(d.rhs, d.row_den)]
    c = [F(0)] * n
    for j, p in zip(d.obj_cols, d.obj_nums):
        c[j] = F(p, d.obj_den) * (1 if d.sense == "max" else -1)
    columns, cost = [], []
    for j in range(n):
        columns.append([A[i][j] for i in range(m)]), cost.append(c[j])
        if d.free[j]:
            columns.append([-A[i][j] for i in range(m)]), cost.append(-c[j])
    for i in range(m):
        if d.relations[i] != "=":
            e = [F(0)] * m
            e[i] = F(1 if d.relations[i] == "<=" else -1)
            columns.append(e), cost.append(F(0))
    values = [sum(ck * zk for ck, zk in zip(cost, z)) for z in _basic_feasible_solutions(columns, b)]
    if not values:
        return "infeasible", None
    cone = [col + [F(1)] for col in columns]
    for r in _basic_feasible_solutions(cone, [F(0)] * m + [F(1)]):
        if sum(ck * rk for ck, rk in zip(cost, r)) > 0:
            return "unbounded", None
    best = max(values)
    return "optimal", best if d.sense == "max" else -best


def check_against_brute_force(lp, res):
    status, value = brute_force(lp)
    assert res.status == status
    assert res.value == value


# ----------------------------------------------------------------------------------------
# hand-checked problems
@pytest.mark.parametrize("method", METHODS)
def test_textbook_two_variables(method):
    lp = LP("max")
    x, y = lp.add_variable("x"), lp.add_variable("y")
    lp.add_row({x: 1, y: 2}, "<=", 4)
    lp.add_row({x: 3, y: 1}, "<=", 6)
    lp.set_objective({x: 1, y: 1})
    res = solve(lp, method=method)
    assert res.status == "optimal"
    assert res.value == F(14, 5)
    assert res.x == fr("8/5", "6/5")
    assert res.y == fr("2/5", "1/5")
    assert res.basis == Basis((0, 1), ())
    assert res.verify()


BEALE = dict(
    A=[["1/4", -8, -1, 9], ["1/2", -12, "-1/2", 3], [0, 0, 1, 0]],
    b=[0, 0, 1],
    c=["-3/4", 20, "-1/2", 6],
)


@pytest.mark.parametrize("method", METHODS)
def test_beale_cycling_example(method):
    # Beale (1955): min -3/4 x4 + 20 x5 - 1/2 x6 + 6 x7; textbook Dantzig pivoting cycles.
    lp = LP.from_matrix(BEALE["A"], "<=", BEALE["b"], BEALE["c"], sense="min")
    res = solve(lp, method=method)
    assert (res.status, res.value) == ("optimal", F(-5, 4))
    assert res.x == fr(1, 0, 1, 0)
    assert res.y[2] == F(-5, 4)  # the only dual with b.y = -5/4 has y3 = -5/4
    assert res.verify()


@pytest.mark.parametrize("method", METHODS)
def test_kuhn_cycling_example(method):
    # Kuhn's example (in Balinski and Tucker 1969): cycles under Dantzig's rule.
    lp = LP.from_matrix(
        [[-2, -9, 1, 9], ["1/3", 1, "-1/3", -2], [2, 3, -1, -12]],
        "<=",
        [0, 0, 2],
        [-2, -3, 1, 12],
        sense="min",
    )
    res = solve(lp, method=method)
    assert (res.status, res.value) == ("optimal", F(-2))
    assert res.verify()
    check_against_brute_force(lp, res)


def test_lexicographic_rule_on_a_degenerate_three_player_ce():
    # every incentive row has right-hand side 0: almost every pivot is degenerate
    rng = __import__("random").Random(7)
    cells = list(itertools.product(range(3), repeat=3))
    u = [{c: rng.randint(-3, 3) for c in cells} for _ in range(3)]
    lp = LP("max")
    p = {c: lp.add_variable() for c in cells}
    for k in range(3):
        for a, b in itertools.permutations(range(3), 2):
            lp.add_row(
                {p[c]: u[k][c[:k] + (b,) + c[k + 1 :]] - u[k][c] for c in cells if c[k] == a}, "<=", 0
            )
    lp.add_row({v: 1 for v in p.values()}, "=", 1)
    lp.set_objective({p[c]: sum(u[k][c] for k in range(3)) for c in cells})
    exact, guided = solve(lp, method="exact"), solve(lp, method="guided")
    assert exact.verify() and guided.verify() and exact.value == guided.value


@pytest.mark.parametrize("method", METHODS)
def test_degenerate_vertex(method):
    # Three constraints through (1, 1) in the plane; the optimum is that degenerate vertex.
    lp = LP.from_matrix([[1, 0], [0, 1], [1, 1]], "<=", [1, 1, 2], [1, 1])
    res = solve(lp, method=method)
    assert (res.status, res.value, res.x) == ("optimal", F(2), fr(1, 1))
    assert res.verify()


@pytest.mark.parametrize("method", METHODS)
def test_equality_rows(method):
    lp = LP.from_matrix([[1, 1], [1, -1]], "=", [1, 0], [3, 1], sense="min")
    res = solve(lp, method=method)
    assert (res.value, res.x) == (F(2), fr("1/2", "1/2"))
    assert res.y == fr(2, 1)  # solves y1 + y2 = 3, y1 - y2 = 1
    assert res.verify()


@pytest.mark.parametrize("method", METHODS)
def test_free_variable_with_negative_value(method):
    # value of the zero-sum game [[-1, -3], [-2, -1]] for the row player: max v with
    # v <= p.A_j for each column, p a distribution; v is free and ends up at -5/3.
    lp = LP()
    p = lp.add_variables(2)
    v = lp.add_variable("v", free=True)
    for col in ([-1, -2], [-3, -1]):
        lp.add_row({v: 1, p[0]: -col[0], p[1]: -col[1]}, "<=", 0)
    lp.add_row({p[0]: 1, p[1]: 1}, "=", 1)
    lp.set_objective({v: 1})
    res = solve(lp, method=method)
    assert res.value == F(-5, 3)
    assert res.x == fr("1/3", "2/3", "-5/3")
    assert res.verify()


@pytest.mark.parametrize("method", METHODS)
def test_redundant_equalities(method):
    lp = LP.from_matrix(
        [[1, 1, 0], [2, 2, 0], [1, 1, 0], [0, 1, 1]], "=", [1, 2, 1, 1], [1, 2, 3], sense="min"
    )
    res = solve(lp, method=method)
    # x1 = 1 - t, x2 = t, x3 = 1 - t costs 4 - 2t: t = 1
    assert (res.status, res.value) == ("optimal", F(2))
    assert res.x == fr(0, 1, 0)
    assert res.verify()
    if res.basis is not None:
        assert len(res.basis.variables) + len(res.basis.rows) == 4
    check_against_brute_force(lp, res)


@pytest.mark.parametrize("method", METHODS)
def test_infeasible_has_farkas_vector(method):
    lp = LP.from_matrix([[1, 1], [1, 1]], ["<=", ">="], [1, 2], [1, 0])
    res = solve(lp, method=method)
    assert res.status == "infeasible"
    assert (res.value, res.x, res.y, res.basis) == (None, None, None, None)
    assert isinstance(res.certificate, InfeasibilityCertificate)
    assert res.certificate.y == fr(1, -1)
    assert res.verify()


@pytest.mark.parametrize("method", METHODS)
def test_empty_region(method):
    lp = LP.from_matrix([[1]], "<=", [-1], [0])
    res = solve(lp, method=method)
    assert res.status == "infeasible" and res.certificate.y == fr(1)
    assert res.verify()


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("sense", ["max", "min"])
def test_unbounded_has_point_and_ray(method, sense):
    lp = LP.from_matrix([[1, -1]], "<=", [1], [1, 0] if sense == "max" else [-1, 0], sense=sense)
    res = solve(lp, method=method)
    assert res.status == "unbounded" and res.value is None and res.y is None
    cert = res.certificate
    assert isinstance(cert, UnboundednessCertificate) and res.x == cert.point
    assert cert.ray == fr(1, 1)
    assert res.verify()


@pytest.mark.parametrize("method", METHODS)
def test_unbounded_free_variable_downwards(method):
    lp = LP.from_matrix([[1]], "<=", [5], [1], sense="min", free=[0])
    res = solve(lp, method=method)
    assert res.status == "unbounded" and res.certificate.ray == fr(-1)
    assert res.verify()


@pytest.mark.parametrize("method", METHODS)
def test_zero_objective(method):
    lp = LP.from_matrix([[1, 1]], ">=", [1], [0, 0])
    res = solve(lp, method=method)
    assert (res.status, res.value) == ("optimal", F(0))
    assert res.y == fr(0)
    assert res.verify()


@pytest.mark.parametrize("method", METHODS)
def test_one_by_one(method):
    res = solve(LP.from_matrix([[3]], "<=", [1], [2]), method=method)
    assert (res.value, res.x, res.y) == (F(2, 3), fr("1/3"), fr("2/3"))
    assert res.verify()


@pytest.mark.parametrize("method", METHODS)
def test_no_rows(method):
    bounded = solve(LP.from_matrix([], "<=", [], [-1, 0]), method=method)
    assert (bounded.status, bounded.value, bounded.x, bounded.y) == ("optimal", 0, fr(0, 0), ())
    unbounded = solve(LP.from_matrix([], "<=", [], [0, 1]), method=method)
    assert unbounded.status == "unbounded" and unbounded.certificate.ray == fr(0, 1)
    assert bounded.verify() and unbounded.verify()


@pytest.mark.parametrize("method", METHODS)
def test_no_variables(method):
    lp = LP()
    lp.add_row({}, "<=", 1)
    assert solve(lp, method=method).status == "optimal"
    lp.add_row({}, ">=", 1)
    res = solve(lp, method=method)
    assert res.status == "infeasible" and res.verify()


def _ce_lp(A, B):
    """Max-welfare correlated equilibrium LP of the bimatrix game (A, B)."""
    m, n = len(A), len(A[0])
    lp = LP("max")
    p = {(i, j): lp.add_variable(f"p{i}{j}") for i in range(m) for j in range(n)}
    for i, k in itertools.permutations(range(m), 2):
        lp.add_row({p[i, j]: A[k][j] - A[i][j] for j in range(n)}, "<=", 0)
    for j, k in itertools.permutations(range(n), 2):
        lp.add_row({p[i, j]: B[i][k] - B[i][j] for i in range(m)}, "<=", 0)
    lp.add_row({v: 1 for v in p.values()}, "=", 1)
    lp.set_objective({p[i, j]: A[i][j] + B[i][j] for (i, j) in p})
    return lp


@pytest.mark.parametrize("method", METHODS)
def test_rock_paper_scissors_ce_is_uniform(method):
    # The only correlated equilibrium of rock-paper-scissors is the uniform distribution.
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    B = [[-a for a in row] for row in A]
    res = solve(_ce_lp(A, B), method=method)
    assert res.value == 0 and res.x == (F(1, 9),) * 9
    assert res.verify()


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "A,B,welfare",
    [
        # Chicken with a third, dominated action: the best CE mixes the three good cells.
        ([[6, 2, 0], [7, 0, 0], [0, 0, 0]], [[6, 7, 0], [2, 0, 0], [0, 0, 0]], F(21, 2)),
        # a highly degenerate game: all payoffs equal
        ([[1] * 3] * 3, [[1] * 3] * 3, F(2)),
    ],
)
def test_degenerate_3x3_ce_lps_terminate(method, A, B, welfare):
    res = solve(_ce_lp(A, B), method=method)
    assert res.status == "optimal" and res.value == welfare
    assert res.verify()


# ----------------------------------------------------------------------------------------
# dual sign convention: y_i is the shadow price d(value)/d(b_i)
@pytest.mark.parametrize("sense", ["max", "min"])
@pytest.mark.parametrize("relation", ["<=", ">="])
def test_duals_are_shadow_prices(sense, relation):
    def value(rhs):
        # one binding row plus a box that keeps the problem bounded in both senses
        lp = LP(sense)
        x = lp.add_variable("x")
        lp.add_row({x: 2}, relation, rhs)
        lp.add_row({x: 1}, "<=", 10)
        lp.set_objective({x: 3})
        return solve(lp, method="exact")

    base = value(4)
    binding = (sense == "max") == (relation == "<=")
    assert base.y[0] == (F(3, 2) if binding else 0)
    eps = F(1, 1000)
    assert value(4 + eps).value - base.value == base.y[0] * eps


# ----------------------------------------------------------------------------------------
# tampering
def _tampered(res, **changes):
    return dataclasses.replace(res, certificate=dataclasses.replace(res.certificate, **changes))


def test_tampered_optimality_certificate_fails():
    lp = LP.from_matrix([[1, 2], [3, 1]], "<=", [4, 6], [1, 1])
    res = solve(lp, method="exact")
    assert res.verify()
    bad_x = _tampered(res, x=fr("8/5", "7/5"))
    assert not bad_x.verify()
    bad_y = dataclasses.replace(_tampered(res, y=fr("2/5", "1/6")), y=fr("2/5", "1/6"))
    assert any("dual constraint" in reason for reason in bad_y.check())
    assert not dataclasses.replace(res, value=F(3)).verify()
    assert not dataclasses.replace(res, status="infeasible").verify()
    # a feasible x and a dual-feasible y that are not optimal: the objectives differ
    loose = OptimalityCertificate(fr(0, 0), fr(1, 1))
    gap = dataclasses.replace(res, certificate=loose, x=loose.x, y=loose.y, value=F(0))
    assert gap.check() == ["c.x = 0 differs from b.y = 10"]


def test_tampered_farkas_and_ray_fail():
    infeasible = solve(LP.from_matrix([[1, 1], [1, 1]], ["<=", ">="], [1, 2], [1, 0]))
    assert not _tampered(infeasible, y=fr(1, -2)).verify()
    assert not _tampered(infeasible, y=fr(-1, 1)).verify()
    unbounded = solve(LP.from_matrix([[1, -1]], "<=", [1], [1, 0]))
    assert not _tampered(unbounded, ray=fr(1, 0)).verify()
    assert not _tampered(unbounded, ray=fr(-1, -1)).verify()
    assert not _tampered(unbounded, point=fr(3, 0)).verify()


def test_result_is_checked_against_the_problem_it_solved():
    lp = LP.from_matrix([[1]], "<=", [1], [1])
    res = solve(lp)
    lp.add_row({0: 1}, "<=", "1/2")  # changing the builder does not change res.lp
    assert res.verify() and res.value == 1
    assert solve(lp).value == F(1, 2)


# ----------------------------------------------------------------------------------------
# model input
def test_bad_model_input_names_the_problem():
    lp = LP()
    lp.add_variable("x")
    with pytest.raises(LPError, match="unknown variable 'y'"):
        lp.add_row({"y": 1}, "<=", 1)
    with pytest.raises(LPError, match="2 coefficients for 1 variables"):
        lp.add_row([1, 2], "<=", 1)
    with pytest.raises(LPError, match="row 'cap', coefficient of 'x'.*not a finite number"):
        lp.add_row({"x": float("nan")}, "<=", 1, name="cap")
    with pytest.raises(LPError, match="right-hand side.*float"):
        lp.add_row({"x": 1}, "<=", 0.5)
    with pytest.raises(LPError, match="given twice"):
        lp.add_row({"x": 1, 0: 2}, "<=", 1)
    with pytest.raises(LPError, match="index 3 is out of range"):
        lp.set_objective({3: 1})
    with pytest.raises(LPError, match="sense"):
        LP("maximise")
    with pytest.raises(LPError, match="free variable indices"):
        LP.from_matrix([[1]], "<=", [1], [1], free=[2])
    with pytest.raises(LPError, match="relations"):
        LP.from_matrix([[1]], ["<=", "<="], [1], [1])
    with pytest.raises(LPError, match="method"):
        solve(lp, method="fast")


def test_from_matrix_accepts_flint_and_sparse_rows():
    dense = LP.from_matrix([[1, 0, "1/2"], [0, 2, 0]], ["<=", ">="], [1, "1/3"], [1, 1, 1])
    sparse = LP.from_matrix([{0: 1, 2: "1/2"}, {1: 2}], ["<=", ">="], [1, "1/3"], [1, 1, 1])
    fq = LP.from_matrix(
        flint.fmpq_mat([[1, 0, flint.fmpq(1, 2)], [0, 2, 0]]), ["<=", ">="], [1, "1/3"], [1, 1, 1]
    )
    assert dense.data.row_nums == sparse.data.row_nums == fq.data.row_nums == ((2, 1), (6,))
    assert dense.data.row_den == (2, 3)
    assert str(dense) == str(sparse) == str(fq)
    # all rows sparse: the variables run up to the largest index mentioned anywhere
    assert LP.from_matrix([{0: 1}, {3: 2}], "<=", [1, 1], {1: 1}).num_variables == 4


def test_from_matrix_sparse_integer_rows_match_rows_added_one_by_one():
    rows = [{3: 4, 0: -2, 1: 0}, {}, {2: 7}, {1: 1, 2: True}, {0: 1, 4: 2}]
    by_row = LP()
    by_row.add_variables(5)
    for row, rel in zip(rows[:3], ["<=", "=", ">="]):
        by_row.add_row(row, rel, 3)
    by_row.set_objective([1, 0, 0, 1, 0])
    fast = LP.from_matrix(rows[:3], ["<=", "=", ">="], [3, 3, 3], [1, 0, 0, 1, 0])
    fields = ("free", "relations", "row_cols", "row_nums", "row_den", "rhs", "obj_cols", "obj_nums")
    assert [getattr(fast.data, f) for f in fields] == [getattr(by_row.data, f) for f in fields]
    assert fast.data.row_cols == ((0, 3), (), (2,)) and fast.data.row_nums == ((-2, 4), (), (7,))
    # rows the fast path does not take still get the row-by-row checks and messages
    with pytest.raises(LPError, match="row 3, coefficient of x2: True is a bool"):
        LP.from_matrix(rows, "<=", [1] * 5, [0] * 4)
    with pytest.raises(LPError, match="row 0: unknown variable 'y'"):
        LP.from_matrix([{"y": 1}], "<=", [1], [0, 0])
    with pytest.raises(LPError, match="row 0: variable index -1 is out of range"):
        LP.from_matrix([{-1: 1}], "<=", [1], [0, 0])


def test_json_and_text():
    res = solve(LP.from_matrix([[3]], "<=", [1], [2]))
    doc = res.to_json()
    assert doc["value"] == "2/3" and doc["x"] == ["1/3"] and doc["y"] == ["2/3"]
    assert doc["certificate"] == {"x": ["1/3"], "y": ["2/3"]}
    assert str(res).startswith("optimal, value 2/3")


def test_warm_start_from_a_basis_and_from_a_bad_one():
    lp = LP.from_matrix(BEALE["A"], "<=", BEALE["b"], BEALE["c"], sense="min")
    cold = simplex(lp.data)
    warm = simplex(lp.data, start=cold.basis)
    assert warm.value == cold.value and warm.basis == cold.basis
    # singular, infeasible, or malformed starting bases fall back to a cold start
    for start in (Basis((0, 0, 1), ()), Basis((), (0, 1, 2)), Basis((0,), ()), Basis((9, 0, 1), ())):
        assert simplex(lp.data, start=start).value == F(-5, 4)


# ----------------------------------------------------------------------------------------
# properties on random small LPs
_NUMBERS = st.sampled_from([0, 0, 0, 1, -1, 2, -2, 3, F(1, 2), F(-3, 2), F(2, 3)])


@st.composite
def small_lps(draw, max_rows=3, max_vars=3):
    n = draw(st.integers(1, max_vars))
    m = draw(st.integers(0, max_rows))
    lp = LP(draw(st.sampled_from(["max", "min"])))
    for j in range(n):
        lp.add_variable(free=draw(st.booleans()) and draw(st.booleans()))
    for _ in range(m):
        lp.add_row(
            [draw(_NUMBERS) for _ in range(n)],
            draw(st.sampled_from(["<=", ">=", "="])),
            draw(st.sampled_from([0, 0, 1, -1, 2, F(1, 2)])),
        )
    lp.set_objective([draw(_NUMBERS) for _ in range(n)])
    return lp


@settings(max_examples=scaled(60), deadline=None)
@given(small_lps())
def test_exact_agrees_with_brute_force_and_verifies(lp):
    res = solve(lp, method="exact")
    assert res.check() == []
    check_against_brute_force(lp, res)


@settings(max_examples=scaled(60), deadline=None)
@given(small_lps(max_rows=4, max_vars=4))
def test_exact_and_guided_agree(lp):
    exact, guided = solve(lp, method="exact"), solve(lp, method="guided")
    assert exact.check() == [] and guided.check() == []
    assert (exact.status, exact.value) == (guided.status, guided.value)


@settings(max_examples=scaled(40), deadline=None)
@given(small_lps(), st.data())
def test_tampering_is_detected(lp, data):
    res = solve(lp, method="exact")
    d = lp.data
    assert not dataclasses.replace(res, status="optimal" if res.status != "optimal" else "unbounded").verify()
    if res.status == "optimal":
        assert not dataclasses.replace(res, value=res.value + 1).verify()
        field, vector, signed = "x", res.certificate.x, [not f for f in d.free]
    elif res.status == "unbounded":
        field, vector, signed = "ray", res.certificate.ray, [not f for f in d.free]
    else:
        field, vector, signed = "y", res.certificate.y, [r != "=" for r in d.relations]
    candidates = [k for k in range(len(vector)) if signed[k]]
    if not candidates:
        return
    k = data.draw(st.sampled_from(candidates))
    changed = list(vector)
    # a negative value of a non-negative variable, or a Farkas multiplier of the wrong sign
    changed[k] = F(1) if field == "y" and d.relations[k] == ">=" else F(-1)
    tampered = _tampered(res, **{field: tuple(changed)})
    if field == "x":
        tampered = dataclasses.replace(tampered, x=tuple(changed))
    assert not tampered.verify()


def test_certificate_failures_name_exact_values_with_row_scaling():
    # rows with fractional coefficients are stored scaled to integers; a failure still reads
    # in the user's numbers
    lp = LP.from_matrix([["1/2", "1/3"], [1, -1]], ["<=", ">="], [1, "-1/4"], ["1/6", "1/5"])
    res = solve(lp, method="exact")
    assert res.verify()
    bad = _tampered(res, x=fr(2, 1), y=fr("1/7", 0))
    reasons = bad.check()
    assert "x: row r0 has 4/3 <= 1 false" in reasons
    assert "y: dual constraint of x1 fails: (A^T y) = 1/21, c = 1/5" in reasons


def test_integer_rows_in_bulk_state_the_same_problem_as_rows_entry_by_entry():
    rows = [[0, 3, -10**30, 0], (1, 0, 0, -2), [0, 0, 0, 0]]
    bulk = LP.from_matrix(rows, [">=", "<=", "="], [1, 0, 0], [1, 0, 0, 1], free=[3]).data
    slow = LP.from_matrix([[F(v) for v in row] for row in rows], [">=", "<=", "="],
                          [F(1), 0, 0], [1, 0, 0, 1], free=[3]).data
    assert bulk == slow
    assert bulk.row_cols == ((1, 2), (0, 3), ()) and bulk.row_nums == ((3, -10**30), (1, -2), ())
    with pytest.raises(LPError, match="row 0, coefficient of x1: True is a bool"):
        LP.from_matrix([[1, True]], "<=", [1], [1, 1])
