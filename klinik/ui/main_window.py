"""The main window: a home page with the data folder and record counts, and the menus."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from klinik import __version__, paths
from klinik.db.engine import Store
from klinik.services.stats import store_counts


class MainWindow(QMainWindow):
    """Assembles the areas and the actions; each area lives in its own module."""

    def __init__(self, store: Store):
        super().__init__()
        self.store = store
        self.setWindowTitle(self.tr("Klinik — Pendampingan UMKM"))
        self.resize(1100, 700)
        central = QWidget()
        layout = QVBoxLayout(central)
        self.welcome = QLabel()
        self.welcome.setWordWrap(True)
        layout.addWidget(self.welcome)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self._build_menus()
        self.refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Berkas"))
        quit_action = QAction(self.tr("&Keluar"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Bantuan"))
        about = QAction(self.tr("&Tentang Klinik"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def refresh(self) -> None:
        with self.store.session() as db:
            counts = store_counts(session=db)
        self.welcome.setText(
            self.tr(
                "<h2>Selamat datang di Klinik</h2>"
                "<p>Klien: {clients} · Kasus: {cases} · Sesi: {sessions} · Rujukan: {referrals}</p>"
                "<p>Folder data: {folder}</p>"
            ).format(folder=paths.data_dir(), **counts)
        )
        self.statusBar().showMessage(
            self.tr("{clients} klien, {cases} kasus, {sessions} sesi").format(**counts)
        )

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Tentang Klinik"),
            self.tr("Klinik {version}<br>Folder data: {folder}").format(
                version=__version__, folder=paths.data_dir()
            ),
        )
