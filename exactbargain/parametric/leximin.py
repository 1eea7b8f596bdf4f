"""The leximin point of a face of the CE payoff set, relative to its floor, for every value of
the parameter (any number of players).

The selection rules of docs/theory.md §3.5 end in a leximin point: ``welfare`` on the face
``F = argmax sum_i d_i``, ``dictator-K`` on ``F_2 = argmax sum_i d_i`` over ``argmax d_K``,
both relative to the face's floor ``l^F_i = min_F d_i``, and ``egalitarian`` on the whole CE
payoff set relative to the CE floor. Sequential max–min (§2.4) computes it: with the players
``R`` still free and the others fixed at ``d_j = l_j + s_j``,

1. ``s* = max s`` subject to ``d_i - s >= l_i`` for ``i`` in ``R`` (one parametric LP);
2. for each ``i`` in ``R``, ``M_i = max d_i`` subject to ``d_k >= l_k + s*`` for every ``k``
   in ``R``; ``i`` is *tight* where ``M_i = l_i + s*`` (it is at every max–min point) — at
   least one player is, since two points raising different players would mix into one raising
   both;
3. the tight players are fixed at ``l_i + s*`` and the round repeats until nobody is free.

Which players are tight changes with ``t``: on a piece ``M_i - l_i - s*`` is a rational
function, either zero on the whole piece or zero only at its real roots there, so every piece
is cut at those roots into open cells and points, and each part goes on with its own set of
free players. Every LP row ``d_i >= r(t)``, ``r = num/den``, is cleared of ``den`` with the
sign ``den`` has on the part (:func:`~exactbargain.parametric.selection._at_least`).
"""

from __future__ import annotations

import functools

import flint

from .algebraic import Interval, Point, compare, real_roots, sign_at
from .family import ParametricGame
from .piecewise import Piece, Piecewise
from .plp import ParametricError, ParametricLP, solve_parametric
from .ratfunc import RatFunc
from .selection import _at_least, _ce_lp, ce_floor, ce_stages

__all__ = ["leximin_point"]

Poly = flint.fmpq_poly


def _coefficients(game: ParametricGame, code: str) -> dict[int, Poly]:
    """A stage's objective: player ``K``'s payoff (``"K"``) or the total (``"w"``)."""
    if code == "w":
        return {k: sum(us, Poly([])) for k, us in enumerate(zip(*game.payoffs))}
    return dict(enumerate(game.payoffs[int(code) - 1]))


def _refine(items: list[list[tuple[Interval, list[RatFunc], tuple]]]) -> list[tuple[Interval, list[RatFunc], tuple]]:
    """The common refinement of several piece lists of one domain, values concatenated."""
    rows = items[0]
    for other in items[1:]:
        rows = [(both, a + b, ca + cb) for iv, a, ca in rows for jv, b, cb in other
                if (both := iv.intersect(jv)) is not None]
    return rows


def _parts(interval: Interval, roots: list[Point]) -> list[Interval]:
    """``interval`` cut at ``roots`` (sorted, each in it) into points and open cells."""
    if interval.is_point:
        return [interval]
    out: list[Interval] = []
    lo, lo_closed = interval.lo, interval.lo_closed
    hi_root = False
    for r in roots:
        if interval.hi is not None and compare(r, interval.hi) == 0:
            hi_root = True
            continue
        if lo is None or compare(r, lo) > 0:
            out.append(Interval(lo, r, lo_closed, False))
        out.append(Interval(r, r, True, True))
        lo, lo_closed = r, False
    out.append(Interval(lo, interval.hi, lo_closed, interval.hi_closed and not hi_root))
    if hi_root:
        out.append(Interval(interval.hi, interval.hi, True, True))
    return [iv for iv in out if not iv.is_empty]


def _lp(game: ParametricGame, face: list[tuple[dict[int, Poly], RatFunc]], fixed: dict[int, RatFunc],
        with_s: bool) -> ParametricLP:
    """The CE polytope with the face's stage rows and the fixed players' rows; a free ``s``
    after the profile variables when ``with_s``."""
    base = _ce_lp(game, face + [(dict(enumerate(game.payoffs[j])), v) for j, v in fixed.items()], {}, "max")
    cells = len(game.payoffs[0])
    lp = ParametricLP(cells + 1 if with_s else cells, free=[cells] if with_s else [])
    lp.rows = list(base.rows)
    return lp


