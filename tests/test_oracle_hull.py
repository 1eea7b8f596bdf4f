"""The LP-oracle hull of exactbargain.geometry on its own: polytopes given by their vertices
(cubes, cross-polytopes, random rational point clouds, lower-dimensional ones) in 2, 3 and 4
dimensions, seen only through ``optimize(direction) -> point``."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest

from exactbargain.equilibria.ce_check import _linf_distance
from exactbargain.geometry import Halfspace, OracleHull, SandwichHull
from exactbargain.geometry.oracle import counter_clockwise
from exactbargain.lp import LP, solve


def polytope_oracle(vertices, calls=None):
    """The oracle of ``conv(vertices)``: an optimal vertex (ties broken by the point), with
    the vertex's position as its witness."""
    points = [tuple(Fraction(x) for x in v) for v in vertices]

    def oracle(c, sense):
        sign = 1 if sense == "max" else -1
        value = lambda p: sign * sum(a * b for a, b in zip(c, p))
        best = max(points, key=lambda p: (value(p), p))
        if calls is not None:
            calls.append((c, sense))
        return best, points.index(best)

    return oracle


def in_hull(v, points):
    """Whether ``v`` is a convex combination of ``points`` (one exact LP)."""
    n, m = len(v), len(points)
    rows = [[p[i] for p in points] for i in range(n)] + [[1] * m]
    lp = LP.from_matrix(rows, ["="] * (n + 1), list(v) + [1], [0] * m, sense="max")
    return solve(lp).status == "optimal"


def brute_vertices(points):
    """The extreme points: those that are no convex combination of the others."""
    distinct = sorted(set(tuple(Fraction(x) for x in p) for p in points))
    return {p for p in distinct if not in_hull(p, [q for q in distinct if q != p])}


def cube(n, side=1):
    return [tuple(Fraction(side * b) for b in bits) for bits in itertools.product((0, 1), repeat=n)]


def cross_polytope(n):
    return [tuple(Fraction(s if j == i else 0) for j in range(n)) for i in range(n) for s in (1, -1)]


def random_cloud(n, count, seed):
    rng = random.Random(seed)
    return [tuple(Fraction(rng.randint(-12, 12), rng.randint(1, 4)) for _ in range(n)) for _ in range(count)]


POLYTOPES = {
    "square": cube(2, 3),
    "cube": cube(3),
    "tesseract": cube(4),
    "octahedron": cross_polytope(3),
    "cross-4": cross_polytope(4),
    "cloud-2": random_cloud(2, 25, 1),
    "cloud-3": random_cloud(3, 25, 2),
    "cloud-4": random_cloud(4, 20, 3),
    # every point a vertex, with small excesses between neighbours
    "parabola": [(Fraction(i, 7), Fraction(i * i, 49)) for i in range(-7, 8)] + [(Fraction(0), Fraction(2))],
    "paraboloid": [(Fraction(i, 3), Fraction(j, 3), Fraction(i * i + j * j, 9)) for i in range(-2, 3)
                   for j in range(-2, 3)] + [(Fraction(0), Fraction(0), Fraction(3))],
}


@pytest.mark.parametrize("name", sorted(POLYTOPES))
def test_complete_hull_has_the_brute_force_vertices(name):
    points = POLYTOPES[name]
    hull = OracleHull(polytope_oracle(points), len(points[0]))
    hull.complete()
    inner = [p for p, _ in hull.points()]
    assert set(inner) == brute_vertices(points)
    assert len(inner) == len(set(inner))
    # each witness is the position of its point among the given ones
    assert all(tuple(Fraction(x) for x in points[w]) == p for p, w in hull.points())
    assert hull.gap() == 0 and hull.outer_points() == tuple(inner)
    # every facet holds at every given point and is tight at k of the hull's points at least
    for c, b in hull.facets():
        assert sum(abs(x) for x in c) == 1
        assert all(sum(x * y for x, y in zip(c, p)) <= b for p in points)
        assert sum(1 for p in inner if sum(x * y for x, y in zip(c, p)) == b) >= hull.k
    # every query's halfspace holds on the polytope and is tight at its witness
    for h in hull.halfspaces:
        assert isinstance(h, Halfspace)
        assert max(sum(x * y for x, y in zip(h.direction, p)) for p in points) == h.bound
    assert hull.lps == len(hull.halfspaces)


