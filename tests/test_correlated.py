import itertools
import math
import random
from fractions import Fraction as F

import pytest
from hypothesis import assume, given, settings, strategies as st

from exactbargain import Game

from _bargain_brute import hull
from exactbargain.equilibria import (
    CorrelatedEquilibria,
    VertexLimitError,
    check_correlated_equilibrium,
    nash_equilibria,
    security_levels,
)
from exactbargain.errors import GameError

from profiles import scaled

CHICKEN = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], actions=(("D", "C"), ("D", "C")))
BOS = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], actions=(("O", "F"), ("O", "F")))
PD = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
PENNIES = Game.zero_sum([[1, -1], [-1, 1]], actions=(("H", "T"), ("H", "T")))


def payoff_points(points):
    return {p.payoffs for p in points}


def test_chicken_theory_values():
    ce = CorrelatedEquilibria(CHICKEN)
    assert payoff_points(ce.payoff_set()) == {(7, 2), (F(21, 4), F(21, 4)), (2, 7), (F(18, 5), F(18, 5))}
    best = ce.max_welfare()
    assert best.value == F(21, 2) and best.payoffs == (F(21, 4), F(21, 4))
    assert best.distribution == (0, F(1, 4), F(1, 4), F(1, 2))
    # "attained only by": on the max-welfare face every probability is pinned
    for profile in [(0, 0), (0, 1), (1, 0), (1, 1)]:
        hi = ce.optimize([1, 1], {profile: 1})
        lo = ce.optimize({profile: 1}, sense="min", constraints=[([1, 1], "=", F(21, 2))])
        assert hi.values[1] == lo.value == best.distribution[2 * profile[0] + profile[1]]
    assert ce.best_for(0).value == 7 and ce.best_for("2").value == 7
    assert ce.floor() == (2, 2) == security_levels(CHICKEN).levels
    # Aumann's 1/3-1/3-1/3 CE pays (5, 5)
    ledger = ce.contains({("D", "C"): "1/3", ("C", "D"): "1/3", ("C", "C"): "1/3"})
    assert ledger.is_member and ledger.total == 1


def test_chicken_polygon_order_and_frontier():
    ce = CorrelatedEquilibria(CHICKEN)
    assert [p.payoffs for p in ce.payoff_set()] == [
        (F(18, 5), F(18, 5)), (7, 2), (F(21, 4), F(21, 4)), (2, 7)
    ]
    assert [p.payoffs for p in ce.pareto_frontier()] == [(7, 2), (F(21, 4), F(21, 4)), (2, 7)]
    for p in ce.payoff_set():
        assert p.verify(), p.check()


def test_chicken_vertices():
    vertices = CorrelatedEquilibria(CHICKEN).vertices()
    assert {v.distribution for v in vertices} == {
        (F(1, 9), F(2, 9), F(2, 9), F(4, 9)),
        (F(1, 5), F(2, 5), F(2, 5), 0),
        (0, F(1, 4), F(1, 4), F(1, 2)),
        (0, 1, 0, 0),
        (0, 0, 1, 0),
    }
    assert all(not check_correlated_equilibrium(CHICKEN, v.distribution, v.payoffs) for v in vertices)


def test_battle_of_the_sexes():
    ce = CorrelatedEquilibria(BOS)
    assert payoff_points(ce.payoff_set()) == {(2, 1), (1, 2), (F(2, 3), F(2, 3))}
    assert ce.max_welfare().value == 3
    assert ce.best_for(0).value == 2 and ce.best_for(1).value == 2
    assert ce.floor() == (F(2, 3), F(2, 3)) == security_levels(BOS).levels
    assert [p.payoffs for p in ce.pareto_frontier()] == [(2, 1), (1, 2)]


def test_prisoners_dilemma_and_pennies_single_point():
    ce = CorrelatedEquilibria(PD)
    assert [p.payoffs for p in ce.payoff_set()] == [(1, 1)]
    assert ce.max_welfare().value == 2 and ce.best_for(0).value == 1
    assert [v.distribution for v in ce.vertices()] == [(0, 0, 0, 1)]
    pennies = CorrelatedEquilibria(PENNIES)
    assert [v.distribution for v in pennies.vertices()] == [(F(1, 4),) * 4]
    assert [p.payoffs for p in pennies.payoff_set()] == [(0, 0)]


