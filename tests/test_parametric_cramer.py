"""The parametric basic solution: Cramer numerators from one fraction-free elimination equal the
determinants that define them, a basis costs one determinant, and the egalitarian fallback of
random 3x3 families (many such bases) agrees with the ordinary fallback, certificates checked."""

from __future__ import annotations

import random
from fractions import Fraction as F

import flint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactbargain import fallback as ordinary_fallback
from exactbargain.parametric import ParametricGame, fallback
from exactbargain.parametric import plp
from exactbargain.parametric.algebraic import poly_of, real_roots, roots_of_factors

from profiles import scaled

Poly = flint.fmpq_poly


def by_determinants(B, rhs):
    """Cramer's rule as defined: ``det(B with column i replaced by rhs)``, written out here."""
    out = []
    for i in range(len(B)):
        out.append(plp._det([row[:i] + [r] + row[i + 1:] for row, r in zip(B, rhs)]))
    return out


polys = st.one_of(st.just(Poly([])), st.lists(st.integers(-3, 3), min_size=1, max_size=3).map(Poly))


@settings(max_examples=scaled(200), deadline=None)
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(st.lists(st.lists(polys, min_size=n, max_size=n),
                                                               min_size=n, max_size=n),
                                                      st.lists(polys, min_size=n, max_size=n))))
def test_cramer_numerators_equal_the_determinants(system):
    B, rhs = system
    assert plp._cramer(B, rhs) == by_determinants(B, rhs)


def test_cramer_with_a_pivot_swap_and_a_singular_matrix():
    t = Poly([0, 1])
    B = [[Poly([]), Poly([1])], [t, Poly([2])]]          # zero first pivot: rows swap, det = -t
    assert plp._cramer(B, [Poly([1]), Poly([3])]) == [Poly([-1]), -t] == by_determinants(B, [Poly([1]), Poly([3])])
    S = [[t, t], [Poly([1]), Poly([1])]]                 # singular: the determinants themselves
    assert plp._cramer(S, [Poly([1]), Poly([0])]) == by_determinants(S, [Poly([1]), Poly([0])]) == [Poly([1]), Poly([-1])]


def test_a_basis_costs_one_determinant(monkeypatch):
    """The basic solution and the duals come from evaluation and interpolation (or, failing
    that, eliminations), not from one determinant per basic column and per dual (twice the
    rows plus one: 27 for this 13-row LP)."""
    rng = random.Random(22)
    A, B = ([[f"{rng.randint(-2, 2)} + {rng.randint(-2, 2)}*t" for _ in range(3)] for _ in range(3)] for _ in range(2))
    family = ParametricGame.bimatrix(A, B)
    from exactbargain.parametric.selection import _ce_lp

    lp = _ce_lp(family, [], {k: p for k, p in enumerate(family.payoffs[0])}, "max")
    calls = []
    det = plp._det
    monkeypatch.setattr(plp, "_det", lambda M: calls.append(len(M)) or det(M))
    cert = plp.basis_at(lp, F(1, 3))
    assert len(lp.rows) == 13 and len(calls) <= 1
    assert not cert.check(plp.component(cert, F(1, 3)))


def test_roots_of_known_factors_are_the_roots_of_their_product():
    p = poly_of([-2, 0, 1]) * poly_of([-1, 3]) * poly_of([1, 0, 0, 1, 1])
    from exactbargain.parametric.algebraic import irreducible_factors

    mine, theirs = roots_of_factors(irreducible_factors(p)), real_roots(p)
    assert [str(x) for x in mine] == [str(x) for x in theirs]
    assert [str(x) for x in mine][1] == "1/3" and len(mine) == 3


def family_3x3(seed: int) -> ParametricGame:
    rng = random.Random(seed)
    A, B = ([[f"{rng.randint(-2, 2)} + {rng.randint(-2, 2)}*t" for _ in range(3)] for _ in range(3)] for _ in range(2))
    return ParametricGame.bimatrix(A, B)


@pytest.mark.parametrize("seed", [12, 13, 16, 21])
def test_random_3x3_egalitarian_fallbacks_match_the_ordinary_fallback(seed):
    family = family_3x3(seed)
    f1, f2 = fallback(family, "egalitarian", "-3:3")
    for p in f1.pieces:
        iv = p.interval
        inside = [iv.sample()] + [e for e in (iv.lo, iv.hi) if isinstance(e, F) and iv.contains(e)]
        for t0 in inside:
            assert (f1(t0), f2(t0)) == ordinary_fallback(family.at(t0), "egalitarian").payoffs, (seed, t0)


@pytest.mark.slow
def test_the_certificates_of_a_random_3x3_egalitarian_fallback_verify():
    f1, f2 = fallback(family_3x3(16), "egalitarian", "-3:3")
    distinct = {(id(c), str(iv)): (iv, c) for f in (f1, f2) for p in f.pieces for iv, c in p.certificates}
    assert len(distinct) == 66
    assert all(not c.check(iv) for iv, c in distinct.values())
