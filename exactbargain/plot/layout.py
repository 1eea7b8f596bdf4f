"""Where the labels of a plot go: the spot near each point that hides the fewest markers,
lines and other labels (pixel geometry on floats; no exact value depends on it)."""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np  # float-guide: pixel geometry of the label layout only

from .data import PlotData, Point
from .style import _ART

def _shown_labels(data: PlotData, cap: int) -> tuple[tuple[Point, str], ...]:
    """The labels drawn: all of them when there are at most ``cap``, else those of the rule
    points only (the coordinates of the other points stay in :class:`PlotData`)."""
    labels = data.labels(width=40)
    if len(labels) <= cap:
        return labels
    ruled = {r.payoffs for r in data.rules} | {r.disagreement for r in data.rules}
    return tuple((p, label) for p, label in labels if p in ruled)


def _label_style(data: PlotData, p: Point) -> dict:
    """Labels of solutions in bold, of other points plain."""
    bold = any(r.payoffs == p for r in data.rules)
    return {**_ART["label"], "fontweight": "bold" if bold else "normal"}


def _place(fig: Any, ax: Any, items: list[tuple[tuple[float, ...], str, dict]],
           markers: list[tuple[float, ...]], lines: Sequence[Sequence[tuple[float, ...]]] = (),
           inset: tuple[float, float] = (0, 0)) -> None:
    """Put each label near its anchor (in ``ax``'s data coordinates), inside the axes, at the
    spot (16 directions, 7 distances) that minimises the area it covers of the markers and of
    the labels placed before, plus 0.3 times the area it covers of ``lines`` (polylines),
    plus twice its distance from the anchor; ties go to the direction pointing away from
    the centre of the picture. A thin leader line joins a label set off its anchor. Offsets
    are in points, so the layout does not depend on the resolution the figure is saved at.
    ``inset`` keeps labels that fraction of the axes' width and height away from its sides
    (3-D axes draw their tick labels inside that box). All of this is pixel geometry on
    floats; no exact value depends on it."""
    renderer = fig.canvas.get_renderer()
    box = ax.get_window_extent(renderer)
    mx, my = box.width * inset[0], box.height * inset[1]  # float-guide
    left, right, bottom, top = box.x0 + mx, box.x1 - mx, box.y0 + my, box.y1 - my  # float-guide
    to_px = ax.transData.transform
    s = fig.dpi / 72  # pixels per point  # float-guide
    pts = np.array([to_px(m) for m in markers] + [to_px(a) for a, _, _ in items], dtype=float)  # float-guide
    centre = pts.mean(axis=0)  # float-guide
    taken = [np.hstack([pts - 5 * s, pts + 5 * s])]  # float-guide
    strokes = [np.zeros((0, 4))]  # float-guide
    for line in lines:
        ends = np.array([to_px(p) for p in line], dtype=float)  # float-guide
        for a, b in zip(ends, ends[1:]):
            t = np.linspace(0, 1, max(1, int(np.hypot(*(b - a)) / (4 * s))) + 1)[:, None]  # float-guide
            along = a + t * (b - a)  # float-guide
            strokes.append(np.hstack([along - 1.5 * s, along + 1.5 * s]))  # float-guide
    stroke_boxes = np.vstack(strokes)  # float-guide
    for anchor, label, style in items:
        p = to_px(anchor)  # float-guide
        away = p - centre  # float-guide
        outward = np.arctan2(away[1], away[0]) if np.hypot(*away) > 1 else np.pi / 4  # float-guide
        angles = sorted((k * np.pi / 8 for k in range(16)),
                        key=lambda t: abs(math.remainder(t - outward, 2 * math.pi)))  # float-guide
        probe = ax.annotate(label, xy=anchor, xytext=(0, 0), textcoords="offset points", ha="left",
                            va="bottom", **style)
        e = probe.get_window_extent(renderer)
        probe.remove()
        w, h, lift_x, lift_y = e.width, e.height, e.x0 - p[0], e.y0 - p[1]  # float-guide
        cands = []
        for radius in (6, 12, 20, 30, 42, 58, 78):
            for t in angles:
                dx, dy = radius * math.cos(t), radius * math.sin(t)  # float-guide
                ha = "left" if dx > 2 else "right" if dx < -2 else "center"  # float-guide
                va = "bottom" if dy > 2 else "top" if dy < -2 else "center"  # float-guide
                x0 = p[0] + lift_x + dx * s - {"left": 0, "center": w / 2, "right": w}[ha]  # float-guide
                y0 = p[1] + lift_y + dy * s - {"bottom": 0, "center": h / 2, "top": h}[va]  # float-guide
                box = (x0 - 2 * s, y0 - 2 * s, x0 + w + 2 * s, y0 + h + 2 * s)  # float-guide
                cands.append((radius, dx, dy, ha, va, box))
        boxes = np.array([c[5] for c in cands])  # float-guide
        covered = _covered(boxes, np.vstack(taken)) + 0.3 * _covered(boxes, stroke_boxes)  # float-guide
        inside = ((boxes[:, 0] >= left) & (boxes[:, 2] <= right)  # float-guide
                  & (boxes[:, 1] >= bottom) & (boxes[:, 3] <= top))  # float-guide
        distance = np.array([2 * c[0] * s for c in cands])  # float-guide
        best = int(np.argmin(covered + np.where(inside, 0, 1e7) + distance))  # float-guide
        radius, dx, dy, ha, va, box = cands[best]
        leader = _ART["leader"] if radius > (15 if style is _ART["tag"] else 9) else None
        note = ax.annotate(label, xy=anchor, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, zorder=12,
                           bbox=_ART["label-box"], arrowprops=leader, **style)
        note.set_gid("label")
        taken.append(np.array([box]))  # float-guide


def _covered(boxes: Any, obstacles: Any) -> Any:
    """For each box (rows ``x0, y0, x1, y1``), the total area it shares with the obstacles."""
    b, o = boxes[:, None, :], obstacles[None, :, :]  # float-guide
    w = np.minimum(b[..., 2], o[..., 2]) - np.maximum(b[..., 0], o[..., 0])  # float-guide
    h = np.minimum(b[..., 3], o[..., 3]) - np.maximum(b[..., 1], o[..., 1])  # float-guide
    return (w.clip(min=0) * h.clip(min=0)).sum(axis=1)  # float-guide
