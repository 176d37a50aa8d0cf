"""Time the queries behind Klinik's main screens on the benchmark store.

    python bench/bench_queries.py --db bench/out/bench.sqlite3

Each query runs once to warm the cache, then --runs times, each in a fresh Session (so the
identity map caches nothing); median and max are printed in milliseconds. A query whose
median is over the target (50 ms) is followed by the EXPLAIN QUERY PLAN of each SQL statement
it ran.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from klinik.db.engine import Store, open_store
from klinik.services.cases import case_detail, list_cases
from klinik.services.clients import client_record, count_clients, list_clients

TARGET_MS = 50.0


def timed(store: Store, call: Callable[[Any], Any], runs: int) -> tuple[float, float]:
    with store.session() as db:
        call(db)
    times = []
    for _ in range(runs):
        with store.session() as db:
            started = time.perf_counter()
            call(db)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def statements_of(store: Store, call: Callable[[Any], Any]) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", remember)
    try:
        with store.session() as db:
            call(db)
    finally:
        event.remove(store.engine, "before_cursor_execute", remember)
    return seen


def explain(store: Store, call: Callable[[Any], Any]) -> None:
    with store.engine.connect() as conn:
        for statement, parameters in statements_of(store, call):
            print("    SQL:", " ".join(statement.split())[:400])
            cursor = conn.connection.dbapi_connection.cursor()
            for row in cursor.execute(f"EXPLAIN QUERY PLAN {statement}", parameters):
                print("      plan:", row[-1])
            cursor.close()


def pick(store: Store, sql: str) -> Any:
    with store.engine.connect() as conn:
        return conn.execute(text(sql)).first()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("bench/out/bench.sqlite3"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-explain", action="store_true", help="no plans for slow queries")
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"{args.db} not found; build it with bench/make_store.py", file=sys.stderr)
        return 1
    store = open_store(f"sqlite:///{args.db}")

    clients = pick(store, "SELECT count(*) FROM client")[0]
    middle = pick(
        store,
        f"SELECT id, owner_name, phone FROM client WHERE id >= {clients // 2} "
        "AND phone IS NOT NULL AND owner_name LIKE '% %' ORDER BY id LIMIT 1",
    )
    busiest_client = pick(
        store,
        "SELECT client_id FROM client_case GROUP BY client_id ORDER BY count(*) DESC LIMIT 1",
    )[0]
    busiest_case = pick(
        store,
        "SELECT case_id FROM mentoring_session GROUP BY case_id ORDER BY count(*) DESC LIMIT 1",
    )[0]
    typical_case = pick(store, f"SELECT id FROM client_case WHERE id >= {clients // 3} LIMIT 1")[0]
    terms = {
        "common word 'ikan'": "ikan",
        "less common word 'kecubung'": "kecubung",
        f"owner name '{middle[1]}'": middle[1],
        f"phone fragment '{middle[2][-6:]}'": middle[2][-6:],
        "absent word 'durianmerah'": "durianmerah",
    }

    checks: list[tuple[str, Callable[[Any], Any]]] = [
        (
            "(a) cases, first page by last activity",
            lambda s: list_cases(db=s, sort="-last_activity", limit=100),
        ),
    ]
    for label, term in terms.items():
        checks.append(
            (f"(b) clients search {label}, first page",
             lambda s, t=term: list_clients(db=s, search=t, limit=100))
        )  # fmt: skip
        checks.append(
            (f"(b) clients search {label}, count",
             lambda s, t=term: count_clients(db=s, search=t))
        )  # fmt: skip
    checks += [
        (f"(c) client record, client {middle[0]}",
         lambda s: client_record(db=s, client_id=middle[0])),
        (f"(c) client record, client {busiest_client} (most cases)",
         lambda s: client_record(db=s, client_id=busiest_client)),
        (f"(d) case detail, case {typical_case}",
         lambda s: case_detail(db=s, case_id=typical_case)),
        (f"(d) case detail, case {busiest_case} (most sessions)",
         lambda s: case_detail(db=s, case_id=busiest_case)),
    ]  # fmt: skip

    print(f"{args.db}: {clients:,} clients; {args.runs} warm runs each; target {TARGET_MS:.0f} ms")
    print(f"{'query':<72} {'median':>8} {'max':>8}")
    slow = []
    for label, call in checks:
        median, worst = timed(store, call, args.runs)
        flag = "" if median <= TARGET_MS else "  SLOW"
        print(f"{label:<72} {median:8.1f} {worst:8.1f}{flag}", flush=True)
        if median > TARGET_MS:
            slow.append((label, call))
    if slow and not args.no_explain:
        print("\nQuery plans of the slow queries:")
        for label, call in slow:
            print(f"  {label}")
            explain(store, call)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
