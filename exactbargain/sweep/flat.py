"""Games as flat payoff tuples: the compact exact text, rule names under player renaming, and
the few modifications a sweep makes directly on the tuples (adding, removing and moving one
action).

A game of shape ``(m_1, ..., m_n)`` is the tuple of every player's payoffs, player by player,
each over the profiles in C order (the last player's action changes fastest), as in
:class:`~exactbargain.sweep.classes.GameClass`.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any, Callable, Sequence

from ..axioms.properties import SELECTIONS, as_rule
from ..game import Game
from .classes import Element, apply, grown

__all__ = ["encode_game", "decode_game", "to_game", "map_rule", "rule_function", "level", "exact", "inverse",
           "remove_action", "move_last", "extend", "append_action"]


def encode_game(flat: Sequence[Any], shape: Sequence[int]) -> str:
    """A compact exact text for a game: ``"2x2:1,0,0,1;0,1,1,0"`` (shape, then each player's
    payoffs over the profiles in C order; rationals as ``p/q``).

    Parameters
    ----------
    flat : sequence of int or Fraction
        The payoffs, player by player.
    shape : sequence of int
        The action counts.

    Returns
    -------
    str
        The text; :func:`decode_game` reads it back.

    Raises
    ------
    None

    Examples
    --------
    >>> encode_game((1, 0, 0, 1, 0, 1, 1, 0), (2, 2))
    '2x2:1,0,0,1;0,1,1,0'
    >>> decode_game('2x2:1,0,0,1;0,1,1,0')
    ((1, 0, 0, 1, 0, 1, 1, 0), (2, 2))
    """
    size = math.prod(shape)
    parts = [",".join(str(x) for x in flat[p * size:(p + 1) * size]) for p in range(len(shape))]
    return "x".join(map(str, shape)) + ":" + ";".join(parts)


def decode_game(text: str) -> tuple[tuple[Any, ...], tuple[int, ...]]:
    """The inverse of :func:`encode_game`.

    Parameters
    ----------
    text : str
        ``"SHAPE:payoffs of player 1;payoffs of player 2;..."``.

    Returns
    -------
    tuple
        ``(flat, shape)``; integers stay ``int``, other rationals are ``Fraction``.

    Raises
    ------
    ValueError
        If ``text`` is not such a text.
    """
    head, _, body = text.partition(":")
    shape = tuple(int(m) for m in head.split("x"))
    flat = tuple(Fraction(x) if "/" in x else int(x) for part in body.split(";") for x in part.split(","))
    return flat, shape


def to_game(flat: Sequence[Any], shape: Sequence[int]) -> Game:
    """The :class:`~exactbargain.game.Game` with payoffs ``flat`` and action counts ``shape``."""
    size = math.prod(shape)
    return Game.from_flat([list(flat[p * size:(p + 1) * size]) for p in range(len(shape))], list(shape))


def rule_function(name: str) -> Callable[[Game], tuple[Fraction, ...]]:
    """The rule called ``name`` (``coco`` or ``fallback[SEL]``) as a function of a game."""
    if name.startswith("fallback["):
        return as_rule("fallback", name[len("fallback["):-1])
    return as_rule(name)


def map_rule(name: str, pi: Sequence[int]) -> str | None:
    """The rule that ``name`` becomes when player ``p`` is renamed ``pi[p]`` (dictator-k maps
    to dictator-(pi(k))); ``None`` when there is no such rule.

    >>> map_rule("fallback[dictator-1]", (1, 0)), map_rule("coco", (1, 0))
    ('fallback[dictator-2]', 'coco')
    """
    prefix = "fallback[dictator-"
    if name.startswith(prefix):
        k = int(name[len(prefix):-1])
        if k > len(pi):
            return None
        mapped = f"{prefix}{pi[k - 1] + 1}]"
        return mapped if mapped[len("fallback["):-1] in SELECTIONS else None
    return name


def inverse(pi: Sequence[int]) -> tuple[int, ...]:
    """The inverse permutation."""
    out = [0] * len(pi)
    for k, v in enumerate(pi):
        out[v] = k
    return tuple(out)


def level(flat: Sequence[Any]) -> tuple[Any, Any]:
    """``(largest absolute payoff, sum of absolute payoffs)``: the size order of witnesses."""
    return max(abs(x) for x in flat), sum(abs(x) for x in flat)


def exact(x: Any) -> Any:
    """A FLINT rational as ``int`` when integral, else as ``Fraction``."""
    f = Fraction(int(x.p), int(x.q))
    return int(f) if f.denominator == 1 else f


def remove_action(flat: Sequence[Any], shape: tuple[int, ...], player: int, action: int) -> tuple[tuple, tuple[int, ...]]:
    """The game without ``player``'s ``action``, and its shape."""
    total = math.prod(shape)
    keep = [c for c, prof in enumerate(itertools.product(*(range(m) for m in shape))) if prof[player] != action]
    new_shape = tuple(m - (q == player) for q, m in enumerate(shape))
    return tuple(flat[p * total + c] for p in range(len(shape)) for c in keep), new_shape


def move_last(flat: Sequence[Any], shape: tuple[int, ...], player: int, action: int) -> tuple:
    """The same game with ``player``'s ``action`` moved to the end."""
    m = shape[player]
    order = [k for k in range(m) if k != action] + [action]
    sigma = [tuple(range(x)) for x in shape]
    inv = [0] * m
    for pos, k in enumerate(order):
        inv[k] = pos
    sigma[player] = tuple(inv)
    return apply((tuple(range(len(shape))), tuple(sigma)), flat, shape)[0]


def extend(g: Element, player: int) -> Element:
    """The group element ``g`` acting on games where ``player`` has one more action (kept last)."""
    pi, sig = g
    return pi, tuple(s + (len(s),) if q == player else s for q, s in enumerate(sig))


def append_action(G: Sequence[Any], shape: tuple[int, ...], player: int, v: Sequence[Any]) -> tuple:
    """``G`` plus one action for ``player`` (last) paying ``v`` (one payoff vector per
    opponents' profile, C order, flattened)."""
    n = len(shape)
    total = math.prod(shape)
    gshape = grown(shape, player)
    out: list[list[Any]] = [[] for _ in range(n)]
    opp_index: dict[tuple[int, ...], int] = {}
    for prof in itertools.product(*(range(m) for m in gshape)):
        if prof[player] < shape[player]:
            c = 0
            for q in range(n):
                c = c * shape[q] + prof[q]
            for p in range(n):
                out[p].append(G[p * total + c])
        else:
            o = prof[:player] + prof[player + 1:]
            k = opp_index.setdefault(o, len(opp_index))
            for p in range(n):
                out[p].append(v[k * n + p])
    return tuple(x for part in out for x in part)
