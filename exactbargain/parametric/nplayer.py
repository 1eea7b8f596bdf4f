"""The n-player correlated-equilibrium fallback for every value of the parameter.

The ordinary rule (:func:`exactbargain.bargaining.fallback`, docs/theory.md §3.3) reads a
coalition function off the selection rule's point in coalition games and pays formula (star),
the Shapley value of it:

* ``v(empty) = 0`` and ``v(N) = W(t)`` (:func:`~exactbargain.parametric.max_total`);
* ``"two-teams"``: for every unordered pair ``{S, N \\ S}`` (``S`` containing the first
  player) the rule's point ``d(t)`` in the team game ``G_S`` gives ``v(S) = d_1`` and
  ``v(N \\ S) = d_2``;
* ``"team-vs-individuals"``: ``v({i}) = d_i`` of the rule's point in the game itself, and for
  ``1 < |S| < n`` ``v(S) = d_1`` in the horde game ``H_S`` (the team game ``G_S`` when one
  player is left out);
* ``phi_i = sum_{S containing i} (n-s)!(s-1)!/n! (v(S) - v(N \\ S))``.

In a coalition game ``dictator-K`` makes the player containing the original player ``K`` the
dictator (:func:`exactbargain.bargaining.fallback._model_rule`). Every ``v(S)`` is a
:class:`~exactbargain.parametric.piecewise.Piecewise` with the bases of its lexicographic
CE LPs; (star) is an exact linear combination on the common refinement of their pieces, and
each piece of ``phi_i`` carries the certificates of every ``v(S)`` it was computed from.

The rule's point ``d(t)`` is a composition of parametric LPs for every selection but ``nash``:
in two-player games :func:`~exactbargain.parametric.selection.select_point`; in larger games
the leximin point of the rule's face relative to its floor
(:func:`~exactbargain.parametric.leximin.leximin_point`, sequential max–min with the tight
players decided piece by piece), except ``dictator-K`` in three-player games, where
``F_2 = argmax`` of the total over ``argmax d_K`` lies in the line ``d_K = M``,
``sum d = S_2`` (a segment or a point) and the leximin point relative to its floor is the
segment's midpoint, ``d_j = (S_2 - M + lo_j - lo_l)/2`` with ``lo_j = min d_j`` over ``F_2``;
``random-dictator`` averages the dictators. So both coalition models cover ``welfare``,
``egalitarian``, ``dictator-K`` and ``random-dictator`` for any ``n``; ``nash`` is refused
(its maximiser is not a basic solution).

>>> from exactbargain.parametric import ParametricGame
>>> fam = ParametricGame(["A", "B", "C"], [["x", "y"], ["x"], ["x"]], [["t", 0], [0, 0], [0, 1]])
>>> phi = fallback_n(fam, "welfare", "0:2")
>>> for value in phi:
...     print(value)
t in {0}: 0
t in (0, 1]: 1/2*t + 1/2
t in (1, 2]: t
t in [0, 2]: 0
t in {0}: 1
t in (0, 1]: -1/2*t + 1/2
t in (1, 2]: 0
>>> print(phi.coalition_function[(0, 2)])
t in [0, 1]: 1
t in (1, 2]: t
>>> phi.verify()
True
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial

from ..bargaining.fallback import _model_rule
from ..bargaining.selection import parse_select, selection_rule
from ..cooperative.star import COALITION_MODELS
from ..errors import GameError
from .algebraic import Interval
from .coalitions import horde_game, team_game
from .leximin import leximin_point
from .family import ParametricGame
from .piecewise import Piece, Piecewise
from .plp import ParametricError
from .ratfunc import RatFunc
from .selection import _plan_piecewise, fallback as _fallback2, select_point
from .solve import as_interval, max_total

__all__ = ["fallback", "fallback_n", "ParametricFallback", "coalition_function", "point_n", "star"]


def point_n(game: ParametricGame, select: str, domain: Interval | str | None = None) -> tuple[Piecewise, ...]:
    """The point ``d(t)`` the selection rule picks in the CE payoff set of ``game``, for every ``t``:
    any selection of :func:`~exactbargain.parametric.selection.select_point` but ``nash`` (see
    the module's docstring).

    Parameters
    ----------
    game : ParametricGame
        Two or more players.
    select : str
    domain : Interval, str or None
        Default: the whole line.

    Returns
    -------
    tuple of Piecewise
        One coordinate per player.

    Raises
    ------
    GameError
        For an unknown selection or a player the game does not have.
    ParametricError
        Where the method stops (see the module's docstring).

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> fam = ParametricGame(["A", "B", "C"], [["x", "y"], ["x"], ["x"]], [["t", 0], [0, 0], [0, 1]])
    >>> for d in point_n(fam, "dictator-3", "0:1"):
    ...     print(d)
    t in [0, 1]: t
    t in [0, 1]: 0
    t in {0}: 1
    t in (0, 1]: 0
    """
    m = len(game.players)
    select = parse_select(select, m)
    dom = as_interval(domain)
    if m == 2:
        return select_point(game, select, dom)
    if select == "random-dictator":
        points = [point_n(game, f"dictator-{k + 1}", dom) for k in range(m)]
        return tuple(sum((p[i] for p in points[1:]), points[0][i]) / m for i in range(m))
    if select == "nash":
        raise ParametricError(_NASH)
    if select in ("welfare", "egalitarian") or m > 3:
        plans = {"welfare": ["w+"], "egalitarian": []}
        plan = plans[select] if select in plans else [select.rpartition("-")[2] + "+", "w+"]
        return leximin_point(game, plan, dom)
    k = selection_rule(select).player(select) - 1
    j, l = (i for i in range(m) if i != k)
    M, S2, lo_j = _plan_piecewise(game, [f"{k + 1}+", "w+", f"{j + 1}-"], dom)
    lo_l = _plan_piecewise(game, [f"{k + 1}+", "w+", f"{l + 1}-"], dom)[2]
    d = [M, M, M]
    d[j] = (S2 - M + lo_j - lo_l) / 2
    d[l] = (S2 - M - lo_j + lo_l) / 2
    return tuple(d)


_NASH = ("the nash selection is not parametric (a quadratic maximisation whose maximiser is not a basic "
         "solution); use welfare, egalitarian, dictator-K or random-dictator")


def _check(family: ParametricGame, select: str, coalitions: str) -> str:
    n = len(family.players)
    if coalitions not in COALITION_MODELS:
        raise GameError(f"coalitions must be one of {', '.join(COALITION_MODELS)}; got {coalitions!r}")
    select = parse_select(select, n)
    if select == "nash":
        raise ParametricError(_NASH)
    return select


def coalition_function(family: ParametricGame, select: str = "welfare", domain: Interval | str | None = None,
                       coalitions: str = "two-teams") -> dict[tuple[int, ...], Piecewise]:
    """The fallback's coalition function ``v(S)(t)`` for every coalition ``S`` (0-based member
    tuples, ``()`` excluded, ``v(N) = W``), read off the selection rule's points in the
    coalition games of ``coalitions`` (see the module's docstring).

    Parameters
    ----------
    family : ParametricGame
        Three or more players.
    select : str
        ``"welfare"``, ``"egalitarian"``, ``"dictator-K"`` or ``"random-dictator"``.
    domain : Interval, str or None
        Default: the whole line.
    coalitions : str
        ``"two-teams"`` (default) or ``"team-vs-individuals"``.

    Returns
    -------
    dict
        ``members -> Piecewise``.

    Raises
    ------
    GameError
        For an unknown selection or coalition model.
    ParametricError
        Where the method stops (``nash``; see the module's docstring).
    """
    select = _check(family, select, coalitions)
    n = len(family.players)
    dom = as_interval(domain)
    full = (1 << n) - 1
    members_of = {mask: tuple(k for k in range(n) if mask >> k & 1) for mask in range(1, full + 1)}
    table: dict[int, Piecewise] = {full: max_total(family, dom)}
    if coalitions == "team-vs-individuals":
        d = point_n(family, select, dom)
        table.update({1 << i: d[i] for i in range(n)})
    for mask in range(1, full):
        members = members_of[mask]
        if mask in table or (coalitions == "two-teams" and not mask & 1):
            continue
        if coalitions == "two-teams" or n - len(members) == 1:
            model = team_game(family, members)
        else:
            model = horde_game(family, members)
        d = point_n(model, _model_rule(select, members, n, coalitions), dom)
        table[mask] = d[0]
        if coalitions == "two-teams":
            table[full & ~mask] = d[1]
    return {members_of[mask]: table[mask] for mask in sorted(table)}


def _refined(values: list[Piecewise]) -> list[tuple[Interval, list, list]]:
    """The common refinement of several tilings of one domain: ``(interval, each function's
    value there, the certificate pairs of every piece it lies in)``."""
    rows: list[tuple[Interval, list, list]] = [(p.interval, [p.value], list(p.certificates))
                                               for p in values[0].pieces]
    for other in values[1:]:
        refined = []
        for interval, formulas, certs in rows:
            for q in other.pieces:
                both = interval.intersect(q.interval)
                if both is not None:
                    known = {id(pair) for pair in certs}
                    refined.append((both, formulas + [q.value], certs + [c for c in q.certificates if id(c) not in known]))
        rows = refined
    return rows


def star(v: dict[tuple[int, ...], Piecewise], n: int) -> tuple[Piecewise, ...]:
    """Formula (star) of docs/theory.md §1.6 on a piecewise coalition function:
    ``phi_i = sum_{S containing i} (n-s)!(s-1)!/n! (v(S) - v(N \\ S))`` with ``v(empty) = 0``,
    on the common refinement of every ``v(S)``'s pieces (each piece keeps the certificates of
    every ``v(S)`` piece it lies in).

    Parameters
    ----------
    v : dict
        ``members -> Piecewise`` for every non-empty coalition (0-based member tuples).
    n : int
        The number of players.

    Returns
    -------
    tuple of Piecewise
        One value per player.

    Raises
    ------
    KeyError
        If ``v`` lacks the complement of a coalition it has (other than the empty one).

    Examples
    --------
    >>> from exactbargain.parametric import Interval, Piece, Piecewise, RatFunc
    >>> const = lambda x: Piecewise([Piece(Interval(), RatFunc.const(x))])
    >>> v = {(0,): const(1), (1,): const(2), (0, 1): const(5)}
    >>> [str(phi) for phi in star(v, 2)]
    ['t in (-inf, inf): 2', 't in (-inf, inf): 3']
    """
    keys = list(v)
    index = {members: k for k, members in enumerate(keys)}
    terms: list[list[tuple[Fraction, int, int | None]]] = [[] for _ in range(n)]
    for members in keys:
        w = Fraction(factorial(n - len(members)) * factorial(len(members) - 1), factorial(n))
        rest = tuple(k for k in range(n) if k not in members)
        for i in members:
            terms[i].append((w, index[members], index[rest] if rest else None))
    rows = _refined([v[members] for members in keys])
    parameter = v[keys[0]].parameter
    out = []
    for i in range(n):
        pieces = []
        for interval, values, certs in rows:
            total = RatFunc.const(0)
            for w, a, b in terms[i]:
                total = total + (values[a] - values[b] if b is not None else values[a]) * w
            pieces.append(Piece(interval, total, tuple(certs)))
        out.append(Piecewise(pieces, parameter))
    return tuple(out)


class ParametricFallback(tuple):
    """The n-player fallback value ``(phi_1, ..., phi_n)`` (a tuple of
    :class:`~exactbargain.parametric.piecewise.Piecewise`, one per player) with what it was
    computed from: ``coalition_function`` (``members -> Piecewise``, as
    :func:`coalition_function`), ``select`` and ``coalitions``.

    :meth:`verify` re-checks every basis certificate behind every piece and re-derives
    (star) from the coalition function.
    """

    coalition_function: dict[tuple[int, ...], Piecewise]
    select: str
    coalitions: str

    def __new__(cls, values: tuple[Piecewise, ...], v: dict[tuple[int, ...], Piecewise], select: str,
                coalitions: str) -> "ParametricFallback":
        out = super().__new__(cls, values)
        out.coalition_function, out.select, out.coalitions = v, select, coalitions
        return out

    def check(self) -> list[str]:
        """Every problem found: a basis certificate that does not prove its basis optimal on its
        interval, or a value that is not (star) of the coalition function.

        Returns
        -------
        list of str
            Empty when the value is proved.

        Raises
        ------
        KeyError
            If the coalition function lacks a coalition (then it is not one of this value).
        """
        out: list[str] = []
        seen: set[tuple[int, str]] = set()
        for i, value in enumerate(self):
            for piece in value.pieces:
                for iv, cert in piece.certificates:
                    if (id(cert), str(iv)) not in seen:
                        seen.add((id(cert), str(iv)))
                        out += [f"player {i + 1}, a basis on {iv}: {m}" for m in cert.check(iv)]
        for i, (value, again) in enumerate(zip(self, star(self.coalition_function, len(self)))):
            bad = [p.interval for p in (value - again).pieces if not p.value.num.is_zero()]
            out += [f"player {i + 1}: the value is not (star) of the coalition function on {iv}" for iv in bad]
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong.

        Returns
        -------
        bool

        Raises
        ------
        KeyError
            As :meth:`check`.
        """
        return not self.check()


def fallback_n(family: ParametricGame, select: str = "welfare", domain: Interval | str | None = None,
               coalitions: str = "two-teams") -> ParametricFallback:
    """The n-player CE fallback value ``phi(t)`` for every ``t`` in ``domain``: (star) of
    :func:`coalition_function` (the parametric :func:`exactbargain.bargaining.fallback`).

    Parameters
    ----------
    family : ParametricGame
        Three or more players.
    select : str
        ``"welfare"``, ``"egalitarian"``, ``"dictator-K"`` or ``"random-dictator"``.
    domain : Interval, str or None
        Default: the whole line.
    coalitions : str
        ``"two-teams"`` (default) or ``"team-vs-individuals"``.

    Returns
    -------
    ParametricFallback
        One :class:`Piecewise` per player, with the coalition function and :meth:`~ParametricFallback.verify`.

    Raises
    ------
    GameError
        For an unknown selection or coalition model.
    ParametricError
        Where the method stops (see the module's docstring).
    """
    v = coalition_function(family, select, domain, coalitions)
    return ParametricFallback(star(v, len(family.players)), v, select, coalitions)


def fallback(family: ParametricGame, select: str = "welfare", domain: Interval | str | None = None,
             coalitions: str = "two-teams") -> tuple[Piecewise, ...]:
    """The CE fallback value for every ``t`` in ``domain``, for any number of players.

    Two players: :func:`exactbargain.parametric.selection.fallback` (``coalitions`` does not
    matter, as for the ordinary rule); three or more: :func:`fallback_n`.

    Parameters
    ----------
    family : ParametricGame
    select : str
        ``"welfare"``, ``"egalitarian"``, ``"dictator-K"`` or ``"random-dictator"``.
    domain : Interval, str or None
        Default: the whole line.
    coalitions : str
        ``"two-teams"`` (default) or ``"team-vs-individuals"``.

    Returns
    -------
    tuple of Piecewise
        One value per player (a :class:`ParametricFallback` for three or more players).

    Raises
    ------
    GameError
        For an unknown selection or coalition model.
    ParametricError
        Where the method stops.

    Examples
    --------
    >>> from exactbargain.parametric import ParametricGame
    >>> chicken = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c")
    >>> print(fallback(chicken, "dictator-1", "0:inf")[0])
    c in [0, inf): 17/2
    """
    if len(family.players) <= 2:
        if coalitions not in COALITION_MODELS:
            raise GameError(f"coalitions must be one of {', '.join(COALITION_MODELS)}; got {coalitions!r}")
        return _fallback2(family, select, domain)
    return fallback_n(family, select, domain, coalitions)
