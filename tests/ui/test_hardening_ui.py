"""Hostile input in the window: a pasted novel in the search box, an erasure left unfinished."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from klinik.services import privacy
from klinik.services.clients import create_client
from klinik.services.validation import SEARCH_MAX_LENGTH


def test_a_pasted_long_text_in_search_is_cut_not_an_error(window, ctx, qtbot, monkeypatch):
    with ctx.session() as db:
        create_client(db=db, business_name="Amplang Bu Ani")
    shown: list = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    window.nav.setCurrentRow(1)
    window.clients.search.setFocus()
    QApplication.clipboard().setText("kerupuk " * 2000)  # 16,000 characters
    window.clients.search.paste()
    assert len(window.clients.search.text()) == SEARCH_MAX_LENGTH
    qtbot.waitUntil(lambda: window.clients.count_label.text() == "0 klien", timeout=3000)
    assert shown == []


def test_an_unfinished_erasure_can_be_finished_from_the_window(window, ctx, store, qtbot):
    with ctx.session() as db:
        client = create_client(db=db, business_name="Kerupuk Ikan Haruan")
    with ctx.session() as db:  # committed, but the file rewrite never ran (a full disk)
        privacy.erase_client(db=db, client_id=client.id)
    window.nav.setCurrentRow(1)
    window.clients.reload()
    qtbot.waitUntil(lambda: window.clients.model.rowCount() == 1, timeout=2000)
    assert window.clients.select_id(client.id)
    window.clients.show_detail()
    assert window.clients.erase_action.isEnabled()
    assert not window.clients.summary_action.isEnabled()  # nothing else personal to act on
    privacy.erase_and_purge(store=store, client_id=client.id)
    window.clients.show_detail()
    assert not window.clients.erase_action.isEnabled()


def test_a_much_smaller_backup_warns_and_can_be_filed_as_regular(window, ctx, qtbot, tmp_path):
    from datetime import datetime, timedelta
    from pathlib import Path

    from PySide6.QtCore import QTimer

    from klinik import paths
    from klinik.db import backup

    with ctx.session() as db:
        ids = [create_client(db=db, business_name=f"Rotan {i}").id for i in range(20)]
    # Earlier the same day, also just after midnight (the day's older backup is thinned).
    now = datetime.now()
    earlier = max(now - timedelta(hours=1), now.replace(hour=0, minute=0, second=0, microsecond=0))
    full = backup.make_backup(now=earlier)
    with ctx.session() as db:  # an import undone: the rows really are gone
        from klinik.db.models import Client

        for client_id in ids[2:]:
            db.delete(db.get(Client, client_id))
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "shrink_warning":
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        box.grab().save(str(tmp_path / "shrink_warning.png"))
        [accept] = [b for b in box.buttons() if "memang berkurang" in b.text()]
        accept.click()

    QTimer.singleShot(0, answer)
    window.backup_now()
    qtbot.waitUntil(lambda: [b.clients for b in backup.list_backups()[:1]] == [2], timeout=5000)
    assert seen and "2 klien" in seen[0] and "20 klien" in seen[0]
    assert "Pulihkan dari cadangan" in seen[0]
    apart = list((paths.backups_dir() / "menyusut").glob("*.sqlite3"))
    assert len(apart) == 1  # the warned copy stays apart until retention
    # Accepted: the smaller copy is the newest regular backup (the day's older one is thinned).
    assert Path(backup.list_backups()[0].path).parent == paths.backups_dir()
    assert not full.exists()
