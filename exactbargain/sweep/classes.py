"""Finite classes of games with integer payoffs, their unranking, and their symmetries.

A :class:`GameClass` is every game with ``players`` players, the action counts ``shape``
and every payoff an integer in ``lo..hi``. Its games are numbered ``0 .. size - 1``: the
payoffs, listed player by player and within a player over the profiles in C order (the last
player's action changes fastest), are the digits ``payoff - lo`` of the index in base
``hi - lo + 1``, most significant first. So any index range can be turned into games on its
own (:meth:`GameClass.unrank`), and comparing indices is comparing payoff tuples.

The symmetries are the *group elements* ``(pi, sigma)``: ``pi`` a permutation of the players
that keeps the shape, ``sigma[q]`` a permutation of player ``q``'s actions. Applied to a game
``G`` they give ``H`` with ``H_{pi(p)}(a') = G_p(a)`` where ``a'_{pi(q)} = sigma[q](a_q)``.
A game is *canonical* when its index is the least in its orbit.

>>> c = GameClass(2, (2, 2), 0, 1)
>>> c.size, c.unrank(5)
(256, (0, 0, 0, 0, 0, 1, 0, 1))
>>> c.rank(c.unrank(5))
5
>>> group = symmetries((2, 2), players=True)
>>> len(group), count_orbits(c, group)
(8, 43)
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass
from typing import Iterator, Sequence

__all__ = ["GameClass", "Element", "symmetries", "apply", "canonical", "is_canonical", "count_orbits", "grown", "iter_range", "parse_shape",
           "parse_payoffs"]

#: A group element: a player permutation and one action permutation per player.
Element = tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]


@dataclass(frozen=True, slots=True)
class GameClass:
    """Every game with ``players`` players, action counts ``shape`` and integer payoffs in
    ``lo..hi`` (both included)."""

    players: int
    shape: tuple[int, ...]
    lo: int
    hi: int

    def __post_init__(self) -> None:
        if len(self.shape) != self.players:
            raise ValueError(f"the shape {'x'.join(map(str, self.shape))} has {len(self.shape)} players, "
                             f"not {self.players}")
        if any(m < 1 for m in self.shape):
            raise ValueError("every player needs at least one action")
        if self.lo > self.hi:
            raise ValueError(f"the payoff range {self.lo}:{self.hi} is empty")

    @property
    def base(self) -> int:
        """How many payoff values there are (``hi - lo + 1``)."""
        return self.hi - self.lo + 1

    @property
    def profiles(self) -> int:
        return math.prod(self.shape)

    @property
    def positions(self) -> int:
        """How many payoffs a game has (players x profiles)."""
        return self.players * self.profiles

    @property
    def size(self) -> int:
        """How many games the class has."""
        return self.base ** self.positions

    def unrank(self, index: int) -> tuple[int, ...]:
        """The payoffs (player by player, profiles in C order) of game number ``index``.

        Parameters
        ----------
        index : int
            ``0 <= index < size``.

        Returns
        -------
        tuple of int
            The game's flat payoffs.

        Raises
        ------
        IndexError
            For an index outside the class.
        """
        if not 0 <= index < self.size:
            raise IndexError(f"game {index} is not in a class of {self.size} games")
        digits = []
        k = self.base
        for _ in range(self.positions):
            index, d = divmod(index, k)
            digits.append(d + self.lo)
        return tuple(reversed(digits))

    def rank(self, flat: Sequence[int]) -> int:
        """The index of the game with payoffs ``flat`` (inverse of :meth:`unrank`).

        Parameters
        ----------
        flat : sequence of int
            A game's flat payoffs (as :meth:`unrank` returns them).

        Returns
        -------
        int
            The game's index.
        """
        out = 0
        for x in flat:
            out = out * self.base + (x - self.lo)
        return out

    def describe(self) -> str:
        """The class in words (``"2-player 2x2 games with payoffs in -1:1"``).

        Returns
        -------
        str
            The description.
        """
        return f"{self.players}-player {'x'.join(map(str, self.shape))} games with payoffs in {self.lo}:{self.hi}"

    def to_json(self) -> dict:
        """The class as JSON: its players, shape and payoff range.

        Returns
        -------
        dict
            ``{"players", "shape", "payoffs"}``.
        """
        return {"players": self.players, "shape": list(self.shape), "payoffs": [str(self.lo), str(self.hi)]}


def parse_shape(text: str) -> tuple[int, ...]:
    """``"2x3"`` -> ``(2, 3)``.

    Parameters
    ----------
    text : str
        Action counts joined by ``x``.

    Returns
    -------
    tuple of int
        The shape.

    Raises
    ------
    ValueError
        For text that is not a shape.
    """
    parts = text.lower().split("x")
    try:
        shape = tuple(int(p) for p in parts)
    except ValueError:
        raise ValueError(f"a shape is action counts joined by 'x' (e.g. 2x2 or 3x3x2), got {text!r}") from None
    if len(shape) < 1 or any(m < 1 for m in shape):
        raise ValueError(f"every action count in a shape must be >= 1, got {text!r}")
    return shape


def parse_payoffs(text: str) -> tuple[int, int]:
    """``"-1:1"`` -> ``(-1, 1)``.

    Parameters
    ----------
    text : str
        ``LO:HI``, two integers.

    Returns
    -------
    tuple of int
        ``(lo, hi)``.

    Raises
    ------
    ValueError
        For text that is not such a range, or an empty one.
    """
    lo, sep, hi = text.partition(":")
    try:
        if not sep:
            raise ValueError
        a, b = int(lo), int(hi)
    except ValueError:
        raise ValueError(f"payoffs are an integer range LO:HI (e.g. 0:1 or -2:2), got {text!r}") from None
    if a > b:
        raise ValueError(f"the payoff range {text!r} is empty (LO > HI)")
    return a, b


def grown(shape: Sequence[int], player: int) -> tuple[int, ...]:
    """``shape`` with one more action for ``player``."""
    return tuple(m + (q == player) for q, m in enumerate(shape))


@functools.lru_cache(maxsize=64)
def symmetries(shape: tuple[int, ...], players: bool = False) -> tuple[Element, ...]:
    """Every group element acting on games of ``shape``: all action permutations and, with
    ``players``, all player permutations that keep the shape. The identity comes first."""
    n = len(shape)
    pis = [pi for pi in itertools.permutations(range(n)) if all(shape[pi[q]] == shape[q] for q in range(n))] \
        if players else [tuple(range(n))]
    sigmas = list(itertools.product(*(itertools.permutations(range(m)) for m in shape)))
    return tuple((pi, sig) for pi in pis for sig in sigmas)


@functools.lru_cache(maxsize=4096)
def _target(g: Element, shape: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The position map of ``g`` on games of ``shape``: ``out[target[k]] = flat[k]``, and the
    shape of the result."""
    pi, sig = g
    n = len(shape)
    new_shape = [0] * n
    for q in range(n):
        new_shape[pi[q]] = shape[q]
    total = math.prod(shape)
    strides = [0] * n
    s = 1
    for q in reversed(range(n)):
        strides[q] = s
        s *= new_shape[q]
    target = [0] * (n * total)
    for c, prof in enumerate(itertools.product(*(range(m) for m in shape))):
        c2 = sum(strides[pi[q]] * sig[q][prof[q]] for q in range(n))
        for p in range(n):
            target[p * total + c] = pi[p] * total + c2
    inverse = [0] * len(target)
    for k, t in enumerate(target):
        inverse[t] = k
    return tuple(inverse), tuple(new_shape)


