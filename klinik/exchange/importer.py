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
import contextlib
import csv
import dataclasses
import difflib
import io
import json
import logging
import re
import secrets
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from klinik import paths
from klinik.db.audit import actor_id
from klinik.db.engine import Store
from klinik.db.models import (
    Case,
    Client,
    ImportBatch,
    Kabupaten,
    Licence,
    Outcome,
    SizeRecord,
    utcnow,
)
from klinik.domain.identifiers import nik_birth_date, nik_gender, normalize_nik
from klinik.errors import FieldError, InvalidValue, KnownError, ValidationError
from klinik.exchange.export import clean_text
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
    "nik": ("nik", "no ktp", "nomor ktp", "ktp", "nik ktp", "nik pemilik", "id number"),
    "gender": ("jenis kelamin", "jk", "l p", "kelamin", "gender", "sex"),
    "birth_date": ("tanggal lahir", "tgl lahir", "date of birth", "birth date"),
    "education": ("pendidikan", "pendidikan terakhir", "education"),
    "phone": (
        "no hp", "nomor hp", "hp", "no hp wa", "hp wa", "no telp", "no telepon", "telepon",
        "telp", "nomor telepon", "no hp whatsapp", "kontak", "phone", "phone number", "mobile",
        "handphone", "no handphone",
    ),
    "whatsapp": ("whatsapp", "wa", "no wa", "nomor wa", "no whatsapp", "nomor whatsapp"),
    "email": ("email", "e mail", "alamat email", "surel"),
    "address": ("alamat", "alamat usaha", "alamat lengkap", "address", "jalan"),
    "kabupaten_code": (
        "kab kota", "kabupaten kota", "kabupaten", "kota", "kab", "kota kabupaten", "district",
        "regency", "kode kabupaten",
    ),
    "kecamatan": ("kecamatan", "kec", "subdistrict"),
    "kelurahan": ("kelurahan", "desa", "desa kelurahan", "kelurahan desa", "kel", "village"),
    "sector": ("sektor", "sektor usaha", "bidang usaha", "jenis usaha", "sector"),
    "kbli": ("kbli", "kode kbli"),
    "products": ("produk", "produk utama", "jenis produk", "nama produk", "products", "product"),
    "legal_form": ("bentuk usaha", "badan usaha", "bentuk badan usaha", "legal form"),
    "year_started": ("tahun mulai", "tahun berdiri", "tahun mulai usaha", "year started"),
    "registered_on": (
        "tanggal daftar", "tgl daftar", "tanggal terdaftar", "tanggal registrasi",
        "tanggal pendaftaran", "registered", "registration date", "date registered",
    ),
    "nib": ("nib", "no nib", "nomor induk berusaha"),
    "npwp": ("npwp", "no npwp", "tax id"),
    "association": ("asosiasi", "komunitas", "asosiasi komunitas", "association"),
    "notes": ("catatan", "keterangan", "ket", "notes", "remarks"),
    "recorded_on": ("tanggal data", "tgl data", "tanggal pendataan", "data date"),
    "omzet": (
        "omzet", "omset", "omzet per tahun", "omset per tahun", "omzet tahunan",
        "hasil penjualan tahunan", "penjualan per tahun", "revenue", "annual revenue", "turnover",
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
_KAB_ALIASES = {
    "kobar": "6201", "kotim": "6202", "barsel": "6204", "barut": "6205", "bartim": "6212",
    "mura": "6213", "gumas": "6211", "pulpis": "6210", "pky": "6271", "palangkaraya": "6271",
}  # fmt: skip
_KAB_WORDS = {"kab", "kabupaten", "kota", "kotamadya", "kodya", "kot"}


def _norm_header(text: Any) -> str:
    """A header made comparable: lower case, accents and punctuation gone, single spaces."""
    raw = unicodedata.normalize("NFKD", str(text or "")).lower()
    raw = "".join(ch for ch in raw if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z0-9]+", raw))


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


def guess_mapping(headers: Iterable[Any]) -> dict[str, str | None]:
    """The probable target field of each header (None: not imported). Each field once."""
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        field = _guess_one(header)
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


@dataclasses.dataclass
class Sheet:
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]]  # (row number as the user sees it, values)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _raw_rows_xlsx(path: Path) -> Iterator[tuple[int, list[Any]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
        raise KnownError(f"Berkas {path.name} tidak bisa dibuka sebagai XLSX: {exc}") from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # stored dimensions are often wrong in files from other tools
        for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            yield number, list(values)
    finally:
        workbook.close()


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _raw_rows_csv(path: Path) -> Iterator[tuple[int, list[Any]]]:
    text = _decode(path.read_bytes())
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = next((line for line in sample.splitlines() if line.strip()), "")
        delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, values in enumerate(reader, start=1):
        yield number, list(values)


