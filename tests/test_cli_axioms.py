"""The check, counterexample and verify commands."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from exactbargain.cli import main
from exactbargain.formats import read_game, write_game

from conftest import EXAMPLES as EXAMPLE_DIR

CHICKEN = str(EXAMPLE_DIR / "chicken.nfg")
LOCKED = str(EXAMPLE_DIR / "chicken_locked.nfg")
TRIVIAL = str(EXAMPLE_DIR / "trivial.nfg")
CURSED = str(EXAMPLE_DIR / "trivial_indifferent_curse.nfg")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_violated_prints_witness(capsys):
    code, out, _ = run(capsys, "check", LOCKED, "--axiom", "monotonicity", "--rule", "fallback", "--after", CHICKEN)
    assert code == 1
    assert "A6 monotonicity for rule fallback[welfare]: VIOLATED" in out
    assert "values before: (7, 2)" in out and "values after:  (6, 6)" in out


def test_check_holds(capsys):
    code, out, _ = run(capsys, "check", LOCKED, "--axiom", "monotonicity", "--rule", "coco", "--after", CHICKEN)
    assert code == 0 and "holds" in out
    code, out, _ = run(capsys, "check", LOCKED, "--axiom", "monotonicity", "--rule", "fallback", "--select",
                       "dictator-1", "--after", CHICKEN)
    assert code == 0


def test_check_curse_given_and_drawn(capsys):
    code, out, _ = run(capsys, "check", TRIVIAL, "--axiom", "uniform-curse", "--rule", "coco", "--after", CURSED)
    assert code == 1 and "values after:  (500, -500)" in out
    code, out, _ = run(capsys, "check", TRIVIAL, "--axiom", "uniform-curse", "--rule", "fallback", "--player", "1",
                       "--size", "10", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["holds"] and doc["modification"]["params"]["size"] == "10"


def test_check_single_game_axioms(capsys):
    assert run(capsys, "check", CHICKEN, "--axiom", "efficiency", "--rule", "fallback", "--select", "nash")[0] == 0
    assert run(capsys, "check", CHICKEN, "--axiom", "anonymity", "--rule", "fallback", "--select", "dictator-1")[0] == 1


def test_check_bad_input_exits_2(capsys):
    code, _, err = run(capsys, "check", LOCKED, "--axiom", "redundancy", "--rule", "coco", "--after", CHICKEN)
    assert code == 2 and "not a mixture" in err
    code, _, err = run(capsys, "check", CHICKEN, "--axiom", "shift", "--rule", "coco", "--select", "nash")
    assert code == 2 and "--select" in err
    code, _, err = run(capsys, "check", CHICKEN, "--axiom", "shift", "--rule", "fallback", "--select", "best")
    assert code == 2
    code, _, err = run(capsys, "check", CHICKEN, "--axiom", "monotonicity", "--rule", "coco", "--player", "3")
    assert code == 2
    assert main(["check", CHICKEN, "--axiom", "fairness", "--rule", "coco"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("exactbargain: error: argument --axiom: invalid choice: 'fairness'") and err.count("\n") == 1


def test_counterexample_and_verify(tmp_path, capsys):
    out_dir = tmp_path / "D"
    code, out, _ = run(capsys, "counterexample", "--axiom", "monotonicity", "--rule", "fallback", "--out-dir",
                       str(out_dir))
    assert code == 0 and "VIOLATED" in out
    doc = json.loads((out_dir / "certificate.json").read_text())
    assert doc == {"axiom": "monotonicity", "rule": "fallback", "select": "welfare", "player": 1,
                   "before": "before.nfg", "after": "after.nfg",
                   "values": {"before": ["3/2", "-1/2"], "after": ["1", "0"]}}
    assert read_game(out_dir / "after.nfg").shape == (3, 1)
    code, out, _ = run(capsys, "verify", str(out_dir / "certificate.json"))
    assert code == 0 and "confirmed" in out


def test_verify_rejects_tampering(tmp_path, capsys):
    out_dir = tmp_path / "D"
    run(capsys, "counterexample", "--axiom", "monotonicity", "--rule", "fallback", "--select", "dictator-2",
        "--out-dir", str(out_dir))
    cert = out_dir / "certificate.json"
    doc = json.loads(cert.read_text())
    doc["values"]["after"] = ["2", "-1"]
    cert.write_text(json.dumps(doc))
    code, out, _ = run(capsys, "verify", str(cert))
    assert code == 1 and "differ" in out
    # a rule for which the pair of games is no violation
    doc = json.loads(cert.read_text())
    doc.update(rule="coco", select=None)
    cert.write_text(json.dumps(doc))
    code, out, _ = run(capsys, "verify", str(cert))
    assert code == 1 and "holds" in out
    # games that are not related as the axiom needs
    write_game(read_game(CHICKEN), out_dir / "after.nfg")
    code, _, err = run(capsys, "verify", str(cert))
    assert code == 2


def test_counterexample_none_found_exits_1(capsys):
    code, out, _ = run(capsys, "counterexample", "--axiom", "monotonicity", "--rule", "coco", "--max-actions", "2",
                       "--budget", "150")
    assert code == 1 and "no counterexample" in out and "not a proof" in out


def test_entry_point_runs_as_module(tmp_path):
    done = subprocess.run([sys.executable, "-m", "exactbargain", "counterexample", "--axiom", "dominated-action",
                           "--rule", "coco", "--max-actions", "2", "--out-dir", str(tmp_path / "E"), "--json"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["found"] is True
    done = subprocess.run([sys.executable, "-m", "exactbargain", "verify", str(tmp_path / "E")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
