"""Personal data under UU PDP No. 27/2022: consent, the owner's copy, erasure.

- Consent: a record per agreement (date, written or verbal, purposes, text version, who
  recorded it); a change of purposes is a new record; withdrawal dates the newest one. A
  client's consent is its newest record unless withdrawn. Letters need "rujukan", exports
  with personal data need "asosiasi".
- Access: ``client_data`` is everything the store holds about one client, with its
  processing history (the audit events), ready for JSON and the readable PDF.
- Erasure: ``erase_client`` removes names, NIK, phone, address and every free text of the
  client's records, keeping dates, durations, areas, sizes and outcomes so reports still
  count them; ``purge_free_space`` (after the commit) makes SQLite forget the old bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from klinik.db.audit import record_event
from klinik.db.models import (
    Agency,
    Case,
    CaseArea,
    CaseStatusChange,
    Client,
    Consent,
    Consultant,
    FollowUp,
    ImportBatch,
    IssuedLetter,
    Kabupaten,
    Licence,
    MentoringSession,
    Outcome,
    Referral,
    ReferralPurpose,
    SessionArea,
    Setting,
    SizeRecord,
    utcnow,
)
from klinik.domain.consent import TEXT_VERSION
from klinik.domain.vocab import ConsentMethod, ConsentPurpose
from klinik.errors import FieldError, KnownError, Refusal, ValidationError
from klinik.services.audit import client_history
from klinik.services.clients import build_search_text, get_client
from klinik.services.validation import Checker

PURPOSE_FIELDS = {
    ConsentPurpose.MENTORING: "for_mentoring",
    ConsentPurpose.REFERRAL: "for_referral",
    ConsentPurpose.SHARING: "for_sharing",
}


# --- consent ---------------------------------------------------------------------------------


def _newest_consent(session: Session, client_id: int) -> Consent | None:
    return session.exec(
        select(Consent)
        .where(Consent.client_id == client_id)
        .order_by(Consent.given_on.desc(), Consent.id.desc())
    ).first()


def current_consent(*, session: Session, client_id: int | str) -> Consent | None:
    """The consent in force: the newest record, unless it was withdrawn."""
    client = get_client(session=session, client_id=client_id)
    newest = _newest_consent(session, client.id)
    return in_force([newest] if newest else [])


def in_force(records: list[Consent]) -> Consent | None:
    """The consent in force from a client's records, newest first: the newest, unless it
    was withdrawn (then none)."""
    return records[0] if records and records[0].withdrawn_on is None else None


def consent_history(*, session: Session, client_id: int | str) -> list[Consent]:
    """Every consent record of the client, newest first."""
    client = get_client(session=session, client_id=client_id)
    return list(
        session.exec(
            select(Consent)
            .where(Consent.client_id == client.id)
            .order_by(Consent.given_on.desc(), Consent.id.desc())
        )
    )


def consents_to(*, session: Session, client_id: int, purpose: ConsentPurpose) -> bool:
    consent = current_consent(session=session, client_id=client_id)
    return bool(consent is not None and getattr(consent, PURPOSE_FIELDS[purpose]))


def clients_consenting(
    *, session: Session, client_ids: Iterable[int], purpose: ConsentPurpose
) -> set[int]:
    """Which of ``client_ids`` consent to ``purpose`` now (one query for a page of rows)."""
    ids = list(dict.fromkeys(client_ids))
    if not ids:
        return set()
    # The newest record by (given_on, id) decides; a page of rows holds few clients.
    rows = session.exec(
        select(Consent)
        .where(Consent.client_id.in_(ids))
        .order_by(Consent.client_id, Consent.given_on, Consent.id)
    ).all()
    latest: dict[int, Consent] = {}
    for row in rows:
        latest[row.client_id] = row
    field = PURPOSE_FIELDS[purpose]
    return {cid for cid, c in latest.items() if in_force([c]) and getattr(c, field)}


def _check_consent(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    c = Checker(data)
    out: dict[str, Any] = {
        "given_on": c.date("given_on", required=True, not_future=True),
        "method": c.choice("method", ConsentMethod, required=True),
    }
    purposes = c.choices("purposes", ConsentPurpose, required=True)
    for purpose, field in PURPOSE_FIELDS.items():
        out[field] = purpose.value in purposes
    out["text_version"] = c.text("text_version", max_length=20) or TEXT_VERSION
    out["note"] = c.text("note", max_length=300) or ""
    recorder = data.get("recorded_by_id")
    if recorder not in (None, ""):
        try:
            recorder = int(recorder)
        except (TypeError, ValueError):
            recorder = None
        if recorder is None or session.get(Consultant, recorder) is None:
            c.fail("recorded_by_id", "Pilih konsultan yang mencatat persetujuan.")
    out["recorded_by_id"] = recorder or None
    c.raise_if_errors()
    return out


def record_consent(*, session: Session, client_id: int | str, **fields: Any) -> Consent:
    """Record a consent (fields: given_on, method, purposes, text_version, recorded_by_id,
    note). It becomes the client's consent; earlier records stay as history."""
    client = get_client(session=session, client_id=client_id)
    if client.erased_at is not None:
        raise Refusal("Data pribadi klien ini sudah dihapus; persetujuan tidak bisa dicatat.")
    values = _check_consent(session, fields)
    consent = Consent(client_id=client.id, **values)
    session.add(consent)
    session.flush()
    return consent


