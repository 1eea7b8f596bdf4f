"""Exact values and optimal strategies of two-player zero-sum games; security levels.

For a rational matrix ``M`` (rows: the maximiser's actions, columns: the minimiser's),

    val(M) = max_{x in Delta(rows)} min_b (x M)_b = min_{y in Delta(cols)} max_a (M y)_a

(von Neumann). We solve the row player's LP

    maximise v  subject to  sum_a x_a M[a, b] - v >= 0 for every column b,
                            sum_a x_a = 1,  x >= 0,  v free,

and read the column player's optimal strategy off its dual: with the LP engine's shadow-price
convention the ``>=`` rows of a maximisation carry ``y_b <= 0``, and the dual constraint of
the free variable ``v`` reads ``-sum_b y_b = 1``, so ``q_b = -y_b`` is a probability vector;
dual feasibility for ``x_a`` says ``(M q)_a <= v`` and complementary slackness makes the
bound tight. The row is scaled by the common denominator ``D`` of ``M`` so the LP has
integer data; its duals are then ``q_b / D``.

:meth:`ZeroSumSolution.verify` re-checks ``min_b (x M)_b = value = max_a (M q)_a`` with plain
:class:`fractions.Fraction` arithmetic: this alone proves optimality of both strategies.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import flint

from ..errors import GameError, SolverError
from ..game import Game, _matrix
from ..lp import LP, LPResult, solve
from ..numbers import format_rational, fraction_of, to_fmpq
from ._incentives import _positions

__all__ = ["ZeroSumSolution", "SecurityLevels", "minimax", "security_levels"]


def _text(v: Sequence[Fraction]) -> str:
    return "(" + ", ".join(str(e) for e in v) + ")"


@dataclass(frozen=True, slots=True)
class ZeroSumSolution:
    """The exact solution of the zero-sum game ``matrix`` (row player maximises).

    ``value`` is ``val(M)``; ``row_strategy`` and ``column_strategy`` are optimal mixed
    strategies; ``certificate`` is the LP result (primal and dual certificates).
    """

    value: Fraction
    row_strategy: tuple[Fraction, ...]
    column_strategy: tuple[Fraction, ...]
    matrix: tuple[tuple[Fraction, ...], ...]
    certificate: LPResult

    def check(self) -> list[str]:
        """Everything wrong with the claimed solution (empty when it is proved).

        Checks with plain fractions that both strategies are probability vectors and that
        ``min_b (x M)_b == value == max_a (M y)_a``; the two inequalities
        ``val >= min_b (xM)_b`` and ``val <= max_a (My)_a`` hold for any strategies, so
        equality proves both optimal and the value exact.
        """
        out = []
        M, x, y = self.matrix, self.row_strategy, self.column_strategy
        rows, cols = len(M), len(M[0])
        for name, vec, size in (("row", x, rows), ("column", y, cols)):
            if len(vec) != size:
                out.append(f"{name} strategy has {len(vec)} entries, expected {size}")
            elif any(p < 0 for p in vec) or sum(vec) != 1:
                out.append(f"{name} strategy is not a probability vector")
        if out:
            return out
        guaranteed = min(sum(x[a] * M[a][b] for a in range(rows)) for b in range(cols))
        conceded = max(sum(M[a][b] * y[b] for b in range(cols)) for a in range(rows))
        if guaranteed != self.value:
            out.append(f"the row strategy guarantees {guaranteed}, not {self.value}")
        if conceded != self.value:
            out.append(f"the column strategy concedes {conceded}, not {self.value}")
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong."""
        return not self.check()

    def to_json(self) -> dict:
        """JSON-ready dict with exact ``"p/q"`` strings."""
        return {
            "value": format_rational(self.value),
            "row_strategy": [format_rational(p) for p in self.row_strategy],
            "column_strategy": [format_rational(p) for p in self.column_strategy],
            "certificate": self.certificate.to_json(),
        }

    def __str__(self) -> str:
        return (
            f"value {self.value}\n"
            f"row strategy    {_text(self.row_strategy)}\n"
            f"column strategy {_text(self.column_strategy)}"
        )


