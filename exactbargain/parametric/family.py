"""Games whose payoffs are polynomials in one parameter (a *family* of games).

A :class:`ParametricGame` holds, for every profile and player, a polynomial with rational
coefficients in the parameter (``t`` by default). :meth:`ParametricGame.at` substitutes a
rational value and returns an ordinary exact :class:`~exactbargain.game.Game`.

JSON documents are the ordinary game documents (:mod:`exactbargain.formats.jsonfmt`) with one
more key, ``"parameter"``, and payoffs that may be text expressions in it::

    {"parameter": "t", "players": ["A", "B"], "actions": [["a", "k"], ["b"]],
     "payoffs": [[["0", "0"]], [["0", "-t"]]]}

>>> fam = parse_parametric_json('{"parameter": "t", "players": ["A", "B"], '
...     '"actions": [["a", "k"], ["b"]], "payoffs": [[["0", "0"]], [["0", "-t"]]]}')
>>> print(fam)
parameter t
A \\ B   b
a       0, 0
k       0, -t
>>> fam.at("1000").payoff(("k", "b"))
(Fraction(0, 1), Fraction(-1000, 1))
"""

from __future__ import annotations

import json
import os
import re
from fractions import Fraction
from typing import Any, Sequence

import flint

from ..errors import GameError, GameFormatError, GameTypeError, NumberError
from ..formats.jsonfmt import parse_json
from ..game import Game
from ..numbers import to_fmpq
from .expr import poly_from, str_poly

__all__ = ["ParametricGame", "parse_parametric_json", "read_parametric_json", "parse_assignment", "read_game_at"]

_IDENT = re.compile(r"[A-Za-z_]\w*")


def _rational(value: Any) -> Fraction:
    if isinstance(value, str):
        from ..numbers import parse_rational
        q = parse_rational(value.strip())
    else:
        q = to_fmpq(value)
    return Fraction(int(q.p), int(q.q))


