"""The table of a sweep's summary: violations per rule and axiom, with rates."""

from __future__ import annotations

from fractions import Fraction

from ..tables import Table

__all__ = ["summary_table", "plot_summary"]


def summary_table(summary: dict, axiom: str = "monotonicity") -> Table:
    """Violation counts and exact rates per rule (and player) as a :class:`~exactbargain.tables.Table`.

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
    instances = summary["instances"]
    header = ("rule", "axiom", "violations", "rate") + tuple(f"player {p + 1}" for p in range(n))
    rows = []
    for rule, count in summary["violations"].items():
        rate = Fraction(count, instances) if instances else Fraction(0)
        rows.append((rule, axiom, count, rate) + tuple(summary["violations_by_player"][rule]))
    caption = (f"{axiom} over {summary['games']} {n}-player {'x'.join(map(str, c['shape']))} games with payoffs in "
               f"{c['payoffs'][0]}:{c['payoffs'][1]} ({instances} instances)",)
    return Table(header, tuple(rows), caption=caption, align="llrr" + "r" * n)


def plot_summary(summary: dict, path: str, axiom: str = "monotonicity") -> None:
    """A bar chart of the violation rate per rule (one bar per player), written to ``path``
    (the format follows the extension). Needs matplotlib (the ``plot`` extra). The rates are
    exact fractions; only their drawing is approximate."""
    from ..plot import _matplotlib

    Figure, Canvas = _matplotlib()
    rules = list(summary["violations"])
    n = summary["class"]["players"]
    instances = summary["instances"] or 1
    fig = Figure(figsize=(1.2 + 1.1 * len(rules), 3.6))  # float-guide: figure size in inches
    Canvas(fig)
    ax = fig.add_subplot()
    width = 0.8 / n  # float-guide: bar geometry
    for p in range(n):
        heights = [float(Fraction(summary["violations_by_player"][r][p], instances)) for r in rules]  # float-guide
        ax.bar([k + (p - (n - 1) / 2) * width for k in range(len(rules))], heights, width, label=f"player {p + 1}")
    ax.set_xticks(range(len(rules)), rules, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(f"share of all {instances} instances")
    c = summary["class"]
    ax.set_title(f"{axiom} violations, {'x'.join(map(str, c['shape']))} games, payoffs "
                 f"{c['payoffs'][0]}:{c['payoffs'][1]}", fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
