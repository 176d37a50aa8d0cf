"""Service tests for outcomes (milestones funders ask about) and record counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from klinik.db.models import Outcome
from klinik.errors import NotFound, ValidationError
from klinik.services import cases, clients, consultants, outcomes, referrals, sessions, stats

TODAY = date.today()


def field_errors(exc: ValidationError) -> dict[str, str]:
    fields = [e.field for e in exc.errors]
    assert len(fields) == len(set(fields)), exc.errors
    return {e.field: e.message for e in exc.errors}


def n_rows(db, model) -> int:
    return db.execute(select(func.count()).select_from(model)).scalar_one()


def make_case(db, name="Amplang Bu Sari"):
    client = clients.create_client(db=db, business_name=name)
    return cases.open_case(db=db, client_id=client.id, title="KUR", opened_on="2024-01-10")


def test_record_financing_outcome_with_every_field(db):
    case = make_case(db)
    outcome = outcomes.record_outcome(
        db=db,
        case_id=case.id,
        kind="Pembiayaan",
        occurred_on="20/05/2024",
        amount="Rp50.000.000",
        amount_requested="75 juta",
        institution=" Bank Kalteng ",
        scheme="KUR",
        note="KUR mikro",
    )
    assert (outcome.client_id, outcome.case_id, outcome.kind) == (
        case.client_id,
        case.id,
        "financing",
    )
    assert (outcome.occurred_on, outcome.amount, outcome.amount_requested) == (
        date(2024, 5, 20),
        50_000_000,
        75_000_000,
    )
    assert (outcome.institution, outcome.scheme, outcome.note) == (
        "Bank Kalteng",
        "kur",
        "KUR mikro",
    )
    assert (outcome.channel, outcome.licence_kind, outcome.jobs) == (None, None, None)


@pytest.mark.parametrize(
    ("kind", "fields", "stored"),
    [
        ("licence", {"licence_kind": "SPP-IRT (P-IRT)"}, ("licence_kind", "spp_irt")),
        ("market", {"channel": "Ritel modern"}, ("channel", "modern_retail")),
        ("jobs", {"jobs": "3"}, ("jobs", 3)),
        ("omzet", {"amount": "1,2 M"}, ("amount", 1_200_000_000)),
        ("business_started", {}, ("kind", "business_started")),
        ("Izin diperoleh", {"licence_kind": "halal"}, ("kind", "licence")),
    ],
)
def test_each_kind_with_what_it_needs(db, kind, fields, stored):
    client = clients.create_client(db=db, business_name="Amplang Bu Sari")
    outcome = outcomes.record_outcome(
        db=db, client_id=client.id, kind=kind, occurred_on="2024-05-20", **fields
    )
    assert outcome.case_id is None
    assert getattr(outcome, stored[0]) == stored[1]


OUTCOME_REQUIREMENTS = [
    (
        "financing",
        {},
        {
            "institution": "Isi lembaga pemberi pembiayaan, misalnya Bank Kalteng.",
            "amount": "Isi jumlah pembiayaan yang disetujui.",
        },
    ),
    ("financing", {"amount": 10_000_000, "institution": "  "}, {"institution": "Isi lembaga"}),
    ("licence", {"amount": 1}, {"licence_kind": "Pilih jenis izin yang diperoleh."}),
    ("market", {"institution": "x"}, {"channel": "Pilih saluran pasar yang baru dibuka."}),
    ("jobs", {}, {"jobs": "Isi jumlah tenaga kerja baru."}),
    ("jobs", {"jobs": 0}, {"jobs": "Isi jumlah tenaga kerja baru."}),
    ("omzet", {"institution": "x"}, {"amount": "Isi omzet per tahun yang baru."}),
]


def test_each_kind_is_refused_without_what_it_needs(db):
    client = clients.create_client(db=db, business_name="Amplang Bu Sari")
    for kind, fields, expected in OUTCOME_REQUIREMENTS:
        with pytest.raises(ValidationError) as info:
            outcomes.record_outcome(
                db=db, client_id=client.id, kind=kind, occurred_on="2024-05-20", **fields
            )
        errors = field_errors(info.value)
        assert set(errors) == set(expected), (kind, errors)
        for field, words in expected.items():
            assert errors[field].startswith(words), (kind, errors)
    assert n_rows(db, Outcome) == 0


def test_every_field_problem_is_reported_at_once(db):
    client = clients.create_client(db=db, business_name="Amplang Bu Sari")
    with pytest.raises(ValidationError) as info:
        outcomes.record_outcome(
            db=db,
            client_id=client.id,
            kind="hadiah",
            occurred_on=TODAY + timedelta(days=1),
            amount=-1,
            amount_requested="banyak",
            scheme="arisan",
            channel="pasar malam",
            licence_kind="sim",
            jobs=-2,
            institution="x" * 161,
        )
    errors = field_errors(info.value)
    assert set(errors) == {
        "kind",
        "occurred_on",
        "amount",
        "amount_requested",
        "scheme",
        "channel",
        "licence_kind",
        "jobs",
        "institution",
    }
    assert errors["kind"].startswith("Jenis tidak dikenal: 'hadiah'.")
    assert errors["occurred_on"] == "Tanggal tidak boleh di masa depan."
    assert errors["amount"] == "Jumlah tidak boleh negatif."
    assert "'banyak' bukan jumlah uang yang dikenali" in errors["amount_requested"]
    assert errors["scheme"].startswith("Skema tidak dikenal: 'arisan'.")
    assert errors["channel"].startswith("Saluran pasar tidak dikenal: 'pasar malam'.")
    assert errors["licence_kind"].startswith("Jenis izin tidak dikenal: 'sim'.")
    assert errors["jobs"] == "Tenaga kerja baru paling kecil 0."
    assert errors["institution"] == "Lembaga terlalu panjang (161 huruf); paling banyak 160."
    assert n_rows(db, Outcome) == 0


def test_kind_and_date_are_required(db):
    client = clients.create_client(db=db, business_name="Amplang Bu Sari")
    with pytest.raises(ValidationError) as info:
        outcomes.record_outcome(db=db, client_id=client.id)
    assert field_errors(info.value) == {
        "kind": "Jenis wajib diisi.",
        "occurred_on": "Tanggal wajib diisi.",
    }


def test_client_and_case_must_agree(db):
    case = make_case(db)
    other = clients.create_client(db=db, business_name="Rotan Pak Budi")
    with pytest.raises(ValidationError) as info:
        outcomes.record_outcome(
            db=db,
            client_id=other.id,
            case_id=case.id,
            kind="business_started",
            occurred_on="2024-05-20",
        )
    assert field_errors(info.value) == {"case_id": "Kasus itu milik klien lain."}
    with pytest.raises(ValidationError) as info:
        outcomes.record_outcome(db=db, kind="business_started", occurred_on="2024-05-20")
    assert field_errors(info.value) == {"client_id": "Pilih klien atau kasus."}
    with pytest.raises(NotFound) as info:
        outcomes.record_outcome(db=db, client_id=404, kind="jobs", jobs=1)
    assert str(info.value) == "Klien dengan id 404 tidak ditemukan."
    with pytest.raises(NotFound) as info:
        outcomes.record_outcome(db=db, case_id=405, kind="jobs", jobs=1)
    assert str(info.value) == "Kasus dengan id 405 tidak ditemukan."
    assert n_rows(db, Outcome) == 0
    same = outcomes.record_outcome(
        db=db,
        client_id=case.client_id,
        case_id=case.uid,
        kind="jobs",
        jobs=2,
        occurred_on="2024-05-20",
    )
    assert (same.client_id, same.case_id, same.jobs) == (case.client_id, case.id, 2)


def test_update_outcome_changes_fields_but_not_the_kind(db):
    case = make_case(db)
    outcome = outcomes.record_outcome(
        db=db,
        case_id=case.id,
        kind="financing",
        occurred_on="2024-05-20",
        amount="50 juta",
        institution="Bank Kalteng",
    )
    updated = outcomes.update_outcome(
        db=db,
        outcome_id=outcome.uid,
        amount="45 juta",
        note="cair sebagian",
        occurred_on="2024-05-22",
        kind="jobs",
    )
    assert (updated.id, updated.kind, updated.amount, updated.note, updated.occurred_on) == (
        outcome.id,
        "financing",
        45_000_000,
        "cair sebagian",
        date(2024, 5, 22),
    )
    assert updated.institution == "Bank Kalteng"


def test_update_outcome_refuses_bad_values(db):
    case = make_case(db)
    outcome = outcomes.record_outcome(
        db=db, case_id=case.id, kind="jobs", occurred_on="2024-05-20", jobs=2
    )
    with pytest.raises(ValidationError) as info:
        outcomes.update_outcome(db=db, outcome_id=outcome.id, occurred_on="", jobs="dua")
    assert field_errors(info.value) == {
        "occurred_on": "Tanggal wajib diisi.",
        "jobs": "Tenaga kerja baru harus berupa angka bulat, misalnya 60.",
    }
    fresh = outcomes.list_outcomes(db=db)[0]
    assert (fresh.occurred_on, fresh.jobs) == (date(2024, 5, 20), 2)
    with pytest.raises(NotFound) as info:
        outcomes.update_outcome(db=db, outcome_id=999, note="x")
    assert str(info.value) == "Hasil dengan id 999 tidak ditemukan."


def test_update_outcome_keeps_what_the_kind_needs(db):
    case = make_case(db)
    outcome = outcomes.record_outcome(
        db=db,
        case_id=case.id,
        kind="financing",
        occurred_on="2024-05-20",
        amount="50 juta",
        institution="Bank Kalteng",
    )
    with pytest.raises(ValidationError) as info:
        outcomes.update_outcome(db=db, outcome_id=outcome.id, amount="", institution="")
    assert set(field_errors(info.value)) == {"amount", "institution"}


def test_list_outcomes_filters_and_order(db):
    case = make_case(db)
    other = make_case(db, "Rotan Pak Budi")
    record = outcomes.record_outcome
    o1 = record(db=db, case_id=case.id, kind="jobs", jobs=1, occurred_on="2024-03-01")
    o2 = record(
        db=db, case_id=other.id, kind="market", channel="marketplace", occurred_on="2024-01-15"
    )
    o3 = record(db=db, client_id=case.client_id, kind="business_started", occurred_on="2024-03-01")
    o4 = record(db=db, case_id=case.id, kind="omzet", amount="3 M", occurred_on="2023-12-31")

    def got(**filters):
        return [o.id for o in outcomes.list_outcomes(db=db, **filters)]

    assert got() == [o4.id, o2.id, o1.id, o3.id]
    assert got(client_id=case.client_id) == [o4.id, o1.id, o3.id]
    assert got(case_id=case.id) == [o4.id, o1.id]
    assert got(kind="market") == [o2.id]
    assert got(occurred_from=date(2024, 1, 1)) == [o2.id, o1.id, o3.id]
    assert got(occurred_to=date(2024, 1, 15)) == [o4.id, o2.id]
    assert got(occurred_from=date(2024, 2, 1), occurred_to=date(2024, 3, 1), kind="jobs") == [o1.id]
    assert got(kind="financing") == []


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(amount=st.integers(min_value=0, max_value=10**15))
def test_any_whole_rupiah_amount_is_stored_exactly(db, amount):
    client = clients.create_client(db=db, business_name="Amplang Bu Sari")
    outcome = outcomes.record_outcome(
        db=db, client_id=client.id, kind="omzet", amount=amount, occurred_on="2024-05-20"
    )
    db.expire(outcome)
    assert outcome.amount == amount


def test_store_counts(db):
    assert stats.store_counts(db=db) == {
        "clients": 0,
        "cases": 0,
        "sessions": 0,
        "follow_ups": 0,
        "referrals": 0,
        "outcomes": 0,
        "consultants": 0,
        "agencies": 65,
    }
    consultants.create_consultant(db=db, name="Siti")
    case = make_case(db)
    archived = make_case(db, "Rotan Pak Budi")
    cases.archive_case(db=db, case_id=archived.id)
    clients.create_client(db=db, business_name="Arsip")
    clients.archive_client(db=db, client_id=clients.list_clients(db=db, search="arsip").rows[0].id)
    sessions.log_session(
        db=db, case_id=case.id, held_on="2024-02-01", follow_ups=[{"description": "x"}]
    )
    referrals.create_referral(db=db, case_id=case.id, agency_id="OJK-KT", purpose="kur")
    outcomes.record_outcome(db=db, case_id=case.id, kind="jobs", jobs=1, occurred_on="2024-05-20")
    assert stats.store_counts(db=db) == {
        "clients": 2,
        "cases": 1,
        "sessions": 1,
        "follow_ups": 1,
        "referrals": 1,
        "outcomes": 1,
        "consultants": 1,
        "agencies": 65,
    }
