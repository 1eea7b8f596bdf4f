"""Gambit's answers to the questions the tests ask: recorded, or asked live of pygambit.

Gambit is the cross-check for reading ``.nfg`` files and for equilibria. Its answers are recorded
in ``data/gambit_answers.json`` by ``data/record_gambit.py``, which a maintainer reruns when
Gambit or a recorded question changes; every number there is exact text, ``"p/q"`` or ``"p"``.

A test that compares with Gambit takes an asker, :class:`Recorded` or :class:`Live`, through the
parameter list :data:`ASKERS`, and makes the same assertions on either answer. The default suite
runs both; the ``live`` cases carry the ``gambit`` marker (``python -m pytest -m gambit`` runs
just them) and are skipped, with the reason, when pygambit is not installed (``conftest.py``).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest

try:
    import pygambit
except ImportError:  # the live comparisons are skipped; the recorded ones still run
    pygambit = None

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "gambit"
ANSWERS_FILE = DATA / "gambit_answers.json"

MISSING = "pygambit is not installed (python -m pip install -e '.[gambit]'); the recorded answers are checked instead"
RERECORD = "rerun tests/data/record_gambit.py (needs pygambit) to record Gambit's answer"


@cache
def answers() -> dict:
    """The recording (read once)."""
    return json.loads(ANSWERS_FILE.read_text(encoding="utf-8"))


def text(number) -> str:
    """A Gambit number (its ``Rational``, or the ``Decimal`` of a payoff) as exact text."""
    return str(Fraction(str(number)))


def exact(value):
    """Recorded text as Fractions: nested lists become nested tuples."""
    if isinstance(value, (list, tuple)):
        return tuple(exact(v) for v in value)
    return Fraction(value)


def profile_set(recorded_profiles: list) -> set:
    """Recorded profiles as the set of per-player probability tuples the tests compare."""
    return {exact(profile) for profile in recorded_profiles}


def digest(nfg_text: str) -> str:
    """The SHA-256 of a text: how the recording names a file we wrote and Gambit read back."""
    return hashlib.sha256(nfg_text.encode("utf-8")).hexdigest()


def reading(g) -> dict:
    """pygambit's view of the game ``g``: labels, and each profile's payoffs in C order.

    C order: the first player's action changes slowest, as in ``itertools.product``; the
    null outcome (no payoffs given) reads as zeros, as in Gambit.
    """
    players = list(g.players)
    strategies = [list(p.strategies) for p in players]
    payoffs = []
    for profile in itertools.product(*strategies):
        outcome = g[profile]
        payoffs.append(["0" if outcome is None else text(outcome[p]) for p in players])
    return {
        "title": g.title,
        "description": g.description,
        "players": [p.label for p in players],
        "strategies": [[s.label for s in ss] for ss in strategies],
        "payoffs": payoffs,
    }


def profiles(g, equilibria) -> list:
    """Gambit's mixed-strategy profiles as lists of per-player probabilities, sorted."""
    found = [[[text(e[s]) for s in p.strategies] for p in g.players] for e in equilibria]
    return sorted(found, key=exact)


def matrix(rows) -> list:
    """A matrix of numbers as recorded text."""
    return [[text(v) for v in row] for row in rows]


class Live:
    """Asks the installed pygambit."""

    def read_file(self, path: Path) -> dict:
        return reading(pygambit.read_nfg(str(path)))

    def read_text(self, nfg_text: str) -> dict:
        return reading(pygambit.read_nfg(io.StringIO(nfg_text)))

    def enumpure(self, path: Path) -> list:
        g = pygambit.read_nfg(str(path))
        return profiles(g, pygambit.nash.enumpure_solve(g).equilibria)

    def enummixed(self, path: Path) -> list:
        g = pygambit.read_nfg(str(path))
        return profiles(g, pygambit.nash.enummixed_solve(g, rational=True).equilibria)

    def enummixed_bimatrix(self, A, B) -> list:
        g = pygambit.Game.from_arrays(list(map(list, exact(A))), list(map(list, exact(B))))
        return profiles(g, pygambit.nash.enummixed_solve(g, rational=True).equilibria)

    def lp_solve(self, A) -> dict:
        """The value for the row player and the optimal strategies of the zero-sum game ``A``."""
        M = exact(A)
        g = pygambit.Game.from_arrays([list(row) for row in M], [[-v for v in row] for row in M])
        profile = pygambit.nash.lp_solve(g, rational=True).equilibria[0]
        return {"value": text(profile.payoff(list(g.players)[0])), "strategies": profiles(g, [profile])[0]}

    def __repr__(self) -> str:
        return "live"


class Recorded:
    """Looks the answers up in the recording; a question never asked is an error."""

    def read_file(self, path: Path) -> dict:
        return self._file(path)

    def read_text(self, nfg_text: str) -> dict:
        """A recorded text's reading; for a corpus file as we write it, its players and payoffs.

        The recording names a written corpus file by its SHA-256 (``written``), and only where
        pygambit read it back with the file's players and payoffs.
        """
        for case in answers()["texts"]:
            if case["text"] == nfg_text:
                return case
        sha = digest(nfg_text)
        for entry in answers()["files"].values():
            if sha in entry["written"].values():
                return {"players": entry["players"], "payoffs": entry["payoffs"]}
        raise LookupError(
            "Gambit's reading of this text is not recorded (a corpus file as we write it is recorded "
            f"only where Gambit read back its players and payoffs); {RERECORD}: {nfg_text[:60]!r}"
        )

    def enumpure(self, path: Path) -> list:
        return self._file(path)["enumpure"]

    def enummixed(self, path: Path) -> list:
        return self._file(path)["enummixed"]

    def enummixed_bimatrix(self, A, B) -> list:
        question = (exact(A), exact(B))
        for case in answers()["bimatrices"]:
            if (exact(case["A"]), exact(case["B"])) == question:
                return case["enummixed"]
        raise LookupError(f"Gambit's equilibria of this bimatrix game are not recorded; {RERECORD}")

    def lp_solve(self, A) -> dict:
        for case in answers()["lp_solve"]:
            if exact(case["A"]) == exact(A):
                return case
        raise LookupError(f"Gambit's lp_solve of this matrix game is not recorded; {RERECORD}")

    def _file(self, path: Path) -> dict:
        try:
            return answers()["files"][path.name]
        except KeyError:
            raise LookupError(f"Gambit's answers for {path.name} are not recorded; {RERECORD}") from None

    def __repr__(self) -> str:
        return "recorded"


# Every comparison with Gambit runs once per asker; `-m gambit` selects the live ones.
ASKERS = [pytest.param(Recorded(), id="recorded"), pytest.param(Live(), id="live", marks=pytest.mark.gambit)]
