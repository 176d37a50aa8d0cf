"""show_error writes to the log what it shows: a known problem at INFO, a bug at ERROR with
its traceback."""

from __future__ import annotations

import errno
import logging

import pytest
from PySide6.QtWidgets import QMessageBox

from klinik import paths
from klinik.errors import FieldError, Refusal, ValidationError
from klinik.logs import setup_logging
from klinik.ui.errors import show_error


@pytest.fixture
def log_file(data_dir):
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_klinik", False)]:
        root.removeHandler(handler)
    setup_logging()
    log = paths.logs_dir() / "klinik.log"

    def read() -> str:
        for handler in root.handlers:
            handler.flush()
        return log.read_text(encoding="utf-8")

    return read


def test_a_known_problem_is_logged_at_info_with_what_the_user_was_told(
    qtbot, log_file, monkeypatch
):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    show_error(None, OSError(errno.ENOSPC, "No space left on device", "/media/usb/x.pdf"))
    show_error(None, Refusal("Klien ini belum menyetujui rujukan."))
    show_error(None, ValidationError(FieldError("code", "Kode instansi X sudah ada.")))
    assert len(warned) == 3
    lines = [line for line in log_file().splitlines() if "klinik.ui.errors" in line]
    assert len(lines) == 3 and all(" INFO " in line for line in lines)
    assert "/media/usb" in lines[0]
    assert "belum menyetujui rujukan" in lines[1]
    assert "Kode instansi X sudah ada." in lines[2]
    assert "Traceback" not in log_file()


def test_a_bug_is_logged_at_error_with_its_traceback(qtbot, log_file, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)

    def broken():
        return [][3]

    try:
        broken()
    except IndexError as exc:
        show_error(None, exc)
    text = log_file()
    assert " ERROR klinik.ui.errors" in text
    assert "Traceback" in text and "in broken" in text and "IndexError" in text
