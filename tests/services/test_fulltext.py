"""Full-text search (issue 13): the FTS5 trigram indexes behind the Sesi, Kasus and Klien
searches find what LIKE found, keep in step with every change, never choke on the user's
text, and forget erased personal data."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from klinik.db.models import MentoringSession
from klinik.services import cases, clients, fulltext, privacy, sessions

pytestmark = pytest.mark.skipif(
    __import__("os").environ.get("KLINIK_TEST_DATABASE_URL") is not None,
    reason="the FTS5 indexes are SQLite's",
)

NOTES = {
    "s1": "Membahas pengemasan madu kelulut untuk toko oleh-oleh di Palangka Raya.",
    "s2": "Menyusun proyeksi arus kas 12 bulan untuk pengajuan KUR.",
    "s3": "Uji rasa Kue ÉCLAIR pandan dan harga jual 50% di atas HPP.",
}


@pytest.fixture
def world(db):
    ani = clients.create_client(db=db, business_name="UD Madu Hutan Ani", products="madu")
    budi = clients.create_client(db=db, business_name="Amplang Pak Budi", products="amplang")
    case_ani = cases.open_case(
        db=db, client_id=ani.id, title="Sertifikasi halal madu kelulut", opened_on="2024-01-10"
    )
    case_budi = cases.open_case(
        db=db, client_id=budi.id, title="Akses KUR modal kerja", opened_on="2024-01-11"
    )
    made = {"ani": ani, "budi": budi, "case_ani": case_ani, "case_budi": case_budi}
    for n, (key, note) in enumerate(NOTES.items()):
        made[key] = sessions.log_session(
            db=db,
            case_id=(case_ani if key == "s1" else case_budi).id,
            held_on=f"2024-02-0{n + 1}",
            summary=note,
        )
    db.flush()
    return made


def session_ids(db, search, **kw):
    return [r.id for r in sessions.list_sessions(db=db, search=search, sort="id", **kw).rows]


def case_ids(db, search):
    return [r.id for r in cases.list_cases(db=db, search=search, sort="id").rows]


def client_ids(db, search):
    return [r.id for r in clients.list_clients(db=db, search=search, sort="id").rows]


@pytest.fixture(params=["rare", "common"])
def shape(request, monkeypatch):
    """Both ways a word joins the query: driving it (rare) or checked row by row (common)."""
    if request.param == "common":
        monkeypatch.setattr(fulltext, "DENSE_ROWS", 1)
    return request.param


def test_a_word_in_the_middle_of_a_note_finds_the_session(db, world, shape):
    w = world
    assert session_ids(db, "kelulut") == [w["s1"].id]
    assert session_ids(db, "proyeksi") == [w["s2"].id]
    assert sessions.count_sessions(db=db, search="proyeksi") == 1
    assert case_ids(db, "halal") == [w["case_ani"].id]
    assert client_ids(db, "hutan") == [w["ani"].id]


def test_parts_of_words_and_any_case(db, world, shape):
    w = world
    assert session_ids(db, "engemas") == [w["s1"].id]  # "pengemasan"
    assert session_ids(db, "KELUL") == [w["s1"].id]
    assert session_ids(db, "PrOyEk") == [w["s2"].id]
    assert session_ids(db, "éclair") == [w["s3"].id]  # case of accented letters too
    assert session_ids(db, "ÉCLAIR") == [w["s3"].id]
    assert case_ids(db, "SERTIFIKASI") == [w["case_ani"].id]
    assert client_ids(db, "AMPLA") == [w["budi"].id]


def test_accents_are_letters_of_their_own(db, world, shape):
    # As with LIKE: "eclair" is not "éclair" (the trigram tokenizer of SQLite 3.40 keeps
    # diacritics; Indonesian rarely writes them).
    assert session_ids(db, "eclair") == []


def test_the_client_text_finds_its_sessions_and_cases(db, world, shape):
    w = world
    # Every session and case of a client whose search text holds the word, as before.
    assert session_ids(db, "amplang") == [w["s2"].id, w["s3"].id]
    assert case_ids(db, "amplang") == [w["case_budi"].id]
    assert session_ids(db, "madu") == [w["s1"].id]
    assert session_ids(db, "madu kelulut") == [w["s1"].id]
    assert session_ids(db, "kelulut amplang") == []
    assert session_ids(db, "amplang harga") == [w["s3"].id]


def test_an_absent_word_finds_nothing(db, world, shape):
    assert session_ids(db, "zzqx") == []
    assert sessions.count_sessions(db=db, search="zzqx") == 0
    assert case_ids(db, "zzqx") == []
    assert cases.count_cases(db=db, search="zzqx") == 0
    assert client_ids(db, "zzqx") == []
    assert clients.count_clients(db=db, search="zzqx") == 0


def test_words_under_three_letters_keep_the_like_rule(db, world, shape):
    w = world
    assert client_ids(db, "ma") == [w["ani"].id]
    assert session_ids(db, "ma") == [w["s1"].id]
    assert session_ids(db, "12") == [w["s2"].id]
    assert session_ids(db, "ma kelulut") == [w["s1"].id]
    assert session_ids(db, "ma proyeksi") == []
    assert session_ids(db, "50%") == [w["s3"].id]
    assert session_ids(db, "%") == [w["s3"].id]


def like_reference(db, world, search):
    """What LIKE finds: every word (lower case) in the summary or the client's text."""
    words = fulltext.words(search)
    out = []
    for key in NOTES:
        record = world[key]
        client = world["ani"] if key == "s1" else world["budi"]
        texts = (record.summary.lower(), client.search_text)
        if all(any(word in t for t in texts) for word in words):
            out.append(record.id)
    return out


