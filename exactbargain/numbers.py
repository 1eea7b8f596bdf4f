"""The one coercion rule: what exactbargain accepts as an exact rational number.

Every payoff, probability and coefficient entering the library passes through
:func:`to_fmpq`. The policy, in one place:

========================  ===============================================================
input                     result
========================  ===============================================================
``int``                   exact (``bool`` is refused: ``True`` is not a payoff)
``fractions.Fraction``    exact
``flint.fmpq``/``fmpz``   exact
sympy ``Rational``        exact (``Integer`` included); other sympy numbers are refused
``decimal.Decimal``       exact if finite (``Decimal("0.1")`` is 1/10)
``numbers.Rational``      exact: numpy integer scalars (``numpy.int64``, ``numpy.uint8``...)
                          and any other registered rational type, via ``numerator`` and
                          ``denominator``; ``numpy.bool_`` is refused like ``bool``
``str``                   ``"3"``, ``"-3"``, ``"+3"``, ``"1/2"``, ``"-1/2"``, ``"0.25"``,
                          ``".25"``, ``"3."``, ``"1.5e2"``, ``"1e-1"``: decimal text is an
                          exact decimal, never a binary float (grammar below)
``float``                 refused, unless ``from_float=True`` asks for the exact value of
                          the binary float (``0.1`` is then 3602879701896397/36028797018963968);
                          numpy floats (any real that is not rational) likewise
NaN, infinities           always refused
========================  ===============================================================

Arrays: the game constructors and :func:`~exactbargain.equilibria.minimax` take numpy arrays
where they take nested lists (:func:`plain_array`). Integer arrays are converted in bulk;
float and complex arrays are refused, naming the first entry; object arrays go entry by entry
through :func:`to_fmpq`.

Inside the library numbers are ``flint.fmpq``; every public result is a
:class:`fractions.Fraction` (:func:`to_fraction`).

**The grammar of number text** -- one grammar, used for strings given to the library, the
numbers of ``.nfg`` files, the payoff strings of JSON documents, certificate values and
the numeric options of the command line::

    number   = [sign] (integer "/" integer | decimal [exponent])
    sign     = "+" | "-"
    integer  = digit {digit}
    decimal  = integer ["." {digit}] | "." digit {digit}
    exponent = ("e" | "E") [sign] digit {digit}
    digit    = "0" | "1" | ... | "9"          (ASCII only)

Nothing else is part of a number: no whitespace (not around it either, and not around the
``/``), no underscores, no other digits than ASCII (``int()`` would read the Arabic-Indic
``"٣"`` as 3; this grammar refuses it). A number read from text has at most
:data:`MAX_DIGITS` digits in its numerator and in its denominator, with the exponent
written out (``"1e20000"`` has 20,001); longer numbers are refused, which bounds the cost
of every computation on what was read. Integers the command line takes (counts, seeds,
player numbers) follow the ``integer`` rule with an optional sign (:func:`parse_integer`).

**Numbers to text** -- :func:`format_rational` and :func:`format_vector` write numbers of
any size exactly (Python's ``str(int)`` refuses integers of more than 4,300 digits; these
go through FLINT, which has no such limit). Every number exactbargain prints, in any
format, is written by them.

>>> to_fraction("1.5e2"), to_fraction(".25"), to_fraction("-1/2")
(Fraction(150, 1), Fraction(1, 4), Fraction(-1, 2))
>>> to_fmpq(0.5)
Traceback (most recent call last):
    ...
exactbargain.errors.NumberError: 0.5 is a float, and floats are not exact; pass an int, a Fraction, a string such as '1/2' or '0.25', or use from_float=True for the float's exact binary value
>>> format_rational(to_fmpq("6/4"))
'3/2'
"""

from __future__ import annotations

import decimal
import math
import numbers
import re
import sys
from fractions import Fraction
from typing import Any, Union

import flint

from .errors import NumberError

