"""The guided path step by step, the float guide's refinement, and warm starts of the
exact simplex: a wrong float answer may cost time, never correctness."""

from __future__ import annotations

import math
import random
from fractions import Fraction as F

import flint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import exactbargain.lp.guided as guided
import exactbargain.lp.certify as lp_certify
from exactbargain.numbers import fraction_of as _fraction_of
import exactbargain.lp.sparse as lp_sparse
import exactbargain.lp.support as lp_support
from exactbargain.errors import LPError
from exactbargain.lp import LP, Basis, solve
from exactbargain.lp.simplex import compiled, simplex

from profiles import scaled
from test_lp import BEALE, _ce_lp, small_lps

pytestmark = pytest.mark.skipif(not guided.guide_available(), reason="highspy is not installed")


def _agrees_with_exact(lp, res):
    exact = solve(lp, method="exact")
    assert res.check() == []
    assert (res.status, res.value) == (exact.status, exact.value)


CHICKEN3 = ([[6, 2, 0], [7, 0, 0], [0, 0, 0]], [[6, 7, 0], [2, 0, 0], [0, 0, 0]])


def _force_step(monkeypatch, step):
    """Make the earlier steps of the guided path fail, so that ``step`` answers."""
    monkeypatch.setattr(guided, "REFINE_ROUNDS", 0)
    monkeypatch.setattr(guided, "_support_step", lambda comp, g: ("singular", None, None, guided.np.array([], dtype=int)))
    if step == "simplex":
        monkeypatch.setattr(guided, "BASIS_STEP_LIMIT", 0)


def test_support_step_answers_by_default():
    res = solve(_ce_lp(*CHICKEN3), method="guided")
    assert res.method == "guided/support" and res.value == F(21, 2) and res.verify()


def test_basis_step(monkeypatch):
    _force_step(monkeypatch, "basis")
    lp = LP.from_matrix([[1, 2], [3, 1]], "<=", [4, 6], [1, 1])
    res = solve(lp, method="guided")
    assert res.method == "guided/basis" and res.basis == Basis((0, 1), ())
    _agrees_with_exact(lp, res)


@pytest.mark.parametrize(
    "lp",
    [
        _ce_lp(*CHICKEN3),
        _ce_lp([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]),
        LP.from_matrix(BEALE["A"], "<=", BEALE["b"], BEALE["c"], sense="min"),
    ],
)
def test_exact_pivots_on_restrictions(monkeypatch, lp):
    _force_step(monkeypatch, "simplex")
    res = solve(lp, method="guided")
    assert res.method == "guided/simplex"
    assert res.basis is not None
    _agrees_with_exact(lp, res)


@settings(max_examples=scaled(40), deadline=None)
@given(small_lps(max_rows=4, max_vars=4))
def test_exact_pivots_on_restrictions_random(lp):
    with pytest.MonkeyPatch.context() as mp:
        _force_step(mp, "simplex")
        res = solve(lp, method="guided")
    _agrees_with_exact(lp, res)


@settings(max_examples=scaled(40), deadline=None)
@given(small_lps(max_rows=4, max_vars=4), st.integers(0, 2**32 - 1))
def test_a_wrong_float_guide_costs_time_not_correctness(lp, seed):
    rng = random.Random(seed)
    real_read = guided._Guide._read

    def wrong_read(self):
        ok = real_read(self)
        if self.basis is not None and self.comp.m:
            # a random basis of the right size, and random values
            k = rng.randint(0, min(self.comp.m, self.comp.n))
            cols = sorted(rng.sample(range(self.comp.n), k))
            rows = sorted(rng.sample(range(self.comp.m), k))
            self.basic_cols = guided.np.array(cols, dtype=int)
            self.nonbasic_rows = guided.np.array(rows, dtype=int)
            basic_rows = tuple(i for i in range(self.comp.m) if i not in rows)
            self.basis = Basis(tuple(cols), basic_rows)
        return ok

    def wrong_solution(self):
        return (
            [rng.uniform(-2, 2) for _ in range(self.comp.n)],
            [rng.uniform(-2, 2) for _ in range(self.comp.m)],
        )

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(guided._Guide, "_read", wrong_read)
        mp.setattr(guided._Guide, "_solution", wrong_solution)
        res = solve(lp, method="guided")
    _agrees_with_exact(lp, res)


