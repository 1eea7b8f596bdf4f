"""The parametric solve command's logic (``--param``, ``--range``), through a parser built as the
``solve`` command builds its own."""

from __future__ import annotations

import argparse
import json

import pytest

from exactbargain.errors import ExactBargainError, GameFormatError
from exactbargain.parametric.command import add_arguments, run

CURSE = """{"parameter": "t", "title": "Prisoner's Dilemma with a curse of size t",
 "players": ["Row", "Column"], "actions": [["C", "D", "K"], ["C", "D"]],
 "payoffs": [[["3", "3"], ["0", "5"]], [["5", "0"], ["1", "1"]], [["5", "-t"], ["1", "1 - t"]]]}"""


def parser():
    p = argparse.ArgumentParser()
    p.add_argument("game")
    p.add_argument("--rule", default="fallback")
    p.add_argument("--select")
    p.add_argument("--format")
    p.add_argument("--json", action="store_true")
    add_arguments(p)
    return p


@pytest.fixture
def family(tmp_path):
    path = tmp_path / "curse.json"
    path.write_text(CURSE, encoding="utf-8")
    return str(path)


def test_text_table(family, capsys):
    assert run(parser().parse_args([family, "--param", "t", "--rule", "coco", "--range", "0:inf"])) == 0
    assert capsys.readouterr().out == "coco for t in [0, inf)\n  t in [0, inf)  (1/2*t + 3, -1/2*t + 3)\n"


def test_json_pieces(family, capsys):
    assert run(parser().parse_args([family, "--param", "t", "--rule", "coco", "--json"])) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["parameter"] == "t" and doc["rule"] == "coco"
    assert [(p["from"], p["to"], p["closed"], p["payoffs"]) for p in doc["pieces"]] == [
        ("-inf", "-1", [False, True], ["-1/2*t + 5/2", "-1/2*t + 5/2"]),
        ("-1", "0", [False, True], ["3", "3"]),
        ("0", "inf", [False, False], ["1/2*t + 3", "-1/2*t + 3"])]


def test_fallback_markdown_shows_the_curse_changes_nothing_for_t_above_0(family, capsys):
    assert run(parser().parse_args([family, "--param", "t", "--format", "markdown"])) == 0
    out = capsys.readouterr().out
    assert "**fallback[welfare] for t in (-inf, inf)**" in out
    assert "| (0, inf) | (`3`, `3`) |" in out and "| (-inf, -1] | (`5/2`, `-t + 5/2`) |" in out


@pytest.mark.parametrize("argv, message", [
    (["--param", "s"], "--param s: the family's parameter is 't'"),
    (["--param", "t", "--range", "1:0"], "--range: interval '1:0' is empty"),
    (["--param", "t", "--range", "a:1"], "--range: interval 'a:1'"),
    (["--param", "t", "--select", "nash"], "--select nash: with --param the selections are"),
    (["--param", "t", "--rule", "nbs"], "--rule nbs: with --param the rules are coco and fallback"),
    (["--param", "t", "--rule", "coco", "--select", "welfare"], "--select applies to the fallback"),
])
def test_bad_options_are_named(family, argv, message):
    with pytest.raises(ExactBargainError) as info:
        run(parser().parse_args([family] + argv))
    assert message in str(info.value)


def test_unreadable_family(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(CURSE.replace('"1 - t"', '"1 - 0.5*t"'), encoding="utf-8")
    with pytest.raises(GameFormatError, match=r"bad.json:3:86: \$.payoffs\[2\]\[1\]\[1\].*0.5 is a decimal literal"):
        run(parser().parse_args([str(path), "--param", "t"]))


def test_the_solve_command_takes_param_and_range(family, capsys):
    from exactbargain.cli import main

    assert main(["solve", family, "--param", "t", "--rule", "coco", "--range", "0:inf"]) == 0
    assert capsys.readouterr().out == "coco for t in [0, inf)\n  t in [0, inf)  (1/2*t + 3, -1/2*t + 3)\n"


@pytest.mark.parametrize("argv, message", [
    ([], "$.parameter makes this a family of games, not one game; solve it for every value with "
         "exactbargain.parametric (on the command line: solve FILE --param NAME)"),
    (["--range", "0:1"], "--range needs --param (the parameter of a family of games)"),
    (["--param", "t", "--rule", "all"], "--rule all: with --param the rules are coco and fallback"),
    (["--param", "t", "--json", "--format", "latex"], "--json is --format json"),
])
def test_the_solve_command_refuses_in_one_line(family, capsys, argv, message):
    from exactbargain.cli import main

    assert main(["solve", family, *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
