"""A whole sweep: plan, run (resuming from an output directory), combine, and verify."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

from .. import __version__
from .execute import execute
from .store import Store, StoreError
from .study import Study, UnitResult, combine, decode_game, study_from_key, to_game

__all__ = ["sweep", "verify", "Progress"]


class Progress:
    """What a progress callback receives after every unit: units done of ``total`` (this
    run's share in ``fresh``), raw games covered and elapsed seconds."""

    __slots__ = ("done", "total", "fresh", "elapsed")

    def __init__(self, done: int, total: int, fresh: int, elapsed: float) -> None:
        self.done, self.total, self.fresh, self.elapsed = done, total, fresh, elapsed

    @property
    def eta(self) -> float | None:
        if not self.fresh:
            return None
        remaining = self.total - self.done
        return self.elapsed / self.fresh * remaining


def sweep(study: Study, *, out: str | Path | None = None, scheduler: str | None = None, workers: int | None = None,
          progress: Callable[[Progress], None] | None = None, command: Sequence[str] | None = None) -> dict:
    """Run ``study`` and return its summary (see :func:`~exactbargain.sweep.study.combine`,
    plus ``seconds``, ``throughput``, ``witnesses``, ``version`` and ``command``).

    With ``out`` the results go to a Parquet dataset there (see :mod:`exactbargain.sweep.store`);
    units already in it are not recomputed.
    """
    start = time.perf_counter()
    units = study.units()
    store = None
    results: list[UnitResult] = []
    done: set[int] = set()
    if out is not None:
        store = Store(out, study)
        store.open()
        done = store.done() & {u.id for u in units}
    todo = [u for u in units if u.id not in done]
    fresh = 0
    computed = 0.0
    for res in execute(study, todo, scheduler, workers):
        if store is not None:
            store.write(res)
        results.append(res)
        fresh += 1
        computed += res.seconds
        if progress is not None:
            progress(Progress(len(done) + fresh, len(units), fresh, time.perf_counter() - start))
    if store is not None:
        results += store.read_all(sorted(done))
    summary = combine(study, results)
    seconds = time.perf_counter() - start
    summary["seconds"] = round(seconds, 3)
    summary["unit_seconds"] = round(sum(r.seconds for r in results), 3)
    summary["cpu_seconds"] = round(sum(r.cpu_seconds for r in results), 3)
    summary["units"] = len(units)
    summary["resumed_units"] = len(done)
    summary["throughput"] = {
        "instances_per_second": round(summary["instances"] / seconds, 1) if seconds and summary["instances"] else None,
        "instances_per_unit_second": (round(summary["instances"] / summary["unit_seconds"], 1)
                                      if summary["unit_seconds"] and summary["instances"] else None),
    }
    summary["witnesses"] = _witnesses(summary, store)
    summary["version"] = __version__
    summary["command"] = list(command) if command is not None else list(sys.argv)
    if store is not None:
        store.write_summary(summary)
    return summary


def _witnesses(summary: dict, store: Store | None) -> dict:
    """``{rule: path of the witness .nfg}`` with a store, else ``{rule: encoded game after}``;
    each axiom's in ``summary["by_axiom"][AXIOM]["witnesses"]``, and the top level's are those
    of the axiom of ``summary["witness_instances"]`` (with several axioms the files are in
    ``witnesses/AXIOM/``)."""
    parts = summary.get("by_axiom", {})
    for axiom, part in parts.items():
        part["witnesses"] = {}
        for rule, w in part["witness_instances"].items():
            if store is None:
                part["witnesses"][rule] = w["after"]
                continue
            folder = store.path / "witnesses" / (axiom if len(parts) > 1 else "")
            part["witnesses"][rule], w["before_file"] = _write_witness(folder, axiom, rule, w)
    out = {}
    for rule, w in summary["witness_instances"].items():
        part = parts[w["axiom"]]
        out[rule] = part["witnesses"][rule]
        if "before_file" in part["witness_instances"][rule]:
            w["before_file"] = part["witness_instances"][rule]["before_file"]
    return out


def _write_witness(folder: Path, axiom: str, rule: str, w: dict) -> tuple[str, str]:
    """Write the games before and after of the witness ``w``; their paths (after, before)."""
    from ..formats import write_game
    from .study import _remove_last

    flat, shape = decode_game(w["after"])
    player = w["player"] - 1
    before, bshape = decode_game(w["before"]) if "before" in w else _remove_last(flat, shape, player)
    folder.mkdir(parents=True, exist_ok=True)
    stem = rule.replace("[", "-").replace("]", "")
    paths = {}
    for name, (f, s) in (("before", (before, bshape)), ("after", (flat, shape))):
        game = to_game(f, s).with_title(f"{axiom} witness for {rule}, player {w['player']}: {name}")
        paths[name] = folder / f"{stem}.{name}.nfg"
        write_game(game, paths[name])
    return str(paths["after"]), str(paths["before"])


def verify(out: str | Path, units: int, seed: int = 0, scheduler: str | None = None,
           workers: int | None = None) -> tuple[list[int], list[str]]:
    """Recompute ``units`` random finished units of the sweep in ``out`` and compare them
    exactly with what is stored. Returns the units checked and the differences found."""
    import json

    path = Path(out)
    marker = path / "study.json"
    if not marker.is_file():
        raise StoreError(f"{path} holds no sweep (no study.json)")
    study = study_from_key(json.loads(marker.read_text()))
    store = Store(path, study)
    done = sorted(store.done())
    if not done:
        raise StoreError(f"{path} holds no finished unit")
    chosen = sorted(random.Random(seed).sample(done, min(units, len(done))))
    by_id = {u.id: u for u in study.units()}
    problems = []
    for res in execute(study, [by_id[k] for k in chosen], scheduler, workers):
        stored = store.read(res.unit)
        for field in ("games", "canonical", "instances", "violations", "exact_solves", "witnesses", "rows"):
            a, b = getattr(res, field), getattr(stored, field)
            if field == "witnesses":
                a = {r: tuple(w) for r, w in a.items()}
            if field == "violations":
                a = {r: list(v) for r, v in a.items()}
            if a != b:
                problems.append(f"unit {res.unit}: {field} {'differ' if field.endswith('s') else 'differs'}")
    return chosen, problems
