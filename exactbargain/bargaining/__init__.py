"""Bargaining solutions of normal-form games, exactly."""

from .coco import COALITION_MODELS, CoalitionSolution, CoCoSolution, coco, n_player_value

__all__ = ["COALITION_MODELS", "CoalitionSolution", "CoCoSolution", "coco", "n_player_value"]
