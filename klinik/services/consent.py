"""Whether a client consents, and to what (UU PDP): the consent in force and the refusal
when it is missing. Letters, referrals, certificates and the privacy services all ask here,
so none of them needs another."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select

from klinik.db.models import Client, Consent
from klinik.domain.vocab import ConsentPurpose
from klinik.errors import Refusal
from klinik.services.clients import get_client

PURPOSE_FIELDS = {
    ConsentPurpose.MENTORING: "for_mentoring",
    ConsentPurpose.REFERRAL: "for_referral",
    ConsentPurpose.SHARING: "for_sharing",
}


def _newest_consent(db: Session, client_id: int) -> Consent | None:
    return db.exec(
        select(Consent)
        .where(Consent.client_id == client_id)
        .order_by(Consent.given_on.desc(), Consent.id.desc())
    ).first()


def current_consent(*, db: Session, client_id: int | str) -> Consent | None:
    """The consent in force: the newest record, unless it was withdrawn."""
    client = get_client(db=db, client_id=client_id)
    newest = _newest_consent(db, client.id)
    return in_force([newest] if newest else [])


def in_force(records: list[Consent]) -> Consent | None:
    """The consent in force from a client's records, newest first: the newest, unless it
    was withdrawn (then none)."""
    return records[0] if records and records[0].withdrawn_on is None else None


def consent_history(*, db: Session, client_id: int | str) -> list[Consent]:
    """Every consent record of the client, newest first."""
    client = get_client(db=db, client_id=client_id)
    return list(
        db.exec(
            select(Consent)
            .where(Consent.client_id == client.id)
            .order_by(Consent.given_on.desc(), Consent.id.desc())
        )
    )


def consents_to(*, db: Session, client_id: int, purpose: ConsentPurpose) -> bool:
    consent = current_consent(db=db, client_id=client_id)
    return bool(consent is not None and getattr(consent, PURPOSE_FIELDS[purpose]))


def clients_consenting(
    *, db: Session, client_ids: Iterable[int], purpose: ConsentPurpose
) -> set[int]:
    """Which of ``client_ids`` consent to ``purpose`` now (one query for a page of rows)."""
    ids = list(dict.fromkeys(client_ids))
    if not ids:
        return set()
    # The newest record by (given_on, id) decides; a page of rows holds few clients.
    rows = db.exec(
        select(Consent)
        .where(Consent.client_id.in_(ids))
        .order_by(Consent.client_id, Consent.given_on, Consent.id)
    ).all()
    latest: dict[int, Consent] = {}
    for row in rows:
        latest[row.client_id] = row
    field = PURPOSE_FIELDS[purpose]
    return {cid for cid, c in latest.items() if in_force([c]) and getattr(c, field)}


def require_consent(*, db: Session, client_id: int, purpose: ConsentPurpose) -> None:
    """Refuse, with what to do, when the client has not agreed to ``purpose``."""
    if consents_to(db=db, client_id=client_id, purpose=purpose):
        return
    client = db.get(Client, client_id)
    name = client.business_name if client else f"#{client_id}"
    raise Refusal(
        f"Klien {name} belum menyetujui keperluan '{purpose.label_id}' "
        "(UU PDP). Catat persetujuannya dulu: Klien → Persetujuan → Catat persetujuan."
    )
