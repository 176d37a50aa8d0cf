"""Ekspor: the current list (its filters and sort) to CSV, XLSX or PDF for an association.

Columns are chosen with their Indonesian headers; personal ones are marked and protected
unless "Sertakan data pribadi" is ticked; column sets are kept as presets named after an
association, each with its CSV separator. The separator is ';' under the Indonesian
interface (Indonesian Excel's list separator), ',' otherwise; a CSV holding NIK or NIB shows a
warning under the format choice that recommends XLSX. The export runs in the background with
a progress bar and Cancel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klinik.errors import ValidationError
from klinik.exchange import export
from klinik.lazy import lazy_function
from klinik.ui.i18n import QT_TR_NOOP, tr
from klinik.ui.tasks import run_task

# reportlab only when a document is made
safe_filename = lazy_function("klinik.reports.base", "safe_filename")

KIND_TITLES = {
    "clients": QT_TR_NOOP("Ekspor daftar klien"),
    "cases": QT_TR_NOOP("Ekspor daftar kasus"),
    "sessions": QT_TR_NOOP("Ekspor daftar sesi"),
}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
DELIMITER_LABELS = (
    (";", QT_TR_NOOP("Titik koma ( ; ) – Excel berbahasa Indonesia")),
    (",", QT_TR_NOOP("Koma ( , ) – Excel berbahasa Inggris")),
    ("\t", QT_TR_NOOP("Tab")),
)


class ExportDialog(QDialog):
    """Choose format, columns (or a preset) and personal data, then pick the file."""

    def __init__(
        self,
        parent: QWidget | None,
        ctx,
        *,
        kind: str,
        filters: dict[str, Any],
        sort: str | None,
        rows_hint: str = "",
    ):
        super().__init__(parent)
        self.ctx, self.kind, self.filters, self.sort = ctx, kind, filters, sort
        self.setWindowTitle(tr(KIND_TITLES[kind]))
        self.summary: export.ExportSummary | None = None

        self.format = QComboBox()
        self.format.setObjectName("export_format")
        for value, label in (("xlsx", "Excel (.xlsx)"), ("csv", "CSV (.csv)"), ("pdf", "PDF")):
            self.format.addItem(label, value)
        self.format.currentIndexChanged.connect(self._update_csv_parts)
        self.csv_warning = QLabel()
        self.csv_warning.setObjectName("export_csv_warning")
        self.csv_warning.setWordWrap(True)
        self.csv_warning.setStyleSheet("color: #b3261e;")
        self.csv_warning.hide()
        self.delimiter = QComboBox()
        self.delimiter.setObjectName("export_delimiter")
        for value, label in DELIMITER_LABELS:
            self.delimiter.addItem(tr(label), value)
        self._set_delimiter(None)
        self.preset = QComboBox()
        self.preset.setObjectName("export_preset")
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        save_preset = QPushButton(tr("Simpan sebagai preset …"))
        save_preset.clicked.connect(self.save_preset)
        preset_row = QHBoxLayout()
        preset_row.addWidget(self.preset, 1)
        preset_row.addWidget(save_preset)

        self.columns = QListWidget()
        self.columns.setObjectName("export_columns")
        defaults = set(export.DEFAULT_COLUMNS[kind])
        personal_mark = "  (" + tr("data pribadi") + ")"
        for column in export.columns_for(kind):
            text = column.header + (personal_mark if column.personal else "")
            item = QListWidgetItem(text)
            item.setData(KEY_ROLE, column.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if column.key in defaults else Qt.CheckState.Unchecked
            )
            self.columns.addItem(item)
        self.columns.itemChanged.connect(self._update_csv_parts)

        self.personal = QCheckBox(tr("Sertakan data pribadi (NIK, no. HP, alamat, omzet)"))
        self.personal.setObjectName("export_personal")
        self.personal.toggled.connect(self._personal_toggled)
        self.personal_note = QLabel(
            tr("Data pribadi hanya disertakan untuk klien yang menyetujui berbagi data dengan asosiasi. Tanpa pilihan ini NIK tidak ikut, no. HP disamarkan, alamat hanya sampai kecamatan, dan omzet diganti kelas usaha.")
        )  # fmt: skip
        self.personal_note.setWordWrap(True)
        self.personal_note.setStyleSheet("color: #5f6368;")

        form = QFormLayout()
        form.addRow(tr("Format"), self.format)
        form.addRow(self.csv_warning)
        form.addRow(tr("Pemisah kolom CSV"), self.delimiter)
        form.addRow(tr("Preset"), preset_row)
        layout = QVBoxLayout(self)
        if rows_hint:
            hint = QLabel(rows_hint)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("Kolom:")))
        layout.addWidget(self.columns, 1)
        layout.addWidget(self.personal)
        layout.addWidget(self.personal_note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Ekspor …"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Batal"))
        buttons.accepted.connect(self.choose_file_and_export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._load_presets()
        self._update_csv_parts()
        self.resize(520, 620)

    # --- columns and presets ---------------------------------------------------------------

    def chosen_columns(self) -> list[str]:
        return [
            self.columns.item(i).data(KEY_ROLE)
            for i in range(self.columns.count())
            if self.columns.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_columns(self, keys: list[str]) -> None:
        wanted = set(keys)
        for i in range(self.columns.count()):
            item = self.columns.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(KEY_ROLE) in wanted else Qt.CheckState.Unchecked
            )

    def _load_presets(self, select: str | None = None) -> None:
        self.preset.blockSignals(True)
        self.preset.clear()
        self.preset.addItem(tr("(kolom bawaan)"), None)
        for name in export.list_presets(self.kind):
            self.preset.addItem(name, name)
        if select is not None:
            self.preset.setCurrentIndex(max(self.preset.findData(select), 0))
        self.preset.blockSignals(False)

    def _preset_chosen(self) -> None:
        name = self.preset.currentData()
        self.set_columns(
            export.DEFAULT_COLUMNS[self.kind]
            if name is None
            else export.load_preset(self.kind, name)
        )
        # A preset saved before separators were kept gets the language's default.
        self._set_delimiter(None if name is None else export.preset_delimiter(self.kind, name))

    def _set_delimiter(self, value: str | None) -> None:
        value = value or export.default_delimiter(getattr(self.ctx, "lang", None))
        self.delimiter.setCurrentIndex(max(self.delimiter.findData(value), 0))

    def save_preset(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(
                self, tr("Simpan preset"), tr("Nama preset (mis. Akumandiri, APINDO, Dekranasda):")
            )
            if not ok or not name.strip():
                return
        export.save_preset(
            self.kind, name.strip(), self.chosen_columns(), delimiter=self.delimiter.currentData()
        )
        self._load_presets(select=name.strip())

    def _personal_toggled(self, on: bool) -> None:
        self.personal_note.setStyleSheet("color: #b3261e;" if on else "color: #5f6368;")
        self._update_csv_parts()

    def _update_csv_parts(self, *_: Any) -> None:
        """The separator applies to CSV only; a CSV that will hold NIK or NIB gets the
        warning (a NIK left out without personal data is not in the file: no warning)."""
        csv = self.format.currentData() == "csv"
        self.delimiter.setEnabled(csv)
        headers: list[str] = []
        if csv:
            try:
                written = export.written_columns(
                    self.kind, self.chosen_columns(), self.personal.isChecked()
                )
            except ValidationError:  # no column, or only personal ones: said on Ekspor
                written = []
            headers = export.long_number_headers(self.kind, written)
        if headers:
            self.csv_warning.setText(
                tr("Kolom {columns} berisi nomor panjang. Excel dan spreadsheet lain membaca nomor itu dari berkas CSV sebagai bilangan dan mengubahnya (mis. NIK 16 digit …268 menjadi …270; NIB tampil sebagai 1,23457E+12). Pakai XLSX: di sana nomor itu tersimpan utuh sebagai teks.").format(columns=", ".join(headers))
            )  # fmt: skip
        self.csv_warning.setVisible(bool(headers))

    # --- exporting -------------------------------------------------------------------------

    def choose_file_and_export(self, path: str | None = None) -> None:
        columns = self.chosen_columns()
        if not columns:
            QMessageBox.warning(self, "Klinik", tr("Pilih paling sedikit satu kolom."))
            return
        fmt = self.format.currentData()
        if path is None:
            suggested = Path.home() / safe_filename(tr(KIND_TITLES[self.kind]), suffix=f".{fmt}")
            path, _ = QFileDialog.getSaveFileName(self, tr("Simpan ekspor"), str(suggested))
            if not path:
                return
        self.start_export(path, fmt, columns)

    def start_export(self, path: str, fmt: str, columns: list[str]) -> None:
        store, kind, filters, sort = self.ctx.store, self.kind, self.filters, self.sort
        personal = self.personal.isChecked()
        consultant = self.ctx.consultant_id
        delimiter = self.delimiter.currentData() if fmt == "csv" else None

        def work(progress):
            return export.export_rows(
                store=store, kind=kind, format=fmt, out=path, filters=filters, sort=sort,
                columns=columns, with_personal_data=personal,
                actor=f"konsultan {consultant}" if consultant else None,
                progress=lambda done, total: progress.report(done, total),
                cancelled=lambda: progress.cancelled, delimiter=delimiter,
            )  # fmt: skip

        self.setEnabled(False)
        run_task(self, work, on_done=self._done, on_error=self._failed, label=tr("Mengekspor …"))

    def _done(self, summary: export.ExportSummary) -> None:
        self.setEnabled(True)
        self.summary = summary
        text = tr("{n} baris diekspor ke {path}.").format(n=summary.rows, path=summary.path)
        if summary.note:
            text += "\n\n" + summary.note
        QMessageBox.information(self, tr("Ekspor selesai"), text)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from klinik.ui.errors import show_error
        from klinik.ui.tasks import Cancelled

        self.setEnabled(True)
        if isinstance(exc, (Cancelled, export.ExportCancelled)):
            QMessageBox.information(
                self, "Klinik", tr("Ekspor dibatalkan; tidak ada berkas yang ditulis.")
            )
            return
        show_error(self, exc)
