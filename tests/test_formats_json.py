"""exactbargain's JSON game documents, and choosing a format by file extension."""

from __future__ import annotations

import io
import json
import math
from fractions import Fraction as F

import pytest
from hypothesis import given, strategies as st

from exactbargain.errors import GameFormatError
from exactbargain.formats import (
    parse_json, parse_nfg, read_game, read_json, write_game, write_json, write_nfg,
)
from exactbargain.game import Game

PD = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"),
                   actions=(("C", "D"), ("C", "D")), title="Prisoner's dilemma")

PD_TEXT = """{
  "format": "exactbargain-game",
  "version": 1,
  "title": "Prisoner's dilemma",
  "comment": "",
  "players": ["Row", "Col"],
  "actions": [
    ["C", "D"],
    ["C", "D"]
  ],
  "payoffs": [
    [["3", "3"], ["0", "5"]],
    [["5", "0"], ["1", "1"]]
  ]
}
"""


def test_writer_text_and_schema():
    text = write_json(PD)
    assert text == PD_TEXT
    document = json.loads(text)
    expected = dict(PD.to_dict(), format="exactbargain-game", version=1)
    assert document == expected


def test_reader_minimal_document_with_integers_and_decimal_strings():
    game = parse_json('{"players": ["A", "B"], "actions": [["x", "y"], ["z"]],'
                      ' "payoffs": [[[1, "-1/2"]], [["0.25", "+3"]]]}')
    assert game.payoff(("x", "z")) == (F(1), F(-1, 2))
    assert game.payoff(("y", "z")) == (F(1, 4), F(3))
    assert game.title == "" and game.comment == ""


def test_three_players_nest_in_player_order():
    game = Game.from_function(lambda p: (int(p[0]), int(p[1]), int(p[2])),
                              [("0", "1"), ("0", "1", "2"), ("0", "1", "2", "3")])
    document = json.loads(write_json(game))
    assert document["payoffs"][1][2][3] == ["1", "2", "3"]
    assert len(document["payoffs"]) == 2 and len(document["payoffs"][0]) == 3
    assert parse_json(write_json(game)) == game


