"""What every command of the command line shares: printing, reading games, argparse types,
the one-line argparse errors, the progress line and the ``--limit`` option."""

from __future__ import annotations

import argparse
import builtins
import sys
import textwrap
import time
import typing
import warnings
from contextvars import ContextVar
from typing import TextIO

from .. import limits
from ..game import Game

def echo(*values: object, sep: str = " ", end: str = "\n", file: TextIO | None = None,
          flush: bool = False) -> None:
    """The built-in ``print`` for every line the command line writes, with control characters
    (other than line breaks) shown as visible escapes (:func:`exactbargain.report.escape_controls`):
    titles, names and labels read from game files, and file names, could otherwise carry
    terminal escape codes or carriage returns to the terminal."""
    from ..report import escape_controls

    text = sep.join(map(str, values))
    builtins.print(escape_controls(text, keep="\n"), end=end, file=file, flush=flush)


#: The ``--set NAME=VALUE`` assignments of the running command (:func:`_load` applies them).
_SET: ContextVar[tuple[str, ...]] = ContextVar("exactbargain_set", default=())


def _load(path: str) -> Game:
    from ..formats import read_game

    if _SET.get():
        from ..parametric.family import read_game_at

        return read_game_at(path, _SET.get())

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        game = read_game(path)
    for warning in caught:
        echo(f"warning: {warning.message}", file=sys.stderr)
    return game


def _describe(game: Game) -> str:
    from ..report import escape_controls

    head = escape_controls(game.title) or "(untitled game)"
    lines = [head, "=" * len(head)]
    if game.comment:
        lines.append(textwrap.fill(game.comment, width=88))
    shape = " x ".join(str(m) for m in game.shape)
    lines.append(f"{game.num_players} players, {shape} actions, best total W = {_fmt([game.W])[0]}")
    lines.append("")
    lines.append(str(game))
    return "\n".join(lines)


class _Progress:
    """A counter line on stderr, rewritten in place with ``\\r``; silent unless the stream is
    a terminal and ``--quiet`` was not given. Updates are drawn at most every ``interval``
    seconds; :meth:`close` erases the line."""

    def __init__(self, quiet: bool, stream: TextIO | None = None, interval: float = 0.1) -> None:
        self.stream = sys.stderr if stream is None else stream
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = not quiet and bool(isatty and isatty())
        self.interval = interval
        self.last: float | None = None  # monotonic time of the last drawn line
        self.width = 0

    def show(self, line: str, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and self.last is not None and now - self.last < self.interval:
            return
        self.last = now
        pad = max(0, self.width - len(line))
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self.width = len(line)

    def close(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def _fmt(values) -> list[str]:
    from ..numbers import format_rational

    return [format_rational(v) for v in values]


def _vec(values) -> str:
    from ..numbers import format_vector

    return format_vector(values)


def _shown(values) -> list[str]:
    """Values as people read them (:func:`~exactbargain.tables.display.display_rational`)."""
    from ..tables.display import display_rational

    return [display_rational(v) for v in values]


def _shown_vec(values) -> str:
    """A vector as people read it (:func:`~exactbargain.tables.display.display_vector`)."""
    from ..tables.display import display_vector

    return display_vector(values)


def _integer(text: str) -> int:
    """The argparse type of integer options: an integer of the number grammar
    (:func:`exactbargain.numbers.parse_integer`: ASCII digits, an optional sign, no spaces)."""
    from ..errors import NumberError
    from ..numbers import parse_integer

    try:
        return parse_integer(text)
    except NumberError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _seed(text: str) -> int:
    """The argparse type of ``--seed``: an integer of at most 19 digits (JSON output records it)."""
    if len(text.lstrip("+-")) > 19:
        raise argparse.ArgumentTypeError(f"a seed has at most 19 digits; got {len(text):,} characters")
    return _integer(text)


def _count(text: str) -> int:
    """An argparse type: a non-negative integer."""
    value = _integer(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}")
    return value


def _tolerance(text: str):
    """An argparse type: a non-negative exact rational (``1/100``, ``0.01``)."""
    from ..numbers import parse_rational

    try:
        value = parse_rational(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"the tolerance must be >= 0, got {text!r}")
    return value


def select_help() -> str:
    """The selection rules in help texts, from the registry
    (:data:`exactbargain.bargaining.selection.REGISTRY`): ``welfare (default), egalitarian, ...``."""
    from ..bargaining.selection import DEFAULT_SELECTION, REGISTRY

    return ", ".join(rule.name + (" (default)" if rule.name == DEFAULT_SELECTION else "")
                     + (" (K = 1 .. the number of players)" if rule.per_player else "") for rule in REGISTRY.values())


class _UsageError(Exception):
    """A command line argparse refused; ``str()`` is the one-line message."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, ``exactbargain: error: ...`` ending with
    where to read more, instead of argparse's usage block (``--help`` prints it in full)."""

    def error(self, message: str) -> "typing.NoReturn":  # type: ignore[override]
        one_line = " ".join(message.split())
        raise _UsageError(f"{one_line} (see {self.prog} --help)")


def _add_limit_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE",
                        help="raise (or, with 'none', lift) a size limit, e.g. --limit lp-entries=5000000; "
                             f"the limits: {', '.join(limits.NAMES)} (docs/limits.md). Repeatable")


def _add_exact_text_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--exact-text", action="store_true",
                        help="print every value whole in text, Markdown, HTML and LaTeX output; by default a "
                             "value whose exact text is longer than 40 characters is shown rounded to 6 "
                             "significant digits and marked ~ (JSON is always exact)")


def _add_set_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="read a family of games (a JSON game with a 'parameter' key) at one exact value "
                             "of its parameter, e.g. --set t=7/3 (docs/parametric.md)")
