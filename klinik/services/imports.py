"""Import batches: what one spreadsheet import wrote, kept so that it can be undone.

An import (``klinik.exchange.importer``) writes its rows through the client services and
records its batch here in the same transaction (``record_batch``): the created clients
with their size records and licences, and for merges the fields filled and the rows
added. ``undo_last_import`` deletes what the last batch created (those rows are brand
new, so deleting them loses nothing older) and clears the merged fields that still hold
the imported value; it refuses when a created client got a case or an outcome since, or
its records were changed (such a client must be archived by hand).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

from sqlmodel import Session, select

from klinik.db.audit import actor_id
from klinik.db.models import Case, Client, ImportBatch, Licence, Outcome, SizeRecord, utcnow
from klinik.errors import KnownError
from klinik.services.clients import build_search_text

# What a merged field goes back to: the field's empty value when a client is created
# without it.
EMPTY_VALUES = {
    name: ("" if info.default == "" else None) for name, info in Client.model_fields.items()
}


def jsonable(value: Any) -> Any:
    """A field's value as a batch keeps it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, date) else value


def record_batch(
    *, db: Session, batch_id: str, file_name: str, content: dict[str, Any]
) -> ImportBatch:
    """Keep an import's batch (``content``: its "created" and "merged" entries, each with
    "client_id", "size_records", "licences", and for a merge the "fields" it filled)."""
    batch = ImportBatch(
        batch_id=batch_id,
        file_name=file_name[:260],
        consultant_id=actor_id(db),
        content=json.dumps(content, ensure_ascii=False),
    )
    db.add(batch)
    return batch


@dataclasses.dataclass
class UndoneImport:
    """What ``undo_last_import`` did: the batch, created clients deleted, merges reverted."""

    batch_id: str
    deleted: int = 0
    reverted: int = 0
    client_ids: list[int] = dataclasses.field(default_factory=list)


def undo_last_import(*, db: Session) -> UndoneImport | None:
    """Undo the last import (see the module's docstring); None when there is nothing to
    undo. Raises ``KnownError`` (nothing changed) when it cannot be undone."""
    last = db.exec(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
    if last is None or last.undone_at is not None:
        return None
    batch = json.loads(last.content)
    result = UndoneImport(batch_id=last.batch_id)
    created = batch.get("created", [])
    merged = batch.get("merged", [])
    created_ids = [e["client_id"] for e in created]
    if created_ids:
        _refuse_changed_clients(db, created_ids, created + merged)
    for entry in merged:
        for record_id in entry["size_records"]:
            record = db.get(SizeRecord, record_id)
            if record is not None and record.superseded_by_id is not None:
                raise KnownError(
                    "Impor terakhir tidak bisa dibatalkan: data usaha klien "
                    f"#{entry['client_id']} "
                    "yang ditambahkan impor sudah dikoreksi sejak itu."
                )
    for entry in merged:
        client = db.get(Client, entry["client_id"])
        if client is not None:
            for field, value in entry["fields"].items():
                if jsonable(getattr(client, field, None)) == value:
                    setattr(client, field, EMPTY_VALUES.get(field))
            client.search_text = build_search_text(client)
            db.add(client)
        _delete_rows(db, entry)
        result.reverted += 1
    for entry in created:
        _delete_rows(db, entry)
    db.flush()
    for client_id in created_ids:
        client = db.get(Client, client_id)
        if client is not None:
            db.delete(client)
            result.deleted += 1
    result.client_ids = created_ids
    last.undone_at = utcnow()
    db.add(last)
    return result


def _refuse_changed_clients(
    db: Session, created_ids: list[int], entries: list[dict[str, Any]]
) -> None:
    blocked = set(db.exec(select(Case.client_id).where(Case.client_id.in_(created_ids))))
    blocked |= set(db.exec(select(Outcome.client_id).where(Outcome.client_id.in_(created_ids))))
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


def _delete_rows(db: Session, entry: dict[str, Any]) -> None:
    """The size records and licences an import added (only those: they are its own)."""
    for record_id in entry["size_records"]:
        record = db.get(SizeRecord, record_id)
        if record is not None:
            db.delete(record)
    for licence_id in entry["licences"]:
        licence = db.get(Licence, licence_id)
        if licence is not None:
            db.delete(licence)
