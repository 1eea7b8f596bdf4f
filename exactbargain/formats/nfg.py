r"""Gambit's strategic-form ``.nfg`` files: reading and writing, exactly.

A file is a stream of tokens separated by whitespace: quoted strings (a literal quote is
written ``\"``), numbers, and the punctuation ``{``, ``}`` and ``,``. The header is ::

    NFG 1 R "title" { "player 1" "player 2" ... }
    { 2 3 ... }                       (action counts; actions labelled "1", "2", ...)
      or { { "U" "D" } { "l" "m" "r" } ... }     (action labels per player)
    "optional comment"

(``D`` is accepted in place of ``R``.) Then comes the body, in one of two versions:

* **payoff version** -- for every profile, one payoff per player in player order;
* **outcome version** -- a brace list of outcomes ``{ "label" p1 p2 ... pn }`` (commas
  between the payoffs are optional), numbered 1, 2, ..., then one outcome number per
  profile; outcome ``0`` is the null outcome and pays every player 0.

Profiles are listed with the **first player's action changing fastest** (Gambit's order;
:class:`~exactbargain.game.Game` stores them the other way round and the reader converts).

Numbers are exact: ``3``, ``+3``, ``-1/2``, ``0.25``, ``.25``, ``3.``, ``1.5e2`` and ``1e-1``
all read as rationals (decimal text is an exact decimal, never a binary float), by the one
grammar of :mod:`exactbargain.numbers`: ASCII digits only, at most
:data:`~exactbargain.numbers.MAX_DIGITS` digits.

How the reader treats what Gambit 16.7 treats specially:

* Empty or repeated player names, and empty or repeated action labels of one player, are
  renamed as Gambit 16.7 renames them -- an empty name becomes ``_1``, ``_2``, ...; a name
  ``P`` used twice becomes ``P_1``, ``P_2``; a suffix already used by another name of the
  same list is skipped -- and a :class:`~exactbargain.errors.GameFormatWarning` says so.
* Gambit 16.7 refuses labels that are not printable ASCII or have leading, trailing or double
  spaces; this reader keeps any non-empty UTF-8 text.
* Inside a string ``\"`` is a quote and ``\\`` a backslash; any other backslash is kept as
  it is. (Gambit reads ``\\`` inconsistently; the writer escapes a backslash only where it
  must -- before a quote, a backslash or the closing quote -- so that Gambit reads every
  other backslash back unchanged.)
* Outcome numbers must be plain non-negative integers (Gambit also takes ``1.0``).
* Outcome labels are read and discarded: a game keeps payoffs, not outcomes.

Anything else that is wrong -- a truncated file, too few or too many numbers, a bad number,
an unbalanced brace or quote, an empty action list, an outcome number out of range, a header
declaring more than :data:`~exactbargain.game.MAX_PROFILES` profiles or more numbers than
the file holds, bytes that are not UTF-8 -- raises a
:class:`~exactbargain.errors.GameFormatError` that names the file, the line, the column
and what was expected there.

The writer emits the payoff version by default and the outcome version on request. The
outcome version has one outcome per distinct payoff vector, numbered in the order the
profiles first use them and labelled ``"1"``, ``"2"``, ...; profiles where every player gets
0 use the null outcome ``0``.

>>> game = parse_nfg('NFG 1 R "Ann and Ben" { "Ann" "Ben" } { 2 3 } "optional comment" '
...                  '4 1  0 0  1 3  2 2  -1/2 5  0.25 0')
>>> game.payoff(("2", "3"))
(Fraction(1, 4), Fraction(0, 1))
>>> game.comment
'optional comment'
>>> print(write_nfg(game))
NFG 1 R "Ann and Ben" { "Ann" "Ben" }
<BLANKLINE>
{ { "1" "2" }
{ "1" "2" "3" }
}
"optional comment"
<BLANKLINE>
4 1
0 0
1 3
2 2
-1/2 5
1/4 0
<BLANKLINE>
>>> parse_nfg(write_nfg(game, outcome_form=True)) == game
True
"""

from __future__ import annotations

import functools
import math
import re
import warnings
from collections import Counter
from typing import Any, Sequence

import flint

