"""Ringkasan Pendampingan: built from real service data, read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from klinik.domain.formatting import format_date
from klinik.domain.identifiers import mask_nik
from klinik.services import cases, clients, consultants, outcomes, privacy, referrals, sessions
from klinik.services.documents import case_summary, client_summary
from klinik.services.settings import set_settings

PRINTED = date(2025, 1, 20)
NIK = "6271014505900001"


def pages_of(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF")
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    """All pages' text with runs of white space made one space (wrapped lines join)."""
    return " ".join(" ".join(pages_of(pdf)).split())


def make_consultant(db, name="Rina Marlina, S.E.", title="Konsultan Pendamping Pemasaran"):
    return consultants.create_consultant(db=db, name=name, title=title)


def make_client(db, name="Amplang Bu Sari", **fields):
    values = {
        "owner_name": "Sari Wulandari",
        "nik": "6271 0145 0590 0001",
        "phone": "0812-3456-7890",
        "address": "Jl. Rajawali VII No. 12",
        "kelurahan": "Bukit Tunggal",
        "kecamatan": "Jekan Raya",
        "kabupaten_code": "6271",
        "products": "Amplang ikan pipih",
        "legal_form": "perorangan",
        "year_started": 2018,
    }
    values.update(fields)
    client = clients.create_client(db=db, business_name=name, **values)
    privacy.record_consent(
        db=db, client_id=client.id, given_on="2024-01-02", method="tertulis",
        purposes=["pendampingan", "rujukan"],
    )  # fmt: skip
    return client


def make_case(db, client, consultant=None, title="Perizinan dan akses KUR", **fields):
    values = {"opened_on": "2024-01-10", "areas": ["produksi", "pembiayaan"]}
    values.update(fields)
    return cases.open_case(
        db=db,
        client_id=client.id,
        title=title,
        consultant_id=consultant.id if consultant else None,
        **values,
    )


