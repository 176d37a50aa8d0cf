"""Schema upgrades: one transaction after a verified backup; a failure changes nothing."""

from __future__ import annotations

import sqlite3

import alembic.util
import pytest
from alembic import command
from sqlalchemy import text

from klinik import paths
from klinik.db import engine as engine_mod
from klinik.db.engine import create_store_engine, head_revision, open_store
from klinik.errors import KnownError

pytestmark = pytest.mark.skipif(
    not paths.database_url().startswith("sqlite"), reason="SQLite file store only"
)


def _store_at(revision: str) -> None:
    """A store created by the migrations up to ``revision``, with some data in it."""
    engine = create_store_engine(paths.database_url())
    cfg = engine_mod.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO setting (key, value, updated_at) VALUES ('lama', 'tetap', '2024')")
        )
    engine.dispose()


def _tables(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def _version(path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def _patch_head(mp: pytest.MonkeyPatch, extra) -> None:
    """The newest migration runs all its own steps, then ``extra()`` (Alembic loads the
    migration files afresh for every command, so the loader is what gets patched)."""
    head = head_revision()
    real_load = alembic.util.load_python_file

    def load(dir_, filename):
        module = real_load(dir_, filename)
        if getattr(module, "revision", None) == head and not hasattr(module, "_wrapped"):
            original = module.upgrade

            def upgrade() -> None:
                original()
                extra()

            module.upgrade = upgrade
            module._wrapped = True
        return module

    mp.setattr(alembic.util, "load_python_file", load)


def _fail() -> None:
    raise RuntimeError("langkah pembaruan uji gagal")


@pytest.fixture
def failing_head():
    """The newest migration runs all its steps and then fails (until the test leaves it)."""
    with pytest.MonkeyPatch.context() as mp:
        _patch_head(mp, _fail)
        yield mp


def test_a_failed_upgrade_leaves_the_store_at_its_version_with_its_data(failing_head):
    path = paths.database_path()
    _store_at("0002")
    tables_before = _tables(path)
    assert "referral_purpose" not in tables_before  # added by 0003

    with pytest.raises(KnownError) as caught:
        open_store()
    message = str(caught.value)
    assert "gagal" in message and "tetap pada skema 0002" in message
    assert "Traceback" not in message

    # Nothing of 0003 (or later) survived: not the tables, not the version stamp.
    assert _version(path) == "0002"
    assert _tables(path) == tables_before
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM setting WHERE key='lama'").fetchone() == ("tetap",)
    assert con.execute("SELECT count(*) FROM kabupaten").fetchone()[0] == 14
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()

    # The verified copy made before the upgrade.
    [saved] = (paths.backups_dir() / "pre-upgrade").glob("klinik-0002-*.sqlite3")
    con = sqlite3.connect(saved)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002"
    assert con.execute("SELECT value FROM setting WHERE key='lama'").fetchone() == ("tetap",)
    con.close()


def test_after_the_failure_is_removed_the_store_upgrades_and_works(failing_head):
    path = paths.database_path()
    _store_at("0002")
    with pytest.raises(KnownError):
        open_store()
    failing_head.undo()  # the broken step is fixed
    store = open_store()
    try:
        assert _version(path) == head_revision()
        assert "referral_purpose" in _tables(path)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT value FROM setting WHERE key='lama'")).scalar() == (
                "tetap"
            )
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        from klinik.services.clients import create_client, list_clients

        with store.session() as db:
            create_client(db=db, business_name="Kerupuk Basah Sampit")
        with store.session() as db:
            assert [r.business_name for r in list_clients(db=db).rows] == ["Kerupuk Basah Sampit"]
    finally:
        store.close()


def test_the_upgrade_refuses_to_commit_broken_references(monkeypatch):
    """foreign_key_check runs before the commit (foreign keys are off while tables are rebuilt)."""
    path = paths.database_path()
    _store_at("0002")

    def dangling_reference() -> None:
        from alembic import op

        op.execute(
            "INSERT INTO client_case (uid, created_at, updated_at, client_id, title,"
            " goal, status, opened_on, last_activity_on) VALUES ('x', '2024-01-01',"
            " '2024-01-01', 999, 't', '', 'baru', '2024-01-01', '2024-01-01')"
        )

    _patch_head(monkeypatch, dangling_reference)
    with pytest.raises(KnownError, match="merujuk ke data yang tidak ada"):
        open_store()
    assert _version(path) == "0002"
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM client_case").fetchone()[0] == 0
    con.close()


def test_the_driver_does_not_commit_before_ddl_in_the_migration_connection():
    """The pysqlite recipe: a DDL statement inside the transaction is rolled back with it."""
    _store_at("0002")
    engine = create_store_engine(paths.database_url())
    engine.dispose()
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    migration = create_engine(paths.database_url(), poolclass=NullPool)
    event.listen(migration, "connect", engine_mod._migration_pragmas)
    event.listen(migration, "begin", engine_mod._begin_immediate)
    with migration.connect() as conn:
        trans = conn.begin()
        conn.exec_driver_sql("CREATE TABLE probe (x)")
        conn.exec_driver_sql("DROP TABLE setting")
        trans.rollback()
    migration.dispose()
    tables = _tables(paths.database_path())
    assert "probe" not in tables and "setting" in tables
