"""Checking and shaping what a :class:`~exactbargain.game.Game` is built from.

Names and labels, payoff entries (exact numbers only; a float is refused), nested payoff
tables and matrices, and the index arithmetic of profiles in C order (the last player's
action changes fastest) and Gambit's F order.
"""

from __future__ import annotations

import math
import numbers
from typing import Any, Callable, Sequence

import flint

from ..errors import GameError, GameTypeError, NumberError
from ..numbers import plain_array, to_fmpq

#: The largest number of profiles (cells) a game may have. A 10^6-profile game takes about
#: 16 bytes per payoff (see :class:`~exactbargain.game.Game`); this limit keeps a mistyped
#: header from allocating gigabytes.
MAX_PROFILES = 20_000_000

PlayerRef = int | str
ActionRef = int | str


def _check_name(kind: str, value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise GameError(f"{kind} {where} must be a string, got {value!r}")
    if value == "":
        raise GameError(f"{kind} {where} is empty; names and labels must be non-empty")
    return value


def _check_unique(kind: str, values: Sequence[str], where: str) -> None:
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            raise GameError(
                f"{kind} {value!r} appears twice{where} (positions {seen[value] + 1} and {index + 1})"
            )
        seen[value] = index


def _coerce(value: Any, where: str) -> "flint.fmpq":
    try:
        return to_fmpq(value)
    except NumberError as exc:
        raise GameError(f"payoff at {where}: {exc}") from None


def _coerce_list(values: Sequence[Any], where: Callable[[int], str]) -> list["flint.fmpq"]:
    """Coerce a whole list; only on failure is the position of the bad entry described."""
    try:
        return [to_fmpq(v) for v in values]
    except NumberError:
        for k, v in enumerate(values):
            _coerce(v, where(k))
        raise


def _count(actions: Any) -> Any:
    """An action count given as a numpy integer, as an int; anything else unchanged."""
    if not isinstance(actions, (int, str)) and isinstance(actions, numbers.Integral):
        return int(actions)
    return actions


def _plain_array(value: Any, name: str) -> Any:
    """:func:`~exactbargain.numbers.plain_array`, refusing a float array as bad game input."""
    try:
        return plain_array(value, name)
    except NumberError as exc:
        raise GameError(str(exc)) from None


def _plain(rows: Any, name: str) -> Any:
    """A list of rows, each a numpy array or a sequence, with the arrays as lists."""
    rows = _plain_array(rows, name)
    if isinstance(rows, (list, tuple)):
        return [_plain_array(row, f"{name}[{r}]") for r, row in enumerate(rows)]
    return rows


def _strides(shape: Sequence[int]) -> list[int]:
    strides = [1] * len(shape)
    for i in range(len(shape) - 2, -1, -1):
        strides[i] = strides[i + 1] * shape[i + 1]
    return strides


def _ravel(index: Sequence[int], shape: Sequence[int]) -> int:
    pos = 0
    for k, m in zip(index, shape):
        pos = pos * m + k
    return pos


def _c_to_f_permutation(shape: Sequence[int]) -> list[int]:
    """For each C-order position, the position of the same profile in F (Gambit) order."""
    f_strides = [1] * len(shape)
    for i in range(1, len(shape)):
        f_strides[i] = f_strides[i - 1] * shape[i - 1]
    out = [0]
    # build by C-order enumeration: extend the list one axis at a time
    for axis in range(len(shape)):
        out = [base + k * f_strides[axis] for base in out for k in range(shape[axis])]
    return out


def _nested_shape(payoffs: Any) -> tuple[int, ...]:
    shape = []
    _require_sequence(payoffs, "the payoff table (nested lists ending in payoff vectors)")
    node = payoffs
    while isinstance(node, (list, tuple)):
        if len(node) == 0:
            raise GameError(
                f"the payoff table has an empty list at depth {len(shape) + 1}; every player needs at least one action"
            )
        first = node[0]
        if not isinstance(first, (list, tuple)):
            break
        shape.append(len(node))
        node = first
    else:
        raise GameError(f"the payoff table must be nested lists ending in payoff vectors, got {payoffs!r}")
    if not shape:
        raise GameError("the payoff table must have one nesting level per player, then payoff vectors")
    if len(node) != len(shape):
        raise GameError(
            f"the payoff table nests {len(shape)} levels (players) but its first payoff vector has "
            f"{len(node)} entries"
        )
    size = math.prod(shape)
    if size > MAX_PROFILES:
        raise GameError(f"the game has {size} profiles, more than the limit {MAX_PROFILES}")
    return tuple(shape)


def _matrix(rows: Any, name: str) -> list[list[Any]]:
    if isinstance(rows, flint.fmpq_mat):
        rows = rows.tolist()
    rows = _plain(rows, name)
    _require_sequence(rows, f"matrix {name}")
    if not rows:
        raise GameError(f"matrix {name} must be a non-empty list of rows")
    out = []
    width = None
    for r, row in enumerate(rows):
        if not isinstance(row, (list, tuple)) or not row:
            raise GameError(f"row {r + 1} of matrix {name} must be a non-empty list")
        if width is None:
            width = len(row)
        elif len(row) != width:
            raise GameError(f"matrix {name} is ragged: row {r + 1} has {len(row)} entries, row 1 has {width}")
        out.append(list(row))
    return out


def _kind(obj: Any) -> str:
    """``None``, or ``a list`` etc.: what a wrong argument is, for messages."""
    return "None" if obj is None else f"a {type(obj).__name__}"


def _require_sequence(obj: Any, what: str) -> None:
    """Refuse ``obj`` with a :class:`GameTypeError` unless it is a list or a tuple."""
    if not isinstance(obj, (list, tuple)):
        raise GameTypeError(f"{what} must be a list, got {_kind(obj)}")