class ParametricGame:
    """A finite normal-form game whose payoffs are polynomials in one parameter.

    Parameters
    ----------
    players : sequence of str
        Player names.
    actions : sequence of sequences of str
        Action labels per player.
    payoffs : sequence of sequences
        ``payoffs[i][k]``: player ``i``'s payoff at the ``k``-th profile in C order (the last
        player's action changes fastest), as text, a sympy expression, an ``fmpq_poly`` or an
        exact number.
    parameter : str
        The parameter's name (an identifier).
    title : str
        A title, kept by :meth:`at`.

    Raises
    ------
    GameError
        On inconsistent sizes or a bad parameter name.
    NumberError
        On a payoff that is not a polynomial with rational coefficients (naming the entry).
    """

    def __init__(self, players: Sequence[str], actions: Sequence[Sequence[str]], payoffs: Sequence[Sequence[Any]],
                 parameter: str = "t", *, title: str = "", comment: str = "") -> None:
        if not isinstance(parameter, str) or not _IDENT.fullmatch(parameter):
            raise GameError(f"the parameter must be a name such as 't', not {parameter!r}")
        self.parameter = parameter
        self.players = tuple(players)
        self.actions = tuple(tuple(a) for a in actions)
        self.title, self.comment = title, comment
        shape = [len(a) for a in self.actions]
        cells = 1
        for s in shape:
            cells *= s
        if len(payoffs) != len(self.players) or any(len(p) != cells for p in payoffs):
            raise GameError(f"expected {len(self.players)} payoff lists of {cells} entries (one per profile)")
        self.payoffs: tuple[tuple[flint.fmpq_poly, ...], ...] = tuple(
            tuple(self._entry(v, i, k) for k, v in enumerate(row)) for i, row in enumerate(payoffs))
        Game.from_flat([[0] * cells for _ in self.players], self.actions, players=self.players)  # checks labels

    def _entry(self, value: Any, i: int, k: int) -> flint.fmpq_poly:
        try:
            return poly_from(value, self.parameter)
        except NumberError as exc:
            raise NumberError(f"payoff of player {self.players[i]!r} at profile {self._profile(k)}: {exc}") from None

    def _profile(self, k: int) -> str:
        labels = []
        for acts in reversed(self.actions):
            k, r = divmod(k, len(acts))
            labels.append(acts[r])
        return "(" + ", ".join(reversed(labels)) + ")"

    @classmethod
    def bimatrix(cls, A: Sequence[Sequence[Any]], B: Sequence[Sequence[Any]], parameter: str = "t",
                 *, players: Sequence[str] = ("1", "2"), actions: Sequence[Sequence[str]] | None = None,
                 title: str = "") -> "ParametricGame":
        """The two-player family with row player's payoffs ``A`` and column player's ``B``.

        Parameters
        ----------
        A, B : matrices of payoffs (text, sympy, numbers)
        parameter : str
        players : two names
        actions : two label lists (default ``1..m`` and ``1..n``)
        title : str

        Returns
        -------
        ParametricGame

        Raises
        ------
        GameError, NumberError
            As the constructor.

        Examples
        --------
        >>> fam = ParametricGame.bimatrix([["0"], ["0"]], [["0"], ["-t"]])
        >>> fam.at(4).payoff(("2", "1"))
        (Fraction(0, 1), Fraction(-4, 1))
        """
        m, n = len(A), len(A[0]) if A else 0
        if m == 0 or n == 0 or len(B) != m or any(len(r) != n for r in list(A) + list(B)):
            raise GameError("A and B must be non-empty matrices of the same shape")
        acts = actions or ([str(a + 1) for a in range(m)], [str(b + 1) for b in range(n)])
        return cls(players, acts, [[x for r in A for x in r], [x for r in B for x in r]], parameter, title=title)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions per player."""
        return tuple(len(a) for a in self.actions)

    def at(self, value: Any) -> Game:
        """The ordinary exact game at ``parameter = value``.

        Parameters
        ----------
        value : int, Fraction, flint.fmpq or str (``"7/3"``)
            A rational value; floats are refused.

        Returns
        -------
        Game

        Raises
        ------
        NumberError
            For a float or unreadable text.
        """
        q = to_fmpq(_rational(value))
        flat = [[p(q) for p in row] for row in self.payoffs]
        return Game.from_flat(flat, self.actions, players=self.players, title=self.title, comment=self.comment)

    def matrix(self, player: int) -> list[list[flint.fmpq_poly]]:
        """Player ``player``'s payoffs as an ``m x n`` matrix of polynomials (two players)."""
        if len(self.players) != 2:
            raise GameError(f"a matrix needs a two-player game, not {len(self.players)} players")
        m, n = self.shape
        row = self.payoffs[player]
        return [[row[a * n + b] for b in range(n)] for a in range(m)]

    def __str__(self) -> str:
        lines = [f"parameter {self.parameter}"]
        if len(self.players) == 2:
            m, n = self.shape
            cells = [[", ".join(str_poly(self.payoffs[i][a * n + b], self.parameter) for i in range(2))
                      for b in range(n)] for a in range(m)]
            head = [f"{self.players[0]} \\ {self.players[1]}"] + list(self.actions[1])
            rows = [[self.actions[0][a]] + cells[a] for a in range(m)]
            widths = [max(len(r[c]) for r in [head] + rows) for c in range(n + 1)]
            for r in [head] + rows:
                lines.append("   ".join(x.ljust(w) for x, w in zip(r, widths)).rstrip())
            return "\n".join(lines)
        for k in range(len(self.payoffs[0])):
            lines.append(f"{self._profile(k)}: " + ", ".join(str_poly(p[k], self.parameter) for p in self.payoffs))
        return "\n".join(lines)


# ---------------------------------------------------------------------------- JSON
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\.)*"')
_OTHER = re.compile(r"[^\s\[\]{},:\"]+")


def _tokens(text: str):
    """(kind, start, end) for every JSON token; kinds: string, punct, literal."""
    pos, n = 0, len(text)
    while pos < n:
        c = text[pos]
        if c.isspace():
            pos += 1
        elif c == '"':
            m = _STRING.match(text, pos)
            end = m.end() if m else n
            yield "string", pos, end
            pos = end
        elif c in "[]{},:":
            yield "punct", pos, pos + 1
            pos += 1
        else:
            m = _OTHER.match(text, pos)
            end = m.end() if m else pos + 1
            yield "literal", pos, end
            pos = end


