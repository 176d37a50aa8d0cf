"""Period figures and the period report: every number follows from the test data."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from klinik.domain.sizeclass import SizeClass
from klinik.errors import InvalidValue, NotFound
from klinik.reports.period import period_words
from klinik.services import cases, clients, consultants, outcomes, sessions
from klinik.services.documents import period_report
from klinik.services.reporting import period_figures

START, END = date(2025, 1, 1), date(2025, 3, 31)
# "Today" of the report: the session on 25 March is planned, not held.
TODAY = date(2025, 3, 20)
SPECIAL = "Kerupuk <b>&</b> Amplang Saluang"


def _client(db, name, kab, registered_on, **extra):
    return clients.create_client(
        db=db, business_name=name, kabupaten_code=kab, registered_on=registered_on, **extra
    )


def _session(db, case, held_on, minutes, areas, **extra):
    return sessions.log_session(
        db=db, case_id=case.id, held_on=held_on, minutes=minutes, areas=areas, **extra
    )


@pytest.fixture
def data(db):
    """Six clients; what each contributes to Q1 2025 is noted beside it."""
    sari = consultants.create_consultant(db=db, name="Sari Dewi")
    budi = consultants.create_consultant(db=db, name="Budi Santoso")

    # 1: Sampit, registered before the period, mentored by Sari; naik kelas mikro -> kecil.
    amplang = _client(db, "Amplang Rahmat", "6202", date(2024, 6, 1))
    # 2: Palangka Raya, new in the period, mentored by Budi.
    madu = _client(db, "Madu Kelulut Sejahtera", "6271", date(2025, 2, 10))
    # 3: no kabupaten, new in the period, mentored by Sari.
    rotan = _client(db, "Rotan Katingan", None, date(2025, 3, 5))
    # 4: Kapuas, mentored only before the period; a corrected size record.
    tikar = _client(db, "Tikar Purun", "6203", date(2024, 12, 1))
    # 5: Sampit, no case; naik kelas by modal usaha (omzet unknown).
    kerupuk = _client(db, SPECIAL, "6202", date(2024, 5, 1))
    # 6: Palangka Raya, rose and fell back within the period: not naik kelas.
    abon = _client(db, "Abon Ikan Jelawat", "6271", date(2024, 1, 10))

    case1 = cases.open_case(
        db=db, client_id=amplang.id, title="Pemasaran", consultant_id=sari.id,
        opened_on=date(2024, 10, 1),
    )  # fmt: skip
    case2 = cases.open_case(
        db=db, client_id=madu.id, title="KUR", consultant_id=budi.id,
        opened_on=date(2025, 2, 10),
    )  # fmt: skip
    case3 = cases.open_case(
        db=db, client_id=rotan.id, title="Pasar", consultant_id=sari.id,
        opened_on=date(2025, 3, 5),
    )  # fmt: skip
    case4 = cases.open_case(
        db=db, client_id=tikar.id, title="Halal", consultant_id=budi.id,
        opened_on=date(2024, 12, 1),
    )  # fmt: skip

    # Held in the period: 90 + 60 + 120 + 30 + 60 = 360 minutes = 6 hours in 5 sessions.
    _session(db, case1, date(2025, 1, 10), 90, ["pemasaran", "produksi"])
    _session(db, case1, date(2025, 2, 14), 60, ["pemasaran"], mode="telepon")
    _session(db, case1, date(2024, 12, 20), 120, ["pemasaran"])  # before the period
    _session(db, case1, date(2025, 3, 25), 60, ["pemasaran"])  # planned (after TODAY)
    _session(db, case2, date(2025, 2, 12), 120, ["pembiayaan"], mode="kunjungan_lapangan")
    _session(db, case2, date(2025, 3, 1), 30, [])  # no area
    _session(db, case3, date(2025, 3, 10), 60, ["pemasaran"])
    _session(db, case4, date(2024, 12, 15), 60, ["sdm"])  # before the period

    # Financing: 50 + 25 = 75 million approved, 60 + 25 = 85 million requested.
    outcomes.record_outcome(
        db=db, case_id=case2.id, kind="financing", occurred_on=date(2025, 3, 1),
        scheme="kur", institution="Bank Kalteng", amount=50_000_000,
        amount_requested=60_000_000,
    )  # fmt: skip
    outcomes.record_outcome(
        db=db, case_id=case1.id, kind="financing", occurred_on=date(2025, 2, 20),
        scheme="umi", institution="Pegadaian", amount=25_000_000, amount_requested=25_000_000,
    )  # fmt: skip
    outcomes.record_outcome(
        db=db, case_id=case1.id, kind="financing", occurred_on=date(2024, 11, 1),
        scheme="kur", institution="BRI", amount=100_000_000,
    )  # fmt: skip

    # Licences: P-IRT of client 1 recorded both ways (once); two P-IRT outcomes of client 2
    # and one P-IRT record (two); halal record of client 2; NIB of client 3 both ways (once).
    pirt = "P-IRT No. 1234567890123-45"
    outcomes.record_outcome(
        db=db, case_id=case1.id, kind="licence", licence_kind="spp_irt",
        occurred_on=date(2025, 2, 1),
    )  # fmt: skip
    clients.add_licence(
        db=db, client_id=amplang.id, kind="spp_irt", status="obtained", number=pirt,
        issued_on=date(2025, 1, 28),
    )  # fmt: skip
    for _ in range(2):
        outcomes.record_outcome(
            db=db, case_id=case2.id, kind="licence", licence_kind="spp_irt",
            occurred_on=date(2025, 3, 3),
        )  # fmt: skip
    clients.add_licence(
        db=db, client_id=madu.id, kind="spp_irt", status="obtained",
        number="P-IRT No. 2234567890123-45", issued_on=date(2025, 3, 3),
    )  # fmt: skip
    clients.add_licence(
        db=db, client_id=madu.id, kind="halal", status="obtained",
        number="ID62110000123450123", issued_on=date(2025, 3, 2),
    )  # fmt: skip
    outcomes.record_outcome(
        db=db, case_id=case3.id, kind="licence", licence_kind="nib",
        occurred_on=date(2025, 3, 6),
    )  # fmt: skip
    clients.add_licence(
        db=db, client_id=rotan.id, kind="nib", status="obtained", number="1234567890123",
        issued_on=date(2025, 3, 6),
    )  # fmt: skip
    clients.add_licence(db=db, client_id=amplang.id, kind="halal", status="in_process")
    clients.add_licence(
        db=db, client_id=tikar.id, kind="halal", status="obtained",
        number="ID62110000123450124", issued_on=date(2024, 12, 20),
    )  # fmt: skip

    # Market access and jobs.
    outcomes.record_outcome(
        db=db, case_id=case1.id, kind="market", channel="modern_retail",
        occurred_on=date(2025, 3, 1),
    )  # fmt: skip
    outcomes.record_outcome(
        db=db, case_id=case2.id, kind="market", channel="marketplace",
        occurred_on=date(2025, 2, 20),
    )  # fmt: skip
    outcomes.record_outcome(
        db=db, case_id=case3.id, kind="market", channel="marketplace",
        occurred_on=date(2025, 3, 10),
    )  # fmt: skip
    outcomes.record_outcome(
        db=db, case_id=case1.id, kind="jobs", jobs=3, occurred_on=date(2025, 3, 5)
    )
    outcomes.record_outcome(
        db=db, case_id=case2.id, kind="jobs", jobs=2, occurred_on=date(2025, 3, 12)
    )

    # Size records.
    clients.add_size_record(
        db=db, client_id=amplang.id, recorded_on=date(2024, 6, 1), omzet=1_500_000_000,
        workers_permanent_male=2,
    )  # fmt: skip
    clients.add_size_record(
        db=db, client_id=amplang.id, recorded_on=date(2025, 3, 1), omzet=2_500_000_000,
        workers_permanent_male=3, workers_permanent_female=2,
    )  # fmt: skip
    clients.add_size_record(
        db=db, client_id=madu.id, recorded_on=date(2025, 2, 10), omzet=300_000_000
    )
    clients.add_size_record(
        db=db, client_id=madu.id, recorded_on=date(2025, 3, 15), omzet=250_000_000
    )
    clients.add_size_record(
        db=db, client_id=rotan.id, recorded_on=date(2025, 3, 5), omzet=3_000_000_000
    )
    clients.add_size_record(
        db=db, client_id=tikar.id, recorded_on=date(2024, 6, 1), omzet=1_000_000_000
    )
    typo = clients.add_size_record(
        db=db, client_id=tikar.id, recorded_on=date(2025, 1, 15), omzet=16_000_000_000
    )
    clients.correct_size_record(db=db, record_id=typo.id, reason="Salah ketik", omzet=1_800_000_000)
    clients.add_size_record(
        db=db, client_id=kerupuk.id, recorded_on=date(2024, 5, 1), modal=500_000_000
    )
    clients.add_size_record(
        db=db, client_id=kerupuk.id, recorded_on=date(2025, 2, 1), modal=2_000_000_000
    )
    for on, omzet in ((date(2024, 1, 10), 1_000_000_000), (date(2025, 1, 20), 3_000_000_000),
                      (date(2025, 3, 10), 1_900_000_000)):  # fmt: skip
        clients.add_size_record(db=db, client_id=abon.id, recorded_on=on, omzet=omzet)
    db.flush()
    return {"sari": sari, "budi": budi, "amplang": amplang, "kerupuk": kerupuk}


def figures(db, **filters):
    return period_figures(db=db, date_from=START, date_to=END, today=TODAY, **filters)


def test_sessions_hours_and_clients(db, data):
    f = figures(db)
    assert f.sessions == 5
    assert f.minutes == 360 and f.hours == 6
    assert f.planned_sessions == 1
    assert f.clients_assisted == 3
    assert f.new_clients == 2
    assert f.held_to == TODAY
    assert f.hours_by_area() == {"produksi": 1.5, "pembiayaan": 2.0, "pemasaran": 3.5, None: 0.5}
    assert [(r.key, r.sessions) for r in f.by_area] == [
        ("produksi", 1), ("pembiayaan", 1), ("pemasaran", 3), (None, 1),
    ]  # fmt: skip
    kab = {r.label: (r.clients, r.sessions, r.minutes) for r in f.by_kabupaten}
    assert kab == {
        "Kotawaringin Timur": (1, 2, 150),
        "Kota Palangka Raya": (1, 2, 150),
        "Tidak diketahui": (1, 1, 60),
    }
    assert {r.key: (r.sessions, r.minutes) for r in f.by_mode} == {
        "di_klinik": (3, 180),
        "telepon": (1, 60),
        "kunjungan_lapangan": (1, 120),
    }


def test_a_later_today_turns_the_planned_session_into_a_held_one(db, data):
    f = period_figures(db=db, date_from=START, date_to=END, today=date(2025, 4, 30))
    assert (f.sessions, f.minutes, f.planned_sessions) == (6, 420, 0)


def test_outcomes(db, data):
    f = figures(db)
    assert f.financing_count == 2
    assert f.financing_approved == 75_000_000
    assert f.financing_requested == 85_000_000
    assert [(r.key, r.count, r.approved) for r in f.financing_by_scheme] == [
        ("kur", 1, 50_000_000),
        ("umi", 1, 25_000_000),
    ]
    assert [r.label for r in f.financing_by_institution] == ["Bank Kalteng", "Pegadaian"]
    assert f.licences() == {"nib": 1, "spp_irt": 3, "halal": 1}
    assert f.licences_total == 5
    assert {r.key: r.count for r in f.market_by_channel} == {"marketplace": 2, "modern_retail": 1}
    assert f.market_total == 3
    assert f.jobs_created == 5


def test_naik_kelas_and_omzet(db, data):
    f = figures(db)
    # Compared: Amplang, Madu, Tikar (its corrected record), Kerupuk, Abon.
    assert f.size_compared == 5
    assert f.naik_kelas_count == 2
    rows = {r.business_name: r for r in f.naik_kelas}
    assert set(rows) == {"Amplang Rahmat", SPECIAL}
    assert (rows["Amplang Rahmat"].before, rows["Amplang Rahmat"].after) == (
        SizeClass.MIKRO,
        SizeClass.KECIL,
    )
    assert rows[SPECIAL].after_on == date(2025, 2, 1)
    # Omzet known in both records: Amplang, Madu, Tikar, Abon (Kerupuk has modal only).
    assert f.omzet_clients == 4
    assert f.omzet_before == 1_500_000_000 + 300_000_000 + 1_000_000_000 + 1_000_000_000
    assert f.omzet_after == 2_500_000_000 + 250_000_000 + 1_800_000_000 + 1_900_000_000
    assert (f.workers_clients, f.workers_before, f.workers_after) == (1, 2, 5)
    limited = period_figures(db=db, date_from=START, date_to=END, today=TODAY, naik_kelas_limit=1)
    assert limited.naik_kelas_count == 2 and len(limited.naik_kelas) == 1
    # The latest rise comes first.
    assert limited.naik_kelas[0].business_name == "Amplang Rahmat"


def test_consultant_filter(db, data):
    f = figures(db, consultant_id=data["sari"].id)
    assert (f.sessions, f.minutes, f.clients_assisted) == (3, 210, 2)
    assert f.planned_sessions == 1
    assert f.new_clients == 1  # Rotan; Madu is Budi's
    assert f.financing_approved == 25_000_000
    assert f.licences() == {"nib": 1, "spp_irt": 1}
    assert f.naik_kelas_count == 1  # Amplang; Kerupuk has no case
    g = figures(db, consultant_id=data["budi"].id)
    assert (g.sessions, g.minutes, g.financing_approved) == (2, 150, 50_000_000)
    assert g.licences() == {"spp_irt": 2, "halal": 1}
    assert g.jobs_created == 2


def test_kabupaten_filter(db, data):
    f = figures(db, kabupaten="6202")
    assert (f.sessions, f.minutes, f.clients_assisted) == (2, 150, 1)
    assert f.financing_approved == 25_000_000
    assert f.naik_kelas_count == 2
    assert [r.label for r in f.by_kabupaten] == ["Kotawaringin Timur"]
    by_name = figures(db, kabupaten="Palangka Raya")
    assert by_name.kabupaten == "6271"
    assert (by_name.sessions, by_name.minutes, by_name.new_clients) == (2, 150, 1)


def test_bad_filters_are_errors(db, data):
    with pytest.raises(InvalidValue):
        period_figures(db=db, date_from=END, date_to=START)
    with pytest.raises(InvalidValue):
        period_figures(db=db, date_from=START, date_to=END, kabupaten="Atlantis")
    with pytest.raises(NotFound):
        period_figures(db=db, date_from=START, date_to=END, consultant_id=999)


def test_empty_store_gives_zeros_and_a_report(db):
    f = figures(db)
    assert (f.sessions, f.minutes, f.clients_assisted, f.naik_kelas_count) == (0, 0, 0, 0)
    assert f.by_area == [] and f.licences_by_kind == []
    pdf = period_report(db=db, date_from=START, date_to=END, printed_on=TODAY)
    assert "Tidak ada sesi pendampingan" in _text(pdf)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_report_shows_the_figures(db, data):
    settings = {
        "clinic_name": "Klinik Bisnis Kalteng",
        "clinic_town": "Palangka Raya",
        "signer_title": "Kepala Klinik Bisnis",
        "signer_name": "Dra. Hj. Rahmawati",
    }
    pdf = period_report(db=db, date_from=START, date_to=END, settings=settings, printed_on=TODAY)
    assert pdf.startswith(b"%PDF")
    content = _text(pdf)
    flat = " ".join(content.split())
    assert "LAPORAN PERIODE PENDAMPINGAN UMKM" in content
    assert period_words(START, END) == "1 Januari 2025 – 31 Maret 2025"
    assert "1 Januari 2025 – 31 Maret 2025" in flat
    assert "Rp75.000.000" in content
    assert "Rp85.000.000" in content
    assert "Halaman 1 dari" in content
    assert SPECIAL in flat  # printed literally, not as bold markup
    assert "Amplang Rahmat Kotawaringin Timur Mikro Kecil Rp1.500.000.000 Rp2.500.000.000" in flat
    for words in ("Pemasaran 3 3,5", "Produksi 1 1,5", "Pembiayaan 1 2", "Tanpa bidang 1 0,5"):
        assert words in flat, words
    assert "Kotawaringin Timur 1 2 2,5" in flat
    assert "Tidak diketahui 1 1 1" in flat
    assert "SPP-IRT (P-IRT) 3" in flat
    assert "1 sesi terjadwal" in flat
    assert "Palangka Raya, 20 Maret 2025" in flat
    assert "Dra. Hj. Rahmawati" in content
    assert "Jam pendampingan per bidang" in content  # the chart's title


def test_report_names_the_filters(db, data):
    pdf = period_report(
        db=db,
        date_from=START,
        date_to=END,
        consultant_id=data["sari"].id,
        kabupaten="6202",
        printed_on=TODAY,
    )
    flat = " ".join(_text(pdf).split())
    assert "Konsultan: Sari Dewi" in flat
    assert "Kabupaten/kota: Kotawaringin Timur" in flat
    assert "Rp25.000.000" in flat


def test_long_naik_kelas_list_is_cut_with_a_count(db, monkeypatch):
    import klinik.reports.period as period

    monkeypatch.setattr(period, "NAIK_KELAS_LISTED", 3)
    for i in range(5):
        client = _client(db, f"Usaha {i}", "6271", date(2024, 1, 1))
        clients.add_size_record(
            db=db, client_id=client.id, recorded_on=date(2024, 6, 1), omzet=100_000_000
        )
        clients.add_size_record(
            db=db, client_id=client.id, recorded_on=date(2025, 2, 1), omzet=2_100_000_000
        )
    pdf = period_report(db=db, date_from=START, date_to=END, printed_on=TODAY)
    flat = " ".join(_text(pdf).split())
    assert "dan 2 lainnya" in flat
    assert "5 dari 5 UMKM" in flat


def test_a_licence_issued_in_the_period_counts_even_if_expired_since(db):
    client = _client(db, "Keripik Kelakai", "6209", date(2024, 1, 1))
    cases.open_case(db=db, client_id=client.id, title="Halal", opened_on=date(2024, 1, 1))
    clients.add_licence(
        db=db, client_id=client.id, kind="halal", status="expired",
        number="ID62110000123450125", issued_on=date(2025, 2, 1),
    )  # fmt: skip
    clients.add_licence(
        db=db, client_id=client.id, kind="nib", status="needed", issued_on=date(2025, 2, 1)
    )
    assert figures(db).licences() == {"halal": 1}


def test_the_same_data_gives_the_same_pdf(db, data):
    def build():
        return period_report(db=db, date_from=START, date_to=END, printed_on=TODAY)

    assert build() == build()


def test_a_quarter_without_sessions_counts_no_licences_obtained_before_the_clinic(db):
    """Licences and outcomes count only when obtained while the client was mentored: three
    clients who came with licences issued in Q1 bring no "izin diperoleh" to Q1."""
    for i, kind in enumerate(("nib", "spp_irt", "halal")):
        client = _client(db, f"Usaha Lama {i}", "6271", date(2025, 5, 1))
        clients.add_licence(
            db=db, client_id=client.id, kind=kind, status="obtained",
            number=("1234567890120", "P-IRT No. 1234567890123-45", "ID62110000123450120")[i],
            issued_on=date(2025, 2, 1 + i),
        )  # fmt: skip
        case = cases.open_case(
            db=db, client_id=client.id, title="Pemasaran", opened_on=date(2025, 5, 1)
        )
        # Recorded as an outcome of the later case, dated when the licence was issued.
        outcomes.record_outcome(
            db=db, case_id=case.id, kind="licence", licence_kind=kind,
            occurred_on=date(2025, 2, 1 + i),
        )  # fmt: skip
        outcomes.record_outcome(
            db=db, case_id=case.id, kind="market", channel="marketplace",
            occurred_on=date(2025, 3, 1),
        )  # fmt: skip
        _session(db, case, date(2025, 5, 2), 60, ["pemasaran"])
    f = period_figures(db=db, date_from=START, date_to=END, today=date(2025, 6, 30))
    assert f.sessions == 0
    assert (f.licences_total, f.licences()) == (0, {})
    assert f.market_total == 0
    flat = " ".join(
        _text(period_report(db=db, date_from=START, date_to=END, printed_on=TODAY)).split()
    )
    assert "0 Izin usaha diperoleh" in flat
    assert "Belum ada izin usaha yang tercatat terbit pada periode ini" in flat
    # The next quarter, mentored: the licences still were not obtained in it.
    q2 = period_figures(
        db=db, date_from=date(2025, 4, 1), date_to=date(2025, 6, 30), today=date(2025, 6, 30)
    )
    assert (q2.sessions, q2.licences_total) == (3, 0)


def test_a_licence_obtained_once_the_case_is_open_counts(db):
    client = _client(db, "Keripik Kelakai", "6209", date(2024, 12, 1))
    case = cases.open_case(db=db, client_id=client.id, title="SPP-IRT", opened_on=date(2025, 1, 15))
    clients.add_licence(  # the day the case opened counts: the clinic was already involved
        db=db, client_id=client.id, kind="nib", status="obtained",
        number="1234567890123", issued_on=date(2025, 1, 15),
    )  # fmt: skip
    clients.add_licence(  # the day before does not
        db=db, client_id=client.id, kind="halal", status="obtained",
        number="ID62110000123450126", issued_on=date(2025, 1, 14),
    )  # fmt: skip
    outcomes.record_outcome(
        db=db, case_id=case.id, kind="licence", licence_kind="spp_irt",
        occurred_on=date(2025, 3, 1),
    )  # fmt: skip
    assert figures(db).licences() == {"nib": 1, "spp_irt": 1}


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_hours_print_the_same_in_the_tables_and_on_the_chart(db):
    """123,85 hours are "123,9" everywhere (one rounding, half up, decimal comma): on the
    headline, in the area table and on the chart's bar, never "124" on the chart."""
    client = _client(db, "Amplang Rahmat", "6202", date(2024, 6, 1))
    case = cases.open_case(
        db=db, client_id=client.id, title="Pemasaran", opened_on=date(2024, 10, 1)
    )
    for day, minutes in enumerate((1200, 1200, 1200, 1200, 1200, 1431), start=1):
        _session(db, case, date(2025, 1, day), minutes, ["pemasaran"])  # 7431 min = 123,85 h
    _session(db, case, date(2025, 2, 1), 45, ["produksi"])  # 0,75 h -> "0,8"
    pdf = period_report(db=db, date_from=START, date_to=END, printed_on=TODAY)
    first = _pages(pdf)[0]
    chart = first[first.index("Jam pendampingan per bidang") : first.index("Bidang pendampingan")]
    table = " ".join(first[first.index("Bidang pendampingan") :].split())
    assert "123,9" in chart and "0,8" in chart
    assert "124" not in chart.split()
    assert "Pemasaran 6 123,9" in table
    assert "Produksi 1 0,8" in table
    assert "124,6" in " ".join(first.split())  # the headline: 7476 minutes in all


