"""Record Gambit's answers to the tests' questions into tests/data/gambit_answers.json.

    python -m pip install -e '.[gambit]'      # pygambit (compiles Gambit: a few minutes)
    python tests/data/record_gambit.py        # rewrites gambit_answers.json
    python tests/data/record_gambit.py --check  # exit 1 if the recording is out of date

A maintainer reruns it when Gambit changes, when a corpus file or a recorded question changes,
or when the .nfg writer's output changes (the recording names each file we wrote and Gambit read
back by its SHA-256). The default test suite compares against the recording; the tests marked
``gambit`` ask pygambit itself. The questions:

* every corpus file in gambit/: pygambit's reading (title, description, player and strategy
  labels, each profile's payoffs), ``enumpure_solve``, and for two players
  ``enummixed_solve(rational=True)``; and whether pygambit reads back both forms of the file as
  exactbargain writes it with the same players and payoffs;
* the hand-written .nfg texts of tests/test_formats_nfg.py (``GAMBIT_TEXTS``);
* ``enummixed_solve(rational=True)`` on the two-chooser games reduced from the corpus (as
  tests/test_nash.py builds them) and on seeded random small bimatrix games;
* ``lp_solve(rational=True)`` on the matrix games of tests/test_minimax.py (``LP_GAMES``).

The output is deterministic: files in name order, profiles sorted, numbers as exact text.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import warnings
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
for _folder in (ROOT, TESTS):  # this checkout's exactbargain, and the tests' modules
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

import pygambit  # noqa: E402  (after the path set-up above)

from exactbargain.errors import GameFormatWarning  # noqa: E402
from exactbargain.formats import read_nfg, write_nfg  # noqa: E402
from gambit_answers import ANSWERS_FILE, CORPUS, Live, digest, matrix  # noqa: E402
from test_formats_nfg import GAMBIT_TEXTS  # noqa: E402
from test_minimax import LP_GAMES  # noqa: E402

RANDOM_SEED = 13
RANDOM_GAMES = 60  # bimatrix games of 1 to 4 actions a player, payoffs -2..2 (mostly degenerate)
# `name` of a recorded bimatrix game: FILE-reduced, or random-SEED-K for the K-th random game

LIVE = Live()


def written(path: Path) -> dict:
    """The SHA-256 of each form of the file as we write it, if Gambit reads it as the file.

    ``None`` where pygambit reads different players or payoffs from what we wrote.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GameFormatWarning)
        ours = read_nfg(path)
    original = LIVE.read_file(path)
    result = {}
    for form, outcome_form in (("payoff form", False), ("outcome form", True)):
        nfg_text = write_nfg(ours, outcome_form=outcome_form)
        back = LIVE.read_text(nfg_text)
        same = (back["players"], back["payoffs"]) == (original["players"], original["payoffs"])
        result[form] = digest(nfg_text) if same else None
    return result


def reduced(read: dict) -> tuple[list, list] | None:
    """The bimatrix game of a file's two choosers, when all other players have one strategy."""
    shape = [len(s) for s in read["strategies"]]
    choosers = [k for k, m in enumerate(shape) if m > 1]
    if len(shape) <= 2 or len(choosers) != 2:
        return None
    i, j = choosers
    cells = iter(read["payoffs"])  # C order: with the others fixed, rows i then columns j
    A = [[None] * shape[j] for _ in range(shape[i])]
    B = [[None] * shape[j] for _ in range(shape[i])]
    for r in range(shape[i]):
        for c in range(shape[j]):
            u = next(cells)
            A[r][c], B[r][c] = u[i], u[j]
    return A, B


def random_bimatrices() -> list[tuple[list, list]]:
    rnd = random.Random(RANDOM_SEED)
    games = []
    for _ in range(RANDOM_GAMES):
        m, n = rnd.randint(1, 4), rnd.randint(1, 4)
        games.append(tuple([[rnd.randint(-2, 2) for _ in range(n)] for _ in range(m)] for _ in range(2)))
    return games


def record() -> dict:
    """Every recorded answer, asked of the installed pygambit now."""
    files, bimatrices = {}, []
    for path in sorted(CORPUS.glob("*.nfg")):
        entry = LIVE.read_file(path)
        entry["enumpure"] = LIVE.enumpure(path)
        if len(entry["players"]) == 2:
            entry["enummixed"] = LIVE.enummixed(path)
        entry["written"] = written(path)
        files[path.name] = entry
        if (game := reduced(entry)) is not None:
            bimatrices.append({"name": f"{path.stem}-reduced", "A": game[0], "B": game[1]})
    bimatrices += [
        {"name": f"random-{RANDOM_SEED}-{k}", "A": matrix(A), "B": matrix(B)}
        for k, (A, B) in enumerate(random_bimatrices(), start=1)
    ]
    for case in bimatrices:
        case["enummixed"] = LIVE.enummixed_bimatrix(case["A"], case["B"])
    return {
        "about": "Gambit's answers to the tests' questions, recorded by tests/data/record_gambit.py: "
                 "do not edit by hand. Numbers are exact; payoffs list each profile in C order "
                 "(the first player's strategy changes slowest).",
        "pygambit": pygambit.__version__,
        "files": files,
        "texts": [{"text": t, **LIVE.read_text(t)} for t in GAMBIT_TEXTS],
        "bimatrices": bimatrices,
        "lp_solve": [{"A": matrix(A), **LIVE.lp_solve(matrix(A))} for A in LP_GAMES],
    }


def dumps(value, indent: int = 0, width: int = 100) -> str:
    """JSON, one item a line only where the item does not fit on the line."""
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (list, dict)) or not value or indent + len(flat) <= width:
        return flat
    pad = " " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {dumps(v, indent + 1, width)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + dumps(v, indent + 1, width) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the recording instead of writing it")
    args = parser.parse_args(argv)
    new = dumps(record()) + "\n"
    if args.check:
        old = ANSWERS_FILE.read_text(encoding="utf-8") if ANSWERS_FILE.exists() else ""
        if old != new:
            print(f"{ANSWERS_FILE} is out of date: rerun {Path(__file__).relative_to(ROOT)}", file=sys.stderr)
            return 1
        print(f"{ANSWERS_FILE.relative_to(ROOT)} is up to date (pygambit {pygambit.__version__})")
        return 0
    ANSWERS_FILE.write_text(new, encoding="utf-8")
    print(f"wrote {ANSWERS_FILE.relative_to(ROOT)} (pygambit {pygambit.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
