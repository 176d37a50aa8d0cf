"""Backups of the SQLite store: make, list, thin, check, restore.

A backup is taken with SQLite's backup API (a consistent copy even while the store is open),
written to a temporary file, checked with ``integrity_check`` and only then moved into place.
The set is thinned to the newest per day, week and month (12 daily, 10 weekly, 9 monthly);
copies made before a schema upgrade live apart in ``pre-upgrade/`` and are never thinned.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import shutil
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

from klinik import paths
from klinik.errors import DamagedStore, KnownError, StoreInUse, known_os_error, known_sqlite_error
from klinik.files import make_private, private_dir

logger = logging.getLogger(__name__)

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
_NAME = re.compile(r"^klinik-(\d{8})-(\d{6})\.sqlite3$")
_PRE_UPGRADE = re.compile(r"^klinik-[0-9A-Za-z]+-(\d{8})-(\d{6})\.sqlite3$")
DEFAULT_RETENTION_DAYS = 365
# A temporary copy older than this was left by a backup that was killed; the next one removes it.
STALE_TEMP_SECONDS = 15 * 60
SQLITE_MAGIC = b"SQLite format 3\x00"
APART_DIR = "menyusut"  # backups with far fewer records than the one before them
SHRINK_MIN_RECORDS = 10
KEEP_APART = 10


@dataclasses.dataclass
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int
    clients: int | None
    cases: int | None
    sessions: int | None

    @property
    def counts(self) -> tuple[int | None, int | None, int | None]:
        return self.clients, self.cases, self.sessions

    @classmethod
    def of(cls, path: Path, taken_at: datetime | None = None) -> BackupInfo:
        taken = taken_at or datetime.fromtimestamp(path.stat().st_mtime)
        return cls(path, taken, path.stat().st_size, *_counts(path))


@dataclasses.dataclass
class CheckReport:
    ok: bool
    integrity: str
    foreign_key_problems: int
    schema: str | None
    messages: list[str]


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def path_problem(path: Path) -> str | None:
    """What stands where a database file should be, when it is not a file: a folder of that
    name, a link to nothing (a USB stick or network drive not attached) or a link loop."""
    if path.is_symlink():
        try:
            real = path.resolve(strict=True)
        except FileNotFoundError:
            return (
                f"{path.name} adalah tautan (symlink) ke {os.readlink(path)} yang tidak ada "
                "(disk atau folder tujuannya tidak terpasang?)"
            )
        except (RuntimeError, OSError):
            return f"{path.name} adalah tautan (symlink) yang berputar ke dirinya sendiri"
        if real.is_dir():
            return f"{path.name} menunjuk ke folder {real}, bukan berkas basis data"
        return None
    if path.is_dir():
        return f"{path.name} di {path.parent} adalah folder, bukan berkas basis data"
    if path.exists() and not path.is_file():
        return f"{path.name} bukan berkas biasa (perangkat atau pipa)"
    return None


def _wal_dirty(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    try:
        return wal.is_file() and wal.stat().st_size > 0
    except OSError:
        return False


def check_file(path: str | os.PathLike[str]) -> CheckReport:
    """The same checks as opening (what stands at the path, the header, the size against the
    header's page count), then integrity_check, foreign_key_check and the schema version."""
    path = Path(path)
    messages: list[str] = []
    problem = path_problem(path)
    if problem:
        return CheckReport(False, problem, 0, None, [f"{problem[0].upper()}{problem[1:]}."])
    if not path.is_file():
        return CheckReport(False, "tidak ada", 0, None, [f"Berkas {path} tidak ada."])
    try:
        empty = path.stat().st_size == 0
        header = None if empty else header_problem(path, wal_dirty=_wal_dirty(path))
    except OSError as exc:
        return CheckReport(False, str(exc), 0, None, [f"Berkas tidak dapat dibaca: {exc}."])
    if empty:
        return CheckReport(False, "kosong", 0, None, ["Berkas kosong (0 bita): tidak ada data."])
    if header:
        return CheckReport(False, header, 0, None, [f"Berkas rusak: {header}."])
    try:
        con = _connect_ro(path)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
            integrity = "ok" if rows == ["ok"] else "; ".join(rows[:5])
            fk = len(con.execute("PRAGMA foreign_key_check").fetchall())
            try:
                schema = con.execute("SELECT version_num FROM alembic_version").fetchone()
                schema = schema[0] if schema else None
            except (sqlite3.DatabaseError, UnicodeDecodeError):  # damaged text reads badly
                schema = None
        finally:
            con.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # A damaged schema page can put broken UTF-8 (a table's name) in SQLite's message.
        return CheckReport(False, str(exc), 0, None, [f"Berkas rusak atau bukan SQLite: {exc}."])
    if integrity != "ok":
        messages.append(f"Pemeriksaan integritas gagal: {integrity}.")
    if fk:
        messages.append(f"{fk} baris merujuk ke data yang tidak ada (foreign key).")
    if schema is None:
        messages.append("Versi skema Klinik tidak ditemukan.")
    ok = integrity == "ok" and fk == 0 and schema is not None
    return CheckReport(ok, integrity, fk, schema, messages)


def header_problem(path: Path, *, wal_dirty: bool) -> str | None:
    """Damage visible without reading the whole file: not SQLite, a broken header, a file cut
    short. Reads 100 bytes. With a write-ahead log left behind the size may legitimately lag
    behind the header (an interrupted checkpoint); quick_check runs then anyway."""
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(100)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return "bukan berkas basis data SQLite (kepala berkas tidak dikenali)"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return f"kepala berkas rusak (ukuran halaman {page_size})"
    if head[21:24] != b"\x40\x20\x20":
        return "kepala berkas rusak"
    if wal_dirty:
        return None
    if size % page_size:
        return f"berkas terpotong ({size} bita, bukan kelipatan halaman {page_size} bita)"
    pages = int.from_bytes(head[28:32], "big")
    if pages and head[24:28] == head[92:96] and size < pages * page_size:
        return f"berkas terpotong ({size // page_size} dari {pages} halaman)"
    return None


def _counts(path: Path) -> tuple[int | None, int | None, int | None]:
    try:
        con = _connect_ro(path)
        try:
            return _con_counts(con)
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None, None, None


def _con_counts(con: sqlite3.Connection) -> tuple[int | None, int | None, int | None]:
    try:
        return tuple(  # type: ignore[return-value]
            con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("client", "client_case", "mentoring_session")
        )
    except sqlite3.DatabaseError:
        return None, None, None


def _total(counts: tuple[int | None, ...]) -> int:
    return sum(c or 0 for c in counts)


def _shrank(new: tuple[int | None, ...], old: tuple[int | None, ...]) -> bool:
    """A copy with far fewer records than the newest backup before it: less than half of its
    clients, cases and sessions, when that one held at least ``SHRINK_MIN_RECORDS``. Klinik
    never deletes records (archive and erasure keep the rows), so this is an emptied or
    replaced store, not the consultant's work."""
    before = _total(old)
    return before >= SHRINK_MIN_RECORDS and _total(new) * 2 < before


def make_backup(
    *,
    source: str | os.PathLike[str] | None = None,
    target: str | os.PathLike[str] | None = None,
    now: datetime | None = None,
    thin: bool = True,
    accept_smaller: bool = False,
) -> Path:
    """Copy the store with the backup API, verify the copy, move it into place.

    A regular backup (no ``target``) with far fewer records than the newest one before it is
    kept apart in ``backups/menyusut/`` instead, so thinning never removes the last copy that
    holds the data (``shrink_note`` says so to the user); ``accept_smaller`` files it with
    the others when the data really did shrink (an import undone)."""
    source = Path(source or paths.database_path())
    if not source.is_file():
        raise KnownError(f"Basis data {source} tidak ada; tidak ada yang dicadangkan.")
    now = now or datetime.now()
    regular = target is None
    if target is None:
        target = paths.backups_dir() / f"klinik-{now:%Y%m%d-%H%M%S}.sqlite3"
    target = Path(target)
    try:
        private_dir(target.parent)
    except OSError as exc:
        raise known_os_error(exc, folder=target.parent) from exc
    remove_stale_temps()
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # one per running backup
    try:
        src = _connect_ro(source)
        dst = sqlite3.connect(temp)
        make_private(temp)
        try:
            src.backup(dst)
            # A backup is one self-contained file: no -wal beside it when it is read later.
            dst.execute("PRAGMA journal_mode=DELETE")
            result = dst.execute("PRAGMA integrity_check").fetchone()[0]
            retention = _retention_days(dst)
            counts = _con_counts(dst)
        finally:
            dst.close()
            src.close()
        if result != "ok":
            raise KnownError(f"Cadangan gagal diperiksa ({result}); cadangan lama tetap ada.")
        if regular and not accept_smaller:
            previous = list_backups()
            if previous and _shrank(counts, previous[0].counts):
                target = _apart_dir() / target.name
                private_dir(target.parent)
                logger.warning(
                    "backup %s holds far fewer records than %s; kept apart",
                    target,
                    previous[0].path,
                )
        os.replace(temp, target)
        make_private(target)
    except OSError as exc:
        raise known_os_error(exc, folder=target.parent) from exc
    except sqlite3.DatabaseError as exc:
        known = known_sqlite_error(exc, path=source)
        if known is not None and not isinstance(known, DamagedStore):
            raise known from exc
        raise KnownError(
            f"Basis data {source} tidak dapat dicadangkan ({exc}); periksa dengan 'klinik check'."
        ) from exc
    finally:
        temp.unlink(missing_ok=True)
        Path(f"{temp}-journal").unlink(missing_ok=True)
    if thin and regular:
        thin_backups(now=now, retention_days=retention)
    return target


def _apart_dir() -> Path:
    return paths.backups_dir() / APART_DIR


def shrink_note(path: Path, *, window: bool = False) -> str | None:
    """The warning for a backup kept apart because it holds far fewer records, or None; with
    ``window`` it names the menu instead of the commands."""
    path = Path(path)
    if path.parent.name != APART_DIR:
        return None
    new = BackupInfo.of(path)
    regular = list_backups()
    if not regular:
        return None
    old = regular[0]
    text = (
        f"Perhatian: basis data sekarang berisi jauh lebih sedikit data ({new.clients} klien, "
        f"{new.cases} kasus, {new.sessions} sesi) daripada cadangan {old.taken_at:%d/%m/%Y %H:%M} "
        f"({old.clients} klien, {old.cases} kasus, {old.sessions} sesi). Cadangan baru disimpan "
        f"terpisah di {path.parent}, dan cadangan lama tidak dihapus. "
    )
    if window:
        return text + (
            "Bila data hilang, pulihkan cadangan lama lewat Berkas → Pulihkan dari cadangan."
        )
    return text + (
        f'Bila data hilang, pulihkan dengan: klinik restore "{old.path}". Bila data memang '
        "dikurangi, cadangkan dengan: klinik backup --accept-smaller."
    )


def _retention_days(con: sqlite3.Connection) -> int:
    """The store's ``backup_retention_days`` setting (default when absent or unreadable)."""
    try:
        row = con.execute(
            "SELECT value FROM setting WHERE key = 'backup_retention_days'"
        ).fetchone()
        return int(json.loads(row[0])) if row else DEFAULT_RETENTION_DAYS
    except (sqlite3.Error, ValueError, TypeError):
        return DEFAULT_RETENTION_DAYS


# What killed backups and restores leave: ``.klinik-….sqlite3.PID.tmp`` (and its journal),
# ``.sebelum-pemulihan-….sqlite3.PID.tmp``, ``.klinik.sqlite3.restore.tmp``.
_TEMP_PATTERNS = (".klinik-*.sqlite3.*tmp*", ".sebelum-pemulihan-*.tmp*", ".*.restore.tmp*")


def remove_stale_temps() -> list[Path]:
    """Remove the partial copies that killed backups and restores left in the data folder and
    its backups. Recent ones may belong to a backup still running in another process and are
    left alone. Returns the files removed."""
    limit = time.time() - STALE_TEMP_SECONDS
    removed = []
    for folder in (paths.data_dir(), paths.backups_dir(), _apart_dir()):
        if not folder.is_dir():
            continue
        for pattern in _TEMP_PATTERNS:
            for path in folder.glob(pattern):
                try:
                    if path.is_file() and path.stat().st_mtime < limit:
                        path.unlink()
                        removed.append(path)
                        logger.info("removed a partial copy left behind: %s", path)
                except OSError:
                    pass
    return removed


def list_backups() -> list[BackupInfo]:
    """The regular backups, newest first, with their record counts.

    A backup being made, filed or thinned in the background may come or go while the list
    is read: one that is gone by the time it is looked at is simply not listed."""
    found = []
    for path in paths.backups_dir().iterdir():
        match = _NAME.match(path.name)
        if not match:
            continue
        taken = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue
        clients, cases, sessions = _counts(path)
        if clients is None and not path.exists():
            continue
        found.append(BackupInfo(path, taken, size, clients, cases, sessions))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def thin_backups(
    *, now: datetime | None = None, retention_days: int = DEFAULT_RETENTION_DAYS
) -> list[Path]:
    """Keep the newest backup of each of the last 12 days, 10 weeks and 9 months; remove the
    rest, and every other copy of the store older than ``retention_days`` (``other_copies``:
    pre-upgrade copies, copies kept before a restore, damaged files kept aside, backups kept
    apart), so data erased on request (UU PDP) leaves every copy within that time. Returns
    the removed files."""
    now = now or datetime.now()
    oldest = now - timedelta(days=retention_days)
    removed = remove_stale_temps()
    apart = sorted(_dated_backups(_apart_dir()), key=lambda b: b.taken_at, reverse=True)
    surplus = {b.path for b in apart[KEEP_APART:]}
    for path, taken in other_copies():
        if taken < oldest or path in surplus:
            for extra in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                if extra.exists():
                    extra.unlink(missing_ok=True)
                    removed.append(extra)
    backups = sorted(
        ((b.taken_at, b.path) for b in _dated_backups()), key=lambda item: item[0], reverse=True
    )
    keep: set[Path] = set()
    for key, limit in (
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ):
        seen: list = []
        for taken, path in backups:
            bucket = key(taken)
            if bucket not in seen:
                seen.append(bucket)
                if len(seen) <= limit:
                    keep.add(path)
    for taken, path in backups:
        if path not in keep or taken < oldest:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


_STAMP = re.compile(r"(\d{8})-(\d{6})")


def other_copies() -> list[tuple[Path, datetime]]:
    """Every copy of the store besides the regular backups, with when it was made (from the
    stamp in its name, else the file's time): ``backups/pre-upgrade/``, ``backups/menyusut/``,
    ``backups/sebelum-pemulihan-….sqlite3``, ``klinik.sqlite3.rusak-…`` and any other SQLite
    file in the data folder (a copy someone made by hand)."""
    store = paths.database_path()
    own = {store.name, f"{store.name}-wal", f"{store.name}-shm", f"{store.name}-journal"}
    found: list[Path] = []
    backups = paths.backups_dir()
    for folder in (backups / "pre-upgrade", _apart_dir()):
        if folder.is_dir():
            found += [p for p in folder.iterdir() if p.is_file() and p.suffix == ".sqlite3"]
    found += [p for p in backups.glob("*.sqlite3") if p.is_file() and not _NAME.match(p.name)]
    for path in paths.data_dir().iterdir():
        if path.name in own or path.name.startswith(".") or not path.is_file():
            continue
        if path.name.endswith(("-wal", "-shm")):
            continue  # removed with their database
        if ".rusak-" in path.name or _is_sqlite(path):
            found.append(path)
    out = []
    for path in found:
        match = _STAMP.search(path.name)
        try:
            taken = (
                datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
                if match
                else datetime.fromtimestamp(path.stat().st_mtime)
            )
        except (ValueError, OSError):
            continue
        out.append((path, taken))
    return out


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _dated_backups(folder: Path | None = None) -> list[BackupInfo]:
    out = []
    folder = folder or paths.backups_dir()
    if not folder.is_dir():
        return out
    for path in folder.iterdir():
        match = _NAME.match(path.name) or _PRE_UPGRADE.match(path.name)
        if match:
            taken = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
            out.append(BackupInfo(path, taken, 0, None, None, None))
    return out


def newest_good_backup(
    known_revisions: set[str], *, with_records: bool = False
) -> BackupInfo | None:
    """The newest regular backup that passes ``check_file`` and that this Klinik can open
    (with ``with_records``: the newest such that holds at least one client or case)."""
    for info in list_backups():
        if with_records and not _total(info.counts):
            continue
        report = check_file(info.path)
        if report.ok and report.schema in known_revisions:
            return info
        logger.warning("backup %s not usable: %s", info.path, " ".join(report.messages))
    return None


def store_in_use(path: str | os.PathLike[str]) -> bool:
    """True when another connection (another Klinik, the window, a command) has the store open.

    A connection in exclusive locking mode cannot read while any other connection holds the
    file; this one gives up at once instead of waiting. When it is the only one, closing it
    checkpoints the log as any last connection does; call it only on a file whose header is
    sound (``engine.header_problem``)."""
    path = Path(path)
    if not path.is_file():
        return False
    con = sqlite3.connect(path, timeout=0)
    try:
        con.execute("PRAGMA locking_mode=EXCLUSIVE")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return False
    except sqlite3.OperationalError as exc:
        return getattr(exc, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY
    except sqlite3.DatabaseError:
        return False  # a damaged file: whether it is open cannot be told; it is kept aside
    finally:
        con.close()


def keep_damaged_aside(path: str | os.PathLike[str], *, now: datetime | None = None) -> Path:
    """Rename a damaged store (and its -wal/-shm) to ``….rusak-YYYYmmdd-HHMMSS``: nothing is
    deleted, and SQLite still finds the log beside it if someone tries to rescue data."""
    path = Path(path)
    now = now or datetime.now()
    aside = path.with_name(f"{path.name}.rusak-{now:%Y%m%d-%H%M%S}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.rusak-{now:%Y%m%d-%H%M%S}-{n}")
    for suffix in ("-wal", "-shm"):
        extra = Path(f"{path}{suffix}")
        if extra.exists():
            os.replace(extra, f"{aside}{suffix}")
    os.replace(path, aside)
    logger.warning("damaged store kept aside as %s", aside)
    return aside


def restore_backup(
    backup: str | os.PathLike[str], *, known_revisions: set[str], now: datetime | None = None
) -> Path:
    """Replace the store with a verified backup; the current file is kept aside first.

    A healthy current store is copied (verified) to ``backups/sebelum-pemulihan-….sqlite3``;
    one whose copy fails its check (a damaged store) is renamed to ``klinik.sqlite3.rusak-…``
    beside it. Refused while another program has the store open. Call only while no
    connection to the store is open (the command line, or the window after closing its
    store). Returns where the previous store was kept."""
    backup = Path(backup)
    report = check_file(backup)
    if not report.ok:
        raise KnownError("Cadangan ini tidak bisa dipakai: " + " ".join(report.messages))
    if report.schema not in known_revisions:
        raise KnownError("Cadangan ini dibuat oleh versi Klinik yang lebih baru; perbarui Klinik.")
    target = paths.database_path()
    # Only a file with a sound header is probed: SQLite throws away the log of a file it
    # does not recognise when the probing connection closes.
    sound = target.is_file() and header_problem(target, wal_dirty=True) is None
    if sound and store_in_use(target):
        raise StoreInUse(
            f"Basis data {target} sedang dipakai oleh program lain (misalnya jendela Klinik). "
            "Tutup program itu lalu pulihkan lagi; tidak ada yang diubah."
        )
    now = now or datetime.now()
    temp = target.with_name(f".{target.name}.restore.tmp")
    try:
        shutil.copyfile(backup, temp)  # first, so a full disk changes nothing
        make_private(temp)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise known_os_error(exc, folder=target.parent) from exc
    aside = paths.backups_dir() / f"sebelum-pemulihan-{now:%Y%m%d-%H%M%S}.sqlite3"
    if target.exists():
        try:
            make_backup(source=target, target=aside, thin=False)
        except KnownError as exc:
            logger.warning("current store could not be copied (%s); keeping it aside", exc)
            aside = keep_damaged_aside(target, now=now)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(temp, target)
    return aside
