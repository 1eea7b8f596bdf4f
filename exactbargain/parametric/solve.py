"""Parametric solutions of LP-based quantities of a :class:`ParametricGame`.

* :func:`minimax` -- the value and optimal strategies of the zero-sum matrix ``M(t)``;
* :func:`max_total` -- ``W(t)``, the largest total payoff over profiles (an LP over the
  profiles, so an upper envelope of polynomials);
* :func:`coco` -- the two-player CoCo value ``(W/2 + val(Z), W/2 - val(Z))``,
  ``Z = (u_1 - u_2)/2``.

>>> from exactbargain.parametric import ParametricGame
>>> sol = minimax([["t", "1"], ["1", "0"]])
>>> print(sol.value)
t in (-inf, 1]: -1/(t - 2)
t in (1, inf): 1
>>> [str(x) for x in sol.pieces[0].row_strategy]
['-1/(t - 2)', '(t - 1)/(t - 2)']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import flint

from .algebraic import Interval
from .expr import poly_from
from .family import ParametricGame
from .piecewise import Piece, Piecewise
from .plp import BasisCertificate, ParametricLP, solve_parametric
from .ratfunc import RatFunc

__all__ = ["minimax", "max_total", "coco", "kappa", "security_levels", "ParametricMinimax", "MinimaxPiece", "as_interval"]


def as_interval(domain: Interval | str | None) -> Interval:
    """An :class:`Interval` from itself, text (``"0:inf"``, ``"[0, 1)"``) or ``None`` (the whole line)."""
    if domain is None:
        return Interval()
    if isinstance(domain, Interval):
        return domain
    return Interval.parse(domain)


@dataclass(frozen=True, eq=False)
class MinimaxPiece:
    """On ``interval``: the value, an optimal row strategy and column strategy (rational
    functions), and the basis certificate."""

    interval: Interval
    value: RatFunc
    row_strategy: tuple[RatFunc, ...]
    column_strategy: tuple[RatFunc, ...]
    certificate: BasisCertificate


@dataclass(frozen=True, eq=False)
class ParametricMinimax:
    """The zero-sum game ``matrix`` solved for every ``t`` in ``domain``: ``pieces`` (one per
    optimal basis) and ``value`` (a :class:`Piecewise`, equal pieces merged)."""

    matrix: tuple[tuple[flint.fmpq_poly, ...], ...]
    domain: Interval
    pieces: tuple[MinimaxPiece, ...]
    value: Piecewise

    def verify(self) -> bool:
        """Re-check every basis certificate on its interval (:func:`verify.check_basis`)."""
        return all(not p.certificate.check(p.interval) for p in self.pieces)


def _matrix_lp(M: Sequence[Sequence[flint.fmpq_poly]]) -> ParametricLP:
    m, n = len(M), len(M[0])
    lp = ParametricLP(m + 1, free=[m])
    for b in range(n):
        row = {a: M[a][b] for a in range(m)}
        row[m] = -1
        lp.add_row(row, ">=", 0)
    lp.add_row({a: 1 for a in range(m)}, "=", 1)
    lp.set_objective({m: 1})
    return lp


def minimax(matrix: Any, domain: Interval | str | None = None, parameter: str = "t") -> ParametricMinimax:
    """Solve the zero-sum game ``matrix(t)`` (rows maximise) for every ``t`` in ``domain``.

    The LP is ``max v`` s.t. ``sum_a x_a M[a][b] - v >= 0`` for every column ``b``,
    ``sum_a x_a = 1``, ``x >= 0``; the column strategy is minus the duals of the column rows.

    Parameters
    ----------
    matrix : matrix of polynomials (text, sympy, numbers, ``fmpq_poly``)
    domain : Interval, str or None
        Default: the whole line.
    parameter : str

    Returns
    -------
    ParametricMinimax

    Raises
    ------
    NumberError
        For an entry that is not a polynomial with rational coefficients.
    ParametricError
        Where the method stops.
    """
    M = tuple(tuple(poly_from(x, parameter) for x in row) for row in matrix)
    m, n = len(M), len(M[0])
    lp = _matrix_lp(M)
    pieces = []
    for lpp in solve_parametric(lp, as_interval(domain)):
        c = lpp.certificate
        pieces.append(MinimaxPiece(lpp.interval, c.value, c.x[:m], tuple(-y for y in c.y[:n]), c))
    value = Piecewise([Piece(p.interval, p.value, ((p.interval, p.certificate),)) for p in pieces], parameter)
    return ParametricMinimax(M, as_interval(domain), tuple(pieces), value)


def max_total(game: ParametricGame, domain: Interval | str | None = None) -> Piecewise:
    """``W(t) = max over profiles of the total payoff``, piecewise (an LP over profiles).

    Parameters
    ----------
    game : ParametricGame
    domain : Interval, str or None

    Returns
    -------
    Piecewise

    Raises
    ------
    ParametricError
        Where the method stops.
    """
    totals = [sum(col, flint.fmpq_poly([])) for col in zip(*game.payoffs)]
    lp = ParametricLP(len(totals))
    lp.add_row({k: 1 for k in range(len(totals))}, "=", 1)
    lp.set_objective(dict(enumerate(totals)))
    return Piecewise([Piece(p.interval, p.certificate.value, ((p.interval, p.certificate),))
                      for p in solve_parametric(lp, as_interval(domain))], game.parameter)


def security_levels(game: ParametricGame, domain: Interval | str | None = None) -> tuple[Piecewise, Piecewise]:
    """Each player's security level (maximin value of its own payoffs) for every ``t``.

    Player 1's is ``val(u_1)``; player 2's is ``val(u_2^T)`` (player 2 choosing the row).

    Parameters
    ----------
    game : ParametricGame
        Two players.
    domain : Interval, str or None

    Returns
    -------
    tuple of Piecewise

    Raises
    ------
    GameError
        For a game without exactly two players.
    ParametricError
        Where the method stops.

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> fam = ParametricGame.bimatrix([["t", 0], [0, 1]], [[1, 0], [0, "t"]])
    >>> print(security_levels(fam, "0:inf")[0])
    t in [0, inf): t/(t + 1)
    """
    u1, u2 = game.matrix(0), game.matrix(1)
    first = minimax(u1, domain, game.parameter).value
    second = minimax([list(col) for col in zip(*u2)], domain, game.parameter).value
    return first, second


def kappa(game: ParametricGame, domain: Interval | str | None = None) -> ParametricMinimax:
    """The competitive part ``val(Z)``, ``Z = (u_1 - u_2)/2``, of a two-player family."""
    A, B = game.matrix(0), game.matrix(1)
    Z = [[(a - b) / 2 for a, b in zip(ra, rb)] for ra, rb in zip(A, B)]
    return minimax(Z, domain, game.parameter)


def coco(game: ParametricGame, domain: Interval | str | None = None) -> tuple[Piecewise, Piecewise]:
    """The two-player CoCo value ``(W/2 + val(Z), W/2 - val(Z))`` for every ``t`` in ``domain``.

    Parameters
    ----------
    game : ParametricGame
        Two players.
    domain : Interval, str or None

    Returns
    -------
    tuple of Piecewise
        Player 1's and player 2's values.

    Raises
    ------
    GameError
        For a game without exactly two players.
    ParametricError
        Where the method stops.

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> pd = ParametricGame.bimatrix([[3, 0], [5, 1], [5, 1]], [[3, 5], [0, 1], ["-t", "1 - t"]])
    >>> print(coco(pd, "0:inf")[0])
    t in [0, inf): 1/2*t + 3
    """
    W = max_total(game, domain)
    k = kappa(game, domain).value
    return W / 2 + k, W / 2 - k
