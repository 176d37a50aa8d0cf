"""First start: who is the consultant, what is the clinic. Also switching consultant."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QInputDialog, QWidget

from klinik.domain.letters import DEFAULT_LETTER_PATTERN, validate_letter_pattern
from klinik.errors import FieldError, ValidationError
from klinik.services.consultants import create_consultant, list_consultants
from klinik.services.settings import set_settings
from klinik.ui import ops
from klinik.ui.forms import FieldSpec, RecordForm
from klinik.ui.i18n import tr


def first_run_form(parent: QWidget | None, ctx) -> RecordForm:
    """The small dialog shown once: the consultant and the clinic's letterhead basics."""
    settings = ctx.settings()
    me, clinic = tr("Konsultan"), tr("Klinik")
    specs = [
        FieldSpec("name", tr("Nama Anda"), required=True, group=me),
        FieldSpec("title", tr("Jabatan (untuk tanda tangan)"), group=me),
        FieldSpec("clinic_name", tr("Nama klinik"), required=True, group=clinic),
        FieldSpec("clinic_address", tr("Alamat klinik"), group=clinic),
        FieldSpec("clinic_town", tr("Kota"), group=clinic),
        FieldSpec("clinic_unit", tr("Kode unit pada nomor surat"), group=clinic),
        FieldSpec(
            "letter_pattern", tr("Pola nomor surat"), required=True, group=clinic,
            check=validate_letter_pattern,
            help=tr("{seq:03d} nomor urut, {unit} kode unit, {roman_month} bulan Romawi, {year} tahun"),
        ),
        FieldSpec("signer_name", tr("Penanda tangan surat"), group=clinic,
                  placeholder=tr("nama lengkap dengan gelar, misalnya Dra. Hj. Rusdiana, M.Si.")),
        FieldSpec("signer_title", tr("Jabatan penanda tangan"), group=clinic),
    ]  # fmt: skip

    def save(db, raw: dict[str, Any]):
        # One transaction: the clinic, the consultant and "first run done", or nothing.
        set_settings(
            db=db,
            clinic_name=raw["clinic_name"],
            clinic_address=raw["clinic_address"],
            clinic_town=raw["clinic_town"],
            clinic_unit=raw["clinic_unit"],
            letter_pattern=raw["letter_pattern"],
            signer_name=raw["signer_name"],
            signer_title=raw["signer_title"],
        )
        person = create_consultant(
            db=db, name=raw["name"], title=raw["title"] or "Konsultan Pendamping"
        )
        set_settings(db=db, current_consultant_id=person.id, first_run_done=True)
        return person

    values = {
        "title": "Konsultan Pendamping",
        "clinic_name": settings["clinic_name"],
        "clinic_address": settings["clinic_address"],
        "clinic_town": settings["clinic_town"],
        "clinic_unit": settings["clinic_unit"],
        "letter_pattern": settings["letter_pattern"] or DEFAULT_LETTER_PATTERN,
        "signer_name": settings["signer_name"],
        "signer_title": settings["signer_title"],
    }
    form = RecordForm(
        parent, tr("Selamat datang di Klinik"), specs, save, values=values,
        ctx=ctx, changed=("settings", "consultant"),
        intro=tr("Isi nama Anda dan data klinik. Semuanya bisa diubah nanti di menu Berkas."),
    )  # fmt: skip
    form.resize(560, 600)
    return form


def needs_first_run(ctx) -> bool:
    settings = ctx.settings()
    return not settings.get("first_run_done") or settings.get("current_consultant_id") is None


def choose_consultant(parent: QWidget, ctx) -> None:
    """Ask who uses Klinik now (or a new consultant's name); the choice is saved by an op,
    then ``ctx.consultant_changed`` is emitted."""
    ops.query(
        parent, ctx, lambda db: list_consultants(db=db, active_only=True),
        success=lambda people: _ask_consultant(parent, ctx, people),
    )  # fmt: skip


def _ask_consultant(parent: QWidget, ctx, people: list) -> None:
    names = [p.name for p in people] + [tr("+ Konsultan baru …")]
    current = next((i for i, p in enumerate(people) if p.id == ctx.consultant_id), 0)
    choice, ok = QInputDialog.getItem(
        parent, tr("Ganti konsultan"), tr("Konsultan yang memakai Klinik:"),
        names, current, False,
    )  # fmt: skip
    if not ok:
        return
    if choice == names[-1]:
        name, ok = QInputDialog.getText(parent, tr("Konsultan baru"), tr("Nama:"))
        if not ok or not name.strip():
            return

        def create_and_choose(db):
            person = create_consultant(db=db, name=name)
            return set_settings(db=db, current_consultant_id=person.id)

        ops.write(
            parent, ctx, create_and_choose, changed=("consultant", "settings"),
            success=lambda _s: ctx.consultant_changed.emit(),
        )  # fmt: skip
        return
    chosen = people[names.index(choice)].id
    ops.write(
        parent, ctx, lambda db: set_settings(db=db, current_consultant_id=chosen),
        changed="settings", success=lambda _s: ctx.consultant_changed.emit(),
    )  # fmt: skip


def clinic_settings_dialog(parent: QWidget, ctx) -> bool:
    specs = [
        FieldSpec("clinic_name", tr("Nama klinik"), required=True),
        FieldSpec("clinic_address", tr("Alamat")),
        FieldSpec("clinic_town", tr("Kota (tempat surat)")),
        FieldSpec("clinic_phone", tr("Telepon")),
        FieldSpec("clinic_email", tr("E-mail")),
        FieldSpec("clinic_unit", tr("Kode unit")),
        FieldSpec("letter_pattern", tr("Pola nomor surat"), required=True, check=validate_letter_pattern),
        FieldSpec("signer_title", tr("Jabatan penanda tangan")),
        FieldSpec("signer_name", tr("Nama penanda tangan")),
        FieldSpec("signer_rank", tr("Pangkat/golongan"), placeholder=tr("boleh kosong, misalnya Pembina (IV/a)")),
        FieldSpec("signer_id", tr("NIP/NIK penanda tangan"), placeholder=tr("boleh kosong; 18 angka NIP atau 16 angka NIK")),
        FieldSpec("letter_paper", tr("Kertas surat"), kind="choice",
                  choices=[("A4", "A4"), ("F4", tr("F4 (folio, 215 × 330 mm)"))]),
    ]  # fmt: skip

    def save(db, raw):
        try:
            return set_settings(db=db, **raw)
        except ValidationError as exc:
            raise ValidationError([FieldError(e.field, e.message) for e in exc.errors]) from None

    form = RecordForm(
        parent, tr("Pengaturan klinik"), specs, save, values=ctx.settings(),
        ctx=ctx, changed="settings",
    )  # fmt: skip
    form.resize(560, 600)
    return bool(form.exec())
