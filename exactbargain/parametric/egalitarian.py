"""The two-player ``egalitarian`` fallback selection for every value of the parameter.

The egalitarian selection is the leximin point of the CE payoff set ``P`` relative to the CE
floor ``l`` (docs/theory.md §3.5). For two players it is two stages of LPs over the CE
polytope, each with the floor (itself piecewise) on the right-hand side:

1. ``s* = max s`` subject to ``d_i - s >= l_i`` for both players (the max–min gain);
2. ``M_i = max d_i`` subject to ``d_j >= l_j + s*`` for both players ``j``.

At most one player can gain more than ``s*`` (two such points would mix into one where both
do), and the leximin point gives that player its most, so ``d = (M_1, l_2 + s*)``,
``(l_1 + s*, M_2)`` or ``l + s*``: in every case ``d_1 - d_2 = M_1 - M_2``, and the fallback
is ``((W + M_1 - M_2)/2, (W - M_1 + M_2)/2)``. Every stage is solved piece by piece on the
pieces of the one before (the floors' common refinement, then ``s*``'s pieces); a row
``d_i >= r(t)`` with ``r = num/den`` is multiplied by ``den`` with the sign ``den`` has on the
piece.

>>> from exactbargain.parametric import ParametricGame
>>> chicken = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c")
>>> print(egalitarian(chicken, "0:inf")[0])
c in [0, inf): 6
"""

from __future__ import annotations

import flint

from ..errors import GameError
from .algebraic import Interval, sign_at
from .family import ParametricGame
from .piecewise import Piece, Piecewise, _union
from .plp import ParametricLP, solve_parametric
from .ratfunc import RatFunc
from .selection import _ce_lp, ce_floor
from .solve import as_interval, max_total

__all__ = ["egalitarian"]

Poly = flint.fmpq_poly


def _sign_on(f: RatFunc, interval: Interval) -> int:
    """The sign of ``f``'s denominator on ``interval`` (it has no root there)."""
    return sign_at(f.den, interval.lo if interval.is_point else interval.sample())


def _at_least(lp: ParametricLP, coefficients: dict[int, Poly], bound: RatFunc, interval: Interval) -> None:
    """Add ``coefficients . x >= bound`` on ``interval``, cleared of ``bound``'s denominator."""
    s = _sign_on(bound, interval)
    lp.add_row({k: c * bound.den * s for k, c in coefficients.items()}, ">=", bound.num * s)


def _stage(game: ParametricGame, interval: Interval, lows: list[RatFunc], objective: dict[int, Poly],
           with_s: bool) -> list:
    """One stage's LP over the CE polytope on ``interval`` (``lows`` the right-hand sides)."""
    cells = len(game.payoffs[0])
    base = _ce_lp(game, [], {}, "max")
    lp = ParametricLP(cells + 1 if with_s else cells, free=[cells] if with_s else [])
    lp.rows = list(base.rows)
    for i, low in enumerate(lows):
        row = dict(enumerate(game.payoffs[i]))
        if with_s:
            row[cells] = Poly([-1])
        _at_least(lp, row, low, interval)
    lp.set_objective(objective)
    return solve_parametric(lp, interval)


def egalitarian(game: ParametricGame, domain: Interval | str | None = None) -> tuple[Piecewise, Piecewise]:
    """The two-player CE fallback value with the ``egalitarian`` selection for every ``t``.

    Parameters
    ----------
    game : ParametricGame
        Two players.
    domain : Interval, str or None
        Default: the whole line.

    Returns
    -------
    tuple of Piecewise
        ``(f_1, f_2)``.

    Raises
    ------
    GameError
        For a game without two players.
    ParametricError
        Where the method stops.
    """
    if len(game.players) != 2:
        raise GameError(f"the parametric fallback is for two players; this family has {len(game.players)}")
    dom = as_interval(domain)
    cells = len(game.payoffs[0])
    l1, l2 = ce_floor(game, dom)
    pieces = []
    for p in l1.pieces:
        for q in l2.pieces:
            iv = p.interval.intersect(q.interval)
            if iv is None:
                continue
            floor_certs = _union(p.certificates, q.certificates)
            for first in _stage(game, iv, [p.value, q.value], {cells: Poly([1])}, True):
                s, certs = first.certificate.value, _union(floor_certs, ((first.interval, first.certificate),))
                lows = [p.value + s, q.value + s]
                best = [Piecewise([Piece(x.interval, x.certificate.value, ((x.interval, x.certificate),))
                                   for x in _stage(game, first.interval, lows, dict(enumerate(game.payoffs[i])), False)],
                                  game.parameter) for i in range(2)]
                for piece in (best[0] - best[1]).pieces:
                    pieces.append(Piece(piece.interval, piece.value, _union(certs, piece.certificates)))
    delta = Piecewise(pieces, game.parameter)
    W = max_total(game, dom)
    return (W + delta) / 2, (W - delta) / 2
