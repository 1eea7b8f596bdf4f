"""The n-player fallback for every value of the parameter, checked against the ordinary exact
fallback: coalition families, selected points, (star) on the common refinement, claims and the
command line."""

from __future__ import annotations

import json
import random
from fractions import Fraction as F

import pytest

from exactbargain import fallback as ordinary_fallback
from exactbargain.bargaining.selection import select_point
from exactbargain.equilibria import horde_game as ordinary_horde, team_game as ordinary_team
from exactbargain.errors import GameError
from exactbargain.parametric import (Algebraic, Interval, ParametricError, ParametricGame, coalition_function,
                                     fallback, holds, horde_game, team_game)
from exactbargain.parametric.algebraic import compare
from exactbargain.parametric.nplayer import point_n, star

TWO_TEAMS = ["welfare", "egalitarian", "dictator-1", "dictator-2", "dictator-3", "random-dictator"]
HORDES = ["welfare", "egalitarian", "dictator-1", "dictator-2", "dictator-3", "random-dictator"]
CASES = [("two-teams", s) for s in TWO_TEAMS] + [("team-vs-individuals", s) for s in HORDES]


def family3(seed: int, k: int = 2) -> ParametricGame:
    """A seeded 2x2x2 family with affine payoffs, integer coefficients in [-k, k]."""
    rng = random.Random(seed)
    return ParametricGame(["A", "B", "C"], [["a", "b"]] * 3,
                          [[f"{rng.randint(-k, k)} + {rng.randint(-k, k)}*t" for _ in range(8)] for _ in range(3)])


def goods(parameter: str = "t") -> ParametricGame:
    """docs/theory.md §5.5's unequal public-goods game with Ann's contribution costing ``t``
    (3 in the bundled example); every contribution pays 2 (Ann's) or 3 to everyone."""
    cells = [(a, b, c) for a in (1, 0) for b in (1, 0) for c in (1, 0)]
    share = [2 * a + 3 * b + 3 * c for a, b, c in cells]
    return ParametricGame(["Ann", "Bob", "Cat"], [["C", "N"]] * 3,
                          [[f"{s} - {a}*{parameter}" for s, (a, _, _) in zip(share, cells)],
                           [s - 4 * b for s, (_, b, _) in zip(share, cells)],
                           [s - 4 * c for s, (_, _, c) in zip(share, cells)]], parameter)


def dummy() -> ParametricGame:
    """A chooses between t for itself and 1 for C; B is a dummy."""
    return ParametricGame(["A", "B", "C"], [["x", "y"], ["x"], ["x"]], [["t", 0], [0, 0], [0, 1]])


def pieces_of(values):
    """The common refinement of the players' tilings (intervals)."""
    rows = [p.interval for p in values[0].pieces]
    for other in values[1:]:
        rows = [both for iv in rows for q in other.pieces if (both := iv.intersect(q.interval)) is not None]
    return rows


def tiles(values, domain: Interval) -> None:
    """Every player's pieces cover the domain with no gap and no overlap."""
    for value in values:
        ivs = [p.interval for p in value.pieces]
        assert (ivs[0].lo is None) == (domain.lo is None) and ivs[0].lo_closed == domain.lo_closed
        if domain.lo is not None:
            assert compare(ivs[0].lo, domain.lo) == 0
        for a, b in zip(ivs, ivs[1:]):
            assert compare(a.hi, b.lo) == 0 and a.hi_closed != b.lo_closed
        assert (ivs[-1].hi is None) == (domain.hi is None) and ivs[-1].hi_closed == domain.hi_closed
        if domain.hi is not None:
            assert compare(ivs[-1].hi, domain.hi) == 0


def points(iv: Interval) -> list[F]:
    """Rationals inside the piece (a middle point, and within 1/1000 and 1/10^9 of each end),
    and its rational ends when it holds them."""
    out = [] if iv.is_point and isinstance(iv.lo, Algebraic) else [iv.sample()]
    for end, side in ((iv.lo, 1), (iv.hi, -1)):
        if end is None:
            continue
        near = end if isinstance(end, F) else end.approx(15)
        out += [x for x in (near + side * F(1, 1000), near + side * F(1, 10 ** 9)) if iv.contains(x)]
        if isinstance(end, F) and iv.contains(end):
            out.append(end)
    return out


def agrees(family, values, select, model) -> int:
    """Compare every piece's formulas with the ordinary fallback at its points; the count."""
    count = 0
    for iv in pieces_of(values):
        for t0 in points(iv):
            expected = ordinary_fallback(family.at(t0), select, coalitions=model).payoffs
            assert tuple(v(t0) for v in values) == expected, (select, model, str(iv), t0)
            count += 1
    return count