__all__ = [
    "RationalLike",
    "to_fmpq",
    "to_fraction",
    "fraction_of",
    "fmpq_of",
    "format_rational",
    "format_vector",
    "approximate_text",
    "parse_rational",
    "parse_integer",
    "MAX_DIGITS",
    "plain_array",
    "ACCEPTED",
]

#: What :func:`to_fmpq` accepts (for type hints; strings are checked by grammar).
RationalLike = Union[int, Fraction, "flint.fmpq", "flint.fmpz", str, decimal.Decimal]

ACCEPTED = (
    "an int, a fractions.Fraction, a flint.fmpq, a sympy Rational, a finite Decimal, "
    "or a string such as '3', '-1/2', '0.25', '.25', '3.', '1.5e2'"
)

#: The most digits a number read from text may have, in its numerator and in its
#: denominator, with any exponent written out.
MAX_DIGITS = 10_000

# The grammar of the module docstring: ASCII digits only ([0-9], never \d), no whitespace.
_RATIONAL_RE = re.compile(
    r"""
    (?P<sign>[-+]?)
    (?:
        (?P<num>[0-9]+)/(?P<den>[0-9]+)             # p/q
      |
        (?P<int>[0-9]*)                             # integer part (may be empty: ".25")
        (?:\.(?P<frac>[0-9]*))?                     # fractional part (may be empty: "3.")
        (?:[eE](?P<exp>[-+]?[0-9]+))?               # exponent
    )
    """,
    re.VERBOSE | re.ASCII,
)
_INTEGER_RE = re.compile(r"[-+]?[0-9]+", re.ASCII)

_FMPQ = flint.fmpq
_FMPZ = flint.fmpz


def _integer(digits: str) -> Any:
    # Python's int() is quicker on short digit strings but refuses more than 4300 digits.
    return int(digits) if len(digits) < 4000 else _FMPZ(digits)


def _quote(text: str) -> str:
    return repr(text) if len(text) <= 40 else repr(text[:30]) + f"... ({len(text)} characters)"


def _refuse(text: str, what: str) -> NumberError:
    """The error for text outside the grammar, saying what is wrong when it is a common slip."""
    if any(c.isspace() for c in text):
        bare = "".join(text.split())
        if bare and (_RATIONAL_RE.fullmatch(bare) or _INTEGER_RE.fullmatch(bare)):
            return NumberError(f"{_quote(text)} contains whitespace; write the number without spaces, as {_quote(bare)}")
    foreign = next((c for c in text if c.isdigit() and not c.isascii()), None)
    if foreign is not None:
        return NumberError(f"{_quote(text)} contains the digit {foreign!r} (U+{ord(foreign):04X}), which is not "
                           "an ASCII digit; write numbers with the digits 0-9")
    return NumberError(f"{_quote(text)} is not {what}")


def _too_long(text: str, digits: int) -> NumberError:
    return NumberError(f"{_quote(text)} has {digits:,} digits, more than the {MAX_DIGITS:,} digits a number may have")


def _digit_count(digits: str) -> int:
    """Digits of a digit string's value (leading zeros do not count)."""
    return len(digits.lstrip("0"))


