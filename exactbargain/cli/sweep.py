"""``exactbargain sweep``: exhaustive or sampled studies of rules and axioms over a finite
class of games (:mod:`exactbargain.sweep`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ExactBargainError
from .common import _integer, _Progress, echo

def _cmd_sweep(args: argparse.Namespace) -> int:
    import json

    from ..sweep import GameClass, Study, parse_payoffs, parse_rules, parse_shape
    from ..sweep.execute import check_scheduler
    from ..sweep.run import sweep, verify
    from ..sweep.table import plot_summary, summary_table

    try:
        check_scheduler(args.scheduler)
        if args.workers is not None and args.workers < 1:
            raise ValueError(f"--workers must be >= 1, got {args.workers}")
        if args.verify:
            if args.units < 1:
                raise ValueError(f"--units must be >= 1, got {args.units}")
            checked, problems = verify(args.verify, args.units, args.seed, args.scheduler, args.workers)
            for line in problems:
                echo(line)
            echo(f"{len(checked)} unit(s) recomputed ({', '.join(map(str, checked))}): "
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
        plot_summary(summary, args.plot)
        echo(f"wrote {args.plot}", file=sys.stderr)
    if args.json:
        echo(json.dumps(summary, indent=2))
        return 0
    if study.axioms:
        echo(summary_table(summary).render(args.format))
    work = f"{summary['instances']} instances, " if study.axioms else "rule values only, "
    echo(f"{summary['games']} games ({summary['canonical_games']} canonical), {work}"
         f"{summary['exact_solves']} exact solves, {summary['seconds']} s")
    for rule, path in summary["witnesses"].items():
        echo(f"smallest witness for {rule}: {path}")
    if args.out:
        echo(f"wrote {Path(args.out) / 'summary.json'}", file=sys.stderr)
    return 0


def add_parser(sub) -> None:
    """The ``sweep`` command."""
    from ..sweep import ALL_RULES, AXIOMS

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
