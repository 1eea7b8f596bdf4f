"""The finite modification families of the axioms a sweep checks game by game, and what
counts as a violation of each.

For a game ``G`` of a class with payoffs in ``lo..hi`` (``V`` those values), the family is:

* ``redundancy``: for every player, a duplicate of every action and the half-half mixture of
  every pair of actions;
* ``uniform-curse``: for every player ``i`` and action ``a``, a copy of ``a`` lowering every
  other player's payoff by ``t``, for every size ``t`` in ``{|v| : v in V, v != 0}``;
* ``dominated-action``: every extra action for any player with payoffs in ``V`` that is
  strictly dominated, for that player, by a mixture of the existing actions and has no new
  cell whose total exceeds ``W(G)`` (so every dominated curse within the range);
* ``credible-threat`` (two players): for every player ``i``, every action ``b*`` of the other
  and every cost ``c`` in ``{|v| : v in V}``, the credible threat of
  :func:`~exactbargain.axioms.modifications.add_credible_threat`;
* ``shift``: every nonzero constant vector from ``V``;
* ``opponent-shift``: for every player, every nonzero ``h`` from ``V`` (one per opponents'
  profile).

These are the families :func:`exactbargain.search.modification_instances` enumerates (the
dominated actions are found here directly on payoff tuples, deciding strict domination by
mixtures exactly: a pure dominator or a column where the new action is best settles it, and
otherwise one exact zero-sum LP). A violation counts once, for the player the modification
concerns (for ``shift``: the first player whose value is off); it is what the axiom's check
(:func:`exactbargain.axioms.check`) reports as failing.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Any, Callable, Iterator, Sequence

from .classes import apply
from .flat import append_action, encode_game, exact, level, map_rule, to_game

__all__ = ["FAMILIES", "family", "violators", "strictly_dominated", "check_family"]

#: The axioms checked game by game over a finite family.
FAMILIES = ("redundancy", "uniform-curse", "dominated-action", "credible-threat", "shift", "opponent-shift")

#: One instance: (the player it concerns or None, payoffs after, shape after, what the check needs).
Instance = tuple[Any, tuple, tuple[int, ...], Any]


def strictly_dominated(rows: Sequence[Sequence[Any]], own: Sequence[Any]) -> bool:
    """Whether an action paying ``own[o]`` against each opponents' profile ``o`` is strictly
    dominated by a mixture of actions paying ``rows[k][o]``: some mixture ``sigma`` has
    ``sum_k sigma_k rows[k][o] > own[o]`` for every ``o``.

    Exact: a pure dominator decides yes, a profile where ``own`` is at least every row decides
    no, and otherwise the value of the zero-sum game ``rows[k][o] - own[o]`` (rows maximise)
    is positive exactly when some mixture dominates.

    Parameters
    ----------
    rows : sequence of sequences of rationals
        The existing actions' payoffs to the player.
    own : sequence of rationals
        The new action's payoffs to the player.

    Returns
    -------
    bool
        ``True`` iff strictly dominated.

    Raises
    ------
    SolverError
        If the exact LP fails (it always has an optimum).

    Examples
    --------
    >>> strictly_dominated([[2, 0], [0, 2]], [1, 1]), strictly_dominated([[3, 0], [0, 3]], [1, 1])
    (False, True)
    """
    D = [[r[o] - own[o] for o in range(len(own))] for r in rows]
    if any(all(x > 0 for x in d) for d in D):
        return True
    if any(all(d[o] <= 0 for d in D) for o in range(len(own))):
        return False
    from ..equilibria.minimax import minimax

    return minimax(D).value > 0


def _dominated(G: tuple, shape: tuple[int, ...], values: Sequence[int]) -> Iterator[Instance]:
    """Every strictly dominated extra action with payoffs in ``values`` and no new total above
    ``W(G)``, in the order of :func:`exactbargain.search.modification_instances`."""
    n = len(shape)
    total = math.prod(shape)
    W = max(sum(G[p * total + c] for p in range(n)) for c in range(total))
    strides = [math.prod(shape[q + 1:]) for q in range(n)]
    for i in range(n):
        opp = list(itertools.product(*(range(m) for q, m in enumerate(shape) if q != i)))
        rows = [[G[i * total + sum(s * x for s, x in zip(strides, o[:i] + (k,) + o[i:]))] for o in opp]
                for k in range(shape[i])]
        gshape = tuple(m + (q == i) for q, m in enumerate(shape))
        k = len(opp)
        for v in itertools.product(values, repeat=k * n):
            if max(sum(v[c * n:(c + 1) * n]) for c in range(k)) > W:
                continue
            if strictly_dominated(rows, [v[c * n + i] for c in range(k)]):
                yield i, append_action(G, shape, i, v), gshape, None


def family(axiom: str, G: tuple, shape: tuple[int, ...], values: Sequence[int]) -> Iterator[Instance]:
    """The instances of ``axiom``'s family on the game ``G`` (see the module docstring).

    Parameters
    ----------
    axiom : str
        One of :data:`FAMILIES`.
    G : tuple
        The game's payoffs (see :mod:`exactbargain.sweep.flat`).
    shape : tuple of int
        Its action counts.
    values : sequence of int
        The payoff values of the class.

    Yields
    ------
    tuple
        ``(player, payoffs after, shape after, data)``: ``player`` the one the modification
        concerns (``None`` for shift), ``data`` the constants of a shift or the CoCo value of
        the game after a credible threat.

    Raises
    ------
    ValueError
        If ``axiom`` has no family here.
    """
    if axiom not in FAMILIES:
        raise ValueError(f"no finite family for axiom {axiom!r}; the families are {', '.join(FAMILIES)}")
    if axiom == "dominated-action":
        yield from _dominated(G, shape, values)
        return
    from ..axioms.modifications import threat_precondition
    from ..search import modification_instances

    n = len(shape)
    for mod in modification_instances(axiom, to_game(G, shape), list(values), None):
        after = mod.after
        aflat = tuple(exact(x) for p in range(n) for x in after.payoff_entries(p))
        data: Any = None
        if axiom == "shift":
            data = tuple(mod.params["constants"])
        elif axiom == "credible-threat":
            data = threat_precondition(after).coco
        yield mod.player, aflat, tuple(after.shape), data


def violators(axiom: str, player: Any, data: Any, before: Sequence[Fraction], after: Sequence[Fraction]) -> list[int]:
    """The players for whom the instance violates ``axiom`` (the first one is counted):
    shift -- every ``p`` with ``phi_p(G + c) != phi_p(G) + c_p``; opponent-shift -- the
    modified player when another player's value changes; credible-threat -- the threatening
    player when ``phi(G') != CoCo(G')``; the others -- the modified player when ``phi``
    changes."""
    if axiom == "shift":
        return [p for p in range(len(before)) if after[p] - before[p] != data[p]]
    if axiom == "opponent-shift":
        return [player] if any(after[j] != before[j] for j in range(len(before)) if j != player) else []
    if axiom == "credible-threat":
        return [player] if tuple(after) != tuple(data) else []
    return [player] if tuple(after) != tuple(before) else []


def check_family(axiom: str, values: Callable[..., dict], result: Any, idx: int, G: tuple, shape: tuple[int, ...],
                 payoffs: Sequence[int], vb: dict, sums: dict, pis: Sequence, per_pi: int) -> int:
    """Check every instance of ``axiom``'s family on ``G`` (class index ``idx``) for every
    rule; add each violation, summed over the group, to ``sums`` (``sums[rule][player]``,
    ``per_pi`` for each of the player permutations ``pis``), a row to ``result.rows`` and
    witness candidates to ``result.witnesses``. ``values(flat, shape)`` gives every rule's
    value of a game and ``vb`` those of ``G``. Returns the family's size.

    The witness kept is the least by (largest absolute payoff after, sum of absolute payoffs
    after, index of the canonical game, position in the family).
    """
    total = 0
    for pos, (player, aflat, ashape, data) in enumerate(family(axiom, G, shape, payoffs)):
        total += 1
        va_all = values(aflat, ashape)
        for r, b in vb.items():
            va = va_all[r]
            bad = violators(axiom, player, data, b, va)
            if not bad:
                continue
            who = bad[0]
            key = level(aflat) + (idx, pos)
            for pi in pis:
                r2 = map_rule(r, pi)
                sums[r2][pi[who]] += per_pi
                best = result.witnesses.get(r2)
                if best is None or key < best[0]:
                    ident = tuple(tuple(range(m)) for m in shape)
                    image_after, image_shape = apply((pi, tuple(tuple(range(m)) for m in ashape)), aflat, ashape)
                    image_before, before_shape = apply((pi, ident), G, shape)
                    result.witnesses[r2] = (key, pi[who], encode_game(image_after, image_shape),
                                            encode_game(image_before, before_shape))
            result.rows.append({"rule": r, "axiom": axiom, "player": who + 1, "before": encode_game(G, shape),
                                "after": encode_game(aflat, ashape), "value_before": str(b[who]),
                                "value_after": str(va[who]), "count": 1})
    return total
