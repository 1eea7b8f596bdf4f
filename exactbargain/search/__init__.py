"""Search for counterexamples to the axioms of docs/theory.md §4.

:func:`find_counterexample` looks for a game (and modification) on which a rule violates an
axiom, in three phases:

1. **Enumeration**, from the smallest games up: payoff *level* ``m = 0, 1, 2, ...`` (every
   payoff, and every numeric parameter of the modification, in ``{-m..m}`` intersected with
   ``payoffs``; each level only visits instances that reach it), and within a level the game
   shapes in order of total number of actions, then number of profiles (for axioms that add
   an action: the shape *after* the addition). Instances inside a shape come in a fixed
   order, so the first violation found is the least in this order.
2. **Hypothesis**, with whatever budget is left: random instances from
   :func:`exactbargain.strategies.instances` (seeded, no example database), shrunk by
   Hypothesis towards few actions and small payoffs. Skipped when ``hypothesis`` is not
   installed.
3. **Shrinking** a violation: first, while the budget lasts, every shape with fewer actions
   is enumerated at the remaining levels (a smaller counterexample there replaces the one
   found); then a greedy pass deletes actions and moves payoffs towards 0 while the
   violation persists and the modification is still of the required kind (re-established
   from the two games by the axiom's recogniser).

The budget counts checked instances (one rule evaluation of the modified game each; values
of repeated games are cached), so a search is deterministic for a given ``seed``. The result
says honestly what was covered when nothing is found. A ``progress`` callback receives a
:class:`SearchProgress` after every checked instance (the library never prints).

>>> r = find_counterexample("monotonicity", "fallback", max_actions=2, payoffs=range(-1, 2))
>>> r.found, r.verdict.after.shape, r.phase
(True, (2, 2), 'enumeration')
>>> find_counterexample("monotonicity", "coco", max_actions=2, payoffs=range(0, 2)).found
False
"""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Iterator, Sequence

from .. import limits as _limits
from ..axioms.modifications import Modification, ModificationError
from ..axioms.properties import AXIOMS, AXIOM_CODES
from ..axioms.rules import Rule, as_rule
from ..axioms.verdict import Verdict
from ..errors import ExactBargainError, SolverError
from ..game import Game
from ..numbers import format_rational, to_fraction
from ..tables import Renderable, Table, key_value_table
from .instances import _INSTANCES, modification_instances

__all__ = ["SearchProgress", "SearchResult", "find_counterexample", "modification_instances", "DEFAULT_BUDGET"]

#: Default number of instances checked.
DEFAULT_BUDGET = 4000

_GROWS = {"monotonicity", "redundancy", "uniform-curse", "dominated-action", "credible-threat"}


@dataclass(frozen=True, slots=True)
class SearchProgress:
    """How far a search has got, as passed to the ``progress`` callback of
    :func:`find_counterexample` after every checked instance.

    ``checked`` (instances checked so far, never decreasing) of at most ``budget``;
    ``phase`` is ``"enumeration"``, ``"hypothesis"`` or ``"shrinking"``; during the
    enumeration ``shape`` is the shape of the games being enumerated (before the
    modification) and ``level`` the payoff level (``None`` otherwise); ``elapsed`` is in
    seconds since the search started.
    """

    checked: int
    budget: int
    phase: str
    shape: tuple[int, ...] | None
    level: int | None
    elapsed: float


