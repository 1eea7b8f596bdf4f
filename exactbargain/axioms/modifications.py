"""The game modifications the axioms of docs/theory.md §4 talk about.

Every constructor returns a :class:`Modification`: the game before, the game after, the
player the modification is about (0-based; ``None`` when it concerns no single player),
the parameters, and a *certificate* — the exact facts that make the modification what it
claims to be (for instance the mixture that a redundant action equals, or the mixture that
strictly dominates an added action, with its margin).

The ``recognise_*`` functions go the other way: given two games they establish, by exact
computation from the games alone, that ``after`` is a modification of ``before`` of the
named kind, and return the same kind of :class:`Modification` (or raise
:class:`ModificationError` saying what does not match). They are what
``exactbargain verify`` uses.

>>> from exactbargain import Game
>>> trivial = Game.bimatrix([[0]], [[0]], actions=(("Wait",), ("Wait",)))
>>> m = add_uniform_curse(trivial, 0, 1000)
>>> print(m.after)
1 \\ 2   Wait
Wait    0, 0
K       0, -1000
>>> recognise_uniform_curse(trivial, m.after).params["size"]
Fraction(1000, 1)
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from ..errors import ExactBargainError
from ..game import Game, require_game
from ..numbers import format_rational as _n, format_vector, to_fraction

if TYPE_CHECKING:
    from ..equilibria.correlated import CEPoint

__all__ = [
    "Modification",
    "ModificationError",
    "Params",
    "KINDS",
    "add_action",
    "duplicate_action",
    "mixture_action",
    "add_uniform_curse",
    "add_dominated_action",
    "add_dominated_curse",
    "add_credible_threat",
    "shift_payoffs",
    "shift_payoffs_by_opponents",
    "permute_players",
    "relabel_actions",
    "recognise_added_action",
    "recognise_mixture",
    "recognise_uniform_curse",
    "recognise_dominated_action",
    "recognise_credible_threat",
    "recognise_shift",
    "recognise_opponent_shift",
    "recognise_permutation",
    "recognise_relabelling",
    "strict_domination",
    "opponent_profiles",
    "ThreatPrecondition",
    "threat_precondition",
]

#: The kinds of modification, as stored in :attr:`Modification.kind`.
KINDS = (
    "add-action",
    "mixture-action",
    "uniform-curse",
    "dominated-action",
    "credible-threat",
    "shift",
    "opponent-shift",
    "permute-players",
    "relabel-actions",
)


class ModificationError(ExactBargainError):
    """A modification cannot be built, or two games are not related as claimed."""


def _q(x: Any) -> Fraction:
    try:
        return to_fraction(x)
    except ExactBargainError as exc:
        raise ModificationError(str(exc)) from None


def _vec(v: Sequence[Fraction]) -> str:
    return format_vector(v)


class Params(Mapping):
    """The parameters of a :class:`Modification`: a read-only, hashable mapping (lists given
    as values are kept as tuples), so a modification is a value like the games it relates.

    >>> p = Params({"size": Fraction(3), "victims": [2]})
    >>> p["victims"], p == {"size": 3, "victims": (2,)}
    ((2,), True)
    """

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any] | Sequence[tuple[str, Any]] = ()) -> None:
        self._items = {key: _frozen(value) for key, value in dict(items).items()}

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __reduce__(self) -> tuple:
        return (Params, (tuple(self._items.items()),))

    def __repr__(self) -> str:  # shown as the mapping it is
        return repr(self._items)


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return Params(value)
    return value


@dataclass(frozen=True, slots=True)
class Modification:
    """``after`` is ``before`` modified as ``kind`` says, for ``player`` (0-based or ``None``).

    ``params`` holds the exact parameters (Fractions, indices, labels) as read-only
    :class:`Params`; ``certificate`` is a list of human-readable facts that were checked
    exactly when the object was built.
    """

    kind: str
    before: Game
    after: Game
    player: int | None
    params: Mapping[str, Any] = field(default_factory=Params)
    certificate: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.params, Params):
            object.__setattr__(self, "params", Params(self.params))
        if not isinstance(self.certificate, tuple):
            object.__setattr__(self, "certificate", tuple(self.certificate))

    def describe(self) -> str:
        """One line: what was done, to whom."""
        who = "" if self.player is None else f" for player {self.player + 1} ({self.before.players[self.player]})"
        shown = ", ".join(f"{k}={_show(v)}" for k, v in self.params.items())
        return f"{self.kind}{who}" + (f" [{shown}]" if shown else "")

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "player": None if self.player is None else self.player + 1,
            "params": {k: _jsonable(v) for k, v in self.params.items()},
            "certificate": list(self.certificate),
        }

    def __str__(self) -> str:
        return self.describe()


def _show(v: Any) -> str:
    if isinstance(v, (list, tuple)):
        return "(" + ", ".join(_show(x) for x in v) + ")"
    return _n(v) if isinstance(v, Fraction) else str(v)


def _jsonable(v: Any) -> Any:
    if isinstance(v, Fraction):
        return _n(v)
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, Mapping):
        return {str(k): _jsonable(x) for k, x in v.items()}
    return v


# ---------------------------------------------------------------------- helpers
def opponent_profiles(game: Game, player: int) -> list[tuple[int, ...]]:
    """The profiles of everybody but ``player`` (index tuples, C order)."""
    return list(itertools.product(*(range(m) for j, m in enumerate(game.shape) if j != player)))


def _full(player: int, action: int, others: Sequence[int]) -> tuple[int, ...]:
    return tuple(others[:player]) + (action,) + tuple(others[player:])


def _row(game: Game, player: int, action: int) -> list[tuple[Fraction, ...]]:
    """The payoff vectors of ``player``'s ``action`` against every opponents' profile."""
    return [game.payoff(_full(player, action, o)) for o in opponent_profiles(game, player)]


def _fresh_label(game: Game, player: int, stem: str) -> str:
    labels = set(game.actions[player])
    if stem not in labels:
        return stem
    k = 2
    while f"{stem}{k}" in labels:
        k += 1
    return f"{stem}{k}"


def _player(game: Game, player: Any) -> int:
    try:
        return game.player_index(player)
    except ExactBargainError as exc:
        raise ModificationError(str(exc)) from None


def _action(game: Game, player: int, action: Any) -> int:
    try:
        return game.action_index(player, action)
    except ExactBargainError as exc:
        raise ModificationError(str(exc)) from None


# ---------------------------------------------------------------------- constructors
def add_action(game: Game, player: Any, payoffs: Sequence[Sequence[Any]] | Callable, label: str | None = None) -> Modification:
    """Give ``player`` one more action (placed last); every old payoff is unchanged.

    ``payoffs`` is one payoff vector per profile of the other players (C order), or a
    callable receiving the new full profile as a tuple of labels (see :meth:`Game.add_action`).
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
    """Add an exact copy of ``player``'s ``action`` (the pure case of :func:`mixture_action`)."""
    i = _player(game, player)
    k = _action(game, i, action)
    weights = [Fraction(int(j == k)) for j in range(len(game.actions[i]))]
    return mixture_action(game, i, weights, label=label)


