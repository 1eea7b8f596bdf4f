"""Drawing a payoff-space plot with matplotlib (an optional extra): :func:`figure` and
:func:`save`, on a bare :class:`matplotlib.figure.Figure` with the Agg canvas."""

from __future__ import annotations

import os
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Sequence

from .. import limits as size_limits
from ..bargaining.results import text
from ..errors import ExactBargainError, GameError
from ..game import Game
from ..geometry import hull3 as _hull3
from .data import PlotData, Point, _shortened, plot_data
from .layout import _label_style, _place, _shown_labels
from .style import _ART, _UNIT, _axis_label, _cols, _unit_exponent, _xy

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure

__all__ = ["figure", "save"]

_INSTALL = "pip install 'exactbargain[plot]'"


def _matplotlib() -> Any:
    """The matplotlib classes the drawing needs, or a clear error naming the extra."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ExactBargainError(
            f"plotting needs matplotlib, which is not installed ({exc}); install it with: {_INSTALL}"
        ) from None
    return Figure, FigureCanvasAgg



def figure(game: "Game | PlotData", rules: Sequence[str] | None = None, *, title: str | None = None,
           coalitions: str = "two-teams") -> "matplotlib.figure.Figure":
    """The payoff-space figure of a two- or three-player ``game``: a
    :class:`matplotlib.figure.Figure` on the Agg canvas (call its ``savefig``).

    ``rules`` and ``coalitions`` are as for :func:`plot_data`; ``game`` may also be a
    :class:`PlotData` computed before (``rules`` must then be ``None``). ``title`` replaces
    the game's title (``""`` for none).

    The axes are labelled with the players' names and have equal scales unless one range is
    more than 3/2 times the other. Labels (:meth:`PlotData.labels`) are placed where they
    hide no marker and no other label, joined to their point by a thin line when set off;
    with many points (more than 14 labels in two dimensions, 6 in three) only the rule
    points are labelled. The outcomes carry their action profiles (``D/C``) when there are
    few of them. Artists carry ids (``get_gid()``) naming what they show: ``outcome-hull``,
    ``outcomes``, ``ce-set``, ``ce-vertices``, ``pareto-frontier``, ``nash``,
    ``efficient-line`` (two players) or ``efficient-plane`` (three), ``disagreement``,
    ``solutions``, ``move`` (from ``d`` to a solution) and ``label``.

    Parameters
    ----------
    game : Game or PlotData
        The game, or its plot data.
    rules : sequence of str, optional
        Rule names (with a game only).
    title : str, optional
        The figure's title.
    coalitions : str
        The coalition model of the fallback rules.

    Returns
    -------
    matplotlib.figure.Figure
        The figure.

    Raises
    ------
    ExactBargainError
        When matplotlib is not installed.
    GameError
        As :func:`~exactbargain.plot.plot_data`, or for ``rules`` with a :class:`PlotData`.
    """
    Figure, FigureCanvasAgg = _matplotlib()
    if isinstance(game, PlotData):
        if rules is not None:
            raise GameError("rules are chosen when the PlotData is computed; pass rules=None with a PlotData")
        data = game
    else:
        data = plot_data(game, rules, coalitions=coalitions)
    heading = data.title if title is None else title
    fig = Figure(figsize=(9, 6) if data.dimension == 2 else (10, 7.5))  # float-guide
    FigureCanvasAgg(fig)
    token = _UNIT.set(10 ** _unit_exponent(data))
    try:
        (_draw2 if data.dimension == 2 else _draw3)(fig, data, heading)
    finally:
        _UNIT.reset(token)
    return fig


def save(game: "Game | PlotData", path: "str | os.PathLike[str]", rules: Sequence[str] | None = None, *,
         title: str | None = None, dpi: int = 150, coalitions: str = "two-teams",
         limits: size_limits.Limits | None = None, max_lps: int | None = None) -> PlotData:
    """Draw ``game`` (as :func:`figure`) and write it to ``path``; the format follows the
    file's extension (``.png``, ``.pdf``, ``.svg``, ...). Returns the exact :class:`PlotData`
    of what was drawn. ``max_lps`` bounds the LPs spent on the CE payoff set (default: all of
    it); an incomplete set is drawn inside its outer polygon.

    Before anything is computed, the longest text drawn (``title``, the game's title, player
    names, action labels) is held to the ``label-length`` limit and the picture's estimated
    size at ``dpi`` to ``plot-pixels`` (``limits``, by default those in force; see
    :mod:`exactbargain.limits`).

    Parameters
    ----------
    game : Game or PlotData
        The game, or its plot data.
    path : str or path-like
        The picture to write.
    rules : sequence of str, optional
        Rule names (with a game only).
    title : str, optional
        The figure's title.
    dpi : int
        Resolution of raster formats.
    coalitions : str
        The coalition model of the fallback rules.
    limits : Limits, optional
        Size limits (default: those in force).
    max_lps : int, optional
        LPs to spend on the CE payoff set.

    Returns
    -------
    PlotData
        What was drawn.

    Raises
    ------
    ExactBargainError
        For a bad ``dpi``, a file that cannot be written, or without matplotlib.
    LimitError
        When a text or the picture would exceed a size limit.

    Examples
    --------
    >>> save(Game.zero_sum([[1, -1], [-1, 1]]), "mp.png", dpi=100_000)
    Traceback (most recent call last):
        ...
    exactbargain.limits.LimitError: a picture at 100000 dpi has about 759375000000 pixels, more than the limit plot-pixels=50000000 allows; raise it with --limit plot-pixels=759375000000 (limits=Limits(plot_pixels=759375000000) in Python)
    """
    if isinstance(dpi, bool) or not isinstance(dpi, int) or dpi < 1:
        raise ExactBargainError(f"dpi must be a positive integer, got {dpi!r}")
    with size_limits.using(limits):
        texts = [title or "", game.title or "", *game.players]
        labels = game.actions if isinstance(game, Game) else game.profiles
        texts += [label for group in labels for label in group]
        longest = max(len(t) for t in texts)
        size_limits.check("label-length", longest, f"a text to draw has {longest} characters")
        # a title wider than the figure widens the picture (bbox_inches="tight"): ~1/8 inch a character
        pixels = int((10 * dpi + longest * dpi // 8) * 15 * dpi // 2)
        size_limits.check("plot-pixels", pixels, f"a picture at {dpi} dpi has about {pixels} pixels")
        return _save(game, path, rules, title, dpi, coalitions, max_lps)


def _save(game: "Game | PlotData", path: "str | os.PathLike[str]", rules: Sequence[str] | None, title: str | None,
          dpi: int, coalitions: str, max_lps: int | None = None) -> PlotData:
    data = game if isinstance(game, PlotData) else plot_data(game, rules, coalitions=coalitions, max_lps=max_lps)
    _write(figure(data, title=title), path, dpi)
    return data


def _write(fig: Any, path: "str | os.PathLike[str]", dpi: int) -> None:
    """Write ``fig`` to ``path`` (the format follows the extension), trimmed to what is drawn."""
    try:
        fig.savefig(os.fspath(path), dpi=dpi, bbox_inches="tight")
    except ValueError as exc:
        raise ExactBargainError(f"cannot write the plot to {os.fspath(path)}: {exc}") from None


def _limits(points: Sequence[Point], axis: int, pad: Fraction) -> tuple[Fraction, Fraction]:
    lo = min(p[axis] for p in points)
    hi = max(p[axis] for p in points)
    span = hi - lo if hi > lo else max(abs(hi), Fraction(1))
    return lo - pad * span, hi + pad * span


def _rule_points(data: PlotData) -> tuple[list[Point], list[Point], list[tuple[Point, Point]]]:
    """Distinct solutions, distinct disagreement points, and distinct moves ``(d, solution)``."""
    solutions = list(dict.fromkeys(r.payoffs for r in data.rules))
    starts = list(dict.fromkeys(r.disagreement for r in data.rules if r.disagreement is not None))
    moves = list(dict.fromkeys((r.disagreement, r.payoffs) for r in data.rules
                               if r.disagreement is not None and r.disagreement != r.payoffs))
    return solutions, starts, moves


def _tags(data: PlotData) -> dict[Point, str]:
    """The action profiles at each outcome payoff (``"D/C"``; several joined by commas)."""
    tags: dict[Point, list[str]] = {}
    for a, p in zip(data.profiles, data.outcomes):
        tags.setdefault(p, []).append("/".join(a))
    return {p: ", ".join(names) for p, names in tags.items()}


def _draw2(fig: Any, data: PlotData, heading: str) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Polygon as PolygonPatch

    fig.subplots_adjust(left=0.08, right=0.66, bottom=0.09, top=0.92)  # float-guide
    ax = fig.add_subplot(1, 1, 1)
    p1, p2 = data.players
    solutions, starts, moves = _rule_points(data)
    everything = list(data.outcomes) + list(data.ce_vertices) + solutions + starts
    (x0, x1), (y0, y1) = (_limits(everything, j, Fraction(3, 20)) for j in range(2))
    ax.set_xlim(*_cols([(x0,), (x1,)], 1)[0])
    ax.set_ylim(*_cols([(y0,), (y1,)], 1)[0])
    if max(x1 - x0, y1 - y0) <= Fraction(3, 2) * min(x1 - x0, y1 - y0):
        ax.set_aspect("equal", adjustable="box")
    exponent = _unit_exponent(data)
    ax.set_xlabel(_axis_label(p1, exponent))
    ax.set_ylabel(_axis_label(p2, exponent))
    if heading:
        ax.set_title(heading)
    ax.grid(True, color="#f0f0f0", zorder=0)
    ax.set_axisbelow(True)

    def region(vertices: tuple[Point, ...], faces: tuple[tuple[int, ...], ...], style: str, gid: str,
               label: str) -> None:
        art = _ART[style]
        if faces:
            artist = ax.add_patch(PolygonPatch(_xy(vertices), closed=True, label=label, **art))
        elif len(vertices) == 2:
            artist = ax.add_line(Line2D(*_cols(vertices, 2), color=art["edgecolor"], linewidth=3,
                                        solid_capstyle="round", zorder=art["zorder"], label=label))
        else:
            artist = ax.add_line(Line2D(*_cols(vertices, 2), color=art["edgecolor"], marker="s", markersize=9,
                                        linestyle="", zorder=art["zorder"], label=label))
        artist.set_gid(gid)

    region(data.outcome_hull, data.outcome_faces, "hull", "outcome-hull", "payoffs without transfers (outcome hull)")
    region(data.ce_vertices, data.ce_faces, "ce", "ce-set", "correlated equilibrium payoffs"
           + ("" if not data.ce_outer else " (found so far)"))
    if data.ce_outer:
        ring = list(data.ce_outer) + [data.ce_outer[0]]
        ax.plot(*_cols(ring, 2), label=f"CE payoffs lie inside (gap {text(data.ce_gap)})", gid="ce-outer",
                color=_ART["ce"]["edgecolor"], linestyle="--", linewidth=1.0, zorder=_ART["ce"]["zorder"])
    ax.scatter(*_cols(data.outcomes, 2), label="outcome payoffs u(a)", gid="outcomes", **_ART["outcomes"])
    ax.scatter(*_cols(data.ce_vertices, 2), gid="ce-vertices", **_ART["ce-vertices"])
    chain = "pareto" if len(data.pareto_frontier) >= 2 else "pareto-point"
    ax.plot(*_cols(data.pareto_frontier, 2), label="CE Pareto frontier", gid="pareto-frontier", **_ART[chain])
    W = data.W
    lo, hi = max(x0, W - y1), min(x1, W - y0)
    efficient = [(lo, W - lo), (hi, W - hi)] if lo <= hi else []
    if efficient:
        ax.plot(*_cols(efficient, 2), label=f"efficient line {p1} + {p2} = W = {_shortened(text(W))}", gid="efficient-line",
                **_ART["line"])
    if data.nash:
        nash = "Nash equilibrium payoffs" if data.nash_complete else "pure Nash equilibrium payoffs"
        ax.scatter(*_cols(data.nash, 2), label=nash, gid="nash", **_ART["nash"])
    for a, b in moves:
        (start,), (end,) = _xy([a]), _xy([b])
        ax.annotate("", xy=end, xytext=start, zorder=6, arrowprops=_ART["move"]).set_gid("move")
    if starts:
        ax.scatter(*_cols(starts, 2), label="disagreement point d", gid="disagreement", **_ART["d"])
    ax.scatter(*_cols(solutions, 2), label="solution", gid="solutions", **_ART["solution"])
    handles, names = ax.get_legend_handles_labels()
    if moves:
        handles.append(Line2D([], [], marker=">", markersize=5, color=_ART["move"]["color"], linestyle=":"))
        names.append("from d to the solution")
    ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.03, 1), **_ART["legend"])
    ax.apply_aspect()  # fixes the axes box, so that data coordinates map to their final pixels
    items = [(p, label, _label_style(data, p)) for p, label in _shown_labels(data, 14)]
    if len(data.outcomes) <= 25:
        items += [(p, tag, _ART["tag"]) for p, tag in _tags(data).items()]
    lines = [data.pareto_frontier, data.ce_vertices + data.ce_vertices[:1], efficient]
    _place(fig, ax, [(_xy([p])[0], label, style) for p, label, style in items],
           _xy(everything + list(data.nash)), [_xy(line) for line in lines if line])



def _box_plane(W: Fraction, lo: Sequence[Fraction], hi: Sequence[Fraction]) -> tuple[Point, ...]:
    """The polygon where the plane ``x_1 + x_2 + x_3 = W`` meets the box ``[lo, hi]``
    (exact; empty when they miss or only touch)."""
    corners = [tuple((lo, hi)[b >> j & 1][j] for j in range(3)) for b in range(8)]
    found = []
    for a in range(8):
        for j in range(3):
            if a >> j & 1:
                continue
            p, q = corners[a], corners[a | 1 << j]
            x = W - (sum(p) - p[j])
            if p[j] <= x <= q[j]:
                found.append(tuple(x if k == j else p[k] for k in range(3)))
    if len(set(found)) < 3:
        return ()
    vertices, faces = _hull3(found)
    return tuple(vertices[i] for i in faces[0]) if faces else ()


def _draw3(fig: Any, data: PlotData, heading: str) -> None:
    from mpl_toolkits.mplot3d.art3d import Line3DCollection, Poly3DCollection

    fig.subplots_adjust(left=0, right=0.68, bottom=0.03, top=0.95)  # float-guide
    ax = fig.add_subplot(1, 1, 1, projection="3d", computed_zorder=False)  # markers stay above the faces
    solutions, starts, moves = _rule_points(data)
    everything = list(data.outcomes) + list(data.ce_vertices) + solutions + starts
    lims = [_limits(everything, j, Fraction(1, 12)) for j in range(3)]
    (xs, ys, zs) = _cols(list(zip(*lims)), 3)
    ax.set_xlim(*xs)
    ax.set_ylim(*ys)
    ax.set_zlim(*zs)
    spans = [hi - lo for lo, hi in lims]
    if max(spans) <= Fraction(3, 2) * min(spans):
        ax.set_box_aspect(_xy([tuple(spans)])[0])
    exponent = _unit_exponent(data)
    ax.set_xlabel(_axis_label(data.players[0], exponent))
    ax.set_ylabel(_axis_label(data.players[1], exponent))
    ax.set_zlabel(_axis_label(data.players[2], exponent))
    ax.view_init(elev=24, azim=-52)
    if heading:
        ax.set_title(heading)

    def edges(vertices: tuple[Point, ...], faces: tuple[tuple[int, ...], ...]) -> list[list[tuple[float, ...]]]:
        pairs = {tuple(sorted((f[k], f[(k + 1) % len(f)]))) for f in faces for k in range(len(f))}
        if not faces and len(vertices) == 2:
            pairs = {(0, 1)}
        return [_xy([vertices[a], vertices[b]]) for a, b in sorted(pairs)]

    def scatter(points: Sequence[Point], style: str, gid: str, label: str | None = None) -> None:
        ax.scatter(*_cols(points, 3), depthshade=False, label=label, gid=gid, **_ART[style])

    if len(data.outcome_hull) >= 2:
        hull = Line3DCollection(edges(data.outcome_hull, data.outcome_faces), label="outcome hull (no transfers)",
                                **_ART["hull-edges"])
        hull.set_gid("outcome-hull")
        ax.add_collection3d(hull)
    scatter(data.outcomes, "outcomes", "outcomes", "outcome payoffs u(a)")
    plane = _box_plane(data.W, [lo for lo, _ in lims], [hi for _, hi in lims])
    if plane:
        names = " + ".join(data.players)
        eff = Poly3DCollection([_xy(plane)], label=f"efficient plane {names} = W = {_shortened(text(data.W))}", **_ART["plane"])
        eff.set_gid("efficient-plane")
        ax.add_collection3d(eff)
    ce_label = "correlated equilibrium payoffs"
    if data.ce_faces:
        ce = Poly3DCollection([_xy([data.ce_vertices[i] for i in f]) for f in data.ce_faces], label=ce_label,
                              **_ART["ce-faces"])
    elif len(data.ce_vertices) == 2:
        ce = Line3DCollection(edges(data.ce_vertices, ()), label=ce_label, **_ART["ce-segment"])
    else:
        ce = None
        scatter(data.ce_vertices, "ce-point", "ce-set", ce_label)
    if ce is not None:
        ce.set_gid("ce-set")
        ax.add_collection3d(ce)
    scatter(data.ce_vertices, "ce-vertices", "ce-vertices", "CE extreme points" if data.ce_faces else None)
    scatter(data.pareto_frontier, "pareto-ring", "pareto-frontier", "CE Pareto-optimal extreme points")
    if data.nash:
        nash = "Nash equilibrium payoffs" if data.nash_complete else "pure Nash equilibrium payoffs"
        scatter(data.nash, "nash", "nash", nash)
    for a, b in moves:
        ax.plot(*_cols([a, b], 3), gid="move", **_ART["move3"])
    if starts:
        scatter(starts, "d", "disagreement", "singleton values (v({1}), v({2}), v({3}))")
    scatter(solutions, "solution", "solutions", "solution")
    _legend_and_labels3(fig, ax, data, everything, bool(moves))


def _legend_and_labels3(fig: Any, ax: Any, data: PlotData, everything: list[Point], moves: bool) -> None:
    """The legend of a three-player figure, and its labels, placed on the projected axes."""
    from matplotlib.lines import Line2D
    from mpl_toolkits.mplot3d import proj3d

    handles, labels = ax.get_legend_handles_labels()
    if moves:
        handles.append(Line2D([], [], **_ART["move3"]))
        labels.append("from v({i}) to the solution")
    if data.coalitions:
        handles.append(Line2D([], [], linestyle=""))
        labels.append(f"fallback coalition model: {data.coalitions}")
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.02, 0.95), **_ART["legend"])  # float-guide
    ax.apply_aspect()
    M = ax.get_proj()

    def flat(p: Point) -> tuple[float, ...]:
        """Where ``p`` lands in the 2-D data coordinates of the projected axes."""
        x, y, z = _cols([p], 3)
        u, v, _ = proj3d.proj_transform(x[0], y[0], z[0], M)  # float-guide
        return (u, v)  # float-guide

    items = [(flat(p), label, _label_style(data, p)) for p, label in _shown_labels(data, 6)]
    if len(data.outcomes) <= 8:
        items += [(flat(p), tag, _ART["tag"]) for p, tag in _tags(data).items()]
    _place(fig, ax, items, [flat(p) for p in everything + list(data.nash)], inset=(0.1, 0.06))  # float-guide
