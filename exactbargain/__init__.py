"""exactbargain: exact bargaining solutions for normal-form games."""

from .errors import ExactBargainError, GameError, GameFormatError, LPError, NumberError
from .game import Game
from .numbers import to_fmpq, to_fraction

__version__ = "0.1.0"

__all__ = [
    "ExactBargainError",
    "Game",
    "GameError",
    "GameFormatError",
    "LPError",
    "NumberError",
    "to_fmpq",
    "to_fraction",
    "__version__",
]
