"""Time ``minimax(A)`` end to end against HiGHS end to end on the same zero-sum game.

Each case is a seeded random m x n matrix game (integer payoffs in [-100, 100], or
Fractions with denominators 1 to 9 for the Fraction case), given to:

* **ours**: ``exactbargain.equilibria.minimax(A)`` from a list of Python ints, from a numpy
  int64 array, or from a list of Fractions: reading the matrix, building and solving the
  exact LP, and the proved value and both optimal strategies as Fractions;
* **HiGHS**: the same LP (``max v`` subject to ``x.A_j - v >= 0`` for every column ``j``,
  ``sum x = 1``, ``x >= 0``, ``v`` free) built from a float numpy array of the payoffs into
  a fresh ``highspy.Highs`` (``passModel`` with row-wise arrays), solved with default
  options, and its value, primal and dual read back; **-presolve**: the same with presolve
  off (how exactbargain's guide runs HiGHS).

Timings are medians; the solvers run in alternation (ours, HiGHS, HiGHS without presolve)
after one warm-up each, at least 5 rounds and until 2 s have passed (at most 200 rounds),
so a change in the machine's speed affects them alike. The ratio is ours / HiGHS. Every
answer of ours is re-checked with ``verify()`` and its value compared with HiGHS's; a
failure makes the script exit with status 1.

    python benchmarks/minimax.py                # 200x200: ints, numpy ints, Fractions
    python benchmarks/minimax.py --size 400x400 --size 100x300
    python benchmarks/minimax.py --json         # [{"case", "ours_s", "highs_s", "highs_nopresolve_s", "ratio"}]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from fractions import Fraction

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from exactbargain.equilibria import minimax  # noqa: E402


def matrices(m: int, n: int, seed: int) -> dict:
    """The inputs of every case: ``{"ints": list, "numpy": int64 array, "fractions": list}``."""
    rng = random.Random(seed)
    ints = [[rng.randint(-100, 100) for _ in range(n)] for _ in range(m)]
    fractions = [[Fraction(rng.randint(-100, 100), rng.randint(1, 9)) for _ in range(n)] for _ in range(m)]
    return {"ints": ints, "numpy": np.array(ints, dtype=np.int64), "fractions": fractions}


def highs_minimax(A: np.ndarray, presolve: bool = True) -> tuple[float, np.ndarray, np.ndarray]:
    """Value, row strategy and column strategy of the float matrix game ``A`` by HiGHS,
    building the model from ``A`` included."""
    import highspy

    m, n = A.shape
    T = np.empty((n + 1, m + 1))
    T[:n, :m] = A.T
    T[:n, m] = -1.0
    T[n, :m] = 1.0
    T[n, m] = 0.0
    nonzero = T != 0
    start = np.zeros(n + 2, dtype=np.int32)
    np.cumsum(nonzero.sum(axis=1), out=start[1:])
    index = np.nonzero(nonzero)[1].astype(np.int32)
    value = T[nonzero]
    cost = np.zeros(m + 1)
    cost[m] = 1.0
    col_lo = np.zeros(m + 1)
    col_lo[m] = -np.inf
    row_lo = np.zeros(n + 1)
    row_lo[n] = 1.0
    row_up = np.full(n + 1, np.inf)
    row_up[n] = 1.0
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if not presolve:
        h.setOptionValue("presolve", "off")
    h.passModel(
        m + 1, n + 1, len(value), int(highspy.MatrixFormat.kRowwise), int(highspy.ObjSense.kMaximize),
        0.0, cost, col_lo, np.full(m + 1, np.inf), row_lo, row_up, start, index, value,
        np.zeros(m + 1, dtype=np.int32),
    )
    h.run()
    solution = h.getSolution()
    x = np.array(solution.col_value[:m])
    y = -np.array(solution.row_dual[:n])
    return h.getInfo().objective_function_value, x, y


def time_case(A, floats: np.ndarray, reps: int, budget: float) -> tuple[dict, list[str]]:
    """Median seconds of ours, HiGHS and HiGHS without presolve, in alternation; and what
    went wrong (an answer that does not verify or disagrees with HiGHS)."""
    runs = {"ours": lambda: minimax(A), "highs": lambda: highs_minimax(floats),
            "highs_nopresolve": lambda: highs_minimax(floats, presolve=False)}
    answers = {name: run() for name, run in runs.items()}  # warm-up
    times: dict[str, list[float]] = {name: [] for name in runs}
    begin, rounds = time.perf_counter(), 0
    while rounds < reps or (time.perf_counter() - begin < budget and rounds < 200):
        for name, run in runs.items():
            t = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - t)
        rounds += 1
    problems = []
    ours = answers["ours"]
    if not ours.verify():
        problems.append("our answer does not verify")
    for name in ("highs", "highs_nopresolve"):
        if abs(float(ours.value) - answers[name][0]) > 1e-6 * max(1.0, abs(float(ours.value))):
            problems.append(f"value {ours.value} but {name} says {answers[name][0]}")
    return {name: statistics.median(ts) for name, ts in times.items()} | {"rounds": rounds}, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", action="append", metavar="MxN", help="matrix size (default 200x200)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--reps", type=int, default=5, help="least number of rounds")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds of rounds per case")
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    args = parser.parse_args(argv)
    sizes = [tuple(int(k) for k in s.lower().split("x")) for s in (args.size or ["200x200"])]
    results, failed = [], False
    if not args.json:
        print(f"{'case':32s} {'ours':>9s} {'HiGHS':>9s} {'-presolve':>9s} {'ours/HiGHS':>10s}")
    for m, n in sizes:
        inputs = matrices(m, n, args.seed)
        for kind, label in (("ints", "list of ints"), ("numpy", "numpy int64"), ("fractions", "Fractions")):
            A = inputs[kind]
            floats = np.array([[float(v) for v in row] for row in A]) if kind == "fractions" else \
                np.array(inputs["numpy"], dtype=np.float64)
            times, problems = time_case(A, floats, args.reps, args.budget)
            case = f"minimax {m}x{n} {label}"
            row = {"case": case, "ours_s": times["ours"], "highs_s": times["highs"],
                   "highs_nopresolve_s": times["highs_nopresolve"], "ratio": times["ours"] / times["highs"],
                   "rounds": times["rounds"], "problems": problems}
            results.append(row)
            failed |= bool(problems)
            if not args.json:
                print(f"{case:32s} {row['ours_s']:9.4f} {row['highs_s']:9.4f} {row['highs_nopresolve_s']:9.4f} "
                      f"{row['ratio']:9.2f}x" + ("  " + "; ".join(problems) if problems else ""))
    if args.json:
        print(json.dumps(results, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
