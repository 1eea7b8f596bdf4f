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

A study of several axioms runs the units of each axiom's study (:meth:`Study.single`) in
turn, each unit naming its axiom. The exact work of a unit is one solve per (rule, canonical
game), every rule's value of a game computed from one canonical form and one
:class:`~exactbargain.game.Game`; a worker process also keeps the values of the class's own
games across units.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Iterator, Sequence

from ..axioms.properties import SELECTIONS, as_rule
from .classes import GameClass, apply, canonical, grown, is_canonical, iter_range, symmetries
from .families import FAMILIES, check_family
from .flat import append_action as _append
from .flat import decode_game, encode_game, extend as _extend, inverse as _inverse, level as _level, map_rule
from .flat import move_last as _move_last, remove_action as _remove, rule_function as _rule, to_game

__all__ = ["ALL_RULES", "AXIOMS", "Study", "Unit", "UnitResult", "parse_rules", "map_rule", "run_unit",
           "encode_game", "decode_game"]

#: Every rule a sweep knows, by canonical name.
ALL_RULES = ("coco",) + tuple(f"fallback[{s}]" for s in SELECTIONS)

#: The axioms a sweep checks (modification families that are finite within a payoff range):
#: monotonicity (every extra action with payoffs in the range), and the families of
#: :mod:`exactbargain.sweep.families` -- redundancy, uniform-curse, dominated-action,
#: credible-threat, shift and opponent-shift.
AXIOMS = ("monotonicity",) + FAMILIES

#: Games per unit of a sample, and canonical-or-not indices per unit of an enumeration.
DEFAULT_UNIT = 2048


