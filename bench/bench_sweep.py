"""The whole sweep on the province store: every path a consultant waits for, in one table.

    python bench/bench_sweep.py --db bench/out/bench.sqlite3 [--runs 5] [--only TEXT] [--skip-slow]

Per path: Klinik's time (median of --runs, each in a fresh database session, after one warm
run), the time of a hand-written sqlite3 query giving the same rows in the same process
("raw"), their ratio, and the target (interactive 200 ms, search 100 ms, ratio 3x). Paths:
each list's first page for every sortable column (the services' *_SORTS), search for a
common word, a rare one and one that matches nothing, the counts, a detail click per area,
Beranda for one consultant and for none, the Laporan figures, the cold start after a clean
and an unclean close (bench_start.py), the documents (bench_reports.py) and the 100,000-row
XLSX export (bench_export.py). The last three run in their own processes and are skipped by
--skip-slow. At the end: the peak resident memory of this process and of the children.
"""

from __future__ import annotations

import argparse
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

INTERACTIVE_MS, SEARCH_MS, RATIO, RSS_MB = 200.0, 100.0, 3.0, 300.0
PAGE = 100

ROWS: list[tuple[str, float | None, float | None, str]] = []


def median_ms(call: Callable[[], Any], runs: int) -> float:
    """Median of ``runs`` after a warm run; a path whose warm run took over a second is timed
    once more only (the sweep stays within minutes; such a path is far over target anyway)."""
    started = time.perf_counter()
    call()  # warm
    if time.perf_counter() - started > 1.0:
        runs = 1
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def row(name: str, ours: float | None, raw: float | None, target: str) -> None:
    ROWS.append((name, ours, raw, target))
    print(line(name, ours, raw, target), flush=True)


def line(name: str, ours: float | None, raw: float | None, target: str) -> str:
    def ms(v: float | None) -> str:
        return f"{v:9.1f}" if v is not None else f"{'-':>9}"

    ratio = f"{ours / raw:6.1f}x" if ours is not None and raw else f"{'-':>7}"
    flag = ""
    if ours is not None and target.endswith("ms") and ours > float(target.split()[0]):
        flag = "  SLOW"
    if ours is not None and raw and ours / raw > RATIO and not target.startswith("("):
        flag += "  RATIO"
    return f"{name:<52} {ms(ours)} {ms(raw)} {ratio}  {target:<10}{flag}"


# Hand-written SQL for the same first pages (the services' default filters: not archived).
_ORDER = {
    "clients": {
        "business_name": "c.business_name", "owner_name": "c.owner_name",
        "kabupaten": "k.name", "registered_on": "c.registered_on", "id": "c.id",
    },
    "cases": {
        "last_activity": "cc.last_activity_on", "opened_on": "cc.opened_on",
        "title": "cc.title", "client": "c.business_name", "status": "cc.status",
        "consultant": "p.name", "id": "cc.id",
    },
    "sessions": {
        "held_on": "s.held_on", "client": "c.business_name", "minutes": "s.minutes",
        "mode": "s.mode", "consultant": "p.name", "id": "s.id",
    },
    "referrals": {
        "created_on": "r.created_on", "sent_on": "r.sent_on", "agency": "a.name",
        "client": "c.business_name", "status": "r.status", "id": "r.id",
    },
}  # fmt: skip
_FROM = {
    "clients": "client c LEFT JOIN kabupaten k ON k.code = c.kabupaten_code "
    "WHERE c.archived_at IS NULL",
    "cases": "client_case cc JOIN client c ON c.id = cc.client_id LEFT JOIN consultant p "
    "ON p.id = cc.consultant_id WHERE cc.archived_at IS NULL",
    "sessions": "mentoring_session s JOIN client_case cc ON cc.id = s.case_id JOIN client c "
    "ON c.id = cc.client_id LEFT JOIN consultant p ON p.id = s.consultant_id WHERE 1",
    "referrals": "referral r JOIN client_case cc ON cc.id = r.case_id JOIN client c "
    "ON c.id = cc.client_id LEFT JOIN agency a ON a.id = r.agency_id WHERE 1",
}
_SEARCH = {  # what each list searches (raw: a LIKE on the same text)
    "clients": "c.search_text LIKE :p",
    "cases": "(cc.title LIKE :p OR c.search_text LIKE :p)",
    "sessions": "(s.summary LIKE :p OR c.search_text LIKE :p)",
    "referrals": "(r.purpose LIKE :p OR a.name LIKE :p OR c.search_text LIKE :p)",
}


def raw_page(con: sqlite3.Connection, area: str, sort: str, search: str | None = None):
    key = sort.lstrip("-")
    desc = " DESC" if sort.startswith("-") else ""
    where = f" AND {_SEARCH[area]}" if search else ""
    sql = f"SELECT * FROM {_FROM[area]}{where} ORDER BY {_ORDER[area][key]}{desc}, 1 LIMIT {PAGE}"
    return con.execute(sql, {"p": f"%{search}%"} if search else {}).fetchall()


