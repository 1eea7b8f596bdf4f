"""The ``exactbargain`` command.

Exit codes: 0 success, 1 a checked property fails, 2 bad input (one line on stderr naming
the problem and where it is), 3 an internal error (a bug: one line on stderr asking for a
report, never a traceback), 141 when the reader of stdout goes away (``| head``), quietly,
like a Unix tool stopped by SIGPIPE.
"""

from __future__ import annotations

import argparse
import builtins
import sys
import textwrap
import time
import typing
import warnings
from pathlib import Path
from typing import Callable, Sequence, TextIO

from . import __version__, examples, limits
from .errors import ExactBargainError
from .game import Game

__all__ = ["main", "build_parser", "example_path", "EXAMPLES"]

#: The file names of the bundled examples shown by ``exactbargain demo``, in story order
#: (:func:`exactbargain.examples.names`).
EXAMPLES = tuple(f"{name}.nfg" for name in examples.names())


def print(*values: object, sep: str = " ", end: str = "\n", file: TextIO | None = None,  # noqa: A001
          flush: bool = False) -> None:
    """The built-in ``print`` for every line this module writes, with control characters
    (other than line breaks) shown as visible escapes (:func:`exactbargain.report.escape_controls`):
    titles, names and labels read from game files, and file names, could otherwise carry
    terminal escape codes or carriage returns to the terminal."""
    from .report import escape_controls

    text = sep.join(map(str, values))
    builtins.print(escape_controls(text, keep="\n"), end=end, file=file, flush=flush)


def example_path(name: str) -> Path:
    """Path of a bundled example game (e.g. ``"chicken.nfg"``).

    .. deprecated:: 0.1
       Use :func:`exactbargain.examples.path` (or :func:`exactbargain.examples.load`), which
       do not import the command line.
    """
    warnings.warn("exactbargain.cli.example_path is deprecated; use exactbargain.examples.path "
                  "(or exactbargain.examples.load)", DeprecationWarning, stacklevel=2)
    return examples.path(name)


def _load(path: str) -> Game:
    from .formats import read_game

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        game = read_game(path)
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    return game


def _describe(game: Game) -> str:
    from .report import escape_controls

    head = escape_controls(game.title) or "(untitled game)"
    lines = [head, "=" * len(head)]
    if game.comment:
        lines.append(textwrap.fill(game.comment, width=88))
    shape = " x ".join(str(m) for m in game.shape)
    lines.append(f"{game.num_players} players, {shape} actions, best total W = {_fmt([game.W])[0]}")
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

    from .equilibria import VertexLimitError

    game = _load(args.game)
    want_ce = args.correlated or not args.nash
    want_nash = args.nash or not args.correlated
    doc: dict = {"players": list(game.players)}
    text: list[str] = []
    skipped: dict[str, str] = {}  # part -> why it did not run; the others are printed all the same

    def part(name: str, heading: str, compute: Callable[[], None]) -> None:
        try:
            compute()
        except (limits.LimitError, VertexLimitError) as exc:
            reason = f"{exc.reason}; raise it with --limit {exc.name}={exc.needed}" \
                if isinstance(exc, limits.LimitError) else str(exc)
            skipped[name] = reason
            if text:
                text.append("")
            text.append(f"{heading}: skipped: {reason}")

    if want_ce:
        part("correlated", "Correlated equilibria", lambda: _correlated_part(game, args, doc, text, part))
    if want_nash:
        part("nash", "Nash equilibria", lambda: _nash_part(game, doc, text))
    wanted = [name for name, want in (("correlated", want_ce), ("nash", want_nash)) if want]
    if all(name in skipped for name in wanted):
        raise ExactBargainError("; ".join(skipped[name] for name in wanted))
    if skipped:
        doc["skipped"] = skipped
    if args.json:
        print(json.dumps(doc, indent=2))
    else:
        print("\n".join(text))
    return 0


def _correlated_part(game: Game, args: argparse.Namespace, doc: dict, text: list[str], part) -> None:
    from .equilibria import CorrelatedEquilibria
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
    doc["correlated"] = correlated
    state = "" if extreme.complete else f" (incomplete after {extreme.lps} LPs: gap {_fmt([extreme.gap])[0]})"
    text += [
        "Correlated equilibria",
        f"  max welfare      {correlated['max_welfare']}  at {welfare}",
        "  best for         " + ", ".join(f"{game.players[i]}: {v}" for i, v in enumerate(correlated["best_for"])),
        "  floor            " + ", ".join(f"{game.players[i]}: {v}" for i, v in enumerate(correlated["floor"])),
        f"  payoff set       {len(extreme)} extreme points{state}",
    ]
    text += [f"    {_vec(p.payoffs)}" for p in extreme]
    if not extreme.complete:
        text.append(f"  outer polytope   {len(extreme.outer_points)} vertices")
        text += [f"    {_vec(v)}" for v in extreme.outer_points]
    if args.pareto:
        text.append(f"  Pareto frontier  {len(frontier)} extreme points")
        text += [f"    {_vec(p.payoffs)}" for p in frontier]
    if args.vertices:
        part("vertices", "  polytope vertices", lambda: _vertices_part(ce, args, correlated, text))


