"""Impor klien: the spreadsheet clinics already keep, in three steps.

1. Kolom: each column of the sheet and the field it fills (guessed from Indonesian and
   English headers, or remembered from last time); the user corrects the guesses.
2. Periksa: every row is checked before anything is written: rejected rows with their row
   number, column and reason; possible duplicates, each with skip / merge / create.
3. Impor: all or nothing, in the background; the last import can be undone from Berkas.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from klinik.exchange import importer
from klinik.ui.i18n import QT_TR_NOOP, tr
from klinik.ui.tasks import run_task

DECISIONS = [
    ("skip", QT_TR_NOOP("Lewati")),
    ("merge", QT_TR_NOOP("Gabungkan ke klien yang ada")),
    ("create", QT_TR_NOOP("Buat klien baru")),
]


class ImportDialog(QDialog):
    """The import steps for one file; ``result`` is set when the import has run."""

    def __init__(self, parent: QWidget | None, ctx, path: str):
        super().__init__(parent)
        self.ctx, self.path = ctx, path
        self.plan: importer.ImportPlan | None = None
        self.result: importer.ImportResult | None = None
        self.setWindowTitle(tr("Impor klien — {name}").format(name=Path(path).name))
        sheet = importer.preview_sheet(path)  # the headers and a few rows: a long list waits
        remembered = importer.load_mapping(headers=sheet.headers)
        mapping = remembered or importer.guess_mapping(sheet.headers)

        # Step 1: the mapping.
        self.mapping_table = QTableWidget(len(sheet.headers), 3)
        self.mapping_table.setObjectName("import_mapping")
        self.mapping_table.setHorizontalHeaderLabels(
            [tr("Kolom di berkas"), tr("Contoh isi"), tr("Diisi ke")]
        )
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}
        for i, header in enumerate(sheet.headers):
            example = next(
                (str(v[i]) for _, v in sheet.rows if i < len(v) and v[i] not in (None, "")), ""
            )
            self.mapping_table.setItem(i, 0, QTableWidgetItem(header))
            self.mapping_table.setItem(i, 1, QTableWidgetItem(example[:60]))
            combo = QComboBox()
            combo.addItem(tr("(tidak diimpor)"), None)
            for field, label in importer.IMPORT_FIELDS.items():
                combo.addItem(label, field)
            combo.setCurrentIndex(max(combo.findData(mapping.get(header)), 0))
            self.mapping_table.setCellWidget(i, 2, combo)
            self.combos[header] = combo
        step1 = QWidget()
        l1 = QVBoxLayout(step1)
        intro = tr("{n} baris data. Periksa kolom mana mengisi apa; tebakan bisa diubah.").format(
            n=len(sheet.rows)
        )
        if remembered:
            intro += " " + tr("Pemetaan dari impor sebelumnya dipakai.")
        l1.addWidget(QLabel(intro))
        l1.addWidget(self.mapping_table, 1)

        # Step 2: the check.
        self.report = QLabel()
        self.report.setObjectName("import_report")
        self.report.setWordWrap(True)
        self.problems = QTableWidget(0, 3)
        self.problems.setObjectName("import_problems")
        self.problems.setHorizontalHeaderLabels([tr("Baris"), tr("Kolom"), tr("Masalah")])
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.duplicates = QTableWidget(0, 3)
        self.duplicates.setObjectName("import_duplicates")
        self.duplicates.setHorizontalHeaderLabels([tr("Baris"), tr("Mirip dengan"), tr("Tindakan")])
        self.duplicates.verticalHeader().setVisible(False)
        self.duplicates.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.duplicates.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents
        )
        self.decision_boxes: dict[int, QComboBox] = {}
        step2 = QWidget()
        l2 = QVBoxLayout(step2)
        l2.addWidget(self.report)
        l2.addWidget(QLabel(tr("Baris yang ditolak (tidak diimpor):")))
        l2.addWidget(self.problems, 1)
        l2.addWidget(QLabel(tr("Kemungkinan duplikat:")))
        l2.addWidget(self.duplicates, 1)

        self.steps = QStackedWidget()
        self.steps.addWidget(step1)
        self.steps.addWidget(step2)
        self.back = QPushButton(tr("Kembali"))
        self.back.clicked.connect(lambda: self._show_step(0))
        self.next = QPushButton(tr("Periksa"))
        self.next.setObjectName("import_next")
        self.next.clicked.connect(self._next)
        cancel = QPushButton(tr("Batal"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps, 1)
        layout.addLayout(buttons)
        self._show_step(0)
        self.resize(820, 620)

    def mapping(self) -> dict[str, str | None]:
        return {header: combo.currentData() for header, combo in self.combos.items()}

    def _show_step(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        self.back.setVisible(index == 1)
        self.next.setText(tr("Periksa") if index == 0 else tr("Impor"))

    def _next(self) -> None:
        if self.steps.currentIndex() == 0:
            self.check()
        else:
            self.run()

    def check(self) -> None:
        """Plan the import (nothing written) in the background, with progress and Cancel,
        then show what would happen."""
        store, path, mapping = self.ctx.store, self.path, self.mapping()

        def work(progress):
            return importer.plan_import(
                store=store, path=path, mapping=mapping,
                progress=progress.report, cancelled=lambda: progress.cancelled,
            )  # fmt: skip

        self.next.setEnabled(False)
        self.report.setText(tr("Memeriksa baris-baris berkas …"))
        run_task(
            self, work, on_done=self._checked, on_error=self._check_failed,
            label=tr("Memeriksa {name} …").format(name=Path(path).name),
        )  # fmt: skip

    def _check_failed(self, exc: BaseException) -> None:
        from klinik.ui.errors import show_error
        from klinik.ui.tasks import Cancelled

        self.next.setEnabled(True)
        if isinstance(exc, Cancelled | importer.ImportCancelled):
            self.report.setText(tr("Pemeriksaan dibatalkan; tidak ada yang disimpan."))
            return
        self.report.setText("")
        show_error(self, exc)  # a known problem (no business-name column, unreadable file)

    def _checked(self, plan: importer.ImportPlan) -> None:
        self.next.setEnabled(True)
        self.plan = plan
        plan = self.plan
        self.report.setText(importer.summary_text(plan).splitlines()[0])
        self.problems.setRowCount(len(plan.rejected))
        for i, bad in enumerate(plan.rejected):
            for j, value in enumerate((str(bad.row), bad.column, bad.reason)):
                self.problems.setItem(i, j, QTableWidgetItem(value))
        duplicates = plan.duplicates
        self.duplicates.setRowCount(len(duplicates))
        self.decision_boxes = {}
        for i, dup in enumerate(duplicates):
            self.duplicates.setItem(i, 0, QTableWidgetItem(str(dup.row)))
            self.duplicates.setItem(i, 1, QTableWidgetItem(f"{dup.other()} — {dup.reason}"))
            box = QComboBox()
            for value, label in DECISIONS:
                if value == "create" and dup.same_nik:
                    continue  # two clients may not share a NIK
                box.addItem(tr(label), value)
            self.duplicates.setCellWidget(i, 2, box)
            self.decision_boxes[dup.row] = box
        self.problems.resizeColumnsToContents()
        self._show_step(1)

    def decisions(self) -> dict[int, str]:
        return {row: box.currentData() for row, box in self.decision_boxes.items()}

    def run(self) -> None:
        plan, decisions, store = self.plan, self.decisions(), self.ctx.store

        def work(_progress):
            return importer.run_import(store=store, plan=plan, decisions=decisions)

        self.setEnabled(False)
        run_task(self, work, on_done=self._done, on_error=self._failed, label=tr("Mengimpor …"))

    def _done(self, result: importer.ImportResult) -> None:
        self.setEnabled(True)
        self.result = result
        QMessageBox.information(self, tr("Impor selesai"), importer.summary_text(result))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from klinik.ui.errors import show_error

        self.setEnabled(True)
        show_error(self, exc)


def import_clients(parent: QWidget, ctx) -> importer.ImportResult | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, tr("Impor klien dari berkas"), str(Path.home()), tr("Lembar kerja (*.xlsx *.csv)")
    )
    if not path:
        return None
    try:
        dialog = ImportDialog(parent, ctx, path)
    except Exception as exc:
        from klinik.ui.errors import show_error

        show_error(parent, exc)
        return None
    dialog.exec()
    return dialog.result


def undo_last_import(parent: QWidget, ctx) -> bool:
    answer = QMessageBox.question(
        parent, tr("Batalkan impor terakhir"),
        tr("Hapus klien yang dibuat oleh impor terakhir dan kembalikan data yang digabungkan?"),
    )  # fmt: skip
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        result = importer.undo_last_import(store=ctx.store)
    except Exception as exc:
        from klinik.ui.errors import show_error

        show_error(parent, exc)
        return False
    text = importer.summary_text(result) if result else tr("Tidak ada impor yang bisa dibatalkan.")
    QMessageBox.information(parent, "Klinik", text)
    return result is not None
