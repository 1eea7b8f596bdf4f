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

import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from ..errors import GameError, GameTypeError
from ..game import Game, require_game
from ..numbers import to_fraction
from . import modifications as mods
from .modifications import Modification, ModificationError
from .rules import RULE_NAMES, SELECTIONS, Rule, as_rule  # noqa: F401  (RULE_NAMES, SELECTIONS: importable here as before)
from .verdict import Verdict, _t, _v

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
@dataclass(frozen=True)
class Axiom:
    """One axiom: its name, code (docs/theory.md §4), and how to check, recognise and draw its
    modifications (the counterexample search enumerates them, :mod:`exactbargain.search`)."""

    name: str
    code: str
    title: str
    evaluate: Callable[..., Verdict]
    recognise: Callable[[Game, Game, int | None], Modification] | None = None
    draw: Callable[[Game, random.Random, int | None, Mapping[str, Any]], Modification | None] | None = None
    about_player: bool = True

    @property
    def needs_after(self) -> bool:
        return self.recognise is not None

    def __call__(self, rule: Any, game: Game, after: Game | Modification | None = None, **kw: Any) -> Verdict:
        return check(self.name, rule, game, after, **kw)


def _certs(rule: Rule, games: Sequence[Game], holds: bool, extra: Sequence[str] = ()) -> tuple[str, ...]:
    out = list(extra)
    if not holds:
        for g, label in zip(games, ("the game before", "the game after")):
            line = rule.certify(g, label)
            if line:
                out.append(line)
    return tuple(out)


def _verdict(axiom: str, rule: Rule, holds: bool, claim: str, mod: Modification | None, before: Game,
             vb: tuple[Fraction, ...], after: Game | None, va: tuple[Fraction, ...] | None,
             diff: Sequence[Fraction], player: int | None, explanation: str, vacuous: bool = False,
             certs: Sequence[str] = (), lp: Sequence[Any] = ()) -> Verdict:
    games = [before] + ([after] if after is not None else [])
    extra = list(certs) + (list(mod.certificate) if mod is not None else [])
    return Verdict(holds, axiom, AXIOMS[axiom].code, rule.name, claim, before, vb, after, va, tuple(diff), player,
                   mod, _certs(rule, games, holds, extra), explanation, vacuous, tuple(lp))


def _diff(a: Sequence[Fraction], b: Sequence[Fraction]) -> tuple[Fraction, ...]:
    return tuple(x - y for x, y in zip(a, b))


def _eval_efficiency(rule: Rule, game: Game, mod: None, player: int | None) -> Verdict:
    v = rule(game)
    W = game.W
    gap = sum(v, Fraction(0)) - W
    prof = game.max_total_profiles()[0]
    cert = (f"W(G) = {_t(W)}, attained at profile {tuple(game.actions[i][k] for i, k in enumerate(prof))} "
            f"with payoffs {_v(game.payoff(prof))}; no cell has a larger total (all {game.num_profiles} checked)")
    return _verdict("efficiency", rule, gap == 0, "sum_i phi_i(G) = W(G)", None, game, v, None, None, (gap,), None,
                    f"sum of values {_t(sum(v, Fraction(0)))}, W = {_t(W)}, difference {_t(gap)}", certs=(cert,))


def _eval_same(axiom: str, claim: str) -> Callable[..., Verdict]:
    """Axioms whose requirement is 'phi unchanged'."""

    def run(rule: Rule, game: Game, mod: Modification, player: int | None) -> Verdict:
        vb, va = rule(game), rule(mod.after)
        d = _diff(va, vb)
        holds = all(x == 0 for x in d)
        expl = "values unchanged" if holds else f"values changed by {_v(d)}"
        return _verdict(axiom, rule, holds, claim, mod, game, vb, mod.after, va, d, mod.player, expl)

    return run


def _eval_anonymity(rule: Rule, game: Game, mod: Modification, player: int | None) -> Verdict:
    order = [p - 1 for p in mod.params["order"]]
    vb, va = rule(game), rule(mod.after)
    d = tuple(va[k] - vb[order[k]] for k in range(len(order)))
    holds = all(x == 0 for x in d)
    claim = "phi_k(pi G) = phi_{order[k]}(G): each player keeps its value when the players are reordered"
    expl = (f"after lists players in the order {tuple(p + 1 for p in order)} of before; difference_k = "
            f"phi_k(after) - phi_{{order[k]}}(before)")
    return _verdict("anonymity", rule, holds, claim, mod, game, vb, mod.after, va, d, None, expl)


