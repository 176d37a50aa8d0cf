"""The window as a consultant uses it: forms, lists, timeline, Beranda, archive and undo."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from klinik.services.cases import open_case
from klinik.services.clients import create_client, list_clients
from klinik.ui.table_model import ID_ROLE


def _client_and_case(ctx, name="Madu Kelulut Katingan"):
    with ctx.session() as db:
        client = create_client(db=db, business_name=name, owner_name="Pak Yusuf")
        case = open_case(
            db=db,
            client_id=client.id,
            title="Pendaftaran SPP-IRT",
            areas=["produksi", "pemasaran"],
            consultant_id=ctx.consultant_id,
            opened_on=date.today() - timedelta(days=30),
        )
    return client, case


def test_status_bar_counts_and_areas(window, ctx):
    _client_and_case(ctx)
    window.update_status()
    assert "1 klien · 1 kasus" in window.statusBar().currentMessage()
    assert "Siti Rahmawati" in window.consultant_label.text()
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["Beranda", "Klien", "Kasus", "Sesi", "Rujukan", "Laporan"]


def test_create_a_client_through_the_form(window, ctx, qtbot):
    window.nav.setCurrentRow(1)
    form = window.clients.open_form()
    qtbot.addWidget(form)
    assert not form.save_button.isEnabled()
    assert "Nama usaha" in form.status.text()
    qtbot.keyClicks(form.fields["business_name"].widget, "Kerupuk Ikan Haruan")
    qtbot.keyClicks(form.fields["owner_name"].widget, "Ibu Ani")
    qtbot.keyClicks(form.fields["phone"].widget, "0812 3456 7890")
    combo = form.fields["kabupaten_code"].widget
    combo.setCurrentIndex(combo.findData("6203"))
    assert form.save_button.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted
    window.clients.reload()
    names = [
        window.clients.model.row_at(i).business_name for i in range(window.clients.model.rowCount())
    ]
    assert names == ["Kerupuk Ikan Haruan"]
    window.clients.table.selectRow(0)
    html = window.clients.detail.toPlainText()
    assert "0812-3456-7890" in html
    assert "Kapuas" in html


def test_a_wrong_nik_shows_its_message_under_the_field_and_keeps_the_input(window, qtbot):
    form = window.clients.open_form()
    qtbot.addWidget(form)
    qtbot.keyClicks(form.fields["business_name"].widget, "Rotan Pak Ujang")
    qtbot.keyClicks(form.fields["nik"].widget, "62710545089")
    assert "NIK harus 16 angka" in form.error_text("nik")
    assert not form.save_button.isEnabled()
    assert "NIK" in form.status.text()
    assert form.fields["nik"].widget.text() == "62710545089"
    form.fields["nik"].widget.clear()
    qtbot.keyClicks(form.fields["nik"].widget, "6271054508900001")
    assert form.error_text("nik") == ""
    assert form.save_button.isEnabled()


def test_a_refused_save_puts_the_message_under_the_field_and_keeps_everything(window, ctx, qtbot):
    with ctx.session() as db:
        create_client(db=db, business_name="Yang Pertama", nik="6271054508900001")
    form = window.clients.open_form()
    qtbot.addWidget(form)
    qtbot.keyClicks(form.fields["business_name"].widget, "Yang Kedua")
    qtbot.keyClicks(form.fields["nik"].widget, "6271054508900001")
    qtbot.keyClicks(form.fields["products"].widget, "abon ikan")
    form.try_save()
    assert form.result() != form.DialogCode.Accepted
    assert "sudah terdaftar" in form.error_text("nik")
    assert form.fields["business_name"].widget.text() == "Yang Kedua"
    assert form.fields["products"].widget.text() == "abon ikan"
    with ctx.session() as db:
        assert len(list_clients(db=db).rows) == 1


def test_log_a_session_with_a_follow_up_and_see_it_in_the_timeline_and_on_beranda(
    window, ctx, qtbot, qapp
):
    client, case = _client_and_case(ctx)
    window.show_case(case.id)
    assert window.cases.current_id == case.id
    from klinik.ui.areas.cases import session_form

    form = session_form(window.cases, ctx, case_id=case.id)
    qtbot.addWidget(form)
    form.show()
    form.raise_()
    form.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is form, timeout=3000)
    # The cursor waits in the notes: the consultant starts typing at once.
    assert form.focusWidget() is form.fields["summary"].widget
    # Pre-filled: today, 60 minutes, the case's areas, the current consultant.
    assert form.fields["held_on"].widget.text() != ""
    assert form.fields["minutes"].widget.text() == "60"
    assert form.fields["areas"].raw() == ["produksi", "pemasaran"]
    assert form.fields["consultant_id"].raw() == ctx.consultant_id
    # Keyboard only: type the notes, Tab, Tab to the next steps, type, Ctrl+S.
    qtbot.keyClicks(form.focusWidget(), "Membahas label kemasan")
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)
    assert form.focusWidget() is form.fields["next_steps"].widget
    today = date.today().strftime("%d/%m/%Y")
    qtbot.keyClicks(form.focusWidget(), f"Foto produk @ {today}")
    qtbot.keyClick(
        form.fields["next_steps"].widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
    )
    assert form.result() == form.DialogCode.Accepted
    window.cases.show_detail()
    timeline = window.cases.detail.toPlainText()
    assert "Membahas label kemasan" in timeline
    assert "Foto produk" in timeline
    assert "Baru → Aktif" in timeline
    window.nav.setCurrentRow(0)
    home = window.home.view.toPlainText()
    assert "Tindak lanjut jatuh tempo dan terlambat (1)" in home
    assert "Madu Kelulut Katingan" in home


def test_a_bad_follow_up_date_is_explained_under_the_field(window, ctx, qtbot):
    _client, case = _client_and_case(ctx)
    from klinik.ui.areas.cases import session_form

    form = session_form(window.cases, ctx, case_id=case.id)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.fields["next_steps"].widget, "Urus NIB @ 31/02/2026")
    assert "Baris 1" in form.error_text("next_steps")
    assert not form.save_button.isEnabled()


def test_archive_a_client_then_undo(window, ctx, qtbot, monkeypatch):
    client, _case = _client_and_case(ctx)
    window.nav.setCurrentRow(1)
    window.clients.select_id(client.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.clients.toggle_archive()
    assert window.clients.model.rowCount() == 0
    assert window.undo_bar.isVisible()
    assert "diarsipkan" in window.undo_label.text()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert not window.undo_bar.isVisible()
    assert window.clients.model.rowCount() == 1
    assert window.clients.model.data(window.clients.model.index(0, 0), ID_ROLE) == client.id


def test_closing_a_case_needs_a_reason(window, ctx, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from klinik.domain.vocab import CaseStatus

    _client, case = _client_and_case(ctx)
    window.show_case(case.id)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    window.cases.change_status(CaseStatus.DITUTUP)
    assert warnings and "Alasan menutup kasus wajib diisi" in warnings[0]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Usaha berhenti", True))
    window.cases.change_status(CaseStatus.DITUTUP)
    assert "Usaha berhenti" in window.cases.detail.toPlainText()
    assert not window.cases.session_action.isEnabled()


def test_search_filters_the_list(window, ctx, qtbot):
    with ctx.session() as db:
        for name in ("Amplang Bu Ani", "Madu Kelulut Lemo", "Rotan Kasongan"):
            create_client(db=db, business_name=name)
    window.nav.setCurrentRow(1)
    assert window.clients.model.rowCount() == 3
    qtbot.keyClicks(window.clients.search, "madu")
    qtbot.waitUntil(lambda: window.clients.model.rowCount() == 1, timeout=2000)
    assert window.clients.model.row_at(0).business_name == "Madu Kelulut Lemo"
    assert window.clients.count_label.text() == "1 klien"


def test_table_model_passes_qt_model_tester(qtmodeltester, ctx):
    from klinik.ui.areas.clients import ClientsArea

    with ctx.session() as db:
        for i in range(450):
            create_client(db=db, business_name=f"Usaha {i:03d}")
    area = ClientsArea(ctx)
    area.reload()
    assert area.model.rowCount() == 200
    assert area.model.canFetchMore()
    area.model.fetchMore()
    assert area.model.rowCount() == 400
    qtmodeltester.check(area.model)


def test_ctrl_shift_s_in_the_case_list_opens_the_session_form(
    window, ctx, monkeypatch, qtbot, qapp
):
    _client, case = _client_and_case(ctx)
    window.show_case(case.id)
    opened = []
    monkeypatch.setattr(
        "klinik.ui.areas.cases.open_session_form",
        lambda parent, context, *, case_id, session_id=None: opened.append(case_id),
    )
    window.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is window, timeout=3000)
    window.cases.table.setFocus()
    qtbot.keyClick(
        window.cases.table,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert opened == [case.id]


def test_escape_on_a_typed_form_asks_before_discarding(window, qtbot, monkeypatch):
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    form = window.clients.open_form()
    qtbot.addWidget(form)
    qtbot.keyClicks(form.fields["business_name"].widget, "Keripik Kelakai")
    form.reject()
    assert asked == ["Buang perubahan?"]
    assert form.fields["business_name"].widget.text() == "Keripik Kelakai"
    untouched = window.clients.open_form()
    qtbot.addWidget(untouched)
    untouched.reject()
    assert asked == ["Buang perubahan?"]


def test_agencies_can_be_added_and_edited_from_the_file_menu(window, ctx, qtbot):
    from klinik.services.referrals import get_agency
    from klinik.ui.directory import agencies_dialog

    dialog = agencies_dialog(window, ctx)
    qtbot.addWidget(dialog)
    names = [dialog.items.item(i).text() for i in range(dialog.items.count())]
    assert "Dinas Kesehatan Kota Palangka Raya (DINKES-PKY)" in names
    form = dialog._form(None)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.fields["code"].widget, "puskesmas-ksg")
    qtbot.keyClicks(form.fields["name"].widget, "UPT Puskesmas Kasongan I")
    qtbot.keyClicks(form.fields["addressee_title"].widget, "Kepala UPT Puskesmas Kasongan I")
    form.fields["town"].widget.setText("Kasongan")
    region = form.fields["kabupaten_code"].widget
    region.setCurrentIndex(region.findData("6209"))
    role = form.fields["role"].widget
    role.setCurrentIndex(role.findData("kesehatan"))
    form.try_save()
    assert form.result() == form.DialogCode.Accepted
    with ctx.session() as db:
        agency = get_agency(db=db, agency_id="PUSKESMAS-KSG")
    assert agency.town == "Kasongan"
    assert (agency.kabupaten_code, agency.role, agency.to_verify) == ("6209", "kesehatan", False)
    assert any(n.endswith("(DISKOPUKM-KTG) — nama perlu diperiksa") for n in names)
    dialog.refresh()
    assert dialog.items.count() == len(names) + 1


def test_a_follow_up_can_be_added_to_a_case_without_a_session(window, ctx, qtbot, monkeypatch):
    from klinik.ui import forms

    _client, case = _client_and_case(ctx)
    window.show_case(case.id)

    def fill_and_save(form):
        form.fields["description"].widget.setText("Kirim contoh label ke klien")
        form.fields["due_on"].widget.setText("01/12/2030")
        form.try_save()
        return form.result()

    monkeypatch.setattr(forms.RecordForm, "exec", fill_and_save)
    window.cases.add_follow_up()
    assert "Kirim contoh label ke klien" in window.cases.detail.toPlainText()
    assert "1 Desember 2030" in window.cases.detail.toPlainText()


def test_column_widths_and_splitters_are_remembered(window, ctx, qtbot):
    from klinik.ui.main_window import MainWindow

    window.nav.setCurrentRow(1)
    window.clients.table.setColumnWidth(0, 321)
    window.clients.splitter.setSizes([700, 500])
    sizes = window.clients.splitter.sizes()
    window.close()  # closeEvent saves the layout in QSettings
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    again.resize(1366, 768)
    again.show()
    assert again.clients.table.columnWidth(0) == 321
    # The split is kept as a proportion of the window's width.
    left, right = again.clients.splitter.sizes()
    assert abs(left / (left + right) - sizes[0] / sum(sizes)) < 0.02


def test_a_letter_template_with_an_unknown_word_is_refused_under_the_field(window, ctx, qtbot):
    from klinik.ui.directory import purposes_dialog

    dialog = purposes_dialog(window, ctx)
    qtbot.addWidget(dialog)
    labels = [dialog.items.item(i).text() for i in range(dialog.items.count())]
    assert "Fasilitasi SPP-IRT (spp_irt)" in labels
    form = dialog._form(dialog.items.item(0).data(256))
    qtbot.addWidget(form)
    body = form.fields["body"].widget
    body.setPlainText(body.toPlainText() + "\n\nHormat kami untuk {nama_bupati}")
    assert "{nama_bupati}" in form.error_text("body")
    assert not form.save_button.isEnabled()


def test_laporan_counts_the_period_in_the_background_and_follows_the_filters(window, ctx, qtbot):
    from klinik.services.sessions import log_session

    _client, case = _client_and_case(ctx)
    with ctx.session() as db:
        log_session(db=db, case_id=case.id, held_on=date.today(), minutes=90)
    window.nav.setCurrentRow(5)
    qtbot.waitUntil(lambda: "Jam pendampingan" in window.reports.view.toPlainText(), timeout=5000)
    text = window.reports.view.toPlainText()
    assert "UMKM didampingi\n1\n" in text
    assert "Jam pendampingan\n1,5\n" in text
    kab = window.reports.kabupaten
    kab.setCurrentIndex(kab.findData("6203"))  # Kapuas: the client has no kabupaten
    qtbot.waitUntil(lambda: "Jam pendampingan" in window.reports.view.toPlainText(), timeout=5000)
    assert "1,5" not in window.reports.view.toPlainText()


def test_an_outcome_can_be_corrected_from_the_timeline(window, ctx, monkeypatch):
    from klinik.services.outcomes import get_outcome, record_outcome
    from klinik.ui import forms

    _client, case = _client_and_case(ctx)
    with ctx.session() as db:
        outcome = record_outcome(
            db=db, case_id=case.id, kind="financing", occurred_on=date.today(),
            amount=50_000_000, institution="Bank Kalteng",
        )  # fmt: skip
    window.show_case(case.id)
    assert "Rp50.000.000" in window.cases.detail.toPlainText()

    def change_amount(form):
        form.fields["amount"].widget.setText("Rp75.000.000")
        form.try_save()
        return form.result()

    monkeypatch.setattr(forms.RecordForm, "exec", change_amount)
    window.cases.link_clicked("outcome", str(outcome.id))
    with ctx.session() as db:
        assert get_outcome(db=db, outcome_id=outcome.id).amount == 75_000_000
    assert "Rp75.000.000" in window.cases.detail.toPlainText()


def test_closing_after_changes_leaves_a_verified_backup(window, ctx):
    from klinik.db.backup import list_backups

    assert list_backups() == []
    with ctx.session() as db:
        create_client(db=db, business_name="Keripik Kelakai")
    ctx.changed("client")
    window.close()
    [backup] = list_backups()
    assert backup.clients == 1


def test_backup_now_from_the_file_menu(window, qtbot):
    from klinik.db.backup import list_backups

    window.backup_now()
    qtbot.waitUntil(lambda: len(list_backups()) == 1, timeout=5000)
    qtbot.waitUntil(
        lambda: "Cadangan tersimpan" in window.statusBar().currentMessage(), timeout=5000
    )


def test_restore_from_a_backup_in_the_window(window, ctx, qtbot):
    from klinik.db.backup import make_backup

    with ctx.session() as db:
        create_client(db=db, business_name="Sebelum cadangan")
    saved = make_backup()
    with ctx.session() as db:
        create_client(db=db, business_name="Sesudah cadangan")
    window.nav.setCurrentRow(1)
    assert window.clients.model.rowCount() == 2
    assert window.restore_from_backup(str(saved), confirm=False)
    assert window.clients.model.rowCount() == 1
    assert window.clients.model.row_at(0).business_name == "Sebelum cadangan"
    with ctx.session() as db:  # the context now reads the restored store
        assert [r.business_name for r in list_clients(db=db).rows] == ["Sebelum cadangan"]


def test_the_status_counts_read_in_the_background_leave_a_newer_message_shown(
    window, ctx, qtbot, monkeypatch
):
    from klinik.ui import ops

    _client_and_case(ctx)
    monkeypatch.setattr(ops, "INLINE", False)
    from klinik.ui import tasks

    window.consultant_label.clear()
    window.update_status()  # as after an op: the counts are asked for ...
    window.statusBar().showMessage("Surat 001/KB/2026 diterbitkan.", 8000)  # ... then said
    qtbot.waitUntil(lambda: not tasks._RUNNING, timeout=5000)
    assert window.consultant_label.text() == "Konsultan: Siti Rahmawati"
    assert window.statusBar().currentMessage() == "Surat 001/KB/2026 diterbitkan."
    window.statusBar().clearMessage()
    window.update_status()
    qtbot.waitUntil(
        lambda: "1 klien · 1 kasus" in window.statusBar().currentMessage(), timeout=5000
    )


def test_switching_consultant_is_saved_by_an_op_and_the_window_follows(
    window, ctx, qtbot, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    from klinik.services.consultants import create_consultant

    with ctx.session() as db:
        create_consultant(db=db, name="Budi Santoso")
    heard, switched = [], []
    ctx.data_changed.connect(heard.append)
    ctx.consultant_changed.connect(lambda: switched.append(ctx.consultant_id))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Budi Santoso", True))
    window.switch_consultant()
    assert heard == ["settings"] and len(switched) == 1
    assert window.consultant_label.text() == "Konsultan: Budi Santoso"
    with ctx.session() as db:
        from klinik.services.settings import get_settings

        assert get_settings(db=db)["current_consultant_id"] == switched[0]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("+ Konsultan baru …", True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Rina Wati", True))
    window.switch_consultant()
    assert heard[1:] == ["consultant", "settings"]
    assert window.consultant_label.text() == "Konsultan: Rina Wati"


def test_beranda_on_screen_follows_data_changed_and_a_list_is_not_reloaded_twice(
    window, ctx, monkeypatch
):
    window.nav.setCurrentRow(0)
    reloads = []
    monkeypatch.setattr(window.home, "reload", lambda: reloads.append("home"))
    ctx.changed("client")  # e.g. an import while Beranda is shown
    assert reloads == ["home"]
    window.nav.setCurrentRow(1)
    monkeypatch.setattr(window.clients, "reload", lambda: reloads.append("clients"))
    ctx.changed("client")
    assert reloads == ["home", "clients"]  # by the list itself, once
