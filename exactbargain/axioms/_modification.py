"""What a game modification is: :class:`Modification` (the game before, the game after, the
player it concerns, its exact parameters and its certificate), its read-only
:class:`Params`, :class:`ModificationError`, and the helpers the constructors and
recognisers of :mod:`exactbargain.axioms.modifications` share.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..errors import ExactBargainError
from ..game import Game
from ..numbers import format_rational as _n, format_vector, to_fraction

__all__ = ["KINDS", "Modification", "ModificationError", "Params", "opponent_profiles"]

#: The kinds of modification, as stored in :attr:`Modification.kind`.
KINDS = (
    "add-action",
    "mixture-action",
    "uniform-curse",
    "dominated-action",
    "credible-threat",
    "shift",
    "opponent-shift",
    "permute-players",
    "relabel-actions",
)


class ModificationError(ExactBargainError):
    """A modification cannot be built, or two games are not related as claimed."""

# Raised, documented and caught as exactbargain.axioms.modifications.ModificationError.
ModificationError.__module__ = "exactbargain.axioms.modifications"


def _q(x: Any) -> Fraction:
    try:
        return to_fraction(x)
    except ExactBargainError as exc:
        raise ModificationError(str(exc)) from None


def _vec(v: Sequence[Fraction]) -> str:
    return format_vector(v)


class Params(Mapping):
    """The parameters of a :class:`Modification`: a read-only, hashable mapping (lists given
    as values are kept as tuples), so a modification is a value like the games it relates.

    >>> p = Params({"size": Fraction(3), "victims": [2]})
    >>> p["victims"], p == {"size": 3, "victims": (2,)}
    ((2,), True)
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any] | Sequence[tuple[str, Any]] = ()) -> None:
        self._items = {key: _frozen(value) for key, value in dict(items).items()}

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __reduce__(self) -> tuple:
        return (Params, (tuple(self._items.items()),))

    def __repr__(self) -> str:  # shown as the mapping it is
        return repr(self._items)


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return Params(value)
    return value


@dataclass(frozen=True, slots=True)
class Modification:
    """``after`` is ``before`` modified as ``kind`` says, for ``player`` (0-based or ``None``).

    ``params`` holds the exact parameters (Fractions, indices, labels) as read-only
    :class:`Params`; ``certificate`` is a list of human-readable facts that were checked
    exactly when the object was built.
    """

    kind: str
    before: Game
    after: Game
    player: int | None
    params: Mapping[str, Any] = field(default_factory=Params)
    certificate: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.params, Params):
            object.__setattr__(self, "params", Params(self.params))
        if not isinstance(self.certificate, tuple):
            object.__setattr__(self, "certificate", tuple(self.certificate))

    def describe(self) -> str:
        """One line: what was done, to whom.

        Returns
        -------
        str
            ``kind``, the player and the parameters, e.g.
            ``uniform-curse for player 1 (Row) [action=K, ...]``.
        """
        who = "" if self.player is None else f" for player {self.player + 1} ({self.before.players[self.player]})"
        shown = ", ".join(f"{k}={_show(v)}" for k, v in self.params.items())
        return f"{self.kind}{who}" + (f" [{shown}]" if shown else "")

    def to_json(self) -> dict:
        """The modification as JSON-ready data (its games left out).

        Returns
        -------
        dict
            ``kind``, ``player`` (1-based or ``None``), ``params`` (rationals as strings) and
            ``certificate``.
        """
        return {
            "kind": self.kind,
            "player": None if self.player is None else self.player + 1,
            "params": {k: _jsonable(v) for k, v in self.params.items()},
            "certificate": list(self.certificate),
        }

    def __str__(self) -> str:
        return self.describe()


def _show(v: Any) -> str:
    if isinstance(v, (list, tuple)):
        return "(" + ", ".join(_show(x) for x in v) + ")"
    return _n(v) if isinstance(v, Fraction) else str(v)


def _jsonable(v: Any) -> Any:
    if isinstance(v, Fraction):
        return _n(v)
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return v


# ---------------------------------------------------------------------- helpers
def opponent_profiles(game: Game, player: int) -> list[tuple[int, ...]]:
    """The profiles of everybody but ``player`` (index tuples, C order).

    Parameters
    ----------
    game : Game
        The game.
    player : int
        The 0-based index of the player left out.

    Returns
    -------
    list of tuple of int
        The other players' action indices at every profile of theirs.
    """
    return list(itertools.product(*(range(m) for j, m in enumerate(game.shape) if j != player)))


def _full(player: int, action: int, others: Sequence[int]) -> tuple[int, ...]:
    return tuple(others[:player]) + (action,) + tuple(others[player:])


def _row(game: Game, player: int, action: int) -> list[tuple[Fraction, ...]]:
    """The payoff vectors of ``player``'s ``action`` against every opponents' profile."""
    return [game.payoff(_full(player, action, o)) for o in opponent_profiles(game, player)]


def _fresh_label(game: Game, player: int, stem: str) -> str:
    labels = set(game.actions[player])
    if stem not in labels:
        return stem
    k = 2
    while f"{stem}{k}" in labels:
        k += 1
    return f"{stem}{k}"


def _player(game: Game, player: Any) -> int:
    try:
        return game.player_index(player)
    except ExactBargainError as exc:
        raise ModificationError(str(exc)) from None


def _action(game: Game, player: int, action: Any) -> int:
    try:
        return game.action_index(player, action)
    except ExactBargainError as exc:
        raise ModificationError(str(exc)) from None

