"""The correlated-equilibrium (CE) polytope of an n-player game, and exact LPs over it.

A distribution ``mu`` on the profiles ``A`` is a correlated equilibrium iff for every player
``i`` and ordered pair ``a_i != a_i'``

    sum_{a_-i} mu(a_i, a_-i) * [u_i(a_i, a_-i) - u_i(a_i', a_-i)] >= 0          (IC)

(docs/theory.md §2.1). With ``mu >= 0`` and ``sum(mu) = 1`` these rows define the CE polytope; every
question asked here is one LP over it, or a finite sequence of LPs, solved exactly by
:func:`exactbargain.lp.solve`, so every answer is rational and comes with certificates.

Every point returned (:class:`CEPoint`) carries a *witness* distribution. Its
:meth:`CEPoint.verify` recomputes, with plain fractions straight from the game's payoffs,
that the witness is a probability vector, satisfies every IC row, and pays the claimed
payoffs — without using the code that built the LP.

>>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]],
...                         actions=(("D", "C"), ("D", "C")))
>>> ce = CorrelatedEquilibria(chicken)
>>> best = ce.max_welfare()
>>> best.value, best.payoffs
(Fraction(21, 2), (Fraction(21, 4), Fraction(21, 4)))
>>> [str(p) for p in best.distribution]
['0', '1/4', '1/4', '1/2']
>>> ce.floor()
(Fraction(2, 1), Fraction(2, 1))
>>> [tuple(map(str, p.payoffs)) for p in ce.payoff_set()]
[('18/5', '18/5'), ('7', '2'), ('21/4', '21/4'), ('2', '7')]
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

import flint

from .. import limits as _limits
from ..errors import GameError, SolverError
from ..game import Game, require_game
from ..geometry import convex_hull as _convex_chain, cross as _cross
from ..lp import LP, LPData, LPResult, solve
from ..lp import guided as _guided
from ..lp.oracle import Oracle
from ..numbers import format_rational, format_vector, fraction_of, to_fmpq, to_fraction
from ..tables import Renderable, Table, Vector, game_title, key_value_table, profile_label
from ._cone import VertexLimitError, extreme_rays
from ._incentives import IncentiveRow, incentive_rows

__all__ = [
    "CorrelatedEquilibria",
    "CEPoint",
    "CEMembership",
    "PayoffSet",
    "PayoffHalfspace",
    "ParetoFrontier",
    "IncentiveSlack",
    "check_correlated_equilibrium",
    "VertexLimitError",
    "VERTEX_PROFILE_LIMIT",
    "PAYOFF_SET_MAX_LPS",
]

#: :meth:`CorrelatedEquilibria.vertices` refuses games with more profiles than this.
VERTEX_PROFILE_LIMIT = _limits.DEFAULT_LIMITS.vertex_profiles

#: The LPs ``exactbargain equilibria --correlated`` spends on the payoff set by default.
PAYOFF_SET_MAX_LPS = 100


def _text(v: Sequence[Fraction]) -> str:
    return format_vector(v)


# --------------------------------------------------------------------------- independent check
def check_correlated_equilibrium(
    game: Game, distribution: Sequence[Fraction], payoffs: Sequence[Fraction] | None = None
) -> list[str]:
    """Everything that stops ``distribution`` (C order) from being a CE of ``game`` with the
    given expected ``payoffs``; an empty list means it is one.

    Computed in plain rational arithmetic from :meth:`Game.payoff` alone (no LP code):
    non-negativity, total mass 1, every IC row ``>= 0``, and ``u(mu) == payoffs``. The
    probabilities and each player's payoffs are written over one common denominator, so the
    sums run in integers.

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> check_correlated_equilibrium(pd, [0, 0, 0, 1], [1, 1])
    []
    >>> check_correlated_equilibrium(pd, [1, 0, 0, 0])
    ['player 1 told 1 gains 2 by playing 2', 'player 2 told 1 gains 2 by playing 2']
    """
    table, dens, strides = _payoff_table(game)
    mu = [Fraction(p) for p in distribution]
    if len(mu) != len(table):
        return [f"the distribution has {len(mu)} entries for {len(table)} profiles"]
    out: list[str] = []
    if any(p < 0 for p in mu):
        out.append("the distribution has a negative entry")
    # mu_k = M_k / D and u_i = U_i / dens_i with positive denominators: every gain has the
    # sign of an integer sum, and becomes a Fraction only to be reported
    D = math.lcm(*[p.denominator for p in mu])
    M = [p.numerator * (D // p.denominator) for p in mu]
    if sum(M) != D:
        out.append(f"the distribution sums to {format_rational(sum(mu))}, not 1")
    support = [k for k, Mk in enumerate(M) if Mk]
    for i, m in enumerate(game.shape):
        stride = strides[i]
        gains = [[0] * m for _ in range(m)]  # gains[told][dev]
        for k in support:
            told = (k // stride) % m
            base, here = k - told * stride, table[k][i]
            row = gains[told]
            for dev in range(m):
                if dev != told:
                    row[dev] += M[k] * (table[base + dev * stride][i] - here)
        for told in range(m):
            for dev in range(m):
                if dev != told and gains[told][dev] > 0:
                    out.append(
                        f"player {game.players[i]} told {game.actions[i][told]} gains "
                        f"{format_rational(Fraction(gains[told][dev], D * dens[i]))} by playing {game.actions[i][dev]}"
                    )
    if payoffs is not None:
        expected = tuple(
            Fraction(sum(M[k] * table[k][i] for k in support), D * dens[i]) for i in range(len(dens))
        )
        if tuple(Fraction(p) for p in payoffs) != expected:
            out.append(f"the distribution pays {_text(expected)}, not {_text(payoffs)}")
    return out


@functools.lru_cache(maxsize=64)
def _payoff_table(game: Game) -> tuple[tuple[tuple[int, ...], ...], tuple[int, ...], tuple[int, ...]]:
    """Every profile's payoff vector (C order, from :meth:`Game.payoff`) as integers over one
    positive denominator per player, ``u_i(profile k) = table[k][i] / dens[i]``; the
    denominators; and the C-order strides (``k`` moves by ``strides[i]`` when player ``i``'s
    action index grows by one)."""
    rows = [game.payoff(p) for p in game.profiles()]
    dens = tuple(math.lcm(*[r[i].denominator for r in rows]) for i in range(game.num_players))
    table = tuple(tuple(v.numerator * (dens[i] // v.denominator) for i, v in enumerate(r)) for r in rows)
    strides = [1] * game.num_players
    for i in range(game.num_players - 2, -1, -1):
        strides[i] = strides[i + 1] * game.shape[i + 1]
    return table, dens, tuple(strides)


# --------------------------------------------------------------------------- results
@dataclass(frozen=True, slots=True)
class CEPoint(Renderable):
    """A correlated equilibrium found by LP: the witness ``distribution`` (C order over the
    game's profiles), its expected ``payoffs``, the optimal ``values`` of the objective(s)
    that selected it, and the LP results that certify those optima."""

    game: Game
    distribution: tuple[Fraction, ...]
    payoffs: tuple[Fraction, ...]
    values: tuple[Fraction, ...]
    certificates: tuple[LPResult, ...]

    @property
    def value(self) -> Fraction | None:
        """The optimal value of the (first) objective; ``None`` for a point no LP selected
        (a vertex of the polytope, a mixture of equilibria)."""
        return self.values[0] if self.values else None

    def support(self) -> dict[tuple[str, ...], Fraction]:
        """The witness as ``{profile labels: probability}`` over profiles with positive mass."""
        out = {}
        for k, prof in enumerate(self.game.profiles()):
            if self.distribution[k]:
                out[tuple(self.game.actions[i][a] for i, a in enumerate(prof))] = self.distribution[k]
        return out

    def check(self) -> list[str]:
        """Failures of the witness (independent recomputation) and of the LP certificates."""
        out = check_correlated_equilibrium(self.game, self.distribution, self.payoffs)
        for k, cert in enumerate(self.certificates):
            out += [f"LP {k + 1}: {msg}" for msg in cert.check()]
        return out

    def verify(self) -> bool:
        """``True`` iff the witness is a CE paying ``payoffs`` and every certificate holds."""
        return not self.check()

    def to_json(self) -> dict:
        """JSON-ready dict with exact ``"p/q"`` strings."""
        return {
            "payoffs": [format_rational(p) for p in self.payoffs],
            "values": [format_rational(v) for v in self.values],
            "distribution": {
                ",".join(labels): format_rational(p) for labels, p in self.support().items()
            },
        }

    def __str__(self) -> str:
        support = ", ".join(f"{'/'.join(k)}: {format_rational(p)}" for k, p in self.support().items())
        return f"payoffs {_text(self.payoffs)} by {{{support}}}"

    def __repr__(self) -> str:
        size = sum(1 for p in self.distribution if p)
        return f"<CEPoint {self.game.title!r}: payoffs {_text(self.payoffs)}, {size} profiles in the support>"

    def tables(self, *, title: str | None = None) -> list[Table]:
        """One table: the expected payoffs, the optimal objective values (if an LP selected
        the point) and the probability of every profile in the support (``title``
        replaces the game's title).

        >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], players=("R", "C"),
        ...                         actions=(("D", "C"), ("D", "C")))
        >>> print(CorrelatedEquilibria(chicken).max_welfare().render("markdown"))
        | game | the game |
        |:---|:---|
        | payoffs | (21/4, 21/4) |
        | objective value | 21/2 |
        | probability of (D, C) | 1/4 |
        | probability of (C, D) | 1/4 |
        | probability of (C, C) | 1/2 |
        <BLANKLINE>
        Table: Correlated equilibrium of the game
        """
        name = game_title(self.game, title)
        rows = [("payoffs", Vector(self.payoffs))]
        if self.values:
            rows.append((("objective value",) if len(self.values) == 1 else ("objective values",),
                         self.values[0] if len(self.values) == 1 else Vector(self.values)))
        for k, prof in enumerate(self.game.profiles()):
            if self.distribution[k]:
                rows.append((f"probability of {profile_label(self.game, prof)}", self.distribution[k]))
        return [key_value_table(("game", name), rows, f"Correlated equilibrium of {name}")]


@dataclass(frozen=True, slots=True)
class IncentiveSlack:
    """One IC row evaluated at a distribution: ``slack >= 0`` means the row holds."""

    player: str
    told: str
    deviation: str
    slack: Fraction


@dataclass(frozen=True, slots=True)
class CEMembership:
    """The exact ledger of :meth:`CorrelatedEquilibria.contains`."""

    is_member: bool
    slacks: tuple[IncentiveSlack, ...]
    total: Fraction
    negative_entries: tuple[int, ...]

    def __bool__(self) -> bool:
        return self.is_member

    def violations(self) -> tuple[IncentiveSlack, ...]:
        """The IC rows with negative slack."""
        return tuple(s for s in self.slacks if s.slack < 0)

    def __str__(self) -> str:
        lines = [f"{'a correlated equilibrium' if self.is_member else 'not a correlated equilibrium'}"
                 f" (total mass {format_rational(self.total)})"]
        for s in self.slacks:
            mark = "" if s.slack >= 0 else "   <-- violated"
            lines.append(f"  {s.player} told {s.told}, deviating to {s.deviation}: slack {format_rational(s.slack)}{mark}")
        return "\n".join(lines)


@functools.lru_cache(maxsize=16)
def _incentive_row_set(game: Game) -> frozenset:
    """Every IC row of ``game`` as ``(columns, primitive integer coefficients)``, built from
    :meth:`Game.payoff` alone (the table of :func:`check_correlated_equilibrium`)."""
    table, _, strides = _payoff_table(game)
    out = set()
    for i, m in enumerate(game.shape):
        stride = strides[i]
        for told in range(m):
            for dev in range(m):
                if dev == told:
                    continue
                row = []
                for k in range(len(table)):
                    if (k // stride) % m == told:
                        gain = table[k][i] - table[k + (dev - told) * stride][i]
                        if gain:
                            row.append((k, gain))
                out.add(_primitive_row(row))
    out.add(((), ()))  # a player with nothing to gain: the row 0 >= 0
    return frozenset(out)


def _primitive_row(row: Sequence[tuple[int, int]]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    g = 0
    for _, v in row:
        g = math.gcd(g, v)
    g = g or 1
    return tuple(c for c, _ in row), tuple(v // g for _, v in row)


def _lp_bounds_payoffs(game: Game, lp: LPData, direction: Sequence[Fraction], bound: Fraction,
                       value: Fraction) -> list[str]:
    """Why the LP ``lp`` with optimal ``value`` would not prove ``direction . d <= bound`` on
    the CE payoff set of ``game``: it must be a relaxation of the CE polytope (non-negative
    variables, one per profile; each row an IC row ``>= 0`` or ``sum mu = 1``) whose objective
    is ``direction . u(mu)`` (max, ``bound = value``) or its negative (min, ``bound = -value``)."""
    out: list[str] = []
    table, dens, _ = _payoff_table(game)
    N = len(table)
    if lp.num_variables != N or any(lp.free):
        return [f"the LP does not have one non-negative variable per profile ({N})"]
    rows = _incentive_row_set(game)
    for r, (cols, nums, rel, rhs) in enumerate(zip(lp.row_cols, lp.row_nums, lp.relations, lp.rhs)):
        if rel == ">=" and rhs == 0 and _primitive_row(sorted((c, v) for c, v in zip(cols, nums) if v)) in rows:
            continue
        if rel == "=" and tuple(cols) == tuple(range(N)) and rhs != 0 and all(v == rhs for v in nums):
            continue
        out.append(f"LP row {r + 1} is neither an incentive constraint nor the total mass")
    sign = 1 if lp.sense == "max" else -1
    objective = dict(zip(lp.obj_cols, lp.obj_nums))
    for a in range(N):
        want = sign * sum(Fraction(c) * Fraction(table[a][i], dens[i]) for i, c in enumerate(direction) if c)
        if Fraction(objective.get(a, 0), lp.obj_den) != want:
            out.append(f"the LP's objective is not {'' if sign > 0 else '-'}{_text(direction)} . u(mu)")
            break
    if bound != sign * value:
        out.append(f"the LP's optimum {value} does not give the bound {bound}")
    return out


@dataclass(frozen=True, slots=True)
class PayoffHalfspace:
    """``direction . d <= bound`` for every CE payoff vector ``d``: the optimum of one LP over
    the CE polytope, attained by ``point`` (whose certificate is that LP's)."""

    direction: tuple[Fraction, ...]
    bound: Fraction
    point: CEPoint

    def check(self) -> list[str]:
        """Failures: of the witness (a CE paying ``point.payoffs``, on the hyperplane), of the
        LP's certificate (its dual proves the optimum), and of the LP being a relaxation of the
        CE polytope with this objective, read from the game's payoffs."""
        out = self.point.check()
        if sum(c * d for c, d in zip(self.direction, self.point.payoffs)) != self.bound:
            out.append(f"the witness pays {_text(self.point.payoffs)}, not on the hyperplane")
        if len(self.point.certificates) != 1:
            return out + ["a halfspace is proved by exactly one LP"]
        cert = self.point.certificates[0]
        return out + _lp_bounds_payoffs(self.point.game, cert.lp, self.direction, self.bound, cert.value)

    def to_json(self) -> dict:
        return {"direction": [format_rational(v) for v in self.direction], "bound": format_rational(self.bound)}


class _Points:
    """Iterating, ``len`` and indexing go over ``points`` (a result that reads like the tuple
    of points it used to be)."""

    __slots__ = ()
    points: tuple[CEPoint, ...]

    def __iter__(self):
        return iter(self.points)

    def __len__(self) -> int:
        return len(self.points)

    def __getitem__(self, index):
        return self.points[index]


@dataclass(frozen=True, slots=True)
class PayoffSet(_Points):
    """The CE payoff polytope ``P`` between two exact polytopes, ``inner ⊆ P ⊆ outer``.

    * ``points`` — the **inner** polytope's vertices: points of ``P`` found by LP (extreme
      points of ``P`` when complete), each a :class:`CEPoint` with its witness (two players: counter-clockwise from the least total;
      more: sorted). Iterating, ``len`` and indexing go over them, so a ``PayoffSet`` reads
      like the tuple :meth:`CorrelatedEquilibria.payoff_set` used to return.
    * ``halfspaces`` — one :class:`PayoffHalfspace` per LP; their intersection is the
      **outer** polytope, and ``outer_points`` its vertices.
    * ``facets`` — the inner polytope's facets ``(c, b)``, ``c . d <= b``, with ``||c||_1 = 1``
      and ``c`` in the span of ``P``'s directions (within the affine hull of ``P``).
    * ``gap`` — the Hausdorff distance in the L-infinity norm between the inner and the outer
      polytope: the largest L-infinity distance from an outer vertex to the inner polytope,
      in payoff units. Every point of ``P`` lies within ``gap`` of the inner polytope in every
      coordinate at once. The outer polytope only shrinks and the inner one only grows, so the
      gap never increases as the budget grows. For two players (a polygon) it equals the
      largest amount by which an outer vertex violates an inner edge ``c . d <= b`` with
      ``||c||_1 = 1``: the support functions of both polygons are linear between consecutive
      edge normals and axis directions, the LP directions (the outer edges) and the axes
      (solved first) have no excess, so the maximum is at an inner edge normal.
    * ``complete`` — ``gap == 0``: the inner and outer polytopes coincide, so both are ``P``.
    * ``lps`` — the LPs spent.
    """

    game: Game
    points: tuple[CEPoint, ...]
    facets: tuple[tuple[tuple[Fraction, ...], Fraction], ...]
    outer_points: tuple[tuple[Fraction, ...], ...]
    halfspaces: tuple[PayoffHalfspace, ...]
    gap: Fraction
    complete: bool
    lps: int

    def check(self) -> list[str]:
        """Everything that fails, re-checked exactly: each inner point's witness is a CE
        paying it; each halfspace is proved by its LP (:meth:`PayoffHalfspace.check`); each
        outer point satisfies every halfspace with equality on halfspaces of rank ``n`` (a
        vertex of the outer polytope); each facet has a unit L1 normal, holds at every inner
        point and is tight at inner points spanning a face of dimension ``dim - 1``; the gap
        is recomputed as the largest L-infinity distance from an outer point to the hull of
        the inner points (one small LP per outer point that is no inner point), and
        ``complete`` from it. (That the list of outer vertices is complete is what the
        construction ensures.)"""
        out: list[str] = []
        n = self.game.num_players
        for k, p in enumerate(self.points):
            out += [f"inner point {k + 1}: {m}" for m in check_correlated_equilibrium(self.game, p.distribution, p.payoffs)]
        for k, h in enumerate(self.halfspaces):
            if h.point.game != self.game:
                out.append(f"halfspace {k + 1} is about another game")
            out += [f"halfspace {k + 1}: {m}" for m in h.check()]
        for k, v in enumerate(self.outer_points):
            tight = []
            for h in self.halfspaces:
                level = sum(c * x for c, x in zip(h.direction, v))
                if level > h.bound:
                    out.append(f"outer point {k + 1} violates {_text(h.direction)} . d <= {h.bound}")
                elif level == h.bound:
                    tight.append([to_fmpq(c) for c in h.direction])
            if not tight or flint.fmpq_mat(tight).rank() != n:
                out.append(f"outer point {k + 1} is not a vertex of the outer polytope")
        pts = [[to_fmpq(x) for x in p.payoffs] for p in self.points]
        dim = _affine_rank(pts, n) if pts else 0
        for k, (c, b) in enumerate(self.facets):
            if sum(abs(x) for x in c) != 1:
                out.append(f"facet {k + 1}'s normal does not have unit L1 norm")
            on = [q for q, p in zip(pts, self.points) if sum(x * y for x, y in zip(c, p.payoffs)) == b]
            if any(sum(x * y for x, y in zip(c, p.payoffs)) > b for p in self.points):
                out.append(f"facet {k + 1} cuts off an inner point")
            elif not on or _affine_rank(on, n) != dim - 1:
                out.append(f"facet {k + 1} is not a facet of the inner polytope")
        inner = {p.payoffs for p in self.points}
        gap = max((_linf_distance(v, [p.payoffs for p in self.points]) for v in self.outer_points if v not in inner),
                  default=Fraction(0))
        if gap != self.gap:
            out.append(f"the gap is {format_rational(gap)}, not {format_rational(self.gap)}")
        if self.complete != (self.gap == 0):
            out.append("complete must say whether the gap is 0")
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing."""
        return not self.check()

    def to_json(self) -> dict:
        """JSON-ready dict with exact ``"p/q"`` strings."""
        return {
            "complete": self.complete,
            "gap": format_rational(self.gap),
            "lps": self.lps,
            "points": [p.to_json() for p in self.points],
            "facets": [{"normal": [format_rational(x) for x in c], "bound": format_rational(b)} for c, b in self.facets],
            "outer_points": [[format_rational(x) for x in v] for v in self.outer_points],
            "halfspaces": [h.to_json() for h in self.halfspaces],
        }

    def __str__(self) -> str:
        state = "complete" if self.complete else f"incomplete, gap {format_rational(self.gap)}"
        lines = [f"CE payoff set: {len(self.points)} extreme points ({state}; {self.lps} LPs)"]
        lines += [f"  {_text(p.payoffs)}" for p in self.points]
        if not self.complete:
            lines.append(f"  outer polytope: {len(self.outer_points)} vertices")
            lines += [f"  {_text(v)}" for v in self.outer_points]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class ParetoFrontier(_Points):
    """The CE-Pareto-optimal extreme points found (``points``; two players: in order of
    decreasing ``d_1``), whether they are all of them (``complete``), the ``gap`` that bounds
    what is missing, and the ``lps`` spent (see :meth:`CorrelatedEquilibria.pareto_frontier`).
    Iterating, ``len`` and indexing go over ``points``."""

    points: tuple[CEPoint, ...]
    gap: Fraction
    complete: bool
    lps: int

    def __str__(self) -> str:
        state = "complete" if self.complete else f"incomplete, gap {format_rational(self.gap)}"
        return "\n".join([f"CE Pareto frontier: {len(self.points)} extreme points ({state}; {self.lps} LPs)"]
                         + [f"  {_text(p.payoffs)}" for p in self.points])


# --------------------------------------------------------------------------- the polytope
class CorrelatedEquilibria:
    """The CE polytope of ``game`` (any number of players) and exact LPs over it.

    ``method`` is passed to :func:`exactbargain.lp.solve` for every LP. Two polytopes are
    equal when their games and methods are; ``lp_count`` counts the LPs this object has
    solved and takes no part. A pickle or copy carries the game and the method only (what
    was computed is computed again on demand). A game whose IC matrix has more entries than
    the ``lp-entries`` limit (of ``limits``, by default the ones in force, see
    :mod:`exactbargain.limits`) is refused with a :class:`~exactbargain.limits.LimitError`
    before anything is built.

    >>> CorrelatedEquilibria(Game.zero_sum([[0] * 120] * 120))
    Traceback (most recent call last):
        ...
    exactbargain.limits.LimitError: the correlated-equilibrium LP of a 120x120 game has 3427200 entries, more than the limit lp-entries=1000000 allows; raise it with --limit lp-entries=3427200 (limits=Limits(lp_entries=3427200) in Python)
    """

    def __init__(self, game: Game, *, method: str = "auto", limits: _limits.Limits | None = None) -> None:
        require_game(game, "CorrelatedEquilibria")
        self._game = game
        self._method = method
        with _limits.using(limits) as self.limits:
            self._rows = incentive_rows(game)
        self._int_rows = [_integer_row(r) for r in self._rows]
        self.lp_count = 0

    @property
    def game(self) -> Game:
        """The game whose correlated equilibria these are."""
        return self._game

    @property
    def method(self) -> str:
        """The LP method every LP is solved with."""
        return self._method

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CorrelatedEquilibria):
            return NotImplemented
        return self._method == other._method and self._game == other._game

    def __hash__(self) -> int:
        return hash((self._game, self._method))

    def __reduce__(self) -> tuple:
        return (_polytope, (self._game, self._method))

    # ------------------------------------------------------------------ rows and membership
    @property
    def incentive_rows(self) -> tuple[IncentiveRow, ...]:
        """The IC rows (sparse, ``fmpq`` coefficients over C-order profile positions)."""
        return self._rows

    def _distribution(self, distribution: Any) -> list["flint.fmpq"]:
        game = self.game
        if isinstance(distribution, Mapping):
            mu = [flint.fmpq(0)] * game.num_profiles
            for profile, p in distribution.items():
                index = game.profile_index(profile)
                pos = 0
                for k, m in zip(index, game.shape):
                    pos = pos * m + k
                mu[pos] = _probability(p, profile)
            return mu
        mu = [_probability(p, k) for k, p in enumerate(distribution)]
        if len(mu) != game.num_profiles:
            raise GameError(f"a distribution lists {game.num_profiles} probabilities (C order), got {len(mu)}")
        return mu

    def contains(self, distribution: Any) -> CEMembership:
        """The exact slack of every IC row at ``distribution`` (a C-order sequence, or a
        mapping ``profile -> probability`` with profiles as label or index tuples).

        >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], actions=(("D", "C"), ("D", "C")))
        >>> ledger = CorrelatedEquilibria(chicken).contains({("D", "C"): "1/3", ("C", "D"): "1/3", ("C", "C"): "1/3"})
        >>> bool(ledger), [str(s.slack) for s in ledger.slacks]
        (True, ['1/3', '1/3', '1/3', '1/3'])
        """
        mu = self._distribution(distribution)
        game = self.game
        slacks = tuple(
            IncentiveSlack(game.players[r.player], game.actions[r.player][r.action],
                           game.actions[r.player][r.deviation], fraction_of(r.value(mu)))
            for r in self._rows
        )
        total = fraction_of(sum(mu, flint.fmpq(0)))
        negative = tuple(k for k, p in enumerate(mu) if p < 0)
        member = total == 1 and not negative and all(s.slack >= 0 for s in slacks)
        return CEMembership(member, slacks, total, negative)

    # ------------------------------------------------------------------ LPs
    def _objective_coefficients(self, objective: Any) -> list["flint.fmpq"]:
        game = self.game
        if isinstance(objective, Mapping):
            return self._distribution(objective)
        weights = list(objective)
        if len(weights) != game.num_players:
            raise GameError(
                f"a payoff objective lists one weight per player ({game.num_players}), got {len(weights)}; "
                "pass a mapping profile -> weight for an objective in probabilities"
            )
        total = None
        for i, w in enumerate(weights):
            w = to_fmpq(w)
            if w == 0:
                continue
            term = game.payoff_matrix(i) * w
            total = term if total is None else total + term
        if total is None:
            return [flint.fmpq(0)] * game.num_profiles
        return total.entries()

    def _solve(self, coefficients: Sequence["flint.fmpq"], sense: str,
               extra: Sequence[tuple[Sequence["flint.fmpq"], str, "flint.fmpq"]]) -> LPResult:
        N = self.game.num_profiles
        if not extra:
            # one polytope, many objectives: the oracle holds the rows (and the float guide's
            # warm model and the exact primal solutions met so far), each LP brings only its
            # objective
            return self._run(self._oracle().problem(coefficients, sense))
        rows: list[Any] = list(self._int_rows)
        relations = [">="] * len(rows)
        rhs: list[Any] = [0] * len(rows)
        rows.append([1] * N)
        relations.append("=")
        rhs.append(1)
        for coefs, rel, value in extra:
            rows.append({k: c for k, c in enumerate(coefs) if c})
            relations.append(rel)
            rhs.append(value)
        objective = {k: c for k, c in enumerate(coefficients) if c}
        return self._run(LP.from_matrix(rows, relations, rhs, objective if objective else [0] * N, sense=sense).data)

    def _oracle(self) -> Oracle:
        """The LP oracle of the CE polytope (IC rows ``>= 0`` and ``sum mu = 1``), built once."""
        oracle = getattr(self, "_lp_oracle", None)
        if oracle is None:
            N = self.game.num_profiles
            oracle = self._lp_oracle = Oracle(
                list(self._int_rows) + [[1] * N], [">="] * len(self._int_rows) + ["="],
                [0] * len(self._int_rows) + [1], N, method=self.method)
        return oracle

    def _run(self, lp: LPData) -> LPResult:
        self.lp_count += 1
        result = solve(lp, method=self.method)
        if result.status != "optimal":  # the CE polytope is non-empty and bounded
            raise SolverError(f"an LP over the CE polytope (non-empty and bounded) came back {result.status}")
        return result

    def optimize(self, *objectives: Any, sense: str = "max",
                 constraints: Sequence[tuple[Any, str, Any]] = ()) -> CEPoint:
        """Optimise over the CE polytope; several objectives are optimised lexicographically.

        An objective is a sequence of one weight per player (the objective is
        ``sum_i w_i u_i(mu)``) or a mapping ``profile -> weight`` (the objective is
        ``sum_a w_a mu(a)``). With several objectives, each later one is optimised over the
        optimal face of the earlier ones (the earlier optimum is added as an equality row;
        exact arithmetic needs no tolerance). ``constraints`` adds rows
        ``(objective, relation, value)`` to the polytope.

        >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
        >>> ce = CorrelatedEquilibria(chicken)
        >>> ce.optimize([1, 0], [0, 1]).payoffs      # best for player 1, then for player 2
        (Fraction(7, 1), Fraction(2, 1))
        >>> ce.optimize({(0, 0): 1}).value            # most mass on (D, D)
        Fraction(1, 5)
        """
        if sense not in ("max", "min"):
            raise GameError(f"sense must be 'max' or 'min', got {sense!r}")
        if not objectives:
            raise GameError("optimize needs at least one objective")
        extra = [(self._objective_coefficients(obj), rel, to_fmpq(val)) for obj, rel, val in constraints]
        values, certs = [], []
        result = None
        for obj in objectives:
            coefs = self._objective_coefficients(obj)
            result = self._solve(coefs, sense, extra)
            values.append(result.value)
            certs.append(result)
            extra.append((coefs, "=", to_fmpq(result.value)))
        return self._point(result.x, values, certs)

    def _point(self, x: Sequence[Fraction], values: Sequence[Fraction], certs: Sequence[LPResult]) -> CEPoint:
        mu = tuple(x)
        # u_i(mu) = sum_a U_i(a) N(a) / (d_i D): payoffs over one denominator d_i per player,
        # mu over one common denominator D, so the sums run in integers
        support = [(a, p) for a, p in enumerate(mu) if p]
        D = math.lcm(*[p.denominator for _, p in support]) if support else 1
        weights = [(a, p.numerator * (D // p.denominator)) for a, p in support]
        payoffs = tuple(
            Fraction(sum(U[a] * N for a, N in weights), d * D) for U, d in self._payoff_integers()
        )
        return CEPoint(self.game, mu, payoffs, tuple(values), tuple(certs))

    def _payoff_integers(self) -> list[tuple[list[int], int]]:
        """Each player's payoffs as integers ``U_i`` over one denominator ``d_i`` (cached).

        Read from the payoff matrices on purpose: :func:`check_correlated_equilibrium`, which
        verifies the points made here, builds its own table from :meth:`Game.payoff`."""
        table = getattr(self, "_payoff_ints", None)
        if table is None:
            table = []
            for i in range(self.game.num_players):
                entries = self.game.payoff_entries(i)
                d = math.lcm(*[int(e.q) for e in entries]) if entries else 1
                table.append(([int(e.p) * (d // int(e.q)) for e in entries], d))
            self._payoff_ints = table
        return table

    def _query(self, direction: tuple[Fraction, ...], sense: str) -> CEPoint:
        """``optimize(direction, sense=sense)``, remembered: the payoff set and the named
        optima (floors, best payoffs, max welfare) share their LPs."""
        memo = self.__dict__.setdefault("_queries", {})
        key = (tuple(direction), sense)
        point = memo.get(key)
        if point is None:
            point = memo[key] = self.optimize(list(direction), sense=sense)
        return point

    def max_welfare(self) -> CEPoint:
        """A CE maximising the total ``sum_i u_i(mu)``; ``value`` is the CE max welfare."""
        return self._query((Fraction(1),) * self.game.num_players, "max")

    def _axis(self, player: Any) -> tuple[Fraction, ...]:
        i = self.game.player_index(player)
        return tuple(Fraction(int(j == i)) for j in range(self.game.num_players))

    def best_for(self, player: Any) -> CEPoint:
        """A CE maximising ``u_i``; ``value`` is player ``i``'s best CE payoff."""
        return self._query(self._axis(player), "max")

    def worst_for(self, player: Any) -> CEPoint:
        """A CE minimising ``u_i``; ``value`` is player ``i``'s CE floor."""
        return self._query(self._axis(player), "min")

    def floor(self) -> tuple[Fraction, ...]:
        """The CE floor ``l_i = min_{mu in CE} u_i(mu)`` of every player (one LP each)."""
        return tuple(self.worst_for(i).value for i in range(self.game.num_players))

    # ------------------------------------------------------------------ payoff polytope
    def payoff_set(self, max_lps: int | None = None, tolerance: Any = None,
                   progress: Callable[[int, int, Fraction], None] | None = None) -> PayoffSet:
        """The CE payoff polytope ``P = {u(mu) : mu in CE}`` between an exact inner and outer
        polytope (:class:`PayoffSet`); without a budget, all of it (``complete``).

        Found by LP queries only. First the welfare direction and both senses of every axis
        (``2n + 1`` LPs: the best payoffs and floors, a box around ``P``), then the affine
        hull of ``P`` (LPs in directions orthogonal to everything known; at most ``2n``).
        Every LP maximising ``c . d`` returns an optimal point of ``P`` — an extreme point
        with its witness when it lies beyond the hull of those found — and, by its dual, the
        supporting halfspace ``c . d <= opt``. The **inner** polytope is the hull of the points
        found, the **outer** one the intersection of the halfspaces.

        Without ``max_lps`` and ``tolerance`` the inner hull is refined facet by facet until
        every facet is confirmed by the LP along its outward normal (two players: edge by
        edge, counter-clockwise), at most about one LP per extreme point and one per facet.
        With a budget the refinement is a *sandwich*: the outer polytope's vertices are kept
        exactly (double description), every inner facet knows the outer vertices beyond it,
        and the next LP always goes along the normal of the facet with the largest gap, so
        any budget is spent where the picture is worst. It stops when the gap is 0
        (complete), when it is at most ``tolerance`` (payoff units), or after ``max_lps`` LPs
        in all (the first ``2n + 1`` and the affine hull's always run). The sequence of LPs
        does not depend on the budget, so a larger budget continues a smaller one: the
        inner polytope grows, the outer shrinks, and (two players) the gap never increases.

        ``progress(lps, points, excess)``, if given, is called as the refinement goes: the LPs
        spent, the inner points, and the largest facet excess of the current round (for two
        players the gap itself; for more, at most the gap).

        >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
        >>> ce = CorrelatedEquilibria(chicken)
        >>> rough = ce.payoff_set(max_lps=6)       # all four extreme points, not yet proved
        >>> rough.complete, rough.gap, [tuple(map(str, p.payoffs)) for p in rough]
        (False, Fraction(72, 125), [('18/5', '18/5'), ('7', '2'), ('21/4', '21/4'), ('2', '7')])
        >>> [tuple(map(str, v)) for v in rough.outer_points][:3]
        [('2', '26/5'), ('2', '7'), ('7/2', '7')]
        >>> full = ce.payoff_set(max_lps=100)
        >>> full.complete, full.gap, len(full), full.verify()
        (True, Fraction(0, 1), 4, True)
        """
        if max_lps is not None and (isinstance(max_lps, bool) or not isinstance(max_lps, int) or max_lps < 0):
            raise GameError(f"max_lps must be a non-negative integer, got {max_lps!r}")
        tol = None
        if tolerance is not None:
            tol = to_fmpq(tolerance)
            if tol < 0:
                raise GameError(f"tolerance must be >= 0, got {tolerance}")
        budgeted = max_lps is not None or tol is not None
        hull = self._hull(budgeted=budgeted, max_lps=max_lps)
        if not budgeted:
            hull.complete()
        else:
            hull.refine(max_lps, tol, progress)
        return _snapshot(hull)

    def pareto_frontier(self, max_lps: int | None = None, tolerance: Any = None,
                        progress: Callable[[int, int, Fraction], None] | None = None) -> ParetoFrontier:
        """The extreme points of ``P`` that are Pareto optimal within ``P``
        (:class:`ParetoFrontier`; without a budget, all of them).

        Two players: the chain of the polygon from the vertex maximising ``d_1`` (then
        ``d_2``) to the one maximising ``d_2`` (then ``d_1``), in order of decreasing ``d_1``.
        With a budget the sandwich of :meth:`payoff_set` refines only the facets whose normal
        is ``>= 0`` (the upper-right boundary, where the frontier lies), and the frontier's
        gap is the largest gap of those facets: every point of ``P`` satisfies
        ``c . d <= b + gap`` for each of them; 0 means the chain is the whole frontier.
        More players: the extreme points of :meth:`payoff_set` (with the same budget), each
        tested with the LP of docs/theory.md §2.3 (maximise ``sum_i (d'_i - d_i)`` over
        ``d' in P`` with ``d' >= d``; ``d`` is Pareto optimal iff the optimum is 0), one more
        LP per point; with an incomplete set, the points proved Pareto optimal by an LP along a
        strictly positive direction (:meth:`frontier_of`); the gap is the payoff set's.
        """
        if self.game.num_players != 2 or (max_lps is None and tolerance is None):
            return self.frontier_of(self.payoff_set(max_lps, tolerance, progress))
        tol = None if tolerance is None else to_fmpq(tolerance)
        hull = self._hull(budgeted=True, max_lps=max_lps, frontier=True)
        hull.refine(max_lps, tol, progress)
        best = hull.top() if hull.k else None
        gap = fraction_of(best[1]) if best else Fraction(0)
        return ParetoFrontier(_chain(list(_snapshot(hull))), gap, gap == 0, hull.lps)

    def frontier_of(self, payoffs: PayoffSet) -> ParetoFrontier:
        """The Pareto-optimal points among ``payoffs``' inner points, with its gap. Two
        players: the chain of the inner polygon from the vertex maximising ``d_1`` (then
        ``d_2``) to the one maximising ``d_2`` (then ``d_1``). More players, complete set: the
        points that pass the Pareto LP over ``P`` (one LP each, counted in ``lps``); incomplete
        set: the points on a halfspace with a strictly positive direction (maximising
        ``c . d`` with ``c > 0`` over ``P`` makes a point Pareto optimal; no further LP)."""
        n = self.game.num_players
        if n == 2:
            return ParetoFrontier(_chain(list(payoffs)), payoffs.gap, payoffs.complete, payoffs.lps)
        out = []
        if not payoffs.complete:
            positive = [h for h in payoffs.halfspaces if all(c > 0 for c in h.direction)]
            for p in payoffs:
                if any(sum(c * x for c, x in zip(h.direction, p.payoffs)) == h.bound for h in positive):
                    out.append(p)
            return ParetoFrontier(tuple(out), payoffs.gap, False, payoffs.lps)
        for p in payoffs:
            constraints = [([1 if j == i else 0 for j in range(n)], ">=", p.payoffs[i]) for i in range(n)]
            best = self.optimize([1] * n, constraints=constraints)
            if best.value == sum(p.payoffs):
                out.append(p)
        return ParetoFrontier(tuple(out), payoffs.gap, payoffs.complete, payoffs.lps + len(payoffs))

    def _hull(self, budgeted: bool = False, max_lps: int | None = None, frontier: bool = False) -> "_Hull":
        """The oracle hull of this polytope, kept between calls: a complete one, or one
        refinement sequence per kind (whole set, frontier). A budget below what the kept
        sequence has spent starts a fresh one, so the answer is the budget's own."""
        hulls = self.__dict__.setdefault("_hulls", {})
        key = "frontier" if frontier else ("budget" if budgeted else "complete")
        hull = hulls.get(key)
        if hull is None or (max_lps is not None and hull.lps > max_lps):
            hull = hulls[key] = _Hull(self, frontier=frontier)
        return hull

    # ------------------------------------------------------------------ polytope vertices
    def vertices(self, *, max_profiles: int | None = None, ray_limit: int = 200_000,
                 progress: Callable[[int, int, int], None] | None = None) -> tuple[CEPoint, ...]:
        """Every vertex of the CE polytope itself, exactly (double description).

        Limited to games with at most ``max_profiles`` profiles (default: the
        ``vertex-profiles`` limit, :data:`VERTEX_PROFILE_LIMIT` unless raised, e.g. 6x6 or
        3x3x3 games; see :mod:`exactbargain.limits`) because the number of vertices
        grows exponentially; past that, or when the enumeration would hold more than
        ``ray_limit`` intermediate rays, a :class:`VertexLimitError` says so. Vertices are
        sorted by their distribution.

        ``progress(rows_done, rows_total, rays)``, if given, is called as the incentive
        constraints are added one by one (``rows_done`` never decreases; ``rays`` counts the
        intermediate rays kept); it is how a caller shows progress on large games.

        >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
        >>> [tuple(map(str, v.payoffs)) for v in CorrelatedEquilibria(chicken).vertices()]
        [('2', '7'), ('21/4', '21/4'), ('7', '2'), ('14/3', '14/3'), ('18/5', '18/5')]
        """
        N = self.game.num_profiles
        if max_profiles is None:
            max_profiles = self.limits.vertex_profiles
        if max_profiles is not None and N > max_profiles:
            raise VertexLimitError(
                f"the game has {N} profiles; vertices() enumerates CE polytopes of games with at most "
                f"{max_profiles} profiles (the limit vertex-profiles; raise it with --limit vertex-profiles={N}, "
                f"max_profiles={N} in Python, or use payoff_set())"
            )
        dense = []
        for cols, nums in self._int_rows_dense():
            row = [0] * N
            for c, v in zip(cols, nums):
                row[c] = v
            dense.append(row)
        rays = extreme_rays(dense, N, limit=ray_limit, progress=progress)
        points = []
        for ray in rays:
            total = sum(ray)
            mu = tuple(Fraction(v, total) for v in ray)
            points.append(self._point(mu, (), ()))
        return tuple(sorted(points, key=lambda p: p.distribution))

    def _int_rows_dense(self):
        for row in self._int_rows:
            cols = sorted(row)
            yield cols, [row[c] for c in cols]


