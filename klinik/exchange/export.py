"""Client, case and session lists to CSV, XLSX and PDF, for associations and funders.

Associations (Akumandiri, APINDO, Dekranasda, Jaringan Pengusaha Nasional) ask the clinic for
lists of the businesses it mentors. ``export_rows`` writes such a list with the same filters
and sort as the window's list (the keyword arguments of ``list_clients``, ``list_cases`` and
``list_sessions``), in the columns chosen from a catalogue with Indonesian headers.

Rows. The rows come from the services' own list queries (their filter builders and sort
tables), read as one stream in pages of 1,000 inside one read transaction, so the file is a
consistent snapshot and memory does not grow with the row count. The list functions' own
OFFSET paging is not used: each page re-reads all rows before it (100,000 cases took 14 s,
sorted by id 141 s, on the bench store), where one stream takes about half a second. The
columns a list row lacks (owner, size class, session counts ...) are read per page, for the
chosen columns only. The total for the progress bar is counted (``count_*``) in a helper
thread meanwhile, SQLite counting without holding Python's lock; ``progress(done, 0)`` until
it is known.

Personal data (UU PDP 27/2022) is protected by default: owner name, NIK, birth date, gender,
education, disability, e-mail, NPWP (a person's NPWP is the NIK) and notes are left out, phone
and WhatsApp are masked ("0812-****-7890"), address, kelurahan and coordinates give way to
the kecamatan, omzet, modal and assets to the size class. ``with_personal_data=True`` keeps
the personal columns, but a row gets its personal values only when its client consents to
sharing with associations (``client_consents_to_sharing``); every other row shows them as in
an export without personal data (blank or masked).

CSV is written as Indonesian spreadsheets read it: UTF-8 with a BOM, and the list separator
Excel uses under the interface's language, ``;`` in Indonesian (``default_delimiter``; with a
comma the whole row lands in column A), ``,`` in English, or a tab (``parse_delimiter`` reads
";", "titik-koma", "koma", "tab" ...). With ``;`` a decimal number has a decimal comma, as an
Indonesian spreadsheet writes it. A spreadsheet that opens a CSV reads long numbers such as
the NIK as numbers and changes them; ``csv_number_warning`` says so for the columns at risk
(``LONG_NUMBER_COLUMNS``) and recommends XLSX.

Cells are safe: control characters are dropped (line breaks and tabs become one space), text
longer than Excel's 32,767 characters is cut and ends in "…[dipotong]"; in CSV a text that
could start a formula (= + - @, tab, CR) gets a leading apostrophe (OWASP, CSV injection); in
XLSX text is always a text cell (never a formula), money a number in the Rupiah format, dates
real dates (dd/mm/yyyy) and identifiers such as the NIK text, so all 16 digits survive.

A PDF list (at most ``PDF_MAX_ROWS`` rows and ``PDF_MAX_COLUMNS`` columns) is A4 portrait
when its columns' natural widths, measured on the rows, fit, and landscape otherwise; each
column is at least as wide as its widest word, so no word is broken inside a cell, and the
footer names the clinic (setting ``clinic_name``).

Files are written to a temporary file in the target folder and renamed over the target at
the end: a failed or cancelled export leaves no partial file. Every finished export is
an event of the audit trail in the store (``list_exports``, ``klinik audit``). The event names
every filter used (``filters_used``) but keeps the values only of filters that say nothing
about a person (``AUDITED_FILTER_VALUES``: codes, ids, dates, statuses): a search text is often
a client's name, phone or NIK, so the trail keeps that a search was made, never its words.
Column sets are kept by name in ``export_presets.json`` (``save_preset``, ``list_presets``,
``load_preset``), each with the CSV separator chosen when it was saved (``preset_delimiter``;
a preset saved without one gets the language's default).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import inspect
import json
import logging
import operator
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from math import isfinite
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from klinik import paths
from klinik.db.audit import record_event
from klinik.db.engine import Store
from klinik.db.models import (
    AuditEvent,
    Case,
    CaseArea,
    Client,
    Kabupaten,
    MentoringSession,
    SizeRecord,
)
from klinik.domain.formatting import format_number, format_rupiah, parse_date
from klinik.domain.identifiers import format_phone, mask_phone
from klinik.domain.sizeclass import SizeClass, size_class
from klinik.domain.vocab import (
    Area,
    CaseStatus,
    Channel,
    ConsentPurpose,
    Education,
    Gender,
    LegalForm,
    Readiness,
    SessionMode,
)
from klinik.errors import (
    FieldError,
    InvalidValue,
    KnownError,
    NotFound,
    StoreReadOnly,
    ValidationError,
)
from klinik.files import atomic_output
from klinik.reports import base as pdf
from klinik.services import cases as case_service
from klinik.services import clients as client_service
from klinik.services import privacy
from klinik.services import sessions as session_service
from klinik.services.common import apply_sort
from klinik.services.settings import get_setting
from klinik.services.validation import FIELD_LABELS

logger = logging.getLogger(__name__)

KINDS = ("clients", "cases", "sessions")
FORMATS = ("csv", "xlsx", "pdf")
PAGE_SIZE = 1000
PDF_MAX_ROWS = 5000
# A landscape A4 page holds about fourteen readable columns (a portrait one about ten); the
# list turns landscape when its columns need it.
PDF_MAX_COLUMNS = 14
XLSX_MAX_ROWS = 1_048_575  # Excel's sheet has 1,048,576 rows, one of them the header
TEXT_LIMIT = 32_767  # Excel's limit for one cell, in UTF-16 units
_HALF_LIMIT = TEXT_LIMIT // 2  # a text this short is within the limit in any encoding
CUT_MARK = "…[dipotong]"
RUPIAH_FORMAT = '"Rp"#,##0'
DATE_FORMAT = "dd/mm/yyyy"
PRESETS_FILE = "export_presets.json"

# The CSV list separators offered, with their Indonesian names.
DELIMITERS = {";": "titik koma", ",": "koma", "\t": "tab"}
_DELIMITER_WORDS = {
    ";": ";", "semicolon": ";", "titik-koma": ";", "titik koma": ";", "titikkoma": ";",
    ",": ",", "comma": ",", "koma": ",",
    "\t": "\t", "\\t": "\t", "tab": "\t", "tabulator": "\t",
}  # fmt: skip
# Identifiers of 13 to 16 digits that a spreadsheet opening a CSV reads as numbers.
LONG_NUMBER_COLUMNS = ("nik", "nib", "npwp")

KIND_LABELS = {"clients": "klien", "cases": "kasus", "sessions": "sesi pendampingan"}
_SHEET_NAMES = {"clients": "Klien", "cases": "Kasus", "sessions": "Sesi"}


class ExportCancelled(KnownError):
    """The user cancelled an export; no file was written."""

    def __init__(self, message: str = "Ekspor dibatalkan; tidak ada berkas yang ditulis."):
        super().__init__(message)


def client_consents_to_sharing(session: Session, client_ids: list[int]) -> set[int]:
    """Which clients allow their personal data to be shared with associations: their
    consent in force (UU PDP 27/2022) includes that purpose. The one place exports ask."""
    return privacy.clients_consenting(
        session=session, client_ids=client_ids, purpose=ConsentPurpose.SHARING
    )


# --- cell safety ----------------------------------------------------------------------------

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


def long_number_headers(kind: str, columns: Iterable[str]) -> list[str]:
    """The headers of the columns among ``columns`` (keys, as written) whose long numbers a
    spreadsheet opening a CSV would change (NIK, NIB, NPWP)."""
    catalogue = CATALOGUE[_check_kind(kind)]
    return [catalogue[k].header for k in columns if k in LONG_NUMBER_COLUMNS and k in catalogue]


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


_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIAL_FROM = date(1900, 3, 1)  # before it Excel counts a 29 February 1900


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

    def layout(self, columns: Sequence[Column]) -> list[tuple[int, int, Any]]:
        """(column index, type code, format) per column, for ``write_row``."""
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
            elif code == 2 and type(value) is date and value >= _EXCEL_SERIAL_FROM:
                write_number(row, col, (value - _EXCEL_EPOCH).days, fmt)
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


# --- the column catalogue -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Column:
    """One column a list can be exported with.

    ``get(row, page)`` reads the value from a list row and the page's extra data.
    ``personal`` columns are protected unless personal data is included and the client
    consents: ``protect`` says how: "omit" (left out / blank), "mask" (phone masked) or
    "replace" (the ``replacement`` column, e.g. the kecamatan for the address, stands in).
    """

    key: str
    header: str
    type: str  # "text", "number", "money" or "date"
    get: Callable[[Any, _PageData], Any] = dataclasses.field(repr=False, compare=False)
    personal: bool = False
    protect: str = "omit"
    replacement: str | None = None
    sources: frozenset[str] = frozenset()
    identifier: bool = False
    width: int = 18
    grouped: bool = True  # a PDF groups thousands ("1.250"), not in an id or a year


@dataclasses.dataclass
class _Size:
    recorded_on: date
    omzet: int | None
    modal: int | None
    total_assets: int | None
    workers: int | None
    size_class: SizeClass | None


@dataclasses.dataclass
class _PageData:
    """What one page of rows needs beyond the list rows, loaded for the chosen columns."""

    kab: dict[str, str]
    client: dict[int, Any] = dataclasses.field(default_factory=dict)
    size: dict[int, _Size] = dataclasses.field(default_factory=dict)
    case: dict[int, Any] = dataclasses.field(default_factory=dict)
    stats: dict[int, tuple[int, int]] = dataclasses.field(default_factory=dict)
    session: dict[int, Any] = dataclasses.field(default_factory=dict)
    session_areas: dict[int, list[str]] = dataclasses.field(default_factory=dict)
    consent: set[int] = dataclasses.field(default_factory=set)


def _labels(vocab: Any) -> dict[str, str]:
    return {m.value: m.label_id for m in vocab}


_STATUS = _labels(CaseStatus)
_MODE = _labels(SessionMode)
_GENDER = _labels(Gender)
_EDUCATION = _labels(Education)
_LEGAL = _labels(LegalForm)
_AREA = _labels(Area)
_CHANNELS = [(f"sells_{c.value}", c.label_id) for c in Channel]
_READINESS = [(f"has_{r.value}", r.label_id) for r in Readiness]


def _label(mapping: dict[str, str]) -> Callable[[Any], Any]:
    return lambda value: mapping.get(value, value) if value else None


def _areas_text(areas: Sequence[str]) -> str | None:
    return _areas_label(tuple(areas))


@functools.lru_cache(maxsize=4096)
def _areas_label(areas: tuple[str, ...]) -> str | None:
    # Few distinct sets of areas occur; each row only looks its set up.
    return ", ".join(_AREA.get(a, a) for a in areas) or None


def _flags(pairs: list[tuple[str, str]]) -> Callable[[Any], str | None]:
    return lambda client: ", ".join(label for flag, label in pairs if getattr(client, flag)) or None


# Client fields that each kind's list row carries itself (ClientRow, CaseRow, SessionRow).
_CLIENT_ROW_FIELDS = {
    "clients": frozenset(
        {"business_name", "owner_name", "kecamatan", "products", "phone", "nib", "registered_on"}
    ),
    "cases": frozenset({"business_name"}),
    "sessions": frozenset({"business_name"}),
}
# Client fields read per page for the columns a list row lacks.
_CLIENT_FIELDS = [
    "id", "business_name", "owner_name", "nik", "gender", "birth_date", "education",
    "disability", "phone", "whatsapp", "email", "address", "kabupaten_code", "kecamatan",
    "kelurahan", "latitude", "longitude", "sector", "kbli", "products", "legal_form",
    "year_started", "registered_on", "nib", "npwp", "association", "notes",
    *(flag for flag, _ in _CHANNELS), *(flag for flag, _ in _READINESS),
]  # fmt: skip


def _client_id_of(kind: str) -> Callable[[Any], int]:
    return operator.attrgetter("id" if kind == "clients" else "client_id")


def _client_columns(kind: str) -> list[Column]:
    """Columns about the client, for every kind of list (a case's or a session's client)."""
    cid = _client_id_of(kind)
    client_source = frozenset({"client"})

    def field(name: str, transform: Callable[[Any], Any] | None = None):
        if name in _CLIENT_ROW_FIELDS[kind]:
            read = operator.attrgetter(name)

            def get(r, p):
                return read(r)

            sources: frozenset[str] = frozenset()
        else:
            read = operator.attrgetter(name)

            def get(r, p):
                return read(p.client[cid(r)])

            sources = client_source
        if transform is None:
            return get, sources
        return (lambda r, p: transform(get(r, p))), sources

    def whole_client(transform: Callable[[Any], Any]):
        return (lambda r, p: transform(p.client[cid(r)])), client_source

    def size(read: Callable[[_Size], Any]):
        def get(r, p):
            record = p.size.get(cid(r))
            return None if record is None else read(record)

        return get, frozenset({"size"})

    if kind == "clients":
        kabupaten = (lambda r, p: r.kabupaten), frozenset()
    elif kind == "cases":
        kabupaten = (lambda r, p: p.kab.get(r.kabupaten_code)), frozenset({"kab"})
    else:
        kabupaten = (
            (lambda r, p: p.kab.get(p.client[cid(r)].kabupaten_code)),
            frozenset({"client", "kab"}),
        )

    def col(key, type_, getter, *, header=None, **kw) -> Column:
        get, sources = getter
        return Column(key, header or FIELD_LABELS[key], type_, get, sources=sources, **kw)

    personal = {"personal": True}
    return [
        col(
            "id" if kind == "clients" else "client_id",
            "number",
            ((lambda r, p: cid(r)), frozenset()),
            header="ID klien",
            width=9,
            grouped=False,
        ),
        col("business_name", "text", field("business_name"), width=30),
        col("owner_name", "text", field("owner_name"), width=24, **personal),
        col("nik", "text", field("nik"), identifier=True, **personal),
        col("gender", "text", field("gender", _label(_GENDER)), width=12, **personal),
        col("birth_date", "date", field("birth_date"), width=12, **personal),
        col("education", "text", field("education", _label(_EDUCATION)), width=12, **personal),
        col("disability", "text", field("disability"), **personal),
        col("phone", "text", field("phone"), identifier=True, protect="mask", **personal),
        col("whatsapp", "text", field("whatsapp"), identifier=True, protect="mask", **personal),
        col("email", "text", field("email"), width=26, **personal),
        col(
            "address", "text", field("address"), width=40,
            protect="replace", replacement="kecamatan", **personal,
        ),
        col(
            "kelurahan", "text", field("kelurahan"),
            protect="replace", replacement="kecamatan", **personal,
        ),
        col("kecamatan", "text", field("kecamatan")),
        col("kabupaten", "text", kabupaten, header=FIELD_LABELS["kabupaten_code"], width=24),
        col(
            "latitude", "number", field("latitude"), width=11,
            protect="replace", replacement="kecamatan", **personal,
        ),
        col(
            "longitude", "number", field("longitude"), width=11,
            protect="replace", replacement="kecamatan", **personal,
        ),
        col("sector", "text", field("sector")),
        col("kbli", "text", field("kbli"), identifier=True, width=8),
        col("products", "text", field("products"), width=36),
        col("legal_form", "text", field("legal_form", _label(_LEGAL)), width=12),
        col("year_started", "number", field("year_started"), width=9, grouped=False),
        col("registered_on", "date", field("registered_on"), width=12),
        col("nib", "text", field("nib"), identifier=True, width=16),
        col("npwp", "text", field("npwp"), identifier=True, **personal),
        col("association", "text", field("association"), width=24),
        col("channels", "text", whole_client(_flags(_CHANNELS)), header="Saluran pasar", width=30),
        col(
            "readiness", "text", whole_client(_flags(_READINESS)),
            header="Kesiapan usaha", width=30,
        ),
        col(
            "size_class", "text",
            size(lambda s: s.size_class.label if s.size_class else None),
            header="Kelas usaha", width=11,
        ),
        col(
            "size_recorded_on", "date", size(operator.attrgetter("recorded_on")),
            header="Tanggal data usaha", width=12,
        ),
        col(
            "omzet", "money", size(operator.attrgetter("omzet")),
            protect="replace", replacement="size_class", **personal,
        ),
        col(
            "modal", "money", size(operator.attrgetter("modal")),
            protect="replace", replacement="size_class", **personal,
        ),
        col(
            "total_assets", "money", size(operator.attrgetter("total_assets")),
            protect="replace", replacement="size_class", **personal,
        ),
        col(
            "workers", "number", size(operator.attrgetter("workers")),
            header="Jumlah pekerja", width=9,
        ),
        col("notes", "text", field("notes"), header="Catatan klien", width=50, **personal),
    ]  # fmt: skip


def _case_columns() -> list[Column]:
    case = frozenset({"case"})
    stats = frozenset({"stats"})
    return [
        Column("id", "ID kasus", "number", lambda r, p: r.id, width=9, grouped=False),
        Column("title", "Judul kasus", "text", lambda r, p: r.title, width=36),
        Column("status", "Status", "text", lambda r, p: _STATUS.get(r.status, r.status), width=11),
        Column("areas", "Bidang", "text", lambda r, p: _areas_text(r.areas), width=28),
        Column("consultant", "Konsultan", "text", lambda r, p: r.consultant, width=22),
        Column("opened_on", FIELD_LABELS["opened_on"], "date", lambda r, p: r.opened_on, width=12),
        Column(
            "last_activity_on", "Aktivitas terakhir", "date",
            lambda r, p: r.last_activity_on, width=12,
        ),
        Column(
            "closed_on", "Tanggal ditutup", "date",
            lambda r, p: p.case[r.id].closed_on, sources=case, width=12,
        ),
        Column("goal", "Tujuan", "text", lambda r, p: p.case[r.id].goal, sources=case, width=50),
        Column(
            "sessions_count", "Jumlah sesi", "number",
            lambda r, p: p.stats.get(r.id, (0, 0))[0], sources=stats, width=9,
        ),
        Column(
            "session_minutes", "Total durasi sesi (menit)", "number",
            lambda r, p: p.stats.get(r.id, (0, 0))[1], sources=stats, width=11,
        ),
    ]  # fmt: skip


def _session_columns() -> list[Column]:
    sess = frozenset({"session"})
    return [
        Column("id", "ID sesi", "number", lambda r, p: r.id, width=9, grouped=False),
        Column("held_on", FIELD_LABELS["held_on"], "date", lambda r, p: r.held_on, width=12),
        Column("mode", FIELD_LABELS["mode"], "text", lambda r, p: _MODE.get(r.mode, r.mode)),
        Column("minutes", FIELD_LABELS["minutes"], "number", lambda r, p: r.minutes, width=9),
        Column(
            "prep_minutes", FIELD_LABELS["prep_minutes"], "number",
            lambda r, p: p.session[r.id].prep_minutes, sources=sess, width=9,
        ),
        Column("consultant", "Konsultan", "text", lambda r, p: r.consultant, width=22),
        Column(
            "areas", "Bidang", "text",
            lambda r, p: _areas_text(p.session_areas.get(r.id, ())),
            sources=frozenset({"session_areas"}), width=28,
        ),
        Column("summary", FIELD_LABELS["summary"], "text", lambda r, p: r.summary, width=50),
        Column(
            "recommendations", FIELD_LABELS["recommendations"], "text",
            lambda r, p: p.session[r.id].recommendations, sources=sess, width=40,
        ),
        Column(
            "next_steps", FIELD_LABELS["next_steps"], "text",
            lambda r, p: p.session[r.id].next_steps, sources=sess, width=40,
        ),
        Column(
            "next_session_on", FIELD_LABELS["next_session_on"], "date",
            lambda r, p: r.next_session_on, width=12,
        ),
        Column(
            "case_id", "ID kasus", "number", lambda r, p: r.case_id, width=9, grouped=False
        ),
        Column("case_title", "Judul kasus", "text", lambda r, p: r.case_title, width=36),
        Column(
            "case_status", "Status kasus", "text",
            lambda r, p: _STATUS.get(p.case[r.case_id].status, p.case[r.case_id].status),
            sources=frozenset({"case"}), width=11,
        ),
    ]  # fmt: skip


def _catalogue() -> dict[str, dict[str, Column]]:
    own = {
        "clients": [],
        "cases": _case_columns(),
        "sessions": _session_columns(),
    }
    out: dict[str, dict[str, Column]] = {}
    for kind in KINDS:
        columns = own[kind] + _client_columns(kind)
        out[kind] = {c.key: c for c in columns}
        assert len(out[kind]) == len(columns), f"duplicate column key in {kind}"
    return out


CATALOGUE: dict[str, dict[str, Column]] = _catalogue()

DEFAULT_COLUMNS: dict[str, list[str]] = {
    "clients": [
        "business_name", "kabupaten", "kecamatan", "sector", "products", "legal_form",
        "size_class", "nib", "registered_on",
    ],
    "cases": [
        "title", "business_name", "kabupaten", "status", "areas", "consultant", "opened_on",
        "last_activity_on",
    ],
    "sessions": [
        "held_on", "business_name", "kabupaten", "case_title", "mode", "minutes",
        "consultant", "areas",
    ],
}  # fmt: skip


def columns_for(kind: str) -> list[Column]:
    """Every column a list of ``kind`` can be exported with, in the chooser's order."""
    return list(CATALOGUE[_check_kind(kind)].values())


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError(
            FieldError("kind", f"Jenis daftar {kind!r} tidak dikenal. Pilihan: clients, cases, "
                       "sessions.")
        )  # fmt: skip
    return kind


