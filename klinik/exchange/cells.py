"""Cell-safety rules shared by the export and the import: control characters dropped,
texts cut to Excel's limit, formulas neutralised in CSV, text cells for identifiers such
as the NIK and NIB, and Excel's day numbers for dates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from math import isfinite
from typing import Any

TEXT_LIMIT = 32_767  # Excel's limit for one cell, in UTF-16 units
_HALF_LIMIT = TEXT_LIMIT // 2  # a text this short is within the limit in any encoding
CUT_MARK = "…[dipotong]"
RUPIAH_FORMAT = '"Rp"#,##0'
DATE_FORMAT = "dd/mm/yyyy"

# Identifiers of 13 to 16 digits that a spreadsheet opening a CSV reads as numbers.
LONG_NUMBER_COLUMNS = ("nik", "nib", "npwp")

# C0 and C1 control characters, lone surrogates (broken input that UTF-8 cannot encode) and
# the two non-characters XML forbids. Tabs and line breaks among them become one space, so
# the words they separated stay apart.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f\x85]+")
_FORMULA_START = frozenset("=+-@\t\r")
_FORMULA_AFTER_SPACE = frozenset("=+-@")


def clean_text(value: Any) -> str:
    """Text fit for any cell: control characters dropped (breaks and tabs become a space)
    and at most 32,767 UTF-16 units, a longer text ending in "…[dipotong]"."""
    text = value if type(value) is str else str(value)
    if _CONTROL.search(text) is not None:
        text = _CONTROL.sub("", _BREAKS.sub(" ", text))
    if len(text) > TEXT_LIMIT // 2:
        units = len(text.encode("utf-16-le")) // 2
        if units > TEXT_LIMIT:
            keep = (TEXT_LIMIT - len(CUT_MARK)) * 2
            # Cutting between the halves of a surrogate pair drops the broken half.
            text = text.encode("utf-16-le")[:keep].decode("utf-16-le", "ignore") + CUT_MARK
    return text


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the mark included, when longer."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - len(CUT_MARK))] + CUT_MARK


def csv_text(value: Any) -> str:
    """A text value for CSV: cleaned, and neutralised with a leading apostrophe when it
    starts (or starts after spaces) with a character that makes a spreadsheet read it as a
    formula: = + - @ tab CR (OWASP, CSV injection)."""
    raw = value if type(value) is str else str(value)
    text = clean_text(raw)
    if text and (raw[0] in _FORMULA_START or text.lstrip()[:1] in _FORMULA_AFTER_SPACE):
        return "'" + text
    return text


def csv_cell(value: Any, type_: str, decimal_comma: bool = False) -> str:
    """One CSV field: dates ISO (2021-05-20, read as a date everywhere), numbers and money
    as plain numbers (no grouping; a decimal comma with ``decimal_comma``, as an Indonesian
    spreadsheet reads a ';' file), text through ``csv_text``."""
    if value is None:
        return ""
    if type_ == "text":
        return csv_text(value)
    if type_ == "date":
        return value.isoformat()
    if type_ in ("number", "money") and isinstance(value, (int, float)):
        if isinstance(value, float):
            return repr(value).replace(".", ",") if decimal_comma else repr(value)
        return str(int(value))
    return csv_text(value)


# --- numbers and dates as spreadsheets keep them ------------------------------------------

# Excel's day numbers (the 1900 date system): day 1 is 1 January 1900, counted from here.
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIAL_FROM = date(1900, 3, 1)  # before it Excel counts a 29 February 1900
EXCEL_SERIAL_END = 2958466  # 1 January 10000: no day number reaches it
# A long number that a spreadsheet shows (and a CSV keeps) in scientific notation, its
# last digits lost: "6.27105E+15", "8,12E+10".
_SCIENTIFIC = re.compile(r"^\s*\d+(?:[.,]\d+)?[eE]\+?\d+\s*$")


def is_excel_day(value: Any) -> bool:
    """A number that is one of Excel's day numbers."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and 1 <= value < EXCEL_SERIAL_END
    )


def date_from_excel(value: int | float) -> date:
    """The date of one of Excel's day numbers (``is_excel_day``); a fraction (the time of
    day) is dropped."""
    return EXCEL_EPOCH + timedelta(days=int(value))


