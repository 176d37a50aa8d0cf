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
    dialog.check()  # in the background: the window stays usable
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1, timeout=10000)
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


def test_a_long_list_is_checked_with_progress_and_cancel_writes_nothing(ctx, qtbot, tmp_path):
    """An association's list of thousands of rows: the check shows progress, and Batal stops
    it with a note, leaving the dialog on its first step and the store unchanged."""
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    path = tmp_path / "asosiasi.csv"
    lines = ["Nama usaha,No. HP,Kabupaten/Kota"]
    lines += [f"Rotan {i:06d} {i * 7919 % 100003:06d},0813{i:08d},Katingan" for i in range(60000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = ImportDialog(None, ctx, str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.check()
    qtbot.waitUntil(
        lambda: any(w.isVisible() for w in dialog.findChildren(QProgressDialog)), timeout=15000
    )
    [progress] = [w for w in dialog.findChildren(QProgressDialog) if w.isVisible()]
    qtbot.waitUntil(lambda: progress.value() > 0, timeout=15000)
    [batal] = [b for b in progress.findChildren(QPushButton) if b.text() == "Batal"]
    batal.click()
    qtbot.waitUntil(lambda: "dibatalkan" in dialog.report.text(), timeout=15000)
    assert dialog.steps.currentIndex() == 0 and dialog.plan is None
    with ctx.session() as db:
        assert list_clients(session=db).rows == []
