"""Nash and Kalai–Smorodinsky bargaining over exact polygons, against brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import assume, given, strategies as st

from exactbargain import Game
from exactbargain.bargaining import BargainingError, Polygon, kalai_smorodinsky, nash_bargaining
from exactbargain.formats import read_game

from conftest import EXAMPLES

coord = st.integers(-4, 6)
points = st.lists(st.tuples(coord, coord), min_size=1, max_size=6)


def _boundary_candidates(pts, d):
    """Points where the boundary of conv(pts) ∩ {x >= d} may carry an optimum: the input
    points, every segment's stationary point of the Nash product, and every segment's
    crossings of the lines x_1 = d_1, x_2 = d_2."""
    P = [(F(a), F(b)) for a, b in pts]
    out = list(P)
    for p, q in itertools.combinations(P, 2):
        e = (q[0] - p[0], q[1] - p[1])
        A = e[0] * e[1]
        B = (p[0] - d[0]) * e[1] + (p[1] - d[1]) * e[0]
        lams = []
        if A:
            lams.append(-B / (2 * A))
        for axis in (0, 1):
            if e[axis]:
                lams.append((d[axis] - p[axis]) / e[axis])
        out += [(p[0] + l * e[0], p[1] + l * e[1]) for l in lams if 0 <= l <= 1]
    return out


@given(points, st.tuples(coord, coord))
def test_nash_bargaining_against_brute_force(pts, d):
    d = (F(d[0]), F(d[1]))
    poly = Polygon(pts)
    cands = [x for x in _boundary_candidates(pts, d) if poly.contains(x) and x[0] >= d[0] and x[1] >= d[1]]
    if not cands:
        with pytest.raises(BargainingError):
            nash_bargaining(pts, d)
        return
    sol = nash_bargaining(pts, d)
    assert sol.verify()
    best = max((x[0] - d[0]) * (x[1] - d[1]) for x in cands)
    x = sol.payoffs
    if best > 0:
        assert (x[0] - d[0]) * (x[1] - d[1]) == best
    else:
        assert x == max(cands, key=lambda c: (c[0] + c[1], c[0]))


@given(points, st.tuples(coord, coord))
def test_kalai_smorodinsky_against_brute_force(pts, d):
    d = (F(d[0]), F(d[1]))
    poly = Polygon(pts)
    cands = [x for x in _boundary_candidates(pts, d) if poly.contains(x) and x[0] >= d[0] and x[1] >= d[1]]
    assume(cands)
    sol = kalai_smorodinsky(pts, d)
    assert sol.verify()
    ideal = (max(c[0] for c in cands), max(c[1] for c in cands))
    assert sol.ideal == ideal
    x = sol.payoffs
    proper = any(c[0] > d[0] for c in cands) and any(c[1] > d[1] for c in cands)
    if proper:
        r = (ideal[0] - d[0], ideal[1] - d[1])
        assert (x[0] - d[0]) * r[1] == (x[1] - d[1]) * r[0]
        # no feasible point further along the ray: check the crossing with every segment
        P = [(F(a), F(b)) for a, b in pts]
        for p, q in itertools.combinations(P, 2):
            e = (q[0] - p[0], q[1] - p[1])
            den = r[0] * e[1] - r[1] * e[0]
            if den:
                t = ((p[0] - d[0]) * e[1] - (p[1] - d[1]) * e[0]) / den
                y = (d[0] + t * r[0], d[1] + t * r[1])
                if poly.contains(y):
                    assert y[0] <= x[0] and y[1] <= x[1]


def test_exact_examples():
    tri = [(0, 0), (6, 0), (0, 3)]
    assert nash_bargaining(tri, (0, 0)).payoffs == (3, F(3, 2))
    assert kalai_smorodinsky(tri, (0, 0)).payoffs == (3, F(3, 2))
    assert kalai_smorodinsky(tri, (2, 0)).payoffs == (4, 1)
    with pytest.raises(BargainingError, match="irrational"):
        nash_bargaining([(1, 1, 1), (3, 0, 2)], (0, 0, 0))
    with pytest.raises(BargainingError, match="disagreement"):
        nash_bargaining(tri, (7, 7))


def test_games_without_transfers():
    chicken = read_game(EXAMPLES / "chicken.nfg")
    nbs = nash_bargaining(chicken)
    assert nbs.disagreement == (F(21, 4), F(21, 4)) and nbs.payoffs == (6, 6)
    assert nbs.verify() and nbs.summary()["select"] == "welfare"
    ks = kalai_smorodinsky(chicken, select="dictator-1")
    assert ks.disagreement == (7, 2) and ks.payoffs == (7, 2) and ks.verify()
    bos = read_game(EXAMPLES / "battle_of_the_sexes.nfg")
    sol = nash_bargaining(bos, select="egalitarian")
    assert sol.payoffs == (F(3, 2), F(3, 2)) and sol.verify()
    assert sol.agreement == (F(1, 2), 0, 0, F(1, 2))
    with pytest.raises(Exception, match="two players"):
        nash_bargaining(read_game(EXAMPLES / "public_goods3.nfg"))


def _first_pair_lottery(game, x):
    """The lottery by definition: the outcome paying x, else the first pair of outcomes in
    profile order with x on the segment between them (every pair tried)."""
    pays = [game.payoff(p) for p in game.profiles()]
    out = [F(0)] * len(pays)
    if x in pays:
        out[pays.index(x)] = F(1)
        return tuple(out)
    for a in range(len(pays)):
        for b in range(a + 1, len(pays)):
            p, q = pays[a], pays[b]
            if p == q or (q[0] - p[0]) * (x[1] - p[1]) != (q[1] - p[1]) * (x[0] - p[0]):
                continue
            axis = 0 if p[0] != q[0] else 1
            lam = (x[axis] - p[axis]) / (q[axis] - p[axis])
            if 0 <= lam <= 1:
                out[a], out[b] = 1 - lam, lam
                return tuple(out)
    raise AssertionError("no pair")


def test_lotteries_are_the_first_pair_in_profile_order():
    """Pairing only the outcomes on the edge through the solution gives the lottery the
    definition gives, on games with many collinear and repeated outcomes."""
    import random

    from exactbargain.bargaining import kalai_smorodinsky, nash_bargaining

    rng = random.Random("lottery")
    checked = 0
    for _ in range(150):
        m, n = rng.randint(1, 4), rng.randint(2, 4)
        game = Game.bimatrix([[rng.randint(-2, 2) for _ in range(n)] for _ in range(m)],
                             [[rng.randint(-2, 2) for _ in range(n)] for _ in range(m)])
        for rule in (nash_bargaining, kalai_smorodinsky):
            try:
                sol = rule(game)
            except BargainingError:
                continue  # a degenerate problem (e.g. d on the boundary) is refused either way
            assert sol.agreement == _first_pair_lottery(game, sol.payoffs)
            checked += 1
    assert checked > 200


def test_a_lottery_pairs_only_outcomes_on_the_solutions_edge(monkeypatch):
    """Finding the lottery is linear in the outcomes: a 30x30 game (900 outcomes, 404,550
    pairs) needs a few thousand cross products, not hundreds of thousands."""
    import random

    from exactbargain.bargaining import solutions

    rng = random.Random("lottery-30")
    game = Game.bimatrix([[rng.randint(-100, 100) for _ in range(30)] for _ in range(30)],
                         [[rng.randint(-100, 100) for _ in range(30)] for _ in range(30)])
    calls = []
    cross = solutions._cross
    monkeypatch.setattr(solutions, "_cross", lambda *a: calls.append(1) or cross(*a))
    x = solutions.Polygon([game.payoff(p) for p in game.profiles()]).vertices
    a, b = x[0], x[1]
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    lottery = solutions._lottery(game, mid, solutions.Polygon([game.payoff(p) for p in game.profiles()]))
    pays = [game.payoff(p) for p in game.profiles()]
    used = [k for k, v in enumerate(lottery) if v]
    assert sum(lottery) == 1 and len(used) == 2
    assert tuple(sum(lottery[k] * pays[k][i] for k in used) for i in range(2)) == mid
    assert len(calls) < 5 * 900
