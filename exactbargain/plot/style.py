"""The floats of the drawing: styles (sizes in points) and the conversions that hand exact
coordinates to matplotlib, in units of a power of ten when they are too large for floats."""

from __future__ import annotations

import contextvars
import math
from fractions import Fraction
from typing import Any, Sequence

from ..bargaining.results import text
from .data import PlotData, Point

# Every float of the drawing is below: the styles (sizes in points), and the conversions
# that hand exact coordinates to matplotlib.
_ART: dict[str, dict[str, Any]] = {
    "hull": {"facecolor": "#e6e6e6", "edgecolor": "#b3b3b3", "linewidth": 1.0, "zorder": 1},  # float-guide
    "ce": {"facecolor": "#9ecae1", "edgecolor": "#3182bd", "linewidth": 1.0, "alpha": 0.75, "zorder": 2},  # float-guide
    "outcomes": {"s": 14, "color": "#525252", "zorder": 3},
    "ce-vertices": {"s": 16, "color": "#3182bd", "zorder": 4},
    "pareto": {"color": "#08306b", "linewidth": 3.5, "solid_capstyle": "round", "zorder": 5},  # float-guide
    "pareto-point": {"color": "#08306b", "marker": "o", "markersize": 8.0, "linestyle": "", "zorder": 5},  # float-guide
    "line": {"color": "#636363", "linestyle": "--", "linewidth": 1.2, "zorder": 2},  # float-guide
    "nash": {"marker": "D", "s": 38, "facecolor": "white", "edgecolor": "black", "linewidth": 1.3,  # float-guide
             "zorder": 7},
    "move": {"arrowstyle": "-|>", "color": "#7570b3", "linestyle": ":", "linewidth": 1.2, "shrinkA": 4,  # float-guide
             "shrinkB": 7},
    "d": {"marker": "o", "s": 70, "facecolor": "none", "edgecolor": "#7570b3", "linewidth": 1.8,  # float-guide
          "zorder": 8},
    "solution": {"marker": "*", "s": 170, "facecolor": "#d95f02", "edgecolor": "black", "linewidth": 0.6,  # float-guide
                 "zorder": 9},
    "legend": {"frameon": False, "fontsize": 8.5, "borderaxespad": 0.0},  # float-guide
    "label": {"fontsize": 7.5, "linespacing": 1.15},  # float-guide
    "tag": {"fontsize": 7.0, "color": "#636363", "fontstyle": "italic", "linespacing": 1.15},  # float-guide
    "label-box": {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},  # float-guide
    "leader": {"arrowstyle": "-", "color": "#737373", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 2},  # float-guide
    # three players
    "hull-edges": {"colors": "#b3b3b3", "linewidths": 0.8, "zorder": 1},  # float-guide
    "plane": {"facecolor": "#969696", "edgecolor": "#969696", "alpha": 0.12, "linewidths": 0.6,  # float-guide
              "zorder": 1},
    "ce-faces": {"facecolor": "#9ecae1", "edgecolor": "#3182bd", "alpha": 0.45, "linewidths": 0.8,  # float-guide
                 "zorder": 2},
    "ce-segment": {"colors": "#3182bd", "linewidths": 3.0, "zorder": 2},  # float-guide
    "ce-point": {"marker": "s", "s": 80, "color": "#3182bd", "alpha": 0.6, "zorder": 2},  # float-guide
    "pareto-ring": {"s": 90, "facecolor": "none", "edgecolor": "#08306b", "linewidth": 1.8, "zorder": 5},  # float-guide
    "move3": {"color": "#7570b3", "linestyle": ":", "linewidth": 1.2, "zorder": 6},  # float-guide
}



# Coordinates are drawn in units of 10**k (k = 0 unless they are too large for floats, see
# _unit_exponent); set by figure() while it draws.
_UNIT: contextvars.ContextVar[int] = contextvars.ContextVar("exactbargain_plot_unit", default=1)

#: Payoffs with more digits than this before the point are drawn in units of a power of ten
#: (floats end near 10**308; the labels keep the exact values).
_MAX_DRAWN_DIGITS = 100


def _unit_exponent(data: PlotData) -> int:
    """``k`` such that the coordinates, divided by ``10**k``, are small enough to draw."""
    points = list(data.outcomes) + list(data.ce_vertices) + [r.payoffs for r in data.rules]
    points += [r.disagreement for r in data.rules if r.disagreement is not None]
    largest = max((abs(x) for p in points for x in p), default=Fraction(0))
    digits = len(text(math.floor(largest)))
    return digits - 1 if digits > _MAX_DRAWN_DIGITS else 0


def _axis_label(player: str, exponent: int) -> str:
    return f"{player}'s payoff" + (f" (in units of 10^{exponent})" if exponent else "")


def _xy(points: Sequence[Point]) -> list[tuple[float, ...]]:
    """Exact points as float tuples, for matplotlib."""
    unit = _UNIT.get()
    return [tuple(float(x / unit) for x in p) for p in points]  # float-guide


def _cols(points: Sequence[Point], n: int) -> list[list[float]]:
    """Exact points as ``n`` float coordinate lists (x's, y's, ...), for matplotlib."""
    unit = _UNIT.get()
    return [[float(p[j] / unit) for p in points] for j in range(n)]  # float-guide