def test_the_square_comes_counter_clockwise_with_its_edges():
    hull = OracleHull(polytope_oracle(cube(2, 3)), 2)
    hull.complete()
    assert [p for p, _ in hull.points()] == [(0, 0), (3, 0), (3, 3), (0, 3)]
    assert hull.facets() == [((-1, 0), 0), ((0, -1), 0), ((0, 1), 3), ((1, 0), 3)]
    assert hull.k == 2 and hull.planar


def test_the_parabola_keeps_every_point():
    points = POLYTOPES["parabola"]
    hull = OracleHull(polytope_oracle(points), 2)
    hull.complete()
    assert len(hull.points()) == 16 and hull.lps <= 2 * 16 + 5


def test_the_tesseract_has_its_eight_facets():
    hull = OracleHull(polytope_oracle(cube(4)), 4)
    hull.complete()
    normals = sorted(c for c, _ in hull.facets())
    units = sorted(tuple(Fraction(s if j == i else 0) for j in range(4)) for i in range(4) for s in (1, -1))
    assert normals == units and len(hull.points()) == 16


@pytest.mark.parametrize("name", ["square", "cloud-2", "parabola", "cube", "octahedron", "cloud-3", "paraboloid",
                                  "tesseract", "cloud-4"])
def test_sandwich_inner_true_outer_and_its_gap(name):
    points = POLYTOPES[name]
    n = len(points[0])
    true = brute_vertices(points)
    gaps = []
    for budget in [*range(2 * n + 1, 2 * n + 40, 6), None]:
        hull = SandwichHull(polytope_oracle(points), n, distance=_linf_distance)
        hull.refine(budget, None)
        assert budget is None or hull.lps <= max(budget, 2 * n + 1 + 2 * n)
        inner = [p for p, _ in hull.points()]
        outer = hull.outer_points()
        assert set(inner) <= true  # inner ⊆ true: the inner vertices are vertices of P
        for v in true:  # true ⊆ outer
            assert all(sum(c * x for c, x in zip(h.direction, v)) <= h.bound for h in hull.halfspaces)
            assert in_hull(v, outer)
        for v in outer:
            assert all(sum(c * x for c, x in zip(h.direction, v)) <= h.bound for h in hull.halfspaces)
        gap = hull.gap()
        # the gap is the largest L-infinity distance from an outer vertex to the inner hull
        assert gap == max(_linf_distance(v, inner) for v in outer)
        # 0 exactly when the sandwich is closed: then both polytopes are P (all its vertices
        # can be found while an unconfirmed facet still leaves the gap open)
        assert (gap == 0) == (set(outer) == set(inner))
        if gap == 0:
            assert set(inner) == true
        gaps.append(gap)
    assert gaps == sorted(gaps, reverse=True)  # a larger budget never widens the gap
    assert gaps[0] > 0 and gaps[-1] == 0


@pytest.mark.parametrize("name", ["cloud-2", "cloud-3"])
def test_a_budget_continues_the_same_sequence_of_queries(name):
    points = POLYTOPES[name]
    n = len(points[0])
    once, twice = [], []
    whole = SandwichHull(polytope_oracle(points, once), n, distance=_linf_distance)
    whole.refine(30, None)
    parts = SandwichHull(polytope_oracle(points, twice), n, distance=_linf_distance)
    parts.refine(15, None)
    parts.refine(30, None)
    assert once == twice and whole.gap() == parts.gap()


def test_tolerance_stops_once_the_gap_is_small_enough():
    points = POLYTOPES["cloud-3"]
    hull = SandwichHull(polytope_oracle(points), 3, distance=_linf_distance)
    hull.refine(None, 1)
    assert 0 < hull.gap() <= 1
    hull.refine(None, Fraction(0))
    assert hull.gap() == 0 and {p for p, _ in hull.points()} == brute_vertices(points)


