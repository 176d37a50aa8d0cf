"""Service tests for clinic-wide settings stored in the database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from klinik.db.engine import open_store
from klinik.db.models import Setting
from klinik.errors import ValidationError
from klinik.services import cases, clients, consultants, privacy, referrals
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
    "signer_rank": "",
    "signer_id": "",
    "letter_paper": "A4",
    "letter_tembusan": ["Arsip"],
    "current_consultant_id": None,
    "first_run_done": False,
    "backup_retention_days": 365,
}


@pytest.fixture
def store(data_dir):
    """A store as a new install has it: no setting stored yet (the shared fixture fills in
    the letterhead)."""
    opened = open_store()
    yield opened
    opened.close()


def field_errors(exc: ValidationError) -> dict[str, str]:
    fields = [e.field for e in exc.errors]
    assert len(fields) == len(set(fields)), exc.errors
    return {e.field: e.message for e in exc.errors}


def n_settings(db) -> int:
    return db.execute(select(func.count()).select_from(Setting)).scalar_one()


def test_fresh_store_has_the_defaults(db):
    assert get_settings(db=db) == DEFAULTS
    assert set(SPECS) == set(DEFAULTS)
    for key, value in DEFAULTS.items():
        assert get_setting(db=db, key=key) == value
    assert n_settings(db) == 0
    assert SPECS["letter_pattern"].label == "Pola nomor surat"


def test_set_returns_every_setting_and_they_persist(store):
    with store.session() as db:
        for name in ("Siti", "Budi", "Dewi"):
            consultants.create_consultant(db=db, name=name)
        current = set_settings(
            db=db,
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
        assert get_setting(db=db, key="clinic_name") == "Klinik Bisnis Kalteng"
        assert get_setting(db=db, key="first_run_done") is True
        assert get_setting(db=db, key="current_consultant_id") == 3
        assert n_settings(db) == 5
        # Setting again replaces the value; it adds no row.
        set_settings(db=db, clinic_name="KB Palangka Raya", current_consultant_id=None)
    with store.session() as db:
        assert get_setting(db=db, key="clinic_name") == "KB Palangka Raya"
        assert get_setting(db=db, key="current_consultant_id") is None
        assert n_settings(db) == 5


def test_unknown_key_is_refused_and_nothing_is_written(db):
    with pytest.raises(ValidationError) as info:
        set_settings(db=db, clinic_name="Baru", warna_tema="hijau")
    message = field_errors(info.value)["warna_tema"]
    assert message.startswith("Pengaturan 'warna_tema' tidak dikenal. Yang ada: clinic_name, ")
    assert get_setting(db=db, key="clinic_name") == "Klinik Bisnis"
    assert n_settings(db) == 0


def test_every_bad_setting_is_reported_at_once(db):
    with pytest.raises(ValidationError) as info:
        set_settings(db=db, letter_pattern="{seq}", logo_size=3, clinic_unit="KB")
    errors = field_errors(info.value)
    assert set(errors) == {"letter_pattern", "logo_size"}
    assert "harus memuat {year}" in errors["letter_pattern"]
    assert get_settings(db=db) == DEFAULTS


def test_letter_pattern_is_stored_stripped(db):
    stored = set_settings(db=db, letter_pattern="  {seq:03d}/{unit}/{year}  ")
    assert stored["letter_pattern"] == "{seq:03d}/{unit}/{year}"
    assert get_setting(db=db, key="letter_pattern") == "{seq:03d}/{unit}/{year}"


def _draft_referral(db):
    """A draft referral of a client who agreed to referral, under a complete letterhead (so
    its letter can be issued)."""
    set_settings(db=db, clinic_address="Jl. Yos Sudarso 1", signer_name="Rusdiana")
    client = clients.create_client(db=db, business_name="Amplang Bu Sari")
    privacy.record_consent(
        db=db, client_id=client.id, given_on="2024-01-02", method="tertulis",
        purposes=["pendampingan", "rujukan"],
    )  # fmt: skip
    case = cases.open_case(db=db, client_id=client.id, title="x", opened_on="2024-01-10")
    return referrals.create_referral(
        db=db, case_id=case.id, agency_id="DINKES-PKY", purpose="spp_irt"
    )


def test_unit_setting_appears_in_letter_numbers(db):
    set_settings(db=db, clinic_unit="KB-PKY")
    referral = _draft_referral(db)
    sent = referrals.send_referral(db=db, referral_id=referral.id, on=date(2024, 11, 4))
    assert sent.letter_number == "001/KB-PKY/XI/2024"


def test_current_consultant_id_must_be_a_number(db):
    with pytest.raises(ValidationError) as info:
        set_settings(db=db, current_consultant_id="abc")
    assert list(field_errors(info.value)) == ["current_consultant_id"]


def test_blank_unit_is_refused_while_the_pattern_uses_it(db):
    with pytest.raises(ValidationError) as info:
        set_settings(db=db, clinic_unit="  ")
    assert list(field_errors(info.value)) == ["clinic_unit"]


def test_letter_copies_are_a_list_even_when_typed_as_text(db):
    values = set_settings(db=db, letter_tembusan="Kepala Dinas Koperasi; Arsip")
    assert values["letter_tembusan"] == ["Kepala Dinas Koperasi", "Arsip"]


# --- every setting is typed and checked when it is set ------------------------------------


def test_active_consultant_must_exist(db):
    siti = consultants.create_consultant(db=db, name="Siti")
    for value in ("99999", 99999, "99999999999999999999", "0", "-1", "1.5", True):
        with pytest.raises(ValidationError) as info:
            set_settings(db=db, current_consultant_id=value)
        assert list(field_errors(info.value)) == ["current_consultant_id"], value
    message = field_errors_of(current_consultant_id="99999", db=db)["current_consultant_id"]
    assert "Konsultan dengan id 99999 tidak ditemukan" in message
    assert (
        set_settings(db=db, current_consultant_id=str(siti.id))["current_consultant_id"] == siti.id
    )
    assert set_settings(db=db, current_consultant_id="")["current_consultant_id"] is None
    assert n_settings(db) == 1


def field_errors_of(*, db, **values) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        set_settings(db=db, **values)
    return field_errors(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ya", True), ("Tidak", False), ("true", True), ("FALSE", False), ("1", True), ("0", False),
     (True, True), (False, False), (1, True), (0, False)],
)  # fmt: skip
def test_yes_no_settings_take_only_yes_or_no(db, text, expected):
    assert set_settings(db=db, first_run_done=text)["first_run_done"] is expected


@pytest.mark.parametrize("text", ["maybe", "", "2", "y", "benar", None, 2, [True]])
def test_yes_no_settings_refuse_anything_else(db, text):
    errors = field_errors_of(db=db, first_run_done=text)
    assert "isi ya atau tidak" in errors["first_run_done"]
    assert n_settings(db) == 0


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("{seq:0100000d}/{year}", "{seq:0100000d} tidak didukung"),
        ("{seq:x}/{year}", "{seq:x} tidak didukung"),
        ("{seq:>40}/{year}", "tidak didukung"),
        ("{seq}/{unit:>30}/{year}", "{unit:>30} tidak didukung"),
        ("{seq}/{year}/" + "X" * 60, "terlalu panjang (73 huruf); paling banyak 60"),
        ("{seq:09d}{month:09d}{year:09d}{seq:09d}{month:09d}{year:09d}", "54 huruf"),
        ("{seq}/{year}\x00", "karakter NUL"),
    ],
)
def test_letter_pattern_must_give_a_number_of_sane_length(db, pattern, words):
    errors = field_errors_of(db=db, letter_pattern=pattern)
    assert list(errors) == ["letter_pattern"]
    assert words in errors["letter_pattern"], errors
    assert get_setting(db=db, key="letter_pattern") == DEFAULTS["letter_pattern"]


def test_a_long_unit_is_refused_when_the_number_would_not_fit(db):
    set_settings(
        db=db, letter_pattern="{seq:05d}/{unit}/KLINIK-BISNIS-KALTENG/{roman_month}/{year}"
    )
    errors = field_errors_of(db=db, clinic_unit="DINAS-KOPERASI-UKM")
    assert "Nomor surat dengan pola ini bisa sepanjang" in errors["clinic_unit"]
    assert get_setting(db=db, key="clinic_unit") == "KB-KT"


def test_the_longest_allowed_letter_number_still_prints(db):
    """The limits are those of a letter that can be laid out, not arbitrary numbers."""
    from klinik.services import letters

    pattern = "{seq:09d}/{unit}/{roman_month}/{year}/SURAT-RUJ"
    set_settings(db=db, letter_pattern=pattern, clinic_unit="K" * 20)
    referral = _draft_referral(db)
    letter = letters.issue_referral_letter(db=db, referral_id=referral.id, on=date(2024, 8, 4))
    assert letter.number == "000000001/" + "K" * 20 + "/VIII/2024/SURAT-RUJ"
    assert len(letter.number) == 50
    data, draft = letters.letter_pdf(db=db, referral_id=referral.id)
    assert not draft and data.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("clinic_name", "K" * 1_000_000, "Nama klinik terlalu panjang (1000000 huruf)"),
        ("clinic_name", "Klinik\x00Bisnis", "Nama klinik memuat karakter NUL"),
        ("clinic_name", "Klinik \udcff Bisnis", "bukan teks UTF-8"),
        ("clinic_name", "  ", "Nama klinik wajib diisi"),
        ("clinic_name", "Klinik\nBisnis", "harus satu baris"),
        ("clinic_unit", "KB" * 20, "paling banyak 20"),
        ("clinic_email", "a" * 1_000_000 + "@example.id", "E-mail klinik terlalu panjang"),
        ("clinic_email", "klinik.example.id", "tepat satu tanda @"),
        ("clinic_address", "J" * 301, "Alamat klinik terlalu panjang"),
        ("clinic_logo", "/tidak/ada/logo.png", "tidak ditemukan"),
        ("clinic_logo", "/etc/passwd", "harus gambar PNG, JPG atau GIF"),
        ("signer_name", "Dr.\x07 Yusuf", "karakter kendali"),
        ("letter_tembusan", ";".join(f"Dinas {i}" for i in range(11)), "paling banyak 10"),
        ("letter_tembusan", "T" * 201, "Tembusan surat terlalu panjang"),
        ("backup_retention_days", "60.5", "antara 30 dan 3650 hari"),
        ("backup_retention_days", "\u00b2", "antara 30 dan 3650 hari"),
        ("backup_retention_days", "9" * 5000, "antara 30 dan 3650 hari"),
        ("backup_retention_days", True, "antara 30 dan 3650 hari"),
    ],
)
def test_text_and_number_settings_are_checked_like_form_fields(db, key, value, words):
    errors = field_errors_of(db=db, **{key: value})
    assert list(errors) == [key]
    assert words in errors[key], errors
    assert n_settings(db) == 0


def test_good_values_are_stored_cleaned(db, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n")
    stored = set_settings(
        db=db,
        clinic_email="Klinik@Example.ID",
        clinic_address="Jl. RTA Milono No. 1\nPalangka Raya",
        clinic_logo=str(logo),
        backup_retention_days="90",
    )
    assert stored["clinic_email"] == "Klinik@example.id"
    assert stored["clinic_address"] == "Jl. RTA Milono No. 1\nPalangka Raya"
    assert stored["clinic_logo"] == str(logo)
    assert stored["backup_retention_days"] == 90
    assert set_settings(db=db, clinic_email="")["clinic_email"] == ""
