"""The solve command: the JSON contract, the comparison table, errors; the demo's story."""

from __future__ import annotations

import json

import pytest

from exactbargain.cli import EXAMPLES, main

from conftest import EXAMPLES as EXAMPLE_DIR

KEYS = ["rule", "select", "coalitions", "payoffs", "disagreement", "coalition_values", "verified"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def solve_json(capsys, name, *options):
    code, out, err = run(capsys, "solve", str(EXAMPLE_DIR / name), "--json", *options)
    assert code == 0, err
    return json.loads(out)


def test_contract_coco(capsys):
    doc = solve_json(capsys, "trivial_indifferent_curse.nfg", "--rule", "coco")
    assert list(doc) == KEYS
    assert doc == {"rule": "coco", "select": None, "coalitions": None, "payoffs": ["500", "-500"],
                   "disagreement": None, "coalition_values": None, "verified": True}


def test_contract_fallback_two_players(capsys):
    doc = solve_json(capsys, "chicken.nfg")
    assert doc == {"rule": "fallback", "select": "welfare", "coalitions": None, "payoffs": ["6", "6"],
                   "disagreement": ["21/4", "21/4"], "coalition_values": None, "verified": True}
    doc = solve_json(capsys, "chicken.nfg", "--rule", "fallback", "--select", "dictator-2")
    assert doc["payoffs"] == ["7/2", "17/2"] and doc["disagreement"] == ["2", "7"]
    doc = solve_json(capsys, "chicken.nfg", "--rule", "nash-fallback", "--select", "dictator-1")
    assert doc["rule"] == "nash-fallback" and doc["payoffs"] == ["17/2", "7/2"]


def test_contract_bargaining(capsys):
    doc = solve_json(capsys, "chicken.nfg", "--rule", "nbs")
    assert doc == {"rule": "nbs", "select": "welfare", "coalitions": None, "payoffs": ["6", "6"],
                   "disagreement": ["21/4", "21/4"], "coalition_values": None, "verified": True}
    doc = solve_json(capsys, "battle_of_the_sexes.nfg", "--rule", "ks", "--select", "dictator-1")
    assert doc["payoffs"] == ["2", "1"] and doc["disagreement"] == ["2", "1"]


def test_contract_three_players(capsys):
    a = solve_json(capsys, "public_goods3_unequal.nfg", "--coalitions", "two-teams")
    b = solve_json(capsys, "public_goods3_unequal.nfg", "--coalitions", "team-vs-individuals")
    assert list(a) == KEYS and list(b) == KEYS
    assert a["payoffs"] == ["13/3", "13/3", "13/3"] and a["coalitions"] == "two-teams"
    assert b["payoffs"] == ["4", "9/2", "9/2"] and b["coalitions"] == "team-vs-individuals"
    assert a["coalition_values"] == {"1": "6", "2": "5", "3": "5", "1,2": "3", "1,3": "3", "2,3": "4",
                                     "1,2,3": "13"}
    assert b["coalition_values"]["1"] == "0" and b["disagreement"] == ["0", "0", "0"]
    c = solve_json(capsys, "public_goods3.nfg", "--rule", "coco")
    assert c["coalitions"] == "two-teams" and c["payoffs"] == ["3", "3", "3"]
    assert c["coalition_values"]["1,2,3"] == "9"


def test_rule_all(capsys):
    code, out, _ = run(capsys, "solve", str(EXAMPLE_DIR / "chicken.nfg"), "--rule", "all")
    assert code == 0
    lines = out.splitlines()
    assert any(line.split()[:4] == ["fallback", "dictator-1", "-", "17/2"] for line in lines)
    assert sum(line.startswith("nash-fallback") for line in lines) == 6
    code, out, _ = run(capsys, "solve", str(EXAMPLE_DIR / "chicken.nfg"), "--rule", "all", "--json")
    docs = json.loads(out)
    assert all(list(d) == KEYS and d["verified"] for d in docs)
    assert len(docs) == 1 + 6 + 6 + 2
    code, out, _ = run(capsys, "solve", str(EXAMPLE_DIR / "public_goods3_unequal.nfg"), "--rule", "all")
    assert code == 0 and "team-vs-individuals" in out and "two-player games only" in out


def test_text_and_explain(capsys):
    code, out, _ = run(capsys, "solve", str(EXAMPLE_DIR / "prisoners_dilemma_curse.nfg"), "--rule", "coco", "--explain")
    assert code == 0 and "verified: yes" in out and "Column pays Row 500" in out


@pytest.mark.parametrize("argv,message", [
    (["--rule", "nbs", "--coalitions", "two-teams"], "coalition model"),
    (["--select", "dictator-3"], "player 3"),
    (["--select", "best"], "unknown selection rule"),
    (["--rule", "all", "--select", "welfare"], "--rule all"),
    (["--rule", "coco", "--select", "welfare"], "coco takes no"),
])
def test_errors(capsys, argv, message):
    code, _, err = run(capsys, "solve", str(EXAMPLE_DIR / "chicken.nfg"), *argv)
    assert code == 2 and message in err


def test_three_player_errors(capsys):
    code, _, err = run(capsys, "solve", str(EXAMPLE_DIR / "public_goods3.nfg"), "--rule", "nbs")
    assert code == 2 and "two players" in err
    code, _, err = run(capsys, "solve", str(EXAMPLE_DIR / "public_goods3.nfg"), "--select", "nash",
                       "--coalitions", "team-vs-individuals")
    assert code == 2 and "two-teams" in err


def test_demo_tells_the_story(capsys):
    code, raw, _ = run(capsys, "demo")
    assert code == 0
    out = " ".join(raw.split())  # the story is wrapped
    assert "(0, 0) to (500, -500)" in out
    assert "(3, 3) to (503, -497)" in out
    assert "Row loses 1 by gaining an option" in out
    assert "(13/3, 13/3, 13/3)" in out and "(4, 9/2, 9/2)" in out
    for name in EXAMPLES:
        assert f"examples/{name}" in out
