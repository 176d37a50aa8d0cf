"""Importing the client lists clinics already keep in Excel or CSV.

Three steps, none of them with Qt: ``guess_mapping`` proposes a target field for each column
of the sheet (Indonesian and English headers, a synonym table); the user may correct it and
``save_mapping`` remembers it, keyed by the header signature, so the same sheet maps itself
next time. ``plan_import`` reads every row and checks it with the services' own cleaning
functions before anything is written: valid rows, rejected rows (row number as the sheet
shows it, column header, reason in Indonesian), empty rows, and possible duplicates (same
NIK, same phone, or a very similar business name in the same kabupaten/kota, against the
store and within the file). ``run_import`` writes the plan in ONE transaction through the
services (``create_client``, ``update_client``, ``add_size_record``, ``add_licence``): any
failure writes nothing. Duplicates are skipped unless a decision says "merge" (fill the empty
fields of the existing client, add the size record and licences) or "create".

Undo: each import keeps its batch in the store (table ``import_batch``, written in the
import's own transaction: created client ids with their size records and licences, and for
merges the fields filled and the rows added). ``undo_last_import`` deletes what the batch
created (those rows are brand new, so deleting them loses nothing older) and clears the
merged fields that still hold the imported value, in one transaction; it refuses when a
created client got a case or an outcome since, or its records were changed (such a client
must be archived by hand).

Values are read as people type them: phones in every local form or as Excel numbers, money
as "Rp 150.000.000", "150jt" or a number, dates as text or Excel dates, kabupaten names in
any spelling ("Palangkaraya", "KOTA PALANGKA RAYA", "Kab. Kapuas"), NIK as text or as a whole
number. A NIK that Excel kept as a floating-point number has lost its last digits: that row
is rejected with a request to format the column as text.
"""

from __future__ import annotations

import codecs
import collections
import contextlib
import csv
import dataclasses
import io
import itertools
import json
import logging
import marshal
import re
import secrets
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy
from rapidfuzz import fuzz
from rapidfuzz import process as rf_process
from sqlalchemy import func
from sqlmodel import Session, select

from klinik import paths
from klinik.db.audit import actor_id
from klinik.db.engine import Store
from klinik.db.models import (
    Case,
    Client,
    ImportBatch,
    Licence,
    Outcome,
    SizeRecord,
    utcnow,
)
from klinik.domain.formatting import parse_money
from klinik.domain.identifiers import nik_birth_date, nik_gender, normalize_nik
from klinik.domain.places import comparable
from klinik.errors import FieldError, InvalidValue, KnownError, ValidationError
from klinik.exchange.cells import clean_text
from klinik.reports.base import write_atomic
from klinik.services import clients as client_service
from klinik.services.validation import FIELD_LABELS

logger = logging.getLogger(__name__)

MAPPINGS_FILE = "import_mappings.json"
NAME_SIMILARITY = 0.9
DECISIONS = ("skip", "merge", "create")

# --- target fields ----------------------------------------------------------------------------

CLIENT_FIELDS = (
    "business_name",
    "owner_name",
    "nik",
    "gender",
    "birth_date",
    "education",
    "phone",
    "whatsapp",
    "email",
    "address",
    "kabupaten_code",
    "kecamatan",
    "kelurahan",
    "sector",
    "kbli",
    "products",
    "legal_form",
    "year_started",
    "registered_on",
    "nib",
    "npwp",
    "association",
    "notes",
)
# "workers" is a total without the split by status and gender that the model keeps: it is
# stored in workers_permanent_male (the sum is what reports read) and the record's source
# says that the split is unknown.
SIZE_FIELDS = (
    "recorded_on",
    "omzet",
    "omzet_monthly",
    "modal",
    "total_assets",
    "workers",
    "workers_permanent_male",
    "workers_permanent_female",
    "workers_nonpermanent_male",
    "workers_nonpermanent_female",
    "production_capacity",
)
LICENCE_FIELDS = {
    "licence_spp_irt": "spp_irt",
    "licence_halal": "halal",
    "licence_bpom_md": "bpom_md",
    "licence_bpom_ml": "bpom_ml",
    "licence_merek": "merek",
}
IMPORT_FIELDS: dict[str, str] = {
    **{f: FIELD_LABELS.get(f, f) for f in CLIENT_FIELDS},
    **{f: FIELD_LABELS.get(f, f) for f in SIZE_FIELDS},
    "omzet_monthly": "Omzet per bulan (disimpan × 12 sebagai omzet per tahun)",
    "workers": "Jumlah pekerja",
    "licence_spp_irt": "No. P-IRT (SPP-IRT)",
    "licence_halal": "No. sertifikat halal",
    "licence_bpom_md": "No. BPOM MD",
    "licence_bpom_ml": "No. BPOM ML",
    "licence_merek": "No. merek/HKI",
}

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "business_name": (
        "nama usaha", "usaha", "nama umkm", "umkm", "nama ukm", "nama toko", "nama perusahaan",
        "merek usaha", "business name", "business", "company", "company name", "nama bisnis",
    ),
    "owner_name": (
        "nama pemilik", "pemilik", "pemilik usaha", "nama pelaku usaha", "pelaku usaha",
        "nama", "owner", "owner name", "name",
    ),
    "nik": (
        "nik", "no ktp", "nomor ktp", "ktp", "nik ktp", "nik pemilik", "id number", "no nik",
        "nomor nik", "nomor induk kependudukan", "no ktp pemilik", "nik no ktp",
    ),
    "gender": ("jenis kelamin", "jk", "l p", "kelamin", "gender", "sex"),
    "birth_date": ("tanggal lahir", "tgl lahir", "date of birth", "birth date"),
    "education": ("pendidikan", "pendidikan terakhir", "education"),
    "phone": (
        "no hp", "nomor hp", "hp", "no hp wa", "hp wa", "no telp", "no telepon", "telepon",
        "telp", "nomor telepon", "no hp whatsapp", "kontak", "phone", "phone number", "mobile",
        "handphone", "no handphone",
    ),
    "whatsapp": (
        "whatsapp", "wa", "no wa", "nomor wa", "no whatsapp", "nomor whatsapp", "wa pemilik",
        "no wa pemilik", "kontak wa",
    ),
    "email": ("email", "e mail", "alamat email", "surel"),
    "address": (
        "alamat", "alamat usaha", "alamat lengkap", "address", "jalan", "alamat tempat usaha",
        "lokasi usaha", "alamat lokasi usaha",
    ),
    "kabupaten_code": (
        "kab kota", "kabupaten kota", "kabupaten", "kota", "kab", "kota kabupaten", "district",
        "regency", "kode kabupaten",
    ),
    "kecamatan": ("kecamatan", "kec", "subdistrict"),
    "kelurahan": ("kelurahan", "desa", "desa kelurahan", "kelurahan desa", "kel", "village"),
    "sector": (
        "sektor", "sektor usaha", "bidang usaha", "jenis usaha", "sector", "jenis bidang usaha",
        "bidang jenis usaha", "bidang", "kategori usaha", "jenis bidang",
    ),
    "kbli": ("kbli", "kode kbli"),
    "products": ("produk", "produk utama", "jenis produk", "nama produk", "products", "product"),
    "legal_form": ("bentuk usaha", "badan usaha", "bentuk badan usaha", "legal form"),
    "year_started": ("tahun mulai", "tahun berdiri", "tahun mulai usaha", "year started"),
    "registered_on": (
        "tanggal daftar", "tgl daftar", "tanggal terdaftar", "tanggal registrasi",
        "tanggal pendaftaran", "registered", "registration date", "date registered",
        "tanggal bergabung", "tgl bergabung", "tanggal gabung", "tgl gabung", "bergabung",
        "terdaftar", "tgl terdaftar", "daftar", "terdaftar sejak", "bergabung sejak",
        "tanggal masuk", "tgl masuk", "masuk", "join date", "date joined", "joined",
    ),
    "nib": ("nib", "no nib", "nomor induk berusaha"),
    "npwp": ("npwp", "no npwp", "tax id"),
    "association": ("asosiasi", "komunitas", "asosiasi komunitas", "association"),
    "notes": ("catatan", "keterangan", "ket", "notes", "remarks"),
    "recorded_on": ("tanggal data", "tgl data", "tanggal pendataan", "data date"),
    "omzet": (
        "omzet", "omset", "omzet per tahun", "omset per tahun", "omzet tahunan", "omset tahunan",
        "hasil penjualan tahunan", "penjualan per tahun", "revenue", "annual revenue", "turnover",
        "omzet tahun", "omset tahun", "omzet rp tahun", "omset rp tahun", "omzet thn",
    ),
    "omzet_monthly": (
        "omzet per bulan", "omset per bulan", "omzet bulanan", "omset bulanan", "omzet bulan",
        "omset bulan", "omzet rp bulan", "omset rp bulan", "omzet bln", "omset bln",
        "penjualan per bulan", "penjualan bulanan", "hasil penjualan bulanan", "monthly revenue",
        "revenue per month", "omzet sebulan", "omset sebulan",
    ),
    "modal": ("modal", "modal usaha", "capital"),
    "total_assets": ("aset", "total aset", "asset", "assets", "total assets"),
    "workers": (
        "jumlah pekerja", "pekerja", "tenaga kerja", "jumlah tenaga kerja", "jumlah karyawan",
        "karyawan", "workers", "employees",
    ),
    "production_capacity": ("kapasitas produksi", "production capacity"),
    "licence_spp_irt": (
        "p irt", "pirt", "no p irt", "no pirt", "spp irt", "no spp irt", "nomor p irt",
        "nomor spp irt",
    ),
    "licence_halal": ("sertifikat halal", "no sertifikat halal", "halal", "nomor halal"),
    "licence_bpom_md": ("bpom", "no bpom", "bpom md", "md", "izin edar bpom"),
    "licence_bpom_ml": ("bpom ml", "ml"),
    "licence_merek": ("merek", "hki", "no merek", "merek hki"),
}  # fmt: skip

