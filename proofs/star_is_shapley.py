"""Claim (docs/theory.md §1.6): formula (star),

    phi_i = sum_{S containing i} (n-s)!(s-1)!/n! (v(S) - v(N minus S)),

equals the Shapley value Sh_i(v) = sum_{S containing i} (n-s)!(s-1)!/n! (v(S) - v(S minus i))
for EVERY set function v with v(empty) = 0, for n = 1..5.

Proof by symbolic computation: v(S) is an independent sympy symbol for each non-empty S, so
the two sides are linear forms in 2^n - 1 unknowns; they are expanded and compared
coefficient by coefficient. The library's exact star_formula() and shapley() are then
compared on a few rational v as a consistency check of the implementation.

Run: python proofs/star_is_shapley.py   (exit 0 iff proved)
"""

from __future__ import annotations

import itertools
import math
import random
import sys
from fractions import Fraction

import sympy as sp

from exactbargain.cooperative.shapley import shapley, star_formula


def symbols(n: int) -> dict[frozenset, sp.Expr]:
    v = {frozenset(): sp.Integer(0)}
    for s in range(1, n + 1):
        for S in itertools.combinations(range(n), s):
            v[frozenset(S)] = sp.Symbol("v_" + "".join(str(k + 1) for k in S))
    return v


def main() -> int:
    ok = True
    for n in range(1, 6):
        v = symbols(n)
        N = frozenset(range(n))
        w = {s: sp.Rational(math.factorial(n - s) * math.factorial(s - 1), math.factorial(n)) for s in range(1, n + 1)}
        star, sh = [], []
        for i in range(n):
            with_i = [S for S in v if i in S]
            star.append(sp.expand(sum(w[len(S)] * (v[S] - v[N - S]) for S in with_i)))
            sh.append(sp.expand(sum(w[len(S)] * (v[S] - v[S - {i}]) for S in with_i)))
        diffs = [sp.expand(a - b) for a, b in zip(star, sh)]
        same = all(d == 0 for d in diffs)
        eff = sp.expand(sum(star) - v[N]) == 0
        ok &= same and eff
        print(f"n = {n}: {len(v) - 1} unknowns v(S); (star)_i - Sh_i expands to {diffs}; sum_i (star)_i = v(N): {eff}")
        if n == 3:
            print(f"   e.g. (star)_1 = Sh_1 = {star[0]}")
        rng = random.Random(n)
        for _ in range(3):
            table = {S: Fraction(rng.randint(-20, 20), rng.randint(1, 6)) for S in v if S}
            a, b = star_formula(table, n), shapley(table, n)
            sym = tuple(Fraction(str(e.subs({v[S]: sp.Rational(x.numerator, x.denominator) for S, x in table.items()})))
                        for e in star)
            good = a == b == sym
            ok &= good
        print(f"   library star_formula == shapley == symbolic on 3 random rational v: {good}")
    print("Why (by hand): both sums split into a positive part sum_{S containing i} w_|S| v(S), identical, and a")
    print("negative part in which v(T) for T not containing i carries weight w_{n-|T|} in (star) (T = N minus S)")
    print("and w_{|T|+1} in Sh (T = S minus i); both equal |T|!(n-|T|-1)!/n!.")
    print("RESULT:", "PROVED" if ok else "NOT PROVED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
