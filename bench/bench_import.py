"""Time the check of a spreadsheet import (``plan_import``) at clinic scale, and its memory.

    python bench/bench_import.py [--rows 20000 200000] [--store-clients 20000]
        [--format xlsx] [--db PATH] [--seed 1] [--timeout 900]

1. Data. A store of ``--store-clients`` demo clients (``klinik.demo``, no cases) is built in
   ``bench/out/`` and kept for the next run (``--db`` uses an existing store instead, e.g.
   the 250,000-client bench store of ``make_store.py``). For each ``--rows`` a sheet is
   written the way association lists arrive: Indonesian headers, kabupaten in any spelling
   ("Kab. Kapuas", "PALANGKARAYA"), phones as "0812-3456-7890" or as Excel numbers, money as
   "Rp 150.000.000" or "150jt", dates as text or as dates. About 3% of the rows are clients
   already in the store (same NIK, same phone, or the business name with a typo in the same
   kabupaten), 3% repeat an earlier row of the sheet the same ways, 1% have a bad phone or
   NIK, a few are empty. Sheets are kept in ``bench/out/`` too (git ignores the folder).
2. Measure. Each sheet is checked in a fresh Python process, as the window does it
   (``plan_import`` with a progress callback and a cancel check), so the peak resident
   memory (``resource.getrusage``) is that of the check alone and not of the generator.
   Printed: seconds, rows per second, the plan's counts, the resident memory before the
   check (Python, SQLAlchemy, openpyxl loaded, store open) and its peak.
   Targets: 20,000 rows under 20 s, 200,000 rows under 180 s, peak under 300 MB.

``--timeout`` stops a check that takes longer (its memory is read just before), so an old
version of the code can be measured too: run this file with ``PYTHONPATH`` pointing at a
checkout of that version.
"""

from __future__ import annotations

import argparse
import collections
import csv
import inspect
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

OUT = Path("bench/out")
TARGET_SECONDS = {20_000: 20.0, 200_000: 180.0}
TARGET_MB = 300.0
TODAY = date(2025, 6, 2)

HEADERS = [
    "No",
    "Nama Usaha",
    "Nama Pemilik",
    "NIK",
    "Jenis Kelamin",
    "No. HP/WA",
    "Alamat",
    "Desa/Kelurahan",
    "Kecamatan",
    "Kab/Kota",
    "Produk",
    "Omzet per tahun",
    "Jumlah pekerja",
    "Tanggal daftar",
    "Sertifikat halal",
]


# --- the store --------------------------------------------------------------------------------


def build_store(path: Path, clients: int, seed: int) -> None:
    """A store of demo clients without cases (the duplicate search reads clients only)."""
    from klinik.db.engine import open_store
    from klinik.demo import generate_demo

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    print(f"building a store of {clients:,} clients in {path} ...", flush=True)
    store = open_store(f"sqlite:///{partial}")
    try:
        generate_demo(
            store,
            clients=clients,
            seed=seed,
            today=TODAY,
            cases_per_client=0.0,
            sessions_per_case=0.0,
        )
    finally:
        store.close()
    os.replace(partial, path)
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)


def store_sample(path: Path, size: int, seed: int) -> tuple[list[tuple], dict[str, str]]:
    """Some clients of the store to repeat in the sheet, and the kabupaten names by code."""
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        kabs = dict(con.execute("SELECT code, name FROM kabupaten"))
        total = con.execute("SELECT max(id) FROM client").fetchone()[0] or 0
        rng = random.Random(seed)
        ids = sorted({rng.randint(1, total) for _ in range(size)}) if total else []
        rows: list[tuple] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows += con.execute(
                "SELECT business_name, owner_name, nik, phone, kabupaten_code FROM client "
                f"WHERE id IN ({marks})",
                chunk,
            ).fetchall()
    finally:
        con.close()
    return rows, kabs


# --- the sheet --------------------------------------------------------------------------------


def _kab_text(rng: random.Random, code: str | None, kabs: dict[str, str]) -> str:
    if not code:
        return ""
    name = kabs.get(code, code)
    plain = name.removeprefix("Kabupaten ").removeprefix("Kota ")
    roll = rng.random()
    if roll < 0.35:
        return plain
    if roll < 0.55:
        return name.upper()
    if roll < 0.75:
        return ("Kota " if code.endswith(("71", "72")) else "Kab. ") + plain
    if roll < 0.85:
        return plain.lower().replace(" ", "")
    if roll < 0.95:
        return name
    return code


