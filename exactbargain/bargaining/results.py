"""Shared pieces of the bargaining solution objects.

Every solution object of :mod:`exactbargain.bargaining` (CoCo, fallback, coalition values,
Nash and Kalai–Smorodinsky bargaining) has

* ``payoffs`` — one :class:`fractions.Fraction` per player, in the game's player order;
* an *agreement*: a joint distribution over the game's profiles (C order) that realises the
  total being split, and the *side payments* that turn the agreement's payoffs into
  ``payoffs`` (net transfers, one per player, summing to zero; positive = receives);
* ``verify()`` (re-checks every certificate and the arithmetic with plain fractions),
  ``explain()`` (a short derivation with the actual numbers) and ``to_json()``;
* ``summary()`` — the fixed JSON contract of ``exactbargain solve --json``::

    {"rule", "select", "coalitions", "payoffs", "disagreement", "coalition_values", "verified"}

This module holds the helpers those objects share.

>>> from exactbargain import Game
>>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> a = Agreement.best_total(pd)
>>> a.profile, a.payoffs
((0, 0), (Fraction(3, 1), Fraction(3, 1)))
>>> a.side_payments((Fraction(4), Fraction(2)))
(Fraction(1, 1), Fraction(-1, 1))
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from ..game import Game
from ..numbers import format_rational, format_vector, fraction_of
from ..tables import KAPPA, W_SYMBOL, Cell, Part, Symbol, Table, Vector, game_title, key_value_table, labels_text
from ..tables import profile_label

__all__ = ["RULE_TITLES", "Agreement", "outcomes", "best_outcome_total", "text", "vector_text", "contract", "profile_text",
           "transfer_text", "solution_table", "range_table", "kappa_row", "coalition_rows"]


def text(x: Fraction) -> str:
    """``"p/q"`` (or ``"p"``) for a rational."""
    return format_rational(x)


def vector_text(v: Sequence[Fraction]) -> str:
    """``"(a, b, ...)"`` with exact entries."""
    return format_vector(v)


@functools.lru_cache(maxsize=8)
def outcomes(game: Game) -> tuple[tuple[Fraction, ...], ...]:
    """Every profile's payoff vector, in C order (the order of ``game.profiles()``).

    The same Fractions as ``game.payoff`` at every profile, read from the payoff tables once
    per game (the checks of several solutions of one game read them again and again:
    32,000 ``payoff`` calls in the checks of a 40x40 game's ``--rule all``).

    Parameters
    ----------
    game : Game
        The game.

    Returns
    -------
    tuple of tuple of Fraction
        ``outcomes(game)[k]`` is ``u(a)`` of the ``k``-th profile ``a``.

    Examples
    --------
    >>> outcomes(Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))[1]
    (Fraction(0, 1), Fraction(5, 1))
    """
    columns = [[fraction_of(v) for v in game.payoff_entries(i)] for i in range(game.num_players)]
    return tuple(zip(*columns))


@functools.lru_cache(maxsize=8)
def best_outcome_total(game: Game) -> Fraction:
    """``max_a sum_i u_i(a)`` over :func:`outcomes` (the checks' own ``W``, worked out once a game).

    Parameters
    ----------
    game : Game
        The game.

    Returns
    -------
    Fraction
        The largest total payoff of a profile.

    Examples
    --------
    >>> best_outcome_total(Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    Fraction(6, 1)
    """
    return max(sum(u, Fraction(0)) for u in outcomes(game))


def profile_text(game: Game, profile: Sequence[int]) -> str:
    """A profile as ``"(D, C)"`` with the game's action labels."""
    return "(" + ", ".join(game.actions[i][k] for i, k in enumerate(profile)) + ")"


@dataclass(frozen=True, slots=True)
class Agreement:
    """The cooperative outcome: a profile attaining the best total ``W`` (the first one in C
    order), played with probability 1, and its payoffs."""

    game: Game
    profile: tuple[int, ...]
    payoffs: tuple[Fraction, ...]

    @classmethod
    def best_total(cls, game: Game) -> "Agreement":
        """The first profile (C order) whose total is ``W(G)``."""
        profile = game.max_total_profiles()[0]
        return cls(game, tuple(profile), game.payoff(profile))

    @property
    def total(self) -> Fraction:
        """The agreement's total, ``W``."""
        return sum(self.payoffs, Fraction(0))

    @property
    def distribution(self) -> tuple[Fraction, ...]:
        """The point mass on ``profile``, over all profiles in C order."""
        pos = 0
        for k, m in zip(self.profile, self.game.shape):
            pos = pos * m + k
        return tuple(Fraction(1) if j == pos else Fraction(0) for j in range(self.game.num_profiles))

    def side_payments(self, payoffs: Sequence[Fraction]) -> tuple[Fraction, ...]:
        """Net transfers ``payoffs - u(profile)`` (they sum to 0 when ``payoffs`` sums to W)."""
        return tuple(Fraction(p) - u for p, u in zip(payoffs, self.payoffs))

    def check(self, payoffs: Sequence[Fraction], transfers: Sequence[Fraction]) -> list[str]:
        """Plain-fraction checks: the profile attains ``W``, transfers sum to 0 and turn the
        profile's payoffs into ``payoffs``."""
        out = []
        game = self.game
        best = best_outcome_total(game)
        here = game.payoff(self.profile)
        if here != self.payoffs:
            out.append(f"the agreement profile pays {vector_text(here)}, not {vector_text(self.payoffs)}")
        if sum(here) != best:
            out.append(f"the agreement profile's total {sum(here)} is not W = {best}")
        if sum(transfers) != 0:
            out.append(f"the side payments sum to {sum(transfers)}, not 0")
        if tuple(u + t for u, t in zip(here, transfers)) != tuple(payoffs):
            out.append("agreement payoffs plus side payments differ from the value")
        return out

    def describe(self, payoffs: Sequence[Fraction]) -> str:
        """One sentence: play the profile, then who pays whom."""
        transfers = self.side_payments(payoffs)
        return (f"play {profile_text(self.game, self.profile)} (paying {vector_text(self.payoffs)}), "
                f"then {transfer_text(self.game, transfers)}")


def transfer_text(game: Game, transfers: Sequence[Fraction]) -> str:
    """The net transfers in words, e.g. ``"Column pays Row 500"``.

    >>> g = Game.bimatrix([[0]], [[0]], players=("Row", "Column"))
    >>> transfer_text(g, (Fraction(500), Fraction(-500)))
    'Column pays Row 500'
    >>> transfer_text(g, (Fraction(0), Fraction(0)))
    'no side payment'
    """
    if not any(transfers):
        return "no side payment"
    names = game.players
    payers = [(names[i], -t) for i, t in enumerate(transfers) if t < 0]
    payees = [(names[i], t) for i, t in enumerate(transfers) if t > 0]
    if len(payers) == 1 and len(payees) == 1:
        return f"{payers[0][0]} pays {payees[0][0]} {text(payees[0][1])}"
    pays = ", ".join(f"{n} pays {text(a)}" for n, a in payers)
    gets = ", ".join(f"{n} receives {text(a)}" for n, a in payees)
    return f"{pays}; {gets}"


def contract(rule: str, select: str | None, coalitions: str | None, payoffs: Sequence[Fraction],
             disagreement: Sequence[Fraction] | None, coalition_values: Any, verified: bool) -> dict:
    """The JSON contract of ``exactbargain solve --json`` (keys in this order)."""
    return {
        "rule": rule,
        "select": select,
        "coalitions": coalitions,
        "payoffs": [text(p) for p in payoffs],
        "disagreement": None if disagreement is None else [text(p) for p in disagreement],
        "coalition_values": None if coalition_values is None else coalition_values.to_json(),
        "verified": bool(verified),
    }


# --------------------------------------------------------------------------- tables
#: Rule name -> its title in captions and derivations (``"CoCo value"``), filled by
#: :func:`~exactbargain.bargaining.registry.register_rule` from each rule's ``title``; the
#: registry sits above the result types, so they read its titles here.
RULE_TITLES: dict[str, str] = {}


def _rule_text(solution: Any) -> str:
    parts = [solution.rule]
    if getattr(solution, "select", None):
        parts.append(f"selection rule {solution.select}")
    if getattr(solution, "coalitions", None):
        parts.append(f"coalitions {solution.coalitions}")
    if solution.rule in ("nbs", "ks"):
        parts.append("no transfers")
    return ", ".join(parts)


def kappa_row(kappa: Fraction) -> tuple[Any, Any]:
    """The ``kappa`` row of a CoCo table."""
    return ((KAPPA,), kappa)


def coalition_rows(v: Any) -> list[tuple[Any, Any]]:
    """One row ``v({...})`` per non-empty coalition of the coalition function ``v``."""
    return list(v.named_values())


def solution_table(solution: Any, *, title: str | None = None, before_d: Sequence[tuple[Any, Any]] = (),
                   after_d: Sequence[tuple[Any, Any]] = (), lottery: bool = False) -> Table:
    """One solution as a two-column table: the game, the rule, the players, the best total
    ``W``, the rows ``before_d`` (``kappa`` for CoCo), the disagreement point, the rows
    ``after_d`` (the surplus share, ``v(S)``), the payoffs and how they are implemented: a
    ``lottery`` over outcomes without transfers, or side payments and one agreed profile.

    >>> from exactbargain import nash_bargaining
    >>> print(solution_table(nash_bargaining([(0, 0), (6, 0), (0, 3)], (0, 0)), lottery=True).text())
    Nash bargaining solution of the game
    game                the game
    ------------------  --------------------
    rule                nbs, no transfers
    players             (player 1, player 2)
    disagreement point  (0, 0)
    payoffs             (3, 3/2)
    """
    game = getattr(solution, "game", None)
    name = game_title(game, title)
    rows: list[tuple[Any, ...]] = [("rule", _rule_text(solution))]
    players = game.players if game is not None else ("player 1", "player 2")
    rows.append(("players", labels_text(players)))
    W = getattr(solution, "W", None)
    if W is None and game is not None:
        W = game.W
    if W is not None:
        rows.append((("best total ", W_SYMBOL), W))
    rows += before_d
    if solution.disagreement is not None:
        rows.append(("disagreement point", Vector(tuple(solution.disagreement))))
    rows += after_d
    rows.append(("payoffs", Vector(tuple(solution.payoffs))))
    if lottery:
        if game is not None and solution.agreement is not None:
            outcomes = [(m, p) for m, p in zip(solution.agreement, game.profiles()) if m]
            cell: list[Part] = []
            for k, (m, p) in enumerate(outcomes):
                if k:
                    cell.append(" + ")
                if m != 1:
                    cell += [m, " "]
                cell.append(profile_label(game, p))
            rows.append(("agreement", tuple(cell)))
    else:
        rows.append(("side payments", Vector(tuple(solution.side_payments))))
        rows.append(("agreement", profile_label(game, solution.agreement.profile)))
    caption: Cell = (f"{RULE_TITLES.get(solution.rule, solution.rule)} of {name}",)
    return key_value_table(("game", name), rows, caption)


def range_table(solution: Any, *, title: str | None = None) -> Table:
    """A :class:`~exactbargain.bargaining.FallbackRange` as a table: ``W``, the range of
    ``d_1 - d_2`` over all correlated equilibria, and each player's interval of fallback
    values.

    Parameters
    ----------
    solution : FallbackRange
        The range.
    title : str, optional
        The caption's title instead of the game's.

    Returns
    -------
    Table
        The table.

    Examples
    --------
    >>> from exactbargain import Game, fallback_range
    >>> bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> print(range_table(fallback_range(bos)).markdown())
    | game | the game |
    |:---|:---|
    | best total W | 3 |
    | d\\_1 - d\\_2 over CE | [-1, 1] |
    | fallback value of 1 | [1, 2] |
    | fallback value of 2 | [1, 2] |
    <BLANKLINE>
    Table: Fallback values over all correlated equilibria of the game
    """
    game = solution.game
    name = game_title(game, title)
    d = Symbol("d_1 - d_2", "d_1 - d_2", "<i>d</i><sub>1</sub> &minus; <i>d</i><sub>2</sub>")
    rows: list[tuple[Any, ...]] = [
        (("best total ", W_SYMBOL), solution.W),
        ((d, " over CE"), Vector((solution.delta_min, solution.delta_max), "[]")),
    ]
    for player, (lo, hi) in zip(game.players, solution.intervals):
        rows.append((f"fallback value of {player}", Vector((lo, hi), "[]")))
    caption: Cell = (f"Fallback values over all correlated equilibria of {name}",)
    return key_value_table(("game", name), rows, caption)
