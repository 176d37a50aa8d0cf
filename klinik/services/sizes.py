"""A client's size records (omzet, modal, workers), their corrections and the size class
history (naik kelas)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from sqlmodel import Session, select

from klinik.db.models import Client, SizeRecord, utcnow
from klinik.domain.sizeclass import SizeClass, naik_kelas, size_class
from klinik.errors import FieldError, Refusal, ValidationError
from klinik.services.common import get_or_fail
from klinik.services.validation import Checker


def get_client(*, db: Session, client_id: int | str) -> Client:
    return get_or_fail(db, Client, client_id, "Klien")


# --- size records -------------------------------------------------------------------------

_SIZE_INT_FIELDS = [
    "workers_permanent_male",
    "workers_permanent_female",
    "workers_nonpermanent_male",
    "workers_nonpermanent_female",
]
_SIZE_MONEY_FIELDS = ["omzet", "modal", "total_assets"]


def clean_size(*, data: dict[str, Any], creating: bool) -> dict[str, Any]:
    """Check a size record's fields; returns the cleaned values. Raises ``ValidationError``."""
    c = Checker(data)
    out: dict[str, Any] = {}
    if creating or c.has("recorded_on"):
        out["recorded_on"] = c.date("recorded_on", required=True, not_future=True)
    for field in _SIZE_MONEY_FIELDS:
        if c.has(field):
            out[field] = c.money(field)
    for field in _SIZE_INT_FIELDS:
        if c.has(field):
            out[field] = c.integer(field, minimum=0, maximum=100000)
    for field in ("production_capacity", "source"):
        if c.has(field):
            out[field] = c.text(field, max_length=160) or ""
    if creating and all(out.get(f) is None for f in _SIZE_MONEY_FIELDS + _SIZE_INT_FIELDS):
        c.fail("omzet", "Isi paling sedikit omzet, modal, aset, atau jumlah pekerja.")
    c.raise_if_errors()
    return out


def add_size_record(*, db: Session, client_id: int | str, **fields: Any) -> SizeRecord:
    client = get_client(db=db, client_id=client_id)
    values = clean_size(data=fields, creating=True)
    record = SizeRecord(client_id=client.id, **values)
    db.add(record)
    db.flush()
    return record


def get_size_record(*, db: Session, record_id: int | str) -> SizeRecord:
    return get_or_fail(db, SizeRecord, record_id, "Data usaha")


def correct_size_record(
    *, db: Session, record_id: int | str, reason: str, **changes: Any
) -> SizeRecord:
    """Correct a size record: the old values stay, superseded, beside the new and the reason."""
    old = get_or_fail(db, SizeRecord, record_id, "Data usaha")
    if old.superseded_by_id is not None:
        raise Refusal("Data usaha ini sudah dikoreksi; koreksi versi terbarunya.")
    errors: list[FieldError] = []
    if not reason or not reason.strip():
        errors.append(FieldError("correction_reason", "Alasan koreksi wajib diisi."))
    try:
        values = clean_size(data=changes, creating=False)
    except ValidationError as exc:
        errors.extend(exc.errors)
        values = {}
    if errors:
        raise ValidationError(errors)
    copied = {
        f: getattr(old, f)
        for f in ["recorded_on", "production_capacity", "source"]
        + _SIZE_MONEY_FIELDS
        + _SIZE_INT_FIELDS
    }
    copied.update(values)
    new = SizeRecord(
        client_id=old.client_id,
        corrects_id=old.id,
        correction_reason=reason.strip(),
        **copied,
    )
    db.add(new)
    db.flush()
    old.superseded_by_id = new.id
    old.updated_at = utcnow()
    db.add(old)
    db.flush()
    return new


@dataclasses.dataclass
class SizeRow:
    """A current size record with its derived class and whether it rose from the previous."""

    id: int
    recorded_on: date
    omzet: int | None
    modal: int | None
    total_assets: int | None
    workers: int | None
    size_class: SizeClass | None
    naik_kelas: bool
    corrected: bool
    correction_reason: str | None


def _workers(record: SizeRecord) -> int | None:
    values = [getattr(record, f) for f in _SIZE_INT_FIELDS]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def size_history(*, db: Session, client_id: int | str) -> list[SizeRow]:
    """Current (not superseded) size records, oldest first, with class and naik kelas."""
    client = get_client(db=db, client_id=client_id)
    records = db.exec(
        select(SizeRecord)
        .where(SizeRecord.client_id == client.id, SizeRecord.superseded_by_id.is_(None))
        .order_by(SizeRecord.recorded_on, SizeRecord.id)
    ).all()
    rows: list[SizeRow] = []
    previous: SizeClass | None = None
    for record in records:
        klass = size_class(omzet=record.omzet, modal=record.modal)
        rows.append(
            SizeRow(
                id=record.id,
                recorded_on=record.recorded_on,
                omzet=record.omzet,
                modal=record.modal,
                total_assets=record.total_assets,
                workers=_workers(record),
                size_class=klass,
                naik_kelas=naik_kelas(previous, klass),
                corrected=record.corrects_id is not None,
                correction_reason=record.correction_reason,
            )
        )
        if klass is not None:
            previous = klass
    return rows


def client_naik_kelas(*, db: Session, client_id: int | str) -> bool:
    """True when the class of the latest record is above that of the earliest."""
    classes = [r.size_class for r in size_history(db=db, client_id=client_id)]
    known = [c for c in classes if c is not None]
    return len(known) >= 2 and naik_kelas(known[0], known[-1])
