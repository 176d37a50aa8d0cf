"""Outcomes: the milestones funders ask about (licences, financing, markets, jobs ...)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, select

from klinik.db.models import Case, Client, Outcome, utcnow
from klinik.domain.vocab import Channel, FinancingScheme, LicenceKind, OutcomeKind
from klinik.errors import FieldError, ValidationError
from klinik.services.common import get_or_fail
from klinik.services.validation import Checker


def _clean(data: dict[str, Any], *, existing: Outcome | None = None) -> dict[str, Any]:
    """Check an outcome; an update is checked as the record would become."""
    creating = existing is None
    c = Checker(data)
    out: dict[str, Any] = {}
    if creating:
        out["kind"] = c.choice("kind", OutcomeKind, required=True)
    if creating or c.has("occurred_on"):
        out["occurred_on"] = c.date("occurred_on", required=True, not_future=True)
    for field in ("amount", "amount_requested"):
        if c.has(field):
            out[field] = c.money(field)
    if c.has("institution"):
        out["institution"] = c.text("institution", max_length=160) or ""
    if c.has("scheme"):
        out["scheme"] = c.choice("scheme", FinancingScheme)
    if c.has("channel"):
        out["channel"] = c.choice("channel", Channel)
    if c.has("licence_kind"):
        out["licence_kind"] = c.choice("licence_kind", LicenceKind)
    if c.has("jobs"):
        out["jobs"] = c.integer("jobs", minimum=0, maximum=10000)
    if c.has("note"):
        out["note"] = c.text("note", max_length=5000) or ""

    def merged(field: str) -> Any:
        return out[field] if field in out else getattr(existing, field, None)

    def fail_once(field: str, message: str) -> None:
        if not any(e.field == field for e in c.errors):  # one message per field
            c.fail(field, message)

    kind = merged("kind")
    # What each kind of outcome must say to be counted in a report.
    if kind == OutcomeKind.FINANCING.value:
        if not merged("institution"):
            fail_once("institution", "Isi lembaga pemberi pembiayaan, misalnya Bank Kalteng.")
        if merged("amount") is None:
            fail_once("amount", "Isi jumlah pembiayaan yang disetujui.")
    elif kind == OutcomeKind.LICENCE.value and not merged("licence_kind"):
        fail_once("licence_kind", "Pilih jenis izin yang diperoleh.")
    elif kind == OutcomeKind.MARKET.value and not merged("channel"):
        fail_once("channel", "Pilih saluran pasar yang baru dibuka.")
    elif kind == OutcomeKind.JOBS.value and not merged("jobs"):
        fail_once("jobs", "Isi jumlah tenaga kerja baru.")
    elif kind == OutcomeKind.OMZET.value and merged("amount") is None:
        fail_once("amount", "Isi omzet per tahun yang baru.")
    c.raise_if_errors()
    return out


def record_outcome(
    *,
    db: Session,
    client_id: int | str | None = None,
    case_id: int | str | None = None,
    **fields: Any,
) -> Outcome:
    """Record a milestone for a client, optionally tied to the case that got it there."""
    case = get_or_fail(db, Case, case_id, "Kasus") if case_id is not None else None
    if client_id is None:
        if case is None:
            raise ValidationError(FieldError("client_id", "Pilih klien atau kasus."))
        client_id = case.client_id
    client = get_or_fail(db, Client, client_id, "Klien")
    if case is not None and case.client_id != client.id:
        raise ValidationError(FieldError("case_id", "Kasus itu milik klien lain."))
    values = _clean(fields)
    outcome = Outcome(client_id=client.id, case_id=case.id if case else None, **values)
    db.add(outcome)
    db.flush()
    return outcome


def get_outcome(*, db: Session, outcome_id: int | str) -> Outcome:
    return get_or_fail(db, Outcome, outcome_id, "Hasil")


def update_outcome(*, db: Session, outcome_id: int | str, **fields: Any) -> Outcome:
    outcome = get_or_fail(db, Outcome, outcome_id, "Hasil")
    values = _clean(fields, existing=outcome)
    for key, value in values.items():
        setattr(outcome, key, value)
    outcome.updated_at = utcnow()
    db.add(outcome)
    db.flush()
    return outcome


def list_outcomes(
    *,
    db: Session,
    client_id: int | None = None,
    case_id: int | None = None,
    kind: str | None = None,
    occurred_from: date | None = None,
    occurred_to: date | None = None,
) -> list[Outcome]:
    stmt = select(Outcome)
    if client_id is not None:
        stmt = stmt.where(Outcome.client_id == client_id)
    if case_id is not None:
        stmt = stmt.where(Outcome.case_id == case_id)
    if kind:
        stmt = stmt.where(Outcome.kind == kind)
    if occurred_from:
        stmt = stmt.where(Outcome.occurred_on >= occurred_from)
    if occurred_to:
        stmt = stmt.where(Outcome.occurred_on <= occurred_to)
    return list(db.exec(stmt.order_by(Outcome.occurred_on, Outcome.id)))
