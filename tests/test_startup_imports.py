"""Starting the window imports no document or export library: reportlab, openpyxl, XlsxWriter,
pypdf and alembic cost about a second and load when a document, an export, an import or a
schema upgrade needs them (``klinik.lazy``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ("reportlab", "openpyxl", "xlsxwriter", "pypdf", "alembic", "rapidfuzz", "PIL")

_PROBE = """
import json, sys
import klinik.cli, klinik.ui.app, klinik.ui.main_window, klinik.db.engine
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in HEAVY)))
"""


def test_the_startup_modules_import_no_document_or_export_library():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    code = f"HEAVY = {HEAVY!r}\n{_PROBE}"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_lazy_names_still_reach_the_real_functions():
    from klinik.reports import base
    from klinik.services import documents, letters

    assert letters.safe_filename("Surat: a/b") == base.safe_filename("Surat: a/b")
    assert documents.period_pdf.NAIK_KELAS_LISTED >= 0


def test_the_revisions_read_from_the_files_are_alembics():
    from klinik.db import engine

    assert engine._revision_graph() == engine._alembic_revision_graph()
