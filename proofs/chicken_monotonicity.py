"""Claim (docs/theory.md §4, A6): the fallback rule is not monotone in actions.

1. Chicken (Aumann's 6/7/2/0). With the steering wheel locked, player 1 can only Dare; giving
   back the option to swerve LOWERS player 1's fallback value under every selection rule
   except dictator-1 (which gains +3/2). CoCo, for contrast, rises from 9/2 to 6.
2. A second game, where the violation happens under dictator-1 as well (indeed under every
   selection rule): player 2 has a single action, player 1 chooses among (0, 1) and
   (1, -1); adding a third action (1, 0) — as good for player 1 as its best, better for the
   total — lowers player 1's fallback value from 3/2 to 1.

Every violation is certified: the modification is re-established from the two games, the
fallback solutions' own LP certificates are verified, and the certificate written to disk is
re-checked by exactbargain.axioms.verify_certificate from the two game files alone.

Run: python proofs/chicken_monotonicity.py   (exit 0 iff proved)
"""

from __future__ import annotations

import sys
import tempfile
from fractions import Fraction

from exactbargain import Game
from exactbargain.axioms import SELECTIONS, monotonicity, verify_certificate, write_certificate


def certify(verdict) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        write_certificate(verdict, tmp)
        ok, again, messages = verify_certificate(f"{tmp}/certificate.json")
    print(f"      certificate re-checked from before.nfg/after.nfg alone: {ok} ({messages[-1]})")
    return ok and again is not None and again.values_after == verdict.values_after


def main() -> int:
    ok = True
    locked = Game.bimatrix([[0, 7]], [[0, 2]], players=("1", "2"), actions=(("D",), ("D", "C")), title="Chicken, locked")
    chicken = locked.add_action(0, [(2, 7), (6, 6)], label="C").with_title("Chicken")
    print("Part 1. Chicken with a locked wheel (before) and with the option to swerve (after).")
    print(locked, "\n")
    print(chicken, "\n")
    expected = {
        "welfare": (Fraction(7), Fraction(6)),
        "egalitarian": (Fraction(7), Fraction(6)),
        "nash": (Fraction(7), Fraction(6)),
        "random-dictator": (Fraction(7), Fraction(6)),
        "dictator-2": (Fraction(7), Fraction(7, 2)),
        "dictator-1": (Fraction(7), Fraction(17, 2)),
    }
    print(f"{'rule':<26}{'P1 locked':>10}{'P1 free':>10}{'change':>9}  A6")
    for sel in SELECTIONS:
        v = monotonicity(f"fallback:{sel}", locked, chicken)
        b, a = v.values_before[0], v.values_after[0]
        print(f"{'fallback[' + sel + ']':<26}{str(b):>10}{str(a):>10}{str(a - b):>9}  {'holds' if v.holds else 'VIOLATED'}")
        good = (b, a) == expected[sel] and v.holds == (sel == "dictator-1")
        ok &= good
        if not v.holds:
            ok &= certify(v)
    c = monotonicity("coco", locked, chicken)
    print(f"{'coco (contrast)':<26}{str(c.values_before[0]):>10}{str(c.values_after[0]):>10}"
          f"{str(c.values_after[0] - c.values_before[0]):>9}  {'holds' if c.holds else 'VIOLATED'}")
    ok &= c.holds and c.values_before == (Fraction(9, 2), Fraction(9, 2)) and c.values_after == (6, 6)

    print("\nPart 2. A game where monotonicity fails for dictator-1 too (player 2 has one action).")
    before = Game.bimatrix([[0], [1]], [[1], [-1]], title="before")
    after = before.add_action(0, [(1, 0)], label="3").with_title("after")
    print(before, "\n")
    print(after, "\n")
    for sel in SELECTIONS:
        v = monotonicity(f"fallback:{sel}", before, after)
        print(f"  fallback[{sel}]: phi_1 {v.values_before[0]} -> {v.values_after[0]}: {'holds' if v.holds else 'VIOLATED'}")
        good = not v.holds and v.values_before[0] == Fraction(3, 2) and v.values_after[0] == 1
        ok &= good
        ok &= certify(v)
    print("  Why: before, player 1's only CE plays (1, -1): d = (1, -1), W = 1, so f_1 = (W + d_1 - d_2)/2 = 3/2.")
    print("  After, player 1 is indifferent between rows 2 and 3; every selection rule (the dictator-1 tie-break")
    print("  included: maximise d_1, then the total) picks d = (1, 0), W = 1, so f_1 = (1 + 1 - 0)/2 = 1.")
    v = monotonicity("coco", before, after)
    print(f"  coco (contrast): phi_1 {v.values_before[0]} -> {v.values_after[0]}: {'holds' if v.holds else 'VIOLATED'}")
    ok &= v.holds
    print("\nRESULT:", "PROVED" if ok else "NOT PROVED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
