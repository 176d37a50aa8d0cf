"""Service tests for clinic-wide settings stored in the database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from klinik.db.models import Setting
from klinik.errors import ValidationError
from klinik.services import cases, clients, privacy, referrals
from klinik.services.settings import SPECS, get_setting, get_settings, set_settings

DEFAULTS = {
    "clinic_name": "Klinik Bisnis",
    "clinic_unit": "KB-KT",
    "clinic_address": "",
    "clinic_town": "Palangka Raya",
    "clinic_phone": "",
    "clinic_email": "",
    "clinic_website": "",
    "clinic_logo": "",
    "letter_pattern": "{seq:03d}/{unit}/{roman_month}/{year}",
    "signer_title": "Kepala Klinik Bisnis",
    "signer_name": "",
    "letter_tembusan": ["Arsip"],
    "current_consultant_id": None,
    "first_run_done": False,
    "backup_retention_days": 365,
}


def field_errors(exc: ValidationError) -> dict[str, str]:
    fields = [e.field for e in exc.errors]
    assert len(fields) == len(set(fields)), exc.errors
    return {e.field: e.message for e in exc.errors}


def n_settings(db) -> int:
    return db.execute(select(func.count()).select_from(Setting)).scalar_one()


def test_fresh_store_has_the_defaults(db):
    assert get_settings(session=db) == DEFAULTS
    assert set(SPECS) == set(DEFAULTS)
    for key, value in DEFAULTS.items():
        assert get_setting(session=db, key=key) == value
    assert n_settings(db) == 0
    assert SPECS["letter_pattern"].label == "Pola nomor surat"


def test_set_returns_every_setting_and_they_persist(store):
    with store.session() as db:
        current = set_settings(
            session=db,
            clinic_name="Klinik Bisnis Kalteng",
            clinic_address="Jl. Tjilik Riwut Km 1",
            signer_name="Dra. Hj. Siti Aminah",
            first_run_done=True,
            current_consultant_id="3",
        )
        assert current == DEFAULTS | {
            "clinic_name": "Klinik Bisnis Kalteng",
            "clinic_address": "Jl. Tjilik Riwut Km 1",
            "signer_name": "Dra. Hj. Siti Aminah",
            "first_run_done": True,
            "current_consultant_id": 3,
        }
    with store.session() as db:
        assert get_setting(session=db, key="clinic_name") == "Klinik Bisnis Kalteng"
        assert get_setting(session=db, key="first_run_done") is True
        assert get_setting(session=db, key="current_consultant_id") == 3
        assert n_settings(db) == 5
        # Setting again replaces the value; it adds no row.
        set_settings(session=db, clinic_name="KB Palangka Raya", current_consultant_id=None)
    with store.session() as db:
        assert get_setting(session=db, key="clinic_name") == "KB Palangka Raya"
        assert get_setting(session=db, key="current_consultant_id") is None
        assert n_settings(db) == 5


def test_unknown_key_is_refused_and_nothing_is_written(db):
    with pytest.raises(ValidationError) as info:
        set_settings(session=db, clinic_name="Baru", warna_tema="hijau")
    assert field_errors(info.value) == {"warna_tema": "Pengaturan 'warna_tema' tidak dikenal."}
    assert get_setting(session=db, key="clinic_name") == "Klinik Bisnis"
    assert n_settings(db) == 0


def test_every_bad_setting_is_reported_at_once(db):
    with pytest.raises(ValidationError) as info:
        set_settings(session=db, letter_pattern="{seq}", logo_size=3, clinic_unit="KB")
    errors = field_errors(info.value)
    assert set(errors) == {"letter_pattern", "logo_size"}
    assert "harus memuat {year}" in errors["letter_pattern"]
    assert get_settings(session=db) == DEFAULTS


def test_letter_pattern_is_stored_stripped(db):
    stored = set_settings(session=db, letter_pattern="  {seq:03d}/{unit}/{year}  ")
    assert stored["letter_pattern"] == "{seq:03d}/{unit}/{year}"
    assert get_setting(session=db, key="letter_pattern") == "{seq:03d}/{unit}/{year}"


def test_unit_setting_appears_in_letter_numbers(db):
    set_settings(session=db, clinic_unit="KB-PKY")
    client = clients.create_client(session=db, business_name="Amplang Bu Sari")
    privacy.record_consent(
        session=db, client_id=client.id, given_on="2024-01-02", method="tertulis",
        purposes=["pendampingan", "rujukan"],
    )  # fmt: skip
    case = cases.open_case(session=db, client_id=client.id, title="x", opened_on="2024-01-10")
    referral = referrals.create_referral(
        session=db, case_id=case.id, agency_id="DINKES-PKY", purpose="spp_irt"
    )
    sent = referrals.send_referral(session=db, referral_id=referral.id, on=date(2024, 11, 4))
    assert sent.letter_number == "001/KB-PKY/XI/2024"


def test_current_consultant_id_must_be_a_number(db):
    with pytest.raises(ValidationError) as info:
        set_settings(session=db, current_consultant_id="abc")
    assert list(field_errors(info.value)) == ["current_consultant_id"]


def test_blank_unit_is_refused_while_the_pattern_uses_it(db):
    with pytest.raises(ValidationError) as info:
        set_settings(session=db, clinic_unit="  ")
    assert list(field_errors(info.value)) == ["clinic_unit"]


def test_letter_copies_are_a_list_even_when_typed_as_text(db):
    values = set_settings(session=db, letter_tembusan="Kepala Dinas Koperasi; Arsip")
    assert values["letter_tembusan"] == ["Kepala Dinas Koperasi", "Arsip"]