def withdraw_consent(
    *,
    session: Session,
    client_id: int | str,
    withdrawn_on: Any = None,
    withdrawn_by_id: int | None = None,
    note: str = "",
) -> Consent:
    """The owner withdraws consent: the record in force gets the date; nothing new may be
    sent to agencies or associations from then on."""
    consent = current_consent(session=session, client_id=client_id)
    if consent is None:
        raise ValidationError(
            FieldError("withdrawn_on", "Klien ini tidak punya persetujuan yang berlaku.")
        )
    c = Checker({"withdrawn_on": withdrawn_on or date.today(), "note": note})
    on = c.date("withdrawn_on", required=True, not_future=True)
    text = c.text("note", max_length=300) or ""
    if on is not None and on < consent.given_on:
        c.fail("withdrawn_on", "Tanggal penarikan tidak boleh sebelum persetujuan diberikan.")
    c.raise_if_errors()
    consent.withdrawn_on = on
    consent.withdrawn_by_id = withdrawn_by_id
    consent.withdrawal_note = text
    consent.updated_at = utcnow()
    session.add(consent)
    session.flush()
    return consent


def describe_consent(consent: Consent | None) -> str:
    """One line in Indonesian: what the client agreed to, or that nothing is agreed."""
    if consent is None:
        return "Belum ada persetujuan yang berlaku."
    purposes = [p.label_id for p, f in PURPOSE_FIELDS.items() if getattr(consent, f)]
    method = ConsentMethod(consent.method).label_id
    return (
        f"{', '.join(purposes) or 'tidak ada keperluan'} "
        f"(sejak {consent.given_on.strftime('%d-%m-%Y')}, {method.lower()}, "
        f"teks versi {consent.text_version})"
    )


def require_consent(*, session: Session, client_id: int, purpose: ConsentPurpose) -> None:
    """Refuse, with what to do, when the client has not agreed to ``purpose``."""
    if consents_to(session=session, client_id=client_id, purpose=purpose):
        return
    client = session.get(Client, client_id)
    name = client.business_name if client else f"#{client_id}"
    raise Refusal(
        f"Klien {name} belum menyetujui keperluan '{purpose.label_id}' "
        "(UU PDP). Catat persetujuannya dulu: Klien → Persetujuan → Catat persetujuan."
    )


# --- the owner's copy (access request) ------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _row(obj: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    skipped = {"search_text", *skip}
    return {k: _plain(v) for k, v in obj.model_dump().items() if k not in skipped}


