"""No column of a clinic's sheet is dropped without a word: the check lists every column and
where it goes, warns about a column with data that goes nowhere, reads the headers clinics
and agencies actually write, converts a monthly omzet and says so, and rejects a date that
does not exist once, by row and column."""

from __future__ import annotations

from datetime import date

import pytest

from klinik.cli import main
from klinik.exchange import importer as im
from klinik.services.clients import get_client, list_clients

CLINIC_SHEET = [
    ["Nama Usaha", "Tanggal Bergabung", "No. KTP", "No. WA", "Alamat Usaha",
     "Jenis/Bidang Usaha", "Omzet per bulan", "Catatan Pendamping"],
    ["Kerupuk Haruan Bu Siti", "03/02/2021", "6271014505900001", "0812-3456-7001",
     "Jl. Tjilik Riwut km 5", "makanan olahan", "Rp 10.000.000", "x"],
    ["Madu Kelulut Tahai", "31/02/2021", "", "0813 5555 7002", "Jl. Yos Sudarso", "", "", ""],
]  # fmt: skip


def _csv(tmp_path, rows, name="klinik.csv"):
    path = tmp_path / name
    path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Tanggal Bergabung", "registered_on"), ("Tgl. Bergabung", "registered_on"),
        ("Terdaftar", "registered_on"), ("Tgl Daftar", "registered_on"),
        ("Tanggal Masuk", "registered_on"), ("No. KTP", "nik"), ("No. WA", "whatsapp"),
        ("Alamat Usaha", "address"), ("Jenis/Bidang Usaha", "sector"),
        ("Bidang Usaha", "sector"), ("Omzet per bulan", "omzet_monthly"),
        ("Omset/Bulan (Rp)", "omzet_monthly"), ("Omzet per tahun", "omzet"),
        ("Omzet (Rp/tahun)", "omzet"), ("Omzet", "omzet"),
    ],
)  # fmt: skip
def test_headers_clinics_write_are_recognised(header, field):
    assert im.guess_mapping(["Nama Usaha", header, "No. HP"])[header] == field


def test_every_column_is_listed_and_an_unmapped_one_with_data_is_a_warning(store, tmp_path):
    rows = [r[:2] + r[7:] for r in CLINIC_SHEET]  # Nama Usaha, Tanggal Bergabung, Catatan...
    rows[0][1] = "Ikut Program Sejak"  # a header nobody could guess
    plan = im.plan_import(store=store, path=_csv(tmp_path, rows), today=date(2026, 11, 30))
    listed = {c.header: (c.field, c.filled) for c in plan.columns}
    assert listed == {
        "Nama Usaha": ("business_name", 2),
        "Ikut Program Sejak": (None, 2),
        "Catatan Pendamping": ("notes", 1),
    }
    assert [c.header for c in plan.unused_columns] == ["Ikut Program Sejak"]
    summary = im.summary_text(plan)
    assert "PERHATIAN: kolom 'Ikut Program Sejak' (2 baris) berisi data tetapi tidak" in summary
    assert "--map" in summary
    text = im.columns_text(plan)
    assert "'Ikut Program Sejak' → tidak diimpor (2 baris berisi data)" in text
    assert "PERHATIAN" in text.splitlines()[2]


def test_the_joining_date_fills_registration_and_a_monthly_omzet_is_made_yearly(store, tmp_path):
    path = _csv(tmp_path, CLINIC_SHEET)
    plan = im.plan_import(store=store, path=path, today=date(2026, 11, 30))
    assert plan.unused_columns == []
    # 31 February does not exist: rejected once, by row and column.
    assert [(r.row, r.column) for r in plan.rejected] == [(3, "Tanggal Bergabung")]
    assert "31 Februari 2021 tidak ada" in plan.rejected[0].reason
    [row] = plan.rows
    assert row.client["registered_on"] == date(2021, 2, 3)
    assert row.size["omzet"] == 120_000_000
    assert "omzet per bulan × 12" in row.size["source"]
    result = im.run_import(store=store, plan=plan)
    assert result.imported == 1
    with store.session() as db:
        [client] = list_clients(db=db).rows
        shown = get_client(db=db, client_id=client.id)
        assert shown.registered_on == date(2021, 2, 3)
        assert shown.whatsapp == "+6281234567001" or shown.phone == "+6281234567001"


def test_a_yearly_omzet_wins_over_a_monthly_one(store, tmp_path):
    rows = [["Nama Usaha", "Omzet per tahun", "Omzet per bulan"],
            ["Rotan Kasongan", "150.000.000", "10.000.000"],
            ["Anyaman Purun", "", "2.000.000"]]  # fmt: skip
    plan = im.plan_import(store=store, path=_csv(tmp_path, rows))
    assert [r.size["omzet"] for r in plan.rows] == [150_000_000, 24_000_000]
    assert plan.rows[0].size["source"] == "impor"


def test_map_on_the_command_line_sends_a_column_where_the_user_says(tmp_path, capsys):
    rows = [["Nama Usaha", "Ikut Program Sejak"], ["Amplang Sari", "01/06/2022"]]
    path = _csv(tmp_path, rows)
    assert main(["import", "clients", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "PERHATIAN: kolom 'Ikut Program Sejak'" in out
    assert "'Ikut Program Sejak' → tidak diimpor (1 baris berisi data)" in out

    code = main(["import", "clients", str(path), "--map", "ikut program sejak=registered_on"])
    out = capsys.readouterr().out
    assert code == 0 and "1 diimpor" in out and "PERHATIAN" not in out

    code = main(["import", "clients", str(path), "--dry-run", "--map", "Tanggal=registered_on"])
    err = capsys.readouterr().err
    assert code == 2 and "Kolom 'Tanggal' tidak ada di berkas" in err
    assert "Traceback" not in err
    code = main(["import", "clients", str(path), "--dry-run", "--map", "Ikut Program Sejak=x"])
    err = capsys.readouterr().err
    assert code == 2 and "bidang 'x' tidak dikenal" in err and "registered_on" in err


def test_a_decision_for_a_row_that_is_no_duplicate_is_bad_input(tmp_path, capsys):
    path = _csv(tmp_path, [["Nama Usaha"], ["Amplang Sari"]])
    code = main(["import", "clients", str(path), "--merge", "14"])
    err = capsys.readouterr().err
    assert code == 2 and "Baris 14 tidak ada di antara baris yang bisa diimpor" in err
    assert main(["list", "clients", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"
