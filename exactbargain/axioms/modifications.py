"""The game modifications the axioms of docs/theory.md §4 talk about.

Every constructor returns a :class:`Modification`: the game before, the game after, the
player the modification is about (0-based; ``None`` when it concerns no single player),
the parameters, and a *certificate* — the exact facts that make the modification what it
claims to be (for instance the mixture that a redundant action equals, or the mixture that
strictly dominates an added action, with its margin).

The ``recognise_*`` functions go the other way: given two games they establish, by exact
computation from the games alone, that ``after`` is a modification of ``before`` of the
named kind, and return the same kind of :class:`Modification` (or raise
:class:`ModificationError` saying what does not match). They are what
``exactbargain verify`` uses.

>>> from exactbargain import Game
>>> trivial = Game.bimatrix([[0]], [[0]], actions=(("Wait",), ("Wait",)))
>>> m = add_uniform_curse(trivial, 0, 1000)
>>> print(m.after)
1 \\ 2   Wait
Wait    0, 0
K       0, -1000
>>> recognise_uniform_curse(trivial, m.after).params["size"]
Fraction(1000, 1)
"""

from __future__ import annotations

from typing import Any

from ._modification import KINDS, Modification, ModificationError, Params, opponent_profiles
from .constructions import (
    add_action,
    add_dominated_action,
    add_dominated_curse,
    add_uniform_curse,
    duplicate_action,
    mixture_action,
    permute_players,
    relabel_actions,
    shift_payoffs,
    shift_payoffs_by_opponents,
    strict_domination,
)
from .recognise import (
    recognise_added_action,
    recognise_credible_threat,
    recognise_dominated_action,
    recognise_mixture,
    recognise_opponent_shift,
    recognise_permutation,
    recognise_relabelling,
    recognise_shift,
    recognise_uniform_curse,
)
from .threats import ThreatPrecondition, add_credible_threat, threat_precondition

__all__ = [
    "Modification",
    "ModificationError",
    "Params",
    "KINDS",
    "add_action",
    "duplicate_action",
    "mixture_action",
    "add_uniform_curse",
    "add_dominated_action",
    "add_dominated_curse",
    "add_credible_threat",
    "shift_payoffs",
    "shift_payoffs_by_opponents",
    "permute_players",
    "relabel_actions",
    "recognise_added_action",
    "recognise_mixture",
    "recognise_uniform_curse",
    "recognise_dominated_action",
    "recognise_credible_threat",
    "recognise_shift",
    "recognise_opponent_shift",
    "recognise_permutation",
    "recognise_relabelling",
    "strict_domination",
    "opponent_profiles",
    "ThreatPrecondition",
    "threat_precondition",
]

#: The former names of the constructors, which read like the axiom checks of
#: :mod:`exactbargain.axioms` that share them; they still work, with a ``DeprecationWarning``.
_FORMER_NAMES = {
    "uniform_curse": "add_uniform_curse",
    "dominated_action": "add_dominated_action",
    "dominated_curse": "add_dominated_curse",
    "credible_threat": "add_credible_threat",
    "shift": "shift_payoffs",
    "opponent_shift": "shift_payoffs_by_opponents",
}


def __getattr__(name: str) -> Any:
    new = _FORMER_NAMES.get(name)
    if new is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import warnings

    warnings.warn(f"exactbargain.axioms.modifications.{name} is deprecated; use {new} (the axiom check "
                  f"exactbargain.axioms.{name} keeps its name)", DeprecationWarning, stacklevel=2)
    return globals()[new]