def _polytope(game: Game, method: str) -> CorrelatedEquilibria:
    """The polytope :meth:`CorrelatedEquilibria.__reduce__` took apart."""
    return CorrelatedEquilibria(game, method=method)


def _probability(value: Any, where: Any) -> "flint.fmpq":
    try:
        return to_fmpq(value)
    except ValueError as exc:
        raise GameError(f"probability at {where!r}: {exc}") from None


def _integer_row(row: IncentiveRow) -> dict[int, int]:
    """The IC row scaled by the lcm of its denominators: same inequality, integer data."""
    den = 1
    for c in row.coefficients:
        q = int(c.q)
        den = den * q // math.gcd(den, q)
    return {col: int(c * den) for col, c in zip(row.columns, row.coefficients) if c}


# --------------------------------------------------------------------------- hull by LP oracle
# Coordinates inside the hull code are flint.fmpq (C arithmetic); only results are Fractions.
_ZERO = flint.fmpq(0)
_ONE = flint.fmpq(1)


def _nullspace(rows: list[list[Any]], dim: int) -> list[list[Any]]:
    """A basis of ``{v : r . v = 0 for r in rows}`` (exact Gauss-Jordan elimination)."""
    m = [[to_fmpq(v) for v in r] for r in rows]
    pivots: list[int] = []
    r = 0
    for c in range(dim):
        if r == len(m):
            break
        p = next((k for k in range(r, len(m)) if m[k][c] != 0), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        inv = _ONE / m[r][c]
        m[r] = [v * inv for v in m[r]]
        for k in range(len(m)):
            if k != r and m[k][c] != 0:
                f = m[k][c]
                m[k] = [a - f * b for a, b in zip(m[k], m[r])]
        pivots.append(c)
        r += 1
    basis = []
    for f in (c for c in range(dim) if c not in pivots):
        v = [_ZERO] * dim
        v[f] = _ONE
        for k, c in enumerate(pivots):
            v[c] = -m[k][f]
        basis.append(v)
    return basis


def _dot(a: Sequence[Any], b: Sequence[Any]) -> Any:
    total = _ZERO
    for x, y in zip(a, b):
        if x and y:
            total += x * y
    return total


def _canonical(normal: Sequence[Any], offset: Any) -> tuple[tuple[int, ...], Any]:
    """Scale ``normal . t <= offset`` so the normal is a primitive integer vector."""
    den = 1
    for x in normal:
        q = int(x.q)
        den = den * q // math.gcd(den, q)
    ints = [int(x * den) for x in normal]
    g = 0
    for x in ints:
        g = math.gcd(g, x)
    return tuple(x // g for x in ints), offset * den / g


def _hyperplane(points: Sequence[Sequence[Any]], k: int) -> tuple[list[Any], Any] | None:
    """``(normal, offset)`` of the unique hyperplane ``normal . t = offset`` through ``points``
    in ``Q^k`` (unoriented, not normalised); ``None`` if they span less than ``k - 1``
    dimensions."""
    base = points[0]
    if len(points) == 1:
        return ([_ONE], base[0]) if k == 1 else None
    # the differences scaled to integer rows; FLINT's integer nullspace (in C) replaces a
    # Gauss-Jordan elimination over fmpq in Python, the hull's largest bookkeeping cost
    rows = []
    for q in points[1:]:
        diff = [a - b for a, b in zip(q, base)]
        den = math.lcm(*[int(v.q) for v in diff])
        rows.append([int(v * den) for v in diff])
    basis, nullity = flint.fmpz_mat(rows).nullspace()
    if nullity != 1:
        return None
    normal = [flint.fmpq(basis[i, 0]) for i in range(k)]
    return normal, _dot(normal, base)


def _facet_through(points: Sequence[Sequence[Any]], candidates: Sequence[Sequence[Any]], k: int):
    """The facet ``(normal, offset)`` of ``conv(candidates)`` whose hyperplane passes through the
    ``k`` given points, or ``None`` when they span no supporting hyperplane."""
    plane = _hyperplane(points, k)
    if plane is None:
        return None
    normal, offset = plane
    sign = 0
    for q in candidates:
        side = _dot(normal, q) - offset
        if side > 0:
            if sign < 0:
                return None
            sign = 1
        elif side < 0:
            if sign > 0:
                return None
            sign = -1
    if sign > 0:
        normal = [-v for v in normal]
        offset = -offset
    return _canonical(normal, offset)


def _affine_rank(points: Sequence[Sequence[Any]], k: int) -> int:
    """The dimension of the affine hull of ``points`` in ``Q^k``."""
    base = points[0]
    diffs = [[a - b for a, b in zip(q, base)] for q in points[1:]]
    return flint.fmpq_mat(diffs).rank() if diffs else 0


def _plane_through(points: Sequence[Sequence[Any]], inside: Sequence[Any], k: int):
    """The hyperplane through ``points`` (spanning ``k - 1`` dimensions) as a canonical
    ``(normal, offset)`` with ``inside`` strictly below it; ``None`` if there is none."""
    plane = _hyperplane(points, k)
    if plane is None:
        return None
    normal, offset = plane
    side = _dot(normal, inside) - offset
    if side == 0:
        return None
    if side > 0:
        normal, offset = [-v for v in normal], -offset
    return _canonical(normal, offset)


class _Facet:
    """A facet ``normal . t <= p / q`` of a hull under construction: ``normal`` a primitive
    integer vector, ``q > 0``; hashed once (facets are dictionary keys, and hashing their
    long integers on every lookup dominated the hull's bookkeeping)."""

    __slots__ = ("normal", "p", "q", "_hash")

    def __init__(self, normal: tuple[int, ...], offset: Any) -> None:
        self.normal = normal
        self.p, self.q = int(offset.p), int(offset.q)
        self._hash = hash((normal, self.p, self.q))

    @classmethod
    def of(cls, canonical: tuple[tuple[int, ...], Any] | None) -> "_Facet | None":
        """The facet of a canonical ``(normal, offset)`` pair (``None`` stays ``None``)."""
        return None if canonical is None else cls(*canonical)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, _Facet) and self._hash == other._hash and self.normal == other.normal
                and self.p == other.p and self.q == other.q)


