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
from klinik.errors import KnownError, StoreInUse

logger = logging.getLogger(__name__)

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
_NAME = re.compile(r"^klinik-(\d{8})-(\d{6})\.sqlite3$")
_PRE_UPGRADE = re.compile(r"^klinik-[0-9A-Za-z]+-(\d{8})-(\d{6})\.sqlite3$")
DEFAULT_RETENTION_DAYS = 365
# A temporary copy older than this was left by a backup that was killed; the next one removes it.
STALE_TEMP_SECONDS = 15 * 60


@dataclasses.dataclass
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int
    clients: int | None
    cases: int | None
    sessions: int | None


@dataclasses.dataclass
class CheckReport:
    ok: bool
    integrity: str
    foreign_key_problems: int
    schema: str | None
    messages: list[str]


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def check_file(path: str | os.PathLike[str]) -> CheckReport:
    """integrity_check, foreign_key_check and the schema version of a database file."""
    path = Path(path)
    messages: list[str] = []
    if not path.is_file():
        return CheckReport(False, "tidak ada", 0, None, [f"Berkas {path} tidak ada."])
    try:
        con = _connect_ro(path)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
            integrity = "ok" if rows == ["ok"] else "; ".join(rows[:5])
            fk = len(con.execute("PRAGMA foreign_key_check").fetchall())
            try:
                schema = con.execute("SELECT version_num FROM alembic_version").fetchone()
                schema = schema[0] if schema else None
            except sqlite3.DatabaseError:
                schema = None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return CheckReport(False, str(exc), 0, None, [f"Berkas rusak atau bukan SQLite: {exc}."])
    if integrity != "ok":
        messages.append(f"Pemeriksaan integritas gagal: {integrity}.")
    if fk:
        messages.append(f"{fk} baris merujuk ke data yang tidak ada (foreign key).")
    if schema is None:
        messages.append("Versi skema Klinik tidak ditemukan.")
    ok = integrity == "ok" and fk == 0 and schema is not None
    return CheckReport(ok, integrity, fk, schema, messages)


def _counts(path: Path) -> tuple[int | None, int | None, int | None]:
    try:
        con = _connect_ro(path)
        try:
            return tuple(  # type: ignore[return-value]
                con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("client", "client_case", "mentoring_session")
            )
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None, None, None


def make_backup(
    *,
    source: str | os.PathLike[str] | None = None,
    target: str | os.PathLike[str] | None = None,
    now: datetime | None = None,
    thin: bool = True,
) -> Path:
    """Copy the store with the backup API, verify the copy, move it into place."""
    source = Path(source or paths.database_path())
    if not source.is_file():
        raise KnownError(f"Basis data {source} tidak ada; tidak ada yang dicadangkan.")
    now = now or datetime.now()
    if target is None:
        target = paths.backups_dir() / f"klinik-{now:%Y%m%d-%H%M%S}.sqlite3"
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(target.parent)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # one per running backup
    try:
        src = _connect_ro(source)
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst)
            result = dst.execute("PRAGMA integrity_check").fetchone()[0]
            retention = _retention_days(dst)
        finally:
            dst.close()
            src.close()
        if result != "ok":
            raise KnownError(f"Cadangan gagal diperiksa ({result}); cadangan lama tetap ada.")
        os.replace(temp, target)
    except OSError as exc:
        raise KnownError(f"Cadangan tidak dapat ditulis ke {target.parent}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise KnownError(
            f"Basis data {source} tidak dapat dicadangkan ({exc}); periksa dengan 'klinik check'."
        ) from exc
    finally:
        temp.unlink(missing_ok=True)
        Path(f"{temp}-journal").unlink(missing_ok=True)
    if thin and target.parent == paths.backups_dir():
        thin_backups(now=now, retention_days=retention)
    return target


def _retention_days(con: sqlite3.Connection) -> int:
    """The store's ``backup_retention_days`` setting (default when absent or unreadable)."""
    try:
        row = con.execute(
            "SELECT value FROM setting WHERE key = 'backup_retention_days'"
        ).fetchone()
        return int(json.loads(row[0])) if row else DEFAULT_RETENTION_DAYS
    except (sqlite3.Error, ValueError, TypeError):
        return DEFAULT_RETENTION_DAYS


def _remove_stale_temps(folder: Path) -> None:
    """Remove what a killed backup left (``.klinik-….sqlite3.PID.tmp`` and its journal).
    Recent ones may belong to a backup still running in another process and are left alone."""
    limit = time.time() - STALE_TEMP_SECONDS
    for path in folder.glob(".klinik-*.sqlite3.*tmp*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                logger.info("removed a partial backup left behind: %s", path)
        except OSError:
            pass


def list_backups() -> list[BackupInfo]:
    """The regular backups, newest first, with their record counts."""
    found = []
    for path in paths.backups_dir().iterdir():
        match = _NAME.match(path.name)
        if not match:
            continue
        taken = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
        clients, cases, sessions = _counts(path)
        found.append(BackupInfo(path, taken, path.stat().st_size, clients, cases, sessions))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def thin_backups(
    *, now: datetime | None = None, retention_days: int = DEFAULT_RETENTION_DAYS
) -> list[Path]:
    """Keep the newest backup of each of the last 12 days, 10 weeks and 9 months; remove the
    rest, and every backup (pre-upgrade ones too) older than ``retention_days``, so data
    erased on request (UU PDP) leaves the backups within that time. Returns the removed
    files."""
    now = now or datetime.now()
    oldest = now - timedelta(days=retention_days)
    removed = []
    for info in _dated_backups(paths.backups_dir() / "pre-upgrade"):
        if info.taken_at < oldest:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
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


def newest_good_backup(known_revisions: set[str]) -> BackupInfo | None:
    """The newest regular backup that passes ``check_file`` and that this Klinik can open."""
    for info in list_backups():
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
    from klinik.db.engine import header_problem

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
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise KnownError(f"Cadangan tidak dapat disalin ke {target.parent}: {exc}") from exc
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
