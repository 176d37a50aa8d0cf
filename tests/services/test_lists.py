"""The lists by name (services.lists) and the streams behind exports: iter_clients,
iter_cases and iter_sessions give the list functions' rows, in their order."""

from __future__ import annotations

import inspect

import pytest

from klinik.services import cases, clients, consultants, lists, sessions
from klinik.services.common import stream_pages


@pytest.fixture
def seeded(db):
    siti = consultants.create_consultant(db=db, name="Siti Rahmah")
    names = [
        ("Amplang Bu Sari", "6271", "2024-01-05"),
        ("Rotan Pak Budi", "Kapuas", "2023-03-01"),
        ("Madu Kelulut Lestari", "Katingan", "2024-08-17"),
        ("Kerupuk Basah Ibu Ani", None, "2022-11-30"),
        ("Sasirangan Mekar", "6271", "2024-02-14"),
    ]
    made = []
    for name, kab, registered in names:
        fields = {"business_name": name, "registered_on": registered}
        if kab:
            fields["kabupaten_code"] = kab
        made.append(clients.create_client(db=db, **fields))
    clients.archive_client(db=db, client_id=made[3].id)
    for i, client in enumerate(made[:3]):
        case = cases.open_case(
            db=db,
            client_id=client.id,
            title=f"Pendampingan {client.business_name}",
            opened_on=f"2024-0{i + 1}-01",
            consultant_id=siti.id if i != 1 else None,
            areas=[["pemasaran", "produksi"], ["pembiayaan"], []][i],
        )
        for day in range(1, 4):
            sessions.log_session(
                db=db,
                case_id=case.id,
                held_on=f"2024-0{i + 3}-0{day}",
                minutes=30 * day,
                mode="kunjungan_lapangan" if day % 2 else "telepon",
                summary=f"Sesi {day}",
            )
    db.flush()
    return made


LIST = {
    "clients": clients.list_clients,
    "cases": cases.list_cases,
    "sessions": sessions.list_sessions,
}


@pytest.mark.parametrize(
    ("kind", "filters", "sort"),
    [
        ("clients", {}, None),
        ("clients", {"archived": None}, "-registered_on"),
        ("clients", {"kabupaten": "6271"}, "kabupaten"),
        ("clients", {"search": "rotan"}, "-kabupaten"),
        ("cases", {}, None),
        ("cases", {"area": "pembiayaan"}, "client"),
        ("cases", {}, "-consultant"),
        ("sessions", {}, None),
        ("sessions", {"mode": "telepon"}, "-minutes"),
        ("sessions", {"held_from": None}, "client"),
    ],
)
def test_iter_rows_gives_the_list_functions_rows(db, seeded, kind, filters, sort):
    expected = LIST[kind](db=db, **filters, sort=sort, limit=None).rows
    assert expected
    pages = list(lists.iter_rows(kind, db=db, filters=filters, sort=sort, page_size=2))
    assert all(1 <= len(page) <= 2 for page in pages)
    assert [row for page in pages for row in page] == expected
    limited = lists.iter_rows(kind, db=db, filters=filters, sort=sort, limit=2)
    assert [row for page in limited for row in page] == expected[:2]
    assert lists.count_rows(kind, db=db, filters=filters) == len(expected)


def test_each_service_streams_its_own_list(db, seeded):
    assert [r for page in clients.iter_clients(db=db) for r in page] == (
        clients.list_clients(db=db, limit=None).rows
    )
    assert [r for page in cases.iter_cases(db=db, status="aktif") for r in page] == (
        cases.list_cases(db=db, status="aktif", limit=None).rows
    )
    assert [r for page in sessions.iter_sessions(db=db, case_id=1) for r in page] == (
        sessions.list_sessions(db=db, case_id=1, limit=None).rows
    )


def test_case_rows_carry_their_areas_in_the_vocabularys_order(db, seeded):
    rows = [r for page in cases.iter_cases(db=db, sort="opened_on") for r in page]
    assert [r.areas for r in rows] == [["produksi", "pemasaran"], ["pembiayaan"], []]


def test_the_streams_take_keywords_only(db, seeded):
    for function in (clients.iter_clients, cases.iter_cases, sessions.iter_sessions):
        kinds = {p.kind for p in inspect.signature(function).parameters.values()}
        assert kinds == {inspect.Parameter.KEYWORD_ONLY}, function
    with pytest.raises(TypeError):
        clients.client_rows(db, [1])  # type: ignore[misc]


def test_client_rows_keep_the_order_of_the_ids(db, seeded):
    ids = [c.id for c in reversed(seeded)]
    rows = clients.client_rows(db=db, ids=ids)
    assert [r.id for r in rows] == ids
    by_id = {r.id: r for r in clients.list_clients(db=db, archived=None, limit=None).rows}
    assert rows == [by_id[i] for i in ids]
    assert rows[1].archived is True and rows[0].kabupaten == "Kota Palangka Raya"


def test_filter_params_are_the_list_functions_keywords():
    for kind, function in LIST.items():
        params = set(inspect.signature(function).parameters) - {
            "db",
            "sort",
            "offset",
            "limit",
        }
        assert set(lists.filter_params(kind)) == params
        assert set(lists.SORTS[kind]) >= {"id"}


def test_a_bad_sort_or_filter_is_refused_before_reading(db, seeded):
    from klinik.errors import ValidationError

    with pytest.raises(ValidationError):
        next(lists.iter_rows("cases", db=db, filters={}, sort="nothing"))
    with pytest.raises(ValidationError):
        next(lists.iter_rows("sessions", db=db, filters={"mode": "terbang"}))


def test_stream_pages_reads_in_pages_up_to_the_limit(db, seeded):
    from sqlmodel import select

    from klinik.db.models import Client

    stmt = select(Client.id).order_by(Client.id)
    pages = list(stream_pages(db, stmt, page_size=2))
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [r[0] for p in stream_pages(db, stmt, limit=3) for r in p] == [c.id for c in seeded[:3]]
