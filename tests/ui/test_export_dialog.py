"""Exporting the list on screen: its filters, chosen columns, presets, protected data."""

from __future__ import annotations

import re

import openpyxl
from PySide6.QtWidgets import QMessageBox

from klinik.services.clients import create_client
from klinik.ui.export_dialog import ExportDialog


def test_export_the_filtered_list_with_a_saved_preset(window, ctx, qtbot, tmp_path, monkeypatch):
    with ctx.session() as db:
        create_client(
            db=db, business_name="Amplang Bu Ani", nik="6271054508900001",
            phone="0812-3456-7890", kabupaten_code="6271",
        )  # fmt: skip
        create_client(db=db, business_name="Rotan Kasongan", kabupaten_code="6209")
    window.nav.setCurrentRow(1)
    kab = window.clients.kabupaten
    kab.setCurrentIndex(kab.findData("6271"))
    dialog = ExportDialog(
        window.clients, ctx, kind="clients", filters=window.clients._filters(),
        sort=window.clients.model.sort_key,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    headers = [dialog.columns.item(i).text() for i in range(dialog.columns.count())]
    assert any("(data pribadi)" in h and "NIK" in h for h in headers)
    dialog.set_columns(["business_name", "phone", "nik"])
    dialog.save_preset("Akumandiri")
    assert dialog.preset.currentText() == "Akumandiri"
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    out = tmp_path / "akumandiri.xlsx"
    dialog.start_export(str(out), "xlsx", dialog.chosen_columns())
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=10000)
    assert "1 baris diekspor" in infos[0]
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(out).worksheets[0].iter_rows()]
    assert rows[1][0] == "Amplang Bu Ani"
    assert "0812-****-7890" in rows[1]
    assert not re.search(r"\d{16}", " ".join(str(v) for r in rows for v in r if v))
    again = ExportDialog(window.clients, ctx, kind="clients", filters={}, sort=None)
    qtbot.addWidget(again)
    again.preset.setCurrentIndex(again.preset.findData("Akumandiri"))
    assert again.chosen_columns() == ["business_name", "nik", "phone"]  # catalogue order


def test_csv_with_nik_shows_the_warning_and_xlsx_hides_it(ctx, qtbot, tmp_path, monkeypatch):
    from klinik.exchange import export

    dialog = ExportDialog(None, ctx, kind="clients", filters={}, sort=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    warning = dialog.csv_warning
    assert warning.objectName() == "export_csv_warning"
    dialog.set_columns(["business_name", "nik"])
    dialog.personal.setChecked(True)  # without it the NIK is left out of the file
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert warning.isVisible()
    assert warning.text() == export.csv_number_warning(["NIK"])
    assert warning.text().startswith("Kolom NIK berisi nomor panjang")
    assert "Pakai XLSX" in warning.text()
    # Under the format choice: below the format box, above the column list.
    below = warning.mapTo(dialog, warning.rect().topLeft()).y()
    assert dialog.format.mapTo(dialog, dialog.format.rect().bottomLeft()).y() <= below
    assert below < dialog.columns.mapTo(dialog, dialog.columns.rect().topLeft()).y()
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert not warning.isVisible()
    assert not dialog.delimiter.isEnabled()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert warning.isVisible() and dialog.delimiter.isEnabled()
    dialog.personal.setChecked(False)  # the NIK is not written: nothing to warn of
    assert not warning.isVisible()
    dialog.set_columns(["business_name", "nib"])
    assert warning.isVisible() and warning.text() == export.csv_number_warning(["NIB"])
    dialog.set_columns(["business_name", "kecamatan"])
    assert not warning.isVisible()


def test_the_separator_follows_the_language_and_the_preset(ctx, qtbot, tmp_path, monkeypatch):
    import csv

    from klinik.exchange import export

    dialog = ExportDialog(None, ctx, kind="clients", filters={}, sort=None)
    qtbot.addWidget(dialog)
    assert dialog.delimiter.currentData() == ";"  # ctx.lang == "id"
    dialog.set_columns(["business_name", "products"])
    dialog.delimiter.setCurrentIndex(dialog.delimiter.findData(","))
    dialog.save_preset("APINDO")
    assert export.preset_delimiter("clients", "APINDO") == ","
    export.save_preset("clients", "Lama", ["business_name"])  # as before separators were kept
    ctx.lang = "en"
    again = ExportDialog(None, ctx, kind="clients", filters={}, sort=None)
    qtbot.addWidget(again)
    assert again.delimiter.currentData() == ","
    ctx.lang = "id"
    again.preset.setCurrentIndex(again.preset.findData("Lama"))
    assert again.delimiter.currentData() == ";"  # the language default
    again.preset.setCurrentIndex(again.preset.findData("APINDO"))
    assert again.delimiter.currentData() == ","
    with ctx.session() as db:
        create_client(db=db, business_name="Amplang Bu Ani", products="amplang, kerupuk")
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    out = tmp_path / "apindo.csv"
    again.start_export(str(out), "csv", again.chosen_columns())
    qtbot.waitUntil(lambda: again.summary is not None, timeout=10000)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=","))
    assert rows == [["Nama usaha", "Produk"], ["Amplang Bu Ani", "amplang, kerupuk"]]
