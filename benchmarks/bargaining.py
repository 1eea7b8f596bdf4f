"""Timings of the bargaining rules on larger games.

    python benchmarks/bargaining.py [--seed N] [--profile] [--json] [--no-small]
                                    [--selection-size M ...] [--selection-seed N ...]
                                    [--selection-rule R ...]

1. ``exactbargain solve --rule all`` on a random 4-player game with 3 actions each (payoffs
   in -5..5): CoCo plus every fallback selection rule under both coalition models.
2. The n-player CoCo value of a random 5-player game with 2 actions each.
3. The selection rules ``nash``, ``egalitarian``, ``welfare`` and ``dictator-1`` on the CE
   payoff polygon of random M x M bimatrix games (M = 20, 30, 40; payoffs in -100..100,
   drawn as in ``benchmarks/equilibria.py``, seed 2026 unless --selection-seed): each rule
   timed alone on a fresh selector (so it pays for the LPs it needs, e.g. the CE floor),
   then all four on one selector, the way ``solve --rule all`` shares their LPs. ``lps``
   counts the exact LPs.

4. ``exactbargain solve GAME --rule all --json`` end to end (in this process) on the random
   M x M bimatrix game of case 3 (``--rule-all-size M``, default 40; 0 skips it): every
   rule, the rules that cannot run listed as skipped with their reason.

Each is timed end to end, including ``verify()`` of every result (which the CLI runs too).
With ``--profile`` the top entries of a cProfile run are printed as well. ``--json`` prints
one JSON list of rows instead: ``{"case", "seed", "seconds"}`` for cases 1 and 2, and
``{"case": "selection", "size", "seed", "rule", "seconds", "select_s", "verify_s", "lps",
"payoffs"}`` for case 3 (``rule`` is ``"all"`` for the four on one selector), and ``{"case":
"solve --rule all", "size", "seed", "seconds", "ran", "skipped"}`` for case 4.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exactbargain import Game  # noqa: E402
from exactbargain.bargaining import coco  # noqa: E402
from exactbargain.bargaining.fallback import _Selector  # noqa: E402
from exactbargain.cli import main  # noqa: E402
from exactbargain.formats import write_game  # noqa: E402


def random_game(n: int, m: int, seed: int) -> Game:
    rng = random.Random(seed)
    actions = [tuple("abcdefgh"[:m])] * n
    table = {}

    def payoff(profile):
        if profile not in table:
            table[profile] = tuple(rng.randint(-5, 5) for _ in range(n))
        return table[profile]

    return Game.from_function(payoff, actions, title=f"random {n}-player {m}-action game (seed {seed})")


def random_bimatrix(m: int, seed: int, bound: int = 100) -> Game:
    """A random ``m x m`` bimatrix game with integer payoffs in ``[-bound, bound]``: the
    game ``benchmarks/equilibria.py --seed SEED --case MxM`` draws."""
    rng = random.Random(f"{seed}-{(m, m)}")
    return Game.from_flat([[rng.randint(-bound, bound) for _ in range(m * m)] for _ in range(2)], [m, m])


#: The selection rules of case 3.
SELECTION_RULES = ("nash", "egalitarian", "welfare", "dictator-1")


def selection_rows(m: int, seed: int, rules, profile: bool, quiet: bool) -> list[dict]:
    """Case 3 on one game: every rule alone on a fresh selector, then all on one."""
    game = random_bimatrix(m, seed)
    rows = []
    for rule in (*rules, "all"):
        selector = _Selector(game, "correlated")
        names = rules if rule == "all" else (rule,)
        start = time.perf_counter()
        if profile:
            prof = cProfile.Profile()
            prof.enable()
        selections = [selector.select(r) for r in names]
        select_s = time.perf_counter() - start
        if profile:
            prof.disable()
            stream = io.StringIO()
            pstats.Stats(prof, stream=stream).sort_stats("cumulative").print_stats(25)
            print(stream.getvalue(), file=sys.stderr)
        ok = all(s.verify() for s in selections)
        elapsed = time.perf_counter() - start
        assert ok, f"{rule} on {game.title} did not verify"
        row = {"case": "selection", "size": f"{m}x{m}", "seed": seed, "rule": rule,
               "seconds": round(elapsed, 4), "select_s": round(select_s, 4),
               "verify_s": round(elapsed - select_s, 4), "lps": selector.domain.lp_count,
               "payoffs": None if rule == "all" else [str(x) for x in selections[0].payoffs]}
        rows.append(row)
        if not quiet:
            print(f"{rule:>12} on {m}x{m} (seed {seed}): {elapsed:.2f} s (select {select_s:.2f} s, "
                  f"verify {elapsed - select_s:.2f} s), {row['lps']} LPs", flush=True)
    return rows


def rule_all_row(m: int, seed: int, profile: bool, tmp: Path) -> dict:
    """Case 4: ``solve --rule all --json`` on the random ``m x m`` game of case 3."""
    path = tmp / f"bench{m}x{m}_{seed}.nfg"
    write_game(random_bimatrix(m, seed), path)
    out = io.StringIO()

    def solve_all():
        with redirect_stdout(out):
            code = main(["solve", str(path), "--rule", "all", "--json"])
        assert code == 0, out.getvalue()

    seconds = timed(f"solve --rule all on {m}x{m} (seed {seed})", solve_all, profile)
    entries = json.loads(out.getvalue())
    skipped = [e for e in entries if e.get("skipped")]
    if not QUIET:
        print(f"  {len(entries) - len(skipped)} rules ran, {len(skipped)} skipped"
              + (f" ({skipped[0]['skipped']})" if skipped else ""))
    return {"case": "solve --rule all", "size": f"{m}x{m}", "seed": seed, "seconds": round(seconds, 4),
            "ran": len(entries) - len(skipped), "skipped": len(skipped)}


def timed(label: str, fn, profile: bool) -> float:
    start = time.perf_counter()
    if profile:
        prof = cProfile.Profile()
        prof.enable()
    fn()
    elapsed = time.perf_counter() - start
    if profile:
        prof.disable()
        stream = io.StringIO()
        pstats.Stats(prof, stream=stream).sort_stats("cumulative").print_stats(25)
        print(stream.getvalue())
    if not QUIET:
        print(f"{label}: {elapsed:.2f} s")
    return elapsed


#: ``--json``: nothing but the JSON list goes to stdout.
QUIET = False


def run(seed: int, profile: bool, tmp: Path) -> list[dict]:
    g4 = random_game(4, 3, seed)
    path = tmp / f"bench4x3_{seed}.nfg"
    write_game(g4, path)

    def solve_all():
        out = io.StringIO()
        with redirect_stdout(out):
            code = main(["solve", str(path), "--rule", "all"])
        assert code == 0, out.getvalue()

    rows = [{"case": "solve --rule all, 4 players x 3 actions", "seed": seed,
             "seconds": round(timed(f"solve --rule all, 4 players x 3 actions (seed {seed})", solve_all, profile), 4)}]

    g5 = random_game(5, 2, seed)

    def coco5():
        value = coco(g5)
        assert value.verify()

    rows.append({"case": "n-player CoCo, 5 players x 2 actions", "seed": seed,
                 "seconds": round(timed(f"n-player CoCo, 5 players x 2 actions (seed {seed})", coco5, profile), 4)})
    return rows


if __name__ == "__main__":
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, action="append", help="random game seed (repeatable)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary")
    parser.add_argument("--json", action="store_true", help="print the rows as one JSON list")
    parser.add_argument("--selection-size", type=int, action="append", metavar="M",
                        help="case 3 on M x M games (repeatable; default 20, 30 and 40; 0 skips case 3)")
    parser.add_argument("--selection-seed", type=int, action="append", metavar="N",
                        help="case 3's random game seed (repeatable; default 2026)")
    parser.add_argument("--selection-rule", action="append", choices=SELECTION_RULES,
                        help="case 3 with this rule only (repeatable; default all four)")
    parser.add_argument("--no-small", action="store_true", help="skip cases 1 and 2")
    parser.add_argument("--rule-all-size", type=int, action="append", metavar="M",
                        help="case 4 on M x M games (repeatable; default 40; 0 skips case 4)")
    args = parser.parse_args()
    QUIET = args.json
    rows: list[dict] = []
    sizes = [m for m in (args.selection_size or [20, 30, 40]) if m > 0]
    rules = tuple(args.selection_rule or SELECTION_RULES)
    with tempfile.TemporaryDirectory() as tmp:
        for seed in [] if args.no_small else args.seed or [1, 2, 3]:
            rows += run(seed, args.profile, Path(tmp))
    for seed in args.selection_seed or [2026]:
        for m in sizes:
            rows += selection_rows(m, seed, rules, args.profile, args.json)
        with tempfile.TemporaryDirectory() as tmp:
            for m in [m for m in (args.rule_all_size or [40]) if m > 0]:
                rows.append(rule_all_row(m, seed, args.profile, Path(tmp)))
    if args.json:
        print(json.dumps(rows, indent=2))
