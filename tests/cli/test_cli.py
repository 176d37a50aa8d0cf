"""The ``klinik`` command as a user types it: output, exit status, messages in Indonesian."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from klinik.cli import main

pytestmark = pytest.mark.usefixtures("letterhead")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def client_id(capsys) -> int:
    code, out, _ = run(
        capsys,
        "add", "client",
        "--business-name", "Amplang Bu Ani",
        "--owner-name", "Ani Lestari",
        "--nik", "6271054508900001",
        "--phone", "0812-3456-7890",
        "--kabupaten", "Palangka Raya",
        "--products", "amplang, kerupuk ikan",
    )  # fmt: skip
    assert code == 0
    return int(out.strip())


def test_add_client_prints_the_id_and_list_shows_it(capsys, client_id):
    code, out, _ = run(capsys, "list", "clients")
    assert code == 0
    assert "Amplang Bu Ani" in out
    assert "Kota Palangka Raya" in out
    assert "Nama usaha" in out.splitlines()[0]


def test_list_json_has_ids_and_main_fields(capsys, client_id):
    code, out, _ = run(capsys, "list", "clients", "--json")
    rows = json.loads(out)
    assert rows[0]["id"] == client_id
    assert rows[0]["business_name"] == "Amplang Bu Ani"
    assert rows[0]["phone"] == "+6281234567890"
    assert rows[0]["kabupaten_code"] == "6271"


def test_bad_client_input_exits_2_names_each_field_and_writes_nothing(capsys):
    code, out, err = run(
        capsys, "add", "client", "--business-name", " ", "--nik", "627105450890000",
        "--phone", "12", "--kabupaten", "Gotham",
    )  # fmt: skip
    assert code == 2
    assert out == ""
    assert "Nama usaha wajib diisi" in err
    assert "NIK harus 16 angka" in err
    assert "No. HP" in err or "Nomor telepon" in err
    assert "Kabupaten/kota 'Gotham' tidak dikenal" in err
    code, out, _ = run(capsys, "list", "clients", "--json")
    assert json.loads(out) == []


def test_case_session_and_referral_round_trip(capsys, client_id):
    code, out, _ = run(capsys, "add", "consultant", "--name", "Siti Rahmawati")
    consultant = int(out)
    code, out, _ = run(
        capsys, "add", "case", "--client", str(client_id), "--title", "Fasilitasi SPP-IRT",
        "--areas", "produksi,pemasaran", "--consultant", str(consultant),
        "--opened-on", "2026-01-10",
    )  # fmt: skip
    assert code == 0
    case_id = int(out)
    code, out, err = run(
        capsys, "add", "session", "--case", str(case_id), "--date", "2026-01-15",
        "--minutes", "90", "--mode", "kunjungan_lapangan", "--summary", "Desain label",
        "--follow-up", "Foto produk@2026-01-20", "--follow-up", "Daftar OSS",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "list", "sessions", "--case", str(case_id), "--json")
    sessions = json.loads(out)
    assert [(s["held_on"], s["minutes"], s["mode"]) for s in sessions] == [
        ("2026-01-15", 90, "kunjungan_lapangan")
    ]
    code, out, _ = run(capsys, "list", "follow-ups", "--case", str(case_id), "--json")
    assert [f["description"] for f in json.loads(out)] == ["Foto produk", "Daftar OSS"]
    code, out, _ = run(capsys, "list", "cases", "--status", "aktif", "--json")
    assert json.loads(out)[0]["areas"] == ["produksi", "pemasaran"]

    code, out, _ = run(
        capsys, "add", "referral", "--case", str(case_id), "--agency", "DINKES-PKY",
        "--purpose", "spp_irt",
    )  # fmt: skip
    referral = int(out)
    code, _, err = run(capsys, "status", "referral", str(referral), "sent")
    assert code == 2 and "belum menyetujui" in err  # a rule says no: not the machine's fault
    run(capsys, "consent", "give", str(client_id), "--purposes", "rujukan", "--method", "lisan")
    code, out, _ = run(capsys, "status", "referral", str(referral), "sent")
    assert code == 0
    assert "/KB-KT/" in out
    code, out, _ = run(capsys, "list", "referrals", "--status", "sent", "--json")
    assert json.loads(out)[0]["agency"] == "Dinas Kesehatan Kota Palangka Raya"


def test_closing_a_case_without_reason_is_refused(capsys, client_id):
    _, out, _ = run(capsys, "add", "case", "--client", str(client_id), "--title", "KUR")
    code, _, err = run(capsys, "status", "case", out.strip(), "ditutup")
    assert code == 2
    assert "Alasan menutup kasus wajib diisi" in err
    code, out, _ = run(capsys, "status", "case", out.strip() or "1", "ditutup", "--reason", "x")
    assert code == 0


def test_unknown_record_is_a_clear_error(capsys):
    code, out, err = run(capsys, "show", "client", "404")
    assert code == 2  # an unknown id is bad input, not a problem of the machine
    assert out == ""
    assert err.strip() == "Klien dengan id 404 tidak ditemukan."


def test_limit_applies_only_when_given(capsys):
    for i in range(3):
        run(capsys, "add", "client", "--business-name", f"Usaha {i}")
    _, out, _ = run(capsys, "list", "clients", "--json")
    assert len(json.loads(out)) == 3
    _, out, _ = run(capsys, "list", "clients", "--json", "--limit", "2")
    assert len(json.loads(out)) == 2


def test_archive_hides_and_restore_brings_back(capsys, client_id):
    run(capsys, "archive", "client", str(client_id))
    _, out, _ = run(capsys, "list", "clients", "--json")
    assert json.loads(out) == []
    _, out, _ = run(capsys, "list", "clients", "--archived", "--json")
    assert [r["id"] for r in json.loads(out)] == [client_id]
    run(capsys, "unarchive", "client", str(client_id))
    _, out, _ = run(capsys, "list", "clients", "--json")
    assert [r["id"] for r in json.loads(out)] == [client_id]


def test_settings_set_and_bad_pattern(capsys):
    code, out, _ = run(capsys, "settings", "clinic_name=Klinik Bisnis KUMKM Kalteng")
    assert code == 0
    assert "Klinik Bisnis KUMKM Kalteng" in out
    code, _, err = run(capsys, "settings", "letter_pattern={unit}/{year}")
    assert code == 2
    assert "seq" in err


def test_data_dir_option_puts_the_database_there(capsys, tmp_path):
    if os.environ.get("KLINIK_TEST_DATABASE_URL"):
        pytest.skip("the store is on a database server in this run, not in the data folder")
    target = tmp_path / "elsewhere"
    code, out, _ = run(capsys, "--data-dir", str(target), "info", "--json")
    assert code == 0
    info = json.loads(out)
    assert info["data_dir"] == str(target)
    assert (target / "klinik.sqlite3").exists()
    assert info["counts"]["agencies"] == 65


def test_python_dash_m_and_help_work_in_a_real_process(data_dir):
    result = subprocess.run(
        [sys.executable, "-m", "klinik", "list", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "--search" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "klinik", "add", "case", "--client", "1", "--title", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Klien dengan id 1 tidak ditemukan" in result.stderr


def _pdf_text(path) -> str:
    import pypdf

    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def test_letter_command_previews_a_draft_and_issues_with_issue(capsys, client_id, tmp_path):
    _, out, _ = run(capsys, "add", "case", "--client", str(client_id), "--title", "SPP-IRT")
    case_id = out.strip()
    _, out, _ = run(
        capsys, "add", "referral", "--case", case_id, "--agency", "DINKES-PKY",
        "--purpose", "spp_irt",
    )  # fmt: skip
    referral = out.strip()
    draft = tmp_path / "draf.pdf"
    code, out, err = run(capsys, "letter", referral, "--out", str(draft))
    assert code == 0
    assert "pratinjau DRAF" in err
    assert "DRAF" in _pdf_text(draft)
    issued = tmp_path / "surat.pdf"
    code, out, err = run(capsys, "letter", referral, "--out", str(issued), "--issue")
    assert code == 2 and "belum menyetujui keperluan 'Rujukan ke instansi'" in err
    assert not issued.exists()
    code, out, _ = run(
        capsys, "consent", "give", str(client_id), "--purposes", "pendampingan,rujukan",
        "--method", "tertulis",
    )  # fmt: skip
    assert code == 0 and "Rujukan ke instansi" in out
    code, out, err = run(capsys, "letter", referral, "--out", str(issued), "--issue")
    assert code == 0
    assert "Surat 001/KB-KT/" in err
    text = _pdf_text(issued)
    assert "Yth. Kepala Dinas Kesehatan Kota Palangka Raya" in text
    assert "Amplang Bu Ani" in text
    again = tmp_path / "lagi.pdf"
    run(capsys, "letter", referral, "--out", str(again))
    assert again.read_bytes() == issued.read_bytes()


def test_letter_to_an_unwritable_place_is_a_clear_error(capsys, client_id, tmp_path):
    _, out, _ = run(capsys, "add", "case", "--client", str(client_id), "--title", "KUR")
    _, out, _ = run(
        capsys, "add", "referral", "--case", out.strip(), "--agency", "BANK-KALTENG",
        "--purpose", "kur",
    )  # fmt: skip
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "letter", out.strip(), "--out", str(blocker / "surat.pdf"))
    assert code == 1
    assert "tidak dapat ditulis" in err


def test_summary_and_report_commands_write_pdfs(capsys, client_id, tmp_path):
    _, out, _ = run(
        capsys, "add", "case", "--client", str(client_id), "--title", "Pemasaran amplang",
        "--opened-on", "2026-01-10",
    )  # fmt: skip
    case_id = out.strip()
    run(
        capsys, "add", "session", "--case", case_id, "--date", "2026-02-03", "--minutes", "90",
        "--summary", "Foto produk untuk marketplace",
    )  # fmt: skip
    summary = tmp_path / "ringkasan.pdf"
    code, out, _ = run(capsys, "summary", case_id, "--out", str(summary))
    assert code == 0
    text = _pdf_text(summary)
    assert "RINGKASAN PENDAMPINGAN" in text
    assert "Foto produk untuk marketplace" in text
    assert "3 Februari 2026" in text
    by_client = tmp_path / "klien.pdf"
    assert run(capsys, "summary", "--client", str(client_id), "--out", str(by_client))[0] == 0
    assert "Pemasaran amplang" in _pdf_text(by_client)
    report = tmp_path / "laporan.pdf"
    code, out, err = run(
        capsys, "report", "--from", "2026-01-01", "--to", "2026-03-31",
        "--kabupaten", "Palangka Raya", "--out", str(report),
    )  # fmt: skip
    assert code == 0, err
    text = _pdf_text(report)
    assert "LAPORAN PERIODE PENDAMPINGAN UMKM" in text
    assert "1 Januari 2026 – 31 Maret 2026" in text
    assert "Kota Palangka Raya" in text
    code, _, err = run(
        capsys, "report", "--from", "2026-03-31", "--to", "2026-01-01", "--out", str(report)
    )
    assert code == 2
    assert "--to harus sesudah --from" in err
    code, _, err = run(capsys, "summary", "--out", str(summary))
    assert code == 2
    assert "CASE_ID atau --client" in err


def test_export_command_writes_a_protected_spreadsheet_and_keeps_presets(
    capsys, client_id, tmp_path
):
    import re

    import openpyxl

    out = tmp_path / "klien.xlsx"
    code, stdout, err = run(
        capsys, "export", "clients", "--format", "xlsx", "--out", str(out),
        "--kabupaten", "Palangka Raya", "--columns", "business_name,phone,nik",
        "--save-preset", "Akumandiri",
    )  # fmt: skip
    assert code == 0, err
    assert "1 baris ditulis" in stdout
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1][0] == "Amplang Bu Ani"
    assert "0812-****-7890" in rows[1]
    assert not re.search(r"\d{16}", " ".join(str(v) for row in rows for v in row if v))
    csv_out = tmp_path / "klien.csv"
    code, stdout, _ = run(
        capsys, "export", "clients", "--format", "csv", "--out", str(csv_out),
        "--preset", "akumandiri",
    )  # fmt: skip
    assert code == 0
    assert "Amplang Bu Ani" in csv_out.read_text(encoding="utf-8-sig")
    code, _, err = run(
        capsys, "export", "clients", "--format", "csv", "--out", str(csv_out), "--status", "aktif"
    )
    assert code == 2
    assert "tidak berlaku untuk clients" in err


def test_import_command_dry_run_import_and_undo(capsys, client_id, tmp_path):
    import openpyxl

    sheet = tmp_path / "klien.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Nama Usaha", "Nama Pemilik", "No. HP/WA", "Kab/Kota", "Omzet per tahun"])
    ws.append(["Keripik Kelakai Bu Rina", "Rina", "0813 1111 2222", "KOTA PALANGKA RAYA", "150jt"])
    ws.append(["Amplang Bu Ani", "Ani", "0812-3456-7890", "Palangkaraya", "Rp 90.000.000"])
    ws.append(["Rotan Pak Ujang", "Ujang", "123", "Kapuas", "10jt"])
    book.save(sheet)
    code, out, err = run(capsys, "import", "clients", str(sheet), "--dry-run")
    assert code == 0, err
    assert "uji coba" in out
    assert "Baris 4" in out  # the bad phone, with its row as the user sees it
    _, listed, _ = run(capsys, "list", "clients", "--json")
    assert len(json.loads(listed)) == 1  # nothing written by the dry run
    code, out, _ = run(capsys, "import", "clients", str(sheet))
    assert code == 0
    assert "1 diimpor" in out
    assert "duplikat" in out
    _, listed, _ = run(capsys, "list", "clients", "--json")
    names = sorted(r["business_name"] for r in json.loads(listed))
    assert names == ["Amplang Bu Ani", "Keripik Kelakai Bu Rina"]
    code, out, _ = run(capsys, "import", "clients", "--undo")
    assert code == 0
    _, listed, _ = run(capsys, "list", "clients", "--json")
    assert [r["business_name"] for r in json.loads(listed)] == ["Amplang Bu Ani"]


def test_consent_commands_record_show_and_withdraw(capsys, client_id, tmp_path):
    code, out, _ = run(capsys, "consent", "show", str(client_id))
    assert code == 0 and "Belum ada persetujuan" in out
    code, _, err = run(
        capsys, "consent", "give", str(client_id), "--purposes", "belanja", "--method", "lisan"
    )
    assert code == 2 and "Keperluan yang disetujui" in err and "pendampingan" in err
    run(
        capsys, "consent", "give", str(client_id), "--purposes", "pendampingan,asosiasi",
        "--method", "lisan", "--date", "2026-02-01",
    )  # fmt: skip
    code, out, _ = run(capsys, "consent", "show", str(client_id), "--json")
    data = json.loads(out)
    assert data["records"][0]["purposes"] == ["pendampingan", "asosiasi"]
    assert data["in_force"] == data["records"][0]["id"]
    code, out, _ = run(capsys, "consent", "withdraw", str(client_id), "--date", "2026-03-01")
    assert code == 0 and "ditarik per 01-03-2026" in out
    code, out, _ = run(capsys, "consent", "show", str(client_id))
    assert "Belum ada persetujuan" in out and "2026-03-01" in out


def test_audit_lists_what_left_the_machine_in_a_period(capsys, client_id, tmp_path):
    run(capsys, "summary", "--client", str(client_id), "--out", str(tmp_path / "r.pdf"))
    run(capsys, "export", "clients", "--format", "csv", "--out", str(tmp_path / "k.csv"))
    run(
        capsys, "report", "--from", "2026-01-01", "--to", "2026-06-30",
        "--out", str(tmp_path / "lap.pdf"),
    )  # fmt: skip
    code, out, _ = run(capsys, "audit")
    assert code == 0
    assert "3 kejadian" in out and "Laporan periode" in out
    assert "Ringkasan pendampingan" in out and "Ekspor daftar (csv, 1 baris)" in out
    code, out, _ = run(capsys, "audit", "--all", "--json")
    events = json.loads(out)
    assert events[0]["action"] == "create" and events[0]["client_id"] == client_id
    assert not any("Amplang" in json.dumps(e) for e in events)  # names are never recorded
    code, out, _ = run(capsys, "audit", "--from", "2020-01-01", "--to", "2020-12-31")
    assert "0 kejadian" in out
    code, _, err = run(capsys, "audit", "--from", "2026-02-01", "--to", "2026-01-01")
    assert code == 2 and "sesudah" in err


def test_access_and_erase_commands(capsys, client_id, tmp_path, data_dir):
    code, out, _ = run(capsys, "access", str(client_id), "--out", str(tmp_path / "salinan"))
    assert code == 0
    json_file, pdf_file = (Path(line) for line in out.splitlines())
    data = json.loads(json_file.read_text(encoding="utf-8"))
    assert data["client"]["business_name"] == "Amplang Bu Ani" and pdf_file.exists()
    code, _, err = run(capsys, "erase", str(client_id))
    assert code == 2 and "--yes" in err
    code, out, _ = run(capsys, "erase", str(client_id), "--yes")
    assert code == 0 and f"Klien terhapus #{client_id}" in out
    code, out, _ = run(capsys, "show", "client", str(client_id))
    assert "Amplang Bu Ani" not in out
    raw = (data_dir / "klinik.sqlite3").read_bytes()
    assert b"Amplang Bu Ani" not in raw
    code, _, err = run(capsys, "erase", str(client_id), "--yes")
    assert code == 2 and "sudah dihapus" in err


def read_csv_rows(path: Path, delimiter: str) -> list[list[str]]:
    import csv

    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def test_export_csv_separator_follows_the_language_option_and_preset(capsys, client_id, tmp_path):
    out = tmp_path / "klien.csv"
    code, _, err = run(
        capsys, "export", "clients", "--format", "csv", "--out", str(out),
        "--columns", "business_name,kecamatan",
    )  # fmt: skip
    assert code == 0, err
    assert read_csv_rows(out, ";")[1] == ["Amplang Bu Ani", ""]
    code, _, _ = run(
        capsys, "--lang", "en", "export", "clients", "--format", "csv", "--out", str(out),
        "--columns", "business_name,kecamatan",
    )  # fmt: skip
    assert code == 0
    assert read_csv_rows(out, ",")[0] == ["Nama usaha", "Kecamatan"]
    for word, separator in (("titik-koma", ";"), ("koma", ","), ("tab", "\t"), (";", ";")):
        code, _, err = run(
            capsys, "--lang", "en", "export", "clients", "--format", "csv", "--out", str(out),
            "--columns", "business_name,kecamatan", "--delimiter", word,
        )  # fmt: skip
        assert code == 0, err
        assert read_csv_rows(out, separator)[0] == ["Nama usaha", "Kecamatan"], word
    # A preset remembers its separator; one saved without gets the language's default.
    run(
        capsys, "export", "clients", "--format", "csv", "--out", str(out),
        "--columns", "business_name,products", "--delimiter", "comma", "--save-preset", "APINDO",
    )  # fmt: skip
    code, _, _ = run(
        capsys, "export", "clients", "--format", "csv", "--out", str(out), "--preset", "apindo"
    )
    assert code == 0
    assert read_csv_rows(out, ",")[1] == ["Amplang Bu Ani", "amplang, kerupuk ikan"]
    run(
        capsys, "export", "clients", "--format", "csv", "--out", str(out),
        "--columns", "business_name", "--save-preset", "Dekranasda",
    )  # fmt: skip
    run(capsys, "export", "clients", "--format", "csv", "--out", str(out), "--preset", "dekranasda")
    assert out.read_text(encoding="utf-8-sig").splitlines() == ["Nama usaha", "Amplang Bu Ani"]


def test_export_refuses_an_unknown_separator_in_indonesian(capsys, client_id, tmp_path):
    out = tmp_path / "klien.csv"
    code, stdout, err = run(
        capsys, "export", "clients", "--format", "csv", "--out", str(out), "--delimiter", "pipa"
    )
    assert code == 2
    assert "Pemisah kolom 'pipa' tidak dikenal" in err and "titik-koma" in err
    assert "Traceback" not in err + stdout and not out.exists()
    code, _, err = run(
        capsys, "export", "clients", "--format", "xlsx", "--out", str(tmp_path / "k.xlsx"),
        "--delimiter", ";",
    )  # fmt: skip
    assert code == 2 and "--delimiter hanya berlaku untuk --format csv" in err


def test_export_warns_on_stderr_when_a_csv_holds_nik_or_nib(capsys, client_id, tmp_path):
    from klinik.exchange.export import csv_number_warning

    out = tmp_path / "klien.csv"
    code, stdout, err = run(
        capsys, "export", "clients", "--format", "csv", "--out", str(out),
        "--columns", "business_name,nik,nib", "--with-personal-data",
    )  # fmt: skip
    assert code == 0
    assert "1 baris ditulis" in stdout and "nomor panjang" not in stdout
    assert f"Peringatan: {csv_number_warning(['NIK', 'NIB'])}" in err
    assert "XLSX" in err
    code, _, err = run(
        capsys, "export", "clients", "--format", "xlsx", "--out", str(tmp_path / "k.xlsx"),
        "--columns", "business_name,nik,nib", "--with-personal-data",
    )  # fmt: skip
    assert code == 0 and err == ""
    code, _, err = run(
        capsys, "export", "clients", "--format", "csv", "--out", str(out),
        "--columns", "business_name,kecamatan",
    )  # fmt: skip
    assert code == 0 and err == ""


def test_export_with_personal_data_and_the_default_columns_says_they_hold_none(
    capsys, client_id, tmp_path
):
    """The default columns hold no personal data: asking for it adds nothing, and says so."""
    code, stdout, _ = run(
        capsys, "export", "clients", "--format", "xlsx", "--out", str(tmp_path / "k.xlsx"),
        "--with-personal-data",
    )  # fmt: skip
    assert code == 0
    assert "kolom yang dipilih tidak memuat data pribadi" in stdout
    assert "persetujuan" not in stdout.lower()
