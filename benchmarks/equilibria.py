"""Time the exact CE payoff polytope and Nash enumeration on random games.

Cases (issue targets: each CE payoff set exactly in under 2 s):
  * the CE payoff polygon of a random 20x20 bimatrix game,
  * the CE extreme payoffs of a random 3-player game with 5 actions each,
plus smaller sizes for scale. Payoffs are random integers in [-bound, bound] (seeded;
bound 100 by default).

    python benchmarks/equilibria.py [--quick] [--json] [--seed N] [--bound B] [--case 20x20 ...]

Every reported point is re-verified (witness CE checked with plain fractions, LP
certificates re-checked); the verification time is reported separately.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exactbargain import Game  # noqa: E402
from exactbargain.equilibria import CorrelatedEquilibria, nash_equilibria  # noqa: E402


def random_game(rnd: random.Random, shape: tuple[int, ...], bound: int = 100) -> Game:
    size = math.prod(shape)
    return Game.from_flat([[rnd.randint(-bound, bound) for _ in range(size)] for _ in shape], list(shape))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small cases only")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--bound", type=int, default=100, help="payoffs are integers in [-bound, bound]")
    parser.add_argument("--case", action="append", metavar="SHAPE",
                        help="run only this shape, e.g. 20x20 or 5x5x5 (repeatable)")
    args = parser.parse_args(argv)
    shapes = [(5, 5), (10, 10), (3, 3, 3)] if args.quick else [(5, 5), (10, 10), (20, 20), (3, 3, 3), (4, 4, 4), (5, 5, 5)]
    if args.case:
        shapes = [tuple(int(k) for k in case.split("x")) for case in args.case]
    rows = []
    for shape in shapes:
        rnd = random.Random(f"{args.seed}-{shape}")
        game = random_game(rnd, shape, args.bound)
        ce = CorrelatedEquilibria(game)
        start = time.perf_counter()
        points = ce.payoff_set()
        elapsed = time.perf_counter() - start
        start = time.perf_counter()
        ok = all(p.verify() for p in points)
        verify_s = time.perf_counter() - start
        row = {"case": "x".join(map(str, shape)), "payoff_set_s": round(elapsed, 4), "lps": ce.lp_count,
               "extreme_points": len(points), "verified": ok, "verify_s": round(verify_s, 4)}
        if len(shape) == 2:
            start = time.perf_counter()
            eqs = nash_equilibria(game)
            row["nash_s"] = round(time.perf_counter() - start, 4)
            row["nash_equilibria"] = len(eqs)
        rows.append(row)
        if not args.json:
            print(f"{row['case']:>8}  payoff set {elapsed:7.3f} s  {ce.lp_count:4d} LPs  {len(points):3d} extreme points"
                  f"  verified {ok} ({verify_s:.3f} s)"
                  + (f"  Nash {row['nash_s']:.3f} s ({row['nash_equilibria']})" if "nash_s" in row else ""),
                  flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0 if all(r["verified"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
