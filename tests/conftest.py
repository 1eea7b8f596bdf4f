"""Shared test configuration: hypothesis profiles and paths.

``default`` is quick (the everyday run); ``ci`` is thorough: select it with
``python -m pytest --hypothesis-profile=ci``. Tests that set their own example count state it
for the default profile through ``profiles.scaled``, so that ``ci`` scales them too.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

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


def run_cli(capsys, *argv):
    """Run the command line in-process on ``argv`` (paths allowed): ``(exit code, stdout, stderr)``."""
    from exactbargain.cli import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
