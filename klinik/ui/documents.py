"""Showing a generated PDF: preview, save as, print. Documents are built off the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klinik.lazy import lazy_function
from klinik.ui.i18n import tr
from klinik.ui.tasks import Progress, run_task

# reportlab only when a document is made
safe_filename = lazy_function("klinik.reports.base", "safe_filename")
write_atomic = lazy_function("klinik.reports.base", "write_atomic")

logger = logging.getLogger(__name__)


class DocumentDialog(QDialog):
    """A PDF on screen with Save as and Print; ``note`` says e.g. that it is only a draft."""

    def __init__(
        self, parent: QWidget | None, title: str, pdf: bytes, file_name: str, note: str = ""
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf = pdf
        self.file_name = file_name
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.note = QLabel(note)
        self.note.setObjectName("document_note")
        self.note.setStyleSheet("color: #b3261e;")
        self.note.setVisible(bool(note))
        save = QPushButton(tr("Simpan sebagai …"))
        save.setObjectName("save_as")
        save.clicked.connect(self.save_as)
        print_button = QPushButton(tr("Cetak …"))
        print_button.setObjectName("print")
        print_button.clicked.connect(self.print_document)
        close = QPushButton(tr("Tutup"))
        close.clicked.connect(self.accept)
        pages = QLabel(tr("{n} halaman").format(n=self.document.pageCount()))
        pages.setObjectName("page_count")
        buttons = QHBoxLayout()
        buttons.addWidget(pages)
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(QSize(820, 900))

    def save_as(self, path: str | None = None) -> Path | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("Simpan PDF"), str(Path.home() / self.file_name), tr("PDF (*.pdf)")
            )
        if not path:
            return None
        try:
            return write_atomic(path, self.pdf)
        except OSError as exc:
            QMessageBox.warning(
                self, "Klinik", tr("Berkas tidak dapat disimpan: {error}").format(error=exc)
            )
            return None

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Qt's print dialog, then each page drawn at the printer's resolution."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.file_name)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, "Klinik", tr("Printer tidak dapat dipakai."))
            return False
        try:
            for index in range(self.document.pageCount()):
                if index:
                    printer.newPage()
                target = painter.viewport()
                size = self.document.pagePointSize(index)
                scale = min(target.width() / size.width(), target.height() / size.height())
                image = self.document.render(
                    index, QSize(int(size.width() * scale), int(size.height() * scale))
                )
                painter.drawImage(0, 0, image)
        finally:
            painter.end()
        return True


def show_document(
    parent: QWidget,
    *,
    title: str,
    build: Callable[[Progress], tuple[bytes, str, str]],
    on_shown: Callable[[DocumentDialog], None] | None = None,
) -> None:
    """Build a document in the background (``build`` returns bytes, file name, note) and show
    it when ready; a progress dialog appears if it takes more than half a second."""

    def done(result: tuple[bytes, str, str]) -> None:
        pdf, file_name, note = result
        dialog = DocumentDialog(parent, title, pdf, safe_filename(file_name), note)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_shown is not None:
            on_shown(dialog)
        dialog.open()

    run_task(parent, build, on_done=done, label=tr("Menyiapkan dokumen …"))
