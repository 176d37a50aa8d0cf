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

``INLINE`` runs ops at once on the calling thread, through the same code path (the window
tests set it, so that they read the result right after a click; the threaded path has tests
of its own).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QWidget

from klinik.ui.tasks import Cancelled, Progress, run_task

INLINE = False


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
