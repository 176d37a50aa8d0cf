"""The ``klinik`` command's arguments: every command, its options and their types."""

from __future__ import annotations

import argparse
import re
import uuid
from collections.abc import Callable
from datetime import date

from klinik import __version__
from klinik.cli.data import cmd_export, cmd_import
from klinik.cli.documents import cmd_letter, cmd_report, cmd_summary
from klinik.cli.frame import speak
from klinik.cli.privacy import (
    cmd_access,
    cmd_audit,
    cmd_consent_form,
    cmd_consent_give,
    cmd_consent_show,
    cmd_consent_withdraw,
    cmd_erase,
)
from klinik.cli.records import (
    cmd_add_case,
    cmd_add_client,
    cmd_add_consultant,
    cmd_add_licence,
    cmd_add_outcome,
    cmd_add_referral,
    cmd_add_session,
    cmd_add_size,
    cmd_archive,
    cmd_list,
    cmd_show,
    cmd_status,
)
from klinik.cli.store import (
    cmd_backup,
    cmd_check,
    cmd_demo,
    cmd_gui,
    cmd_info,
    cmd_restore,
    cmd_screenshots,
    cmd_settings,
)
from klinik.domain.formatting import INT64_MAX, parse_whole_number, shown
from klinik.errors import InvalidValue


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


def build_parser(lang: str = "id") -> argparse.ArgumentParser:
    """The klinik command's parser; argparse's own frame speaks ``lang`` ("id", "en")."""
    speak(lang)
    parser = _Parser(
        prog="klinik",
        description="Klinik: pendampingan UMKM untuk konsultan Klinik Bisnis. "
        "Tanpa perintah, membuka jendela aplikasi.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Klinik {__version__}",
        help="tampilkan versi Klinik lalu keluar",
    )
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
