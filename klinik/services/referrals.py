"""Agencies, referrals to them, and the letter numbers that referral letters carry."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, select

from klinik.db.models import (
    Agency,
    Case,
    Client,
    IssuedLetter,
    Kabupaten,
    LetterSequence,
    Referral,
    ReferralPurpose,
    utcnow,
)
from klinik.domain.letters import format_letter_number
from klinik.domain.vocab import REFERRAL_TRANSITIONS, ConsentPurpose, ReferralStatus
from klinik.errors import FieldError, KnownError, Refusal, ValidationError
from klinik.services.common import (
    DEFAULT_LIMIT,
    Page,
    apply_sort,
    count,
    get_or_fail,
    like_terms,
    unindexed,
)
from klinik.services.common import page as _page
from klinik.services.settings import get_settings, require_letterhead
from klinik.services.validation import Checker, check_id_filter, check_search, filter_choices

# --- agencies -----------------------------------------------------------------------------

# What an office does, for the suggestion of where a referral goes (ReferralPurpose.agency_role).
AGENCY_ROLES = (
    ("kesehatan", "Kesehatan (SPP-IRT)"),
    ("perizinan", "Perizinan / PTSP (NIB)"),
    ("koperasi_umkm", "Koperasi dan UMKM"),
    ("perindag", "Perindustrian dan perdagangan"),
)


def _clean_agency(data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    c = Checker(data)
    out: dict[str, Any] = {}
    for field, max_length in (("code", 40), ("name", 200), ("addressee_title", 200)):
        if creating or c.has(field):
            out[field] = c.text(field, required=True, max_length=max_length)
    for field, max_length in (("address", 300), ("town", 80), ("kind", 20)):
        if c.has(field):
            out[field] = c.text(field, max_length=max_length) or ""
    if c.has("active"):
        out["active"] = bool(c.flag("active"))
    if c.has("to_verify"):
        out["to_verify"] = bool(c.flag("to_verify"))
    if c.has("role"):
        role = c.text("role", max_length=30) or None
        if role is not None and role not in dict(AGENCY_ROLES):
            c.fail("role", f"Urusan {role!r} tidak dikenal; pilih {', '.join(dict(AGENCY_ROLES))}.")
        out["role"] = role
    if c.has("kabupaten_code"):
        out["kabupaten_code"] = c.text("kabupaten_code", max_length=8) or None
    if out.get("code"):
        out["code"] = out["code"].upper()
    c.raise_if_errors()
    return out


def _check_region(db: Session, values: dict[str, Any]) -> None:
    code = values.get("kabupaten_code")
    if code is not None and db.get(Kabupaten, code) is None:
        raise ValidationError(
            FieldError("kabupaten_code", f"Kode kabupaten/kota {code!r} tidak dikenal.")
        )


def create_agency(*, db: Session, **fields: Any) -> Agency:
    values = _clean_agency(fields, creating=True)
    _check_region(db, values)
    if db.exec(select(Agency).where(Agency.code == values["code"])).first():
        raise ValidationError(FieldError("code", f"Kode instansi {values['code']} sudah ada."))
    agency = Agency(**values)
    db.add(agency)
    db.flush()
    return agency


def update_agency(*, db: Session, agency_id: int | str, **fields: Any) -> Agency:
    agency = get_agency(db=db, agency_id=agency_id)
    values = _clean_agency(fields, creating=False)
    _check_region(db, values)
    for key, value in values.items():
        setattr(agency, key, value)
    agency.updated_at = utcnow()
    db.add(agency)
    db.flush()
    return agency


def get_agency(*, db: Session, agency_id: int | str) -> Agency:
    """An agency by id, uid or code (``DINKES-PKY``)."""
    if isinstance(agency_id, str) and not (agency_id.isascii() and agency_id.isdigit()):
        found = db.exec(select(Agency).where(Agency.code == agency_id.upper())).first()
        if found is not None:
            return found
    return get_or_fail(db, Agency, agency_id, "Instansi")


def list_agencies(*, db: Session, active_only: bool = True) -> list[Agency]:
    stmt = select(Agency).order_by(Agency.name)
    if active_only:
        stmt = stmt.where(Agency.active.is_(True))
    return list(db.exec(stmt))


# --- letter numbers -----------------------------------------------------------------------


def issue_letter_number(
    *, db: Session, on: date | None = None, referral_id: int | None = None
) -> IssuedLetter:
    """Take the next number of the year. The counter only rises, so no number comes back."""
    on = on or date.today()
    settings = get_settings(db=db)
    if db.get(LetterSequence, on.year) is None:
        db.add(LetterSequence(year=on.year, last_seq=0))
        db.flush()
    # One UPDATE statement: the increment happens inside the database's write lock.
    db.execute(
        update(LetterSequence)
        .where(LetterSequence.year == on.year)
        .values(last_seq=LetterSequence.last_seq + 1)
    )
    seq = db.execute(
        select(LetterSequence.last_seq).where(LetterSequence.year == on.year)
    ).scalar_one()
    number = format_letter_number(
        settings["letter_pattern"], seq=seq, on=on, unit=settings["clinic_unit"]
    )
    if db.exec(select(IssuedLetter).where(IssuedLetter.number == number)).first():
        raise Refusal(
            f"Nomor surat {number} sudah pernah dipakai. Periksa pola nomor surat di pengaturan."
        )
    letter = IssuedLetter(
        year=on.year, seq=seq, number=number, issued_on=on, referral_id=referral_id
    )
    db.add(letter)
    db.flush()
    return letter


def cancel_letter(*, db: Session, letter_id: int | str, reason: str) -> IssuedLetter:
    """Cancel an issued letter; its number stays used."""
    letter = get_or_fail(db, IssuedLetter, letter_id, "Surat")
    if letter.cancelled_on is not None:
        raise Refusal(f"Surat {letter.number} sudah dibatalkan pada {letter.cancelled_on}.")
    if not reason.strip():
        raise ValidationError(FieldError("reason", "Alasan pembatalan wajib diisi."))
    letter.cancelled_on = date.today()
    letter.cancel_reason = reason.strip()
    db.add(letter)
    db.flush()
    return letter


# --- referrals ----------------------------------------------------------------------------


def get_referral(*, db: Session, referral_id: int | str) -> Referral:
    return get_or_fail(db, Referral, referral_id, "Rujukan")


def suggest_agency(*, db: Session, purpose: str, kabupaten_code: str | None) -> Agency | None:
    """The agency a referral for this purpose usually goes to, for a client in this
    kabupaten/kota: the office with the purpose's role there, else the province's office
    with that role, else the purpose's default agency. None when the purpose has neither."""
    known = db.exec(
        select(ReferralPurpose).where(ReferralPurpose.code == str(purpose).strip().lower())
    ).first()
    if known is None:
        return None
    if known.agency_role:
        offices = db.exec(
            select(Agency)
            .where(Agency.role == known.agency_role, Agency.active.is_(True))
            .order_by(Agency.id)
        ).all()
        local = [a for a in offices if kabupaten_code and a.kabupaten_code == kabupaten_code]
        provincial = [a for a in offices if a.kabupaten_code is None]
        if local or provincial:
            return (local or provincial)[0]
    if known.default_agency_code:
        return db.exec(
            select(Agency).where(Agency.code == known.default_agency_code, Agency.active.is_(True))
        ).first()
    return None