from ..errors import GameError, GameFormatError, GameFormatWarning, GameTypeError
from ..game import MAX_PROFILES, Game
from ._source import STRING_PATH, error_at, load_text, parse_number, position
from .nfg_write import quote, write_nfg

__all__ = ["read_nfg", "parse_nfg", "write_nfg"]

_FMPQ = flint.fmpq
_ZERO = _FMPQ(0)

# One token: a string (possibly unterminated; a backslash takes the next character with
# it), a punctuation mark, or a word (a run of anything else but whitespace). Every
# character that is not whitespace belongs to some token, so nothing is skipped silently.
_TOKEN = re.compile(r'"(?:[^"\\]++|\\.?)*+"?|[{},]|[^\s{}",]++', re.S)
_CLOSED_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"\Z', re.S)
# A body made of plain integers only (each short enough for int()), and of outcome numbers.
_ALL_INTEGERS = re.compile(r"(?:\s*+[-+]?+[0-9]{1,4000}+(?=\s|\Z))*+\s*+\Z")
_FIRST_DECIMAL = re.compile(r"\s*+[-+]?+[0-9]++\.([0-9]{1,30})(?=\s|\Z)")
_ALL_COUNTS = re.compile(r"(?:\s*+[0-9]{1,18}+(?=\s|\Z))*+\s*+\Z")
_UNESCAPE = re.compile(r'\\(["\\])')
_INTEGER = re.compile(r"[-+]?[0-9]+\Z")
_COUNT = re.compile(r"[0-9]+\Z")
_NUMBER_SHAPE = re.compile(r"(?=[^0-9]*[0-9])[-+]?(?:[0-9]+/[0-9]+|[0-9]*\.?[0-9]*(?:[eE][-+]?[0-9]+)?)\Z")
_MAX_INT_DIGITS = 4000  # below Python's int/str conversion limit (longer ones: parse_number)


# ---------------------------------------------------------------------------- reading
def read_nfg(source: Any, *, path: str | None = None) -> Game:
    """Read a game from a Gambit ``.nfg`` file.

    ``source`` is a path (``str`` or ``os.PathLike``), an open file (text or binary),
    ``bytes``, or the text itself: a ``str`` that starts with ``NFG`` (after any whitespace)
    or contains a line break is taken as the content, any other ``str`` as a path. ``path``
    overrides the file name used in messages. A missing file raises ``OSError``; malformed
    content raises :class:`~exactbargain.errors.GameFormatError`.

    Parameters
    ----------
    source : path, file, bytes or str
        Where the file is, or its content (see above).
    path : str, optional
        The file name used in messages.

    Returns
    -------
    Game
        The game, its profiles converted to C order.

    Raises
    ------
    GameFormatError
        Malformed content, with the file, line and column.
    GameTypeError
        ``source`` is none of the accepted kinds.
    LimitError
        The file is larger than the ``file-size`` limit.
    OSError
        The file cannot be read.

    Warns
    -----
    GameFormatWarning
        Empty or repeated names were renamed as Gambit 16.7 renames them.

    Examples
    --------
    >>> read_nfg('NFG 1 R "t" { "A" "B" } { 1 2 }\\n1 2 3 4').payoff(("1", "2"))
    (Fraction(3, 1), Fraction(4, 1))
    >>> read_nfg(b'NFG 1 R "t" { "A" } { 2 } 1', path="short.nfg")
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameFormatError: short.nfg:1:28: the file ends after 1 of the 2 payoffs (2 profiles x 1 player); expected the payoff of player 'A' at profile ('2',)
    """
    text, name = load_text(source, _looks_like_nfg, path)
    game, notes = _parse(text, name)
    for note in notes:
        warnings.warn(note, stacklevel=2)
    return game


