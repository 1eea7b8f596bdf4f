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
from ..numbers import format_rational, format_vector, fraction_of, to_fmpq, to_fraction
from ..tables import Renderable, Table, Vector, game_title, key_value_table, profile_label
from ._cone import VertexLimitError, extreme_rays
from ._incentives import IncentiveRow, incentive_rows

__all__ = [
    "CorrelatedEquilibria",
    "CEPoint",
    "CEMembership",
    "IncentiveSlack",
    "check_correlated_equilibrium",
    "VertexLimitError",
    "VERTEX_PROFILE_LIMIT",
]

#: :meth:`CorrelatedEquilibria.vertices` refuses games with more profiles than this.
VERTEX_PROFILE_LIMIT = _limits.DEFAULT_LIMITS.vertex_profiles


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
            # one polytope, many objectives: the rows are built (and the float guide's model
            # set up) once, and each LP only brings its objective
            base = getattr(self, "_base", None)
            if base is None:
                base = self._base = LP.from_matrix(
                    list(self._int_rows) + [[1] * N], [">="] * len(self._int_rows) + ["="],
                    [0] * len(self._int_rows) + [1], {}, sense="max").data
            return self._run(base.with_objective(coefficients, sense))
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

    def max_welfare(self) -> CEPoint:
        """A CE maximising the total ``sum_i u_i(mu)``; ``value`` is the CE max welfare."""
        return self.optimize([1] * self.game.num_players)

    def best_for(self, player: Any) -> CEPoint:
        """A CE maximising ``u_i``; ``value`` is player ``i``'s best CE payoff."""
        i = self.game.player_index(player)
        return self.optimize([1 if j == i else 0 for j in range(self.game.num_players)])

    def worst_for(self, player: Any) -> CEPoint:
        """A CE minimising ``u_i``; ``value`` is player ``i``'s CE floor."""
        i = self.game.player_index(player)
        return self.optimize([1 if j == i else 0 for j in range(self.game.num_players)], sense="min")

    def floor(self) -> tuple[Fraction, ...]:
        """The CE floor ``l_i = min_{mu in CE} u_i(mu)`` of every player (one LP each)."""
        return tuple(self.worst_for(i).value for i in range(self.game.num_players))

    # ------------------------------------------------------------------ payoff polytope
    def payoff_set(self) -> tuple[CEPoint, ...]:
        """The extreme points of the CE payoff polytope ``P = {u(mu) : mu in CE}``, exactly.

        Found by LP queries only: the affine hull of ``P`` first (at most ``2n`` LPs), then
        the hull of the points found so far is refined facet by facet — for each facet with
        outward normal ``c`` one LP maximises ``c . d`` over ``P``; a point beyond the facet
        is added, otherwise the facet is confirmed. When every facet is confirmed the hull
        is ``P``. Points that are not extreme are dropped exactly at the end. Two players:
        the polygon in counter-clockwise order, starting from the vertex with the least
        ``d_1 + d_2`` (then least ``d_1``).
        """
        return tuple(self._hull().points)

    def pareto_frontier(self) -> tuple[CEPoint, ...]:
        """The extreme points of ``P`` that are Pareto optimal within ``P``.

        Two players: the exact chain from the vertex maximising ``d_1`` (then ``d_2``) to the
        one maximising ``d_2`` (then ``d_1``), in order of decreasing ``d_1``. More players:
        each extreme point ``d`` is tested with the LP of docs/theory.md §2.3 (maximise
        ``sum_i (d'_i - d_i)`` over ``d' in P`` with ``d' >= d``; ``d`` is Pareto optimal iff the
        optimum is 0).
        """
        hull = self._hull()
        points = list(hull.points)
        n = self.game.num_players
        if n == 2:
            start = max(range(len(points)), key=lambda k: (points[k].payoffs[0], points[k].payoffs[1]))
            stop = max(range(len(points)), key=lambda k: (points[k].payoffs[1], points[k].payoffs[0]))
            chain = [points[start]]
            k = start
            while k != stop:
                k = (k + 1) % len(points)
                chain.append(points[k])
            return tuple(chain)
        out = []
        for p in points:
            constraints = [([1 if j == i else 0 for j in range(n)], ">=", p.payoffs[i]) for i in range(n)]
            best = self.optimize([1] * n, constraints=constraints)
            if best.value == sum(p.payoffs):
                out.append(p)
        return tuple(out)

    def _hull(self) -> "_Hull":
        cached = getattr(self, "_hull_cache", None)
        if cached is None:
            cached = _Hull.build(self)
            self._hull_cache = cached
        return cached

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