def parse_rational(text: str) -> "flint.fmpq":
    """Parse decimal or ``p/q`` text exactly by the module's grammar; raise
    :class:`NumberError` otherwise.

    Numbers of up to :data:`MAX_DIGITS` digits are read (FLINT parses them; Python's ``int``
    would refuse more than 4,300 digits).

    Parameters
    ----------
    text : str
        A number by the grammar: ``[sign] digits [/ digits]`` or a decimal with an optional
        exponent.

    Returns
    -------
    flint.fmpq
        Its exact value.

    Raises
    ------
    NumberError
        Text outside the grammar, a zero denominator, or more than :data:`MAX_DIGITS` digits.

    Examples
    --------
    >>> parse_rational("+3"), parse_rational("3."), parse_rational("1e-1")
    (3, 3, 1/10)
    >>> parse_rational("1" * 5000 + "/3") == _FMPQ(_FMPZ("1" * 5000), 3)
    True
    >>> parse_rational("1/0")
    Traceback (most recent call last):
        ...
    exactbargain.errors.NumberError: '1/0' has a zero denominator
    >>> parse_rational("1 / 2")
    Traceback (most recent call last):
        ...
    exactbargain.errors.NumberError: '1 / 2' contains whitespace; write the number without spaces, as '1/2'
    >>> parse_rational("1e20000")
    Traceback (most recent call last):
        ...
    exactbargain.errors.NumberError: '1e20000' has 20,001 digits, more than the 10,000 digits a number may have
    """
    if type(text) is not str:
        raise NumberError(f"parse_rational() takes a str, not {type(text).__name__}")
    match = _RATIONAL_RE.fullmatch(text)
    if match is None:
        raise _refuse(text, f"a rational number; expected {ACCEPTED}")
    negative = match.group("sign") == "-"
    if match.group("num") is not None:
        num_text, den_text = match.group("num"), match.group("den")
        longest = max(_digit_count(num_text), _digit_count(den_text))
        if longest > MAX_DIGITS:
            raise _too_long(text, longest)
        den = _integer(den_text)
        if den == 0:
            raise NumberError(f"{_quote(text)} has a zero denominator")
        value = _FMPQ(_integer(num_text), den)
    else:
        int_part = match.group("int")
        frac_part = match.group("frac") or ""
        if not int_part and not frac_part:
            raise _refuse(text, f"a rational number; expected {ACCEPTED}")
        mantissa = int_part + frac_part
        significant = _digit_count(mantissa)
        exp_text = match.group("exp") or "0"
        if significant == 0:  # zero, whatever the exponent
            return _FMPQ(0)
        if len(exp_text.lstrip("+-")) > len(str(MAX_DIGITS)) + 1:
            raise NumberError(f"{_quote(text)} has an exponent beyond the {MAX_DIGITS:,} digits a number may have")
        exponent = int(exp_text) - len(frac_part)
        longest = significant + exponent if exponent >= 0 else max(significant, 1 - exponent)
        if longest > MAX_DIGITS:
            raise _too_long(text, longest)
        digits = _integer(mantissa)
        if exponent >= 0:
            value = _FMPQ(digits * 10**exponent)
        else:
            value = _FMPQ(digits, 10**-exponent)
    return -value if negative else value


def parse_integer(text: str) -> int:
    """Parse an integer written by the grammar's ``[sign] integer`` rule (ASCII digits, no
    whitespace, at most :data:`MAX_DIGITS` digits); raise :class:`NumberError` otherwise.

    Parameters
    ----------
    text : str
        ``[sign] digits``.

    Returns
    -------
    int
        Its value.

    Raises
    ------
    NumberError
        Text outside the rule, or more than :data:`MAX_DIGITS` digits.

    Examples
    --------
    >>> parse_integer("-12"), parse_integer("+7")
    (-12, 7)
    >>> parse_integer("\u0663")
    Traceback (most recent call last):
        ...
    exactbargain.errors.NumberError: '٣' contains the digit '٣' (U+0663), which is not an ASCII digit; write numbers with the digits 0-9
    """
    if type(text) is not str:
        raise NumberError(f"parse_integer() takes a str, not {type(text).__name__}")
    if _INTEGER_RE.fullmatch(text) is None:
        raise _refuse(text, "an integer; expected digits 0-9 with an optional sign, such as '3' or '-2'")
    digits = text.lstrip("+-")
    if _digit_count(digits) > MAX_DIGITS:
        raise _too_long(text, _digit_count(digits))
    value = int(_integer(digits))
    return -value if text.startswith("-") else value


