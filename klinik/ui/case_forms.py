"""The forms of a case, used by several areas: choose a client, open or edit a case, log a
session, refer, record an outcome. Pre-filled values are read off the GUI thread
(``ops.fetch``); each form saves as an op and announces what it changed."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from klinik.domain.followups import parse_lines
from klinik.domain.vocab import (
    Area,
    Channel,
    FinancingScheme,
    LicenceKind,
    OutcomeKind,
    SessionMode,
)
from klinik.errors import InvalidValue, ValidationError
from klinik.services import cases as case_service
from klinik.services import clients as client_service
from klinik.services import letters as letter_service
from klinik.services import outcomes as outcome_service
from klinik.services import referrals as referral_service
from klinik.services import sessions as session_service
from klinik.ui import ops
from klinik.ui.fmt import vocab_choices
from klinik.ui.forms import FieldSpec, RecordForm
from klinik.ui.i18n import tr


def consultant_choices(ctx, parent: QWidget | None = None) -> list[tuple[Any, str]]:
    """ "–" and the active consultants (the context reads them once, again after a change)."""
    return [(None, "–"), *ctx.consultant_choices()]


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

    generation = [0]

    def refresh() -> None:
        generation[0] += 1
        asked, text = generation[0], search.text().strip() or None
        ops.query(
            dialog, ctx,
            lambda db: client_service.list_clients(db=db, search=text, limit=50).rows,
            success=lambda rows: show(rows) if asked == generation[0] else None,
        )  # fmt: skip

    def show(rows) -> None:
        results.clear()
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

        def load(db) -> dict[str, Any]:
            case = case_service.get_case(db=db, case_id=case_id)
            return {**case.model_dump(), "areas": case_service.case_areas(db, [case.id])[case.id]}

        values = ops.fetch(parent, ctx, load)
    elif client_id is None:
        client_id = pick_client(parent, ctx)
        if client_id is None:
            return None
    specs = [
        FieldSpec("title", tr("Judul kasus"), required=True, placeholder=tr("mis. Fasilitasi SPP-IRT")),
        FieldSpec("goal", tr("Tujuan pendampingan"), "multiline"),
        FieldSpec("areas", tr("Bidang"), "multichoice", choices=vocab_choices(Area)),
        FieldSpec("consultant_id", tr("Konsultan"), "choice", choices=consultant_choices(ctx, parent)),
        FieldSpec("opened_on", tr("Tanggal dibuka"), "date"),
    ]  # fmt: skip

    def save(db, raw):
        if case_id is None:
            return case_service.open_case(db=db, client_id=client_id, **raw)
        return case_service.update_case(db=db, case_id=case_id, **raw)

    title = tr("Kasus baru") if case_id is None else tr("Ubah kasus")
    form = RecordForm(parent, title, specs, save, values=values, ctx=ctx, changed="case")
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
    last_mode = qs.value("session/last_mode", SessionMode.DI_KLINIK.value)

    def load(db) -> tuple[str, dict[str, Any]]:
        case = case_service.get_case(db=db, case_id=case_id)
        client = client_service.get_client(db=db, client_id=case.client_id)
        values: dict[str, Any] = {
            "held_on": date.today(),
            "minutes": "60",
            "mode": last_mode,
            "areas": case_service.case_areas(db, [case.id])[case.id],
            "consultant_id": ctx.consultant_id or case.consultant_id,
        }
        if session_id is not None:
            record = session_service.get_session(db=db, session_id=session_id)
            values = record.model_dump()
            values["minutes"] = str(record.minutes)
            values["prep_minutes"] = str(record.prep_minutes or "")
            values["areas"] = session_service.session_areas(db, [record.id])[record.id]
        return client.business_name, values

    business_name, values = ops.fetch(parent, ctx, load)
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
        FieldSpec("consultant_id", tr("Konsultan"), "choice", choices=consultant_choices(ctx, parent)),
    ]  # fmt: skip

    def save(db, raw):
        raw = dict(raw)
        try:
            follow_ups = parse_follow_up_lines(raw.get("next_steps") or "")
        except InvalidValue as exc:
            from klinik.errors import FieldError

            raise ValidationError(FieldError("next_steps", str(exc))) from None
        if session_id is None:
            return session_service.log_session(db=db, case_id=case_id, follow_ups=follow_ups, **raw)
        return session_service.update_session(db=db, session_id=session_id, **raw)

    title = tr("Catat sesi — {client}").format(client=business_name)
    if session_id is not None:
        title = tr("Ubah sesi — {client}").format(client=business_name)
    form = RecordForm(parent, title, specs, save, values=values, ctx=ctx, changed="session")
    # the mode of the last session saved is the next form's first guess
    form.accepted.connect(lambda: qs.setValue("session/last_mode", form.values().get("mode")))
    form.resize(680, 720)
    form.fields["summary"].widget.setFocus()
    return form


def open_session_form(parent: QWidget, ctx, *, case_id: int, session_id: int | None = None):
    form = session_form(parent, ctx, case_id=case_id, session_id=session_id)
    return form.result_record if form.exec() else None


def open_referral_form(parent: QWidget, ctx, *, case_id: int):
    def load(db):
        agency_rows = referral_service.list_agencies(db=db)
        purpose_rows = letter_service.list_purposes(db=db)
        case = case_service.get_case(db=db, case_id=case_id)
        kabupaten = client_service.get_client(db=db, client_id=case.client_id).kabupaten_code
        # Each purpose's usual office where the client is (SPP-IRT in Pulang Pisau: that
        # kabupaten's Dinas Kesehatan); the user may change it.
        suggested = {}
        for p in purpose_rows:
            agency = referral_service.suggest_agency(
                db=db, purpose=p.code, kabupaten_code=kabupaten
            )
            suggested[p.code] = agency.id if agency is not None else None
        return agency_rows, purpose_rows, suggested

    agency_rows, purpose_rows, suggested = ops.fetch(parent, ctx, load)
    agencies = [
        (a.id, a.name + (tr(" (nama perlu diperiksa)") if a.to_verify else "")) for a in agency_rows
    ]
    purposes = [(p.code, p.label) for p in purpose_rows]
    specs = [
        FieldSpec("purpose", tr("Keperluan"), "choice", choices=purposes),
        FieldSpec("agency_id", tr("Instansi"), "choice", choices=agencies),
        FieldSpec("note", tr("Catatan"), "multiline"),
    ]

    def save(db, raw):
        return referral_service.create_referral(db=db, case_id=case_id, **raw)

    form = RecordForm(parent, tr("Rujukan baru"), specs, save, ctx=ctx, changed="referral")
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
        values = ops.fetch(
            parent, ctx,
            lambda db: outcome_service.get_outcome(db=db, outcome_id=outcome_id).model_dump(),
        )  # fmt: skip
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

    def save(db, raw):
        if outcome_id is None:
            return outcome_service.record_outcome(db=db, case_id=case_id, **raw)
        raw = {k: v for k, v in raw.items() if k != "kind"}
        return outcome_service.update_outcome(db=db, outcome_id=outcome_id, **raw)

    form = RecordForm(
        parent, tr("Catat hasil"), specs, save, values=values, ctx=ctx, changed="outcome"
    )
    if outcome_id is not None:
        form.fields["kind"].widget.setEnabled(False)
    form.resize(560, 560)
    return form.result_record if form.exec() else None
