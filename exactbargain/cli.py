"""The ``exactbargain`` command.

Exit codes: 0 success, 1 a checked property fails, 2 bad input (one line on stderr naming
the problem and where it is), 3 an internal error (a bug: one line on stderr asking for a
report, never a traceback), 141 when the reader of stdout goes away (``| head``), quietly,
like a Unix tool stopped by SIGPIPE.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
import warnings
from importlib import resources
from pathlib import Path
from typing import Callable, Sequence, TextIO

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
    "public_goods3_unequal.nfg",
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


class _Progress:
    """A counter line on stderr, rewritten in place with ``\\r``; silent unless the stream is
    a terminal and ``--quiet`` was not given. Updates are drawn at most every ``interval``
    seconds; :meth:`close` erases the line."""

    def __init__(self, quiet: bool, stream: TextIO | None = None, interval: float = 0.1) -> None:
        self.stream = sys.stderr if stream is None else stream
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = not quiet and bool(isatty and isatty())
        self.interval = interval
        self.last: float | None = None  # monotonic time of the last drawn line
        self.width = 0

    def show(self, line: str, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and self.last is not None and now - self.last < self.interval:
            return
        self.last = now
        pad = max(0, self.width - len(line))
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self.width = len(line)

    def close(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


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
        from .equilibria.correlated import PAYOFF_SET_MAX_LPS

        ce = CorrelatedEquilibria(game)
        welfare = ce.max_welfare()
        best = [ce.best_for(i) for i in range(game.num_players)]
        floor = ce.floor()
        bar = _Progress(args.quiet)
        started = time.monotonic()

        def payoff_progress(lps: int, points: int, gap) -> None:
            # the largest facet gap, rounded up to 3 decimals (exact; shown while it runs)
            shown = -((-gap * 1000) // 1) / 1000
            bar.show(f"CE payoff set: {lps} LPs, {points} points, largest facet gap <= {float(shown):g}, "
                     f"{time.monotonic() - started:.1f} s")

        budget = {} if args.complete else {"max_lps": PAYOFF_SET_MAX_LPS if args.max_lps is None else args.max_lps,
                                            "tolerance": args.tolerance}
        try:
            extreme = ce.payoff_set(**budget, progress=payoff_progress if bar.enabled else None)
        finally:
            bar.close()
        frontier = ce.frontier_of(extreme)
        correlated = {
            "max_welfare": _fmt([welfare.value])[0],
            "best_for": _fmt(p.value for p in best),
            "floor": _fmt(floor),
            "payoff_extreme_points": [_fmt(p.payoffs) for p in extreme],
            "payoff_set_complete": extreme.complete,
            "payoff_set_gap": _fmt([extreme.gap])[0],
            "payoff_outer_points": [_fmt(v) for v in extreme.outer_points],
            "pareto_frontier": [_fmt(p.payoffs) for p in frontier],
        }
        state = "" if extreme.complete else f" (incomplete after {extreme.lps} LPs: gap {_fmt([extreme.gap])[0]})"
        text += [
            "Correlated equilibria",
            f"  max welfare      {welfare.value}  at {welfare}",
            "  best for         " + ", ".join(f"{game.players[i]}: {p.value}" for i, p in enumerate(best)),
            "  floor            " + ", ".join(f"{game.players[i]}: {v}" for i, v in enumerate(floor)),
            f"  payoff set       {len(extreme)} extreme points{state}",
        ]
        text += [f"    ({', '.join(_fmt(p.payoffs))})" for p in extreme]
        if not extreme.complete:
            text.append(f"  outer polytope   {len(extreme.outer_points)} vertices")
            text += [f"    ({', '.join(_fmt(v))})" for v in extreme.outer_points]
        if args.pareto:
            text.append(f"  Pareto frontier  {len(frontier)} extreme points")
            text += [f"    ({', '.join(map(str, p.payoffs))})" for p in frontier]
        if args.vertices:
            bar = _Progress(args.quiet)
            started = time.monotonic()

            def progress(done: int, total: int, rays: int) -> None:
                bar.show(f"CE polytope vertices: constraint {done} of {total}, {rays} rays, "
                         f"{time.monotonic() - started:.1f} s")

            try:
                vertices = ce.vertices(progress=progress if bar.enabled else None)
            finally:
                bar.close()
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


def _count(text: str) -> int:
    """An argparse type: a non-negative integer."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}")
    return value


