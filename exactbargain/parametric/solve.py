"""Parametric solutions of LP-based quantities of a :class:`ParametricGame`.

* :func:`minimax` -- the value and optimal strategies of the zero-sum matrix ``M(t)``;
* :func:`max_total` -- ``W(t)``, the largest total payoff over profiles (an LP over the
  profiles, so an upper envelope of polynomials);
* :func:`coco` -- the two-player CoCo value ``(W/2 + val(Z), W/2 - val(Z))``,
  ``Z = (u_1 - u_2)/2``; for ``n`` players the Shapley value of the team games' CoCo values
  (docs/theory.md §1.6).

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
from fractions import Fraction
from typing import Any, Sequence

import flint

from .algebraic import Interval
from .expr import poly_from
from .family import ParametricGame
from .piecewise import Piece, Piecewise
from .plp import BasisCertificate, ParametricLP, solve_parametric
from .ratfunc import RatFunc

__all__ = ["minimax", "max_total", "coco", "team_matrix", "kappa", "security_levels", "ParametricMinimax", "MinimaxPiece", "as_interval"]


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


def coco(game: ParametricGame, domain: Interval | str | None = None) -> tuple[Piecewise, ...]:
    """The CoCo value for every ``t`` in ``domain``.

    Two players: ``(W/2 + val(Z), W/2 - val(Z))``, ``Z = (u_1 - u_2)/2``. ``n`` players: the
    Shapley value of ``v(S) = W/2 + val(Z_S)`` (docs/theory.md §1.6, (star)), which by
    ``v(S) + v(N \\ S) = W`` is ``phi_i = W/n + sum_{S ni i, S != N} w_s (v(S) - v(N \\ S))``,
    ``w_s = (n-s)!(s-1)!/n!``: one parametric zero-sum LP per unordered pair ``{S, N \\ S}``,
    combined on the common refinement of their pieces.

    Parameters
    ----------
    game : ParametricGame
        Any number of players.
    domain : Interval, str or None

    Returns
    -------
    tuple of Piecewise
        One value per player.

    Raises
    ------
    ParametricError
        Where the method stops.

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> pd = ParametricGame.bimatrix([[3, 0], [5, 1], [5, 1]], [[3, 5], [0, 1], ["-t", "1 - t"]])
    >>> print(coco(pd, "0:inf")[0])
    t in [0, inf): 1/2*t + 3
    >>> three = ParametricGame(["A", "B", "C"], [["x", "y"], ["x"], ["x"]], [["t", 0], [0, 0], [0, "1"]])
    >>> print(coco(three, "0:1")[0])
    t in [0, 1]: 1/2*t + 1/2
    """
    if len(game.players) != 2:
        return _coco_n(game, domain)
    W = max_total(game, domain)
    k = kappa(game, domain).value
    return W / 2 + k, W / 2 - k


def team_matrix(game: ParametricGame, team: Sequence[int]) -> list[list[flint.fmpq_poly]]:
    """``Z_S = (u_S - u_rest)/2`` of the team game of coalition ``team``: rows are the team's
    joint actions, columns the others' (both in profile order), ``u_S`` the team's total payoff."""
    shape, n = game.shape, len(game.players)
    rest = [i for i in range(n) if i not in team]
    rows: dict[tuple, dict[tuple, flint.fmpq_poly]] = {}
    for k in range(len(game.payoffs[0])):
        profile, index = [], k
        for width in reversed(shape):
            index, r = divmod(index, width)
            profile.insert(0, r)
        diff = sum((game.payoffs[i][k] if i in team else -game.payoffs[i][k] for i in range(n)), flint.fmpq_poly([]))
        rows.setdefault(tuple(profile[i] for i in team), {})[tuple(profile[i] for i in rest)] = diff / 2
    return [list(cols[key] for key in sorted(cols)) for _, cols in sorted(rows.items())]


def _coco_n(game: ParametricGame, domain: Interval | str | None) -> tuple[Piecewise, ...]:
    """(star) of docs/theory.md §1.6 with the constant-sum identity ``v(S) - v(N \\ S) = 2 val(Z_S)``:
    ``phi_i = W/n + sum over S containing i, S != N, of w_s * 2 val(Z_S)``, one zero-sum
    family per unordered pair ``{S, N \\ S}`` (``S`` containing the first player)."""
    from math import factorial

    n = len(game.players)
    W = max_total(game, domain)
    phi = [W / n for _ in range(n)]
    for mask in range(1, 2 ** n - 1, 2):  # odd masks: coalitions with the first player, not N
        team = [i for i in range(n) if mask >> i & 1]
        twice = minimax(team_matrix(game, team), domain, game.parameter).value * 2
        for i in range(n):
            inside = i in team
            s = len(team) if inside else n - len(team)
            w = Fraction(factorial(n - s) * factorial(s - 1), factorial(n))
            phi[i] = phi[i] + (twice if inside else -twice) * w
    return tuple(phi)
