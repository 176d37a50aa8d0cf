"""Rujukan: referrals to agencies, their status and letter numbers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QInputDialog, QMessageBox

from klinik.domain.vocab import REFERRAL_TRANSITIONS, ReferralStatus
from klinik.errors import KnownError, Refusal, ValidationError
from klinik.services import letters as letter_service
from klinik.services import referrals as referral_service
from klinik.ui.areas.base import ListArea, esc
from klinik.ui.documents import show_document
from klinik.ui.errors import show_error
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
        with self.ctx.session() as db:
            agencies = [(a.id, a.name) for a in referral_service.list_agencies(session=db)]
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

    def fetch(self, db, *, offset, limit, sort):
        return referral_service.list_referrals(
            session=db, offset=offset, limit=limit, sort=sort, **self._filters()
        ).rows

    def count(self, db, filters: dict[str, Any]) -> int:
        return referral_service.count_referrals(session=db, **filters)

    def count_text(self, total: int) -> str:
        return tr("{n} rujukan").format(n=total)

    def _enable_row_actions(self, enabled: bool) -> None:
        super()._enable_row_actions(enabled)
        if not enabled or self.current_id is None:
            return
        with self.ctx.session() as db:
            ref = referral_service.get_referral(session=db, referral_id=self.current_id)
        current = ReferralStatus(ref.status)
        self.issue_action.setEnabled(current is ReferralStatus.DRAFT)
        for status, action in self.status_actions.items():
            allowed = status in REFERRAL_TRANSITIONS[current]
            action.setEnabled(allowed)

    def render_detail(self, record_id: int) -> str:
        with self.ctx.session() as db:
            r = referral_service.get_referral(session=db, referral_id=record_id)
            agency = referral_service.get_agency(session=db, agency_id=r.agency_id)
            labels = letter_service.purpose_labels(session=db)
        rows = [
            (tr("Instansi"), agency.name),
            (tr("Kepada"), agency.addressee_title),
            (tr("Keperluan"), labels.get(r.purpose, r.purpose)),
            (tr("Status"), vocab_label(ReferralStatus, r.status)),
            (tr("Nomor surat"), r.letter_number),
            (tr("Dibuat"), fmt_date(r.created_on)),
            (tr("Dikirim"), fmt_date(r.sent_on)),
            (tr("Dijawab"), fmt_date(r.answered_on)),
            (tr("Selesai"), fmt_date(r.completed_on)),
            (tr("Hasil"), r.outcome),
            (tr("Catatan"), r.note),
        ]
        kv = "".join(f"<tr><td class='k'>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in rows if v)
        return f"<h2>{esc(tr('Rujukan'))}</h2><p><a href='case:{r.case_id}'>{esc(tr('Buka kasus'))}</a></p><table class='kv'>{kv}</table>"

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
        try:
            with self.ctx.session() as db:
                letter = letter_service.issue_referral_letter(session=db, referral_id=referral_id)
                # In the same session: the letter shown now is the one issuing recorded.
                pdf, _draft = letter_service.letter_pdf(session=db, referral_id=referral_id)
        except (ValidationError, KnownError, Refusal, OSError) as exc:
            show_error(self, exc)
            return
        self.ctx.changed("referral")
        self.reload()
        self.window().statusBar().showMessage(
            tr("Surat {number} diterbitkan.").format(number=letter.number), 8000
        )
        name = letter.file_name or letter.number
        show_document(self, title=tr("Surat rujukan"), build=lambda _progress: (pdf, name, ""))

    def view_letter(self) -> None:
        if self.current_id is None:
            return
        referral_id = self.current_id
        store = self.ctx.store

        def build(_progress):
            with store.session() as db:
                pdf, draft = letter_service.letter_pdf(session=db, referral_id=referral_id)
                ref = referral_service.get_referral(session=db, referral_id=referral_id)
                letter = letter_service.letter_of(session=db, referral_id=referral_id)
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
        try:
            with self.ctx.session() as db:
                referral_service.change_referral_status(
                    session=db, referral_id=self.current_id, status=status.value, outcome=outcome
                )
        except ValidationError as exc:
            show_error(self, exc)
            return
        self.ctx.changed("referral")
        self.reload()

    def _open_case(self) -> None:
        if self.current_id is None:
            return
        with self.ctx.session() as db:
            r = referral_service.get_referral(session=db, referral_id=self.current_id)
        self.open_case.emit(r.case_id)


# lupdate does not read inside f-strings: these marks put those texts in the .ts file.
_FSTRING_TEXTS = (
    QT_TR_NOOP("Rujukan"),
    QT_TR_NOOP("Buka kasus"),
)
