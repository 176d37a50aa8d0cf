"""Klien: the list of client businesses, a client's whole record, and the client form."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QMenu, QMessageBox, QToolButton, QWidget

from klinik.domain.identifiers import (
    normalize_email,
    normalize_nib,
    normalize_nik,
    normalize_npwp,
)
from klinik.domain.vocab import (
    Channel,
    Education,
    Gender,
    LegalForm,
    LicenceKind,
    LicenceStatus,
    Readiness,
)
from klinik.services import clients as client_service
from klinik.services import privacy as privacy_service
from klinik.ui import ops
from klinik.ui import privacy as privacy_ui
from klinik.ui.areas.base import ListArea
from klinik.ui.detail.clients import ClientDetail, client_html
from klinik.ui.documents import show_document
from klinik.ui.fmt import fmt_date, vocab_choices
from klinik.ui.forms import FieldSpec, RecordForm
from klinik.ui.i18n import tr
from klinik.ui.table_model import Column


class ClientsArea(ListArea):
    area_key = "clients"
    export_kind = "clients"

    def columns(self) -> list[Column]:
        return [
            Column("business_name", tr("Nama usaha"), "business_name", width=230),
            Column("owner_name", tr("Pemilik"), "owner_name", width=160),
            Column("kabupaten", tr("Kabupaten/kota"), "kabupaten", width=160),
            Column("products", tr("Produk"), None, width=200),
            Column("registered_on", tr("Terdaftar"), "registered_on", fmt_date, width=120),
        ]

    def default_sort(self) -> str:
        return "business_name"

    def build_filters(self) -> None:
        self.search.setPlaceholderText(
            tr("Cari nama usaha, pemilik, produk, NIB, no. HP … (Ctrl+F)")
        )
        kabs = self.ctx.kabupaten_choices()
        self.kabupaten = self.combo_filter(tr("Semua kabupaten/kota"), kabs, "filter_kab")
        self.show_archived = QCheckBox(tr("Arsip"))
        self.show_archived.setObjectName("filter_archived")
        self.show_archived.toggled.connect(self.reload)
        self.filter_bar.addWidget(self.show_archived)

    def build_actions(self) -> None:
        self.add_new_button(tr("Klien baru"), self.new_record)
        self.edit_action = self.add_action(tr("Ubah"), self.edit_current)
        self.case_action = self.add_action(tr("Buka kasus"), self.open_new_case)
        self.size_action = self.add_action(tr("Data usaha"), self.add_size)
        self.licence_action = self.add_action(tr("Izin"), lambda: self.add_licence())
        self._build_consent_menu()
        self._build_print_menu()
        self.archive_action = self.add_action(tr("Arsipkan"), self.toggle_archive, more=True)
        self._more_menu.addSeparator()
        self.history_action = self.add_action(tr("Riwayat …"), self.show_history, more=True)
        self.access_action = self.add_action(
            tr("Ekspor semua data klien ini …"), self.export_client_data, more=True
        )
        self.erase_action = self.add_action(
            tr("Hapus data pribadi …"), self.erase_personal_data, more=True
        )
        self._more_menu.addSeparator()

    def _build_print_menu(self) -> None:
        """'Cetak ▾': the documents about the client."""
        self.print_menu = QMenu(self)
        self.print_button = QToolButton()
        self.print_button.setObjectName("print_button")
        self.print_button.setText(tr("Cetak"))
        self.print_button.setMenu(self.print_menu)
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.print_button)
        self.summary_action = self.print_menu.addAction(tr("Ringkasan pendampingan"))
        self.certificate_action = self.print_menu.addAction(tr("Surat keterangan pendampingan …"))
        for action, slot in (
            (self.summary_action, self.show_summary),
            (self.certificate_action, self.show_certificate),
        ):
            action.triggered.connect(slot)
            action.setProperty("needs_row", True)
            action.setEnabled(False)
            self._actions.append(action)

    def show_certificate(self) -> None:
        if self.current_id is None:
            return
        from klinik.ui.certificate import open_certificate_dialog

        open_certificate_dialog(self, self.ctx, client_id=self.current_id)

    def _build_consent_menu(self) -> None:
        """'Persetujuan ▾' (UU PDP): record, withdraw, print the form to sign."""
        self.consent_menu = QMenu(self)
        self.consent_button = QToolButton()
        self.consent_button.setObjectName("consent_button")
        self.consent_button.setText(tr("Persetujuan"))
        self.consent_button.setToolTip(tr("Persetujuan data pribadi (UU PDP)"))
        self.consent_button.setMenu(self.consent_menu)
        self.consent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.consent_button)

        def item(text: str, slot, *, needs_row: bool = True):
            action = self.consent_menu.addAction(text)
            action.triggered.connect(slot)
            action.setProperty("needs_row", needs_row)
            action.setEnabled(not needs_row)
            self._actions.append(action)
            return action

        self.consent_action = item(tr("Catat persetujuan …"), self.record_consent)
        self.withdraw_action = item(tr("Tarik persetujuan …"), self.withdraw_consent)
        self.consent_menu.addSeparator()
        self.consent_pdf_action = item(tr("Cetak formulir persetujuan"), self.print_consent_form)
        item(
            tr("Formulir kosong (untuk klien baru)"), self.print_blank_consent_form, needs_row=False
        )

    def _personal_actions(self):
        return (
            self.edit_action, self.case_action, self.size_action, self.licence_action,
            self.consent_action, self.withdraw_action, self.consent_pdf_action,
            self.summary_action, self.certificate_action, self.access_action, self.erase_action,
        )  # fmt: skip

    def _enable_privacy_actions(self, *, erased: bool, has_consent: bool) -> None:
        """An erased client keeps its anonymous counts only: nothing personal to act on."""
        for action in self._personal_actions():
            action.setEnabled(not erased)
        self.withdraw_action.setEnabled(not erased and has_consent)

    def _filters(self) -> dict[str, Any]:
        return {
            "search": self.search_text(),
            "kabupaten": self.kabupaten.currentData(),
            "archived": self.show_archived.isChecked(),
        }

    def fetch(self, db, filters, *, offset, limit, sort):
        return client_service.list_clients(
            db=db, offset=offset, limit=limit, sort=sort, **filters
        ).rows

    def count(self, db, filters: dict[str, Any]) -> int:
        return client_service.count_clients(db=db, **filters)

    def count_text(self, total: int) -> str:
        return tr("{n} klien").format(n=total)

    # --- detail ---------------------------------------------------------------------------

    def detail_data(self, db, record_id: int) -> ClientDetail:
        """The read model of the pane, fetched off the GUI thread."""
        return ClientDetail(
            record=client_service.client_record(db=db, client_id=record_id),
            checklist=client_service.licence_checklist(db=db, client_id=record_id),
            consents=privacy_service.consent_history(db=db, client_id=record_id),
            consultant_names=privacy_ui.consultant_names(db),
            purge_pending=record_id in privacy_service.purge_pending(db=db),
            lang=self.ctx.lang,
        )

    def render_html(self, data: ClientDetail) -> str:
        return client_html(data)

    def after_detail(self, data: ClientDetail) -> None:
        c = data.record.client
        has_consent = privacy_service.in_force(data.consents) is not None
        self.archive_action.setText(tr("Pulihkan") if c.archived_at else tr("Arsipkan"))
        self._enable_privacy_actions(erased=c.erased_at is not None, has_consent=has_consent)
        # An erasure whose file rewrite failed (a full disk) is finished by erasing again.
        self.erase_action.setEnabled(c.erased_at is None or data.purge_pending)

    # --- actions --------------------------------------------------------------------------

    def client_specs(self) -> list[FieldSpec]:
        kabs = self.ctx.kabupaten_choices()
        usaha, pemilik, lokasi, pasar = (
            tr("Usaha"),
            tr("Pemilik"),
            tr("Lokasi"),
            tr("Pasar dan kesiapan"),
        )
        return [
            FieldSpec("business_name", tr("Nama usaha"), required=True, group=usaha),
            FieldSpec("products", tr("Produk"), placeholder=tr("mis. amplang, kerupuk ikan"), group=usaha),
            FieldSpec("sector", tr("Sektor"), placeholder=tr("mis. makanan olahan"), group=usaha),
            FieldSpec("legal_form", tr("Bentuk usaha"), "choice", choices=vocab_choices(LegalForm), group=usaha),
            FieldSpec("nib", tr("NIB"), check=normalize_nib, placeholder=tr("13 angka"), group=usaha),
            FieldSpec("npwp", tr("NPWP"), check=normalize_npwp, group=usaha),
            FieldSpec("kbli", tr("KBLI"), group=usaha),
            FieldSpec("year_started", tr("Tahun mulai usaha"), "int", group=usaha),
            FieldSpec("registered_on", tr("Terdaftar di klinik"), "date", group=usaha),
            FieldSpec("association", tr("Asosiasi/komunitas"), group=usaha),
            FieldSpec("owner_name", tr("Nama pemilik"), group=pemilik),
            FieldSpec("nik", tr("NIK"), check=normalize_nik, placeholder=tr("16 angka"), group=pemilik),
            FieldSpec("gender", tr("Jenis kelamin"), "choice", choices=[(None, "–"), *vocab_choices(Gender)], group=pemilik),
            FieldSpec("education", tr("Pendidikan"), "choice", choices=[(None, "–"), *vocab_choices(Education)], group=pemilik),
            FieldSpec("disability", tr("Disabilitas"), group=pemilik),
            FieldSpec("phone", tr("No. HP"), "phone", group=pemilik),
            FieldSpec("whatsapp", tr("WhatsApp (bila beda)"), "phone", group=pemilik),
            FieldSpec("email", tr("E-mail"), check=normalize_email, group=pemilik),
            FieldSpec("address", tr("Alamat"), group=lokasi),
            FieldSpec("kabupaten_code", tr("Kabupaten/kota"), "choice", choices=[(None, "–"), *kabs], group=lokasi),
            FieldSpec("kecamatan", tr("Kecamatan"), group=lokasi),
            FieldSpec("kelurahan", tr("Kelurahan/desa"), group=lokasi),
            FieldSpec("channels", tr("Saluran pasar"), "multichoice", choices=vocab_choices(Channel), group=pasar),
            FieldSpec("readiness", tr("Kesiapan"), "multichoice", choices=vocab_choices(Readiness), group=pasar),
            FieldSpec("notes", tr("Catatan"), "multiline"),
        ]  # fmt: skip

    @staticmethod
    def _to_service(values: dict[str, Any]) -> dict[str, Any]:
        values = dict(values)
        channels = set(values.pop("channels", []))
        readiness = set(values.pop("readiness", []))
        for ch in Channel:
            values[f"sells_{ch.value}"] = ch.value in channels
        for r in Readiness:
            values[f"has_{r.value}"] = r.value in readiness
        return values

    def open_form(self, client_id: int | None = None, client: Any = None) -> RecordForm:
        """The client form; ``client`` (read by the caller's query op) fills it for an edit."""
        values: dict[str, Any] = {}
        if client is not None:
            values = client.model_dump()
            values["channels"] = [
                ch.value for ch in Channel if getattr(client, f"sells_{ch.value}")
            ]
            values["readiness"] = [r.value for r in Readiness if getattr(client, f"has_{r.value}")]

        def save(db, raw: dict[str, Any]):
            data = self._to_service(raw)
            if client_id is None:
                return client_service.create_client(db=db, **data)
            return client_service.update_client(db=db, client_id=client_id, **data)

        title = tr("Klien baru") if client_id is None else tr("Ubah klien")
        form = RecordForm(
            self, title, self.client_specs(), save, values=values, ctx=self.ctx, changed="client"
        )
        form.resize(720, 760)
        return form

    def new_record(self) -> None:
        form = self.open_form()
        if form.exec():
            self.select_id(form.result_record.id)

    def edit_current(self) -> None:
        if self.current_id is None:
            return
        client_id = self.current_id

        def edit(client) -> None:
            self.open_form(client_id, client).exec()

        ops.query(
            self, self.ctx, lambda db: client_service.get_client(db=db, client_id=client_id),
            success=edit,
        )  # fmt: skip

    def open_new_case(self) -> None:
        if self.current_id is not None:
            from klinik.ui.areas.cases import open_case_form

            case = open_case_form(self, self.ctx, client_id=self.current_id)
            if case is not None:
                self.ctx.changed("case")
                self.open_case.emit(case.id)

    def _size_specs(self, *, correcting: bool) -> list[FieldSpec]:
        specs = [
            FieldSpec("recorded_on", tr("Tanggal data"), "date", required=True),
            FieldSpec("omzet", tr("Omzet per tahun"), "money"),
            FieldSpec("modal", tr("Modal usaha (tanpa tanah dan bangunan)"), "money"),
            FieldSpec("total_assets", tr("Total aset"), "money"),
            FieldSpec("workers_permanent_male", tr("Pekerja tetap laki-laki"), "int"),
            FieldSpec("workers_permanent_female", tr("Pekerja tetap perempuan"), "int"),
            FieldSpec("workers_nonpermanent_male", tr("Pekerja tidak tetap laki-laki"), "int"),
            FieldSpec("workers_nonpermanent_female", tr("Pekerja tidak tetap perempuan"), "int"),
            FieldSpec("production_capacity", tr("Kapasitas produksi")),
            FieldSpec("source", tr("Sumber data")),
        ]
        if correcting:
            specs.insert(0, FieldSpec("correction_reason", tr("Alasan koreksi"), required=True))
        return specs

    def add_size(self) -> None:
        if self.current_id is None:
            return
        client_id = self.current_id

        def save(db, raw):
            return client_service.add_size_record(db=db, client_id=client_id, **raw)

        values = {"recorded_on": date.today()}
        RecordForm(
            self, tr("Data usaha"), self._size_specs(correcting=False), save, values=values,
            ctx=self.ctx, changed="client",
        ).exec()  # fmt: skip

    def correct_size(self, record_id: int) -> None:
        """A correction keeps the old figures in the history, with the reason."""

        def save(db, raw):
            raw = dict(raw)
            reason = raw.pop("correction_reason", "")
            return client_service.correct_size_record(
                db=db, record_id=record_id, reason=reason, **raw
            )

        def edit(values: dict[str, Any]) -> None:
            RecordForm(
                self, tr("Koreksi data usaha"), self._size_specs(correcting=True), save,
                values=values, ctx=self.ctx, changed="client",
                intro=tr("Angka lama tetap tersimpan di riwayat bersama alasan koreksi."),
            ).exec()  # fmt: skip

        ops.query(
            self, self.ctx,
            lambda db: client_service.get_size_record(db=db, record_id=record_id).model_dump(),
            success=edit,
        )  # fmt: skip

    def add_licence(self, licence_id: int | None = None) -> None:
        if self.current_id is None:
            return
        if licence_id is None:
            self._licence_form(self.current_id, None, {})
            return
        client_id = self.current_id
        ops.query(
            self, self.ctx,
            lambda db: client_service.get_licence(db=db, licence_id=licence_id).model_dump(),
            success=lambda values: self._licence_form(client_id, licence_id, values),
        )  # fmt: skip

    def _licence_form(self, client_id: int, licence_id: int | None, values: dict[str, Any]) -> None:
        specs = [
            FieldSpec("kind", tr("Jenis izin"), "choice", choices=vocab_choices(LicenceKind)),
            FieldSpec("status", tr("Status"), "choice", choices=vocab_choices(LicenceStatus)),
            FieldSpec("number", tr("Nomor")),
            FieldSpec("issued_on", tr("Tanggal terbit"), "date"),
            FieldSpec("expires_on", tr("Berlaku sampai"), "date"),
            FieldSpec("note", tr("Catatan"), "multiline"),
        ]

        def save(db, raw):
            if licence_id is None:
                return client_service.add_licence(db=db, client_id=client_id, **raw)
            raw = {k: v for k, v in raw.items() if k != "kind"}
            return client_service.update_licence(db=db, licence_id=licence_id, **raw)

        form = RecordForm(
            self, tr("Izin usaha"), specs, save, values=values, ctx=self.ctx, changed="client"
        )
        if licence_id is not None:
            form.fields["kind"].widget.setEnabled(False)
        form.exec()

    def show_summary(self) -> None:
        """The client's mentoring summary across all cases, built in the background."""
        if self.current_id is None:
            return
        client_id, store = self.current_id, self.ctx.store

        def build(_progress):
            from klinik.services.documents import client_summary

            with store.session() as db:
                client = client_service.get_client(db=db, client_id=client_id)
                pdf = client_summary(db=db, client_id=client_id)
            return pdf, f"Ringkasan {client.business_name}", ""

        show_document(self, title=tr("Ringkasan pendampingan"), build=build)

    # --- personal data (UU PDP) ------------------------------------------------------------

    def record_consent(self) -> None:
        if self.current_id is None:
            return
        privacy_ui.open_consent_form(self, self.ctx, client_id=self.current_id).exec()

    def withdraw_consent(self) -> None:
        if self.current_id is None:
            return
        privacy_ui.open_withdraw_form(self, self.ctx, client_id=self.current_id).exec()

    def print_consent_form(self) -> None:
        if self.current_id is not None:
            privacy_ui.show_consent_form(self, self.ctx, client_id=self.current_id)

    def print_blank_consent_form(self) -> None:
        privacy_ui.show_consent_form(self, self.ctx, client_id=None)

    def show_history(self) -> None:
        if self.current_id is None:
            return
        dialog = privacy_ui.client_history_dialog(self, self.ctx, client_id=self.current_id)
        dialog.exec()

    def export_client_data(self) -> None:
        if self.current_id is not None:
            privacy_ui.export_client_data(self, self.ctx, client_id=self.current_id)

    def erase_personal_data(self) -> None:
        if self.current_id is None:
            return
        client_id = self.current_id

        def erased(_result) -> None:
            self.ctx.changed("client")
            self.select_id(client_id)

        privacy_ui.erase_client_data(self, self.ctx, client_id=client_id, on_done=erased)

    def link_clicked(self, kind: str, value: str) -> None:
        if not value.isdigit():
            return
        if kind == "licence":
            self.add_licence(int(value))
        elif kind == "size":
            self.correct_size(int(value))

    def toggle_archive(self) -> None:
        if self.current_id is None:
            return
        client_id = self.current_id
        ops.query(
            self, self.ctx, lambda db: client_service.get_client(db=db, client_id=client_id),
            success=self._archive_or_restore,
        )  # fmt: skip

    def _archive_or_restore(self, client) -> None:
        client_id = client.id
        if client.archived_at is not None:
            ops.write(
                self, self.ctx,
                lambda db: client_service.restore_client(db=db, client_id=client_id),
                changed="client",
            )  # fmt: skip
            return
        answer = QMessageBox.question(
            self,
            tr("Arsipkan klien"),
            tr(
                "Arsipkan {name}? Klien tidak dihapus dan bisa dipulihkan dari daftar Arsip."
            ).format(name=client.business_name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ops.write(
            self, self.ctx,
            lambda db: client_service.archive_client(db=db, client_id=client_id),
            changed="client", success=lambda _c: self.window_undo(client_id, client.business_name),
        )  # fmt: skip

    def window_undo(self, client_id: int, name: str) -> None:
        window: QWidget | None = self.window()
        offer = getattr(window, "offer_undo", None)
        if offer is None:
            return

        def undo() -> None:
            ops.write(
                self, self.ctx,
                lambda db: client_service.restore_client(db=db, client_id=client_id),
                changed="client",
            )  # fmt: skip

        offer(tr("Klien {name} diarsipkan.").format(name=name), undo)