def _phone_text(rng: random.Random, phone: str | None, xlsx: bool):
    if not phone:
        return None
    national = "0" + phone.removeprefix("+62")
    roll = rng.random()
    if roll < 0.35:
        return f"{national[:4]}-{national[4:8]}-{national[8:]}"
    if roll < 0.6:
        return national
    if roll < 0.75:
        return f"{national[:4]} {national[4:8]} {national[8:]}"
    if roll < 0.85:
        return phone.removeprefix("+")
    if xlsx:
        return int(national)  # Excel dropped the leading 0
    return phone


def _money_text(rng: random.Random, value: int | None, xlsx: bool):
    if not value:
        return None
    roll = rng.random()
    if roll < 0.4:
        return "Rp " + f"{value:,}".replace(",", ".")
    if roll < 0.6 and value % 1_000_000 == 0:
        return f"{value // 1_000_000}jt"
    if roll < 0.8 and xlsx:
        return value
    return f"{value:,}".replace(",", ".")


def _typo(rng: random.Random, name: str) -> str:
    """The same business name as somebody else typed it: one letter off, or a dot more."""
    roll = rng.random()
    if roll < 0.3:
        return name + "."
    if roll < 0.5:
        return name.upper()
    letters = [i for i, ch in enumerate(name) if ch.isalpha()]
    if len(letters) < 12:
        return name.lower()
    i = rng.choice(letters[1:-1])
    if roll < 0.75:
        return name[:i] + name[i + 1 :]
    return name[:i] + name[i] + name[i:]


_SYLLABLES = (
    "ba", "bu", "da", "di", "ga", "ha", "ja", "ka", "ki", "ku", "la", "li", "ma", "mi", "mu",
    "na", "ni", "nu", "pa", "ra", "ri", "ru", "sa", "si", "su", "ta", "ti", "tu", "wa", "ya",
    "ran", "san", "tan", "yan", "lin", "dan", "man", "kar", "sar", "tar", "jaya", "sari",
)  # fmt: skip


def _distinct_name(rng: random.Random, name: str, client: dict) -> str:
    """The business name as real lists have them: told apart by a name of its own.

    klinik.demo draws names from a few dozen products and brands and a hundred first
    names, so one kabupaten of a 200,000-row list would hold "Amplang Barokah" a hundred
    times and "Amplang Barokah Bu Yanti" a dozen. Real businesses mostly carry a brand or a
    family name of their own ("Amplang Kasumari", "Keripik Kelakai Bu Yanti Rindani").
    """
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3)))).capitalize()
    roll = rng.random()
    if roll < 0.15:
        return name
    if roll < 0.75:
        return f"{name} {word}"
    first = next((w for w in client["owner_name"].split() if w not in ("H.", "Hj.")), "")
    honorific = "Bu" if client["gender"] == "P" else "Pak"
    return f"{name} {honorific} {first} {word}" if first else f"{name} {word}"


def _sheet_rows(
    rows: int,
    seed: int,
    sample: list[tuple],
    kabs: dict[str, str],
    xlsx: bool,
    distinct: bool = True,
):
    """The sheet's rows, one list of cell values each (see the module's docstring)."""
    from klinik.demo.generator import Generator
    from klinik.demo.rows import INSERT_ORDER

    rng = random.Random(seed)
    gen = Generator(
        random.Random(seed + 1),
        random.Random(seed + 2),
        TODAY,
        {table: 1 for table in INSERT_ORDER},
        sorted(kabs),
        {},
        0.0,
        0.0,
    )
    earlier: list[list] = []
    for number in range(1, rows + 1):
        roll = rng.random()
        if roll < 0.002:
            yield [None] * len(HEADERS)
            continue
        if roll < 0.032 and sample:
            name, owner, nik, phone, kab = rng.choice(sample)
            way = rng.random()
            cells = [
                number,
                name if way < 0.66 else _typo(rng, name),
                owner,
                nik if way < 0.33 else None,
                None,
                _phone_text(rng, phone, xlsx) if 0.33 <= way < 0.66 else None,
                None,
                None,
                None,
                _kab_text(rng, kab, kabs),
                None,
                _money_text(rng, rng.choice((50, 120, 300)) * 1_000_000, xlsx),
                None,
                None,
                None,
            ]
            yield cells
            continue
        if roll < 0.062 and earlier:
            cells = list(rng.choice(earlier))
            cells[0] = number
            way = rng.random()
            if way < 0.33:
                cells[1] = _typo(rng, cells[1])  # same NIK
            elif way < 0.66:
                cells[1], cells[3] = cells[1] + " Baru", None  # same phone
            else:
                cells[1], cells[3], cells[5] = _typo(rng, cells[1]), None, None
            yield cells
            continue
        gen.client()
        client = gen.rows["client"][-1]
        size = gen.rows["size_record"][-1] if gen.rows["size_record"] else {}
        if len(gen.rows["client"]) >= 1000:
            gen.reset()
        name = client["business_name"]
        if distinct:
            name = _distinct_name(rng, name, client)
        registered = client["registered_on"]
        nik = client["nik"]
        phone = _phone_text(rng, client["phone"], xlsx)
        if 0.062 <= roll < 0.067:
            phone = "12345"
        elif 0.067 <= roll < 0.072 and nik:
            nik = nik[:15]
        gender = client["gender"]
        cells = [
            number,
            name,
            client["owner_name"],
            nik,
            rng.choice((gender, gender, "Laki-laki" if gender == "L" else "Perempuan")),
            phone,
            client["address"],
            client["kelurahan"] or None,
            client["kecamatan"] or None,
            _kab_text(rng, client["kabupaten_code"], kabs),
            client["products"],
            _money_text(rng, size.get("omzet"), xlsx),
            rng.choice((1, 1, 2, 3, 5, None)),
            registered if xlsx and rng.random() < 0.5 else registered.strftime("%d/%m/%Y"),
            rng.choice(("belum", "", "", "proses")),
        ]
        if len(earlier) < 2000:
            earlier.append(cells)
        elif rng.random() < 0.05:
            earlier[rng.randrange(len(earlier))] = cells
        yield cells


