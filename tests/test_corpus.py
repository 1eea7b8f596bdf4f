"""Every file of Gambit's catalog corpus reads, writes and reads back, and agrees with Gambit.

Gambit's answers are recorded (``gambit_answers.py``); the ``live`` cases ask pygambit itself.
"""

from __future__ import annotations

import importlib.util
import warnings
from fractions import Fraction
from pathlib import Path

import pytest

from exactbargain.errors import GameFormatWarning
from exactbargain.formats import parse_json, parse_nfg, read_nfg, write_json, write_nfg
from exactbargain.game import Game

from gambit_answers import ANSWERS_FILE, ASKERS, answers, exact

CORPUS = Path(__file__).resolve().parent / "data" / "gambit"
FILES = sorted(CORPUS.glob("*.nfg"))

# The corpus files that name players or actions with empty or repeated labels. Only sww1.nfg
# does: its header is `{ "" "" }`, and Gambit 16.7 reads the players as "_1" and "_2".
RENAMED = {"sww1.nfg"}


def read_quietly(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GameFormatWarning)
        return read_nfg(path)


def test_the_whole_corpus_is_there():
    assert len(FILES) == 52, f"expected the 52 Gambit catalog files in {CORPUS}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_round_trips(path):
    game = read_quietly(path)
    for outcome_form in (False, True):
        text = write_nfg(game, outcome_form=outcome_form)
        again = parse_nfg(text)
        assert again == game
        assert (again.title, again.comment) == (game.title, game.comment)
        # what the writer writes, it writes again identically
        assert write_nfg(again, outcome_form=outcome_form) == text
    via_json = parse_json(write_json(game))
    assert via_json == game
    assert (via_json.title, via_json.comment) == (game.title, game.comment)


def assert_reads_as(ours: Game, theirs: dict) -> None:
    """``ours`` has Gambit's reading: labels, title, comment, and every profile's payoffs."""
    assert list(ours.players) == theirs["players"]
    assert [list(labels) for labels in ours.actions] == theirs["strategies"]
    assert ours.title == theirs["title"]
    assert ours.comment == theirs["description"]
    assert [ours.payoff(p) for p in ours.profiles()] == list(exact(theirs["payoffs"]))  # C order


@pytest.mark.parametrize("gambit", ASKERS)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_agrees_with_pygambit(path, gambit):
    assert_reads_as(read_quietly(path), gambit.read_file(path))


@pytest.mark.parametrize("gambit", ASKERS)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_pygambit_reads_what_we_write(path, gambit):
    ours = read_quietly(path)
    for outcome_form in (False, True):
        theirs = gambit.read_text(write_nfg(ours, outcome_form=outcome_form))
        assert theirs["players"] == list(ours.players)
        assert list(exact(theirs["payoffs"])) == [ours.payoff(p) for p in ours.profiles()]


def test_the_recording_covers_the_corpus():
    recorded = answers()["files"]
    assert sorted(recorded) == [p.name for p in FILES], "rerun tests/data/record_gambit.py"
    for path in FILES:
        entry = recorded[path.name]
        assert ("enummixed" in entry) == (len(entry["players"]) == 2), path.name
        assert sorted(entry["written"]) == ["outcome form", "payoff form"], path.name
    assert answers()["pygambit"].startswith("16.")


@pytest.mark.gambit
def test_the_recording_is_what_pygambit_answers_now():
    spec = importlib.util.spec_from_file_location("record_gambit", ANSWERS_FILE.parent / "record_gambit.py")
    recorder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(recorder)
    now = recorder.record()
    del now["pygambit"]  # another 16.x may answer the same
    assert now == {k: v for k, v in answers().items() if k != "pygambit"}, "rerun tests/data/record_gambit.py"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_warns_exactly_on_files_with_empty_or_repeated_names(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_nfg(path)
    ours = [w for w in caught if issubclass(w.category, GameFormatWarning)]
    assert len(ours) == (1 if path.name in RENAMED else 0)


def test_sww1_is_renamed_like_gambit():
    path = CORPUS / "sww1.nfg"
    with pytest.warns(GameFormatWarning) as record:
        game = read_nfg(path)
    assert game.players == ("_1", "_2")
    assert answers()["files"]["sww1.nfg"]["players"] == ["_1", "_2"]  # Gambit's reading
    assert str(record[0].message) == (
        f"{path}:1:61: empty or repeated player names renamed as Gambit 16.7 does: "
        "'' -> '_1', '' -> '_2'"
    )
    assert (record[0].message.line, record[0].message.column) == (1, 61)


def test_decimal_corpus_payoffs_are_exact():
    game = read_quietly(CORPUS / "5x4x3.nfg")
    # the first outcome of 5x4x3.nfg is { "" 1.131000, 1.210000, 2.426000 }, at profile (1,1,1)
    assert game.payoff((0, 0, 0)) == (Fraction(1131, 1000), Fraction(121, 100), Fraction(1213, 500))
    e04 = read_quietly(CORPUS / "e04.nfg")
    # payoff version, first player fastest: the second pair (-1, 2) is profile (2, 1)
    assert e04.payoff((1, 0)) == (Fraction(-1), Fraction(2))
    assert e04.payoff((0, 1)) == (Fraction(0), Fraction(0))
    assert e04.payoff((2, 1)) == (Fraction(3), Fraction(-1))
