"""Drawing a family's values against its parameter with matplotlib (an optional extra):
:func:`family_figure` and :func:`save_family`, on a bare :class:`matplotlib.figure.Figure`
with the Agg canvas. The numbers come from :func:`~exactbargain.plot.family.family_plot_data`;
floats are made from its exact samples only here, to place the marks."""

from __future__ import annotations

import os
import textwrap
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Sequence

from .. import limits as size_limits
from ..errors import ExactBargainError
from ..parametric import ParametricGame
from ..parametric.algebraic import Interval
from ..parametric.command import pieces_of
from .data import _shortened
from .draw import _matplotlib, _write
from .family import FamilyPlotData, _outer, family_plot_data, interval_text
from .style import _MAX_DRAWN_DIGITS

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure

__all__ = ["family_figure", "save_family"]

#: One colour per rule (in the order asked for), one line style per player.
COLOURS = ("#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")
STYLES = ("-", "--", ":", "-.")

#: At most this many rows of formulas per rule beside the plot; at most this many breakpoints labelled.
_ROWS, _LABELS = 6, 16


def _formulas(data: FamilyPlotData) -> str:
    """The pieces of each rule on the whole domain, one row per piece of the common refinement
    of the players' values: ``"coco: t in [0, 3]: (1/2*t + 3, -1/2*t + 3)"``, at most :data:`_ROWS` a rule."""
    blocks = []
    for rule in data.rules:
        values = tuple(c.solution for c in data.curves if c.rule == rule)
        rows = pieces_of(values)
        lines = [f"{rule}:"]
        for interval, formulas in rows[:_ROWS]:
            row = _shortened(f"{data.parameter} in {interval_text(interval, data.parameter)}: ({', '.join(formulas)})")
            lines += textwrap.wrap(row, 58, initial_indent="  ", subsequent_indent="      ", break_on_hyphens=False)
        if len(rows) > _ROWS:
            lines.append(f"  ... {len(rows) - _ROWS} more pieces (exactbargain solve --param)")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def _exponent(numbers: Sequence[Fraction]) -> int:
    """``k`` such that the numbers, divided by ``10**k``, are small enough for floats (0 unless
    one has more than :data:`~exactbargain.plot.style._MAX_DRAWN_DIGITS` digits before the point)."""
    digits = len(str(int(max((abs(x) for x in numbers), default=Fraction(0)))))
    return digits - 1 if digits > _MAX_DRAWN_DIGITS else 0


def _units(data: FamilyPlotData) -> tuple[int, int]:
    """The powers of ten in which the parameter and the values are drawn."""
    ts = [t for c in data.curves for piece in c.samples for t, _ in piece] + [b.position for b in data.breakpoints]
    ts += [_outer(data.window.lo, -1), _outer(data.window.hi, 1)]
    return _exponent(ts), _exponent([v for c in data.curves for piece in c.samples for _, v in piece])


def _axis(name: str, exponent: int) -> str:
    return name + (f" (in units of 10^{exponent})" if exponent else "")


def _y_limits(data: FamilyPlotData) -> tuple[Fraction, Fraction]:
    ys = [v for c in data.curves for piece in c.samples for _, v in piece]
    lo, hi = (min(ys), max(ys)) if ys else (Fraction(-1), Fraction(1))
    pad = (hi - lo) / 12 if hi > lo else max(abs(hi), Fraction(1)) / 4
    return lo - pad, hi + pad


def _draw_curves(ax: Any, data: FamilyPlotData, kx: int, ky: int) -> None:
    """Every curve: its pieces as lines (one-point pieces as dots), jumps with filled ends that
    belong to their piece and hollow ones that do not."""
    for c in data.curves:
        r, p = data.rules.index(c.rule), data.players.index(c.player)
        colour = COLOURS[r % len(COLOURS)]
        width = max(3.4 - 0.9 * r, 1.2)  # float-guide: rules drawn over each other stay visible
        for k, (piece, samples) in enumerate(zip(c.value.pieces, c.samples)):
            ts = [float(t / 10 ** kx) for t, _ in samples]  # float-guide
            vs = [float(v / 10 ** ky) for _, v in samples]  # float-guide
            label = f"{c.rule}: {c.player}" if k == 0 else None
            if piece.interval.is_point or len(samples) == 1:
                ax.plot(ts, vs, marker="o", markersize=5, color=colour, linestyle="", zorder=4 + r, gid="point",
                        label=label)
            else:
                ax.plot(ts, vs, color=colour, linestyle=STYLES[p % len(STYLES)], linewidth=width, zorder=3 + r,
                        gid="piece", label=label, solid_capstyle="butt")
        for t, v, closed in c.jumps:
            ax.plot([float(t / 10 ** kx)], [float(v / 10 ** ky)], marker="o", markersize=5.5, color=colour,  # float-guide
                    markerfacecolor=colour if closed else "white", linestyle="", zorder=6 + r,
                    gid="end-closed" if closed else "end-open")


def _draw_breakpoints(ax: Any, data: FamilyPlotData, kx: int) -> None:
    """A dotted vertical line at every breakpoint, labelled (up to :data:`_LABELS`) with its
    exact text at the top of the axes."""
    transform = ax.get_xaxis_transform()  # x in data, y in axes fractions
    for b in data.breakpoints:
        x = float(b.position / 10 ** kx)  # float-guide
        ax.axvline(x, color="#737373", linestyle=":", linewidth=1.0, zorder=1, gid="breakpoint")
        if len(data.breakpoints) <= _LABELS:
            ax.text(x, 0.985, _shortened(b.text), transform=transform, rotation=90, ha="right", va="top", fontsize=7.5,
                    color="#404040", gid="breakpoint-label",
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})