# ---------------------------------------------------------------------------- coalition families
@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 3, 1), (1, 2, 2, 2)])
def test_coalition_families_are_the_ordinary_coalition_games(shape):
    rng = random.Random(len(shape) * 10 + shape[1])
    cells = 1
    for s in shape:
        cells *= s
    n = len(shape)
    fam = ParametricGame([f"P{i}" for i in range(n)], [[f"a{k}" for k in range(s)] for s in shape],
                         [[f"{rng.randint(-3, 3)}*t + {rng.randint(-3, 3)}" for _ in range(cells)] for _ in range(n)])
    t0 = F(-7, 3)
    game = fam.at(t0)
    for mask in range(1, 2 ** n):
        members = [i for i in range(n) if mask >> i & 1]
        pairs = [(horde_game(fam, members), ordinary_horde(game, members))]
        if len(members) < n:
            pairs.append((team_game(fam, [fam.players[i] for i in members]), ordinary_team(game, members)))
        for mine, theirs in pairs:
            mine = mine.at(t0)
            assert (mine.players, mine.actions) == (theirs.players, theirs.actions)
            assert all(mine.payoff(p) == theirs.payoff(p) for p in theirs.profiles())


def test_coalition_families_refuse_bad_coalitions():
    fam = dummy()
    with pytest.raises(GameError, match="grand coalition"):
        team_game(fam, [0, 1, 2])
    with pytest.raises(GameError, match="no player 'D'"):
        horde_game(fam, ["D"])
    with pytest.raises(GameError, match="collection of players"):
        team_game(fam, "A")
    with pytest.raises(GameError, match="twice"):
        team_game(fam, ["A", 0])


# ---------------------------------------------------------------------------- by hand
def test_dummy_family_by_hand_and_its_coalition_function():
    phi = fallback(dummy(), "welfare", "0:2")
    assert [[(str(p.interval), p.value.text("t")) for p in v.pieces] for v in phi] == [
        [("{0}", "0"), ("(0, 1]", "1/2*t + 1/2"), ("(1, 2]", "t")],
        [("[0, 2]", "0")],
        [("{0}", "1"), ("(0, 1]", "-1/2*t + 1/2"), ("(1, 2]", "0")],
    ]
    v = phi.coalition_function
    assert sorted(v) == [(0,), (0, 1), (0, 1, 2), (0, 2), (1,), (1, 2), (2,)]
    assert str(v[(0, 1, 2)]) == "t in [0, 1]: 1\nt in (1, 2]: t"
    assert phi.verify()
    assert agrees(dummy(), phi, "welfare", "two-teams") >= 10


@pytest.mark.parametrize("select", ["welfare", "egalitarian", "dictator-2", "random-dictator"])
def test_every_selection_in_the_three_player_game_itself(select):
    # under team-vs-individuals the singletons come from the family itself (three players)
    values = fallback(dummy(), select, "-1:2", "team-vs-individuals")
    assert agrees(dummy(), values, select, "team-vs-individuals") >= 8
    d = point_n(dummy(), select, "-1:2")
    assert [x(F(1, 2)) for x in d] == list(select_point(dummy().at(F(1, 2)), select).payoffs)


def test_public_goods_family_for_every_cost_of_anns_contribution():
    fam = goods()
    a = fallback(fam, "welfare", "0:6")
    b = fallback(fam, "dictator-1", "0:6", "team-vs-individuals")
    assert [str(x) for x in a] == [
        "t in [0, 2]: -t + 17/3\nt in (2, 4]: -2/3*t + 19/3\nt in (4, 6]: -1/3*t + 17/3",
        "t in [0, 2]: 31/6\nt in (2, 4]: -1/6*t + 29/6\nt in (4, 6]: -1/3*t + 31/6",
        "t in [0, 2]: 31/6\nt in (2, 4]: -1/6*t + 29/6\nt in (4, 6]: -1/3*t + 31/6"]
    assert [str(x) for x in b] == [
        "t in [0, 2]: -t + 14/3\nt in (2, 4]: -2/3*t + 6\nt in (4, 6]: -1/3*t + 14/3",
        "t in [0, 2]: 17/3\nt in (2, 4]: -1/6*t + 5\nt in (4, 6]: -1/3*t + 17/3",
        "t in [0, 2]: 17/3\nt in (2, 4]: -1/6*t + 5\nt in (4, 6]: -1/3*t + 17/3"]
    # at the bundled example's cost 3: (13/3, 13/3, 13/3) and (4, 9/2, 9/2) (docs/theory.md §5.5)
    assert tuple(x(3) for x in a) == (F(13, 3),) * 3 and tuple(x(3) for x in b) == (4, F(9, 2), F(9, 2))
    assert agrees(fam, a, "welfare", "two-teams") and agrees(fam, b, "dictator-1", "team-vs-individuals")


