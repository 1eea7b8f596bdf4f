"""Tables of an axiom check: the :class:`~exactbargain.axioms.Verdict` and its games."""

from __future__ import annotations

from typing import Any

from ..game import game_table
from ..tables import Table, Vector, key_value_table

__all__ = ["verdict_tables"]


def verdict_tables(verdict: Any) -> list[Table]:
    """A :class:`~exactbargain.axioms.Verdict` as tables: the verdict (axiom, rule, claim,
    status, player, modification, values), then the game before and the game after.

    Parameters
    ----------
    verdict : Verdict
        The verdict.

    Returns
    -------
    list of Table
        The verdict's table, then one table per game.

    Examples
    --------
    >>> from exactbargain import Game
    >>> from exactbargain.axioms import monotonicity
    >>> locked = Game.bimatrix([[0, 7]], [[0, 2]], actions=(("D",), ("D", "C")))
    >>> chicken = locked.add_action(0, [(2, 7), (6, 6)], label="C")
    >>> print(verdict_tables(monotonicity("fallback", locked, chicken))[0].text())
    axiom          A6 monotonicity
    -------------  ----------------------------------------------------------------
    rule           fallback[welfare]
    claim          player 1 gains an action, so phi_1(after) >= phi_1(before)
    status         VIOLATED
    player         1 (1)
    modification   add-action for player 1 (1) [action=C, payoffs=((2, 7), (6, 6))]
    values before  (7, 2)
    values after   (6, 6)
    difference     (-1, 4)
    """
    v = verdict
    status = "holds (vacuously)" if v.vacuous else ("holds" if v.holds else "VIOLATED")
    rows: list[tuple[Any, Any]] = [("rule", v.rule), ("claim", v.claim), ("status", status)]
    if v.player is not None:
        rows.append(("player", f"{v.player + 1} ({v.before.players[v.player]})"))
    if v.modification is not None:
        rows.append(("modification", v.modification.describe()))
    rows.append(("values before", Vector(tuple(v.values_before))))
    if v.values_after is not None:
        rows.append(("values after", Vector(tuple(v.values_after))))
    if v.difference:
        rows.append(("difference", Vector(tuple(v.difference))))
    out = [key_value_table(("axiom", f"{v.code} {v.axiom}"), rows)]
    for game, when in ((v.before, "before"), (v.after, "after")):
        if game is not None:
            t = game_table(game)
            out.append(Table(t.header, t.rows, (f"game {when}",), t.align, t.row_headers, t.rules))
    return out
