"""One polyhedron, many objectives: an exact LP oracle that keeps what the rows determine.

A payoff set, a frontier or a named optimum over the correlated-equilibrium polytope asks
the same question again and again with another objective: ``max c . x`` subject to rows
that never change. :class:`Oracle` holds those rows once, as one :class:`LPData`, and every
:meth:`Oracle.optimize` brings only its objective (``LPData.with_objective``). What depends
on the rows alone is then built once and shared by every query:

* the compiled integer rows and their sparse form (exact residuals of every answer);
* the float guide's HiGHS model of the rows: a query changes only its costs, and HiGHS
  starts from the previous optimal basis (a nearby direction needs few pivots). A query
  that the simplex method does not finish within an iteration limit proportional to the
  problem's size is handed to the interior-point method with crossover
  (:func:`exactbargain.lp.highs._run`), whose basis then becomes the warm start;
* the exact primal solutions of the bases met so far (the primal system ``Â[R, P] x =
  b̂_R`` does not involve the objective: a direction whose optimum is an earlier vertex
  reuses its exact solution, :func:`exactbargain.lp.certify._primal_solve`).

Only the dual side is solved afresh for each objective. Every answer is certified exactly as
by :func:`exactbargain.lp.solve` (the float guide only chooses which exact systems to
solve), and its certificate is re-checked by :func:`exactbargain.lp.verify` with plain
rational arithmetic, independently of anything cached here.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from ..errors import LPError, SolverError
from .certificate import LPResult
from .certify import OBJECTIVE_PARTS
from .guided import solve
from .model import LP, LPData

__all__ = ["Oracle"]


class Oracle:
    """Exact optima of many objectives over one polyhedron ``{x : A x (rel) b, x >= 0}``.

    Parameters
    ----------
    rows : sequence
        The constraint rows: dense sequences or sparse mappings ``{column: coefficient}``
        of exact numbers (as :meth:`LP.from_matrix` takes them).
    relations : str or sequence of str
        ``"<="``, ``">="`` or ``"="``, one for all rows or one per row.
    rhs : sequence
        The right-hand sides.
    num_variables : int
        The number of variables ``n`` (every variable is ``>= 0``).
    method : {"auto", "exact", "guided"}
        How each query is solved (see :func:`exactbargain.lp.solve`).

    Raises
    ------
    LPError
        Malformed rows (as :meth:`LP.from_matrix` reports them) or an unknown method.

    Notes
    -----
    ``lps`` counts the queries answered. Queries are independent: each returns the
    certified optimum of its own objective, whatever was asked before (the history only
    changes which optimal vertex the float guide proposes when the optimum is not unique,
    never the value).

    Examples
    --------
    >>> square = Oracle([[1, 0], [0, 1]], "<=", [1, 2], 2)
    >>> res = square.optimize([1, 1])
    >>> res.value, res.x, res.verify()
    (Fraction(3, 1), (Fraction(1, 1), Fraction(2, 1)), True)
    >>> square.optimize({0: 1}, "min").value, square.lps
    (Fraction(0, 1), 2)
    """

    def __init__(self, rows: Sequence[Any], relations: str | Sequence[str], rhs: Sequence[Any],
                 num_variables: int, *, method: str = "auto") -> None:
        if method not in ("auto", "exact", "guided"):
            raise LPError(f"method must be one of 'auto', 'exact', 'guided', not {method!r}")
        if not rows:
            raise LPError("an oracle needs at least one row")
        self._data: LPData = LP.from_matrix(list(rows), relations, list(rhs), [0] * num_variables,
                                            sense="max").data
        self._method = method
        self.lps = 0

    @property
    def data(self) -> LPData:
        """The rows, with a zero objective (every query's problem is ``data.with_objective``)."""
        return self._data

    def problem(self, objective: Sequence[Any] | Mapping[int, Any], sense: str = "max") -> LPData:
        """The LP of one query: these rows and ``objective`` (dense or ``{index: coefficient}``).

        Parameters
        ----------
        objective : sequence or mapping
            Exact coefficients.
        sense : {"max", "min"}
            The sense of the optimisation.

        Returns
        -------
        LPData
            The problem, sharing the rows' caches with every other query.

        Raises
        ------
        LPError
            As :meth:`LPData.with_objective`.
        """
        return self._data.with_objective(objective, sense)

    def combination(self, nums: Sequence[int], den: int, parts: Sequence[tuple[int, Sequence[int]]],
                    sense: str = "max") -> LPData:
        """The LP of one query whose objective ``nums / den`` is a combination
        ``nums = sum_i f_i V_i`` of a few fixed integer vectors ``V_i`` with integer weights
        ``f_i`` (a payoff direction over the players' payoffs, say): the problem
        ``data.with_integer_objective(nums, den, sense)``, remembering the parts, so that
        its dual systems are solved for the short ``V_i`` rather than for the long ``nums``
        (the answer is the same; parts that do not add up to ``nums`` are not used).

        Parameters
        ----------
        nums : sequence of int
            The objective's numerators, one per variable.
        den : int
            Their common denominator, ``> 0``.
        parts : sequence of (int, sequence of int)
            The pairs ``(f_i, V_i)`` with ``nums = sum_i f_i V_i``.
        sense : {"max", "min"}
            Maximise or minimise.

        Returns
        -------
        LPData
            The query's problem, with its parts in its cache.

        Raises
        ------
        LPError
            A bad integer objective (:meth:`LPData.with_integer_objective`).

        Examples
        --------
        >>> square = Oracle([[1, 0], [0, 1]], "<=", [1, 2], 2)
        >>> problem = square.combination([3, 6], 1, [(3, [1, 0]), (6, [0, 1])])
        >>> solve(problem).value
        Fraction(15, 1)
        """
        data = self._data.with_integer_objective(nums, den, sense)
        data.cache[OBJECTIVE_PARTS] = (tuple(parts), den // data.obj_den)
        return data

    def optimize(self, objective: Sequence[Any] | Mapping[int, Any], sense: str = "max") -> LPResult:
        """The certified optimum of ``objective`` over the polyhedron.

        Parameters
        ----------
        objective : sequence or mapping
            Exact coefficients, dense (one per variable) or ``{index: coefficient}``.
        sense : {"max", "min"}
            Maximise (default) or minimise.

        Returns
        -------
        LPResult
            Status, value, an optimal point ``x``, duals ``y`` and the certificate that
            proves them (:meth:`LPResult.verify` re-checks it with plain fractions).

        Raises
        ------
        LPError
            A malformed objective or sense.
        SolverError
            The polyhedron is empty or the objective unbounded on it (an oracle answers
            optima only).
        """
        result = solve(self.problem(objective, sense), method=self._method)
        self.lps += 1
        if result.status != "optimal":
            raise SolverError(f"an oracle query came back {result.status}")
        return result
