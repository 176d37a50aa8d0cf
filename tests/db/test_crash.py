"""Crashes and a second program, the way SQLite tests itself: real processes, real SIGKILL.

- A writer logging sessions through the services is killed at random moments, again and
  again on the same file; after every kill each session it reported as saved is there and
  ``integrity_check`` is ok.
- A write while another program holds the write lock waits, then fails with a clear message
  (exit status 1, no traceback) and changes nothing; a restore while the store is open
  elsewhere is refused.
- A backup killed halfway leaves no partial file under a backup's name; the next succeeds.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from klinik import paths
from klinik.cli import main
from klinik.db import backup
from klinik.db.engine import open_store
from klinik.errors import StoreInUse
from klinik.services import cases, clients, consultants

pytestmark = [
    pytest.mark.skipif(
        not paths.database_url().startswith("sqlite"), reason="SQLite file store only"
    ),
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
]

KILL_POINTS = 60
MAX_DELAY_S = 0.06  # after the writer's first commit: the kill lands among its commits
WHILE_OPENING = 0.2  # share of kill points timed from the start instead: while opening

# Imports Klinik once, then forks one writer per kill point (a fresh process costs half a
# second of imports). Each writer opens the store with open_store and logs sessions through
# the services, one committed transaction each, printing the id after the commit returned.
_WRITERS = r"""
import os, sys
from datetime import date
from klinik.db.engine import open_store
from klinik.services.sessions import log_session

case_id = int(sys.argv[1])


def write():
    store = open_store()
    n = 0
    while True:
        with store.session() as db:
            record = log_session(
                db=db, case_id=case_id, held_on=date(2026, 11, 27), minutes=30,
                summary=f"Sesi {n}: pembukuan sederhana dan harga pokok produksi.",
            )
        print(record.id, flush=True)
        n += 1


for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            write()
        finally:
            os._exit(3)
    print("pid", pid, flush=True)
    _, status = os.waitpid(pid, 0)
    print("end", status, flush=True)
"""


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "KLINIK_DATA_DIR": str(paths.data_dir()), **extra}


def _case(store) -> int:
    with store.session() as db:
        person = consultants.create_consultant(db=db, name="Siti Rahmawati")
        client = clients.create_client(db=db, business_name="Kerupuk Basah Sampit")
        case = cases.open_case(
            db=db, client_id=client.id, title="Pembukuan", consultant_id=person.id,
            opened_on=date(2026, 11, 1),
        )  # fmt: skip
        return case.id


def _integrity(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "; ".join(r[0] for r in con.execute("PRAGMA integrity_check"))
    finally:
        con.close()


def test_sessions_reported_saved_survive_sigkill_at_random_moments(store, capsys):
    case_id = _case(store)
    store.close()
    path = paths.database_path()
    rng = random.Random(int(os.environ.get("KLINIK_CRASH_SEED", "20261127")))
    writers = subprocess.Popen(
        [sys.executable, "-c", _WRITERS, str(case_id)], env=_env(), text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    reported: set[int] = set()
    before_first_write = while_opening = 0
    started = time.monotonic()
    try:
        for point in range(KILL_POINTS):
            writers.stdin.write("go\n")
            writers.stdin.flush()
            word, pid = writers.stdout.readline().split()
            assert word == "pid", writers.stderr.read()
            ids: set[int] = set()
            if rng.random() < WHILE_OPENING:
                time.sleep(rng.uniform(0, 0.05))
                while_opening += 1
            else:
                first = writers.stdout.readline()
                assert first.strip().isdigit(), first + writers.stderr.read()
                ids.add(int(first))
                time.sleep(rng.uniform(0, MAX_DELAY_S))
            os.kill(int(pid), signal.SIGKILL)
            while (line := writers.stdout.readline()) and "end" not in line:
                ids.add(int(line))
            # A kill in the middle of a print leaves a piece of an id before "end": that id
            # was never fully reported, so it is not counted.
            line = line[line.index("end") :] if "end" in line else line
            assert line.split() == ["end", str(signal.SIGKILL)], f"writer ended: {line!r}"
            before_first_write += not ids
            reported |= ids

            reopened = open_store()  # checks the store left with its log, as Klinik does
            with reopened.engine.connect() as conn:
                present = {r[0] for r in conn.exec_driver_sql("SELECT id FROM mentoring_session")}
            reopened.close()
            missing = sorted(reported - present)
            assert not missing, f"kill point {point}: saved sessions lost: {missing[:10]}"
            assert _integrity(path) == "ok", f"kill point {point}"
    finally:
        writers.kill()
        writers.communicate()
    seconds = time.monotonic() - started
    assert len(reported) > KILL_POINTS, "the writers hardly wrote: the kills were too early"
    with capsys.disabled():
        print(
            f"\ncrash test: {KILL_POINTS} kill points ({while_opening} timed while opening, "
            f"{before_first_write} before the first commit), {len(reported)} session ids "
            f"reported saved, {len(present)} in the store, all {len(reported)} verified, "
            f"integrity_check ok after every kill, {seconds:.1f} s"
        )


_HOLD_WRITE_LOCK = r"""
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
con.execute("INSERT INTO setting (key, value, updated_at) VALUES ('holder', 'x', '2026')")
print("locked", flush=True)
sys.stdin.readline()
con.execute("ROLLBACK")
"""

_KEEP_OPEN = r"""
import sys
from klinik.db.engine import open_store
from klinik.services.clients import list_clients
store = open_store()
with store.session() as db:
    list_clients(db=db)