QUICK = [("two-teams", "egalitarian"), ("two-teams", "random-dictator"), ("team-vs-individuals", "dictator-3"),
         ("team-vs-individuals", "welfare")]


@pytest.mark.parametrize("model, select", [pytest.param(*case, marks=() if case in QUICK else pytest.mark.slow)
                                           for case in CASES])
def test_public_goods_family_matches_the_ordinary_fallback(model, select):
    fam = goods()
    values = fallback(fam, select, "[-1, 7)", model)
    tiles(values, Interval.parse("[-1, 7)"))
    assert agrees(fam, values, select, model) >= 9


def test_tampered_certificates_and_coalition_values_fail():
    phi = fallback(dummy(), "dictator-2", "-1:2", "team-vs-individuals")
    assert phi.check() == []
    iv, cert = next((iv, c) for p in phi[0].pieces for iv, c in p.certificates if not iv.is_point)
    good = cert.value
    cert.value = good + 1
    try:
        assert not phi.verify()
        assert any("value differs" in m for m in phi.check())
    finally:
        cert.value = good
    assert phi.verify()
    v = dict(phi.coalition_function)
    phi.coalition_function[(1, 2)] = v[(1, 2)] + 1
    assert phi.coalition_function != v
    assert any("not (star)" in m for m in phi.check())


def test_three_player_dictator_point_is_the_middle_of_its_segment():
    # A is a dummy; B and C play Battle of the Sexes worth (2 + t, 1) and (1, 2 + t): A's best
    # face is everything, the best total 3 + t is the segment between the two equilibria,
    # and the leximin point relative to its floor (1, 1) is its middle
    fam = ParametricGame(["A", "B", "C"], [["a"], ["o", "f"], ["o", "f"]],
                         [[1, 1, 1, 1], ["2 + t", 0, 0, 1], [1, 0, 0, "2 + t"]])
    d = point_n(fam, "dictator-1", "0:1")
    assert [str(x) for x in d] == ["t in [0, 1]: 1", "t in [0, 1]: 1/2*t + 3/2", "t in [0, 1]: 1/2*t + 3/2"]
    from exactbargain.bargaining.selection import select_point
    for t0 in (F(0), F(1, 3), F(1)):
        assert select_point(fam.at(t0), "dictator-1").payoffs == tuple(x(t0) for x in d)


def test_star_is_the_shapley_value():
    from exactbargain.parametric import Piece, Piecewise, RatFunc
    from exactbargain.parametric.ratfunc import poly_of
    from exactbargain import shapley

    t = RatFunc(poly_of([0, 1]))
    line = Interval()
    table = {(0,): 1, (1,): 2, (2,): 0, (0, 1): 4, (0, 2): 3, (1, 2): 5, (0, 1, 2): 9}
    v = {k: Piecewise([Piece(line, t * x + 1)]) for k, x in table.items()}
    phi = star(v, 3)
    ordinary = shapley({frozenset(k): F(2) * x + 1 for k, x in table.items()} | {frozenset(): 0}, 3)
    assert tuple(x(2) for x in phi) == tuple(ordinary)


# ---------------------------------------------------------------------------- random families
@pytest.mark.parametrize("seed, model, select", [(11, "two-teams", "dictator-2"),
                                                 (12, "team-vs-individuals", "dictator-3")])
def test_random_three_player_families_match_the_ordinary_fallback(seed, model, select):
    fam = family3(seed, 1)
    values = fallback(fam, select, "-1:1", model)
    tiles(values, Interval.parse("-1:1"))
    assert agrees(fam, values, select, model) >= 6


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("model, select", CASES)
def test_random_three_player_families_match_the_ordinary_fallback_slow(seed, model, select):
    fam = family3(seed)
    values = fallback(fam, select, "[-2, 2)", model)
    tiles(values, Interval.parse("[-2, 2)"))
    assert agrees(fam, values, select, model) >= 6


@pytest.mark.slow
@pytest.mark.parametrize("model, select", [("two-teams", "welfare"), ("team-vs-individuals", "dictator-1")])
def test_random_three_player_certificates_verify(model, select):
    assert fallback(family3(5, 1), select, "-1:1", model).verify()


