"""Clinic-wide settings, declared once with types and defaults, stored in the database.

They travel with the data (letterhead and letter numbering belong to the clinic, not to one
laptop). Per-machine preferences such as window geometry live in QSettings in the UI.

Every setting has a check that runs when it is set, from the window or the command line, the
way a form checks its fields: a value that would break letters later (a letter number of a
hundred thousand digits, an active consultant who does not exist, "maybe" for yes/no) is
refused now, with its reason in Indonesian, and nothing is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Formatter
from typing import Any

from sqlmodel import Session, select

from klinik.db.models import Consultant, Setting, utcnow
from klinik.domain.consent import BACKUP_RETENTION_DAYS
from klinik.domain.formatting import parse_whole_number, shown
from klinik.domain.identifiers import normalize_email
from klinik.domain.letters import DEFAULT_LETTER_PATTERN, validate_letter_pattern
from klinik.errors import FieldError, InvalidValue, Refusal, ValidationError
from klinik.services.validation import text_problem

Check = Callable[[Session, Any, "SettingSpec"], Any]


@dataclass(frozen=True)
class SettingSpec:
    """One setting: its key, default, Indonesian label, and the check that cleans a value."""

    key: str
    default: Any
    label: str
    check: Check


# --- checks ---------------------------------------------------------------------------------


def _text(max_length: int, *, required: bool = False, multiline: bool = False) -> Check:
    def check(db: Session, value: Any, spec: SettingSpec) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise InvalidValue(f"{spec.label} harus berupa teks.")
        problem = text_problem(value)
        if problem is not None:
            raise InvalidValue(f"{spec.label} {problem}")
        text = value.strip()
        if required and not text:
            raise InvalidValue(f"{spec.label} wajib diisi.")
        if not multiline and ("\n" in text or "\r" in text):
            raise InvalidValue(f"{spec.label} harus satu baris.")
        if len(text) > max_length:
            raise InvalidValue(
                f"{spec.label} terlalu panjang ({len(text)} huruf); paling banyak {max_length}."
            )
        return text

    return check


def _email(db: Session, value: Any, spec: SettingSpec) -> str:
    text = _text(254)(db, value, spec)
    return normalize_email(text) if text else ""


_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")


def _logo(db: Session, value: Any, spec: SettingSpec) -> str:
    text = _text(1000)(db, value, spec)
    if not text:
        return ""
    path = Path(text).expanduser()
    if path.suffix.lower() not in _IMAGE_SUFFIXES:
        raise InvalidValue(f"{spec.label} harus gambar PNG, JPG atau GIF; bukan {shown(text)}.")
    if not path.is_file():
        raise InvalidValue(f"{spec.label} {shown(text)} tidak ditemukan.")
    return str(path)


_TRUE, _FALSE = {"ya", "true", "1"}, {"tidak", "false", "0"}


def _flag(db: Session, value: Any, spec: SettingSpec) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    text = value.strip().lower() if isinstance(value, str) else None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InvalidValue(
        f"{spec.label}: isi ya atau tidak (juga true/false, 1/0); bukan {shown(value)}."
    )


def _days(db: Session, value: Any, spec: SettingSpec) -> int:
    low, high = 30, 3650
    try:
        if isinstance(value, bool):
            raise InvalidValue("")
        days = value if isinstance(value, int) else parse_whole_number(str(value), what="")
    except InvalidValue:
        days = None
    if days is None or not low <= days <= high:
        raise InvalidValue(f"Masa simpan cadangan harus antara {low} dan {high} hari.")
    return days


def _consultant(db: Session, value: Any, spec: SettingSpec) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    message = f"{spec.label} harus berupa id konsultan (angka), bukan {shown(value)}."
    if isinstance(value, bool):
        raise InvalidValue(message)
    if isinstance(value, int):
        consultant_id = value
    else:
        try:
            consultant_id = parse_whole_number(str(value), what=spec.label)
        except InvalidValue:
            raise InvalidValue(message) from None
    # An id that is not there would make every later "add" fail on it.
    if not 0 < consultant_id < 2**63 or db.get(Consultant, consultant_id) is None:
        raise InvalidValue(
            f"Konsultan dengan id {consultant_id} tidak ditemukan; lihat `klinik list consultants`."
        )
    return consultant_id


def _tembusan(db: Session, value: Any, spec: SettingSpec) -> list[str]:
    if value is None:
        value = []
    items = value if isinstance(value, list) else str(value).replace("\n", ";").split(";")
    line = _text(200)
    cleaned = [line(db, item, spec) for item in items]
    cleaned = [item for item in cleaned if item]
    if len(cleaned) > TEMBUSAN_MAX:
        raise InvalidValue(f"{spec.label}: paling banyak {TEMBUSAN_MAX} penerima tembusan.")
    return cleaned


def _signer_id(db: Session, value: Any, spec: SettingSpec) -> str:
    """The signer's NIP (18 digits) or NIK (16), spaces allowed; or empty: no such line."""
    typed = _text(40)(db, value, spec)
    digits = re.sub(r"^(NIP|NIK)\.?\s*", "", typed, flags=re.IGNORECASE).replace(" ", "")
    if typed and not (digits.isdigit() and len(digits) in (16, 18)):
        raise InvalidValue(
            f"{spec.label}: tulis NIP (18 angka, misalnya 19700101 199503 2 001) atau NIK "
            f"(16 angka); bukan {shown(typed)}. Kosongkan bila tidak dicantumkan."
        )
    return digits