def raw_count(con: sqlite3.Connection, area: str, search: str | None = None) -> int:
    where = f" AND {_SEARCH[area]}" if search else ""
    source = _FROM[area]
    if area == "clients":  # the kabupaten's name is not needed to count
        source = "client c WHERE c.archived_at IS NULL"
    sql = f"SELECT count(*) FROM {source}{where}"
    return con.execute(sql, {"p": f"%{search}%"} if search else {}).fetchone()[0]


def sweep_queries(store, con: sqlite3.Connection, runs: int, only: str) -> None:
    from klinik.services import cases, clients, referrals, sessions
    from klinik.services.home import home_overview
    from klinik.services.reporting import period_figures

    lists = {
        "clients": (clients.list_clients, clients.count_clients, clients.CLIENT_SORTS),
        "cases": (cases.list_cases, cases.count_cases, cases.CASE_SORTS),
        "sessions": (sessions.list_sessions, sessions.count_sessions, sessions.SESSION_SORTS),
        "referrals": (referrals.list_referrals, referrals.count_referrals,
                      referrals.REFERRAL_SORTS),
    }  # fmt: skip

    def ours(fn: Callable[..., Any], **kw: Any) -> Callable[[], Any]:
        def call() -> Any:
            with store.session() as db:
                return fn(db=db, **kw)

        return call

    def wanted(name: str) -> bool:
        return only.lower() in name.lower()

    for area, (list_fn, count_fn, sorts) in lists.items():
        for key in sorts:
            for sort in (key, f"-{key}"):
                name = f"{area}: first page sort {sort}"
                if wanted(name):
                    row(name, median_ms(ours(list_fn, sort=sort), runs),
                        median_ms(lambda a=area, s=sort: raw_page(con, a, s), runs),
                        f"{INTERACTIVE_MS:.0f} ms")  # fmt: skip
        for label, term in (("common", "madu"), ("rare", "kelulut"), ("absent", "zzqx")):
            name = f"{area}: search {label} {term!r}"
            if wanted(name):
                first = next(iter(sorts))
                row(name, median_ms(ours(list_fn, search=term), runs),
                    median_ms(lambda a=area, t=term, f=first: raw_page(con, a, f, t), runs),
                    f"{SEARCH_MS:.0f} ms")  # fmt: skip
            name = f"{area}: count, search {label} {term!r}"
            if wanted(name):
                row(name, median_ms(ours(count_fn, search=term), runs),
                    median_ms(lambda a=area, t=term: raw_count(con, a, t), runs),
                    f"{SEARCH_MS:.0f} ms")  # fmt: skip
        name = f"{area}: count (no filter)"
        if wanted(name):
            row(name, median_ms(ours(count_fn), runs),
                median_ms(lambda a=area: raw_count(con, a), runs),
                f"{INTERACTIVE_MS:.0f} ms")  # fmt: skip

    # A detail click per area: the record with the most rows under it.
    busiest_client = con.execute(
        "SELECT client_id FROM client_case GROUP BY client_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    busiest_case = con.execute(
        "SELECT case_id FROM mentoring_session GROUP BY case_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    a_session = con.execute(
        "SELECT coalesce((SELECT session_id FROM follow_up WHERE session_id IS NOT NULL "
        "LIMIT 1), (SELECT max(id) FROM mentoring_session))"
    ).fetchone()[0]
    a_referral = con.execute("SELECT max(id) FROM referral").fetchone()[0]
    details: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
        ("clients: detail (client record, busiest client)",
         ours(clients.client_record, client_id=busiest_client),
         lambda: (con.execute("SELECT * FROM client WHERE id=?", (busiest_client,)).fetchall(),
                  con.execute("SELECT * FROM client_case WHERE client_id=?",
                              (busiest_client,)).fetchall(),
                  con.execute("SELECT * FROM size_record WHERE client_id=?",
                              (busiest_client,)).fetchall(),
                  con.execute("SELECT * FROM licence WHERE client_id=?",
                              (busiest_client,)).fetchall())),
        ("cases: detail (case with most sessions)",
         ours(cases.case_detail, case_id=busiest_case),
         lambda: (con.execute("SELECT * FROM client_case WHERE id=?", (busiest_case,)).fetchall(),
                  con.execute("SELECT * FROM mentoring_session WHERE case_id=? ORDER BY held_on",
                              (busiest_case,)).fetchall(),
                  con.execute("SELECT * FROM referral WHERE case_id=?", (busiest_case,)).fetchall(),
                  con.execute("SELECT * FROM follow_up WHERE case_id=?",
                              (busiest_case,)).fetchall())),
    ]  # fmt: skip
    if hasattr(sessions, "session_detail"):
        details.append((
            "sessions: detail (incl. follow-ups)",
            ours(sessions.session_detail, session_id=a_session),
            lambda: (con.execute("SELECT * FROM mentoring_session WHERE id=?",
                                 (a_session,)).fetchall(),
                     con.execute("SELECT * FROM follow_up WHERE session_id=?",
                                 (a_session,)).fetchall()),
        ))  # fmt: skip
    if hasattr(referrals, "get_referral"):
        details.append((
            "referrals: detail",
            ours(referrals.get_referral, referral_id=a_referral),
            lambda: con.execute("SELECT * FROM referral WHERE id=?", (a_referral,)).fetchall(),
        ))  # fmt: skip
    for name, call, raw in details:
        if wanted(name):
            row(name, median_ms(call, runs), median_ms(raw, runs), f"{INTERACTIVE_MS:.0f} ms")

    today = date.today()
    consultant = con.execute(
        "SELECT consultant_id FROM client_case GROUP BY consultant_id ORDER BY count(*) DESC "
        "LIMIT 1"
    ).fetchone()[0]
    for label, cid in (("one consultant", consultant), ("no consultant", None)):
        name = f"beranda: {label}"
        if wanted(name):
            row(name, median_ms(ours(home_overview, today=today, consultant_id=cid), runs),
                None, f"{INTERACTIVE_MS:.0f} ms")  # fmt: skip
    for label, start in (("quarter", today - timedelta(days=91)),
                         ("year", today - timedelta(days=365))):  # fmt: skip
        name = f"laporan: figures, last {label}"
        if wanted(name):
            row(name, median_ms(ours(period_figures, date_from=start, date_to=today), runs),
                None, f"{INTERACTIVE_MS:.0f} ms")  # fmt: skip