def _scan(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int, int, int]]]:
    """Leaves under the top-level ``payoffs`` key (their spans, in document order), the spans
    of ``parameter`` values, and the members ``parameter`` (key start, value end, and the
    spans of the comma to remove with it)."""
    toks = list(_tokens(text))
    depth, key, leaves, params, members = 0, None, [], [], []
    for k, (kind, a, b) in enumerate(toks):
        if kind == "punct" and text[a] in "[{":
            depth += 1
        elif kind == "punct" and text[a] in "]}":
            depth -= 1
        elif depth == 1 and kind == "string" and k + 1 < len(toks) and text[toks[k + 1][1]] == ":":
            key = json.loads(text[a:b])
            if key == "parameter" and k + 2 < len(toks):
                end = toks[k + 2][2]
                nxt = toks[k + 3] if k + 3 < len(toks) else None
                prv = toks[k - 1]
                if nxt and text[nxt[1]] == ",":
                    members.append((a, end, nxt[1], nxt[2]))
                elif text[prv[1]] == ",":
                    members.append((a, end, prv[1], prv[2]))
                else:
                    members.append((a, end, a, a))
                params.append((toks[k + 2][1], end))
        elif depth >= 2 and key == "payoffs" and kind in ("string", "literal"):
            leaves.append((a, b))
    return leaves, params, members


def _blank(chars: list[str], a: int, b: int) -> None:
    for k in range(a, b):
        if chars[k] != "\n":
            chars[k] = " "


