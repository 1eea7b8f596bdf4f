"""The nash selection's search along the CE-Pareto chain, and the rules sharing its LPs.

The reference is the straightforward computation: the whole Pareto chain of the CE payoff
polygon (``CorrelatedEquilibria.pareto_frontier``), the CE floor, and the Nash product on
every edge (``nash_product_on_chain``); and, for the LP count, the chord-and-tangent search
the selection used before, kept here as it was.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction as F

import pytest

from exactbargain import CorrelatedEquilibria, Game
from exactbargain.bargaining import select_point
from exactbargain.bargaining._leximin import LPStep
from exactbargain.bargaining.fallback import _dot, _Selector
from exactbargain.bargaining.solutions import nash_product_on_chain
from exactbargain.numbers import format_rational as text
from exactbargain.bargaining.results import vector_text

from _bargain_brute import polygon_leximin
from profiles import scaled


def random_bimatrix(rng: random.Random, m: int, n: int, bound: int) -> Game:
    return Game.bimatrix([[rng.randint(-bound, bound) for _ in range(n)] for _ in range(m)],
                         [[rng.randint(-bound, bound) for _ in range(n)] for _ in range(m)])


def reference_nash(game: Game) -> tuple[F, F]:
    """The nash rule from the whole Pareto chain (welfare when no point beats the floor)."""
    ce = CorrelatedEquilibria(game)
    floor = ce.floor()
    chain = [p.payoffs for p in ce.pareto_frontier()]
    best = nash_product_on_chain(chain, floor)
    if best is None:
        return select_point(game, "welfare").payoffs
    return best[2]


def old_bracket(sel: _Selector, p, q, base, steps):
    """The search the nash rule used before: the chord of the known ends, then an LP along
    the product's gradient at the chord's point to tell the side (one LP per side test)."""
    D = sel.domain
    b1, b2 = F(base[0]), F(base[1])
    a, c = p, q
    while True:
        if a.payoffs == c.payoffs:
            return [a]
        normal = (c.payoffs[1] - a.payoffs[1], a.payoffs[0] - c.payoffs[0])
        r, res, _ = D.optimize(normal)
        steps.append(LPStep(f"max {text(normal[0])} d1 + {text(normal[1])} d2 (chord)", res.value, res))
        if res.value == _dot(normal, a.payoffs):
            return [a, c]
        r1, r2 = r.payoffs
        if r1 <= b1:
            c = r
            continue
        if r2 <= b2:
            a = r
            continue
        g = (r2 - b2, r1 - b1)
        s, res, _ = D.optimize(g)
        steps.append(LPStep(f"max {text(g[0])} d1 + {text(g[1])} d2 (tangent at {vector_text(r.payoffs)})",
                            res.value, res))
        if res.value == _dot(g, r.payoffs):
            return [r]
        if s.payoffs[0] > r1:
            c = r
        else:
            a = r


def search_lps(game: Game, bracket=None) -> tuple[int, list]:
    """The LPs of the chain search alone (after the floor and the two lexicographic maxima)
    and the chain points it ends with."""
    sel = _Selector(game, "correlated")
    base, _ = sel.floor()
    steps: list[LPStep] = []
    p = sel._lexmax(0, 1, steps)
    q = sel._lexmax(1, 0, steps)
    before = len(steps)
    chain = (bracket or _Selector._bracket)(sel, p, q, base, steps)
    return len(steps) - before, chain


@pytest.mark.parametrize("bound, size", [(3, 4), (100, 3)])
def test_nash_and_egalitarian_equal_the_whole_chain_computation(bound, size):
    rng = random.Random(f"frontier-{bound}")
    for _ in range(scaled(150)):
        game = random_bimatrix(rng, rng.randint(1, size), rng.randint(1, size), bound)
        nash = select_point(game, "nash")
        assert nash.payoffs == reference_nash(game)
        assert nash.verify()
        assert nash.witness.payoffs == nash.payoffs
        vertices = [v.payoffs for v in CorrelatedEquilibria(game).vertices()]
        floor = (min(v[0] for v in vertices), min(v[1] for v in vertices))
        egalitarian = select_point(game, "egalitarian")
        assert egalitarian.payoffs == polygon_leximin(vertices, floor)
        assert egalitarian.base == floor
        assert egalitarian.verify()


def test_nash_equals_the_previous_search_on_larger_games():
    rng = random.Random("frontier-larger")
    for _ in range(scaled(12)):
        game = random_bimatrix(rng, rng.randint(5, 8), rng.randint(5, 8), 100)
        sel = _Selector(game, "correlated")
        base, _ = sel.floor()
        new_count, new_chain = search_lps(game)
        old_count, old_chain = search_lps(game, old_bracket)
        old = nash_product_on_chain([c.payoffs for c in old_chain], base)
        new = nash_product_on_chain([c.payoffs for c in new_chain], base)
        assert (old is None) == (new is None)
        if old is not None:
            assert new[2] == old[2]
            assert select_point(game, "nash").payoffs == old[2]


def chain_game(V: int, lift: int) -> tuple[Game, list[tuple[int, int]]]:
    """A coordination game (payoffs on the diagonal, 0 elsewhere) whose CE-Pareto chain is
    ``V + 1`` given points: edge ``k`` has direction ``(V - k, -(k + 1))`` (its normal's
    weights spread evenly over ``(0, 1)``) and lengths shrinking geometrically (by 3/5)
    from the top-left end; ``lift`` times the chain's width raises it, which moves the
    Nash product's maximiser towards the bottom-right end."""
    pts = [(0, 0)]
    for k in range(V):
        L = math.ceil(F(5, 3) ** (V - 1 - k))
        x, y = pts[-1]
        pts.append((x + L * (V - k), y - L * (k + 1)))
    low, width = min(y for _, y in pts), max(x for x, _ in pts)
    pts = [(x + 1, y - low + 1 + lift * width) for x, y in pts]
    m = len(pts)
    A = [[pts[i][0] if i == j else 0 for j in range(m)] for i in range(m)]
    B = [[pts[i][1] if i == j else 0 for j in range(m)] for i in range(m)]
    return Game.bimatrix(A, B), pts


@pytest.mark.parametrize("V", [12, 20])
def test_search_needs_logarithmically_many_lps(V):
    game, pts = chain_game(V, lift=30)
    ce = CorrelatedEquilibria(game)
    floor = ce.floor()
    expected = nash_product_on_chain(pts[::-1], floor)[2]
    assert select_point(game, "nash").payoffs == expected
    count, _ = search_lps(game)
    bound = 2 * math.log2(V + 1) + 3
    assert count <= bound
    # the chord-and-tangent search splits this chain next to its long end every time
    old_count, old_chain = search_lps(game, old_bracket)
    assert nash_product_on_chain([c.payoffs for c in old_chain], floor)[2] == expected
    assert old_count > bound
