"""Ops: a user action runs off the GUI thread, maps its errors once and announces what it
changed; the areas refresh on that signal. The table model passes Qt's model tester."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from klinik.errors import FieldError, ValidationError
from klinik.services import clients as client_service
from klinik.ui import ops
from klinik.ui.forms import FieldSpec, RecordForm


@pytest.fixture
def threaded(monkeypatch):
    monkeypatch.setattr(ops, "INLINE", False)


def test_a_write_runs_off_the_gui_thread_commits_and_says_what_changed(ctx, qtbot, threaded):
    seen: dict = {}
    ctx.data_changed.connect(lambda kind: seen.setdefault("changed", []).append(kind))

    def work(db):
        seen["thread"] = threading.current_thread()
        return client_service.create_client(db=db, business_name="Amplang Bu Ani").id

    ops.write(None, ctx, work, changed=("client", "case"), success=lambda r: seen.update(id=r))
    qtbot.waitUntil(lambda: "id" in seen, timeout=5000)
    assert seen["thread"] is not threading.main_thread()
    assert seen["changed"] == ["client", "case"]
    with ctx.session() as db:
        assert client_service.get_client(db=db, client_id=seen["id"]).business_name == (
            "Amplang Bu Ani"
        )


def test_a_failed_write_changes_nothing_and_goes_to_failure(ctx, qtbot, threaded):
    seen: dict = {}
    ctx.data_changed.connect(lambda kind: seen.setdefault("changed", []).append(kind))

    def work(db):
        client_service.create_client(db=db, business_name="Tidak Jadi")
        raise ValidationError(FieldError("business_name", "Nama usaha sudah ada."))

    ops.write(None, ctx, work, changed="client", failure=lambda exc: seen.update(error=exc))
    qtbot.waitUntil(lambda: "error" in seen, timeout=5000)
    assert "changed" not in seen
    with ctx.session() as db:
        assert client_service.list_clients(db=db, search="Tidak Jadi").rows == []


def test_a_query_delivers_its_result_on_the_gui_thread(ctx, qtbot, threaded):
    seen: dict = {}

    def done(result):
        seen["result"], seen["thread"] = result, threading.current_thread()

    ops.query(None, ctx, lambda db: threading.current_thread(), success=done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] is not threading.main_thread()
    assert seen["thread"] is threading.main_thread()


def test_a_form_saved_as_an_op_keeps_what_was_typed_and_shows_the_error(ctx, qtbot, threaded):
    def save(db, raw):
        if raw["business_name"] == "X":
            raise ValidationError(FieldError("business_name", "Nama usaha terlalu pendek."))
        return client_service.create_client(db=db, **raw)

    specs = [FieldSpec("business_name", "Nama usaha", required=True)]
    form = RecordForm(None, "Klien baru", specs, save, ctx=ctx, changed="client")
    qtbot.addWidget(form)
    form.show()
    form.fields["business_name"].widget.setText("X")
    form.try_save()
    qtbot.waitUntil(lambda: bool(form.error_text("business_name")), timeout=5000)
    assert "terlalu pendek" in form.error_text("business_name")
    assert form.isVisible() and form.fields["business_name"].widget.text() == "X"
    form.fields["business_name"].widget.setText("Kerupuk Ikan Bu Yuli")
    form.try_save()
    qtbot.waitUntil(lambda: form.result_record is not None, timeout=5000)
    assert form.result() == form.DialogCode.Accepted


def test_the_area_on_screen_refreshes_on_the_changed_signal(window, ctx, qtbot, threaded):
    with ctx.session() as db:
        client_id = client_service.create_client(db=db, business_name="Rotan Kasongan").id
    window.show_client(client_id)
    area = window.clients
    qtbot.waitUntil(lambda: area.model.rowCount() == 1, timeout=5000)
    ops.write(
        None, ctx, lambda db: client_service.archive_client(db=db, client_id=client_id),
        changed="client",
    )  # fmt: skip
    qtbot.waitUntil(lambda: area.model.rowCount() == 0, timeout=5000)  # no reload() called
    QApplication.processEvents()


def test_the_table_model_passes_the_qt_model_tester(window, ctx, qtmodeltester):
    with ctx.session() as db:
        for name in ("Amplang Bu Ani", "Madu Kelulut Tahai", "Rotan Kasongan"):
            client_service.create_client(db=db, business_name=name)
    window.clients.reload()
    qtmodeltester.check(window.clients.model, force_py=True)
