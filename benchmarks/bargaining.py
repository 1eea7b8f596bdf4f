"""Timings of the bargaining rules on larger games.

    python benchmarks/bargaining.py [--seed N] [--profile]

1. ``exactbargain solve --rule all`` on a random 4-player game with 3 actions each (payoffs
   in -5..5): CoCo plus every fallback selection rule under both coalition models.
2. The n-player CoCo value of a random 5-player game with 2 actions each.

Each is timed end to end, including ``verify()`` of every result (which the CLI runs too).
With ``--profile`` the top entries of a cProfile run are printed as well.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exactbargain import Game  # noqa: E402
from exactbargain.bargaining import coco  # noqa: E402
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
    print(f"{label}: {elapsed:.2f} s")
    return elapsed


def run(seed: int, profile: bool, tmp: Path) -> None:
    g4 = random_game(4, 3, seed)
    path = tmp / f"bench4x3_{seed}.nfg"
    write_game(g4, path)

    def solve_all():
        out = io.StringIO()
        with redirect_stdout(out):
            code = main(["solve", str(path), "--rule", "all"])
        assert code == 0, out.getvalue()

    timed(f"solve --rule all, 4 players x 3 actions (seed {seed})", solve_all, profile)

    g5 = random_game(5, 2, seed)

    def coco5():
        value = coco(g5)
        assert value.verify()

    timed(f"n-player CoCo, 5 players x 2 actions (seed {seed})", coco5, profile)


if __name__ == "__main__":
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, action="append", help="random game seed (repeatable)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for seed in args.seed or [1, 2, 3]:
            run(seed, args.profile, Path(tmp))
