"""UU PDP: consent rules, the audit trail, erasure down to the bytes of the file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import String, Text
from sqlmodel import select

from klinik.db.models import AuditEvent, Client, MentoringSession
from klinik.errors import Refusal, ValidationError
from klinik.exchange.export import export_rows
from klinik.services import (
    cases,
    clients,
    consultants,
    letters,
    outcomes,
    privacy,
    referrals,
    reporting,
    sessions,
)
from klinik.services.audit import case_history, client_history, list_events
from klinik.services.settings import set_settings

NIK = "6271054508900001"
OWNER = "Ratna Sumiwati"
BUSINESS = "Kerupuk Haruan Ratna"
PHONE_LOCAL = "0813-5077-4411"
PHONE_E164 = "+6281350774411"
ADDRESS = "Jl. Kinibalu Gang Purnama 17"
NOTE = "Bu Ratna Sumiwati minta dibantu menghitung HPP kerupuk haruan"

SECRETS = [NIK, OWNER, BUSINESS, PHONE_E164, "81350774411", ADDRESS, "Purnama 17", "Sumiwati"]


@pytest.fixture
def world(store):
    with store.session() as db:
        siti = consultants.create_consultant(db=db, name="Siti Rahmawati")
        set_settings(db=db, current_consultant_id=siti.id)
        client = clients.create_client(
            db=db,
            business_name=BUSINESS,
            owner_name=OWNER,
            nik=NIK,
            phone=PHONE_LOCAL,
            address=ADDRESS,
            kecamatan="Jekan Raya",
            kabupaten_code="6271",
            products="kerupuk ikan haruan",
            notes=f"Pemilik: {OWNER}",
        )
        privacy.record_consent(
            db=db, client_id=client.id, given_on="2026-01-05", method="tertulis",
            purposes=["pendampingan", "rujukan"], recorded_by_id=siti.id,
        )  # fmt: skip
        clients.add_size_record(
            db=db, client_id=client.id, recorded_on="2026-01-05", omzet=150_000_000
        )
        case = cases.open_case(
            db=db, client_id=client.id, title=f"SPP-IRT {BUSINESS}",
            goal=f"{OWNER} mendapat SPP-IRT", consultant_id=siti.id, opened_on="2026-01-05",
        )  # fmt: skip
        for day in ("2026-01-10", "2026-02-10"):
            sessions.log_session(
                db=db, case_id=case.id, held_on=day, minutes=90, mode="kunjungan_lapangan",
                areas=["produksi"], summary=NOTE, next_steps=f"{OWNER} menyiapkan label",
                consultant_id=siti.id,
            )  # fmt: skip
        sessions.add_follow_up(
            db=db, case_id=case.id, description=f"Telepon {OWNER} di {PHONE_LOCAL}"
        )
        referral = referrals.create_referral(
            db=db, case_id=case.id, agency_id="DINKES-PKY", purpose="spp_irt",
            note=f"{OWNER} siap diperiksa",
        )  # fmt: skip
        letter = letters.issue_referral_letter(db=db, referral_id=referral.id, on=date(2026, 2, 11))
        outcomes.record_outcome(
            db=db, client_id=client.id, case_id=case.id, kind="licence",
            licence_kind="spp_irt", occurred_on="2026-03-01", note=f"P-IRT untuk {OWNER}",
        )  # fmt: skip
    return {"client": client.id, "case": case.id, "letter": letter, "siti": siti.id}


def test_every_change_writes_one_audit_row_with_field_names_never_values(store, world):
    with store.session() as db:
        clients.update_client(db=db, client_id=world["client"], phone="0812-1111-2222")
        clients.archive_client(db=db, client_id=world["client"])
        clients.restore_client(db=db, client_id=world["client"])
    with store.session() as db:
        history = client_history(db=db, client_id=world["client"])
        rows = list(db.exec(select(AuditEvent)))
    newest = history[:3]
    assert [(e.action, e.entity, e.fields) for e in newest] == [
        ("unarchive", "client", ["archived_at"]),
        ("archive", "client", ["archived_at"]),
        ("update", "client", ["phone"]),
    ]
    assert newest[2].personal and newest[2].consultant == "Siti Rahmawati"
    assert newest[2].fields_text() == "No. HP"
    created = [e for e in history if e.action == "create"]
    assert {e.entity for e in created} >= {
        "client", "consent", "size_record", "case", "session", "follow_up", "referral",
        "letter", "outcome",
    }  # fmt: skip
    client_created = next(e for e in created if e.entity == "client")
    assert "nik" in client_created.fields and "owner_name" in client_created.fields
    dump = json.dumps([r.model_dump(mode="json") for r in rows])
    for secret in (NIK, "1111-2222", "6281211112222", OWNER):
        assert secret not in dump


def test_a_change_that_rolls_back_leaves_no_audit_row(store, world):
    with store.session() as db:
        before = len(list(db.exec(select(AuditEvent))))
    with pytest.raises(RuntimeError), store.session() as db:
        clients.update_client(db=db, client_id=world["client"], owner_name="Orang Lain")
        raise RuntimeError("listrik padam")
    with store.session() as db:
        assert len(list(db.exec(select(AuditEvent)))) == before
        assert db.get(Client, world["client"]).owner_name == OWNER


def test_a_case_history_holds_its_sessions_and_printed_summary(store, world):
    from klinik.services.documents import case_summary

    with store.session() as db:
        case_summary(db=db, case_id=world["case"])
    with store.session() as db:
        history = case_history(db=db, case_id=world["case"])
    kinds = [(e.action, e.entity) for e in history]
    assert kinds[0] == ("print", "summary")
    assert kinds.count(("create", "session")) == 2
    assert ("create", "case") in kinds and ("print", "letter") in kinds


def test_consent_needs_a_purpose_and_a_withdrawal_after_it(store, world):
    with store.session() as db, pytest.raises(ValidationError) as info:
        privacy.record_consent(
            db=db, client_id=world["client"], given_on="2026-04-01", method="lisan",
            purposes=[],
        )  # fmt: skip
    assert "paling sedikit satu keperluan" in info.value.for_field("purposes")
    with store.session() as db, pytest.raises(ValidationError) as info:
        privacy.withdraw_consent(db=db, client_id=world["client"], withdrawn_on="2025-12-01")
    assert "sebelum" in info.value.for_field("withdrawn_on")
    with store.session() as db:
        privacy.withdraw_consent(db=db, client_id=world["client"], withdrawn_on="2026-04-02")
        assert privacy.current_consent(db=db, client_id=world["client"]) is None
        history = privacy.consent_history(db=db, client_id=world["client"])
        assert history[0].withdrawn_on == date(2026, 4, 2)
        with pytest.raises(ValidationError):
            privacy.withdraw_consent(db=db, client_id=world["client"])


def _file_bytes(data_dir: Path) -> bytes:
    out = b""
    for name in ("klinik.sqlite3", "klinik.sqlite3-wal"):
        path = data_dir / name
        if path.exists():
            out += path.read_bytes()
    return out


def _audit_texts(db) -> list[str]:
    """Every text value of every ``audit_event`` row (fields, action, entity, detail ...)."""
    table = AuditEvent.__table__
    columns = [c for c in table.columns if isinstance(c.type, (String, Text))]
    assert {"fields", "detail"} <= {c.name for c in columns}
    rows = db.exec(select(*columns)).all()
    return [value for row in rows for value in row if isinstance(value, str)]


def test_erasure_leaves_no_byte_of_personal_data_in_the_file(store, world, data_dir, tmp_path):
    letter_file = letters.letter_path(world["letter"])
    assert letter_file.exists()
    # The consultant looked the client up by name, by business and by NIK in export filters:
    # what was typed is the client's personal data too, and must not outlive the erasure.
    searches = [("clients", OWNER, 1), ("cases", BUSINESS, 1), ("clients", NIK, 0)]
    for n, (kind, words, found) in enumerate(searches):
        summary = export_rows(
            store=store, kind=kind, format="csv", out=tmp_path / f"daftar-{n}.csv",
            filters={"search": words, "kabupaten": "6271"},
        )  # fmt: skip
        assert summary.rows == found
    with store.session() as db:
        before = reporting.period_figures(
            db=db, date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)
        )
    raw = _file_bytes(data_dir)
    assert all(s.encode() in raw for s in (NIK, OWNER, ADDRESS))  # the test can fail

    steps = []
    result = privacy.erase_and_purge(store=store, client_id=world["client"], step=steps.append)
    assert steps == [1, 2, 3] and result.letter_files == [str(letter_file)]

    raw = _file_bytes(data_dir)
    for secret in SECRETS:
        assert secret.encode("utf-8") not in raw, secret
        assert secret.encode("utf-16-le") not in raw, secret
    assert not letter_file.exists()
    with store.session() as db:
        audit_texts = _audit_texts(db)
        for secret in SECRETS:
            assert not [t for t in audit_texts if secret in t], secret
        assert len(list_events(db=db, action="export")) == 3  # the exports stay recorded
        client = db.get(Client, world["client"])
        assert client.business_name == f"Klien terhapus #{client.id}"
        assert client.erased_at is not None and client.nik is None
        assert client.kabupaten_code == "6271"  # anonymous facts stay
        held = list(db.exec(select(MentoringSession)))
        assert [s.minutes for s in held] == [90, 90] and not any(s.summary for s in held)
        after = reporting.period_figures(
            db=db, date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)
        )
        erase = list_events(db=db, action="erase")
        assert [e.entity for e in erase if e.entity == "client"] == ["client"]
        assert {"session", "letter", "follow_up", "referral", "case"} <= {e.entity for e in erase}
        with pytest.raises(Refusal, match="sudah dihapus"):
            letters.letter_pdf(db=db, referral_id=world["letter"].referral_id)
        with pytest.raises(Refusal, match="sudah dihapus"):
            privacy.erase_client(db=db, client_id=world["client"])
    assert after.sessions == before.sessions and after.minutes == before.minutes
    assert after.licences_total == before.licences_total == 1
    assert after.clients_assisted == before.clients_assisted
