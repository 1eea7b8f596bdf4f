"""Claims (docs/theory.md §5.2 and §4, A6 and A8) about Chicken, for every value of a parameter.

1. *Crash cost.* Chicken (Aumann's 6/7/2/0) with the crash (D, D) paying (-c, -c): CoCo is
   (6, 6) for every c >= -6, so for every crash cost c > 0 the threat of crashing moves
   nothing (Z(D, D) = 0 whatever c, and W stays 12). Below -6 the crash is the best total and
   the claim fails; the solver exhibits the counterexample.
2. *A curse that copies a non-maximin action.* Add for player 1 an action K copying Swerve that
   costs player 2 t. A8's bounds say max(0, t/2 - gap) <= coco_1(G^t) - coco_1(G) <= t/2 with
   gap = val(Z) - min_b Z(C, b) = 5/2. The parametric solution shows the LOWER bound is exact
   for every t >= 0: the gain is 0 on [0, 5] and t/2 - 5/2 from t = 5 on, and it is strictly
   below t/2 for every t > 0.

3. *Monotonicity fails for a whole range of payoffs* (A6). Let both players get x from
   (Swerve, Swerve). With player 1 locked into Dare the only CE is (7, 2), so every rule gives
   (7, 2) for every x (the locked game has no (C, C) cell). Giving player 1 back Swerve lowers
   player 1's `welfare`, `random-dictator` and `dictator-2` fallback value below 7 for EVERY
   x in [0, 7), while CoCo (9/2 locked) never falls for x >= 0.

Every statement is decided by `exactbargain.parametric.holds` (piecewise optimal LP bases with
polynomial sign conditions, re-checked by sympy) and cross-checked with the library's coco()
at rational points including the breakpoints.

Run: python proofs/chicken_parametric.py   (exit 0 iff proved)
"""

from __future__ import annotations

import sys
from fractions import Fraction

from exactbargain import Game, fallback
from exactbargain.bargaining import coco
from exactbargain.parametric import ParametricGame, coco as parametric_coco, fallback as parametric_fallback, holds


def decided(label: str, result, expect: bool = True) -> bool:
    good = bool(result) == expect and (not result or result.verify())
    print(f"   {label}: {'holds' if result else 'fails'}"
          + ("" if result else f" -- {result}") + f" ({'as claimed' if good else 'NOT as claimed'})")
    return good


def crash_cost() -> bool:
    print("== Chicken with crash payoff (-c, -c) ==")
    family = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c",
                                     actions=(["D", "C"], ["D", "C"]))
    print("   " + str(family).replace("\n", "\n   "))
    c1, c2 = parametric_coco(family)
    print("   CoCo on the whole line, player 1:\n      " + str(c1).replace("\n", "\n      "))
    ok = decided("coco(G^c) = (6, 6) for every c >= -6",
                 holds(lambda q: [q.coco()[0].eq(6), q.coco()[1].eq(6)], family, "-6:inf"))
    ok &= decided("coco(G^c) = (6, 6) for every c > 0",
                  holds(lambda q: [q.coco()[0].eq(6), q.coco()[1].eq(6)], family, "(0, inf)"))
    ok &= decided("coco(G^c) = (6, 6) for every real c", holds(lambda q: q.coco()[0].eq(6), family), expect=False)
    for cv in (Fraction(-6), Fraction(0), Fraction(1, 3), Fraction(1000), Fraction(-7)):
        got = coco(family.at(cv)).payoffs
        want = (c1(cv), c2(cv))
        ok &= got == want
        print(f"   library coco at c = {cv}: {tuple(map(str, got))}; parametric: {tuple(map(str, want))}")
    return ok


