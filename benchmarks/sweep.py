"""Time an exhaustive sweep: monotonicity over every 2-player game of a class, for rules.

The default study is the one of the sweep page (docs/cli/sweep.md): every 2x2 game with
payoffs in -1:1 (6,561 games, 1,062,882 instances), for CoCo and the six fallback
selections. It prints the class, raw and canonical counts, exact solves, wall time, the
machine's load average before and after, and throughput: instances per second overall and
per core (instances / (wall seconds x workers)), and per CPU-second (the units' own CPU time,
summed: what the machine's load does not change, so the number to compare between runs on a
shared machine).

The projection for the 3x3, -1:1 class multiplies its number of canonical grown games
(Burnside's count, exact: the exact solves of the 4x3 after-games, which dominate) by the
measured time of one exact solve of a 4x3 game (``--probe`` random 4x3 games with payoffs
in -1:1, every rule, timed in this process) and divides by the core count; it assumes the
same per-core speed as here and perfect spreading (units are independent, so the only
losses are start-up and stragglers).

    python benchmarks/sweep.py                          # the 2x2, -1:1 study, every core
    python benchmarks/sweep.py --scheduler local:2      # the same on a Dask LocalCluster
    python benchmarks/sweep.py --shape 2x2 --payoffs=0:1 --rules coco
    python benchmarks/sweep.py --json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exactbargain.sweep import GameClass, Study, count_orbits, parse_payoffs, parse_rules, parse_shape, symmetries  # noqa: E402
from exactbargain.sweep.classes import grown  # noqa: E402
from exactbargain.sweep.execute import default_workers  # noqa: E402
from exactbargain.sweep.run import sweep  # noqa: E402


def probe(count: int, shape: tuple[int, ...], lo: int, hi: int, rules: tuple[str, ...], seed: int = 0) -> float:
    """CPU seconds per exact solve (one rule on one game) on random games of ``shape``."""
    import random

    from exactbargain.sweep.study import _rule, to_game

    rng = random.Random(seed)
    fns = [_rule(r) for r in rules]
    games = [to_game([rng.randint(lo, hi) for _ in range(2 * shape[0] * shape[1])], shape) for _ in range(count)]
    start = time.process_time()
    for g in games:
        for fn in fns:
            fn(g)
    return (time.process_time() - start) / (count * len(fns))


def scan_rate(shape: tuple[int, ...], lo: int, hi: int, count: int = 20000) -> float:
    """CPU seconds per index of the canonical filter (unrank and compare with every image)."""
    from exactbargain.sweep.classes import is_canonical, iter_range

    cls = GameClass(2, shape, lo, hi)
    group = symmetries(shape)
    first = cls.size // 3
    start = time.process_time()
    for _, flat in iter_range(cls, first, first + count):
        is_canonical(flat, shape, group)
    return (time.process_time() - start) / count


def projection(solves_per_cpu_second: float, shape: tuple[int, ...], lo: int, hi: int, rules: int,
               cores: tuple[int, ...] = (64, 1024)) -> dict:
    """Hours on each core count for the exhaustive monotonicity study of a 2-player class at
    ``solves_per_cpu_second`` exact solves per core-second, plus the canonical filter's
    scan of every index of the grown class."""
    solves = 0
    indices = 0
    scan = 0.0
    for i in range(2):
        gshape = grown(shape, i)
        gcls = GameClass(2, gshape, lo, hi)
        solves += count_orbits(gcls, symmetries(gshape)) * rules
        indices += gcls.size
        scan += gcls.size * scan_rate(gshape, lo, hi)
    if shape[0] == shape[1]:  # one grown class suffices when the players can be swapped
        solves //= 2
        indices //= 2
        scan /= 2
    core_seconds = solves / solves_per_cpu_second + scan
    return {"class": f"{'x'.join(map(str, shape))} payoffs {lo}:{hi}", "exact_solves": solves,
            "indices_scanned": indices, "scan_core_hours": round(scan / 3600, 1),
            "core_hours": round(core_seconds / 3600, 1),
            "hours": {str(c): round(core_seconds / c / 3600, 2) for c in cores}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shape", default="2x2")
    ap.add_argument("--payoffs", default="-1:1")
    ap.add_argument("--rules", nargs="+", default=["all"])
    ap.add_argument("--scheduler", default=None)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--unit-size", type=int, default=2048)
    ap.add_argument("--probe", type=int, default=60, help="random 4x3 games timed for the 3x3 projection (0: no projection)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    shape = parse_shape(args.shape)
    lo, hi = parse_payoffs(args.payoffs)
    study = Study(GameClass(len(shape), shape, lo, hi), parse_rules(args.rules), ("monotonicity",),
                  unit_size=args.unit_size)
    workers = args.workers or (int(args.scheduler.split(":")[1]) if args.scheduler and args.scheduler.startswith("local:")
                               else default_workers())
    load_before = os.getloadavg()
    start = time.perf_counter()
    s = sweep(study, scheduler=args.scheduler, workers=args.workers, command=sys.argv)
    wall = time.perf_counter() - start
    load_after = os.getloadavg()
    rate = s["solver_calls"] / s["cpu_seconds"]
    out = {
        "class": s["class"], "rules": list(study.rules), "games": s["games"], "canonical_games": s["canonical_games"],
        "canonical_grown_games": s.get("canonical_grown_games"), "instances": s["instances"],
        "exact_solves": s["exact_solves"], "solver_calls": s["solver_calls"], "violations": s["violations"],
        "wall_seconds": round(wall, 1),
        "unit_seconds": s["unit_seconds"], "cpu_seconds": s["cpu_seconds"], "workers": workers,
        "scheduler": args.scheduler or "processes",
        "instances_per_second": round(s["instances"] / wall, 1),
        "instances_per_second_per_core": round(s["instances"] / wall / workers, 1),
        "instances_per_unit_second": round(s["instances"] / s["unit_seconds"], 1),
        "instances_per_cpu_second": round(s["instances"] / s["cpu_seconds"], 1),
        "cpu_share": round(s["cpu_seconds"] / (wall * workers), 2),
        "exact_solves_per_cpu_second": round(rate, 1),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
    }
    if args.probe > 0:  # --probe 0: no 3x3 projection
        per_solve = probe(args.probe, (4, 3), -1, 1, study.rules)
        out["seconds_per_4x3_solve"] = round(per_solve, 5)
        out["projection_3x3_-1:1"] = projection(1 / per_solve, (3, 3), -1, 1, len(study.rules))
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
