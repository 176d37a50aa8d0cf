"""The one way to run long work off the GUI thread.

``run_task`` runs a function in the thread pool and delivers its result or its error back on
the GUI thread. A progress dialog appears only when the work lasts longer than about half a
second, and its Cancel button asks the work to stop (the function checks ``progress``).
Anchors: Anki's ``CollectionOp``/``QueryOp``, Picard's ``thread.run_task``.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from klinik.ui.i18n import tr

logger = logging.getLogger(__name__)

SHOW_PROGRESS_AFTER_MS = 500


class Cancelled(Exception):
    """Raised inside the work when the user pressed Cancel."""


class Progress:
    """Handed to the work function: report how far it is, and learn whether to stop."""

    def __init__(self, signals: _Signals):
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        try:
            self._signals.progress.emit(int(done), int(total))
        except RuntimeError:  # the window went away: stop the work
            self._cancel.set()
            raise Cancelled() from None

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)
    progress = Signal(int, int)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: _Signals, progress: Progress):
        super().__init__()
        self.fn, self.signals, self.progress_obj = fn, signals, progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn(self.progress_obj)
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            self._emit(self.signals.failed, exc, traceback.format_exc())
        else:
            self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            # The window that asked for the work is gone; nobody is left to tell.
            logger.info("task finished after its window closed")


class Task(QObject):
    """A running piece of work; keep a reference while it runs (run_task does)."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        fn: Callable[[Progress], Any],
        *,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        label: str | None,
    ):
        super().__init__(parent)
        self._signals = _Signals()
        self.progress = Progress(self._signals)
        self._on_done, self._on_error = on_done, on_error
        self._dialog: QProgressDialog | None = None
        self._label = label
        self._parent_widget = parent
        self._finished = False
        self._signals.done.connect(self._handle_done, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._handle_failed, Qt.ConnectionType.QueuedConnection)
        self._signals.progress.connect(self._handle_progress, Qt.ConnectionType.QueuedConnection)
        self._last_progress = (0, 0)
        if label is not None:
            QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, self._show_dialog)
        QThreadPool.globalInstance().start(_Runnable(fn, self._signals, self.progress))

    @property
    def is_finished(self) -> bool:
        return self._finished

    def _show_dialog(self) -> None:
        if self._finished:
            return
        dialog = QProgressDialog(self._label or "", tr("Batal"), 0, 0, self._parent_widget)
        dialog.setWindowTitle("Klinik")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.progress.cancel)
        done, total = self._last_progress
        if total:
            dialog.setMaximum(total)
            dialog.setValue(done)
        dialog.show()
        self._dialog = dialog

    def _handle_progress(self, done: int, total: int) -> None:
        self._last_progress = (done, total)
        if self._dialog is not None and total:
            self._dialog.setMaximum(total)
            self._dialog.setValue(min(done, total))

    def _close(self) -> None:
        self._finished = True
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.progress.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None
        self.finished.emit()
        _RUNNING.discard(self)

    def _handle_done(self, result: Any) -> None:
        self._close()
        if self._on_done is not None:
            self._on_done(result)

    def _handle_failed(self, exc: BaseException, tb: str) -> None:
        self._close()
        from klinik.ui.errors import known_problem

        if isinstance(exc, Cancelled) or interrupted(exc):
            logger.info("task cancelled: %s", self._label)
        elif known_problem(exc) is not None:
            logger.info("task stopped: %s: %s", self._label, exc)
        elif self._on_error is not None:  # show_error logs the bugs it shows
            logger.error("task failed: %s\n%s", self._label, tb)
        if self._on_error is not None:
            self._on_error(exc)
        elif not isinstance(exc, Cancelled) and not interrupted(exc):
            from klinik.ui.errors import show_error

            show_error(self._parent_widget, exc)


_RUNNING: set[Task] = set()
# Reads that wait on the disk release the GIL: a few more workers than cores keep a page
# or a detail from queueing behind a long count on a two-core machine.
MIN_WORKERS = 4
# The GUI thread needs the GIL for every Python call Qt makes (each cell it paints): a
# worker busy in Python is asked to hand it over after this long (Python's default, 5 ms,
# made a paint of 15 ms wait 80 ms behind two busy workers).
SWITCH_INTERVAL_S = 0.001


def _configure_pool() -> None:
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < MIN_WORKERS:
        pool.setMaxThreadCount(MIN_WORKERS)
    if sys.getswitchinterval() > SWITCH_INTERVAL_S:
        sys.setswitchinterval(SWITCH_INTERVAL_S)


def interrupted(exc: BaseException) -> bool:
    """An SQL statement stopped by ``interrupt()`` (SQLAlchemy wraps sqlite3's error)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, sqlite3.OperationalError) and (
            getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_INTERRUPT
            or "interrupted" in str(exc)
        ):
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
    return False


def run_task(
    parent: QWidget | None,
    fn: Callable[[Progress], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    label: str | None = None,
) -> Task:
    """Run ``fn(progress)`` off the GUI thread; ``label`` enables the delayed progress dialog."""
    _configure_pool()
    task = Task(parent, fn, on_done=on_done, on_error=on_error, label=label)
    _RUNNING.add(task)
    return task


def shutdown_tasks(timeout_ms: int = 5000) -> bool:
    """Ask running work to stop and wait for it: Python must not exit under a worker thread."""
    for task in list(_RUNNING):
        task.progress.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
