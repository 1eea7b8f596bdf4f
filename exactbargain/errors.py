"""The exception hierarchy of exactbargain.

Every error the library raises on purpose derives from :class:`ExactBargainError`, which is
itself a :class:`ValueError`, so callers may catch either.

>>> issubclass(GameFormatError, ValueError)
True
>>> str(GameFormatError("expected a number", path="g.nfg", line=3, column=7))
'g.nfg:3:7: expected a number'
"""

from __future__ import annotations

__all__ = [
    "ExactBargainError",
    "NumberError",
    "GameError",
    "GameTypeError",
    "GameFormatError",
    "GameFormatWarning",
    "LPError",
    "SolverError",
]


class ExactBargainError(ValueError):
    """Base class of every error exactbargain raises deliberately."""


class NumberError(ExactBargainError, TypeError):
    """A value could not be read as an exact rational number.

    It is both a :class:`ValueError` and a :class:`TypeError`: callers catching either
    (the standard library raises either for bad numeric input) see it.
    """


class GameError(ExactBargainError):
    """A game was constructed or transformed inconsistently (ragged tables, bad labels...)."""


class GameTypeError(GameError, TypeError):
    """An argument has the wrong type: ``None``, a list or a number where a
    :class:`~exactbargain.game.Game` (or a path, a rule, a table) is expected.

    It is a :class:`GameError` and a :class:`TypeError`, so callers catching either see it.

    >>> issubclass(GameTypeError, TypeError) and issubclass(GameTypeError, ExactBargainError)
    True
    """


def _located(message: str, path: str | None, line: int | None, column: int | None) -> str:
    """``file:line:column: message``, leaving out the parts that are unknown."""
    where = [str(part) for part in (path, line, column) if part is not None]
    return ":".join(where) + ": " + message if where else message


class _Located:
    """Carries the place (file, line, column) a message refers to, and shows it first."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        super().__init__(_located(message, path, line, column))


class GameFormatError(_Located, ExactBargainError):
    """A game file or document is malformed.

    The message names the file, the line and the column (1-based) of the problem when
    they are known, in the ``file:line:column: message`` form compilers use.
    """


class GameFormatWarning(_Located, UserWarning):
    """A game file was read, but something in it had to be changed to make a valid game.

    The reader of Gambit's ``.nfg`` format issues it when player names or action labels are
    empty or repeated, which Gambit accepts and renames. Like :class:`GameFormatError` it
    carries the place it refers to.

    >>> str(GameFormatWarning("player names renamed", path="g.nfg", line=1, column=40))
    'g.nfg:1:40: player names renamed'
    """


class LPError(ExactBargainError):
    """A linear program is malformed, or the solver failed (never reported as a status)."""


class SolverError(LPError):
    """An internal failure of a solver: the input was valid, but an algorithm reached a state
    that its mathematics rules out (an LP over a non-empty bounded polytope that comes back
    infeasible, a certificate the solver built that does not check, a pivot rule that cycles).

    It is never the caller's fault, so it is a bug to report with the input that caused it;
    the command line says so and exits with status 3. It is an :class:`LPError` because
    every such failure is a failure of exact linear programming or of a certificate read off
    an LP.

    >>> issubclass(SolverError, LPError), issubclass(SolverError, ExactBargainError)
    (True, True)
    """