def to_fmpq(value: Any, *, from_float: bool = False) -> "flint.fmpq":
    """Return ``value`` as an exact ``flint.fmpq``, following the module's one coercion rule.

    Raises :class:`~exactbargain.errors.NumberError` (a ``ValueError`` and a ``TypeError``)
    that quotes the value and lists what is accepted.

    Parameters
    ----------
    value : int, Fraction, fmpq, fmpz, sympy Rational, Decimal or str
        An exact number (see the module's rule).
    from_float : bool
        Accept a float as its exact binary value.

    Returns
    -------
    flint.fmpq
        ``value``, exactly.

    Raises
    ------
    NumberError
        A float (unless ``from_float``), a bool, a non-finite Decimal, text outside the
        grammar, or any other type.

    Examples
    --------
    >>> to_fmpq(3), to_fmpq(Fraction(-2, 6)), to_fmpq("0.25")
    (3, -1/3, 1/4)
    >>> to_fmpq(True)
    Traceback (most recent call last):
        ...
    exactbargain.errors.NumberError: True is a bool, not a number; expected an int, a fractions.Fraction, a flint.fmpq, a sympy Rational, a finite Decimal, or a string such as '3', '-1/2', '0.25', '.25', '3.', '1.5e2'
    """
    kind = type(value)
    if kind is _FMPQ:
        return value
    if kind is int:
        return _FMPQ(value)
    if kind is str:
        return parse_rational(value)
    if kind is Fraction:
        return _FMPQ(value.numerator, value.denominator)
    if kind is bool or _is_numpy_bool(value):
        raise NumberError(f"{value!r} is a bool, not a number; expected {ACCEPTED}")
    if kind is float:
        return _from_float(value, from_float)
    if kind is _FMPZ:
        return _FMPQ(value)
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise NumberError(f"{value!r} is not a finite number; expected {ACCEPTED}")
        num, den = value.as_integer_ratio()
        return _FMPQ(num, den)
    # sympy without importing it: Rational and Integer carry .p and .q and is_Rational.
    if getattr(value, "is_Rational", False) is True:
        return _FMPQ(int(value.p), int(value.q))
    if getattr(value, "is_Number", False) is True or getattr(value, "is_Float", False):
        raise NumberError(f"{value!r} is a sympy {kind.__name__}, not a Rational; expected {ACCEPTED}")
    if isinstance(value, numbers.Rational):
        # int and Fraction subclasses, numpy integers, other registered rational types
        return _FMPQ(int(value.numerator), int(value.denominator))
    if isinstance(value, numbers.Real):  # numpy floats, other binary reals
        return _from_float(value, from_float)
    raise NumberError(f"{value!r} (of type {kind.__name__}) is not a number; expected {ACCEPTED}")


def _from_float(value: Any, from_float: bool) -> "flint.fmpq":
    if not math.isfinite(value):
        raise NumberError(f"{value!r} is not a finite number; expected {ACCEPTED}")
    if from_float:
        num, den = value.as_integer_ratio()
        return _FMPQ(num, den)
    raise NumberError(
        f"{value!r} is a float, and floats are not exact; pass an int, a Fraction, "
        "a string such as '1/2' or '0.25', or use from_float=True for the float's "
        "exact binary value"
    )


def _numpy() -> Any:
    """The numpy module if it has been imported (a numpy value implies it has), else ``None``."""
    return sys.modules.get("numpy")


def _is_numpy_bool(value: Any) -> bool:
    np = _numpy()
    return np is not None and isinstance(value, np.bool_)


