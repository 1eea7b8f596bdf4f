import itertools
import math
from fractions import Fraction as F

import pytest
from hypothesis import given, strategies as st

from exactbargain.errors import GameError
from exactbargain.game import MAX_PROFILES, Game

CHICKEN = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]],
                        players=("Row", "Column"), actions=(("D", "C"), ("D", "C")))


def three_player():
    # u_i = 100*a1 + 10*a2 + a3 + i: every profile and player distinct
    return Game.from_function(
        lambda p: tuple(100 * int(p[0]) + 10 * int(p[1]) + int(p[2]) + i for i in range(3)),
        [("0", "1"), ("0", "1", "2"), ("0", "1", "2", "3")],
        players=("A", "B", "C"),
    )


def test_nested_lists_and_access():
    g = Game([[(3, 3), (0, 5)], [(5, 0), (1, 1)]])
    assert g.num_players == 2 and g.shape == (2, 2) and g.num_profiles == 4
    assert g.payoff((0, 1)) == (F(0), F(5))
    assert g.payoff(("2", "1")) == (F(5), F(0))
    assert g[1, 1] == (F(1), F(1))
    assert g.W == 6
    assert g.max_total_profiles() == [(0, 0)]


def test_one_player_game():
    g = Game([[4], ["1/2"]], actions=[("x", "y")])
    assert g.num_players == 1 and g.W == 4 and g.payoff(("y",)) == (F(1, 2),)


def test_chicken_values():
    assert CHICKEN.W == 12
    assert CHICKEN.matrix("Row") == [[0, 7], [2, 6]]
    assert CHICKEN.matrix("Column") == [[0, 2], [7, 6]]
    assert CHICKEN.payoff(("C", "D")) == (2, 7)
    assert str(CHICKEN).splitlines() == [
        "Row \\ Column   D      C",
        "D              0, 0   7, 2",
        "C              2, 7   6, 6",
    ]


def test_three_player_profile_table_and_indexing():
    g = three_player()
    assert g.shape == (2, 3, 4)
    assert g.payoff(("1", "2", "3")) == (F(123), F(124), F(125))
    lines = str(g).splitlines()
    assert lines[0].split() == ["A", "B", "C", "u(A)", "u(B)", "u(C)"]
    assert len(lines) == 1 + 24
    assert lines[-1].split() == ["1", "2", "3", "123", "124", "125"]


@pytest.mark.parametrize(
    "build, fragment",
    [
        (lambda: Game([[(1, 2), (3,)]]), "payoff vector at [0, 1] must list 2"),
        (lambda: Game([[(1, 2), (3, 4)], [(1, 2)]]), "ragged"),
        (lambda: Game([]), "empty list"),
        (lambda: Game([[]]), "empty list"),
        (lambda: Game([[(1, 2)]], players=("A", "A")), "'A' appears twice"),
        (lambda: Game([[(1, 2)]], players=("A", "")), "is empty"),
        (lambda: Game([[(1, 2)]], players=("A",)), "1 player names"),
        (lambda: Game([[(1, 2)], [(1, 2)]], actions=[("x", "x"), ("y",)]), "'x' appears twice"),
        (lambda: Game([[(1, 2)]], actions=[("x",), ("",)]), "is empty"),
        (lambda: Game([[(0.5, 2)]]), "float"),
        (lambda: Game([[(True, 2)]]), "bool"),
        (lambda: Game.bimatrix([[1, 2]], [[1]]), "A is 1x2 but B is 1x1"),
        (lambda: Game.bimatrix([[1, 2]], [[1], [2]]), "A is 1x2 but B is 2x1"),
        (lambda: Game.from_mapping({("a",): (1,)}, [("a", "b")]), "profile ('b',) has no payoffs"),
        (lambda: Game.from_mapping({("z",): (1,)}, [("a",)]), "'z' is not an action"),
        (lambda: Game.from_flat([[1, 2, 3]], [2]), "3 payoffs for 2 profiles"),
        (lambda: Game.from_flat([[0], [0]], [10**7, 10**7]), "more than the limit"),
        (lambda: Game.from_function(lambda p: (0,) * 4, [range(100)] * 4), "more than the limit"),
    ],
)
def test_bad_construction(build, fragment):
    with pytest.raises(GameError) as info:
        build()
    assert fragment in str(info.value)


