"""The immutable statement of a linear program, :class:`LPData`: what the solvers read and
certificates are checked against (an :class:`~exactbargain.lp.LP`'s ``data`` snapshot).

Every row is kept the way it was given, only rewritten over one common positive
denominator: ``a_ij = nums[k] / den_i`` and ``b_i = rhs_i / den_i`` with integers, so nothing
is rounded or divided out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import flint

from ..errors import ExactBargainError, LPError
from ..numbers import to_fmpq

__all__ = ["LPData"]

_SENSES = ("max", "min")


@dataclass(frozen=True, slots=True)
class LPData:
    """An immutable snapshot of an :class:`LP`: what the solvers read and certificates check.

    Snapshots are values: two are equal (and hash alike) when they state the same problem;
    the solvers' cache takes no part, and a pickle or deep copy leaves it behind.

    Row ``i`` is ``sum(row_nums[i][k] * x[row_cols[i][k]]) / row_den[i]  relations[i]
    rhs[i] / row_den[i]``; the objective is ``sum(obj_nums[k] * x[obj_cols[k]]) / obj_den``.
    All numbers are Python ints and every denominator is positive.

    >>> from exactbargain.lp import LP
    >>> LP.from_matrix([[1, 2]], "<=", [4], [1, 1]).data.row_nums
    ((1, 2),)
    """

    sense: str
    variable_names: tuple[str | None, ...]
    free: tuple[bool, ...]
    row_names: tuple[str | None, ...]
    relations: tuple[str, ...]
    row_cols: tuple[tuple[int, ...], ...]
    row_nums: tuple[tuple[int, ...], ...]
    row_den: tuple[int, ...]
    rhs: tuple[int, ...]
    obj_cols: tuple[int, ...]
    obj_nums: tuple[int, ...]
    obj_den: int
    # Solver-side derived data (compiled standard form, float copies), filled on first use.
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> tuple:
        return tuple(getattr(self, name) for name in _PROBLEM_FIELDS)

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(_PROBLEM_FIELDS, state):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "cache", {})

    @property
    def num_variables(self) -> int:
        """The number of variables ``n``."""
        return len(self.free)

    @property
    def num_rows(self) -> int:
        """The number of rows ``m``."""
        return len(self.relations)

    def with_objective(self, objective: Sequence[Any] | Mapping[int, Any], sense: str | None = None) -> "LPData":
        """The same rows with another objective and optionally another sense.

        Parameters
        ----------
        objective : sequence or mapping
            Exact coefficients, dense (one per variable) or ``{index: coefficient}``.
        sense : {"max", "min"}, optional
            The new sense; the current one if omitted.

        Returns
        -------
        LPData
            A snapshot with this one's rows and the new objective.

        Raises
        ------
        LPError
            An unknown sense, a wrong number of coefficients, an index out of range or an
            inexact (float) coefficient.

        Notes
        -----
        Problems made this way share the row data and the solvers' row-derived caches, so a
        sequence of objectives over one polytope pays for the rows once (and the float guide
        warm-starts from the previous basis).

        Examples
        --------
        >>> from exactbargain.lp import LP
        >>> base = LP.from_matrix([[1, 1]], "<=", [4], [0, 0]).data
        >>> from exactbargain.lp import solve
        >>> solve(base.with_objective([1, "1/2"])).value, solve(base.with_objective({1: 1}, "min")).value
        (Fraction(4, 1), Fraction(0, 1))
        """
        sense = self.sense if sense is None else sense
        if sense not in _SENSES:
            raise LPError(f"sense must be 'max' or 'min', not {sense!r}")
        n = self.num_variables
        if isinstance(objective, Mapping):
            items: Iterable[tuple[Any, Any]] = objective.items()
        else:
            objective = list(objective)
            if len(objective) != n:
                raise LPError(f"objective: {len(objective)} coefficients for {n} variables")
            items = enumerate(objective)
        cols, pairs = [], []
        for j, v in items:
            if type(j) is not int or not 0 <= j < n:
                raise LPError(f"objective: variable index {j!r} is not in range({n})")
            num, den = _exact(v, f"objective coefficient {j}")
            if num:
                cols.append(j)
                pairs.append((num, den))
        nums, den = _common_denominator(pairs)
        return LPData(sense, self.variable_names, self.free, self.row_names, self.relations,
                      self.row_cols, self.row_nums, self.row_den, self.rhs, tuple(cols), tuple(nums), den,
                      {"rows": self.cache.setdefault("rows", {})})

    def with_integer_objective(self, nums: Sequence[int], den: int, sense: str | None = None) -> "LPData":
        """The same rows with the objective ``nums[j] / den`` (dense integers over one
        denominator), equal to ``with_objective`` of those fractions but without converting
        them one by one.

        Parameters
        ----------
        nums : sequence of int
            One integer numerator per variable.
        den : int
            Their common denominator, ``> 0``.
        sense : {"max", "min"}, optional
            The new sense; the current one if omitted.

        Returns
        -------
        LPData
            A snapshot with this one's rows and the objective in lowest terms (the common
            factor of ``den`` and every numerator divided out), sharing the rows' caches.

        Raises
        ------
        LPError
            An unknown sense, a wrong number of numerators, a non-integer entry or a
            denominator that is not a positive integer.

        Examples
        --------
        >>> from exactbargain.lp import LP
        >>> base = LP.from_matrix([[1, 1]], "<=", [4], [0, 0]).data
        >>> base.with_integer_objective([2, 4], 6) == base.with_objective(["1/3", "2/3"])
        True
        """
        sense = self.sense if sense is None else sense
        if sense not in _SENSES:
            raise LPError(f"sense must be 'max' or 'min', not {sense!r}")
        nums = list(nums)
        if len(nums) != self.num_variables:
            raise LPError(f"objective: {len(nums)} coefficients for {self.num_variables} variables")
        if type(den) is not int or den <= 0 or any(type(v) is not int for v in nums):
            raise LPError("an integer objective takes Python ints and a positive int denominator")
        g = math.gcd(den, *nums)
        cols = [j for j, v in enumerate(nums) if v]
        obj = [nums[j] // g for j in cols] if g > 1 else [nums[j] for j in cols]
        return LPData(sense, self.variable_names, self.free, self.row_names, self.relations,
                      self.row_cols, self.row_nums, self.row_den, self.rhs, tuple(cols), tuple(obj), den // g,
                      {"rows": self.cache.setdefault("rows", {})})

    def variable_label(self, j: int) -> str:
        """The name of variable ``j``, or ``x<j>`` if it has none.

        Parameters
        ----------
        j : int
            A variable's index.

        Returns
        -------
        str
            Its name or ``x<j>``.
        """
        name = self.variable_names[j]
        return name if name is not None else f"x{j}"

    def row_label(self, i: int) -> str:
        """The name of row ``i``, or ``r<i>`` if it has none.

        Parameters
        ----------
        i : int
            A row's index.

        Returns
        -------
        str
            Its name or ``r<i>``.
        """
        name = self.row_names[i]
        return name if name is not None else f"r{i}"


#: The fields of :class:`LPData` that state the problem (all but the solvers' cache).
_PROBLEM_FIELDS = tuple(f.name for f in fields(LPData) if f.compare)


def _exact(value: Any, what: str) -> tuple[int, int]:
    """``value`` as ``(numerator, denominator)``; bad input raises :class:`LPError`."""
    if type(value) is int:
        return value, 1
    if type(value) is flint.fmpq:
        return int(value.p), int(value.q)
    try:
        q = to_fmpq(value)
    except ExactBargainError as exc:
        raise LPError(f"{what}: {exc}") from exc
    return int(q.p), int(q.q)


def _common_denominator(pairs: list[tuple[int, int]]) -> tuple[list[int], int]:
    """Rewrite fractions ``p/q`` over their least common denominator."""
    den = math.lcm(*[q for _, q in pairs]) if pairs else 1
    return [p * (den // q) for p, q in pairs], den
