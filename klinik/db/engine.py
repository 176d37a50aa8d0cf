"""Opening the store: engine, per-connection settings, schema version check and upgrade.

Everything SQLite-specific lives here (pragmas, the read-only version probe, the backup
before an upgrade), guarded by the URL's dialect, so another database can follow.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine

from klinik import paths
from klinik.db.backup import header_problem, newest_good_backup, path_problem
from klinik.errors import (
    STORE_IN_USE,
    DamagedStore,
    EmptyStore,
    KnownError,
    known_os_error,
    known_sqlite_error,
)
from klinik.files import PRIVATE_FILE, make_private, private_dir

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Opening runs PRAGMA quick_check on stores up to this size (about 0.1 s); a bigger store is
# checked only by its header and size (quick_check reads every page: 6.5 s for 1.5 GB).
QUICK_CHECK_MAX_BYTES = 32 * 1024 * 1024
QUICK_CHECK_BUDGET_S = 2.0  # a slow disk gives up on the check rather than on opening

IN_USE_MESSAGE = STORE_IN_USE


def busy_timeout_ms() -> int:
    """How long a write waits for another one to finish (``KLINIK_BUSY_TIMEOUT_MS``)."""
    try:
        return max(0, int(os.environ.get("KLINIK_BUSY_TIMEOUT_MS", BUSY_TIMEOUT_MS)))
    except ValueError:
        return BUSY_TIMEOUT_MS


def _sqlite_pragmas(dbapi_connection, _record, *, foreign_keys: bool = True) -> None:
    # WAL lets the window read while a write commits; FULL sync survives power loss
    # (SQLite "howtocorrupt"); foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cursor.close()


def _translate_sqlite_errors(engine: Engine, path: Path | None) -> None:
    """SQLite errors of the computer (busy, full, read-only, I/O, damaged) become messages for
    the user (``klinik.errors.known_sqlite_error``); a bug keeps its own exception."""

    def translate(context) -> None:
        known = known_sqlite_error(context.original_exception, path=path)
        if known is not None:
            raise known from context.original_exception

    event.listen(engine, "handle_error", translate)


def create_store_engine(url: str) -> Engine:
    """An engine whose every connection has the store's settings."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"timeout": busy_timeout_ms() / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        _translate_sqlite_errors(engine, _sqlite_file(url))
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config() -> Config:
    from alembic.config import Config  # alembic (and mako) only when migrations are read

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(None|\"[^\"]*\"|'[^']*')", re.M
)


@functools.cache
def _revision_graph() -> tuple[frozenset[str], str]:
    """The known revisions and the head, read from the migration files' text: importing
    alembic and every migration costs about half a second at each start. Alembic's own reading
    is the fallback when a file does not say its revisions plainly (tests compare the two)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for file in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict(m.groups() for m in _REVISION_LINE.finditer(file.read_text("utf-8")))
        if "revision" not in found or "down_revision" not in found:
            return _alembic_revision_graph()
        revisions.add(found["revision"].strip("\"'"))
        if found["down_revision"] != "None":
            parents.add(found["down_revision"].strip("\"'"))
    heads = revisions - parents
    if len(heads) != 1 or not parents <= revisions:
        return _alembic_revision_graph()
    return frozenset(revisions), heads.pop()


def _alembic_revision_graph() -> tuple[frozenset[str], str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    assert head is not None
    return frozenset(rev.revision for rev in script.walk_revisions()), head


def known_revisions() -> set[str]:
    return set(_revision_graph()[0])


def head_revision() -> str:
    return _revision_graph()[1]


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _refuse_empty(path: Path, what: str) -> None:
    """An empty store, or one without Klinik's tables, is set up as new only when no backup
    holds data: a file emptied by a cloud-sync client or a cut copy must not become the new
    start while the clinic's data sits in ``backups/``."""
    if path.resolve() != paths.database_path().resolve():
        return
    try:
        good = newest_good_backup(known_revisions(), with_records=True)
    except OSError:
        logger.exception("backups could not be listed")
        return
    if good is None:
        return
    raise damaged_store(path, f"{what}, padahal ada cadangan berisi data",
                        kind=EmptyStore, good=good)  # fmt: skip


