"""``exactbargain check``, ``counterexample`` and ``verify``: axioms of bargaining rules,
checked exactly, searched for violations, and certificates re-checked."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from ..errors import ExactBargainError
from .common import _fmt, _integer, _load, _Progress, _seed, echo, select_help

# ---------------------------------------------------------------------- axioms: check, counterexample, verify
def _axiom_rule(args: argparse.Namespace, players: int):
    """The rule of --rule and --select, for games of ``players`` players."""
    from ..axioms import as_rule, rule_names
    from ..bargaining.registry import RULES
    from ..bargaining.selection import parse_select

    if args.select is not None and not RULES[args.rule].selects:
        selecting = " or ".join(f"--rule {name}" for name in rule_names() if RULES[name].selects)
        raise ExactBargainError(f"--select applies to {selecting} only")
    if args.select is not None:
        parse_select(args.select, players)
    return as_rule(args.rule, args.select)


def _cmd_check(args: argparse.Namespace) -> int:
    import json

    from ..axioms import check

    game = _load(args.game)
    after = _load(args.after) if args.after else None
    player = None
    if args.player is not None:
        if not 1 <= args.player <= game.num_players:
            raise ExactBargainError(f"--player must be 1..{game.num_players}, got {_fmt([args.player])[0]}")
        player = args.player - 1
    verdict = check(args.axiom, _axiom_rule(args, game.num_players), game, after, player=player, seed=args.seed,
                    size=args.size)
    echo(json.dumps(verdict.to_json(), indent=2) if args.json else str(verdict))
    return 0 if verdict.holds else 1


def _cmd_counterexample(args: argparse.Namespace) -> int:
    import json

    from ..axioms import check_out_dir, write_certificate
    from ..search import find_counterexample

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
    echo(json.dumps(result.to_json(), indent=2) if args.json else str(result))
    if not result.found:
        return 1
    if args.out_dir:
        write_certificate(result.verdict, args.out_dir, force=args.force)
        echo(f"wrote {Path(args.out_dir) / 'certificate.json'}", file=sys.stderr)
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from ..axioms import verify_certificate

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ok, verdict, messages = verify_certificate(args.certificate)
    for warning in caught:
        echo(f"warning: {warning.message}", file=sys.stderr)
    echo(verdict)
    for line in messages:
        echo(line)
    return 0 if ok else 1


def add_parser(sub) -> None:
    """The ``check``, ``counterexample`` and ``verify`` commands."""
    from ..axioms import AXIOMS, rule_names

    sel_help = f"selection rule of --rule fallback: {select_help()}"

    def axiom_and_rule(parser, rule_help: str) -> None:
        parser.add_argument("--axiom", required=True, choices=tuple(AXIOMS), metavar="AXIOM",
                            help="one of: " + ", ".join(AXIOMS))
        parser.add_argument("--rule", required=True, choices=rule_names(), help=rule_help)
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
