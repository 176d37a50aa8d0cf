"""The ``klinik`` command: starts the window, or reaches every capability headless.

Exit status: 0 success; 1 a known problem of the environment (disk full, store in use, newer
database; message on stderr); 2 bad input, an unknown id, or a request a business rule refuses
(each field's problem or the reason on stderr, in Indonesian; nothing was written); 70 a bug
(one line on stderr, the traceback in the log).

A command that writes prints its id or confirmation only after the commit returned: what it
prints exists. A value that begins with a single '-' ("--sort -last_activity",
"--recommendations -2+3") is a value, not an option, unless it is one of the command's
options; a value beginning with '--' is written as "--option=--value".
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from klinik import __version__, paths
from klinik.domain.followups import split_line
from klinik.domain.formatting import INT64_MAX, parse_whole_number, shown
from klinik.errors import (
    FieldError,
    InvalidValue,
    KnownError,
    NotFound,
    Refusal,
    ValidationError,
    known_os_error,
    known_sqlite_error,
)
from klinik.services.validation import label, text_problem

logger = logging.getLogger(__name__)

EXIT_OK, EXIT_KNOWN, EXIT_INPUT = 0, 1, 2
EXIT_BUG = 70  # EX_SOFTWARE of sysexits.h: an internal error, told apart from bad input

# Options whose values are file or folder names: any bytes the system allows are fine there.
_PATH_OPTIONS = frozenset({"out", "file", "mapping", "data_dir", "to"})
# Longest value of options that are looked up rather than stored (their messages quote them).
_SHORT_OPTIONS = {"sort": 60, "kabupaten": 100, "status": 200, "what": 40, "preset": 100,
                  "save_preset": 100, "columns": 4000, "method": 60}  # fmt: skip


class CliInputError(Exception):
    """Bad input found by the CLI itself (before any service was called)."""


class _Parser(argparse.ArgumentParser):
    """argparse, except that a value may begin with a single '-'.

    argparse reads every token that starts with '-' as an option, so "--sort -last_activity"
    and "--recommendations -2+3" fail with "expected one argument". Here such a token is an
    option only when it is one of this parser's own options (exactly, or as "-x=value");
    otherwise it is a value. Tokens beginning with "--" keep argparse's reading, so a mistyped
    long option is still reported; "--help" and "-h" are untouched.
    """

    def _parse_optional(self, arg_string: str):
        if arg_string.startswith("-") and not arg_string.startswith("--") and len(arg_string) > 1:
            name = arg_string.split("=", 1)[0]
            if name not in self._option_string_actions:
                return None
        return super()._parse_optional(arg_string)


def _date_arg(text: str) -> date:
    from klinik.domain.formatting import parse_date

    try:
        return parse_date(text)
    except InvalidValue as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _delimiter_arg(text: str) -> str:
    from klinik.exchange.export import parse_delimiter

    try:
        return parse_delimiter(text)
    except InvalidValue as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _count(maximum: int = INT64_MAX) -> Callable[[str], int]:
    """An argument type: a whole number from 0 to `maximum`."""

    def parse(text: str) -> int:
        try:
            value = parse_whole_number(text, what="Jumlah", example="100")
        except InvalidValue as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
        if not 0 <= value <= maximum:
            raise argparse.ArgumentTypeError(f"harus antara 0 dan {maximum}, bukan {value}")
        return value

    return parse


def _id_number(text: str) -> int:
    """An argument type: a record's id as a number (1 to the 64-bit limit of the database)."""
    if text.isascii() and text.strip().isdigit():
        value = int(text.strip()) if len(text.strip()) <= 19 else INT64_MAX + 1
        if 0 < value <= INT64_MAX:
            return value
        raise argparse.ArgumentTypeError(f"tidak ada data dengan id {shown(text, 24)}")
    raise argparse.ArgumentTypeError(f"id harus angka 1 atau lebih, bukan {shown(text, 24)}")


def _record_id(text: str) -> int | str:
    """An argument type: a record's id (a number) or its uid (as ``klinik show`` prints it)."""
    candidate = text.strip()
    if len(candidate) == 36 and candidate.isascii() and not candidate.isdigit():
        try:
            return str(uuid.UUID(candidate))
        except ValueError:
            pass
    if candidate.isascii() and candidate.isdigit():
        return _id_number(candidate)
    raise argparse.ArgumentTypeError(
        f"id harus angka 1 atau lebih (atau uid), bukan {shown(text, 24)}"
    )


def _agency_arg(text: str) -> int | str:
    """An argument type: an agency's id or its code (DINKES-PKY)."""
    candidate = text.strip()
    if candidate.isascii() and candidate.isdigit():
        return _id_number(candidate)
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9._-]{0,39}", candidate):
        return candidate
    raise argparse.ArgumentTypeError(
        f"tulis id atau kode instansi (mis. DINKES-PKY), bukan {shown(text, 24)}; "
        "lihat `klinik list agencies`"
    )