_YES = {"ya", "y", "yes", "sudah", "ada", "punya", "v", "x", "true", "1"}
_NO = {"tidak", "tdk", "t", "no", "n", "belum", "blm", "tidak ada", "-", "0", "false"}
_IN_PROCESS = {"proses", "dalam proses", "sedang proses", "diproses", "in process"}
_GENDERS = {
    "l": "L", "lk": "L", "laki": "L", "laki laki": "L", "pria": "L", "male": "L", "m": "L",
    "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "female": "P", "f": "P",
}  # fmt: skip
# Local abbreviations of Kalimantan Tengah's kabupaten, as people write them in lists.


def _norm_header(text: Any) -> str:
    """A header made comparable: lower case, accents and punctuation gone, single spaces."""
    return comparable(text)


_SYNONYM_INDEX: dict[str, str] = {}
for _field, _words in _SYNONYMS.items():
    for _word in _words:
        _SYNONYM_INDEX.setdefault(_norm_header(_word), _field)
for _field, _label in IMPORT_FIELDS.items():
    _SYNONYM_INDEX.setdefault(_norm_header(_label), _field)
    _SYNONYM_INDEX.setdefault(_norm_header(_field), _field)


def _guess_one(header: Any) -> str | None:
    key = _norm_header(header)
    if not key:
        return None
    if key in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[key]
    without_brackets = _norm_header(re.sub(r"\(.*?\)|\[.*?\]", " ", str(header)))
    if without_brackets in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[without_brackets]
    # The longest synonym found as whole words inside the header ("No HP pemilik" -> phone).
    padded = f" {key} "
    best: tuple[int, str] | None = None
    for word, field in _SYNONYM_INDEX.items():
        if len(word) >= 2 and f" {word} " in padded and (best is None or len(word) > best[0]):
            best = (len(word), field)
    return best[1] if best else None


_MONTH_WORDS = {"bulan", "bulanan", "bln", "sebulan", "month", "monthly"}


def _guess_field(header: Any) -> str | None:
    field = _guess_one(header)
    if field == "omzet" and _MONTH_WORDS & set(_norm_header(header).split()):
        return "omzet_monthly"
    return field


def guess_mapping(headers: Iterable[Any]) -> dict[str, str | None]:
    """The probable target field of each header (None: not imported). Each field once."""
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        field = _guess_field(header)
        if field in taken:
            field = None
        if field:
            taken.add(field)
        mapping[str(header)] = field
    # A lone WhatsApp column is the client's phone number.
    if "phone" not in taken and "whatsapp" in taken:
        for header, field in mapping.items():
            if field == "whatsapp":
                mapping[header] = "phone"
    return mapping


def header_signature(headers: Iterable[Any]) -> str:
    """The headers, normalised, in order: the same sheet layout gives the same signature."""
    return "|".join(_norm_header(h) for h in headers)


def _mappings_path() -> Path:
    return paths.data_dir() / MAPPINGS_FILE


def _read_mappings() -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(_mappings_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"named": {}, "signatures": {}}
    except (OSError, ValueError) as exc:
        logger.warning("import mappings unreadable: %s", exc)
        return {"named": {}, "signatures": {}}
    data.setdefault("named", {})
    data.setdefault("signatures", {})
    return data


def _check_mapping(mapping: dict[str, Any]) -> dict[str, str | None]:
    errors = [
        FieldError("mapping", f"Kolom {header!r}: bidang tujuan {field!r} tidak dikenal.")
        for header, field in mapping.items()
        if field is not None and field not in IMPORT_FIELDS
    ]
    seen: dict[str, str] = {}
    for header, field in mapping.items():
        if field and field in seen:
            errors.append(
                FieldError(
                    "mapping",
                    f"Kolom {seen[field]!r} dan {header!r} sama-sama diarahkan ke "
                    f"{IMPORT_FIELDS[field]}; pilih satu.",
                )
            )
        elif field:
            seen[field] = header
    if errors:
        raise ValidationError(errors)
    return {str(k): (v or None) for k, v in mapping.items()}


def _is_path(name_or_path: str | Path) -> bool:
    text = str(name_or_path)
    return isinstance(name_or_path, Path) or text.lower().endswith(".json") or "/" in text


def save_mapping(name_or_path: str | Path | None, mapping: dict[str, str | None]) -> None:
    """Remember a mapping: in a JSON file (a path), or under a name in the data folder.

    Either way it is also remembered for its header signature, so the same sheet maps itself.
    """
    clean = _check_mapping(mapping)
    if name_or_path is not None and _is_path(name_or_path):
        payload = json.dumps({"mapping": clean}, ensure_ascii=False, indent=2)
        write_atomic(Path(name_or_path), payload.encode("utf-8"))
    data = _read_mappings()
    if name_or_path is not None and not _is_path(name_or_path):
        data["named"][str(name_or_path).strip()] = clean
    data["signatures"][header_signature(clean)] = clean
    write_atomic(_mappings_path(), json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


def load_mapping(
    name_or_path: str | Path | None = None, *, headers: Iterable[Any] | None = None
) -> dict[str, str | None] | None:
    """A mapping from a JSON file, by name, or remembered for these headers; None if none."""
    if name_or_path is not None and _is_path(name_or_path):
        try:
            data = json.loads(Path(name_or_path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KnownError(
                f"Berkas pemetaan kolom {name_or_path} tidak bisa dibaca: {exc}"
            ) from exc
        return _check_mapping(data.get("mapping", data))
    stored = _read_mappings()
    if name_or_path is not None:
        found = stored["named"].get(str(name_or_path).strip())
        return dict(found) if found is not None else None
    if headers is not None:
        found = stored["signatures"].get(header_signature(headers))
        return dict(found) if found is not None else None
    return None


# --- reading the sheet ------------------------------------------------------------------------

PREVIEW_ROWS = 200
_HEADER_LOOKAHEAD = 10  # rows with one filled cell above the table are titles, not headers
_CSV_DELIMITERS = ("\t", ";", ",")
_CSV_SAMPLE = 65536  # characters read to choose the delimiter
_CHUNK_BYTES = 1 << 20
# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one): the
# codec that reads the file (and skips the mark) and how a line end is written in it.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "\n".encode("utf-32-le")),
    (codecs.BOM_UTF32_BE, "utf-32", "\n".encode("utf-32-be")),
    (codecs.BOM_UTF8, "utf-8-sig", b"\n"),
    (codecs.BOM_UTF16_LE, "utf-16", "\n".encode("utf-16-le")),
    (codecs.BOM_UTF16_BE, "utf-16", "\n".encode("utf-16-be")),
)


@dataclasses.dataclass
class Sheet:
    """A sheet read whole (``read_sheet``) or its first rows (``preview_sheet``)."""

    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]]  # (row number as the user sees it, values)
    more: bool = False  # a preview: the file has rows after these
    estimated_rows: int = 0  # data rows the file seems to hold (0: not known)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_SPREADSHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRINGS_PER_BLOCK = 4096


