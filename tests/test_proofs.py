"""Every file in proofs/ runs standalone, exits 0 and prints the numbers it claims."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

PROOFS = ROOT / "proofs"

KEY_OUTPUT = {
    "coco_curse_half.py": ["val(Z) = t/2 for all t >= 0", "CoCo(G^t) = (W/2 + val, W/2 - val) = (t/2 + 3, 3 - t/2)",
                           "library coco at t = 1000: ('503', '-497')", "('500', '-500')"],
    "chicken_parametric.py": ["c in (-inf, -6]: -c", "c in (-6, inf): 6", "coco(G^c) = (6, 6) for every c > 0: holds (as claimed)",
                              "t in (5, inf): 1/2*t - 5/2", "gain < t/2 for t > 0: holds (as claimed)",
                              "library gain at t = 5001/1000: 1/2000; parametric: 1/2000",
                              "fallback[dictator-2]_1(free) < 7 = fallback[dictator-2]_1(locked) for every x in [0, 7): "
                              "holds (as claimed)",
                              "... and for every x >= 0: fails -- fails on {7}, e.g. at x = 7: 7 < 7 is false",
                              "coco_1(free) >= coco_1(locked) = 9/2 for every x >= 0: holds (as claimed)"],
    "curse_fallback_invariance.py": ["fallback[dictator-1] = (17/2, 7/2) for every t >= 0: PROVED",
                                     "fallback[welfare] = (3/2, 3/2) for every t >= 0: PROVED",
                                     "coco_1 constant in t >= 0: False -- fails on (5, inf), e.g. at t = 6: 13/2 = 6 is false"],
    "chicken_monotonicity.py": ["fallback[dictator-1]               7      17/2      3/2  holds",
                                "fallback[dictator-2]               7       7/2     -7/2  VIOLATED",
                                "fallback[dictator-1]: phi_1 3/2 -> 1: VIOLATED"],
    "star_is_shapley.py": ["n = 5: 31 unknowns v(S); (star)_i - Sh_i expands to [0, 0, 0, 0, 0]"],
    "dominated_curse.py": ["coco: ('0', '0') -> ('999/2', '-999/2')", "coco: ('3/2', '3/2') -> ('501', '-498')",
                           "max CE probability of K = 0 (LP certificate verifies: True)"],
    "characterisation.py": ["coco = ('9/2', '9/2')", "violations: 0",
                            "Kalai & Kalai's uniqueness theorem (cited)"],
}


def test_every_proof_has_expectations():
    assert sorted(p.name for p in PROOFS.glob("*.py")) == sorted(KEY_OUTPUT)


@pytest.mark.parametrize("name", sorted(KEY_OUTPUT))
def test_proof_runs_and_proves(name):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, str(PROOFS / name)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "RESULT: PROVED" in done.stdout
    for needle in KEY_OUTPUT[name]:
        assert needle in done.stdout, needle