@dataclass(frozen=True, slots=True)
class SearchResult(Renderable):
    """What :func:`find_counterexample` found (``verdict``, a violated :class:`Verdict`) or,
    when ``found`` is false, what it covered.

    ``phase`` is ``"enumeration"`` or ``"hypothesis"`` (where the violation was first found);
    ``exhaustive_below`` is true when every game with fewer actions than the reported one,
    at every payoff level searched, was checked (so no smaller counterexample exists in the
    search space); ``covered`` describes the enumerated part of the space.
    """

    found: bool
    axiom: str
    rule: str
    verdict: Verdict | None
    phase: str | None
    checked: int
    budget: int
    seed: int
    elapsed: float
    covered: str
    exhaustive_below: bool = False
    shrink_steps: int = 0

    def __bool__(self) -> bool:
        return self.found

    def __str__(self) -> str:
        if not self.found:
            return (f"no counterexample to {self.axiom} for rule {self.rule} within the budget: {self.checked} of "
                    f"{self.budget} instances checked (seed {format_rational(self.seed)}, {self.elapsed:.1f}s).\n"
                    f"Enumerated: {self.covered}.\nThis is not a proof that the axiom holds.")
        head = (f"counterexample to {self.axiom} for rule {self.rule}, found by {self.phase} after {self.checked} "
                f"instances ({self.elapsed:.1f}s, seed {format_rational(self.seed)}; {self.shrink_steps} shrink steps; "
                f"{'no smaller game in the searched space' if self.exhaustive_below else 'smaller shapes not exhausted'})")
        return head + "\n" + str(self.verdict)

    def __repr__(self) -> str:
        what = "counterexample" if self.found else "no counterexample"
        return (f"<SearchResult: {what} to {self.axiom} for rule {self.rule} "
                f"({self.checked} of {self.budget} instances checked)>")

    def tables(self, *, title: str | None = None) -> list[Table]:
        """The search as a table (what was searched, how far, what was found), followed by
        the tables of the violated verdict when one was found (``title`` is not used).

        Parameters
        ----------
        title : str, optional
            Not used.

        Returns
        -------
        list of Table
            The search's tables.
        """
        rows: list[tuple[str, Any]] = [
            ("result", "counterexample found" if self.found else "no counterexample within the budget"),
            ("instances checked", f"{self.checked} of {self.budget}"),
            ("seed", self.seed),
        ]
        if self.found:
            rows += [("found by", str(self.phase)), ("shrink steps", self.shrink_steps),
                     ("smaller games", "none in the searched space" if self.exhaustive_below else "not exhausted")]
        rows.append(("enumerated", self.covered))
        caption = f"Search for a counterexample to {self.axiom} for rule {self.rule}"
        out = [key_value_table(("axiom", self.axiom), [("rule", self.rule)] + rows, caption)]
        return out + (self.verdict.tables() if self.verdict is not None else [])

    def to_json(self) -> dict:
        """A JSON-ready dictionary of the search: what was searched, how far, and the violation found.

        Returns
        -------
        dict
            The search; the violated verdict (if any) as :meth:`Verdict.to_json`.
        """
        return {
            "found": self.found,
            "axiom": self.axiom,
            "rule": self.rule,
            "phase": self.phase,
            "checked": self.checked,
            "budget": self.budget,
            "seed": self.seed,
            "covered": self.covered,
            "exhaustive_below": self.exhaustive_below,
            "verdict": None if self.verdict is None else self.verdict.to_json(),
        }


class _Budget(Exception):
    pass


class _Counter:
    def __init__(self, limit: int, total: int | None = None) -> None:
        self.limit = limit
        self.total = limit if total is None else total
        self.used = 0

    def take(self) -> None:
        if self.used >= self.limit:
            raise _Budget
        self.used += 1


def _level(x: Any) -> Fraction:
    return abs(to_fraction(x))


def _game_level(game: Game) -> Fraction:
    return max(_level(x) for p in range(game.num_players) for x in game.payoff_entries(p))


def _mod_level(mod: Modification | None) -> Fraction:
    if mod is None:
        return Fraction(0)
    p = mod.params
    if mod.kind in ("add-action", "dominated-action"):
        return max((_level(x) for v in p["payoffs"] for x in v), default=Fraction(0))
    if mod.kind == "shift":
        return max((_level(x) for x in p["constants"]), default=Fraction(0))
    if mod.kind == "opponent-shift":
        return max((_level(x) for x in p["h"]), default=Fraction(0))
    if mod.kind == "uniform-curse":
        return _level(p["size"])
    if mod.kind == "credible-threat":
        return _level(p["cost"])
    return Fraction(0)


