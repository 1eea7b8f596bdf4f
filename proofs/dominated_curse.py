"""Claim (docs/theory.md §4, A9): adding a strictly dominated action ("costly curse") leaves every
fallback rule unchanged, while CoCo is not invariant.

What is proved here, exactly:

* on five games (trivial, Prisoner's Dilemma, Chicken, Battle of the Sexes, matching pennies),
  each with a costly curse K for player 1 (copy of action 1, costing player 1 one unit and
  player 2 t = 1000): K is strictly dominated (certified by a zero-sum LP: the dominating
  mixture and its positive margin), no new total exceeds W, the largest probability any
  correlated equilibrium of the cursed game puts on K is 0 (an LP over the CE polytope with
  its optimality certificate), and every fallback selection rule returns the same value
  before and after;
* CoCo changes on the same games: trivial (0, 0) -> (999/2, -999/2), Battle of the Sexes
  (3/2, 3/2) -> (501, -498) — counterexamples to A9 for CoCo, with certificates.

The statement for all two-player games is the argument of docs/theory.md §4, A9 (a strictly dominated action
is never recommended by a CE, and a deviation to it is worth less than one to the dominating
mixture, so CE, the CE payoff set, its floors and W are unchanged); the CE-mass LP above is
that argument's key step, checked on each instance.

Run: python proofs/dominated_curse.py   (exit 0 iff proved)
"""

from __future__ import annotations

import sys
from fractions import Fraction

from exactbargain import CorrelatedEquilibria, Game
from exactbargain.axioms import SELECTIONS, dominated_action
from exactbargain.axioms.modifications import add_dominated_curse

GAMES = {
    "trivial": Game.bimatrix([[0]], [[0]]),
    "Prisoner's Dilemma": Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
    "Chicken": Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]]),
    "Battle of the Sexes": Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
    "matching pennies": Game.zero_sum([[1, -1], [-1, 1]]),
}
COCO_EXPECTED = {
    "trivial": (Fraction(999, 2), Fraction(-999, 2)),
    "Battle of the Sexes": (Fraction(501), Fraction(-498)),
}


def main() -> int:
    ok = True
    for name, game in GAMES.items():
        mod = add_dominated_curse(game, 0, 1000, cost=1, copy=0)
        after = mod.after
        print(f"== {name} + costly curse K ==")
        print(after)
        for line in mod.certificate:
            print(f"   certificate: {line}")
        ce = CorrelatedEquilibria(after)
        k = after.action_index(0, mod.params["action"])
        mass = ce.optimize({p: 1 for p in after.profiles() if p[0] == k})
        print(f"   max CE probability of K = {mass.value} (LP certificate verifies: {mass.verify()})")
        ok &= mass.value == 0 and mass.verify()
        for sel in SELECTIONS:
            v = dominated_action(f"fallback:{sel}", game, mod)
            print(f"   fallback[{sel}]: {tuple(map(str, v.values_before))} -> {tuple(map(str, v.values_after))}: "
                  f"{'unchanged' if v.holds else 'CHANGED'}")
            ok &= v.holds
        c = dominated_action("coco", game, mod)
        print(f"   coco: {tuple(map(str, c.values_before))} -> {tuple(map(str, c.values_after))}: "
              f"{'unchanged' if c.holds else 'CHANGED (A9 violated)'}")
        if name in COCO_EXPECTED:
            good = not c.holds and c.values_after == COCO_EXPECTED[name]
            for line in c.certificates:
                print(f"      {line}")
            ok &= good
        print()
    print("RESULT:", "PROVED" if ok else "NOT PROVED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
