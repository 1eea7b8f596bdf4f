"""The table model of exactbargain: tables of exact numbers in plain text, Markdown, LaTeX
and HTML, and the protocol every result object renders through.

Every table is built once, as a :class:`Table` of *cells*, and rendered in any of
:data:`FORMATS`. A cell is a tuple of parts: text (escaped for the target format), exact
rationals (``7/2`` in text, Markdown and HTML; ``\\frac{7}{2}`` in LaTeX), vectors of
rationals and :class:`Symbol` (a name with its own spelling in each format, such as ``W``
or kappa). A rational is printed from its numerator and denominator, unless its exact text
is too long to read (:mod:`exactbargain.tables.display`: shown rounded, marked ``~``).

* :meth:`Table.text` — aligned columns, a dashed line under the header;
* :meth:`Table.markdown` — a GitHub pipe table (``|`` in labels escaped), with a pandoc
  ``Table:`` caption;
* :meth:`Table.latex` — a ``table`` environment around a ``tabular`` that uses base LaTeX
  only (``\\hline``, no packages), labels escaped, numbers in math mode;
* :meth:`Table.latex_math` — a math-mode ``array`` (what MathJax renders in Jupyter);
* :meth:`Table.html` — a ``<table>`` with every label passed through :func:`html.escape`.

The protocol: a result object derives from :class:`Renderable` and implements one method,
``tables(*, title=None) -> list[Table]``; it then has ``render(fmt)`` and the notebook
hooks ``_repr_html_`` (its tables as HTML) and ``_repr_latex_`` (math-mode arrays, which
MathJax renders). :func:`exactbargain.report.render` is a call to that protocol.

This module sits at the bottom of the package: it imports only :mod:`exactbargain.numbers`
and :mod:`exactbargain.errors`, so every module may use it.

>>> class Pair(Renderable):
...     def tables(self, *, title=None):
...         return [Table(("x", "y"), ((Fraction(1, 2), 3),), (title or "A pair",), "rr")]
>>> print(Pair().render("markdown"))
| x | y |
|---:|---:|
| 1/2 | 3 |
<BLANKLINE>
Table: A pair
>>> print(Pair()._repr_latex_())
$\\begin{array}{c}
\\text{A pair} \\\\
\\begin{array}{rr}
\\text{x} & \\text{y} \\\\
\\hline
\\frac{1}{2} & 3 \\\\
\\end{array}
\\end{array}$
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence, Union

from ..errors import ExactBargainError
from ..numbers import to_fraction
from .display import display_latex, display_rational, display_vector
from .escape import escape_controls, latex_escape, latex_fraction, latex_math_text, markdown_escape

__all__ = [
    "FORMATS",
    "MAX_ROWS",
    "Symbol",
    "Vector",
    "Span",
    "Table",
    "Renderable",
    "KAPPA",
    "W_SYMBOL",
    "MISSING",
    "latex_fraction",
    "latex_escape",
    "latex_math_text",
    "markdown_escape",
    "escape_controls",
    "key_value_table",
    "vector_cell",
    "render_tables",
    "html_of",
    "latex_of",
]

#: The formats :meth:`Renderable.render` writes.
FORMATS = ("text", "markdown", "latex", "html")

#: Games with more rows (bimatrix) or profiles (profile table) than this are shown cut short
#: in tables, with a final row saying how many were left out.
MAX_ROWS = 200


# --------------------------------------------------------------------------- parts and cells
@dataclass(frozen=True, slots=True)
class Symbol:
    """A name spelled differently in each format: ``text`` (plain text and Markdown),
    ``latex`` (math mode), ``html`` (raw HTML), and optionally ``latex_text`` (raw LaTeX in
    text mode; by default ``$latex$``).

    >>> KAPPA.text, KAPPA.latex, KAPPA.html
    ('kappa', '\\\\kappa', '&kappa;')
    """

    text: str
    latex: str
    html: str
    latex_text: str | None = None


@dataclass(frozen=True, slots=True)
class Vector:
    """Exact rationals shown together: ``(a, b)`` by default, ``[a, b]`` with
    ``brackets="[]"``, ``a, b`` with ``brackets=""``.

    >>> Vector((Fraction(1, 2), Fraction(3)), "[]")
    Vector(values=(Fraction(1, 2), Fraction(3, 1)), brackets='[]')
    """

    values: tuple[Fraction, ...]
    brackets: str = "()"


Part = Union[str, int, Fraction, Vector, Symbol]
Cell = tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """One cell across ``width`` columns of a body row (it replaces ``width`` cells).

    LaTeX draws it with ``\\multicolumn`` and HTML with ``colspan``; text, Markdown and
    math-mode arrays, which have no spanning cells, put the content in the last of the
    spanned columns and leave the others empty.

    >>> Span("not defined", 2).width
    2
    """

    content: Any
    width: int

KAPPA = Symbol("kappa", r"\kappa", "&kappa;")
W_SYMBOL = Symbol("W", "W", "<i>W</i>")
#: The mark of an empty entry (``-`` in text, an en dash elsewhere).
MISSING = Symbol("-", "-", "&ndash;", "--")


def _cell(value: Any) -> Cell:
    if isinstance(value, tuple):
        return value
    return (value,)


def _vector_plain(v: Vector) -> str:
    return display_vector(v.values, v.brackets)


def _vector_latex(v: Vector) -> str:
    inner = ", ".join(display_latex(x, latex_fraction) for x in v.values)
    return f"{v.brackets[:1]}{inner}{v.brackets[1:]}"


def _plain(cell: Cell, escape=escape_controls, mark: str = "~") -> str:
    """Text (or, with ``markdown_escape`` and ``mark="\\~"``, Markdown) of a cell; ``mark`` spells
    the ``~`` of a rounded value (a lone ``~`` strikes text through on GitHub)."""
    out = []
    for part in cell:
        if isinstance(part, str):
            out.append(escape(part))
        elif isinstance(part, Symbol):
            out.append(escape(part.text))
        elif isinstance(part, Vector):
            out.append(_vector_plain(part).replace("~", mark))
        else:
            out.append(display_rational(part).replace("~", mark))
    return "".join(out)


def _html_cell(cell: Cell) -> str:
    out = []
    for part in cell:
        if isinstance(part, str):
            out.append(_html.escape(escape_controls(part)))
        elif isinstance(part, Symbol):
            out.append(part.html)
        elif isinstance(part, Vector):
            out.append(_html.escape(_vector_plain(part)))
        else:
            out.append(display_rational(part))
    return "".join(out)


def _latex_text_cell(cell: Cell) -> str:
    """Text mode: labels escaped; adjacent numbers, vectors and symbols share one ``$...$``."""
    pieces: list[tuple[bool, str]] = []
    for part in cell:
        if isinstance(part, str):
            pieces.append((False, latex_escape(part)))
        elif isinstance(part, Symbol):
            pieces.append((False, part.latex_text) if part.latex_text is not None else (True, part.latex))
        elif isinstance(part, Vector):
            pieces.append((True, _vector_latex(part)))
        else:
            pieces.append((True, display_latex(part, latex_fraction)))
    out = []
    k = 0
    while k < len(pieces):
        math, s = pieces[k]
        if not math:
            out.append(s)
            k += 1
            continue
        run = [s]
        k += 1
        while k < len(pieces) and pieces[k][0]:
            run.append(pieces[k][1])
            k += 1
        out.append("$" + "".join(run) + "$")
    return "".join(out)


def _latex_math_cell(cell: Cell) -> str:
    out = []
    for part in cell:
        if isinstance(part, str):
            out.append(latex_math_text(part))
        elif isinstance(part, Symbol):
            out.append(part.latex)
        elif isinstance(part, Vector):
            out.append(_vector_latex(part))
        else:
            out.append(display_latex(part, latex_fraction))
    return "".join(out)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "game"


# --------------------------------------------------------------------------- the table
@dataclass(frozen=True, slots=True)
class Table:
    """A table of cells with a header row, a caption and a column alignment.

    ``align`` has one letter per column (``l``, ``r``, ``c``); a ``|`` between letters draws
    a vertical rule in LaTeX. ``row_headers`` marks the first column as labels (``<th>`` in
    HTML). ``rules`` lists body rows (0-based) that get a horizontal rule above them.
    ``label`` is the LaTeX ``\\label`` (default ``tab:`` and a slug of the caption).

    >>> t = Table(("player", "value"), (("Row", Fraction(7, 2)), ("Column", Fraction(-1, 2))),
    ...           caption=("A table",), align="lr")
    >>> print(t.text())
    A table
    player  value
    ------  -----
    Row     7/2
    Column  -1/2
    >>> print(t.latex())
    \\begin{table}[ht]
    \\centering
    \\renewcommand{\\arraystretch}{1.5}
    \\caption{A table}
    \\label{tab:a-table}
    \\begin{tabular}{|l|r|}
    \\hline
    player & value \\\\
    \\hline
    Row & $\\frac{7}{2}$ \\\\
    Column & $-\\frac{1}{2}$ \\\\
    \\hline
    \\end{tabular}
    \\end{table}
    """

    header: tuple[Any, ...]
    rows: tuple[tuple[Any, ...], ...]
    caption: Cell = ()
    align: str = ""
    row_headers: bool = False
    rules: tuple[int, ...] = ()
    label: str | None = None

    def __post_init__(self) -> None:
        width = len(self.header)
        for k, row in enumerate(self.rows):
            cells = sum(c.width if isinstance(c, Span) else 1 for c in row)
            if cells != width:
                raise ExactBargainError(f"table row {k + 1} spans {cells} columns, the header has {width}")
        letters = self.align.replace("|", "")
        if letters and (len(letters) != width or set(letters) - set("lrc")):
            raise ExactBargainError(f"alignment {self.align!r} does not give one of l, r, c per column ({width})")

    @property
    def columns(self) -> int:
        """The number of columns."""
        return len(self.header)

    def _letters(self) -> str:
        return self.align.replace("|", "") or "l" * self.columns

    def _grid(self, fn) -> tuple[list[str], list[list[str]]]:
        """Header and body rendered cell by cell, spans expanded (content in the last column)."""
        body = []
        for row in self.rows:
            out = []
            for c in row:
                if isinstance(c, Span):
                    out += [""] * (c.width - 1) + [fn(_cell(c.content))]
                else:
                    out.append(fn(_cell(c)))
            body.append(out)
        return [fn(_cell(c)) for c in self.header], body

    def _bars(self) -> list[bool]:
        """For each column, whether the LaTeX column spec draws a rule on its right."""
        spec = self._spec()
        out = []
        for k, ch in enumerate(spec):
            if ch in "lrc":
                out.append(spec[k + 1:k + 2] == "|")
        return out

    def _spec(self) -> str:
        spec = self.align if "|" in self.align else "|".join(self._letters())
        return ("" if spec.startswith("|") else "|") + spec + ("" if spec.endswith("|") else "|")

    def text(self, *, caption: bool = True) -> str:
        """Aligned plain text: columns two spaces apart, a dashed line under the header.

        Parameters
        ----------
        caption : bool
            Whether the caption is the first line.

        Returns
        -------
        str
            The table.
        """
        head, body = self._grid(_plain)
        widths = [max(len(r[k]) for r in [head] + body) for k in range(self.columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in [head] + body]
        lines.insert(1, "  ".join("-" * w for w in widths))
        if caption and self.caption:
            lines.insert(0, _plain(self.caption))
        return "\n".join(lines)

    def markdown(self) -> str:
        """A GitHub pipe table; the caption follows as pandoc's ``Table: ...`` line.

        Returns
        -------
        str
            The table.
        """
        head, body = self._grid(lambda c: _plain(c, markdown_escape, "\\~"))
        marks = {"l": ":---", "r": "---:", "c": ":---:"}
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join(marks[a] for a in self._letters()) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        if self.caption:
            lines += ["", "Table: " + _plain(self.caption, markdown_escape, "\\~")]
        return "\n".join(lines)

    def tabular(self) -> str:
        """The ``tabular`` environment alone (base LaTeX).

        Returns
        -------
        str
            ``\\begin{tabular}`` ... ``\\end{tabular}``.
        """
        head = [_latex_text_cell(_cell(c)) for c in self.header]
        bars, letters = self._bars(), self._letters()
        body = []
        for row in self.rows:
            out, col = [], 0
            for c in row:
                if isinstance(c, Span):
                    last = col + c.width - 1
                    spec = letters[last] + ("|" if bars[last] else "")
                    out.append(f"\\multicolumn{{{c.width}}}{{{spec}}}{{{_latex_text_cell(_cell(c.content))}}}")
                    col += c.width
                else:
                    out.append(_latex_text_cell(_cell(c)))
                    col += 1
            body.append(out)
        lines = [f"\\begin{{tabular}}{{{self._spec()}}}", "\\hline", " & ".join(head) + " \\\\", "\\hline"]
        for k, row in enumerate(body):
            if k in self.rules:
                lines.append("\\hline")
            lines.append(" & ".join(row) + " \\\\")
        lines += ["\\hline", "\\end{tabular}"]
        return "\n".join(lines)

    def latex(self) -> str:
        """A ``table`` environment: ``\\centering``, the caption, a label and :meth:`tabular`
        (with rows stretched by 1.5 when a fraction would crowd them).

        Returns
        -------
        str
            ``\\begin{table}`` ... ``\\end{table}``.
        """
        lines = ["\\begin{table}[ht]", "\\centering"]
        if self._has_fractions():
            lines.append("\\renewcommand{\\arraystretch}{1.5}")
        if self.caption:
            lines.append(f"\\caption{{{_latex_text_cell(self.caption)}}}")
            lines.append(f"\\label{{{self.label or 'tab:' + _slug(_plain(self.caption))}}}")
        lines += [self.tabular(), "\\end{table}"]
        return "\n".join(lines)

    def _has_fractions(self) -> bool:
        def fractional(part: Any) -> bool:
            if isinstance(part, Vector):
                return any(to_fraction(x).denominator != 1 for x in part.values)
            if not isinstance(part, (str, Symbol)):
                return to_fraction(part).denominator != 1
            return False

        cells = [c.content if isinstance(c, Span) else c for row in self.rows for c in row]
        return any(fractional(p) for c in cells for p in _cell(c))

    def latex_math(self, *, caption: bool = True) -> str:
        """A math-mode ``array`` (no ``$``); the caption, if any, as a first line above it.

        Parameters
        ----------
        caption : bool
            Whether the caption is shown above the array.

        Returns
        -------
        str
            The array.
        """
        head, body = self._grid(_latex_math_cell)
        spec = self.align or "l" * self.columns
        lines = [f"\\begin{{array}}{{{spec}}}", " & ".join(head) + " \\\\", "\\hline"]
        for k, row in enumerate(body):
            if k in self.rules:
                lines.append("\\hline")
            lines.append(" & ".join(row) + " \\\\")
        lines.append("\\end{array}")
        array = "\n".join(lines)
        if caption and self.caption:
            return f"\\begin{{array}}{{c}}\n{_latex_math_cell(self.caption)} \\\\\n{array}\n\\end{{array}}"
        return array

    def html(self) -> str:
        """An HTML ``<table>`` (labels escaped), the caption as ``<caption>``.

        Returns
        -------
        str
            The ``<table>`` element.
        """
        style = {"l": "left", "r": "right", "c": "center"}
        letters = self._letters()
        lines = ['<table class="exactbargain">']
        if self.caption:
            lines.append(f"<caption>{_html_cell(self.caption)}</caption>")
        lines.append("<thead><tr>" + "".join(f"<th>{_html_cell(_cell(c))}</th>" for c in self.header) + "</tr></thead>")
        lines.append("<tbody>")
        for row in self.rows:
            cells, col = [], 0
            for c in row:
                tag = "th" if self.row_headers and col == 0 else "td"
                align = f' style="text-align: {style[letters[col]]}"'
                if isinstance(c, Span):
                    cells.append(f'<{tag} colspan="{c.width}"{align}>{_html_cell(_cell(c.content))}</{tag}>')
                    col += c.width
                else:
                    cells.append(f"<{tag}{align}>{_html_cell(_cell(c))}</{tag}>")
                    col += 1
            lines.append("<tr>" + "".join(cells) + "</tr>")
        lines += ["</tbody>", "</table>"]
        return "\n".join(lines)

    def render(self, fmt: str) -> str:
        """The table in one of :data:`FORMATS`.

        Parameters
        ----------
        fmt : str
            ``"text"``, ``"markdown"``, ``"latex"`` or ``"html"``.

        Returns
        -------
        str
            The table.

        Raises
        ------
        ExactBargainError
            For an unknown format.
        """
        _check_format(fmt)
        return {"text": self.text, "markdown": self.markdown, "latex": self.latex, "html": self.html}[fmt]()


# --------------------------------------------------------------------------- shared builders
def game_title(game: Any, title: str | None = None) -> str:
    """``title`` if given, else the game's title, else ``"the game"`` (``game`` may be ``None``)."""
    if title:
        return title
    if game is not None and game.title:
        return game.title
    return "the game"


