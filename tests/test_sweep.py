"""Sweeps count what a brute-force loop counts, however the work is reduced and spread."""

import itertools
import math

import pytest

from exactbargain import Game
from exactbargain.bargaining import coco, fallback
from exactbargain.sweep import GameClass, Study, count_orbits, parse_rules, run_study, run_unit, symmetries
from exactbargain.sweep.classes import apply, iter_range
from exactbargain.sweep.study import decode_game, encode_game, map_rule


def _same(summary):
    """A summary without the solver calls made (fewer when a process already knew a value)."""
    return {k: v for k, v in summary.items() if k != "solver_calls"}


def _value(rule, game):
    if rule == "coco":
        return coco(game).payoffs
    return fallback(game, select=rule[len("fallback["):-1]).payoffs


def brute_force(shape, lo, hi, rules):
    """Every game, every extra action for every player, every rule solved afresh."""
    n, size = len(shape), math.prod(shape)
    values = range(lo, hi + 1)
    violations = {r: [0] * n for r in rules}
    smallest = {}
    instances = 0
    for flat in itertools.product(values, repeat=n * size):
        game = Game.from_flat([flat[p * size:(p + 1) * size] for p in range(n)], list(shape))
        before = {r: _value(r, game) for r in rules}
        for i in range(n):
            k = size // shape[i]
            for v in itertools.product(values, repeat=k * n):
                after = game.add_action(i, [v[c * n:(c + 1) * n] for c in range(k)])
                instances += 1
                for r in rules:
                    if _value(r, after)[i] < before[r][i]:
                        violations[r][i] += 1
                        entries = [int(x) for p in range(n) for x in after.payoff_entries(p)]
                        grown_shape = after.shape
                        index = GameClass(n, grown_shape, lo, hi).rank(entries)
                        key = (max(map(abs, entries)), sum(map(abs, entries)), i, index)
                        smallest[r] = min(smallest.get(r, key), key)
    return instances, violations, smallest


def _check_against_brute(shape, lo, hi, rules, brute_rules=None):
    """The sweep (both enumerations) of ``rules`` agrees with the brute-force loop on ``brute_rules``."""
    brute_rules = rules if brute_rules is None else brute_rules
    instances, violations, smallest = brute_force(shape, lo, hi, brute_rules)
    for method in ("grown", "per-game"):
        study = Study(GameClass(len(shape), shape, lo, hi), rules, ("monotonicity",), method=method, unit_size=37)
        s = run_study(study)
        assert s["instances"] == instances
        assert {r: s["violations_by_player"][r] for r in brute_rules} == violations, method
        assert {r: s["violations"][r] for r in brute_rules} == {r: sum(v) for r, v in violations.items()}
        assert sorted(set(s["witness_instances"]) & set(brute_rules)) == sorted(smallest)
        for r, w in s["witness_instances"].items():
            if r not in brute_rules:
                continue
            flat, gshape = decode_game(w["after"])
            key = (max(map(abs, flat)), sum(map(abs, flat)), w["player"] - 1,
                   GameClass(len(shape), gshape, lo, hi).rank(flat))
            assert key == smallest[r], (method, r)
    return s


@pytest.mark.slow
def test_2x2_payoffs_0_1_monotonicity_counts_equal_brute_force():
    # the two dictators together allow swapping the players (dictator-1 <-> dictator-2)
    s = _check_against_brute((2, 2), 0, 1, ("coco", "fallback[dictator-1]", "fallback[dictator-2]"),
                             ("coco", "fallback[dictator-2]"))
    assert (s["games"], s["instances"], s["canonical_games"]) == (256, 8192, 43)
    assert s["violations_by_player"] == {"coco": [0, 0], "fallback[dictator-1]": [0, 34],
                                         "fallback[dictator-2]": [34, 0]}
    # with symmetry the 8192 instances need far fewer solves than instances
    assert s["exact_solves"] < 8192


def test_every_rule_on_an_asymmetric_class_equals_brute_force():
    s = _check_against_brute((1, 2), 0, 1, parse_rules(["all"]))
    assert s["violations"]["fallback[welfare]"] == 6 and s["violations"]["coco"] == 0
    assert s["violations_by_player"]["fallback[dictator-1]"] == [0, 0]