def create_referral(
    *,
    db: Session,
    case_id: int | str,
    agency_id: int | str | None,
    purpose: str,
    note: str = "",
    created_on: date | str | None = None,
) -> Referral:
    """A draft referral of a case's client to an agency (None: the suggested one, see
    ``suggest_agency``)."""
    case = get_or_fail(db, Case, case_id, "Kasus")
    c = Checker({"purpose": purpose, "note": note, "created_on": created_on})
    purpose_clean = c.text("purpose", required=True, max_length=60)
    note_clean = c.text("note", max_length=5000) or ""
    created = c.date("created_on", not_future=True) or date.today()
    agency: Agency | None = None
    if agency_id is None or agency_id == "":
        client = db.get(Client, case.client_id)
        if purpose_clean:
            agency = suggest_agency(
                db=db,
                purpose=purpose_clean,
                kabupaten_code=client.kabupaten_code if client is not None else None,
            )
        if agency is None and purpose_clean:
            c.fail(
                "agency_id",
                "Tidak ada instansi yang biasa dituju untuk keperluan ini; pilih instansinya.",
            )
    else:
        try:
            agency = get_agency(db=db, agency_id=agency_id)
        except KnownError as exc:
            c.fail("agency_id", str(exc))
    if case.archived_at is not None:
        c.fail("case_id", "Kasus ini diarsipkan; pulihkan dulu.")
    c.raise_if_errors()
    known = db.exec(
        select(ReferralPurpose).where(ReferralPurpose.code == purpose_clean.lower())
    ).first()
    referral = Referral(
        case_id=case.id,
        agency_id=agency.id,
        purpose=known.code if known is not None else purpose_clean,
        note=note_clean,
        created_on=created,
    )
    db.add(referral)
    db.flush()
    return referral