FTS_SYNTAX = [
    '"',
    '""',
    '"madu',
    'madu"',
    '"madu kelulut"',
    "*",
    "madu*",
    "kel*",
    "AND",
    "madu AND kelulut",
    "madu OR amplang",
    "NOT madu",
    "NEAR(madu kelulut)",
    "NEAR",
    "(madu",
    "madu)",
    "()",
    "summary:madu",
    "-madu",
    "^madu",
    "+madu",
    "madu'",
    "{summary}: madu",
    "a\\b",
    "\\",
    "oleh-oleh",
    "ÉCLAIR pandan",
]


@pytest.mark.parametrize("search", FTS_SYNTAX)
def test_fts_syntax_is_only_letters_and_never_errors(db, world, search):
    found = session_ids(db, search)
    assert found == like_reference(db, world, search)
    assert sessions.count_sessions(db=db, search=search) == len(found)
    case_ids(db, search)
    client_ids(db, search)
    assert cases.count_cases(db=db, search=search) == len(case_ids(db, search))
    assert clients.count_clients(db=db, search=search) == len(client_ids(db, search))


def test_results_keep_the_lists_order_and_paging(db, world, shape):
    w = world
    newest_first = [r.id for r in sessions.list_sessions(db=db, search="amplang").rows]
    assert newest_first == [w["s3"].id, w["s2"].id]
    page = sessions.list_sessions(db=db, search="amplang", offset=1, limit=1)
    assert [r.id for r in page.rows] == [w["s2"].id]
    exported = [r.id for part in sessions.iter_sessions(db=db, search="amplang") for r in part]
    assert exported == newest_first


def test_the_indexes_follow_inserts_updates_and_deletes(db, world):
    w = world
    record = db.get(MentoringSession, w["s2"].id)
    record.summary = "Pendampingan desain logo baru."
    db.add(record)
    db.flush()
    assert session_ids(db, "proyeksi") == []
    assert session_ids(db, "logo") == [w["s2"].id]
    clients.update_client(
        db=db, client_id=w["budi"].id, business_name="Kerupuk Pak Budi", products="kerupuk"
    )
    db.flush()
    assert client_ids(db, "kerupuk") == [w["budi"].id]
    assert client_ids(db, "amplang") == []
    db.delete(record)
    db.flush()
    assert session_ids(db, "logo") == []
    con = db.connection()
    for name in fulltext.FTS_TABLES:
        # Compares the index with its table's rows (rank 1: external content too).
        con.execute(text(f"INSERT INTO {name}({name}, rank) VALUES ('integrity-check', 1)"))


def test_the_session_search_reads_the_index_not_every_session(store, world, db):
    seen: list[tuple[str, object]] = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", remember)
    try:
        sessions.list_sessions(db=db, search="kelulut")
        sessions.count_sessions(db=db, search="kelulut")
    finally:
        event.remove(store.engine, "before_cursor_execute", remember)
    lists = [(s, p) for s, p in seen if "FROM mentoring_session" in s and "held_on" in s]
    assert lists
    raw = db.connection().connection.dbapi_connection
    for statement, parameters in lists:
        plan = [row[-1] for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)]
        scans = [p for p in plan if p.split()[:2] == ["SCAN", "mentoring_session"]]
        assert not scans, plan
        assert any("mentoring_session_fts" in p for p in plan), plan


SECRET = "Qowiyyatunnisa"  # an owner's name, in a session note, a case title and the client


def _fts_bytes(store) -> bytes:
    with store.engine.connect() as con:
        blocks = []
        for name in fulltext.FTS_TABLES:
            for shadow in ("data", "idx"):
                rows = con.execute(text(f"SELECT * FROM {name}_{shadow}")).all()
                blocks += [bytes(v) if isinstance(v, bytes) else str(v).encode() for r in rows
                           for v in r]  # fmt: skip
    return b"".join(blocks)


def test_erased_text_is_not_findable_nor_left_in_the_indexes(store):
    with store.session() as db:
        client = clients.create_client(
            db=db, business_name=f"Rengginang {SECRET}", owner_name=SECRET, products="rengginang"
        )
        case = cases.open_case(
            db=db, client_id=client.id, title=f"Label {SECRET}", opened_on="2024-01-10"
        )
        sessions.log_session(
            db=db, case_id=case.id, held_on="2024-02-01", summary=f"Bu {SECRET} minta label"
        )
        other = clients.create_client(db=db, business_name="Amplang Pak Budi")
        client_id, other_id = client.id, other.id
    trigrams = {SECRET.lower()[i : i + 3].encode() for i in range(len(SECRET) - 2)}
    before = _fts_bytes(store)
    assert any(t in before for t in trigrams)  # the test can fail
    with store.session() as db:
        assert client_ids(db, SECRET[2:9]) == [client_id]
        assert len(session_ids(db, SECRET)) == 1 and len(case_ids(db, SECRET)) == 1

    privacy.erase_and_purge(store=store, client_id=client_id)

    with store.session() as db:
        for part in (SECRET, SECRET[2:9], "wiyya"):
            assert session_ids(db, part) == []
            assert case_ids(db, part) == []
            assert client_ids(db, part) == []
        assert client_ids(db, "amplang") == [other_id]  # the rest is still found
    after = _fts_bytes(store)
    assert not [t for t in trigrams if t in after]
