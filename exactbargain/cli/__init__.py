"""The ``exactbargain`` command.

Exit codes: 0 success, 1 a checked property fails, 2 bad input (one line on stderr naming
the problem and where it is), 3 an internal error (a bug: one line on stderr asking for a
report, never a traceback), 141 when the reader of stdout goes away (``| head``), quietly,
like a Unix tool stopped by SIGPIPE.

One module per command group: :mod:`~exactbargain.cli.common` (what they share),
:mod:`~exactbargain.cli.equilibria`, :mod:`~exactbargain.cli.solve`,
:mod:`~exactbargain.cli.plot` (``plot`` and ``demo``), :mod:`~exactbargain.cli.axioms`
(``check``, ``counterexample``, ``verify``) and :mod:`~exactbargain.cli.sweep`; this module
holds ``show``, ``convert``, the parser and :func:`main`, which turns every error into one line
and an exit code.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path
from typing import Callable, Sequence

from .. import __version__, examples, limits
from ..errors import ExactBargainError
from . import axioms as _axioms, equilibria as _equilibria, plot as _plot, solve as _solve, sweep as _sweep
from ..tables.display import DISPLAY_LIMIT, ROUNDED_NOTE, display_policy
from .common import (_SET, _add_exact_text_option, _add_limit_option, _add_set_option, _describe, _load, _Parser,
                     _UsageError, echo)
from .plot import EXAMPLES

__all__ = ["main", "build_parser", "example_path", "EXAMPLES"]


def example_path(name: str) -> Path:
    """Path of a bundled example game (e.g. ``"chicken.nfg"``).

    .. deprecated:: 0.1
       Use :func:`exactbargain.examples.path` (or :func:`exactbargain.examples.load`), which
       do not import the command line.

    Parameters
    ----------
    name : str
        The file name.

    Returns
    -------
    pathlib.Path
        The bundled file.

    Raises
    ------
    GameError
        For an unknown example.
    """
    warnings.warn("exactbargain.cli.example_path is deprecated; use exactbargain.examples.path "
                  "(or exactbargain.examples.load)", DeprecationWarning, stacklevel=2)
    return examples.path(name)


def _cmd_show(args: argparse.Namespace) -> int:
    game = _load(args.game)
    echo(_describe(game))
    return 0


def _cmd_convert(args: argparse.Namespace) -> int:
    from ..formats import write_game

    game = _load(args.input)
    write_game(game, args.output, outcome_form=args.outcome_form)
    echo(f"wrote {args.output}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``exactbargain`` command.

    Returns
    -------
    argparse.ArgumentParser
        The parser, one subcommand per command.

    Raises
    ------
    Nothing.
    """
    parser = _Parser(
        prog="exactbargain",
        description="Exact bargaining solutions for normal-form games, in rational arithmetic.",
        epilog="Exit codes: 0 success, 1 a checked property fails, 2 bad input.",
    )
    parser.add_argument("--version", action="version", version=f"exactbargain {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    show = sub.add_parser("show", help="print a game (two players: as a matrix; otherwise a profile table)",
                          description="Print a game read from a Gambit .nfg or exactbargain .json file.")
    show.add_argument("game", metavar="GAME", help="a .nfg or .json game file")
    show.set_defaults(run=_cmd_show)

    convert = sub.add_parser("convert", help="convert between .nfg and .json (by extension)",
                             description="Read IN and write OUT; the format follows each file's extension (.nfg or .json).")
    convert.add_argument("input", metavar="IN", help="the game file to read")
    convert.add_argument("output", metavar="OUT", help="the game file to write")
    convert.add_argument("--outcome-form", action="store_true",
                         help="write .nfg in Gambit's outcome version (default: payoff version)")
    convert.set_defaults(run=_cmd_convert)

    _equilibria.add_parser(sub)
    _solve.add_parser(sub)
    _plot.add_parser(sub)
    _axioms.add_parser(sub)
    for command in sub.choices.values():
        _add_limit_option(command)
        _add_set_option(command)
    # after the loop: a sweep's classes are small by construction and its work runs in other
    # processes, so the per-command size limits do not apply to it
    _sweep.add_parser(sub)
    for command in sub.choices.values():
        _add_exact_text_option(command)
    return parser


