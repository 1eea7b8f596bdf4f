"""One grammar for numbers, used by every reader: library strings, ``.nfg`` files, JSON game
documents, certificate values and the integer options of the command line.

Before, Python's ``int()`` and the regex class ``\\d`` read Unicode digits (``"٣"`` was 3),
the JSON reader took ``"1 / 2"`` with spaces, and the integer options of the command line
went through ``int()``, which also takes ``" 3 "`` and ``"1_0"``.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from exactbargain import Game, to_fraction
from exactbargain.axioms import monotonicity, write_certificate
from exactbargain.errors import GameFormatError, NumberError
from exactbargain.formats import parse_json, parse_nfg

from conftest import EXAMPLES, run_cli

#: Texts outside the grammar, with what the message says about each.
REFUSED = [
    ("\u0663", "not an ASCII digit"),               # ARABIC-INDIC DIGIT THREE
    ("1/\u0662", "not an ASCII digit"),
    ("\uff15", "not an ASCII digit"),               # FULLWIDTH DIGIT FIVE
    ("1 / 2", "contains whitespace"),
    ("1/ 2", "contains whitespace"),
    (" 7", "contains whitespace"),
    ("7\u00a0", "contains whitespace"),
    ("1_000", "is not a rational number"),
]
ACCEPTED = [("3", 3), ("-1/2", Fraction(-1, 2)), ("+0.25", Fraction(1, 4)), (".5", Fraction(1, 2)),
            ("3.", 3), ("1.5e2", 150), ("1E-1", Fraction(1, 10)), ("6/4", Fraction(3, 2))]


@pytest.mark.parametrize("text, expected", ACCEPTED)
def test_every_reader_accepts_the_same_numbers(text, expected):
    assert to_fraction(text) == expected
    assert parse_nfg(f'NFG 1 R "t" {{ "A" }} {{ 1 }} {text}').payoff(("1",)) == (expected,)
    doc = {"players": ["A"], "actions": [["a"]], "payoffs": [[text]]}
    assert parse_json(json.dumps(doc)).payoff(("a",)) == (expected,)


@pytest.mark.parametrize("text, fragment", REFUSED)
def test_the_library_refuses_what_the_grammar_does_not_have(text, fragment):
    with pytest.raises(NumberError, match=fragment):
        to_fraction(text)


@pytest.mark.parametrize("text, fragment", [(t, f) for t, f in REFUSED if not any(c.isspace() for c in t)])
def test_the_nfg_reader_refuses_them_at_their_place(text, fragment):
    with pytest.raises(GameFormatError, match="^g.nfg:2:3: expected the payoff of player 'A'") as info:
        parse_nfg(f'NFG 1 R "t" {{ "A" }} {{ 2 }}\n1 {text}', path="g.nfg")
    assert f"found {text!r}" in str(info.value)
    assert fragment in str(info.value) or "ASCII" not in fragment


@pytest.mark.parametrize("text, fragment", REFUSED)
def test_the_json_reader_refuses_them_at_their_place(capsys, tmp_path, text, fragment):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"players": ["A"], "actions": [["a"]], "payoffs": [[text]]}, ensure_ascii=False))
    code, out, err = run_cli(capsys, "show", path)
    assert (code, out) == (2, "")
    assert err.startswith(f"exactbargain: error: {path}:1:53: $.payoffs[0][0] is {text!r}, not an exact number")
    assert fragment in err and err.count("\n") == 1


@pytest.mark.parametrize("value, fragment", [
    ("\u0663", "not an ASCII digit"),
    (" 3", "contains whitespace"),
    ("1_0", "is not an integer"),
    ("2.0", "is not an integer"),
    ("0x10", "is not an integer"),
])
@pytest.mark.parametrize("option", ["--payoffs", "--players", "--max-actions", "--budget", "--seed"])
def test_integer_options_use_the_grammar(capsys, option, value, fragment):
    code, out, err = run_cli(capsys, "counterexample", "--axiom", "efficiency", "--rule", "coco", option, value)
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert f"argument {option}: {value!r} " in err and fragment in err


def test_check_options_use_the_grammar(capsys):
    game = EXAMPLES / "chicken.nfg"
    for option in ("--player", "--seed"):
        code, _, err = run_cli(capsys, "check", game, "--axiom", "monotonicity", "--rule", "coco", option, "\u0661")
        assert code == 2 and "not an ASCII digit" in err
    code, _, err = run_cli(capsys, "check", game, "--axiom", "uniform-curse", "--rule", "coco", "--size", "1 / 2")
    assert code == 2 and "'1 / 2' contains whitespace" in err
    code, out, _ = run_cli(capsys, "check", game, "--axiom", "uniform-curse", "--rule", "fallback", "--size", "1/2")
    assert code == 0 and "size=1/2" in out


@pytest.fixture()
def certificate(tmp_path):
    locked = Game.bimatrix([[0, 7]], [[0, 2]], actions=(("D",), ("D", "C")))
    chicken = locked.add_action(0, [(2, 7), (6, 6)], label="C")
    write_certificate(monotonicity("fallback", locked, chicken), tmp_path)
    return tmp_path / "certificate.json"


def test_certificate_values_use_the_grammar(capsys, certificate):
    doc = json.loads(certificate.read_text())
    assert doc["values"]["before"] == ["7", "2"]
    assert run_cli(capsys, "verify", certificate)[0] == 0
    for bad, k, fragment in [(["7", "\u0662"], 1, "not an ASCII digit"), (["7", " 2"], 1, "contains whitespace"),
                             (["14 / 2", "2"], 0, "contains whitespace")]:
        doc["values"]["before"] = bad
        certificate.write_text(json.dumps(doc))
        code, out, err = run_cli(capsys, "verify", certificate)
        assert (code, out, err.count("\n")) == (2, "", 1)
        assert f"$.values.before[{k}]" in err and fragment in err


def test_certificate_values_of_5000_digits_are_read_and_compared(capsys, certificate):
    doc = json.loads(certificate.read_text())
    doc["values"]["before"] = ["9" * 5000, "2"]
    certificate.write_text(json.dumps(doc))
    code, out, err = run_cli(capsys, "verify", certificate)
    assert (code, err) == (1, "")
    assert "recorded values before (" + "9" * 5000 + ", 2) differ from the recomputed (7, 2)" in out


def test_a_seed_has_at_most_19_digits(capsys):
    for command in (["counterexample", "--axiom", "efficiency", "--rule", "coco", "--budget", "2"],
                    ["check", str(EXAMPLES / "chicken.nfg"), "--axiom", "monotonicity", "--rule", "coco"]):
        code, _, err = run_cli(capsys, *command, "--seed", "9" * 5000)
        assert code == 2 and "argument --seed: a seed has at most 19 digits" in err
    code, out, _ = run_cli(capsys, "counterexample", "--axiom", "efficiency", "--rule", "coco", "--budget", "2",
                           "--seed", "-" + "9" * 19)
    assert code == 1 and "seed -" + "9" * 19 in out
