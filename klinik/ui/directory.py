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

from klinik.services import consultants as consultant_service
from klinik.services import referrals as referral_service
from klinik.services.referrals import AGENCY_ROLES
from klinik.ui import ops
from klinik.ui.forms import FieldSpec, RecordForm
from klinik.ui.i18n import tr

Record = dict[str, Any]


class DirectoryDialog(QDialog):
    """A list of records with Add and Edit, each opening a RecordForm that saves as an op.

    ``read(db)`` (a query op) gives the records as dicts with their ``id`` and what the
    forms need besides (the agencies a purpose may name); ``describe(record)`` is its line;
    ``form(record or None, extra)`` the form. The list follows ``data_changed(kind)``."""

    def __init__(
        self,
        parent: QWidget | None,
        ctx,
        title: str,
        *,
        kind: str,
        read: Callable[[Any], tuple[list[Record], Any]],
        describe: Callable[[Record], str],
        form: Callable[[Record | None, Any], RecordForm],
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.ctx, self.kind = ctx, kind
        self._read, self._describe, self._make_form = read, describe, form
        self._records: dict[int, Record] = {}
        self._extra: Any = None
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
        ctx.data_changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self, kind: str) -> None:
        if kind == self.kind:
            self.refresh()

    def refresh(self) -> None:
        ops.query(self, self.ctx, self._read, success=self._show)

    def _show(self, listing: tuple[list[Record], Any]) -> None:
        records, self._extra = listing
        self._records = {r["id"]: r for r in records}
        self.items.clear()
        for record in records:
            item = QListWidgetItem(self._describe(record))
            item.setData(256, record["id"])
            self.items.addItem(item)

    def _form(self, record_id: int | None) -> RecordForm:
        record = self._records.get(record_id) if record_id is not None else None
        return self._make_form(record, self._extra)

    def add(self) -> None:
        self._form(None).exec()  # the op's data_changed refreshes the list

    def edit(self) -> None:
        item = self.items.currentItem()
        if item is not None:
            self._form(item.data(256)).exec()


def _dumped(records: list[Any]) -> list[Record]:
    return [r.model_dump() for r in records]


def agencies_dialog(parent: QWidget, ctx) -> DirectoryDialog:
    def read(db) -> tuple[list[Record], None]:
        return _dumped(referral_service.list_agencies(db=db, active_only=False)), None

    inactive, unchecked = tr("tidak aktif"), tr("nama perlu diperiksa")

    def describe(a: Record) -> str:
        return (
            a["name"] + " (" + a["code"] + ")"
            + ("" if a["active"] else " — " + inactive)
            + (" — " + unchecked if a["to_verify"] else "")
        )  # fmt: skip

    def form(agency: Record | None, _extra: None) -> RecordForm:
        values: dict[str, Any] = agency or {"town": "Palangka Raya", "active": True}
        agency_id = agency["id"] if agency else None
        kabupaten = ctx.kabupaten_choices()
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

        def save(db, raw: dict[str, Any]):
            if agency_id is None:
                return referral_service.create_agency(db=db, **raw)
            return referral_service.update_agency(db=db, agency_id=agency_id, **raw)

        return RecordForm(
            parent, tr("Instansi"), specs, save, values=values, ctx=ctx, changed="agency"
        )

    return DirectoryDialog(
        parent, ctx, tr("Instansi rujukan"), kind="agency", read=read, describe=describe,
        form=form,
    )  # fmt: skip


