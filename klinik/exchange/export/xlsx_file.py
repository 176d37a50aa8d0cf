"""XLSX: text always a text cell, money in the Rupiah format, dates real dates, the NIK as
text; rows streamed to a scratch file; a Keterangan sheet with what the list is."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from klinik.domain.formatting import format_number
from klinik.errors import (
    KnownError,
)
from klinik.exchange.cells import XlsxCells, clean_text
from klinik.exchange.export.csv_file import Tick
from klinik.exchange.export.plan import _note, _Plan

XLSX_MAX_ROWS = 1_048_575  # Excel's sheet has 1,048,576 rows, one of them the header

_SHEET_NAMES = {"clients": "Klien", "cases": "Kasus", "sessions": "Sesi"}


def _write_xlsx(
    path: Path, plan: _Plan, pages: Iterable[list[list[Any]]], tick: Tick, meta: dict[str, Any]
) -> int:
    import xlsxwriter
    import xlsxwriter.exceptions

    scratch = tempfile.mkdtemp(prefix="klinik-xlsx-")
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            # Rows go to a scratch file as they are written: memory does not grow with rows.
            "constant_memory": True,
            "tmpdir": scratch,
            # write() is never used, but text must never turn into a formula, number or link.
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    try:
        workbook.set_properties(
            {"title": meta["title"], "author": meta.get("actor") or "", "creator": "Klinik"}
        )
        sheet = workbook.add_worksheet(_SHEET_NAMES[meta["kind"]])
        cells = XlsxCells(workbook, sheet)
        head = workbook.add_format({"bold": True, "bg_color": "#EEF3F8", "bottom": 1})
        for col, column in enumerate(plan.columns):
            sheet.set_column(col, col, column.width)
        for col, column in enumerate(plan.columns):
            sheet.write_string(0, col, clean_text(column.header), head)
        sheet.freeze_panes(1, 0)
        layout = cells.layout(plan.columns)
        row = 0
        for page in pages:
            if row + len(page) > XLSX_MAX_ROWS:
                raise KnownError(
                    f"Daftar ini lebih dari {format_number(XLSX_MAX_ROWS)} baris, batas satu "
                    "lembar Excel. Pakai CSV atau persempit filternya."
                )
            write_row = cells.write_row
            for values in page:
                row += 1
                write_row(row, values, layout)
            tick(row)
        sheet.autofilter(0, 0, max(row, 1), len(plan.columns) - 1)
        _xlsx_info_sheet(workbook, meta, row)
        try:
            workbook.close()
        except xlsxwriter.exceptions.XlsxWriterException as exc:  # e.g. the disk is full
            raise KnownError(f"Berkas XLSX tidak dapat ditulis: {exc}.") from exc
    except BaseException:
        # Abandoned: close the scratch files so that the folder can go (Windows).
        workbook.fileclosed = True
        for worksheet in workbook.worksheets():
            handle = getattr(worksheet, "row_data_fh", None)
            if handle is not None and not handle.closed:
                handle.close()
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
    return row


def _xlsx_info_sheet(workbook: Any, meta: dict[str, Any], rows: int) -> None:
    sheet = workbook.add_worksheet("Keterangan")
    bold = workbook.add_format({"bold": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 90)
    for row, (label, value) in enumerate(_info_lines(meta, rows)):
        sheet.write_string(row, 0, label, bold)
        sheet.write_string(row, 1, clean_text(value), wrap)


def _info_lines(meta: dict[str, Any], rows: int) -> list[tuple[str, str]]:
    lines = [
        ("Daftar", meta["title"]),
        ("Dibuat", meta["created"].strftime("%d/%m/%Y %H.%M")),
        ("Oleh", meta.get("actor") or "-"),
        ("Jumlah baris", format_number(rows)),
        ("Filter", meta["filters_text"]),
        ("Urutan", meta.get("sort") or "bawaan daftar"),
        ("Data pribadi", "disertakan" if meta["personal_rows"] else "tidak disertakan"),
    ]
    note = _note(meta)
    if note:
        lines.append(("Catatan", note))
    return lines
