"""Sesi: every mentoring session, filterable by consultant, mode, area and dates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from klinik.domain.vocab import Area, SessionMode
from klinik.services import cases as case_service
from klinik.services import clients as client_service
from klinik.services import sessions as session_service
from klinik.ui import ops
from klinik.ui.areas.base import ListArea
from klinik.ui.areas.cases import _consultant_choices, open_session_form
from klinik.ui.detail.sessions import SessionView, session_html
from klinik.ui.fmt import fmt_date, vocab_choices, vocab_label
from klinik.ui.i18n import QT_TR_NOOP, tr
from klinik.ui.table_model import Column

PERIODS = [
    ("7", QT_TR_NOOP("7 hari terakhir")),
    ("30", QT_TR_NOOP("30 hari terakhir")),
    ("90", QT_TR_NOOP("90 hari terakhir")),
    ("365", QT_TR_NOOP("Setahun terakhir")),
    ("future", QT_TR_NOOP("Direncanakan")),
]


class SessionsArea(ListArea):
    area_key = "sessions"
    export_kind = "sessions"

    def columns(self) -> list[Column]:
        return [
            Column("held_on", tr("Tanggal"), "held_on", fmt_date, width=120),
            Column("business_name", tr("Klien"), "client", width=200),
            Column("case_title", tr("Kasus"), None, width=200),
            Column("mode", tr("Cara"), "mode", lambda v: vocab_label(SessionMode, v), width=130),
            Column("minutes", tr("Menit"), "minutes", align_right=True, width=70),
            Column("consultant", tr("Konsultan"), "consultant", width=140),
        ]  # fmt: skip

    def default_sort(self) -> str:
        return "-held_on"

    def build_filters(self) -> None:
        self.search.setPlaceholderText(tr("Cari catatan sesi atau klien … (Ctrl+F)"))
        self.consultant = self.combo_filter(
            tr("Semua konsultan"), _consultant_choices(self.ctx)[1:], "filter_consultant"
        )
        self.mode = self.combo_filter(tr("Semua cara"), vocab_choices(SessionMode), "filter_mode")
        self.area = self.combo_filter(tr("Semua bidang"), vocab_choices(Area), "filter_area")
        self.period = self.combo_filter(
            tr("Semua tanggal"), [(k, tr(v)) for k, v in PERIODS], "filter_period"
        )

    def build_actions(self) -> None:
        self.add_action(tr("Ubah sesi"), self.edit_current)
        self.add_action(tr("Buka kasus"), self._open_case)

    def _filters(self) -> dict[str, Any]:
        held_from = held_to = None
        period = self.period.currentData()
        today = date.today()
        if period == "future":
            held_from = today + timedelta(days=1)
        elif period:
            held_from, held_to = today - timedelta(days=int(period)), today
        return {
            "search": self.search_text(),
            "consultant_id": self.consultant.currentData(),
            "mode": self.mode.currentData(),
            "area": self.area.currentData(),
            "held_from": held_from,
            "held_to": held_to,
        }

    def fetch(self, db, filters, *, offset, limit, sort):
        return session_service.list_sessions(
            db=db, offset=offset, limit=limit, sort=sort, **filters
        ).rows

    def count(self, db, filters: dict[str, Any]) -> int:
        return session_service.count_sessions(db=db, **filters)

    def count_text(self, total: int) -> str:
        return tr("{n} sesi").format(n=total)

    def detail_data(self, db, record_id: int) -> SessionView:
        s = session_service.get_session(db=db, session_id=record_id)
        case = case_service.get_case(db=db, case_id=s.case_id)
        return SessionView(
            session=s,
            case=case,
            client=client_service.get_client(db=db, client_id=case.client_id),
            areas=session_service.session_areas(db, [s.id])[s.id],
            follow_ups=session_service.list_follow_ups(
                db=db, session_id=s.id, open_only=False, limit=None
            ).rows,
        )

    def render_html(self, data: SessionView) -> str:
        return session_html(data)

    def _case_of_current(self, then) -> None:
        if self.current_id is None:
            return
        session_id = self.current_id
        ops.query(
            self, self.ctx,
            lambda db: session_service.get_session(db=db, session_id=session_id),
            success=then,
        )  # fmt: skip

    def _open_case(self) -> None:
        self._case_of_current(lambda s: self.open_case.emit(s.case_id))

    def edit_current(self) -> None:
        self._case_of_current(
            lambda s: open_session_form(self, self.ctx, case_id=s.case_id, session_id=s.id)
        )
