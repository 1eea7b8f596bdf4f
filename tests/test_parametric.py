"""Parametric games: parsing, exact pieces of known families, cross-checks with the ordinary solver."""

from __future__ import annotations

from fractions import Fraction as F

import flint
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from exactbargain import coco as ordinary_coco
from exactbargain import fallback as ordinary_fallback
from exactbargain.equilibria.minimax import minimax as ordinary_minimax
from exactbargain.errors import GameFormatError, NumberError
from exactbargain.parametric import (Algebraic, Interval, ParametricGame, ParametricLP, coco, fallback, holds, max_total,
                                     minimax, parse_parametric_json, parse_poly, solve_parametric)
from exactbargain.parametric.algebraic import compare, poly_of, real_roots, simplest_between
from exactbargain.parametric.expr import str_poly
from exactbargain.parametric.plp import basis_certificate

from profiles import scaled


def texts(pw):
    return [(str(iv), f) for iv, f in pw.rows()]


# ---------------------------------------------------------------------------- parsing
@pytest.mark.parametrize("text, coefficients", [
    ("1000 - t", [1000, -1]), ("t/2", [0, F(1, 2)]), ("3*t + 1", [1, 3]), ("-(t - 1)^2", [-1, 2, -1]),
    ("(t + 1)**2 / 4 - t/2", [F(1, 4), 0, F(1, 4)]), ("7", [7]), ("+t - -t", [0, 2]),
    ("123456789012345678901234567890 * t", [0, 123456789012345678901234567890]),
])
def test_parse_poly_values(text, coefficients):
    assert parse_poly(text) == poly_of([F(c) for c in coefficients])


@pytest.mark.parametrize("text, message", [
    ("0.5", "0.5 is a decimal literal (a float in most languages); write it exactly, as 1/2"),
    ("1e3 * t", "1e3 is a decimal literal (a float in most languages); write it exactly, as 1000"),
    ("x + 1", "unknown name 'x'; the only name allowed is the parameter 't'"),
    ("1/t", "divides by an expression in the parameter"),
    ("t / (1 - 1)", "divides by zero"),
    ("2t", "unexpected 't' after a complete expression (write products with '*')"),
    ("(t + 1", "has an unclosed '('"),
    ("t^-1", "the exponent must be an integer from 0 to 64"),
    ("__import__('os')", "unknown name '__import__'"),
    ("", "is empty"),
    ("t ; 1", "unexpected character ';'"),
    ("(" * 200 + "t" + ")" * 200, "is nested too deeply"),
])
def test_parse_poly_refuses(text, message):
    with pytest.raises(NumberError, match=None) as info:
        parse_poly(text)
    assert message in str(info.value)


def test_sympy_and_numbers_become_polynomials():
    c = sympy.Symbol("c")
    fam = ParametricGame.bimatrix([[c / 3, 1]], [[F(1, 2), sympy.Rational(1, 3) * c ** 2]], parameter="c")
    assert fam.at(3).payoff(("1", "2")) == (F(1), F(3))
    with pytest.raises(NumberError, match="contains a float"):
        ParametricGame.bimatrix([[sympy.Float(0.5) * c]], [[0]], parameter="c")
    with pytest.raises(NumberError, match=r"payoff of player '1' at profile \(1, 2\): .*unknown name 's'"):
        ParametricGame.bimatrix([["0", "s"]], [["0", "0"]])
    with pytest.raises(NumberError):
        ParametricGame.bimatrix([[0.5]], [[0]])
    with pytest.raises(NumberError):
        fam.at(0.5)


DOC = """{
  "parameter": "t",
  "title": "curse",
  "players": ["A", "B"],
  "actions": [["a", "k"], ["b"]],
  "payoffs": [[["0", 0]], [["t/2", "1000 - 3*t"]]]
}"""


def test_json_family_reads_and_substitutes():
    fam = parse_parametric_json(DOC, path="f.json")
    assert fam.parameter == "t" and fam.title == "curse"
    assert fam.at("7/3").payoff(("k", "b")) == (F(7, 6), F(993))
    assert fam.at(0).payoff(("a", "b")) == (F(0), F(0))