def full_case(db):
    """A client that naik kelas, with licences, sessions, a referral and an outcome."""
    person = make_consultant(db)
    client = make_client(db)
    clients.add_size_record(
        db=db, client_id=client.id, recorded_on="2023-01-10", omzet="1,5 M", modal="200 jt"
    )
    clients.add_size_record(
        db=db,
        client_id=client.id,
        recorded_on="2024-06-30",
        omzet="2,4 M",
        modal="400 jt",
        workers_permanent_female=5,
    )
    clients.add_licence(
        db=db, client_id=client.id, kind="nib", number="1234567890123", status="obtained"
    )
    clients.add_licence(db=db, client_id=client.id, kind="spp_irt", status="in_process")
    case = make_case(db, client, person)
    sessions.log_session(
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
    sessions.log_session(
        db=db,
        case_id=case.id,
        held_on="2024-02-03",
        minutes=60,
        summary="Asesmen awal usaha.",
    )
    sessions.log_session(
        db=db,
        case_id=case.id,
        held_on="2025-03-01",
        minutes=45,
        mode="daring",
        summary="Rencana evaluasi marketplace.",
    )
    referral = referrals.create_referral(
        db=db,
        case_id=case.id,
        agency_id="DINKES-PKY",
        purpose="spp_irt",
        created_on="2024-05-21",
    )
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
    return case, referral


def test_case_summary_shows_the_whole_case(db):
    case, referral = full_case(db)
    pdf = case_summary(db=db, case_id=case.id, printed_on=PRINTED)
    text = flat(pdf)

    assert "RINGKASAN PENDAMPINGAN" in text
    assert "Perizinan dan akses KUR" in text
    assert "Amplang Bu Sari" in text
    assert "Sari Wulandari" in text
    assert "627101**********" in text
    assert NIK not in text
    assert "0812-3456-7890" in text
    assert "Kel./Desa Bukit Tunggal, Kec. Jekan Raya, Kota Palangka Raya" in text
    # Licence path: the status of each step and "belum" where there is no number.
    assert "NIB Terbit 1234567890123" in text
    assert "SPP-IRT (P-IRT) Dalam proses belum" in text
    assert "Sertifikat halal Belum belum" in text
    # Size history and the naik kelas sentence.
    assert "Rp2.400.000.000" in text
    assert "NAIK KELAS" in text
    assert "Usaha ini naik kelas: dari usaha Mikro" in text
    # Sessions in date order, with their notes.
    first, second = text.index("3 Februari 2024"), text.index("20 Mei 2024")
    assert first < second
    assert "Sesi 1 · 3 Februari 2024" in text
    assert "Sesi 2 · 20 Mei 2024 · Kunjungan lapangan · 90 menit" in text
    assert "Kunjungan ke dapur produksi amplang." in text
    assert "Rekomendasi: Pisahkan rekening usaha." in text
    assert "Langkah berikutnya: Siapkan desain label." in text
    assert "Desain label kemasan" in text
    # Referral and outcome.
    assert referral.letter_number and referral.letter_number in text
    assert "Dinas Kesehatan" in text
    assert "Terkirim" in text
    assert "Rp50.000.000" in text
    assert "Bank Kalteng" in text
    # Planned session: listed apart and not counted.
    assert "Sesi yang direncanakan (1)" in text
    assert "1 Maret 2025" in text
    assert "Sesi Pendampingan (2)" in text
    assert "Sesi terlaksana 2 sesi" in text
    assert "Waktu pendampingan 2 jam 30 menit (2,5 jam)" in text
    # Signature: town and date, the consultant's title and name.
    assert "Palangka Raya, 20 Januari 2025" in text
    assert "Konsultan Pendamping Pemasaran" in text
    assert "Rina Marlina, S.E." in text


def test_every_page_has_its_number_of_the_total(db):
    case, _ = full_case(db)
    pages = pages_of(case_summary(db=db, case_id=case.id, printed_on=PRINTED))
    total = len(pages)
    assert total >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {total}" in page
        assert "Dicetak 20 Januari 2025" in page
        assert "Klinik Bisnis" in page  # footer: the clinic's name
    assert "Halaman 1 dari" in pages[0]
    assert f"Halaman {total} dari {total}" in pages[-1]
    assert "Rina Marlina, S.E." in pages[-1]


def test_same_input_gives_the_same_bytes_and_title_metadata(db):
    case, _ = full_case(db)
    one = case_summary(db=db, case_id=case.id, printed_on=PRINTED)
    two = case_summary(db=db, case_id=case.id, printed_on=PRINTED)
    assert one == two
    meta = PdfReader(io.BytesIO(one)).metadata
    assert meta.title == "Ringkasan Pendampingan — Amplang Bu Sari"


def test_markup_in_user_text_prints_as_typed(db):
    name = 'A <b>&</b> <img src="http://x/y.png"/>'
    client = make_client(db, name=name, nik=None, owner_name="Budi <i>& Sons")
    case = make_case(db, client, title="<font size=40>Judul</font>")
    sessions.log_session(
        db=db, case_id=case.id, held_on="2024-05-20", summary="1 < 2 & 3 > 2 <br/> baris"
    )
    pdf = case_summary(db=db, case_id=case.id, printed_on=PRINTED)
    text = flat(pdf)
    assert name in text
    assert "Budi <i>& Sons" in text
    assert "<font size=40>Judul</font>" in text
    assert "1 < 2 & 3 > 2 <br/> baris" in text
    assert b"/Subtype /Image" not in pdf
    client_pdf = client_summary(db=db, client_id=client.id, printed_on=PRINTED)
    assert name in flat(client_pdf)


def test_a_long_note_flows_onto_several_pages(db):
    client = make_client(db)
    case = make_case(db, client)
    words = "pembukuan harian dan rencana produksi amplang untuk pasar ritel modern "
    long_line = (words * 300)[:20000] + " AKHIR-BARIS"
    many_lines = "\n".join(f"Baris {i}: {words}" for i in range(280))[:20000] + "\nAKHIR-CATATAN"
    assert len(long_line) > 20000 and len(many_lines) > 20000
    sessions.log_session(db=db, case_id=case.id, held_on="2024-05-20", summary=long_line)
    sessions.log_session(db=db, case_id=case.id, held_on="2024-05-21", recommendations=many_lines)
    sessions.log_session(
        db=db, case_id=case.id, held_on="2024-05-22", next_steps="x" * 20000 + " UJUNG"
    )
    pdf = case_summary(db=db, case_id=case.id, printed_on=PRINTED)
    pages = pages_of(pdf)
    assert len(pages) >= 6
    text = flat(pdf)
    assert "AKHIR-BARIS" in text
    assert "AKHIR-CATATAN" in text
    assert "UJUNG" in text
    assert "Baris 150:" in text


def test_every_field_at_its_longest_still_lays_out(db):
    """No cell may grow taller than a page, whatever was typed into the longest fields."""
    client = make_client(db, name="N" * 200, products="amplang " * 37, address="Jl. " * 75)
    goal = "\n".join(f"Tujuan {i}: " + "naik kelas " * 8 for i in range(60))[:5000]
    case = make_case(db, client, title="Judul kasus " * 16, goal=goal)
    sessions.log_session(
        db=db,
        case_id=case.id,
        held_on="2024-05-20",
        summary="\n".join(["baris pendek"] * 800),
        follow_ups=[{"description": "uraian " * 71} for _ in range(3)],
    )
    sessions.log_session(db=db, case_id=case.id, held_on="2025-06-01", summary="rencana " * 6000)
    referral = referrals.create_referral(
        db=db, case_id=case.id, agency_id="BPJPH", purpose="halal", created_on="2024-05-21"
    )
    referrals.send_referral(db=db, referral_id=referral.id, on=date(2024, 5, 22))
    referrals.change_referral_status(
        db=db, referral_id=referral.id, status="accepted", on=date(2024, 5, 23)
    )
    referrals.change_referral_status(
        db=db,
        referral_id=referral.id,
        status="completed",
        outcome="hasil rujukan " * 3000,
        on=date(2024, 6, 1),
    )
    outcomes.record_outcome(
        db=db, case_id=case.id, kind="jobs", occurred_on="2024-07-01", jobs=3, note="n" * 5000
    )
    pdf = case_summary(db=db, case_id=case.id, printed_on=PRINTED)
    text = flat(pdf)
    assert "Tujuan: Tujuan 0: naik kelas" in text
    last_goal_line = goal.splitlines()[-1]
    assert last_goal_line.startswith("Tujuan ") and last_goal_line.strip() in text
    assert "Sesi yang direncanakan (1)" in text
    assert "Hasil: hasil rujukan" in text
    assert "3 tenaga kerja baru" in text
    assert client_summary(db=db, client_id=client.id, printed_on=PRINTED)


def test_two_hundred_sessions_render_and_are_counted(db):
    client = make_client(db)
    case = make_case(db, client, make_consultant(db), opened_on="2023-01-02")
    for i in range(200):
        day = date.fromordinal(date(2023, 1, 2).toordinal() + i)
        sessions.log_session(
            db=db,
            case_id=case.id,
            held_on=day,
            minutes=30 + i % 4 * 15,
            summary=f"Catatan sesi nomor {i + 1}.",
        )
    pdf = case_summary(db=db, case_id=case.id, printed_on=PRINTED)
    text = flat(pdf)
    assert "Sesi Pendampingan (200)" in text
    assert "Sesi 200 · 20 Juli 2023" in text
    assert "Catatan sesi nomor 200." in text
    assert "Sesi terlaksana 200 sesi" in text
    minutes = sum(30 + i % 4 * 15 for i in range(200))
    assert f"{minutes // 60} jam" in text
    pages = pages_of(pdf)
    assert f"Halaman {len(pages)} dari {len(pages)}" in pages[-1]


def test_client_summary_has_each_case_as_a_section(db):
    first_consultant = make_consultant(db, name="Ahmad Fauzi", title="Konsultan Produksi")
    latest_consultant = make_consultant(db, name="Dewi Lestari", title="Konsultan Pemasaran")
    client = make_client(db)
    one = make_case(db, client, first_consultant, title="Fasilitasi SPP-IRT")
    two = make_case(
        db, client, latest_consultant, title="Pemasaran ritel modern", opened_on="2024-06-01"
    )
    sessions.log_session(
        db=db, case_id=one.id, held_on="2024-02-01", minutes=60, summary="Sesi SPP-IRT."
    )
    sessions.log_session(
        db=db, case_id=two.id, held_on="2024-06-10", minutes=90, summary="Kurasi produk."
    )
    outcomes.record_outcome(
        db=db, client_id=client.id, kind="omzet", occurred_on="2024-08-01", amount="3 M"
    )
    pdf = client_summary(db=db, client_id=client.id, printed_on=PRINTED)
    text = flat(pdf)
    assert "Seluruh pendampingan: 2 kasus" in text
    assert "Kasus 1 dari 2: Fasilitasi SPP-IRT" in text
    assert "Kasus 2 dari 2: Pemasaran ritel modern" in text
    assert text.index("Sesi SPP-IRT.") < text.index("Kurasi produk.")
    assert "Hasil di luar kasus" in text and "Rp3.000.000.000" in text
    assert "Seluruh kasus 2 2 jam 30 menit (2,5 jam)" in text
    # The signature is the consultant of the latest case.
    assert "Palangka Raya, 20 Januari 2025 Konsultan Pemasaran, Dewi Lestari" in text
    assert "627101**********" in text and NIK not in text


def test_signature_falls_back_to_the_settings_signer(db):
    set_settings(
        db=db,
        clinic_town="Sampit",
        signer_title="Kepala Klinik Bisnis Kalteng",
        signer_name="Drs. Yohanes Budi",
        clinic_name="Klinik Bisnis Kalteng",
    )
    client = make_client(db, nik=None)
    case = make_case(db, client)  # no consultant
    pdf = case_summary(db=db, case_id=case.id, printed_on=PRINTED)
    text = flat(pdf)
    assert "Sampit, 20 Januari 2025" in text
    assert "Kepala Klinik Bisnis Kalteng" in text
    assert "Drs. Yohanes Budi" in text
    assert "Belum ada sesi yang terlaksana." in text
    assert "Sesi terlaksana 0 sesi" in text
    assert re.search(r"NIK –", text)
    pdf = client_summary(db=db, client_id=client.id, printed_on=PRINTED)
    assert "Drs. Yohanes Budi" in flat(pdf)


def test_a_client_without_cases_or_size_records_still_prints(db):
    client = make_client(db, nik=None, phone=None)
    pdf = client_summary(db=db, client_id=client.id)
    text = flat(pdf)
    assert "Belum ada kasus pendampingan" in text
    assert "Belum dapat dinilai apakah usaha ini naik kelas" in text
    assert f"Dicetak {format_date(date.today())}" in text


def test_no_naik_kelas_is_said_plainly(db):
    client = make_client(db)
    for day, omzet in (("2023-01-10", "300 jt"), ("2024-01-10", "900 jt")):
        clients.add_size_record(db=db, client_id=client.id, recorded_on=day, omzet=omzet)
    case = make_case(db, client)
    text = flat(case_summary(db=db, case_id=case.id, printed_on=PRINTED))
    assert "Usaha ini belum naik kelas: tetap usaha Mikro" in text
    assert "NAIK KELAS" not in text


def test_mask_nik_keeps_only_the_region_digits():
    assert mask_nik(NIK) == "627101**********"
    assert mask_nik(None) == ""


# --- what every page shows, and how text wraps -------------------------------------------------

MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
# A date cut over two lines: "24 November" then "2026", or "24" then "November 2026".
SPLIT_DATE = re.compile(
    rf"(?:\b(?:{MONTHS})[ \t]*\n\s*\d{{4}}\b)|(?:\b\d{{1,2}}[ \t]*\n\s*(?:{MONTHS})\b)"
)


def long_case(db, sessions_count=40):
    person = make_consultant(db)
    client = make_client(db)
    case = make_case(db, client, person, opened_on="2023-11-02")
    for i in range(sessions_count):
        sessions.log_session(
            db=db,
            case_id=case.id,
            held_on=date.fromordinal(date(2023, 11, 2).toordinal() + 7 * i),
            minutes=60,
            summary="Pendampingan pemasaran dan perizinan, catatan sesi. " * 3,
        )
    return client, case


def test_pages_after_the_first_name_the_client_and_the_case(db):
    client, case = long_case(db)
    pages = pages_of(case_summary(db=db, case_id=case.id, printed_on=PRINTED))
    assert len(pages) >= 3
    header = "Ringkasan pendampingan · Amplang Bu Sari · Perizinan dan akses KUR"
    assert header not in pages[0]
    for page in pages[1:]:
        assert header in page


def test_a_client_summary_names_the_case_under_way_on_each_page(db):
    client, first = long_case(db)
    second = make_case(db, client, title="Akses pasar modern", opened_on="2025-01-02")
    for i in range(30):
        sessions.log_session(
            db=db,
            case_id=second.id,
            held_on=date.fromordinal(date(2025, 1, 2).toordinal() + i),
            summary="Kurasi produk untuk swalayan. " * 4,
        )
    pages = pages_of(client_summary(db=db, client_id=client.id, printed_on=date(2025, 3, 1)))
    headers = [
        next(
            (line for line in page.splitlines() if line.startswith("Ringkasan pendampingan")), None
        )
        for page in pages
    ]
    assert headers[0] is None
    first_header = "Ringkasan pendampingan · Amplang Bu Sari · Perizinan dan akses KUR"
    second_header = "Ringkasan pendampingan · Amplang Bu Sari · Akses pasar modern"
    assert headers[1] == first_header
    # The page that holds the second case's first sessions onwards names the second case.
    starts = next(i for i, page in enumerate(pages) if "Kasus 2 dari 2" in page)
    assert all(h == second_header for h in headers[starts + 1 :]), headers
    assert headers[starts] in (first_header, second_header)


def test_a_header_too_long_for_the_line_is_shortened_at_a_word():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from klinik.reports.base import FONT
    from klinik.reports.summary import HEADER_SIZE, header_line

    line = header_line("Usaha " * 40, "Judul kasus " * 16, 480)
    assert line.startswith("Ringkasan pendampingan · Usaha Usaha")
    assert "· Judul kasus" in line and line.endswith("…")
    assert stringWidth(line, FONT, HEADER_SIZE) <= 480


def test_dates_and_long_agency_names_stay_whole_in_the_tables(db):
    person = make_consultant(db)
    client = make_client(db, name="Kerupuk Basah Bu Hj. Nurhayati")
    case = make_case(db, client, person, opened_on="2024-09-02")
    sessions.log_session(
        db=db, case_id=case.id, held_on="2024-09-28", minutes=45,
        follow_ups=[{"description": "Mengurus NIB di OSS", "due_on": "2024-11-28",
                     "owner": "klien"}],
    )  # fmt: skip
    for code in ("DPMPTSP-KOTIM", "DISPERINDAG-KOBAR"):
        referral = referrals.create_referral(
            db=db, case_id=case.id, agency_id=code, purpose="nib", created_on="2024-09-29"
        )
        referrals.send_referral(db=db, referral_id=referral.id, on=date(2024, 11, 30))
        referrals.change_referral_status(
            db=db, referral_id=referral.id, status="accepted", on=date(2024, 12, 23)
        )
    for day in ("2024-11-28", "2024-12-22"):
        outcomes.record_outcome(
            db=db, case_id=case.id, kind="market", channel="modern_retail", occurred_on=day,
            note="Masuk swalayan lokal di Sampit dan Pangkalan Bun.",
        )  # fmt: skip
    clients.add_size_record(db=db, client_id=client.id, recorded_on="2024-09-30", omzet="900 jt")
    pdf = case_summary(db=db, case_id=case.id, printed_on=date(2025, 1, 20))
    pages = pages_of(pdf)
    for page in pages:
        assert not SPLIT_DATE.search(page), SPLIT_DATE.search(page)
    words = " ".join(pages).split()
    for name in (
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Kotawaringin Timur",
        "Dinas yang membidangi Perindustrian dan Perdagangan Kabupaten Kotawaringin Barat",
    ):
        assert all(word in words for word in name.split()), name  # no word cut in two
    for day in ("30 November 2024", "23 Desember 2024", "28 November 2024", "22 Desember 2024"):
        assert day in flat(pdf)
