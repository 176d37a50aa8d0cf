"""Kasus: the list of cases, a case's timeline, status actions, and the forms of a case."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from klinik.domain.followups import parse_lines
from klinik.domain.sessions import is_planned
from klinik.domain.vocab import (
    CASE_TRANSITIONS,
    Area,
    CaseStatus,
    Channel,
    FinancingScheme,
    FollowUpOwner,
    LicenceKind,
    OutcomeKind,
    ReferralStatus,
    SessionMode,
)
from klinik.errors import InvalidValue, ValidationError
from klinik.services import cases as case_service
from klinik.services import clients as client_service
from klinik.services import consultants as consultant_service
from klinik.services import letters as letter_service
from klinik.services import outcomes as outcome_service
from klinik.services import referrals as referral_service
from klinik.services import sessions as session_service
from klinik.ui.areas.base import ListArea, esc
from klinik.ui.documents import show_document
from klinik.ui.errors import show_error
from klinik.ui.fmt import fmt_date, fmt_money, vocab_choices, vocab_label
from klinik.ui.forms import FieldSpec, RecordForm
from klinik.ui.i18n import QT_TR_NOOP, tr
from klinik.ui.table_model import Column

# --- forms shared with other areas -------------------------------------------------------


def _consultant_choices(ctx) -> list[tuple[Any, str]]:
    with ctx.session() as db:
        people = consultant_service.list_consultants(session=db, active_only=True)
    return [(None, "–"), *[(p.id, p.name) for p in people]]


def pick_client(parent: QWidget, ctx) -> int | None:
    """A small search dialog to choose a client (a province has too many for a combo)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("Pilih klien"))
    layout = QVBoxLayout(dialog)
    search = QLineEdit()
    search.setPlaceholderText(tr("Ketik nama usaha, pemilik, atau produk"))
    results = QListWidget()
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    layout.addWidget(search)
    layout.addWidget(results)
    layout.addWidget(buttons)

    def refresh() -> None:
        results.clear()
        with ctx.session() as db:
            rows = client_service.list_clients(
                session=db, search=search.text().strip() or None, limit=50
            ).rows
        for row in rows:
            item = QListWidgetItem(
                f"{row.business_name} — {row.owner_name} ({row.kabupaten or '-'})"
            )
            item.setData(256, row.id)
            results.addItem(item)
        if rows:
            results.setCurrentRow(0)

    search.textChanged.connect(refresh)
    search.returnPressed.connect(dialog.accept)
    results.itemActivated.connect(lambda _i: dialog.accept())
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    refresh()
    dialog.resize(480, 420)
    if dialog.exec() and results.currentItem() is not None:
        return results.currentItem().data(256)
    return None


def open_case_form(
    parent: QWidget, ctx, *, client_id: int | None = None, case_id: int | None = None
):
    """New case for a client, or edit a case. Returns the saved case or None."""
    values: dict[str, Any] = {"consultant_id": ctx.consultant_id, "opened_on": date.today()}
    if case_id is not None:
        with ctx.session() as db:
            case = case_service.get_case(session=db, case_id=case_id)
            values = case.model_dump()
            values["areas"] = case_service.case_areas(db, [case.id])[case.id]
    elif client_id is None:
        client_id = pick_client(parent, ctx)
        if client_id is None:
            return None
    specs = [
        FieldSpec("title", tr("Judul kasus"), required=True, placeholder=tr("mis. Fasilitasi SPP-IRT")),
        FieldSpec("goal", tr("Tujuan pendampingan"), "multiline"),
        FieldSpec("areas", tr("Bidang"), "multichoice", choices=vocab_choices(Area)),
        FieldSpec("consultant_id", tr("Konsultan"), "choice", choices=_consultant_choices(ctx)),
        FieldSpec("opened_on", tr("Tanggal dibuka"), "date"),
    ]  # fmt: skip

    def save(raw):
        with ctx.session() as db:
            if case_id is None:
                return case_service.open_case(session=db, client_id=client_id, **raw)
            return case_service.update_case(session=db, case_id=case_id, **raw)

    title = tr("Kasus baru") if case_id is None else tr("Ubah kasus")
    form = RecordForm(parent, title, specs, save, values=values)
    form.resize(620, 520)
    return form.result_record if form.exec() else None


def parse_follow_up_lines(text: str) -> list[dict[str, Any]]:
    """One follow-up per line: 'what @ due date' (the date is optional)."""
    return parse_lines(text)


