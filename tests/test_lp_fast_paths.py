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


@pytest.mark.parametrize("shape", [(3, 3), (2, 2, 3), (3, 3, 3), (4, 4, 4)])
def test_blocks_cut_out_by_selection_equal_the_listed_ones(monkeypatch, shape):
    """Blocks, transposed blocks and augmented blocks of the CE matrix: the 0/1 selection
    products give the matrices read entry by entry from the dense rows."""
    from exactbargain.lp.sparse import _Sparse

    ce, rng = _ce_oracle(shape, f"select-{shape}")
    comp = compiled(ce._lp().data)
    vectors = [[rng.randint(-99, 99) for _ in range(comp.n)] for _ in range(2)]
    rhs = [[rng.randint(-99, 99) for _ in range(comp.m)]]
    for _ in range(40):
        k = rng.randint(2, min(comp.m, comp.n, 30))
        rows, cols = sorted(rng.sample(range(comp.m), k)), sorted(rng.sample(range(comp.n), k))
        out = []
        for chosen in (True, False):
            monkeypatch.setattr(_Sparse, "_selects", lambda self, a, b, chosen=chosen: chosen)
            sp = _Sparse(comp)
            out.append((sp.small_block(rows, cols), sp.small_block_t(rows, cols),
                        sp.augmented_t(rows, cols, vectors), sp.augmented(rows, cols, rhs, 0)))
        assert out[0] == out[1]
        block = out[1][0]
        assert out[1][1] == block.transpose() and block is not None
        assert out[1][3] == flint.fmpz_mat([list(r) + [rhs[0][i]] for r, i in zip(block.tolist(), rows)])


@pytest.mark.parametrize("shape", [(3, 3), (2, 2, 3), (3, 3, 3), (4, 4, 4)])
def test_primal_systems_by_echelon_form_equal_the_plain_solves(shape):
    """Random square blocks of the CE rows: ``[A | b]``'s echelon form gives the plain
    solve's ``(X, dx)``, and ``None`` exactly when the block is singular."""
    ce, rng = _ce_oracle(shape, f"primal-{shape}")
    comp = compiled(ce._lp().data)
    singular = 0
    for _ in range(60):
        k = rng.randint(2, min(comp.m, comp.n, 24))
        R = sorted(rng.sample(range(comp.m - 1), k - 1)) + [comp.m - 1]  # with sum mu = 1
        P = sorted(rng.sample(range(comp.n), k))
        fast = certify._primal_echelon(comp, R, P)
        plain = certify._square_solve(comp, np.array(R), np.array(P), [comp.b[i] for i in R], transpose=False)
        assert fast is not False and fast == plain
        singular += plain is None
    assert singular < 60


def test_payoffs_from_the_kept_integers_equal_those_from_the_fractions():
    """The CE payoffs summed over the LP's integer x equal those summed over x's fractions;
    integers kept for another tuple are not used."""
    from exactbargain.equilibria.ce_results import _payoffs

    ce, rng = _ce_oracle((3, 3, 3), "payoffs")
    table = ce._payoff_integers()
    for _ in range(20):
        w = [flint.fmpq(rng.randint(-9, 9), rng.randint(1, 5)) for _ in range(3)]
        nums, den, parts = ce._payoff_objective(w)
        result = solve(ce._lp().combination(nums, den, parts))
        kept = result.lp.cache[certify.PRIMAL_INTEGERS]
        assert kept[0] is result.x
        assert _payoffs(result.x, table, result) == _payoffs(result.x, table, None)
        other = tuple(result.x)[:-1] + (result.x[-1] + 1,)
        assert _payoffs(other, table, result) == _payoffs(other, table, None)


def test_float_costs_equal_the_one_by_one_quotients():
    """The guide's scaled costs are the floats ``c / 2^shift`` taken one by one (so HiGHS
    sees the same model), for costs short and long, and past the float range."""
    from exactbargain.lp import highs

    rng = random.Random("costs")
    base = Oracle([[1] * 6], "<=", [1], 6).data
    for bits in (5, 11, 12, 60, 300, 900, 1020, 1030, 1500):
        for _ in range(5):
            nums = [rng.choice([-1, 1]) * rng.getrandbits(rng.randint(1, bits)) for _ in range(6)]
            nums[rng.randrange(6)] = rng.choice([-1, 1]) * ((1 << (bits - 1)) | 1)
            comp = compiled(base.with_integer_objective(nums, 1))
            shift = highs._cost_shift(comp)
            want = np.array([c / (1 << shift) for c in comp.c], dtype=np.float64)
            assert np.array_equal(highs._float_costs(comp, shift), want)


def test_basis_masks_equal_the_status_values():
    """The basic masks read from a HiGHS basis are those of the statuses' values."""
    import highspy

    from exactbargain.lp import highs

    rng = random.Random("masks")
    statuses = list(highspy.HighsBasisStatus.__members__.values())
    for _ in range(20):
        hb = highspy.HighsBasis()
        hb.col_status = [rng.choice(statuses) for _ in range(rng.randint(0, 30))]
        hb.row_status = [rng.choice(statuses) for _ in range(rng.randint(0, 30))]
        basic = int(highspy.HighsBasisStatus.kBasic)
        cols, rows = highs._basic(hb)
        assert cols.tolist() == [s.value == basic for s in hb.col_status]
        assert rows.tolist() == [s.value == basic for s in hb.row_status]
