"""229 bad inputs for the ``klinik`` command, and a runner that sorts their outcomes.

Each row is an argv, the exit status it must give and a fragment of the Indonesian message it
must print. ``tests/cli/test_bad_input.py`` asserts every row; run as a script, this module
counts the outcomes over the table for any checkout of Klinik, so the same table measures the
code before and after a change:

    mkdir /tmp/orig && git archive af02c3d klinik resources | tar -x -C /tmp/orig
    python tests/cli/bad_inputs.py --code /tmp/orig     # before
    python tests/cli/bad_inputs.py --code .             # after

An argument given as ``bytes`` is not valid UTF-8; Python hands such an argument to the
program as a str with lone surrogates (PEP 383 surrogateescape), and so does the runner
(``os.fsdecode``). ``{tmp}`` in an argument is a fresh folder for output files.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import os
import shutil
import sqlite3
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class Row:
    argv: tuple[str | bytes, ...]
    says: str  # a fragment of stderr (refusals) or stdout (accepted input)
    code: int = 2

    @property
    def id(self) -> str:
        shown = []
        for arg in self.argv:
            text = os.fsdecode(arg) if isinstance(arg, bytes) else arg
            text = text.encode("unicode_escape", "backslashreplace").decode("ascii")
            shown.append(text if len(text) <= 40 else f"{text[:16]}…[{len(text)}]")
        return " ".join(shown)


MB = "x" * 1_000_000  # a pasted megabyte
BIG = "99999999999999999999"  # beyond 64 bits
HUGE = "9" * 5000  # beyond Python's 4,300-digit int() limit
LONG_SEARCH = "a" * 50_000  # beyond SQLite's LIKE pattern limit
BAD_UTF8 = b"Toko \xff\xfe Ani"
OUT = "{tmp}/out.pdf"
CSV = "{tmp}/out.csv"


def _rows(base: Sequence[str], cases: Sequence[tuple[Sequence[str | bytes], str]]) -> list[Row]:
    return [Row((*base, *extra), says) for extra, says in cases]


CLIENT = ("add", "client", "--business-name", "Toko Baru")
CASE = ("add", "case", "--client", "1", "--title", "Kasus baru")
SESSION = ("add", "session", "--case", "1")
REFERRAL = ("add", "referral", "--case", "1", "--agency", "DINKES-PKY", "--purpose", "spp_irt")
CONSULTANT = ("add", "consultant", "--name", "Budi Santoso")
SIZE = ("add", "size", "--client", "1", "--date", "2026-06-30")
LICENCE = ("add", "licence", "--client", "1", "--kind", "spp_irt")
OUTCOME = ("add", "outcome", "--case", "1", "--date", "2026-06-30")
OMZET = ("--kind", "omzet", "--amount", "200jt")
PERIOD_BAD = ("--from", "2026-02-01", "--to", "2026-01-01")
PERIOD = ("--from", "2026-01-01", "--to", "2026-03-31")


BAD: list[Row] = [
    # --- add client: every field ----------------------------------------------------------
    Row(("add", "client", "--business-name", " "), "Nama usaha wajib diisi"),
    Row(("add", "client", "--business-name", MB), "Nama usaha terlalu panjang (1000000 huruf)"),
    Row(("add", "client", "--business-name", "Toko\x00Ani"), "Nama usaha memuat karakter NUL"),
    Row(("add", "client", "--business-name", BAD_UTF8), "Nama usaha memuat byte yang bukan"),
    Row(("add", "client", "--business-name", "Toko\x1b[31mAni"), "karakter kendali"),
    Row(("add", "client"), "--business-name"),
    *_rows(
        CLIENT,
        [
            (("--nik", "627105450890000"), "NIK harus 16 angka"),
            (("--nik", HUGE), "NIK terlalu panjang"),
            (("--nik", "6271054508900001"), "NIK ini sudah terdaftar"),
            (("--gender", "X"), "Jenis kelamin tidak dikenal"),
            (("--phone", MB), "No. HP terlalu panjang"),
            (("--phone", "\x00"), "No. HP memuat karakter NUL"),
            (("--email", "ani.example.com"), "tepat satu tanda @"),
            (("--email", MB + "@example.id"), "E-mail terlalu panjang"),
            (("--kabupaten", "Gotham"), "Kabupaten/kota 'Gotham' tidak dikenal"),
            (("--kabupaten", "9999"), "Kode kabupaten/kota 9999 tidak dikenal"),
            (("--kbli", "1"), "KBLI harus 2 sampai 5 angka"),
            (("--kbli", "123456"), "KBLI harus 2 sampai 5 angka"),
            (("--kbli", "10\u00b2"), "KBLI harus 2 sampai 5 angka"),
            (("--legal-form", "llc"), "Bentuk usaha tidak dikenal"),
            (("--year-started", "1800"), "Tahun mulai usaha paling kecil 1900"),
            (("--year-started", "2020.5"), "Tahun mulai usaha harus bilangan bulat"),
            (
                ("--year-started", "\u00b2\u2070\u00b2\u2070"),
                "Tahun mulai usaha harus berupa angka",
            ),
            (("--year-started", HUGE), "Tahun mulai usaha terlalu panjang"),
            (("--year-started", BIG), "Tahun mulai usaha terlalu besar"),
            (("--year-started", "2099"), "Tahun mulai usaha paling besar"),
            (("--registered-on", "2026-13-01"), "Bulan harus 1-12"),
            (("--registered-on", "31/02/2026"), "Tanggal 31 Februari 2026 tidak ada"),
            (("--registered-on", "2099-01-01"), "Tanggal terdaftar tidak boleh di masa depan"),
            (("--registered-on", "kemarin"), "Tanggal 'kemarin' tidak dikenali"),
            (("--nib", "123"), "NIB"),
            (("--npwp", "12"), "NPWP"),
            (("--notes", MB), "Catatan terlalu panjang"),
            (("--notes", "baris\x00dua"), "Catatan memuat karakter NUL"),
        ],
    ),
    # --- add case ---------------------------------------------------------------------------
    *_rows(
        ("add", "case", "--title", "Kasus baru"),
        [
            (("--client", "999"), "Klien dengan id 999 tidak ditemukan"),
            (("--client", "abc"), "--client"),
            (("--client", BIG), "--client"),
            (("--client", "-1"), "--client"),
            (("--client", "1.5"), "--client"),
        ],
    ),
    Row(("add", "case", "--client", "1", "--title", " "), "Judul wajib diisi"),
    Row(("add", "case", "--client", "1", "--title", MB), "Judul terlalu panjang"),
    Row(("add", "case", "--client", "1", "--title", "SPP\x00IRT"), "Judul memuat karakter NUL"),
    *_rows(
        CASE,
        [
            (("--goal", MB), "Tujuan terlalu panjang"),
            (("--areas", "junk"), "Bidang tidak dikenal: 'junk'"),
            (("--areas", ",".join(["produksi"] * 600)), "Bidang terlalu panjang"),
            (("--consultant", "999"), "Konsultan dengan id 999 tidak ditemukan"),
            (("--consultant", BIG), "--consultant"),
            (("--opened-on", "2099-01-01"), "Tanggal dibuka tidak boleh di masa depan"),
            (("--opened-on", "2026-01-01\x00"), "Tanggal dibuka memuat karakter NUL"),
        ],
    ),
    # --- add session -----------------------------------------------------------------------
    Row(("add", "session", "--case", "999"), "Kasus dengan id 999 tidak ditemukan"),
    Row(("add", "session", "--case", BIG), "--case"),
    Row(("add", "session", "--case", "abc"), "--case"),
    *_rows(
        SESSION,
        [
            (("--minutes", "60.5"), "Durasi (menit) harus bilangan bulat; '60.5' memuat pecahan"),
            (("--minutes", "60,5"), "Durasi (menit) harus bilangan bulat; '60,5' memuat pecahan"),
            (("--minutes", "\u00b2"), "Durasi (menit) harus berupa angka bulat"),
            (("--minutes", "-5"), "Durasi (menit) paling kecil 1"),
            (("--minutes", "1441"), "Durasi (menit) paling besar 1440"),
            (("--minutes", HUGE), "Durasi (menit) terlalu panjang"),
            (("--minutes", BIG), "Durasi (menit) terlalu besar"),
            (("--minutes", "\u0666\u0660"), "Durasi (menit) harus berupa angka bulat"),
            (("--minutes", "1.500"), "Durasi (menit) paling besar 1440"),
            (("--prep-minutes", "30.5"), "Persiapan (menit) harus bilangan bulat"),
            (("--prep-minutes", "-1"), "Persiapan (menit) paling kecil 0"),
            (("--mode", "junk"), "Cara pendampingan tidak dikenal"),
            (("--areas", "junk"), "Bidang tidak dikenal: 'junk'"),
            (("--consultant", "999"), "Konsultan dengan id 999 tidak ditemukan"),
            (("--consultant", BIG), "--consultant"),
            (("--summary", MB), "Catatan sesi terlalu panjang"),
            (("--summary", "desain\x00label"), "Catatan sesi memuat karakter NUL"),
            (("--summary", BAD_UTF8), "Catatan sesi memuat byte yang bukan teks UTF-8"),
            (("--next-steps", "\x00"), "Langkah berikutnya memuat karakter NUL"),
            (("--date", "2025-12-31"), "Tanggal sesi tidak boleh sebelum kasus dibuka"),
            (
                ("--date", "2026-02-01", "--next-session", "2026-01-20"),
                "Sesi berikutnya harus sesudah tanggal sesi ini",
            ),
            (("--follow-up", "Urus NIB@2026-13-40"), "Tenggat: Bulan harus 1-12"),
            (("--follow-up", "@2026-12-05"), "Tindak lanjut wajib diisi"),
            (("--follow-up", "Foto\x00produk"), "Tindak lanjut memuat karakter NUL"),
        ],
    ),
    # --- add referral ----------------------------------------------------------------------
    *_rows(
        ("add", "referral", "--agency", "DINKES-PKY", "--purpose", "spp_irt"),
        [
            (("--case", "999"), "Kasus dengan id 999 tidak ditemukan"),
            (("--case", BIG), "--case"),
        ],
    ),
    *_rows(
        ("add", "referral", "--case", "1", "--purpose", "spp_irt"),
        [
            (("--agency", "NOPE"), "Instansi dengan id NOPE tidak ditemukan"),
            (("--agency", "99999"), "Instansi dengan id 99999 tidak ditemukan"),
            (("--agency", BIG), "--agency"),
            (("--agency", "\u00b2"), "--agency"),
            (("--agency", BAD_UTF8), "--agency"),
            (("--agency", MB), "--agency"),
        ],
    ),
    *_rows(
        ("add", "referral", "--case", "1", "--agency", "DINKES-PKY"),
        [
            (("--purpose", " "), "Keperluan wajib diisi"),
            (("--purpose", "spp\x00irt"), "Keperluan memuat karakter NUL"),
        ],
    ),
    *_rows(
        REFERRAL,
        [
            (("--note", "\x00"), "Catatan memuat karakter NUL"),
        ],
    ),
    # --- add consultant --------------------------------------------------------------------
    Row(("add", "consultant", "--name", " "), "Nama wajib diisi"),
    Row(("add", "consultant", "--name", MB), "Nama terlalu panjang"),
    Row(("add", "consultant", "--name", "Budi\x00"), "Nama memuat karakter NUL"),
    Row(("add", "consultant", "--name", BAD_UTF8), "Nama memuat byte yang bukan teks UTF-8"),
    *_rows(
        CONSULTANT,
        [
            (("--initials", "ABCDEFGHIJ"), "Inisial terlalu panjang"),
            (("--email", "budi"), "tepat satu tanda @"),
            (("--email", MB + "@example.id"), "E-mail terlalu panjang"),
        ],
    ),
    # --- add size: money and counts ----------------------------------------------------------
    *_rows(
        SIZE,
        [
            (("--omzet", "1.5"), "tidak jelas: titik memisahkan ribuan"),
            (("--omzet", "1,500"), "bisa dibaca dua cara"),
            (("--omzet", "99999999999999999999999"), "terlalu besar. Paling besar Rp1.000 triliun"),
            (("--omzet", HUGE), "Omzet per tahun terlalu panjang"),
            (("--omzet", "-5jt"), "Jumlah uang tidak boleh negatif"),
            (("--omzet", "1,5xx"), "Satuan 'xx' tidak dikenal"),
            (("--omzet", "\u00b2"), "bukan jumlah uang yang dikenali"),
            (("--omzet", "1.500 jt"), "bisa dibaca dua cara: Rp1.500.000.000 atau Rp1.500.000"),
            (("--omzet", "1001 T"), "terlalu besar. Paling besar Rp1.000 triliun"),
            (("--modal", "150jt\x00"), "Modal usaha memuat karakter NUL"),
            (("--workers-male", "1.5"), "Pekerja tetap laki-laki harus bilangan bulat"),
            (("--workers-female", "\u00b2"), "Pekerja tetap perempuan harus berupa angka bulat"),
            (("--workers-male", BIG), "Pekerja tetap laki-laki terlalu besar"),
            ((), "Isi paling sedikit omzet, modal, aset, atau jumlah pekerja"),
        ],
    ),
    Row(
        ("add", "size", "--client", "999", "--date", "2026-06-30", "--omzet", "1jt"),
        "Klien dengan id 999 tidak ditemukan",
    ),
    Row(("add", "size", "--client", BIG, "--date", "2026-06-30", "--omzet", "1jt"), "--client"),
    Row(
        ("add", "size", "--client", "1", "--date", "2099-01-01", "--omzet", "1jt"),
        "Tanggal data tidak boleh di masa depan",
    ),
    Row(
        ("add", "size", "--client", "1", "--date", "akhir tahun", "--omzet", "1jt"),
        "tidak dikenali",
    ),
    # --- add licence -------------------------------------------------------------------------
    Row(("add", "licence", "--client", "1", "--kind", "junk"), "Jenis tidak dikenal: 'junk'"),
    Row(("add", "licence", "--client", "999", "--kind", "nib"), "Klien dengan id 999"),
    Row(("add", "licence", "--client", "1", "--kind", "nib", "--number", "123"), "NIB"),
    *_rows(
        LICENCE,
        [
            (("--status", "junk"), "Status tidak dikenal: 'junk'"),
            (
                ("--issued-on", "2026-01-10", "--expires-on", "2025-01-01"),
                "Tanggal berlaku sampai harus sesudah tanggal terbit",
            ),
            (("--status", "obtained"), "Izin yang sudah terbit harus punya nomor"),
            (("--number", MB), "Nomor terlalu panjang"),
            (("--number", "P-IRT\x00"), "Nomor memuat karakter NUL"),
        ],
    ),
    # --- add outcome -------------------------------------------------------------------------
    Row((*OUTCOME, "--kind", "junk"), "Jenis tidak dikenal: 'junk'"),
    Row(("add", "outcome", "--case", "1", "--date", "2099-01-01", *OMZET), "masa depan"),
    Row(("add", "outcome", "--case", "1", "--date", "pekan lalu", *OMZET), "tidak dikenali"),
    Row(("add", "outcome", "--case", "999", "--date", "2026-06-30", *OMZET), "Kasus dengan id 999"),
    Row(("add", "outcome", "--case", BIG, "--date", "2026-06-30", *OMZET), "--case"),
    *_rows(
        (*OUTCOME, "--kind", "omzet"),
        [
            (("--amount", "1.5"), "tidak jelas: titik memisahkan ribuan"),
            (("--amount", "99999999999999999999999"), "terlalu besar"),
            (("--amount", "200jt", "--amount-requested", "1,500"), "bisa dibaca dua cara"),
            (("--amount", "200jt", "--note", "\x00"), "Catatan memuat karakter NUL"),
        ],
    ),
    *_rows(
        OUTCOME,
        [
            (("--kind", "financing", "--amount", "50jt"), "Isi lembaga pemberi pembiayaan"),
            (
                (
                    "--kind",
                    "financing",
                    "--amount",
                    "50jt",
                    "--institution",
                    "Bank Kalteng",
                    "--scheme",
                    "junk",
                ),
                "Skema tidak dikenal: 'junk'",
            ),  # fmt: skip
            (("--kind", "licence", "--licence-kind", "junk"), "Jenis izin tidak dikenal"),
            (("--kind", "jobs", "--jobs", "1.5"), "Tenaga kerja baru harus bilangan bulat"),
            (("--kind", "jobs", "--jobs", "-1"), "Tenaga kerja baru paling kecil 0"),
            (("--kind", "jobs", "--jobs", "\u00b2"), "Tenaga kerja baru harus berupa angka bulat"),
            (("--kind", "jobs", "--jobs", BIG), "Tenaga kerja baru terlalu besar"),
        ],
    ),
    # --- list: filters, dates, numbers, ids ----------------------------------------------------
    Row(("list", "cases", "--status", "junk"), "Status 'junk' tidak dikenal. Pilihan: baru"),
    Row(("list", "cases", "--area", "junk"), "Bidang 'junk' tidak dikenal. Pilihan: kelembagaan"),
    Row(("list", "referrals", "--status", "junk"), "Status 'junk' tidak dikenal. Pilihan: draft"),
    Row(("list", "sessions", "--area", "junk"), "Bidang 'junk' tidak dikenal"),
    Row(("list", "clients", "--sort", "junk"), "Urutan 'junk' tidak dikenal"),
    Row(("list", "cases", "--sort", "-junk"), "Urutan 'junk' tidak dikenal"),
    Row(("list", "clients", "--sort", MB), "Urutan terlalu panjang"),
    *[
        Row(("list", what, *PERIOD_BAD), "--to harus sesudah --from")
        for what in ("clients", "cases", "sessions")
    ],
    *[
        Row(("list", what, "--search", LONG_SEARCH), "Teks pencarian terlalu panjang")
        for what in ("clients", "cases", "sessions", "referrals")
    ],
    Row(("list", "cases", "--consultant", BIG), "--consultant"),
    Row(("list", "cases", "--consultant", "abc"), "--consultant"),
    Row(("list", "sessions", "--client", BIG), "--client"),
    Row(("list", "sessions", "--case", BIG), "--case"),
    Row(("list", "clients", "--limit", "-1"), "--limit"),
    Row(("list", "clients", "--limit", BIG), "--limit"),
    Row(("list", "clients", "--kabupaten", "Gotham"), "Kabupaten/kota 'Gotham' tidak dikenal"),
    Row(("list", "clients", "--kabupaten", BAD_UTF8), "bukan teks UTF-8"),
    Row(("list", "cases", "--from", "2026-02-30"), "Tanggal 30 Februari 2026 tidak ada"),
    # --- show, status, archive ---------------------------------------------------------------
    Row(("show", "client", BIG), "id"),
    Row(("show", "case", BIG), "id"),
    Row(("show", "client", "404"), "Klien dengan id 404 tidak ditemukan"),
    Row(("show", "client", "-1"), "-1"),
    Row(("show", "client", b"\xff"), "id"),
    Row(("status", "case", "999", "aktif"), "Kasus dengan id 999 tidak ditemukan"),
    Row(("status", "case", "1", "junk"), "Status 'junk' tidak dikenal"),
    Row(("status", "case", BIG, "aktif"), "id"),
    Row(("status", "referral", "999", "sent"), "Rujukan dengan id 999 tidak ditemukan"),
    Row(("status", "referral", "1", "junk"), "tidak bisa diubah menjadi junk"),
    Row(("status", "case", "1", "ditutup"), "Alasan menutup kasus wajib diisi"),
    Row(("status", "case", "1", "ditutup", "--reason", MB), "Alasan terlalu panjang"),
    Row(("status", "case", "1", "ditutup", "--reason", "pindah\x00"), "Alasan memuat karakter NUL"),
    Row(("status", "referral", "1", "accepted", "--outcome", "\x00"), "Hasil memuat karakter NUL"),
    Row(("status", "case", "1", BAD_UTF8), "bukan teks UTF-8"),
    Row(("archive", "client", "999"), "Klien dengan id 999 tidak ditemukan"),
    Row(("unarchive", "client", "abc"), "id"),
    # --- documents ----------------------------------------------------------------------------
    Row(("letter", "999", "--out", OUT), "Rujukan dengan id 999 tidak ditemukan"),
    Row(("letter", BIG, "--out", OUT), "id"),
    Row(("letter", "1", "--out", OUT, "--issue", "--date", "2026-13-01"), "Bulan harus 1-12"),
    Row(("letter", "1", "--out", "{tmp}/sur\x00at.pdf"), "NUL"),
    Row(("summary", "999", "--out", OUT), "Kasus dengan id 999 tidak ditemukan"),
    Row(("summary", "--client", "999", "--out", OUT), "Klien dengan id 999 tidak ditemukan"),
    Row(("report", "--from", "2026-03-31", "--to", "2026-01-01", "--out", OUT), "--to harus"),
    Row(("report", *PERIOD, "--consultant", "999", "--out", OUT), "Konsultan dengan id 999"),
    Row(("report", *PERIOD, "--consultant", BIG, "--out", OUT), "--consultant"),
    Row(("report", *PERIOD, "--kabupaten", "Gotham", "--out", OUT), "'Gotham' tidak dikenal"),
    # --- export -------------------------------------------------------------------------------
    *_rows(
        ("export", "cases", "--format", "csv", "--out", CSV),
        [
            (("--status", "junk"), "Status 'junk' tidak dikenal"),
            (("--area", "junk"), "Bidang 'junk' tidak dikenal"),
            (PERIOD_BAD, "--to harus sesudah --from"),
            (("--search", LONG_SEARCH), "Teks pencarian terlalu panjang"),
            (("--consultant", BIG), "--consultant"),
        ],
    ),
    Row(("export", "clients", "--format", "csv", "--out", CSV, "--sort", "junk"), "'junk'"),
    Row(("export", "clients", "--format", "csv", "--out", CSV, "--columns", "junk"), "junk"),
    # --- personal data ----------------------------------------------------------------------
    Row(
        ("consent", "give", "999", "--purposes", "rujukan", "--method", "lisan"),
        "Klien dengan id 999 tidak ditemukan",
    ),
    Row(
        ("consent", "give", "1", "--purposes", "belanja", "--method", "lisan"),
        "Keperluan yang disetujui tidak dikenal",
    ),
    Row(
        ("consent", "give", "1", "--purposes", "rujukan", "--method", "telepati"),
        "Cara persetujuan tidak dikenal",
    ),
    Row(
        (
            "consent",
            "give",
            "1",
            "--purposes",
            "rujukan",
            "--method",
            "lisan",
            "--date",
            "2099-01-01",
        ),
        "tidak boleh di masa depan",
    ),  # fmt: skip
    Row(
        ("consent", "give", "1", "--purposes", "rujukan", "--method", "lisan", "--note", "\x00"),
        "Catatan memuat karakter NUL",
    ),
    Row(("consent", "withdraw", BIG), "id"),
    Row(("consent", "form", "999", "--out", OUT), "Klien dengan id 999 tidak ditemukan"),
    Row(("access", "999", "--out", "{tmp}/salinan"), "Klien dengan id 999 tidak ditemukan"),
    Row(("erase", "999", "--yes"), "Klien dengan id 999 tidak ditemukan"),
    Row(("audit", *PERIOD_BAD), "--to harus sesudah --from"),
    Row(("audit", "--client", BIG), "--client"),
    # --- settings -------------------------------------------------------------------------------
    *[
        Row(("settings", assignment), says)
        for assignment, says in [
            ("current_consultant_id=99999", "Konsultan dengan id 99999 tidak ditemukan"),
            ("current_consultant_id=abc", "Konsultan aktif harus berupa id"),
            (f"current_consultant_id={BIG}", "Konsultan aktif harus berupa id"),
            ("letter_pattern={seq:0100000d}/{year}", "{seq:0100000d} tidak didukung"),
            ("letter_pattern={seq}/{year}/" + "X" * 1000, "Pola nomor surat terlalu panjang"),
            ("letter_pattern={unit}/{year}", "harus memuat {seq}"),
            ("clinic_name=" + MB, "Nama klinik terlalu panjang (1000000 huruf)"),
            ("clinic_name=Klinik\x00Bisnis", "Nama klinik memuat karakter NUL"),
            ("clinic_name=", "Nama klinik wajib diisi"),
            ("clinic_email=klinik.example.id", "tepat satu tanda @"),
            ("clinic_email=" + MB + "@example.id", "E-mail klinik terlalu panjang"),
            ("first_run_done=maybe", "isi ya atau tidak"),
            ("first_run_done=", "isi ya atau tidak"),
            ("backup_retention_days=29", "antara 30 dan 3650 hari"),
            ("backup_retention_days=60.5", "antara 30 dan 3650 hari"),
            ("warna_tema=hijau", "Pengaturan 'warna_tema' tidak dikenal"),
            ("clinic_name", "KUNCI=NILAI"),
            ("clinic_unit=" + MB, "Kode unit (untuk nomor surat) terlalu panjang"),
            ("signer_name=Dr.\x00Yusuf", "Nama penanda tangan memuat karakter NUL"),
            ("clinic_logo=/tidak/ada/logo.png", "tidak ditemukan"),
        ]
    ],
    Row(("settings", b"clinic_name=Klinik \xff Bisnis"), "Nama klinik memuat byte yang bukan"),
    # --- other commands ------------------------------------------------------------------------
    Row(("demo", "--clients", "-1"), "--clients"),
    Row(("demo", "--clients", "1.5"), "--clients"),
    Row(("--data-dir", "{tmp}/data\x00", "info"), "NUL"),
    Row(("--data-dir", b"{tmp}/klinik-\xff", "info"), "Folder data --data-dir memuat byte"),
]

# Input that is right and must be taken (it was refused, or mangled, before).
GOOD: list[Row] = [
    Row(("list", "cases", "--sort", "-last_activity"), "Fasilitasi SPP-IRT", 0),
    Row(("list", "cases", "--sort=-last_activity"), "Fasilitasi SPP-IRT", 0),
    Row(("list", "cases", "--status", "baru,aktif", "--json"), "Fasilitasi SPP-IRT", 0),
    Row(("list", "cases", "--status", "Aktif", "--area", "Pemasaran"), "Fasilitasi SPP-IRT", 0),
    Row((*SESSION, "--recommendations", "-2+3", "--summary", "-x"), "2", 0),
    Row((*SESSION, "--minutes", "90"), "2", 0),
    Row((*SIZE, "--omzet", "1.500.000"), "1", 0),
    Row((*SIZE, "--omzet", "1,5jt"), "1", 0),
    Row((*SIZE, "--omzet", "150jt", "--modal", "Rp40.000.000,-"), "1", 0),
    Row(("add", "client", "--business-name", "-Toko Strip-"), "2", 0),
    Row(("settings", "first_run_done=ya"), "first_run_done         ya", 0),
    Row(("settings", "current_consultant_id=1"), "current_consultant_id  1", 0),
    Row(("list", "--help"), "--search", 0),
]


# --- running a row ------------------------------------------------------------------------------


def world(main: Callable[[list[str]], int]) -> None:
    """The store every row starts from: a consultant, a client, a case, a session, a referral."""
    steps = [
        ["settings", "clinic_address=Jl. Tjilik Riwut Km 6, Palangka Raya",
         "signer_name=Dra. Hj. Rusdiana, M.Si."],
        ["add", "consultant", "--name", "Siti Rahmawati"],
        ["add", "client", "--business-name", "Amplang Bu Ani", "--nik", "6271054508900001",
         "--phone", "0812-3456-7890", "--kabupaten", "Palangka Raya"],
        ["add", "case", "--client", "1", "--title", "Fasilitasi SPP-IRT", "--areas",
         "produksi,pemasaran", "--consultant", "1", "--opened-on", "2026-01-10"],
        ["add", "session", "--case", "1", "--date", "2026-01-15", "--minutes", "90"],
        ["add", "referral", "--case", "1", "--agency", "DINKES-PKY", "--purpose", "spp_irt"],
    ]  # fmt: skip
    for argv in steps:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = main(argv)
        if code != 0:
            raise RuntimeError(f"setting up the store failed at {argv}")


def snapshot(data_dir: Path) -> dict[str, object]:
    """Every table's row count and every setting: what a refused input must leave as it was."""
    with contextlib.closing(sqlite3.connect(data_dir / "klinik.sqlite3")) as conn:
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name != "alembic_version"
        ]
        state: dict[str, object] = {
            t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables
        }
        state["setting values"] = sorted(conn.execute("SELECT key, value FROM setting"))
    return state


