"""Exact plane geometry (exactbargain.geometry) against brute force, and its place in the layers."""

from __future__ import annotations

import ast
import itertools
import math
import pathlib
import random
from fractions import Fraction as F

import flint
import pytest

from exactbargain.bargaining import BargainingError
from exactbargain.bargaining import Polygon as FeasibleSet
from exactbargain.bargaining.solutions import nash_product_on_chain as reexported
from exactbargain.errors import GameTypeError, NumberError
from exactbargain.geometry import (
    GeometryError,
    Polygon,
    clip_above,
    convex_hull,
    cross,
    dot,
    hull_indices,
    nash_product_on_chain,
    pareto_chain,
    support,
    unravel,
)

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "exactbargain"


def _points(rng: random.Random, n: int, lo: int = -5, hi: int = 5, den: int = 1) -> list[tuple[F, F]]:
    return [(F(rng.randint(lo, hi), den), F(rng.randint(lo, hi), den)) for _ in range(n)]


def _in_triangle(p, a, b, c) -> bool:
    """``p`` in the closed triangle ``abc`` (possibly degenerate), by brute force."""
    if cross(a, b, c) == 0:  # degenerate: a segment (or a point)
        return any(_on_segment(p, u, v) for u, v in ((a, b), (b, c), (a, c)))
    s = [cross(a, b, p), cross(b, c, p), cross(c, a, p)]
    return all(x >= 0 for x in s) or all(x <= 0 for x in s)


def _on_segment(p, a, b) -> bool:
    return cross(a, b, p) == 0 and min(a, b) <= p <= max(a, b)


def _extreme(v, pts) -> bool:
    """``v`` is not a convex combination of the other points (Carathéodory: of three)."""
    others = [p for p in set(pts) if p != v]
    return not any(_in_triangle(v, a, b, c) for a, b, c in itertools.combinations_with_replacement(others, 3))


def _dominated(v, pts) -> bool:
    """Some point of conv(pts) is >= v and != v: some non-negative combination of two of
    the directions p - v is a non-zero vector of the closed positive quadrant."""
    dirs = [(p[0] - v[0], p[1] - v[1]) for p in pts if p != v]
    for u, w in itertools.combinations_with_replacement(dirs, 2):
        candidates = {F(0), F(1)}
        for j in (0, 1):
            if u[j] != w[j]:
                candidates.add(F(w[j], 1) / (w[j] - u[j]))
        for a in candidates:
            if 0 <= a <= 1:
                x = (a * u[0] + (1 - a) * w[0], a * u[1] + (1 - a) * w[1])
                if x[0] >= 0 and x[1] >= 0 and x != (0, 0):
                    return True
    return False


@pytest.mark.parametrize("seed", range(40))
def test_hull_against_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    pts = _points(rng, rng.randint(1, 11), den=rng.choice([1, 1, 3]))
    hull = convex_hull(pts)
    poly = Polygon(pts)
    assert poly.vertices == tuple(hull)
    assert all(poly.contains(p) for p in pts)  # every input point inside or on the hull
    assert all(_extreme(v, pts) for v in hull)  # every hull vertex extreme
    assert {p for p in pts if _extreme(p, pts)} == set(hull)  # and every extreme point a vertex
    if len(hull) >= 3:  # strictly convex, counter-clockwise, from the smallest point
        assert all(cross(hull[k - 2], hull[k - 1], hull[k]) > 0 for k in range(len(hull)))
        assert hull[0] == min(pts)
    # a point a rational hair outside an edge is outside, the edge's midpoint inside
    for k in range(len(hull)) if len(hull) >= 3 else ():
        a, b = hull[k], hull[(k + 1) % len(hull)]
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        out = (mid[0] + (b[1] - a[1]) / 10**9, mid[1] - (b[0] - a[0]) / 10**9)
        assert poly.contains(mid) and not poly.contains(out)


def test_hull_works_for_flint_rationals_and_indices() -> None:
    q = flint.fmpq
    pts = [(q(0), q(0)), (q(1, 2), q(0)), (q(1), q(0)), (q(0), q(1)), (q(1, 3), q(1, 3))]
    assert convex_hull(pts) == [(q(0), q(0)), (q(1), q(0)), (q(0), q(1))]
    assert hull_indices([(1, 1), (0, 0), (2, 0), (0, 2), (0, 0)]) == [1, 2, 3]
    assert convex_hull([(1, 1), (1, 1)]) == [(1, 1)] and hull_indices([(1, 1), (1, 1)]) == [0]


@pytest.mark.parametrize("seed", range(40))
def test_pareto_chain_against_brute_force(seed: int) -> None:
    rng = random.Random(100 + seed)
    pts = _points(rng, rng.randint(1, 10))
    chain = pareto_chain(convex_hull(pts))
    assert set(chain) == {v for v in convex_hull(pts) if not _dominated(v, pts)}
    assert all(p[0] > q[0] and p[1] < q[1] for p, q in zip(chain, chain[1:]))  # x_1 falls, x_2 rises
    assert Polygon(pts).pareto_chain() == chain
    labelled = [(v, k) for k, v in enumerate(convex_hull(pts))]  # objects carrying a point
    assert tuple(v for v, _ in pareto_chain(labelled, key=lambda t: t[0])) == chain