def _vertices_part(ce, args: argparse.Namespace, correlated: dict, text: list[str]) -> None:
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
    text += [f"    {_vec(v.distribution)} -> {_vec(v.payoffs)}" for v in vertices]


def _nash_part(game: Game, doc: dict, text: list[str]) -> None:
    from .equilibria import nash_equilibria

    equilibria = nash_equilibria(game)
    doc["nash"] = [eq.to_json() for eq in equilibria]
    if not equilibria.complete:
        doc["nash_complete"] = False
    if text:
        text.append("")
    text.append(str(equilibria))
def _count(text: str) -> int:
    """An argparse type: a non-negative integer."""
    value = _integer(text)
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
    from .numbers import format_vector

    return format_vector(values)


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


def _skipped_summary(rule: str, select: str | None, model: str | None, reason: str) -> dict:
    """The ``--rule all --json`` entry of a rule that did not run: the keys of the result
    contract with ``payoffs`` (and every other value) ``null``, plus ``skipped``, the reason."""
    from .bargaining.results import contract

    doc = contract(rule, select, model, (), None, None, False)
    for prefix in ("skipped: ", "n/a: "):
        reason = reason.removeprefix(prefix)
    doc.update(payoffs=None, verified=None, skipped=reason)
    return doc


def _cmd_solve(args: argparse.Namespace) -> int:
    import json

    from .bargaining import compare, solve

    fmt = _solve_format(args)
    game = _load(args.game)
    title = game.title or Path(args.game).name
    if args.rule == "all":
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
            print(json.dumps(docs, indent=2))
            return 0 if all(d["verified"] for d in docs if "skipped" not in d) else 1
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
        raise ExactBargainError(f"--dpi must be a positive integer, got {_fmt([args.dpi])[0]}")
    save(game, args.output, args.rules, title=args.title, dpi=args.dpi, max_lps=args.max_lps)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from .bargaining import coco, fallback
    from .formats import read_game

    games = {name: read_game(examples.path(name)) for name in EXAMPLES}

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
def _axiom_rule(args: argparse.Namespace, players: int):
    """The rule of --rule and --select, for games of ``players`` players."""
    from .axioms import as_rule
    from .bargaining.fallback import parse_select

    if args.rule == "coco" and args.select is not None:
        raise ExactBargainError("--select applies to --rule fallback only")
    if args.select is not None:
        parse_select(args.select, players)
    return as_rule(args.rule, args.select if args.rule == "fallback" else None)


def _cmd_check(args: argparse.Namespace) -> int:
    import json

    from .axioms import check

    game = _load(args.game)
    after = _load(args.after) if args.after else None
    player = None
    if args.player is not None:
        if not 1 <= args.player <= game.num_players:
            raise ExactBargainError(f"--player must be 1..{game.num_players}, got {_fmt([args.player])[0]}")
        player = args.player - 1
    verdict = check(args.axiom, _axiom_rule(args, game.num_players), game, after, player=player, seed=args.seed,
                    size=args.size)
    print(json.dumps(verdict.to_json(), indent=2) if args.json else str(verdict))
    return 0 if verdict.holds else 1


