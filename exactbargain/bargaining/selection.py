"""Selection rules: the disagreement point a rule picks in a game's CE payoff set (or in the
hull of its Nash equilibrium payoffs), and the registry every part of the package reads them
from.

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

The registry (:data:`REGISTRY`, kept in :mod:`exactbargain.bargaining.selection_registry` and
re-exported here with its functions, filled by :func:`register_selection` at the end of this
module) is the one place a selection rule is named: :func:`selection_rules`,
:func:`check_select`, :func:`parse_select`, the rule registry of
:mod:`exactbargain.bargaining.registry` (``solve``, ``compare``),
:func:`exactbargain.axioms.as_rule`, :mod:`exactbargain.plot` and the command line's help
texts all read it. docs/how-to/add-a-selection-rule.md shows how to
add one.

>>> selection_rules(2)
('welfare', 'egalitarian', 'nash', 'dictator-1', 'dictator-2', 'random-dictator')
>>> selection_rule("dictator-3").per_player, selection_rule("nash").two_players
(True, True)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

from ..equilibria.correlated import CEPoint, check_correlated_equilibrium
from ..equilibria._incentives import incentive_rows
from ..equilibria.nash import NashEquilibria, nash_equilibria
from ..errors import GameError, SolverError
from ..game import Game, require_game
from ..geometry import dot as _dot, nash_product_on_chain
from ..numbers import to_fmpq
from ..tables.display import display_vector
from .selection_registry import (
    DEFAULT_SELECTION,
    EQUILIBRIA,
    REGISTRY,
    SelectionRule,
    check_select,
    describe_selections,
    parse_select,
    register_selection,
    selection_rule,
    selection_rules,
)
from ._chain import bracket
from ._leximin import CheckCache, Domain, Face as _Face, LPStep, Point, _int_row, rank, solve_face
from .results import text, vector_text

__all__ = [
    "DEFAULT_SELECTION",
    "EQUILIBRIA",
    "REGISTRY",
    "Selection",
    "SelectionRule",
    "check_select",
    "describe_selections",
    "parse_select",
    "register_selection",
    "select_point",
    "selection_rule",
    "selection_rules",
]

Face = tuple[tuple[tuple[Fraction, ...], Fraction], ...]

#: Selections already checked.
_CHECKED = CheckCache(4096)


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
        checked once while it lives (:class:`~exactbargain.bargaining._leximin.CheckCache`).

        Returns
        -------
        list of str
            One message per failure (a part's failures prefixed by its rule); empty when the
            selection is proved.

        Examples
        --------
        >>> select_point(Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]), "random-dictator").check()
        []
        """
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
        """``True`` iff :meth:`check` finds nothing wrong.

        Returns
        -------
        bool
            Whether the LP certificates, the witness and the rule's arithmetic all hold.
        """
        return not self.check()

    def to_json(self) -> dict:
        """JSON-ready dict: the point, the witness, the face, the base and every LP value.

        Returns
        -------
        dict
            ``rule``, ``equilibrium``, ``payoffs``, ``witness``, ``base``, ``face``, ``steps``
            (what each LP maximised and its value), ``parts`` and ``note``, numbers as exact
            ``"p/q"`` strings.

        Examples
        --------
        >>> sel = select_point(Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]), "egalitarian")
        >>> sel.to_json()["payoffs"], sel.to_json()["base"]
        (['3/2', '3/2'], ['2/3', '2/3'])
        """
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
        """The derivation, one line per LP.

        Parameters
        ----------
        indent : str
            The prefix of every line (parts are indented further).

        Returns
        -------
        list of str
            The rule and the set it ran on, each LP with its value, the parts' derivations,
            the note, and the selected point with its witness.
        """
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
        return f"{self.rule}: d = {display_vector(self.payoffs)}"


