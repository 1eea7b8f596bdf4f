"""Counterexample certificates on disk: writing them safely, and re-checking them while
trusting nothing in them.

A certificate is a folder holding ``before.nfg``, ``after.nfg`` (for axioms about a
modified game) and ``certificate.json``, which names the axiom, the rule, the player, the two
game files and the rule's recorded values. :func:`verify_certificate` re-establishes the
violation from the game files alone; before it acts on anything it

* reads every file in bounded chunks, refusing anything that is not a regular file or is
  larger than :data:`MAX_FILE_BYTES` (``/dev/zero``, a FIFO, a directory);
* validates ``certificate.json`` against its schema (:func:`validate_certificate`): the
  types, the required keys, no unknown keys, and exact-number text in the library's one
  grammar (:func:`~exactbargain.numbers.parse_rational`) for the values;
* accepts only game files inside the certificate's own folder: relative names without
  ``..``, whose resolved path (symbolic links followed) stays in the folder.

Any failure raises :class:`CertificateError` whose message names the file and, for the
schema, the key path (``$.values.before``) and what was expected.

:func:`write_certificate` refuses to overwrite an earlier certificate unless ``force`` is
given, and writes atomically: each file goes to a temporary file in the same folder, is
flushed to disk and renamed into place, ``certificate.json`` last, so a folder that holds a
certificate always holds the game files it names.

>>> import tempfile
>>> from exactbargain import Game
>>> from exactbargain.axioms import monotonicity
>>> locked = Game.bimatrix([[0, 7]], [[0, 2]], actions=(("D",), ("D", "C")))
>>> chicken = locked.add_action(0, [(2, 7), (6, 6)], label="C")
>>> with tempfile.TemporaryDirectory() as folder:
...     doc = write_certificate(monotonicity("fallback", locked, chicken), folder)
...     confirmed, verdict, messages = verify_certificate(folder)
>>> doc["values"], confirmed
({'before': ['7', '2'], 'after': ['6', '6']}, True)
"""

from __future__ import annotations

import json
import os
import secrets
import stat
from fractions import Fraction
from pathlib import Path
from typing import Any, Sequence

from ..bargaining.registry import RULES, RuleSpec
from ..bargaining.selection import DEFAULT_SELECTION, check_select, describe_selections
from ..errors import ExactBargainError, NumberError
from ..numbers import parse_rational, to_fraction
from .axiom import AXIOMS, Axiom, lookup
from .properties import check
from .rules import as_rule, rule_names
from .verdict import Verdict, _t, _v

__all__ = [
    "CertificateError",
    "CERTIFICATE_FILES",
    "MAX_FILE_BYTES",
    "check_out_dir",
    "validate_certificate",
    "write_certificate",
    "verify_certificate",
]

#: The files of a certificate folder, in the order they are written.
CERTIFICATE_FILES = ("before.nfg", "after.nfg", "certificate.json")

#: The largest file :func:`verify_certificate` reads (the certificate and each game file), in bytes.
MAX_FILE_BYTES = 16 * 1024 * 1024

_CHUNK = 1024 * 1024
_KEYS = ("axiom", "rule", "select", "player", "before", "after", "values")
_REQUIRED = ("axiom", "rule", "before", "values")
_NUMBER_TEXT = 'exact-number text such as "3", "-1/2" or "0.25"'


class CertificateError(ExactBargainError):
    """A certificate cannot be written, or cannot be read as one (the message names the file)."""


# ---------------------------------------------------------------------- showing values in messages
def _quoted(text: str, limit: int = 200) -> str:
    """``text`` as a JSON string (control characters escaped), shortened past ``limit``."""
    shown = json.dumps(text if len(text) <= limit else text[:limit])
    return shown if len(text) <= limit else shown[:-1] + f'..." ({len(text)} characters)'


