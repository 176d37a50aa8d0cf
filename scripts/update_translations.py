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
    found = shutil.which(f"pyside6-{name}") or str(Path(sys.executable).parent / f"pyside6-{name}")
    return found


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
