"""Clients (UMKM and owners): registering, search, lists and the whole record. Size records
are in ``services/sizes.py`` and licences in ``services/licences.py`` (their functions are
also reachable from here, as callers have always used them)."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from klinik.db.models import Case, Client, Kabupaten, Licence, utcnow
from klinik.domain.identifiers import (
    nik_birth_date,
    nik_gender,
    normalize_email,
    normalize_nib,
    normalize_nik,
    normalize_npwp,
    normalize_phone,
)
from klinik.domain.places import KABUPATEN_ALIASES, kabupaten_key
from klinik.domain.search import build_search_text
from klinik.domain.sizeclass import naik_kelas
from klinik.domain.vocab import (
    Channel,
    Education,
    Gender,
    LegalForm,
    Readiness,
)
from klinik.errors import FieldError, InvalidValue, ValidationError
from klinik.services import fulltext
from klinik.services.common import (
    DEFAULT_LIMIT,
    Page,
    apply_sort,
    get_or_fail,
    stream_pages,
    unindexed,
)
from klinik.services.common import page as _page
from klinik.services.licences import (  # noqa: F401 (callers reach them here)
    LICENCE_PATH,
    LicenceCheck,
    add_licence,
    clean_licence,
    get_licence,
    licence_checklist,
    list_licences,
    update_licence,
)
from klinik.services.sizes import (  # noqa: F401
    SizeRow,
    add_size_record,
    clean_size,
    client_naik_kelas,
    correct_size_record,
    get_size_record,
    size_history,
)
from klinik.services.validation import Checker, check_search

CHANNEL_FIELDS = [f"sells_{c.value}" for c in Channel]
READINESS_FIELDS = [f"has_{r.value}" for r in Readiness]

_TEXT_FIELDS = {
    "owner_name": 160,
    "disability": 120,
    "address": 300,
    "kecamatan": 80,
    "kelurahan": 80,
    "sector": 80,
    "products": 300,
    "association": 160,
    "notes": 20000,
}


class KabupatenResolver:
    """Kabupaten/kota codes from names in any spelling (``places.kabupaten_key``): the name,
    the capital, the code or a short name ("Pulpis")."""

    def __init__(self, db: Session):
        self.keys: dict[str, str] = {}
        # Held so that the session's identity map keeps them: a later session.get of a
        # kabupaten (the services' own check) costs no query per imported row.
        self._rows = list(db.exec(select(Kabupaten)))
        codes = {kab.code for kab in self._rows}
        for kab in self._rows:
            for name in (kab.name, kab.capital, kab.code):
                key = kabupaten_key(name)
                if key:
                    self.keys.setdefault(key, kab.code)
        for alias, code in KABUPATEN_ALIASES.items():
            if code in codes:
                self.keys.setdefault(alias, code)

    def resolve(self, value: Any) -> str | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return self.keys.get(kabupaten_key(str(value)))


def resolve_kabupaten(db: Session, value: str) -> str:
    """A kabupaten/kota code from its code or its name in any spelling ("Palangka Raya")."""
    text = str(value).strip()
    if text.isascii() and text.isdigit():
        if db.get(Kabupaten, text) is None:
            raise InvalidValue(
                f"Kode kabupaten/kota {text} tidak dikenal. Tambahkan dulu kabupaten/kota itu."
            )
        return text
    code = KabupatenResolver(db).resolve(text)
    if code is None:
        raise InvalidValue(
            f"Kabupaten/kota {text!r} tidak dikenal. Tulis nama atau kodenya, misalnya "
            "'Kapuas' atau 6203."
        )
    return code


def clean_client(
    *, db: Session, data: dict[str, Any], creating: bool, client_id: int | None = None
) -> dict[str, Any]:
    """Check every given field; returns cleaned values for the fields that were given.
    Raises ``ValidationError`` with every field's problem; writes nothing (the import checks
    its rows with it before anything is stored). ``client_id``: the client being updated
    (its own NIK is no duplicate)."""
    unknown = set(data) - set(Client.model_fields) - {"consent"}
    if unknown:
        raise ValidationError([FieldError(f, f"Kolom {f!r} tidak dikenal.") for f in unknown])
    c = Checker(data)
    out: dict[str, Any] = {}
    if creating or c.has("business_name"):
        out["business_name"] = c.text("business_name", required=True, max_length=200)
    for field, max_length in _TEXT_FIELDS.items():
        if c.has(field):
            out[field] = c.text(field, max_length=max_length) or ""
    if c.has("nik"):
        out["nik"] = c.parsed("nik", normalize_nik)
        duplicate = _duplicate_nik(db, out["nik"], client_id)
        if duplicate:
            c.fail("nik", duplicate)
    if c.has("gender"):
        out["gender"] = c.choice("gender", Gender)
    if c.has("birth_date"):
        out["birth_date"] = c.date("birth_date", not_future=True)
    if c.has("education"):
        out["education"] = c.choice("education", Education)
    for field in ("phone", "whatsapp"):
        if c.has(field):
            out[field] = c.parsed(field, normalize_phone)
    if c.has("email"):
        out["email"] = c.parsed("email", normalize_email)
    if c.has("kabupaten_code"):
        out["kabupaten_code"] = c.parsed("kabupaten_code", lambda v: resolve_kabupaten(db, v))
    if c.has("latitude"):
        out["latitude"] = c.number("latitude", minimum=-11.0, maximum=6.5)
    if c.has("longitude"):
        out["longitude"] = c.number("longitude", minimum=94.0, maximum=141.5)
    if c.has("kbli"):

        def kbli(value: Any) -> str:
            digits = str(value).strip()
            if not (digits.isascii() and digits.isdigit() and 2 <= len(digits) <= 5):
                raise InvalidValue("KBLI harus 2 sampai 5 angka, misalnya 10792.")
            return digits

        out["kbli"] = c.parsed("kbli", kbli)
    if c.has("legal_form") or creating:
        out["legal_form"] = c.choice("legal_form", LegalForm) or LegalForm.PERORANGAN.value
    if c.has("year_started"):
        out["year_started"] = c.integer("year_started", minimum=1900, maximum=date.today().year)
    if c.has("registered_on"):
        out["registered_on"] = c.date("registered_on", not_future=True)
    if c.has("nib"):
        out["nib"] = c.parsed("nib", normalize_nib)
    if c.has("npwp"):
        out["npwp"] = c.parsed("npwp", normalize_npwp)
    for field in CHANNEL_FIELDS + READINESS_FIELDS:
        if c.has(field):
            out[field] = bool(c.flag(field))
    c.raise_if_errors()
    nik = out.get("nik")
    if nik:
        if not data.get("gender"):
            out["gender"] = nik_gender(nik)
        if not data.get("birth_date"):
            # 29 February in a year that is leap in neither century: leave it empty
            # rather than guess (DOMAIN.md: never invent data).
            with contextlib.suppress(InvalidValue):
                out["birth_date"] = nik_birth_date(nik)
    if "registered_on" in out and out["registered_on"] is None:
        del out["registered_on"]
    return out


def _duplicate_nik(db: Session, nik: str | None, client_id: int | None) -> str | None:
    if not nik:
        return None
    stmt = select(Client).where(Client.nik == nik)
    if client_id is not None:
        stmt = stmt.where(Client.id != client_id)
    other = db.exec(stmt).first()
    if other is None:
        return None
    return (
        f"NIK ini sudah terdaftar untuk klien {other.business_name} (id {other.id}). "
        "Buka klien itu, jangan mendaftarkannya dua kali."
    )


def create_client(*, db: Session, **fields: Any) -> Client:
    """Register a client. Raises ValidationError with every field's problem."""
    values = clean_client(db=db, data=fields, creating=True)
    client = Client(**values)
    client.search_text = build_search_text(client)
    db.add(client)
    db.flush()
    return client


