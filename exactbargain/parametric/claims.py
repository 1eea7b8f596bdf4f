"""Claims for every value of the parameter: :func:`holds` proves or refutes them exactly.

A claim is a function of a :class:`Quantities` view of the family that returns a
:class:`~exactbargain.parametric.piecewise.Relation` (or a list of them), built from the
family's parametric quantities with ``+ - *``, numbers and the comparisons ``.eq()``,
``.ne()``, ``>=``, ``>``, ``<=``, ``<``. The difference ``lhs - rhs`` is a piecewise rational
function; on each piece its sign is decided exactly (:func:`~exactbargain.parametric.verify.first_failure`).

>>> from exactbargain.parametric import ParametricGame
>>> fam = ParametricGame.bimatrix([["0"], ["0"]], [["0"], ["-t"]])
>>> proof = holds(lambda q: q.coco()[0].eq(q.t / 2), fam, "0:inf")
>>> proof.holds, proof.verify()
(True, True)
>>> refuted = holds(lambda q: q.coco()[0] >= q.t, fam, "0:inf")
>>> refuted.holds, str(refuted.interval), refuted.witness, refuted.game.payoff(("2", "1"))
(False, '(0, inf)', Fraction(1, 1), (Fraction(0, 1), Fraction(-1, 1)))
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

import flint

from ..game import Game
from ..numbers import format_rational
from .algebraic import Interval
from .family import ParametricGame
from .piecewise import Piece, Piecewise, Relation
from .ratfunc import RatFunc
from .selection import fallback
from .solve import as_interval, coco, kappa, max_total, minimax
from .verify import first_failure

__all__ = ["Quantities", "Proof", "Counterexample", "holds"]


class Quantities:
    """The parametric quantities of ``family`` on ``domain``, computed on first use.

    Parameters
    ----------
    family : ParametricGame
    domain : Interval
    """

    def __init__(self, family: ParametricGame, domain: Interval) -> None:
        self.family, self.domain = family, domain
        self.t = Piecewise([Piece(domain, RatFunc(flint.fmpq_poly([0, 1])))], family.parameter)

    @functools.cached_property
    def _coco(self) -> tuple[Piecewise, Piecewise]:
        return coco(self.family, self.domain)

    def coco(self) -> tuple[Piecewise, Piecewise]:
        """The two-player CoCo value, one :class:`Piecewise` per player."""
        return self._coco

    def W(self) -> Piecewise:
        """The largest total payoff ``W(t)``."""
        return max_total(self.family, self.domain)

    def kappa(self) -> Piecewise:
        """``val((u_1 - u_2)/2)``."""
        return kappa(self.family, self.domain).value

    def fallback(self, select: str = "welfare") -> tuple[Piecewise, Piecewise]:
        """The two-player CE fallback value with the selection ``select``."""
        return fallback(self.family, select, self.domain)

    def value(self, player: int = 0) -> Piecewise:
        """The zero-sum value of ``player``'s payoff matrix (two players, rows maximise)."""
        return minimax(self.family.matrix(player), self.domain, self.family.parameter).value

    def const(self, value: Any) -> Piecewise:
        """The constant ``value`` on the domain."""
        return self.t.map(lambda v: RatFunc.const(value))


@dataclass(frozen=True, eq=False)
class Proof:
    """The claim holds on ``domain``: ``pieces`` lists, per piece of ``lhs - rhs``, the
    interval, the difference's formula and the basis certificates it was computed from."""

    relations: tuple[Relation, ...]
    domain: Interval
    pieces: tuple[tuple[Relation, Piece], ...]
    holds: bool = True

    def __bool__(self) -> bool:
        return True

    def verify(self) -> bool:
        """Re-check every basis certificate on its interval and re-decide every sign."""
        checked: set[tuple[int, str]] = set()
        for rel, piece in self.pieces:
            if first_failure(piece.value.num, piece.value.den, piece.interval, rel.test) is not None:
                return False
            for iv, cert in piece.certificates:
                if (id(cert), str(iv)) not in checked:
                    if cert.check(iv):
                        return False
                    checked.add((id(cert), str(iv)))
        return True

    def __str__(self) -> str:
        lines = [f"holds for every t in {self.domain}:"]
        for rel, piece in self.pieces:
            lines.append(f"  t in {piece.interval}: lhs - rhs = {piece.value} {rel.op} 0 "
                         f"({len(piece.certificates)} optimal bases)")
        return "\n".join(lines)


@dataclass(frozen=True, eq=False)
class Counterexample:
    """The claim fails: on ``interval`` (the leftmost failing part), at the rational
    ``witness`` (``None`` when the part is an irrational point), where ``game`` is the
    ordinary game and ``lhs``/``rhs`` the two sides' values."""

    relation: Relation
    interval: Interval
    witness: Fraction | None
    game: Game | None
    lhs: Fraction | None
    rhs: Fraction | None
    holds: bool = False

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        name = self.relation.lhs.parameter
        at = (f"{name} = {format_rational(self.witness)}: {format_rational(self.lhs)} {self.relation.op} "
              f"{format_rational(self.rhs)} is false") if self.witness is not None else "an irrational point"
        return f"fails on {self.interval}, e.g. at {at}"


def holds(claim: Callable[[Quantities], Relation | list[Relation]], family: ParametricGame,
          interval: Interval | str | None = None) -> Proof | Counterexample:
    """Prove or refute ``claim`` for every value of the parameter in ``interval``.

    Parameters
    ----------
    claim : callable
        ``claim(q)`` returns a :class:`Relation` or a list of them; ``q`` is a
        :class:`Quantities` with ``q.t``, ``q.coco()``, ``q.fallback(select)``, ``q.W()``,
        ``q.kappa()``, ``q.value(player)``, ``q.const(x)``.
    family : ParametricGame
    interval : Interval, str or None
        Default: the whole line.

    Returns
    -------
    Proof or Counterexample
        A :class:`Proof` (truthy) or the leftmost :class:`Counterexample` (falsy).

    Raises
    ------
    ParametricError
        Where the parametric method stops.
    """
    domain = as_interval(interval)
    made = claim(Quantities(family, domain))
    relations = tuple(made) if isinstance(made, (list, tuple)) else (made,)
    pieces = []
    for rel in relations:
        diff = rel.lhs - rel.rhs
        for piece in diff.pieces:
            bad = first_failure(piece.value.num, piece.value.den, piece.interval, rel.test)
            if bad is not None:
                iv, witness = bad
                game = family.at(witness) if witness is not None else None
                return Counterexample(rel, iv, witness, game, rel.lhs(witness) if witness is not None else None,
                                      rel.rhs(witness) if witness is not None else None)
            pieces.append((rel, piece))
    return Proof(relations, domain, tuple(pieces))
