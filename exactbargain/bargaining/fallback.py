"""The correlated-equilibrium fallback rule ("kinder fallback points"), for two and n players.

Two players (docs/theory.md §3.2). A selection rule picks a disagreement point ``d`` in the CE
payoff polygon ``P``; the surplus over it is split equally:

    f(G) = (d_1 + s, d_2 + s),    s = (W - d_1 - d_2)/2 >= 0.

So ``f_1 - f_2 = d_1 - d_2``, and over all CE the fallback value of player 1 ranges over
``[(W + Delta_min)/2, (W + Delta_max)/2]`` (:func:`fallback_range`).

n players (docs/theory.md §3.3). ``v(N) = W`` and ``v(S)`` is the coalition's component of the
rule's point in a coalition game: ``"two-teams"`` (option A) uses the team game ``G_S``
(``S`` against ``N \\ S``, both as single players); ``"team-vs-individuals"`` (option B) the
horde game ``H_S`` (``S`` as one player against the others individually). The payoffs are
formula (star), the Shapley value of ``v``.

Selection rules (docs/theory.md §3.5): :mod:`exactbargain.bargaining.selection`, which also holds
the registry of their names.

``equilibrium="nash"`` (two players): the same rules applied to the convex hull ``Q`` of the
Nash equilibrium payoffs (the payoffs of the extreme equilibria found by exact vertex
enumeration; every equilibrium payoff is a convex combination of these within a maximal
Nash subset, so ``Q`` is the convex hull of all equilibrium payoffs). Floors, faces and
leximin are taken in ``Q``; the witness is the public mixture of the equilibria realising the
selected point, which is a correlated equilibrium.

>>> from exactbargain import Game
>>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], players=("Row", "Column"),
...                         actions=(("D", "C"), ("D", "C")))
>>> f = fallback(chicken)
>>> f.disagreement, f.payoffs
((Fraction(21, 4), Fraction(21, 4)), (Fraction(6, 1), Fraction(6, 1)))
>>> fallback(chicken, select="dictator-1").payoffs
(Fraction(17, 2), Fraction(7, 2))
>>> fallback(chicken, select="random-dictator").disagreement
(Fraction(9, 2), Fraction(9, 2))
>>> fallback_range(chicken).intervals[0]
(Fraction(7, 2), Fraction(17, 2))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .. import limits as _limits
from ..equilibria.correlated import CEPoint
from ..errors import GameError
from ..game import Game, require_game
from ..geometry import dot as _dot  # noqa: F401  (tests reach the helper through this module)
from ..numbers import format_rational
from ._leximin import LPStep
from ..cooperative.star import COALITION_MODELS, star_value
from ..tables import Renderable, Table
from ..tables.display import display_rational, display_vector
from .coco import CoalitionSolution
from .results import Agreement, best_outcome_total, contract, range_table, solution_table, text, vector_text
from .selection import (  # noqa: F401  (the selector and its cache are reached through this module too)
    DEFAULT_SELECTION,
    EQUILIBRIA,
    REGISTRY,
    _CHECKED,
    Selection,
    _Selector,
    _selector,
    check_select,
    parse_select,
    select_point,
    selection_rule,
    selection_rules,
)

__all__ = [
    "Selection",
    "FallbackSolution",
    "FallbackRange",
    "fallback",
    "fallback_range",
    "select_point",
    "selection_rules",
    "check_select",
    "parse_select",
    "SELECTION_RULES",
    "EQUILIBRIA",
]


def __getattr__(name: str) -> tuple[str, ...]:
    """``SELECTION_RULES`` (deprecated): the families of the selection registry."""
    if name == "SELECTION_RULES":
        import warnings

        warnings.warn("exactbargain.bargaining.fallback.SELECTION_RULES is deprecated; use "
                      "exactbargain.bargaining.selection.REGISTRY (or selection_rules(n))",
                      DeprecationWarning, stacklevel=2)
        return tuple(REGISTRY)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --------------------------------------------------------------------------- two players
@dataclass(frozen=True, slots=True)
class FallbackSolution(Renderable):
    """The two-player fallback value: disagreement point ``d`` (with its witness CE and
    derivation in ``selection``), the best total ``W``, the equal share ``surplus`` of
    ``W - d_1 - d_2``, and ``payoffs = d + surplus``, implemented by ``agreement`` plus
    ``side_payments``."""

    game: Game
    select: str
    equilibrium: str
    payoffs: tuple[Fraction, ...]
    W: Fraction
    disagreement: tuple[Fraction, ...]
    surplus: Fraction
    selection: Selection
    agreement: Agreement
    side_payments: tuple[Fraction, ...]

    coalitions = None
    coalition_values = None

    @property
    def rule(self) -> str:
        """``"fallback"`` (correlated equilibria) or ``"nash-fallback"``."""
        return "fallback" if self.equilibrium == "correlated" else "nash-fallback"

    @property
    def witness(self) -> CEPoint:
        """The correlated equilibrium paying the disagreement point."""
        return self.selection.witness

    def check(self) -> list[str]:
        """The selection's checks, ``W``, the surplus arithmetic and the side payments.

        Returns
        -------
        list of str
            Every problem found; empty when the value is proved.
        """
        out = [f"selection: {m}" for m in self.selection.check()]
        g = self.game
        W = best_outcome_total(g)
        d = self.disagreement
        if W != self.W:
            out.append(f"W is {W}, not {self.W}")
        if d != self.selection.payoffs:
            out.append("the disagreement point is not the selected point")
        s = (W - sum(d)) / 2
        if s != self.surplus or s < 0:
            out.append(f"the surplus share is {format_rational(s)}, not {format_rational(self.surplus)}")
        if self.payoffs != tuple(x + s for x in d):
            out.append("payoffs are not d + (W - d_1 - d_2)/2")
        out += self.agreement.check(self.payoffs, self.side_payments)
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong.

        Returns
        -------
        bool
            Whether :meth:`check` returns no problem.
        """
        return not self.check()

    def summary(self) -> dict:
        """The JSON contract of ``exactbargain solve --json``.

        Returns
        -------
        dict
            The rule, payoffs and disagreement point as exact ``"p/q"`` strings.
        """
        return contract(self.rule, self.select, None, self.payoffs, self.disagreement, None, self.verify())

    def to_json(self) -> dict:
        """The contract plus ``W``, the surplus, the agreement and the selection's derivation.

        Returns
        -------
        dict
            A JSON-ready dictionary; every number is an exact ``"p/q"`` string.
        """
        doc = self.summary()
        doc.update({
            "equilibrium": self.equilibrium,
            "W": text(self.W),
            "surplus_share": text(self.surplus),
            "agreement": {"profile": [self.game.actions[i][k] for i, k in enumerate(self.agreement.profile)],
                          "payoffs": [text(p) for p in self.agreement.payoffs]},
            "side_payments": [text(t) for t in self.side_payments],
            "selection": self.selection.to_json(),
        })
        return doc

    def explain(self) -> str:
        """The derivation with the actual numbers.

        Returns
        -------
        str
            The derivation, one step per line.
        """
        g, d, s = self.game, self.disagreement, self.surplus
        kind = "correlated-equilibrium" if self.equilibrium == "correlated" else "Nash-equilibrium"
        lines = [f"{kind} fallback value of {g.title or 'the game'}, selection rule {self.select}"]
        lines += self.selection.explain_lines()
        lines.append(f"  Best total W = {text(self.W)}; surplus W - d_1 - d_2 = {text(self.W)} - {text(d[0])} - "
                     f"{text(d[1])} = {text(2 * s)}, half each: {text(s)}.")
        lines.append(f"  f = ({text(d[0])} + {text(s)}, {text(d[1])} + {text(s)}) = {vector_text(self.payoffs)}.")
        lines.append(f"  Implementation: {self.agreement.describe(self.payoffs)}.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return (f"{self.rule} ({self.select}) {display_vector(self.payoffs)} from d = "
                f"{display_vector(self.disagreement)} (W = {display_rational(self.W)})")

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The solution as a table: ``W``, the disagreement point, the surplus share, payoffs,
        side payments and agreement (``title`` replaces the game's title).

        Parameters
        ----------
        title : str, optional
            The caption's title instead of the game's.

        Returns
        -------
        list of Table
            The solution's tables.
        """
        return [solution_table(self, title=title, after_d=[("surplus share", self.surplus)])]


def _fallback2(game: Game, select: str, equilibrium: str) -> FallbackSolution:
    selection = select_point(game, select, equilibrium)
    d = selection.payoffs
    W = game.W
    s = (W - sum(d)) / 2
    payoffs = tuple(x + s for x in d)
    agreement = Agreement.best_total(game)
    return FallbackSolution(game, select, equilibrium, payoffs, W, d, s, selection, agreement,
                            agreement.side_payments(payoffs))


def _model_rule(select: str, members: tuple[int, ...], n: int, coalitions: str) -> str:
    """The rule as applied in a coalition game: ``dictator-K`` becomes the player of the model
    game that contains the original player ``K``."""
    family = selection_rule(select)
    if not family.per_player:
        return select
    k = family.player(select) - 1
    if not members or k in members:
        return select if not members else family.member(1)
    if coalitions == "two-teams":
        return family.member(2)
    others = [j for j in range(n) if j not in members]
    return family.member(others.index(k) + 2)


def fallback(game: Game, select: str = DEFAULT_SELECTION, equilibrium: str = "correlated",
             coalitions: str = "two-teams", *,
             limits: _limits.Limits | None = None) -> FallbackSolution | CoalitionSolution:
    """The fallback value of ``game``.

    Two players: a :class:`FallbackSolution` — ``d`` chosen from the CE payoff set (or, with
    ``equilibrium="nash"``, from the hull of the Nash equilibrium payoffs) by the selection
    rule ``select``, and the surplus ``W - d_1 - d_2`` split equally (``coalitions`` does not
    matter). Otherwise a :class:`CoalitionSolution`: ``v(S)`` is the coalition's component
    of the rule's point in the team game (``"two-teams"``) or horde game
    (``"team-vs-individuals"``), and the payoffs are (star), the Shapley value of ``v``.
    ``limits`` (default: those in force) bounds the LPs and coalitions set up
    (:mod:`exactbargain.limits`).

    Parameters
    ----------
    game : Game
        The game.
    select : str
        The selection rule (:func:`~exactbargain.bargaining.selection.selection_rules`).
    equilibrium : str
        ``"correlated"`` or ``"nash"`` (two players).
    coalitions : str
        ``"two-teams"`` or ``"team-vs-individuals"`` (three or more players).
    limits : Limits, optional
        Size limits (default: those in force).

    Returns
    -------
    FallbackSolution or CoalitionSolution
        The value with its derivation and certificates.

    Raises
    ------
    GameError
        For an unknown selection rule, equilibrium set or coalition model, or one that does not
        apply to the game.
    LimitError
        When the LPs or coalitions would exceed a size limit.

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> fallback(pd).payoffs
    (Fraction(3, 1), Fraction(3, 1))
    """
    require_game(game, "fallback()")
    if limits is not None:
        with _limits.using(limits):
            return fallback(game, select, equilibrium, coalitions)
    if equilibrium not in EQUILIBRIA:
        raise GameError(f"equilibrium must be 'correlated' or 'nash', got {equilibrium!r}")
    if coalitions not in COALITION_MODELS:
        raise GameError(f"coalitions must be one of {', '.join(COALITION_MODELS)}; got {coalitions!r}")
    n = game.num_players
    select = parse_select(select, n)
    if n == 2:
        return _fallback2(game, select, equilibrium)
    if equilibrium != "correlated":
        raise GameError(f'equilibrium="nash" is for two-player games; this game has {n} players '
                        "(games of three or more players may have only irrational Nash equilibria)")
    if selection_rule(select).two_players and coalitions == "team-vs-individuals":
        raise GameError(f"the {select} selection rule needs two-player games, but under team-vs-individuals "
                        f"the horde games of a {n}-player game have up to {n} players; use two-teams")
    _limits.check_coalitions(game.shape, "the fallback", "ce-two-teams" if coalitions == "two-teams" else "ce-horde")
    return _fallback_n(game, select, coalitions)


def _fallback_n(game: Game, select: str, coalitions: str) -> CoalitionSolution:
    """Formula (star) with the rule applied in the coalition games (works for any ``n``)."""
    n = game.num_players

    def value(model: Game, members: tuple[int, ...]) -> Selection:
        return select_point(model, _model_rule(select, members, n, coalitions))

    star = star_value(game, value, coalitions, singletons_from_game=True)
    return CoalitionSolution.from_star(star, rule="fallback", select=select, singleton_disagreement=True)


# --------------------------------------------------------------------------- the range
@dataclass(frozen=True, slots=True)
class FallbackRange(Renderable):
    """The interval of each player's fallback value over all correlated equilibria of a
    two-player game: ``f_1 in [(W + Delta_min)/2, (W + Delta_max)/2]`` with
    ``Delta = d_1 - d_2`` over CE (docs/theory.md §3.2); ``low`` and ``high`` are the CE attaining
    ``Delta_min`` and ``Delta_max`` with their LP certificates."""

    game: Game
    W: Fraction
    delta_min: Fraction
    delta_max: Fraction
    low: CEPoint
    high: CEPoint
    steps: tuple[LPStep, ...]

    @property
    def intervals(self) -> tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]:
        """``((min f_1, max f_1), (min f_2, max f_2))``."""
        W = self.W
        return ((W + self.delta_min) / 2, (W + self.delta_max) / 2), ((W - self.delta_max) / 2, (W - self.delta_min) / 2)

    def check(self) -> list[str]:
        """Certificates, witnesses, and ``Delta`` at the witnesses.

        Returns
        -------
        list of str
            Every problem found; empty when the range is proved.
        """
        out: list[str] = []
        for step in self.steps:
            out += step.check()
        for name, point, value in (("low", self.low, self.delta_min), ("high", self.high, self.delta_max)):
            out += [f"{name}: {m}" for m in point.check()]
            if point.payoffs[0] - point.payoffs[1] != value:
                out.append(f"the {name} witness has d_1 - d_2 = {point.payoffs[0] - point.payoffs[1]}, not {value}")
        if [s.value for s in self.steps] != [self.delta_min, self.delta_max]:
            out.append("the LP optima are not Delta_min and Delta_max")
        if self.W != self.game.W:
            out.append("W is wrong")
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong.

        Returns
        -------
        bool
            Whether :meth:`check` returns no problem.
        """
        return not self.check()

    def to_json(self) -> dict:
        """JSON-ready dict.

        Returns
        -------
        dict
            The range, its witnesses and certificates; every number an exact ``"p/q"`` string.
        """
        return {
            "W": text(self.W),
            "delta": [text(self.delta_min), text(self.delta_max)],
            "intervals": [[text(a), text(b)] for a, b in self.intervals],
            "low": self.low.to_json(),
            "high": self.high.to_json(),
        }

    def explain(self) -> str:
        """The derivation.

        Returns
        -------
        str
            The derivation, one step per line.
        """
        (a1, b1), (a2, b2) = self.intervals
        p1, p2 = self.game.players
        return "\n".join([
            f"Range of fallback values over all correlated equilibria of {self.game.title or 'the game'}",
            f"  Delta = d_1 - d_2 over CE: min {text(self.delta_min)} at {self.low.payoffs[0]}, "
            f"{self.low.payoffs[1]}; max {text(self.delta_max)} at {self.high.payoffs[0]}, {self.high.payoffs[1]}",
            f"  f_1 = (W + Delta)/2 with W = {text(self.W)}: {p1} in [{text(a1)}, {text(b1)}], "
            f"{p2} in [{text(a2)}, {text(b2)}]",
        ])

    def __str__(self) -> str:
        (a1, b1), (a2, b2) = self.intervals
        return (f"fallback range: player 1 {display_vector((a1, b1), '[]')}, "
                f"player 2 {display_vector((a2, b2), '[]')}")

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The range as a table (see :func:`~exactbargain.bargaining.results.range_table`).

        Parameters
        ----------
        title : str, optional
            The caption's title instead of the game's.

        Returns
        -------
        list of Table
            The range's tables.
        """
        return [range_table(self, title=title)]


def fallback_range(game: Game) -> FallbackRange:
    """The interval of each player's CE-fallback value over all CE of a two-player game.

    Parameters
    ----------
    game : Game
        A two-player game.

    Returns
    -------
    FallbackRange
        The intervals with the two CE attaining their ends, and the LP certificates.

    Raises
    ------
    GameError
        When the game does not have two players.

    Examples
    --------
    >>> bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> fallback_range(bos).intervals
    ((Fraction(1, 1), Fraction(2, 1)), (Fraction(1, 1), Fraction(2, 1)))
    """
    if require_game(game, "fallback_range()").num_players != 2:
        raise GameError(f"fallback_range() needs a two-player Game; this game has {game.num_players} players")
    sel = _selector(game, "correlated")
    D = sel.domain
    steps = []
    out = []
    for sense in ("min", "max"):
        point, res, _ = D.optimize((1, -1), sense, with_face=False)
        steps.append(LPStep(f"{sense} d_1 - d_2 over P", res.value, res))
        out.append(sel._witness(point))
    return FallbackRange(game, game.W, steps[0].value, steps[1].value, out[0], out[1], tuple(steps))
