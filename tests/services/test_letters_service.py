"""services/letters.py on its own: purposes, the letter's content as plain data, issuing,
printing again and freezing, read back as the user sees them (the PDF's words, the file in the
data folder, the processing history). The letter's layout is tests/reports'."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date

import pytest
from pypdf import PdfReader
from sqlmodel import select

from klinik import paths
from klinik.db.models import IssuedLetter, Kabupaten
from klinik.errors import NotFound, Refusal, ValidationError
from klinik.services import cases, clients, letters, privacy, referrals
from klinik.services.audit import list_events
from klinik.services.settings import get_settings, set_settings

ON = date(2026, 5, 20)


def words(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def clinic(db):
    set_settings(
        db=db,
        clinic_name="Klinik Bisnis KUMKM Kalimantan Tengah",
        clinic_address="Jl. RTA Milono No. 1",
        clinic_town="Palangka Raya",
        clinic_phone="0536-3221234",
        signer_title="Kepala Klinik Bisnis",
        signer_name="Dr. Yusuf Mihing",
    )
    return db


def referral_of(
    db, *, consent=True, note=None, purpose="spp_irt", name="Amplang Bu Ani", nik="6271054508900001"
):
    client = clients.create_client(
        db=db, business_name=name, owner_name="Ani Lestari", nik=nik,
        phone="081234567890", address="Jl. Tjilik Riwut Km. 7", kelurahan="Bukit Tunggal",
        kecamatan="Jekan Raya", kabupaten_code="6271", products="amplang, kerupuk",
    )  # fmt: skip
    if consent:
        privacy.record_consent(
            db=db, client_id=client.id, given_on="2026-01-05", method="tertulis",
            purposes=["pendampingan", "rujukan"],
        )  # fmt: skip
    case = cases.open_case(db=db, client_id=client.id, title="SPP-IRT", opened_on=date(2026, 1, 5))
    return referrals.create_referral(
        db=db, case_id=case.id, agency_id="DINKES-PKY", purpose=purpose, note=note
    )


def left(db):
    return list_events(db=db, leaves_machine_only=True)


# --- purposes --------------------------------------------------------------------------------


def test_purposes_are_listed_labelled_and_found_by_code_or_id(db):
    active = letters.list_purposes(db=db)
    assert active and all(p.active for p in active)
    labels = letters.purpose_labels(db=db)
    assert {"spp_irt", "kur", "lainnya"} <= set(labels)
    spp = letters.get_purpose(db=db, code="spp_irt")
    assert labels["spp_irt"] == spp.label
    assert letters.get_purpose_by_id(db=db, purpose_id=spp.id) is spp
    assert letters.get_purpose(db=db, code="tidak_ada") is None
    with pytest.raises(NotFound):
        letters.get_purpose_by_id(db=db, purpose_id=99_999)


def test_a_new_purpose_is_checked_and_a_retired_one_is_listed_only_when_asked(db):
    with pytest.raises(ValidationError) as info:
        letters.create_purpose(db=db, code="Kurasi 2!", label="", subject="", body="")
    assert {"code", "label", "subject", "body"} <= {e.field for e in info.value.errors}
    purpose = letters.create_purpose(
        db=db, code="Kurasi_2", label="Kurasi produk", subject="Kurasi {nama_usaha}",
        body="Mohon kurasi produk {nama_usaha}.\n\n{identitas}",
    )  # fmt: skip
    assert purpose.code == "kurasi_2"
    with pytest.raises(ValidationError) as info:
        letters.create_purpose(db=db, code="kurasi_2", label="Lagi", subject="Lagi", body="Lagi")
    assert "sudah ada" in info.value.for_field("code")
    letters.update_purpose(db=db, purpose_id=purpose.id, active=False)
    assert "kurasi_2" not in [p.code for p in letters.list_purposes(db=db)]
    assert "kurasi_2" in [p.code for p in letters.list_purposes(db=db, active_only=False)]


def test_a_purpose_template_with_an_unknown_placeholder_is_refused(db):
    purpose = letters.get_purpose(db=db, code="kur")
    with pytest.raises(ValidationError) as info:
        letters.update_purpose(db=db, purpose_id=purpose.id, body="Untuk {nama_kucing}.")
    assert "nama_kucing" in str(info.value)


# --- the letter's content --------------------------------------------------------------------


def test_the_consultants_note_says_pelaku_usaha_and_ends_a_sentence():
    assert letters.letter_note("  Klien  butuh\nlabel gizi ") == "Pelaku usaha butuh label gizi."
    assert letters.letter_note("produk kliennya siap") == "produk pelaku usahanya siap."
    assert letters.letter_note("Sudah uji lab (BPOM)") == "Sudah uji lab (BPOM)"
    assert letters.letter_note(None) == ""


def test_the_address_and_the_letterhead_are_taken_as_the_letter_prints_them(clinic):
    referral = referral_of(clinic)
    client = clients.get_client(db=clinic, client_id=1)
    kab = clinic.get(Kabupaten, "6271")
    assert letters.address_of(client, kab) == (
        "Jl. Tjilik Riwut Km. 7, Kel./Desa Bukit Tunggal, Kec. Jekan Raya, Kota Palangka Raya"
    )
    head = letters.letterhead_of(get_settings(db=clinic))
    assert head["clinic_name"] == "Klinik Bisnis KUMKM Kalimantan Tengah"
    assert head["clinic_website"] == ""  # never None: the kop surat prints text only
    content = letters.letter_content(db=clinic, referral=referral, number="001/X", on=ON)
    assert (content["number"], content["date"], content["place"]) == (
        "001/X", "2026-05-20", "Palangka Raya",
    )  # fmt: skip
    identity = next(block["identity"] for block in content["body"] if isinstance(block, dict))
    assert ("NIK", "6271054508900001") in identity
    assert content["signer_name"] == "Dr. Yusuf Mihing"
    assert "notice" not in content


def test_a_masked_content_hides_the_nik_and_phone_and_says_why(clinic):
    referral = referral_of(clinic)
    content = letters.letter_content(
        db=clinic, referral=referral, number="…/DRAF", on=ON, mask_identity=True
    )
    identity = dict(next(b["identity"] for b in content["body"] if isinstance(b, dict)))
    assert identity["NIK"] != "6271054508900001" and identity["NIK"].startswith("6271")
    assert "7890" in identity["No. HP"] and "081234567890" not in identity["No. HP"]
    assert content["notice"] == letters.MASKED_NOTICE


# --- issuing and printing --------------------------------------------------------------------


def test_issuing_numbers_the_letter_freezes_it_and_keeps_the_pdf(clinic):
    referral = referral_of(clinic, note="Klien sudah ikut pelatihan PKP")
    letter = letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    path = letters.letter_path(letter)
    assert path == paths.letters_dir() / "2026" / letter.file_name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == letter.sha256
    assert json.loads(letter.content)["number"] == letter.number
    assert letters.letter_of(db=clinic, referral_id=referral.id).id == letter.id
    assert referral.status == "sent" and referral.letter_number == letter.number
    text = words(path.read_bytes())
    assert letter.number in text and "Pelaku usaha sudah ikut pelatihan PKP." in text


def test_issuing_refuses_a_date_ahead_a_second_issue_and_no_consent(clinic):
    referral = referral_of(clinic)
    with pytest.raises(ValidationError) as info:
        letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=date(2999, 1, 1))
    assert "masa depan" in info.value.for_field("on")
    letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    with pytest.raises(ValidationError):
        letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    unconsented = referral_of(clinic, consent=False, name="Kerupuk Basah", nik="6271054508900002")
    with pytest.raises(Refusal, match="belum menyetujui"):
        letters.issue_referral_letter(db=clinic, referral_id=unconsented.id, on=ON)
    assert letters.letter_of(db=clinic, referral_id=unconsented.id) is None


def test_the_pdf_handed_out_after_issuing_is_not_recorded_twice_but_a_reprint_is(clinic):
    referral = referral_of(clinic)
    letter = letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    first, draft = letters.letter_pdf(db=clinic, referral_id=referral.id)
    assert draft is False
    assert [e.detail for e in left(clinic)] == [{"number": letter.number, "issued": True}]
    letters.letter_pdf(db=clinic, referral_id=referral.id)
    assert [e.detail for e in left(clinic)][-1] == {"number": letter.number}
    # print_issued on its own: a lost file is made again from the frozen content.
    letters.letter_path(letter).unlink()
    again = letters.print_issued(clinic, letter, referral.id)
    assert words(again) == words(first)
    assert letters.letter_path(letter).is_file()


def test_record_letter_print_names_fields_never_values(clinic):
    referral = referral_of(clinic)
    letter = letters.issue_referral_letter(db=clinic, referral_id=referral.id, on=ON)
    letters.record_letter_print(clinic, letter, 1, fields=("business_name",))
    event = left(clinic)[-1]
    assert (event.action, event.entity, event.record_id) == ("print", "letter", letter.id)
    assert event.fields == ["business_name"]
    assert "Ani Lestari" not in json.dumps(event.detail)


def test_a_draft_preview_is_a_draft_and_recorded_as_leaving(clinic):
    referral = referral_of(clinic, consent=False)
    data, draft = letters.letter_pdf(db=clinic, referral_id=referral.id)
    assert draft is True
    assert "DRAF" in words(data) and "6271054508900001" not in words(data)
    (event,) = left(clinic)
    assert event.entity == "referral" and event.detail["masked"] == ["nik", "phone"]


def test_letters_issued_without_content_are_frozen_with_what_they_say(clinic):
    referral = referral_of(clinic)
    number = referrals.issue_letter_number(db=clinic, on=ON, referral_id=referral.id)
    referral.letter_number, referral.status = number.number, "sent"
    clinic.add(referral)
    clinic.flush()
    assert letters.freeze_unfrozen_letters(db=clinic) == 1
    letter = clinic.exec(select(IssuedLetter).where(IssuedLetter.id == number.id)).one()
    assert json.loads(letter.content)["client"] == "Amplang Bu Ani"
    assert letter.file_name.endswith("Amplang Bu Ani.pdf")
    assert letters.freeze_unfrozen_letters(db=clinic) == 0
    data, _ = letters.letter_pdf(db=clinic, referral_id=referral.id)
    assert number.number in words(data)