def send_referral(*, db: Session, referral_id: int | str, on: date | None = None) -> Referral:
    """Issue the letter number and mark the referral sent."""
    referral = get_referral(db=db, referral_id=referral_id)
    if referral.status != ReferralStatus.DRAFT.value:
        raise ValidationError(FieldError("status", "Rujukan ini sudah dikirim."))
    on = on or date.today()
    from klinik.services.consent import require_consent

    case = db.get(Case, referral.case_id)
    require_letterhead(db=db)
    require_consent(db=db, client_id=case.client_id, purpose=ConsentPurpose.REFERRAL)
    letter = issue_letter_number(db=db, on=on, referral_id=referral.id)
    referral.letter_number = letter.number
    referral.status = ReferralStatus.SENT.value
    referral.sent_on = on
    referral.updated_at = utcnow()
    db.add(referral)
    db.flush()
    return referral


def change_referral_status(
    *,
    db: Session,
    referral_id: int | str,
    status: str,
    outcome: str | None = None,
    on: date | None = None,
) -> Referral:
    """Follow the agency's answer: accepted, declined, completed (with the outcome)."""
    referral = get_referral(db=db, referral_id=referral_id)
    target = ReferralStatus.parse(str(status))
    current = ReferralStatus(referral.status)
    if target is ReferralStatus.SENT and current is ReferralStatus.DRAFT:
        return send_referral(db=db, referral_id=referral.id, on=on)
    if target is None or target not in REFERRAL_TRANSITIONS[current]:
        allowed = ReferralStatus.labels_in_order(REFERRAL_TRANSITIONS[current]) or "-"
        raise ValidationError(
            FieldError(
                "status",
                f"Rujukan berstatus {current.label_id} tidak bisa diubah menjadi {status}. "
                f"Yang boleh: {allowed}.",
            )
        )
    on = on or date.today()
    referral.status = target.value
    if target in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
        referral.answered_on = on
    if target is ReferralStatus.COMPLETED:
        referral.completed_on = on
    if outcome is not None:
        referral.outcome = outcome.strip()
    referral.updated_at = utcnow()
    db.add(referral)
    db.flush()
    return referral


@dataclasses.dataclass
class ReferralRow:
    id: int
    uid: str
    case_id: int
    client_id: int
    business_name: str
    agency_id: int
    agency: str
    purpose: str
    purpose_label: str
    status: str
    created_on: date
    sent_on: date | None
    letter_number: str | None


REFERRAL_SORTS = {
    "created_on": Referral.created_on,
    "sent_on": Referral.sent_on,
    "agency": Agency.name,
    "client": Client.business_name,
    "status": Referral.status,
    "id": Referral.id,
}


