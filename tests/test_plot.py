"""Payoff-space plots: the exact data behind them, what is actually drawn, and matplotlib as
an optional extra.

Expected numbers are the worked examples of docs/theory.md §5 (§5.2 for Chicken) and the comment of the
bundled three-player example, not values read back from :mod:`exactbargain.plot`.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from fractions import Fraction
from importlib import resources

import pytest

from exactbargain import Game
from exactbargain.equilibria import CorrelatedEquilibria
from exactbargain.errors import ExactBargainError
from exactbargain.formats import read_game
from exactbargain.plot import RULES, PlotData, _hull3, figure, plot_data, rules_for, save

F = Fraction


def example(name: str) -> Game:
    return read_game(str(resources.files("exactbargain") / "examples" / name))


def P(*xs) -> tuple[Fraction, ...]:
    return tuple(F(x) for x in xs)


CHICKEN = example("chicken.nfg")
CHICKEN_W = max(sum(CHICKEN.payoff(p)) for p in CHICKEN.profiles())  # 6 + 6
CHICKEN_CE = {P(7, 2), P("21/4", "21/4"), P(2, 7), P("18/5", "18/5")}
CHICKEN_PARETO = [P(7, 2), P("21/4", "21/4"), P(2, 7)]
CHICKEN_NE = {P(7, 2), P(2, 7), P("14/3", "14/3")}
CHICKEN_HULL = {P(0, 0), P(7, 2), P(6, 6), P(2, 7)}
# docs/theory.md §5.2: selected d and fallback value of each rule; CoCo (6, 6) has no d.
CHICKEN_RULES = {
    "coco": (P(6, 6), None),
    "fallback-welfare": (P(6, 6), P("21/4", "21/4")),
    "fallback-egalitarian": (P(6, 6), P("21/4", "21/4")),
    "fallback-nash": (P(6, 6), P("21/4", "21/4")),
    "fallback-dictator-1": (P("17/2", "7/2"), P(7, 2)),
    "fallback-dictator-2": (P("7/2", "17/2"), P(2, 7)),
    "fallback-random-dictator": (P(6, 6), P("9/2", "9/2")),
    "nash-fallback": (P(6, 6), P("14/3", "14/3")),
    "nbs": (P(6, 6), P("21/4", "21/4")),
    "ks": (P(6, 6), P("21/4", "21/4")),
}


def exact(v: float) -> Fraction:
    """A drawn float coordinate back as the small-denominator rational it stands for."""
    return F(float(v)).limit_denominator(10**6)


def exact_points(rows) -> list[tuple[Fraction, ...]]:
    return [tuple(exact(x) for x in row) for row in rows]


def flat(label: str) -> str:
    return " ".join(label.split())


@pytest.fixture(scope="module")
def chicken_data() -> PlotData:
    return plot_data(CHICKEN)


# --------------------------------------------------------------------------- exact data
def test_chicken_data_matches_theory(chicken_data: PlotData) -> None:
    d = chicken_data
    assert CHICKEN_W == 12 and d.W == CHICKEN_W
    assert d.players == ("Row", "Column")
    assert set(d.ce_vertices) == CHICKEN_CE and len(d.ce_vertices) == 4
    assert list(d.pareto_frontier) == CHICKEN_PARETO
    assert set(d.nash) == CHICKEN_NE and d.nash_complete
    assert set(d.outcome_hull) == CHICKEN_HULL
    assert d.ce_faces == ((0, 1, 2, 3),) and d.outcome_faces == ((0, 1, 2, 3),)
    assert [r.rule for r in d.rules] == list(RULES)
    for r in d.rules:
        assert (r.payoffs, r.disagreement) == CHICKEN_RULES[r.rule], r.rule
    every = [x for p in d.outcomes + d.outcome_hull + d.ce_vertices + d.pareto_frontier + d.nash for x in p]
    every += [x for r in d.rules for x in r.payoffs + (r.disagreement or ())] + [d.W]
    assert all(type(x) is Fraction for x in every)


def test_polygons_are_counter_clockwise(chicken_data: PlotData) -> None:
    for poly in (chicken_data.ce_vertices, chicken_data.outcome_hull):
        area2 = sum(a[0] * b[1] - a[1] * b[0] for a, b in zip(poly, poly[1:] + poly[:1]))
        assert area2 > 0


def test_labels_merge_rules_on_one_point(chicken_data: PlotData) -> None:
    labels = dict(chicken_data.labels())
    assert len(labels) == len(chicken_data.labels())  # one label per distinct point
    six = labels[P(6, 6)]
    assert six.endswith(": (6, 6)")
    names = six[: -len(": (6, 6)")].split(", ")
    assert sorted(names) == sorted(r for r, (x, _) in CHICKEN_RULES.items() if x == P(6, 6))
    assert labels[P("17/2", "7/2")] == "fallback-dictator-1: (17/2, 7/2)"
    assert labels[P(7, 2)] == "d of fallback-dictator-1: (7, 2)"
    assert labels[P("14/3", "14/3")] == "d of nash-fallback: (14/3, 14/3)"
    assert labels[P("18/5", "18/5")] == "(18/5, 18/5)"
    assert labels[P("21/4", "21/4")] == ("d of fallback-welfare, fallback-egalitarian, fallback-nash, nbs, ks: "
                                         "(21/4, 21/4)")
    wrapped = dict(chicken_data.labels(width=30))
    assert all(len(line) <= 30 or "(" in line for text in wrapped.values() for line in text.split("\n"))
    assert all(flat(wrapped[p]) == flat(labels[p]) for p in labels)
    assert "(21/4, 21/4)" in wrapped[P("21/4", "21/4")]  # coordinates are never split


def test_rule_that_does_not_move_is_labelled_once() -> None:
    bos = example("battle_of_the_sexes.nfg")
    labels = dict(plot_data(bos, ["coco", "fallback-dictator-1"]).labels())
    assert labels[P(2, 1)] == "d = solution for fallback-dictator-1: (2, 1)"
    assert labels[P("3/2", "3/2")] == "coco: (3/2, 3/2)"


def test_to_json_and_str(chicken_data: PlotData) -> None:
    doc = json.loads(json.dumps(chicken_data.to_json()))
    assert doc["W"] == "12"
    assert {tuple(map(F, p)) for p in doc["correlated"]["vertices"]} == CHICKEN_CE
    assert [tuple(map(F, p)) for p in doc["correlated"]["pareto_frontier"]] == CHICKEN_PARETO
    assert {tuple(map(F, p)) for p in doc["nash"]["payoffs"]} == CHICKEN_NE
    rules = {r["rule"]: r for r in doc["rules"]}
    assert rules["fallback-dictator-2"] == {"rule": "fallback-dictator-2", "payoffs": ["7/2", "17/2"],
                                            "disagreement": ["2", "7"]}
    assert rules["coco"]["disagreement"] is None
    assert doc["outcomes"][1] == {"profile": ["D", "C"], "payoffs": ["7", "2"]}
    text = str(chicken_data)
    assert "W = 12" in text and "CE payoff set: (18/5, 18/5), (7, 2), (21/4, 21/4), (2, 7)" in text
    assert "fallback-random-dictator" in text and "from d = (9/2, 9/2)" in text


def test_rule_names() -> None:
    assert RULES == rules_for(2)
    assert rules_for(3)[-1] == "fallback-random-dictator" and "fallback-dictator-3" in rules_for(3)
    assert "fallback-nash" not in rules_for(3, "team-vs-individuals")
    data = plot_data(CHICKEN, ["ks", "coco", "ks"])
    assert [r.rule for r in data.rules] == ["ks", "coco"]
    assert [r.rule for r in plot_data(CHICKEN, "coco").rules] == ["coco"]
    refusals = [("fallback", "unknown rule 'fallback' for a 2-player game; choose from coco, fallback-welfare, "),
                ("rose", "choose from .*, nash-fallback, nbs, ks$"), ("fallback-dictator-3", "player 3"),
                ("fallback-best", "unknown selection rule")]
    for bad, words in refusals:
        with pytest.raises(ExactBargainError, match=words):
            plot_data(CHICKEN, [bad])


def test_player_counts_refused() -> None:
    four = Game.from_function(lambda a: tuple(a.count("x") for _ in a), [("x", "y")] * 4)
    one = Game.from_function(lambda a: (1,), [("x", "y")])
    for game, n in ((four, 4), (one, 1)):
        with pytest.raises(ExactBargainError, match=f"two or three players; this game has {n}"):
            plot_data(game)
    pg = example("public_goods3_unequal.nfg")
    with pytest.raises(ExactBargainError, match="two-player rule"):
        plot_data(pg, ["nbs"])
    with pytest.raises(ExactBargainError, match="team-vs-individuals"):
        plot_data(pg, ["fallback-nash"], coalitions="team-vs-individuals")


def test_three_player_data() -> None:
    pg = example("public_goods3_unequal.nfg")
    # The file's comment: contributing is strictly dominated for each player alone, so the
    # only CE is (N, N, N); the fallback value is (13/3, 13/3, 13/3) with two teams and
    # (4, 9/2, 9/2) with a team against individuals.
    data = plot_data(pg, ["fallback-welfare"])
    assert data.W == 13 and data.coalitions == "two-teams"
    assert data.ce_vertices == (P(0, 0, 0),) and data.ce_faces == ()
    assert data.nash == (P(0, 0, 0),)
    assert data.rule("fallback-welfare").payoffs == P("13/3", "13/3", "13/3")
    other = plot_data(pg, ["fallback-welfare"], coalitions="team-vs-individuals")
    assert other.rule("fallback-welfare").payoffs == P(4, "9/2", "9/2")
    assert dict(other.labels())[P(4, "9/2", "9/2")] == "fallback-welfare: (4, 9/2, 9/2)"
    assert len(data.outcome_hull) == len({pg.payoff(p) for p in pg.profiles()})  # 8 corners, all extreme


# --------------------------------------------------------------------------- exact 3-D hulls
def _brute_vertices(points):
    """Vertices of a full-dimensional 3-D hull by brute force: a point is a vertex iff it lies
    on three supporting planes (through triples of points) with independent normals."""
    pts = sorted(set(points))
    planes = set()
    for a, b, c in itertools.combinations(pts, 3):
        u = [b[k] - a[k] for k in range(3)]
        v = [c[k] - a[k] for k in range(3)]
        n = (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])
        if n == (0, 0, 0):
            continue
        sides = {(sum(n[k] * (p[k] - a[k]) for k in range(3)) > 0) - (sum(n[k] * (p[k] - a[k]) for k in range(3)) < 0)
                 for p in pts}
        if not ({1, -1} <= sides):
            planes.add((n, sum(n[k] * a[k] for k in range(3))))
    out = []
    for p in pts:
        normals = [n for n, off in planes if sum(n[k] * p[k] for k in range(3)) == off]
        if any(_det(*t) != 0 for t in itertools.combinations(normals, 3)):
            out.append(p)
    return out


def _det(a, b, c):
    return (a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0])
            + a[2] * (b[0] * c[1] - b[1] * c[0]))


def _check_faces(vertices, faces):
    """Every face is planar, supports the hull, and the face lattice satisfies Euler's formula."""
    edges = set()
    for f in faces:
        a, b, c = (vertices[i] for i in f[:3])
        u = [b[k] - a[k] for k in range(3)]
        v = [c[k] - a[k] for k in range(3)]
        n = (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])
        assert n != (0, 0, 0)
        side = [sum(n[k] * (p[k] - a[k]) for k in range(3)) for p in vertices]
        assert all(side[i] == 0 for i in f)
        assert all(s <= 0 for s in side)  # counter-clockwise seen from outside: the rest is behind
        edges |= {frozenset((f[k], f[(k + 1) % len(f)])) for k in range(len(f))}
    assert len(vertices) - len(edges) + len(faces) == 2


