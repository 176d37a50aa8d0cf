"""Kasus: the list of cases, a case's timeline, status actions, and the forms of a case."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QInputDialog,
    QMenu,
    QMessageBox,
    QToolButton,
)

from klinik.domain.vocab import (
    CASE_TRANSITIONS,
    Area,
    CaseStatus,
    FollowUpOwner,
)
from klinik.services import cases as case_service
from klinik.services import clients as client_service
from klinik.services import letters as letter_service
from klinik.services import referrals as referral_service
from klinik.services import sessions as session_service
from klinik.ui import ops
from klinik.ui.areas.base import ListArea
from klinik.ui.case_forms import (  # noqa: F401 (the area's forms; others import them here)
    consultant_choices,
    open_case_form,
    open_outcome_form,
    open_referral_form,
    open_session_form,
    parse_follow_up_lines,
    pick_client,
    session_form,
)
from klinik.ui.detail.cases import CaseView, case_html
from klinik.ui.documents import show_document
from klinik.ui.fmt import fmt_date, vocab_choices, vocab_label
from klinik.ui.forms import FieldSpec, RecordForm
from klinik.ui.i18n import QT_TR_NOOP, tr
from klinik.ui.table_model import Column

_consultant_choices = consultant_choices

# --- the area ----------------------------------------------------------------------------

STATUS_ACTIONS = [
    (CaseStatus.AKTIF, QT_TR_NOOP("Aktifkan")),
    (CaseStatus.DITUNDA, QT_TR_NOOP("Tunda")),
    (CaseStatus.DIRUJUK, QT_TR_NOOP("Rujuk")),
    (CaseStatus.SELESAI, QT_TR_NOOP("Selesai")),
    (CaseStatus.DITUTUP, QT_TR_NOOP("Tutup (dengan alasan)")),
]


class CasesArea(ListArea):
    area_key = "cases"
    export_kind = "cases"

    def columns(self) -> list[Column]:
        return [
            Column("title", tr("Judul"), "title", width=220),
            Column("business_name", tr("Klien"), "client", width=200),
            Column("status", tr("Status"), "status", lambda v: vocab_label(CaseStatus, v), width=90),
            Column("consultant", tr("Konsultan"), "consultant", width=140),
            Column("areas", tr("Bidang"), None, lambda v: ", ".join(vocab_label(Area, a) for a in v or []), width=160),
            Column("last_activity_on", tr("Aktivitas terakhir"), "last_activity", fmt_date, width=130),
        ]  # fmt: skip

    def default_sort(self) -> str:
        return "-last_activity"

    def build_filters(self) -> None:
        self.search.setPlaceholderText(tr("Cari judul kasus atau klien … (Ctrl+F)"))
        self.status = self.combo_filter(
            tr("Semua status"), vocab_choices(CaseStatus), "filter_status"
        )
        self.consultant = self.combo_filter(
            tr("Semua konsultan"), _consultant_choices(self.ctx)[1:], "filter_consultant"
        )
        kabs = self.ctx.kabupaten_choices()
        self.kabupaten = self.combo_filter(tr("Semua kabupaten/kota"), kabs, "filter_kab")
        self.area = self.combo_filter(tr("Semua bidang"), vocab_choices(Area), "filter_area")
        self.show_archived = QCheckBox(tr("Arsip"))
        self.show_archived.setObjectName("filter_archived")
        self.show_archived.toggled.connect(self.reload)
        self.filter_bar.addWidget(self.show_archived)

    def build_actions(self) -> None:
        self.add_new_button(tr("Kasus baru"), self.new_record)
        self.session_action = self.add_action(tr("Catat sesi"), self.log_session)
        self.session_action.setToolTip(tr("Catat sesi (Ctrl+Shift+S)"))
        self.add_action(tr("Ubah"), self.edit_current)
        self.status_actions = {}
        self.status_menu = QMenu(self)
        for status, text in STATUS_ACTIONS:
            action = self.status_menu.addAction(tr(text))
            action.triggered.connect(lambda _=False, s=status: self.change_status(s))
            self.status_actions[status] = action
        self.status_button = QToolButton()
        self.status_button.setObjectName("status_button")
        self.status_button.setText(tr("Status"))
        self.status_button.setMenu(self.status_menu)
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_button.setEnabled(False)
        self.toolbar.addWidget(self.status_button)
        self.add_action(tr("Ringkasan PDF"), self.show_summary)
        self.add_action(tr("Tindak lanjut"), self.add_follow_up, more=True)
        self.add_action(tr("Rujukan baru"), self.new_referral, more=True)
        self.add_action(tr("Hasil"), self.add_outcome, more=True)
        self.archive_action = self.add_action(tr("Arsipkan"), self.toggle_archive, more=True)
        self.add_action(tr("Riwayat …"), self.show_history, more=True)

    def _filters(self) -> dict[str, Any]:
        return {
            "search": self.search_text(),
            "status": self.status.currentData(),
            "consultant_id": self.consultant.currentData(),
            "kabupaten": self.kabupaten.currentData(),
            "area": self.area.currentData(),
            "archived": self.show_archived.isChecked(),
        }

    def fetch(self, db, filters, *, offset, limit, sort):
        return case_service.list_cases(db=db, offset=offset, limit=limit, sort=sort, **filters).rows

    def count(self, db, filters: dict[str, Any]) -> int:
        return case_service.count_cases(db=db, **filters)

    def count_text(self, total: int) -> str:
        return tr("{n} kasus").format(n=total)

    def _enable_row_actions(self, enabled: bool) -> None:
        super()._enable_row_actions(enabled)
        self.status_button.setEnabled(enabled)

    def after_detail(self, data: CaseView) -> None:
        """The status moves the case allows, from the detail the query op read."""
        case = data.detail.case
        self.archive_action.setText(tr("Pulihkan") if case.archived_at else tr("Arsipkan"))
        allowed = CASE_TRANSITIONS[CaseStatus(case.status)]
        for status, action in self.status_actions.items():
            action.setEnabled(status in allowed)
        self.status_button.setEnabled(bool(allowed))
        closed = case.status in (CaseStatus.SELESAI.value, CaseStatus.DITUTUP.value)
        self.session_action.setEnabled(not closed and case.archived_at is None)

    # --- detail: the timeline --------------------------------------------------------------

    def detail_data(self, db, record_id: int) -> CaseView:
        return CaseView(
            detail=case_service.case_detail(db=db, case_id=record_id),
            agencies={
                a.id: a.name for a in referral_service.list_agencies(db=db, active_only=False)
            },
            purposes=letter_service.purpose_labels(db=db),
        )

    def render_html(self, data: CaseView) -> str:
        return case_html(data)

    def link_clicked(self, kind: str, value: str) -> None:
        if kind == "outcome" and value.isdigit() and self.current_id is not None:
            open_outcome_form(self, self.ctx, case_id=self.current_id, outcome_id=int(value))
            return
        if kind in ("done", "reopen") and value.isdigit():
            ops.write(
                self, self.ctx,
                lambda db: session_service.complete_follow_up(
                    db=db, follow_up_id=int(value), done=kind == "done"
                ),
                changed="follow_up",
            )  # fmt: skip

    # --- actions --------------------------------------------------------------------------

    def new_record(self) -> None:
        case = open_case_form(self, self.ctx)
        if case is not None:
            self.select_id(case.id)

    def edit_current(self) -> None:
        if self.current_id is not None:
            open_case_form(self, self.ctx, case_id=self.current_id)

    def log_session(self) -> None:
        if self.current_id is None or not self.session_action.isEnabled():
            return
        open_session_form(self, self.ctx, case_id=self.current_id)

    def change_status(self, status: CaseStatus) -> None:
        if self.current_id is None:
            return
        case_id = self.current_id
        reason = None
        if status is CaseStatus.DITUTUP:
            reason, ok = QInputDialog.getText(
                self, tr("Tutup kasus"), tr("Alasan menutup kasus (wajib):")
            )
            if not ok:
                return
        consultant_id = self.ctx.consultant_id

        def changed(_case) -> None:
            if status is CaseStatus.DIRUJUK:
                open_referral_form(self, self.ctx, case_id=case_id)

        ops.write(
            self, self.ctx,
            lambda db: case_service.change_case_status(
                db=db, case_id=case_id, status=status.value, reason=reason,
                consultant_id=consultant_id,
            ),
            changed="case", success=changed,
        )  # fmt: skip

    def new_referral(self) -> None:
        """A referral without changing the case's status (a case may need several)."""
        if self.current_id is not None:
            open_referral_form(self, self.ctx, case_id=self.current_id)

    def show_summary(self) -> None:
        """The mentoring summary of the case, built in the background, shown to save/print."""
        if self.current_id is None:
            return
        case_id, store = self.current_id, self.ctx.store

        def build(_progress):
            from klinik.services.documents import case_summary

            with store.session() as db:
                case = case_service.get_case(db=db, case_id=case_id)
                client = client_service.get_client(db=db, client_id=case.client_id)
                pdf = case_summary(db=db, case_id=case_id)
            return pdf, f"Ringkasan {client.business_name} - {case.title}", ""

        show_document(self, title=tr("Ringkasan pendampingan"), build=build)

    def show_history(self) -> None:
        """Who did what with the case and its sessions, referrals and letters (UU PDP)."""
        if self.current_id is None:
            return
        from klinik.ui.privacy import case_history_dialog

        case_history_dialog(self, self.ctx, case_id=self.current_id).exec()

    def add_follow_up(self) -> None:
        if self.current_id is None:
            return
        case_id = self.current_id
        specs = [
            FieldSpec("description", tr("Apa yang harus dilakukan"), required=True),
            FieldSpec("owner", tr("Oleh"), "choice", choices=vocab_choices(FollowUpOwner)),
            FieldSpec("due_on", tr("Tenggat"), "date"),
        ]

        def save(db, raw):
            return session_service.add_follow_up(db=db, case_id=case_id, **raw)

        form = RecordForm(
            self, tr("Tindak lanjut baru"), specs, save, ctx=self.ctx, changed="follow_up"
        )
        form.resize(520, 260)
        form.exec()

    def add_outcome(self) -> None:
        if self.current_id is not None:
            open_outcome_form(self, self.ctx, case_id=self.current_id)

    def toggle_archive(self) -> None:
        if self.current_id is None:
            return
        case_id = self.current_id
        ops.query(
            self, self.ctx, lambda db: case_service.get_case(db=db, case_id=case_id),
            success=self._archive_or_restore,
        )  # fmt: skip

    def _archive_or_restore(self, case) -> None:
        case_id = case.id
        if case.archived_at is not None:
            ops.write(
                self, self.ctx, lambda db: case_service.restore_case(db=db, case_id=case_id),
                changed="case",
            )  # fmt: skip
            return
        answer = QMessageBox.question(
            self, tr("Arsipkan kasus"),
            tr("Arsipkan kasus {title}? Kasus tidak dihapus dan bisa dipulihkan.").format(title=case.title),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return

        def offer_undo(_case) -> None:
            offer = getattr(self.window(), "offer_undo", None)
            if offer is None:
                return

            def undo() -> None:
                ops.write(
                    self, self.ctx,
                    lambda db: case_service.restore_case(db=db, case_id=case_id),
                    changed="case",
                )  # fmt: skip

            offer(tr("Kasus {title} diarsipkan.").format(title=case.title), undo)

        ops.write(
            self, self.ctx, lambda db: case_service.archive_case(db=db, case_id=case_id),
            changed="case", success=offer_undo,
        )  # fmt: skip