# ---------------------------------------------------------------------------- where it stops
def test_refusals_name_where_the_method_stops():
    fam = dummy()
    with pytest.raises(ParametricError, match="nash selection is not parametric"):
        fallback(fam, "nash")
    with pytest.raises(ParametricError, match="nash selection is not parametric"):
        point_n(fam, "nash", "0:1")
    with pytest.raises(GameError, match="coalitions must be one of"):
        fallback(fam, "welfare", coalitions="everyone")
    with pytest.raises(GameError, match="dictator-4 names player 4"):
        fallback(fam, "dictator-4")


@pytest.mark.parametrize("select, plan", [("welfare", ["w+"]), ("egalitarian", []), ("dictator-2", ["2+", "w+"])])
def test_leximin_point_of_a_three_player_family(select, plan):
    from exactbargain.bargaining.selection import select_point
    from exactbargain.parametric.leximin import leximin_point

    fam = family3(2, 2)
    d = leximin_point(fam, plan, Interval.parse("-2:2"))
    tiles(d, Interval.parse("-2:2"))
    count = 0
    for iv in pieces_of(d):
        for t0 in points(iv):
            assert tuple(x(t0) for x in d) == select_point(fam.at(t0), select).payoffs, (select, str(iv), t0)
            count += 1
    assert count >= 15


@pytest.mark.parametrize("model, select", [("team-vs-individuals", "welfare"), ("team-vs-individuals", "dictator-2"),
                                           ("two-teams", "random-dictator")])
def test_four_player_family_matches_the_ordinary_fallback(model, select):
    rng = random.Random(4)
    fam = ParametricGame(["A", "B", "C", "D"], [["a", "b"], ["a"], ["a", "b"], ["a"]],
                         [[f"{rng.randint(-1, 1)} + {rng.randint(-1, 1)}*t" for _ in range(4)] for _ in range(4)])
    values = fallback(fam, select, "-1:1", model)
    tiles(values, Interval.parse("-1:1"))
    assert agrees(fam, values, select, model) >= 3


# ---------------------------------------------------------------------------- claims and CLI
def test_claims_use_the_n_player_fallback():
    fam = goods()
    proof = holds(lambda q: [sum(q.fallback("dictator-2", "team-vs-individuals"), q.const(0)).eq(q.W()),
                             sum(q.fallback("random-dictator", "team-vs-individuals")[1:], q.const(0)) >= F(22, 3),
                             q.fallback()[1].eq(q.fallback()[2])], fam, "0:6")
    assert proof.holds
    refuted = holds(lambda q: q.fallback("welfare")[0] >= 4, fam, "0:6")
    assert not refuted.holds and refuted.witness is not None
    assert ordinary_fallback(refuted.game, "welfare").payoffs[0] < 4


def test_solve_param_three_players_json_and_text(tmp_path, capsys):
    from exactbargain.cli import main

    from exactbargain.parametric.expr import str_poly

    fam = goods()
    cell = [[str_poly(u[k], "t") for u in fam.payoffs] for k in range(8)]
    doc = {"parameter": "t", "players": list(fam.players), "actions": [list(a) for a in fam.actions],
           "payoffs": [[[cell[4 * a + 2 * b + c] for c in range(2)] for b in range(2)] for a in range(2)]}
    path = tmp_path / "goods.json"
    path.write_text(json.dumps(doc))
    assert main(["solve", str(path), "--param", "t", "--range", "0:2", "--rule", "fallback",
                 "--select", "dictator-1", "--coalitions", "team-vs-individuals", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["parameter", "rule", "select", "range", "coalitions", "pieces"]
    assert (out["rule"], out["select"], out["coalitions"]) == ("fallback", "dictator-1", "team-vs-individuals")
    assert out["pieces"][0] == {"from": "0", "to": "2", "closed": [True, True],
                                "payoffs": ["-t + 14/3", "17/3", "17/3"]}
    assert main(["solve", str(path), "--param", "t", "--range", "[1, 3)", "--rule", "fallback"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines() == ["fallback[welfare; two-teams] for t in [1, 3)",
                                 "  t in [1, 2]  (-t + 17/3, 31/6, 31/6)",
                                 "  t in (2, 3)  (-2/3*t + 19/3, -1/6*t + 29/6, -1/6*t + 29/6)"]
    assert main(["solve", str(path), "--param", "t", "--rule", "coco", "--coalitions", "two-teams"]) == 2
    assert "--coalitions applies to the fallback" in capsys.readouterr().err
    assert main(["solve", str(path), "--param", "t", "--rule", "fallback", "--select", "nash",
                 "--coalitions", "team-vs-individuals"]) == 2
    assert "nash selection is not parametric" in capsys.readouterr().err
