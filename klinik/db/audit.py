"""The audit trail, written by the session itself (UU PDP: a record of processing).

A listener on every ORM flush writes one ``audit_event`` row per created, changed, archived,
erased or deleted record of the tables below, in the same transaction as the change: a change
that rolls back leaves no event, and no service can forget to write one. Field names only,
never values. Exports and printed documents are recorded explicitly (``record_event``) by the
code that produces them.

Who: the consultant in ``session.info["actor_id"]`` when the caller set it, else the store's
current consultant (setting ``current_consultant_id``).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session as OrmSession

from klinik.db.models import (
    AuditEvent,
    Case,
    Client,
    Consent,
    FollowUp,
    IssuedLetter,
    Licence,
    MentoringSession,
    Outcome,
    Referral,
    Setting,
    SizeRecord,
    utcnow,
)

# entity name by table class
ENTITIES: dict[type, str] = {
    Client: "client",
    SizeRecord: "size_record",
    Licence: "licence",
    Consent: "consent",
    Case: "case",
    MentoringSession: "session",
    FollowUp: "follow_up",
    Referral: "referral",
    IssuedLetter: "letter",
    Outcome: "outcome",
}

# Fields that are personal data (UU PDP), by entity; an event touching one is "personal".
PERSONAL_FIELDS: dict[str, frozenset[str]] = {
    "client": frozenset(
        {
            "business_name",
            "owner_name",
            "nik",
            "gender",
            "birth_date",
            "education",
            "disability",
            "phone",
            "whatsapp",
            "email",
            "address",
            "kelurahan",
            "latitude",
            "longitude",
            "npwp",
            "notes",
        }
    ),
    "size_record": frozenset({"omzet", "modal", "total_assets"}),
    "consent": frozenset({"given_on", "method", "for_mentoring", "for_referral", "for_sharing"}),
    "case": frozenset({"title", "goal"}),
    "session": frozenset({"summary", "recommendations", "next_steps"}),
    "follow_up": frozenset({"description"}),
    "referral": frozenset({"note", "outcome"}),
    "letter": frozenset({"content"}),
    "outcome": frozenset({"note", "amount"}),
    "licence": frozenset({"number", "note"}),
}

# Bookkeeping columns that never make an event on their own.
_IGNORED = frozenset({"id", "uid", "created_at", "updated_at", "search_text", "last_activity_on"})

_TABLE = AuditEvent.__table__  # type: ignore[attr-defined]


def _changed_fields(obj: Any) -> list[str]:
    state = inspect(obj)
    out = []
    for attr in state.mapper.column_attrs:
        if attr.key in _IGNORED:
            continue
        if state.attrs[attr.key].history.has_changes():
            out.append(attr.key)
    return out


def _filled_fields(obj: Any) -> list[str]:
    state = inspect(obj)
    return [
        a.key
        for a in state.mapper.column_attrs
        if a.key not in _IGNORED
        and not a.key.endswith("_id")
        and getattr(obj, a.key, None) not in (None, "", False)
    ]


def _client_of(db: OrmSession, entity: str, obj: Any, cache: dict) -> int | None:
    if entity == "client":
        return obj.id
    client_id = getattr(obj, "client_id", None)
    if client_id is not None:
        return client_id
    case_id = getattr(obj, "case_id", None)
    if entity == "letter" and obj.referral_id is not None:
        key = ("referral", obj.referral_id)
        if key not in cache:
            cache[key] = db.execute(
                select(Referral.case_id).where(Referral.id == obj.referral_id)
            ).scalar()
        case_id = cache[key]
    if case_id is None:
        return None
    key = ("case", case_id)
    if key not in cache:
        cache[key] = db.execute(select(Case.client_id).where(Case.id == case_id)).scalar()
    return cache[key]


def actor_id(db: OrmSession) -> int | None:
    """The consultant acting in this session (cached for the session's life)."""
    if "actor_id" not in db.info:
        value = db.execute(
            select(Setting.value).where(Setting.key == "current_consultant_id")
        ).scalar()
        try:
            db.info["actor_id"] = json.loads(value) if value else None
        except ValueError:
            db.info["actor_id"] = None
    return db.info["actor_id"]


def _action_for_update(entity: str, obj: Any, fields: list[str]) -> str | None:
    if entity in ("client", "case") and fields == ["archived_at"]:
        return "unarchive" if obj.archived_at is None else "archive"
    return "update"


def _after_flush(db: OrmSession, _context) -> None:
    if db.info.get("audit_off"):
        return
    rows: list[dict[str, Any]] = []
    cache: dict = {}
    erase = db.info.get("erasing")
    now = utcnow()

    def add(action: str, entity: str, obj: Any, fields: list[str]) -> None:
        personal = bool(set(fields) & PERSONAL_FIELDS.get(entity, frozenset()))
        rows.append(
            {
                "at": now,
                "consultant_id": actor_id(db),
                "action": action,
                "entity": entity,
                "record_id": obj.id,
                "client_id": _client_of(db, entity, obj, cache),
                "fields": ",".join(fields),
                "personal": personal,
                "leaves_machine": False,
                "detail": "",
            }
        )

    for obj in db.new:
        entity = ENTITIES.get(type(obj))
        if entity:
            add("create", entity, obj, _filled_fields(obj))
    for obj in db.dirty:
        entity = ENTITIES.get(type(obj))
        if not entity or not db.is_modified(obj, include_collections=False):
            continue
        fields = _changed_fields(obj)
        if not fields:
            continue
        action = "erase" if erase else _action_for_update(entity, obj, fields)
        add(action, entity, obj, fields)
    for obj in db.deleted:
        entity = ENTITIES.get(type(obj))
        if entity:
            add("delete", entity, obj, [])
    if rows:
        db.execute(insert(_TABLE), rows)


def record_event(
    db: OrmSession,
    *,
    action: str,
    entity: str,
    record_id: int | None = None,
    client_id: int | None = None,
    fields: list[str] | tuple[str, ...] = (),
    personal: bool = True,
    leaves_machine: bool = False,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record an act the flush cannot see (an export, a printed document, an access copy),
    in the caller's transaction. ``detail`` must never hold a NIK or other personal value."""
    row = AuditEvent(
        consultant_id=actor_id(db),
        action=action,
        entity=entity,
        record_id=record_id,
        client_id=client_id,
        fields=",".join(fields),
        personal=personal,
        leaves_machine=leaves_machine,
        detail=json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str),
    )
    db.add(row)
    db.flush()
    return row


def install() -> None:
    """Listen on every ORM session (idempotent)."""
    if not event.contains(OrmSession, "after_flush", _after_flush):
        event.listen(OrmSession, "after_flush", _after_flush)


install()