def parse_nfg(text: str, *, path: str | None = None) -> Game:
    """Parse the text of a Gambit ``.nfg`` file (``path`` is only used in messages).

    Parameters
    ----------
    text : str or bytes
        The file's content (bytes are decoded as UTF-8; a leading byte-order mark is skipped).
    path : str, optional
        The file name used in messages.

    Returns
    -------
    Game
        The game, its profiles converted to C order.

    Raises
    ------
    GameFormatError
        Malformed content, with the line and column.
    GameTypeError
        ``text`` is neither text nor bytes.

    Warns
    -----
    GameFormatWarning
        Empty or repeated names were renamed as Gambit 16.7 renames them.

    Examples
    --------
    >>> g = parse_nfg('NFG 1 D "PD" { "1" "2" } { { "C" "D" } { "C" "D" } } ""'
    ...               '{ { "" 3, 3 } { "" 0, 5 } { "" 5, 0 } { "" 1, 1 } } 1 3 2 4')
    >>> g.payoff(("D", "C"))
    (Fraction(5, 1), Fraction(0, 1))
    >>> parse_nfg('NFG 1 R "t" { "A" } { 2 }\\n 1 x', path="bad.nfg")
    Traceback (most recent call last):
        ...
    exactbargain.errors.GameFormatError: bad.nfg:2:4: expected the payoff of player 'A' at profile ('2',) (a number such as 3, -1/2 or 0.25), found 'x'
    """
    if isinstance(text, (bytes, bytearray)):
        text, _ = load_text(bytes(text), _looks_like_nfg, path)
    elif not isinstance(text, str):
        raise GameTypeError(f"parse_nfg() takes the text of a file, not {type(text).__name__}")
    elif text.startswith("\ufeff"):
        text = text[1:]
    game, notes = _parse(text, path or STRING_PATH)
    for note in notes:
        warnings.warn(note, stacklevel=2)
    return game


def _looks_like_nfg(text: str) -> bool:
    return "\n" in text or "\r" in text or re.match(r"\s*NFG\s", text) is not None


def _describe(token: str | None) -> str:
    if token is None:
        return "the end of the file"
    if len(token) > 40:
        token = token[:37] + "..."
    if token.startswith('"'):
        return f"the string {token}"
    return repr(token)


def _unquote(token: str) -> str:
    return _UNESCAPE.sub(r"\1", token[1:-1])


class _Parser:
    """A recursive-descent reader over the token stream of one file."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self._tokens = _TOKEN.finditer(text)
        self._pushed: tuple[str | None, int] | None = None
        self.end = 0  # offset just after the last token taken
        self.notes: list[GameFormatWarning] = []

    # -- tokens
    def next(self) -> tuple[str | None, int]:
        if self._pushed is not None:
            token, start = self._pushed
            self._pushed = None
            self.end = start + (len(token) if token is not None else 0)
            return token, start
        match = next(self._tokens, None)
        if match is None:
            self.end = len(self.text)
            return None, len(self.text)
        self.end = match.end()
        return match.group(), match.start()

    def seek(self, offset: int) -> None:
        """Continue reading tokens at ``offset``."""
        self._tokens = _TOKEN.finditer(self.text, offset)
        self._pushed = None
        self.end = offset

    def back(self, token: str | None, start: int) -> None:
        self._pushed = (token, start)

    def error(self, offset: int, message: str) -> GameFormatError:
        return error_at(self.text, offset, message, self.path)

    def expect(self, wanted: str, what: str) -> int:
        token, start = self.next()
        if token != wanted:
            raise self.error(start, f"expected {what}, found {_describe(token)}")
        return start

    def string(self, what: str) -> tuple[str, int]:
        token, start = self.next()
        if token is None or not token.startswith('"'):
            raise self.error(start, f"expected {what} (a quoted string), found {_describe(token)}")
        return self.check_closed(token, start), start

    def check_closed(self, token: str, start: int) -> str:
        if not _CLOSED_STRING.match(token):
            raise self.error(start, "this string is never closed; expected a closing '\"'")
        return _unquote(token)

    def body_tokens(self, start: int) -> list[str]:
        return _TOKEN.findall(self.text, start)

    def token_offset(self, start: int, index: int) -> int:
        """Offset of the ``index``-th token at or after ``start`` (error path only)."""
        for k, match in enumerate(_TOKEN.finditer(self.text, start)):
            if k == index:
                return match.start()
        return len(self.text)


def _parse(text: str, path: str) -> tuple[Game, list[GameFormatWarning]]:
    p = _Parser(text, path)
    p.expect("NFG", "'NFG' at the start of a Gambit strategic-form file")
    p.expect("1", "the format version 1 after 'NFG'")
    token, start = p.next()
    if token not in ("R", "D"):
        raise p.error(start, f"expected the data tag 'R' (or 'D') after 'NFG 1', found {_describe(token)}")
    title, _ = p.string("the game title")
    players_at, players = _player_names(p)

    # strategies: counts or label lists
    actions_at = p.expect("{", "'{' opening the list of actions (counts, or label lists)")
    token, start = p.next()
    if token == "{":
        p.back(token, start)
        actions = _action_labels(p, players)
    else:
        actions = _action_counts(p, players, token, start, actions_at)
    shape = [len(a) for a in actions]
    _check_size(p, shape, actions_at)
    cells = math.prod(shape)

    # optional comment, then the body
    comment = ""
    token, start = p.next()
    if token is not None and token.startswith('"'):
        comment = p.check_closed(token, start)
        token, start = p.next()
    if token == "{":
        flat = _outcome_body(p, players, actions, cells)
    elif token is None or token in ("}", ",") or token.startswith('"'):
        raise p.error(start, f"expected the payoffs (numbers) or '{{' opening the list of outcomes, found {_describe(token)}")
    else:
        flat = _payoff_body(p, start, players, actions, cells)
    actions = [[str(k) for k in labels] if isinstance(labels, range) else labels for labels in actions]
    try:
        game = Game._trusted(players, actions, flat, title=title, comment=comment)
    except GameError as exc:  # not expected: names were made valid above
        raise p.error(players_at, str(exc)) from None
    return game, p.notes


def _player_names(p: _Parser) -> tuple[int, list[str]]:
    """The header's list of player names (renamed as Gambit renames them), and where it starts."""
    players_at = p.expect("{", "'{' opening the list of player names")
    players: list[str] = []
    while True:
        token, start = p.next()
        if token == "}":
            break
        if token is None or not token.startswith('"'):
            raise p.error(start, f"expected a player name (a quoted string) or '}}', found {_describe(token)}")
        players.append(p.check_closed(token, start))
    if not players:
        raise p.error(start, "a game needs at least one player; expected a player name (a quoted string)")
    return players_at, _rename(p, players, players_at, "player names", "")


