"""Reading sources and turning text offsets into ``line:column`` positions.

Shared by the readers of :mod:`exactbargain.formats`.
"""

from __future__ import annotations

import os
import re
import stat
from typing import Any, Callable

import flint

from ..errors import GameFormatError, GameTypeError, NumberError
from ..numbers import parse_rational

__all__ = ["load_text", "read_limited", "position", "error_at", "save_text", "parse_number", "STRING_PATH"]

#: The name used in messages when the input was given as text rather than a file.
STRING_PATH = "<string>"

_BOM = "\ufeff"


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based ``(line, column)`` of a character offset; columns count characters.

    >>> position("ab\\ncd", 4)
    (2, 2)
    >>> position("ab", 0)
    (1, 1)
    """
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return line, column


def error_at(text: str, offset: int, message: str, path: str | None) -> GameFormatError:
    """A :class:`GameFormatError` placed at ``offset`` of ``text``.

    >>> str(error_at("x\\n  y", 4, "expected a number", "g.nfg"))
    'g.nfg:2:3: expected a number'
    """
    line, column = position(text, offset)
    return GameFormatError(message, path=path, line=line, column=column)


def decode(data: bytes, path: str | None) -> str:
    """UTF-8 text of ``data`` (a leading byte-order mark is dropped).

    Bytes that are not UTF-8 raise a :class:`GameFormatError` at their line and column.

    >>> decode(b"NFG 1 R", None)
    'NFG 1 R'
    >>> decode(b"ok\\n \\xff", "g.nfg")
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameFormatError: g.nfg:2:2: the file is not UTF-8 text: byte 0xff cannot be decoded
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        raise GameFormatError(
            f"the file is not UTF-8 text: byte 0x{data[start]:02x} cannot be decoded",
            path=path,
            line=line,
            column=column,
        ) from None
    return text[1:] if text.startswith(_BOM) else text


def load_text(source: Any, looks_like_text: Callable[[str], bool], path: str | None = None) -> tuple[str, str]:
    """Return ``(text, name)`` for a reader's ``source``; ``name`` is ``path`` when given.

    ``source`` is a file object (text or binary), ``bytes``, an ``os.PathLike``, or a
    ``str``. A ``str`` for which ``looks_like_text`` is true is the content itself; any other
    ``str`` is a path. File-system errors (a missing file) propagate as ``OSError``.

    >>> import io
    >>> load_text(io.BytesIO("\ufeffNFG 1 R".encode()), lambda s: False)
    ('NFG 1 R', '<string>')
    >>> load_text("NFG 1 R", lambda s: s.startswith("NFG"), "mine.nfg")
    ('NFG 1 R', 'mine.nfg')
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        name = path or STRING_PATH
        return decode(bytes(source), name), name
    if isinstance(source, str) and looks_like_text(source):
        return (source[1:] if source.startswith(_BOM) else source), path or STRING_PATH
    if isinstance(source, (str, os.PathLike)):
        file_name = os.fspath(source)
        if isinstance(file_name, bytes):
            file_name = os.fsdecode(file_name)
        name = path or file_name
        return decode(read_limited(file_name, name), name), name
    read = getattr(source, "read", None)
    if callable(read):
        name = path or getattr(source, "name", None)
        name = name if isinstance(name, str) else STRING_PATH
        content = _read_chunks(read, name, None)
        if isinstance(content, (bytes, bytearray)):
            return decode(bytes(content), name), name
        if isinstance(content, str):
            return (content[1:] if content.startswith(_BOM) else content), name
    raise GameTypeError(
        f"cannot read a game from {type(source).__name__}; pass a path, a file object, "
        "bytes, or the text itself"
    )


_CHUNK = 1 << 20


def _read_chunks(read: Callable[[int], Any], name: str, size: int | None) -> Any:
    """Everything ``read(n)`` yields, in chunks, but never more than the ``file-size`` limit
    (:class:`~exactbargain.limits.LimitError` once the data goes past it)."""
    from .. import limits

    limit = limits.current().file_size
    parts: list[Any] = []
    total = 0
    while True:
        want = _CHUNK if limit is None else min(_CHUNK, limit + 1 - total)
        chunk = read(want)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        if limit is not None and total > limit:
            needed = size if size is not None and size > limit else 2 * limit
            limits.check("file-size", needed, f"{name} goes on past {limit} bytes")
    if not parts:
        return b""
    return parts[0][:0].join(parts)


def read_limited(file_name: str, name: str | None = None) -> bytes:
    """The bytes of the file ``file_name`` (``name`` in messages), read in chunks and at most
    the ``file-size`` limit (:mod:`exactbargain.limits`).

    Regular files and pipes (``/dev/stdin`` fed by a pipe, a shell's ``<(...)``) are read;
    devices and sockets are refused with a :class:`~exactbargain.errors.GameFormatError`,
    so ``/dev/zero`` or ``/dev/urandom`` are not read at all. A regular file larger than the
    limit is refused before reading. File-system errors propagate as ``OSError`` with the
    file name set.

    >>> read_limited("/dev/zero")
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameFormatError: /dev/zero: not a regular file (a character device); give a file or a pipe
    """
    from .. import limits

    name = file_name if name is None else name
    with open(file_name, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            kind = ("a character device" if stat.S_ISCHR(mode) else "a block device" if stat.S_ISBLK(mode)
                    else "a socket" if stat.S_ISSOCK(mode) else "not a plain file")
            raise GameFormatError(f"not a regular file ({kind}); give a file or a pipe", path=name)
        size = os.fstat(handle.fileno()).st_size if stat.S_ISREG(mode) else None
        if size is not None:
            limits.check("file-size", size, f"{name} has {size} bytes")
        try:
            return _read_chunks(handle.read, name, size)
        except OSError as exc:
            if exc.filename is None:
                exc.filename = name
            raise


def save_text(text: str, target: Any) -> None:
    """Write ``text`` to ``target`` (a path or a text/binary file object) as UTF-8.

    >>> import io
    >>> buffer = io.BytesIO()
    >>> save_text("\u00e9", buffer)
    >>> buffer.getvalue() == "\u00e9".encode("utf-8")
    True
    """
    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return
    write = getattr(target, "write", None)
    if not callable(write):
        raise GameTypeError(f"cannot write a game to {type(target).__name__}; pass a path or a file object")
    try:
        write(text)
    except TypeError:
        write(text.encode("utf-8"))


def parse_number(token: str) -> "flint.fmpq":
    """The exact value of a number token (:func:`~exactbargain.numbers.parse_rational`; digit
    strings of any length are accepted).

    >>> parse_number("-1/3")
    -1/3
    >>> parse_number("-" + "5" * 4500 + ".5e-2") == -flint.fmpq(flint.fmpz("5" * 4501), 1000)
    True
    """
    return parse_rational(token)
