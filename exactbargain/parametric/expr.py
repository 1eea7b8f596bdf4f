"""Polynomials in one parameter: safe parsing of text such as ``"1000 - t"``, and printing.

The grammar (no ``eval``; a recursive-descent parser over a token list)::

    expr   := term (("+" | "-") term)*
    term   := factor (("*" | "/") factor)*        -- "/" only by a non-zero constant
    factor := ("+" | "-") factor | atom (("^" | "**") integer)?
    atom   := integer | parameter | "(" expr ")"

Integers have any number of digits (up to 10,000); a decimal point or an exponent (``0.5``,
``1e3``) is refused: a decimal literal is a float in most languages, and the exact value is
easy to write as a fraction (``1/2``). Exponents are non-negative integers up to 64.

>>> str_poly(parse_poly("1000 - t"), "t"), str_poly(parse_poly("(t + 1)^2 / 2"), "t")
('-t + 1000', '1/2*t^2 + t + 1/2')
>>> parse_poly("0.5*t")
Traceback (most recent call last):
    ...
exactbargain.errors.NumberError: '0.5*t': 0.5 is a decimal literal (a float in most languages); write it exactly, as 1/2
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import flint

from ..errors import NumberError
from ..numbers import format_rational, to_fmpq

__all__ = ["parse_poly", "poly_from", "str_poly", "MAX_TEXT", "MAX_POWER"]

MAX_TEXT = 10_000
MAX_POWER = 64
_MAX_DEPTH = 100
_TOKEN = re.compile(r"\s*(?:(?P<dec>\d*\.\d*(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)|(?P<int>\d+)|(?P<name>[A-Za-z_]\w*)"
                    r"|(?P<op>\*\*|[-+*/^()]))")


class _Parser:
    def __init__(self, text: str, parameter: str) -> None:
        self.text, self.parameter = text, parameter
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        while pos < len(text):
            if text[pos:].strip() == "":
                break
            m = _TOKEN.match(text, pos)
            if m is None:
                self.fail(f"unexpected character {text[pos:].lstrip()[0]!r}")
            kind = m.lastgroup or ""
            value = m.group(kind)
            if kind == "dec" and not any(c.isdigit() for c in value):
                self.fail(f"unexpected character {value[0]!r}")
            if kind == "dec":
                exact = format_rational(Fraction(value))
                self.fail(f"{value} is a decimal literal (a float in most languages); write it exactly, as {exact}")
            if kind == "name" and value != parameter:
                self.fail(f"unknown name {value!r}; the only name allowed is the parameter {parameter!r}")
            self.tokens.append((kind, value))
            pos = m.end()
        self.k = 0
        self.depth = 0

    def fail(self, message: str) -> None:
        raise NumberError(f"{self.text!r}: {message}")

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.k] if self.k < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        self.k += 1
        return tok

    def parse(self) -> flint.fmpq_poly:
        if not self.tokens:
            self.fail("is empty; expected a number or an expression in the parameter")
        out = self.expr()
        if self.peek()[0] != "end":
            self.fail(f"unexpected {self.peek()[1]!r} after a complete expression (write products with '*')")
        return out

    def expr(self) -> flint.fmpq_poly:
        out = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            sign = self.take()[1]
            right = self.term()
            out = out + right if sign == "+" else out - right
        return out

    def term(self) -> flint.fmpq_poly:
        out = self.factor()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            right = self.factor()
            if op == "*":
                out = out * right
            elif right.degree() > 0:
                self.fail("divides by an expression in the parameter; only division by a non-zero constant keeps a polynomial")
            elif right.is_zero():
                self.fail("divides by zero")
            else:
                out = out / right[0]
        return out

    def factor(self) -> flint.fmpq_poly:
        if self.peek() in (("op", "+"), ("op", "-")):
            sign = self.take()[1]
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                self.fail("is nested too deeply")
            inner = self.factor()
            self.depth -= 1
            return inner if sign == "+" else -inner
        base = self.atom()
        if self.peek() in (("op", "^"), ("op", "**")):
            self.take()
            kind, value = self.take()
            if kind != "int" or int(value) > MAX_POWER:
                self.fail(f"the exponent must be an integer from 0 to {MAX_POWER}, not {value or 'nothing'!r}")
            base = base ** int(value)
        return base

    def atom(self) -> flint.fmpq_poly:
        kind, value = self.take()
        if kind == "int":
            if len(value) > 10_000:
                self.fail("has a number of more than 10,000 digits")
            return flint.fmpq_poly([flint.fmpz(value)])
        if kind == "name":
            return flint.fmpq_poly([0, 1])
        if (kind, value) == ("op", "("):
            self.depth += 1
            if self.depth > _MAX_DEPTH:
                self.fail("is nested too deeply")
            inner = self.expr()
            self.depth -= 1
            if self.take() != ("op", ")"):
                self.fail("has an unclosed '('")
            return inner
        self.fail(f"expected a number, {self.parameter!r} or '(' but found {value or 'the end'!r}")
        raise AssertionError  # unreachable


def parse_poly(text: str, parameter: str = "t") -> flint.fmpq_poly:
    """The polynomial with rational coefficients written in ``text``.

    Parameters
    ----------
    text : str
        An expression in the grammar of the module docstring.
    parameter : str
        The name of the parameter (a Python identifier).

    Returns
    -------
    flint.fmpq_poly
        The polynomial (coefficients exact).

    Raises
    ------
    NumberError
        Naming the text and what is wrong: a decimal literal, an unknown name, a division by
        a non-constant, a syntax error, a text longer than :data:`MAX_TEXT`.
    """
    if not isinstance(text, str):
        raise NumberError(f"an expression must be text, not {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise NumberError(f"an expression of {len(text):,} characters is longer than the {MAX_TEXT:,} allowed")
    return _Parser(text, parameter).parse()


def poly_from(value: Any, parameter: str = "t") -> flint.fmpq_poly:
    """A polynomial from text, a sympy expression, an ``fmpq_poly`` or an exact number.

    Parameters
    ----------
    value : str, sympy.Expr, flint.fmpq_poly, int, Fraction or flint.fmpq
        The payoff. Floats (Python or sympy) are refused.
    parameter : str
        The parameter's name.

    Returns
    -------
    flint.fmpq_poly

    Raises
    ------
    NumberError
        For floats, other symbols, non-polynomial expressions and unreadable text.

    Examples
    --------
    >>> import sympy
    >>> str_poly(poly_from(sympy.Symbol("c") * 3 - sympy.Rational(1, 2), "c"), "c")
    '3*c - 1/2'
    """
    if isinstance(value, flint.fmpq_poly):
        return value
    if isinstance(value, str):
        return parse_poly(value, parameter)
    module = type(value).__module__ or ""
    if module.startswith("sympy"):
        return _from_sympy(value, parameter)
    return flint.fmpq_poly([to_fmpq(value)])


def _from_sympy(value: Any, parameter: str) -> flint.fmpq_poly:
    import sympy
    expr = sympy.sympify(value)
    if expr.atoms(sympy.Float):
        raise NumberError(f"{expr} contains a float; use sympy.Rational for exact coefficients")
    names = {s.name for s in expr.free_symbols}
    if names - {parameter}:
        raise NumberError(f"{expr} contains {', '.join(sorted(names - {parameter}))}; the only symbol allowed is {parameter!r}")
    symbol = next(iter(expr.free_symbols), sympy.Symbol(parameter))
    try:
        poly = sympy.Poly(expr, symbol, domain="QQ")
    except (sympy.PolynomialError, sympy.polys.polyerrors.CoercionFailed):
        raise NumberError(f"{expr} is not a polynomial in {parameter} with rational coefficients") from None
    coeffs = [flint.fmpq(int(c.numerator), int(c.denominator)) for c in reversed(poly.all_coeffs())]
    return flint.fmpq_poly(coeffs)


def str_poly(p: flint.fmpq_poly, parameter: str = "t") -> str:
    """``p`` as text the parser reads back: terms by decreasing degree, ``*`` for products."""
    if p.is_zero():
        return "0"
    parts = []
    for k in range(p.degree(), -1, -1):
        c = Fraction(int(p[k].p), int(p[k].q))
        if c == 0:
            continue
        mag = abs(c)
        mono = "" if k == 0 else parameter if k == 1 else f"{parameter}^{k}"
        body = format_rational(mag) if k == 0 else (mono if mag == 1 else f"{format_rational(mag)}*{mono}")
        parts.append(("-" if c < 0 else "+", body))
    text = ("-" if parts[0][0] == "-" else "") + parts[0][1]
    return text + "".join(f" {s} {b}" for s, b in parts[1:])