def damaged_store(
    path: Path, reason: str, *, kind: type[DamagedStore] = DamagedStore, good=None
) -> DamagedStore:
    """The error for a damaged store: names the newest good backup and the command that
    restores it, or says that none exists and what to do instead."""
    is_default = path.resolve() == paths.database_path().resolve()
    if is_default and good is None:
        try:
            good = newest_good_backup(known_revisions())
        except OSError:
            logger.exception("backups could not be listed")
    if kind is EmptyStore:
        lines = [f"Basis data {path} {reason}. Klinik tidak membuat basis data baru di atasnya."]
    else:
        lines = [f"Basis data {path} rusak: {reason}."]
    if good is not None:
        data_dir = f'--data-dir "{paths.data_dir()}" ' if paths.has_data_dir_override() else ""
        lines += [
            f"Cadangan baik terbaru: {good.taken_at:%d/%m/%Y %H:%M} ({good.clients} klien, "
            f"{good.cases} kasus, {good.sessions} sesi), berkas {good.path}.",
            "Pulihkan dengan perintah:",
            f'  klinik {data_dir}restore "{good.path}"',
            (
                f"Berkas itu tidak dihapus; disimpan di {paths.backups_dir()} sebagai "
                "sebelum-pemulihan-TANGGAL-JAM.sqlite3."
                if kind is EmptyStore
                else f"Berkas yang rusak tidak dihapus; disimpan sebagai {path.name}.rusak-"
                "TANGGAL-JAM."
            ),
        ]
    elif is_default:
        lines += [
            f"Tidak ada cadangan yang baik di {paths.backups_dir()}.",
            "Jangan hapus berkas itu. Salin seluruh folder data "
            f"{paths.data_dir()} ke tempat aman dan minta bantuan teknisi (perintah '.recover' "
            "SQLite sering menyelamatkan sebagian besar data). Untuk mulai dengan basis data "
            "kosong, pindahkan berkas itu ke folder lain lalu buka Klinik lagi.",
        ]
    else:
        lines.append("Pulihkan berkas itu dari cadangannya, atau pindahkan agar dibuat yang baru.")
    error = kind("\n".join(lines), path=path, reason=reason, backup=good)
    error.backups_searched = True  # type: ignore[attr-defined]
    return error


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
        _raise_known(exc, path)
        raise damaged_store(path, f"rusak atau bukan basis data SQLite ({exc})") from exc
    finally:
        con.close()


def _raise_known(exc: sqlite3.Error, path: Path) -> None:
    """A busy, full or read-only store is said as such, not as damage."""
    known = known_sqlite_error(exc, path=path)
    if known is not None and not isinstance(known, DamagedStore):
        raise known from exc


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


def _migration_pragmas(dbapi_connection, record) -> None:
    # SQLAlchemy's pysqlite recipe: the driver must not BEGIN or COMMIT on its own (it would
    # commit before each DDL statement); the "begin" event below emits BEGIN itself.
    dbapi_connection.isolation_level = None
    # Foreign keys off while tables are rebuilt (batch migrations); checked with
    # foreign_key_check before the commit. SQLite ignores the pragma inside a transaction.
    _sqlite_pragmas(dbapi_connection, record, foreign_keys=False)


