"""Exact real numbers for breakpoints: rationals and real algebraic numbers, and intervals.

A breakpoint of a parametric solution is a real root of a polynomial with rational
coefficients. A rational root is kept as a :class:`~fractions.Fraction`; an irrational one as
an :class:`Algebraic`: an irreducible integer polynomial ``f`` of degree >= 2 and an isolating
interval ``(lo, hi)`` with rational ends that contains exactly one root of ``f``. Because
``f`` is irreducible it has no rational root, so ``f(lo)`` and ``f(hi)`` are never zero and
have opposite signs; bisection refines the interval without ever meeting the root.

Roots are isolated with Sturm sequences (exact, python-flint ``fmpq_poly`` arithmetic), and
every comparison is decided exactly by refining isolating intervals until they separate.

>>> r = real_roots(poly_of([-2, 0, 1]))          # x^2 - 2
>>> [str(x) for x in r]
['root of t^2 - 2 in (-3/2, -11/8) ~ -1.41421', 'root of t^2 - 2 in (11/8, 3/2) ~ 1.41421']
>>> compare(r[1], Fraction(3, 2)), sign_at(poly_of([-1, 1]), r[1])
(-1, 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Sequence, Union

import flint

from ..numbers import approximate_text, format_rational

__all__ = [
    "Algebraic", "Point", "Interval", "poly_of", "real_roots", "roots_of_factors", "compare", "sign_at",
    "simplest_between", "format_point", "point_json", "irreducible_factors", "by_start",
]


def poly_of(coefficients: Sequence) -> flint.fmpq_poly:
    """The polynomial ``sum_k coefficients[k] t^k`` with rational coefficients."""
    return flint.fmpq_poly([flint.fmpq(c.numerator, c.denominator) if isinstance(c, Fraction) else c
                            for c in coefficients])


def _q(x: Fraction) -> flint.fmpq:
    return flint.fmpq(x.numerator, x.denominator)


def _frac(x: flint.fmpq) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def _sign(x) -> int:
    return (x > 0) - (x < 0)


def _sturm(f: flint.fmpq_poly) -> list[flint.fmpq_poly]:
    seq = [f, f.derivative()]
    while not seq[-1].is_zero() and seq[-1].degree() > 0:
        _, r = divmod(seq[-2], seq[-1])
        if r.is_zero():
            break
        seq.append(-r)
    return seq


def _variations(seq: list[flint.fmpq_poly], x: Fraction) -> int:
    q = _q(x)
    signs = [s for s in (_sign(p(q)) for p in seq) if s]
    return sum(1 for a, b in zip(signs, signs[1:]) if a != b)


def _count(seq: list[flint.fmpq_poly], lo: Fraction, hi: Fraction) -> int:
    """Distinct roots of the squarefree ``seq[0]`` in ``(lo, hi]``."""
    return _variations(seq, lo) - _variations(seq, hi)


def _primitive(f: flint.fmpz_poly) -> flint.fmpz_poly:
    c = f.content()
    f = flint.fmpz_poly([x // c for x in f.coeffs()])
    return -f if f.leading_coefficient() < 0 else f


def irreducible_factors(p: flint.fmpq_poly) -> list[flint.fmpz_poly]:
    """The distinct irreducible factors of ``p`` (primitive, positive leading coefficient),
    those of degree >= 1 only."""
    if p.is_zero() or p.degree() < 1:
        return []
    _, factors = p.numer().factor()
    return [_primitive(f) for f, _ in factors if f.degree() >= 1]


@dataclass(frozen=True, eq=False)
class Algebraic:
    """The unique root of the irreducible integer polynomial ``poly`` (degree >= 2) in the open
    interval ``(lo, hi)``.

    Parameters
    ----------
    poly : flint.fmpz_poly
        Irreducible, primitive, positive leading coefficient, degree >= 2.
    lo, hi : Fraction
        Rational ends of an isolating interval, ``lo < hi``.

    Examples
    --------
    >>> a = real_roots(poly_of([-2, 0, 1]))[1]
    >>> a.to_json()
    {'poly': ['-2', '0', '1'], 'interval': ['11/8', '3/2']}
    """

    poly: flint.fmpz_poly
    lo: Fraction
    hi: Fraction
    _box: list = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._box.extend([self.lo, self.hi])

    @property
    def bounds(self) -> tuple[Fraction, Fraction]:
        """The current (refined) isolating interval."""
        return self._box[0], self._box[1]

    def refine(self) -> None:
        """Halve the isolating interval (the root stays strictly inside)."""
        lo, hi = self._box
        mid = (lo + hi) / 2
        f = flint.fmpq_poly(self.poly)
        if _sign(f(_q(mid))) == _sign(f(_q(lo))):
            self._box[0] = mid
        else:
            self._box[1] = mid

    def approx(self, digits: int = 6) -> Fraction:
        """A rational within ``10**-digits`` of the root (for display only)."""
        while self._box[1] - self._box[0] > Fraction(1, 10 ** digits):
            self.refine()
        return self._box[0]

    def __str__(self) -> str:
        lo, hi = self.lo, self.hi
        from .expr import str_poly
        text = str_poly(flint.fmpq_poly(self.poly), "t")
        return f"root of {text} in ({format_rational(lo)}, {format_rational(hi)}) ~ {approximate_text(self.approx())}"

    def to_json(self) -> dict:
        """``{"poly": [coefficients, lowest degree first], "interval": ["p/q", "p/q"]}``."""
        return {"poly": [str(c) for c in self.poly.coeffs()],
                "interval": [format_rational(self.lo), format_rational(self.hi)]}


Point = Union[Fraction, Algebraic]


def real_roots(p: flint.fmpq_poly) -> list[Point]:
    """The distinct real roots of the non-zero polynomial ``p``, in increasing order."""
    return roots_of_factors(irreducible_factors(p))


def roots_of_factors(factors: Iterable[flint.fmpz_poly]) -> list[Point]:
    """The real roots of distinct irreducible polynomials (as :func:`irreducible_factors` gives
    them), in increasing order: what :func:`real_roots` gives for their product, without
    factoring it again."""
    roots: list[Point] = []
    for f in factors:
        if f.degree() == 1:
            a, b = f.coeffs()
            roots.append(Fraction(-int(a), int(b)))
            continue
        roots.extend(_isolate(f))
    return sorted_points(roots)


def _isolate(f: flint.fmpz_poly) -> list[Algebraic]:
    fq = flint.fmpq_poly(f)
    seq = _sturm(fq)
    coeffs = [abs(_frac(flint.fmpq(c))) for c in f.coeffs()]
    bound = 1 + max(coeffs[:-1]) / coeffs[-1]
    bound = Fraction(int(bound) + 1)
    out, stack = [], [(-bound, bound)]
    while stack:
        lo, hi = stack.pop()
        n = _count(seq, lo, hi)
        if n == 1:
            while hi - lo > Fraction(1, 8):  # a readable, fixed isolating interval
                mid = (lo + hi) / 2
                lo, hi = (lo, mid) if _count(seq, lo, mid) else (mid, hi)
            out.append(Algebraic(f, lo, hi))
        elif n > 1:
            mid = (lo + hi) / 2
            stack.extend([(mid, hi), (lo, mid)])
    return out


def _separate(a: Algebraic, b: Algebraic) -> int:
    if a.poly == b.poly:
        lo, hi = max(a.bounds[0], b.bounds[0]), min(a.bounds[1], b.bounds[1])
        if lo < hi and _count(_sturm(flint.fmpq_poly(a.poly)), lo, hi) == 1:
            return 0
    while True:
        (alo, ahi), (blo, bhi) = a.bounds, b.bounds
        if ahi <= blo:
            return -1
        if bhi <= alo:
            return 1
        a.refine()
        b.refine()


def compare(a: Point, b: Point) -> int:
    """``-1``, ``0`` or ``1`` as ``a < b``, ``a == b`` or ``a > b``, decided exactly."""
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return _sign(a - b)
    if isinstance(a, Fraction):
        return -compare(b, a)
    if isinstance(b, Fraction):
        while True:
            lo, hi = a.bounds
            if b <= lo:
                return 1
            if b >= hi:
                return -1
            f = flint.fmpq_poly(a.poly)
            if _sign(f(_q(b))) == _sign(f(_q(lo))):
                a._box[0] = b
            else:
                a._box[1] = b
    return _separate(a, b)


def sorted_points(points: Iterable[Point]) -> list[Point]:
    """The points in increasing order, duplicates removed."""
    out: list[Point] = []
    for p in points:
        lo, hi = 0, len(out)
        while lo < hi:
            mid = (lo + hi) // 2
            c = compare(out[mid], p)
            if c == 0:
                lo = -1
                break
            lo, hi = (mid + 1, hi) if c < 0 else (lo, mid)
        if lo >= 0:
            out.insert(lo, p)
    return out


def sign_at(p: flint.fmpq_poly, x: Point) -> int:
    """The sign of ``p(x)``: exact for rational and algebraic ``x``."""
    if isinstance(x, Fraction):
        return _sign(p(_q(x)))
    if p.is_zero():
        return 0
    if (p % flint.fmpq_poly(x.poly)).is_zero():
        return 0
    square_free = p.numer()
    g = square_free.gcd(square_free.derivative()) if square_free.degree() > 0 else None
    if g is not None and g.degree() > 0:
        square_free = square_free // g
    seq = _sturm(flint.fmpq_poly(square_free))
    while _count(seq, *x.bounds) > 0 or _sign(p(_q(x.bounds[1]))) == 0:
        x.refine()
    return _sign(p(_q(x.bounds[1])))


def simplest_between(lo: Fraction | None, hi: Fraction | None) -> Fraction:
    """The rational with the smallest denominator (then the smallest absolute value) in the
    open interval ``(lo, hi)``; ``None`` stands for an infinite end.

    >>> simplest_between(Fraction(1, 3), Fraction(1, 2)), simplest_between(None, Fraction(-5, 2))
    (Fraction(2, 5), Fraction(-3, 1))
    """
    if lo is None and hi is None:
        return Fraction(0)
    if lo is None:
        return Fraction(0) if hi > 0 else Fraction(-((-hi) // 1) - 1)
    if hi is None:
        return Fraction(0) if lo < 0 else Fraction(lo // 1 + 1)
    if lo < 0 < hi:
        return Fraction(0)
    if hi <= 0:
        return -simplest_between(-hi, -lo)
    return _stern_brocot(lo, hi)


def _stern_brocot(lo: Fraction, hi: Fraction) -> Fraction:
    fl = lo // 1
    if fl + 1 < hi:
        return Fraction(fl + 1)
    # lo and hi share the integer part fl (or hi = fl + 1): recurse on the reciprocals
    rest_lo, rest_hi = lo - fl, hi - fl
    inner = _stern_brocot(1 / rest_hi, 1 / rest_lo) if rest_lo > 0 else Fraction(int(1 / rest_hi) + 1)
    return fl + 1 / inner


def rational_between(a: Point | None, b: Point | None) -> Fraction:
    """A simple rational strictly between the points ``a < b`` (``None`` is infinite)."""
    while True:
        lo = a.bounds[1] if isinstance(a, Algebraic) else a
        hi = b.bounds[0] if isinstance(b, Algebraic) else b
        if lo is None or hi is None or lo < hi:
            return simplest_between(lo, hi)
        for x in (a, b):
            if isinstance(x, Algebraic):
                x.refine()


def format_point(x: Point | None, side: int = 1) -> str:
    """``"p/q"`` for a rational, the root description for an algebraic, ``inf``/``-inf``."""
    if x is None:
        return "inf" if side > 0 else "-inf"
    return format_rational(x) if isinstance(x, Fraction) else str(x)


def point_json(x: Point | None, side: int = 1):
    """A rational as ``"p/q"``, an algebraic number as its :meth:`Algebraic.to_json`, an
    infinite end as ``"inf"`` / ``"-inf"``."""
    if isinstance(x, Algebraic):
        return x.to_json()
    return format_point(x, side)


@dataclass(frozen=True, eq=False)
class Interval:
    """An interval of the parameter: ends ``lo``/``hi`` (``None`` for -inf/+inf) and whether
    each end belongs to it.

    Parameters
    ----------
    lo, hi : Fraction, Algebraic or None
        The ends; ``None`` is infinite (then the end is never closed).
    lo_closed, hi_closed : bool
        Whether the ends belong to the interval.

    Examples
    --------
    >>> str(Interval.parse("0:inf")), str(Interval.parse("(1/2, 3]")), Interval.parse("[2, 2]").is_point
    ('[0, inf)', '(1/2, 3]', True)
    """

    lo: Point | None = None
    hi: Point | None = None
    lo_closed: bool = False
    hi_closed: bool = False

    def __post_init__(self) -> None:
        if self.lo is None and self.lo_closed or self.hi is None and self.hi_closed:
            object.__setattr__(self, "lo_closed", self.lo_closed and self.lo is not None)
            object.__setattr__(self, "hi_closed", self.hi_closed and self.hi is not None)

    @staticmethod
    def parse(text: str) -> "Interval":
        """Read ``"a:b"`` (closed at finite ends), ``"[a, b)"``, ``"(a, inf)"`` and the like;
        ends are rationals or ``inf``/``-inf``.

        Raises
        ------
        ValueError
            On any other text.
        """
        from ..numbers import parse_rational
        from ..errors import NumberError
        s = text.strip()
        brackets = s[:1] in "[(" and s[-1:] in "])"
        body = s[1:-1] if brackets else s
        parts = body.split("," if brackets else ":")
        if len(parts) != 2:
            raise ValueError(f"interval {text!r}: expected 'a:b' or '[a, b)' with rational or infinite ends")
        ends = []
        for k, part in enumerate(parts):
            p = part.strip()
            if p in ("inf", "+inf", "-inf", "oo", "-oo"):
                if (k == 0) != p.startswith("-"):
                    raise ValueError(f"interval {text!r}: {p} cannot be the {'lower' if k == 0 else 'upper'} end")
                ends.append(None)
                continue
            try:
                ends.append(Fraction(int(parse_rational(p).p), int(parse_rational(p).q)))
            except NumberError as exc:
                raise ValueError(f"interval {text!r}: {exc}") from None
        lo_closed = s[0] == "[" if brackets else True
        hi_closed = s[-1] == "]" if brackets else True
        out = Interval(ends[0], ends[1], lo_closed, hi_closed)
        if out.is_empty:
            raise ValueError(f"interval {text!r} is empty")
        return out

    @property
    def is_point(self) -> bool:
        """Whether this is a single point ``[a, a]``."""
        return self.lo is not None and self.hi is not None and compare(self.lo, self.hi) == 0

    @property
    def is_empty(self) -> bool:
        """Whether no real number lies in the interval."""
        if self.lo is None or self.hi is None:
            return False
        c = compare(self.lo, self.hi)
        return c > 0 or (c == 0 and not (self.lo_closed and self.hi_closed))

    def contains(self, x: Point) -> bool:
        """Whether ``x`` lies in the interval."""
        if self.lo is not None:
            c = compare(x, self.lo)
            if c < 0 or (c == 0 and not self.lo_closed):
                return False
        if self.hi is not None:
            c = compare(x, self.hi)
            if c > 0 or (c == 0 and not self.hi_closed):
                return False
        return True

    def intersect(self, other: "Interval") -> "Interval | None":
        """The intersection, or ``None`` when it is empty."""
        lo, lc = _tighter(self.lo, self.lo_closed, other.lo, other.lo_closed, -1)
        hi, hc = _tighter(self.hi, self.hi_closed, other.hi, other.hi_closed, 1)
        out = Interval(lo, hi, lc, hc)
        return None if out.is_empty else out

    def sample(self) -> Fraction:
        """A simple rational inside (the end itself for a point)."""
        if self.is_point:
            if not isinstance(self.lo, Fraction):
                raise ValueError(f"the interval {self} is an irrational point; it holds no rational")
            return self.lo
        return rational_between(self.lo, self.hi)

    def __str__(self) -> str:
        if self.is_point:
            return "{" + format_point(self.lo) + "}"
        return (("[" if self.lo_closed else "(") + format_point(self.lo, -1) + ", "
                + format_point(self.hi, 1) + ("]" if self.hi_closed else ")"))

    def to_json(self) -> dict:
        """``{"from": end, "to": end, "closed": [bool, bool]}`` (ends as :func:`point_json`)."""
        return {"from": point_json(self.lo, -1), "to": point_json(self.hi, 1),
                "closed": [self.lo_closed, self.hi_closed]}


def by_start(a: Interval, b: Interval) -> int:
    """Order of intervals by their lower ends (``-inf`` first; at one end, closed first)."""
    if a.lo is None or b.lo is None:
        return (a.lo is not None) - (b.lo is not None)
    c = compare(a.lo, b.lo)
    return c if c else (b.lo_closed - a.lo_closed)


def _tighter(a, ac, b, bc, side):
    if a is None:
        return b, bc
    if b is None:
        return a, ac
    c = compare(a, b) * side
    if c == 0:
        return a, ac and bc
    return (a, ac) if c < 0 else (b, bc)
