"""Claim (docs/theory.md §4, "Relation to Kalai & Kalai's characterisation"), in miniature: the
fallback rules satisfy A1, A4, A5 and A7 but differ from CoCo; CoCo is the only two-player
TU solution with A1, A4, A5, A6 and A7; hence every fallback rule must violate A6.

What this file PROVES by exact computation:

  (i)   each fallback rule differs from CoCo on a concrete game (Chicken with a locked wheel:
        fallback (7, 2), CoCo (9/2, 9/2)), with the solutions' certificates verified;
  (ii)  each fallback rule violates A6 on a concrete pair of games (the conclusion of the
        argument, exhibited directly, with a certificate re-checked from the game files);
  (iii) A1, A4, A5 and A7 hold for each fallback rule on every instance of a fixed family
        of 20 two-player games (16 2x2 games with payoffs in {0, 1, 2}, Chicken, Battle of
        the Sexes, the Prisoner's Dilemma and one more), with two shifts, a duplicate and a
        half-half mixture each (A5 is vacuous on games without payoff dominance).

What this file CITES (not proved here):

  * Kalai & Kalai, "Cooperation in Strategic Games Revisited", QJE 128(2), 2013: CoCo is the
    unique two-player TU solution satisfying Pareto optimality (A1), shift invariance (A4),
    monotonicity in actions (A6), payoff dominance (A5) and invariance to redundant
    strategies (A7). docs/theory.md §4 tags this [R]: the axiom section of the paper was not re-read;
    the exact wording of K&K's axioms may differ from §4's.
  * that A1, A4, A5 and A7 hold for the fallback rules on ALL games: docs/theory.md §4's
    arguments (surplus split; CE(G + c) = CE(G); d_1 - d_2 >= 0 under payoff dominance; CE
    payoffs unchanged by mixtures). (iii) checks instances, it does not replace them.

Given the citations, (i) forces a violation of A6 somewhere; (ii) shows where.

Run: python proofs/characterisation.py   (exit 0 iff (i)-(iii) are confirmed)
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from fractions import Fraction

from exactbargain import Game
from exactbargain.axioms import (SELECTIONS, as_rule, dominance, efficiency, monotonicity, redundancy, shift,
                                 verify_certificate, write_certificate)
from exactbargain.axioms import modifications as mods

FAMILY_SIZE = 24  # games of the family checked in (iii), per rule


def family() -> list[Game]:
    out = []
    for flat in itertools.product((0, 1, 2), repeat=8):
        if len(out) >= FAMILY_SIZE:
            break
        g = Game.from_flat([flat[0::2], flat[1::2]], (2, 2))
        if g.matrix(0) != g.matrix(1):
            out.append(g)
    # a spread of less regular games too
    out[len(out) // 2:] = out[len(out) // 2:][::3]
    out += [Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]]), Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
            Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]), Game.bimatrix([[2, 2], [1, 3]], [[0, 1], [1, -1]])]
    return out


def main() -> int:
    ok = True
    locked = Game.bimatrix([[0, 7]], [[0, 2]], actions=(("D",), ("D", "C")))
    chicken = locked.add_action(0, [(2, 7), (6, 6)], label="C")
    coco = as_rule("coco")
    print("(i) fallback differs from CoCo on Chicken with a locked wheel:")
    print(locked)
    c = coco(locked)
    print(f"    coco = {tuple(map(str, c))} (certificates: {coco.certify(locked)})")
    ok &= c == (Fraction(9, 2), Fraction(9, 2))
    for sel in SELECTIONS:
        r = as_rule("fallback", sel)
        f = r(locked)
        differs = f != c
        ok &= differs
        print(f"    {r.name} = {tuple(map(str, f))}  differs: {differs}  ({r.certify(locked)})")

    print("\n(ii) each fallback rule violates A6 (Chicken for all but dictator-1; the one-column game for dictator-1):")
    one_col = Game.bimatrix([[0], [1]], [[1], [-1]])
    one_col_after = one_col.add_action(0, [(1, 0)])
    for sel in SELECTIONS:
        before, after = (one_col, one_col_after) if sel == "dictator-1" else (locked, chicken)
        v = monotonicity(f"fallback:{sel}", before, after)
        with tempfile.TemporaryDirectory() as tmp:
            write_certificate(v, tmp)
            confirmed, _, _ = verify_certificate(f"{tmp}/certificate.json")
        ok &= (not v.holds) and confirmed
        print(f"    fallback[{sel}]: phi_{v.player + 1} {v.values_before[v.player]} -> {v.values_after[v.player]}"
              f"  violated: {not v.holds}  certificate confirmed from files: {confirmed}")

    games = family()
    print(f"\n(iii) A1, A4, A5, A7 on {len(games)} games (2x2, payoffs mostly in {{0, 1, 2}}) per rule:")
    for sel in SELECTIONS:
        r = as_rule("fallback", sel)
        counts = {"A1": 0, "A4": 0, "A5": 0, "A7": 0}
        fails = []
        for g in games:
            checks = [("A1", efficiency(r, g)), ("A4", shift(r, g, constants=(1, -2))),
                      ("A4", shift(r, g, constants=(Fraction(-1, 2), 3))), ("A5", dominance(r, g)),
                      ("A7", redundancy(r, g, mods.duplicate_action(g, 0, 1))),
                      ("A7", redundancy(r, g, mods.mixture_action(g, 1, (Fraction(1, 2), Fraction(1, 2)))))]
            for code, v in checks:
                counts[code] += 1
                if not v.holds:
                    fails.append(str(v))
        ok &= not fails
        print(f"    fallback[{sel}]: checked {counts}; violations: {len(fails)}")
        for f in fails:
            print(f)
    print("\nConclusion: with Kalai & Kalai's uniqueness theorem (cited) and docs/theory.md §4's general arguments for")
    print("A1, A4, A5, A7 (cited; checked on instances in (iii)), (i) implies that every fallback rule violates A6;")
    print("(ii) exhibits the violations, certified.")
    print("RESULT:", "PROVED" if ok else "NOT PROVED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
