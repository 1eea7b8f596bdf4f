"""The outcome of checking one axiom: :class:`Verdict`, a complete witness when violated."""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from ..game import Game
from ..numbers import format_rational, format_vector
from ..tables.display import display_vector
from ..tables import Renderable, Table
from .modifications import Modification
from .tables import verdict_tables

__all__ = ["Verdict"]

_t = format_rational


def _v(v: Sequence[Fraction] | None) -> str:
    return "-" if v is None else format_vector(v)


def _shown(v: Sequence[Fraction] | None) -> str:
    """``_v`` for people: long values rounded (:mod:`exactbargain.tables.display`)."""
    return "-" if v is None else display_vector(v)


@dataclass(frozen=True, slots=True)
class Verdict(Renderable):
    """The outcome of checking one axiom for one rule on one game (or pair of games).

    ``holds`` says whether the requirement is met; a violated verdict is a complete witness:
    the games, the rule's exact values on both, ``difference`` (the quantity the axiom
    constrains, see ``claim``), the player the axiom is about (0-based, or ``None``), and
    the certificates of the modification (and of the rule's outputs when violated).
    ``vacuous`` marks a verdict whose precondition does not apply to the game.
    ``lp_certificates`` keeps the exact LP results behind the claim (each has ``verify()``;
    for A10 the minimum of ``mu(a*)`` over the CE polytope); they are not part of
    :meth:`to_json`, whose ``certificates`` lines state them.
    """

    holds: bool
    axiom: str
    code: str
    rule: str
    claim: str
    before: Game
    values_before: tuple[Fraction, ...]
    after: Game | None = None
    values_after: tuple[Fraction, ...] | None = None
    difference: tuple[Fraction, ...] = ()
    player: int | None = None
    modification: Modification | None = None
    certificates: tuple[str, ...] = ()
    explanation: str = ""
    vacuous: bool = False
    lp_certificates: tuple[Any, ...] = ()

    def __bool__(self) -> bool:
        return self.holds

    def __str__(self) -> str:
        status = "holds" if self.holds else "VIOLATED"
        if self.vacuous:
            status = "holds (vacuously)"
        lines = [f"{self.code} {self.axiom} for rule {self.rule}: {status}", f"  claim: {self.claim}"]
        if self.player is not None:
            lines.append(f"  player: {self.player + 1} ({self.before.players[self.player]})")
        if self.modification is not None:
            lines.append(f"  modification: {self.modification.describe()}")
        lines.append("  game before:")
        lines += ["    " + s for s in str(self.before).splitlines()]
        if self.after is not None:
            lines.append("  game after:")
            lines += ["    " + s for s in str(self.after).splitlines()]
        lines.append(f"  values before: {_shown(self.values_before)}")
        if self.values_after is not None:
            lines.append(f"  values after:  {_shown(self.values_after)}")
        if self.difference:
            lines.append(f"  difference:    {_shown(self.difference)}")
        if self.explanation:
            lines.append(f"  {self.explanation}")
        if self.certificates:
            lines.append("  certificates:")
            lines += [f"    - {c}" for c in self.certificates]
        return "\n".join(lines)

    def to_json(self) -> dict:
        """A JSON-ready dictionary (rationals as ``"p/q"`` strings, games as game documents).

        Returns
        -------
        dict
            The verdict's fields, JSON-ready.
        """

        def vec(v: Sequence[Fraction] | None) -> list[str] | None:
            return None if v is None else [_t(x) for x in v]

        return {
            "holds": self.holds,
            "vacuous": self.vacuous,
            "axiom": self.axiom,
            "code": self.code,
            "rule": self.rule,
            "claim": self.claim,
            "player": None if self.player is None else self.player + 1,
            "before": self.before.to_dict(),
            "after": None if self.after is None else self.after.to_dict(),
            "values": {"before": vec(self.values_before), "after": vec(self.values_after)},
            "difference": vec(self.difference),
            "modification": None if self.modification is None else self.modification.to_json(),
            "certificates": list(self.certificates),
            "explanation": self.explanation,
        }

    def dumps(self) -> str:
        """:meth:`to_json` as indented JSON text.

        Returns
        -------
        str
            The JSON document.
        """
        return json.dumps(self.to_json(), indent=2)

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The verdict, then the game before and the game after, as tables (see
        :func:`~exactbargain.axioms.tables.verdict_tables`; ``title`` is not used).

        Parameters
        ----------
        title : str, optional
            Not used.

        Returns
        -------
        list of Table
            The verdict's tables.
        """
        return verdict_tables(self)
