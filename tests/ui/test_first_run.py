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
        assert [c.name for c in list_consultants(session=db)] == ["Siti Rahmawati, S.E."]
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
