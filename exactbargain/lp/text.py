"""The printed form of an LP: the model in the usual algebraic layout."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import flint

if TYPE_CHECKING:  # the model's module imports this one to print itself
    from .model import LPData


def _term_text(cols: Sequence[int], nums: Sequence[int], den: int, data: LPData) -> str:
    parts: list[str] = []
    for j, p in zip(cols, nums):
        coef = flint.fmpq(p, den)
        sign = "-" if coef < 0 else "+"
        mag = abs(coef)
        text = ("" if mag == 1 else f"{mag} ") + data.variable_label(j)
        if not parts:
            parts.append(text if sign == "+" else f"-{text}")
        else:
            parts.append(f"{sign} {text}")
    return " ".join(parts) if parts else "0"


def format_lp(data: LPData) -> str:
    """The model in the usual algebraic layout (for printing small LPs)."""
    lines = [f"{data.sense}  " + _term_text(data.obj_cols, data.obj_nums, data.obj_den, data)]
    for i in range(data.num_rows):
        lhs = _term_text(data.row_cols[i], data.row_nums[i], data.row_den[i], data)
        rhs = flint.fmpq(data.rhs[i], data.row_den[i])
        lead = "s.t. " if i == 0 else "     "
        lines.append(f"{lead}{data.row_label(i)}: {lhs} {data.relations[i]} {rhs}")
    nonneg = [data.variable_label(j) for j in range(data.num_variables) if not data.free[j]]
    free = [data.variable_label(j) for j in range(data.num_variables) if data.free[j]]
    bounds = []
    if nonneg:
        bounds.append(", ".join(nonneg) + " >= 0")
    if free:
        bounds.append(", ".join(free) + " free")
    if bounds:
        lines.append("     " + ", ".join(bounds))
    return "\n".join(lines)