def read_sheet(path: str | Path) -> Sheet:
    """The first sheet of an XLSX or a CSV file: its header row and the rows below it."""
    path = Path(path)
    if not path.exists():
        raise KnownError(f"Berkas {path} tidak ditemukan.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raw = _raw_rows_xlsx(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        raw = _raw_rows_csv(path)
    else:
        raise KnownError(
            f"Jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung; pakai XLSX atau CSV."
        )
    headers: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[Any]]] = []
    for number, values in raw:
        if headers is None:
            if all(_blank(v) for v in values):
                continue
            headers, header_row = _unique_headers(values), number
            continue
        rows.append((number, values))
    if headers is None:
        raise KnownError(f"Berkas {path.name} kosong: tidak ada baris judul kolom.")
    return Sheet(headers=headers, header_row=header_row, rows=rows)


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
_MONEY_FIELDS = {"omzet", "modal", "total_assets"}
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


def _kab_key(text: str) -> str:
    words = _norm_header(text).split()
    return "".join(w for w in words if w not in _KAB_WORDS)


class KabupatenResolver:
    """Kabupaten/kota codes from names in any spelling: spaces, case, "Kab."/"Kota" ignored."""

    def __init__(self, session: Session):
        self.keys: dict[str, str] = {}
        codes = set()
        for kab in session.exec(select(Kabupaten)):
            codes.add(kab.code)
            for name in (kab.name, kab.capital, kab.code):
                key = _kab_key(name)
                if key:
                    self.keys.setdefault(key, kab.code)
        for alias, code in _KAB_ALIASES.items():
            if code in codes:
                self.keys.setdefault(alias, code)

    def resolve(self, value: Any) -> str | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return self.keys.get(_kab_key(str(value)))


# --- the plan ---------------------------------------------------------------------------------


@dataclasses.dataclass
class Rejected:
    row: int
    column: str
    reason: str


@dataclasses.dataclass
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


@dataclasses.dataclass
class PlannedRow:
    row: int
    client: dict[str, Any]
    size: dict[str, Any] | None
    licences: list[dict[str, Any]]
    columns: dict[str, str]  # field -> header, for messages
    duplicate: Duplicate | None = None


@dataclasses.dataclass
class ImportPlan:
    path: str
    headers: list[str]
    mapping: dict[str, str | None]
    rows: list[PlannedRow]
    rejected: list[Rejected]
    empty_rows: int
    today: date

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


def _similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    matcher = difflib.SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= NAME_SIMILARITY
        and matcher.quick_ratio() >= NAME_SIMILARITY
        and matcher.ratio() >= NAME_SIMILARITY
    )


class _Index:
    """NIK, phones and business names by kabupaten, for duplicate search."""

    def __init__(self) -> None:
        self.nik: dict[str, Any] = {}
        self.phone: dict[str, Any] = {}
        self.names: dict[str | None, list[tuple[str, Any]]] = {}

    def add(self, ref: Any, *, nik: Any, phones: Iterable[Any], name: str, kab: Any) -> None:
        if nik:
            self.nik.setdefault(nik, ref)
        for phone in phones:
            if phone:
                self.phone.setdefault(phone, ref)
        self.names.setdefault(kab, []).append((_normal_name(name), ref))

    def find(self, *, nik: Any, phones: Iterable[Any], name: str, kab: Any) -> tuple[Any, str]:
        if nik and nik in self.nik:
            return self.nik[nik], "NIK sama"
        for phone in phones:
            if phone and phone in self.phone:
                return self.phone[phone], "nomor HP sama"
        key = _normal_name(name)
        for other, ref in self.names.get(kab, ()):
            if _similar(key, other):
                return ref, "nama usaha sangat mirip di kabupaten/kota yang sama"
        return None, ""


