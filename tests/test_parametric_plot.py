"""Plots of a family's values against its parameter: the exact series data (checked against the
ordinary solvers on the game at each sample), the breakpoints, the window of an unbounded
domain, the drawing and the ``plot --param`` command line.

Expected numbers come from the ordinary ``coco``/``fallback`` of ``ParametricGame.at(t0)`` and
from the hand-worked pieces of Chicken with crash payoff ``-c`` (docs/parametric.md): the
dictator fallback of Row drops from 17/2 to 6 below ``c = -2``, every value is ``-c`` below
``c = -6``.
"""

from __future__ import annotations

import json
import random
from fractions import Fraction as F

import pytest

from exactbargain import coco as ordinary_coco
from exactbargain import fallback as ordinary_fallback
from exactbargain.cli import main
from exactbargain.errors import GameError
from exactbargain.parametric import Interval, ParametricGame, coco, fallback
from exactbargain.plot.family import FamilyPlotData, choose_window, family_plot_data, interval_text, point_text

CHICKEN = ParametricGame.bimatrix([["-c", 7], [2, 6]], [["-c", 2], [7, 6]], parameter="c",
                                  players=("Row", "Column"), title="Chicken, crash payoff -c")
CURSE_JSON = """{"parameter": "t", "title": "Prisoner's Dilemma with a curse of size t",
 "players": ["Row", "Column"], "actions": [["C", "D", "K"], ["C", "D"]],
 "payoffs": [[["3", "3"], ["0", "5"]], [["5", "0"], ["1", "1"]], [["5", "-t"], ["1", "1 - t"]]]}"""
#: Row alone chooses between t^2 - 2 and 0: CoCo gives Row max(t^2 - 2, 0), breaking at +-sqrt(2)
GROW = ParametricGame.bimatrix([["t^2 - 2"], ["0"]], [["0"], ["0"]])
#: a zero-sum family whose value -1/(t - 2) for t <= 1 is a rational function, not a polynomial
PENNIES = ParametricGame.bimatrix([["t", 1], [1, 0]], [["-t", -1], [-1, 0]])


def ordinary(game: ParametricGame, rule: str, t0: F) -> tuple[F, ...]:
    at = game.at(t0)
    if rule == "coco":
        return ordinary_coco(at).payoffs
    return ordinary_fallback(at, rule.removeprefix("fallback-")).payoffs


