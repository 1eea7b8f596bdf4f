"""Text escaping for the table renderers: exact rationals in LaTeX, and labels made safe for
LaTeX text and math mode, Markdown and a terminal (control characters written as visible
escapes)."""

from __future__ import annotations

import re
from fractions import Fraction  # noqa: F401  (the doctests use it)
from typing import Any

from ..numbers import format_rational, to_fraction

__all__ = ["escape_controls", "latex_escape", "latex_fraction", "latex_math_text", "markdown_escape"]


def latex_fraction(x: Any) -> str:
    """An exact rational in LaTeX math mode: ``\\frac{p}{q}``, with the sign in front.

    Parameters
    ----------
    x : rational
        An exact number.

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
    >>> latex_fraction(Fraction(7, 2)), latex_fraction(Fraction(-1, 2)), latex_fraction(-3)
    ('\\\\frac{7}{2}', '-\\\\frac{1}{2}', '-3')
    """
    q = to_fraction(x)
    if q.denominator == 1:
        return format_rational(q.numerator)
    sign = "-" if q < 0 else ""
    return f"{sign}\\frac{{{format_rational(abs(q.numerator))}}}{{{format_rational(q.denominator)}}}"


_LATEX_TEXT = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
}
_LATEX_TEXT_RE = re.compile("|".join(re.escape(k) for k in _LATEX_TEXT))

_LATEX_MATH = {
    "\\": r"\backslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\sim{}", "^": r"\hat{}", "<": "<", ">": ">", "|": "|",
}
_LATEX_MATH_RE = re.compile("|".join(re.escape(k) for k in _LATEX_MATH))


# C0 and C1 control characters (ESC starts terminal escape codes, CR rewrites the line, BEL
# rings), DEL, the line and paragraph separators, and the bidirectional embeddings, overrides
# and isolates (which reorder what a terminal or an editor shows).
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _escape_control(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, keep: str = "") -> str:
    r"""``text`` with every control character written as a visible escape (the four
    characters ``\x1b`` for ESC, ``\x0d`` for a carriage return, the six characters
    ``\u202e`` for a right-to-left override), except the characters in ``keep``.

    Names, titles and labels come from game files; printed raw, an escape code in a title
    could recolour or clear a terminal, and a carriage return could hide what precedes it.
    Every text renderer (the tables of this module in every format, ``str(game)``, the
    command line's output) writes labels through this function. Backslashes themselves are
    kept as they are.

    Parameters
    ----------
    text : str
        The text.
    keep : str
        Control characters to keep as they are (a table keeps none; a message keeps ``"\n"``).

    Returns
    -------
    str
        The text with its control characters escaped.

    Examples
    --------
    >>> print(escape_controls("\x1b[31mRed\x07 line\r"))
    \x1b[31mRed\x07 line\x0d
    >>> print(escape_controls("one\ntwo\u202e", keep="\n"))
    one
    two\u202e
    """
    if keep:
        return _CONTROLS.sub(lambda m: m.group() if m.group() in keep else _escape_control(m), text)
    return _CONTROLS.sub(_escape_control, text)


def latex_escape(text: str) -> str:
    """A label for LaTeX text mode: ``_ & % # $ { } ~ ^ \\`` (and ``< > |``, which the
    default font encoding would misprint) become commands of base LaTeX; control characters
    are first written as visible escapes (:func:`escape_controls`).

    Parameters
    ----------
    text : str
        The label.

    Returns
    -------
    str
        The escaped label.

    Examples
    --------
    >>> print(latex_escape("R&D_1 {50%} #2 $x^2~\\\\"))
    R\\&D\\_1 \\{50\\%\\} \\#2 \\$x\\textasciicircum{}2\\textasciitilde{}\\textbackslash{}
    """
    return _LATEX_TEXT_RE.sub(lambda m: _LATEX_TEXT[m.group(0)], escape_controls(text))


def latex_math_text(text: str) -> str:
    """A label inside math mode (for MathJax and LaTeX alike): runs of ordinary characters
    in ``\\text{...}``, the special characters as math-mode commands outside it (control
    characters first written as visible escapes, :func:`escape_controls`).

    Parameters
    ----------
    text : str
        The label.

    Returns
    -------
    str
        The label in math mode.

    Examples
    --------
    >>> print(latex_math_text("Row \\\\ Column"))
    \\text{Row }\\backslash{}\\text{ Column}
    >>> print(latex_math_text("a_b & {c}"))
    \\text{a}\\_\\text{b }\\&\\text{ }\\{\\text{c}\\}
    """
    text = escape_controls(text)
    out = []
    pos = 0
    for m in _LATEX_MATH_RE.finditer(text):
        if m.start() > pos:
            out.append(f"\\text{{{text[pos:m.start()]}}}")
        out.append(_LATEX_MATH[m.group(0)])
        pos = m.end()
    if pos < len(text):
        out.append(f"\\text{{{text[pos:]}}}")
    return "".join(out)


_MD_SPECIAL = re.compile(r"([\\|*_`<>\[\]])")


def markdown_escape(text: str) -> str:
    """A label for a Markdown table cell: ``|`` and the inline markup characters
    ``\\ * _ ` < > [ ]`` are backslash-escaped, after control characters are written as
    visible escapes (:func:`escape_controls`; a line break would end the table row).

    Parameters
    ----------
    text : str
        The label.

    Returns
    -------
    str
        The escaped label.

    Examples
    --------
    >>> print(markdown_escape("a|b *c*"))
    a\\|b \\*c\\*
    """
    return _MD_SPECIAL.sub(r"\\\1", escape_controls(text))
