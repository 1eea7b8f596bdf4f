"""Formula (star) on a game's coalition games (:func:`exactbargain.cooperative.star_value`)."""

from __future__ import annotations

from fractions import Fraction

import pytest

import exactbargain.cooperative as cooperative
from exactbargain import Game, coco, fallback, shapley
from exactbargain.bargaining import n_player_value
from exactbargain.cooperative import COALITION_MODELS, StarValue, star_formula, star_value
from exactbargain.equilibria import horde_game, team_game
from exactbargain.errors import GameError, GameTypeError

GOODS = Game.from_function(lambda a: tuple(2 * a.count("C") - 3 * (x == "C") for x in a), [("C", "N")] * 3)
ODD = Game([[[(1, 0, 0), (0, 1, 0)], [(0, 0, 1), (2, 2, 2)]]])


def test_public_and_exported():
    assert {"star_value", "StarValue", "COALITION_MODELS"} <= set(cooperative.__all__)
    assert COALITION_MODELS == ("two-teams", "team-vs-individuals")
    for section in ("Parameters", "Returns", "Raises"):
        assert section in star_value.__doc__


def test_coco_is_star_of_the_two_player_coco_of_every_team_game():
    star = star_value(ODD, lambda model, members: coco(model).payoffs)
    assert star.payoffs == (Fraction(5, 3), Fraction(13, 6), Fraction(13, 6)) == coco(ODD).payoffs
    assert star.payoffs == star_formula(star.coalition_function) == shapley(star.coalition_function)
    assert sum(star.payoffs) == ODD.W
    assert star.coalition_function == coco(ODD).coalition_function


def test_the_value_sees_each_coalition_game_once_per_pair_or_once_per_coalition():
    seen = []

    def value(model, members):
        seen.append(members)
        assert model == team_game(ODD, members)
        return coco(model).payoffs

    paired = star_value(ODD, value)
    assert seen == [(0,), (0, 1), (0, 2)] and paired.pairs
    seen.clear()
    single = star_value(ODD, value, pairs=False)
    assert seen == [(0,), (1,), (0, 1), (2,), (0, 2), (1, 2)] and not single.pairs
    assert single.payoffs == paired.payoffs and single.coalition_function == paired.coalition_function
    assert [part[0] for part in single.parts] == seen and all(part[3] == 0 for part in single.parts)


def test_team_vs_individuals_uses_horde_games_and_can_read_singletons_off_the_game():
    models = {}

    def value(model, members):
        models[members] = model
        return (model.W,) + (Fraction(0),) * (model.num_players - 1)

    star = star_value(GOODS, value, "team-vs-individuals")
    assert models[(0,)] == horde_game(GOODS, [0]) and models[(0,)].num_players == 3
    assert models[(0, 1)] == team_game(GOODS, [0, 1])  # one player left out: H_S = G_S
    assert not star.pairs and star.coalitions == "team-vs-individuals"
    models.clear()
    star = star_value(GOODS, lambda model, members: models.setdefault(members, model).num_players * (1,)
                      if members else (5, 6, 7), "team-vs-individuals", singletons_from_game=True)
    assert [star.coalition_function[[i]] for i in range(3)] == [5, 6, 7]
    assert [p[:2] for p in star.parts[:3]] == [((0,), GOODS), ((1,), GOODS), ((2,), GOODS)]
    assert [p[3] for p in star.parts[:3]] == [0, 1, 2]


def test_fallback_and_n_player_value_are_built_on_it():
    sol = fallback(GOODS, coalitions="team-vs-individuals")
    assert sol.payoffs == (Fraction(3), Fraction(3), Fraction(3))
    assert sol.disagreement == tuple(sol.coalition_function[[i]] for i in range(3))
    assert sol.verify()
    custom = n_player_value(ODD, lambda t: (t.W / 2, t.W / 2), rule="split")
    assert custom.payoffs == (Fraction(2),) * 3 and custom.rule == "split" and custom.verify()


def test_bad_input_is_refused_with_the_reason():
    with pytest.raises(GameError, match="coalitions must be one of two-teams, team-vs-individuals; got 'teams'"):
        star_value(ODD, lambda model, members: (0, 0), "teams")
    with pytest.raises(GameError, match="the value returned 3 payoffs for a 2-player game"):
        star_value(ODD, lambda model, members: (0, 0, 0))
    with pytest.raises(GameTypeError):
        star_value([[1]], lambda model, members: (0, 0))
    assert isinstance(star_value(ODD, lambda model, members: (0, 0)), StarValue)