def _tolerance(text: str):
    """An argparse type: a non-negative exact rational (``1/100``, ``0.01``)."""
    from .numbers import parse_rational

    try:
        value = parse_rational(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"the tolerance must be >= 0, got {text!r}")
    return value


def _vec(values) -> str:
    return "(" + ", ".join(_fmt(values)) + ")"


def _solution_text(game: Game, solution, explain: bool) -> str:
    lines = [str(solution)]
    width = max(len(p) for p in game.players)
    for name, value in zip(game.players, solution.payoffs):
        lines.append(f"  {name.ljust(width)}  {_fmt([value])[0]}")
    if solution.disagreement is not None:
        lines.append(f"  disagreement point {_vec(solution.disagreement)}")
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
    from .report import comparison_table

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


def _cmd_solve(args: argparse.Namespace) -> int:
    import json

    from .bargaining import compare, solve

    fmt = _solve_format(args)
    game = _load(args.game)
    title = game.title or Path(args.game).name
    if args.rule == "all":
        if args.select or args.coalitions:
            raise ExactBargainError("--rule all compares every selection rule and coalition model; "
                                    "drop --select and --coalitions")
        rows = compare(game)
        if fmt == "json":
            docs = [sol.summary() for _, _, _, sol in rows if not isinstance(sol, str)]
            print(json.dumps(docs, indent=2))
            return 0 if all(d["verified"] for d in docs) else 1
        table, ok = _comparison(game, rows, title, compact=fmt != "text")
        explanations = [sol.explain() for _, _, _, sol in rows if not isinstance(sol, str)] if args.explain else []
        if fmt == "text":
            print(f"{game.title or args.game}: W = {_fmt([game.W])[0]}")
            print(table.text(caption=False))
            for text in explanations:
                print()
                print(text)
        else:
            out = table.render(fmt)
            print(out + (_explained(fmt, explanations) if explanations else ""))
        return 0 if ok else 1
    solution = solve(game, args.rule, args.select, args.coalitions)
    if fmt == "json":
        doc = solution.summary()
        print(json.dumps(doc, indent=2))
        return 0 if doc["verified"] else 1
    if fmt == "text":
        print(_solution_text(game, solution, args.explain))
        return 0 if solution.verify() else 1
    from .report import render

    ok = solution.verify()
    out = render(solution, fmt, title=title)
    print(out + (_explained(fmt, [solution.explain()]) if args.explain else ""))
    if not ok:
        print("exactbargain: the solution did not verify", file=sys.stderr)
    return 0 if ok else 1