def test_unknown_player_and_action():
    with pytest.raises(GameError, match="unknown player 'Nobody'"):
        CHICKEN.payoff_matrix("Nobody")
    with pytest.raises(GameError, match="unknown action 'X' of player 'Row'"):
        CHICKEN.payoff(("X", "D"))
    with pytest.raises(GameError, match="out of range"):
        CHICKEN.payoff((2, 0))
    with pytest.raises(GameError, match="names 2 actions, got 1"):
        CHICKEN.payoff(("D",))


def test_from_flat_gambit_order_equals_c_order():
    g = three_player()
    c_lists = [g.payoff_entries(i) for i in range(3)]
    f_lists = [[] for _ in range(3)]
    for index in itertools.product(*(range(m) for m in reversed(g.shape))):
        profile = index[::-1]
        for i in range(3):
            f_lists[i].append(g.payoff_fmpq(profile)[i])
    assert Game.from_flat(f_lists, g.actions, players=g.players, order="F") == g
    assert Game.from_flat(c_lists, g.actions, players=g.players) == g


def test_equality_and_hash_by_content():
    a = Game([[(1, 2), (3, 4)]])
    b = Game([[("1", "2/1"), ("3.0", 4)]], title="other title")
    assert a == b and hash(a) == hash(b)
    assert a != Game([[(1, 2), (3, 5)]])
    assert a != a.relabel_actions(1, ["x", "y"])
    assert len({a, b}) == 1


def test_immutable():
    with pytest.raises(AttributeError):
        CHICKEN.title = "x"
    with pytest.raises(AttributeError):
        CHICKEN.players = ("a", "b")


def test_add_action_sequence_and_callable():
    locked = CHICKEN.restrict({"Row": ["D"]})
    assert locked.shape == (1, 2) and locked.W == 9
    back = locked.add_action("Row", [(2, 7), (6, 6)], label="C")
    assert back == CHICKEN
    via_callable = locked.add_action(0, lambda p: CHICKEN.payoff(p), label="C")
    assert via_callable == CHICKEN
    with pytest.raises(GameError, match="needs 2 payoff vectors"):
        locked.add_action(0, [(1, 1)])
    g3 = three_player().add_action("B", lambda p: (0, 0, 1))
    assert g3.shape == (2, 4, 4) and g3.actions[1][-1] == "4"
    assert g3.payoff(("1", "4", "3")) == (0, 0, 1)
    assert g3.payoff(("1", "2", "3")) == (123, 124, 125)


def test_remove_and_reorder_actions():
    g = CHICKEN.remove_action("Column", "D")
    assert g.shape == (2, 1) and g.matrix(0) == [[7], [6]]
    r = CHICKEN.reorder_actions(0, ["C", "D"])
    assert r.actions[0] == ("C", "D") and r.payoff(("C", "C")) == (6, 6)
    assert r != CHICKEN and r.reorder_actions(0, [1, 0]) == CHICKEN
    with pytest.raises(GameError, match="only one action"):
        CHICKEN.restrict({0: ["D"]}).remove_action(0, "D")
    with pytest.raises(GameError, match="exactly once"):
        CHICKEN.reorder_actions(0, ["C"])
    with pytest.raises(GameError, match="empty action set"):
        CHICKEN.restrict({0: []})


