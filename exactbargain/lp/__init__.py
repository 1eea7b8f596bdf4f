"""The exact LP engine: build an :class:`LP`, :func:`solve` it, :func:`verify` the answer; an
:class:`Oracle` answers many objectives over one set of rows.

>>> from exactbargain.lp import LP, solve
>>> lp = LP("max")
>>> x, y = lp.add_variable("x"), lp.add_variable("y")
>>> _ = lp.add_row({x: 1, y: 2}, "<=", 4)
>>> _ = lp.add_row({x: 3, y: 1}, "<=", 6)
>>> lp.set_objective({x: 1, y: 1})
>>> res = solve(lp)
>>> res.status, res.value, res.x, res.y
('optimal', Fraction(14, 5), (Fraction(8, 5), Fraction(6, 5)), (Fraction(2, 5), Fraction(1, 5)))
>>> res.verify()
True
"""

from .certificate import (
    Basis,
    InfeasibilityCertificate,
    LPResult,
    OptimalityCertificate,
    UnboundednessCertificate,
    verify,
)
from .model import LP, LPData
from .guided import solve
from .oracle import Oracle

__all__ = [
    "LP",
    "LPData",
    "solve",
    "LPResult",
    "Basis",
    "OptimalityCertificate",
    "InfeasibilityCertificate",
    "UnboundednessCertificate",
    "verify",
    "Oracle",
]
