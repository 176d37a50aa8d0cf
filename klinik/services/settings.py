"""Clinic-wide settings, declared once with types and defaults, stored in the database.

They travel with the data (letterhead and letter numbering belong to the clinic, not to one
laptop). Per-machine preferences such as window geometry live in QSettings in the UI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from klinik.db.models import Setting, utcnow
from klinik.domain.letters import DEFAULT_LETTER_PATTERN, validate_letter_pattern
from klinik.errors import FieldError, InvalidValue, ValidationError


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    label: str


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in [
        SettingSpec("clinic_name", "Klinik Bisnis", "Nama klinik"),
        SettingSpec("clinic_unit", "KB-KT", "Kode unit (untuk nomor surat)"),
        SettingSpec("clinic_address", "", "Alamat klinik"),
        SettingSpec("clinic_town", "Palangka Raya", "Kota (tempat surat)"),
        SettingSpec("clinic_phone", "", "Telepon klinik"),
        SettingSpec("clinic_email", "", "E-mail klinik"),
        SettingSpec("clinic_website", "", "Situs web klinik"),
        SettingSpec("clinic_logo", "", "Berkas logo"),
        SettingSpec("letter_pattern", DEFAULT_LETTER_PATTERN, "Pola nomor surat"),
        SettingSpec("signer_title", "Kepala Klinik Bisnis", "Jabatan penanda tangan"),
        SettingSpec("signer_name", "", "Nama penanda tangan"),
        SettingSpec("letter_tembusan", ["Arsip"], "Tembusan surat"),
        SettingSpec("current_consultant_id", None, "Konsultan aktif"),
        SettingSpec("first_run_done", False, "Pengaturan awal selesai"),
        SettingSpec("backup_retention_days", 365, "Simpan cadangan paling lama (hari)"),
    ]
}


def _check(key: str, value: Any) -> Any:
    if key not in SPECS:
        raise ValidationError(FieldError(key, f"Pengaturan {key!r} tidak dikenal."))
    if key == "letter_pattern":
        try:
            return validate_letter_pattern(str(value))
        except InvalidValue as exc:
            raise ValidationError(FieldError(key, str(exc))) from None
    if key == "current_consultant_id" and value is not None:
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ValidationError(
                FieldError(key, f"Konsultan aktif harus berupa id angka, bukan {value!r}.")
            ) from None
    if key == "backup_retention_days":
        try:
            days = int(value)
        except (TypeError, ValueError):
            days = -1
        if not 30 <= days <= 3650:
            raise ValidationError(
                FieldError(key, "Masa simpan cadangan harus antara 30 dan 3650 hari.")
            )
        return days
    if key == "letter_tembusan":
        items = value if isinstance(value, list) else str(value or "").replace("\n", ";").split(";")
        return [str(item).strip() for item in items if str(item).strip()]
    if key in ("clinic_name", "clinic_unit") and not str(value or "").strip():
        label = SPECS[key].label
        raise ValidationError(FieldError(key, f"{label} wajib diisi."))
    return value.strip() if isinstance(value, str) else value


def get_setting(*, session: Session, key: str) -> Any:
    if key not in SPECS:
        raise ValidationError(FieldError(key, f"Pengaturan {key!r} tidak dikenal."))
    row = session.get(Setting, key)
    if row is None:
        return SPECS[key].default
    return json.loads(row.value)


def get_settings(*, session: Session) -> dict[str, Any]:
    values = {key: spec.default for key, spec in SPECS.items()}
    for row in session.exec(select(Setting)):
        if row.key in values:
            values[row.key] = json.loads(row.value)
    return values


def set_settings(*, session: Session, **values: Any) -> dict[str, Any]:
    """Store several settings at once; every value is checked before any is written."""
    checked: dict[str, Any] = {}
    errors: list[FieldError] = []
    for key, value in values.items():
        try:
            checked[key] = _check(key, value)
        except ValidationError as exc:
            errors.extend(exc.errors)
    if errors:
        raise ValidationError(errors)
    for key, value in checked.items():
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=json.dumps(value)))
        else:
            row.value = json.dumps(value)
            row.updated_at = utcnow()
            session.add(row)
    session.flush()
    return get_settings(session=session)