def test_curse_examples():
    trivial = Game.bimatrix([[0]], [[0]])
    indifferent = trivial.add_action(0, [(0, -1000)])
    assert payoff_points(CorrelatedEquilibria(indifferent).payoff_set()) == {(0, 0), (0, -1000)}
    pd_curse = PD.add_action(0, [(5, -1000), (1, -999)], label="K")
    assert payoff_points(CorrelatedEquilibria(pd_curse).payoff_set()) == {(1, 1), (1, -999)}


def test_contains_ledger_reports_violations():
    ce = CorrelatedEquilibria(PD)
    ledger = ce.contains([1, 0, 0, 0])
    assert not ledger
    assert [(s.player, s.told, s.deviation, s.slack) for s in ledger.violations()] == [
        ("1", "C", "D", -2), ("2", "C", "D", -2)
    ]
    assert not ce.contains([F(1, 2), 0, 0, F(1, 4)]).is_member  # mass 3/4
    assert ce.contains([0, 0, -1, 2]).negative_entries == (2,)
    with pytest.raises(GameError, match="4 probabilities"):
        ce.contains([1])
    with pytest.raises(GameError, match="float"):
        ce.contains([0.5, 0.5, 0, 0])


def test_three_player_game():
    g = Game.from_flat(
        [[3, 4, 1, 2, 1, 2, -1, 0], [3, 1, 4, 2, 1, -1, 2, 0], [3, 1, 1, -1, 4, 2, 2, 0]],
        [2, 2, 2], order="F",
    )  # the bundled public-goods game: N is strictly dominant, so the only CE is (N, N, N)
    ce = CorrelatedEquilibria(g)
    assert [p.payoffs for p in ce.payoff_set()] == [(0, 0, 0)]
    assert ce.max_welfare().value == 0 and g.W == 9


def test_vertex_limit():
    big = Game.bimatrix([[0] * 7] * 7, [[0] * 7] * 7)
    with pytest.raises(VertexLimitError, match="49 profiles"):
        CorrelatedEquilibria(big).vertices()


def test_tampered_witness_fails():
    from dataclasses import replace

    point = CorrelatedEquilibria(CHICKEN).max_welfare()
    assert point.verify()
    assert not replace(point, payoffs=(F(6), F(6))).verify()
    assert not replace(point, distribution=(0, F(1, 2), F(1, 2), 0)).verify()
    assert not replace(point, distribution=(F(1, 2), F(1, 2), 0, 0)).verify()


def random_game(rnd, shape, lo=-4, hi=4):
    N = math.prod(shape)
    return Game.from_flat([[rnd.randint(lo, hi) for _ in range(N)] for _ in shape], list(shape))


def hull_2d(points):
    """Extreme points of a finite planar set, by the tests' independent monotone chain."""
    return set(hull(points))


@given(st.randoms(use_true_random=False), st.sampled_from([(2, 2), (2, 3), (3, 2), (3, 3)]))
def test_payoff_set_equals_hull_of_vertex_images(rnd, shape):
    g = random_game(rnd, shape)
    ce = CorrelatedEquilibria(g)
    vertices = ce.vertices()
    images = [v.payoffs for v in vertices]
    assert payoff_points(ce.payoff_set()) == hull_2d(images)
    # LP optimum = max over enumerated vertices, for a few directions
    for w in [(1, 1), (1, 0), (0, -1), (2, -3)]:
        best = ce.optimize(list(w))
        assert best.value == max(w[0] * a + w[1] * b for a, b in images)
        assert best.verify()
    # every CE payoff dominates the security levels (docs/theory.md §2.2)
    beta = security_levels(g).levels
    assert all(p[i] >= beta[i] for p in images for i in range(2))
    assert all(ce.floor()[i] >= beta[i] for i in range(2))
    # every Nash equilibrium is a CE (as a product distribution)
    for eq in nash_equilibria(g):
        x, y = eq.strategies
        mu = [a * b for a in x for b in y]
        assert ce.contains(mu).is_member


