"""The command-line side of parametric solving: ``solve FAMILY.json --param t --range 0:inf``.

:func:`add_arguments` adds ``--param`` and ``--range`` to the ``solve`` parser;
:func:`run` reads the family, solves the rule (``coco``, or ``fallback`` with ``--select``
``welfare``, ``egalitarian``, ``dictator-K``, ``random-dictator`` and, for three or more
players, ``--coalitions``) for every value in the range and prints the pieces as text,
Markdown, LaTeX or JSON::

    {"parameter": "t", "rule": "coco", "select": null, "range": {...}, "coalitions": null,
     "pieces": [{"from": "0", "to": "inf", "closed": [true, false], "payoffs": ["1/2*t", "-1/2*t"]}]}

Ends are ``"p/q"``, ``"inf"``/``"-inf"``, or ``{"poly": [...], "interval": ["p/q", "p/q"]}``
for a real algebraic number.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from .algebraic import Interval
from .family import read_parametric_json
from .piecewise import Piecewise
from .plp import ParametricError
from .nplayer import fallback
from .selection import SELECTIONS
from .solve import coco

__all__ = ["add_arguments", "run", "pieces_of", "render"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--param NAME`` and ``--range INTERVAL`` to a ``solve`` parser.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The ``solve`` command's parser (it already has ``game``, ``--rule``, ``--select``,
        ``--format`` and ``--json``).
    """
    parser.add_argument("--param", metavar="NAME",
                        help="solve the parametric family GAME (a JSON document with a \"parameter\" key) for "
                             "every value of its parameter NAME")
    parser.add_argument("--range", metavar="INTERVAL", default=None,
                        help="with --param: the values, as A:B (closed; inf allowed) or [A, B), (A, inf) ... "
                             "(default: the whole line)")


def pieces_of(values: tuple[Piecewise, ...]) -> list[tuple[Interval, list[str]]]:
    """The common refinement of the players' piecewise values: ``(interval, formulas)``.

    Parameters
    ----------
    values : tuple of Piecewise
        One per player, on one domain.

    Returns
    -------
    list of (Interval, list of str)
    """
    rows: list[tuple[Interval, list]] = [(p.interval, [p.value]) for p in values[0].pieces]
    for other in values[1:]:
        refined = []
        for interval, formulas in rows:
            for q in other.pieces:
                both = interval.intersect(q.interval)
                if both is not None:
                    refined.append((both, formulas + [q.value]))
        rows = refined
    name = values[0].parameter
    return [(iv, [f.text(name) for f in fs]) for iv, fs in rows]


def render(values: tuple[Piecewise, ...], fmt: str, header: dict[str, Any]) -> str:
    """The pieces as ``text``, ``markdown``, ``latex`` or ``json``.

    Parameters
    ----------
    values : tuple of Piecewise
    fmt : str
    header : dict
        ``parameter``, ``rule``, ``select``, ``range`` (for JSON and the title line).

    Returns
    -------
    str
    """
    rows = pieces_of(values)
    name = header["parameter"]
    if fmt == "json":
        doc = dict(header, pieces=[dict(iv.to_json(), payoffs=fs) for iv, fs in rows])
        return json.dumps(doc, indent=2)
    chosen = "; ".join(x for x in (header["select"], header.get("coalitions")) if x)
    title = f"{header['rule']}{'[' + chosen + ']' if chosen else ''} for {name} in {header['range']}"
    if fmt == "markdown":
        lines = [f"| {name} | payoffs |", "|---|---|"]
        lines += [f"| {iv} | ({', '.join(f'`{f}`' for f in fs)}) |" for iv, fs in rows]
        return f"**{title}**\n\n" + "\n".join(lines)
    if fmt == "latex":
        def tex(text: str) -> str:
            return text.replace("*", " ").replace("inf", r"\infty").replace("{", r"\{").replace("}", r"\}")
        lines = [r"\begin{tabular}{ll}", f"${name}$ & payoffs \\\\", r"\hline"]
        lines += [f"${tex(str(iv))}$ & $({', '.join(tex(f) for f in fs)})$ \\\\" for iv, fs in rows]
        return "\n".join(lines + [r"\end{tabular}"])
    width = max(len(str(iv)) for iv, _ in rows)
    return title + "\n" + "\n".join(f"  {name} in {str(iv).ljust(width)}  ({', '.join(fs)})" for iv, fs in rows)


def run(args: argparse.Namespace) -> int:
    """Solve ``args.game`` for every value of ``args.param`` in ``args.range`` and print it.

    Parameters
    ----------
    args : argparse.Namespace
        ``game``, ``param``, ``range``, ``rule``, ``select``, ``coalitions`` (the fallback of
        three or more players), ``format``, ``json`` (and ``set``, refused).

    Returns
    -------
    int
        0 when every piece's certificates re-check, else 1.

    Raises
    ------
    ExactBargainError
        For a bad family, range, rule or selection (the command line prints the message).
    """
    if getattr(args, "set", None):
        raise ParametricError(f"--set {args.set[0]} picks one value, --param {args.param} solves for every value; "
                              "give one of them")
    family = read_parametric_json(args.game)
    if args.param != family.parameter:
        raise ParametricError(f"--param {args.param}: the family's parameter is {family.parameter!r}")
    try:
        domain = Interval.parse(args.range) if args.range else Interval()
    except ValueError as exc:
        raise ParametricError(f"--range: {exc}") from None
    rule, select = getattr(args, "rule", "coco"), getattr(args, "select", None)
    model = getattr(args, "coalitions", None)
    if rule == "coco":
        if select is not None or model is not None:
            raise ParametricError(f"--{'select' if select is not None else 'coalitions'} applies to the fallback, "
                                  "not to coco")
        values = coco(family, domain)
    elif rule == "fallback":
        select = select or "welfare"
        if len(family.players) == 2 and select not in SELECTIONS:
            raise ParametricError(f"--select {select}: with --param the selections are {', '.join(SELECTIONS)}")
        model = (model or "two-teams") if len(family.players) > 2 else None
        values = fallback(family, select, domain, model or "two-teams")
    else:
        raise ParametricError(f"--rule {rule}: with --param the rules are coco and fallback")
    fmt = "json" if getattr(args, "json", False) else (getattr(args, "format", None) or "text")
    header = {"parameter": family.parameter, "rule": rule, "select": select, "range": str(domain),
              "coalitions": model}
    print(render(values, fmt, header))
    pairs = {(id(cert), str(iv)): (iv, cert) for v in values for p in v.pieces for iv, cert in p.certificates}
    ok = all(not cert.check(iv) for iv, cert in pairs.values())
    return 0 if ok else 1
