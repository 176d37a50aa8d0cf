"""A damaged store is recognised at opening, never changed, and the newest good backup offered.

Damage is made the way it happens: garbage in place of the file, a file cut short (half, and
not a whole number of pages), bytes overwritten inside a data page of a table, a damaged
file left with its write-ahead log after a crash. A database of a newer Klinik is refused
without a byte changed.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from klinik import paths
from klinik.cli import main
from klinik.db import backup
from klinik.db import engine as engine_mod
from klinik.db.engine import open_store
from klinik.errors import DamagedStore, KnownError
from klinik.services import cases, clients, consultants, sessions

pytestmark = pytest.mark.skipif(
    not paths.database_url().startswith("sqlite"), reason="SQLite file store only"
)

SESSIONS = 300  # enough for the session table to span several pages


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill(store, n_sessions: int = SESSIONS) -> None:
    with store.session() as db:
        person = consultants.create_consultant(db=db, name="Siti Rahmawati")
        client = clients.create_client(db=db, business_name="Madu Kelulut Lemo")
        case = cases.open_case(
            db=db, client_id=client.id, title="Izin edar", consultant_id=person.id,
            opened_on=date(2026, 1, 5),
        )  # fmt: skip
        for i in range(n_sessions):
            sessions.log_session(
                db=db, case_id=case.id, held_on=date(2026, 1, 6) + timedelta(days=i % 300),
                minutes=60, summary=f"Sesi {i}: label, harga pokok, dan foto produk dibahas.",
            )  # fmt: skip


@pytest.fixture
def saved(store) -> backup.BackupInfo:
    """A store with data and a good backup of it; the store is closed afterwards."""
    _fill(store)
    backup.make_backup(now=datetime(2026, 11, 27, 8, 30))
    store.close()
    [info] = backup.list_backups()
    return info


def _leaf_pages(path: Path, table: str) -> list[int]:
    """The leaf pages of a table's b-tree, in order (read from the file itself)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # leaves a log where it is
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = path.read_bytes()

    def walk(page: int) -> list[int]:
        start = (page - 1) * page_size
        header = start + (100 if page == 1 else 0)
        kind = data[header]
        if kind == 0x0D:
            return [page]
        assert kind == 0x05, kind
        cells = int.from_bytes(data[header + 3 : header + 5], "big")
        children = []
        for i in range(cells):
            pointer = int.from_bytes(data[header + 12 + 2 * i : header + 14 + 2 * i], "big")
            children.append(int.from_bytes(data[start + pointer : start + pointer + 4], "big"))
        children.append(int.from_bytes(data[header + 8 : header + 12], "big"))
        return [leaf for child in children for leaf in walk(child)]

    return walk(root)