def parse_rules(specs: Sequence[str]) -> tuple[str, ...]:
    """Canonical rule names from ``coco``, ``fallback`` (welfare), ``fallback[SEL]``,
    ``fallback:SEL`` or ``all``; duplicates dropped, order kept.

    Parameters
    ----------
    specs : sequence of str
        Rule names as the CLI takes them.

    Returns
    -------
    tuple of str
        The canonical names.

    Raises
    ------
    GameError
        For an unknown rule or selection rule.
    ValueError
        When no rule is given.

    Examples
    --------
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


def _remove_last(flat: Sequence[int], shape: tuple[int, ...], player: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return _remove(flat, shape, player, shape[player] - 1)


@dataclass(frozen=True, slots=True)
class Unit:
    """Indices ``start <= k < stop`` of one part of a study (see the module docstring); in a
    study of several axioms, ``axiom`` is the one the unit checks."""

    id: int
    part: tuple
    start: int
    stop: int
    axiom: str | None = None


@dataclass(frozen=True)
class Study:
    """What a sweep computes: ``rules`` (canonical names) on the games of ``cls``, and the
    ``axioms`` checked (none: the rules' values). ``sample`` games drawn from ``seed``
    instead of every game when given. ``method`` ``"grown"`` (default for exhaustive axiom
    checks) or ``"per-game"`` chooses how an exhaustive axiom study is enumerated; both
    give the same counts and witnesses. ``symmetry`` can be switched off (for checking).

    Several ``axioms`` make one study whose units are those of each axiom's study in turn
    (:meth:`single`); the summary counts per (rule, axiom) and in total.

    Raises
    ------
    ValueError
        For an unknown axiom or rule, a rule or axiom the class's players do not allow, an
        empty sample, or empty units.
    """

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
        object.__setattr__(self, "axioms", tuple(dict.fromkeys(self.axioms)))
        if "credible-threat" in self.axioms and self.cls.players != 2:
            raise ValueError(f"credible-threat (A10) is stated for two-player games; the class has "
                             f"{self.cls.players} players")
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
    def single(self, axiom: str) -> "Study":
        """The same study of ``axiom`` alone.

        Parameters
        ----------
        axiom : str
            One of the study's axioms.

        Returns
        -------
        Study
            The study with ``axioms == (axiom,)``.
        """
        return dataclasses.replace(self, axioms=(axiom,))

    @functools.cached_property
    def player_symmetry(self) -> bool:
        """Whether player permutations are used: the shape has equal action counts somewhere
        and every rule's image under every shape-keeping permutation is a studied rule."""
        if not self.symmetry:
            return False
        group = symmetries(self.cls.shape, True)
        pis = {g[0] for g in group}
        return len(pis) > 1 and all(map_rule(r, pi) in self.rules for r in self.rules for pi in pis)

    def group(self, shape: tuple[int, ...], players: bool | None = None) -> tuple:
        """The symmetry group the study quotients games of ``shape`` by (the identity alone without ``symmetry``).

        Parameters
        ----------
        shape : tuple of int
            The action counts.
        players : bool, optional
            Whether player permutations are included (default: :attr:`player_symmetry`).

        Returns
        -------
        tuple
            The group's elements.
        """
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
        """``"sample"``, ``"grown"`` (exhaustive monotonicity), ``"base"`` (game by game) or
        ``"multi"`` (several axioms, each with its own kind).

        Returns
        -------
        str
        """
        if len(self.axioms) > 1:
            return "multi"
        if self.sample is not None:
            return "sample"
        if self.axioms == ("monotonicity",) and self.method == "grown":
            return "grown"
        return "base"

    def parts(self) -> list[tuple[tuple, int]]:
        """``(part, number of indices)`` in order.

        Returns
        -------
        list of (tuple, int)
        """
        kind = self.kind()
        if kind == "sample":
            return [(("sample",), self.sample or 0)]
        if kind == "grown":
            return [(("grown", i), GameClass(self.cls.players, grown(self.cls.shape, i), self.cls.lo, self.cls.hi).size)
                    for i in self.rep_players]
        return [(("base",), self.cls.size)]

    def units(self) -> list[Unit]:
        """The work units, numbered from 0 (for several axioms: each axiom's units in turn).

        Returns
        -------
        list of Unit
        """
        out: list[Unit] = []
        for axiom in self.axioms if len(self.axioms) > 1 else (None,):
            parts = self.single(axiom).parts() if axiom is not None else self.parts()
            for part, size in parts:
                for start in range(0, size, self.unit_size):
                    out.append(Unit(len(out), part, start, min(size, start + self.unit_size), axiom))
        return out

    @property
    def instances(self) -> int | None:
        """Raw (game, modification) pairs of the study (``None``: counted by the units)."""
        if not self.axioms:
            return 0
        if len(self.axioms) > 1:
            counts = [self.single(a).instances for a in self.axioms]
            return None if None in counts else sum(c for c in counts if c is not None)
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
        """The class index of the ``k``-th sampled game (from ``seed`` and ``k`` alone).

        Parameters
        ----------
        k : int
            The sample's position.

        Returns
        -------
        int
            An index into the class.
        """
        digest = hashlib.blake2b(f"{self.seed}:{k}".encode(), digest_size=32).digest()
        return int.from_bytes(digest, "big") % self.cls.size

    def key(self) -> dict:
        """What identifies the study (its results depend on nothing else).

        Returns
        -------
        dict
        """
        return {"class": self.cls.to_json(), "rules": list(self.rules), "axioms": list(self.axioms),
                "sample": self.sample, "seed": self.seed if self.sample is not None else None,
                "unit_size": self.unit_size, "symmetry": self.symmetry,
                "method": self.kind() if len(self.axioms) < 2 else f"multi:{self.method}"}


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
    solver_calls: int = 0


#: Values of games of a class's own shape, kept by a worker process across units (key: rule,
#: shape, canonical payoffs): the games an exhaustive monotonicity unit gets by removing an
#: action from its grown games are games of the class, and recur in every unit.
_SHARED: dict[tuple, tuple[Fraction, ...]] = {}
_SHARED_MAX = 200_000


class _Values:
    """Every rule's value of a game, with one exact solve per (rule, canonical game) in a unit.

    ``solves`` counts the distinct (rule, canonical game) pairs of the unit, the same whichever
    process runs it; ``calls`` the solver calls actually made, fewer when the process already
    knows the value of a game of the class's shape from an earlier unit."""

    def __init__(self, study: Study) -> None:
        self.study = study
        self.rules = {name: _rule(name) for name in study.rules}
        self.cache: dict[tuple, tuple[Fraction, ...]] = {}
        self.solves = 0
        self.calls = 0

    def _solve(self, rule: str, shape: tuple[int, ...], c: tuple, games: dict) -> tuple[Fraction, ...]:
        key = (rule, shape, c)
        vec = self.cache.get(key)
        if vec is not None:
            return vec
        self.solves += 1
        shared = shape == self.study.cls.shape
        vec = _SHARED.get(key) if shared else None
        if vec is None:
            if not games:  # one Game per canonical game, shared by the rules (and their caches)
                games[0] = to_game(c, shape)
            vec = tuple(self.rules[rule](games[0]))
            self.calls += 1
            if shared:
                if len(_SHARED) >= _SHARED_MAX:
                    _SHARED.clear()
                _SHARED[key] = vec
        self.cache[key] = vec
        return vec

    def __call__(self, flat: tuple, shape: tuple[int, ...]) -> dict[str, tuple[Fraction, ...]]:
        """``{rule: value}`` of the game ``flat`` of ``shape``, canonicalised once for all rules."""
        c, g, _ = canonical(flat, shape, self.study.group(shape))
        pi = g[0]
        out = {}
        games: dict = {}
        for rule in self.rules:
            mapped = map_rule(rule, pi)
            assert mapped is not None
            vec = self._solve(mapped, shape, c, games)
            # phi(R, G)[p] = phi(pi R, g G)[pi(p)]
            out[rule] = tuple(vec[pi[p]] for p in range(len(shape)))
        return out


def _grown_rank(study: Study, player: int, flat: Sequence[int]) -> int:
    c = study.cls
    return GameClass(c.players, grown(c.shape, player), c.lo, c.hi).rank(flat)


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
    """Compute one unit exactly (see the module docstring).

    Parameters
    ----------
    study : Study
        The study.
    unit : Unit
        One of its :meth:`Study.units`.

    Returns
    -------
    UnitResult
        The unit's counts and witnesses.
    """
    start, cpu = time.perf_counter(), time.process_time()
    result = UnitResult(unit.id)
    if unit.axiom is not None and len(study.axioms) > 1:
        study = study.single(unit.axiom)
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
    result.solver_calls = values.calls
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
        after_values = values(H, gshape)
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
            before_values = values(before, bshape)
            after = None
            for rule in study.rules:
                vb = before_values[rule]
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
        vb = values(G, shape)
        if not study.axioms:
            for r in study.rules:
                result.rows.append({"index": idx, "game": encode_game(G, shape), "rule": r,
                                    "values": [str(x) for x in vb[r]], "count": weight})
            continue
        sums = {r: [0] * n for r in study.rules}
        if study.axioms != ("monotonicity",):
            result.instances += weight * check_family(study.axioms[0], values, result, idx, G, shape, rng, vb, sums,
                                                      pis, len(A))
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
                after_values = values(H, gshape)
                for r in study.rules:
                    va = after_values[r]
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


def combine(study: Study, results: Sequence[UnitResult]) -> dict:
    """The study's totals from its units' results (in any order).

    Parameters
    ----------
    study : Study
        The study the units belong to.
    results : sequence of UnitResult
        One result per unit (any order).

    Returns
    -------
    dict
        ``class``, ``games``, ``canonical_games``, ``instances``, ``violations`` (per rule),
        ``violations_by_player``, ``exact_solves`` (the solves the units need, each alone),
        ``solver_calls`` (those made), ``witness_instances`` (the least witness per rule:
        player, encoded game after -- the new action the player's last -- and before, and the
        axiom) and, for axiom studies, ``by_axiom``: the same counts per axiom. With several
        axioms the totals add the axioms' counts, and a rule's witness is that of the first
        axiom (in the study's order) with one.

    Raises
    ------
    KeyError
        If a result belongs to no unit of the study.
    """
    if len(study.axioms) > 1:
        return _combine_axioms(study, results)
    out = _combine_one(study, results)
    if study.axioms:
        out["by_axiom"] = {study.axioms[0]: _axiom_part(out)}
    return out


def _axiom_part(summary: dict) -> dict:
    keys = ("instances", "violations", "violations_by_player", "exact_solves", "witness_instances",
            "canonical_grown_games")
    return {k: summary[k] for k in keys if k in summary}


def _combine_axioms(study: Study, results: Sequence[UnitResult]) -> dict:
    axiom_of = {u.id: u.axiom for u in study.units()}
    parts = {a: _combine_one(study.single(a), [r for r in results if axiom_of[r.unit] == a]) for a in study.axioms}
    first = parts[study.axioms[0]]
    n = study.cls.players
    by_player = {r: [sum(p["violations_by_player"][r][k] for p in parts.values()) for k in range(n)]
                 for r in study.rules}
    witnesses: dict[str, dict] = {}
    for a in study.axioms:
        for r, w in parts[a]["witness_instances"].items():
            witnesses.setdefault(r, w)
    return {
        "class": first["class"], "games": first["games"], "canonical_games": first["canonical_games"],
        "instances": sum(p["instances"] for p in parts.values()),
        "violations": {r: sum(v) for r, v in by_player.items()},
        "violations_by_player": by_player,
        "exact_solves": sum(p["exact_solves"] for p in parts.values()),
        "solver_calls": sum(p["solver_calls"] for p in parts.values()),
        "witness_instances": dict(sorted(witnesses.items())),
        "by_axiom": {a: _axiom_part(p) for a, p in parts.items()},
    }


def _combine_one(study: Study, results: Sequence[UnitResult]) -> dict:
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
        "solver_calls": sum(res.solver_calls for res in results),
        "witness_instances": {r: {"player": w[1] + 1, "after": w[2], **({"before": w[3]} if len(w) > 3 else {}),
                                  "axiom": study.axioms[0]}
                              for r, w in sorted(witnesses.items())},
    }
    if kind == "grown":
        out["canonical_grown_games"] = sum(res.canonical for res in results)
    return out


def run_study(study: Study, map_units: Callable[..., Any] | None = None) -> dict:
    """Run every unit (in this process unless ``map_units(study, units)`` is given) and
    combine them (see :func:`combine`).

    Parameters
    ----------
    study : Study
        The study.
    map_units : callable, optional
        ``map_units(study, units) -> iterable of UnitResult`` (a process pool, for instance).

    Returns
    -------
    dict
        The combined summary.
    """
    units = study.units()
    results = list(map_units(study, units)) if map_units else [run_unit(study, u) for u in units]
    return combine(study, results)


def study_from_key(key: dict) -> Study:
    """The study that :meth:`Study.key` describes."""
    c = key["class"]
    cls = GameClass(c["players"], tuple(c["shape"]), int(c["payoffs"][0]), int(c["payoffs"][1]))
    method = "per-game" if key["method"] == "base" and key["axioms"] and key["sample"] is None else "grown"
    if key["method"].startswith("multi:"):
        method = key["method"][len("multi:"):]
    return Study(cls, tuple(key["rules"]), tuple(key["axioms"]), key["sample"], key["seed"] or 0, key["unit_size"],
                 method, key["symmetry"])
