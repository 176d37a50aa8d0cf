"""Personal data in the window: consent, history, the owner's copy, erasure (UU PDP)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from klinik.domain.formatting import format_date
from klinik.services import privacy
from klinik.services.cases import open_case
from klinik.services.clients import create_client, get_client
from klinik.ui import forms
from klinik.ui import privacy as privacy_ui


@pytest.fixture
def client(ctx):
    with ctx.session() as db:
        made = create_client(
            db=db, business_name="Amplang Bu Ani", owner_name="Ibu Ani",
            nik="6271054508900001", phone="081234567890", address="Jl. Tjilik Riwut km 5",
            kabupaten_code="6271", kecamatan="Jekan Raya",
        )  # fmt: skip
    return made


def _select(window, client_id):
    window.nav.setCurrentRow(1)
    window.clients.reload()
    assert window.clients.select_id(client_id)


def _record_consent_with(monkeypatch, fill):
    """Replace the form's exec: ``fill(form)`` types like a user, then Simpan is pressed."""
    seen = []

    def run(form):
        seen.append(form)
        fill(form)
        form.try_save()
        return form.result()

    monkeypatch.setattr(forms.RecordForm, "exec", run)
    return seen


def _tick(form, *values):
    for value, box in form.fields["purposes"]._boxes:
        box.setChecked(value in values)


def test_record_a_consent_through_the_form_and_see_it_in_the_detail(
    window, ctx, client, monkeypatch
):
    _select(window, client.id)
    text = window.clients.detail.toPlainText()
    assert "Persetujuan data pribadi" in text
    assert "Belum ada persetujuan — surat rujukan dan berbagi dengan asosiasi" in text
    assert not window.clients.withdraw_action.isEnabled()

    def fill(form):
        # Pre-filled: today, written form, the current text version, the current consultant.
        assert form.fields["given_on"].widget.text() == format_date(date.today())
        assert form.fields["text_version"].widget.text() == "2026.1"
        assert form.fields["recorded_by_id"].raw() == ctx.consultant_id
        _tick(form, "pendampingan", "rujukan")

    seen = _record_consent_with(monkeypatch, fill)
    window.clients.consent_action.trigger()
    assert seen and seen[0].result() == seen[0].DialogCode.Accepted
    text = window.clients.detail.toPlainText()
    assert "Pendampingan usaha, Rujukan ke instansi" in text
    assert "Belum disetujui: Berbagi dengan asosiasi" in text
    assert "Siti Rahmawati" in text  # who recorded it, in the history table
    assert "Belum ada persetujuan" not in text
    assert window.clients.withdraw_action.isEnabled()


def test_a_consent_without_a_purpose_keeps_the_form_open_with_the_message_under_the_field(
    window, ctx, client, monkeypatch, qtbot
):
    _select(window, client.id)
    typed = (date.today() - timedelta(days=3)).strftime("%d/%m/%Y")

    def fill(form):
        qtbot.addWidget(form)
        form.fields["given_on"].widget.setText(typed)
        _tick(form)

    seen = _record_consent_with(monkeypatch, fill)
    window.clients.record_consent()
    form = seen[0]
    assert form.result() != form.DialogCode.Accepted
    assert "keperluan" in form.error_text("purposes").lower()
    assert form.fields["given_on"].widget.text() == typed
    with ctx.session() as db:
        assert privacy.consent_history(db=db, client_id=client.id) == []
    # Ticking one purpose clears the message and the same form saves.
    _tick(form, "pendampingan")
    assert form.error_text("purposes") == ""
    form.try_save()
    assert form.result() == form.DialogCode.Accepted


def test_withdraw_a_consent(window, ctx, client, monkeypatch):
    with ctx.session() as db:
        privacy.record_consent(
            db=db, client_id=client.id, given_on=date.today() - timedelta(days=10),
            method="lisan", purposes=["pendampingan", "rujukan", "asosiasi"],
        )  # fmt: skip
    _select(window, client.id)
    assert window.clients.withdraw_action.isEnabled()

    def fill(form):
        assert form.save_button.text() == "Tarik persetujuan"
        form.fields["note"].widget.setPlainText("Disampaikan lewat telepon")

    _record_consent_with(monkeypatch, fill)
    window.clients.withdraw_action.trigger()
    with ctx.session() as db:
        assert privacy.current_consent(db=db, client_id=client.id) is None
    text = window.clients.detail.toPlainText()
    assert "Belum ada persetujuan" in text
    assert "Persetujuan terakhir ditarik pada" in text
    assert not window.clients.withdraw_action.isEnabled()


