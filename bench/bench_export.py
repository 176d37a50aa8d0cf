"""Time the XLSX export of 100,000 cases against XlsxWriter writing the same cells itself.

    python bench/bench_export.py [--db bench/out/bench.sqlite3] [--rows 100000] [--runs 3]

Without ``--db`` (or when the file is missing) a store is built in a temporary folder with
``klinik.demo.generate_demo(store, clients=85_000)`` (about 100,000 cases; this takes a few
minutes). ``KLINIK_DATA_DIR`` is pointed at a temporary folder before the store is opened,
so backups, logs and the export log stay out of the user's data.

1. Time. The first ``--rows`` cases of the case list (default columns, newest activity
   first) go to XLSX through ``export_rows`` with a progress callback, as the window calls
   it: reading the store, counting the total, protecting personal data, cleaning every
   cell and writing. The baseline writes the same cell values, read into
   memory beforehand, with XlsxWriter alone (``constant_memory``; ``write_string`` /
   ``write_datetime`` with the same formats). Each runs ``--runs`` times, alternating; the
   medians and their ratio are printed (target: ratio <= 1.3). The export calls XlsxWriter's
   write methods without their A1-notation wrapper (see ``XlsxCells``); a third timing,
   XlsxWriter alone making those same calls, shows the export's own overhead by itself.
2. Memory. The Python heap's peak (tracemalloc) during an export of 20,000 rows and of
   ``--rows`` rows: it should not grow with the number of rows.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

TARGET_RATIO = 1.3


def _open_store(db: Path | None, rows: int):
    from klinik.db.engine import open_store

    if db is not None and db.exists():
        return open_store(f"sqlite:///{db.resolve()}")
    from klinik.demo import generate_demo

    store = open_store()
    clients = max(1, round(rows * 0.85))
    print(f"building a store of {clients:,} demo clients in {os.environ['KLINIK_DATA_DIR']} ...")
    started = time.perf_counter()
    generate_demo(store, clients=clients)
    print(f"  built in {time.perf_counter() - started:.0f} s")
    return store


def _cells(store, rows: int):
    """The cell values export_rows writes (same plan, same reading), held in memory."""
    from klinik.exchange.export.filters import _coerce_filters
    from klinik.exchange.export.plan import _plan
    from klinik.exchange.export.rows import _value_pages

    plan = _plan("cases", None, False)
    with store.session() as db:
        filters = _coerce_filters(db, "cases", {})
    values: list[list] = []
    for page in _value_pages(store, "cases", filters, None, rows, plan):
        values.extend(page)
    return plan, values


def _xlsxwriter_alone(path: Path, plan, values, *, unwrapped: bool = False) -> float:
    """XlsxWriter writing the same cells: header, text, numbers and dates with formats.

    ``unwrapped``: call the write methods without their A1-notation wrapper, as the
    export does (``XlsxCells``), to show the export's own overhead alone.
    """
    import xlsxwriter

    started = time.perf_counter()
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("Kasus")
    write_string, write_number, write_datetime = (
        (sheet._write_string, sheet._write_number, sheet._write_datetime)
        if unwrapped
        else (sheet.write_string, sheet.write_number, sheet.write_datetime)
    )
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    money_format = workbook.add_format({"num_format": '"Rp"#,##0'})
    head = workbook.add_format({"bold": True})
    types = [c.type for c in plan.columns]
    for col, column in enumerate(plan.columns):
        sheet.write_string(0, col, column.header, head)
    for row, cells in enumerate(values, start=1):
        for col, value in enumerate(cells):
            if value is None:
                continue
            kind = types[col]
            if kind == "date":
                write_datetime(row, col, value, date_format)
            elif kind == "money":
                write_number(row, col, value, money_format)
            elif kind == "number":
                write_number(row, col, value)
            else:
                write_string(row, col, value)
    workbook.close()
    return time.perf_counter() - started


def _progress(done: int, total: int) -> None:
    """As the window's progress bar: a callback, so the total is counted meanwhile."""


def _export(store, path: Path, rows: int) -> tuple[float, int]:
    from klinik.exchange import export_rows

    started = time.perf_counter()
    summary = export_rows(
        store=store, kind="cases", format="xlsx", out=path, limit=rows, progress=_progress
    )
    return time.perf_counter() - started, summary.rows


def _peak(store, path: Path, rows: int) -> tuple[float, int]:
    from klinik.exchange import export_rows

    tracemalloc.start()
    tracemalloc.reset_peak()
    summary = export_rows(
        store=store, kind="cases", format="xlsx", out=path, limit=rows, progress=_progress
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20, summary.rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("bench/out/bench.sqlite3"))
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="klinik-bench-export-"))
    os.environ["KLINIK_DATA_DIR"] = str(scratch / "data")
    from klinik import paths

    paths.set_data_dir(None)
    store = _open_store(args.db, args.rows)
    try:
        with store.session() as db:
            from klinik.services.cases import count_cases

            available = count_cases(db=db)
        rows = min(args.rows, available)
        print(f"store: {store.url} ({available:,} cases in the list); exporting {rows:,} rows")

        out = scratch / "kasus.xlsx"
        baseline_out = scratch / "xlsxwriter.xlsx"
        _export(store, out, rows)  # warm the page cache
        plan, values = _cells(store, rows)
        # The baseline's cells stay in memory; keep the collector from walking them
        # during the other runs.
        gc.collect()
        gc.freeze()
        print(f"columns: {', '.join(c.header for c in plan.columns)}")
        ours: list[float] = []
        theirs: list[float] = []
        unwrapped: list[float] = []
        for _ in range(args.runs):
            seconds, written = _export(store, out, rows)
            assert written == rows, (written, rows)
            ours.append(seconds)
            theirs.append(_xlsxwriter_alone(baseline_out, plan, values))
            unwrapped.append(_xlsxwriter_alone(baseline_out, plan, values, unwrapped=True))
        del values
        gc.unfreeze()
        gc.collect()
        ours_s, theirs_s = statistics.median(ours), statistics.median(theirs)
        ratio = ours_s / theirs_s
        flag = "" if ratio <= TARGET_RATIO else "  OVER TARGET"
        print(
            f"export_rows (read + protect + clean + write): median {ours_s:6.2f} s  "
            f"runs {', '.join(f'{t:.2f}' for t in ours)}"
        )
        print(
            f"XlsxWriter alone, same cells in memory:      median {theirs_s:6.2f} s  "
            f"runs {', '.join(f'{t:.2f}' for t in theirs)}"
        )
        print(f"ratio {ratio:.2f} (target <= {TARGET_RATIO}){flag}")
        bare = statistics.median(unwrapped)
        print(
            f"for comparison, XlsxWriter with the export's unwrapped write calls: median "
            f"{bare:5.2f} s; the export's own overhead (reading, protecting, cleaning): "
            f"x{ours_s / bare:.2f}"
        )
        print(
            f"file sizes: export {out.stat().st_size / 2**20:.1f} MiB, "
            f"XlsxWriter {baseline_out.stat().st_size / 2**20:.1f} MiB"
        )

        small = min(20_000, rows)
        peak_small, n_small = _peak(store, out, small)
        peak_large, n_large = _peak(store, out, rows)
        print(
            f"peak Python heap (tracemalloc): {n_small:,} rows {peak_small:6.1f} MiB, "
            f"{n_large:,} rows {peak_large:6.1f} MiB "
            f"(x{peak_large / peak_small:.2f} for x{n_large / n_small:.1f} rows)"
        )
        return 0 if ratio <= TARGET_RATIO else 1
    finally:
        store.close()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