def test_hull3_cube_drops_points_on_faces_and_edges() -> None:
    cube = list(itertools.product((0, 2), repeat=3))
    extra = [(1, 1, 1), (1, 1, 0), (1, 0, 0), (2, 1, 1), (0, 0, 1), (F(1, 2), 2, F(3, 2))]
    vertices, faces = _hull3([P(*p) for p in extra + cube])
    assert set(vertices) == {P(*p) for p in cube}
    assert sorted(len(f) for f in faces) == [4] * 6
    _check_faces(vertices, faces)


@pytest.mark.parametrize("seed", range(6))
def test_hull3_matches_brute_force(seed: int) -> None:
    import random

    rng = random.Random(seed)
    points = [P(*(F(rng.randint(-6, 6), rng.choice((1, 2, 3))) for _ in range(3))) for _ in range(14)]
    points += points[:3]  # repeated points
    vertices, faces = _hull3(points)
    assert set(vertices) == set(_brute_vertices(points))
    _check_faces(vertices, faces)


def test_hull3_lower_dimensions() -> None:
    assert _hull3([P(1, 2, 3)] * 3) == ((P(1, 2, 3),), ())
    assert _hull3([P(0, 0, 0), P(2, 2, 2), P(1, 1, 1)]) == ((P(0, 0, 0), P(2, 2, 2)), ())
    square = [P(0, 0, 5), P(1, 0, 5), P(1, 1, 5), P(0, 1, 5), P("1/2", "1/2", 5), P("1/2", 0, 5)]
    vertices, faces = _hull3(square)
    assert set(vertices) == set(square[:4]) and faces == ((0, 1, 2, 3),)