def _got(value: Any) -> str:
    """What a JSON value is, for ``expected ..., got ...`` (one line, no control characters)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a boolean)"
    if isinstance(value, str):
        return f"a string {_quoted(value)}"
    if isinstance(value, int):
        digits = str(abs(value)) if abs(value) < 10**60 else f"{value.bit_length()}-bit integer"
        return f"a number {'-' if value < 0 else ''}{digits}"
    if isinstance(value, float):
        return f"a number {value!r}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    return f"an object with {len(value)} key{'s' if len(value) != 1 else ''}"


def _path_text(path: Any) -> str:
    """A file name for a message, with control characters escaped."""
    text = os.fspath(path)
    return text if text.isprintable() else _quoted(text, 200)


# ---------------------------------------------------------------------- bounded reading
def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return name
    return "not a regular file"


def _read_bounded(path: str, shown: str, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of the regular file ``path``, read in chunks and refused past ``limit``.

    The file is opened without blocking (a FIFO cannot stall the open) and checked with
    ``fstat`` on the open descriptor, so what is checked is what is read. ``follow=False``
    refuses a symbolic link in the last component.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise CertificateError(f"{shown}: no such file") from None
    except OSError as exc:
        raise CertificateError(f"{shown}: cannot open: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CertificateError(f"{shown}: not a regular file ({_kind(info.st_mode)}); a certificate and its "
                                   f"games are plain files")
        too_big = CertificateError(f"{shown}: larger than {limit} bytes, the limit for a certificate's files "
                                   f"(verify_certificate(max_bytes=...) raises it)")
        if info.st_size > limit:
            raise too_big
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise too_big
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise CertificateError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _load_json(data: bytes, shown: str) -> Any:
    """Parse ``data`` as JSON: UTF-8 only, no repeated keys, no NaN or infinities, bounded depth."""
    from ..formats._source import decode

    text = decode(data, shown)

    def pairs(items: list[tuple[str, Any]]) -> dict:
        out: dict = {}
        for key, value in items:
            if key in out:
                raise CertificateError(f"{shown}: the key {_quoted(key)} appears twice in one object")
            out[key] = value
        return out

    def constant(name: str) -> Any:
        raise CertificateError(f"{shown}: {name} is not a JSON number")

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise CertificateError(f"{shown}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise CertificateError(f"{shown}: not a certificate: JSON nested too deeply") from None
    except CertificateError:
        raise
    except ValueError:  # an integer literal beyond Python's int/str conversion limit
        raise CertificateError(f"{shown}: not a certificate: a JSON number has too many digits") from None


# ---------------------------------------------------------------------- the schema
def _fail(shown: str, where: str, expected: str, value: Any = ..., why: str = "") -> CertificateError:
    got = "nothing (the key is missing)" if value is ... else _got(value)
    return CertificateError(f"{shown}: {where}: expected {expected}, got {got}{why}")


def _vector(shown: str, where: str, value: Any) -> tuple[Fraction, ...]:
    if not isinstance(value, list):
        raise _fail(shown, where, f"a list of {_NUMBER_TEXT}", value)
    out = []
    for k, item in enumerate(value):
        if not isinstance(item, str):
            raise _fail(shown, f"{where}[{k}]", _NUMBER_TEXT, item)
        try:
            out.append(to_fraction(parse_rational(item)))
        except NumberError as exc:
            reason = str(exc)
            why = "" if "is not a rational number" in reason else f" ({reason})"
            raise _fail(shown, f"{where}[{k}]", _NUMBER_TEXT, item, why) from None
    return tuple(out)


def _file_name(shown: str, where: str, value: Any) -> str:
    expected = "the name of a .nfg or .json file inside the certificate's folder"
    if not isinstance(value, str) or not value:
        raise _fail(shown, where, expected, value)
    if "\0" in value:
        raise _fail(shown, where, expected, value, " (it contains a NUL character)")
    if os.path.isabs(value) or value.startswith(("/", "\\")) or os.path.splitdrive(value)[0]:
        raise _fail(shown, where, expected, value, " (an absolute path)")
    parts = value.replace("\\", "/").split("/")
    if ".." in parts:
        raise _fail(shown, where, expected, value, " (.. leaves the folder)")
    if os.path.splitext(value)[1].lower() not in (".nfg", ".json"):
        raise _fail(shown, where, expected, value, " (the format follows the extension)")
    return value


def validate_certificate(doc: Any, name: str = "certificate.json") -> dict:
    """Check a parsed ``certificate.json`` against the certificate schema and return it in
    normal form: every key present (``select``, ``player``, ``after`` default to ``None``;
    ``select`` of ``fallback`` to ``"welfare"``), ``axiom`` as its name, and ``values`` as
    tuples of :class:`~fractions.Fraction` (``values.after`` ``None`` or a tuple).

    The schema: an object with exactly the keys ``axiom`` (an axiom's name or code),
    ``rule`` (``"coco"`` or ``"fallback"``: :func:`~exactbargain.axioms.rules.rule_names`),
    ``select`` (``null`` or a selection rule; ``null`` for ``coco``), ``player`` (``null`` or an integer ``>= 1``, not a boolean),
    ``before`` (a file name), ``after`` (``null`` for the single-game axioms efficiency and
    dominance, a file name for the others; either for credible-threat), ``values`` (an object
    with exactly ``before``, a list of exact-number strings, and ``after``, such a list or
    ``null``; ``null`` exactly when ``after`` is). ``axiom``, ``rule``, ``before`` and
    ``values`` are required. A file name is relative, without ``..``, and ends in ``.nfg``
    or ``.json``.

    Parameters
    ----------
    doc : object
        The parsed JSON document.
    name : str
        The file's name, for messages.

    Returns
    -------
    dict
        The certificate in normal form.

    Raises
    ------
    CertificateError
        Naming the key path and what was expected.

    Examples
    --------

    >>> validate_certificate({"axiom": "efficiency", "rule": "coco", "before": "g.nfg",
    ...                       "values": {"before": ["01", "1/2"], "after": None}})["values"]
    {'before': (Fraction(1, 1), Fraction(1, 2)), 'after': None}
    >>> validate_certificate({"axiom": "efficiency", "rule": "coco", "before": "g.nfg",
    ...                       "values": {"before": "01", "after": None}})
    Traceback (most recent call last):
        ...
    exactbargain.axioms.certificate.CertificateError: certificate.json: $.values.before: expected a list of exact-number text such as "3", "-1/2" or "0.25", got a string "01"
    """
    shown = name
    _check_keys(shown, doc)
    ax = _axiom_of(shown, doc["axiom"])
    rule, select = _rule_and_select(shown, doc)
    player = doc.get("player")
    if player is not None and (type(player) is not int or player < 1):
        raise _fail(shown, "$.player", "null or a player number 1, 2, ... (an integer)", player)
    before = _file_name(shown, "$.before", doc["before"])
    after = doc.get("after")
    if ax.recognise is None:
        if after is not None:
            raise _fail(shown, "$.after", f"null (axiom {ax.name} concerns one game)", after)
    elif after is not None or ax.name != "credible-threat":
        after = _file_name(shown, "$.after", after)
    vb, va = _values(shown, doc["values"], after)
    return {"axiom": ax.name, "rule": rule, "select": select, "player": player, "before": before, "after": after,
            "values": {"before": vb, "after": va}}


def _rule_names_text() -> str:
    return " or ".join(f'"{r}"' for r in rule_names())


def _check_keys(shown: str, doc: Any) -> None:
    """A JSON object with only the certificate's keys and all the required ones."""
    if not isinstance(doc, dict):
        raise _fail(shown, "$", "a JSON object (a certificate)", doc)
    for key in doc:
        if key not in _KEYS:
            raise CertificateError(f"{shown}: $.{_quoted(key) if not key.isidentifier() else key}: unknown key; "
                                   f"a certificate has the keys {', '.join(_KEYS)}")
    for key in _REQUIRED:
        if key not in doc:
            raise _fail(shown, f"$.{key}", {"axiom": "an axiom's name", "rule": _rule_names_text(),
                                            "before": "the name of the game file before",
                                            "values": "the recorded values"}[key])


def _axiom_of(shown: str, axiom: Any) -> Axiom:
    names = ", ".join(AXIOMS)
    if not isinstance(axiom, str):
        raise _fail(shown, "$.axiom", f"one of {names}", axiom)
    try:
        return lookup(axiom)
    except ValueError:
        raise _fail(shown, "$.axiom", f"one of {names}", axiom) from None


def _rule_and_select(shown: str, doc: dict) -> tuple[str, str | None]:
    """``$.rule`` (a rule of :func:`~exactbargain.axioms.rules.rule_names`) and ``$.select``
    (``null`` or a selection rule; the default for a rule that takes one)."""
    rule = doc["rule"]
    if not isinstance(rule, str) or rule not in rule_names():
        raise _fail(shown, "$.rule", _rule_names_text(), rule)
    select = doc.get("select")
    if not RULES[rule].selects and select is not None:
        raise _fail(shown, "$.select", f'null (rule "{rule}" has no selection rule)', select)
    if select is not None:
        try:
            check_select(select)
        except ExactBargainError:
            raise _fail(shown, "$.select", f"null or a selection rule: {describe_selections('or')}", select) from None
    if RULES[rule].selects and select is None:
        select = DEFAULT_SELECTION
    return rule, select


def _values(shown: str, values: Any, after: str | None) -> tuple[tuple, tuple | None]:
    """``$.values``: the values before, and after exactly when there is a game after."""
    if not isinstance(values, dict):
        raise _fail(shown, "$.values", 'an object {"before": [...], "after": [...] or null}', values)
    for key in values:
        if key not in ("before", "after"):
            raise CertificateError(f"{shown}: $.values.{_quoted(key)}: unknown key; values has the keys before, after")
    if "before" not in values:
        raise _fail(shown, "$.values.before", f"a list of {_NUMBER_TEXT}")
    vb = _vector(shown, "$.values.before", values["before"])
    va_doc = values.get("after")
    if after is None:
        if va_doc is not None:
            raise _fail(shown, "$.values.after", "null (the certificate has no game after)", va_doc)
        return vb, None
    return vb, _vector(shown, "$.values.after", va_doc)


# ---------------------------------------------------------------------- verifying
def _inside(folder: str, name: str, shown: str, where: str) -> str:
    """The resolved path of ``name`` in ``folder`` (already resolved); refused unless inside it."""
    target = os.path.realpath(os.path.join(folder, name))
    if os.path.commonpath([folder, target]) != folder or target == folder:
        raise CertificateError(f"{shown}: {where}: {_quoted(name)} resolves to {_path_text(target)}, outside the "
                               f"certificate's folder {_path_text(folder)}; a certificate names only files in its "
                               f"own folder")
    return target


def _read_game_inside(cert: Path, name: str, shown: str, where: str, limit: int) -> Any:
    from ..formats import parse_json, read_nfg

    target = _inside(os.path.realpath(cert.parent), name, shown, where)
    display = _path_text(cert.parent / name)
    data = _read_bounded(target, display, limit, follow=False)
    if name.lower().endswith(".nfg"):
        return read_nfg(data, path=display)
    from ..formats._source import decode

    return parse_json(decode(data, display), path=display)


def verify_certificate(path: Any, *, max_bytes: int = MAX_FILE_BYTES) -> tuple[bool, Verdict, list[str]]:
    """Re-establish a counterexample certificate from its game files alone, trusting nothing
    in it.

    ``path`` is ``certificate.json`` or the folder holding it. The certificate is read
    (a regular file of at most ``max_bytes`` bytes), validated by
    :func:`validate_certificate`, and the game files it names are read from inside its folder
    (see the module's documentation); then the rule is rebuilt from its name, the
    modification is established from the two games, the rule's values are recomputed and
    compared with the recorded ones, and the violation is checked. Returns
    ``(confirmed, verdict, messages)``: ``confirmed`` is true when the recomputed values equal
    the recorded ones and violate the axiom. Raises :class:`CertificateError` (or the game
    reader's :class:`~exactbargain.errors.GameFormatError`) when the files do not form a
    certificate.

    Parameters
    ----------
    path : str or path-like
        ``certificate.json`` or its folder.
    max_bytes : int
        The largest certificate file read.

    Returns
    -------
    tuple
        ``(confirmed, verdict, messages)``.

    Raises
    ------
    CertificateError
        When the files do not form a certificate.
    GameFormatError
        When a game file cannot be read.
    """
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"verify_certificate() takes a path, not {type(path).__name__}")
    p = Path(path)
    if p.is_dir():
        p = p / "certificate.json"
    shown = _path_text(p)
    doc = validate_certificate(_load_json(_read_bounded(str(p), shown, max_bytes), shown), shown)
    before = _read_game_inside(p, doc["before"], shown, "$.before", max_bytes)
    after = None if doc["after"] is None else _read_game_inside(p, doc["after"], shown, "$.after", max_bytes)
    player = doc["player"]
    if player is not None and player > before.num_players:
        raise CertificateError(f"{shown}: $.player: expected a player number 1..{before.num_players} of the game "
                               f"before, got {_got(player)}")
    try:
        verdict = check(doc["axiom"], as_rule(doc["rule"], doc["select"]), before, after,
                        player=None if player is None else player - 1)
    except ValueError as exc:
        raise CertificateError(f"{shown}: {exc}") from None
    ok = True
    msgs: list[str] = []
    if verdict.holds:
        ok = False
        msgs.append(f"the axiom holds on these games: {verdict.explanation}")
    for key, got in (("before", verdict.values_before), ("after", verdict.values_after)):
        want = doc["values"][key]
        if want != got:
            ok = False
            msgs.append(f"recorded values {key} {_v(want)} differ from the recomputed {_v(got)}")
    if ok:
        msgs.append(f"confirmed: {verdict.code} {verdict.axiom} fails for {verdict.rule}; recomputed values "
                    f"{_v(verdict.values_before)} -> {_v(verdict.values_after)} equal the recorded ones")
    return ok, verdict, msgs


