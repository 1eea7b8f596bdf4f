"""Parametric CE floors, the n-player CoCo value, monotonicity and the egalitarian fallback, checked
against the ordinary solvers."""

from __future__ import annotations

import random
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactbargain import CorrelatedEquilibria
from exactbargain import coco as ordinary_coco
from exactbargain.parametric import ParametricGame, ce_floor, ce_optimum, coco

from profiles import scaled


def texts(pw):
    return [(str(iv), f) for iv, f in pw.rows()]


def points(pieces, lo=None, hi=None):
    """Rationals inside every piece and at its rational ends (within [lo, hi])."""
    out = set()
    for p in pieces:
        iv = p.interval
        ends = [e for e in (iv.lo, iv.hi) if isinstance(e, F)]
        out.update(e for e in ends if iv.contains(e))
        a = iv.lo if isinstance(iv.lo, F) else (min(ends) - 3 if ends else F(-3))
        b = iv.hi if isinstance(iv.hi, F) else (max(ends) + 3 if ends else F(3))
        for k in (1, 2, 5):
            x = a + (b - a) * F(k, 7)
            if iv.contains(x):
                out.add(x)
    return sorted(x for x in out if (lo is None or x >= lo) and (hi is None or x <= hi))


def affine(rng, cells):
    return [f"{rng.randint(-2, 2)} + {rng.randint(-2, 2)}*t" for _ in range(cells)]


def test_ce_floor_of_the_curse_and_of_chicken_by_hand():
    curse = ParametricGame.bimatrix([[3, 0], [5, 1], [5, 1]], [[3, 5], [0, 1], ["-t", "1 - t"]])
    floor1, floor2 = ce_floor(curse, "0:inf")
    # (K, D) is an equilibrium: the curse lowers the column's worst CE to 1 - t
    assert texts(floor1) == [("[0, inf)", "1")] and texts(floor2) == [("[0, inf)", "-t + 1")]
    chicken = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c")
    low1, low2 = ce_floor(chicken, "0:inf")
    # the worst CE for a player is the other's pure Dare equilibrium: 2 for every crash cost c >= 0
    assert texts(low1) == texts(low2) == [("[0, inf)", "2")]


@settings(max_examples=scaled(8), deadline=None)
@given(st.integers(0, 10 ** 6))
def test_random_ce_floors_and_best_match_the_ordinary_correlated_equilibria(seed):
    rng = random.Random(seed)
    shape = rng.choice([(2, 2), (2, 3), (2, 2, 2)])
    cells = 1
    for s in shape:
        cells *= s
    fam = ParametricGame([f"P{i}" for i in range(len(shape))], [[f"a{k}" for k in range(s)] for s in shape],
                         [affine(rng, cells) for _ in shape])
    floors = ce_floor(fam, "-3:3")
    best = ce_optimum(fam, str(len(shape)), "-3:3")
    for f in floors + (best,):
        assert str(f.domain) == "[-3, 3]"
    for t0 in points([p for f in floors + (best,) for p in f.pieces], F(-3), F(3)):
        ce = CorrelatedEquilibria(fam.at(t0))
        assert tuple(f(t0) for f in floors) == ce.floor(), (seed, t0)
        assert best(t0) == ce.best_for(len(shape) - 1).value, (seed, t0)


def test_three_player_coco_by_hand():
    # A alone decides between t for itself and 1 for C; B is a dummy
    three = ParametricGame(["A", "B", "C"], [["x", "y"], ["x"], ["x"]], [["t", 0], [0, 0], [0, 1]])
    values = coco(three)
    # W = max(t, 1); A's team game against {B, C} is worth val(Z_A) = max(t, -1)/2
    assert [texts(v) for v in values] == [
        [("(-inf, -1]", "0"), ("(-1, 1]", "1/2*t + 1/2"), ("(1, inf)", "t")],
        [("(-inf, inf)", "0")],
        [("(-inf, -1]", "1"), ("(-1, 1]", "-1/2*t + 1/2"), ("(1, inf)", "0")]]
    assert all(not c.check(iv) for v in values for p in v.pieces for iv, c in p.certificates)


@settings(max_examples=scaled(6), deadline=None)
@given(st.integers(0, 10 ** 6))
def test_random_three_player_coco_matches_the_ordinary_coco(seed):
    rng = random.Random(seed)
    shape = rng.choice([(2, 2, 1), (2, 2, 2)])
    cells = 1
    for s in shape:
        cells *= s
    fam = ParametricGame(["A", "B", "C"], [[f"a{k}" for k in range(s)] for s in shape],
                         [affine(rng, cells) for _ in shape])
    values = coco(fam)
    for t0 in points([p for v in values for p in v.pieces]):
        assert tuple(v(t0) for v in values) == ordinary_coco(fam.at(t0)).payoffs, (seed, t0)


LOCKED = ParametricGame.bimatrix([["-c", 7]], [["-c", 2]], actions=(["D"], ["D", "C"]), parameter="c")
FREE = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], actions=(["D", "C"], ["D", "C"]),
                               parameter="c")