def _as_matrix(matrix_or_game: Any) -> "flint.fmpq_mat":
    if isinstance(matrix_or_game, Game):
        game = matrix_or_game
        if game.num_players != 2:
            raise GameError(f"minimax needs a two-player game; this one has {game.num_players} players")
        if not game.is_zero_sum():
            raise GameError(
                "minimax needs a zero-sum game (u_1 + u_2 = 0 everywhere); for a general game "
                "solve minimax(game.difference()) or pass a matrix"
            )
        return game.payoff_matrix(0)
    if isinstance(matrix_or_game, flint.fmpq_mat):
        if matrix_or_game.nrows() == 0 or matrix_or_game.ncols() == 0:
            raise GameError("minimax needs a non-empty matrix")
        return matrix_or_game
    rows = _matrix(matrix_or_game, "M")
    flat = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            try:
                flat.append(to_fmpq(value))
            except ValueError as exc:
                raise GameError(f"matrix entry [{r}][{c}]: {exc}") from None
    return flint.fmpq_mat(len(rows), len(rows[0]), flat)


def _solve_matrix(M: "flint.fmpq_mat", method: str) -> ZeroSumSolution:
    rows, cols = M.nrows(), M.ncols()
    nums, den = M.numer_denom()
    den = int(den)
    # column b of M becomes row b of the LP: D * (x M)_b - D * v >= 0
    A = nums.transpose().tolist()
    A = [[int(e) for e in row] + [-den] for row in A]
    A.append([1] * rows + [0])
    relations = [">="] * cols + ["="]
    rhs = [0] * cols + [1]
    objective = [0] * rows + [1]
    lp = LP.from_matrix(A, relations, rhs, objective, sense="max", free=[rows])
    result = solve(lp, method=method)
    if result.status != "optimal":  # a zero-sum LP always has an optimum
        raise SolverError(f"the zero-sum LP came back {result.status}; it always has an optimum")
    x = tuple(result.x[:rows])
    y = tuple(-result.y[b] * den for b in range(cols))
    matrix = tuple(tuple(fraction_of(e) for e in row) for row in M.tolist())
    return ZeroSumSolution(result.value, x, y, matrix, result)


def minimax(matrix_or_game: Any, *, method: str = "auto") -> ZeroSumSolution:
    """Solve a two-player zero-sum game exactly.

    ``matrix_or_game`` is a matrix of rationals (rows: the maximiser's actions) or a
    two-player zero-sum :class:`~exactbargain.game.Game` (player 1 maximises ``u_1``).
    ``method`` is passed to :func:`exactbargain.lp.solve`.

    >>> sol = minimax([[1, -1], [-1, 1]])
    >>> sol.value, sol.row_strategy, sol.column_strategy
    (Fraction(0, 1), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    >>> minimax([["1/3", "-1/2"], ["-1/5", "1/7"]]).value
    Fraction(-11, 247)
    >>> sol.verify()
    True
    """
    return _solve_matrix(_as_matrix(matrix_or_game), method)


@dataclass(frozen=True, slots=True)
class SecurityLevels:
    """Each player's security level ``beta_i = max_{sigma_i} min_{a_-i} u_i(sigma_i, a_-i)``.

    ``solutions[i]`` solves the zero-sum game of player ``i`` (rows: ``i``'s actions) against
    the *correlated* rest (columns: the others' joint profiles in C order); by the minimax
    theorem ``beta_i`` is also the least payoff the others can hold ``i`` to by correlating.
    """

    levels: tuple[Fraction, ...]
    solutions: tuple[ZeroSumSolution, ...]

    def verify(self) -> bool:
        """Re-check every zero-sum solution exactly."""
        return all(s.verify() and s.value == v for s, v in zip(self.solutions, self.levels))

    def to_json(self) -> dict:
        """JSON-ready dict."""
        return {"levels": [format_rational(v) for v in self.levels],
                "solutions": [s.to_json() for s in self.solutions]}

    def __str__(self) -> str:
        return "security levels " + _text(self.levels)


def security_levels(game: Game, *, method: str = "auto") -> SecurityLevels:
    """Every player's maximin value against the correlated other players (any ``n``).

    >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    >>> security_levels(chicken).levels
    (Fraction(2, 1), Fraction(2, 1))
    """
    solutions = []
    for i in range(game.num_players):
        entries = game.payoff_entries(i)
        positions = _positions(game.shape, i)
        M = flint.fmpq_mat(len(positions), len(positions[0]),
                           [entries[c] for cols in positions for c in cols])
        solutions.append(_solve_matrix(M, method))
    return SecurityLevels(tuple(s.value for s in solutions), tuple(solutions))
