"""The process-wide caches of checked results: never stale, bounded, and keeping nothing alive."""

import dataclasses
import gc
import sys
from fractions import Fraction

from exactbargain import Game, fallback
from exactbargain.bargaining import _leximin
from exactbargain.bargaining._leximin import CheckCache, LPStep
from exactbargain.bargaining.fallback import Selection
from exactbargain.lp import LP, solve

fallback_module = sys.modules["exactbargain.bargaining.fallback"]


def _result(bound):
    return solve(LP.from_matrix([[1]], "<=", [bound], [1]))


def test_an_object_that_reuses_an_id_is_checked_afresh(monkeypatch):
    # every object gets the same id, as when a checked result dies and a new one takes its place
    monkeypatch.setattr(_leximin, "id", lambda obj: 7, raising=False)
    monkeypatch.setattr(_leximin, "_CHECKED", CheckCache(16))
    good = _result(1)
    assert LPStep("max x", Fraction(1), good).check() == []
    forged = dataclasses.replace(_result(2), value=Fraction(3))  # claims 3, the LP's optimum is 2
    failures = LPStep("max x", Fraction(3), forged).check()
    assert failures and all(m.startswith("max x: ") for m in failures)


def test_a_dead_object_leaves_the_cache():
    cache = CheckCache(16)
    result = _result(1)
    assert cache.failures(result, result.check) == [] and len(cache) == 1
    del result
    gc.collect()
    assert len(cache) == 0


def test_the_cache_is_bounded_and_drops_the_least_recently_used():
    cache = CheckCache(2)
    results = [_result(k) for k in range(3)]
    calls = []

    def checker(k):
        return lambda: calls.append(k) or []

    for k in (0, 1, 0, 2):  # 0 is used again before 2 arrives, so 1 is dropped
        cache.failures(results[k], checker(k))
    assert len(cache) == 2 and calls == [0, 1, 2]
    cache.failures(results[0], checker(0))
    cache.failures(results[1], checker(1))
    assert calls == [0, 1, 2, 1]


def test_checked_selections_are_not_kept_alive():
    for k in range(4):
        game = Game.bimatrix([[0, 7 + k], [2, 6]], [[0, 2], [7, 6]], players=("kept-alive?", "Column"))
        assert fallback(game).verify()
        assert fallback(game, select="dictator-1").verify()
    del game
    fallback_module._selector.cache_clear()  # the bounded cache of selectors per game
    gc.collect()
    alive = [o for o in gc.get_objects() if type(o) is Selection and o.game.players[0] == "kept-alive?"]
    assert alive == []
    assert len(fallback_module._CHECKED) <= 4096 and len(_leximin._CHECKED) <= 4096