# --------------------------------------------------------------------------- the figures
@pytest.fixture(scope="module")
def mpl():
    matplotlib = pytest.importorskip("matplotlib")
    return matplotlib


def by_gid(fig, gid):
    return [a for a in fig.findobj() if a.get_gid() == gid]


def polygons3(collection):
    """The 3-D polygons of a Poly3DCollection as exact point lists (``None`` when this
    matplotlib keeps them elsewhere); faces are padded to one length, with a mask."""
    faces = getattr(collection, "_faces", None)
    if faces is None:
        return None
    mask = getattr(collection, "_invalid_vertices", False)
    out = []
    for k, face in enumerate(faces):
        bad = mask[k] if getattr(mask, "ndim", 0) == 2 else [False] * len(face)
        out.append([tuple(exact(v) for v in corner) for corner, b in zip(face, bad) if not b])
    return out


def test_chicken_png_draws_the_exact_data(mpl, tmp_path, chicken_data: PlotData) -> None:
    from matplotlib.text import Text

    out = tmp_path / "chicken.png"
    fig = figure(chicken_data)
    fig.savefig(out, dpi=fig.dpi, bbox_inches="tight")  # as save() does; this also renders the figure
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
    (ax,) = fig.axes
    assert ax.get_xlabel() == "Row's payoff" and ax.get_ylabel() == "Column's payoff"
    assert ax.get_aspect() == 1.0
    assert ax.get_title() == "Chicken (Aumann)"

    (ce,) = by_gid(fig, "ce-set")
    ce_xy = exact_points(ce.get_xy())
    assert ce_xy[0] == ce_xy[-1] and set(ce_xy) == CHICKEN_CE and len(ce_xy) == 5
    (hull,) = by_gid(fig, "outcome-hull")
    assert set(exact_points(hull.get_xy())) == CHICKEN_HULL
    (front,) = by_gid(fig, "pareto-frontier")
    assert exact_points(front.get_xydata()) == CHICKEN_PARETO
    (line,) = by_gid(fig, "efficient-line")
    ends = exact_points(line.get_xydata())
    assert len(ends) == 2 and ends[0] != ends[1] and all(x + y == 12 for x, y in ends)
    (ne,) = by_gid(fig, "nash")
    assert set(exact_points(ne.get_offsets())) == CHICKEN_NE
    (sol,) = by_gid(fig, "solutions")
    assert set(exact_points(sol.get_offsets())) == {x for x, _ in CHICKEN_RULES.values()}
    (ds,) = by_gid(fig, "disagreement")
    assert set(exact_points(ds.get_offsets())) == {d for _, d in CHICKEN_RULES.values() if d is not None}
    (outs,) = by_gid(fig, "outcomes")
    assert sorted(exact_points(outs.get_offsets())) == sorted(P(*CHICKEN.payoff(p)) for p in CHICKEN.profiles())
    moves = {(tuple(map(exact, m.xyann)), tuple(map(exact, m.xy))) for m in by_gid(fig, "move")}
    assert moves == {(d, x) for x, d in CHICKEN_RULES.values() if d is not None and d != x}

    labels = [t for t in by_gid(fig, "label")]
    texts = [flat(t.get_text()) for t in labels]
    for t in labels:  # each label is anchored at the point whose coordinates it ends with
        if t.get_text().endswith(")"):
            coords = t.get_text().rsplit("(", 1)[1].rstrip(")").split(", ")
            assert P(*coords) == tuple(map(exact, t.xy))
    assert sum("(6, 6)" in s for s in texts) == 1
    six = next(s for s in texts if s.endswith(": (6, 6)"))
    assert all(r in six for r, (x, _) in CHICKEN_RULES.items() if x == P(6, 6))
    for needle in ["fallback-dictator-1: (17/2, 7/2)", "fallback-dictator-2: (7/2, 17/2)",
                   "d of fallback-dictator-1: (7, 2)", "d of nash-fallback: (14/3, 14/3)",
                   "d of fallback-random-dictator: (9/2, 9/2)", "(18/5, 18/5)", "nbs, ks: (21/4, 21/4)"]:
        assert sum(needle in s for s in texts) == 1, needle
    assert {"D/D", "D/C", "C/D", "C/C"} <= set(texts)  # the outcomes' action profiles
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "efficient line Row + Column = W = 12" in legend
    assert {"correlated equilibrium payoffs", "CE Pareto frontier", "Nash equilibrium payoffs",
            "disagreement point d", "solution"} <= set(legend)

    # Readable: labels overlap neither each other nor the legend, and stay inside the axes.
    renderer = fig.canvas.get_renderer()
    for t in labels:  # savefig's tight bounding box left them shifted; back to the figure's frame
        t.update_positions(renderer)
    boxes = [Text.get_window_extent(t, renderer) for t in labels]  # the text, without its leader line
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    frame = ax.get_window_extent(renderer)
    legend_box = ax.get_legend().get_window_extent(renderer)
    for b in boxes:
        assert frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1
        assert not b.overlaps(legend_box)


