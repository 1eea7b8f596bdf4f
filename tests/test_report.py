"""exactbargain.report: tables in text, Markdown, LaTeX and HTML; the notebook reprs."""

from __future__ import annotations

import re
import shutil
import subprocess
from fractions import Fraction as F

import pytest

from exactbargain import Game, coco, fallback, fallback_range, kalai_smorodinsky, nash_bargaining
from exactbargain.axioms import monotonicity
from exactbargain.bargaining import compare
from exactbargain.errors import ExactBargainError
from exactbargain.formats import read_game
from exactbargain.report import (
    Span,
    Table,
    Vector,
    comparison_table,
    game_table,
    html_repr,
    latex_escape,
    latex_fraction,
    latex_math_text,
    latex_repr,
    markdown_escape,
    render,
)

from conftest import EXAMPLES

CHICKEN = read_game(EXAMPLES / "chicken.nfg")
THREE = read_game(EXAMPLES / "public_goods3_unequal.nfg")
NASTY = "R&D_1 {50%} #2 $x^2~\\ <b>|"


# --------------------------------------------------------------------------- checkers
def latex_structure(source: str) -> None:
    """Environments balanced and properly nested; every tabular row fills exactly the
    columns of its spec (counting \\multicolumn spans); fractions only in math mode."""
    stack = []
    for kind, name in re.findall(r"\\(begin|end)\{(\w+)\}", source):
        if kind == "begin":
            stack.append(name)
        else:
            assert stack and stack.pop() == name, f"\\end{{{name}}} closes the wrong environment"
    assert not stack, f"unclosed environments {stack}"
    tabulars = re.findall(r"\\begin\{tabular\}\{([^}]*)\}\n(.*?)\\end\{tabular\}", source, re.S)
    assert tabulars, "no tabular"
    for spec, body in tabulars:
        columns = len(re.findall(r"[lrc]", spec))
        for line in body.splitlines():
            if line == "\\hline":
                continue
            assert line.endswith(" \\\\"), line
            amps = len(re.findall(r"(?<!\\)&", line))
            spans = sum(int(w) - 1 for w in re.findall(r"\\multicolumn\{(\d+)\}", line))
            assert amps + 1 + spans == columns, f"{line!r} does not fill {columns} columns"
    outside = re.split(r"(?<!\\)\$", source)[0::2]
    assert not any("\\frac" in text for text in outside), "a \\frac outside math mode"
    assert not re.search(r"\d/\d", source.split("\\begin{verbatim}")[0]), "a slash fraction in LaTeX"


def markdown_cells(line: str) -> list[str]:
    assert line.startswith("| ") or line.startswith("|:") or line.startswith("|-"), line
    return [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]


def markdown_structure(source: str) -> list[list[str]]:
    """The pipe table's rows as cells; every row has as many cells as the header."""
    lines = [line for line in source.splitlines() if line.startswith("|")]
    rows = [markdown_cells(line) for line in lines]
    assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows), rows
    assert all(re.fullmatch(r":?-+:?", c) for c in rows[1])
    return [rows[0]] + rows[2:]


