"""A damaged store at start: the window offers the newest good backup and opens on it."""

from __future__ import annotations

import hashlib
import os
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from klinik import paths
from klinik.db import backup
from klinik.db.engine import open_store
from klinik.errors import DamagedStore
from klinik.services.clients import create_client, list_clients
from klinik.ui.context import AppContext
from klinik.ui.damaged import DamagedStoreBox, offer_restore

pytestmark = pytest.mark.skipif(
    not paths.database_url().startswith("sqlite"), reason="SQLite file store only"
)

SHOTS = os.environ.get("KLINIK_TEST_SHOTS")  # a folder to keep the screenshot in


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(ctx, store) -> Path:
    """A store with a client and a good backup, then damaged (its header overwritten)."""
    with ctx.session() as db:
        create_client(db=db, business_name="Madu Kelulut Lemo")
    backup.make_backup(now=datetime(2026, 11, 27, 8, 30))
    with ctx.session() as db:
        create_client(db=db, business_name="Sesudah cadangan")
    store.close()
    path = paths.database_path()
    data = bytearray(path.read_bytes())
    data[:100] = os.urandom(100)
    path.write_bytes(bytes(data))
    return path


def _error() -> DamagedStore:
    with pytest.raises(DamagedStore) as caught:
        open_store()
    return caught.value


def _when_box_shows(qtbot, act) -> list:
    """Run ``act(box)`` once the damaged-store question is up (it is modal)."""
    seen: list = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, DamagedStoreBox) and box.isVisible():
            seen.append(box)
            act(box)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_the_question_names_the_backup_and_offers_restore_or_quit(damaged, qtbot, tmp_path):
    exc = _error()
    box = DamagedStoreBox(exc)
    qtbot.addWidget(box)
    box.show()
    assert box.windowTitle() == "Basis data rusak"
    assert "rusak" in box.text()
    info = box.informativeText()
    assert "27 November 2026 08:30" in info
    assert "1 klien, 0 kasus, 0 sesi" in info
    assert box.restore_button.text() == "Pulihkan cadangan terbaru (27 November 2026 08:30)"
    assert box.quit_button.text() == "Keluar"
    assert box.defaultButton() is box.restore_button
    shot = Path(SHOTS or tmp_path) / "damaged_store.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert box.grab().save(str(shot))


def test_quit_changes_nothing(damaged, qtbot):
    before = _digest(damaged)
    exc = _error()
    _when_box_shows(qtbot, lambda box: box.quit_button.click())
    assert offer_restore(exc) is None
    assert _digest(damaged) == before
    assert not list(damaged.parent.glob("klinik.sqlite3.rusak-*"))


def test_without_a_good_backup_only_quit_is_offered(damaged, qtbot):
    for path in paths.backups_dir().glob("klinik-*.sqlite3"):
        path.unlink()
    exc = _error()
    box = DamagedStoreBox(exc)
    qtbot.addWidget(box)
    assert box.restore_button is None
    assert "Tidak ada cadangan yang baik" in box.informativeText()
    assert [b.text() for b in box.buttons()] == ["Keluar"]


def test_restore_keeps_the_damaged_file_aside_and_the_window_opens_on_the_backup(
    damaged, qtbot, monkeypatch
):
    from klinik.ui import app as app_mod
    from klinik.ui.main_window import MainWindow

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    before = _digest(damaged)
    clicked = _when_box_shows(qtbot, lambda box: box.restore_button.click())
    opened: list[MainWindow] = []
    seen_rows: list[list[str]] = []

    def look_then_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].isVisible():
            QTimer.singleShot(20, look_then_close)
            return
        window = windows[0]
        opened.append(window)
        with window.ctx.session() as db:
            seen_rows.append([r.business_name for r in list_clients(db=db).rows])
        seen_rows.append([window.statusBar().currentMessage()])
        window.close()

    QTimer.singleShot(0, look_then_close)
    assert app_mod.run_app(lang="id") == 0
    assert clicked, "the damaged-store question was not shown"
    assert opened, "the window did not open"
    assert seen_rows[0] == ["Madu Kelulut Lemo"]  # the backup's data
    assert "Dipulihkan dari cadangan" in seen_rows[1][0]

    [aside] = damaged.parent.glob("klinik.sqlite3.rusak-*[0-9]")
    datetime.strptime(aside.name.removeprefix("klinik.sqlite3.rusak-"), "%Y%m%d-%H%M%S")
    assert _digest(aside) == before  # kept as it was found
    assert str(aside) in seen_rows[1][0]
    again = open_store()
    ctx = AppContext(again, lang="id")
    with ctx.session() as db:
        assert [r.business_name for r in list_clients(db=db).rows] == ["Madu Kelulut Lemo"]
    again.close()


def test_a_failed_restore_says_why_and_quits(damaged, qtbot, monkeypatch):
    exc = _error()
    exc.backup.path.write_bytes(b"rusak juga")  # the backup broke after it was checked
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    _when_box_shows(qtbot, lambda box: box.restore_button.click())
    assert offer_restore(exc) is None
    assert shown and "tidak bisa dipakai" in shown[0]
    assert damaged.exists()


def test_an_emptied_store_offers_the_backup_and_opens_on_its_data(ctx, store, qtbot):
    """A cloud-sync client left a 0-byte store: Klinik does not start empty over it."""
    from klinik.errors import EmptyStore

    with ctx.session() as db:
        for i in range(12):
            create_client(db=db, business_name=f"Rotan Purun {i:02d}")
    backup.make_backup(now=datetime(2026, 11, 27, 8, 30))
    store.close()
    path = paths.database_path()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"")
    with pytest.raises(EmptyStore) as caught:
        open_store()
    texts: list[str] = []

    def restore(box) -> None:
        texts.extend([box.windowTitle(), box.text(), box.informativeText()])
        box.restore_button.click()

    _when_box_shows(qtbot, restore)
    opened = offer_restore(caught.value)
    assert opened is not None, "the question was not answered with restore"
    restored, aside = opened
    assert texts[0] == "Basis data kosong" and "kosong" in texts[1]
    assert "12 klien" in texts[2]
    with restored.session() as db:
        assert len(list_clients(db=db).rows) == 12
    restored.close()
    assert aside.exists()  # the emptied file is kept, not deleted