def update_client(*, db: Session, client_id: int | str, **fields: Any) -> Client:
    client = get_client(db=db, client_id=client_id)
    values = clean_client(db=db, data=fields, creating=False, client_id=client.id)
    for key, value in values.items():
        setattr(client, key, value)
    client.search_text = build_search_text(client)
    client.updated_at = utcnow()
    db.add(client)
    db.flush()
    return client


def get_client(*, db: Session, client_id: int | str) -> Client:
    return get_or_fail(db, Client, client_id, "Klien")


def archive_client(*, db: Session, client_id: int | str) -> Client:
    """Hide a client from lists; nothing is deleted and ``restore_client`` undoes it."""
    client = get_client(db=db, client_id=client_id)
    if client.archived_at is None:
        client.archived_at = utcnow()
        db.add(client)
        db.flush()
    return client


def restore_client(*, db: Session, client_id: int | str) -> Client:
    client = get_client(db=db, client_id=client_id)
    client.archived_at = None
    db.add(client)
    db.flush()
    return client


@dataclasses.dataclass
class ClientRow:
    """A client as a list shows it."""

    id: int
    uid: str
    business_name: str
    owner_name: str
    kabupaten_code: str | None
    kabupaten: str | None
    kecamatan: str
    products: str
    phone: str | None
    nib: str | None
    registered_on: date
    archived: bool