def _error(message: str) -> None:
    """Print ``exactbargain: error: message`` as exactly one line on stderr: line breaks and
    other control characters in the message (it may quote a file) are shown escaped."""
    text = "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in message)
    echo(f"exactbargain: error: {text}", file=sys.stderr)


def _exact_text(args: argparse.Namespace) -> bool:
    """Whether every value is printed whole: asked for (``--exact-text``), or the output is
    JSON (never rounded, whatever text a document embeds)."""
    return bool(getattr(args, "exact_text", False) or getattr(args, "json", False)
                or getattr(args, "format", None) == "json")


def _limits_of(args: argparse.Namespace) -> limits.Limits:
    """The defaults with every ``--limit NAME=VALUE`` of the command line applied, in order."""
    out = limits.DEFAULT_LIMITS
    for assignment in getattr(args, "limit", []):
        out = limits.parse_assignment(assignment, out)
    return out


#: The arguments that name files, in the order they are read or written.
_FILE_ARGUMENTS = ("game", "input", "after", "certificate", "output", "out_dir")


def _os_error_text(exc: OSError, args: argparse.Namespace) -> str:
    """``file: reason`` for a file-system error; when the error does not say which file it
    concerns, the files of the command line are named."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is not None:
        return f"{exc.filename}: {reason}"
    files = [str(getattr(args, name)) for name in _FILE_ARGUMENTS if getattr(args, name, None)]
    return f"{reason} (while working on {', '.join(files)})" if files else reason


def _internal_error(exc: BaseException) -> BaseException | None:
    """The :class:`~exactbargain.errors.SolverError` behind ``exc`` (itself, or one it was
    raised from or while handling), if any."""
    from ..errors import SolverError

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, SolverError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _stdout_closed() -> int:
    """The reader of stdout went away (``exactbargain ... | head``): stop quietly with the
    status a process killed by SIGPIPE reports (128 + 13), as Unix tools do. Stdout is pointed
    at the null device so the interpreter's flush at exit does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor
        pass
    return 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code.

    Raises
    ------
    Nothing: every error becomes one line on stderr and an exit code.
    """
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:
            raise _UsageError(f"unrecognized arguments: {' '.join(extra)} (see exactbargain {args.command} --help)")
    except _UsageError as exc:
        _error(str(exc))
        return 2
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        token = _SET.set(tuple(getattr(args, "set", [])))
        try:
            with limits.using(_limits_of(args)), display_policy(None if _exact_text(args) else DISPLAY_LIMIT) as shown:
                code = run(args)
            if shown.rounded:
                echo(f"exactbargain: note: {ROUNDED_NOTE}", file=sys.stderr)
            return code
        finally:
            _SET.reset(token)
            # written out here, so that a reader who has gone away is noticed below
            if sys.stdout is not None:
                sys.stdout.flush()
    except BrokenPipeError:
        return _stdout_closed()
    except limits.LimitError as exc:
        _error(f"{exc.reason}; raise it with --limit {exc.name}={exc.needed}")
        return 2
    except ExactBargainError as exc:
        internal = _internal_error(exc)
        if internal is not None:
            message = " ".join(str(internal).split())
            echo(f"exactbargain: internal error: {message} (this is a bug; please report it with the "
                 "input that caused it)", file=sys.stderr)
            return 3
        _error(str(exc))
        return 2
    except OSError as exc:
        _error(_os_error_text(exc, args))
        return 2
    except MemoryError:
        _error("out of memory before any size limit was reached; lower the limits with --limit NAME=VALUE "
               "(see docs/limits.md) or give a smaller input")
        return 2
    except KeyboardInterrupt:
        echo("exactbargain: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
