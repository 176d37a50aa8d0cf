"""Laporan: the period's headline figures at a glance (documents come with the reports)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from klinik.services.reporting import period_figures
from klinik.ui import ops
from klinik.ui.areas.base import DETAIL_CSS, esc
from klinik.ui.context import AppContext
from klinik.ui.detail.reports import period_html
from klinik.ui.documents import show_document
from klinik.ui.i18n import tr


class ReportsArea(QWidget):
    area_key = "reports"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.period = QComboBox()
        self.period.setObjectName("report_period")
        today = date.today()
        quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        for text, start in (
            (tr("Tahun ini"), date(today.year, 1, 1)),
            (tr("Triwulan ini"), quarter_start),
            (tr("Bulan ini"), today.replace(day=1)),
            (tr("Tahun lalu"), date(today.year - 1, 1, 1)),
        ):
            end = date(today.year - 1, 12, 31) if start.year < today.year else today
            self.period.addItem(text, (start, end))
        self.period.addItem(tr("Periode khusus …"), None)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.date_from = QDateEdit(date(today.year, 1, 1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setVisible(False)
            edit.dateChanged.connect(self.reload)
        from klinik.services.consultants import list_consultants

        people = [(p.id, p.name) for p in ops.fetch(self, ctx, lambda db: list_consultants(db=db))]
        kabs = ctx.kabupaten_choices()
        self.consultant = QComboBox()
        self.consultant.setObjectName("report_consultant")
        self.consultant.addItem(tr("Semua konsultan"), None)
        for value, label in people:
            self.consultant.addItem(label, value)
        self.kabupaten = QComboBox()
        self.kabupaten.setObjectName("report_kabupaten")
        self.kabupaten.addItem(tr("Semua kabupaten/kota"), None)
        for value, label in kabs:
            self.kabupaten.addItem(label, value)
        self.consultant.currentIndexChanged.connect(self.reload)
        self.kabupaten.currentIndexChanged.connect(self.reload)
        self.pdf_button = QPushButton(tr("Buat laporan PDF …"))
        self.pdf_button.setObjectName("report_pdf")
        self.pdf_button.clicked.connect(self.show_pdf)
        self._figures = ops.Latest(self, ctx, "Laporan")
        self.view = QTextBrowser()
        self.view.document().setDefaultStyleSheet(DETAIL_CSS)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Periode:")))
        bar.addWidget(self.period)
        bar.addWidget(self.date_from)
        bar.addWidget(self.date_to)
        bar.addWidget(self.consultant)
        bar.addWidget(self.kabupaten)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _period_changed(self) -> None:
        custom = self.period.currentData() is None
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        self.reload()

    def period_range(self) -> tuple[date, date]:
        chosen = self.period.currentData()
        if chosen is not None:
            return chosen
        start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        return (start, end) if start <= end else (end, start)

    def show_pdf(self) -> None:
        """The period report for funders, built in the background, to preview, save, print."""
        start, end = self.period_range()
        consultant_id = self.consultant.currentData()
        kabupaten = self.kabupaten.currentData()
        store = self.ctx.store

        def build(_progress):
            from klinik.services.documents import period_report

            with store.session() as db:
                pdf = period_report(
                    db=db, date_from=start, date_to=end,
                    consultant_id=consultant_id, kabupaten=kabupaten,
                )  # fmt: skip
            return pdf, f"Laporan periode {start.isoformat()} sd {end.isoformat()}", ""

        show_document(self, title=tr("Laporan periode"), build=build)

    def reload(self) -> None:
        """Recount the period in the background (a province's quarter takes seconds)."""
        start, end = self.period_range()
        consultant_id = self.consultant.currentData()
        kabupaten = self.kabupaten.currentData()
        counting = tr("Menghitung …")
        self.view.setHtml("<p class='muted'>" + esc(counting) + "</p>")
        # A newer period or filter interrupts the count before it; only the newest is shown.
        self._figures.query(
            lambda db: period_figures(
                db=db, date_from=start, date_to=end,
                consultant_id=consultant_id, kabupaten=kabupaten,
            ),
            success=lambda figures: self.view.setHtml(self.render(figures)),
        )  # fmt: skip

    def render(self, f) -> str:
        return period_html(f, self.ctx.lang)
