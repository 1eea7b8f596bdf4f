"""Claim (docs/theory.md §4, A8): an indifferent curse of size t is worth exactly t/2 to the curser
under CoCo, for EVERY t >= 0.

Two parametric games, with t a sympy symbol:

* the trivial game (one action each, payoffs (0, 0)) plus a curse K: (0, -t);
* the Prisoner's Dilemma plus K = a copy of Defect for player 1 that costs player 2 t.

For each, CoCo's competitive value is val(Z), Z = (u_1 - u_2)/2, the optimum of the LP

    maximise v   s.t.   sum_a x_a Z[a, b] - v - s_b = 0  (each column b),  sum_a x_a = 1,
                        x >= 0, s >= 0, v free.

We exhibit an optimal basis and prove symbolically that it is primal feasible (basic
variables >= 0) and dual feasible (reduced costs <= 0 in a maximisation) for all t >= 0, so
val(Z) is the basic solution's objective for all t >= 0. Together with W(G^t) (a maximum of
linear functions of t, decided for all t >= 0) this gives CoCo(G^t) in closed form; the gain
over CoCo(G) is t/2. The library's exact coco() is then compared at several values of t.

Run: python proofs/coco_curse_half.py   (exit 0 iff proved)
"""

from __future__ import annotations

import sys
from fractions import Fraction

import sympy as sp

from exactbargain import Game
from exactbargain.bargaining import coco

t = sp.Symbol("t", real=True)
NONNEG = sp.Interval(0, sp.oo)


def nonneg_for_all_t(expr: sp.Expr) -> bool:
    """expr >= 0 for every t >= 0 (decided by sympy's exact univariate solver)."""
    bad = sp.solveset(sp.simplify(expr) < 0, t, sp.S.Reals).intersect(NONNEG)
    return bad == sp.S.EmptySet


