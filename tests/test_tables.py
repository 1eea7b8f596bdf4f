"""Every result object renders through one protocol: four formats and the notebook hooks."""

from __future__ import annotations

import ast
import pathlib
import re
from fractions import Fraction as F

import pytest

import exactbargain
from exactbargain import CoalitionFunction, Game, coco, fallback, fallback_range, kalai_smorodinsky, nash_bargaining
from exactbargain.axioms import monotonicity
from exactbargain.equilibria import CorrelatedEquilibria, minimax, nash_equilibria, pure_nash_equilibria
from exactbargain.equilibria import security_levels
from exactbargain.errors import ExactBargainError, GameTypeError
from exactbargain.formats import read_game
from exactbargain.lp import LP, solve
from exactbargain.report import html_repr, latex_repr, render, tables
from exactbargain.search import find_counterexample
from exactbargain.tables import FORMATS, Renderable, Table, vector_cell

from conftest import EXAMPLES
from test_report import compile_latex, latex_structure, markdown_structure, math_labels_are_plain

CHICKEN = read_game(EXAMPLES / "chicken.nfg")
THREE = read_game(EXAMPLES / "public_goods3_unequal.nfg")
PENNIES = Game.zero_sum([[1, -1], [-1, 1]]).with_title("Pennies")
LOCKED = Game.bimatrix([[0, 7]], [[0, 2]], actions=(("D",), ("D", "C")))


def search_found():
    return find_counterexample("monotonicity", "fallback", max_actions=2, payoffs=range(0, 2), budget=1000,
                               hypothesis=False)


#: name -> (builder, values that must appear: (text/markdown/html spelling, LaTeX spelling))
OBJECTS = {
    "game": (lambda: CHICKEN, [("0, 0", "0, 0"), ("7, 2", "7, 2")]),
    "game-3": (lambda: THREE, [("u(Ann)", "u(Ann)")]),
    "coco": (lambda: coco(CHICKEN), [("(6, 6)", "(6, 6)")]),
    "coalition": (lambda: coco(THREE), [("13/3", "\\frac{13}{3}"), ("13/2", "\\frac{13}{2}")]),
    "fallback": (lambda: fallback(CHICKEN), [("(21/4, 21/4)", "(\\frac{21}{4}, \\frac{21}{4})")]),
    "fallback-3": (lambda: fallback(THREE), [("v({Ann, Bob})", "v(")]),
    "range": (lambda: fallback_range(CHICKEN), [("[7/2, 17/2]", "[\\frac{7}{2}, \\frac{17}{2}]")]),
    "nbs": (lambda: nash_bargaining([(0, 0), (6, 0), (0, 3)], (0, 0)), [("(3, 3/2)", "(3, \\frac{3}{2})")]),
    "ks": (lambda: kalai_smorodinsky(CHICKEN, select="dictator-1"), [("(7, 2)", "(7, 2)")]),
    "verdict": (lambda: monotonicity("fallback", LOCKED, LOCKED.add_action(0, [(2, 7), (6, 6)], label="C")),
                [("VIOLATED", "VIOLATED"), ("(-1, 4)", "(-1, 4)")]),
    "nash": (lambda: nash_equilibria(CHICKEN), [("14/3", "\\frac{14}{3}"), ("1/3", "\\frac{1}{3}")]),
    "nash-pure-none": (lambda: pure_nash_equilibria(PENNIES), [("0 pure Nash equilibria", "0 pure Nash")]),
    "ce-point": (lambda: CorrelatedEquilibria(CHICKEN).max_welfare(),
                 [("(21/4, 21/4)", "(\\frac{21}{4}, \\frac{21}{4})"), ("21/2", "\\frac{21}{2}")]),
    "zero-sum": (lambda: minimax([["1/3", "-1/2"], ["-1/5", "1/7"]]), [("-11/247", "-\\frac{11}{247}")]),
    "security": (lambda: security_levels(CHICKEN), [("(0, 1)", "(0, 1)")]),
    "lp-optimal": (lambda: solve(LP.from_matrix([[1, 1]], "<=", [4], [1, 2], sense="max"), method="exact"),
                   [("(0, 4)", "(0, 4)"), ("optimal", "optimal")]),
    "lp-unbounded": (lambda: solve(LP.from_matrix([[1]], ">=", [1], [1]), method="exact"),
                     [("unbounded", "unbounded"), ("ray", "ray")]),
    "lp-infeasible": (lambda: solve(LP.from_matrix([[1], [1]], ["<=", ">="], [1, 2], [1]), method="exact"),
                      [("infeasible", "infeasible"), ("Farkas", "Farkas")]),
    "search-found": (search_found, [("counterexample found", "counterexample found"), ("(1/2, 1/2)", "\\frac{1}{2}")]),
    "search-none": (lambda: find_counterexample("efficiency", "coco", max_actions=1, payoffs=range(0, 2), budget=30,
                                                hypothesis=False),
                    [("no counterexample within the budget", "no counterexample")]),
    "coalition-function": (lambda: CoalitionFunction.from_mapping(
        {frozenset({0}): 1, frozenset({1}): 2, frozenset({0, 1}): "9/2"}, ("Ann", "Bob")), [("9/2", "\\frac{9}{2}")]),
}