def _where(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse_parametric_json(text: str, *, path: str | None = None) -> ParametricGame:
    """Read a parametric game from the text of a JSON game document with a ``"parameter"`` key.

    The document's structure (players, actions, table shape, JSON floats) is checked by
    :func:`~exactbargain.formats.jsonfmt.parse_json` at the original lines and columns; every
    payoff string is then read by :func:`~exactbargain.parametric.expr.parse_poly`.

    Parameters
    ----------
    text : str
        The document.
    path : str, optional
        The file name used in messages.

    Returns
    -------
    ParametricGame

    Raises
    ------
    GameFormatError
        Naming the file, line and column, and the entry, for every malformed document.
    """
    if not isinstance(text, str):
        raise GameTypeError(f"parse_parametric_json() takes text, not {type(text).__name__}")
    name = path or "<string>"
    leaves, params, members = _scan(text)
    if len(members) != 1:
        message = "has no 'parameter' key; a parametric game names its parameter, as \"parameter\": \"t\"" \
            if not members else "has the key 'parameter' twice"
        raise GameFormatError(f"$ {message}", path=name, line=1, column=1)
    a, b = params[0]
    try:
        parameter = json.loads(text[a:b])
    except ValueError:
        parameter = None
    if not isinstance(parameter, str) or not _IDENT.fullmatch(parameter):
        raise GameFormatError(f"$.parameter is {text[a:b]}; expected a name such as \"t\"", path=name, line=_where(text, a)[0],
                              column=_where(text, a)[1])
    chars = list(text)
    _blank(chars, members[0][0], members[0][1])
    _blank(chars, members[0][2], members[0][3])
    for a, b in leaves:
        if text[a] == '"' and b - a >= 3:
            _blank(chars, a, b)
            chars[a:a + 3] = list('"0"')
    skeleton = parse_json("".join(chars), path=name)
    n = len(skeleton.players)
    flat: list[list[flint.fmpq_poly]] = [[] for _ in range(n)]
    for k, (a, b) in enumerate(leaves):
        literal = text[a:b]
        value = json.loads(literal) if literal.startswith('"') else int(literal)
        try:
            flat[k % n].append(poly_from(value, parameter))
        except NumberError as exc:
            line, column = _where(text, a)
            index, profile = k // n, []
            for width in reversed(skeleton.shape):
                index, r = divmod(index, width)
                profile.insert(0, r)
            place = "".join(f"[{x}]" for x in profile + [k % n])
            raise GameFormatError(f"$.payoffs{place} (player {skeleton.players[k % n]!r}): {exc}",
                                  path=name, line=line, column=column) from None
    return ParametricGame(skeleton.players, skeleton.actions, flat, parameter,
                          title=skeleton.title, comment=skeleton.comment)


def read_parametric_json(source: Any) -> ParametricGame:
    """Read a parametric game from a JSON file (a path) or an open text file.

    Parameters
    ----------
    source : str, os.PathLike or file object

    Returns
    -------
    ParametricGame

    Raises
    ------
    GameFormatError
        As :func:`parse_parametric_json`, or when the file cannot be read.
    """
    if hasattr(source, "read"):
        return parse_parametric_json(source.read(), path=getattr(source, "name", None))
    try:
        with open(os.fspath(source), encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise GameFormatError(f"cannot read the file: {exc}", path=str(source)) from None
    return parse_parametric_json(text, path=str(source))


_EXACT = re.compile(r"[+-]?[0-9]+(/[0-9]+)?")


def parse_assignment(text: str) -> tuple[str, Fraction]:
    """``NAME=VALUE`` (as given to ``--set``) as the name and an exact rational value.

    The value is an integer or a fraction ``p/q``; a decimal or exponent literal is refused
    (a float in most languages), with its exact spelling suggested.

    Parameters
    ----------
    text : str
        Such as ``"t=7/3"``.

    Returns
    -------
    tuple of (str, Fraction)

    Raises
    ------
    NumberError
        For a missing ``=``, a name that is not an identifier, or a value that is not an
        exact rational.

    Examples
    --------
    >>> parse_assignment("t=-7/3")
    ('t', Fraction(-7, 3))
    >>> parse_assignment("t=0.5")
    Traceback (most recent call last):
        ...
    exactbargain.errors.NumberError: --set t=0.5: 0.5 is a decimal literal (a float in most languages); write it exactly, as 1/2
    """
    name, eq, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not eq or not _IDENT.fullmatch(name):
        raise NumberError(f"--set {text}: expected NAME=VALUE, such as t=7/3")
    if _EXACT.fullmatch(value):
        if value.endswith("/" + "0" * (len(value) - value.rfind("/") - 1)):
            raise NumberError(f"--set {text}: the denominator is zero")
        return name, Fraction(value)
    try:
        exact = _rational(value)
    except (NumberError, ZeroDivisionError):
        raise NumberError(f"--set {text}: {value!r} is not a rational number; write an integer or p/q, "
                          "such as 7/3") from None
    raise NumberError(f"--set {text}: {value} is a decimal literal (a float in most languages); write it "
                      f"exactly, as {exact.numerator}" + (f"/{exact.denominator}" if exact.denominator != 1 else ""))


def read_game_at(path: str, assignments: Sequence[str]) -> Game:
    """The ordinary game of the family in the JSON file ``path`` at the values ``assignments``.

    Parameters
    ----------
    path : str
        A JSON game document with a ``"parameter"`` key.
    assignments : sequence of str
        ``NAME=VALUE`` texts (:func:`parse_assignment`); each name must be the family's
        parameter, given once.

    Returns
    -------
    Game

    Raises
    ------
    GameFormatError
        For a file that is not a family (a ``.nfg`` file, a JSON game without a
        ``"parameter"`` key) or that cannot be read.
    NumberError
        For a wrong name, a repeated name or a value that is not an exact rational.
    """
    values = [parse_assignment(text) for text in assignments]
    if not str(path).lower().endswith(".json"):
        raise GameFormatError("--set substitutes a value into a family of games, a JSON document with a "
                              "'parameter' key; this file is one game: drop --set", path=str(path))
    try:
        with open(os.fspath(path), encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise GameFormatError(f"cannot read the file: {exc}", path=str(path)) from None
    if not _scan(text)[2]:
        parse_json(text, path=str(path))  # a malformed document is reported as such first
        raise GameFormatError("has no 'parameter' key: it is one game, not a family; drop --set", path=str(path))
    family = parse_parametric_json(text, path=str(path))
    for text, (name, _) in zip(assignments, values):
        if name != family.parameter:
            raise NumberError(f"--set {text}: the family's parameter is {family.parameter!r}, not {name!r}")
    if len(values) > 1:
        raise NumberError(f"--set {family.parameter} is given {len(values)} times; give it once")
    return family.at(values[0][1])