@pytest.mark.parametrize("trouble", ["primal", "dual", "both"])
@pytest.mark.parametrize("limit", [0, 200])
def test_float_values_of_the_wrong_sign_lead_to_refinement(monkeypatch, trouble, limit):
    # pretend every round's float values break a sign: refinement runs out, then the
    # basis step (or, with limit 0, exact pivoting) answers
    monkeypatch.setattr(guided._Guide, "sign_trouble", lambda self: trouble)
    monkeypatch.setattr(guided, "REFINE_ROUNDS", 1)
    monkeypatch.setattr(guided, "BASIS_STEP_LIMIT", limit)
    lp = _ce_lp(*CHICKEN3)
    res = solve(lp, method="guided")
    assert res.method == ("guided/basis" if limit else "guided/simplex")
    _agrees_with_exact(lp, res)


@pytest.mark.parametrize("primal_only", [False, True])
def test_refinement_rounds_keep_a_certifiable_guide(primal_only):
    lp = _ce_lp(*CHICKEN3)
    g = guided._Guide(compiled(lp.data))
    assert g.run() and g.optimal
    for _ in range(3):
        assert g.refine(primal_only=primal_only)
        res = guided._support_step(g.comp, g)[0]
        assert not isinstance(res, str) and res.value == F(21, 2) and res.verify()
    assert g.p > 0  # the primal scale grew
    assert (g.extended is None) == primal_only


def test_refinement_repairs_a_perturbed_guide():
    lp = _ce_lp(*CHICKEN3)
    g = guided._Guide(compiled(lp.data))
    g.run()
    g.X = [Xj + (1 << (g.E - 20)) for Xj in g.X]  # every value off by about 1e-6
    assert g.refine()
    res = guided._support_step(g.comp, g)[0]
    assert not isinstance(res, str) and res.value == F(21, 2)


def test_without_highspy(monkeypatch):
    monkeypatch.setattr(guided, "highspy", None)
    lp = LP.from_matrix([[1]], "<=", [1], [1])
    assert solve(lp).method == "exact"
    with pytest.raises(LPError, match="highspy"):
        solve(lp, method="guided")


def test_infeasible_and_unbounded_go_through_the_guide():
    infeasible = solve(LP.from_matrix([[1, 1], [1, 1]], ["<=", ">="], [1, 2], [1, 0]), method="guided")
    unbounded = solve(LP.from_matrix([[1, -1]], "<=", [1], [1, 0]), method="guided")
    assert infeasible.status == "infeasible" and infeasible.verify()
    assert unbounded.status == "unbounded" and unbounded.verify()
    assert infeasible.method.startswith("guided/") and unbounded.method.startswith("guided/")


# ----------------------------------------------------------------------------------------
# warm starts of the exact simplex from arbitrary bases (Phase 1 repairs infeasible ones)
@settings(max_examples=scaled(60), deadline=None)
@given(small_lps(max_rows=4, max_vars=4), st.data())
def test_warm_start_from_any_basis_gives_the_same_answer(lp, data):
    d = lp.data
    m, n = d.num_rows, d.num_variables
    k = data.draw(st.integers(0, min(m, n)))
    cols = data.draw(st.lists(st.integers(0, n - 1), min_size=k, max_size=k, unique=True))
    rows = data.draw(st.lists(st.integers(0, m - 1), min_size=m - k, max_size=m - k, unique=True)) if m else []
    warm = simplex(d, start=Basis(tuple(cols), tuple(rows)))
    cold = simplex(d)
    assert warm.check() == []
    assert (warm.status, warm.value) == (cold.status, cold.value)


def test_warm_start_repairs_an_infeasible_basis():
    # x + y <= 4, x - y >= 1, y >= 1/2: the basis {x, y} with the last two rows tight is
    # feasible; with the first two tight it puts y at 3/2, fine; start from x basic in the
    # second row only and the slacks elsewhere: y = 0 violates y >= 1/2 (negative slack).
    lp = LP.from_matrix([[1, 1], [1, -1], [0, 1]], ["<=", ">=", ">="], [4, 1, "1/2"], [1, 2])
    res = simplex(lp.data, start=Basis((0,), (0, 2)))
    assert (res.status, res.value) == ("optimal", F(11, 2)) and res.verify()