def test_without_symmetry_the_counts_are_the_same():
    rules = ("fallback[welfare]", "fallback[dictator-2]")
    cls = GameClass(2, (1, 2), 0, 1)
    a = run_study(Study(cls, rules, ("monotonicity",)))
    b = run_study(Study(cls, rules, ("monotonicity",), symmetry=False))
    assert a["violations_by_player"] == b["violations_by_player"] and a["violations"]["fallback[welfare]"] > 0
    assert a["witness_instances"] == b["witness_instances"]
    assert a["exact_solves"] < b["exact_solves"]


def test_orbits_counted_by_burnside_equal_the_enumeration():
    for shape, lo, hi, players in (((2, 2), 0, 1, True), ((2, 2), -1, 1, True), ((3, 2), 0, 1, False)):
        cls = GameClass(2, shape, lo, hi)
        group = symmetries(shape, players)
        least = sum(1 for _, f in iter_range(cls, 0, cls.size)
                    if min(apply(g, f, shape)[0] for g in group) == f)
        assert count_orbits(cls, group) == least
    assert count_orbits(GameClass(2, (2, 2), -1, 1), symmetries((2, 2), True)) == 873


def test_unranking_round_trips_and_ranges_agree():
    cls = GameClass(2, (2, 3), -2, 1)
    for index in (0, 1, 4095, 12345, cls.size - 1):
        assert cls.rank(cls.unrank(index)) == index
    assert [f for _, f in iter_range(cls, 250, 260)] == [cls.unrank(k) for k in range(250, 260)]
    with pytest.raises(IndexError):
        cls.unrank(cls.size)


def test_rules_map_under_player_permutations():
    assert map_rule("fallback[dictator-2]", (1, 0)) == "fallback[dictator-1]"
    assert map_rule("fallback[nash]", (1, 0)) == "fallback[nash]"
    # dictator-1 alone is not closed under swapping the players: no player symmetry then
    s = Study(GameClass(2, (2, 2), 0, 1), ("fallback[dictator-1]",), ("monotonicity",))
    assert not s.player_symmetry and s.rep_players == [0, 1]
    assert Study(GameClass(2, (2, 2), 0, 1), ("coco",)).player_symmetry


def test_a_sample_is_reproducible_from_its_seed_and_any_unit_alone():
    cls = GameClass(2, (2, 2), 0, 1)
    study = Study(cls, ("fallback[welfare]",), ("monotonicity",), sample=30, seed=7, unit_size=7)
    a, b = run_study(study), run_study(study)
    assert _same(a) == _same(b) and a["games"] == 30 and a["instances"] == 30 * 32
    drawn = [study.sample_index(k) for k in range(30)]
    assert drawn != [Study(cls, ("coco",), sample=30, seed=8).sample_index(k) for k in range(30)]
    units = study.units()
    assert run_unit(study, units[2]).violations == run_unit(study, units[2]).violations
    # a sampled game counts once, exactly as a brute-force loop over the sampled games would
    expected = 0
    for flat in (cls.unrank(k) for k in drawn):
        g = Game.from_flat([flat[:4], flat[4:]], [2, 2])
        before = fallback(g).payoffs
        for i in range(2):
            for v in itertools.product(range(0, 2), repeat=4):
                after = g.add_action(i, [v[0:2], v[2:4]])
                expected += fallback(after).payoffs[i] < before[i]
    assert a["violations"]["fallback[welfare]"] == expected and expected > 0


def test_rule_values_study_weights_canonical_games_by_their_orbits():
    study = Study(GameClass(2, (2, 2), 0, 1), ("coco",))
    s = run_study(study)
    assert s["games"] == 256 and s["canonical_games"] == 43 and s["exact_solves"] == 43
    rows = [row for u in study.units() for row in run_unit(study, u).rows]
    assert sum(row["count"] for row in rows) == 256
    for row in rows[:10]:
        flat, shape = decode_game(row["game"])
        g = Game.from_flat([flat[:4], flat[4:]], list(shape))
        assert [str(x) for x in coco(g).payoffs] == row["values"]


