"""Service tests for consultants and cases: opening, areas, audited status, lists, detail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from klinik.db.models import Case, CaseArea, CaseStatusChange
from klinik.domain.vocab import CaseStatus
from klinik.errors import NotFound, Refusal, ValidationError
from klinik.services import cases, clients, consultants, outcomes, referrals, sessions
from klinik.services.cases import CaseRow

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


def audit(db, case_id) -> list[tuple]:
    stmt = (
        select(CaseStatusChange)
        .where(CaseStatusChange.case_id == case_id)
        .order_by(CaseStatusChange.id)
    )
    rows = db.execute(stmt).scalars().all()
    return [(r.from_status, r.to_status, r.reason, r.changed_on) for r in rows]


def titles(page) -> list[str]:
    return [r.title for r in page.rows]


# --- consultants --------------------------------------------------------------------------


def test_create_consultant_derives_initials_and_cleans_contacts(db):
    person = consultants.create_consultant(
        db=db,
        name=" Siti Rahmawati ",
        phone="0812 3456 7890",
        email="Siti@KlinikBisnis.ID",
    )
    assert (person.name, person.initials, person.title) == (
        "Siti Rahmawati",
        "SR",
        "Konsultan Pendamping",
    )
    assert (person.phone, person.email, person.active) == (
        "+6281234567890",
        "Siti@klinikbisnis.id",
        True,
    )
    given_initials = consultants.create_consultant(db=db, name="Budi", initials="BDI")
    assert given_initials.initials == "BDI"


def test_consultant_problems_reported_at_once(db):
    with pytest.raises(ValidationError) as info:
        consultants.create_consultant(
            db=db, name="", phone="12", email="a@b", initials="TOOLONGXX", active="kadang"
        )
    errors = field_errors(info.value)
    assert set(errors) == {"name", "phone", "email", "initials", "active"}
    assert errors["name"] == "Nama wajib diisi."
    assert errors["initials"] == "Inisial terlalu panjang (9 huruf); paling banyak 8."
    assert errors["active"].endswith(": isi 'ya' atau 'tidak'.")
    assert consultants.list_consultants(db=db) == []


def test_consultant_list_update_and_get(db):
    budi = consultants.create_consultant(db=db, name="Budi Santoso")
    ani = consultants.create_consultant(db=db, name="Ani Lestari")
    assert [c.name for c in consultants.list_consultants(db=db)] == [
        "Ani Lestari",
        "Budi Santoso",
    ]
    updated = consultants.update_consultant(
        db=db, consultant_id=budi.uid, active="tidak", title="Konsultan Pembiayaan"
    )
    assert (updated.active, updated.title, updated.initials) == (
        False,
        "Konsultan Pembiayaan",
        "BS",
    )
    assert [c.name for c in consultants.list_consultants(db=db, active_only=True)] == [
        "Ani Lestari"
    ]
    assert consultants.get_consultant(db=db, consultant_id=str(ani.id)) is ani
    with pytest.raises(NotFound) as info:
        consultants.get_consultant(db=db, consultant_id=77)
    assert str(info.value) == "Konsultan dengan id 77 tidak ditemukan."
    with pytest.raises(ValidationError) as info:
        consultants.update_consultant(db=db, consultant_id=ani.id, name=" ")
    assert field_errors(info.value) == {"name": "Nama wajib diisi."}


# --- opening and updating -----------------------------------------------------------------


def test_open_case_starts_baru_with_areas_and_an_audit_row(db):
    client = make_client(db)
    siti = consultants.create_consultant(db=db, name="Siti Rahmawati")
    case = cases.open_case(
        db=db,
        client_id=str(client.id),
        title="  Pendampingan KUR ",
        goal="Mengajukan KUR mikro",
        consultant_id=siti.id,
        opened_on="15/02/2024",
        areas="pemasaran, Pembiayaan,pemasaran,",
    )
    assert case.client_id == client.id
    assert case.title == "Pendampingan KUR"
    assert case.goal == "Mengajukan KUR mikro"
    assert case.consultant_id == siti.id
    assert case.status == "baru"
    assert case.opened_on == date(2024, 2, 15)
    assert case.last_activity_on == date(2024, 2, 15)
    assert (case.closed_on, case.closed_reason, case.archived_at) == (None, None, None)
    # Areas come back in the vocabulary's order, without duplicates.
    assert cases.case_areas(db, [case.id]) == {case.id: ["pembiayaan", "pemasaran"]}
    assert audit(db, case.id) == [(None, "baru", None, date(2024, 2, 15))]


def test_open_case_defaults_to_today(db):
    case = cases.open_case(db=db, client_id=make_client(db).id, title="Halal")
    assert (case.opened_on, case.last_activity_on) == (TODAY, TODAY)
    assert cases.case_areas(db, [case.id]) == {case.id: []}


def test_open_case_reports_every_problem_and_writes_nothing(db):
    with pytest.raises(ValidationError) as info:
        cases.open_case(
            db=db,
            title=" ",
            opened_on=TODAY + timedelta(days=1),
            areas=["pemasaran", "sales"],
            consultant_id=99,
        )
    errors = field_errors(info.value)
    assert set(errors) == {"client_id", "title", "opened_on", "areas", "consultant_id"}
    assert errors["client_id"] == "Klien wajib diisi."
    assert errors["title"] == "Judul wajib diisi."
    assert errors["opened_on"] == "Tanggal dibuka tidak boleh di masa depan."
    assert errors["areas"].startswith("Bidang tidak dikenal: 'sales'.")
    assert errors["consultant_id"] == "Konsultan dengan id 99 tidak ditemukan."
    assert (n_rows(db, Case), n_rows(db, CaseStatusChange), n_rows(db, CaseArea)) == (0, 0, 0)


def test_open_case_for_unknown_or_archived_client_is_refused(db):
    with pytest.raises(ValidationError) as info:
        cases.open_case(db=db, client_id=404, title="x")
    assert field_errors(info.value) == {"client_id": "Klien dengan id 404 tidak ditemukan."}
    client = make_client(db)
    clients.archive_client(db=db, client_id=client.id)
    with pytest.raises(ValidationError) as info:
        cases.open_case(db=db, client_id=client.id, title="x")
    assert field_errors(info.value) == {
        "client_id": "Klien ini diarsipkan; pulihkan dulu sebelum membuka kasus."
    }
    assert n_rows(db, Case) == 0


def test_update_case_changes_fields_and_replaces_areas(db):
    case = make_case(db, areas=["produksi", "it"])
    siti = consultants.create_consultant(db=db, name="Siti")
    updated = cases.update_case(
        db=db,
        case_id=case.uid,
        title="Fasilitasi SPP-IRT dan halal",
        goal="P-IRT terbit",
        consultant_id=str(siti.id),
        areas=["Jaringan kerja sama", "kelembagaan"],
    )
    assert (updated.title, updated.goal, updated.consultant_id, updated.status) == (
        "Fasilitasi SPP-IRT dan halal",
        "P-IRT terbit",
        siti.id,
        "baru",
    )
    assert cases.case_areas(db, [case.id])[case.id] == ["kelembagaan", "jaringan"]
    # Areas not given stay as they were.
    cases.update_case(db=db, case_id=case.id, goal="")
    assert cases.case_areas(db, [case.id])[case.id] == ["kelembagaan", "jaringan"]
    assert cases.get_case(db=db, case_id=case.id).goal == ""


def test_update_case_refuses_status_and_bad_fields(db):
    case = make_case(db)
    with pytest.raises(ValidationError) as info:
        cases.update_case(db=db, case_id=case.id, status="selesai")
    assert field_errors(info.value) == {
        "status": "Status diubah lewat tindakan status (Aktifkan, Tunda, ...)."
    }
    with pytest.raises(ValidationError) as info:
        cases.update_case(db=db, case_id=case.id, title="", consultant_id="abc")
    assert field_errors(info.value) == {
        "title": "Judul wajib diisi.",
        "consultant_id": "Konsultan harus berupa angka bulat, misalnya 60.",
    }
    fresh = cases.get_case(db=db, case_id=case.id)
    assert (fresh.title, fresh.status) == ("Fasilitasi SPP-IRT", "baru")
    with pytest.raises(NotFound) as info:
        cases.update_case(db=db, case_id=555, title="x")
    assert str(info.value) == "Kasus dengan id 555 tidak ditemukan."


def test_moving_the_opening_date_keeps_last_activity_not_before_it(db):
    case = make_case(db, opened_on="2024-01-10")
    updated = cases.update_case(db=db, case_id=case.id, opened_on="2024-02-01")
    assert updated.opened_on == date(2024, 2, 1)
    assert updated.last_activity_on >= updated.opened_on


# --- status -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        ("baru", ["aktif", "ditunda", "ditutup"]),
        ("aktif", ["dirujuk", "ditunda", "ditutup", "selesai"]),
        ("ditunda", ["aktif", "ditutup"]),
        ("dirujuk", ["aktif", "ditutup", "selesai"]),
        ("selesai", ["aktif"]),
        ("ditutup", ["aktif"]),
    ],
)
def test_allowed_transitions(status, allowed):
    assert cases.allowed_transitions(status) == allowed


def test_a_case_walks_through_its_statuses_and_every_change_is_audited(db):
    case = make_case(db, opened_on="2024-01-10")
    siti = consultants.create_consultant(db=db, name="Siti")
    steps = [
        ("aktif", None, date(2024, 1, 11)),
        ("Ditunda", "klien sakit", date(2024, 2, 1)),
        ("aktif", None, date(2024, 3, 1)),
        ("dirujuk", None, date(2024, 3, 5)),
        ("selesai", "P-IRT terbit", date(2024, 5, 20)),
    ]
    for status, reason, on in steps:
        cases.change_case_status(
            db=db, case_id=case.id, status=status, reason=reason, consultant_id=siti.id, on=on
        )
    done = cases.get_case(db=db, case_id=case.id)
    assert (done.status, done.closed_on, done.closed_reason) == (
        "selesai",
        date(2024, 5, 20),
        "P-IRT terbit",
    )
    reopened = cases.change_case_status(
        db=db, case_id=case.id, status="aktif", reason="  ", on=date(2024, 6, 1)
    )
    assert (reopened.status, reopened.closed_on, reopened.closed_reason) == ("aktif", None, None)
    closed = cases.change_case_status(
        db=db, case_id=case.id, status="ditutup", reason=" pindah ke Banjarmasin "
    )
    assert (closed.status, closed.closed_on, closed.closed_reason) == (
        "ditutup",
        TODAY,
        "pindah ke Banjarmasin",
    )
    assert audit(db, case.id) == [
        (None, "baru", None, date(2024, 1, 10)),
        ("baru", "aktif", None, date(2024, 1, 11)),
        ("aktif", "ditunda", "klien sakit", date(2024, 2, 1)),
        ("ditunda", "aktif", None, date(2024, 3, 1)),
        ("aktif", "dirujuk", None, date(2024, 3, 5)),
        ("dirujuk", "selesai", "P-IRT terbit", date(2024, 5, 20)),
        ("selesai", "aktif", None, date(2024, 6, 1)),
        ("aktif", "ditutup", "pindah ke Banjarmasin", TODAY),
    ]
    changes = cases.case_detail(db=db, case_id=case.id).status_changes
    assert [c.consultant_id for c in changes][1:6] == [siti.id] * 5


REFUSED_CASE_TRANSITIONS = [
    # (statuses walked first, refused target, current label, target label, allowed labels)
    ([], "selesai", "Baru", "Selesai", {"Aktif", "Ditunda", "Ditutup"}),
    ([], "dirujuk", "Baru", "Dirujuk", {"Aktif", "Ditunda", "Ditutup"}),
    ([], "baru", "Baru", "Baru", {"Aktif", "Ditunda", "Ditutup"}),
    (["aktif"], "aktif", "Aktif", "Aktif", {"Ditunda", "Dirujuk", "Selesai", "Ditutup"}),
    (["ditunda"], "selesai", "Ditunda", "Selesai", {"Aktif", "Ditutup"}),
    (["ditunda"], "dirujuk", "Ditunda", "Dirujuk", {"Aktif", "Ditutup"}),
    (["aktif", "dirujuk"], "ditunda", "Dirujuk", "Ditunda", {"Aktif", "Selesai", "Ditutup"}),
    (["aktif", "selesai"], "ditutup", "Selesai", "Ditutup", {"Aktif"}),
    (["aktif", "selesai"], "baru", "Selesai", "Baru", {"Aktif"}),
    (["ditutup"], "selesai", "Ditutup", "Selesai", {"Aktif"}),
]


def test_refused_transitions_explain_what_is_allowed(db):
    client = make_client(db)
    for path, target, current_label, target_label, allowed_labels in REFUSED_CASE_TRANSITIONS:
        case = make_case(db, client)
        for status in path:
            cases.change_case_status(
                db=db, case_id=case.id, status=status, reason="r", on=date(2024, 2, 1)
            )
        audited = len(audit(db, case.id))
        with pytest.raises(ValidationError) as info:
            cases.change_case_status(db=db, case_id=case.id, status=target, reason="alasan")
        message = field_errors(info.value)["status"]
        prefix = (
            f"Kasus berstatus {current_label} tidak bisa diubah menjadi {target_label}. "
            "Yang boleh: "
        )
        assert message.startswith(prefix), message
        assert set(message.removeprefix(prefix).rstrip(".").split(", ")) == allowed_labels
        current = CaseStatus.parse(current_label).value
        assert cases.get_case(db=db, case_id=case.id).status == current
        assert len(audit(db, case.id)) == audited


def test_closing_needs_a_reason(db):
    case = make_case(db)
    for reason in (None, "", "   "):
        with pytest.raises(ValidationError) as info:
            cases.change_case_status(db=db, case_id=case.id, status="ditutup", reason=reason)
        assert field_errors(info.value) == {"reason": "Alasan menutup kasus wajib diisi."}
    fresh = cases.get_case(db=db, case_id=case.id)
    assert (fresh.status, fresh.closed_on) == ("baru", None)
    assert len(audit(db, case.id)) == 1
    # Finishing (selesai) needs no reason.
    cases.change_case_status(db=db, case_id=case.id, status="aktif")
    assert cases.change_case_status(db=db, case_id=case.id, status="selesai").closed_reason is None


def test_unknown_status_and_date_before_opening_are_refused(db):
    case = make_case(db, opened_on="2024-01-10")
    with pytest.raises(ValidationError) as info:
        cases.change_case_status(db=db, case_id=case.id, status="hilang")
    assert field_errors(info.value) == {
        "status": "Status 'hilang' tidak dikenal: baru, aktif, ditunda, dirujuk, selesai, ditutup."
    }
    with pytest.raises(ValidationError) as info:
        cases.change_case_status(db=db, case_id=case.id, status="aktif", on=date(2024, 1, 9))
    assert "tidak boleh sebelum kasus dibuka" in str(info.value)
    assert cases.get_case(db=db, case_id=case.id).status == "baru"
    # The opening day itself is fine.
    ok = cases.change_case_status(db=db, case_id=case.id, status="aktif", on=date(2024, 1, 10))
    assert ok.status == "aktif"


def test_status_date_before_opening_is_not_reported_on_the_reason_field(db):
    case = make_case(db, opened_on="2024-01-10")
    with pytest.raises(ValidationError) as info:
        cases.change_case_status(
            db=db, case_id=case.id, status="aktif", reason="mulai", on=date(2024, 1, 9)
        )
    assert info.value.for_field("reason") is None


def test_archive_and_restore_case(db):
    client = make_client(db)
    case = make_case(db, client)
    archived = cases.archive_case(db=db, case_id=case.id)
    stamp = archived.archived_at
    assert stamp is not None
    assert cases.archive_case(db=db, case_id=case.id).archived_at == stamp
    assert cases.list_cases(db=db).rows == []
    assert cases.count_cases(db=db) == 0
    assert [r.archived for r in cases.list_cases(db=db, archived=None).rows] == [True]
    assert cases.count_cases(db=db, archived=True) == 1
    assert cases.restore_case(db=db, case_id=case.id).archived_at is None
    assert titles(cases.list_cases(db=db)) == ["Fasilitasi SPP-IRT"]
    # A case of an archived client cannot come back alone.
    cases.archive_case(db=db, case_id=case.id)
    clients.archive_client(db=db, client_id=client.id)
    with pytest.raises(Refusal) as info:
        cases.restore_case(db=db, case_id=case.id)
    assert str(info.value) == "Kliennya diarsipkan; pulihkan klien dulu."
    assert cases.get_case(db=db, case_id=case.id).archived_at is not None


# --- lists --------------------------------------------------------------------------------


def test_case_row_shows_what_the_list_needs(db):
    client = make_client(db, kabupaten_code="Katingan")
    siti = consultants.create_consultant(db=db, name="Siti Rahmawati")
    case = make_case(db, client, consultant_id=siti.id, areas=["pemasaran", "produksi"])
    page = cases.list_cases(db=db)
    assert (page.offset, page.limit) == (0, 100)
    assert page.rows == [
        CaseRow(
            id=case.id,
            uid=case.uid,
            title="Fasilitasi SPP-IRT",
            client_id=client.id,
            business_name="Amplang Bu Sari",
            kabupaten_code="6209",
            consultant_id=siti.id,
            consultant="Siti Rahmawati",
            status="baru",
            opened_on=date(2024, 1, 10),
            last_activity_on=date(2024, 1, 10),
            areas=["produksi", "pemasaran"],
            archived=False,
        )
    ]


@pytest.fixture
def board(db):
    """Four cases of three clients with two consultants, areas and statuses."""
    siti = consultants.create_consultant(db=db, name="Siti")
    budi = consultants.create_consultant(db=db, name="Budi")
    sari = make_client(db, "Amplang Bu Sari", kabupaten_code="6271", kecamatan="Pahandut")
    rotan = make_client(db, "Rotan Pak Budi", kabupaten_code="6203")
    madu = make_client(db, "Madu Kelulut Kumai", kabupaten_code="6201")
    a = make_case(
        db, sari, title="Halal self-declare", opened_on="2024-01-05", consultant_id=siti.id,
        areas=["produksi"],
    )  # fmt: skip
    b = make_case(
        db, rotan, title="Pameran kerajinan", opened_on="2024-02-10", consultant_id=budi.id,
        areas=["pemasaran", "jaringan"],
    )  # fmt: skip
    c = make_case(
        db, madu, title="Pengajuan KUR", opened_on="2024-03-15", consultant_id=siti.id,
        areas=["pembiayaan"],
    )  # fmt: skip
    d = make_case(db, sari, title="Pemasaran daring", opened_on="2024-04-20", areas=["pemasaran"])
    cases.change_case_status(db=db, case_id=b.id, status="aktif", on=date(2024, 2, 11))
    cases.change_case_status(db=db, case_id=c.id, status="ditunda", on=date(2024, 3, 16))
    # A held session moves a's activity to the newest.
    sessions.log_session(db=db, case_id=a.id, held_on="2024-05-01")
    return {"siti": siti, "budi": budi, "sari": sari, "rotan": rotan, "madu": madu} | {
        "a": a,
        "b": b,
        "c": c,
        "d": d,
    }


def test_default_order_is_newest_activity_first(db, board):
    assert titles(cases.list_cases(db=db)) == [
        "Halal self-declare",
        "Pemasaran daring",
        "Pengajuan KUR",
        "Pameran kerajinan",
    ]


# Cases of the fixture ``board`` by letter: a Halal self-declare, b Pameran kerajinan,
# c Pengajuan KUR, d Pemasaran daring.
BOARD_TITLES = {
    "a": "Halal self-declare",
    "b": "Pameran kerajinan",
    "c": "Pengajuan KUR",
    "d": "Pemasaran daring",
}
CASE_SORT_CASES = [
    ("last_activity", "bcda"),
    ("opened_on", "abcd"),
    ("-opened_on", "dcba"),
    ("title", "abdc"),
    ("-title", "cdba"),
    # Same client (a and d): the id decides.
    ("client", "adcb"),
    ("-client", "bcda"),
    ("status", "abdc"),  # aktif, aktif, baru, ditunda
    # No consultant (NULL) first, then Budi, then Siti's by id.
    ("consultant", "dbac"),
    ("-id", "dcba"),
]


def test_case_sort_keys(db, board):
    for sort, expected in CASE_SORT_CASES:
        got = titles(cases.list_cases(db=db, sort=sort))
        assert got == [BOARD_TITLES[k] for k in expected], sort


def test_unknown_case_sort_is_refused(db, board):
    with pytest.raises(ValidationError) as info:
        cases.list_cases(db=db, sort="omzet")
    assert field_errors(info.value) == {
        "sort": "Urutan 'omzet' tidak dikenal. Pilihan: client, consultant, id, last_activity, "
        "opened_on, status, title."
    }


def test_case_filters_and_count_agree(db, board):
    def check(expected, **filters):
        assert titles(cases.list_cases(db=db, sort="title", **filters)) == expected
        assert cases.count_cases(db=db, **filters) == len(expected)

    check(["Halal self-declare", "Pameran kerajinan"], status="aktif")
    check(["Pemasaran daring", "Pengajuan KUR"], status=["baru", "ditunda"])
    check(["Halal self-declare", "Pengajuan KUR"], consultant_id=board["siti"].id)
    check(["Halal self-declare", "Pemasaran daring"], client_id=board["sari"].id)
    check(["Pameran kerajinan"], kabupaten="6203")
    check(["Pameran kerajinan", "Pemasaran daring"], area="pemasaran")
    check([], area="sdm")
    check(
        ["Pameran kerajinan", "Pengajuan KUR"],
        opened_from=date(2024, 2, 10),
        opened_to=date(2024, 3, 15),
    )
    check(["Pemasaran daring"], opened_from=date(2024, 4, 1))
    check(["Halal self-declare"], opened_to=date(2024, 1, 31))
    check(["Halal self-declare"], status="aktif", consultant_id=board["siti"].id)


def test_case_search_in_title_and_client(db, board):
    def found(text):
        return titles(cases.list_cases(db=db, search=text, sort="title"))

    assert found("PAMERAN") == ["Pameran kerajinan"]
    assert found("amplang") == ["Halal self-declare", "Pemasaran daring"]
    # One word from the title and one from the client's record.
    assert found("daring pahandut") == ["Pemasaran daring"]
    assert found("kur kelulut") == ["Pengajuan KUR"]
    assert found("kur rotan") == []
    assert found("self-declare") == ["Halal self-declare"]
    assert cases.count_cases(db=db, search="amplang") == 2


def test_case_search_treats_wildcards_literally(db):
    client = make_client(db)
    make_case(db, client, title="Diskon 50% pameran")
    make_case(db, client, title="Stok 500 pcs")
    make_case(db, client, title="kode_a")
    make_case(db, client, title="kodeXa")
    assert titles(cases.list_cases(db=db, search="50%")) == ["Diskon 50% pameran"]
    assert titles(cases.list_cases(db=db, search="e_a")) == ["kode_a"]
    assert cases.count_cases(db=db, search="%") == 1


def test_case_paging(db, board):
    page = cases.list_cases(db=db, sort="opened_on", offset=1, limit=2)
    assert (page.offset, page.limit) == (1, 2)
    assert titles(page) == ["Pameran kerajinan", "Pengajuan KUR"]
    assert titles(cases.list_cases(db=db, sort="opened_on", offset=3, limit=10)) == [
        "Pemasaran daring"
    ]
    assert cases.list_cases(db=db, offset=4).rows == []
    assert len(cases.list_cases(db=db, limit=None).rows) == 4
    assert cases.count_cases(db=db) == 4


def test_archived_cases_are_left_out_unless_asked(db, board):
    cases.archive_case(db=db, case_id=board["b"].id)
    assert "Pameran kerajinan" not in titles(cases.list_cases(db=db))
    assert cases.count_cases(db=db) == 3
    assert titles(cases.list_cases(db=db, archived=True)) == ["Pameran kerajinan"]
    assert cases.count_cases(db=db, archived=None) == 4
    assert cases.count_cases(db=db, archived=None, status="aktif") == 2


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    search=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=25,
    )
)
def test_any_case_search_never_raises_and_count_agrees(db, search):
    if not cases.list_cases(db=db, archived=None).rows:
        make_case(db, make_client(db, "Kopi_50% Bu Ani"), title="Kurasi \\ produk")
    page = cases.list_cases(db=db, search=search, limit=None)
    assert cases.count_cases(db=db, search=search) == len(page.rows)


# --- detail -------------------------------------------------------------------------------


def test_case_detail_has_the_whole_timeline(db):
    client = make_client(db)
    siti = consultants.create_consultant(db=db, name="Siti")
    case = make_case(db, client, consultant_id=siti.id, areas=["produksi"])
    late = sessions.log_session(db=db, case_id=case.id, held_on="2024-03-01", minutes=90)
    early = sessions.log_session(
        db=db,
        case_id=case.id,
        held_on="2024-02-01",
        minutes=45,
        follow_ups=[{"description": "Siapkan label", "due_on": "2024-02-15"}],
    )
    extra = sessions.add_follow_up(
        db=db, case_id=case.id, description="Foto produk", due_on="2024-02-10"
    )
    referral = referrals.create_referral(
        db=db, case_id=case.id, agency_id="DINKES-PKY", purpose="spp_irt"
    )
    outcome = outcomes.record_outcome(
        db=db,
        case_id=case.id,
        kind="licence",
        licence_kind="spp_irt",
        occurred_on="2024-04-01",
    )
    detail = cases.case_detail(db=db, case_id=case.uid)
    assert detail.case.id == case.id
    assert detail.client.id == client.id
    assert detail.consultant.id == siti.id
    assert detail.areas == ["produksi"]
    assert [s.id for s in detail.sessions] == [early.id, late.id]
    assert [f.description for f in detail.follow_ups] == ["Foto produk", "Siapkan label"]
    assert detail.follow_ups[0].id == extra.id
    assert [r.id for r in detail.referrals] == [referral.id]
    assert [o.id for o in detail.outcomes] == [outcome.id]
    assert [(c.from_status, c.to_status) for c in detail.status_changes] == [
        (None, "baru"),
        ("baru", "aktif"),
    ]
    assert detail.total_minutes == 135


def test_case_detail_of_a_bare_case(db):
    case = make_case(db)
    detail = cases.case_detail(db=db, case_id=case.id)
    assert detail.consultant is None
    assert (detail.sessions, detail.follow_ups, detail.referrals, detail.outcomes) == (
        [],
        [],
        [],
        [],
    )
    assert detail.total_minutes == 0
    with pytest.raises(NotFound):
        cases.case_detail(db=db, case_id=9999)