def test_permute_players_three():
    g = three_player()
    p = g.permute_players(["C", "A", "B"])
    assert p.players == ("C", "A", "B") and p.shape == (4, 2, 3)
    for a, b, c in g.profiles():
        ua, ub, uc = g.payoff_fmpq((a, b, c))
        assert p.payoff_fmpq((c, a, b)) == (uc, ua, ub)
    assert p.permute_players([1, 2, 0]) == g
    with pytest.raises(GameError, match="exactly once"):
        g.permute_players([0, 0, 1])


def test_shift_scale_difference():
    s = CHICKEN.shift([10, "-1/2"])
    assert s.payoff(("D", "C")) == (17, F(3, 2))
    assert s.W == 12 + 10 - F(1, 2)
    assert CHICKEN.scale(3).W == 36
    assert CHICKEN.scale([1, 2]).payoff(("C", "C")) == (6, 12)
    d = CHICKEN.difference()
    assert d.matrix(0) == [[0, 5], [-5, 0]] and d.is_zero_sum()
    with pytest.raises(GameError, match="2-player"):
        three_player().difference()


def test_merge_coalition():
    g = three_player()
    m = g.merge(["B", "A"])
    assert m.players == ("A+B", "C") and m.shape == (6, 4)
    assert m.actions[0][5] == "A=1, B=2"
    for a, b, c in g.profiles():
        u = g.payoff_fmpq((a, b, c))
        assert m.payoff_fmpq((a * 3 + b, c)) == (u[0] + u[1], u[2])
    assert m.W == g.W
    mid = g.merge(["B", "C"], name="team")
    assert mid.players == ("A", "team") and mid.actions[1][0] == "B=0, C=0"
    with pytest.raises(GameError, match="twice"):
        g.merge(["A", "A"])


def test_relabel_and_rename():
    g = CHICKEN.relabel_actions("Row", {"D": "dare"}).rename_players(["R", "C"])
    assert g.actions[0] == ("dare", "C") and g.players == ("R", "C")
    with pytest.raises(GameError, match="appears twice"):
        CHICKEN.relabel_actions(0, ["D", "D"])


def test_to_dict():
    d = Game.bimatrix([[F(1, 2)]], [[-3]], players=("a", "b"), actions=(("x",), ("y",))).to_dict()
    assert d["players"] == ["a", "b"] and d["actions"] == [["x"], ["y"]]
    assert d["payoffs"] == [[["1/2", "-3"]]]


@pytest.mark.slow
def test_million_profile_game_is_workable():
    m = 1000
    values = list(range(m * m))
    g = Game.from_flat([values, values[::-1]], [m, m])
    assert g.num_profiles == 10**6
    assert g.W == m * m - 1
    assert g.payoff((999, 999)) == (F(m * m - 1), F(0))
    assert hash(g) == hash(Game.from_flat([values, values[::-1]], [m, m]))


small_games = st.integers(1, 3).flatmap(
    lambda n: st.lists(st.integers(1, 3), min_size=n, max_size=n).flatmap(
        lambda shape: st.lists(
            st.lists(st.integers(-5, 5), min_size=math.prod(shape), max_size=math.prod(shape)),
            min_size=len(shape), max_size=len(shape),
        ).map(lambda flat: Game.from_flat(flat, shape))
    )
)


@given(small_games, st.randoms())
def test_transform_properties(g, rnd):
    perm = list(range(g.num_players))
    rnd.shuffle(perm)
    p = g.permute_players(perm)
    inverse = [perm.index(k) for k in range(len(perm))]
    assert p.permute_players(inverse) == g
    assert p.W == g.W
    c = [rnd.randint(-3, 3) for _ in range(g.num_players)]
    assert g.shift(c).W == g.W + sum(c)
    assert g.shift(c).shift([-x for x in c]) == g
    i = rnd.randrange(g.num_players)
    order = list(range(g.shape[i]))
    rnd.shuffle(order)
    assert g.reorder_actions(i, order).W == g.W
    if g.num_players >= 2:
        merged = g.merge([0, g.num_players - 1])
        assert merged.W == g.W and merged.num_profiles == g.num_profiles
