"""The results of LPs over the correlated-equilibrium polytope: points with their witnesses,
membership ledgers, payoff halfspaces, payoff sets between an inner and an outer polytope, and
Pareto frontiers.

Each result re-checks itself (``check``/``verify``) with
:func:`~exactbargain.equilibria.ce_check.check_correlated_equilibrium` and the LP
certificates, never with the code that built it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

import flint

from ..errors import GameError
from ..game import Game
from ..geometry.affine import affine_rank
from ..geometry.oracle import OracleHull
from ..lp import LPResult
from ..lp.certify import PRIMAL_INTEGERS
from ..numbers import format_rational, fraction_of, to_fmpq
from ..tables import Renderable, Table, Vector, game_title, key_value_table, profile_label
from ..tables.display import display_rational, display_vector
from .ce_check import _linf_distance, _lp_bounds_payoffs, _text, check_correlated_equilibrium

__all__ = [
    "CEPoint",
    "CEMembership",
    "IncentiveSlack",
    "PayoffHalfspace",
    "PayoffSet",
    "ParetoFrontier",
]


# --------------------------------------------------------------------------- results
@dataclass(frozen=True, slots=True)
class CEPoint(Renderable):
    """A correlated equilibrium found by LP: the witness ``distribution`` (C order over the
    game's profiles), its expected ``payoffs``, the optimal ``values`` of the objective(s)
    that selected it, and the LP results that certify those optima.

    Parameters
    ----------
    game : Game
        The game.
    distribution : tuple of Fraction
        The witness, C order over the profiles.
    payoffs : tuple of Fraction
        Its expected payoff to every player.
    values : tuple of Fraction
        The optimal objective values (empty when no LP selected the point).
    certificates : tuple of LPResult
        One certified LP result per objective.
    """

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
        """The witness as ``{profile labels: probability}`` over profiles with positive mass.

        Returns
        -------
        dict
            Profile (a tuple of action labels) -> probability, in C order.
        """
        out = {}
        for k, prof in enumerate(self.game.profiles()):
            if self.distribution[k]:
                out[tuple(self.game.actions[i][a] for i, a in enumerate(prof))] = self.distribution[k]
        return out

    def check(self) -> list[str]:
        """Failures of the witness (independent recomputation) and of the LP certificates.

        Returns
        -------
        list of str
            One message per failure; empty when everything holds.
        """
        out = check_correlated_equilibrium(self.game, self.distribution, self.payoffs)
        for k, cert in enumerate(self.certificates):
            out += [f"LP {k + 1}: {msg}" for msg in cert.check()]
        return out

    def verify(self) -> bool:
        """``True`` iff the witness is a CE paying ``payoffs`` and every certificate holds.

        Returns
        -------
        bool
            Whether :meth:`check` finds nothing.
        """
        return not self.check()

    def to_json(self) -> dict:
        """JSON-ready dict with exact ``"p/q"`` strings.

        Returns
        -------
        dict
            ``payoffs``, ``values`` and the ``distribution`` over the support (profile labels
            joined by commas).
        """
        return {
            "payoffs": [format_rational(p) for p in self.payoffs],
            "values": [format_rational(v) for v in self.values],
            "distribution": {
                ",".join(labels): format_rational(p) for labels, p in self.support().items()
            },
        }

    def __str__(self) -> str:
        support = ", ".join(f"{'/'.join(k)}: {display_rational(p)}" for k, p in self.support().items())
        return f"payoffs {display_vector(self.payoffs)} by {{{support}}}"

    def __repr__(self) -> str:
        size = sum(1 for p in self.distribution if p)
        return f"<CEPoint {self.game.title!r}: payoffs {_text(self.payoffs)}, {size} profiles in the support>"

    def tables(self, *, title: str | None = None) -> list[Table]:
        """One table: the expected payoffs, the optimal objective values (if an LP selected
        the point) and the probability of every profile in the support (``title``
        replaces the game's title).

        Parameters
        ----------
        title : str, optional
            The name of the game in the table.

        Returns
        -------
        list of Table
            The one table.

        Examples
        --------
        >>> from exactbargain.equilibria import CorrelatedEquilibria
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
    """One IC row evaluated at a distribution: ``slack >= 0`` means the row holds.

    Parameters
    ----------
    player : str
        The player's name.
    told : str
        The action recommended.
    deviation : str
        The action deviated to.
    slack : Fraction
        The row's value at the distribution.
    """

    player: str
    told: str
    deviation: str
    slack: Fraction


@dataclass(frozen=True, slots=True)
class CEMembership:
    """The exact ledger of :meth:`CorrelatedEquilibria.contains`; true iff the distribution
    is a correlated equilibrium.

    Parameters
    ----------
    is_member : bool
        Whether it is one.
    slacks : tuple of IncentiveSlack
        Every IC row at the distribution.
    total : Fraction
        The distribution's total mass.
    negative_entries : tuple of int
        The C-order positions of negative probabilities.
    """

    is_member: bool
    slacks: tuple[IncentiveSlack, ...]
    total: Fraction
    negative_entries: tuple[int, ...]

    def __bool__(self) -> bool:
        return self.is_member

    def violations(self) -> tuple[IncentiveSlack, ...]:
        """The IC rows with negative slack.

        Returns
        -------
        tuple of IncentiveSlack
            In the order of :attr:`slacks`.
        """
        return tuple(s for s in self.slacks if s.slack < 0)

    def __str__(self) -> str:
        lines = [f"{'a correlated equilibrium' if self.is_member else 'not a correlated equilibrium'}"
                 f" (total mass {format_rational(self.total)})"]
        for s in self.slacks:
            mark = "" if s.slack >= 0 else "   <-- violated"
            lines.append(f"  {s.player} told {s.told}, deviating to {s.deviation}: slack {format_rational(s.slack)}{mark}")
        return "\n".join(lines)



@dataclass(frozen=True, slots=True)
class PayoffHalfspace:
    """``direction . d <= bound`` for every CE payoff vector ``d``: the optimum of one LP over
    the CE polytope, attained by ``point`` (whose certificate is that LP's).

    Parameters
    ----------
    direction : tuple of Fraction
        ``c``, one weight per player.
    bound : Fraction
        The LP's optimum of ``c . d``.
    point : CEPoint
        The optimal point, with the LP as its one certificate.
    """

    direction: tuple[Fraction, ...]
    bound: Fraction
    point: CEPoint

    def check(self) -> list[str]:
        """Failures: of the witness (a CE paying ``point.payoffs``, on the hyperplane), of the
        LP's certificate (its dual proves the optimum), and of the LP being a relaxation of the
        CE polytope with this objective, read from the game's payoffs.

        Returns
        -------
        list of str
            One message per failure; empty when the halfspace is proved.
        """
        out = self.point.check()
        if sum(c * d for c, d in zip(self.direction, self.point.payoffs)) != self.bound:
            out.append(f"the witness pays {_text(self.point.payoffs)}, not on the hyperplane")
        if len(self.point.certificates) != 1:
            return out + ["a halfspace is proved by exactly one LP"]
        cert = self.point.certificates[0]
        return out + _lp_bounds_payoffs(self.point.game, cert.lp, self.direction, self.bound, cert.value)

    def to_json(self) -> dict:
        """JSON-ready dict with exact ``"p/q"`` strings.

        Returns
        -------
        dict
            ``direction`` and ``bound``.
        """
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

    Parameters
    ----------
    game : Game
        The game.
    points : tuple of CEPoint
        The inner polytope's vertices.
    facets : tuple of (tuple of Fraction, Fraction)
        The inner polytope's facets.
    outer_points : tuple of tuples of Fraction
        The outer polytope's vertices.
    halfspaces : tuple of PayoffHalfspace
        One per LP.
    gap : Fraction
        The Hausdorff distance between inner and outer polytope.
    complete : bool
        ``gap == 0``.
    lps : int
        The LPs spent.
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
        construction ensures.)

        Returns
        -------
        list of str
            One message per failure; empty when everything holds.

        Raises
        ------
        SolverError
            If a distance LP does not come back optimal.
        """
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
        dim = affine_rank(pts, n) if pts else 0
        for k, (c, b) in enumerate(self.facets):
            if sum(abs(x) for x in c) != 1:
                out.append(f"facet {k + 1}'s normal does not have unit L1 norm")
            on = [q for q, p in zip(pts, self.points) if sum(x * y for x, y in zip(c, p.payoffs)) == b]
            if any(sum(x * y for x, y in zip(c, p.payoffs)) > b for p in self.points):
                out.append(f"facet {k + 1} cuts off an inner point")
            elif not on or affine_rank(on, n) != dim - 1:
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
        """``True`` iff :meth:`check` finds nothing.

        Returns
        -------
        bool
            Whether the payoff set checks out.

        Raises
        ------
        SolverError
            If a distance LP does not come back optimal.
        """
        return not self.check()

    def to_json(self) -> dict:
        """JSON-ready dict with exact ``"p/q"`` strings.

        Returns
        -------
        dict
            ``complete``, ``gap``, ``lps``, ``points``, ``facets``, ``outer_points`` and
            ``halfspaces``.
        """
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
        state = "complete" if self.complete else f"incomplete, gap {display_rational(self.gap)}"
        lines = [f"CE payoff set: {len(self.points)} extreme points ({state}; {self.lps} LPs)"]
        lines += [f"  {display_vector(p.payoffs)}" for p in self.points]
        if not self.complete:
            lines.append(f"  outer polytope: {len(self.outer_points)} vertices")
            lines += [f"  {display_vector(v)}" for v in self.outer_points]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class ParetoFrontier(_Points):
    """The CE-Pareto-optimal extreme points found (``points``; two players: in order of
    decreasing ``d_1``), whether they are all of them (``complete``), the ``gap`` that bounds
    what is missing, and the ``lps`` spent (see :meth:`CorrelatedEquilibria.pareto_frontier`).
    Iterating, ``len`` and indexing go over ``points``.

    Parameters
    ----------
    points : tuple of CEPoint
        The Pareto-optimal extreme points found.
    gap : Fraction
        What bounds the part of the frontier not found (``0`` when complete).
    complete : bool
        Whether the points are all of the frontier's extreme points.
    lps : int
        The LPs spent.
    """

    points: tuple[CEPoint, ...]
    gap: Fraction
    complete: bool
    lps: int

    def __str__(self) -> str:
        state = "complete" if self.complete else f"incomplete, gap {display_rational(self.gap)}"
        return "\n".join([f"CE Pareto frontier: {len(self.points)} extreme points ({state}; {self.lps} LPs)"]
                         + [f"  {display_vector(p.payoffs)}" for p in self.points])


def _payoffs(mu: Sequence[Fraction], table: Sequence[tuple[list[int], int]],
             result: LPResult | None) -> tuple[Fraction, ...]:
    """``u_i(mu) = sum_a U_i(a) N(a) / (d_i D)`` for every player: payoffs ``U_i / d_i`` over
    one denominator per player (``table``), ``mu = N / D`` over one common denominator, so
    the sums run in integers. ``N`` and ``D`` are read from the LP ``result`` that found
    ``mu`` when it kept them for this very tuple (``PRIMAL_INTEGERS``; the lowest common terms
    of ``X / dx``), else from ``mu``'s fractions."""
    kept = result.lp.cache.get(PRIMAL_INTEGERS) if result is not None else None
    if kept is not None and kept[0] is mu:
        _, cols, X, dx = kept
        g = math.gcd(dx, *X)
        D, weights = dx // g, [(a, N // g) for a, N in zip(cols, X) if N]
    else:
        support = [(a, p) for a, p in enumerate(mu) if p]
        D = math.lcm(*[p.denominator for _, p in support]) if support else 1
        weights = [(a, p.numerator * (D // p.denominator)) for a, p in support]
    return tuple(Fraction(sum(U[a] * N for a, N in weights), d * D) for U, d in table)


def _snapshot(game: Game, hull: OracleHull) -> PayoffSet:
    """The :class:`PayoffSet` of the oracle hull of ``game``'s CE payoffs as it stands (the
    hull's witnesses are the :class:`CEPoint` of its queries)."""
    halfspaces = tuple(PayoffHalfspace(h.direction, h.bound, h.witness) for h in hull.halfspaces)
    points = tuple(witness for _, witness in hull.points())
    gap = hull.gap()
    return PayoffSet(game, points, tuple(hull.facets()), hull.outer_points(), halfspaces, gap, gap == 0,
                     hull.lps)


# --------------------------------------------------------------------------- membership
def _probability(value: Any, where: Any) -> "flint.fmpq":
    try:
        return to_fmpq(value)
    except ValueError as exc:
        raise GameError(f"probability at {where!r}: {exc}") from None


def _distribution_vector(game: Game, distribution: Any) -> list["flint.fmpq"]:
    """A distribution over ``game``'s profiles as exact C-order probabilities: from a
    C-order sequence, or a mapping ``profile -> probability`` (profiles as label or index
    tuples; missing profiles have 0)."""
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


def _membership(game: Game, rows: Sequence[Any], mu: Sequence["flint.fmpq"]) -> "CEMembership":
    """The ledger of ``mu`` against the IC ``rows`` of ``game``: every row's exact slack, the
    total mass and the negative entries (:meth:`CorrelatedEquilibria.contains`)."""
    slacks = tuple(
        IncentiveSlack(game.players[r.player], game.actions[r.player][r.action],
                       game.actions[r.player][r.deviation], fraction_of(r.value(mu)))
        for r in rows
    )
    total = fraction_of(sum(mu, flint.fmpq(0)))
    negative = tuple(k for k, p in enumerate(mu) if p < 0)
    member = total == 1 and not negative and all(s.slack >= 0 for s in slacks)
    return CEMembership(member, slacks, total, negative)