def client_data(*, session: Session, client_id: int | str) -> dict[str, Any]:
    """Everything the store holds about one client, with its processing history."""
    client = get_client(session=session, client_id=client_id)
    cid = client.id
    consultants = {c.id: c.name for c in session.exec(select(Consultant))}
    kab = session.get(Kabupaten, client.kabupaten_code) if client.kabupaten_code else None
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
            for c in session.exec(
                select(Consent).where(Consent.client_id == cid).order_by(Consent.id)
            )
        ],
        "size_records": [
            _row(r)
            for r in session.exec(
                select(SizeRecord).where(SizeRecord.client_id == cid).order_by(SizeRecord.id)
            )
        ],
        "licences": [
            _row(r)
            for r in session.exec(
                select(Licence).where(Licence.client_id == cid).order_by(Licence.id)
            )
        ],
        "cases": [],
        "outcomes": [
            _row(r)
            for r in session.exec(
                select(Outcome).where(Outcome.client_id == cid).order_by(Outcome.id)
            )
        ],
    }
    for case in session.exec(select(Case).where(Case.client_id == cid).order_by(Case.id)):
        areas = list(session.exec(select(CaseArea.area).where(CaseArea.case_id == case.id)))
        sessions = []
        for s in session.exec(
            select(MentoringSession)
            .where(MentoringSession.case_id == case.id)
            .order_by(MentoringSession.held_on, MentoringSession.id)
        ):
            s_areas = list(
                session.exec(select(SessionArea.area).where(SessionArea.session_id == s.id))
            )
            sessions.append(
                _row(s) | {"areas": s_areas, "consultant": consultants.get(s.consultant_id)}
            )
        referrals = []
        for r in session.exec(
            select(Referral).where(Referral.case_id == case.id).order_by(Referral.id)
        ):
            letters = [
                _row(letter, skip=("content",))
                | {"content": json.loads(letter.content) if letter.content else None}
                for letter in session.exec(
                    select(IssuedLetter).where(IssuedLetter.referral_id == r.id)
                )
            ]
            agency = session.get(Agency, r.agency_id)
            purpose = session.exec(
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
                    for ch in session.exec(
                        select(CaseStatusChange)
                        .where(CaseStatusChange.case_id == case.id)
                        .order_by(CaseStatusChange.id)
                    )
                ],
                "sessions": sessions,
                "follow_ups": [
                    _row(f)
                    for f in session.exec(
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
        for e in reversed(client_history(session=session, client_id=cid))
    ]
    return data


# --- erasure ---------------------------------------------------------------------------------

# Client fields that are personal (emptied) versus business facts kept for anonymous counts
# (kabupaten, sector, KBLI, products, legal form, year started, channels, readiness, gender).
_CLIENT_ERASED: dict[str, Any] = {
    "owner_name": "",
    "nik": None,
    "birth_date": None,
    "education": None,
    "disability": None,
    "phone": None,
    "whatsapp": None,
    "email": None,
    "address": "",
    "kecamatan": "",
    "kelurahan": "",
    "latitude": None,
    "longitude": None,
    "nib": None,
    "npwp": None,
    "association": "",
    "notes": "",
}

ERASED_TEXT = "(dihapus)"


@dataclasses.dataclass
class ErasureResult:
    client_id: int
    records: int  # records whose personal data was removed
    letter_files: list[str]  # letter PDFs to delete once the transaction committed
    finished_earlier: bool = False  # an earlier erasure whose purge had failed, now completed


def erase_client(*, session: Session, client_id: int | str) -> ErasureResult:
    """Remove the client's personal data in the caller's transaction (see the module doc).

    The caller commits, then deletes ``letter_files`` and calls ``purge_free_space``."""
    from klinik.services.letters import letter_path

    client = get_client(session=session, client_id=client_id)
    if client.erased_at is not None:
        raise Refusal(f"Data pribadi klien #{client.id} sudah dihapus sebelumnya.")
    session.info["erasing"] = True
    count = 0
    try:
        for field, value in _CLIENT_ERASED.items():
            setattr(client, field, value)
        client.business_name = f"Klien terhapus #{client.id}"
        client.products = ""
        client.erased_at = utcnow()
        client.search_text = build_search_text(client)
        session.add(client)
        count += 1
        for r in session.exec(select(SizeRecord).where(SizeRecord.client_id == client.id)):
            r.source, r.correction_reason, r.production_capacity = "", None, ""
            session.add(r)
            count += 1
        for r in session.exec(select(Licence).where(Licence.client_id == client.id)):
            r.number, r.note = None, ""
            session.add(r)
            count += 1
        for r in session.exec(select(Consent).where(Consent.client_id == client.id)):
            r.note, r.withdrawal_note = "", ""
            session.add(r)
        for r in session.exec(select(Outcome).where(Outcome.client_id == client.id)):
            r.note = ""
            session.add(r)
            count += 1
        letter_files: list[str] = []
        case_ids = []
        for case in session.exec(select(Case).where(Case.client_id == client.id)):
            case_ids.append(case.id)
            case.title, case.goal = f"Kasus #{case.id}", ""
            if case.closed_reason:
                case.closed_reason = ERASED_TEXT
            session.add(case)
            count += 1
        if case_ids:
            for r in session.exec(
                select(CaseStatusChange).where(CaseStatusChange.case_id.in_(case_ids))
            ):
                if r.reason:
                    r.reason = ERASED_TEXT
                    session.add(r)
            for r in session.exec(
                select(MentoringSession).where(MentoringSession.case_id.in_(case_ids))
            ):
                r.summary, r.recommendations, r.next_steps = "", "", ""
                session.add(r)
                count += 1
            for r in session.exec(select(FollowUp).where(FollowUp.case_id.in_(case_ids))):
                r.description = ERASED_TEXT
                session.add(r)
                count += 1
            for r in session.exec(select(Referral).where(Referral.case_id.in_(case_ids))):
                r.note, r.outcome = "", ""
                session.add(r)
                count += 1
                for letter in session.exec(
                    select(IssuedLetter).where(IssuedLetter.referral_id == r.id)
                ):
                    if letter.file_name:
                        letter_files.append(str(letter_path(letter)))
                    letter.content = json.dumps({"erased": True, "number": letter.number})
                    letter.file_name, letter.sha256 = None, None
                    if letter.cancel_reason:
                        letter.cancel_reason = ERASED_TEXT
                    session.add(letter)
                    count += 1
        session.flush()
    finally:
        session.info.pop("erasing", None)
    # An import's undo record keeps the values it merged: forget those of this client.
    for batch in session.exec(select(ImportBatch)):
        content = json.loads(batch.content)
        entries = content.get("created", []) + content.get("merged", [])
        if any(e.get("client_id") == client.id for e in entries):
            session.delete(batch)
    _mark_purge_pending(session, client.id, letter_files)
    return ErasureResult(client_id=client.id, records=count, letter_files=letter_files)


# An erasure is committed first and the file rewritten after (VACUUM needs the space of a
# second copy): until the rewrite succeeded, this setting row names what is still to purge,
# so asking again (after space was freed) finishes it instead of saying "already erased".
PURGE_PENDING_KEY = "erasure_purge_pending"


def _purge_pending(session: Session) -> dict[str, list]:
    row = session.get(Setting, PURGE_PENDING_KEY)
    pending = json.loads(row.value) if row else {}
    return {"clients": list(pending.get("clients", [])), "files": list(pending.get("files", []))}


def _mark_purge_pending(session: Session, client_id: int, files: list[str]) -> None:
    pending = _purge_pending(session)
    pending["clients"].append(client_id)
    pending["files"] += files
    row = session.get(Setting, PURGE_PENDING_KEY) or Setting(key=PURGE_PENDING_KEY, value="")
    row.value = json.dumps(pending)
    session.add(row)


def purge_pending(*, session: Session) -> list[int]:
    """Clients whose erasure is committed but whose bytes may still be in the file."""
    return _purge_pending(session)["clients"]


def erase_and_purge(
    *, store, client_id: int | str, step: Callable[[int], None] | None = None
) -> ErasureResult:
    """The whole erasure: ``erase_client`` in one transaction, then (committed, so it goes on
    to the end) the letter files and ``purge_free_space``. ``step(n)`` after each of 3 steps.

    For a client erased before whose purge failed (a full disk), only the purge is done, and
    the result says ``finished_earlier``."""
    with store.session() as db:
        client = get_client(session=db, client_id=client_id)
        pending = _purge_pending(db)
        if client.erased_at is not None and client.id in pending["clients"]:
            result = ErasureResult(client.id, 0, pending["files"], finished_earlier=True)
        else:
            result = erase_client(session=db, client_id=client.id)
    if step:
        step(1)
    for name in result.letter_files:
        # A file held open elsewhere stays; its letter no longer points to it.
        with contextlib.suppress(OSError):
            Path(name).unlink(missing_ok=True)
    if step:
        step(2)
    try:
        purge_free_space(store.engine)
    except KnownError as exc:
        raise type(exc)(
            f"{exc}\nData pribadi klien #{result.client_id} sudah dihapus dari catatannya, "
            "tetapi berkas basis data belum ditulis ulang, jadi sisa datanya mungkin masih ada "
            "di dalam berkas. Setelah masalah di atas diatasi, hapus data pribadi klien ini "
            f"sekali lagi (klinik erase {result.client_id} --yes) untuk menyelesaikannya."
        ) from exc
    if step:
        step(3)
    return result


def purge_free_space(engine) -> None:
    """Make the file forget deleted bytes: VACUUM rewrites every page from the live rows
    (secure_delete zeroes what is freed meanwhile) and the write-ahead log is emptied. Only
    then is the "purge pending" mark removed (zeroed too)."""
    import sqlite3

    from klinik.errors import known_sqlite_error

    if engine.url.get_backend_name() != "sqlite":
        return
    raw = engine.raw_connection()
    try:
        con = raw.driver_connection
        con.execute("PRAGMA secure_delete=ON")
        con.execute("VACUUM")
        con.execute("DELETE FROM setting WHERE key = ?", (PURGE_PENDING_KEY,))
        con.commit()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        known = known_sqlite_error(exc, path=engine.url.database)
        if known is None:
            raise
        raise known from exc
    finally:
        raw.close()


# --- documents ---------------------------------------------------------------------------------


def consent_form_pdf(*, session: Session, client_id: int | str | None = None) -> bytes:
    """The consent form to print and sign: filled with the client's identity and current
    choices, or blank (``client_id`` None) for a new client. A filled form is recorded."""
    from klinik.reports.consent import build_consent_form
    from klinik.services.settings import get_settings

    settings = get_settings(session=session)
    client = consent = None
    if client_id is not None:
        found = get_client(session=session, client_id=client_id)
        if found.erased_at is not None:
            raise Refusal("Data pribadi klien ini sudah dihapus.")
        kab = session.get(Kabupaten, found.kabupaten_code) if found.kabupaten_code else None
        client = _row(found) | {"kabupaten": kab.name if kab else ""}
        newest = current_consent(session=session, client_id=found.id)
        consent = _row(newest) if newest else None
        record_event(
            session,
            action="print",
            entity="consent_form",
            record_id=found.id,
            client_id=found.id,
            fields=["owner_name", "nik", "phone", "address"],
            leaves_machine=True,
        )
    return build_consent_form(clinic=settings, client=client, consent=consent)


def write_access_copy(
    *, session: Session, client_id: int | str, folder: str | Path
) -> tuple[Path, Path]:
    """Ekspor semua data klien ini: ``<name>.json`` (everything, machine-readable) and
    ``<name>.pdf`` (the same, readable) in ``folder``; recorded as data that left."""
    from klinik.reports.access import build_access_report
    from klinik.reports.base import safe_filename, write_atomic
    from klinik.services.settings import get_settings

    client = get_client(session=session, client_id=client_id)
    data = client_data(session=session, client_id=client.id)
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise KnownError(f"{target} bukan folder; pilih folder tujuan.")
    stem = safe_filename(
        f"Data pribadi {client.business_name} {date.today().isoformat()}", suffix=""
    )
    json_path = target / f"{stem}.json"
    pdf_path = target / f"{stem}.pdf"
    pdf = build_access_report(data, clinic=get_settings(session=session))
    try:
        target.mkdir(parents=True, exist_ok=True)
        write_atomic(
            json_path, json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
        )
        write_atomic(pdf_path, pdf)
    except OSError as exc:
        raise KnownError(f"Berkas di {target} tidak dapat ditulis: {exc.strerror or exc}") from exc
    record_event(
        session,
        action="access",
        entity="client",
        record_id=client.id,
        client_id=client.id,
        leaves_machine=True,
        detail={"formats": ["json", "pdf"]},
    )
    return json_path, pdf_path
