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
        create_client(db=db, business_name="Amplang Bu Ani", phone="0812-3456-7890")
    dialog = ImportDialog(None, ctx, str(_sheet(tmp_path)))
    qtbot.addWidget(dialog)
    mapping = dialog.mapping()
    assert mapping["Nama Usaha"] == "business_name"
    assert mapping["HP"] == "phone"
    assert mapping["Keterangan"] in (None, "notes")
    dialog.combos["Keterangan"].setCurrentIndex(0)  # the user says: do not import it
    dialog.check()  # in the background: the window stays usable
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1, timeout=10000)
    problems, dups = dialog.problems.model(), dialog.duplicates.model()
    assert problems.rowCount() == 1
    assert problems.index(0, 0).data() == "4"
    assert problems.index(0, 1).data() == "HP"
    assert dups.rowCount() == 1
    assert "Amplang Bu Ani" in dups.index(0, 1).data()
    assert dups.index(0, 2).data() == "Lewati"
    with ctx.session() as db:
        assert len(list_clients(db=db).rows) == 1  # checking wrote nothing
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog.run()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.imported == 1
    with ctx.session() as db:
        names = sorted(r.business_name for r in list_clients(db=db).rows)
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
        assert list_clients(db=db).rows == []


def _long_list(tmp_path, n):
    """n rows, every one also in the store by phone; every fifth row by NIK as well."""
    path = tmp_path / "asosiasi.csv"
    lines = ["Nama usaha,NIK,No. HP,Kabupaten/Kota"]
    lines += [
        f"Rotan {i:05d},{f'6271014505{i + 1:06d}' if i % 5 == 0 else ''},0813{i:08d},Katingan"
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_thousands_of_duplicates_are_shown_at_once_and_decided_together(
    ctx, qtbot, tmp_path, monkeypatch
):
    """A long list that is mostly already in the store: the table of possible duplicates
    appears without one widget per row, a decision is changed in place, and one choice
    applies to all of them (a same-NIK row is never created twice)."""
    import time

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox, QPushButton

    n = 3000
    with ctx.session() as db:
        for i in range(n):
            create_client(
                db=db, business_name=f"Toko {i}", phone=f"0813{i:08d}",
                nik=f"6271014505{i + 1:06d}" if i % 5 == 0 else None,
            )  # fmt: skip
    dialog = ImportDialog(None, ctx, str(_long_list(tmp_path, n)))
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    dialog.check()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1, timeout=60000)
    model = dialog.duplicates.model()
    assert model.rowCount() == n
    # One editor at most, not one list per row.
    assert len(dialog.duplicates.findChildren(QComboBox)) <= 1

    cell = model.index(7, 2)
    dialog.duplicates.setCurrentIndex(cell)  # the list opens on the cell
    qtbot.waitUntil(lambda: dialog.duplicates.indexWidget(cell) is not None or
                    bool(dialog.duplicates.findChildren(QComboBox)), timeout=5000)  # fmt: skip
    [editor] = dialog.duplicates.findChildren(QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "Lewati", "Gabungkan ke klien yang ada", "Buat klien baru"
    ]  # fmt: skip
    editor.setCurrentIndex(editor.findData("merge"))
    editor.activated.emit(editor.currentIndex())
    assert model.index(7, 2).data() == "Gabungkan ke klien yang ada"
    assert dialog.decisions() == {9: "merge"}  # sheet row 9: header is row 1
    assert dialog.decided_note.text() == "Tindakan: 2.999 dilewati, 1 digabungkan, 0 dibuat baru."

    dialog.decide_all.setCurrentIndex(dialog.decide_all.findData("create"))
    started = time.perf_counter()
    dialog.findChild(QPushButton, "import_apply_all").click()
    assert time.perf_counter() - started < 2
    decisions = dialog.decisions()
    assert sum(1 for v in decisions.values() if v == "create") == n - n // 5
    assert decisions[9] == "create"  # its own choice (merge) gave way to the one for all
    assert 2 not in decisions and 7 not in decisions  # same NIK as a client: still skipped
    note = dialog.decided_note.text()
    assert "Tindakan: 600 dilewati, 0 digabungkan, 2.400 dibuat baru." in note
    assert "600 dengan NIK yang sama" in note
    assert model.index(1, 2).data(Qt.ItemDataRole.DisplayRole) == "Buat klien baru"
    assert model.index(0, 2).data() == "Lewati"
    qtbot.wait(50)  # the layout takes the new note's height
    assert dialog.decided_note.height() >= dialog.decided_note.heightForWidth(
        dialog.decided_note.width()
    )
    dialog.grab().save(str(tmp_path.parent / "impor-duplikat.png"))


def test_the_check_lists_every_column_and_warns_about_data_left_behind(ctx, qtbot, tmp_path):
    path = tmp_path / "klinik.csv"
    path.write_text(
        "Nama Usaha;Ikut Program Sejak;Tanggal Bergabung;Kosong\n"
        "Kerupuk Haruan Bu Siti;2021;03/02/2021;\nMadu Kelulut Tahai;2022;;\n",
        encoding="utf-8",
    )
    dialog = ImportDialog(None, ctx, str(path))
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    dialog.check()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1, timeout=10000)
    table = dialog.columns_table
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert rows == [
        ["Nama Usaha", "Nama usaha", "2"],
        ["Ikut Program Sejak", "(tidak diimpor)", "2"],
        ["Tanggal Bergabung", "Tanggal terdaftar", "1"],
        ["Kosong", "(tidak diimpor)", "0"],
    ]
    assert dialog.columns_warning.isVisible()
    assert "kolom “Ikut Program Sejak” berisi data tetapi tidak diimpor" in (
        dialog.columns_warning.text()
    )
    assert "Kosong" not in dialog.columns_warning.text()
    assert not dialog.problems.isVisible() and not dialog.duplicates_box.isVisible()
    qtbot.wait(50)
    dialog.grab().save(str(tmp_path.parent / "impor-kolom.png"))


def test_an_import_and_its_undo_refresh_the_client_list_through_data_changed(
    window, ctx, qtbot, tmp_path, monkeypatch
):
    """Both write in the background and emit "client": the list on screen follows, and the
    undo is said when it is done."""
    from klinik.ui.import_dialog import undo_last_import

    window.nav.setCurrentRow(1)
    heard = []
    ctx.data_changed.connect(heard.append)
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog = ImportDialog(window, ctx, str(_sheet(tmp_path)))
    qtbot.addWidget(dialog)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1, timeout=10000)
    dialog.run()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert heard == ["client"]
    assert window.clients.model.rowCount() == 2
    undo_last_import(window, ctx)
    qtbot.waitUntil(lambda: len(said) == 2, timeout=10000)
    assert heard == ["client", "client"]
    assert window.clients.model.rowCount() == 0
    undo_last_import(window, ctx)
    qtbot.waitUntil(lambda: len(said) == 3, timeout=10000)
    assert said[-1] == "Tidak ada impor yang bisa dibatalkan."
    assert heard == ["client", "client"]