class _Outer:
    """The vertices of a bounded polyhedron ``{t in Q^k : g_j . t <= h_j}``, kept exactly as
    halfspaces are added (incremental double description).

    Each vertex stores the set of halfspaces tight at it. A new halfspace removes the vertices
    beyond it and puts one new vertex on every edge from a removed vertex to a kept vertex
    strictly inside; two vertices span an edge iff the halfspaces tight at both have rank
    ``k - 1`` and no third vertex is tight at all of them (the combinatorial adjacency test,
    exact also when more than ``k`` halfspaces meet at a vertex)."""

    __slots__ = ("k", "normals", "offsets", "verts_of", "t", "ints", "tight", "_next")

    def __init__(self, k: int, halfspaces: Sequence[tuple[tuple[int, ...], Any]]) -> None:
        self.k = k
        self.normals: list[tuple[int, ...]] = []
        self.offsets: list[tuple[int, int]] = []  # h_j = p / q, q > 0
        self.verts_of: list[set[int]] = []
        self.t: dict[int, tuple[Any, ...]] = {}
        self.ints: dict[int, tuple[tuple[int, ...], int]] = {}
        self.tight: dict[int, set[int]] = {}
        self._next = 0
        for g, h in halfspaces:
            self._halfspace(g, h)
        # the first vertices by brute force: every k halfspaces of rank k meet in a point,
        # a vertex when it satisfies all halfspaces
        seen: set[tuple[Any, ...]] = set()
        for subset in itertools.combinations(range(len(self.normals)), k):
            rows = flint.fmpq_mat([list(self.normals[j]) for j in subset])
            if rows.rank() < k:
                continue
            rhs = flint.fmpq_mat(k, 1, [flint.fmpq(*self.offsets[j]) for j in subset])
            t = tuple(rows.solve(rhs).entries())
            if t in seen:
                continue
            seen.add(t)
            ints = _integer_point(t)
            sides = [self._side(j, ints) for j in range(len(self.normals))]
            if all(s <= 0 for s in sides):
                self._vertex(t, {j for j, s in enumerate(sides) if s == 0})

    def _halfspace(self, g: tuple[int, ...], h: Any) -> int:
        self.normals.append(tuple(g))
        self.offsets.append((int(h.p), int(h.q)))
        self.verts_of.append(set())
        return len(self.normals) - 1

    def _side(self, j: int, point: tuple[tuple[int, ...], int]) -> int:
        """An integer with the sign of ``g_j . t - h_j``."""
        nums, den = point
        p, q = self.offsets[j]
        return sum(a * b for a, b in zip(self.normals[j], nums) if a) * q - p * den

    def _vertex(self, t: tuple[Any, ...], tight: set[int]) -> int:
        vid = self._next
        self._next += 1
        self.t[vid] = t
        self.ints[vid] = _integer_point(t)
        self.tight[vid] = tight
        for j in tight:
            self.verts_of[j].add(vid)
        return vid

    def neighbours(self, u: int) -> list[int]:
        """The vertices joined to ``u`` by an edge."""
        k = self.k
        if k == 1:
            return [w for w in self.t if w != u]
        counts: dict[int, int] = {}
        for j in self.tight[u]:
            for w in self.verts_of[j]:
                if w != u:
                    counts[w] = counts.get(w, 0) + 1
        out = []
        for w, c in counts.items():
            if c < k - 1:
                continue
            common = self.tight[u] & self.tight[w]
            if flint.fmpz_mat([list(self.normals[j]) for j in common]).rank() != k - 1:
                continue
            tight_at_all = set.intersection(*[self.verts_of[j] for j in common])
            if len(tight_at_all) == 2:
                out.append(w)
        return out

    def cut(self, g: tuple[int, ...], h: Any) -> tuple[list[int], list[tuple[int, int, int]]]:
        """Intersect with ``g . t <= h``: the removed vertices, and each new vertex as
        ``(new, removed, kept)`` with the edge it lies on."""
        j = self._halfspace(g, h)
        p, q = self.offsets[j]
        plus: list[int] = []
        value: dict[int, int] = {}
        for v, (nums, den) in self.ints.items():
            s = self._side(j, (nums, den))
            if s > 0:
                plus.append(v)
                value[v] = s
            else:
                value[v] = s
                if s == 0:
                    self.tight[v].add(j)
                    self.verts_of[j].add(v)
        if not plus:
            return [], []
        edges = [(u, w) for u in plus for w in self.neighbours(u) if value[w] < 0]
        hq = flint.fmpq(p, q)
        new = []
        for u, w in edges:
            tu, tw = self.t[u], self.t[w]
            su = _dot(g, tu) - hq
            sw = _dot(g, tw) - hq
            lam = su / (su - sw)
            t = tuple(a + lam * (b - a) for a, b in zip(tu, tw))
            new.append((self._vertex(t, (self.tight[u] & self.tight[w]) | {j}), u, w))
        for u in plus:
            for i in self.tight.pop(u):
                self.verts_of[i].discard(u)
            del self.t[u], self.ints[u]
        return plus, new


