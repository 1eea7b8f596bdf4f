"""``exactbargain plot`` (the payoff space, drawn) and ``exactbargain demo`` (the bundled
examples, told as a story)."""

from __future__ import annotations

import argparse
import sys
import textwrap

from .. import examples
from ..errors import ExactBargainError
from .common import _SET, _count, _describe, _fmt, _integer, _load, _vec, echo

#: The file names of the bundled examples shown by ``exactbargain demo``, in story order
#: (:func:`exactbargain.examples.names`).
EXAMPLES = tuple(f"{name}.nfg" for name in examples.names())


def _cmd_plot(args: argparse.Namespace) -> int:
    if args.dpi < 1:
        raise ExactBargainError(f"--dpi must be a positive integer, got {_fmt([args.dpi])[0]}")
    if args.param is not None:
        return _plot_family(args)
    for given, option in ((args.range, "--range"), (args.select, "--select")):
        if given is not None:
            raise ExactBargainError(f"{option} goes with --param (a plot against the parameter of a family of games)")
    game = _load_game(args.game)
    from ..plot import rules_for, save

    accepted = rules_for(game.num_players)
    _refuse_unknown(args.rules or (), accepted, f"for a {game.num_players}-player game", accepted)
    max_lps = args.max_lps
    if args.complete:
        if max_lps is not None:
            raise ExactBargainError("--complete and --max-lps contradict each other: choose one")
    elif max_lps is None:
        from ..equilibria import CorrelatedEquilibria

        max_lps = CorrelatedEquilibria(game).default_budget()
    save(game, args.output, args.rules, title=args.title, dpi=args.dpi, max_lps=max_lps)
    echo(f"wrote {args.output}", file=sys.stderr)
    return 0


def _refuse_unknown(rules, accepted, where: str, listed) -> None:
    """Refuse the rules not in ``accepted``, naming them and the ``listed`` choices."""
    unknown = [r for r in rules if r not in accepted]
    if unknown:
        raise ExactBargainError(f"unknown rule{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
                                f"{where}; choose from {', '.join(listed)}")


def _load_game(path: str):
    """The game at ``path``; a family of games without ``--set`` is refused with a message
    saying how to plot it (against its parameter, or at one value)."""
    from ..errors import GameFormatError

    try:
        return _load(path)
    except GameFormatError:
        from ..parametric import read_parametric_json

        try:
            family = read_parametric_json(path)
        except ExactBargainError:
            family = None
        if family is None or _SET.get():
            raise
        t = family.parameter
        raise ExactBargainError(f"{path} is a family of games in {t}: plot its values against {t} with --param {t} "
                                f"[--range A:B], or one game of it with --set {t}=VALUE") from None


