"""Reading and writing a game file chosen by its extension: ``.nfg`` or ``.json``."""

from __future__ import annotations

import os
import pathlib
from typing import Any

from .. import limits as _limits
from ..errors import GameFormatError, GameTypeError
from ..game import Game
from .jsonfmt import read_json, write_json
from .nfg import read_nfg, write_nfg

__all__ = ["read_game", "write_game", "EXTENSIONS"]

#: The file extensions :func:`read_game` and :func:`write_game` understand.
EXTENSIONS = (".nfg", ".json")


def _extension(path: Any) -> str:
    name = os.fspath(path)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    extension = os.path.splitext(name)[1].lower()
    if extension not in EXTENSIONS:
        shown = repr(extension) if extension else "no extension"
        raise GameFormatError(
            f"cannot tell the format of a file with {shown}; expected a name ending in .nfg "
            "(Gambit strategic form) or .json (exactbargain JSON)",
            path=name,
        )
    return extension


def read_game(path: Any, *, limits: _limits.Limits | None = None) -> Game:
    """Read a game from ``path``: Gambit's format for ``.nfg``, exactbargain JSON for ``.json``.

    The file is read in chunks and not past the ``file-size`` limit (``limits``, by default
    those in force; see :mod:`exactbargain.limits`); devices are refused.

    Parameters
    ----------
    path : str or os.PathLike
        The file, named ``*.nfg`` or ``*.json``.
    limits : Limits, optional
        The limits to read under (default: those in force).

    Returns
    -------
    Game
        The game.

    Raises
    ------
    GameFormatError
        An unknown extension, a device, or malformed content (with line and column).
    GameTypeError
        ``path`` is not a path.
    LimitError
        The file is larger than the ``file-size`` limit.
    OSError
        The file cannot be read.

    Examples
    --------
    >>> read_game("game.txt")
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameFormatError: game.txt: cannot tell the format of a file with '.txt'; expected a name ending in .nfg (Gambit strategic form) or .json (exactbargain JSON)
    """
    if not isinstance(path, (str, os.PathLike)):
        raise GameTypeError(f"read_game() takes a path, not {type(path).__name__}")
    source = pathlib.Path(path)  # a str is always a path here, whatever it looks like
    with _limits.using(limits):
        if _extension(path) == ".nfg":
            return read_nfg(source, path=os.fspath(path))
        return read_json(source, path=os.fspath(path))


def write_game(game: Game, path: Any, *, outcome_form: bool = False) -> None:
    """Write ``game`` to ``path`` in the format its extension names (``.nfg`` or ``.json``).

    ``outcome_form`` asks for Gambit's outcome version and applies to ``.nfg`` only.

    Parameters
    ----------
    game : Game
        The game.
    path : str or os.PathLike
        The file, named ``*.nfg`` or ``*.json``.
    outcome_form : bool
        Write Gambit's outcome version (``.nfg`` only).

    Returns
    -------
    None

    Raises
    ------
    GameFormatError
        An unknown extension, or ``outcome_form`` for a ``.json`` file.
    GameTypeError
        ``game`` is not a game or ``path`` not a path.
    OSError
        The file cannot be written.

    Examples
    --------
    >>> import os, tempfile
    >>> from exactbargain.game import Game
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = os.path.join(folder, "mp.json")
    ...     write_game(Game.zero_sum([[1, -1], [-1, 1]]), target)
    ...     read_game(target) == Game.zero_sum([[1, -1], [-1, 1]])
    True
    """
    if not isinstance(path, (str, os.PathLike)):
        raise GameTypeError(f"write_game() takes a path, not {type(path).__name__}")
    if _extension(path) == ".nfg":
        write_nfg(game, path, outcome_form=outcome_form)
    else:
        if outcome_form:
            raise GameFormatError("outcome_form applies to .nfg files only", path=os.fspath(path))
        write_json(game, path)
