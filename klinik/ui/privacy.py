"""Personal data in the window (UU PDP No. 27/2022): consent, the owner's copy, erasure,
and the history of what was done with a client's or a case's records.

The Klien area calls these; the work itself is in ``klinik.services.privacy`` and
``klinik.services.audit``. Slow work (documents, the owner's copy, erasure with VACUUM)
runs off the GUI thread through ``run_task``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from klinik.domain.consent import TEXT_VERSION
from klinik.domain.vocab import AuditAction, ConsentMethod, ConsentPurpose
from klinik.services import audit as audit_service
from klinik.services import clients as client_service
from klinik.services import consultants as consultant_service
from klinik.services import documents
from klinik.services import privacy as privacy_service
from klinik.ui import ops
from klinik.ui.areas.base import esc
from klinik.ui.detail.privacy import agreed_purposes
from klinik.ui.documents import show_document
from klinik.ui.fmt import vocab_choices, vocab_label
from klinik.ui.forms import FieldSpec, RecordForm
from klinik.ui.i18n import QT_TR_NOOP, tr
from klinik.ui.tasks import Cancelled, Progress, run_task

ERASE_WORD = "HAPUS"


def consultant_names(db) -> dict[int, str]:
    """Who recorded what, for the consent history (read by the detail's query op)."""
    return {p.id: p.name for p in consultant_service.list_consultants(db=db)}


def local_time(at: datetime) -> str:
    """An instant as the consultant's clock shows it: "27-11-2026 20:15"."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone().strftime("%d-%m-%Y %H:%M")


def _take_as_filled(form: RecordForm, values: dict[str, Any]) -> None:
    """Values read after the form opened, unless the user already typed: they count as the
    form's starting point (closing it untouched asks nothing)."""
    if form.is_modified():
        return
    for name, value in values.items():
        form.fields[name].set_value(value)
    form._initial = form.values()


# --- consent: record, withdraw, print ------------------------------------------------------


def open_consent_form(parent: QWidget, ctx, *, client_id: int) -> RecordForm:
    """The form for a new consent record; pre-filled with today and (read by a query op) the
    purposes in force. Saved as an op that emits "consent"."""
    values: dict[str, Any] = {
        "given_on": date.today(),
        "method": ConsentMethod.TERTULIS.value,
        "purposes": [],
        "text_version": TEXT_VERSION,
        "recorded_by_id": ctx.consultant_id,
    }
    specs = [
        FieldSpec("given_on", tr("Tanggal persetujuan"), "date", required=True),
        FieldSpec("method", tr("Cara"), "choice", choices=vocab_choices(ConsentMethod)),
        FieldSpec("purposes", tr("Keperluan"), "multichoice",
                  choices=vocab_choices(ConsentPurpose),
                  help=tr("Centang setiap keperluan yang disetujui pemilik; paling sedikit satu.")),
        FieldSpec("text_version", tr("Versi teks persetujuan"),
                  help=tr("Versi teks yang dibaca dan ditandatangani pemilik (tercetak di formulir).")),
        FieldSpec("recorded_by_id", tr("Dicatat oleh"), "choice",
                  choices=[(None, "–"), *ctx.consultant_choices()]),
        FieldSpec("note", tr("Catatan"), "multiline",
                  placeholder=tr("mis. formulir disimpan di map klien")),
    ]  # fmt: skip

    def save(db, raw: dict[str, Any]):
        return privacy_service.record_consent(db=db, client_id=client_id, **raw)

    form = RecordForm(
        parent, tr("Catat persetujuan data pribadi"), specs, save, values=values,
        ctx=ctx, changed="consent",
        intro=tr(
            "Setiap keperluan disetujui sendiri-sendiri. Perubahan keperluan dicatat sebagai "
            "persetujuan baru; yang lama tetap di riwayat."
        ),
    )  # fmt: skip
    form.setObjectName("consent_form")
    form.resize(720, 520)

    def in_force(current) -> None:
        if current is not None:
            _take_as_filled(form, {"purposes": [p.value for p in agreed_purposes(current)]})

    ops.query(
        form, ctx, lambda db: privacy_service.current_consent(db=db, client_id=client_id),
        success=in_force,
    )  # fmt: skip
    return form


def open_withdraw_form(parent: QWidget, ctx, *, client_id: int) -> RecordForm:
    specs = [
        FieldSpec("withdrawn_on", tr("Tanggal penarikan"), "date", required=True),
        FieldSpec("note", tr("Catatan"), "multiline",
                  placeholder=tr("mis. disampaikan lewat telepon")),
    ]  # fmt: skip
    withdrawn_by = ctx.consultant_id

    def save(db, raw: dict[str, Any]):
        return privacy_service.withdraw_consent(
            db=db, client_id=client_id, withdrawn_by_id=withdrawn_by, **raw
        )

    form = RecordForm(
        parent, tr("Tarik persetujuan"), specs, save, values={"withdrawn_on": date.today()},
        ctx=ctx, changed="consent",
        intro=tr(
            "Pemilik data menarik persetujuannya. Sejak tanggal ini tidak ada surat rujukan "
            "baru atau data yang dibagikan ke asosiasi untuk klien ini. Pengolahan yang sudah "
            "dilakukan sebelumnya tetap sah. Catat persetujuan baru bila pemilik setuju lagi."
        ),
    )  # fmt: skip
    form.setObjectName("withdraw_form")
    form.save_button.setText(tr("Tarik persetujuan"))
    form.resize(540, 340)
    return form


def show_consent_form(parent: QWidget, ctx, *, client_id: int | None) -> None:
    """The consent form to print and sign, filled for the client or blank."""
    store = ctx.store

    def build(_progress: Progress) -> tuple[bytes, str, str]:
        with store.session() as db:
            pdf = documents.consent_form(db=db, client_id=client_id)
            if client_id is None:
                return pdf, "Formulir persetujuan data pribadi", ""
            client = client_service.get_client(db=db, client_id=client_id)
        return pdf, f"Formulir persetujuan {client.business_name}", ""

    show_document(parent, title=tr("Formulir persetujuan data pribadi"), build=build)


# --- the owner's copy ----------------------------------------------------------------------


def choose_folder(parent: QWidget, title: str) -> str:
    """The folder for the owner's copy ('' when cancelled); tests replace this."""
    return QFileDialog.getExistingDirectory(parent, title, str(Path.home()))


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def export_client_data(
    parent: QWidget, ctx, *, client_id: int, on_done: Callable[[QMessageBox], None] | None = None
) -> None:
    """'Ekspor semua data klien ini': a JSON and a readable PDF in a folder of the user's
    choice, written in the background; then the two file names and a button to open it."""
    folder = choose_folder(parent, tr("Pilih folder untuk salinan data klien"))
    if not folder:
        return
    store = ctx.store

    def work(_progress: Progress) -> tuple[Path, Path]:
        with store.session() as db:
            return documents.access_copy(db=db, client_id=client_id, folder=folder)

    def done(paths: tuple[Path, Path]) -> None:
        json_path, pdf_path = paths
        box = QMessageBox(parent)
        box.setObjectName("access_done")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(tr("Salinan data klien"))
        box.setText(
            tr(
                "Salinan semua data klien ini tersimpan di {folder}:\n\n• {json}\n• {pdf}\n\n"
                "Berkas JSON berisi semua data (bisa dibaca program lain); PDF berisi data "
                "yang sama untuk dibaca pemilik. Serahkan hanya kepada pemilik data."
            ).format(folder=json_path.parent, json=json_path.name, pdf=pdf_path.name)
        )
        open_button = box.addButton(tr("Buka folder"), QMessageBox.ButtonRole.ActionRole)
        open_button.setObjectName("open_folder")
        box.addButton(tr("Tutup"), QMessageBox.ButtonRole.AcceptRole)
        box.buttonClicked.connect(
            lambda button: open_folder(json_path.parent) if button is open_button else None
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        if on_done is not None:
            on_done(box)

    run_task(parent, work, on_done=done, label=tr("Menyiapkan salinan data klien …"))


# --- erasure ---------------------------------------------------------------------------------


class EraseDialog(QDialog):
    """Says what goes and what stays; the button works only once the name (or HAPUS) is typed."""

    def __init__(self, parent: QWidget | None, *, business_name: str, retention_days: int):
        super().__init__(parent)
        self.setObjectName("erase_dialog")
        self.setWindowTitle(tr("Hapus data pribadi"))
        self.business_name = business_name
        layout = QVBoxLayout(self)
        head = QLabel(tr("Hapus data pribadi {name}?").format(name=business_name))
        head.setStyleSheet("font-size: 15px; font-weight: bold; color: #b3261e;")
        head.setWordWrap(True)
        layout.addWidget(head)
        text = QLabel(
            "<p><b>{gone_head}</b> {gone}</p><p><b>{kept_head}</b> {kept}</p>"
            "<p><b>{final}</b> {backups}</p>".format(
                gone_head=esc(tr("Yang dihapus:")),
                gone=esc(
                    tr(
                        "nama usaha dan nama pemilik, NIK, nomor telepon/WhatsApp, e-mail, "
                        "alamat, NIB/NPWP, catatan klien, catatan sesi, tindak lanjut dan "
                        "rujukan, serta isi dan berkas surat rujukan."
                    )
                ),
                kept_head=esc(tr("Yang tetap ada, tanpa nama, untuk laporan:")),
                kept=esc(
                    tr(
                        "jumlah sesi dan durasinya, tanggal, bidang pendampingan, kabupaten, "
                        "sektor, data usaha (omzet, modal, pekerja), izin dan hasil. Di daftar "
                        "klien tertulis 'Klien terhapus #nomor'."
                    )
                ),
                final=esc(tr("Penghapusan tidak bisa dibatalkan.")),
                backups=esc(
                    tr(
                        "Cadangan yang dibuat sebelum hari ini masih memuat data ini sampai "
                        "cadangan itu dihapus karena lebih tua dari masa simpan cadangan "
                        "({days} hari)."
                    ).format(days=retention_days)
                ),
            )
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(text)
        ask = QLabel(
            tr("Untuk melanjutkan, ketik nama usaha ({name}) atau {word}:").format(
                name=business_name, word=ERASE_WORD
            )
        )
        ask.setWordWrap(True)
        layout.addWidget(ask)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("erase_confirm")
        self.confirm.setAccessibleName(tr("Konfirmasi penghapusan"))
        self.confirm.textChanged.connect(self._update)
        ask.setBuddy(self.confirm)
        layout.addWidget(self.confirm)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.erase_button = QPushButton(tr("Hapus data pribadi"))
        self.erase_button.setObjectName("erase_button")
        self.erase_button.setStyleSheet(
            "QPushButton:enabled { background: #b3261e; color: white; border-radius: 3px; "
            "padding: 4px 14px; }"
        )
        self.erase_button.setMinimumWidth(
            self.erase_button.fontMetrics().horizontalAdvance(self.erase_button.text()) + 36
        )
        self.erase_button.setAutoDefault(False)
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(tr("Batal"))
        cancel.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(580, 380)

    def confirmed(self) -> bool:
        typed = " ".join(self.confirm.text().split()).casefold()
        name = " ".join(self.business_name.split()).casefold()
        return bool(typed) and typed in (name, ERASE_WORD.casefold())

    def _update(self) -> None:
        self.erase_button.setEnabled(self.confirmed())

    def accept(self) -> None:
        if self.confirmed():
            super().accept()


def erase_client_data(
    parent: QWidget, ctx, *, client_id: int, on_done: Callable[[Any], None] | None = None
) -> None:
    """Read the client (a query op), ask with ``EraseDialog``, then erase in the background:
    the service in one transaction, the letter files after the commit, then VACUUM."""

    def read(db) -> tuple[Any, bool]:
        client = client_service.get_client(db=db, client_id=client_id)
        return client, client.id in privacy_service.purge_pending(db=db)

    ops.query(parent, ctx, read, success=lambda found: _ask_and_erase(parent, ctx, *found, on_done))


def _ask_and_erase(
    parent: QWidget, ctx, client, unfinished: bool, on_done: Callable[[Any], None] | None
) -> None:
    if client.erased_at is not None and not unfinished:
        return
    days = ctx.settings().get("backup_retention_days", 365)
    dialog = EraseDialog(parent, business_name=client.business_name, retention_days=days)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    store, client_id = ctx.store, client.id

    def work(progress: Progress):
        progress.report(0, 3)  # Batal still possible: nothing is changed yet
        # Once committed the work goes on to the end whatever the user presses.
        result = privacy_service.erase_and_purge(
            store=store, client_id=client_id, step=lambda n: _report_quietly(progress, n, 3)
        )
        return result

    run_task(
        parent, work, on_done=on_done,
        label=tr("Menghapus data pribadi dan membersihkan berkas data … (bisa beberapa menit)"),
    )  # fmt: skip


def _report_quietly(progress: Progress, done: int, total: int) -> None:
    with contextlib.suppress(Cancelled):
        progress.report(done, total)


# --- history -----------------------------------------------------------------------------------


class HistoryDialog(QDialog):
    """Who did what with a record, newest first; only field names, never values."""

    COLUMNS = (
        QT_TR_NOOP("Waktu"),
        QT_TR_NOOP("Oleh"),
        QT_TR_NOOP("Tindakan"),
        QT_TR_NOOP("Data"),
        QT_TR_NOOP("Kolom"),
        QT_TR_NOOP("Keluar dari laptop"),
    )

    def __init__(
        self, parent: QWidget | None, title: str, rows: list[audit_service.EventRow] | None = None
    ):
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        note = QLabel(
            tr(
                "Semua yang dilakukan dengan data ini, terbaru di atas. Hanya nama kolom yang "
                "dicatat, bukan isinya. 'Keluar dari laptop' menandai ekspor dan dokumen cetak."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368;")
        layout.addWidget(note)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("history_table")
        self.table.setHorizontalHeaderLabels([tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(tr("Belum ada yang tercatat."))
        self.empty.setStyleSheet("color: #5f6368;")
        self.empty.setVisible(False)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 520)
        if rows is not None:
            self.show_rows(rows)

    def show_rows(self, rows: list[audit_service.EventRow]) -> None:
        """The events, newest first (read by a query op after the dialog opened)."""
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (
                local_time(row.at),
                row.consultant or "–",
                vocab_label(AuditAction, row.action) or row.action_label,
                row.what(),
                row.fields_text(),
                tr("Ya") if row.leaves_machine else "—",
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 5 and row.leaves_machine:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        for c, cap in enumerate((140, 160, 190, 230, 320, 150)):
            self.table.setColumnWidth(c, min(self.table.columnWidth(c) + 12, cap))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the field names
        self.table.setCurrentCell(-1, -1)
        self.empty.setVisible(not rows)

    def row_texts(self) -> list[list[str]]:
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]


def client_history_dialog(parent: QWidget, ctx, *, client_id: int) -> HistoryDialog:
    """The dialog at once; its rows and the client's name come from a query op."""

    def read(db):
        client = client_service.get_client(db=db, client_id=client_id)
        return client.business_name, audit_service.client_history(db=db, client_id=client.id)

    return _history_dialog(parent, ctx, read)


def case_history_dialog(parent: QWidget, ctx, *, case_id: int) -> HistoryDialog:
    from klinik.services import cases as case_service

    def read(db):
        case = case_service.get_case(db=db, case_id=case_id)
        return case.title, audit_service.case_history(db=db, case_id=case.id)

    return _history_dialog(parent, ctx, read)


def _history_dialog(parent: QWidget, ctx, read) -> HistoryDialog:
    dialog = HistoryDialog(parent, tr("Riwayat data"))

    def show(found) -> None:
        name, rows = found
        dialog.setWindowTitle(tr("Riwayat data — {name}").format(name=name))
        dialog.show_rows(rows)

    ops.query(dialog, ctx, read, success=show)
    return dialog
