"""Malformed files give a GameFormatError naming file, line, column and what was expected."""

from __future__ import annotations

import re
import time
import tracemalloc
import warnings
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from exactbargain.errors import GameFormatError, GameFormatWarning
from exactbargain.formats import parse_json, parse_nfg, read_json, read_nfg, write_json, write_nfg

CORPUS = Path(__file__).resolve().parent / "data" / "gambit"

H = 'NFG 1 R "t" { "A" "B" } { 2 2 }\n'  # a 2x2 header; the body starts on line 2
NUMBER = "(a number such as 3, -1/2 or 0.25)"

BAD_NFG = [
    # (text, line:column, message)
    ("", "1:1", "expected 'NFG' at the start of a Gambit strategic-form file, found the end of the file"),
    ("  \n", "2:1", "expected 'NFG' at the start of a Gambit strategic-form file, found the end of the file"),
    ("NFG", "1:4", "expected the format version 1 after 'NFG', found the end of the file"),
    ("NFG 2 R", "1:5", "expected the format version 1 after 'NFG', found '2'"),
    ('NFG 1 X "t"', "1:7", "expected the data tag 'R' (or 'D') after 'NFG 1', found 'X'"),
    ("NFG 1 R t", "1:9", "expected the game title (a quoted string), found 't'"),
    ('NFG 1 R "t', "1:9", "this string is never closed; expected a closing '\"'"),
    ('NFG 1 R "t\\"', "1:9", "this string is never closed; expected a closing '\"'"),
    ('NFG 1 R "t" "A" "B"', "1:13", "expected '{' opening the list of player names, found the string \"A\""),
    ('NFG 1 R "t" { "A" "B" ', "1:23", "expected a player name (a quoted string) or '}', found the end of the file"),
    ('NFG 1 R "t" { "A" B } { 2 2 }', "1:19", "expected a player name (a quoted string) or '}', found 'B'"),
    ('NFG 1 R "t" { } { }', "1:15", "a game needs at least one player; expected a player name (a quoted string)"),
    ('NFG 1 R "t" { "A" "B" } { 2 }', "1:29",
     "the action counts stop after 1 of the 2 players; expected the number of actions of player 'B'"),
    ('NFG 1 R "t" { "A" "B" } { 2 2 2 }', "1:31",
     "expected '}' after the 2 action counts (one per player), found '2'"),
    ('NFG 1 R "t" { "A" "B" } { 2 0 } 1 2', "1:29", "player 'B' has 0 actions; every player needs at least one"),
    ('NFG 1 R "t" { "A" "B" } { 2 -1 } 1 2', "1:29",
     "expected the number of actions of player 'B' (a positive integer), found '-1'"),
    ('NFG 1 R "t" { "A" "B" } { { "a" } { } } 1 2', "1:37",
     "player 'B' has an empty action list; expected at least one action label"),
    ('NFG 1 R "t" { "A" "B" } { { "a" } } 1 2', "1:35",
     "the action lists stop after 1 of the 2 players; expected '{' opening the action labels of player 'B'"),
    ('NFG 1 R "t" { "A" "B" } { { "a" } { "b" } { "c" } } 1 2', "1:43",
     "expected '}' closing the action lists of the 2 players, found '{'"),
    ('NFG 1 R "t" { "A" "B" } { { "a" } { "b" 3 } } 1 2', "1:41",
     "expected an action label of player 'B' (a quoted string) or '}', found '3'"),
    ('NFG 1 R "t" { "A" "B" } { 1000000 1000000 }\n1 2 3', "1:25",
     "the header declares 1000000 x 1000000 = 1000000000000 profiles, more than the 20000000 a game may have"),
    ('NFG 1 R "t" { "A" "B" } { 99999999999999999999999 1 } 1', "1:25",
     "the header declares 1000000000000000000 x 1 = 1000000000000000000 profiles, more than the "
     "20000000 a game may have"),
    (H, "2:1", "expected the payoffs (numbers) or '{' opening the list of outcomes, found the end of the file"),
    (H + '"c" "d" 1 2', "2:5",
     "expected the payoffs (numbers) or '{' opening the list of outcomes, found the string \"d\""),
    # payoff version
    (H + "1 2 3 4 5 6 7", "2:14",
     "the file ends after 7 of the 8 payoffs (4 profiles x 2 players); expected the payoff of player 'B' "
     "at profile ('2', '2')"),
    (H + "1 2 3\n4 5 6 7 8 9", "3:11", "expected the end of the file after the 8 payoffs, found '9'"),
    (H + "1 2 3 4 5 6 7 8 }", "2:17", "expected the end of the file after the 8 payoffs, found '}'"),
    (H + "1 2 3 4 5 6 7 x", "2:15", f"expected the payoff of player 'B' at profile ('2', '2') {NUMBER}, found 'x'"),
    (H + "1 2 3 4 5 6 7 }", "2:15", f"expected the payoff of player 'B' at profile ('2', '2') {NUMBER}, found '}}'"),
    (H + "1 2 3 4 5 6 7 1/0", "2:15",
     f"expected the payoff of player 'B' at profile ('2', '2') {NUMBER}, found '1/0' ('1/0' has a zero denominator)"),
    (H + "1 2 3 4 5 6 7 0x10", "2:15", f"expected the payoff of player 'B' at profile ('2', '2') {NUMBER}, found '0x10'"),
    (H + "1 2 3 4 5 6 7 1.5.2", "2:15", f"expected the payoff of player 'B' at profile ('2', '2') {NUMBER}, found '1.5.2'"),
    (H + "1 2 3 4 5 6 7 ∞", "2:15", f"expected the payoff of player 'B' at profile ('2', '2') {NUMBER}, found '∞'"),
    (H + "1 2 3 4, 5 6 7 8", "2:8", f"expected the payoff of player 'A' at profile ('1', '2') {NUMBER}, found ','"),
    (H + '1 2 "3" 4 5 6 7 8', "2:5", f"expected the payoff of player 'A' at profile ('2', '1') {NUMBER}, found the string \"3\""),
    # outcome version
    (H + '{ { "o" 1 2 } } 1 1 1 2', "2:23",
     "expected the outcome of profile ('2', '2') (an integer from 0 to 1), found '2', which is out of range"),
    (H + '{ { "o" 1 2 } } 1 1 1 -1', "2:23",
     "expected the outcome of profile ('2', '2') (an integer from 0 to 1), found '-1', which is not an outcome number"),
    (H + '{ { "o" 1 2 } } 1 1 1.0 1', "2:21",
     "expected the outcome of profile ('1', '2') (an integer from 0 to 1), found '1.0', which is not an outcome number"),
    (H + '{ { "o" 1 2 } } 1 1 1', "2:22",
     "the file ends after 3 of the 4 outcome numbers; expected the outcome of profile ('2', '2')"),
    (H + '{ { "o" 1 2 } } 1 1 1 1 1', "2:25", "expected the end of the file after the 4 outcome numbers, found '1'"),
    (H + '{ { "o" 1 2 3 } } 1 1 1 1', "2:13", "expected '}' closing outcome 1 after its 2 payoffs, found '3'"),
    (H + '{ { "o" 1 } } 1 1 1 1', "2:11", "outcome 1 lists 1 payoff for 2 players; expected the payoff of player 'B'"),
    (H + '{ { 1 2 } } 1 1 1 1', "2:5", "expected the label of outcome 1 (a quoted string), found '1'"),
    (H + '{ { "o" 1 x } } 1 1 1 1', "2:11",
     f"expected the payoff of player 'B' in outcome 1 {NUMBER}, found 'x'"),
    (H + '{ { "o" 1 2 } { "p" 1 x } } 1 1 1 1', "2:23",
     f"expected the payoff of player 'B' in outcome 2 {NUMBER}, found 'x'"),
    (H + '{ { "o" 1, , 2 } } 1 1 1 1', "2:12", "expected the payoff of player 'B' in outcome 1 (a number), found ','"),
    (H + '{ { "o" 1 2 } 1 1 1 1', "2:15",
     "expected '{' opening outcome 2 or '}' closing the list of outcomes, found '1'"),
    (H + '{ { "o" 1 2 } { "p" 1 2 ', "2:25", "expected '}' closing outcome 2, found the end of the file"),
    (H + '{ { "o 1 2 } } 1 1 1 1', "2:5", "this string is never closed; expected a closing '\"'"),
]


