"""``exactbargain equilibria``: correlated and Nash equilibria, exactly."""

from __future__ import annotations

import argparse
import time
from typing import Callable

from .. import limits
from ..errors import ExactBargainError
from ..game import Game
from .common import _count, _fmt, _load, _Progress, _shown, _shown_vec, _tolerance, echo

def _cmd_equilibria(args: argparse.Namespace) -> int:
    import json

    from ..equilibria import VertexLimitError

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
        echo(json.dumps(doc, indent=2))
    else:
        echo("\n".join(text))
    return 0


def _correlated_part(game: Game, args: argparse.Namespace, doc: dict, text: list[str], part) -> None:
    from ..equilibria import CorrelatedEquilibria
    ce = CorrelatedEquilibria(game)
    welfare = ce.max_welfare()
    best = [ce.best_for(i) for i in range(game.num_players)]
    floor = ce.floor()
    bar = _Progress(args.quiet)
    started = time.monotonic()

    def payoff_progress(lps: int, points: int, gap) -> None:
        # the largest facet gap, rounded up to 3 decimals (exact; shown while it runs)
        thousandths = -((-gap * 1000) // 1)  # an exact integer: the gap rounded up to 3 decimals
        shown = f"{thousandths // 1000}.{thousandths % 1000:03d}"
        bar.show(f"CE payoff set: {lps} LPs, {points} points, largest facet gap <= {shown}, "
                 f"{time.monotonic() - started:.1f} s")

    budget = {} if args.complete else {"max_lps": ce.default_budget() if args.max_lps is None else args.max_lps,
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
    state = "" if extreme.complete else f" (incomplete after {extreme.lps} LPs: gap {_shown([extreme.gap])[0]})"
    text += [
        "Correlated equilibria",
        f"  max welfare      {_shown([welfare.value])[0]}  at {welfare}",
        "  best for         " + ", ".join(f"{game.players[i]}: {v}" for i, v in enumerate(_shown(p.value for p in best))),
        "  floor            " + ", ".join(f"{game.players[i]}: {v}" for i, v in enumerate(_shown(floor))),
        f"  payoff set       {len(extreme)} extreme points{state}",
    ]
    text += [f"    {_shown_vec(p.payoffs)}" for p in extreme]
    if not extreme.complete:
        text.append(f"  outer polytope   {len(extreme.outer_points)} vertices")
        text += [f"    {_shown_vec(v)}" for v in extreme.outer_points]
    if args.pareto:
        text.append(f"  Pareto frontier  {len(frontier)} extreme points")
        text += [f"    {_shown_vec(p.payoffs)}" for p in frontier]
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
    text += [f"    {_shown_vec(v.distribution)} -> {_shown_vec(v.payoffs)}" for v in vertices]


def _nash_part(game: Game, doc: dict, text: list[str]) -> None:
    from ..equilibria import nash_equilibria

    equilibria = nash_equilibria(game)
    doc["nash"] = [eq.to_json() for eq in equilibria]
    if not equilibria.complete:
        doc["nash_complete"] = False
    if text:
        text.append("")
    text.append(str(equilibria))


def add_parser(sub) -> None:
    """The ``equilibria`` command."""
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
                    help="LPs to spend on the CE payoff set (default 100, fewer on large games: 10 on 30x30, 6 on "
                         "40x40); the answer says whether it is complete")
    eq.add_argument("--tolerance", type=_tolerance, metavar="T",
                    help="stop refining the CE payoff set once its gap is at most T (payoff units, e.g. 1/100)")
    eq.add_argument("--quiet", action="store_true",
                    help="no progress line on stderr for the payoff set and --vertices (shown only when stderr is "
                         "a terminal)")
    eq.set_defaults(run=_cmd_equilibria)