def test_the_history_dialog_lists_the_creation_and_the_consent(window, ctx, client, monkeypatch):
    with ctx.session() as db:
        privacy.record_consent(
            db=db, client_id=client.id, given_on=date.today(), method="tertulis",
            purposes=["pendampingan"],
        )  # fmt: skip
    _select(window, client.id)
    shown = []
    monkeypatch.setattr(privacy_ui.HistoryDialog, "exec", lambda d: shown.append(d) or 0)
    window.clients.history_action.trigger()
    dialog = shown[0]
    rows = dialog.row_texts()
    headers = [
        dialog.table.horizontalHeaderItem(i).text() for i in range(dialog.table.columnCount())
    ]
    assert headers == ["Waktu", "Oleh", "Tindakan", "Data", "Kolom", "Keluar dari laptop"]
    # Newest first: the consent, then the client's creation.
    assert rows[0][2] == "Dibuat" and rows[0][3].startswith("Persetujuan #")
    assert rows[-1][2] == "Dibuat" and rows[-1][3] == f"Klien #{client.id}"
    assert rows[-1][1] == "Siti Rahmawati"
    assert "NIK" in rows[-1][4]
    assert rows[-1][5] == "—"
    when = rows[-1][0]
    assert len(when) == 16 and when[2] == "-" and when[5] == "-" and when[13] == ":"


def test_the_history_of_a_case(window, ctx, client, monkeypatch):
    with ctx.session() as db:
        case = open_case(
            db=db, client_id=client.id, title="Sertifikasi halal",
            consultant_id=ctx.consultant_id, opened_on=date.today(),
        )  # fmt: skip
    window.show_case(case.id)
    shown = []
    monkeypatch.setattr(privacy_ui.HistoryDialog, "exec", lambda d: shown.append(d) or 0)
    window.cases.show_history()
    rows = shown[0].row_texts()
    assert [r[2] for r in rows] == ["Dibuat"]
    assert rows[0][3] == f"Kasus #{case.id}"


def test_erase_needs_the_name_then_the_list_and_detail_show_the_client_erased(
    window, ctx, client, monkeypatch, qtbot
):
    _select(window, client.id)
    states = []

    def confirm(dialog):
        qtbot.addWidget(dialog)
        states.append(dialog.erase_button.isEnabled())
        qtbot.keyClicks(dialog.confirm, "Amplang Bu")
        states.append(dialog.erase_button.isEnabled())
        qtbot.keyClicks(dialog.confirm, " Ani")
        states.append(dialog.erase_button.isEnabled())
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(privacy_ui.EraseDialog, "exec", confirm)
    window.clients.erase_action.trigger()
    assert states == [False, False, True]
    qtbot.waitUntil(
        lambda: (
            window.clients.model.rowCount() == 1
            and window.clients.model.row_at(0).business_name == f"Klien terhapus #{client.id}"
        ),
        timeout=10000,
    )
    text = window.clients.detail.toPlainText()
    assert "Data pribadi klien ini telah dihapus pada" in text
    assert "6271054508900001" not in text and "Ibu Ani" not in text
    assert not window.clients.erase_action.isEnabled()
    assert not window.clients.consent_action.isEnabled()
    assert not window.clients.edit_action.isEnabled()
    assert window.clients.history_action.isEnabled()
    with ctx.session() as db:
        assert get_client(db=db, client_id=client.id).nik is None


def test_the_erase_dialog_also_takes_hapus_and_cancel_changes_nothing(window, ctx, client, qtbot):
    dialog = privacy_ui.EraseDialog(window, business_name="Amplang Bu Ani", retention_days=365)
    qtbot.addWidget(dialog)
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.confirm, "hapus")
    assert dialog.erase_button.isEnabled()
    dialog.reject()
    with ctx.session() as db:
        assert get_client(db=db, client_id=client.id).erased_at is None