def _cmd_plot(args: argparse.Namespace) -> int:
    game = _load(args.game)
    from .plot import RULES, save

    try:
        from .plot import rules_for
        accepted = tuple(rules_for(game.num_players))
    except ImportError:  # pragma: no cover - rules_for is part of exactbargain.plot
        accepted = tuple(RULES)
    unknown = [r for r in args.rules or () if r not in accepted]
    if unknown:
        raise ExactBargainError(f"unknown rule{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
                                f"for a {game.num_players}-player game; choose from {', '.join(accepted)}")
    if args.dpi < 1:
        raise ExactBargainError(f"--dpi must be a positive integer, got {args.dpi}")
    save(game, args.output, args.rules, title=args.title, dpi=args.dpi, max_lps=args.max_lps)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from .bargaining import coco, fallback
    from .formats import read_game

    games = {name: read_game(example_path(name)) for name in EXAMPLES}

    def value(solution) -> str:
        return _vec(solution.payoffs)

    def chapter(title: str) -> None:
        print(title)
        print("-" * len(title))

    trivial, curse = games["trivial.nfg"], games["trivial_indifferent_curse.nfg"]
    pd, pd_curse = games["prisoners_dilemma.nfg"], games["prisoners_dilemma_curse.nfg"]
    chapter("1. A threat nobody would carry out")
    print(textwrap.fill(
        f"In the trivial game both players wait and get (0, 0). Give Row a curse that costs Row nothing "
        f"and Column 1000. CoCo moves from {value(coco(trivial))} to {value(coco(curse))}: the threat "
        f"alone buys Row {_fmt([coco(curse).payoffs[0] - coco(trivial).payoffs[0]])[0]}. The "
        f"correlated-equilibrium fallback moves from {value(fallback(trivial))} to {value(fallback(curse))}: "
        f"Row would never gain by cursing, so the curse changes no rule's choice of equilibrium and "
        f"nothing is paid for it. In the Prisoner's Dilemma the same "
        f"curse takes CoCo from {value(coco(pd))} to {value(coco(pd_curse))}, while the fallback stays at "
        f"{value(fallback(pd_curse))}.", width=88))
    print()
    locked, free = games["chicken_locked.nfg"], games["chicken.nfg"]
    chapter("2. Chicken with and without a steering wheel")
    f_locked, f_free = fallback(locked), fallback(free)
    print(textwrap.fill(
        f"With Row's wheel locked Row can only dare; Column swerves and every fallback rule gives "
        f"{value(f_locked)} (CoCo {value(coco(locked))}). Give Row the option to swerve: the correlated "
        f"equilibria now include the welfare-maximising one {_vec(f_free.disagreement)}, and the welfare "
        f"fallback gives {value(f_free)}, so Row loses "
        f"{_fmt([f_locked.payoffs[0] - f_free.payoffs[0]])[0]} by gaining an option (CoCo rises to "
        f"{value(coco(free))}). This is the action-monotonicity axiom the fallback gives up to stop "
        f"paying for threats.", width=88))
    print()
    three = games["public_goods3_unequal.nfg"]
    a = fallback(three, coalitions="two-teams")
    b = fallback(three, coalitions="team-vs-individuals")
    chapter("3. Three players: which coalition model?")
    print(textwrap.fill(
        f"In the unequal public goods game every correlated equilibrium is unique, yet the two ways "
        f"of valuing a coalition disagree. Two teams (the lone player faces the others as one team, "
        f"which contributes): v = {_vec(a.coalition_function[[i]] for i in range(3))} for the single "
        f"players and fallback {value(a)}. A team against individuals (the lone player faces the "
        f"original, uncoordinated game, where nobody contributes): v = "
        f"{_vec(b.coalition_function[[i]] for i in range(3))} and fallback {value(b)}.", width=88))
    print()
    chapter("The bundled examples")
    for k, name in enumerate(EXAMPLES):
        if k:
            print()
        game = games[name]
        print(_describe(game))
        print(f"CoCo {value(coco(game))}; fallback (welfare) {value(fallback(game))}")
        print(f"(file: examples/{name})")
    return 0

# ---------------------------------------------------------------------- axioms: check, counterexample, verify
_AXIOM_NAMES = ("efficiency", "anonymity", "relabelling", "shift", "opponent-shift", "dominance",
                "monotonicity", "redundancy", "uniform-curse", "dominated-action", "credible-threat")


def _axiom_rule(args: argparse.Namespace):
    from .axioms import SELECTIONS, as_rule

    if args.rule == "coco" and args.select:
        raise ExactBargainError("--select applies to --rule fallback only")
    if args.select and args.select not in SELECTIONS:
        raise ExactBargainError(f"unknown selection rule {args.select!r}; choose from {', '.join(SELECTIONS)}")
    return as_rule(args.rule, args.select if args.rule == "fallback" else None)


def _cmd_check(args: argparse.Namespace) -> int:
    import json

    from .axioms import check

    game = _load(args.game)
    after = _load(args.after) if args.after else None
    player = None
    if args.player is not None:
        if not 1 <= args.player <= game.num_players:
            raise ExactBargainError(f"--player must be 1..{game.num_players}, got {args.player}")
        player = args.player - 1
    verdict = check(args.axiom, _axiom_rule(args), game, after, player=player, seed=args.seed, size=args.size)
    print(json.dumps(verdict.to_json(), indent=2) if args.json else str(verdict))
    return 0 if verdict.holds else 1


