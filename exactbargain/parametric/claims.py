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

from ..errors import GameError
from ..game import Game
from ..numbers import format_rational
from .algebraic import Interval
from .family import ParametricGame
from .piecewise import Piece, Piecewise, Relation
from .ratfunc import RatFunc
from .nplayer import fallback
from .selection import ce_floor
from .solve import as_interval, coco, kappa, max_total, minimax
from .verify import first_failure

__all__ = ["Quantities", "Proof", "Counterexample", "holds", "monotonicity", "action_gain"]


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
        """The CoCo value, one :class:`Piecewise` per player."""
        return self._coco

    def W(self) -> Piecewise:
        """The largest total payoff ``W(t)``."""
        return max_total(self.family, self.domain)

    def kappa(self) -> Piecewise:
        """``val((u_1 - u_2)/2)``."""
        return kappa(self.family, self.domain).value

    def fallback(self, select: str = "welfare", coalitions: str = "two-teams") -> tuple[Piecewise, ...]:
        """The CE fallback value with the selection ``select``, one :class:`Piecewise` per
        player (three or more players: over the coalition model ``coalitions``)."""
        return fallback(self.family, select, self.domain, coalitions)

    def floor(self) -> tuple[Piecewise, ...]:
        """Every player's CE floor (the worst correlated-equilibrium payoff)."""
        return ce_floor(self.family, self.domain)

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
        name = self.relations[0].lhs.parameter if self.relations else "t"
        lines = [f"holds for every {name} in {self.domain}:"]
        for rel, piece in self.pieces:
            lines.append(f"  {name} in {piece.interval}: lhs - rhs = {piece.value} {rel.op} 0 "
                         f"({len(piece.certificates)} optimal bases)")
        return "\n".join(lines)


@dataclass(frozen=True, eq=False)
class Counterexample:
    """The claim fails: on ``interval`` (the leftmost failing part), at the rational
    ``witness`` (``None`` when the part is an irrational point), where ``game`` is the
    ordinary game and ``lhs``/``rhs`` the two sides' values. For a claim comparing two
    families (:func:`monotonicity`), ``game`` is the second family's game and ``before`` the
    first's."""

    relation: Relation
    interval: Interval
    witness: Fraction | None
    game: Game | None
    lhs: Fraction | None
    rhs: Fraction | None
    holds: bool = False
    before: Game | None = None

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
        :class:`Quantities` with ``q.t``, ``q.coco()``, ``q.fallback(select)``, ``q.floor()``, ``q.W()``,
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
    return _decide(relations, domain, family)


def _decide(relations: tuple[Relation, ...], domain: Interval, family: ParametricGame,
            before: ParametricGame | None = None) -> Proof | Counterexample:
    """The :class:`Proof` of every relation on ``domain``, or the leftmost counterexample
    (with the ordinary games of ``family`` and ``before`` at its witness)."""
    pieces = []
    for rel in relations:
        diff = rel.lhs - rel.rhs
        for whole in diff.pieces:
            part = whole.interval.intersect(domain)
            if part is None:
                continue
            piece = Piece(part, whole.value, whole.certificates)
            bad = first_failure(piece.value.num, piece.value.den, piece.interval, rel.test)
            if bad is not None:
                iv, witness = bad
                if witness is None:
                    return Counterexample(rel, iv, None, None, None, None)
                return Counterexample(rel, iv, witness, family.at(witness), rel.lhs(witness), rel.rhs(witness),
                                      before=before.at(witness) if before is not None else None)
            pieces.append((rel, piece))
    return Proof(relations, domain, tuple(pieces))


def _rule_values(rule: str, family: ParametricGame, domain: Interval) -> tuple[Piecewise, ...]:
    if rule == "coco":
        return coco(family, domain)
    if rule == "fallback" or rule.startswith("fallback:"):
        return fallback(family, rule.partition(":")[2] or "welfare", domain)
    raise GameError(f"the parametric rules are 'coco' and 'fallback:SELECT', not {rule!r}")


