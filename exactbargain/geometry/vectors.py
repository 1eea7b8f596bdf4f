"""Small exact vector helpers: dot and cross products, differences, C-order multi-indices.

They work for any exact numbers that add and multiply (``int``, :class:`~fractions.Fraction`,
``flint.fmpq``); nothing here rounds.

>>> dot((1, 2, 3), (4, 5, 6)), cross((0, 0), (1, 0), (0, 1)), cross3((1, 0, 0), (0, 1, 0))
(32, 1, (0, 0, 1))
"""

from __future__ import annotations

from typing import Any, Sequence

__all__ = ["dot", "cross", "cross3", "sub", "unravel"]


def dot(a: Sequence[Any], b: Sequence[Any]) -> Any:
    """The inner product ``sum_i a_i b_i``.

    Parameters
    ----------
    a, b : sequence of exact numbers
        Vectors of the same length (extra entries of the longer one are ignored).

    Returns
    -------
    number
        The exact inner product; ``0`` for empty vectors.

    >>> from fractions import Fraction
    >>> dot([Fraction(1, 2), 3], [4, Fraction(-1, 3)])
    Fraction(1, 1)
    """
    return sum((x * y for x, y in zip(a, b)), 0)


def cross(o: Sequence[Any], a: Sequence[Any], b: Sequence[Any]) -> Any:
    """The turn ``(a - o) x (b - o)`` of three plane points (only coordinates 0 and 1 enter).

    Parameters
    ----------
    o, a, b : sequence of exact numbers
        Points of the plane.

    Returns
    -------
    number
        Positive iff ``o, a, b`` turn counter-clockwise, negative iff clockwise, zero iff
        they are collinear; its absolute value is twice the area of the triangle.

    >>> cross((0, 0), (2, 0), (2, 1)), cross((0, 0), (2, 0), (4, 0)), cross((0, 0), (2, 0), (1, -1))
    (2, 0, -2)
    """
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def cross3(a: Sequence[Any], b: Sequence[Any]) -> tuple[Any, Any, Any]:
    """The cross product ``a x b`` of two vectors of 3-space.

    Parameters
    ----------
    a, b : sequence of three exact numbers

    Returns
    -------
    tuple of three numbers
        A vector orthogonal to ``a`` and ``b`` (zero iff they are parallel).

    >>> cross3((1, 2, 3), (4, 5, 6))
    (-3, 6, -3)
    """
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def sub(a: Sequence[Any], b: Sequence[Any]) -> tuple[Any, ...]:
    """The difference ``a - b``, entry by entry.

    Parameters
    ----------
    a, b : sequence of exact numbers

    Returns
    -------
    tuple
        ``(a_0 - b_0, a_1 - b_1, ...)``.

    >>> sub((3, 1), (1, 2))
    (2, -1)
    """
    return tuple(x - y for x, y in zip(a, b))


def unravel(pos: int, shape: Sequence[int]) -> tuple[int, ...]:
    """The multi-index of position ``pos`` in a C-order (last index fastest) grid.

    Parameters
    ----------
    pos : int
        A position ``0 <= pos < prod(shape)``.
    shape : sequence of int
        The grid's extent along each axis (all positive).

    Returns
    -------
    tuple of int
        ``(k_0, ..., k_{n-1})`` with ``pos = (...(k_0 m_1 + k_1) m_2 + ...) + k_{n-1}``.

    >>> unravel(5, (2, 3)), unravel(0, ())
    ((1, 2), ())
    """
    out = []
    for m in reversed(shape):
        pos, k = divmod(pos, m)
        out.append(k)
    return tuple(reversed(out))
