"""The first start asks for the consultant and the clinic, once."""

from __future__ import annotations

from klinik.services.consultants import list_consultants
from klinik.ui.context import AppContext
from klinik.ui.first_run import first_run_form, needs_first_run


def test_first_run_creates_the_consultant_and_keeps_the_clinic_settings(store, qtbot):
    ctx = AppContext(store)
    assert needs_first_run(ctx)
    form = first_run_form(None, ctx)
    qtbot.addWidget(form)
    assert not form.save_button.isEnabled()
    qtbot.keyClicks(form.fields["name"].widget, "Siti Rahmawati, S.E.")
    form.fields["clinic_name"].widget.setText("Klinik Bisnis KUMKM Kalteng")
    form.fields["letter_pattern"].widget.setText("{seq:03d}/KB/{year}")
    assert "seq" not in form.error_text("letter_pattern")
    form.try_save()
    assert form.result() == form.DialogCode.Accepted
    with ctx.session() as db:
        assert [c.name for c in list_consultants(db=db)] == ["Siti Rahmawati, S.E."]
    settings = ctx.settings()
    assert settings["clinic_name"] == "Klinik Bisnis KUMKM Kalteng"
    assert settings["letter_pattern"] == "{seq:03d}/KB/{year}"
    assert not needs_first_run(ctx)


def test_a_letter_pattern_without_the_sequence_is_refused_under_the_field(store, qtbot):
    form = first_run_form(None, AppContext(store))
    qtbot.addWidget(form)
    form.fields["letter_pattern"].widget.setText("{unit}/{year}")
    assert "seq" in form.error_text("letter_pattern")
    assert not form.save_button.isEnabled()


def test_the_first_run_asks_who_signs_letters_and_settings_take_the_nip(store, qtbot):
    ctx = AppContext(store)
    form = first_run_form(None, ctx)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.fields["name"].widget, "Siti Rahmawati, S.E.")
    form.fields["signer_name"].widget.setText("Dra. Hj. Rusdiana, M.Si.")
    form.fields["signer_title"].widget.setText("Kepala UPT Klinik Bisnis")
    form.try_save()
    assert ctx.settings()["signer_name"] == "Dra. Hj. Rusdiana, M.Si."
    assert ctx.settings()["signer_title"] == "Kepala UPT Klinik Bisnis"


def test_the_clinic_settings_refuse_a_bad_nip_under_the_field_and_keep_it(
    store, qtbot, monkeypatch
):
    from klinik.ui import first_run

    seen = {}

    def show(form):
        qtbot.addWidget(form)
        form.fields["signer_id"].widget.setText("1970-01")
        form.try_save()
        seen["error"] = form.error_text("signer_id")
        seen["typed"] = form.fields["signer_id"].widget.text()
        form.fields["signer_id"].widget.setText("19700101 199503 2 001")
        form.try_save()
        return form.result()

    monkeypatch.setattr(first_run.RecordForm, "exec", show)
    ctx = AppContext(store)
    assert first_run.clinic_settings_dialog(None, ctx)
    assert "18 angka" in seen["error"] and seen["typed"] == "1970-01"
    assert ctx.settings()["signer_id"] == "197001011995032001"
