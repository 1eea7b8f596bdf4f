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

import math
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

import flint

from .. import limits as _limits
from ..errors import GameError, SolverError
from ..game import Game, require_game
from ..geometry import OracleHull, SandwichHull, pareto_chain
from ..lp import LP, LPData, LPResult, solve
from ..lp.oracle import Oracle
from ..numbers import fraction_of, to_fmpq
from ._cone import VertexLimitError, cone_slice_vertices
from ._incentives import IncentiveRow, incentive_rows, integer_row
from .ce_check import _linf_distance, check_correlated_equilibrium
from .ce_results import (
    CEMembership,
    CEPoint,
    IncentiveSlack,
    ParetoFrontier,
    PayoffHalfspace,
    PayoffSet,
    _distribution_vector,
    _membership,
    _payoffs,
    _snapshot,
)

__all__ = [
    "CorrelatedEquilibria", "CEPoint", "CEMembership", "PayoffSet", "PayoffHalfspace", "ParetoFrontier",
    "IncentiveSlack", "check_correlated_equilibrium", "VertexLimitError", "VERTEX_PROFILE_LIMIT",
    "PAYOFF_SET_MAX_LPS", "PAYOFF_SET_WORK",
]

#: :meth:`CorrelatedEquilibria.vertices` refuses games with more profiles than this.
VERTEX_PROFILE_LIMIT = _limits.DEFAULT_LIMITS.vertex_profiles

#: The LPs ``exactbargain equilibria --correlated`` spends on the payoff set by default (at
#: most; fewer on large polytopes, see :meth:`CorrelatedEquilibria.default_budget`).
PAYOFF_SET_MAX_LPS = 100