def test_save_returns_what_it_drew(mpl, tmp_path, chicken_data: PlotData) -> None:
    out = tmp_path / "chicken.png"
    assert save(CHICKEN, out, dpi=60) == chicken_data
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_title_and_formats(mpl, tmp_path) -> None:
    bos = example("battle_of_the_sexes.nfg")
    fig = figure(bos, ["coco"], title="BoS")
    assert fig.axes[0].get_title() == "BoS"
    assert figure(bos, ["coco"], title="").axes[0].get_title() == ""
    data = save(bos, tmp_path / "bos.svg", ["fallback-welfare"], dpi=72)
    assert (tmp_path / "bos.svg").read_text().lstrip().startswith("<?xml")
    assert data.rule("fallback-welfare").payoffs == P("3/2", "3/2")
    with pytest.raises(ExactBargainError, match="cannot write the plot"):
        save(bos, tmp_path / "bos.nosuchformat", ["coco"])
    with pytest.raises(ExactBargainError, match="two or three players"):
        save(Game.from_function(lambda a: (0,) * 4, [("x",)] * 4), tmp_path / "four.png")


def test_segment_and_point_sets_are_drawn(mpl) -> None:
    # Chicken with the steering wheel locked: one CE, (7, 2); outcomes a segment.
    fig = figure(example("chicken_locked.nfg"), ["coco", "fallback-welfare"])
    (ce,) = by_gid(fig, "ce-set")
    assert exact_points(ce.get_xydata()) == [P(7, 2)]
    (hull,) = by_gid(fig, "outcome-hull")
    assert set(exact_points(hull.get_xydata())) == {P(0, 0), P(7, 2)}
    texts = [flat(t.get_text()) for t in by_gid(fig, "label")]
    assert "coco: (9/2, 9/2)" in texts and "d = solution for fallback-welfare: (7, 2)" in texts