def _check_format(fmt: str) -> str:
    value = str(fmt).lower().lstrip(".")
    if value not in FORMATS:
        raise ValidationError(
            FieldError("format", f"Format {fmt!r} tidak dikenal. Pilihan: csv, xlsx, pdf.")
        )
    return value


def resolve_columns(kind: str, columns: Iterable[str] | None) -> list[Column]:
    """Columns by key or by Indonesian header (any case), in the given order, once each."""
    catalogue = CATALOGUE[_check_kind(kind)]
    if columns is None:
        return [catalogue[k] for k in DEFAULT_COLUMNS[kind]]
    by_header = {c.header.lower(): c for c in catalogue.values()}
    chosen: list[Column] = []
    unknown: list[str] = []
    for name in columns:
        text = str(name).strip()
        if not text:
            continue
        column = catalogue.get(text) or by_header.get(text.lower())
        if column is None:
            unknown.append(text)
        elif column not in chosen:
            chosen.append(column)
    if unknown:
        allowed = ", ".join(catalogue)
        raise ValidationError(
            FieldError(
                "columns",
                f"Kolom {', '.join(repr(u) for u in unknown)} tidak dikenal untuk daftar "
                f"{KIND_LABELS[kind]}. Pilihan: {allowed}.",
            )
        )
    if not chosen:
        raise ValidationError(FieldError("columns", "Pilih paling sedikit satu kolom."))
    return chosen


