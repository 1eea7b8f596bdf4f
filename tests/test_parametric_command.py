"""The parametric solve command's logic (``--param``, ``--range``), through a parser built as the
``solve`` command builds its own."""

from __future__ import annotations

import argparse
import json
from fractions import Fraction

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
         "exactbargain.parametric (on the command line: solve FILE --param NAME), or read it at one value "
         "with --set NAME=VALUE"),
    (["--range", "0:1"], "--range needs --param (the parameter of a family of games)"),
    (["--param", "t", "--rule", "all"], "--rule all: with --param the rules are coco and fallback"),
    (["--param", "t", "--json", "--format", "latex"], "--json is --format json"),
])
def test_the_solve_command_refuses_in_one_line(family, capsys, argv, message):
    from exactbargain.cli import main

    assert main(["solve", family, *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_set_reads_the_family_at_one_value_in_every_game_command(family, tmp_path, capsys):
    from exactbargain.cli import main
    from exactbargain.formats import read_game

    out = tmp_path / "at.nfg"
    assert main(["convert", family, str(out), "--set", "t=7/3"]) == 0
    game = read_game(str(out))
    assert game.payoff(("K", "C")) == (5, Fraction(-7, 3)) and game.payoff(("K", "D")) == (1, Fraction(-4, 3))
    capsys.readouterr()
    assert main(["show", family, "--set", "t=7/3"]) == 0
    assert "K              5, -7/3   1, -4/3" in capsys.readouterr().out
    assert main(["solve", family, "--set", "t=7/3", "--rule", "coco"]) == 0
    assert capsys.readouterr().out.startswith("CoCo value (25/6, 11/6)")
    assert main(["equilibria", family, "--set", "t=-1"]) == 0
    assert "floor            Row: 1, Column: 1" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["show", "{family}", "--set", "t=0.5"],
     "--set t=0.5: 0.5 is a decimal literal (a float in most languages); write it exactly, as 1/2"),
    (["show", "{family}", "--set", "s=1"], "--set s=1: the family's parameter is 't', not 's'"),
    (["show", "{family}", "--set", "t=1", "--set", "t=2"], "--set t is given 2 times; give it once"),
    (["show", "{family}", "--set", "t"], "--set t: expected NAME=VALUE, such as t=7/3"),
    (["show", "{family}", "--set", "t=1/0"], "--set t=1/0: the denominator is zero"),
    (["show", "{family}"], "makes this a family of games, not one game; solve it for every value with "
     "exactbargain.parametric (on the command line: solve FILE --param NAME), or read it at one value with --set NAME=VALUE"),
    (["show", "{game}", "--set", "t=1"], "has no 'parameter' key: it is one game, not a family; drop --set"),
    (["show", "{nfg}", "--set", "t=1"], "this file is one game: drop --set"),
    (["solve", "{family}", "--param", "t", "--set", "t=1"],
     "--set t=1 picks one value, --param t solves for every value; give one of them"),
])
def test_set_refuses_in_one_line(family, tmp_path, capsys, argv, message):
    from exactbargain.cli import main
    from exactbargain.examples import path as example

    game = tmp_path / "game.json"
    game.write_text('{"players": ["A"], "actions": [["a"]], "payoffs": [[1]]}', encoding="utf-8")
    files = {"family": family, "game": str(game), "nfg": str(example("chicken.nfg"))}
    assert main([a.format(**files) for a in argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