def test_three_player_figure(mpl, tmp_path) -> None:
    pg = example("public_goods3_unequal.nfg")
    data = save(pg, tmp_path / "pg.png", ["coco", "fallback-welfare", "fallback-dictator-2"])
    assert (tmp_path / "pg.png").stat().st_size > 20_000
    fig = figure(data)
    (ax,) = fig.axes
    assert ax.name == "3d"
    assert [ax.get_xlabel(), ax.get_ylabel(), ax.get_zlabel()] == ["Ann's payoff", "Bob's payoff", "Cat's payoff"]

    def points3(gid):
        (c,) = by_gid(fig, gid)
        return {tuple(exact(v) for v in p) for p in zip(*c._offsets3d)}

    assert points3("ce-set") == {P(0, 0, 0)} == points3("nash")
    assert points3("solutions") == {P("13/3", "13/3", "13/3")}
    assert points3("outcomes") == {P(*pg.payoff(p)) for p in pg.profiles()}
    (hull,) = by_gid(fig, "outcome-hull")
    corners = {tuple(exact(v) for v in end) for seg in hull._segments3d for end in seg}
    assert corners == {P(*pg.payoff(p)) for p in pg.profiles()}
    (plane,) = by_gid(fig, "efficient-plane")
    faces = polygons3(plane)
    if faces is not None:
        assert len(faces) == 1 and len(faces[0]) >= 3 and all(sum(corner) == 13 for corner in faces[0])
    texts = [flat(t.get_text()) for t in by_gid(fig, "label")]
    six = next(s for s in texts if s.endswith("(13/3, 13/3, 13/3)"))
    assert all(r in six for r in ("coco", "fallback-welfare", "fallback-dictator-2"))
    assert any(s.startswith("v({i}) of fallback-welfare") for s in texts)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "efficient plane Ann + Bob + Cat = W = 13" in legend
    assert "fallback coalition model: two-teams" in legend


