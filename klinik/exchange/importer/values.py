"""Values as people type them: identifiers kept digit for digit (or refused when Excel
lost digits), phones without their leading 0, Excel's day numbers, money as numbers."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from klinik.errors import InvalidValue
from klinik.exchange.cells import clean_text, date_from_excel, is_excel_day, looks_scientific
from klinik.exchange.importer.fields import (
    _GENDERS,
    IMPORT_FIELDS,
    _norm_header,
)

_FLOAT_NIK = (
    "NIK tersimpan sebagai angka sehingga angka terakhirnya hilang (Excel hanya menyimpan "
    "15 angka). Ubah format kolom NIK menjadi Teks, ketik ulang NIK-nya, lalu impor lagi."
)
_IDENTIFIER_FIELDS = {"nik", "nib", "npwp", "kbli", "licence_spp_irt", "licence_halal"}
_DATE_FIELDS = {"birth_date", "registered_on", "recorded_on"}
_MONEY_FIELDS = {"omzet", "omzet_monthly", "modal", "total_assets"}
_INT_FIELDS = {
    "year_started",
    "workers",
    "workers_permanent_male",
    "workers_permanent_female",
    "workers_nonpermanent_male",
    "workers_nonpermanent_female",
}


def _identifier_text(field: str, value: Any) -> str:
    """An identifier that may arrive as a number: exact digits, or an error if digits were lost."""
    if isinstance(value, bool):
        raise InvalidValue(f"{IMPORT_FIELDS[field]} tidak dikenali: {value!r}.")
    if isinstance(value, int):
        return str(value)
    lost = (
        f"{IMPORT_FIELDS[field]} tersimpan sebagai angka sehingga angka terakhirnya hilang. "
        "Ubah format kolomnya menjadi Teks, ketik ulang, lalu impor lagi."
    )
    if isinstance(value, float):
        if field == "nik" or value >= 1e15 or not value.is_integer():
            raise InvalidValue(_FLOAT_NIK if field == "nik" else lost)
        return str(int(value))
    text = str(value).strip()
    if looks_scientific(text):
        raise InvalidValue(_FLOAT_NIK if field == "nik" else lost)
    return text


def _phone_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if looks_scientific(text):
        raise InvalidValue(
            "Nomor telepon tersimpan sebagai angka berpangkat (mis. 8,12E+10); ubah format "
            "kolomnya menjadi Teks lalu ketik ulang."
        )
    compact = re.sub(r"[\s().\-/]+", "", text)
    # Excel drops the leading 0 of a number: 81234567890 is 081234567890.
    if compact.isdigit() and compact.startswith("8") and 9 <= len(compact) <= 12:
        return "0" + compact
    return text


def _date_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if is_excel_day(value):  # Excel's serial day numbers (1900 date system)
            return date_from_excel(value)
        raise InvalidValue(f"{value!r} bukan tanggal. Contoh: 20/05/2021 atau 20 Mei 2021.")
    text = str(value).strip()
    return text.split(" 00:00:00")[0] if re.match(r"^\d{4}-\d\d-\d\d 00:00:00$", text) else text


def _number_value(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return round(value)
    return value


def _prepare(field: str, value: Any) -> Any:
    """A cell's value in the form the services' cleaning functions read. Raises InvalidValue."""
    if isinstance(value, str):
        value = clean_text(value).strip()
    if field in _IDENTIFIER_FIELDS:
        return _identifier_text(field, value)
    if field in ("phone", "whatsapp"):
        return _phone_text(value)
    if field in _DATE_FIELDS:
        return _date_value(value)
    if field in _MONEY_FIELDS:
        return _number_value(value)
    if field in _INT_FIELDS:
        return _number_value(value) if isinstance(value, float) else value
    if field == "gender":
        return _GENDERS.get(_norm_header(value), value)
    if isinstance(value, (datetime, date)):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)
