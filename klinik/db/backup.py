"""Backups of the SQLite store: make, list, thin, check, restore.

A backup is taken with SQLite's backup API (a consistent copy even while the store is open),
written to a temporary file, checked with ``integrity_check`` and only then moved into place.
The set is thinned to the newest per day, week and month (12 daily, 10 weekly, 9 monthly);
copies made before a schema upgrade live apart in ``pre-upgrade/`` and are never thinned.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from klinik import paths
from klinik.errors import KnownError

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
_NAME = re.compile(r"^klinik-(\d{8})-(\d{6})\.sqlite3$")


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
    temp = target.with_name(f".{target.name}.tmp")
    try:
        src = _connect_ro(source)
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst)
            result = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
            src.close()
        if result != "ok":
            raise KnownError(f"Cadangan gagal diperiksa ({result}); cadangan lama tetap ada.")
        os.replace(temp, target)
    except OSError as exc:
        raise KnownError(f"Cadangan tidak dapat ditulis ke {target.parent}: {exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    if thin and target.parent == paths.backups_dir():
        thin_backups(now=now)
    return target


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


def thin_backups(*, now: datetime | None = None) -> list[Path]:
    """Keep the newest backup of each of the last 12 days, 10 weeks and 9 months; remove the
    rest. Returns the removed files."""
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
    removed = []
    for _, path in backups:
        if path not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _dated_backups() -> list[BackupInfo]:
    out = []
    for path in paths.backups_dir().iterdir():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
            out.append(BackupInfo(path, taken, 0, None, None, None))
    return out


def restore_backup(
    backup: str | os.PathLike[str], *, known_revisions: set[str], now: datetime | None = None
) -> Path:
    """Replace the store with a verified backup; the current file is kept aside first.

    Call only while no connection to the store is open (the command line, or the window
    after closing its store). Returns where the previous store was kept."""
    backup = Path(backup)
    report = check_file(backup)
    if not report.ok:
        raise KnownError("Cadangan ini tidak bisa dipakai: " + " ".join(report.messages))
    if report.schema not in known_revisions:
        raise KnownError("Cadangan ini dibuat oleh versi Klinik yang lebih baru; perbarui Klinik.")
    target = paths.database_path()
    now = now or datetime.now()
    aside = paths.backups_dir() / f"sebelum-pemulihan-{now:%Y%m%d-%H%M%S}.sqlite3"
    if target.exists():
        make_backup(source=target, target=aside, thin=False)
    temp = target.with_name(f".{target.name}.restore.tmp")
    shutil.copyfile(backup, temp)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(temp, target)
    return aside
