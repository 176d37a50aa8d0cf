"""Time Klinik's PDF documents on a temporary store.

    python bench/bench_reports.py [--runs 5]

Each bench in BENCHES fills a fresh temporary SQLite store with the services, builds its
document once to warm up, then --runs times, each in a fresh database session (queries
included); the median and the maximum are printed in milliseconds, with SLOW after a median
over the bench's target. To add a bench, write ``bench_<name>(store, runs)`` returning its
results and append it to BENCHES.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from klinik import paths
from klinik.db.engine import Store, open_store
from klinik.services import cases, clients, consultants, outcomes, privacy, referrals, sessions
from klinik.services.documents import case_summary

PRINTED_ON = date(2025, 1, 20)


@dataclass
class Result:
    name: str
    median_ms: float
    max_ms: float
    target_ms: float
    detail: str = ""

    @property
    def slow(self) -> bool:
        return self.median_ms > self.target_ms

    def line(self) -> str:
        flag = "  SLOW" if self.slow else ""
        extra = f"  ({self.detail})" if self.detail else ""
        return (
            f"{self.name:<46} median {self.median_ms:8.1f} ms  max {self.max_ms:8.1f} ms  "
            f"target {self.target_ms:.0f} ms{flag}{extra}"
        )


def timed(store: Store, call: Callable[[Any], Any], runs: int) -> tuple[float, float, Any]:
    """Median and max milliseconds of ``call(session)`` and its last result, after a warm-up."""
    with store.session() as db:
        result = call(db)
    times = []
    for _ in range(runs):
        with store.session() as db:
            started = time.perf_counter()
            result = call(db)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), result


# --- Ringkasan Pendampingan ----------------------------------------------------------------

_NOTE = (
    "Pembahasan pencatatan keuangan harian, pemisahan uang usaha dan uang rumah tangga, "
    "harga pokok produksi amplang per kemasan 250 gram, dan rencana pemasaran ke toko oleh-"
    "oleh di Palangka Raya. "
)


def _summary_case(store: Store, sessions_count: int) -> int:
    """A client with size records, licences and a case of ``sessions_count`` sessions."""
    with store.session() as db:
        person = consultants.create_consultant(
            db=db, name="Rina Marlina, S.E.", title="Konsultan Pendamping"
        )
        client = clients.create_client(
            db=db,
            business_name="Amplang Bu Sari",
            owner_name="Sari Wulandari",
            nik="6271014505900001",
            phone="081234567890",
            address="Jl. Rajawali VII No. 12",
            kelurahan="Bukit Tunggal",
            kecamatan="Jekan Raya",
            kabupaten_code="6271",
            products="Amplang ikan pipih",
        )
        for day, omzet in (
            ("2022-01-10", "900 jt"),
            ("2023-01-10", "1,6 M"),
            ("2024-06-30", "2,4 M"),
        ):
            clients.add_size_record(
                db=db, client_id=client.id, recorded_on=day, omzet=omzet, modal="300 jt"
            )
        clients.add_licence(
            db=db, client_id=client.id, kind="nib", number="1234567890123", status="obtained"
        )
        clients.add_licence(db=db, client_id=client.id, kind="spp_irt", status="in_process")
        privacy.record_consent(  # a referral letter needs the owner's consent to referral
            db=db, client_id=client.id, given_on="2020-01-05", method="tertulis",
            purposes=["pendampingan", "rujukan"],
        )  # fmt: skip
        start = date(2024, 1, 2) - timedelta(days=sessions_count)
        case = cases.open_case(
            db=db,
            client_id=client.id,
            title="Perizinan dan akses KUR",
            consultant_id=person.id,
            opened_on=start,
            areas=["produksi", "pembiayaan"],
        )
        for i in range(sessions_count):
            follow = (
                [{"description": f"Tindak lanjut sesi {i + 1}", "due_on": start}]
                if i % 10 == 0
                else []
            )
            sessions.log_session(
                db=db,
                case_id=case.id,
                held_on=start + timedelta(days=i),
                minutes=30 + (i % 4) * 15,
                mode=("di_klinik", "kunjungan_lapangan", "telepon", "daring")[i % 4],
                summary=f"Sesi {i + 1}. " + _NOTE * (1 + i % 3),
                recommendations="Pisahkan rekening usaha.\nCatat penjualan setiap hari.",
                next_steps="Siapkan desain label kemasan.",
                follow_ups=follow,
            )
        for agency, purpose in (("DINKES-PKY", "spp_irt"), ("BANK-KALTENG", "kur")):
            referral = referrals.create_referral(
                db=db, case_id=case.id, agency_id=agency, purpose=purpose, created_on=start
            )
            referrals.send_referral(db=db, referral_id=referral.id, on=start)
        outcomes.record_outcome(
            db=db,
            case_id=case.id,
            kind="financing",
            occurred_on="2024-07-15",
            amount="50 juta",
            institution="Bank Kalteng",
            scheme="kur",
        )
        return case.id


def bench_summary(store: Store, runs: int = 5) -> list[Result]:
    """case_summary for a case with 200 sessions (target 500 ms)."""
    case_id = _summary_case(store, 200)
    median, worst, pdf = timed(
        store,
        lambda db: case_summary(db=db, case_id=case_id, printed_on=PRINTED_ON),
        runs,
    )
    pages = len(re.findall(rb"/Type /Page(?!s)", pdf))
    detail = f"{pages} pages, {len(pdf) // 1024} KB"
    return [Result("Ringkasan Pendampingan, 200 sesi", median, worst, 500.0, detail)]


# --- Laporan periode (province-scale store) ----------------------------------------------

PROVINCE_STORE = Path(__file__).resolve().parent / "out" / "bench.sqlite3"
MIN_PERIOD_SESSIONS = 100_000


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _busy_period(store: Store, today: date) -> tuple[date, date, int]:
    """The latest full calendar quarter before ``today``, widened a quarter at a time until
    it holds at least MIN_PERIOD_SESSIONS held sessions; and how many it holds."""
    from sqlalchemy import func, select

    from klinik.db.models import MentoringSession

    date_to = _quarter_start(today) - timedelta(days=1)
    date_from = _quarter_start(date_to)
    with store.session() as db:
        oldest = db.execute(select(func.min(MentoringSession.held_on))).scalar_one()
        while True:
            held = db.execute(
                select(func.count())
                .select_from(MentoringSession)
                .where(MentoringSession.held_on.between(date_from, date_to))
            ).scalar_one()
            if held >= MIN_PERIOD_SESSIONS or oldest is None or date_from <= oldest:
                return date_from, date_to, int(held)
            date_from = _quarter_start(date_from - timedelta(days=1))


def bench_period_report(store: Store, runs: int = 5) -> list[Result]:
    """period_figures and period_report over a quarter of the province-scale store
    (bench/out/bench.sqlite3: 250,000 clients, 1.2 million sessions; build it with
    bench/make_store.py). Median of at most 3 runs: a run takes seconds. Target: the whole
    report, figures included, in 5 s. The temporary ``store`` is not used."""
    import os

    from klinik import paths
    from klinik.services.documents import period_report
    from klinik.services.reporting import period_figures

    if not PROVINCE_STORE.exists():
        print(f"Laporan periode: {PROVINCE_STORE} not found; build it with bench/make_store.py")
        return []
    runs = max(1, min(runs, 3))
    saved_env, saved_override = os.environ.get("KLINIK_DATA_DIR"), paths._override
    with tempfile.TemporaryDirectory() as data:
        # A schema upgrade backs the store up first: into this folder, not the user's data.
        os.environ["KLINIK_DATA_DIR"] = data
        paths.set_data_dir(data)
        try:
            big = open_store(f"sqlite:///{PROVINCE_STORE}")
            try:
                today = date.today()
                date_from, date_to, held = _busy_period(big, today)
                period = {"date_from": date_from, "date_to": date_to}
                f_median, f_worst, figures = timed(
                    big, lambda db: period_figures(db=db, today=today, **period), runs
                )
                r_median, r_worst, pdf = timed(
                    big,
                    lambda db: period_report(db=db, printed_on=today, **period),
                    runs,
                )
            finally:
                big.close()
        finally:
            paths.set_data_dir(saved_override)
            if saved_env is None:
                os.environ.pop("KLINIK_DATA_DIR", None)
            else:
                os.environ["KLINIK_DATA_DIR"] = saved_env
    pages = len(re.findall(rb"/Type /Page(?!s)", pdf))
    span = f"{date_from:%d-%m-%Y} s/d {date_to:%d-%m-%Y}"
    n = f"{held:,}".replace(",", ".")
    assisted = f"{figures.clients_assisted:,}".replace(",", ".")
    return [
        Result(f"period_figures, {n} sesi", f_median, f_worst, 5000.0, f"{span}, {assisted} UMKM"),
        Result(
            f"Laporan periode, {n} sesi",
            r_median,
            r_worst,
            5000.0,
            f"{pages} pages, {len(pdf) // 1024} KB",
        ),
    ]


# --- Surat rujukan ---------------------------------------------------------------------------


def bench_letter(store: Store, runs: int = 5) -> list[Result]:
    """Issuing a referral letter (number, frozen content, PDF written) and printing it again
    from the kept file, and rendering it from its frozen content (target 100 ms each)."""
    import json

    from klinik.reports.letters import build_letter_pdf
    from klinik.services.cases import open_case
    from klinik.services.clients import create_client
    from klinik.services.letters import issue_referral_letter, letter_of, letter_pdf
    from klinik.services.privacy import record_consent
    from klinik.services.referrals import create_referral

    def new_referral(db) -> int:
        client = create_client(
            db=db, business_name="Amplang Bu Ani", owner_name="Ani Lestari",
            products="amplang ikan pipih", kabupaten_code="6271", phone="0812-3456-7890",
        )  # fmt: skip
        record_consent(  # and with the owner's consent to referral
            db=db, client_id=client.id, given_on="2026-01-05", method="tertulis",
            purposes=["pendampingan", "rujukan"],
        )  # fmt: skip
        case = open_case(db=db, client_id=client.id, title="SPP-IRT")
        return create_referral(db=db, case_id=case.id, agency_id="DINKES-PKY", purpose="spp_irt").id

    times = []
    for _ in range(runs + 1):
        with store.session() as db:
            referral_id = new_referral(db)
        with store.session() as db:
            started = time.perf_counter()
            issue_referral_letter(db=db, referral_id=referral_id)
            times.append((time.perf_counter() - started) * 1000)
    times = times[1:]  # the first run warms fonts and caches
    results = [Result("Surat rujukan: terbitkan", statistics.median(times), max(times), 100.0)]
    median, worst, _ = timed(store, lambda db: letter_pdf(db=db, referral_id=referral_id), runs)
    results.append(Result("Surat rujukan: cetak ulang dari berkas", median, worst, 100.0))
    with store.session() as db:
        content = json.loads(letter_of(db=db, referral_id=referral_id).content)
    median, worst, _ = timed(store, lambda _db: build_letter_pdf(content), runs)
    results.append(Result("Surat rujukan: susun PDF dari isi tersimpan", median, worst, 100.0))
    return results


def _letterhead(store: Store) -> None:
    """A complete letterhead: letters are issued (and referrals sent) only under one."""
    from klinik.services.settings import set_settings

    with store.session() as db:
        set_settings(
            db=db, clinic_address="Jl. Tjilik Riwut Km 6 No. 12, Palangka Raya",
            signer_name="Dra. Hj. Rusdiana, M.Si.", signer_title="Kepala UPT Klinik Bisnis",
        )  # fmt: skip


BENCHES: list[Callable[[Store, int], list[Result]]] = [
    bench_letter,
    bench_summary,
    bench_period_report,
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    results: list[Result] = []
    for bench in BENCHES:
        # Every bench gets its own store, so one bench's data never slows another's.
        with tempfile.TemporaryDirectory() as tmp:
            paths.set_data_dir(tmp)  # letters, backups and logs go to the temporary folder
            store = open_store(f"sqlite:///{tmp}/b.sqlite3")
            _letterhead(store)
            try:
                for result in bench(store, args.runs):
                    print(result.line(), flush=True)
                    results.append(result)
            finally:
                store.close()
                paths.set_data_dir(None)
    slow = [r for r in results if r.slow]
    print(f"{len(results)} timings, {len(slow)} over target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