def argv_of(row: Row, tmp: Path) -> list[str]:
    """The row's arguments as the program receives them (bytes decoded like sys.argv)."""
    out = []
    for arg in row.argv:
        text = os.fsdecode(arg) if isinstance(arg, bytes) else arg
        out.append(text.replace("{tmp}", str(tmp)))
    return out


@dataclasses.dataclass
class Outcome:
    code: int | None  # None: an exception escaped main()
    out: str
    err: str

    @property
    def traceback(self) -> bool:
        return self.code is None or self.code == 70 or "Traceback" in self.err


def run_row(main: Callable[[list[str]], int], row: Row, tmp: Path) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: int | None = main(argv_of(row, tmp))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except BaseException:
            traceback.print_exc()
            code = None
    return Outcome(code, out.getvalue(), err.getvalue())


def verdict(row: Row, outcome: Outcome, changed: bool) -> str:
    """traceback | wrongly accepted | wrongly refused | wrong exit | wrong message | correct."""
    if outcome.traceback:
        return "traceback"
    if row.code != 0 and outcome.code == 0:
        return "wrongly accepted"
    if row.code == 0 and outcome.code != 0:
        return "wrongly refused"
    if outcome.code != row.code:
        return "wrong exit"
    if row.code != 0 and changed:
        return "wrote on refusal"
    text = outcome.out if row.code == 0 else outcome.err
    return "correct" if row.says in text else "wrong message"


