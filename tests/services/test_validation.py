"""The services' shared cleaning: what every form and the command line refuse alike."""

from __future__ import annotations

import pytest

from klinik.errors import ValidationError
from klinik.services import cases, clients, consultants, referrals, sessions
from klinik.services.validation import (
    SEARCH_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    VALUE_MAX_LENGTH,
    Checker,
    text_problem,
)


def errors_of(func, **kwargs) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        func(**kwargs)
    return {e.field: e.message for e in info.value.errors}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Toko\x00Ani", "karakter NUL"),
        ("Toko \udcff\udcfe Ani", "bukan teks UTF-8"),
        ("Toko\x1b[31m", "karakter kendali tak terlihat (kode 0x1b)"),
        ("\x07", "kode 0x07"),
    ],
)
def test_text_no_field_can_hold(text, words):
    assert words in text_problem(text)


@pytest.mark.parametrize("text", ["Amplang Bu Ani", "baris satu\nbaris dua\tkolom", "Ñandú 😀", ""])
def test_ordinary_text_is_fine(text):
    assert text_problem(text) is None


def test_every_kind_of_field_refuses_unfit_text():
    c = Checker(
        {"business_name": "A\x00", "phone": "0812\x00", "areas": "produksi\x00", "minutes": "6\x00"}
    )
    assert c.text("business_name") is None
    assert c.parsed("phone", str) is None
    assert c.choices("areas", cases.Area) == []
    assert c.integer("minutes") is None
    assert [e.field for e in c.errors] == ["business_name", "phone", "areas", "minutes"]
    assert all("karakter NUL" in e.message for e in c.errors)


def test_length_limits_hold_without_a_limit_of_the_field():
    c = Checker({"notes": "x" * (TEXT_MAX_LENGTH + 1), "email": "a" * VALUE_MAX_LENGTH + "@b.id"})
    c.text("notes")
    c.parsed("email", str)
    assert [e.message for e in c.errors] == [
        f"Catatan terlalu panjang ({TEXT_MAX_LENGTH + 1} huruf); paling banyak {TEXT_MAX_LENGTH}.",
        f"E-mail terlalu panjang ({VALUE_MAX_LENGTH + 5} huruf); paling banyak {VALUE_MAX_LENGTH}.",
    ]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("60.5", "Durasi (menit) harus bilangan bulat; '60.5' memuat pecahan"),
        ("60,5", "memuat pecahan"),
        ("\u00b2", "harus berupa angka bulat"),
        ("9" * 200, "Durasi (menit) terlalu besar"),
        (2**63, "Durasi (menit) terlalu besar"),
        (True, "harus berupa angka"),
    ],
)
def test_whole_numbers_never_drop_a_decimal_mark(value, words):
    c = Checker({"minutes": value})
    assert c.integer("minutes") is None
    assert words in c.errors[0].message


def test_whole_numbers_that_are_fine():
    c = Checker({"a": "90", "b": " 1.500 ", "c": 7, "d": "\uff19\uff10"})
    assert [c.integer(f) for f in "abcd"] == [90, 1500, 7, 90]
    assert c.errors == []


@pytest.mark.parametrize("value", [10**15 + 1, "1001 T", "-1", -1])
def test_money_beyond_the_limit_or_negative_is_refused(value):
    c = Checker({"omzet": value})
    assert c.money("omzet") is None
    assert c.errors


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", "1" * 40, "1_0"])
def test_coordinates_must_be_plain_finite_numbers(value):
    c = Checker({"latitude": value})
    assert c.number("latitude", minimum=-11.0, maximum=6.5) is None
    assert "harus berupa angka" in c.errors[0].message


