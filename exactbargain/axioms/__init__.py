"""Axioms of bargaining rules (docs/theory.md §4) as exact, witness-producing checks.

* :mod:`~exactbargain.axioms.rules` — :class:`Rule` and :func:`as_rule`: any rule name or
  callable ``Game -> payoffs`` as the checks see it;
* :mod:`~exactbargain.axioms.verdict` — :class:`Verdict`, the outcome of one check (a
  complete witness when violated);
* :mod:`~exactbargain.axioms.properties` — one function per axiom (:func:`efficiency` ...
  :func:`credible_threat`), plus :func:`check` by name; it fills the registry of
  :mod:`~exactbargain.axioms.axiom` (:class:`Axiom`, :data:`AXIOMS`) with the evaluators of
  :mod:`~exactbargain.axioms.evaluators` and the default draws of
  :mod:`~exactbargain.axioms.draws`;
* :mod:`~exactbargain.axioms.modifications` — the game modifications the axioms need
  (added, duplicate and mixture actions, uniform and costly curses, credible threats,
  shifts, permutations, relabellings), each with a certificate, recognisers that establish a
  modification from two games, and :func:`threat_precondition`, the exact test of A10's
  precondition;
* :mod:`~exactbargain.axioms.certificate` — counterexample certificates on disk: written
  atomically, and re-checked by :func:`verify_certificate`, which trusts nothing in them.
"""

from .modifications import Modification, ModificationError, ThreatPrecondition, threat_precondition
from .rules import Rule, as_rule, rule_names
from .verdict import Verdict
from .properties import (
    AXIOM_CODES,
    AXIOMS,
    Axiom,
    anonymity,
    check,
    coco_curse_bounds,
    credible_threat,
    dominance,
    dominated_action,
    efficiency,
    monotonicity,
    opponent_shift,
    redundancy,
    relabelling,
    shift,
    uniform_curse,
)
from .certificate import (
    CertificateError,
    check_out_dir,
    validate_certificate,
    verify_certificate,
    write_certificate,
)

__all__ = [
    "AXIOMS",
    "AXIOM_CODES",
    "RULE_NAMES",
    "SELECTIONS",
    "Axiom",
    "CertificateError",
    "Modification",
    "ModificationError",
    "Rule",
    "ThreatPrecondition",
    "Verdict",
    "anonymity",
    "as_rule",
    "check",
    "check_out_dir",
    "coco_curse_bounds",
    "credible_threat",
    "dominance",
    "dominated_action",
    "efficiency",
    "monotonicity",
    "opponent_shift",
    "redundancy",
    "relabelling",
    "rule_names",
    "shift",
    "threat_precondition",
    "uniform_curse",
    "validate_certificate",
    "verify_certificate",
    "write_certificate",
]


def __getattr__(name: str):
    """``SELECTIONS`` and ``RULE_NAMES`` follow the registries (see :mod:`.rules`)."""
    if name not in ("SELECTIONS", "RULE_NAMES"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import rules

    return getattr(rules, name)