# ---------------------------------------------------------------------- writing
def _existing(out: Path, names: Sequence[str]) -> list[str]:
    return [n for n in names if os.path.lexists(out / n)]


def _exists(path: Path) -> CertificateError:
    return CertificateError(f"{_path_text(path)}: already exists; pass --force to overwrite it")


def check_out_dir(out_dir: Any, *, force: bool = False) -> Path:
    """Check, before any work is done, that a certificate can be written into ``out_dir``.

    ``out_dir`` must be a directory, or not exist yet under a directory that can be written
    (it is created by :func:`write_certificate`); it must be writable; and unless ``force`` it
    must hold none of ``before.nfg``, ``after.nfg``, ``certificate.json``. Returns the path;
    raises :class:`CertificateError` naming the problem. Nothing is created.

    Parameters
    ----------
    out_dir : str or path-like
        The folder.
    force : bool
        Allow replacing a certificate there.

    Returns
    -------
    pathlib.Path
        The folder's path.

    Raises
    ------
    CertificateError
        Naming what prevents writing there.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = (pathlib.Path(folder) / "certificate.json").write_text("{}")
    ...     check_out_dir(folder)
    Traceback (most recent call last):
        ...
    exactbargain.axioms.certificate.CertificateError: .../certificate.json: already exists; pass --force to overwrite it
    """
    out = Path(out_dir)
    shown = _path_text(out)
    probe = out
    while not os.path.lexists(probe):
        if probe.parent == probe:
            break
        probe = probe.parent
    if not probe.is_dir():
        what = "is not a directory" if probe == out else f"cannot be created: {_path_text(probe)} is not a directory"
        raise CertificateError(f"{shown}: {what}")
    if not os.access(probe, os.W_OK | os.X_OK):
        what = "is not writable" if probe == out else f"cannot be created: {_path_text(probe)} is not writable"
        raise CertificateError(f"{shown}: {what}")
    if probe == out and not force:
        taken = _existing(out, CERTIFICATE_FILES)
        if taken:
            raise _exists(out / taken[-1])
    return out


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - platforms without directory descriptors
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems that cannot sync a directory
        pass
    finally:
        os.close(fd)