def _cmd_counterexample(args: argparse.Namespace) -> int:
    import json

    from .axioms import check_out_dir, write_certificate
    from .search import find_counterexample

    if args.payoffs < 0:
        raise ExactBargainError(f"--payoffs must be >= 0, got {_fmt([args.payoffs])[0]}")
    if args.force and not args.out_dir:
        raise ExactBargainError("--force applies to --out-dir only")
    if args.out_dir:  # before the search, not after it
        check_out_dir(args.out_dir, force=args.force)
    bar = _Progress(args.quiet)

    def progress(p) -> None:
        where = f" {'x'.join(map(str, p.shape))} level {p.level}" if p.shape is not None else ""
        bar.show(f"searched {p.checked} of {p.budget} games, {p.phase}{where}, {p.elapsed:.1f} s")

    try:
        result = find_counterexample(args.axiom, _axiom_rule(args, args.players), players=args.players,
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
    from .axioms import AXIOMS, RULE_NAMES

    sel_help = f"selection rule of --rule fallback: {_SELECT_HELP}"

    def axiom_and_rule(parser, rule_help: str) -> None:
        parser.add_argument("--axiom", required=True, choices=tuple(AXIOMS), metavar="AXIOM",
                            help="one of: " + ", ".join(AXIOMS))
        parser.add_argument("--rule", required=True, choices=RULE_NAMES, help=rule_help)
        parser.add_argument("--select", metavar="S", help=sel_help)

    chk = sub.add_parser(
        "check", help="check an axiom of docs/theory.md §4 for a rule on a game",
        description="Check an axiom for a rule on GAME. Axioms about a modified game use --after (the modified "
                    "game; its relation to GAME is established exactly) or a modification drawn from --seed. "
                    "Exit 0 if the axiom holds, 1 (with the witness) if it is violated.")
    chk.add_argument("game", metavar="GAME", help="a .nfg or .json game file")
    axiom_and_rule(chk, "the rule to check")
    chk.add_argument("--after", metavar="GAME2", help="the modified game (default: draw a modification)")
    chk.add_argument("--player", type=_integer, metavar="K", help="the player the modification concerns (1-based)")
    chk.add_argument("--seed", type=_seed, default=0, help="seed for drawing the modification (default 0)")
    chk.add_argument("--size", metavar="T", help="curse size t for uniform-curse and dominated-action (default 1000)")
    chk.add_argument("--json", action="store_true", help="print the verdict as JSON")
    chk.set_defaults(run=_cmd_check)

    cex = sub.add_parser(
        "counterexample", help="search small integer games for a violation of an axiom",
        description="Enumerate small integer games (smallest payoffs, then fewest actions first), then search "
                    "with Hypothesis, and shrink. Exit 0 with the certificate when a violation is found, 1 when "
                    "none is found within the budget.")
    axiom_and_rule(cex, "the rule to test")
    cex.add_argument("--players", type=_integer, default=2, help="number of players (default 2)")
    cex.add_argument("--max-actions", type=_integer, default=3, help="most actions per player (default 3)")
    cex.add_argument("--payoffs", type=_integer, default=1, metavar="K", help="integer payoffs in -K..K (default 1)")
    cex.add_argument("--budget", type=_integer, default=4000, help="instances to check at most (default 4000)")
    cex.add_argument("--seed", type=_seed, default=0, help="seed of the Hypothesis phase (default 0)")
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


def _integer(text: str) -> int:
    """The argparse type of integer options: an integer of the number grammar
    (:func:`exactbargain.numbers.parse_integer`: ASCII digits, an optional sign, no spaces)."""
    from .errors import NumberError
    from .numbers import parse_integer

    try:
        return parse_integer(text)
    except NumberError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _seed(text: str) -> int:
    """The argparse type of ``--seed``: an integer of at most 19 digits (JSON output records it)."""
    if len(text.lstrip("+-")) > 19:
        raise argparse.ArgumentTypeError(f"a seed has at most 19 digits; got {len(text):,} characters")
    return _integer(text)


#: The selection rules in help texts (the vocabulary is exactbargain.bargaining.selection_rules).
_SELECT_HELP = "welfare (default), egalitarian, nash, dictator-K (K = 1 .. the number of players), random-dictator"


class _UsageError(Exception):
    """A command line argparse refused; ``str()`` is the one-line message."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, ``exactbargain: error: ...`` ending with
    where to read more, instead of argparse's usage block (``--help`` prints it in full)."""

    def error(self, message: str) -> "typing.NoReturn":  # type: ignore[override]
        one_line = " ".join(message.split())
        raise _UsageError(f"{one_line} (see {self.prog} --help)")


def _add_limit_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE",
                        help="raise (or, with 'none', lift) a size limit, e.g. --limit lp-entries=5000000; "
                             f"the limits: {', '.join(limits.NAMES)} (docs/limits.md). Repeatable")