def _huge_objective_lp(seed, digits):
    """A CE LP whose objective is ``N1 u_1 + N2 u_2`` with ``digits``-digit weights, as the
    facet normals of a CE payoff polytope with huge denominators are."""
    rnd = random.Random(seed)
    A = [[rnd.randint(-10, 10) for _ in range(6)] for _ in range(6)]
    B = [[rnd.randint(-10, 10) for _ in range(6)] for _ in range(6)]
    lp = _ce_lp(A, B)
    big = 10**digits
    N1, N2 = big + rnd.randint(1, big // 3), -big + rnd.randint(1, big // 3)
    lp.set_objective({f"p{i}{j}": N1 * A[i][j] + N2 * B[i][j] for i in range(6) for j in range(6)})
    return lp


@pytest.mark.parametrize("digits", [30, 400, 1500])
@pytest.mark.parametrize("seed", range(3))
def test_huge_objectives_are_certified_from_the_guide(seed, digits):
    # the float model gets the costs scaled by 2^-s and the guide keeps the duals of that
    # model, so neither the duals nor the refinement's costs leave float range
    lp = _huge_objective_lp(seed, digits)
    res = solve(lp, method="guided")
    assert res.method in ("guided/support", "guided/basis")
    _agrees_with_exact(lp, res)


def test_refinement_with_huge_costs_stays_in_float_range():
    lp = _huge_objective_lp(7, 600)
    g = guided._Guide(compiled(lp.data))
    assert g.run() and g.s > 1900
    for _ in range(2):
        assert g.refine()
        assert guided.np.all(guided.np.isfinite(g.y_float()))
        res = guided._support_step(g.comp, g)[0]
        assert not isinstance(res, str) and res.verify()
    assert res.value == solve(lp, method="exact").value


def test_objectives_over_shared_rows_warm_start_and_survive_a_spoiled_instance():
    rnd = random.Random(5)
    A = [[rnd.randint(-9, 9) for _ in range(5)] for _ in range(5)]
    B = [[rnd.randint(-9, 9) for _ in range(5)] for _ in range(5)]
    base = _ce_lp(A, B).data
    first = solve(base.with_objective([A[i][j] for i in range(5) for j in range(5)]))
    shared = base.cache["rows"]
    h = shared["highs"]  # kept for the next objective over the same rows
    second = base.with_objective([B[i][j] for i in range(5) for j in range(5)], "min")
    assert second.cache["rows"] is shared
    # spoil the kept instance: its rows now describe an empty polytope
    m = len(base.relations)
    h.changeRowsBounds(1, guided.np.array([m - 1], dtype=guided.np.int32), guided.np.array([-1.0]), guided.np.array([-1.0]))
    res = solve(second)
    assert res.method in ("guided/support", "guided/basis")
    _agrees_with_exact(second, res)
    _agrees_with_exact(base.with_objective([A[i][j] for i in range(5) for j in range(5)]), first)


@pytest.mark.parametrize("seed", range(4))
def test_rows_beyond_highs_range_still_get_a_proposed_basis(seed):
    # A payoff equality u_1 . p = v with a 40-digit denominator, as leximin faces hold them:
    # stored in integers the row's entries pass 1e40, which HiGHS refuses. A model with the
    # rows scaled by powers of two proposes the basis, and exact arithmetic certifies it.
    rnd = random.Random(seed)
    A = [[rnd.randint(-9, 9) for _ in range(5)] for _ in range(5)]
    B = [[rnd.randint(-9, 9) for _ in range(5)] for _ in range(5)]
    u1 = {f"p{i}{j}": A[i][j] for i in range(5) for j in range(5)}
    hi = _ce_lp(A, B)
    hi.set_objective(u1)
    lo = _ce_lp(A, B)
    lo.set_objective({k: -v for k, v in u1.items()})
    top, bottom = solve(hi).value, -solve(lo).value
    t = F(1, 10**40 + 3)
    lp = _ce_lp(A, B)
    lp.add_row(u1, "=", t * top + (1 - t) * bottom)
    assert max(abs(v) for nums in lp.data.row_nums for v in nums) > 10**40
    res = solve(lp, method="guided")
    assert res.method in ("guided/basis", "guided/simplex")
    _agrees_with_exact(lp, res)


# An edge normal of the 20x20 CE payoff polygon (seeded game of benchmarks/equilibria.py) whose
# float basis kept failing on the primal side: primal-only refinement never converged and the
# basis (238 columns) was past the basis step, so the LP fell to 290 s of exact pivots.
_EDGE_N1 = -int(
    "7183870696924449574224097623025519424218242220328208686294945893573299205883986771730133"
    "1373102707056576557163686932454351407728803480685006177062084637315326508440225141201612"
    "5121421832277517634712477860965276589452858543644351062950646903145114946758695579365972"
    "0473324544580109862717258222526621441480225557235236139468267162017293021612303706601372"
    "2629970589395660447192024451035615935613577027550133296278264629915571976600675113297326"
    "7258703382645998797058418873378533366661427862402641757072842599706501828813561553535220"
    "0155247303396176656144414210770214641806288111411758319019161420576715985230909636549568"
    "822217162541994792260383426901287470282575284664996811604480834198443290431377159407614"
)
_EDGE_N2 = int(
    "7454631556032325373167816429166716245389561744001935041747145073026577606475253228547849"
    "8133421788303339331101375192878093049772180289607554775306730448867447560940353611915069"
    "5312000097010815896233902370643329255246348299419300365481664330824763475752513870492174"
    "1832448196030582141563061838361142631590968039816637844734855518212472308018094168582322"
    "1942844085499110472399348175935691145885488475892170235171132618263599643826013351391492"
    "0778129631241444548642985535104123693437493436887171089185336503518555892495367326954051"
    "5777365159174549209808973072564456768075087276622089979002058210974854591719766259176727"
    "2662425531213840081251166760374178574002837255645751888019375615125207613205618523135"
)


# Another edge normal of that polygon: its dual side kept failing through every refinement
# round, and its 238-column basis, which certifies in a fraction of a second, was past the
# basis step (the exact simplex took 155 s).
_EDGE2_N1 = -int(
    "2546442051095488222388295506517001267521279148877617114710937086898918385732194586413614"
    "8322588296003286157348852130960097516212400416505272120049539316513549294055391138514882"
    "8387415429436667542519848036498388090558799967189754582877149956154585581805136739213922"
    "0254337276458794985944117154429545609655629697923700034146349531419745481491285810403633"
    "11815956567136401069191109625817120116570396709126094723254742228776421757049"
)
_EDGE2_N2 = -int(
    "6829086723220072207372437316745058485753138450226303276053586048123353688908560923528820"
    "7559045424395007673927585197897184166940644659726292377520342208571095333038137113695783"
    "0934745766643235727651004116122768073345101783028366773514116281133590723508408227540290"
    "1587360037114594923990492730730143286571802919346476811698531710277063467878556302891526"
    "9498277271200447480973804172318427761254642409056461773425364210649089639204"
)


def _polygon_game():
    from exactbargain import Game

    rnd = random.Random("2026-(20, 20)")
    return Game.from_flat([[rnd.randint(-100, 100) for _ in range(400)] for _ in range(2)], [20, 20])


@pytest.mark.parametrize("normal", [(_EDGE_N1, _EDGE_N2), (_EDGE2_N1, _EDGE2_N2)], ids=["primal", "dual"])
def test_polygon_lps_whose_refinement_stalls_are_certified_without_exact_pivots(normal):
    from exactbargain.equilibria import CorrelatedEquilibria

    point = CorrelatedEquilibria(_polygon_game()).optimize(list(normal))
    res = point.certificates[0]
    assert res.method in ("guided/support", "guided/basis")
    assert res.check() == []
    assert res.value == normal[0] * point.payoffs[0] + normal[1] * point.payoffs[1]


@pytest.mark.parametrize("value_bits", [1, 39, 40, 90, 312, 313, 700])
def test_certificate_sums_are_exact_in_int64_limbs_and_python_integers(value_bits):
    """A·x and Aᵀ·y, which every certificate check takes, equal the plain integer sums.
    Entries of 20 bits and sums of 4 terms (3 bits) leave 39 bits a value may have for
    int64 sums to be exact: up to 39 bits they are summed whole, up to 8 x 39 = 312 bits in
    39-bit limbs, and beyond that in Python integers."""
    rng = random.Random(value_bits)
    m, n, top = 4, 4, (1 << 20) - 1
    rows = [{j: rng.choice([top, -top, rng.randint(-top, top)]) for j in range(n)} for _ in range(m)]
    comp = compiled(LP.from_matrix(rows, "<=", [0] * m, [1] * n).data)
    X = [rng.choice([1, -1]) * ((1 << value_bits) - 1 - rng.randint(0, 99)) for _ in range(n)]
    Y = [rng.choice([1, -1]) * ((1 << value_bits) - 1 - rng.randint(0, 99)) for _ in range(m)]
    sp = guided._sparse(comp)
    assert sp.bits == 20 and guided._LIMBS == 8
    int64 = guided._int64_sums(sp, [0], 1, [0], [0], X, n) is not None
    assert int64 == (value_bits <= 312)
    assert guided._activities(comp, list(range(n)), X) == [
        sum(rows[i][j] * X[j] for j in range(n)) for i in range(m)
    ]
    assert guided._column_sums(comp, list(range(m)), Y) == [
        sum(rows[i][j] * Y[i] for i in range(m)) for j in range(n)
    ]


@pytest.mark.parametrize("exact_up_to", [guided._EXACT_PICK, 0])
@pytest.mark.parametrize("seed", range(6))
def test_pick_chooses_a_nonsingular_block_or_reports_rank_deficiency(monkeypatch, seed, exact_up_to):
    """Both ways of choosing (exact echelon form, float elimination) give a square block
    of full rank, and both refuse a block of lower rank than asked for."""
    monkeypatch.setattr(lp_support, "_EXACT_PICK", exact_up_to)
    rng = random.Random(seed)
    m, n, rank = 9, 7, 4 + seed % 3
    basis = [[rng.randint(-5, 5) for _ in range(n)] for _ in range(rank)]
    mix = [[rng.randint(-3, 3) for _ in range(rank)] for _ in range(m)]
    A = [[sum(mix[i][t] * basis[t][j] for t in range(rank)) for j in range(n)] for i in range(m)]
    comp = compiled(LP.from_matrix(A, "<=", [1] * m, [1] * n).data)
    rows, cols = guided.np.arange(m), guided.np.arange(n)
    for k in range(1, n + 1):
        picked = guided._pick(comp, rows, cols[:k], False)
        sub_rank = flint.fmpz_mat([row[:k] for row in A]).rank()
        if sub_rank < k:
            assert picked is None
        else:
            assert picked is not None and len(picked) == k
            assert flint.fmpz_mat([[A[i][j] for j in range(k)] for i in picked]).rank() == k
        picked = guided._pick(comp, rows[:k], cols, True)
        sub_rank = flint.fmpz_mat(A[:k]).rank()
        if sub_rank < k:
            assert picked is None
        else:
            assert picked is not None and len(picked) == k
            assert flint.fmpz_mat([[A[i][j] for j in picked] for i in range(k)]).rank() == k


@pytest.mark.parametrize("threshold", [0.0, 0.25, 1.01])
def test_blocks_are_the_same_built_dense_or_entry_by_entry(monkeypatch, threshold):
    monkeypatch.setattr(lp_sparse, "_SPARSE_BLOCK", threshold)
    rng = random.Random(7)
    rows = [{j: rng.randint(-9, 9) or 1 for j in rng.sample(range(12), 3)} for _ in range(10)]
    comp = compiled(LP.from_matrix(rows, "<=", [1] * 10, [1] * 12).data)
    chosen_rows, chosen_cols = guided.np.array([1, 4, 5, 9]), guided.np.array([0, 2, 3, 7, 11])
    lr, lc, pos = guided._sparse(comp).entries(
        chosen_rows, guided._positions(guided.np.full(12, -1, guided.np.int64), chosen_cols)
    )
    block = guided._sparse(comp).block(lr, lc, pos, (4, 5))
    assert block == flint.fmpz_mat([[rows[i].get(int(j), 0) for j in chosen_cols] for i in chosen_rows])


def test_problems_sharing_rows_reuse_their_primal_solutions(monkeypatch):
    """Two objectives optimal at the same vertex of one polytope: the second LP takes the
    vertex from the first one's solve, and its own certificate still checks."""
    calls = []
    real = guided._square_solve
    monkeypatch.setattr(lp_certify, "_RREF_PRIMAL", 0)  # every primal system through _square_solve
    monkeypatch.setattr(lp_certify, "_square_solve", lambda *a, transpose: calls.append(transpose) or real(*a, transpose=transpose))
    base = LP.from_matrix([[1, 2], [3, 1]], "<=", [4, 6], [0, 0]).data
    first = solve(base.with_objective([1, 1]), method="guided")
    second = solve(base.with_objective([2, 3]), method="guided")
    assert first.x == second.x == (F(8, 5), F(6, 5))
    assert calls == [False, True, True]  # primal and dual, then the second dual only
    assert second.check() == [] and second.value == F(34, 5)
    other = solve(LP.from_matrix([[1, 2], [3, 1]], "<=", [4, 6], [2, 3]).data, method="guided")
    assert other.x == first.x and calls[3:] == [False, True]  # other rows: solved again


def test_auto_solves_tiny_problems_exactly_and_larger_ones_through_the_guide():
    tiny = LP.from_matrix([[1, 2], [3, 1]], "<=", [4, 6], [1, 1])  # 4 entries
    assert solve(tiny).method == "exact" and solve(tiny).value == F(14, 5)
    chicken = _ce_lp(*CHICKEN3)  # 13 rows x 9 variables = 117 entries
    assert chicken.num_rows * chicken.num_variables >= guided.TINY
    assert solve(chicken).method.startswith("guided/") and solve(chicken).value == F(21, 2)


def test_small_blocks_from_dense_rows_equal_the_sparse_ones():
    """The dense-row reading of small blocks gives the entries of Â (and of its transpose)
    that the flat sparse arrays give, for numpy and list index sets alike."""
    rng = random.Random(11)
    rows = [{j: rng.randint(-9, 9) or 1 for j in rng.sample(range(9), 4)} for _ in range(8)]
    sp = guided._sparse(compiled(LP.from_matrix(rows, "<=", [1] * 8, [1] * 9).data))
    for _ in range(30):
        r = sorted(rng.sample(range(8), rng.randint(1, 6)))
        c = sorted(rng.sample(range(9), rng.randint(1, 6)))
        want = flint.fmpz_mat([[rows[i].get(j, 0) for j in c] for i in r])
        assert sp.small_block(guided.np.array(r), c) == want
        assert sp.small_block_t(r, guided.np.array(c)) == want.transpose()
    assert sp.small_block(list(range(8)), list(range(9))) is not None
    # past _SMALL_BLOCK entries: a dense matrix's blocks up to four times that, a sparse one's none
    dense = guided._sparse(compiled(LP.from_matrix([[1] * 45] * 45, "<=", [1] * 45, [1] * 45).data))
    assert dense.small_block(list(range(25)), list(range(25))) == flint.fmpz_mat([[1] * 25] * 25)
    assert dense.small_block(list(range(45)), list(range(45))) is None
    sparse = guided._sparse(compiled(LP.from_matrix([{i: 1} for i in range(25)], "<=", [1] * 25, [1] * 25).data))
    assert sparse.small_block(list(range(25)), list(range(25))) is None


def test_the_modular_pick_chooses_the_rational_pivots():
    """Rows and columns chosen by the echelon form modulo 2^61 - 1 are the pivots of the
    echelon form over Q, and their block is nonsingular; a rank-deficient block gives None."""
    rng = random.Random(12)
    for _ in range(40):
        m, n = rng.randint(2, 8), rng.randint(2, 8)
        rows = [{j: rng.randint(-30, 30) for j in range(n) if rng.random() < 0.6} or {0: 1} for _ in range(m)]
        comp = compiled(LP.from_matrix(rows, "<=", [1] * m, [1] * n).data)
        A = flint.fmpz_mat([[r.get(j, 0) for j in range(n)] for r in rows])
        for transpose in (False, True):
            k = rng.randint(1, min(m, n))
            if transpose:  # k rows, choose k of the columns
                rs, cs = guided.np.array(sorted(rng.sample(range(m), k))), guided.np.arange(n)
                block = flint.fmpz_mat([[A[i, j] for j in cs] for i in rs])
            else:  # k columns, choose k of the rows
                rs, cs = guided.np.arange(m), guided.np.array(sorted(rng.sample(range(n), k)))
                block = flint.fmpz_mat([[A[i, j] for i in rs] for j in cs])
            echelon, _, rank = block.rref()
            picked = guided._pick(comp, rs, cs, transpose)
            if rank < k:
                assert picked is None
                continue
            pivots = [next(c for c in range(echelon.ncols()) if echelon[r, c] != 0) for r in range(rank)]
            assert list(picked) == [(cs if transpose else rs)[p] for p in pivots]


def test_the_guide_reads_the_same_values_with_or_without_its_integer_grid():
    """The float values the guide chooses supports from are those of its integer grid
    ``X / 2^E``, ``Y / 2^F``, whether or not the integers were made first."""
    lp = _ce_lp(*CHICKEN3)
    lazy, eager = guided._Guide(compiled(lp.data)), guided._Guide(compiled(lp.data))
    lazy.run(warm=False)
    eager.run(warm=False)
    ints = (list(eager.X), list(eager.Y))  # reading them makes the integers
    assert all(type(v) is int for v in ints[0] + ints[1]) and any(ints[0])
    assert (lazy.x_float() == guided._ldexp_all(ints[0], -eager.E)).all()
    assert (lazy.y_float() == guided._ldexp_all(ints[1], -eager.F)).all()
    assert (eager.x_float() == lazy.x_float()).all() and lazy.X == ints[0]


def test_certificate_fractions_equal_the_standard_library_ones():
    rng = random.Random(13)
    for _ in range(300):
        p, q = rng.randint(-10**30, 10**30), rng.randint(1, 10**30)
        g = math.gcd(p, q)
        f = lp_certify._from_coprime(p // g, q // g)  # how _optimal makes them
        assert f == F(p, q) and f == _fraction_of(flint.fmpq(p, q)) and (f.numerator, f.denominator) == (F(p, q).numerator, F(p, q).denominator)
        assert hash(f) == hash(F(p, q)) and str(f) == str(F(p, q))


def test_blocked_pivoting_chooses_the_rows_of_column_by_column_elimination():
    """_pivot_rows (blocked, LAPACK-style) against the column-by-column elimination it
    replaced, on tall random integer matrices of every shape up to several panels, some
    rank-deficient: the same pivot rows, or the same refusal."""
    import numpy as np

    from exactbargain.lp.support import _PANEL, _pivot_rows

    def by_columns(dense):
        order = np.arange(dense.shape[0])
        for t in range(dense.shape[1]):
            column = np.abs(dense[t:, t])
            p = t + int(np.argmax(column))
            if column[p - t] <= 1e-12 * max(1.0, float(np.abs(dense[:, t]).max())):
                return None
            if p != t:
                dense[[t, p]] = dense[[p, t]]
                order[[t, p]] = order[[p, t]]
            below = dense[t + 1:, t] / dense[t, t]
            dense[t + 1:, t:] -= np.outer(below, dense[t, t:])
        return order

    rng = np.random.default_rng(2026)
    refused = 0
    for trial in range(250):
        n = int(rng.integers(1, 3 * _PANEL + 5))
        m = n + int(rng.integers(0, 40))
        A = rng.normal(size=(m, n)) * (rng.random((m, n)) < 0.3 + 0.7 * rng.random())
        if trial % 5 == 0 and n > 2:
            A[:, n - 1] = A[:, 0] - 3 * A[:, 1]  # rank-deficient
        old, new = by_columns(A.copy()), _pivot_rows(A.copy())
        assert (old is None) == (new is None), trial
        refused += old is None
        if old is not None:
            assert sorted(old[:n]) == sorted(new[:n]), trial
    assert 40 <= refused <= 200  # both branches are exercised