CLIENT_SORTS = {
    "business_name": Client.business_name,
    "owner_name": Client.owner_name,
    "kabupaten": Kabupaten.name,
    "registered_on": Client.registered_on,
    "id": Client.id,
}


# Sorts an index (archived_at, column) delivers in order (migration 0007).
_ARCHIVED_SORTS = {"business_name", "owner_name", "registered_on"}


def _client_filters(
    db: Session,
    *,
    search: str | None,
    kabupaten: str | None,
    archived: bool | None,
    registered_from: date | None,
    registered_to: date | None,
    sort: str | None = None,
) -> list[Any]:
    check_search(search)
    conditions: list[Any] = []
    # archived_at leads the plan only for a sort an index (archived_at, column) delivers
    # (common.unindexed).
    archived_at = Client.archived_at
    if (sort or "business_name").lstrip("-") not in _ARCHIVED_SORTS:
        archived_at = unindexed(Client.archived_at)
    if archived is not None:
        conditions.append(archived_at.is_not(None) if archived else archived_at.is_(None))
    if kabupaten:
        conditions.append(Client.kabupaten_code == kabupaten)
    if registered_from:
        conditions.append(Client.registered_on >= registered_from)
    if registered_to:
        conditions.append(Client.registered_on <= registered_to)
    if search:
        conditions += fulltext.client_search(db, search)
    return conditions


def list_clients(
    *,
    db: Session,
    search: str | None = None,
    kabupaten: str | None = None,
    archived: bool | None = False,
    registered_from: date | None = None,
    registered_to: date | None = None,
    sort: str | None = None,
    offset: int = 0,
    limit: int | None = DEFAULT_LIMIT,
) -> Page[ClientRow]:
    """Clients matching the filters, one page, sorted in SQL (``-`` prefix: descending).

    Two steps: the page's ids come from the client table alone (a covering index answers
    name order and free-text search), then only those rows are joined for display.
    """
    conditions = _client_filters(
        db,
        search=search,
        kabupaten=kabupaten,
        archived=archived,
        registered_from=registered_from,
        registered_to=registered_to,
        sort=sort,
    )
    ids_stmt = select(Client.id).where(*conditions)
    if (sort or "").lstrip("-") == "kabupaten":
        ids_stmt = ids_stmt.outerjoin(Kabupaten, Kabupaten.code == Client.kabupaten_code)
    ids_stmt = apply_sort(ids_stmt, sort, CLIENT_SORTS, "business_name", Client.id)
    ids = list(db.execute(_page(ids_stmt, offset=offset, limit=limit)).scalars())
    if not ids:
        return Page(rows=[], offset=offset, limit=limit)
    rows = client_rows(db=db, ids=ids)
    return Page(rows=rows, offset=offset, limit=limit)


def client_rows(*, db: Session, ids: list[int]) -> list[ClientRow]:
    """``ClientRow``s of these client ids, in this order (the lists' second step)."""
    position = {client_id: i for i, client_id in enumerate(ids)}
    rows: list[Any] = [None] * len(ids)
    for chunk_start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = ids[chunk_start : chunk_start + 500]
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
        # Core execution on the session's connection (its transaction): plain column rows.
        for r in db.connection().execute(stmt):
            rows[position[r[0]]] = ClientRow(*r[:11], archived=r[11] is not None)
    return rows