def session_form(
    parent: QWidget, ctx, *, case_id: int, session_id: int | None = None
) -> RecordForm:
    """The session form, pre-filled for speed: today, the current consultant, the last mode,
    the case's areas. Follow-ups are typed one per line as 'what @ date'."""
    qs = QSettings()
    with ctx.session() as db:
        case = case_service.get_case(session=db, case_id=case_id)
        client = client_service.get_client(session=db, client_id=case.client_id)
        areas = case_service.case_areas(db, [case.id])[case.id]
        values: dict[str, Any] = {
            "held_on": date.today(),
            "minutes": "60",
            "mode": qs.value("session/last_mode", SessionMode.DI_KLINIK.value),
            "areas": areas,
            "consultant_id": ctx.consultant_id or case.consultant_id,
        }
        if session_id is not None:
            record = session_service.get_session(session=db, session_id=session_id)
            values = record.model_dump()
            values["minutes"] = str(record.minutes)
            values["prep_minutes"] = str(record.prep_minutes or "")
            values["areas"] = session_service.session_areas(db, [record.id])[record.id]
    specs = [
        FieldSpec("held_on", tr("Tanggal sesi"), "date", required=True),
        FieldSpec("minutes", tr("Durasi (menit)"), "int", required=True),
        FieldSpec("mode", tr("Cara"), "choice", choices=vocab_choices(SessionMode)),
        FieldSpec("summary", tr("Catatan sesi"), "multiline"),
        FieldSpec("recommendations", tr("Rekomendasi"), "multiline"),
        FieldSpec(
            "next_steps", tr("Langkah berikutnya"), "multiline",
            check=parse_follow_up_lines,
            placeholder=tr("Satu per baris: apa @ tanggal, mis. Urus NIB @ 05/12/2026"),
            help=tr("Setiap baris menjadi tindak lanjut dengan tenggatnya."),
        ),
        FieldSpec("next_session_on", tr("Sesi berikutnya"), "date"),
        FieldSpec("areas", tr("Bidang"), "multichoice", choices=vocab_choices(Area)),
        FieldSpec("prep_minutes", tr("Persiapan (menit)"), "int"),
        FieldSpec("consultant_id", tr("Konsultan"), "choice", choices=_consultant_choices(ctx)),
    ]  # fmt: skip

    def save(raw):
        raw = dict(raw)
        try:
            follow_ups = parse_follow_up_lines(raw.get("next_steps") or "")
        except InvalidValue as exc:
            from klinik.errors import FieldError

            raise ValidationError(FieldError("next_steps", str(exc))) from None
        qs.setValue("session/last_mode", raw.get("mode"))
        with ctx.session() as db:
            if session_id is None:
                return session_service.log_session(
                    session=db, case_id=case_id, follow_ups=follow_ups, **raw
                )
            return session_service.update_session(session=db, session_id=session_id, **raw)

    title = tr("Catat sesi — {client}").format(client=client.business_name)
    if session_id is not None:
        title = tr("Ubah sesi — {client}").format(client=client.business_name)
    form = RecordForm(parent, title, specs, save, values=values)
    form.resize(680, 720)
    form.fields["summary"].widget.setFocus()
    return form


def open_session_form(parent: QWidget, ctx, *, case_id: int, session_id: int | None = None):
    form = session_form(parent, ctx, case_id=case_id, session_id=session_id)
    return form.result_record if form.exec() else None


def open_referral_form(parent: QWidget, ctx, *, case_id: int):
    with ctx.session() as db:
        agency_rows = referral_service.list_agencies(session=db)
        purpose_rows = letter_service.list_purposes(session=db)
        case = case_service.get_case(session=db, case_id=case_id)
        kabupaten = client_service.get_client(session=db, client_id=case.client_id).kabupaten_code
        # Each purpose's usual office where the client is (SPP-IRT in Pulang Pisau: that
        # kabupaten's Dinas Kesehatan); the user may change it.
        suggested = {}
        for p in purpose_rows:
            agency = referral_service.suggest_agency(
                session=db, purpose=p.code, kabupaten_code=kabupaten
            )
            suggested[p.code] = agency.id if agency is not None else None
    agencies = [
        (a.id, a.name + (tr(" (nama perlu diperiksa)") if a.to_verify else "")) for a in agency_rows
    ]
    purposes = [(p.code, p.label) for p in purpose_rows]
    specs = [
        FieldSpec("purpose", tr("Keperluan"), "choice", choices=purposes),
        FieldSpec("agency_id", tr("Instansi"), "choice", choices=agencies),
        FieldSpec("note", tr("Catatan"), "multiline"),
    ]

    def save(raw):
        with ctx.session() as db:
            return referral_service.create_referral(session=db, case_id=case_id, **raw)

    form = RecordForm(parent, tr("Rujukan baru"), specs, save)
    purpose_box = form.fields["purpose"].widget
    agency_box = form.fields["agency_id"].widget

    def suggest_agency() -> None:
        agency_id = suggested.get(purpose_box.currentData())
        if agency_id is not None:
            agency_box.setCurrentIndex(agency_box.findData(agency_id))

    purpose_box.currentIndexChanged.connect(suggest_agency)
    suggest_agency()
    form.resize(560, 360)
    return form.result_record if form.exec() else None


