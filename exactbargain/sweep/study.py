"""Studies over a :class:`~exactbargain.sweep.classes.GameClass`: what is computed, the work
units, and the exact computation of one unit.

A unit is a small index range, so it is recomputed from the study alone (nothing large is
sent to a worker). Three kinds of range are used:

* ``("grown", i)``: exhaustive axiom checks that add an action (monotonicity). An instance
  ``(G, i, v)`` -- game ``G``, player ``i``, new action paying ``v`` -- *is* the game
  ``H = G + v`` with one more action for ``i``, placed last; so the instances for player
  ``i`` are exactly the games of the grown class, and the unit enumerates canonical grown
  games ``H`` under the action permutations. For every action ``r`` of ``i`` in ``H``, the
  instance "``r`` is the new action" stands for ``|A| / (m_i' |S_r|)`` raw instances
  (``A`` the action permutations, ``m_i'`` player ``i``'s actions in ``H``, ``S_r`` the
  permutations fixing ``H`` and ``r``). Every distinct game is solved once per unit, and
  each canonical grown game occurs in exactly one unit.
* ``("base",)``: every canonical game of the class, weighted by its orbit (rule values, and
  axiom checks done game by game).
* ``("sample",)``: positions ``k`` of a sample; game ``k`` is drawn from ``(seed, k)``
  alone (a hash, so any position is recomputed without the others).
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Iterator, Sequence

from ..axioms.properties import SELECTIONS, as_rule
from ..game import Game
from .classes import GameClass, apply, canonical, grown, is_canonical, iter_range, symmetries

__all__ = ["ALL_RULES", "AXIOMS", "Study", "Unit", "UnitResult", "parse_rules", "map_rule", "run_unit",
           "encode_game", "decode_game"]

#: Every rule a sweep knows, by canonical name.
ALL_RULES = ("coco",) + tuple(f"fallback[{s}]" for s in SELECTIONS)

#: The axioms a sweep checks (modification families that are finite within a payoff range):
#: monotonicity (every extra action with payoffs in the range), redundancy (a duplicate of
#: every action, the half-half mixture of every pair), uniform-curse (a copy of every action
#: lowering the others by every size ``|v|``, ``v`` a nonzero payoff of the range), shift (every
#: nonzero constant vector from the range) and opponent-shift (every nonzero ``h`` from the
#: range) -- the families of :mod:`exactbargain.axioms`' enumerators.
AXIOMS = ("monotonicity", "redundancy", "uniform-curse", "shift", "opponent-shift")

#: Games per unit of a sample, and canonical-or-not indices per unit of an enumeration.
DEFAULT_UNIT = 2048


def parse_rules(specs: Sequence[str]) -> tuple[str, ...]:
    """Canonical rule names from ``coco``, ``fallback`` (welfare), ``fallback[SEL]``,
    ``fallback:SEL`` or ``all``; duplicates dropped, order kept.

    >>> parse_rules(["coco", "fallback:nash", "fallback[nash]"])
    ('coco', 'fallback[nash]')
    """
    out: list[str] = []
    for spec in specs:
        if spec == "all":
            names: Sequence[str] = ALL_RULES
        else:
            text = spec.replace("[", ":").rstrip("]") if spec.startswith("fallback[") and spec.endswith("]") else spec
            names = [as_rule(text).name]
        for name in names:
            if name not in out:
                out.append(name)
    if not out:
        raise ValueError("a study needs at least one rule")
    return tuple(out)


def _rule(name: str) -> Callable[[Game], tuple[Fraction, ...]]:
    if name.startswith("fallback["):
        return as_rule("fallback", name[len("fallback["):-1])
    return as_rule(name)


def map_rule(name: str, pi: Sequence[int]) -> str | None:
    """The rule that ``name`` becomes when player ``p`` is renamed ``pi[p]`` (dictator-k maps
    to dictator-(pi(k))); ``None`` when there is no such rule.

    >>> map_rule("fallback[dictator-1]", (1, 0)), map_rule("coco", (1, 0))
    ('fallback[dictator-2]', 'coco')
    """
    prefix = "fallback[dictator-"
    if name.startswith(prefix):
        k = int(name[len(prefix):-1])
        if k > len(pi):
            return None
        mapped = f"{prefix}{pi[k - 1] + 1}]"
        return mapped if mapped[len("fallback["):-1] in SELECTIONS else None
    return name


def _inverse(pi: Sequence[int]) -> tuple[int, ...]:
    out = [0] * len(pi)
    for k, v in enumerate(pi):
        out[v] = k
    return tuple(out)


def encode_game(flat: Sequence[int], shape: Sequence[int]) -> str:
    """A compact exact text for a game: ``"2x2:1,0,0,1;0,1,1,0"`` (shape, then each player's
    payoffs over the profiles in C order; rationals as ``p/q``).

    >>> encode_game((1, 0, 0, 1, 0, 1, 1, 0), (2, 2))
    '2x2:1,0,0,1;0,1,1,0'
    >>> decode_game('2x2:1,0,0,1;0,1,1,0')
    ((1, 0, 0, 1, 0, 1, 1, 0), (2, 2))
    """
    size = math.prod(shape)
    parts = ["," .join(str(x) for x in flat[p * size:(p + 1) * size]) for p in range(len(shape))]
    return "x".join(map(str, shape)) + ":" + ";".join(parts)


def decode_game(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The inverse of :func:`encode_game`."""
    head, _, body = text.partition(":")
    shape = tuple(int(m) for m in head.split("x"))
    flat = tuple(Fraction(x) if "/" in x else int(x) for part in body.split(";") for x in part.split(","))
    return flat, shape