def write_sheet(
    path: Path, rows: int, seed: int, sample: list[tuple], kabs: dict[str, str], distinct: bool
):
    partial = path.with_name(path.name + ".part")
    started = time.perf_counter()
    print(f"writing {rows:,} rows to {path} ...", flush=True)
    if path.suffix == ".xlsx":
        import xlsxwriter

        # Excel keeps text in a shared-string table; so does XlsxWriter without
        # constant_memory (the table is what makes a big sheet costly to read).
        book = xlsxwriter.Workbook(str(partial))
        sheet = book.add_worksheet("Daftar UMKM")
        dates = book.add_format({"num_format": "dd/mm/yyyy"})
        for col, header in enumerate(HEADERS):
            sheet.write_string(0, col, header)
        for r, cells in enumerate(_sheet_rows(rows, seed, sample, kabs, True, distinct), start=1):
            for col, value in enumerate(cells):
                if value is None:
                    continue
                if isinstance(value, date):
                    sheet.write_datetime(r, col, value, dates)
                elif isinstance(value, int):
                    sheet.write_number(r, col, value)
                else:
                    sheet.write_string(r, col, value)
        book.close()
    else:
        with open(partial, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(HEADERS)
            for cells in _sheet_rows(rows, seed, sample, kabs, False, distinct):
                writer.writerow(["" if v is None else v for v in cells])
    os.replace(partial, path)
    size = path.stat().st_size / 2**20
    print(f"  written in {time.perf_counter() - started:.0f} s ({size:.1f} MiB)", flush=True)


# --- the measurement (in its own process) ------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(sheet: Path, db: Path) -> dict:
    """Check ``sheet`` against the store ``db`` as the window does; one JSON line out."""
    from klinik.db.engine import open_store
    from klinik.exchange import importer

    store = open_store(f"sqlite:///{db.resolve()}")
    before = _rss_mb()
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))

    params = inspect.signature(importer.plan_import).parameters
    extra = {}
    if "progress" in params:
        extra["progress"] = progress
    if "cancelled" in params:
        extra["cancelled"] = lambda: False
    started = time.perf_counter()
    plan = importer.plan_import(store=store, path=sheet, today=TODAY, **extra)
    seconds = time.perf_counter() - started
    result = {
        "seconds": seconds,
        "planned": len(plan.rows),
        "rejected_rows": len(plan.rejected_rows),
        "duplicates": len(plan.duplicates),
        "duplicates_of_store": sum(1 for d in plan.duplicates if d.client_id is not None),
        "empty_rows": plan.empty_rows,
        "reasons": dict(collections.Counter(d.reason for d in plan.duplicates).most_common()),
        "rss_before_mb": before,
        "peak_mb": _rss_mb(),
        "progress_calls": len(calls),
        "progress_rising": all(a[0] <= b[0] for a, b in zip(calls, calls[1:], strict=False)),
    }
    store.close()
    return result


