"""``exactbargain solve``: bargaining solutions of a game, one rule or all of them.

The rules, selection rules and coalition models offered come from the registries of
:mod:`exactbargain.bargaining`; :func:`_cmd_solve` picks the mode (``--rule all`` or one rule)
and each mode is one function.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from ..errors import ExactBargainError
from ..game import Game
from .common import _load, _shown, _shown_vec, echo, select_help

def _solution_text(game: Game, solution, explain: bool) -> str:
    lines = [str(solution)]
    width = max(len(p) for p in game.players)
    for name, value in zip(game.players, solution.payoffs):
        lines.append(f"  {name.ljust(width)}  {_shown([value])[0]}")
    if solution.disagreement is not None:
        lines.append(f"  disagreement point {_shown_vec(solution.disagreement)}")
    if solution.coalition_values is not None:
        lines.append("  coalition function:")
        lines += ["    " + row for row in str(solution.coalition_values).splitlines()]
    lines.append(f"  verified: {'yes' if solution.verify() else 'NO'}")
    if explain:
        lines += ["", solution.explain()]
    return "\n".join(lines)


#: The output formats of ``exactbargain solve --format``.
SOLVE_FORMATS = ("text", "json", "latex", "markdown")


def _comparison(game: Game, rows, title: str | None = None, compact: bool = False):
    """The ``--rule all`` table and whether every solution verified."""
    from ..report import comparison_table

    verified = [True if isinstance(sol, str) else sol.verify() for _, _, _, sol in rows]
    return comparison_table(game, rows, verified=verified, title=title, compact=compact), all(verified)


def _explained(fmt: str, explanations: Sequence[str]) -> str:
    """Derivations appended to a LaTeX or Markdown table (verbatim: they are plain text)."""
    body = "\n\n".join(explanations)
    if fmt == "latex":
        return "\n\n\\begin{verbatim}\n" + body + "\n\\end{verbatim}"
    return "\n\n```text\n" + body + "\n```"


def _solve_format(args: argparse.Namespace) -> str:
    if args.json and args.format not in (None, "json"):
        raise ExactBargainError(f"--json is --format json; it cannot be combined with --format {args.format}")
    return "json" if args.json else (args.format or "text")


def _skipped_summary(rule: str, select: str | None, model: str | None, reason: str) -> dict:
    """The ``--rule all --json`` entry of a rule that did not run: the keys of the result
    contract with ``payoffs`` (and every other value) ``null``, plus ``skipped``, the reason."""
    from ..bargaining.results import contract

    doc = contract(rule, select, model, (), None, None, False)
    for prefix in ("skipped: ", "n/a: "):
        reason = reason.removeprefix(prefix)
    doc.update(payoffs=None, verified=None, skipped=reason)
    return doc


def _cmd_solve(args: argparse.Namespace) -> int:
    if args.param is not None:
        from ..parametric import command as parametric_command

        _solve_format(args)
        return parametric_command.run(args)
    if args.range is not None:
        raise ExactBargainError("--range needs --param (the parameter of a family of games)")
    fmt = _solve_format(args)
    game = _load(args.game)
    if args.rule == "all":
        return _solve_all(game, args, fmt)
    return _solve_one(game, args, fmt)


def _solve_all(game: Game, args: argparse.Namespace, fmt: str) -> int:
    """``--rule all``: every rule of the registry, as one table or a list of JSON results."""
    import json

    from ..bargaining import compare

    title = game.title or Path(args.game).name
    if args.select is not None or args.coalitions is not None:
        raise ExactBargainError("--rule all compares every selection rule and coalition model; "
                                "drop --select and --coalitions")
    rows = compare(game)
    ran = [sol for _, _, _, sol in rows if not isinstance(sol, str)]
    if not ran:
        reasons = dict.fromkeys(sol for _, _, _, sol in rows)
        raise ExactBargainError("no rule could run on this game: " + "; ".join(reasons))
    if fmt == "json":
        docs = [_skipped_summary(rule, select, model, sol) if isinstance(sol, str) else sol.summary()
                for rule, select, model, sol in rows]
        echo(json.dumps(docs, indent=2))
        return 0 if all(d["verified"] for d in docs if "skipped" not in d) else 1
    table, ok = _comparison(game, rows, title, compact=fmt != "text")
    explanations = [sol.explain() for _, _, _, sol in rows if not isinstance(sol, str)] if args.explain else []
    if fmt == "text":
        echo(f"{game.title or args.game}: W = {_shown([game.W])[0]}")
        echo(table.text(caption=False))
        for text in explanations:
            echo()
            echo(text)
    else:
        out = table.render(fmt)
        echo(out + (_explained(fmt, explanations) if explanations else ""))
    return 0 if ok else 1


def _solve_one(game: Game, args: argparse.Namespace, fmt: str) -> int:
    """One rule (``--rule``, ``--select``, ``--coalitions``)."""
    import json

    from ..bargaining import solve

    title = game.title or Path(args.game).name
    solution = solve(game, args.rule, args.select, args.coalitions)
    if fmt == "json":
        doc = solution.summary()
        echo(json.dumps(doc, indent=2))
        return 0 if doc["verified"] else 1
    if fmt == "text":
        echo(_solution_text(game, solution, args.explain))
        return 0 if solution.verify() else 1
    from ..report import render

    ok = solution.verify()
    out = render(solution, fmt, title=title)
    echo(out + (_explained(fmt, [solution.explain()]) if args.explain else ""))
    if not ok:
        echo("exactbargain: the solution did not verify", file=sys.stderr)
    return 0 if ok else 1

def add_parser(sub) -> None:
    """The ``solve`` command."""
    from ..bargaining import COALITION_MODELS, RULES

    solve = sub.add_parser(
        "solve", help="bargaining solutions of a game: CoCo, fallback, Nash and Kalai-Smorodinsky",
        description="Solve a game exactly. coco: the CoCo value. fallback: a correlated-equilibrium "
                    "disagreement point chosen by --select, surplus split equally (two players) or by "
                    "Shapley over --coalitions (more players). nash-fallback: the same over the hull of the "
                    "Nash equilibrium payoffs (two players). nbs, ks: Nash and Kalai-Smorodinsky bargaining "
                    "over the hull of the outcomes (no transfers) from the CE point of --select. all: one "
                    "comparison table (with --json, a list of result objects). --format latex and markdown "
                    "print tables to paste into a paper (exact fractions).")
    solve.add_argument("game", metavar="GAME", help="a .nfg or .json game file")
    solve.add_argument("--rule", choices=RULES + ("all",),
                       default="fallback", help="the solution (default: fallback)")
    solve.add_argument("--select", metavar="RULE", help=f"selection rule: {select_help()}")
    solve.add_argument("--coalitions", choices=COALITION_MODELS,
                       help="coalition model of the n-player fallback (default: two-teams)")
    solve.add_argument("--format", choices=SOLVE_FORMATS, default=None,
                       help="output format: text (default), json (the result contract), latex (a table "
                            "environment with a tabular, base LaTeX), markdown (a pipe table)")
    solve.add_argument("--json", action="store_true", help="print the JSON result contract (same as --format json)")
    solve.add_argument("--explain", action="store_true", help="also print the derivation")
    from ..parametric import command as parametric_command

    parametric_command.add_arguments(solve)
    solve.set_defaults(run=_cmd_solve)