@pytest.mark.parametrize("embedded, k", [
    ([(0, 0, 1), (2, 0, 1), (0, 2, 1), (1, 1, 1)], 2),  # a triangle in the plane z = 1
    ([(1, 1, 1, 1), (3, 3, 3, 3), (2, 2, 2, 2)], 1),  # a segment in 4-space
    ([(1, 2, 3, 4, 5)] * 3, 0),  # one point
    ([(0, 0, 0), (1, 0, 1), (0, 1, 1), (1, 1, 2), (0, 0, 2)], 3),  # a full tetrahedron-like cloud
])
def test_lower_dimensional_polytopes_are_found_in_their_affine_hull(embedded, k):
    n = len(embedded[0])
    for hull in (OracleHull(polytope_oracle(embedded), n),
                 SandwichHull(polytope_oracle(embedded), n, distance=_linf_distance)):
        if isinstance(hull, SandwichHull):
            hull.refine(None, None)
        else:
            hull.complete()
        assert hull.k == k
        assert {p for p, _ in hull.points()} == brute_vertices(embedded)
        assert hull.gap() == 0


def test_counter_clockwise_starts_at_the_least_sum():
    pts = [(Fraction(2), Fraction(2)), (Fraction(0), Fraction(1)), (Fraction(1), Fraction(0)), (Fraction(3), Fraction(0))]
    assert counter_clockwise(pts) == [(0, 1), (1, 0), (3, 0), (2, 2)]  # a tie: least d_1
    assert counter_clockwise([(Fraction(2), Fraction(0)), (Fraction(0), Fraction(1))]) == [(0, 1), (2, 0)]


def test_three_dimensional_shortcuts_agree_with_the_general_algebra():
    """The cross-product planes (fmpq and the hull's integer one, through a point and a
    ridge on one line) and the rank test of a vertex's tight normals give what the null space
    and the matrix rank give."""
    import math

    import flint

    from exactbargain.geometry.affine import Facet, _plane3, _spans_space3, hyperplane, plane_through

    rng = random.Random("shortcuts-3d")
    q = flint.fmpq

    def point():
        return tuple(q(rng.randint(-9, 9), rng.randint(1, 5)) for _ in range(3))

    def on_line(a, b, s):
        return tuple(x + s * (y - x) for x, y in zip(a, b))

    inside = (q(1, 4),) * 3
    for _ in range(300):
        t, a, b = point(), point(), point()
        if rng.random() < 0.1:
            t = on_line(a, b, q(2))  # t on the ridge's line: no plane
        pts = [t, a, b] + ([on_line(a, b, q(rng.randint(-3, 3), 3))] if rng.random() < 0.4 else [])
        if len(set(pts)) < len(pts):
            continue
        general, want = hyperplane(pts, 3), None
        if general is not None:  # plane_through by the null space: oriented away from inside
            normal, offset = general
            side = sum((x * y for x, y in zip(normal, inside)), q(0)) - offset
            if side != 0:
                want = _canonical_pair(([-v for v in normal], -offset) if side > 0 else general)
        assert plane_through(pts, inside, 3) == want
        fast = _plane3(pts)
        if fast is not None:
            flipped = ([-v for v in general[0]], -general[1])
            assert Facet(*_canonical_pair(fast)) in (Facet(*_canonical_pair(general)), Facet(*_canonical_pair(flipped)))
        hull = object.__new__(OracleHull)
        hull.XD = [math.lcm(*[int(v.q) for v in p]) for p in pts]
        hull.XI = [tuple(int(v * d) for v in p) for p, d in zip(pts, hull.XD)]
        assert hull._plane3(0, frozenset(range(1, len(pts)))) == (None if want is None else Facet(*want))
    for _ in range(300):
        normals = [n for n in (tuple(rng.randint(-2, 2) for _ in range(3)) for _ in range(rng.randint(1, 5))) if any(n)]
        normals = normals or [(1, 0, 0)]
        assert _spans_space3(normals) == (flint.fmpz_mat([list(n) for n in normals]).rank() == 3)


def _canonical_pair(plane):
    from exactbargain.geometry.affine import canonical

    normal, offset = plane
    return canonical(normal, offset)