def iter_clients(
    *,
    db: Session,
    search: str | None = None,
    kabupaten: str | None = None,
    archived: bool | None = False,
    registered_from: date | None = None,
    registered_to: date | None = None,
    sort: str | None = None,
    limit: int | None = None,
    page_size: int | None = None,
) -> Iterator[list[ClientRow]]:
    """The rows ``list_clients`` returns with these filters and ``sort`` (all of them, or
    the first ``limit``), page by page from one stream (``common.stream_pages``): for
    exports of any size."""
    conditions = _client_filters(
        db,
        search=search,
        kabupaten=kabupaten,
        archived=archived,
        registered_from=registered_from,
        registered_to=registered_to,
        sort=sort,
    )
    stmt = select(Client.id).where(*conditions)
    if (sort or "").lstrip("-") == "kabupaten":
        stmt = stmt.outerjoin(Kabupaten, Kabupaten.code == Client.kabupaten_code)
    stmt = apply_sort(stmt, sort, CLIENT_SORTS, "business_name", Client.id)
    for part in stream_pages(db, stmt, limit=limit, page_size=page_size):
        yield client_rows(db=db, ids=[r[0] for r in part])


def count_clients(
    *,
    db: Session,
    search: str | None = None,
    kabupaten: str | None = None,
    archived: bool | None = False,
    registered_from: date | None = None,
    registered_to: date | None = None,
) -> int:
    conditions = _client_filters(
        db,
        search=search,
        kabupaten=kabupaten,
        archived=archived,
        registered_from=registered_from,
        registered_to=registered_to,
    )
    stmt = select(func.count()).select_from(Client).where(*conditions)
    return int(db.execute(stmt).scalar_one())


def list_kabupaten(*, db: Session) -> list[Kabupaten]:
    return list(db.exec(select(Kabupaten).order_by(Kabupaten.code)))


def add_kabupaten(*, db: Session, code: str, name: str, capital: str = "") -> Kabupaten:
    """Add a kabupaten/kota outside Kalimantan Tengah (a client from another province)."""
    c = Checker({"code": code, "name": name})
    code_clean = c.text("code", required=True, max_length=8)
    name_clean = c.text("name", required=True, max_length=80)
    if code_clean and not (code_clean.isdigit() and len(code_clean) == 4):
        c.fail("code", "Kode kabupaten/kota harus 4 angka kode Kemendagri, misalnya 6371.")
    if code_clean and db.get(Kabupaten, code_clean) is not None:
        c.fail("code", f"Kode {code_clean} sudah ada.")
    c.raise_if_errors()
    kab = Kabupaten(
        code=code_clean, name=name_clean, capital=capital.strip(), province_code=code_clean[:2]
    )
    db.add(kab)
    db.flush()
    return kab


# --- the whole record ---------------------------------------------------------------------


@dataclasses.dataclass
class ClientRecord:
    client: Client
    kabupaten: str | None
    size_history: list[SizeRow]
    licences: list[Licence]
    cases: list[Case]
    naik_kelas: bool


def client_record(*, db: Session, client_id: int | str) -> ClientRecord:
    """Everything about a client that its detail view shows, in a few indexed queries."""
    client = get_client(db=db, client_id=client_id)
    kab = db.get(Kabupaten, client.kabupaten_code) if client.kabupaten_code else None
    history = size_history(db=db, client_id=client.id)
    known = [r.size_class for r in history if r.size_class is not None]
    cases = list(
        db.exec(select(Case).where(Case.client_id == client.id).order_by(Case.opened_on.desc()))
    )
    return ClientRecord(
        client=client,
        kabupaten=kab.name if kab else None,
        size_history=history,
        licences=list_licences(db=db, client_id=client.id),
        cases=cases,
        naik_kelas=len(known) >= 2 and naik_kelas(known[0], known[-1]),
    )