@given(st.randoms(use_true_random=False))
def test_three_player_payoff_set_points_are_extreme_and_verified(rnd):
    g = random_game(rnd, (2, 2, 2), -3, 3)
    ce = CorrelatedEquilibria(g)
    points = ce.payoff_set()
    assert points and all(p.verify() for p in points)
    images = {v.payoffs for v in ce.vertices()}
    # every extreme point of P is the image of a vertex of the CE polytope
    assert {p.payoffs for p in points} <= images
    # and no direction finds a better value than the extreme points offer
    for w in [(1, 1, 1), (1, -1, 0), (0, 0, -1), (-2, 1, 3)]:
        assert ce.optimize(list(w)).value == max(sum(a * b for a, b in zip(w, p.payoffs)) for p in points)


@settings(max_examples=scaled(6), deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from([(3, 4), (4, 3)]))
def test_polygon_by_edges_matches_vertex_enumeration(rnd, shape):
    # the edge-by-edge polygon routine against the double description's vertex images:
    # the same extreme points, in strictly convex counter-clockwise order
    g = random_game(rnd, shape, -9, 9)
    ce = CorrelatedEquilibria(g)
    polygon = [p.payoffs for p in ce.payoff_set()]
    assert set(polygon) == hull_2d([v.payoffs for v in ce.vertices()])
    if len(polygon) >= 3:
        for a, b, c in zip(polygon, polygon[1:] + polygon[:1], polygon[2:] + polygon[:2]):
            assert (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) > 0
    # about two LPs an edge: one confirms it, the others found its points
    assert ce.lp_count <= 2 * len(polygon) + 8


def _extreme_points_3d(points):
    """Extreme points of a finite set in Q^3 (full-dimensional or not), by brute force: a
    point is extreme iff some plane through three or more points has every point on one
    side and the point is a vertex of that face (recursing to the face's planar hull)."""
    points = sorted(set(points))
    den = math.lcm(*[F(v).denominator for p in points for v in p])
    scaled = {tuple(int(v * den) for v in p): p for p in points}  # integers: fast and exact
    pts = sorted(scaled)
    if len(pts) <= 2:
        return set(points)

    def sub(a, b):
        return tuple(x - y for x, y in zip(a, b))

    def cross(a, b):
        return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])

    def dot(a, b):
        return sum(x * y for x, y in zip(a, b))

    out, planar = set(), True
    for a, b, c in itertools.combinations(pts, 3):
        nrm = cross(sub(b, a), sub(c, a))
        if nrm == (0, 0, 0):
            continue
        sides = {(dot(nrm, sub(p, a)) > 0) - (dot(nrm, sub(p, a)) < 0) for p in pts}
        if sides == {0}:
            break  # all coplanar
        planar = False
        if sides <= {0, 1} or sides <= {0, -1}:
            face = [p for p in pts if dot(nrm, sub(p, a)) == 0]
            # project the face to the two coordinates the normal does not dominate
            drop = max(range(3), key=lambda i: abs(nrm[i]))
            proj = {tuple(v for i, v in enumerate(p) if i != drop): p for p in face}
            out |= {scaled[proj[q]] for q in hull(list(proj))}
    if planar:
        a, b = pts[0], next(p for p in pts if p != pts[0])
        far = [p for p in pts if cross(sub(b, a), sub(p, a)) != (0, 0, 0)]
        if not far:  # collinear: the two ends
            return {scaled[pts[0]], scaled[pts[-1]]}
        nrm = cross(sub(b, a), sub(far[0], a))
        drop = max(range(3), key=lambda i: abs(nrm[i]))
        proj = {tuple(v for i, v in enumerate(p) if i != drop): p for p in pts}
        return {scaled[proj[q]] for q in hull(list(proj))}
    return out


