"""Klien → Cetak → Surat keterangan pendampingan: the dialog says what the statement will
say, issues it in the background and shows it; a refusal stays inside the dialog."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication, QMessageBox

from klinik.services import certificates
from klinik.ui.certificate import CertificateDialog
from klinik.ui.documents import DocumentDialog
from tests.reports.test_certificate import mentored_client, text_of


def _documents() -> list[DocumentDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentDialog)]


def test_the_print_menu_of_a_client_offers_the_statement(window, ctx, qtbot):
    with ctx.session() as db:
        mentored_client(db)
    area = window.clients
    area.reload()
    qtbot.waitUntil(lambda: area.model.rowCount() > 0)
    area.table.selectRow(0)
    texts = [a.text() for a in area.print_menu.actions()]
    assert texts == ["Ringkasan pendampingan", "Surat keterangan pendampingan …"]
    qtbot.waitUntil(area.certificate_action.isEnabled)


def test_the_dialog_issues_the_statement_and_shows_it(ctx, qtbot, monkeypatch):
    with ctx.session() as db:
        client_id = mentored_client(db).id
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = CertificateDialog(None, ctx, client_id=client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "3 sesi, 3,3 jam; 2 capaian" in dialog.facts.text()
    assert dialog.earlier.item(0).text() == "(belum ada)"
    dialog.agency.setCurrentIndex(dialog.agency.findText("Dinas Koperasi", flags=_contains()))
    if os.environ.get("KLINIK_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["KLINIK_SHOTS"], "surat-keterangan-dialog.png"))
    dialog.issue_button.click()
    qtbot.waitUntil(lambda: bool(_documents()), timeout=10000)
    shown = _documents()[-1]
    assert "Dinas Koperasi" in text_of(shown.pdf)
    with ctx.session() as db:
        [letter] = certificates.list_certificates(db=db, client_id=client_id)
    assert letter.number == dialog.issued_number
    again = CertificateDialog(None, ctx, client_id=client_id)
    qtbot.addWidget(again)
    assert again.earlier.item(0).text().startswith(letter.number)
    for widget in _documents():
        widget.close()


def test_a_refusal_is_said_in_the_dialog_and_the_choice_is_kept(ctx, qtbot, monkeypatch):
    with ctx.session() as db:
        client_id = mentored_client(db, consent=False).id
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = CertificateDialog(None, ctx, client_id=client_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.agency.setCurrentIndex(3)
    chosen = dialog.agency.currentText()
    dialog.issue_button.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=10000)
    assert "belum menyetujui" in dialog.error.text()
    assert dialog.isVisible() and dialog.agency.currentText() == chosen
    assert dialog.issue_button.isEnabled() and not _documents()


def _contains():
    from PySide6.QtCore import Qt

    return Qt.MatchFlag.MatchContains


def test_what_the_statement_will_say_is_read_off_the_gui_thread(ctx, qtbot, monkeypatch):
    from klinik.ui import ops

    with ctx.session() as db:
        client_id = mentored_client(db).id
    monkeypatch.setattr(ops, "INLINE", False)
    dialog = CertificateDialog(None, ctx, client_id=client_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.issue_button.isEnabled, timeout=5000)
    assert "3 sesi, 3,3 jam; 2 capaian" in dialog.facts.text()
    assert dialog.business in dialog.intro.text()
    assert dialog.agency.count() > 1
    assert dialog.earlier.item(0).text() == "(belum ada)"
