"""Importing a spreadsheet in the window: correct the mapping, see the problems, decide."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QMessageBox

from klinik.services.clients import create_client, list_clients
from klinik.ui.import_dialog import ImportDialog


def _sheet(tmp_path):
    path = tmp_path / "klien.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Nama Usaha", "Pemilik", "HP", "Kab/Kota", "Keterangan"])
    ws.append(["Keripik Kelakai Bu Rina", "Rina", "0813 1111 2222", "Palangkaraya", "x"])
    ws.append(["Amplang Bu Ani", "Ani", "0812-3456-7890", "KOTA PALANGKA RAYA", "y"])
    ws.append(["Abon Haruan", "Siti", "12", "Kapuas", "z"])
    book.save(path)
    return path


def test_mapping_check_decisions_and_import(ctx, qtbot, tmp_path, monkeypatch):
    with ctx.session() as db:
        create_client(session=db, business_name="Amplang Bu Ani", phone="0812-3456-7890")
    dialog = ImportDialog(None, ctx, str(_sheet(tmp_path)))
    qtbot.addWidget(dialog)
    mapping = dialog.mapping()
    assert mapping["Nama Usaha"] == "business_name"
    assert mapping["HP"] == "phone"
    assert mapping["Keterangan"] in (None, "notes")
    dialog.combos["Keterangan"].setCurrentIndex(0)  # the user says: do not import it
    dialog.check()
    assert dialog.steps.currentIndex() == 1
    assert dialog.problems.rowCount() == 1
    assert dialog.problems.item(0, 0).text() == "4"
    assert dialog.problems.item(0, 1).text() == "HP"
    assert dialog.duplicates.rowCount() == 1
    assert "Amplang Bu Ani" in dialog.duplicates.item(0, 1).text()
    with ctx.session() as db:
        assert len(list_clients(session=db).rows) == 1  # checking wrote nothing
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog.run()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.imported == 1
    with ctx.session() as db:
        names = sorted(r.business_name for r in list_clients(session=db).rows)
    assert names == ["Amplang Bu Ani", "Keripik Kelakai Bu Rina"]
