"""Bargaining solutions of normal-form games, exactly.

* :func:`coco` — the CoCo value (two players: ``W/2 ± val((u_1 - u_2)/2)``; n players:
  Shapley over the team games);
* :func:`fallback` — the correlated-equilibrium fallback rule with the selection rules of
  docs/theory.md §3.5 and the coalition models of §3.3; :func:`fallback_range` — the interval of
  two-player fallback values over all correlated equilibria; :func:`select_point` — the
  disagreement point alone;
* :func:`nash_bargaining`, :func:`kalai_smorodinsky` — classic bargaining over exact
  polygons (or a game's outcome hull);
* :func:`n_player_value` — formula (star) for any two-player TU value ``Game -> payoffs``;
* :func:`solve`, :func:`compare` and :class:`RuleSpec` — every rule by name, from the rule
  registry (:mod:`~exactbargain.bargaining.registry`) and the selection-rule registry
  (:mod:`~exactbargain.bargaining.selection`).

Every solution has ``payoffs`` (Fractions), ``verify()``, ``explain()``, ``to_json()`` and
``summary()`` (the JSON contract of ``exactbargain solve --json``).
"""

from .coco import COALITION_MODELS, CoalitionSolution, CoCoSolution, coco, n_player_value
from .fallback import (
    EQUILIBRIA,
    FallbackRange,
    FallbackSolution,
    Selection,
    fallback,
    fallback_range,
    select_point,
    selection_rules,
)
from .solutions import BargainingError, BargainingSolution, Polygon, kalai_smorodinsky, nash_bargaining
from .selection import DEFAULT_SELECTION, SelectionRule, register_selection
from .registry import RULES as _RULES, Rule, RuleSpec, compare, register_rule, solve


def __getattr__(name: str) -> tuple[str, ...]:
    """``RULES``: the rule names of ``exactbargain solve --rule``, read from the registry
    (:data:`exactbargain.bargaining.registry.RULES`) when asked for."""
    if name == "RULES":
        return tuple(_RULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "COALITION_MODELS",
    "DEFAULT_SELECTION",
    "RULES",
    "Rule",
    "RuleSpec",
    "SelectionRule",
    "register_rule",
    "register_selection",
    "compare",
    "selection_rules",
    "solve",
    "EQUILIBRIA",
    "BargainingError",
    "BargainingSolution",
    "CoalitionSolution",
    "CoCoSolution",
    "FallbackRange",
    "FallbackSolution",
    "Polygon",
    "Selection",
    "coco",
    "fallback",
    "fallback_range",
    "kalai_smorodinsky",
    "n_player_value",
    "nash_bargaining",
    "select_point",
]