def check_against_ordinary(game: ParametricGame, data: FamilyPlotData) -> int:
    """Every sample inside its piece equals the ordinary solve at that value; at an open end
    it is the piece's formula there. Returns how many samples were compared."""
    compared = 0
    for c in data.curves:
        i = data.players.index(c.player)
        for piece, samples in zip(c.value.pieces, c.samples):
            assert samples, (c.rule, c.player, str(piece.interval))
            picked = samples if len(samples) <= 6 else samples[:3] + samples[-3:] + samples[len(samples) // 2:][:1]
            for t, v in picked:
                assert v == piece.value(t)
                if piece.interval.contains(t):
                    assert v == ordinary(game, c.rule, t)[i], (c.rule, c.player, t)
                    compared += 1
    return compared


def test_chicken_series_data_match_the_ordinary_rules():
    data = family_plot_data(CHICKEN, ["coco", "fallback-welfare", "fallback-dictator-1"])
    assert check_against_ordinary(CHICKEN, data) >= 20
    row = data.curve("fallback-dictator-1", "Row")
    assert [(interval_text(p.interval), p.value.text("c")) for p in row.value.pieces] == [
        ("[-10, -6]", "-c"), ("(-6, -2)", "6"), ("[-2, 2]", "17/2")]
    # affine pieces are drawn from their two ends
    assert row.samples == (((F(-10), F(10)), (F(-6), F(6))), ((F(-6), F(6)), (F(-2), F(6))),
                           ((F(-2), F(17, 2)), (F(2), F(17, 2))))
    # one jump, at -2: 6 from the left (not taken), 17/2 (taken)
    assert row.jumps == ((F(-2), F(6), False), (F(-2), F(17, 2), True))
    assert data.curve("coco", "Row").jumps == ()
    # the formulas shown are those of the whole domain, as the parametric solver gives them
    assert row.rows() == fallback(CHICKEN, "dictator-1")[0].rows() == [
        ("(-inf, -6]", "-c"), ("(-6, -2)", "6"), ("[-2, inf)", "17/2")]


def test_breakpoints_are_the_pieces_ends_inside_a_bounded_range():
    family = ParametricGame.bimatrix([[3, 0], [5, 1], [5, 1]], [[3, 5], [0, 1], ["-t", "1 - t"]])
    data = family_plot_data(family, ["coco", "fallback-welfare", "fallback-egalitarian"], "[-3, 5/2)")
    ends = set()
    for values in (coco(family, "[-3, 5/2)"), fallback(family, "welfare", "[-3, 5/2)"),
                   fallback(family, "egalitarian", "[-3, 5/2)")):
        for v in values:
            ends.update(v.breakpoints())
    assert [b.point for b in data.breakpoints] == sorted(ends - {F(-3), F(5, 2)}) == [F(-1), F(0)]
    assert [b.text for b in data.breakpoints] == ["-1", "0"] and not data.chosen
    assert str(data.window) == "[-3, 5/2)"
    assert check_against_ordinary(family, data) >= 10


def test_irrational_breakpoints_are_labelled_with_their_polynomial_and_drawn_near_the_root():
    data = family_plot_data(GROW, ["coco"], "-3:3")
    assert [b.text for b in data.breakpoints] == ["root of t^2 - 2 ~ -1.41421", "root of t^2 - 2 ~ 1.41421"]
    for b, sign in zip(data.breakpoints, (-1, 1)):
        assert abs(b.position - sign * F(14142136, 10 ** 7)) < F(1, 10 ** 6)
        assert (b.position ** 2 - 2) * (F(14142, 10 ** 4) ** 2 - 2) > 0 or abs(b.position ** 2 - 2) < F(1, 10 ** 5)
    row = data.curve("coco", "1")
    # the quadratic piece [-3, -sqrt 2] is sampled densely: 53 of 200 (its share of the width 6)
    first = row.samples[0]
    assert len(first) == 53 and first[0] == (F(-3), F(7)) and all(v == t * t - 2 for t, v in first)
    # the irrational end is replaced by a rational inside the piece, within a millionth of the width
    assert first[-1][0] < 0 and first[-1][0] ** 2 > 2 and first[-1][0] ** 2 - 2 < F(1, 10 ** 4)
    assert len(row.samples[1]) == 2 and all(v == 0 for _, v in row.samples[1])
    assert check_against_ordinary(GROW, data) >= 10
    assert point_text(data.breakpoints[1].point, "x") == "root of x^2 - 2 ~ 1.41421"


def test_rational_function_pieces_are_sampled_at_exact_points():
    data = family_plot_data(PENNIES, ["coco"], "-4:3")
    row = data.curve("coco", "1")
    assert [(interval_text(p.interval), p.value.text()) for p in row.value.pieces] == [
        ("[-4, 1]", "-1/(t - 2)"), ("(1, 3]", "1")]
    assert len(row.samples[0]) == 143  # ceil(200 * 5/7)
    assert all(v == F(1) / (2 - t) for t, v in row.samples[0])
    assert check_against_ordinary(PENNIES, data) >= 8


@pytest.mark.parametrize("seed", range(4))
def test_random_affine_families_match_the_ordinary_rules(seed):
    rng = random.Random(seed)
    m, n = rng.choice([(2, 2), (2, 3), (3, 2)])
    A, B = ([[f"{rng.randint(-2, 2)} + {rng.randint(-2, 2)}*t" for _ in range(n)] for _ in range(m)] for _ in range(2))
    family = ParametricGame.bimatrix(A, B)
    data = family_plot_data(family, ["coco", "fallback-dictator-2"], "-3:3")
    assert check_against_ordinary(family, data) >= 4
    # the curves tile the window, and the breakpoints are their inner ends
    for c in data.curves:
        assert c.value.domain.lo == -3 and c.value.domain.hi == 3
    inner = {e for c in data.curves for e in c.value.breakpoints()} - {F(-3), F(3)}
    assert {b.point for b in data.breakpoints} == inner


def test_three_players_coco():
    three = ParametricGame(["A", "B", "C"], [["x", "y"], ["x"], ["x"]], [["t", 0], [0, 0], [0, 1]])
    data = family_plot_data(three, "coco", "-2:2")
    assert [b.text for b in data.breakpoints] == ["-1", "1"]
    assert check_against_ordinary(three, data) >= 6


@pytest.mark.parametrize("domain, points, window", [
    ("(-inf, inf)", [F(-1), F(0)], "[-2, 1]"),      # span 1, as much again on both sides
    ("0:inf", [F(0), F(5, 2)], "[0, 5]"),           # span 5/2 beyond 5/2, rounded up
    ("(-inf, 3)", [], "[2, 3)"),                    # no breakpoint: at least 1 below the end
    ("(-inf, inf)", [], "[-1, 1]"),
    ("[-1/2, 7/3]", [F(0)], "[-1/2, 7/3]"),         # bounded: itself
])
def test_the_window_of_an_unbounded_domain(domain, points, window):
    assert str(choose_window(Interval.parse(domain), points)) == window


def test_an_unbounded_domain_is_drawn_on_a_window_that_says_so():
    data = family_plot_data(CHICKEN, ["fallback-dictator-1"])
    assert str(data.window) == "[-10, 2]" and data.chosen
    assert data.window_note.startswith("drawn for c in [-10, 2]: the domain (-inf, inf) is unbounded")
    assert [b.text for b in data.breakpoints] == ["-6", "-2"]
    half = family_plot_data(CHICKEN, ["fallback-dictator-1"], "(-4, inf)")
    assert str(half.window) == "(-4, 0]" and [b.text for b in half.breakpoints] == ["-2"]


#: The welfare fallback of Row jumps at t = 3/2: 5/2 from the left, 7/4 there, 1 from the right
JUMPS = ParametricGame.bimatrix(
    [["-2*t + 3", "0", "2*t - 3"], ["0", "1", "-t + 1"], ["t", "2*t - 1", "-2*t + 3"]],
    [["2*t - 3", "-2*t + 2", "t + 2"], ["-2*t + 1", "t + 3", "-2"], ["2", "-2*t - 2", "2*t - 2"]])


def test_a_value_taken_at_one_point_only_is_a_dot_between_two_hollow_ends():
    data = family_plot_data(JUMPS, ["fallback-welfare"], "5/4:2")
    row = data.curve("fallback-welfare", "1")
    assert [(interval_text(p.interval), p.value.text()) for p in row.value.pieces] == [
        ("[5/4, 3/2)", "t + 1"), ("{3/2}", "7/4"), ("(3/2, 2]", "t - 1/2")]
    assert row.samples[1] == ((F(3, 2), F(7, 4)),)
    assert row.jumps == ((F(3, 2), F(5, 2), False), (F(3, 2), F(7, 4), True),
                         (F(3, 2), F(7, 4), True), (F(3, 2), F(1), False))
    assert [b.text for b in data.breakpoints] == ["3/2"]
    assert check_against_ordinary(JUMPS, data) >= 6
    # at the window's end, a one-point piece is still a breakpoint ({1}: 1, then t + 1); a plain end is not
    assert [b.text for b in family_plot_data(JUMPS, ["fallback-welfare"], "1:2").breakpoints] == ["1", "3/2"]
    assert [b.text for b in family_plot_data(JUMPS, ["fallback-welfare"], "3/2:2").breakpoints] == ["3/2"]
    assert [b.text for b in family_plot_data(JUMPS, ["fallback-welfare"], "(3/2, 2]").breakpoints] == []


def test_bad_arguments_are_named():
    with pytest.raises(GameError, match="unknown rule 'nbs' for a plot against the parameter"):
        family_plot_data(CHICKEN, ["nbs"])
    with pytest.raises(GameError, match=r"the domain \{2\} is one value; a plot against c needs an interval"):
        family_plot_data(CHICKEN, ["coco"], "2:2")
    with pytest.raises(GameError, match="needs at least one rule"):
        family_plot_data(CHICKEN, [])
    with pytest.raises(GameError, match="needs a ParametricGame"):
        family_plot_data(CHICKEN.at(1), ["coco"])


def test_json_of_the_data():
    doc = family_plot_data(GROW, ["coco"], "-3:3").to_json()
    assert doc["window"] == {"from": "-3", "to": "3", "closed": [True, True]}
    assert doc["breakpoints"][1] == {"poly": ["-2", "0", "1"], "interval": ["11/8", "3/2"]}
    curve = doc["curves"][0]
    assert curve["rule"] == "coco" and curve["player"] == "1"
    assert [p["value"] for p in curve["pieces"]] == ["t^2 - 2", "0", "t^2 - 2"]
    assert curve["samples"][0][0] == ["-3", "7"]
    json.dumps(doc)


# --------------------------------------------------------------------------- the drawing
@pytest.fixture(scope="module")
def mpl():
    return pytest.importorskip("matplotlib")


def by_gid(fig, gid):
    return [a for a in fig.findobj() if a.get_gid() == gid]


def test_the_figure_draws_the_exact_samples_and_breakpoints(mpl):
    from exactbargain.plot.family_draw import family_figure

    data = family_plot_data(CHICKEN, ["coco", "fallback-dictator-1"])
    fig = family_figure(data)
    (ax,) = fig.axes
    assert ax.get_xlabel() == "c" and ax.get_title() == "Chicken, crash payoff -c"
    assert ax.get_xlim() == (-10.0, 2.0)
    assert sorted(line.get_xdata()[0] for line in by_gid(fig, "breakpoint")) == [-6.0, -2.0]
    assert sorted(t.get_text() for t in by_gid(fig, "breakpoint-label")) == ["-2", "-6"]
    pieces = by_gid(fig, "piece")
    assert len(pieces) == sum(len(c.value.pieces) for c in data.curves) == 10
    drawn = {(tuple(p.get_xdata()), tuple(p.get_ydata())) for p in pieces}
    for c in data.curves:
        for samples in c.samples:
            assert (tuple(float(t) for t, _ in samples), tuple(float(v) for _, v in samples)) in drawn
    assert len(by_gid(fig, "end-open")) == 2 and len(by_gid(fig, "end-closed")) == 2
    (formulas,) = by_gid(fig, "formulas")
    assert "fallback-dictator-1:\n  c in (-inf, -6]: (-c, -c)\n  c in (-6, -2): (6, 6)\n  c in [-2, inf): (17/2, 7/2)" \
        in formulas.get_text()
    (note,) = by_gid(fig, "window-note")
    assert "the domain (-inf, inf) is unbounded" in note.get_text()


def test_values_beyond_floats_are_drawn_in_units_of_a_power_of_ten(mpl):
    from exactbargain.plot.family_draw import family_figure

    huge = 10 ** 400
    family = ParametricGame.bimatrix([[f"{huge}*t"], ["0"]], [["0"], ["-t"]])
    data = family_plot_data(family, ["coco"], "0:1")
    assert data.curve("coco", "1").samples == (((F(0), F(0)), (F(1), F(huge))),)
    fig = family_figure(data)   # floats end near 10**308: the values are divided by 10**400 first
    (ax,) = fig.axes
    assert ax.get_ylabel() == "value (in units of 10^400)" and ax.get_xlabel() == "t"
    assert max(max(line.get_ydata()) for line in by_gid(fig, "piece")) == 1.0
    (formulas,) = by_gid(fig, "formulas")
    assert "(1000000000…0000000000 (401 digits)*t, 0)" in formulas.get_text()


def test_save_family_writes_png_and_svg(mpl, tmp_path):
    from exactbargain.plot.family_draw import save_family

    png, svg = tmp_path / "grow.png", tmp_path / "grow.svg"
    data = save_family(GROW, png, "coco", "-3:3", dpi=60)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000
    assert [b.text for b in data.breakpoints] == ["root of t^2 - 2 ~ -1.41421", "root of t^2 - 2 ~ 1.41421"]
    save_family(data, svg)
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml") and "<svg" in svg.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the command line
@pytest.fixture
def curse(tmp_path):
    path = tmp_path / "curse.json"
    path.write_text(CURSE_JSON, encoding="utf-8")
    return str(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plot_param_writes_a_png(mpl, capsys, tmp_path, curse):
    out = tmp_path / "curse.png"
    code, stdout, err = run(capsys, "plot", curse, "-o", str(out), "--param", "t", "--range=-2:1",
                            "--rules", "coco", "fallback", "--dpi", "50")
    assert code == 0 and stdout == "" and err == f"wrote {out}\n"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_param_unbounded_range_names_the_window(mpl, capsys, tmp_path, curse):
    out = tmp_path / "curse.svg"
    code, _, err = run(capsys, "plot", curse, "-o", str(out), "--param", "t", "--range", "0:inf",
                       "--rule", "fallback", "--select", "dictator-1")
    assert code == 0 and out.read_text(encoding="utf-8").count("<svg") == 1
    assert err.splitlines() == [
        "drawn for t in [0, 1]: the domain [0, inf) is unbounded, and the outermost pieces go on beyond the "
        "window; give a bounded --range A:B for another window", f"wrote {out}"]


@pytest.mark.parametrize("argv, message", [
    ([], "is a family of games in t: plot its values against t with --param t [--range A:B], or one game of it "
         "with --set t=VALUE"),
    (["--range", "0:1"], "--range goes with --param"),
    (["--select", "welfare"], "--select goes with --param"),
    (["--param", "s"], "--param s: the family's parameter is 't'"),
    (["--param", "t", "--rules", "nbs"], "unknown rule 'nbs' for a plot against t; choose from coco, fallback, "
                                         "fallback-welfare"),
    (["--param", "t", "--select", "nash"], "--select nash: with --param the selections are welfare, egalitarian"),
    (["--param", "t", "--rules", "coco", "--select", "welfare"], "--select chooses the selection of the rule 'fallback'"),
    (["--param", "t", "--range", "2:2"], "the domain {2} is one value; a plot against t needs an interval"),
    (["--param", "t", "--range", "1:0"], "--range: interval '1:0' is empty"),
    (["--param", "t", "--set", "t=1"], "--set t=1 picks one value, --param t plots every value"),
    (["--param", "t", "--max-lps", "3"], "--max-lps bounds the CE payoff set of one game"),
])
def test_plot_param_errors_are_one_line_with_exit_2(capsys, tmp_path, curse, argv, message):
    out = tmp_path / "never.png"
    code, stdout, err = run(capsys, "plot", curse, "-o", str(out), *argv)
    assert code == 2 and stdout == "" and not out.exists()
    assert err.count("\n") == 1 and err.startswith("exactbargain: error: ") and message in err, err


def test_plot_param_of_three_players_draws_coco_by_default(mpl, capsys, tmp_path):
    path, out = tmp_path / "three.json", tmp_path / "three.png"
    path.write_text('{"parameter": "t", "players": ["A", "B", "C"], "actions": [["x", "y"], ["x"], ["x"]], '
                    '"payoffs": [[[["t", "0", "0"]]], [[["0", "0", "1"]]]]}', encoding="utf-8")
    code, _, err = run(capsys, "plot", str(path), "-o", str(out), "--param", "t", "--range", "0:2", "--dpi", "40")
    assert code == 0 and err == f"wrote {out}\n"


def test_plot_set_still_draws_one_game(mpl, capsys, tmp_path, curse):
    out = tmp_path / "one.png"
    code, _, err = run(capsys, "plot", curse, "-o", str(out), "--set", "t=2", "--rules", "coco", "--dpi", "40")
    assert code == 0 and err == f"wrote {out}\n" and out.stat().st_size > 1_000
