"""Start the Klinik window: the application object, the store, the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from klinik import __version__
from klinik.errors import KnownError

logger = logging.getLogger(__name__)


def run_app(*, lang: str | None = None, argv: list[str] | None = None) -> int:
    from klinik.db.engine import open_store
    from klinik.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Klinik")
    app.setOrganizationName("Klinik")
    app.setApplicationVersion(__version__)
    try:
        store = open_store()
    except KnownError as exc:
        QMessageBox.critical(None, "Klinik", str(exc))
        return 1
    window = MainWindow(store)
    window.show()
    code = app.exec()
    store.close()
    return code
