"""A small builder for linear programs with exact rational data.

The problem is

.. math::

    \\max\\ (\\text{or } \\min)\\ c \\cdot x
    \\quad\\text{subject to}\\quad a_i \\cdot x \\;(\\le \\mid = \\mid \\ge)\\; b_i
    \\quad (i = 0, \\dots, m-1),
    \\qquad x_j \\ge 0 \\text{ unless } x_j \\text{ is free}.

Every coefficient passes through :func:`exactbargain.numbers.to_fmpq` (floats are refused).
A row is stored the way it was given, only rewritten over one common positive denominator:
``a_ij = nums[k] / den_i`` and ``b_i = rhs_i / den_i`` with integers ``nums``, ``rhs_i`` and
``den_i >= 1``. Nothing is rounded or divided out, so :class:`LPData` *is* the user's problem,
and certificates are checked against it.

>>> lp = LP(sense="max")
>>> x = lp.add_variable("x")
>>> y = lp.add_variable("y")
>>> lp.add_row({x: 1, "y": "1/2"}, "<=", 3, name="cap")
0
>>> lp.add_row([1, -1], ">=", -1)
1
>>> lp.set_objective({x: 1, y: 1})
>>> print(lp)
max  x + y
s.t. cap: x + 1/2 y <= 3
     r1: x - y >= -1
     x, y >= 0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import compress
from typing import Any

import flint

from ..errors import LPError
from .data import _SENSES, LPData, _common_denominator, _exact
from .text import format_lp

__all__ = ["LP", "LPData", "RELATIONS"]

#: The accepted spellings of the three row relations, mapped to their canonical form.
RELATIONS = {"<=": "<=", "=<": "<=", "==": "=", "=": "=", ">=": ">=", "=>": ">="}

_INT = frozenset((int,))


def _integer_row(row: Any, n: int) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Columns and values of the nonzeros of a row of Python ints: a dense row of length
    ``n`` or a mapping ``{index in range(n): int}``; ``None`` for any other row (which then
    takes :meth:`LP.add_row`'s checks and conversions)."""
    if isinstance(row, Mapping):
        if not all(type(j) is int and 0 <= j < n for j in row):
            return None
        if not all(type(v) is int for v in row.values()):
            return None
        items = sorted(item for item in row.items() if item[1])
        return tuple(j for j, _ in items), tuple(v for _, v in items)
    if len(row) != n or not set(map(type, row)) <= _INT:
        return None
    return tuple(compress(range(n), row)), tuple(filter(None, row))


def _matrix_rows(A: Any) -> tuple[Sequence[Any], int | None]:
    """The rows of :meth:`LP.from_matrix`'s ``A``, and its number of columns if ``A`` is a
    flint matrix (``None`` for a list of rows)."""
    if isinstance(A, (flint.fmpz_mat, flint.fmpq_mat)):
        n = A.ncols()
        if isinstance(A, flint.fmpz_mat):
            flat = list(map(int, A.entries()))
        else:
            flat = A.entries()
        return [flat[i * n : (i + 1) * n] for i in range(A.nrows())], n
    return list(A), None


def _column_count(rows: Sequence[Any], c: list | Mapping[int, Any]) -> int:
    """The number of variables of a list of rows: a dense row's length, or (all rows
    sparse) one more than the largest index mentioned by a row or the objective ``c``."""
    n_c = max(c, default=-1) + 1 if isinstance(c, Mapping) else len(c)
    dense = [r for r in rows if not isinstance(r, Mapping)]
    if dense:
        return len(dense[0])
    keys = [j for r in rows for j in r if type(j) is int]
    return max([n_c - 1] + keys) + 1