def _cmd_sweep(args: argparse.Namespace) -> int:
    import json

    from .sweep import GameClass, Study, parse_payoffs, parse_rules, parse_shape
    from .sweep.execute import check_scheduler
    from .sweep.run import sweep, verify
    from .sweep.table import plot_summary, summary_table

    try:
        check_scheduler(args.scheduler)
        if args.workers is not None and args.workers < 1:
            raise ValueError(f"--workers must be >= 1, got {args.workers}")
        if args.verify:
            if args.units < 1:
                raise ValueError(f"--units must be >= 1, got {args.units}")
            checked, problems = verify(args.verify, args.units, args.seed, args.scheduler, args.workers)
            for line in problems:
                print(line)
            print(f"{len(checked)} unit(s) recomputed ({', '.join(map(str, checked))}): "
                  f"{'all equal' if not problems else f'{len(problems)} difference(s)'}")
            return 0 if not problems else 1
        if args.shape is None:
            raise ValueError("--shape is required (or --verify DIR)")
        if args.plot and not args.axiom:
            raise ValueError("--plot draws violation rates; it needs --axiom")
        shape = parse_shape(args.shape)
        players = len(shape) if args.players is None else args.players
        lo, hi = parse_payoffs(args.payoffs)
        cls = GameClass(players, shape, lo, hi)
        if args.sample is not None and args.exhaustive:
            raise ValueError("--exhaustive and --sample exclude each other")
        if args.sample is None and not args.exhaustive and cls.size > 10 ** 9:
            raise ValueError(f"the class has {cls.size} games (more than 10^9); use --sample N, or --exhaustive to "
                             f"insist")
        study = Study(cls, parse_rules(args.rules), tuple(args.axiom or ()), args.sample, args.seed,
                      args.unit_size)
    except ValueError as exc:
        raise ExactBargainError(str(exc)) from None
    bar = _Progress(args.quiet)

    def progress(p) -> None:
        eta = "" if p.eta is None else f", ETA {p.eta:.0f} s"
        rate = f", {p.done / p.elapsed:.1f} units/s" if p.elapsed else ""
        bar.show(f"sweep: {p.done}/{p.total} units{rate}{eta}")

    try:
        summary = sweep(study, out=args.out, scheduler=args.scheduler, workers=args.workers,
                        progress=progress if bar.enabled else None, command=["exactbargain", *sys.argv[1:]])
    finally:
        bar.close()
    if args.plot:
        plot_summary(summary, args.plot, study.axioms[0])
        print(f"wrote {args.plot}", file=sys.stderr)
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    if study.axioms:
        print(summary_table(summary, study.axioms[0]).render(args.format))
    work = f"{summary['instances']} instances, " if study.axioms else "rule values only, "
    print(f"{summary['games']} games ({summary['canonical_games']} canonical), {work}"
          f"{summary['exact_solves']} exact solves, {summary['seconds']} s")
    for rule, path in summary["witnesses"].items():
        print(f"smallest witness for {rule}: {path}")
    if args.out:
        print(f"wrote {Path(args.out) / 'summary.json'}", file=sys.stderr)
    return 0


