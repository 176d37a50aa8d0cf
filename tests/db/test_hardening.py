"""The store where it can go wrong: emptied by a sync client, replaced by a folder or a link,
cut by one byte, on a full or read-only disk, or erased while the disk was full. Each gets the
right diagnosis and a message the user can act on, and no good copy is thrown away."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from klinik import paths
from klinik.cli import main
from klinik.db import backup
from klinik.db.engine import open_store
from klinik.errors import EmptyStore, KnownError, Refusal
from klinik.services import cases, clients, privacy, sessions

pytestmark = pytest.mark.skipif(
    not paths.database_url().startswith("sqlite"), reason="SQLite file store only"
)


def _fill(store, n_clients: int = 50) -> None:
    with store.session() as db:
        for i in range(n_clients):
            client = clients.create_client(db=db, business_name=f"Amplang Ani {i:03d}")
            if i < 5:
                case = cases.open_case(db=db, client_id=client.id, title="SPP-IRT")
                sessions.log_session(db=db, case_id=case.id, minutes=60, summary="Label")


@pytest.fixture
def clinic(store):
    """A clinic's store of 50 clients with a backup of it; the store is closed afterwards."""
    _fill(store)
    made = backup.make_backup(now=datetime.now() - timedelta(hours=2))
    store.close()
    return made


# --- an emptied store -----------------------------------------------------------------------


def test_an_emptied_store_is_not_set_up_over_backups_that_hold_data(clinic, capsys):
    store_file = paths.database_path()
    store_file.write_bytes(b"")  # what a cloud-sync client or a cut copy leaves
    with pytest.raises(EmptyStore) as caught:
        open_store()
    assert caught.value.backup.path == clinic and caught.value.backup.clients == 50
    assert store_file.stat().st_size == 0  # nothing was created over it

    assert main(["info"]) == 1
    err = capsys.readouterr().err
    assert "kosong" in err and "50 klien" in err and f'restore "{clinic}"' in err
    assert main(["backup"]) == 1  # no backup of the empty store
    capsys.readouterr()
    assert [b.path for b in backup.list_backups()] == [clinic]

    assert main(["restore", str(clinic)]) == 0
    with open_store().session() as db:
        assert clients.count_clients(db=db) == 50


def test_a_store_without_klinik_tables_is_offered_the_backup(clinic):
    store_file = paths.database_path()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store_file}{suffix}").unlink(missing_ok=True)
    sqlite3.connect(store_file).execute("PRAGMA user_version=0").connection.close()
    con = sqlite3.connect(store_file)
    con.execute("VACUUM")  # a valid SQLite file with no table at all
    con.close()
    with pytest.raises(EmptyStore, match="tidak berisi skema Klinik"):
        open_store()


def test_an_empty_file_with_no_backup_is_a_first_start(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    paths.database_path().write_bytes(b"")
    store = open_store()
    with store.session() as db:
        assert clients.count_clients(db=db) == 0
    store.close()


def test_a_much_smaller_backup_is_kept_apart_and_the_full_one_stays(clinic, capsys):
    store_file = paths.database_path()
    store_file.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        Path(f"{store_file}{suffix}").unlink(missing_ok=True)
    # Simulate the old behaviour: the empty file became a new empty store.
    os.remove(store_file)
    open_store().close()
    made = backup.make_backup()  # same day as the full one: thinning keeps one per day
    assert made.parent.name == "menyusut"
    assert [b.path for b in backup.list_backups()] == [clinic]  # the 50 clients stay
    note = backup.shrink_note(made)
    assert "0 klien" in note and "50 klien" in note and f'restore "{clinic}"' in note

    assert [b.path for b in backup.list_backups()] == [clinic]

    assert main(["backup"]) == 0
    out = capsys.readouterr()
    assert "menyusut" in out.out and "jauh lebih sedikit" in out.err
    assert [b.path for b in backup.list_backups()] == [clinic]

    accepted = backup.make_backup(accept_smaller=True, now=datetime.now() + timedelta(days=1))
    assert accepted.parent == paths.backups_dir()


# --- what stands where the store should be --------------------------------------------------


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.mkdir(), "adalah folder"),
        (lambda p: p.symlink_to(p.parent / "usb" / "klinik.sqlite3"), "tidak ada"),
        (lambda p: p.symlink_to(p), "berputar"),
    ],
    ids=["folder", "dangling-link", "link-loop"],
)
def test_a_folder_or_a_broken_link_in_place_of_the_store(data_dir, capsys, make, words):
    data_dir.mkdir(parents=True, exist_ok=True)
    make(paths.database_path())
    with pytest.raises(KnownError, match=words):
        open_store()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert words in out and "Semua baik" not in out
    assert not (data_dir / "usb").exists()  # nothing created at the link's target


