"""Berkas → Instansi / Konsultan: the lists behind referral letters and signatures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from klinik.services import clients as client_service
from klinik.services import consultants as consultant_service
from klinik.services import referrals as referral_service
from klinik.services.referrals import AGENCY_ROLES
from klinik.ui.forms import FieldSpec, RecordForm
from klinik.ui.i18n import QT_TR_NOOP, tr


class DirectoryDialog(QDialog):
    """A list of records with Add and Edit, each opening a RecordForm."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        load: Callable[[], list[tuple[int, str]]],
        form: Callable[[int | None], RecordForm],
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._load, self._form = load, form
        self.items = QListWidget()
        self.items.setObjectName("directory_list")
        self.items.itemActivated.connect(lambda _item: self.edit())
        add = QPushButton(tr("Tambah …"))
        add.clicked.connect(self.add)
        edit = QPushButton(tr("Ubah …"))
        edit.clicked.connect(self.edit)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("Tutup"))
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(edit)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items, 1)
        layout.addLayout(buttons)
        self.resize(560, 460)
        self.refresh()

    def refresh(self) -> None:
        self.items.clear()
        for record_id, text in self._load():
            item = QListWidgetItem(text)
            item.setData(256, record_id)
            self.items.addItem(item)

    def add(self) -> None:
        if self._form(None).exec():
            self.refresh()

    def edit(self) -> None:
        item = self.items.currentItem()
        if item is not None and self._form(item.data(256)).exec():
            self.refresh()


def agencies_dialog(parent: QWidget, ctx) -> DirectoryDialog:
    def load() -> list[tuple[int, str]]:
        with ctx.session() as db:
            agencies = referral_service.list_agencies(session=db, active_only=False)
        inactive, unchecked = tr("tidak aktif"), tr("nama perlu diperiksa")
        return [
            (
                a.id,
                f"{a.name} ({a.code})"
                + ("" if a.active else f" — {inactive}")
                + (f" — {unchecked}" if a.to_verify else ""),
            )
            for a in agencies
        ]

    def form(agency_id: int | None) -> RecordForm:
        values: dict[str, Any] = {"town": "Palangka Raya", "active": True}
        with ctx.session() as db:
            kabupaten = [(k.code, k.name) for k in client_service.list_kabupaten(session=db)]
        if agency_id is not None:
            with ctx.session() as db:
                values = referral_service.get_agency(session=db, agency_id=agency_id).model_dump()
        specs = [
            FieldSpec("code", tr("Kode"), required=True, placeholder=tr("mis. DINKES-PKY")),
            FieldSpec("name", tr("Nama instansi"), required=True),
            FieldSpec("addressee_title", tr("Jabatan penerima surat"), required=True, placeholder=tr("mis. Kepala Dinas Kesehatan Kota Palangka Raya")),
            FieldSpec("address", tr("Alamat")),
            FieldSpec("town", tr("Kota")),
            FieldSpec("kabupaten_code", tr("Wilayah kerja"), "choice", choices=[(None, tr("Provinsi / seluruh wilayah")), *kabupaten]),
            FieldSpec("role", tr("Urusan (untuk saran rujukan)"), "choice", choices=[(None, "–"), *[(r, tr(label)) for r, label in AGENCY_ROLES]]),
            FieldSpec("to_verify", tr("Nama perlu diperiksa dengan kop surat instansi"), "check"),
            FieldSpec("active", tr("Aktif (muncul di pilihan rujukan)"), "check"),
        ]  # fmt: skip

        def save(raw: dict[str, Any]):
            with ctx.session() as db:
                if agency_id is None:
                    return referral_service.create_agency(session=db, **raw)
                return referral_service.update_agency(session=db, agency_id=agency_id, **raw)

        return RecordForm(parent, tr("Instansi"), specs, save, values=values)

    return DirectoryDialog(parent, tr("Instansi rujukan"), load, form)