def _paper(db: Session, value: Any, spec: SettingSpec) -> str:
    paper = str(value or "").strip().upper()
    if paper not in PAPER_SIZES:
        raise InvalidValue(
            f"{spec.label}: pilih {' atau '.join(PAPER_SIZES)}; bukan {shown(value)}."
        )
    return paper


# Letter paper: A4, or F4 (folio, 215 x 330 mm), which many Indonesian offices still use.
PAPER_SIZES = ("A4", "F4")
TEMBUSAN_MAX = 10
LETTER_PATTERN_MAX_LENGTH = 60
# A letter number must fit on the "Nomor :" line of a letter (reportlab gives up on a word
# wider than the page) and in a register's column.
LETTER_NUMBER_MAX_LENGTH = 50
_NUMBER_SPEC = re.compile(r"0?[1-9]?d?")  # "", "d", "3d", "03d" ... at most 9 digits wide
_NUMERIC_PLACEHOLDERS = ("seq", "month", "year")
# The longest values a number can take: sequence 99999 in a year, August (VIII), 2100.
_LONGEST = {"seq": 99999, "roman_month": "VIII", "month": 8, "year": 2100}


def _letter_pattern(db: Session, value: Any, spec: SettingSpec) -> str:
    if not isinstance(value, str):
        raise InvalidValue(f"{spec.label} harus berupa teks, mis. {DEFAULT_LETTER_PATTERN}.")
    problem = text_problem(value)
    if problem is not None:
        raise InvalidValue(f"{spec.label} {problem}")
    if len(value.strip()) > LETTER_PATTERN_MAX_LENGTH:
        raise InvalidValue(
            f"{spec.label} terlalu panjang ({len(value.strip())} huruf); paling banyak "
            f"{LETTER_PATTERN_MAX_LENGTH}."
        )
    pattern = validate_letter_pattern(value)
    for _, name, format_spec, _ in Formatter().parse(pattern):
        if name is None or not format_spec:
            continue
        if name in _NUMERIC_PLACEHOLDERS and _NUMBER_SPEC.fullmatch(format_spec):
            continue
        raise InvalidValue(
            f"{spec.label}: {{{name}:{shown(format_spec, 12)[1:-1]}}} tidak didukung. Angka "
            "boleh diberi lebar sampai 9 digit, mis. {seq:03d} atau {month:02d}; {unit} dan "
            f"{{roman_month}} ditulis tanpa format. Contoh: {DEFAULT_LETTER_PATTERN}"
        )
    return pattern