@pytest.mark.parametrize("edit, message", [
    (('"t/2"', '"0.5*t"'), "f.json:6:29: $.payoffs[1][0][0] (player 'A'): '0.5*t': 0.5 is a decimal literal"),
    (('"t/2"', '"t/s"'), "f.json:6:29: $.payoffs[1][0][0] (player 'A'): 't/s': unknown name 's'"),
    (('"t/2"', "0.5"), "f.json:6:29: 0.5 is a JSON float"),
    (('"parameter": "t",', ""), "$ has no 'parameter' key"),
    (('"parameter": "t"', '"parameter": 3'), "f.json:2:16: $.parameter is 3; expected a name"),
    (('[["a", "k"], ["b"]]', '[["a", "k"], ["b", "c"]]'), "f.json:6:15: $.payoffs[0] lists 1 entry"),
    (('"title": "curse"', '"tittle": "curse"'), "f.json:3:3: $.tittle is not a key of a game document"),
])
def test_json_family_errors_name_the_place(edit, message):
    with pytest.raises(GameFormatError) as info:
        parse_parametric_json(DOC.replace(*edit), path="f.json")
    assert message in str(info.value)


# ---------------------------------------------------------------------------- exact numbers
def test_roots_intervals_and_simplest_rationals():
    roots = real_roots(poly_of([-2, 0, 1]) * poly_of([-1, 2]))
    assert [str(r) if isinstance(r, F) else r.to_json()["interval"] for r in roots] == [
        ["-3/2", "-11/8"], "1/2", ["11/8", "3/2"]]
    assert compare(roots[2], F(1414, 1000)) == 1 and compare(roots[2], F(1415, 1000)) == -1
    assert simplest_between(F(1, 3), F(1, 2)) == F(2, 5)
    assert simplest_between(F(7, 3), F(12, 5)) == F(19, 8)
    assert simplest_between(None, F(-5, 2)) == -3 and simplest_between(F(3), None) == 4
    assert str(Interval.parse("0:inf")) == "[0, inf)"
    assert str(Interval.parse("(-inf, 1/2]")) == "(-inf, 1/2]"
    with pytest.raises(ValueError, match="empty"):
        Interval.parse("(1, 1)")


# ---------------------------------------------------------------------------- known families
def test_minimax_family_by_hand():
    # [[t, 1], [1, 0]]: saddle (row 1, column 2) worth 1 once t >= 1; below, the mixed value
    # solves x t + (1 - x) = x, i.e. x = 1/(2 - t), value 1/(2 - t).
    sol = minimax([["t", "1"], ["1", "0"]])
    assert texts(sol.value) == [("(-inf, 1]", "-1/(t - 2)"), ("(1, inf)", "1")]
    first = sol.pieces[0]
    assert [f(F(-1)) for f in first.row_strategy] == [F(1, 3), F(2, 3)]
    assert [f(F(-1)) for f in first.column_strategy] == [F(1, 3), F(2, 3)]
    assert sol.verify()


def test_algebraic_breakpoints():
    # one row (t^2 - 2, 0): the column player picks the smaller, so the value is min(t^2 - 2, 0)
    sol = minimax([["t^2 - 2", "0"]])
    rows = texts(sol.value)
    assert [f for _, f in rows] == ["0", "t^2 - 2", "0"]
    ends = sol.value.breakpoints()
    assert all(isinstance(e, Algebraic) and e.to_json()["poly"] == ["-2", "0", "1"] for e in ends)
    assert rows[0][0] == "(-inf, root of t^2 - 2 in (-3/2, -11/8) ~ -1.41421]"
    assert rows[1][0] == "(root of t^2 - 2 in (-3/2, -11/8) ~ -1.41421, root of t^2 - 2 in (11/8, 3/2) ~ 1.41421]"
    assert sol.value(F(1)) == -1 and sol.value(F(3, 2)) == 0 and sol.value(F(-2)) == 0
    assert sol.verify()


def test_degenerate_family_is_one_piece():
    # all-zero matrix at t = 0: every basis is degenerate there, the value is 0 everywhere
    sol = minimax([["t", "-t"], ["-t", "t"]])
    assert texts(sol.value) == [("(-inf, inf)", "0")]


def test_curse_coco_over_the_whole_line():
    fam = ParametricGame.bimatrix([["0"], ["0"]], [["0"], ["-t"]])
    c1, c2 = coco(fam)
    # t < 0: the "curse" pays player 2 |t|, W = -t, val(Z) = 0: both get -t/2
    assert texts(c1) == [("(-inf, 0]", "-1/2*t"), ("(0, inf)", "1/2*t")]
    assert texts(c2) == [("(-inf, inf)", "-1/2*t")]  # W/2 - val(Z) is -t/2 on both sides
    assert texts(max_total(fam)) == [("(-inf, 0]", "-t"), ("(0, inf)", "0")]


