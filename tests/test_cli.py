import json
import math
from fractions import Fraction
import subprocess
import sys

import pytest

from exactbargain import Game
from exactbargain.cli import EXAMPLES, main
from exactbargain.equilibria import CorrelatedEquilibria
from exactbargain.errors import GameFormatWarning
from exactbargain.formats import read_game

from conftest import CORPUS, EXAMPLES as EXAMPLE_DIR


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_chicken_prints_the_matrix(capsys):
    code, out, _ = run(capsys, "show", str(EXAMPLE_DIR / "chicken.nfg"))
    assert code == 0
    assert "Row \\ Column   D      C\nD              0, 0   7, 2\nC              2, 7   6, 6" in out
    assert "best total W = 12" in out


def test_show_three_players_prints_a_profile_table(capsys):
    code, out, _ = run(capsys, "show", str(EXAMPLE_DIR / "public_goods3.nfg"))
    assert code == 0
    assert "Ann   Bob   Cat   u(Ann)   u(Bob)   u(Cat)" in out
    assert "C     C     C     3        3        3" in out


def test_convert_round_trips_every_corpus_file(tmp_path, capsys):
    files = sorted(CORPUS.glob("*.nfg"))
    assert len(files) == 52
    for path in files:
        with pytest.warns(GameFormatWarning) if path.name == "sww1.nfg" else _nothing():
            original = read_game(path)
        j = tmp_path / (path.stem + ".json")
        n = tmp_path / (path.stem + ".nfg")
        o = tmp_path / (path.stem + "-outcomes.nfg")
        assert run(capsys, "convert", str(path), str(j))[0] == 0
        assert run(capsys, "convert", str(j), str(n))[0] == 0
        assert run(capsys, "convert", str(n), str(o), "--outcome-form")[0] == 0
        for written in (j, n, o):
            again = read_game(written)
            assert again == original and again.title == original.title, written


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize(
    "content, fragment",
    [
        ('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3', "bad.nfg:2:"),
        ('NFG 1 R "x" { "A" "B" } { 1 1 }\n0.5.5 1', "bad.nfg:2:1"),
        ('NFG 1 R "x { "A" }', "bad.nfg:1:"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, content, fragment):
    bad = tmp_path / "bad.nfg"
    bad.write_text(content)
    code, out, err = run(capsys, "show", str(bad))
    assert code == 2 and out == ""
    assert err.startswith("exactbargain: error: ") and fragment in err
    assert len(err.strip().splitlines()) == 1


def test_missing_file_and_unknown_extension(tmp_path, capsys):
    code, _, err = run(capsys, "show", str(tmp_path / "nope.nfg"))
    assert code == 2 and "nope.nfg" in err
    other = tmp_path / "game.txt"
    other.write_text("x")
    code, _, err = run(capsys, "show", str(other))
    assert code == 2 and ".txt" in err


def test_equilibria_json_contract(capsys):
    code, out, _ = run(capsys, "equilibria", str(EXAMPLE_DIR / "chicken.nfg"), "--json", "--correlated", "--nash")
    assert code == 0
    doc = json.loads(out)
    assert doc["players"] == ["Row", "Column"]
    assert doc["correlated"] == {
        "max_welfare": "21/2",
        "best_for": ["7", "7"],
        "floor": ["2", "2"],
        "payoff_extreme_points": [["18/5", "18/5"], ["7", "2"], ["21/4", "21/4"], ["2", "7"]],
        "payoff_set_complete": True,
        "payoff_set_gap": "0",
        "payoff_outer_points": [["2", "7"], ["18/5", "18/5"], ["21/4", "21/4"], ["7", "2"]],
        "pareto_frontier": [["7", "2"], ["21/4", "21/4"], ["2", "7"]],
    }
    assert sorted(tuple(e["payoffs"]) for e in doc["nash"]) == [("14/3", "14/3"), ("2", "7"), ("7", "2")]
    mixed = next(e for e in doc["nash"] if e["payoffs"] == ["14/3", "14/3"])
    assert mixed["strategies"] == [["1/3", "2/3"], ["1/3", "2/3"]]


def test_equilibria_correlated_only_has_no_nash_key(capsys):
    code, out, _ = run(capsys, "equilibria", str(EXAMPLE_DIR / "battle_of_the_sexes.nfg"), "--json", "--correlated", "--vertices")
    doc = json.loads(out)
    assert "nash" not in doc
    assert doc["correlated"]["floor"] == ["2/3", "2/3"]
    assert {tuple(v["payoffs"]) for v in doc["correlated"]["vertices"]} >= {("2", "1"), ("1", "2"), ("2/3", "2/3")}


def test_equilibria_text(capsys):
    code, out, _ = run(capsys, "equilibria", str(EXAMPLE_DIR / "chicken.nfg"), "--pareto")
    assert code == 0
    assert "max welfare      21/2" in out and "Pareto frontier  3 extreme points" in out
    assert "Row: 1/3 D + 2/3 C; Column: 1/3 D + 2/3 C -> payoffs (14/3, 14/3)" in out


def test_demo_shows_every_bundled_example(capsys):
    code, out, _ = run(capsys, "demo")
    assert code == 0
    for name in EXAMPLES:
        assert f"examples/{name}" in out


def test_version_and_help_as_a_process():
    done = subprocess.run([sys.executable, "-m", "exactbargain", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("exactbargain ")
    for sub in ([], ["show"], ["convert"], ["demo"], ["equilibria"]):
        done = subprocess.run([sys.executable, "-m", "exactbargain", *sub, "--help"], capture_output=True, text=True)
        assert done.returncode == 0 and "usage: exactbargain" in done.stdout
    done = subprocess.run([sys.executable, "-m", "exactbargain", "frobnicate"], capture_output=True, text=True)
    assert done.returncode == 2 and "invalid choice" in done.stderr


def test_equilibria_budget_keys(capsys):
    chicken = str(EXAMPLE_DIR / "chicken.nfg")
    code, out, _ = run(capsys, "equilibria", chicken, "--json", "--correlated", "--max-lps", "6")
    assert code == 0
    doc = json.loads(out)["correlated"]
    assert doc["payoff_set_complete"] is False and doc["payoff_set_gap"] == "72/125"
    assert doc["payoff_extreme_points"] == [["18/5", "18/5"], ["7", "2"], ["21/4", "21/4"], ["2", "7"]]
    assert doc["payoff_outer_points"] == [["2", "26/5"], ["2", "7"], ["7/2", "7"], ["26/5", "2"], ["7", "2"], ["7", "7/2"]]
    assert list(doc) == ["max_welfare", "best_for", "floor", "payoff_extreme_points", "payoff_set_complete",
                         "payoff_set_gap", "payoff_outer_points", "pareto_frontier"]
    code, out, _ = run(capsys, "equilibria", chicken, "--json", "--correlated", "--complete")
    assert json.loads(out)["correlated"]["payoff_set_complete"] is True
    code, out, _ = run(capsys, "equilibria", chicken, "--json", "--correlated", "--tolerance", "1")
    doc = json.loads(out)["correlated"]
    assert Fraction(doc["payoff_set_gap"]) <= 1 and doc["payoff_set_complete"] is False
    code, out, _ = run(capsys, "equilibria", chicken, "--correlated", "--max-lps", "6")
    assert "payoff set       4 extreme points (incomplete after 6 LPs: gap 72/125)" in out
    assert "outer polytope   6 vertices" in out


def test_default_budget_shrinks_with_the_lp(capsys, monkeypatch):
    import random

    from exactbargain.equilibria import correlated

    def game(*shape):
        rnd = random.Random(f"budget-{shape}")
        return Game.from_flat([[rnd.randint(-100, 100) for _ in range(math.prod(shape))] for _ in shape], list(shape))

    # s = rows x columns of the CE LP counts s * floor(s^(1/4)): 30x30 has s = 1,741 x 900 and
    # floor(s^(1/4)) = 35, so 6e8 fit 10 times; 40x40 (s = 3,121 x 1,600) gets the floor of 6
    assert [CorrelatedEquilibria(game(k, k)).default_budget() for k in (2, 19, 20, 25, 30, 40)] == [
        100, 100, 85, 27, 10, 6]
    assert [CorrelatedEquilibria(game(k, k, k)).default_budget() for k in (6, 10, 11)] == [100, 100, 54]
    # never below the welfare direction, both senses of every axis and one refinement
    monkeypatch.setattr(correlated, "PAYOFF_SET_WORK", 1)
    assert CorrelatedEquilibria(game(2, 2)).default_budget() == 6
    assert CorrelatedEquilibria(game(2, 2, 2)).default_budget() == 8
    # the command line spends the default budget: chicken with 6 LPs is the documented picture
    code, out, _ = run(capsys, "equilibria", str(EXAMPLE_DIR / "chicken.nfg"), "--correlated")
    assert code == 0 and "payoff set       4 extreme points (incomplete after 6 LPs: gap 72/125)" in out


def test_equilibria_budget_options_refuse_bad_values(capsys):
    chicken = str(EXAMPLE_DIR / "chicken.nfg")
    for option, value, message in [("--max-lps", "-3", "non-negative integer"), ("--max-lps", "many", "not an integer"),
                                   ("--tolerance", "-1/2", ">= 0"), ("--tolerance", "0.1e", "not a rational")]:
        code = main(["equilibria", chicken, "--correlated", f"{option}={value}"])
        err = capsys.readouterr().err
        assert code == 2 and message in err and "Traceback" not in err and err.count("\n") == 1, err
