"""Finite n-player normal-form games with exact rational payoffs.

A :class:`Game` is ``G = (N, (A_i), (u_i))``: ``n >= 1`` named players, a non-empty list of
uniquely labelled actions per player, and a rational payoff ``u_i(a)`` for every player at
every profile ``a in A = A_1 x ... x A_n``. Games are immutable values: every transform
returns a new game, and two games are equal when their players, action labels and payoffs
are equal (the title and comment are descriptive only and do not take part).

Profiles are numbered in *C order* (the last player's action changes fastest), which is the
order of ``itertools.product`` over the action lists. Gambit's ``.nfg`` files use the
opposite order; :mod:`exactbargain.formats` converts.

>>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...                    players=("Row", "Col"), actions=(("C", "D"), ("C", "D")))
>>> pd.payoff(("D", "C"))
(Fraction(5, 1), Fraction(0, 1))
>>> pd.W
Fraction(6, 1)
>>> print(pd)
Row \\ Col   C      D
C           3, 3   0, 5
D           5, 0   1, 1
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any, Iterator, Sequence

import flint

from ..errors import GameError, GameTypeError, NumberError
from ..geometry import unravel as _unravel
from ..numbers import fraction_of, to_fmpq
from ..tables import Renderable, Table
from .build import GameConstructors
from .forms import _matrix_text, _nested_payoffs, _profile_text, game_table
from .transforms import GameTransforms
from .validate import (
    MAX_PROFILES,
    ActionRef,
    PlayerRef,
    _check_name,
    _check_unique,
    _kind,
    _matrix,
    _nested_shape,
    _plain_array,
)

__all__ = ["Game", "MAX_PROFILES", "PlayerRef", "ActionRef", "require_game", "game_table"]

_FMPQ = flint.fmpq


class Game(GameConstructors, GameTransforms, Renderable):
    """An immutable finite normal-form game with exact rational payoffs.

    Construct from nested lists (one level per player, a payoff vector at each leaf)::

        Game([[(3, 3), (0, 5)], [(5, 0), (1, 1)]])

    or with :meth:`bimatrix`, :meth:`zero_sum`, :meth:`from_mapping`, :meth:`from_function`.
    Player names default to ``"1", "2", ...`` and action labels to ``"1", "2", ...`` per
    player (Gambit's convention); names and labels must be non-empty and unique.

    Memory: payoffs are stored per player in a ``flint.fmpq_mat``, 16 bytes per payoff
    (``n`` payoffs per profile) while numerators and denominators fit in 62 bits, plus the
    size of any larger number; a 10^6-profile two-player game takes about 32 MB.
    At most :data:`MAX_PROFILES` profiles.

    Parameters
    ----------
    payoffs : nested sequence
        One nesting level per player (player ``i``'s actions at depth ``i``), a payoff vector
        of ``n`` exact numbers at each leaf; numpy integer arrays are taken as lists.
    players : sequence of str, optional
        Player names (default ``"1", "2", ...``).
    actions : sequence of sequences of str, optional
        Action labels per player (default ``"1", "2", ...``).
    title, comment : str
        Descriptive text; takes no part in equality.

    Raises
    ------
    GameError
        A ragged table, a payoff vector of the wrong length, an inexact (float) payoff, empty
        or repeated names and labels, or more than :data:`MAX_PROFILES` profiles.
    GameTypeError
        ``payoffs`` is not a list or tuple.

    Examples
    --------
    >>> g = Game([[(3, 3), (0, 5)], [(5, 0), (1, 1)]])
    >>> g.players, g.actions
    (('1', '2'), (('1', '2'), ('1', '2')))
    >>> g.payoff((1, 0))
    (Fraction(5, 1), Fraction(0, 1))
    """

    __slots__ = ("_players", "_actions", "_shape", "_mats", "_hash", "title", "comment")

    # ------------------------------------------------------------------ construction
    def __init__(
        self,
        payoffs: Sequence[Any],
        *,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        title: str = "",
        comment: str = "",
    ) -> None:
        payoffs = _plain_array(payoffs, "payoffs")
        shape = _nested_shape(payoffs)
        n = len(shape)
        flat: list[list["flint.fmpq"]] = [[] for _ in range(n)]
        for index in itertools.product(*(range(m) for m in shape)):
            leaf: Any = payoffs
            for position, k in enumerate(index):
                if not isinstance(leaf, (list, tuple)) or len(leaf) != shape[position]:
                    raise GameError(
                        f"ragged payoff table: entry {list(index[:position])} has "
                        f"{len(leaf) if isinstance(leaf, (list, tuple)) else 'no'} entries "
                        f"where {shape[position]} were expected"
                    )
                leaf = leaf[k]
            if not isinstance(leaf, (list, tuple)) or len(leaf) != n:
                raise GameError(
                    f"payoff vector at {list(index)} must list {n} payoffs (one per player), "
                    f"got {leaf!r}"
                )
            for i in range(n):
                try:
                    flat[i].append(to_fmpq(leaf[i]))
                except NumberError as exc:
                    raise GameError(f"payoff at {list(index)} for player {i + 1}: {exc}") from None
        self._init(players, actions, shape, flat, title, comment)

    def _init(
        self,
        players: Sequence[str] | None,
        actions: Sequence[Sequence[str]] | None,
        shape: Sequence[int],
        flat: Sequence[Any],
        title: str,
        comment: str,
    ) -> None:
        shape = tuple(shape)
        n = len(shape)
        if n == 0:
            raise GameError("a game needs at least one player")
        for i, m in enumerate(shape):
            if m < 1:
                raise GameError(f"player {i + 1} has no actions; every action set must be non-empty")
        if players is None:
            players = tuple(str(i + 1) for i in range(n))
        players = tuple(players)
        if len(players) != n:
            raise GameError(f"{len(players)} player names given for a {n}-player payoff table")
        for i, name in enumerate(players):
            _check_name("player name", name, f"{i + 1}")
        _check_unique("player name", players, "")
        if actions is None:
            actions = tuple(tuple(str(k + 1) for k in range(m)) for m in shape)
        actions = tuple(tuple(labels) for labels in actions)
        if len(actions) != n:
            raise GameError(f"action labels given for {len(actions)} players, but the game has {n}")
        for i, labels in enumerate(actions):
            if len(labels) != shape[i]:
                raise GameError(
                    f"player {players[i]!r} has {len(labels)} action labels but {shape[i]} actions in the payoff table"
                )
            for k, label in enumerate(labels):
                _check_name("action label", label, f"{k + 1} of player {players[i]!r}")
            _check_unique("action label", labels, f" for player {players[i]!r}")
        size = math.prod(shape)
        rest = size // shape[0]
        mats = []
        for i, values in enumerate(flat):
            if isinstance(values, flint.fmpq_mat):
                mats.append(values)
                continue
            if len(values) != size:
                raise GameError(f"player {i + 1} has {len(values)} payoffs for {size} profiles")
            mats.append(flint.fmpq_mat(shape[0], rest, list(values)))
        self._players: tuple[str, ...] = players
        self._actions: tuple[tuple[str, ...], ...] = actions
        self._shape: tuple[int, ...] = shape
        self._mats: tuple[Any, ...] = tuple(mats)
        self._hash: int | None = None
        self.title = title
        self.comment = comment

    @classmethod
    def _trusted(
        cls,
        players: Sequence[str],
        actions: Sequence[Sequence[str]],
        flat: Sequence[Any],
        *,
        title: str = "",
        comment: str = "",
    ) -> "Game":
        """Build from per-player flat C-order lists of ``fmpq`` (or ``fmpq_mat``); names checked."""
        game = cls.__new__(cls)
        game._init(players, actions, tuple(len(a) for a in actions), flat, title, comment)
        return game


    # ------------------------------------------------------------------ basic access
    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in order."""
        return self._players

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Action labels per player."""
        return self._actions

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions per player."""
        return self._shape

    @property
    def num_players(self) -> int:
        """``n``."""
        return len(self._shape)

    @property
    def num_profiles(self) -> int:
        """``|A| = prod_i |A_i|``."""
        return math.prod(self._shape)

    def player_index(self, player: PlayerRef) -> int:
        """0-based index of a player given by index or by name.

        Parameters
        ----------
        player : int or str
            A 0-based index or a player name.

        Returns
        -------
        int
            The player's 0-based index.

        Raises
        ------
        GameError
            An index out of range, an unknown name, or neither (a bool, for instance).

        Examples
        --------
        >>> Game.bimatrix([[0]], [[0]], players=("Ann", "Bob")).player_index("Bob")
        1
        """
        if isinstance(player, bool):
            raise GameError(f"player {player!r} is not an index or a name")
        if isinstance(player, int):
            if 0 <= player < len(self._players):
                return player
            raise GameError(f"player index {player} is out of range 0..{len(self._players) - 1}")
        if isinstance(player, str) and player in self._players:
            return self._players.index(player)
        raise GameError(f"unknown player {player!r}; the players are {list(self._players)}")

    def action_index(self, player: PlayerRef, action: ActionRef) -> int:
        """0-based index of an action of ``player`` given by index or label.

        Parameters
        ----------
        player : int or str
            The player, by index or name.
        action : int or str
            A 0-based index or a label of one of that player's actions.

        Returns
        -------
        int
            The action's 0-based index.

        Raises
        ------
        GameError
            An unknown player or action, or an index out of range.
        """
        i = self.player_index(player)
        labels = self._actions[i]
        if isinstance(action, bool):
            raise GameError(f"action {action!r} is not an index or a label")
        if isinstance(action, int):
            if 0 <= action < len(labels):
                return action
            raise GameError(
                f"action index {action} of player {self._players[i]!r} is out of range 0..{len(labels) - 1}"
            )
        if isinstance(action, str) and action in labels:
            return labels.index(action)
        raise GameError(
            f"unknown action {action!r} of player {self._players[i]!r}; the actions are {list(labels)}"
        )

    def profile_index(self, profile: Sequence[ActionRef]) -> tuple[int, ...]:
        """Index tuple of a profile given by labels and/or indices.

        Parameters
        ----------
        profile : sequence of int or str
            One action per player, by index or label.

        Returns
        -------
        tuple of int
            The action indices.

        Raises
        ------
        GameError
            The wrong number of actions, or an unknown action.
        """
        if len(profile) != self.num_players:
            raise GameError(f"a profile names {self.num_players} actions, got {len(profile)}: {profile!r}")
        return tuple(self.action_index(i, a) for i, a in enumerate(profile))

    def profiles(self) -> Iterator[tuple[int, ...]]:
        """All profiles as index tuples, in C order.

        Returns
        -------
        iterator of tuple of int
            Every profile's action indices, the last player's changing fastest.
        """
        return itertools.product(*(range(m) for m in self._shape))

    def _position(self, index: Sequence[int]) -> tuple[int, int]:
        rest = 0
        for i in range(1, len(index)):
            rest = rest * self._shape[i] + index[i]
        return index[0], rest

    def payoff(self, profile: Sequence[ActionRef]) -> tuple[Fraction, ...]:
        """The payoff vector ``u(a)`` at a profile (labels or indices), as Fractions.

        Parameters
        ----------
        profile : sequence of int or str
            One action per player, by index or label.

        Returns
        -------
        tuple of Fraction
            ``(u_1(a), ..., u_n(a))``.

        Raises
        ------
        GameError
            The profile has the wrong length or names an unknown action.
        """
        row, col = self._position(self.profile_index(profile))
        return tuple(fraction_of(m[row, col]) for m in self._mats)

    __getitem__ = payoff

    def payoff_fmpq(self, index: Sequence[int]) -> tuple["flint.fmpq", ...]:
        """The payoff vector at an index tuple, as ``fmpq`` (no validation; for algorithms).

        Parameters
        ----------
        index : sequence of int
            A valid profile's action indices (not checked).

        Returns
        -------
        tuple of flint.fmpq
            ``(u_1(a), ..., u_n(a))``.
        """
        row, col = self._position(index)
        return tuple(m[row, col] for m in self._mats)

    def payoff_entries(self, player: PlayerRef) -> list["flint.fmpq"]:
        """Player's payoffs at every profile in C order, as a list of ``fmpq``.

        Parameters
        ----------
        player : int or str
            The player, by index or name.

        Returns
        -------
        list of flint.fmpq
            ``u_i`` at every profile, C order.

        Raises
        ------
        GameError
            An unknown player.
        """
        return self._mats[self.player_index(player)].entries()

    def payoff_matrix(self, player: PlayerRef) -> "flint.fmpq_mat":
        """Player's payoffs as an ``fmpq_mat`` with rows = player 1's actions and columns =
        the other players' profiles in C order (for two players: the usual payoff matrix).

        The matrix is a copy (FLINT matrices are mutable): writing into it leaves the game as
        it was.

        Parameters
        ----------
        player : int or str
            The player, by index or name.

        Returns
        -------
        flint.fmpq_mat
            A copy of the player's payoffs, ``|A_1|`` rows.

        Raises
        ------
        GameError
            An unknown player.

        Examples
        --------
        >>> g = Game.zero_sum([[1, 2]])
        >>> m = g.payoff_matrix(0)
        >>> m[0, 0] = 5
        >>> g.payoff((0, 0))
        (Fraction(1, 1), Fraction(-1, 1))
        """
        return flint.fmpq_mat(self._mats[self.player_index(player)])

    def matrix(self, player: PlayerRef) -> list[list[Fraction]]:
        """The payoff matrix of a two-player game for ``player``, as Fractions.

        Parameters
        ----------
        player : int or str
            The player, by index or name.

        Returns
        -------
        list of list of Fraction
            The player's payoffs, rows = player 1's actions.

        Raises
        ------
        GameError
            The game does not have two players, or the player is unknown.

        Examples
        --------
        >>> Game.zero_sum([[1, 2]]).matrix(1)
        [[Fraction(-1, 1), Fraction(-2, 1)]]
        """
        self._require_players(2, "matrix()")
        m = self._mats[self.player_index(player)]
        return [[fraction_of(x) for x in row] for row in m.tolist()]

    def totals(self) -> list["flint.fmpq"]:
        """``U(a) = sum_i u_i(a)`` at every profile in C order (``fmpq``).

        Returns
        -------
        list of flint.fmpq
            ``U(a)`` for every profile ``a``, C order.
        """
        total = self._mats[0]
        for m in self._mats[1:]:
            total = total + m
        return total.entries()

    @property
    def W(self) -> Fraction:
        """``W(G) = max_a sum_i u_i(a)``, the best achievable total."""
        return fraction_of(max(self.totals()))

    def max_total_profiles(self) -> list[tuple[int, ...]]:
        """The profiles attaining ``W`` (index tuples, C order).

        Returns
        -------
        list of tuple of int
            The profiles with ``U(a) = W``, C order.
        """
        totals = self.totals()
        best = max(totals)
        return [_unravel(k, self._shape) for k, t in enumerate(totals) if t == best]

    def is_zero_sum(self) -> bool:
        """Whether ``sum_i u_i(a) = 0`` at every profile.

        Returns
        -------
        bool
            ``True`` iff every profile's payoffs sum to 0.
        """
        return all(t == 0 for t in self.totals())

    def _rebuild(self, players, actions, flat, *, title=None) -> "Game":
        return Game._trusted(players, actions, flat, title=self.title if title is None else title,
                             comment=self.comment)

    def _require_players(self, n: int, what: str) -> None:
        if self.num_players != n:
            raise GameError(f"{what} needs a {n}-player game; this game has {self.num_players} players")

    def with_title(self, title: str, comment: str | None = None) -> "Game":
        """The same game with another title (and comment).

        Parameters
        ----------
        title : str
            The new title.
        comment : str, optional
            The new comment; the current one if omitted.

        Returns
        -------
        Game
            An equal game with the new text.
        """
        return Game._trusted(self._players, self._actions, self._mats, title=title,
                             comment=self.comment if comment is None else comment)

    # ------------------------------------------------------------------ values
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Game):
            return NotImplemented
        return (
            self._players == other._players
            and self._actions == other._actions
            and all(a == b for a, b in zip(self._mats, other._mats))
        )

    def __hash__(self) -> int:
        if self._hash is None:
            # Equal games have equal entries, so hashing a fixed sample of at most 64 entries
            # (plus names and shape) is consistent with __eq__ and costs O(1) on huge games.
            sample = []
            size = self.num_profiles
            step = max(1, size // 64)
            for m in self._mats:
                cols = m.ncols()
                for k in range(0, size, step):
                    sample.append(m[k // cols, k % cols])
            self._hash = hash((self._players, self._actions, tuple(sample)))
        return self._hash

    # A game is an immutable value, so copies may share it; pickles carry the payoffs as
    # integers (numerators, and denominators unless all are 1), never the cached hash.
    def __copy__(self) -> "Game":
        return self

    def __deepcopy__(self, memo: dict) -> "Game":
        return self

    def __reduce__(self) -> tuple:
        payoffs = []
        for m in self._mats:
            nums, den = m.numer_denom()
            if den == 1:
                payoffs.append((list(map(int, nums.entries())), None))
            else:
                entries = m.entries()
                payoffs.append(([int(e.p) for e in entries], [int(e.q) for e in entries]))
        return (_unpickle, (self._players, self._actions, tuple(payoffs), self.title, self.comment))

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("title", "comment") and hasattr(self, name):
            raise AttributeError(f"Game is immutable; use with_title() to change {name}")
        object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        return (
            f"<Game {self.title!r}: {self.num_players} players {list(self._players)}, "
            f"actions {'x'.join(str(m) for m in self._shape)}>"
        )

    def __str__(self) -> str:
        if self.num_players == 2:
            return _matrix_text(self)
        return _profile_text(self)

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The game as one table (two players: the bimatrix; otherwise one row per
        profile), see :func:`game_table`; ``title`` is not used (a game shows its own).

        Parameters
        ----------
        title : str, optional
            Not used.

        Returns
        -------
        list of Table
            One table, :func:`game_table` of the game.
        """
        return [game_table(self)]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (the schema of :mod:`exactbargain.formats.jsonfmt`).

        Returns
        -------
        dict
            ``title``, ``comment``, ``players``, ``actions`` and the nested ``payoffs`` as
            rational strings.
        """
        flat = self._flat_all()
        return {
            "title": self.title,
            "comment": self.comment,
            "players": list(self._players),
            "actions": [list(a) for a in self._actions],
            "payoffs": _nested_payoffs(flat, self._shape),
        }


# ---------------------------------------------------------------------- helpers
def _unpickle(players: tuple[str, ...], actions: tuple[tuple[str, ...], ...],
              payoffs: Sequence[tuple[list[int], list[int] | None]], title: str, comment: str) -> Game:
    """The game :meth:`Game.__reduce__` took apart."""
    rows = len(actions[0])
    mats = []
    for nums, dens in payoffs:
        cols = len(nums) // rows
        if dens is None:
            mats.append(flint.fmpq_mat(flint.fmpz_mat(rows, cols, nums)))
        else:
            mats.append(flint.fmpq_mat(rows, cols, [_FMPQ(p, q) for p, q in zip(nums, dens)]))
    return Game._trusted(players, actions, mats, title=title, comment=comment)


def require_game(obj: Any, where: str) -> Game:
    """``obj`` if it is a :class:`Game`; otherwise a :class:`~exactbargain.errors.GameTypeError`
    saying that ``where`` (a function's name, as the caller wrote it) needs one.

    Parameters
    ----------
    obj : object
        What the caller was given.
    where : str
        The caller's name, for the message.

    Returns
    -------
    Game
        ``obj``.

    Raises
    ------
    GameTypeError
        ``obj`` is not a :class:`Game`.

    Examples
    --------
    >>> require_game(None, "nash_equilibria()")
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameTypeError: nash_equilibria() needs a Game, got None
    """
    if isinstance(obj, Game):
        return obj
    raise GameTypeError(f"{where} needs a Game, got {_kind(obj)}")
