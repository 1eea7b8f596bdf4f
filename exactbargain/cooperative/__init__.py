"""Cooperative (transferable-utility) game theory, exactly: Shapley values of coalition
functions, and formula (star), which turns a two-player value into an n-player one through
the coalition games (docs/theory.md §1.6)."""

from .shapley import MAX_PLAYERS, CoalitionFunction, CoalitionFunctionLike, shapley, star_formula
from .star import COALITION_MODELS, StarValue, star_value

__all__ = [
    "COALITION_MODELS",
    "MAX_PLAYERS",
    "CoalitionFunction",
    "CoalitionFunctionLike",
    "StarValue",
    "shapley",
    "star_formula",
    "star_value",
]
