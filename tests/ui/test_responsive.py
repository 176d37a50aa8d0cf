"""Issue 13: nothing on the GUI thread grows with the data. The real window, its ops run
threaded, on a store big enough that its queries take noticeable time: while rows are
clicked, every column sorted, the lists searched and scrolled and the areas switched, the
event loop is never blocked for more than 100 ms (a 10 ms timer's gaps, and the GUI
thread's own CPU time in each)."""

from __future__ import annotations

import gc
import shutil

import pytest

from tests.ui.loop_gaps import GapMeter, drive, settle

MAX_GAP_MS = 100
# The GUI thread's own work in a gap must stay under MAX_GAP_MS. The wall-clock gap also
# holds the waits of a machine shared with other processes (two cores, load 4 when this was
# written: 60-90 ms gaps with 20 ms of GUI work), so it is held to a looser bound, which
# still catches a worker keeping the GIL (a full garbage collection: 150-200 ms).
MAX_WALL_GAP_MS = 250
CLIENTS = 20_000


@pytest.fixture(scope="session")
def big_store_file(tmp_path_factory):
    """20,000 clients with their cases and sessions (klinik.demo's bench generator), built
    once per test session."""
    from klinik.db.engine import open_store
    from klinik.demo import generate_bench_store
    from klinik.services.consultants import list_consultants
    from klinik.services.settings import set_settings

    path = tmp_path_factory.mktemp("big") / "klinik.sqlite3"
    store = open_store(f"sqlite:///{path}")
    generate_bench_store(store, clients=CLIENTS, cases=24_000, sessions=96_000, seed=13)
    with store.session() as db:
        someone = list_consultants(db=db)[0].id
        set_settings(db=db, current_consultant_id=someone, first_run_done=True)
    store.close()
    return path


@pytest.fixture
def big_window(big_store_file, tmp_path, qtbot, monkeypatch):
    from klinik.db.engine import open_store
    from klinik.ui import ops
    from klinik.ui.context import AppContext
    from klinik.ui.main_window import MainWindow

    monkeypatch.setattr(ops, "INLINE", False)  # the real, threaded path
    copy = tmp_path / "klinik.sqlite3"
    shutil.copy(big_store_file, copy)
    store = open_store(f"sqlite:///{copy}")
    win = MainWindow(AppContext(store, lang="id"))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    # The window keeps what exists at startup out of the collector's full passes (once per
    # process: main_window._freeze_startup_objects). In a test process the earlier tests'
    # leftovers would be scanned instead, so the same is done here for this window.
    gc.collect()
    gc.freeze()
    yield win
    win.close()
    store.close()
    gc.unfreeze()


def test_the_event_loop_is_never_blocked_on_a_big_store(big_window):
    meter = GapMeter()
    gaps = drive(big_window, meter=meter)
    assert set(gaps) == {"switch area", "click row", "sort", "scroll", "search"}
    busy = [(wall, cpu) for wall, cpu in meter.long_gaps if cpu > MAX_GAP_MS]
    slow = {kind: round(gap) for kind, gap in gaps.items() if gap > MAX_WALL_GAP_MS}
    assert busy == [] and slow == {}, (
        f"the event loop was blocked: gaps (ms, of it GUI CPU) {meter.long_gaps}; per action "
        f"(ms) {gaps}; long collections: {meter.long_collections}"
    )
    print(f"longest gaps (ms): {gaps}")
    # and the window did show what was asked for
    area = big_window.referrals
    assert area.model.rowCount() > 0 and not area.model.loading
    assert big_window.clients.model.rowCount() > 0


def test_typing_fast_shows_only_the_last_search_and_its_count(big_window, qtbot):
    from PySide6.QtTest import QTest

    big_window.nav.setCurrentRow(2)
    cases = big_window.cases
    settle(big_window)
    for term in ("k", "ku", "kur"):  # each request cancels the one before
        cases.search.setText(term)
        cases.reload()
    settle(big_window)
    QTest.qWait(50)
    assert cases.model.rowCount() > 0
    titles = [cases.model.row_at(i) for i in range(cases.model.rowCount())]
    assert all(row is not None for row in titles)
    text = cases.count_label.text()
    assert text.endswith(" kasus") and text.split()[0].isdigit(), text
    from klinik.services.cases import count_cases

    with big_window.ctx.session() as db:
        assert int(text.split()[0]) == count_cases(db=db, search="kur", archived=False)
