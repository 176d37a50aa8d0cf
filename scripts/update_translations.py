"""Refresh resources/i18n/klinik_en.ts from the window's tr() strings, then compile the .qm.

Run after changing any text in klinik/ui:  python scripts/update_translations.py
Then translate the new entries (pyside6-linguist, or edit the .ts) and run it again.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "klinik_en.ts"


def tool(name: str) -> str:
    """Qt's own lupdate/lrelease as shipped inside the PySide6 package (the pyside6-* wrappers
    of some releases cannot find them)."""
    import PySide6

    shipped = Path(PySide6.__file__).parent / name
    if shipped.exists():
        return str(shipped)
    return shutil.which(f"pyside6-{name}") or str(Path(sys.executable).parent / f"pyside6-{name}")


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "klinik" / "ui").rglob("*.py"))
    subprocess.run(
        [tool("lupdate"), "-no-obsolete", "-source-language", "id_ID", "-target-language",
         "en_GB", *sources, "-ts", str(TS.relative_to(ROOT))],
        cwd=ROOT, check=True,
    )  # fmt: skip
    subprocess.run([tool("lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
