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
            session=db, business_name="Amplang Bu Ani", nik="6271054508900001",
            phone="0812-3456-7890", kabupaten_code="6271",
        )  # fmt: skip
        create_client(session=db, business_name="Rotan Kasongan", kabupaten_code="6209")
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