@settings(max_examples=scaled(15), deadline=None)
@given(st.randoms(use_true_random=False))
def test_three_player_payoff_set_equals_brute_force_hull_of_vertex_images(rnd):
    g = random_game(rnd, (2, 2, 2), -5, 5)
    ce = CorrelatedEquilibria(g)
    images = {v.payoffs for v in ce.vertices()}
    assume(len(images) <= 40)  # the brute force is quartic
    assert payoff_points(ce.payoff_set()) == _extreme_points_3d(images)


def test_points_carry_their_exact_expected_payoffs_with_fractional_payoffs():
    """Every point's payoffs are sum_a u_i(a) mu(a), with payoffs over unlike denominators."""
    rng = random.Random(5)
    A = [[F(rng.randint(-9, 9), rng.choice([1, 2, 3, 7])) for _ in range(3)] for _ in range(3)]
    B = [[F(rng.randint(-9, 9), rng.choice([1, 5, 6])) for _ in range(3)] for _ in range(3)]
    game = Game.bimatrix(A, B)
    ce = CorrelatedEquilibria(game)
    points = list(ce.payoff_set()) + [ce.max_welfare(), ce.worst_for(0), ce.vertices()[0]]
    assert len(points) > 3
    for point in points:
        mu = point.distribution
        expected = tuple(
            sum(M[r][c] * mu[3 * r + c] for r in range(3) for c in range(3)) for M in (A, B)
        )
        assert point.payoffs == expected and all(type(v) is F for v in point.payoffs)


def _ce_check_by_definition(game, distribution, payoffs):
    """The CE conditions straight from the definition, profile by profile, in Fractions."""
    mu = [F(p) for p in distribution]
    if len(mu) != game.num_profiles:
        return [f"the distribution has {len(mu)} entries for {game.num_profiles} profiles"]
    out = []
    if any(p < 0 for p in mu):
        out.append("the distribution has a negative entry")
    if sum(mu) != 1:
        out.append(f"the distribution sums to {sum(mu)}, not 1")
    profiles = list(game.profiles())
    for i in range(game.num_players):
        for told in range(game.shape[i]):
            for dev in range(game.shape[i]):
                if dev == told:
                    continue
                gain = sum(
                    (mu[k] * (game.payoff(prof[:i] + (dev,) + prof[i + 1:])[i] - game.payoff(prof)[i])
                     for k, prof in enumerate(profiles) if prof[i] == told),
                    F(0),
                )
                if gain > 0:
                    out.append(f"player {game.players[i]} told {game.actions[i][told]} gains {gain} "
                               f"by playing {game.actions[i][dev]}")
    expected = tuple(sum((mu[k] * game.payoff(prof)[i] for k, prof in enumerate(profiles)), F(0))
                     for i in range(game.num_players))
    if tuple(F(p) for p in payoffs) != expected:
        out.append(f"the distribution pays ({', '.join(map(str, expected))}), "
                   f"not ({', '.join(map(str, payoffs))})")
    return out


@settings(max_examples=scaled(60), deadline=None)
@given(st.data())
def test_ce_check_says_what_the_definition_says(data):
    """check_correlated_equilibrium, which sums in integers over common denominators, gives
    the same messages as the definition evaluated in Fractions: on CE vertices and on
    arbitrary (also negative, or not summing to 1) distributions and payoffs."""
    from exactbargain.strategies import games

    # at most 12 profiles: the vertex enumeration below stays quick
    game = data.draw(games(players=(2, 3), actions=(1, 3), max_profiles=12,
                           payoffs=st.fractions(-3, 3, max_denominator=4)))
    N = game.num_profiles
    raw = data.draw(st.lists(st.fractions(-1, 3, max_denominator=5), min_size=N, max_size=N))
    if data.draw(st.booleans()) and sum(raw) > 0:
        raw = [p / sum(raw) for p in raw]  # sums to 1
    if data.draw(st.booleans()):
        raw = list(data.draw(st.sampled_from(CorrelatedEquilibria(game).vertices())).distribution)
    paid = tuple(sum((F(p) * game.payoff(prof)[i] for p, prof in zip(raw, game.profiles())), F(0))
                 for i in range(game.num_players))
    payoffs = paid if data.draw(st.booleans()) else tuple(v + 1 for v in paid)
    assert check_correlated_equilibrium(game, raw, payoffs) == _ce_check_by_definition(game, raw, payoffs)


