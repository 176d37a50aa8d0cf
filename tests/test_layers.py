"""The shape of the code: files small enough to hold in one's head, and imports that point
down (ui/cli -> services -> reports/domain/db; the domain depends on nothing else of Klinik).

Read from the source with ``ast``, so imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "klinik"

MAX_LINES = 600

# Files still to split (issue 12). The list only shrinks: a file that is split, or shrinks
# to MAX_LINES or fewer, must leave it, and no file may join it.
KNOWN_LARGE: frozenset[str] = frozenset()  # every file is split now; keep it that way


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


_MODULES = frozenset(_module(path) for path in PACKAGE.rglob("*.py"))


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def _imports(path: Path) -> set[str]:
    return _imports_in(
        path.read_text(encoding="utf-8"), _module(path), package=path.name == "__init__.py"
    )


def _imports_in(source: str, module: str, *, package: bool = False) -> set[str]:
    """Every module of Klinik that `source` (of `module`) imports, at the top or inside a
    function.

    ``from klinik import ui`` counts as ``klinik.ui``, ``from klinik.ui.app import run_app``
    as ``klinik.ui.app``, ``from klinik import __version__`` as ``klinik``; relative imports
    are resolved.
    """
    here = module if package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            for alias in node.names:
                submodule = f"{origin}.{alias.name}"
                found.add(submodule if submodule in _MODULES else origin)
    return {name for name in found if name == "klinik" or name.startswith("klinik.")}


def _within(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def test_no_file_is_over_the_limit_but_the_known_ones():
    too_long = {
        _name(path): lines for path in _sources() if (lines := _line_count(path)) > MAX_LINES
    }
    new = {name: lines for name, lines in too_long.items() if name not in KNOWN_LARGE}
    assert new == {}, f"split these files to {MAX_LINES} lines or fewer: {new}"


def test_the_known_large_files_are_still_large():
    """Keeps KNOWN_LARGE honest: a file split or shrunk leaves the list."""
    done = sorted(
        name
        for name in KNOWN_LARGE
        if not (ROOT / name).is_file() or _line_count(ROOT / name) <= MAX_LINES
    )
    assert done == [], f"remove from KNOWN_LARGE (split or {MAX_LINES} lines or fewer): {done}"


def test_reports_domain_and_db_do_not_import_the_ui_or_the_cli():
    wrong = {}
    for path in _sources():
        if not _within(_module(path), "klinik.reports", "klinik.domain", "klinik.db"):
            continue
        upward = sorted(n for n in _imports(path) if _within(n, "klinik.ui", "klinik.cli"))
        if upward:
            wrong[_name(path)] = upward
    assert wrong == {}


def test_the_domain_imports_nothing_of_klinik_but_the_domain_and_errors():
    wrong = {}
    for path in _sources():
        if not _within(_module(path), "klinik.domain"):
            continue
        others = sorted(
            name for name in _imports(path) if not _within(name, "klinik.domain", "klinik.errors")
        )
        if others:
            wrong[_name(path)] = others
    assert wrong == {}


def test_the_checks_see_imports():
    """The walk finds imports at the top, inside functions and relative ones."""
    source = (
        "import klinik.db.engine\n"
        "from klinik import __version__, ui\n"
        "from . import sizeclass\n"
        "from ..errors import KnownError\n"
        "import json\n"
        "def later():\n"
        "    from klinik.cli.output import print_json\n"
    )
    assert _imports_in(source, "klinik.domain.places") == {
        "klinik.db.engine",
        "klinik",
        "klinik.ui",
        "klinik.domain.sizeclass",
        "klinik.errors",
        "klinik.cli.output",
    }
    assert _imports_in("from .output import EXIT_OK", "klinik.cli", package=True) == {
        "klinik.cli.output"
    }
    assert _module(PACKAGE / "demo" / "__init__.py") == "klinik.demo"
    cli = _imports(PACKAGE / "cli" / "__init__.py")
    assert {"klinik.paths", "klinik.cli.parser", "klinik.files"} <= cli  # files: inside _run
    assert "klinik.ui.app" in _imports(PACKAGE / "cli" / "store.py")  # inside cmd_gui
    assert _imports(PACKAGE / "domain" / "__init__.py") <= {"klinik.domain", "klinik.errors"}
