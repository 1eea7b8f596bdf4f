"""The exact data of a plot against the parameter of a family of games
(:class:`FamilyPlotData`, :func:`family_plot_data`), computed without matplotlib.

A family (:class:`~exactbargain.parametric.ParametricGame`) is solved for every value of its
parameter ``t`` in a domain: each rule's value is, for every player, a
:class:`~exactbargain.parametric.Piecewise` function -- pieces with exact ends (rationals or
real algebraic numbers) and on each a rational function of ``t``. The plot shows these
functions over a bounded *window* of the domain:

* a bounded domain is its own window;
* on an unbounded side the window goes past the outermost breakpoint (or the domain's finite
  end) by the span of all finite breakpoints and ends, at least 1, rounded outward to an
  integer; with no finite point at all it is ``[-1, 1]``. The values past the window are
  those of the outermost pieces, whose formulas the plot shows.

The *breakpoints* are the ends of the pieces inside the window (a window's end counts only
when a one-point piece sits there), from the values of every rule and player. For drawing,
each piece's formula is evaluated at exact rationals spanning the piece: its two ends for an
affine formula, up to :data:`SAMPLES` evenly spaced points (as many as the piece's share of the
window) for any other; at an open end this is the limit from inside the piece, and an
irrational end is replaced by a rational on the piece's side of it, within a millionth of the
window's width. Every sample is an exact pair of :class:`fractions.Fraction`; floats are made
from them only where the drawing hands them to matplotlib.

>>> from exactbargain.parametric import ParametricGame
>>> chicken = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c",
...                                   players=("Row", "Column"), title="Chicken, crash payoff -c")
>>> data = family_plot_data(chicken, ["coco", "fallback-dictator-1"])
>>> print(data)
Chicken, crash payoff -c: Row, Column against c in [-10, 2] (the domain (-inf, inf) is unbounded)
  breakpoints: -6, -2
  coco                 Row     c in (-inf, -6]: -c
                               c in (-6, inf): 6
                       Column  c in (-inf, -6]: -c
                               c in (-6, inf): 6
  fallback-dictator-1  Row     c in (-inf, -6]: -c
                               c in (-6, -2): 6
                               c in [-2, inf): 17/2
                       Column  c in (-inf, -6]: -c
                               c in (-6, -2): 6
                               c in [-2, inf): 7/2
>>> data.curve("fallback-dictator-1", "Row").samples[1]
((Fraction(-6, 1), Fraction(6, 1)), (Fraction(-2, 1), Fraction(6, 1)))
>>> data.curve("fallback-dictator-1", "Row").jumps   # at -2: 6 from the left (open), 17/2 (closed)
((Fraction(-2, 1), Fraction(6, 1), False), (Fraction(-2, 1), Fraction(17, 2), True))
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import flint

from ..errors import GameError
from ..numbers import approximate_text, format_rational
from ..parametric import ParametricGame, Piece, Piecewise
from ..parametric import coco as parametric_coco
from ..parametric import fallback as parametric_fallback
from ..parametric.algebraic import Algebraic, Interval, Point, compare, format_point, sorted_points
from ..parametric.expr import str_poly
from ..parametric.selection import SELECTIONS
from ..parametric.solve import as_interval

__all__ = ["FAMILY_RULES", "Curve", "Breakpoint", "FamilyPlotData", "family_plot_data", "point_text", "interval_text"]

#: The rules a family is plotted with: ``coco`` and the two-player fallback per selection.
FAMILY_RULES: tuple[str, ...] = ("coco",) + tuple(f"fallback-{s}" for s in SELECTIONS)

#: The most samples of a piece's formula (a piece spanning the whole window gets this many).
SAMPLES = 200

Sample = tuple[Fraction, Fraction]


def point_text(x: Point, parameter: str = "t") -> str:
    """A breakpoint as a label: ``"p/q"`` for a rational, ``"root of <poly> ~ <decimal>"`` for
    a real algebraic number (the polynomial in ``parameter``; the decimal is rounded from an
    exact rational within ``10**-6`` of the root, for reading only).

    Parameters
    ----------
    x : Fraction or Algebraic
        The point.
    parameter : str
        The parameter's name.

    Returns
    -------
    str
        The label.

    Examples
    --------
    >>> from exactbargain.parametric.algebraic import real_roots, poly_of
    >>> point_text(Fraction(-1, 2)), point_text(real_roots(poly_of([-2, 0, 1]))[1], "c")
    ('-1/2', 'root of c^2 - 2 ~ 1.41421')
    """
    if isinstance(x, Fraction):
        return format_rational(x)
    return f"root of {str_poly(flint.fmpq_poly(x.poly), parameter)} ~ {approximate_text(x.approx())}"


def interval_text(interval: Interval, parameter: str = "t") -> str:
    """``interval`` with its ends as :func:`point_text` writes them (shorter than
    ``str(interval)``, which also gives an irrational end's isolating interval).

    Parameters
    ----------
    interval : Interval
        The interval.
    parameter : str
        The parameter's name.

    Returns
    -------
    str
        ``"[a, b)"``, ``"(-inf, a]"``, ``"{a}"`` and the like.

    Examples
    --------
    >>> from exactbargain.parametric.algebraic import real_roots, poly_of
    >>> interval_text(Interval(Fraction(-3), real_roots(poly_of([-2, 0, 1]))[0], True, True))
    '[-3, root of t^2 - 2 ~ -1.41421]'
    """
    def end(x: Point | None, side: int) -> str:
        return format_point(None, side) if x is None else point_text(x, parameter)

    if interval.is_point:
        return "{" + end(interval.lo, -1) + "}"
    return (("[" if interval.lo_closed else "(") + end(interval.lo, -1) + ", " + end(interval.hi, 1)
            + ("]" if interval.hi_closed else ")"))


@dataclass(frozen=True, eq=False)
class Curve:
    """One rule's value for one player against the parameter, on the plot's window.

    ``solution`` is the rule's value on the whole domain, a
    :class:`~exactbargain.parametric.Piecewise` function, and ``value`` the same cut to the
    window (what is drawn); ``samples[k]`` are exact ``(t, value)`` pairs of the formula of ``value.pieces[k]``,
    spanning that piece from end to end (see the module's docstring). ``jumps`` lists, where
    the value jumps (neighbouring pieces' formulas differ at their common end, decided
    exactly), each side's end sample ``(t, value)`` and whether the end belongs to that
    piece: the drawing fills the ends that belong and leaves the others hollow.
    """

    rule: str
    player: str
    solution: Piecewise
    value: Piecewise
    samples: tuple[tuple[Sample, ...], ...]
    jumps: tuple[tuple[Fraction, Fraction, bool], ...] = ()

    def rows(self) -> list[tuple[str, str]]:
        """``(interval, formula)`` texts, one per piece of the solution on the whole domain.

        Returns
        -------
        list of (str, str)
            The pieces as the parametric solver prints them.
        """
        return self.solution.rows()


@dataclass(frozen=True, eq=False)
class Breakpoint:
    """A breakpoint: the exact ``point``, its label ``text`` (:func:`point_text`), and
    ``position``, the rational where it is drawn (the point itself when it is rational)."""

    point: Point
    text: str
    position: Fraction


@dataclass(frozen=True, eq=False)
class FamilyPlotData:
    """Everything a plot against the parameter shows, exactly.

    ``domain`` is the interval asked for and ``window`` the part drawn (``chosen`` tells
    whether the window was chosen because the domain is unbounded); ``curves`` holds one
    :class:`Curve` per rule and player (rules in the order asked for, players in the game's
    order) and ``breakpoints`` the :class:`Breakpoint` s in increasing order.
    """

    title: str
    parameter: str
    players: tuple[str, ...]
    rules: tuple[str, ...]
    domain: Interval
    window: Interval
    chosen: bool
    curves: tuple[Curve, ...]
    breakpoints: tuple[Breakpoint, ...]

    def curve(self, rule: str, player: str) -> Curve:
        """The :class:`Curve` of ``rule`` for ``player``.

        Parameters
        ----------
        rule : str
            A rule's name as the plot spells it.
        player : str
            A player's name.

        Returns
        -------
        Curve
            That rule's value for that player.

        Raises
        ------
        KeyError
            When the plot has no such curve.
        """
        for c in self.curves:
            if c.rule == rule and c.player == player:
                return c
        raise KeyError((rule, player))

    @property
    def window_note(self) -> str:
        """Why the window is what it is: ``""`` for a bounded domain, else a sentence naming
        the window and the domain."""
        if not self.chosen:
            return ""
        return (f"drawn for {self.parameter} in {self.window}: the domain {self.domain} is unbounded, and the "
                "outermost pieces go on beyond the window; give a bounded --range A:B for another window")

    def to_json(self) -> dict:
        """JSON-ready dict; every number is an exact ``"p/q"`` string, an irrational
        breakpoint ``{"poly": [...], "interval": ["p/q", "p/q"]}``.

        Returns
        -------
        dict
            The plot's data.
        """
        from ..parametric.algebraic import point_json

        return {
            "title": self.title, "parameter": self.parameter, "players": list(self.players),
            "domain": self.domain.to_json(), "window": self.window.to_json(), "chosen": self.chosen,
            "breakpoints": [point_json(b.point) for b in self.breakpoints],
            "curves": [{"rule": c.rule, "player": c.player, "pieces": c.solution.to_json()["pieces"],
                        "samples": [[[format_rational(t), format_rational(v)] for t, v in piece]
                                    for piece in c.samples]} for c in self.curves],
        }

    def __str__(self) -> str:
        head = f"{self.title + ': ' if self.title else ''}{', '.join(self.players)} against {self.parameter} in {self.window}"
        if self.chosen:
            head += f" (the domain {self.domain} is unbounded)"
        lines = [head, "  breakpoints: " + (", ".join(b.text for b in self.breakpoints) or "none")]
        rw = max(len(r) for r in self.rules) + 1
        pw = max(len(p) for p in self.players) + 1
        for c in self.curves:
            for k, (interval, formula) in enumerate(c.rows()):
                rule = c.rule if c.player == self.players[0] and k == 0 else ""
                player = c.player if k == 0 else ""
                lines.append(f"  {rule:<{rw}} {player:<{pw}} {self.parameter} in {interval}: {formula}")
        return "\n".join(lines)


# --------------------------------------------------------------------------- the window
def _outer(x: Point, side: int) -> Fraction:
    """A rational at or beyond ``x`` on ``side`` (-1 below, 1 above)."""
    if isinstance(x, Fraction):
        return x
    return x.bounds[0] if side < 0 else x.bounds[1]


def choose_window(domain: Interval, points: Sequence[Point]) -> Interval:
    """The window drawn of ``domain`` given the finite breakpoints ``points`` (the module's
    docstring says how; a bounded domain is returned as it is).

    Parameters
    ----------
    domain : Interval
        The domain solved for.
    points : sequence of Fraction or Algebraic
        The finite ends of the pieces.

    Returns
    -------
    Interval
        A bounded interval.

    Examples
    --------
    >>> print(choose_window(Interval.parse("0:inf"), [Fraction(0), Fraction(5, 2)]))
    [0, 5]
    >>> print(choose_window(Interval(), []))
    [-1, 1]
    """
    if domain.lo is not None and domain.hi is not None:
        return domain
    anchors = [_outer(p, -1) for p in points] + [_outer(p, 1) for p in points]
    anchors += [e for e in (domain.lo, domain.hi) if e is not None]
    lo, hi = (min(anchors), max(anchors)) if anchors else (Fraction(0), Fraction(0))
    pad = max(hi - lo, Fraction(1))
    if domain.lo is None:
        lo = Fraction(math.floor(lo - pad))
    if domain.hi is None:
        hi = Fraction(math.ceil(hi + pad))
    return Interval(domain.lo if domain.lo is not None else lo, domain.hi if domain.hi is not None else hi,
                    domain.lo_closed or domain.lo is None, domain.hi_closed or domain.hi is None)


def _cut(value: Piecewise, window: Interval) -> Piecewise:
    """``value`` on the part of its domain inside ``window``."""
    pieces = []
    for p in value.pieces:
        iv = p.interval.intersect(window)
        if iv is not None:
            pieces.append(Piece(iv, p.value, p.certificates))
    return Piecewise(pieces, value.parameter)


def _breakpoints(values: Sequence[Piecewise], window: Interval, parameter: str) -> tuple[Breakpoint, ...]:
    """The ends of the pieces inside ``window``; its own ends only under a one-point piece."""
    found: list[Point] = []
    for v in values:
        for p in v.pieces:
            for end in (p.interval.lo, p.interval.hi):
                inner = all(e is None or compare(end, e) != 0 for e in (window.lo, window.hi))
                if end is not None and (inner or p.interval.is_point):
                    found.append(end)
    return tuple(Breakpoint(x, point_text(x, parameter), _position(x)) for x in sorted_points(found))


def _position(x: Point) -> Fraction:
    """Where ``x`` is drawn: itself, or a rational within ``10**-6`` of it."""
    return x if isinstance(x, Fraction) else x.approx()


# --------------------------------------------------------------------------- the samples
def _inward(x: Point, side: int, width: Fraction) -> Fraction:
    """A rational at ``x`` or, for an irrational ``x``, on ``side`` of it (1: above) within
    ``width / 10**6``."""
    if isinstance(x, Fraction):
        return x
    while x.bounds[1] - x.bounds[0] > width / 10 ** 6:
        x.refine()
    return x.bounds[1] if side > 0 else x.bounds[0]


def _samples(piece: Piece, width: Fraction) -> tuple[Sample, ...]:
    """Exact ``(t, value)`` pairs of ``piece``'s formula spanning it (``width``: the window's)."""
    f, iv = piece.value, piece.interval
    if iv.is_point:
        ts = [_position(iv.lo)]
    else:
        a, b = _inward(iv.lo, 1, width), _inward(iv.hi, -1, width)
        if a >= b:  # narrower than the rounding of its irrational ends: one rational inside
            ts = [iv.sample()]
        else:
            affine = f.is_polynomial and f.num.degree() <= 1
            count = 2 if affine else max(2, min(SAMPLES, math.ceil(SAMPLES * (b - a) / width)))
            ts = [a + (b - a) * k / (count - 1) for k in range(count)]
            if _pole(f, a):  # an open end at a pole: start just inside
                ts[0] = a + (b - a) / 1000
            if _pole(f, b):
                ts[-1] = b - (b - a) / 1000
    return tuple((t, f(t)) for t in ts if not _pole(f, t))


def _jumps(value: Piecewise, samples: Sequence[tuple[Sample, ...]]) -> tuple[tuple[Fraction, Fraction, bool], ...]:
    """The end samples on both sides of every jump of ``value`` (see :class:`Curve`)."""
    out: list[tuple[Fraction, Fraction, bool]] = []
    for k in range(len(value.pieces) - 1):
        p, q = value.pieces[k], value.pieces[k + 1]
        x, left, right = p.interval.hi, samples[k], samples[k + 1]
        if not left or not right:
            continue
        if isinstance(x, Fraction):
            same = not _pole(p.value, x) and not _pole(q.value, x) and p.value(x) == q.value(x)
        else:
            same = (p.value - q.value).sign_at(x) == 0
        if not same:
            out += [(*left[-1], p.interval.hi_closed), (*right[0], q.interval.lo_closed)]
    return tuple(out)


def _pole(f, t: Fraction) -> bool:
    return f.den(flint.fmpq(t.numerator, t.denominator)) == 0


# --------------------------------------------------------------------------- solving
def _solve(game: ParametricGame, rule: str, domain: Interval) -> tuple[Piecewise, ...]:
    if rule == "coco":
        return parametric_coco(game, domain)
    return parametric_fallback(game, rule.removeprefix("fallback-"), domain)


def family_plot_data(game: ParametricGame, rules: Sequence[str] | str = ("coco", "fallback-welfare"),
                     domain: Interval | str | None = None) -> FamilyPlotData:
    """Solve the family ``game`` with each rule for every value of its parameter in
    ``domain`` and gather what a plot against the parameter shows, exactly (no matplotlib).

    Parameters
    ----------
    game : ParametricGame
        The family (two players for the fallback rules).
    rules : sequence of str or str
        Names of :data:`FAMILY_RULES`: ``coco``, ``fallback-S`` for a selection ``S`` of
        :data:`exactbargain.parametric.selection.SELECTIONS`.
    domain : Interval, str or None
        The parameter's values (``"0:inf"``, ``"[0, 1)"``; default: the whole line); an
        unbounded domain is drawn on a window (the module's docstring says which).

    Returns
    -------
    FamilyPlotData
        The curves and breakpoints.

    Raises
    ------
    GameError
        For an unknown rule, a one-point domain, or a rule that does not apply.
    ParametricError
        Where the parametric method stops.

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> grow = ParametricGame.bimatrix([["t^2 - 2"], ["0"]], [["0"], ["0"]])
    >>> data = family_plot_data(grow, ["coco"], "-3:3")
    >>> [b.text for b in data.breakpoints]
    ['root of t^2 - 2 ~ -1.41421', 'root of t^2 - 2 ~ 1.41421']
    >>> print(data.curve("coco", "1").value)
    t in [-3, root of t^2 - 2 in (-3/2, -11/8) ~ -1.41421]: t^2 - 2
    t in (root of t^2 - 2 in (-3/2, -11/8) ~ -1.41421, root of t^2 - 2 in (11/8, 3/2) ~ 1.41421]: 0
    t in (root of t^2 - 2 in (11/8, 3/2) ~ 1.41421, 3]: t^2 - 2
    >>> len(data.curve("coco", "1").samples[0]), data.curve("coco", "1").samples[0][0]
    (53, (Fraction(-3, 1), Fraction(7, 1)))
    """
    if not isinstance(game, ParametricGame):
        raise GameError(f"a plot against the parameter needs a ParametricGame, got {type(game).__name__}")
    names = (rules,) if isinstance(rules, str) else tuple(dict.fromkeys(rules))
    unknown = [r for r in names if r not in FAMILY_RULES]
    if not names:
        raise GameError("a plot against the parameter needs at least one rule")
    if unknown:
        raise GameError(f"unknown rule{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} for a plot "
                        f"against the parameter; choose from {', '.join(FAMILY_RULES)}")
    dom = as_interval(domain)
    if dom.is_point:
        raise GameError(f"the domain {dom} is one value; a plot against {game.parameter} needs an interval "
                        f"(for one value, read the family at it: --set {game.parameter}={format_point(dom.lo)} on the "
                        "command line, ParametricGame.at in Python)")
    solved = {rule: _solve(game, rule, dom) for rule in names}
    ends = [e for vs in solved.values() for v in vs for e in v.breakpoints()]
    window = choose_window(dom, sorted_points(ends))
    width = _outer(window.hi, 1) - _outer(window.lo, -1)
    curves = []
    for rule in names:
        for player, value in zip(game.players, solved[rule]):
            cut = _cut(value, window)
            samples = tuple(_samples(p, width) for p in cut.pieces)
            curves.append(Curve(rule, player, value, cut, samples, _jumps(cut, samples)))
    return FamilyPlotData(
        title=game.title or "", parameter=game.parameter, players=tuple(game.players), rules=names, domain=dom,
        window=window, chosen=(dom.lo is None or dom.hi is None),
        curves=tuple(curves), breakpoints=_breakpoints([c.value for c in curves], window, game.parameter))