def _integer_point(t: Sequence[Any]) -> tuple[tuple[int, ...], int]:
    """``t`` as integers over one positive denominator."""
    den = math.lcm(*[int(v.q) for v in t]) if t else 1
    return tuple(int(v * den) for v in t), den


def _linf_distance(v: Sequence[Any], points: Sequence[Sequence[Any]]) -> Fraction:
    """The L-infinity distance from ``v`` to ``conv(points)``, exactly: one small LP,
    ``min s`` over ``x = sum_j lambda_j p_j`` (``lambda`` a probability vector) with
    ``|x_i - v_i| <= s`` for every coordinate."""
    n, m = len(v), len(points)
    rows: list[list[Any]] = []
    relations: list[str] = []
    rhs: list[Any] = []
    for i in range(n):
        coords = [fraction_of(to_fmpq(p[i])) for p in points]
        rows.append(coords + [-1])
        relations.append("<=")
        rhs.append(fraction_of(to_fmpq(v[i])))
        rows.append(coords + [1])
        relations.append(">=")
        rhs.append(fraction_of(to_fmpq(v[i])))
    rows.append([1] * m + [0])
    relations.append("=")
    rhs.append(1)
    # tiny but with long coordinates: the float guide finds the optimal basis faster than
    # the exact simplex pivots through them (the answer is certified either way)
    method = "exact" if _guided.highspy is None else "guided"
    result = solve(LP.from_matrix(rows, relations, rhs, [0] * m + [1], sense="min"), method=method)
    if result.status != "optimal":
        raise SolverError(f"the distance LP came back {result.status}")
    return result.value


