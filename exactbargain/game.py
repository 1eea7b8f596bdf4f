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
import numbers
from fractions import Fraction
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import flint

from .errors import GameError, GameTypeError, NumberError
from .geometry import unravel as _unravel
from .numbers import fraction_of, plain_array, to_fmpq
from .tables import MAX_ROWS, Renderable, Table, Vector, escape_controls

__all__ = ["Game", "MAX_PROFILES", "PlayerRef", "ActionRef", "require_game", "game_table"]

#: The largest number of profiles (cells) a game may have. A 10^6-profile game takes about
#: 16 bytes per payoff (see :class:`Game`); this limit keeps a mistyped header from
#: allocating gigabytes.
MAX_PROFILES = 20_000_000

PlayerRef = int | str
ActionRef = int | str

_FMPQ = flint.fmpq


def _check_name(kind: str, value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise GameError(f"{kind} {where} must be a string, got {value!r}")
    if value == "":
        raise GameError(f"{kind} {where} is empty; names and labels must be non-empty")
    return value


def _check_unique(kind: str, values: Sequence[str], where: str) -> None:
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            raise GameError(
                f"{kind} {value!r} appears twice{where} (positions {seen[value] + 1} and {index + 1})"
            )
        seen[value] = index


def _coerce(value: Any, where: str) -> "flint.fmpq":
    try:
        return to_fmpq(value)
    except NumberError as exc:
        raise GameError(f"payoff at {where}: {exc}") from None


def _coerce_list(values: Sequence[Any], where: Callable[[int], str]) -> list["flint.fmpq"]:
    """Coerce a whole list; only on failure is the position of the bad entry described."""
    try:
        return [to_fmpq(v) for v in values]
    except NumberError:
        for k, v in enumerate(values):
            _coerce(v, where(k))
        raise


class Game(Renderable):
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

    @classmethod
    def from_flat(
        cls,
        payoffs: Sequence[Sequence[Any]],
        actions: Sequence[Sequence[str]] | Sequence[int],
        *,
        players: Sequence[str] | None = None,
        order: str = "C",
        title: str = "",
        comment: str = "",
    ) -> "Game":
        """Build from one flat payoff list per player.

        ``payoffs[i]`` lists player ``i``'s payoff at every profile; ``order="C"`` means the
        last player's action changes fastest, ``order="F"`` the first player's (Gambit's order).
        ``actions`` is either the label lists or the action counts.

        >>> Game.from_flat([[1, 2, 3, 4], [0, 0, 0, 0]], [2, 2], order="F").payoff((1, 0))
        (Fraction(2, 1), Fraction(0, 1))
        """
        actions = _plain_array(actions, "actions")
        _require_sequence(actions, "actions (label lists or action counts)")
        actions = [_count(a) for a in actions]
        shape = tuple(a if isinstance(a, int) else len(a) for a in actions)
        size = math.prod(shape) if shape else 0
        if size > MAX_PROFILES:
            raise GameError(f"the game has {size} profiles, more than the limit {MAX_PROFILES}")
        labels = [
            tuple(str(k + 1) for k in range(a)) if isinstance(a, int) else tuple(a) for a in actions
        ]
        payoffs = _plain(payoffs, "payoffs")
        _require_sequence(payoffs, "payoffs (one flat list per player)")
        if len(payoffs) != len(shape):
            raise GameError(f"{len(payoffs)} payoff lists given for {len(shape)} players")
        flat = []
        for i, values in enumerate(payoffs):
            values = _plain(values, f"payoffs[{i}]")
            if len(values) != size:
                raise GameError(f"player {i + 1} has {len(values)} payoffs for {size} profiles")
            flat.append(_coerce_list(values, lambda k: f"position {k + 1} for player {i + 1}"))
        if order == "F":
            perm = _c_to_f_permutation(shape)
            flat = [[values[j] for j in perm] for values in flat]
        elif order != "C":
            raise GameError(f"order must be 'C' or 'F', got {order!r}")
        return cls._trusted(
            players if players is not None else tuple(str(i + 1) for i in range(len(shape))),
            labels,
            flat,
            title=title,
            comment=comment,
        )

    @classmethod
    def bimatrix(
        cls,
        A: Sequence[Sequence[Any]],
        B: Sequence[Sequence[Any]],
        *,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> "Game":
        """The two-player game with row player's payoffs ``A`` and column player's ``B``.

        >>> Game.bimatrix([[1, 0]], [[0, 1]]).shape
        (1, 2)
        """
        A_rows, B_rows = _matrix(A, "A"), _matrix(B, "B")
        if len(A_rows) != len(B_rows) or len(A_rows[0]) != len(B_rows[0]):
            raise GameError(
                f"A is {len(A_rows)}x{len(A_rows[0])} but B is {len(B_rows)}x{len(B_rows[0])}"
            )
        shape = (len(A_rows), len(A_rows[0]))
        if all(type(x) is int for rows in (A_rows, B_rows) for row in rows for x in row):
            # integer matrices (integer numpy arrays among them) go to FLINT in one call each
            if shape[0] * shape[1] > MAX_PROFILES:
                raise GameError(f"the game has {shape[0] * shape[1]} profiles, more than the limit {MAX_PROFILES}")
            mats = [flint.fmpq_mat(flint.fmpz_mat(*shape, [x for row in rows for x in row]))
                    for rows in (A_rows, B_rows)]
            game = cls.__new__(cls)
            game._init(players, actions, shape, mats, title, "")
            return game
        table = [[(a, b) for a, b in zip(ra, rb)] for ra, rb in zip(A_rows, B_rows)]
        return cls(table, players=players, actions=actions, title=title)

    @classmethod
    def zero_sum(
        cls,
        A: Sequence[Sequence[Any]],
        *,
        players: Sequence[str] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> "Game":
        """The two-player zero-sum game in which the row player receives ``A`` and the column
        player ``-A``.

        >>> Game.zero_sum([[1, -1], [-1, 1]]).payoff((0, 1))
        (Fraction(-1, 1), Fraction(1, 1))
        """
        rows = _matrix(A, "A")
        if all(type(x) is int for row in rows for x in row):
            coerced = rows
        else:
            coerced = [[_coerce(x, f"A[{r}][{c}]") for c, x in enumerate(row)] for r, row in enumerate(rows)]
        return cls.bimatrix(coerced, [[-x for x in row] for row in coerced],
                            players=players, actions=actions, title=title)

    @classmethod
    def from_mapping(
        cls,
        table: Mapping[tuple, Sequence[Any]],
        actions: Sequence[Sequence[str]],
        *,
        players: Sequence[str] | None = None,
        title: str = "",
    ) -> "Game":
        """Build from a mapping ``profile -> payoff vector``; profiles are tuples of labels.

        Every profile must be present exactly once.

        >>> g = Game.from_mapping({("a", "x"): (1, 2), ("b", "x"): (3, 4)}, [("a", "b"), ("x",)])
        >>> g.payoff(("b", "x"))
        (Fraction(3, 1), Fraction(4, 1))
        """
        if not isinstance(table, Mapping):
            raise GameTypeError(f"table must be a mapping profile -> payoff vector, got {_kind(table)}")
        _require_sequence(actions, "actions (one label list per player)")
        labels = [tuple(a) for a in actions]
        index = [{label: k for k, label in enumerate(a)} for a in labels]
        n = len(labels)
        shape = tuple(len(a) for a in labels)
        size = math.prod(shape)
        if size > MAX_PROFILES:
            raise GameError(f"the game has {size} profiles, more than the limit {MAX_PROFILES}")
        flat: list[list[Any]] = [[None] * size for _ in range(n)]
        strides = _strides(shape)
        for profile, vector in table.items():
            if not isinstance(profile, tuple) or len(profile) != n:
                raise GameError(f"profile {profile!r} must be a tuple of {n} action labels")
            pos = 0
            for i, label in enumerate(profile):
                if label not in index[i]:
                    raise GameError(f"profile {profile!r}: {label!r} is not an action of player {i + 1}")
                pos += index[i][label] * strides[i]
            if not isinstance(vector, (list, tuple)) or len(vector) != n:
                raise GameError(f"profile {profile!r} must map to {n} payoffs, got {vector!r}")
            for i in range(n):
                flat[i][pos] = _coerce(vector[i], f"{profile!r} for player {i + 1}")
        for pos in range(size):
            if flat[0][pos] is None:
                missing = tuple(labels[i][k] for i, k in enumerate(_unravel(pos, shape)))
                raise GameError(f"profile {missing!r} has no payoffs")
        return cls._trusted(players or tuple(str(i + 1) for i in range(n)), labels, flat, title=title)

    @classmethod
    def from_function(
        cls,
        payoff: Callable[[tuple[str, ...]], Sequence[Any]],
        actions: Sequence[Sequence[str]],
        *,
        players: Sequence[str] | None = None,
        title: str = "",
    ) -> "Game":
        """Build by calling ``payoff(profile)`` (a tuple of labels) at every profile.

        >>> g = Game.from_function(lambda p: (len(p[0]), -len(p[1])), [("a", "bb"), ("ccc",)])
        >>> g.payoff(("bb", "ccc"))
        (Fraction(2, 1), Fraction(-3, 1))
        """
        if not callable(payoff):
            raise GameTypeError(f"payoff must be a function of a profile, got {_kind(payoff)}")
        _require_sequence(actions, "actions (one label list per player)")
        labels = [tuple(a) for a in actions]
        size = math.prod(len(a) for a in labels)
        if size > MAX_PROFILES:
            raise GameError(f"the game has {size} profiles, more than the limit {MAX_PROFILES}")
        table = {profile: payoff(profile) for profile in itertools.product(*labels)}
        return cls.from_mapping(table, labels, players=players, title=title)

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
        """0-based index of an action of ``player`` given by index or label."""
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
        """Index tuple of a profile given by labels and/or indices."""
        if len(profile) != self.num_players:
            raise GameError(f"a profile names {self.num_players} actions, got {len(profile)}: {profile!r}")
        return tuple(self.action_index(i, a) for i, a in enumerate(profile))

    def profiles(self) -> Iterator[tuple[int, ...]]:
        """All profiles as index tuples, in C order."""
        return itertools.product(*(range(m) for m in self._shape))

    def _position(self, index: Sequence[int]) -> tuple[int, int]:
        rest = 0
        for i in range(1, len(index)):
            rest = rest * self._shape[i] + index[i]
        return index[0], rest

    def payoff(self, profile: Sequence[ActionRef]) -> tuple[Fraction, ...]:
        """The payoff vector ``u(a)`` at a profile (labels or indices), as Fractions."""
        row, col = self._position(self.profile_index(profile))
        return tuple(fraction_of(m[row, col]) for m in self._mats)

    __getitem__ = payoff

    def payoff_fmpq(self, index: Sequence[int]) -> tuple["flint.fmpq", ...]:
        """The payoff vector at an index tuple, as ``fmpq`` (no validation; for algorithms)."""
        row, col = self._position(index)
        return tuple(m[row, col] for m in self._mats)

    def payoff_entries(self, player: PlayerRef) -> list["flint.fmpq"]:
        """Player's payoffs at every profile in C order, as a list of ``fmpq``."""
        return self._mats[self.player_index(player)].entries()

    def payoff_matrix(self, player: PlayerRef) -> "flint.fmpq_mat":
        """Player's payoffs as an ``fmpq_mat`` with rows = player 1's actions and columns =
        the other players' profiles in C order (for two players: the usual payoff matrix).

        The matrix is a copy (FLINT matrices are mutable): writing into it leaves the game as
        it was.

        >>> g = Game.zero_sum([[1, 2]])
        >>> m = g.payoff_matrix(0)
        >>> m[0, 0] = 5
        >>> g.payoff((0, 0))
        (Fraction(1, 1), Fraction(-1, 1))
        """
        return flint.fmpq_mat(self._mats[self.player_index(player)])

    def matrix(self, player: PlayerRef) -> list[list[Fraction]]:
        """The payoff matrix of a two-player game for ``player``, as Fractions.

        >>> Game.zero_sum([[1, 2]]).matrix(1)
        [[Fraction(-1, 1), Fraction(-2, 1)]]
        """
        self._require_players(2, "matrix()")
        m = self._mats[self.player_index(player)]
        return [[fraction_of(x) for x in row] for row in m.tolist()]

    def totals(self) -> list["flint.fmpq"]:
        """``U(a) = sum_i u_i(a)`` at every profile in C order (``fmpq``)."""
        total = self._mats[0]
        for m in self._mats[1:]:
            total = total + m
        return total.entries()

    @property
    def W(self) -> Fraction:
        """``W(G) = max_a sum_i u_i(a)``, the best achievable total."""
        return fraction_of(max(self.totals()))

    def max_total_profiles(self) -> list[tuple[int, ...]]:
        """The profiles attaining ``W`` (index tuples, C order)."""
        totals = self.totals()
        best = max(totals)
        return [_unravel(k, self._shape) for k, t in enumerate(totals) if t == best]

    def is_zero_sum(self) -> bool:
        """Whether ``sum_i u_i(a) = 0`` at every profile."""
        return all(t == 0 for t in self.totals())

    # ------------------------------------------------------------------ transforms
    def _rebuild(self, players, actions, flat, *, title=None) -> "Game":
        return Game._trusted(players, actions, flat, title=self.title if title is None else title,
                             comment=self.comment)

    def _flat_all(self) -> list[list["flint.fmpq"]]:
        return [m.entries() for m in self._mats]

    def _require_players(self, n: int, what: str) -> None:
        if self.num_players != n:
            raise GameError(f"{what} needs a {n}-player game; this game has {self.num_players} players")

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
        other_labels = [a for j, a in enumerate(self._actions) if j != i]
        n = self.num_players
        if callable(payoffs):
            vectors = []
            for others in itertools.product(*other_labels):
                full = others[:i] + (label,) + others[i:]
                vectors.append(payoffs(full))
        else:
            vectors = list(payoffs)
        expected = math.prod(other_shape)
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

    def restrict(self, keep: Mapping[PlayerRef, Sequence[ActionRef]]) -> "Game":
        """The subgame in which each listed player keeps only the listed actions (in the given
        order); unlisted players keep all of theirs.

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
        """The game without one action of ``player`` (who must keep at least one)."""
        i = self.player_index(player)
        k = self.action_index(i, action)
        if self._shape[i] == 1:
            raise GameError(f"player {self._players[i]!r} has only one action; removing it would leave none")
        return self.restrict({i: [j for j in range(self._shape[i]) if j != k]})

    def reorder_actions(self, player: PlayerRef, order: Sequence[ActionRef]) -> "Game":
        """Reorder ``player``'s actions: ``order`` lists every action once, in the new order."""
        i = self.player_index(player)
        idx = [self.action_index(i, a) for a in order]
        if sorted(idx) != list(range(self._shape[i])):
            raise GameError(f"the new order of player {self._players[i]!r}'s actions must list each action exactly once")
        return self.restrict({i: idx})

    def relabel_actions(self, player: PlayerRef, labels: Sequence[str] | Mapping[str, str]) -> "Game":
        """Rename ``player``'s actions (a full list, or a mapping old -> new)."""
        i = self.player_index(player)
        if isinstance(labels, Mapping):
            for old in labels:
                self.action_index(i, old)
            new = tuple(labels.get(a, a) for a in self._actions[i])
        else:
            new = tuple(labels)
        actions = list(self._actions)
        actions[i] = new
        return Game._trusted(self._players, actions, self._mats, title=self.title, comment=self.comment)

    def rename_players(self, names: Sequence[str] | Mapping[str, str]) -> "Game":
        """Rename the players (a full list, or a mapping old -> new)."""
        if isinstance(names, Mapping):
            for old in names:
                self.player_index(old)
            new = tuple(names.get(p, p) for p in self._players)
        else:
            new = tuple(names)
        return Game._trusted(new, self._actions, self._mats, title=self.title, comment=self.comment)

    def permute_players(self, order: Sequence[PlayerRef]) -> "Game":
        """The same game with the players listed in a new order: new player ``k`` is old player
        ``order[k]`` (with its name, actions and payoffs).

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
        return Game._trusted(self._players, self._actions, mats, title=self.title, comment=self.comment)

    def scale(self, factor: Any) -> "Game":
        """Multiply every payoff by ``factor`` (one rational for all players, or one per player).

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
        return Game._trusted(self._players, self._actions, mats, title=self.title, comment=self.comment)

    def merge(self, coalition: Sequence[PlayerRef], *, name: str | None = None) -> "Game":
        """Merge the players of ``coalition`` into one player.

        The new player stands where the coalition's first member (in player order) stood;
        its actions are the joint actions of the members (labels ``"Ann=U, Bob=l"``) and its
        payoff is the members' total ``u_S``. The others keep their actions and payoffs.

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

        >>> Game.bimatrix([[3, 0]], [[1, 5]]).difference().matrix(0)
        [[Fraction(2, 1), Fraction(-5, 1)]]
        """
        self._require_players(2, "difference()")
        d = self._mats[0] - self._mats[1]
        return Game._trusted(self._players, self._actions, [d, -d], title=self.title, comment=self.comment)

    def with_title(self, title: str, comment: str | None = None) -> "Game":
        """The same game with another title (and comment)."""
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
        profile), see :func:`game_table`; ``title`` is not used (a game shows its own)."""
        return [game_table(self)]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (the schema of :mod:`exactbargain.formats.jsonfmt`)."""
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


def _count(actions: Any) -> Any:
    """An action count given as a numpy integer, as an int; anything else unchanged."""
    if not isinstance(actions, (int, str)) and isinstance(actions, numbers.Integral):
        return int(actions)
    return actions


def _plain_array(value: Any, name: str) -> Any:
    """:func:`~exactbargain.numbers.plain_array`, refusing a float array as bad game input."""
    try:
        return plain_array(value, name)
    except NumberError as exc:
        raise GameError(str(exc)) from None


def _plain(rows: Any, name: str) -> Any:
    """A list of rows, each a numpy array or a sequence, with the arrays as lists."""
    rows = _plain_array(rows, name)
    if isinstance(rows, (list, tuple)):
        return [_plain_array(row, f"{name}[{r}]") for r, row in enumerate(rows)]
    return rows


def _strides(shape: Sequence[int]) -> list[int]:
    strides = [1] * len(shape)
    for i in range(len(shape) - 2, -1, -1):
        strides[i] = strides[i + 1] * shape[i + 1]
    return strides


def _ravel(index: Sequence[int], shape: Sequence[int]) -> int:
    pos = 0
    for k, m in zip(index, shape):
        pos = pos * m + k
    return pos


def _c_to_f_permutation(shape: Sequence[int]) -> list[int]:
    """For each C-order position, the position of the same profile in F (Gambit) order."""
    f_strides = [1] * len(shape)
    for i in range(1, len(shape)):
        f_strides[i] = f_strides[i - 1] * shape[i - 1]
    out = [0]
    # build by C-order enumeration: extend the list one axis at a time
    for axis in range(len(shape)):
        out = [base + k * f_strides[axis] for base in out for k in range(shape[axis])]
    return out


def _nested_shape(payoffs: Any) -> tuple[int, ...]:
    shape = []
    _require_sequence(payoffs, "the payoff table (nested lists ending in payoff vectors)")
    node = payoffs
    while isinstance(node, (list, tuple)):
        if len(node) == 0:
            raise GameError(
                f"the payoff table has an empty list at depth {len(shape) + 1}; every player needs at least one action"
            )
        first = node[0]
        if not isinstance(first, (list, tuple)):
            break
        shape.append(len(node))
        node = first
    else:
        raise GameError(f"the payoff table must be nested lists ending in payoff vectors, got {payoffs!r}")
    if not shape:
        raise GameError("the payoff table must have one nesting level per player, then payoff vectors")
    if len(node) != len(shape):
        raise GameError(
            f"the payoff table nests {len(shape)} levels (players) but its first payoff vector has "
            f"{len(node)} entries"
        )
    size = math.prod(shape)
    if size > MAX_PROFILES:
        raise GameError(f"the game has {size} profiles, more than the limit {MAX_PROFILES}")
    return tuple(shape)


def _matrix(rows: Any, name: str) -> list[list[Any]]:
    if isinstance(rows, flint.fmpq_mat):
        rows = rows.tolist()
    rows = _plain(rows, name)
    _require_sequence(rows, f"matrix {name}")
    if not rows:
        raise GameError(f"matrix {name} must be a non-empty list of rows")
    out = []
    width = None
    for r, row in enumerate(rows):
        if not isinstance(row, (list, tuple)) or not row:
            raise GameError(f"row {r + 1} of matrix {name} must be a non-empty list")
        if width is None:
            width = len(row)
        elif len(row) != width:
            raise GameError(f"matrix {name} is ragged: row {r + 1} has {len(row)} entries, row 1 has {width}")
        out.append(list(row))
    return out


def _nested_payoffs(flat: Sequence[Sequence[Any]], shape: Sequence[int]) -> list:
    n = len(shape)
    vectors = [[str(flat[i][k]) for i in range(n)] for k in range(math.prod(shape))]
    for m in reversed(shape):
        vectors = [vectors[k:k + m] for k in range(0, len(vectors), m)]
    return vectors[0]


def require_game(obj: Any, where: str) -> Game:
    """``obj`` if it is a :class:`Game`; otherwise a :class:`~exactbargain.errors.GameTypeError`
    saying that ``where`` (a function's name, as the caller wrote it) needs one.

    >>> require_game(None, "nash_equilibria()")
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameTypeError: nash_equilibria() needs a Game, got None
    """
    if isinstance(obj, Game):
        return obj
    raise GameTypeError(f"{where} needs a Game, got {_kind(obj)}")


def _kind(obj: Any) -> str:
    """``None``, or ``a list`` etc.: what a wrong argument is, for messages."""
    return "None" if obj is None else f"a {type(obj).__name__}"


def _require_sequence(obj: Any, what: str) -> None:
    """Refuse ``obj`` with a :class:`GameTypeError` unless it is a list or a tuple."""
    if not isinstance(obj, (list, tuple)):
        raise GameTypeError(f"{what} must be a list, got {_kind(obj)}")


def _matrix_text(game: Game) -> str:
    rows = [escape_controls(r) for r in game.actions[0]]
    cols = [escape_controls(c) for c in game.actions[1]]
    a = game._mats[0].tolist()
    b = game._mats[1].tolist()
    row_player, col_player = map(escape_controls, game.players)
    header = [f"{row_player} \\ {col_player}"] + cols
    body = [[rows[r]] + [f"{a[r][c]}, {b[r][c]}" for c in range(len(cols))] for r in range(len(rows))]
    table = [header] + body
    widths = [max(len(line[k]) for line in table) for k in range(len(header))]
    lines = []
    for line in table:
        cells = [cell.ljust(widths[k]) for k, cell in enumerate(line)]
        lines.append("   ".join(cells).rstrip())
    return "\n".join(lines)


def _profile_text(game: Game) -> str:
    players = [escape_controls(p) for p in game.players]
    header = players + [f"u({p})" for p in players]
    body = []
    for index in game.profiles():
        labels = [escape_controls(game.actions[i][k]) for i, k in enumerate(index)]
        body.append(labels + [str(x) for x in game.payoff_fmpq(index)])
    table = [header] + body
    widths = [max(len(line[k]) for line in table) for k in range(len(header))]
    return "\n".join("   ".join(c.ljust(widths[k]) for k, c in enumerate(line)).rstrip() for line in table)


def game_table(game: Game, *, max_rows: int = MAX_ROWS) -> Table:
    """A game as a table: two players as a bimatrix (row labels, one column per action of
    the second player, cells ``u_1, u_2``), otherwise one row per profile. At most
    ``max_rows`` rows (and, for a bimatrix, columns) are shown; a last row counts the rest.

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"),
    ...                    actions=(("C", "D"), ("C", "D")))
    >>> print(game_table(pd).text())
    Row \\ Col  C     D
    ---------  ----  ----
    C          3, 3  0, 5
    D          5, 0  1, 1
    """
    caption: tuple[Any, ...] = (game.title,) if game.title else ()
    if game.num_players == 2:
        rows_shown = min(game.shape[0], max_rows)
        cols_shown = min(game.shape[1], max_rows)
        header: list[Any] = [f"{game.players[0]} \\ {game.players[1]}"] + list(game.actions[1][:cols_shown])
        body: list[tuple[Any, ...]] = []
        for r in range(rows_shown):
            cells = [Vector(game.payoff((r, c)), "") for c in range(cols_shown)]
            body.append(tuple([game.actions[0][r]] + cells))
        if cols_shown < game.shape[1]:
            header.append(f"... {game.shape[1] - cols_shown} more")
            body = [row + ("...",) for row in body]
        if rows_shown < game.shape[0]:
            body.append((f"... {game.shape[0] - rows_shown} more",) + ("",) * (len(header) - 1))
        align = "l|" + "c" * (len(header) - 1)
        return Table(tuple(header), tuple(body), caption, align, row_headers=True)
    n = game.num_players
    header = list(game.players) + [f"u({p})" for p in game.players]
    body = []
    for k, profile in enumerate(game.profiles()):
        if k == max_rows:
            body.append((f"... {game.num_profiles - max_rows} more profiles",) + ("",) * (2 * n - 1))
            break
        body.append(tuple(game.actions[i][a] for i, a in enumerate(profile)) + game.payoff(profile))
    return Table(tuple(header), tuple(body), caption, "l" * n + "|" + "r" * n)
