"""Beranda's lists, archived clients hiding their cases, and a few refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from klinik.errors import Refusal, ValidationError
from klinik.services import cases, clients, privacy, referrals, sessions
from klinik.services.home import home_overview

TODAY = date.today()


def _case(db, name="Amplang Bu Ani", opened=120):
    client = clients.create_client(db=db, business_name=name)
    privacy.record_consent(
        db=db, client_id=client.id, given_on="2024-01-02", method="tertulis",
        purposes=["pendampingan", "rujukan"],
    )  # fmt: skip
    return cases.open_case(
        db=db, client_id=client.id, title=f"Kasus {name}",
        opened_on=TODAY - timedelta(days=opened),
    )  # fmt: skip


def test_beranda_lists_due_follow_ups_planned_sessions_waiting_referrals_and_stale_cases(db):
    busy = _case(db, "Madu Kelulut Lemo")
    sessions.log_session(
        db=db, case_id=busy.id, held_on=TODAY - timedelta(days=3),
        next_session_on=TODAY + timedelta(days=2),
        follow_ups=[
            {"description": "Foto produk", "due_on": TODAY - timedelta(days=1)},
            {"description": "Urus NIB", "due_on": TODAY},
            {"description": "Nanti saja", "due_on": TODAY + timedelta(days=10)},
        ],
    )  # fmt: skip
    sessions.log_session(db=db, case_id=busy.id, held_on=TODAY + timedelta(days=5))
    quiet = _case(db, "Rotan Kasongan")
    sessions.log_session(db=db, case_id=quiet.id, held_on=TODAY - timedelta(days=90))
    ref = referrals.create_referral(db=db, case_id=busy.id, agency_id="BPJPH", purpose="halal")
    referrals.send_referral(db=db, referral_id=ref.id, on=TODAY - timedelta(days=2))

    home = home_overview(db=db, today=TODAY)
    assert [i.title for i in home.due_follow_ups] == ["Foto produk", "Urus NIB"]
    assert [i.when for i in home.planned_sessions] == [
        TODAY + timedelta(days=2),
        TODAY + timedelta(days=5),
    ]
    assert [(i.client, i.title) for i in home.waiting_referrals] == [
        (
            "Madu Kelulut Lemo",
            "Badan Penyelenggara Jaminan Produk Halal (Satgas Halal Kalimantan Tengah)",
        )
    ]
    assert [i.client for i in home.stale_cases] == ["Rotan Kasongan"]
    assert all(i.case_id for i in home.due_follow_ups + home.stale_cases)


def test_beranda_narrows_to_one_consultant(db):
    from klinik.services.consultants import create_consultant

    me = create_consultant(db=db, name="Siti")
    other = create_consultant(db=db, name="Yusuf")
    mine, theirs = _case(db, "Punyaku"), _case(db, "Punya Yusuf")
    cases.update_case(db=db, case_id=mine.id, consultant_id=me.id)
    cases.update_case(db=db, case_id=theirs.id, consultant_id=other.id)
    home = home_overview(db=db, today=TODAY, consultant_id=me.id)
    assert [i.client for i in home.stale_cases] == ["Punyaku"]


def test_cases_of_an_archived_client_leave_the_list_and_take_no_sessions(db):
    case = _case(db)
    clients.archive_client(db=db, client_id=case.client_id)
    assert cases.list_cases(db=db).rows == []
    assert [r.id for r in cases.list_cases(db=db, archived=True).rows] == [case.id]
    with pytest.raises(ValidationError) as info:
        sessions.log_session(db=db, case_id=case.id)
    assert "Klien kasus ini diarsipkan" in info.value.for_field("case_id")


def test_a_cancelled_letter_cannot_be_cancelled_again(db):
    letter = referrals.issue_letter_number(db=db)
    referrals.cancel_letter(db=db, letter_id=letter.id, reason="Salah alamat")
    with pytest.raises(Refusal, match="sudah dibatalkan"):
        referrals.cancel_letter(db=db, letter_id=letter.id, reason="lagi")


def test_allowed_statuses_are_listed_in_the_vocabulary_order(db):
    case = _case(db)
    with pytest.raises(ValidationError) as info:
        cases.change_case_status(db=db, case_id=case.id, status="selesai")
    assert info.value.for_field("status").endswith("Yang boleh: Aktif, Ditunda, Ditutup.")
