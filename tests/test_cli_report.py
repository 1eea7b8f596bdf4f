"""solve --format (text, json, latex, markdown) and the progress line of counterexample and
equilibria --vertices, with the library callbacks behind it."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest

from exactbargain.cli import main
from exactbargain.equilibria import CorrelatedEquilibria
from exactbargain.formats import read_game
from exactbargain.search import SearchProgress, find_counterexample

from conftest import EXAMPLES
from test_report import compile_latex, latex_structure, markdown_structure

CHICKEN = str(EXAMPLES / "chicken.nfg")
THREE = str(EXAMPLES / "public_goods3_unequal.nfg")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- solve --format
def test_text_is_the_default_and_json_is_an_alias(capsys):
    for rule in ("fallback", "all"):
        default = run(capsys, "solve", CHICKEN, "--rule", rule)
        assert run(capsys, "solve", CHICKEN, "--rule", rule, "--format", "text") == default
        as_json = run(capsys, "solve", CHICKEN, "--rule", rule, "--json")
        assert run(capsys, "solve", CHICKEN, "--rule", rule, "--format", "json") == as_json
        assert run(capsys, "solve", CHICKEN, "--rule", rule, "--format", "json", "--json") == as_json
        assert as_json[0] == 0 and json.loads(as_json[1])


def test_text_table_is_unchanged(capsys):
    code, out, _ = run(capsys, "solve", CHICKEN, "--rule", "all")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "Chicken (Aumann): W = 12"
    assert lines[1] == "rule           select           coalitions  Row   Column  disagreement  verified"
    assert lines[2] == "-------------  ---------------  ----------  ----  ------  ------------  --------"
    assert lines[8] == "fallback       dictator-2       -           7/2   17/2    (2, 7)        yes"
    code, out, _ = run(capsys, "solve", THREE, "--rule", "all")
    assert ("fallback       nash             team-vs-individuals                    n/a: the horde games have "
            "more than two players") in out.splitlines()


def test_markdown_single_rule(capsys):
    code, out, err = run(capsys, "solve", CHICKEN, "--format", "markdown")
    assert code == 0 and err == ""
    assert out == (
        "| game | Chicken (Aumann) |\n"
        "|:---|:---|\n"
        "| rule | fallback, selection rule welfare |\n"
        "| players | (Row, Column) |\n"
        "| best total W | 12 |\n"
        "| disagreement point | (21/4, 21/4) |\n"
        "| surplus share | 3/4 |\n"
        "| payoffs | (6, 6) |\n"
        "| side payments | (0, 0) |\n"
        "| agreement | (C, C) |\n"
        "\n"
        "Table: Fallback value of Chicken (Aumann)\n")
    markdown_structure(out)


def test_markdown_coco_and_dictator(capsys):
    _, out, _ = run(capsys, "solve", CHICKEN, "--rule", "coco", "--format", "markdown")
    rows = dict(map(tuple, markdown_structure(out)))
    assert rows["payoffs"] == "(6, 6)" and rows["kappa"] == "0" and "disagreement point" not in rows
    _, out, _ = run(capsys, "solve", CHICKEN, "--select", "dictator-2", "--format", "markdown")
    rows = dict(map(tuple, markdown_structure(out)))
    assert rows["payoffs"] == "(7/2, 17/2)" and rows["disagreement point"] == "(2, 7)"
    assert rows["side payments"] == "(-5/2, 5/2)"


def test_latex_single_rule(capsys):
    code, out, _ = run(capsys, "solve", CHICKEN, "--format", "latex")
    assert code == 0
    latex_structure(out)
    lines = out.splitlines()
    assert lines[:6] == ["\\begin{table}[ht]", "\\centering", "\\renewcommand{\\arraystretch}{1.5}",
                         "\\caption{Fallback value of Chicken (Aumann)}",
                         "\\label{tab:fallback-value-of-chicken-aumann}", "\\begin{tabular}{|l|l|}"]
    for row in ["game & Chicken (Aumann) \\\\", "best total $W$ & $12$ \\\\",
                "disagreement point & $(\\frac{21}{4}, \\frac{21}{4})$ \\\\", "surplus share & $\\frac{3}{4}$ \\\\",
                "payoffs & $(6, 6)$ \\\\", "side payments & $(0, 0)$ \\\\", "agreement & (C, C) \\\\"]:
        assert row in lines
    _, out, _ = run(capsys, "solve", CHICKEN, "--rule", "nash-fallback", "--select", "dictator-1", "--format", "latex")
    assert "payoffs & $(\\frac{17}{2}, \\frac{7}{2})$ \\\\" in out
    assert "side payments & $(\\frac{5}{2}, -\\frac{5}{2})$ \\\\" in out


def test_rule_all_markdown_has_the_rows_of_the_text_table(capsys):
    _, text, _ = run(capsys, "solve", CHICKEN, "--rule", "all")
    code, out, _ = run(capsys, "solve", CHICKEN, "--rule", "all", "--format", "markdown")
    assert code == 0
    rows = markdown_structure(out)
    assert rows[0] == ["rule", "select", "Row", "Column", "disagreement"]
    assert [r[:2] for r in rows[1:]] == [line.split()[:2] for line in text.splitlines()[3:]]
    assert ["fallback", "dictator-1", "17/2", "7/2", "(7, 2)"] in rows
    assert ["nash-fallback", "welfare", "6", "6", "(14/3, 14/3)"] in rows
    assert out.endswith("\nTable: Bargaining solutions of Chicken (Aumann); best total W = 12; "
                        "every value verified exactly\n")
    _, out, _ = run(capsys, "solve", THREE, "--rule", "all", "--format", "markdown")
    rows = markdown_structure(out)
    assert rows[0] == ["rule", "select", "coalitions", "Ann", "Bob", "Cat", "disagreement"]
    assert ["fallback", "welfare", "team-vs-individuals", "4", "9/2", "9/2", "(0, 0, 0)"] in rows
    assert ["ks", "-", "-", "", "", "", "n/a: two-player games only"] in rows
    assert len(rows) == 1 + 18


def test_rule_all_latex(capsys, tmp_path):
    bodies = []
    for game in (CHICKEN, THREE):
        code, out, _ = run(capsys, "solve", game, "--rule", "all", "--format", "latex")
        assert code == 0
        latex_structure(out)
        bodies.append(out)
    chicken, three = bodies
    assert "\\begin{tabular}{|l|l|r|r|l|}" in chicken
    assert "fallback & dictator-1 & $\\frac{17}{2}$ & $\\frac{7}{2}$ & $(7, 2)$ \\\\" in chicken
    assert "coco & -- & $6$ & $6$ & -- \\\\" in chicken
    assert "\\caption{Bargaining solutions of Chicken (Aumann); best total $W$ = $12$; every value verified exactly}" \
        in chicken
    assert three.count("\\multicolumn{4}{l|}{") == 4
    assert "nbs & -- & -- & \\multicolumn{4}{l|}{n/a: two-player games only} \\\\" in three
    for argv in (("--rule", "coco"), ("--rule", "ks", "--select", "dictator-2"), ("--coalitions", "two-teams")):
        game = THREE if "--coalitions" in argv else CHICKEN
        bodies.append(run(capsys, "solve", game, *argv, "--format", "latex", "--explain")[1])
    for body in bodies[2:]:
        latex_structure(body)
        assert "\\begin{verbatim}" in body
    compile_latex(tmp_path, *bodies)


def test_explain_in_markdown(capsys):
    code, out, _ = run(capsys, "solve", CHICKEN, "--rule", "coco", "--format", "markdown", "--explain")
    assert code == 0
    table, derivation = out.split("\n\n```text\n")
    markdown_structure(table)
    assert derivation.startswith("CoCo value of Chicken (Aumann) (two players, transferable utility)")
    assert derivation.endswith("```\n")


def test_untitled_game_takes_the_file_name(capsys, tmp_path):
    path = tmp_path / "untitled.nfg"
    path.write_text('NFG 1 R "" { "Row" "Column" } { 2 2 }\n\n0 0 2 7 7 2 6 6\n')
    _, out, _ = run(capsys, "solve", str(path), "--format", "markdown")
    assert "| game | untitled.nfg |" in out and out.endswith("Table: Fallback value of untitled.nfg\n")


def test_format_errors(capsys):
    code, _, err = run(capsys, "solve", CHICKEN, "--json", "--format", "latex")
    assert code == 2 and "--json is --format json" in err
    assert main(["solve", CHICKEN, "--format", "rtf"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'rtf'" in err and err.count("\n") == 1


# --------------------------------------------------------------------------- progress (library)
def test_search_progress_callback():
    seen: list[SearchProgress] = []
    result = find_counterexample("monotonicity", "fallback", max_actions=2, payoffs=range(0, 2), budget=1000,
                                 progress=seen.append)
    assert result.found
    assert [p.checked for p in seen] == list(range(1, result.checked + 1))
    assert all(p.budget == 1000 for p in seen)
    assert all(a.elapsed <= b.elapsed for a, b in zip(seen, seen[1:]))
    enumeration = [p for p in seen if p.phase == "enumeration"]
    assert enumeration[0].shape == (1, 1) and enumeration[0].level == 0
    assert {p.phase for p in seen} <= {"enumeration", "shrinking"}
    assert all(p.shape is None and p.level is None for p in seen if p.phase != "enumeration")
    quiet = find_counterexample("monotonicity", "fallback", max_actions=2, payoffs=range(0, 2), budget=1000)
    assert quiet.verdict.to_json() == result.verdict.to_json() and quiet.checked == result.checked


def test_search_progress_through_hypothesis():
    seen: list[SearchProgress] = []
    result = find_counterexample("efficiency", "coco", max_actions=1, payoffs=range(0, 2), budget=30,
                                 progress=seen.append)
    assert not result.found
    assert [p.checked for p in seen] == list(range(1, result.checked + 1))
    assert seen[-1].phase == "hypothesis"


def test_vertex_progress_callback():
    calls: list[tuple[int, int, int]] = []
    ce = CorrelatedEquilibria(read_game(CHICKEN))
    vertices = ce.vertices(progress=lambda *a: calls.append(a))
    rows = calls[0][1]
    assert rows == 4  # two players, two actions each: one IC row per ordered action pair and player
    assert [c[0] for c in calls] == list(range(1, rows + 1))
    assert calls[-1] == (rows, rows, len(vertices)) and len(vertices) == 5
    assert ce.vertices() == vertices


# --------------------------------------------------------------------------- progress (command line)
class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# payoffs all 0: no violation, a short search through both phases (exit 1: none found)
CEX = ["counterexample", "--axiom", "monotonicity", "--rule", "fallback", "--max-actions", "2", "--payoffs", "0",
       "--budget", "30"]


def test_no_progress_when_stderr_is_not_a_terminal(capsys):
    code, out, err = run(capsys, *CEX)
    assert code == 1 and err == "" and out.startswith("no counterexample to monotonicity")
    code, out, err = run(capsys, "equilibria", CHICKEN, "--correlated", "--vertices")
    assert code == 0 and err == "" and "polytope vertices 5" in out


def test_progress_on_a_terminal(capsys, monkeypatch):
    fake = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", fake)
    assert main(CEX) == 1
    err = fake.getvalue()
    assert err.startswith("\rsearched 1 of 30 games, enumeration 1x1 level 0, ")
    assert re.fullmatch(r"(\rsearched \d+ of 30 games, [a-z]+( \dx\d level \d)?, \d+\.\d s *)+\r *\r", err), err
    counts = [int(n) for n in re.findall(r"searched (\d+) of", err)]
    assert counts == sorted(counts)

    fake = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", fake)
    assert main(["equilibria", CHICKEN, "--correlated", "--vertices"]) == 0
    err = fake.getvalue()
    # the payoff set's refinement first (its LPs, points and largest facet gap), then the vertices
    assert re.match(r"\rCE payoff set: \d+ LPs, \d+ points, largest facet gap <= [0-9.e+-]+, \d+\.\d s", err), err
    assert "\rCE polytope vertices: constraint 1 of 4, " in err
    assert err.endswith("\r") and re.search(r"\r +\r$", err)


def test_quiet_silences_progress(monkeypatch, capsys):
    fake = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", fake)
    assert main(CEX + ["--quiet"]) == 1
    assert main(["equilibria", CHICKEN, "--correlated", "--vertices", "--quiet"]) == 0
    assert fake.getvalue() == ""
    assert "no counterexample to monotonicity" in capsys.readouterr().out
