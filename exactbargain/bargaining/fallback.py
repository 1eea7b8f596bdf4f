"""The correlated-equilibrium fallback rule ("kinder fallback points"), for two and n players.

Two players (docs/theory.md §3.2). A selection rule picks a disagreement point ``d`` in the CE
payoff polygon ``P``; the surplus over it is split equally:

    f(G) = (d_1 + s, d_2 + s),    s = (W - d_1 - d_2)/2 >= 0.

So ``f_1 - f_2 = d_1 - d_2``, and over all CE the fallback value of player 1 ranges over
``[(W + Delta_min)/2, (W + Delta_max)/2]`` (:func:`fallback_range`).

n players (docs/theory.md §3.3). ``v(N) = W`` and ``v(S)`` is the coalition's component of the
rule's point in a coalition game: ``"two-teams"`` (option A) uses the team game ``G_S``
(``S`` against ``N \\ S``, both as single players); ``"team-vs-individuals"`` (option B) the
horde game ``H_S`` (``S`` as one player against the others individually). The payoffs are
formula (star), the Shapley value of ``v``.

Selection rules (docs/theory.md §3.5). *Leximin on a face F relative to its floor* means: compute
``l^F_i = min_{d in F} d_i`` and take the leximin point of ``d - l^F`` over ``F``.

* ``welfare`` — ``F = argmax sum_i d_i``; the leximin point of ``F`` relative to ``l^F``.
* ``egalitarian`` — the leximin point of ``P`` relative to the CE floor ``l(P)``.
* ``nash`` (two-player games only) — if some ``d in P`` exceeds ``l(P)`` in both coordinates,
  the unique maximiser of ``(d_1 - l_1)(d_2 - l_2)``; otherwise ``welfare``. The maximiser
  lies on the CE-Pareto chain of ``P``; on each chain edge the product is a quadratic with a
  rational stationary point, so the answer is exact. A supporting-line LP certifies it.
* ``dictator-K`` — ``F_1 = argmax d_K``, ``F_2 = argmax_{F_1} sum d``; leximin of ``F_2``
  relative to its floor. In a coalition game, the player *containing* the original player
  ``K`` (its team, or ``S`` when ``K`` is in ``S``) is the dictator.
* ``random-dictator`` — the average of ``dictator-j`` over the players of the game the rule
  is applied to (two teams under option A, the ``n - s + 1`` players of ``H_S`` under B).

Every LP result comes with an exact certificate; :meth:`Selection.check` re-checks them all,
and the witness distribution is re-checked as a CE with plain fractions.

``equilibrium="nash"`` (two players): the same rules applied to the convex hull ``Q`` of the
Nash equilibrium payoffs (the payoffs of the extreme equilibria found by exact vertex
enumeration; every equilibrium payoff is a convex combination of these within a maximal
Nash subset, so ``Q`` is the convex hull of all equilibrium payoffs). Floors, faces and
leximin are taken in ``Q``; the witness is the public mixture of the equilibria realising the
selected point, which is a correlated equilibrium.

>>> from exactbargain import Game
>>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], players=("Row", "Column"),
...                         actions=(("D", "C"), ("D", "C")))
>>> f = fallback(chicken)
>>> f.disagreement, f.payoffs
((Fraction(21, 4), Fraction(21, 4)), (Fraction(6, 1), Fraction(6, 1)))
>>> fallback(chicken, select="dictator-1").payoffs
(Fraction(17, 2), Fraction(7, 2))
>>> fallback(chicken, select="random-dictator").disagreement
(Fraction(9, 2), Fraction(9, 2))
>>> fallback_range(chicken).intervals[0]
(Fraction(7, 2), Fraction(17, 2))
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

from .. import limits as _limits
from ..equilibria.correlated import CEPoint, check_correlated_equilibrium
from ..equilibria._incentives import incentive_rows
from ..equilibria.nash import NashEquilibria, nash_equilibria
from ..errors import GameError, SolverError
from ..game import Game, require_game
from ..geometry import dot as _dot, nash_product_on_chain
from ..numbers import format_rational, to_fmpq
from ._leximin import CheckCache, Domain, Face as _Face, LPStep, Point, _int_row, rank, solve_face
from ..cooperative.star import COALITION_MODELS, star_value
from ..tables import Renderable, Table
from .coco import CoalitionSolution
from .results import Agreement, contract, range_table, solution_table, text, vector_text

__all__ = [
    "Selection",
    "FallbackSolution",
    "FallbackRange",
    "fallback",
    "fallback_range",
    "select_point",
    "selection_rules",
    "check_select",
    "parse_select",
    "SELECTION_RULES",
    "EQUILIBRIA",
]

#: The selection rule families; ``dictator-K`` takes a 1-based player number.
SELECTION_RULES = ("welfare", "egalitarian", "nash", "dictator-K", "random-dictator")
#: The equilibrium sets a disagreement point may be chosen from.
EQUILIBRIA = ("correlated", "nash")

Face = tuple[tuple[tuple[Fraction, ...], Fraction], ...]

#: Selections already checked.
_CHECKED = CheckCache(4096)


_NAMED = ("welfare", "egalitarian", "nash", "random-dictator")
_DICTATOR = re.compile(r"dictator-([1-9][0-9]{0,8})", re.ASCII)  # K >= 1, no leading zero


def selection_rules(n: int) -> tuple[str, ...]:
    """Every selection rule name for an ``n``-player game: the one vocabulary that the
    library, ``exactbargain solve``, ``check``, ``counterexample`` and ``plot`` accept.

    >>> selection_rules(2)
    ('welfare', 'egalitarian', 'nash', 'dictator-1', 'dictator-2', 'random-dictator')
    """
    return _NAMED[:3] + tuple(f"dictator-{k + 1}" for k in range(n)) + _NAMED[3:]


def check_select(select: Any) -> str:
    """Check the spelling of a selection rule name when no game is at hand yet: one of
    :data:`SELECTION_RULES`, ``dictator-K`` with ``K`` a player number written without
    leading zeros. :func:`parse_select` checks ``K`` against a game's players.

    >>> check_select("dictator-12")
    'dictator-12'
    >>> check_select("dictator-01")
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameError: unknown selection rule 'dictator-01'; the rules are welfare, egalitarian, nash, dictator-K (K = 1, 2, ... a player) and random-dictator
    """
    if not isinstance(select, str):
        raise GameError(f"select must be a rule name, got {select!r}")
    if select in _NAMED or _DICTATOR.fullmatch(select):
        return select
    raise GameError(
        f"unknown selection rule {select!r}; the rules are welfare, egalitarian, nash, "
        f"dictator-K (K = 1, 2, ... a player) and random-dictator"
    )


def parse_select(select: str, n: int) -> str:
    """Validate a selection rule name for an ``n``-player game (:func:`selection_rules`);
    returns it.

    >>> parse_select("dictator-2", 2), parse_select("welfare", 3)
    ('dictator-2', 'welfare')
    >>> parse_select("dictator-3", 2)
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameError: dictator-3 names player 3, but the game has 2 players
    """
    check_select(select)
    m = _DICTATOR.fullmatch(select)
    if m and not 1 <= int(m.group(1)) <= n:
        raise GameError(f"{select} names player {m.group(1)}, but the game has {n} players")
    return select


def _unit(i: int, n: int) -> tuple[Fraction, ...]:
    return tuple(Fraction(1 if j == i else 0) for j in range(n))


# --------------------------------------------------------------------------- selections
@dataclass(frozen=True, slots=True, weakref_slot=True)
class Selection:
    """A point selected by a rule from the CE payoff set of ``game`` (or from the hull of its
    Nash equilibrium payoffs), with its derivation.

    * ``payoffs`` — the selected point ``d``; ``witness`` — a correlated equilibrium paying
      ``d`` (a :class:`~exactbargain.equilibria.CEPoint`; for ``equilibrium="nash"`` the
      public mixture ``mixture`` of the listed ``equilibria``);
    * ``face`` — payoff equalities ``w . d = value`` of the face the tie-break ran on;
      ``base`` — the floor the leximin was relative to;
    * ``steps`` — every LP, with its certified result; ``parts`` — the dictator selections a
      random dictator averages, or the welfare selection a degenerate ``nash`` falls back to.
    """

    rule: str
    game: Game
    equilibrium: str
    payoffs: tuple[Fraction, ...]
    witness: CEPoint
    face: Face
    base: tuple[Fraction, ...] | None
    steps: tuple[LPStep, ...]
    parts: tuple["Selection", ...] = ()
    equilibria: NashEquilibria | None = field(default=None, repr=False)
    mixture: tuple[Fraction, ...] | None = None
    note: str = ""

    def check(self) -> list[str]:
        """Everything wrong: LP certificates, the witness (a CE paying ``d``, re-checked from
        the game's payoffs), the face equalities, ``d >= base``, and the rule's arithmetic.

        Selections are cached and shared between rules and coalition games, so each one is
        checked once while it lives (:class:`~exactbargain.bargaining._leximin.CheckCache`)."""
        return _CHECKED.failures(self, self._check)

    def _check(self) -> list[str]:
        out: list[str] = []
        d = self.payoffs
        if self.witness.payoffs != d:
            out.append("the witness pays another point")
        out += [f"witness: {m}" for m in check_correlated_equilibrium(self.game, self.witness.distribution, d)]
        for step in self.steps:
            out += step.check()
        for w, value in self.face:
            if _dot(w, d) != value:
                out.append(f"the point is off the face {vector_text(w)} . d = {value}")
        if self.base is not None and any(a < b for a, b in zip(d, self.base)):
            out.append("the point lies below the floor it is relative to")
        for part in self.parts:
            out += [f"{part.rule}: {m}" for m in part.check()]
        if self.rule == "random-dictator":
            k = len(self.parts)
            avg = tuple(sum((p.payoffs[i] for p in self.parts), Fraction(0)) / k for i in range(len(d)))
            if avg != d:
                out.append("the random-dictator point is not the dictators' average")
        if self.equilibria is not None:
            out += [f"equilibria: {m}" for m in self.equilibria.problems()]
            lam = self.mixture or ()
            if len(lam) != len(self.equilibria) or any(x < 0 for x in lam) or sum(lam) != 1:
                out.append("the equilibrium mixture is not a probability vector")
            else:
                mixed = tuple(sum((x * e.payoffs[i] for x, e in zip(lam, self.equilibria)), Fraction(0))
                              for i in range(len(d)))
                if mixed != d:
                    out.append("the equilibrium mixture does not pay the point")
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong."""
        return not self.check()

    def to_json(self) -> dict:
        """JSON-ready dict: the point, the witness, the face, the base and every LP value."""
        return {
            "rule": self.rule,
            "equilibrium": self.equilibrium,
            "payoffs": [text(x) for x in self.payoffs],
            "witness": self.witness.to_json(),
            "base": None if self.base is None else [text(x) for x in self.base],
            "face": [{"weights": [text(w) for w in ws], "value": text(v)} for ws, v in self.face],
            "steps": [{"what": s.what, "value": text(s.value)} for s in self.steps],
            "parts": [p.to_json() for p in self.parts],
            "note": self.note,
        }

    def explain_lines(self, indent: str = "  ") -> list[str]:
        """The derivation, one line per LP."""
        where = "CE payoff set P" if self.equilibrium == "correlated" else "hull Q of the Nash equilibrium payoffs"
        lines = [f"{indent}Rule {self.rule} on the {where} of {self.game.title or 'the game'}:"]
        for step in self.steps:
            lines.append(f"{indent}  {step.what} = {text(step.value)}")
        for part in self.parts:
            lines += part.explain_lines(indent + "  ")
        if self.note:
            lines.append(f"{indent}  {self.note}")
        support = ", ".join(f"{'/'.join(k)}: {text(p)}" for k, p in self.witness.support().items())
        lines.append(f"{indent}  selected d = {vector_text(self.payoffs)}, witness CE {{{support}}}")
        return lines

    def __str__(self) -> str:
        return f"{self.rule}: d = {vector_text(self.payoffs)}"


class _Selector:
    """All selection rules over one game's CE payoff set (or NE payoff hull), sharing LPs."""

    def __init__(self, game: Game, equilibrium: str) -> None:
        self.game = game
        self.equilibrium = equilibrium
        n = game.num_players
        self.n = n
        if equilibrium == "correlated":
            rows = [(_int_row(dict(zip(r.columns, r.coefficients))), ">=", 0) for r in incentive_rows(game)]
            payoff_rows = [game.payoff_entries(i) for i in range(n)]
            self.equilibria = None
        else:
            if n != 2:
                raise GameError(f'equilibrium="nash" is for two-player games; this game has {n} players')
            self.equilibria = nash_equilibria(game)
            rows = []
            payoff_rows = [[to_fmpq(e.payoffs[i]) for e in self.equilibria] for i in range(n)]
        self.domain = Domain(payoff_rows, rows, labels=[f"d({p})" for p in game.players])
        self.P = "P" if equilibrium == "correlated" else "Q"
        self._floor: tuple[tuple[Fraction, ...], tuple[LPStep, ...]] | None = None
        self._cache: dict[str, Selection] = {}

    # -------------------------------------------------------------- witnesses
    def _distribution(self, x: Sequence[Fraction]) -> tuple[Fraction, ...]:
        if self.equilibria is None:
            return tuple(Fraction(v) for v in x)
        game = self.game
        out = [Fraction(0)] * game.num_profiles
        for lam, eq in zip(x, self.equilibria):
            if not lam:
                continue
            s1, s2 = eq.strategies
            m = len(s2)
            for a, p in enumerate(s1):
                if p:
                    for b, q in enumerate(s2):
                        if q:
                            out[a * m + b] += lam * p * q
        return tuple(out)

    def _witness(self, point: Point) -> CEPoint:
        return CEPoint(self.game, self._distribution(point.x), point.payoffs, (), ())

    def _selection(self, rule: str, point: Point, face, base, steps, parts=(), note="") -> Selection:
        if isinstance(face, _Face):
            face = tuple(face.equalities)
        mixture = tuple(Fraction(v) for v in point.x) if self.equilibria is not None else None
        return Selection(rule, self.game, self.equilibrium, point.payoffs, self._witness(point), face,
                         base, tuple(steps), tuple(parts), self.equilibria, mixture, note)

    # -------------------------------------------------------------- building blocks
    def floor(self) -> tuple[tuple[Fraction, ...], tuple[LPStep, ...]]:
        if self._floor is None:
            steps: list[LPStep] = []
            self._floor_points: list[Point] = []
            values = self.domain.floor(None, steps, self.P, self._floor_points)
            self._floor = (values, tuple(steps))
        return self._floor

    def _tiebreak(self, rule: str, face: _Face, point: Point, steps: list[LPStep], where: str) -> Selection:
        n = self.n
        if rank(face.equalities, n) == n:
            d = solve_face(face.equalities, n)
            if point.payoffs != d:
                raise SolverError("the face's LP point does not pay the face's unique payoff")
            return self._selection(rule, point, face, d, steps)
        ends: list[Point] = []
        base = self.domain.floor(face, steps, where, ends)
        ones = tuple(Fraction(1) for _ in range(n))
        if any(tuple(w) == ones for w, _ in face.equalities):
            if point.payoffs == base:
                # every d in F has d >= base and the same total as the point: F is that point
                return self._selection(rule, point, face, base, steps)
            if n == 2:
                # F is the segment of the line d_1 + d_2 = total between the two floor points
                # (l_1, total - l_1) and (total - l_2, l_2); leximin relative to l is its midpoint
                x = tuple((u + w) / 2 for u, w in zip(ends[0].x, ends[1].x))
                mid = Point(x, self.domain.payoffs(x))
                total = sum(point.payoffs)
                if mid.payoffs != tuple(base[i] + (total - base[0] - base[1]) / 2 for i in range(2)):
                    raise SolverError("the face's floor points are not the ends of its segment")
                return self._selection(rule, mid, face, base, steps,
                                       note="F is a segment of the line d_1 + d_2 = const; the leximin point "
                                            "relative to its floor is its midpoint")
        point = self.domain.leximin(base, face, steps, where, ends)
        return self._selection(rule, point, face, base, steps)

    # -------------------------------------------------------------- the rules
    def select(self, rule: str) -> Selection:
        rule = parse_select(rule, self.n)
        if rule not in self._cache:
            self._cache[rule] = self._compute(rule)
        return self._cache[rule]

    def _compute(self, rule: str) -> Selection:
        n, D = self.n, self.domain
        ones = tuple(Fraction(1) for _ in range(n))
        if rule == "welfare":
            steps: list[LPStep] = []
            point, res, face = D.optimize(ones)
            steps.append(LPStep(f"max sum_i d_i over {self.P}", res.value, res))
            return self._tiebreak(rule, face, point, steps, "the max-welfare face F")
        if rule == "egalitarian":
            base, floor_steps = self.floor()
            steps = list(floor_steps)
            point = D.leximin(base, None, steps, self.P, self._floor_points)
            return self._selection(rule, point, (), base, steps)
        if rule.startswith("dictator-"):
            i = int(rule.split("-")[1]) - 1
            steps = []
            e = _unit(i, n)
            point, res, face = D.optimize(e)
            steps.append(LPStep(f"max {D.labels[i]} over {self.P}", res.value, res))
            point, res2, face = D.optimize(ones, face=face)
            steps.append(LPStep(f"max sum_i d_i over F_1 = argmax {D.labels[i]}", res2.value, res2))
            return self._tiebreak(rule, face, point, steps, "F_2")
        if rule == "random-dictator":
            parts = [self.select(f"dictator-{j + 1}") for j in range(n)]
            d = tuple(sum((p.payoffs[i] for p in parts), Fraction(0)) / n for i in range(n))
            xs = self._parts_x(parts)
            point = Point(tuple(sum((x[k] for x in xs), Fraction(0)) / n for k in range(len(xs[0]))), d)
            return self._selection(rule, point, (), None, (), parts)
        if rule == "nash":
            return self._nash()
        raise GameError(f"unknown rule {rule!r}")  # pragma: no cover - parse_select guards

    def _parts_x(self, parts: Sequence[Selection]) -> list[tuple[Fraction, ...]]:
        if self.equilibria is None:
            return [p.witness.distribution for p in parts]
        return [p.mixture for p in parts]

    def _lexmax(self, first: int, second: int, steps: list[LPStep], face: _Face | None = None,
                what: str | None = None) -> Point:
        D, n = self.domain, self.n
        what = what or self.P
        point, res, face = D.optimize(_unit(first, n), face=face)
        steps.append(LPStep(f"max {D.labels[first]} over {what}", res.value, res))
        point, res, _ = D.optimize(_unit(second, n), face=face, with_face=False)
        steps.append(LPStep(f"max {D.labels[second]} given that", res.value, res))
        return point

    def _nash(self) -> Selection:
        if self.n != 2:
            raise GameError(
                f"the nash selection rule is for two-player games (the Nash product over three or more "
                f"dimensions can peak at an irrational point); this game has {self.n} players"
            )
        D = self.domain
        base, floor_steps = self.floor()
        steps = list(floor_steps)
        p = self._lexmax(0, 1, steps)
        q = self._lexmax(1, 0, steps)
        chain = self._bracket(p, q, base, steps)
        best = nash_product_on_chain([c.payoffs for c in chain], base)
        if best is None:
            welfare = self.select("welfare")
            return Selection("nash", self.game, self.equilibrium, welfare.payoffs, welfare.witness, (),
                             base, tuple(steps), (welfare,), self.equilibria, welfare.mixture,
                             "no point exceeds the floor in both coordinates, so nash is welfare")
        k, lam, d, product = best
        a, b = chain[k], chain[min(k + 1, len(chain) - 1)]
        x = tuple((1 - lam) * u + lam * v for u, v in zip(a.x, b.x))
        point = Point(x, D.payoffs(x))
        if point.payoffs != d:
            raise SolverError("the Nash-product point is not a mixture of its edge")
        normal = (d[1] - base[1], d[0] - base[0])
        _, res, _ = D.optimize(normal)
        steps.append(LPStep(f"max {text(normal[0])} {D.labels[0]} + {text(normal[1])} {D.labels[1]} over {self.P} "
                            f"(the supporting line of the product's level set at d)", res.value, res))
        if res.value != _dot(normal, d):
            raise SolverError("the Nash-product point is not supported by P")
        note = (f"Pareto chain around the maximiser {' -> '.join(vector_text(c.payoffs) for c in chain)}; the product "
                f"(d_1 - {text(base[0])})(d_2 - {text(base[1])}) peaks at {text(product)}")
        face: Face = ((normal, res.value),)
        return self._selection("nash", point, face, base, steps, (), note)

    def _bracket(self, p: Point, q: Point, base: Sequence[Fraction], steps: list[LPStep]) -> list[Point]:
        """Points of the CE-Pareto chain around the maximiser ``d*`` of the Nash product: one
        point (the maximiser) or the two ends of the chain edge holding it.

        A point ``r`` of the chain maximises ``w . d`` for the weights ``w = (lam, 1 - lam)``
        of its normal cone (an interval of ``lam``, increasing along the chain from ``q``,
        where ``d_2`` is largest, to ``p``). Above the floor ``l`` the product is
        pseudo-concave with gradient direction ``g(d) = (d_2 - l_2, d_1 - l_1)``, whose
        weight ``mu(d) = g_1/(g_1 + g_2)`` strictly decreases along the chain, and ``d*`` is
        the chain point with ``mu(d*)`` in its normal cone. So one LP ``max w . d`` at ``r``
        tells the side of ``d*`` by arithmetic alone: ``mu(r) > lam`` puts ``d*`` at ``r``
        or beyond it towards ``p`` (a point before ``r`` would have ``mu > mu(r) > lam``
        but a normal cone below ``lam``), ``mu(r) < lam`` towards ``q``, and equality makes
        ``r`` the maximiser; a point not above the floor sends the search to the side with
        room above it.

        Between chain points ``c`` (towards ``q``) and ``a`` (towards ``p``), with weights
        ``lam_c < lam_a`` of their normal cones, the search asks for the simplest rational
        ``lam`` in the middle half of ``(lam_c, lam_a)``, so every LP shrinks the interval of
        weights holding ``mu(d*)`` to at most 3/4 of its length; objectives stay short. The
        first LP, and the next one whenever such an LP finds no new point, maximises the
        chord's normal
        ``(c_2 - a_2, a_1 - c_1)``: if its optimum is on the chord, ``[a, c]`` is a chain
        edge; otherwise it finds a chain point strictly between, which is tested the same
        way. Each LP finds a new chain point or shrinks the interval, and every other LP
        finds a new point or ends, so this ends."""
        D = self.domain
        b1, b2 = Fraction(base[0]), Fraction(base[1])
        a, c = p, q
        lam_a, lam_c = Fraction(1), Fraction(0)
        chord = True  # a chain of one edge ends at once
        while True:
            if a.payoffs == c.payoffs:
                return [a]
            if chord:
                w = (c.payoffs[1] - a.payoffs[1], a.payoffs[0] - c.payoffs[0])
                why = "chord of the Pareto chain"
            else:
                lam = _simplest_between(lam_c + (lam_a - lam_c) / 4, lam_a - (lam_a - lam_c) / 4)
                w = (Fraction(lam.numerator), Fraction(lam.denominator - lam.numerator))
                why = "a direction between the known ends of the Pareto chain"
            r, res, _ = D.optimize(w, with_face=False)
            steps.append(LPStep(f"max {text(w[0])} {D.labels[0]} + {text(w[1])} {D.labels[1]} over {self.P} "
                                f"({why})", res.value, res))
            if chord and res.value == _dot(w, a.payoffs):
                return [a, c]
            new = r.payoffs != a.payoffs and r.payoffs != c.payoffs
            lam = w[0] / (w[0] + w[1])
            r1, r2 = r.payoffs
            if r1 <= b1:
                towards_p = True
            elif r2 <= b2:
                towards_p = False
            else:
                side = (r2 - b2) * w[1] - (r1 - b1) * w[0]  # (mu(r) - lam) times a positive number
                if side == 0:
                    return [r]
                towards_p = side > 0
            if towards_p:
                c, lam_c = r, lam
            else:
                a, lam_a = r, lam
            chord = not chord and not new


def _simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The rational with the smallest denominator in ``[lo, hi]`` (``0 <= lo <= hi``), by
    the continued-fraction (Stern-Brocot) descent.

    >>> _simplest_between(Fraction(1, 4), Fraction(3, 4)), _simplest_between(Fraction(3, 10), Fraction(7, 20))
    (Fraction(1, 2), Fraction(1, 3))
    """
    whole = lo.numerator // lo.denominator
    if whole == lo or whole + 1 <= hi:
        return Fraction(whole if whole == lo else whole + 1)
    return whole + 1 / _simplest_between(1 / (hi - whole), 1 / (lo - whole))


@functools.lru_cache(maxsize=256)
def _selector(game: Game, equilibrium: str) -> _Selector:
    return _Selector(game, equilibrium)


def select_point(game: Game, select: str = "welfare", equilibrium: str = "correlated") -> Selection:
    """The disagreement point a selection rule picks in ``game`` (any number of players,
    except ``nash`` and ``equilibrium="nash"``: two players).

    >>> bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> select_point(bos, "egalitarian").payoffs
    (Fraction(3, 2), Fraction(3, 2))
    >>> select_point(bos, "egalitarian").base
    (Fraction(2, 3), Fraction(2, 3))
    """
    if equilibrium not in EQUILIBRIA:
        raise GameError(f"equilibrium must be 'correlated' or 'nash', got {equilibrium!r}")
    require_game(game, "a selection rule")
    return _selector(game, equilibrium).select(parse_select(select, game.num_players))


# --------------------------------------------------------------------------- two players
@dataclass(frozen=True, slots=True)
class FallbackSolution(Renderable):
    """The two-player fallback value: disagreement point ``d`` (with its witness CE and
    derivation in ``selection``), the best total ``W``, the equal share ``surplus`` of
    ``W - d_1 - d_2``, and ``payoffs = d + surplus``, implemented by ``agreement`` plus
    ``side_payments``."""

    game: Game
    select: str
    equilibrium: str
    payoffs: tuple[Fraction, ...]
    W: Fraction
    disagreement: tuple[Fraction, ...]
    surplus: Fraction
    selection: Selection
    agreement: Agreement
    side_payments: tuple[Fraction, ...]

    coalitions = None
    coalition_values = None

    @property
    def rule(self) -> str:
        """``"fallback"`` (correlated equilibria) or ``"nash-fallback"``."""
        return "fallback" if self.equilibrium == "correlated" else "nash-fallback"

    @property
    def witness(self) -> CEPoint:
        """The correlated equilibrium paying the disagreement point."""
        return self.selection.witness

    def check(self) -> list[str]:
        """The selection's checks, ``W``, the surplus arithmetic and the side payments."""
        out = [f"selection: {m}" for m in self.selection.check()]
        g = self.game
        W = max(sum(g.payoff(p)) for p in g.profiles())
        d = self.disagreement
        if W != self.W:
            out.append(f"W is {W}, not {self.W}")
        if d != self.selection.payoffs:
            out.append("the disagreement point is not the selected point")
        s = (W - sum(d)) / 2
        if s != self.surplus or s < 0:
            out.append(f"the surplus share is {format_rational(s)}, not {format_rational(self.surplus)}")
        if self.payoffs != tuple(x + s for x in d):
            out.append("payoffs are not d + (W - d_1 - d_2)/2")
        out += self.agreement.check(self.payoffs, self.side_payments)
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong."""
        return not self.check()

    def summary(self) -> dict:
        """The JSON contract of ``exactbargain solve --json``."""
        return contract(self.rule, self.select, None, self.payoffs, self.disagreement, None, self.verify())

    def to_json(self) -> dict:
        """The contract plus ``W``, the surplus, the agreement and the selection's derivation."""
        doc = self.summary()
        doc.update({
            "equilibrium": self.equilibrium,
            "W": text(self.W),
            "surplus_share": text(self.surplus),
            "agreement": {"profile": [self.game.actions[i][k] for i, k in enumerate(self.agreement.profile)],
                          "payoffs": [text(p) for p in self.agreement.payoffs]},
            "side_payments": [text(t) for t in self.side_payments],
            "selection": self.selection.to_json(),
        })
        return doc

    def explain(self) -> str:
        """The derivation with the actual numbers."""
        g, d, s = self.game, self.disagreement, self.surplus
        kind = "correlated-equilibrium" if self.equilibrium == "correlated" else "Nash-equilibrium"
        lines = [f"{kind} fallback value of {g.title or 'the game'}, selection rule {self.select}"]
        lines += self.selection.explain_lines()
        lines.append(f"  Best total W = {text(self.W)}; surplus W - d_1 - d_2 = {text(self.W)} - {text(d[0])} - "
                     f"{text(d[1])} = {text(2 * s)}, half each: {text(s)}.")
        lines.append(f"  f = ({text(d[0])} + {text(s)}, {text(d[1])} + {text(s)}) = {vector_text(self.payoffs)}.")
        lines.append(f"  Implementation: {self.agreement.describe(self.payoffs)}.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return (f"{self.rule} ({self.select}) {vector_text(self.payoffs)} from d = "
                f"{vector_text(self.disagreement)} (W = {text(self.W)})")

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The solution as a table: ``W``, the disagreement point, the surplus share, payoffs,
        side payments and agreement (``title`` replaces the game's title)."""
        return [solution_table(self, title=title, after_d=[("surplus share", self.surplus)])]


def _fallback2(game: Game, select: str, equilibrium: str) -> FallbackSolution:
    selection = select_point(game, select, equilibrium)
    d = selection.payoffs
    W = game.W
    s = (W - sum(d)) / 2
    payoffs = tuple(x + s for x in d)
    agreement = Agreement.best_total(game)
    return FallbackSolution(game, select, equilibrium, payoffs, W, d, s, selection, agreement,
                            agreement.side_payments(payoffs))


def _model_rule(select: str, members: tuple[int, ...], n: int, coalitions: str) -> str:
    """The rule as applied in a coalition game: ``dictator-K`` becomes the player of the model
    game that contains the original player ``K``."""
    if not select.startswith("dictator-"):
        return select
    k = int(select.split("-")[1]) - 1
    if not members or k in members:
        return select if not members else "dictator-1"
    if coalitions == "two-teams":
        return "dictator-2"
    others = [j for j in range(n) if j not in members]
    return f"dictator-{others.index(k) + 2}"


def fallback(game: Game, select: str = "welfare", equilibrium: str = "correlated",
             coalitions: str = "two-teams", *,
             limits: _limits.Limits | None = None) -> FallbackSolution | CoalitionSolution:
    """The fallback value of ``game``.

    Two players: a :class:`FallbackSolution` — ``d`` chosen from the CE payoff set (or, with
    ``equilibrium="nash"``, from the hull of the Nash equilibrium payoffs) by the selection
    rule ``select``, and the surplus ``W - d_1 - d_2`` split equally (``coalitions`` does not
    matter). Otherwise a :class:`CoalitionSolution`: ``v(S)`` is the coalition's component
    of the rule's point in the team game (``"two-teams"``) or horde game
    (``"team-vs-individuals"``), and the payoffs are (star), the Shapley value of ``v``.
    ``limits`` (default: those in force) bounds the LPs and coalitions set up
    (:mod:`exactbargain.limits`).

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> fallback(pd).payoffs
    (Fraction(3, 1), Fraction(3, 1))
    """
    require_game(game, "fallback()")
    if limits is not None:
        with _limits.using(limits):
            return fallback(game, select, equilibrium, coalitions)
    if equilibrium not in EQUILIBRIA:
        raise GameError(f"equilibrium must be 'correlated' or 'nash', got {equilibrium!r}")
    if coalitions not in COALITION_MODELS:
        raise GameError(f"coalitions must be one of {', '.join(COALITION_MODELS)}; got {coalitions!r}")
    n = game.num_players
    select = parse_select(select, n)
    if n == 2:
        return _fallback2(game, select, equilibrium)
    if equilibrium != "correlated":
        raise GameError(f'equilibrium="nash" is for two-player games; this game has {n} players '
                        "(games of three or more players may have only irrational Nash equilibria)")
    if select == "nash" and coalitions == "team-vs-individuals":
        raise GameError("the nash selection rule needs two-player games, but under team-vs-individuals "
                        f"the horde games of a {n}-player game have up to {n} players; use two-teams")
    _limits.check_coalitions(game.shape, "the fallback", "ce-two-teams" if coalitions == "two-teams" else "ce-horde")
    return _fallback_n(game, select, coalitions)


def _fallback_n(game: Game, select: str, coalitions: str) -> CoalitionSolution:
    """Formula (star) with the rule applied in the coalition games (works for any ``n``)."""
    n = game.num_players

    def value(model: Game, members: tuple[int, ...]) -> Selection:
        return select_point(model, _model_rule(select, members, n, coalitions))

    star = star_value(game, value, coalitions, singletons_from_game=True)
    return CoalitionSolution.from_star(star, rule="fallback", select=select, singleton_disagreement=True)


# --------------------------------------------------------------------------- the range
@dataclass(frozen=True, slots=True)
class FallbackRange(Renderable):
    """The interval of each player's fallback value over all correlated equilibria of a
    two-player game: ``f_1 in [(W + Delta_min)/2, (W + Delta_max)/2]`` with
    ``Delta = d_1 - d_2`` over CE (docs/theory.md §3.2); ``low`` and ``high`` are the CE attaining
    ``Delta_min`` and ``Delta_max`` with their LP certificates."""

    game: Game
    W: Fraction
    delta_min: Fraction
    delta_max: Fraction
    low: CEPoint
    high: CEPoint
    steps: tuple[LPStep, ...]

    @property
    def intervals(self) -> tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]:
        """``((min f_1, max f_1), (min f_2, max f_2))``."""
        W = self.W
        return ((W + self.delta_min) / 2, (W + self.delta_max) / 2), ((W - self.delta_max) / 2, (W - self.delta_min) / 2)

    def check(self) -> list[str]:
        """Certificates, witnesses, and ``Delta`` at the witnesses."""
        out: list[str] = []
        for step in self.steps:
            out += step.check()
        for name, point, value in (("low", self.low, self.delta_min), ("high", self.high, self.delta_max)):
            out += [f"{name}: {m}" for m in point.check()]
            if point.payoffs[0] - point.payoffs[1] != value:
                out.append(f"the {name} witness has d_1 - d_2 = {point.payoffs[0] - point.payoffs[1]}, not {value}")
        if [s.value for s in self.steps] != [self.delta_min, self.delta_max]:
            out.append("the LP optima are not Delta_min and Delta_max")
        if self.W != self.game.W:
            out.append("W is wrong")
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong."""
        return not self.check()

    def to_json(self) -> dict:
        """JSON-ready dict."""
        return {
            "W": text(self.W),
            "delta": [text(self.delta_min), text(self.delta_max)],
            "intervals": [[text(a), text(b)] for a, b in self.intervals],
            "low": self.low.to_json(),
            "high": self.high.to_json(),
        }

    def explain(self) -> str:
        """The derivation."""
        (a1, b1), (a2, b2) = self.intervals
        p1, p2 = self.game.players
        return "\n".join([
            f"Range of fallback values over all correlated equilibria of {self.game.title or 'the game'}",
            f"  Delta = d_1 - d_2 over CE: min {text(self.delta_min)} at {self.low.payoffs[0]}, "
            f"{self.low.payoffs[1]}; max {text(self.delta_max)} at {self.high.payoffs[0]}, {self.high.payoffs[1]}",
            f"  f_1 = (W + Delta)/2 with W = {text(self.W)}: {p1} in [{text(a1)}, {text(b1)}], "
            f"{p2} in [{text(a2)}, {text(b2)}]",
        ])

    def __str__(self) -> str:
        (a1, b1), (a2, b2) = self.intervals
        return f"fallback range: player 1 [{text(a1)}, {text(b1)}], player 2 [{text(a2)}, {text(b2)}]"

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The range as a table (see :func:`~exactbargain.bargaining.results.range_table`)."""
        return [range_table(self, title=title)]


def fallback_range(game: Game) -> FallbackRange:
    """The interval of each player's CE-fallback value over all CE of a two-player game.

    >>> bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> fallback_range(bos).intervals
    ((Fraction(1, 1), Fraction(2, 1)), (Fraction(1, 1), Fraction(2, 1)))
    """
    if require_game(game, "fallback_range()").num_players != 2:
        raise GameError(f"fallback_range() needs a two-player Game; this game has {game.num_players} players")
    sel = _selector(game, "correlated")
    D = sel.domain
    steps = []
    out = []
    for sense in ("min", "max"):
        point, res, _ = D.optimize((1, -1), sense)
        steps.append(LPStep(f"{sense} d_1 - d_2 over P", res.value, res))
        out.append(sel._witness(point))
    return FallbackRange(game, game.W, steps[0].value, steps[1].value, out[0], out[1], tuple(steps))