def _ordered_values(payoffs: Sequence[int]) -> list[int]:
    vals = sorted(set(int(x) for x in payoffs), key=lambda x: (abs(x), x < 0))
    if not vals:
        raise ValueError("payoffs must not be empty")
    return vals


def _shapes(axiom: str, players: int, max_actions: int) -> list[tuple[tuple[int, ...], int | None]]:
    out = []
    for shape in itertools.product(range(1, max_actions + 1), repeat=players):
        if axiom in _GROWS:
            for i in range(players):
                if shape[i] < max_actions:
                    after = shape[:i] + (shape[i] + 1,) + shape[i + 1:]
                    out.append(((shape, i), after))
        else:
            out.append(((shape, None), shape))

    def key(item: Any) -> tuple:
        (shape, i), after = item
        return (sum(after), _prod(after), -1 if i is None else i, after)

    return [s for s, _ in sorted(out, key=key)]


def _prod(shape: Sequence[int]) -> int:
    out = 1
    for m in shape:
        out *= m
    return out


def _games(shape: Sequence[int], values: Sequence[int], players: int) -> Iterator[Game]:
    size = _prod(shape)
    for flat in itertools.product(values, repeat=size * players):
        yield Game.from_flat([flat[p::players] for p in range(players)], shape)


def _dominance_ok(game: Game) -> bool:
    n = game.num_players
    return any(all(game.payoff_fmpq(a)[i] >= game.payoff_fmpq(a)[j] for a in game.profiles())
               for i in range(n) for j in range(n) if i != j)


class _Searcher:
    def __init__(self, axiom: str, rule: Rule, players: int, max_actions: int, values: list[int], counter: _Counter,
                 progress: Callable[[SearchProgress], None] | None = None, start: float = 0.0):
        self.progress = progress
        self.start = start
        self.phase = "enumeration"
        self.shape: tuple[int, ...] | None = None
        self.level: int | None = None
        self.axiom = AXIOMS[axiom]
        self.rule = rule
        self.players = players
        self.max_actions = max_actions
        self.values = values
        self.levels = sorted({abs(v) for v in values})
        self.counter = counter
        self.shapes = _shapes(axiom, players, max_actions)

    def verdict(self, game: Game, mod: Modification | None, player: int | None) -> Verdict:
        self.counter.take()
        verdict = self.axiom.evaluate(self.rule, game, mod, player)
        if self.progress is not None:
            enumerating = self.phase == "enumeration"
            self.progress(SearchProgress(self.counter.used, self.counter.total, self.phase,
                                         self.shape if enumerating else None, self.level if enumerating else None,
                                         time.perf_counter() - self.start))
        return verdict

    def enter(self, phase: str) -> None:
        self.phase = phase
        self.shape = self.level = None

    def enumerate(self, level: int, shape: tuple[int, ...], player: int | None) -> Iterator[tuple[Game, Modification | None]]:
        vals = [v for v in self.values if abs(v) <= level]
        for game in _games(shape, vals, self.players):
            glevel = _game_level(game)
            if glevel > level:
                continue
            if self.axiom.name == "dominance" and not _dominance_ok(game):
                continue
            for mod in _INSTANCES[self.axiom.name](game, vals, player):
                if max(glevel, _mod_level(mod)) == level:
                    yield game, mod

    def scan(self, level: int, shape: tuple[int, ...], player: int | None) -> Verdict | None:
        self.shape, self.level = shape, level
        for game, mod in self.enumerate(level, shape, player):
            v = self.verdict(game, mod, None)
            if not v.holds:
                return v
        return None


def _size_key(v: Verdict) -> tuple:
    g = v.after if v.after is not None else v.before
    total = sum(abs(to_fraction(x)) for p in range(g.num_players) for x in g.payoff_entries(p))
    return (sum(g.shape), g.num_profiles, max(_game_level(v.before), _mod_level(v.modification)), total)