def labels_text(labels: Sequence[str]) -> str:
    """Labels as ``"(a, b, c)"``."""
    return "(" + ", ".join(labels) + ")"


def profile_label(game: Any, profile: Sequence[int]) -> str:
    """A profile of ``game`` (action indices) as its action labels, ``"(D, C)"``."""
    return labels_text([game.actions[i][k] for i, k in enumerate(profile)])


def vector_cell(values: Sequence[Any], limit: int = MAX_ROWS) -> Cell:
    """A vector of exact rationals as a cell: ``(a, b, ...)``, cut after ``limit`` entries
    with a count of the rest (an LP's solution can have thousands).

    Parameters
    ----------
    values : sequence of rationals
        The vector.
    limit : int
        How many entries are shown at most.

    Returns
    -------
    tuple
        The cell.

    Examples
    --------
    >>> print(Table(("x",), ((vector_cell([1, Fraction(1, 2), 3], limit=2),),)).text())
    x
    --------------------
    (1, 1/2, ... 1 more)
    """
    values = tuple(values)
    if len(values) <= limit:
        return (Vector(values),)
    return ("(", Vector(values[:limit], ""), f", ... {len(values) - limit} more)")


def key_value_table(header: tuple[Any, Any], rows: Sequence[tuple[Any, Any]], caption: Any = ()) -> Table:
    """A two-column table of labelled values (the labels as row headers); ``caption`` is a
    cell (a tuple of parts) or a single part.

    Parameters
    ----------
    header : (label, value)
        The header row.
    rows : sequence of (label, value)
        The labelled values.
    caption : cell or part, optional
        The caption.

    Returns
    -------
    Table
        The table.

    Examples
    --------
    >>> print(key_value_table(("game", "G"), [("value", Fraction(-1, 3))], "A value").text())
    A value
    game   G
    -----  ----
    value  -1/3
    """
    return Table(header, tuple(rows), _cell(caption) if caption != () else (), "ll", row_headers=True)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ExactBargainError(f"unknown format {fmt!r}; the formats are {', '.join(FORMATS)}")


