"""The guided path: a floating-point LP (HiGHS) proposes, exact arithmetic disposes.

Game LPs are degenerate but small in their optimal *support*. HiGHS solves the problem in
floating point and reports a basis ``(J_B, I_N)`` (basic structural columns, rows whose slack
is nonbasic, ``|J_B| = |I_N|``), a primal point and a dual point. From these we try, in order,
each step only when the previous one fails:

1. **Support certificate.** ``P`` = basic columns with a nonzero float value, ``D`` = nonbasic
   rows with a nonzero float dual. Pick ``|P|`` rows ``R`` of ``I_N`` and ``|D|`` columns ``C``
   of ``J_B`` whose square submatrices are nonsingular (chosen in floating point by
   Gaussian elimination with partial pivoting), solve ``Â[R,P] x_P = b̂_R`` and
   ``Â[D,C]^T y_D = ĉ_C`` exactly (flint, fraction-free/Dixon), set every other entry to
   zero, and check *every* row and column exactly. Two small solves instead of one big one.
2. **Refinement.** If that fails, HiGHS's basis is usually optimal only to within its
   tolerances (on random 40x40 correlated-equilibrium LPs, basic values near ``-5e-10``).
   A round of iterative refinement (:class:`_Guide`) re-solves a correction problem with
   the exact residuals magnified, warm-started from that basis, and step 1 is tried again
   on the basis it ends with; up to :data:`REFINE_ROUNDS` rounds.
3. **Basis certificate.** Solve the square systems of the whole reduced basis,
   ``Â[I_N,J_B] x = b̂`` and its transpose, and check the same way (when the basis has at
   most :data:`BASIS_STEP_LIMIT` columns).
4. **Exact simplex** (:func:`~exactbargain.lp.simplex.simplex`) on restrictions of the
   problem that grow until their answer is proved for the whole problem (:func:`_sift`),
   starting from the float-tight rows, the supports and their basis. The exact simplex on
   the whole problem, warm-started from HiGHS's basis, answers when HiGHS reports anything
   but an optimum.

Data beyond float range: costs above ``2^11`` are scaled by a power of two into a moderate range
(:func:`_cost_shift`); a model whose rows HiGHS refuses (entries above ``1e15``, e.g. a payoff
equality with a long denominator scaled into integers) is passed with its rows divided by
powers of two, and only the basis it proposes is used (:func:`_equilibrated_basis`): step 3,
then step 4 from that basis.

Why the checks suffice: an exact ``x`` with ``x >= 0`` (non-free entries) and
``Â x (rel) b̂`` is feasible; an exact ``y`` with the shadow-price signs and
``Â^T y >= ĉ`` (``=`` on free columns) is dual feasible; equal objectives then prove both
optimal (weak duality, see :class:`~exactbargain.lp.certificate.OptimalityCertificate`).
Nothing from the float solve is trusted: it only chooses which exact systems to solve, so a
wrong float answer costs time, never correctness. Every line that touches floats carries a
``# float-guide`` comment.
"""

from __future__ import annotations

from typing import Any

import numpy as np  # float-guide

from ..errors import LPError
from .certificate import Basis, LPResult
from .model import LP, LPData
from .simplex import Compiled, compiled, simplex

# The parts of the guided path, importable from here as well (the names tools and tests
# reach for, such as ``guided._pick`` or ``guided._new_highs``). A setting such as
# ``_EXACT_PICK`` is read in its own module (``support``): set it there, not here.
from .certify import _PRIMAL_CACHE, _certify, _optimal, _primal_rows, _primal_solve, _square_solve  # noqa: F401
from .highs import (  # noqa: F401
    _COST_BITS,
    _COSTS,
    _ROW_BITS,
    _basic,
    _cost_shift,
    _equilibrated_basis,
    _float_costs,
    _float_model,
    _guide_highs,
    _ldexp,
    _ldexp_all,
    _model_args,
    _new_highs,
    highspy,
)
from .refine import _Guide
from .residuals import (  # noqa: F401
    _DENSE,
    _LIMBS,
    _activities,
    _column_sums,
    _int64_sums,
    _violated_rows,
    _violations,
)
from .sift import _infeasible, _over, _restriction, _scatter, _sift, _unbounded  # noqa: F401
from .sparse import _SPARSE_BLOCK, _Sparse, _positions, _shared, _sparse  # noqa: F401
from .support import _EXACT_PICK, _noise, _nonzero, _pick  # noqa: F401

__all__ = ["solve", "guide_available", "METHODS"]

#: The accepted ``method`` arguments of :func:`solve`.
METHODS = ("auto", "exact", "guided")