def to_game(flat: Sequence[int], shape: Sequence[int]) -> Game:
    size = math.prod(shape)
    return Game.from_flat([list(flat[p * size:(p + 1) * size]) for p in range(len(shape))], list(shape))


@dataclass(frozen=True, slots=True)
class Unit:
    """Indices ``start <= k < stop`` of one part of a study (see the module docstring)."""

    id: int
    part: tuple
    start: int
    stop: int


@dataclass(frozen=True)
class Study:
    """What a sweep computes: ``rules`` (canonical names) on the games of ``cls``, and the
    ``axioms`` checked (none: the rules' values). ``sample`` games drawn from ``seed``
    instead of every game when given. ``method`` ``"grown"`` (default for exhaustive axiom
    checks) or ``"per-game"`` chooses how an exhaustive axiom study is enumerated; both
    give the same counts and witnesses. ``symmetry`` can be switched off (for checking)."""

    cls: GameClass
    rules: tuple[str, ...]
    axioms: tuple[str, ...] = ()
    sample: int | None = None
    seed: int = 0
    unit_size: int = DEFAULT_UNIT
    method: str = "grown"
    symmetry: bool = True

    def __post_init__(self) -> None:
        for a in self.axioms:
            if a not in AXIOMS:
                raise ValueError(f"unknown sweep axiom {a!r}; a sweep checks {', '.join(AXIOMS)}")
        if len(self.axioms) > 1:
            raise ValueError("a sweep checks one axiom at a time")
        if self.method not in ("grown", "per-game"):
            raise ValueError(f"method must be 'grown' or 'per-game', got {self.method!r}")
        if self.sample is not None and self.sample < 1:
            raise ValueError(f"a sample needs at least one game, got {self.sample}")
        if self.unit_size < 1:
            raise ValueError("units must hold at least one index")
        for r in self.rules:
            if r not in ALL_RULES:
                raise ValueError(f"unknown rule {r!r}; the rules are {', '.join(ALL_RULES)}")
            if r.startswith("fallback[dictator-") and int(r[len("fallback[dictator-"):-1]) > self.cls.players:
                raise ValueError(f"rule {r} needs at least {r[-2]} players")
        if self.cls.players != 2 and any(r.startswith("fallback[") and r != "fallback[welfare]" for r in self.rules):
            bad = [r for r in self.rules if r.startswith("fallback[") and r != "fallback[welfare]"]
            if any("nash" in r or "dictator" in r for r in bad):
                raise ValueError(f"{', '.join(bad)}: these selections need two players")

    # ---- symmetry
    @property
    def player_symmetry(self) -> bool:
        """Whether player permutations are used: the shape has equal action counts somewhere
        and every rule's image under every shape-keeping permutation is a studied rule."""
        if not self.symmetry:
            return False
        group = symmetries(self.cls.shape, True)
        pis = {g[0] for g in group}
        return len(pis) > 1 and all(map_rule(r, pi) in self.rules for r in self.rules for pi in pis)

    def group(self, shape: tuple[int, ...], players: bool | None = None) -> tuple:
        if not self.symmetry:
            return symmetries(shape, False)[:1]
        return symmetries(shape, self.player_symmetry if players is None else players)

    @property
    def rep_players(self) -> list[int]:
        """The players whose grown classes are enumerated (one per orbit of players)."""
        if not self.player_symmetry:
            return list(range(self.cls.players))
        seen: set[int] = set()
        reps = []
        pis = {g[0] for g in self.group(self.cls.shape)}
        for p in range(self.cls.players):
            if p not in seen:
                reps.append(p)
                seen |= {pi[p] for pi in pis}
        return reps

    # ---- parts and units
    def kind(self) -> str:
        if self.sample is not None:
            return "sample"
        if self.axioms == ("monotonicity",) and self.method == "grown":
            return "grown"
        return "base"

    def parts(self) -> list[tuple[tuple, int]]:
        """``(part, number of indices)`` in order."""
        kind = self.kind()
        if kind == "sample":
            return [(("sample",), self.sample or 0)]
        if kind == "grown":
            return [(("grown", i), GameClass(self.cls.players, grown(self.cls.shape, i), self.cls.lo, self.cls.hi).size)
                    for i in self.rep_players]
        return [(("base",), self.cls.size)]

    def units(self) -> list[Unit]:
        out = []
        for part, size in self.parts():
            for start in range(0, size, self.unit_size):
                out.append(Unit(len(out), part, start, min(size, start + self.unit_size)))
        return out

    @property
    def instances(self) -> int | None:
        """Raw (game, modification) pairs of the study (``None``: counted by the units)."""
        if not self.axioms:
            return 0
        if self.axioms != ("monotonicity",):
            return None
        games = self.sample if self.sample is not None else self.cls.size
        per_game = sum(self.cls.base ** (self.cls.players * math.prod(self.cls.shape) // self.cls.shape[i])
                       for i in range(self.cls.players))
        return games * per_game * len(self.axioms)

    @property
    def games(self) -> int:
        return self.sample if self.sample is not None else self.cls.size

    def sample_index(self, k: int) -> int:
        """The class index of the ``k``-th sampled game (from ``seed`` and ``k`` alone)."""
        digest = hashlib.blake2b(f"{self.seed}:{k}".encode(), digest_size=32).digest()
        return int.from_bytes(digest, "big") % self.cls.size

    def key(self) -> dict:
        """What identifies the study (its results depend on nothing else)."""
        return {"class": self.cls.to_json(), "rules": list(self.rules), "axioms": list(self.axioms),
                "sample": self.sample, "seed": self.seed if self.sample is not None else None,
                "unit_size": self.unit_size, "method": self.kind(), "symmetry": self.symmetry}


# ---------------------------------------------------------------------- computing a unit
@dataclass
class UnitResult:
    """What one unit found. ``violations[rule][player]`` counts raw instances (over the
    players the unit covers; see :func:`combine`), ``canonical`` the canonical games
    enumerated, ``rows`` one record per violation (or per rule value) up to relabelling."""

    unit: int
    games: int = 0
    canonical: int = 0
    instances: int = 0
    violations: dict[str, list[int]] = field(default_factory=dict)
    exact_solves: int = 0
    witnesses: dict[str, tuple] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0


class _Values:
    """Rule values with one exact solve per (rule, canonical game) -- the cache of a unit."""

    def __init__(self, study: Study) -> None:
        self.study = study
        self.rules = {name: _rule(name) for name in study.rules}
        self.cache: dict[tuple, tuple[Fraction, ...]] = {}
        self.solves = 0

    def __call__(self, rule: str, flat: tuple[int, ...], shape: tuple[int, ...]) -> tuple[Fraction, ...]:
        c, g, _ = canonical(flat, shape, self.study.group(shape))
        pi = g[0]
        mapped = map_rule(rule, pi)
        assert mapped is not None
        key = (mapped, shape, c)
        vec = self.cache.get(key)
        if vec is None:
            vec = self.rules[mapped](to_game(c, shape))
            self.cache[key] = vec
            self.solves += 1
        # phi(R, G)[p] = phi(pi R, g G)[pi(p)]
        return tuple(vec[pi[p]] for p in range(len(shape)))


def _level(flat: Sequence[int]) -> tuple[int, int]:
    return max(abs(x) for x in flat), sum(abs(x) for x in flat)


def _grown_rank(study: Study, player: int, flat: Sequence[int]) -> int:
    c = study.cls
    return GameClass(c.players, grown(c.shape, player), c.lo, c.hi).rank(flat)


def _remove_last(flat: Sequence[int], shape: tuple[int, ...], player: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return _remove(flat, shape, player, shape[player] - 1)


def _remove(flat: Sequence[int], shape: tuple[int, ...], player: int, action: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The game without ``player``'s ``action``."""
    import itertools

    total = math.prod(shape)
    keep = [c for c, prof in enumerate(itertools.product(*(range(m) for m in shape))) if prof[player] != action]
    new_shape = tuple(m - (q == player) for q, m in enumerate(shape))
    return tuple(flat[p * total + c] for p in range(len(shape)) for c in keep), new_shape


def _move_last(flat: Sequence[int], shape: tuple[int, ...], player: int, action: int) -> tuple[int, ...]:
    """The same game with ``player``'s ``action`` moved to the end."""
    m = shape[player]
    order = [k for k in range(m) if k != action] + [action]
    sigma = [tuple(range(x)) for x in shape]
    inv = [0] * m
    for pos, k in enumerate(order):
        inv[k] = pos
    sigma[player] = tuple(inv)
    return apply((tuple(range(len(shape))), tuple(sigma)), flat, shape)[0]


def _witness_images(study: Study, rule: str, player: int, after: tuple[int, ...], gshape: tuple[int, ...],
                    result: UnitResult, group: Sequence) -> None:
    """Offer every image under ``group`` (acting on the old actions) of the violating
    instance ``after`` (new action of ``player`` last) as a witness for the mapped rule; the
    least key (level, sum of absolute payoffs, player, index in the grown class) is kept."""
    lvl = _level(after)
    for g in group:
        pi = g[0]
        image, shape2 = apply(_extend(g, player), after, gshape)
        r2 = map_rule(rule, pi)
        assert r2 is not None
        p2 = pi[player]
        key = lvl + (p2, _grown_rank(study, p2, image))
        best = result.witnesses.get(r2)
        if best is None or key < best[0]:
            result.witnesses[r2] = (key, p2, encode_game(image, shape2))


def run_unit(study: Study, unit: Unit) -> UnitResult:
    """Compute one unit exactly (see the module docstring)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = UnitResult(unit.id)
    values = _Values(study)
    rules = study.rules
    n = study.cls.players
    result.violations = {r: [0] * n for r in rules}
    kind = unit.part[0]
    if kind == "grown":
        _grown_unit(study, unit, values, result)
    else:
        if kind == "sample":
            games: Iterator[tuple[int, tuple[int, ...]]] = (
                (idx, study.cls.unrank(idx)) for idx in (study.sample_index(k) for k in range(unit.start, unit.stop)))
        else:
            games = iter_range(study.cls, unit.start, unit.stop)
        _per_game_unit(study, unit, values, result, games, weighted=kind == "base")
    result.exact_solves = values.solves
    result.seconds = time.perf_counter() - start
    result.cpu_seconds = time.process_time() - cpu
    return result


def _grown_unit(study: Study, unit: Unit, values: _Values, result: UnitResult) -> None:
    i = unit.part[1]
    c = study.cls
    gshape = grown(c.shape, i)
    gcls = GameClass(c.players, gshape, c.lo, c.hi)
    A = study.group(gshape, players=False)
    per_new = len(A) // gshape[i]
    base_group = study.group(c.shape)
    for idx, H in iter_range(gcls, unit.start, unit.stop):
        stab_size = is_canonical(H, gshape, A)
        if not stab_size:
            continue
        result.canonical += 1
        stab = [g for g in A if apply(g, H, gshape)[0] == H] if stab_size > 1 else [A[0]]
        after_values = {r: values(r, H, gshape) for r in study.rules}
        # without symmetry every game stands for itself: only its last action is the new one
        seen: set[int] = set() if len(A) > 1 else set(range(gshape[i] - 1))
        for r in range(gshape[i]):
            if r in seen:
                continue
            orbit = {g[1][i][r] for g in stab}
            seen |= orbit
            fix = sum(1 for g in stab if g[1][i][r] == r)
            mult = per_new // fix if len(A) > 1 else 1
            before, bshape = _remove(H, gshape, i, r)
            after = None
            for rule in study.rules:
                vb = values(rule, before, bshape)
                va = after_values[rule]
                if va[i] < vb[i]:
                    result.violations[rule][i] += mult * len(orbit)
                    if after is None:
                        after = _move_last(H, gshape, i, r)
                    result.rows.append(_row(rule, i, before, bshape, after, gshape, vb, va, mult))
                    _witness_images(study, rule, i, after, gshape, result, base_group)


def _row(rule: str, player: int, before, bshape, after, gshape, vb, va, count: int) -> dict:
    return {"rule": rule, "axiom": "monotonicity", "player": player + 1, "before": encode_game(before, bshape),
            "after": encode_game(after, gshape), "value_before": str(vb[player]), "value_after": str(va[player]),
            "count": count}


def _per_game_unit(study: Study, unit: Unit, values: _Values, result: UnitResult,
                   games: Iterator[tuple[int, tuple[int, ...]]], weighted: bool) -> None:
    """Game by game: every canonical game weighted by its orbit (``weighted``), or every
    sampled game once. A violation found on ``G`` for rule ``R`` and player ``p`` stands, in
    the orbit, for rule ``pi R`` and player ``pi(p)`` for every group element ``(pi, sigma)``;
    the sum over the group is divided by the stabiliser at the end of the game."""
    import itertools

    c = study.cls
    shape = c.shape
    n = c.players
    group = study.group(shape) if weighted else symmetries(shape)[:1]
    A = study.group(shape, players=False) if weighted else group
    pis = sorted({g[0] for g in group})
    rng = range(c.lo, c.hi + 1)
    for idx, G in games:
        stab = is_canonical(G, shape, group) if weighted else 1
        if not stab:
            continue
        result.canonical += 1
        weight = len(group) // stab
        result.games += weight
        vb = {r: values(r, G, shape) for r in study.rules}
        if not study.axioms:
            for r in study.rules:
                result.rows.append({"index": idx, "game": encode_game(G, shape), "rule": r,
                                    "values": [str(x) for x in vb[r]], "count": weight})
            continue
        sums = {r: [0] * n for r in study.rules}
        if study.axioms != ("monotonicity",):
            result.instances += weight * _family(study, values, result, idx, G, vb, sums, pis, len(A))
            for r in study.rules:
                for p in range(n):
                    assert sums[r][p] % stab == 0
                    result.violations[r][p] += sums[r][p] // stab
            continue
        for i in range(n):
            gshape = grown(shape, i)
            opp = math.prod(shape) // shape[i]
            for v in itertools.product(rng, repeat=opp * n):
                H = _append(G, shape, i, v)
                for r in study.rules:
                    va = values(r, H, gshape)
                    if va[i] < vb[r][i]:
                        for pi in pis:
                            sums[map_rule(r, pi)][pi[i]] += len(A)
                        count = len(A) // sum(1 for g in A if apply(_extend(g, i), H, gshape)[0] == H)
                        result.rows.append(_row(r, i, G, shape, H, gshape, vb[r], va, count))
                        _witness_images(study, r, i, H, gshape, result, group)
        for r in study.rules:
            for p in range(n):
                assert sums[r][p] % stab == 0
                result.violations[r][p] += sums[r][p] // stab


def _exact(x: Any) -> Any:
    f = Fraction(int(x.p), int(x.q))
    return int(f) if f.denominator == 1 else f


def _family(study: Study, values: _Values, result: UnitResult, idx: int, G: tuple[int, ...],
            vb: dict[str, tuple[Fraction, ...]], sums: dict[str, list[int]], pis: Sequence, per_pi: int) -> int:
    """Check every modification of ``G`` in the axiom's finite family; add each violation,
    summed over the group as in :func:`_per_game_unit`, to ``sums``. Returns the family's size.

    A violation counts once, for the player the modification concerns (redundancy,
    uniform-curse, opponent-shift) or, for shift, the first player whose value is off. The witness kept is the least by (largest absolute payoff after, sum of
    absolute payoffs after, index of the canonical game, position in the family)."""
    from ..search import modification_instances

    axiom = study.axioms[0]
    shape = study.cls.shape
    n = len(shape)
    game = to_game(G, shape)
    total = 0
    for pos, mod in enumerate(modification_instances(axiom, game, list(range(study.cls.lo, study.cls.hi + 1)), None)):
        total += 1
        after = mod.after
        aflat = tuple(_exact(x) for p in range(n) for x in after.payoff_entries(p))
        ashape = after.shape
        for r in study.rules:
            va = values(r, aflat, ashape)
            b = vb[r]
            if axiom == "shift":
                c = mod.params["constants"]
                bad = [p for p in range(n) if va[p] - b[p] != c[p]]
            elif axiom == "opponent-shift":
                bad = [mod.player] if any(va[j] != b[j] for j in range(n) if j != mod.player) else []
            else:
                bad = [mod.player] if va != b else []
            if not bad:
                continue
            who = bad[0]
            for pi in pis:
                r2 = map_rule(r, pi)
                sums[r2][pi[who]] += per_pi
                key = _level(aflat) + (idx, pos)
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


def _extend(g, player):
    pi, sig = g
    return pi, tuple(s + (len(s),) if q == player else s for q, s in enumerate(sig))


def _append(G: tuple[int, ...], shape: tuple[int, ...], player: int, v: Sequence[int]) -> tuple[int, ...]:
    """``G`` plus one action for ``player`` (last) paying ``v`` (one payoff vector per
    opponents' profile, C order, flattened)."""
    import itertools

    n = len(shape)
    total = math.prod(shape)
    gshape = grown(shape, player)
    out: list[list[int]] = [[] for _ in range(n)]
    opp_index = {}
    for prof in itertools.product(*(range(m) for m in gshape)):
        if prof[player] < shape[player]:
            c = 0
            for q in range(n):
                c = c * shape[q] + prof[q]
            for p in range(n):
                out[p].append(G[p * total + c])
        else:
            o = prof[:player] + prof[player + 1:]
            k = opp_index.setdefault(o, len(opp_index))
            for p in range(n):
                out[p].append(v[k * n + p])
    return tuple(x for part in out for x in part)


def combine(study: Study, results: Sequence[UnitResult]) -> dict:
    """The study's totals from its units' results (in any order): games, canonical games,
    instances, violations per rule (and per player), exact solves, and the least witness per
    rule as ``(player, encoded game after)``, the new action being the player's last."""
    from .classes import count_orbits

    n = study.cls.players
    kind = study.kind()
    violations = {r: [0] * n for r in study.rules}
    witnesses: dict[str, tuple] = {}
    for res in results:
        for r, counts in res.violations.items():
            for p, x in enumerate(counts):
                violations[r][p] += x
        for r, w in res.witnesses.items():
            if r not in witnesses or w[0] < witnesses[r][0]:
                witnesses[r] = w
    if kind == "grown" and study.player_symmetry:
        pis = {g[0] for g in study.group(study.cls.shape)}
        for i in study.rep_players:
            for pi in sorted(pis):
                j = pi[i]
                if j == i:
                    continue
                back = _inverse(pi)
                for r in study.rules:
                    violations[r][j] = violations[map_rule(r, back)][i]
    canonical_games = (count_orbits(study.cls, study.group(study.cls.shape)) if kind == "grown"
                       else sum(res.canonical for res in results))
    out = {
        "class": study.cls.to_json(),
        "games": study.games,
        "canonical_games": canonical_games,
        "instances": study.instances if study.instances is not None else sum(res.instances for res in results),
        "violations": {r: sum(v) for r, v in violations.items()},
        "violations_by_player": violations,
        "exact_solves": sum(res.exact_solves for res in results),
        "witness_instances": {r: {"player": w[1] + 1, "after": w[2], **({"before": w[3]} if len(w) > 3 else {})}
                              for r, w in sorted(witnesses.items())},
    }
    if kind == "grown":
        out["canonical_grown_games"] = sum(res.canonical for res in results)
    return out


def run_study(study: Study, map_units: Callable[..., Any] | None = None) -> dict:
    """Run every unit (in this process unless ``map_units(study, units)`` is given) and
    combine them (see :func:`combine`)."""
    units = study.units()
    results = list(map_units(study, units)) if map_units else [run_unit(study, u) for u in units]
    return combine(study, results)


def study_from_key(key: dict) -> Study:
    """The study that :meth:`Study.key` describes."""
    c = key["class"]
    cls = GameClass(c["players"], tuple(c["shape"]), int(c["payoffs"][0]), int(c["payoffs"][1]))
    method = "per-game" if key["method"] == "base" and key["axioms"] and key["sample"] is None else "grown"
    return Study(cls, tuple(key["rules"]), tuple(key["axioms"]), key["sample"], key["seed"] or 0, key["unit_size"],
                 method, key["symmetry"])
