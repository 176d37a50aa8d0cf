"""Showing errors: a known problem as a plain message, a bug with its details and the log."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from klinik import paths
from klinik.errors import KnownError, ValidationError
from klinik.ui.i18n import tr

logger = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, ValidationError):
        text = "\n".join(f"• {e.message}" for e in exc.errors)
        QMessageBox.warning(parent, "Klinik", text)
        return
    if isinstance(exc, KnownError):
        QMessageBox.warning(parent, "Klinik", str(exc))
        return
    if isinstance(exc, OSError):
        QMessageBox.warning(
            parent,
            "Klinik",
            tr("Berkas tidak dapat dibaca atau ditulis: {error}").format(error=exc),
        )
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Klinik")
    box.setText(
        tr(
            "Terjadi kesalahan di Klinik. Data yang sudah disimpan aman.\nRincian dicatat di {log}."
        ).format(log=paths.logs_dir() / "klinik.log")
    )
    box.setDetailedText("".join(traceback.format_exception(exc)))
    box.exec()


def install_excepthook() -> None:
    """Log every uncaught exception with its traceback and show a dialog (Vorta's way)."""

    def hook(exc_type, exc, tb):
        logger.error("uncaught exception", exc_info=(exc_type, exc, tb))
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            show_error(None, exc)
        except Exception:  # the dialog itself failed: the log has the traceback
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