def open_outcome_form(parent: QWidget, ctx, *, case_id: int, outcome_id: int | None = None):
    """Record an outcome of a case, or (with ``outcome_id``) correct one."""
    values: dict[str, Any] = {"occurred_on": date.today()}
    if outcome_id is not None:
        with ctx.session() as db:
            values = outcome_service.get_outcome(session=db, outcome_id=outcome_id).model_dump()
    specs = [
        FieldSpec("kind", tr("Jenis hasil"), "choice", choices=vocab_choices(OutcomeKind)),
        FieldSpec("occurred_on", tr("Tanggal"), "date", required=True),
        FieldSpec("licence_kind", tr("Jenis izin"), "choice", choices=[(None, "–"), *vocab_choices(LicenceKind)]),
        FieldSpec("institution", tr("Lembaga pembiayaan")),
        FieldSpec("scheme", tr("Skema"), "choice", choices=[(None, "–"), *vocab_choices(FinancingScheme)]),
        FieldSpec("amount_requested", tr("Jumlah diajukan"), "money"),
        FieldSpec("amount", tr("Jumlah (disetujui / omzet baru)"), "money"),
        FieldSpec("channel", tr("Saluran pasar"), "choice", choices=[(None, "–"), *vocab_choices(Channel)]),
        FieldSpec("jobs", tr("Tenaga kerja baru"), "int"),
        FieldSpec("note", tr("Catatan"), "multiline"),
    ]  # fmt: skip

    def save(raw):
        with ctx.session() as db:
            if outcome_id is None:
                return outcome_service.record_outcome(session=db, case_id=case_id, **raw)
            raw = {k: v for k, v in raw.items() if k != "kind"}
            return outcome_service.update_outcome(session=db, outcome_id=outcome_id, **raw)

    form = RecordForm(parent, tr("Catat hasil"), specs, save, values=values)
    if outcome_id is not None:
        form.fields["kind"].widget.setEnabled(False)
    form.resize(560, 560)
    return form.result_record if form.exec() else None


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
        with self.ctx.session() as db:
            kabs = [(k.code, k.name) for k in client_service.list_kabupaten(session=db)]
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

    def fetch(self, db, *, offset, limit, sort):
        return case_service.list_cases(
            session=db, offset=offset, limit=limit, sort=sort, **self._filters()
        ).rows

    def count(self, db, filters: dict[str, Any]) -> int:
        return case_service.count_cases(session=db, **filters)

    def count_text(self, total: int) -> str:
        return tr("{n} kasus").format(n=total)

    def _enable_row_actions(self, enabled: bool) -> None:
        super()._enable_row_actions(enabled)
        self.status_button.setEnabled(enabled)
        if not enabled or self.current_id is None:
            return
        with self.ctx.session() as db:
            case = case_service.get_case(session=db, case_id=self.current_id)
        allowed = CASE_TRANSITIONS[CaseStatus(case.status)]
        for status, action in self.status_actions.items():
            action.setEnabled(status in allowed)
        self.status_button.setEnabled(bool(allowed))
        closed = case.status in (CaseStatus.SELESAI.value, CaseStatus.DITUTUP.value)
        self.session_action.setEnabled(not closed and case.archived_at is None)

    # --- detail: the timeline --------------------------------------------------------------

    def render_detail(self, record_id: int) -> str:
        with self.ctx.session() as db:
            d = case_service.case_detail(session=db, case_id=record_id)
            agencies = {
                a.id: a.name for a in referral_service.list_agencies(session=db, active_only=False)
            }
            purposes = letter_service.purpose_labels(session=db)
        c = d.case
        self.archive_action.setText(tr("Pulihkan") if c.archived_at else tr("Arsipkan"))
        events: list[tuple[date, float, str]] = []
        for s in d.sessions:
            planned = is_planned(s.held_on)
            head = tr("Sesi direncanakan") if planned else tr("Sesi pendampingan")
            body = "".join(
                f"<br><span class='muted'>{esc(label)}:</span> {esc(text)}"
                for label, text in (
                    (tr("Catatan"), s.summary),
                    (tr("Rekomendasi"), s.recommendations),
                    (tr("Langkah berikutnya"), s.next_steps),
                )
                if text
            )
            events.append((
                s.held_on, 1,
                f"<b>{esc(head)}</b> · {esc(vocab_label(SessionMode, s.mode))} · "
                f"{s.minutes} {esc(tr('menit'))}{body}",
            ))  # fmt: skip
        for f in d.follow_ups:
            if f.done_on:
                state = f"<span class='ok'>✓ {esc(tr('selesai'))} {esc(fmt_date(f.done_on))}</span>"
                link = f" <a href='reopen:{f.id}'>{esc(tr('buka lagi'))}</a>"
            else:
                late = f.due_on is not None and f.due_on < date.today()
                state = (
                    f"<span class='{'missing' if late else 'muted'}'>{esc(tr('terbuka'))}</span>"
                )
                link = f" <a href='done:{f.id}'>{esc(tr('tandai selesai'))}</a>"
            events.append((
                f.due_on or c.opened_on, 2,
                f"<b>{esc(tr('Tindak lanjut'))}</b>: {esc(f.description)} — {state}{link}",
            ))  # fmt: skip
        for r in d.referrals:
            number = f" · {esc(r.letter_number)}" if r.letter_number else ""
            events.append((
                r.sent_on or r.created_on, 3,
                f"<b>{esc(tr('Rujukan'))}</b> {esc(tr('ke'))} {esc(agencies.get(r.agency_id, '?'))} · "
                f"{esc(purposes.get(r.purpose, r.purpose))} · "
                f"{esc(vocab_label(ReferralStatus, r.status))}{number}"
                + (f"<br>{esc(r.outcome)}" if r.outcome else ""),
            ))  # fmt: skip
        for o in d.outcomes:
            amount = f" · {esc(fmt_money(o.amount))}" if o.amount is not None else ""
            extra = " · ".join(
                x for x in (o.institution, vocab_label(LicenceKind, o.licence_kind),
                            vocab_label(Channel, o.channel)) if x
            )  # fmt: skip
            events.append((
                o.occurred_on, 4,
                f"<b>{esc(tr('Hasil'))}</b>: {esc(vocab_label(OutcomeKind, o.kind))}"
                f"{' · ' + esc(extra) if extra else ''}{amount}"
                f" <a href='outcome:{o.id}'>{esc(tr('ubah'))}</a>",
            ))  # fmt: skip
        for ch in d.status_changes:
            reason = f" — {esc(ch.reason)}" if ch.reason else ""
            events.append((
                ch.changed_on, ch.id / 1e9,
                f"<span class='muted'>{esc(tr('Status'))}: "
                f"{esc(vocab_label(CaseStatus, ch.from_status) or '–')} → "
                f"{esc(vocab_label(CaseStatus, ch.to_status))}{reason}</span>",
            ))  # fmt: skip
        events.sort(key=lambda e: (e[0], e[1]), reverse=True)
        timeline = "".join(
            f"<tr><td style='white-space:nowrap'>{esc(fmt_date(when))}</td><td>{html}</td></tr>"
            for when, _, html in events
        )
        open_follow = sum(1 for f in d.follow_ups if not f.done_on)
        hours = d.total_minutes / 60
        closed = (
            f"<br>{esc(tr('Ditutup'))}: {esc(fmt_date(c.closed_on))} {esc(c.closed_reason or '')}"
            if c.closed_on
            else ""
        )
        return f"""
<h2>{esc(c.title)}</h2>
<p><a href='client:{d.client.id}'>{esc(d.client.business_name)}</a> ·
<b>{esc(vocab_label(CaseStatus, c.status))}</b> ·
{esc(d.consultant.name if d.consultant else tr("tanpa konsultan"))}<br>
{esc(tr("Bidang"))}: {esc(", ".join(vocab_label(Area, a) for a in d.areas) or "–")}<br>
{esc(tr("Dibuka"))}: {esc(fmt_date(c.opened_on))}{closed}<br>
{esc(tr("{n} sesi, {h} jam, {f} tindak lanjut terbuka").format(n=len(d.sessions), h=f"{hours:.1f}", f=open_follow))}</p>
<h3>{esc(tr("Tujuan"))}</h3><p>{esc(c.goal or "–")}</p>
<h3>{esc(tr("Linimasa"))}</h3>
<table class='grid'>{timeline}</table>
"""

    def link_clicked(self, kind: str, value: str) -> None:
        if kind == "outcome" and value.isdigit() and self.current_id is not None:
            if open_outcome_form(self, self.ctx, case_id=self.current_id, outcome_id=int(value)):
                self.ctx.changed("outcome")
                self.show_detail()
            return
        if kind in ("done", "reopen") and value.isdigit():
            with self.ctx.session() as db:
                session_service.complete_follow_up(
                    session=db, follow_up_id=int(value), done=kind == "done"
                )
            self.ctx.changed("follow_up")
            self.show_detail()

    # --- actions --------------------------------------------------------------------------

    def new_record(self) -> None:
        case = open_case_form(self, self.ctx)
        if case is not None:
            self.ctx.changed("case")
            self.reload()
            self.select_id(case.id)

    def edit_current(self) -> None:
        if self.current_id is not None and open_case_form(self, self.ctx, case_id=self.current_id):
            self.ctx.changed("case")
            self.reload()

    def log_session(self) -> None:
        if self.current_id is None or not self.session_action.isEnabled():
            return
        if open_session_form(self, self.ctx, case_id=self.current_id) is not None:
            self.ctx.changed("session")
            self.reload()

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
        try:
            with self.ctx.session() as db:
                case_service.change_case_status(
                    session=db, case_id=case_id, status=status.value, reason=reason,
                    consultant_id=self.ctx.consultant_id,
                )  # fmt: skip
        except ValidationError as exc:
            show_error(self, exc)
            return
        if status is CaseStatus.DIRUJUK:
            open_referral_form(self, self.ctx, case_id=case_id)
        self.ctx.changed("case")
        self.reload()

    def new_referral(self) -> None:
        """A referral without changing the case's status (a case may need several)."""
        if self.current_id is not None and open_referral_form(
            self, self.ctx, case_id=self.current_id
        ):
            self.ctx.changed("referral")
            self.show_detail()

    def show_summary(self) -> None:
        """The mentoring summary of the case, built in the background, shown to save/print."""
        if self.current_id is None:
            return
        case_id, store = self.current_id, self.ctx.store

        def build(_progress):
            from klinik.services.documents import build_case_summary

            with store.session() as db:
                case = case_service.get_case(session=db, case_id=case_id)
                client = client_service.get_client(session=db, client_id=case.client_id)
                pdf = build_case_summary(session=db, case_id=case_id)
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

        def save(raw):
            with self.ctx.session() as db:
                return session_service.add_follow_up(session=db, case_id=case_id, **raw)

        form = RecordForm(self, tr("Tindak lanjut baru"), specs, save)
        form.resize(520, 260)
        if form.exec():
            self.ctx.changed("follow_up")
            self.show_detail()

    def add_outcome(self) -> None:
        if self.current_id is not None and open_outcome_form(
            self, self.ctx, case_id=self.current_id
        ):
            self.ctx.changed("outcome")
            self.show_detail()

    def toggle_archive(self) -> None:
        if self.current_id is None:
            return
        case_id = self.current_id
        with self.ctx.session() as db:
            case = case_service.get_case(session=db, case_id=case_id)
        if case.archived_at is not None:
            with self.ctx.session() as db:
                case_service.restore_case(session=db, case_id=case_id)
            self.ctx.changed("case")
            self.reload()
            return
        answer = QMessageBox.question(
            self, tr("Arsipkan kasus"),
            tr("Arsipkan kasus {title}? Kasus tidak dihapus dan bisa dipulihkan.").format(title=case.title),
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.ctx.session() as db:
            case_service.archive_case(session=db, case_id=case_id)
        self.ctx.changed("case")
        offer = getattr(self.window(), "offer_undo", None)
        if offer is not None:

            def undo() -> None:
                with self.ctx.session() as db:
                    case_service.restore_case(session=db, case_id=case_id)
                self.ctx.changed("case")
                self.reload()

            offer(tr("Kasus {title} diarsipkan.").format(title=case.title), undo)
        self.reload()


# lupdate does not read inside f-strings: these marks put those texts in the .ts file.
_FSTRING_TEXTS = (
    QT_TR_NOOP("tanpa konsultan"),
    QT_TR_NOOP("Dibuka"),
    QT_TR_NOOP("{n} sesi, {h} jam, {f} tindak lanjut terbuka"),
    QT_TR_NOOP("Tujuan"),
    QT_TR_NOOP("Linimasa"),
    QT_TR_NOOP("menit"),
    QT_TR_NOOP("selesai"),
    QT_TR_NOOP("buka lagi"),
    QT_TR_NOOP("terbuka"),
    QT_TR_NOOP("tandai selesai"),
    QT_TR_NOOP("Tindak lanjut"),
    QT_TR_NOOP("Rujukan"),
    QT_TR_NOOP("ke"),
    QT_TR_NOOP("Hasil"),
    QT_TR_NOOP("Status"),
    QT_TR_NOOP("Ditutup"),
)