@dataclasses.dataclass
class _Plan:
    """The columns as written: each with the getter that applies the protection."""

    columns: list[Column]
    getters: list[Callable[[Any, _PageData], Any]]
    sources: set[str]
    omitted: list[str]
    masked: list[str]
    replaced: list[tuple[str, str]]
    consent_needed: bool


def _masked(value: Any) -> Any:
    return mask_phone(value) if value else None


def _displayed_phone(value: Any) -> Any:
    return format_phone(value) if value else None


def _plan(kind: str, columns: Iterable[str] | None, with_personal_data: bool) -> _Plan:
    catalogue = CATALOGUE[kind]
    requested = resolve_columns(kind, columns)
    cid = _client_id_of(kind)
    out: list[Column] = []
    getters: list[Callable[[Any, _PageData], Any]] = []
    omitted: list[str] = []
    masked: list[str] = []
    replaced: list[tuple[str, str]] = []
    consent_needed = False

    def add(column: Column, get: Callable[[Any, _PageData], Any]) -> None:
        if column not in out:
            out.append(column)
            getters.append(get)

    for column in requested:
        if not column.personal:
            add(column, column.get)
            continue
        raw = column.get
        if column.protect == "mask":
            protected = _masked
            shown = _displayed_phone

            def masked_get(r, p, raw=raw, protected=protected):
                return protected(raw(r, p))
        else:
            shown = None
            masked_get = None
        if with_personal_data:
            consent_needed = True

            def consent_get(r, p, raw=raw, masked_get=masked_get, shown=shown):
                if cid(r) in p.consent:
                    value = raw(r, p)
                    return shown(value) if shown else value
                return masked_get(r, p) if masked_get else None

            add(column, consent_get)
            if column.protect == "replace":
                stand_in = catalogue[column.replacement]
                add(stand_in, stand_in.get)
            continue
        if column.protect == "mask":
            add(column, masked_get)
            masked.append(column.key)
        elif column.protect == "replace":
            stand_in = catalogue[column.replacement]
            add(stand_in, stand_in.get)
            replaced.append((column.key, stand_in.key))
        else:
            omitted.append(column.key)
    if not out:
        raise ValidationError(
            FieldError(
                "columns",
                "Semua kolom yang dipilih adalah data pribadi yang tidak disertakan. Pilih "
                "kolom lain atau sertakan data pribadi.",
            )
        )
    sources: set[str] = set()
    for column in out:
        sources |= column.sources
    if consent_needed:
        sources.add("consent")
    return _Plan(out, getters, sources, omitted, masked, replaced, consent_needed)


def written_columns(
    kind: str, columns: Iterable[str] | None, with_personal_data: bool = False
) -> list[str]:
    """The keys of the columns an export with these choices writes: personal columns left
    out or replaced without personal data, stand-ins added. Raises ``ValidationError`` as
    ``export_rows`` would for unknown columns or only personal ones."""
    return [c.key for c in _plan(_check_kind(kind), columns, with_personal_data).columns]


