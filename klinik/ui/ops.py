"""One way to run a user action: an op (after Anki's ``aqt.operations``: CollectionOp and
QueryOp).

- ``write(parent, ctx, fn, changed=...)``: ``fn(db)`` runs off the GUI thread in one
  transaction (committed when it returns, rolled back when it raises). On success the
  context emits ``data_changed(kind)`` once per kind, and the areas that show that kind
  refresh themselves: no caller writes ``reload()`` after a change. A later sync pull will
  emit the same signal.
- ``query(parent, ctx, fn)``: ``fn(db)`` reads off the GUI thread; the result comes back on
  the GUI thread.

Errors are mapped once: a problem the user can act on (bad input, a refusal, a full disk)
goes to ``failure`` when given (a form shows it under its fields), else to the standard
message box; a bug is logged with its traceback and shown as one (``ui/errors.show_error``).
Widgets never open a database session themselves.

``Latest`` is a query that only its newest request counts for (a list's page, its count,
a detail pane, Beranda, the status bar, Laporan's figures): a newer request interrupts the
older one's SQL (``sqlite3.Connection.interrupt``) and drops its result if it still comes.
An interrupted query is a silent cancel, never an error for the user.

``INLINE`` runs ops at once on the calling thread, through the same code path (the window
tests set it, so that they read the result right after a click; the threaded path has tests
of its own).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QWidget

from klinik.ui.tasks import Cancelled, Progress, interrupted, run_task

INLINE = False

logger = logging.getLogger(__name__)


def _kinds(changed: str | Iterable[str] | None) -> tuple[str, ...]:
    if changed is None:
        return ()
    return (changed,) if isinstance(changed, str) else tuple(changed)


def _failed(parent: QWidget | None, failure: Callable[[BaseException], None] | None):
    def handle(exc: BaseException) -> None:
        if failure is not None:
            failure(exc)
            return
        if isinstance(exc, Cancelled):
            return
        from klinik.ui.errors import show_error

        show_error(parent, exc)

    return handle


def _run(
    parent: QWidget | None,
    work: Callable[[Progress | None], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None],
    label: str | None,
) -> None:
    if INLINE:
        try:
            result = work(None)
        except Exception as exc:  # delivered as the threaded path delivers it
            failed(exc)  # show_error logs what it shows: logging here too wrote a bug twice
            return
        done(result)
        return
    run_task(parent, work, on_done=done, on_error=failed, label=label)


def write(
    parent: QWidget | None,
    ctx,
    fn: Callable[..., Any],
    *,
    changed: str | Iterable[str],
    success: Callable[[Any], None] | None = None,
    failure: Callable[[BaseException], None] | None = None,
    label: str | None = None,
    progress: bool = False,
) -> None:
    """Change data: ``fn(db)`` (or ``fn(db, progress)``) in one transaction, then
    ``data_changed`` for each kind in ``changed``, then ``success(result)``."""
    store = ctx.store

    def work(report: Progress | None) -> Any:
        with store.session() as db:
            return fn(db, report) if progress else fn(db)

    def done(result: Any) -> None:
        for kind in _kinds(changed):
            ctx.changed(kind)
        if success is not None:
            success(result)

    _run(parent, work, done, _failed(parent, failure), label)


def fetch(parent: QWidget | None, ctx, fn: Callable[[Any], Any]) -> Any:
    """Read data off the GUI thread and return it, for code that needs the value before it
    goes on (a form's pre-filled values): the window keeps painting while it waits, as it
    does under a dialog's ``exec()``. An error is raised here, for the caller to map."""
    if INLINE:
        with ctx.store.session() as db:
            return fn(db)
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    query(parent, ctx, fn, success=done, failure=failed)
    if not outcome:
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def query(
    parent: QWidget | None,
    ctx,
    fn: Callable[[Any], Any],
    *,
    success: Callable[[Any], None],
    failure: Callable[[BaseException], None] | None = None,
    label: str | None = None,
) -> None:
    """Read data: ``fn(db)`` off the GUI thread, ``success(result)`` on it."""
    store = ctx.store

    def work(_report: Progress | None) -> Any:
        with store.session() as db:
            return fn(db)

    _run(parent, work, success, _failed(parent, failure), label)


def _driver_connection(db) -> Any | None:
    """The sqlite3 connection under a session, to interrupt; None for another database."""
    try:
        raw = db.connection().connection.driver_connection
    except Exception:  # noqa: BLE001 (no connection to reach: nothing to interrupt)
        return None
    return raw if isinstance(raw, sqlite3.Connection) else None


class Latest:
    """Reads of one kind for one part of the window, of which only the newest counts.

    ``query(fn, success=...)`` cancels the request before it: a request still waiting for
    a worker never starts, one running has its SQL interrupted, and a result that arrives
    anyway is dropped. ``success`` runs for the newest request only. ``busy`` is true from
    a request until its result (or error) is delivered; ``cancel()`` drops everything.
    """

    def __init__(self, parent: QWidget | None, ctx, name: str = ""):
        self.parent, self.ctx, self.name = parent, ctx, name
        self._generation = 0
        self._lock = threading.Lock()
        self._running: dict[int, sqlite3.Connection] = {}
        self.busy = False

    @property
    def generation(self) -> int:
        return self._generation

    def cancel(self) -> None:
        """Drop what is on its way: interrupt the running SQL of every older request."""
        with self._lock:
            self._generation += 1
            for connection in self._running.values():
                connection.interrupt()  # thread-safe; a no-op between statements
        self.busy = False

    def query(
        self,
        fn: Callable[[Any], Any],
        *,
        success: Callable[[Any], None],
        failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.cancel()
        generation = self._generation
        self.busy = True
        store = self.ctx.store

        def current() -> bool:
            return generation == self._generation

        def work(_report: Progress | None) -> Any:
            if not current():
                raise Cancelled()  # superseded while it waited for a worker
            with store.session() as db:
                connection = None if INLINE else _driver_connection(db)
                if connection is not None:
                    with self._lock:
                        if not current():
                            raise Cancelled()
                        self._running[generation] = connection
                try:
                    return fn(db)
                finally:
                    if connection is not None:
                        with self._lock:  # before the connection goes back to the pool
                            self._running.pop(generation, None)

        def done(result: Any) -> None:
            if current():
                self.busy = False
                success(result)

        report = _failed(self.parent, failure)

        def failed(exc: BaseException) -> None:
            if not current():
                return
            self.busy = False
            if isinstance(exc, Cancelled) or interrupted(exc):
                logger.info("read cancelled: %s", self.name)
                return
            report(exc)

        _run(self.parent, work, done, failed, None)
