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
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from klinik import paths
from klinik.db.models import (
    Case,
    CaseStatusChange,
    Consent,
    Consultant,
    FollowUp,
    ImportBatch,
    IssuedLetter,
    Licence,
    MentoringSession,
    Outcome,
    Referral,
    Setting,
    SizeRecord,
    utcnow,
)
from klinik.domain.consent import TEXT_VERSION
from klinik.domain.vocab import ConsentMethod, ConsentPurpose
from klinik.errors import FieldError, KnownError, Refusal, ValidationError
from klinik.services import fulltext
from klinik.services.clients import build_search_text, get_client
from klinik.services.consent import (  # noqa: F401 (re-exported: the consent services)
    PURPOSE_FIELDS,
    clients_consenting,
    consent_history,
    consents_to,
    current_consent,
    in_force,
    require_consent,
)
from klinik.services.readmodels import client_data  # noqa: F401 (re-exported)
from klinik.services.validation import Checker

# --- consent ---------------------------------------------------------------------------------


def _check_consent(db: Session, data: dict[str, Any]) -> dict[str, Any]:
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
        if recorder is None or db.get(Consultant, recorder) is None:
            c.fail("recorded_by_id", "Pilih konsultan yang mencatat persetujuan.")
    out["recorded_by_id"] = recorder or None
    c.raise_if_errors()
    return out


def record_consent(*, db: Session, client_id: int | str, **fields: Any) -> Consent:
    """Record a consent (fields: given_on, method, purposes, text_version, recorded_by_id,
    note). It becomes the client's consent; earlier records stay as history."""
    client = get_client(db=db, client_id=client_id)
    if client.erased_at is not None:
        raise Refusal("Data pribadi klien ini sudah dihapus; persetujuan tidak bisa dicatat.")
    values = _check_consent(db, fields)
    consent = Consent(client_id=client.id, **values)
    db.add(consent)
    db.flush()
    return consent


def withdraw_consent(
    *,
    db: Session,
    client_id: int | str,
    withdrawn_on: Any = None,
    withdrawn_by_id: int | None = None,
    note: str = "",
) -> Consent:
    """The owner withdraws consent: the record in force gets the date; nothing new may be
    sent to agencies or associations from then on."""
    consent = current_consent(db=db, client_id=client_id)
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
    db.add(consent)
    db.flush()
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


