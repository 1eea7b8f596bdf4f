"""Claim (docs/theory.md §4, A8): the fallback rules `welfare`, `dictator-1`, `dictator-2` and
`random-dictator` are invariant to a uniform curse of ANY size t >= 0, while CoCo is not.

A uniform curse K copies an action a of player 1 and lowers player 2's payoff by t in every
column. For each game below the parametric solver computes the two-player fallback value for
every t >= 0 (lexicographic LPs over the CE polytope, each piece with its optimal bases and
polynomial sign conditions) and `holds` decides f(G^t) = f(G) for every t >= 0, where f(G) is
the library's ordinary fallback of the game without K. CoCo's gain is decided the same way.
Every proof is re-checked (sympy re-derivation of each basis, exact signs).

Run: python proofs/curse_fallback_invariance.py   (exit 0 iff proved)
"""

from __future__ import annotations

import sys
import time

from exactbargain import Game, fallback
from exactbargain.parametric import ParametricGame, holds

RULES = ("welfare", "dictator-1", "dictator-2", "random-dictator")

GAMES = [
    # name, A, B of the game without the curse, the copied row
    ("trivial game, K copies its only action", [[0]], [[0]], 0),
    ("Prisoner's Dilemma, K copies Defect", [[3, 0], [5, 1]], [[3, 5], [0, 1]], 1),
    ("Chicken, K copies Dare", [[0, 7], [2, 6]], [[0, 2], [7, 6]], 0),
    ("Chicken, K copies Swerve", [[0, 7], [2, 6]], [[0, 2], [7, 6]], 1),
    ("Battle of the Sexes, K copies O", [[2, 0], [0, 1]], [[1, 0], [0, 2]], 0),
]


def cursed(A, B, a) -> ParametricGame:
    return ParametricGame.bimatrix(A + [A[a]], B + [[f"{x} - t" for x in B[a]]])


def main() -> int:
    ok = True
    for name, A, B, a in GAMES:
        family = cursed(A, B, a)
        print(f"== {name} ==")
        print("   " + str(family).replace("\n", "\n   "))
        for rule in RULES:
            start = time.perf_counter()
            base = fallback(Game.bimatrix(A, B), rule).payoffs
            proof = holds(lambda q, rule=rule: [p.eq(x) for p, x in zip(q.fallback(rule), base)], family, "0:inf")
            good = bool(proof) and proof.verify()
            ok &= good
            print(f"   fallback[{rule}] = ({', '.join(map(str, base))}) for every t >= 0: "
                  f"{'PROVED' if good else 'NOT PROVED: ' + str(proof)} ({time.perf_counter() - start:.1f} s)")
        gain = holds(lambda q: q.coco()[0].eq(q.coco()[0](0)), family, "0:inf")
        print(f"   coco_1 constant in t >= 0: {bool(gain)}" + ("" if gain else f" -- {gain}"))
        ok &= not gain
    print("RESULT:", "PROVED" if ok else "NOT PROVED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
