"""The LP engine's house rules, checked on its source: floats only guide, and every line
that touches them says so; the package names its public API.

A line under ``exactbargain/lp/`` that uses numpy (``np.``) or converts to a float
(``float(``) must carry a ``# float-guide`` comment, so that a reader (or a reviewer of a
change) sees at once where floating point enters and can check that it only chooses what
exact arithmetic then proves.
"""

from __future__ import annotations

import inspect
import io
import tokenize
from pathlib import Path

import pytest

import exactbargain.lp as lp
from exactbargain.lp.guided import guide_available, solve
from exactbargain.lp.simplex import simplex

LP_DIR = Path(lp.__file__).parent
TAG = "float-guide"


def untagged_float_lines(source: str) -> list[int]:
    """Line numbers that use ``np.`` or call ``float(`` without a ``# float-guide`` comment
    on the same line (tokens, so strings and comments that mention them do not count)."""
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    uses, tagged = set(), set()
    for tok, nxt in zip(tokens, tokens[1:]):
        if tok.type == tokenize.NAME and (
            (tok.string == "np" and nxt.string == ".") or (tok.string == "float" and nxt.string == "(")
        ):
            uses.add(tok.start[0])
        if tok.type == tokenize.COMMENT and TAG in tok.string:
            tagged.add(tok.start[0])
    return sorted(uses - tagged)


def test_the_scan_finds_untagged_float_lines_and_ignores_strings():
    source = (
        "import numpy as np  # float-guide\n"
        "a = np.zeros(3)  # float-guide\n"
        "b = np.ones(3)\n"
        "c = float(2)\n"
        "d = 'np.zeros and float( in a string'\n"
        "# np.ones in a comment\n"
        "e = np.array([1,\n"
        "              2])  # float-guide\n"
    )
    assert untagged_float_lines(source) == [3, 4, 7]


@pytest.mark.parametrize("path", sorted(LP_DIR.glob("*.py")), ids=lambda p: p.name)
def test_every_float_line_under_lp_carries_the_float_guide_tag(path):
    bad = untagged_float_lines(path.read_text(encoding="utf-8"))
    assert bad == [], f"{path.name}: lines {bad} use np./float( without '# {TAG}'"


def test_lp_package_declares_its_public_api():
    """``__all__`` names each public name once, every one resolves, and the engine's
    classes and functions exported from the package are all in it."""
    assert len(set(lp.__all__)) == len(lp.__all__)
    assert all(hasattr(lp, name) for name in lp.__all__)
    public = {name for name, value in vars(lp).items() if not name.startswith("_") and callable(value)}
    assert public <= set(lp.__all__)
    assert {"LP", "LPData", "LPResult", "solve", "verify"} <= set(lp.__all__)


#: The public entry points of the LP engine, each documented with numpydoc sections.
ENTRY_POINTS = [
    solve,
    guide_available,
    simplex,
    lp.verify,
    lp.LP,
    lp.LP.add_variable,
    lp.LP.add_variables,
    lp.LP.variable_index,
    lp.LP.add_row,
    lp.LP.set_objective,
    lp.LP.from_matrix,
    lp.LPData.with_objective,
    lp.LPResult.check,
    lp.LPResult.verify,
    lp.OptimalityCertificate.check,
    lp.InfeasibilityCertificate.check,
    lp.UnboundednessCertificate.check,
]


def _sections(obj) -> set[str]:
    """The numpydoc section headers (a title underlined by dashes) of ``obj``'s docstring."""
    lines = [line.strip() for line in inspect.getdoc(obj).splitlines()]
    return {title for title, rule in zip(lines, lines[1:]) if rule and set(rule) == {"-"}}


@pytest.mark.parametrize("obj", ENTRY_POINTS, ids=lambda o: o.__qualname__)
def test_public_entry_points_have_numpydoc_sections(obj):
    sections = _sections(obj)
    needed = {"Returns"} if not inspect.isclass(obj) else set()
    if inspect.isclass(obj) or len(inspect.signature(obj).parameters) > (
        1 if "." in obj.__qualname__ else 0
    ):
        needed.add("Parameters")
    assert needed <= sections, f"{obj.__qualname__} lacks {sorted(needed - sections)}"