@pytest.mark.parametrize("seed", range(30))
def test_support_and_clip_against_brute_force(seed: int) -> None:
    rng = random.Random(200 + seed)
    pts = _points(rng, rng.randint(1, 9))
    poly = Polygon(pts)
    c = (rng.randint(-3, 3), rng.randint(-3, 3))
    assert support(poly.vertices, c) == poly.support(c) == max(dot(c, p) for p in pts)
    d = (F(rng.randint(-4, 8), 2), F(rng.randint(-4, 8), 2))
    clipped = poly.clip_above(d)
    # brute force on a grid of step 1/4: every grid point of F ∩ {x >= d} lies in the clipped
    # polygon, and the clipped polygon's vertices lie in F ∩ {x >= d} (so, both being convex,
    # it is inside F ∩ {x >= d} and misses none of its grid points)
    grid = [(F(a, 4), F(b, 4)) for a in range(-20, 21) for b in range(-20, 21)]
    inside = [x for x in grid if poly.contains(x) and x[0] >= d[0] and x[1] >= d[1]]
    if clipped is None:
        assert clip_above(poly.vertices, d) == []
        assert all(not poly.contains(x) for x in grid if x[0] >= d[0] and x[1] >= d[1])
    else:
        assert type(clipped) is Polygon
        assert all(clipped.contains(x) for x in inside)
        assert all(poly.contains(v) and v[0] >= d[0] and v[1] >= d[1] for v in clipped.vertices)


def _chain_and_base(rng: random.Random):
    while True:
        pts = _points(rng, rng.randint(2, 9), lo=0, hi=8)
        chain = pareto_chain(convex_hull(pts))
        base = (F(rng.randint(-2, 4), rng.choice([1, 2])), F(rng.randint(-2, 4), rng.choice([1, 3])))
        if any(x[0] > base[0] and x[1] > base[1] for x in chain):
            return chain, base


@pytest.mark.parametrize("seed", range(40))
def test_nash_product_against_a_fine_grid_on_each_edge(seed: int) -> None:
    rng = random.Random(300 + seed)
    chain, b = _chain_and_base(rng)
    k, lam, x, prod = nash_product_on_chain(chain, b)
    p, q = chain[k], chain[min(k + 1, len(chain) - 1)]
    assert x == (p[0] + lam * (q[0] - p[0]), p[1] + lam * (q[1] - p[1])) and 0 <= lam <= 1
    assert x[0] > b[0] and x[1] > b[1] and prod == (x[0] - b[0]) * (x[1] - b[1])
    # the grid contains the maximiser's parameter, so its best value is the product exactly
    steps = 24 * lam.denominator
    grid = []
    for u, v in zip(chain, chain[1:]) if len(chain) > 1 else [(chain[0], chain[0])]:
        for j in range(steps + 1):
            t = F(j, steps)
            y = (u[0] + t * (v[0] - u[0]), u[1] + t * (v[1] - u[1]))
            if y[0] > b[0] and y[1] > b[1]:
                grid.append((y[0] - b[0]) * (y[1] - b[1]))
    assert max(grid) == prod


def test_nash_product_edge_cases() -> None:
    assert nash_product_on_chain([(4, 0), (0, 4)], (5, 0)) is None
    assert nash_product_on_chain([(3, 2)], (1, 1)) == (0, F(0), (F(3), F(2)), F(2))
    assert nash_product_on_chain([(3, 2)], (3, 1)) is None
    assert reexported is nash_product_on_chain


def test_unravel_is_c_order() -> None:
    shape = (2, 3, 4)
    assert [unravel(k, shape) for k in range(math.prod(shape))] == list(itertools.product(*map(range, shape)))


def test_polygon_errors_name_the_problem() -> None:
    with pytest.raises(GeometryError, match=r"two coordinates; got the point \(1, 2, 3\) with 3"):
        Polygon([(1, 2, 3)])
    with pytest.raises(GeometryError, match="a polygon needs at least one point"):
        Polygon([])
    with pytest.raises(GameTypeError, match="a polygon needs a sequence of points"):
        Polygon(None)
    with pytest.raises(NumberError):
        Polygon([(0.5, 1)])
    # the bargaining feasible set is the same polygon, with bargaining's errors
    with pytest.raises(BargainingError, match="irrational"):
        FeasibleSet([(1, 2, 3)])
    with pytest.raises(BargainingError, match="a feasible set needs at least one point"):
        FeasibleSet([])
    F_ = FeasibleSet([(0, 0), (4, 0), (0, 4)])
    assert isinstance(F_, Polygon) and type(F_.clip_above((1, 1))) is FeasibleSet
    with pytest.raises(BargainingError):
        F_.contains((1, 1, 1))


def _imports(path: pathlib.Path, package: str) -> set[str]:
    """Every exactbargain module a file imports, at module level or inside functions."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                out.add(".".join(base + ([node.module] if node.module else [])))
            else:
                out.add(node.module or "")
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {m for m in out if m.startswith("exactbargain")}


def test_geometry_is_a_bottom_layer() -> None:
    allowed = {"exactbargain.numbers", "exactbargain.errors", "exactbargain.geometry"}
    for path in (PACKAGE / "geometry").glob("*.py"):
        found = {m if m.count(".") < 2 else ".".join(m.split(".")[:2]) for m in _imports(path, "exactbargain.geometry")}
        assert found <= allowed, (path.name, found - allowed)


def test_fallback_does_not_import_the_bargaining_solutions() -> None:
    """fallback and solutions used to import each other (the Nash product on a chain one way,
    the selection of a disagreement point the other)."""
    found = _imports(PACKAGE / "bargaining" / "fallback.py", "exactbargain.bargaining")
    assert "exactbargain.bargaining.solutions" not in found
    assert "exactbargain.geometry" in found
