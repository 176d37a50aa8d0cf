"""The window opens on a store and shows its counts."""

from __future__ import annotations

from klinik.services.clients import create_client
from klinik.ui.main_window import MainWindow


def test_window_shows_counts_in_the_status_bar(qtbot, store):
    with store.session() as db:
        create_client(session=db, business_name="Madu Kelulut Katingan")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    assert "1 klien" in window.statusBar().currentMessage()
    assert "Selamat datang" in window.welcome.text()
