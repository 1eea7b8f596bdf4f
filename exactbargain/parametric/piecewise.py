"""Piecewise rational functions of the parameter, each piece with the LP certificates behind it.

>>> from exactbargain.parametric import ParametricGame, coco
>>> fam = ParametricGame.bimatrix([["0"], ["0"]], [["0"], ["-t"]])
>>> print(coco(fam, "0:inf")[0])
t in [0, inf): 1/2*t
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

import flint

from .algebraic import Interval, Point, by_start, compare
from .ratfunc import RatFunc

__all__ = ["Piece", "Piecewise", "Relation"]

_OPS = ("=", "!=", ">=", ">", "<=", "<")


@dataclass(frozen=True, eq=False)
class Relation:
    """The claim ``lhs op rhs`` between two :class:`Piecewise` functions, for every ``t``."""

    lhs: "Piecewise"
    op: str
    rhs: "Piecewise"

    def test(self, sign: int) -> bool:
        """Whether ``sign(lhs - rhs)`` is acceptable for ``op``."""
        return {"=": sign == 0, "!=": sign != 0, ">=": sign >= 0, ">": sign > 0,
                "<=": sign <= 0, "<": sign < 0}[self.op]


@dataclass(frozen=True, eq=False)
class Piece:
    """``value`` on ``interval``; ``certificates`` are ``(interval, BasisCertificate)`` pairs
    (each basis optimal on its interval) from which the value was computed."""

    interval: Interval
    value: RatFunc
    certificates: tuple = ()


def _by_lo(a: Piece, b: Piece) -> int:
    return by_start(a.interval, b.interval)


def _union(a: tuple, b: tuple) -> tuple:
    """``a`` then the pairs of ``b`` not already in it (the same basis on the same interval)."""
    seen = {(id(cert), str(iv)) for iv, cert in a}
    return a + tuple(pair for pair in b if (id(pair[1]), str(pair[0])) not in seen)


def _point(p: Piece) -> Fraction | None:
    lo = p.interval.lo
    return lo if p.interval.is_point and isinstance(lo, Fraction) else None


def _defined_equal(f: RatFunc, r: Fraction, value: Fraction) -> bool:
    return f.den(flint.fmpq(r.numerator, r.denominator)) != 0 and f(r) == value


def _merge(pieces: list[Piece]) -> tuple[Piece, ...]:
    """Sort, and join neighbours with one formula; a rational point piece joins a neighbour
    whose formula takes its value there."""
    out: list[Piece] = []
    for p in sorted(pieces, key=functools.cmp_to_key(_by_lo)):
        r = _point(p)
        if r is not None:
            p = Piece(p.interval, RatFunc.const(p.value(r)), p.certificates)
        if out:
            q, rq = out[-1], _point(out[-1])
            if q.value == p.value or (r is not None and _defined_equal(q.value, r, p.value(r))):
                iv = Interval(q.interval.lo, p.interval.hi, q.interval.lo_closed, p.interval.hi_closed)
                out[-1] = Piece(iv, q.value, _union(q.certificates, p.certificates))
                continue
            if rq is not None and _defined_equal(p.value, rq, q.value(rq)):
                iv = Interval(q.interval.lo, p.interval.hi, True, p.interval.hi_closed)
                out[-1] = Piece(iv, p.value, _union(q.certificates, p.certificates))
                continue
        out.append(p)
    return tuple(out)


class Piecewise:
    """A function of the parameter given by pieces that tile a domain (no gap, no overlap).

    Arithmetic (``+``, ``-``, ``*``, ``/`` by numbers, and ``+``/``-``/``*`` with another
    :class:`Piecewise` on the same domain) works piece by piece on the common refinement.

    Parameters
    ----------
    pieces : iterable of Piece
    parameter : str
    """

    def __init__(self, pieces, parameter: str = "t") -> None:
        self.pieces: tuple[Piece, ...] = _merge(list(pieces))
        self.parameter = parameter

    @property
    def domain(self) -> Interval:
        """The union of the pieces' intervals."""
        a, b = self.pieces[0].interval, self.pieces[-1].interval
        return Interval(a.lo, b.hi, a.lo_closed, b.hi_closed)

    def __call__(self, t0: Any) -> Fraction:
        """The value at the rational ``t0`` (in the domain)."""
        x = Fraction(t0)
        for p in self.pieces:
            if p.interval.contains(x):
                return p.value(x)
        raise ValueError(f"t = {x} is outside the domain {self.domain}")

    def piece_at(self, x: Point) -> Piece:
        """The piece containing ``x``."""
        for p in self.pieces:
            if p.interval.contains(x):
                return p
        raise ValueError(f"the point is outside the domain {self.domain}")

    def breakpoints(self) -> list[Point]:
        """The finite ends of the pieces, in increasing order (without repetition)."""
        out: list[Point] = []
        for p in self.pieces:
            for e in (p.interval.lo, p.interval.hi):
                if e is not None and not any(compare(e, o) == 0 for o in out):
                    out.append(e)
        return out

    def map(self, f: Callable[[RatFunc], RatFunc]) -> "Piecewise":
        """Apply ``f`` to every piece's value."""
        return Piecewise([Piece(p.interval, f(p.value), p.certificates) for p in self.pieces], self.parameter)

    def combine(self, other: "Piecewise", f: Callable[[RatFunc, RatFunc], RatFunc]) -> "Piecewise":
        """``f(self, other)`` on the common refinement of both tilings."""
        out = []
        for p in self.pieces:
            for q in other.pieces:
                iv = p.interval.intersect(q.interval)
                if iv is not None:
                    out.append(Piece(iv, f(p.value, q.value), _union(p.certificates, q.certificates)))
        return Piecewise(out, self.parameter)

    def _binary(self, other: Any, f: Callable[[RatFunc, RatFunc], RatFunc]) -> "Piecewise":
        if isinstance(other, Piecewise):
            return self.combine(other, f)
        return self.map(lambda v: f(v, v._lift(other)))

    def __add__(self, other: Any) -> "Piecewise":
        return self._binary(other, lambda a, b: a + b)

    __radd__ = __add__

    def __sub__(self, other: Any) -> "Piecewise":
        return self._binary(other, lambda a, b: a - b)

    def __rsub__(self, other: Any) -> "Piecewise":
        return self._binary(other, lambda a, b: b - a)

    def __mul__(self, other: Any) -> "Piecewise":
        return self._binary(other, lambda a, b: a * b)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> "Piecewise":
        if isinstance(other, Piecewise):
            return self.combine(other, lambda a, b: a / b)
        return self.map(lambda v: v / v._lift(other))

    def __neg__(self) -> "Piecewise":
        return self.map(lambda v: -v)

    def _relation(self, op: str, other: Any) -> Relation:
        other = other if isinstance(other, Piecewise) else self.map(lambda v: v._lift(other))
        return Relation(self, op, other)

    def eq(self, other: Any) -> Relation:
        """The claim ``self = other`` for every ``t`` (``other`` a Piecewise or a number)."""
        return self._relation("=", other)

    def ne(self, other: Any) -> Relation:
        """The claim ``self != other`` for every ``t``."""
        return self._relation("!=", other)

    def __ge__(self, other: Any) -> Relation:
        return self._relation(">=", other)

    def __gt__(self, other: Any) -> Relation:
        return self._relation(">", other)

    def __le__(self, other: Any) -> Relation:
        return self._relation("<=", other)

    def __lt__(self, other: Any) -> Relation:
        return self._relation("<", other)

    def rows(self) -> list[tuple[str, str]]:
        """``(interval, formula)`` texts, one per piece."""
        return [(str(p.interval), p.value.text(self.parameter)) for p in self.pieces]

    def __str__(self) -> str:
        return "\n".join(f"{self.parameter} in {iv}: {v}" for iv, v in self.rows())

    def __repr__(self) -> str:
        return f"Piecewise({self.rows()!r})"

    def to_json(self) -> dict:
        """``{"parameter": ..., "pieces": [{"from", "to", "closed", "value"}, ...]}``."""
        return {"parameter": self.parameter,
                "pieces": [dict(p.interval.to_json(), value=p.value.text(self.parameter)) for p in self.pieces]}
