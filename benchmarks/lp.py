"""Time exactbargain's exact LP solver against HiGHS (float) and exact reference solvers.

Every case is one LP, built once from a seeded random game and handed to every solver:

* zero-sum minimax LPs ``max v  s.t.  v <= sum_i x_i A[i][j] (each column j), sum x = 1``
  of random integer games (payoffs in [-100, 100]), ``v`` free;
* max-welfare correlated-equilibrium LPs of random bimatrix and 3-player games (one
  incentive row per player and ordered pair of actions, one row ``sum p = 1``).

Timings (median of several runs for exactbargain and HiGHS, one run for the references):
exactbargain and HiGHS run in alternation after a warm-up, at least 5 times each and,
for cases that take milliseconds, until 2 s have passed (0.5 s with ``--quick``):

* ``ours``: :func:`exactbargain.lp.solve` on an already built :class:`~exactbargain.lp.LP`
  (a fresh one each run, so nothing is cached); ``ours+build`` adds ``LP.from_matrix``;
* ``highs``: ``Highs.run()`` on a model passed beforehand (its solve call only), with
  default options; ``-presolve``: the same with presolve off, as the guide runs it;
* references: pygambit ``lp_solve(rational=True)`` (zero-sum only), cddlib's exact (GMP)
  LP through pycddlib, QSopt_ex's ``esolver`` (wall time of the process, LP file reading
  included, minus its start-up time on a one-variable LP), sympy's exact ``linprog``. Each runs in a child process
  with a time limit; a reference that is not installed, fails, or runs out of time says
  so in the table; after a time-out, cases of the same family that are at least as large
  (in variables and in rows) are skipped.

Every exactbargain answer is re-checked with ``LPResult.verify()``, and its value must
equal every exact reference's; any disagreement makes the script exit with status 1.

    python benchmarks/lp.py            # all cases, 60 s per reference run
    python benchmarks/lp.py --quick    # a subset, within a minute
    python benchmarks/lp.py --json     # machine-readable list of results
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from exactbargain.lp import LP, solve  # noqa: E402

# ------------------------------------------------------------------------------------------
# the problems: sparse rows {column: int}, relations, right-hand sides, objective, free


def zero_sum_problem(m: int, n: int, seed: int) -> dict:
    rng = random.Random(seed)
    A = [[rng.randint(-100, 100) for _ in range(n)] for _ in range(m)]
    v = m  # variables x_0..x_{m-1}, then v
    rows = [{**{i: -A[i][j] for i in range(m) if A[i][j]}, v: 1} for j in range(n)]
    rows.append({i: 1 for i in range(m)})
    return {
        "rows": rows,
        "rel": ["<="] * n + ["="],
        "b": [0] * n + [1],
        "c": [0] * m + [1],
        "free": [v],
        "nvars": m + 1,
        "payoffs": A,
    }


def ce_problem(shape: tuple[int, ...], seed: int) -> dict:
    rng = random.Random(seed)
    cells = list(itertools.product(*[range(k) for k in shape]))
    index = {cell: t for t, cell in enumerate(cells)}
    u = [{cell: rng.randint(-100, 100) for cell in cells} for _ in shape]
    rows = []
    for p, k in enumerate(shape):
        for a, alt in itertools.permutations(range(k), 2):
            row = {}
            for cell in cells:
                if cell[p] == a:
                    gain = u[p][cell[:p] + (alt,) + cell[p + 1 :]] - u[p][cell]
                    if gain:
                        row[index[cell]] = gain
            rows.append(row)
    rows.append({t: 1 for t in range(len(cells))})
    return {
        "rows": rows,
        "rel": ["<="] * (len(rows) - 1) + ["="],
        "b": [0] * (len(rows) - 1) + [1],
        "c": [sum(u[p][cell] for p in range(len(shape))) for cell in cells],
        "free": [],
        "nvars": len(cells),
    }


CASES = [
    ("zero-sum 10x10", "zs", (10, 10)),
    ("zero-sum 50x50", "zs", (50, 50)),
    ("zero-sum 100x100", "zs", (100, 100)),
    ("zero-sum 200x200", "zs", (200, 200)),
    ("zero-sum 20x100", "zs", (20, 100)),
    ("zero-sum 100x20", "zs", (100, 20)),
    ("CE 10x10", "ce", (10, 10)),
    ("CE 20x20", "ce", (20, 20)),
    ("CE 30x30", "ce", (30, 30)),
    ("CE 40x40", "ce", (40, 40)),
    ("CE 4x4x4", "ce", (4, 4, 4)),
    ("CE 5x5x5", "ce", (5, 5, 5)),
    ("CE 6x6x6", "ce", (6, 6, 6)),
]
QUICK = {"zero-sum 10x10", "zero-sum 50x50", "zero-sum 100x20", "CE 10x10", "CE 20x20", "CE 4x4x4", "CE 5x5x5"}


def problem(kind: str, size: tuple[int, ...], seed: int) -> dict:
    return zero_sum_problem(*size, seed) if kind == "zs" else ce_problem(size, seed)


def build(prob: dict) -> LP:
    return LP.from_matrix(prob["rows"], prob["rel"], prob["b"], prob["c"], free=prob["free"])


def dense(prob: dict) -> list[list[int]]:
    n = prob["nvars"]
    out = []
    for row in prob["rows"]:
        r = [0] * n
        for j, v in row.items():
            r[j] = v
        out.append(r)
    return out


# ------------------------------------------------------------------------------------------
# exactbargain and HiGHS


def highs_runner(prob: dict, presolve: bool = True):
    """A function that passes the case to a fresh HiGHS (default options, or presolve off)
    and returns the seconds of its ``run()`` call alone."""
    import highspy
    import numpy as np

    n, rows = prob["nvars"], prob["rows"]
    start = np.zeros(len(rows) + 1, dtype=np.int32)
    np.cumsum([len(r) for r in rows], out=start[1:])
    index = np.array([j for r in rows for j in r], dtype=np.int32)
    value = np.array([v for r in rows for v in r.values()], dtype=np.float64)
    b = np.array(prob["b"], dtype=np.float64)
    rel = np.array(prob["rel"])
    row_lo = np.where(rel == "<=", -np.inf, b)
    row_up = np.where(rel == ">=", np.inf, b)
    col_lo = np.zeros(n)
    col_lo[prob["free"]] = -np.inf
    cost = np.array(prob["c"], dtype=np.float64)

    def run() -> float:
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        if not presolve:
            h.setOptionValue("presolve", "off")
        h.passModel(
            n, len(rows), len(index), int(highspy.MatrixFormat.kRowwise),
            int(highspy.ObjSense.kMaximize), 0.0, cost, col_lo, np.full(n, np.inf),
            row_lo, row_up, start, index, value, np.zeros(n, dtype=np.int32),
        )
        t = time.perf_counter()
        h.run()
        return time.perf_counter() - t

    return run


def time_solvers(prob: dict, reps: int, budget: float):
    """Median seconds of: our solve, our build + solve, HiGHS, HiGHS without presolve; and
    our last result.

    One untimed warm-up run each, then rounds that run all of them one after the other (so
    that a change in the machine's speed affects every solver alike), at least ``reps``
    rounds and, for fast cases, more until ``budget`` seconds have passed (at most 500).
    Our runs get a freshly built LP each time, so nothing is cached between them."""
    highs, plain = highs_runner(prob), highs_runner(prob, presolve=False)
    solve(build(prob)), highs(), plain()
    times: list[list[float]] = [[], [], [], []]
    result, begin, rounds = None, time.perf_counter(), 0
    while rounds < reps or (time.perf_counter() - begin < budget and rounds < 500):
        t0 = time.perf_counter()
        lp = build(prob)
        t1 = time.perf_counter()
        result = solve(lp)
        t2 = time.perf_counter()
        times[0].append(t2 - t1)
        times[1].append(t2 - t0)
        times[2].append(highs())
        times[3].append(plain())
        rounds += 1
    return (*(statistics.median(t) for t in times), result)


# ------------------------------------------------------------------------------------------
# references: each returns (seconds, exact value as a Fraction)


def ref_gambit(prob: dict):
    import numpy as np
    import pygambit as gbt

    A = np.array(prob["payoffs"])
    game = gbt.Game.from_arrays(A, -A)
    t = time.perf_counter()
    res = gbt.nash.lp_solve(game, rational=True)
    seconds = time.perf_counter() - t
    return seconds, Fraction(res.equilibria[0].payoff(list(game.players)[0]))


def ref_cdd(prob: dict):
    import cdd
    import cdd.gmp

    n = prob["nvars"]
    array = []
    for row, rel, b in zip(dense(prob), prob["rel"], prob["b"]):
        if rel in ("<=", "="):
            array.append([b] + [-v for v in row])  # 0 <= b - a.x
        if rel in (">=", "="):
            array.append([-b] + row)
    free = set(prob["free"])
    for j in range(n):
        if j not in free:
            array.append([0] + [1 if k == j else 0 for k in range(n)])
    array.append([0] + list(prob["c"]))
    lp = cdd.gmp.linprog_from_array(array, cdd.LPObjType.MAX)
    t = time.perf_counter()
    cdd.gmp.linprog_solve(lp)
    seconds = time.perf_counter() - t
    if lp.status != cdd.LPStatusType.OPTIMAL:
        raise RuntimeError(f"cddlib status {lp.status}")
    return seconds, Fraction(lp.obj_value)


def ref_sympy(prob: dict):
    from sympy.solvers.simplex import linprog

    n = prob["nvars"]
    A, b, A_eq, b_eq = [], [], [], []
    for row, rel, rhs in zip(dense(prob), prob["rel"], prob["b"]):
        if rel == "<=":
            A.append(row), b.append(rhs)
        elif rel == ">=":
            A.append([-v for v in row]), b.append(-rhs)
        else:
            A_eq.append(row), b_eq.append(rhs)
    # (sympy 1.14 mis-sizes its tableau when given a bounds list without free variables)
    bounds = [(None, None) if j in prob["free"] else (0, None) for j in range(n)] if prob["free"] else None
    t = time.perf_counter()
    value, _ = linprog([-c for c in prob["c"]], A or None, b or None, A_eq or None, b_eq or None, bounds)
    seconds = time.perf_counter() - t
    return seconds, -Fraction(int(value.p), int(value.q))


def lp_file(prob: dict) -> str:
    """The problem in CPLEX LP format (integer coefficients)."""
    def terms(row):
        parts = [f"{'+' if v > 0 else '-'} {abs(v)} x{j}" for j, v in sorted(row.items())]
        return " ".join(parts) if parts else "0 x0"

    lines = ["Maximize", " obj: " + terms({j: c for j, c in enumerate(prob["c"]) if c}), "Subject To"]
    for i, (row, rel, b) in enumerate(zip(prob["rows"], prob["rel"], prob["b"])):
        lines.append(f" r{i}: {terms(row)} {rel} {b}")
    lines.append("Bounds")
    lines += [f" x{j} free" for j in prob["free"]]
    lines.append("End")
    return "\n".join(lines) + "\n"


def ref_qsopt(prob: dict):
    with tempfile.TemporaryDirectory() as tmp:
        path, sol = os.path.join(tmp, "p.lp"), os.path.join(tmp, "p.sol")
        with open(path, "w") as fh:
            fh.write(lp_file(prob))
        t = time.perf_counter()
        out = subprocess.run(["esolver", "-L", "-O", sol, path], capture_output=True, text=True)
        seconds = time.perf_counter() - t
        with open(sol) as fh:
            text = fh.read()
    match = re.search(r"Value\s*=\s*(-?\d+(?:/\d+)?)", text)
    if not match or "status OPTIMAL" not in text:
        raise RuntimeError("esolver did not report an optimum")
    return seconds - _esolver_startup(), Fraction(match.group(1))


_STARTUP: list[float] = []


def _esolver_startup() -> float:
    """Wall time of esolver on a one-variable LP: process start-up, subtracted from every
    QSopt_ex time (its own timers print 0.00 in Debian's build, so wall time is all we have)."""
    if not _STARTUP:
        tiny = {"rows": [{0: 1}], "rel": ["<="], "b": [1], "c": [1], "free": [], "nvars": 1}
        with tempfile.TemporaryDirectory() as tmp:
            path, sol = os.path.join(tmp, "p.lp"), os.path.join(tmp, "p.sol")
            with open(path, "w") as fh:
                fh.write(lp_file(tiny))
            runs = []
            for _ in range(5):
                t = time.perf_counter()
                subprocess.run(["esolver", "-L", "-O", sol, path], capture_output=True)
                runs.append(time.perf_counter() - t)
        _STARTUP.append(min(runs))
    return _STARTUP[0]


def available() -> dict:
    """Reference name -> None if usable, else why not."""
    out = {}
    for name, module in (("pygambit", "pygambit"), ("cddlib", "cdd.gmp"), ("sympy", "sympy.solvers.simplex")):
        try:
            __import__(module)
            out[name] = None
        except ImportError as exc:
            out[name] = f"not installed ({exc})"
    out["qsopt_ex"] = None if shutil.which("esolver") else "not installed (no esolver program)"
    return out


REFS = {"pygambit": ref_gambit, "cddlib": ref_cdd, "qsopt_ex": ref_qsopt, "sympy": ref_sympy}


def _child(name, prob, conn):
    try:
        conn.send(("ok", REFS[name](prob)))
    except Exception as exc:  # report any failure of the reference to the parent
        conn.send(("error", f"{type(exc).__name__}: {exc}"))


def run_reference(name: str, prob: dict, timeout: float):
    """(status, seconds, value) of one reference run in a child process."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(name, prob, child))
    proc.start()
    child.close()
    if parent.poll(timeout):
        kind, payload = parent.recv()
        proc.join()
        if kind == "error":
            return "failed: " + payload, None, None
        seconds, value = payload
        return "ok", seconds, value
    proc.kill()
    proc.join()
    return f"over {timeout:g} s", None, None


# ------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a subset of the cases, within a minute")
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per reference run")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--case", action="append", help="run only the cases whose name contains this")
    args = parser.parse_args(argv)
    timeout = args.timeout if args.timeout is not None else (3.0 if args.quick else 60.0)
    reps = 3 if args.quick else 5
    budget = 0.5 if args.quick else 2.0  # seconds of repeated timing per case, at least
    missing = available()
    # (reference, family) -> sizes (vars, rows) on which the reference ran out of time
    timed_out: dict[tuple[str, str], list[tuple[int, int]]] = {}
    results, wrong = [], 0
    for name, kind, size in CASES:
        if args.quick and name not in QUICK:
            continue
        if args.case and not any(part in name for part in args.case):
            continue
        prob = problem(kind, size, args.seed)
        ours, ours_total, highs, highs_plain, res = time_solvers(prob, reps, budget)
        verified = res.verify()
        wrong += not verified
        entry = {
            "case": name,
            "vars": prob["nvars"],
            "rows": len(prob["rows"]),
            "ours_s": ours,
            "ours_build_s": ours_total,
            "highs_s": highs,
            "highs_no_presolve_s": highs_plain,
            "method": res.method,
            "value": str(res.value),
            "verified": verified,
            "refs": {},
            "ref_status": {},
        }
        for ref in REFS:
            if ref == "pygambit" and kind != "zs":
                continue
            if missing[ref]:
                status, seconds = missing[ref], None
            elif any(
                v <= prob["nvars"] and r <= len(prob["rows"])
                for v, r in timed_out.get((ref, kind + str(len(size))), [])
            ):
                status, seconds = "skipped (timed out on a smaller case)", None
            else:
                status, seconds, value = run_reference(ref, prob, timeout)
                if status == "ok" and value != res.value:
                    status = f"DISAGREES: {value} vs ours {res.value}"
                    wrong += 1
                if status.startswith("over"):
                    timed_out.setdefault((ref, kind + str(len(size))), []).append(
                        (prob["nvars"], len(prob["rows"]))
                    )
            entry["refs"][ref] = seconds
            entry["ref_status"][ref] = status
        results.append(entry)
        if not args.json:
            print(_line(entry), flush=True)
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print(f"\n{len(results)} cases; answers verified: {sum(r['verified'] for r in results)}; "
              f"wrong or disagreeing: {wrong}")
        print("ratios: ours/HiGHS is our solve time over HiGHS's; ref/ours is how many times slower the reference is")
    return 1 if wrong else 0


_HEADER_DONE = []


def _fmt(seconds):
    return "-" if seconds is None else f"{seconds:.3f}"


def _line(e: dict) -> str:
    head = ""
    if not _HEADER_DONE:
        _HEADER_DONE.append(True)
        head = (f"{'case':18} {'vars':>5} {'rows':>5} {'ours s':>8} {'+build':>8} {'HiGHS s':>8} "
                f"{'-presolve':>9} {'ours/HiGHS':>10}  references (seconds, ref/ours)\n")
    refs = []
    for ref, status in e["ref_status"].items():
        if status == "ok":
            text = f"{ref} {_fmt(e['refs'][ref])} ({e['refs'][ref] / e['ours_s']:.1f}x)"
        else:
            text = f"{ref} {status}"
        refs.append(text)
    mark = "" if e["verified"] else "  NOT VERIFIED"
    return head + (f"{e['case']:18} {e['vars']:5} {e['rows']:5} {_fmt(e['ours_s']):>8} "
                   f"{_fmt(e['ours_build_s']):>8} {_fmt(e['highs_s']):>8} "
                   f"{_fmt(e['highs_no_presolve_s']):>9} "
                   f"{e['ours_s'] / e['highs_s']:10.2f}  " + "; ".join(refs) + mark)


if __name__ == "__main__":
    sys.exit(main())
