"""Hostile input in the window: a pasted novel in the search box, an erasure left unfinished."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from klinik.services import privacy
from klinik.services.clients import create_client
from klinik.services.validation import SEARCH_MAX_LENGTH


def test_a_pasted_long_text_in_search_is_cut_not_an_error(window, ctx, qtbot, monkeypatch):
    with ctx.session() as db:
        create_client(session=db, business_name="Amplang Bu Ani")
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
        client = create_client(session=db, business_name="Kerupuk Ikan Haruan")
    with ctx.session() as db:  # committed, but the file rewrite never ran (a full disk)
        privacy.erase_client(session=db, client_id=client.id)
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