def test_point_interval_and_closed_ends():
    sol = minimax([["t", "1"], ["1", "0"]], "[1, 1]")
    assert texts(sol.value) == [("{1}", "1")]
    sol = minimax([["t", "1"], ["1", "0"]], "(0, 2)")
    assert texts(sol.value) == [("(0, 1]", "-1/(t - 2)"), ("(1, 2)", "1")]


def test_parameter_in_right_hand_side_and_objective():
    lp = ParametricLP(2)          # max x + t y  s.t. x + y <= 1, x <= t
    lp.add_row({0: 1, 1: 1}, "<=", 1)
    lp.add_row({0: 1}, "<=", "t")
    lp.set_objective({0: 1, 1: "t"})
    pieces = solve_parametric(lp, Interval.parse("0:2"))
    got = [(str(p.interval), str(p.certificate.value)) for p in pieces]
    # t in [0, 1]: x = t, y = 1 - t -> t + t(1 - t) = -t^2 + 2t; t >= 1: y = 1 -> t ... and x = 0
    assert got[0] == ("[0, 1]", "-t^2 + 2*t")
    assert all(p.certificate.check(p.interval) == [] for p in pieces)
    for t0 in (F(0), F(1, 2), F(1), F(3, 2), F(2)):
        piece = next(p for p in pieces if p.interval.contains(t0))
        assert piece.certificate.value(t0) == max(t0 * t0 - t0 * t0 + min(t0, 1) + t0 * (1 - min(t0, 1)), t0)


def test_tampered_certificate_is_caught():
    sol = minimax([["t", "1"], ["1", "0"]])
    first = sol.pieces[0]
    assert first.certificate.check(first.interval) == []
    wider = Interval.parse("(-inf, 3/2]")
    problems = first.certificate.check(wider)
    assert problems and any("fails on" in p for p in problems)


# ---------------------------------------------------------------------------- claims
def test_holds_proves_and_refutes_with_a_witness():
    fam = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c")
    proof = holds(lambda q: [q.coco()[0].eq(6), q.coco()[1].eq(6)], fam, "-6:inf")
    assert proof.holds and proof.verify()
    refuted = holds(lambda q: q.coco()[0].eq(6), fam)
    assert not refuted.holds
    assert str(refuted.interval) == "(-inf, -6)" and refuted.witness == -7
    assert refuted.lhs == 7 and refuted.rhs == 6
    assert ordinary_coco(refuted.game).payoffs == (F(7), F(7))
    strict = holds(lambda q: q.coco()[0] - 6 > 0, fam, "-6:inf")
    assert not strict.holds and str(strict.interval) == "{-6}" and strict.witness == -6


def test_holds_at_an_irrational_point_has_no_rational_witness():
    fam = ParametricGame.bimatrix([["t^2 - 2", "0"]], [["0", "0"]])
    result = holds(lambda q: q.value(0) < 0, fam, "0:inf")
    # min(t^2 - 2, 0) < 0 fails first exactly at sqrt(2)
    assert not result.holds and result.witness is None and result.game is None
    assert result.interval.is_point and isinstance(result.interval.lo, Algebraic)


# ---------------------------------------------------------------------------- cross-checks
def _points(pieces):
    out = []
    for iv in pieces:
        if not (iv.is_point and isinstance(iv.lo, Algebraic)):
            out.append(iv.sample())
        for e in (iv.lo, iv.hi):
            if isinstance(e, F):
                out += [e, e + F(1, 1000), e - F(1, 1000), e + F(1, 10 ** 12), e - F(1, 10 ** 12)]
            elif isinstance(e, Algebraic):
                out += list(e.bounds)
    return out


def _affine(draw_int, m, n):
    return [[f"{draw_int()}*t + {draw_int()}" for _ in range(n)] for _ in range(m)]


def _evaluate(matrix, t0):
    q = flint.fmpq(t0.numerator, t0.denominator)
    return [[F(int(parse_poly(e)(q).p), int(parse_poly(e)(q).q)) for e in row] for row in matrix]


def _tiles(pieces, domain):
    """No gap, no overlap: consecutive pieces meet with exactly one of them holding the end."""
    assert compare(pieces[0].lo, domain.lo) == 0 if domain.lo is not None else pieces[0].lo is None
    for a, b in zip(pieces, pieces[1:]):
        assert compare(a.hi, b.lo) == 0 and a.hi_closed != b.lo_closed
    assert pieces[-1].hi is None if domain.hi is None else compare(pieces[-1].hi, domain.hi) == 0