def _peak_of(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _child(arguments: list[str], timeout: float | None = None, result: bool = False) -> dict | None:
    """Run this file with ``arguments`` in a new process; with ``result``, its last output
    line (JSON), else its output goes to ours.

    Every step has its own process: the check's peak memory is then its own (Linux keeps
    the parent's size at the fork in the child's ru_maxrss, so the parent stays small too).
    The child runs the same code as this process imported, not whatever Klinik the virtual
    environment has installed (python puts bench/ first on the path, not the top).
    """
    import klinik

    env = os.environ.copy()
    root = str(Path(klinik.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    command = [sys.executable, __file__, *arguments]
    out_pipe = subprocess.PIPE if result else None
    child = subprocess.Popen(command, stdout=out_pipe, text=True, env=env)
    started = time.perf_counter()
    while child.poll() is None:
        if timeout is not None and time.perf_counter() - started > timeout:
            peak = _peak_of(child.pid)
            child.kill()
            child.wait()
            return {"timeout": timeout, "peak_mb": peak}
        time.sleep(0.2)
    out = child.stdout.read() if child.stdout else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(arguments[:2])} failed (exit {child.returncode})")
    return json.loads(out.strip().splitlines()[-1]) if result else None


def report(rows: int, result: dict) -> bool:
    if "timeout" in result:
        peak = result["peak_mb"]
        print(
            f"{rows:>8,} rows: did not finish in {result['timeout']:.0f} s"
            + (f", peak {peak:.0f} MB so far" if peak else "")
        )
        return False
    seconds, peak = result["seconds"], result["peak_mb"]
    target = TARGET_SECONDS.get(rows)
    ok = (target is None or seconds <= target) and peak <= TARGET_MB
    print(
        f"{rows:>8,} rows: {seconds:7.1f} s ({rows / seconds:,.0f} rows/s), "
        f"peak {peak:5.0f} MB (before the check {result['rss_before_mb']:.0f} MB)"
        + (f"  target {target:.0f} s, {TARGET_MB:.0f} MB" if target else "")
        + ("" if ok else "  OVER TARGET")
    )
    print(
        f"          {result['planned']:,} rows to import, {result['duplicates']:,} possible "
        f"duplicates ({result['duplicates_of_store']:,} of store clients), "
        f"{result['rejected_rows']:,} rows rejected, {result['empty_rows']:,} empty; "
        f"{result['progress_calls']:,} progress reports"
        + ("" if result["progress_rising"] else " (NOT RISING)")
    )
    reasons = ", ".join(f"{n:,} {reason}" for reason, n in result["reasons"].items())
    print(f"          duplicates by reason: {reasons or 'none'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--store-clients", type=int, default=20_000)
    parser.add_argument("--db", type=Path, default=None, help="an existing store to check against")
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--names",
        choices=("lists", "demo"),
        default="lists",
        help="business names as lists write them (default) or klinik.demo's own, which "
        "repeat so much that most rows look like duplicates (the search's worst case)",
    )
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per check")
    # The steps, each run by main() in a process of its own.
    parser.add_argument("--build-store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--write-sheet", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("KLINIK_DATA_DIR", tempfile.mkdtemp(prefix="klinik-bench-import-"))

    if args.build_store is not None:
        build_store(args.build_store, args.store_clients, args.seed)
        return 0
    if args.write_sheet is not None:
        sample, kabs = store_sample(args.db, 5000, args.seed)
        write_sheet(args.write_sheet, args.rows[0], args.seed, sample, kabs, args.names == "lists")
        return 0
    if args.measure is not None:
        print(json.dumps(measure(args.measure, args.db)))
        return 0

    import sqlite3

    import klinik

    print(f"code: {Path(klinik.__file__).resolve().parent}")
    db = args.db or OUT / f"import-store-{args.store_clients}-s{args.seed}.sqlite3"
    if not db.exists():
        if args.db is not None:
            raise SystemExit(f"{db} does not exist")
        _child(["--build-store", str(db), "--store-clients", str(args.store_clients),
                "--seed", str(args.seed)])  # fmt: skip
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    in_store = con.execute("SELECT count(*) FROM client").fetchone()[0]
    con.close()
    print(f"store: {db} ({in_store:,} clients)")
    all_ok = True
    for rows in args.rows:
        names = "" if args.names == "lists" else "-demo-names"
        sheet = OUT / f"import-{rows}{names}-s{args.seed}-{db.stem}.{args.format}"
        if not sheet.exists():
            OUT.mkdir(parents=True, exist_ok=True)
            _child(["--write-sheet", str(sheet), "--db", str(db), "--rows", str(rows),
                    "--seed", str(args.seed), "--names", args.names])  # fmt: skip
        size = sheet.stat().st_size / 2**20
        print(f"checking {sheet} ({size:.1f} MiB) ...", flush=True)
        result = _child(
            ["--measure", str(sheet), "--db", str(db)], timeout=args.timeout, result=True
        )
        all_ok &= report(rows, result or {})
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