class _Hull:
    """The CE payoff polytope ``P`` seen through an LP oracle: the inner hull of the extreme
    points found so far (beneath-beyond), every LP's supporting halfspace, and — once a budget
    is given — the outer polytope those halfspaces cut out (:class:`_Outer`) with the sandwich
    refinement of :meth:`CorrelatedEquilibria.payoff_set`.

    Work runs in coordinates ``t`` of the affine hull of ``P``: ``d = p0 + E t`` with ``E``'s
    columns spanning its directions, ``t = L (d - p0)`` with ``L E = I``; a functional ``a . t``
    is the payoff functional ``c = L^T a`` (which lies in the span of the directions), and
    ``c . d - c . d' = a . (t - t')`` on the hull."""

    def __init__(self, ce: CorrelatedEquilibria, frontier: bool = False) -> None:
        self.ce = ce
        self.n = ce.game.num_players
        self.frontier = frontier  # refine only facets with a payoff normal >= 0
        self.found: dict[tuple[Fraction, ...], CEPoint] = {}
        self.halfspaces: list[PayoffHalfspace] = []
        self.lps = 0
        self.polygon: list[CEPoint] | None = None  # the complete 2-D route's answer
        self.outer: _Outer | None = None
        self._start()

    # ------------------------------------------------------------------ oracle
    def query(self, direction: Sequence[Any], sense: str = "max") -> CEPoint:
        c = tuple(fraction_of(to_fmpq(v)) for v in direction)
        point = self.ce._query(c, sense)
        self.lps += 1
        self.found.setdefault(point.payoffs, point)
        if sense == "max":
            self.halfspaces.append(PayoffHalfspace(c, point.value, point))
        else:
            self.halfspaces.append(PayoffHalfspace(tuple(-v for v in c), -point.value, point))
        return point

    # ------------------------------------------------------------------ start
    def _start(self) -> None:
        """The welfare direction and both senses of every axis (the floors and best payoffs,
        a bounding box), then the affine hull of ``P``: LPs in directions orthogonal to
        everything known; a direction ``c`` with ``max c.d = min c.d`` is an equation."""
        n = self.n
        self.query([1] * n)
        for i in range(n):
            axis = [1 if j == i else 0 for j in range(n)]
            self.query(axis, "max")
            self.query(axis, "min")
        found = list(self.found)
        p0 = [to_fmpq(v) for v in found[0]]
        directions: list[list[Any]] = []
        for p in found[1:]:
            diff = [to_fmpq(a) - b for a, b in zip(p, p0)]
            if flint.fmpq_mat(directions + [diff]).rank() > len(directions):
                directions.append(diff)
        equations: list[list[Any]] = []
        while True:
            candidates = _nullspace(directions + equations, n)
            if not candidates:
                break
            c = candidates[0]
            base = _dot(c, p0)
            for sense in ("max", "min"):
                d = [to_fmpq(v) for v in self.query(c, sense).payoffs]
                if _dot(c, d) != base:
                    directions.append([a - b for a, b in zip(d, p0)])
                    break
            else:
                equations.append(c)
        self.p0 = p0
        self.k = k = len(directions)
        self.on: dict[_Facet, frozenset] = {}
        self.facets_of: dict[int, set[_Facet]] = {}
        self.confirmed: set[_Facet] = set()
        self.X: list[tuple[Any, ...]] = []
        self.XI: list[tuple[int, ...]] = []
        self.XD: list[int] = []
        self.ids: dict[tuple[Fraction, ...], int] = {}
        self.extreme: set[int] = set()
        if k == 0:
            return
        E = flint.fmpq_mat([[directions[j][i] for j in range(k)] for i in range(n)])
        Et = E.transpose()
        self.E = E
        self.L = (Et * E).inv() * Et
        self._norms: dict[_Facet, Any] = {}
        if n == 2 and k == 2:
            return  # the facets are set up when needed (the complete route walks the polygon)
        self._facets()

    def coords(self, d: Sequence[Fraction]) -> tuple[Any, ...]:
        n = self.n
        diff = flint.fmpq_mat(n, 1, [to_fmpq(a) - b for a, b in zip(d, self.p0)])
        return tuple((self.L * diff).entries())

    def lift(self, a: Sequence[Any]) -> list[Any]:
        """The payoff functional of the functional ``a . t`` on the hull."""
        return (self.L.transpose() * flint.fmpq_mat(self.k, 1, [flint.fmpq(v) for v in a])).entries()

    def payoffs(self, t: Sequence[Any]) -> tuple[Fraction, ...]:
        d = self.E * flint.fmpq_mat(self.k, 1, list(t))
        return tuple(fraction_of(a + b) for a, b in zip(d.entries(), self.p0))

    def _number(self, d: tuple[Fraction, ...]) -> int:
        t = self.coords(d)
        self.X.append(t)
        nums, den = _integer_point(t)
        self.XI.append(nums)
        self.XD.append(den)
        self.ids[d] = len(self.X) - 1
        return len(self.X) - 1

    def side(self, facet: _Facet, q: int) -> int:
        """An integer with the sign of ``normal . t_q - offset``."""
        return sum(a * b for a, b in zip(facet.normal, self.XI[q]) if a) * facet.q - facet.p * self.XD[q]

    def _add_facet(self, facet: _Facet, ids: frozenset) -> None:
        self.on[facet] = ids
        for q in ids:
            self.facets_of.setdefault(q, set()).add(facet)

    def _drop_facet(self, facet: _Facet) -> frozenset:
        ids = self.on.pop(facet)
        for q in ids:
            self.facets_of[q].discard(facet)
        return ids

    def neighbours(self, facet: _Facet) -> set[_Facet]:
        """The facets sharing a point with ``facet`` (among them all that share a ridge)."""
        out: set[_Facet] = set()
        for q in self.on[facet]:
            out |= self.facets_of[q]
        out.discard(facet)
        return out

    def _is_extreme(self, q: int) -> bool:
        tight = [list(f.normal) for f in self.facets_of.get(q, ())]
        return len(tight) >= self.k and flint.fmpz_mat(tight).rank() == self.k

    def _facets(self) -> None:
        """The hull of the points found so far, from scratch (few points: every ``k``-subset)."""
        k = self.k
        for d in self.found:
            if d not in self.ids:
                self._number(d)
        X = list(dict.fromkeys(self.X))
        ids = set(range(len(self.X)))
        for subset in itertools.combinations(X, k):
            facet = _Facet.of(_facet_through(subset, X, k))
            if facet is not None and facet not in self.on:
                self._add_facet(facet, frozenset(q for q in ids if self.side(facet, q) == 0))
        # the simplex of p0 (coordinates 0) and the direction points (unit vectors) lies in
        # the hull, and its centroid strictly inside: it orients every new facet
        self.inside = tuple(flint.fmpq(1, k + 1) for _ in range(k))
        self.extreme = {q for q in ids if self._is_extreme(q)}

    # ------------------------------------------------------------------ beneath-beyond
    def add(self, facet: _Facet, point: CEPoint) -> tuple[list[_Facet], set[_Facet], list[_Facet]]:
        """Add ``point``, found beyond ``facet``: the facets it sees are replaced by the
        facets joining it to their horizon. Returns the removed facets and the horizon (the
        kept facets adjacent to removed ones) and the new facets."""
        k = self.k
        tid = self._number(point.payoffs)
        t = self.X[tid]
        # The facets that t sees form a connected region of the boundary (adjacent through
        # ridges), and t sees the facet just queried: search from it.
        seen = {facet}
        stack = [facet]
        while stack:
            for f in self.neighbours(stack.pop()):
                if f not in seen and self.side(f, tid) > 0:
                    seen.add(f)
                    stack.append(f)
        # the new facets join t to the horizon: each (k-2)-face that a seen facet shares
        # with a facet t does not see
        added: dict[_Facet, frozenset] = {}
        horizon: set[_Facet] = set()
        for f1 in seen:
            on_f1 = self.on[f1]
            for f2 in self.neighbours(f1) - seen:
                ridge = on_f1 & self.on[f2]
                if len(ridge) >= k - 1:
                    ridge_points = [self.X[q] for q in ridge]
                    if _affine_rank(ridge_points, k) == k - 2:
                        horizon.add(f2)
                        new = _Facet.of(_plane_through([t] + ridge_points, self.inside, k))
                        if new is not None:
                            added[new] = added.get(new, frozenset()) | ridge
        removed = list(seen)
        seen_ids = [self._drop_facet(f) for f in removed]
        # The old hull meets the plane through t and a horizon ridge R (it supports the old
        # hull) in a face containing R: R itself, or a whole old facet when t is coplanar
        # with it. So the points on a new facet are its ridges' and t.
        fresh: list[_Facet] = []
        for new, ridges in added.items():
            if new in self.on:
                self._add_facet(new, self.on[new] | {tid})
            else:
                self._add_facet(new, frozenset(ridges & self.extreme) | {tid})
                fresh.append(new)
        # a vertex can stop being one only if it lay on a facet that t sees
        touched = frozenset().union(*seen_ids)
        self.extreme -= {q for q in touched & self.extreme if not self._is_extreme(q)}
        self.extreme.add(tid)
        return removed, horizon, fresh

    # ------------------------------------------------------------------ complete route
    def complete(self) -> None:
        """Refine until every facet is confirmed by its own LP (the rounds of beneath-beyond
        with an LP oracle); two-dimensional polygons by :func:`_polygon`."""
        if self.k == 0 or self.polygon is not None:
            return
        if self.n == 2 and self.k == 2 and not self.on:
            self.polygon = _counter_clockwise(_polygon(self.found, self.query))
            return
        while True:
            open_facets = [f for f in self.on if f not in self.confirmed]
            if not open_facets:
                break
            for facet in open_facets:
                if facet not in self.on:
                    continue  # removed by a point added in this round
                point = self.query(self.lift(facet.normal))
                if _dot(facet.normal, self.coords(point.payoffs)) <= flint.fmpq(facet.p, facet.q):
                    self.confirmed.add(facet)
                    continue
                self.add(facet, point)

    # ------------------------------------------------------------------ sandwich route
    def _norm(self, facet: _Facet) -> Any:
        """``||c||_1`` of the facet's payoff normal ``c = L^T a``."""
        norm = self._norms.get(facet)
        if norm is None:
            norm = self._norms[facet] = sum((abs(v) for v in self.lift(facet.normal)), _ZERO)
        return norm

    def _eligible(self, facet: _Facet) -> bool:
        return not self.frontier or all(v >= 0 for v in self.lift(facet.normal))

    def _excess(self, facet: _Facet, v: int) -> Any:
        """How far outer vertex ``v`` lies beyond ``facet``, in payoff units (L1-unit normal)."""
        nums, den = self.outer.ints[v]
        return (flint.fmpq(sum(a * b for a, b in zip(facet.normal, nums) if a), den)
                - flint.fmpq(facet.p, facet.q)) / self._norm(facet)

    def facet_gap(self, facet: _Facet) -> Any:
        conflict = self.conflict.get(facet)
        if not conflict:
            return _ZERO
        return max(self._excess(facet, v) for v in conflict)

    def _beyond_side(self, facet: _Facet, v: int) -> int:
        nums, den = self.outer.ints[v]
        return sum(a * b for a, b in zip(facet.normal, nums) if a) * facet.q - facet.p * den

    def _track(self, facet: _Facet, candidates: Any) -> None:
        """Give a new facet its conflict set (the outer vertices beyond it) and its place in
        the queue."""
        conflict = {v for v in candidates if self._beyond_side(facet, v) > 0}
        self.conflict[facet] = conflict
        for v in conflict:
            self.beyond[v].add(facet)
        if conflict and self._eligible(facet):
            self._seq += 1
            heapq.heappush(self.heap, (-self.facet_gap(facet), self._seq, facet))

    def _start_sandwich(self) -> None:
        if self.k == 2 and self.n == 2 and not self.on:
            self._facets()
        k = self.k
        Et = self.E.transpose()
        halfspaces = []
        for hs in self.halfspaces:
            c = flint.fmpq_mat(self.n, 1, [to_fmpq(v) for v in hs.direction])
            g = (Et * c).entries()
            if all(v == 0 for v in g):
                continue  # an equation of the affine hull, or a direction orthogonal to it
            offset = to_fmpq(hs.bound) - _dot([to_fmpq(v) for v in hs.direction], self.p0)
            halfspaces.append(_canonical(g, offset))
        self.outer = _Outer(k, halfspaces)
        self.conflict: dict[_Facet, set[int]] = {}
        self.beyond: dict[int, set[_Facet]] = {v: set() for v in self.outer.t}
        self.heap: list = []
        self._seq = 0
        for facet in self.on:
            self._track(facet, self.outer.t)

    @property
    def by_facets(self) -> bool:
        """Two players, a polygon: the gap is the largest facet excess (see :class:`PayoffSet`),
        kept per facet; otherwise it is kept per outer vertex (its distance to the inner hull)."""
        return self.n == 2 and self.k == 2

    def distance(self, v: int) -> Any:
        """The L-infinity distance from outer vertex ``v`` to the inner hull: the nearest
        point lies on a facet that ``v`` sees, so only those facets' points enter the LP."""
        facets = self.beyond.get(v)
        if not facets:
            return _ZERO
        ids = sorted(set().union(*[self.on[f] for f in facets]))
        points = [self.payoffs(self.X[q]) for q in ids]
        return to_fmpq(_linf_distance(self.payoffs(self.outer.t[v]), points))

    def hausdorff(self) -> Any:
        """The gap without ``by_facets``: the largest distance from an outer vertex to the
        inner hull. Vertices go in decreasing order of a cheap upper bound (the distance to
        the nearest inner point on a facet they see); the exact distance (one small LP) is
        computed until no bound exceeds the largest distance found."""
        bounds = []
        for v, facets in self.beyond.items():
            if facets:
                d = self.payoffs(self.outer.t[v])
                ids = set().union(*[self.on[f] for f in facets])
                bound = min(max(abs(a - b) for a, b in zip(d, self.payoffs(self.X[q]))) for q in ids)
                bounds.append((bound, v))
        bounds.sort(key=lambda e: (-e[0], e[1]))
        best = Fraction(0)
        for bound, v in bounds:
            if bound <= best:
                break
            best = max(best, fraction_of(self.distance(v)))
        return to_fmpq(best)

    def top(self) -> tuple[_Facet, Any] | None:
        """The eligible facet with the largest gap and that gap; ``None`` when every eligible
        facet has gap 0. Queue keys are upper bounds (the outer polytope only shrinks), so a
        key is recomputed when it reaches the top."""
        heap = self.heap
        while heap:
            key, seq, facet = heap[0]
            if facet not in self.on:
                heapq.heappop(heap)
                continue
            gap = self.facet_gap(facet)
            if gap == 0:
                heapq.heappop(heap)
            elif gap == -key:
                return facet, gap
            else:
                heapq.heapreplace(heap, (-gap, seq, facet))
        return None

    def _round(self) -> tuple[Any, list[_Facet]]:
        """The largest facet excess, and the facets to query next: the one with the largest
        excess first, then every other facet whose excess exceeds half of it, in the order of
        their normals' angles. Neighbouring directions keep the
        float guide's warm starts short (seven times fewer HiGHS seconds on a 20x20 polygon
        than in the order of the gaps), and the round still spends the budget where the
        picture is worst."""
        best = self.top()
        if best is None:
            return _ZERO, []
        gap = best[1]
        half = gap / 2
        picked: dict[_Facet, None] = {}
        keep = []
        heap = self.heap
        while heap and -heap[0][0] > half:
            key, seq, facet = heapq.heappop(heap)
            if facet not in self.on:
                continue
            value = self.facet_gap(facet)
            if value == 0:
                continue
            keep.append((-value, seq, facet))
            if value > half:
                picked[facet] = None
        for entry in keep:
            heapq.heappush(heap, entry)
        first = best[0]
        rest = sorted((f for f in picked if f != first), key=self._angle)
        return gap, [first] + rest

    def _angle(self, facet: _Facet) -> tuple:
        """A float key ordering facets by the direction of their payoff normals (order only)."""
        c = [fraction_of(v) for v in self.lift(facet.normal)]
        top = max(abs(v) for v in c)
        f = [float(v / top) for v in c]  # float-guide: an order of the queries, never a result
        return (math.atan2(f[1], f[0]),) + tuple(f[2:]) + (facet.normal, facet.p, facet.q)

    def refine(self, max_lps: int | None, tolerance: Any, progress: Callable[[int, int, Fraction], None] | None) -> None:
        """The sandwich, in rounds (:meth:`_round`): query a facet's outward normal, cut the
        outer polytope with the LP's halfspace, and add the point found when it lies beyond
        the facet; until every gap is 0, the gap is at most ``tolerance`` or ``max_lps`` LPs
        have run."""
        if self.k == 0:
            return
        if self.outer is None:
            self._start_sandwich()
            self._pending: list[_Facet] = []
            self._pending_gap = _ZERO
        while True:
            if not self._pending:
                gap, order = self._round()
                if progress is not None:
                    progress(self.lps, len(self.extreme), fraction_of(gap))
                if not order:
                    return
                if tolerance is not None and (gap if self.by_facets else self.hausdorff()) <= tolerance:
                    return
                self._pending, self._pending_gap = order, gap
            # a round left unfinished by a budget is finished by the next call, so the sequence
            # of LPs does not depend on the budget
            while self._pending:
                if max_lps is not None and self.lps >= max_lps:
                    return
                facet = self._pending.pop(0)
                if facet in self.on and self.conflict.get(facet):
                    self._step(facet)
                    if self.by_facets and tolerance is not None:
                        best = self.top()
                        if best is None or best[1] <= tolerance:
                            return
                    if progress is not None:
                        progress(self.lps, len(self.extreme), fraction_of(self._pending_gap))

    def _step(self, facet: _Facet) -> None:
        """One LP along ``facet``'s outward normal, and what it teaches both polytopes."""
        point = self.query(self.lift(facet.normal))
        t = self.coords(point.payoffs)
        level = _dot(facet.normal, t)
        removed, new = self.outer.cut(facet.normal, level)
        # a point of the edge (u, w) lies beyond a facet only if u or w does
        for w, u, kept in new:
            self.beyond[w] = set()
            for f in self.beyond[u] | self.beyond[kept]:
                if self._beyond_side(f, w) > 0:
                    self.conflict[f].add(w)
                    self.beyond[w].add(f)
        for v in removed:
            for f in self.beyond.pop(v):
                self.conflict[f].discard(v)
        if level > flint.fmpq(facet.p, facet.q):
            gone, horizon, fresh = self.add(facet, point)
            # an outer vertex beyond a new facet (through t and a horizon ridge) lies
            # beyond one of the two old facets at that ridge: a removed or a horizon one
            candidates: set[int] = set()
            for f in gone:
                candidates |= self.conflict.pop(f)
            for f in horizon:
                candidates |= self.conflict.get(f, set())
            for v in candidates:
                self.beyond[v].difference_update(gone)
            for f in fresh:
                self._track(f, candidates)


