"""Hypothesis strategies for the modifications of docs/theory.md §4 of a given game (see
:mod:`exactbargain.strategies`); each draws a
:class:`~exactbargain.axioms.modifications.Modification`, whose ``after`` is the new game."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..axioms import modifications as mods
from ..axioms.modifications import Modification
from ..game import Game
from .arguments import DEFAULT_PAYOFFS, _game, _player, _players_st, _sizes, payoff_values

__all__ = [
    "added_actions",
    "curses",
    "mixtures",
    "dominated_actions",
    "credible_threats",
    "shifts",
    "opponent_shifts",
    "permutations",
    "relabellings",
]


def added_actions(game: Game, player: Any = None, payoffs: Any = DEFAULT_PAYOFFS) -> st.SearchStrategy[Modification]:
    """One more action for ``player`` (drawn when ``None``) with payoffs from ``payoffs``.

    Parameters
    ----------
    game : Game
        The game modified.
    player : int or str, optional
        Whose action it is (drawn when ``None``).
    payoffs : (low, high), range or strategy
        Where single payoffs come from.

    Returns
    -------
    SearchStrategy
        Of Modification: ``add-action``.

    Raises
    ------
    InvalidArgument
        ``game`` is not a game, or ``player`` is unknown.
    """
    g = _game(game)
    p = _player(g, player)
    values = payoff_values(payoffs)

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        k = len(mods.opponent_profiles(g, i))
        n = g.num_players
        flat = draw(st.lists(values, min_size=k * n, max_size=k * n))
        return mods.add_action(g, i, [flat[c * n:(c + 1) * n] for c in range(k)])

    return build()


def curses(game: Game, player: Any = None, size: Any = (1, 10)) -> st.SearchStrategy[Modification]:
    """A uniform curse for ``player``: a copy of one of their actions that lowers every
    other player's payoff by ``t`` (``size``: a number, ``(low, high)`` or a strategy).

    Parameters
    ----------
    game : Game
        The game modified.
    player : int or str, optional
        The curser (drawn when ``None``).
    size : number, (low, high) or strategy
        The curse's size ``t >= 0``.

    Returns
    -------
    SearchStrategy
        Of Modification: ``uniform-curse``.

    Raises
    ------
    InvalidArgument
        ``game`` is not a game, ``player`` is unknown, or a size is negative.
    """
    g = _game(game)
    p = _player(g, player)
    sizes = _sizes(size)

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        a = draw(st.integers(0, len(g.actions[i]) - 1))
        t = draw(sizes)
        return mods.add_uniform_curse(g, i, t, copy=a)

    return build()


def mixtures(game: Game, player: Any = None, max_weight: int = 3) -> st.SearchStrategy[Modification]:
    """A redundant action for ``player``: a mixture of existing actions with weights
    ``w_k / sum(w)`` for small integers ``w_k`` (shrinks to a duplicate of the first action).

    Parameters
    ----------
    game : Game
        The game modified.
    player : int or str, optional
        Whose action it is (drawn when ``None``).
    max_weight : int
        The largest integer weight ``w_k``.

    Returns
    -------
    SearchStrategy
        Of Modification: ``mixture-action``.

    Raises
    ------
    InvalidArgument
        ``game`` is not a game, ``player`` is unknown, or ``max_weight`` is not positive.
    """
    g = _game(game)
    p = _player(g, player)
    if not isinstance(max_weight, int) or max_weight < 1:
        raise InvalidArgument(f"max_weight must be a positive int, got {max_weight!r}")

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        m = len(g.actions[i])
        raw = draw(st.lists(st.integers(0, max_weight), min_size=m, max_size=m))
        if sum(raw) == 0:
            raw[0] = 1
        return mods.mixture_action(g, i, [Fraction(w, sum(raw)) for w in raw])

    return build()


def dominated_actions(game: Game, player: Any = None, margins: Any = (1, 3), payoffs: Any = DEFAULT_PAYOFFS,
                      max_weight: int = 2) -> st.SearchStrategy[Modification]:
    """A strictly dominated action for ``player`` (A9's precondition): their payoff is a
    mixture of existing actions minus a margin from ``margins`` (>= 1) in every opponents'
    profile; the others' payoffs come from ``payoffs``, lowered where needed so that no new
    cell's total exceeds ``W(G)``.

    Parameters
    ----------
    game : Game
        The game modified.
    player : int or str, optional
        Whose action it is (drawn when ``None``).
    margins : (low, high), range or strategy
        The domination margin (>= 1).
    payoffs : (low, high), range or strategy
        Where single payoffs come from.
    max_weight : int
        The largest integer weight of the dominating mixture.

    Returns
    -------
    SearchStrategy
        Of Modification: ``dominated-action``.

    Raises
    ------
    InvalidArgument
        ``game`` is not a game, ``player`` is unknown, or a margin is below 1.
    """
    g = _game(game)
    p = _player(g, player)
    margin_values = payoff_values(margins)
    if isinstance(margins, tuple) and margins[0] < 1:
        raise InvalidArgument(f"margins must be >= 1, got {margins!r}")
    values = payoff_values(payoffs)
    W = g.W

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        m = len(g.actions[i])
        raw = draw(st.lists(st.integers(0, max_weight), min_size=m, max_size=m))
        if sum(raw) == 0:
            raw[0] = 1
        sigma = [Fraction(w, sum(raw)) for w in raw]
        vectors = []
        for o in mods.opponent_profiles(g, i):
            own = sum((sigma[k] * g.payoff(o[:i] + (k,) + o[i:])[i] for k in range(m)), Fraction(0))
            own -= Fraction(draw(margin_values))
            others = [Fraction(draw(values)) for _ in range(g.num_players - 1)]
            excess = own + sum(others, Fraction(0)) - W
            if excess > 0:
                others[0] -= excess
            vectors.append(tuple(others[:i]) + (own,) + tuple(others[i:]))
        return mods.add_dominated_action(g, i, vectors)

    return build()


def credible_threats(game: Game, player: Any = None, cost: Any = (0, 3),
                     response: Any = None) -> st.SearchStrategy[Modification]:
    """A credible threat for ``player`` (A10's precondition, two-player games): a new action
    ``K`` that strictly dominates the player's others, against which ``response`` (drawn when
    ``None``) is the opponent's strict best reply, with ``(K, response)`` a saddle point of
    ``Z = (u_1 - u_2)/2`` whose damage exceeds the old actions' by ``cost`` (a number,
    ``(low, high)`` or a strategy, >= 0); see
    :func:`~exactbargain.axioms.modifications.add_credible_threat`. ``response`` needs ``player``.

    Parameters
    ----------
    game : Game
        The game modified.
    player : int or str, optional
        The threatening player (drawn when ``None``).
    cost : number, (low, high) or strategy
        The extra damage ``c >= 0``.
    response : int or str, optional
        The opponent's reply ``b*`` (drawn when ``None``).

    Returns
    -------
    SearchStrategy
        Of Modification: ``credible-threat``.

    Raises
    ------
    InvalidArgument
        Not a two-player game, an unknown ``player`` or ``response``, ``response`` without
        ``player``, or a negative cost.

    Examples
    --------
    >>> from hypothesis import find
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> find(credible_threats(pd), lambda m: m.player == 1).params["cost"]
    Fraction(0, 1)
    """
    g = _game(game)
    if g.num_players != 2:
        raise InvalidArgument(f"credible threats (A10) need a two-player game, got {g.num_players} players")
    p = _player(g, player)
    costs = _sizes(cost, "threat cost", "cost")
    fixed = None
    if response is not None:
        if p is None:
            raise InvalidArgument("response names an action of the opponent, so it needs player")
        try:
            fixed = g.action_index(1 - p, response)
        except Exception as exc:  # GameError
            raise InvalidArgument(str(exc)) from None

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        b = fixed if fixed is not None else draw(st.integers(0, g.shape[1 - i] - 1))
        return mods.add_credible_threat(g, i, draw(costs), response=b)

    return build()


def shifts(game: Game, payoffs: Any = (-5, 5)) -> st.SearchStrategy[Modification]:
    """A constant per-player shift ``c`` (A4).

    Parameters
    ----------
    game : Game
        The game modified.
    payoffs : (low, high), range or strategy
        Where each constant comes from.

    Returns
    -------
    SearchStrategy
        Of Modification: ``shift``.

    Raises
    ------
    InvalidArgument
        ``game`` is not a game, or a malformed range.
    """
    g = _game(game)
    values = payoff_values(payoffs)
    return st.lists(values, min_size=g.num_players, max_size=g.num_players).map(lambda c: mods.shift_payoffs(g, c))


def opponent_shifts(game: Game, player: Any = None, payoffs: Any = (-5, 5)) -> st.SearchStrategy[Modification]:
    """An opponent-dependent shift ``h(a_-i)`` added to ``u_i`` (A4').

    Parameters
    ----------
    game : Game
        The game modified.
    player : int or str, optional
        Whose payoffs shift (drawn when ``None``).
    payoffs : (low, high), range or strategy
        Where each value of ``h`` comes from.

    Returns
    -------
    SearchStrategy
        Of Modification: ``opponent-shift``.

    Raises
    ------
    InvalidArgument
        ``game`` is not a game, ``player`` is unknown, or a malformed range.
    """
    g = _game(game)
    p = _player(g, player)
    values = payoff_values(payoffs)

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        k = len(mods.opponent_profiles(g, i))
        return mods.shift_payoffs_by_opponents(g, i, draw(st.lists(values, min_size=k, max_size=k)))

    return build()


def permutations(game: Game) -> st.SearchStrategy[Modification]:
    """A reordering of the players (A2); shrinks to reversing them.

    Parameters
    ----------
    game : Game
        The game modified.

    Returns
    -------
    SearchStrategy
        Of Modification: ``permute-players``.

    Raises
    ------
    InvalidArgument
        ``game`` is not a game.
    """
    g = _game(game)
    n = g.num_players
    return st.permutations(list(range(n))[::-1]).map(lambda order: mods.permute_players(g, order))


def relabellings(game: Game, player: Any = None) -> st.SearchStrategy[Modification]:
    """A renaming and reordering of ``player``'s actions (A3).

    Parameters
    ----------
    game : Game
        The game modified.
    player : int or str, optional
        Whose actions change (drawn when ``None``).

    Returns
    -------
    SearchStrategy
        Of Modification: ``relabel-actions``.

    Raises
    ------
    InvalidArgument
        ``game`` is not a game, or ``player`` is unknown.
    """
    g = _game(game)
    p = _player(g, player)

    @st.composite
    def build(draw: Any) -> Modification:
        i = draw(_players_st(g, p))
        order = draw(st.permutations(list(range(len(g.actions[i])))[::-1]))
        labels = draw(st.lists(st.text("abcxyz", min_size=1, max_size=3), min_size=len(order),
                               max_size=len(order), unique=True))
        return mods.relabel_actions(g, i, order=order, labels=labels)

    return build()