def _check_letter_number(pattern: str, unit: str) -> str | None:
    """Why letters numbered by `pattern` with `unit` would not fit, or None."""
    longest = pattern.format(unit=unit, **_LONGEST)
    if len(longest) > LETTER_NUMBER_MAX_LENGTH:
        return (
            f"Nomor surat dengan pola ini bisa sepanjang {len(longest)} huruf "
            f"({shown(longest, 30)}); paling banyak {LETTER_NUMBER_MAX_LENGTH}. Perpendek pola "
            "atau kode unit."
        )
    return None


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in [
        SettingSpec("clinic_name", "Klinik Bisnis", "Nama klinik", _text(200, required=True)),
        SettingSpec(
            "clinic_unit", "KB-KT", "Kode unit (untuk nomor surat)", _text(20, required=True)
        ),
        SettingSpec("clinic_address", "", "Alamat klinik", _text(300, multiline=True)),
        SettingSpec("clinic_town", "Palangka Raya", "Kota (tempat surat)", _text(80)),
        SettingSpec("clinic_phone", "", "Telepon klinik", _text(40)),
        SettingSpec("clinic_email", "", "E-mail klinik", _email),
        SettingSpec("clinic_website", "", "Situs web klinik", _text(200)),
        SettingSpec("clinic_logo", "", "Berkas logo", _logo),
        SettingSpec("letter_pattern", DEFAULT_LETTER_PATTERN, "Pola nomor surat", _letter_pattern),
        SettingSpec("signer_title", "Kepala Klinik Bisnis", "Jabatan penanda tangan", _text(160)),
        SettingSpec("signer_name", "", "Nama penanda tangan", _text(160)),
        SettingSpec("signer_rank", "", "Pangkat/golongan penanda tangan", _text(80)),
        SettingSpec("signer_id", "", "NIP/NIK penanda tangan", _signer_id),
        SettingSpec("letter_paper", "A4", "Ukuran kertas surat", _paper),
        SettingSpec("letter_tembusan", ["Arsip"], "Tembusan surat", _tembusan),
        SettingSpec("current_consultant_id", None, "Konsultan aktif", _consultant),
        SettingSpec("first_run_done", False, "Pengaturan awal selesai", _flag),
        SettingSpec(
            "backup_retention_days",
            BACKUP_RETENTION_DAYS,
            "Simpan cadangan paling lama (hari)",
            _days,
        ),
    ]
}


def _unknown(key: str) -> FieldError:
    return FieldError(key, f"Pengaturan {shown(key)} tidak dikenal. Yang ada: {', '.join(SPECS)}.")


def get_setting(*, db: Session, key: str) -> Any:
    if key not in SPECS:
        raise ValidationError(_unknown(key))
    row = db.get(Setting, key)
    if row is None:
        return SPECS[key].default
    return json.loads(row.value)


def get_settings(*, db: Session) -> dict[str, Any]:
    values = {key: spec.default for key, spec in SPECS.items()}
    for row in db.exec(select(Setting)):
        if row.key in values:
            values[row.key] = json.loads(row.value)
    return values


def check_settings(*, db: Session, **values: Any) -> dict[str, Any]:
    """The cleaned values, or ValidationError with every bad one; writes nothing."""
    checked: dict[str, Any] = {}
    errors: list[FieldError] = []
    for key, value in values.items():
        spec = SPECS.get(key)
        if spec is None:
            errors.append(_unknown(key))
            continue
        try:
            checked[key] = spec.check(db, value, spec)
        except InvalidValue as exc:
            errors.append(FieldError(key, str(exc)))
    numbering = {"letter_pattern", "clinic_unit"}
    if numbering & set(checked) and not numbering & {e.field for e in errors}:
        # The two together make the letter number: check it as it would be printed.
        stored = get_settings(db=db)
        pattern = checked.get("letter_pattern", stored["letter_pattern"])
        unit = checked.get("clinic_unit", stored["clinic_unit"])
        problem = _check_letter_number(pattern, unit)
        if problem is not None:
            field = "letter_pattern" if "letter_pattern" in checked else "clinic_unit"
            errors.append(FieldError(field, problem))
    if errors:
        raise ValidationError(errors)
    return checked


def set_settings(*, db: Session, **values: Any) -> dict[str, Any]:
    """Store several settings at once; every value is checked before any is written."""
    checked = check_settings(db=db, **values)
    for key, value in checked.items():
        row = db.get(Setting, key)
        if row is None:
            db.add(Setting(key=key, value=json.dumps(value)))
        else:
            row.value = json.dumps(value)
            row.updated_at = utcnow()
            db.add(row)
    db.flush()
    return get_settings(db=db)


# A letter leaves the clinic under its letterhead and signature: these must be filled first.
LETTERHEAD_KEYS = ("clinic_name", "clinic_address", "signer_name", "signer_title")


def letterhead_missing(*, db: Session) -> list[str]:
    """The letterhead settings still empty (keys, in LETTERHEAD_KEYS' order)."""
    values = get_settings(db=db)
    return [key for key in LETTERHEAD_KEYS if not str(values.get(key) or "").strip()]


def require_letterhead(*, db: Session) -> None:
    """Refuse to issue a letter under an incomplete letterhead, saying what to fill and where."""
    missing = letterhead_missing(db=db)
    if not missing:
        return
    labels = ", ".join(SPECS[key].label for key in missing)
    example = " ".join(f'{key}="…"' for key in missing)
    raise Refusal(
        f"Surat belum bisa diterbitkan: kop surat belum lengkap ({labels}). Lengkapi di "
        f"Berkas → Pengaturan klinik, atau dari baris perintah: klinik settings {example}"
    )