def consultants_dialog(parent: QWidget, ctx) -> DirectoryDialog:
    def load() -> list[tuple[int, str]]:
        with ctx.session() as db:
            people = consultant_service.list_consultants(session=db)
        return [
            (p.id, f"{p.name} — {p.title}" + ("" if p.active else f" ({tr('tidak aktif')})"))
            for p in people
        ]

    def form(consultant_id: int | None) -> RecordForm:
        values: dict[str, Any] = {"title": "Konsultan Pendamping", "active": True}
        if consultant_id is not None:
            with ctx.session() as db:
                values = consultant_service.get_consultant(
                    session=db, consultant_id=consultant_id
                ).model_dump()
        specs = [
            FieldSpec("name", tr("Nama lengkap (dengan gelar)"), required=True),
            FieldSpec("initials", tr("Inisial")),
            FieldSpec("title", tr("Jabatan (untuk tanda tangan)")),
            FieldSpec("phone", tr("No. HP"), "phone"),
            FieldSpec("email", tr("E-mail")),
            FieldSpec("active", tr("Aktif"), "check"),
        ]

        def save(raw: dict[str, Any]):
            with ctx.session() as db:
                if consultant_id is None:
                    return consultant_service.create_consultant(session=db, **raw)
                return consultant_service.update_consultant(
                    session=db, consultant_id=consultant_id, **raw
                )

        return RecordForm(parent, tr("Konsultan"), specs, save, values=values)

    return DirectoryDialog(parent, tr("Konsultan"), load, form)


# lupdate does not read inside f-strings: these marks put those texts in the .ts file.
_FSTRING_TEXTS = (QT_TR_NOOP("tidak aktif"),)


def purposes_dialog(parent: QWidget, ctx) -> DirectoryDialog:
    """Referral purposes and their letter templates: edit the shipped ones, add new ones."""
    from klinik.services import letters as letter_service

    def load() -> list[tuple[int, str]]:
        with ctx.session() as db:
            purposes = letter_service.list_purposes(session=db, active_only=False)
        return [
            (p.id, f"{p.label} ({p.code})" + ("" if p.active else f" — {tr('tidak aktif')}"))
            for p in purposes
        ]

    def form(purpose_id: int | None) -> RecordForm:
        values: dict[str, Any] = {"active": True, "body": "{identitas}\n\n"}
        with ctx.session() as db:
            agencies = referral_service.list_agencies(session=db)
            if purpose_id is not None:
                values = letter_service.get_purpose_by_id(
                    session=db, purpose_id=purpose_id
                ).model_dump()
        words = ", ".join("{" + k + "}" for k in letter_service.PLACEHOLDERS)
        specs = [
            FieldSpec("code", tr("Kode"), required=purpose_id is None, placeholder=tr("mis. merek")),
            FieldSpec("label", tr("Nama keperluan"), required=True),
            FieldSpec("default_agency_code", tr("Instansi biasanya"), "choice", choices=[(None, "–"), *[(a.code, a.name) for a in agencies]]),
            FieldSpec("subject", tr("Hal (perihal surat)"), required=True, check=_check_template),
            FieldSpec("body", tr("Isi surat"), "multiline", required=True, check=_check_template,
                      help=tr("Paragraf dipisah baris kosong. Tanda yang bisa dipakai: {words}").replace("{words}", words)),
            FieldSpec("active", tr("Aktif (muncul di pilihan rujukan)"), "check"),
        ]  # fmt: skip

        def save(raw: dict[str, Any]):
            with ctx.session() as db:
                if purpose_id is None:
                    return letter_service.create_purpose(session=db, **raw)
                raw = {k: v for k, v in raw.items() if k != "code"}
                return letter_service.update_purpose(session=db, purpose_id=purpose_id, **raw)

        dialog = RecordForm(
            parent, tr("Keperluan rujukan"), specs, save, values=values,
            intro=tr("Tanda yang bisa dipakai di Hal dan Isi surat: {words}. Tulis {identitas} sebagai paragraf tersendiri untuk tabel identitas pelaku usaha.").replace("{words}", words),
        )  # fmt: skip
        if purpose_id is not None:
            dialog.fields["code"].widget.setEnabled(False)
        dialog.resize(720, 640)
        return dialog

    return DirectoryDialog(parent, tr("Keperluan rujukan dan templat surat"), load, form)


def _check_template(value: Any) -> None:
    from klinik.errors import InvalidValue, ValidationError
    from klinik.services.letters import check_template

    try:
        check_template(str(value))
    except ValidationError as exc:
        raise InvalidValue(exc.errors[0].message) from None
