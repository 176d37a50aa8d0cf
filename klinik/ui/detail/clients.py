"""The client's detail pane: profile, consent, licences, size history, market, cases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klinik.domain.identifiers import format_npwp, format_phone
from klinik.domain.vocab import (
    CaseStatus,
    Channel,
    Education,
    Gender,
    LegalForm,
    LicenceKind,
    LicenceStatus,
    Readiness,
)
from klinik.services.clients import ClientRecord
from klinik.ui.areas.base import esc
from klinik.ui.detail.privacy import consent_section_html
from klinik.ui.fmt import fmt_date, fmt_money, vocab_label
from klinik.ui.i18n import tr


@dataclass(frozen=True)
class ClientDetail:
    """What the pane shows, read in one query op."""

    record: ClientRecord
    checklist: list[Any]
    consents: list[Any]
    consultant_names: dict[int, str]
    purge_pending: bool
    lang: str = "id"


def _kv(rows: list[tuple[str, Any]]) -> str:
    return "".join(
        "<tr><td class='k'>" + esc(k) + "</td><td>" + esc(v) + "</td></tr>"
        for k, v in rows
        if v not in (None, "")
    )


def _grid(headers: list[str], rows: str) -> str:
    head = "".join("<th>" + esc(h) + "</th>" for h in headers)
    return "<table class='grid'><tr>" + head + "</tr>" + rows + "</table>"


def _licence_rows(checklist: list[Any]) -> str:
    missing_text = tr("belum ada")
    rows = []
    for ch in checklist:
        status = vocab_label(LicenceStatus, ch.status)
        state = "✓ " + status if not ch.missing else (status if ch.status else missing_text)
        rows.append(
            "<tr><td>{label}</td><td class='{cls}'>{state}</td><td>{num}</td><td>{exp}</td></tr>"
            .format(
                label=esc(vocab_label(LicenceKind, ch.kind)),
                cls="ok" if not ch.missing else "missing",
                state=esc(state), num=esc(ch.number or ""), exp=esc(fmt_date(ch.expires_on)),
            )
        )  # fmt: skip
    return "".join(rows)


def _size_rows(record: ClientRecord) -> str:
    fix, up = tr("koreksi"), tr("naik kelas")
    rows = []
    for r in record.size_history:
        badge = " <span class='badge'>▲ " + esc(up) + "</span>" if r.naik_kelas else ""
        rows.append(
            "<tr><td class='nw'>{d}</td><td align='right' class='nw'>{o}</td>"
            "<td align='right' class='nw'>{m}</td><td align='right'>{w}</td>"
            "<td class='nw'>{k}{nk}</td><td class='nw'><a href='size:{id}'>{fix}</a></td></tr>"
            .format(
                id=r.id, fix=esc(fix), d=esc(fmt_date(r.recorded_on)), o=esc(fmt_money(r.omzet)),
                m=esc(fmt_money(r.modal)), w=esc(r.workers if r.workers is not None else ""),
                k=esc(r.size_class.label if r.size_class else "–"), nk=badge,
            )
        )  # fmt: skip
    if rows:
        return "".join(rows)
    return "<tr><td colspan='6' class='muted'>" + esc(tr("Belum ada data usaha.")) + "</td></tr>"


def _all_licences(record: ClientRecord) -> str:
    change = tr("ubah")
    return "".join(
        "<tr><td>" + esc(vocab_label(LicenceKind, lic.kind)) + "</td>"
        "<td>" + esc(vocab_label(LicenceStatus, lic.status)) + "</td>"
        "<td>" + esc(lic.number or "") + "</td><td>" + esc(fmt_date(lic.issued_on)) + "</td>"
        "<td><a href='licence:" + str(lic.id) + "'>" + esc(change) + "</a></td></tr>"
        for lic in record.licences
    )


def _case_rows(record: ClientRecord) -> str:
    rows = "".join(
        "<tr><td><a href='case:" + str(cs.id) + "'>" + esc(cs.title) + "</a></td>"
        "<td>" + esc(vocab_label(CaseStatus, cs.status)) + "</td>"
        "<td>" + esc(fmt_date(cs.opened_on)) + "</td></tr>"
        for cs in record.cases
    )
    return rows or "<tr><td class='muted'>" + esc(tr("Belum ada kasus.")) + "</td></tr>"


def client_html(data: ClientDetail) -> str:
    rec, c = data.record, data.record.client
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
    parts = ["<h2>" + esc(c.business_name)]
    if rec.naik_kelas:
        parts.append(" <span class='badge'>▲ " + esc(tr("Naik kelas")) + "</span>")
    parts.append("</h2>")
    if c.archived_at is not None:
        parts.append("<p class='missing'>" + esc(tr("Diarsipkan")) + "</p>")
    parts.append("<table class='kv'>" + _kv(rows) + "</table>")
    if not c.kecamatan and c.erased_at is None:
        parts.append("<p class='missing'>" + esc(tr("Kecamatan belum diisi.")) + "</p>")
    parts.append(consent_section_html(c, data.consents, data.consultant_names))
    parts.append("<h3>" + esc(tr("Izin usaha (NIB → SPP-IRT → halal → BPOM)")) + "</h3>")
    parts.append(
        _grid(
            [tr("Izin"), tr("Status"), tr("Nomor"), tr("Berlaku sampai")],
            _licence_rows(data.checklist),
        )
    )
    every = _all_licences(rec)
    if every:
        parts.append("<p class='muted'>" + esc(tr("Semua izin yang tercatat:")) + "</p>")
        parts.append("<table class='grid'>" + every + "</table>")
    parts.append("<h3>" + esc(tr("Riwayat skala usaha")) + "</h3>")
    headers = [tr("Tanggal"), tr("Omzet/tahun"), tr("Modal"), tr("Pekerja"), tr("Kelas"), ""]
    parts.append(
        _grid(headers, _size_rows(rec)).replace(
            "<th>" + esc(tr("Pekerja")), "<th class='nw'>" + esc(tr("Pekerja")), 1
        )
    )
    channels = ", ".join(ch.label(data.lang) for ch in Channel if getattr(c, f"sells_{ch.value}"))
    readiness = ", ".join(r.label(data.lang) for r in Readiness if getattr(c, f"has_{r.value}"))
    parts.append("<h3>" + esc(tr("Pasar dan kesiapan")) + "</h3>")
    parts.append(
        "<p>" + esc(tr("Saluran pasar")) + ": " + esc(channels or "–") + "<br>"
        + esc(tr("Kesiapan")) + ": " + esc(readiness or "–") + "</p>"
    )  # fmt: skip
    parts.append(
        "<h3>" + esc(tr("Kasus")) + "</h3><table class='grid'>" + _case_rows(rec) + "</table>"
    )
    parts.append("<h3>" + esc(tr("Catatan")) + "</h3><p>" + esc(c.notes or "–") + "</p>")
    return "\n".join(parts)
