"""The table of a sweep's summary: violations per rule and axiom, with rates."""

from __future__ import annotations

from fractions import Fraction

from ..tables import Table

__all__ = ["summary_table", "plot_summary"]


def _parts(summary: dict, axiom: str) -> dict[str, dict]:
    """``{axiom: its counts}``: the summary's ``by_axiom``, or the summary itself as ``axiom``'s."""
    return summary.get("by_axiom") or {axiom: summary}


def summary_table(summary: dict, axiom: str = "monotonicity") -> Table:
    """Violation counts and exact rates (violations / the axiom's instances) per rule and
    axiom, and per player, as a :class:`~exactbargain.tables.Table`.

    Parameters
    ----------
    summary : dict
        A sweep's summary (:func:`~exactbargain.sweep.run.sweep`).
    axiom : str
        The axiom's name, for a summary without per-axiom counts (``by_axiom``); a summary
        with them lists every axiom it holds.

    Returns
    -------
    Table
        One row per (rule, axiom).

    Raises
    ------
    KeyError
        If the summary lacks the counts.

    Examples
    --------
    >>> s = {"class": {"players": 2, "shape": [2, 2], "payoffs": ["0", "1"]}, "games": 256, "instances": 8192,
    ...      "violations": {"coco": 0, "fallback[welfare]": 68},
    ...      "violations_by_player": {"coco": [0, 0], "fallback[welfare]": [34, 34]}}
    >>> print(summary_table(s).text())
    monotonicity over 256 2-player 2x2 games with payoffs in 0:1 (8192 instances)
    rule               axiom         violations  rate     player 1  player 2
    -----------------  ------------  ----------  -------  --------  --------
    coco               monotonicity  0           0        0         0
    fallback[welfare]  monotonicity  68          17/2048  34        34
    """
    c = summary["class"]
    n = c["players"]
    parts = _parts(summary, axiom)
    header = ("rule", "axiom", "violations", "rate") + tuple(f"player {p + 1}" for p in range(n))
    rows = []
    for rule in summary["violations"]:
        for name, part in parts.items():
            count, instances = part["violations"][rule], part["instances"]
            rate = Fraction(count, instances) if instances else Fraction(0)
            rows.append((rule, name, count, rate) + tuple(part["violations_by_player"][rule]))
    what = ", ".join(f"{name} ({part['instances']} instances)" for name, part in parts.items()) if len(parts) > 1 \
        else f"{next(iter(parts))}"
    total = "" if len(parts) > 1 else f" ({summary['instances']} instances)"
    caption = (f"{what} over {summary['games']} {n}-player {'x'.join(map(str, c['shape']))} games with payoffs in "
               f"{c['payoffs'][0]}:{c['payoffs'][1]}{total}",)
    return Table(header, tuple(rows), caption=caption, align="llrr" + "r" * n)


def plot_summary(summary: dict, path: str, axiom: str = "monotonicity") -> None:
    """A bar chart of the violation rate per rule and axiom (one bar per player), written to
    ``path`` (the format follows the extension). Needs matplotlib (the ``plot`` extra). The
    rates are exact fractions; only their drawing is approximate.

    Parameters
    ----------
    summary : dict
        A sweep's summary.
    path : str
        The file to write.
    axiom : str
        The axiom's name, for a summary without per-axiom counts.

    Returns
    -------
    None

    Raises
    ------
    ExactBargainError
        If matplotlib is not installed.
    """
    from ..plot import _matplotlib

    Figure, Canvas = _matplotlib()
    parts = _parts(summary, axiom)
    bars = [(rule, name) for rule in summary["violations"] for name in parts]
    labels = [rule if len(parts) == 1 else f"{rule}\n{name}" for rule, name in bars]
    n = summary["class"]["players"]
    fig = Figure(figsize=(1.2 + 1.1 * len(bars), 3.6))  # float-guide: figure size in inches
    Canvas(fig)
    ax = fig.add_subplot()
    width = 0.8 / n  # float-guide: bar geometry
    for p in range(n):
        rates = [Fraction(parts[name]["violations_by_player"][rule][p], parts[name]["instances"] or 1)
                 for rule, name in bars]
        heights = [float(rate) for rate in rates]  # float-guide: bar heights handed to matplotlib
        ax.bar([k + (p - (n - 1) / 2) * width for k in range(len(bars))], heights, width, label=f"player {p + 1}")
    ax.set_xticks(range(len(bars)), labels, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("share of the axiom's instances")
    c = summary["class"]
    ax.set_title(f"{', '.join(parts)} violations, {'x'.join(map(str, c['shape']))} games, payoffs "
                 f"{c['payoffs'][0]}:{c['payoffs'][1]}", fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
