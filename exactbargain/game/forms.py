"""The printed forms of a :class:`~exactbargain.game.Game`: its plain text (``str(game)``), its
table (:func:`game_table`, rendered in every format of :mod:`exactbargain.tables`) and the
nested payoff lists of its JSON form (:meth:`~exactbargain.game.Game.to_dict`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Sequence

from ..tables import MAX_ROWS, Table, Vector, escape_controls

if TYPE_CHECKING:
    from . import Game

__all__ = ["game_table"]


def _nested_payoffs(flat: Sequence[Sequence[Any]], shape: Sequence[int]) -> list:
    n = len(shape)
    vectors = [[str(flat[i][k]) for i in range(n)] for k in range(math.prod(shape))]
    for m in reversed(shape):
        vectors = [vectors[k:k + m] for k in range(0, len(vectors), m)]
    return vectors[0]

def _matrix_text(game: Game) -> str:
    rows = [escape_controls(r) for r in game.actions[0]]
    cols = [escape_controls(c) for c in game.actions[1]]
    a = game._mats[0].tolist()
    b = game._mats[1].tolist()
    row_player, col_player = map(escape_controls, game.players)
    header = [f"{row_player} \\ {col_player}"] + cols
    body = [[rows[r]] + [f"{a[r][c]}, {b[r][c]}" for c in range(len(cols))] for r in range(len(rows))]
    table = [header] + body
    widths = [max(len(line[k]) for line in table) for k in range(len(header))]
    lines = []
    for line in table:
        cells = [cell.ljust(widths[k]) for k, cell in enumerate(line)]
        lines.append("   ".join(cells).rstrip())
    return "\n".join(lines)


def _profile_text(game: Game) -> str:
    players = [escape_controls(p) for p in game.players]
    header = players + [f"u({p})" for p in players]
    body = []
    for index in game.profiles():
        labels = [escape_controls(game.actions[i][k]) for i, k in enumerate(index)]
        body.append(labels + [str(x) for x in game.payoff_fmpq(index)])
    table = [header] + body
    widths = [max(len(line[k]) for line in table) for k in range(len(header))]
    return "\n".join("   ".join(c.ljust(widths[k]) for k, c in enumerate(line)).rstrip() for line in table)


def game_table(game: Game, *, max_rows: int = MAX_ROWS) -> Table:
    """A game as a table: two players as a bimatrix (row labels, one column per action of
    the second player, cells ``u_1, u_2``), otherwise one row per profile. At most
    ``max_rows`` rows (and, for a bimatrix, columns) are shown; a last row counts the rest.

    Parameters
    ----------
    game : Game
        The game.
    max_rows : int
        The most rows (and bimatrix columns) shown.

    Returns
    -------
    Table
        The game's table, its title as the caption.

    Examples
    --------
    >>> from exactbargain import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"),
    ...                    actions=(("C", "D"), ("C", "D")))
    >>> print(game_table(pd).text())
    Row \\ Col  C     D
    ---------  ----  ----
    C          3, 3  0, 5
    D          5, 0  1, 1
    """
    caption: tuple[Any, ...] = (game.title,) if game.title else ()
    if game.num_players == 2:
        rows_shown = min(game.shape[0], max_rows)
        cols_shown = min(game.shape[1], max_rows)
        header: list[Any] = [f"{game.players[0]} \\ {game.players[1]}"] + list(game.actions[1][:cols_shown])
        body: list[tuple[Any, ...]] = []
        for r in range(rows_shown):
            cells = [Vector(game.payoff((r, c)), "") for c in range(cols_shown)]
            body.append(tuple([game.actions[0][r]] + cells))
        if cols_shown < game.shape[1]:
            header.append(f"... {game.shape[1] - cols_shown} more")
            body = [row + ("...",) for row in body]
        if rows_shown < game.shape[0]:
            body.append((f"... {game.shape[0] - rows_shown} more",) + ("",) * (len(header) - 1))
        align = "l|" + "c" * (len(header) - 1)
        return Table(tuple(header), tuple(body), caption, align, row_headers=True)
    n = game.num_players
    header = list(game.players) + [f"u({p})" for p in game.players]
    body = []
    for k, profile in enumerate(game.profiles()):
        if k == max_rows:
            body.append((f"... {game.num_profiles - max_rows} more profiles",) + ("",) * (2 * n - 1))
            break
        body.append(tuple(game.actions[i][a] for i, a in enumerate(profile)) + game.payoff(profile))
    return Table(tuple(header), tuple(body), caption, "l" * n + "|" + "r" * n)