def _row_inputs(m: int, relations: str | Sequence[str], b: Sequence[Any],
                row_names: Sequence[str | None] | None) -> tuple[Sequence[str], list]:
    """:meth:`LP.from_matrix`'s relations (one per row) and right-hand sides, checked
    against the ``m`` rows, as are the row names."""
    if isinstance(relations, str):
        relations = [relations] * m
    b = list(b)
    if len(relations) != m or len(b) != m:
        raise LPError(f"{m} rows but {len(relations)} relations and {len(b)} right-hand sides")
    if row_names is not None and len(row_names) != m:
        raise LPError(f"{m} rows but {len(row_names)} row names")
    return relations, b


def _free_set(free: Iterable[int], n: int, variable_names: Sequence[str] | None) -> set:
    """:meth:`LP.from_matrix`'s free variable indices, checked against the ``n`` variables,
    as are the variable names."""
    free_set = set(free)
    bad = [j for j in free_set if type(j) is not int or not 0 <= j < n]
    if bad:
        raise LPError(f"free variable indices out of range: {sorted(map(repr, bad))}")
    if variable_names is not None and len(variable_names) != n:
        raise LPError(f"{n} variables but {len(variable_names)} names")
    return free_set


class LP:
    """A linear program under construction: variables, rows, objective, sense.

    Variables are non-negative unless created with ``free=True``; they are referred to by
    index (the int returned by :meth:`add_variable`) or by name. Rows are ``<=``, ``=`` or
    ``>=`` (also spelled ``=<``, ``==``, ``=>``). :meth:`from_matrix` builds a whole model in
    one call. The model is only read by :func:`exactbargain.lp.solve` through :attr:`data`, an
    immutable snapshot, so results keep checking against the problem they solved even if
    the builder is changed afterwards.

    Parameters
    ----------
    sense : {"max", "min"}
        The direction of optimisation.

    Raises
    ------
    LPError
        ``sense`` is neither ``"max"`` nor ``"min"``.

    Examples
    --------
    >>> lp = LP("min")
    >>> lp.add_variables(2, names=["a", "b"])
    range(0, 2)
    >>> lp.add_row({"a": 1, "b": 1}, ">=", "3/2")
    0
    >>> lp.set_objective([2, 3])
    >>> lp.num_variables, lp.num_rows, lp.sense
    (2, 1, 'min')
    >>> lp.add_row({"c": 1}, "<=", 1)
    Traceback (most recent call last):
        ...
    exactbargain.errors.LPError: row 1: unknown variable 'c'
    """

    __slots__ = (
        "_sense",
        "_names",
        "_index",
        "_free",
        "_row_names",
        "_relations",
        "_row_cols",
        "_row_nums",
        "_row_den",
        "_rhs",
        "_obj",
        "_snapshot",
    )

    def __init__(self, sense: str = "max") -> None:
        if sense not in _SENSES:
            raise LPError(f"sense must be 'max' or 'min', not {sense!r}")
        self._sense = sense
        self._names: list[str | None] = []
        self._index: dict[str, int] = {}
        self._free: list[bool] = []
        self._row_names: list[str | None] = []
        self._relations: list[str] = []
        self._row_cols: list[tuple[int, ...]] = []
        self._row_nums: list[tuple[int, ...]] = []
        self._row_den: list[int] = []
        self._rhs: list[int] = []
        self._obj: tuple[tuple[int, ...], tuple[int, ...], int] = ((), (), 1)
        self._snapshot: LPData | None = None

    # ----------------------------------------------------------------------------------
    # variables
    @property
    def sense(self) -> str:
        """``"max"`` or ``"min"``."""
        return self._sense

    @property
    def num_variables(self) -> int:
        """The number of variables."""
        return len(self._free)

    @property
    def num_rows(self) -> int:
        """The number of rows."""
        return len(self._relations)

    def add_variable(self, name: str | None = None, *, free: bool = False) -> int:
        """Add one variable (``>= 0``, or unrestricted in sign if ``free``); return its index.

        Parameters
        ----------
        name : str, optional
            A name, unique in the model, by which rows and objectives may refer to it.
        free : bool
            ``True`` for a variable unrestricted in sign.

        Returns
        -------
        int
            The new variable's index.

        Raises
        ------
        LPError
            ``name`` is not a string or is taken already.

        Examples
        --------
        >>> lp = LP()
        >>> lp.add_variable("v", free=True), lp.add_variable()
        (0, 1)
        >>> lp.add_variable("v")
        Traceback (most recent call last):
            ...
        exactbargain.errors.LPError: a variable named 'v' already exists
        """
        if name is not None:
            if not isinstance(name, str):
                raise LPError(f"a variable name must be a string, not {name!r}")
            if name in self._index:
                raise LPError(f"a variable named {name!r} already exists")
            self._index[name] = len(self._free)
        self._names.append(name)
        self._free.append(bool(free))
        self._snapshot = None
        return len(self._free) - 1

    def add_variables(
        self, count: int, *, names: Sequence[str] | None = None, free: bool = False
    ) -> range:
        """Add ``count`` variables at once; return the range of their indices.

        Parameters
        ----------
        count : int
            How many variables to add.
        names : sequence of str, optional
            One name per variable.
        free : bool
            ``True`` for variables unrestricted in sign.

        Returns
        -------
        range
            The indices of the new variables.

        Raises
        ------
        LPError
            ``names`` has not ``count`` entries, or a name is bad or taken.

        Examples
        --------
        >>> LP().add_variables(3)
        range(0, 3)
        """
        if names is not None and len(names) != count:
            raise LPError(f"{count} variables but {len(names)} names")
        start = len(self._free)
        for k in range(count):
            self.add_variable(None if names is None else names[k], free=free)
        return range(start, start + count)

    def variable_index(self, key: int | str) -> int:
        """The index of a variable given by index or name.

        Parameters
        ----------
        key : int or str
            An index in ``range(num_variables)`` or a variable's name.

        Returns
        -------
        int
            The variable's index.

        Raises
        ------
        LPError
            The index is out of range, the name unknown, or ``key`` neither.

        Examples
        --------
        >>> lp = LP(); _ = lp.add_variable("p")
        >>> lp.variable_index("p"), lp.variable_index(0)
        (0, 0)
        """
        if type(key) is int:
            if 0 <= key < len(self._free):
                return key
            raise LPError(f"variable index {key} is out of range (the LP has {len(self._free)})")
        if isinstance(key, str):
            try:
                return self._index[key]
            except KeyError:
                raise LPError(f"unknown variable {key!r}") from None
        raise LPError(f"a variable is given by its index or name, not {key!r}")

    # ----------------------------------------------------------------------------------
    # rows and objective
    def _linear(self, coefficients: Any, where: str) -> tuple[list[int], list[tuple[int, int]]]:
        """Columns and exact ``(p, q)`` coefficients of a dict or dense sequence (zeros dropped)."""
        n = len(self._free)
        cols: list[int] = []
        pairs: list[tuple[int, int]] = []
        if isinstance(coefficients, Mapping):
            seen: dict[int, Any] = {}
            for key, value in coefficients.items():
                try:
                    j = self.variable_index(key)
                except LPError as exc:
                    raise LPError(f"{where}: {exc}") from None
                if j in seen:
                    raise LPError(f"{where}: variable {self._label(j)} is given twice")
                seen[j] = value
            for j in sorted(seen):
                p, q = _exact(seen[j], f"{where}, coefficient of {self._label(j)}")
                if p:
                    cols.append(j)
                    pairs.append((p, q))
            return cols, pairs
        if isinstance(coefficients, (str, bytes)) or not isinstance(coefficients, Iterable):
            raise LPError(f"{where}: coefficients must be a dict or a sequence, not {coefficients!r}")
        values = list(coefficients)
        if len(values) != n:
            raise LPError(f"{where}: {len(values)} coefficients for {n} variables")
        for j, value in enumerate(values):
            if type(value) is int:
                p, q = value, 1
            else:
                p, q = _exact(value, f"{where}, coefficient of {self._label(j)}")
            if p:
                cols.append(j)
                pairs.append((p, q))
        return cols, pairs

    def _label(self, j: int) -> str:
        name = self._names[j]
        return repr(name) if name is not None else f"x{j}"

    def add_row(
        self,
        coefficients: Mapping[int | str, Any] | Sequence[Any],
        relation: str,
        rhs: Any,
        *,
        name: str | None = None,
    ) -> int:
        """Add the row ``coefficients . x  relation  rhs``; return its index.

        Parameters
        ----------
        coefficients : mapping or sequence
            A dict ``{variable (index or name): value}`` (sparse) or a sequence with one
            value per variable (dense); values are exact (int, Fraction, ``"p/q"`` text).
        relation : str
            ``"<="``, ``"="`` or ``">="`` (also ``"=<"``, ``"=="``, ``"=>"``).
        rhs : exact number
            The right-hand side.
        name : str, optional
            A name for the row, used in messages and printouts.

        Returns
        -------
        int
            The new row's index.

        Raises
        ------
        LPError
            An unknown relation or variable, a wrong number of coefficients, a variable given
            twice, or an inexact (float) number; the message names the row.

        Examples
        --------
        >>> lp = LP(); _ = lp.add_variables(2)
        >>> lp.add_row([1, 2, 3], "<=", 1)
        Traceback (most recent call last):
            ...
        exactbargain.errors.LPError: row 0: 3 coefficients for 2 variables
        >>> lp.add_row({0: 1}, "<", 1)
        Traceback (most recent call last):
            ...
        exactbargain.errors.LPError: row 0: relation must be one of '<=', '=', '>=', not '<'
        """
        i = len(self._relations)
        where = f"row {name!r}" if name is not None else f"row {i}"
        canonical = RELATIONS.get(relation) if isinstance(relation, str) else None
        if canonical is None:
            raise LPError(f"{where}: relation must be one of '<=', '=', '>=', not {relation!r}")
        if name is not None and not isinstance(name, str):
            raise LPError(f"a row name must be a string, not {name!r}")
        cols, pairs = self._linear(coefficients, where)
        pairs.append(_exact(rhs, f"{where}, right-hand side"))
        nums, den = _common_denominator(pairs)
        self._append_row(name, canonical, tuple(cols), tuple(nums[:-1]), den, nums[-1])
        return i

    def _append_row(
        self, name: str | None, relation: str, cols: tuple, nums: tuple, den: int, rhs: int
    ) -> None:
        self._row_names.append(name)
        self._relations.append(relation)
        self._row_cols.append(cols)
        self._row_nums.append(nums)
        self._row_den.append(den)
        self._rhs.append(rhs)
        self._snapshot = None

    def set_objective(self, coefficients: Mapping[int | str, Any] | Sequence[Any]) -> None:
        """Set the objective vector ``c`` (dict or dense sequence; absent entries are 0).

        Parameters
        ----------
        coefficients : mapping or sequence
            ``{variable (index or name): value}`` or one exact value per variable.

        Returns
        -------
        None

        Raises
        ------
        LPError
            An unknown variable, a wrong number of coefficients or an inexact number.

        Examples
        --------
        >>> lp = LP(); _ = lp.add_variables(2)
        >>> lp.set_objective({1: 0.5})
        Traceback (most recent call last):
            ...
        exactbargain.errors.LPError: objective, coefficient of x1: 0.5 is a float, and floats are not exact; pass an int, a Fraction, a string such as '1/2' or '0.25', or use from_float=True for the float's exact binary value
        """
        cols, pairs = self._linear(coefficients, "objective")
        nums, den = _common_denominator(pairs)
        self._obj = (tuple(cols), tuple(nums), den)
        self._snapshot = None

    # ----------------------------------------------------------------------------------
    # bulk construction
    @classmethod
    def from_matrix(
        cls,
        A: Any,
        relations: str | Sequence[str],
        b: Sequence[Any],
        c: Sequence[Any] | Mapping[int, Any],
        *,
        sense: str = "max",
        free: Iterable[int] = (),
        variable_names: Sequence[str] | None = None,
        row_names: Sequence[str | None] | None = None,
    ) -> "LP":
        """Build ``sense c.x`` subject to ``A x (relations) b`` in one call.

        Parameters
        ----------
        A : fmpz_mat, fmpq_mat or list of rows
            The constraint matrix: a flint matrix, a list of dense rows, or a list of
            sparse rows ``{column: value}``.
        relations : str or sequence of str
            One relation for every row, or one per row.
        b : sequence
            The right-hand sides, one per row.
        c : sequence or mapping
            The objective, dense or ``{column: value}``.
        sense : {"max", "min"}
            The direction of optimisation.
        free : iterable of int
            The indices of the free variables.
        variable_names, row_names : sequence of str, optional
            Names of the variables and of the rows.

        Returns
        -------
        LP
            The model, ready for :func:`~exactbargain.lp.solve`.

        Raises
        ------
        LPError
            Mismatched lengths, a free index out of range, or any row, right-hand side or
            objective that :meth:`add_row` or :meth:`set_objective` would refuse.

        Notes
        -----
        Rows of Python ints take a fast path with no per-entry conversion.

        Examples
        --------
        >>> import flint
        >>> lp = LP.from_matrix(flint.fmpz_mat([[1, 1], [1, -1]]), ["<=", "="], [2, 0],
        ...                     [1, 0], free=[1])
        >>> print(lp)
        max  x0
        s.t. r0: x0 + x1 <= 2
             r1: x0 - x1 = 0
             x0 >= 0, x1 free
        >>> LP.from_matrix([[1, 2], [3]], "<=", [1, 1], [0, 0])
        Traceback (most recent call last):
            ...
        exactbargain.errors.LPError: row 1: 1 coefficients for 2 variables
        """
        rows, n = _matrix_rows(A)
        if not isinstance(c, Mapping):
            c = list(c)
        if n is None:
            n = _column_count(rows, c)
        relations, b = _row_inputs(len(rows), relations, b, row_names)
        lp = cls(sense)
        free_set = _free_set(free, n, variable_names)
        for j in range(n):
            lp.add_variable(None if variable_names is None else variable_names[j], free=j in free_set)
        lp._add_rows(rows, relations, b, row_names)
        lp.set_objective(c)
        return lp

    def _add_rows(
        self, rows: Sequence[Any], relations: Sequence[str], b: list, names: Sequence[str | None] | None
    ) -> None:
        """:meth:`add_row` for every row, rows of Python ints with integer right-hand sides
        taken over the denominator 1 as they are, with no per-entry conversion."""
        n = len(self._free)
        for i, row in enumerate(rows):
            name = None if names is None else names[i]
            rel = RELATIONS.get(relations[i]) if isinstance(relations[i], str) else None
            rhs = b[i]
            ints = _integer_row(row, n) if rel is not None and type(rhs) is int else None
            if ints is None:
                self.add_row(row, relations[i], rhs, name=name)
            else:
                self._append_row(name, rel, *ints, 1, rhs)

    # ----------------------------------------------------------------------------------
    @property
    def data(self) -> LPData:
        """The immutable snapshot the solver reads (rebuilt only after a change)."""
        if self._snapshot is None:
            self._snapshot = LPData(
                sense=self._sense,
                variable_names=tuple(self._names),
                free=tuple(self._free),
                row_names=tuple(self._row_names),
                relations=tuple(self._relations),
                row_cols=tuple(self._row_cols),
                row_nums=tuple(self._row_nums),
                row_den=tuple(self._row_den),
                rhs=tuple(self._rhs),
                obj_cols=self._obj[0],
                obj_nums=self._obj[1],
                obj_den=self._obj[2],
            )
        return self._snapshot

    def __repr__(self) -> str:
        return f"LP(sense={self._sense!r}, variables={self.num_variables}, rows={self.num_rows})"

    def __str__(self) -> str:
        return format_lp(self.data)