def _referral_query(
    *,
    search: str | None,
    status: str | list[str] | None,
    agency_id: int | None,
    case_id: int | None,
    waiting_days: int | None,
    today: date | None,
    by_client_name: bool = False,
):
    check_search(search)
    statuses = filter_choices("status", status, ReferralStatus)
    check_id_filter("agency_id", agency_id)
    check_id_filter("case_id", case_id)
    if waiting_days is not None and not 0 <= waiting_days <= 36500:
        raise ValidationError(
            FieldError("waiting_days", "Lama menunggu harus 0 sampai 36500 hari.")
        )
    # By client name, unless an agency or a case narrows them: from the client's name index
    # to its cases and their referrals (common.unindexed keeps the joins off the primary
    # keys, the other way round).
    case_key, client_key = Case.id, Client.id
    if by_client_name and agency_id is None and case_id is None:
        case_key, client_key = unindexed(Case.id), unindexed(Client.id)
    stmt = (
        select(
            Referral.id,
            Referral.uid,
            Referral.case_id,
            Case.client_id,
            Client.business_name,
            Referral.agency_id,
            Agency.name,
            Referral.purpose,
            func.coalesce(ReferralPurpose.label, Referral.purpose),
            Referral.status,
            Referral.created_on,
            Referral.sent_on,
            Referral.letter_number,
        )
        .join(Case, case_key == Referral.case_id)
        .join(Client, client_key == Case.client_id)
        .join(Agency, Agency.id == Referral.agency_id)
        .outerjoin(ReferralPurpose, ReferralPurpose.code == Referral.purpose)
    )
    if statuses:
        stmt = stmt.where(Referral.status.in_(statuses))
    if agency_id is not None:
        stmt = stmt.where(Referral.agency_id == agency_id)
    if case_id is not None:
        stmt = stmt.where(Referral.case_id == case_id)
    if waiting_days is not None:
        # Waiting = sent and not yet answered, for longer than N days.
        from datetime import timedelta

        limit_day = (today or date.today()) - timedelta(days=waiting_days)
        stmt = stmt.where(
            Referral.status == ReferralStatus.SENT.value, Referral.sent_on <= limit_day
        )
    for pattern in like_terms(search):
        stmt = stmt.where(
            Client.search_text.like(pattern, escape="\\")
            | func.lower(Agency.name).like(pattern, escape="\\")
            | func.lower(func.coalesce(Referral.letter_number, "")).like(pattern, escape="\\")
        )
    return stmt


def list_referrals(
    *,
    db: Session,
    search: str | None = None,
    status: str | list[str] | None = None,
    agency_id: int | None = None,
    case_id: int | None = None,
    waiting_days: int | None = None,
    today: date | None = None,
    sort: str | None = None,
    offset: int = 0,
    limit: int | None = DEFAULT_LIMIT,
) -> Page[ReferralRow]:
    stmt = _referral_query(
        search=search,
        status=status,
        agency_id=agency_id,
        case_id=case_id,
        waiting_days=waiting_days,
        today=today,
        by_client_name=(sort or "").lstrip("-") == "client",
    )
    stmt = apply_sort(stmt, sort, REFERRAL_SORTS, "-created_on", Referral.id)
    rows = [ReferralRow(*r) for r in db.execute(_page(stmt, offset=offset, limit=limit))]
    return Page(rows=rows, offset=offset, limit=limit)


def count_referrals(
    *,
    db: Session,
    search: str | None = None,
    status: str | list[str] | None = None,
    agency_id: int | None = None,
    case_id: int | None = None,
    waiting_days: int | None = None,
    today: date | None = None,
) -> int:
    return count(
        db,
        _referral_query(
            search=search,
            status=status,
            agency_id=agency_id,
            case_id=case_id,
            waiting_days=waiting_days,
            today=today,
        ),
    )
