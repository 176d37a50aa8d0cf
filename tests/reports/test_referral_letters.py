"""Referral letters read back from the PDF: every element of the official format."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from pypdf import PdfReader

from klinik import paths
from klinik.domain.letters import roman_month
from klinik.errors import Refusal, ValidationError
from klinik.services import cases, clients, consultants, letters, privacy, referrals
from klinik.services.audit import list_events
from klinik.services.settings import set_settings

ON = date(2026, 5, 20)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def make_referral(
    db,
    *,
    name="Amplang Ikan Pipih Bu Ani",
    purpose="spp_irt",
    agency="DINKES-PKY",
    seq=1,
    consent=True,
):
    consultant = consultants.create_consultant(
        db=db, name="Siti Rahmawati, S.E.", title="Konsultan Pendamping"
    )
    client = clients.create_client(
        db=db,
        business_name=name,
        owner_name="Ani Lestari",
        nik=f"627105450890{seq:04d}",
        nib="1234567890123",
        phone="0812-3456-7890",
        address="Jl. Tjilik Riwut Km. 7",
        kecamatan="Jekan Raya",
        kelurahan="Bukit Tunggal",
        kabupaten_code="6271",
        products="amplang ikan pipih",
    )
    if consent:
        privacy.record_consent(
            db=db, client_id=client.id, given_on="2026-01-05", method="tertulis",
            purposes=["pendampingan", "rujukan"],
        )  # fmt: skip
    case = cases.open_case(
        db=db, client_id=client.id, title="SPP-IRT amplang", consultant_id=consultant.id,
        opened_on=date(2026, 1, 5),
    )  # fmt: skip
    return referrals.create_referral(db=db, case_id=case.id, agency_id=agency, purpose=purpose)


@pytest.fixture
def clinic(db):
    set_settings(
        db=db,
        clinic_name="Klinik Bisnis KUMKM Kalimantan Tengah",
        clinic_address="Jl. RTA Milono No. 1",
        clinic_phone="0536-3221234",
        clinic_email="klinikbisnis@example.id",
        signer_title="Kepala Klinik Bisnis",
        signer_name="Dr. Yusuf Mihing",
        letter_tembusan="Kepala Dinas Koperasi dan UKM Provinsi Kalimantan Tengah; Arsip",
    )
    return db


def test_an_issued_letter_has_every_element_of_the_official_format(clinic):
    db = clinic
    referral = make_referral(db)
    letter = letters.issue_referral_letter(db=db, referral_id=referral.id, on=ON)
    assert letter.number == f"001/KB-KT/{roman_month(5)}/2026"
    data, draft = letters.letter_pdf(db=db, referral_id=referral.id)
    assert draft is False
    text = pdf_text(data)
    for expected in [
        "Klinik Bisnis KUMKM Kalimantan Tengah",  # kop surat
        "Jl. RTA Milono No. 1",
        "Telp. 0536-3221234",
        "klinikbisnis@example.id",
        "Nomor",
        "001/KB-KT/V/2026",
        "Palangka Raya, 20 Mei 2026",
        "Sifat",
        "Biasa",
        "Lampiran",
        "Hal",
        "Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT)",
        "Yth. Kepala Dinas Kesehatan Kota Palangka Raya",
        "Dengan hormat,",
        "Ani Lestari",
        "6271054508900001",
        "1234567890123",
        "Amplang Ikan Pipih Bu Ani",
        "amplang ikan pipih",
        "Bukit Tunggal",
        "Kota Palangka Raya",
        "0812-3456-7890",
        "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
        "Kepala Klinik Bisnis",
        "Dr. Yusuf Mihing",
        "Tembusan:",
        "1. Kepala Dinas Koperasi dan UKM Provinsi Kalimantan Tengah",
        "2. Arsip",
    ]:
        assert expected in " ".join(text.split()), expected
    assert "Palangka Raya, 20 Mei 2026." not in text  # no full stop after the date
    lines = text.splitlines()
    yth = lines.index("Yth. Kepala Dinas Kesehatan Kota Palangka Raya")
    assert lines[yth + 1] == "di"
    assert lines[yth + 2].strip() == "Palangka Raya"


def test_the_referral_is_sent_and_the_pdf_is_kept_in_the_data_folder(clinic):
    referral = make_referral(clinic)
    letter = letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    assert (referral.status, referral.sent_on, referral.letter_number) == (
        "sent", ON, letter.number,
    )  # fmt: skip
    path = paths.letters_dir() / "2026" / letter.file_name
    assert path.is_file()
    assert letter.file_name == "001-KB-KT-V-2026 Amplang Ikan Pipih Bu Ani.pdf"
    assert json.loads(letter.content)["number"] == letter.number


def test_printing_again_gives_the_same_document_even_after_data_changed(clinic):
    db = clinic
    referral = make_referral(db)
    letters.issue_referral_letter(db=db, referral_id=referral.id, on=ON)
    first, _ = letters.letter_pdf(db=db, referral_id=referral.id)
    clients.update_client(db=db, client_id=1, owner_name="Nama Baru")
    again, _ = letters.letter_pdf(db=db, referral_id=referral.id)
    assert again == first
    letter = letters.letter_of(db=db, referral_id=referral.id)
    letters.letter_path(letter).unlink()  # the file was lost: rebuilt from the frozen content
    rebuilt, _ = letters.letter_pdf(db=db, referral_id=referral.id)
    assert rebuilt == first
    assert "Ani Lestari" in pdf_text(rebuilt)
    assert letters.letter_path(letter).is_file()


def test_numbers_count_up_and_a_cancelled_number_is_not_reused(clinic):
    db = clinic
    numbers = []
    for seq, name in enumerate(("Usaha Satu", "Usaha Dua"), start=1):
        referral = make_referral(db, name=name, seq=seq)
        numbers.append(letters.issue_referral_letter(db=db, referral_id=referral.id, on=ON))
    referrals.cancel_letter(db=db, letter_id=numbers[1].id, reason="Salah instansi")
    third = make_referral(db, name="Usaha Tiga", seq=3)
    letter = letters.issue_referral_letter(db=db, referral_id=third.id, on=ON)
    assert [n.seq for n in numbers] + [letter.seq] == [1, 2, 3]


def test_a_draft_is_previewed_with_a_watermark_and_no_number(clinic):
    referral = make_referral(clinic)
    data, draft = letters.letter_pdf(db=clinic, referral_id=referral.id)
    assert draft is True
    text = pdf_text(data)
    assert "DRAF" in text
    assert "…/DRAF" in text
    assert referral.letter_number is None


def test_a_sent_referral_cannot_be_issued_twice(clinic):
    referral = make_referral(clinic)
    letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    with pytest.raises(ValidationError) as info:
        letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    assert "sudah terbit" in info.value.for_field("status")


def test_user_text_is_printed_literally_and_never_fetched(clinic):
    name = 'A <b>&</b> <img src="http://x/y.png"/>'
    referral = make_referral(clinic, name=name)
    letter = letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    data, _ = letters.letter_pdf(db=clinic, referral_id=referral.id)
    assert name in pdf_text(data)
    assert b"/Subtype /Image" not in data  # no picture was fetched or embedded from the tag
    assert letter.file_name == "001-KB-KT-V-2026 A b&b img src=httpxy.png.pdf"


def test_purpose_templates_are_editable_and_checked(clinic):
    purpose = letters.get_purpose(db=clinic, code="kur")
    letters.update_purpose(
        db=clinic, purpose_id=purpose.id,
        body="Mohon bantuan modal untuk {nama_usaha} milik {nama_pemilik}.\n\n{identitas}",
    )  # fmt: skip
    referral = make_referral(clinic, purpose="kur", agency="BANK-KALTENG")
    letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    text = pdf_text(letters.letter_pdf(db=clinic, referral_id=referral.id)[0])
    assert "Mohon bantuan modal untuk Amplang Ikan Pipih Bu Ani milik Ani Lestari." in text
    assert "Yth. Pimpinan PT Bank Kalteng" in text
    with pytest.raises(ValidationError) as info:
        letters.update_purpose(db=clinic, purpose_id=purpose.id, body="Untuk {nama_bank}")
    assert "{nama_bank}" in info.value.for_field("body")
    added = letters.create_purpose(
        db=clinic,
        code="merek",
        label="Pendaftaran merek",
        subject="Permohonan Fasilitasi Merek",
        body="{identitas}",
        default_agency_code="diskopukm-kt",
    )
    assert added.default_agency_code == "DISKOPUKM-KT"
    assert "merek" in [p.code for p in letters.list_purposes(db=clinic)]


def test_a_number_issued_without_content_is_frozen_at_its_first_print(clinic):
    from klinik.db.models import IssuedLetter

    referral = make_referral(clinic)
    number = referrals.issue_letter_number(db=clinic, on=ON, referral_id=referral.id)
    referral.letter_number, referral.status, referral.sent_on = number.number, "sent", ON
    clinic.add(referral)
    clinic.flush()
    first, draft = letters.letter_pdf(db=clinic, referral_id=referral.id)
    assert draft is False
    assert number.number in pdf_text(first)
    assert clinic.get(IssuedLetter, number.id).content is not None
    clients.update_client(db=clinic, client_id=1, owner_name="Nama Lain")
    assert letters.letter_pdf(db=clinic, referral_id=referral.id)[0] == first


def test_no_letter_without_the_owners_consent_to_referral(clinic):
    """UU PDP: the letter sends NIK and phone to an agency, so the owner must agree."""
    referral = make_referral(clinic, consent=False)
    with pytest.raises(Refusal) as info:
        letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    assert "belum menyetujui keperluan 'Rujukan ke instansi'" in str(info.value)
    assert referral.letter_number is None
    client_id = cases.get_case(db=clinic, case_id=referral.case_id).client_id
    privacy.record_consent(
        db=clinic, client_id=client_id, given_on="2026-01-05", method="lisan",
        purposes=["pendampingan"],
    )  # fmt: skip
    with pytest.raises(Refusal):
        letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    privacy.record_consent(
        db=clinic, client_id=client_id, given_on="2026-01-06", method="tertulis",
        purposes=["pendampingan", "rujukan"],
    )  # fmt: skip
    letter = letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    assert letter.number
    privacy.withdraw_consent(db=clinic, client_id=client_id, withdrawn_on=ON)
    second = referrals.create_referral(
        db=clinic, case_id=referral.case_id, agency_id="BPJPH", purpose="halal"
    )
    with pytest.raises(Refusal):
        letters.issue_referral_letter(db=clinic, referral_id=second.id, on=ON)
    # a letter already issued can still be reprinted: it was sent with consent
    data, draft = letters.letter_pdf(db=clinic, referral_id=referral.id)
    assert draft is False and letter.number in pdf_text(data)


NIK = "6271054508900001"  # make_referral's client, seq 1
PHONE_DIGITS = "81234567890"


def left(db) -> list:
    """The audit trail's "left the laptop" events, as ``klinik audit`` lists them."""
    return list_events(db=db, leaves_machine_only=True)


