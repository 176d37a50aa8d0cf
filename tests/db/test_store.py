"""The store: migrations match the models, connection settings, refusing foreign files."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from klinik import paths
from klinik.db import engine as engine_mod
from klinik.db.engine import head_revision, open_store
from klinik.db.models import metadata
from klinik.errors import KnownError
from klinik.services import fulltext


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_store_lives_in_the_data_folder_and_is_at_head(store, data_dir):
    assert paths.database_path() == data_dir / "klinik.sqlite3"
    assert paths.database_path().exists()
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()


def fts_tables_out(name, type_, parent_names) -> bool:
    return type_ != "table" or not fulltext.is_fts_table(name)


def test_migrations_match_the_models_without_drift(store):
    with store.engine.connect() as conn:
        # The FTS5 indexes (migration 0008) are no models; autogenerate leaves them too.
        context = MigrationContext.configure(conn, opts={"include_name": fts_tables_out})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_seed_data_has_the_fourteen_kabupaten_and_the_agencies(store):
    with store.engine.connect() as conn:
        codes = [r[0] for r in conn.execute(text("SELECT code FROM kabupaten ORDER BY code"))]
        agencies = {r[0] for r in conn.execute(text("SELECT code FROM agency"))}
    assert codes[:13] == [f"62{n:02d}" for n in range(1, 14)]
    assert codes[-1] == "6271"
    assert len(codes) == 14
    assert {"DINKES-PKY", "BPOM-PKY", "BPJPH", "OJK-KT", "BANK-KALTENG"} <= agencies


def test_every_connection_has_the_safety_pragmas(store):
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == engine_mod.BUSY_TIMEOUT_MS


def test_foreign_keys_are_enforced(store):
    with store.engine.connect() as conn, pytest.raises(Exception, match="FOREIGN KEY"):
        conn.execute(
            text(
                "INSERT INTO client_case (uid, created_at, updated_at, client_id, title, goal,"
                " status, opened_on, last_activity_on) VALUES ('x', '2024-01-01', '2024-01-01',"
                " 999, 't', '', 'baru', '2024-01-01', '2024-01-01')"
            )
        )


def test_reopening_keeps_the_data(store, data_dir):
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO setting (key, value, updated_at) VALUES ('x', '1', '2024')"))
    store.close()
    again = open_store()
    with again.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM setting WHERE key='x'")).scalar() == "1"
    again.close()


def test_a_database_from_a_newer_klinik_is_refused_and_left_untouched(store):
    path = paths.database_path()
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    store.close()
    before = _digest(path)
    with pytest.raises(KnownError, match="versi Klinik yang lebih baru"):
        open_store()
    assert _digest(path) == before


def test_a_file_that_is_not_a_klinik_database_is_refused(data_dir):
    path = paths.database_path()
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE something_else (x)")
    con.commit()
    con.close()
    with pytest.raises(KnownError, match="bukan basis data Klinik"):
        open_store()


def test_a_garbage_file_gives_a_clear_message(data_dir):
    path = paths.database_path()
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(KnownError, match="rusak"):
        open_store()


def test_backup_before_upgrade_is_a_verified_copy(store):
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO setting (key, value, updated_at) VALUES ('k', '2', '2024')"))
    target = engine_mod._backup_before_upgrade(paths.database_path(), head_revision())
    assert target.parent == paths.backups_dir() / "pre-upgrade"
    con = sqlite3.connect(target)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT value FROM setting WHERE key='k'").fetchone()[0] == "2"
    con.close()


def test_downgrade_to_nothing_and_upgrade_again(store):
    from alembic import command

    cfg = engine_mod.alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    with store.engine.connect() as conn:
        tables = conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'")).all()
    assert [t[0] for t in tables] == ["alembic_version"]
    engine_mod.upgrade_schema(store.engine)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM kabupaten")).scalar() == 14


def test_database_url_override(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}"
    monkeypatch.setenv("KLINIK_DATABASE_URL", url)
    opened = open_store()
    assert opened.url == url
    assert (tmp_path / "elsewhere.sqlite3").exists()
    opened.close()


def test_data_dir_override_moves_everything(tmp_path):
    target = tmp_path / "portable"
    paths.set_data_dir(target)
    assert paths.data_dir() == target
    assert paths.database_path() == target / "klinik.sqlite3"
    assert paths.backups_dir() == target / "backups"
    assert paths.letters_dir() == target / "letters"
    assert paths.logs_dir() == target / "logs"


def test_a_data_folder_in_a_sync_folder_gets_a_warning(tmp_path):
    assert paths.storage_warning(tmp_path) is None
    synced = tmp_path / "OneDrive - Klinik" / "Klinik"
    synced.mkdir(parents=True)
    warning = paths.storage_warning(synced)
    assert "sinkronisasi awan" in warning
    assert "--data-dir" in warning


def test_an_unclean_close_is_checked_before_anything_writes(store, monkeypatch):
    """A store left with a non-empty write-ahead log is checked; damage stops the opening."""
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO setting (key, value, updated_at) VALUES ('k', '1', '2024')"))
    path = paths.database_path()
    wal = path.with_name(path.name + "-wal")
    assert engine_mod._wal_left_behind(path)  # the log is not empty while the store is open
    checked = []
    real = engine_mod._check_after_unclean_close
    monkeypatch.setattr(
        engine_mod, "_check_after_unclean_close", lambda e, p: checked.append(p) or real(e, p)
    )
    again = open_store()  # opened while the log still holds the last write
    again.close()
    assert checked == [path]
    assert wal.exists()
