"""Every import points down: no circle among the services, the reports and the store, and the
PDF builders read what they are given (no database, no services, no audit)."""

from __future__ import annotations

import ast
from pathlib import Path

import klinik

ROOT = Path(klinik.__file__).parent
LAYERS = ("klinik.services", "klinik.reports", "klinik.db")
FORBIDDEN_IN_REPORTS = ("klinik.services", "klinik.db", "sqlmodel", "sqlalchemy")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str) -> set[str]:
    """Every module ``path`` imports, at module level or inside a function (or names through
    ``klinik.lazy``): ``from a import b`` counts as ``a.b`` when that is a module, else as
    ``a``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif (  # klinik.lazy: lazy_module("a.b") and lazy_function("a.b", "name") import a.b
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) in {"lazy_module", "lazy_function"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(node.args[0].value)
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in ROOT.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        graph[name] = {m for m in _imports(path, name) if m in files and m != name}
    return graph


def _in_layers(name: str) -> bool:
    return any(name == layer or name.startswith(layer + ".") for layer in LAYERS)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return out


def test_the_graph_sees_function_level_imports():
    graph = _graph()
    assert "klinik.reports.base" in graph["klinik.services.letters"]
    assert graph["klinik.reports.base"] >= {"klinik.domain.formatting"}


def test_no_circle_among_services_reports_and_the_store():
    graph = _graph()
    layered = {
        name: {m for m in targets if _in_layers(m)}
        for name, targets in graph.items()
        if _in_layers(name)
    }
    assert _cycles(layered) == []


def test_reports_import_no_services_no_store_and_no_orm():
    offending = {}
    for path in (ROOT / "reports").rglob("*.py"):
        name = _module_name(path)
        bad = sorted(
            m
            for m in _imports(path, name)
            if any(m == f or m.startswith(f + ".") for f in FORBIDDEN_IN_REPORTS)
        )
        if bad:
            offending[name] = bad
    assert offending == {}