def family_figure(data: FamilyPlotData, *, title: str | None = None) -> "matplotlib.figure.Figure":
    """The figure of :class:`FamilyPlotData`: each rule's value for each player against the
    parameter (colour: the rule; line style: the player), breakpoints as dotted vertical
    lines labelled with their exact values, jumps with filled (belongs) and hollow (does not)
    ends, and beside the plot the legend and each rule's pieces with their formulas (on the
    whole domain: an unbounded domain's outermost pieces go on beyond the window).

    Artists carry ids (``get_gid()``): ``piece`` (a piece's line), ``point`` (a one-point
    piece), ``end-closed``/``end-open`` (the ends at a jump), ``breakpoint``,
    ``breakpoint-label``, ``formulas`` and ``window-note`` (when the window was chosen).

    Parameters
    ----------
    data : FamilyPlotData
        From :func:`~exactbargain.plot.family.family_plot_data`.
    title : str, optional
        The figure's title (default: the family's title; ``""`` for none).

    Returns
    -------
    matplotlib.figure.Figure
        The figure, on the Agg canvas.

    Raises
    ------
    ExactBargainError
        When matplotlib is not installed.
    """
    Figure, FigureCanvasAgg = _matplotlib()
    fig = Figure(figsize=(11, 6))  # float-guide
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.07, right=0.58, bottom=0.16 if data.chosen else 0.09, top=0.92)  # float-guide
    ax = fig.add_subplot(1, 1, 1)
    kx, ky = _units(data)
    ax.set_xlim(float(_outer(data.window.lo, -1) / 10 ** kx), float(_outer(data.window.hi, 1) / 10 ** kx))  # float-guide
    ylo, yhi = _y_limits(data)
    ax.set_ylim(float(ylo / 10 ** ky), float(yhi / 10 ** ky))  # float-guide
    ax.set_xlabel(_axis(data.parameter, kx))
    ax.set_ylabel(_axis("value", ky))
    heading = data.title if title is None else title
    if heading:
        ax.set_title(heading)
    ax.grid(True, color="#f0f0f0", zorder=0)
    ax.set_axisbelow(True)
    _draw_breakpoints(ax, data, kx)
    _draw_curves(ax, data, kx, ky)
    legend = ax.legend(loc="upper left", bbox_to_anchor=(1.03, 1), frameon=False, fontsize=8.5, borderaxespad=0)
    fig.text(0.605, 0.9 - 0.032 * (len(legend.get_texts()) + 1), _formulas(data), va="top", ha="left",  # float-guide
             family="monospace", fontsize=7.5, gid="formulas")
    if data.chosen:
        fig.text(0.07, 0.01, "\n".join(textwrap.wrap(data.window_note, 120)), fontsize=7.5, color="#525252",
                 gid="window-note")
    return fig


def save_family(game: "ParametricGame | FamilyPlotData", path: "str | os.PathLike[str]",
                rules: Sequence[str] | str = ("coco", "fallback-welfare"), domain: Interval | str | None = None, *,
                title: str | None = None, dpi: int = 150,
                limits: size_limits.Limits | None = None) -> FamilyPlotData:
    """Solve the family ``game`` (as :func:`~exactbargain.plot.family.family_plot_data`),
    draw it (as :func:`family_figure`) and write the picture to ``path``; the format follows
    the extension (``.png``, ``.pdf``, ``.svg``, ...). Returns the exact data drawn.

    Before anything is solved, the longest text drawn (``title``, the family's title, player
    names) is held to the ``label-length`` limit and the picture's estimated size at ``dpi``
    to ``plot-pixels`` (``limits``, by default those in force; see :mod:`exactbargain.limits`).

    Parameters
    ----------
    game : ParametricGame or FamilyPlotData
        The family, or its plot data (``rules`` and ``domain`` are then not used).
    path : str or path-like
        The picture to write.
    rules : sequence of str or str
        Rule names (:data:`~exactbargain.plot.family.FAMILY_RULES`).
    domain : Interval, str or None
        The parameter's values (default: the whole line).
    title : str, optional
        The figure's title.
    dpi : int
        Resolution of raster formats.
    limits : Limits, optional
        Size limits (default: those in force).

    Returns
    -------
    FamilyPlotData
        What was drawn.

    Raises
    ------
    ExactBargainError
        For a bad ``dpi``, a file that cannot be written, or without matplotlib.
    GameError
        As :func:`~exactbargain.plot.family.family_plot_data`.
    LimitError
        When a text or the picture would exceed a size limit.
    """
    if isinstance(dpi, bool) or not isinstance(dpi, int) or dpi < 1:
        raise ExactBargainError(f"dpi must be a positive integer, got {dpi!r}")
    with size_limits.using(limits):
        longest = max(len(t) for t in [title or "", game.title or "", *game.players])
        size_limits.check("label-length", longest, f"a text to draw has {longest} characters")
        pixels = int((11 * dpi + longest * dpi // 8) * 7 * dpi)
        size_limits.check("plot-pixels", pixels, f"a picture at {dpi} dpi has about {pixels} pixels")
        data = game if isinstance(game, FamilyPlotData) else family_plot_data(game, rules, domain)
        _write(family_figure(data, title=title), path, dpi)
    return data