def curse_of_swerve() -> bool:
    print("\n== Chicken + K (copy of Swerve for player 1, player 2 loses t) ==")
    family = ParametricGame.bimatrix([[0, 7], [2, 6], [2, 6]], [[0, 2], [7, 6], ["7 - t", "6 - t"]],
                                     actions=(["D", "C", "K"], ["D", "C"]))
    print("   " + str(family).replace("\n", "\n   "))
    c1, _ = parametric_coco(family, "0:inf")
    gain = c1 - 6
    print("   coco_1(G^t) - coco_1(G), parametric:\n      " + str(gain).replace("\n", "\n      "))
    ok = decided("gain >= 0 and gain >= t/2 - 5/2 and gain <= t/2 for t >= 0",
                 holds(lambda q: [q.coco()[0] - 6 >= 0, q.coco()[0] - 6 >= q.t / 2 - Fraction(5, 2),
                                  q.coco()[0] - 6 <= q.t / 2], family, "0:inf"))
    ok &= decided("gain = 0 for t in [0, 5]", holds(lambda q: q.coco()[0].eq(6), family, "0:5"))
    ok &= decided("gain = t/2 - 5/2 for t >= 5",
                  holds(lambda q: (q.coco()[0] - 6).eq(q.t / 2 - Fraction(5, 2)), family, "5:inf"))
    ok &= decided("gain < t/2 for t > 0", holds(lambda q: q.coco()[0] - 6 < q.t / 2, family, "(0, inf)"))
    ok &= decided("gain = t/2 for t >= 0 (as for a maximin copy)",
                  holds(lambda q: (q.coco()[0] - 6).eq(q.t / 2), family, "0:inf"), expect=False)
    for tv in (Fraction(0), Fraction(5), Fraction(4999, 1000), Fraction(5001, 1000), Fraction(1000)):
        got = coco(family.at(tv)).payoffs[0] - 6
        ok &= got == gain(tv)
        print(f"   library gain at t = {tv}: {got}; parametric: {gain(tv)}")
    return ok


def monotonicity_range() -> bool:
    print("\n== Chicken with (Swerve, Swerve) paying (x, x): locked vs free ==")
    locked = Game.bimatrix([[0, 7]], [[0, 2]])
    free = ParametricGame.bimatrix([[0, 7], [2, "x"]], [[0, 2], [7, "x"]], parameter="x",
                                   actions=(["D", "C"], ["D", "C"]))
    print("   " + str(free).replace("\n", "\n   "))
    ok = True
    for rule in ("welfare", "random-dictator", "dictator-2", "dictator-1"):
        before = fallback(locked, rule).payoffs[0]
        after = parametric_fallback(free, rule, "0:inf")[0]
        print(f"   fallback[{rule}]: locked {before}; free:\n      " + str(after).replace("\n", "\n      "))
        if rule != "dictator-1":
            ok &= before == 7
            ok &= decided(f"fallback[{rule}]_1(free) < 7 = fallback[{rule}]_1(locked) for every x in [0, 7)",
                          holds(lambda q, rule=rule: q.fallback(rule)[0] < 7, free, "[0, 7)"))
            if rule == "welfare":
                ok &= decided("... and for every x >= 0", holds(lambda q: q.fallback("welfare")[0] < 7, free, "0:inf"),
                              expect=False)
    base = coco(locked).payoffs[0]
    ok &= base == Fraction(9, 2)
    ok &= decided(f"coco_1(free) >= coco_1(locked) = {base} for every x >= 0",
                  holds(lambda q: q.coco()[0] >= base, free, "0:inf"))
    welfare = parametric_fallback(free, "welfare", "0:inf")[0]
    for xv in (Fraction(0), Fraction(6), Fraction(6999, 1000), Fraction(7)):
        got = fallback(free.at(xv), "welfare").payoffs[0]
        ok &= got == welfare(xv)
        print(f"   library fallback[welfare]_1 at x = {xv}: {got}")
    return ok


def main() -> int:
    ok = crash_cost()
    ok &= curse_of_swerve()
    ok &= monotonicity_range()
    print("RESULT:", "PROVED" if ok else "NOT PROVED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