def render_tables(tables: Sequence[Table], fmt: str = "text") -> str:
    """``tables`` in one of :data:`FORMATS`, separated by blank lines.

    Parameters
    ----------
    tables : sequence of Table
        The tables.
    fmt : str
        One of :data:`FORMATS`.

    Returns
    -------
    str
        The rendered tables.

    Raises
    ------
    ExactBargainError
        For an unknown format.
    """
    _check_format(fmt)
    return "\n\n".join(t.render(fmt) for t in tables)


def html_of(tables: Sequence[Table]) -> str:
    """``tables`` as HTML ``<table>`` elements, one under the other (a notebook's ``_repr_html_``).

    Parameters
    ----------
    tables : sequence of Table
        The tables.

    Returns
    -------
    str
        The HTML.
    """
    return "\n".join(t.html() for t in tables)


def latex_of(tables: Sequence[Table]) -> str:
    """``tables`` as ``$...$`` around math-mode arrays, one under the other (a notebook's
    ``_repr_latex_``, which MathJax renders).

    Parameters
    ----------
    tables : sequence of Table
        The tables.

    Returns
    -------
    str
        The math-mode LaTeX.
    """
    arrays = [t.latex_math() for t in tables]
    if len(arrays) == 1:
        return f"${arrays[0]}$"
    return "$\\begin{array}{c}\n" + " \\\\\n".join(arrays) + "\n\\end{array}$"


