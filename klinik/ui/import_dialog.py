"""Impor klien: the spreadsheet clinics already keep, in three steps.

1. Kolom: each column of the sheet and the field it fills (guessed from Indonesian and
   English headers, or remembered from last time); the user corrects the guesses.
2. Periksa: every row is checked before anything is written: rejected rows with their row
   number, column and reason; possible duplicates, each with skip / merge / create.
3. Impor: all or nothing, in the background; the last import can be undone from Berkas.
"""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from klinik.exchange import importer
from klinik.ui.fmt import fmt_number
from klinik.ui.i18n import QT_TR_NOOP, tr
from klinik.ui.tasks import run_task

DECISIONS = [
    ("skip", QT_TR_NOOP("Lewati")),
    ("merge", QT_TR_NOOP("Gabungkan ke klien yang ada")),
    ("create", QT_TR_NOOP("Buat klien baru")),
]
_Index = QModelIndex | QPersistentModelIndex


def _choices(dup: importer.Duplicate) -> list[tuple[str, str]]:
    """The decisions open for a duplicate: two clients may not share a NIK."""
    return [(v, label) for v, label in DECISIONS if not (v == "create" and dup.same_nik)]


class _ListModel(QAbstractTableModel):
    """A read-when-shown table over a plain list of the plan (thousands of rows)."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, items: list[Any]):
        super().__init__()
        self.items = items

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.HEADERS[section])
        return None


class RejectedModel(_ListModel):
    """The rejected rows of a plan (thousands in a long list): read when shown."""

    HEADERS = (QT_TR_NOOP("Baris"), QT_TR_NOOP("Kolom"), QT_TR_NOOP("Masalah"))

    def __init__(self, rejected: list[importer.Rejected]):
        super().__init__(rejected)
        self.rejected = rejected

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        bad = self.rejected[index.row()]
        return (str(bad.row), bad.column, bad.reason)[index.column()]


class DuplicatesModel(_ListModel):
    """The possible duplicates of a plan with the user's decision for each (skip unless
    changed); the decision column is edited in place with a list (DecisionDelegate)."""

    HEADERS = (QT_TR_NOOP("Baris"), QT_TR_NOOP("Mirip dengan"), QT_TR_NOOP("Tindakan"))

    def __init__(self, duplicates: list[importer.Duplicate]):
        super().__init__(duplicates)
        self.duplicates = duplicates
        self.decisions: dict[int, str] = {}  # sheet row -> decision other than skip

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 2 else flags

    def decision(self, row: int) -> str:
        return self.decisions.get(self.duplicates[row].row, "skip")

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        dup = self.duplicates[index.row()]
        if role == Qt.ItemDataRole.EditRole and index.column() == 2:
            return self.decision(index.row())
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return str(dup.row)
        if index.column() == 1:
            return f"{dup.other()} — {dup.reason}"
        return tr(dict(DECISIONS)[self.decision(index.row())])

    def setData(self, index: _Index, value: Any, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != 2:
            return False
        dup = self.duplicates[index.row()]
        if value not in dict(_choices(dup)):
            return False
        self._decide(dup, value)
        self.dataChanged.emit(index, index)
        return True

    def _decide(self, dup: importer.Duplicate, value: str) -> None:
        if value == "skip":
            self.decisions.pop(dup.row, None)
        else:
            self.decisions[dup.row] = value

    def decide_all(self, value: str) -> int:
        """The same decision for every duplicate it is open to; returns how many kept
        theirs (a client with the same NIK is never created twice)."""
        kept = 0
        for dup in self.duplicates:
            if value in dict(_choices(dup)):
                self._decide(dup, value)
            else:
                kept += 1
        if self.duplicates:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self.duplicates) - 1, 2))
        return kept


class DecisionDelegate(QStyledItemDelegate):
    """A list of the decisions open to the duplicate, only while its cell is edited (one
    widget, not one per row: a long list has tens of thousands)."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.setObjectName("import_decision")
        for value, label in _choices(index.model().duplicates[index.row()]):
            combo.addItem(tr(label), value)
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


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
        self.problems = QTableView()
        self.problems.setObjectName("import_problems")
        self.problems.setModel(RejectedModel([]))
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.duplicates = QTableView()
        self.duplicates.setObjectName("import_duplicates")
        self.duplicates_model = DuplicatesModel([])
        self.duplicates.setModel(self.duplicates_model)
        self.duplicates.setItemDelegateForColumn(2, DecisionDelegate(self.duplicates))
        self.duplicates.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.duplicates.verticalHeader().setVisible(False)
        header = self.duplicates.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.decide_all = QComboBox()
        self.decide_all.setObjectName("import_decide_all")
        for value, label in DECISIONS:
            self.decide_all.addItem(tr(label), value)
        apply_all = QPushButton(tr("Terapkan ke semua"))
        apply_all.setObjectName("import_apply_all")
        apply_all.clicked.connect(self._decide_all)
        self.decided_note = QLabel()
        self.decided_note.setObjectName("import_decided_note")
        self.decided_note.setWordWrap(True)
        # A wrapped label beside a stretching table is squeezed to one line unless it asks
        # for its height.
        self.decided_note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        bulk = QHBoxLayout()
        bulk.addWidget(QLabel(tr("Untuk semua kemungkinan duplikat:")))
        bulk.addWidget(self.decide_all)
        bulk.addWidget(apply_all)
        bulk.addStretch(1)
        step2 = QWidget()
        l2 = QVBoxLayout(step2)
        l2.addWidget(self.report)
        # Every column of the sheet and where it goes: a column with data that goes nowhere
        # is said before anything is imported.
        self.columns_warning = QLabel()
        self.columns_warning.setObjectName("import_columns_warning")
        self.columns_warning.setWordWrap(True)
        self.columns_warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.columns_warning.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        l2.addWidget(self.columns_warning)
        self.columns_table = QTableWidget(0, 3)
        self.columns_table.setObjectName("import_columns")
        self.columns_table.setHorizontalHeaderLabels(
            [tr("Kolom di berkas"), tr("Diisi ke"), tr("Baris berisi data")]
        )
        self.columns_table.verticalHeader().setVisible(False)
        self.columns_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        l2.addWidget(self.columns_table, 1)
        self.problems_label = QLabel(tr("Baris yang ditolak (tidak diimpor):"))
        l2.addWidget(self.problems_label)
        l2.addWidget(self.problems, 1)
        self.duplicates_box = QWidget()
        l3 = QVBoxLayout(self.duplicates_box)
        l3.setContentsMargins(0, 0, 0, 0)
        l3.addWidget(QLabel(tr("Kemungkinan duplikat:")))
        l3.addLayout(bulk)
        l3.addWidget(self.decided_note)
        l3.addWidget(self.duplicates, 1)
        l2.addWidget(self.duplicates_box, 2)

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
        self._show_columns(plan)
        self.problems.setModel(RejectedModel(plan.rejected))
        self.problems.resizeColumnsToContents()
        self.problems_label.setVisible(bool(plan.rejected))
        self.problems.setVisible(bool(plan.rejected))
        self.duplicates_model = DuplicatesModel(plan.duplicates)
        self.duplicates_model.dataChanged.connect(lambda *_: self._show_decisions())
        self.duplicates.setModel(self.duplicates_model)
        self.duplicates.setColumnWidth(0, 70)
        self.duplicates.setColumnWidth(2, 230)
        self.duplicates_box.setVisible(bool(plan.duplicates))
        self._kept_note = ""
        self._show_decisions()
        self._show_step(1)

    def _show_columns(self, plan: importer.ImportPlan) -> None:
        table = self.columns_table
        table.setRowCount(len(plan.columns))
        for i, column in enumerate(plan.columns):
            target = (
                tr(importer.IMPORT_FIELDS.get(column.field, column.field))
                if column.field
                else tr("(tidak diimpor)")
            )
            cells = [column.header, target, fmt_number(column.filled)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column.unused:
                    item.setForeground(QColor("#b00020"))
                    item.setToolTip(tr("Kolom ini berisi data, tetapi tidak diimpor."))
                table.setItem(i, j, item)
        table.resizeColumnToContents(0)
        unused = plan.unused_columns
        if unused:
            names = ", ".join(f"“{c.header}”" for c in unused)
            self.columns_warning.setText(
                tr(
                    "Perhatian: kolom {names} berisi data tetapi tidak diimpor; datanya tidak "
                    "akan masuk ke Klinik. Tekan Kembali dan pilih bidangnya di “Diisi ke”, "
                    "atau biarkan bila memang tidak perlu."
                ).format(names=names)
            )
        self.columns_warning.setVisible(bool(unused))

    def _show_decisions(self) -> None:
        """How many duplicates each decision covers now (the summary above is the check's)."""
        model = self.duplicates_model
        chosen = collections.Counter(model.decisions.values())
        skipped = len(model.duplicates) - sum(chosen.values())
        note = tr("Tindakan: {skip} dilewati, {merge} digabungkan, {create} dibuat baru.").format(
            skip=fmt_number(skipped),
            merge=fmt_number(chosen["merge"]),
            create=fmt_number(chosen["create"]),
        )
        self.decided_note.setText(" ".join(filter(None, (note, self._kept_note))))

    def _decide_all(self) -> None:
        kept = self.duplicates_model.decide_all(self.decide_all.currentData())
        self._kept_note = (
            tr(
                "{n} dengan NIK yang sama tidak bisa dibuat sebagai klien baru; "
                "tindakannya tidak diubah."
            ).format(n=fmt_number(kept))
            if kept
            else ""
        )
        self._show_decisions()

    def decisions(self) -> dict[int, str]:
        return dict(self.duplicates_model.decisions)

    def run(self) -> None:
        plan, decisions, store = self.plan, self.decisions(), self.ctx.store

        def work(_progress):
            return importer.run_import(store=store, plan=plan, decisions=decisions)

        self.setEnabled(False)
        run_task(self, work, on_done=self._done, on_error=self._failed, label=tr("Mengimpor …"))

    def _done(self, result: importer.ImportResult) -> None:
        self.setEnabled(True)
        self.result = result
        self.ctx.changed("client")  # the lists and the status bar follow
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


def undo_last_import(parent: QWidget, ctx) -> None:
    """Undo the last import in the background; "client" is emitted when something was
    undone, and what was undone (or that nothing could be) is said."""
    answer = QMessageBox.question(
        parent, tr("Batalkan impor terakhir"),
        tr("Hapus klien yang dibuat oleh impor terakhir dan kembalikan data yang digabungkan?"),
    )  # fmt: skip
    if answer != QMessageBox.StandardButton.Yes:
        return
    store = ctx.store

    def done(result) -> None:
        if result is not None:
            ctx.changed("client")
        text = (
            importer.summary_text(result) if result else tr("Tidak ada impor yang bisa dibatalkan.")
        )
        QMessageBox.information(parent, "Klinik", text)

    run_task(
        parent, lambda _progress: importer.undo_last_import(store=store), on_done=done,
        label=tr("Membatalkan impor …"),
    )  # fmt: skip
