"""Time the window on the benchmark store, driving the real widgets offscreen.

    python bench/bench_ui.py --db bench/out/bench.sqlite3

Prints, in milliseconds (median and max of --runs):
- opening each list area (from the click in the side bar to its first page on screen);
- search-as-you-type: from the last key typed in the search box to the list showing the
  result (this includes the debounce delay). Targets: 200 ms and 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from klinik.db.engine import open_store  # noqa: E402
from klinik.ui.app import install_language, make_app  # noqa: E402
from klinik.ui.context import AppContext  # noqa: E402
from klinik.ui.main_window import MainWindow  # noqa: E402

AREA_TARGET_MS, SEARCH_TARGET_MS = 200.0, 100.0


def wait_for_reset(model, started: float, timeout: float = 10.0) -> float:
    """Spin the event loop until the model resets; return ms since ``started``."""
    done: list[float] = []
    model.modelReset.connect(lambda: done.append(time.perf_counter()))
    deadline = time.perf_counter() + timeout
    while not done and time.perf_counter() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.001)
    model.modelReset.disconnect()
    if not done:
        raise TimeoutError("the list did not update")
    return (done[0] - started) * 1000


def report(label: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    flag = "  SLOW" if median > target else ""
    print(f"{label:<44} median {median:7.1f} ms   max {max(times):7.1f} ms{flag}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench/out/bench.sqlite3")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    db = Path(args.db)
    if not db.exists():
        print(f"{db} not found: run bench/make_store.py first", file=sys.stderr)
        return 1
    settings_dir = tempfile.mkdtemp(prefix="klinik-bench-ui-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = make_app()
    install_language(app, "id")
    store = open_store(f"sqlite:///{db.resolve()}")
    ctx = AppContext(store)
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    QCoreApplication.processEvents()
    with store.session() as db:
        from klinik.services.stats import store_counts

        counts = store_counts(db=db)
    print(f"store: {db} ({counts['clients']} clients, {counts['cases']} cases, "
          f"{counts['sessions']} sessions)")  # fmt: skip

    areas = [(1, "Klien"), (2, "Kasus"), (3, "Sesi"), (4, "Rujukan")]
    for row, name in areas:
        times = []
        for _ in range(args.runs):
            window.nav.setCurrentRow(0)
            QCoreApplication.processEvents()
            started = time.perf_counter()
            window.nav.setCurrentRow(row)
            QCoreApplication.processEvents()
            times.append((time.perf_counter() - started) * 1000)
        report(f"open {name} (first page shown)", times, AREA_TARGET_MS)

    window.nav.setCurrentRow(1)
    search = window.clients.search
    for term in ("amplang", "madu kelulut", "kasongan", "0812", "zzzz"):
        times = []
        for _ in range(args.runs):
            search.blockSignals(True)
            search.clear()
            search.blockSignals(False)
            QTest.keyClicks(search, term)
            last_key = time.perf_counter()
            times.append(wait_for_reset(window.clients.model, last_key))
        report(f"search clients {term!r} (last key -> list)", times, SEARCH_TARGET_MS)
    window.nav.setCurrentRow(2)
    search = window.cases.search
    for term in ("kur", "label kemasan"):
        times = []
        for _ in range(args.runs):
            search.blockSignals(True)
            search.clear()
            search.blockSignals(False)
            QTest.keyClicks(search, term)
            last_key = time.perf_counter()
            times.append(wait_for_reset(window.cases.model, last_key))
        report(f"search cases {term!r} (last key -> list)", times, SEARCH_TARGET_MS)
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
