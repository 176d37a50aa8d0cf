"""The main window: assembles the areas, the menus and shortcuts, the status bar.

Each area lives in ``klinik/ui/areas/``; this module only wires them together.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from klinik import __version__, paths
from klinik.errors import NotFound
from klinik.services.consultants import get_consultant
from klinik.services.stats import store_counts
from klinik.ui import ops
from klinik.ui.areas.base import ListArea
from klinik.ui.areas.cases import CasesArea
from klinik.ui.areas.clients import ClientsArea
from klinik.ui.areas.home import HomeArea
from klinik.ui.areas.referrals import ReferralsArea
from klinik.ui.areas.reports import ReportsArea
from klinik.ui.areas.sessions import SessionsArea
from klinik.ui.context import AppContext
from klinik.ui.i18n import tr

logger = logging.getLogger(__name__)

UNDO_SECONDS = 15
BACKUP_EVERY_MS = 60 * 60 * 1000


_FROZEN = False


def _freeze_startup_objects() -> None:
    """What exists once the window is built (modules, the ORM's mappers, Qt wrappers) lives
    as long as Klinik: keep it out of the garbage collector's full passes. Without this a
    full pass over it held the GIL for 150-200 ms, in whichever thread it fell, and the
    window stood still meanwhile (issue 13). Once per process."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.collect()
        gc.freeze()


class MainWindow(QMainWindow):
    """Side bar of areas on the left, the chosen area on the right."""

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.store = ctx.store
        self.setWindowTitle(tr("Klinik — Pendampingan UMKM"))
        self.setMinimumSize(QSize(1000, 600))

        self.home = HomeArea(ctx)
        self.clients = ClientsArea(ctx)
        self.cases = CasesArea(ctx)
        self.sessions = SessionsArea(ctx)
        self.referrals = ReferralsArea(ctx)
        self.reports = ReportsArea(ctx)
        style = self.style()
        sp = QStyle.StandardPixmap
        self.areas = [
            (self.home, tr("Beranda"), sp.SP_DirHomeIcon),
            (self.clients, tr("Klien"), sp.SP_DirIcon),
            (self.cases, tr("Kasus"), sp.SP_FileDialogDetailedView),
            (self.sessions, tr("Sesi"), sp.SP_FileDialogContentsView),
            (self.referrals, tr("Rujukan"), sp.SP_ArrowForward),
            (self.reports, tr("Laporan"), sp.SP_FileDialogInfoView),
        ]
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("QListWidget#nav { font-size: 14px; padding-top: 6px; }")
        self.stack = QStackedWidget()
        for widget, text, icon in self.areas:
            QListWidgetItem(style.standardIcon(icon), text, self.nav)
            self.stack.addWidget(widget)
        self.nav.currentRowChanged.connect(self._area_changed)

        # A bar that offers to undo the last archive for a few seconds.
        self.undo_bar = QWidget()
        self.undo_bar.setObjectName("undo_bar")
        self.undo_bar.setStyleSheet("#undo_bar { background: #fff4ce; }")
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(10, 4, 10, 4)
        self.undo_label = QLabel()
        self.undo_button = QPushButton(tr("Urungkan"))
        self.undo_button.setObjectName("undo_button")
        self.undo_button.clicked.connect(self._undo)
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.setVisible(False)
        self._undo_action: Callable[[], None] | None = None
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(lambda: self.undo_bar.setVisible(False))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.undo_bar)
        right_layout.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)

        for area in (self.clients, self.cases, self.sessions, self.referrals):
            area.open_case.connect(self.show_case)
            area.open_client.connect(self.show_client)
        self.home.open_case.connect(self.show_case)
        self.ctx.data_changed.connect(self._data_changed)
        self.consultant_label = QLabel()
        self.consultant_label.setObjectName("consultant_label")
        self.statusBar().addPermanentWidget(self.consultant_label)
        self._build_menus()
        self._status = ops.Latest(self, ctx, "status bar")
        self._loaded: set[str] = set()
        # Backups: at most hourly while there are changes, and when the window closes.
        self._changed_since_backup = False
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_EVERY_MS)
        self._backup_timer.timeout.connect(self.backup_if_changed)
        self._backup_timer.start()
        self.restore_layout()
        self.nav.setCurrentRow(0)
        self.update_status()
        _freeze_startup_objects()

    # --- menus ----------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&Berkas"))
        self._action(file_menu, tr("&Baru …"), self.new_record, QKeySequence.StandardKey.New)
        self._action(
            file_menu, tr("Catat &sesi untuk kasus terpilih"), self.log_session_for_case,
            QKeySequence("Ctrl+Shift+S"),
        )  # fmt: skip
        self._action(
            file_menu, tr("&Ekspor daftar ini …"), self.export_current, QKeySequence("Ctrl+E")
        )
        self._action(file_menu, tr("&Cadangkan sekarang"), self.backup_now)
        self._action(file_menu, tr("&Pulihkan dari cadangan …"), self.restore_from_backup)
        self._action(file_menu, tr("&Impor klien dari Excel/CSV …"), self.import_clients)
        self._action(file_menu, tr("Batalkan impor terakhir …"), self.undo_import)
        file_menu.addSeparator()
        self._action(file_menu, tr("Ganti &konsultan …"), self.switch_consultant)
        self._action(file_menu, tr("&Pengaturan klinik …"), self.clinic_settings)
        self._action(file_menu, tr("&Instansi rujukan …"), self.edit_agencies)
        self._action(file_menu, tr("Keperluan dan &templat surat …"), self.edit_purposes)
        self._action(file_menu, tr("Daftar k&onsultan …"), self.edit_consultants)
        self._action(file_menu, tr("Ba&hasa …"), self.choose_language)
        file_menu.addSeparator()
        self._action(file_menu, tr("&Keluar"), self.close, QKeySequence.StandardKey.Quit)
        view = bar.addMenu(tr("&Tampilan"))
        self._action(view, tr("&Cari"), self.focus_search, QKeySequence.StandardKey.Find)
        self._action(view, tr("&Muat ulang"), self.reload_current, QKeySequence.StandardKey.Refresh)
        view.addSeparator()
        for i, (_widget, text, _icon) in enumerate(self.areas):
            self._action(
                view,
                text,
                lambda _=False, i=i: self.nav.setCurrentRow(i),
                QKeySequence(f"Ctrl+{i + 1}"),
            )
        help_menu = bar.addMenu(tr("Ban&tuan"))
        self._action(help_menu, tr("&Tentang Klinik"), self.show_about)

    # --- navigation -----------------------------------------------------------------------

    def _area_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        widget = self.areas[row][0]
        widget.reload()
        self._loaded.add(widget.area_key)

    def current_area(self):
        return self.stack.currentWidget()

    def show_case(self, case_id: int) -> None:
        self.nav.setCurrentRow(2)
        self.cases.search.blockSignals(True)
        self.cases.search.clear()
        self.cases.search.blockSignals(False)
        for combo in (
            self.cases.status,
            self.cases.consultant,
            self.cases.kabupaten,
            self.cases.area,
        ):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.cases.reload()
        self.cases.show_record(case_id)  # far down the list: shown alone, found by its id

    def show_client(self, client_id: int) -> None:
        self.nav.setCurrentRow(1)
        self.clients.show_record(client_id)

    def new_record(self) -> None:
        area = self.current_area()
        if area in (self.home, self.reports):
            self.nav.setCurrentRow(1)
            area = self.clients
        if hasattr(area, "new_record"):
            area.new_record()

    def import_clients(self) -> None:
        from klinik.ui.import_dialog import import_clients

        import_clients(self, self.ctx)  # the import emits "client": the lists follow

    def undo_import(self) -> None:
        from klinik.ui.import_dialog import undo_last_import

        undo_last_import(self, self.ctx)  # emits "client" when something was undone

    def export_current(self) -> None:
        area = self.current_area()
        if getattr(area, "export_kind", None) is None:
            QMessageBox.information(
                self, "Klinik", tr("Buka daftar Klien, Kasus atau Sesi untuk mengekspornya.")
            )
            return
        area.export_list()

    def log_session_for_case(self) -> None:
        if self.current_area() is self.cases and self.cases.current_id is not None:
            self.cases.log_session()

    def focus_search(self) -> None:
        area = self.current_area()
        search = getattr(area, "search", None)
        if search is not None:
            search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            search.selectAll()

    def reload_current(self) -> None:
        self.current_area().reload()
        self.update_status()

    def backup_now(self) -> None:
        """Berkas → Cadangkan sekarang: a verified copy in the background, then where it is."""
        if not self._is_sqlite_file():
            QMessageBox.information(
                self, "Klinik", tr("Basis data ini bukan berkas lokal; cadangkan di servernya.")
            )
            return
        from klinik.db.backup import make_backup
        from klinik.ui.tasks import run_task

        def done(path) -> None:
            self._changed_since_backup = False
            self.statusBar().showMessage(tr("Cadangan tersimpan: {path}").format(path=path), 15000)
            self._warn_if_shrunk(path)

        run_task(self, lambda _p: make_backup(), on_done=done, label=tr("Mencadangkan …"))

    def _warn_if_shrunk(self, path) -> None:
        """A backup with far fewer records than the one before was kept apart: say so, and let
        the user file it with the others when the data really did shrink."""
        from klinik.db.backup import make_backup, shrink_note
        from klinik.ui.tasks import run_task

        note = shrink_note(path, window=True)
        if not note:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Data jauh berkurang"), note, parent=self)
        box.setObjectName("shrink_warning")
        accept = box.addButton(
            tr("Data memang berkurang: simpan sebagai cadangan biasa"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        keep = box.addButton(tr("Tutup"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is accept:
            run_task(
                self,
                lambda _p: make_backup(accept_smaller=True),
                label=tr("Mencadangkan …"),
                on_done=lambda made: self.statusBar().showMessage(
                    tr("Cadangan tersimpan: {path}").format(path=made), 15000
                ),
            )

    def restore_from_backup(self, chosen: str | None = None, *, confirm: bool = True) -> bool:
        """Pick a backup (date, time, record counts), verify it, keep the current store aside,
        replace it, and reopen the window's data from it."""
        from PySide6.QtWidgets import QInputDialog

        from klinik.db.backup import list_backups, restore_backup
        from klinik.db.engine import known_revisions, open_store
        from klinik.errors import KnownError
        from klinik.ui.errors import show_error
        from klinik.ui.tasks import shutdown_tasks

        if not self._is_sqlite_file():
            QMessageBox.information(
                self, "Klinik", tr("Basis data ini bukan berkas lokal; pulihkan di servernya.")
            )
            return False
        if chosen is None:
            backups = list_backups()
            if not backups:
                QMessageBox.information(self, "Klinik", tr("Belum ada cadangan."))
                return False
            labels = [
                tr("{when} — {clients} klien, {cases} kasus, {sessions} sesi").format(
                    when=b.taken_at.strftime("%d/%m/%Y %H:%M"), clients=b.clients,
                    cases=b.cases, sessions=b.sessions,
                )
                for b in backups
            ]  # fmt: skip
            label, ok = QInputDialog.getItem(
                self,
                tr("Pulihkan dari cadangan"),
                tr("Cadangan (terbaru di atas):"),
                labels,
                0,
                False,
            )
            if not ok:
                return False
            chosen = str(backups[labels.index(label)].path)
        if confirm and QMessageBox.question(
            self, tr("Pulihkan dari cadangan"),
            tr("Ganti semua data dengan isi cadangan ini? Data sekarang disimpan dulu di folder cadangan."),
        ) != QMessageBox.StandardButton.Yes:  # fmt: skip
            return False
        shutdown_tasks()
        self.store.close()
        try:
            restore_backup(chosen, known_revisions=known_revisions())
        except KnownError as exc:
            show_error(self, exc)
            return False
        finally:
            self.store = self.ctx.store = open_store()
        self.ctx.forget_settings()
        for area in (
            self.home,
            self.clients,
            self.cases,
            self.sessions,
            self.referrals,
            self.reports,
        ):
            area.reload()
        self.update_status()
        self.statusBar().showMessage(tr("Data dipulihkan dari {path}.").format(path=chosen), 15000)
        return True

    def backup_if_changed(self) -> None:
        if not self._changed_since_backup or not self._is_sqlite_file():
            return
        from klinik.db.backup import make_backup
        from klinik.ui.tasks import run_task

        self._changed_since_backup = False
        run_task(
            self,
            lambda _p: make_backup(),
            on_done=self._warn_if_shrunk,
            on_error=self._backup_failed,
        )

    def _backup_failed(self, exc: BaseException) -> None:
        self._changed_since_backup = True
        self.statusBar().showMessage(
            tr("Cadangan otomatis gagal: {error}").format(error=exc), 15000
        )

    def _is_sqlite_file(self) -> bool:
        return self.store.url.startswith("sqlite:///") and paths.database_path().exists()

    def _data_changed(self, _kind: str) -> None:
        self._changed_since_backup = True
        area = self.current_area()
        self._loaded = {area.area_key}
        if not isinstance(area, ListArea):  # the lists follow data_changed themselves
            area.reload()
        self.update_status()

    # --- status bar, undo -----------------------------------------------------------------

    def update_status(self) -> None:
        """The counts and the consultant's name, read by a query op. A message shown while
        they were read (a letter issued, a backup made) is not covered by them."""
        before = self.statusBar().currentMessage()
        consultant_id = self.ctx.consultant_id

        def read(db) -> tuple[dict, str | None]:
            counts = store_counts(db=db)
            if consultant_id is None:
                return counts, None
            try:
                return counts, get_consultant(db=db, consultant_id=consultant_id).name
            except NotFound:
                return counts, None

        def show(result: tuple[dict, str | None]) -> None:
            counts, name = result  # only the newest reading arrives here
            if self.statusBar().currentMessage() == before:
                self.statusBar().showMessage(
                    tr("{clients} klien · {cases} kasus · {sessions} sesi · {referrals} rujukan")
                    .format(**counts)
                )  # fmt: skip
            self.consultant_label.setText(
                tr("Konsultan: {name}").format(name=name) if name else tr("Belum memilih konsultan")
            )

        self._status.query(read, success=show)

    def offer_undo(self, text: str, undo: Callable[[], None]) -> None:
        self._undo_action = undo
        self.undo_label.setText(text)
        self.undo_bar.setVisible(True)
        self._undo_timer.start(UNDO_SECONDS * 1000)

    def _undo(self) -> None:
        action, self._undo_action = self._undo_action, None
        self.undo_bar.setVisible(False)
        if action is not None:
            action()
            self.update_status()

    # --- dialogs --------------------------------------------------------------------------

    def switch_consultant(self) -> None:
        from klinik.ui.first_run import choose_consultant

        # The choice is saved by an op that emits "settings": the status bar and the area
        # on screen (Beranda shows the consultant's own cases) follow.
        choose_consultant(self, self.ctx)

    def clinic_settings(self) -> None:
        from klinik.ui.first_run import clinic_settings_dialog

        clinic_settings_dialog(self, self.ctx)

    def edit_agencies(self) -> None:
        from klinik.ui.directory import agencies_dialog

        agencies_dialog(self, self.ctx).exec()

    def edit_purposes(self) -> None:
        from klinik.ui.directory import purposes_dialog

        purposes_dialog(self, self.ctx).exec()

    def edit_consultants(self) -> None:
        from klinik.ui.directory import consultants_dialog

        consultants_dialog(self, self.ctx).exec()  # its ops emit "consultant"

    def choose_language(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        options = ["Bahasa Indonesia", "English"]
        current = 1 if self.ctx.lang == "en" else 0
        choice, ok = QInputDialog.getItem(
            self, tr("Bahasa"), tr("Bahasa antarmuka (berlaku saat Klinik dibuka lagi):"),
            options, current, False,
        )  # fmt: skip
        if ok:
            QSettings().setValue("ui/lang", "en" if choice == "English" else "id")

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            tr("Tentang Klinik"),
            tr(
                "<h3>Klinik {version}</h3><p>Pendampingan UMKM untuk konsultan Klinik Bisnis.</p>"
                "<p>Folder data:<br><code>{folder}</code></p>"
            ).format(version=__version__, folder=paths.data_dir()),
        )

    # --- remembered layout ----------------------------------------------------------------

    def restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        for area in (self.clients, self.cases, self.sessions, self.referrals):
            area.restore_state(settings)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        for area in (self.clients, self.cases, self.sessions, self.referrals):
            area.save_state(settings)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.save_layout()
        if self._changed_since_backup and self._is_sqlite_file():
            from klinik.db.backup import make_backup
            from klinik.errors import KnownError

            try:
                make_backup()
                self._changed_since_backup = False
            except KnownError as exc:  # closing must not be blocked by a full disk
                logger.warning("backup on close failed: %s", exc)
        super().closeEvent(event)