def _action_labels(p: _Parser, players: list[str]) -> list[list[str]]:
    """The header's action label lists ``{ { "U" "D" } ... }``, one per player."""
    n = len(players)
    actions: list[list[str]] = []
    for i in range(n):
        token, start = p.next()
        if token != "{":
            if token == "}":
                raise p.error(start, f"the action lists stop after {i} of the {n} players; expected '{{' opening the action labels of player {players[i]!r}")
            raise p.error(start, f"expected '{{' opening the action labels of player {players[i]!r}, found {_describe(token)}")
        list_at = start
        labels = []
        while True:
            token, start = p.next()
            if token == "}":
                break
            if token is None or not token.startswith('"'):
                raise p.error(start, f"expected an action label of player {players[i]!r} (a quoted string) or '}}', found {_describe(token)}")
            labels.append(p.check_closed(token, start))
        if not labels:
            raise p.error(start, f"player {players[i]!r} has an empty action list; expected at least one action label")
        actions.append(_rename(p, labels, list_at, "action labels", f" of player {players[i]!r}"))
    token, start = p.next()
    if token != "}":
        raise p.error(start, f"expected '}}' closing the action lists of the {n} players, found {_describe(token)}")
    return actions


def _action_counts(p: _Parser, players: list[str], token: str | None, start: int, actions_at: int) -> list[Any]:
    """The header's action counts ``{ 2 3 ... }`` (``token`` is the first one), as ranges
    ``1..m``: labels ``"1"``, ``"2"``, ... are made only once the body is known to be complete."""
    n = len(players)
    counts: list[int] = []
    while token != "}":
        if token is None or not _COUNT.match(token):
            if len(counts) < n:
                raise p.error(start, f"expected the number of actions of player {players[len(counts)]!r} (a positive integer), found {_describe(token)}")
            raise p.error(start, f"expected '}}' after the {n} action counts, found {_describe(token)}")
        if len(counts) == n:
            raise p.error(start, f"expected '}}' after the {n} action counts (one per player), found {_describe(token)}")
        count = int(token) if len(token) <= 18 else 10**18
        if count == 0:
            raise p.error(start, f"player {players[len(counts)]!r} has 0 actions; every player needs at least one")
        counts.append(count)
        token, start = p.next()
    if len(counts) < n:
        raise p.error(start, f"the action counts stop after {len(counts)} of the {n} players; expected the number of actions of player {players[len(counts)]!r}")
    _check_size(p, counts, actions_at)
    return [range(1, m + 1) for m in counts]


