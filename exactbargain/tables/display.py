"""Exact values shown to people: whole when short, rounded and marked ``~`` when long.

The exact text of a rational can run to thousands of digits: the CE payoff set of a random
40x40 game has vertices with 1,500-digit denominators, and a table of its bargaining
solutions would be lines of 20,000 characters. Output read by people -- the text,
Markdown, HTML and LaTeX renderings of results (``str(result)``, ``render``, reports) and
the command line's text -- therefore shows a value whose exact text (:func:`format_rational`)
is longer than :data:`DISPLAY_LIMIT` characters rounded to :data:`DISPLAY_DIGITS`
significant digits and marked ``~`` (``~19.0924``, ``~-3.33333e-06``). The rounding is
computed from the exact rational (:func:`~exactbargain.numbers.approximate_text`); it is for
the eye only. JSON documents, certificates, error messages and the library's values are
never rounded, and :func:`display_policy` with ``limit=None`` (the command line's
``--exact-text``) shows everything whole.

>>> from fractions import Fraction
>>> display_rational(Fraction(7, 2))
'7/2'
>>> display_rational(Fraction(10 ** 60 + 1, 3 * 10 ** 59))
'~3.33333'
>>> with display_policy(None) as policy:
...     display_rational(Fraction(10 ** 60 + 1, 3 * 10 ** 59))[:12]
'100000000000'
>>> with display_policy() as policy:
...     display_vector([Fraction(1, 2), Fraction(2 ** 200, 3)])
...     policy.rounded
'(1/2, ~5.35646e+59)'
1
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Iterator

from ..errors import ExactBargainError
from ..numbers import approximate_text, format_rational, to_fraction

__all__ = [
    "DISPLAY_LIMIT",
    "DISPLAY_DIGITS",
    "DisplayPolicy",
    "display_policy",
    "display_rational",
    "display_vector",
    "display_latex",
    "ROUNDED_NOTE",
]

#: The longest exact text (characters of ``p/q``) shown whole; longer values are rounded.
DISPLAY_LIMIT = 40

#: The significant digits of a rounded value.
DISPLAY_DIGITS = 6

#: What a reader of rounded output is told (the command line prints it on stderr).
ROUNDED_NOTE = (f"values marked ~ are rounded to {DISPLAY_DIGITS} significant digits for display "
                f"(their exact text is longer than {DISPLAY_LIMIT} characters); --json, or --exact-text, "
                "prints them exactly")


@dataclass
class DisplayPolicy:
    """How long an exact text may be before it is shown rounded (``limit``; ``None``: no
    rounding), and how many values have been rounded under this policy (``rounded``).

    Parameters
    ----------
    limit : int or None
        The longest exact text shown whole.
    rounded : int
        The count of values shown rounded so far.
    """

    limit: int | None
    rounded: int = 0


_DEFAULT = DisplayPolicy(DISPLAY_LIMIT)
_POLICY: ContextVar[DisplayPolicy | None] = ContextVar("exactbargain_display_policy", default=None)


def _policy() -> DisplayPolicy:
    policy = _POLICY.get()
    return _DEFAULT if policy is None else policy


@contextmanager
def display_policy(limit: int | None = DISPLAY_LIMIT) -> Iterator[DisplayPolicy]:
    """Show values under a policy of their own within the ``with`` block: exact texts longer
    than ``limit`` characters are rounded (``None``: none is); the policy yielded counts the
    values rounded inside the block.

    Parameters
    ----------
    limit : int or None
        The longest exact text shown whole (default :data:`DISPLAY_LIMIT`).

    Yields
    ------
    DisplayPolicy
        The policy in force, with its count of rounded values.

    Raises
    ------
    ExactBargainError
        If ``limit`` is not a positive int or ``None``.

    Examples
    --------
    >>> with display_policy(3) as policy:
    ...     display_rational(1234), policy.rounded
    ('~1234', 1)
    """
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise ExactBargainError(f"a display limit is a positive int or None, got {limit!r}")
    policy = DisplayPolicy(limit)
    token = _POLICY.set(policy)
    try:
        yield policy
    finally:
        _POLICY.reset(token)


def _shown(value: Any) -> tuple[str, bool]:
    """``value``'s exact text, or its rounded text if the policy in force rounds it (then
    counted), and whether it was rounded."""
    text = format_rational(value)
    policy = _policy()
    if policy.limit is None or len(text) <= policy.limit:
        return text, False
    policy.rounded += 1
    return approximate_text(to_fraction(value), DISPLAY_DIGITS), True


def display_rational(value: Any) -> str:
    """``value`` as people read it: its exact text (:func:`format_rational`) if that has at
    most the policy's limit of characters, else ``~`` and the value rounded to
    :data:`DISPLAY_DIGITS` significant digits.

    Parameters
    ----------
    value : exact number
        An int, Fraction or fmpq.

    Returns
    -------
    str
        ``"p/q"``, ``"p"`` or ``"~d.ddddd"``.

    Raises
    ------
    NumberError
        For a value that is not an exact rational.

    Examples
    --------
    >>> display_rational(-3), display_rational(10 ** 45)
    ('-3', '~1e+45')
    """
    text, rounded = _shown(value)
    return "~" + text if rounded else text


def display_vector(values: Any, brackets: str = "()") -> str:
    """A vector as people read it: ``"(a, b, ...)"``, each entry by :func:`display_rational`.

    Parameters
    ----------
    values : iterable of exact numbers
        The entries.
    brackets : str
        The enclosing pair of characters, or ``""``.

    Returns
    -------
    str
        The vector's text.

    Raises
    ------
    NumberError
        For an entry that is not an exact rational.

    Examples
    --------
    >>> display_vector([1, -2], "[]")
    '[1, -2]'
    """
    return brackets[:1] + ", ".join(map(display_rational, values)) + brackets[1:]


def display_latex(value: Any, exact: Any) -> str:
    """``value`` in LaTeX math mode: ``exact(value)`` (e.g. ``\\frac{p}{q}``) if the policy
    shows it whole, else ``\\approx`` and the rounded value (``\\approx 5.35653 \\cdot 10^{59}``).

    Parameters
    ----------
    value : exact number
        An int, Fraction or fmpq.
    exact : callable
        The LaTeX of an exact value.

    Returns
    -------
    str
        The LaTeX.

    Raises
    ------
    NumberError
        For a value that is not an exact rational.

    Examples
    --------
    >>> display_latex(10 ** 45 + 1, str)
    '{\\\\approx}\\\\,1 \\\\cdot 10^{45}'
    """
    text, rounded = _shown(value)
    if not rounded:
        return exact(value)
    mantissa, _, exponent = text.partition("e")
    power = f" \\cdot 10^{{{int(exponent)}}}" if exponent else ""
    return f"{{\\approx}}\\,{mantissa}{power}"
