"""Rujukan: referrals to agencies, their status and letter numbers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QInputDialog, QMessageBox

from klinik.domain.vocab import REFERRAL_TRANSITIONS, ReferralStatus
from klinik.services import letters as letter_service
from klinik.services import referrals as referral_service
from klinik.ui import ops
from klinik.ui.areas.base import ListArea
from klinik.ui.detail.referrals import ReferralView, referral_html
from klinik.ui.documents import show_document
from klinik.ui.fmt import fmt_date, vocab_choices, vocab_label
from klinik.ui.i18n import QT_TR_NOOP, tr
from klinik.ui.table_model import Column

WAITING = [
    (14, QT_TR_NOOP("Menunggu > 14 hari")),
    (30, QT_TR_NOOP("Menunggu > 30 hari")),
    (60, QT_TR_NOOP("Menunggu > 60 hari")),
]

ACTIONS = [
    (ReferralStatus.ACCEPTED, QT_TR_NOOP("Diterima")),
    (ReferralStatus.DECLINED, QT_TR_NOOP("Ditolak")),
    (ReferralStatus.COMPLETED, QT_TR_NOOP("Selesai")),
]


class ReferralsArea(ListArea):
    area_key = "referrals"

    def columns(self) -> list[Column]:
        return [
            Column("created_on", tr("Dibuat"), "created_on", fmt_date, width=110),
            Column("business_name", tr("Klien"), "client", width=190),
            Column("agency", tr("Instansi"), "agency", width=230),
            Column("purpose_label", tr("Keperluan"), None, None, width=170),
            Column("status", tr("Status"), "status", lambda v: vocab_label(ReferralStatus, v), width=90),
            Column("letter_number", tr("Nomor surat"), None, width=150),
        ]  # fmt: skip

    def default_sort(self) -> str:
        return "-created_on"

    def build_filters(self) -> None:
        self.search.setPlaceholderText(tr("Cari klien, instansi, nomor surat … (Ctrl+F)"))
        self.status = self.combo_filter(
            tr("Semua status"), vocab_choices(ReferralStatus), "filter_status"
        )
        agencies = [
            (a.id, a.name)
            for a in ops.fetch(self, self.ctx, lambda db: referral_service.list_agencies(db=db))
        ]
        self.agency = self.combo_filter(tr("Semua instansi"), agencies, "filter_agency")
        self.waiting = self.combo_filter(
            tr("Lama menunggu"), [(d, tr(t)) for d, t in WAITING], "filter_waiting"
        )

    def build_actions(self) -> None:
        self.issue_action = self.add_action(tr("Terbitkan surat"), self.issue_letter)
        self.add_action(tr("Lihat surat"), self.view_letter)
        self.status_actions = {}
        for status, text in ACTIONS:
            self.status_actions[status] = self.add_action(
                tr(text), lambda s=status: self.change_status(s)
            )
        self.add_action(tr("Buka kasus"), self._open_case, more=True)

    def _filters(self) -> dict[str, Any]:
        return {
            "search": self.search_text(),
            "status": self.status.currentData(),
            "agency_id": self.agency.currentData(),
            "waiting_days": self.waiting.currentData(),
        }

    def fetch(self, db, filters, *, offset, limit, sort):
        return referral_service.list_referrals(
            db=db, offset=offset, limit=limit, sort=sort, **filters
        ).rows

    def count(self, db, filters: dict[str, Any]) -> int:
        return referral_service.count_referrals(db=db, **filters)

    def count_text(self, total: int) -> str:
        return tr("{n} rujukan").format(n=total)

    def detail_data(self, db, record_id: int) -> ReferralView:
        r = referral_service.get_referral(db=db, referral_id=record_id)
        return ReferralView(
            referral=r,
            agency=referral_service.get_agency(db=db, agency_id=r.agency_id),
            purposes=letter_service.purpose_labels(db=db),
        )

    def render_html(self, data: ReferralView) -> str:
        return referral_html(data)

    def after_detail(self, data: ReferralView) -> None:
        """The moves the referral's status allows."""
        current = ReferralStatus(data.referral.status)
        self.issue_action.setEnabled(current is ReferralStatus.DRAFT)
        for status, action in self.status_actions.items():
            action.setEnabled(status in REFERRAL_TRANSITIONS[current])

    def issue_letter(self) -> None:
        """Give the draft its number and date, keep the PDF, mark the referral sent."""
        if self.current_id is None:
            return
        referral_id = self.current_id
        answer = QMessageBox.question(
            self,
            tr("Terbitkan surat"),
            tr(
                "Terbitkan surat rujukan ini? Nomor surat berikutnya dipakai dan tidak bisa dipakai lagi, walaupun surat dibatalkan."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def issue(db):
            letter = letter_service.issue_referral_letter(db=db, referral_id=referral_id)
            # In the same session: the letter shown now is the one issuing recorded.
            pdf, _draft = letter_service.letter_pdf(db=db, referral_id=referral_id)
            return letter, pdf

        def issued(result) -> None:
            letter, pdf = result
            self.window().statusBar().showMessage(
                tr("Surat {number} diterbitkan.").format(number=letter.number), 8000
            )
            name = letter.file_name or letter.number
            show_document(self, title=tr("Surat rujukan"), build=lambda _progress: (pdf, name, ""))

        # Numbering, rendering and writing the PDF run off the GUI thread.
        ops.write(
            self, self.ctx, issue, changed="referral", success=issued,
            label=tr("Menerbitkan surat …"),
        )  # fmt: skip

    def view_letter(self) -> None:
        if self.current_id is None:
            return
        referral_id = self.current_id
        store = self.ctx.store

        def build(_progress):
            with store.session() as db:
                pdf, draft = letter_service.letter_pdf(db=db, referral_id=referral_id)
                ref = referral_service.get_referral(db=db, referral_id=referral_id)
                letter = letter_service.letter_of(db=db, referral_id=referral_id)
            name = letter.file_name if letter is not None else f"Draf rujukan {ref.id}"
            note = (
                tr("DRAF: surat ini belum bernomor. Terbitkan untuk memberi nomor.")
                if draft
                else ""
            )
            return pdf, name, note

        show_document(self, title=tr("Surat rujukan"), build=build)

    def change_status(self, status: ReferralStatus) -> None:
        if self.current_id is None:
            return
        outcome = None
        if status in (ReferralStatus.DECLINED, ReferralStatus.COMPLETED):
            outcome, ok = QInputDialog.getText(self, tr("Rujukan"), tr("Hasil / jawaban instansi:"))
            if not ok:
                return
        referral_id = self.current_id
        ops.write(
            self, self.ctx,
            lambda db: referral_service.change_referral_status(
                db=db, referral_id=referral_id, status=status.value, outcome=outcome
            ),
            changed="referral",
        )  # fmt: skip

    def _open_case(self) -> None:
        if self.current_id is None:
            return
        referral_id = self.current_id
        ops.query(
            self, self.ctx,
            lambda db: referral_service.get_referral(db=db, referral_id=referral_id),
            success=lambda r: self.open_case.emit(r.case_id),
        )  # fmt: skip
