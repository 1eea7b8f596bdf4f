"""Formula (star): an n-player value from a two-player value applied to coalition games.

Every n-player rule of the library (CoCo, the fallback rules, any
:func:`~exactbargain.bargaining.n_player_value`)
is built the same way (docs/theory.md §1.6 and §3.3): a coalition function ``v`` with
``v(empty) = 0`` and ``v(N) = W(G)``, where ``v(S)`` is read off a value of a *coalition
game* in which ``S`` is one player, and then player ``i`` receives

    phi_i = sum_{S containing i} (n-s)!(s-1)!/n! (v(S) - v(N \\ S)),    s = |S|,    (star)

which is the Shapley value of ``v`` (:mod:`exactbargain.cooperative.shapley`). The coalition
games are the two coalition models of docs/theory.md §3.3:

* ``"two-teams"`` (option A): ``S`` against ``N \\ S`` as two players, the team game
  ``G_S`` (:func:`~exactbargain.equilibria.team_game`);
* ``"team-vs-individuals"`` (option B): ``S`` as one player against the others as
  individuals, the horde game ``H_S`` (:func:`~exactbargain.equilibria.horde_game`; when one
  player is left out it is ``G_S``).

:func:`star_value` computes ``v`` and ``phi`` and keeps every coalition game with the
result it gave, so a caller can re-check each ``v(S)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

from ..equilibria.coalitions import horde_game, team_game
from ..errors import GameError
from ..game import Game, require_game
from ..numbers import to_fraction
from .shapley import CoalitionFunction, shapley

__all__ = ["COALITION_MODELS", "StarValue", "payoffs_of", "star_value"]

#: The coalition models of docs/theory.md §3.3: option A and option B.
COALITION_MODELS = ("two-teams", "team-vs-individuals")

#: One computed coalition game: ``(members of S, model game, the value's result, position)``,
#: where ``v(S)`` is component ``position`` of the result's payoffs.
Part = tuple[tuple[int, ...], Game, Any, int]


def payoffs_of(result: Any) -> tuple[Fraction, ...]:
    """The payoff vector of a value's result: the result itself if it is a sequence, else its
    ``payoffs`` attribute, as Fractions.

    Parameters
    ----------
    result : sequence or object with ``payoffs``
        What a two-player value returned.

    Returns
    -------
    tuple of Fraction
        The payoffs, exactly.

    Raises
    ------
    NumberError
        If a payoff is not an exact rational (a float, for instance).

    >>> payoffs_of([1, "1/2"])
    (Fraction(1, 1), Fraction(1, 2))
    """
    values = getattr(result, "payoffs", result)
    return tuple(to_fraction(v) for v in values)


@dataclass(frozen=True, slots=True)
class StarValue:
    """The outcome of formula (star) on a game: ``v``, ``phi`` and the coalition games.

    * ``game`` and ``coalitions`` — the game and the coalition model;
    * ``coalition_function`` — ``v``, with ``v(empty) = 0`` and ``v(N) = W``;
    * ``payoffs`` — ``phi`` by (star), the Shapley value of ``v``;
    * ``parts`` — each computed coalition game as ``(members, model game, result,
      position)``: ``v(S)`` is component ``position`` of the result's payoffs (player 0 of
      the model game is ``S``, except for the singletons read off ``game`` itself);
    * ``pairs`` — whether one two-player result gave both ``v(S)`` and ``v(N \\ S)``
      (component 1 is then ``v(N \\ S)``).
    """

    game: Game
    coalitions: str
    coalition_function: CoalitionFunction
    payoffs: tuple[Fraction, ...]
    parts: tuple[Part, ...]
    pairs: bool


def star_value(
    game: Game,
    value: Callable[[Game, tuple[int, ...]], Any],
    coalitions: str = "two-teams",
    *,
    pairs: bool = True,
    singletons_from_game: bool = False,
) -> StarValue:
    """Formula (star) of docs/theory.md §1.6 on ``game``, with ``v(S)`` read off coalition games.

    ``v(empty) = 0``, ``v(N) = W(G)`` and, for every other coalition ``S``, ``v(S)`` is
    component 0 of ``value(model, members)`` (``model`` the coalition game of ``S``, with
    ``S`` as its player 0; ``members`` the 0-based indices of ``S``). Player ``i`` receives

        phi_i = sum_{S containing i} (n-s)!(s-1)!/n! (v(S) - v(N \\ S)),    s = |S|,

    which equals the Shapley value of ``v`` for every ``v`` with ``v(empty) = 0``, so
    ``sum_i phi_i = W`` (efficiency) and equal players get equal values. For two players it
    is ``phi_1 = (v({1}) - v({2}) + W)/2``.

    Parameters
    ----------
    game : Game
        The n-player game.
    value : callable ``(model game, members) -> payoffs``
        The value of a coalition game: a payoff sequence, or an object with ``payoffs`` (kept
        in :attr:`StarValue.parts`).
    coalitions : {"two-teams", "team-vs-individuals"}
        The model game of ``S``: the team game ``G_S`` or the horde game ``H_S`` (see the
        module notes).
    pairs : bool
        Under ``"two-teams"``, one call per unordered pair ``{S, N \\ S}`` (from the side
        containing player 1), reading ``v(N \\ S)`` off component 1: right for every
        role-covariant value.
    singletons_from_game : bool
        Under ``"team-vs-individuals"`` with ``n > 1``, every ``v({i})`` is component ``i``
        of one ``value(game, ())`` instead of one horde game each.

    Returns
    -------
    StarValue
        ``v``, ``phi`` and the coalition games with their results.

    Raises
    ------
    GameError
        An unknown ``coalitions``, or a payoff vector of the wrong length from ``value``.
    GameTypeError
        ``game`` is not a :class:`~exactbargain.Game`.

    Examples
    --------
    A two-player value that splits ``W`` equally gives every coalition ``W/2``, so only
    ``S = N`` contributes to (star), with weight ``1/n``:

    >>> g = Game([[[(1, 0, 0), (0, 1, 0)], [(0, 0, 1), (2, 2, 2)]]])
    >>> star = star_value(g, lambda model, members: (model.W / 2, model.W / 2))
    >>> star.payoffs
    (Fraction(2, 1), Fraction(2, 1), Fraction(2, 1))
    >>> star.coalition_function.to_json()
    {'1': '3', '2': '3', '3': '3', '1,2': '3', '1,3': '3', '2,3': '3', '1,2,3': '6'}
    >>> len(star.parts)  # one team game per unordered pair {S, N \\ S}
    3
    """
    game = require_game(game, "star_value()")
    if coalitions not in COALITION_MODELS:
        raise GameError(f"coalitions must be one of {', '.join(COALITION_MODELS)}; got {coalitions!r}")
    n = game.num_players
    full = (1 << n) - 1
    table: list[Fraction | None] = [None] * (full + 1)
    table[0], table[full] = Fraction(0), game.W
    parts: list[Part] = []
    pairs = pairs and coalitions == "two-teams"
    if singletons_from_game and coalitions == "team-vs-individuals" and n > 1:
        parts.extend(_singletons(game, value, table))
    parts.extend(_coalition_games(game, value, coalitions, pairs, table))
    v = CoalitionFunction(game.players, tuple(table))
    return StarValue(game, coalitions, v, shapley(v), tuple(parts), pairs)


def _singletons(game: Game, value: Callable[[Game, tuple[int, ...]], Any],
                table: list[Fraction | None]) -> list[Part]:
    """Fill in every ``v({i})`` from one result of ``value(game, ())`` (component ``i``)."""
    result = value(game, ())
    values = payoffs_of(result)
    parts: list[Part] = []
    for i in range(game.num_players):
        table[1 << i] = values[i]
        parts.append(((i,), game, result, i))
    return parts


def _coalition_games(game: Game, value: Callable[[Game, tuple[int, ...]], Any], coalitions: str,
                     pairs: bool, table: list[Fraction | None]) -> list[Part]:
    """Fill in ``v(S)`` (``table[mask of S]``) for every coalition not known yet, by the value
    of its model game; return those games with their results, in the order computed."""
    n = game.num_players
    full = (1 << n) - 1
    parts: list[Part] = []
    for mask in range(1, full):
        if table[mask] is not None:
            continue
        members = tuple(k for k in range(n) if mask >> k & 1)
        if coalitions == "two-teams":
            if pairs and not mask & 1:
                continue  # the pair is handled from the side containing player 1
            model = team_game(game, members)
        elif n - len(members) == 1:
            model = team_game(game, members)  # H_S = G_S when one player is left out (shared)
        else:
            model = horde_game(game, members)
        result = value(model, members)
        values = payoffs_of(result)
        if len(values) != model.num_players:
            raise GameError(f"the value returned {len(values)} payoffs for a {model.num_players}-player game")
        table[mask] = values[0]
        if pairs:
            table[full & ~mask] = values[1]
        parts.append((members, model, result, 0))
    return parts
