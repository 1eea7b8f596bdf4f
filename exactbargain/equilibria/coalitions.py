"""Coalition games built from an n-player game: teams and hordes.

For a coalition ``S`` of the players ``N`` of a game ``G`` (docs/theory.md §1.5 and §3.3):

* the **team game** ``G_S`` is the two-player game ``S`` against ``N \\ S``: each team's
  actions are the joint actions of its members (``A_S`` and ``A_{N \\ S}``) and its payoff is
  the members' total (``u_S`` and ``u_{N \\ S}``). A mixed strategy of a team correlates its
  members perfectly; the two teams do not correlate with each other.
* the **horde game** ``H_S`` merges only ``S`` into one player (actions ``A_S``, payoff
  ``u_S``); every player outside ``S`` stays an individual (option B of §3.3).

Both keep every outcome of ``G`` and its total, so ``W(G_S) = W(H_S) = W(G)``. In both, the
coalition ``S`` is player 0. Joint actions are labelled like ``"Ann=U, Bob=l"`` (members in
player order) and a team is named by its members joined with ``+``, as :meth:`Game.merge`
does.
"""

from __future__ import annotations

from typing import Iterable

from ..errors import GameError
from ..game import Game, PlayerRef, require_game

__all__ = ["coalition_members", "team_game", "horde_game"]


def coalition_members(game: Game, coalition: Iterable[PlayerRef]) -> tuple[int, ...]:
    """The 0-based indices of a coalition's members, sorted; players by index or name.

    Parameters
    ----------
    game : Game
        The game whose players are named.
    coalition : iterable of int or str
        The members, by 0-based index or by name (a collection, not a single player).

    Returns
    -------
    tuple of int
        The members' indices, sorted.

    Raises
    ------
    GameError
        If ``coalition`` is a single player rather than a collection, is empty, names a
        player twice, or names a player the game does not have.

    Examples
    --------
    >>> g = Game([[[(1, 2, 3)]]], players=("Ann", "Bob", "Cy"))
    >>> coalition_members(g, ["Cy", 0])
    (0, 2)
    >>> coalition_members(g, "Ann")
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameError: a coalition is a collection of players, got 'Ann'; write ['Ann'] for a one-member coalition
    """
    if isinstance(coalition, (str, int)):
        raise GameError(
            f"a coalition is a collection of players, got {coalition!r}; write [{coalition!r}] "
            "for a one-member coalition"
        )
    listed = list(coalition)
    members = [game.player_index(p) for p in listed]
    if not members:
        raise GameError("a coalition needs at least one member; the empty coalition was given")
    if len(set(members)) != len(members):
        raise GameError(f"coalition {listed!r} names a player twice")
    return tuple(sorted(members))


def team_game(game: Game, coalition: Iterable[PlayerRef]) -> Game:
    """The two-player team game ``G_S``: ``S`` (player 0) against ``N \\ S`` (player 1).

    Player 0's actions are the joint actions ``A_S`` of the members of ``S``, player 1's are
    ``A_{N \\ S}``; their payoffs are ``u_S = sum_{i in S} u_i`` and ``u_{N \\ S}``. Requires
    ``S`` non-empty and ``S != N``.

    Parameters
    ----------
    game : Game
        The game ``G``.
    coalition : iterable of int or str
        The members of ``S``, by 0-based index or by name.

    Returns
    -------
    Game
        The two-player game ``G_S``, with ``S`` as player 0.

    Raises
    ------
    GameError
        If ``game`` is no :class:`~exactbargain.game.Game`, or ``coalition`` is not a valid
        coalition (see :func:`coalition_members`) or is the grand coalition ``N``.

    Examples
    --------
    >>> g = Game([[[(1, 0, 0), (0, 1, 0)], [(0, 0, 1), (2, 2, 2)]]], players=("A", "B", "C"))
    >>> t = team_game(g, ["C"])
    >>> t.players, t.actions
    (('C', 'A+B'), (('C=1', 'C=2'), ('A=1, B=1', 'A=1, B=2')))
    >>> t.payoff(("C=2", "A=1, B=1")), t.W == g.W
    ((Fraction(0, 1), Fraction(1, 1)), True)
    """
    game = require_game(game, "team_game()")
    members = coalition_members(game, coalition)
    n = game.num_players
    if len(members) == n:
        raise GameError("a team game needs a coalition other than the grand coalition (S = N given)")
    rest = tuple(j for j in range(n) if j not in members)
    merged = game.merge(list(members))
    # merge() puts the coalition where its first member stood and keeps the others in order.
    order = [j for j in range(n) if j not in members[1:]]
    two = merged.merge([order.index(j) for j in rest])
    return two if members[0] < rest[0] else two.permute_players([1, 0])


def horde_game(game: Game, coalition: Iterable[PlayerRef]) -> Game:
    """The horde game ``H_S``: ``S`` merged into one player (player 0, actions ``A_S``,
    payoff ``u_S``); every other player stays an individual, in the original order.

    ``S = N`` gives the one-player game whose payoff is the total ``U``.

    Parameters
    ----------
    game : Game
        The game ``G``.
    coalition : iterable of int or str
        The members of ``S``, by 0-based index or by name.

    Returns
    -------
    Game
        The game ``H_S``, with ``S`` as player 0 and the other players after it in order.

    Raises
    ------
    GameError
        If ``game`` is no :class:`~exactbargain.game.Game` or ``coalition`` is not a valid
        coalition (see :func:`coalition_members`).

    Examples
    --------
    >>> g = Game([[[(1, 0, 0), (0, 1, 0)], [(0, 0, 1), (2, 2, 2)]]], players=("A", "B", "C"))
    >>> h = horde_game(g, ["B", "C"])
    >>> h.players, h.shape, h.payoff(("B=2, C=2", "1"))
    (('B+C', 'A'), (4, 1), (Fraction(4, 1), Fraction(2, 1)))
    """
    game = require_game(game, "horde_game()")
    members = coalition_members(game, coalition)
    merged = game.merge(list(members))
    position = members[0]
    if position == 0:
        return merged
    return merged.permute_players([position] + [k for k in range(merged.num_players) if k != position])