# --- counting over a checkout -----------------------------------------------------------------


def count(code_dir: Path, rows: Sequence[Row]) -> Counter[str]:
    sys.path.insert(0, str(code_dir))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import klinik
    from klinik import paths
    from klinik.cli import main

    print(f"klinik from {Path(klinik.__file__).parent}", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="klinik-bad-"))
    template = work / "template"
    os.environ["KLINIK_DATA_DIR"] = str(template)
    paths.set_data_dir(None)
    world(main)
    tally: Counter[str] = Counter()
    for i, row in enumerate(rows):
        data = work / f"data{i}"
        shutil.copytree(template, data)
        tmp = work / f"tmp{i}"
        tmp.mkdir()
        os.environ["KLINIK_DATA_DIR"] = str(data)
        paths.set_data_dir(None)
        before = snapshot(data)
        outcome = run_row(main, row, tmp)
        result = verdict(row, outcome, snapshot(data) != before)
        tally[result] += 1
        if result != "correct":
            last = (outcome.err or outcome.out).strip().splitlines()[-1:] or [""]
            print(f"{result:>16}: {row.id}  ->  {outcome.code} {last[0][:100]}", file=sys.stderr)
        shutil.rmtree(data)
    shutil.rmtree(work, ignore_errors=True)
    return tally


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", default=".", help="a checkout of Klinik (default: here)")
    parser.add_argument("--good", action="store_true", help="the input that must work instead")
    options = parser.parse_args()
    rows = GOOD if options.good else BAD
    tally = count(Path(options.code).resolve(), rows)
    print(f"{len(rows)} inputs: " + ", ".join(f"{n} {what}" for what, n in tally.most_common()))