def guide_available() -> bool:
    """``True`` if the floating-point guide (``highspy``) can be imported.

    Returns
    -------
    bool
        Whether ``solve(..., method="guided")`` can run; without it ``"auto"`` solves
        exactly.

    Examples
    --------
    >>> isinstance(guide_available(), bool)
    True
    """
    return highspy is not None


def solve(lp: LP | LPData, method: str = "auto") -> LPResult:
    """Solve ``lp`` exactly and return an :class:`~exactbargain.lp.LPResult` with certificate.

    Parameters
    ----------
    lp : LP or LPData
        The problem: a model under construction (its :attr:`LP.data` snapshot is solved)
        or a snapshot.
    method : {"auto", "exact", "guided"}
        How to solve it (see Notes).

    Returns
    -------
    LPResult
        Status (``"optimal"``, ``"infeasible"`` or ``"unbounded"``), value, primal and dual
        points and the certificate that proves them; ``result.method`` names the route taken.

    Raises
    ------
    LPError
        ``method`` is unknown, ``lp`` is not an LP, or ``"guided"`` is asked for without
        ``highspy``.
    SolverError
        An internal failure of the solver (a subclass of :class:`LPError`).

    Notes
    -----
    ``method``:

    * ``"exact"``: the exact revised simplex only (:mod:`exactbargain.lp.simplex`);
    * ``"guided"``: HiGHS proposes, exact arithmetic certifies (see this module's
      docstring); raises :class:`~exactbargain.errors.LPError` if ``highspy`` is missing;
    * ``"auto"`` (default): ``"exact"`` for tiny problems (fewer than :data:`TINY` matrix
      entries, rows times variables, where setting up the float guide costs more than the
      whole exact solve), else ``"guided"`` when ``highspy`` is importable, else ``"exact"``.

    Both give the same status and value (the result is proved either way); they may pick
    different optimal points when the optimum is not unique. A malformed call raises
    :class:`~exactbargain.errors.LPError`; an internal failure of the solver raises its
    subclass :class:`~exactbargain.errors.SolverError`. Neither is reported as a status.

    Examples
    --------
    >>> lp = LP.from_matrix([[1, 1], [1, -1]], ["<=", ">="], [4, "-1/2"], [1, 3])
    >>> res = solve(lp)
    >>> res.value, res.x
    (Fraction(17, 2), (Fraction(7, 4), Fraction(9, 4)))
    >>> solve(lp, method="exact").value
    Fraction(17, 2)
    """
    if method not in METHODS:
        raise LPError(f"method must be one of {', '.join(map(repr, METHODS))}, not {method!r}")
    data = lp.data if isinstance(lp, LP) else lp
    if not isinstance(data, LPData):
        raise LPError(f"solve() needs an LP, not {type(lp).__name__}")
    if method == "exact" or (
        method == "auto" and (highspy is None or data.num_rows * data.num_variables < TINY)
    ):
        return simplex(data, method="exact")
    if highspy is None:
        raise LPError("method='guided' needs the highspy package (pip install highspy)")
    return _guided(data)


#: Below this many matrix entries (rows times variables) ``method="auto"`` solves exactly. On
#: the LPs of random games (zero-sum up to 9x9, CE up to 4x4 and 2x2x3), the exact simplex
#: took 0.44 ms against the guide's 1.49 ms (medians) below 25 entries and 0.64 against 1.55
#: ms from 25 to 49; from 50 to 74 it was faster in 104 of 108 problems, and beyond about 100
#: entries the guide wins (at 400 entries, 1.9 ms against 12 ms).
TINY = 64


#: Largest float basis (number of basic structural columns) that step 3 solves whole. Solving
#: a basis exactly is cheap next to exact pivots: a 238-column basis of a 20x20 CE LP with a
#: 1,400-bit objective certified in 0.17 s, where the exact simplex took 155 s.
BASIS_STEP_LIMIT = 1000


#: Rounds of iterative refinement of the float guide before exact pivoting takes over.
REFINE_ROUNDS = 4



def _guided(data: LPData, warm: bool = True) -> LPResult:
    """The guided path for ``data`` (see this module's docstring); ``warm=False`` asks for
    a fresh HiGHS instance rather than the one shared by problems with the same rows."""
    comp = compiled(data)
    if comp.m == 0 or comp.n == 0:
        return simplex(data, method="guided/exact")
    g = _Guide(comp)
    if not g.run(warm):
        return _from_equilibrated_basis(data, comp)
    if not g.optimal:
        if g.warm:
            return _guided(data, warm=False)
        return simplex(data, start=g.basis, method="guided/simplex")
    res, R, C, P = _refined_support(comp, g)
    if not isinstance(res, str):
        return res
    if g.basis is not None:
        res = _basis_step(comp, g.basis, g.basic_cols, g.nonbasic_rows)
        if res is not None:
            return res
    if g.warm:
        # HiGHS warm-started from another objective's basis can end on a basis that is
        # optimal only within its tolerances; a fresh start costs far less than exact pivots
        return _guided(data, warm=False)
    if g.basis is None:
        return simplex(data, method="guided/simplex")
    return _sift_step(comp, g, R, C, P)