def _protection_note(kind: str, plan: _Plan, with_personal_data: bool, personal_rows: int) -> str:
    """What the summary, the XLSX's Keterangan sheet and the PDF say about personal data."""
    catalogue = CATALOGUE[kind]

    def names(keys: Iterable[str]) -> str:
        return ", ".join(catalogue[k].header for k in keys)

    if with_personal_data and personal_rows:
        return (
            f"Data pribadi disertakan hanya untuk {format_number(personal_rows)} baris yang "
            "kliennya menyetujui berbagi data dengan asosiasi; baris lain dikosongkan atau "
            "disamarkan seperti ekspor tanpa data pribadi."
        )
    if with_personal_data and not plan.consent_needed:
        # Say what is true: nothing was held back, the chosen columns hold no personal data.
        personal = ", ".join(c.header for c in catalogue.values() if c.personal)
        return (
            "Data pribadi diminta, tetapi kolom yang dipilih tidak memuat data pribadi, jadi "
            f"tidak ada yang ditambahkan. Kolom data pribadi: {personal}."
        )
    if with_personal_data:
        return (
            "Data pribadi diminta, tetapi tidak ada klien di daftar ini yang persetujuannya "
            "mencakup berbagi data dengan asosiasi: kolom pribadi dikosongkan atau "
            "disamarkan, sama seperti ekspor tanpa data pribadi. Catat persetujuannya di "
            "Klien → Persetujuan (klinik consent give ID --purposes ...,asosiasi)."
        )
    parts = []
    if plan.omitted:
        parts.append(f"{names(plan.omitted)} tidak disertakan")
    if plan.masked:
        parts.append(f"{names(plan.masked)} disamarkan")
    for key, stand_in in plan.replaced:
        parts.append(f"{catalogue[key].header} diganti {catalogue[stand_in].header}")
    if not parts:
        return ""
    return "Data pribadi dilindungi (UU PDP): " + "; ".join(parts) + "."


# --- filters --------------------------------------------------------------------------------

_LIST_FUNCTIONS = {
    "clients": client_service.list_clients,
    "cases": case_service.list_cases,
    "sessions": session_service.list_sessions,
}
_COUNT_FUNCTIONS = {
    "clients": client_service.count_clients,
    "cases": case_service.count_cases,
    "sessions": session_service.count_sessions,
}
_SORTS = {
    "clients": client_service.CLIENT_SORTS,
    "cases": case_service.CASE_SORTS,
    "sessions": session_service.SESSION_SORTS,
}
_NOT_FILTERS = {"session", "sort", "offset", "limit"}

FILTER_LABELS = {
    "search": "Cari",
    "kabupaten": "Kabupaten/kota",
    "archived": "Diarsipkan",
    "registered_from": "Terdaftar dari",
    "registered_to": "Terdaftar sampai",
    "status": "Status",
    "consultant_id": "Konsultan (id)",
    "client_id": "Klien (id)",
    "case_id": "Kasus (id)",
    "area": "Bidang",
    "mode": "Cara pendampingan",
    "opened_from": "Dibuka dari",
    "opened_to": "Dibuka sampai",
    "held_from": "Sesi dari",
    "held_to": "Sesi sampai",
}


def _filter_params(kind: str) -> dict[str, inspect.Parameter]:
    signature = inspect.signature(_LIST_FUNCTIONS[kind])
    return {n: p for n, p in signature.parameters.items() if n not in _NOT_FILTERS}


def filter_names(kind: str) -> list[str]:
    """The filters a list of ``kind`` takes: the keyword arguments of its list function."""
    return list(_filter_params(_check_kind(kind)))


_TRUE = {"1", "true", "ya", "yes", "y"}
_FALSE = {"0", "false", "tidak", "no", "n"}
_ANY = {"", "semua", "all", "none"}


def _coerce(session: Session, name: str, annotation: str, value: Any) -> Any:
    if value is None:
        return None
    if name == "kabupaten":
        text = str(value).strip()
        return client_service.resolve_kabupaten(session, text) if text else None
    if "date" in annotation and not isinstance(value, date):
        text = str(value).strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            return parse_date(text)
    if "list" in annotation and isinstance(value, str) and "," in value:
        return [v.strip() for v in value.split(",") if v.strip()]
    if "bool" in annotation and not isinstance(value, bool):
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if text in _ANY:
            return None
        raise InvalidValue(f"Tulis ya, tidak, atau semua; bukan {value!r}.")
    if annotation.startswith("int") and not isinstance(value, int):
        try:
            return int(str(value).strip())
        except ValueError:
            raise InvalidValue(f"Harus angka; bukan {value!r}.") from None
    return value


def _coerce_filters(session: Session, kind: str, filters: dict[str, Any]) -> dict[str, Any]:
    """The list function's keyword arguments: given filters over its defaults, typed."""
    params = _filter_params(kind)
    unknown = set(filters) - set(params)
    if unknown:
        allowed = ", ".join(params)
        raise ValidationError(
            [FieldError(n, f"Filter {n!r} tidak dikenal. Pilihan: {allowed}.") for n in unknown]
        )
    out = {n: p.default for n, p in params.items()}
    errors: list[FieldError] = []
    for name, value in filters.items():
        try:
            out[name] = _coerce(session, name, str(params[name].annotation), value)
        except InvalidValue as exc:
            errors.append(FieldError(name, str(exc)))
    if errors:
        raise ValidationError(errors)
    return out


