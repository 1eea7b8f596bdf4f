"""The rule names of the plot, read from the rule registry
(:mod:`exactbargain.bargaining.registry`): ``coco``, ``fallback-<select>`` for every selection
rule, ``nash-fallback``, ``nbs`` and ``ks`` (the last three for two-player games, with the
default selection rule).
"""

from __future__ import annotations

from ..bargaining.registry import RULES as _REGISTRY, RuleSpec, plot_match
from ..bargaining.selection import parse_select, selection_rule
from ..errors import GameError

__all__ = ["rules_for", "rule_spec"]


def rules_for(n: int, coalitions: str = "two-teams") -> tuple[str, ...]:
    """Every rule name that applies to an ``n``-player game (the default of ``rules``).

    Parameters
    ----------
    n : int
        The number of players.
    coalitions : str
        The coalition model of the fallback rules (three or more players).

    Returns
    -------
    tuple of str
        The names, in registry order.

    Examples
    --------
    >>> rules_for(3)[4:]
    ('fallback-dictator-1', 'fallback-dictator-2', 'fallback-dictator-3', 'fallback-random-dictator')
    >>> rules_for(2)[:2], rules_for(2)[-3:]
    (('coco', 'fallback-welfare'), ('nash-fallback', 'nbs', 'ks'))
    """
    model = coalitions if n > 2 else None
    names = []
    for kind in _REGISTRY.values():
        every = "{select}" in kind.plot_name
        names += [spec.plot_name for spec in kind.specs(n, (model,), every) if spec.unavailable(n) is None]
    return tuple(names)


def rule_spec(name: str, n: int, coalitions: str) -> RuleSpec:
    """The :class:`~exactbargain.bargaining.RuleSpec` a plot name stands for in an ``n``-player game.

    Parameters
    ----------
    name : str
        A name of :func:`rules_for`.
    n : int
        The number of players.
    coalitions : str
        The coalition model of the fallback rules (three or more players).

    Returns
    -------
    RuleSpec
        The spec to solve.

    Raises
    ------
    GameError
        For an unknown name, or one that does not apply to the game.
    """
    if not isinstance(name, str):
        raise GameError(f"a rule is named by a string, got {name!r}")
    found = plot_match(name)
    if found is None:
        choices = ", ".join(rules_for(n, coalitions))
        raise GameError(f"unknown rule {name!r} for a {n}-player game; choose from {choices}")
    kind, select = found
    if kind.two_players and n != 2:
        raise GameError(f"{name} is a two-player rule; this game has {n} players")
    if select is not None:
        parse_select(select, n)
        if selection_rule(select).two_players and n > 2 and coalitions == "team-vs-individuals":
            raise GameError(f"{name} needs two-player games, but under team-vs-individuals the horde games "
                            f"of a {n}-player game have up to {n} players; use two-teams")
    return RuleSpec(kind.name, select, coalitions if n > 2 and kind.coalitions else None)


def __getattr__(attr: str) -> tuple[str, ...]:
    if attr == "RULES":
        return rules_for(2)
    raise AttributeError(f"module {__name__!r} has no attribute {attr!r}")
