"""A study's results on disk: a Parquet dataset, one file per unit, and ``summary.json``.

``DIR/study.json`` identifies the study (a different study into the same ``DIR`` is
refused); ``DIR/units/unit-NNNNNN.parquet`` holds one unit's rows (one per violation, or per
rule value, with exact numbers as ``"p/q"`` text and games in the compact encoding of
:func:`~exactbargain.sweep.study.encode_game`), and the unit's totals in the file's metadata.
Each unit file is written to a temporary name and renamed, so an interrupted run leaves
only whole units; running the same study again skips them. ``summary.json`` and the
witnesses (``witnesses/RULE.nfg``) are written when every unit is done.
"""

from __future__ import annotations

import json
import os
from fractions import Fraction
from pathlib import Path
from typing import Iterable

from ..errors import ExactBargainError
from .execute import require
from .study import Study, UnitResult

__all__ = ["StoreError", "Store"]

_COLUMNS = ("rule", "axiom", "player", "before", "after", "value_before", "value_after", "count")
_VALUE_COLUMNS = ("index", "game", "rule", "values", "count")


class StoreError(ExactBargainError):
    """The output directory cannot hold this study."""


class Store:
    """The output directory ``path`` of ``study``."""

    def __init__(self, path: str | os.PathLike, study: Study) -> None:
        require("pyarrow", "--out")
        self.path = Path(path)
        self.study = study
        self.units = self.path / "units"

    def open(self) -> None:
        """Create the directory, or check that it holds this study."""
        key = self.study.key()
        marker = self.path / "study.json"
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path} exists and is not a directory")
        if marker.exists():
            try:
                found = json.loads(marker.read_text())
            except (OSError, ValueError) as exc:
                raise StoreError(f"{marker} is unreadable ({exc}); it does not describe a sweep") from None
            if found != key:
                diff = sorted(k for k in set(found) | set(key) if found.get(k) != key.get(k))
                raise StoreError(f"{self.path} holds a different study (differs in {', '.join(diff)}); "
                                 f"use another --out directory")
        elif self.path.exists() and any(self.path.iterdir()):
            raise StoreError(f"{self.path} is not empty and holds no sweep (no study.json); use another --out directory")
        self.units.mkdir(parents=True, exist_ok=True)
        if not marker.exists():
            _atomic_text(marker, json.dumps(key, indent=2, sort_keys=True) + "\n")

    def _file(self, unit: int) -> Path:
        return self.units / f"unit-{unit:06d}.parquet"

    def done(self) -> set[int]:
        """The units already written."""
        out = set()
        for f in self.units.glob("unit-*.parquet"):
            try:
                out.add(int(f.stem[len("unit-"):]))
            except ValueError:
                continue
        return out

    def write(self, result: UnitResult) -> None:
        """Write one unit atomically."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = _COLUMNS if self.study.axioms else _VALUE_COLUMNS
        data = {c: [row[c] for row in result.rows] for c in columns}
        table = pa.table(data) if result.rows else pa.table({c: pa.array([], type=_empty_type(c)) for c in columns})
        meta = {"unit": result.unit, "games": result.games, "canonical": result.canonical, "instances": result.instances,
                "solver_calls": result.solver_calls,
                "violations": result.violations, "exact_solves": result.exact_solves,
                "witnesses": {r: [[str(k) for k in w[0]], *w[1:]] for r, w in result.witnesses.items()},
                "seconds": result.seconds, "cpu_seconds": result.cpu_seconds}
        table = table.replace_schema_metadata({"exactbargain.unit": json.dumps(meta)})
        final = self._file(result.unit)
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, final)

    def read(self, unit: int) -> UnitResult:
        """One unit's result as written."""
        import pyarrow.parquet as pq

        table = pq.read_table(self._file(unit))
        meta = json.loads(table.schema.metadata[b"exactbargain.unit"])
        rows = table.to_pylist()
        witnesses = {r: (tuple(Fraction(k) for k in w[0]), *w[1:]) for r, w in meta["witnesses"].items()}
        return UnitResult(meta["unit"], meta["games"], meta["canonical"], meta.get("instances", 0), meta["violations"],
                          meta["exact_solves"], witnesses, rows, meta["seconds"], meta.get("cpu_seconds", 0.0),
                          meta.get("solver_calls", meta["exact_solves"]))

    def read_all(self, units: Iterable[int]) -> list[UnitResult]:
        return [self.read(u) for u in units]

    def write_summary(self, summary: dict) -> None:
        _atomic_text(self.path / "summary.json", json.dumps(summary, indent=2) + "\n")


def _empty_type(column: str):
    import pyarrow as pa

    if column in ("player", "count", "index"):
        return pa.int64()
    if column == "values":
        return pa.list_(pa.string())
    return pa.string()


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)