print("open", flush=True)
sys.stdin.readline()
store.close()
"""


def _holder(script: str, *args: str) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args], env=_env(), text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    line = child.stdout.readline()
    assert line.strip() in {"locked", "open"}, child.stderr.read()
    return child


def _release(child: subprocess.Popen) -> None:
    child.stdin.write("\n")
    child.stdin.flush()
    child.wait(timeout=10)


def test_a_write_while_another_program_holds_the_lock_gets_a_clear_message(store, monkeypatch):
    store.close()
    path = paths.database_path()
    holder = _holder(_HOLD_WRITE_LOCK, str(path))
    try:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "klinik", "add", "client", "--business-name", "Rotan Kasongan"],
            env=_env(KLINIK_BUSY_TIMEOUT_MS="300"), capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert result.returncode == 1
        assert "Basis data sedang dipakai" in result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout == ""
        assert time.monotonic() - started < 5

        monkeypatch.setenv("KLINIK_BUSY_TIMEOUT_MS", "200")
        mine = open_store()  # reading is not blocked; the write is
        with pytest.raises(StoreInUse, match="sedang dipakai"), mine.session() as db:
            clients.create_client(db=db, business_name="Rotan Kasongan")
        mine.close()
    finally:
        _release(holder)
    assert _integrity(path) == "ok"
    again = open_store()
    with again.session() as db:
        assert clients.list_clients(db=db).rows == []
        clients.create_client(db=db, business_name="Rotan Kasongan")
    with again.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM setting WHERE key='holder'").scalar() == 0
    again.close()


def test_restore_is_refused_while_the_store_is_open_in_another_program(store, capsys):
    with store.session() as db:
        clients.create_client(db=db, business_name="Sebelum")
    saved = backup.make_backup()
    with store.session() as db:
        clients.create_client(db=db, business_name="Sesudah")
    store.close()
    path = paths.database_path()
    window = _holder(_KEEP_OPEN)
    try:
        before = path.read_bytes()
        assert main(["restore", str(saved)]) == 1
        err = capsys.readouterr().err
        assert "sedang dipakai" in err and "Traceback" not in err
        assert path.read_bytes() == before
        assert not list(path.parent.glob("klinik.sqlite3.rusak-*"))
    finally:
        _release(window)
    assert main(["restore", str(saved)]) == 0


_BACKUP = r"""
from klinik.cli import main
raise SystemExit(main(["backup"]))
"""


def _grow(path: Path, rows: int = 250_000) -> None:
    """About 100 MB of settings, written by SQLite itself, so a backup takes a while."""
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO setting (key, value, updated_at) WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL "
        f"SELECT x + 1 FROM n WHERE x < {rows}) SELECT 'isi-' || x, hex(randomblob(150)), "
        "'2026-11-27' FROM n"
    )
    con.commit()
    con.close()


def test_a_backup_killed_halfway_leaves_no_partial_backup(store):
    store.close()
    path = paths.database_path()
    _grow(path)
    folder = paths.backups_dir()
    child = subprocess.Popen(
        [sys.executable, "-c", _BACKUP], env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    temps: list[Path] = []
    while time.monotonic() < deadline and child.poll() is None:
        temps = [p for p in folder.glob(".klinik-*.tmp") if p.stat().st_size > 0]
        if temps:
            time.sleep(0.02)
            break
        time.sleep(0.002)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL, "the backup finished before it was killed"
    assert temps, "no temporary copy was seen"
    left = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert all(name.startswith(".") for name in left), left  # nothing under a backup's name
    assert backup.list_backups() == []
    assert backup.newest_good_backup({"0001"}) is None
    assert _integrity(path) == "ok"

    fresh = backup.make_backup()  # a recent leftover may be another backup still running
    assert temps[0].exists()
    assert backup.check_file(fresh).ok
    assert [b.path for b in backup.list_backups()] == [fresh]

    old = time.time() - backup.STALE_TEMP_SECONDS - 60
    for leftover in folder.glob(".klinik-*"):
        os.utime(leftover, (old, old))
    second = backup.make_backup()
    assert not list(folder.glob(".klinik-*")), "the killed backup's leftovers stay"
    assert backup.check_file(second).ok
