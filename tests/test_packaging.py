"""A plain ``pip install .`` holds everything Klinik imports: no runtime library lives only
in the test extras (openpyxl once did, and an import failed on a fresh machine)."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_modules() -> dict[str, str]:
    """Top-level modules imported anywhere in klinik/ (also inside functions) -> a file."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "klinik").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_every_imported_library_is_a_runtime_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    test_only = {_name(r) for r in project["optional-dependencies"]["test"]} - runtime
    owners = importlib.metadata.packages_distributions()
    missing = []
    for module, where in _imported_modules().items():
        if module in sys.stdlib_module_names or module in ("klinik", "__future__"):
            continue
        dists = {d.lower().replace("_", "-") for d in owners.get(module, [module])}
        if not dists & runtime:
            missing.append(f"{module} ({where}): {sorted(dists)}")
    assert missing == [], "imported but not in [project.dependencies]: " + "; ".join(missing)
    assert test_only, "the test extras hold the test tools"