def add_uniform_curse(game: Game, player: Any, size: Any, copy: Any = 0, label: str | None = None,
                  victims: Sequence[Any] | None = None) -> Modification:
    """A8: add for ``player`` an action ``K`` that copies ``copy`` for ``player`` and lowers
    every victim's payoff (default: every other player) by ``size`` ``t >= 0`` in every
    opponents' profile."""
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
    every other player's by ``size >= 0`` (the "costly curse")."""
    i = _player(game, player)
    a = _action(game, i, copy)
    t, c = _q(size), _q(cost)
    if c <= 0 or t < 0:
        raise ModificationError(f"a costly curse needs cost > 0 and size >= 0, got cost {_n(c)}, size {_n(t)}")
    vectors = [tuple(x - c if p == i else x - t for p, x in enumerate(v)) for v in _row(game, i, a)]
    return add_dominated_action(game, i, vectors, label=label)


# ---------------------------------------------------------------------- credible threats (A10)
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
        (value and certificates) with :meth:`CEPoint.verify`."""
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
    rows = [_row(game, i, a) for a in range(len(game.actions[i]))]
    opp = range(len(game.actions[j]))
    own = [max(r[b][i] for r in rows) + 1 for b in opp]
    top = max(r[star][i] - r[star][j] for r in rows) + c
    other = {star: own[star] - top}
    for b in opp:
        if b != star:
            other[b] = min(other[star] - 1, own[b] - top)
    vectors = [(own[b], other[b]) if i == 0 else (other[b], own[b]) for b in opp]
    label = label or _fresh_label(game, i, "K")
    after = game.add_action(i, vectors, label=label)
    return _check_credible(game, after, i, label)


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


def shift_payoffs(game: Game, constants: Sequence[Any]) -> Modification:
    """A4: add ``c_i`` to every payoff of player ``i``."""
    c = tuple(_q(x) for x in constants)
    if len(c) != game.num_players:
        raise ModificationError(f"a shift needs one constant per player ({game.num_players}), got {len(c)}")
    return Modification("shift", game, game.shift(c), None, {"constants": c},
                        (f"every payoff of player i is raised by c_i, c = {_vec(c)}",))


def shift_payoffs_by_opponents(game: Game, player: Any, h: Sequence[Any] | Callable[[tuple[int, ...]], Any]) -> Modification:
    """A4': add ``h(a_{-i})`` to ``u_i`` (``h`` one value per opponents' profile, C order, or a
    callable on the opponents' index tuple). Nobody's incentives change."""
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
    """A2: new player ``k`` is old player ``order[k]``."""
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
    ``x1, x2, ...``)."""
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