# --- argument parser ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="klinik",
        description="Klinik: pendampingan UMKM untuk konsultan Klinik Bisnis. "
        "Tanpa perintah, membuka jendela aplikasi.",
    )
    parser.add_argument("--version", action="version", version=f"Klinik {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder data (basis data, cadangan, surat, log); juga lewat KLINIK_DATA_DIR",
    )
    parser.add_argument("--lang", choices=["id", "en"], help="bahasa antarmuka (bawaan: id)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log lebih rinci")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")

    p = sub.add_parser("gui", help="buka jendela aplikasi (sama dengan tanpa perintah)")
    p.set_defaults(func=cmd_gui)

    p = sub.add_parser("info", help="tampilkan folder data, basis data, dan jumlah data")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("demo", help="isi basis data dengan contoh data yang realistis")
    p.add_argument("--clients", type=_count(100_000), default=200, help="jumlah klien (bawaan 200)")
    p.add_argument("--seed", type=int, default=1, help="benih acak; sama = data sama")
    p.set_defaults(func=cmd_demo, writes=True)

    p = sub.add_parser("list", help="daftar klien, kasus, sesi, rujukan, konsultan, instansi")
    p.add_argument(
        "what",
        choices=[
            "clients",
            "cases",
            "sessions",
            "referrals",
            "consultants",
            "agencies",
            "follow-ups",
            "kabupaten",
        ],
    )
    p.add_argument("--search", metavar="TEKS", help="cari teks bebas")
    p.add_argument("--status", metavar="S", help="status (kasus atau rujukan)")
    p.add_argument("--consultant", type=_id_number, metavar="ID", help="id konsultan")
    p.add_argument("--client", type=_id_number, metavar="ID", help="id klien")
    p.add_argument("--case", type=_id_number, metavar="ID", help="id kasus")
    p.add_argument("--kabupaten", metavar="KODE", help="kode atau nama kabupaten/kota")
    p.add_argument("--area", metavar="BIDANG", help="bidang pendampingan, mis. pemasaran")
    p.add_argument("--from", dest="date_from", type=_date_arg, metavar="TANGGAL")
    p.add_argument("--to", dest="date_to", type=_date_arg, metavar="TANGGAL")
    p.add_argument("--archived", action="store_true", help="hanya yang diarsipkan")
    p.add_argument("--all", action="store_true", help="termasuk yang diarsipkan")
    p.add_argument("--sort", metavar="KOLOM", help="urutan; awali '-' untuk menurun")
    p.add_argument("--limit", type=_count(), metavar="N", help="paling banyak N baris")
    p.add_argument("--json", action="store_true", help="keluaran JSON (array objek)")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="tampilkan satu klien atau kasus lengkap")
    p.add_argument("what", choices=["client", "case"])
    p.add_argument("id", type=_record_id, help="id angka atau uid")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    add = sub.add_parser("add", help="tambah data; mencetak id yang baru")
    add.set_defaults(writes=True)
    add_sub = add.add_subparsers(dest="what", metavar="JENIS", required=True)

    a = add_sub.add_parser("client", help="daftarkan klien (UMKM)")
    a.add_argument("--business-name", required=True, help="nama usaha")
    a.add_argument("--owner-name", help="nama pemilik")
    a.add_argument("--nik", help="NIK pemilik (16 angka)")
    a.add_argument("--gender", help="L atau P")
    a.add_argument("--phone", help="no. HP, mis. 0812-3456-7890")
    a.add_argument("--whatsapp", help="no. WhatsApp bila berbeda")
    a.add_argument("--email")
    a.add_argument("--address", help="alamat")
    a.add_argument("--kabupaten", dest="kabupaten_code", help="kode atau nama kabupaten/kota")
    a.add_argument("--kecamatan")
    a.add_argument("--kelurahan")
    a.add_argument("--sector", help="sektor, mis. makanan olahan")
    a.add_argument("--kbli")
    a.add_argument("--products", help="produk, mis. 'amplang, kerupuk ikan'")
    a.add_argument("--legal-form", help="perorangan, cv, pt, firma, koperasi")
    a.add_argument("--year-started", help="tahun mulai usaha")
    a.add_argument("--registered-on", help="tanggal terdaftar di klinik")
    a.add_argument("--nib", help="NIB (13 angka)")
    a.add_argument("--npwp")
    a.add_argument("--association", help="asosiasi/komunitas")
    a.add_argument("--notes")
    a.set_defaults(func=cmd_add_client)

    a = add_sub.add_parser("case", help="buka kasus pendampingan")
    a.add_argument("--client", dest="client_id", type=_id_number, required=True, help="id klien")
    a.add_argument("--title", required=True, help="judul kasus")
    a.add_argument("--goal", help="tujuan pendampingan")
    a.add_argument("--areas", help="bidang, dipisah koma: produksi,pemasaran")
    a.add_argument("--consultant", dest="consultant_id", type=_id_number, help="id konsultan")
    a.add_argument("--opened-on", help="tanggal dibuka (bawaan hari ini)")
    a.set_defaults(func=cmd_add_case)

    a = add_sub.add_parser("session", help="catat sesi pendampingan")
    a.add_argument("--case", dest="case_id", type=_record_id, required=True, help="id kasus")
    a.add_argument("--date", dest="held_on", help="tanggal sesi (bawaan hari ini)")
    a.add_argument("--minutes", help="durasi dalam menit, angka bulat (bawaan 60)")
    a.add_argument("--prep-minutes", help="menit persiapan")
    a.add_argument("--mode", help="di_klinik, kunjungan_lapangan, telepon, daring")
    a.add_argument("--areas", help="bidang, dipisah koma (bawaan: bidang kasus)")
    a.add_argument("--consultant", dest="consultant_id", type=_id_number, help="id konsultan")
    a.add_argument("--summary", help="catatan sesi")
    a.add_argument("--recommendations", help="rekomendasi")
    a.add_argument("--next-steps", help="langkah berikutnya")
    a.add_argument("--next-session", dest="next_session_on", help="tanggal sesi berikutnya")
    a.add_argument(
        "--follow-up",
        action="append",
        default=[],
        metavar="TEKS[@TANGGAL]",
        help="tindak lanjut, boleh berulang; mis. 'Urus NIB@2026-12-01'",
    )
    a.set_defaults(func=cmd_add_session)

    a = add_sub.add_parser("referral", help="buat rujukan ke instansi (draf)")
    a.add_argument("--case", dest="case_id", type=_record_id, required=True, help="id kasus")
    a.add_argument(
        "--agency",
        dest="agency_id",
        type=_agency_arg,
        default=None,
        help="id atau kode instansi; tanpa ini: instansi yang biasa dituju untuk keperluan itu "
        "di kabupaten/kota klien (dicetak)",
    )
    a.add_argument("--purpose", required=True, help="keperluan, mis. spp_irt, kur, halal")
    a.add_argument("--note", default="", help="catatan")
    a.set_defaults(func=cmd_add_referral)

    a = add_sub.add_parser("consultant", help="tambah konsultan")
    a.add_argument("--name", required=True)
    a.add_argument("--initials")
    a.add_argument("--title", help="jabatan untuk tanda tangan")
    a.add_argument("--phone")
    a.add_argument("--email")
    a.set_defaults(func=cmd_add_consultant)

    a = add_sub.add_parser("size", help="catat data usaha (omzet, modal, pekerja)")
    a.add_argument("--client", dest="client_id", type=_record_id, required=True)
    a.add_argument("--date", dest="recorded_on", required=True, help="tanggal data")
    a.add_argument("--omzet", help="omzet per tahun, mis. 150jt")
    a.add_argument("--modal", help="modal usaha")
    a.add_argument("--assets", dest="total_assets", help="total aset")
    a.add_argument("--workers-male", dest="workers_permanent_male")
    a.add_argument("--workers-female", dest="workers_permanent_female")
    a.set_defaults(func=cmd_add_size)

    a = add_sub.add_parser("licence", help="catat izin (NIB, SPP-IRT, halal, BPOM ...)")
    a.add_argument("--client", dest="client_id", type=_record_id, required=True)
    a.add_argument("--kind", required=True, help="nib, spp_irt, halal, bpom_md, bpom_ml, ...")
    a.add_argument("--number")
    a.add_argument("--status", help="needed, in_process, obtained, expired, revoked")
    a.add_argument("--issued-on")
    a.add_argument("--expires-on")
    a.set_defaults(func=cmd_add_licence)

    a = add_sub.add_parser("outcome", help="catat hasil (izin, pembiayaan, pasar ...)")
    a.add_argument("--case", dest="case_id", type=_record_id, required=True)
    a.add_argument("--kind", required=True, help="licence, financing, market, omzet, jobs, ...")
    a.add_argument("--date", dest="occurred_on", required=True)
    a.add_argument("--amount")
    a.add_argument("--amount-requested")
    a.add_argument("--institution")
    a.add_argument("--scheme", help="kur, umi, lpdb, ...")
    a.add_argument("--channel", help="modern_retail, marketplace, other_provinces, ...")
    a.add_argument("--licence-kind")
    a.add_argument("--jobs")
    a.add_argument("--note")
    a.set_defaults(func=cmd_add_outcome)

    p = sub.add_parser("status", help="ubah status kasus atau rujukan")
    p.add_argument("what", choices=["case", "referral"])
    p.add_argument("id", type=_record_id)
    p.add_argument(
        "status",
        help="kasus: aktif, ditunda, dirujuk, selesai, ditutup; "
        "rujukan: sent, accepted, declined, completed",
    )
    p.add_argument("--reason", help="alasan (wajib untuk menutup kasus)")
    p.add_argument("--outcome", help="hasil rujukan")
    p.set_defaults(func=cmd_status, writes=True)

    for name, helptext in (
        ("archive", "arsipkan klien atau kasus"),
        ("unarchive", "kembalikan klien atau kasus dari arsip"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("what", choices=["client", "case"])
        p.add_argument("id", type=_record_id)
        p.set_defaults(func=cmd_archive, restore=name == "unarchive", writes=True)

    p = sub.add_parser(
        "letter",
        help="surat rujukan sebagai PDF (terbitkan dengan --issue), atau surat keterangan "
        "pendampingan seorang klien (--certificate)",
    )
    p.add_argument("referral_id", type=_record_id, metavar="REFERRAL_ID", nargs="?")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--issue", action="store_true", help="terbitkan nomor surat bila masih draf")
    p.add_argument(
        "--certificate",
        type=_record_id,
        metavar="CLIENT_ID",
        help="terbitkan Surat Keterangan Pendampingan klien ini (nomor baru dari register surat)",
    )
    p.add_argument(
        "--to",
        metavar="INSTANSI",
        help="instansi yang akan menerima surat keterangan (kode atau id; boleh tidak diisi)",
    )
    p.add_argument(
        "--date",
        dest="on",
        type=_date_arg,
        metavar="TANGGAL",
        help="tanggal surat saat diterbitkan (bawaan hari ini)",
    )
    p.set_defaults(func=cmd_letter, writes=lambda args: args.issue or args.certificate is not None)

    p = sub.add_parser(
        "summary", help="ringkasan pendampingan sebuah kasus (atau klien) sebagai PDF"
    )
    p.add_argument("case_id", nargs="?", type=_record_id, metavar="CASE_ID")
    p.add_argument(
        "--client",
        dest="client_id",
        type=_record_id,
        metavar="CLIENT_ID",
        help="semua kasus seorang klien",
    )
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("report", help="laporan periode untuk penyandang dana sebagai PDF")
    p.add_argument("--from", dest="date_from", required=True, type=_date_arg, metavar="TANGGAL")
    p.add_argument("--to", dest="date_to", required=True, type=_date_arg, metavar="TANGGAL")
    p.add_argument("--consultant", type=_id_number, metavar="ID")
    p.add_argument("--kabupaten", metavar="KODE")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("export", help="ekspor daftar klien, kasus atau sesi ke CSV, XLSX atau PDF")
    p.add_argument("what", choices=["clients", "cases", "sessions"])
    p.add_argument("--format", required=True, choices=["csv", "xlsx", "pdf"])
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--search", metavar="TEKS")
    p.add_argument("--status", metavar="S", help="status kasus, mis. aktif atau baru,aktif")
    p.add_argument("--consultant", type=_id_number, metavar="ID")
    p.add_argument("--kabupaten", metavar="KODE")
    p.add_argument("--area", metavar="BIDANG")
    p.add_argument("--from", dest="date_from", type=_date_arg, metavar="TANGGAL")
    p.add_argument("--to", dest="date_to", type=_date_arg, metavar="TANGGAL")
    p.add_argument("--sort", metavar="KOLOM")
    p.add_argument("--columns", metavar="a,b,c", help="kolom (kunci atau judul Indonesia)")
    p.add_argument("--preset", metavar="NAMA", help="kumpulan kolom tersimpan, mis. Akumandiri")
    p.add_argument("--save-preset", metavar="NAMA", help="simpan --columns dengan nama ini")
    p.add_argument(
        "--with-personal-data",
        action="store_true",
        help="sertakan data pribadi (hanya untuk klien yang setuju)",
    )
    p.add_argument(
        "--delimiter",
        type=_delimiter_arg,
        metavar="PEMISAH",
        help="pemisah kolom CSV: ';' atau titik-koma (bawaan dengan --lang id, untuk Excel "
        "berbahasa Indonesia), ',' atau koma (bawaan dengan --lang en), tab",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "import", help="impor klien dari XLSX atau CSV (semua atau tidak sama sekali)"
    )
    p.add_argument("what", choices=["clients"])
    p.add_argument("file", nargs="?", metavar="FILE", help="berkas .xlsx atau .csv")
    p.add_argument("--dry-run", action="store_true", help="periksa saja, tanpa menyimpan")
    p.add_argument("--mapping", metavar="FILE.json", help="pemetaan kolom yang tersimpan")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="KOLOM=field",
        help='arahkan satu kolom, mis. "Tanggal Bergabung=registered_on"; "KOLOM=-": jangan '
        "impor (boleh berulang)",
    )
    p.add_argument(
        "--merge",
        action="append",
        default=[],
        type=int,
        metavar="BARIS",
        help="gabungkan kemungkinan duplikat di baris ini ke klien yang ada",
    )
    p.add_argument(
        "--create",
        action="append",
        default=[],
        type=int,
        metavar="BARIS",
        help="buat klien baru walau mirip klien lain (baris ini)",
    )
    p.add_argument("--undo", action="store_true", help="batalkan impor terakhir")
    p.set_defaults(func=cmd_import, writes=lambda args: not args.dry_run)

    consent = sub.add_parser("consent", help="persetujuan data pribadi klien (UU PDP)")
    consent_sub = consent.add_subparsers(dest="consent_cmd", required=True, metavar="TINDAKAN")
    c = consent_sub.add_parser("show", help="persetujuan yang berlaku dan riwayatnya")
    c.add_argument("client_id", type=_record_id, metavar="CLIENT_ID")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_consent_show)
    c = consent_sub.add_parser("give", help="catat persetujuan (menggantikan yang lama)")
    c.add_argument("client_id", type=_record_id, metavar="CLIENT_ID")
    c.add_argument(
        "--purposes",
        required=True,
        metavar="KEPERLUAN",
        help="dipisah koma: pendampingan, rujukan, asosiasi",
    )
    c.add_argument("--method", required=True, metavar="CARA", help="tertulis atau lisan")
    c.add_argument("--date", dest="given_on", metavar="TANGGAL", help="bawaan hari ini")
    c.add_argument("--note", metavar="CATATAN")
    c.set_defaults(func=cmd_consent_give, writes=True)
    c = consent_sub.add_parser("withdraw", help="catat penarikan persetujuan")
    c.add_argument("client_id", type=_record_id, metavar="CLIENT_ID")
    c.add_argument("--date", dest="withdrawn_on", metavar="TANGGAL", help="bawaan hari ini")
    c.add_argument("--note", default="", metavar="CATATAN")
    c.set_defaults(func=cmd_consent_withdraw, writes=True)
    c = consent_sub.add_parser("form", help="formulir persetujuan untuk ditandatangani (PDF)")
    c.add_argument(
        "client_id",
        nargs="?",
        type=_record_id,
        metavar="CLIENT_ID",
        help="tanpa id: formulir kosong",
    )
    c.add_argument("--out", required=True, metavar="FILE.pdf")
    c.set_defaults(func=cmd_consent_form)

    p = sub.add_parser(
        "access", help="ekspor semua data seorang klien (JSON dan PDF) atas permintaannya"
    )
    p.add_argument("client_id", type=_record_id, metavar="CLIENT_ID")
    p.add_argument("--out", required=True, metavar="FOLDER")
    p.set_defaults(func=cmd_access)

    p = sub.add_parser(
        "erase", help="hapus data pribadi seorang klien (tidak bisa dibatalkan; butuh --yes)"
    )
    p.add_argument("client_id", type=_record_id, metavar="CLIENT_ID")
    p.add_argument("--yes", action="store_true", help="ya, hapus data pribadinya")
    p.set_defaults(func=cmd_erase, writes=lambda args: args.yes)

    p = sub.add_parser(
        "audit", help="jejak audit: data pribadi yang keluar dari laptop dalam satu periode"
    )
    p.add_argument("--from", dest="date_from", type=_date_arg, metavar="TANGGAL")
    p.add_argument("--to", dest="date_to", type=_date_arg, metavar="TANGGAL")
    p.add_argument(
        "--all", action="store_true", help="semua kejadian, juga yang tidak keluar dari laptop"
    )
    p.add_argument("--client", dest="client_id", type=_id_number, metavar="CLIENT_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("backup", help="cadangkan basis data sekarang (diperiksa sebelum disimpan)")
    p.add_argument("--to", metavar="FILE", help="simpan ke berkas ini (bawaan: folder backups)")
    p.add_argument(
        "--accept-smaller",
        action="store_true",
        help="data memang berkurang (mis. impor dibatalkan): simpan bersama cadangan lain",
    )
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="pulihkan basis data dari cadangan yang diperiksa")
    p.add_argument("file", nargs="?", metavar="FILE", help="berkas cadangan (tanpa: daftar)")
    p.set_defaults(func=cmd_restore, writes=lambda args: bool(args.file))

    p = sub.add_parser("check", help="periksa basis data: integritas, foreign key, versi skema")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("screenshots", help="simpan gambar setiap tampilan (PNG, 1366x768)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder tujuan")
    p.add_argument("--clients", type=_count(10_000), default=120, help="jumlah klien contoh")
    p.set_defaults(func=cmd_screenshots)

    p = sub.add_parser("settings", help="lihat atau ubah pengaturan klinik (KUNCI=NILAI)")
    p.add_argument("assignments", nargs="*", metavar="KUNCI=NILAI")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_settings, writes=lambda args: bool(args.assignments))
    return parser