def _eval_shift(rule: Rule, game: Game, mod: Modification, player: int | None) -> Verdict:
    c = mod.params["constants"]
    vb, va = rule(game), rule(mod.after)
    d = tuple(a - b - k for a, b, k in zip(va, vb, c))
    holds = all(x == 0 for x in d)
    return _verdict("shift", rule, holds, f"phi(G + c) = phi(G) + c with c = {_v(c)}", mod, game, vb, mod.after, va, d,
                    None, "difference = phi(G + c) - phi(G) - c")


def _eval_opponent_shift(rule: Rule, game: Game, mod: Modification, player: int | None) -> Verdict:
    i = mod.player
    vb, va = rule(game), rule(mod.after)
    d = _diff(va, vb)
    holds = all(x == 0 for j, x in enumerate(d) if j != i)
    claim = (f"adding h(a_-{i + 1}) to u_{i + 1} changes nobody's incentives, so phi_j is unchanged for j != {i + 1} "
             f"(the change of W, {_t(mod.after.W - game.W)}, goes to player {i + 1})")
    return _verdict("opponent-shift", rule, holds, claim, mod, game, vb, mod.after, va, d, i,
                    "difference = phi(after) - phi(before)")


def _dominance_pairs(game: Game) -> list[tuple[int, int]]:
    n = game.num_players
    pairs = []
    for i in range(n):
        for j in range(n):
            if i != j and all(game.payoff_fmpq(p)[i] >= game.payoff_fmpq(p)[j] for p in game.profiles()):
                pairs.append((i, j))
    return pairs


def _eval_dominance(rule: Rule, game: Game, mod: None, player: int | None) -> Verdict:
    pairs = _dominance_pairs(game)
    if player is not None:
        pairs = [p for p in pairs if p[0] == player]
    v = rule(game)
    if not pairs:
        who = "" if player is None else f" with i = {player + 1}"
        return Verdict(True, "dominance", "A5", rule.name, f"u_i >= u_j at every profile implies phi_i >= phi_j{who}",
                       game, v, explanation="no pair of players satisfies the precondition", vacuous=True)
    bad = [(i, j) for i, j in pairs if v[i] < v[j]]
    i, j = bad[0] if bad else pairs[0]
    holds = not bad
    claim = f"u_{i + 1}(a) >= u_{j + 1}(a) at every profile a, hence phi_{i + 1} >= phi_{j + 1}"
    cert = (f"u_{i + 1} - u_{j + 1} >= 0 at all {game.num_profiles} profiles (checked cell by cell)",)
    return Verdict(holds, "dominance", "A5", rule.name, claim, game, v, difference=(v[i] - v[j],), player=i,
                   certificates=_certs(rule, [game], holds, cert),
                   explanation=f"phi_{i + 1} - phi_{j + 1} = {_t(v[i] - v[j])}")


def _eval_monotonicity(rule: Rule, game: Game, mod: Modification, player: int | None) -> Verdict:
    i = mod.player
    vb, va = rule(game), rule(mod.after)
    d = _diff(va, vb)
    holds = d[i] >= 0
    claim = f"player {i + 1} gains an action, so phi_{i + 1}(after) >= phi_{i + 1}(before)"
    expl = f"phi_{i + 1}: {_t(vb[i])} -> {_t(va[i])} (change {_t(d[i])})"
    return _verdict("monotonicity", rule, holds, claim, mod, game, vb, mod.after, va, d, i, expl)


def _a10_claim(g: str) -> str:
    return (f"if {g} has a unique correlated equilibrium, the point mass on a pure profile a* that is a saddle point "
            f"of Z = (u_1 - u_2)/2, then phi({g}) = CoCo({g}) = (W/2 + Z(a*), W/2 - Z(a*))")