def apply(g: Element, flat: Sequence[int], shape: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The payoffs and shape of ``g`` applied to the game ``flat`` of ``shape``."""
    inverse, new_shape = _target(g, shape)
    return tuple([flat[k] for k in inverse]), new_shape


def canonical(flat: tuple[int, ...], shape: tuple[int, ...], group: Sequence[Element]) -> tuple[tuple[int, ...], Element, int]:
    """The least image of ``flat`` under ``group`` (which must keep ``shape``), an element
    mapping ``flat`` to it, and the size of ``flat``'s stabiliser."""
    best, best_g, stab = flat, group[0], 0
    for g in group:
        inverse, _ = _target(g, shape)
        image = tuple([flat[k] for k in inverse])
        if image == flat:
            stab += 1
        if image < best:
            best, best_g = image, g
    return best, best_g, stab


def is_canonical(flat: tuple[int, ...], shape: tuple[int, ...], group: Sequence[Element]) -> int:
    """0 when some image of ``flat`` is smaller, else the size of its stabiliser."""
    stab = 0
    for g in group:
        inverse, _ = _target(g, shape)
        image = tuple([flat[k] for k in inverse])
        if image < flat:
            return 0
        if image == flat:
            stab += 1
    return stab


def _cycles(perm: Sequence[int]) -> int:
    seen = [False] * len(perm)
    count = 0
    for k in range(len(perm)):
        if not seen[k]:
            count += 1
            while not seen[k]:
                seen[k] = True
                k = perm[k]
    return count


def count_orbits(cls: GameClass, group: Sequence[Element]) -> int:
    """The number of orbits of ``group`` on ``cls`` (Burnside: the mean number of fixed games).

    Parameters
    ----------
    cls : GameClass
        The class of games.
    group : sequence of elements
        A group acting on the class (see :func:`symmetries`).

    Returns
    -------
    int
        The number of orbits.
    """
    total = sum(cls.base ** _cycles(_target(g, cls.shape)[0]) for g in group)
    assert total % len(group) == 0
    return total // len(group)


def iter_range(cls: GameClass, start: int, stop: int) -> Iterator[tuple[int, tuple[int, ...]]]:
    """``(index, payoffs)`` for every game ``start <= index < stop`` of ``cls``."""
    if start >= stop:
        return
    index = start
    digits = list(cls.unrank(start))
    n = len(digits)
    while index < stop:
        yield index, tuple(digits)
        index += 1
        q = n - 1
        while q >= 0:
            if digits[q] < cls.hi:
                digits[q] += 1
                break
            digits[q] = cls.lo
            q -= 1
