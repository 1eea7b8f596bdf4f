"""exactbargain.strategies: eager validation, valid draws, shrinking to readable games."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from exactbargain import Game
from exactbargain.axioms import modifications as mods
from exactbargain.strategies import (added_actions, bimatrix_games, curses, dominance_games, dominated_actions, games,
                                     instances, mixtures, modifications, opponent_shifts, permutations, relabellings,
                                     shifts, zero_sum_games)

from profiles import scaled

PD = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])


@pytest.mark.parametrize("call", [
    lambda: games(players=0),
    lambda: games(actions=(3, 1)),
    lambda: games(actions=0),
    lambda: games(payoffs=(2, 1)),
    lambda: games(payoffs="small"),
    lambda: games(players=2, actions=[1, 2, 3]),
    lambda: games(payoffs=range(0, 10, 2)),
    lambda: bimatrix_games(rows=0),
    lambda: zero_sum_games(columns=(2, 1)),
    lambda: added_actions("not a game", 0),
    lambda: added_actions(PD, 5),
    lambda: curses(PD, 0, size=-1),
    lambda: curses(PD, 0, size="big"),
    lambda: mixtures(PD, 0, max_weight=0),
    lambda: dominated_actions(PD, 0, margins=(0, 2)),
    lambda: modifications("fairness", PD),
    lambda: instances("monotonicity", actions=1),
])
def test_arguments_are_validated_eagerly(call):
    with pytest.raises(InvalidArgument):
        call()


@settings(max_examples=scaled(30))
@given(games(players=(1, 3), actions=(1, 3), payoffs=(-2, 2)))
def test_games_respect_bounds(g):
    assert 1 <= g.num_players <= 3
    assert all(1 <= m <= 3 for m in g.shape)
    assert all(-2 <= x <= 2 for p in range(g.num_players) for x in g.payoff_entries(p))


@settings(max_examples=scaled(30))
@given(games(players=2, actions=[1, (2, 3)], payoffs=st.sampled_from([Fraction(1, 2), Fraction(-3, 4)])))
def test_per_player_actions_and_rational_payoffs(g):
    assert g.shape[0] == 1 and g.shape[1] in (2, 3)
    assert all(x in (Fraction(1, 2), Fraction(-3, 4)) for row in g.matrix(0) for x in row)


@settings(max_examples=scaled(30))
@given(zero_sum_games(), dominance_games())
def test_special_games(z, d):
    assert z.is_zero_sum()
    assert all(a >= b for a, b in zip(d.payoff_entries(0), d.payoff_entries(1)))


def test_shrinks_to_readable_games():
    g = find(games(players=2, actions=(1, 3), payoffs=(-5, 5)), lambda g: g.W >= 3, settings=settings(database=None))
    assert g.shape == (1, 1)
    assert sorted((g.payoff((0, 0)))) in ([0, 3], [1, 2])
    big = find(bimatrix_games(), lambda g: g.num_profiles >= 4, settings=settings(database=None))
    assert big.shape in ((2, 2), (1, 4), (4, 1))
    assert all(x == 0 for p in range(2) for x in big.payoff_entries(p))


@settings(max_examples=scaled(25))
@given(st.data())
def test_modifications_are_what_they_claim(data):
    g = data.draw(bimatrix_games(rows=(1, 2), columns=(1, 2)))
    m = data.draw(added_actions(g, 1))
    assert mods.recognise_added_action(g, m.after).player == 1
    m = data.draw(curses(g, size=(0, 5)))
    found = mods.recognise_uniform_curse(g, m.after)
    # a game may be a curse in several ways (two equal columns for the curser, different
    # for the victim): the recognised reading must rebuild the same game
    again = mods.add_uniform_curse(g, found.player, found.params["size"], copy=found.params["copy"],
                               label=found.params["action"])
    assert again.after == m.after
    if len(g.actions[m.player]) == 1:  # one action to copy: one reading
        assert found.params["size"] == m.params["size"]
    m = data.draw(mixtures(g))
    assert mods.recognise_mixture(g, m.after).kind == "mixture-action"
    m = data.draw(dominated_actions(g))
    assert mods.recognise_dominated_action(g, m.after).params["margin"] > 0
    m = data.draw(shifts(g))
    assert mods.recognise_shift(g, m.after).params["constants"] == m.params["constants"]
    m = data.draw(opponent_shifts(g, 0))
    assert mods.recognise_opponent_shift(g, m.after, 0).params["h"] == m.params["h"]
    m = data.draw(permutations(g))
    assert mods.recognise_permutation(g, m.after).after == m.after
    m = data.draw(relabellings(g))
    assert mods.recognise_relabelling(g, m.after, m.player).after == m.after


@settings(max_examples=scaled(20))
@given(st.data())
def test_instances_fit_their_axiom(data):
    from exactbargain.axioms import AXIOMS

    for name in AXIOMS:
        game, mod = data.draw(instances(name, actions=(1, 3), payoffs=(-2, 2)))
        if mod is None:
            assert name in ("efficiency", "dominance")
        else:
            assert mod.before == game and max(mod.after.shape) <= 3
