"""Klien: the list of client businesses, a client's whole record, and the client form."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QCheckBox, QMenu, QMessageBox, QToolButton, QWidget

from klinik.domain.identifiers import (
    format_npwp,
    format_phone,
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
from klinik.ui import privacy as privacy_ui
from klinik.ui.areas.base import ListArea, esc
from klinik.ui.documents import show_document
from klinik.ui.fmt import fmt_date, fmt_money, vocab_choices, vocab_label
from klinik.ui.forms import FieldSpec, RecordForm
from klinik.ui.i18n import QT_TR_NOOP, tr
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
        with self.ctx.session() as db:
            kabs = [(k.code, k.name) for k in client_service.list_kabupaten(session=db)]
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

    def fetch(self, db, *, offset, limit, sort):
        return client_service.list_clients(
            session=db, offset=offset, limit=limit, sort=sort, **self._filters()
        ).rows

    def count(self, db, filters: dict[str, Any]) -> int:
        return client_service.count_clients(session=db, **filters)

    def count_text(self, total: int) -> str:
        return tr("{n} klien").format(n=total)

    # --- detail ---------------------------------------------------------------------------

    def render_detail(self, record_id: int) -> str:
        with self.ctx.session() as db:
            rec = client_service.client_record(session=db, client_id=record_id)
            checklist = client_service.licence_checklist(session=db, client_id=record_id)
            consents = privacy_service.consent_history(session=db, client_id=record_id)
            consent_html = privacy_ui.consent_section_html(db, rec.client, consents)
            unfinished = record_id in privacy_service.purge_pending(session=db)
        has_consent = privacy_service.in_force(consents) is not None
        c = rec.client
        self.archive_action.setText(tr("Pulihkan") if c.archived_at else tr("Arsipkan"))
        self._enable_privacy_actions(erased=c.erased_at is not None, has_consent=has_consent)
        # An erasure whose file rewrite failed (a full disk) is finished by erasing again.
        self.erase_action.setEnabled(c.erased_at is None or unfinished)
        rows = [
            (tr("Pemilik"), c.owner_name),
            (tr("NIK"), c.nik),
            (tr("Jenis kelamin"), vocab_label(Gender, c.gender)),
            (tr("Pendidikan"), vocab_label(Education, c.education)),
            (tr("No. HP"), format_phone(c.phone) if c.phone else ""),
            (tr("WhatsApp"), format_phone(c.whatsapp) if c.whatsapp else ""),
            (tr("E-mail"), c.email),
            (tr("Alamat"), c.address),
            (tr("Kecamatan"), c.kecamatan),
            (tr("Kelurahan/desa"), c.kelurahan),
            (tr("Kabupaten/kota"), rec.kabupaten),
            (tr("Produk"), c.products),
            (tr("Sektor"), c.sector),
            (tr("Bentuk usaha"), vocab_label(LegalForm, c.legal_form)),
            (tr("NIB"), c.nib),
            (tr("NPWP"), format_npwp(c.npwp) if c.npwp else ""),
            (tr("Mulai usaha"), c.year_started),
            (tr("Terdaftar"), fmt_date(c.registered_on)),
            (tr("Asosiasi"), c.association),
        ]
        kv = "".join(
            f"<tr><td class='k'>{esc(k)}</td><td>{esc(v)}</td></tr>"
            for k, v in rows
            if v not in (None, "")
        )
        missing_kec = (
            ""
            if c.kecamatan or c.erased_at is not None
            else f"<p class='missing'>{esc(tr('Kecamatan belum diisi.'))}</p>"
        )
        licence_rows = "".join(
            "<tr><td>{label}</td><td class='{cls}'>{state}</td><td>{num}</td><td>{exp}</td></tr>".format(
                label=esc(vocab_label(LicenceKind, ch.kind)),
                cls="ok" if not ch.missing else "missing",
                state=esc(
                    "✓ " + vocab_label(LicenceStatus, ch.status)
                    if not ch.missing
                    else (vocab_label(LicenceStatus, ch.status) if ch.status else tr("belum ada"))
                ),
                num=esc(ch.number or ""),
                exp=esc(fmt_date(ch.expires_on)),
            )
            for ch in checklist
        )
        size_rows = (
            "".join(
                "<tr><td class='nw'>{d}</td><td align='right' class='nw'>{o}</td>"
                "<td align='right' class='nw'>{m}</td>"
                "<td align='right'>{w}</td><td class='nw'>{k}{nk}</td>"
                "<td class='nw'><a href='size:{id}'>{fix}</a></td></tr>".format(
                    id=r.id,
                    fix=esc(tr("koreksi")),
                    d=esc(fmt_date(r.recorded_on)),
                    o=esc(fmt_money(r.omzet)),
                    m=esc(fmt_money(r.modal)),
                    w=esc(r.workers if r.workers is not None else ""),
                    k=esc(r.size_class.label if r.size_class else "–"),
                    nk=f" <span class='badge'>▲ {esc(tr('naik kelas'))}</span>"
                    if r.naik_kelas
                    else "",
                )
                for r in rec.size_history
            )
            or f"<tr><td colspan='6' class='muted'>{esc(tr('Belum ada data usaha.'))}</td></tr>"
        )
        all_licences = "".join(
            f"<tr><td>{esc(vocab_label(LicenceKind, lic.kind))}</td>"
            f"<td>{esc(vocab_label(LicenceStatus, lic.status))}</td><td>{esc(lic.number or '')}</td>"
            f"<td>{esc(fmt_date(lic.issued_on))}</td><td><a href='licence:{lic.id}'>{esc(tr('ubah'))}</a></td></tr>"
            for lic in rec.licences
        )
        case_rows = (
            "".join(
                f"<tr><td><a href='case:{cs.id}'>{esc(cs.title)}</a></td>"
                f"<td>{esc(cs.status)}</td><td>{esc(fmt_date(cs.opened_on))}</td></tr>"
                for cs in rec.cases
            )
            or f"<tr><td class='muted'>{esc(tr('Belum ada kasus.'))}</td></tr>"
        )
        channels = ", ".join(
            ch.label(self.ctx.lang) for ch in Channel if getattr(c, f"sells_{ch.value}")
        )
        readiness = ", ".join(
            r.label(self.ctx.lang) for r in Readiness if getattr(c, f"has_{r.value}")
        )
        naik = f" <span class='badge'>▲ {esc(tr('Naik kelas'))}</span>" if rec.naik_kelas else ""
        archived = (
            f"<p class='missing'>{esc(tr('Diarsipkan'))}</p>" if c.archived_at is not None else ""
        )
        return f"""