def test_the_erase_dialog_says_what_goes_and_what_stays(qtbot):
    from PySide6.QtWidgets import QLabel

    dialog = privacy_ui.EraseDialog(None, business_name="Amplang Bu Ani", retention_days=400)
    qtbot.addWidget(dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    for word in ("NIK", "telepon", "alamat", "surat rujukan", "jumlah sesi", "durasinya"):
        assert word in text
    assert "tidak bisa dibatalkan" in text
    assert "400 hari" in text


def test_export_all_data_of_a_client_writes_json_and_pdf(
    window, ctx, client, monkeypatch, qtbot, tmp_path
):
    pytest.importorskip("klinik.reports.access")
    target = tmp_path / "salinan"
    target.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(target))
    _select(window, client.id)
    window.clients.access_action.trigger()

    def shown():
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.objectName() == "access_done" and w.isVisible()
            ),
            None,
        )

    qtbot.waitUntil(lambda: shown() is not None, timeout=15000)
    box = shown()
    files = sorted(p.name for p in target.iterdir())
    assert [p.rsplit(".", 1)[1] for p in files] == ["json", "pdf"]
    for name in files:
        assert name in box.text()
    assert box.findChild(type(box.buttons()[0]), "open_folder") is not None
    data = json.loads((target / files[0]).read_text(encoding="utf-8"))
    assert data["client"]["business_name"] == "Amplang Bu Ani"
    opened = []
    monkeypatch.setattr(privacy_ui, "open_folder", opened.append)
    box.findChild(type(box.buttons()[0]), "open_folder").click()
    assert opened == [target]


def test_printing_the_consent_form_shows_it_and_is_recorded_as_leaving_the_laptop(
    window, ctx, client, qtbot, monkeypatch
):
    from klinik.ui.documents import DocumentDialog

    def open_document():
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, DocumentDialog) and w.isVisible()
            ),
            None,
        )

    _select(window, client.id)
    window.clients.consent_pdf_action.trigger()
    qtbot.waitUntil(lambda: open_document() is not None, timeout=10000)
    dialog = open_document()
    assert dialog.document.pageCount() >= 1
    assert "Amplang Bu Ani" in dialog.file_name
    dialog.close()
    shown = []
    monkeypatch.setattr(privacy_ui.HistoryDialog, "exec", lambda d: shown.append(d) or 0)
    window.clients.show_history()
    newest = shown[0].row_texts()[0]
    assert newest[2] == "Dicetak/PDF" and newest[5] == "Ya"
    assert newest[3].startswith("Formulir persetujuan")


def test_the_consent_form_ticks_the_purposes_in_force_read_off_the_gui_thread(
    ctx, client, qtbot, monkeypatch
):
    from klinik.ui import ops

    with ctx.session() as db:
        privacy.record_consent(
            db=db, client_id=client.id, given_on=date.today(), method="lisan",
            purposes=["pendampingan", "asosiasi"],
        )  # fmt: skip
    monkeypatch.setattr(ops, "INLINE", False)
    form = privacy_ui.open_consent_form(None, ctx, client_id=client.id)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.fields["purposes"].raw() != [], timeout=5000)
    assert sorted(form.fields["purposes"].raw()) == ["asosiasi", "pendampingan"]
    assert not form.is_modified()  # closing it untouched asks nothing
    assert form.fields["recorded_by_id"].raw() == ctx.consultant_id


def test_the_history_dialog_opens_at_once_and_fills_from_a_query_op(
    ctx, client, qtbot, monkeypatch
):
    from klinik.ui import ops

    monkeypatch.setattr(ops, "INLINE", False)
    dialog = privacy_ui.client_history_dialog(None, ctx, client_id=client.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    assert dialog.windowTitle() == "Riwayat data — Amplang Bu Ani"
    assert dialog.row_texts()[0][3] == f"Klien #{client.id}"
    assert dialog.empty.isHidden()


def test_the_consultants_offered_follow_data_changed(ctx):
    from klinik.services.consultants import create_consultant

    assert [name for _id, name in ctx.consultant_choices()] == ["Siti Rahmawati"]
    with ctx.session() as db:
        create_consultant(db=db, name="Budi Santoso")
    assert len(ctx.consultant_choices()) == 1  # read once
    ctx.changed("consultant")
    assert [name for _id, name in ctx.consultant_choices()] == ["Budi Santoso", "Siti Rahmawati"]
