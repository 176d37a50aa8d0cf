"""Klien → Cetak → Surat keterangan pendampingan: what the statement will say, to whom, and
the statements issued before (to print again). Issuing and rendering run off the GUI thread;
a refusal (no consent, no letterhead, no session yet) is said inside the dialog, which keeps
what the user chose."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klinik.domain.formatting import format_hours
from klinik.errors import Refusal
from klinik.services import certificates
from klinik.services.clients import get_client
from klinik.services.referrals import list_agencies
from klinik.ui import ops
from klinik.ui.documents import show_document
from klinik.ui.errors import known_problem, show_error
from klinik.ui.fmt import fmt_date, language
from klinik.ui.forms import ERROR_STYLE
from klinik.ui.i18n import tr


@dataclass(frozen=True)
class CertificateView:
    """What the dialog shows, read in one query op."""

    business: str
    agencies: list[tuple[int, str]]
    earlier: list[tuple[int, str, date, date | None]]
    facts: certificates.MentoringFacts | None


def _read(db, client_id: int) -> CertificateView:
    client = get_client(db=db, client_id=client_id)
    try:
        facts = certificates.mentoring_facts(db=db, client_id=client_id, on=date.today())
    except Refusal:
        facts = None
    return CertificateView(
        business=client.business_name,
        agencies=[(a.id, a.name) for a in list_agencies(db=db)],
        earlier=[
            (letter.id, letter.number, letter.issued_on, letter.cancelled_on)
            for letter in certificates.list_certificates(db=db, client_id=client_id)
        ],
        facts=facts,
    )


class CertificateDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx, *, client_id: int):
        super().__init__(parent)
        self.ctx, self.client_id = ctx, client_id
        self.setWindowTitle(tr("Surat keterangan pendampingan"))
        self.setObjectName("certificate_dialog")
        self.business = ""

        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.facts = QLabel()
        self.facts.setObjectName("certificate_facts")
        self.facts.setWordWrap(True)
        self.facts.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.facts)

        form = QFormLayout()
        self.agency = QComboBox()
        self.agency.setObjectName("certificate_agency")
        self.agency.addItem(tr("(tanpa instansi tujuan)"), None)
        form.addRow(tr("Untuk instansi"), self.agency)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setObjectName("certificate_date")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("d MMMM yyyy")
        self.on.setMaximumDate(QDate.currentDate())
        form.addRow(tr("Tanggal surat"), self.on)
        layout.addLayout(form)

        self.error = QLabel()
        self.error.setObjectName("certificate_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)

        layout.addWidget(QLabel(tr("Surat keterangan yang sudah terbit:")))
        self.earlier = QListWidget()
        self.earlier.setObjectName("certificate_earlier")
        self.earlier.setMaximumHeight(90)
        self.earlier.itemDoubleClicked.connect(lambda _item: self.reprint())
        layout.addWidget(self.earlier)
        layout.addStretch(1)

        buttons = QDialogButtonBox()
        self.issue_button = QPushButton(tr("Terbitkan dan tampilkan"))
        self.issue_button.setObjectName("certificate_issue")
        self.issue_button.setDefault(True)
        self.issue_button.setEnabled(False)  # until what it will say has been read
        self.issue_button.clicked.connect(self.issue)
        self.reprint_button = QPushButton(tr("Cetak ulang yang dipilih"))
        self.reprint_button.setObjectName("certificate_reprint")
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(self.reprint)
        self.earlier.currentItemChanged.connect(
            lambda item, _old: self.reprint_button.setEnabled(
                item is not None and item.data(Qt.ItemDataRole.UserRole) is not None
            )
        )
        close = QPushButton(tr("Tutup"))
        close.clicked.connect(self.reject)
        buttons.addButton(self.issue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.reprint_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.resize(600, 330)
        ops.query(self, ctx, lambda db: _read(db, client_id), success=self._show)

    def _show(self, read: CertificateView) -> None:
        self.business = read.business
        self.intro.setText(
            tr(
                "Surat bernomor (dari register surat yang sama dengan surat rujukan) yang "
                "menerangkan bahwa {name} didampingi klinik: sejak kapan, berapa sesi dan jam, "
                "bidang, serta izin dan capaian yang diperoleh."
            ).format(name=read.business)
        )
        self.facts.setText(self._facts_text(read.facts))
        for agency_id, name in read.agencies:
            self.agency.addItem(name, agency_id)
        for letter_id, number, issued_on, cancelled_on in read.earlier:
            text = f"{number} · {fmt_date(issued_on)}"
            if cancelled_on is not None:
                text += " · " + tr("dibatalkan")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, letter_id)
            self.earlier.addItem(item)
        if not read.earlier:
            self.earlier.addItem(tr("(belum ada)"))
            self.earlier.setEnabled(False)
        self.issue_button.setEnabled(True)

    @staticmethod
    def _facts_text(facts: certificates.MentoringFacts | None) -> str:
        if facts is None:
            return tr("Belum ada sesi pendampingan yang tercatat: surat belum bisa diterbitkan.")
        return tr(
            "Didampingi sejak {since}: {sessions} sesi, {hours} jam; {reached} capaian."
        ).format(
            since=fmt_date(facts.since),
            sessions=facts.sessions,
            hours=format_hours(facts.minutes, locale=language()),
            reached=len(facts.achievements),
        )

    def _show_problem(self, exc: BaseException) -> None:
        known = known_problem(exc)
        if known is None:
            show_error(self, exc)
            return
        errors = getattr(known, "errors", None)
        self.error.setText("\n".join(e.message for e in errors) if errors else str(known))
        self.error.setVisible(True)

    def issue(self) -> None:
        answer = QMessageBox.question(
            self,
            tr("Terbitkan surat"),
            tr(
                "Terbitkan surat keterangan pendampingan untuk {name}? Nomor surat berikutnya "
                "dipakai dan tidak bisa dipakai lagi."
            ).format(name=self.business),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.error.setVisible(False)
        self.issue_button.setEnabled(False)
        client_id = self.client_id
        agency_id = self.agency.currentData()
        on = self.on.date().toPython()

        def issue(db):
            letter = certificates.issue_certificate(
                db=db, client_id=client_id, on=on, agency_id=agency_id
            )
            pdf = certificates.certificate_pdf(db=db, letter_id=letter.id)
            return pdf, letter.file_name or letter.number, letter.number

        def done(result) -> None:  # "letter" has been emitted: the lists follow
            pdf, name, number = result
            self.issue_button.setEnabled(True)
            self.issued_number = number
            window = self.parent().window() if self.parent() is not None else None
            if window is not None and hasattr(window, "statusBar"):
                window.statusBar().showMessage(
                    tr("Surat {number} diterbitkan.").format(number=number), 8000
                )
            self.accept()
            show_document(
                self.parent() or self, title=tr("Surat keterangan pendampingan"),
                build=lambda _progress: (pdf, name, ""),
            )  # fmt: skip

        def failed(exc: BaseException) -> None:
            self.issue_button.setEnabled(True)
            self._show_problem(exc)

        ops.write(
            self, self.ctx, issue, changed="letter", success=done, failure=failed,
            label=tr("Menerbitkan surat …"),
        )  # fmt: skip

    def reprint(self) -> None:
        item = self.earlier.currentItem()
        letter_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if letter_id is None:
            return
        store = self.ctx.store

        def build(_progress):
            with store.session() as db:
                pdf = certificates.certificate_pdf(db=db, letter_id=letter_id)
                return pdf, item.text().split(" · ")[0].replace("/", "-"), ""

        show_document(self, title=tr("Surat keterangan pendampingan"), build=build)


def open_certificate_dialog(parent: QWidget, ctx, *, client_id: int) -> CertificateDialog:
    dialog = CertificateDialog(parent, ctx, client_id=client_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