def test_unknown_choices_are_named_together_once():
    c = Checker({"areas": "produksi,junk,sampah"})
    assert c.choices("areas", cases.Area) == ["produksi"]
    assert len(c.errors) == 1
    assert "Bidang tidak dikenal: 'junk', 'sampah'. Pilihan: kelembagaan" in c.errors[0].message
    c = Checker({"areas": ",".join(["produksi"] * 100)})
    assert c.choices("areas", cases.Area) == []
    assert "terlalu banyak pilihan (100)" in c.errors[0].message


# --- the services, as the forms reach them -------------------------------------------------------


def test_a_form_gets_the_same_refusals(db):
    errors = errors_of(
        clients.create_client, db=db, business_name="Toko\x00Ani", email="x" * 300 + "@a.id"
    )
    assert "Nama usaha memuat karakter NUL" in errors["business_name"]
    assert "E-mail terlalu panjang" in errors["email"]
    assert clients.list_clients(db=db).rows == []
    errors = errors_of(consultants.create_consultant, db=db, name="Siti\udcff")
    assert "bukan teks UTF-8" in errors["name"]


def test_session_minutes_with_a_fraction_are_refused_not_multiplied(db):
    client = clients.create_client(db=db, business_name="Amplang Bu Ani")
    case = cases.open_case(db=db, client_id=client.id, title="x", opened_on="2026-01-10")
    errors = errors_of(sessions.log_session, db=db, case_id=case.id, minutes="60.5")
    assert "memuat pecahan" in errors["minutes"]
    assert sessions.list_sessions(db=db).rows == []


# --- list filters ------------------------------------------------------------------------------


@pytest.fixture
def listed(db):
    client = clients.create_client(db=db, business_name="Amplang Bu Ani")
    case = cases.open_case(
        db=db, client_id=client.id, title="SPP-IRT", areas="produksi", opened_on="2026-01-10"
    )
    sessions.log_session(db=db, case_id=case.id, held_on="2026-01-15")
    return db


@pytest.mark.parametrize(
    ("func", "kwargs", "field", "words"),
    [
        (cases.list_cases, {"status": "junk"}, "status", "Pilihan: baru, aktif, ditunda"),
        (cases.list_cases, {"status": ["aktif", "junk"]}, "status", "'junk' tidak dikenal"),
        (cases.count_cases, {"area": "junk"}, "area", "Pilihan: kelembagaan"),
        (sessions.list_sessions, {"area": "junk"}, "area", "'junk' tidak dikenal"),
        (sessions.list_sessions, {"mode": "teleport"}, "mode", "Pilihan: di_klinik"),
        (referrals.list_referrals, {"status": "junk"}, "status", "Pilihan: draft, sent"),
        (referrals.count_referrals, {"waiting_days": 10**9}, "waiting_days", "0 sampai 36500"),
        (clients.list_clients, {"search": "a" * 50_000}, "search", "terlalu panjang (50000"),
        (clients.count_clients, {"search": "a" * 501}, "search", "paling banyak 500"),
        (cases.list_cases, {"consultant_id": 2**63}, "consultant_id", "bukan id yang sah"),
        (sessions.list_sessions, {"case_id": -1}, "case_id", "bukan id yang sah"),
        (sessions.list_follow_ups, {"case_id": 10**20}, "case_id", "bukan id yang sah"),
    ],
)
def test_unknown_or_impossible_filter_values_are_refused(listed, func, kwargs, field, words):
    errors = errors_of(func, db=listed, **kwargs)
    assert words in errors[field], errors


def test_filter_values_are_read_like_form_values(listed):
    assert len(cases.list_cases(db=listed, status="Baru").rows) == 0  # the session began it
    assert len(cases.list_cases(db=listed, status="baru,aktif").rows) == 1
    assert len(cases.list_cases(db=listed, area="Produksi").rows) == 1
    assert len(sessions.list_sessions(db=listed, area=["produksi", "sdm"]).rows) == 1
    assert len(clients.list_clients(db=listed, search="a " * 250).rows) == 1
    assert len(clients.list_clients(db=listed, search="x" * SEARCH_MAX_LENGTH).rows) == 0
