"""Showing errors: a known problem as a plain message, a bug with its details and the log."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from klinik import paths
from klinik.errors import (
    KnownError,
    Refusal,
    ValidationError,
    known_os_error,
    known_sqlite_error,
)
from klinik.ui.i18n import tr

logger = logging.getLogger(__name__)


def known_problem(exc: BaseException) -> BaseException | None:
    """What the user can act on: bad input, a refusal, an environment problem (a raw OS or
    SQLite error is mapped here, in ``klinik.errors``). None for a bug."""
    if isinstance(exc, ValidationError | KnownError | Refusal):
        return exc
    if isinstance(exc, OSError):
        return known_os_error(exc)
    return known_sqlite_error(exc)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A known problem as a plain message, logged at INFO (what the user was told); a bug
    logged at ERROR with its traceback, then the dialog that points at the log holding it."""
    known = known_problem(exc)
    if known is not None:
        logger.info("shown to the user: %s: %s", type(exc).__name__, _one_line(known))
    if isinstance(known, ValidationError):
        text = "\n".join(f"• {e.message}" for e in known.errors)
        QMessageBox.warning(parent, "Klinik", text)
        return
    if known is not None:
        QMessageBox.warning(parent, "Klinik", str(known))
        return
    logger.error("bug shown to the user", exc_info=(type(exc), exc, exc.__traceback__))
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


def _one_line(known: BaseException) -> str:
    return " ".join(str(known).split())


def install_excepthook() -> None:
    """Log every uncaught exception with its traceback and show a dialog (Vorta's way)."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            show_error(None, exc)
        except Exception:  # the dialog itself failed: the log has the traceback
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