@pytest.fixture(scope="module")
def built():
    return {name: build() for name, (build, _) in OBJECTS.items()}


@pytest.mark.parametrize("name", OBJECTS)
def test_every_result_renders_in_every_format(built, name):
    obj, values = built[name], OBJECTS[name][1]
    assert isinstance(obj, Renderable)
    out = {fmt: obj.render(fmt) for fmt in FORMATS}
    assert out == {fmt: render(obj, fmt) for fmt in FORMATS}
    for plain, latex in values:
        assert plain in out["text"], (plain, out["text"])
        assert plain.replace("|", "\\|") in out["markdown"] or plain.replace("_", "\\_") in out["markdown"]
        assert latex in out["latex"], (latex, out["latex"])
    markdown_structure(out["markdown"].split("\n\n")[0])
    latex_structure(out["latex"])
    assert out["html"].count("<table") == out["html"].count("</table>") == len(obj.tables())


@pytest.mark.parametrize("name", OBJECTS)
def test_every_result_renders_in_a_notebook(built, name):
    obj, values = built[name], OBJECTS[name][1]
    html, latex = obj._repr_html_(), obj._repr_latex_()
    assert html == html_repr(obj) and latex == latex_repr(obj)
    assert html.startswith('<table class="exactbargain">') and html.endswith("</table>")
    assert latex.startswith("$\\begin{array}") and latex.endswith("\\end{array}$") and latex.count("$") == 2
    math_labels_are_plain(latex)
    for plain, math in values:
        assert plain.replace("&", "&amp;").replace("<", "&lt;") in html
        assert math.split("(")[-1].split(" ")[0] in latex


def test_nash_equilibria_table_lists_each_equilibrium():
    eqs = nash_equilibria(CHICKEN)
    [table] = tables(eqs)
    assert table.header == ("equilibrium", "Row", "Column", "u(Row)", "u(Column)")
    text = eqs.render().splitlines()
    assert text[0] == "3 extreme Nash equilibria of Chicken (Aumann) (complete; method vertex-enumeration)"
    assert [re.split(r"\s{2,}", line) for line in text[3:]] == [
        ["1", "D", "C", "7", "2"], ["2", "1/3 D + 2/3 C", "1/3 D + 2/3 C", "14/3", "14/3"], ["3", "C", "D", "2", "7"]]
    assert "\\frac{1}{3}\\text{ }\\text{D}\\text{ + }\\frac{2}{3}\\text{ }\\text{C}" in eqs._repr_latex_()
    assert "\\caption{3 extreme Nash equilibria of Chicken game (complete" in render(eqs, "latex", title="Chicken game")


