"""The transforms of a :class:`~exactbargain.game.Game`: each returns a new game (a game is an
immutable value) with actions added, removed, reordered or relabelled, players renamed,
permuted or merged, or payoffs shifted and scaled.

They are methods of :class:`~exactbargain.game.Game` (inherited from :class:`GameTransforms`).
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import flint

from ..errors import GameError
from .validate import ActionRef, PlayerRef, _coerce, _plain_array, _ravel

if TYPE_CHECKING:
    from . import Game

__all__ = ["GameTransforms"]


class GameTransforms:
    """The methods of :class:`~exactbargain.game.Game` that build a changed copy of it."""

    __slots__ = ()

    def _flat_all(self) -> list[list["flint.fmpq"]]:
        return [m.entries() for m in self._mats]

    def add_action(
        self,
        player: PlayerRef,
        payoffs: Sequence[Sequence[Any]] | Callable[[tuple[str, ...]], Sequence[Any]],
        label: str | None = None,
    ) -> "Game":
        """Add an action for ``player`` (placed last); old payoffs stay unchanged.

        ``payoffs`` is either one payoff vector per profile of the *other* players, in C order
        (for two players: one ``(u_1, u_2)`` per opponent action), or a callable receiving the
        full new profile as a tuple of labels. The label defaults to the next free number.

        Parameters
        ----------
        player : int or str
            The player who gets the action.
        payoffs : sequence of payoff vectors, or callable
            The new action's payoff vectors against every profile of the others (C order), or
            ``payoffs(profile) -> payoff vector`` on full profiles of labels.
        label : str, optional
            The new action's label.

        Returns
        -------
        Game
            The game with the new action last.

        Raises
        ------
        GameError
            An unknown player, the wrong number or length of payoff vectors, an inexact payoff,
            or a label already taken.

        Examples
        --------
        >>> from exactbargain import Game
        >>> g = Game.zero_sum([[0]]).add_action(0, [(1, -1)], label="up")
        >>> g.actions[0], g.payoff(("up", "1"))
        (('1', 'up'), (Fraction(1, 1), Fraction(-1, 1)))
        """
        i = self.player_index(player)
        labels = list(self._actions[i])
        if label is None:
            k = len(labels) + 1
            while str(k) in labels:
                k += 1
            label = str(k)
        new_actions = list(self._actions)
        new_actions[i] = tuple(labels) + (label,)
        other_shape = [m for j, m in enumerate(self._shape) if j != i]
        n = self.num_players
        new_vectors = self._new_action_vectors(i, payoffs, label)
        old = self._flat_all()
        new_shape = tuple(len(a) for a in new_actions)
        flat: list[list[Any]] = [[] for _ in range(n)]
        for index in itertools.product(*(range(m) for m in new_shape)):
            if index[i] == len(labels):
                others = index[:i] + index[i + 1:]
                pos = _ravel(others, other_shape)
                for p in range(n):
                    flat[p].append(new_vectors[pos][p])
            else:
                pos = _ravel(index, self._shape)
                for p in range(n):
                    flat[p].append(old[p][pos])
        return self._rebuild(self._players, new_actions, flat)

    def _new_action_vectors(self, i: int, payoffs: Any, label: str) -> list[list["flint.fmpq"]]:
        """:meth:`add_action`'s payoff vectors of player ``i``'s new action ``label``, one per
        profile of the others (C order), checked and made exact."""
        other_labels = [a for j, a in enumerate(self._actions) if j != i]
        n = self.num_players
        if callable(payoffs):
            vectors = []
            for others in itertools.product(*other_labels):
                full = others[:i] + (label,) + others[i:]
                vectors.append(payoffs(full))
        else:
            vectors = list(payoffs)
        expected = math.prod(len(a) for a in other_labels)
        if len(vectors) != expected:
            raise GameError(
                f"the new action of player {self._players[i]!r} needs {expected} payoff vectors "
                f"(one per profile of the other players), got {len(vectors)}"
            )
        new_vectors = []
        for k, vec in enumerate(vectors):
            if not isinstance(vec, (list, tuple)) or len(vec) != n:
                raise GameError(f"payoff vector {k + 1} of the new action must list {n} payoffs, got {vec!r}")
            new_vectors.append([_coerce(x, f"new action, vector {k + 1}") for x in vec])
        return new_vectors

    def restrict(self, keep: Mapping[PlayerRef, Sequence[ActionRef]]) -> "Game":
        """The subgame in which each listed player keeps only the listed actions (in the given
        order); unlisted players keep all of theirs.

        Parameters
        ----------
        keep : mapping
            ``{player: actions to keep}``, players and actions by index or name.

        Returns
        -------
        Game
            The subgame.

        Raises
        ------
        GameError
            An unknown player or action, an empty or repeating list.

        Examples
        --------
        >>> from exactbargain import Game
        >>> Game.zero_sum([[1, 2], [3, 4]]).restrict({0: ["2"]}).matrix(0)
        [[Fraction(3, 1), Fraction(4, 1)]]
        """
        chosen = [list(range(m)) for m in self._shape]
        for player, acts in keep.items():
            i = self.player_index(player)
            idx = [self.action_index(i, a) for a in acts]
            if not idx:
                raise GameError(f"restricting player {self._players[i]!r} to no actions leaves an empty action set")
            if len(set(idx)) != len(idx):
                raise GameError(f"restriction of player {self._players[i]!r} repeats an action")
            chosen[i] = idx
        old = self._flat_all()
        positions = [_ravel(index, self._shape) for index in itertools.product(*chosen)]
        flat = [[values[p] for p in positions] for values in old]
        actions = [tuple(self._actions[i][k] for k in chosen[i]) for i in range(self.num_players)]
        return self._rebuild(self._players, actions, flat)

    def remove_action(self, player: PlayerRef, action: ActionRef) -> "Game":
        """The game without one action of ``player`` (who must keep at least one).

        Parameters
        ----------
        player : int or str
            The player.
        action : int or str
            The action to remove, by index or label.

        Returns
        -------
        Game
            The game without it.

        Raises
        ------
        GameError
            An unknown player or action, or the player's only action.
        """
        i = self.player_index(player)
        k = self.action_index(i, action)
        if self._shape[i] == 1:
            raise GameError(f"player {self._players[i]!r} has only one action; removing it would leave none")
        return self.restrict({i: [j for j in range(self._shape[i]) if j != k]})

    def reorder_actions(self, player: PlayerRef, order: Sequence[ActionRef]) -> "Game":
        """Reorder ``player``'s actions: ``order`` lists every action once, in the new order.

        Parameters
        ----------
        player : int or str
            The player.
        order : sequence of int or str
            Every action of the player once, in the new order.

        Returns
        -------
        Game
            The reordered game.

        Raises
        ------
        GameError
            An unknown player or action, or an order that misses or repeats an action.
        """
        i = self.player_index(player)
        idx = [self.action_index(i, a) for a in order]
        if sorted(idx) != list(range(self._shape[i])):
            raise GameError(f"the new order of player {self._players[i]!r}'s actions must list each action exactly once")
        return self.restrict({i: idx})

    def relabel_actions(self, player: PlayerRef, labels: Sequence[str] | Mapping[str, str]) -> "Game":
        """Rename ``player``'s actions (a full list, or a mapping old -> new).

        Parameters
        ----------
        player : int or str
            The player.
        labels : sequence of str or mapping
            All new labels, in order, or ``{old label: new label}``.

        Returns
        -------
        Game
            The game with the new labels.

        Raises
        ------
        GameError
            An unknown player or old label, or new labels that are empty, repeated or of the
            wrong number.
        """
        i = self.player_index(player)
        if isinstance(labels, Mapping):
            for old in labels:
                self.action_index(i, old)
            new = tuple(labels.get(a, a) for a in self._actions[i])
        else:
            new = tuple(labels)
        actions = list(self._actions)
        actions[i] = new
        return self._rebuild(self._players, actions, self._mats)

    def rename_players(self, names: Sequence[str] | Mapping[str, str]) -> "Game":
        """Rename the players (a full list, or a mapping old -> new).

        Parameters
        ----------
        names : sequence of str or mapping
            All new names, in order, or ``{old name: new name}``.

        Returns
        -------
        Game
            The game with the new names.

        Raises
        ------
        GameError
            An unknown old name, or new names that are empty, repeated or of the wrong number.
        """
        if isinstance(names, Mapping):
            for old in names:
                self.player_index(old)
            new = tuple(names.get(p, p) for p in self._players)
        else:
            new = tuple(names)
        return self._rebuild(new, self._actions, self._mats)

    def permute_players(self, order: Sequence[PlayerRef]) -> "Game":
        """The same game with the players listed in a new order: new player ``k`` is old player
        ``order[k]`` (with its name, actions and payoffs).

        Parameters
        ----------
        order : sequence of int or str
            Every player once, in the new order.

        Returns
        -------
        Game
            The same game with the players reordered.

        Raises
        ------
        GameError
            An unknown player, or an order that misses or repeats one.

        Examples
        --------
        >>> from exactbargain import Game
        >>> g = Game.bimatrix([[1, 2]], [[3, 4]]).permute_players([1, 0])
        >>> g.shape, g.payoff((1, 0))
        ((2, 1), (Fraction(4, 1), Fraction(2, 1)))
        """
        perm = [self.player_index(p) for p in order]
        if sorted(perm) != list(range(self.num_players)):
            raise GameError(f"a player permutation must list each player exactly once, got {list(order)!r}")
        old = self._flat_all()
        new_shape = tuple(self._shape[p] for p in perm)
        flat: list[list[Any]] = [[] for _ in perm]
        for new_index in itertools.product(*(range(m) for m in new_shape)):
            old_index = [0] * len(perm)
            for k, p in enumerate(perm):
                old_index[p] = new_index[k]
            pos = _ravel(old_index, self._shape)
            for k, p in enumerate(perm):
                flat[k].append(old[p][pos])
        return self._rebuild([self._players[p] for p in perm], [self._actions[p] for p in perm], flat)

    def shift(self, constants: Sequence[Any]) -> "Game":
        """``G + c``: add ``c_i`` to every payoff of player ``i``.

        Parameters
        ----------
        constants : sequence
            One exact number per player.

        Returns
        -------
        Game
            ``G + c``.

        Raises
        ------
        GameError
            The wrong number of constants, or an inexact one.

        Examples
        --------
        >>> from exactbargain import Game
        >>> Game.zero_sum([[0]]).shift([1, "1/2"]).payoff((0, 0))
        (Fraction(1, 1), Fraction(1, 2))
        """
        if len(constants) != self.num_players:
            raise GameError(f"shift needs one constant per player ({self.num_players}), got {len(constants)}")
        mats = []
        for i, (m, c) in enumerate(zip(self._mats, constants)):
            c = _coerce(c, f"shift constant of player {i + 1}")
            ones = flint.fmpq_mat(m.nrows(), m.ncols(), [c] * (m.nrows() * m.ncols()))
            mats.append(m + ones)
        return self._rebuild(self._players, self._actions, mats)

    def scale(self, factor: Any) -> "Game":
        """Multiply every payoff by ``factor`` (one rational for all players, or one per player).

        Parameters
        ----------
        factor : exact number or sequence
            One factor for every player, or one per player.

        Returns
        -------
        Game
            The scaled game.

        Raises
        ------
        GameError
            The wrong number of factors, or an inexact one.

        Examples
        --------
        >>> from exactbargain import Game
        >>> Game.zero_sum([[2]]).scale("1/2").payoff((0, 0))
        (Fraction(1, 1), Fraction(-1, 1))
        """
        factor = _plain_array(factor, "factor")
        if isinstance(factor, (list, tuple)):
            if len(factor) != self.num_players:
                raise GameError(f"scale needs one factor per player ({self.num_players}), got {len(factor)}")
            factors = [_coerce(f, f"scale factor of player {i + 1}") for i, f in enumerate(factor)]
        else:
            factors = [_coerce(factor, "scale factor")] * self.num_players
        mats = [m * f for m, f in zip(self._mats, factors)]
        return self._rebuild(self._players, self._actions, mats)

    def merge(self, coalition: Sequence[PlayerRef], *, name: str | None = None) -> "Game":
        """Merge the players of ``coalition`` into one player.

        The new player stands where the coalition's first member (in player order) stood;
        its actions are the joint actions of the members (labels ``"Ann=U, Bob=l"``) and its
        payoff is the members' total ``u_S``. The others keep their actions and payoffs.

        Parameters
        ----------
        coalition : sequence of int or str
            The members, by index or name.
        name : str, optional
            The merged player's name (default: the members' names joined by ``+``).

        Returns
        -------
        Game
            The game with the coalition as one player.

        Raises
        ------
        GameError
            An empty coalition, an unknown member, or a member named twice.

        Examples
        --------
        >>> from exactbargain import Game
        >>> g = Game([[[(1, 2, 3)], [(4, 5, 6)]]], players=("A", "B", "C"))
        >>> m = g.merge(["A", "C"])
        >>> m.players, m.actions[0], m.payoff(("A=1, C=1", "2"))
        (('A+C', 'B'), ('A=1, C=1',), (Fraction(10, 1), Fraction(5, 1)))
        """
        members = sorted({self.player_index(p) for p in coalition})
        if not members:
            raise GameError("a coalition needs at least one member")
        if len(members) != len(list(coalition)):
            raise GameError(f"coalition {list(coalition)!r} names a player twice")
        first = members[0]
        new_order: list[Any] = []
        for j in range(self.num_players):
            if j == first:
                new_order.append(tuple(members))
            elif j not in members:
                new_order.append(j)
        joint = list(itertools.product(*(range(self._shape[m]) for m in members)))
        joint_labels = tuple(
            ", ".join(f"{self._players[m]}={self._actions[m][k]}" for m, k in zip(members, combo))
            for combo in joint
        )
        merged_name = name if name is not None else "+".join(self._players[m] for m in members)
        players = [merged_name if isinstance(p, tuple) else self._players[p] for p in new_order]
        actions = [joint_labels if isinstance(p, tuple) else self._actions[p] for p in new_order]
        old = self._flat_all()
        new_shape = [len(joint) if isinstance(p, tuple) else self._shape[p] for p in new_order]
        flat: list[list[Any]] = [[] for _ in new_order]
        for new_index in itertools.product(*(range(m) for m in new_shape)):
            old_index = [0] * self.num_players
            for k, p in enumerate(new_order):
                if isinstance(p, tuple):
                    for member, a in zip(p, joint[new_index[k]]):
                        old_index[member] = a
                else:
                    old_index[p] = new_index[k]
            pos = _ravel(old_index, self._shape)
            for k, p in enumerate(new_order):
                if isinstance(p, tuple):
                    total = old[p[0]][pos]
                    for member in p[1:]:
                        total = total + old[member][pos]
                    flat[k].append(total)
                else:
                    flat[k].append(old[p][pos])
        return self._rebuild(players, actions, flat)

    def difference(self) -> "Game":
        """The difference game of a two-player game: the zero-sum game in which player 1
        receives ``u_1 - u_2`` and player 2 receives ``u_2 - u_1``.

        CoCo's competitive part is this game scaled by 1/2.

        Returns
        -------
        Game
            The zero-sum game ``(u_1 - u_2, u_2 - u_1)``.

        Raises
        ------
        GameError
            The game does not have two players.

        Examples
        --------
        >>> from exactbargain import Game
        >>> Game.bimatrix([[3, 0]], [[1, 5]]).difference().matrix(0)
        [[Fraction(2, 1), Fraction(-5, 1)]]
        """
        self._require_players(2, "difference()")
        d = self._mats[0] - self._mats[1]
        return self._rebuild(self._players, self._actions, [d, -d])
