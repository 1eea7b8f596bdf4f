"""exactbargain's JSON game documents: reading and writing, exactly.

The schema (what :meth:`Game.to_dict() <exactbargain.game.Game.to_dict>` produces, plus two
keys that make a file self-describing)::

    {
      "format": "exactbargain-game",     optional on reading; always written
      "version": 1,                      optional on reading; always written
      "title": "Prisoner's dilemma",     optional, a string (default "")
      "comment": "free text",            optional, a string (default "")
      "players": ["Row", "Col"],         n >= 1 non-empty, distinct names
      "actions": [["C", "D"],            one list per player, in player order, of
                  ["C", "D"]],           non-empty, distinct action labels
      "payoffs": [[["3", "3"], ["0", "5"]],
                  [["5", "0"], ["1", "1"]]]
    }

``payoffs`` nests one list level per player in player order -- the outer list is indexed by
player 1's action, the next by player 2's, and so on -- and each leaf is the list of the
``n`` players' payoffs at that profile. Payoffs are written as strings ``"p/q"`` (or ``"p"``
for integers) in lowest terms. On reading, a payoff may be any string that
:func:`~exactbargain.numbers.parse_rational` accepts (``"-1/2"``, ``"0.25"``, ``"+3"``,
``"1.5e2"``) or a JSON integer; a JSON number with a fraction or an exponent (``0.5``,
``1e3``) is refused, because JSON parsers turn it into a binary float. No other keys are
allowed.

Every malformed document -- invalid JSON, a float, a missing or unknown key, a ragged payoff
table, an empty or repeated name -- raises a :class:`~exactbargain.errors.GameFormatError`
naming the file, the line and column of the offending value, its place in the document (such
as ``$.payoffs[1][0]``) and what was expected.

>>> game = parse_json('{"players": ["A", "B"], "actions": [["x"], ["y", "z"]],'
...                   ' "payoffs": [[["1/2", 0], ["-1", "0.25"]]]}')
>>> game.payoff(("x", "z"))
(Fraction(-1, 1), Fraction(1, 4))
>>> print(write_json(game))
{
  "format": "exactbargain-game",
  "version": 1,
  "title": "",
  "comment": "",
  "players": ["A", "B"],
  "actions": [
    ["x"],
    ["y", "z"]
  ],
  "payoffs": [
    [["1/2", "0"], ["-1", "1/4"]]
  ]
}
<BLANKLINE>
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import flint

from ..errors import GameError, GameFormatError, GameTypeError
from ..game import MAX_PROFILES, Game, require_game
from ..geometry import unravel as _unravel
from ..numbers import _quote
from ._source import STRING_PATH, error_at, load_text, parse_number, save_text

__all__ = ["read_json", "parse_json", "write_json", "FORMAT_NAME", "FORMAT_VERSION"]

#: The value of the ``"format"`` key.
FORMAT_NAME = "exactbargain-game"
#: The value of the ``"version"`` key this module reads and writes.
FORMAT_VERSION = 1

_KEYS = ("format", "version", "title", "comment", "players", "actions", "payoffs")
_FMPQ = flint.fmpq

# A token of a (valid) JSON text: a string, a punctuation mark, or a literal/number.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"|[{}\[\]:,]|[^\s{}\[\]:,"]++', re.S)
_FLOAT_LITERAL = re.compile(r"-?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?\Z")


class _NotExact(Exception):
    """Raised inside the JSON parser at a float or NaN/Infinity literal."""


class _Duplicates(dict):
    """An object in which some key appears twice (``duplicate`` says which)."""

    duplicate: str = ""


def _parse_float(literal: str) -> Any:
    raise _NotExact(literal)


class _LongInteger:
    """A JSON integer literal too long for ``int()``, kept as text until it is read as a
    payoff (by the number grammar, which also enforces its digit limit)."""

    __slots__ = ("literal",)

    def __init__(self, literal: str) -> None:
        self.literal = literal

    def __repr__(self) -> str:
        return _quote(self.literal)


def _parse_int(literal: str) -> Any:
    return int(literal) if len(literal) <= 4000 else _LongInteger(literal)


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen = set()
    for key, _ in pairs:
        if key in seen:
            break
        seen.add(key)
    marked = _Duplicates(result)
    marked.duplicate = key
    return marked


# ---------------------------------------------------------------------------- reading
def read_json(source: Any, *, path: str | None = None) -> Game:
    """Read a game from an exactbargain JSON document.

    ``source`` is a path (``str`` or ``os.PathLike``), an open file, ``bytes``, or the
    text itself: a ``str`` that starts with ``{`` (after any whitespace) is the content, any
    other ``str`` a path. ``path`` overrides the file name used in messages.

    Parameters
    ----------
    source : path, file, bytes or str
        Where the document is, or its content (see above).
    path : str, optional
        The file name used in messages.

    Returns
    -------
    Game
        The game.

    Raises
    ------
    GameFormatError
        Malformed content (not JSON, not the schema, an inexact number), with the file,
        line and column.
    GameTypeError
        ``source`` is none of the accepted kinds.
    LimitError
        The file is larger than the ``file-size`` limit.
    OSError
        The file cannot be read.

    Examples
    --------
    >>> read_json('{"players": ["A"], "actions": [["a", "b"]], "payoffs": [["1"], ["2"]]}').shape
    (2,)
    >>> read_json(b'{"players": ["A"], "actions": [["a"]], "payoffs": [[0.5]]}', path="g.json")
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameFormatError: g.json:1:53: 0.5 is a JSON float, which is not exact; write the payoff as a string such as "1/3" or "0.5", or as an integer
    """
    text, name = load_text(source, lambda s: s.lstrip().startswith("{"), path)
    return _parse(text, name)


def parse_json(text: str, *, path: str | None = None) -> Game:
    """Parse the text of an exactbargain JSON document (``path`` is only used in messages).

    Parameters
    ----------
    text : str or bytes
        The document's content (bytes are decoded as UTF-8).
    path : str, optional
        The file name used in messages.

    Returns
    -------
    Game
        The game.

    Raises
    ------
    GameFormatError
        Malformed content, with the line and column.
    GameTypeError
        ``text`` is neither text nor bytes.

    Examples
    --------
    >>> parse_json('{"players": ["A", "B"], "actions": [["a"], ["b", "c"]], '
    ...            '"payoffs": [[["1", "2"]]]}')
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameFormatError: <string>:1:69: $.payoffs[0] lists 1 entry, but player 'B' has 2 actions; expected one entry per action
    """
    if isinstance(text, (bytes, bytearray)):
        text, _ = load_text(bytes(text), lambda s: True, path)
    elif not isinstance(text, str):
        raise GameTypeError(f"parse_json() takes the text of a document, not {type(text).__name__}")
    return _parse(text, path or STRING_PATH)


def _parse(text: str, path: str) -> Game:
    try:
        document = json.loads(
            text, parse_float=_parse_float, parse_int=_parse_int,
            parse_constant=_parse_float, object_pairs_hook=_object_pairs,
        )
    except _NotExact as exc:
        literal = str(exc)
        offset = _find_literal(text)
        if _FLOAT_LITERAL.match(literal):
            message = (f"{literal} is a JSON float, which is not exact; write the payoff as a string "
                       f'such as "1/3" or "{literal}", or as an integer')
        else:
            message = f"{literal} is not a number; payoffs must be exact rationals"
        raise error_at(text, offset, message, path) from None
    except json.JSONDecodeError as exc:
        raise GameFormatError(f"invalid JSON: {exc.msg}", path=path, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise error_at(text, 0, "invalid JSON: the document is nested too deeply", path) from None
    return _Reader(text, path).game(document)


def _find_literal(text: str) -> int:
    """Offset of the first float, NaN or Infinity literal outside strings."""
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token[0] in '"{}[]:,':
            continue
        if token in ("NaN", "Infinity", "-Infinity") or any(c in token for c in ".eE"):
            return match.start()
    return 0


def _locate(text: str, target: tuple[Any, ...], key: int = 0) -> int:
    """Offset of the value at JSON path ``target`` in a valid JSON text; with ``key`` = k > 0,
    the offset of the k-th key that leads to it (repeated keys are found with k = 2)."""
    stack: list[list[Any]] = []  # frames [is_object, key or index, expecting a key]
    seen = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        frame = stack[-1] if stack else None
        if frame is not None and frame[0] and frame[2]:  # inside an object, before a key
            if first == '"':
                frame[1] = json.loads(token)
                frame[2] = False
                if key and tuple(f[1] for f in stack) == target:
                    seen += 1
                    if seen == key:
                        return match.start()
            elif first == "}":
                stack.pop()
            continue
        if first == ":":
            continue
        if first == ",":
            if frame is not None:
                if frame[0]:
                    frame[2] = True
                else:
                    frame[1] += 1
            continue
        if first in "]}":
            stack.pop()
            continue
        if not key and tuple(f[1] for f in stack) == target:
            return match.start()
        if first == "[":
            stack.append([False, 0, False])
        elif first == "{":
            stack.append([True, None, True])
    return 0


def _path_text(path: tuple[Any, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "a number"


class _Reader:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path

    def error(self, where: tuple[Any, ...], message: str, key: int = 0) -> GameFormatError:
        return error_at(self.text, _locate(self.text, where, key), f"{_path_text(where)} {message}", self.path)

    def names(self, value: Any, where: tuple[Any, ...], what: str) -> list[str]:
        if not isinstance(value, list) or not value:
            raise self.error(where, f"is {_kind(value) if value != [] else 'an empty list'}; expected a non-empty list of {what}s (strings)")
        seen: dict[str, int] = {}
        for k, name in enumerate(value):
            if not isinstance(name, str):
                raise self.error(where + (k,), f"is {_kind(name)}; expected a {what} (a string)")
            if name == "":
                raise self.error(where + (k,), f"is empty; expected a non-empty {what}")
            if name in seen:
                raise self.error(where + (k,), f"repeats the {what} {name!r} of {_path_text(where + (seen[name],))}; expected distinct {what}s")
            seen[name] = k
        return value

    def game(self, document: Any) -> Game:
        if not isinstance(document, dict):
            raise self.error((), f"is {_kind(document)}; expected an object with the keys 'players', 'actions' and 'payoffs'")
        if isinstance(document, _Duplicates):
            raise self.error((document.duplicate,), "appears twice; expected each key once", key=2)
        for key in document:
            if key == "parameter":
                raise self.error((key,), "makes this a family of games, not one game; solve it for every value with "
                                 "exactbargain.parametric (on the command line: solve FILE --param NAME), or read it "
                                 "at one value with --set NAME=VALUE", key=1)
            if key not in _KEYS:
                raise self.error((key,), f"is not a key of a game document; expected only {', '.join(map(repr, _KEYS))}", key=1)
        for key in ("players", "actions", "payoffs"):
            if key not in document:
                raise self.error((), f"has no {key!r} key; a game document needs 'players', 'actions' and 'payoffs'")
        if "format" in document and document["format"] != FORMAT_NAME:
            raise self.error(("format",), f"is {document['format']!r}; expected {FORMAT_NAME!r}")
        if "version" in document and not (type(document["version"]) is int and document["version"] == FORMAT_VERSION):
            raise self.error(("version",), f"is {document['version']!r}; this reader knows version {FORMAT_VERSION} only")
        text_fields = {}
        for key in ("title", "comment"):
            value = document.get(key, "")
            if not isinstance(value, str):
                raise self.error((key,), f"is {_kind(value)}; expected a string")
            text_fields[key] = value

        players = self.names(document["players"], ("players",), "player name")
        n = len(players)
        actions_value = document["actions"]
        if not isinstance(actions_value, list) or len(actions_value) != n:
            found = f"a list of {len(actions_value)}" if isinstance(actions_value, list) else _kind(actions_value)
            raise self.error(("actions",), f"is {found}; expected a list of {n} action-label list{'s' * (n != 1)}, one per player")
        actions = [self.names(labels, ("actions", i), f"action label of player {players[i]!r}")
                   for i, labels in enumerate(actions_value)]
        shape = [len(a) for a in actions]
        cells = math.prod(shape)
        if cells > MAX_PROFILES:
            raise self.error(("actions",), f"declares {' x '.join(map(str, shape))} = {cells} profiles, more than the {MAX_PROFILES} a game may have")

        # The payoff table, level by level: after level d, `level` lists the nodes of all
        # profiles of players 1..d in C order.
        level = [document["payoffs"]]
        for depth in range(n):
            width = shape[depth]
            following: list[Any] = []
            for k, node in enumerate(level):
                if not isinstance(node, list) or len(node) != width:
                    where = ("payoffs",) + _unravel(k, shape[:depth])
                    found = f"lists {len(node)} entr{'y' if len(node) == 1 else 'ies'}" if isinstance(node, list) else f"is {_kind(node)}"
                    raise self.error(where, f"{found}, but player {players[depth]!r} has {width} action{'s' * (width != 1)}; expected one entry per action")
                following.extend(node)
            level = following
        flat: list[list[Any]] = [[] for _ in range(n)]
        cache: dict[Any, Any] = {}
        for k, leaf in enumerate(level):
            if not isinstance(leaf, list) or len(leaf) != n:
                found = f"lists {len(leaf)} payoff{'s' * (len(leaf) != 1)}" if isinstance(leaf, list) else f"is {_kind(leaf)}"
                raise self.error(("payoffs",) + _unravel(k, shape), f"{found}; expected the {n} payoff{'s' * (n != 1)} of the players at this profile")
            for i, value in enumerate(leaf):
                exact = cache.get(value) if type(value) is str else None
                if exact is None:
                    exact = self.number(value, ("payoffs",) + _unravel(k, shape) + (i,))
                    if type(value) is str:
                        cache[value] = exact
                flat[i].append(exact)
        try:
            return Game._trusted(players, actions, flat, title=text_fields["title"], comment=text_fields["comment"])
        except GameError as exc:  # not expected: everything was checked above
            raise self.error((), str(exc)) from None

    def number(self, value: Any, where: tuple[Any, ...]) -> Any:
        if type(value) is _LongInteger:
            value = value.literal
        if type(value) is str:
            try:
                return parse_number(value)
            except ValueError as exc:
                raise self.error(where, f"is {_quote(value)}, not an exact number ({exc})") from None
        if type(value) is int:
            return _FMPQ(value)
        raise self.error(where, f"is {_kind(value)}; expected a payoff: a string such as \"-1/2\" or \"0.25\", or an integer")


# ---------------------------------------------------------------------------- writing
def write_json(game: Game, target: Any = None) -> str:
    """The game as an exactbargain JSON document; also written to ``target`` (a path or a file
    object) when one is given. Each innermost row of the payoff table is kept on one line.

    Parameters
    ----------
    game : Game
        The game.
    target : path or file object, optional
        Where to write the document as well.

    Returns
    -------
    str
        The document's text.

    Raises
    ------
    GameTypeError
        ``game`` is not a :class:`~exactbargain.game.Game`, or ``target`` is neither a path
        nor a file object.
    OSError
        ``target`` cannot be written.

    Examples
    --------
    >>> from exactbargain.game import Game
    >>> parse_json(write_json(Game.zero_sum([[1, -1], [-1, 1]]))) == Game.zero_sum([[1, -1], [-1, 1]])
    True
    """
    require_game(game, "write_json()")
    data = game.to_dict()
    dump = json.dumps
    lines = [
        "{",
        f'  "format": {dump(FORMAT_NAME)},',
        f'  "version": {FORMAT_VERSION},',
        f'  "title": {dump(data["title"] or "", ensure_ascii=False)},',
        f'  "comment": {dump(data["comment"] or "", ensure_ascii=False)},',
        f'  "players": {dump(data["players"], ensure_ascii=False)},',
        '  "actions": [',
        ",\n".join("    " + dump(labels, ensure_ascii=False) for labels in data["actions"]),
        "  ],",
        '  "payoffs": ' + _nested(data["payoffs"], game.num_players, 2),
        "}",
    ]
    text = "\n".join(lines) + "\n"
    if target is not None:
        save_text(text, target)
    return text


def _nested(node: Any, levels: int, indent: int) -> str:
    """The payoff table with one line per innermost row (the last player's actions)."""
    if levels <= 1:
        return json.dumps(node)
    pad = " " * (indent + 2)
    inner = (",\n").join(pad + _nested(child, levels - 1, indent + 2) for child in node)
    return "[\n" + inner + "\n" + " " * indent + "]"