def _eval_credible_threat(rule: Rule, game: Game, mod: Modification | None, player: int | None) -> Verdict:
    """A10 on ``game`` itself (``mod`` is ``None``) or on ``mod.after`` (a credible threat)."""
    checked = game if mod is None else mod.after
    pre = mods.threat_precondition(checked)
    va = rule(checked)
    vb = va if mod is None else rule(game)
    after, values_after = (None, None) if mod is None else (mod.after, va)
    who = None if mod is None else mod.player
    lp = () if pre.minimum is None else tuple(pre.minimum.certificates)
    g = "G" if mod is None else "G'"
    if not pre.holds:
        where = "this game" if mod is None else "the game after"
        return _verdict("credible-threat", rule, True, _a10_claim(g), mod, game, vb, after, values_after, (), who,
                        f"the axiom does not apply to {where}: {pre.reason}", vacuous=True, lp=lp)
    assert pre.profile is not None and pre.coco is not None
    d = _diff(va, pre.coco)
    holds = all(x == 0 for x in d)
    star = "(" + ", ".join(checked.actions[p][k] for p, k in enumerate(pre.profile)) + ")"
    claim = (f"{g}{'' if mod is None else ' (the game after)'} has a unique correlated equilibrium, the pure profile "
             f"a* = {star}, a saddle point of Z = (u_1 - u_2)/2 with Z(a*) = val(Z) = {_t(pre.value)}; hence "
             f"phi({g}) = CoCo({g}) = (W/2 + Z(a*), W/2 - Z(a*)) = {_v(pre.coco)}")
    expl = f"phi({g}) = {_v(va)}, CoCo({g}) = {_v(pre.coco)}; difference = phi({g}) - CoCo({g})"
    if mod is not None:
        expl += f"; phi(G) = {_v(vb)} before the threat"
    certs = pre.facts if mod is None else ()
    return _verdict("credible-threat", rule, holds, claim, mod, game, vb, after, values_after, d, who, expl,
                    certs=certs, lp=lp)


# ---- drawing default modifications (for `exactbargain check` without a second game)
def _payoff_span(game: Game) -> tuple[int, int]:
    vals = [x for p in range(game.num_players) for x in game.payoff_entries(p)]
    lo, hi = min(vals), max(vals)
    return int(lo.floor()) if hasattr(lo, "floor") else int(lo), int(hi.ceil()) if hasattr(hi, "ceil") else int(hi)


def _pick_player(game: Game, rng: random.Random, player: int | None) -> int:
    return rng.randrange(game.num_players) if player is None else player


