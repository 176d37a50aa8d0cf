"""Tests for klinik.demo: reproducible, valid, consistent sample data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from klinik.db.engine import Store, open_store
from klinik.demo import generate_bench_store, generate_demo
from klinik.domain.identifiers import (
    nik_birth_date,
    nik_gender,
    normalize_licence_number,
    normalize_nik,
    normalize_phone,
)
from klinik.domain.letters import format_letter_number
from klinik.services.cases import case_detail, list_cases
from klinik.services.clients import (
    build_search_text,
    client_naik_kelas,
    client_record,
    count_clients,
    get_client,
    list_clients,
)
from klinik.services.referrals import issue_letter_number

TODAY = date(2026, 11, 27)
CLIENTS = 300


def _store(path: Path) -> Store:
    return open_store(f"sqlite:///{path}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, int]]:
    store = _store(tmp_path_factory.mktemp("demo") / "k.sqlite3")
    seen: list[tuple[int, int]] = []
    counts = generate_demo(
        store,
        clients=CLIENTS,
        seed=7,
        today=TODAY,
        batch_size=120,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(120, CLIENTS), (240, CLIENTS), (300, CLIENTS)]
    yield store, counts
    store.close()


def _rows(store: Store, sql: str) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def _fingerprint(store: Store) -> list[tuple]:
    return _rows(
        store,
        "SELECT business_name, owner_name, nik, phone, uid FROM client ORDER BY id",
    ) + _rows(store, "SELECT title, status, last_activity_on FROM client_case ORDER BY id")


def test_counts_match_the_tables(demo) -> None:
    store, counts = demo
    assert counts["client"] == CLIENTS
    assert 3 <= counts["consultant"] <= 40
    for table, count in counts.items():
        assert _rows(store, f"SELECT count(*) FROM {table}")[0][0] == count, table
    # About 1.2 cases per client and 4 sessions per case, about 20% of cases referred.
    assert 1.1 * CLIENTS <= counts["client_case"] <= 1.3 * CLIENTS
    assert 3.5 <= counts["mentoring_session"] / counts["client_case"] <= 4.5
    assert 0.1 <= counts["referral"] / counts["client_case"] <= 0.3
    for table in ("size_record", "licence", "follow_up", "outcome", "issued_letter"):
        assert counts[table] > 0, table


def test_same_seed_same_data_other_seed_other_data(demo, tmp_path: Path) -> None:
    store, _ = demo
    again = _store(tmp_path / "again.sqlite3")
    other = _store(tmp_path / "other.sqlite3")
    try:
        generate_demo(again, clients=CLIENTS, seed=7, today=TODAY)
        generate_demo(other, clients=CLIENTS, seed=8, today=TODAY)
        assert _fingerprint(again) == _fingerprint(store)
        assert _fingerprint(other) != _fingerprint(store)
    finally:
        again.close()
        other.close()


def test_identifiers_are_valid(demo) -> None:
    store, _ = demo
    rows = _rows(
        store,
        "SELECT nik, gender, birth_date, kabupaten_code, phone, whatsapp, nib FROM client",
    )
    assert sum(1 for r in rows if r[0]) > 0.9 * len(rows)
    assert 0.6 * len(rows) <= sum(1 for r in rows if r[6]) <= 0.85 * len(rows)
    niks = [r[0] for r in rows if r[0]]
    assert len(set(niks)) == len(niks)
    for nik, gender, birth_date, kabupaten, phone, whatsapp, nib in rows:
        if nik:
            assert normalize_nik(nik) == nik
            assert nik[:4] == kabupaten
            assert nik_gender(nik) == gender
            assert nik_birth_date(nik, today=TODAY).isoformat() == birth_date
        for number in (phone, whatsapp):
            if number:
                assert normalize_phone(number) == number
                assert 10 <= len(number) - 3 <= 12
        if nib:
            assert len(nib) == 13 and nib.isdigit()
    for kind, number in _rows(store, "SELECT kind, number FROM licence WHERE number IS NOT NULL"):
        assert normalize_licence_number(kind, number) == number
    # An obtained NIB licence and the client's NIB are the same fact.
    assert not _rows(
        store,
        "SELECT l.id FROM licence l JOIN client c ON c.id = l.client_id "
        "WHERE l.kind = 'nib' AND l.status = 'obtained' AND l.number IS NOT c.nib",
    )


def test_search_text_as_the_service_builds_it(demo) -> None:
    store, _ = demo
    with store.session() as db:
        for client_id in (1, CLIENTS // 2, CLIENTS):
            client = get_client(db=db, client_id=client_id)
            assert client.search_text == build_search_text(client)
            assert client.created_at.tzinfo is not None


def test_some_clients_naik_kelas_and_corrections_keep_history(demo) -> None:
    store, _ = demo
    with store.session() as db:
        rising = [cid for cid in range(1, CLIENTS + 1) if client_naik_kelas(db=db, client_id=cid)]
    multi = _rows(
        store,
        "SELECT count(*) FROM (SELECT client_id FROM size_record WHERE superseded_by_id IS NULL "
        "GROUP BY client_id HAVING count(*) >= 2)",
    )[0][0]
    assert rising
    assert len(rising) <= 0.4 * multi
    # Corrections: the old row points to the new, the new one to the old, with a reason.
    pairs = _rows(
        store,
        "SELECT o.id, n.id, n.correction_reason FROM size_record o "
        "JOIN size_record n ON n.id = o.superseded_by_id WHERE n.corrects_id = o.id",
    )
    corrected = _rows(store, "SELECT count(*) FROM size_record WHERE corrects_id IS NOT NULL")
    assert len(pairs) == corrected[0][0]
    assert all(reason for _, _, reason in pairs)


def test_cases_are_consistent_with_their_sessions(demo) -> None:
    store, _ = demo
    today = TODAY.isoformat()
    wrong_activity = _rows(
        store,
        "SELECT id FROM client_case c WHERE last_activity_on != coalesce("
        "(SELECT max(held_on) FROM mentoring_session s WHERE s.case_id = c.id "
        f"AND s.held_on <= '{today}'), opened_on)",
    )
    assert wrong_activity == []
    assert not _rows(
        store,
        "SELECT s.id FROM mentoring_session s JOIN client_case c ON c.id = s.case_id "
        "WHERE s.held_on < c.opened_on OR (c.closed_on IS NOT NULL AND s.held_on > c.closed_on)",
    )
    # Planned sessions lie in the next 14 days, in cases that are still open.
    planned = _rows(
        store,
        "SELECT s.held_on, c.status FROM mentoring_session s JOIN client_case c "
        f"ON c.id = s.case_id WHERE s.held_on > '{today}'",
    )
    assert planned
    assert all(status in ("baru", "aktif", "dirujuk") for _, status in planned)
    assert all((date.fromisoformat(d) - TODAY).days <= 14 for d, _ in planned)
    statuses = {s for (s,) in _rows(store, "SELECT DISTINCT status FROM client_case")}
    assert statuses == {"baru", "aktif", "ditunda", "dirujuk", "selesai", "ditutup"}
    assert not _rows(
        store,
        "SELECT id FROM client_case WHERE (status IN ('selesai', 'ditutup') AND closed_on IS NULL)"
        " OR (status = 'ditutup' AND closed_reason IS NULL)"
        " OR (status NOT IN ('selesai', 'ditutup') AND closed_on IS NOT NULL)",
    )
    # The audit starts with the opening and ends at the current status.
    assert not _rows(
        store,
        "SELECT c.id FROM client_case c WHERE (SELECT to_status FROM case_status_change x "
        "WHERE x.case_id = c.id ORDER BY changed_on DESC, id DESC LIMIT 1) != c.status "
        "OR NOT EXISTS (SELECT 1 FROM case_status_change x WHERE x.case_id = c.id "
        "AND x.from_status IS NULL AND x.to_status = 'baru' AND x.changed_on = c.opened_on)",
    )
    areas = _rows(store, "SELECT case_id, count(*) FROM case_area GROUP BY case_id")
    assert all(1 <= n <= 3 for _, n in areas)
    assert len(areas) == _rows(store, "SELECT count(*) FROM client_case")[0][0]


def test_follow_ups_done_open_and_overdue(demo) -> None:
    store, _ = demo
    today = TODAY.isoformat()
    done = _rows(store, "SELECT count(*) FROM follow_up WHERE done_on IS NOT NULL")[0][0]
    overdue = _rows(
        store, f"SELECT count(*) FROM follow_up WHERE done_on IS NULL AND due_on < '{today}'"
    )[0][0]
    coming = _rows(
        store,
        "SELECT count(*) FROM follow_up WHERE done_on IS NULL "
        f"AND due_on BETWEEN '{today}' AND date('{today}', '+7 days')",
    )[0][0]
    assert done and overdue and coming
    assert not _rows(store, f"SELECT id FROM follow_up WHERE done_on > '{today}'")


def test_referrals_and_letter_numbers(demo) -> None:
    store, _ = demo
    numbers = [
        n
        for (n,) in _rows(
            store, "SELECT letter_number FROM referral WHERE letter_number IS NOT NULL"
        )
    ]
    letters = [n for (n,) in _rows(store, "SELECT number FROM issued_letter")]
    assert numbers and len(set(numbers)) == len(numbers)
    assert len(set(letters)) == len(letters)
    assert set(numbers) <= set(letters)
    assert not _rows(
        store, "SELECT id FROM referral WHERE status != 'draft' AND letter_number IS NULL"
    )
    for year, seq, number, issued_on in _rows(
        store, "SELECT year, seq, number, issued_on FROM issued_letter"
    ):
        on = date.fromisoformat(issued_on)
        assert number == format_letter_number(
            "{seq:03d}/{unit}/{roman_month}/{year}", seq=seq, on=on, unit="KB-KT"
        )
        assert on.year == year
    # The sequence continues after the demo: the next number is new.
    last = dict(_rows(store, "SELECT year, last_seq FROM letter_sequence"))
    assert (
        last[TODAY.year]
        == _rows(store, f"SELECT max(seq) FROM issued_letter WHERE year = {TODAY.year}")[0][0]
    )
    with store.session() as db:
        letter = issue_letter_number(db=db, on=TODAY)
        assert letter.seq == last[TODAY.year] + 1
        assert letter.number not in letters
        db.rollback()
    # Each referral went to an agency that handles its purpose; SPP-IRT and NIB to the
    # office of the client's own kabupaten/kota.
    fitting = {
        "kur": {"BANK-KALTENG", "BRI-PKY"},
        "halal": {"BPJPH"},
        "kurasi": {"DEKRANASDA-KT", "DISPERINDAG-KT"},
        "pembiayaan": {"OJK-KT"},
    }
    local = {"spp_irt": "kesehatan", "nib": "perizinan"}
    seen_local = set()
    for purpose, code, role, agency_kab, client_kab in _rows(
        store,
        "SELECT r.purpose, a.code, a.role, a.kabupaten_code, c.kabupaten_code FROM referral r "
        "JOIN agency a ON a.id = r.agency_id JOIN client_case k ON k.id = r.case_id "
        "JOIN client c ON c.id = k.client_id",
    ):
        if purpose in fitting:
            assert code in fitting[purpose], (purpose, code)
        if purpose in local and client_kab is not None:
            assert (role, agency_kab) == (local[purpose], client_kab), (purpose, code, client_kab)
            seen_local.add(client_kab)
    assert len(seen_local) > 1
    # No follow-up names a purpose by its code.
    texts = [t for (t,) in _rows(store, "SELECT description FROM follow_up")]
    assert not [t for t in texts if "(kur)" in t or "spp-irt)" in t or "_" in t]


def test_services_read_the_data(demo) -> None:
    store, _ = demo
    word = _rows(store, "SELECT business_name FROM client WHERE id = 1")[0][0].split()[-1]
    with store.session() as db:
        page = list_cases(db=db, limit=5, sort="-last_activity")
        assert len(page.rows) == 5
        activity = [row.last_activity_on for row in page.rows]
        assert activity == sorted(activity, reverse=True)
        found = list_clients(db=db, search=word)
        assert found.rows
        assert count_clients(db=db, search=word) >= len(found.rows)
        record = client_record(db=db, client_id=page.rows[0].client_id)
        assert record.cases and record.size_history
        detail = case_detail(db=db, case_id=page.rows[0].id)
        assert detail.sessions


def test_database_is_sound(demo) -> None:
    store, _ = demo
    assert _rows(store, "PRAGMA foreign_key_check") == []
    assert _rows(store, "PRAGMA integrity_check") == [("ok",)]


def test_appending_to_a_store_keeps_everything_unique(tmp_path: Path) -> None:
    store = _store(tmp_path / "twice.sqlite3")
    try:
        first = generate_demo(store, clients=60, seed=3, today=TODAY)
        second = generate_demo(store, clients=60, seed=3, today=TODAY)
        assert first["client"] == second["client"] == 60
        for table in ("client", "client_case", "mentoring_session", "referral"):
            total, uids = _rows(store, f"SELECT count(*), count(DISTINCT uid) FROM {table}")[0]
            assert total == uids
        niks = _rows(store, "SELECT count(nik), count(DISTINCT nik) FROM client")[0]
        assert niks[0] == niks[1]
        letters = _rows(store, "SELECT count(*), count(DISTINCT number) FROM issued_letter")[0]
        assert letters[0] == letters[1]
        assert _rows(store, "PRAGMA foreign_key_check") == []
    finally:
        store.close()


def test_bench_ratios(tmp_path: Path) -> None:
    store = _store(tmp_path / "bench.sqlite3")
    try:
        counts = generate_bench_store(
            store, clients=200, cases=500, sessions=1000, seed=2, today=TODAY
        )
        assert counts["client"] == 200
        assert abs(counts["client_case"] - 500) <= 50
        assert abs(counts["mentoring_session"] - 1000) <= 100
    finally:
        store.close()