# --- helpers ------------------------------------------------------------------------------


def _store():
    from klinik.db.engine import open_store

    return open_store()


def _save(work: Callable[[Any], Any], say: Callable[[Any], str | None]) -> int:
    """Run `work(db)` as one unit of work, then print what `say` makes of its result.

    The one way every writing command reports: the id or confirmation is printed only after
    the commit returned. A commit that fails (a full disk) raises out of the ``with`` and
    nothing is printed, so a printed id always names a record that exists.
    """
    with _store().session() as db:
        result = work(db)
    message = say(result)
    if message is not None:
        print(message)
    return EXIT_OK


def _new_id(record: Any) -> str:
    return str(record.id)


def _check_period(args: argparse.Namespace) -> None:
    date_from, date_to = getattr(args, "date_from", None), getattr(args, "date_to", None)
    if date_from is not None and date_to is not None and date_to < date_from:
        raise CliInputError(
            f"Tanggal --to harus sesudah --from (--from {date_from:%d-%m-%Y}, "
            f"--to {date_to:%d-%m-%Y})."
        )


def _kabupaten(db, text: str) -> str:
    from klinik.services.clients import resolve_kabupaten

    try:
        return resolve_kabupaten(db, text)
    except InvalidValue as exc:
        raise ValidationError(FieldError("kabupaten", str(exc))) from None


