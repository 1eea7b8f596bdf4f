"""Shared test configuration: hypothesis profiles, paths, and the live Gambit comparisons.

``default`` is quick (the everyday run); ``ci`` is thorough: select it with
``python -m pytest --hypothesis-profile=ci``. Tests that set their own example count state it
for the default profile through ``profiles.scaled``, so that ``ci`` scales them too.

Tests marked ``gambit`` ask an installed pygambit (``python -m pytest -m gambit`` runs just
them); without pygambit they are skipped with the reason, and the same assertions still run
against Gambit's recorded answers (``gambit_answers.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import gambit_answers

settings.register_profile(
    "default",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "exactbargain" / "examples"
# The Gambit corpus is kept with the tests (see tests/data/SOURCE.md).
CORPUS = ROOT / "tests" / "data" / "gambit"

# The recorder is a maintainer's script that needs pygambit, not a module to collect doctests from.
collect_ignore = ["data/record_gambit.py"]


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("gambit") is not None and gambit_answers.pygambit is None:
        pytest.skip(gambit_answers.MISSING)


def run_cli(capsys, *argv):
    """Run the command line in-process on ``argv`` (paths allowed): ``(exit code, stdout, stderr)``."""
    from exactbargain.cli import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