def no_personal_value_in_the_trail(db) -> None:
    for event in list_events(db=db):
        shown = repr(event) + event.what() + event.fields_text()
        for value in (NIK, PHONE_DIGITS, "Ani Lestari", "Tjilik Riwut"):
            assert value not in shown, (value, event)


def test_issuing_is_recorded_once_and_every_later_print_again(clinic):
    referral = make_referral(clinic)
    assert left(clinic) == []
    letter = letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    assert [(e.action, e.entity, e.record_id) for e in left(clinic)] == [
        ("print", "letter", letter.id)
    ]
    # the window and `klinik letter --issue` show the PDF at once: the same letter leaving
    shown, _ = letters.letter_pdf(db=clinic, referral_id=referral.id)
    assert len(left(clinic)) == 1
    again, _ = letters.letter_pdf(db=clinic, referral_id=referral.id)
    assert again == shown
    assert len(left(clinic)) == 2
    letters.letter_pdf(db=clinic, referral_id=referral.id)
    issued, reprint, _ = left(clinic)
    assert issued.detail == {"number": letter.number, "issued": True}
    assert reprint.detail == {"number": letter.number}
    assert issued.what() == f"Surat rujukan #{letter.id} ({letter.number}, diterbitkan)"
    assert reprint.what() == f"Surat rujukan #{letter.id} ({letter.number})"
    assert {"nik", "phone", "owner_name"} <= set(issued.fields) and issued.personal
    assert issued.client_id == cases.get_case(db=clinic, case_id=referral.case_id).client_id
    # the record changes of issuing are changes, not a letter leaving
    changes = [e for e in list_events(db=clinic) if not e.leaves_machine]
    assert ("update", "referral") in [(e.action, e.entity) for e in changes]
    no_personal_value_in_the_trail(clinic)


