"""An XLSX sheet is read row by row with the values openpyxl itself gives, rows the file
leaves out included, without the reader holding on to the rows it has passed."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from klinik.exchange import importer as im
from klinik.exchange.importer import sheets as im_sheets


def _book(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nama usaha", "NIK", "Tanggal", "Omzet"])
    sheet.append(["Amplang Sari", "6271014505900001", datetime(2024, 8, 17), 150_000_000])
    sheet.cell(row=5, column=1, value="Kerupuk Haruan")  # rows 3 and 4 left out
    sheet.cell(row=5, column=4, value=12.5)
    sheet.cell(row=6, column=2, value="=1+1")
    for i in range(7, 400):
        sheet.append([f"Rotan {i}", None, None, i])
    book.save(path)


def test_rows_are_those_openpyxl_reads(tmp_path):
    path = tmp_path / "daftar.xlsx"
    _book(path)
    sheet = openpyxl.load_workbook(path, read_only=True, data_only=True).worksheets[0]
    sheet.reset_dimensions()
    expected = list(sheet.iter_rows(values_only=True))
    rows = im_sheets._XlsxRows(path)
    try:
        got = [tuple(values) for _, values in rows]
    finally:
        rows.close()
    assert len(got) == len(expected) == 399
    assert got == [tuple(row) for row in expected]
    assert got[1] == ("Amplang Sari", "6271014505900001", datetime(2024, 8, 17), 150_000_000)
    assert got[2] == () and got[4] == ("Kerupuk Haruan", None, None, 12.5)


def test_the_sheet_reads_the_same_through_the_import(store, tmp_path):
    path = tmp_path / "daftar.xlsx"
    _book(path)
    plan = im.plan_import(store=store, path=path)
    names = [r.client["business_name"] for r in plan.rows]
    assert names[:2] == ["Amplang Sari", "Kerupuk Haruan"] and len(names) == 395
