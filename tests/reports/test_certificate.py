"""Surat Keterangan Pendampingan read back from the PDF: its figures are the client's held
sessions, it is numbered from the letters' register, frozen, and refused as a referral
letter is (no consent, no letterhead) or when there is nothing to state."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from sqlmodel import select

from klinik.db.models import IssuedLetter
from klinik.errors import Refusal
from klinik.services import (
    cases,
    certificates,
    clients,
    consultants,
    letters,
    outcomes,
    privacy,
    referrals,
    sessions,
)
from klinik.services.audit import list_events
from klinik.services.settings import set_settings

TODAY = date.today()


def text_of(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )


def mentored_client(
    db, *, consent=True, held=(90, 60, 45), planned=True, name="Madu Kelulut Bu Ani"
):
    consultant = consultants.create_consultant(db=db, name="Siti Rahmawati")
    client = clients.create_client(
        db=db, business_name=name, owner_name="Ani Lestari", nik="6271054508900001",
        nib="1234567890123", phone="0812-3456-7890", kabupaten_code="6211",
        products="madu kelulut, propolis", address="Jl. Kapuas No. 3",
    )  # fmt: skip
    if consent:
        privacy.record_consent(
            db=db, client_id=client.id, given_on=TODAY - timedelta(days=200),
            method="tertulis", purposes=["pendampingan", "rujukan"],
        )  # fmt: skip
    case = cases.open_case(
        db=db, client_id=client.id, title="Izin edar madu", consultant_id=consultant.id,
        opened_on=TODAY - timedelta(days=150),
    )  # fmt: skip
    first = TODAY - timedelta(days=120)
    for i, minutes in enumerate(held):
        sessions.log_session(
            db=db, case_id=case.id, held_on=first + timedelta(days=30 * i),
            minutes=minutes, areas=["produksi", "pemasaran"] if i else ["sdm"],
            summary="Pendampingan",
        )  # fmt: skip
    if planned:  # a planned session is not mentoring yet
        sessions.log_session(
            db=db, case_id=case.id, held_on=TODAY + timedelta(days=7), minutes=600,
            areas=["it"], summary="Rencana",
        )  # fmt: skip
    clients.add_licence(
        db=db, client_id=client.id, kind="spp_irt", number="P-IRT 2156211010123-26",
        status="obtained", issued_on=first + timedelta(days=40),
    )  # fmt: skip
    clients.add_licence(  # obtained before the clinic ever saw the business: not an outcome
        db=db, client_id=client.id, kind="nib", number="1234567890123",
        status="obtained", issued_on=first - timedelta(days=400),
    )  # fmt: skip
    outcomes.record_outcome(
        db=db, client_id=client.id, kind="financing", scheme="kur", amount=25_000_000,
        institution="BRI Kuala Kapuas", occurred_on=first + timedelta(days=70),
    )  # fmt: skip
    return client


def test_the_statement_states_the_clients_held_sessions_and_what_was_reached(db):
    client = mentored_client(db)
    letter = certificates.issue_certificate(db=db, client_id=client.id, agency_id="BRI-PKY")
    text = text_of(certificates.certificate_pdf(db=db, letter_id=letter.id))
    first = TODAY - timedelta(days=120)
    from klinik.domain.formatting import format_date

    assert "SURAT KETERANGAN PENDAMPINGAN" in text and f"Nomor: {letter.number}" in text
    # 3 held sessions of 90 + 60 + 45 minutes; the planned one is not counted
    assert f"sejak {format_date(first)}" in text
    assert "dalam 3 sesi pendampingan dengan jumlah waktu 3,3 jam" in text
    assert (
        "pada bidang SDM, produksi, dan pemasaran." in text
        and "IT" not in text.split("bidang")[1][:40]
    )
    assert "Memperoleh SPP-IRT (P-IRT) nomor 215621101012326" in text  # as the record keeps it
    assert "Memperoleh pembiayaan KUR sebesar Rp25.000.000 dari BRI Kuala Kapuas" in text
    assert "Memperoleh NIB" not in text  # held before the mentoring began
    assert "madu kelulut dan propolis" in text and "6271054508900001" in text
    assert "untuk melengkapi permohonan kepada PT Bank Rakyat Indonesia" in text
    assert "Demikian surat keterangan ini dibuat dengan sebenarnya" in text
    assert not re.search(r"\b(klien|financing|spp_irt|kur)\b", text)
    assert (
        len(PdfReader(io.BytesIO(certificates.certificate_pdf(db=db, letter_id=letter.id))).pages)
        == 1
    )


def test_it_is_numbered_from_the_register_of_referral_letters_and_frozen(db):
    client = mentored_client(db)
    first = certificates.issue_certificate(db=db, client_id=client.id)
    number = referrals.issue_letter_number(db=db)
    second = certificates.issue_certificate(db=db, client_id=client.id)
    assert (first.seq, number.seq, second.seq) == (1, 2, 3)
    assert (first.kind, first.client_id) == ("keterangan", client.id)
    before = certificates.certificate_pdf(db=db, letter_id=first.id)
    clients.update_client(db=db, client_id=client.id, business_name="Nama Lain Sekali")
    letters.letter_path(first).unlink()  # the file is lost: rendered again from its content
    again = certificates.certificate_pdf(db=db, letter_id=first.id)
    assert again == before and "Nama Lain Sekali" not in text_of(again)
    assert [c.id for c in certificates.list_certificates(db=db, client_id=client.id)] == [
        second.id, first.id,
    ]  # fmt: skip


def test_refused_without_consent_without_letterhead_and_without_a_session(db, store):
    client = mentored_client(db, consent=False)
    with pytest.raises(Refusal, match="belum menyetujui"):
        certificates.issue_certificate(db=db, client_id=client.id)
    fresh = clients.create_client(db=db, business_name="Baru Datang", owner_name="Budi")
    privacy.record_consent(
        db=db, client_id=fresh.id, given_on=TODAY, method="tertulis",
        purposes=["pendampingan", "rujukan"],
    )  # fmt: skip
    with pytest.raises(Refusal, match="Belum ada sesi pendampingan"):
        certificates.issue_certificate(db=db, client_id=fresh.id)
    set_settings(db=db, signer_name="")
    with pytest.raises(Refusal, match="signer_name"):
        certificates.issue_certificate(db=db, client_id=fresh.id)
    # no number was used by any refusal
    assert db.exec(select(IssuedLetter)).all() == []


def test_issuing_and_every_print_are_in_the_audit_trail_by_field_names(db):
    client = mentored_client(db)
    letter = certificates.issue_certificate(db=db, client_id=client.id)
    certificates.certificate_pdf(db=db, letter_id=letter.id)  # handed out: not twice
    certificates.certificate_pdf(db=db, letter_id=letter.id)  # a reprint: recorded
    events = [e for e in list_events(db=db) if (e.entity, e.action) == ("letter", "print")]
    assert len(events) == 2 and all(e.leaves_machine for e in events)
    assert "6271054508900001" not in repr([vars(e) for e in events])


def test_the_command_line_issues_it_and_says_so(store, tmp_path):
    with store.session() as db:
        client = mentored_client(db)
        client_id = client.id
    out = tmp_path / "keterangan.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "klinik", "letter", "--certificate", str(client_id),
         "--out", str(out), "--to", "DISKOPUKM-KT"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Surat keterangan 001/" in done.stderr and "diterbitkan" in done.stderr
    assert "Dinas Koperasi" in text_of(out.read_bytes())
    both = subprocess.run(
        [sys.executable, "-m", "klinik", "letter", "1", "--certificate", str(client_id),
         "--out", str(out)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert both.returncode == 2 and "Traceback" not in both.stderr
    assert "--certificate CLIENT_ID" in both.stderr