def _plot_family(args: argparse.Namespace) -> int:
    """``plot FAMILY --param t [--range A:B]``: each rule's value against the parameter."""
    from ..parametric import read_parametric_json
    from ..parametric.algebraic import Interval
    from ..parametric.selection import SELECTIONS
    from ..plot.family import FAMILY_RULES
    from ..plot.family_draw import save_family

    if _SET.get():
        raise ExactBargainError(f"--set {_SET.get()[0]} picks one value, --param {args.param} plots every value; "
                                "give one of them")
    if args.max_lps is not None or args.complete:
        option = "--max-lps" if args.max_lps is not None else "--complete"
        raise ExactBargainError(f"{option} bounds the CE payoff set of one game; it does not apply with --param")
    family = read_parametric_json(args.game)
    if args.param != family.parameter:
        raise ExactBargainError(f"--param {args.param}: the family's parameter is {family.parameter!r}")
    try:
        domain = Interval.parse(args.range) if args.range is not None else Interval()
    except ValueError as exc:
        raise ExactBargainError(f"--range: {exc}") from None
    select = args.select or "welfare"
    if select not in SELECTIONS:
        raise ExactBargainError(f"--select {select}: with --param the selections are {', '.join(SELECTIONS)}")
    default = ("coco", "fallback") if len(family.players) == 2 else ("coco",)
    rules = [f"fallback-{select}" if r == "fallback" else r for r in args.rules or default]
    if args.select is not None and "fallback" not in (args.rules or ("fallback",)):
        raise ExactBargainError("--select chooses the selection of the rule 'fallback'; name it in --rules "
                                "(or name fallback-S rules directly)")
    _refuse_unknown(rules, FAMILY_RULES, f"for a plot against {family.parameter}",
                    FAMILY_RULES[:1] + ("fallback",) + FAMILY_RULES[1:])
    data = save_family(family, args.output, rules, domain, title=args.title, dpi=args.dpi)
    if data.chosen:
        echo(data.window_note, file=sys.stderr)
    echo(f"wrote {args.output}", file=sys.stderr)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from ..bargaining import coco, fallback
    from ..formats import read_game

    games = {name: read_game(examples.path(name)) for name in EXAMPLES}

    def value(solution) -> str:
        return _vec(solution.payoffs)

    def chapter(title: str) -> None:
        echo(title)
        echo("-" * len(title))

    trivial, curse = games["trivial.nfg"], games["trivial_indifferent_curse.nfg"]
    pd, pd_curse = games["prisoners_dilemma.nfg"], games["prisoners_dilemma_curse.nfg"]
    chapter("1. A threat nobody would carry out")
    echo(textwrap.fill(
        f"In the trivial game both players wait and get (0, 0). Give Row a curse that costs Row nothing "
        f"and Column 1000. CoCo moves from {value(coco(trivial))} to {value(coco(curse))}: the threat "
        f"alone buys Row {_fmt([coco(curse).payoffs[0] - coco(trivial).payoffs[0]])[0]}. The "
        f"correlated-equilibrium fallback moves from {value(fallback(trivial))} to {value(fallback(curse))}: "
        f"Row would never gain by cursing, so the curse changes no rule's choice of equilibrium and "
        f"nothing is paid for it. In the Prisoner's Dilemma the same "
        f"curse takes CoCo from {value(coco(pd))} to {value(coco(pd_curse))}, while the fallback stays at "
        f"{value(fallback(pd_curse))}.", width=88))
    echo()
    locked, free = games["chicken_locked.nfg"], games["chicken.nfg"]
    chapter("2. Chicken with and without a steering wheel")
    f_locked, f_free = fallback(locked), fallback(free)
    echo(textwrap.fill(
        f"With Row's wheel locked Row can only dare; Column swerves and every fallback rule gives "
        f"{value(f_locked)} (CoCo {value(coco(locked))}). Give Row the option to swerve: the correlated "
        f"equilibria now include the welfare-maximising one {_vec(f_free.disagreement)}, and the welfare "
        f"fallback gives {value(f_free)}, so Row loses "
        f"{_fmt([f_locked.payoffs[0] - f_free.payoffs[0]])[0]} by gaining an option (CoCo rises to "
        f"{value(coco(free))}). This is the action-monotonicity axiom the fallback gives up to stop "
        f"paying for threats.", width=88))
    echo()
    three = games["public_goods3_unequal.nfg"]
    a = fallback(three, coalitions="two-teams")
    b = fallback(three, coalitions="team-vs-individuals")
    chapter("3. Three players: which coalition model?")
    echo(textwrap.fill(
        f"In the unequal public goods game every correlated equilibrium is unique, yet the two ways "
        f"of valuing a coalition disagree. Two teams (the lone player faces the others as one team, "
        f"which contributes): v = {_vec(a.coalition_function[[i]] for i in range(3))} for the single "
        f"players and fallback {value(a)}. A team against individuals (the lone player faces the "
        f"original, uncoordinated game, where nobody contributes): v = "
        f"{_vec(b.coalition_function[[i]] for i in range(3))} and fallback {value(b)}.", width=88))
    echo()
    chapter("The bundled examples")
    for k, name in enumerate(EXAMPLES):
        if k:
            echo()
        game = games[name]
        echo(_describe(game))
        echo(f"CoCo {value(coco(game))}; fallback (welfare) {value(fallback(game))}")
        echo(f"(file: examples/{name})")
    return 0


def add_parser(sub) -> None:
    """The ``plot`` and ``demo`` commands."""
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
                           "the full list is in the error message for an unknown name. With --param: coco, "
                           "fallback (the selection of --select) and fallback-S (default: coco fallback; coco for more than two "
                           "players)")
    plot.add_argument("--title", metavar="T", help="the figure's title (default: the game's title)")
    plot.add_argument("--dpi", type=_integer, default=150, help="resolution of raster formats (default 150)")
    plot.add_argument("--max-lps", type=_count, metavar="N",
                      help="LPs to spend on the CE payoff set (default: as equilibria --correlated, 100 or fewer "
                           "on large games); an incomplete set is drawn with the outer polygon that certainly "
                           "contains it")
    plot.add_argument("--complete", action="store_true",
                      help="the whole CE payoff set, however many LPs it takes")
    plot.add_argument("--param", metavar="NAME",
                      help="GAME is a family of games (a JSON document with a \"parameter\" key): draw each rule's "
                           "value for each player against the parameter NAME, with the breakpoints marked")
    plot.add_argument("--range", metavar="INTERVAL",
                      help="with --param: the values drawn, as A:B or [A, B), (A, inf) ... (default: the whole line; "
                           "an unbounded range is drawn on a window around the breakpoints, named on stderr)")
    plot.add_argument("--select", metavar="S",
                      help="with --param: the selection of the rule 'fallback' (default welfare): welfare, "
                           "egalitarian, dictator-K, random-dictator")
    plot.set_defaults(run=_cmd_plot)
    demo = sub.add_parser("demo", help="walk through the bundled example games",
                          description="Tell the threat-resistant bargaining story on the bundled example games.")
    demo.set_defaults(run=_cmd_demo)
