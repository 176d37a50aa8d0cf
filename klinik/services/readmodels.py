"""Read models: what a document (and later the window's detail pane and the CLI) shows of a
client or a case, fetched in a few queries and handed on as plain data.

- ``ClientProfile``: the client's record and its licence path, for the summary's first page.
- ``CaseTimeline``: one case, its sessions held and planned (as of a date), their areas and
  consultants, the referrals' agencies and purposes.
- ``ClientSummary``: the profile, every case's timeline, the outcomes outside any case and
  the consultant who signs.
- ``client_data``: everything the store holds about one client (the owner's copy, UU PDP).
- ``consent_form_data``: the identity and current choices a consent form is filled with.

The PDF builders in ``klinik.reports`` read these; nothing here writes.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from klinik.db.models import (
    Agency,
    Case,
    CaseArea,
    CaseStatusChange,
    Client,
    Consent,
    Consultant,
    FollowUp,
    IssuedLetter,
    Kabupaten,
    Licence,
    MentoringSession,
    Outcome,
    Referral,
    ReferralPurpose,
    SessionArea,
    SizeRecord,
    utcnow,
)
from klinik.domain.sessions import is_held, is_planned
from klinik.errors import Refusal
from klinik.services.audit import client_history
from klinik.services.cases import CaseDetail, case_detail
from klinik.services.clients import (
    LICENCE_PATH,
    ClientRecord,
    LicenceCheck,
    client_record,
    get_client,
    licence_checklist,
)
from klinik.services.consent import current_consent
from klinik.services.outcomes import list_outcomes
from klinik.services.sessions import session_areas

# --- the summary: profile and case timelines -----------------------------------------------


@dataclasses.dataclass
class ClientProfile:
    """A client's record with its licence path (NIB → SPP-IRT → halal → BPOM) and the
    licences off that path."""

    record: ClientRecord
    checks: list[LicenceCheck]
    other_licences: list[Licence]

    @property
    def client(self) -> Client:
        return self.record.client


def client_profile(*, db: Session, client_id: int | str) -> ClientProfile:
    record = client_record(db=db, client_id=client_id)
    checks = licence_checklist(db=db, client_id=record.client.id)
    path = {k.value for k in LICENCE_PATH}
    others = [lic for lic in record.licences if lic.kind not in path]
    return ClientProfile(record=record, checks=checks, other_licences=others)


@dataclasses.dataclass
class CaseTimeline:
    """One case as of a date: sessions held and planned (held_on after the date), and the
    names its sessions and referrals refer to."""

    detail: CaseDetail
    held: list[MentoringSession]
    planned: list[MentoringSession]
    areas: dict[int, list[str]]
    agencies: dict[int, Agency]
    purposes: dict[str, str]
    consultants: dict[int, Consultant]

    @property
    def held_minutes(self) -> int:
        return sum(s.minutes for s in self.held)


def case_timeline(*, db: Session, case_id: int | str, today: date) -> CaseTimeline:
    detail = case_detail(db=db, case_id=case_id)
    held = [s for s in detail.sessions if is_held(s.held_on, today)]
    planned = [s for s in detail.sessions if is_planned(s.held_on, today)]
    areas = session_areas(db, [s.id for s in detail.sessions])
    agency_ids = sorted({r.agency_id for r in detail.referrals})
    agencies = (
        {a.id: a for a in db.exec(select(Agency).where(Agency.id.in_(agency_ids)))}
        if agency_ids
        else {}
    )
    codes = sorted({r.purpose for r in detail.referrals})
    purposes = (
        dict(
            db.execute(
                select(ReferralPurpose.code, ReferralPurpose.label).where(
                    ReferralPurpose.code.in_(codes)
                )
            ).all()
        )
        if codes
        else {}
    )
    consultant_ids = sorted({s.consultant_id for s in detail.sessions if s.consultant_id})
    consultants = (
        {c.id: c for c in db.exec(select(Consultant).where(Consultant.id.in_(consultant_ids)))}
        if consultant_ids
        else {}
    )
    return CaseTimeline(detail, held, planned, areas, agencies, purposes, consultants)


@dataclasses.dataclass
class ClientSummary:
    """A client across its cases: the cases oldest first, the outcomes recorded outside
    them, and the consultant of the newest case (who signs)."""

    profile: ClientProfile
    cases: list[CaseTimeline]
    loose_outcomes: list[Outcome]
    signer: Consultant | None


def client_summary(*, db: Session, client_id: int | str, today: date) -> ClientSummary:
    profile = client_profile(db=db, client_id=client_id)
    ordered: list[Case] = sorted(profile.record.cases, key=lambda c: (c.opened_on, c.id))
    cases = [case_timeline(db=db, case_id=c.id, today=today) for c in ordered]
    case_ids = {c.id for c in ordered}
    loose = [
        o
        for o in list_outcomes(db=db, client_id=profile.client.id)
        if o.case_id is None or o.case_id not in case_ids
    ]
    latest = ordered[-1] if ordered else None
    signer = (
        db.get(Consultant, latest.consultant_id)
        if latest is not None and latest.consultant_id
        else None
    )
    return ClientSummary(profile=profile, cases=cases, loose_outcomes=loose, signer=signer)


# --- the consent form ------------------------------------------------------------------------


def consent_form_data(
    *, db: Session, client_id: int | str
) -> tuple[Client, dict[str, Any], dict[str, Any] | None]:
    """The client, its identity as the form prints it, and its consent in force (if any)."""
    found = get_client(db=db, client_id=client_id)
    if found.erased_at is not None:
        raise Refusal("Data pribadi klien ini sudah dihapus.")
    kab = db.get(Kabupaten, found.kabupaten_code) if found.kabupaten_code else None
    client = _row(found) | {"kabupaten": kab.name if kab else ""}
    newest = current_consent(db=db, client_id=found.id)
    return found, client, (_row(newest) if newest else None)


# --- the owner's copy (access request) ------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _row(obj: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    skipped = {"search_text", *skip}
    return {k: _plain(v) for k, v in obj.model_dump().items() if k not in skipped}


def client_data(*, db: Session, client_id: int | str) -> dict[str, Any]:
    """Everything the store holds about one client, with its processing history."""
    client = get_client(db=db, client_id=client_id)
    cid = client.id
    consultants = {c.id: c.name for c in db.exec(select(Consultant))}
    kab = db.get(Kabupaten, client.kabupaten_code) if client.kabupaten_code else None
    data: dict[str, Any] = {
        "format": "klinik-client-data",
        "version": 1,
        "created": utcnow().isoformat(timespec="seconds"),
        "client": _row(client) | {"kabupaten": kab.name if kab else None},
        "consents": [
            _row(c)
            | {
                "recorded_by": consultants.get(c.recorded_by_id),
                "withdrawn_by": consultants.get(c.withdrawn_by_id),
            }
            for c in db.exec(select(Consent).where(Consent.client_id == cid).order_by(Consent.id))
        ],
        "size_records": [
            _row(r)
            for r in db.exec(
                select(SizeRecord).where(SizeRecord.client_id == cid).order_by(SizeRecord.id)
            )
        ],
        "licences": [
            _row(r)
            for r in db.exec(select(Licence).where(Licence.client_id == cid).order_by(Licence.id))
        ],
        "cases": [],
        "outcomes": [
            _row(r)
            for r in db.exec(select(Outcome).where(Outcome.client_id == cid).order_by(Outcome.id))
        ],
    }
    for case in db.exec(select(Case).where(Case.client_id == cid).order_by(Case.id)):
        areas = list(db.exec(select(CaseArea.area).where(CaseArea.case_id == case.id)))
        sessions = []
        for s in db.exec(
            select(MentoringSession)
            .where(MentoringSession.case_id == case.id)
            .order_by(MentoringSession.held_on, MentoringSession.id)
        ):
            s_areas = list(db.exec(select(SessionArea.area).where(SessionArea.session_id == s.id)))
            sessions.append(
                _row(s) | {"areas": s_areas, "consultant": consultants.get(s.consultant_id)}
            )
        referrals = []
        for r in db.exec(select(Referral).where(Referral.case_id == case.id).order_by(Referral.id)):
            letters = [
                _row(letter, skip=("content",))
                | {"content": json.loads(letter.content) if letter.content else None}
                for letter in db.exec(select(IssuedLetter).where(IssuedLetter.referral_id == r.id))
            ]
            agency = db.get(Agency, r.agency_id)
            purpose = db.exec(
                select(ReferralPurpose).where(ReferralPurpose.code == r.purpose)
            ).first()
            referrals.append(
                _row(r)
                | {
                    "agency": agency.name if agency else None,
                    "purpose_label": purpose.label if purpose else r.purpose,
                    "letters": letters,
                }
            )
        data["cases"].append(
            _row(case)
            | {
                "consultant": consultants.get(case.consultant_id),
                "areas": areas,
                "status_changes": [
                    _row(ch)
                    for ch in db.exec(
                        select(CaseStatusChange)
                        .where(CaseStatusChange.case_id == case.id)
                        .order_by(CaseStatusChange.id)
                    )
                ],
                "sessions": sessions,
                "follow_ups": [
                    _row(f)
                    for f in db.exec(
                        select(FollowUp).where(FollowUp.case_id == case.id).order_by(FollowUp.id)
                    )
                ],
                "referrals": referrals,
            }
        )
    data["processing_history"] = [
        {
            "at": e.at.isoformat(timespec="seconds"),
            "by": e.consultant,
            "action": e.action,
            "action_label": e.action_label,
            "entity": e.entity,
            "record_id": e.record_id,
            "fields": e.fields,
            "left_the_machine": e.leaves_machine,
            "detail": e.detail,
        }
        for e in reversed(client_history(db=db, client_id=cid))
    ]
    return data
