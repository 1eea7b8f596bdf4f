"""The two-player correlated-equilibrium fallback, for every value of the parameter.

For two players the fallback value depends on the selected point ``d`` only through
``d_1 - d_2`` (docs/theory.md §3.2): ``f = ((W + d_1 - d_2)/2, (W - d_1 + d_2)/2)``. The
selection rules of §3.5 reduce to lexicographic LPs over the CE polytope, each stage an LP
whose data are polynomials in ``t`` once the earlier stage's optimum ``num(t)/den(t)`` is
fixed by the row ``den(t) * objective = num(t)``:

* ``welfare``: ``S = max d_1 + d_2``; on that face ``d_1`` ranges over ``[lo, hi]`` and the
  rule takes the midpoint of the face, so ``d_1 - d_2 = lo + hi - S``;
* ``dictator-1``: ``M = max d_1``, then ``D = max d_2`` with ``d_1 = M``; ``d = (M, D)``
  (``dictator-2`` symmetrically);
* ``random-dictator``: the average of the two dictators' points;
* ``egalitarian``: the leximin point of the CE payoff set relative to the CE floor ``l``
  (itself piecewise): ``s* = max s`` with ``d_i - s >= l_i``, then ``M_i = max d_i`` with
  ``d_j >= l_j + s*`` for both ``j``. At most one player can gain more than ``s*`` (two such
  points would mix into one where both do) and leximin gives that player its most, so
  ``d_1 - d_2 = M_1 - M_2``. A row ``d_i >= r(t)``, ``r = num/den``, is multiplied by ``den``
  with the sign ``den`` has on the piece.

Stages compose piece by piece: each piece of a stage is solved again on its own interval.

>>> from exactbargain.parametric import ParametricGame
>>> chicken = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c")
>>> print(fallback(chicken, "dictator-1", "0:inf")[0])
c in [0, inf): 17/2
"""

from __future__ import annotations

from typing import Callable

import flint

from ..errors import GameError
from .algebraic import Interval, sign_at
from .family import ParametricGame
from .piecewise import Piece, Piecewise, _union
from .plp import ParametricLP, solve_parametric
from .ratfunc import RatFunc
from .solve import as_interval, max_total

__all__ = ["fallback", "egalitarian", "egalitarian_point", "select_point", "ce_stages", "ce_optimum", "ce_floor", "SELECTIONS"]

SELECTIONS = ("welfare", "egalitarian", "dictator-1", "dictator-2", "random-dictator")
Poly = flint.fmpq_poly


