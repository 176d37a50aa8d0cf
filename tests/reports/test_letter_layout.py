"""A referral letter as an administrator reads it: one page when the content is usual, a
continuation page that names its letter, the signature and Tembusan never alone, Indonesian
that reads as a person wrote it, and the signature block of tata naskah dinas."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from sqlmodel import select

from klinik.db.models import Case, IssuedLetter
from klinik.demo import generate_demo
from klinik.errors import ValidationError
from klinik.services import clients, letters, referrals
from klinik.services.settings import set_settings
from tests.reports.test_referral_letters import make_referral


@pytest.fixture
def clinic(db):
    set_settings(
        db=db,
        clinic_name="Klinik Bisnis KUMKM Kalimantan Tengah",
        clinic_address="Jl. RTA Milono No. 1",
        signer_title="Kepala Klinik Bisnis",
        signer_name="Dr. Yusuf Mihing",
        letter_tembusan="Kepala Dinas Koperasi dan UKM Provinsi Kalimantan Tengah; Arsip",
    )
    return db


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def issue(db, referral, on=date(2026, 5, 20)) -> bytes:
    letters.issue_referral_letter(db=db, referral_id=referral.id, on=on)
    return letters.letter_pdf(db=db, referral_id=referral.id)[0]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_products_are_a_list_and_the_nib_is_said_once(clinic):
    db = clinic
    referral = make_referral(db)
    clients.update_client(
        db=db, client_id=_client_id(db, referral), products="keripik kelakai, teh kelakai"
    )
    text = flat("\n".join(pages(issue(db, referral))))
    assert (
        "memproduksi keripik kelakai dan teh kelakai, serta telah memiliki Nomor Induk "
        "Berusaha (NIB)." in text
    )
    assert text.count("1234567890123") == 1  # in the identity table only


def _client_id(db, referral) -> int:
    return db.get(Case, referral.case_id).client_id


def set_note(db, referral, note: str) -> None:
    referral.note = note
    db.add(referral)
    db.flush()


def test_three_products_take_the_serial_comma_and_no_nib_says_so(clinic):
    db = clinic
    referral = make_referral(db, purpose="halal", agency="BPJPH")
    clients.update_client(
        db=db, client_id=_client_id(db, referral), products="amplang; kerupuk ikan dan stik",
        nib="",
    )  # fmt: skip
    text = flat("\n".join(pages(issue(db, referral))))
    assert "memproduksi amplang, kerupuk ikan, dan stik, namun belum memiliki Nomor Induk" in text
    assert "NIB : (belum ada)" in text or "(belum ada)" in text


def test_the_note_joins_the_request_and_says_pelaku_usaha_not_klien(clinic):
    db = clinic
    referral = make_referral(db)
    set_note(db, referral, "Klien sudah menyiapkan ruang produksi terpisah; kliennya siap ikut PKP")
    text = flat("\n".join(pages(issue(db, referral))))
    assert not re.search(r"\bklien", text, re.IGNORECASE)
    # the note is the request paragraph's next sentence, with its own full stop
    assert (
        "pemeriksaan sarana produksi. Pelaku usaha sudah menyiapkan ruang produksi "
        "terpisah; pelaku usahanya siap ikut PKP." in text
    )


def test_a_usual_letter_is_one_page_with_the_signature_block_of_tata_naskah(clinic):
    db = clinic
    set_settings(db=db, signer_rank="Pembina (IV/a)", signer_id="197001011995032001")
    referral = make_referral(db)
    set_note(db, referral, "Ruang produksi siap.")
    [page] = pages(issue(db, referral))
    lines = [line.strip() for line in page.splitlines()]
    title = lines.index("Kepala Klinik Bisnis,")  # the job title ends with a comma
    assert lines[title + 1 : title + 4] == [
        "Dr. Yusuf Mihing", "Pembina (IV/a)", "NIP 19700101 199503 2 001",
    ]  # fmt: skip
    assert "Tembusan:" in lines


def test_without_a_rank_or_nip_there_is_no_such_line(clinic):
    db = clinic
    [page] = pages(issue(db, make_referral(db)))
    assert "NIP" not in page and "Pembina" not in page


def test_a_bad_nip_is_refused_with_what_to_type(clinic):
    with pytest.raises(ValidationError) as caught:
        set_settings(db=clinic, signer_id="1970-01")
    assert "18 angka" in str(caught.value) and "16 angka" in str(caught.value)
    assert set_settings(db=clinic, signer_id="NIP. 19700101 199503 2 001")["signer_id"] == (
        "197001011995032001"
    )


def test_a_long_letter_continues_with_its_number_and_the_signature_never_alone(clinic):
    db = clinic
    set_settings(
        db=db,
        letter_tembusan=[f"Kepala Dinas Nomor {i} Provinsi Kalimantan Tengah" for i in range(1, 9)],
    )
    referral = make_referral(db)
    long_note = " ".join(
        f"Kalimat keterangan tambahan nomor {i} tentang kesiapan produksi dan pemasaran."
        for i in range(1, 40)
    )
    set_note(db, referral, long_note)
    texts = pages(issue(db, referral))
    assert len(texts) == 2
    number = letters.letter_of(db=db, referral_id=referral.id).number
    assert f"Nomor {number}" in texts[1] and "Halaman 2" in texts[1]
    assert "Halaman" not in texts[0]
    # the page with the signature and the Tembusan also carries the letter's last words
    last = texts[1]
    assert "Dr. Yusuf Mihing" in last and "Tembusan:" in last
    assert "Demikian disampaikan" in last and "Kalimat keterangan tambahan nomor 39" in last


def test_a_letter_on_f4_paper(clinic):
    db = clinic
    set_settings(db=db, letter_paper="f4")
    page = PdfReader(io.BytesIO(issue(db, make_referral(db)))).pages[0]
    assert round(float(page.mediabox.height) / mm) == 330
    assert round(float(page.mediabox.width) / mm) == 215
    with pytest.raises(ValidationError):
        set_settings(db=db, letter_paper="Letter")


def test_demo_letters_are_frozen_and_each_fits_one_page(store):
    generate_demo(store, clients=60, seed=3, today=date(2026, 11, 30))
    with store.session() as db:
        issued = list(db.exec(select(IssuedLetter).where(IssuedLetter.cancelled_on.is_(None))))
        assert issued and all(letter.content for letter in issued)
        first = issued[0]
        frozen = json.loads(first.content)
        client_id = _client_id(db, referrals.get_referral(db=db, referral_id=first.referral_id))
        clients.update_client(db=db, client_id=client_id, business_name="Nama Baru Sekali")
    with store.session() as db:
        for letter in issued:
            data, draft = letters.letter_pdf(db=db, referral_id=letter.referral_id)
            texts = pages(data)
            assert not draft and len(texts) == 1, letter.number
            text = flat(texts[0])
            assert not re.search(r"\bklien", text, re.IGNORECASE), letter.number
            if letter.id == first.id:
                assert frozen["client"] in text and "Nama Baru Sekali" not in text


def test_a_lost_letter_is_made_again_from_its_content_after_the_layout_changed(clinic, monkeypatch):
    """A newer Klinik lays letters out differently: the frozen words still print."""
    db = clinic
    referral = make_referral(db)
    first = issue(db, referral)
    letter = letters.letter_of(db=db, referral_id=referral.id)
    letters.letter_path(letter).unlink()
    from klinik.reports import letters as layout

    monkeypatch.setattr(layout, "CLOSING", layout.CLOSING.replace("Demikian", "Demikianlah"))
    again, draft = letters.letter_pdf(db=db, referral_id=referral.id)
    assert not draft and again != first
    assert flat(pages(again)[0]).replace("Demikianlah", "Demikian") == flat(pages(first)[0])
    assert letters.letter_path(letter).read_bytes() == again  # put back
