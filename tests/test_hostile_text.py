"""Titles, player names and action labels with control characters never reach a terminal
raw: every text renderer writes them as visible escapes (``\\x1b``).

Before, ``show`` and ``solve`` printed a title such as ``"\\x1b[31mEvil"`` as it was read,
so a game file could recolour or clear the terminal of whoever looked at it, and a carriage
return could hide what came before it on the line.
"""

from __future__ import annotations

import re

import pytest

from exactbargain import Game, coco, fallback
from exactbargain.axioms import monotonicity
from exactbargain.formats import read_game
from exactbargain.report import FORMATS, escape_controls, latex_escape, latex_math_text, markdown_escape, render

from conftest import run_cli

#: Any control character a terminal acts on (line breaks excepted where lines are expected).
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")

EVIL = (
    'NFG 1 R "\x1b[31mEvil\x07 title\r" { "Row\x1b[2J" "Col\u202e" }\n'
    '{ { "U\x1b]0;pwned\x07" "D\rX" } { "L" "R\x1b[1m" } }\n'
    '"comment\x1b[5m blink\x00"\n'
    "1 2 3 4 5 6 7 8\n"
)


@pytest.fixture(scope="module")
def evil(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "evil.nfg"
    path.write_text(EVIL, encoding="utf-8")
    return path


@pytest.mark.parametrize("argv", [
    ["show"],
    ["solve"],
    ["solve", "--explain"],
    ["solve", "--rule", "coco", "--explain"],
    ["solve", "--rule", "all", "--explain"],
    ["solve", "--format", "markdown", "--explain"],
    ["solve", "--format", "latex"],
    ["solve", "--rule", "all", "--format", "markdown"],
    ["solve", "--json"],
    ["equilibria"],
    ["equilibria", "--vertices"],
    ["check", "--axiom", "anonymity", "--rule", "fallback"],
    ["check", "--axiom", "monotonicity", "--rule", "coco"],
])
def test_no_control_character_reaches_the_terminal(capsys, evil, argv):
    code, out, err = run_cli(capsys, argv[0], evil, *argv[1:])
    assert code in (0, 1), err
    assert RAW.search(out) is None and RAW.search(err) is None
    if "--json" not in argv:  # JSON escapes them its own way (\u001b)
        assert "\\x1b" in out or "\\textbackslash{}x1b" in out


def test_show_prints_the_escapes_visibly(capsys, evil):
    code, out, _ = run_cli(capsys, "show", evil)
    assert code == 0
    assert out.splitlines()[:3] == ["\\x1b[31mEvil\\x07 title\\x0d", "=" * 26, "comment\\x1b[5m blink\\x00"]
    assert "Row\\x1b[2J \\ Col\\u202e   L      R\\x1b[1m" in out
    assert "D\\x0dX                   3, 4   7, 8" in out


def test_solve_text_escapes_names(capsys, evil):
    code, out, _ = run_cli(capsys, "solve", evil)
    assert code == 0
    assert "  Row\\x1b[2J  7\n  Col\\u202e     8\n" in out


def test_error_messages_escape_file_names(capsys, tmp_path):
    missing = tmp_path / "\x1b[31mnothing.nfg"
    code, out, err = run_cli(capsys, "show", missing)
    assert (code, out) == (2, "")
    assert RAW.search(err) is None and "\\x1b[31mnothing.nfg" in err


def test_str_of_a_game_escapes_labels(evil):
    game = read_game(evil)
    text = str(game)
    assert RAW.search(text.replace("\n", "")) is None
    assert "U\\x1b]0;pwned\\x07" in text
    three = Game.from_mapping({("x\x07", "y", "z"): (1, 2, 3)}, [("x\x07",), ("y",), ("z",)],
                              players=("A\x1b[0m", "B", "C\r"))
    assert str(three).splitlines() == ["A\\x1b[0m   B   C\\x0d   u(A\\x1b[0m)   u(B)   u(C\\x0d)",
                                       "x\\x07      y   z       1             2      3"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_report_format_escapes_control_characters(evil, fmt):
    game = read_game(evil)
    for obj in (game, coco(game), fallback(game)):
        text = render(obj, fmt)
        assert RAW.search(text.replace("\n", "")) is None
    locked = Game.bimatrix([[0, 7]], [[0, 2]], players=("Row\x1b[31m", "Col"), actions=(("D\r",), ("D", "C")))
    verdict = monotonicity("fallback", locked, locked.add_action(0, [(2, 7), (6, 6)], label="C\x07"))
    assert RAW.search(render(verdict, fmt).replace("\n", "")) is None


def test_markdown_rows_stay_one_line_each():
    game = Game.bimatrix([[1]], [[2]], players=("Row\nbroken", "Col"), actions=(("a\r\nb",), ("c",)))
    table = render(game, "markdown").splitlines()
    assert table[2] == "| a\\\\x0d\\\\x0ab | 1, 2 |"
    assert len(table) == 3


def test_escape_helpers():
    assert escape_controls("a\x1b[31mb\x9bc\u202ed\x7f") == "a\\x1b[31mb\\x9bc\\u202ed\\x7f"
    assert escape_controls("line\nnext\ttab", keep="\n") == "line\nnext\\x09tab"
    assert escape_controls("caf\u00e9 \u4e2d \\ ok") == "caf\u00e9 \u4e2d \\ ok"  # printable text is kept
    assert latex_escape("a\x1b") == "a\\textbackslash{}x1b"
    assert latex_math_text("a\x07") == "\\text{a}\\backslash{}\\text{x07}"
    assert markdown_escape("a\x1b|") == "a\\\\x1b\\|"
