"""CSV as Indonesian spreadsheets read it: UTF-8 with a BOM, the list separator of the
interface's language, a decimal comma with ';', and a warning for long numbers."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from klinik.errors import (
    InvalidValue,
)
from klinik.exchange.cells import clean_text, csv_cell, csv_text, shorten
from klinik.exchange.export.plan import _Plan

# The CSV list separators offered, with their Indonesian names.
DELIMITERS = {";": "titik koma", ",": "koma", "\t": "tab"}
_DELIMITER_WORDS = {
    ";": ";", "semicolon": ";", "titik-koma": ";", "titik koma": ";", "titikkoma": ";",
    ",": ",", "comma": ",", "koma": ",",
    "\t": "\t", "\\t": "\t", "tab": "\t", "tabulator": "\t",
}  # fmt: skip
# Identifiers of 13 to 16 digits that a spreadsheet opening a CSV reads as numbers.


Tick = Callable[[int], None]


def default_delimiter(lang: str | None) -> str:
    """The CSV separator a spreadsheet double-clicked under this interface language splits
    on: ';' for Indonesian (Excel's list separator there, and the default), ',' otherwise."""
    return ";" if lang in (None, "", "id") else ","


def parse_delimiter(value: str) -> str:
    """';', ',' or a tab from what a person writes: the character itself, or a word such as
    "titik-koma"/"semicolon", "koma"/"comma", "tab". Raises ``InvalidValue`` otherwise."""
    text = str(value)
    found = _DELIMITER_WORDS.get(text) or _DELIMITER_WORDS.get(" ".join(text.split()).lower())
    if found is None:
        raise InvalidValue(
            f"Pemisah kolom {shorten(clean_text(text), 20)!r} tidak dikenal. Pilihan: ; "
            "(titik-koma), , (koma), atau tab."
        )
    return found


def csv_number_warning(headers: Sequence[str]) -> str:
    """The warning for a CSV with these long-number columns ('' without any)."""
    if not headers:
        return ""
    return (
        f"Kolom {', '.join(headers)} berisi nomor panjang. Excel dan spreadsheet lain "
        "membaca nomor itu dari berkas CSV sebagai bilangan dan mengubahnya (mis. NIK 16 digit "
        "…268 menjadi …270; NIB tampil sebagai 1,23457E+12). Pakai XLSX: di sana nomor itu "
        "tersimpan utuh sebagai teks."
    )


def _write_csv(
    path: Path, plan: _Plan, pages: Iterable[list[list[Any]]], tick: Tick, meta: dict[str, Any]
) -> int:
    types = [c.type for c in plan.columns]
    delimiter = meta.get("delimiter") or default_delimiter(None)
    decimal_comma = delimiter == ";"
    rows = 0
    # UTF-8 with BOM: Excel then reads the Indonesian text right.
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow([csv_text(c.header) for c in plan.columns])
        for page in pages:
            writer.writerows(
                [csv_cell(value, t, decimal_comma) for value, t in zip(values, types, strict=True)]
                for values in page
            )
            rows += len(page)
            tick(rows)
        handle.flush()
        os.fsync(handle.fileno())
    return rows