def sweep_start(db: Path, runs: int, only: str) -> None:
    from bench_start import start_once

    for unclean in (False, True):
        kind = "unclean" if unclean else "clean"
        name = f"cold start after a {kind} close (first page painted)"
        if only.lower() not in name.lower():
            continue
        marks = [start_once(db, unclean=unclean) for _ in range(max(1, min(runs, 3)))]
        target = "1000 ms" if not unclean else "2000 ms"
        for part in ("imports", "store open", "window painted"):
            row(f"  {kind} start: {part}", statistics.median(m[part] for m in marks), None,
                "(part)")  # fmt: skip
        row(name, statistics.median(m["first page painted"] for m in marks), None, target)


_MS = re.compile(r"^(?P<name>.+?)\s+median\s+(?P<ms>[\d.]+) ms")


def sweep_documents(db: Path, runs: int, only: str) -> None:
    """bench_reports.py and bench_export.py in their own processes, their lines parsed."""
    here = Path(__file__).resolve().parent
    jobs = [
        ("documents", [sys.executable, str(here / "bench_reports.py"), "--runs", str(runs)]),
        ("export", [sys.executable, str(here / "bench_export.py"), "--db", str(db)]),
    ]
    targets = {"Surat": "100 ms", "Ringkasan": "500 ms", "Laporan": "5000 ms"}
    for label, cmd in jobs:
        if only.lower() not in label:
            continue
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        if result.returncode != 0:
            row(f"{label}: FAILED ({result.stderr.strip().splitlines()[-1:]})", None, None, "")
            continue
        for text in result.stdout.splitlines():
            found = _MS.match(text)
            if found:
                name = found["name"].strip()
                target = next((t for k, t in targets.items() if name.startswith(k)), "")
                row(f"{label}: {name}", float(found["ms"]), None, target)
            elif text.strip():
                print(f"  {label}: {text}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench/out/bench.sqlite3")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="run only the paths whose name has this")
    parser.add_argument("--skip-slow", action="store_true",
                        help="leave out the cold starts, documents and the export")  # fmt: skip
    args = parser.parse_args(argv)
    db = Path(args.db)
    if not db.exists():
        print(f"{db} not found: run bench/make_store.py first", file=sys.stderr)
        return 1
    from klinik.db.engine import open_store

    print(f"{'path':<52} {'ours ms':>9} {'raw ms':>9} {'ratio':>7}  target")
    store = open_store(f"sqlite:///{db.resolve()}", upgrade=False)
    con = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
    try:
        sweep_queries(store, con, args.runs, args.only)
    finally:
        con.close()
        store.close()
    if not args.skip_slow:
        sweep_start(db, args.runs, args.only)
        sweep_documents(db, args.runs, args.only)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    row("RSS peak, this process (MB)", own, None, f"{RSS_MB:.0f} MB")
    if children:
        row("RSS peak, largest child (MB)", children, None, f"{RSS_MB:.0f} MB")
    print()
    print(f"{'path':<52} {'ours ms':>9} {'raw ms':>9} {'ratio':>7}  target")
    for entry in ROWS:
        print(line(*entry))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
