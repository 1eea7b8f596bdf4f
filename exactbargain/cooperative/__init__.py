"""Cooperative (transferable-utility) game theory, exactly."""

from .shapley import MAX_PLAYERS, CoalitionFunction, CoalitionFunctionLike, shapley, star_formula