def _check_paths(args: argparse.Namespace) -> None:
    """A file name may hold any bytes but NUL, which no system takes in a name. The data
    folder must also be UTF-8: SQLite opens its database by a UTF-8 name only."""
    for dest in sorted(_PATH_OPTIONS):
        value = getattr(args, dest, None)
        option = "--data-dir" if dest == "data_dir" else f"--{dest}"
        if isinstance(value, str) and "\x00" in value:
            raise CliInputError(f"Nama berkas atau folder {option} memuat karakter NUL (\\0).")
    problem = text_problem(args.data_dir) if args.data_dir else None
    if problem is not None:
        raise CliInputError(f"Folder data --data-dir {problem}")


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse, per option, text no field can hold: NUL, control characters, undecodable bytes.

    Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape); they cannot be
    stored or even compared in SQL. File names are exempt: any bytes the system allows are a
    valid name there.
    """
    errors: list[FieldError] = []
    for dest, value in vars(args).items():
        if dest in _PATH_OPTIONS or dest == "assignments":  # settings check their own values
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not isinstance(item, str):
                continue
            problem = text_problem(item)
            if problem is not None:
                errors.append(FieldError(dest, f"{label(dest)} {problem}"))
                break
            limit = _SHORT_OPTIONS.get(dest)
            if limit is not None and len(item) > limit:
                errors.append(
                    FieldError(
                        dest,
                        f"{label(dest)} terlalu panjang ({len(item)} huruf); "
                        f"paling banyak {limit}.",
                    )
                )
                break
    if errors:
        raise ValidationError(errors)


def _free_text(**values: str | None) -> dict[str, str | None]:
    """Options that a service stores as given (a reason, an outcome): checked like a form."""
    from klinik.services.validation import Checker

    limits = {"reason": 300, "outcome": 2000}
    c = Checker(values)
    cleaned = {name: c.text(name, max_length=limits[name]) for name in values}
    c.raise_if_errors()
    return cleaned


def _fields(args: argparse.Namespace, names: Sequence[str]) -> dict[str, Any]:
    """The options the user gave (None means not given)."""
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _print_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> None:
    if not rows:
        print("(tidak ada data)")
        return
    widths = []
    for key, title in columns:
        values = [_cell(r.get(key)) for r in rows]
        widths.append(min(40, max(len(title), *(len(v) for v in values))))
    print("  ".join(t.ljust(w) for (_, t), w in zip(columns, widths, strict=True)).rstrip())
    for r in rows:
        cells = []
        for (key, _), w in zip(columns, widths, strict=True):
            text = _cell(r.get(key))
            cells.append((text[: w - 1] + "…" if len(text) > w else text).ljust(w))
        print("  ".join(cells).rstrip())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, bool):
        return "ya" if value else ""
    return str(value)


# --- commands -----------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    from klinik.ui.app import run_app

    return run_app(lang=args.lang)


def cmd_info(args: argparse.Namespace) -> int:
    from klinik.db.engine import head_revision
    from klinik.services.stats import store_counts

    store = _store()
    with store.session() as db:
        counts = store_counts(session=db)
    info = {
        "version": __version__,
        "data_dir": str(paths.data_dir()),
        "database": store.url,
        "schema": head_revision(),
        "counts": counts,
        "storage_warning": paths.storage_warning(),
    }
    if args.json:
        _print_json(info)
    else:
        print(f"Klinik {__version__}")
        print(f"Folder data : {info['data_dir']}")
        print(f"Basis data  : {info['database']}")
        print(f"Skema       : {info['schema']}")
        for key, value in counts.items():
            print(f"  {key:<12} {value}")
        warning = paths.storage_warning()
        if warning:
            print(f"Peringatan: {warning}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from klinik.demo import generate_demo

    store = _store()
    start = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r  {done}/{total} klien", end="", file=sys.stderr, flush=True)

    counts = generate_demo(store, clients=args.clients, seed=args.seed, progress=progress)
    print(file=sys.stderr)
    seconds = time.perf_counter() - start
    print(f"Data contoh dibuat dalam {seconds:.1f} detik:")
    for key, value in counts.items():
        print(f"  {key:<16} {value}")
    return EXIT_OK


_LIST_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "clients": [
        ("id", "ID"),
        ("business_name", "Nama usaha"),
        ("owner_name", "Pemilik"),
        ("kabupaten", "Kabupaten/kota"),
        ("products", "Produk"),
        ("registered_on", "Terdaftar"),
    ],
    "cases": [
        ("id", "ID"),
        ("title", "Judul"),
        ("business_name", "Klien"),
        ("status", "Status"),
        ("consultant", "Konsultan"),
        ("last_activity_on", "Aktivitas"),
    ],
    "sessions": [
        ("id", "ID"),
        ("held_on", "Tanggal"),
        ("business_name", "Klien"),
        ("case_title", "Kasus"),
        ("mode", "Cara"),
        ("minutes", "Menit"),
    ],
    "referrals": [
        ("id", "ID"),
        ("business_name", "Klien"),
        ("agency", "Instansi"),
        ("purpose_label", "Keperluan"),
        ("status", "Status"),
        ("letter_number", "Nomor surat"),
    ],
    "consultants": [("id", "ID"), ("name", "Nama"), ("initials", "Inisial"), ("title", "Jabatan")],
    "agencies": [("id", "ID"), ("code", "Kode"), ("name", "Nama"), ("town", "Kota")],
    "follow-ups": [
        ("id", "ID"),
        ("due_on", "Tenggat"),
        ("business_name", "Klien"),
        ("description", "Tindak lanjut"),
        ("done_on", "Selesai"),
    ],
    "kabupaten": [("code", "Kode"), ("name", "Nama"), ("capital", "Ibu kota")],
}


def _archived_filter(args: argparse.Namespace) -> bool | None:
    if args.all:
        return None
    return bool(args.archived)


def cmd_list(args: argparse.Namespace) -> int:
    from klinik.services import cases, clients, consultants, referrals, sessions
    from klinik.services.common import row_to_json

    _check_period(args)
    store = _store()
    limit = args.limit
    with store.session() as db:
        kabupaten = _kabupaten(db, args.kabupaten) if args.kabupaten else None
        common = {"sort": args.sort, "limit": limit}
        if args.what == "clients":
            page = clients.list_clients(
                session=db,
                search=args.search,
                kabupaten=kabupaten,
                archived=_archived_filter(args),
                registered_from=args.date_from,
                registered_to=args.date_to,
                **common,
            )
            rows = [row_to_json(r) for r in page.rows]
        elif args.what == "cases":
            page = cases.list_cases(
                session=db,
                search=args.search,
                status=args.status,
                consultant_id=args.consultant,
                client_id=args.client,
                kabupaten=kabupaten,
                area=args.area,
                opened_from=args.date_from,
                opened_to=args.date_to,
                archived=_archived_filter(args),
                **common,
            )
            rows = [row_to_json(r) for r in page.rows]
        elif args.what == "sessions":
            page = sessions.list_sessions(
                session=db,
                search=args.search,
                case_id=args.case,
                client_id=args.client,
                consultant_id=args.consultant,
                kabupaten=kabupaten,
                area=args.area,
                held_from=args.date_from,
                held_to=args.date_to,
                **common,
            )
            rows = [row_to_json(r) for r in page.rows]
        elif args.what == "referrals":
            page = referrals.list_referrals(
                session=db, search=args.search, status=args.status, case_id=args.case, **common
            )
            rows = [row_to_json(r) for r in page.rows]
        elif args.what == "follow-ups":
            page = sessions.list_follow_ups(
                session=db,
                case_id=args.case,
                consultant_id=args.consultant,
                open_only=not args.all,
                due_by=args.date_to,
                limit=limit,
            )
            rows = [row_to_json(r) for r in page.rows]
        elif args.what == "consultants":
            rows = [_model_json(c) for c in consultants.list_consultants(session=db)][:limit]
        elif args.what == "agencies":
            rows = [_model_json(a) for a in referrals.list_agencies(session=db, active_only=False)]
            rows = rows[:limit]
        else:
            rows = [_model_json(k) for k in clients.list_kabupaten(session=db)][:limit]
    if args.json:
        _print_json(rows)
    else:
        _print_table(rows, _LIST_COLUMNS[args.what])
    return EXIT_OK


def _model_json(obj: Any) -> dict[str, Any]:
    return json.loads(obj.model_dump_json())


def cmd_show(args: argparse.Namespace) -> int:
    from klinik.services import cases, clients

    store = _store()
    with store.session() as db:
        if args.what == "client":
            rec = clients.client_record(session=db, client_id=args.id)
            data = {
                "client": _model_json(rec.client),
                "kabupaten": rec.kabupaten,
                "naik_kelas": rec.naik_kelas,
                "size_history": [
                    {**_plain(r), "size_class": r.size_class.value if r.size_class else None}
                    for r in rec.size_history
                ],
                "licences": [_model_json(lic) for lic in rec.licences],
                "cases": [_model_json(c) for c in rec.cases],
            }
        else:
            det = cases.case_detail(session=db, case_id=args.id)
            data = {
                "case": _model_json(det.case),
                "client": {"id": det.client.id, "business_name": det.client.business_name},
                "consultant": det.consultant.name if det.consultant else None,
                "areas": det.areas,
                "total_minutes": det.total_minutes,
                "sessions": [_model_json(s) for s in det.sessions],
                "follow_ups": [_model_json(f) for f in det.follow_ups],
                "referrals": [_model_json(r) for r in det.referrals],
                "outcomes": [_model_json(o) for o in det.outcomes],
                "status_changes": [_model_json(s) for s in det.status_changes],
            }
    if args.json:
        _print_json(data)
    else:
        _print_readable(data)
    return EXIT_OK


def _plain(row: Any) -> dict[str, Any]:
    from klinik.services.common import row_to_json

    return row_to_json(row)


def _print_readable(data: dict[str, Any], indent: int = 0) -> None:
    pad = "  " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            print(f"{pad}{key}:")
            _print_readable(value, indent + 1)
        elif isinstance(value, list):
            print(f"{pad}{key}: ({len(value)})")
            for item in value:
                if isinstance(item, dict):
                    summary = ", ".join(
                        f"{k}={v}"
                        for k, v in item.items()
                        if v not in (None, "", False)
                        and k not in ("uid", "created_at", "updated_at")
                    )
                    print(f"{pad}  - {summary}")
                else:
                    print(f"{pad}  - {item}")
        elif value not in (None, ""):
            print(f"{pad}{key}: {value}")


def cmd_add_client(args: argparse.Namespace) -> int:
    from klinik.services.clients import create_client

    names = [
        "business_name",
        "owner_name",
        "nik",
        "gender",
        "phone",
        "whatsapp",
        "email",
        "address",
        "kabupaten_code",
        "kecamatan",
        "kelurahan",
        "sector",
        "kbli",
        "products",
        "legal_form",
        "year_started",
        "registered_on",
        "nib",
        "npwp",
        "association",
        "notes",
    ]
    fields = _fields(args, names)
    return _save(lambda db: create_client(session=db, **fields), _new_id)


def cmd_add_case(args: argparse.Namespace) -> int:
    from klinik.services.cases import open_case

    names = ["client_id", "title", "goal", "areas", "consultant_id", "opened_on"]
    fields = _fields(args, names)

    def work(db):
        if "consultant_id" not in fields:
            current = _current_consultant(db)
            if current is not None:
                fields["consultant_id"] = current
        return open_case(session=db, **fields)

    return _save(work, _new_id)


def _current_consultant(db) -> int | None:
    from klinik.services.settings import get_setting

    return get_setting(session=db, key="current_consultant_id")


def _parse_follow_up(text: str, index: int) -> dict[str, Any]:
    """'what@date' split as the window splits it; the service checks both parts."""
    description, due = split_line(text) or ("", "")
    return {"description": description, "due_on": due or None}


def cmd_add_session(args: argparse.Namespace) -> int:
    from klinik.services.sessions import log_session

    names = [
        "held_on",
        "minutes",
        "prep_minutes",
        "mode",
        "areas",
        "consultant_id",
        "summary",
        "recommendations",
        "next_steps",
        "next_session_on",
    ]
    follow_ups = [_parse_follow_up(t, i) for i, t in enumerate(args.follow_up)]
    fields = _fields(args, names)

    def work(db):
        if "consultant_id" not in fields:
            current = _current_consultant(db)
            if current is not None:
                fields["consultant_id"] = current
        return log_session(session=db, case_id=args.case_id, follow_ups=follow_ups, **fields)

    return _save(work, _new_id)


def cmd_add_referral(args: argparse.Namespace) -> int:
    from klinik.db.models import Agency
    from klinik.services.referrals import create_referral

    def work(db):
        referral = create_referral(
            session=db,
            case_id=args.case_id,
            agency_id=args.agency_id,
            purpose=args.purpose,
            note=args.note,
        )
        agency = db.get(Agency, referral.agency_id)
        return referral.id, f"{agency.name} ({agency.code})", agency.to_verify

    def say(result) -> str:
        referral_id, agency, to_verify = result
        if args.agency_id is None:  # the id stays the only line on stdout, for scripts
            print(f"Instansi yang dituju (saran): {agency}", file=sys.stderr)
            if to_verify:
                print(
                    "  Nama instansi ini belum diperiksa; cocokkan dengan kop suratnya "
                    "(klinik list agencies) sebelum surat diterbitkan.",
                    file=sys.stderr,
                )
        return str(referral_id)

    return _save(work, say)


def cmd_add_consultant(args: argparse.Namespace) -> int:
    from klinik.services.consultants import create_consultant

    fields = _fields(args, ["name", "initials", "title", "phone", "email"])
    return _save(lambda db: create_consultant(session=db, **fields), _new_id)


def cmd_add_size(args: argparse.Namespace) -> int:
    from klinik.services.clients import add_size_record

    names = [
        "recorded_on",
        "omzet",
        "modal",
        "total_assets",
        "workers_permanent_male",
        "workers_permanent_female",
    ]
    fields = _fields(args, names)
    return _save(
        lambda db: add_size_record(session=db, client_id=args.client_id, **fields), _new_id
    )


def cmd_add_licence(args: argparse.Namespace) -> int:
    from klinik.services.clients import add_licence

    names = ["kind", "number", "status", "issued_on", "expires_on"]
    fields = _fields(args, names)
    return _save(lambda db: add_licence(session=db, client_id=args.client_id, **fields), _new_id)


def cmd_add_outcome(args: argparse.Namespace) -> int:
    from klinik.services.outcomes import record_outcome

    names = [
        "kind",
        "occurred_on",
        "amount",
        "amount_requested",
        "institution",
        "scheme",
        "channel",
        "licence_kind",
        "jobs",
        "note",
    ]
    fields = _fields(args, names)
    return _save(lambda db: record_outcome(session=db, case_id=args.case_id, **fields), _new_id)


def cmd_status(args: argparse.Namespace) -> int:
    from klinik.services.cases import change_case_status
    from klinik.services.referrals import change_referral_status

    given = _free_text(reason=args.reason, outcome=args.outcome)
    if args.what == "case":
        return _save(
            lambda db: change_case_status(
                session=db,
                case_id=args.id,
                status=args.status,
                reason=given["reason"],
                consultant_id=_current_consultant(db),
            ),
            lambda case: f"Kasus {case.id}: {case.status}",
        )

    def said(ref) -> str:
        extra = f" ({ref.letter_number})" if ref.letter_number else ""
        return f"Rujukan {ref.id}: {ref.status}{extra}"

    return _save(
        lambda db: change_referral_status(
            session=db, referral_id=args.id, status=args.status, outcome=given["outcome"]
        ),
        said,
    )


def cmd_archive(args: argparse.Namespace) -> int:
    from klinik.services import cases, clients

    actions: dict[tuple[str, bool], Callable[..., Any]] = {
        ("client", False): lambda db: clients.archive_client(session=db, client_id=args.id),
        ("client", True): lambda db: clients.restore_client(session=db, client_id=args.id),
        ("case", False): lambda db: cases.archive_case(session=db, case_id=args.id),
        ("case", True): lambda db: cases.restore_case(session=db, case_id=args.id),
    }
    word = "dipulihkan" if args.restore else "diarsipkan"
    what = "Klien" if args.what == "client" else "Kasus"
    return _save(actions[(args.what, args.restore)], lambda record: f"{what} {record.id} {word}.")


def _write_pdf(path: str, data: bytes) -> None:
    from klinik.reports.base import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise KnownError(f"Berkas {path} tidak dapat ditulis: {exc.strerror or exc}") from exc
    print(path)


def cmd_letter(args: argparse.Namespace) -> int:
    from klinik.services import letters, referrals

    if (args.referral_id is None) == (args.certificate is None):
        raise CliInputError(
            "Sebutkan satu: REFERRAL_ID (surat rujukan) atau --certificate CLIENT_ID (surat "
            "keterangan pendampingan)."
        )
    if args.certificate is not None:
        return _certificate(args)
    if args.to:
        raise CliInputError("--to hanya untuk surat keterangan (--certificate CLIENT_ID).")
    issued = None
    with _store().session() as db:
        referral = referrals.get_referral(session=db, referral_id=args.referral_id)
        if args.issue and referral.status == "draft":
            issued = letters.issue_referral_letter(session=db, referral_id=referral.id, on=args.on)
        data, draft = letters.letter_pdf(session=db, referral_id=referral.id)
    if issued is not None:  # only now: the number is committed
        print(f"Surat {issued.number} diterbitkan.", file=sys.stderr)
    if draft:
        print(
            "Surat ini belum diterbitkan: PDF ini pratinjau DRAF tanpa nomor. "
            "Tambahkan --issue untuk memberi nomor surat.",
            file=sys.stderr,
        )
    _write_pdf(args.out, data)
    return EXIT_OK


def _certificate(args: argparse.Namespace) -> int:
    from klinik.services import certificates

    with _store().session() as db:
        letter = certificates.issue_certificate(
            session=db, client_id=args.certificate, on=args.on, agency_id=args.to
        )
        data = certificates.certificate_pdf(session=db, letter_id=letter.id)
        number = letter.number
    print(f"Surat keterangan {number} diterbitkan.", file=sys.stderr)  # after the commit
    _write_pdf(args.out, data)
    return EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    from klinik.services.cases import get_case
    from klinik.services.clients import get_client
    from klinik.services.documents import build_case_summary, build_client_summary

    if (args.case_id is None) == (args.client_id is None):
        raise CliInputError("Sebutkan satu: CASE_ID atau --client CLIENT_ID.")
    with _store().session() as db:
        if args.client_id is not None:
            client = get_client(session=db, client_id=args.client_id)
            data = build_client_summary(session=db, client_id=client.id)
        else:
            case = get_case(session=db, case_id=args.case_id)
            data = build_case_summary(session=db, case_id=case.id)
    _write_pdf(args.out, data)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from klinik.services.documents import build_period_report

    _check_period(args)
    with _store().session() as db:
        kabupaten = _kabupaten(db, args.kabupaten) if args.kabupaten else None
        if args.consultant is not None:
            from klinik.services.consultants import get_consultant

            get_consultant(session=db, consultant_id=args.consultant)
        data = build_period_report(
            session=db,
            date_from=args.date_from,
            date_to=args.date_to,
            consultant_id=args.consultant,
            kabupaten=kabupaten,
        )
    _write_pdf(args.out, data)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from klinik.exchange import export

    _check_period(args)
    dates = {
        "clients": ("registered_from", "registered_to"),
        "cases": ("opened_from", "opened_to"),
        "sessions": ("held_from", "held_to"),
    }[args.what]
    given = {
        "search": args.search,
        "status": args.status,
        "consultant_id": args.consultant,
        "kabupaten": args.kabupaten,
        "area": args.area,
        dates[0]: args.date_from,
        dates[1]: args.date_to,
    }
    allowed = set(export.filter_names(args.what))
    unusable = [k for k, v in given.items() if v is not None and k not in allowed]
    if unusable:
        raise CliInputError(f"Filter {', '.join(unusable)} tidak berlaku untuk {args.what}.")
    filters = {k: v for k, v in given.items() if v is not None}
    columns = [c.strip() for c in args.columns.split(",") if c.strip()] if args.columns else None
    if args.delimiter is not None and args.format != "csv" and not args.save_preset:
        raise CliInputError("--delimiter hanya berlaku untuk --format csv.")
    delimiter = args.delimiter
    if args.preset:
        if columns:
            raise CliInputError("Pakai --columns atau --preset, tidak keduanya.")
        columns = export.load_preset(args.what, args.preset)
        if delimiter is None:
            delimiter = export.preset_delimiter(args.what, args.preset)
    if args.save_preset:
        if not columns:
            raise CliInputError("--save-preset perlu --columns.")
        export.save_preset(args.what, args.save_preset, columns, delimiter=args.delimiter)
    if delimiter is None:  # neither given nor kept with the preset: the language's
        delimiter = export.default_delimiter(args.lang)
    summary = export.export_rows(
        store=_store(),
        kind=args.what,
        format=args.format,
        out=args.out,
        filters=filters,
        sort=args.sort,
        columns=columns,
        with_personal_data=args.with_personal_data,
        actor="baris perintah",
        delimiter=delimiter,
    )
    print(f"{summary.rows} baris ditulis ke {summary.path}")
    if summary.note:
        print(summary.note)
    if summary.warning:  # the file is written as asked; the warning is for the reader
        print(f"Peringatan: {summary.warning}", file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from klinik.exchange import importer

    store = _store()
    if args.undo:
        result = importer.undo_last_import(store=store)
        print(importer.summary_text(result) if result else "Tidak ada impor yang bisa dibatalkan.")
        return EXIT_OK
    if not args.file:
        raise CliInputError("Sebutkan berkas yang diimpor (FILE), atau --undo.")
    try:
        overrides = importer.parse_mapping_overrides(args.map)
        plan = importer.plan_import(
            store=store, path=args.file, mapping=args.mapping, overrides=overrides
        )
        if args.dry_run:
            print(importer.summary_text(plan))
            print(importer.columns_text(plan))
            return EXIT_OK
        # Possible duplicates are skipped unless the user says otherwise, row by row.
        decisions = {row: "merge" for row in args.merge}
        decisions.update({row: "create" for row in args.create})
        result = importer.run_import(
            store=store, plan=plan, decisions=decisions, actor="baris perintah"
        )
    except importer.ImportInputError as exc:  # the user's own words: bad input
        raise CliInputError(str(exc)) from exc
    print(importer.summary_text(result))
    return EXIT_OK


def cmd_consent_show(args: argparse.Namespace) -> int:
    from klinik.services import privacy
    from klinik.services.clients import get_client
    from klinik.services.consultants import list_consultants

    with _store().session() as db:
        client = get_client(session=db, client_id=args.client_id)
        current = privacy.current_consent(session=db, client_id=client.id)
        history = privacy.consent_history(session=db, client_id=client.id)
        names = {c.id: c.name for c in list_consultants(session=db)}
    rows = [
        {
            "id": c.id,
            "given_on": c.given_on,
            "method": c.method,
            "purposes": [p.value for p, f in privacy.PURPOSE_FIELDS.items() if getattr(c, f)],
            "text_version": c.text_version,
            "recorded_by": names.get(c.recorded_by_id),
            "withdrawn_on": c.withdrawn_on,
        }
        for c in history
    ]
    if args.json:
        _print_json({"client_id": client.id, "in_force": current.id if current else None,
                     "records": rows})  # fmt: skip
        return EXIT_OK
    print(f"{client.business_name}: {privacy.describe_consent(current)}")
    if rows:
        print()
        _print_table(
            rows,
            [("given_on", "Tanggal"), ("method", "Cara"), ("purposes", "Keperluan"),
             ("text_version", "Versi"), ("recorded_by", "Dicatat oleh"),
             ("withdrawn_on", "Ditarik")],
        )  # fmt: skip
    return EXIT_OK


def cmd_consent_give(args: argparse.Namespace) -> int:
    from klinik.services import privacy

    return _save(
        lambda db: privacy.record_consent(
            session=db,
            client_id=args.client_id,
            given_on=args.given_on or date.today(),
            method=args.method,
            purposes=[p.strip() for p in args.purposes.split(",") if p.strip()],
            note=args.note,
            recorded_by_id=_current_consultant(db),
        ),
        lambda consent: f"Persetujuan dicatat: {privacy.describe_consent(consent)}.",
    )


def cmd_consent_withdraw(args: argparse.Namespace) -> int:
    from klinik.services import privacy

    return _save(
        lambda db: privacy.withdraw_consent(
            session=db,
            client_id=args.client_id,
            withdrawn_on=args.withdrawn_on,
            withdrawn_by_id=_current_consultant(db),
            note=args.note,
        ),
        lambda consent: (
            f"Persetujuan ditarik per {consent.withdrawn_on:%d-%m-%Y}: tidak ada lagi surat "
            "rujukan atau ekspor data pribadi untuk klien ini."
        ),
    )


def cmd_consent_form(args: argparse.Namespace) -> int:
    from klinik.services import privacy

    with _store().session() as db:
        data = privacy.consent_form_pdf(session=db, client_id=args.client_id)
    _write_pdf(args.out, data)
    return EXIT_OK


def cmd_access(args: argparse.Namespace) -> int:
    from klinik.services import privacy

    with _store().session() as db:
        json_path, pdf_path = privacy.write_access_copy(
            session=db, client_id=args.client_id, folder=args.out
        )
    print(json_path)
    print(pdf_path)
    return EXIT_OK


def cmd_erase(args: argparse.Namespace) -> int:
    from klinik.services import privacy
    from klinik.services.clients import get_client

    store = _store()
    with store.session() as db:
        client = get_client(session=db, client_id=args.client_id)
        name = client.business_name
        if not args.yes:
            raise CliInputError(
                f"Ini menghapus data pribadi {name} (nama, NIK, telepon, alamat, catatan, isi "
                "surat) untuk selamanya; jumlah sesi dan data usaha tetap untuk laporan. "
                "Ulangi dengan --yes bila pemiliknya memang meminta."
            )
    result = privacy.erase_and_purge(store=store, client_id=client.id)
    store.close()
    if result.finished_earlier:
        print(
            f"Penghapusan data pribadi klien #{result.client_id} diselesaikan: berkas basis "
            "data sudah ditulis ulang, sisa datanya tidak ada lagi di dalamnya."
        )
        return EXIT_OK
    print(
        f"Data pribadi {name} dihapus dari {result.records} catatan; klien kini "
        f"'Klien terhapus #{result.client_id}'. Cadangan yang lebih lama dari masa simpan "
        "akan terhapus dengan sendirinya."
    )
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from klinik.services import audit

    _check_period(args)
    with _store().session() as db:
        events = audit.list_events(
            session=db,
            date_from=args.date_from,
            date_to=args.date_to,
            leaves_machine_only=not args.all,
            client_id=args.client_id,
        )
    rows = [
        {
            "at": e.at.astimezone().strftime("%Y-%m-%d %H:%M"),
            "by": e.consultant or "",
            "action": e.action,
            "action_label": e.action_label,
            "what": e.what(),
            "client_id": e.client_id,
            "fields": e.fields_text(),
            "personal": e.personal,
            "left": e.leaves_machine,
            "detail": e.detail,
        }
        for e in events
    ]
    if args.json:
        _print_json(rows)
        return EXIT_OK
    scope = "semua kejadian" if args.all else "data yang keluar dari laptop"
    period = f"{args.date_from or 'awal'} s.d. {args.date_to or 'hari ini'}"
    print(f"Jejak audit, {scope}, {period}: {len(rows)} kejadian")
    _print_table(
        rows,
        [("at", "Waktu"), ("by", "Oleh"), ("action_label", "Tindakan"), ("what", "Data"),
         ("client_id", "Klien"), ("fields", "Kolom")],
    )  # fmt: skip
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from klinik.db.backup import make_backup, shrink_note

    _store().close()  # opening creates or upgrades the store first
    made = make_backup(target=args.to, accept_smaller=args.accept_smaller)
    print(made)
    note = shrink_note(made)
    if note:
        print(note, file=sys.stderr)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from klinik.db.backup import list_backups, restore_backup
    from klinik.db.engine import known_revisions

    if not args.file:
        backups = list_backups()
        if not backups:
            print("Belum ada cadangan.")
        for b in backups:
            print(f"{b.taken_at:%Y-%m-%d %H:%M}  {b.clients} klien, {b.cases} kasus, "
                  f"{b.sessions} sesi  {b.path}")  # fmt: skip
        return EXIT_OK
    aside = restore_backup(args.file, known_revisions=known_revisions())
    print(f"Dipulihkan dari {args.file}. Basis data sebelumnya disimpan di {aside}.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from klinik.db.backup import check_file

    report = check_file(paths.database_path())
    print(f"Basis data : {paths.database_path()}")
    print(f"Integritas : {report.integrity}")
    print(f"Foreign key: {report.foreign_key_problems} masalah")
    print(f"Skema      : {report.schema or '-'}")
    for message in report.messages:
        print(message)
    if report.ok:
        print("Semua baik.")
        return EXIT_OK
    from klinik.db.backup import newest_good_backup
    from klinik.db.engine import known_revisions

    good = newest_good_backup(known_revisions())
    if good is None:
        print("Ada masalah, dan tidak ada cadangan yang baik. Jangan menulis ke basis data ini; "
              "salin folder data untuk diperiksa ahli.")  # fmt: skip
    else:
        print(f"Ada masalah. Cadangan baik terbaru: {good.taken_at:%d/%m/%Y %H:%M} "
              f"({good.clients} klien, {good.cases} kasus, {good.sessions} sesi).")  # fmt: skip
        print(f'Pulihkan dengan: klinik restore "{good.path}"')
    return EXIT_KNOWN


def cmd_screenshots(args: argparse.Namespace) -> int:

    from klinik.ui.screenshots import take_screenshots

    for path in take_screenshots(Path(args.out), lang=args.lang or "id", clients=args.clients):
        print(path)
    return EXIT_OK


def cmd_settings(args: argparse.Namespace) -> int:
    from klinik.services.settings import get_settings, set_settings

    def show(current: dict[str, Any]) -> None:
        if args.json:
            _print_json(current)
            return None
        for key, value in current.items():
            print(f"{key:<22} {'' if value is None else value}")
        return None

    if not args.assignments:
        with _store().session() as db:
            current = get_settings(session=db)
        show(current)
        return EXIT_OK
    values = {}
    for item in args.assignments:
        key, sep, value = item.partition("=")
        if not sep:
            raise CliInputError(f"Tulis pengaturan sebagai KUNCI=NILAI, bukan {shown(item)}.")
        values[key.strip()] = value
    return _save(lambda db: set_settings(session=db, **values), show)


# --- entry point --------------------------------------------------------------------------


def _writes(args: argparse.Namespace) -> bool:
    """Whether the command was to save something (so a refusal says "Data tidak disimpan")."""
    writes = getattr(args, "writes", False)
    return bool(writes(args) if callable(writes) else writes)


def _log_file() -> str | None:
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_klinik", False) and hasattr(handler, "baseFilename"):
            return handler.baseFilename
    return None


def _environment_problem(exc: BaseException) -> KnownError | None:
    """A database or OS error that escaped the store's own translation, if it is the machine's
    (a full disk, a read-only folder ...); None for a bug."""
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError):
        return known_sqlite_error(exc.orig, path=paths.database_path())
    if isinstance(exc, OSError):
        return known_os_error(exc)
    return None


def _run(args: argparse.Namespace) -> int:
    from klinik.files import restrict_umask

    restrict_umask()  # the store, backups, logs and exports hold personal data
    _check_paths(args)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    from klinik.logs import setup_logging

    setup_logging(verbose=args.verbose)
    _check_text_arguments(args)
    func = getattr(args, "func", None) or cmd_gui
    return func(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage errors (2, message printed), --help and --version (0)
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    writes = _writes(args)
    try:
        return _run(args)
    except ValidationError as exc:
        head = "Perbaiki isian berikut:"
        print(f"Data tidak disimpan. {head}" if writes else head, file=sys.stderr)
        for error in exc.errors:
            field = error.field
            name = label(field.split(".")[-1]) if "." in field else label(field)
            text = error.message
            if not text.lower().startswith(name.lower()):
                text = f"{name}: {text}"
            print(f"  - {text}", file=sys.stderr)
        return EXIT_INPUT
    except CliInputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except (NotFound, Refusal) as exc:  # an unknown id, a rule that says no: not the machine
        print(f"Data tidak disimpan: {exc}" if writes else str(exc), file=sys.stderr)
        return EXIT_INPUT
    except KnownError as exc:
        print(f"Klinik: {exc}", file=sys.stderr)
        return EXIT_KNOWN
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        problem = _environment_problem(exc)
        if problem is not None:
            logger.warning("%s: %s", type(exc).__name__, exc)
            print(f"Klinik: {problem}", file=sys.stderr)
            return EXIT_KNOWN
        # A bug: the traceback goes to the log, the user gets one line and where to look.
        given = " ".join(shown(a, 200) for a in (sys.argv[1:] if argv is None else argv))
        logger.exception("internal error in klinik %s", given)
        log = _log_file()
        where = (
            f"Rinciannya tercatat di {log}; kirimkan berkas itu kepada pengembang."
            if log
            else "Rinciannya tidak dapat dicatat (folder log tidak dapat ditulis)."
        )
        print(
            f"Klinik: terjadi kesalahan internal ({type(exc).__name__}), bukan karena isian "
            f"Anda. {where}",
            file=sys.stderr,
        )
        return EXIT_BUG
