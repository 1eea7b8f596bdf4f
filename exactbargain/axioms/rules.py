"""Bargaining rules as the axiom checks see them: a callable ``Game -> payoffs`` with a name.

:func:`as_rule` turns a rule name (``"coco"``, ``"fallback"``, ``"fallback:SELECT"``), any
callable returning payoffs (a sequence of rationals or an object with ``payoffs``), or a
:class:`Rule` into a :class:`Rule`, which caches its results per game.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable

from ..bargaining.fallback import check_select, selection_rules
from ..errors import ExactBargainError, GameError, GameTypeError
from ..game import Game
from ..numbers import to_fraction

__all__ = ["Rule", "as_rule", "SELECTIONS", "RULE_NAMES"]

#: The selection rules of the fallback rule on two-player games (docs/theory.md §3.5); any
#: ``dictator-K`` naming a player of the game at hand is accepted too
#: (:func:`~exactbargain.bargaining.selection_rules`).
SELECTIONS = selection_rules(2)
#: The rules :func:`as_rule` knows by name.
RULE_NAMES = ("coco", "fallback")


class Rule:
    """A bargaining rule ``Game -> tuple of Fractions`` with a name.

    Wraps any callable returning a sequence of rationals or an object with ``payoffs``;
    results are cached per game (games are immutable and hashable). ``solve(game)`` returns
    the callable's raw result (for its certificates).
    """

    __slots__ = ("fn", "name", "_cache", "_raw")

    def __init__(self, fn: Callable[[Game], Any], name: str | None = None) -> None:
        if not callable(fn):
            raise GameTypeError(f"a rule must be callable Game -> payoffs, got {fn!r}")
        self.fn = fn
        self.name = name or getattr(fn, "__name__", None) or repr(fn)
        self._cache: dict[Game, tuple[Fraction, ...]] = {}
        self._raw: dict[Game, Any] = {}

    def solve(self, game: Game) -> Any:
        if game not in self._raw:
            if len(self._raw) > 4096:
                self._raw.clear()
            self._raw[game] = self.fn(game)
        return self._raw[game]

    def __call__(self, game: Game) -> tuple[Fraction, ...]:
        hit = self._cache.get(game)
        if hit is not None:
            return hit
        raw = self.solve(game)
        values = getattr(raw, "payoffs", raw)
        try:
            out = tuple(to_fraction(x) for x in values)
        except (TypeError, ExactBargainError) as exc:
            raise ExactBargainError(f"rule {self.name} returned {raw!r}, not a sequence of rationals: {exc}") from None
        if len(out) != game.num_players:
            raise ExactBargainError(f"rule {self.name} returned {len(out)} payoffs for a {game.num_players}-player game")
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[game] = out
        return out

    def certify(self, game: Game, name: str = "") -> str | None:
        """A line saying whether the raw result's own ``verify()`` passes (``None`` without one)."""
        raw = self.solve(game)
        verify = getattr(raw, "verify", None)
        if verify is None:
            return None
        ok = verify()
        title = name or game.title or "x".join(map(str, game.shape))
        return f"{self.name} on {title}: the solution's own certificates {'verify' if ok else 'DO NOT verify'}"

    def __repr__(self) -> str:
        return f"Rule({self.name})"


def as_rule(rule: Any, select: str | None = None) -> Rule:
    """A :class:`Rule` from a :class:`Rule`, a callable, or a name: ``"coco"``, ``"fallback"``
    (``select`` defaults to ``"welfare"``) or ``"fallback:SELECT"``.

    >>> as_rule("fallback", "nash").name
    'fallback[nash]'
    """
    if isinstance(rule, Rule):
        if select is not None:
            raise GameError("select applies to the rule names 'fallback' only")
        return rule
    if isinstance(rule, str):
        name, colon, tail = rule.partition(":")
        if colon:
            if select is not None and select != tail:
                raise GameError(f"rule {rule!r} and select={select!r} disagree")
            select = tail
        if name == "coco":
            if select is not None:
                raise GameError("select applies to the fallback rule only")
            from ..bargaining import coco

            return Rule(coco, "coco")
        if name == "fallback":
            select = "welfare" if select is None else check_select(select)
            from ..bargaining import fallback

            def rule_fn(game: Game, _select: str = select) -> Any:
                return fallback(game, select=_select)

            return Rule(rule_fn, f"fallback[{select}]")
        raise GameError(f"unknown rule {rule!r}; the named rules are {' and '.join(map(repr, RULE_NAMES))}")
    if select is not None:
        raise GameError("select applies to the rule names 'fallback' only")
    return Rule(rule)
