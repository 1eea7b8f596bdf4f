"""Tables of games, solutions and verdicts as plain text, Markdown, LaTeX and HTML.

Every table is built once, as a :class:`Table` of *cells*, and rendered in any of
:data:`FORMATS`. A cell is a tuple of parts: text (escaped for the target format), exact
rationals (``7/2`` in text, Markdown and HTML; ``\\frac{7}{2}`` in LaTeX), vectors of
rationals and :class:`Symbol` (a name with its own spelling in each format, such as ``W``
or kappa). Nothing is rounded: a rational is printed from its numerator and denominator.

* :meth:`Table.text` — aligned columns, a dashed line under the header;
* :meth:`Table.markdown` — a GitHub pipe table (``|`` in labels escaped), with a pandoc
  ``Table:`` caption;
* :meth:`Table.latex` — a ``table`` environment around a ``tabular`` that uses base LaTeX
  only (``\\hline``, no packages), labels escaped, numbers in math mode;
* :meth:`Table.latex_math` — a math-mode ``array`` (what MathJax renders in Jupyter);
* :meth:`Table.html` — a ``<table>`` with every label passed through :func:`html.escape`.

:func:`tables` builds the tables of a :class:`~exactbargain.Game`, of every solution
object of :mod:`exactbargain.bargaining` and of a :class:`~exactbargain.axioms.Verdict`;
:func:`render` joins them in one format; :func:`html_repr` and :func:`latex_repr` are the
``_repr_html_`` / ``_repr_latex_`` of those classes; :func:`comparison_table` is the table
of ``exactbargain solve --rule all``.

>>> from exactbargain import Game, fallback
>>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], players=("Row", "Column"),
...                         actions=(("D", "C"), ("D", "C"))).with_title("Chicken")
>>> print(render(fallback(chicken), "markdown"))
| game | Chicken |
|:---|:---|
| rule | fallback, selection rule welfare |
| players | (Row, Column) |
| best total W | 12 |
| disagreement point | (21/4, 21/4) |
| surplus share | 3/4 |
| payoffs | (6, 6) |
| side payments | (0, 0) |
| agreement | (C, C) |
<BLANKLINE>
Table: Fallback value of Chicken
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Sequence, Union

from .errors import ExactBargainError, GameTypeError
from .numbers import format_rational, to_fraction

if TYPE_CHECKING:  # pragma: no cover
    from .game import Game

__all__ = [
    "FORMATS",
    "Symbol",
    "Vector",
    "Span",
    "Table",
    "latex_fraction",
    "latex_escape",
    "latex_math_text",
    "markdown_escape",
    "escape_controls",
    "game_table",
    "solution_table",
    "range_table",
    "comparison_table",
    "verdict_tables",
    "tables",
    "render",
    "html_repr",
    "latex_repr",
]

#: The formats :func:`render` writes.
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


def latex_fraction(x: Any) -> str:
    """An exact rational in LaTeX math mode: ``\\frac{p}{q}``, with the sign in front.

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

    >>> print(latex_escape("R&D_1 {50%} #2 $x^2~\\\\"))
    R\\&D\\_1 \\{50\\%\\} \\#2 \\$x\\textasciicircum{}2\\textasciitilde{}\\textbackslash{}
    """
    return _LATEX_TEXT_RE.sub(lambda m: _LATEX_TEXT[m.group(0)], escape_controls(text))


def latex_math_text(text: str) -> str:
    """A label inside math mode (for MathJax and LaTeX alike): runs of ordinary characters
    in ``\\text{...}``, the special characters as math-mode commands outside it (control
    characters first written as visible escapes, :func:`escape_controls`).

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

    >>> print(markdown_escape("a|b *c*"))
    a\\|b \\*c\\*
    """
    return _MD_SPECIAL.sub(r"\\\1", escape_controls(text))


def _vector_plain(v: Vector) -> str:
    inner = ", ".join(format_rational(x) for x in v.values)
    return f"{v.brackets[:1]}{inner}{v.brackets[1:]}"


def _vector_latex(v: Vector) -> str:
    inner = ", ".join(latex_fraction(x) for x in v.values)
    return f"{v.brackets[:1]}{inner}{v.brackets[1:]}"


def _plain(cell: Cell, escape=escape_controls) -> str:
    out = []
    for part in cell:
        if isinstance(part, str):
            out.append(escape(part))
        elif isinstance(part, Symbol):
            out.append(escape(part.text))
        elif isinstance(part, Vector):
            out.append(_vector_plain(part))
        else:
            out.append(format_rational(part))
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
            out.append(format_rational(part))
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
            pieces.append((True, latex_fraction(part)))
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
            out.append(latex_fraction(part))
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
        """Aligned plain text: columns two spaces apart, a dashed line under the header."""
        head, body = self._grid(_plain)
        widths = [max(len(r[k]) for r in [head] + body) for k in range(self.columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in [head] + body]
        lines.insert(1, "  ".join("-" * w for w in widths))
        if caption and self.caption:
            lines.insert(0, _plain(self.caption))
        return "\n".join(lines)

    def markdown(self) -> str:
        """A GitHub pipe table; the caption follows as pandoc's ``Table: ...`` line."""
        head, body = self._grid(lambda c: _plain(c, markdown_escape))
        marks = {"l": ":---", "r": "---:", "c": ":---:"}
        lines = ["| " + " | ".join(head) + " |", "|" + "|".join(marks[a] for a in self._letters()) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        if self.caption:
            lines += ["", "Table: " + _plain(self.caption, markdown_escape)]
        return "\n".join(lines)

    def tabular(self) -> str:
        """The ``tabular`` environment alone (base LaTeX)."""
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
        (with rows stretched by 1.5 when a fraction would crowd them)."""
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
        """A math-mode ``array`` (no ``$``); the caption, if any, as a first line above it."""
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
        """An HTML ``<table>`` (labels escaped), the caption as ``<caption>``."""
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
        """The table in one of :data:`FORMATS`."""
        if fmt not in FORMATS:
            raise ExactBargainError(f"unknown format {fmt!r}; the formats are {', '.join(FORMATS)}")
        return {"text": self.text, "markdown": self.markdown, "latex": self.latex, "html": self.html}[fmt]()


# --------------------------------------------------------------------------- games
def _title(game: "Game | None", title: str | None = None) -> str:
    if title:
        return title
    if game is not None and game.title:
        return game.title
    return "the game"


def _labels(labels: Sequence[str]) -> str:
    return "(" + ", ".join(labels) + ")"


def _profile(game: "Game", profile: Sequence[int]) -> str:
    return _labels([game.actions[i][k] for i, k in enumerate(profile)])


def game_table(game: "Game", *, max_rows: int = MAX_ROWS) -> Table:
    """A game as a table: two players as a bimatrix (row labels, one column per action of
    the second player, cells ``u_1, u_2``), otherwise one row per profile. At most
    ``max_rows`` rows (and, for a bimatrix, columns) are shown; a last row counts the rest.

    >>> from exactbargain import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"),
    ...                    actions=(("C", "D"), ("C", "D")))
    >>> print(game_table(pd).text())
    Row \\ Col  C     D
    ---------  ----  ----
    C          3, 3  0, 5
    D          5, 0  1, 1
    """
    caption: Cell = (game.title,) if game.title else ()
    if game.num_players == 2:
        rows_shown = min(game.shape[0], max_rows)
        cols_shown = min(game.shape[1], max_rows)
        header: list[Any] = [f"{game.players[0]} \\ {game.players[1]}"] + list(game.actions[1][:cols_shown])
        body: list[tuple[Any, ...]] = []
        for r in range(rows_shown):
            cells = [Vector(game.payoff((r, c)), "") for c in range(cols_shown)]
            body.append(tuple([game.actions[0][r]] + cells))
        if cols_shown < game.shape[1]:
            header.append(f"... {game.shape[1] - cols_shown} more")
            body = [row + ("...",) for row in body]
        if rows_shown < game.shape[0]:
            body.append((f"... {game.shape[0] - rows_shown} more",) + ("",) * (len(header) - 1))
        align = "l|" + "c" * (len(header) - 1)
        return Table(tuple(header), tuple(body), caption, align, row_headers=True)
    n = game.num_players
    header = list(game.players) + [f"u({p})" for p in game.players]
    body = []
    for k, profile in enumerate(game.profiles()):
        if k == max_rows:
            body.append((f"... {game.num_profiles - max_rows} more profiles",) + ("",) * (2 * n - 1))
            break
        body.append(tuple(game.actions[i][a] for i, a in enumerate(profile)) + game.payoff(profile))
    return Table(tuple(header), tuple(body), caption, "l" * n + "|" + "r" * n)


# --------------------------------------------------------------------------- solutions
_RULE_NAMES = {
    "coco": "CoCo value",
    "fallback": "Fallback value",
    "nash-fallback": "Nash-equilibrium fallback value",
    "nbs": "Nash bargaining solution",
    "ks": "Kalai-Smorodinsky solution",
}


def _rule_text(solution: Any) -> str:
    parts = [solution.rule]
    if getattr(solution, "select", None):
        parts.append(f"selection rule {solution.select}")
    if getattr(solution, "coalitions", None):
        parts.append(f"coalitions {solution.coalitions}")
    if solution.rule in ("nbs", "ks"):
        parts.append("no transfers")
    return ", ".join(parts)


def _coalition_name(players: Sequence[str], mask: int) -> str:
    return "v({" + ", ".join(p for k, p in enumerate(players) if mask >> k & 1) + "})"


def solution_table(solution: Any, *, title: str | None = None) -> Table:
    """One solution as a two-column table: the game, the rule, the players, the best total
    ``W``, the disagreement point, the payoffs, the side payments and the agreement (and
    ``kappa`` for CoCo, the surplus share for the fallback, ``v(S)`` for n-player values).

    >>> from exactbargain import Game, coco
    >>> curse = Game.bimatrix([[0], [0]], [[0], [-1000]], players=("Row", "Column"),
    ...                       actions=(("Wait", "Curse"), ("Wait",)))
    >>> print(solution_table(coco(curse)).text())
    CoCo value of the game
    game           the game
    -------------  -------------
    rule           coco
    players        (Row, Column)
    best total W   0
    kappa          500
    payoffs        (500, -500)
    side payments  (500, -500)
    agreement      (Wait, Wait)
    """
    from .bargaining import BargainingSolution, CoalitionSolution, CoCoSolution, FallbackSolution

    game = getattr(solution, "game", None)
    name = _title(game, title)
    rows: list[tuple[Any, ...]] = [("rule", _rule_text(solution))]
    players = game.players if game is not None else ("player 1", "player 2")
    rows.append(("players", _labels(players)))
    W = getattr(solution, "W", None)
    if W is None and game is not None:
        W = game.W
    if W is not None:
        rows.append((("best total ", W_SYMBOL), W))
    if isinstance(solution, CoCoSolution):
        rows.append(((KAPPA,), solution.kappa))
    if solution.disagreement is not None:
        rows.append(("disagreement point", Vector(tuple(solution.disagreement))))
    if isinstance(solution, FallbackSolution):
        rows.append(("surplus share", solution.surplus))
    if isinstance(solution, CoalitionSolution):
        v = solution.coalition_function
        for mask in v._order():
            if mask:
                rows.append((_coalition_name(v.players, mask), v.table[mask]))
    rows.append(("payoffs", Vector(tuple(solution.payoffs))))
    if isinstance(solution, BargainingSolution):
        if game is not None and solution.agreement is not None:
            lottery = [(m, p) for m, p in zip(solution.agreement, game.profiles()) if m]
            cell: list[Part] = []
            for k, (m, p) in enumerate(lottery):
                if k:
                    cell.append(" + ")
                if m != 1:
                    cell += [m, " "]
                cell.append(_profile(game, p))
            rows.append(("agreement", tuple(cell)))
    else:
        rows.append(("side payments", Vector(tuple(solution.side_payments))))
        rows.append(("agreement", _profile(game, solution.agreement.profile)))
    caption: Cell = (f"{_RULE_NAMES.get(solution.rule, solution.rule)} of {name}",)
    return Table(("game", name), tuple(rows), caption, "ll", row_headers=True)


def range_table(solution: Any, *, title: str | None = None) -> Table:
    """A :class:`~exactbargain.bargaining.FallbackRange` as a table: ``W``, the range of
    ``d_1 - d_2`` over all correlated equilibria, and each player's interval of fallback
    values.

    >>> from exactbargain import Game, fallback_range
    >>> bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> print(range_table(fallback_range(bos)).markdown())
    | game | the game |
    |:---|:---|
    | best total W | 3 |
    | d\\_1 - d\\_2 over CE | [-1, 1] |
    | fallback value of 1 | [1, 2] |
    | fallback value of 2 | [1, 2] |
    <BLANKLINE>
    Table: Fallback values over all correlated equilibria of the game
    """
    game = solution.game
    name = _title(game, title)
    d = Symbol("d_1 - d_2", "d_1 - d_2", "<i>d</i><sub>1</sub> &minus; <i>d</i><sub>2</sub>")
    rows: list[tuple[Any, ...]] = [
        (("best total ", W_SYMBOL), solution.W),
        ((d, " over CE"), Vector((solution.delta_min, solution.delta_max), "[]")),
    ]
    for player, (lo, hi) in zip(game.players, solution.intervals):
        rows.append((f"fallback value of {player}", Vector((lo, hi), "[]")))
    caption: Cell = (f"Fallback values over all correlated equilibria of {name}",)
    return Table(("game", name), tuple(rows), caption, "ll", row_headers=True)


def comparison_table(game: "Game", rows: Sequence[tuple[str, str | None, str | None, Any]], *,
                     verified: Sequence[bool] | None = None, title: str | None = None,
                     compact: bool = False) -> Table:
    """The table of ``exactbargain solve --rule all``: one row per ``(rule, select,
    coalitions, solution or reason)`` as returned by :func:`exactbargain.bargaining.compare`,
    with each player's payoff, the disagreement point and whether the solution verified; a
    rule that does not apply has its reason across the payoff and disagreement columns.
    ``verified`` (one flag per row; ignored for rows whose solution is a reason) saves
    verifying again. ``compact`` (for papers) leaves out the columns that say nothing: the
    coalition model of a two-player game and, when every solution verified, the verified
    column (the caption then says so).

    >>> from exactbargain import Game
    >>> from exactbargain.bargaining import compare
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"))
    >>> print(comparison_table(pd, compare(pd)[:3]).text(caption=False))
    rule      select       coalitions  Row  Col  disagreement  verified
    --------  -----------  ----------  ---  ---  ------------  --------
    coco      -            -           3    3    -             yes
    fallback  welfare      -           3    3    (1, 1)        yes
    fallback  egalitarian  -           3    3    (1, 1)        yes
    >>> print(comparison_table(pd, compare(pd)[:2], compact=True).markdown())
    | rule | select | Row | Col | disagreement |
    |:---|:---|---:|---:|:---|
    | coco | - | 3 | 3 | - |
    | fallback | welfare | 3 | 3 | (1, 1) |
    <BLANKLINE>
    Table: Bargaining solutions of the game; best total W = 6; every value verified exactly
    """
    n = game.num_players
    flags = []
    for k, (_, _, _, sol) in enumerate(rows):
        if not isinstance(sol, str):
            flags.append(verified[k] if verified is not None else sol.verify())
    show_models = not compact or any(model for _, _, model, _ in rows)
    show_verified = not compact or not all(flags)
    header: tuple[Any, ...] = ("rule", "select") + (("coalitions",) if show_models else ()) + tuple(game.players)
    header += ("disagreement",) + (("verified",) if show_verified else ())
    body = []
    flag = iter(flags)
    for rule, select, model, sol in rows:
        row: tuple[Any, ...] = (rule, select or (MISSING,)) + ((model or (MISSING,),) if show_models else ())
        if isinstance(sol, str):
            row += (Span(sol, n + 1),)
            ok = None
        else:
            ok = next(flag)
            d = (MISSING,) if sol.disagreement is None else Vector(tuple(sol.disagreement))
            row += tuple(sol.payoffs) + (d,)
        if show_verified:
            row += ("" if ok is None else "yes" if ok else "NO",)
        body.append(row)
    caption: Cell = (f"Bargaining solutions of {_title(game, title)}; best total ", W_SYMBOL, " = ", game.W)
    if not show_verified:
        caption += ("; every value verified exactly",)
    align = "ll" + ("l" if show_models else "") + "r" * n + "l" + ("l" if show_verified else "")
    return Table(header, tuple(body), caption, align)


# --------------------------------------------------------------------------- verdicts
def verdict_tables(verdict: Any) -> list[Table]:
    """A :class:`~exactbargain.axioms.Verdict` as tables: the verdict (axiom, rule, claim,
    status, player, modification, values), then the game before and the game after.

    >>> from exactbargain import Game
    >>> from exactbargain.axioms import monotonicity
    >>> locked = Game.bimatrix([[0, 7]], [[0, 2]], actions=(("D",), ("D", "C")))
    >>> chicken = locked.add_action(0, [(2, 7), (6, 6)], label="C")
    >>> print(verdict_tables(monotonicity("fallback", locked, chicken))[0].text())
    axiom          A6 monotonicity
    -------------  ----------------------------------------------------------------
    rule           fallback[welfare]
    claim          player 1 gains an action, so phi_1(after) >= phi_1(before)
    status         VIOLATED
    player         1 (1)
    modification   add-action for player 1 (1) [action=C, payoffs=((2, 7), (6, 6))]
    values before  (7, 2)
    values after   (6, 6)
    difference     (-1, 4)
    """
    v = verdict
    status = "holds (vacuously)" if v.vacuous else ("holds" if v.holds else "VIOLATED")
    rows: list[tuple[Any, ...]] = [("rule", v.rule), ("claim", v.claim), ("status", status)]
    if v.player is not None:
        rows.append(("player", f"{v.player + 1} ({v.before.players[v.player]})"))
    if v.modification is not None:
        rows.append(("modification", v.modification.describe()))
    rows.append(("values before", Vector(tuple(v.values_before))))
    if v.values_after is not None:
        rows.append(("values after", Vector(tuple(v.values_after))))
    if v.difference:
        rows.append(("difference", Vector(tuple(v.difference))))
    out = [Table(("axiom", f"{v.code} {v.axiom}"), tuple(rows), (), "ll", row_headers=True)]
    for game, when in ((v.before, "before"), (v.after, "after")):
        if game is not None:
            t = game_table(game)
            out.append(Table(t.header, t.rows, (f"game {when}",), t.align, t.row_headers, t.rules))
    return out


# --------------------------------------------------------------------------- dispatch
def tables(obj: Any, *, title: str | None = None) -> list[Table]:
    """The tables of a game, a solution object or a verdict (``title`` replaces the game's
    title in the solution tables).

    >>> from exactbargain import Game
    >>> [t.columns for t in tables(Game.bimatrix([[1, 2]], [[3, 4]]))]
    [3]
    """
    from .axioms import Verdict
    from .bargaining import BargainingSolution, CoalitionSolution, CoCoSolution, FallbackRange, FallbackSolution
    from .game import Game

    if isinstance(obj, Game):
        return [game_table(obj)]
    if isinstance(obj, (CoCoSolution, CoalitionSolution, FallbackSolution, BargainingSolution)):
        return [solution_table(obj, title=title)]
    if isinstance(obj, FallbackRange):
        return [range_table(obj, title=title)]
    if isinstance(obj, Verdict):
        return verdict_tables(obj)
    raise GameTypeError(f"no table for {'None' if obj is None else 'a ' + type(obj).__name__}; tables show a Game, "
                        "a solution or a verdict")


def render(obj: Any, fmt: str = "text", *, title: str | None = None) -> str:
    """The tables of ``obj`` (see :func:`tables`) in one of :data:`FORMATS`, separated by
    blank lines.

    >>> from exactbargain import Game, coco
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]).with_title("PD")
    >>> print(render(coco(pd), "latex").splitlines()[2])
    \\caption{CoCo value of PD}
    """
    if fmt not in FORMATS:
        raise ExactBargainError(f"unknown format {fmt!r}; the formats are {', '.join(FORMATS)}")
    return "\n\n".join(t.render(fmt) for t in tables(obj, title=title))


def html_repr(obj: Any) -> str:
    """``_repr_html_`` of games, solutions and verdicts: their tables as HTML.

    >>> from exactbargain import Game
    >>> print(html_repr(Game.bimatrix([[1]], [[2]], players=("<A>", "B"))))
    <table class="exactbargain">
    <thead><tr><th>&lt;A&gt; \\ B</th><th>1</th></tr></thead>
    <tbody>
    <tr><th style="text-align: left">1</th><td style="text-align: center">1, 2</td></tr>
    </tbody>
    </table>
    """
    return "\n".join(t.html() for t in tables(obj))


def latex_repr(obj: Any) -> str:
    """``_repr_latex_`` of games, solutions and verdicts: ``$...$`` around math-mode arrays
    (which MathJax renders), one under the other.

    >>> from exactbargain import Game
    >>> print(latex_repr(Game.bimatrix([[1]], [["1/2"]], players=("A", "B"))))
    $\\begin{array}{l|c}
    \\text{A }\\backslash{}\\text{ B} & \\text{1} \\\\
    \\hline
    \\text{1} & 1, \\frac{1}{2} \\\\
    \\end{array}$
    """
    arrays = [t.latex_math() for t in tables(obj)]
    if len(arrays) == 1:
        return f"${arrays[0]}$"
    return "$\\begin{array}{c}\n" + " \\\\\n".join(arrays) + "\n\\end{array}$"
