"""Every public entry point given ``None`` or an argument of the wrong type raises the
library's own error: a :class:`GameTypeError` (a :class:`GameError`, hence an
:class:`ExactBargainError`, and a :class:`TypeError`) that names what was expected.

Before, ``nash_equilibria(None)`` raised ``AttributeError: 'NoneType' object has no attribute
'shape'``, and so did ``security_levels``, ``team_game``, ``horde_game``, ``compare`` and
``n_player_value``; ``Polygon(None)``, ``Game.from_flat(None, ...)`` and ``nash_bargaining(None)``
raised bare ``TypeError``s, ``Game.from_mapping("x", ...)`` an ``AttributeError``, and
``check(..., [[1, 2]])`` ``TypeError: unhashable type: 'list'``.
"""

from __future__ import annotations

import pytest

import exactbargain as eb
from exactbargain import bargaining, formats, report
from exactbargain.axioms import as_rule, check, threat_precondition
from exactbargain.errors import ExactBargainError, GameError, GameTypeError
from exactbargain.game import Game, require_game

GAME = Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])

#: name -> a call that passes ``x`` where the entry point needs a game (or its main argument)
ENTRY_POINTS = {
    "nash_equilibria": lambda x: eb.nash_equilibria(x),
    "minimax": lambda x: eb.minimax(x),
    "security_levels": lambda x: eb.security_levels(x),
    "CorrelatedEquilibria": lambda x: eb.CorrelatedEquilibria(x),
    "team_game": lambda x: eb.team_game(x, [0]),
    "horde_game": lambda x: eb.horde_game(x, [0]),
    "coco": lambda x: eb.coco(x),
    "fallback": lambda x: eb.fallback(x),
    "fallback_range": lambda x: eb.fallback_range(x),
    "nash_bargaining": lambda x: eb.nash_bargaining(x),
    "kalai_smorodinsky": lambda x: eb.kalai_smorodinsky(x),
    "shapley": lambda x: eb.shapley(x),
    "shapley with players": lambda x: eb.shapley(x, 2),
    "CoalitionFunction": lambda x: eb.CoalitionFunction(x, x),
    "CoalitionFunction.from_function": lambda x: eb.CoalitionFunction.from_function(len, x),
    "solve": lambda x: bargaining.solve(x),
    "solve coco": lambda x: bargaining.solve(x, "coco"),
    "compare": lambda x: bargaining.compare(x),
    "select_point": lambda x: bargaining.select_point(x),
    "n_player_value": lambda x: bargaining.n_player_value(x, eb.coco),
    "Polygon": lambda x: bargaining.Polygon(x),
    "Game": lambda x: Game(x),
    "Game.bimatrix": lambda x: Game.bimatrix(x, x),
    "Game.zero_sum": lambda x: Game.zero_sum(x),
    "Game.from_flat": lambda x: Game.from_flat(x, x),
    "Game.from_mapping": lambda x: Game.from_mapping(x, [["a"]]),
    "Game.from_function": lambda x: Game.from_function(x, [["a"]]),
    "read_game": lambda x: formats.read_game(x),
    "write_game": lambda x: formats.write_game(x, "never-written.nfg"),
    "write_nfg": lambda x: formats.write_nfg(x),
    "write_json": lambda x: formats.write_json(x),
    "parse_nfg": lambda x: formats.parse_nfg(x),
    "parse_json": lambda x: formats.parse_json(x),
    "check": lambda x: check("efficiency", "coco", x),
    "check after": lambda x: check("monotonicity", "coco", GAME, x if x is not None else 1),
    "as_rule": lambda x: as_rule(x),
    "threat_precondition": lambda x: threat_precondition(x),
    "render": lambda x: report.render(x),
    "to_fmpq": lambda x: eb.to_fmpq(x),
}


@pytest.mark.parametrize("wrong", [None, 3.5, object()], ids=["None", "float", "object"])
@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_wrong_types_raise_the_library_error(name, wrong):
    with pytest.raises(ExactBargainError) as info:
        ENTRY_POINTS[name](wrong)
    assert isinstance(info.value, TypeError), f"{name}({wrong!r}) raised {type(info.value).__name__}: {info.value}"
    assert str(info.value)


@pytest.mark.parametrize("name", ["nash_equilibria", "security_levels", "team_game", "horde_game", "coco",
                                  "fallback", "compare", "n_player_value", "solve", "check", "write_nfg"])
def test_messages_name_the_function_and_what_it_got(name):
    with pytest.raises(GameTypeError) as info:
        ENTRY_POINTS[name](None)
    where = name.split()[0]
    assert str(info.value) == f"{where}() needs a Game, got None"
    with pytest.raises(GameTypeError, match=r"needs a Game, got a list$"):
        ENTRY_POINTS[name]([[1, 2]])


def test_require_game():
    assert require_game(GAME, "f()") is GAME
    with pytest.raises(GameTypeError, match=r"^f\(\) needs a Game, got a str$"):
        require_game("game.nfg", "f()")
    assert issubclass(GameTypeError, GameError) and issubclass(GameTypeError, TypeError)
    assert eb.GameTypeError is GameTypeError


def test_wrong_values_of_the_right_type_stay_value_errors():
    # a string that is not a rule name is a bad value, not a bad type
    with pytest.raises(GameError) as info:
        as_rule("nash")
    assert not isinstance(info.value, TypeError)
    with pytest.raises(GameError, match="non-empty list of rows"):
        Game.bimatrix([], [])
