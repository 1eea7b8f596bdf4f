"""Nash equilibria, exactly.

Two-player games: all extreme equilibria
----------------------------------------
For a bimatrix game ``(A, B)`` with ``m`` rows and ``n`` columns, shift both matrices so that
every entry is at least 1 (equilibria do not change) and form the best-response polytopes

    P = { x in R^m : x >= 0,  B^T x <= 1 }        Q = { y in R^n : A y <= 1,  y >= 0 }.

Label the ``m + n`` inequalities ``0..m+n-1``: in ``P``, label ``i < m`` is ``x_i = 0`` and
label ``m + j`` is ``(B^T x)_j = 1``; in ``Q``, label ``i < m`` is ``(A y)_i = 1`` and label
``m + j`` is ``y_j = 0``. A pair ``(x, y) != (0, 0)`` in ``P x Q`` whose tight labels together
cover ``{0..m+n-1}`` is, after normalising ``x / sum(x)`` and ``y / sum(y)``, a Nash
equilibrium (every pure strategy used is a best response), and every Nash equilibrium arises
this way. The equilibrium set is a finite union of polytopes (maximal Nash subsets) whose
vertices are exactly the pairs of *vertices* of ``P`` and ``Q`` that are completely labelled:
the **extreme equilibria**. :func:`nash_equilibria` lists all of them, also for degenerate
games, which is what Gambit's ``enummixed`` computes.

Vertex enumeration. Write ``P`` in equality form ``M z = 1, z >= 0`` with ``z = (x, s)``,
``M = [B^T | I]`` (``Q``: ``w = (t, y)``, ``M = [I | A]``); then the label of a variable is its
index, and a vertex's labels are the indices of its zero coordinates. The vertices are the
basic feasible solutions. In a degenerate game several bases give one vertex and the graph
of feasible bases need not be connected through plain pivots, so the search runs on the
*lexicographically perturbed* system ``M z = 1 + (eps, eps^2, ...)``: a basis ``beta`` with
inverse ``M_beta^-1`` is lex-feasible when every row of ``[M_beta^-1 1 | M_beta^-1]`` is
lexicographically positive. These rows are never zero (``M_beta^-1`` is invertible), so the
perturbed polytope is simple, its vertices are the lex-feasible bases, and pivoting with the
lexicographic minimum-ratio rule (whose minimum is unique for the same reason) walks along its
edges. Its graph is connected, so a search from the slack basis (the origin) reaches every
lex-feasible basis; and every vertex of the unperturbed polytope is the limit of at least one
perturbed vertex (maximise a linear function that singles it out), so reading off
``z = M_beta^-1 1`` at each visited basis and removing duplicates yields every vertex exactly
once. The payoffs are scaled to integers first (a positive affine map), so the search pivots
exactly on integer (fraction-free) tableaux, one pivot per basis.

Size limit. By the upper bound theorem a simple ``d``-polytope with ``k`` facets has at most
``C(k - ceil(d/2), floor(d/2)) + C(k - floor(d/2) - 1, ceil(d/2) - 1)`` vertices; the search
visits at most that many bases in ``P`` (``d = m``, ``k = m + n``) plus in ``Q`` (``d = n``).
:func:`nash_equilibria` refuses (:class:`~exactbargain.limits.LimitError`) a game whose bound
exceeds ``limit`` (default: the ``nash-vertices`` limit, :data:`DEFAULT_VERTEX_LIMIT` unless
raised, which admits every ``12 x 12`` game and every ``m x n`` game with ``m + n <= 24``);
pass a larger ``limit`` (``--limit nash-vertices=N`` on the command line) to try anyway.

More players
------------
A player with a single action has nothing to choose, so the solver drops such players first.
If at most two players have a choice the result is complete as above. Otherwise the result
lists the **pure** equilibria only and says so (``complete=False``, ``method="pure"``):
games with three or more players can have only irrational equilibria, which no exact
rational solver can list.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterator, Sequence

import flint

from .. import limits as _limits
from ..errors import GameError
from ..game import Game, require_game
from ..numbers import format_rational, fraction_of, to_fraction
from ..tables import Part, Renderable, Table, game_title
from ..tables.display import display_rational, display_vector
from .vertex_enumeration import extreme_equilibria, vertex_bound

__all__ = [
    "NashEquilibrium",
    "NashEquilibria",
    "nash_equilibria",
    "pure_nash_equilibria",
    "vertex_bound",
    "DEFAULT_VERTEX_LIMIT",
]

#: Default cap on :func:`vertex_bound` for :func:`nash_equilibria` (both polytopes together).
DEFAULT_VERTEX_LIMIT = _limits.DEFAULT_LIMITS.nash_vertices

_FMPQ = flint.fmpq
_ONE = flint.fmpq(1)


# ---------------------------------------------------------------------- results
@dataclass(frozen=True, slots=True)
class NashEquilibrium:
    """One mixed-strategy profile and its expected payoffs, all exact.

    ``strategies[i][k]`` is the probability that player ``i`` plays action ``k``;
    ``payoffs[i] = u_i(sigma)``. Values are coerced to :class:`fractions.Fraction` (floats
    are refused).

    >>> e = NashEquilibrium(((Fraction(1, 3), Fraction(2, 3)), (1, 0)), ("14/3", 2))
    >>> print(e)
    (1/3, 2/3), (1, 0) -> payoffs (14/3, 2)
    >>> e.supports, e.is_pure
    (((0, 1), (0,)), False)
    >>> e.to_json()
    {'strategies': [['1/3', '2/3'], ['1', '0']], 'payoffs': ['14/3', '2']}
    """

    strategies: tuple[tuple[Fraction, ...], ...]
    payoffs: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        strategies = tuple(tuple(to_fraction(p) for p in s) for s in self.strategies)
        payoffs = tuple(to_fraction(u) for u in self.payoffs)
        if len(payoffs) != len(strategies):
            raise GameError(
                f"an equilibrium of {len(strategies)} players needs {len(strategies)} payoffs, "
                f"got {len(payoffs)}"
            )
        object.__setattr__(self, "strategies", strategies)
        object.__setattr__(self, "payoffs", payoffs)

    @property
    def supports(self) -> tuple[tuple[int, ...], ...]:
        """The actions each player uses with positive probability (0-based indices)."""
        return tuple(tuple(k for k, p in enumerate(s) if p > 0) for s in self.strategies)

    @property
    def is_pure(self) -> bool:
        """Whether every player plays one action with probability 1."""
        return all(len(s) == 1 for s in self.supports)

    def pure_profile(self) -> tuple[int, ...] | None:
        """The profile (action indices) of a pure equilibrium, ``None`` for a mixed one.

        Returns
        -------
        tuple of int or None
            The action indices, or ``None``.
        """
        supports = self.supports
        if all(len(s) == 1 for s in supports):
            return tuple(s[0] for s in supports)
        return None

    def to_json(self) -> dict[str, Any]:
        """``{"strategies": [["p/q", ...], ...], "payoffs": ["p/q", ...]}``.

        Returns
        -------
        dict
            The strategies and payoffs as ``"p/q"`` strings.
        """
        return {
            "strategies": [[format_rational(p) for p in s] for s in self.strategies],
            "payoffs": [format_rational(u) for u in self.payoffs],
        }

    def describe(self, game: Game) -> str:
        """The equilibrium in words, with the game's player names and action labels.

        Parameters
        ----------
        game : Game
            The game the equilibrium is of (for names and labels).

        Returns
        -------
        str
            One line.

        Examples
        --------
        >>> g = Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=("R", "C"),
        ...                   actions=(("a", "b"), ("x", "y")))
        >>> NashEquilibrium(((Fraction(1, 2), Fraction(1, 2)), (0, 1)), ("0", "1/2")).describe(g)
        'R: 1/2 a + 1/2 b; C: y -> payoffs (0, 1/2)'
        """
        parts = []
        for i, s in enumerate(self.strategies):
            labels = game.actions[i]
            used = [(p, labels[k]) for k, p in enumerate(s) if p != 0]
            if len(used) == 1 and used[0][0] == 1:
                text = used[0][1]
            else:
                text = " + ".join(f"{display_rational(p)} {label}" for p, label in used)
            parts.append(f"{game.players[i]}: {text}")
        return "; ".join(parts) + f" -> payoffs {display_vector(self.payoffs)}"

    def __str__(self) -> str:
        strategies = ", ".join(display_vector(s) for s in self.strategies)
        return f"{strategies} -> payoffs {display_vector(self.payoffs)}"


@dataclass(frozen=True, slots=True)
class NashEquilibria(Renderable):
    """The Nash equilibria :func:`nash_equilibria` found, with how they were found.

    * ``equilibria``: the equilibria, in a fixed order (strategy vectors in decreasing
      lexicographic order, so the equilibrium playing everyone's first action comes first);
    * ``method``: ``"vertex-enumeration"`` (two players with a choice: extreme equilibria by
      exact vertex enumeration of the best-response polytopes) or ``"pure"`` (pure profiles
      checked one by one);
    * ``complete``: whether ``equilibria`` lists *every* extreme Nash equilibrium of the game
      (so every equilibrium is a convex combination of listed ones within a Nash subset).
      ``False`` for ``method="pure"`` on games with three or more players with a choice;
    * ``note``: one sentence saying what was computed.

    Iterating, ``len`` and indexing go through ``equilibria``.
    """

    game: Game = field(repr=False)
    equilibria: tuple[NashEquilibrium, ...]
    method: str
    complete: bool
    note: str = ""

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[NashEquilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, index: int) -> NashEquilibrium:
        return self.equilibria[index]

    def payoff_set(self) -> frozenset[tuple[Fraction, ...]]:
        """The set of equilibrium payoff vectors (of the listed equilibria).

        Returns
        -------
        frozenset of tuple of Fraction
            The distinct payoff vectors.
        """
        return frozenset(e.payoffs for e in self.equilibria)

    def problems(self) -> tuple[str, ...]:
        """Everything :meth:`verify` finds wrong, one sentence per problem (empty if none).

        Checks, exactly, for every equilibrium ``sigma``: each ``sigma_i`` is a probability
        vector over player ``i``'s actions; ``payoffs == u(sigma)``; and no pure deviation
        gains, ``u_i(a_i, sigma_-i) <= u_i(sigma)`` for every player and action, with
        equality for every action in the support. Also that no equilibrium is listed twice.

        Returns
        -------
        tuple of str
            One sentence per problem.
        """
        out: list[str] = []
        seen: set[tuple[tuple[Fraction, ...], ...]] = set()
        for number, eq in enumerate(self.equilibria, 1):
            if eq.strategies in seen:
                out.append(f"equilibrium {number} is listed twice")
            seen.add(eq.strategies)
            out.extend(f"equilibrium {number}: {p}" for p in _equilibrium_problems(self.game, eq))
        return tuple(out)

    def verify(self) -> bool:
        """Re-check every equilibrium exactly (see :meth:`problems`); ``True`` if all hold.

        Returns
        -------
        bool
            ``True`` iff :meth:`problems` is empty.

        Examples
        --------
        >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
        >>> nash_equilibria(chicken).verify()
        True
        """
        return not self.problems()

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary: method, completeness and the equilibria.

        Returns
        -------
        dict
            ``method``, ``complete``, ``note`` and the ``equilibria``.
        """
        return {
            "method": self.method,
            "complete": self.complete,
            "note": self.note,
            "equilibria": [e.to_json() for e in self.equilibria],
        }

    def _headline(self) -> tuple[str, str]:
        """``"3 extreme Nash equilibria"`` and, in parentheses, completeness and method."""
        kind = "extreme Nash equilibria" if self.method == "vertex-enumeration" else "pure Nash equilibria"
        status = "complete" if self.complete else "incomplete: mixed equilibria not searched"
        return f"{len(self.equilibria)} {kind}", f"({status}; method {self.method})"

    def tables(self, *, title: str | None = None) -> list[Table]:
        """One table: a row per equilibrium with each player's mixed strategy (probabilities
        and action labels) and the expected payoffs; the caption counts them and says
        whether the list is complete (``title`` replaces the game's title).

        Parameters
        ----------
        title : str, optional
            Replaces the game's title in the caption.

        Returns
        -------
        list of Table
            One table.

        Examples
        --------
        >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], players=("R", "C"),
        ...                         actions=(("D", "C"), ("D", "C")))
        >>> print(nash_equilibria(chicken).render())
        3 extreme Nash equilibria of the game (complete; method vertex-enumeration)
        equilibrium  R              C              u(R)  u(C)
        -----------  -------------  -------------  ----  ----
        1            D              C              7     2
        2            1/3 D + 2/3 C  1/3 D + 2/3 C  14/3  14/3
        3            C              D              2     7
        """
        game = self.game
        rows = []
        for number, eq in enumerate(self.equilibria, 1):
            strategies = []
            for i, s in enumerate(eq.strategies):
                used = [(p, game.actions[i][k]) for k, p in enumerate(s) if p != 0]
                cell: list[Part] = []
                for p, label in used:
                    cell += ([" + "] if cell else []) + ([label] if len(used) == 1 else [p, " ", label])
                strategies.append(tuple(cell))
            rows.append((str(number),) + tuple(strategies) + eq.payoffs)
        header = ("equilibrium",) + game.players + tuple(f"u({p})" for p in game.players)
        count, status = self._headline()
        caption = (f"{count} of {game_title(game, title)} {status}",)
        n = game.num_players
        return [Table(header, tuple(rows), caption, "r|" + "l" * n + "|" + "r" * n)]

    def __repr__(self) -> str:
        count, status = self._headline()
        return f"<NashEquilibria {self.game.title!r}: {count} {status}>"

    def __str__(self) -> str:
        title = f" of {self.game.title!r}" if self.game.title else ""
        count, status = self._headline()
        lines = [f"{count}{title} {status}"]
        width = len(str(len(self.equilibria)))
        for number, eq in enumerate(self.equilibria, 1):
            lines.append(f"  {number:>{width}}. {eq.describe(self.game)}")
        return "\n".join(lines)


# ---------------------------------------------------------------------- exact evaluation
def _as_fmpq(value: Any) -> Any:
    if type(value) is _FMPQ:
        return value
    if isinstance(value, Fraction):
        return _FMPQ(value.numerator, value.denominator)
    return _FMPQ(value)


def _deviation_payoffs(game: Game, sigma: Sequence[Sequence[Any]], i: int) -> list[Any]:
    """``u_i(a_i, sigma_-i)`` for every action ``a_i`` of player ``i`` (``fmpq``).

    The payoff tensor (C order) is contracted with the other players' strategies one axis at
    a time: the last remaining axis as ``(rest x m_k) . sigma_k``, the first as
    ``sigma_k^T . (m_k x rest)``; both are exact flint matrix products.
    """
    dims = list(game.shape)
    cur = game.payoff_entries(i)
    for k in range(len(dims) - 1, i, -1):
        rows = len(cur) // dims[k]
        vec = flint.fmpq_mat(dims[k], 1, [_as_fmpq(p) for p in sigma[k]])
        cur = (flint.fmpq_mat(rows, dims[k], cur) * vec).entries()
        dims.pop()
    for k in range(i):
        cols = len(cur) // dims[0]
        vec = flint.fmpq_mat(1, dims[0], [_as_fmpq(p) for p in sigma[k]])
        cur = (vec * flint.fmpq_mat(dims[0], cols, cur)).entries()
        dims.pop(0)
    return cur


def _equilibrium_problems(game: Game, eq: NashEquilibrium) -> list[str]:
    n = game.num_players
    out: list[str] = []
    if len(eq.strategies) != n:
        return [f"lists {len(eq.strategies)} strategies for a {n}-player game"]
    for i, s in enumerate(eq.strategies):
        name = game.players[i]
        if len(s) != game.shape[i]:
            out.append(f"player {name!r} has {game.shape[i]} actions but the strategy lists {len(s)}")
        elif any(p < 0 for p in s):
            out.append(f"the strategy of player {name!r} has a negative probability")
        elif sum(s) != 1:
            out.append(f"the probabilities of player {name!r} sum to {format_rational(sum(s))}, not 1")
    if out:
        return out
    for i in range(n):
        name = game.players[i]
        dev = [fraction_of(v) for v in _deviation_payoffs(game, eq.strategies, i)]
        value = sum((p * d for p, d in zip(eq.strategies[i], dev)), Fraction(0))
        if eq.payoffs[i] != value:
            out.append(f"player {name!r} expects {format_rational(value)}, not the stated {format_rational(eq.payoffs[i])}")
        for k, d in enumerate(dev):
            label = game.actions[i][k]
            if d > value:
                out.append(f"player {name!r} gains {format_rational(d - value)} by deviating to {label!r}")
            elif eq.strategies[i][k] > 0 and d != value:
                out.append(f"player {name!r} plays {label!r}, which is not a best response")
    return out


# ---------------------------------------------------------------------- pure equilibria
def _pure_profiles(game: Game) -> list[tuple[int, ...]]:
    """Every profile at which each player's action is a best response (C order)."""
    shape = game.shape
    size = game.num_profiles
    ok = [True] * size
    for i, m in enumerate(shape):
        u = game.payoff_entries(i)
        stride = math.prod(shape[i + 1:])
        block = m * stride
        for outer in range(0, size, block):
            for base in range(outer, outer + stride):
                values = u[base: base + block: stride]
                best = max(values)
                for k, v in enumerate(values):
                    if v != best:
                        ok[base + k * stride] = False
    return [index for index, good in zip(game.profiles(), ok) if good]


def _pure_equilibrium(game: Game, profile: Sequence[int]) -> NashEquilibrium:
    strategies = tuple(
        tuple(Fraction(1) if k == a else Fraction(0) for k in range(m))
        for a, m in zip(profile, game.shape)
    )
    return NashEquilibrium(strategies, game.payoff(tuple(profile)))


def pure_nash_equilibria(game: Game) -> NashEquilibria:
    """All pure-strategy Nash equilibria of an n-player game.

    A profile ``a`` is a pure equilibrium when ``u_i(a) = max_{a_i'} u_i(a_i', a_-i)`` for
    every player ``i``. Every profile is checked, so the cost is ``O(n |A|)``.

    ``complete`` is ``True`` only when at most one player has a choice (then the extreme
    equilibria are exactly the pure ones); use :func:`nash_equilibria` for mixed equilibria.

    Parameters
    ----------
    game : Game
        Any game.

    Returns
    -------
    NashEquilibria
        The pure equilibria (``method="pure"``).

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
    >>> print(pure_nash_equilibria(pd))
    1 pure Nash equilibria (incomplete: mixed equilibria not searched; method pure)
      1. 1: D; 2: D -> payoffs (1, 1)
    """
    equilibria = tuple(_pure_equilibrium(game, a) for a in _pure_profiles(game))
    choosers = sum(1 for m in game.shape if m > 1)
    complete = choosers <= 1
    note = (
        "pure equilibria; at most one player has a choice, so these are all extreme equilibria"
        if complete
        else "pure equilibria only; mixed equilibria were not searched"
    )
    return NashEquilibria(game, _ordered(equilibria), "pure", complete, note)


def _ordered(equilibria: Sequence[NashEquilibrium]) -> tuple[NashEquilibrium, ...]:
    return tuple(sorted(equilibria, key=lambda e: e.strategies, reverse=True))


def nash_equilibria(game: Game, *, limit: int | None = None) -> NashEquilibria:
    """Nash equilibria of a game, exactly: all extreme ones when at most two players choose.

    * Two players with a choice (``method="vertex-enumeration"``, ``complete=True``): every
      extreme Nash equilibrium, i.e. every pair of vertices of the best-response polytopes
      ``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}`` (payoffs shifted positive)
      that is completely labelled, correct on degenerate games; every equilibrium is a convex
      combination of extreme ones lying in a common maximal Nash subset. The enumeration is
      lexicographic pivoting over bases (module docstring); players with a single action
      are fixed at it.
    * At most one player with a choice (``method="pure"``, ``complete=True``): the pure
      maximisers, which are then exactly the extreme equilibria.
    * Three or more players with a choice (``method="pure"``, ``complete=False``): the pure
      equilibria only, since such games may have only irrational equilibria.

    Raises :class:`~exactbargain.limits.LimitError` when :func:`vertex_bound` of the
    two-player part exceeds ``limit`` (default: the ``nash-vertices`` limit in force,
    :data:`DEFAULT_VERTEX_LIMIT` unless raised; see :mod:`exactbargain.limits`).

    Parameters
    ----------
    game : Game
        Any game.
    limit : int, optional
        The most bases the vertex enumeration may visit (default: the ``nash-vertices``
        limit in force).

    Returns
    -------
    NashEquilibria
        The equilibria, ``complete`` saying whether they are all the extreme ones.

    Raises
    ------
    LimitError
        :func:`vertex_bound` of the two-player part exceeds ``limit``.
    GameTypeError
        ``game`` is not a :class:`~exactbargain.game.Game`.

    Examples
    --------
    >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]],
    ...                         actions=(("D", "C"), ("D", "C")), title="Chicken")
    >>> print(nash_equilibria(chicken))
    3 extreme Nash equilibria of 'Chicken' (complete; method vertex-enumeration)
      1. 1: D; 2: C -> payoffs (7, 2)
      2. 1: 1/3 D + 2/3 C; 2: 1/3 D + 2/3 C -> payoffs (14/3, 14/3)
      3. 1: C; 2: D -> payoffs (2, 7)
    >>> nash_equilibria(Game.zero_sum([[0] * 20] * 20))
    Traceback (most recent call last):
        ...
    exactbargain.limits.LimitError: a 20x20 game's best-response polytopes may have up to 80120040 vertices, more than the limit nash-vertices=60000 allows; raise it with --limit nash-vertices=80120040 (limits=Limits(nash_vertices=80120040) in Python)
    """
    game = require_game(game, "nash_equilibria()")
    choosers = [i for i, m in enumerate(game.shape) if m > 1]
    if len(choosers) != 2:
        result = pure_nash_equilibria(game)
        if len(choosers) > 2:
            return result
        return NashEquilibria(game, result.equilibria, "pure", True, result.note)
    i, j = choosers
    m, n = game.shape[i], game.shape[j]
    bound = vertex_bound(m, n)
    what = f"a {m}x{n} game's best-response polytopes may have up to {bound} vertices"
    if limit is None:
        _limits.check("nash-vertices", bound, what)
    elif bound > limit:
        raise _limits.LimitError(what, "nash-vertices", bound, limit)
    A, B = _two_player_matrices(game, i, j)
    equilibria = [_mixed_equilibrium(game, i, j, x, y) for x, y in extreme_equilibria(A, B)]
    note = (
        "all extreme Nash equilibria, by exact lexicographic vertex enumeration of the "
        "best-response polytopes"
    )
    return NashEquilibria(game, _ordered(equilibria), "vertex-enumeration", True, note)


def _two_player_matrices(game: Game, i: int, j: int) -> tuple["flint.fmpq_mat", "flint.fmpq_mat"]:
    """The payoff matrices of choosers ``i`` (rows) and ``j`` (columns), the other players
    fixed at their single action."""
    if game.num_players == 2:
        return game.payoff_matrix(0), game.payoff_matrix(1)
    m, n = game.shape[i], game.shape[j]
    base = [0] * game.num_players
    a_entries, b_entries = [], []
    for r in range(m):
        for c in range(n):
            base[i], base[j] = r, c
            values = game.payoff_fmpq(base)
            a_entries.append(values[i])
            b_entries.append(values[j])
    return flint.fmpq_mat(m, n, a_entries), flint.fmpq_mat(m, n, b_entries)


def _mixed_equilibrium(game: Game, i: int, j: int, x: Sequence[Any], y: Sequence[Any]) -> NashEquilibrium:
    """The equilibrium in which chooser ``i`` plays ``x``, chooser ``j`` plays ``y`` and every
    other player their single action, with its expected payoffs."""
    sigma: list[tuple[Any, ...]] = [(_ONE,)] * game.num_players
    sigma[i], sigma[j] = tuple(x), tuple(y)
    payoffs = []
    for k in range(game.num_players):
        dev = _deviation_payoffs(game, sigma, k)
        payoffs.append(fraction_of(sum((p * d for p, d in zip(sigma[k], dev)), _FMPQ(0))))
    strategies = tuple(tuple(fraction_of(p) for p in s) for s in sigma)
    return NashEquilibrium(strategies, tuple(payoffs))
