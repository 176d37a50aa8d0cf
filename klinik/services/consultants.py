"""Consultants: who mentors, who signs."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from klinik.db.models import Consultant, utcnow
from klinik.domain.identifiers import normalize_email, normalize_phone
from klinik.services.common import get_or_fail
from klinik.services.validation import Checker


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split() if part[:1].isalpha())[:4].upper()


def _clean(data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    c = Checker(data)
    out: dict[str, Any] = {}
    if creating or c.has("name"):
        out["name"] = c.text("name", required=True, max_length=120)
    if c.has("initials"):
        out["initials"] = c.text("initials", max_length=8)
    if c.has("title"):
        out["title"] = c.text("title", max_length=160) or ""
    if c.has("phone"):
        out["phone"] = c.parsed("phone", normalize_phone)
    if c.has("email"):
        out["email"] = c.parsed("email", normalize_email)
    if c.has("active"):
        out["active"] = bool(c.flag("active"))
    c.raise_if_errors()
    if creating and not out.get("initials"):
        out["initials"] = _initials(out["name"])
    return out


def create_consultant(*, db: Session, **fields: Any) -> Consultant:
    values = _clean(fields, creating=True)
    consultant = Consultant(**values)
    db.add(consultant)
    db.flush()
    return consultant


def update_consultant(*, db: Session, consultant_id: int | str, **fields: Any) -> Consultant:
    consultant = get_consultant(db=db, consultant_id=consultant_id)
    for key, value in _clean(fields, creating=False).items():
        setattr(consultant, key, value)
    consultant.updated_at = utcnow()
    db.add(consultant)
    db.flush()
    return consultant


def get_consultant(*, db: Session, consultant_id: int | str) -> Consultant:
    return get_or_fail(db, Consultant, consultant_id, "Konsultan")


def list_consultants(*, db: Session, active_only: bool = False) -> list[Consultant]:
    stmt = select(Consultant).order_by(Consultant.name)
    if active_only:
        stmt = stmt.where(Consultant.active.is_(True))
    return list(db.exec(stmt))
