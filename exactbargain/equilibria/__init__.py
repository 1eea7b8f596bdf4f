"""Equilibrium concepts of normal-form games, computed exactly."""

from .nash import (
    DEFAULT_VERTEX_LIMIT,
    NashEquilibria,
    NashEquilibrium,
    nash_equilibria,
    pure_nash_equilibria,
    vertex_bound,
)
from .coalitions import coalition_members, horde_game, team_game
from .minimax import SecurityLevels, ZeroSumSolution, minimax, security_levels
from .correlated import (
    VERTEX_PROFILE_LIMIT,
    CEMembership,
    CEPoint,
    CorrelatedEquilibria,
    IncentiveSlack,
    PAYOFF_SET_MAX_LPS,
    PAYOFF_SET_WORK,
    ParetoFrontier,
    PayoffHalfspace,
    PayoffSet,
    VertexLimitError,
    check_correlated_equilibrium,
)

__all__ = [
    "nash_equilibria",
    "pure_nash_equilibria",
    "NashEquilibria",
    "NashEquilibrium",
    "vertex_bound",
    "DEFAULT_VERTEX_LIMIT",
    "minimax",
    "security_levels",
    "SecurityLevels",
    "ZeroSumSolution",
    "CorrelatedEquilibria",
    "check_correlated_equilibrium",
    "CEPoint",
    "CEMembership",
    "IncentiveSlack",
    "PayoffSet",
    "PayoffHalfspace",
    "ParetoFrontier",
    "VertexLimitError",
    "VERTEX_PROFILE_LIMIT",
    "PAYOFF_SET_MAX_LPS",
    "PAYOFF_SET_WORK",
    "coalition_members",
    "team_game",
    "horde_game",
]