def _draw_anonymity(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    order = list(range(game.num_players))[::-1]
    return mods.permute_players(game, order)


def _draw_relabelling(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    order = list(range(len(game.actions[i])))
    rng.shuffle(order)
    if len(order) > 1 and order == sorted(order):
        order.reverse()
    return mods.relabel_actions(game, i, order=order)


def _draw_shift(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    return mods.shift_payoffs(game, [rng.randint(-5, 5) for _ in range(game.num_players)])


def _draw_opponent_shift(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    return mods.shift_payoffs_by_opponents(game, i, [rng.randint(-5, 5) for _ in mods.opponent_profiles(game, i)])


def _draw_add(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    lo, hi = _payoff_span(game)
    vecs = [tuple(rng.randint(lo, hi) for _ in range(game.num_players)) for _ in mods.opponent_profiles(game, i)]
    return mods.add_action(game, i, vecs)


def _draw_redundancy(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    raw = [rng.randint(0, 3) for _ in game.actions[i]]
    if sum(raw) == 0:
        raw[rng.randrange(len(raw))] = 1
    return mods.mixture_action(game, i, [Fraction(r, sum(raw)) for r in raw])


def _size(opts: Mapping[str, Any], default: int = 1000) -> Fraction:
    t = opts.get("size")
    return Fraction(default) if t is None else to_fraction(t)


def _draw_curse(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    return mods.add_uniform_curse(game, i, _size(opts), copy=rng.randrange(len(game.actions[i])))


def _draw_dominated(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> Modification:
    i = _pick_player(game, rng, player)
    return mods.add_dominated_curse(game, i, _size(opts), cost=1, copy=rng.randrange(len(game.actions[i])))


def _draw_nothing(game: Game, rng: random.Random, player: int | None, opts: Mapping[str, Any]) -> None:
    """A10 without a second game checks the game itself."""
    return None


AXIOMS: dict[str, Axiom] = {}


def _register(axiom: Axiom) -> Axiom:
    AXIOMS[axiom.name] = axiom
    return axiom


_register(Axiom("efficiency", "A1", "Efficiency / Pareto optimality", _eval_efficiency, about_player=False))
_register(Axiom("anonymity", "A2", "Anonymity (player relabelling)", _eval_anonymity,
                lambda b, a, p: mods.recognise_permutation(b, a), _draw_anonymity, about_player=False))
_register(Axiom("relabelling", "A3", "Action-relabelling invariance",
                _eval_same("relabelling", "renaming and reordering a player's actions leaves phi unchanged"),
                mods.recognise_relabelling, _draw_relabelling))
_register(Axiom("shift", "A4", "Constant-shift covariance", _eval_shift, lambda b, a, p: mods.recognise_shift(b, a),
                _draw_shift, about_player=False))
_register(Axiom("opponent-shift", "A4'", "Opponent-dependent shift", _eval_opponent_shift,
                mods.recognise_opponent_shift, _draw_opponent_shift))
_register(Axiom("dominance", "A5", "Payoff dominance", _eval_dominance))
_register(Axiom("monotonicity", "A6", "Monotonicity in actions", _eval_monotonicity, mods.recognise_added_action,
                _draw_add))
_register(Axiom("redundancy", "A7", "Invariance to redundant strategies",
                _eval_same("redundancy", "adding a mixture of existing actions (for all players' payoffs) leaves phi unchanged"),
                mods.recognise_mixture, _draw_redundancy))
_register(Axiom("uniform-curse", "A8", "Uniform-curse invariance",
                _eval_same("uniform-curse", "adding a uniform curse (a copy of an action that only hurts the others) leaves phi unchanged"),
                mods.recognise_uniform_curse, _draw_curse))
_register(Axiom("dominated-action", "A9", "Independence of strictly dominated actions",
                _eval_same("dominated-action", "adding a strictly dominated action with no new total above W leaves phi unchanged"),
                mods.recognise_dominated_action, _draw_dominated))
_register(Axiom("credible-threat", "A10", "Credible threats are not filtered", _eval_credible_threat,
                mods.recognise_credible_threat, _draw_nothing))

#: Axiom code (docs/theory.md §4) -> axiom name.
AXIOM_CODES = {a.code: a.name for a in AXIOMS.values()}

_KIND_FOR = {
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


def _axiom(name: str) -> Axiom:
    key = AXIOM_CODES.get(name, name).replace("_", "-")
    if key not in AXIOMS:
        raise GameError(f"unknown axiom {name!r}; the axioms are {', '.join(AXIOMS)}")
    return AXIOMS[key]


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
    ax = _axiom(axiom)
    r = as_rule(rule, select)
    p = None if player is None else game.player_index(player)
    if ax.recognise is None:
        if after is not None:
            raise ModificationError(f"axiom {ax.name} concerns a single game; no second game is needed")
        return ax.evaluate(r, game, None, p)
    if isinstance(after, Modification):
        mod = after
        if mod.before != game:
            raise ModificationError("the modification was built from another game")
        if mod.kind not in _KIND_FOR[ax.name]:
            raise ModificationError(f"a {mod.kind} modification does not fit axiom {ax.name}")
        if p is not None and mod.player is not None and mod.player != p:
            raise ModificationError(f"the modification concerns player {mod.player + 1}, not player {p + 1}")
    elif isinstance(after, Game):
        mod = ax.recognise(game, after, p)
    elif after is None:
        mod = ax.draw(game, random.Random(seed), p, {"size": size})
    else:
        raise GameTypeError(f"after must be a Game or a Modification, got {type(after).__name__}")
    return ax.evaluate(r, game, mod, p)


def _ensure_mod(kind: Callable[..., Modification], game: Game, after: Any, *args: Any, **kw: Any) -> Any:
    if after is not None:
        return after
    if any(a is not None for a in args) or any(v is not None for v in kw.values()):
        return kind(game, *args, **{k: v for k, v in kw.items() if v is not None})
    return None


def efficiency(rule: Any, game: Game) -> Verdict:
    """A1: ``sum_i phi_i(G) = W(G)``."""
    return check("efficiency", rule, game)


def anonymity(rule: Any, game: Game, after: Game | Modification | None = None, *, order: Sequence[Any] | None = None) -> Verdict:
    """A2: reorder the players (``order``: new player k is old ``order[k]``; default reversed)."""
    if after is None and order is not None:
        after = mods.permute_players(game, order)
    return check("anonymity", rule, game, after)


def relabelling(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                order: Sequence[Any] | None = None, labels: Sequence[str] | None = None, seed: int = 0) -> Verdict:
    """A3: rename and reorder ``player``'s actions."""
    if after is None and (order is not None or labels is not None):
        after = mods.relabel_actions(game, 0 if player is None else player, order=order, labels=labels)
    return check("relabelling", rule, game, after, player=player, seed=seed)


def shift(rule: Any, game: Game, after: Game | Modification | None = None, *, constants: Sequence[Any] | None = None,
          seed: int = 0) -> Verdict:
    """A4: ``phi(G + c) = phi(G) + c``."""
    if after is None and constants is not None:
        after = mods.shift_payoffs(game, constants)
    return check("shift", rule, game, after, seed=seed)


def opponent_shift(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                   h: Sequence[Any] | Callable | None = None, seed: int = 0) -> Verdict:
    """A4': add ``h(a_-i)`` to ``u_i``; every other player's value should be unchanged."""
    if after is None and h is not None:
        after = mods.shift_payoffs_by_opponents(game, 0 if player is None else player, h)
    return check("opponent-shift", rule, game, after, player=player, seed=seed)


def dominance(rule: Any, game: Game, *, player: Any = None) -> Verdict:
    """A5: if ``u_i >= u_j`` at every profile then ``phi_i >= phi_j`` (every such pair is
    checked; ``player`` restricts ``i``). Vacuous when no pair qualifies."""
    return check("dominance", rule, game, player=player)


def monotonicity(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                 payoffs: Sequence[Sequence[Any]] | Callable | None = None, seed: int = 0) -> Verdict:
    """A6: give ``player`` one more action (``payoffs`` one vector per opponents' profile, or
    the game ``after``); ``phi_player`` must not fall."""
    if after is None and payoffs is not None:
        after = mods.add_action(game, 0 if player is None else player, payoffs)
    return check("monotonicity", rule, game, after, player=player, seed=seed)


def redundancy(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
               weights: Sequence[Any] | Mapping[Any, Any] | None = None, seed: int = 0) -> Verdict:
    """A7: add a mixture (``weights``) of ``player``'s actions; phi must not change."""
    if after is None and weights is not None:
        after = mods.mixture_action(game, 0 if player is None else player, weights)
    return check("redundancy", rule, game, after, player=player, seed=seed)


def uniform_curse(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                  size: Any = None, copy: Any = None, seed: int = 0) -> Verdict:
    """A8: add a uniform curse of ``size`` t copying ``copy``; invariance requires phi unchanged
    (CoCo gains between ``max(0, t/2 - gap)`` and ``t/2``, see :func:`coco_curse_bounds`)."""
    if after is None and copy is not None:
        after = mods.add_uniform_curse(game, 0 if player is None else player, 1000 if size is None else size, copy=copy)
    return check("uniform-curse", rule, game, after, player=player, seed=seed, size=size)


def dominated_action(rule: Any, game: Game, after: Game | Modification | None = None, *, player: Any = None,
                     payoffs: Sequence[Sequence[Any]] | None = None, seed: int = 0, size: Any = None) -> Verdict:
    """A9: add a strictly dominated action (``payoffs`` one vector per opponents' profile)
    with no new total above ``W``; phi must not change."""
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
    oriented towards the curser and ``a`` the copied action. Returns the two bounds."""
    from ..equilibria.minimax import minimax

    if mod.kind != "uniform-curse" or mod.before.num_players != 2:
        raise ModificationError("coco_curse_bounds needs a two-player uniform curse")
    g = mod.before if mod.player == 0 else mod.before.permute_players([1, 0])
    a = mod.before.action_index(mod.player, mod.params["copy"])
    Z = [[(x - y) / 2 for x, y in zip(r1, r2)] for r1, r2 in zip(g.matrix(0), g.matrix(1))]
    gap = minimax(Z).value - min(Z[a])
    t = mod.params["size"]
    return max(Fraction(0), t / 2 - gap), t / 2
