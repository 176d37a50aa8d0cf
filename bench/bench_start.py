"""Cold start of the window on a store: process start to the first page painted.

    python bench/bench_start.py --db bench/out/bench.sqlite3 [--runs 3] [--unclean]

Each run starts ``python -m klinik`` (the real start, offscreen) in a fresh process with its
own settings folder and prints, in ms since the process was started: the imports done (the
QApplication made), the store open, the window shown, and Beranda painted with its data (the
"first page"). The window then closes itself cleanly. ``--unclean`` first leaves the store as
a crash does: a committed write in the log (-wal) and the process killed, so the start finds
the log and checks the store.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The child: wraps the start's own steps to note when they end, then runs ``klinik``.
_CHILD = r"""
import json, os, sys, time
t0 = float(sys.argv[1])
marks = {}

def mark(name):
    marks.setdefault(name, (time.monotonic() - t0) * 1000)

import klinik.ui.app as app_mod
import klinik.db.engine as engine_mod
real_make_app, real_open = app_mod.make_app, engine_mod.open_store

def make_app(argv=None):
    mark("imports")
    app = real_make_app(argv)
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                from klinik.ui.main_window import MainWindow
                window = obj.window() if hasattr(obj, "window") else None
                if isinstance(window, MainWindow):
                    mark("window painted")
                    if window.home.overview is not None and obj is window.home.view.viewport():
                        mark("first page painted")
                        QTimer.singleShot(0, window.close)
            return False

    app._bench_watch = Watch()
    app.installEventFilter(app._bench_watch)
    QTimer.singleShot(60000, QApplication.quit)
    return app

def open_store(*a, **k):
    store = real_open(*a, **k)
    mark("store open")
    return store

app_mod.make_app, engine_mod.open_store = make_app, open_store
from klinik.cli import main
code = main(sys.argv[2:])
mark("closed")
print("MARKS " + json.dumps(marks), flush=True)
sys.exit(code)
"""

_CRASH = r"""
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA journal_mode=WAL")
con.execute("BEGIN IMMEDIATE")
con.execute(  # a key of the bench's own: a change, else SQLite writes no page
    "INSERT OR REPLACE INTO setting (key, value, updated_at) "
    "VALUES ('bench_unclean_close', json_quote(datetime('now')), datetime('now'))"
)
con.execute("COMMIT")
os._exit(0)  # no checkpoint, the log stays behind: an unclean close
"""


def leave_unclean(db: Path) -> None:
    subprocess.run([sys.executable, "-c", _CRASH, str(db)], check=True)
    wal = Path(f"{db}-wal")
    assert wal.exists() and wal.stat().st_size > 0, "no log left behind"


def start_once(db: Path, *, unclean: bool = False) -> dict[str, float]:
    """One cold start; the marks in ms since the process was started."""
    if unclean:
        leave_unclean(db)
    with tempfile.TemporaryDirectory(prefix="klinik-start-") as tmp:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KLINIK_DATA_DIR": tmp,  # logs; the store itself is named by its URL
            "KLINIK_DATABASE_URL": f"sqlite:///{db.resolve()}",
            "XDG_CONFIG_HOME": tmp,  # QSettings of this run only
            "HOME": tmp,
        }
        t0 = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-c", _CHILD, repr(t0)], env=env, capture_output=True,
            text=True, timeout=180, cwd=tmp,  # not the checkout: PYTHONPATH chooses klinik
        )  # fmt: skip
    lines = [x for x in result.stdout.splitlines() if x.startswith("MARKS ")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"start failed ({result.returncode}): {result.stderr[-2000:]}")
    marks = json.loads(lines[-1][6:])
    if "first page painted" not in marks:
        raise RuntimeError(f"the first page was not painted: {marks}")
    return marks


def has_first_run_done(db: Path) -> bool:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        keys = {r[0] for r in con.execute("SELECT key FROM setting")}
    finally:
        con.close()
    return {"first_run_done", "current_consultant_id"} <= keys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench/out/bench.sqlite3")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--unclean", action="store_true")
    args = parser.parse_args(argv)
    db = Path(args.db)
    if not db.exists():
        print(f"{db} not found: run bench/make_store.py first", file=sys.stderr)
        return 1
    runs = [start_once(db, unclean=args.unclean) for _ in range(args.runs)]
    kind = "unclean" if args.unclean else "clean"
    for name in ("imports", "store open", "window painted", "first page painted"):
        values = [r[name] for r in runs if name in r]
        print(f"start after a {kind} close: {name:<20} median {statistics.median(values):7.0f} ms"
              f"   max {max(values):7.0f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