def test_the_collector_is_paused_only_while_a_hull_is_refined():
    import gc

    from exactbargain.geometry.oracle import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector_paused():
            raise RuntimeError("out")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off before, and stays off
    finally:
        gc.enable()
    seen = []
    square = [(Fraction(x), Fraction(y), Fraction(z)) for x in (0, 1) for y in (0, 1) for z in (0, 1)]

    def oracle(c, sense):
        seen.append(gc.isenabled())
        best = (max if sense == "max" else min)(square, key=lambda p: sum(a * b for a, b in zip(c, p)))
        return best, None

    OracleHull(oracle, 3).complete()
    assert False in seen and gc.isenabled()


def _old_facets(hull):
    """The facets as the hull computed them before its integer form: lifted normals through
    ``L^T``, a payoff point per facet, Fraction sums, sorted Fractions."""
    import flint

    out = []
    for f in hull.on:
        c = (hull._LT * flint.fmpq_mat(hull.k, 1, [flint.fmpq(v) for v in f.normal])).entries()
        norm = sum((abs(v) for v in c), flint.fmpq(0))
        c = tuple(Fraction(int((v / norm).p), int((v / norm).q)) for v in c)
        d = hull.payoffs(hull.X[next(iter(hull.on[f]))])
        out.append((c, sum(x * y for x, y in zip(c, d))))
    return sorted(out)


@pytest.mark.parametrize("name", ["cube", "tesseract", "octahedron", "cloud-3", "cloud-4", "paraboloid"])
def test_integer_facets_points_and_coordinates_equal_the_matrix_forms(name):
    """The hull's answers in integers equal the fmpq-matrix computations they replace: the
    facets (``L^T`` over one denominator, no payoff point per facet), the points (sorted by
    fmpq keys, kept until the hull changes), coordinates and lifted normals; also for a
    polytope embedded in a higher space (``L`` not square)."""
    import flint

    rng = random.Random(name)
    for embed in (False, True):
        vertices = POLYTOPES[name]
        if embed:  # a copy in one more dimension, on the plane d_last = d_0 / 2 + 1/3
            vertices = [tuple(v) + (v[0] / 2 + Fraction(1, 3),) for v in vertices]
        hull = OracleHull(polytope_oracle(vertices), len(vertices[0]))
        hull.complete()
        assert hull.facets() == _old_facets(hull)
        points = hull.points()
        assert [p for p, _ in points] == sorted(brute_vertices(vertices))
        assert hull.points() == points and hull.points() is not hull.points()
        for d in vertices:
            diff = flint.fmpq_mat(hull.n, 1, [flint.fmpq(a.numerator, a.denominator) - b for a, b in zip(d, hull.p0)])
            assert hull.coords(d) == tuple((hull.L * diff).entries())
        for _ in range(10):
            a = [rng.randint(-50, 50) for _ in range(hull.k)]
            assert hull.lift(a) == (hull._LT * flint.fmpq_mat(hull.k, 1, a)).entries()


def test_points_follow_the_hull_after_more_queries():
    """The kept answer of points() is renewed once the hull has changed."""
    hull = SandwichHull(polytope_oracle(POLYTOPES["cloud-3"]), 3, distance=_linf_distance)
    hull.refine(max_lps=12, tolerance=None)
    early = hull.points()
    hull.refine(max_lps=40, tolerance=None)
    assert len(hull.points()) > len(early)
    assert [p for p, _ in hull.points()] == sorted(p for p, _ in hull.points())


def test_a_paused_hull_leaves_its_answers_in_the_oldest_generation():
    """After the pause the young generations hold nothing of what was kept; objects frozen
    by the application stay frozen (the promotion is skipped)."""
    import gc

    from exactbargain.geometry.oracle import collector_paused

    keep = []
    with collector_paused():
        keep.extend([Fraction(i, 7)] for i in range(5000))
    assert gc.get_count()[0] < 100 and gc.get_freeze_count() == 0
    assert all(gc.is_tracked(x) for x in keep[:10])
    frozen = [[i] for i in range(100)]
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with collector_paused():
            keep.extend([Fraction(i, 3)] for i in range(100))
        assert gc.get_freeze_count() == count  # the application's frozen objects stay frozen
    finally:
        gc.unfreeze()
    assert frozen and gc.isenabled()