def _chain(points: list[CEPoint]) -> tuple[CEPoint, ...]:
    """The counter-clockwise chain of a polygon's vertices from the one maximising ``d_1``
    (then ``d_2``) to the one maximising ``d_2`` (then ``d_1``)."""
    start = max(range(len(points)), key=lambda k: (points[k].payoffs[0], points[k].payoffs[1]))
    stop = max(range(len(points)), key=lambda k: (points[k].payoffs[1], points[k].payoffs[0]))
    chain = [points[start]]
    k = start
    while k != stop:
        k = (k + 1) % len(points)
        chain.append(points[k])
    return tuple(chain)


def _snapshot(hull: _Hull) -> PayoffSet:
    """The :class:`PayoffSet` of ``hull`` as it stands."""
    game = hull.ce.game
    halfspaces = tuple(hull.halfspaces)
    if hull.k == 0:
        point = next(iter(hull.found.values()))
        return PayoffSet(game, (point,), (), (point.payoffs,), halfspaces, Fraction(0), True, hull.lps)
    if hull.polygon is not None:
        points = hull.polygon
        facets = []
        for p, q in zip(points, points[1:] + points[:1]):
            normal = (q.payoffs[1] - p.payoffs[1], p.payoffs[0] - q.payoffs[0])
            norm = abs(normal[0]) + abs(normal[1])
            c = (normal[0] / norm, normal[1] / norm)
            facets.append((c, c[0] * p.payoffs[0] + c[1] * p.payoffs[1]))
        return PayoffSet(game, tuple(points), tuple(sorted(facets)), tuple(p.payoffs for p in points),
                         halfspaces, Fraction(0), True, hull.lps)
    points = [hull.found[d] for d, q in hull.ids.items() if q in hull.extreme]
    if hull.n == 2 and hull.k == 2:
        points = _counter_clockwise(points)
    else:
        points.sort(key=lambda p: p.payoffs)
    facets = []
    for f in hull.on:
        c = hull.lift(f.normal)
        norm = sum((abs(v) for v in c), _ZERO)
        c = tuple(fraction_of(v / norm) for v in c)
        d = hull.payoffs(hull.X[next(iter(hull.on[f]))])
        facets.append((c, sum(x * y for x, y in zip(c, d))))
    if hull.outer is None:
        outer, gap = tuple(p.payoffs for p in points), Fraction(0)
    else:
        outer = tuple(sorted(hull.payoffs(t) for t in hull.outer.t.values()))
        if hull.by_facets:
            gap = fraction_of(max((hull.facet_gap(f) for f in hull.on), default=_ZERO))
        else:
            gap = fraction_of(hull.hausdorff())
    return PayoffSet(game, tuple(points), tuple(sorted(facets)), outer, halfspaces, gap, gap == 0, hull.lps)