@settings(max_examples=scaled(15))
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 10 ** 6), st.sampled_from(["-inf:inf", "0:10", "(-3, 1/2]"]))
def test_random_minimax_families_match_the_ordinary_solver(m, n, seed, domain_text):
    import random
    rng = random.Random(seed)
    matrix = _affine(lambda: rng.randint(-2, 2), m, n)
    domain = Interval.parse(domain_text) if domain_text != "-inf:inf" else Interval()
    sol = minimax(matrix, domain)
    _tiles([p.interval for p in sol.pieces], domain)
    for p in sol.pieces:
        for t0 in _points([p.interval]):
            if not domain.contains(t0):
                continue
            Mx = _evaluate(matrix, t0)
            want = ordinary_minimax(Mx).value
            assert sol.value(t0) == want, (matrix, t0)
            if p.interval.contains(t0):
                x = [f(t0) for f in p.row_strategy]
                y = [f(t0) for f in p.column_strategy]
                assert min(x) >= 0 and min(y) >= 0 and sum(x) == 1 and sum(y) == 1
                assert all(sum(x[a] * Mx[a][b] for a in range(m)) >= want for b in range(n))
                assert all(sum(y[b] * Mx[a][b] for b in range(n)) <= want for a in range(m))


@settings(max_examples=scaled(8))
@given(st.integers(0, 10 ** 6))
def test_random_coco_families_match_the_ordinary_coco(seed):
    import random
    rng = random.Random(seed)
    A, B = _affine(lambda: rng.randint(-3, 3), 2, 3), _affine(lambda: rng.randint(-3, 3), 2, 3)
    fam = ParametricGame.bimatrix(A, B)
    c1, c2 = coco(fam, "-5:5")
    for t0 in _points([p.interval for p in c1.pieces + c2.pieces]):
        if -5 <= t0 <= 5:
            assert (c1(t0), c2(t0)) == ordinary_coco(fam.at(t0)).payoffs, (A, B, t0)


def test_basis_certificate_formulas_by_hand():
    # max v s.t. x t - v >= 0, x = 1: the basis {x, v} gives v = t (det 1), no conditions but x >= 0
    lp = ParametricLP(2, free=[1])
    lp.add_row({0: "t", 1: -1}, ">=", 0)
    lp.add_row({0: 1}, "=", 1)
    lp.set_objective({1: 1})
    cert = basis_certificate(lp, [("x", 0), ("x", 1)])
    assert str(cert.value) == "t" and str_poly(cert.det) in ("1", "-1")
    assert [str(f) for f in cert.x] == ["1", "t"]


# ---------------------------------------------------------------------------- fallback
def test_chicken_fallback_for_every_crash_cost_by_hand():
    # crash payoff (-c, -c): W = 12 while c >= -6 (else the crash, -2c); for c >= -2 the
    # dictator's best CE is (7, 2), so f_1 = (12 + 5)/2 = 17/2; welfare picks (21/4, 21/4) -> 6
    chicken = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c")
    expected = {
        "welfare": [("(-inf, -6]", "-c"), ("(-6, inf)", "6")],
        "dictator-1": [("(-inf, -6]", "-c"), ("(-6, -2)", "6"), ("[-2, inf)", "17/2")],
        "dictator-2": [("(-inf, -6]", "-c"), ("(-6, -2)", "6"), ("[-2, inf)", "7/2")],
        "random-dictator": [("(-inf, -6]", "-c"), ("(-6, inf)", "6")],
    }
    for rule, rows in expected.items():
        f1, f2 = fallback(chicken, rule)
        assert texts(f1) == rows, rule
        for c in (F(-7), F(-6), F(-5), F(-2), F(-2) + F(1, 10 ** 9), F(-2) - F(1, 10 ** 9), F(0), F(1000)):
            assert (f1(c), f2(c)) == ordinary_fallback(chicken.at(c), rule).payoffs, (rule, c)


GAME_WITH_JUMPS = ParametricGame.bimatrix(
    [["-2*t + 3", "0", "2*t - 3"], ["0", "1", "-t + 1"], ["t", "2*t - 1", "-2*t + 3"]],
    [["2*t - 3", "-2*t + 2", "t + 2"], ["-2*t + 1", "t + 3", "-2"], ["2", "-2*t - 2", "2*t - 2"]])


