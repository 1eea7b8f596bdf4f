"""The evaluators of the axioms: given a rule, a game and the modification, the exact
:class:`~exactbargain.axioms.verdict.Verdict` (docs/theory.md §4).

Each ``_eval_*`` has the signature ``(rule, game, modification or None, player or None)`` the
:class:`~exactbargain.axioms.axiom.Axiom` registry expects; :mod:`~exactbargain.axioms.properties`
pairs them with the axioms.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Sequence

from ..game import Game
from . import modifications as mods
from .axiom import AXIOMS
from .modifications import Modification
from .rules import Rule
from .verdict import Verdict, _t, _v


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

