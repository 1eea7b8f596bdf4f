"""Bargaining rules as the axiom checks see them: a callable ``Game -> payoffs`` with a name.

:func:`as_rule` turns a rule name (``"coco"``, ``"fallback"``, ``"fallback[SELECT]"``,
``"fallback:SELECT"``: any text of :class:`~exactbargain.bargaining.RuleSpec` whose rule applies
to games of every size), a :class:`~exactbargain.bargaining.RuleSpec`, any callable returning
payoffs (a sequence of rationals or an object with ``payoffs``), or a :class:`Rule` into a
:class:`Rule`, which caches its results per game. The names come from the rule and
selection-rule registries of :mod:`exactbargain.bargaining`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable

from ..bargaining.registry import RULES, RuleSpec
from ..bargaining.selection import REGISTRY as SELECTION_REGISTRY
from ..bargaining.selection import selection_rules
from ..errors import ExactBargainError, GameError, GameTypeError
from ..game import Game
from ..numbers import to_fraction

__all__ = ["Rule", "as_rule", "rule_names", "SELECTIONS", "RULE_NAMES"]

def rule_names() -> tuple[str, ...]:
    """The rules :func:`as_rule` knows by name: those of the registry
    (:data:`exactbargain.bargaining.registry.RULES`) that apply to games of every size, as the
    axioms quantify over them (the ``--rule`` choices of ``check`` and ``counterexample``).

    Returns
    -------
    tuple of str
        The names, in registry order.

    Examples
    --------
    >>> rule_names()
    ('coco', 'fallback')
    """
    return tuple(name for name, rule in RULES.items() if not rule.two_players)


#: The registries' state the names below were computed for, and the names.
_FOLLOWED: dict[str, tuple[tuple, tuple[str, ...]]] = {}

#: The names that follow the registries: ``SELECTIONS``, the selection rules of the fallback
#: rule on two-player games (docs/theory.md §3.5; any ``dictator-K`` naming a player of the game
#: at hand is accepted too, :func:`~exactbargain.bargaining.selection_rules`), and
#: ``RULE_NAMES``, the rules :func:`as_rule` knows by name (:func:`rule_names`).
_FOLLOWING = {"SELECTIONS": lambda: selection_rules(2), "RULE_NAMES": rule_names}


def __getattr__(name: str) -> tuple[str, ...]:
    """``SELECTIONS`` and ``RULE_NAMES``, as the registries hold them now (the same tuple while
    the registries are unchanged)."""
    if name not in _FOLLOWING:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    state = (tuple(SELECTION_REGISTRY.items()), tuple(RULES.items()))
    if name not in _FOLLOWED or _FOLLOWED[name][0] != state:
        _FOLLOWED[name] = (state, _FOLLOWING[name]())
    return _FOLLOWED[name][1]


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
        """The rule's own result on ``game`` (cached; a solution object or a payoff sequence).

        Parameters
        ----------
        game : Game
            The game.

        Returns
        -------
        object
            What the rule's callable returns for ``game``.
        """
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
        """A line saying whether the raw result's own ``verify()`` passes (``None`` without one).

        Parameters
        ----------
        game : Game
            A game the rule was applied to.
        name : str
            How the line names the game (``"the game before"``).

        Returns
        -------
        str or None
            The line, or ``None`` when the result has no ``verify()``.
        """
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
    """A :class:`Rule` from a :class:`Rule`, a callable, a
    :class:`~exactbargain.bargaining.RuleSpec` or a rule's text: ``"coco"``, ``"fallback"``
    (``select`` defaults to ``"welfare"``), ``"fallback[SELECT]"`` or ``"fallback:SELECT"``.
    A named rule is called by its canonical text (``fallback[nash]``).

    Parameters
    ----------
    rule : Rule, callable, RuleSpec or str
        The rule.
    select : str, optional
        The selection rule of a rule named without one.

    Returns
    -------
    Rule
        The rule, caching its results per game.

    Raises
    ------
    GameError
        For an unknown rule or selection rule, a ``select`` the rule does not take, or one
        that disagrees with the rule's text.
    GameTypeError
        When ``rule`` is neither a name nor callable.

    Examples
    --------
    >>> as_rule("fallback", "nash").name
    'fallback[nash]'
    >>> as_rule("fallback:dictator-2").name, as_rule("coco").name
    ('fallback[dictator-2]', 'coco')
    """
    if not isinstance(rule, (str, RuleSpec)):
        if select is not None:
            raise GameError("select applies to the rule names 'fallback' only")
        return rule if isinstance(rule, Rule) else Rule(rule)
    spec = _spec(rule, select)
    return Rule(spec.solve, str(spec))


def _spec(rule: "str | RuleSpec", select: str | None) -> RuleSpec:
    """The spec of a rule's text (or a spec) and an optional ``select``."""
    names = rule_names()
    if isinstance(rule, str) and rule in names:
        if select is not None and not RULES[rule].selects:
            selecting = [name for name in names if RULES[name].selects]
            raise GameError(f"select applies to the {' and '.join(selecting)} rule only")
        return RuleSpec(rule, select)
    try:
        spec = RuleSpec.parse(rule)
    except GameError:
        if isinstance(rule, str) and rule.partition(":")[0].partition("[")[0] in names:
            raise
        raise GameError(f"unknown rule {rule!r}; the named rules are {' and '.join(map(repr, names))}") from None
    if spec.rule not in names:
        raise GameError(f"unknown rule {rule!r}; the named rules are {' and '.join(map(repr, names))}")
    if select is not None and select != spec.select:
        raise GameError(f"rule {rule!r} and select={select!r} disagree")
    return spec
