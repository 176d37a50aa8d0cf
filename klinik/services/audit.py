"""Reading the audit trail: a record's history, and what left the machine in a period."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, select

from klinik.db.models import (
    AuditEvent,
    Consultant,
    FollowUp,
    IssuedLetter,
    MentoringSession,
    Outcome,
    Referral,
)
from klinik.domain.labels import ENTITY_LABELS  # noqa: F401 (re-exported)
from klinik.domain.vocab import AuditAction
from klinik.services.validation import FIELD_LABELS

# An export filter recorded without its value, as the trail names it.
FILTER_NAMES = {"search": "pencarian teks"}


@dataclasses.dataclass
class EventRow:
    id: int
    at: datetime
    consultant: str | None
    action: str
    action_label: str
    entity: str
    entity_label: str
    record_id: int | None
    client_id: int | None
    fields: list[str]
    personal: bool
    leaves_machine: bool
    detail: dict[str, Any]

    def fields_text(self) -> str:
        return ", ".join(FIELD_LABELS.get(f, f) for f in self.fields)

    def what(self) -> str:
        """The record, as people say it: "Klien #12", "Ekspor daftar (xlsx, 40 baris)",
        "Rujukan #3 (draf surat, NIK dan No. HP disamarkan)"."""
        label = self.entity_label
        if self.record_id is not None:
            label += f" #{self.record_id}"
        d = self.detail
        if self.action == "export":
            parts = [d.get("format", "?"), f"{d.get('rows', 0)} baris"]
            # A filter recorded by name only (its words are personal): say that it was used.
            kept = d.get("filters") or {}
            parts += [
                FILTER_NAMES.get(name, name)
                for name in d.get("filters_used") or []
                if name not in kept
            ]
            if d.get("personal_data_included"):
                parts.append("dengan data pribadi")
            label += f" ({', '.join(parts)})"
        elif d.get("draft"):
            masked = " dan ".join(FIELD_LABELS.get(f, f) for f in d.get("masked") or [])
            label += f" (draf surat, {masked} disamarkan)" if masked else " (draf surat)"
        elif d.get("number"):
            label += f" ({d['number']}, diterbitkan)" if d.get("issued") else f" ({d['number']})"
        elif d.get("file"):
            label += f" ({d['file']})"
        return label


def _label(action: str) -> str:
    found = AuditAction.parse(action)
    return found.label_id if found else action


def _rows(db: Session, query) -> list[EventRow]:
    names = {c.id: c.name for c in db.exec(select(Consultant))}
    out = []
    for e in db.exec(query):
        try:
            detail = json.loads(e.detail) if e.detail else {}
        except ValueError:
            detail = {}
        at = e.at if e.at.tzinfo else e.at.replace(tzinfo=UTC)
        out.append(
            EventRow(
                id=e.id,
                at=at,
                consultant=names.get(e.consultant_id),
                action=e.action,
                action_label=_label(e.action),
                entity=e.entity,
                entity_label=ENTITY_LABELS.get(e.entity, e.entity),
                record_id=e.record_id,
                client_id=e.client_id,
                fields=[f for f in e.fields.split(",") if f],
                personal=e.personal,
                leaves_machine=e.leaves_machine,
                detail=detail if isinstance(detail, dict) else {},
            )
        )
    return out


def _local_day_start(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def list_events(
    *,
    db: Session,
    date_from: date | None = None,
    date_to: date | None = None,
    leaves_machine_only: bool = False,
    action: str | None = None,
    client_id: int | None = None,
    limit: int | None = None,
) -> list[EventRow]:
    """Events in a period (local days, both ends included), oldest first; optionally only
    those of one client."""
    query = select(AuditEvent)
    if client_id is not None:
        query = query.where(AuditEvent.client_id == client_id)
    if date_from is not None:
        query = query.where(AuditEvent.at >= _local_day_start(date_from))
    if date_to is not None:
        query = query.where(AuditEvent.at < _local_day_start(date_to + timedelta(days=1)))
    if leaves_machine_only:
        query = query.where(AuditEvent.leaves_machine.is_(True))
    if action:
        query = query.where(AuditEvent.action == action)
    query = query.order_by(AuditEvent.at, AuditEvent.id)
    if limit:
        query = query.limit(limit)
    return _rows(db, query)


def client_history(*, db: Session, client_id: int) -> list[EventRow]:
    """Everything done with the client's records, newest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.client_id == client_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return _rows(db, query)


def case_history(*, db: Session, case_id: int) -> list[EventRow]:
    """Events of the case and of its sessions, follow-ups, referrals, letters and outcomes,
    and its printed summaries, newest first."""
    children = {
        "session": select(MentoringSession.id).where(MentoringSession.case_id == case_id),
        "follow_up": select(FollowUp.id).where(FollowUp.case_id == case_id),
        "referral": select(Referral.id).where(Referral.case_id == case_id),
        "outcome": select(Outcome.id).where(Outcome.case_id == case_id),
        "letter": select(IssuedLetter.id).where(
            IssuedLetter.referral_id.in_(select(Referral.id).where(Referral.case_id == case_id))
        ),
    }
    conditions = [AuditEvent.entity.in_(["case", "summary"]) & (AuditEvent.record_id == case_id)]
    conditions += [
        (AuditEvent.entity == entity) & AuditEvent.record_id.in_(ids)
        for entity, ids in children.items()
    ]
    query = (
        select(AuditEvent)
        .where(or_(*conditions))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return _rows(db, query)
