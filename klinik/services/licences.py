"""A client's licences (NIB, SPP-IRT, halal, BPOM …) and the licence path of a food business."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from sqlmodel import Session, select

from klinik.db.models import Client, Licence, utcnow
from klinik.domain.identifiers import normalize_licence_number
from klinik.domain.search import build_search_text
from klinik.domain.vocab import LicenceKind, LicenceStatus
from klinik.services.common import get_or_fail
from klinik.services.validation import Checker


def _client(*, db: Session, client_id: int | str) -> Client:
    return get_or_fail(db, Client, client_id, "Klien")


# --- licences -----------------------------------------------------------------------------


def get_licence(*, db: Session, licence_id: int | str) -> Licence:
    return get_or_fail(db, Licence, licence_id, "Izin")


def clean_licence(*, data: dict[str, Any], existing: Licence | None = None) -> dict[str, Any]:
    """Check a licence's fields; for an update, rules apply to the record as it would become.
    Raises ``ValidationError``; writes nothing."""
    kind = existing.kind if existing is not None else None
    c = Checker(data)
    out: dict[str, Any] = {}
    if kind is None or c.has("kind"):
        kind = c.choice("kind", LicenceKind, required=True)
        out["kind"] = kind
    if c.has("status") or "kind" in out:
        out["status"] = c.choice("status", LicenceStatus) or LicenceStatus.NEEDED.value
    if c.has("number") and kind:
        out["number"] = c.parsed("number", lambda v: normalize_licence_number(kind, str(v)))
    for field in ("issued_on", "expires_on"):
        if c.has(field):
            out[field] = c.date(field)

    def merged(field: str) -> Any:
        if field in out:
            return out[field]
        return getattr(existing, field, None)

    issued, expires = merged("issued_on"), merged("expires_on")
    if issued and issued > date.today():
        c.fail("issued_on", "Tanggal terbit tidak boleh di masa depan.")
    if issued and expires and expires < issued:
        c.fail("expires_on", "Tanggal berlaku sampai harus sesudah tanggal terbit.")
    number_ok = not any(e.field == "number" for e in c.errors)
    if merged("status") == LicenceStatus.OBTAINED.value and not merged("number") and number_ok:
        c.fail("number", "Izin yang sudah terbit harus punya nomor.")
    if c.has("note"):
        out["note"] = c.text("note", max_length=2000) or ""
    c.raise_if_errors()
    return out


def add_licence(*, db: Session, client_id: int | str, **fields: Any) -> Licence:
    client = _client(db=db, client_id=client_id)
    values = clean_licence(data=fields)
    licence = Licence(client_id=client.id, **values)
    db.add(licence)
    _sync_nib(client, licence)
    db.flush()
    return licence


def update_licence(*, db: Session, licence_id: int | str, **fields: Any) -> Licence:
    licence = get_or_fail(db, Licence, licence_id, "Izin")
    values = clean_licence(data=fields, existing=licence)
    for key, value in values.items():
        setattr(licence, key, value)
    licence.updated_at = utcnow()
    db.add(licence)
    _sync_nib(db.get(Client, licence.client_id), licence)
    db.flush()
    return licence


def _sync_nib(client: Client | None, licence: Licence) -> None:
    # The client's NIB field and an obtained NIB licence are the same fact; keep one truth.
    if (
        client is not None
        and licence.kind == LicenceKind.NIB.value
        and licence.status == LicenceStatus.OBTAINED.value
        and licence.number
        and client.nib != licence.number
    ):
        client.nib = licence.number
        client.search_text = build_search_text(client)


def list_licences(*, db: Session, client_id: int | str) -> list[Licence]:
    client = _client(db=db, client_id=client_id)
    return list(db.exec(select(Licence).where(Licence.client_id == client.id).order_by(Licence.id)))


# The path of a food business (DOMAIN.md): each step needs the ones before it.
LICENCE_PATH = [LicenceKind.NIB, LicenceKind.SPP_IRT, LicenceKind.HALAL, LicenceKind.BPOM_MD]


@dataclasses.dataclass
class LicenceCheck:
    kind: str
    label: str
    status: str | None
    number: str | None
    expires_on: date | None
    missing: bool


def licence_checklist(*, db: Session, client_id: int | str) -> list[LicenceCheck]:
    """NIB -> SPP-IRT -> halal -> BPOM: the best licence of each kind and what is missing."""
    client = _client(db=db, client_id=client_id)
    licences = list_licences(db=db, client_id=client.id)
    # Which licence of a kind speaks for the client: one that is valid, else one on its way.
    rank = {"obtained": 4, "in_process": 3, "needed": 2, "expired": 1, "revoked": 0}
    checks = []
    for kind in LICENCE_PATH:
        mine = [lic for lic in licences if lic.kind == kind.value]
        if kind is LicenceKind.NIB and client.nib and not mine:
            mine = [Licence(client_id=client.id, kind="nib", number=client.nib, status="obtained")]
        best = max(mine, key=lambda lic: (rank.get(lic.status, 0), lic.id or 0), default=None)
        checks.append(
            LicenceCheck(
                kind=kind.value,
                label=kind.label_id,
                status=best.status if best else None,
                number=best.number if best else None,
                expires_on=best.expires_on if best else None,
                missing=best is None or best.status != LicenceStatus.OBTAINED.value,
            )
        )
    return checks
