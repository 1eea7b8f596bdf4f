"""The recognisers of game modifications: given two games, each establishes by exact
computation from the games alone that ``after`` is a modification of ``before`` of its kind,
and returns the same :class:`~exactbargain.axioms.modifications.Modification` the
constructor would (or raises :class:`~exactbargain.axioms.modifications.ModificationError`
saying what does not match). They are what ``exactbargain verify`` uses.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from ..game import Game
from ._modification import Modification, ModificationError, _player, _row, _vec, opponent_profiles
from .constructions import (
    _check_dominated,
    add_uniform_curse,
    mixture_action,
    permute_players,
    relabel_actions,
    shift_payoffs,
    shift_payoffs_by_opponents,
)
from .threats import _check_credible

__all__ = [
    "recognise_added_action",
    "recognise_mixture",
    "recognise_uniform_curse",
    "recognise_dominated_action",
    "recognise_credible_threat",
    "recognise_shift",
    "recognise_opponent_shift",
    "recognise_permutation",
    "recognise_relabelling",
]


def recognise_added_action(before: Game, after: Game, player: Any = None) -> Modification:
    """Establish that ``after`` is ``before`` plus one action for one player (placed
    anywhere), every old payoff unchanged. Returns an ``add-action`` modification.

    Parameters
    ----------
    before, after : Game
        The two games.
    player : int or str, optional
        The player the modification must concern (default: whichever it is).

    Returns
    -------
    Modification
        Of kind ``add-action``, as its constructor builds it from ``before``.

    Raises
    ------
    ModificationError
        The games' players or other players' actions differ, or ``after`` is not ``before``
        with one more action for one player (or for ``player``), every old payoff unchanged.
    """
    if before.players != after.players:
        raise ModificationError(f"the games have different players: {before.players} and {after.players}")
    grown = [j for j in range(before.num_players) if before.shape[j] != after.shape[j]]
    if len(grown) != 1 or after.shape[grown[0]] != before.shape[grown[0]] + 1:
        raise ModificationError(f"after ({'x'.join(map(str, after.shape))}) is not before "
                                f"({'x'.join(map(str, before.shape))}) with exactly one more action for one player")
    i = grown[0]
    if player is not None and _player(before, player) != i:
        raise ModificationError(f"the added action belongs to player {i + 1}, not to player {_player(before, player) + 1}")
    for j in range(before.num_players):
        if j != i and before.actions[j] != after.actions[j]:
            raise ModificationError(f"player {j + 1}'s actions differ between the games")
    old = before.actions[i]
    new_labels = [a for a in after.actions[i] if a not in old]
    if len(new_labels) != 1 or any(a not in after.actions[i] for a in old):
        raise ModificationError(f"player {i + 1}'s actions {after.actions[i]} do not extend {old} by one new label")
    for prof in before.profiles():
        labels = [before.actions[j][k] for j, k in enumerate(prof)]
        if before.payoff(prof) != after.payoff(labels):
            raise ModificationError(f"the payoff at {tuple(labels)} differs: {_vec(before.payoff(prof))} before, "
                                    f"{_vec(after.payoff(labels))} after")
    label = new_labels[0]
    # Put the new action last so that the rest of the pipeline sees the canonical layout.
    order = [after.action_index(i, a) for a in old] + [after.action_index(i, label)]
    canonical = after.reorder_actions(i, order) if order != list(range(len(order))) else after
    k = len(old)
    return Modification("add-action", before, canonical, i, {"action": label, "payoffs": tuple(_row(canonical, i, k))},
                        (f"every payoff of the old game is unchanged (checked cell by cell); player {i + 1} "
                         f"gains action {label!r}",))


def recognise_mixture(before: Game, after: Game, player: Any = None) -> Modification:
    """Establish that the added action is a mixture of existing ones (A7), finding the
    mixture by an exact LP.

    Parameters
    ----------
    before, after : Game
        The two games.
    player : int or str, optional
        The player the modification must concern (default: whichever it is).

    Returns
    -------
    Modification
        Of kind ``mixture-action``, as its constructor builds it from ``before``.

    Raises
    ------
    ModificationError
        ``after`` is not ``before`` plus one action, or that action is no mixture of the
        existing ones.
    """
    base = recognise_added_action(before, after, player)
    i, label = base.player, base.params["action"]
    sigma = _find_mixture(before, i, base.params["payoffs"])
    if sigma is None:
        raise ModificationError(f"the added action {label!r} of player {i + 1} is not a mixture of existing actions "
                                f"(the exact LP for the mixture weights is infeasible)")
    m = mixture_action(before, i, sigma, label=label)
    if m.after != base.after:  # pragma: no cover - the LP solution is checked here
        raise ModificationError("the mixture found does not reproduce the added action")
    return m


def _find_mixture(game: Game, i: int, vectors: Sequence[Sequence[Fraction]]) -> tuple[Fraction, ...] | None:
    from ..lp import LP, solve

    m = len(game.actions[i])
    rows = [_row(game, i, k) for k in range(m)]
    lp = LP("max")
    xs = [lp.add_variable(f"w{k}") for k in range(m)]
    lp.add_row({x: 1 for x in xs}, "=", 1)
    for o, vec in enumerate(vectors):
        for p in range(game.num_players):
            lp.add_row({xs[k]: rows[k][o][p] for k in range(m)}, "=", vec[p])
    lp.set_objective({xs[0]: 0})
    res = solve(lp)
    if res.status != "optimal":
        return None
    return tuple(res.x[:m])


def recognise_uniform_curse(before: Game, after: Game, player: Any = None) -> Modification:
    """Establish that the added action copies an existing one for its owner and lowers every
    other player's payoff by the same ``t >= 0`` everywhere (A8). Among several matching
    copied actions the first is reported.

    Parameters
    ----------
    before, after : Game
        The two games.
    player : int or str, optional
        The player the modification must concern (default: whichever it is).

    Returns
    -------
    Modification
        Of kind ``uniform-curse``, as its constructor builds it from ``before``.

    Raises
    ------
    ModificationError
        ``after`` is not ``before`` plus one action, or that action is no uniform curse.
    """
    base = recognise_added_action(before, after, player)
    i, label, vecs = base.player, base.params["action"], base.params["payoffs"]
    others = [j for j in range(before.num_players) if j != i]
    for a in range(len(before.actions[i])):
        row = _row(before, i, a)
        if any(v[i] != r[i] for v, r in zip(vecs, row)):
            continue
        gaps = {r[j] - v[j] for v, r in zip(vecs, row) for j in others}
        if len(gaps) == 1 and next(iter(gaps)) >= 0:
            return add_uniform_curse(before, i, next(iter(gaps)), copy=a, label=label)
    raise ModificationError(f"the added action {label!r} of player {i + 1} is not a uniform curse: no existing action "
                            f"pays player {i + 1} the same everywhere while the others lose one constant t >= 0")


def recognise_dominated_action(before: Game, after: Game, player: Any = None) -> Modification:
    """Establish A9's precondition: the added action is strictly dominated for its owner by a
    mixture of existing actions (exact LP, certified) and no new total exceeds ``W(G)``.

    Parameters
    ----------
    before, after : Game
        The two games.
    player : int or str, optional
        The player the modification must concern (default: whichever it is).

    Returns
    -------
    Modification
        Of kind ``dominated-action``, as its constructor builds it from ``before``.

    Raises
    ------
    ModificationError
        ``after`` is not ``before`` plus one action, that action is not strictly dominated
        for its owner, or a new total exceeds ``W(G)``.
    """
    base = recognise_added_action(before, after, player)
    return _check_dominated(before, base.after, base.player, base.params["action"])


def recognise_credible_threat(before: Game, after: Game, player: Any = None) -> Modification:
    """Establish A10's precondition for an added action: ``after`` is ``before`` plus one action
    ``K`` for one player, and ``after`` has a unique correlated equilibrium, a pure profile that
    uses ``K`` and is a saddle point of ``Z = (u_1 - u_2)/2`` (see :func:`threat_precondition`).
    ``cost`` is reported as ``D(K, b*) - max_a D(a, b*) >= 0`` with ``D = u_i - u_j``.

    Parameters
    ----------
    before, after : Game
        The two games.
    player : int or str, optional
        The player the modification must concern (default: whichever it is).

    Returns
    -------
    Modification
        Of kind ``credible-threat``, as its constructor builds it from ``before``.

    Raises
    ------
    ModificationError
        ``after`` is not ``before`` plus one action, the game has not two players, or
        ``after`` does not meet A10's precondition with the new action.
    """
    base = recognise_added_action(before, after, player)
    if before.num_players != 2:
        raise ModificationError(f"a credible threat (A10) needs a two-player game; this game has "
                                f"{before.num_players} players")
    return _check_credible(before, base.after, base.player, base.params["action"])


def recognise_shift(before: Game, after: Game) -> Modification:
    """Establish that ``after`` is ``before`` with a constant added to each player's payoffs.

    Parameters
    ----------
    before, after : Game
        The two games.

    Returns
    -------
    Modification
        Of kind ``shift``, as its constructor builds it from ``before``.

    Raises
    ------
    ModificationError
        The games' players or actions differ, or the change is not one constant per player.
    """
    _same_layout(before, after)
    first = next(before.profiles())
    c = tuple(a - b for a, b in zip(after.payoff(first), before.payoff(first)))
    for prof in before.profiles():
        if tuple(a - b for a, b in zip(after.payoff(prof), before.payoff(prof))) != c:
            raise ModificationError(f"the payoff change at {prof} is not the constant {_vec(c)}")
    return shift_payoffs(before, c)


def recognise_opponent_shift(before: Game, after: Game, player: Any = None) -> Modification:
    """Establish that only one player's payoffs changed, by an amount that depends on the
    opponents' actions only.

    Parameters
    ----------
    before, after : Game
        The two games.
    player : int or str, optional
        The player the modification must concern (default: whichever it is).

    Returns
    -------
    Modification
        Of kind ``opponent-shift``, as its constructor builds it from ``before``.

    Raises
    ------
    ModificationError
        The games' players or actions differ, several players' payoffs (or another than
        ``player``'s) changed, or the change depends on the player's own action.
    """
    _same_layout(before, after)
    changed = sorted({p for prof in before.profiles() for p in range(before.num_players)
                      if before.payoff(prof)[p] != after.payoff(prof)[p]})
    if player is not None:
        want = _player(before, player)
        if any(p != want for p in changed):
            raise ModificationError(f"payoffs of player(s) {[p + 1 for p in changed]} changed, not only player {want + 1}'s")
        i = want
    elif len(changed) > 1:
        raise ModificationError(f"payoffs of several players changed: {[p + 1 for p in changed]}")
    else:
        i = changed[0] if changed else 0
    h: dict[tuple[int, ...], Fraction] = {}
    for prof in before.profiles():
        key = prof[:i] + prof[i + 1:]
        d = after.payoff(prof)[i] - before.payoff(prof)[i]
        if h.setdefault(key, d) != d:
            raise ModificationError(f"player {i + 1}'s payoff change depends on their own action at opponents' profile {key}")
    return shift_payoffs_by_opponents(before, i, [h[o] for o in opponent_profiles(before, i)])


def recognise_permutation(before: Game, after: Game) -> Modification:
    """Establish that ``after`` lists ``before``'s players (by name) in another order.

    Parameters
    ----------
    before, after : Game
        The two games.

    Returns
    -------
    Modification
        Of kind ``permute-players``, as its constructor builds it from ``before``.

    Raises
    ------
    ModificationError
        The games' players differ, or ``after`` is not ``before`` with its players
        reordered.
    """
    if sorted(before.players) != sorted(after.players):
        raise ModificationError(f"the games have different players: {before.players} and {after.players}")
    order = [before.players.index(p) for p in after.players]
    m = permute_players(before, order)
    if m.after != after:
        raise ModificationError("after is not before with its players reordered (payoffs or actions differ)")
    return m


def recognise_relabelling(before: Game, after: Game, player: Any = None) -> Modification:
    """Establish that ``after`` is ``before`` with one player's actions renamed and reordered
    (the matching is found from the payoffs; with duplicate actions, any consistent one).

    Parameters
    ----------
    before, after : Game
        The two games.
    player : int or str, optional
        The player the modification must concern (default: whichever it is).

    Returns
    -------
    Modification
        Of kind ``relabel-actions``, as its constructor builds it from ``before``.

    Raises
    ------
    ModificationError
        The games' players or action counts differ, several players' actions differ, or no
        matching of the actions reproduces ``after``.
    """
    if before.players != after.players or sorted(before.shape) != sorted(after.shape) or before.shape != after.shape:
        raise ModificationError("the games do not have the same players and action counts")
    candidates = [j for j in range(before.num_players) if before.actions[j] != after.actions[j]]
    if player is not None:
        candidates = [_player(before, player)]
    elif not candidates:
        candidates = [0]
    if len(candidates) != 1:
        raise ModificationError(f"actions of several players differ: {[j + 1 for j in candidates]}")
    i = candidates[0]
    m = len(before.actions[i])
    rows_after = [_row(after, i, k) for k in range(m)]
    rows_before = [_row(before, i, k) for k in range(m)]
    idx: list[int] = []
    used: set[int] = set()
    for ra in rows_after:
        match = [k for k in range(m) if k not in used and rows_before[k] == ra]
        if not match:
            raise ModificationError(f"an action of player {i + 1} in after matches no action of before")
        idx.append(match[0])
        used.add(match[0])
    mod = relabel_actions(before, i, order=idx, labels=after.actions[i])
    if mod.after != after:
        raise ModificationError("after is not a relabelling of before")
    return mod


def _same_layout(before: Game, after: Game) -> None:
    if before.players != after.players or before.actions != after.actions:
        raise ModificationError("the games must have the same players and action labels")