def _ce_lp(game: ParametricGame, fixed: list[tuple[dict[int, Poly], RatFunc]], objective: dict[int, Poly],
           sense: str) -> ParametricLP:
    """The CE polytope of ``game`` (variables: the profiles' probabilities; any number of
    players), with each ``(coefficients, value)`` of ``fixed`` as the row
    ``den * coefficients . mu = num``."""
    shape = game.shape
    cells = len(game.payoffs[0])
    lp = ParametricLP(cells, sense=sense)
    stride = 1
    strides = []
    for width in reversed(shape):
        strides.insert(0, stride)
        stride *= width
    for i, u in enumerate(game.payoffs):
        for a in range(shape[i]):
            mine = [k for k in range(cells) if (k // strides[i]) % shape[i] == a]
            for other in range(shape[i]):
                if other != a:
                    shift = (other - a) * strides[i]
                    lp.add_row({k: u[k] - u[k + shift] for k in mine}, ">=", 0)
    lp.add_row({k: 1 for k in range(cells)}, "=", 1)
    for coefficients, value in fixed:
        lp.add_row({k: c * value.den for k, c in coefficients.items()}, "=", value.num)
    lp.set_objective(objective)
    return lp


def ce_stages(game: ParametricGame, stages: list[tuple[dict[int, Poly], str]],
              domain: Interval) -> list[tuple[Interval, list[RatFunc], tuple]]:
    """Lexicographic LPs over the CE polytope: stage ``k`` optimises ``stages[k]`` (coefficients
    per profile, ``"max"``/``"min"``) with every earlier stage's objective held at its optimum.

    Parameters
    ----------
    game : ParametricGame
        Any number of players.
    stages : list of (dict, str)
    domain : Interval

    Returns
    -------
    list of (Interval, list of RatFunc, tuple)
        Pieces: the interval, each stage's optimum, and the ``(interval, BasisCertificate)``
        pairs behind them.

    Raises
    ------
    ParametricError
        Where the method stops.
    """
    items: list[tuple[Interval, list[RatFunc], tuple]] = [(domain, [], ())]
    for objective, sense in stages:
        following = []
        for interval, values, certs in items:
            fixed = [(stages[k][0], v) for k, v in enumerate(values)]
            for piece in solve_parametric(_ce_lp(game, fixed, objective, sense), interval):
                following.append((piece.interval, values + [piece.certificate.value],
                                  certs + ((piece.interval, piece.certificate),)))
        items = _join(following)
    return items


def _join(items: list[tuple[Interval, list[RatFunc], tuple]]) -> list[tuple[Interval, list[RatFunc], tuple]]:
    """Join neighbouring pieces whose stage optima agree (the next stage is solved once on
    the union, which avoids breakpoints that are only changes of basis)."""
    out: list[tuple[Interval, list[RatFunc], tuple]] = []
    for interval, values, certs in items:
        if out and out[-1][1] == values:
            last = out[-1][0]
            out[-1] = (Interval(last.lo, interval.hi, last.lo_closed, interval.hi_closed), values, out[-1][2] + certs)
        else:
            out.append((interval, values, certs))
    return out


def ce_optimum(game: ParametricGame, objective: str = "welfare",
               domain: Interval | str | None = None) -> Piecewise:
    """The best correlated equilibrium for ``objective`` for every ``t``: ``"welfare"``
    (the largest total payoff, CE ``max_welfare``) or ``"K"`` (player ``K``'s best CE payoff,
    CE ``best_for``; ``K`` counts from 1).

    Parameters
    ----------
    game : ParametricGame
        Any number of players.
    objective : str
    domain : Interval, str or None

    Returns
    -------
    Piecewise

    Raises
    ------
    GameError
        For another objective.
    ParametricError
        Where the method stops.

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> chicken = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c")
    >>> print(ce_optimum(chicken, "welfare", "0:inf"))
    c in [0, inf): (12*c + 42)/(c + 4)
    """
    players = [str(k) for k in range(1, len(game.players) + 1)]
    if objective not in ["welfare"] + players:
        raise GameError(f"ce_optimum() takes 'welfare' or a player number 1 .. {len(players)}, not {objective!r}")
    return _plan_piecewise(game, [("w" if objective == "welfare" else objective) + "+"], as_interval(domain))[0]


def ce_floor(game: ParametricGame, domain: Interval | str | None = None) -> tuple[Piecewise, ...]:
    """Every player's CE floor ``l_i(t) = min over correlated equilibria of u_i`` for every
    ``t`` (one parametric LP per player, as CE ``floor``).

    Parameters
    ----------
    game : ParametricGame
        Any number of players.
    domain : Interval, str or None
        Default: the whole line.

    Returns
    -------
    tuple of Piecewise
        One per player.

    Raises
    ------
    ParametricError
        Where the method stops.

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> curse = ParametricGame.bimatrix([[3, 0], [5, 1], [5, 1]], [[3, 5], [0, 1], ["-t", "1 - t"]])
    >>> print(ce_floor(curse, "0:inf")[1])
    t in [0, inf): -t + 1
    """
    dom = as_interval(domain)
    return tuple(_plan_piecewise(game, [f"{k}-"], dom)[0] for k in range(1, len(game.players) + 1))


def _rule_point(select: str) -> tuple[list[list[str]], Callable[[list[list[Piecewise]]], tuple[Piecewise, Piecewise]]]:
    """The lexicographic stage plans of a two-player rule and its point ``d`` from their optima.

    ``welfare``: on the max-welfare face ``d_1 + d_2 = S`` player 1 ranges over ``[lo, hi]``
    and the leximin point relative to the face's floor is its midpoint; a dictator's point is
    ``(M, D)``, its best payoff and then the other's best payoff with it held."""
    if select == "welfare":
        def welfare(r: list[list[Piecewise]]) -> tuple[Piecewise, Piecewise]:
            d1 = (r[0][1] + r[1][1]) / 2
            return d1, r[0][0] - d1
        return [["w+", "1+"], ["w+", "1-"]], welfare
    if select == "dictator-1":
        return [["1+", "2+"]], lambda r: (r[0][0], r[0][1])
    if select == "dictator-2":
        return [["2+", "1+"]], lambda r: (r[0][1], r[0][0])
    if select == "random-dictator":
        return [["1+", "2+"], ["2+", "1+"]], lambda r: ((r[0][0] + r[1][1]) / 2, (r[0][1] + r[1][0]) / 2)
    raise GameError(f"the parametric fallback knows the selections {', '.join(SELECTIONS)}; got {select!r}")


def _plan_piecewise(game: ParametricGame, plan: list[str], domain: Interval) -> list[Piecewise]:
    coefficients = {str(i + 1): dict(enumerate(u)) for i, u in enumerate(game.payoffs)}
    coefficients["w"] = {k: sum(us, Poly([])) for k, us in enumerate(zip(*game.payoffs))}
    stages = [(coefficients[s[:-1]], "max" if s[-1] == "+" else "min") for s in plan]
    items = ce_stages(game, stages, domain)
    return [Piecewise([Piece(iv, values[k], certs) for iv, values, certs in items], game.parameter)
            for k in range(len(plan))]


def fallback(game: ParametricGame, select: str = "welfare",
             domain: Interval | str | None = None) -> tuple[Piecewise, Piecewise]:
    """The two-player CE fallback value ``(f_1, f_2)`` for every ``t`` in ``domain``.

    Parameters
    ----------
    game : ParametricGame
        Two players.
    select : str
        ``"welfare"``, ``"egalitarian"`` (:func:`egalitarian`),
        ``"dictator-1"``, ``"dictator-2"`` or ``"random-dictator"``.
    domain : Interval, str or None
        Default: the whole line.

    Returns
    -------
    tuple of Piecewise

    Raises
    ------
    GameError
        For another selection or a game without two players.
    ParametricError
        Where the method stops.
    """
    if len(game.players) != 2:
        raise GameError(f"the parametric fallback is for two players; this family has {len(game.players)}")
    if select == "egalitarian":
        return egalitarian(game, domain)
    dom = as_interval(domain)
    d1, d2 = select_point(game, select, dom)
    d = d1 - d2
    W = max_total(game, dom)
    return (W + d) / 2, (W - d) / 2


def select_point(game: ParametricGame, select: str = "welfare",
                 domain: Interval | str | None = None) -> tuple[Piecewise, Piecewise]:
    """The point ``d(t)`` a selection rule picks in the CE payoff set of a two-player family,
    for every ``t`` (the parametric :func:`exactbargain.bargaining.selection.select_point`).

    ``welfare``: the midpoint of the max-welfare face; ``dictator-K``: player ``K``'s best CE
    payoff, then the other's best with it held; ``random-dictator``: the dictators' average;
    ``egalitarian``: the leximin point above the CE floor (:func:`egalitarian_point`).

    Parameters
    ----------
    game : ParametricGame
        Two players.
    select : str
        ``"welfare"``, ``"egalitarian"``, ``"dictator-1"``, ``"dictator-2"`` or
        ``"random-dictator"``.
    domain : Interval, str or None
        Default: the whole line.

    Returns
    -------
    tuple of Piecewise
        ``(d_1, d_2)``.

    Raises
    ------
    GameError
        For another selection or a game without two players.
    ParametricError
        Where the method stops.

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> chicken = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c")
    >>> [str(x) for x in select_point(chicken, "random-dictator", "0:inf")]
    ['c in [0, inf): 9/2', 'c in [0, inf): 9/2']
    """
    if len(game.players) != 2:
        raise GameError(f"select_point() is for two players; this family has {len(game.players)}")
    dom = as_interval(domain)
    if select == "egalitarian":
        return egalitarian_point(game, dom)
    plans, point = _rule_point(select)
    return point([_plan_piecewise(game, plan, dom) for plan in plans])

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
    """The two-player CE fallback value with the ``egalitarian`` selection for every ``t``
    (leximin relative to the CE floor; the stages are described in the module's docstring).

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

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> chicken = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c")
    >>> print(egalitarian(chicken, "0:inf")[0])
    c in [0, inf): 6
    """
    if len(game.players) != 2:
        raise GameError(f"the parametric fallback is for two players; this family has {len(game.players)}")
    dom = as_interval(domain)
    d1, d2 = egalitarian_point(game, dom)
    delta = d1 - d2
    W = max_total(game, dom)
    return (W + delta) / 2, (W - delta) / 2


def egalitarian_point(game: ParametricGame, domain: Interval) -> tuple[Piecewise, Piecewise]:
    """The ``egalitarian`` point ``d(t) = (M_1, M_2)`` of a two-player family: the leximin
    point of the CE payoff set relative to the CE floor (the stages are described in the
    module's docstring).

    Parameters
    ----------
    game : ParametricGame
        Two players.
    domain : Interval

    Returns
    -------
    tuple of Piecewise
        ``(d_1, d_2)``, each piece with the floor's, the max-min stage's and its own bases.

    Raises
    ------
    ParametricError
        Where the method stops.
    """
    cells = len(game.payoffs[0])
    l1, l2 = ce_floor(game, domain)
    pieces: tuple[list[Piece], list[Piece]] = ([], [])
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
                for k in range(2):
                    for piece in best[k].pieces:
                        pieces[k].append(Piece(piece.interval, piece.value, _union(certs, piece.certificates)))
    return Piecewise(pieces[0], game.parameter), Piecewise(pieces[1], game.parameter)