def _resolve_mapping(
    headers: list[str], mapping: dict[str, str | None] | str | Path | None
) -> dict[str, str | None]:
    if isinstance(mapping, (str, Path)):
        mapping = load_mapping(mapping)
    if mapping is None:
        mapping = load_mapping(headers=headers) or {}
    guessed = guess_mapping(headers)
    given = {h: mapping[h] for h in headers if h in mapping}
    taken = {f for f in given.values() if f}
    for header in headers:
        if header not in given:
            field = guessed.get(header)
            given[header] = field if field not in taken else None
    return _check_mapping(given)


def plan_import(
    *,
    store: Store,
    path: str | Path,
    mapping: dict[str, str | None] | str | Path | None = None,
    today: date | None = None,
) -> ImportPlan:
    """Read and check every row; nothing is written. See the module's docstring."""
    today = today or date.today()
    sheet = read_sheet(path)
    resolved = _resolve_mapping(sheet.headers, mapping)
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
    with store.session() as db:
        kabs = KabupatenResolver(db)
        existing = _Index()
        # Archived clients count too: their NIK is taken, and they may simply be restored.
        for c in db.exec(select(Client)):
            name = c.business_name + (" (diarsipkan)" if c.archived_at is not None else "")
            existing.add(
                (c.id, name),
                nik=c.nik,
                phones=(c.phone, c.whatsapp),
                name=c.business_name,
                kab=c.kabupaten_code,
            )
        in_file = _Index()
        for number, values in sheet.rows:
            if all(_blank(v) for v in values):
                plan.empty_rows += 1
                continue
            checked = _check_row(db, kabs, sheet.headers, resolved, number, values, today)
            if isinstance(checked, list):
                plan.rejected.extend(checked)
                continue
            row = checked
            key = {
                "nik": row.client.get("nik"),
                "phones": (row.client.get("phone"), row.client.get("whatsapp")),
                "name": row.client["business_name"],
                "kab": row.client.get("kabupaten_code"),
            }
            ref, reason = existing.find(**key)
            if ref is not None:
                row.duplicate = Duplicate(
                    row=number,
                    reason=reason,
                    client_id=ref[0],
                    client_name=ref[1],
                    same_nik=reason == "NIK sama",
                )
            else:
                ref, reason = in_file.find(**key)
                if ref is not None:
                    row.duplicate = Duplicate(
                        row=number, reason=reason, earlier_row=ref, same_nik=reason == "NIK sama"
                    )
            in_file.add(number, **key)
            plan.rows.append(row)
        db.rollback()
    return plan


def _check_row(
    session: Session,
    kabs: KabupatenResolver,
    headers: list[str],
    mapping: dict[str, str | None],
    number: int,
    values: list[Any],
    today: date,
) -> PlannedRow | list[Rejected]:
    columns: dict[str, str] = {}
    raw: dict[str, Any] = {}
    problems: list[Rejected] = []
    for i, header in enumerate(headers):
        field = mapping.get(header)
        if not field:
            continue
        columns[field] = header
        value = values[i] if i < len(values) else None
        if _blank(value):
            continue
        try:
            raw[field] = _prepare(field, value)
        except InvalidValue as exc:
            problems.append(Rejected(number, header, str(exc)))

    def column_of(field: str) -> str:
        return columns.get(field, IMPORT_FIELDS.get(field, FIELD_LABELS.get(field, field)))

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
        cleaned = client_service._clean_client(session, client_data, creating=True)
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
    if any(f != "recorded_on" for f in size_data):
        if "workers" in size_data:
            size_data["workers_permanent_male"] = size_data.pop("workers")
            size_data["source"] = "impor (jumlah pekerja tanpa rincian)"
            columns.setdefault("workers_permanent_male", columns.get("workers", ""))
        else:
            size_data["source"] = "impor"
        size_data.setdefault("recorded_on", raw.get("registered_on") or today)
        if "recorded_on" not in raw and "registered_on" in raw:
            columns.setdefault("recorded_on", columns.get("registered_on", ""))
        try:
            size = client_service._clean_size(size_data, creating=True)
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
            licences.append(client_service._clean_licence(data))
        except ValidationError as exc:
            problems.extend(Rejected(number, columns[field], e.message) for e in exc.errors)
    if problems:
        return problems
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
            raise KnownError(f"Baris {row} tidak ada di antara baris yang bisa diimpor.")
        if decision not in DECISIONS:
            raise KnownError(
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
    lines += [f"Baris {r.row}, kolom {r.column!r}: {r.reason}" for r in rejected]
    lines += dup_lines
    if isinstance(report, ImportResult):
        lines += report.warnings
    return "\n".join(lines)
