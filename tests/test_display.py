"""Long exact values in output read by people: shown rounded, marked ``~``, never in JSON."""

from __future__ import annotations

import decimal
import json
import random
from fractions import Fraction

import pytest

from exactbargain.errors import ExactBargainError
from exactbargain.numbers import approximate_text, format_rational
from exactbargain.tables import Table, Vector
from exactbargain.tables.display import (DISPLAY_DIGITS, DISPLAY_LIMIT, ROUNDED_NOTE, display_latex,
                                         display_policy, display_rational, display_vector)

from conftest import run_cli


def _rounded_by_decimal(x: Fraction) -> decimal.Decimal:
    """The reference: ``x`` to 6 significant digits, half to even, by the decimal module
    (the division rounded once, in a context of exactly that precision)."""
    with decimal.localcontext() as ctx:
        ctx.prec = DISPLAY_DIGITS
        ctx.rounding = decimal.ROUND_HALF_EVEN
        ctx.Emax, ctx.Emin = 10 ** 6, -10 ** 6
        return decimal.Decimal(x.numerator) / decimal.Decimal(x.denominator)


def test_a_value_is_whole_up_to_the_limit_and_rounded_past_it():
    whole = Fraction(10 ** 19 + 1, 10 ** 19 + 3)        # 20 + 1 + 20 = 41 characters
    assert len(format_rational(whole)) == DISPLAY_LIMIT + 1
    assert display_rational(whole) == "~1"
    at_limit = Fraction(10 ** 19 + 1, 10 ** 18 + 3)     # 40 characters
    assert len(format_rational(at_limit)) == DISPLAY_LIMIT
    assert display_rational(at_limit) == format_rational(at_limit)
    assert display_rational(-(10 ** 40)) == "~-1e+40"
    assert display_rational(10 ** 39) == format_rational(10 ** 39)


def test_rounding_agrees_with_the_decimal_module():
    rnd = random.Random(7)
    for _ in range(400):
        num = rnd.randrange(-10 ** rnd.randrange(1, 80), 10 ** rnd.randrange(1, 80))
        den = rnd.randrange(1, 10 ** rnd.randrange(1, 80))
        x = Fraction(num, den)
        if len(format_rational(x)) <= DISPLAY_LIMIT:
            assert display_rational(x) == format_rational(x)
            continue
        shown = display_rational(x)
        assert shown.startswith("~") and decimal.Decimal(shown[1:]) == _rounded_by_decimal(x), x


def test_numbers_beyond_pythons_string_limit_are_rounded():
    # str() of an int over 4,300 digits raises; the rounding must not call it
    x = Fraction(10 ** 5000 + 7, 3)
    assert approximate_text(x) == "3.33333e+4999"
    assert display_rational(x) == "~3.33333e+4999"
    assert display_rational(-Fraction(1, 10 ** 6000)) == "~-1e-6000"


def test_policy_limits_counts_and_restores():
    long = Fraction(2 ** 200, 3)
    with display_policy() as outer:
        assert display_vector([long, 1]) == "(~5.35646e+59, 1)"
        with display_policy(None) as inner:
            assert display_rational(long) == format_rational(long)
        assert (outer.rounded, inner.rounded) == (1, 0)
        with display_policy(2) as tight:
            assert display_vector([7, 10, Fraction(1, 2)], "[]") == "[7, 10, ~0.5]"
        assert tight.rounded == 1 and outer.rounded == 1
    for bad in (0, -3, True, 2.5, "40"):
        with pytest.raises(ExactBargainError, match="display limit"):
            with display_policy(bad):
                pass


def test_every_table_format_rounds_and_marks_the_same_values():
    long = Fraction(10 ** 60 + 1, 3 * 10 ** 59)
    table = Table(("x", "y"), ((long, Vector((Fraction(1, 3), -long))),), ("A long value",), "rr")
    assert "~3.33333" in table.text() and "(1/3, ~-3.33333)" in table.text()
    md = table.markdown()
    assert "\\~3.33333" in md and "(1/3, \\~-3.33333)" in md and " ~" not in md
    assert "{\\approx}\\,3.33333" in table.latex() and "\\frac{1}{3}" in table.latex()
    assert "~3.33333" in table.html()
    with display_policy(None):
        assert format_rational(long) in table.text() and format_rational(long) in table.html()
        assert "\\frac{" + format_rational(10 ** 60 + 1) in table.latex()


def test_latex_rounding_writes_powers_of_ten():
    assert display_latex(Fraction(10 ** 50, 7), str) == "{\\approx}\\,1.42857 \\cdot 10^{49}"
    assert display_latex(Fraction(1, 7), str) == "1/7"


@pytest.fixture(scope="module")
def long_game(tmp_path_factory):
    """A 2x2 game whose CE values have long exact texts (payoffs with 30-digit parts)."""
    a, b = 10 ** 30 + 7, 10 ** 29 + 3
    path = tmp_path_factory.mktemp("long") / "long.json"
    doc = {"players": ["Row", "Col"], "actions": [["U", "D"], ["L", "R"]],
           "payoffs": [[[f"{a}/{b}", "0"], ["1", f"{b}/{a}"]], [["0", f"{a}/{b}"], [f"{b}/{a}", "1"]]]}
    path.write_text(json.dumps(doc))
    return path


def test_the_command_line_rounds_text_and_says_so(capsys, long_game):
    code, out, err = run_cli(capsys, "equilibria", long_game, "--correlated")
    assert code == 0 and "~" in out
    assert err == f"exactbargain: note: {ROUNDED_NOTE}\n"
    code, exact, err = run_cli(capsys, "equilibria", long_game, "--correlated", "--exact-text")
    assert (code, err) == (0, "") and "~" not in exact
    code, doc, err = run_cli(capsys, "equilibria", long_game, "--correlated", "--json")
    assert (code, err) == (0, "") and "~" not in doc
    welfare = Fraction(json.loads(doc)["correlated"]["max_welfare"])
    assert len(format_rational(welfare)) > DISPLAY_LIMIT
    assert f"max welfare      {format_rational(welfare)}" in exact
    assert f"max welfare      ~{approximate_text(welfare)}" in out