def _check_sort(kind: str, sort: str | None) -> None:
    if sort and sort.lstrip("-") not in _SORTS[kind]:
        allowed = ", ".join(sorted(_SORTS[kind]))
        raise ValidationError(
            FieldError("sort", f"Urutan {sort!r} tidak dikenal. Pilihan: {allowed}.")
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    return value


def _given_filters(kind: str, filters: dict[str, Any]) -> dict[str, Any]:
    """The filters that differ from the list's defaults, JSON-ready (for log and notes)."""
    params = _filter_params(kind)
    return {n: _jsonable(v) for n, v in filters.items() if v != params[n].default}


# Filters whose values the audit trail keeps: Kemendagri codes, record ids, dates, yes/no and
# vocabulary values, none of them about a person. Any other filter (the free-text search, and
# a filter added later until it is listed here) is recorded by its name only.
AUDITED_FILTER_VALUES = frozenset(
    {
        "kabupaten",
        "archived",
        "registered_from",
        "registered_to",
        "status",
        "consultant_id",
        "client_id",
        "case_id",
        "area",
        "mode",
        "opened_from",
        "opened_to",
        "held_from",
        "held_to",
    }
)


def audited_filters(kind: str, filters: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """What the audit trail keeps of an export's filters: the values of the filters in
    ``AUDITED_FILTER_VALUES``, and the names of every filter used (sorted)."""
    given = _given_filters(kind, filters)
    kept = {n: v for n, v in given.items() if n in AUDITED_FILTER_VALUES}
    return kept, sorted(given)


def describe_filters(kind: str, filters: dict[str, Any]) -> str:
    given = _given_filters(kind, filters)
    if not given:
        return "semua (tanpa filter)"
    parts = []
    for name, value in given.items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif value is None:
            value = "semua"
        elif value is True:
            value = "ya"
        elif value is False:
            value = "tidak"
        parts.append(f"{FILTER_LABELS.get(name, name)}: {value}")
    return "; ".join(parts)


# --- reading rows ---------------------------------------------------------------------------


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    # SQLite's bound-parameter limit is 999 on old builds.
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _execute(session: Session, stmt: Any) -> Any:
    """Run a Core statement on the session's connection (its transaction and snapshot)."""
    return session.connection().execute(stmt)


def _stream(session: Session, stmt: Any, limit: int | None, page_size: int) -> Iterator[Any]:
    if limit is not None:
        stmt = stmt.limit(limit)
    # Core execution on the session's connection (same transaction): the ORM's row loading
    # would only add time to plain column rows.
    result = session.connection().execute(stmt.execution_options(yield_per=page_size))
    yield from result.partitions(page_size)


def _client_rows(session: Session, ids: list[int]) -> list[client_service.ClientRow]:
    """``ClientRow``s of these ids, in this order (list_clients' second step)."""
    position = {client_id: i for i, client_id in enumerate(ids)}
    rows: list[Any] = [None] * len(ids)
    for chunk in _chunks(ids):
        stmt = (
            select(
                Client.id,
                Client.uid,
                Client.business_name,
                Client.owner_name,
                Client.kabupaten_code,
                Kabupaten.name,
                Client.kecamatan,
                Client.products,
                Client.phone,
                Client.nib,
                Client.registered_on,
                Client.archived_at,
            )
            .outerjoin(Kabupaten, Kabupaten.code == Client.kabupaten_code)
            .where(Client.id.in_(chunk))
        )
        for r in _execute(session, stmt):
            rows[position[r[0]]] = client_service.ClientRow(*r[:11], archived=r[11] is not None)
    return rows


def _row_pages(
    session: Session,
    kind: str,
    filters: dict[str, Any],
    sort: str | None,
    limit: int | None,
    page_size: int | None = None,
) -> Iterator[list[Any]]:
    """The list's rows (the services' row types), in the list's order, page by page.

    One query read as a stream with the list function's own filters and sort: the same
    rows ``list_*(**filters, sort=sort, limit=None)`` returns, without OFFSET paging.
    """
    page_size = page_size or PAGE_SIZE
    if kind == "clients":
        conditions = client_service._client_filters(**filters)
        stmt = select(Client.id).where(*conditions)
        if (sort or "").lstrip("-") == "kabupaten":
            stmt = stmt.outerjoin(Kabupaten, Kabupaten.code == Client.kabupaten_code)
        stmt = apply_sort(stmt, sort, client_service.CLIENT_SORTS, "business_name", Client.id)
        for part in _stream(session, stmt, limit, page_size):
            yield _client_rows(session, [r[0] for r in part])
    elif kind == "cases":
        # A case's areas come with its row (one correlated lookup in the database, as
        # case_areas would make per page), in the vocabulary's order like case_areas.
        areas = (
            select(func.aggregate_strings(CaseArea.area, ","))
            .where(CaseArea.case_id == Case.id)
            .correlate(Case)
            .scalar_subquery()
        )
        stmt = apply_sort(
            case_service._case_query(**filters).add_columns(areas),
            sort,
            case_service.CASE_SORTS,
            "-last_activity",
            Case.id,
        )
        for part in _stream(session, stmt, limit, page_size):
            yield [
                case_service.CaseRow(*r[:11], areas=_area_list(r[12]), archived=r[11] is not None)
                for r in part
            ]
    else:
        stmt = apply_sort(
            session_service._session_query(**filters),
            sort,
            session_service.SESSION_SORTS,
            "-held_on",
            MentoringSession.id,
        )
        for part in _stream(session, stmt, limit, page_size):
            yield [session_service.SessionRow(*r) for r in part]


_AREA_ORDER = {a.value: i for i, a in enumerate(Area)}


def _area_list(joined: str | None) -> list[str]:
    return list(_area_order(joined)) if joined else []


@functools.lru_cache(maxsize=4096)
def _area_order(joined: str) -> tuple[str, ...]:
    return tuple(sorted(joined.split(","), key=lambda a: _AREA_ORDER.get(a, 99)))


def _load_kabupaten(session: Session) -> dict[str, str]:
    return dict(_execute(session, select(Kabupaten.code, Kabupaten.name)).all())


def _load_clients(session: Session, ids: list[int]) -> dict[int, Any]:
    columns = [getattr(Client, name) for name in _CLIENT_FIELDS]
    out: dict[int, Any] = {}
    for chunk in _chunks(ids):
        for row in _execute(session, select(*columns).where(Client.id.in_(chunk))):
            out[row.id] = row
    return out


_WORKER_FIELDS = [
    SizeRecord.workers_permanent_male,
    SizeRecord.workers_permanent_female,
    SizeRecord.workers_nonpermanent_male,
    SizeRecord.workers_nonpermanent_female,
]


def _load_sizes(session: Session, client_ids: list[int]) -> dict[int, _Size]:
    """Each client's latest current (not superseded) size record with its class."""
    out: dict[int, _Size] = {}
    for chunk in _chunks(client_ids):
        stmt = (
            select(
                SizeRecord.client_id,
                SizeRecord.recorded_on,
                SizeRecord.omzet,
                SizeRecord.modal,
                SizeRecord.total_assets,
                *_WORKER_FIELDS,
            )
            .where(SizeRecord.client_id.in_(chunk), SizeRecord.superseded_by_id.is_(None))
            .order_by(SizeRecord.client_id, SizeRecord.recorded_on, SizeRecord.id)
        )
        for r in _execute(session, stmt):
            workers = [w for w in r[5:9] if w is not None]
            try:
                klass = size_class(omzet=r.omzet, modal=r.modal)
            except InvalidValue:
                klass = None
            out[r.client_id] = _Size(
                recorded_on=r.recorded_on,
                omzet=r.omzet,
                modal=r.modal,
                total_assets=r.total_assets,
                workers=sum(workers) if workers else None,
                size_class=klass,
            )
    return out


def _load_cases(session: Session, ids: list[int]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for chunk in _chunks(ids):
        stmt = select(Case.id, Case.status, Case.goal, Case.closed_on).where(Case.id.in_(chunk))
        for row in _execute(session, stmt):
            out[row.id] = row
    return out


def _load_case_stats(session: Session, ids: list[int]) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for chunk in _chunks(ids):
        stmt = (
            select(
                MentoringSession.case_id,
                func.count(),
                func.coalesce(func.sum(MentoringSession.minutes), 0),
            )
            .where(MentoringSession.case_id.in_(chunk))
            .group_by(MentoringSession.case_id)
        )
        for case_id, n, minutes in _execute(session, stmt):
            out[case_id] = (int(n), int(minutes))
    return out


def _load_sessions(session: Session, ids: list[int]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for chunk in _chunks(ids):
        stmt = select(
            MentoringSession.id,
            MentoringSession.prep_minutes,
            MentoringSession.recommendations,
            MentoringSession.next_steps,
        ).where(MentoringSession.id.in_(chunk))
        for row in _execute(session, stmt):
            out[row.id] = row
    return out


def _page_data(
    session: Session, kind: str, rows: list[Any], plan: _Plan, kab: dict[str, str]
) -> _PageData:
    page = _PageData(kab=kab)
    wanted = plan.sources
    cid = _client_id_of(kind)
    client_ids = list(dict.fromkeys(cid(r) for r in rows))
    if "client" in wanted:
        page.client = _load_clients(session, client_ids)
    if "size" in wanted:
        page.size = _load_sizes(session, client_ids)
    if "consent" in wanted:
        page.consent = client_consents_to_sharing(session, client_ids)
    if kind == "cases":
        case_ids = [r.id for r in rows]
        if "case" in wanted:
            page.case = _load_cases(session, case_ids)
        if "stats" in wanted:
            page.stats = _load_case_stats(session, case_ids)
    elif kind == "sessions":
        ids = [r.id for r in rows]
        if "session" in wanted:
            page.session = _load_sessions(session, ids)
        if "session_areas" in wanted:
            page.session_areas = session_service.session_areas(session, ids)
        if "case" in wanted:
            page.case = _load_cases(session, list(dict.fromkeys(r.case_id for r in rows)))
    return page


def _value_pages(
    store: Store,
    kind: str,
    filters: dict[str, Any],
    sort: str | None,
    limit: int | None,
    plan: _Plan,
    meta: dict[str, Any] | None = None,
) -> Iterator[list[list[Any]]]:
    """Pages of cell values (Python values, protection applied), in one read transaction.

    ``meta["personal_rows"]`` counts the rows whose client consented to sharing.
    """
    cid = _client_id_of(kind)
    with store.session() as session:
        kab = _load_kabupaten(session) if "kab" in plan.sources else {}
        getters = plan.getters
        for rows in _row_pages(session, kind, filters, sort, limit):
            page = _page_data(session, kind, rows, plan, kab)
            if page.consent and meta is not None:
                meta["personal_rows"] += sum(1 for r in rows if cid(r) in page.consent)
            yield [[get(r, page) for get in getters] for r in rows]


class _Counter:
    """The row total for the progress bar, counted in a helper thread (0 until known)."""

    def __init__(self, store: Store, kind: str, filters: dict[str, Any], limit: int | None):
        self.total = 0
        self._thread = threading.Thread(
            target=self._run, args=(store, kind, filters, limit), daemon=True
        )
        self._thread.start()

    def _run(self, store: Store, kind: str, filters: dict[str, Any], limit: int | None) -> None:
        try:
            with store.session() as session:
                total = _COUNT_FUNCTIONS[kind](session=session, **filters)
            self.total = min(total, limit) if limit is not None else total
        except Exception:  # only the progress bar needs it
            logger.exception("counting rows for an export failed")

    def close(self) -> None:
        self._thread.join()


# --- writers --------------------------------------------------------------------------------

Tick = Callable[[int], None]


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


def _write_xlsx(
    path: Path, plan: _Plan, pages: Iterable[list[list[Any]]], tick: Tick, meta: dict[str, Any]
) -> int:
    import xlsxwriter
    import xlsxwriter.exceptions

    scratch = tempfile.mkdtemp(prefix="klinik-xlsx-")
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            # Rows go to a scratch file as they are written: memory does not grow with rows.
            "constant_memory": True,
            "tmpdir": scratch,
            # write() is never used, but text must never turn into a formula, number or link.
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    try:
        workbook.set_properties(
            {"title": meta["title"], "author": meta.get("actor") or "", "creator": "Klinik"}
        )
        sheet = workbook.add_worksheet(_SHEET_NAMES[meta["kind"]])
        cells = XlsxCells(workbook, sheet)
        head = workbook.add_format({"bold": True, "bg_color": "#EEF3F8", "bottom": 1})
        for col, column in enumerate(plan.columns):
            sheet.set_column(col, col, column.width)
        for col, column in enumerate(plan.columns):
            sheet.write_string(0, col, clean_text(column.header), head)
        sheet.freeze_panes(1, 0)
        layout = cells.layout(plan.columns)
        row = 0
        for page in pages:
            if row + len(page) > XLSX_MAX_ROWS:
                raise KnownError(
                    f"Daftar ini lebih dari {format_number(XLSX_MAX_ROWS)} baris, batas satu "
                    "lembar Excel. Pakai CSV atau persempit filternya."
                )
            write_row = cells.write_row
            for values in page:
                row += 1
                write_row(row, values, layout)
            tick(row)
        sheet.autofilter(0, 0, max(row, 1), len(plan.columns) - 1)
        _xlsx_info_sheet(workbook, meta, row)
        try:
            workbook.close()
        except xlsxwriter.exceptions.XlsxWriterException as exc:  # e.g. the disk is full
            raise KnownError(f"Berkas XLSX tidak dapat ditulis: {exc}.") from exc
    except BaseException:
        # Abandoned: close the scratch files so that the folder can go (Windows).
        workbook.fileclosed = True
        for worksheet in workbook.worksheets():
            handle = getattr(worksheet, "row_data_fh", None)
            if handle is not None and not handle.closed:
                handle.close()
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
    return row


def _xlsx_info_sheet(workbook: Any, meta: dict[str, Any], rows: int) -> None:
    sheet = workbook.add_worksheet("Keterangan")
    bold = workbook.add_format({"bold": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 90)
    for row, (label, value) in enumerate(_info_lines(meta, rows)):
        sheet.write_string(row, 0, label, bold)
        sheet.write_string(row, 1, clean_text(value), wrap)


def _info_lines(meta: dict[str, Any], rows: int) -> list[tuple[str, str]]:
    lines = [
        ("Daftar", meta["title"]),
        ("Dibuat", meta["created"].strftime("%d/%m/%Y %H.%M")),
        ("Oleh", meta.get("actor") or "-"),
        ("Jumlah baris", format_number(rows)),
        ("Filter", meta["filters_text"]),
        ("Urutan", meta.get("sort") or "bawaan daftar"),
        ("Data pribadi", "disertakan" if meta["personal_rows"] else "tidak disertakan"),
    ]
    note = _note(meta)
    if note:
        lines.append(("Catatan", note))
    return lines


def _note(meta: dict[str, Any]) -> str:
    return _protection_note(
        meta["kind"], meta["plan"], meta["with_personal_data"], meta["personal_rows"]
    )


_PDF_MIN_WIDTH = {"date": 54.0, "number": 34.0, "money": 62.0, "text": 46.0}
_PDF_MIN_IDENTIFIER = 68.0  # 13 to 16 digits
_PDF_FONT_SIZE = 7
_PDF_PADDING = 3
_PDF_NATURAL_TEXT = 150.0  # a longer text wraps to more lines rather than asking for width
_PDF_PRE_CUT = 4000  # texts are measured at most this long, then cut to their column


def _pdf_pagesize(orientation: str) -> tuple[float, float]:
    from reportlab.lib.pagesizes import landscape

    return landscape(pdf.PAGE) if orientation == "landscape" else pdf.PAGE


def _pdf_content_width(orientation: str) -> float:
    """The frame's width: the page less the margins and the frame's 6 pt padding each side."""
    return _pdf_pagesize(orientation)[0] - 2 * pdf.MARGIN - 12


class _Measure:
    """Widths of words and lines in the list's cell font, each distinct word measured once."""

    def __init__(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        pdf.register_fonts()
        self._width = stringWidth
        self._cache: dict[tuple[str, str], float] = {}
        self.space = stringWidth(" ", pdf.FONT, _PDF_FONT_SIZE)

    def word(self, word: str, font: str = pdf.FONT) -> float:
        key = (font, word)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._width(word, font, _PDF_FONT_SIZE)
        return found

    def text(self, text: str, font: str = pdf.FONT) -> tuple[float, float]:
        """(widest word, whole text on one line)."""
        words = text.split()
        if not words:
            return 0.0, 0.0
        widths = [self.word(w, font) for w in words]
        return max(widths), sum(widths) + self.space * (len(words) - 1)


def _pdf_measure(
    columns: Sequence[Column], texts: Iterable[Sequence[str]] = ()
) -> tuple[list[float], list[float]]:
    """Per column, the least width (its widest word, header or cell, so that no word is
    broken; at least the type's minimum) and the natural width (its widest cell on one
    line, a text column at most ``_PDF_NATURAL_TEXT``)."""
    measure = _Measure()
    pad = 2 * _PDF_PADDING + 1
    # One word wider than a third of a landscape page is let overflow rather than taking it.
    word_cap = _pdf_content_width("landscape") / 3
    least, natural = [], []
    for c in columns:
        floor = _PDF_MIN_IDENTIFIER if c.identifier else _PDF_MIN_WIDTH[c.type]
        # reportlab breaks lines at spaces only: "Kabupaten/kota" is one word.
        head = measure.text(c.header, pdf.FONT_BOLD)[0]
        least.append(max(floor, head + pad))
        natural.append(least[-1])
    for row in texts:
        for i, text in enumerate(row):
            if not text:
                continue
            word, line = measure.text(text)
            least[i] = max(least[i], min(word, word_cap) + pad)
            natural[i] = max(natural[i], line + pad)
    for i, c in enumerate(columns):
        if c.type == "text" and not c.identifier:
            natural[i] = min(natural[i], max(_PDF_NATURAL_TEXT, least[i]))
        natural[i] = max(natural[i], least[i])
    return least, natural


def _pdf_share(
    columns: Sequence[Column], least: list[float], natural: list[float], width: float
) -> list[float]:
    """``width`` shared: each column its least, then toward its natural width, then what is
    left to the text columns after their weight."""
    widths = list(least)
    spare = width - sum(widths)
    gaps = [n - w for n, w in zip(natural, widths, strict=True)]
    wanted = sum(gaps)
    if wanted > 0 and spare > 0:
        take = min(1.0, spare / wanted)
        widths = [w + g * take for w, g in zip(widths, gaps, strict=True)]
        spare -= wanted * take
    if spare > 0:
        growing = [i for i, c in enumerate(columns) if c.type == "text" and not c.identifier]
        growing = growing or list(range(len(columns)))
        weight = sum(columns[i].width for i in growing)
        for i in growing:
            widths[i] += spare * columns[i].width / weight
    return widths


def _pdf_layout(
    columns: Sequence[Column], texts: Iterable[Sequence[str]] = ()
) -> tuple[str, list[float]] | None:
    """The orientation and the column widths: portrait when the columns' natural widths fit
    it, otherwise landscape; None when even their least widths exceed a landscape page."""
    least, natural = _pdf_measure(columns, texts)
    if sum(natural) <= _pdf_content_width("portrait"):
        return "portrait", _pdf_share(columns, least, natural, _pdf_content_width("portrait"))
    width = _pdf_content_width("landscape")
    if sum(least) <= width:
        return "landscape", _pdf_share(columns, least, natural, width)
    return None


def _pdf_check_columns(columns: Sequence[Column]) -> None:
    """Before any row is read: at most ``PDF_MAX_COLUMNS`` columns, and headers that fit."""
    if len(columns) > PDF_MAX_COLUMNS:
        raise ValidationError(
            FieldError(
                "columns",
                f"PDF memuat paling banyak {PDF_MAX_COLUMNS} kolom; ekspor ini menulis "
                f"{len(columns)} kolom (termasuk kolom pengganti data pribadi). Kurangi "
                "kolomnya atau pakai XLSX/CSV.",
            )
        )
    if _pdf_layout(columns) is None:
        least, _ = _pdf_measure(columns)
        raise ValidationError(
            FieldError(
                "columns",
                f"Kolom yang dipilih ({len(columns)}) perlu lebar paling sedikit "
                f"{sum(least) / 72 * 2.54:.0f} cm; halaman A4 mendatar memuat "
                f"{_pdf_content_width('landscape') / 72 * 2.54:.0f} cm. Kurangi kolomnya atau "
                "pakai XLSX/CSV.",
            )
        )


def _pdf_cell_styles() -> tuple[Any, Any, Any]:
    """The list's cell, right-aligned (numbers, money) and header styles. splitLongWords=0:
    a word is never broken inside a cell; the column widths make room for it."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    st = pdf.styles()
    cell = ParagraphStyle(
        "export_cell", parent=st["cell"], fontSize=_PDF_FONT_SIZE, leading=_PDF_FONT_SIZE + 1.6,
        splitLongWords=0,
    )  # fmt: skip
    right = ParagraphStyle("export_right", parent=cell, alignment=TA_RIGHT, splitLongWords=0)
    head = ParagraphStyle("export_head", parent=cell, fontName=pdf.FONT_BOLD, splitLongWords=0)
    return cell, right, head


def _write_pdf(
    path: Path, plan: _Plan, pages: Iterable[list[list[Any]]], tick: Tick, meta: dict[str, Any]
) -> int:
    from reportlab.platypus import Paragraph, TableStyle

    st = pdf.styles()
    cell, right, head = _pdf_cell_styles()
    types = [c.type for c in plan.columns]
    grouped = [c.grouped for c in plan.columns]
    texts: list[list[str]] = []
    for page in pages:
        if len(texts) + len(page) > PDF_MAX_ROWS:
            raise KnownError(_pdf_too_long(len(texts) + len(page)))
        for values in page:
            texts.append(
                [
                    _pdf_cell(v, t, _PDF_PRE_CUT, g)
                    for v, t, g in zip(values, types, grouped, strict=True)
                ]
            )
        tick(len(texts))
    layout = _pdf_layout(plan.columns, texts)
    if layout is None:
        # Some cell words are too long for every column to hold its widest word: the
        # headers' widths (checked before) and the rest shared after the words' needs.
        least, _ = _pdf_measure(plan.columns)
        words, _ = _pdf_measure(plan.columns, texts)
        layout = (
            "landscape",
            _pdf_share(plan.columns, least, words, _pdf_content_width("landscape")),
        )
    orientation, widths = layout
    # A cell taller than a page cannot be laid out: long text is cut to about 30 lines.
    limits = [max(40, int(30 * w / 3.6)) for w in widths]
    styles = [right if t in ("number", "money") else cell for t in types]
    table: list[list[Any]] = [[Paragraph(pdf.text(c.header), head) for c in plan.columns]]
    for row in texts:
        table.append(
            [
                Paragraph(pdf.text(shorten(text, limit)), style)
                for text, limit, style in zip(row, limits, styles, strict=True)
            ]
        )
    rows = len(texts)
    del texts
    grid = pdf.grid_table(table, widths)
    grid.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), _PDF_PADDING),
                              ("RIGHTPADDING", (0, 0), (-1, -1), _PDF_PADDING)]))  # fmt: skip
    flowables: list[Any] = [
        pdf.para(meta["title"], st["title"]),
        pdf.para(
            f"Dibuat {meta['created'].strftime('%d/%m/%Y %H.%M')}"
            + (f" oleh {meta['actor']}" if meta.get("actor") else "")
            + f" · {format_number(rows)} baris · Filter: {meta['filters_text']}",
            st["muted"],
        ),
    ]
    note = _note(meta)
    if note:
        flowables.append(pdf.para(note, st["muted"]))
    flowables.append(pdf.para(" ", st["small"]))
    flowables.append(grid)

    def on_page(canvas: Any, doc: Any) -> None:
        meta["check"]()

    clinic = meta.get("clinic_name") or "Klinik"
    data = _render_list_pdf(
        flowables,
        pagesize=_pdf_pagesize(orientation),
        title=meta["title"],
        author=meta.get("actor") or clinic,
        footer_left=f"{clinic} · {meta['title']}",
        on_page=on_page,
    )
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return rows


def _render_list_pdf(
    flowables: list[Any],
    *,
    pagesize: tuple[float, float],
    title: str,
    author: str,
    footer_left: str,
    on_page: Callable[[Any, Any], None],
) -> bytes:
    """``pdf.render_pdf`` for a page of either orientation: the same margins, metadata,
    invariant bytes and footer ('Halaman X dari Y · Dicetak ...'), drawn at this page's
    right edge. (The letters' ``render_pdf`` knows A4 portrait only.)"""
    import io

    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    from klinik.domain.formatting import format_date

    printed = format_date(date.today())

    class ListCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.saveState()
                self.setFont(pdf.FONT, 8)
                self.setFillColor(colors.HexColor("#5f6368"))
                y = 12 * mm
                self.drawString(pdf.MARGIN, y, footer_left)
                self.drawRightString(
                    pagesize[0] - pdf.MARGIN,
                    y,
                    f"Halaman {self._pageNumber} dari {total} · Dicetak {printed}",
                )
                self.restoreState()
                super().showPage()
            super().save()

    pdf.register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=pagesize, leftMargin=pdf.MARGIN, rightMargin=pdf.MARGIN,
        topMargin=pdf.MARGIN, bottomMargin=pdf.MARGIN, title=title, author=author,
        creator="Klinik", invariant=1,
    )  # fmt: skip
    doc.build(flowables, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=ListCanvas)
    return buffer.getvalue()


def _pdf_cell(value: Any, type_: str, limit: int, grouped: bool = True) -> str:
    if value is None:
        return ""
    if type_ == "date" and isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if type_ == "money" and isinstance(value, (int, float)):
        return format_rupiah(value)
    if type_ == "number" and type(value) is int and not grouped:
        return str(value)
    if type_ == "number" and isinstance(value, (int, float)):
        return format_number(value)
    return shorten(clean_text(value), limit)


def _pdf_too_long(rows: int) -> str:
    return (
        f"Ekspor PDF paling banyak {format_number(PDF_MAX_ROWS)} baris; daftar ini "
        f"{format_number(rows)} baris. Pakai CSV atau XLSX untuk daftar sebesar ini, atau "
        "persempit filternya."
    )


_WRITERS = {"csv": _write_csv, "xlsx": _write_xlsx, "pdf": _write_pdf}


# --- export ---------------------------------------------------------------------------------


@dataclasses.dataclass
class ExportSummary:
    """What an export wrote: rows, file, column keys, and how personal data was handled."""

    rows: int
    path: Path
    columns: list[str]
    personal_data_included: bool
    note: str
    headers: list[str] = dataclasses.field(default_factory=list)
    kind: str = ""
    format: str = ""
    omitted: list[str] = dataclasses.field(default_factory=list)
    masked: list[str] = dataclasses.field(default_factory=list)
    delimiter: str | None = None
    warning: str = ""


def export_rows(
    *,
    store: Store,
    kind: str,
    format: str,
    out: str | os.PathLike[str],
    filters: dict[str, Any] | None = None,
    sort: str | None = None,
    columns: list[str] | None = None,
    with_personal_data: bool = False,
    actor: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    limit: int | None = None,
    delimiter: str | None = None,
) -> ExportSummary:
    """Write the list of ``kind`` ("clients", "cases", "sessions") with ``filters`` (the
    list function's keyword arguments) and ``sort`` to ``out`` as CSV, XLSX or PDF.

    ``columns`` are catalogue keys or headers (default: ``DEFAULT_COLUMNS``, none personal).
    ``progress(done, total)`` is called after each page (``total`` 0 until counted);
    ``cancelled()`` is asked as often, and when it answers True the export stops, leaves no
    file and raises ``ExportCancelled``. ``limit`` exports only the first rows of the list.
    ``delimiter`` is the CSV separator (see ``parse_delimiter``; default ';', the Indonesian
    interface's). The summary's ``warning`` says when a CSV holds NIK, NIB or NPWP columns.
    Raises ``ValidationError`` for unknown kinds, formats, filters, sorts or columns and
    ``KnownError`` for a PDF over ``PDF_MAX_ROWS`` rows or a file that cannot be written.
    """
    kind = _check_kind(kind)
    fmt = _check_format(format)
    target = Path(out)
    plan = _plan(kind, columns, with_personal_data)
    _check_sort(kind, sort)
    try:
        separator = parse_delimiter(delimiter) if delimiter is not None else default_delimiter(None)
    except InvalidValue as exc:
        raise ValidationError(FieldError("delimiter", str(exc))) from None
    if fmt == "pdf":
        _pdf_check_columns(plan.columns)
    if limit is not None and limit < 0:
        raise ValidationError(FieldError("limit", "Batas baris tidak boleh negatif."))
    with store.session() as session:
        clean_filters = _coerce_filters(session, kind, dict(filters or {}))
        expected = None
        clinic_name = None
        if fmt == "pdf":
            expected = _COUNT_FUNCTIONS[kind](session=session, **clean_filters)
            if limit is not None:
                expected = min(expected, limit)
            if expected > PDF_MAX_ROWS:
                raise KnownError(_pdf_too_long(expected))
            clinic_name = get_setting(session=session, key="clinic_name")
    if target.is_dir():
        raise KnownError(f"{target} adalah folder; tulis nama berkasnya, mis. daftar.{fmt}.")
    created = datetime.now()
    meta: dict[str, Any] = {
        "kind": kind,
        "title": f"Daftar {KIND_LABELS[kind]}",
        "created": created,
        "actor": actor,
        "sort": sort,
        "filters_text": describe_filters(kind, clean_filters),
        "plan": plan,
        "with_personal_data": bool(with_personal_data),
        "personal_rows": 0,
        "delimiter": separator,
        "clinic_name": clinic_name if fmt == "pdf" else None,
    }

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled()

    meta["check"] = check
    counter: _Counter | None = None

    def tick(done: int) -> None:
        check()
        if progress is not None:
            total = expected if counter is None else counter.total
            progress(done, max(total, done) if total else 0)

    check()
    reader = _value_pages(store, kind, clean_filters, sort, limit, plan, meta)
    try:
        with atomic_output(target) as temp:
            if expected is None and progress is not None:
                counter = _Counter(store, kind, clean_filters, limit)
            if progress is not None:
                progress(0, expected or 0)
            rows = _WRITERS[fmt](temp, plan, reader, tick, meta)
            check()
    except StoreReadOnly as exc:
        if target.exists() and os.name == "nt":
            raise KnownError(
                f"Berkas {target.name} tidak dapat ditimpa; mungkin sedang dibuka di program "
                "lain (Excel?). Tutup dulu lalu coba lagi."
            ) from exc
        raise
    finally:
        reader.close()
        if counter is not None:
            counter.close()
    if progress is not None:
        progress(rows, rows)
    personal_included = meta["personal_rows"] > 0
    summary = ExportSummary(
        rows=rows,
        path=target,
        columns=[c.key for c in plan.columns],
        personal_data_included=personal_included,
        note=_note(meta),
        headers=[c.header for c in plan.columns],
        kind=kind,
        format=fmt,
        omitted=list(plan.omitted),
        masked=list(plan.masked),
        delimiter=separator if fmt == "csv" else None,
        warning=(
            csv_number_warning(long_number_headers(kind, [c.key for c in plan.columns]))
            if fmt == "csv"
            else ""
        ),
    )
    kept_filters, filters_used = audited_filters(kind, clean_filters)
    entry = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "actor": actor,
        "kind": kind,
        "format": fmt,
        "filters": kept_filters,
        "filters_used": filters_used,
        "sort": sort,
        "limit": limit,
        "columns": summary.columns,
        "rows": rows,
        "with_personal_data": bool(with_personal_data),
        "personal_data_included": summary.personal_data_included,
        "personal_rows": meta["personal_rows"],
        "file": target.name,
        "path": str(target.resolve()),
    }
    try:
        with store.session() as db:
            record_event(
                db,
                action="export",
                entity="export",
                personal=summary.personal_data_included,
                leaves_machine=True,
                fields=summary.columns,
                detail=entry,
            )
    except Exception as exc:
        # An export that cannot be recorded is not kept (every export is recorded).
        target.unlink(missing_ok=True)
        raise KnownError(
            f"Ekspor tidak dapat dicatat di basis data ({exc}); berkasnya tidak disimpan. "
            "Coba lagi."
        ) from exc
    return summary


# --- the export log -------------------------------------------------------------------------


def list_exports(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Recorded exports, newest first: when (UTC), who, kind, format, filters (the values
    kept, see ``audited_filters``), filters_used, sort, columns, rows, with_personal_data,
    file."""
    with store.session() as db:
        query = (
            select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return [json.loads(e.detail) for e in db.exec(query)]


# --- presets --------------------------------------------------------------------------------


def _presets_path() -> Path:
    return paths.data_dir() / PRESETS_FILE


def _read_file() -> dict[str, Any]:
    path = _presets_path()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise KnownError(
            f"Berkas preset ekspor {path} rusak ({exc}). Pindahkan atau hapus berkas itu."
        ) from exc
    return data if isinstance(data, dict) else {}


def _by_kind(data: dict[str, Any], key: str, value: Callable[[Any], Any]) -> dict[str, Any]:
    section = data.get(key, {})
    section = section if isinstance(section, dict) else {}
    return {
        kind: {str(n): value(v) for n, v in section[kind].items()}
        for kind in KINDS
        if isinstance(section.get(kind), dict)
    }


def _read_presets() -> dict[str, dict[str, list[str]]]:
    return _by_kind(_read_file(), "presets", lambda cols: [str(c) for c in cols])


def _read_delimiters() -> dict[str, dict[str, str]]:
    return _by_kind(_read_file(), "delimiters", str)


def _write_presets(
    presets: dict[str, dict[str, list[str]]], delimiters: dict[str, dict[str, str]]
) -> None:
    # The separators sit beside the column lists, not inside them, so that an older Klinik
    # still reads every preset (and simply ignores the separators).
    data = {
        "version": 1,
        "presets": presets,
        "delimiters": {kind: names for kind, names in delimiters.items() if names},
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    pdf.write_atomic(_presets_path(), text.encode("utf-8"))


def _find_name(names: Iterable[str], name: str) -> str | None:
    wanted = name.strip().casefold()
    return next((n for n in names if n.casefold() == wanted), None)


def save_preset(
    kind: str, name: str, columns: Sequence[str], delimiter: str | None = None
) -> list[str]:
    """Keep a column set by name (an association's, e.g. "APINDO"), with the CSV separator
    ``delimiter`` when given (without one, the preset gets the language's default); the
    same name in any case replaces it. Returns the column keys kept."""
    kind = _check_kind(kind)
    clean_name = " ".join(str(name or "").split())
    if not clean_name:
        raise ValidationError(FieldError("name", "Nama preset wajib diisi."))
    if len(clean_name) > 60:
        raise ValidationError(FieldError("name", "Nama preset paling panjang 60 huruf."))
    keys = [c.key for c in resolve_columns(kind, list(columns))]
    separator = None
    if delimiter is not None:
        try:
            separator = parse_delimiter(delimiter)
        except InvalidValue as exc:
            raise ValidationError(FieldError("delimiter", str(exc))) from None
    presets, delimiters = _read_presets(), _read_delimiters()
    mine, my_delimiters = presets.setdefault(kind, {}), delimiters.setdefault(kind, {})
    old = _find_name(mine, clean_name)
    if old is not None:
        del mine[old]
    old = _find_name(my_delimiters, clean_name)
    if old is not None:
        del my_delimiters[old]
    mine[clean_name] = keys
    if separator is not None:
        my_delimiters[clean_name] = separator
    _write_presets(presets, delimiters)
    return keys


def list_presets(kind: str) -> dict[str, list[str]]:
    """Saved column sets of ``kind``, by name in alphabetical order."""
    mine = _read_presets().get(_check_kind(kind), {})
    return {n: mine[n] for n in sorted(mine, key=str.casefold)}


def load_preset(kind: str, name: str) -> list[str]:
    """The column keys of a preset; columns no longer in the catalogue are skipped."""
    mine = _read_presets().get(_check_kind(kind), {})
    found = _find_name(mine, name)
    if found is None:
        raise NotFound(f"Preset ekspor {name!r} untuk daftar {KIND_LABELS[kind]} tidak ada.")
    keys = [k for k in mine[found] if k in CATALOGUE[kind]]
    if not keys:
        raise NotFound(f"Kolom preset {found!r} tidak ada lagi di daftar {KIND_LABELS[kind]}.")
    return keys


def preset_delimiter(kind: str, name: str) -> str | None:
    """The CSV separator kept with a preset, or None when it was saved without one (an
    older preset): the caller then uses the language's ``default_delimiter``."""
    mine = _read_delimiters().get(_check_kind(kind), {})
    found = _find_name(mine, name)
    if found is None:
        return None
    try:
        return parse_delimiter(mine[found])
    except InvalidValue:  # edited by hand: the default is the safe reading
        return None


def delete_preset(kind: str, name: str) -> None:
    presets, delimiters = _read_presets(), _read_delimiters()
    mine = presets.get(_check_kind(kind), {})
    found = _find_name(mine, name)
    if found is None:
        raise NotFound(f"Preset ekspor {name!r} untuk daftar {KIND_LABELS[kind]} tidak ada.")
    del mine[found]
    my_delimiters = delimiters.get(kind, {})
    old = _find_name(my_delimiters, found)
    if old is not None:
        del my_delimiters[old]
    _write_presets(presets, delimiters)
