"""Numbers of any size are printed exactly by every command and format (JSON always; text,
Markdown, LaTeX and HTML with ``--exact-text``, and otherwise rounded for display, marked
``~``, with a note on stderr); numbers beyond the documented read limit are refused where
they are read.

Python refuses ``str(int)`` for integers of more than 4,300 digits; every payoff below has
5,000, so each of these commands failed with a ``ValueError`` traceback (exit 1, which reads
as "axiom violated") before numbers were written through :func:`format_rational`.
"""

from __future__ import annotations

import json
from fractions import Fraction

import flint
import pytest

from exactbargain import Game, coco, fallback
from exactbargain.numbers import MAX_DIGITS, format_rational
from exactbargain.tables.display import ROUNDED_NOTE

from conftest import run_cli

BIG = "9" * 5000
B = int(flint.fmpz(BIG))  # int(BIG) itself is refused by Python's 4,300-digit limit
TWICE = format_rational(2 * B)


@pytest.fixture(scope="module")
def big_game(tmp_path_factory):
    """One action each, both players paid ``9`` x 5000 (the game of the report)."""
    path = tmp_path_factory.mktemp("big") / "big.nfg"
    path.write_text(f'NFG 1 R "Big" {{ "Row" "Col" }} {{ 1 1 }}\n{BIG} {BIG}\n')
    return path


@pytest.fixture(scope="module")
def big_bimatrix(tmp_path_factory):
    """Two actions each: (B, 1) and (0, B) on the diagonal, zero elsewhere."""
    path = tmp_path_factory.mktemp("big") / "big2.json"
    doc = {"players": ["Row", "Col"], "actions": [["U", "D"], ["L", "R"]],
           "payoffs": [[[BIG, "1"], ["0", "0"]], [["0", "0"], ["1/" + BIG, BIG]]]}
    path.write_text(json.dumps(doc))
    return path


@pytest.mark.parametrize("argv", [
    ["show"],
    ["equilibria"],
    ["equilibria", "--json"],
    ["equilibria", "--vertices", "--pareto"],
    ["solve"],
    ["solve", "--json"],
    ["solve", "--explain"],
    ["solve", "--rule", "coco", "--explain"],
    ["solve", "--rule", "all"],
    ["solve", "--rule", "all", "--json"],
    ["solve", "--rule", "all", "--format", "latex"],
    ["solve", "--rule", "all", "--format", "markdown"],
    ["solve", "--format", "latex", "--explain"],
    ["solve", "--format", "markdown"],
    ["solve", "--select", "egalitarian", "--explain"],
    ["solve", "--rule", "nbs"],
    ["check", "--axiom", "efficiency", "--rule", "coco"],
    ["check", "--axiom", "efficiency", "--rule", "fallback", "--json"],
    ["check", "--axiom", "shift", "--rule", "coco"],
    ["check", "--axiom", "monotonicity", "--rule", "fallback", "--json"],
    ["check", "--axiom", "dominated-action", "--rule", "fallback"],
    ["check", "--axiom", "credible-threat", "--rule", "coco"],
])
def test_every_command_prints_5000_digit_numbers_exactly(capsys, big_game, argv):
    exact = [*argv, "--exact-text"] if "--json" not in argv else argv
    code, out, err = run_cli(capsys, exact[0], big_game, *exact[1:])
    assert (code, err) == (0, "")
    # every payoff, value and W is B or 2B: the output holds them digit for digit
    assert BIG in out
    if argv[0] in ("show", "equilibria") or "all" in argv and "--json" not in argv:
        assert TWICE in out  # W, the max welfare
    if "--json" in argv:
        return
    # by default computed values are shown rounded, and stderr says so in one line (a game's
    # own payoff table and the derivations of --explain stay whole)
    code, shown, err = run_cli(capsys, argv[0], big_game, *argv[1:])
    assert code == 0
    assert err in ("", f"exactbargain: note: {ROUNDED_NOTE}\n")
    if argv[0] == "equilibria" or argv[0] == "solve" and "--explain" not in argv:
        assert BIG not in shown and ("~1e+5000" in shown or "1 \\cdot 10^{5000}" in shown), shown[:300]
        assert err


def test_values_of_a_5000_digit_game_are_exact(capsys, big_bimatrix):
    code, out, _ = run_cli(capsys, "solve", big_bimatrix, "--rule", "coco", "--json")
    assert code == 0
    game = Game.bimatrix([[B, 0], [0, Fraction(1, B)]], [[1, 0], [0, B]])
    assert json.loads(out)["payoffs"] == [format_rational(x) for x in coco(game).payoffs]
    code, out, _ = run_cli(capsys, "solve", big_bimatrix, "--format", "latex", "--exact-text")
    assert code == 0
    d = fallback(game).disagreement
    assert all(format_rational(Fraction(x).numerator) in out for x in d)
    code, out, _ = run_cli(capsys, "equilibria", big_bimatrix, "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["correlated"]["max_welfare"] == format_rational(B + 1)
    assert ["1/" + BIG, BIG] in [eq["payoffs"] for eq in doc["nash"]]


def test_convert_and_plot_keep_and_draw_5000_digit_numbers(capsys, tmp_path, big_bimatrix):
    pytest.importorskip("matplotlib")
    out_nfg = tmp_path / "again.nfg"
    assert run_cli(capsys, "convert", big_bimatrix, out_nfg)[0] == 0
    assert f"1/{BIG} {BIG}" in out_nfg.read_text()
    picture = tmp_path / "big.svg"
    code, _, err = run_cli(capsys, "plot", big_bimatrix, "-o", picture)
    assert code == 0, err
    svg = picture.read_text()
    assert "in units of 10^4999" in svg  # drawn in units a float can hold
    assert "9999999999…9999999999 (5,000 digits)" in svg  # labels shorten, the data stays exact


def test_a_number_beyond_the_limit_is_refused_in_one_line(capsys, tmp_path):
    too_long = "9" * (MAX_DIGITS + 1)
    nfg = tmp_path / "toolong.nfg"
    nfg.write_text(f'NFG 1 R "t" {{ "Row" "Col" }} {{ 1 1 }}\n1 {too_long}\n')
    code, out, err = run_cli(capsys, "show", nfg)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"exactbargain: error: {nfg}:2:3: expected the payoff of player 'Col'")
    assert "has 10,001 digits, more than the 10,000 digits a number may have" in err

    doc = tmp_path / "toolong.json"
    doc.write_text('{"players": ["A"], "actions": [["a"]], "payoffs": [[%s]]}' % too_long)
    code, out, err = run_cli(capsys, "show", doc)
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert f"{doc}:1:53: $.payoffs[0][0]" in err and "10,001 digits" in err

    exponent = tmp_path / "exponent.nfg"
    exponent.write_text('NFG 1 R "t" { "Row" } { 1 }\n1e10000\n')
    code, _, err = run_cli(capsys, "show", exponent)
    assert code == 2 and ":2:1:" in err and "'1e10000' has 10,001 digits" in err
