"""The reusable LP oracle (one polyhedron, many objectives) and the float guide's route from
warm simplex to the interior-point method: answers equal to cold solves, certificates that
verify, and tampered certificates that do not."""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction as F

import flint
import pytest

import exactbargain.lp.highs as lp_highs
from exactbargain.equilibria import CorrelatedEquilibria
from exactbargain.errors import LPError, SolverError
from exactbargain.game import Game
from exactbargain.lp import LP, OptimalityCertificate, solve, verify
from exactbargain.lp.oracle import Oracle

highspy = pytest.importorskip("highspy")


def _random_game(rng: random.Random, shape: tuple[int, ...], bound: int = 9) -> Game:
    size = 1
    for m in shape:
        size *= m
    return Game.from_flat([[rng.randint(-bound, bound) for _ in range(size)] for _ in shape], list(shape))


def _cold(ce: CorrelatedEquilibria, direction, sense):
    """The same LP built from scratch, sharing nothing with any other problem."""
    coefs = ce._objective_coefficients(list(direction))
    N = ce.game.num_profiles
    rows = list(ce._int_rows) + [[1] * N]
    lp = LP.from_matrix(rows, [">="] * (len(rows) - 1) + ["="], [0] * (len(rows) - 1) + [1],
                        {k: c for k, c in enumerate(coefs) if c} or [0] * N, sense=sense)
    return solve(lp.data)


def _directions(rng: random.Random, n: int, count: int):
    yield (1,) * n
    for i in range(n):
        yield tuple(int(j == i) for j in range(n))
    for _ in range(count):
        yield tuple(F(rng.randint(-997, 997), rng.randint(1, 97)) for _ in range(n))


def _payoffs(ce: CorrelatedEquilibria, x):
    return ce._point(x, [], []).payoffs


@pytest.mark.parametrize("shape", [(3, 3), (4, 3), (5, 5), (2, 2, 2), (3, 2, 2), (3, 3, 3)])
def test_warm_oracle_answers_equal_cold_solves(shape):
    """Value, certificate and the payoff point of each optimum (the payoff face of a
    generic random direction is one point) agree with a solve that shares nothing."""
    rng = random.Random(f"oracle-{shape}")
    for _ in range(4):
        ce = CorrelatedEquilibria(_random_game(rng, shape, 100))
        for k, direction in enumerate(_directions(rng, len(shape), 6)):
            for sense in ("max", "min"):
                warm = ce._query(tuple(F(v) for v in direction), sense)
                cold = _cold(ce, direction, sense)
                assert warm.value == cold.value
                assert warm.verify() and cold.verify()
                assert verify(warm.certificates[0])
                if k > len(shape):  # a random direction: its payoff face is one point
                    assert warm.payoffs == _payoffs(ce, cold.x)


def test_complete_payoff_sets_equal_cold_ones():
    """The complete payoff set through the warm oracle has the same extreme points as the one
    the exact simplex finds (no float guide, nothing warm), and each of its halfspaces is the
    optimum of a cold LP."""
    rng = random.Random("oracle-sets")
    for shape in [(3, 3), (4, 4), (2, 2, 2), (3, 2, 2)]:
        for _ in range(3):
            game = _random_game(rng, shape)
            ce = CorrelatedEquilibria(game, method="guided")
            payoffs = ce.payoff_set()
            assert payoffs.complete and payoffs.verify()
            reference = CorrelatedEquilibria(game, method="exact").payoff_set()
            assert sorted(p.payoffs for p in payoffs) == sorted(p.payoffs for p in reference)
            for half in payoffs.halfspaces:
                assert _cold(ce, half.direction, "max").value == half.bound


def test_a_tampered_certificate_from_the_oracle_fails_verify():
    rng = random.Random("oracle-tamper")
    ce = CorrelatedEquilibria(_random_game(rng, (4, 4)))
    res = ce.max_welfare().certificates[0]
    assert verify(res)
    x, y = list(res.x), list(res.y)
    support = next(j for j, v in enumerate(x) if v)
    x[support] += F(1, 7)
    bad_x = dataclasses.replace(res, x=tuple(x), certificate=OptimalityCertificate(tuple(x), res.y))
    assert not verify(bad_x)
    row = next(i for i, v in enumerate(y) if v)
    y[row] += F(1, 3)
    bad_y = dataclasses.replace(res, y=tuple(y), certificate=OptimalityCertificate(res.x, tuple(y)))
    assert not verify(bad_y)
    assert not verify(dataclasses.replace(res, value=res.value + F(1, 1000)))


