"""Berkas → Instansi / Konsultan / Keperluan: the lists are read by query ops, the forms save
as ops, and each list follows data_changed for its kind."""

from __future__ import annotations

from klinik.services.consultants import list_consultants
from klinik.ui import ops
from klinik.ui.directory import agencies_dialog, consultants_dialog


def test_a_consultant_added_and_edited_shows_in_the_list_and_the_status_bar(window, ctx, qtbot):
    dialog = consultants_dialog(window, ctx)
    qtbot.addWidget(dialog)
    heard = []
    ctx.data_changed.connect(heard.append)
    assert [dialog.items.item(i).text() for i in range(dialog.items.count())] == [
        "Siti Rahmawati — Konsultan"
    ]
    form = dialog._form(None)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.fields["name"].widget, "Budi Santoso, S.T.")
    form.try_save()
    assert form.result() == form.DialogCode.Accepted
    assert heard == ["consultant"]
    texts = [dialog.items.item(i).text() for i in range(dialog.items.count())]
    assert "Budi Santoso, S.T. — Konsultan Pendamping" in texts  # no refresh() by hand
    mine = next(i for i in range(dialog.items.count()) if texts[i].startswith("Siti"))
    edit = dialog._form(dialog.items.item(mine).data(256))
    qtbot.addWidget(edit)
    assert edit.fields["name"].widget.text() == "Siti Rahmawati"
    edit.fields["name"].widget.setText("Siti Rahmawati, S.E.")
    edit.fields["active"].widget.setChecked(False)
    edit.try_save()
    assert "Siti Rahmawati, S.E. — Konsultan (tidak aktif)" in [
        dialog.items.item(i).text() for i in range(dialog.items.count())
    ]
    assert window.consultant_label.text() == "Konsultan: Siti Rahmawati, S.E."
    with ctx.session() as db:
        assert len(list_consultants(db=db)) == 2


def test_the_agency_list_is_read_and_saved_off_the_gui_thread(ctx, qtbot, monkeypatch):
    monkeypatch.setattr(ops, "INLINE", False)
    dialog = agencies_dialog(None, ctx)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.items.count() > 0, timeout=5000)
    before = dialog.items.count()
    form = dialog._form(None)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.fields["code"].widget, "PUSKESMAS-KSG")
    qtbot.keyClicks(form.fields["name"].widget, "UPT Puskesmas Kasongan I")
    qtbot.keyClicks(form.fields["addressee_title"].widget, "Kepala UPT Puskesmas Kasongan I")
    form.try_save()
    qtbot.waitUntil(lambda: form.result() == form.DialogCode.Accepted, timeout=5000)
    qtbot.waitUntil(lambda: dialog.items.count() == before + 1, timeout=5000)
    texts = [dialog.items.item(i).text() for i in range(dialog.items.count())]
    assert "UPT Puskesmas Kasongan I (PUSKESMAS-KSG)" in texts
