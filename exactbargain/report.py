"""Tables of games, solutions, verdicts and every other result object as plain text,
Markdown, LaTeX and HTML.

The table model (:class:`Table` of exact cells), its four renderers (plain text, Markdown,
LaTeX ``tabular``, HTML, plus math-mode arrays for MathJax) and the escaping helpers live in
:mod:`exactbargain.tables` and are re-exported here; every result object builds its own
tables through the protocol of :class:`~exactbargain.tables.Renderable`.

:func:`tables` returns the tables of a :class:`~exactbargain.Game`, of every solution
object of :mod:`exactbargain.bargaining`, of a :class:`~exactbargain.axioms.Verdict`, of
Nash equilibria, correlated-equilibrium points, zero-sum solutions, LP results, search
results and coalition functions (whatever derives from
:class:`~exactbargain.tables.Renderable`); :func:`render` joins them in one format;
:func:`html_repr` and :func:`latex_repr` are the ``_repr_html_`` / ``_repr_latex_`` of
those classes; :func:`comparison_table` is the table of ``exactbargain solve --rule all``.

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

from typing import Any, Sequence

from .axioms.tables import verdict_tables
from .bargaining.results import range_table
from .errors import GameTypeError
from .game import Game, game_table
from .tables import (
    FORMATS,
    KAPPA,
    MAX_ROWS,
    MISSING,
    W_SYMBOL,
    Cell,
    Part,
    Renderable,
    Span,
    Symbol,
    Table,
    Vector,
    escape_controls,
    game_title,
    html_of,
    latex_escape,
    latex_fraction,
    latex_math_text,
    latex_of,
    markdown_escape,
    render_tables,
)

__all__ = [
    "FORMATS",
    "Symbol",
    "Vector",
    "Span",
    "Table",
    "Renderable",
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


def solution_table(solution: Any, *, title: str | None = None) -> Table:
    """One solution of :mod:`exactbargain.bargaining` as a two-column table: the game, the
    rule, the players, the best total ``W``, the disagreement point, the payoffs, the side
    payments and the agreement (and ``kappa`` for CoCo, the surplus share for the fallback,
    ``v(S)`` for n-player values); the solution's own first table.

    Parameters
    ----------
    solution : BargainingSolution, CoCoSolution, FallbackSolution or CoalitionSolution
        The solution.
    title : str, optional
        The caption's title instead of the game's.

    Returns
    -------
    Table
        The table.

    Examples
    --------
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
    return tables(solution, title=title)[0]


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

    Parameters
    ----------
    game : Game
        The game the rules were applied to.
    rows : sequence of (str, str or None, str or None, solution or str)
        ``(rule, select, coalitions, solution or reason)`` per rule.
    verified : sequence of bool, optional
        Whether each row's solution verified (computed when omitted).
    title : str, optional
        The caption's title instead of the game's.
    compact : bool
        Leave out the columns that say nothing.

    Returns
    -------
    Table
        The table.

    Examples
    --------
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
    caption: Cell = (f"Bargaining solutions of {game_title(game, title)}; best total ", W_SYMBOL, " = ", game.W)
    if not show_verified:
        caption += ("; every value verified exactly",)
    align = "ll" + ("l" if show_models else "") + "r" * n + "l" + ("l" if show_verified else "")
    return Table(header, tuple(body), caption, align)


# --------------------------------------------------------------------------- the protocol
def tables(obj: Any, *, title: str | None = None) -> list[Table]:
    """The tables of a game, a solution object, a verdict or any other result object (any
    :class:`~exactbargain.tables.Renderable`); ``title`` replaces the game's title in the
    solution tables.

    Parameters
    ----------
    obj : object
        A game, a solution, a verdict or another result object.
    title : str, optional
        Replaces the game's title in the solution tables.

    Returns
    -------
    list of Table
        The tables.

    Raises
    ------
    GameTypeError
        When ``obj`` has no tables.

    Examples
    --------
    >>> from exactbargain import Game
    >>> [t.columns for t in tables(Game.bimatrix([[1, 2]], [[3, 4]]))]
    [3]
    """
    if isinstance(obj, Renderable):
        return obj.tables(title=title)
    raise GameTypeError(f"no table for {'None' if obj is None else 'a ' + type(obj).__name__}; tables show a Game, "
                        "a solution, a verdict or another result object of exactbargain")


def render(obj: Any, fmt: str = "text", *, title: str | None = None) -> str:
    """The tables of ``obj`` (see :func:`tables`) in one of :data:`FORMATS`, separated by
    blank lines.

    Parameters
    ----------
    obj : object
        A game, a solution, a verdict or another result object.
    fmt : str
        One of :data:`FORMATS`.
    title : str, optional
        Replaces the game's title in the solution tables.

    Returns
    -------
    str
        The rendered tables.

    Raises
    ------
    GameTypeError
        When ``obj`` has no tables.
    ValueError
        For an unknown format.

    Examples
    --------
    >>> from exactbargain import Game, coco
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]).with_title("PD")
    >>> print(render(coco(pd), "latex").splitlines()[2])
    \\caption{CoCo value of PD}
    """
    return render_tables(tables(obj, title=title), fmt)


def html_repr(obj: Any) -> str:
    """``_repr_html_`` of games, solutions and verdicts: their tables as HTML.

    Parameters
    ----------
    obj : object
        A result object.

    Returns
    -------
    str
        HTML.

    Raises
    ------
    GameTypeError
        When ``obj`` has no tables.

    Examples
    --------
    >>> from exactbargain import Game
    >>> print(html_repr(Game.bimatrix([[1]], [[2]], players=("<A>", "B"))))
    <table class="exactbargain">
    <thead><tr><th>&lt;A&gt; \\ B</th><th>1</th></tr></thead>
    <tbody>
    <tr><th style="text-align: left">1</th><td style="text-align: center">1, 2</td></tr>
    </tbody>
    </table>
    """
    return html_of(tables(obj))


def latex_repr(obj: Any) -> str:
    """``_repr_latex_`` of games, solutions and verdicts: ``$...$`` around math-mode arrays
    (which MathJax renders), one under the other.

    Parameters
    ----------
    obj : object
        A result object.

    Returns
    -------
    str
        LaTeX math.

    Raises
    ------
    GameTypeError
        When ``obj`` has no tables.

    Examples
    --------
    >>> from exactbargain import Game
    >>> print(latex_repr(Game.bimatrix([[1]], [["1/2"]], players=("A", "B"))))
    $\\begin{array}{l|c}
    \\text{A }\\backslash{}\\text{ B} & \\text{1} \\\\
    \\hline
    \\text{1} & 1, \\frac{1}{2} \\\\
    \\end{array}$
    """
    return latex_of(tables(obj))