def compile_latex(tmp_path, *bodies: str) -> None:
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed (apt-get install texlive-latex-base)")
    doc = tmp_path / "doc.tex"
    doc.write_text("\\documentclass{article}\n\\begin{document}\n" + "\n\n".join(bodies) + "\n\\end{document}\n",
                   encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", doc.name],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:]
    assert (tmp_path / "doc.pdf").stat().st_size > 0


def math_labels_are_plain(source: str) -> None:
    """Inside \\text{...} no character that MathJax or LaTeX would interpret."""
    for inner in re.findall(r"\\text\{([^}]*)\}", source):
        assert not set(inner) & set("\\&%$#_{}~^"), inner


# --------------------------------------------------------------------------- numbers and labels
@pytest.mark.parametrize("value, latex", [
    (F(7, 2), "\\frac{7}{2}"), (F(-1, 2), "-\\frac{1}{2}"), (F(12), "12"), (-3, "-3"), (0, "0"),
    ("21/4", "\\frac{21}{4}"), (F(-500), "-500"),
])
def test_latex_fraction(value, latex):
    assert latex_fraction(value) == latex


def test_latex_fraction_refuses_floats():
    with pytest.raises(ValueError):
        latex_fraction(0.5)


def test_latex_escape_every_special_character():
    assert latex_escape(NASTY) == ("R\\&D\\_1 \\{50\\%\\} \\#2 \\$x\\textasciicircum{}2\\textasciitilde{}"
                                   "\\textbackslash{} \\textless{}b\\textgreater{}\\textbar{}")


def test_latex_math_text_keeps_specials_out_of_text():
    out = latex_math_text(NASTY)
    math_labels_are_plain(out)
    assert out.startswith("\\text{R}\\&\\text{D}\\_\\text{1 }\\{\\text{50}\\%\\}")
    assert "\\backslash{}" in out and "\\sim{}" in out and "\\hat{}" in out


def test_markdown_escape():
    assert markdown_escape("a|b_c*d") == "a\\|b\\_c\\*d"


# --------------------------------------------------------------------------- the table
def test_table_rejects_ragged_rows_and_bad_alignment():
    with pytest.raises(ExactBargainError, match="row 1 spans 1 columns, the header has 2"):
        Table(("a", "b"), (("x",),))
    with pytest.raises(ExactBargainError, match="alignment"):
        Table(("a", "b"), (("x", "y"),), align="lx")
    assert Table(("a", "b", "c"), (("x", Span("y", 2)),)).columns == 3
    with pytest.raises(ExactBargainError, match="unknown format 'rtf'"):
        render(CHICKEN, "rtf")


def test_spans_in_every_format():
    t = Table(("rule", "Row", "d"), (("coco", F(6), Vector((F(1, 2), F(0)))), ("ks", Span("n/a", 2))), align="lrl")
    assert t.text(caption=False).splitlines()[-1] == "ks         n/a"
    assert markdown_structure(t.markdown())[-1] == ["ks", "", "n/a"]
    assert "ks & \\multicolumn{2}{l|}{n/a} \\\\" in t.tabular()
    latex_structure(t.latex())
    assert '<td colspan="2" style="text-align: right">n/a</td>' in t.html()


def test_game_tables():
    assert game_table(CHICKEN).text() == (
        "Chicken (Aumann)\n"
        "Row \\ Column  D     C\n"
        "------------  ----  ----\n"
        "D             0, 0  7, 2\n"
        "C             2, 7  6, 6")
    rows = markdown_structure(render(THREE, "markdown"))
    assert rows[0] == ["Ann", "Bob", "Cat", "u(Ann)", "u(Bob)", "u(Cat)"]
    assert rows[1] == ["C", "C", "C", "5", "4", "4"] and len(rows) == 1 + 8
    latex = render(CHICKEN, "latex")
    latex_structure(latex)
    assert "D & $0, 0$ & $7, 2$ \\\\" in latex


def test_large_games_are_cut_short():
    big = Game.from_function(lambda p: (len(p[0]), 0, 0), [[f"a{k}" for k in range(m)] for m in (7, 7, 5)])
    table = game_table(big)
    assert len(table.rows) == 201 and table.rows[-1][0] == "... 45 more profiles"
    wide = Game.bimatrix([[0] * 250] * 3, [[1] * 250] * 3)
    t = game_table(wide, max_rows=10)
    assert t.columns == 12 and t.header[-1] == "... 240 more"


# --------------------------------------------------------------------------- solutions
def test_fallback_table_values():
    rows = markdown_structure(render(fallback(CHICKEN), "markdown"))
    assert dict(map(tuple, rows)) == {
        "game": "Chicken (Aumann)", "rule": "fallback, selection rule welfare", "players": "(Row, Column)",
        "best total W": "12", "disagreement point": "(21/4, 21/4)", "surplus share": "3/4",
        "payoffs": "(6, 6)", "side payments": "(0, 0)", "agreement": "(C, C)"}


def test_coco_table_values():
    curse = read_game(EXAMPLES / "trivial_indifferent_curse.nfg")
    latex = render(coco(curse), "latex")
    latex_structure(latex)
    assert "$\\kappa$ & $500$ \\\\" in latex
    assert "side payments & $(500, -500)$ \\\\" in latex
    assert "\\caption{CoCo value of Trivial game plus an indifferent curse}" in latex


def test_three_player_table_lists_the_coalition_function():
    rows = dict(map(tuple, markdown_structure(render(fallback(THREE, coalitions="team-vs-individuals"), "markdown"))))
    assert rows["payoffs"] == "(4, 9/2, 9/2)" and rows["disagreement point"] == "(0, 0, 0)"
    assert rows["v({Ann})"] == "0" and rows["v({Ann, Bob, Cat})"] == "13"
    assert rows["rule"] == "fallback, selection rule welfare, coalitions team-vs-individuals"


def test_bargaining_tables():
    ks = dict(map(tuple, markdown_structure(render(kalai_smorodinsky(CHICKEN, select="dictator-1"), "markdown"))))
    assert ks["payoffs"] == "(7, 2)" and ks["agreement"] == "(D, C)" and "side payments" not in ks
    polygon = nash_bargaining([(0, 0), (6, 0), (0, 3)], (0, 0))
    rows = dict(map(tuple, markdown_structure(render(polygon, "markdown"))))
    assert rows["players"] == "(player 1, player 2)" and rows["payoffs"] == "(3, 3/2)"
    assert "agreement" not in rows and "best total W" not in rows


def test_comparison_table_rows_match_compare():
    rows = compare(CHICKEN)
    table = comparison_table(CHICKEN, rows)
    assert [r[:2] for r in table.rows][:2] == [("coco", table.rows[0][1]), ("fallback", "welfare")]
    assert len(table.rows) == len(rows) == 15
    md = markdown_structure(comparison_table(CHICKEN, rows, compact=True).markdown())
    assert md[0] == ["rule", "select", "Row", "Column", "disagreement"]
    assert ["fallback", "dictator-1", "17/2", "7/2", "(7, 2)"] in md
    assert ["nash-fallback", "random-dictator", "6", "6", "(9/2, 9/2)"] in md


def test_comparison_keeps_the_verified_column_when_one_fails():
    rows = compare(CHICKEN)[:3]
    t = comparison_table(CHICKEN, rows, verified=[True, False, True], compact=True)
    assert t.header[-1] == "verified" and [r[-1] for r in t.rows] == ["yes", "NO", "yes"]
    assert "verified exactly" not in t.text()


def test_latex_of_everything_compiles(tmp_path):
    nasty = Game.bimatrix([[1, "1/2"], [0, "-7/3"]], [[2, 0], ["5/4", 1]], players=(NASTY, "Col & Co"),
                          actions=(("a_1", "50%"), ("{x}", "#y"))).with_title("Title with $ & _ ^ ~ \\")
    bodies = [
        render(CHICKEN, "latex"),
        render(THREE, "latex"),
        render(nasty, "latex"),
        render(coco(nasty), "latex"),
        render(fallback(nasty), "latex"),
        render(fallback(THREE), "latex"),
        render(coco(THREE), "latex"),
        render(nash_bargaining(CHICKEN), "latex"),
        render(fallback_range(CHICKEN), "latex"),
        comparison_table(CHICKEN, compare(CHICKEN), compact=True).latex(),
        comparison_table(THREE, compare(THREE)).latex(),
    ]
    for body in bodies:
        latex_structure(body)
    assert "\\caption{Title with \\$ \\& \\_ \\textasciicircum{} \\textasciitilde{} \\textbackslash{}}" in bodies[2]
    compile_latex(tmp_path, *bodies)


# --------------------------------------------------------------------------- notebook reprs
def reprs(obj):
    html, latex = obj._repr_html_(), obj._repr_latex_()
    assert html == html_repr(obj) and latex == latex_repr(obj)
    assert latex.startswith("$\\begin{array}") and latex.endswith("\\end{array}$")
    assert latex.count("$") == 2 and "tabular" not in latex
    inner = latex[1:-1]
    assert inner.count("\\begin{array}") == inner.count("\\end{array}")
    math_labels_are_plain(latex)
    assert html.startswith('<table class="exactbargain">') and html.endswith("</table>")
    assert html.count("<table") == html.count("</table>")
    return html, latex


def test_game_reprs():
    html, latex = reprs(CHICKEN)
    assert "<caption>Chicken (Aumann)</caption>" in html
    assert '<th style="text-align: left">D</th><td style="text-align: center">0, 0</td>' in html
    assert "\\text{Row }\\backslash{}\\text{ Column} & \\text{D} & \\text{C} \\\\" in latex
    html, latex = reprs(THREE)
    assert "<th>u(Ann)</th>" in html and "\\text{C} & \\text{C} & \\text{C} & 5 & 4 & 4 \\\\" in latex
    odd = Game.bimatrix([["1/2"]], [[-3]], players=("<script>", "B&B"), actions=(("x<y",), ('"q"',)))
    html, latex = reprs(odd)
    assert "<script>" not in html and "&lt;script&gt; \\ B&amp;B" in html
    assert "x&lt;y" in html and "&quot;q&quot;" in html
    assert "\\frac{1}{2}, -3" in latex and "<\\text{script}>\\text{ }\\backslash{}\\text{ B}\\&\\text{B}" in latex


def test_solution_reprs():
    html, latex = reprs(fallback(CHICKEN))
    assert "(\\frac{21}{4}, \\frac{21}{4})" in latex and "\\text{payoffs} & (6, 6) \\\\" in latex
    assert "<td style=\"text-align: left\">(21/4, 21/4)</td>" in html
    assert "<caption>Fallback value of Chicken (Aumann)</caption>" in html
    html, latex = reprs(coco(CHICKEN))
    assert "\\kappa & 0 \\\\" in latex and "&kappa;" in html
    html, latex = reprs(fallback(THREE))
    assert "\\text{v(}\\{\\text{Ann, Bob}\\}\\text{)} & 3 \\\\" in latex
    html, latex = reprs(coco(THREE))
    assert "\\text{payoffs} & (\\frac{13}{3}, \\frac{13}{3}, \\frac{13}{3}) \\\\" in latex
    assert "\\text{side payments} & (-\\frac{2}{3}, \\frac{1}{3}, \\frac{1}{3}) \\\\" in latex
    assert "\\text{v(}\\{\\text{Ann}\\}\\text{)} & \\frac{13}{2} \\\\" in latex
    html, latex = reprs(kalai_smorodinsky(CHICKEN, select="dictator-1"))
    assert "\\text{payoffs} & (7, 2) \\\\" in latex
    html, latex = reprs(nash_bargaining([(0, 0), (6, 0), (0, 3)], (0, 0)))
    assert "(3, \\frac{3}{2})" in latex
    html, latex = reprs(fallback_range(CHICKEN))
    assert "[\\frac{7}{2}, \\frac{17}{2}]" in latex and "[7/2, 17/2]" in html


def test_verdict_reprs():
    locked = Game.bimatrix([[0, 7]], [[0, 2]], actions=(("D",), ("D", "C")))
    verdict = monotonicity("fallback", locked, locked.add_action(0, [(2, 7), (6, 6)], label="C"))
    html, latex = reprs(verdict)
    assert html.count("<table") == 3
    assert "<caption>game before</caption>" in html and "<caption>game after</caption>" in html
    assert "VIOLATED" in html and "phi_1(after) &gt;= phi_1(before)" in html
    assert "\\text{values after} & (6, 6) \\\\" in latex
    assert "\\text{player 1 gains an action, so phi}\\_\\text{1(after) }>\\text{= phi}\\_\\text{1(before)}" in latex