@pytest.mark.parametrize("text, where, message", BAD_NFG)
def test_bad_nfg(text, where, message):
    with pytest.raises(GameFormatError) as info:
        parse_nfg(text)
    assert str(info.value) == f"<string>:{where}: {message}"
    line, column = map(int, where.split(":"))
    assert (info.value.path, info.value.line, info.value.column) == ("<string>", line, column)


def test_bad_file_names_the_file(tmp_path):
    path = tmp_path / "broken.nfg"
    path.write_bytes(b'NFG 1 R "t" { "A" } { 2 }\n1 \xff\n')
    with pytest.raises(GameFormatError) as info:
        read_nfg(path)
    assert str(info.value) == f"{path}:2:3: the file is not UTF-8 text: byte 0xff cannot be decoded"


def test_non_utf8_in_the_middle_of_a_line_counts_characters():
    data = 'NFG 1 R "été" { "A" } { 1 } '.encode() + b"\xc3\x28"
    with pytest.raises(GameFormatError, match=r"^<string>:1:29: the file is not UTF-8 text: byte 0xc3"):
        read_nfg(data)


def test_absurd_header_fails_fast_and_allocates_nothing_big():
    tracemalloc.start()
    started = time.perf_counter()
    try:
        for header in ("{ 1000000 1000000 }", "{ 20000000 1 }", "{ 4000 5000 }"):
            with pytest.raises(GameFormatError, match="profiles|payoffs"):
                parse_nfg(f'NFG 1 R "t" {{ "A" "B" }} {header}\n1 2 3')
            with pytest.raises(GameFormatError, match="profiles|outcome numbers"):
                parse_nfg(f'NFG 1 R "t" {{ "A" "B" }} {header}\n{{ {{ "o" 1 2 }} }} 1 1 1')
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1.0
    assert peak < 1_000_000


