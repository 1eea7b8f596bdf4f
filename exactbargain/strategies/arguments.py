"""The argument checks the strategies of :mod:`exactbargain.strategies` share: counts and
ranges, payoff descriptions, games, players and sizes, each refused with
:class:`hypothesis.errors.InvalidArgument` when a strategy is built.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..game import Game

#: Payoff range used when none is given.
DEFAULT_PAYOFFS = (-3, 3)
#: The largest number of profiles a generated game may have (keeps the LPs small).
MAX_PROFILES = 64


# ---------------------------------------------------------------------- argument checks
def _count(value: Any, what: str) -> tuple[int, int]:
    if isinstance(value, bool):
        raise InvalidArgument(f"{what} must be an int or a (low, high) pair, got {value!r}")
    if isinstance(value, int):
        lo = hi = value
    elif isinstance(value, range):
        if value.step != 1 or len(value) == 0:
            raise InvalidArgument(f"{what} as a range must be non-empty with step 1, got {value!r}")
        lo, hi = value.start, value.stop - 1
    elif isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(x, int) and not isinstance(x, bool) for x in value):
        lo, hi = value
    else:
        raise InvalidArgument(f"{what} must be an int or a (low, high) pair of ints, got {value!r}")
    if lo < 1 or hi < lo:
        raise InvalidArgument(f"{what} must satisfy 1 <= low <= high, got ({lo}, {hi})")
    return lo, hi


def _is_pair(value: Any) -> bool:
    return (isinstance(value, tuple) and len(value) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in value))



def payoff_values(payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy:
    """The strategy of single payoffs described by ``payoffs`` (validated now).

    Parameters
    ----------
    payoffs : (low, high), range or strategy
        Integers from ``low`` to ``high``, a range of them, or a strategy of exact numbers.

    Returns
    -------
    SearchStrategy
        Of exact numbers: single payoffs.

    Raises
    ------
    InvalidArgument
        An empty or reversed range, or anything else.
    """
    if isinstance(payoffs, st.SearchStrategy):
        return payoffs
    if isinstance(payoffs, range):
        if payoffs.step != 1 or len(payoffs) == 0:
            raise InvalidArgument(f"payoffs as a range must be non-empty with step 1, got {payoffs!r}")
        return st.integers(payoffs.start, payoffs.stop - 1)
    if (isinstance(payoffs, (tuple, list)) and len(payoffs) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) for x in payoffs)):
        lo, hi = payoffs
        if lo > hi:
            raise InvalidArgument(f"payoffs (low, high) needs low <= high, got {payoffs!r}")
        return st.integers(lo, hi)
    raise InvalidArgument(f"payoffs must be a (low, high) pair of ints, a range or a strategy, got {payoffs!r}")

def _game(game: Any, what: str = "game") -> Game:
    if not isinstance(game, Game):
        raise InvalidArgument(f"{what} must be an exactbargain.Game, got {type(game).__name__}")
    return game


def _player(game: Game, player: Any) -> int | None:
    if player is None:
        return None
    try:
        return game.player_index(player)
    except Exception as exc:  # GameError
        raise InvalidArgument(str(exc)) from None


def _players_st(game: Game, player: int | None, eligible: Sequence[int] | None = None) -> st.SearchStrategy[int]:
    choices = list(range(game.num_players)) if eligible is None else list(eligible)
    if player is not None:
        return st.just(player)
    if not choices:
        raise InvalidArgument("no player of this game qualifies")
    return st.sampled_from(choices)



def _sizes(size: Any, what: str = "curse size", name: str = "size") -> st.SearchStrategy:
    if isinstance(size, st.SearchStrategy):
        return size
    if isinstance(size, (int, Fraction)) and not isinstance(size, bool):
        if size < 0:
            raise InvalidArgument(f"a {what} must be >= 0, got {size!r}")
        return st.just(size)
    if isinstance(size, (tuple, list, range)):
        s = payoff_values(size)
        lo = size.start if isinstance(size, range) else size[0]
        if lo < 0:
            raise InvalidArgument(f"{what}s must be >= 0, got {size!r}")
        return s
    raise InvalidArgument(f"{name} must be a number >= 0, a (low, high) pair or a strategy, got {size!r}")
