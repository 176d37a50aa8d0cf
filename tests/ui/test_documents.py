"""Documents in the window: issue and preview a letter, save it, print it."""

from __future__ import annotations

from datetime import date

import pypdf
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from klinik.services.cases import open_case
from klinik.services.clients import create_client
from klinik.services.privacy import record_consent
from klinik.services.referrals import create_referral, get_referral
from klinik.ui.documents import DocumentDialog


def _referral(ctx, consent=True):
    with ctx.session() as db:
        client = create_client(
            db=db, business_name="Madu Kelulut Lemo", owner_name="Pak Yusuf",
            products="madu kelulut", kabupaten_code="6209",
        )  # fmt: skip
        if consent:
            record_consent(
                db=db, client_id=client.id, given_on="2026-01-05", method="lisan",
                purposes=["pendampingan", "rujukan"],
            )  # fmt: skip
        case = open_case(
            db=db, client_id=client.id, title="Sertifikasi halal",
            consultant_id=ctx.consultant_id, opened_on=date(2026, 1, 5),
        )  # fmt: skip
        return create_referral(db=db, case_id=case.id, agency_id="BPJPH", purpose="halal")


def _open_dialog():
    return next(
        (
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, DocumentDialog) and w.isVisible()
        ),
        None,
    )


def test_issuing_a_letter_from_rujukan_numbers_it_and_shows_it(window, ctx, qtbot, monkeypatch):
    referral = _referral(ctx)
    window.nav.setCurrentRow(4)
    window.referrals.select_id(referral.id)
    assert window.referrals.issue_action.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.referrals.issue_letter()
    with ctx.session() as db:
        number = get_referral(db=db, referral_id=referral.id).letter_number
    assert number is not None and number.startswith("001/KB-KT/")
    qtbot.waitUntil(lambda: _open_dialog() is not None, timeout=5000)
    dialog = _open_dialog()
    assert dialog.document.pageCount() == 1
    assert not dialog.note.isVisibleTo(dialog)
    assert not window.referrals.issue_action.isEnabled()
    assert number in window.referrals.detail.toPlainText()
    dialog.close()


def test_without_consent_the_letter_is_refused_with_what_to_do(window, ctx, monkeypatch):
    referral = _referral(ctx, consent=False)
    window.nav.setCurrentRow(4)
    window.referrals.select_id(referral.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    window.referrals.issue_letter()
    assert len(warnings) == 1
    assert "belum menyetujui keperluan 'Rujukan ke instansi'" in warnings[0]
    assert "Klien → Persetujuan → Catat persetujuan" in warnings[0]
    with ctx.session() as db:
        assert get_referral(db=db, referral_id=referral.id).letter_number is None
    assert window.referrals.issue_action.isEnabled()


def test_a_draft_letter_is_shown_with_a_warning(window, ctx, qtbot):
    referral = _referral(ctx)
    window.nav.setCurrentRow(4)
    window.referrals.select_id(referral.id)
    window.referrals.view_letter()
    qtbot.waitUntil(lambda: _open_dialog() is not None, timeout=5000)
    dialog = _open_dialog()
    assert "DRAF" in dialog.note.text()
    dialog.close()


def test_save_as_and_print_write_the_document(qtbot, tmp_path):
    from klinik.reports.base import para, render_pdf, styles

    pdf = render_pdf(
        [para(f"Baris {i}", styles()["body"]) for i in range(120)], title="Uji", footer_left="K"
    )
    dialog = DocumentDialog(None, "Uji", pdf, "uji.pdf")
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == 3
    saved = dialog.save_as(str(tmp_path / "salinan.pdf"))
    assert saved.read_bytes() == pdf
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cetak.pdf"))
    assert dialog.print_document(printer)
    assert len(pypdf.PdfReader(tmp_path / "cetak.pdf").pages) == 3