def test_huge_numbers():
    game = Game.bimatrix([[10**5000]], [[F(-1, 10**4500)]])
    assert parse_json(write_json(game)) == game
    # a JSON integer literal with 5000 digits is exact too
    text = '{"players": ["A"], "actions": [["a"]], "payoffs": [[' + "7" * 5000 + "]]}"
    assert parse_json(text).payoff((0,)) == (F((10**5000 - 1) // 9 * 7),)


def test_title_and_comment_round_trip_in_any_script():
    game = PD.with_title('Gefangenen "Dilemma" \\ 囚徒', "line 1\nline 2 ✓")
    again = parse_json(write_json(game))
    assert (again.title, again.comment) == (game.title, game.comment)
    assert again == game


def test_sources_and_targets(tmp_path):
    target = tmp_path / "pd.json"
    write_json(PD, target)
    assert target.read_text(encoding="utf-8") == PD_TEXT
    assert read_json(target) == PD and read_json(str(target)) == PD
    assert read_json(PD_TEXT) == PD and read_json(PD_TEXT.encode()) == PD
    assert read_json(io.StringIO(PD_TEXT)) == PD
    buffer = io.StringIO()
    write_json(PD, buffer)
    assert buffer.getvalue() == PD_TEXT


BAD_JSON = [
    # (document, line:column, message after "<string>:line:column: ")
    ('{"players": ["A"], "actions": [["a"]], "payoffs": [[0.5]]}', "1:53",
     '0.5 is a JSON float, which is not exact; write the payoff as a string such as "1/3" or "0.5", or as an integer'),
    ('{"players": ["A"],\n "actions": [["a"]],\n "payoffs": [[1e3]]}', "3:15",
     '1e3 is a JSON float, which is not exact; write the payoff as a string such as "1/3" or "1e3", or as an integer'),
    ('{"title": "0.5 1e3", "players": ["A"], "actions": [["a"]], "payoffs": [[NaN]]}', "1:73",
     "NaN is not a number; payoffs must be exact rationals"),
    ('{"players": ["A"], "actions": [["a"]], "payoffs": [["x"]]}', "1:53",
     "$.payoffs[0][0] is 'x', not an exact number ('x' is not a rational number; expected an int, a "
     "fractions.Fraction, a flint.fmpq, a sympy Rational, a finite Decimal, or a string such as '3', "
     "'-1/2', '0.25', '.25', '3.', '1.5e2')"),
    ('{"players": ["A"], "actions": [["a"]], "payoffs": [[true]]}', "1:53",
     '$.payoffs[0][0] is a boolean; expected a payoff: a string such as "-1/2" or "0.25", or an integer'),
    ('{"players": ["A"], "actions": [["a"]], "payoffs": [[null]]}', "1:53",
     '$.payoffs[0][0] is null; expected a payoff: a string such as "-1/2" or "0.25", or an integer'),
    ('{"players": ["A"], "actions": [["a"]], "payoffs": [["1/0"]]}', "1:53",
     "$.payoffs[0][0] is '1/0', not an exact number ('1/0' has a zero denominator)"),
    ('{"players": ["A", "B"],\n "actions": [["a", "b"], ["c"]],\n "payoffs": [[["1", "2"]], ["1", "2"]]}',
     "3:28", "$.payoffs[1] lists 2 entries, but player 'B' has 1 action; expected one entry per action"),
    ('{"players": ["A", "B"], "actions": [["a", "b"], ["c"]], "payoffs": [[["1", "2"]]]}',
     "1:68", "$.payoffs lists 1 entry, but player 'A' has 2 actions; expected one entry per action"),
    ('{"players": ["A", "B"], "actions": [["a"], ["c"]], "payoffs": [[["1"]]]}', "1:65",
     "$.payoffs[0][0] lists 1 payoff; expected the 2 payoffs of the players at this profile"),
    ('{"players": ["A", "B"], "actions": [["a"], ["c"]], "payoffs": [["1", "2"]]}', "1:64",
     "$.payoffs[0] lists 2 entries, but player 'B' has 1 action; expected one entry per action"),
    ('{"players": ["A", "B"], "actions": [["a"], ["c", "d"]], "payoffs": [["1", "2"]]}', "1:70",
     "$.payoffs[0][0] is a string; expected the 2 payoffs of the players at this profile"),
    ('{"players": ["A", "B"], "actions": [["a"], []], "payoffs": []}', "1:44",
     "$.actions[1] is an empty list; expected a non-empty list of action label of player 'B's (strings)"),
    ('{"players": ["A", "A"], "actions": [["a"], ["b"]], "payoffs": [[["1", "2"]]]}', "1:19",
     "$.players[1] repeats the player name 'A' of $.players[0]; expected distinct player names"),
    ('{"players": [""], "actions": [["a"]], "payoffs": [["1"]]}', "1:14",
     "$.players[0] is empty; expected a non-empty player name"),
    ('{"players": ["A"], "actions": [["a", 3]], "payoffs": [["1"], ["2"]]}', "1:38",
     "$.actions[0][1] is a number; expected a action label of player 'A' (a string)"),
    ('{"players": ["A"], "actions": [["a"], ["b"]], "payoffs": [["1"]]}', "1:31",
     "$.actions is a list of 2; expected a list of 1 action-label list, one per player"),
    ('{"players": ["A"], "actions": [["a"]]}', "1:1",
     "$ has no 'payoffs' key; a game document needs 'players', 'actions' and 'payoffs'"),
    ('{"players": ["A"], "actions": [["a"]], "payoffs": [["1"]], "extra": 1}', "1:60",
     "$.extra is not a key of a game document; expected only 'format', 'version', 'title', "
     "'comment', 'players', 'actions', 'payoffs'"),
    ('{"players": ["A"], "players": ["B"], "actions": [["a"]], "payoffs": [["1"]]}', "1:20",
     "$.players appears twice; expected each key once"),
    ('{"format": "gambit", "players": ["A"], "actions": [["a"]], "payoffs": [["1"]]}', "1:12",
     "$.format is 'gambit'; expected 'exactbargain-game'"),
    ('{"version": 2, "players": ["A"], "actions": [["a"]], "payoffs": [["1"]]}', "1:13",
     "$.version is 2; this reader knows version 1 only"),
    ('{"title": 5, "players": ["A"], "actions": [["a"]], "payoffs": [["1"]]}', "1:11",
     "$.title is a number; expected a string"),
    ('[1, 2]', "1:1", "$ is a list; expected an object with the keys 'players', 'actions' and 'payoffs'"),
    ('{"players": ["A"], "actions": [["a"]], "payoffs": [["1"]]', "1:58",
     "invalid JSON: Expecting ',' delimiter"),
    ('{"players": ["A"]\n  "actions": []}', "2:3", "invalid JSON: Expecting ',' delimiter"),
    ('', "1:1", "invalid JSON: Expecting value"),
    ('{"players": ["A", "B"], "actions": [["a"], ["b"]], "payoffs": [[["1", "2"]]]} x', "1:79",
     "invalid JSON: Extra data"),
    ('[' * 100000 + ']' * 100000, "1:1", "invalid JSON: the document is nested too deeply"),
]


@pytest.mark.parametrize("text, where, message", BAD_JSON)
def test_bad_documents(text, where, message):
    with pytest.raises(GameFormatError) as info:
        parse_json(text)
    assert str(info.value) == f"<string>:{where}: {message}"


def test_too_many_profiles_fail_before_the_table_is_read():
    labels = [str(k) for k in range(5000)]
    text = json.dumps({"players": ["A", "B"], "actions": [labels, labels], "payoffs": []})
    with pytest.raises(GameFormatError, match=r"^<string>:1:36: \$\.actions declares 5000 x 5000 = "
                                                r"25000000 profiles, more than the 20000000"):
        parse_json(text)


def test_non_utf8_document():
    with pytest.raises(GameFormatError, match=r"^g\.json:2:18: the file is not UTF-8 text: byte 0xe9"):
        read_json(b'{"players":\n ["A"], "x": "caf\xe9"}', path="g.json")


rationals = st.fractions(max_denominator=10**9) | st.integers(-10**40, 10**40)
labels = st.text(min_size=1, max_size=6)


@st.composite
def games(draw):
    n = draw(st.integers(1, 4))
    shape = [draw(st.integers(1, 3)) for _ in range(n)]
    players = draw(st.lists(labels, min_size=n, max_size=n, unique=True))
    actions = [draw(st.lists(labels, min_size=m, max_size=m, unique=True)) for m in shape]
    size = math.prod(shape)
    payoffs = [draw(st.lists(rationals, min_size=size, max_size=size)) for _ in range(n)]
    return Game.from_flat(payoffs, actions, players=players, title=draw(st.text(max_size=10)),
                          comment=draw(st.text(max_size=10)))


@given(games())
def test_any_game_round_trips(game):
    again = parse_json(write_json(game))
    assert again == game and (again.title, again.comment) == (game.title, game.comment)


# ------------------------------------------------------------------ choosing by extension
def test_read_and_write_game_by_extension(tmp_path):
    for name, outcome_form in (("pd.nfg", False), ("pd2.NFG", True), ("pd.json", False), ("PD.JSON", False)):
        path = tmp_path / name
        write_game(PD, path, outcome_form=outcome_form)
        assert read_game(path) == PD and read_game(str(path)) == PD
    assert (tmp_path / "pd.json").read_text(encoding="utf-8") == PD_TEXT
    assert (tmp_path / "pd.nfg").read_text(encoding="utf-8") == write_nfg(PD)
    assert (tmp_path / "pd2.NFG").read_text(encoding="utf-8") == write_nfg(PD, outcome_form=True)
    assert parse_nfg((tmp_path / "pd.nfg").read_text(encoding="utf-8")) == PD


def test_unknown_extensions(tmp_path):
    with pytest.raises(GameFormatError, match=r"g\.txt: cannot tell the format of a file with '\.txt'"):
        write_game(PD, tmp_path / "g.txt")
    assert not (tmp_path / "g.txt").exists()
    with pytest.raises(GameFormatError, match=r"game: cannot tell the format of a file with no extension"):
        read_game("game")
    with pytest.raises(GameFormatError, match=r"outcome_form applies to \.nfg files only"):
        write_game(PD, tmp_path / "g.json", outcome_form=True)


def test_read_game_reports_the_file(tmp_path):
    path = tmp_path / "bad.nfg"
    path.write_text('NFG 1 R "t" { "A" } { 2 }\n1 2 3\n', encoding="utf-8")
    with pytest.raises(GameFormatError) as info:
        read_game(path)
    assert str(info.value) == f"{path}:2:5: expected the end of the file after the 2 payoffs, found '3'"
    assert (info.value.path, info.value.line, info.value.column) == (str(path), 2, 5)