class _Selector:
    """All selection rules over one game's CE payoff set (or NE payoff hull), sharing LPs.

    What a rule's ``compute(selector, name)`` uses: ``n``, ``game``, ``P`` (``"P"`` or
    ``"Q"``, for texts); ``domain`` (a :class:`~exactbargain.bargaining._leximin.Domain`:
    ``optimize(weights)``, ``leximin(...)``, ``floor(...)``, each LP with its certificate);
    :meth:`floor`; :meth:`select` (another rule's point, cached); :meth:`tiebreak` (the
    leximin point of a face relative to its floor); :meth:`parts_x` (the LP points of
    selections, to mix them) and :meth:`selection` (the result, with its derivation)."""

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

    def selection(self, rule: str, point: Point, face, base, steps, parts=(), note="") -> Selection:
        """The :class:`Selection` of ``rule`` at ``point`` (its LP point ``x`` and payoffs), with
        the face it was found on, the floor ``base`` it is relative to, the LP ``steps``, the
        selections it is made of (``parts``) and a ``note``; the witness is built from ``x``."""
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

    def tiebreak(self, rule: str, face: _Face, point: Point, steps: list[LPStep], where: str) -> Selection:
        """The leximin point of ``face`` (found with ``point`` on it) relative to its floor."""
        n = self.n
        if rank(face.equalities, n) == n:
            d = solve_face(face.equalities, n)
            if point.payoffs != d:
                raise SolverError("the face's LP point does not pay the face's unique payoff")
            return self.selection(rule, point, face, d, steps)
        ends: list[Point] = []
        base = self.domain.floor(face, steps, where, ends)
        ones = tuple(Fraction(1) for _ in range(n))
        if any(tuple(w) == ones for w, _ in face.equalities):
            if point.payoffs == base:
                # every d in F has d >= base and the same total as the point: F is that point
                return self.selection(rule, point, face, base, steps)
            if n == 2:
                # F is the segment of the line d_1 + d_2 = total between the two floor points
                # (l_1, total - l_1) and (total - l_2, l_2); leximin relative to l is its midpoint
                x = tuple((u + w) / 2 for u, w in zip(ends[0].x, ends[1].x))
                mid = Point(x, self.domain.payoffs(x))
                total = sum(point.payoffs)
                if mid.payoffs != tuple(base[i] + (total - base[0] - base[1]) / 2 for i in range(2)):
                    raise SolverError("the face's floor points are not the ends of its segment")
                return self.selection(rule, mid, face, base, steps,
                                       note="F is a segment of the line d_1 + d_2 = const; the leximin point "
                                            "relative to its floor is its midpoint")
        point = self.domain.leximin(base, face, steps, where, ends)
        return self.selection(rule, point, face, base, steps)

    # -------------------------------------------------------------- the rules
    def select(self, rule: str) -> Selection:
        rule = parse_select(rule, self.n)
        if rule not in self._cache:
            self._cache[rule] = self._compute(rule)
        return self._cache[rule]

    def _compute(self, rule: str) -> Selection:
        return selection_rule(rule).compute(self, rule)

    def parts_x(self, parts: Sequence[Selection]) -> list[tuple[Fraction, ...]]:
        """The LP points of selections of this game (distributions, or Nash mixtures)."""
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
        _, res, _ = D.optimize(normal, with_face=False)
        steps.append(LPStep(f"max {text(normal[0])} {D.labels[0]} + {text(normal[1])} {D.labels[1]} over {self.P} "
                            f"(the supporting line of the product's level set at d)", res.value, res))
        if res.value != _dot(normal, d):
            raise SolverError("the Nash-product point is not supported by P")
        note = (f"Pareto chain around the maximiser {' -> '.join(vector_text(c.payoffs) for c in chain)}; the product "
                f"(d_1 - {text(base[0])})(d_2 - {text(base[1])}) peaks at {text(product)}")
        face: Face = ((normal, res.value),)
        return self.selection("nash", point, face, base, steps, (), note)

    def _bracket(self, p: Point, q: Point, base: Sequence[Fraction], steps: list[LPStep]) -> list[Point]:
        """Points of the CE-Pareto chain around the maximiser of the Nash product: one point
        (the maximiser) or the two ends of the chain edge holding it (:func:`._chain.bracket`)."""
        return bracket(self.domain, self.P, p, q, base, steps)

@functools.lru_cache(maxsize=256)
def _selector(game: Game, equilibrium: str) -> _Selector:
    return _Selector(game, equilibrium)


def select_point(game: Game, select: str = DEFAULT_SELECTION, equilibrium: str = "correlated") -> Selection:
    """The disagreement point a selection rule picks in ``game`` (any number of players,
    except ``nash`` and ``equilibrium="nash"``: two players).

    Parameters
    ----------
    game : Game
        The game.
    select : str
        The selection rule.
    equilibrium : str
        ``"correlated"`` or ``"nash"``.

    Returns
    -------
    Selection
        The point with its witness equilibrium and derivation.

    Raises
    ------
    GameError
        For an unknown selection rule or equilibrium set, or one that does not apply to the game.

    Examples
    --------
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


# --------------------------------------------------------------------------- the rules
def _welfare(sel: _Selector, rule: str) -> Selection:
    steps: list[LPStep] = []
    point, res, face = sel.domain.optimize(tuple(Fraction(1) for _ in range(sel.n)))
    steps.append(LPStep(f"max sum_i d_i over {sel.P}", res.value, res))
    return sel.tiebreak(rule, face, point, steps, "the max-welfare face F")


def _egalitarian(sel: _Selector, rule: str) -> Selection:
    base, floor_steps = sel.floor()
    steps = list(floor_steps)
    point = sel.domain.leximin(base, None, steps, sel.P, sel._floor_points)
    return sel.selection(rule, point, (), base, steps)


def _dictator(sel: _Selector, rule: str) -> Selection:
    n, D = sel.n, sel.domain
    i = selection_rule(rule).player(rule) - 1
    steps: list[LPStep] = []
    point, res, face = D.optimize(_unit(i, n))
    steps.append(LPStep(f"max {D.labels[i]} over {sel.P}", res.value, res))
    point, res2, face = D.optimize(tuple(Fraction(1) for _ in range(n)), face=face)
    steps.append(LPStep(f"max sum_i d_i over F_1 = argmax {D.labels[i]}", res2.value, res2))
    return sel.tiebreak(rule, face, point, steps, "F_2")


def _random_dictator(sel: _Selector, rule: str) -> Selection:
    n = sel.n
    parts = [sel.select(_DICTATOR.member(j + 1)) for j in range(n)]
    d = tuple(sum((p.payoffs[i] for p in parts), Fraction(0)) / n for i in range(n))
    xs = sel.parts_x(parts)
    point = Point(tuple(sum((x[k] for x in xs), Fraction(0)) / n for k in range(len(xs[0]))), d)
    return sel.selection(rule, point, (), None, (), parts)


register_selection(SelectionRule("welfare", _welfare, "the leximin point of the max-welfare face"))
register_selection(SelectionRule("egalitarian", _egalitarian, "the leximin point above the CE floor"))
register_selection(SelectionRule("nash", lambda sel, rule: sel._nash(),
                                 "the maximiser of the Nash product above the CE floor", two_players=True))
_DICTATOR = register_selection(SelectionRule("dictator-K", _dictator, "player K's best point, then the most welfare",
                                            per_player=True))
register_selection(SelectionRule("random-dictator", _random_dictator, "the average of the dictators' points"))