def erase_client(*, db: Session, client_id: int | str) -> ErasureResult:
    """Remove the client's personal data in the caller's transaction (see the module doc).

    The caller commits, then deletes ``letter_files`` and calls ``purge_free_space``."""
    client = get_client(db=db, client_id=client_id)
    if client.erased_at is not None:
        raise Refusal(f"Data pribadi klien #{client.id} sudah dihapus sebelumnya.")
    db.info["erasing"] = True
    count = 0
    try:
        for field, value in _CLIENT_ERASED.items():
            setattr(client, field, value)
        client.business_name = f"Klien terhapus #{client.id}"
        client.products = ""
        client.erased_at = utcnow()
        client.search_text = build_search_text(client)
        db.add(client)
        count += 1
        for r in db.exec(select(SizeRecord).where(SizeRecord.client_id == client.id)):
            r.source, r.correction_reason, r.production_capacity = "", None, ""
            db.add(r)
            count += 1
        for r in db.exec(select(Licence).where(Licence.client_id == client.id)):
            r.number, r.note = None, ""
            db.add(r)
            count += 1
        for r in db.exec(select(Consent).where(Consent.client_id == client.id)):
            r.note, r.withdrawal_note = "", ""
            db.add(r)
        for r in db.exec(select(Outcome).where(Outcome.client_id == client.id)):
            r.note = ""
            db.add(r)
            count += 1
        letter_files: list[str] = []
        case_ids = []
        for case in db.exec(select(Case).where(Case.client_id == client.id)):
            case_ids.append(case.id)
            case.title, case.goal = f"Kasus #{case.id}", ""
            if case.closed_reason:
                case.closed_reason = ERASED_TEXT
            db.add(case)
            count += 1
        if case_ids:
            for r in db.exec(
                select(CaseStatusChange).where(CaseStatusChange.case_id.in_(case_ids))
            ):
                if r.reason:
                    r.reason = ERASED_TEXT
                    db.add(r)
            for r in db.exec(
                select(MentoringSession).where(MentoringSession.case_id.in_(case_ids))
            ):
                r.summary, r.recommendations, r.next_steps = "", "", ""
                db.add(r)
                count += 1
            for r in db.exec(select(FollowUp).where(FollowUp.case_id.in_(case_ids))):
                r.description = ERASED_TEXT
                db.add(r)
                count += 1
            for r in db.exec(select(Referral).where(Referral.case_id.in_(case_ids))):
                r.note, r.outcome = "", ""
                db.add(r)
                count += 1
                for letter in db.exec(select(IssuedLetter).where(IssuedLetter.referral_id == r.id)):
                    if letter.file_name:
                        letter_files.append(str(paths.letter_file(letter.year, letter.file_name)))
                    letter.content = json.dumps({"erased": True, "number": letter.number})
                    letter.file_name, letter.sha256 = None, None
                    if letter.cancel_reason:
                        letter.cancel_reason = ERASED_TEXT
                    db.add(letter)
                    count += 1
        db.flush()
    finally:
        db.info.pop("erasing", None)
    # An import's undo record keeps the values it merged: forget those of this client.
    for batch in db.exec(select(ImportBatch)):
        content = json.loads(batch.content)
        entries = content.get("created", []) + content.get("merged", [])
        if any(e.get("client_id") == client.id for e in entries):
            db.delete(batch)
    _mark_purge_pending(db, client.id, letter_files)
    return ErasureResult(client_id=client.id, records=count, letter_files=letter_files)


# An erasure is committed first and the file rewritten after (VACUUM needs the space of a
# second copy): until the rewrite succeeded, this setting row names what is still to purge,
# so asking again (after space was freed) finishes it instead of saying "already erased".
PURGE_PENDING_KEY = "erasure_purge_pending"


def _purge_pending(db: Session) -> dict[str, list]:
    row = db.get(Setting, PURGE_PENDING_KEY)
    pending = json.loads(row.value) if row else {}
    return {"clients": list(pending.get("clients", [])), "files": list(pending.get("files", []))}


def _mark_purge_pending(db: Session, client_id: int, files: list[str]) -> None:
    pending = _purge_pending(db)
    pending["clients"].append(client_id)
    pending["files"] += files
    row = db.get(Setting, PURGE_PENDING_KEY) or Setting(key=PURGE_PENDING_KEY, value="")
    row.value = json.dumps(pending)
    db.add(row)


def purge_pending(*, db: Session) -> list[int]:
    """Clients whose erasure is committed but whose bytes may still be in the file."""
    return _purge_pending(db)["clients"]


def erase_and_purge(
    *, store, client_id: int | str, step: Callable[[int], None] | None = None
) -> ErasureResult:
    """The whole erasure: ``erase_client`` in one transaction, then (committed, so it goes on
    to the end) the letter files and ``purge_free_space``. ``step(n)`` after each of 3 steps.

    For a client erased before whose purge failed (a full disk), only the purge is done, and
    the result says ``finished_earlier``."""
    with store.session() as db:
        client = get_client(db=db, client_id=client_id)
        pending = _purge_pending(db)
        if client.erased_at is not None and client.id in pending["clients"]:
            result = ErasureResult(client.id, 0, pending["files"], finished_earlier=True)
        else:
            result = erase_client(db=db, client_id=client.id)
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
        # The FTS indexes only mark deleted text until merged: merge before the rewrite.
        fulltext.forget_deleted(con)
        con.commit()
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
