"""The consent form and the owner's copy of the data (UU PDP), read back with pypdf."""

from __future__ import annotations

import io
import json
import re
from datetime import date

from pypdf import PdfReader

from klinik.domain.consent import TEXT_VERSION
from klinik.reports.access import build_access_report
from klinik.reports.consent import build_consent_form
from klinik.services import (
    audit,
    cases,
    clients,
    consultants,
    documents,
    outcomes,
    privacy,
    referrals,
)
from klinik.services import sessions as mentoring
from klinik.services.settings import get_settings, set_settings

NIK = "6271014505900001"
CLINIC = {
    "clinic_name": "Klinik Bisnis KUMKM Kalteng",
    "clinic_address": "Jl. Tjilik Riwut Km. 5,5",
    "clinic_town": "Palangka Raya",
    "clinic_phone": "(0536) 322 1234",
}
PURPOSE_STARTS = {
    "pendampingan": "Pendampingan usaha:",
    "rujukan": "Rujukan ke instansi:",
    "asosiasi": "Berbagi dengan asosiasi:",
}


def pages_of(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF")
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    """All pages' text with runs of white space made one space."""
    return " ".join(" ".join(pages_of(pdf)).split())


def ticked(text: str, purpose: str) -> bool:
    """A ticked box prints an "X" just before its purpose; an empty box prints nothing."""
    start = PURPOSE_STARTS[purpose]
    assert start in text
    return re.search(r"X\s*" + re.escape(start), text) is not None


def make_client(db, name="Amplang Bu Sari", **fields):
    values = {
        "owner_name": "Sari Wulandari",
        "nik": NIK,
        "phone": "0812-3456-7890",
        "address": "Jl. Rajawali VII No. 12",
        "kelurahan": "Bukit Tunggal",
        "kecamatan": "Jekan Raya",
        "kabupaten_code": "6271",
        "products": "Amplang ikan pipih",
    }
    values.update(fields)
    return clients.create_client(db=db, business_name=name, **values)


def client_dict(client) -> dict:
    return client.model_dump() | {"kabupaten": "Kota Palangka Raya"}


def full_client(db):
    """A client with a consent, size records, a licence, a case with sessions, a follow-up,
    a sent referral and an outcome."""
    person = consultants.create_consultant(db=db, name="Rina Marlina, S.E.")
    set_settings(db=db, clinic_name="Klinik Bisnis KUMKM Kalteng")
    client = make_client(db)
    privacy.record_consent(
        db=db,
        client_id=client.id,
        given_on="2026-01-05",
        method="tertulis",
        purposes=["pendampingan", "rujukan"],
        recorded_by_id=person.id,
    )
    clients.add_size_record(
        db=db, client_id=client.id, recorded_on="2024-06-30", omzet="2,4 M", modal="400 jt"
    )
    clients.add_licence(
        db=db, client_id=client.id, kind="nib", number="1234567890123", status="obtained"
    )
    case = cases.open_case(
        db=db,
        client_id=client.id,
        title="Perizinan dan akses KUR",
        consultant_id=person.id,
        opened_on="2024-01-10",
        areas=["produksi", "pembiayaan"],
        goal="Memperoleh SPP-IRT dan KUR.",
    )
    mentoring.log_session(
        db=db,
        case_id=case.id,
        held_on="2024-05-20",
        minutes=90,
        mode="kunjungan_lapangan",
        summary="Kunjungan ke dapur produksi amplang.",
        recommendations="Pisahkan rekening usaha.",
        next_steps="Siapkan desain label.",
        follow_ups=[{"description": "Desain label kemasan", "due_on": "2024-06-01"}],
    )
    referral = referrals.create_referral(
        db=db, case_id=case.id, agency_id="DINKES-PKY", purpose="spp_irt",
        created_on="2024-05-21",
    )  # fmt: skip
    referral = referrals.send_referral(db=db, referral_id=referral.id, on=date(2024, 5, 22))
    outcomes.record_outcome(
        db=db,
        case_id=case.id,
        kind="financing",
        occurred_on="2024-07-15",
        amount="50 juta",
        institution="Bank Kalteng",
        scheme="kur",
    )
    return client, case, referral


# --- the consent form ------------------------------------------------------------------------


def test_filled_form_shows_the_owner_the_full_nik_and_the_recorded_choices(db):
    client = make_client(db)
    consent = privacy.record_consent(
        db=db,
        client_id=client.id,
        given_on="2026-01-05",
        method="tertulis",
        purposes=["pendampingan", "rujukan"],
    )
    pdf = build_consent_form(
        clinic=CLINIC, client=client_dict(client), consent=consent.model_dump()
    )
    pages = pages_of(pdf)
    assert len(pages) == 1  # a normal client fits on one page
    text = flat(pdf)
    assert "FORMULIR PERSETUJUAN PENGOLAHAN DATA PRIBADI" in text
    assert "Klinik Bisnis KUMKM Kalteng" in text
    assert "Sari Wulandari" in text
    assert NIK in text  # the owner's own form: the NIK in full
    assert "Amplang Bu Sari" in text
    assert "0812-3456-7890" in text
    assert "Kel./Desa Bukit Tunggal, Kec. Jekan Raya, Kota Palangka Raya" in text
    assert "Saya memberikan persetujuan kepada Klinik Bisnis KUMKM Kalteng" in text
    assert ticked(text, "pendampingan")
    assert ticked(text, "rujukan")
    assert not ticked(text, "asosiasi")
    assert "berhak melihat dan meminta salinan data saya" in text
    assert "Cara persetujuan: tertulis (formulir ini)" in text
    assert f"Versi teks persetujuan: {TEXT_VERSION}" in text
    assert "Palangka Raya, ......" in text
    assert "Pemilik data" in text
    assert "Konsultan yang mencatat" in text
    assert "Halaman 1 dari 1" in text


def test_form_without_consent_has_every_box_empty(db):
    client = make_client(db)
    text = flat(build_consent_form(clinic=CLINIC, client=client_dict(client), consent=None))
    assert "Sari Wulandari" in text
    for purpose in PURPOSE_STARTS:
        assert not ticked(text, purpose)


def test_blank_form_has_dotted_lines_and_no_client(db):
    pdf = build_consent_form(clinic=CLINIC, client=None, consent=None)
    pages = pages_of(pdf)
    assert len(pages) == 1
    text = flat(pdf)
    assert "Klinik Bisnis KUMKM Kalteng" in text
    assert "Sari" not in text and NIK not in text
    assert re.search(r"Nama pemilik : \.{40,}", text)
    assert re.search(r"NIK : \.{40,}", text)
    assert "(" + "." * 40 in text  # the signature names to write by hand
    for purpose in PURPOSE_STARTS:
        assert not ticked(text, purpose)
    assert f"Versi teks persetujuan: {TEXT_VERSION}" in text


def test_form_with_the_longest_values_keeps_the_signatures_with_the_text():
    client = {
        "business_name": "N" * 200,
        "owner_name": "Owner " * 26,
        "nik": NIK,
        "address": "Jl. " * 75,
        "kelurahan": "K" * 80,
        "kecamatan": "C" * 80,
        "kabupaten": "Kabupaten Kotawaringin Timur",
        "phone": "+6281234567890",
    }
    pages = pages_of(build_consent_form(clinic=CLINIC, client=client, consent=None))
    assert len(pages) <= 2
    last = " ".join(pages[-1].split())
    assert "Pemilik data" in last and "menarik persetujuan ini kapan saja" in last


def test_form_prints_markup_in_user_text_as_typed(db):
    name = 'A <b>&</b> <img src="http://x/y.png"/>'
    client = make_client(db, name=name, owner_name="Budi <i>& Sons")
    clinic = CLINIC | {"clinic_name": "Klinik <u>Kita</u> & Co"}
    pdf = build_consent_form(clinic=clinic, client=client_dict(client), consent=None)
    text = flat(pdf)
    assert name in text
    assert "Budi <i>& Sons" in text
    assert "Klinik <u>Kita</u> & Co" in text
    assert b"/Subtype /Image" not in pdf


# --- the owner's copy ------------------------------------------------------------------------


def test_access_report_holds_the_clients_data_and_history(db):
    client, case, referral = full_client(db)
    data = privacy.client_data(db=db, client_id=client.id)
    pdf = build_access_report(data, clinic=get_settings(db=db))
    pages = pages_of(pdf)
    text = flat(pdf)
    assert "SALINAN DATA PRIBADI" in text
    assert "UU PDP" in text or "Undang-Undang Nomor 27 Tahun 2022" in text
    assert "Klinik Bisnis KUMKM Kalteng" in text
    # Identity and contact, with Indonesian labels.
    assert "Nama pemilik Sari Wulandari" in text
    assert f"NIK {NIK}" in text
    assert "No. HP 0812-3456-7890" in text
    assert "Kabupaten/kota Kota Palangka Raya (6271)" in text
    assert "QRIS Tidak" in text
    # Consent line.
    assert "5 Januari 2026 Formulir tertulis Pendampingan usaha, Rujukan ke instansi" in text
    assert "Rina Marlina, S.E." in text
    # Size, licence, the session's notes, follow-up, referral letter, outcome.
    assert "Rp2.400.000.000" in text and "Rp400.000.000" in text
    assert "1234567890123" in text
    assert "Kunjungan ke dapur produksi amplang." in text
    assert "Rekomendasi: Pisahkan rekening usaha." in text
    assert "Desain label kemasan" in text
    assert referral.letter_number and referral.letter_number in text
    assert "Rp50.000.000" in text and "Bank Kalteng" in text
    # Processing history: every flush wrote create events.
    assert "Riwayat pengolahan" in text
    assert f"Dibuat Klien #{client.id}" in text
    assert re.search(r"Dibuat Sesi #\d+", text)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {total}" in page
    assert "Halaman 1 dari" in pages[0]


def test_access_report_prints_markup_as_typed(db):
    name = 'A <b>&</b> <img src="http://x/y.png"/>'
    client = make_client(db, name=name, notes="1 < 2 & 3 > 2 <br/> baris")
    pdf = build_access_report(
        privacy.client_data(db=db, client_id=client.id), clinic=get_settings(db=db)
    )
    text = flat(pdf)
    assert name in text
    assert "1 < 2 & 3 > 2 <br/> baris" in text
    assert b"/Subtype /Image" not in pdf


def test_sixty_long_sessions_flow_over_several_pages(db):
    client = make_client(db)
    case = cases.open_case(
        db=db, client_id=client.id, title="Pendampingan panjang", opened_on="2022-12-01"
    )
    words = "pembukuan harian dan rencana produksi amplang untuk pasar ritel modern "
    for i in range(60):
        mentoring.log_session(
            db=db,
            case_id=case.id,
            held_on=date(2023, 1 + i // 6, 1 + (i % 6) * 4).isoformat(),
            summary=f"Sesi nomor {i + 1}. " + words * 30,
            recommendations="\n".join(f"Rekomendasi {j}: {words}" for j in range(8)),
            next_steps=words * 5,
        )
    long_note = "\n".join(f"Baris {j}: amplang" for j in range(100)) + "\nAKHIR-CATATAN"
    clients.add_licence(db=db, client_id=client.id, kind="halal", note=long_note)
    data = privacy.client_data(db=db, client_id=client.id)
    pdf = build_access_report(data, clinic=get_settings(db=db))
    pages = pages_of(pdf)
    assert len(pages) >= 10
    text = flat(pdf)
    assert "Sesi nomor 1." in text and "Sesi nomor 60." in text
    assert "Sesi pendampingan (60)" in text
    assert "AKHIR-CATATAN" in text  # a note too long for a cell is set under the table
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page
        assert page.strip()


# --- through the services --------------------------------------------------------------------


def test_consent_form_service_fills_the_form_and_records_the_print(db):
    client = make_client(db)
    privacy.record_consent(
        db=db,
        client_id=client.id,
        given_on="2026-01-05",
        method="tertulis",
        purposes=["pendampingan", "rujukan"],
    )
    before = audit.list_events(db=db, leaves_machine_only=True)
    text = flat(documents.consent_form(db=db, client_id=client.id))
    after = audit.list_events(db=db, leaves_machine_only=True)
    assert "Sari Wulandari" in text and NIK in text
    assert ticked(text, "pendampingan") and ticked(text, "rujukan")
    assert not ticked(text, "asosiasi")
    new = after[len(before) :]
    assert [(e.action, e.entity, e.client_id) for e in new] == [
        ("print", "consent_form", client.id)
    ]
    # A blank form names nobody and records nothing.
    blank = flat(documents.consent_form(db=db))
    assert "Sari Wulandari" not in blank
    assert len(audit.list_events(db=db, leaves_machine_only=True)) == len(after)


def test_access_copy_service_writes_json_and_pdf_and_records_it(db, tmp_path):
    client, case, _ = full_client(db)
    mentoring.log_session(
        db=db, case_id=case.id, held_on="2024-06-10", summary="Sesi kedua: uji label."
    )
    before = audit.list_events(db=db, leaves_machine_only=True)
    json_path, pdf_path = documents.access_copy(
        db=db, client_id=client.id, folder=tmp_path / "salinan"
    )
    after = audit.list_events(db=db, leaves_machine_only=True)
    assert json_path.is_file() and pdf_path.is_file()
    assert json_path.name.endswith(".json") and not json_path.name.endswith(".pdf.json")
    assert pdf_path.suffixes[-1:] == [".pdf"] and not pdf_path.name.endswith(".pdf.pdf")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["client"]["nik"] == NIK
    held = [s["held_on"] for c in data["cases"] for s in c["sessions"]]
    assert held == ["2024-05-20", "2024-06-10"]
    text = flat(pdf_path.read_bytes())
    assert "Sari Wulandari" in text and "Amplang Bu Sari" in text
    assert "Sesi kedua: uji label." in text
    new = after[len(before) :]
    assert [(e.action, e.client_id) for e in new] == [("access", client.id)]
    assert new[0].leaves_machine


def test_access_copy_cuts_no_word_and_no_date_across_lines(db):
    from klinik.services.documents import case_summary

    client, case, referral = full_client(db)
    case_summary(db=db, case_id=case.id)  # recorded: "Dicetak/PDF", "Ringkasan …"
    documents.consent_form(db=db, client_id=client.id)
    data = privacy.client_data(db=db, client_id=client.id)
    pages = pages_of(build_access_report(data, clinic=get_settings(db=db)))
    words = set(" ".join(pages).split())
    for word in ("Dicetak/PDF", "pendampingan", "Ringkasan", "persetujuan", "Penanggung"):
        assert word in words, word
    months = (
        "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
    )
    for page in pages:
        assert not re.search(rf"\b(?:{months})[ \t]*\n\s*\d{{4}}\b", page)
        assert not re.search(rf"\b\d{{1,2}}[ \t]*\n\s*(?:{months})\b", page)


def test_consent_form_says_how_long_data_is_kept_whom_to_ask_and_its_version_once(db):
    set_settings(
        db=db,
        clinic_name="Klinik Bisnis KUMKM Kalteng",
        clinic_phone="0536-3221234",
        clinic_email="klinik@example.id",
        backup_retention_days=180,
    )
    client = make_client(db)
    privacy.record_consent(
        db=db, client_id=client.id, given_on="2026-01-05", method="tertulis",
        purposes=["pendampingan"],
    )  # fmt: skip
    for pdf in (
        documents.consent_form(db=db, client_id=client.id),
        documents.consent_form(db=db),
    ):
        pages = pages_of(pdf)
        assert len(pages) == 1
        text = flat(pdf)
        assert "Masa simpan:" in text
        assert "paling lama 180 hari" in text  # the retention setting, not a fixed figure
        assert "Untuk menarik persetujuan" in text
        assert "hubungi Klinik Bisnis KUMKM Kalteng" in text
        assert "telepon 0536-3221234" in text and "e-mail klinik@example.id" in text
        assert text.count("Versi teks persetujuan") == 1
        assert text.count(TEXT_VERSION) == 1


def test_consent_form_without_a_clinic_phone_leaves_a_line_to_write_it():
    text = flat(
        build_consent_form(clinic={"clinic_name": "Klinik Bisnis"}, client=None, consent=None)
    )
    assert re.search(r"hubungi Klinik Bisnis: telepon/e-mail \.{20,}", text)
    assert "paling lama 365 hari" in text  # the setting's default
