"""One vocabulary of names: selection rules, rules, axioms and coalition models are read
from one place by the library, ``solve``, ``check``, ``counterexample`` and ``plot``.

``check``/``counterexample`` used to keep their own list of selection rules (with
``dictator-1`` and ``dictator-2`` only), so they refused ``--select dictator-3`` on
three-player games that ``solve`` accepts; ``dictator-01`` was read as ``dictator-1``, and an
empty ``--select ''`` silently meant ``welfare``.
"""

from __future__ import annotations

import json

import pytest

from exactbargain import Game
from exactbargain.axioms import AXIOMS, RULE_NAMES, SELECTIONS, as_rule, check
from exactbargain.bargaining import COALITION_MODELS, RULES, fallback, selection_rules, solve
from exactbargain.cli import build_parser
from exactbargain.errors import ExactBargainError, GameError
from exactbargain.formats import read_game

from conftest import EXAMPLES, run_cli

THREE = EXAMPLES / "public_goods3.nfg"
TWO = EXAMPLES / "chicken.nfg"


def test_check_accepts_every_dictator_of_a_three_player_game(capsys):
    for k in (1, 2, 3):
        code, out, err = run_cli(capsys, "check", THREE, "--axiom", "efficiency", "--rule", "fallback",
                             "--select", f"dictator-{k}")
        assert (code, err) == (0, "")
        assert f"A1 efficiency for rule fallback[dictator-{k}]: holds" in out


def test_check_dictator_3_agrees_with_solve():
    game = read_game(THREE)
    verdict = check("efficiency", as_rule("fallback", "dictator-3"), game)
    assert verdict.holds and verdict.values_before == solve(game, "fallback", "dictator-3").payoffs


def test_counterexample_accepts_dictator_3_for_three_players(capsys):
    code, out, err = run_cli(capsys, "counterexample", "--axiom", "efficiency", "--rule", "fallback", "--select",
                         "dictator-3", "--players", "3", "--max-actions", "1", "--budget", "3")
    assert (code, err) == (1, "")  # searched (and found none), not refused
    assert "3-player games" in out


@pytest.mark.parametrize("select", ["dictator-01", "dictator-0", "dictator-", "", "Welfare", "dictator-1 ",
                                    "dictator-\u0663", "dictator--1"])
@pytest.mark.parametrize("command", [
    ["solve", TWO, "--select"],
    ["solve", TWO, "--rule", "nbs", "--select"],
    ["check", TWO, "--axiom", "efficiency", "--rule", "fallback", "--select"],
    ["counterexample", "--axiom", "efficiency", "--rule", "fallback", "--budget", "1", "--select"],
])
def test_misspelt_selection_rules_are_refused_in_one_line(capsys, command, select):
    code, out, err = run_cli(capsys, *command, select)
    assert (code, out) == (2, "")
    assert err == (f"exactbargain: error: unknown selection rule {select!r}; the rules are welfare, egalitarian, "
                   "nash, dictator-K (K = 1, 2, ... a player) and random-dictator\n")


@pytest.mark.parametrize("command", [
    ["solve", TWO, "--select", "dictator-3"],
    ["check", TWO, "--axiom", "efficiency", "--rule", "fallback", "--select", "dictator-3"],
    ["counterexample", "--axiom", "efficiency", "--rule", "fallback", "--budget", "1", "--select", "dictator-3"],
])
def test_a_dictator_beyond_the_players_is_refused_in_one_line(capsys, command):
    code, out, err = run_cli(capsys, *command)
    assert (code, out) == (2, "")
    assert err == "exactbargain: error: dictator-3 names player 3, but the game has 2 players\n"


def test_empty_select_is_not_welfare(capsys):
    code, _, err = run_cli(capsys, "solve", TWO, "--rule", "all", "--select", "")
    assert code == 2 and "drop --select" in err
    code, _, err = run_cli(capsys, "check", TWO, "--axiom", "efficiency", "--rule", "coco", "--select", "")
    assert code == 2 and "--select applies to --rule fallback only" in err
    game = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    with pytest.raises(GameError, match="unknown selection rule ''"):
        solve(game, "fallback", "")
    with pytest.raises(GameError, match="unknown selection rule ''"):
        as_rule("fallback:")
    with pytest.raises(GameError, match="unknown selection rule 'dictator-01'"):
        fallback(game, "dictator-01")


def test_plot_rules_use_the_same_vocabulary(capsys, tmp_path):
    from exactbargain.plot import RULES as PLOT_RULES, rules_for

    assert PLOT_RULES[1:7] == tuple(f"fallback-{s}" for s in selection_rules(2))
    assert rules_for(4)[1:9] == tuple(f"fallback-{s}" for s in selection_rules(4))
    code, _, err = run_cli(capsys, "plot", TWO, "-o", tmp_path / "x.png", "--rules", "fallback-dictator-01")
    assert code == 2 and "unknown rule 'fallback-dictator-01'" in err


def test_the_command_line_reads_its_choices_from_the_library():
    parser = build_parser()
    sub = {a.dest: a for a in parser._subparsers._group_actions}["command"].choices  # type: ignore[union-attr]
    options = {cmd: {a.dest: a for a in sub[cmd]._actions} for cmd in ("solve", "check", "counterexample")}
    assert tuple(options["solve"]["rule"].choices) == RULES + ("all",)
    assert tuple(options["solve"]["coalitions"].choices) == COALITION_MODELS
    for cmd in ("check", "counterexample"):
        assert tuple(options[cmd]["axiom"].choices) == tuple(AXIOMS)
        assert tuple(options[cmd]["rule"].choices) == RULE_NAMES
    assert SELECTIONS == selection_rules(2)


def test_as_rule_reports_library_errors():
    with pytest.raises(ExactBargainError):
        as_rule("fallback", "dictator-x")


def test_certificates_take_every_dictator_and_refuse_misspellings(capsys, tmp_path):
    from exactbargain.axioms import validate_certificate, verify_certificate
    from exactbargain.errors import ExactBargainError as Error

    doc = {"axiom": "efficiency", "rule": "fallback", "select": "dictator-3", "player": None,
           "before": "before.nfg", "after": None, "values": {"before": ["1", "2", "3"], "after": None}}
    assert validate_certificate(doc)["select"] == "dictator-3"
    for bad in ("dictator-01", "dictator-", "", "dictator-0"):
        with pytest.raises(Error, match=r"\$\.select: expected null or a selection rule"):
            validate_certificate({**doc, "select": bad})
    # on a two-player game, dictator-3 names nobody: refused in one line, not confirmed
    (tmp_path / "before.nfg").write_text((EXAMPLES / "chicken.nfg").read_text())
    (tmp_path / "certificate.json").write_text(json.dumps({**doc, "values": {"before": ["6", "6"], "after": None}}))
    with pytest.raises(Error, match="dictator-3 names player 3, but the game has 2 players"):
        verify_certificate(tmp_path)