class _SharedStrings(Sequence[str]):
    """An XLSX file's shared-string table, kept compact: blocks of texts joined into one
    string each, with their end offsets in an array.

    Excel keeps every text of a workbook in this table, and openpyxl reads it whole before
    the first row: for a 200,000-row list that is most of a million strings, about 70 MB as
    a list of str and seconds of openpyxl's object building. The texts are those openpyxl
    gives (the plain text and the text of every run, phonetic runs left out).
    """

    def __init__(self, source: Any):
        from array import array
        from xml.etree.ElementTree import iterparse

        si, t, r = (_SPREADSHEET_NS + tag for tag in ("si", "t", "r"))
        self._blocks: list[tuple[str, Any]] = []
        texts: list[str] = []
        ends = array("L")
        length = 0
        root = None
        for event, node in iterparse(source, events=("start", "end")):
            if root is None:
                root = node
            if event == "start" or node.tag != si:
                continue
            parts = []
            for child in node:
                if child.tag == t:
                    parts.append(child.text or "")
                elif child.tag == r:
                    run = child.find(t)
                    if run is not None:
                        parts.append(run.text or "")
            text = "".join(parts).replace("x005F_", "")
            root.clear()  # the parser's tree would keep every string read so far
            texts.append(text)
            length += len(text)
            ends.append(length)
            if len(texts) == _STRINGS_PER_BLOCK:
                self._blocks.append(("".join(texts), ends))
                texts, ends, length = [], array("L"), 0
        if texts:
            self._blocks.append(("".join(texts), ends))
        self._count = sum(len(ends) for _, ends in self._blocks)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        text, ends = self._blocks[index // _STRINGS_PER_BLOCK]
        i = index % _STRINGS_PER_BLOCK
        return text[ends[i - 1] if i else 0 : ends[i]]


def _load_workbook(path: Path) -> Any:
    """openpyxl's read-only workbook, with the compact shared-string table."""
    import openpyxl

    try:
        from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
    except ImportError:  # another openpyxl layout: its own table then
        return openpyxl.load_workbook(path, read_only=True, data_only=True)

    class Reader(ExcelReader):
        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as source:
                    self.shared_strings = _SharedStrings(source)

    reader = Reader(path, read_only=True, keep_vba=False, data_only=True, keep_links=False)
    reader.read()
    return reader.wb


def _compact_rows(sheet: Any) -> Iterator[Sequence[Any]] | None:
    """The values of a read-only worksheet's rows as ``iter_rows(values_only=True)`` gives
    them, without keeping every row read: openpyxl's parser clears each row element but
    leaves it in the tree, 80 bytes a row (16 MB for a 200,000-row sheet). None when this
    openpyxl is laid out otherwise (its own ``iter_rows`` then)."""
    try:
        from openpyxl.worksheet._reader import DATA_TAG, ROW_TAG, WorkSheetParser
        from openpyxl.xml.functions import iterparse

        book = sheet.parent
        open_source, fill_row = sheet._get_source, sheet._get_row
        options = {
            "data_only": book.data_only,
            "epoch": book.epoch,
            "date_formats": book._date_formats,
            "timedelta_formats": book._timedelta_formats,
        }
        strings = sheet._shared_strings
    except (ImportError, AttributeError):
        return None

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse(self) -> Iterator[tuple[int, list[Any]]]:
            rows = None
            for event, element in iterparse(self.source, events=("start", "end")):
                if event == "start":
                    if rows is None and element.tag == DATA_TAG:
                        rows = element
                elif element.tag == ROW_TAG:
                    yield self.parse_row(element)
                    if rows is not None and len(rows) and rows[0] is element:
                        del rows[0]
                    else:
                        element.clear()

    def values() -> Iterator[Sequence[Any]]:
        with open_source() as source:
            expected = 1
            for number, cells in Parser(source, strings, **options).parse():
                for _ in range(expected, number):  # rows the file leaves out are empty
                    expected += 1
                    yield ()
                if expected <= number:
                    expected += 1
                    yield fill_row(cells, 1, None, True)

    return values()


class _XlsxRows:
    """The rows of an XLSX file's first worksheet, one at a time (openpyxl read-only)."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.workbook = _load_workbook(path)
        except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
            raise KnownError(f"Berkas {path.name} tidak bisa dibuka sebagai XLSX: {exc}") from exc
        try:
            sheet = self.workbook.worksheets[0]
            # The stored dimension is often wrong in files from other tools: it only gives
            # the progress bar its length; the rows are read to the real end.
            self.last_row = int(sheet.max_row or 0)
            sheet.reset_dimensions()
            self._rows = _compact_rows(sheet) or sheet.iter_rows(min_row=1, values_only=True)
        except Exception as exc:
            self.workbook.close()
            raise KnownError(f"Berkas {path.name} tidak bisa dibaca sebagai XLSX: {exc}") from exc

    def __iter__(self) -> Iterator[tuple[int, Sequence[Any]]]:
        try:
            yield from enumerate(self._rows, start=1)
        except (OSError, EOFError, zipfile.BadZipFile, SyntaxError, ValueError) as exc:
            # A damaged archive or XML part (ParseError is a SyntaxError).
            raise KnownError(f"Berkas {self.path.name} rusak dan tidak bisa dibaca: {exc}") from exc

    def close(self) -> None:
        self.workbook.close()


def _utf16_without_bom(head: bytes) -> tuple[str, bytes] | None:
    """The codec and line end of UTF-16 text without a byte-order mark, if it looks so.

    Text in Latin script has a zero byte in every second place in UTF-16 (the high byte of
    each letter); UTF-8 and the 8-bit code pages hold no zero bytes in text.
    """
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even = head[0 : 2 * pairs : 2].count(0)
    odd = head[1 : 2 * pairs : 2].count(0)
    if odd >= 0.3 * pairs and even <= 0.05 * pairs:
        return "utf-16-le", "\n".encode("utf-16-le")
    if even >= 0.3 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be", "\n".encode("utf-16-be")
    return None


def _csv_encoding(path: Path) -> tuple[str, str, int]:
    """How to read a CSV file: (codec, error handling, line ends in the file).

    A byte-order mark names the encoding (UTF-8; UTF-16 LE/BE, which Excel's "Unicode text"
    writes; UTF-32); UTF-16 without a mark is recognised by its zero bytes; otherwise the
    file is UTF-8 when all of it decodes as UTF-8, else Windows-1252 (Excel's "CSV" on an
    Indonesian Windows). The whole file is read once, in pieces, for that decision and for
    the line ends, which give the progress bar its length.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
            found = next(((c, nl) for bom, c, nl in _BOMS if head.startswith(bom)), None)
            found = found or _utf16_without_bom(head)
            codec, newline = found or ("utf-8", b"\n")
            decoder = None if found else codecs.getincrementaldecoder("utf-8")()
            handle.seek(0)
            lines = 0
            while chunk := handle.read(_CHUNK_BYTES):
                lines += chunk.count(newline)
                if decoder is not None:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        decoder, codec = None, "cp1252"
            if decoder is not None:
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    codec = "cp1252"
                else:
                    return "utf-8", "strict", lines
    except OSError as exc:
        raise KnownError(f"Berkas {path.name} tidak bisa dibaca: {exc.strerror or exc}") from exc
    return codec, "replace", lines


def _sniff_delimiter(sample: str, complete: bool) -> str:
    """Tab, semicolon or comma: the one that splits the first records into the same number
    of fields, more than one (a title row above the table does not count against it)."""
    best: tuple[tuple[bool, float, int], str] | None = None
    for delimiter in _CSV_DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            records = list(itertools.islice(reader, 50))
        except csv.Error:
            continue
        if not complete and len(records) > 1:
            records.pop()  # the sample may end in the middle of a record
        widths = [len(r) for r in records if any(cell.strip() for cell in r)]
        if not widths:
            continue
        width, count = collections.Counter(widths).most_common(1)[0]
        score = (width > 1, count / len(widths), width)
        if best is None or score > best[0]:
            best = (score, delimiter)
    return best[1] if best is not None and best[0][0] else ","


class _CsvRows:
    """The records of a CSV (or tab-separated text) file, one at a time."""

    def __init__(self, path: Path):
        self.path = path
        self.codec, self.errors, self.lines = _csv_encoding(path)
        with path.open(encoding=self.codec, errors=self.errors, newline="") as handle:
            sample = handle.read(_CSV_SAMPLE)
            complete = not handle.read(1)
        self.delimiter = _sniff_delimiter(sample, complete)
        self._handle = path.open(encoding=self.codec, errors=self.errors, newline="")

    def __iter__(self) -> Iterator[tuple[int, Sequence[Any]]]:
        reader = csv.reader(self._handle, delimiter=self.delimiter)
        try:
            yield from enumerate(reader, start=1)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise KnownError(
                f"Berkas {self.path.name} tidak bisa dibaca sebagai CSV (sekitar baris "
                f"{reader.line_num}): {exc}"
            ) from exc

    def close(self) -> None:
        self._handle.close()


class SheetReader:
    """The first sheet of an XLSX file or a CSV file, read row by row, never whole.

    The header row is the first row with two or more filled cells (a title above the table
    is skipped), or the first filled row. Iterate it for the rows below the header:
    ``(row number as the user sees it, values)``. Use it as a context manager.
    """

    def __init__(self, path: str | Path):
        path = Path(path)
        self.path = path
        if not path.exists():
            raise KnownError(f"Berkas {path} tidak ditemukan.")
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            self._source: _XlsxRows | _CsvRows = _XlsxRows(path)
        elif suffix in (".csv", ".txt", ".tsv"):
            self._source = _CsvRows(path)
        else:
            raise KnownError(
                f"Jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung; pakai XLSX atau CSV."
            )
        try:
            self._rows = iter(self._source)
            self._pending = self._find_header()
        except BaseException:
            self.close()
            raise

    def _find_header(self) -> list[tuple[int, Sequence[Any]]]:
        read: list[tuple[int, Sequence[Any]]] = []
        first = header = None
        single = 0
        for number, values in self._rows:
            read.append((number, values))
            filled = sum(1 for v in values if not _blank(v))
            if not filled:
                continue
            if first is None:
                first = len(read) - 1
            if filled > 1:
                header = len(read) - 1
                break
            single += 1
            if single >= _HEADER_LOOKAHEAD:
                break
        if header is None:
            header = first
        if header is None:
            raise KnownError(f"Berkas {self.path.name} kosong: tidak ada baris judul kolom.")
        number, values = read[header]
        self.headers = _unique_headers(list(values))
        self.header_row = number
        return read[header + 1 :]

    @property
    def estimated_rows(self) -> int:
        """How many rows below the header the file seems to hold (0: not known)."""
        source = self._source
        last = source.last_row if isinstance(source, _XlsxRows) else source.lines
        return max(last - self.header_row, 0)

    def __iter__(self) -> Iterator[tuple[int, Sequence[Any]]]:
        pending, self._pending = self._pending, []
        yield from pending
        yield from self._rows

    def close(self) -> None:
        self._source.close()

    def __enter__(self) -> SheetReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_sheet(path: str | Path) -> Sheet:
    """The first sheet of an XLSX or a CSV file: its header row and all the rows below it."""
    with SheetReader(path) as sheet:
        rows = [(number, list(values)) for number, values in sheet]
        return Sheet(sheet.headers, sheet.header_row, rows, estimated_rows=len(rows))


def preview_sheet(path: str | Path, rows: int = PREVIEW_ROWS) -> Sheet:
    """The header row and the first ``rows`` rows below it, for the column mapping step."""
    with SheetReader(path) as sheet:
        estimated = sheet.estimated_rows
        first = list(itertools.islice(sheet, rows + 1))
        more = len(first) > rows
        taken = [(number, list(values)) for number, values in first[:rows]]
        return Sheet(
            sheet.headers,
            sheet.header_row,
            taken,
            more=more,
            estimated_rows=max(estimated, len(taken)) if more else len(taken),
        )


def _unique_headers(values: list[Any]) -> list[str]:
    headers: list[str] = []
    for i, value in enumerate(values):
        text = clean_text(value).strip() if not _blank(value) else ""
        base = text or f"Kolom {i + 1}"
        name, n = base, 2
        while name in headers:
            name, n = f"{base} ({n})", n + 1
        headers.append(name)
    return headers


# --- values as people type them ---------------------------------------------------------------

_EXCEL_EPOCH = datetime(1899, 12, 30)
_SCIENTIFIC = re.compile(r"^\s*\d+(?:[.,]\d+)?[eE]\+?\d+\s*$")
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
    if _SCIENTIFIC.match(text):
        raise InvalidValue(_FLOAT_NIK if field == "nik" else lost)
    return text


def _phone_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if _SCIENTIFIC.match(text):
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
        if 1 <= value < 2958466:  # Excel's serial day numbers (1900 date system)
            return (_EXCEL_EPOCH + timedelta(days=int(value))).date()
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


# --- the plan ---------------------------------------------------------------------------------


@dataclasses.dataclass(slots=True, frozen=True)
class Rejected:
    row: int
    column: str
    reason: str


@dataclasses.dataclass(slots=True)
class Duplicate:
    row: int
    reason: str
    client_id: int | None = None
    client_name: str | None = None
    earlier_row: int | None = None
    same_nik: bool = False
    decision: str = "skip"

    def other(self) -> str:
        if self.client_id is not None:
            return f"klien #{self.client_id} {self.client_name}"
        return f"baris {self.earlier_row}"

    def describe(self) -> str:
        return f"Baris {self.row}: kemungkinan duplikat dari {self.other()} ({self.reason})"


_LAYOUTS: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_LICENCES: dict[Any, Any] = {}
# Values that repeat from row to row (dates, kabupaten, kecamatan, source of the size data
# ...): kept once in _SHARED for all the rows, a row holds their place in it.
_SHARED_CLIENT_FIELDS = (
    "gender", "birth_date", "education", "kabupaten_code", "kecamatan", "kelurahan", "sector",
    "legal_form", "year_started", "registered_on", "association",
)  # fmt: skip
_SHARED_SIZE_FIELDS = ("recorded_on", "source")
_SHARED_FIELDS = frozenset(_SHARED_CLIENT_FIELDS + _SHARED_SIZE_FIELDS)
_SHARED: list[Any] = []
_SHARED_AT: dict[tuple[type, Any], int] = {}
_PLAIN, _DATE, _SHARED_VALUE = 0, 1, 2  # how a field's value is kept
_MARSHALLED = frozenset((str, int, float, bool, type(None)))


def _share(value: Any) -> int:
    key = (type(value), value)
    at = _SHARED_AT.get(key)
    if at is None:
        at = _SHARED_AT[key] = len(_SHARED)
        _SHARED.append(value)
    return at


class PlannedRow:
    """A row that passed every check: its cleaned client fields, size record and licences.

    A plan may hold 200,000 of them, so a row keeps its values packed: one ``marshal``
    string of the values (dates as day numbers, the values many rows repeat as their place
    in a shared table), and the field names in a layout shared by every row that fills the
    same fields. That is a fifth of the memory of dictionaries of strings. ``client`` and
    ``size`` give a new dictionary each time (assign one to change them).
    """

    __slots__ = ("row", "_layout", "_values", "_licences", "columns", "duplicate")

    def __init__(
        self,
        row: int,
        client: dict[str, Any],
        size: dict[str, Any] | None,
        licences: list[dict[str, Any]],
        columns: dict[str, str],  # field -> header, for messages (shared by the rows)
        duplicate: Duplicate | None = None,
    ):
        self.row = row
        self._pack(client, size)
        self.licences = licences
        self.columns = columns
        self.duplicate = duplicate

    def _pack(self, client: dict[str, Any], size: dict[str, Any] | None) -> None:
        items = [*client.items(), *(size.items() if size is not None else ())]
        kinds = []
        values = []
        for field, value in items:
            if value is not None and field in _SHARED_FIELDS:
                kinds.append(_SHARED_VALUE)
                values.append(_share(value))
            elif type(value) is date:
                kinds.append(_DATE)
                values.append(value.toordinal())
            else:
                kinds.append(_PLAIN)
                values.append(value)
        if all(type(v) in _MARSHALLED for v in values):
            packed: bytes | tuple[Any, ...] = marshal.dumps(tuple(values))
        else:  # a value marshal cannot keep as it is: the values themselves
            kinds = [_PLAIN] * len(items)
            packed = tuple(v for _, v in items)
        layout = (tuple(client), None if size is None else tuple(size), tuple(kinds))
        self._layout = _LAYOUTS.setdefault(layout, layout)
        self._values = packed

    def _unpack(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        client_fields, size_fields, kinds = self._layout
        packed = self._values
        stored = marshal.loads(packed) if type(packed) is bytes else packed
        values = [
            v if kind == _PLAIN else date.fromordinal(v) if kind == _DATE else _SHARED[v]
            for v, kind in zip(stored, kinds, strict=True)
        ]
        split = len(client_fields)
        client = dict(zip(client_fields, values[:split], strict=True))
        if size_fields is None:
            return client, None
        return client, dict(zip(size_fields, values[split:], strict=True))

    @property
    def client(self) -> dict[str, Any]:
        return self._unpack()[0]

    @client.setter
    def client(self, values: dict[str, Any]) -> None:
        self._pack(values, self.size)

    @property
    def size(self) -> dict[str, Any] | None:
        return self._unpack()[1]

    @size.setter
    def size(self, values: dict[str, Any] | None) -> None:
        self._pack(self.client, values)

    @property
    def licences(self) -> list[dict[str, Any]]:
        return [dict(licence) for licence in self._licences]

    @licences.setter
    def licences(self, values: list[dict[str, Any]]) -> None:
        # Many rows hold the same licence without a number ("halal: proses"): one copy.
        self._licences = tuple(
            v if v.get("number") else _LICENCES.setdefault(tuple(v.items()), v) for v in values
        )

    def __repr__(self) -> str:
        return (
            f"PlannedRow(row={self.row}, client={self.client!r}, size={self.size!r}, "
            f"licences={self.licences!r}, duplicate={self.duplicate!r})"
        )


@dataclasses.dataclass(slots=True)
class ColumnUse:
    """A column of the sheet, the field it fills (None: not imported), and how many of the
    sheet's rows have something in it."""

    header: str
    field: str | None
    filled: int = 0

    def describe(self) -> str:
        target = IMPORT_FIELDS.get(self.field, self.field) if self.field else "tidak diimpor"
        text = f"{self.header!r} → {target} ({_count(self.filled)} baris berisi data)"
        return text + ("  ← PERHATIAN: datanya tidak masuk" if self.unused else "")

    @property
    def unused(self) -> bool:
        """A column with data that goes nowhere: the user should see it before importing."""
        return self.field is None and self.filled > 0


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclasses.dataclass
class ImportPlan:
    path: str
    headers: list[str]
    mapping: dict[str, str | None]
    rows: list[PlannedRow]
    rejected: list[Rejected]
    empty_rows: int
    today: date
    columns: list[ColumnUse] = dataclasses.field(default_factory=list)

    @property
    def unused_columns(self) -> list[ColumnUse]:
        return [c for c in self.columns if c.unused]

    @property
    def duplicates(self) -> list[Duplicate]:
        return [r.duplicate for r in self.rows if r.duplicate is not None]

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({r.row for r in self.rejected})


@dataclasses.dataclass
class ImportResult:
    batch_id: str
    imported: int = 0
    merged: int = 0
    skipped: int = 0
    rejected: list[Rejected] = dataclasses.field(default_factory=list)
    duplicates: list[Duplicate] = dataclasses.field(default_factory=list)
    empty_rows: int = 0
    client_ids: list[int] = dataclasses.field(default_factory=list)
    undone: bool = False
    warnings: list[str] = dataclasses.field(default_factory=list)


def _normal_name(name: str) -> str:
    words = _norm_header(name).split()
    return " ".join(w for w in words if w not in {"ud", "cv", "pt", "toko", "usaha"})


def _similarity(a: str, b: str) -> float:
    """How alike two normalised names are, 0 to 1: rapidfuzz's ratio, twice the longest
    common subsequence over both lengths (symmetric, unlike difflib's); 0 below
    NAME_SIMILARITY."""
    if not a or not b:
        return 0.0
    return fuzz.ratio(a, b, score_cutoff=_NAME_CUTOFF) / 100.0


def _similar(a: str, b: str) -> bool:
    return _similarity(a, b) > 0.0


# --- finding similar names: every pair of a kabupaten, compared in bulk ---------------------
#
# A name is compared with every distinct name of its kabupaten/kota (the store's, and the
# file's earlier rows) by rapidfuzz's cdist: a matrix of scores computed in C++ with SIMD on
# both cores, ~6 ns a pair here, so a 200,000-row sheet (some 1.4 billion pairs) takes
# seconds. The matrix is built for the new names of a batch at a time and cut into slices
# of _NAME_CELLS scores, so memory stays flat whatever the size of the kabupaten.

_NAME_CUTOFF = NAME_SIMILARITY * 100
_NAME_CELLS = 500_000  # scores per slice of the matrix: 2 MB of float32
_NO_MATCH = -1


class _NameBlock:
    """The distinct normalised names of one kabupaten/kota, in order of first appearance,
    with what each stands for (a store client's id, or the sheet row that had it first)."""

    __slots__ = ("keys", "refs", "index")

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.refs: list[Any] = []
        self.index: dict[str, int] = {}

    def add(self, key: str, ref: Any) -> int:
        entry = self.index.get(key)
        if entry is None:
            entry = self.index[key] = len(self.keys)
            self.keys.append(key)
            self.refs.append(ref)
        return entry


def _most_similar(
    queries: list[str], choices: list[str], check_cancel: Callable[[], None]
) -> tuple[Any, Any]:
    """For each query, the best score reaching NAME_SIMILARITY among ``choices`` and the
    first choice with that score (numpy arrays; score 0 and _NO_MATCH when none does)."""
    best = numpy.zeros(len(queries), dtype=numpy.float32)
    where = numpy.full(len(queries), _NO_MATCH, dtype=numpy.int64)
    if not queries or not choices:
        return best, where
    rows = numpy.arange(len(queries))
    step = max(_NAME_CELLS // len(queries), 1)
    for start in range(0, len(choices), step):
        check_cancel()
        scores = rf_process.cdist(
            queries,
            choices[start : start + step],
            scorer=fuzz.ratio,
            score_cutoff=_NAME_CUTOFF,
            dtype=numpy.float32,
            workers=-1,
        )
        top = scores.argmax(axis=1)  # the first of equal scores: the earliest name
        value = scores[rows, top]
        better = value > best  # strictly: an earlier slice keeps its equal score
        best[better] = value[better]
        where[better] = top[better] + start
    return best, where


def _similar_earlier(new: list[str], check_cancel: Callable[[], None]) -> tuple[Any, Any]:
    """For each of ``new`` (distinct names), the most similar of the names before it in the
    list: scores and positions as in _most_similar."""
    best = numpy.zeros(len(new), dtype=numpy.float32)
    where = numpy.full(len(new), _NO_MATCH, dtype=numpy.int64)
    step = max(_NAME_CELLS // max(len(new), 1), 1)
    for start in range(1, len(new), step):
        check_cancel()
        stop = min(start + step, len(new))
        # Rows start..stop-1 against the names before stop; the cells on or above the
        # diagonal (a name against itself or a later one) are blanked.
        scores = rf_process.cdist(
            new[start:stop],
            new[:stop],
            scorer=fuzz.ratio,
            score_cutoff=_NAME_CUTOFF,
            dtype=numpy.float32,
            workers=-1,
        )
        scores[numpy.triu_indices(stop - start, k=start, m=stop)] = 0
        top = scores.argmax(axis=1)
        value = scores[numpy.arange(stop - start), top]
        found = value > 0
        best[start:stop][found] = value[found]
        where[start:stop][found] = top[found]
    return best, where


_REASON_NIK = "NIK sama"
_REASON_PHONE = "nomor HP sama"
_REASON_NAME = "nama usaha sangat mirip di kabupaten/kota yang sama"
_LOOKUP_BATCH = 500  # values per IN (...) list: within every database's limit


def _number_key(value: str, phone: bool = False) -> int | str:
    """A NIK ("6271...") or phone ("+62812...") as a number (a phone's negative, so the two
    never meet); the text itself when it is not plain digits."""
    digits = value.removeprefix("+")
    if digits.isascii() and digits.isdigit() and digits[0] != "0" and len(digits) <= 18:
        return -int(digits) if phone else int(digits)
    return ("+" if phone else "") + value


class _EarlierNumbers:
    """The NIKs and phones of the rows checked so far, each with the first row that had
    it: sorted numpy arrays for the earlier batches (16 bytes a number, where a dictionary
    takes some 80) and a dictionary for the batch being checked."""

    def __init__(self) -> None:
        self._keys = numpy.empty(0, dtype=numpy.int64)
        self._rows = numpy.empty(0, dtype=numpy.int64)
        self._texts: dict[str, int] = {}  # numbers that are not plain digits (rare)
        self._batch: dict[int, int] = {}
        self._before: dict[int | str, int] = {}

    def start_batch(self, keys: Iterable[int | str]) -> None:
        """Look up, at once, the numbers of the next batch among the earlier batches."""
        wanted = numpy.fromiter((k for k in set(keys) if type(k) is int), dtype=numpy.int64)
        at = numpy.searchsorted(self._keys, wanted)
        inside = at < len(self._keys)
        hit = numpy.zeros(len(wanted), dtype=bool)
        hit[inside] = self._keys[at[inside]] == wanted[inside]
        self._before = dict(zip(wanted[hit].tolist(), self._rows[at[hit]].tolist(), strict=True))

    def get(self, key: int | str) -> int | None:
        if type(key) is str:
            return self._texts.get(key)
        found = self._before.get(key)
        return found if found is not None else self._batch.get(key)

    def add(self, key: int | str, row: int) -> None:
        if type(key) is str:
            self._texts.setdefault(key, row)
        elif key not in self._before:
            self._batch.setdefault(key, row)

    def end_batch(self) -> None:
        if self._batch:
            keys = numpy.fromiter(self._batch.keys(), dtype=numpy.int64, count=len(self._batch))
            rows = numpy.fromiter(self._batch.values(), dtype=numpy.int64, count=len(keys))
            order = numpy.argsort(keys)
            keys, rows = keys[order], rows[order]
            at = numpy.searchsorted(self._keys, keys)
            self._keys = numpy.insert(self._keys, at, keys)
            self._rows = numpy.insert(self._rows, at, rows)
        self._batch = {}
        self._before = {}


class _DuplicateFinder:
    """Possible duplicates of the planned rows, against the store and the earlier rows.

    In order of strength: the same NIK, the same phone (phone or WhatsApp on either side),
    a very similar business name in the same kabupaten/kota (or both without one); for
    each, a store client before an earlier row, and among equally similar names the
    earliest. NIKs and phones of the store are looked up in SQL on their indexes, for a
    batch of rows at a time (WhatsApp numbers that differ from the phone, a column without
    an index, are read once); the store's business names are read once (id, name and
    kabupaten only) into name blocks by kabupaten. The rows' own NIKs, phones and names go
    into dictionaries and blocks of their own as they pass. Each distinct name of the file
    is compared once: its entry remembers the store client it resembles.
    """

    def __init__(self, session: Session):
        self.session = session
        conn = session.connection()
        self._store_names: dict[Any, _NameBlock] = collections.defaultdict(_NameBlock)
        stmt = select(Client.id, Client.business_name, Client.kabupaten_code).order_by(Client.id)
        for rows in conn.execute(stmt.execution_options(yield_per=5000)).partitions():
            for cid, name, kab in rows:
                key = _normal_name(name)
                if key:
                    self._store_names[kab].add(key, cid)
        self._whatsapp: dict[str, int] = {}
        stmt = (
            select(Client.id, Client.whatsapp)
            .where(Client.whatsapp.is_not(None), Client.whatsapp != "")
            .where(Client.phone.is_(None) | (Client.phone != Client.whatsapp))
            .order_by(Client.id)
        )
        for cid, number in conn.execute(stmt):
            self._whatsapp.setdefault(number, cid)
        self._file_names: dict[Any, _NameBlock] = collections.defaultdict(_NameBlock)
        # Per kabupaten, per entry of _file_names: the store client the name resembles, or
        # None; and the earlier row with the most similar other name, or None.
        self._resembles: dict[Any, list[int | None]] = collections.defaultdict(list)
        self._like_earlier: dict[Any, list[int | None]] = collections.defaultdict(list)
        self._earlier_numbers = _EarlierNumbers()
        self._client_names: dict[int, str] = {}

    def _lookup(self, column: Any, values: set[str]) -> dict[str, int]:
        """Store clients by an indexed column's value (the lowest id for each value)."""
        found: dict[str, int] = {}
        ordered = sorted(values)
        conn = self.session.connection()
        for start in range(0, len(ordered), _LOOKUP_BATCH):
            part = ordered[start : start + _LOOKUP_BATCH]
            for cid, value in conn.execute(select(Client.id, column).where(column.in_(part))):
                if value not in found or cid < found[value]:
                    found[value] = cid
        return found

    def _add_names(
        self, rows: list[PlannedRow], keys: list[str], check_cancel: Callable[[], None]
    ) -> None:
        """Enter the names these rows bring first, with the store client and the earlier
        row each one resembles most."""
        new: dict[Any, dict[str, int]] = collections.defaultdict(dict)  # kab -> key -> row
        for row, key in zip(rows, keys, strict=True):
            kab = row.client.get("kabupaten_code")
            if key and key not in self._file_names[kab].index:
                new[kab].setdefault(key, row.row)
        for kab, first_rows in new.items():
            names = list(first_rows)
            store = self._store_names.get(kab)
            resembles: list[int | None] = []
            unknown = []
            for key in names:
                entry = store.index.get(key) if store is not None else None
                resembles.append(store.refs[entry] if entry is not None else None)
                if entry is None:
                    unknown.append(len(resembles) - 1)
            if store is not None and unknown:
                _, where = _most_similar([names[i] for i in unknown], store.keys, check_cancel)
                for i, entry in zip(unknown, where.tolist(), strict=True):
                    if entry != _NO_MATCH:
                        resembles[i] = store.refs[entry]
            block = self._file_names[kab]
            before, before_at = _most_similar(names, block.keys, check_cancel)
            among, among_at = _similar_earlier(names, check_cancel)
            refs = block.refs
            like: list[int | None] = []
            for b, b_at, a, a_at in zip(
                before.tolist(), before_at.tolist(), among.tolist(), among_at.tolist(), strict=True
            ):
                if b_at != _NO_MATCH and b >= a:  # the earlier batches win a tie
                    like.append(refs[b_at])
                elif a_at != _NO_MATCH:
                    like.append(first_rows[names[a_at]])
                else:
                    like.append(None)
            for key in names:
                block.add(key, first_rows[key])
            self._resembles[kab].extend(resembles)
            self._like_earlier[kab].extend(like)

    def check(self, rows: list[PlannedRow], check_cancel: Callable[[], None]) -> None:
        """Mark the duplicates among ``rows`` (the next rows of the file, in order)."""
        if not rows:
            return
        clients = [r.client for r in rows]
        keys = [_normal_name(c["business_name"]) for c in clients]
        self._add_names(rows, keys, check_cancel)
        niks = {c["nik"] for c in clients if c.get("nik")}
        phones = {p for c in clients for p in (c.get("phone"), c.get("whatsapp")) if p}
        store_nik = self._lookup(Client.nik, niks)
        store_phone = self._lookup(Client.phone, phones)
        for number in phones:
            cid = self._whatsapp.get(number)
            if cid is not None and (number not in store_phone or cid < store_phone[number]):
                store_phone[number] = cid
        earlier_numbers = self._earlier_numbers
        earlier_numbers.start_batch(
            itertools.chain(
                (_number_key(n) for n in niks), (_number_key(p, phone=True) for p in phones)
            )
        )
        for i, (row, client, key) in enumerate(zip(rows, clients, keys, strict=True)):
            if i % 100 == 0:
                check_cancel()
            nik = client.get("nik")
            phones_of_row = [p for p in (client.get("phone"), client.get("whatsapp")) if p]
            found: tuple[str, int | None, int | None] | None = None
            if nik and nik in store_nik:
                found = (_REASON_NIK, store_nik[nik], None)
            elif nik and (earlier := earlier_numbers.get(_number_key(nik))) is not None:
                found = (_REASON_NIK, None, earlier)
            else:
                cid = next((store_phone[p] for p in phones_of_row if p in store_phone), None)
                if cid is not None:
                    found = (_REASON_PHONE, cid, None)
                else:
                    earlier = next(
                        (
                            row_number
                            for p in phones_of_row
                            if (row_number := earlier_numbers.get(_number_key(p, phone=True)))
                            is not None
                        ),
                        None,
                    )
                    if earlier is not None:
                        found = (_REASON_PHONE, None, earlier)
            if found is None and key:
                kab = client.get("kabupaten_code")
                block = self._file_names[kab]
                entry = block.index[key]
                cid = self._resembles[kab][entry]
                if cid is not None:
                    found = (_REASON_NAME, cid, None)
                elif block.refs[entry] != row.row:  # an earlier row had this very name
                    found = (_REASON_NAME, None, block.refs[entry])
                elif self._like_earlier[kab][entry] is not None:
                    found = (_REASON_NAME, None, self._like_earlier[kab][entry])
            if found is not None:
                reason, cid, earlier = found
                row.duplicate = Duplicate(
                    row=row.row,
                    reason=reason,
                    client_id=cid,
                    earlier_row=earlier,
                    same_nik=reason == _REASON_NIK,
                )
            if nik:
                earlier_numbers.add(_number_key(nik), row.row)
            for phone in phones_of_row:
                earlier_numbers.add(_number_key(phone, phone=True), row.row)
        earlier_numbers.end_batch()
        self._name_store_clients(rows)

    def _name_store_clients(self, rows: list[PlannedRow]) -> None:
        """The business names the report shows for the store clients found."""
        dups = [r.duplicate for r in rows if r.duplicate and r.duplicate.client_id is not None]
        wanted = sorted({d.client_id for d in dups} - set(self._client_names))
        conn = self.session.connection()
        for start in range(0, len(wanted), _LOOKUP_BATCH):
            part = wanted[start : start + _LOOKUP_BATCH]
            stmt = select(Client.id, Client.business_name, Client.archived_at).where(
                Client.id.in_(part)
            )
            for cid, name, archived in conn.execute(stmt):
                # Archived clients count too: their NIK is taken, and they may be restored.
                label = name + (" (diarsipkan)" if archived is not None else "")
                self._client_names[cid] = label
        for dup in dups:
            dup.client_name = self._client_names.get(dup.client_id)


class ImportInputError(KnownError):
    """What the user gave the import by hand (a column mapping, a decision for a row) names
    nothing it can use: bad input, said with what there is to choose from."""


def parse_mapping_overrides(items: Iterable[str]) -> dict[str, str | None]:
    """``KOLOM=field`` texts (the command line's ``--map``): the field as its key
    (``registered_on``) or its label ("Tanggal daftar"); empty or ``-``: not imported."""
    by_name = {_norm_header(label): field for field, label in IMPORT_FIELDS.items()}
    by_name.update({_norm_header(field): field for field in IMPORT_FIELDS})
    out: dict[str, str | None] = {}
    for item in items:
        header, sep, target = str(item).partition("=")
        header, target = header.strip(), target.strip()
        if not sep or not header:
            raise ImportInputError(
                f'--map {item!r}: tulis KOLOM=field, mis. "Tanggal Bergabung=registered_on".'
            )
        if target in ("", "-"):
            out[header] = None
            continue
        field = by_name.get(_norm_header(target))
        if field is None:
            known = ", ".join(IMPORT_FIELDS)
            raise ImportInputError(
                f"--map {item!r}: bidang {target!r} tidak dikenal. Pilihan: {known}."
            )
        out[header] = field
    return out


def _resolve_mapping(
    headers: list[str],
    mapping: dict[str, str | None] | str | Path | None,
    overrides: dict[str, str | None] | None = None,
) -> dict[str, str | None]:
    if isinstance(mapping, (str, Path)):
        mapping = load_mapping(mapping)
    if mapping is None:
        mapping = load_mapping(headers=headers) or {}
    if overrides:
        by_header = {_norm_header(h): h for h in headers}
        unknown = [h for h in overrides if _norm_header(h) not in by_header]
        if unknown:
            raise ImportInputError(
                f"Kolom {', '.join(map(repr, unknown))} tidak ada di berkas. "
                f"Kolomnya: {', '.join(map(repr, headers))}."
            )
        mapping = {**mapping, **{by_header[_norm_header(h)]: f for h, f in overrides.items()}}
        # A field given to a column here is taken from the column it was guessed for.
        chosen = {f for f in overrides.values() if f}
        guessed = guess_mapping(headers)
        for header in headers:
            if header not in mapping and guessed.get(header) in chosen:
                mapping[header] = None
    guessed = guess_mapping(headers)
    given = {h: mapping[h] for h in headers if h in mapping}
    taken = {f for f in given.values() if f}
    for header in headers:
        if header not in given:
            field = guessed.get(header)
            given[header] = field if field not in taken else None
    return _check_mapping(given)


class ImportCancelled(KnownError):
    """The user stopped the check or the import; nothing was written."""

    def __init__(self, message: str = "Pemeriksaan dibatalkan; tidak ada yang disimpan."):
        super().__init__(message)


_ROWS_PER_BATCH = 1000  # planned rows searched for duplicates together
_PROGRESS_EVERY = 500
_CANCEL_EVERY = 50


class _Layout:
    """What the mapping says about every row: the columns read, the headers for messages."""

    def __init__(self, headers: list[str], mapping: dict[str, str | None]):
        self.cells = [(i, h, mapping[h]) for i, h in enumerate(headers) if mapping.get(h)]
        columns = {field: header for _, header, field in self.cells}
        if "workers" in columns:
            columns.setdefault("workers_permanent_male", columns["workers"])
        if "registered_on" in columns:
            columns.setdefault("recorded_on", columns["registered_on"])
        if "omzet_monthly" in columns:
            columns.setdefault("omzet", columns["omzet_monthly"])
        self.columns = columns  # shared by every planned row

    def column_of(self, field: str) -> str:
        return self.columns.get(field, IMPORT_FIELDS.get(field, FIELD_LABELS.get(field, field)))


def plan_import(
    *,
    store: Store,
    path: str | Path,
    mapping: dict[str, str | None] | str | Path | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    overrides: dict[str, str | None] | None = None,
) -> ImportPlan:
    """Read and check every row; nothing is written. See the module's docstring.

    The sheet is read row by row. ``progress(done, total)`` is called every few hundred rows
    with the rows read so far and the rows the file seems to hold (0 while not known);
    ``cancelled()`` is asked as often, and when it answers True the check stops and raises
    ``ImportCancelled``. ``overrides`` ({header: field or None}) change the mapping for
    some columns (``parse_mapping_overrides``).
    """
    today = today or date.today()

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled()

    check_cancel()
    with SheetReader(path) as sheet:
        resolved = _resolve_mapping(sheet.headers, mapping, overrides)
        if "business_name" not in resolved.values():
            raise KnownError(
                "Tidak ada kolom untuk Nama usaha. Pilih kolom mana yang berisi nama usaha."
            )
        plan = ImportPlan(
            path=str(path),
            headers=sheet.headers,
            mapping=resolved,
            rows=[],
            rejected=[],
            empty_rows=0,
            today=today,
        )
        layout = _Layout(sheet.headers, resolved)
        estimated = sheet.estimated_rows

        def report(done: int) -> None:
            if progress is not None:
                progress(done, estimated if estimated >= done else 0)

        report(0)
        with store.session() as db:
            kabs = client_service.KabupatenResolver(db)
            finder = _DuplicateFinder(db)
            batch: list[PlannedRow] = []
            done = 0
            filled = [0] * len(sheet.headers)
            width = len(filled)
            for number, values in sheet:
                done += 1
                if done % _CANCEL_EVERY == 0:
                    check_cancel()
                    if done % _PROGRESS_EVERY == 0:
                        report(done)
                used = [i for i, v in enumerate(values) if i < width and not _blank(v)]
                if not used:
                    plan.empty_rows += 1
                    continue
                for i in used:
                    filled[i] += 1
                checked = _check_row(db, kabs, layout, number, values, today)
                if isinstance(checked, list):
                    plan.rejected.extend(checked)
                    continue
                batch.append(checked)
                if len(batch) >= _ROWS_PER_BATCH:
                    finder.check(batch, check_cancel)
                    plan.rows.extend(batch)
                    batch = []
            finder.check(batch, check_cancel)
            plan.rows.extend(batch)
            check_cancel()
            db.rollback()
        plan.columns = [
            ColumnUse(header, resolved.get(header), filled[i])
            for i, header in enumerate(sheet.headers)
        ]
        if progress is not None:
            progress(done, done)
    return plan


def _check_row(
    session: Session,
    kabs: client_service.KabupatenResolver,
    layout: _Layout,
    number: int,
    values: Sequence[Any],
    today: date,
) -> PlannedRow | list[Rejected]:
    raw: dict[str, Any] = {}
    problems: list[Rejected] = []
    width = len(values)
    for i, header, field in layout.cells:
        value = values[i] if i < width else None
        if _blank(value):
            continue
        try:
            raw[field] = _prepare(field, value)
        except InvalidValue as exc:
            problems.append(Rejected(number, header, str(exc)))

    column_of = layout.column_of
    columns = layout.columns
    client_data = {f: raw[f] for f in CLIENT_FIELDS if f in raw}
    client_data.setdefault("business_name", "")
    if "kabupaten_code" in client_data:
        code = kabs.resolve(client_data["kabupaten_code"])
        if code is not None:
            client_data["kabupaten_code"] = code
    if "registered_on" not in client_data and not any(
        p.column == columns.get("registered_on") for p in problems
    ):
        client_data["registered_on"] = today
    nik_value = client_data.pop("nik", None)
    cleaned: dict[str, Any] = {}
    try:
        cleaned = client_service.clean_client(session=session, data=client_data, creating=True)
    except ValidationError as exc:
        problems.extend(Rejected(number, column_of(e.field), e.message) for e in exc.errors)
    if nik_value is not None:
        try:
            nik = normalize_nik(nik_value)
        except InvalidValue as exc:
            problems.append(Rejected(number, column_of("nik"), str(exc)))
        else:
            cleaned["nik"] = nik
            if not client_data.get("gender"):
                cleaned["gender"] = nik_gender(nik)
            if not client_data.get("birth_date"):
                with contextlib.suppress(InvalidValue):
                    cleaned["birth_date"] = nik_birth_date(nik)

    size: dict[str, Any] | None = None
    size_data = {f: raw[f] for f in SIZE_FIELDS if f in raw}
    said: list[str] = []  # how the record's figures were derived, in its source
    monthly = size_data.pop("omzet_monthly", None)
    if monthly is not None and "omzet" not in size_data:  # a yearly figure wins
        try:
            per_month = monthly if isinstance(monthly, int) else parse_money(str(monthly))
        except InvalidValue as exc:
            problems.append(Rejected(number, column_of("omzet_monthly"), str(exc)))
        else:
            size_data["omzet"] = per_month * 12
            said.append("omzet per bulan × 12")
    if any(f != "recorded_on" for f in size_data):
        if "workers" in size_data:
            size_data["workers_permanent_male"] = size_data.pop("workers")
            said.insert(0, "jumlah pekerja tanpa rincian")
        size_data["source"] = f"impor ({'; '.join(said)})" if said else "impor"
        size_data.setdefault("recorded_on", raw.get("registered_on") or today)
        try:
            size = client_service.clean_size(data=size_data, creating=True)
            if size["recorded_on"] and size["recorded_on"] > max(today, date.today()):
                problems.append(
                    Rejected(
                        number, column_of("recorded_on"), "Tanggal data tidak boleh di masa depan."
                    )
                )
        except ValidationError as exc:
            problems.extend(Rejected(number, column_of(e.field), e.message) for e in exc.errors)

    licences: list[dict[str, Any]] = []
    for field, kind in LICENCE_FIELDS.items():
        if field not in raw:
            continue
        text = str(raw[field]).strip()
        word = _norm_header(text)
        if word in _NO:
            continue
        if word in _IN_PROCESS:
            data = {"kind": kind, "status": "in_process"}
        elif word in _YES:
            problems.append(
                Rejected(
                    number,
                    columns[field],
                    f"{IMPORT_FIELDS[field]}: tulis nomornya, bukan {text!r}; "
                    "kosongkan bila nomornya belum diketahui.",
                )
            )
            continue
        else:
            data = {"kind": kind, "number": text, "status": "obtained"}
        try:
            licences.append(client_service.clean_licence(data=data))
        except ValidationError as exc:
            problems.extend(Rejected(number, columns[field], e.message) for e in exc.errors)
    if problems:
        # One cell can fail two fields (the registration date is also the data's date).
        return list(dict.fromkeys(problems))
    return PlannedRow(row=number, client=cleaned, size=size, licences=licences, columns=columns)


# --- running it ------------------------------------------------------------------------------

_EMPTY_DEFAULTS = {
    name: ("" if info.default == "" else None)
    for name, info in Client.model_fields.items()
    if name in CLIENT_FIELDS
}
_NEVER_MERGED = {"legal_form", "registered_on"}


def _check_decisions(plan: ImportPlan, decisions: dict[int, str]) -> dict[int, str]:
    rows = {r.row for r in plan.rows}
    out: dict[int, str] = {}
    for row, decision in decisions.items():
        if int(row) not in rows:
            raise ImportInputError(f"Baris {row} tidak ada di antara baris yang bisa diimpor.")
        if decision not in DECISIONS:
            raise ImportInputError(
                f"Baris {row}: pilihan {decision!r} tidak dikenal; pakai skip, merge, atau create."
            )
        out[int(row)] = decision
    return out


def run_import(
    *,
    store: Store,
    plan: ImportPlan,
    decisions: dict[int, str] | None = None,
    actor: str | None = None,
) -> ImportResult:
    """Write the plan's valid rows in one transaction; any failure writes nothing."""
    chosen = _check_decisions(plan, decisions or {})
    result = ImportResult(
        batch_id=datetime.now(UTC).strftime("%Y%m%d%H%M%S") + "-" + secrets.token_hex(3),
        rejected=list(plan.rejected),
        empty_rows=plan.empty_rows,
        warnings=unused_columns_warning(plan.unused_columns),
    )
    batch: dict[str, Any] = {
        "batch_id": result.batch_id,
        "file": Path(plan.path).name,
        "actor": actor,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "created": [],
        "merged": [],
    }
    target_of_row: dict[int, int | None] = {}
    with store.session() as db:
        for row in plan.rows:
            dup = row.duplicate
            decision = chosen.get(row.row, "skip") if dup else "create"
            if dup:
                dup = dataclasses.replace(dup, decision=decision)
                result.duplicates.append(dup)
            try:
                if decision == "skip":
                    result.skipped += 1
                    target_of_row[row.row] = dup.client_id if dup else None
                elif decision == "create":
                    if dup and dup.same_nik:
                        raise KnownError(
                            f"Baris {row.row}: NIK-nya sama dengan {dup.other()}; "
                            "klien dengan NIK yang sama tidak bisa dibuat dua kali. "
                            "Pilih lewati atau gabungkan."
                        )
                    entry = _create(db, row)
                    batch["created"].append(entry)
                    result.imported += 1
                    result.client_ids.append(entry["client_id"])
                    target_of_row[row.row] = entry["client_id"]
                else:
                    target = (
                        dup.client_id
                        if dup.client_id is not None
                        else target_of_row.get(dup.earlier_row)
                    )
                    if target is None:
                        raise KnownError(
                            f"Baris {row.row}: baris {dup.earlier_row} yang mau digabungkan "
                            "dilewati, jadi tidak ada klien untuk digabungkan."
                        )
                    entry = _merge(db, row, target)
                    batch["merged"].append(entry)
                    result.merged += 1
                    target_of_row[row.row] = target
            except ValidationError as exc:
                reasons = "; ".join(
                    f"kolom {_column(row, e.field)!r}: {e.message}" for e in exc.errors
                )
                raise KnownError(
                    f"Baris {row.row} gagal disimpan ({reasons}). Tidak ada yang disimpan."
                ) from exc
        if batch["created"] or batch["merged"]:
            db.add(
                ImportBatch(
                    batch_id=result.batch_id,
                    file_name=batch["file"][:260],
                    consultant_id=actor_id(db),
                    content=json.dumps(batch, ensure_ascii=False),
                )
            )
    with contextlib.suppress(OSError, ValidationError):
        save_mapping(None, plan.mapping)
    return result


def _column(row: PlannedRow, field: str) -> str:
    return row.columns.get(field, FIELD_LABELS.get(field, field))


def _add_extras(db: Session, row: PlannedRow, client_id: int) -> tuple[list[int], list[int]]:
    sizes: list[int] = []
    licences: list[int] = []
    if row.size:
        sizes.append(client_service.add_size_record(session=db, client_id=client_id, **row.size).id)
    for licence in row.licences:
        licences.append(client_service.add_licence(session=db, client_id=client_id, **licence).id)
    return sizes, licences


def _create(db: Session, row: PlannedRow) -> dict[str, Any]:
    client = client_service.create_client(session=db, **row.client)
    sizes, licences = _add_extras(db, row, client.id)
    return {"row": row.row, "client_id": client.id, "size_records": sizes, "licences": licences}


def _merge(db: Session, row: PlannedRow, client_id: int) -> dict[str, Any]:
    client = client_service.get_client(session=db, client_id=client_id)
    fills = {
        field: value
        for field, value in row.client.items()
        if field not in _NEVER_MERGED
        and value not in (None, "")
        and getattr(client, field, None) in (None, "")
    }
    if fills:
        client_service.update_client(session=db, client_id=client_id, **fills)
    sizes, licences = _add_extras(db, row, client_id)
    return {
        "row": row.row,
        "client_id": client_id,
        "fields": {k: _jsonable(v) for k, v in fills.items()},
        "size_records": sizes,
        "licences": licences,
    }


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


# --- undo -----------------------------------------------------------------------------------


def undo_last_import(*, store: Store) -> ImportResult | None:
    """Undo the last import (see the module's docstring); None when there is nothing to undo."""
    with store.session() as db:
        last = db.exec(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
        if last is None or last.undone_at is not None:
            return None
        batch = json.loads(last.content)
        result = ImportResult(batch_id=last.batch_id, undone=True)
        created = batch.get("created", [])
        created_ids = [e["client_id"] for e in created]
        if created_ids:
            blocked = set(db.exec(select(Case.client_id).where(Case.client_id.in_(created_ids))))
            blocked |= set(
                db.exec(select(Outcome.client_id).where(Outcome.client_id.in_(created_ids)))
            )
            entries = created + batch.get("merged", [])
            ours_sizes = {i for e in entries for i in e["size_records"]}
            ours_licences = {i for e in entries for i in e["licences"]}
            for record in db.exec(select(SizeRecord).where(SizeRecord.client_id.in_(created_ids))):
                if record.id not in ours_sizes or record.superseded_by_id is not None:
                    blocked.add(record.client_id)
            for licence in db.exec(select(Licence).where(Licence.client_id.in_(created_ids))):
                if licence.id not in ours_licences:
                    blocked.add(licence.client_id)
            if blocked:
                names = ", ".join(
                    f"#{c.id} {c.business_name}"
                    for c in db.exec(select(Client).where(Client.id.in_(sorted(blocked))))
                )
                raise KnownError(
                    "Impor terakhir tidak bisa dibatalkan: klien berikut sudah punya kasus, "
                    f"sesi, hasil, atau data baru sejak diimpor: {names}. Arsipkan klien itu "
                    "satu per satu bila memang salah impor."
                )
        for entry in batch.get("merged", []):
            for record_id in entry["size_records"]:
                record = db.get(SizeRecord, record_id)
                if record is not None and record.superseded_by_id is not None:
                    raise KnownError(
                        "Impor terakhir tidak bisa dibatalkan: data usaha klien "
                        f"#{entry['client_id']} "
                        "yang ditambahkan impor sudah dikoreksi sejak itu."
                    )
        for entry in batch.get("merged", []):
            client = db.get(Client, entry["client_id"])
            if client is not None:
                for field, value in entry["fields"].items():
                    if _jsonable(getattr(client, field, None)) == value:
                        setattr(client, field, _EMPTY_DEFAULTS.get(field))
                client.search_text = client_service.build_search_text(client)
                db.add(client)
            _delete_rows(db, entry)
            result.merged += 1
        for entry in created:
            _delete_rows(db, entry)
        db.flush()
        for client_id in created_ids:
            client = db.get(Client, client_id)
            if client is not None:
                db.delete(client)
                result.imported += 1
        result.client_ids = created_ids
        last.undone_at = utcnow()
        db.add(last)
    return result


def _delete_rows(db: Session, entry: dict[str, Any]) -> None:
    for record_id in entry["size_records"]:
        record = db.get(SizeRecord, record_id)
        if record is not None:
            db.delete(record)
    for licence_id in entry["licences"]:
        licence = db.get(Licence, licence_id)
        if licence is not None:
            db.delete(licence)


def count_clients(store: Store) -> int:
    with store.session() as db:
        return int(db.execute(select(func.count()).select_from(Client)).scalar_one())


# --- summary -------------------------------------------------------------------------------


def unused_columns_warning(columns: list[ColumnUse]) -> list[str]:
    """The warning for columns with data that are not imported (empty list: none)."""
    if not columns:
        return []
    names = ", ".join(f"{c.header!r} ({_count(c.filled)} baris)" for c in columns)
    return [
        f"PERHATIAN: kolom {names} berisi data tetapi tidak diimpor; datanya tidak masuk ke "
        'Klinik. Petakan kolomnya (jendela: kolom "Diisi ke"; baris perintah: '
        '--map "KOLOM=field" atau --mapping FILE.json), atau biarkan bila memang tidak perlu.'
    ]


def columns_text(plan: ImportPlan) -> str:
    """Every column of the sheet and the field it fills, for the command line's check."""
    return "\n".join(["Kolom berkas → diisi ke:", *(f"  {c.describe()}" for c in plan.columns)])


def summary_text(report: ImportPlan | ImportResult) -> str:
    """A summary in Indonesian for the command line, one line per rejected row after it."""
    if isinstance(report, ImportResult) and report.undone:
        return (
            f"Impor {report.batch_id} dibatalkan: {report.imported} klien dihapus, "
            f"{report.merged} penggabungan dikembalikan."
        )
    if isinstance(report, ImportPlan):
        dups = report.duplicates
        ready = len(report.rows) - len(dups)
        head = [
            f"{ready} siap diimpor (uji coba, belum ada yang disimpan)",
            f"{len(report.rejected_rows)} ditolak",
            f"{len(dups)} kemungkinan duplikat akan dilewati",
        ]
        empty = report.empty_rows
        rejected = report.rejected
        dup_lines = [d.describe() for d in dups]
    else:
        rejected_rows = {r.row for r in report.rejected}
        skipped = [d for d in report.duplicates if d.decision == "skip"]
        head = [f"{report.imported} diimpor"]
        if report.merged:
            head.append(f"{report.merged} digabungkan")
        head += [f"{len(rejected_rows)} ditolak", f"{len(skipped)} kemungkinan duplikat dilewati"]
        empty = report.empty_rows
        rejected = report.rejected
        verbs = {"skip": "dilewati", "merge": "digabungkan", "create": "tetap dibuat"}
        dup_lines = [f"{d.describe()}: {verbs[d.decision]}" for d in report.duplicates]
    head.append(f"{empty} baris kosong dilewati")
    lines = [", ".join(head)]
    if isinstance(report, ImportPlan):
        lines += unused_columns_warning(report.unused_columns)
    lines += [f"Baris {r.row}, kolom {r.column!r}: {r.reason}" for r in rejected]
    lines += dup_lines
    if isinstance(report, ImportResult):
        lines += report.warnings
    return "\n".join(lines)