def prove(name: str, A: list[list], B: list[list], basis: list[str]) -> bool:
    print(f"== {name} ==")
    base = coco(Game.bimatrix(A[:-1], B[:-1]))
    base_coco = base.payoffs
    print(f"CoCo of the game without the curse (library, certificates verify: {base.verify()}): "
          f"({', '.join(map(str, base_coco))})")
    rows, cols = len(A), len(A[0])
    Z = sp.Matrix(rows, cols, lambda a, b: sp.Rational(1, 2) * (A[a][b] - B[a][b]))
    print("payoffs (u1, u2), rows = player 1:")
    for a in range(rows):
        print("   ", "  ".join(f"({sp.sstr(A[a][b])}, {sp.sstr(B[a][b])})" for b in range(cols)))
    print(f"Z = (u1 - u2)/2 = {Z.tolist()}")
    # Standard form: variables x_0..x_{rows-1}, v, s_0..s_{cols-1}; v free.
    names = [f"x{a}" for a in range(rows)] + ["v"] + [f"s{b}" for b in range(cols)]
    M = sp.zeros(cols + 1, len(names))
    rhs = sp.zeros(cols + 1, 1)
    for b in range(cols):
        for a in range(rows):
            M[b, a] = Z[a, b]
        M[b, rows] = -1
        M[b, rows + 1 + b] = -1
    for a in range(rows):
        M[cols, a] = 1
    rhs[cols] = 1
    c = sp.Matrix([0] * rows + [1] + [0] * cols)
    idx = [names.index(v) for v in basis]
    Bm = M[:, idx]
    det = sp.simplify(Bm.det())
    print(f"basis {basis}; det(B) = {det}")
    ok = det != 0 and sp.simplify(det).free_symbols == set()
    xB = sp.simplify(Bm.inv() * rhs)
    y = sp.simplify((c[idx, :].T * Bm.inv()))
    value = sp.simplify((c[idx, :].T * xB)[0])
    print("primal basic solution: " + ", ".join(f"{v} = {sp.sstr(xB[k])}" for k, v in enumerate(basis)))
    for k, v in enumerate(basis):
        if v == "v":
            continue
        good = nonneg_for_all_t(xB[k])
        ok &= good
        print(f"   {v} = {sp.sstr(xB[k])} >= 0 for all t >= 0: {good}")
    print(f"dual y = {sp.sstr(y)}")
    for j, v in enumerate(names):
        if j in idx:
            continue
        reduced = sp.simplify(c[j] - (y * M[:, j])[0])
        good = nonneg_for_all_t(-reduced)
        ok &= good
        print(f"   reduced cost of {v}: {sp.sstr(reduced)} <= 0 for all t >= 0: {good}")
    print(f"val(Z) = {sp.sstr(value)} for all t >= 0 (optimal basis)")
    totals = [A[a][b] + B[a][b] for a in range(rows) for b in range(cols)]
    W = sp.Max(*totals)
    W0 = max(tt for tt in totals if not sp.sympify(tt).free_symbols)
    wins = all(nonneg_for_all_t(W0 - tt) for tt in totals)
    ok &= wins
    print(f"W(G^t) = max{tuple(sp.sstr(x) for x in totals)} = {W0} for all t >= 0: {wins}")
    closed = (sp.Rational(W0, 2) + value, sp.Rational(W0, 2) - value)
    print(f"CoCo(G^t) = (W/2 + val, W/2 - val) = ({sp.sstr(closed[0])}, {sp.sstr(closed[1])})")
    gain = sp.simplify(closed[0] - base_coco[0])
    good = sp.simplify(gain - t / 2) == 0
    ok &= good
    print(f"CoCo(G) = {base_coco}; gain of the curser = {sp.sstr(gain)} = t/2: {good}")
    for tv in (Fraction(0), Fraction(1), Fraction(7, 3), Fraction(1000)):
        g = Game.bimatrix([[Fraction(str(sp.sympify(x).subs(t, sp.Rational(tv.numerator, tv.denominator)))) for x in r] for r in A],
                          [[Fraction(str(sp.sympify(x).subs(t, sp.Rational(tv.numerator, tv.denominator)))) for x in r] for r in B])
        got = coco(g)
        want = tuple(Fraction(str(e.subs(t, sp.Rational(tv.numerator, tv.denominator)))) for e in closed)
        match = got.payoffs == want and got.verify()
        ok &= match
        print(f"   library coco at t = {tv}: {tuple(str(x) for x in got.payoffs)} (closed form {tuple(str(x) for x in want)}; "
              f"certificates verify: {got.verify()}): {match}")
    print(f"{name}: {'PROVED' if ok else 'NOT PROVED'}\n")
    return ok


def main() -> int:
    print("Claim: for every t >= 0, an indifferent curse of size t (a copy, for the curser, of a pure maximin")
    print("action a of Z = (u1 - u2)/2, that lowers the other player's payoff by t everywhere) raises the")
    print("curser's CoCo value by exactly t/2. Shown symbolically in t on two parametric games; the general")
    print("argument is printed at the end.\n")
    ok = prove("trivial game + indifferent curse", [[0], [0]], [[0], [-t]], ["x1", "v"])
    ok &= prove("Prisoner's Dilemma + K (copy of Defect, player 2 loses t)",
                [[3, 0], [5, 1], [5, 1]], [[3, 5], [0, 1], [-t, 1 - t]], ["x2", "v", "s0"])
    print("Why the basis is optimal: a basic solution that is primal feasible and whose reduced costs are all <= 0")
    print("(maximisation) is optimal by LP duality; both conditions were decided above for every t >= 0.")
    print("General argument (docs/theory.md §4, A8): W is unchanged (the new cells total less than the copied ones).")
    print("The new row of Z is row a plus t/2. Lower bound: playing K guarantees min_b Z(a, b) + t/2 = val(Z) + t/2")
    print("because a is a pure maximin action. Upper bound: every row of the new Z is at most some old row plus t/2,")
    print("so the column player's old optimal strategy holds player 1 to val(Z) + t/2. Hence val rises by exactly t/2.")
    print("RESULT:", "PROVED" if ok else "NOT PROVED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