def test_encoding_round_trips():
    assert decode_game(encode_game((1, -1, 0, 2, 3, 4), (1, 3))) == ((1, -1, 0, 2, 3, 4), (1, 3))


def test_bad_studies_are_refused_with_a_reason():
    cls = GameClass(2, (2, 2), 0, 1)
    with pytest.raises(ValueError, match="unknown sweep axiom"):
        Study(cls, ("coco",), ("efficiency",))
    assert Study(cls, ("coco",), ("shift", "redundancy", "shift")).axioms == ("shift", "redundancy")
    with pytest.raises(ValueError, match="credible-threat.*two-player games; the class has 3"):
        Study(GameClass(3, (1, 1, 1), 0, 1), ("coco",), ("credible-threat",))
    with pytest.raises(ValueError, match="unknown rule"):
        parse_rules(["nope"])
    with pytest.raises(ValueError, match="empty"):
        GameClass(2, (2, 2), 1, 0)
    with pytest.raises(ValueError, match="at least one game"):
        Study(cls, ("coco",), sample=0)


def brute_force_family(axiom, shape, lo, hi, rules):
    """Every game and every modification of the axiom's family, every rule solved afresh; a
    violation counts for the player it concerns (shift: the first player whose value is off)."""
    from exactbargain.search import modification_instances

    n, size = len(shape), math.prod(shape)
    violations = {r: [0] * n for r in rules}
    instances = 0
    for flat in itertools.product(range(lo, hi + 1), repeat=n * size):
        game = Game.from_flat([flat[p * size:(p + 1) * size] for p in range(n)], list(shape))
        before = {r: _value(r, game) for r in rules}
        for mod in modification_instances(axiom, game, list(range(lo, hi + 1)), None):
            instances += 1
            for r in rules:
                after, b = _value(r, mod.after), before[r]
                if axiom == "shift":
                    bad = [p for p in range(n) if after[p] - b[p] != mod.params["constants"][p]]
                elif axiom == "opponent-shift":
                    bad = [mod.player] if any(after[j] != b[j] for j in range(n) if j != mod.player) else []
                else:
                    bad = [mod.player] if tuple(after) != tuple(b) else []
                if bad:
                    violations[r][bad[0]] += 1
    return instances, violations


@pytest.mark.parametrize("axiom, shape, rules, expected", [
    ("opponent-shift", (2, 2), ("coco", "fallback[dictator-1]", "fallback[dictator-2]"),
     {"coco": [336, 336], "fallback[dictator-1]": [66, 38], "fallback[dictator-2]": [38, 66]}),
    ("uniform-curse", (1, 2), ("coco", "fallback[welfare]"), {"coco": [16, 22], "fallback[welfare]": [0, 0]}),
    ("shift", (1, 2), ("coco", "fallback[welfare]"), {"coco": [0, 0], "fallback[welfare]": [0, 0]}),
    ("redundancy", (1, 2), ("coco", "fallback[nash]"), {"coco": [0, 0], "fallback[nash]": [0, 0]}),
])
def test_other_axioms_count_what_a_brute_force_loop_counts(axiom, shape, rules, expected):
    instances, violations = brute_force_family(axiom, shape, 0, 1, rules)
    assert violations == expected
    s = run_study(Study(GameClass(2, shape, 0, 1), rules, (axiom,), unit_size=7))
    assert s["instances"] == instances and s["violations_by_player"] == violations
    assert s["exact_solves"] < instances * len(rules)
    for r, count in s["violations"].items():
        assert (r in s["witness_instances"]) == (count > 0)


def brute_force_check(axiom, shape, lo, hi, rules):
    """Every game and every modification of the family, each judged by the axiom's own check
    (``exactbargain.axioms.check``); a failed check counts for the player its verdict names."""
    from exactbargain.axioms import check
    from exactbargain.search import modification_instances

    n, size = len(shape), math.prod(shape)
    violations = {r: [0] * n for r in rules}
    instances = 0
    for flat in itertools.product(range(lo, hi + 1), repeat=n * size):
        game = Game.from_flat([flat[p * size:(p + 1) * size] for p in range(n)], list(shape))
        for mod in modification_instances(axiom, game, list(range(lo, hi + 1)), None):
            instances += 1
            for r in rules:
                verdict = check(axiom, r.replace("[", ":").rstrip("]"), game, mod)
                if not verdict.holds:
                    violations[r][verdict.player] += 1
    return instances, violations


