"""Data safety and personal data on the benchmark store: upgrade, backup, erasure, audit.

    python bench/bench_safety.py [--db bench/out/bench.sqlite3]

Prints, on the province-sized store of bench/make_store.py:
- the schema upgrade to the newest revision, if the store needs one (with its verified
  pre-upgrade copy, written to bench/out/data/backups/pre-upgrade);
- a verified backup (backup API + integrity_check) and the size of the copy;
- opening the healthy store (median of 7);
- erasing the personal data of the client with the most sessions, then VACUUM, on the backup
  copy (the bench store itself is not changed);
- the cost of the audit trail: logging 200 sessions with and without it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from klinik import paths  # noqa: E402
from klinik.db import backup  # noqa: E402
from klinik.db.engine import head_revision, open_store  # noqa: E402
from klinik.services import privacy, sessions  # noqa: E402


def _seconds(start: float) -> str:
    return f"{time.perf_counter() - start:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "bench/out/bench.sqlite3")
    args = parser.parse_args()
    db = args.db.resolve()
    if not db.exists():
        print(f"{db} does not exist: build it with bench/make_store.py first")
        return 1
    os.environ["KLINIK_DATA_DIR"] = str(db.parent / "data")
    paths.set_data_dir(None)
    url = f"sqlite:///{db}"
    size = db.stat().st_size / 2**30
    print(f"store {db} ({size:.2f} GiB)")

    start = time.perf_counter()
    store = open_store(url, upgrade=False)
    with store.engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    store.close()
    if revision != head_revision():
        start = time.perf_counter()
        open_store(url).close()
        took = _seconds(start)
        print(f"upgrade {revision} -> {head_revision()} with its pre-upgrade copy: {took}")

    times = []
    for _ in range(7):
        start = time.perf_counter()
        open_store(url).close()
        times.append((time.perf_counter() - start) * 1000)
    print(f"open the healthy store: median {statistics.median(times):.1f} ms")

    with tempfile.TemporaryDirectory(dir=db.parent) as scratch:
        copy = Path(scratch) / "copy.sqlite3"
        start = time.perf_counter()
        backup.make_backup(source=db, target=copy, thin=False)
        print(
            f"backup (backup API + integrity_check + move): {_seconds(start)}, "
            f"{copy.stat().st_size / 2**30:.2f} GiB"
        )
        work = open_store(f"sqlite:///{copy}")
        with work.engine.connect() as conn:
            client_id, case_id, held = conn.execute(
                text(
                    "SELECT c.client_id, s.case_id, count(*) FROM mentoring_session s "
                    "JOIN client_case c ON c.id = s.case_id GROUP BY s.case_id "
                    "ORDER BY count(*) DESC LIMIT 1"
                )
            ).one()
        for audited in (True, False):
            start = time.perf_counter()
            for i in range(200):
                with work.session() as db:
                    db.info["audit_off"] = not audited
                    sessions.log_session(
                        db=db, case_id=case_id, held_on=date(2026, 11, 27),
                        minutes=30, summary=f"Sesi bench {i}",
                    )  # fmt: skip
            label = "with" if audited else "without"
            per = (time.perf_counter() - start) / 200 * 1000
            print(f"log a session {label} the audit trail: {per:.1f} ms each")
        start = time.perf_counter()
        with work.session() as db:
            result = privacy.erase_client(db=db, client_id=client_id)
        erased = time.perf_counter() - start
        start = time.perf_counter()
        privacy.purge_free_space(work.engine)
        vacuum = time.perf_counter() - start
        work.close()
        print(
            f"erase client #{client_id} ({held + 200} sessions, {result.records} records): "
            f"{erased * 1000:.0f} ms, then VACUUM of the file: {vacuum:.1f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
