"""Every package states its public names: its ``__init__`` defines ``__all__``, and every name
listed there can be imported from it."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "exactbargain"

def packages(root: Path = PACKAGE) -> list[str]:
    """The dotted names of ``root`` and of every package below it."""
    return sorted(".".join(init.parent.relative_to(root.parent).parts) for init in root.rglob("__init__.py"))


def problems(name: str) -> list[str]:
    """What is wrong with package ``name``'s ``__all__``: missing, not a list or tuple of
    strings, a name listed twice, or a listed name that does not resolve."""
    module = importlib.import_module(name)
    names = getattr(module, "__all__", None)
    if names is None:
        return [f"{name} has no __all__"]
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
        return [f"{name}.__all__ is not a list of names"]
    out = [f"{name}.__all__ lists {n!r} twice" for n in sorted(set(names)) if names.count(n) > 1]
    out += [f"{name}.__all__ lists {n!r}, which {name} does not define" for n in names if not hasattr(module, n)]
    return out


def test_the_check_sees_a_missing_all_and_a_name_that_does_not_resolve(tmp_path, monkeypatch):
    root = tmp_path / "pkgcheck"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("x = 1\n__all__ = ['x', 'y', 'x']\n")
    (root / "sub" / "__init__.py").write_text("z = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert packages(root) == ["pkgcheck", "pkgcheck.sub"]
        assert problems("pkgcheck") == ["pkgcheck.__all__ lists 'x' twice",
                                        "pkgcheck.__all__ lists 'y', which pkgcheck does not define"]
        assert problems("pkgcheck.sub") == ["pkgcheck.sub has no __all__"]
    finally:
        for name in ("pkgcheck", "pkgcheck.sub"):
            sys.modules.pop(name, None)


def test_the_packages_are_found():
    found = packages()
    assert {"exactbargain", "exactbargain.game", "exactbargain.lp", "exactbargain.formats",
            "exactbargain.cooperative", "exactbargain.axioms", "exactbargain.equilibria"} <= set(found)


@pytest.mark.parametrize("name", packages())
def test_every_package_lists_its_public_names(name):
    assert problems(name) == []


@pytest.mark.parametrize("name", packages())
def test_every_listed_name_resolves_and_star_import_gives_exactly_those(name):
    module = importlib.import_module(name)
    names = module.__all__
    scope: dict = {}
    exec(f"from {name} import *", scope)
    assert set(scope) - {"__builtins__"} == set(names)