def find_counterexample(axiom: str, rule: Any, players: int = 2, max_actions: int = 3,
                        payoffs: Sequence[int] = range(-1, 2), budget: int = DEFAULT_BUDGET, seed: int = 0, *,
                        select: str | None = None, hypothesis: bool = True, shrink: bool = True,
                        progress: Callable[[SearchProgress], None] | None = None,
                        limits: _limits.Limits | None = None) -> SearchResult:
    """Search small integer games for a violation of ``axiom`` by ``rule``.

    ``axiom`` is a name (``"monotonicity"``) or code in docs/theory.md §4 (``"A6"``); ``rule`` anything
    :func:`~exactbargain.axioms.as_rule` accepts (``select`` picks the fallback selection
    rule). Games have ``players`` players with 1..``max_actions`` actions each (after the
    modification) and integer payoffs from ``payoffs``. At most ``budget`` instances are
    checked; the answer depends only on the arguments (``seed`` drives the Hypothesis phase).
    ``progress``, if given, is called with a :class:`SearchProgress` after every checked
    instance (to show progress; it does not change the search). ``max_actions ** players``
    is held to the ``search-profiles`` limit, the number of payoff values to
    ``search-values`` and ``budget`` to ``search-budget`` (``limits``, by default those in
    force; :mod:`exactbargain.limits`).

    Parameters
    ----------
    axiom : str
    rule : Rule, callable or str
    players, max_actions, budget, seed : int
    payoffs : sequence of int
    select : str, optional
    hypothesis, shrink : bool
        Search with Hypothesis after the enumeration; shrink a find.
    progress : callable, optional
    limits : Limits, optional

    Returns
    -------
    SearchResult
        The find (with its certificate) or what was covered.

    Raises
    ------
    ValueError
        For an unknown axiom or arguments out of range.
    LimitError
        When the search would exceed a size limit.

    Examples
    --------
    >>> counts = []
    >>> r = find_counterexample("efficiency", "coco", max_actions=1, payoffs=range(0, 2),
    ...                         hypothesis=False, progress=lambda p: counts.append(p.checked))
    >>> r.found, counts == list(range(1, r.checked + 1))
    (False, True)
    """
    if limits is not None:
        with _limits.using(limits):
            return find_counterexample(axiom, rule, players, max_actions, payoffs, budget, seed, select=select,
                                       hypothesis=hypothesis, shrink=shrink, progress=progress)
    name = _check_arguments(axiom, players, max_actions, budget)
    r = as_rule(rule, select)
    _check_limits(players, max_actions, payoffs, budget)
    values = _ordered_values(payoffs)
    start = time.perf_counter()
    use_hypothesis = hypothesis and _hypothesis_available()
    reserve = budget // 5 if use_hypothesis else 0
    counter = _Counter(budget - reserve, budget)
    s = _Searcher(name, r, players, max_actions, values, counter, progress, start)
    found, where, done = _enumeration_phase(s)
    phase = "enumeration" if found is not None else None
    covered = _describe(s, done)
    exhaustive_below = False
    if found is None and use_hypothesis:
        counter.limit = budget
        s.enter("hypothesis")
        found = _hypothesis_phase(s, name, players, max_actions, values, seed, budget - counter.used)
        if found is not None:
            phase = "hypothesis"
    shrink_steps = 0
    if found is not None and shrink:
        counter.limit = budget
        found, exhaustive_below, shrink_steps = _shrink_phase(s, found, where)
    return SearchResult(found is not None, name, r.name, found, phase, counter.used, budget, seed,
                        time.perf_counter() - start, covered, exhaustive_below, shrink_steps)