def _flip_a_data_page(path: Path, table: str = "mentoring_session") -> int:
    """Overwrite 64 bytes of records in the middle leaf page of ``table``; returns the page."""
    leaves = _leaf_pages(path, table)
    assert len(leaves) >= 3, "the table should span several pages"
    page = leaves[len(leaves) // 2]
    page_size = 4096
    data = bytearray(path.read_bytes())
    start = (page - 1) * page_size
    content = int.from_bytes(data[start + 5 : start + 7], "big")  # first record's offset
    data[start + content : start + content + 64] = bytes(
        b ^ 0xFF for b in data[start + content : start + content + 64]
    )
    path.write_bytes(bytes(data))
    return page


def _expect_damaged(saved_info) -> DamagedStore:
    path = paths.database_path()
    before = _digest(path)
    with pytest.raises(DamagedStore) as caught:
        open_store()
    exc = caught.value
    assert exc.path == path
    assert exc.backup is not None and exc.backup.path == saved_info.path
    assert _digest(path) == before, "opening changed the damaged file"
    message = str(exc)
    assert "rusak" in message
    assert "27/11/2026 08:30" in message
    assert f'klinik restore "{saved_info.path}"' in message
    assert f"1 klien, 1 kasus, {SESSIONS} sesi" in message
    return exc


def test_garbage_in_place_of_the_store(saved):
    paths.database_path().write_bytes(os.urandom(64 * 1024))
    exc = _expect_damaged(saved)
    assert "bukan berkas basis data SQLite" in exc.reason


@pytest.mark.parametrize("cut", ["half", "odd"])
def test_a_store_cut_short(saved, cut):
    path = paths.database_path()
    size = path.stat().st_size
    assert size > 20 * 4096
    keep = (size // 4096 // 2) * 4096 if cut == "half" else size // 2 + 1234
    with path.open("r+b") as f:
        f.truncate(keep)
    exc = _expect_damaged(saved)
    assert "terpotong" in exc.reason


def test_a_truncated_store_is_caught_by_its_header_even_when_too_big_to_check(saved, monkeypatch):
    monkeypatch.setattr(engine_mod, "QUICK_CHECK_MAX_BYTES", 0)  # as for a 1.5 GB store
    path = paths.database_path()
    with path.open("r+b") as f:
        f.truncate((path.stat().st_size // 4096 - 3) * 4096)
    _expect_damaged(saved)


def test_bytes_overwritten_in_a_table_page_are_found_at_opening_and_by_check(saved, capsys):
    path = paths.database_path()
    page = _flip_a_data_page(path)
    assert page > 2
    exc = _expect_damaged(saved)
    assert "integritas" in exc.reason
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "Ada masalah" in out and "Integritas : ok" not in out


def test_a_big_store_skips_the_full_check_at_opening_but_check_finds_the_damage(
    saved, monkeypatch, capsys
):
    monkeypatch.setattr(engine_mod, "QUICK_CHECK_MAX_BYTES", 0)
    _flip_a_data_page(paths.database_path())
    opened = open_store()  # the documented limit: only the header and size are checked
    with pytest.raises(DamagedStore, match="klinik check"), opened.session() as db:
        sessions.list_sessions(db=db, limit=1000)  # reading the page: a message
    opened.close()
    assert main(["list", "sessions", "--limit", "1000"]) == 1
    err = capsys.readouterr().err
    assert "rusak" in err and "Traceback" not in err
    assert main(["check"]) == 1
    assert "Ada masalah" in capsys.readouterr().out


_CRASH_AFTER_COMMIT = """
import os, sys
from klinik.db.engine import open_store
from klinik.services import clients
store = open_store()
with store.session() as db:
    clients.create_client(db=db, business_name="Terakhir sebelum mati")
os._exit(0)  # the log stays behind, as after a crash
"""


def test_damage_found_by_the_check_after_an_unclean_close(saved):
    path = paths.database_path()
    env = {**os.environ, "KLINIK_DATA_DIR": str(paths.data_dir())}
    subprocess.run([sys.executable, "-c", _CRASH_AFTER_COMMIT], env=env, check=True)
    assert engine_mod._wal_left_behind(path)
    _flip_a_data_page(path)
    wal = Path(f"{path}-wal")
    wal_before = _digest(wal)
    exc = _expect_damaged(saved)
    assert "tidak ditutup dengan benar" in exc.reason
    assert _digest(wal) == wal_before  # the log is neither checkpointed nor deleted


def test_the_command_line_names_the_backup_and_the_command(saved, capsys):
    paths.database_path().write_bytes(b"\x00" * 8192)
    code = main(["list", "clients"])
    _, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    assert "rusak" in err
    assert f'klinik restore "{saved.path}"' in err


def test_with_data_dir_the_command_repeats_it(saved, capsys):
    folder = paths.data_dir()
    paths.database_path().write_bytes(b"\x00" * 8192)
    assert main(["--data-dir", str(folder), "info"]) == 1
    assert f'klinik --data-dir "{folder}" restore' in capsys.readouterr().err


def test_restore_keeps_the_damaged_file_aside_with_a_timestamp(saved, capsys):
    path = paths.database_path()
    paths.database_path().write_bytes(b"rusak sekali " * 1000)
    Path(f"{path}-wal").write_bytes(b"log yang rusak")
    damaged = _digest(path)
    assert main(["restore", str(saved.path)]) == 0
    out = capsys.readouterr().out
    [aside] = path.parent.glob("klinik.sqlite3.rusak-*[0-9]")
    assert aside.name.startswith("klinik.sqlite3.rusak-")
    datetime.strptime(aside.name.removeprefix("klinik.sqlite3.rusak-"), "%Y%m%d-%H%M%S")
    assert str(aside) in out
    assert _digest(aside) == damaged
    assert Path(f"{aside}-wal").read_bytes() == b"log yang rusak"
    again = open_store()
    with again.session() as db:
        assert clients.list_clients(db=db).rows[0].business_name == "Madu Kelulut Lemo"
        assert len(sessions.list_sessions(db=db, limit=1000).rows) == SESSIONS
    again.close()


def test_the_newest_backup_that_passes_its_check_is_offered(saved):
    newer = paths.backups_dir() / "klinik-20261127-120000.sqlite3"
    newer.write_bytes(saved.path.read_bytes()[: 8 * 4096])  # a broken copy, newer
    assert backup.list_backups()[0].path == newer
    paths.database_path().write_bytes(b"\x00" * 4096)
    _expect_damaged(saved)


def test_without_a_good_backup_the_message_says_what_to_do(store):
    _fill(store, 3)
    store.close()
    broken = paths.backups_dir() / "klinik-20261127-120000.sqlite3"
    broken.write_bytes(b"bukan cadangan" * 500)
    paths.database_path().write_bytes(b"\x00" * 4096)
    with pytest.raises(DamagedStore) as caught:
        open_store()
    assert caught.value.backup is None
    message = str(caught.value)
    assert "Tidak ada cadangan yang baik" in message
    assert "Jangan hapus berkas itu" in message
    assert "klinik restore" not in message


def test_a_database_of_a_newer_klinik_is_refused_without_a_byte_changed(store, capsys):
    from sqlalchemy import text

    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_masa_depan'"))
    store.close()
    path = paths.database_path()
    files = [p for p in path.parent.iterdir() if p.name.startswith("klinik.sqlite3")]
    before = {p: _digest(p) for p in files}
    with pytest.raises(KnownError, match="versi Klinik yang lebih baru") as caught:
        open_store()
    assert not isinstance(caught.value, DamagedStore)
    assert main(["info"]) == 1
    assert "lebih baru" in capsys.readouterr().err
    assert {p: _digest(p) for p in files} == before
    assert not list(paths.backups_dir().glob("pre-upgrade/*"))


def test_a_healthy_store_is_checked_in_full_only_while_small(store, monkeypatch):
    store.close()
    checked = []
    real = engine_mod._quick_check
    monkeypatch.setattr(
        engine_mod, "_quick_check", lambda *a, **k: checked.append(1) or real(*a, **k)
    )
    open_store().close()
    assert checked == [1]
    monkeypatch.setattr(engine_mod, "QUICK_CHECK_MAX_BYTES", 0)
    open_store().close()
    assert checked == [1]


def test_restore_keeps_a_store_with_a_damaged_page_aside(saved, capsys):
    path = paths.database_path()
    _flip_a_data_page(path)
    damaged = _digest(path)
    assert main(["restore", str(saved.path)]) == 0
    [aside] = path.parent.glob("klinik.sqlite3.rusak-*[0-9]")
    assert _digest(aside) == damaged
    assert not list(paths.backups_dir().glob("sebelum-pemulihan-*"))  # its copy failed the check
    assert backup.check_file(path).ok


def test_a_big_store_after_an_unclean_close_gets_the_light_check_only(saved, monkeypatch):
    """Past QUICK_CHECK_MAX_BYTES an unclean close costs a light check (schema, both ends of
    each table), not a quick_check of the whole file; damage it cannot see is left to
    ``klinik check`` and the backups' integrity_check."""
    monkeypatch.setattr(engine_mod, "QUICK_CHECK_MAX_BYTES", 0)
    path = paths.database_path()
    env = {**os.environ, "KLINIK_DATA_DIR": str(paths.data_dir())}
    subprocess.run([sys.executable, "-c", _CRASH_AFTER_COMMIT], env=env, check=True)
    assert engine_mod._wal_left_behind(path)
    full = []
    real = engine_mod._quick_check
    monkeypatch.setattr(engine_mod, "_quick_check", lambda *a, **k: full.append(1) or real(*a, **k))
    opened = open_store()
    with opened.session() as db:
        assert clients.list_clients(db=db, search="Terakhir").rows  # the log's commit is there
    opened.close()
    assert full == []
    assert engine_mod._light_check(path) == "ok"


def test_the_light_check_finds_a_damaged_schema(saved):
    path = paths.database_path()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # page 1: sqlite_master's root
    path.write_bytes(bytes(data))
    assert engine_mod._light_check(path) != "ok"
