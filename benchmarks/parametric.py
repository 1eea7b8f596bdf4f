"""Time the parametric solver on the targets of docs/parametric.md, in one run.

* a 2x2 family's CoCo value and ``welfare`` fallback over the whole line (target: < 0.5 s each);
* a 5x5 family's ``minimax`` over [0, 1000] (target: < 5 s);
* the number of pieces and the time of ``minimax`` for random affine 3x3, 5x5 and 10x10
  families over the whole line.

Families are seeded: every payoff is ``a + b*t`` with integers ``a, b`` in [-3, 3]. Every
solution's certificates are re-checked (``BasisCertificate.check``) outside the timed section;
a failed check or a missed target makes the script exit with status 1. Times are wall seconds
of one call.

    python benchmarks/parametric.py               # every case, 3 seeds per random size
    python benchmarks/parametric.py --seeds 5 --json
    python benchmarks/parametric.py --quick       # without the 10x10 families
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exactbargain.parametric import ParametricGame, coco, fallback, minimax  # noqa: E402


def affine(rng: random.Random, m: int, n: int) -> list[list[str]]:
    """An ``m x n`` matrix of affine texts ``a + b*t``, integer ``a, b`` in [-3, 3]."""
    return [[f"{rng.randint(-3, 3)} + {rng.randint(-3, 3)}*t" for _ in range(n)] for _ in range(m)]


def timed(fn, *args):
    """``fn(*args)`` and its wall time in seconds."""
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def refinement(values: tuple) -> int:
    """The number of distinct piece intervals over a tuple of Piecewise (one per player)."""
    return len({str(p.interval) for v in values for p in v.pieces})


def cases(seeds: int, quick: bool):
    """Yield ``(case, target seconds or None, pieces, seconds, verified)``."""
    rng = random.Random(2026)
    family = ParametricGame.bimatrix(affine(rng, 2, 2), affine(rng, 2, 2))
    for name, fn in (("2x2 CoCo, whole line", coco), ("2x2 welfare fallback, whole line", fallback)):
        values, seconds = timed(fn, family)
        ok = all(not c.check(i) for v in values for p in v.pieces for i, c in p.certificates)
        yield name, 0.5, refinement(values), seconds, ok
    sol, seconds = timed(minimax, affine(random.Random(5), 5, 5), "[0, 1000]")
    yield "5x5 minimax, [0, 1000]", 5.0, len(sol.pieces), seconds, sol.verify()
    for size in (3, 5) if quick else (3, 5, 10):
        for seed in range(seeds):
            sol, seconds = timed(minimax, affine(random.Random(seed), size, size))
            yield f"{size}x{size} minimax, whole line, seed {seed}", None, len(sol.pieces), seconds, sol.verify()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="random families per size (default 3)")
    parser.add_argument("--quick", action="store_true", help="leave out the 10x10 families")
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    args = parser.parse_args(argv)
    rows, failed = [], False
    for name, target, count, seconds, ok in cases(args.seeds, args.quick):
        failed |= not ok or (target is not None and seconds >= target)
        rows.append({"case": name, "pieces": count, "seconds": round(seconds, 4), "target_s": target, "verified": ok})
        if not args.json:
            mark = "" if target is None else f" (target < {target:g} s: {'met' if seconds < target else 'MISSED'})"
            print(f"{name:40} {count:4} pieces {seconds:9.3f} s{mark}{'' if ok else '  CERTIFICATE FAILED'}", flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
