"""Service tests for agencies, referrals and their letter numbers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from klinik.db.models import Agency, IssuedLetter, LetterSequence, Referral
from klinik.errors import NotFound, ValidationError
from klinik.services import cases, clients, privacy, referrals
from klinik.services.referrals import ReferralRow
from klinik.services.settings import get_setting, set_settings

TODAY = date.today()


def field_errors(exc: ValidationError) -> dict[str, str]:
    fields = [e.field for e in exc.errors]
    assert len(fields) == len(set(fields)), exc.errors
    return {e.field: e.message for e in exc.errors}


def n_rows(db, model) -> int:
    return db.execute(select(func.count()).select_from(model)).scalar_one()


def make_case(db, name="Amplang Bu Sari", **client_fields):
    client = clients.create_client(db=db, business_name=name, **client_fields)
    privacy.record_consent(
        db=db, client_id=client.id, given_on="2024-01-02", method="tertulis",
        purposes=["pendampingan", "rujukan"],
    )  # fmt: skip
    return cases.open_case(db=db, client_id=client.id, title="Perizinan", opened_on="2024-01-10")


def draft(db, case=None, agency="DINKES-PKY", purpose="spp_irt", created_on="2024-05-01"):
    case = case or make_case(db)
    return referrals.create_referral(
        db=db, case_id=case.id, agency_id=agency, purpose=purpose, created_on=created_on
    )


def sent(db, on: date, **kwargs):
    referral = draft(db, **kwargs)
    return referrals.send_referral(db=db, referral_id=referral.id, on=on)


# --- agencies -----------------------------------------------------------------------------


def test_seeded_agencies_are_listed_by_name(db):
    agencies = referrals.list_agencies(db=db)
    names = [a.name for a in agencies]
    assert len(agencies) == 65
    assert names == sorted(names)
    assert names[0].startswith("Badan Penyelenggara Jaminan Produk Halal")
    assert names[-1] == "PT Bank Rakyat Indonesia (Persero) Tbk Kantor Cabang Palangka Raya"
    dinkes = referrals.get_agency(db=db, agency_id="dinkes-pky")
    assert (dinkes.code, dinkes.kind, dinkes.town, dinkes.active) == (
        "DINKES-PKY",
        "dinas",
        "Palangka Raya",
        True,
    )
    assert dinkes.addressee_title == "Kepala Dinas Kesehatan Kota Palangka Raya"


def test_get_agency_by_code_id_and_uid(db):
    ojk = referrals.get_agency(db=db, agency_id="OJK-KT")
    assert referrals.get_agency(db=db, agency_id=ojk.id) is ojk
    assert referrals.get_agency(db=db, agency_id=str(ojk.id)) is ojk
    assert referrals.get_agency(db=db, agency_id=ojk.uid) is ojk
    with pytest.raises(NotFound) as info:
        referrals.get_agency(db=db, agency_id="BANK-ANTAH")
    assert str(info.value) == "Instansi dengan id BANK-ANTAH tidak ditemukan."


def test_create_agency_uppercases_code_and_refuses_duplicates(db):
    agency = referrals.create_agency(
        db=db,
        code=" bpr-kapuas ",
        name="PT BPR Kapuas",
        addressee_title="Direktur PT BPR Kapuas",
        town="Kuala Kapuas",
        kind="bank",
    )
    assert (agency.code, agency.name, agency.town, agency.kind, agency.active) == (
        "BPR-KAPUAS",
        "PT BPR Kapuas",
        "Kuala Kapuas",
        "bank",
        True,
    )
    assert len(referrals.list_agencies(db=db)) == 66
    with pytest.raises(ValidationError) as info:
        referrals.create_agency(db=db, code="Bpr-Kapuas", name="Lain", addressee_title="Direktur")
    assert field_errors(info.value) == {"code": "Kode instansi BPR-KAPUAS sudah ada."}
    assert n_rows(db, Agency) == 66


def test_create_agency_reports_every_missing_field(db):
    with pytest.raises(ValidationError) as info:
        referrals.create_agency(db=db, code="", name=" ", town="x" * 81)
    assert field_errors(info.value) == {
        "code": "Kode wajib diisi.",
        "name": "Nama wajib diisi.",
        "addressee_title": "Jabatan penerima surat wajib diisi.",
        "town": "Kota terlalu panjang (81 huruf); paling banyak 80.",
    }
    assert n_rows(db, Agency) == 65


def test_update_agency_and_inactive_agencies(db):
    bri = referrals.get_agency(db=db, agency_id="BRI-PKY")
    updated = referrals.update_agency(
        db=db, agency_id="bri-pky", active="tidak", address="Jl. A. Yani"
    )
    assert (updated.id, updated.active, updated.address) == (bri.id, False, "Jl. A. Yani")
    assert "BRI-PKY" not in [a.code for a in referrals.list_agencies(db=db)]
    assert "BRI-PKY" in [a.code for a in referrals.list_agencies(db=db, active_only=False)]
    with pytest.raises(ValidationError) as info:
        referrals.update_agency(db=db, agency_id=bri.id, name="")
    assert field_errors(info.value) == {"name": "Nama wajib diisi."}
    assert referrals.get_agency(db=db, agency_id=bri.id).name.startswith("PT Bank Rakyat")


# --- drafts -------------------------------------------------------------------------------


def test_create_referral_is_a_draft_without_a_number(db):
    case = make_case(db)
    referral = referrals.create_referral(
        db=db, case_id=case.id, agency_id="dinkes-pky", purpose=" SPP_IRT ", note=" PKP "
    )
    dinkes = referrals.get_agency(db=db, agency_id="DINKES-PKY")
    assert (referral.case_id, referral.agency_id, referral.purpose, referral.note) == (
        case.id,
        dinkes.id,
        "spp_irt",
        "PKP",
    )
    assert (referral.status, referral.created_on, referral.letter_number) == ("draft", TODAY, None)
    assert (referral.sent_on, referral.answered_on, referral.completed_on) == (None, None, None)
    assert n_rows(db, IssuedLetter) == 0
    # A purpose outside the shipped list is kept as written.
    free = draft(db, case, purpose="Kurasi Dekranasda", created_on="01/05/2024")
    assert (free.purpose, free.created_on) == ("Kurasi Dekranasda", date(2024, 5, 1))
    assert referrals.get_referral(db=db, referral_id=free.uid) is free
    from klinik.services.letters import list_purposes

    assert sorted(p.code for p in list_purposes(db=db)) == [
        "bpom",
        "halal",
        "kur",
        "kurasi",
        "lainnya",
        "nib",
        "pelatihan",
        "pembiayaan",
        "spp_irt",
    ]


def test_create_referral_reports_every_problem_and_writes_nothing(db):
    case = make_case(db)
    cases.archive_case(db=db, case_id=case.id)
    with pytest.raises(ValidationError) as info:
        referrals.create_referral(
            db=db,
            case_id=case.id,
            agency_id="DINAS-ANTAH",
            purpose="  ",
            created_on=TODAY + timedelta(days=1),
        )
    errors = field_errors(info.value)
    assert set(errors) == {"purpose", "created_on", "agency_id", "case_id"}
    assert errors["purpose"] == "Keperluan wajib diisi."
    assert errors["created_on"].endswith("tidak boleh di masa depan.")
    assert errors["agency_id"] == "Instansi dengan id DINAS-ANTAH tidak ditemukan."
    assert errors["case_id"] == "Kasus ini diarsipkan; pulihkan dulu."
    assert n_rows(db, Referral) == 0
    with pytest.raises(NotFound):
        referrals.create_referral(db=db, case_id=999, agency_id="OJK-KT", purpose="kur")


def test_created_on_message_uses_an_indonesian_label(db):
    case = make_case(db)
    with pytest.raises(ValidationError) as info:
        referrals.create_referral(
            db=db,
            case_id=case.id,
            agency_id="OJK-KT",
            purpose="kur",
            created_on=TODAY + timedelta(days=1),
        )
    assert "created_on" not in field_errors(info.value)["created_on"]


# --- sending and letter numbers -----------------------------------------------------------


def test_sending_issues_numbers_counting_up_and_restarting_each_year(db):
    case = make_case(db)
    first = sent(db, date(2024, 5, 20), case=case)
    assert (first.status, first.sent_on, first.letter_number) == (
        "sent",
        date(2024, 5, 20),
        "001/KB-KT/V/2024",
    )
    second = sent(db, date(2024, 6, 1), case=case, agency="OJK-KT", purpose="kur")
    assert second.letter_number == "002/KB-KT/VI/2024"
    next_year = sent(db, date(2025, 1, 2), case=case)
    assert next_year.letter_number == "001/KB-KT/I/2025"
    late_2024 = sent(db, date(2024, 12, 31), case=case)
    assert late_2024.letter_number == "003/KB-KT/XII/2024"
    letters = db.execute(select(IssuedLetter).order_by(IssuedLetter.id)).scalars().all()
    assert [(x.year, x.seq, x.number, x.issued_on, x.referral_id) for x in letters] == [
        (2024, 1, "001/KB-KT/V/2024", date(2024, 5, 20), first.id),
        (2024, 2, "002/KB-KT/VI/2024", date(2024, 6, 1), second.id),
        (2025, 1, "001/KB-KT/I/2025", date(2025, 1, 2), next_year.id),
        (2024, 3, "003/KB-KT/XII/2024", date(2024, 12, 31), late_2024.id),
    ]
    assert {s.year: s.last_seq for s in db.execute(select(LetterSequence)).scalars()} == {
        2024: 3,
        2025: 1,
    }


def test_sending_twice_is_refused_and_issues_no_number(db):
    referral = sent(db, date(2024, 5, 20))
    with pytest.raises(ValidationError) as info:
        referrals.send_referral(db=db, referral_id=referral.id, on=date(2024, 5, 21))
    assert field_errors(info.value) == {"status": "Rujukan ini sudah dikirim."}
    assert n_rows(db, IssuedLetter) == 1
    fresh = referrals.get_referral(db=db, referral_id=referral.id)
    assert (fresh.letter_number, fresh.sent_on) == ("001/KB-KT/V/2024", date(2024, 5, 20))


def test_send_without_a_date_uses_today(db):
    referral = sent(db, None)
    months = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
    assert referral.sent_on == TODAY
    assert referral.letter_number == f"001/KB-KT/{months[TODAY.month - 1]}/{TODAY.year}"


def test_a_cancelled_number_is_never_reused(db):
    letter = referrals.issue_letter_number(db=db, on=date(2024, 5, 20))
    assert (letter.number, letter.seq, letter.referral_id) == ("001/KB-KT/V/2024", 1, None)
    cancelled = referrals.cancel_letter(db=db, letter_id=letter.id, reason=" salah alamat ")
    assert (cancelled.cancelled_on, cancelled.cancel_reason) == (TODAY, "salah alamat")
    again = referrals.issue_letter_number(db=db, on=date(2024, 5, 20))
    assert again.seq == 2 > letter.seq
    assert again.number == "002/KB-KT/V/2024"
    # The cancelled number stays on record.
    numbers = db.execute(select(IssuedLetter.number, IssuedLetter.cancelled_on)).all()
    assert sorted(numbers) == [("001/KB-KT/V/2024", TODAY), ("002/KB-KT/V/2024", None)]
    # A referral sent afterwards gets the next one.
    assert sent(db, date(2024, 5, 21)).letter_number == "003/KB-KT/V/2024"


def test_cancel_letter_needs_a_reason_and_an_existing_letter(db):
    letter = referrals.issue_letter_number(db=db, on=date(2024, 5, 20))
    with pytest.raises(ValidationError) as info:
        referrals.cancel_letter(db=db, letter_id=letter.id, reason="  ")
    assert field_errors(info.value) == {"reason": "Alasan pembatalan wajib diisi."}
    assert db.get(IssuedLetter, letter.id).cancelled_on is None
    with pytest.raises(NotFound) as info:
        referrals.cancel_letter(db=db, letter_id=77, reason="x")
    assert str(info.value) == "Surat dengan id 77 tidak ditemukan."


def test_letter_pattern_setting_changes_the_number(db):
    case = make_case(db)
    # One year each, so every pattern starts at sequence 1.
    for year, pattern, unit, expected in [
        (2021, "{year}/{unit}/{seq:04d}", "KB-PKY", "2021/KB-PKY/0001"),
        (2022, "{seq}-{month:02d}-{year}", "KB-KT", "1-05-2022"),
        (2023, "  B.{seq:03d}/{unit}/{roman_month}/{year}  ", "KB", "B.001/KB/V/2023"),
    ]:
        stored = set_settings(db=db, letter_pattern=pattern, clinic_unit=unit)
        assert stored["letter_pattern"] == pattern.strip()
        assert sent(db, date(year, 5, 20), case=case).letter_number == expected


INVALID_PATTERNS = [
    ("{seq}/{foo}/{year}", "memuat {foo} yang tidak dikenal"),
    ("{seq}/{}/{year}", "memuat {} yang tidak dikenal"),
    ("{seq}/{unit}", "harus memuat {year}"),
    ("{unit}/{roman_month}", "harus memuat {seq} dan {year}"),
    ("{seq/{year}", "tidak berpasangan"),
    ("{unit:03d}/{seq}/{year}", "format yang tidak cocok"),
    ("{seq!r}/{year}", "ditulis dengan cara yang tidak didukung"),
    ("   ", "Pola nomor surat belum diisi"),
]


def test_invalid_letter_pattern_is_refused_and_the_old_one_stays(db):
    set_settings(db=db, letter_pattern="{seq}/{year}")
    for pattern, words in INVALID_PATTERNS:
        with pytest.raises(ValidationError) as info:
            set_settings(db=db, letter_pattern=pattern)
        errors = field_errors(info.value)
        assert list(errors) == ["letter_pattern"], pattern
        assert words in errors["letter_pattern"], (pattern, errors)
    assert get_setting(db=db, key="letter_pattern") == "{seq}/{year}"
    assert sent(db, date(2024, 5, 20)).letter_number == "1/2024"


# --- answers from the agency --------------------------------------------------------------


def test_referral_follows_the_agency_answer_to_completion(db):
    referral = draft(db)
    via_status = referrals.change_referral_status(
        db=db, referral_id=referral.id, status="Terkirim", on=date(2024, 5, 20)
    )
    assert (via_status.status, via_status.letter_number) == ("sent", "001/KB-KT/V/2024")
    accepted = referrals.change_referral_status(
        db=db, referral_id=referral.id, status="diterima", on=date(2024, 5, 27)
    )
    assert (accepted.status, accepted.answered_on, accepted.completed_on) == (
        "accepted",
        date(2024, 5, 27),
        None,
    )
    done = referrals.change_referral_status(
        db=db,
        referral_id=referral.id,
        status="completed",
        outcome=" P-IRT terbit ",
        on=date(2024, 7, 1),
    )
    assert (done.status, done.answered_on, done.completed_on, done.outcome) == (
        "completed",
        date(2024, 5, 27),
        date(2024, 7, 1),
        "P-IRT terbit",
    )


def test_declined_referral_records_the_answer(db):
    referral = sent(db, date(2024, 5, 20))
    declined = referrals.change_referral_status(
        db=db, referral_id=referral.id, status="declined", outcome="Belum ada NIB"
    )
    assert (declined.status, declined.answered_on, declined.outcome) == (
        "declined",
        TODAY,
        "Belum ada NIB",
    )


REFUSED_REFERRAL_TRANSITIONS = [
    # (statuses walked first, refused target, current label, allowed labels)
    ([], "accepted", "Draf", {"Terkirim"}),
    ([], "completed", "Draf", {"Terkirim"}),
    (["sent"], "completed", "Terkirim", {"Diterima", "Ditolak"}),
    (["sent"], "sent", "Terkirim", {"Diterima", "Ditolak"}),
    (["sent"], "draft", "Terkirim", {"Diterima", "Ditolak"}),
    (["sent"], "hilang", "Terkirim", {"Diterima", "Ditolak"}),
    (["sent", "accepted"], "sent", "Diterima", {"Selesai", "Ditolak"}),
    (["sent", "declined"], "accepted", "Ditolak", {"-"}),
    (["sent", "accepted", "completed"], "declined", "Selesai", {"-"}),
]


def test_refused_referral_transitions_explain_what_is_allowed(db):
    case = make_case(db)
    for path, target, current_label, allowed in REFUSED_REFERRAL_TRANSITIONS:
        referral = draft(db, case)
        for status in path:
            referrals.change_referral_status(
                db=db, referral_id=referral.id, status=status, on=date(2024, 5, 20)
            )
        before = (referral.status, referral.answered_on, referral.completed_on)
        letters = n_rows(db, IssuedLetter)
        with pytest.raises(ValidationError) as info:
            referrals.change_referral_status(db=db, referral_id=referral.id, status=target)
        message = field_errors(info.value)["status"]
        prefix = (
            f"Rujukan berstatus {current_label} tidak bisa diubah menjadi {target}. Yang boleh: "
        )
        assert message.startswith(prefix), message
        assert set(message.removeprefix(prefix).rstrip(".").split(", ")) == allowed, message
        fresh = referrals.get_referral(db=db, referral_id=referral.id)
        assert (fresh.status, fresh.answered_on, fresh.completed_on) == before
        assert n_rows(db, IssuedLetter) == letters


# --- lists --------------------------------------------------------------------------------


@pytest.fixture
def desk(db):
    """Four referrals of three clients to three agencies, in several states."""
    sari = make_case(db, "Amplang Bu Sari", kecamatan="Pahandut")
    rotan = make_case(db, "Rotan Pak Budi")
    madu = make_case(db, "Madu Kelulut Kumai")
    r1 = draft(db, sari, agency="DINKES-PKY", purpose="spp_irt", created_on="2024-04-01")
    r2 = draft(db, rotan, agency="DEKRANASDA-KT", purpose="kurasi", created_on="2024-04-15")
    r3 = draft(db, madu, agency="BANK-KALTENG", purpose="kur", created_on="2024-05-02")
    r4 = draft(db, sari, agency="BPJPH", purpose="halal", created_on="2024-05-10")
    send = referrals.send_referral
    send(db=db, referral_id=r1.id, on=date(2024, 4, 2))  # 001/KB-KT/IV/2024
    send(db=db, referral_id=r2.id, on=date(2024, 5, 1))  # 002/KB-KT/V/2024
    send(db=db, referral_id=r3.id, on=date(2024, 5, 20))  # 003/KB-KT/V/2024
    referrals.change_referral_status(
        db=db, referral_id=r1.id, status="accepted", on=date(2024, 4, 20)
    )
    return {"sari": sari, "rotan": rotan, "madu": madu, "r1": r1, "r2": r2, "r3": r3, "r4": r4}


def keys(desk, page) -> list[str]:
    by_id = {v.id: k for k, v in desk.items() if k.startswith("r") and len(k) == 2}
    return [by_id[r.id] for r in page.rows]


def test_referral_row_shows_what_the_list_needs(db, desk):
    page = referrals.list_referrals(db=db, case_id=desk["madu"].id)
    assert (page.offset, page.limit) == (0, 100)
    bank = referrals.get_agency(db=db, agency_id="BANK-KALTENG")
    assert page.rows == [
        ReferralRow(
            id=desk["r3"].id,
            uid=desk["r3"].uid,
            case_id=desk["madu"].id,
            client_id=desk["madu"].client_id,
            business_name="Madu Kelulut Kumai",
            agency_id=bank.id,
            agency="PT Bank Pembangunan Daerah Kalimantan Tengah",
            purpose="kur",
            purpose_label="Pengajuan KUR",
            status="sent",
            created_on=date(2024, 5, 2),
            sent_on=date(2024, 5, 20),
            letter_number="003/KB-KT/V/2024",
        )
    ]


REFERRAL_SORT_CASES = [
    (None, ["r4", "r3", "r2", "r1"]),
    ("created_on", ["r1", "r2", "r3", "r4"]),
    # A draft has no sent date (NULL): first ascending, last descending.
    ("sent_on", ["r4", "r1", "r2", "r3"]),
    ("-sent_on", ["r3", "r2", "r1", "r4"]),
    ("agency", ["r4", "r2", "r1", "r3"]),  # Badan, Dewan, Dinas, PT Bank
    ("client", ["r1", "r4", "r3", "r2"]),
    ("-client", ["r2", "r3", "r4", "r1"]),
    ("status", ["r1", "r4", "r2", "r3"]),  # accepted, draft, sent, sent
    ("-status", ["r3", "r2", "r4", "r1"]),
    ("-id", ["r4", "r3", "r2", "r1"]),
]


def test_referral_sort_keys(db, desk):
    for sort, expected in REFERRAL_SORT_CASES:
        assert keys(desk, referrals.list_referrals(db=db, sort=sort)) == expected, sort


def test_unknown_referral_sort_is_refused(db, desk):
    with pytest.raises(ValidationError) as info:
        referrals.list_referrals(db=db, sort="letter")
    assert field_errors(info.value) == {
        "sort": "Urutan 'letter' tidak dikenal. Pilihan: agency, client, created_on, id, "
        "sent_on, status."
    }


def test_referral_filters_and_count_agree(db, desk):
    def check(expected, **filters):
        assert keys(desk, referrals.list_referrals(db=db, sort="id", **filters)) == expected
        assert referrals.count_referrals(db=db, **filters) == len(expected)

    check(["r1", "r2", "r3", "r4"])
    check(["r2", "r3"], status="sent")
    check(["r1", "r4"], status=["accepted", "draft"])
    check(["r1", "r4"], case_id=desk["sari"].id)
    bank = referrals.get_agency(db=db, agency_id="BANK-KALTENG")
    check(["r3"], agency_id=bank.id)
    # Waiting = sent, not yet answered, for at least N days.
    check(["r2"], waiting_days=14, today=date(2024, 5, 25))
    check(["r2", "r3"], waiting_days=5, today=date(2024, 5, 25))
    check(["r2", "r3"], waiting_days=0, today=date(2024, 5, 20))
    check([], waiting_days=30, today=date(2024, 5, 25))
    check(["r2"], waiting_days=24, today=date(2024, 5, 25))
    check([], waiting_days=25, today=date(2024, 5, 25))


def test_waiting_days_counts_from_today_by_default(db):
    old = sent(db, TODAY - timedelta(days=20))
    sent(db, TODAY - timedelta(days=3))
    page = referrals.list_referrals(db=db, waiting_days=14)
    assert [r.id for r in page.rows] == [old.id]
    assert referrals.count_referrals(db=db, waiting_days=14) == 1


def test_referral_search_in_client_agency_and_letter_number(db, desk):
    def found(text):
        return keys(desk, referrals.list_referrals(db=db, search=text, sort="id"))

    assert found("amplang") == ["r1", "r4"]
    assert found("KESEHATAN") == ["r1"]
    assert found("pahandut halal") == ["r4"]
    assert found("002/kb-kt") == ["r2"]
    assert found("/V/2024") == ["r2", "r3"]
    assert found("kalimantan kelulut") == ["r3"]
    assert found("rotan kesehatan") == []
    assert found("%") == []
    assert referrals.count_referrals(db=db, search="amplang") == 2


def test_referral_paging(db, desk):
    page = referrals.list_referrals(db=db, sort="created_on", offset=1, limit=2)
    assert (page.offset, page.limit) == (1, 2)
    assert keys(desk, page) == ["r2", "r3"]
    assert referrals.list_referrals(db=db, offset=4).rows == []
    assert len(referrals.list_referrals(db=db, limit=None).rows) == 4


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    search=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=25,
    )
)
def test_any_referral_search_never_raises_and_count_agrees(db, search):
    if not referrals.list_referrals(db=db).rows:
        sent(db, date(2024, 5, 20), case=make_case(db, "Kopi_50% \\ Bu Ani"))
    page = referrals.list_referrals(db=db, search=search, limit=None)
    assert referrals.count_referrals(db=db, search=search) == len(page.rows)
