from decimal import Decimal
from fractions import Fraction

import flint
import pytest
import sympy
from hypothesis import given, strategies as st

from exactbargain.errors import NumberError
from exactbargain.numbers import format_rational, to_fmpq, to_fraction


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3", Fraction(3)),
        ("-3", Fraction(-3)),
        ("+3", Fraction(3)),
        ("1/2", Fraction(1, 2)),
        ("-1/2", Fraction(-1, 2)),
        ("0.25", Fraction(1, 4)),
        (".25", Fraction(1, 4)),
        ("3.", Fraction(3)),
        ("1.5e2", Fraction(150)),
        ("1e-1", Fraction(1, 10)),
        ("2E3", Fraction(2000)),
        ("-0.1", Fraction(-1, 10)),
        ("6/4", Fraction(3, 2)),
        ("0.1000000000000000055511151231257827", Fraction(1000000000000000055511151231257827, 10**34)),
    ],
)
def test_strings_are_exact(text, expected):
    assert to_fraction(text) == expected
    assert type(to_fraction(text)) is Fraction


@pytest.mark.parametrize(
    "value, expected",
    [
        (5, Fraction(5)),
        (Fraction(-2, 6), Fraction(-1, 3)),
        (flint.fmpq(7, 3), Fraction(7, 3)),
        (flint.fmpz(-4), Fraction(-4)),
        (sympy.Rational(3, 4), Fraction(3, 4)),
        (sympy.Integer(-9), Fraction(-9)),
        (Decimal("0.1"), Fraction(1, 10)),
        (10**40, Fraction(10**40)),
    ],
)
def test_exact_types(value, expected):
    assert to_fraction(value) == expected


@pytest.mark.parametrize(
    "bad, fragment",
    [
        (0.5, "float"),
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        (True, "bool"),
        ("1/0", "zero denominator"),
        ("abc", "'abc' is not a rational"),
        ("", "is not a rational"),
        (".", "is not a rational"),
        ("1.5/2", "is not a rational"),
        ("1/-2", "is not a rational"),
        ("nan", "is not a rational"),
        ("inf", "is not a rational"),
        ("  7 ", "contains whitespace; write the number without spaces, as '7'"),
        ("1 / 2", "contains whitespace; write the number without spaces, as '1/2'"),
        ("1/ 2", "contains whitespace"),
        ("\t-3", "contains whitespace"),
        ("\u0663", "not an ASCII digit"),
        ("1\u0660/2", "not an ASCII digit"),
        ("\uff11", "not an ASCII digit"),
        ("1_000", "is not a rational"),
        ("0x10", "is not a rational"),
        (Decimal("NaN"), "finite"),
        (None, "NoneType"),
        ([1], "list"),
        (sympy.Float(1.5), "sympy Float"),
        (sympy.sqrt(2), "not a number"),
        (complex(1, 0), "complex"),
    ],
)
def test_refused(bad, fragment):
    with pytest.raises(NumberError) as info:
        to_fmpq(bad)
    assert fragment in str(info.value)
    # the error is catchable as ValueError and as TypeError
    assert isinstance(info.value, ValueError) and isinstance(info.value, TypeError)


def test_error_lists_what_is_accepted():
    with pytest.raises(NumberError, match="Fraction.*'1.5e2'"):
        to_fmpq("x")


def test_from_float_is_the_exact_binary_value():
    assert to_fraction(0.1, from_float=True) == Fraction(3602879701896397, 36028797018963968)
    assert to_fraction(0.5, from_float=True) == Fraction(1, 2)
    with pytest.raises(NumberError):
        to_fmpq(float("nan"), from_float=True)


@given(st.fractions())
def test_format_parse_round_trip(q):
    assert to_fraction(format_rational(q)) == q


@given(st.integers(-10**6, 10**6), st.integers(0, 12))
def test_decimal_text(mantissa, places):
    text = f"{mantissa}e-{places}"
    assert to_fraction(text) == Fraction(mantissa, 10**places)
    assert to_fraction(str(Decimal(mantissa).scaleb(-places))) == Fraction(mantissa, 10**places)


def test_digit_limit_is_documented_and_enforced():
    from exactbargain.numbers import MAX_DIGITS, parse_rational

    assert MAX_DIGITS == 10_000
    at_limit = "9" * MAX_DIGITS
    assert to_fmpq(at_limit) == flint.fmpz(at_limit)
    assert to_fmpq("1/" + at_limit) == flint.fmpq(1, flint.fmpz(at_limit))
    assert to_fmpq("0" * 20_000 + "5") == 5  # leading zeros are not digits of the value
    assert to_fmpq("0e99999999") == 0
    for text, digits in [("9" * (MAX_DIGITS + 1), "10,001"), ("1/" + "7" * 10_001, "10,001"),
                         ("1e10000", "10,001"), ("5e-10000", "10,001"), ("1.5e9999", "10,000")]:
        if digits == "10,000":
            assert parse_rational(text) == 15 * flint.fmpz(10) ** 9998
            continue
        with pytest.raises(NumberError, match=f"has {digits} digits, more than the 10,000 digits a number may have"):
            parse_rational(text)
    with pytest.raises(NumberError, match="exponent beyond the 10,000 digits"):
        parse_rational("1e123456789012")


def test_parse_integer_uses_the_same_grammar():
    from exactbargain.numbers import parse_integer

    assert parse_integer("42") == 42 and parse_integer("-0") == 0 and parse_integer("+5") == 5
    assert parse_integer("9" * 5000) == 10**5000 - 1
    for bad, fragment in [("3.0", "not an integer"), (" 3", "whitespace"), ("\u0663", "not an ASCII digit"),
                          ("1_0", "not an integer"), ("", "not an integer"), ("1/1", "not an integer"),
                          ("1" * 10_001, "10,001 digits")]:
        with pytest.raises(NumberError, match=fragment):
            parse_integer(bad)
    with pytest.raises(NumberError, match="takes a str, not int"):
        parse_integer(3)


def test_numbers_of_any_size_are_written_exactly():
    from exactbargain.numbers import format_vector

    big = 10**5000 - 1  # str(big) raises ValueError under Python's default limit
    assert format_rational(big) == "9" * 5000
    assert format_rational(Fraction(-big, 7)) == "-" + "9" * 5000 + "/7"
    assert format_vector([Fraction(1, big), 2], "[]") == "[1/" + "9" * 5000 + ", 2]"
    assert to_fraction(format_rational(Fraction(big, 3))) == Fraction(big, 3)


def test_approximate_text_rounds_the_exact_value_as_format_g_does():
    import random

    from exactbargain.numbers import approximate_text

    rng = random.Random(7)
    for _ in range(2000):
        x = Fraction(rng.randint(-10**12, 10**12), rng.randint(1, 10 ** rng.randint(1, 14)))
        assert approximate_text(x) == format(float(x), ".6g")
    # exact where a float is not: a tie one part in 10**30 above 1.000005 rounds up, and
    # numbers past the float range still print
    assert approximate_text(Fraction(1000005, 10**6) + Fraction(1, 10**30)) == "1.00001"
    assert approximate_text(Fraction(1000005, 10**6)) == "1"  # half to even
    assert approximate_text(Fraction(10**400, 3)) == "3.33333e+399"
    assert approximate_text(Fraction(2, 3), digits=2) == "0.67"
