"""Long work runs off the GUI thread and comes back on it, with progress and Cancel."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QProgressDialog, QWidget

from klinik.ui.tasks import Cancelled, run_task


def test_result_comes_back_on_the_gui_thread(qtbot):
    gui = threading.get_ident()
    seen = {}

    def work(progress):
        seen["worker"] = threading.get_ident()
        return 42

    task = run_task(
        None, work, on_done=lambda r: seen.update(result=r, done_in=threading.get_ident())
    )
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42
    assert seen["worker"] != gui
    assert seen["done_in"] == gui
    assert task.is_finished


def test_an_error_is_delivered_not_swallowed(qtbot):
    errors = []
    run_task(None, lambda p: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ZeroDivisionError)


def test_slow_work_shows_progress_and_can_be_cancelled(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors = []

    def work(progress):
        for i in range(200):
            progress.report(i, 200)
            time.sleep(0.02)
        return "finished"

    task = run_task(parent, work, label="Mengekspor …", on_error=errors.append)
    qtbot.waitUntil(lambda: parent.findChild(QProgressDialog) is not None, timeout=3000)
    dialog = parent.findChild(QProgressDialog)
    assert dialog.labelText() == "Mengekspor …"
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=3000)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], Cancelled)
    assert task.is_finished


def test_quick_work_shows_no_progress_dialog(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    done = []
    run_task(parent, lambda p: "ok", label="Sebentar", on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=3000)
    qtbot.wait(700)
    assert parent.findChild(QProgressDialog) is None


def test_a_bug_shown_to_the_user_is_in_the_log_it_names(qtbot, data_dir, monkeypatch):
    """The dialog says the details are in logs/klinik.log: they must be there."""
    import logging

    from PySide6.QtWidgets import QMessageBox

    from klinik import paths
    from klinik.logs import setup_logging
    from klinik.ui.errors import show_error

    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_klinik", False)]:
        root.removeHandler(handler)
    setup_logging()
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)

    def broken():
        return {}["kolom_tidak_ada"]

    try:
        broken()
    except KeyError as exc:
        show_error(None, exc)
    log = paths.logs_dir() / "klinik.log"
    assert shown and str(log) in shown[0]
    for handler in root.handlers:
        handler.flush()
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "kolom_tidak_ada" in text and "in broken" in text


def test_a_full_disk_is_a_message_not_a_bug(qtbot, monkeypatch):
    import errno

    from PySide6.QtWidgets import QMessageBox

    from klinik.ui.errors import show_error

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    show_error(None, OSError(errno.ENOSPC, "No space left on device", "/media/usb/x.pdf"))
    assert warned and "Disk penuh" in warned[0] and "/media/usb" in warned[0]