def _add_sweep_command(sub) -> None:
    from .sweep import ALL_RULES, AXIOMS

    sw = sub.add_parser(
        "sweep", help="exhaustive or sampled study of rules and axioms over a finite class of games",
        description="Check axioms (or compute rule values) on every game of a class -- players, shape, integer "
                    "payoffs in a range -- or on a reproducible sample. Counts are over the raw class; each "
                    "canonical game (up to relabelling actions and, where the rules allow, players) is solved once. "
                    "Runs on a local process pool, a Dask LocalCluster (--scheduler local:N) or a Dask cluster "
                    "(--scheduler tcp://HOST:PORT).")
    sw.add_argument("--shape", metavar="AxB[xC...]", help="action counts, e.g. 2x2 or 3x3x2")
    sw.add_argument("--players", type=_integer, help="number of players (default: from --shape)")
    sw.add_argument("--payoffs", default="0:1", metavar="LO:HI", help="integer payoffs in LO..HI (default 0:1)")
    sw.add_argument("--rules", nargs="+", default=["all"], metavar="RULE",
                    help="rules: " + ", ".join(ALL_RULES) + ", or all (default all)")
    sw.add_argument("--axiom", nargs="+", choices=AXIOMS, metavar="AXIOM",
                    help="axioms to check: " + ", ".join(AXIOMS) + " (default: only the rules' values)")
    sw.add_argument("--exhaustive", action="store_true",
                    help="every game of the class (the default up to 10^9 games)")
    sw.add_argument("--sample", type=_integer, metavar="N", help="N games drawn reproducibly from --seed")
    sw.add_argument("--seed", type=_integer, default=0, help="seed of --sample and of --verify's choice (default 0)")
    sw.add_argument("--scheduler", metavar="S",
                    help="processes (default), serial, local:N (Dask LocalCluster) or tcp://HOST:PORT (Dask)")
    sw.add_argument("--workers", type=_integer, metavar="N", help="processes of the local pool (default: every core)")
    sw.add_argument("--unit-size", type=_integer, default=2048, metavar="K", help="indices per work unit (default 2048)")
    sw.add_argument("--out", metavar="DIR", help="write a Parquet dataset and summary.json here (resumes)")
    sw.add_argument("--verify", metavar="DIR", help="recompute --units random finished units of DIR and compare")
    sw.add_argument("--units", type=_integer, default=3, metavar="K", help="units recomputed by --verify (default 3)")
    sw.add_argument("--format", choices=("text", "markdown", "latex"), default="text", help="table format")
    sw.add_argument("--json", action="store_true", help="print the summary as JSON")
    sw.add_argument("--plot", metavar="FILE", help="a bar chart of the violation rates (needs matplotlib)")
    sw.add_argument("--quiet", action="store_true", help="no progress bar (shown only on a terminal)")
    sw.set_defaults(run=_cmd_sweep)
    # "--payoffs -2:2": a negative range is a value, not an option
    import re

    sw._negative_number_matcher = re.compile(r"^-\d+(:-?\d+)?$|^-\d*\.\d+$")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``exactbargain`` command."""
    from .bargaining import COALITION_MODELS, RULES

    parser = _Parser(
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
    solve.add_argument("--rule", choices=RULES + ("all",),
                       default="fallback", help="the solution (default: fallback)")
    solve.add_argument("--select", metavar="RULE", help=f"selection rule: {_SELECT_HELP}")
    solve.add_argument("--coalitions", choices=COALITION_MODELS,
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
    plot.add_argument("--dpi", type=_integer, default=150, help="resolution of raster formats (default 150)")
    plot.add_argument("--max-lps", type=_count, metavar="N",
                      help="LPs to spend on the CE payoff set (default: all of it); an incomplete set is drawn "
                           "with the outer polygon that certainly contains it")
    plot.set_defaults(run=_cmd_plot)

    demo = sub.add_parser("demo", help="walk through the bundled example games",
                          description="Tell the threat-resistant bargaining story on the bundled example games.")
    demo.set_defaults(run=_cmd_demo)
    _add_axiom_commands(sub)
    for command in sub.choices.values():
        _add_limit_option(command)
    # after the loop: a sweep's classes are small by construction and its work runs in other
    # processes, so the per-command size limits do not apply to it
    _add_sweep_command(sub)
    return parser


def _error(message: str) -> None:
    """Print ``exactbargain: error: message`` as exactly one line on stderr: line breaks and
    other control characters in the message (it may quote a file) are shown escaped."""
    text = "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in message)
    print(f"exactbargain: error: {text}", file=sys.stderr)


def _limits_of(args: argparse.Namespace) -> limits.Limits:
    """The defaults with every ``--limit NAME=VALUE`` of the command line applied, in order."""
    out = limits.DEFAULT_LIMITS
    for assignment in getattr(args, "limit", []):
        out = limits.parse_assignment(assignment, out)
    return out


#: The arguments that name files, in the order they are read or written.
_FILE_ARGUMENTS = ("game", "input", "after", "certificate", "output", "out_dir")


def _os_error_text(exc: OSError, args: argparse.Namespace) -> str:
    """``file: reason`` for a file-system error; when the error does not say which file it
    concerns, the files of the command line are named."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is not None:
        return f"{exc.filename}: {reason}"
    files = [str(getattr(args, name)) for name in _FILE_ARGUMENTS if getattr(args, name, None)]
    return f"{reason} (while working on {', '.join(files)})" if files else reason


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
        args, extra = parser.parse_known_args(argv)
        if extra:
            raise _UsageError(f"unrecognized arguments: {' '.join(extra)} (see exactbargain {args.command} --help)")
    except _UsageError as exc:
        _error(str(exc))
        return 2
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        try:
            with limits.using(_limits_of(args)):
                return run(args)
        finally:
            # written out here, so that a reader who has gone away is noticed below
            if sys.stdout is not None:
                sys.stdout.flush()
    except BrokenPipeError:
        return _stdout_closed()
    except limits.LimitError as exc:
        _error(f"{exc.reason}; raise it with --limit {exc.name}={exc.needed}")
        return 2
    except ExactBargainError as exc:
        internal = _internal_error(exc)
        if internal is not None:
            message = " ".join(str(internal).split())
            print(f"exactbargain: internal error: {message} (this is a bug; please report it with the "
                  "input that caused it)", file=sys.stderr)
            return 3
        _error(str(exc))
        return 2
    except OSError as exc:
        _error(_os_error_text(exc, args))
        return 2
    except MemoryError:
        _error("out of memory before any size limit was reached; lower the limits with --limit NAME=VALUE "
               "(see docs/limits.md) or give a smaller input")
        return 2
    except KeyboardInterrupt:
        print("exactbargain: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
