"""Service tests for mentoring sessions and follow-ups."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from klinik.db.models import CaseStatusChange, FollowUp, MentoringSession
from klinik.errors import NotFound, ValidationError
from klinik.services import cases, clients, consultants, sessions
from klinik.services.sessions import FollowUpRow, SessionRow

TODAY = date.today()


def field_errors(exc: ValidationError) -> dict[str, str]:
    fields = [e.field for e in exc.errors]
    assert len(fields) == len(set(fields)), exc.errors
    return {e.field: e.message for e in exc.errors}


def n_rows(db, model) -> int:
    return db.execute(select(func.count()).select_from(model)).scalar_one()


def make_client(db, name="Amplang Bu Sari", **fields):
    return clients.create_client(db=db, business_name=name, **fields)


def make_case(db, client=None, **fields):
    client = client or make_client(db)
    values = {"title": "Fasilitasi SPP-IRT", "opened_on": "2024-01-10"}
    values.update(fields)
    return cases.open_case(db=db, client_id=client.id, **values)


def status_log(db, case_id) -> list[tuple]:
    stmt = (
        select(CaseStatusChange)
        .where(CaseStatusChange.case_id == case_id)
        .order_by(CaseStatusChange.id)
    )
    rows = db.execute(stmt).scalars().all()
    return [(r.from_status, r.to_status, r.reason, r.changed_on) for r in rows]


# --- logging sessions ---------------------------------------------------------------------


def test_log_session_with_defaults_inherits_case_areas_and_consultant(db):
    siti = consultants.create_consultant(db=db, name="Siti")
    case = make_case(db, consultant_id=siti.id, areas=["produksi", "pemasaran"])
    record = sessions.log_session(db=db, case_id=case.id)
    assert record.case_id == case.id
    assert (record.held_on, record.minutes, record.prep_minutes, record.mode) == (
        TODAY,
        60,
        0,
        "di_klinik",
    )
    assert record.consultant_id == siti.id
    assert (record.summary, record.next_session_on) == ("", None)
    assert sessions.session_areas(db, [record.id]) == {record.id: ["produksi", "pemasaran"]}
    assert sessions.get_session(db=db, session_id=record.uid) is record


def test_log_session_cleans_every_field(db):
    budi = consultants.create_consultant(db=db, name="Budi")
    case = make_case(db)
    record = sessions.log_session(
        db=db,
        case_id=str(case.id),
        held_on="20 Mei 2024",
        minutes="90",
        prep_minutes=15,
        mode="Kunjungan lapangan",
        consultant_id=budi.id,
        summary="  Cek dapur produksi ",
        recommendations="Pisahkan bahan baku",
        next_steps="Urus NIB",
        next_session_on="2024-06-03",
        areas=["SDM", "produksi"],
    )
    assert (record.held_on, record.minutes, record.prep_minutes, record.mode) == (
        date(2024, 5, 20),
        90,
        15,
        "kunjungan_lapangan",
    )
    assert (record.consultant_id, record.summary, record.next_session_on) == (
        budi.id,
        "Cek dapur produksi",
        date(2024, 6, 3),
    )
    assert (record.recommendations, record.next_steps) == ("Pisahkan bahan baku", "Urus NIB")
    assert sessions.session_areas(db, [record.id])[record.id] == ["sdm", "produksi"]


def test_first_held_session_moves_baru_to_aktif_and_is_audited(db):
    case = make_case(db, opened_on="2024-01-10")
    sessions.log_session(db=db, case_id=case.id, held_on="2024-01-15")
    fresh = cases.get_case(db=db, case_id=case.id)
    assert (fresh.status, fresh.last_activity_on) == ("aktif", date(2024, 1, 15))
    assert status_log(db, case.id) == [
        (None, "baru", None, date(2024, 1, 10)),
        ("baru", "aktif", "Sesi pertama dicatat", date(2024, 1, 15)),
    ]
    # A second session is no new status change.
    sessions.log_session(db=db, case_id=case.id, held_on="2024-02-01")
    assert len(status_log(db, case.id)) == 2
    assert cases.get_case(db=db, case_id=case.id).last_activity_on == date(2024, 2, 1)


def test_planned_future_session_does_not_count_as_activity(db):
    case = make_case(db, opened_on="2024-01-10")
    planned = sessions.log_session(
        db=db, case_id=case.id, held_on=TODAY + timedelta(days=7), mode="daring"
    )
    assert planned.held_on == TODAY + timedelta(days=7)
    fresh = cases.get_case(db=db, case_id=case.id)
    assert (fresh.status, fresh.last_activity_on) == ("baru", date(2024, 1, 10))
    assert len(status_log(db, case.id)) == 1
    # A session held today is activity.
    sessions.log_session(db=db, case_id=case.id, held_on=TODAY)
    fresh = cases.get_case(db=db, case_id=case.id)
    assert (fresh.status, fresh.last_activity_on) == ("aktif", TODAY)


def test_an_older_session_does_not_move_last_activity_back(db):
    case = make_case(db, opened_on="2024-01-10")
    sessions.log_session(db=db, case_id=case.id, held_on="2024-03-01")
    sessions.log_session(db=db, case_id=case.id, held_on="2024-02-01")
    assert cases.get_case(db=db, case_id=case.id).last_activity_on == date(2024, 3, 1)


def test_session_on_a_ditunda_case_keeps_its_status(db):
    case = make_case(db)
    cases.change_case_status(db=db, case_id=case.id, status="ditunda", on=date(2024, 1, 11))
    sessions.log_session(db=db, case_id=case.id, held_on="2024-01-20")
    fresh = cases.get_case(db=db, case_id=case.id)
    assert (fresh.status, fresh.last_activity_on) == ("ditunda", date(2024, 1, 20))


@pytest.mark.parametrize(
    ("path", "reason"),
    [(["aktif", "selesai"], None), (["ditutup"], "tidak bisa dihubungi")],
)
def test_session_on_a_closed_case_is_refused(db, path, reason):
    case = make_case(db)
    for status in path:
        cases.change_case_status(
            db=db, case_id=case.id, status=status, reason=reason, on=date(2024, 2, 1)
        )
    with pytest.raises(ValidationError) as info:
        sessions.log_session(
            db=db,
            case_id=case.id,
            held_on="2024-02-02",
            follow_ups=[{"description": "x"}],
        )
    assert field_errors(info.value) == {
        "case_id": "Kasus ini sudah selesai/ditutup; aktifkan lagi dulu."
    }
    assert (n_rows(db, MentoringSession), n_rows(db, FollowUp)) == (0, 0)
    # Reopened, it takes sessions again.
    cases.change_case_status(db=db, case_id=case.id, status="aktif", on=date(2024, 2, 3))
    assert sessions.log_session(db=db, case_id=case.id, held_on="2024-02-04").id


def test_session_on_an_archived_case_is_refused(db):
    case = make_case(db)
    cases.archive_case(db=db, case_id=case.id)
    with pytest.raises(ValidationError) as info:
        sessions.log_session(db=db, case_id=case.id, held_on="2024-02-02")
    assert field_errors(info.value) == {"case_id": "Kasus ini diarsipkan; pulihkan dulu."}
    assert n_rows(db, MentoringSession) == 0


def test_session_problems_and_follow_up_problems_are_reported_at_once(db):
    case = make_case(db)
    with pytest.raises(ValidationError) as info:
        sessions.log_session(
            db=db,
            case_id=case.id,
            held_on="2024-02-10",
            minutes=0,
            prep_minutes="lama",
            mode="sms",
            next_session_on="2024-02-10",
            areas=["produksi", "sulap"],
            follow_ups=[
                {"description": " ", "owner": "tetangga"},
                {"description": "Foto produk", "due_on": "31/02/2024"},
                {"description": "Urus NIB", "owner": "konsultan"},
            ],
        )
    errors = field_errors(info.value)
    assert set(errors) == {
        "minutes",
        "prep_minutes",
        "mode",
        "next_session_on",
        "areas",
        "follow_ups.0.description",
        "follow_ups.0.owner",
        "follow_ups.1.due_on",
    }
    assert errors["minutes"] == "Durasi (menit) paling kecil 1."
    assert errors["prep_minutes"] == "Persiapan (menit) harus berupa angka bulat, misalnya 60."
    assert errors["mode"].startswith("Cara pendampingan tidak dikenal: 'sms'.")
    assert errors["next_session_on"] == "Sesi berikutnya harus sesudah tanggal sesi ini."
    assert errors["areas"].startswith("Bidang tidak dikenal: 'sulap'.")
    assert errors["follow_ups.0.description"] == "Tindak lanjut wajib diisi."
    assert errors["follow_ups.0.owner"].startswith("Penanggung jawab tidak dikenal: 'tetangga'.")
    assert errors["follow_ups.1.due_on"].startswith("Tanggal 31 Februari 2024 tidak ada.")
    assert (n_rows(db, MentoringSession), n_rows(db, FollowUp)) == (0, 0)
    assert cases.get_case(db=db, case_id=case.id).status == "baru"


def test_session_before_the_case_opened_and_unknown_consultant_are_refused(db):
    case = make_case(db, opened_on="2024-01-10")
    with pytest.raises(ValidationError) as info:
        sessions.log_session(
            db=db, case_id=case.id, held_on="2024-01-09", minutes=1441, consultant_id=99
        )
    # Every problem is reported at once, each under its own field.
    assert field_errors(info.value) == {
        "minutes": "Durasi (menit) paling besar 1440.",
        "held_on": "Tanggal sesi tidak boleh sebelum kasus dibuka.",
        "consultant_id": "Konsultan dengan id 99 tidak ditemukan.",
    }
    assert n_rows(db, MentoringSession) == 0
    with pytest.raises(NotFound) as info:
        sessions.log_session(db=db, case_id=404)
    assert str(info.value) == "Kasus dengan id 404 tidak ditemukan."


def test_session_date_before_opening_reported_with_other_errors(db):
    case = make_case(db, opened_on="2024-01-10")
    with pytest.raises(ValidationError) as info:
        sessions.log_session(db=db, case_id=case.id, held_on="2024-01-09", minutes=0)
    assert set(field_errors(info.value)) == {"held_on", "minutes"}


# --- updating sessions --------------------------------------------------------------------


def test_update_session_recomputes_last_activity_and_replaces_areas(db):
    case = make_case(db, opened_on="2024-01-10", areas=["produksi"])
    first = sessions.log_session(db=db, case_id=case.id, held_on="2024-02-01")
    second = sessions.log_session(db=db, case_id=case.id, held_on="2024-03-01")
    assert cases.get_case(db=db, case_id=case.id).last_activity_on == date(2024, 3, 1)
    updated = sessions.update_session(
        db=db,
        session_id=second.id,
        held_on="2024-01-20",
        minutes="30",
        summary="Dipindah",
        areas=["pemasaran"],
    )
    assert (updated.held_on, updated.minutes, updated.summary) == (
        date(2024, 1, 20),
        30,
        "Dipindah",
    )
    assert sessions.session_areas(db, [second.id, first.id]) == {
        second.id: ["pemasaran"],
        first.id: ["produksi"],
    }
    assert cases.get_case(db=db, case_id=case.id).last_activity_on == date(2024, 2, 1)
    # Moved into the future it is a plan again: activity falls back to what was held.
    sessions.update_session(db=db, session_id=first.id, held_on=TODAY + timedelta(days=3))
    assert cases.get_case(db=db, case_id=case.id).last_activity_on == date(2024, 1, 20)


def test_update_session_refuses_bad_values_and_keeps_the_old_ones(db):
    case = make_case(db)
    record = sessions.log_session(db=db, case_id=case.id, held_on="2024-02-01", minutes=45)
    with pytest.raises(ValidationError) as info:
        sessions.update_session(db=db, session_id=record.id, minutes="", mode="pos")
    errors = field_errors(info.value)
    assert errors["minutes"] == "Durasi (menit) wajib diisi."
    assert errors["mode"].startswith("Cara pendampingan tidak dikenal: 'pos'.")
    fresh = sessions.get_session(db=db, session_id=record.id)
    assert (fresh.minutes, fresh.mode) == (45, "di_klinik")
    with pytest.raises(NotFound) as info:
        sessions.update_session(db=db, session_id=999, minutes=5)
    assert str(info.value) == "Sesi dengan id 999 tidak ditemukan."


def test_update_session_refuses_next_session_before_the_stored_date(db):
    case = make_case(db)
    record = sessions.log_session(db=db, case_id=case.id, held_on="2024-02-01")
    with pytest.raises(ValidationError) as info:
        sessions.update_session(db=db, session_id=record.id, next_session_on="2024-01-15")
    assert "next_session_on" in field_errors(info.value)


def test_update_session_refuses_a_date_before_the_case_opened(db):
    case = make_case(db, opened_on="2024-01-10")
    record = sessions.log_session(db=db, case_id=case.id, held_on="2024-02-01")
    with pytest.raises(ValidationError) as info:
        sessions.update_session(db=db, session_id=record.id, held_on="2023-12-01")
    assert field_errors(info.value) == {"held_on": "Tanggal sesi tidak boleh sebelum kasus dibuka."}


def test_update_session_refuses_an_unknown_consultant(store):
    with store.session() as db:
        case = make_case(db)
        record = sessions.log_session(db=db, case_id=case.id, held_on="2024-02-01")
        record_id = record.id
    with store.session() as db, pytest.raises(ValidationError) as info:
        sessions.update_session(db=db, session_id=record_id, consultant_id=99)
        sessions.list_sessions(db=db)
    assert "consultant_id" in field_errors(info.value)


# --- session lists ------------------------------------------------------------------------


@pytest.fixture
def diary(db):
    """Five sessions in three cases of three clients, two consultants."""
    siti = consultants.create_consultant(db=db, name="Siti")
    budi = consultants.create_consultant(db=db, name="Budi")
    sari = make_client(db, "Amplang Bu Sari", kabupaten_code="6271")
    rotan = make_client(db, "Rotan Pak Budi", kabupaten_code="6203", kecamatan="Selat")
    madu = make_client(db, "Madu Kelulut Kumai", kabupaten_code="6201")
    a = make_case(db, sari, consultant_id=siti.id, areas=["produksi"])
    b = make_case(db, rotan, title="Pameran", consultant_id=budi.id, areas=["pemasaran"])
    c = make_case(db, madu, title="KUR", areas=["pembiayaan"])
    log = sessions.log_session
    s1 = log(db=db, case_id=a.id, held_on="2024-02-01", minutes=60, summary="Label kemasan")
    s2 = log(db=db, case_id=a.id, held_on="2024-03-01", minutes=30, mode="telepon")
    s3 = log(db=db, case_id=b.id, held_on="2024-02-15", minutes=120, mode="kunjungan_lapangan")
    s4 = log(
        db=db,
        case_id=c.id,
        held_on="2024-01-20",
        minutes=45,
        mode="daring",
        consultant_id=siti.id,
        summary="Syarat KUR 50% agunan",
    )
    s5 = log(db=db, case_id=b.id, held_on="2024-02-15", minutes=90, areas=["jaringan"])
    return locals()


def test_session_row_shows_what_the_list_needs(db, diary):
    page = sessions.list_sessions(db=db, case_id=diary["c"].id)
    assert (page.offset, page.limit) == (0, 100)
    assert page.rows == [
        SessionRow(
            id=diary["s4"].id,
            uid=diary["s4"].uid,
            case_id=diary["c"].id,
            case_title="KUR",
            client_id=diary["madu"].id,
            business_name="Madu Kelulut Kumai",
            consultant="Siti",
            held_on=date(2024, 1, 20),
            minutes=45,
            mode="daring",
            summary="Syarat KUR 50% agunan",
            next_session_on=None,
        )
    ]


def ids(page) -> list[int]:
    return [r.id for r in page.rows]


def test_default_session_order_is_newest_first(db, diary):
    d = diary
    assert ids(sessions.list_sessions(db=db)) == [
        d["s2"].id,
        d["s5"].id,  # same day as s3: the higher id first when descending
        d["s3"].id,
        d["s1"].id,
        d["s4"].id,
    ]


SESSION_SORT_CASES = [
    ("held_on", ["s4", "s1", "s3", "s5", "s2"]),
    ("minutes", ["s2", "s4", "s1", "s5", "s3"]),
    ("-minutes", ["s3", "s5", "s1", "s4", "s2"]),
    ("client", ["s1", "s2", "s4", "s3", "s5"]),
    ("mode", ["s4", "s1", "s5", "s3", "s2"]),  # daring, di_klinik, kunjungan, telepon
    ("consultant", ["s3", "s5", "s1", "s2", "s4"]),
    ("-id", ["s5", "s4", "s3", "s2", "s1"]),
]


def test_session_sort_keys(db, diary):
    for sort, expected in SESSION_SORT_CASES:
        got = ids(sessions.list_sessions(db=db, sort=sort))
        assert got == [diary[k].id for k in expected], sort


def test_unknown_session_sort_is_refused(db, diary):
    with pytest.raises(ValidationError) as info:
        sessions.list_sessions(db=db, sort="-durasi")
    assert info.value.for_field("sort") == (
        "Urutan 'durasi' tidak dikenal. Pilihan: client, consultant, held_on, id, minutes, mode."
    )


def test_session_filters_and_count_agree(db, diary):
    d = diary

    def check(expected, **filters):
        got = ids(sessions.list_sessions(db=db, sort="id", **filters))
        assert got == [d[k].id for k in expected]
        assert sessions.count_sessions(db=db, **filters) == len(expected)

    check(["s1", "s2", "s3", "s4", "s5"])
    check(["s1", "s2"], case_id=d["a"].id)
    check(["s3", "s5"], client_id=d["rotan"].id)
    # The session's own consultant counts (s4 was Siti's in a case without consultant).
    check(["s1", "s2", "s4"], consultant_id=d["siti"].id)
    check(["s4"], kabupaten="6201")
    check(["s3"], area="pemasaran")
    check(["s5"], area="jaringan")
    check(["s2"], mode="telepon")
    check(["s1", "s3", "s5"], held_from=date(2024, 2, 1), held_to=date(2024, 2, 29))
    check(["s2"], held_from=date(2024, 3, 1))
    check(["s4"], held_to=date(2024, 1, 31))
    check(["s3", "s5"], mode=None, kabupaten="6203", held_from=date(2024, 2, 15))


def test_session_search_in_summary_and_client(db, diary):
    d = diary

    def found(text):
        return ids(sessions.list_sessions(db=db, search=text, sort="id"))

    assert found("LABEL") == [d["s1"].id]
    assert found("kemasan amplang") == [d["s1"].id]
    assert found("selat") == [d["s3"].id, d["s5"].id]
    assert found("50%") == [d["s4"].id]
    assert found("%") == [d["s4"].id]
    assert found("label rotan") == []
    assert sessions.count_sessions(db=db, search="selat") == 2


def test_session_paging(db, diary):
    page = sessions.list_sessions(db=db, sort="held_on", offset=2, limit=2)
    assert (page.offset, page.limit) == (2, 2)
    assert ids(page) == [diary["s3"].id, diary["s5"].id]
    assert sessions.list_sessions(db=db, offset=5).rows == []
    assert len(sessions.list_sessions(db=db, limit=None).rows) == 5


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    search=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=25,
    )
)
def test_any_session_search_never_raises_and_count_agrees(db, search):
    if not sessions.list_sessions(db=db).rows:
        case = make_case(db, make_client(db, "Kopi_50% Bu Ani"))
        sessions.log_session(db=db, case_id=case.id, held_on="2024-02-01", summary="a\\b_c")
    page = sessions.list_sessions(db=db, search=search, limit=None)
    assert sessions.count_sessions(db=db, search=search) == len(page.rows)


# --- follow-ups ---------------------------------------------------------------------------


def test_follow_ups_created_with_a_session(db):
    case = make_case(db)
    record = sessions.log_session(
        db=db,
        case_id=case.id,
        held_on="2024-02-01",
        follow_ups=[
            {"description": " Siapkan desain label ", "due_on": "15/02/2024"},
            {"description": "Daftarkan ke OSS", "owner": "Konsultan"},
        ],
    )
    items = db.execute(select(FollowUp).order_by(FollowUp.id)).scalars().all()
    assert [
        (f.case_id, f.session_id, f.description, f.owner, f.due_on, f.done_on) for f in items
    ] == [
        (case.id, record.id, "Siapkan desain label", "klien", date(2024, 2, 15), None),
        (case.id, record.id, "Daftarkan ke OSS", "konsultan", None, None),
    ]
    other = sessions.log_session(
        db=db, case_id=case.id, held_on="2024-02-08", follow_ups=[{"description": "Lain"}]
    )
    listed = sessions.list_follow_ups(db=db, session_id=record.id).rows
    assert [r.description for r in listed] == ["Siapkan desain label", "Daftarkan ke OSS"]
    listed = sessions.list_follow_ups(db=db, session_id=other.id).rows
    assert [r.description for r in listed] == ["Lain"]


def test_add_follow_up_alone_or_to_a_session_of_the_same_case(db):
    case = make_case(db)
    other = make_case(db, make_client(db, "Lain"))
    mine = sessions.log_session(db=db, case_id=case.id, held_on="2024-02-01")
    theirs = sessions.log_session(db=db, case_id=other.id, held_on="2024-02-01")
    alone = sessions.add_follow_up(db=db, case_id=case.id, description="Foto produk")
    assert (alone.case_id, alone.session_id, alone.owner, alone.due_on) == (
        case.id,
        None,
        "klien",
        None,
    )
    tied = sessions.add_follow_up(
        db=db, case_id=case.id, session_id=mine.id, description="x", due_on="2024-03-01"
    )
    assert tied.session_id == mine.id
    before = n_rows(db, FollowUp)
    with pytest.raises(ValidationError) as info:
        sessions.add_follow_up(
            db=db, case_id=case.id, session_id=theirs.id, description="salah kasus"
        )
    assert field_errors(info.value) == {"session_id": "Sesi itu milik kasus lain."}
    with pytest.raises(ValidationError) as info:
        sessions.add_follow_up(db=db, case_id=case.id, description="", owner="x")
    assert set(field_errors(info.value)) == {"description", "owner"}
    with pytest.raises(ValidationError) as info:
        sessions.add_follow_up(db=db, case_id=case.id, description="d" * 501)
    assert field_errors(info.value) == {
        "description": "Tindak lanjut terlalu panjang (501 huruf); paling banyak 500."
    }
    assert n_rows(db, FollowUp) == before


@pytest.fixture
def todo(db):
    siti = consultants.create_consultant(db=db, name="Siti")
    sari = make_client(db, "Amplang Bu Sari")
    rotan = make_client(db, "Rotan Pak Budi")
    a = make_case(db, sari, title="Halal", consultant_id=siti.id)
    b = make_case(db, rotan, title="Pameran")
    add = sessions.add_follow_up
    f1 = add(db=db, case_id=a.id, description="Tanpa tenggat")
    f2 = add(db=db, case_id=b.id, description="Akhir Maret", due_on="2024-03-31")
    f3 = add(db=db, case_id=a.id, description="Awal Maret", due_on="2024-03-01", owner="konsultan")
    f4 = add(db=db, case_id=b.id, description="Februari", due_on="2024-02-10")
    return locals()


def test_follow_ups_are_listed_by_due_date_with_undated_last(db, todo):
    page = sessions.list_follow_ups(db=db)
    assert (page.offset, page.limit) == (0, 100)
    assert [r.description for r in page.rows] == [
        "Februari",
        "Awal Maret",
        "Akhir Maret",
        "Tanpa tenggat",
    ]
    assert page.rows[1] == FollowUpRow(
        id=todo["f3"].id,
        case_id=todo["a"].id,
        case_title="Halal",
        business_name="Amplang Bu Sari",
        description="Awal Maret",
        owner="konsultan",
        due_on=date(2024, 3, 1),
        done_on=None,
    )


def test_follow_up_filters_and_paging(db, todo):
    def described(**kwargs):
        return [r.description for r in sessions.list_follow_ups(db=db, **kwargs).rows]

    assert described(case_id=todo["b"].id) == ["Februari", "Akhir Maret"]
    assert described(consultant_id=todo["siti"].id) == ["Awal Maret", "Tanpa tenggat"]
    assert described(due_by=date(2024, 3, 1)) == ["Februari", "Awal Maret"]
    assert described(offset=1, limit=2) == ["Awal Maret", "Akhir Maret"]
    assert described(offset=4) == []
    cases.archive_case(db=db, case_id=todo["b"].id)
    assert described() == ["Awal Maret", "Tanpa tenggat"]


def test_complete_and_reopen_a_follow_up(db, todo):
    done = sessions.complete_follow_up(db=db, follow_up_id=todo["f4"].id, on=date(2024, 2, 9))
    assert done.done_on == date(2024, 2, 9)
    open_now = [r.description for r in sessions.list_follow_ups(db=db).rows]
    assert open_now == ["Awal Maret", "Akhir Maret", "Tanpa tenggat"]
    every = sessions.list_follow_ups(db=db, open_only=False).rows
    assert [(r.description, r.done_on) for r in every] == [
        ("Februari", date(2024, 2, 9)),
        ("Awal Maret", None),
        ("Akhir Maret", None),
        ("Tanpa tenggat", None),
    ]
    today_done = sessions.complete_follow_up(db=db, follow_up_id=todo["f1"].uid)
    assert today_done.done_on == TODAY
    reopened = sessions.complete_follow_up(db=db, follow_up_id=todo["f4"].id, done=False)
    assert reopened.done_on is None
    assert [r.description for r in sessions.list_follow_ups(db=db).rows] == [
        "Februari",
        "Awal Maret",
        "Akhir Maret",
    ]
    with pytest.raises(NotFound) as info:
        sessions.complete_follow_up(db=db, follow_up_id=999)
    assert str(info.value) == "Tindak lanjut dengan id 999 tidak ditemukan."
