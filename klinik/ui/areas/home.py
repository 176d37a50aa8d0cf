"""Beranda: today's work. Each item opens its case."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from klinik.services.home import STALE_DAYS, home_overview
from klinik.ui import ops
from klinik.ui.areas.base import DETAIL_CSS, esc
from klinik.ui.context import AppContext
from klinik.ui.fmt import fmt_date
from klinik.ui.i18n import tr

ROWS_AT_ONCE = 40  # a Beranda with more rows is laid out one section at a time


class HomeArea(QWidget):
    area_key = "home"
    open_case = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.view = QTextBrowser()
        self.view.setObjectName("home_view")
        self.view.setOpenLinks(False)
        self.view.document().setDefaultStyleSheet(DETAIL_CSS)
        self.view.anchorClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        self.overview = None
        self._reads = ops.Latest(self, ctx, "Beranda")
        self._shown = 0

    def reload(self) -> None:
        """Beranda's overview, read off the GUI thread; shown when it arrives."""
        today, consultant_id = date.today(), self.ctx.consultant_id
        if self.overview is None:
            self.heading.setText(tr("Hari ini, {date}").format(date=fmt_date(today)))
            self.view.setHtml("<p class='muted'>" + esc(tr("Memuat …")) + "</p>")
        self._reads.query(
            lambda db: home_overview(db=db, today=today, consultant_id=consultant_id),
            success=lambda overview: self._show(overview, today),
        )

    def _show(self, overview, today: date) -> None:
        self.overview = overview
        self.heading.setText(tr("Hari ini, {date}").format(date=fmt_date(today)))
        o = self.overview

        def section(title: str, items, empty: str, when_label) -> str:
            rows = "".join(
                f"<tr><td style='white-space:nowrap'>{when_label(i)}</td>"
                f"<td><a href='case:{i.case_id}'>{esc(i.client)}</a></td><td>{esc(i.title)}</td></tr>"
                for i in items
            )
            body = (
                f"<table class='grid'>{rows}</table>"
                if rows
                else f"<p class='muted'>{esc(empty)}</p>"
            )
            return f"<h3>{esc(title)} ({len(items)})</h3>{body}"

        def due(i) -> str:
            late = i.when is not None and i.when < today
            text = esc(fmt_date(i.when))
            return f"<span class='missing'>{text}</span>" if late else text

        sections = [
            section(tr("Tindak lanjut jatuh tempo dan terlambat"), o.due_follow_ups,
                    tr("Tidak ada tindak lanjut yang jatuh tempo."), due),
            section(tr("Sesi minggu ini"), o.planned_sessions,
                    tr("Belum ada sesi yang direncanakan minggu ini."), lambda i: esc(fmt_date(i.when))),
            section(tr("Rujukan menunggu jawaban"), o.waiting_referrals,
                    tr("Tidak ada rujukan yang menunggu."), lambda i: esc(fmt_date(i.when))),
            section(tr("Kasus tanpa sesi selama {n} hari").format(n=STALE_DAYS), o.stale_cases,
                    tr("Semua kasus aktif terdampingi."), lambda i: esc(fmt_date(i.when))),
        ]  # fmt: skip
        rows = sum(len(items) for items in (o.due_follow_ups, o.planned_sessions,
                                            o.waiting_referrals, o.stale_cases))  # fmt: skip
        self._shown += 1
        if rows <= ROWS_AT_ONCE:
            self.view.setHtml("".join(sections))
            return
        # A full Beranda (4 x 50 rows) takes Qt's rich text about 70 ms to lay out at once:
        # one section per turn of the event loop keeps the window answering meanwhile.
        self.view.setHtml(sections[0])
        shown = self._shown

        def more(rest: list[str]) -> None:
            if shown != self._shown or not rest:
                return  # a newer overview replaced this one
            self.view.append(rest[0])
            QTimer.singleShot(0, lambda: more(rest[1:]))

        QTimer.singleShot(0, lambda: more(sections[1:]))

    def _clicked(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "case" and value.isdigit():
            self.open_case.emit(int(value))
