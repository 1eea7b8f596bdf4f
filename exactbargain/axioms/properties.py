"""The axioms of docs/theory.md §4 as exact checks of any bargaining rule.

A *rule* is any callable ``Game -> payoffs`` (a sequence of rationals, or an object with a
``payoffs`` attribute such as the solutions of :mod:`exactbargain.bargaining`); the names
``"coco"`` and ``"fallback"`` (with a selection rule) are understood too, see :func:`as_rule`.

Each axiom function takes the rule and the game(s) and returns a :class:`Verdict`. Axioms
about a modified game accept the modified game (a :class:`~exactbargain.Game`, whose relation
to the original is then *established* exactly, or a
:class:`~exactbargain.axioms.modifications.Modification`), or the parameters of the
modification, or nothing (then a default modification is used).

=====  ==================  =================================================================
code   name                requirement checked
=====  ==================  =================================================================
A1     efficiency          ``sum_i phi_i(G) = W(G)``
A2     anonymity           ``phi_k(pi G) = phi_{pi(k)}(G)`` for a player permutation
A3     relabelling         renaming/reordering a player's actions leaves phi unchanged
A4     shift               ``phi(G + c) = phi(G) + c``
A4'    opponent-shift      adding ``h(a_-i)`` to ``u_i`` leaves every ``phi_j``, ``j != i``, unchanged
A5     dominance           ``u_i >= u_j`` everywhere implies ``phi_i >= phi_j``
A6     monotonicity        one more action for player ``i`` does not lower ``phi_i``
A7     redundancy          adding a mixture of existing actions leaves phi unchanged
A8     uniform-curse       adding a uniform curse leaves phi unchanged
A9     dominated-action    adding a strictly dominated action (no new total above W) leaves phi unchanged
A10    credible-threat     a unique CE that is a pure saddle point of ``Z`` implies ``phi = CoCo``
=====  ==================  =================================================================

A4' is the "strategic equivalence" shift: it changes nobody's incentives, and with
efficiency the requirement says the whole change of ``W`` goes to player ``i``; docs/theory.md §4
records that neither CoCo nor any fallback rule satisfies it. A10 concerns one game and has a
precondition (two players, a unique correlated equilibrium, pure and a saddle point of
``Z = (u_1 - u_2)/2``); on a game without it the verdict holds vacuously and says why. It
can also be given a second game, the first plus a credible threat
(:func:`~exactbargain.axioms.modifications.add_credible_threat`); the second game is then checked.

>>> from exactbargain import Game
>>> locked = Game.bimatrix([[0, 7]], [[0, 2]], actions=(("D",), ("D", "C")))
>>> chicken = locked.add_action(0, [(2, 7), (6, 6)], label="C")
>>> v = monotonicity("fallback", locked, chicken)
>>> v.holds, v.values_before, v.values_after
(False, (Fraction(7, 1), Fraction(2, 1)), (Fraction(6, 1), Fraction(6, 1)))
>>> monotonicity("coco", locked, chicken).holds
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from ..game import Game, require_game
from . import modifications as mods
from .axiom import AXIOM_CODES, AXIOMS, Axiom, lookup, register
from .draws import (_draw_add, _draw_anonymity, _draw_curse, _draw_dominated, _draw_nothing, _draw_opponent_shift,
                    _draw_redundancy, _draw_relabelling, _draw_shift)
from .evaluators import (_eval_anonymity, _eval_credible_threat, _eval_dominance, _eval_efficiency,
                         _eval_monotonicity, _eval_opponent_shift, _eval_same, _eval_shift)
from .modifications import Modification, ModificationError
from . import rules as _rules
from .rules import Rule, as_rule  # noqa: F401  (importable here as before)
from .verdict import Verdict

__all__ = [
    "Axiom",
    "AXIOMS",
    "AXIOM_CODES",
    "check",
    "efficiency",
    "anonymity",
    "relabelling",
    "shift",
    "opponent_shift",
    "dominance",
    "monotonicity",
    "redundancy",
    "uniform_curse",
    "dominated_action",
    "credible_threat",
    "coco_curse_bounds",
]


# ---------------------------------------------------------------------- the axiom table
def __getattr__(name: str) -> tuple[str, ...]:
    """``SELECTIONS`` and ``RULE_NAMES``, importable here as before, following the registries."""
    if name not in ("SELECTIONS", "RULE_NAMES"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(_rules, name)


#: The modification kinds each two-game axiom accepts.
_KINDS = {
    "anonymity": {"permute-players"},
    "relabelling": {"relabel-actions"},
    "shift": {"shift"},
    "opponent-shift": {"opponent-shift", "shift"},
    "monotonicity": {"add-action", "mixture-action", "uniform-curse", "dominated-action", "credible-threat"},
    "redundancy": {"mixture-action"},
    "uniform-curse": {"uniform-curse"},
    "dominated-action": {"dominated-action"},
    "credible-threat": {"credible-threat"},
}


def _add(name: str, code: str, title: str, evaluate: Callable[..., Verdict], recognise: Any = None, draw: Any = None,
         about_player: bool = True) -> None:
    register(Axiom(name, code, title, evaluate, recognise, draw, about_player, frozenset(_KINDS.get(name, ()))))


_add("efficiency", "A1", "Efficiency / Pareto optimality", _eval_efficiency, about_player=False)
_add("anonymity", "A2", "Anonymity (player relabelling)", _eval_anonymity,
     lambda b, a, p: mods.recognise_permutation(b, a), _draw_anonymity, about_player=False)
_add("relabelling", "A3", "Action-relabelling invariance",
     _eval_same("relabelling", "renaming and reordering a player's actions leaves phi unchanged"),
     mods.recognise_relabelling, _draw_relabelling)
_add("shift", "A4", "Constant-shift covariance", _eval_shift, lambda b, a, p: mods.recognise_shift(b, a),
     _draw_shift, about_player=False)
_add("opponent-shift", "A4'", "Opponent-dependent shift", _eval_opponent_shift,
     mods.recognise_opponent_shift, _draw_opponent_shift)
_add("dominance", "A5", "Payoff dominance", _eval_dominance)
_add("monotonicity", "A6", "Monotonicity in actions", _eval_monotonicity, mods.recognise_added_action, _draw_add)
_add("redundancy", "A7", "Invariance to redundant strategies",
     _eval_same("redundancy", "adding a mixture of existing actions (for all players' payoffs) leaves phi unchanged"),
     mods.recognise_mixture, _draw_redundancy)
_add("uniform-curse", "A8", "Uniform-curse invariance",
     _eval_same("uniform-curse", "adding a uniform curse (a copy of an action that only hurts the others) leaves phi "
                "unchanged"),
     mods.recognise_uniform_curse, _draw_curse)
_add("dominated-action", "A9", "Independence of strictly dominated actions",
     _eval_same("dominated-action", "adding a strictly dominated action with no new total above W leaves phi "
                "unchanged"),
     mods.recognise_dominated_action, _draw_dominated)
_add("credible-threat", "A10", "Credible threats are not filtered", _eval_credible_threat,
     mods.recognise_credible_threat, _draw_nothing)


def check(axiom: str, rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
          seed: int = 0, size: Any = None, select: str | None = None) -> Verdict:
    """Check ``axiom`` (name or code in docs/theory.md §4) for ``rule`` on ``game``.

    ``after`` is the modified game (its relation to ``game`` is established exactly; a
    :class:`ModificationError` says what does not match) or a :class:`Modification` of
    ``game``. Without it, a modification is drawn deterministically from ``seed`` (``size``
    is the curse size ``t`` for ``uniform-curse`` and ``dominated-action``, default 1000);
    ``credible-threat`` then checks ``game`` itself.

    Parameters
    ----------
    axiom : str
        An axiom's name or code (:data:`AXIOMS`).
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game.
    after : Game or Modification, optional
        The modified game, or the modification.
    player : int or str, optional
        The player the modification concerns.
    seed : int
        Seed of a drawn modification.
    size : rational, optional
        The curse size of a drawn curse.
    select : str, optional
        The selection rule of a rule named without one.

    Returns
    -------
    Verdict
        Whether the axiom holds, with the complete witness when it does not.

    Raises
    ------
    ModificationError
        When ``after`` is not a modification of ``game`` that fits the axiom.
    GameError
        For an unknown axiom or rule.
    GameTypeError
        When ``after`` is neither a game nor a modification.
    """
    game = require_game(game, "check()")
    return lookup(axiom)(rule, game, after, player=player, seed=seed, size=size, select=select)


def efficiency(rule: Any, game: Game) -> Verdict:
    """A1: ``sum_i phi_i(G) = W(G)``.

    Parameters
    ----------
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game.

    Returns
    -------
    Verdict
        Holds when the values add up to ``W``; its certificate names a profile attaining ``W``.

    Raises
    ------
    GameError
        For an unknown rule.
    GameTypeError
        When ``game`` is not a game.

    Examples
    --------
    >>> from exactbargain import Game
    >>> efficiency("coco", Game.bimatrix([[3, 0]], [[1, 0]])).holds
    True
    """
    return check("efficiency", rule, game)


def anonymity(rule: Any, game: Game, after: Game | Modification | None = None, *,
              order: Sequence[Any] | None = None) -> Verdict:
    """A2: reorder the players (``order``: new player k is old ``order[k]``; default reversed).

    Parameters
    ----------
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game.
    after : Game or Modification, optional
        The game with its players reordered, or the ``permute-players`` modification.
    order : sequence of players, optional
        The new order of the players, when ``after`` is not given.

    Returns
    -------
    Verdict
        Holds when every player keeps its value; ``difference_k = phi_k(after) - phi_{order[k]}(G)``.

    Raises
    ------
    ModificationError
        When ``after`` is not ``game`` with its players reordered, or ``order`` is not a
        permutation of the players.
    GameError
        For an unknown rule or player.
    """
    if after is None and order is not None:
        after = mods.permute_players(game, order)
    return check("anonymity", rule, game, after)


def relabelling(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                order: Sequence[Any] | None = None, labels: Sequence[str] | None = None, seed: int = 0) -> Verdict:
    """A3: rename and reorder ``player``'s actions; phi must not change.

    Parameters
    ----------
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game.
    after : Game or Modification, optional
        The relabelled game, or the ``relabel-actions`` modification.
    player : int or str, optional
        Whose actions are relabelled (default player 1 with ``order``/``labels``, else drawn).
    order : sequence of actions, optional
        The new order of the player's actions.
    labels : sequence of str, optional
        The new labels of the player's actions.
    seed : int
        Seed of a drawn relabelling (used without ``after``, ``order`` and ``labels``).

    Returns
    -------
    Verdict
        Holds when the values are unchanged.

    Raises
    ------
    ModificationError
        When ``after`` is not a relabelling of ``game``'s actions, or ``order``/``labels`` do
        not relabel them.
    GameError
        For an unknown rule or player.
    """
    if after is None and (order is not None or labels is not None):
        after = mods.relabel_actions(game, 0 if player is None else player, order=order, labels=labels)
    return check("relabelling", rule, game, after, player=player, seed=seed)


def shift(rule: Any, game: Game, after: Game | Modification | None = None, *, constants: Sequence[Any] | None = None,
          seed: int = 0) -> Verdict:
    """A4: ``phi(G + c) = phi(G) + c``.

    Parameters
    ----------
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game.
    after : Game or Modification, optional
        The shifted game, or the ``shift`` modification.
    constants : sequence of rationals, optional
        ``c``, one constant per player (drawn from ``seed`` when neither this nor ``after``
        is given).
    seed : int
        Seed of drawn constants.

    Returns
    -------
    Verdict
        Holds when ``difference = phi(G + c) - phi(G) - c`` is zero.

    Raises
    ------
    ModificationError
        When ``after`` is not ``game`` plus a constant per player, or ``constants`` are not
        one rational per player.
    GameError
        For an unknown rule.
    """
    if after is None and constants is not None:
        after = mods.shift_payoffs(game, constants)
    return check("shift", rule, game, after, seed=seed)


def opponent_shift(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                   h: Sequence[Any] | Callable | None = None, seed: int = 0) -> Verdict:
    """A4': add ``h(a_-i)`` to ``u_i``; every other player's value should be unchanged.

    Parameters
    ----------
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game.
    after : Game or Modification, optional
        The game after, or the ``opponent-shift`` modification.
    player : int or str, optional
        ``i``, whose payoff is shifted (default player 1 with ``h``, else drawn).
    h : sequence of rationals or callable, optional
        One value per opponents' profile, or a function of it.
    seed : int
        Seed of a drawn shift.

    Returns
    -------
    Verdict
        Holds when ``phi_j`` is unchanged for every ``j != i``.

    Raises
    ------
    ModificationError
        When ``after`` is not such a shift of ``game``, or ``h`` does not give one value per
        opponents' profile.
    GameError
        For an unknown rule or player.
    """
    if after is None and h is not None:
        after = mods.shift_payoffs_by_opponents(game, 0 if player is None else player, h)
    return check("opponent-shift", rule, game, after, player=player, seed=seed)


def dominance(rule: Any, game: Game, *, player: Any = None) -> Verdict:
    """A5: if ``u_i >= u_j`` at every profile then ``phi_i >= phi_j``.

    Every such pair is checked; the verdict is vacuous when no pair qualifies.

    Parameters
    ----------
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game.
    player : int or str, optional
        Restricts ``i`` to this player.

    Returns
    -------
    Verdict
        Holds when no dominating player gets less than the player it dominates.

    Raises
    ------
    GameError
        For an unknown rule or player.
    """
    return check("dominance", rule, game, player=player)


def monotonicity(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                 payoffs: Sequence[Sequence[Any]] | Callable | None = None, seed: int = 0) -> Verdict:
    """A6: give ``player`` one more action; ``phi_player`` must not fall.

    Parameters
    ----------
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game.
    after : Game or Modification, optional
        The game with the added action, or the modification adding it.
    player : int or str, optional
        Who gains the action (default player 1 with ``payoffs``, else drawn).
    payoffs : sequence of payoff vectors or callable, optional
        The new action's payoff vector for each opponents' profile.
    seed : int
        Seed of a drawn action.

    Returns
    -------
    Verdict
        Holds when ``phi_player(after) >= phi_player(G)``.

    Raises
    ------
    ModificationError
        When ``after`` is not ``game`` with one action added, or ``payoffs`` are not one
        payoff vector per opponents' profile.
    GameError
        For an unknown rule or player.
    """
    if after is None and payoffs is not None:
        after = mods.add_action(game, 0 if player is None else player, payoffs)
    return check("monotonicity", rule, game, after, player=player, seed=seed)


def redundancy(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
               weights: Sequence[Any] | Mapping[Any, Any] | None = None, seed: int = 0) -> Verdict:
    """A7: add a mixture (``weights``) of ``player``'s actions; phi must not change.

    Parameters
    ----------
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game.
    after : Game or Modification, optional
        The game with the mixture added, or the ``mixture-action`` modification.
    player : int or str, optional
        Whose actions are mixed (default player 1 with ``weights``, else drawn).
    weights : sequence or mapping of rationals, optional
        The mixture's weights (one per action, or by action), summing to 1.
    seed : int
        Seed of a drawn mixture.

    Returns
    -------
    Verdict
        Holds when the values are unchanged.

    Raises
    ------
    ModificationError
        When ``after`` is not ``game`` with a mixture action added, or ``weights`` are not a
        distribution over the player's actions.
    GameError
        For an unknown rule or player.
    """
    if after is None and weights is not None:
        after = mods.mixture_action(game, 0 if player is None else player, weights)
    return check("redundancy", rule, game, after, player=player, seed=seed)


def uniform_curse(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                  size: Any = None, copy: Any = None, seed: int = 0) -> Verdict:
    """A8: add a uniform curse of ``size`` t copying ``copy``; invariance requires phi unchanged.

    CoCo gains between ``max(0, t/2 - gap)`` and ``t/2``, see :func:`coco_curse_bounds`.

    Parameters
    ----------
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game.
    after : Game or Modification, optional
        The game with the curse, or the ``uniform-curse`` modification.
    player : int or str, optional
        The curser (default player 1 with ``copy``, else drawn).
    size : rational, optional
        The curse size ``t`` (default 1000).
    copy : action, optional
        The action the curse copies (drawn when neither this nor ``after`` is given).
    seed : int
        Seed of a drawn curse.

    Returns
    -------
    Verdict
        Holds when the values are unchanged.

    Raises
    ------
    ModificationError
        When ``after`` is not ``game`` plus a uniform curse, or ``size``/``copy`` do not
        build one.
    GameError
        For an unknown rule or player.
    """
    if after is None and copy is not None:
        after = mods.add_uniform_curse(game, 0 if player is None else player, 1000 if size is None else size, copy=copy)
    return check("uniform-curse", rule, game, after, player=player, seed=seed, size=size)


def dominated_action(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                     payoffs: Sequence[Sequence[Any]] | None = None, seed: int = 0, size: Any = None) -> Verdict:
    """A9: add a strictly dominated action with no new total above ``W``; phi must not change.

    Parameters
    ----------
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game.
    after : Game or Modification, optional
        The game with the action, or the ``dominated-action`` modification.
    player : int or str, optional
        Who gains the action (default player 1 with ``payoffs``, else drawn).
    payoffs : sequence of payoff vectors, optional
        The action's payoff vector for each opponents' profile.
    seed : int
        Seed of a drawn action (a costly curse).
    size : rational, optional
        The curse size of a drawn action (default 1000).

    Returns
    -------
    Verdict
        Holds when the values are unchanged.

    Raises
    ------
    ModificationError
        When ``after`` is not such an action added to ``game``, or ``payoffs`` is not strictly
        dominated or adds a total above ``W``.
    GameError
        For an unknown rule or player.
    """
    if after is None and payoffs is not None:
        after = mods.add_dominated_action(game, 0 if player is None else player, payoffs)
    return check("dominated-action", rule, game, after, player=player, seed=seed, size=size)


def credible_threat(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                    cost: Any = None, response: Any = None) -> Verdict:
    """A10, credible threats are not filtered (two players): if ``G`` has a unique correlated
    equilibrium, the point mass on a pure profile ``a* = (a_1*, a_2*)``, and ``a*`` is a saddle
    point of the threat game ``Z = (u_1 - u_2)/2``,

        Z(a, a_2*) <= Z(a*) <= Z(a_1*, b)        for every a in A_1, b in A_2,

    (the threat is carried out willingly and is as damaging as any), then

        phi(G) = CoCo(G) = (W/2 + Z(a*), W/2 - Z(a*)).

    *Proof.* The saddle point gives ``val(Z) = Z(a*)``, so the right side is CoCo. Every
    fallback selection rule picks its disagreement point in the CE payoff set, which is the
    single point ``d = u(a*)``; the surplus split gives
    ``d_1 + (W - d_1 - d_2)/2 = W/2 + (d_1 - d_2)/2 = W/2 + Z(a*)`` for player 1 and
    ``W/2 - Z(a*)`` for player 2. So CoCo and every fallback rule satisfy A10; a rule that
    filters credible threats (an equal split of ``W``, or a surplus split over a disagreement
    point that ignores the threat) violates it.

    Without ``after`` the axiom is checked on ``game`` itself; when the precondition fails
    (one exact test, see :func:`~exactbargain.axioms.modifications.threat_precondition`) the
    verdict holds vacuously and its explanation says why. With ``after`` (a game or a
    ``credible-threat`` modification), or with ``player``/``cost``/``response`` (which add
    :func:`~exactbargain.axioms.modifications.add_credible_threat` for ``player``, default player
    1), the game after is checked. The precondition's LP result is kept in
    ``lp_certificates``.

    Parameters
    ----------
    rule : Rule, callable or str
        The rule (:func:`~exactbargain.axioms.as_rule`).
    game : Game
        The game (two players).
    after : Game or Modification, optional
        ``game`` plus a credible threat, or the ``credible-threat`` modification.
    player : int or str, optional
        The threatening player (default player 1 with ``cost`` or ``response``).
    cost : rational, optional
        ``c >= 0`` of :func:`~exactbargain.axioms.modifications.add_credible_threat` (default 0).
    response : int or str, optional
        ``b*``, the other player's reply (default: the first action).

    Returns
    -------
    Verdict
        Holds when ``phi = CoCo`` on the checked game, or vacuously (``vacuous``) when the
        precondition fails there.

    Raises
    ------
    ModificationError
        When ``after`` is not a credible threat added to ``game``, or the parameters do not
        build one.
    GameError
        For an unknown rule or player.

    Examples
    --------
    The instance of docs/theory.md §4 (A10): the trivial game plus a curse paying Row +1 and Column -1000.

    >>> from exactbargain import Game
    >>> trivial = Game.bimatrix([[0]], [[0]], actions=(("Wait",), ("Wait",)))
    >>> v = credible_threat("fallback:nash", trivial, player=0, cost=1001)
    >>> v.holds, v.values_before, v.values_after
    (True, (Fraction(0, 1), Fraction(0, 1)), (Fraction(1001, 2), Fraction(-1001, 2)))
    >>> v.lp_certificates[0].verify()
    True
    >>> split = credible_threat(lambda g: (g.W / 2, g.W / 2), v.after)
    >>> split.holds, split.values_before, split.difference
    (False, (Fraction(0, 1), Fraction(0, 1)), (Fraction(-1001, 2), Fraction(1001, 2)))
    >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], actions=(("D", "C"), ("D", "C")))
    >>> credible_threat("coco", chicken).vacuous
    True
    """
    if after is None and (player is not None or cost is not None or response is not None):
        after = mods.add_credible_threat(game, 0 if player is None else player, 0 if cost is None else cost, response)
    return check("credible-threat", rule, game, after, player=player)


def coco_curse_bounds(mod: Modification) -> tuple[Fraction, Fraction]:
    """docs/theory.md §4, A8, for two players: CoCo's gain from the uniform curse ``mod`` lies in
    ``[max(0, t/2 - gap_a), t/2]`` with ``gap_a = val(Z) - min_b Z(a, b)``, ``Z = (u_1 - u_2)/2``
    oriented towards the curser and ``a`` the copied action.

    Parameters
    ----------
    mod : Modification
        A two-player ``uniform-curse`` modification.

    Returns
    -------
    tuple of Fraction
        The lower and the upper bound of CoCo's gain for the curser.

    Raises
    ------
    ModificationError
        When ``mod`` is not a two-player uniform curse.

    Examples
    --------
    >>> from exactbargain import Game
    >>> from exactbargain.axioms.modifications import add_uniform_curse
    >>> coco_curse_bounds(add_uniform_curse(Game.bimatrix([[0]], [[0]]), 0, 10))
    (Fraction(5, 1), Fraction(5, 1))
    """
    from ..equilibria.minimax import minimax

    if mod.kind != "uniform-curse" or mod.before.num_players != 2:
        raise ModificationError("coco_curse_bounds needs a two-player uniform curse")
    g = mod.before if mod.player == 0 else mod.before.permute_players([1, 0])
    a = mod.before.action_index(mod.player, mod.params["copy"])
    Z = [[(x - y) / 2 for x, y in zip(r1, r2)] for r1, r2 in zip(g.matrix(0), g.matrix(1))]
    gap = minimax(Z).value - min(Z[a])
    t = mod.params["size"]
    return max(Fraction(0), t / 2 - gap), t / 2
