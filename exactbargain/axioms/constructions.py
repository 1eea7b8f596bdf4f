"""The constructors of game modifications: each takes a game and returns the
:class:`~exactbargain.axioms.modifications.Modification` that builds the modified game, with
the exact facts that make it one (A2-A4, A7-A9 of docs/theory.md §4; A10 is in
:mod:`exactbargain.axioms.threats`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from ..errors import ExactBargainError
from ..game import Game
from ..numbers import format_rational as _n
from ._modification import (
    Modification,
    ModificationError,
    _action,
    _fresh_label,
    _full,
    _player,
    _q,
    _row,
    _vec,
    opponent_profiles,
)

__all__ = [
    "add_action",
    "mixture_action",
    "duplicate_action",
    "add_uniform_curse",
    "strict_domination",
    "add_dominated_action",
    "add_dominated_curse",
    "shift_payoffs",
    "shift_payoffs_by_opponents",
    "permute_players",
    "relabel_actions",
]


def add_action(game: Game, player: Any, payoffs: Sequence[Sequence[Any]] | Callable, label: str | None = None) -> Modification:
    """Give ``player`` one more action (placed last); every old payoff is unchanged.

    ``payoffs`` is one payoff vector per profile of the other players (C order), or a
    callable receiving the new full profile as a tuple of labels (see :meth:`Game.add_action`).

    Parameters
    ----------
    game : Game
        The game before.
    player : int or str
        Who gets the action, by index or name.
    payoffs : sequence of payoff vectors, or callable
        As for :meth:`Game.add_action <exactbargain.game.Game.add_action>`.
    label : str, optional
        The new action's label (default: ``new``, made unique).

    Returns
    -------
    Modification
        Of kind ``add-action``; ``params`` holds the label and the new payoff vectors.

    Raises
    ------
    ModificationError
        An unknown player, or payoffs the game refuses (wrong count or length, inexact).
    """
    i = _player(game, player)
    if label is None:
        label = _fresh_label(game, i, "new")
    try:
        after = game.add_action(i, payoffs, label=label)
    except ExactBargainError as exc:
        raise ModificationError(str(exc)) from None
    new = len(game.actions[i])
    return Modification("add-action", game, after, i, {"action": label, "payoffs": tuple(_row(after, i, new))},
                        (f"every payoff of the old game is unchanged; player {i + 1} gains action {label!r}",))


def mixture_action(game: Game, player: Any, weights: Mapping[Any, Any] | Sequence[Any], label: str | None = None) -> Modification:
    """Add for ``player`` an action whose payoff vector (for all players) against every
    opponents' profile is the ``weights``-mixture of existing actions (A7: a redundant action).

    ``weights`` is one weight per existing action or a mapping action -> weight; the weights
    must be non-negative and sum to 1.

    Parameters
    ----------
    game : Game
        The game before.
    player : int or str
        Who gets the action.
    weights : mapping or sequence
        ``{action: weight}`` or one weight per action: exact, non-negative, summing to 1.
    label : str, optional
        The new action's label (default: the copied action's with ``'``, or ``mix``).

    Returns
    -------
    Modification
        Of kind ``mixture-action``; ``params`` holds the label and the weights.

    Raises
    ------
    ModificationError
        An unknown player or action, the wrong number of weights, or weights that are
        negative, inexact or do not sum to 1.
    """
    i = _player(game, player)
    m = len(game.actions[i])
    if isinstance(weights, Mapping):
        sigma = [Fraction(0)] * m
        for a, w in weights.items():
            sigma[_action(game, i, a)] += _q(w)
    else:
        if len(weights) != m:
            raise ModificationError(f"a mixture of player {i + 1}'s actions needs {m} weights, got {len(weights)}")
        sigma = [_q(w) for w in weights]
    if any(w < 0 for w in sigma) or sum(sigma) != 1:
        raise ModificationError(f"mixture weights must be non-negative and sum to 1, got {_vec(sigma)}")
    rows = [_row(game, i, k) for k in range(m)]
    vectors = [tuple(sum((sigma[k] * rows[k][o][p] for k in range(m)), Fraction(0)) for p in range(game.num_players))
               for o in range(len(rows[0]))]
    if label is None:
        pure = [k for k in range(m) if sigma[k] == 1]
        label = _fresh_label(game, i, (game.actions[i][pure[0]] + "'") if pure else "mix")
    after = game.add_action(i, vectors, label=label)
    support = " + ".join(f"{_n(w)} x {game.actions[i][k]!r}" for k, w in enumerate(sigma) if w)
    return Modification("mixture-action", game, after, i, {"action": label, "weights": tuple(sigma)},
                        (f"the payoff vector of {label!r} against every opponents' profile is {support} "
                         f"(weights non-negative, summing to 1), for every player",))


def duplicate_action(game: Game, player: Any, action: Any, label: str | None = None) -> Modification:
    """Add an exact copy of ``player``'s ``action`` (the pure case of :func:`mixture_action`).

    Parameters
    ----------
    game : Game
        The game before.
    player : int or str
        Who gets the copy.
    action : int or str
        The action copied.
    label : str, optional
        The copy's label (default: the action's with ``'``).

    Returns
    -------
    Modification
        Of kind ``mixture-action``, with weight 1 on ``action``.

    Raises
    ------
    ModificationError
        An unknown player or action.
    """
    i = _player(game, player)
    k = _action(game, i, action)
    weights = [Fraction(int(j == k)) for j in range(len(game.actions[i]))]
    return mixture_action(game, i, weights, label=label)


def add_uniform_curse(game: Game, player: Any, size: Any, copy: Any = 0, label: str | None = None,
                  victims: Sequence[Any] | None = None) -> Modification:
    """A8: add for ``player`` an action ``K`` that copies ``copy`` for ``player`` and lowers
    every victim's payoff (default: every other player) by ``size`` ``t >= 0`` in every
    opponents' profile.

    Parameters
    ----------
    game : Game
        The game before.
    player : int or str
        The curser.
    size : exact number
        ``t >= 0``, what every victim loses.
    copy : int or str
        The action whose payoffs the curser keeps (default: the first).
    label : str, optional
        The new action's label (default: ``K``, made unique).
    victims : sequence of int or str, optional
        Who is cursed (default: everybody else).

    Returns
    -------
    Modification
        Of kind ``uniform-curse``; ``params`` holds the label, ``copy``, ``size`` and the
        1-based victims.

    Raises
    ------
    ModificationError
        An unknown player or action, a negative or inexact size, or the curser among the
        victims.
    """
    i = _player(game, player)
    a = _action(game, i, copy)
    t = _q(size)
    if t < 0:
        raise ModificationError(f"the size of a curse must be >= 0, got {_n(t)}")
    hurt = [j for j in range(game.num_players) if j != i] if victims is None else sorted({_player(game, v) for v in victims})
    if i in hurt:
        raise ModificationError("the curser cannot be one of the victims")
    vectors = [tuple(x - t if p in hurt else x for p, x in enumerate(v)) for v in _row(game, i, a)]
    label = label or _fresh_label(game, i, "K")
    after = game.add_action(i, vectors, label=label)
    return Modification("uniform-curse", game, after, i,
                        {"action": label, "copy": game.actions[i][a], "size": t, "victims": tuple(j + 1 for j in hurt)},
                        (f"{label!r} pays player {i + 1} exactly what {game.actions[i][a]!r} pays, against every opponents' "
                         f"profile; it pays player(s) {', '.join(str(j + 1) for j in hurt)} exactly {_n(t)} less",))


def strict_domination(game: Game, player: int, payoffs: Sequence[Fraction]):
    """Whether a new action of ``player`` paying ``payoffs`` (one per opponents' profile, C
    order) is strictly dominated by a mixture of the existing actions.

    Returns ``(margin, sigma, solution)``: ``margin`` is the value of the zero-sum game
    ``D[k][o] = u_i(k, o) - payoffs[o]`` (rows: existing actions, maximiser), which is
    positive iff some mixture strictly dominates, and ``sigma`` an optimal (dominating) row
    strategy; ``solution`` is the :class:`~exactbargain.equilibria.minimax.ZeroSumSolution`
    whose ``verify()`` proves both.

    Parameters
    ----------
    game : Game
        The game.
    player : int
        The 0-based index of the player.
    payoffs : sequence of Fraction
        The new action's payoffs to ``player``, one per opponents' profile (C order).

    Returns
    -------
    tuple
        ``(margin, sigma, solution)`` as above.
    """
    from ..equilibria.minimax import minimax

    opp = opponent_profiles(game, player)
    rows = [[game.payoff(_full(player, k, o))[player] - payoffs[c] for c, o in enumerate(opp)]
            for k in range(len(game.actions[player]))]
    sol = minimax(rows)
    return sol.value, sol.row_strategy, sol


def _domination_certificate(game: Game, i: int, label: str, own: Sequence[Fraction]) -> tuple[Fraction, tuple, list[str]]:
    margin, sigma, sol = strict_domination(game, i, own)
    if margin <= 0:
        raise ModificationError(
            f"the new action {label!r} of player {i + 1} is not strictly dominated by any mixture of the "
            f"existing actions (best guaranteed margin {_n(margin)})")
    if not sol.verify():  # pragma: no cover - the LP engine certifies its answers
        raise ModificationError("the domination certificate does not verify")
    support = " + ".join(f"{_n(w)} x {game.actions[i][k]!r}" for k, w in enumerate(sigma) if w)
    facts = [f"the mixture {support} pays player {i + 1} at least {_n(margin)} more than {label!r} against every "
             f"opponents' profile (zero-sum value of the difference matrix, certified by primal and dual strategies)"]
    return margin, tuple(sigma), facts


def add_dominated_action(game: Game, player: Any, payoffs: Sequence[Sequence[Any]], label: str | None = None) -> Modification:
    """A9: add for ``player`` an action strictly dominated for that player by a mixture of
    existing actions, with no new cell whose total exceeds ``W(G)``.

    ``payoffs`` is one payoff vector per opponents' profile (C order). Raises
    :class:`ModificationError` when the preconditions fail.

    Parameters
    ----------
    game : Game
        The game before.
    player : int or str
        Who gets the action.
    payoffs : sequence of payoff vectors
        One per opponents' profile (C order).
    label : str, optional
        The new action's label (default: ``K``, made unique).

    Returns
    -------
    Modification
        Of kind ``dominated-action``; ``params`` holds the label, the payoff vectors, the
        dominating mixture and its margin.

    Raises
    ------
    ModificationError
        The action is not strictly dominated, a new cell's total exceeds ``W(G)``, or the
        payoffs are malformed or inexact.
    """
    i = _player(game, player)
    label = label or _fresh_label(game, i, "K")
    vectors = [tuple(_q(x) for x in v) for v in payoffs]
    try:
        after = game.add_action(i, vectors, label=label)
    except ExactBargainError as exc:
        raise ModificationError(str(exc)) from None
    return _check_dominated(game, after, i, label)


def _check_dominated(before: Game, after: Game, i: int, label: str) -> Modification:
    k = after.action_index(i, label)
    vectors = _row(after, i, k)
    W = before.W
    worst = max(sum(v, Fraction(0)) for v in vectors)
    if worst > W:
        raise ModificationError(f"a new cell has total {_n(worst)} > W(G) = {_n(W)}; the dominated-action axiom requires <= W")
    margin, sigma, facts = _domination_certificate(before, i, label, [v[i] for v in vectors])
    facts.append(f"the largest total of a new cell is {_n(worst)} <= W(G) = {_n(W)}")
    return Modification("dominated-action", before, after, i,
                        {"action": label, "payoffs": tuple(vectors), "dominator": sigma, "margin": margin},
                        tuple(facts))


def add_dominated_curse(game: Game, player: Any, size: Any, cost: Any = 1, copy: Any = 0, label: str | None = None) -> Modification:
    """A9's standard instance: copy ``copy``, lower ``player``'s own payoff by ``cost > 0`` and
    every other player's by ``size >= 0`` (the "costly curse").

    Parameters
    ----------
    game : Game
        The game before.
    player : int or str
        The curser.
    size : exact number
        ``>= 0``, what every other player loses.
    cost : exact number
        ``> 0``, what the curser loses.
    copy : int or str
        The action copied (default: the first).
    label : str, optional
        The new action's label (default: ``K``, made unique).

    Returns
    -------
    Modification
        Of kind ``dominated-action`` (see :func:`add_dominated_action`).

    Raises
    ------
    ModificationError
        ``cost <= 0``, ``size < 0``, an unknown player or action, or a new cell whose total
        exceeds ``W(G)``.
    """
    i = _player(game, player)
    a = _action(game, i, copy)
    t, c = _q(size), _q(cost)
    if c <= 0 or t < 0:
        raise ModificationError(f"a costly curse needs cost > 0 and size >= 0, got cost {_n(c)}, size {_n(t)}")
    vectors = [tuple(x - c if p == i else x - t for p, x in enumerate(v)) for v in _row(game, i, a)]
    return add_dominated_action(game, i, vectors, label=label)


def shift_payoffs(game: Game, constants: Sequence[Any]) -> Modification:
    """A4: add ``c_i`` to every payoff of player ``i``.

    Parameters
    ----------
    game : Game
        The game before.
    constants : sequence
        One exact number per player.

    Returns
    -------
    Modification
        Of kind ``shift``; ``params["constants"]`` holds ``c``.

    Raises
    ------
    ModificationError
        The wrong number of constants, or an inexact one.
    """
    c = tuple(_q(x) for x in constants)
    if len(c) != game.num_players:
        raise ModificationError(f"a shift needs one constant per player ({game.num_players}), got {len(c)}")
    return Modification("shift", game, game.shift(c), None, {"constants": c},
                        (f"every payoff of player i is raised by c_i, c = {_vec(c)}",))


def shift_payoffs_by_opponents(game: Game, player: Any, h: Sequence[Any] | Callable[[tuple[int, ...]], Any]) -> Modification:
    """A4': add ``h(a_{-i})`` to ``u_i`` (``h`` one value per opponents' profile, C order, or a
    callable on the opponents' index tuple). Nobody's incentives change.

    Parameters
    ----------
    game : Game
        The game before.
    player : int or str
        Whose payoffs change.
    h : sequence or callable
        One exact number per opponents' profile (C order), or ``h(opponents' indices)``.

    Returns
    -------
    Modification
        Of kind ``opponent-shift``; ``params["h"]`` holds the values.

    Raises
    ------
    ModificationError
        An unknown player, the wrong number of values, or an inexact one.
    """
    i = _player(game, player)
    opp = opponent_profiles(game, i)
    values = tuple(_q(h(o)) for o in opp) if callable(h) else tuple(_q(x) for x in h)
    if len(values) != len(opp):
        raise ModificationError(f"h needs one value per opponents' profile ({len(opp)}), got {len(values)}")
    pos = {o: k for k, o in enumerate(opp)}
    flat = [list(game.payoff_entries(p)) for p in range(game.num_players)]
    for c, prof in enumerate(game.profiles()):
        flat[i][c] = _q(game.payoff(prof)[i]) + values[pos[prof[:i] + prof[i + 1:]]]
    after = Game.from_flat(flat, game.actions, players=game.players, title=game.title, comment=game.comment)
    return Modification("opponent-shift", game, after, i, {"h": values},
                        (f"u_{i + 1} is raised by h(a_-{i + 1}) = {_vec(values)} (one value per opponents' profile); "
                         f"no other payoff changes",))


def permute_players(game: Game, order: Sequence[Any]) -> Modification:
    """A2: new player ``k`` is old player ``order[k]``.

    Parameters
    ----------
    game : Game
        The game before.
    order : sequence of int or str
        Every player once, in the new order.

    Returns
    -------
    Modification
        Of kind ``permute-players``; ``params["order"]`` holds the 1-based order.

    Raises
    ------
    ModificationError
        An unknown player, or an order that misses or repeats one.
    """
    perm = tuple(_player(game, p) for p in order)
    try:
        after = game.permute_players(perm)
    except ExactBargainError as exc:
        raise ModificationError(str(exc)) from None
    return Modification("permute-players", game, after, None, {"order": tuple(p + 1 for p in perm)},
                        (f"new player k is old player order[k], order = {tuple(p + 1 for p in perm)}",))


def relabel_actions(game: Game, player: Any, order: Sequence[Any] | None = None,
                    labels: Sequence[str] | None = None) -> Modification:
    """A3: reorder ``player``'s actions (default: reverse them) and rename them (default:
    ``x1, x2, ...``).

    Parameters
    ----------
    game : Game
        The game before.
    player : int or str
        Whose actions change.
    order : sequence of int or str, optional
        Every action once, in the new order (default: reversed).
    labels : sequence of str, optional
        The new labels, in the new order (default: ``x1, x2, ...``).

    Returns
    -------
    Modification
        Of kind ``relabel-actions``; ``params`` holds the order and the labels.

    Raises
    ------
    ModificationError
        An unknown player or action, an order that misses or repeats one, or labels that are
        empty, repeated or of the wrong number.
    """
    i = _player(game, player)
    m = len(game.actions[i])
    idx = list(range(m))[::-1] if order is None else [_action(game, i, a) for a in order]
    if sorted(idx) != list(range(m)):
        raise ModificationError(f"the new order must list each of player {i + 1}'s {m} actions once")
    after = game.reorder_actions(i, idx)
    new = tuple(labels) if labels is not None else tuple(f"x{k + 1}" for k in range(m))
    try:
        after = after.relabel_actions(i, new)
    except ExactBargainError as exc:
        raise ModificationError(str(exc)) from None
    mapping = tuple((game.actions[i][k], new[pos]) for pos, k in enumerate(idx))
    return Modification("relabel-actions", game, after, i, {"order": tuple(idx), "labels": new},
                        ("actions renamed and reordered: " + ", ".join(f"{a}->{b}" for a, b in mapping),))