def _check_size(p: _Parser, shape: list[int], at: int) -> None:
    cells = math.prod(shape)
    if cells > MAX_PROFILES:
        raise p.error(
            at,
            f"the header declares {' x '.join(map(str, shape))} = {cells} profiles, "
            f"more than the {MAX_PROFILES} a game may have",
        )


def _rename(p: _Parser, labels: list[str], at: int, what: str, owner: str) -> list[str]:
    """Make empty and repeated labels unique the way Gambit 16.7 does, with a warning."""
    counts = Counter(labels)
    if "" not in counts and all(c == 1 for c in counts.values()):
        return labels
    taken = set(labels)
    following: dict[str, int] = {}
    out = list(labels)
    for index, label in enumerate(labels):
        if label != "" and counts[label] == 1:
            continue
        k = following.get(label, 1)
        while f"{label}_{k}" in taken:
            k += 1
        out[index] = f"{label}_{k}"
        taken.add(out[index])
        following[label] = k + 1
    changes = ", ".join(f"{old!r} -> {new!r}" for old, new in zip(labels, out) if old != new)
    line, column = position(p.text, at)
    p.notes.append(
        GameFormatWarning(
            f"empty or repeated {what}{owner} renamed as Gambit 16.7 does: {changes}",
            path=p.path,
            line=line,
            column=column,
        )
    )
    return out


def _profile_text(actions: Sequence[Sequence[str]], f_index: int) -> str:
    labels = []
    for labels_i in actions:
        f_index, k = divmod(f_index, len(labels_i))
        labels.append(str(labels_i[k]))
    return repr(tuple(labels))


def _convert_number(token: str) -> Any:
    """The token's exact value, or a ``str`` saying why it is not a number."""
    if _INTEGER.match(token) and len(token) <= _MAX_INT_DIGITS:
        return _FMPQ(int(token))
    if token[0] in '"{},':
        return ""
    try:
        return parse_number(token)
    except ValueError as exc:  # NumberError: outside the grammar, or too many digits
        foreign_digit = any(c.isdigit() and not c.isascii() for c in token)
        return str(exc) if _NUMBER_SHAPE.match(token) or foreign_digit else ""


def _payoff_body(p: _Parser, start: int, players: list[str], actions: list[list[str]], cells: int) -> Any:
    n = len(players)
    need = n * cells
    shape = [len(a) for a in actions]
    what = f"payoffs ({cells} profile{'s' * (cells != 1)} x {n} player{'s' * (n != 1)})"
    if _ALL_INTEGERS.match(p.text, start):
        # Fast path: nothing but plain integers, converted in bulk.
        tokens = p.text[start:].split()
        _check_count(p, start, tokens, need, lambda k: _payoff_wanted(players, actions, k), what)
        values: list[Any] = list(map(int, tokens))
    elif (places := _fixed_decimal_places(p.text, start)) is not None:
        # Fast path: decimals with the same number of places (Gambit writes "%f"): the
        # digits without the point are integers, scaled by 10^-places in one go.
        tokens = p.text[start:].split()
        _check_count(p, start, tokens, need, lambda k: _payoff_wanted(players, actions, k), what)
        digits = list(map(int, p.text[start:].replace(".", "").split()))
        values = (flint.fmpq_mat(1, len(digits), digits) * _FMPQ(1, 10**places)).entries()
    else:
        tokens = p.body_tokens(start)
        head = tokens if len(tokens) <= need else tokens[:need]
        numbers = {token: _convert_number(token) for token in set(head)}
        if any(type(v) is str for v in numbers.values()):
            for index, token in enumerate(head):
                reason = numbers[token]
                if type(reason) is str:
                    explain = f" ({reason})" if reason else ""
                    raise p.error(
                        p.token_offset(start, index),
                        f"expected {_payoff_wanted(players, actions, index)} (a number such as 3, -1/2 "
                        f"or 0.25), found {_describe(token)}{explain}",
                    )
        _check_count(p, start, tokens, need, lambda k: _payoff_wanted(players, actions, k), what)
        values = list(map(numbers.__getitem__, tokens))
    perm = _c_positions_in_f(shape) if n > 2 else None
    return [_f_to_c(values[i::n], shape, perm) for i in range(n)]