def test_oracle_queries_share_the_rows_and_count():
    oracle = Oracle([[1, 2], [3, 1]], "<=", [4, 6], 2)
    assert oracle.optimize([1, 1]).value == F(14, 5)
    assert oracle.optimize({0: 1}).value == 2
    assert oracle.optimize([1, 1], "min").value == 0
    assert oracle.lps == 3
    first, second = oracle.problem([1, 0]), oracle.problem([0, 1])
    assert first.cache.get("rows") is not None or first.num_rows == second.num_rows


def test_oracle_refuses_what_it_cannot_answer():
    with pytest.raises(LPError, match="method"):
        Oracle([[1]], "<=", [1], 1, method="fast")
    with pytest.raises(LPError, match="row"):
        Oracle([], "<=", [], 1)
    with pytest.raises(SolverError, match="unbounded"):
        Oracle([[1, -1]], "<=", [1], 2).optimize([1, 1])
    with pytest.raises(SolverError, match="infeasible"):
        Oracle([[1], [1]], ["<=", ">="], [1, 2], 1).optimize([1])


def _count_ipm(monkeypatch):
    runs = []
    original = lp_highs._guide_highs

    def counting():
        h = original()
        real_run = h.run

        def run():
            runs.append(h.getOptionValue("solver")[1])
            return real_run()

        h.run = run
        return h

    monkeypatch.setattr(lp_highs, "_guide_highs", counting)
    return runs


def test_simplex_limit_grows_with_the_problem():
    assert lp_highs._simplex_limit(10, 10) == lp_highs._SIMPLEX_FLOOR
    assert lp_highs._simplex_limit(10**5, 6 * 10**4) == (10**5 + 6 * 10**4) // lp_highs._SIMPLEX_SHARE


@pytest.mark.parametrize("shape", [(4, 4), (3, 3, 2)])
def test_the_interior_point_route_gives_the_same_certified_answers(monkeypatch, shape):
    """With a simplex limit of one iteration every LP past its first pivot goes to the
    interior-point method; the answers are the same values, and they verify."""
    monkeypatch.setattr(lp_highs, "_SIMPLEX_FLOOR", 1)
    monkeypatch.setattr(lp_highs, "_SIMPLEX_SHARE", 10**9)
    runs = _count_ipm(monkeypatch)
    rng = random.Random(f"ipm-{shape}")
    for _ in range(3):
        ce = CorrelatedEquilibria(_random_game(rng, shape), method="guided")
        for direction in _directions(rng, len(shape), 4):
            warm = ce._query(tuple(F(v) for v in direction), "max")
            assert warm.value == _cold(ce, direction, "max").value
            assert warm.verify()
    assert "ipm" in runs


def test_a_query_starts_from_the_basis_of_the_nearest_earlier_direction(monkeypatch):
    """After a jump to the opposite direction, asking the first direction again starts from
    its own optimal basis (no simplex iteration), not from the last basis; the answers are
    those of cold solves."""
    game = _random_game(random.Random("nearest-basis"), (8, 8), bound=50)
    ce = CorrelatedEquilibria(game)
    oracle = ce._lp()
    iterations = []
    original = highspy.Highs.run

    def run(h, *args, **kwargs):
        status = original(h, *args, **kwargs)
        iterations.append(h.getInfo().simplex_iteration_count)
        return status

    monkeypatch.setattr(highspy.Highs, "run", run)
    welfare = ce._objective_coefficients([1, 1])
    first = oracle.optimize(welfare, "max")
    oracle.optimize(welfare, "min")          # the far side of the polytope
    del iterations[:]
    again = oracle.optimize(welfare, "max")
    assert iterations and iterations[0] == 0
    assert again.value == first.value == _cold(ce, [1, 1], "max").value and again.verify()


def test_integer_objective_states_the_same_lp_as_the_coefficients():
    """The payoff objective built in integers over one denominator is the LP the fmpq
    coefficients state (equal snapshots, sense included), with fractional payoffs and weights,
    zero weights and the zero objective; bad integer objectives are refused."""
    rng = random.Random("integer-objective")
    for shape in [(3, 3), (2, 3, 2)]:
        size = 1
        for m in shape:
            size *= m
        payoffs = [[F(rng.randint(-50, 50), rng.randint(1, 12)) for _ in range(size)] for _ in shape]
        ce = CorrelatedEquilibria(Game.from_flat(payoffs, list(shape)))
        weights = [[F(rng.randint(-9, 9), rng.randint(1, 7)) for _ in shape] for _ in range(40)]
        weights += [[0] * len(shape), [0] + [F(3, 4)] * (len(shape) - 1)]
        for w in weights:
            nums, den, _ = ce._payoff_objective(ce._weights(w))
            for sense in ("max", "min"):
                fast = ce._lp().data.with_integer_objective(nums, den, sense)
                assert fast == ce._lp().problem(ce._objective_coefficients(w), sense)
                assert fast.obj_den > 0 and all(fast.obj_nums)
    base = Oracle([[1, 1]], "<=", [4], 2).data
    assert base.with_integer_objective([6, 0], 4).obj_nums == (3,)
    for nums, den, sense in [([1], 1, "max"), ([1, 2], 0, "max"), ([1, 2.0], 1, "max"), ([1, 2], 1, "up")]:
        with pytest.raises(LPError):
            base.with_integer_objective(nums, den, sense)


