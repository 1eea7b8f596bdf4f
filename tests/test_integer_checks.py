"""The integer forms of exact tests against the plain-fraction definitions they replace.

The plane hull scales its points to one common denominator and tests turns in integers;
here it is compared with Andrew's monotone chain on :class:`~fractions.Fraction` cross
products on random point sets full of duplicates and collinear points.
"""

from __future__ import annotations

import random
from fractions import Fraction

import flint
import pytest

from exactbargain.geometry import convex_hull, hull_indices
from exactbargain.geometry.vectors import cross


def _fraction_hull(points):
    """Andrew's monotone chain with Fraction turn tests (the definition)."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts
    lower: list = []
    upper: list = []
    for chain, seq in ((lower, pts), (upper, reversed(pts))):
        for q in seq:
            while len(chain) >= 2 and cross(chain[-2], chain[-1], q) <= 0:
                chain.pop()
            chain.append(q)
    return lower[:-1] + upper[:-1]


def _random_points(rng: random.Random) -> list[tuple[Fraction, Fraction]]:
    """Points on a small grid of fractions (duplicates), some on a few lines (collinear)."""
    den = rng.choice([1, 2, 3, 6, 7, 12])
    count = rng.randint(1, 40)
    pts = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.3:  # on the line y = a x + b
            t = Fraction(rng.randint(-6, 6), den)
            pts.append((t, 2 * t - Fraction(1, 3)))
        elif kind < 0.45:  # on a vertical line
            pts.append((Fraction(1, 2), Fraction(rng.randint(-5, 5), den)))
        else:
            pts.append((Fraction(rng.randint(-5, 5), den), Fraction(rng.randint(-5, 5), rng.choice([1, den]))))
    if pts and rng.random() < 0.3:
        pts += rng.sample(pts, min(len(pts), 5))  # exact duplicates
    return pts


def test_integer_hull_matches_the_fraction_hull_on_random_point_sets():
    rng = random.Random(20261206)
    for _ in range(500):
        pts = _random_points(rng)
        assert convex_hull(pts) == _fraction_hull(pts)


@pytest.mark.parametrize("kind", ["int", "fmpq", "labelled"])
def test_integer_hull_keeps_the_points_given(kind):
    """The hull returns the points themselves (their type, their labels), like the definition."""
    rng = random.Random(hash(kind) & 0xFFFF)
    for _ in range(200):
        base = _random_points(rng)
        if kind == "int":
            pts = [(int(x * 12), int(y * 12)) for x, y in base]
        elif kind == "fmpq":
            pts = [(flint.fmpq(x.numerator, x.denominator), flint.fmpq(y.numerator, y.denominator)) for x, y in base]
        else:
            pts = [(x, y, rng.randint(0, 3)) for x, y in base]
        got = convex_hull(pts)
        assert got == _fraction_hull(pts)
        assert all(type(a) is type(b) for p, q in zip(got, _fraction_hull(pts)) for a, b in zip(p, q))


def test_hull_of_collinear_and_repeated_points_is_a_segment_or_a_point():
    assert convex_hull([(Fraction(1, 3), 0), (Fraction(2, 3), 1), (1, 2), (Fraction(1, 3), 0)]) == [
        (Fraction(1, 3), 0), (1, 2)]
    assert convex_hull([(Fraction(1, 2), 5)] * 4) == [(Fraction(1, 2), 5)]
    # a point a hair outside an edge is a vertex; on the edge it is not
    hair = Fraction(1, 10**30)
    assert (Fraction(1, 2), -hair) in convex_hull([(0, 0), (1, 0), (Fraction(1, 2), -hair), (0, 1)])
    assert len(convex_hull([(0, 0), (1, 0), (Fraction(1, 2), 0), (0, 1)])) == 3


def test_hull_indices_match_the_fraction_hull():
    rng = random.Random(7)
    for _ in range(200):
        pts = _random_points(rng)
        first: dict = {}
        for k, p in enumerate(pts):
            first.setdefault(p, k)
        want = [k for _, _, k in _fraction_hull([(x, y, k) for (x, y), k in first.items()])]
        assert hull_indices(pts) == want