def _fixed_decimal_places(text: str, start: int) -> int | None:
    """``k`` if every token from ``start`` on is a decimal with exactly ``k`` places."""
    first = _FIRST_DECIMAL.match(text, start)
    if first is None:
        return None
    places = len(first.group(1))
    pattern = _fixed_decimals_pattern(places)
    return places if pattern.match(text, start) else None


@functools.lru_cache(maxsize=8)
def _fixed_decimals_pattern(places: int) -> re.Pattern[str]:
    return re.compile(r"(?:\s*+[-+]?+[0-9]{1,1000}+\.[0-9]{%d}(?=\s|\Z))*+\s*+\Z" % places)


def _payoff_wanted(players: list[str], actions: list[list[str]], index: int) -> str:
    cell, player = divmod(index, len(players))
    return f"the payoff of player {players[player]!r} at profile {_profile_text(actions, cell)}"


def _check_count(p: _Parser, start: int, tokens: list[str], need: int, wanted: Any, what: str) -> None:
    if len(tokens) < need:
        raise p.error(
            len(p.text),
            f"the file ends after {len(tokens)} of the {need} {what}; expected {wanted(len(tokens))}",
        )
    if len(tokens) > need:
        raise p.error(
            p.token_offset(start, need),
            f"expected the end of the file after the {need} {what.split(' (')[0]}, found {_describe(tokens[need])}",
        )


@functools.lru_cache(maxsize=16)
def _outcomes_pattern(n: int) -> re.Pattern[str]:
    """A run of whole, well-formed outcomes ``{ "label" p1 p2 ... pn }`` of an ``n``-player game."""
    one = r'\s*+\{\s*+"(?:[^"\\]++|\\.)*+"' + r'\s*+[^\s{}",]++\s*+,?+' * n + r"\s*+\}"
    return re.compile(f"(?:{one})*+", re.S)


# In a run of well-formed outcomes: the labels (skipped, group empty) and the payoffs.
_OUTCOME_PARTS = re.compile(r'"(?:[^"\\]++|\\.)*+"|([^\s{}",]++)', re.S)


