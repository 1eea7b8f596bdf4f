"""The Gambit .nfg reader and writer on hand-made files."""

from __future__ import annotations

import io
import itertools
import math
import warnings
from fractions import Fraction as F

import pytest
from hypothesis import given, strategies as st

from exactbargain.errors import GameFormatError, GameFormatWarning
from exactbargain.formats import parse_nfg, read_nfg, write_nfg
from exactbargain.game import Game

from gambit_answers import ASKERS, exact

PAYOFF_VERSION = """NFG 1 R "Ann and Ben" { "Ann" "Ben" } { 2 3 }
"optional free-text comment"

4 1   0 0   1 3   2 2   -1/2 5   0.25 0
"""

OUTCOME_VERSION = """NFG 1 R "Ann and Ben, outcome form" { "Ann" "Ben" }
{ { "U" "D" }
  { "l" "m" "r" } }
""
{
{ "Ul" 4, 1 }
{ "Um" 1, 3 }
{ "Dm" 2, 2 }
{ "Ur" -1/2, 5 }
{ "Dr" 1/4, 0 }
}
1 0 2 3 4 5
"""

# (U,l)=(4,1), (D,l)=(0,0), (U,m)=(1,3), (D,m)=(2,2), (U,r)=(-1/2,5), (D,r)=(1/4,0)
ANN_AND_BEN = {
    (0, 0): (F(4), F(1)), (1, 0): (F(0), F(0)), (0, 1): (F(1), F(3)),
    (1, 1): (F(2), F(2)), (0, 2): (F(-1, 2), F(5)), (1, 2): (F(1, 4), F(0)),
}


def table(game):
    return {p: game.payoff(p) for p in game.profiles()}


def test_payoff_version_of_the_spec():
    game = parse_nfg(PAYOFF_VERSION)
    assert game.players == ("Ann", "Ben")
    assert game.actions == (("1", "2"), ("1", "2", "3"))
    assert table(game) == ANN_AND_BEN
    assert game.title == "Ann and Ben"
    assert game.comment == "optional free-text comment"


def test_outcome_version_of_the_spec():
    game = parse_nfg(OUTCOME_VERSION)
    assert game.actions == (("U", "D"), ("l", "m", "r"))
    assert table(game) == ANN_AND_BEN
    assert game.payoff(("D", "l")) == (F(0), F(0))  # the null outcome 0
    assert game.title == "Ann and Ben, outcome form"
    assert game.comment == ""


# three players, payoffs 1, 2, 3, ... in file order
SHAPE_232 = (2, 3, 2)
THREE_PLAYERS = 'NFG 1 R "t" { "A" "B" "C" } { 2 3 2 }\n' + " ".join(map(str, range(1, 3 * math.prod(SHAPE_232) + 1)))


@pytest.mark.parametrize("gambit", ASKERS)
def test_first_player_changes_fastest_for_three_players(gambit):
    # player 1's payoff at the k-th cell is 3k+1
    game = parse_nfg(THREE_PLAYERS)
    profiles = list(itertools.product(*map(range, SHAPE_232)))  # C order
    for a, b, c in profiles:
        k = a + 2 * b + 6 * c  # Gambit's cell number
        assert game.payoff((a, b, c)) == (F(3 * k + 1), F(3 * k + 2), F(3 * k + 3))
    assert [game.payoff(p) for p in profiles] == list(exact(gambit.read_text(THREE_PLAYERS)["payoffs"]))