def _from_equilibrated_basis(data: LPData, comp: Compiled) -> LPResult:
    """Steps 3 and 4 from the basis of a model with equilibrated rows: HiGHS refuses
    entries beyond its range (rows scaled into integers by a huge denominator), but such a
    model still proposes a basis to certify."""
    basis = _equilibrated_basis(comp)
    if basis is None:
        return simplex(data, method="guided/exact")
    B = np.array(basis.variables, np.int64)  # float-guide (index arithmetic)
    N = np.setdiff1d(np.arange(comp.m), basis.rows)  # float-guide (index arithmetic)
    res = _basis_step(comp, basis, B, N)
    if res is not None:
        return res
    return simplex(data, start=basis, method="guided/simplex")


def _refined_support(comp: Compiled, g: _Guide) -> tuple[LPResult | str, Any, Any, Any]:
    """Steps 1 and 2: the support certificate, tried again after each of up to
    :data:`REFINE_ROUNDS` rounds of refinement. Returns the proved result or the last
    round's failure, and that round's ``R``, ``C``, ``P`` (as :func:`_support_step`)."""
    last = None  # the failure of the previous round
    for round_ in range(REFINE_ROUNDS + 1):
        # A float basis whose own values break a sign condition is not exactly optimal
        # either (as measured, its exact values break it too): refine before solving.
        res, R, C, P = g.sign_trouble(), None, None, None
        if res is None:
            res, R, C, P = _support_step(comp, g)
            if not isinstance(res, str):
                return res, R, C, P
        # only the primal side failed: a bounds-only correction of the plain model will do,
        # once; if the primal side still fails after it, correct both sides (measured: a
        # 20x20 polygon LP whose primal-only rounds never converged, then took 290 s of
        # exact pivots, certifies after two full rounds)
        primal_only = res == "primal" and last != "primal"
        last = res
        if round_ == REFINE_ROUNDS or not g.refine(primal_only=primal_only):
            break
    return res, R, C, P


def _basis_step(comp: Compiled, basis: Basis, B: Any, N: Any) -> LPResult | None:
    """Step 3: the certificate of the whole basis (columns ``B``, nonbasic rows ``N``) if it
    has at most :data:`BASIS_STEP_LIMIT` columns and proves optimality, else ``None``."""
    if 0 < len(B) <= BASIS_STEP_LIMIT:
        res = _certify(comp, B, N, N, B, basis, "guided/basis")
        if not isinstance(res, str):
            return res
    return None


def _sift_step(comp: Compiled, g: _Guide, R: Any, C: Any, P: Any) -> LPResult:
    """Step 4: exact simplex on restrictions, from the support's basis (``P`` basic, the
    rows outside ``R`` with basic slacks) on the float-tight rows and the supports' columns."""
    S = g.nonbasic_rows
    if P is None:  # step 1 was skipped in the last round
        P = _nonzero(g.x_float(), g.basic_cols, g.zero_x)  # float-guide
    cols = np.union1d(P, C) if C is not None else P  # float-guide (index arithmetic)
    if R is None:
        return _sift(comp, S, cols, [], S, "guided/simplex")
    return _sift(comp, S, cols, P, np.setdiff1d(S, R), "guided/simplex")  # float-guide (index arithmetic)


def _support_step(comp: Compiled, g: _Guide) -> tuple[LPResult | str, Any, Any, Any]:
    """Step 1 for the guide's current basis and values: the result if it proves
    optimality (else why not, as :func:`_certify` says), and the sets ``R``, ``C``, ``P``
    it chose (``None`` where it found none)."""
    B, N = g.basic_cols, g.nonbasic_rows
    P = _nonzero(g.x_float(), B, g.zero_x)  # float-guide
    D = _nonzero(g.y_float(), N, g.zero_y)  # float-guide
    R = _primal_rows(comp, N, P)
    C = B if len(B) == len(D) else _pick(comp, D, B, True)
    if R is None or C is None:
        return "singular", R, C, P
    # When the supports fill the basis (no degeneracy), the two systems are the basis's
    # own and the certificate proves HiGHS's basis optimal as well.
    whole = len(P) == len(B) and len(D) == len(N)
    return _certify(comp, P, R, D, C, g.basis if whole else None, "guided/support"), R, C, P