def test_monotonicity_in_chicken_fails_for_every_crash_cost_from_minus_2():
    from exactbargain.axioms import monotonicity as ordinary_monotonicity
    from exactbargain.parametric import action_gain, holds, monotonicity

    # giving player 1 back the option to swerve costs it 1 under the welfare fallback for every c >= -2
    gain = action_gain("fallback:welfare", LOCKED, FREE)
    assert texts(gain) == [("(-inf, -6]", "0"), ("(-6, -9/2]", "c + 6"), ("(-9/2, -2)", "3/2"), ("[-2, inf)", "-1")]
    verdict = monotonicity("fallback:welfare", LOCKED, FREE)
    assert not verdict and str(verdict) == "fails on {-2}, e.g. at c = -2: -1 >= 0 is false"
    assert verdict.before.shape == (1, 2) and verdict.game.shape == (2, 2)
    assert ordinary_monotonicity("fallback:welfare", verdict.before, verdict.game).holds is False
    whole = holds(lambda q: gain < 0, FREE, "[-2, inf)")
    assert whole.holds and whole.verify()
    assert monotonicity("fallback:welfare", LOCKED, FREE, "(-inf, -2)").verify()
    # CoCo is monotone for every crash cost; dictator-1 too, as in the ordinary game
    for rule in ("coco", "fallback:dictator-1"):
        proof = monotonicity(rule, LOCKED, FREE)
        assert proof.holds and proof.verify()
    for c in (F(-7), F(-5), F(-2), F(0), F(100)):
        for rule in ("coco", "fallback:welfare", "fallback:dictator-2"):
            ordinary = ordinary_monotonicity(rule, LOCKED.at(c), FREE.at(c))
            assert action_gain(rule, LOCKED, FREE)(c) == ordinary.values_after[0] - ordinary.values_before[0]


def test_monotonicity_with_an_added_action_whose_payoff_is_the_parameter():
    from exactbargain.parametric import monotonicity

    locked = ParametricGame.bimatrix([[0, 7]], [[0, 2]], actions=(["D"], ["D", "C"]))
    free = ParametricGame.bimatrix([[0, 7], ["t", 6]], [[0, 2], [7, 6]], actions=(["D", "C"], ["D", "C"]))
    verdict = monotonicity("fallback:welfare", locked, free)
    assert (str(verdict.interval), verdict.witness, verdict.lhs, verdict.rhs) == ("{1/2}", F(1, 2), F(-1, 2), 0)
    later = monotonicity("fallback:welfare", locked, free, "(1/2, inf)")
    assert (str(later.interval), later.witness) == ("(1/2, 4)", F(1))


def test_holds_decides_only_on_its_domain():
    # a quantity computed on a wider domain is judged on the claim's domain alone
    from exactbargain.parametric import action_gain, holds

    gain = action_gain("fallback:welfare", LOCKED, FREE)
    assert holds(lambda q: gain < 0, FREE, "[-2, inf)").holds
    assert holds(lambda q: gain < 0, FREE, "[-3, inf)").witness == F(-3)


def test_monotonicity_refuses_families_that_do_not_add_one_action():
    import pytest

    from exactbargain.errors import GameError
    from exactbargain.parametric import monotonicity

    other = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 3], [7, 6]], actions=(["D", "C"], ["D", "C"]),
                                    parameter="c")
    with pytest.raises(GameError, match=r"the payoffs at profile \(D, C\) differ"):
        monotonicity("coco", LOCKED, other)
    with pytest.raises(GameError, match="one more action"):
        monotonicity("coco", FREE, FREE)
    with pytest.raises(GameError, match="not 'nbs'"):
        monotonicity("nbs", LOCKED, FREE)


def test_egalitarian_fallback_of_chicken_by_crash_cost():
    from exactbargain import fallback as ordinary_fallback
    from exactbargain.parametric import fallback

    chicken = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c")
    f1, f2 = fallback(chicken, "egalitarian")
    assert texts(f1) == texts(f2) == [("(-inf, -6]", "-c"), ("(-6, inf)", "6")]
    assert all(not c.check(iv) for f in (f1, f2) for p in f.pieces for iv, c in p.certificates)
    for c in (F(-7), F(-6), F(-2), F(0), F(5, 3)):
        assert (f1(c), f2(c)) == ordinary_fallback(chicken.at(c), "egalitarian").payoffs


@pytest.mark.parametrize("seed", [0])
def test_random_egalitarian_fallbacks_match_the_ordinary_fallback(seed):
    from exactbargain import fallback as ordinary_fallback
    from exactbargain.parametric import fallback

    rng = random.Random(seed)
    m, n = rng.choice([(2, 2), (2, 3), (3, 2)])
    A, B = ([[f"{rng.randint(-2, 2)} + {rng.randint(-2, 2)}*t" for _ in range(n)] for _ in range(m)] for _ in range(2))
    fam = ParametricGame.bimatrix(A, B)
    f1, f2 = fallback(fam, "egalitarian", "-3:3")
    for t0 in points([p for f in (f1, f2) for p in f.pieces], F(-3), F(3)):
        assert (f1(t0), f2(t0)) == ordinary_fallback(fam.at(t0), "egalitarian").payoffs, (seed, t0)
