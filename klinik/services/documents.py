"""Every document but the letters, one way: fetch the read model → build the PDF
(``klinik.reports``) → write the file, when there is one → record the print in the audit trail.

Letters and certificates keep their own issuing (numbers, frozen content): services/letters.py
and services/certificates.py. To add a document: a read model in services (readmodels.py or the
topic's module), a builder in ``klinik/reports`` that takes it and returns bytes, and a
function here that joins the two and records what left the machine.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from klinik.db.audit import record_event
from klinik.errors import KnownError
from klinik.lazy import lazy_function, lazy_module
from klinik.services import readmodels
from klinik.services.clients import get_client
from klinik.services.reporting import period_report_data
from klinik.services.settings import get_settings

period_pdf = lazy_module("klinik.reports.period")  # reportlab only when a document is made
build_access_report = lazy_function("klinik.reports.access", "build_access_report")
safe_filename = lazy_function("klinik.reports.base", "safe_filename")
write_atomic = lazy_function("klinik.reports.base", "write_atomic")
build_consent_form = lazy_function("klinik.reports.consent", "build_consent_form")
case_summary_pdf = lazy_function("klinik.reports.summary", "case_summary_pdf")
client_summary_pdf = lazy_function("klinik.reports.summary", "client_summary_pdf")

# --- Ringkasan Pendampingan ------------------------------------------------------------------


def _record_summary(db: Session, case_id: int | None, client_id: int) -> None:
    """A summary names the owner and holds the mentoring notes: it is recorded."""
    record_event(
        db,
        action="print",
        entity="summary",
        record_id=case_id,
        client_id=client_id,
        fields=["owner_name", "phone", "summary"],
        leaves_machine=True,
    )


def case_summary(
    *,
    db: Session,
    case_id: int | str,
    settings: dict[str, Any] | None = None,
    printed_on: date | None = None,
) -> bytes:
    """The Ringkasan Pendampingan of one case, as PDF bytes; the print is recorded."""
    printed_on = printed_on or date.today()
    settings = settings if settings is not None else get_settings(db=db)
    timeline = readmodels.case_timeline(db=db, case_id=case_id, today=printed_on)
    case = timeline.detail.case
    profile = readmodels.client_profile(db=db, client_id=case.client_id)
    pdf = case_summary_pdf(profile, timeline, settings=settings, printed_on=printed_on)
    _record_summary(db, case.id, case.client_id)
    return pdf


def client_summary(
    *,
    db: Session,
    client_id: int | str,
    settings: dict[str, Any] | None = None,
    printed_on: date | None = None,
) -> bytes:
    """The Ringkasan Pendampingan of a client across all its cases; the print is recorded."""
    printed_on = printed_on or date.today()
    settings = settings if settings is not None else get_settings(db=db)
    summary = readmodels.client_summary(db=db, client_id=client_id, today=printed_on)
    pdf = client_summary_pdf(summary, settings=settings, printed_on=printed_on)
    _record_summary(db, None, summary.profile.client.id)
    return pdf


# --- the period report -------------------------------------------------------------------------


def period_report(
    *,
    db: Session,
    date_from: date,
    date_to: date,
    consultant_id: int | None = None,
    kabupaten: str | None = None,
    settings: dict[str, Any] | None = None,
    printed_on: date | None = None,
) -> bytes:
    """The period report as PDF bytes (A4). Sessions after ``printed_on`` count as planned."""
    if settings is None:
        settings = get_settings(db=db)
    printed_on = printed_on or date.today()
    report = period_report_data(
        db=db,
        date_from=date_from,
        date_to=date_to,
        consultant_id=consultant_id,
        kabupaten=kabupaten,
        today=printed_on,
        naik_kelas_limit=period_pdf.NAIK_KELAS_LISTED,
    )
    pdf = period_pdf.period_report_pdf(report, settings=settings, printed_on=printed_on)
    # Figures only, but the naik-kelas list names businesses: the print is recorded.
    record_event(
        db,
        action="print",
        entity="report",
        personal=False,
        leaves_machine=True,
        fields=["business_name"],
        detail={"from": date_from, "to": date_to, "kabupaten": kabupaten},
    )
    return pdf


# --- privacy documents ---------------------------------------------------------------------------


def consent_form(*, db: Session, client_id: int | str | None = None) -> bytes:
    """The consent form to print and sign: filled with the client's identity and current
    choices, or blank (``client_id`` None) for a new client. A filled form is recorded."""
    settings = get_settings(db=db)
    client = consent = None
    if client_id is not None:
        found, client, consent = readmodels.consent_form_data(db=db, client_id=client_id)
        record_event(
            db,
            action="print",
            entity="consent_form",
            record_id=found.id,
            client_id=found.id,
            fields=["owner_name", "nik", "phone", "address"],
            leaves_machine=True,
        )
    return build_consent_form(clinic=settings, client=client, consent=consent)


def access_copy(*, db: Session, client_id: int | str, folder: str | Path) -> tuple[Path, Path]:
    """Ekspor semua data klien ini: ``<name>.json`` (everything, machine-readable) and
    ``<name>.pdf`` (the same, readable) in ``folder``; recorded as data that left."""
    client = get_client(db=db, client_id=client_id)
    data = readmodels.client_data(db=db, client_id=client.id)
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise KnownError(f"{target} bukan folder; pilih folder tujuan.")
    stem = safe_filename(
        f"Data pribadi {client.business_name} {date.today().isoformat()}", suffix=""
    )
    json_path = target / f"{stem}.json"
    pdf_path = target / f"{stem}.pdf"
    pdf = build_access_report(data, clinic=get_settings(db=db))
    try:
        target.mkdir(parents=True, exist_ok=True)
        write_atomic(
            json_path, json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
        )
        write_atomic(pdf_path, pdf)
    except OSError as exc:
        raise KnownError(f"Berkas di {target} tidak dapat ditulis: {exc.strerror or exc}") from exc
    record_event(
        db,
        action="access",
        entity="client",
        record_id=client.id,
        client_id=client.id,
        leaves_machine=True,
        detail={"formats": ["json", "pdf"]},
    )
    return json_path, pdf_path