def test_ce_point_table_shows_the_witness():
    point = CorrelatedEquilibria(CHICKEN).max_welfare()
    rows = dict((r[0], r[1]) for r in tables(point)[0].rows)
    assert rows["probability of (D, C)"] == F(1, 4) and rows["probability of (C, C)"] == F(1, 2)
    assert "probability of (D, D)" not in rows


def test_lp_vectors_are_cut_short():
    n = 250
    lp = LP.from_matrix([[1] * n], "<=", [1], [1] * n, sense="max")
    text = solve(lp, method="exact").render()
    assert "... 50 more)" in text and len(text) < 3000
    assert vector_cell(range(3), limit=3)[0].values == (0, 1, 2)


def test_concise_reprs():
    reprs = {
        "nash": "<NashEquilibria 'Chicken (Aumann)': 3 extreme Nash equilibria (complete; method vertex-enumeration)>",
        "ce-point": "<CEPoint 'Chicken (Aumann)': payoffs (21/4, 21/4), 3 profiles in the support>",
        "zero-sum": "<ZeroSumSolution of a 2x2 matrix: value -11/247>",
        "security": "<SecurityLevels (2, 2)>",
        "lp-optimal": "<LPResult optimal, value 8: 2 variables, 1 row (method exact)>",
        "search-none": "<SearchResult: no counterexample to efficiency for rule coco (4 of 30 instances checked)>",
    }
    for name, expected in reprs.items():
        assert repr(OBJECTS[name][0]()) == expected
    assert repr(search_found()).startswith("<SearchResult: counterexample to monotonicity for rule fallback[welfare] (")
    assert str(nash_equilibria(CHICKEN)).startswith("3 extreme Nash equilibria of 'Chicken (Aumann)' (complete")


def test_latex_of_new_results_compiles(tmp_path, built):
    bodies = [built[name].render("latex") for name in ("nash", "ce-point", "zero-sum", "security", "lp-optimal",
                                                        "lp-infeasible", "search-found", "coalition-function")]
    compile_latex(tmp_path, *bodies)


def test_objects_without_tables_are_refused():
    for obj in (None, 3, "game", Table(("a",), ())):
        with pytest.raises(GameTypeError, match="no table for"):
            tables(obj)
    with pytest.raises(ExactBargainError, match="unknown format 'pdf'"):
        CHICKEN.render("pdf")


def test_renderable_keeps_slots():
    for obj in (CHICKEN, nash_equilibria(CHICKEN), coco(CHICKEN), minimax([[1]])):
        assert not hasattr(obj, "__dict__")


# --------------------------------------------------------------------------- layering
PACKAGE = pathlib.Path(exactbargain.__file__).parent


def _imports(path: pathlib.Path) -> set[str]:
    """The exactbargain modules ``path`` imports anywhere (module or function level)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out |= {f"{target}.{a.name}" for a in node.names} | {target}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return {m for m in out if m.startswith("exactbargain")}


def test_the_table_model_is_a_bottom_layer():
    outside = set()
    for path in (PACKAGE / "tables").glob("*.py"):
        outside |= {m for m in _imports(path) if not m.startswith("exactbargain.tables")}
    assert outside <= {"exactbargain.numbers", "exactbargain.numbers.format_rational",
                       "exactbargain.numbers.to_fraction", "exactbargain.numbers.approximate_text",
                       "exactbargain.errors",
                       "exactbargain.errors.ExactBargainError"}
    assert outside >= {"exactbargain.numbers.format_rational", "exactbargain.errors.ExactBargainError"}


def test_nothing_below_report_imports_it():
    importers = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
                 if any(re.fullmatch(r"exactbargain\.report(\..*)?", m) for m in _imports(p))]
    assert importers and all(p.startswith("cli/") for p in importers), importers