def test_a_reprint_in_a_later_session_is_recorded(store):
    with store.session() as db:
        referral = make_referral(db)
        letters.issue_referral_letter(db=db, referral_id=referral.id, on=ON)
    with store.session() as db:
        letters.letter_pdf(db=db, referral_id=referral.id)
    with store.session() as db:
        assert [e.detail.get("issued", False) for e in left(db)] == [True, False]


def test_a_draft_without_consent_to_referral_shows_the_identity_masked(clinic):
    """UU PDP: the owner agreed to mentoring only; a draft must not carry the NIK and phone."""
    referral = make_referral(clinic, consent=False)
    client_id = cases.get_case(db=clinic, case_id=referral.case_id).client_id
    privacy.record_consent(
        db=clinic, client_id=client_id, given_on="2026-01-05", method="lisan",
        purposes=["pendampingan"],
    )  # fmt: skip
    data, draft = letters.letter_pdf(db=clinic, referral_id=referral.id)
    assert draft is True
    text = pdf_text(data)
    flat = " ".join(text.split())
    assert NIK not in text and NIK not in flat.replace(" ", "")
    assert PHONE_DIGITS not in flat.replace(" ", "").replace("-", "")
    assert "NIK : 627105**********" in flat
    assert "No. HP : 0812-****-7890" in flat
    assert (
        "Identitas disamarkan: NIK dan nomor HP tidak ditampilkan lengkap karena pemilik belum "
        "menyetujui keperluan 'Rujukan ke instansi' (UU PDP)."
    ) in flat
    assert "…/DRAF" in flat and "DRAF" in text
    assert "Ani Lestari" in flat and "Amplang Ikan Pipih Bu Ani" in flat
    assert len(PdfReader(io.BytesIO(data)).pages) == 1  # the note sits in the margin
    assert referral.letter_number is None


