"""The independent check of a correlated equilibrium, and of an LP claimed to bound CE payoffs.

Everything here is computed in plain rational arithmetic from :meth:`Game.payoff` alone, so
it verifies the LP code of :mod:`~exactbargain.equilibria.correlated` without sharing any of
it: :func:`check_correlated_equilibrium` re-checks a witness distribution, and the private
helpers re-check that an LP is a relaxation of the CE polytope with a given payoff objective
and compute the exact L-infinity distance from a point to a polytope (one small LP).
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction
from typing import Any, Sequence

from ..errors import SolverError
from ..game import Game
from ..lp import LP, LPData, solve
from ..lp import guided as _guided
from ..numbers import format_rational, format_vector, fraction_of, to_fmpq

__all__ = ["check_correlated_equilibrium"]


def _text(v: Sequence[Fraction]) -> str:
    return format_vector(v)


def check_correlated_equilibrium(
    game: Game, distribution: Sequence[Fraction], payoffs: Sequence[Fraction] | None = None
) -> list[str]:
    """Everything that stops ``distribution`` (C order) from being a CE of ``game`` with the
    given expected ``payoffs``; an empty list means it is one.

    Computed in plain rational arithmetic from :meth:`Game.payoff` alone (no LP code):
    non-negativity, total mass 1, every IC row ``>= 0``, and ``u(mu) == payoffs``. The
    probabilities and each player's payoffs are written over one common denominator, so the
    sums run in integers.

    Parameters
    ----------
    game : Game
        The game.
    distribution : sequence of exact rationals
        One probability per profile, in C order (the last player's action changes fastest).
    payoffs : sequence of exact rationals, optional
        The expected payoffs the distribution is claimed to pay; not checked when omitted.

    Returns
    -------
    list of str
        One message per failure; empty for a correlated equilibrium paying ``payoffs``.

    Raises
    ------
    TypeError
        If an entry is not a rational number.

    Examples
    --------
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
