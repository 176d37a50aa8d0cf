"""Backups: verified copies, a thinned set, a check that tells the truth, a safe restore."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta

import pytest

from klinik import paths
from klinik.cli import main
from klinik.db import backup
from klinik.db.engine import known_revisions
from klinik.errors import KnownError
from klinik.services.clients import create_client, list_clients
from klinik.services.settings import set_settings


def test_a_backup_is_a_verified_copy_with_the_data(store):
    with store.session() as db:
        create_client(db=db, business_name="Madu Kelulut Lemo")
    path = backup.make_backup()
    assert path.parent == paths.backups_dir()
    con = sqlite3.connect(path)
    assert con.execute("SELECT business_name FROM client").fetchall() == [("Madu Kelulut Lemo",)]
    con.close()
    [info] = backup.list_backups()
    assert (info.clients, info.cases, info.sessions) == (1, 0, 0)
    assert not list(paths.backups_dir().glob("*.tmp"))


def test_a_year_of_hourly_backups_thins_to_a_bounded_set(store):
    start = datetime(2026, 1, 1, 8)
    for day in range(365):
        for hour in (0, 4):  # two backups a day
            backup.make_backup(now=start + timedelta(days=day, hours=hour), thin=False)
        if day % 30 == 0:
            backup.thin_backups(now=start + timedelta(days=day))
    backup.thin_backups(now=start + timedelta(days=365))
    kept = backup.list_backups()
    assert len(kept) <= backup.KEEP_DAILY + backup.KEEP_WEEKLY + backup.KEEP_MONTHLY
    assert kept[0].taken_at == start + timedelta(days=364, hours=4)  # the newest stays
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) == backup.KEEP_MONTHLY


def test_backups_older_than_the_retention_setting_are_removed_pre_upgrade_ones_too(store):
    """Erased personal data leaves the backups once they pass the retention (UU PDP)."""
    with store.session() as db:
        set_settings(db=db, backup_retention_days=60)
    start = datetime(2026, 1, 1, 8)
    old_upgrade = paths.backups_dir() / "pre-upgrade" / "klinik-0003-20260101-080000.sqlite3"
    recent_upgrade = paths.backups_dir() / "pre-upgrade" / "klinik-0003-20260420-080000.sqlite3"
    old_upgrade.parent.mkdir(parents=True)
    for path in (old_upgrade, recent_upgrade):
        shutil.copy(paths.database_path(), path)
    for week in range(18):
        backup.make_backup(now=start + timedelta(weeks=week), thin=False)
    now = start + timedelta(weeks=18)
    backup.make_backup(now=now)  # reads the setting from the store and thins
    kept = backup.list_backups()
    assert kept and all(b.taken_at >= now - timedelta(days=60) for b in kept)
    assert len(kept) == 9  # weeks 10..17 (from 12 March) and this one: none over 60 days
    assert not old_upgrade.exists() and recent_upgrade.exists()


def test_check_reports_a_good_store_and_a_damaged_one(store, capsys):
    store.close()
    assert main(["check"]) == 0
    assert "Semua baik." in capsys.readouterr().out
    data = bytearray(paths.database_path().read_bytes())
    for offset in range(4096, len(data), 4096):  # flip bytes in every page after the header
        data[offset + 100 : offset + 140] = b"\xff" * 40
    paths.database_path().write_bytes(bytes(data))
    code = main(["check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Ada masalah, dan tidak ada cadangan yang baik" in out


def test_check_of_a_damaged_store_names_the_newest_good_backup(store, capsys):
    store.close()
    good = backup.make_backup()
    data = bytearray(paths.database_path().read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 100 : offset + 140] = b"\xff" * 40
    paths.database_path().write_bytes(bytes(data))
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f'Pulihkan dengan: klinik restore "{good}"' in out
    assert "Cadangan baik terbaru" in out


def test_restore_replaces_the_store_and_keeps_the_old_one_aside(store, capsys):
    with store.session() as db:
        create_client(db=db, business_name="Sebelum cadangan")
    saved = backup.make_backup()
    with store.session() as db:
        create_client(db=db, business_name="Sesudah cadangan")
    store.close()
    assert main(["restore", str(saved)]) == 0
    assert "Dipulihkan" in capsys.readouterr().out
    from klinik.db.engine import open_store

    again = open_store()
    with again.session() as db:
        assert [r.business_name for r in list_clients(db=db).rows] == ["Sebelum cadangan"]
    again.close()
    aside = list(paths.backups_dir().glob("sebelum-pemulihan-*.sqlite3"))
    assert len(aside) == 1
    con = sqlite3.connect(aside[0])
    assert con.execute("SELECT count(*) FROM client").fetchone()[0] == 2
    con.close()


def test_a_damaged_backup_is_refused_and_the_store_untouched(store, tmp_path):
    bad = tmp_path / "rusak.sqlite3"
    bad.write_bytes(b"not a database" * 200)
    store.close()
    before = paths.database_path().read_bytes()
    with pytest.raises(KnownError, match="tidak bisa dipakai"):
        backup.restore_backup(bad, known_revisions=known_revisions())
    assert paths.database_path().read_bytes() == before


@pytest.mark.parametrize("gone_at", ["before_counting", "while_counting"])
def test_a_backup_thinned_away_while_the_list_is_read_is_not_listed(store, monkeypatch, gone_at):
    """The window lists the backups while a backup in the background may file or thin one:
    a file that is gone by the time it is looked at is left out, never an error."""
    with store.session() as db:
        create_client(db=db, business_name="Rotan Kasongan")
    kept = backup.make_backup(now=datetime.now() - timedelta(days=3))
    doomed = backup.make_backup(now=datetime.now() - timedelta(days=1))
    counts = backup._counts

    def thinned_meanwhile(path):
        if path == doomed and gone_at == "while_counting":
            result = counts(path)
            path.unlink()
            return result
        return counts(path)

    real_iterdir = type(doomed).iterdir

    def listed_then_removed(folder):
        entries = list(real_iterdir(folder))
        if gone_at == "before_counting" and doomed.exists():
            doomed.unlink()
        return iter(entries)

    monkeypatch.setattr(backup, "_counts", thinned_meanwhile)
    monkeypatch.setattr(type(doomed), "iterdir", listed_then_removed)
    listed = backup.list_backups()
    assert kept in [b.path for b in listed]
    if gone_at == "before_counting":
        assert doomed not in [b.path for b in listed]