def test_check_finds_a_store_cut_by_one_byte(clinic, capsys):
    store_file = paths.database_path()
    data = store_file.read_bytes()
    store_file.write_bytes(data[:-1])
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "terpotong" in out and "Semua baik" not in out


# --- full and read-only disks ---------------------------------------------------------------


def _run(args: list[str], data: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, KLINIK_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    env.pop("KLINIK_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "klinik", *args], env=env, capture_output=True, text=True
    )


@pytest.fixture
def small_data_dir(small_fs):
    """A data folder on a 3 MiB file system of its own (tmpfs)."""
    return small_fs("3m")


def _fill_disk(folder: Path, leave: int) -> Path:
    """Take all the free space of ``folder``'s file system but ``leave`` bytes."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    filler = folder / "pengisi.bin"
    with filler.open("wb") as f:
        f.write(b"\0" * max(0, free - leave))
    return filler


def test_a_full_disk_prints_no_id_and_says_so(small_data_dir):
    data = small_data_dir / "Klinik"
    assert _run(["add", "client", "--business-name", "Amplang Pertama"], data).returncode == 0
    _fill_disk(small_data_dir, 0)
    result = _run(["add", "client", "--business-name", "Amplang Kedua", "--notes", "x" * 19_000],
                  data)  # fmt: skip
    assert result.returncode == 1
    assert result.stdout.strip() == ""  # no id for a client that does not exist
    assert "Disk penuh" in result.stderr and str(data) in result.stderr
    assert "rusak" not in result.stderr and "Traceback" not in result.stderr
    (small_data_dir / "pengisi.bin").unlink()
    listed = _run(["list", "clients", "--json"], data)
    assert '"Amplang Pertama"' in listed.stdout and "Amplang Kedua" not in listed.stdout


def test_an_erasure_whose_rewrite_failed_is_finished_when_asked_again(small_data_dir):
    data = small_data_dir / "Klinik"
    nik = "6271054508900001"
    paths.set_data_dir(data)
    store = open_store()
    with store.session() as db:
        clients.create_client(db=db, business_name="Kerupuk Ikan Haruan", nik=nik,
                              notes="Catatan pribadi " * 1000)  # fmt: skip
        for i in range(40):  # enough pages that the rewrite needs more room than is left
            clients.create_client(db=db, business_name=f"Rotan {i}", notes="r" * 19_000)
    store.close()
    paths.set_data_dir(None)
    store_file = data / "klinik.sqlite3"
    filler = _fill_disk(small_data_dir, 700_000)
    first = _run(["erase", "1", "--yes"], data)
    if first.returncode == 0:
        pytest.skip("the rewrite fitted in the space left; the disk could not be made full")
    assert first.returncode == 1, first.stderr
    assert "Disk penuh" in first.stderr and "klinik erase 1 --yes" in first.stderr
    assert "Traceback" not in first.stderr
    filler.unlink()
    second = _run(["erase", "1", "--yes"], data)
    assert second.returncode == 0, second.stderr
    assert "diselesaikan" in second.stdout and "sudah dihapus" not in second.stderr
    wal = Path(f"{store_file}-wal")
    content = store_file.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert nik.encode() not in content and b"Catatan pribadi" not in content
    again = _run(["erase", "1", "--yes"], data)
    assert again.returncode != 0 and "sudah dihapus" in again.stderr


def test_a_read_only_data_folder_is_named_not_called_damaged(clinic, make_read_only):
    data = make_read_only(paths.data_dir())
    result = _run(["add", "client", "--business-name", "Amplang Baru"], data)
    assert result.returncode == 1
    assert result.stdout.strip() == ""
    assert "hanya bisa dibaca" in result.stderr or "read-only" in result.stderr
    assert str(data) in result.stderr
    assert "rusak" not in result.stderr and "Traceback" not in result.stderr


# --- copies that hold erased data -----------------------------------------------------------


def test_every_copy_of_the_store_falls_under_retention(clinic):
    now = datetime.now()
    old = now - timedelta(days=400)
    stamp = f"{old:%Y%m%d-%H%M%S}"
    folder, backups = paths.data_dir(), paths.backups_dir()
    kept_before_restore = backups / f"sebelum-pemulihan-{stamp}.sqlite3"
    damaged = folder / f"klinik.sqlite3.rusak-{stamp}"
    damaged_wal = folder / f"klinik.sqlite3.rusak-{stamp}-wal"
    hand_copy = folder / "salinan klinik.sqlite3"
    for copy in (kept_before_restore, damaged, hand_copy):
        copy.write_bytes(clinic.read_bytes())
    damaged_wal.write_bytes(b"log")
    os.utime(hand_copy, (old.timestamp(), old.timestamp()))
    recent = backups / f"sebelum-pemulihan-{now:%Y%m%d-%H%M%S}.sqlite3"
    recent.write_bytes(clinic.read_bytes())
    stale = [
        folder / ".klinik.sqlite3.restore.tmp",
        backups / f".sebelum-pemulihan-{stamp}.sqlite3.99.tmp",
    ]  # noqa: E501
    for temp in stale:
        temp.write_bytes(b"half")
        os.utime(temp, (old.timestamp(), old.timestamp()))

    removed = backup.thin_backups(now=now, retention_days=365)
    for gone in (kept_before_restore, damaged, damaged_wal, hand_copy, *stale):
        assert not gone.exists() and gone in removed
    assert recent.exists() and clinic.exists() and paths.database_path().exists()


# --- files only the user can read -----------------------------------------------------------


def test_the_store_backups_and_logs_are_private(clinic):
    folder = paths.data_dir()
    assert _run(["add", "client", "--business-name", "Madu Kelulut"], folder).returncode == 0
    assert _run(["backup"], folder).returncode == 0
    mode = stat.S_IMODE
    assert mode(folder.stat().st_mode) == 0o700
    for name in ("klinik.sqlite3", "klinik.sqlite3-wal", "logs/klinik.log"):
        assert mode((folder / name).stat().st_mode) == 0o600, name
    assert mode(paths.backups_dir().stat().st_mode) == 0o700
    for made in paths.backups_dir().glob("*.sqlite3"):
        assert mode(made.stat().st_mode) == 0o600, made


def test_the_window_key_is_the_resolved_file(data_dir, monkeypatch):
    pytest.importorskip("PySide6")
    from klinik.ui.single_instance import server_name

    default = server_name()
    folder = str(paths.database_path().parent)
    doubled = f"sqlite:///{folder}//klinik.sqlite3"
    monkeypatch.setenv("KLINIK_DATABASE_URL", doubled)
    assert server_name() == default
    link = data_dir.parent / "tautan"
    link.symlink_to(data_dir)
    monkeypatch.setenv("KLINIK_DATABASE_URL", f"sqlite:///{link}/klinik.sqlite3")
    assert server_name() == default


def test_erasing_records_the_purge_until_it_is_done(store):
    with store.session() as db:
        client = clients.create_client(db=db, business_name="Batik Benang Bintik")
    with store.session() as db:
        privacy.erase_client(db=db, client_id=client.id)
    with store.session() as db:
        assert privacy.purge_pending(db=db) == [client.id]
    result = privacy.erase_and_purge(store=store, client_id=client.id)
    assert result.finished_earlier
    with store.session() as db:
        assert privacy.purge_pending(db=db) == []
    with pytest.raises(Refusal, match="sudah dihapus"):
        privacy.erase_and_purge(store=store, client_id=client.id)
    assert date.today()  # the client stays, anonymous, for the report counts


def _sqlite_error(tmp_path: Path, how: str) -> sqlite3.Error:
    path = tmp_path / "klinik.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x TEXT)")
    con.commit()
    con.close()
    try:
        if how == "readonly":
            ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            ro.execute("INSERT INTO t VALUES ('x')")
        elif how == "full":
            full = sqlite3.connect(path)
            full.execute("PRAGMA max_page_count=2")
            full.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
        else:
            bad = sqlite3.connect(path)
            bad.execute("SELECT kolom_tidak_ada FROM t")
    except sqlite3.Error as exc:
        return exc
    raise AssertionError("no error")


@pytest.mark.parametrize(
    ("how", "kind", "words"),
    [("readonly", "StoreReadOnly", "hanya bisa dibaca"), ("full", "StoreFull", "Disk penuh")],
)
def test_real_sqlite_errors_are_named_with_the_folder(tmp_path, how, kind, words):
    from klinik.errors import known_sqlite_error

    exc = _sqlite_error(tmp_path, how)
    known = known_sqlite_error(exc, path=tmp_path / "klinik.sqlite3")
    assert type(known).__name__ == kind
    assert words in str(known) and str(tmp_path) in str(known) and "rusak" not in str(known)


def test_a_wrong_query_is_a_bug_not_a_known_problem(tmp_path):
    from klinik.errors import known_sqlite_error

    assert known_sqlite_error(_sqlite_error(tmp_path, "bug"), path=tmp_path / "x") is None