@pytest.mark.parametrize("axiom, shape, lo, rules, expected", [
    ("dominated-action", (1, 2), 0, ("coco", "fallback[welfare]", "fallback[nash]"),
     {"coco": [0, 0], "fallback[welfare]": [0, 0], "fallback[nash]": [0, 0]}),
    ("dominated-action", (1, 1), -1, ("coco", "fallback[dictator-1]", "fallback[dictator-2]"),
     {"coco": [2, 2], "fallback[dictator-1]": [0, 0], "fallback[dictator-2]": [0, 0]}),
    ("credible-threat", (1, 2), 0, ("coco", "fallback[welfare]", "fallback[egalitarian]"),
     {"coco": [0, 0], "fallback[welfare]": [0, 0], "fallback[egalitarian]": [0, 0]}),
    ("credible-threat", (1, 1), -1, ("fallback[random-dictator]", "fallback[dictator-1]", "fallback[dictator-2]"),
     {"fallback[random-dictator]": [0, 0], "fallback[dictator-1]": [0, 0], "fallback[dictator-2]": [0, 0]}),
])
def test_dominated_actions_and_credible_threats_count_what_the_axiom_checks_count(axiom, shape, lo, rules, expected):
    instances, violations = brute_force_check(axiom, shape, lo, 1, rules)
    assert violations == expected and instances > 0
    s = run_study(Study(GameClass(2, shape, lo, 1), rules, (axiom,), unit_size=5))
    assert s["instances"] == instances and s["violations_by_player"] == violations
    for r, count in s["violations"].items():
        assert (r in s["witness_instances"]) == (count > 0)


def test_the_dominated_family_is_the_searchs_family():
    from exactbargain.search import modification_instances
    from exactbargain.sweep.families import family
    from exactbargain.sweep.flat import exact

    cls = GameClass(2, (2, 2), -1, 1)
    for index in (0, 1234, 3280, 6560):
        flat = cls.unrank(index)
        game = Game.from_flat([flat[:4], flat[4:]], [2, 2])
        expected = [(m.player, tuple(exact(x) for p in range(2) for x in m.after.payoff_entries(p)))
                    for m in modification_instances("dominated-action", game, [-1, 0, 1])]
        assert [(p, after) for p, after, _, _ in family("dominated-action", flat, (2, 2), range(-1, 2))] == expected
    assert len(expected) > 0


def test_several_axioms_in_one_study_count_each_axiom_as_alone():
    cls = GameClass(2, (1, 2), 0, 1)
    rules = ("coco", "fallback[welfare]")
    axioms = ("monotonicity", "uniform-curse", "dominated-action")
    study = Study(cls, rules, axioms, unit_size=5)
    units = study.units()
    assert [u.id for u in units] == list(range(len(units))) and {u.axiom for u in units} == set(axioms)
    s = run_study(study)
    alone = {a: run_study(Study(cls, rules, (a,), unit_size=5)) for a in axioms}
    instances, violations, _ = brute_force((1, 2), 0, 1, rules)
    assert (alone["monotonicity"]["instances"], alone["monotonicity"]["violations_by_player"]) == (instances, violations)
    for a in axioms:
        part = s["by_axiom"][a]
        assert (part["instances"], part["violations_by_player"]) == (alone[a]["instances"],
                                                                   alone[a]["violations_by_player"])
        assert part["witness_instances"] == alone[a]["witness_instances"]
    assert s["instances"] == sum(alone[a]["instances"] for a in axioms)
    assert s["violations"] == {r: sum(alone[a]["violations"][r] for a in axioms) for r in rules}
    assert s["violations"]["coco"] == 38 and s["violations"]["fallback[welfare]"] == 6
    # a rule's witness is that of the first axiom with one
    assert s["witness_instances"]["coco"]["axiom"] == "uniform-curse"
    assert s["witness_instances"]["fallback[welfare]"]["axiom"] == "monotonicity"
