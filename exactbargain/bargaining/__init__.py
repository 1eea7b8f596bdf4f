"""Bargaining solutions of normal-form games, exactly.

* :func:`coco` — the CoCo value (two players: ``W/2 ± val((u_1 - u_2)/2)``; n players:
  Shapley over the team games);
* :func:`fallback` — the correlated-equilibrium fallback rule with the selection rules of
  docs/theory.md §3.5 and the coalition models of §3.3; :func:`fallback_range` — the interval of
  two-player fallback values over all correlated equilibria; :func:`select_point` — the
  disagreement point alone;
* :func:`nash_bargaining`, :func:`kalai_smorodinsky` — classic bargaining over exact
  polygons (or a game's outcome hull);
* :func:`n_player_value` — formula (star) for any two-player TU value ``Game -> payoffs``.

Every solution has ``payoffs`` (Fractions), ``verify()``, ``explain()``, ``to_json()`` and
``summary()`` (the JSON contract of ``exactbargain solve --json``).
"""

from .coco import COALITION_MODELS, CoalitionSolution, CoCoSolution, coco, n_player_value
from .fallback import (
    EQUILIBRIA,
    FallbackRange,
    FallbackSolution,
    Selection,
    fallback,
    fallback_range,
    select_point,
    selection_rules,
)
from .solutions import BargainingError, BargainingSolution, Polygon, kalai_smorodinsky, nash_bargaining

from .. import limits as _limits
from ..errors import GameError
from ..game import Game, require_game

#: The rules of ``exactbargain solve --rule``.
RULES = ("coco", "fallback", "nash-fallback", "nbs", "ks")


def solve(game: Game, rule: str = "fallback", select: str | None = None, coalitions: str | None = None, *,
          limits: _limits.Limits | None = None):
    """One rule by name (the dispatcher behind ``exactbargain solve``).

    ``rule`` is ``coco``, ``fallback``, ``nash-fallback`` (fallback over the hull of Nash
    equilibrium payoffs, two players), ``nbs`` or ``ks`` (Nash / Kalai–Smorodinsky bargaining
    over the hull of the game's outcomes without transfers, two players, ``d`` = the CE
    point of ``select``). ``select`` defaults to ``welfare``; ``coalitions`` (``two-teams``
    by default) matters for the fallback of three or more players only.
    ``limits`` (default: those in force) bounds the work (:mod:`exactbargain.limits`).

    >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]])
    >>> solve(chicken, "fallback", "dictator-2").payoffs
    (Fraction(7, 2), Fraction(17, 2))
    """
    game = require_game(game, "solve()")
    if rule not in RULES:
        raise GameError(f"unknown rule {rule!r}; the rules are {', '.join(RULES)}")
    if limits is not None:
        with _limits.using(limits):
            return solve(game, rule, select, coalitions)
    if rule == "coco":
        if select is not None or coalitions is not None:
            raise GameError("coco takes no selection rule or coalition model")
        return coco(game)
    if coalitions is not None and rule != "fallback":
        raise GameError(f"{rule} takes no coalition model (only the fallback of three or more players does)")
    select = "welfare" if select is None else select
    if rule == "fallback":
        return fallback(game, select, coalitions="two-teams" if coalitions is None else coalitions)
    if rule == "nash-fallback":
        return fallback(game, select, equilibrium="nash")
    if rule == "nbs":
        return nash_bargaining(game, select=select)
    return kalai_smorodinsky(game, select=select)


def compare(game: Game, *, limits: _limits.Limits | None = None) -> list[tuple[str, str | None, str | None, object]]:
    """Every rule and selection on ``game``: ``(rule, select, coalitions, solution or the
    reason it does not apply)``; the rows of ``exactbargain solve --rule all``.

    A rule that does not apply to a game of this many players has the reason ``"n/a: ..."``;
    one that would exceed a size limit (``limits``, by default those in force; see
    :mod:`exactbargain.limits`) is not computed and has ``"skipped: ..."``, the limit's
    message. The other rules are computed all the same.

    >>> from exactbargain.limits import Limits
    >>> rows = compare(Game.zero_sum([[1, -1], [-1, 1]]), limits=Limits(nash_vertices=4))
    >>> skipped = [(rule, select) for rule, select, _, sol in rows if isinstance(sol, str)]
    >>> len(rows), skipped[:2]
    (15, [('nash-fallback', 'welfare'), ('nash-fallback', 'egalitarian')])
    >>> print(rows[7][3])
    skipped: a 2x2 game's best-response polytopes may have up to 8 vertices, more than the limit nash-vertices=4 allows; raise it with --limit nash-vertices=8 (limits=Limits(nash_vertices=8) in Python)
    """
    if limits is not None:
        with _limits.using(limits):
            return compare(game)
    game = require_game(game, "compare()")
    n = game.num_players

    def attempt(rule: str, select: str | None, model: str | None) -> object:
        try:
            return solve(game, rule, select, model)
        except _limits.LimitError as exc:
            return f"skipped: {exc}"

    rows: list[tuple[str, str | None, str | None, object]] = [("coco", None, None, attempt("coco", None, None))]
    models = COALITION_MODELS if n > 2 else (None,)
    for model in models:
        for select in selection_rules(n):
            if select == "nash" and model == "team-vs-individuals":
                rows.append(("fallback", select, model, "n/a: the horde games have more than two players"))
                continue
            rows.append(("fallback", select, model, attempt("fallback", select, model)))
    for rule in ("nash-fallback", "nbs", "ks"):
        if n != 2:
            rows.append((rule, None, None, "n/a: two-player games only"))
            continue
        selects = selection_rules(n) if rule == "nash-fallback" else ("welfare",)
        for select in selects:
            rows.append((rule, select, None, attempt(rule, select, None)))
    return rows


__all__ = [
    "COALITION_MODELS",
    "RULES",
    "compare",
    "selection_rules",
    "solve",
    "EQUILIBRIA",
    "BargainingError",
    "BargainingSolution",
    "CoalitionSolution",
    "CoCoSolution",
    "FallbackRange",
    "FallbackSolution",
    "Polygon",
    "Selection",
    "coco",
    "fallback",
    "fallback_range",
    "kalai_smorodinsky",
    "n_player_value",
    "nash_bargaining",
    "select_point",
]
