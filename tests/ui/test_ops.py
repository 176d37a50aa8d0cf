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


SLOW_SQL = (
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 500000000) "
    "SELECT count(*) FROM n"
)  # about a minute of SQLite's time: only an interrupt ends it soon


def test_a_newer_latest_read_interrupts_the_older_one_silently(ctx, qtbot, threaded, monkeypatch):
    import time

    from sqlalchemy import text

    shown: list = []
    monkeypatch.setattr("klinik.ui.errors.show_error", lambda *args: shown.append(args))
    started = threading.Event()
    seen: dict = {}

    def slow(db):
        started.set()
        return db.execute(text(SLOW_SQL)).scalar()

    reads = ops.Latest(None, ctx, "test")
    reads.query(slow, success=lambda r: seen.setdefault("old", r))
    assert started.wait(5)
    time.sleep(0.1)  # the statement is running now
    begun = time.perf_counter()
    reads.query(
        lambda db: db.execute(text("SELECT 7")).scalar(), success=lambda r: seen.update(new=r)
    )
    qtbot.waitUntil(lambda: "new" in seen, timeout=5000)
    from klinik.ui import tasks

    qtbot.waitUntil(lambda: not tasks._RUNNING, timeout=5000)  # the slow one stopped too
    assert time.perf_counter() - begun < 5
    assert seen == {"new": 7}  # the interrupted read delivered nothing
    assert shown == []  # and no error reached the user
    assert not reads.busy


def test_a_late_result_of_an_older_latest_read_is_dropped(ctx, qtbot, threaded):
    release = threading.Event()
    seen: list = []
    reads = ops.Latest(None, ctx, "test")

    def old(_db):
        release.wait(5)  # no SQL: only dropping its result cancels it
        return "old"

    reads.query(old, success=seen.append)
    reads.query(lambda _db: "new", success=seen.append)
    qtbot.waitUntil(lambda: seen == ["new"], timeout=5000)
    release.set()
    from klinik.ui import tasks

    qtbot.waitUntil(lambda: not tasks._RUNNING, timeout=5000)
    QApplication.processEvents()
    assert seen == ["new"]


def test_an_interrupted_query_is_recognised_through_sqlalchemy(ctx):
    import sqlite3

    from sqlalchemy import exc as sa_exc

    from klinik.ui.tasks import interrupted

    inner = sqlite3.OperationalError("interrupted")
    wrapped = sa_exc.OperationalError("SELECT 1", {}, inner)
    assert interrupted(wrapped) and interrupted(inner)
    assert not interrupted(sqlite3.OperationalError("no such table: x"))
    assert not interrupted(ValueError("interrupted"))