@pytest.mark.parametrize(
    "token, value",
    [
        ("3", F(3)), ("-3", F(-3)), ("+3", F(3)), ("1/2", F(1, 2)), ("-1/2", F(-1, 2)),
        ("0.25", F(1, 4)), (".25", F(1, 4)), ("3.", F(3)), ("1.5e2", F(150)), ("1e-1", F(1, 10)),
        ("2E3", F(2000)), ("0.1", F(1, 10)), ("4.000000", F(4)), ("-0.000001", F(-1, 10**6)),
        ("6/4", F(3, 2)), ("007", F(7)),
        ("1" * 5000, F((10**5000 - 1) // 9)), ("-" + "9" * 4500, F(1 - 10**4500)),
    ],
)
def test_numbers_are_exact(token, value):
    # the same token in the payoff and in the outcome version
    game = parse_nfg(f'NFG 1 R "t" {{ "A" }} {{ 2 }} {token} 0')
    assert game.payoff((0,)) == (value,)
    game = parse_nfg(f'NFG 1 R "t" {{ "A" }} {{ {{ "a" "b" }} }} {{ {{ "" {token} }} }} 1 0')
    assert game.payoff(("a",)) == (value,)


def test_huge_integers_are_written_and_read_back():
    big = Game.bimatrix([[10**5000 + 1]], [[F(-(10**4400), 3)]])
    for outcome_form in (False, True):
        assert parse_nfg(write_nfg(big, outcome_form=outcome_form)) == big


def test_mixed_number_forms_take_the_general_path():
    game = parse_nfg('NFG 1 R "t" { "A" "B" } { 2 1 } 1/3 0.5 +2 -7')
    assert game.payoff((0, 0)) == (F(1, 3), F(1, 2))
    assert game.payoff((1, 0)) == (F(2), F(-7))


def test_strings_escapes_and_multiline_comment():
    text = (
        'NFG 1 D "say \\"hi\\"" { "A \\"1\\"" "B" } { { "x\\\\" "y" } { "z" } }\n'
        '"line one\nline two\\\\n"\n1 2 3 4'
    )
    game = parse_nfg(text)
    assert game.title == 'say "hi"'
    assert game.players == ('A "1"', "B")
    assert game.actions == (("x\\", "y"), ("z",))
    assert game.comment == "line one\nline two\\n"
    again = parse_nfg(write_nfg(game))
    assert again == game and (again.title, again.comment) == (game.title, game.comment)


BACKSLASH = Game.bimatrix([[0]], [[0]], players=("a\\b", "c"))


@pytest.mark.parametrize("gambit", ASKERS)
def test_a_lone_backslash_is_kept_and_gambit_reads_it_back(gambit):
    text = write_nfg(BACKSLASH)
    assert '"a\\b"' in text  # not escaped: Gambit reads \b as two characters, as we do
    assert parse_nfg(text).players == ("a\\b", "c")
    assert gambit.read_text(text)["players"] == ["a\\b", "c"]


def test_outcome_version_details():
    # commas optional (also a trailing one), outcomes reused, null outcome, count-form actions
    text = 'NFG 1 R "t" { "A" "B" } { 2 2 } { { "o1" 1 2 } { "o2" 3, 4, } } 2 0 2 1'
    game = parse_nfg(text)
    assert table(game) == {
        (0, 0): (F(3), F(4)), (1, 0): (F(0), F(0)), (0, 1): (F(3), F(4)), (1, 1): (F(1), F(2)),
    }
    # an empty outcome list with all cells null
    assert table(parse_nfg('NFG 1 R "t" { "A" } { 2 } { } 0 0')) == {(0,): (F(0),), (1,): (F(0),)}


def test_outcome_list_with_an_irregular_outcome_after_regular_ones():
    # the third outcome has its label and payoffs over several tokens the fast path skips
    text = 'NFG 1 R "t" { "A" "B" } { 3 1 } { { "a" 1 2 } { "b" 3 4 } { "c"\n5 ,6 } } 3 2 1'
    assert table(parse_nfg(text)) == {(0, 0): (F(5), F(6)), (1, 0): (F(3), F(4)), (2, 0): (F(1), F(2))}


def test_label_lists_with_a_payoff_body_and_no_comment():
    game = parse_nfg('NFG 1 R "t" { "1" "2" }\n{ { "a" "b" }\n{ "c" }\n}\n1 2 3 4')
    assert game.actions == (("a", "b"), ("c",))
    assert game.payoff(("b", "c")) == (F(3), F(4))


# Gambit 16.7's renaming, as pygambit does it (each case checked against pygambit below).
RENAMING = [
    (["", ""], ["_1", "_2"]),
    (["", "x"], ["_1", "x"]),
    (["x", "x"], ["x_1", "x_2"]),
    (["x", "y", "x"], ["x_1", "y", "x_2"]),
    (["x", "x", "x_1"], ["x_2", "x_3", "x_1"]),
    (["x_1", "x", "x"], ["x_1", "x_2", "x_3"]),
    (["", "_1"], ["_2", "_1"]),
    (["_1", "_1", "", ""], ["_1_1", "_1_2", "_2", "_3"]),
    (["a", "a", "a_1", "a_1"], ["a_2", "a_3", "a_1_1", "a_1_2"]),
    (["x", "x", "x_3", "x_1"], ["x_2", "x_4", "x_3", "x_1"]),
    (["x", "x", "x_01"], ["x_1", "x_2", "x_01"]),
]


def _header(players, labels):
    names = " ".join(f'"{p}"' for p in players)
    lists = " ".join("{ " + " ".join(f'"{a}"' for a in ls) + " }" for ls in labels)
    cells = math.prod(len(ls) for ls in labels)
    zeros = " ".join(["0"] * (len(players) * cells))
    return f'NFG 1 R "t" {{ {names} }} {{ {lists} }}\n"" {zeros}'


def _renamed_players(names):
    return _header(names, [["a"]] * len(names))


def _renamed_actions(labels):
    return _header(["P", "Q"], [["q"], labels])


@pytest.mark.parametrize("gambit", ASKERS)
@pytest.mark.parametrize("names, expected", RENAMING)
def test_empty_and_repeated_names_are_renamed_like_gambit(names, expected, gambit):
    text = _renamed_players(names)
    with pytest.warns(GameFormatWarning, match="player names renamed as Gambit 16.7 does"):
        game = parse_nfg(text)
    assert list(game.players) == expected
    assert gambit.read_text(text)["players"] == expected


@pytest.mark.parametrize("gambit", ASKERS)
@pytest.mark.parametrize("labels, expected", RENAMING)
def test_empty_and_repeated_action_labels_are_renamed_like_gambit(labels, expected, gambit):
    text = _renamed_actions(labels)
    with pytest.warns(GameFormatWarning) as record:
        game = parse_nfg(text)
    assert list(game.actions[1]) == expected
    assert gambit.read_text(text)["strategies"][1] == expected
    assert len(record) == 1
    assert str(record[0].message).startswith(
        "<string>:1:35: empty or repeated action labels of player 'Q' renamed as Gambit 16.7 does: "
    )


# The texts whose reading by Gambit is recorded (tests/data/record_gambit.py asks these).
GAMBIT_TEXTS = [
    THREE_PLAYERS,
    write_nfg(BACKSLASH),
    *(_renamed_players(names) for names, _ in RENAMING),
    *(_renamed_actions(labels) for labels, _ in RENAMING),
]


def test_no_warning_for_a_clean_file():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parse_nfg(PAYOFF_VERSION)


WRITTEN_PAYOFF = """NFG 1 R "Ann and Ben" { "Ann" "Ben" }

{ { "U" "D" }
{ "l" "m" "r" }
}
"optional free-text comment"

4 1
0 0
1 3
2 2
-1/2 5
1/4 0
"""

WRITTEN_OUTCOME = """NFG 1 R "Ann and Ben" { "Ann" "Ben" }

{ { "U" "D" }
{ "l" "m" "r" }
}
"optional free-text comment"

{
{ "1" 4, 1 }
{ "2" 1, 3 }
{ "3" 2, 2 }
{ "4" -1/2, 5 }
{ "5" 1/4, 0 }
}
1 0
2 3
4 5
"""


def ann_and_ben():
    game = parse_nfg(PAYOFF_VERSION)
    return Game._trusted(game.players, (("U", "D"), ("l", "m", "r")),
                         [game.payoff_entries(0), game.payoff_entries(1)],
                         title=game.title, comment=game.comment)


def test_writer_payoff_version_text():
    assert write_nfg(ann_and_ben()) == WRITTEN_PAYOFF


def test_writer_outcome_version_text():
    assert write_nfg(ann_and_ben(), outcome_form=True) == WRITTEN_OUTCOME
    assert table(parse_nfg(WRITTEN_OUTCOME)) == ANN_AND_BEN


def test_writer_outcome_version_reuses_outcomes_and_uses_the_null_outcome():
    game = Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    text = write_nfg(game, outcome_form=True)
    assert text.endswith('{\n{ "1" 1, 1 }\n}\n1 0\n0 1\n')
    zero = Game.bimatrix([[0, 0]], [[0, 0]])
    assert write_nfg(zero, outcome_form=True).endswith("{\n}\n0\n0\n")
    assert parse_nfg(write_nfg(zero, outcome_form=True)) == zero


def test_writer_targets(tmp_path):
    game = ann_and_ben()
    target = tmp_path / "g.nfg"
    assert write_nfg(game, target) == WRITTEN_PAYOFF
    assert target.read_text(encoding="utf-8") == WRITTEN_PAYOFF
    assert read_nfg(target) == game and read_nfg(str(target)) == game
    buffer = io.StringIO()
    write_nfg(game, buffer, outcome_form=True)
    assert buffer.getvalue() == WRITTEN_OUTCOME
    raw = io.BytesIO()
    write_nfg(game, raw)
    assert raw.getvalue() == WRITTEN_PAYOFF.encode()


def test_reader_sources(tmp_path):
    expected = parse_nfg(PAYOFF_VERSION)
    path = tmp_path / "g.nfg"
    path.write_bytes(b"\xef\xbb\xbf" + PAYOFF_VERSION.encode())  # with a byte-order mark
    assert read_nfg(path) == expected
    assert read_nfg(str(path)) == expected
    assert read_nfg(PAYOFF_VERSION) == expected  # text with line breaks
    assert read_nfg(" NFG 1 R \"t\" { \"A\" } { 1 } 5").payoff((0,)) == (F(5),)  # one line
    assert read_nfg(PAYOFF_VERSION.encode()) == expected
    assert read_nfg(io.StringIO(PAYOFF_VERSION)) == expected
    with open(path, "rb") as handle:
        assert read_nfg(handle) == expected
    with pytest.raises(FileNotFoundError):
        read_nfg(str(tmp_path / "missing.nfg"))
    with pytest.raises(GameFormatError, match=r"^g\.nfg:1:1: expected 'NFG'"):
        read_nfg(b"NGF", path="g.nfg")


names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=8)
rationals = st.fractions(max_denominator=10**6).filter(lambda q: abs(q) < 10**9) | st.integers(-10**30, 10**30)


@st.composite
def games(draw):
    n = draw(st.integers(1, 4))
    shape = [draw(st.integers(1, 3)) for _ in range(n)]
    players = draw(st.lists(names, min_size=n, max_size=n, unique=True))
    actions = [draw(st.lists(names, min_size=m, max_size=m, unique=True)) for m in shape]
    size = math.prod(shape)
    payoffs = [draw(st.lists(rationals, min_size=size, max_size=size)) for _ in range(n)]
    title = draw(st.text(st.characters(codec="utf-8"), max_size=12))
    comment = draw(st.text(st.characters(codec="utf-8"), max_size=20))
    return Game.from_flat(payoffs, actions, players=players, title=title, comment=comment)


@given(games(), st.booleans())
def test_any_game_round_trips(game, outcome_form):
    again = parse_nfg(write_nfg(game, outcome_form=outcome_form))
    assert again == game
    assert again.title == game.title and again.comment == game.comment


def test_large_games_take_the_bulk_paths():
    # 2 players (transposed in one go) and 3 players (permuted), both versions
    for shape in ((120, 100), (10, 12, 14)):
        size = math.prod(shape)
        n = len(shape)
        payoffs = [[(k * 7919 + i * 104729) % 2001 - 1000 for k in range(size)] for i in range(n)]
        game = Game.from_flat(payoffs, list(shape))
        for outcome_form in (False, True):
            again = parse_nfg(write_nfg(game, outcome_form=outcome_form))
            assert again == game
        # thirds are not integers: they take the general path
        thirds = Game.from_flat([[F(v, 3) for v in values] for values in payoffs], list(shape))
        for outcome_form in (False, True):
            assert parse_nfg(write_nfg(thirds, outcome_form=outcome_form)) == thirds


def test_fixed_place_decimals_take_the_bulk_path():
    # Gambit writes "%f" decimals; a body of decimals with equal places is read in bulk
    values = [(k * 7919) % 200001 - 100000 for k in range(2 * 300 * 200)]
    body = " ".join(f"{v / 1000:.3f}" for v in values)
    game = parse_nfg(f'NFG 1 R "t" {{ "A" "B" }} {{ 300 200 }}\n{body}\n')
    for cell in (0, 1, 299, 300, 59999):
        a, b = cell % 300, cell // 300
        assert game.payoff((a, b)) == (F(values[2 * cell], 1000), F(values[2 * cell + 1], 1000))
    # places that differ from token to token take the general path and agree
    mixed = body.replace(" ", "0 ", 1)  # the first payoff gets a fourth place
    assert mixed.split()[0].endswith("0") and len(mixed.split()[0]) == len(body.split()[0]) + 1
    assert parse_nfg(f'NFG 1 R "t" {{ "A" "B" }} {{ 300 200 }}\n{mixed}\n') == game