# --------------------------------------------------------------------------- budgeted payoff sets
def _sandwich_budgets(game):
    """Every budget from 0 until the sandwich is complete: the complete payoff set (computed by
    the unbudgeted route), and the budgeted answers in order. Larger budgets continue on one
    object; every fifth answer is compared with a fresh object's (the sequence of LPs does not
    depend on the budget)."""
    full = CorrelatedEquilibria(game).payoff_set()
    ce = CorrelatedEquilibria(game)
    answers = []
    budget = 0
    while True:
        answer = ce.payoff_set(max_lps=budget)
        answers.append(answer)
        if budget % 5 == 0 or answer.complete:
            fresh = CorrelatedEquilibria(game).payoff_set(max_lps=budget)
            assert (fresh.gap, fresh.outer_points, [p.payoffs for p in fresh]) == \
                (answer.gap, answer.outer_points, [p.payoffs for p in answer])
            assert answer.verify(), answer.check()
        if answer.complete:
            return full, answers
        budget += 1
        assert budget < 400, "the sandwich does not finish"


def _within(point, facets):
    return all(sum(c * x for c, x in zip(normal, point)) <= bound for normal, bound in facets)


def _check_sandwich(game):
    full, answers = _sandwich_budgets(game)
    extreme = {p.payoffs for p in full}
    assert full.complete and full.gap == 0 and full.verify()
    previous = None
    for answer in answers:
        # inner ⊆ P: every inner point satisfies every facet of the complete set (exactly)
        assert all(_within(p.payoffs, full.facets) for p in answer)
        # P ⊆ outer: every extreme point of P satisfies every proved halfspace
        assert all(sum(c * x for c, x in zip(h.direction, d)) <= h.bound for h in answer.halfspaces for d in extreme)
        # the gap only shrinks, and is 0 exactly when the answer is complete
        if previous is not None:
            assert answer.gap <= previous
        previous = answer.gap
        assert (answer.gap == 0) == answer.complete
        if answer.complete:
            assert {p.payoffs for p in answer} == extreme == set(answer.outer_points)
        else:
            assert answer.gap > 0 and set(answer.outer_points) != {p.payoffs for p in answer}
    return answers


@settings(max_examples=scaled(8), deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from([(2, 2), (2, 3), (3, 3), (4, 3)]))
def test_budgeted_payoff_set_lies_between_inner_and_outer_two_players(rnd, shape):
    answers = _check_sandwich(random_game(rnd, shape))
    for answer in answers:
        # two players: the L-infinity gap is the largest excess of an outer vertex over an
        # inner edge with an L1-unit normal
        excess = max((sum(c * x for c, x in zip(normal, v)) - bound for normal, bound in answer.facets
                      for v in answer.outer_points), default=F(0))
        assert answer.gap == max(excess, F(0))


@settings(max_examples=scaled(4), deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from([(2, 2, 2), (3, 2, 2)]))
def test_budgeted_payoff_set_lies_between_inner_and_outer_three_players(rnd, shape):
    _check_sandwich(random_game(rnd, shape, -3, 3))