<h2>{esc(c.business_name)}{naik}</h2>{archived}
<table class='kv'>{kv}</table>{missing_kec}
{consent_html}
<h3>{esc(tr("Izin usaha (NIB → SPP-IRT → halal → BPOM)"))}</h3>
<table class='grid'><tr><th>{esc(tr("Izin"))}</th><th>{esc(tr("Status"))}</th>
<th>{esc(tr("Nomor"))}</th><th>{esc(tr("Berlaku sampai"))}</th></tr>{licence_rows}</table>
{"<p class='muted'>" + esc(tr("Semua izin yang tercatat:")) + "</p><table class='grid'>" + all_licences + "</table>" if all_licences else ""}
<h3>{esc(tr("Riwayat skala usaha"))}</h3>
<table class='grid'><tr><th>{esc(tr("Tanggal"))}</th><th>{esc(tr("Omzet/tahun"))}</th>
<th>{esc(tr("Modal"))}</th><th class='nw'>{esc(tr("Pekerja"))}</th><th>{esc(tr("Kelas"))}</th><th></th></tr>{size_rows}</table>
<h3>{esc(tr("Pasar dan kesiapan"))}</h3>
<p>{esc(tr("Saluran pasar"))}: {esc(channels or "–")}<br>{esc(tr("Kesiapan"))}: {esc(readiness or "–")}</p>
<h3>{esc(tr("Kasus"))}</h3><table class='grid'>{case_rows}</table>
<h3>{esc(tr("Catatan"))}</h3><p>{esc(c.notes or "–")}</p>
"""

    # --- actions --------------------------------------------------------------------------

    def client_specs(self) -> list[FieldSpec]:
        with self.ctx.session() as db:
            kabs = [(k.code, k.name) for k in client_service.list_kabupaten(session=db)]
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

    def open_form(self, client_id: int | None = None) -> RecordForm:
        values: dict[str, Any] = {}
        if client_id is not None:
            with self.ctx.session() as db:
                c = client_service.get_client(session=db, client_id=client_id)
            values = c.model_dump()
            values["channels"] = [ch.value for ch in Channel if getattr(c, f"sells_{ch.value}")]
            values["readiness"] = [r.value for r in Readiness if getattr(c, f"has_{r.value}")]

        def save(raw: dict[str, Any]):
            data = self._to_service(raw)
            with self.ctx.session() as db:
                if client_id is None:
                    return client_service.create_client(session=db, **data)
                return client_service.update_client(session=db, client_id=client_id, **data)

        title = tr("Klien baru") if client_id is None else tr("Ubah klien")
        form = RecordForm(self, title, self.client_specs(), save, values=values)
        form.resize(720, 760)
        return form

    def new_record(self) -> None:
        form = self.open_form()
        if form.exec():
            self.ctx.changed("client")
            self.reload()
            self.select_id(form.result_record.id)

    def edit_current(self) -> None:
        if self.current_id is None:
            return
        form = self.open_form(self.current_id)
        if form.exec():
            self.ctx.changed("client")
            self.reload()

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

        def save(raw):
            with self.ctx.session() as db:
                return client_service.add_size_record(session=db, client_id=client_id, **raw)

        values = {"recorded_on": date.today()}
        form = RecordForm(
            self, tr("Data usaha"), self._size_specs(correcting=False), save, values=values
        )
        if form.exec():
            self.ctx.changed("client")
            self.show_detail()

    def correct_size(self, record_id: int) -> None:
        """A correction keeps the old figures in the history, with the reason."""
        with self.ctx.session() as db:
            values = client_service.get_size_record(session=db, record_id=record_id).model_dump()

        def save(raw):
            raw = dict(raw)
            reason = raw.pop("correction_reason", "")
            with self.ctx.session() as db:
                return client_service.correct_size_record(
                    session=db, record_id=record_id, reason=reason, **raw
                )

        form = RecordForm(
            self, tr("Koreksi data usaha"), self._size_specs(correcting=True), save, values=values,
            intro=tr("Angka lama tetap tersimpan di riwayat bersama alasan koreksi."),
        )  # fmt: skip
        if form.exec():
            self.ctx.changed("client")
            self.show_detail()

    def add_licence(self, licence_id: int | None = None) -> None:
        if self.current_id is None:
            return
        client_id = self.current_id
        values: dict[str, Any] = {}
        if licence_id is not None:
            with self.ctx.session() as db:
                values = client_service.get_licence(session=db, licence_id=licence_id).model_dump()
        specs = [
            FieldSpec("kind", tr("Jenis izin"), "choice", choices=vocab_choices(LicenceKind)),
            FieldSpec("status", tr("Status"), "choice", choices=vocab_choices(LicenceStatus)),
            FieldSpec("number", tr("Nomor")),
            FieldSpec("issued_on", tr("Tanggal terbit"), "date"),
            FieldSpec("expires_on", tr("Berlaku sampai"), "date"),
            FieldSpec("note", tr("Catatan"), "multiline"),
        ]

        def save(raw):
            with self.ctx.session() as db:
                if licence_id is None:
                    return client_service.add_licence(session=db, client_id=client_id, **raw)
                raw = {k: v for k, v in raw.items() if k != "kind"}
                return client_service.update_licence(session=db, licence_id=licence_id, **raw)

        form = RecordForm(self, tr("Izin usaha"), specs, save, values=values)
        if licence_id is not None:
            form.fields["kind"].widget.setEnabled(False)
        if form.exec():
            self.ctx.changed("client")
            self.show_detail()

    def show_summary(self) -> None:
        """The client's mentoring summary across all cases, built in the background."""
        if self.current_id is None:
            return
        client_id, store = self.current_id, self.ctx.store

        def build(_progress):
            from klinik.services.documents import build_client_summary

            with store.session() as db:
                client = client_service.get_client(session=db, client_id=client_id)
                pdf = build_client_summary(session=db, client_id=client_id)
            return pdf, f"Ringkasan {client.business_name}", ""

        show_document(self, title=tr("Ringkasan pendampingan"), build=build)

    # --- personal data (UU PDP) ------------------------------------------------------------

    def record_consent(self) -> None:
        if self.current_id is None:
            return
        form = privacy_ui.open_consent_form(self, self.ctx, client_id=self.current_id)
        if form.exec():
            self.ctx.changed("consent")
            self.show_detail()

    def withdraw_consent(self) -> None:
        if self.current_id is None:
            return
        form = privacy_ui.open_withdraw_form(self, self.ctx, client_id=self.current_id)
        if form.exec():
            self.ctx.changed("consent")
            self.show_detail()

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
            self.reload()
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
        with self.ctx.session() as db:
            client = client_service.get_client(session=db, client_id=client_id)
        if client.archived_at is not None:
            with self.ctx.session() as db:
                client_service.restore_client(session=db, client_id=client_id)
            self.ctx.changed("client")
            self.reload()
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
        with self.ctx.session() as db:
            client_service.archive_client(session=db, client_id=client_id)
        self.ctx.changed("client")
        self.window_undo(client_id, client.business_name)
        self.reload()

    def window_undo(self, client_id: int, name: str) -> None:
        window: QWidget | None = self.window()
        offer = getattr(window, "offer_undo", None)
        if offer is None:
            return

        def undo() -> None:
            with self.ctx.session() as db:
                client_service.restore_client(session=db, client_id=client_id)
            self.ctx.changed("client")
            self.reload()

        offer(tr("Klien {name} diarsipkan.").format(name=name), undo)


# lupdate does not read inside f-strings: these marks put those texts in the .ts file.
_FSTRING_TEXTS = (
    QT_TR_NOOP("koreksi"),
    QT_TR_NOOP("ubah"),
    QT_TR_NOOP("Semua izin yang tercatat:"),
    QT_TR_NOOP("Izin usaha (NIB → SPP-IRT → halal → BPOM)"),
    QT_TR_NOOP("Riwayat skala usaha"),
    QT_TR_NOOP("Omzet/tahun"),
    QT_TR_NOOP("Modal"),
    QT_TR_NOOP("Pekerja"),
    QT_TR_NOOP("Kelas"),
    QT_TR_NOOP("Kecamatan belum diisi."),
    QT_TR_NOOP("naik kelas"),
    QT_TR_NOOP("Belum ada data usaha."),
    QT_TR_NOOP("Belum ada kasus."),
    QT_TR_NOOP("Naik kelas"),
    QT_TR_NOOP("Diarsipkan"),
)