# --------------------------------------------------------------------------- the protocol
class Renderable:
    """What every result object derives from: implement :meth:`tables`, get :meth:`render`
    in each of :data:`FORMATS` and the notebook hooks ``_repr_html_`` and ``_repr_latex_``."""

    __slots__ = ()

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The object as tables (``title`` replaces the game's title where one is shown).

        Parameters
        ----------
        title : str, optional
            Replaces the game's title.

        Returns
        -------
        list of Table
            The tables.

        Raises
        ------
        NotImplementedError
            Unless a subclass defines it.
        """
        raise NotImplementedError(f"{type(self).__name__} does not define tables()")

    def render(self, fmt: str = "text", *, title: str | None = None) -> str:
        """The object's tables in one of :data:`FORMATS` (``"text"``, ``"markdown"``,
        ``"latex"``, ``"html"``), separated by blank lines.

        Parameters
        ----------
        fmt : str
            One of :data:`FORMATS`.
        title : str, optional
            Replaces the game's title.

        Returns
        -------
        str
            The rendered tables.

        Raises
        ------
        ExactBargainError
            For an unknown format.
        """
        return render_tables(self.tables(title=title), fmt)

    def _repr_html_(self) -> str:
        """The object's tables as HTML (Jupyter)."""
        return html_of(self.tables())

    def _repr_latex_(self) -> str:
        """The object's tables as math-mode arrays (Jupyter, MathJax)."""
        return latex_of(self.tables())