class _Hull:
    """The extreme points of the CE payoff polytope, found by LP queries (see
    :meth:`CorrelatedEquilibria.payoff_set`)."""

    __slots__ = ("points",)

    def __init__(self, points: list[CEPoint]) -> None:
        self.points = points

    @classmethod
    def build(cls, ce: CorrelatedEquilibria) -> "_Hull":
        n = ce.game.num_players
        found: dict[tuple[Fraction, ...], CEPoint] = {}

        def query(direction: Sequence[Any], sense: str = "max") -> CEPoint:
            point = ce.optimize([fraction_of(to_fmpq(v)) for v in direction], sense=sense)
            found.setdefault(point.payoffs, point)
            return point

        # 1. The affine hull of P: p0, then LPs in directions orthogonal to everything known.
        #    A direction c with max c.d = min c.d = c.p0 is an equation of the hull.
        p0 = [to_fmpq(v) for v in query([1] * n).payoffs]
        directions: list[list[Any]] = []
        equations: list[list[Any]] = []
        while True:
            candidates = _nullspace(directions + equations, n)
            if not candidates:
                break
            c = candidates[0]
            base = _dot(c, p0)
            for sense in ("max", "min"):
                d = [to_fmpq(v) for v in query(c, sense).payoffs]
                if _dot(c, d) != base:
                    directions.append([a - b for a, b in zip(d, p0)])
                    break
            else:
                equations.append(c)
        k = len(directions)
        if k == 0:
            return cls([next(iter(found.values()))])
        if n == 2 and k == 2:
            return cls(_counter_clockwise(_polygon(found, query)))
        # 2. Coordinates t = L (d - p0) in the hull, with L E = I for E = [directions];
        #    a functional a . t on the hull is the payoff functional c = L^T a.
        E = flint.fmpq_mat([[directions[j][i] for j in range(k)] for i in range(n)])
        Et = E.transpose()
        L = (Et * E).inv() * Et

        def coords(d: Sequence[Fraction]) -> tuple[Any, ...]:
            diff = flint.fmpq_mat(n, 1, [to_fmpq(a) - b for a, b in zip(d, p0)])
            return tuple((L * diff).entries())

        def lift(a: Sequence[int]) -> list[Any]:
            return (L.transpose() * flint.fmpq_mat(k, 1, [flint.fmpq(v) for v in a])).entries()

        # 3. Beneath-beyond with an LP oracle. Points are numbered (hashing exact tuples is
        #    slow); facets are _Facet keys.
        pts: dict[tuple[Fraction, ...], tuple[Any, ...]] = {p: coords(p) for p in found}
        X: list[tuple[Any, ...]] = list(dict.fromkeys(pts.values()))
        # side tests run in integers: point q is XI[q] / XD[q] with XD[q] > 0, so
        # sign(normal . t - p / q) = sign(side(f, q)) for a facet normal . t <= p / q
        XI: list[tuple[int, ...]] = []
        XD: list[int] = []

        def number(t: tuple[Any, ...]) -> None:
            den = math.lcm(*[int(v.q) for v in t])
            XI.append(tuple(int(v * den) for v in t))
            XD.append(den)

        def side(facet: _Facet, q: int) -> int:
            return sum(a * b for a, b in zip(facet.normal, XI[q]) if a) * facet.q - facet.p * XD[q]

        for t in X:
            number(t)
        extreme = set(range(len(X)))
        # on: each facet of the current hull -> the numbers of the known points on it;
        # facets_of: the inverse, so that neighbours and vertex tests stay local
        on: dict[_Facet, frozenset] = {}
        facets_of: dict[int, set[_Facet]] = {}

        def add_facet(facet: _Facet, ids: frozenset) -> None:
            on[facet] = ids
            for q in ids:
                facets_of.setdefault(q, set()).add(facet)

        def drop_facet(facet: _Facet) -> frozenset:
            ids = on.pop(facet)
            for q in ids:
                facets_of[q].discard(facet)
            return ids

        def neighbours(facet: _Facet) -> set[_Facet]:
            """The facets sharing a point with ``facet`` (among them all that share a ridge)."""
            out: set[_Facet] = set()
            for q in on[facet]:
                out |= facets_of[q]
            out.discard(facet)
            return out

        for subset in itertools.combinations(X, k):
            facet = _Facet.of(_facet_through(subset, X, k))
            if facet is not None and facet not in on:
                add_facet(facet, frozenset(q for q in extreme if side(facet, q) == 0))
        confirmed: set[_Facet] = set()

        # the simplex of p0 (coordinates 0) and the direction points (unit vectors) lies in
        # the hull, and its centroid strictly inside: it orients every new facet
        inside = tuple(flint.fmpq(1, k + 1) for _ in range(k))

        def is_extreme(q: int) -> bool:
            tight = [list(f.normal) for f in facets_of.get(q, ())]
            return len(tight) >= k and flint.fmpz_mat(tight).rank() == k

        extreme = {q for q in extreme if is_extreme(q)}

        while True:
            open_facets = [f for f in on if f not in confirmed]
            if not open_facets:
                break
            for facet in open_facets:
                if facet not in on:
                    continue  # removed by a point added in this round
                point = ce.optimize([fraction_of(v) for v in lift(facet.normal)])
                t = coords(point.payoffs)
                if _dot(facet.normal, t) <= flint.fmpq(facet.p, facet.q):
                    confirmed.add(facet)
                    continue
                found.setdefault(point.payoffs, point)
                pts[point.payoffs] = t
                X.append(t)
                number(t)
                tid = len(X) - 1
                # The facets that t sees form a connected region of the boundary (adjacent
                # through ridges), and t sees the facet just queried: search from it.
                seen = {facet}
                stack = [facet]
                while stack:
                    for f in neighbours(stack.pop()):
                        if f not in seen and side(f, tid) > 0:
                            seen.add(f)
                            stack.append(f)
                # the new facets join t to the horizon: each (k-2)-face that a seen facet
                # shares with a facet t does not see
                added: dict[_Facet, frozenset] = {}
                for f1 in seen:
                    on_f1 = on[f1]
                    for f2 in neighbours(f1) - seen:
                        ridge = on_f1 & on[f2]
                        if len(ridge) >= k - 1:
                            ridge_points = [X[q] for q in ridge]
                            if _affine_rank(ridge_points, k) == k - 2:
                                new = _Facet.of(_plane_through([t] + ridge_points, inside, k))
                                if new is not None:
                                    added[new] = added.get(new, frozenset()) | ridge
                seen_ids = [drop_facet(f) for f in seen]
                # The old hull meets the plane through t and a horizon ridge R (it supports
                # the old hull) in a face containing R: R itself, or a whole old facet when t
                # is coplanar with it. So the points on a new facet are its ridges' and t.
                for new, ridges in added.items():
                    if new in on:
                        add_facet(new, on[new] | {tid})
                    else:
                        add_facet(new, frozenset(ridges & extreme) | {tid})
                # a vertex can stop being one only if it lay on a facet that t sees
                touched = frozenset().union(*seen_ids)
                extreme -= {q for q in touched & extreme if not is_extreme(q)}
                extreme.add(tid)
        extreme = [X[q] for q in extreme]
        keep = set(extreme)
        out = [found[p] for p, t in pts.items() if t in keep]
        if n == 2 and k == 2:
            out = _counter_clockwise(out)
        else:
            out.sort(key=lambda q: q.payoffs)
        return cls(out)


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
