"""The finite families of small modifications that the counterexample search and the sweeps
enumerate for each axiom (:func:`modification_instances`)."""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any, Callable, Iterator, Sequence

from ..axioms import modifications as mods
from ..axioms.modifications import Modification, ModificationError
from ..errors import GameError
from ..game import Game

__all__ = ["modification_instances"]


def _players(game: Game, player: int | None) -> range | list[int]:
    return range(game.num_players) if player is None else [player]


def _vectors(values: Sequence[int], count: int) -> Iterator[tuple[int, ...]]:
    return itertools.product(values, repeat=count)


def _inst_none(game: Game, values: Sequence[int], player: int | None = None) -> Iterator[None]:
    yield None


def _inst_anonymity(game: Game, values: Sequence[int], player: int | None = None) -> Iterator[Modification]:
    for order in itertools.permutations(range(game.num_players)):
        if list(order) != list(range(game.num_players)):
            yield mods.permute_players(game, order)


def _inst_relabelling(game: Game, values: Sequence[int], player: int | None = None) -> Iterator[Modification]:
    for i in _players(game, player):
        if len(game.actions[i]) > 1:
            yield mods.relabel_actions(game, i)


def _inst_shift(game: Game, values: Sequence[int], player: int | None = None) -> Iterator[Modification]:
    for c in _vectors(values, game.num_players):
        if any(c):
            yield mods.shift_payoffs(game, c)


def _inst_opponent_shift(game: Game, values: Sequence[int], player: int | None = None) -> Iterator[Modification]:
    for i in _players(game, player):
        for h in _vectors(values, len(mods.opponent_profiles(game, i))):
            if any(h):
                yield mods.shift_payoffs_by_opponents(game, i, h)


def _inst_add(game: Game, values: Sequence[int], player: int | None = None) -> Iterator[Modification]:
    n = game.num_players
    for i in _players(game, player):
        k = len(mods.opponent_profiles(game, i))
        for flat in _vectors(values, k * n):
            yield mods.add_action(game, i, [flat[c * n:(c + 1) * n] for c in range(k)])


def _inst_redundancy(game: Game, values: Sequence[int], player: int | None = None) -> Iterator[Modification]:
    for i in _players(game, player):
        m = len(game.actions[i])
        for a in range(m):
            yield mods.duplicate_action(game, i, a)
        for a, b in itertools.combinations(range(m), 2):
            w = [Fraction(0)] * m
            w[a] = w[b] = Fraction(1, 2)
            yield mods.mixture_action(game, i, w)


def _inst_curse(game: Game, values: Sequence[int], player: int | None = None) -> Iterator[Modification]:
    sizes = sorted({abs(v) for v in values if v}) or [1]
    for i in _players(game, player):
        for a in range(len(game.actions[i])):
            for t in sizes:
                yield mods.add_uniform_curse(game, i, t, copy=a)


def _inst_credible_threat(game: Game, values: Sequence[int], player: int | None = None) -> Iterator[Modification]:
    if game.num_players != 2:
        return
    costs = sorted({abs(v) for v in values})
    for i in _players(game, player):
        for b in range(game.shape[1 - i]):
            for c in costs:
                yield mods.add_credible_threat(game, i, c, response=b)


def _inst_dominated(game: Game, values: Sequence[int], player: int | None = None) -> Iterator[Modification]:
    for m in _inst_add(game, values, player):
        try:
            yield mods.add_dominated_action(game, m.player, m.params["payoffs"], label=m.params["action"])
        except ModificationError:
            continue


#: Axiom name -> the modifications of a game the enumeration visits, given the payoff values
#: of the level (``None`` for the axioms about one game).
_INSTANCES: dict[str, Callable[..., Iterator[Any]]] = {
    "efficiency": _inst_none,
    "anonymity": _inst_anonymity,
    "relabelling": _inst_relabelling,
    "shift": _inst_shift,
    "opponent-shift": _inst_opponent_shift,
    "dominance": _inst_none,
    "monotonicity": _inst_add,
    "redundancy": _inst_redundancy,
    "uniform-curse": _inst_curse,
    "dominated-action": _inst_dominated,
    "credible-threat": _inst_credible_threat,
}


def modification_instances(axiom: str, game: Game, values: Sequence[int],
                           player: int | None = None) -> Iterator[Any]:
    """The finite family of modifications of ``game`` that checking ``axiom`` visits, with new
    payoffs drawn from ``values`` (for ``player`` only, or for every player when ``None``):
    every extra action for monotonicity, every duplicated or mixed action for redundancy, and
    so on; ``None`` once for the axioms about a single game. The search and the sweeps both
    enumerate these.

    Parameters
    ----------
    axiom : str
        An axiom name of :data:`exactbargain.axioms.AXIOMS`.
    game : Game
        The game to modify.
    values : sequence of int
        The payoff values new entries take.
    player : int or None
        The player (0-based) whose modifications are enumerated; ``None`` for all.

    Returns
    -------
    iterator
        :class:`~exactbargain.axioms.modifications.Modification` objects (or ``None``).

    Raises
    ------
    GameError
        If ``axiom`` is not an axiom name.

    >>> from exactbargain import Game
    >>> g = Game.bimatrix([[0, 1], [1, 0]], [[1, 0], [0, 1]])
    >>> sum(1 for _ in modification_instances("monotonicity", g, [0, 1]))  # 2^4 extra actions each
    32
    >>> sum(1 for _ in modification_instances("monotonicity", g, [0, 1], player=0))
    16
    """
    try:
        enumerate_ = _INSTANCES[axiom]
    except KeyError:
        raise GameError(f"unknown axiom {axiom!r}; choose from {', '.join(_INSTANCES)}") from None
    return enumerate_(game, values, player)


