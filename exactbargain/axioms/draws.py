"""Default modifications, drawn deterministically from a seed, for an axiom checked without a
second game (``exactbargain check`` given one game)."""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any, Mapping

from ..game import Game
from ..numbers import to_fraction
from . import modifications as mods
from .modifications import Modification


def _payoff_span(game: Game) -> tuple[int, int]:
    vals = [x for p in range(game.num_players) for x in game.payoff_entries(p)]
    lo, hi = min(vals), max(vals)
    return int(lo.floor()) if hasattr(lo, "floor") else int(lo), int(hi.ceil()) if hasattr(hi, "ceil") else int(hi)


def _pick_player(game: Game, rng: random.Random, player: int | None) -> int:
    return rng.randrange(game.num_players) if player is None else player


def _draw_anonymity(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    order = list(range(game.num_players))[::-1]
    return mods.permute_players(game, order)


def _draw_relabelling(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    order = list(range(len(game.actions[i])))
    rng.shuffle(order)
    if len(order) > 1 and order == sorted(order):
        order.reverse()
    return mods.relabel_actions(game, i, order=order)


def _draw_shift(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    return mods.shift_payoffs(game, [rng.randint(-5, 5) for _ in range(game.num_players)])


def _draw_opponent_shift(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    return mods.shift_payoffs_by_opponents(game, i, [rng.randint(-5, 5) for _ in mods.opponent_profiles(game, i)])


def _draw_add(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    lo, hi = _payoff_span(game)
    vecs = [tuple(rng.randint(lo, hi) for _ in range(game.num_players)) for _ in mods.opponent_profiles(game, i)]
    return mods.add_action(game, i, vecs)


def _draw_redundancy(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    raw = [rng.randint(0, 3) for _ in game.actions[i]]
    if sum(raw) == 0:
        raw[rng.randrange(len(raw))] = 1
    return mods.mixture_action(game, i, [Fraction(r, sum(raw)) for r in raw])


def _size(opts: Mapping[str, Any], default: int = 1000) -> Fraction:
    t = opts.get("size")
    return Fraction(default) if t is None else to_fraction(t)


def _draw_curse(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    return mods.add_uniform_curse(game, i, _size(opts), copy=rng.randrange(len(game.actions[i])))


def _draw_dominated(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    return mods.add_dominated_curse(game, i, _size(opts), cost=1, copy=rng.randrange(len(game.actions[i])))


def _draw_nothing(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> None:
    """A10 without a second game checks the game itself."""
    return None
