"""Hypothesis strategies for games: any number of players, bimatrix, zero-sum, and games
meeting A5's precondition (see :mod:`exactbargain.strategies`)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..game import Game
from .arguments import DEFAULT_PAYOFFS, MAX_PROFILES, _count, _is_pair, payoff_values

__all__ = ["payoff_values", "games", "bimatrix_games", "zero_sum_games", "dominance_games"]


def games(players: Any = 2, actions: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS, *,
          max_profiles: int = MAX_PROFILES) -> st.SearchStrategy[Game]:
    """Normal-form games with ``players`` players (count or ``(low, high)``), ``actions``
    per player (a count, a ``(low, high)`` pair, or one of those per player) and payoffs
    drawn from ``payoffs``. Games with more than ``max_profiles`` profiles are avoided by
    shrinking the action counts of the later players.

    ``actions`` as a tuple of two ints is a ``(low, high)`` range for every player; as a
    list it gives one count or range per player.

    Parameters
    ----------
    players : int or (low, high)
        The number of players.
    actions : int, (low, high) or list
        Actions per player (see above).
    payoffs : (low, high), range or strategy
        Where single payoffs come from.
    max_profiles : int
        The most profiles a game may have.

    Returns
    -------
    SearchStrategy
        Of Game: the games.

    Raises
    ------
    InvalidArgument
        A malformed count or range, or a non-positive ``max_profiles``.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(games(actions=[1, (2, 3)]), lambda g: g.W > 1).shape
    (1, 2)
    """
    p_lo, p_hi = _count(players, "players")
    if isinstance(actions, list) or (isinstance(actions, tuple) and not _is_pair(actions)):
        per = [_count(a, f"actions of player {k + 1}") for k, a in enumerate(actions)]
        if p_lo != p_hi or len(per) != p_lo:
            raise InvalidArgument(f"actions lists {len(per)} players but players is {players!r}")
        one = None
    else:
        per = None
        one = _count(actions, "actions")
    values = payoff_values(payoffs)
    if not isinstance(max_profiles, int) or max_profiles < 1:
        raise InvalidArgument(f"max_profiles must be a positive int, got {max_profiles!r}")

    @st.composite
    def build(draw: Any) -> Game:
        n = draw(st.integers(p_lo, p_hi))
        bounds = per if per is not None else [one] * n
        shape: list[int] = []
        budget = max_profiles
        for k, (lo, hi) in enumerate(bounds):
            rest = 1
            for lo2, _ in bounds[k + 1:]:
                rest *= lo2
            cap = max(lo, min(hi, budget // max(rest, 1)))
            m = draw(st.integers(lo, cap))
            shape.append(m)
            budget = max(1, budget // m)
        size = 1
        for m in shape:
            size *= m
        flat = draw(st.lists(values, min_size=size * n, max_size=size * n))
        per_player = [flat[p::n] for p in range(n)]
        return Game.from_flat(per_player, shape)

    return build()


def bimatrix_games(rows: Any = (1, 3), columns: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy[Game]:
    """Two-player games with ``rows`` x ``columns`` actions.

    Parameters
    ----------
    rows, columns : int or (low, high)
        The two players' numbers of actions.
    payoffs : (low, high), range or strategy
        Where single payoffs come from.

    Returns
    -------
    SearchStrategy
        Of Game: two-player games.

    Raises
    ------
    InvalidArgument
        A malformed count or range.
    """
    return games(2, [_count(rows, "rows"), _count(columns, "columns")], payoffs)


def zero_sum_games(rows: Any = (1, 3), columns: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy[Game]:
    """Two-player zero-sum games (player 1's payoffs drawn, player 2 gets the negative).

    Parameters
    ----------
    rows, columns : int or (low, high)
        The two players' numbers of actions.
    payoffs : (low, high), range or strategy
        Where single payoffs come from.

    Returns
    -------
    SearchStrategy
        Of Game: two-player zero-sum games.

    Raises
    ------
    InvalidArgument
        A malformed count or range.
    """
    r, c = _count(rows, "rows"), _count(columns, "columns")
    values = payoff_values(payoffs)

    @st.composite
    def build(draw: Any) -> Game:
        m = draw(st.integers(*r))
        k = draw(st.integers(*c))
        flat = draw(st.lists(values, min_size=m * k, max_size=m * k))
        return Game.zero_sum([flat[i * k:(i + 1) * k] for i in range(m)])

    return build()


def dominance_games(rows: Any = (1, 3), columns: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS,
                    gaps: Any = (0, 3)) -> st.SearchStrategy[Game]:
    """Two-player games with ``u_1(a) >= u_2(a)`` at every profile (A5's precondition):
    ``u_2`` is drawn from ``payoffs`` and ``u_1 = u_2 + gap`` with ``gap`` from ``gaps``
    (non-negative).

    Parameters
    ----------
    rows, columns : int or (low, high)
        The two players' numbers of actions.
    payoffs : (low, high), range or strategy
        Where single payoffs come from.
    gaps : (low, high), range or strategy
        Where ``u_1 - u_2`` comes from (non-negative).

    Returns
    -------
    SearchStrategy
        Of Game: games meeting A5's precondition.

    Raises
    ------
    InvalidArgument
        A malformed count or range, or a negative gap.
    """
    r, c = _count(rows, "rows"), _count(columns, "columns")
    values = payoff_values(payoffs)
    gap_values = payoff_values(gaps)
    if isinstance(gaps, tuple) and gaps[0] < 0:
        raise InvalidArgument(f"gaps must be non-negative, got {gaps!r}")

    @st.composite
    def build(draw: Any) -> Game:
        m = draw(st.integers(*r))
        k = draw(st.integers(*c))
        base = draw(st.lists(values, min_size=m * k, max_size=m * k))
        gap = draw(st.lists(gap_values, min_size=m * k, max_size=m * k))
        if any(Fraction(x) < 0 for x in gap):
            gap = [abs(Fraction(x)) for x in gap]
        A = [[base[i * k + j] + gap[i * k + j] for j in range(k)] for i in range(m)]
        B = [[base[i * k + j] for j in range(k)] for i in range(m)]
        return Game.bimatrix(A, B)

    return build()
