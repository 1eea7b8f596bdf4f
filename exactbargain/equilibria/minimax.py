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

import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import chain
from operator import attrgetter, mul
from typing import Any, Iterator, Sequence

import flint

from ..errors import GameError, SolverError
from ..game import Game, _matrix, require_game
from ..lp import LP, LPResult, solve
from ..numbers import format_rational, format_vector, to_fmpq
from ..tables import Renderable, Table, key_value_table, vector_cell
from ..tables.display import display_rational, display_vector
from ._incentives import _positions

__all__ = ["FractionMatrix", "ZeroSumSolution", "SecurityLevels", "minimax", "security_levels"]


def _text(v: Sequence[Fraction]) -> str:
    return format_vector(v)


class FractionMatrix(Sequence):
    """An immutable rational matrix ``N / D``, read as a tuple of rows of Fractions.

    It holds the integers ``N`` (``numerators``, row-major) over one denominator ``D >= 1``,
    reduced so that ``gcd(D, N) = 1`` (so equal matrices hold equal integers); the
    Fractions are made on first access, so a large matrix that is only solved and checked
    never builds them. It compares (with tuples), hashes and prints like the tuple of
    tuples it stands for.

    >>> m = FractionMatrix([2, 1, -6, 0], 2, 2)
    >>> m[0], len(m), m.shape, m.denominator
    ((Fraction(1, 1), Fraction(1, 2)), 2, (2, 2), 2)
    >>> m == ((1, Fraction(1, 2)), (-3, 0))
    True
    """

    __slots__ = ("_nums", "_den", "_ncols", "_rows", "_hash")

    def __init__(self, numerators: Sequence[int], denominator: int, ncols: int) -> None:
        nums = tuple(numerators)
        if not all(type(v) is int for v in chain(nums, (denominator, ncols))):
            raise TypeError("FractionMatrix takes Python ints")
        if denominator < 1 or ncols < 1 or not nums or len(nums) % ncols:
            raise ValueError(f"{len(nums)} numerators do not fill rows of {ncols} over {denominator}")
        g = math.gcd(denominator, *nums)
        self._set(tuple(v // g for v in nums) if g > 1 else nums, denominator // g, ncols)

    @classmethod
    def _of(cls, nums: tuple[int, ...], den: int, ncols: int) -> "FractionMatrix":
        """The matrix of checked, reduced data (no copy, no checks)."""
        m = cls.__new__(cls)
        m._set(nums, den, ncols)
        return m

    def _set(self, nums: tuple[int, ...], den: int, ncols: int) -> None:
        self._nums, self._den, self._ncols = nums, den, ncols
        self._rows: tuple[tuple[Fraction, ...], ...] | None = None
        self._hash: int | None = None

    @property
    def numerators(self) -> tuple[int, ...]:
        """The integers ``N``, row-major."""
        return self._nums

    @property
    def denominator(self) -> int:
        """The common denominator ``D``."""
        return self._den

    @property
    def shape(self) -> tuple[int, int]:
        """``(rows, columns)``."""
        return len(self._nums) // self._ncols, self._ncols

    def _tuple(self) -> tuple[tuple[Fraction, ...], ...]:
        if self._rows is None:
            nums, den, c = self._nums, self._den, self._ncols
            flat = list(map(Fraction, nums)) if den == 1 else [Fraction(p, den) for p in nums]
            self._rows = tuple(tuple(flat[k:k + c]) for k in range(0, len(flat), c))
        return self._rows

    def __len__(self) -> int:
        return len(self._nums) // self._ncols

    def __getitem__(self, index: Any) -> Any:
        return self._tuple()[index]

    def __iter__(self) -> Iterator[tuple[Fraction, ...]]:
        return iter(self._tuple())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FractionMatrix):
            return (self._ncols, self._den, self._nums) == (other._ncols, other._den, other._nums)
        if isinstance(other, tuple):
            return self._tuple() == other
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(self._tuple())
        return self._hash

    def __repr__(self) -> str:
        return repr(self._tuple())

    def __reduce__(self) -> tuple:
        return (FractionMatrix, (self._nums, self._den, self._ncols))


def _integer_form(M: Sequence[Sequence[Any]]) -> tuple[Sequence[int], int, int]:
    """Row-major integers ``N``, denominator ``D`` and width of a matrix of Fractions/ints."""
    if isinstance(M, FractionMatrix):
        return M.numerators, M.denominator, M.shape[1]
    flat = [Fraction(e) for row in M for e in row]
    den = math.lcm(*[e.denominator for e in flat])
    return [e.numerator * (den // e.denominator) for e in flat], den, len(M[0])


def _payoffs(nums: Sequence[int], ncols: int, weights: Sequence[Any], by_rows: bool) -> list[Fraction]:
    """``(w N)_b`` for every column ``b`` when ``w`` weighs the rows (``by_rows``), else
    ``(N w)_a`` for every row ``a``: integer dot products over the weights' common
    denominator."""
    weights = [Fraction(w) for w in weights]
    den = math.lcm(*[w.denominator for w in weights])
    ints = [w.numerator * (den // w.denominator) for w in weights]
    if by_rows:
        lines = [nums[b::ncols] for b in range(ncols)]
    else:
        lines = [nums[a:a + ncols] for a in range(0, len(nums), ncols)]
    return [Fraction(sum(map(mul, line, ints)), den) for line in lines]


@dataclass(frozen=True, slots=True)
class ZeroSumSolution(Renderable):
    """The exact solution of the zero-sum game ``matrix`` (row player maximises).

    ``value`` is ``val(M)``; ``row_strategy`` and ``column_strategy`` are optimal mixed
    strategies; ``matrix`` is ``M`` as rows of Fractions (a :class:`FractionMatrix` from
    :func:`minimax`, equal to the tuple of tuples); ``certificate`` is the LP result (primal
    and dual certificates).
    """

    value: Fraction
    row_strategy: tuple[Fraction, ...]
    column_strategy: tuple[Fraction, ...]
    matrix: Sequence[tuple[Fraction, ...]]
    certificate: LPResult

    def check(self) -> list[str]:
        """Everything wrong with the claimed solution (empty when it is proved).

        Checks with plain fractions that both strategies are probability vectors and that
        ``min_b (x M)_b == value == max_a (M y)_a``; the two inequalities
        ``val >= min_b (xM)_b`` and ``val <= max_a (My)_a`` hold for any strategies, so
        equality proves both optimal and the value exact. The products are taken in
        integers: ``M = N / D`` and each strategy over its common denominator.

        Returns
        -------
        list of str
            One sentence per problem; empty when the solution is proved.
        """
        out = []
        x, y = self.row_strategy, self.column_strategy
        nums, den, cols = _integer_form(self.matrix)
        rows = len(nums) // cols
        for name, vec, size in (("row", x, rows), ("column", y, cols)):
            if len(vec) != size:
                out.append(f"{name} strategy has {len(vec)} entries, expected {size}")
            elif any(p < 0 for p in vec) or sum(vec) != 1:
                out.append(f"{name} strategy is not a probability vector")
        if out:
            return out
        guaranteed = min(_payoffs(nums, cols, x, True)) / den
        conceded = max(_payoffs(nums, cols, y, False)) / den
        if guaranteed != self.value:
            out.append(f"the row strategy guarantees {format_rational(guaranteed)}, not {format_rational(self.value)}")
        if conceded != self.value:
            out.append(f"the column strategy concedes {format_rational(conceded)}, not {format_rational(self.value)}")
        return out

    def verify(self) -> bool:
        """``True`` iff :meth:`check` finds nothing wrong.

        Returns
        -------
        bool
            Whether the claimed value and strategies are proved optimal.
        """
        return not self.check()

    def to_json(self) -> dict:
        """JSON-ready dict with exact ``"p/q"`` strings.

        Returns
        -------
        dict
            ``value``, both strategies and the LP certificate.
        """
        return {
            "value": format_rational(self.value),
            "row_strategy": [format_rational(p) for p in self.row_strategy],
            "column_strategy": [format_rational(p) for p in self.column_strategy],
            "certificate": self.certificate.to_json(),
        }

    def __str__(self) -> str:
        return (
            f"value {display_rational(self.value)}\n"
            f"row strategy    {display_vector(self.row_strategy)}\n"
            f"column strategy {display_vector(self.column_strategy)}"
        )

    def __repr__(self) -> str:
        return f"<ZeroSumSolution of a {self._size()} matrix: value {format_rational(self.value)}>"

    def _size(self) -> str:
        return f"{len(self.row_strategy)}x{len(self.column_strategy)}"

    def tables(self, *, title: str | None = None) -> list[Table]:
        """One table: the value and both optimal strategies (``title`` names the game).

        Parameters
        ----------
        title : str, optional
            The game's name in the caption.

        Returns
        -------
        list of Table
            One table.

        Examples
        --------
        >>> print(minimax([[1, -1], [-1, 1]]).render())
        Solution of the zero-sum game
        zero-sum game    2x2 matrix
        ---------------  ----------
        value            0
        row strategy     (1/2, 1/2)
        column strategy  (1/2, 1/2)
        """
        rows = [("value", self.value), ("row strategy", vector_cell(self.row_strategy)),
                ("column strategy", vector_cell(self.column_strategy))]
        caption = f"Solution of {title or 'the zero-sum game'}"
        return [key_value_table(("zero-sum game", f"{self._size()} matrix"), rows, caption)]


#: Entry types whose numerators and denominators are read in bulk (exact types: a subclass,
#: a bool among them, takes the entry-by-entry coercion).
_BULK_TYPES = frozenset((int, Fraction))
_NUMERATOR, _DENOMINATOR = attrgetter("numerator"), attrgetter("denominator")


def _of_fmpq_mat(M: "flint.fmpq_mat") -> FractionMatrix:
    nums, den = M.numer_denom()
    return FractionMatrix._of(tuple(map(int, nums.entries())), int(den), M.ncols())


def _as_matrix(matrix_or_game: Any) -> FractionMatrix:
    if isinstance(matrix_or_game, Game):
        game = matrix_or_game
        if game.num_players != 2:
            raise GameError(f"minimax needs a two-player game; this one has {game.num_players} players")
        if not game.is_zero_sum():
            raise GameError(
                "minimax needs a zero-sum game (u_1 + u_2 = 0 everywhere); for a general game "
                "solve minimax(game.difference()) or pass a matrix"
            )
        return _of_fmpq_mat(game.payoff_matrix(0))
    if isinstance(matrix_or_game, flint.fmpq_mat):
        if matrix_or_game.nrows() == 0 or matrix_or_game.ncols() == 0:
            raise GameError("minimax needs a non-empty matrix")
        return _of_fmpq_mat(matrix_or_game)
    rows = _matrix(matrix_or_game, "M")
    ncols = len(rows[0])
    flat = list(chain.from_iterable(rows))
    kinds = set(map(type, flat))
    if kinds == {int}:  # Python ints (integer numpy arrays among them): already N over D = 1
        return FractionMatrix._of(tuple(flat), 1, ncols)
    if kinds <= _BULK_TYPES:  # ints and Fractions: one common denominator for the matrix
        dens = list(map(_DENOMINATOR, flat))
        distinct = set(dens)
        den = math.lcm(*distinct)
        scale = {d: den // d for d in distinct}
        nums = tuple(map(mul, map(_NUMERATOR, flat), map(scale.__getitem__, dens)))
        return FractionMatrix._of(nums, den, ncols)
    entries = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            try:
                entries.append(to_fmpq(value))
            except ValueError as exc:
                raise GameError(f"matrix entry [{r}][{c}]: {exc}") from None
    return _of_fmpq_mat(flint.fmpq_mat(len(rows), ncols, entries))


def _solve_matrix(M: FractionMatrix, method: str) -> ZeroSumSolution:
    nums, den, (rows, cols) = M.numerators, M.denominator, M.shape
    # column b of M = N / D becomes row b of the LP: (x N)_b - D v >= 0
    A = [nums[b::cols] + (-den,) for b in range(cols)]
    A.append((1,) * rows + (0,))
    relations = [">="] * cols + ["="]
    rhs = [0] * cols + [1]
    objective = [0] * rows + [1]
    lp = LP.from_matrix(A, relations, rhs, objective, sense="max", free=[rows])
    result = solve(lp, method=method)
    if result.status != "optimal":  # a zero-sum LP always has an optimum
        raise SolverError(f"the zero-sum LP came back {result.status}; it always has an optimum")
    x = tuple(result.x[:rows])
    y = tuple(-result.y[b] * den for b in range(cols))
    return ZeroSumSolution(result.value, x, y, M, result)


def minimax(matrix_or_game: Any, *, method: str = "auto") -> ZeroSumSolution:
    """Solve a two-player zero-sum game exactly.

    ``matrix_or_game`` is a matrix of rationals (rows: the maximiser's actions) or a
    two-player zero-sum :class:`~exactbargain.game.Game` (player 1 maximises ``u_1``).
    ``method`` is passed to :func:`exactbargain.lp.solve`.

    Parameters
    ----------
    matrix_or_game : matrix or Game
        Lists of equally long rows of exact numbers, an integer numpy array, a FLINT matrix,
        or a two-player zero-sum game.
    method : str
        The LP method, as for :func:`exactbargain.lp.solve`.

    Returns
    -------
    ZeroSumSolution
        The value, optimal strategies of both players and the LP certificate.

    Raises
    ------
    GameError
        An empty, ragged or inexact matrix, or a game that is not two-player zero-sum.
    SolverError
        The LP did not come back optimal (it always has an optimum).

    Examples
    --------
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
class SecurityLevels(Renderable):
    """Each player's security level ``beta_i = max_{sigma_i} min_{a_-i} u_i(sigma_i, a_-i)``.

    ``solutions[i]`` solves the zero-sum game of player ``i`` (rows: ``i``'s actions) against
    the *correlated* rest (columns: the others' joint profiles in C order); by the minimax
    theorem ``beta_i`` is also the least payoff the others can hold ``i`` to by correlating.
    """

    levels: tuple[Fraction, ...]
    solutions: tuple[ZeroSumSolution, ...]

    def verify(self) -> bool:
        """Re-check every zero-sum solution exactly.

        Returns
        -------
        bool
            Whether every solution verifies and attains its level.
        """
        return all(s.verify() and s.value == v for s, v in zip(self.solutions, self.levels))

    def to_json(self) -> dict:
        """JSON-ready dict.

        Returns
        -------
        dict
            ``levels`` and the zero-sum ``solutions``.
        """
        return {"levels": [format_rational(v) for v in self.levels],
                "solutions": [s.to_json() for s in self.solutions]}

    def __str__(self) -> str:
        return "security levels " + display_vector(self.levels)

    def __repr__(self) -> str:
        return f"<SecurityLevels {_text(self.levels)}>"

    def tables(self, *, title: str | None = None) -> list[Table]:
        """One table: each player's security level and a maximin strategy attaining it.

        Parameters
        ----------
        title : str, optional
            The game's name in the caption.

        Returns
        -------
        list of Table
            One table.

        Examples
        --------
        >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
        >>> print(security_levels(chicken).render("markdown"))
        | player | security level | maximin strategy |
        |---:|---:|:---|
        | 1 | 2 | (0, 1) |
        | 2 | 2 | (0, 1) |
        <BLANKLINE>
        Table: Security levels of the game
        """
        rows = tuple((str(i + 1), v, vector_cell(s.row_strategy))
                     for i, (v, s) in enumerate(zip(self.levels, self.solutions)))
        caption = (f"Security levels of {title or 'the game'}",)
        return [Table(("player", "security level", "maximin strategy"), rows, caption, "rrl")]


def security_levels(game: Game, *, method: str = "auto") -> SecurityLevels:
    """Every player's maximin value against the correlated other players (any ``n``).

    Parameters
    ----------
    game : Game
        Any game.
    method : str
        The LP method, as for :func:`exactbargain.lp.solve`.

    Returns
    -------
    SecurityLevels
        ``beta_i`` per player and the zero-sum solution attaining each.

    Raises
    ------
    GameTypeError
        ``game`` is not a :class:`~exactbargain.game.Game`.

    Examples
    --------
    >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    >>> security_levels(chicken).levels
    (Fraction(2, 1), Fraction(2, 1))
    """
    game = require_game(game, "security_levels()")
    solutions = []
    for i in range(game.num_players):
        entries = game.payoff_entries(i)
        positions = _positions(game.shape, i)
        M = flint.fmpq_mat(len(positions), len(positions[0]),
                           [entries[c] for cols in positions for c in cols])
        solutions.append(_solve_matrix(_of_fmpq_mat(M), method))
    return SecurityLevels(tuple(s.value for s in solutions), tuple(solutions))
