"""The search for the maximiser of the Nash product on a two-player Pareto chain: the few
chain points around it, found by LPs over a :class:`~exactbargain.bargaining._leximin.Domain`."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ..geometry import dot as _dot
from ._leximin import Domain, LPStep, Point
from .results import text

__all__ = ["bracket"]


def bracket(D: Domain, P: str, p: Point, q: Point, base: Sequence[Fraction], steps: list[LPStep]) -> list[Point]:
    """Points of the CE-Pareto chain around the maximiser ``d*`` of the Nash product: one
    point (the maximiser) or the two ends of the chain edge holding it.

    A point ``r`` of the chain maximises ``w . d`` for the weights ``w = (lam, 1 - lam)``
    of its normal cone (an interval of ``lam``, increasing along the chain from ``q``,
    where ``d_2`` is largest, to ``p``). Above the floor ``l`` the product is
    pseudo-concave with gradient direction ``g(d) = (d_2 - l_2, d_1 - l_1)``, whose
    weight ``mu(d) = g_1/(g_1 + g_2)`` strictly decreases along the chain, and ``d*`` is
    the chain point with ``mu(d*)`` in its normal cone. So one LP ``max w . d`` at ``r``
    tells the side of ``d*`` by arithmetic alone: ``mu(r) > lam`` puts ``d*`` at ``r``
    or beyond it towards ``p`` (a point before ``r`` would have ``mu > mu(r) > lam``
    but a normal cone below ``lam``), ``mu(r) < lam`` towards ``q``, and equality makes
    ``r`` the maximiser; a point not above the floor sends the search to the side with
    room above it.

    Between chain points ``c`` (towards ``q``) and ``a`` (towards ``p``), with weights
    ``lam_c < lam_a`` of their normal cones, the search asks for the simplest rational
    ``lam`` in the middle half of ``(lam_c, lam_a)``, so every LP shrinks the interval of
    weights holding ``mu(d*)`` to at most 3/4 of its length; objectives stay short. The
    first LP, and the next one whenever such an LP finds no new point, maximises the
    chord's normal
    ``(c_2 - a_2, a_1 - c_1)``: if its optimum is on the chord, ``[a, c]`` is a chain
    edge; otherwise it finds a chain point strictly between, which is tested the same
    way. Each LP finds a new chain point or shrinks the interval, and every other LP
    finds a new point or ends, so this ends."""
    b1, b2 = Fraction(base[0]), Fraction(base[1])
    a, c = p, q
    lam_a, lam_c = Fraction(1), Fraction(0)
    chord = True  # a chain of one edge ends at once
    while True:
        if a.payoffs == c.payoffs:
            return [a]
        if chord:
            w = (c.payoffs[1] - a.payoffs[1], a.payoffs[0] - c.payoffs[0])
            why = "chord of the Pareto chain"
        else:
            lam = _simplest_between(lam_c + (lam_a - lam_c) / 4, lam_a - (lam_a - lam_c) / 4)
            w = (Fraction(lam.numerator), Fraction(lam.denominator - lam.numerator))
            why = "a direction between the known ends of the Pareto chain"
        r, res, _ = D.optimize(w, with_face=False)
        steps.append(LPStep(f"max {text(w[0])} {D.labels[0]} + {text(w[1])} {D.labels[1]} over {P} "
                            f"({why})", res.value, res))
        if chord and res.value == _dot(w, a.payoffs):
            return [a, c]
        new = r.payoffs != a.payoffs and r.payoffs != c.payoffs
        lam = w[0] / (w[0] + w[1])
        r1, r2 = r.payoffs
        if r1 <= b1:
            towards_p = True
        elif r2 <= b2:
            towards_p = False
        else:
            side = (r2 - b2) * w[1] - (r1 - b1) * w[0]  # (mu(r) - lam) times a positive number
            if side == 0:
                return [r]
            towards_p = side > 0
        if towards_p:
            c, lam_c = r, lam
        else:
            a, lam_a = r, lam
        chord = not chord and not new




def _simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The rational with the smallest denominator in ``[lo, hi]`` (``0 <= lo <= hi``), by
    the continued-fraction (Stern-Brocot) descent.

    >>> _simplest_between(Fraction(1, 4), Fraction(3, 4)), _simplest_between(Fraction(3, 10), Fraction(7, 20))
    (Fraction(1, 2), Fraction(1, 3))
    """
    whole = lo.numerator // lo.denominator
    if whole == lo or whole + 1 <= hi:
        return Fraction(whole if whole == lo else whole + 1)
    return whole + 1 / _simplest_between(1 / (hi - whole), 1 / (lo - whole))