def _check_arguments(axiom: str, players: Any, max_actions: Any, budget: Any) -> str:
    """The axiom's name, once the search's arguments are known to make sense for it."""
    name = AXIOM_CODES.get(axiom, axiom).replace("_", "-")
    if name not in AXIOMS:
        raise ValueError(f"unknown axiom {axiom!r}; the axioms are {', '.join(AXIOMS)}")
    if not isinstance(players, int) or players < 1 or (name == "anonymity" and players < 2):
        raise ValueError(f"players must be a positive int (>= 2 for anonymity), got {players!r}")
    if name == "credible-threat" and players != 2:
        raise ValueError(f"credible-threat (A10) is a two-player axiom, got players={players!r}")
    if not isinstance(max_actions, int) or max_actions < 1 or (name in _GROWS and max_actions < 2):
        raise ValueError(f"max_actions must be >= 1 (>= 2 for axioms that add an action), got {max_actions!r}")
    if not isinstance(budget, int) or budget < 1:
        raise ValueError(f"budget must be a positive int, got {budget!r}")
    return name


def _check_limits(players: int, max_actions: int, payoffs: Sequence[int], budget: int) -> None:
    """The search's size, held to the ``search-*`` limits."""
    largest = max_actions ** min(players, 64) if max_actions > 1 else 1  # bounded: the limit is far below 2^64
    _limits.check("search-profiles", largest,
                  f"the search builds {players}-player games with up to {max_actions} actions each, "
                  f"{'more than 2^64' if players > 64 and max_actions > 1 else largest} profiles")
    count = len(payoffs) if not isinstance(payoffs, range) else max(0, (payoffs.stop - payoffs.start) // payoffs.step)
    _limits.check("search-values", count, f"the search draws payoffs from {count} values")
    _limits.check("search-budget", budget, f"the search may check {format_rational(budget)} instances")


def _enumeration_phase(s: "_Searcher") -> tuple[Verdict | None, tuple[int, int] | None, list[str]]:
    """Every game level by level, smallest shapes first: the first violation found, where it was
    found (level index, shape index), and the levels completed."""
    found: Verdict | None = None
    done: list[str] = []
    where: tuple[int, int] | None = None
    try:
        for li, level in enumerate(s.levels):
            for si, (shape, player) in enumerate(s.shapes):
                found = s.scan(level, shape, player)
                if found is not None:
                    return found, (li, si), done
            done.append(f"level {level} complete")
    except _Budget:
        pass
    return found, where, done


def _shrink_phase(s: "_Searcher", found: Verdict, where: tuple[int, int] | None) -> tuple[Verdict, bool, int]:
    """A smaller violation: in smaller shapes first (when the enumeration found it, whether
    every smaller shape was searched), then by greedy steps (how many)."""
    s.enter("shrinking")
    exhaustive_below = False
    if where is not None:
        found, exhaustive_below = _smaller_shapes(s, found, where)
    found, steps = _greedy_shrink(s, found)
    return found, exhaustive_below, steps


def _values_text(values: Sequence[int]) -> str:
    """``{-1, 0, 1}``, or ``{-K..K}`` for a long run of consecutive integers.

    >>> _values_text([0, 1, -1]), _values_text(list(range(-50, 51)))
    ('{0, 1, -1}', '{-50..50}')
    """
    low, high = min(values), max(values)
    if len(values) > 10 and len(set(values)) == high - low + 1:
        return f"{{{format_rational(low)}..{format_rational(high)}}}"
    return "{" + ", ".join(map(format_rational, values)) + "}"


def _describe(s: _Searcher, done: list[str]) -> str:
    shapes = sorted({"x".join(map(str, sh)) for sh, _ in s.shapes})
    lv = [lvl for lvl in s.levels]
    complete = len(done)
    text = (f"{s.players}-player games with shapes {', '.join(shapes)} (before the modification) and payoffs in "
            f"{_values_text(s.values)}; payoff levels ")
    if complete == len(lv):
        return text + f"0..{lv[-1]} all complete"
    return text + (f"up to {lv[complete - 1]} complete" if complete else "none complete") + \
        f", level {lv[complete]} partly ({s.counter.used} instances in all)"


def _smaller_shapes(s: _Searcher, found: Verdict, where: tuple[int, int]) -> tuple[Verdict, bool]:
    """Enumerate the shapes that come before the found one at the higher levels."""
    li, si = where
    best = found
    try:
        for level in s.levels[li + 1:]:
            for shape, player in s.shapes[:si]:
                v = s.scan(level, shape, player)
                if v is not None:
                    if _size_key(v)[:2] < _size_key(best)[:2]:
                        best = v
                    break
        return best, True
    except _Budget:
        return best, False


def _greedy_shrink(s: _Searcher, found: Verdict) -> tuple[Verdict, int]:
    """Delete actions and move payoffs towards 0 while the violation persists."""
    if s.axiom.recognise is None or s.axiom.name in ("anonymity", "relabelling"):
        return found, 0
    steps = 0
    current = found
    try:
        improved = True
        while improved:
            improved = False
            for cand in _candidates(current):
                v = _retry(s, current, cand)
                if v is not None and not v.holds and _size_key(v) < _size_key(current):
                    current, improved = v, True
                    steps += 1
                    break
    except _Budget:
        pass
    return current, steps


def _candidates(v: Verdict) -> Iterator[tuple[Game, Game]]:
    before, after = v.before, v.after
    assert after is not None
    for j in range(before.num_players):
        if before.shape[j] > 1:
            for label in before.actions[j]:
                if label in after.actions[j]:
                    yield before.remove_action(j, label), after.remove_action(j, label)
    # payoffs towards zero, cell by cell (same labels in both games)
    for prof in after.profiles():
        labels = tuple(after.actions[i][k] for i, k in enumerate(prof))
        in_before = all(labels[i] in before.actions[i] for i in range(before.num_players))
        pa = after.payoff(prof)
        for p in range(after.num_players):
            x = pa[p]
            if x == 0:
                continue
            for y in ((Fraction(0),) if abs(x) == 1 else (Fraction(0), x - (1 if x > 0 else -1))):
                new_after = _set(after, labels, p, y)
                if in_before:
                    pb = before.payoff(labels)[p]
                    new_before = _set(before, labels, p, pb + (y - x))
                else:
                    new_before = before
                yield new_before, new_after


def _set(game: Game, labels: tuple[str, ...], player: int, value: Fraction) -> Game:
    flat = [list(game.payoff_entries(p)) for p in range(game.num_players)]
    idx = game.profile_index(labels)
    pos = 0
    for k, m in zip(idx, game.shape):
        pos = pos * m + k
    flat[player][pos] = value
    return Game.from_flat(flat, game.actions, players=game.players)


def _retry(s: _Searcher, current: Verdict, cand: tuple[Game, Game]) -> Verdict | None:
    before, after = cand
    try:
        mod = s.axiom.recognise(before, after, current.player)
    except SolverError:
        raise  # a bug, not a candidate that fails to be a modification
    except (ModificationError, ExactBargainError):
        return None
    return s.verdict(before, mod, None)


def _hypothesis_available() -> bool:
    try:
        import hypothesis  # noqa: F401
    except ImportError:  # pragma: no cover - hypothesis is a test extra
        return False
    return True


def _hypothesis_phase(s: _Searcher, name: str, players: int, max_actions: int, values: list[int], seed: int,
                      examples: int) -> Verdict | None:
    if examples <= 0:
        return None
    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis import strategies as st
    from hypothesis.errors import NoSuchExample

    from ..strategies import instances

    strategy = instances(name, players=players, actions=(1, max_actions), payoffs=st.sampled_from(values))
    last: list[Verdict] = []

    def violated(inst: Any) -> bool:
        game, mod = inst
        try:
            v = s.verdict(game, mod, None)
        except _Budget:
            return False
        if not v.holds:
            last.append(v)
        return not v.holds

    config = settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate, Phase.shrink],
                      suppress_health_check=list(HealthCheck), derandomize=False)
    try:
        game, mod = find(strategy, violated, settings=config, random=random.Random(seed))
    except NoSuchExample:
        return None
    v = s.axiom.evaluate(s.rule, game, mod, None)
    return v if not v.holds else (last[-1] if last else None)
