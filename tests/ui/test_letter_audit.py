"""Letters in the window leave the laptop like the CLI's: the same service records them."""

from __future__ import annotations

import io
from datetime import date

import pypdf
from PySide6.QtWidgets import QApplication, QMessageBox

from klinik.services.audit import list_events
from klinik.services.cases import open_case
from klinik.services.clients import create_client
from klinik.services.privacy import record_consent
from klinik.services.referrals import create_referral
from klinik.ui.documents import DocumentDialog

NIK = "6209014508900001"


def _referral(ctx, *, consent: bool):
    with ctx.session() as db:
        client = create_client(
            db=db, business_name="Madu Kelulut Lemo", owner_name="Pak Yusuf", nik=NIK,
            phone="0813-5077-4411", products="madu kelulut", kabupaten_code="6209",
        )  # fmt: skip
        purposes = ["pendampingan", "rujukan"] if consent else ["pendampingan"]
        record_consent(
            db=db, client_id=client.id, given_on="2026-01-05", method="lisan",
            purposes=purposes,
        )  # fmt: skip
        case = open_case(
            db=db, client_id=client.id, title="Sertifikasi halal",
            consultant_id=ctx.consultant_id, opened_on=date(2026, 1, 5),
        )  # fmt: skip
        return create_referral(db=db, case_id=case.id, agency_id="BPJPH", purpose="halal")


def _shown(qtbot) -> DocumentDialog:
    def dialog():
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, DocumentDialog) and w.isVisible()
            ),
            None,
        )

    qtbot.waitUntil(lambda: dialog() is not None, timeout=5000)
    return dialog()


def _left(ctx):
    with ctx.session() as db:
        return list_events(db=db, leaves_machine_only=True)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_lihat_surat_of_a_draft_without_consent_is_masked_and_recorded(window, ctx, qtbot):
    referral = _referral(ctx, consent=False)
    window.nav.setCurrentRow(4)
    window.referrals.select_id(referral.id)
    window.referrals.view_letter()
    dialog = _shown(qtbot)
    text = _text(dialog.pdf)
    assert NIK not in text.replace(" ", "") and "620901**********" in text
    assert "Identitas disamarkan" in text
    assert "DRAF" in dialog.note.text()
    dialog.close()
    (event,) = _left(ctx)
    assert (event.entity, event.record_id, event.detail["masked"]) == (
        "referral", referral.id, ["nik", "phone"],
    )  # fmt: skip
    assert event.consultant == "Siti Rahmawati"


def test_issuing_from_the_window_records_the_letter_leaving_once(window, ctx, qtbot, monkeypatch):
    referral = _referral(ctx, consent=True)
    window.nav.setCurrentRow(4)
    window.referrals.select_id(referral.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.referrals.issue_letter()
    dialog = _shown(qtbot)
    assert NIK in _text(dialog.pdf) and not dialog.note.isVisibleTo(dialog)
    dialog.close()
    events = _left(ctx)
    assert [(e.entity, e.detail.get("issued")) for e in events] == [("letter", True)]
    window.referrals.view_letter()  # Lihat surat again: printed again, recorded again
    _shown(qtbot).close()
    assert [(e.entity, e.detail.get("issued")) for e in _left(ctx)] == [
        ("letter", True),
        ("letter", None),
    ]
