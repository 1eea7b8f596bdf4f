"""The alternative constructors of :class:`~exactbargain.game.Game`: from flat payoff lists,
from one or two matrices, from a mapping of profiles, from a payoff function.

They are class methods of :class:`~exactbargain.game.Game` (inherited from
:class:`GameConstructors`), so ``Game.bimatrix(A, B)`` builds a game.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import flint

from ..errors import GameError, GameTypeError
from ..geometry import unravel as _unravel
from .validate import (
    MAX_PROFILES,
    _c_to_f_permutation,
    _coerce,
    _coerce_list,
    _count,
    _kind,
    _matrix,
    _plain,
    _plain_array,
    _require_sequence,
    _strides,
)

if TYPE_CHECKING:
    from . import Game

__all__ = ["GameConstructors"]


class GameConstructors:
    """The class methods that build a :class:`~exactbargain.game.Game` from other shapes of
    input; every one ends in the game's own checked constructor."""

    __slots__ = ()

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

        Parameters
        ----------
        payoffs : sequence of sequences
            One flat list of exact payoffs per player, ``prod_i |A_i|`` long.
        actions : sequence of label lists, or sequence of int
            The action labels per player, or the action counts (labels ``"1", "2", ...``).
        players : sequence of str, optional
            Player names (default ``"1", "2", ...``).
        order : {"C", "F"}
            The profile order of the flat lists.
        title, comment : str
            Descriptive text.

        Returns
        -------
        Game
            The game.

        Raises
        ------
        GameError
            A list of the wrong length, an inexact payoff, bad names or labels, an unknown
            ``order`` or more than :data:`~exactbargain.game.MAX_PROFILES` profiles.
        GameTypeError
            ``payoffs`` or ``actions`` is not a list or tuple.

        Examples
        --------
        >>> from exactbargain import Game
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
        flat = _flat_lists(payoffs, len(shape), size)
        if order == "F":
            perm = _c_to_f_permutation(shape)
            flat = [[values[j] for j in perm] for values in flat]
        elif order != "C":
            raise GameError(f"order must be 'C' or 'F', got {order!r}")
        players = players if players is not None else tuple(str(i + 1) for i in range(len(shape)))
        return cls._trusted(players, labels, flat, title=title, comment=comment)

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

        Parameters
        ----------
        A, B : matrix
            The row and the column player's payoffs: lists of equally long rows of exact numbers,
            integer numpy arrays or FLINT matrices, of one shape.
        players : sequence of str, optional
            The two player names.
        actions : sequence of two label lists, optional
            The row and the column actions' labels.
        title : str
            Descriptive text.

        Returns
        -------
        Game
            The two-player game ``(A, B)``.

        Raises
        ------
        GameError
            Ragged or empty matrices, shapes that differ, an inexact entry, bad names or labels,
            or too many profiles.
        GameTypeError
            A matrix is not a list of rows.

        Examples
        --------
        >>> from exactbargain import Game
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

        Parameters
        ----------
        A : matrix
            The row player's payoffs (lists of rows of exact numbers, an integer numpy array or a
            FLINT matrix).
        players : sequence of str, optional
            The two player names.
        actions : sequence of two label lists, optional
            The row and the column actions' labels.
        title : str
            Descriptive text.

        Returns
        -------
        Game
            The game ``(A, -A)``.

        Raises
        ------
        GameError
            A ragged or empty matrix, an inexact entry, or bad names or labels.
        GameTypeError
            ``A`` is not a list of rows.

        Examples
        --------
        >>> from exactbargain import Game
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

        Parameters
        ----------
        table : mapping
            ``{profile: payoff vector}`` with profiles as tuples of action labels.
        actions : sequence of label lists
            The action labels per player.
        players : sequence of str, optional
            Player names (default ``"1", "2", ...``).
        title : str
            Descriptive text.

        Returns
        -------
        Game
            The game.

        Raises
        ------
        GameError
            A profile that is missing, malformed or names an unknown action, a payoff vector of
            the wrong length, an inexact payoff, or too many profiles.
        GameTypeError
            ``table`` is not a mapping or ``actions`` not a list.

        Examples
        --------
        >>> from exactbargain import Game
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

        Parameters
        ----------
        payoff : callable
            ``payoff(profile) -> payoff vector``, called once per profile (a tuple of labels).
        actions : sequence of label lists
            The action labels per player.
        players : sequence of str, optional
            Player names (default ``"1", "2", ...``).
        title : str
            Descriptive text.

        Returns
        -------
        Game
            The game.

        Raises
        ------
        GameError
            A payoff vector of the wrong length, an inexact payoff or too many profiles.
        GameTypeError
            ``payoff`` is not callable or ``actions`` not a list.

        Examples
        --------
        >>> from exactbargain import Game
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


def _flat_lists(payoffs: Any, n: int, size: int) -> list[list["flint.fmpq"]]:
    """:meth:`GameConstructors.from_flat`'s payoff lists: ``n`` lists of ``size`` exact numbers."""
    payoffs = _plain(payoffs, "payoffs")
    _require_sequence(payoffs, "payoffs (one flat list per player)")
    if len(payoffs) != n:
        raise GameError(f"{len(payoffs)} payoff lists given for {n} players")
    flat = []
    for i, values in enumerate(payoffs):
        values = _plain(values, f"payoffs[{i}]")
        if len(values) != size:
            raise GameError(f"player {i + 1} has {len(values)} payoffs for {size} profiles")
        flat.append(_coerce_list(values, lambda k: f"position {k + 1} for player {i + 1}"))
    return flat