def plain_array(value: Any, name: str) -> Any:
    """``value`` itself, unless it is a numpy array: then its entries as nested lists.

    Integer arrays become lists of Python ints in one call (``tolist``); other arrays (object,
    string, bool) become lists of their entries, which :func:`to_fmpq` then coerces one by one
    (bools and floats among them are refused there, with their position). Float and complex arrays are refused here, naming
    the first entry that is not a whole number (or the first entry, when all are whole numbers
    and ``astype(int)`` is the exact conversion). ``name`` names the argument in the message.

    Parameters
    ----------
    value : object
        Anything; only numpy arrays are changed.
    name : str
        The argument's name, for messages.

    Returns
    -------
    object
        ``value``, or the array's entries as nested lists.

    Raises
    ------
    NumberError
        A float or complex array.

    Examples
    --------
    >>> import numpy as np
    >>> plain_array(np.array([[1, -2], [3, 4]], dtype=np.int8), "A")
    [[1, -2], [3, 4]]
    >>> plain_array(np.array([[1, 2.5]]), "A")
    Traceback (most recent call last):
        ...
    exactbargain.errors.NumberError: A[0][1] is 2.5, an entry of a numpy float64 array, and floats are not exact; pass an integer array, Fractions, or strings such as '1/2' or '0.25'
    >>> plain_array(np.array([1.0, 2.0]), "c")
    Traceback (most recent call last):
        ...
    exactbargain.errors.NumberError: c[0] is 1.0, an entry of a numpy float64 array, and floats are not exact; every entry is a whole number, so astype(int) converts the array exactly
    """
    np = _numpy()
    if np is None or not isinstance(value, np.ndarray):
        return value
    kind = value.dtype.kind
    if kind in "fc" and value.size:
        flat = value.ravel()
        if kind == "f":
            with np.errstate(invalid="ignore"):
                bad = np.flatnonzero(~np.isfinite(flat) | (flat != np.trunc(flat)))
        else:
            bad = np.flatnonzero(flat.imag != 0)
        whole = not bad.size
        first = np.unravel_index(int(bad[0]) if bad.size else 0, value.shape)
        where = name + "".join(f"[{int(k)}]" for k in first)
        advice = ("every entry is a whole number, so astype(int) converts the array exactly" if whole else
                  "pass an integer array, Fractions, or strings such as '1/2' or '0.25'")
        raise NumberError(f"{where} is {value[first].item()!r}, an entry of a numpy {value.dtype} array, "
                          f"and floats are not exact; {advice}")
    return value.tolist()


def _coprime_fraction(p: int, q: int) -> Fraction:
    """``Fraction(p, q)`` for coprime ``p`` and ``q > 0``, without normalising again."""
    f = _new_fraction(Fraction)
    f._numerator, f._denominator = p, q
    return f


_new_fraction = object.__new__
#: Fractions of coprime integers: the standard library's own constructor where it has one
#: (Python 3.12 on), else the same two attribute stores; checked once, and plain ``Fraction``
#: if either does not give the fraction it should.
_from_coprime = getattr(Fraction, "_from_coprime_ints", None) or _coprime_fraction
try:
    if not (_from_coprime(-3, 4) == Fraction(-3, 4) and hash(_from_coprime(-3, 4)) == hash(Fraction(-3, 4))
            and str(_from_coprime(5, 1)) == "5"):
        _from_coprime = Fraction
except (AttributeError, TypeError):  # pragma: no cover - a Fraction without these slots
    _from_coprime = Fraction


def fraction_of(value: "flint.fmpq") -> Fraction:
    """Convert an ``fmpq`` (or ``fmpz``/``int``) to a :class:`fractions.Fraction`.

    Parameters
    ----------
    value : flint.fmpq, flint.fmpz or int
        An exact number.

    Returns
    -------
    Fraction
        The same number.
    """
    if type(value) is _FMPQ:
        # an fmpq is in lowest terms with q > 0: Fraction(p, q) would divide by their gcd
        # again, which on long values costs more than the rest of the conversion
        return _from_coprime(int(value.p), int(value.q))
    return Fraction(int(value))


def fmpq_of(value: Fraction) -> "flint.fmpq":
    """Convert a :class:`fractions.Fraction` (or int) to ``fmpq`` without re-validating.

    Parameters
    ----------
    value : Fraction or int
        An exact number (not checked).

    Returns
    -------
    flint.fmpq
        The same number.
    """
    if type(value) is Fraction:
        return _FMPQ(value.numerator, value.denominator)
    return _FMPQ(value)