def _cmd_counterexample(args: argparse.Namespace) -> int:
    import json

    from .axioms import check_out_dir, write_certificate
    from .search import find_counterexample

    if args.payoffs < 0:
        raise ExactBargainError(f"--payoffs must be >= 0, got {args.payoffs}")
    if args.force and not args.out_dir:
        raise ExactBargainError("--force applies to --out-dir only")
    if args.out_dir:  # before the search, not after it
        check_out_dir(args.out_dir, force=args.force)
    bar = _Progress(args.quiet)

    def progress(p) -> None:
        where = f" {'x'.join(map(str, p.shape))} level {p.level}" if p.shape is not None else ""
        bar.show(f"searched {p.checked} of {p.budget} games, {p.phase}{where}, {p.elapsed:.1f} s")

    try:
        result = find_counterexample(args.axiom, _axiom_rule(args), players=args.players,
                                     max_actions=args.max_actions, payoffs=range(-args.payoffs, args.payoffs + 1),
                                     budget=args.budget, seed=args.seed, progress=progress if bar.enabled else None)
    except ValueError as exc:
        raise ExactBargainError(str(exc)) from None
    finally:
        bar.close()
    print(json.dumps(result.to_json(), indent=2) if args.json else str(result))
    if not result.found:
        return 1
    if args.out_dir:
        write_certificate(result.verdict, args.out_dir, force=args.force)
        print(f"wrote {Path(args.out_dir) / 'certificate.json'}", file=sys.stderr)
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from .axioms import verify_certificate

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ok, verdict, messages = verify_certificate(args.certificate)
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    print(verdict)
    for line in messages:
        print(line)
    return 0 if ok else 1