def _outcome_body(p: _Parser, players: list[str], actions: list[list[str]], cells: int) -> Any:
    n = len(players)
    cache: dict[str, Any] = {}
    values = _outcome_run(p, n, cache)  # the payoffs of all outcomes, outcome after outcome
    _outcome_list(p, players, values, cache)
    index = _outcome_numbers(p, actions, cells, len(values) // n)
    shape = [len(a) for a in actions]
    perm = _c_positions_in_f(shape) if n > 2 else None
    flat = []
    for i in range(n):
        table = [_ZERO] + values[i::n]
        flat.append(_f_to_c(list(map(table.__getitem__, index)), shape, perm))
    return flat


def _outcome_run(p: _Parser, n: int, cache: dict[str, Any]) -> list[Any]:
    """Fast path: a run of well-formed outcomes is found by one regex and its payoffs are
    converted in bulk (into ``cache``); anything else is left to :func:`_outcome_list`."""
    list_start = p.end
    run_end = _outcomes_pattern(n).match(p.text, list_start).end() if n <= 64 else list_start
    if run_end > list_start:
        tokens = list(filter(None, _OUTCOME_PARTS.findall(p.text, list_start, run_end)))
        if _ALL_INTEGERS.match(" ".join(tokens)):
            p.seek(run_end)
            return list(map(int, tokens))
        for token in set(tokens):
            cache[token] = _convert_number(token)
        if not any(type(v) is str for v in cache.values()):
            p.seek(run_end)
            return list(map(cache.__getitem__, tokens))
        # else a bad number: the token loop reads the list again and reports it
    return []


def _outcome_list(p: _Parser, players: list[str], values: list[Any], cache: dict[str, Any]) -> None:
    """Read the rest of the list of outcomes token by token, up to its closing brace,
    appending their payoffs to ``values``."""
    n = len(players)
    while True:
        token, start = p.next()
        if token == "}":
            break
        if token != "{":
            raise p.error(start, f"expected '{{' opening outcome {len(values) // n + 1} or '}}' closing the list of outcomes, found {_describe(token)}")
        number = len(values) // n + 1
        p.string(f"the label of outcome {number}")
        payoffs: list[Any] = []
        after_number = False
        while True:
            token, start = p.next()
            if token == "}":
                if len(payoffs) < n:
                    raise p.error(start, f"outcome {number} lists {len(payoffs)} payoff{'s' * (len(payoffs) != 1)} for {n} player{'s' * (n != 1)}; expected the payoff of player {players[len(payoffs)]!r}")
                break
            if token == "," and after_number:
                after_number = False
                continue
            if token is None or token[0] in '"{},':
                if len(payoffs) == n:
                    raise p.error(start, f"expected '}}' closing outcome {number}, found {_describe(token)}")
                raise p.error(start, f"expected the payoff of player {players[len(payoffs)]!r} in outcome {number} (a number), found {_describe(token)}")
            if len(payoffs) == n:
                raise p.error(start, f"expected '}}' closing outcome {number} after its {n} payoff{'s' * (n != 1)}, found {_describe(token)}")
            value = cache.get(token)
            if value is None:
                value = cache[token] = _convert_number(token)
            if type(value) is str:
                explain = f" ({value})" if value else ""
                raise p.error(start, f"expected the payoff of player {players[len(payoffs)]!r} in outcome {number} (a number such as 3, -1/2 or 0.25), found {_describe(token)}{explain}")
            payoffs.append(value)
            after_number = True
        values.extend(payoffs)


def _outcome_numbers(p: _Parser, actions: list[list[str]], cells: int, last: int) -> list[int]:
    """The outcome number (``0..last``) of every profile, in Gambit's order, up to the end."""
    start = p.end
    wanted = lambda k: f"the outcome of profile {_profile_text(actions, k)}"  # noqa: E731
    if _ALL_COUNTS.match(p.text, start):
        tokens = p.text[start:].split()
        _check_count(p, start, tokens, cells, wanted, "outcome numbers")
        index = list(map(int, tokens))
        if not index or max(index) <= last:
            return index
    tokens = p.body_tokens(start)
    head = tokens if len(tokens) <= cells else tokens[:cells]
    numbers: dict[str, Any] = {}
    for token in set(head):
        value: Any = None
        if _COUNT.match(token):
            value = int(token) if len(token) <= 18 else last + 1
            if value > last:
                value = None
        numbers[token] = value
    if any(v is None for v in numbers.values()):
        for k, token in enumerate(head):
            if numbers[token] is None:
                kind = "out of range" if _COUNT.match(token) else "not an outcome number"
                raise p.error(
                    p.token_offset(start, k),
                    f"expected {wanted(k)} (an integer from 0 to {last}), found {_describe(token)}, "
                    f"which is {kind}",
                )
    _check_count(p, start, tokens, cells, wanted, "outcome numbers")
    return list(map(numbers.__getitem__, tokens))


# ---------------------------------------------------------------------------- orders
def _f_to_c(values: list[Any], shape: Sequence[int], perm: list[int] | None = None) -> Any:
    """Reorder one player's payoffs from Gambit's order (first player fastest) to C order.

    ``perm`` is ``_c_positions_in_f(shape)``, computed once per game by the caller when the
    game has more than two players.
    """
    if len(shape) == 1:
        return values
    if len(shape) == 2:
        rows, cols = shape
        return flint.fmpq_mat(cols, rows, values).transpose()
    if perm is None:
        perm = _c_positions_in_f(shape)
    return list(map(values.__getitem__, perm))


def _c_positions_in_f(shape: Sequence[int]) -> list[int]:
    """For every profile in C order, its position in Gambit's order."""
    strides = [1] * len(shape)
    for i in range(1, len(shape)):
        strides[i] = strides[i - 1] * shape[i - 1]
    out = [0]
    for axis in range(len(shape)):
        if shape[axis] > 1:  # an axis of one action changes nothing
            out = [base + k * strides[axis] for base in out for k in range(shape[axis])]
    return out