def test_budgeted_chicken_polygon():
    ce = CorrelatedEquilibria(CHICKEN)
    rough = ce.payoff_set(max_lps=6)
    assert not rough.complete and rough.gap == F(72, 125) and rough.lps == 6
    assert [p.payoffs for p in rough] == [(F(18, 5), F(18, 5)), (7, 2), (F(21, 4), F(21, 4)), (2, 7)]
    assert set(rough.outer_points) == {(2, F(26, 5)), (2, 7), (F(7, 2), 7), (F(26, 5), 2), (7, 2), (7, F(7, 2))}
    # the outer vertex (26/5, 2) lies 72/125 beyond the edge from (18/5, 18/5) to (7, 2),
    # -8/25 d_1 - 17/25 d_2 <= -18/5: L-infinity distance 72/125 from the inner polygon
    assert max(sum(c * x for c, x in zip(n, (F(26, 5), 2))) - b for n, b in rough.facets) == F(72, 125)
    # a larger budget continues the same sequence; a smaller one after it is its own answer
    assert ce.payoff_set(max_lps=10).complete
    again = ce.payoff_set(max_lps=6)
    assert (again.gap, again.outer_points, again.lps) == (rough.gap, rough.outer_points, 6)
    # a tolerance stops as soon as the gap is at most it
    loose = CorrelatedEquilibria(CHICKEN).payoff_set(tolerance=1)
    assert loose.gap <= 1 and not loose.complete and loose.lps < 10
    assert json_ready(rough.to_json())["gap"] == "72/125"
    assert "incomplete, gap 72/125" in str(rough)


def json_ready(doc):
    import json

    return json.loads(json.dumps(doc))


def test_budgeted_payoff_set_verify_catches_tampering():
    rough = CorrelatedEquilibria(CHICKEN).payoff_set(max_lps=6)
    import dataclasses

    h = rough.halfspaces[0]
    lower = dataclasses.replace(h, bound=h.bound - 1)
    bad = dataclasses.replace(rough, halfspaces=(lower,) + rough.halfspaces[1:])
    assert any("halfspace 1" in m for m in bad.check())
    smaller = dataclasses.replace(rough, gap=rough.gap / 2)
    assert any("the gap is 72/125" in m for m in smaller.check())
    claimed = dataclasses.replace(rough, complete=True)
    assert any("complete" in m for m in claimed.check())
    # an LP over another polytope proves nothing about the CE payoffs
    pd_point = CorrelatedEquilibria(PD).best_for(0)
    foreign = dataclasses.replace(h, point=pd_point, direction=(F(1), F(0)), bound=pd_point.value)
    assert not foreign.check()  # a true statement about the other game
    assert "halfspace 1 is about another game" in dataclasses.replace(rough, halfspaces=(foreign,)).check()
    # an objective that is not the claimed direction's
    tilted = dataclasses.replace(h, direction=(h.direction[0] + 1, h.direction[1]))
    assert any("objective" in m for m in tilted.check())


def test_budgeted_pareto_frontier_two_players():
    ce = CorrelatedEquilibria(CHICKEN)
    complete = ce.pareto_frontier()
    assert complete.complete and complete.gap == 0
    assert [p.payoffs for p in complete] == [(7, 2), (F(21, 4), F(21, 4)), (2, 7)]
    gaps = []
    for budget in range(5, 12):
        front = CorrelatedEquilibria(CHICKEN).pareto_frontier(max_lps=budget)
        gaps.append(front.gap)
        assert front.complete == (front.gap == 0)
    assert gaps == sorted(gaps, reverse=True) and gaps[0] > 0 and gaps[-1] == 0
    assert [p.payoffs for p in CorrelatedEquilibria(CHICKEN).pareto_frontier(max_lps=11)] == [p.payoffs for p in complete]


def test_budget_arguments_are_checked():
    ce = CorrelatedEquilibria(CHICKEN)
    with pytest.raises(GameError, match="max_lps"):
        ce.payoff_set(max_lps=-1)
    with pytest.raises(GameError, match="tolerance"):
        ce.payoff_set(tolerance=-1)


def test_incomplete_three_player_frontier_points_are_pareto_optimal():
    g = random_game(random.Random(5), (3, 3, 2), -9, 9)
    ce = CorrelatedEquilibria(g)
    rough = ce.payoff_set(max_lps=12)
    assert not rough.complete
    front = ce.frontier_of(rough)
    assert front.points and not front.complete and front.gap == rough.gap
    for p in front:
        constraints = [([1 if j == i else 0 for j in range(3)], ">=", p.payoffs[i]) for i in range(3)]
        assert ce.optimize([1, 1, 1], constraints=constraints).value == sum(p.payoffs)
