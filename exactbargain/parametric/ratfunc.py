"""Rational functions of the parameter, ``num(t) / den(t)`` with rational coefficients, in lowest
terms with a monic denominator.

>>> f = RatFunc(poly_of([1, 1]), poly_of([2]))       # (t + 1) / 2
>>> str(f), f(Fraction(3)), str(f * f - f)
('1/2*t + 1/2', Fraction(2, 1), '1/4*t^2 - 1/4')
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import flint

from .algebraic import Point, poly_of, sign_at
from .expr import str_poly

__all__ = ["RatFunc", "poly_of"]


def _fmpq(x: Fraction) -> flint.fmpq:
    return flint.fmpq(x.numerator, x.denominator)


class RatFunc:
    """The rational function ``num / den`` (``den`` non-zero), kept in lowest terms.

    Parameters
    ----------
    num, den : flint.fmpq_poly
        Numerator and (non-zero) denominator.

    Raises
    ------
    ZeroDivisionError
        If ``den`` is the zero polynomial.
    """

    __slots__ = ("num", "den")

    def __init__(self, num: flint.fmpq_poly, den: flint.fmpq_poly | None = None) -> None:
        den = flint.fmpq_poly([1]) if den is None else den
        if den.is_zero():
            raise ZeroDivisionError("a rational function with the zero denominator")
        if num.is_zero():
            num, den = flint.fmpq_poly([]), flint.fmpq_poly([1])
        elif den.degree() > 0:
            g = num.gcd(den)
            if g.degree() > 0:
                num, den = num // g, den // g
        lead = den[den.degree()]
        self.num, self.den = num / lead, den / lead

    @staticmethod
    def const(value: Any) -> "RatFunc":
        """The constant function ``value`` (an exact number)."""
        q = value if isinstance(value, flint.fmpq) else _fmpq(Fraction(value))
        return RatFunc(flint.fmpq_poly([q]))

    def _lift(self, other: Any) -> "RatFunc":
        if isinstance(other, RatFunc):
            return other
        if isinstance(other, flint.fmpq_poly):
            return RatFunc(other)
        return RatFunc.const(other)

    def __add__(self, other: Any) -> "RatFunc":
        o = self._lift(other)
        return RatFunc(self.num * o.den + o.num * self.den, self.den * o.den)

    __radd__ = __add__

    def __neg__(self) -> "RatFunc":
        return RatFunc(-self.num, self.den)

    def __sub__(self, other: Any) -> "RatFunc":
        return self + (-self._lift(other))

    def __rsub__(self, other: Any) -> "RatFunc":
        return self._lift(other) - self

    def __mul__(self, other: Any) -> "RatFunc":
        o = self._lift(other)
        return RatFunc(self.num * o.num, self.den * o.den)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> "RatFunc":
        o = self._lift(other)
        return RatFunc(self.num * o.den, self.den * o.num)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RatFunc):
            return NotImplemented
        return self.num == other.num and self.den == other.den

    def __hash__(self) -> int:
        return hash((str(self.num), str(self.den)))

    def __call__(self, x: Fraction) -> Fraction:
        """The value at the rational ``x`` (which must not be a pole)."""
        q = self.num(_fmpq(x)) / self.den(_fmpq(x))
        return Fraction(int(q.p), int(q.q))

    def sign_at(self, x: Point) -> int:
        """The sign at a rational or algebraic point that is not a pole."""
        return sign_at(self.num, x) * sign_at(self.den, x)

    @property
    def is_polynomial(self) -> bool:
        """Whether the denominator is 1."""
        return self.den.degree() == 0

    def text(self, parameter: str = "t") -> str:
        """The function as text the parser reads back when it is a polynomial."""
        if self.is_polynomial:
            return str_poly(self.num, parameter)
        def group(text: str) -> str:
            return f"({text})" if " " in text else text
        return f"{group(str_poly(self.num, parameter))}/{group(str_poly(self.den, parameter))}"

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"RatFunc({self.text()!r})"