def test_a_template_that_names_the_nik_in_its_text_is_masked_too(clinic):
    purpose = letters.get_purpose(db=clinic, code="kur")
    letters.update_purpose(
        db=clinic, purpose_id=purpose.id,
        body="Pemilik dengan NIK {nik} (HP {no_hp}) mohon dibantu.",
    )  # fmt: skip
    referral = make_referral(clinic, purpose="kur", agency="BANK-KALTENG", consent=False)
    flat = " ".join(pdf_text(letters.letter_pdf(db=clinic, referral_id=referral.id)[0]).split())
    assert "Pemilik dengan NIK 627105********** (HP 0812-****-7890) mohon dibantu." in flat
    assert "Identitas disamarkan" in flat
    assert NIK not in flat.replace(" ", "")


def test_a_draft_with_consent_shows_the_identity_as_the_letter_will(clinic):
    referral = make_referral(clinic)
    flat = " ".join(pdf_text(letters.letter_pdf(db=clinic, referral_id=referral.id)[0]).split())
    assert f"NIK : {NIK}" in flat and "No. HP : 0812-3456-7890" in flat
    assert "disamarkan" not in flat
    assert "DRAF" in flat


def test_a_withdrawn_consent_masks_the_next_draft(clinic):
    referral = make_referral(clinic)
    client_id = cases.get_case(db=clinic, case_id=referral.case_id).client_id
    privacy.withdraw_consent(db=clinic, client_id=client_id, withdrawn_on=ON)
    flat = " ".join(pdf_text(letters.letter_pdf(db=clinic, referral_id=referral.id)[0]).split())
    assert NIK not in flat.replace(" ", "") and "627105**********" in flat
    assert "Identitas disamarkan" in flat


def test_every_printed_draft_is_recorded_with_field_names_only(clinic):
    masked = make_referral(clinic, consent=False)
    full = make_referral(clinic, name="Usaha Dua", seq=2)
    for referral_id in (masked.id, masked.id, full.id):
        letters.letter_pdf(db=clinic, referral_id=referral_id)
    events = left(clinic)
    assert [(e.action, e.entity, e.record_id) for e in events] == [
        ("print", "referral", masked.id),
        ("print", "referral", masked.id),
        ("print", "referral", full.id),
    ]
    first, _, third = events
    assert first.detail == {"draft": True, "masked": ["nik", "phone"]}
    assert "nik" not in first.fields and "phone" not in first.fields
    assert "owner_name" in first.fields and first.personal
    assert first.what() == f"Rujukan #{masked.id} (draf surat, NIK dan No. HP disamarkan)"
    assert third.detail == {"draft": True} and "nik" in third.fields
    assert third.what() == f"Rujukan #{full.id} (draf surat)"
    assert first.client_id == cases.get_case(db=clinic, case_id=masked.case_id).client_id
    for event in events:
        for value in (NIK, "6271054508900002", PHONE_DIGITS, "Ani Lestari", "Usaha Dua"):
            assert value not in repr(event) + event.what()
