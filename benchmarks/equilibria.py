"""Time the exact CE payoff polytope and Nash enumeration on random games, next to HiGHS.

Cases (issue targets: each CE payoff set exactly in under 2 s):
  * the CE payoff polygon of a random 20x20 bimatrix game,
  * the CE extreme payoffs of a random 3-player game with 5 actions each,
plus smaller sizes for scale. Payoffs are random integers in [-bound, bound] (seeded;
bound 100 by default).

    python benchmarks/equilibria.py [--quick] [--json] [--seed N] [--bound B] [--case 20x20 ...]
                                    [--no-float | --float-only] [--float-max-lps K]

Every reported point is re-verified (witness CE checked with plain fractions, LP
certificates re-checked); the verification time is reported separately.

The float reference. These payoff sets are large (the 20x20 polygon with bound 100 has more
than a thousand vertices), and every vertex or edge costs at least one LP, so "under 2 s"
means well under a millisecond per LP. To tell what is the cost of exactness and what is the
cost of the output's size, each case is also solved by HiGHS alone in binary floating point,
timed in the same run (model set-up included) and printed before the exact run:

  * two players: the polygon by edge splitting on one HiGHS model of the CE polytope
    (presolve off; each query changes only the objective, so HiGHS starts from the last
    basis): the four axis directions, then for each edge the LP along its outward normal,
    splitting it at a point beyond it by more than 1e-9 times the payoff scale; short edges
    and points within that tolerance of an end are not split;
  * n players: the extreme points by the same oracle facet by facet (qhull from scipy keeps
    the hull of the points found; without scipy this part is skipped), and, after the exact
    run, HiGHS on the same number of LPs as the exact run used, along seeded random
    directions, warm-started.

Either float payoff set stops after 20,000 LPs (--float-max-lps), so it always ends.

Anytime payoff sets (--anytime): ``exactbargain equilibria GAME --correlated --json`` with its
default budget, end to end in a child process, on the --cli-case games (default 40x40 and
6x6x6), and the payoff set of the --tolerance-case games (default 20x20) refined until its gap
is at most --relative-gap (default 1/1000) times its L-infinity diameter (the largest range of
a player's CE payoffs, from the floors and best payoffs). JSON rows: {"case": "cli 40x40",
"cli_s", "lps", "points", "outer_points", "gap", "complete"} and {"case": "tolerance 20x20",
"tolerance_s", "diameter", "tolerance", "lps", "points", "gap", "gap_over_diameter",
"complete", "verified"}; gaps are exact "p/q" strings, gap_over_diameter a rounded float.

The float results are never compared with, or used for, the exact ones. JSON keys of the
reference (added to each row): float_method ("polygon" or "hull"), float_s, float_lps,
float_points, float_ms_per_lp, float_capped (the LP cap was reached), float_highs_run_s (the
part of float_s spent inside ``Highs.run``, the rest is model set-up and hull), ratio_to_float
(payoff_set_s / float_s); for n players also float_same_lps_s, float_same_lps_ms_per_lp and
ratio_to_float_same_lps. Every exact row also has exact_highs_run_s (the exact run's seconds inside
``Highs.run``, the float guide's share; the rest is exact arithmetic and bookkeeping),
exact_highs_runs and exact_ipm_runs (the runs handed to the interior-point method). --no-float skips the reference; --float-only runs nothing else (its
rows hold only "case" and the float keys), for cases whose exact run takes too long.
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


# ------------------------------------------------------------------------------------------
# The float reference: HiGHS alone, in binary floating point, never part of a result.


def _quiet_highs():
    """A HiGHS instance with its output off; the engine's own constructor also keeps HiGHS's
    start-up banner out of stdout, which would break ``--json``."""
    from exactbargain.lp.guided import _new_highs

    return _new_highs()


class FloatCE:
    """The CE polytope of ``game`` as one HiGHS model in floats, presolve off: the variables
    ``mu`` (one per profile, ``>= 0``), an incentive row
    ``sum_{a_-i} mu(a_i, a_-i) (u_i(a_i', a_-i) - u_i(a_i, a_-i)) <= 0`` per player and ordered
    pair ``a_i != a_i'``, and ``sum mu = 1``. A query changes only the objective, so HiGHS
    starts from the previous optimal basis."""

    def __init__(self, game: Game) -> None:
        import highspy
        import numpy as np

        shape = game.shape
        size = math.prod(shape)
        self.U = np.array([[float(e) for e in game.payoff_entries(i)] for i in range(len(shape))])  # float-guide
        self.scale = max(1.0, float(np.abs(self.U).max()))  # float-guide
        positions = np.arange(size).reshape(shape)
        starts, index, value = [0], [], []  # float-guide: value holds the float coefficients
        for i, m in enumerate(shape):
            cols = np.moveaxis(positions, i, 0).reshape(m, -1)
            pay = np.moveaxis(self.U[i].reshape(shape), i, 0).reshape(m, -1)  # float-guide
            for a in range(m):
                for dev in range(m):
                    if dev != a:
                        gain = pay[dev] - pay[a]  # float-guide
                        nz = gain != 0  # float-guide
                        index.extend(cols[a][nz].tolist())
                        value.extend(gain[nz].tolist())  # float-guide
                        starts.append(len(index))
        index.extend(range(size))
        value.extend([1.0] * size)  # float-guide
        starts.append(len(index))
        rows = len(starts) - 1
        row_lo = np.full(rows, -np.inf)  # float-guide
        row_up = np.zeros(rows)  # float-guide
        row_lo[-1] = row_up[-1] = 1.0  # float-guide
        h = self.highs = _quiet_highs()
        h.setOptionValue("presolve", "off")
        h.passModel(
            size, rows, len(index), int(highspy.MatrixFormat.kRowwise), int(highspy.ObjSense.kMaximize),
            0.0, np.zeros(size), np.zeros(size), np.full(size, np.inf),  # float-guide
            row_lo, row_up, np.array(starts, dtype=np.int32), np.array(index, dtype=np.int32),
            np.array(value, dtype=np.float64), np.zeros(size, dtype=np.int32),  # float-guide
        )
        self._cols = np.arange(size, dtype=np.int32)
        self._optimal = highspy.HighsModelStatus.kOptimal
        self.lps = 0
        self.run_s = 0.0  # float-guide: seconds inside Highs.run()

    def query(self, direction):
        """The payoff vector ``u(mu)`` of an optimal ``mu`` for ``max direction . u(mu)``."""
        import numpy as np

        h = self.highs
        h.changeColsCost(len(self._cols), self._cols, np.asarray(direction) @ self.U)  # float-guide
        start = time.perf_counter()
        h.run()
        self.run_s += time.perf_counter() - start  # float-guide
        self.lps += 1
        if h.getModelStatus() != self._optimal:
            raise RuntimeError(f"HiGHS: {h.modelStatusToString(h.getModelStatus())} on the CE polytope")
        return self.U @ np.array(h.getSolution().col_value)  # float-guide


def float_polygon(model: FloatCE, max_lps: int = 20_000) -> tuple[list, bool]:
    """The CE payoff polygon in floats, by edge splitting: the four axis directions, then for
    each edge ``(p, q)`` (counter-clockwise) one LP along its outward normal; a point beyond the
    edge by more than ``1e-9`` times the payoff scale splits it into ``(p, t)`` and ``(t, q)``.
    Edges shorter than that tolerance, or points within it of ``p`` or ``q``, are not split, and
    at most ``max_lps`` LPs run. Vertices within the tolerance of the line through their
    neighbours are dropped at the end. Returns the vertices and whether the cap was hit."""
    import numpy as np

    tol = 1e-9 * model.scale  # float-guide
    hull: list = []
    for d in ((1, 0), (0, 1), (-1, 0), (0, -1)):  # counter-clockwise extremes
        t = model.query(d)
        if all(np.hypot(*(t - q)) > tol for q in hull):  # float-guide
            hull.append(t)
    if len(hull) < 2:
        return hull, False
    capped = False
    out: list = []
    stack = [(hull[k], hull[(k + 1) % len(hull)]) for k in reversed(range(len(hull)))]
    while stack:
        p, q = stack.pop()
        edge = q - p  # float-guide
        length = float(np.hypot(*edge))  # float-guide
        if length > tol:  # float-guide
            if model.lps >= max_lps:
                capped = True
            else:
                normal = np.array([edge[1], -edge[0]]) / length  # float-guide
                t = model.query(normal)
                if (normal @ (t - p) > tol and np.hypot(*(t - p)) > tol  # float-guide
                        and np.hypot(*(t - q)) > tol):  # float-guide
                    stack.append((t, q))
                    stack.append((p, t))
                    continue
        out.append(p)  # (p, q) is an edge: p is the next vertex
    ring = np.array(out)  # float-guide
    while len(ring) > 2:
        a, c = np.roll(ring, 1, axis=0), np.roll(ring, -1, axis=0)  # float-guide
        base = c - a  # float-guide
        cross = (ring[:, 0] - a[:, 0]) * base[:, 1] - (ring[:, 1] - a[:, 1]) * base[:, 0]  # float-guide
        flat = cross <= tol * np.maximum(np.hypot(base[:, 0], base[:, 1]), tol)  # float-guide
        flat &= ~np.roll(flat, 1)  # no two neighbours at once: each keeps the other's witnesses
        if not flat.any():
            break
        ring = ring[~flat]
    return list(ring), capped


def _qhull():
    """scipy's ``(ConvexHull, QhullError)``, or None without scipy."""
    try:
        from scipy.spatial import ConvexHull, QhullError
    except ImportError:
        return None
    return ConvexHull, QhullError


def float_hull(model: FloatCE, max_lps: int = 20_000) -> tuple[list | None, bool]:
    """The extreme points of the CE payoff polytope (n players) in floats, by the same LP
    oracle as the exact one, facet by facet: the 2n axis directions, then rounds of qhull
    (scipy) on the points found and one LP along each new facet's outward normal; a point
    beyond the facet by more than ``1e-9`` times the payoff scale is added (facets it sees
    are not queried in that round, as in beneath-beyond), otherwise the facet is confirmed.
    Returns ``(None, False)`` when scipy is missing or the polytope is not full-dimensional."""
    import numpy as np

    qhull = _qhull()
    if qhull is None:
        return None, False
    ConvexHull, QhullError = qhull
    n = model.U.shape[0]
    tol = 1e-9 * model.scale  # float-guide
    points = np.empty((64, n))  # float-guide: the first `count` rows are the points found
    count = 0

    def add(t) -> bool:
        nonlocal points, count
        if count and np.min(np.linalg.norm(points[:count] - t, axis=1)) <= tol:  # float-guide
            return False
        if count == len(points):
            points = np.vstack([points, np.empty_like(points)])  # float-guide
        points[count] = t
        count += 1
        return True

    for i in range(n):
        for sign in (1, -1):
            add(model.query([sign if j == i else 0 for j in range(n)]))
    confirmed: set = set()
    capped = False
    while True:
        try:
            hull = ConvexHull(points[:count])  # float-guide
        except (QhullError, ValueError):
            return None, capped
        first = count  # the points added in this round are points[first:count]
        facets = {}  # coplanar triangles of qhull's output are one facet
        keys = np.round(hull.equations / np.append(np.ones(n), model.scale), 7)  # float-guide
        for key, eq in zip(map(tuple, keys.tolist()), hull.equations):
            if key not in confirmed:
                facets.setdefault(key, eq)
        for key, eq in facets.items():
            normal, offset = eq[:n], -eq[n]  # float-guide
            if count > first and np.max(points[first:count] @ normal) - offset > tol:  # float-guide
                continue  # a point added in this round sees it: it is gone
            if model.lps >= max_lps:
                capped = True
                break
            t = model.query(normal)
            if not (normal @ t - offset > tol and add(t)):  # float-guide
                confirmed.add(key)
        if count == first or capped:
            break
    return [points[k] for k in ConvexHull(points[:count]).vertices], capped  # float-guide


def float_same_lp_count(model: FloatCE, count: int, seed: str) -> None:
    """``count`` LPs on ``model`` along seeded random payoff directions, each warm-started."""
    import numpy as np

    rng = np.random.default_rng(list(seed.encode()))
    for _ in range(count):
        model.query(rng.standard_normal(model.U.shape[0]))  # float-guide


def float_reference(game: Game, max_lps: int = 20_000) -> dict:
    """The float payoff set of ``game``: its timing (model set-up included, imports not) and
    size."""
    import highspy  # noqa: F401
    import numpy  # noqa: F401

    if game.num_players > 2:
        _qhull()
    start = time.perf_counter()
    model = FloatCE(game)
    if game.num_players == 2:
        points, capped = float_polygon(model, max_lps)
        method = "polygon"
    else:
        points, capped = float_hull(model, max_lps)
        method = "hull" if points is not None else None
    seconds = time.perf_counter() - start
    if method is None:
        return {}
    return {"float_method": method, "float_s": round(seconds, 4), "float_lps": model.lps,
            "float_points": len(points), "float_ms_per_lp": round(1000 * seconds / max(model.lps, 1), 4),  # float-guide
            "float_capped": capped, "float_highs_run_s": round(model.run_s, 4)}


class _HighsClock:
    """Within ``with``: the seconds spent inside ``highspy.Highs.run`` by every instance
    (``seconds``), the number of runs and of interior-point runs among them."""

    def __enter__(self) -> "_HighsClock":
        import highspy

        self.seconds, self.runs, self.ipm_runs = 0.0, 0, 0  # float-guide: timing
        self._original = original = highspy.Highs.run
        clock = self

        def run(h, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(h, *args, **kwargs)
            finally:
                clock.seconds += time.perf_counter() - start
                clock.runs += 1
                clock.ipm_runs += h.getOptionValue("solver")[1] == "ipm"

        highspy.Highs.run = run
        return self

    def __exit__(self, *exc) -> None:
        import highspy

        highspy.Highs.run = self._original


def _anytime_rows(args) -> list[dict]:
    """The anytime payoff-set cases (see the module docstring)."""
    import os
    import subprocess
    import tempfile
    from fractions import Fraction

    from exactbargain.formats import write_game
    from exactbargain.numbers import format_rational, parse_rational

    rows = []
    root = Path(__file__).resolve().parent.parent
    for case in args.cli_case or ["40x40", "6x6x6"]:
        shape = tuple(int(k) for k in case.split("x"))
        game = random_game(random.Random(f"{args.seed}-{shape}"), shape, args.bound)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, f"random{case}.nfg")
            write_game(game, path)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "exactbargain", "equilibria", path, "--correlated", "--json"],
                                  capture_output=True, text=True, cwd=root)
            seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"equilibria on {case} failed: {done.stderr.strip()}")
        doc = json.loads(done.stdout)["correlated"]
        row = {"case": f"cli {case}", "cli_s": round(seconds, 3), "points": len(doc["payoff_extreme_points"]),
               "outer_points": len(doc["payoff_outer_points"]), "gap": doc["payoff_set_gap"],
               "complete": doc["payoff_set_complete"]}
        rows.append(row)
        if not args.json:
            print(f"{row['case']:>14}  {seconds:7.2f} s  {row['points']} inner and {row['outer_points']} outer points,"
                  f" gap {float(parse_rational(row['gap'])):.4g}, complete {row['complete']}", flush=True)  # float-guide: display
    for case in args.tolerance_case or ["20x20"]:
        shape = tuple(int(k) for k in case.split("x"))
        game = random_game(random.Random(f"{args.seed}-{shape}"), shape, args.bound)
        ce = CorrelatedEquilibria(game)
        start = time.perf_counter()
        diameter = max(ce.best_for(i).value - ce.worst_for(i).value for i in range(len(shape)))
        tolerance = Fraction(args.relative_gap) * diameter
        payoffs = ce.payoff_set(tolerance=tolerance)
        seconds = time.perf_counter() - start
        verified = payoffs.verify()
        row = {"case": f"tolerance {case}", "tolerance_s": round(seconds, 3), "diameter": format_rational(diameter),
               "tolerance": format_rational(tolerance), "lps": payoffs.lps, "points": len(payoffs),
               "gap": format_rational(payoffs.gap),
               "gap_over_diameter": round(float(payoffs.gap / diameter), 6) if diameter else 0.0,  # float-guide: display
               "complete": payoffs.complete, "verified": verified}
        rows.append(row)
        if not args.json:
            print(f"{row['case']:>14}  {seconds:7.2f} s  {payoffs.lps} LPs, {len(payoffs)} points,"
                  f" gap / diameter {row['gap_over_diameter']:.3g} (target {args.relative_gap}), verified {verified}",
                  flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small cases only")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--bound", type=int, default=100, help="payoffs are integers in [-bound, bound]")
    parser.add_argument("--case", action="append", metavar="SHAPE",
                        help="run only this shape, e.g. 20x20 or 5x5x5 (repeatable)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--no-float", action="store_true", help="skip the float HiGHS reference")
    which.add_argument("--float-only", action="store_true",
                       help="run only the float HiGHS reference (no exact run, no Nash)")
    parser.add_argument("--float-max-lps", type=int, default=20_000, metavar="K",
                        help="cap on the float reference's LPs per case (default 20000)")
    parser.add_argument("--anytime", action="store_true",
                        help="run the anytime payoff-set cases instead (default budget CLI runs, tolerance runs)")
    parser.add_argument("--cli-case", action="append", metavar="SHAPE",
                        help="with --anytime: a game for the default-budget CLI run (default 40x40 and 6x6x6)")
    parser.add_argument("--tolerance-case", action="append", metavar="SHAPE",
                        help="with --anytime: a game refined to the relative gap (default 20x20)")
    parser.add_argument("--relative-gap", default="1/1000", metavar="R",
                        help="with --anytime: the gap to reach, relative to the diameter (default 1/1000)")
    args = parser.parse_args(argv)
    if args.anytime:
        rows = _anytime_rows(args)
        if args.json:
            print(json.dumps(rows, indent=2))
        return 0 if all(r.get("verified", True) for r in rows) else 1
    shapes = [(5, 5), (10, 10), (3, 3, 3)] if args.quick else [(5, 5), (10, 10), (20, 20), (3, 3, 3), (4, 4, 4), (5, 5, 5)]
    if args.case:
        shapes = [tuple(int(k) for k in case.split("x")) for case in args.case]
    rows = []
    for shape in shapes:
        rnd = random.Random(f"{args.seed}-{shape}")
        game = random_game(rnd, shape, args.bound)
        name = "x".join(map(str, shape))
        ref = {} if args.no_float else float_reference(game, args.float_max_lps)
        if not args.json and ref:
            print(f"{name:>8}  float HiGHS {ref['float_s']:7.3f} s  {ref['float_lps']:4d} LPs  "
                  f"{ref['float_points']:3d} {'vertices' if len(shape) == 2 else 'extreme points'}"
                  f"  ({ref['float_ms_per_lp']:.3f} ms per LP; {ref['float_highs_run_s']:.3f} s in Highs.run)" + ("  LP cap reached" if ref["float_capped"] else ""),
                  flush=True)
        elif not args.json and not args.no_float:
            print(f"{name:>8}  float HiGHS hull unavailable (needs scipy and a full-dimensional polytope)", flush=True)
        if args.float_only:
            rows.append({"case": name, **ref})
            continue
        ce = CorrelatedEquilibria(game)
        with _HighsClock() as clock:
            start = time.perf_counter()
            points = ce.payoff_set()
            elapsed = time.perf_counter() - start
        start = time.perf_counter()
        ok = all(p.verify() for p in points)
        verify_s = time.perf_counter() - start
        row = {"case": name, "payoff_set_s": round(elapsed, 4), "lps": ce.lp_count,
               "extreme_points": len(points), "verified": ok, "verify_s": round(verify_s, 4),
               "exact_highs_run_s": round(clock.seconds, 4), "exact_highs_runs": clock.runs,
               "exact_ipm_runs": clock.ipm_runs}
        if len(shape) == 2:
            start = time.perf_counter()
            eqs = nash_equilibria(game)
            row["nash_s"] = round(time.perf_counter() - start, 4)
            row["nash_equilibria"] = len(eqs)
        row.update(ref)
        if ref:
            row["ratio_to_float"] = round(elapsed / max(ref["float_s"], 1e-9), 2)  # float-guide
        same = ""
        if len(shape) > 2 and not args.no_float:
            start = time.perf_counter()
            float_same_lp_count(FloatCE(game), ce.lp_count, f"{args.seed}-{shape}")
            seconds = time.perf_counter() - start
            row["float_same_lps_s"] = round(seconds, 4)
            row["float_same_lps_ms_per_lp"] = round(1000 * seconds / max(ce.lp_count, 1), 4)  # float-guide
            row["ratio_to_float_same_lps"] = round(elapsed / max(seconds, 1e-9), 2)  # float-guide
            same = (f"\n{'':>8}  float HiGHS, the same {ce.lp_count} LPs along random directions:"
                    f" {seconds:.3f} s ({row['float_same_lps_ms_per_lp']:.3f} ms per LP),"
                    f" ours / that {row['ratio_to_float_same_lps']:.1f}x")
        rows.append(row)
        if not args.json:
            print(f"{row['case']:>8}  payoff set {elapsed:7.3f} s  {ce.lp_count:4d} LPs  {len(points):3d} extreme points"
                  f"  verified {ok} ({verify_s:.3f} s)"
                  + (f"  Nash {row['nash_s']:.3f} s ({row['nash_equilibria']})" if "nash_s" in row else "")
                  + (f"  ours / float {row['ratio_to_float']:.1f}x" if "ratio_to_float" in row else "")
                  + same
                  + f"\n{'':>8}  of which {clock.seconds:.3f} s in {clock.runs} Highs.run calls"
                    f" ({clock.ipm_runs} interior-point), {elapsed - clock.seconds:.3f} s exact and bookkeeping",
                  flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0 if all(r.get("verified", True) for r in rows) else 1

if __name__ == "__main__":
    sys.exit(main())
