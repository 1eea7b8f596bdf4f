"""Exact Shapley values of coalition functions.

A coalition function (TU game) on players ``N = {1..n}`` assigns a rational ``v(S)`` to
every coalition ``S`` of ``N``, with ``v(empty) = 0``. Its Shapley value is

    Sh_i(v) = sum_{S containing i} w_s (v(S) - v(S \\ {i})),    w_s = (n - s)! (s - 1)! / n!,

the average over the ``n!`` orders of arrival of player ``i``'s marginal contribution.
Formula (star) of docs/theory.md §1.6 for the n-player CoCo value,

    phi_i = sum_{S containing i} w_s (v(S) - v(N \\ S)),                               (star)

is the same number for *every* ``v`` with ``v(empty) = 0``: both sums pair ``v(T)`` for
``T`` not containing ``i`` with the weight ``|T|! (n - |T| - 1)! / n!`` (reindex by
``T = S \\ {i}`` in the first and ``T = N \\ S`` in the second). :func:`star_formula`
evaluates (star) literally, :func:`shapley` the marginal-contribution form, so each checks
the other.

Coalition functions are given as a callable on frozensets, a mapping from frozensets, or a
:class:`CoalitionFunction` (the immutable value object the bargaining rules expose). All
values pass through :func:`exactbargain.numbers.to_fmpq` (floats are refused) and every
result is a tuple of :class:`fractions.Fraction`. The cost is ``O(n 2^n)`` exact operations
and ``2^n`` evaluations of ``v``; at most :data:`MAX_PLAYERS` players.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Hashable, Iterable, Iterator, Sequence, Union

import flint

from ..errors import GameError, GameTypeError, NumberError
from ..game import _kind
from ..numbers import format_rational, fraction_of, to_fmpq, to_fraction
from ..tables import Renderable, Table, key_value_table
from ..tables.display import display_rational

__all__ = [
    "CoalitionFunction",
    "CoalitionFunctionLike",
    "shapley",
    "star_formula",
    "MAX_PLAYERS",
]

#: The largest number of players :func:`shapley` accepts (``2^n`` coalitions are evaluated).
MAX_PLAYERS = 20

#: A coalition function: a callable on frozensets of players, or a mapping from them.
CoalitionFunctionLike = Union[Callable[[frozenset], Any], Mapping]

_FMPQ = flint.fmpq


def _players_of(players: int | Sequence[Hashable]) -> tuple[Hashable, ...]:
    if isinstance(players, bool) or players is None:
        raise GameTypeError(f"players must be a count or a sequence of players, got {players!r}")
    if isinstance(players, int):
        resolved: tuple[Hashable, ...] = tuple(range(players))
    elif isinstance(players, str):
        raise GameError(f"players must be a count or a sequence of players, got the string {players!r}")
    elif not hasattr(players, "__iter__"):
        raise GameTypeError(f"players must be a count or a sequence of players, got a {type(players).__name__}")
    else:
        resolved = tuple(players)
    if not resolved:
        raise GameError("a coalition function needs at least one player (n = 0 given)")
    if len(resolved) > MAX_PLAYERS:
        raise GameError(
            f"{len(resolved)} players means {2 ** len(resolved)} coalitions; at most {MAX_PLAYERS} players are supported"
        )
    seen: set[Hashable] = set()
    for p in resolved:
        if p in seen:
            raise GameError(f"player {p!r} is listed twice in {list(resolved)!r}")
        seen.add(p)
    return resolved


def _coalition_text(players: Sequence[Hashable], mask: int) -> str:
    return "{" + ", ".join(repr(p) for k, p in enumerate(players) if mask >> k & 1) + "}"


def _table(v: Any, players: Sequence[Hashable]) -> list[Any]:
    """``v`` at every coalition as ``fmpq``, indexed by bit mask (bit ``k`` = ``players[k]``)."""
    if isinstance(v, CoalitionFunction):
        if len(v.players) != len(players):
            raise GameError(f"the coalition function has {len(v.players)} players, but {len(players)} were given")
        return [_FMPQ(x.numerator, x.denominator) for x in v.table]
    n = len(players)
    table = []
    is_mapping = isinstance(v, Mapping)
    if not is_mapping and not callable(v):
        raise GameTypeError(f"a coalition function must be a callable or a mapping, got {type(v).__name__}")
    for mask in range(1 << n):
        coalition = frozenset(p for k, p in enumerate(players) if mask >> k & 1)
        if is_mapping:
            if coalition in v:
                value = v[coalition]
            elif mask == 0:
                value = 0
            else:
                raise GameError(f"the coalition function has no value for coalition {_coalition_text(players, mask)}")
        else:
            value = v(coalition)
        try:
            table.append(to_fmpq(value))
        except NumberError as exc:
            raise GameError(f"v({_coalition_text(players, mask)}): {exc}") from None
    if table[0] != 0:
        raise GameError(f"v(empty coalition) must be 0, got {format_rational(table[0])}")
    return table


def _weights(n: int) -> list[Any]:
    """``w[t] = t! (n - t - 1)! / n!`` for ``t = 0..n-1``: the weight of a coalition ``T`` of
    size ``t`` not containing the player."""
    return [_FMPQ(math.factorial(t) * math.factorial(n - t - 1), math.factorial(n)) for t in range(n)]


def shapley(v: CoalitionFunctionLike, players: int | Sequence[Hashable] | None = None) -> tuple[Fraction, ...]:
    """The exact Shapley value ``Sh_i(v) = sum_{S ∋ i} (n-s)!(s-1)!/n! (v(S) - v(S \\ {i}))``.

    ``v`` is a callable on frozensets of players, a mapping from frozensets (``v(empty)``
    may be omitted: it is 0), or a :class:`CoalitionFunction` (then ``players`` may be
    omitted). ``players`` is ``n`` (players ``0..n-1``) or the sequence of players; the
    result lists one value per player, in that order.

    Raises :class:`~exactbargain.errors.GameError` for ``n = 0``, a player listed twice, a
    coalition missing from a mapping, ``v(empty) != 0`` or a value that is not an exact
    rational.

    Parameters
    ----------
    v : CoalitionFunction, mapping or callable
        The coalition function.
    players : int or sequence, optional
        ``n``, or the players in order (may be omitted for a :class:`CoalitionFunction`).

    Returns
    -------
    tuple of Fraction
        ``Sh_i(v)`` for every player, in order.

    Raises
    ------
    GameError
        As above.
    GameTypeError
        ``v`` is no coalition function.

    Examples
    --------
    >>> majority = lambda S: 1 if len(S) >= 2 else 0
    >>> shapley(majority, 3)
    (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))
    >>> gloves = {frozenset("LR"): 1, frozenset("LRr"): 1, frozenset("Lr"): 1}
    >>> shapley(lambda S: gloves.get(S, 0), ["L", "R", "r"])
    (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6))
    >>> shapley({frozenset({0}): 1}, 2)
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameError: the coalition function has no value for coalition {1}
    """
    if players is None:
        if not isinstance(v, CoalitionFunction):
            if isinstance(v, Mapping) or callable(v):
                raise GameError("shapley() needs the players unless v is a CoalitionFunction")
            raise GameTypeError(f"shapley() needs a coalition function (a CoalitionFunction, a mapping or a function), "
                                f"got {_kind(v)}")
        players = len(v.players)
    members = _players_of(players)
    table = _table(v, members)
    n = len(members)
    w = _weights(n)
    # phi_i = sum_{T not containing i} w[|T|] (v(T + i) - v(T)); accumulate by |T|.
    sums = [[_FMPQ(0)] * n for _ in range(n)]
    for mask in range(1 << n):
        size = mask.bit_count()
        for i in range(n):
            if not mask >> i & 1:
                sums[i][size] += table[mask | 1 << i] - table[mask]
    return tuple(fraction_of(sum((w[t] * sums[i][t] for t in range(n)), _FMPQ(0))) for i in range(n))


def star_formula(v: CoalitionFunctionLike, players: int | Sequence[Hashable] | None = None) -> tuple[Fraction, ...]:
    """Formula (star) of docs/theory.md §1.6: ``phi_i = sum_{S ∋ i} (n-s)!(s-1)!/n! (v(S) - v(N \\ S))``.

    Equal to :func:`shapley` for every ``v`` with ``v(empty) = 0`` (module docstring); kept
    as a separate, literal evaluation so that each checks the other. Arguments as in
    :func:`shapley`.

    Parameters
    ----------
    v : CoalitionFunction, mapping or callable
        The coalition function, with ``v(empty) = 0``.
    players : int or sequence, optional
        ``n``, or the players in order (may be omitted for a :class:`CoalitionFunction`).

    Returns
    -------
    tuple of Fraction
        ``phi_i`` for every player, in order.

    Raises
    ------
    GameError
        As for :func:`shapley`.
    GameTypeError
        ``v`` is no coalition function.

    Examples
    --------
    >>> v = {frozenset({0}): 1, frozenset({1}): 2, frozenset({0, 1}): 5}
    >>> star_formula(v, 2), shapley(v, 2)
    ((Fraction(2, 1), Fraction(3, 1)), (Fraction(2, 1), Fraction(3, 1)))
    """
    if players is None:
        if not isinstance(v, CoalitionFunction):
            if isinstance(v, Mapping) or callable(v):
                raise GameError("star_formula() needs the players unless v is a CoalitionFunction")
            raise GameTypeError(f"star_formula() needs a coalition function (a CoalitionFunction, a mapping or a function), "
                                f"got {_kind(v)}")
        players = len(v.players)
    members = _players_of(players)
    table = _table(v, members)
    n = len(members)
    full = (1 << n) - 1
    weight = [_FMPQ(0)] + [_FMPQ(math.factorial(n - s) * math.factorial(s - 1), math.factorial(n)) for s in range(1, n + 1)]
    out = []
    for i in range(n):
        total = _FMPQ(0)
        for mask in range(1 << n):
            if mask >> i & 1:
                total += weight[mask.bit_count()] * (table[mask] - table[full & ~mask])
        out.append(fraction_of(total))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class CoalitionFunction(Mapping, Renderable):
    """An immutable coalition function on players ``0..n-1``: a mapping from every coalition
    (a ``frozenset`` of 0-based player indices, the empty one included) to a Fraction.

    ``players`` are the player names (for display); ``table[mask]`` is ``v`` of the
    coalition whose members are the set bits of ``mask`` (bit ``k`` is player ``k``), and
    ``table[0]`` must be 0. Build one with :meth:`from_function` or :meth:`from_mapping`.
    Lookups accept any collection of player indices or names.

    >>> v = CoalitionFunction.from_mapping(
    ...     {frozenset({0}): 1, frozenset({1}): 2, frozenset({0, 1}): "9/2"}, ("Ann", "Bob"))
    >>> v[{"Ann", "Bob"}], v[frozenset()], len(v)
    (Fraction(9, 2), Fraction(0, 1), 4)
    >>> v.to_json()
    {'1': '1', '2': '2', '1,2': '9/2'}
    >>> print(v)
    v({Ann})      = 1
    v({Bob})      = 2
    v({Ann, Bob}) = 9/2
    >>> v.shapley()
    (Fraction(7, 4), Fraction(11, 4))
    """

    players: tuple[str, ...]
    table: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        for name, value in (("players", self.players), ("table", self.table)):
            if not isinstance(value, (list, tuple)):
                raise GameTypeError(f"CoalitionFunction {name} must be a list or a tuple, got {type(value).__name__}")
        players = tuple(self.players)
        if not players:
            raise GameError("a coalition function needs at least one player (n = 0 given)")
        if len(players) > MAX_PLAYERS:
            raise GameError(f"at most {MAX_PLAYERS} players are supported, got {len(players)}")
        if len(set(players)) != len(players):
            raise GameError(f"player names must be unique, got {list(players)!r}")
        table = tuple(to_fraction(x) for x in self.table)
        if len(table) != 1 << len(players):
            raise GameError(
                f"a coalition function of {len(players)} players has {1 << len(players)} values "
                f"(one per coalition), got {len(table)}"
            )
        if table[0] != 0:
            raise GameError(f"v(empty coalition) must be 0, got {format_rational(table[0])}")
        object.__setattr__(self, "players", players)
        object.__setattr__(self, "table", table)

    @classmethod
    def from_function(
        cls, v: CoalitionFunctionLike, players: int | Sequence[str]
    ) -> "CoalitionFunction":
        """Evaluate ``v`` (a callable on frozensets of 0-based player indices, or a mapping
        from them) at every coalition. ``players`` is ``n`` or the player names.

        Parameters
        ----------
        v : callable or mapping
            The coalition function on frozensets of 0-based indices.
        players : int or sequence of str
            ``n`` (players named ``"1"``, ...) or the player names.

        Returns
        -------
        CoalitionFunction
            ``v`` on every coalition.

        Raises
        ------
        GameError
            A missing or inexact value, ``v(empty) != 0``, or bad player names.

        Examples
        --------
        >>> CoalitionFunction.from_function(len, 2).table
        (Fraction(0, 1), Fraction(1, 1), Fraction(1, 1), Fraction(2, 1))
        """
        names = tuple(str(k + 1) for k in range(players)) if isinstance(players, int) and not isinstance(players, bool) else _players_of(players)
        table = _table(v, _players_of(len(names)))
        return cls(names, tuple(fraction_of(x) for x in table))

    @classmethod
    def from_mapping(cls, values: Mapping, players: int | Sequence[str]) -> "CoalitionFunction":
        """From a mapping ``frozenset of 0-based indices -> value``; every non-empty
        coalition must be present (the empty one may be omitted).

        Parameters
        ----------
        values : mapping
            ``{frozenset of 0-based indices: value}``.
        players : int or sequence of str
            ``n`` (players named ``"1"``, ...) or the player names.

        Returns
        -------
        CoalitionFunction
            ``v`` on every coalition.

        Raises
        ------
        GameError
            ``values`` is not a mapping, a coalition is missing, a value is inexact, or
            ``v(empty) != 0``.
        """
        if not isinstance(values, Mapping):
            raise GameError(f"from_mapping() needs a mapping, got {type(values).__name__}")
        return cls.from_function(values, players)

    # -------------------------------------------------------------- mapping protocol
    def _mask(self, coalition: Any) -> int:
        if isinstance(coalition, (str, int)):
            raise KeyError(coalition)
        mask = 0
        for member in coalition:
            if isinstance(member, int) and not isinstance(member, bool) and 0 <= member < len(self.players):
                k = member
            elif isinstance(member, str) and member in self.players:
                k = self.players.index(member)
            else:
                raise KeyError(coalition)
            mask |= 1 << k
        return mask

    def __getitem__(self, coalition: Iterable[int | str]) -> Fraction:
        return self.table[self._mask(coalition)]

    def __iter__(self) -> Iterator[frozenset[int]]:
        n = len(self.players)
        for mask in self._order():
            yield frozenset(k for k in range(n) if mask >> k & 1)

    def __len__(self) -> int:
        return len(self.table)

    def _order(self) -> list[int]:
        """Masks by size, then lexicographically by members: empty, {1}, {2}, ..., {1,2}, ..."""
        n = len(self.players)
        return sorted(range(1 << n), key=lambda m: (m.bit_count(), [k for k in range(n) if m >> k & 1]))

    # -------------------------------------------------------------- properties
    @property
    def n(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def grand(self) -> Fraction:
        """``v(N)``, the value of the grand coalition."""
        return self.table[-1]

    def is_constant_sum(self) -> bool:
        """Whether ``v(S) + v(N \\ S) = v(N)`` for every coalition ``S``.

        Returns
        -------
        bool
            Whether ``v`` is constant-sum.
        """
        full = len(self.table) - 1
        return all(self.table[m] + self.table[full & ~m] == self.table[full] for m in range(len(self.table)))

    def shapley(self) -> tuple[Fraction, ...]:
        """The Shapley value (:func:`shapley`), one Fraction per player.

        Returns
        -------
        tuple of Fraction
            ``Sh_i(v)`` for every player.
        """
        return shapley(self)

    def to_json(self) -> dict[str, str]:
        """``{"1": "p/q", "2": ..., "1,2": ...}``: every non-empty coalition, keyed by its
        1-based player numbers joined by commas, by size and then lexicographically.

        Returns
        -------
        dict
            Coalition keys to ``"p/q"`` strings.
        """
        n = len(self.players)
        return {
            ",".join(str(k + 1) for k in range(n) if mask >> k & 1): format_rational(self.table[mask])
            for mask in self._order()
            if mask
        }

    def named_values(self) -> list[tuple[str, Fraction]]:
        """``("v({Ann, Bob})", value)`` for every non-empty coalition, smallest first.

        Returns
        -------
        list of tuple
            ``(label, value)`` pairs.

        Examples
        --------
        >>> CoalitionFunction.from_function(len, ("Ann", "Bob")).named_values()[2]
        ('v({Ann, Bob})', Fraction(2, 1))
        """
        n = len(self.players)
        return [("v({" + ", ".join(self.players[k] for k in range(n) if mask >> k & 1) + "})", self.table[mask])
                for mask in self._order() if mask]

    def tables(self, *, title: str | None = None) -> list[Table]:
        """One table: ``v(S)`` for every non-empty coalition ``S``, smallest first.

        Parameters
        ----------
        title : str, optional
            The game's name in the caption.

        Returns
        -------
        list of Table
            One table.

        Examples
        --------
        >>> print(CoalitionFunction.from_function(len, ("Ann", "Bob")).render())
        Coalition function of the game
        coalition S    v(S)
        -------------  ----
        v({Ann})       1
        v({Bob})       1
        v({Ann, Bob})  2
        """
        caption = f"Coalition function of {title or 'the game'}"
        return [key_value_table(("coalition S", "v(S)"), self.named_values(), caption)]

    def __str__(self) -> str:
        rows = [(name, display_rational(value)) for name, value in self.named_values()]
        width = max(len(name) for name, _ in rows)
        return "\n".join(f"{name.ljust(width)} = {value}" for name, value in rows)