def test_fallback_with_a_jump_and_an_irrational_stage_breakpoint():
    # the welfare rule's value jumps at t = 3/2 (7/4 there, 5/2 to the left, 1 to the right);
    # a lexicographic stage meets an irrational breakpoint (a root of 6t^2 - t - 11) that no
    # neighbouring basis covers, solved by the simplex method over Q(r)
    f1, f2 = fallback(GAME_WITH_JUMPS, "welfare", "-4:4")
    assert texts(f1)[1:] == [("[-2/3, 1]", "1"), ("(1, 3/2)", "t + 1"), ("{3/2}", "7/4"),
                             ("(3/2, 5/2]", "t - 1/2"), ("(5/2, 4]", "2*t - 3")]
    points = [x for x in _points([p.interval for p in f1.pieces]) if -4 <= x <= 4]
    points += [F(-1273, 1000), F(-1274, 1000)]
    for x in points:
        assert (f1(x), f2(x)) == ordinary_fallback(GAME_WITH_JUMPS.at(x), "welfare").payoffs, x


def test_simplex_over_an_algebraic_point():
    from exactbargain.parametric.atpoint import optimal_basis_at
    lp = ParametricLP(2)             # max x + y  s.t.  x <= t^2 - 1, y <= 2 - t, x + y <= 3
    lp.add_row({0: 1}, "<=", "t^2 - 1")
    lp.add_row({1: 1}, "<=", "2 - t")
    lp.add_row({0: 1, 1: 1}, "<=", 3)
    lp.set_objective({0: 1, 1: 1})
    root = real_roots(poly_of([-2, 0, 1]))[1]       # sqrt(2): x = 1, y = 2 - sqrt(2)
    basic = optimal_basis_at(lp, root)
    cert = basis_certificate(lp, basic)
    assert cert.holds_at(root) and str(cert.value) == "t^2 - t + 1"
    assert sorted(basic) == [("s", 2), ("x", 0), ("x", 1)]


def test_security_levels_and_ce_optima_of_chicken_by_crash_cost():
    from exactbargain import CorrelatedEquilibria, security_levels as ordinary_security_levels
    from exactbargain.parametric import ce_optimum, security_levels
    chicken = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c")
    s1, s2 = security_levels(chicken)
    # Dare guarantees min(-c, 7), Swerve 2; once -c >= 2 Dare dominates Swerve
    assert texts(s1) == texts(s2) == [("(-inf, -7]", "7"), ("(-7, -2]", "-c"), ("(-2, inf)", "2")]
    welfare = ce_optimum(chicken, "welfare")
    # at c = 0 the theory's 21/2; the CE set jumps at c = -2, where Dare and Swerve tie against Dare
    assert texts(welfare) == [("(-inf, -2)", "-2*c"), ("[-2, inf)", "(12*c + 42)/(c + 4)")]
    assert welfare(0) == F(21, 2) and texts(ce_optimum(chicken, "1")) == [("(-inf, -2)", "-c"), ("[-2, inf)", "7")]
    for c in (F(-8), F(-7), F(-3), F(-2), F(-2) - F(1, 10 ** 6), F(-1), F(0), F(7, 3), F(1000)):
        game = chicken.at(c)
        ce = CorrelatedEquilibria(game)
        assert (s1(c), s2(c)) == ordinary_security_levels(game).levels
        assert welfare(c) == ce.max_welfare().value and ce_optimum(chicken, "2")(c) == ce.best_for(1).value


@settings(max_examples=scaled(6))
@given(st.integers(0, 10 ** 6), st.sampled_from(["welfare", "dictator-1", "random-dictator"]))
def test_random_fallback_families_match_the_ordinary_fallback(seed, rule):
    import random
    rng = random.Random(seed)
    A, B = _affine(lambda: rng.randint(-2, 2), 2, 2), _affine(lambda: rng.randint(-2, 2), 2, 2)
    fam = ParametricGame.bimatrix(A, B)
    f1, f2 = fallback(fam, rule, "-3:3")
    _tiles([p.interval for p in f1.pieces], Interval.parse("-3:3"))
    for t0 in _points([p.interval for p in f1.pieces + f2.pieces]):
        if -3 <= t0 <= 3:
            assert (f1(t0), f2(t0)) == ordinary_fallback(fam.at(t0), rule).payoffs, (A, B, rule, t0)
