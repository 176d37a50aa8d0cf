"""Window tests: QSettings in the test's folder, Indonesian by default, a ready context."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from klinik.services.consultants import create_consultant
from klinik.ui.app import install_language
from klinik.ui.context import AppContext


@pytest.fixture(autouse=True)
def inline_ops(monkeypatch):
    """Window tests read the result of a click at once: ops run on the calling thread,
    through the same code path (tests/ui/test_ops.py covers the threaded path)."""
    from klinik.ui import ops

    monkeypatch.setattr(ops, "INLINE", True)


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path, qapp):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    install_language(qapp, "id")
    yield
    from klinik.ui.tasks import shutdown_tasks

    assert shutdown_tasks(), "a background task was still running after the test"
    install_language(qapp, "id")


@pytest.fixture
def ctx(store) -> AppContext:
    context = AppContext(store, lang="id")
    with store.session() as db:
        person = create_consultant(db=db, name="Siti Rahmawati", title="Konsultan")
    context.update_settings(current_consultant_id=person.id, first_run_done=True)
    return context


@pytest.fixture
def window(qtbot, ctx):
    from klinik.ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    return win
