"""Every file of Gambit's catalog corpus reads, writes and reads back, and agrees with pygambit."""

from __future__ import annotations

import io
import warnings
from fractions import Fraction
from pathlib import Path

import pygambit
import pytest

from exactbargain.errors import GameFormatWarning
from exactbargain.formats import parse_json, parse_nfg, read_nfg, write_json, write_nfg

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


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_agrees_with_pygambit(path):
    ours = read_quietly(path)
    theirs = pygambit.read_nfg(str(path))
    players = list(theirs.players)
    assert list(ours.players) == [p.label for p in players]
    assert [list(labels) for labels in ours.actions] == [[s.label for s in p.strategies] for p in players]
    assert ours.title == theirs.title
    assert ours.comment == theirs.description
    count = 0
    for profile in theirs.contingencies:
        outcome = theirs[profile]  # None for the null outcome 0
        expected = tuple(Fraction(0) if outcome is None else Fraction(str(outcome[p])) for p in players)
        assert ours.payoff(tuple(profile)) == expected, profile
        count += 1
    assert count == ours.num_profiles


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_pygambit_reads_what_we_write(path):
    ours = read_quietly(path)
    for outcome_form in (False, True):
        theirs = pygambit.read_nfg(io.StringIO(write_nfg(ours, outcome_form=outcome_form)))
        players = list(theirs.players)
        assert [p.label for p in players] == list(ours.players)
        for profile in theirs.contingencies:
            outcome = theirs[profile]
            got = tuple(Fraction(0) if outcome is None else Fraction(str(outcome[p])) for p in players)
            assert got == ours.payoff(tuple(profile))


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
    assert [p.label for p in pygambit.read_nfg(str(path)).players] == ["_1", "_2"]
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