def test_three_player_polytope_faces(mpl) -> None:
    table = {(0, 0, 0): (2, 9, 1), (0, 0, 1): (4, 1, 7), (0, 1, 0): (7, 7, 6), (0, 1, 1): (3, 1, 7),
             (1, 0, 0): (0, 6, 6), (1, 0, 1): (9, 0, 7), (1, 1, 0): (4, 3, 9), (1, 1, 1): (1, 5, 0)}
    game = Game([[[table[(i, j, k)] for k in range(2)] for j in range(2)] for i in range(2)])
    data = plot_data(game, ["coco"])
    extreme = {p.payoffs for p in CorrelatedEquilibria(game).payoff_set()}
    assert set(data.ce_vertices) == extreme and len(extreme) >= 4
    _check_faces(data.ce_vertices, data.ce_faces)
    fig = figure(data)
    (ce,) = by_gid(fig, "ce-set")
    faces = polygons3(ce)
    if faces is not None:
        drawn = {frozenset(face) for face in faces}
        assert drawn == {frozenset(data.ce_vertices[i] for i in f) for f in data.ce_faces}


def test_import_exactbargain_leaves_matplotlib_alone() -> None:
    code = ("import sys, exactbargain, exactbargain.plot as p\n"
            "from exactbargain.formats import read_game\n"
            "g = exactbargain.Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])\n"
            "d = p.plot_data(g, ['coco'])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'mpl_toolkits')))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_missing_matplotlib_says_how_to_install(monkeypatch, tmp_path) -> None:
    for name in ("matplotlib", "matplotlib.figure", "matplotlib.backends.backend_agg"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(ExactBargainError, match=r"pip install 'exactbargain\[plot\]'"):
        figure(CHICKEN, ["coco"])
    with pytest.raises(ExactBargainError, match="matplotlib"):
        save(CHICKEN, tmp_path / "never-written.png", ["coco"])
    assert not (tmp_path / "never-written.png").exists()


def test_incomplete_payoff_set_is_drawn_inside_its_outer_polygon(mpl) -> None:
    from exactbargain.plot import figure, plot_data

    chicken = CHICKEN
    data = plot_data(chicken, ["coco"], max_lps=6)
    assert data.ce_gap == Fraction(72, 125)
    assert set(data.ce_outer) == {(2, Fraction(26, 5)), (2, 7), (Fraction(7, 2), 7), (Fraction(26, 5), 2), (7, 2),
                                  (7, Fraction(7, 2))}
    assert data.to_json()["correlated"]["gap"] == "72/125"
    (ring,) = by_gid(figure(data), "ce-outer")
    assert len(ring.get_xydata()) == 7
    complete = plot_data(chicken, ["coco"])
    assert complete.ce_outer == () and complete.ce_gap == 0
    assert not by_gid(figure(complete), "ce-outer")


def test_the_command_spends_the_default_budget_unless_told(tmp_path, monkeypatch, capsys) -> None:
    """``plot`` bounds the CE payoff set as ``equilibria --correlated`` does (a budget that
    shrinks on large games); ``--complete`` asks for all of it; both together are refused."""
    import exactbargain.plot as plot_pkg
    from exactbargain.cli import main
    from exactbargain.equilibria import correlated

    given = []
    monkeypatch.setattr(plot_pkg, "save", lambda *a, **k: given.append(k["max_lps"]))
    monkeypatch.setattr(correlated, "PAYOFF_SET_WORK", 1)
    out = str(tmp_path / "p.png")
    chicken = str(resources.files("exactbargain") / "examples" / "chicken.nfg")
    assert main(["plot", chicken, "-o", out]) == 0
    assert main(["plot", chicken, "-o", out, "--complete"]) == 0
    assert main(["plot", chicken, "-o", out, "--max-lps", "9"]) == 0
    assert given == [6, None, 9]
    assert main(["plot", chicken, "-o", out, "--complete", "--max-lps", "9"]) == 2
    assert "--complete and --max-lps" in capsys.readouterr().err
