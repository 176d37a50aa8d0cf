"""``klinik screenshots``: render each area at 1366x768 over demo data, offscreen, as PNG."""

from __future__ import annotations

import os
from pathlib import Path

SIZE = (1366, 768)


def take_screenshots(
    out: Path, *, lang: str = "id", clients: int = 120, seed: int = 7
) -> list[Path]:
    """Fill a fresh store in ``out/.data`` with demo data and save one PNG per view."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from klinik import paths
    from klinik.db.engine import open_store
    from klinik.demo import generate_demo
    from klinik.services.cases import list_cases
    from klinik.services.consultants import list_consultants
    from klinik.ui.app import install_language, make_app
    from klinik.ui.areas.cases import session_form
    from klinik.ui.context import AppContext
    from klinik.ui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="klinik-shots-"))
    paths.set_data_dir(work)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "qsettings")
    )
    app = make_app()
    install_language(app, lang)
    store = open_store()
    generate_demo(store, clients=clients, seed=seed)
    ctx = AppContext(store, lang=lang)
    with ctx.session() as db:
        consultant = list_consultants(db=db)[0]
    ctx.update_settings(
        current_consultant_id=consultant.id,
        first_run_done=True,
        clinic_name="Klinik Bisnis KUMKM Kalimantan Tengah",
    )
    window = MainWindow(ctx)
    window.resize(*SIZE)
    window.show()
    saved: list[Path] = []

    def settle() -> None:
        for _ in range(5):
            QCoreApplication.processEvents()

    def wait_until(condition, seconds: float = 20.0) -> None:
        import time

        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)

    def shoot(name: str, widget=None) -> None:
        settle()
        path = out / f"{name}.png"
        (widget or window).grab().save(str(path))
        saved.append(path)

    window.nav.setCurrentRow(0)
    shoot("beranda")
    window.nav.setCurrentRow(1)
    window.clients.table.selectRow(0)
    shoot("klien")
    with ctx.session() as db:
        case = list_cases(db=db, status="aktif", limit=1).rows[0]
    window.show_case(case.id)
    shoot("kasus")
    window.nav.setCurrentRow(3)
    window.sessions.table.selectRow(0)
    shoot("sesi")
    window.nav.setCurrentRow(4)
    window.referrals.table.selectRow(0)
    shoot("rujukan")
    window.nav.setCurrentRow(5)
    wait_until(lambda: "Menghitung" not in window.reports.view.toPlainText())
    shoot("laporan")

    form = session_form(window, ctx, case_id=case.id)
    form.resize(680, 720)
    form.show()
    form.fields["summary"].widget.setPlainText(
        "Membahas desain label kemasan dan syarat SPP-IRT. Pemilik sudah punya NIB."
    )
    form.fields["next_steps"].widget.setPlainText(
        "Foto produk untuk katalog @ 05/12/2026\nDaftar PKP di Dinas Kesehatan @ 15/12/2026"
    )
    shoot("form-sesi", form)
    form.done(0)  # not close(): that would ask whether to discard what was typed

    client_form = window.clients.open_form()
    client_form.resize(720, 760)
    client_form.show()
    client_form.fields["business_name"].widget.setText("Amplang Ikan Pipih Bu Ani")
    client_form.fields["nik"].widget.setText("627105450890")
    client_form.fields["phone"].widget.setText("0812-3456-78")
    shoot("form-klien-galat", client_form)
    client_form.done(0)

    from klinik.ui import privacy as privacy_ui

    consent_form = privacy_ui.open_consent_form(window, ctx, client_id=case.client_id)
    consent_form.show()
    shoot("form-persetujuan", consent_form)
    consent_form.done(0)
    # Demo data is written in bulk, without history: make some, as a consultant would.
    from klinik.services.clients import update_client
    from klinik.services.documents import client_summary

    with ctx.session() as db:
        update_client(db=db, client_id=case.client_id, address="Jl. G. Obos XII No. 8")
    with ctx.session() as db:
        update_client(db=db, client_id=case.client_id, whatsapp="0813-4999-1200")
    with ctx.session() as db:
        client_summary(db=db, client_id=case.client_id)
    history = privacy_ui.client_history_dialog(window, ctx, client_id=case.client_id)
    history.show()
    wait_until(lambda: "—" in history.windowTitle())  # its rows come from a query op
    shoot("riwayat", history)
    history.done(0)

    window.close()
    store.close()
    QApplication.processEvents()
    return saved
