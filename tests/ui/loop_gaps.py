"""How long the window's event loop is blocked while someone clicks through it.

A QTimer fires every 10 ms and the longest gap between two ticks is kept per kind of action
(switching areas, clicking rows, sorting every column, searching, scrolling). Used by
tests/ui/test_responsive.py and, by hand, on a copy of the province store:

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python tests/ui/loop_gaps.py --db bench/out/bench.sqlite3
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

TICK_MS = 10
SEARCHES = ("kur", "amplang", "zzzz")


class GapMeter:
    """The longest time between two ticks of a 10 ms timer since ``reset``."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.max_ms = 0.0
        # What the long gaps were: (gap, of it the GUI thread's own CPU time) in ms, and the
        # garbage collector's passes over 20 ms (ms, generation, on the GUI thread?).
        self.long_gaps: list[tuple[int, int]] = []
        self.long_collections: list[tuple[int, int, bool]] = []
        self._gc_started: dict[int, float] = {}

    def _gc(self, phase: str, info: dict) -> None:
        import threading

        now, me = time.perf_counter(), threading.get_ident()
        if phase == "start":
            self._gc_started[me] = now
        elif me in self._gc_started:
            ms = (now - self._gc_started.pop(me)) * 1000
            if ms > 20:
                on_gui = threading.current_thread() is threading.main_thread()
                self.long_collections.append((round(ms), info["generation"], on_gui))

    def start(self) -> None:
        import gc

        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        gc.callbacks.append(self._gc)
        self.timer.start()

    def stop(self) -> None:
        import gc

        self.timer.stop()
        if self._gc in gc.callbacks:
            gc.callbacks.remove(self._gc)

    def reset(self) -> None:
        self._last = time.perf_counter()
        self.max_ms = 0.0

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = (now - self._last) * 1000
        if gap > 5 * TICK_MS:
            self.long_gaps.append((round(gap), round((cpu - self._last_cpu) * 1000)))
        self.max_ms = max(self.max_ms, gap)
        self._last, self._last_cpu = now, cpu

    def measure(self, action) -> float:
        """Run ``action`` on the GUI thread and wait for the window to settle; the longest
        gap meanwhile, counting the action itself."""
        self.reset()
        action()
        self._tick()  # the action's own time counts as a gap
        return self.max_ms


def spin(ms: float) -> None:
    deadline = time.perf_counter() + ms / 1000
    while time.perf_counter() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)


def idle(window) -> bool:
    from klinik.ui.tasks import _RUNNING

    debouncing = any(
        getattr(area, "_debounce", None) is not None and area._debounce.isActive()
        for area, _text, _icon in window.areas
    )
    return not _RUNNING and not debouncing


def settle(window, timeout_s: float = 120.0) -> None:
    """Let the event loop run until no background read is left (nor a debounce pending)."""
    deadline = time.perf_counter() + timeout_s
    spin(20)
    while not idle(window):
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not settle")
        spin(10)
    spin(20)


def _list_areas(window):
    return [window.clients, window.cases, window.sessions, window.referrals]


def drive(window, *, rows: int = 3, searches=SEARCHES, detailed: bool = False, meter=None) -> dict:
    """Click through the window; return {action: longest gap in ms} (with ``detailed``,
    {(action, area): ...})."""
    from PySide6.QtTest import QTest

    meter = meter or GapMeter()
    meter.start()
    gaps: dict[str, float] = {}

    def note(kind: str, action) -> None:
        def run() -> None:
            action()
            settle(window)

        if detailed:
            kind = f"{kind} ({window.current_area().area_key})"
        gap = meter.measure(run)
        if detailed:
            kind = f"{kind} -> {window.current_area().area_key}"
        gaps[kind] = max(gaps.get(kind, 0.0), gap)

    try:
        settle(window)
        for row in (1, 2, 3, 4, 5, 0):
            note("switch area", lambda row=row: window.nav.setCurrentRow(row))
        for index, area in enumerate(_list_areas(window), start=1):
            note("switch area", lambda index=index: window.nav.setCurrentRow(index))
            for row in range(rows):
                note("click row", lambda area=area, row=row: area.table.selectRow(row))
            header = area.table.horizontalHeader()
            for section, column in enumerate(area.model.columns):
                if column.sort_key is None:
                    continue
                for _order in range(2):
                    note("sort", lambda header=header, s=section: header.sectionClicked.emit(s))
            note("scroll", lambda area=area: area.table.scrollToBottom())
            for term in searches:

                def search(area=area, term=term) -> None:
                    area.search.clear()
                    QTest.keyClicks(area.search, term)

                note("search", search)
            note("search", lambda area=area: area.search.clear())
        note("switch area", lambda: window.nav.setCurrentRow(5))
        note("switch area", lambda: window.nav.setCurrentRow(0))
    finally:
        meter.stop()
    return gaps


def main(argv: list[str] | None = None) -> int:
    import argparse
    import os
    import tempfile
    from pathlib import Path

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from klinik.db.engine import open_store
    from klinik.ui.app import install_language, make_app
    from klinik.ui.context import AppContext
    from klinik.ui.main_window import MainWindow

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--shot", help="save a screenshot of the window right after a search")
    parser.add_argument("--detailed", action="store_true", help="a line per action and area")
    args = parser.parse_args(argv)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        tempfile.mkdtemp(prefix="klinik-gaps-"),
    )
    app = make_app()
    install_language(app, "id")
    started = time.perf_counter()
    store = open_store(f"sqlite:///{Path(args.db).resolve()}")
    ctx = AppContext(store)
    meter = GapMeter()
    meter.start()
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    opening = meter.measure(lambda: settle(window))
    print(f"{'open window (Beranda, status bar)':<36} {opening:8.0f} ms   "
          f"(constructed in {(time.perf_counter() - started) * 1000:.0f} ms)")  # fmt: skip
    meter.stop()
    if args.shot:
        from PySide6.QtTest import QTest

        window.nav.setCurrentRow(2)
        settle(window)
        QTest.keyClicks(window.cases.search, "kur")
        spin(150)
        window.grab().save(args.shot)
        settle(window)
        window.grab().save(args.shot.replace(".png", "-done.png"))
    meter = GapMeter()
    for kind, gap in drive(window, detailed=args.detailed, meter=meter).items():
        print(f"{kind:<36} {gap:8.0f} ms")
    worst = sorted(meter.long_gaps, reverse=True)[:8]
    print("longest gaps (ms, of it the GUI thread's CPU):", worst)
    print("GUI CPU max in a gap (ms):", max((cpu for _gap, cpu in meter.long_gaps), default=0))
    print("long garbage collections (ms, generation, on GUI thread):", meter.long_collections)
    window.close()
    store.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