def _begin_immediate(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock from the start: one migrator


def _upgrade_sqlite(url, cfg: Config, path: Path | None) -> None:
    """Every pending migration and the version stamp in ONE transaction: all or nothing."""
    from alembic import command

    engine = create_engine(
        url,
        poolclass=NullPool,
        connect_args={"timeout": busy_timeout_ms() / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _migration_pragmas)
    event.listen(engine, "begin", _begin_immediate)
    _translate_sqlite_errors(engine, path)
    try:
        with engine.connect() as conn:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    tables = sorted({row[0] for row in problems})
                    raise KnownError(
                        f"Pembaruan skema meninggalkan {len(problems)} baris yang merujuk ke "
                        f"data yang tidak ada ({', '.join(tables)}); pembaruan dibatalkan."
                    )
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
    finally:
        engine.dispose()


def _current_revision(conn) -> str | None:
    """The store's revision, as alembic's MigrationContext reads it, without importing alembic."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic), refusing a newer database.

    An existing SQLite store is first copied to ``backups/pre-upgrade`` (verified); the
    migrations then run in one transaction, so a failure leaves the store as it was."""
    with engine.connect() as conn:
        current = _current_revision(conn)
    _refuse_newer(current)
    head = head_revision()
    if current == head:
        return
    path = _sqlite_file(str(engine.url))
    saved = None
    if current is not None and path is not None and path.exists():
        saved = _backup_before_upgrade(path, current)
    from alembic import command

    cfg = alembic_config()
    try:
        if engine.dialect.name == "sqlite":
            _upgrade_sqlite(engine.url, cfg, path)
        else:
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    except KnownError:
        raise
    except Exception as exc:
        logger.exception("schema upgrade from %s to %s failed", current, head)
        kept = f" Cadangan sebelum pembaruan: {saved}." if saved else ""
        raise KnownError(
            f"Pembaruan basis data ke skema {head} gagal ({exc}). Tidak ada yang berubah: "
            f"basis data tetap pada skema {current or '(kosong)'}.{kept} Laporkan masalah ini "
            f"dengan berkas log di {paths.logs_dir()}."
        ) from exc
    logger.info("schema upgraded from %s to %s", current, head)


def _wal_left_behind(path: Path) -> bool:
    """A non-empty write-ahead log means Klinik did not close cleanly last time."""
    wal = path.with_name(path.name + "-wal")
    return path.exists() and wal.exists() and wal.stat().st_size > 0


def _quick_check(path: Path, budget_s: float | None = None) -> str | None:
    """PRAGMA quick_check: "ok", the problems found, or None when it ran out of time.

    Read-only: SQLite replays a log left behind in memory, never checkpoints it into the
    file or deletes it, so a damaged store is kept exactly as it was found."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=busy_timeout_ms() / 1000)
    try:
        if budget_s is not None:
            deadline = time.monotonic() + budget_s
            con.set_progress_handler(lambda: int(time.monotonic() > deadline), 10000)
        try:
            rows = [r[0] for r in con.execute("PRAGMA quick_check(5)")]
        except sqlite3.OperationalError as exc:
            if budget_s is not None and "interrupted" in str(exc):
                logger.info("quick_check at opening took longer than %.1f s; skipped", budget_s)
                return None
            raise
    except sqlite3.DatabaseError as exc:
        _raise_known(exc, path)
        return str(exc)
    finally:
        con.close()
    return "ok" if rows == ["ok"] else "; ".join(rows)


def _light_check(path: Path) -> str:
    """What a crash can leave wrong, read in milliseconds: the schema (page 1 and
    sqlite_master parsed, the log replayed in memory) and the two ends of every table's
    b-tree. "ok" or the problem found. Read-only, like ``_quick_check``."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=busy_timeout_ms() / 1000)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE "
                "'%WITHOUT ROWID%' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        for table in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            con.execute(f"SELECT * FROM {quoted} ORDER BY rowid LIMIT 1").fetchall()
            con.execute(f"SELECT * FROM {quoted} ORDER BY rowid DESC LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        _raise_known(exc, path)
        return str(exc)
    finally:
        con.close()
    return "ok"


def _check_after_unclean_close(engine: Engine, path: Path) -> None:
    """Check the store before anything writes to it (SQLite replays the log on opening).

    A crash of Klinik (or of the computer, with synchronous=FULL) damages nothing in a WAL
    store: SQLite itself rolls back what was not committed and replays the log. What is
    worth a look is what happened around the crash: a log lost or a file replaced while
    Klinik was down. A small store gets the full ``quick_check``; a big one (6.5 s for
    1.5 GB) the light check of its schema and b-tree ends; the full check stays with
    ``klinik check`` and every backup (``integrity_check`` of the copy)."""
    small = path.stat().st_size <= QUICK_CHECK_MAX_BYTES
    result = _quick_check(path) if small else _light_check(path)
    if result != "ok":
        raise damaged_store(
            path, f"pemeriksaan setelah Klinik tidak ditutup dengan benar gagal ({result})"
        )
    logger.info("store checked after an unclean close (%s): ok", "full" if small else "light")


def _check_small_store(engine: Engine, path: Path) -> None:
    """A store small enough is checked in full at every opening (a tenth of a second)."""
    result = _quick_check(path, QUICK_CHECK_BUDGET_S)
    if result is not None and result != "ok":
        raise damaged_store(path, f"pemeriksaan integritas gagal ({result})")


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
    """Open (creating or upgrading) the store at ``url`` or the configured location.

    Raises ``DamagedStore`` for a damaged file (with the newest good backup), ``StoreInUse``
    when another program holds the write lock too long, ``KnownError`` for a database of a
    newer Klinik or a foreign file (none of them changes a byte of the file)."""
    url = url or paths.database_url()
    path = _sqlite_file(url)
    existing = dirty = False
    if path is not None:
        problem = path_problem(path)
        if problem:
            raise KnownError(
                f"Basis data Klinik tidak dapat dibuka: {problem}. Pindahkan atau ganti nama "
                f"itu, atau pakai folder data lain (--data-dir). Tidak ada yang diubah."
            )
        try:
            existing = path.is_file() and path.stat().st_size > 0
            dirty = existing and _wal_left_behind(path)
            if existing:
                problem = header_problem(path, wal_dirty=dirty)
                if problem:
                    raise damaged_store(path, problem)
                revision = _probe_sqlite_revision(path)
                _refuse_newer(revision)
                if revision is None:
                    _refuse_empty(path, "tidak berisi skema Klinik (tabelnya tidak ada)")
            elif path.is_file():
                _refuse_empty(path, "kosong (0 bita)")
            private_dir(path.parent)
            if not path.exists():
                # Created private before SQLite opens it: SQLite gives its -wal and -shm the
                # same permissions as the database file.
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
            make_private(path)
        except OSError as exc:
            raise known_os_error(exc, folder=path.parent) from exc
    engine = create_store_engine(url)
    try:
        if dirty:
            _check_after_unclean_close(engine, path)
        elif existing and path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            _check_small_store(engine, path)
        if upgrade:
            upgrade_schema(engine)
    except DamagedStore as exc:
        engine.dispose()
        if path is None or getattr(exc, "backups_searched", False):
            raise
        raise damaged_store(path, exc.reason) from exc  # found while reading: name the backup
    except BaseException:
        engine.dispose()
        raise
    return Store(engine=engine, url=url)
