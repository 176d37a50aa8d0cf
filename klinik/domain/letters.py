"""Numbers of official letters (tata naskah dinas), e.g. "012/KB-KT/V/2021".

The pattern is a setting written as a Python format string; only the placeholders below are
allowed. The sequence itself is stored and incremented elsewhere.
"""

from __future__ import annotations

import re
from datetime import date
from string import Formatter

from klinik.errors import FieldError, InvalidValue, ValidationError

DEFAULT_LETTER_PATTERN = "{seq:03d}/{unit}/{roman_month}/{year}"
LETTER_PLACEHOLDERS: tuple[str, ...] = ("seq", "unit", "roman_month", "month", "year")

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_PLACEHOLDER_HELP = "{seq}, {unit}, {roman_month}, {month}, {year}"
# Values used to try a pattern out, so a bad format spec is caught when the setting is saved.
_SAMPLE = {"seq": 12, "unit": "KB-KT", "roman_month": "V", "month": 5, "year": 2021}


def roman_month(month: int) -> str:
    """The month in Roman numerals, as used in letter numbers: 5 -> "V"."""
    if not 1 <= month <= 12:
        raise InvalidValue(f"Bulan harus 1-12; yang diisi {month}.")
    return _ROMAN[month - 1]


def _fields(pattern: str) -> list[tuple[str, str, str | None]]:
    try:
        parsed = list(Formatter().parse(pattern))
    except ValueError:
        raise InvalidValue(
            "Pola nomor surat: kurung kurawal { } tidak berpasangan. "
            f"Contoh pola: {DEFAULT_LETTER_PATTERN}"
        ) from None
    return [(name, spec, conv) for _, name, spec, conv in parsed if name is not None]


def validate_letter_pattern(pattern: str) -> str:
    """The pattern, stripped, if it can number letters uniquely; otherwise InvalidValue."""
    pattern = (pattern or "").strip()
    if not pattern:
        raise InvalidValue(f"Pola nomor surat belum diisi. Contoh: {DEFAULT_LETTER_PATTERN}")
    fields = _fields(pattern)
    for name, spec, conversion in fields:
        if name not in LETTER_PLACEHOLDERS:
            shown = "{" + name + "}" if name else "{}"
            raise InvalidValue(
                f"Pola nomor surat memuat {shown} yang tidak dikenal; "
                f"yang boleh dipakai: {_PLACEHOLDER_HELP}."
            )
        if conversion is not None or "{" in (spec or ""):
            raise InvalidValue(
                f"Pola nomor surat: bagian {{{name}}} ditulis dengan cara yang tidak didukung. "
                f"Contoh pola: {DEFAULT_LETTER_PATTERN}"
            )
    names = {name for name, _, _ in fields}
    # The sequence restarts every year, so only seq and year together are unique.
    missing = [p for p in ("seq", "year") if p not in names]
    if missing:
        shown = " dan ".join("{" + p + "}" for p in missing)
        raise InvalidValue(
            f"Pola nomor surat harus memuat {shown} supaya setiap nomor unik dalam setahun. "
            f"Contoh pola: {DEFAULT_LETTER_PATTERN}"
        )
    try:
        pattern.format(**_SAMPLE)
    except (ValueError, TypeError):
        raise InvalidValue(
            "Pola nomor surat memuat format yang tidak cocok (mis. {unit:03d}); "
            f"angka 3 digit hanya untuk {{seq:03d}}. Contoh pola: {DEFAULT_LETTER_PATTERN}"
        ) from None
    return pattern


def format_letter_number(pattern: str, *, seq: int, on: date, unit: str) -> str:
    """The letter number for sequence `seq` issued on `on`: "012/KB-KT/V/2021"."""
    pattern = validate_letter_pattern(pattern)
    if seq < 1:
        raise InvalidValue(f"Nomor urut surat harus 1 atau lebih; yang diberikan {seq}.")
    unit = (unit or "").strip()
    if not unit and any(name == "unit" for name, _, _ in _fields(pattern)):
        raise InvalidValue("Kode unit untuk nomor surat belum diisi, mis. KB-KT.")
    return pattern.format(
        seq=seq, unit=unit, roman_month=roman_month(on.month), month=on.month, year=on.year
    )


# --- the templates of referral letters ------------------------------------------------

# Words a template may use, with what they stand for (shown to the user in the editor).
PLACEHOLDERS: dict[str, str] = {
    "nama_klinik": "nama klinik",
    "nama_pemilik": "nama pemilik usaha",
    "nik": "NIK pemilik",
    "nib": "NIB",
    "nama_usaha": "nama usaha",
    "produk": "produk, sebagai daftar: “a dan b”, “a, b, dan c”",
    "keterangan_nib": "“serta telah memiliki” atau “namun belum memiliki” NIB",
    "alamat": "alamat lengkap",
    "kabupaten": "kabupaten/kota",
    "no_hp": "nomor HP",
    "judul_kasus": "judul kasus",
    "tujuan_kasus": "tujuan pendampingan",
    "instansi": "nama instansi tujuan",
    "catatan": "catatan rujukan",
    "identitas": "tabel identitas pelaku usaha (satu paragraf tersendiri)",
}
_TEMPLATE_WORD = re.compile(r"\{([a-z_]+)\}")


def check_template(template: str) -> str:
    """Refuse a template with an unknown {word}, naming it and listing the known ones."""
    unknown = sorted({m for m in _TEMPLATE_WORD.findall(template) if m not in PLACEHOLDERS})
    if unknown:
        known = ", ".join("{" + k + "}" for k in PLACEHOLDERS)
        raise ValidationError(
            FieldError(
                "body",
                f"Tanda {', '.join('{' + u + '}' for u in unknown)} tidak dikenal. "
                f"Yang bisa dipakai: {known}.",
            )
        )
    return template


def fill(template: str, values: dict[str, str]) -> str:
    return _TEMPLATE_WORD.sub(lambda m: values.get(m.group(1), m.group(0)), template)
