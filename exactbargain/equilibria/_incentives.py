"""The incentive (IC) rows of the correlated-equilibrium polytope, built without any LP.

For player ``i`` and an ordered pair of actions ``a_i != a_i'`` the row reads

    sum_{a_-i} mu(a_i, a_-i) * [u_i(a_i, a_-i) - u_i(a_i', a_-i)] >= 0,

"if told ``a_i``, obeying is at least as good as switching to ``a_i'``", multiplied through
by the probability ``mu(a_i)`` of the recommendation so that it stays linear (and valid when
``mu(a_i) = 0``). The row touches only the ``|A_-i|`` profiles in which ``i`` plays ``a_i``,
so the IC matrix is sparse: ``sum_i m_i (m_i - 1)`` rows with ``|A| / m_i`` entries each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import flint

from .. import limits as _limits
from ..game import Game

__all__ = ["IncentiveRow", "incentive_rows", "integer_row"]


@dataclass(frozen=True, slots=True)
class IncentiveRow:
    """One IC row: ``player`` told ``action`` must not gain by playing ``deviation``.

    ``columns`` are C-order profile positions (those where ``player`` plays ``action``) and
    ``coefficients`` the matching ``u_i(a) - u_i(deviation, a_-i)`` as ``fmpq``.
    """

    player: int
    action: int
    deviation: int
    columns: tuple[int, ...]
    coefficients: tuple["flint.fmpq", ...]

    def value(self, distribution: Sequence["flint.fmpq"]) -> "flint.fmpq":
        """The row's left-hand side at a distribution given in C order."""
        total = flint.fmpq(0)
        for col, coef in zip(self.columns, self.coefficients):
            total += coef * distribution[col]
        return total


def _positions(shape: Sequence[int], player: int) -> list[list[int]]:
    """For each action of ``player``, the C-order positions of the profiles where it is played,
    listed in the same order of the other players' actions for every action."""
    stride = 1
    for m in shape[player + 1:]:
        stride *= m
    block = stride * shape[player]
    size = 1
    for m in shape:
        size *= m
    out = []
    for k in range(shape[player]):
        cols = []
        for start in range(0, size, block):
            base = start + k * stride
            cols.extend(range(base, base + stride))
        out.append(cols)
    return out


def incentive_rows(game: Game) -> tuple[IncentiveRow, ...]:
    """All IC rows of ``game``, player by player, then by recommended action and deviation.

    Refused (:class:`~exactbargain.limits.LimitError`) before anything is built when the rows
    have more entries than the ``lp-entries`` limit in force.

    >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    >>> [(r.player, r.action, r.deviation, [str(c) for c in r.coefficients]) for r in incentive_rows(chicken)]
    [(0, 0, 1, ['-2', '1']), (0, 1, 0, ['2', '-1']), (1, 0, 1, ['-2', '1']), (1, 1, 0, ['2', '-1'])]
    """
    _limits.check_ce(game.shape)
    rows = []
    shape = game.shape
    for i in range(game.num_players):
        entries = game.payoff_entries(i)
        positions = _positions(shape, i)
        values = [[entries[c] for c in cols] for cols in positions]
        for k, cols in enumerate(positions):
            for dev in range(shape[i]):
                if dev == k:
                    continue
                coefs = tuple(a - b for a, b in zip(values[k], values[dev]))
                rows.append(IncentiveRow(i, k, dev, tuple(cols), coefs))
    return tuple(rows)


def integer_row(row: IncentiveRow) -> dict[int, int]:
    """The IC row scaled by the lcm of its denominators: same inequality, integer data."""
    den = 1
    for c in row.coefficients:
        q = int(c.q)
        den = den * q // math.gcd(den, q)
    return {col: int(c * den) for col, c in zip(row.columns, row.coefficients) if c}
