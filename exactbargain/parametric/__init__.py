"""Parametric games: payoffs polynomial in one parameter, solved exactly for every value.

A :class:`ParametricGame` is a family of games; :meth:`ParametricGame.at` gives the ordinary
game at a rational value. :func:`minimax`, :func:`max_total` and :func:`coco` return
:class:`Piecewise` functions whose pieces carry the optimal LP bases that prove them, and
:func:`holds` proves or refutes a claim for every value in an interval. See
``docs/parametric.md``.

>>> fam = ParametricGame.bimatrix([["0"], ["0"]], [["0"], ["-t"]])
>>> holds(lambda q: q.coco()[0].eq(q.t / 2), fam, "0:inf").holds
True
"""

from .algebraic import Algebraic, Interval
from .expr import parse_poly
from .family import ParametricGame, parse_assignment, parse_parametric_json, read_game_at, read_parametric_json
from .claims import Counterexample, Proof, Quantities, Relation, action_gain, holds, monotonicity
from .piecewise import Piece, Piecewise
from .plp import BasisCertificate, ParametricError, ParametricLP, solve_parametric
from .ratfunc import RatFunc
from .solve import ParametricMinimax, coco, kappa, max_total, minimax, security_levels
from .selection import ce_floor, ce_optimum, egalitarian, select_point
from .coalitions import horde_game, team_game
from .nplayer import ParametricFallback, coalition_function, fallback

__all__ = [
    "Algebraic", "Interval", "parse_poly", "ParametricGame", "parse_parametric_json", "read_parametric_json",
    "parse_assignment", "read_game_at",
    "holds", "monotonicity", "action_gain", "Proof", "Counterexample", "Quantities", "Relation", "Piece", "Piecewise", "BasisCertificate",
    "ParametricError", "ParametricLP", "solve_parametric", "RatFunc", "ParametricMinimax", "coco", "kappa",
    "max_total", "minimax", "fallback", "egalitarian", "ce_optimum", "ce_floor", "security_levels",
    "select_point", "team_game", "horde_game", "coalition_function", "ParametricFallback",
]