def _write_temp(out: Path, name: str, text: str) -> str:
    """Write ``text`` to a new temporary file beside ``out/name`` (mode 0o666 less the umask,
    as for an ordinary file) and flush it to disk; returns its path."""
    while True:
        tmp = str(out / f".{name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
            break
        except FileExistsError:  # pragma: no cover - a clash of 48 random bits
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _place(tmp: str, target: Path, force: bool) -> None:
    """Rename ``tmp`` to ``target``; without ``force``, never replace an existing file."""
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # fails if target exists, atomically
    except FileExistsError:
        raise _exists(target) from None
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(target):
            raise _exists(target) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def write_certificate(verdict: Verdict, out_dir: Any, select: str | None = None, *, force: bool = False) -> dict:
    """Write ``before.nfg``, ``after.nfg`` (when there is a second game) and
    ``certificate.json`` for a violated verdict into ``out_dir``; returns the document.

    The rule is recorded by name: ``verdict.rule`` must be ``coco`` or ``fallback[S]``.
    ``out_dir`` is created when missing. An existing ``before.nfg``, ``after.nfg`` or
    ``certificate.json`` is an error unless ``force``; with ``force`` the old certificate is
    removed first and an old ``after.nfg`` the new certificate does not name is removed too.
    Each file is written to a temporary file in ``out_dir``, flushed to disk and renamed into
    place, ``certificate.json`` last: a folder holding a certificate holds its games.

    Parameters
    ----------
    verdict : Verdict
        A violated verdict.
    out_dir : str or path-like
        The folder.
    select : str, optional
        The selection rule, when the verdict's rule name lacks it.
    force : bool
        Replace a certificate already there.

    Returns
    -------
    dict
        The certificate document written.

    Raises
    ------
    ValueError
        When the verdict holds.
    CertificateError
        When the folder cannot take the certificate or the rule has no name a certificate records.
    """
    from ..formats import write_nfg

    if verdict.holds:
        raise ValueError("only a violated verdict is a counterexample certificate")
    rule, sel = _rule_name(verdict.rule, select)
    out = check_out_dir(out_dir, force=force)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CertificateError(f"{_path_text(out)}: cannot be created: {exc.strerror or exc}") from None
    doc = {
        "axiom": verdict.axiom,
        "rule": rule,
        "select": sel,
        "player": None if verdict.player is None else verdict.player + 1,
        "before": "before.nfg",
        "after": None if verdict.after is None else "after.nfg",
        "values": {
            "before": [_t(x) for x in verdict.values_before],
            "after": None if verdict.values_after is None else [_t(x) for x in verdict.values_after],
        },
    }
    texts = [("before.nfg", write_nfg(verdict.before.with_title(verdict.before.title or "before")))]
    if verdict.after is not None:
        texts.append(("after.nfg", write_nfg(verdict.after.with_title(verdict.after.title or "after"))))
    texts.append(("certificate.json", json.dumps(doc, indent=2) + "\n"))
    _write_files(out, texts, force)
    return doc


def _write_files(out: Path, texts: list[tuple[str, str]], force: bool) -> None:
    """Each text to a temporary file in ``out``, flushed, then renamed into place
    (``certificate.json`` last); with ``force`` the old certificate goes first."""
    temps: list[str] = []
    try:
        for name, text in texts:
            temps.append(_write_temp(out, name, text))
        if force:
            stale = ["certificate.json"] + ([] if any(name == "after.nfg" for name, _ in texts) else ["after.nfg"])
            for name in stale:
                if os.path.lexists(out / name):
                    os.unlink(out / name)
            _fsync_dir(out)
        for (name, _), tmp in zip(texts, temps):
            if name == "certificate.json":
                _fsync_dir(out)  # the games are in place before the certificate names them
            _place(tmp, out / name, force)
        _fsync_dir(out)
    except OSError as exc:
        raise CertificateError(f"{_path_text(exc.filename or out)}: cannot write the certificate: "
                               f"{exc.strerror or exc}") from None
    finally:
        for tmp in temps:
            if os.path.lexists(tmp):
                os.unlink(tmp)


def _rule_name(name: str, select: str | None) -> tuple[str, str | None]:
    """``(rule, select)`` of a rule's canonical name, for a certificate."""
    names = rule_names()
    try:
        spec = RuleSpec.parse(name)
    except ExactBargainError:
        spec = None
    if spec is None or spec.rule not in names or spec.coalitions is not None:
        raise ValueError(f"rule {name!r} has no command-line name; certificates record "
                         f"{' or '.join(repr(n) for n in names)} rules")
    return spec.rule, spec.select