def test_row_caches_belong_to_their_rows(monkeypatch):
    """Two CE polytopes of the same shape queried in turn, with the primal cache shrunk so
    that it evicts: every answer is its own polytope's optimum (equal to a cold solve) and
    verifies, the shared caches (compiled rows, dense rows, primal solutions and row choices)
    hold only their own rows' data, and an objective change on a remembered vertex still
    gets its own dual."""
    import exactbargain.lp.certify as lp_certify
    from exactbargain.lp.sparse import _sparse
    from exactbargain.lp.simplex import compiled

    monkeypatch.setattr(lp_certify, "_PRIMAL_CACHE", 3)
    monkeypatch.setattr(lp_certify, "_PRIMAL_BYTES", 1)
    rng = random.Random("row-caches")
    polytopes = [CorrelatedEquilibria(_random_game(rng, (3, 3), 20)) for _ in range(2)]
    directions = list(_directions(rng, 2, 12))
    for direction in directions + directions[::-1]:
        for ce in polytopes:
            for sense in ("max", "min"):
                warm = ce.optimize(list(direction), sense=sense)
                assert warm.value == _cold(ce, direction, sense).value and warm.verify()
    for ce in polytopes:
        data = ce._lp().data
        shared = data.cache["rows"]
        assert len(shared["primal"]) <= 3 and len(shared["primal_rows"]) <= 3
        comp = compiled(data.with_integer_objective([1] * 9, 1))
        assert comp.rows == list(zip(data.row_cols, data.row_nums)) and comp.b == list(data.rhs)
        sp = _sparse(comp)
        assert sp.small_block(list(range(data.num_rows)), list(range(9))) == flint.fmpz_mat(
            [[dict(zip(cols, nums)).get(j, 0) for j in range(9)] for cols, nums in zip(data.row_cols, data.row_nums)])
    other = LP.from_matrix([[1, 2], [3, 1]], "<=", [4, 6], [1, 1]).data
    assert "compiled_rows" not in other.cache.get("rows", {})  # rows of its own: nothing shared
    # a vertex met again under another objective: the primal side is remembered, the dual is not
    base = LP.from_matrix([[1, 2], [3, 1]], "<=", [4, 6], [0, 0]).data
    first, second = solve(base.with_objective([1, 1])), solve(base.with_objective([2, 3]))
    assert first.x == second.x == (F(8, 5), F(6, 5)) and first.y != second.y
    assert first.verify() and second.verify() and second.value == F(34, 5)


def test_a_query_far_from_every_earlier_direction_hands_over_sooner(monkeypatch):
    """A direction more than 60 degrees from every direction met so far gets an eighth of
    the simplex iteration limit before the interior-point method takes over; a near one the
    whole limit. Answers are those of cold solves either way."""
    game = _random_game(random.Random("far-basis"), (8, 8), bound=50)
    ce = CorrelatedEquilibria(game)
    oracle = ce._lp()
    limits = []
    original = highspy.Highs.run

    def run(h, *args, **kwargs):
        limits.append(h.getOptionValue("simplex_iteration_limit")[1])
        return original(h, *args, **kwargs)

    monkeypatch.setattr(highspy.Highs, "run", run)
    m, n = len(ce._int_rows) + 1, game.num_profiles
    full, far = lp_highs._simplex_limit(m, n), lp_highs._simplex_limit(m, n, far=True)
    assert far == full // 8 < full
    welfare = ce._objective_coefficients([1, 1])
    oracle.optimize(welfare, "max")
    assert limits[0] == full  # nothing met before: not far
    del limits[:]
    low = oracle.optimize(welfare, "min")  # opposite to the only direction met
    assert limits[0] == far
    del limits[:]
    near = oracle.optimize(ce._objective_coefficients([2, 1]), "max")  # 18 degrees from welfare
    assert limits[0] == full
    assert low.value == _cold(ce, [1, 1], "min").value and near.value == _cold(ce, [2, 1], "max").value