#: The default budget's work: an LP of ``s = rows x columns`` entries counts ``s * floor(s^(1/4))``
#: of it (measured: the cost of an LP grows like ``s^1.1`` from 20x20 to 30x30 games).
PAYOFF_SET_WORK = 600_000_000


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

    Parameters
    ----------
    game : Game
        The game, with any number of players.
    method : str
        The :func:`exactbargain.lp.solve` method of every LP.
    limits : Limits, optional
        The size limits (default: the ones in force).

    Raises
    ------
    GameError
        If ``game`` is no :class:`~exactbargain.game.Game`.
    LimitError
        If the IC matrix is larger than the ``lp-entries`` limit allows.

    Examples
    --------
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
        self._int_rows = [integer_row(r) for r in self._rows]
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

    def contains(self, distribution: Any) -> CEMembership:
        """The exact slack of every IC row at ``distribution`` (a C-order sequence, or a
        mapping ``profile -> probability`` with profiles as label or index tuples).

        Parameters
        ----------
        distribution : sequence or mapping
            C-order probabilities, or ``profile -> probability`` (missing profiles have 0).

        Returns
        -------
        CEMembership
            Every row's slack, the total mass and the negative entries; true iff it is a CE.

        Raises
        ------
        GameError
            If a probability is no exact rational, a profile is unknown or the sequence has
            the wrong length.

        Examples
        --------
        >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], actions=(("D", "C"), ("D", "C")))
        >>> ledger = CorrelatedEquilibria(chicken).contains({("D", "C"): "1/3", ("C", "D"): "1/3", ("C", "C"): "1/3"})
        >>> bool(ledger), [str(s.slack) for s in ledger.slacks]
        (True, ['1/3', '1/3', '1/3', '1/3'])
        """
        return _membership(self.game, self._rows, _distribution_vector(self.game, distribution))

    # ------------------------------------------------------------------ LPs
    def _weights(self, objective: Any) -> list["flint.fmpq"]:
        """The weights of a payoff objective, one per player."""
        weights = list(objective)
        if len(weights) != self.game.num_players:
            raise GameError(
                f"a payoff objective lists one weight per player ({self.game.num_players}), got {len(weights)}; "
                "pass a mapping profile -> weight for an objective in probabilities"
            )
        return [to_fmpq(w) for w in weights]

    def _objective_coefficients(self, objective: Any) -> list["flint.fmpq"]:
        if isinstance(objective, Mapping):
            return _distribution_vector(self.game, objective)
        nums, den, _ = self._payoff_objective(self._weights(objective))
        return [flint.fmpq(v, den) for v in nums]

    def _solve(self, coefficients: Sequence["flint.fmpq"], sense: str,
               extra: Sequence[tuple[Sequence["flint.fmpq"], str, "flint.fmpq"]]) -> LPResult:
        N = self.game.num_profiles
        if not extra:
            # one polytope, many objectives: the oracle holds the rows (and the float guide's
            # warm model and the exact primal solutions met so far), each LP brings only its
            # objective
            return self._run(self._lp().problem(coefficients, sense))
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

    def _lp(self) -> Oracle:
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

        Parameters
        ----------
        *objectives : sequence or mapping
            One or more objectives, optimised in order.
        sense : {"max", "min"}
            Whether every objective is maximised or minimised.
        constraints : sequence of (objective, str, value)
            Extra rows ``objective relation value``, ``relation`` one of ``<=``, ``>=``, ``=``.

        Returns
        -------
        CEPoint
            An optimum of the last objective, with ``value`` per objective and their LPs.

        Raises
        ------
        GameError
            If ``sense`` is not ``max``/``min``, no objective is given, or one misfits the game.
        NumberError
            If a weight or a constraint's value is a float.
        LPError
            If a constraint's relation is not ``<=``, ``>=`` or ``=``.

        Examples
        --------
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
        if len(objectives) == 1 and not constraints and not isinstance(objectives[0], Mapping):
            # the oracle's LP, its objective built in integers (the LP its coefficients state)
            nums, den, parts = self._payoff_objective(self._weights(objectives[0]))
            result = self._run(self._lp().combination(nums, den, parts, sense))
            return self._point(result.x, [result.value], [result])
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
        payoffs = _payoffs(mu, self._payoff_integers(), certs[-1] if certs else None)
        return CEPoint(self.game, mu, payoffs, tuple(values), tuple(certs))

    def _payoff_objective(self, weights: Sequence["flint.fmpq"]) -> tuple[list[int], int, list]:
        """``sum_i w_i u_i`` at every profile as integers over one positive denominator:
        with ``u_i = U_i / d_i`` and ``w_i = p_i / q_i``, the denominator is
        ``D = lcm(q_i d_i)`` and profile ``a`` gets ``sum_i U_i(a) p_i D / (q_i d_i)``; and
        its parts ``(p_i D / (q_i d_i), U_i)`` (:meth:`exactbargain.lp.oracle.Oracle.combination`)."""
        terms = [(U, d * int(w.q), int(w.p)) for (U, d), w in zip(self._payoff_integers(), weights) if w != 0]
        D = math.lcm(*[q for _, q, _ in terms]) if terms else 1
        parts = [(p * (D // q), U) for U, q, p in terms]
        nums = [0] * self.game.num_profiles
        for k, (f, U) in enumerate(parts):
            nums = [a + u * f for a, u in zip(nums, U)] if k else [u * f for u in U]
        return nums, D, parts

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
        # keyed by integer pairs: a Fraction's hash takes a modular inverse of its
        # denominator (12 us for three of a lifted facet normal's, against 1 us)
        key = (tuple((v.numerator, v.denominator) for v in direction), sense)
        point = memo.get(key)
        if point is None:
            point = memo[key] = self.optimize(list(direction), sense=sense)
        return point

    def max_welfare(self) -> CEPoint:
        """A CE maximising the total ``sum_i u_i(mu)``; ``value`` is the CE max welfare.

        Returns
        -------
        CEPoint
            The optimum, with its LP certificate.

        Raises
        ------
        SolverError
            If the LP does not come back optimal.
        """
        return self._query((Fraction(1),) * self.game.num_players, "max")

    def _axis(self, player: Any) -> tuple[Fraction, ...]:
        i = self.game.player_index(player)
        return tuple(Fraction(int(j == i)) for j in range(self.game.num_players))

    def best_for(self, player: Any) -> CEPoint:
        """A CE maximising ``u_i``; ``value`` is player ``i``'s best CE payoff.

        Parameters
        ----------
        player : str or int
            The player's name or index.

        Returns
        -------
        CEPoint
            The optimum, with its LP certificate.

        Raises
        ------
        GameError
            If there is no such player.
        """
        return self._query(self._axis(player), "max")

    def worst_for(self, player: Any) -> CEPoint:
        """A CE minimising ``u_i``; ``value`` is player ``i``'s CE floor.

        Parameters
        ----------
        player : str or int
            The player's name or index.

        Returns
        -------
        CEPoint
            The optimum, with its LP certificate.

        Raises
        ------
        GameError
            If there is no such player.
        """
        return self._query(self._axis(player), "min")

    def floor(self) -> tuple[Fraction, ...]:
        """The CE floor ``l_i = min_{mu in CE} u_i(mu)`` of every player (one LP each).

        Returns
        -------
        tuple of Fraction
            One floor per player.

        Raises
        ------
        SolverError
            If an LP does not come back optimal.
        """
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

        Parameters
        ----------
        max_lps : int, optional
            The budget of LPs in all.
        tolerance : exact rational, optional
            Stop once the gap is at most this (payoff units).
        progress : callable, optional
            ``progress(lps, points, excess)``.

        Returns
        -------
        PayoffSet
            The inner and outer polytope, their gap and every LP's halfspace.

        Raises
        ------
        GameError
            If ``max_lps`` is no non-negative integer or ``tolerance`` is negative.
        ValueError
            If ``tolerance`` is no exact rational.

        Examples
        --------
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
        return _snapshot(self.game, hull)

    def default_budget(self) -> int:
        """The LPs the command line spends on the payoff set unless told otherwise:
        ``PAYOFF_SET_WORK // (s * floor(s^(1/4)))`` for the CE LP's ``s = rows x columns``
        (``rows``: the incentive constraints and ``sum mu = 1``; ``columns``: the profiles),
        at least ``2n + 2`` (the welfare direction, both senses of every axis, one
        refinement) and at most :data:`PAYOFF_SET_MAX_LPS`.

        A count, so the answer is the same on every machine. It shrinks faster than the LP's
        size grows, as the cost of an LP does (a 40x40 LP whose optimum mixes 600 profiles
        takes seconds), so that the default answer takes about the same time on every size:
        100 LPs up to 19x19 or 10x10x10 games, 85 on 20x20, 27 on 25x25, 10 on 30x30, 6 on
        40x40.

        Returns
        -------
        int
            The default ``max_lps``.

        Examples
        --------
        >>> CorrelatedEquilibria(Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])).default_budget()
        100
        """
        size = (len(self._int_rows) + 1) * self.game.num_profiles
        floor = 2 * self.game.num_players + 2
        return max(floor, min(PAYOFF_SET_MAX_LPS, PAYOFF_SET_WORK // (size * math.isqrt(math.isqrt(size)))))

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

        Parameters
        ----------
        max_lps : int, optional
            The budget of LPs in all.
        tolerance : exact rational, optional
            Stop once the gap is at most this (payoff units).
        progress : callable, optional
            ``progress(lps, points, excess)``, as for :meth:`payoff_set`.

        Returns
        -------
        ParetoFrontier
            The frontier's extreme points found, its gap and the LPs spent.

        Raises
        ------
        GameError
            If ``max_lps`` or ``tolerance`` is invalid.
        """
        if self.game.num_players != 2 or (max_lps is None and tolerance is None):
            return self.frontier_of(self.payoff_set(max_lps, tolerance, progress))
        tol = None if tolerance is None else to_fmpq(tolerance)
        hull = self._hull(budgeted=True, max_lps=max_lps, frontier=True)
        hull.refine(max_lps, tol, progress)
        best = hull.top() if hull.k else None
        gap = fraction_of(best[1]) if best else Fraction(0)
        return ParetoFrontier(_chain(_snapshot(self.game, hull)), gap, gap == 0, hull.lps)

    def frontier_of(self, payoffs: PayoffSet) -> ParetoFrontier:
        """The Pareto-optimal points among ``payoffs``' inner points, with its gap. Two
        players: the chain of the inner polygon from the vertex maximising ``d_1`` (then
        ``d_2``) to the one maximising ``d_2`` (then ``d_1``). More players, complete set: the
        points that pass the Pareto LP over ``P`` (one LP each, counted in ``lps``); incomplete
        set: the points on a halfspace with a strictly positive direction (maximising
        ``c . d`` with ``c > 0`` over ``P`` makes a point Pareto optimal; no further LP).

        Parameters
        ----------
        payoffs : PayoffSet
            A payoff set of this polytope.

        Returns
        -------
        ParetoFrontier
            Its Pareto-optimal inner points.

        Raises
        ------
        SolverError
            If a Pareto LP does not come back optimal.
        """
        n = self.game.num_players
        if n == 2:
            return ParetoFrontier(_chain(payoffs), payoffs.gap, payoffs.complete, payoffs.lps)
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

    def _hull(self, budgeted: bool = False, max_lps: int | None = None, frontier: bool = False) -> OracleHull:
        """The oracle hull of this polytope, kept between calls: a complete one, or one
        refinement sequence per kind (whole set, frontier). A budget below what the kept
        sequence has spent starts a fresh one, so the answer is the budget's own."""
        hulls = self.__dict__.setdefault("_hulls", {})
        key = "frontier" if frontier else ("budget" if budgeted else "complete")
        hull = hulls.get(key)
        if hull is None or (max_lps is not None and hull.lps > max_lps):
            if key == "complete":
                hull = OracleHull(self._oracle, self.game.num_players)
            else:
                hull = SandwichHull(self._oracle, self.game.num_players, distance=_linf_distance,
                                    frontier=frontier)
            hulls[key] = hull
        return hull

    def _oracle(self, direction: tuple[Fraction, ...], sense: str) -> tuple[tuple[Fraction, ...], CEPoint]:
        """The oracle of the payoff polytope: an optimal payoff vector, with its CE as witness."""
        point = self._query(direction, sense)
        return point.payoffs, point

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

        Parameters
        ----------
        max_profiles : int, optional
            The largest number of profiles enumerated.
        ray_limit : int
            The most intermediate rays held.
        progress : callable, optional
            ``progress(rows_done, rows_total, rays)``.

        Returns
        -------
        tuple of CEPoint
            Every vertex (no LP certificates), sorted by distribution.

        Raises
        ------
        VertexLimitError
            If the game has more than ``max_profiles`` profiles or the enumeration would
            hold more than ``ray_limit`` rays.

        Examples
        --------
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
        rays = cone_slice_vertices(self._int_rows, N, limit=ray_limit, progress=progress)
        return tuple(sorted((self._point(mu, (), ()) for mu in rays), key=lambda p: p.distribution))


def _polytope(game: Game, method: str) -> CorrelatedEquilibria:
    """The polytope :meth:`CorrelatedEquilibria.__reduce__` took apart."""
    return CorrelatedEquilibria(game, method=method)


def _chain(points: PayoffSet) -> tuple[CEPoint, ...]:
    """The counter-clockwise chain of a polygon's vertices from the one maximising ``d_1``
    (then ``d_2``) to the one maximising ``d_2`` (then ``d_1``)."""
    return pareto_chain(list(points), key=lambda p: p.payoffs)
