import itertools
import math

import pytest
from hypothesis import given, strategies as st

from exactbargain.equilibria import coalition_members, horde_game, team_game
from exactbargain.errors import GameError
from exactbargain.game import Game


@st.composite
def games(draw, min_players=2, max_players=4):
    n = draw(st.integers(min_players, max_players))
    shape = draw(st.lists(st.integers(1, 3), min_size=n, max_size=n))
    size = 1
    for m in shape:
        size *= m
    flat = [draw(st.lists(st.integers(-5, 5), min_size=size, max_size=size)) for _ in range(n)]
    return Game.from_flat(flat, shape, players=[f"P{i}" for i in range(n)])


def coalitions(n, proper=True):
    top = n if not proper else n - 1
    return [c for s in range(1, top + 1) for c in itertools.combinations(range(n), s)]


THREE = Game.from_function(
    lambda p: ({"U": 1, "D": 2}[p[0]], {"l": 10, "r": 20}[p[1]], {"x": 100, "y": 200, "z": 300}[p[2]]),
    [("U", "D"), ("l", "r"), ("x", "y", "z")],
    players=("Ann", "Bob", "Cy"),
)


def test_team_game_labels_and_payoffs():
    t = team_game(THREE, ["Ann", "Cy"])
    assert t.players == ("Ann+Cy", "Bob")
    assert t.shape == (6, 2)
    assert t.actions[0] == ("Ann=U, Cy=x", "Ann=U, Cy=y", "Ann=U, Cy=z", "Ann=D, Cy=x", "Ann=D, Cy=y", "Ann=D, Cy=z")
    assert t.actions[1] == ("Bob=l", "Bob=r")
    assert t.payoff(("Ann=D, Cy=y", "Bob=r")) == (202, 20)
    assert t.W == THREE.W == 2 + 20 + 300


def test_team_game_puts_the_coalition_first():
    t = team_game(THREE, [2])
    assert t.players == ("Cy", "Ann+Bob")
    assert t.actions[1] == ("Ann=U, Bob=l", "Ann=U, Bob=r", "Ann=D, Bob=l", "Ann=D, Bob=r")
    assert t.payoff(("Cy=z", "Ann=D, Bob=l")) == (300, 12)
    assert team_game(THREE, ["Bob"]).players == ("Bob", "Ann+Cy")
    # S and its complement give the same game with the players swapped.
    assert team_game(THREE, ["Ann", "Bob"]) == team_game(THREE, ["Cy"]).permute_players([1, 0])


def test_two_player_team_games_are_the_game_relabelled():
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("R", "C"), actions=(("c", "d"), ("c", "d")))
    t = team_game(pd, ["R"])
    assert t.actions == (("R=c", "R=d"), ("C=c", "C=d"))
    assert t.matrix(0) == pd.matrix(0) and t.matrix(1) == pd.matrix(1)
    s = team_game(pd, ["C"])
    assert s.players == ("C", "R")
    assert s.matrix(0) == [list(col) for col in zip(*pd.matrix(1))]


def test_horde_game():
    h = horde_game(THREE, ["Bob", "Cy"])
    assert h.players == ("Bob+Cy", "Ann") and h.shape == (6, 2)
    assert h.payoff(("Bob=r, Cy=x", "D")) == (120, 2)
    h1 = horde_game(THREE, ["Cy"])
    assert h1.players == ("Cy", "Ann", "Bob") and h1.shape == (3, 2, 2)
    assert h1.payoff(("Cy=y", "U", "r")) == (200, 1, 20)
    whole = horde_game(THREE, [0, 1, 2])
    assert whole.num_players == 1 and whole.shape == (12,)
    assert max(whole.payoff((a,))[0] for a in whole.actions[0]) == THREE.W
    assert horde_game(THREE, ["Ann"]) == THREE.merge(["Ann"])


def test_errors():
    with pytest.raises(GameError, match="empty coalition"):
        team_game(THREE, [])
    with pytest.raises(GameError, match="empty coalition"):
        horde_game(THREE, set())
    with pytest.raises(GameError, match="S = N"):
        team_game(THREE, ["Ann", "Bob", "Cy"])
    with pytest.raises(GameError, match="names a player twice"):
        team_game(THREE, ["Ann", 0])
    with pytest.raises(GameError, match="unknown player 'Dan'"):
        horde_game(THREE, ["Dan"])
    with pytest.raises(GameError, match="collection of players"):
        team_game(THREE, "Ann")
    with pytest.raises(GameError, match="collection of players"):
        team_game(THREE, 1)
    assert coalition_members(THREE, iter(["Cy", "Ann"])) == (0, 2)


@given(games(), st.data())
def test_team_games_keep_outcomes_and_totals(game, data):
    n = game.num_players
    members = data.draw(st.sampled_from(coalitions(n)))
    rest = tuple(j for j in range(n) if j not in members)
    t = team_game(game, [game.players[i] for i in members])
    assert t.shape == (math.prod(game.shape[i] for i in members), math.prod(game.shape[j] for j in rest))
    assert t.W == game.W
    index = {game.players[i]: i for i in range(n)}
    for a, b in itertools.product(range(t.shape[0]), range(t.shape[1])):
        profile = [None] * n
        for label in (t.actions[0][a], t.actions[1][b]):
            for part in label.split(", "):
                name, action = part.split("=")
                profile[index[name]] = game.action_index(index[name], action)
        u = game.payoff(tuple(profile))
        assert t.payoff((a, b)) == (sum(u[i] for i in members), sum(u[j] for j in rest))


@given(games(min_players=1), st.data())
def test_horde_games_keep_individual_payoffs(game, data):
    n = game.num_players
    members = data.draw(st.sampled_from(coalitions(n, proper=False)))
    h = horde_game(game, list(members))
    others = [j for j in range(n) if j not in members]
    assert h.players[1:] == tuple(game.players[j] for j in others)
    assert h.W == game.W
    index = {game.players[i]: i for i in range(n)}
    for profile in h.profiles():
        full = [None] * n
        for part in h.actions[0][profile[0]].split(", "):
            name, action = part.split("=")
            full[index[name]] = game.action_index(index[name], action)
        for k, j in enumerate(others, start=1):
            full[j] = profile[k]
        u = game.payoff(tuple(full))
        assert h.payoff(profile) == (sum(u[i] for i in members),) + tuple(u[j] for j in others)
