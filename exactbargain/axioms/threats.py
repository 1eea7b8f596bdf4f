"""Credible threats (A10 of docs/theory.md §4): the exact test of A10's precondition,
:func:`threat_precondition`, and the constructor :func:`add_credible_threat` that adds a
threat a player carries out willingly.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Sequence

from ..game import Game, require_game
from ..numbers import format_rational as _n, format_vector
from ._modification import Modification, ModificationError, _action, _fresh_label, _player, _q, _row

if TYPE_CHECKING:
    from ..equilibria.correlated import CEPoint

__all__ = ["ThreatPrecondition", "threat_precondition", "add_credible_threat"]


@dataclass(frozen=True, slots=True)
class ThreatPrecondition:
    """Whether a two-player game meets the precondition of A10 (docs/theory.md §4), and why.

    The precondition: the game has a *unique* correlated equilibrium, that equilibrium is the
    point mass on a pure profile ``a* = (a_1*, a_2*)``, and ``a*`` is a saddle point of the
    threat game ``Z = (u_1 - u_2)/2``:

        Z(a, a_2*) <= Z(a*) <= Z(a_1*, b)        for every a in A_1, b in A_2,

    so ``val(Z) = Z(a*)`` and ``CoCo(G) = (W/2 + Z(a*), W/2 - Z(a*))``.

    ``holds`` says whether it is met. Then ``profile`` is ``a*`` (action indices), ``value`` is
    ``Z(a*) = val(Z)``, ``coco`` the CoCo value, and ``minimum`` the
    :class:`~exactbargain.equilibria.correlated.CEPoint` of the one LP
    ``min { mu(a*) : mu a correlated equilibrium }``, whose optimal value 1 (with primal and
    dual certificates) proves uniqueness. When the precondition fails, ``facts`` says why
    (``minimum`` is kept when the LP was what refuted it). :meth:`verify` re-checks
    everything with plain fractions.
    """

    holds: bool
    profile: tuple[int, int] | None = None
    value: Fraction | None = None
    coco: tuple[Fraction, Fraction] | None = None
    minimum: "CEPoint | None" = None
    facts: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        """The facts as one sentence (why the precondition holds or fails)."""
        return "; ".join(self.facts)

    def verify(self, game: Game) -> bool:
        """Re-check the claim on ``game``: the saddle point cell by cell, and the LP minimum
        (value and certificates) with :meth:`CEPoint.verify`.

        Parameters
        ----------
        game : Game
            The game the claim is about.

        Returns
        -------
        bool
            ``True`` iff every fact re-checks.
        """
        if not self.holds:
            return self.minimum is None or (self.minimum.verify() and self.minimum.value < 1)
        if game.num_players != 2 or self.profile is None or self.minimum is None:
            return False
        Z = _threat_matrix(game)
        a, b = self.profile
        z = Z[a][b]
        saddle = all(Z[x][b] <= z for x in range(len(Z))) and all(z <= Z[a][y] for y in range(len(Z[0])))
        W = game.W
        return (saddle and z == self.value and self.coco == (W / 2 + z, W / 2 - z)
                and self.minimum.value == 1 and self.minimum.verify())


def _threat_matrix(game: Game) -> list[list[Fraction]]:
    """``Z = (u_1 - u_2)/2`` (rows: player 1's actions)."""
    return [[(x - y) / 2 for x, y in zip(r1, r2)] for r1, r2 in zip(game.matrix(0), game.matrix(1))]


def _profile_text(game: Game, profile: Sequence[int]) -> str:
    return "(" + ", ".join(game.actions[p][k] for p, k in enumerate(profile)) + ")"


def threat_precondition(game: Game) -> ThreatPrecondition:
    """Decide exactly whether ``game`` meets A10's precondition (see :class:`ThreatPrecondition`).

    The pure saddle points of ``Z = (u_1 - u_2)/2`` are found cell by cell with fractions. A
    correlated equilibrium that is a point mass is a pure Nash equilibrium, so the candidates
    are the saddle points that are pure Nash equilibria; two pure equilibria refute
    uniqueness at once. For the one remaining candidate ``a*`` a single exact LP,
    ``min mu(a*)`` over the CE polytope, decides: the CE is unique (and equals ``a*``) iff the
    minimum is 1. Results are cached per game.

    Parameters
    ----------
    game : Game
        The game.

    Returns
    -------
    ThreatPrecondition
        Whether the precondition holds, with the facts that prove it or refute it.

    Raises
    ------
    GameTypeError
        ``game`` is not a :class:`~exactbargain.game.Game`.

    Examples
    --------
    >>> from exactbargain import Game
    >>> credible = Game.bimatrix([[0], [1]], [[0], [-1000]], actions=(("Wait", "Curse"), ("Wait",)))
    >>> pre = threat_precondition(credible)
    >>> pre.holds, pre.profile, pre.value, pre.coco
    (True, (1, 0), Fraction(1001, 2), (Fraction(1001, 2), Fraction(-1001, 2)))
    >>> pre.minimum.value, pre.verify(credible)
    (Fraction(1, 1), True)
    >>> chicken = Game.bimatrix([[0, 7], [2, 6]], [[0, 2], [7, 6]], actions=(("D", "C"), ("D", "C")))
    >>> print(threat_precondition(chicken).reason)
    the correlated equilibrium is not unique: the pure profiles (D, C) and (C, D) are both Nash equilibria
    """
    require_game(game, "threat_precondition()")
    return _threat_precondition(game)


@functools.lru_cache(maxsize=512)
def _threat_precondition(game: Game) -> ThreatPrecondition:
    if game.num_players != 2:
        return ThreatPrecondition(False, facts=(f"A10 is stated for two-player games; this game has "
                                                f"{game.num_players} players",))
    A, B = game.matrix(0), game.matrix(1)
    m, k = game.shape
    Z = _threat_matrix(game)
    row_min = [min(row) for row in Z]
    col_max = [max(Z[a][b] for a in range(m)) for b in range(k)]
    saddles = [(a, b) for a in range(m) for b in range(k) if Z[a][b] == row_min[a] == col_max[b]]
    if not saddles:
        return ThreatPrecondition(False, facts=(
            f"Z = (u_1 - u_2)/2 has no pure saddle point: max_a min_b Z(a, b) = {_n(max(row_min))} < "
            f"{_n(min(col_max))} = min_b max_a Z(a, b)",))
    best1 = [max(A[a][b] for a in range(m)) for b in range(k)]
    best2 = [max(B[a][b] for b in range(k)) for a in range(m)]
    nash = [(a, b) for a in range(m) for b in range(k) if A[a][b] == best1[b] and B[a][b] == best2[a]]
    if len(nash) > 1:
        return ThreatPrecondition(False, facts=(
            f"the correlated equilibrium is not unique: the pure profiles {_profile_text(game, nash[0])} and "
            f"{_profile_text(game, nash[1])} are both Nash equilibria",))
    candidates = [s for s in saddles if s in nash]
    if not candidates:
        why = []
        for a, b in saddles:
            if A[a][b] < best1[b]:
                x = next(x for x in range(m) if A[x][b] == best1[b])
                why.append(f"at {_profile_text(game, (a, b))} player 1 gains {best1[b] - A[a][b]} by deviating to "
                           f"{game.actions[0][x]!r}")
            else:
                y = next(y for y in range(k) if B[a][y] == best2[a])
                why.append(f"at {_profile_text(game, (a, b))} player 2 gains {best2[a] - B[a][b]} by deviating to "
                           f"{game.actions[1][y]!r}")
        return ThreatPrecondition(False, facts=(
            "no saddle point of Z = (u_1 - u_2)/2 is a Nash equilibrium, so none is a correlated equilibrium: "
            + "; ".join(why),))
    from ..equilibria.correlated import CorrelatedEquilibria

    a, b = star = candidates[0]
    point = CorrelatedEquilibria(game).optimize({star: 1}, sense="min")
    ok = point.verify()
    low = point.value
    name = _profile_text(game, star)
    lp = (f"exact LP min mu(a*) over the CE polytope = {_n(low)}; the witness and the LP's primal and dual "
          f"certificates verify: {ok}")
    if low != 1 or not ok:
        support = ", ".join(f"{'/'.join(p)}: {_n(q)}" for p, q in point.support().items())
        return ThreatPrecondition(False, (a, b), minimum=point, facts=(
            f"the correlated equilibrium is not unique: the CE {{{support}}} puts only {_n(low)} on a* = {name} ({lp})",))
    z = Z[a][b]
    W = game.W
    coco = (W / 2 + z, W / 2 - z)
    facts = (
        f"a* = {name} is a saddle point of Z = (u_1 - u_2)/2: Z(a, {game.actions[1][b]}) <= Z(a*) = {_n(z)} <= "
        f"Z({game.actions[0][a]}, b) for every a, b (checked cell by cell), so val(Z) = {_n(z)}",
        f"the point mass on a* is the unique correlated equilibrium: {lp}",
        f"so CoCo = (W/2 + val(Z), W/2 - val(Z)) = {format_vector(coco)} with W = {_n(W)}",
    )
    return ThreatPrecondition(True, (a, b), z, coco, point, facts)


def add_credible_threat(game: Game, player: Any, cost: Any = 0, response: Any = None,
                    label: str | None = None) -> Modification:
    """A10: add for ``player`` (``i``; the other player is ``j``) an action ``K`` that makes the
    game meet A10's precondition with ``a* = (K, b*)``: a threat ``i`` carries out willingly.

    With ``D = u_i - u_j`` (so ``Z = D/2`` for ``i = 1`` and ``Z = -D/2`` for ``i = 2``), ``b``
    ranging over ``j``'s actions and ``a`` over ``i``'s old actions, ``b* = response``
    (default ``j``'s first action) and ``c = cost >= 0``:

        u_i(K, b)  = max_a u_i(a, b) + 1                          for every b,
        u_j(K, b*) = u_i(K, b*) - max_a D(a, b*) - c,             so D(K, b*) = max_a D(a, b*) + c,
        u_j(K, b)  = min(u_j(K, b*) - 1, u_i(K, b) - D(K, b*))    for b != b*.

    ``K`` strictly dominates every other action of ``i`` (by 1), so no CE uses them; against
    ``K``, ``b*`` is ``j``'s strict best reply, so ``(K, b*)`` is the unique CE. ``D(K, b*)`` is
    the largest ``D`` in column ``b*`` (``c`` above the old actions' largest) and the
    smallest in row ``K``, so ``(K, b*)`` is a saddle point of ``Z``, oriented for either
    player. The precondition is then established exactly on the new game (one CE LP, see
    :func:`threat_precondition`), and its facts form the certificate. Raises
    :class:`ModificationError` for games that do not have two players.

    Parameters
    ----------
    game : Game
        A two-player game.
    player : int or str
        Who threatens (``i``).
    cost : exact number
        ``c >= 0``, how far ``D(K, b*)`` lies above the old actions' largest ``D`` in column
        ``b*``.
    response : int or str, optional
        ``b*``, the other player's reply (default: the first action).
    label : str, optional
        The new action's label (default: ``K``, made unique).

    Returns
    -------
    Modification
        Of kind ``credible-threat``; ``params`` holds the label, ``response``, ``cost`` and
        the payoff vectors, the certificate the precondition's facts.

    Raises
    ------
    ModificationError
        Not two players, a negative or inexact cost, an unknown player or action.

    Examples
    --------
    >>> from exactbargain import Game
    >>> trivial = Game.bimatrix([[0]], [[0]], actions=(("Wait",), ("Wait",)))
    >>> m = add_credible_threat(trivial, 0, cost=1001)
    >>> print(m.after)
    1 \\ 2   Wait
    Wait    0, 0
    K       1, -1000
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], actions=(("C", "D"), ("C", "D")))
    >>> m = add_credible_threat(pd, 1, cost=2, response="D")
    >>> print(m.after)
    1 \\ 2   C      D      K
    C       3, 3   0, 5   -1, 6
    D       5, 0   1, 1   0, 2
    >>> m.params["response"], m.params["cost"], threat_precondition(m.after).coco
    ('D', Fraction(2, 1), (Fraction(2, 1), Fraction(4, 1)))
    """
    i = _player(game, player)
    if game.num_players != 2:
        raise ModificationError(f"a credible threat (A10) needs a two-player game; this game has "
                                f"{game.num_players} players")
    j = 1 - i
    c = _q(cost)
    if c < 0:
        raise ModificationError(f"the extra damage (cost) of a credible threat must be >= 0, got {_n(c)}")
    star = 0 if response is None else _action(game, j, response)
    vectors = _threat_vectors(game, i, star, c)
    label = label or _fresh_label(game, i, "K")
    after = game.add_action(i, vectors, label=label)
    return _check_credible(game, after, i, label)


def _threat_vectors(game: Game, i: int, star: int, c: Fraction) -> list[tuple[Fraction, Fraction]]:
    """The payoff vectors of :func:`add_credible_threat`'s action ``K`` for player ``i``
    against each action of the other player, ``b* = star`` and cost ``c``."""
    j = 1 - i
    rows = [_row(game, i, a) for a in range(len(game.actions[i]))]
    opp = range(len(game.actions[j]))
    own = [max(r[b][i] for r in rows) + 1 for b in opp]
    top = max(r[star][i] - r[star][j] for r in rows) + c
    other = {star: own[star] - top}
    for b in opp:
        if b != star:
            other[b] = min(other[star] - 1, own[b] - top)
    return [(own[b], other[b]) if i == 0 else (other[b], own[b]) for b in opp]


def _check_credible(before: Game, after: Game, i: int, label: str) -> Modification:
    k = after.action_index(i, label)
    pre = threat_precondition(after)
    if not pre.holds:
        raise ModificationError(f"the game after does not meet A10's precondition: {pre.reason}")
    assert pre.profile is not None
    if pre.profile[i] != k:
        raise ModificationError(f"the unique correlated equilibrium {_profile_text(after, pre.profile)} does not use "
                                f"player {i + 1}'s added action {label!r}, so it is no threat carried out")
    j = 1 - i
    b = pre.profile[j]
    vectors = _row(after, i, k)
    old = max(v[b][i] - v[b][j] for v in (_row(before, i, a) for a in range(len(before.actions[i]))))
    cost = vectors[b][i] - vectors[b][j] - old
    facts = (f"every payoff of the old game is unchanged; player {i + 1} gains action {label!r}",) + pre.facts
    return Modification("credible-threat", before, after, i,
                        {"action": label, "response": before.actions[j][b], "cost": cost, "payoffs": tuple(vectors)},
                        facts)

