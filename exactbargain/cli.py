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


def _fmt(values) -> list[str]:
    from .numbers import format_rational

    return [format_rational(v) for v in values]


def _cmd_equilibria(args: argparse.Namespace) -> int:
    import json

    from .equilibria import CorrelatedEquilibria, nash_equilibria

    game = _load(args.game)
    want_ce = args.correlated or not args.nash
    want_nash = args.nash or not args.correlated
    doc: dict = {"players": list(game.players)}
    text: list[str] = []
    if want_ce:
        ce = CorrelatedEquilibria(game)
        welfare = ce.max_welfare()
        best = [ce.best_for(i) for i in range(game.num_players)]
        floor = ce.floor()
        extreme = ce.payoff_set()
        frontier = ce.pareto_frontier()
        correlated = {
            "max_welfare": _fmt([welfare.value])[0],
            "best_for": _fmt(p.value for p in best),
            "floor": _fmt(floor),
            "payoff_extreme_points": [_fmt(p.payoffs) for p in extreme],
            "pareto_frontier": [_fmt(p.payoffs) for p in frontier],
        }
        text += [
            "Correlated equilibria",
            f"  max welfare      {welfare.value}  at {welfare}",
            "  best for         " + ", ".join(f"{game.players[i]}: {p.value}" for i, p in enumerate(best)),
            "  floor            " + ", ".join(f"{game.players[i]}: {v}" for i, v in enumerate(floor)),
            f"  payoff set       {len(extreme)} extreme points",
        ]
        text += [f"    ({', '.join(map(str, p.payoffs))})" for p in extreme]
        if args.pareto:
            text.append(f"  Pareto frontier  {len(frontier)} extreme points")
            text += [f"    ({', '.join(map(str, p.payoffs))})" for p in frontier]
        if args.vertices:
            vertices = ce.vertices()
            correlated["vertices"] = [
                {"distribution": _fmt(v.distribution), "payoffs": _fmt(v.payoffs)} for v in vertices
            ]
            text.append(f"  polytope vertices {len(vertices)} (distribution -> payoffs)")
            text += [f"    ({', '.join(map(str, v.distribution))}) -> ({', '.join(map(str, v.payoffs))})"
                     for v in vertices]
        doc["correlated"] = correlated
    if want_nash:
        equilibria = nash_equilibria(game)
        doc["nash"] = [eq.to_json() for eq in equilibria]
        if not equilibria.complete:
            doc["nash_complete"] = False
        if text:
            text.append("")
        text.append(str(equilibria))
    if args.json:
        print(json.dumps(doc, indent=2))
    else:
        print("\n".join(text))
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

    eq = sub.add_parser(
        "equilibria", help="correlated and Nash equilibria, exactly",
        description="Correlated equilibria (max welfare, best and worst payoff per player, the CE payoff "
                    "polytope's extreme points and Pareto frontier) and Nash equilibria (two players: all "
                    "extreme equilibria; more: the pure ones). Without --correlated or --nash, both.")
    eq.add_argument("game", metavar="GAME", help="a .nfg or .json game file")
    eq.add_argument("--correlated", action="store_true", help="correlated equilibria")
    eq.add_argument("--nash", action="store_true", help="Nash equilibria")
    eq.add_argument("--vertices", action="store_true", help="also list the vertices of the CE polytope (small games)")
    eq.add_argument("--pareto", action="store_true", help="also print the CE Pareto frontier (always in --json)")
    eq.add_argument("--json", action="store_true", help="print JSON")
    eq.set_defaults(run=_cmd_equilibria)

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