def _grown_player(before: ParametricGame, after: ParametricGame) -> int:
    """The player with one more action in ``after``, whose other payoffs agree with ``before``."""
    if before.players != after.players or before.parameter != after.parameter:
        raise GameError("monotonicity compares two families with the same players and parameter")
    grown = [i for i, (a, b) in enumerate(zip(before.actions, after.actions)) if a != b]
    if len(grown) != 1 or after.actions[grown[0]][:-1] != before.actions[grown[0]]:
        raise GameError("the second family must be the first with one more action (the last) for one player")
    i = grown[0]
    width = [len(a) for a in after.actions]
    for k_before in range(len(before.payoffs[0])):
        index, profile = k_before, []
        for w in reversed(before.shape):
            index, r = divmod(index, w)
            profile.insert(0, r)
        k_after = 0
        for w, r in zip(width, profile):
            k_after = k_after * w + r
        if any(ub[k_before] != ua[k_after] for ub, ua in zip(before.payoffs, after.payoffs)):
            raise GameError(f"the payoffs at profile {before._profile(k_before)} differ between the two families")
    return i


def monotonicity(rule: str, before: ParametricGame, after: ParametricGame,
                 interval: Interval | str | None = None) -> Proof | Counterexample:
    """Monotonicity in actions (docs/theory.md §4, A6) for every value of the parameter:
    ``phi_i(after) >= phi_i(before)`` where ``after`` is ``before`` with one more action for
    player ``i`` (its payoffs may depend on the parameter).

    Parameters
    ----------
    rule : str
        ``"coco"`` or ``"fallback:SELECT"`` (``SELECT`` as for :func:`fallback`; ``"fallback"``
        is ``"fallback:welfare"``).
    before, after : ParametricGame
        ``after`` adds one action, the last, to one player's actions; every other payoff agrees.
    interval : Interval, str or None
        Default: the whole line.

    Returns
    -------
    Proof or Counterexample
        A :class:`Proof`, or the leftmost :class:`Counterexample` with a rational witness and
        the ordinary games there (``before`` and ``game``, the after-game).

    Raises
    ------
    GameError
        When ``after`` is not ``before`` with one added action, or for an unknown rule.
    ParametricError
        Where the parametric method stops.

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> locked = ParametricGame.bimatrix([[0, 7]], [[0, 2]], actions=(["D"], ["D", "C"]))
    >>> free = ParametricGame.bimatrix([[0, 7], ["t", 6]], [[0, 2], [7, 6]], actions=(["D", "C"], ["D", "C"]))
    >>> print(monotonicity("fallback:welfare", locked, free))
    fails on {1/2}, e.g. at t = 1/2: -1/2 >= 0 is false
    """
    domain = as_interval(interval)
    return _decide((action_gain(rule, before, after, domain) >= 0,), domain, after, before)


def action_gain(rule: str, before: ParametricGame, after: ParametricGame,
                interval: Interval | str | None = None) -> Piecewise:
    """``phi_i(after) - phi_i(before)``, the gain of player ``i`` from its added action, for
    every value of the parameter (the quantity :func:`monotonicity` compares with 0; pass
    ``gain < 0`` to :func:`holds` to prove a violation on a whole range).

    Parameters
    ----------
    rule : str
        As for :func:`monotonicity`.
    before, after : ParametricGame
        As for :func:`monotonicity`.
    interval : Interval, str or None
        Default: the whole line.

    Returns
    -------
    Piecewise
        With the basis certificates of both families' solutions.

    Raises
    ------
    GameError
        When ``after`` is not ``before`` with one added action, or for an unknown rule.
    ParametricError
        Where the parametric method stops.
    """
    i = _grown_player(before, after)
    domain = as_interval(interval)
    return _rule_values(rule, after, domain)[i] - _rule_values(rule, before, domain)[i]
