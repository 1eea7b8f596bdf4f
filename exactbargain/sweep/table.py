"""The table of a sweep's summary: violations per rule and axiom, with rates."""

from __future__ import annotations

from fractions import Fraction

from ..report import Table

__all__ = ["summary_table"]


def summary_table(summary: dict, axiom: str = "monotonicity") -> Table:
    """Violation counts and exact rates per rule (and player) as a :class:`~exactbargain.report.Table`.

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
