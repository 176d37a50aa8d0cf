"""Build the benchmark store: a Klinik database of bench size filled by klinik.demo.

    python bench/make_store.py --clients 250000 --cases 300000 --sessions 1200000 \\
        --out bench/out/bench.sqlite3 --seed 1

An existing file with the requested number of clients (and cases and sessions within 2%) is
kept; --force deletes it and builds it again.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

from klinik.db.engine import open_store
from klinik.demo import generate_bench_store

TOLERANCE = 0.02


def existing_counts(path: Path) -> dict[str, int] | None:
    """Row counts of a finished store, or None if the file is not one."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return {
            table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("client", "client_case", "mentoring_session")
        }
    except sqlite3.Error:
        return None
    finally:
        con.close()


def matches(counts: dict[str, int] | None, args: argparse.Namespace) -> bool:
    if counts is None or counts["client"] != args.clients:
        return False
    for table, wanted in (("client_case", args.cases), ("mentoring_session", args.sessions)):
        if abs(counts[table] - wanted) > TOLERANCE * max(wanted, 1):
            return False
    return True


def remove_store(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=250_000)
    parser.add_argument("--cases", type=int, default=300_000)
    parser.add_argument("--sessions", type=int, default=1_200_000)
    parser.add_argument("--out", type=Path, default=Path("bench/out/bench.sqlite3"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    parser.add_argument("--force", action="store_true", help="rebuild an existing file")
    parser.add_argument(
        "--analyze", action="store_true", help="run ANALYZE afterwards (planner statistics)"
    )
    args = parser.parse_args(argv)
    out: Path = args.out

    if out.exists():
        counts = existing_counts(out)
        if not args.force:
            if matches(counts, args):
                print(f"{out} already has {counts}; kept (use --force to rebuild).")
                return 0
            print(
                f"{out} exists with other contents ({counts}). Use --force to replace it.",
                file=sys.stderr,
            )
            return 1
        remove_store(out)

    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"  {done:>9,} / {total:,} clients  {time.perf_counter() - started:7.1f} s",
              file=sys.stderr, flush=True)  # fmt: skip

    store = open_store(f"sqlite:///{out}")
    try:
        counts = generate_bench_store(
            store,
            clients=args.clients,
            cases=args.cases,
            sessions=args.sessions,
            seed=args.seed,
            today=args.today,
            progress=progress,
        )
        generated = time.perf_counter() - started
        if args.analyze:
            with store.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
    finally:
        store.close()
    total = time.perf_counter() - started
    for table, count in counts.items():
        print(f"{table:<20} {count:>10,}")
    size = out.stat().st_size
    print(f"generated in {generated:.1f} s, total {total:.1f} s; {out} is {size / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
