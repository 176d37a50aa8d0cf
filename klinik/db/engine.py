"""Opening the store: engine, per-connection settings, schema version check and upgrade.

Everything SQLite-specific lives here (pragmas, the read-only version probe, the backup
before an upgrade), guarded by the URL's dialect, so another database can follow.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from klinik import paths
from klinik.errors import KnownError

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the window read while a write commits; FULL sync survives power loss
    # (SQLite "howtocorrupt"); foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_store_engine(url: str) -> Engine:
    """An engine whose every connection has the store's settings."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    return head


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _probe_sqlite_revision(path: Path) -> str | None:
    """The file's schema revision, read without changing a byte of it."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise KnownError(f"Berkas basis data {path} tidak dapat dibuka: {exc}") from exc
    try:
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            other = con.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()
            if other and other[0]:
                raise KnownError(
                    f"Berkas {path} bukan basis data Klinik. Pilih folder data lain "
                    "(--data-dir) atau pindahkan berkas itu."
                )
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise KnownError(
            f"Berkas basis data {path} rusak atau bukan basis data SQLite ({exc}). "
            "Pulihkan dari cadangan di folder backups."
        ) from exc
    finally:
        con.close()


def _refuse_newer(revision: str | None) -> None:
    if revision is not None and revision not in known_revisions():
        raise KnownError(
            "Basis data ini dibuat oleh versi Klinik yang lebih baru "
            f"(skema {revision}). Perbarui Klinik sebelum membukanya; berkas tidak diubah."
        )


def _backup_before_upgrade(path: Path, revision: str) -> Path:
    """Copy the file with SQLite's backup API and verify the copy before migrating."""
    target_dir = paths.backups_dir() / "pre-upgrade"
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = target_dir / f"klinik-{revision}-{stamp}.sqlite3"
    temp = target.with_suffix(".tmp")
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dst = sqlite3.connect(temp)
    try:
        src.backup(dst)
        ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dst.close()
        src.close()
    if ok != "ok":
        temp.unlink(missing_ok=True)
        raise KnownError(f"Cadangan sebelum pembaruan skema gagal diperiksa ({ok}).")
    temp.replace(target)
    logger.info("backup before schema upgrade: %s", target)
    return target


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic), refusing a newer database."""
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    _refuse_newer(current)
    head = head_revision()
    if current == head:
        return
    path = _sqlite_file(str(engine.url))
    if current is not None and path is not None and path.exists():
        _backup_before_upgrade(path, current)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    logger.info("schema upgraded from %s to %s", current, head)


def _wal_left_behind(path: Path) -> bool:
    """A non-empty write-ahead log means Klinik did not close cleanly last time."""
    wal = path.with_name(path.name + "-wal")
    return path.exists() and wal.exists() and wal.stat().st_size > 0


def _check_after_unclean_close(engine: Engine, path: Path) -> None:
    """Check the store before anything writes to it (SQLite replays the log on opening)."""
    with engine.connect() as conn:
        result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
    if result != "ok":
        raise KnownError(
            f"Basis data {path} rusak setelah Klinik tidak ditutup dengan benar ({result}). "
            "Pulihkan dari cadangan: 'klinik restore' menampilkan daftar cadangan."
        )
    logger.info("store checked after an unclean close: ok")


@dataclass
class Store:
    """An open, up-to-date store. Use ``session()`` for one unit of work."""

    engine: Engine
    url: str

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A Session for one unit of work: committed on success, rolled back on error."""
        with Session(self.engine, expire_on_commit=False) as db:
            try:
                yield db
                db.commit()
            except BaseException:
                db.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, upgrade: bool = True) -> Store:
    """Open (creating or upgrading) the store at ``url`` or the configured location."""
    url = url or paths.database_url()
    path = _sqlite_file(url)
    if path is not None:
        if path.exists() and path.stat().st_size > 0:
            _refuse_newer(_probe_sqlite_revision(path))
        path.parent.mkdir(parents=True, exist_ok=True)
    dirty = path is not None and _wal_left_behind(path)
    engine = create_store_engine(url)
    try:
        if dirty:
            _check_after_unclean_close(engine, path)
        if upgrade:
            upgrade_schema(engine)
    except KnownError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        if "database is locked" in str(exc):
            raise KnownError(
                "Basis data sedang dipakai oleh program lain. "
                "Tutup Klinik yang lain lalu coba lagi."
            ) from exc
        raise
    return Store(engine=engine, url=url)
