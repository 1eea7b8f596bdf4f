"""The ``exactbargain`` command.

Exit codes: 0 success, 1 a checked property fails, 2 bad input (one line on stderr naming
the problem and where it is).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import warnings
from importlib import resources
from pathlib import Path
from typing import Callable, Sequence

from . import __version__
from .errors import ExactBargainError
from .game import Game

__all__ = ["main", "build_parser", "example_path", "EXAMPLES"]

#: The bundled examples shown by ``exactbargain demo``, in story order.
EXAMPLES = (
    "prisoners_dilemma.nfg",
    "chicken.nfg",
    "chicken_locked.nfg",
    "battle_of_the_sexes.nfg",
    "matching_pennies.nfg",
    "trivial.nfg",
    "trivial_indifferent_curse.nfg",
    "trivial_costly_curse.nfg",
    "trivial_credible_curse.nfg",
    "prisoners_dilemma_curse.nfg",
    "battle_of_the_sexes_curse.nfg",
    "public_goods3.nfg",
)


def example_path(name: str) -> Path:
    """Path of a bundled example game (e.g. ``"chicken.nfg"``)."""
    path = Path(str(resources.files("exactbargain") / "examples" / name))
    if not path.is_file():
        raise ExactBargainError(f"no bundled example named {name!r}; the examples are {list(EXAMPLES)}")
    return path


def _load(path: str) -> Game:
    from .formats import read_game

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        game = read_game(path)
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    return game


def _describe(game: Game) -> str:
    head = game.title or "(untitled game)"
    lines = [head, "=" * len(head)]
    if game.comment:
        lines.append(textwrap.fill(game.comment, width=88))
    shape = " x ".join(str(m) for m in game.shape)
    lines.append(f"{game.num_players} players, {shape} actions, best total W = {game.W}")
    lines.append("")
    lines.append(str(game))
    return "\n".join(lines)


def _cmd_show(args: argparse.Namespace) -> int:
    game = _load(args.game)
    print(_describe(game))
    return 0


def _cmd_convert(args: argparse.Namespace) -> int:
    from .formats import write_game

    game = _load(args.input)
    write_game(game, args.output, outcome_form=args.outcome_form)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from .formats import read_game

    for k, name in enumerate(EXAMPLES):
        if k:
            print()
        print(_describe(read_game(example_path(name))))
        print(f"(file: examples/{name})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``exactbargain`` command."""
    parser = argparse.ArgumentParser(
        prog="exactbargain",
        description="Exact bargaining solutions for normal-form games, in rational arithmetic.",
        epilog="Exit codes: 0 success, 1 a checked property fails, 2 bad input.",
    )
    parser.add_argument("--version", action="version", version=f"exactbargain {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    show = sub.add_parser("show", help="print a game (two players: as a matrix; otherwise a profile table)",
                          description="Print a game read from a Gambit .nfg or exactbargain .json file.")
    show.add_argument("game", metavar="GAME", help="a .nfg or .json game file")
    show.set_defaults(run=_cmd_show)

    convert = sub.add_parser("convert", help="convert between .nfg and .json (by extension)",
                             description="Read IN and write OUT; the format follows each file's extension (.nfg or .json).")
    convert.add_argument("input", metavar="IN", help="the game file to read")
    convert.add_argument("output", metavar="OUT", help="the game file to write")
    convert.add_argument("--outcome-form", action="store_true",
                         help="write .nfg in Gambit's outcome version (default: payoff version)")
    convert.set_defaults(run=_cmd_convert)

    demo = sub.add_parser("demo", help="walk through the bundled example games",
                          description="Print the bundled example games of the threat-resistant bargaining story.")
    demo.set_defaults(run=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except ExactBargainError as exc:
        print(f"exactbargain: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"exactbargain: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("exactbargain: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