def _add_axiom_commands(sub) -> None:
    rules = ("coco", "fallback")
    sel_help = "selection rule of --rule fallback: welfare (default), egalitarian, nash, dictator-1, dictator-2, random-dictator"

    def axiom_and_rule(parser, rule_help: str) -> None:
        parser.add_argument("--axiom", required=True, choices=_AXIOM_NAMES, metavar="AXIOM",
                            help="one of: " + ", ".join(_AXIOM_NAMES))
        parser.add_argument("--rule", required=True, choices=rules, help=rule_help)
        parser.add_argument("--select", metavar="S", help=sel_help)

    chk = sub.add_parser(
        "check", help="check an axiom of docs/theory.md §4 for a rule on a game",
        description="Check an axiom for a rule on GAME. Axioms about a modified game use --after (the modified "
                    "game; its relation to GAME is established exactly) or a modification drawn from --seed. "
                    "Exit 0 if the axiom holds, 1 (with the witness) if it is violated.")
    chk.add_argument("game", metavar="GAME", help="a .nfg or .json game file")
    axiom_and_rule(chk, "the rule to check")
    chk.add_argument("--after", metavar="GAME2", help="the modified game (default: draw a modification)")
    chk.add_argument("--player", type=int, metavar="K", help="the player the modification concerns (1-based)")
    chk.add_argument("--seed", type=int, default=0, help="seed for drawing the modification (default 0)")
    chk.add_argument("--size", metavar="T", help="curse size t for uniform-curse and dominated-action (default 1000)")
    chk.add_argument("--json", action="store_true", help="print the verdict as JSON")
    chk.set_defaults(run=_cmd_check)

    cex = sub.add_parser(
        "counterexample", help="search small integer games for a violation of an axiom",
        description="Enumerate small integer games (smallest payoffs, then fewest actions first), then search "
                    "with Hypothesis, and shrink. Exit 0 with the certificate when a violation is found, 1 when "
                    "none is found within the budget.")
    axiom_and_rule(cex, "the rule to test")
    cex.add_argument("--players", type=int, default=2, help="number of players (default 2)")
    cex.add_argument("--max-actions", type=int, default=3, help="most actions per player (default 3)")
    cex.add_argument("--payoffs", type=int, default=1, metavar="K", help="integer payoffs in -K..K (default 1)")
    cex.add_argument("--budget", type=int, default=4000, help="instances to check at most (default 4000)")
    cex.add_argument("--seed", type=int, default=0, help="seed of the Hypothesis phase (default 0)")
    cex.add_argument("--out-dir", metavar="DIR", help="write before.nfg, after.nfg and certificate.json here "
                                                      "(checked before the search starts)")
    cex.add_argument("--force", action="store_true",
                     help="replace a certificate already in --out-dir (default: refuse to overwrite)")
    cex.add_argument("--json", action="store_true", help="print the result as JSON")
    cex.add_argument("--quiet", action="store_true",
                     help="no progress line on stderr (it is shown only when stderr is a terminal)")
    cex.set_defaults(run=_cmd_counterexample)

    ver = sub.add_parser(
        "verify", help="re-check a counterexample certificate from its game files",
        description="Recompute a certificate written by 'counterexample --out-dir' from its two game files (no "
                    "search involved), trusting nothing in it: the certificate is checked against its schema and "
                    "may name only plain files in its own folder. Exit 0 if the violation is confirmed, 1 if not, "
                    "2 if the files do not form a certificate.")
    ver.add_argument("certificate", metavar="CERTIFICATE", help="DIR/certificate.json (or DIR)")
    ver.set_defaults(run=_cmd_verify)


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
    eq.add_argument("--complete", action="store_true",
                    help="the whole CE payoff set, however many LPs it takes (default: a budget of LPs)")
    eq.add_argument("--max-lps", type=_count, metavar="N",
                    help="LPs to spend on the CE payoff set (default 100); the answer says whether it is complete")
    eq.add_argument("--tolerance", type=_tolerance, metavar="T",
                    help="stop refining the CE payoff set once its gap is at most T (payoff units, e.g. 1/100)")
    eq.add_argument("--quiet", action="store_true",
                    help="no progress line on stderr for the payoff set and --vertices (shown only when stderr is "
                         "a terminal)")
    eq.set_defaults(run=_cmd_equilibria)

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
    solve.add_argument("--rule", choices=("coco", "fallback", "nash-fallback", "nbs", "ks", "all"),
                       default="fallback", help="the solution (default: fallback)")
    solve.add_argument("--select", metavar="RULE",
                       help="selection rule: welfare (default), egalitarian, nash, dictator-K, random-dictator")
    solve.add_argument("--coalitions", choices=("two-teams", "team-vs-individuals"),
                       help="coalition model of the n-player fallback (default: two-teams)")
    solve.add_argument("--format", choices=SOLVE_FORMATS, default=None,
                       help="output format: text (default), json (the result contract), latex (a table "
                            "environment with a tabular, base LaTeX), markdown (a pipe table)")
    solve.add_argument("--json", action="store_true", help="print the JSON result contract (same as --format json)")
    solve.add_argument("--explain", action="store_true", help="also print the derivation")
    solve.set_defaults(run=_cmd_solve)

    plot = sub.add_parser(
        "plot", help="draw the payoff space: outcomes, CE payoff set, solution points (needs matplotlib)",
        description="Draw GAME's payoff space (two or three players): the feasible outcomes, the correlated "
                    "equilibrium payoff set and the points of the bargaining rules, and write it to OUT (the "
                    "format follows the extension: .png, .pdf, .svg). Needs matplotlib: "
                    "pip install 'exactbargain[plot]'.")
    plot.add_argument("game", metavar="GAME", help="a .nfg or .json game file")
    plot.add_argument("-o", "--output", metavar="OUT", required=True, help="the picture to write, e.g. payoffs.png")
    plot.add_argument("--rules", nargs="+", metavar="R",
                      help="rules to mark (default: every rule that applies), e.g. coco fallback-welfare nbs ks; "
                           "the full list is in the error message for an unknown name")
    plot.add_argument("--title", metavar="T", help="the figure's title (default: the game's title)")
    plot.add_argument("--dpi", type=int, default=150, help="resolution of raster formats (default 150)")
    plot.add_argument("--max-lps", type=_count, metavar="N",
                      help="LPs to spend on the CE payoff set (default: all of it); an incomplete set is drawn "
                           "with the outer polygon that certainly contains it")
    plot.set_defaults(run=_cmd_plot)

    demo = sub.add_parser("demo", help="walk through the bundled example games",
                          description="Tell the threat-resistant bargaining story on the bundled example games.")
    demo.set_defaults(run=_cmd_demo)
    _add_axiom_commands(sub)
    return parser


def _internal_error(exc: BaseException) -> BaseException | None:
    """The :class:`~exactbargain.errors.SolverError` behind ``exc`` (itself, or one it was
    raised from or while handling), if any."""
    from .errors import SolverError

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, SolverError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _stdout_closed() -> int:
    """The reader of stdout went away (``exactbargain ... | head``): stop quietly with the
    status a process killed by SIGPIPE reports (128 + 13), as Unix tools do. Stdout is pointed
    at the null device so the interpreter's flush at exit does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor
        pass
    return 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        try:
            args = parser.parse_args(argv)
            run: Callable[[argparse.Namespace], int] = args.run
            return run(args)
        finally:
            # written out here, so that a reader who has gone away is noticed below
            if sys.stdout is not None:
                sys.stdout.flush()
    except BrokenPipeError:
        return _stdout_closed()
    except ExactBargainError as exc:
        internal = _internal_error(exc)
        if internal is not None:
            message = " ".join(str(internal).split())
            print(f"exactbargain: internal error: {message} (this is a bug; please report it with the "
                  "input that caused it)", file=sys.stderr)
            return 3
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