def test_twenty_million_profiles_and_three_payoffs():
    with pytest.raises(GameFormatError) as info:
        parse_nfg('NFG 1 R "t" { "A" "B" } { 20000000 1 }\n1 2 3')
    assert str(info.value) == (
        "<string>:2:6: the file ends after 3 of the 40000000 payoffs (20000000 profiles x 2 players); "
        "expected the payoff of player 'B' at profile ('2', '1')"
    )


# ------------------------------------------------------------------ random mutations
SEEDS = [
    (CORPUS / name).read_text(encoding="utf-8")
    for name in ("pd.nfg", "e04.nfg", "ijgt_nau2004_sec3.nfg", "2x2x2.nfg", "sww1.nfg", "wink3.nfg")
]
SEEDS.append('NFG 1 R "q\\"t" { "A" "B" } { { "x" "y" } { "z" } } "c" { { "" 1/2, -3 } { "o" 0.25 +4 } } 2 1')
JSON_SEEDS = [
    write_json(read_nfg(CORPUS / "pd.nfg")),
    write_json(read_nfg(CORPUS / "2x2x2.nfg")),
    '{"players": ["A"], "actions": [["a", "b"]], "payoffs": [["1/2"], [3]]}',
]

PIECES = st.sampled_from(['"', "\\", "{", "}", ",", " ", "\n", "0", "1", "-", "+", "/", ".", "e",
                          "9" * 30, "NFG", "\\\"", "\x00", "é", "\ud7ff", "[", "]", ":", "1.5", "null"])
INSERTS = PIECES | st.text(max_size=3)


@st.composite
def mutated(draw, seeds):
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate"]))
        at = draw(st.integers(0, len(text)))
        if kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 5)):]
        elif kind == "insert":
            text = text[:at] + draw(INSERTS) + text[at:]
        elif kind == "replace":
            text = text[:at] + draw(INSERTS) + text[at + 1:]
        elif kind == "truncate":
            text = text[:at]
        else:  # duplicate a token (a run of non-space characters) in place
            tokens = list(re.finditer(r"\S+", text))
            if tokens:
                token = tokens[draw(st.integers(0, len(tokens) - 1))]
                text = text[:token.end()] + " " + token.group() + text[token.end():]
    return text


def _only_documented_errors(parse, text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GameFormatWarning)
        try:
            return parse(text)
        except GameFormatError as exc:
            assert exc.line is not None and exc.column is not None
            assert re.match(r"^<string>:\d+:\d+: \S", str(exc))
            return None


@given(mutated(SEEDS))
def test_mutated_nfg_files_fail_only_with_documented_errors(text):
    game = _only_documented_errors(parse_nfg, text)
    if game is not None:  # what reads, writes and reads back
        assert parse_nfg(write_nfg(game)) == game


@given(mutated(SEEDS), st.binary(min_size=1, max_size=3), st.data())
def test_mutated_nfg_bytes_fail_only_with_documented_errors(text, junk, data):
    raw = text.encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    _only_documented_errors(read_nfg, raw[:at] + junk + raw[at:])


@given(mutated(JSON_SEEDS))
def test_mutated_json_documents_fail_only_with_documented_errors(text):
    game = _only_documented_errors(parse_json, text)
    if game is not None:
        assert parse_json(write_json(game)) == game


@given(mutated(JSON_SEEDS), st.binary(min_size=1, max_size=3), st.data())
def test_mutated_json_bytes_fail_only_with_documented_errors(text, junk, data):
    raw = text.encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    _only_documented_errors(read_json, raw[:at] + junk + raw[at:])