def _polygon(found: dict[tuple[Fraction, ...], CEPoint],
             query: Callable[[Sequence[Any]], CEPoint]) -> list[CEPoint]:
    """The vertices of a two-dimensional CE payoff polygon from an LP oracle.

    The hull of the points found so far is kept counter-clockwise. For an edge ``(p, q)``
    with outward normal ``c`` (primitive integers) one LP maximises ``c . d``: if the
    optimum is ``c . p`` the edge is an edge of ``P`` and stays confirmed; otherwise the
    optimal point ``t`` lies beyond it and goes in between ``p`` and ``q``, and the vertices
    that ``t`` makes reflex are removed (incremental convex hull). Every LP either confirms
    an edge of ``P`` or adds a new point, so there are at most ``2 V`` of them after the
    affine-hull phase, and each edge test costs O(1) exact arithmetic."""
    key = {tuple(to_fmpq(v) for v in p): p for p in found}
    hull = _convex_chain(list(key))
    # an edge of P stays one: a confirmed pair is skipped whenever it is consecutive
    confirmed: set[tuple[Any, Any]] = set()
    k, streak = 0, 0
    while streak < len(hull):
        p, q = hull[k], hull[(k + 1) % len(hull)]
        if (p, q) not in confirmed:
            normal, _ = _canonical([q[1] - p[1], p[0] - q[0]], _ZERO)
            point = query(normal)
            t = tuple(to_fmpq(v) for v in point.payoffs)
            if normal[0] * (t[0] - p[0]) + normal[1] * (t[1] - p[1]) <= 0:
                confirmed.add((p, q))
            else:
                key[t] = point.payoffs
                hull.insert(k + 1, t)
                # the vertices t makes reflex: behind it (from p back), then ahead (from q on)
                while len(hull) > 3:
                    at = hull.index(t)
                    if _cross(hull[at - 2], hull[at - 1], t) > 0:
                        break
                    del hull[at - 1]
                while len(hull) > 3:
                    at = hull.index(t)
                    nxt, nxt2 = (at + 1) % len(hull), (at + 2) % len(hull)
                    if _cross(t, hull[nxt], hull[nxt2]) > 0:
                        break
                    del hull[nxt]
                k, streak = (hull.index(t) - 1) % len(hull), 0
                continue
        streak += 1
        k = (k + 1) % len(hull)
    return [found[key[t]] for t in hull]


def _counter_clockwise(points: list[CEPoint]) -> list[CEPoint]:
    """Order the vertices of a convex polygon counter-clockwise from the one with least
    ``d_1 + d_2`` (ties: least ``d_1``)."""
    if len(points) <= 2:
        return sorted(points, key=lambda p: (sum(p.payoffs), p.payoffs[0]))
    start = min(points, key=lambda p: (sum(p.payoffs), p.payoffs[0]))
    sx, sy = start.payoffs

    # Seen from a vertex of a convex polygon, the other vertices lie within an angle below
    # pi, so the sign of the cross product is a strict total order on their directions.
    def cmp(p: CEPoint, q: CEPoint) -> int:
        ax, ay = p.payoffs[0] - sx, p.payoffs[1] - sy
        bx, by = q.payoffs[0] - sx, q.payoffs[1] - sy
        cross = ax * by - ay * bx
        return -1 if cross > 0 else (1 if cross < 0 else 0)

    others = sorted((p for p in points if p is not start), key=functools.cmp_to_key(cmp))
    return [start] + others
