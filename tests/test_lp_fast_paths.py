"""The faster routes of the exact LP layer against the routes they replace, on random
inputs: the dual systems solved through an objective's parts, and the conversions of a
certificate."""

from __future__ import annotations

import random

import flint
import numpy as np
import pytest

import exactbargain.lp.certify as certify
from exactbargain.equilibria import CorrelatedEquilibria
from exactbargain.game import Game
from exactbargain.lp import solve
from exactbargain.lp.oracle import Oracle
from exactbargain.lp.simplex import compiled
from exactbargain.lp.sparse import _sparse


def _ce_oracle(shape, seed):
    rng = random.Random(seed)
    size = int(np.prod(shape))
    game = Game.from_flat([[rng.randint(-30, 30) for _ in range(size)] for _ in shape], list(shape))
    return CorrelatedEquilibria(game), rng


@pytest.mark.parametrize("rref_lines", [0, 26, 1000])
@pytest.mark.parametrize("shape", [(3, 3), (2, 2, 3), (3, 3, 3)])
def test_dual_systems_through_the_parts_equal_the_plain_solves(monkeypatch, shape, rref_lines):
    """Random square blocks of the CE rows, random long combinations of the payoffs: the
    parts' route (echelon form or solve) gives the plain solve's ``(Z, den)``, and
    ``None`` exactly when the block is singular."""
    monkeypatch.setattr(certify, "_RREF_LINES", rref_lines)
    ce, rng = _ce_oracle(shape, f"parts-{shape}")
    oracle = ce._lp()
    taken = singular = 0
    for _ in range(60):
        weights = [rng.randint(-(1 << 300), 1 << 300) or 1 for _ in shape]
        nums, den, parts = ce._payoff_objective([flint.fmpq(w, rng.randint(1, 1 << 40)) for w in weights])
        problem = oracle.combination(nums, den, parts, rng.choice(["max", "min"]))
        comp = compiled(problem)
        k = rng.randint(2, min(comp.m, comp.n))
        D = sorted(rng.sample(range(comp.m), k))
        C = sorted(rng.sample(range(comp.n), k))
        fast = certify._parts_solve(comp, D, C, *problem.cache[certify.OBJECTIVE_PARTS])
        plain = certify._square_solve(comp, np.array(D), np.array(C), [comp.c[j] for j in C], transpose=True)
        assert fast is not False
        assert fast == plain
        taken += 1
        singular += plain is None
    assert taken == 60 and 0 < singular < 60


def test_parts_that_do_not_give_the_objective_are_not_used():
    """A hint that does not add up to the objective is ignored (the plain solve answers)."""
    ce, rng = _ce_oracle((3, 3), "bad-parts")
    nums, den, parts = ce._payoff_objective([flint.fmpq(1), flint.fmpq(2)])
    problem = ce._lp().combination(nums, den, [(parts[0][0] + 1, parts[0][1]), parts[1]])
    comp = compiled(problem)
    D, C = [0, 1, 2], [0, 4, 8]
    assert certify._parts_solve(comp, D, C, *problem.cache[certify.OBJECTIVE_PARTS]) is False
    assert certify._dual_solve(comp, np.array(D), np.array(C)) == certify._square_solve(
        comp, np.array(D), np.array(C), [comp.c[j] for j in C], transpose=True)
    assert solve(problem).value == solve(ce._lp().data.with_integer_objective(nums, den)).value


def test_a_combination_query_is_the_integer_objective_query():
    """The same LP, the same certified answer, with or without its parts."""
    ce, rng = _ce_oracle((2, 2, 3), "combination")
    for _ in range(10):
        nums, den, parts = ce._payoff_objective([flint.fmpq(rng.randint(-50, 50)) for _ in range(3)])
        with_parts = ce._lp().combination(nums, den, parts)
        plain = ce._lp().data.with_integer_objective(nums, den)
        assert with_parts == plain
        a, b = solve(with_parts), solve(plain)
        assert (a.value, a.x, a.y) == (b.value, b.x, b.y) and a.verify()