def looks_scientific(text: str) -> bool:
    """A text in scientific notation: a long number whose last digits are lost."""
    return _SCIENTIFIC.match(text) is not None


# --- XLSX cells ------------------------------------------------------------------------------


_TYPE_CODES = {"text": 0, "number": 1, "money": 1, "date": 2}


class XlsxCells:
    """Writes values into an XlsxWriter worksheet by column type.

    Text goes through ``write_string`` only (never ``write``, which would read "=..." as a
    formula): a NIK of 16 digits stays text, digit for digit. Money is a number in the
    Rupiah format, a date a real date (Excel's day number, as ``write_datetime`` writes it)
    in the dd/mm/yyyy format. A value of the wrong type for its column is written as text.
    """

    def __init__(self, workbook: Any, worksheet: Any):
        self.sheet = worksheet
        self.money_format = workbook.add_format({"num_format": RUPIAH_FORMAT})
        self.date_format = workbook.add_format({"num_format": DATE_FORMAT})
        self.text_format = workbook.add_format({"num_format": "@"})
        # XlsxWriter's public write_string/write_number first try to read the row as A1
        # notation ("B2"), a quarter of their time in a large export. Rows and columns here
        # are always numbers, so the same methods are called without that wrapper when
        # this XlsxWriter has them (3.x); otherwise the public ones.
        self._write_string = getattr(worksheet, "_write_string", worksheet.write_string)
        self._write_number = getattr(worksheet, "_write_number", worksheet.write_number)

    def text(self, row: int, col: int, value: Any) -> None:
        self.write(row, col, value, "text")

    def identifier(self, row: int, col: int, value: Any) -> None:
        """Text with the text number format, so Excel keeps editing it as text."""
        self.write(row, col, value, "text", identifier=True)

    def number(self, row: int, col: int, value: Any) -> None:
        self.write(row, col, value, "number")

    def money(self, row: int, col: int, value: Any) -> None:
        self.write(row, col, value, "money")

    def date(self, row: int, col: int, value: Any) -> None:
        self.write(row, col, value, "date")

    def write(self, row: int, col: int, value: Any, type_: str, identifier: bool = False):
        """One cell of a column of ``type_`` ("text", "number", "money" or "date")."""
        self.write_row(
            row, {col: value}, [(col, _TYPE_CODES[type_], self._format(type_, identifier))]
        )

    def _format(self, type_: str, identifier: bool) -> Any:
        if type_ == "money":
            return self.money_format
        if type_ == "date":
            return self.date_format
        return self.text_format if identifier else None

    def layout(self, columns: Sequence[Any]) -> list[tuple[int, int, Any]]:
        """(column index, type code, format) per column (``type`` and ``identifier`` of each,
        as an export's ``Column`` has them), for ``write_row``."""
        return [
            (col, _TYPE_CODES[c.type], self._format(c.type, c.identifier))
            for col, c in enumerate(columns)
        ]

    def write_row(self, row: int, values: Any, layout: list[tuple[int, int, Any]]):
        """One row: ``values[col]`` for each column of ``layout``. The hot loop of an export,
        so the type checks are inline."""
        write_string = self._write_string
        write_number = self._write_number
        needs_cleaning = _CONTROL.search
        for col, code, fmt in layout:
            value = values[col]
            if value is None:
                continue
            if code == 0:
                text = value if type(value) is str else str(value)
            elif code == 1 and (type(value) is int or (type(value) is float and isfinite(value))):
                write_number(row, col, value, fmt)
                continue
            elif code == 2 and type(value) is date and value >= EXCEL_SERIAL_FROM:
                write_number(row, col, (value - EXCEL_EPOCH).days, fmt)
                continue
            elif code == 2 and isinstance(value, date):
                # Excel has no day number for these: the date as text, as it would show.
                text, fmt = value.strftime("%d/%m/%Y"), None
            else:  # a value of another type than its column's: written as text
                text, fmt = str(value), None
            if needs_cleaning(text) is not None or len(text) > _HALF_LIMIT:
                text = clean_text(text)
            if text:
                write_string(row, col, text, fmt)
