"""Axioms of bargaining rules (THEORY.md §4) as exact, witness-producing checks.

* :mod:`~exactbargain.axioms.properties` — :class:`Verdict`, :func:`as_rule` and one
  function per axiom (:func:`efficiency` ... :func:`dominated_action`), plus :func:`check`
  by name;
* :mod:`~exactbargain.axioms.modifications` — the game modifications the axioms need
  (added, duplicate and mixture actions, uniform and costly curses, shifts, permutations,
  relabellings), each with a certificate, and recognisers that establish a modification
  from two games.
"""

from .modifications import Modification, ModificationError
from .properties import (
    AXIOM_CODES,
    AXIOMS,
    SELECTIONS,
    Axiom,
    Rule,
    Verdict,
    anonymity,
    as_rule,
    check,
    coco_curse_bounds,
    dominance,
    dominated_action,
    efficiency,
    monotonicity,
    opponent_shift,
    redundancy,
    relabelling,
    shift,
    uniform_curse,
    verify_certificate,
    write_certificate,
)

__all__ = [
    "AXIOMS",
    "AXIOM_CODES",
    "SELECTIONS",
    "Axiom",
    "Modification",
    "ModificationError",
    "Rule",
    "Verdict",
    "anonymity",
    "as_rule",
    "check",
    "coco_curse_bounds",
    "dominance",
    "dominated_action",
    "efficiency",
    "monotonicity",
    "opponent_shift",
    "redundancy",
    "relabelling",
    "shift",
    "uniform_curse",
    "verify_certificate",
    "write_certificate",
]
