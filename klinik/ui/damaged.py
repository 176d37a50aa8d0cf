"""A damaged store at start: offer the newest good backup, or say what to do without one.

Choosing the backup keeps the damaged file (and its log) beside it as
``klinik.sqlite3.rusak-YYYYmmdd-HHMMSS``, copies the verified backup into place with the same
machinery as Berkas → Pulihkan dari cadangan, and opens the window on it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from klinik import paths
from klinik.errors import DamagedStore, EmptyStore, KnownError
from klinik.ui.fmt import fmt_date
from klinik.ui.i18n import tr

logger = logging.getLogger(__name__)


def _when(exc: DamagedStore) -> str:
    taken = exc.backup.taken_at
    return f"{fmt_date(taken.date())} {taken:%H:%M}"


class DamagedStoreBox(QMessageBox):
    """The question shown instead of the window: restore the newest good backup, or quit."""

    def __init__(self, exc: DamagedStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("damaged_store")
        self.setIcon(QMessageBox.Icon.Critical)
        empty = isinstance(exc, EmptyStore)
        self.setWindowTitle(tr("Basis data kosong") if empty else tr("Basis data rusak"))
        self.setStyleSheet(
            "QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 34em; }"
        )
        if empty:
            self.setText(
                tr("Basis data Klinik kosong, padahal ada cadangan berisi data. Klinik tidak "
                   "membuat basis data baru di atasnya.")
            )  # fmt: skip
        else:
            self.setText(tr("Basis data Klinik rusak dan tidak dapat dibuka dengan aman."))
        lines = [tr("Berkas: {path}").format(path=exc.path)]
        if exc.reason:
            lines.append(tr("Masalah: {reason}").format(reason=exc.reason))
        self.restore_button = None
        if exc.backup is not None:
            b = exc.backup
            lines += [
                "",
                tr("Cadangan baik terbaru: {when} — {clients} klien, {cases} kasus, {sessions} sesi.")
                .format(when=_when(exc), clients=b.clients, cases=b.cases, sessions=b.sessions),
                tr("Data yang dimasukkan sesudah cadangan itu tidak ada di dalamnya. Berkas "
                   "sekarang tidak dihapus: disimpan dengan tanggal dan jam."),
            ]  # fmt: skip
            self.restore_button = self.addButton(
                tr("Pulihkan cadangan terbaru ({when})").format(when=_when(exc)),
                QMessageBox.ButtonRole.AcceptRole,
            )
            self.restore_button.setObjectName("restore")
        else:
            lines += [
                "",
                tr("Tidak ada cadangan yang baik di {folder}.").format(folder=paths.backups_dir()),
                tr("Jangan hapus berkas itu. Salin seluruh folder data {folder} ke tempat aman dan "
                   "minta bantuan teknisi; sebagian besar data sering masih bisa diselamatkan. "
                   "Untuk mulai dengan basis data kosong, pindahkan berkas itu ke folder lain lalu "
                   "buka Klinik lagi.").format(folder=paths.data_dir()),
            ]  # fmt: skip
        self.setInformativeText("\n".join(lines))
        self.quit_button = self.addButton(tr("Keluar"), QMessageBox.ButtonRole.RejectRole)
        self.quit_button.setObjectName("quit")
        self.setDefaultButton(self.restore_button or self.quit_button)
        self.setEscapeButton(self.quit_button)

    def wants_restore(self) -> bool:
        return self.restore_button is not None and self.clickedButton() is self.restore_button


def offer_restore(exc: DamagedStore, parent: QWidget | None = None):
    """Ask; on "restore", keep the damaged file aside, restore and open the backup.

    Returns ``(store, aside)`` with the opened store and where the damaged file was kept, or
    None when the user quits or the restore fails (the reason was shown)."""
    from klinik.db.backup import restore_backup
    from klinik.db.engine import known_revisions, open_store

    logger.error("damaged store at start: %s", exc)
    box = DamagedStoreBox(exc, parent)
    box.exec()
    if not box.wants_restore():
        return None
    try:
        aside: Path = restore_backup(exc.backup.path, known_revisions=known_revisions())
        logger.warning("restored %s; the damaged store was kept as %s", exc.backup.path, aside)
        store = open_store()
    except KnownError as err:
        QMessageBox.critical(parent, "Klinik", str(err))
        return None
    return store, aside


def restored_message(exc: DamagedStore, aside: Path) -> str:
    """The status bar's note after the window opened on the restored backup."""
    return tr("Dipulihkan dari cadangan {when}. Berkas sebelumnya disimpan sebagai {path}.").format(
        when=_when(exc), path=aside
    )
