"""The package's import structure: no import cycle, and every import goes down the layers.

The graph is built from the source (AST), so function-level imports count as much as
module-level ones: a cycle hidden inside a function is still a cycle in the design. Imports
under ``if TYPE_CHECKING:`` are left out, since they never run.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "exactbargain"

#: The intended layers, lowest first. A module may import from its own top-level package and
#: from packages of lower layers only. ``exactbargain`` itself (the facade in ``__init__``)
#: sits above the library and below the tools built on it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("numbers", "limits"),
    ("tables", "geometry"),
    ("game",),
    ("lp", "formats"),
    ("equilibria", "examples"),
    ("cooperative",),
    ("bargaining",),
    ("axioms", "parametric"),
    ("strategies", "plot"),
    ("search", "report"),
    ("",),  # the package facade, exactbargain/__init__.py
    ("sweep",),
    ("cli",),
    ("__main__",),
)
LAYER = {name: level for level, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run (all but those under ``if TYPE_CHECKING:``)."""
    out: list[ast.Import | ast.ImportFrom] = []

    def type_checking(test: ast.expr) -> bool:
        return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and type_checking(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                out.append(child)
            visit(child)

    visit(tree)
    return out


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (``from . import x`` points at ``x`` when
    ``x`` is a module, else at the package)."""
    modules = {_module_name(p, package): p for p in package.rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        graph[name]
        package_name = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names if alias.name in modules]
            else:
                if node.level:
                    base = package_name.split(".")[: len(package_name.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                targets = []
                for alias in node.names:
                    if f"{target}.{alias.name}" in modules:
                        targets.append(f"{target}.{alias.name}")
                    elif target in modules:
                        targets.append(target)
            graph[name].update(t for t in targets if t != name)
    return dict(graph)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def connect(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return found


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """Imports that go up the layers or sideways into another package of the same layer."""
    out = []
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            a, b = _top(source), _top(target)
            if a != b and LAYER[b] >= LAYER[a]:
                out.append(f"{source} (layer {LAYER[a]}) imports {target} (layer {LAYER[b]})")
    return out


def test_the_checks_see_a_cycle_and_an_upward_import():
    graph = {"exactbargain.game": {"exactbargain.lp.model"}, "exactbargain.lp.model": {"exactbargain.game"}}
    assert cycles(graph) == [["exactbargain.game", "exactbargain.lp.model"]]
    assert layer_violations(graph) == ["exactbargain.game (layer 3) imports exactbargain.lp.model (layer 4)"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_function_level_imports_count_and_type_checking_imports_do_not(tmp_path):
    package = tmp_path / "exactbargain"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "game.py").write_text("def f():\n    from .report import render\n")
    (package / "report.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .cli import main\nfrom . import game\n")
    (package / "cli.py").write_text("")
    graph = import_graph(package)
    assert graph["exactbargain.game"] == {"exactbargain.report"}
    assert graph["exactbargain.report"] == {"exactbargain.game"}
    assert cycles(graph) == [["exactbargain.game", "exactbargain.report"]]


def test_every_package_has_a_layer():
    assert {_top(m) for m in import_graph()} <= set(LAYER), "a new top-level module needs a place in LAYERS"


def test_the_package_has_no_import_cycle():
    assert cycles(import_graph()) == []


def test_imports_go_down_the_layers():
    assert layer_violations(import_graph()) == []


@pytest.mark.parametrize("module", ["exactbargain.numbers", "exactbargain.tables", "exactbargain.geometry"])
def test_bottom_layers_import_nothing_above_them(module):
    graph = import_graph()
    below = {m for m in graph if LAYER[_top(m)] <= LAYER[_top(module)]}
    reached = set()
    todo = [m for m in graph if m == module or m.startswith(module + ".")]
    while todo:
        m = todo.pop()
        if m not in reached:
            reached.add(m)
            todo.extend(graph.get(m, ()))
    assert reached <= below
