"""Start the Klinik window: application, language, store, first run, main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from klinik import __version__, paths
from klinik.errors import DamagedStore, KnownError

logger = logging.getLogger(__name__)


def translations_dir():
    return paths.resources_dir() / "i18n"


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Klinik")
    app.setOrganizationName("Klinik")
    app.setApplicationVersion(__version__)
    return app


def install_language(app: QApplication, lang: str) -> None:
    """Indonesian is the source language; English loads klinik_en.qm and Qt's own strings."""
    from klinik.ui.fmt import set_language

    set_language(lang)
    QLocale.setDefault(
        QLocale(QLocale.Language.English if lang == "en" else QLocale.Language.Indonesian)
    )
    for old in getattr(app, "_klinik_translators", []):
        app.removeTranslator(old)
    translators = []
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    if lang == "en":
        ours = QTranslator(app)
        if ours.load("klinik_en", str(translations_dir())):
            app.installTranslator(ours)
            translators.append(ours)
        else:
            logger.warning("English translation not found in %s", translations_dir())
    app._klinik_translators = translators  # type: ignore[attr-defined]


def run_app(*, lang: str | None = None, argv: list[str] | None = None) -> int:
    from klinik.db.engine import open_store
    from klinik.files import restrict_umask
    from klinik.ui.context import AppContext
    from klinik.ui.errors import install_excepthook
    from klinik.ui.first_run import first_run_form, needs_first_run
    from klinik.ui.main_window import MainWindow
    from klinik.ui.tasks import shutdown_tasks

    restrict_umask()  # every file this process writes is private to the user
    app = make_app(argv)
    lang = lang or str(QSettings().value("ui/lang", "id"))
    install_language(app, lang)
    install_excepthook()
    from klinik.ui.single_instance import InstanceServer, ask_running_instance, server_name

    name = server_name()
    if ask_running_instance(name):
        print("Klinik sudah terbuka untuk folder data ini; jendelanya dibawa ke depan.")
        return 0
    instance = InstanceServer(name)
    restored = None
    try:
        store = open_store()
    except DamagedStore as exc:
        from klinik.ui.damaged import offer_restore, restored_message

        opened = offer_restore(exc)
        if opened is None:
            return 1
        store, aside = opened
        restored = restored_message(exc, aside)
    except KnownError as exc:
        QMessageBox.critical(None, "Klinik", str(exc))
        return 1
    warning = paths.storage_warning()
    if warning:
        QMessageBox.warning(None, "Klinik", warning)
    ctx = AppContext(store, lang=lang)
    if needs_first_run(ctx) and not first_run_form(None, ctx).exec():
        store.close()
        return 0
    window = MainWindow(ctx)

    def come_forward() -> None:
        window.showNormal()
        window.raise_()
        window.activateWindow()

    instance.show_requested.connect(come_forward)
    window.show()
    if restored:
        window.statusBar().showMessage(restored, 60000)
    code = app.exec()
    shutdown_tasks()
    store.close()
    return code
