"""Laporan: the period's headline figures at a glance (documents come with the reports)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from klinik.domain.vocab import Area, OutcomeKind
from klinik.services.stats import period_summary
from klinik.ui.areas.base import DETAIL_CSS, esc
from klinik.ui.context import AppContext
from klinik.ui.fmt import fmt_date, vocab_label
from klinik.ui.i18n import QT_TR_NOOP, tr


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
        self.period.currentIndexChanged.connect(self.reload)
        self.view = QTextBrowser()
        self.view.document().setDefaultStyleSheet(DETAIL_CSS)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Periode:")))
        bar.addWidget(self.period)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def reload(self) -> None:
        start, end = self.period.currentData()
        with self.ctx.session() as db:
            s = period_summary(session=db, date_from=start, date_to=end)
        figures = [
            (tr("UMKM didampingi"), s["clients_assisted"]),
            (tr("Klien baru"), s["new_clients"]),
            (tr("Sesi"), s["sessions"]),
            (tr("Jam pendampingan"), s["hours"]),
        ]
        kv = "".join(
            f"<tr><td class='k'>{esc(k)}</td><td><b>{esc(v)}</b></td></tr>" for k, v in figures
        )
        areas = "".join(
            f"<tr><td>{esc(a.label(self.ctx.lang))}</td><td align='right'>{esc(s['hours_by_area'].get(a.value, 0))}</td></tr>"
            for a in Area
        )
        outcomes = (
            "".join(
                f"<tr><td>{esc(vocab_label(OutcomeKind, k))}</td><td align='right'>{esc(v)}</td></tr>"
                for k, v in sorted(s["outcomes"].items())
            )
            or f"<tr><td class='muted'>{esc(tr('Belum ada hasil tercatat.'))}</td></tr>"
        )
        self.view.setHtml(
            f"<h2>{esc(fmt_date(start))} – {esc(fmt_date(end))}</h2>"
            f"<table class='kv'>{kv}</table>"
            f"<h3>{esc(tr('Jam per bidang'))}</h3><table class='grid'>{areas}</table>"
            f"<h3>{esc(tr('Hasil'))}</h3><table class='grid'>{outcomes}</table>"
        )


# lupdate does not read inside f-strings: these marks put those texts in the .ts file.
_FSTRING_TEXTS = (
    QT_TR_NOOP("Belum ada hasil tercatat."),
    QT_TR_NOOP("Jam per bidang"),
    QT_TR_NOOP("Hasil"),
)
