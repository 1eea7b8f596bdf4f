"""exactbargain: exact bargaining solutions for normal-form games."""

from .errors import ExactBargainError, GameError, GameFormatError, GameTypeError, LPError, NumberError, SolverError
from .game import Game
from .numbers import to_fmpq, to_fraction
from .equilibria import (
    CorrelatedEquilibria,
    minimax,
    nash_equilibria,
    security_levels,
    team_game,
    horde_game,
)
from .cooperative import CoalitionFunction, shapley
from .bargaining import RuleSpec, coco, compare, fallback, fallback_range, kalai_smorodinsky, nash_bargaining, solve

__version__ = "0.1.0"

__all__ = [
    "RuleSpec",
    "coco",
    "compare",
    "fallback",
    "fallback_range",
    "kalai_smorodinsky",
    "nash_bargaining",
    "solve",
    "CoalitionFunction",
    "CorrelatedEquilibria",
    "minimax",
    "nash_equilibria",
    "security_levels",
    "shapley",
    "team_game",
    "horde_game",
    "ExactBargainError",
    "Game",
    "GameError",
    "GameFormatError",
    "GameTypeError",
    "LPError",
    "NumberError",
    "SolverError",
    "to_fmpq",
    "to_fraction",
    "__version__",
]
