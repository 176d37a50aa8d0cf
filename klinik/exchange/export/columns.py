"""The column catalogue: every column a list of clients, cases or sessions can be exported
with, its Indonesian header, its type and how its value is read from a list row and its
page's extra data."""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from klinik.domain.sizeclass import SizeClass
from klinik.domain.vocab import (
    Area,
    CaseStatus,
    Channel,
    Education,
    Gender,
    LegalForm,
    Readiness,
    SessionMode,
)
from klinik.errors import (
    FieldError,
    ValidationError,
)
from klinik.exchange.cells import LONG_NUMBER_COLUMNS
from klinik.services import lists
from klinik.services.validation import FIELD_LABELS

KINDS = lists.KINDS
FORMATS = ("csv", "xlsx", "pdf")
KIND_LABELS = {"clients": "klien", "cases": "kasus", "sessions": "sesi pendampingan"}


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


def long_number_headers(kind: str, columns: Iterable[str]) -> list[str]:
    """The headers of the columns among ``columns`` (keys, as written) whose long numbers a
    spreadsheet opening a CSV would change (NIK, NIB, NPWP)."""
    catalogue = CATALOGUE[_check_kind(kind)]
    return [catalogue[k].header for k in columns if k in LONG_NUMBER_COLUMNS and k in catalogue]
