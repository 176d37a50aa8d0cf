"""Run a consultant's main jobs end to end with the installed ``klinik`` command.

    python scripts/user_jobs.py [--keep DIR]

Meant for a fresh virtual environment with a plain ``pip install .`` (no test extras): it
proves that what users get can do the work. In a new data folder it fills demo data, then
imports an .xlsx and a .csv, exports clients, cases and sessions to CSV, XLSX and PDF,
issues and prints a referral letter and a mentoring statement, prints a mentoring summary
and a period report, makes a backup and checks the store. Each job must exit 0 and leave a
file that is what it says (a PDF, a ZIP-based XLSX, a CSV with a header row). One line per
job; the exit status is 1 when any job failed. ``.ci/run`` runs it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, timedelta
from pathlib import Path

HEADERS = ["Nama Usaha", "Nama Pemilik", "No. HP/WA", "Kab/Kota", "Produk", "Omzet per tahun"]
ROWS = [
    ["Kerupuk Ikan Haruan Bu Siti", "Siti Aminah", "0812-3456-7001", "Kab. Kapuas",
     "kerupuk ikan haruan", "Rp 120.000.000"],
    ["Madu Kelulut Tahai", "Yohanes", "0813 5555 7002", "PALANGKARAYA", "madu kelulut", "45jt"],
]  # fmt: skip


class Jobs:
    def __init__(self, folder: Path):
        self.folder = folder
        self.env = {**os.environ, "KLINIK_DATA_DIR": str(folder / "data")}
        self.env.pop("QT_QPA_PLATFORM", None)
        self.failed: list[str] = []
        self.klinik = shutil.which("klinik")

    def run(self, name: str, *args: str, out: Path | None = None, kind: str = "") -> str:
        """Run ``klinik ARGS``; the job fails unless it exits 0 and ``out`` is a ``kind``."""
        if self.klinik is None:
            self.failed.append(name)
            print(f"GAGAL {name}: the klinik command is not installed")
            return ""
        result = subprocess.run(
            [self.klinik, *args], capture_output=True, text=True, env=self.env, timeout=600
        )
        problem = ""
        if result.returncode != 0:
            problem = f"exit {result.returncode}: {(result.stderr or result.stdout).strip()[-400:]}"
        elif out is not None:
            problem = _file_problem(out, kind)
        if problem:
            self.failed.append(name)
            print(f"GAGAL {name}: klinik {' '.join(args)}\n      {problem}")
        else:
            print(f"ok    {name}")
        return result.stdout

    def json(self, *args: str) -> list[dict]:
        out = self.run(f"list {' '.join(args)}", "list", *args, "--json")
        try:
            return json.loads(out)
        except ValueError:
            return []


def _file_problem(path: Path, kind: str) -> str:
    if not path.is_file() or path.stat().st_size == 0:
        return f"{path.name} was not written"
    head = path.read_bytes()[:8]
    if kind == "pdf" and not head.startswith(b"%PDF"):
        return f"{path.name} is not a PDF"
    if kind == "xlsx" and not zipfile.is_zipfile(path):
        return f"{path.name} is not an XLSX (ZIP) file"
    if kind == "csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.read(4096)
        try:
            header = next(csv.reader([sample.splitlines()[0]], csv.Sniffer().sniff(sample)))
        except (csv.Error, IndexError, StopIteration):
            return f"{path.name} is not a CSV with a header row"
        if len(header) < 2:
            return f"{path.name} has a header of {len(header)} column"
    return ""


def _sheets(folder: Path) -> tuple[Path, Path]:
    import xlsxwriter  # a runtime dependency: it writes the exports

    xlsx = folder / "daftar-asosiasi.xlsx"
    book = xlsxwriter.Workbook(str(xlsx))
    sheet = book.add_worksheet()
    for r, row in enumerate([HEADERS, *ROWS]):
        sheet.write_row(r, 0, row)
    book.close()
    text = folder / "daftar-dinas.csv"
    with text.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerow(["Rotan Kasongan Jaya", "Darmawi", "0852 4900 7003", "Katingan",
                         "tas rotan", "200.000.000"])  # fmt: skip
    return xlsx, text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the files")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="klinik-jobs-"))
    folder.mkdir(parents=True, exist_ok=True)
    jobs = Jobs(folder)
    print(f"klinik: {jobs.klinik}; files in {folder}")
    try:
        jobs.run("demo data", "demo", "--clients", "60", "--seed", "3")
        xlsx, text = _sheets(folder)
        jobs.run("import .xlsx", "import", "clients", str(xlsx))
        jobs.run("import .csv", "import", "clients", str(text))
        for name in ("Madu Kelulut Tahai", "Rotan Kasongan Jaya"):
            if not jobs.json("clients", "--search", name):
                jobs.failed.append(f"imported {name}")
                print(f"GAGAL import: {name} is not among the clients")
        for what in ("clients", "cases", "sessions"):
            for fmt in ("csv", "xlsx", "pdf"):
                out = folder / f"{what}.{fmt}"
                jobs.run(f"export {what} {fmt}", "export", what, "--format", fmt,
                         "--out", str(out), out=out, kind=fmt)  # fmt: skip
        drafts = [r for r in jobs.json("referrals") if r.get("status") == "draft"]
        if drafts:
            out = folder / "surat-rujukan.pdf"
            jobs.run("issue a letter", "letter", "--issue", "--out", str(out), str(drafts[0]["id"]),
                     out=out, kind="pdf")  # fmt: skip
            out = folder / "surat-keterangan.pdf"
            client_id = str(drafts[0]["client_id"])
            jobs.run("issue a mentoring statement", "letter", "--certificate", client_id,
                     "--out", str(out), out=out, kind="pdf")  # fmt: skip
        else:
            jobs.failed.append("issue a letter")
            print("GAGAL issue a letter: the demo data has no draft referral")
        cases = jobs.json("cases")
        if cases:
            out = folder / "ringkasan.pdf"
            jobs.run("mentoring summary", "summary", str(cases[0]["id"]), "--out", str(out),
                     out=out, kind="pdf")  # fmt: skip
        else:
            jobs.failed.append("mentoring summary")
            print("GAGAL mentoring summary: the demo data has no case")
        out = folder / "laporan-periode.pdf"
        start = (date.today() - timedelta(days=365)).isoformat()
        jobs.run("period report", "report", "--from", start, "--to", date.today().isoformat(),
                 "--out", str(out), out=out, kind="pdf")  # fmt: skip
        out = folder / "cadangan.sqlite3"
        jobs.run("backup", "backup", "--to", str(out), out=out)
        jobs.run("check", "check")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    if jobs.failed:
        print(f"{len(jobs.failed)} job(s) failed: {', '.join(jobs.failed)}")
        return 1
    print("every job ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