def test_the_counting_rules_close_the_report_on_its_last_page(db, data):
    pages = _pages(period_report(db=db, date_from=START, date_to=END, printed_on=TODAY))
    last = " ".join(pages[-1].split())
    assert "Cara menghitung" in last
    assert all("Cara menghitung" not in page for page in pages[:-1])
    for figure in ("UMKM didampingi:", "Klien baru terdaftar:", "Sesi dan jam pendampingan:",
                   "Izin usaha diperoleh:", "Naik kelas dan perubahan omzet:"):  # fmt: skip
        assert figure in last, figure
    assert "sebelum UMKM datang ke klinik tidak dihitung" in last
    assert "Saringan konsultan" not in last  # no consultant chosen


def test_the_report_is_signed_as_a_letter_is_with_rank_and_nip(store):
    """One signature block in every document: title and comma, bold name, rank, NIP."""
    from pypdf import PdfReader

    from klinik.services.documents import period_report
    from klinik.services.settings import set_settings

    with store.session() as db:
        settings = set_settings(db=db, signer_rank="Pembina (IV/a)", signer_id="197001011995032001")
        data = period_report(db=db, date_from=date(2026, 1, 1), date_to=date(2026, 3, 31))
    last = PdfReader(io.BytesIO(data)).pages[-1].extract_text().splitlines()
    lines = [line.strip() for line in last]
    title = lines.index(settings["signer_title"] + ",")
    assert lines[title + 1 : title + 4] == [
        settings["signer_name"], "Pembina (IV/a)", "NIP 19700101 199503 2 001",
    ]  # fmt: skip
