"""Coalition games of a family: the team game ``G_S`` and the horde game ``H_S``, parametric.

The same games as :mod:`exactbargain.equilibria.coalitions` (docs/theory.md §1.5 and §3.3),
built from a :class:`~exactbargain.parametric.family.ParametricGame`: a merged player's
actions are the joint actions of its members (labels ``"Ann=U, Bob=l"``, members in player
order, the last member's action changing fastest) and its payoff is the members' total, a sum
of polynomials. The coalition ``S`` is player 0. So ``team_game(family, S).at(t0)`` is
``exactbargain.equilibria.team_game(family.at(t0), S)``, labels and all.

>>> from exactbargain.parametric import ParametricGame
>>> fam = ParametricGame(["A", "B", "C"], [["x", "y"], ["x"], ["x"]], [["t", 0], [0, 0], [0, 1]])
>>> g = team_game(fam, ["C"])
>>> g.players, g.actions
(('C', 'A+B'), (('C=x',), ('A=x, B=x', 'A=y, B=x')))
>>> g.at(5).payoff(("C=x", "A=x, B=x"))
(Fraction(0, 1), Fraction(5, 1))
"""

from __future__ import annotations

import itertools
from typing import Iterable

import flint

from ..errors import GameError
from .family import ParametricGame

__all__ = ["coalition_members", "team_game", "horde_game"]


def coalition_members(family: ParametricGame, coalition: Iterable[int | str]) -> tuple[int, ...]:
    """The 0-based indices of a coalition's members, sorted; players by index or name.

    Parameters
    ----------
    family : ParametricGame
    coalition : iterable of int or str
        The members (a collection, not a single player).

    Returns
    -------
    tuple of int

    Raises
    ------
    GameError
        For a single player instead of a collection, an empty coalition, a player named twice
        or an unknown player.
    """
    if isinstance(coalition, (str, int)):
        raise GameError(f"a coalition is a collection of players, got {coalition!r}; write [{coalition!r}] "
                        "for a one-member coalition")
    members = []
    for p in coalition:
        if isinstance(p, int) and not isinstance(p, bool) and 0 <= p < len(family.players):
            members.append(p)
        elif isinstance(p, str) and p in family.players:
            members.append(family.players.index(p))
        else:
            raise GameError(f"the family has no player {p!r}; its players are {', '.join(family.players)}")
    if not members:
        raise GameError("a coalition needs at least one member; the empty coalition was given")
    if len(set(members)) != len(members):
        raise GameError(f"coalition {list(coalition)!r} names a player twice")
    return tuple(sorted(members))


def _grouped(family: ParametricGame, groups: list[tuple[int, ...]], merged: list[bool]) -> ParametricGame:
    """The family with each group of players as one player (in the order of ``groups``);
    a merged group's actions are its members' joint actions and its payoff their total."""
    shape = family.shape
    strides = [1] * len(shape)
    for i in range(len(shape) - 2, -1, -1):
        strides[i] = strides[i + 1] * shape[i + 1]
    joints = [list(itertools.product(*(range(shape[m]) for m in g))) for g in groups]
    players = ["+".join(family.players[m] for m in g) if merge else family.players[g[0]]
               for g, merge in zip(groups, merged)]
    actions = [[", ".join(f"{family.players[m]}={family.actions[m][a]}" for m, a in zip(g, combo)) if merge
                else family.actions[g[0]][combo[0]] for combo in joint]
               for g, merge, joint in zip(groups, merged, joints)]
    payoffs: list[list[flint.fmpq_poly]] = [[] for _ in groups]
    for choice in itertools.product(*(range(len(j)) for j in joints)):
        k = sum(strides[m] * a for g, c, joint in zip(groups, choice, joints) for m, a in zip(g, joint[c]))
        for i, g in enumerate(groups):
            payoffs[i].append(sum((family.payoffs[m][k] for m in g), flint.fmpq_poly([])))
    return ParametricGame(players, actions, payoffs, family.parameter, title=family.title, comment=family.comment)


def team_game(family: ParametricGame, coalition: Iterable[int | str]) -> ParametricGame:
    """The two-player team family ``G_S``: ``S`` (player 0) against ``N \\ S`` (player 1),
    each a merged player with the members' joint actions and total payoff.

    Parameters
    ----------
    family : ParametricGame
    coalition : iterable of int or str
        The members of ``S`` (not every player).

    Returns
    -------
    ParametricGame

    Raises
    ------
    GameError
        For an invalid coalition (:func:`coalition_members`) or the grand coalition.
    """
    members = coalition_members(family, coalition)
    rest = tuple(j for j in range(len(family.players)) if j not in members)
    if not rest:
        raise GameError("a team game needs a coalition other than the grand coalition (S = N given)")
    return _grouped(family, [members, rest], [True, True])


def horde_game(family: ParametricGame, coalition: Iterable[int | str]) -> ParametricGame:
    """The horde family ``H_S``: ``S`` merged into player 0, every other player an individual,
    in the original order.

    Parameters
    ----------
    family : ParametricGame
    coalition : iterable of int or str
        The members of ``S``.

    Returns
    -------
    ParametricGame

    Raises
    ------
    GameError
        For an invalid coalition (:func:`coalition_members`).

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> fam = ParametricGame(["A", "B", "C"], [["x", "y"], ["x"], ["x"]], [["t", 0], [0, 0], [0, 1]])
    >>> h = horde_game(fam, ["B", "C"])
    >>> h.players, h.actions
    (('B+C', 'A'), (('B=x, C=x',), ('x', 'y')))
    """
    members = coalition_members(family, coalition)
    rest = [(j,) for j in range(len(family.players)) if j not in members]
    return _grouped(family, [members] + rest, [True] + [False] * len(rest))