# ---------------------------------------------------------------------- recognisers
def recognise_added_action(before: Game, after: Game, player: Any = None) -> Modification:
    """Establish that ``after`` is ``before`` plus one action for one player (placed
    anywhere), every old payoff unchanged. Returns an ``add-action`` modification."""
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
    mixture by an exact LP."""
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
    copied actions the first is reported."""
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
    mixture of existing actions (exact LP, certified) and no new total exceeds ``W(G)``."""
    base = recognise_added_action(before, after, player)
    return _check_dominated(before, base.after, base.player, base.params["action"])


def recognise_credible_threat(before: Game, after: Game, player: Any = None) -> Modification:
    """Establish A10's precondition for an added action: ``after`` is ``before`` plus one action
    ``K`` for one player, and ``after`` has a unique correlated equilibrium, a pure profile that
    uses ``K`` and is a saddle point of ``Z = (u_1 - u_2)/2`` (see :func:`threat_precondition`).
    ``cost`` is reported as ``D(K, b*) - max_a D(a, b*) >= 0`` with ``D = u_i - u_j``."""
    base = recognise_added_action(before, after, player)
    if before.num_players != 2:
        raise ModificationError(f"a credible threat (A10) needs a two-player game; this game has "
                                f"{before.num_players} players")
    return _check_credible(before, base.after, base.player, base.params["action"])


def recognise_shift(before: Game, after: Game) -> Modification:
    """Establish that ``after`` is ``before`` with a constant added to each player's payoffs."""
    _same_layout(before, after)
    first = next(before.profiles())
    c = tuple(a - b for a, b in zip(after.payoff(first), before.payoff(first)))
    for prof in before.profiles():
        if tuple(a - b for a, b in zip(after.payoff(prof), before.payoff(prof))) != c:
            raise ModificationError(f"the payoff change at {prof} is not the constant {_vec(c)}")
    return shift_payoffs(before, c)


def recognise_opponent_shift(before: Game, after: Game, player: Any = None) -> Modification:
    """Establish that only one player's payoffs changed, by an amount that depends on the
    opponents' actions only."""
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
    """Establish that ``after`` lists ``before``'s players (by name) in another order."""
    if sorted(before.players) != sorted(after.players):
        raise ModificationError(f"the games have different players: {before.players} and {after.players}")
    order = [before.players.index(p) for p in after.players]
    m = permute_players(before, order)
    if m.after != after:
        raise ModificationError("after is not before with its players reordered (payoffs or actions differ)")
    return m


def recognise_relabelling(before: Game, after: Game, player: Any = None) -> Modification:
    """Establish that ``after`` is ``before`` with one player's actions renamed and reordered
    (the matching is found from the payoffs; with duplicate actions, any consistent one)."""
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


#: The former names of the constructors, which read like the axiom checks of
#: :mod:`exactbargain.axioms` that share them; they still work, with a ``DeprecationWarning``.
_FORMER_NAMES = {
    "uniform_curse": "add_uniform_curse",
    "dominated_action": "add_dominated_action",
    "dominated_curse": "add_dominated_curse",
    "credible_threat": "add_credible_threat",
    "shift": "shift_payoffs",
    "opponent_shift": "shift_payoffs_by_opponents",
}


def __getattr__(name: str) -> Any:
    new = _FORMER_NAMES.get(name)
    if new is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import warnings

    warnings.warn(f"exactbargain.axioms.modifications.{name} is deprecated; use {new} (the axiom check "
                  f"exactbargain.axioms.{name} keeps its name)", DeprecationWarning, stacklevel=2)
    return globals()[new]
