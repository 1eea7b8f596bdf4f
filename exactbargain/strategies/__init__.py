"""Hypothesis strategies for games and for the modifications of docs/theory.md §4.

Requires the ``hypothesis`` package (a test extra); ``import exactbargain`` never imports
this module. Every strategy checks its arguments when it is *called* (raising
:class:`hypothesis.errors.InvalidArgument`), not when it is first drawn from, and shrinks
towards few players, few actions and small integer payoffs, so a failing property reports a
readable game.

Games::

    games(players=2, actions=(1, 3), payoffs=(-3, 3))
    bimatrix_games(rows=(1, 3), columns=(1, 3), payoffs=(-3, 3))
    zero_sum_games(rows=(1, 3), columns=(1, 3), payoffs=(-3, 3))
    dominance_games(...)          # u_1 >= u_2 at every profile (two players)

Modifications of a given game (each draws a
:class:`~exactbargain.axioms.modifications.Modification`, whose ``after`` is the new game)::

    added_actions(game, player)   curses(game, player, size=(1, 10))
    mixtures(game, player)        dominated_actions(game, player)
    credible_threats(game, player, cost=(0, 3))   # A10's precondition (two players)
    shifts(game)                  opponent_shifts(game, player)
    permutations(game)            relabellings(game, player)
    modifications(axiom, game)    # the right one for an axiom name
    instances(axiom, ...)         # (game, modification or None) pairs for an axiom

``payoffs`` is an inclusive ``(low, high)`` pair of integers, a ``range``, or any strategy of
rationals (ints or :class:`fractions.Fraction`). ``actions`` (and ``rows``/``columns``) is a
count or an inclusive ``(low, high)`` tuple; for :func:`games` also a list with one such entry
per player.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..axioms.properties import AXIOMS, AXIOM_CODES
from ..game import Game
from .arguments import DEFAULT_PAYOFFS, MAX_PROFILES, _count, _game, _player, payoff_values  # noqa: F401
from .game_draws import bimatrix_games, dominance_games, games, zero_sum_games
from .modification_draws import (
    added_actions,
    credible_threats,
    curses,
    dominated_actions,
    mixtures,
    opponent_shifts,
    permutations,
    relabellings,
    shifts,
)

__all__ = [
    "games",
    "bimatrix_games",
    "zero_sum_games",
    "dominance_games",
    "payoff_values",
    "added_actions",
    "curses",
    "mixtures",
    "dominated_actions",
    "credible_threats",
    "shifts",
    "opponent_shifts",
    "permutations",
    "relabellings",
    "modifications",
    "instances",
]



_FOR_AXIOM = {
    "anonymity": lambda g, p, pay: permutations(g),
    "relabelling": lambda g, p, pay: relabellings(g, p),
    "shift": lambda g, p, pay: shifts(g),
    "opponent-shift": lambda g, p, pay: opponent_shifts(g, p),
    "monotonicity": lambda g, p, pay: added_actions(g, p, pay),
    "redundancy": lambda g, p, pay: mixtures(g, p),
    "uniform-curse": lambda g, p, pay: curses(g, p),
    "dominated-action": lambda g, p, pay: dominated_actions(g, p, payoffs=pay),
    "credible-threat": lambda g, p, pay: credible_threats(g, p),
}


def _axiom_name(axiom: Any) -> str:
    if not isinstance(axiom, str):
        raise InvalidArgument(f"axiom must be a name such as 'monotonicity', got {axiom!r}")
    name = AXIOM_CODES.get(axiom, axiom).replace("_", "-")
    if name not in AXIOMS:
        raise InvalidArgument(f"unknown axiom {axiom!r}; the axioms are {', '.join(AXIOMS)}")
    return name


def modifications(axiom: str, game: Game, player: Any = None, payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy:
    """The modification strategy an axiom needs (``st.none()`` for the single-game axioms
    ``efficiency`` and ``dominance``).

    Parameters
    ----------
    axiom : str
        An axiom's name.
    game : Game
        The game modified.
    player : int or str, optional
        The player concerned (drawn when ``None``).
    payoffs : (low, high), range or strategy
        Where single payoffs come from.

    Returns
    -------
    SearchStrategy
        Of modifications (or ``None``).

    Raises
    ------
    InvalidArgument
        An unknown axiom, or arguments its strategy refuses.
    """
    name = _axiom_name(axiom)
    g = _game(game)
    p = _player(g, player)
    payoff_values(payoffs)
    if name not in _FOR_AXIOM:
        return st.none()
    return _FOR_AXIOM[name](g, p, payoffs)


def instances(axiom: str, players: Any = 2, actions: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy:
    """Pairs ``(game, modification)`` for ``axiom`` (modification ``None`` for single-game
    axioms); for ``dominance`` the games satisfy the precondition, and ``credible-threat``
    (two players only) adds a credible threat. Modifications that add an action are applied
    to games with at most ``actions`` high minus one actions for that player, so the modified
    game stays within ``actions``.

    Parameters
    ----------
    axiom : str
        An axiom's name.
    players : int or (low, high)
        The number of players.
    actions : int, (low, high) or list
        Actions per player, as for :func:`games`.
    payoffs : (low, high), range or strategy
        Where single payoffs come from.

    Returns
    -------
    SearchStrategy
        Of ``(game, modification)`` pairs.

    Raises
    ------
    InvalidArgument
        An unknown axiom, or arguments :func:`games` refuses.
    """
    name = _axiom_name(axiom)
    values = payoff_values(payoffs)
    if name == "credible-threat" and _count(players, "players") != (2, 2):
        raise InvalidArgument(f"credible-threat (A10) is a two-player axiom, got players={players!r}")
    if name == "dominance":
        _count(players, "players")
        lo, hi = _count(actions, "actions") if not (isinstance(actions, (list, tuple)) and len(actions) != 2) else (1, 3)
        return dominance_games((lo, hi), (lo, hi), payoffs).map(lambda g: (g, None))
    grows = name in ("monotonicity", "redundancy", "uniform-curse", "dominated-action", "credible-threat")
    base_actions = actions
    if grows:
        lo, hi = _count(actions, "actions")
        if hi < 2:
            raise InvalidArgument(f"{name} adds an action, so actions must allow at least 2, got {actions!r}")
        base_actions = (lo, hi - 1) if lo <= hi - 1 else (hi - 1, hi - 1)
    base = games(players, base_actions, values)
    if name not in _FOR_AXIOM:
        return base.map(lambda g: (g, None))
    return base.flatmap(lambda g: modifications(name, g, None, values).map(lambda m: (g, m)))