def consultants_dialog(parent: QWidget, ctx) -> DirectoryDialog:
    def read(db) -> tuple[list[Record], None]:
        return _dumped(consultant_service.list_consultants(db=db)), None

    inactive = tr("tidak aktif")

    def describe(p: Record) -> str:
        return f"{p['name']} — {p['title']}" + ("" if p["active"] else " (" + inactive + ")")

    def form(person: Record | None, _extra: None) -> RecordForm:
        values: dict[str, Any] = person or {"title": "Konsultan Pendamping", "active": True}
        consultant_id = person["id"] if person else None
        specs = [
            FieldSpec("name", tr("Nama lengkap (dengan gelar)"), required=True),
            FieldSpec("initials", tr("Inisial")),
            FieldSpec("title", tr("Jabatan (untuk tanda tangan)")),
            FieldSpec("phone", tr("No. HP"), "phone"),
            FieldSpec("email", tr("E-mail")),
            FieldSpec("active", tr("Aktif"), "check"),
        ]

        def save(db, raw: dict[str, Any]):
            if consultant_id is None:
                return consultant_service.create_consultant(db=db, **raw)
            return consultant_service.update_consultant(db=db, consultant_id=consultant_id, **raw)

        return RecordForm(
            parent, tr("Konsultan"), specs, save, values=values, ctx=ctx, changed="consultant"
        )

    return DirectoryDialog(
        parent, ctx, tr("Konsultan"), kind="consultant", read=read, describe=describe,
        form=form,
    )  # fmt: skip


def purposes_dialog(parent: QWidget, ctx) -> DirectoryDialog:
    """Referral purposes and their letter templates: edit the shipped ones, add new ones."""
    from klinik.services import letters as letter_service

    def read(db) -> tuple[list[Record], list[tuple[str, str]]]:
        purposes = _dumped(letter_service.list_purposes(db=db, active_only=False))
        agencies = [(a.code, a.name) for a in referral_service.list_agencies(db=db)]
        return purposes, agencies

    inactive = tr("tidak aktif")

    def describe(p: Record) -> str:
        return p["label"] + " (" + p["code"] + ")" + ("" if p["active"] else " — " + inactive)

    def form(purpose: Record | None, agencies: list[tuple[str, str]]) -> RecordForm:
        values: dict[str, Any] = purpose or {"active": True, "body": "{identitas}\n\n"}
        purpose_id = purpose["id"] if purpose else None
        words = ", ".join("{" + k + "}" for k in letter_service.PLACEHOLDERS)
        specs = [
            FieldSpec("code", tr("Kode"), required=purpose_id is None, placeholder=tr("mis. merek")),
            FieldSpec("label", tr("Nama keperluan"), required=True),
            FieldSpec("default_agency_code", tr("Instansi biasanya"), "choice", choices=[(None, "–"), *agencies]),
            FieldSpec("subject", tr("Hal (perihal surat)"), required=True, check=_check_template),
            FieldSpec("body", tr("Isi surat"), "multiline", required=True, check=_check_template,
                      help=tr("Paragraf dipisah baris kosong. Tanda yang bisa dipakai: {words}").replace("{words}", words)),
            FieldSpec("active", tr("Aktif (muncul di pilihan rujukan)"), "check"),
        ]  # fmt: skip

        def save(db, raw: dict[str, Any]):
            if purpose_id is None:
                return letter_service.create_purpose(db=db, **raw)
            raw = {k: v for k, v in raw.items() if k != "code"}
            return letter_service.update_purpose(db=db, purpose_id=purpose_id, **raw)

        dialog = RecordForm(
            parent, tr("Keperluan rujukan"), specs, save, values=values, ctx=ctx, changed="purpose",
            intro=tr("Tanda yang bisa dipakai di Hal dan Isi surat: {words}. Tulis {identitas} sebagai paragraf tersendiri untuk tabel identitas pelaku usaha.").replace("{words}", words),
        )  # fmt: skip
        if purpose_id is not None:
            dialog.fields["code"].widget.setEnabled(False)
        dialog.resize(720, 640)
        return dialog

    return DirectoryDialog(
        parent, ctx, tr("Keperluan rujukan dan templat surat"), kind="purpose", read=read,
        describe=describe, form=form,
    )  # fmt: skip


def _check_template(value: Any) -> None:
    from klinik.errors import InvalidValue, ValidationError
    from klinik.services.letters import check_template

    try:
        check_template(str(value))
    except ValidationError as exc:
        raise InvalidValue(exc.errors[0].message) from None