def _rounds(game: ParametricGame, interval: Interval, face: list, base: list[RatFunc], fixed: dict[int, RatFunc],
            certs: tuple) -> list[tuple[Interval, list[RatFunc], tuple]]:
    """Sequential max–min on ``interval`` with the players of ``fixed`` already fixed."""
    m = len(game.players)
    free = [i for i in range(m) if i not in fixed]
    if not free:
        return [(interval, [fixed[i] for i in range(m)], certs)]
    cells = len(game.payoffs[0])
    lp = _lp(game, face, fixed, True)
    for i in free:
        row = dict(enumerate(game.payoffs[i]))
        row[cells] = Poly([-1])
        _at_least(lp, row, base[i], interval)
    lp.set_objective({cells: Poly([1])})
    out = []
    for first in solve_parametric(lp, interval):
        s = first.certificate.value
        here = certs + ((first.interval, first.certificate),)
        best = []
        for i in free:
            lpi = _lp(game, face, fixed, False)
            for k in free:
                _at_least(lpi, dict(enumerate(game.payoffs[k])), base[k] + s, first.interval)
            lpi.set_objective(dict(enumerate(game.payoffs[i])))
            best.append([(p.interval, [p.certificate.value], ((p.interval, p.certificate),))
                         for p in solve_parametric(lpi, first.interval)])
        for iv, maxima, more in _refine(best):
            gaps = [M - base[i] - s for i, M in zip(free, maxima)]
            roots: list[Point] = []
            for g in gaps:
                if not g.num.is_zero():
                    roots += [r for r in real_roots(g.num) if iv.contains(r) and not any(compare(r, o) == 0 for o in roots)]
            roots.sort(key=functools.cmp_to_key(compare))
            for part in _parts(iv, roots):
                at = part.lo if part.is_point else part.sample()
                tight = [i for i, g in zip(free, gaps) if g.num.is_zero() or sign_at(g.num, at) == 0]
                if not tight:
                    raise ParametricError(f"no player is tight after the max-min round on {part} (a defect)")
                now = dict(fixed)
                now.update({i: base[i] + s for i in tight})
                out += _rounds(game, part, face, base, now, here + more)
    return out


def leximin_point(game: ParametricGame, face_plan: list[str], domain: Interval) -> tuple[Piecewise, ...]:
    """The leximin point of a face of the CE payoff set relative to the face's floor, for
    every ``t`` (any number of players).

    Parameters
    ----------
    game : ParametricGame
    face_plan : list of str
        The face as lexicographic stages: ``[]`` for the whole CE payoff set (relative to the
        CE floor, the ``egalitarian`` point), ``["w+"]`` for the max-welfare face (``welfare``),
        ``["K+", "w+"]`` for ``dictator-K``'s face.
    domain : Interval

    Returns
    -------
    tuple of Piecewise
        One coordinate per player, each piece with every basis it was computed from.

    Raises
    ------
    ParametricError
        Where the parametric method stops.

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> fam = ParametricGame(["A", "B", "C"], [["a"], ["o", "f"], ["o", "f"]],
    ...                      [[1, 1, 1, 1], ["2 + t", 0, 0, 1], [1, 0, 0, "2 + t"]])
    >>> [str(d) for d in leximin_point(fam, ["w+"], Interval.parse("0:1"))]
    ['t in [0, 1]: 1', 't in [0, 1]: 1/2*t + 3/2', 't in [0, 1]: 1/2*t + 3/2']
    """
    m = len(game.players)
    stages = [(_coefficients(game, code[:-1]), "max" if code[-1] == "+" else "min") for code in face_plan]
    if stages:
        floors = [ce_stages(game, stages + [(_coefficients(game, str(i + 1)), "min")], domain) for i in range(m)]
        rows = _refine([floors[0]] + [[(iv, v[-1:], c) for iv, v, c in f] for f in floors[1:]])
        k = len(stages)
        items = [(iv, v[:k], v[k:], c) for iv, v, c in rows]
    else:
        pieces = [[(p.interval, [p.value], p.certificates) for p in f.pieces] for f in ce_floor(game, domain)]
        items = [(iv, [], v, c) for iv, v, c in _refine(pieces)]
    out = []
    for iv, optima, base, certs in items:
        face = [(stages[k][0], value) for k, value in enumerate(optima)]
        out += _rounds(game, iv, face, base, {}, certs)
    return tuple(Piecewise([Piece(iv, d[i], c) for iv, d, c in out], game.parameter) for i in range(m))
