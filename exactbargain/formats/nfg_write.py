"""Writing Gambit's strategic-form ``.nfg`` files (the format is described in
:mod:`exactbargain.formats.nfg`, which reads them).

The writer emits the payoff version by default and the outcome version on request. The
outcome version has one outcome per distinct payoff vector, numbered in the order the
profiles first use them and labelled ``"1"``, ``"2"``, ...; profiles where every player gets
0 use the null outcome ``0``.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..game import Game, require_game
from ._source import save_text

__all__ = ["write_nfg", "quote"]


def _f_positions_in_c(shape: Sequence[int]) -> list[int]:
    """For every profile in Gambit's order, its position in C order."""
    strides = [1] * len(shape)
    for i in range(len(shape) - 2, -1, -1):
        strides[i] = strides[i + 1] * shape[i + 1]
    out = [0]
    for axis in reversed(range(len(shape))):
        if shape[axis] > 1:
            out = [base + k * strides[axis] for base in out for k in range(shape[axis])]
    return out


def _gambit_order_strings(game: Game) -> list[list[str]]:
    """Each player's payoffs as text, in Gambit's profile order."""
    n = game.num_players
    perm = None if n <= 2 else _f_positions_in_c(game.shape)
    out = []
    for i in range(n):
        matrix = game.payoff_matrix(i)
        if perm is None:
            matrix = matrix.transpose()
        numerators, denominator = matrix.numer_denom()
        texts = None
        if denominator == 1:  # integers: fmpz -> int -> str is the quick way to text
            try:
                texts = list(map(str, map(int, numerators.entries())))
            except ValueError:  # an integer too long for str(int)
                pass
        if texts is None:
            texts = list(map(str, matrix.entries()))
        out.append(texts if perm is None else [texts[j] for j in perm])
    return out


def quote(text: str) -> str:
    r"""``text`` as a Gambit string: quotes escaped, and a backslash escaped where it must be.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The text in quotes, escaped.

    Examples
    --------
    >>> print(quote('say "hi"'), quote("a\\b"), quote("ends\\"))
    "say \"hi\"" "a\b" "ends\\"
    """
    out = []
    last = len(text) - 1
    for k, char in enumerate(text):
        if char == '"':
            out.append('\\"')
        elif char == "\\" and (k == last or text[k + 1] in '"\\'):
            out.append("\\\\")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def write_nfg(game: Game, target: Any = None, *, outcome_form: bool = False) -> str:
    """The game as a Gambit ``.nfg`` file; also written to ``target`` (a path or a file object)
    when one is given.

    The payoff version is written unless ``outcome_form`` is true. Action labels are always
    written as label lists, and the comment (``""`` when empty) is always present.

    Parameters
    ----------
    game : Game
        The game.
    target : path or file object, optional
        Where to write the file as well.
    outcome_form : bool
        Write the outcome version instead of the payoff version.

    Returns
    -------
    str
        The file's text.

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
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
    >>> print(write_nfg(pd.with_title("PD"), outcome_form=True))
    NFG 1 R "PD" { "1" "2" }
    <BLANKLINE>
    { { "C" "D" }
    { "C" "D" }
    }
    ""
    <BLANKLINE>
    {
    { "1" 3, 3 }
    { "2" 5, 0 }
    { "3" 0, 5 }
    { "4" 1, 1 }
    }
    1 2
    3 4
    <BLANKLINE>
    """
    require_game(game, "write_nfg()")
    head = [
        f"NFG 1 R {quote(game.title or '')} {{ {' '.join(quote(p) for p in game.players)} }}",
        "",
        "{ " + "\n".join("{ " + " ".join(quote(a) for a in labels) + " }" for labels in game.actions),
        "}",
        quote(game.comment or ""),
        "",
    ]
    columns = _gambit_order_strings(game)
    rows = game.shape[0]
    if not outcome_form:
        body = "\n".join(map(" ".join, zip(*columns)))
        text = "\n".join(head) + "\n" + body + "\n"
    else:
        keys = list(map(", ".join, zip(*columns)))
        zero = ", ".join(["0"] * game.num_players)
        numbering = {zero: 0}
        for key in dict.fromkeys(keys):
            if key != zero:
                numbering[key] = len(numbering)
        outcome_lines = [f'{{ "{k}" {key} }}\n' for key, k in numbering.items() if k]
        index = list(map(numbering.__getitem__, keys))
        text_index = list(map(str, index))
        lines = [" ".join(text_index[k:k + rows]) for k in range(0, len(text_index), rows)]
        text = "\n".join(head) + "\n{\n" + "".join(outcome_lines) + "}\n" + "\n".join(lines) + "\n"
    if target is not None:
        save_text(text, target)
    return text