def to_fraction(value: Any, *, from_float: bool = False) -> Fraction:
    """Coerce by :func:`to_fmpq`'s rule and return a :class:`fractions.Fraction`.

    Parameters
    ----------
    value : exact number
        As for :func:`to_fmpq`.
    from_float : bool
        Accept a float as its exact binary value.

    Returns
    -------
    Fraction
        ``value``, exactly.

    Raises
    ------
    NumberError
        As for :func:`to_fmpq`.

    Examples
    --------
    >>> to_fraction("3.")
    Fraction(3, 1)
    """
    return fraction_of(to_fmpq(value, from_float=from_float))


def format_rational(value: Any) -> str:
    """Exact text: ``"p/q"`` in lowest terms, or ``"p"`` for an integer.

    This is the form every JSON document of exactbargain uses.

    Parameters
    ----------
    value : exact number
        An int, Fraction or fmpq (any size).

    Returns
    -------
    str
        ``"p/q"`` or ``"p"``.

    Examples
    --------
    >>> format_rational(Fraction(-3, 6)), format_rational(4)
    ('-1/2', '4')
    """
    return str(to_fmpq(value))


def format_vector(values: Any, brackets: str = "()") -> str:
    """Exact text of a vector: ``"(a, b, ...)"`` (``brackets`` gives the enclosing pair, or
    ``""`` for none), each entry written by :func:`format_rational`.

    Parameters
    ----------
    values : iterable of exact numbers
        The entries.
    brackets : str
        The enclosing pair of characters, or ``""``.

    Returns
    -------
    str
        The vector's text.

    Examples
    --------
    >>> format_vector([Fraction(1, 2), 3]), format_vector([1, -1], "[]"), format_vector([10**5000])[:4]
    ('(1/2, 3)', '[1, -1]', '(100')
    """
    return brackets[:1] + ", ".join(map(format_rational, values)) + brackets[1:]


def approximate_text(value: Fraction, digits: int = 6) -> str:
    """``value`` rounded to ``digits`` significant digits, as ``format(x, "g")`` writes it,
    computed from the exact rational (for display beside an exact value; never a result).

    Rounding is half to even on the exact value; fixed notation for exponents from -4 up to
    ``digits - 1``, ``d.ddde+XX`` otherwise; trailing zeros dropped.

    Parameters
    ----------
    value : Fraction
        The number to show.
    digits : int
        Significant digits (at least 1).

    Returns
    -------
    str
        The rounded text, e.g. ``"1.41421"``.

    Raises
    ------
    NumberError
        If ``digits`` is below 1.

    Examples
    --------
    >>> approximate_text(Fraction(665857, 470832))
    '1.41421'
    >>> approximate_text(Fraction(-1, 300000)), approximate_text(Fraction(10 ** 7, 3))
    ('-3.33333e-06', '3.33333e+06')
    """
    if digits < 1:
        raise NumberError(f"approximate_text needs at least 1 significant digit, got {digits}")
    value = Fraction(value)
    if value == 0:
        return "0"
    sign, size = ("-" if value < 0 else ""), abs(value)
    # within one of floor(log10); format_rational, not str(), counts past Python's 4,300 digits
    exponent = len(format_rational(size.numerator)) - len(format_rational(size.denominator))
    if Fraction(10) ** exponent > size:
        exponent -= 1
    mantissa = round(size * Fraction(10) ** (digits - 1 - exponent))
    if mantissa == 10 ** digits:
        mantissa, exponent = mantissa // 10, exponent + 1
    text = str(mantissa)
    if -4 <= exponent < digits:
        if exponent >= 0:
            whole, frac = text[:exponent + 1], text[exponent + 1:]
        else:
            whole, frac = "0", "0" * (-exponent - 1) + text
        frac = frac.rstrip("0")
        return sign + whole + ("." + frac if frac else "")
    frac = text[1:].rstrip("0")
    return f"{sign}{text[0]}{'.' + frac if frac else ''}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"
