"""Salinan Data Pribadi: the readable copy of everything the store holds about one client.

Printed for the data owner on an access request (UU PDP No. 27/2022), from the dict of
``klinik.services.readmodels.client_data`` (the same content as the JSON file next to it):
identity and contact, consents, business size records, licences, cases with their
sessions, follow-ups and referrals, outcomes, and the processing history.

Nothing is shortened: free text that could be too tall for a table cell is set under the
table, and session notes are one paragraph per line, so text of any length flows onto the
next pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from klinik.domain.formatting import format_datetime, format_rupiah
from klinik.domain.labels import ENTITY_LABELS, FIELD_LABELS
from klinik.domain.vocab import (
    Area,
    AuditAction,
    CaseStatus,
    Channel,
    ConsentMethod,
    FinancingScheme,
    FollowUpOwner,
    LicenceKind,
    LicenceStatus,
    OutcomeKind,
    ReferralStatus,
    SessionMode,
)
from klinik.reports import parts
from klinik.reports.access_values import (
    _PURPOSE_FIELDS,
    _RECORD_LABELS,
    DASH,
    NO,
    YES,
    _client_fields,
    _client_label,
    _client_value,
    _date,
    _empty,
    _field_label,
    _local,
    _moment,
    _money,
    _or_dash,
    _Overflow,
    _styles,
)
from klinik.reports.base import (
    NBSP,
    content_width,
    letterhead,
    render_pdf,
    text,
)

TITLE = "SALINAN DATA PRIBADI"


def _kv(rows: list[tuple[str, str]], st: dict[str, ParagraphStyle], width: float) -> Table:
    """Label/value pairs, two pairs a row, read left to right then down; one pair a row
    when the widest values could not print whole side by side."""
    return parts.kv_pairs(
        rows,
        width,
        label_style=st["label_cell"],
        value_style=st["cell"],
        label_w=37 * mm,
        across=True,
        fallback=True,
    )


# --- sections ----------------------------------------------------------------------------------


def _identity(client: dict[str, Any], st, width: float) -> list[Flowable]:
    out = parts.heading("Identitas dan kontak", st["h2"])
    rows: list[tuple[str, str]] = []
    bookkeeping: list[tuple[str, str]] = []
    for key in _client_fields(client):
        if key in ("kabupaten", "notes", "search_text"):
            continue
        entry = (_client_label(key), _client_value(key, client[key], client))
        (bookkeeping if key in _RECORD_LABELS else rows).append(entry)
    out.append(
        parts.kv_pairs(
            rows + bookkeeping,
            width,
            label_style=st["label_cell"],
            value_style=st["cell"],
            label_w=37 * mm,
            across=True,
            fallback=True,
        )
    )
    notes = parts.lines(client.get("notes"), st["note"], label=f"{FIELD_LABELS['notes']}:")
    if notes:
        out.append(Spacer(1, 4))
        out.extend(notes)
    return out


def _purposes(consent: dict[str, Any]) -> str:
    chosen = [p.label_id for p, field in _PURPOSE_FIELDS.items() if consent.get(field)]
    return ", ".join(chosen) or "tidak ada keperluan"


def _consents(consents: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    out = parts.heading("Persetujuan", st["h2"])
    if not consents:
        out.append(_empty("Belum ada persetujuan yang dicatat.", st))
        return out
    rows: list[list[Any]] = [
        ["Tanggal", "Cara", "Keperluan yang disetujui", "Versi teks", "Dicatat oleh", "Ditarik"]
    ]
    for c in consents:
        purposes = _purposes(c)
        if c.get("note"):
            purposes += f"\nCatatan: {c['note']}"
        if c.get("withdrawn_on"):
            withdrawn = _date(c["withdrawn_on"])
            if c.get("withdrawn_by"):
                withdrawn += f"\noleh {c['withdrawn_by']}"
            if c.get("withdrawal_note"):
                withdrawn += f"\n{c['withdrawal_note']}"
        else:
            withdrawn = "Tidak"
        rows.append(
            [
                _date(c.get("given_on")),
                ConsentMethod.label_of(c.get("method")),
                purposes,
                _or_dash(c.get("text_version")),
                _or_dash(c.get("recorded_by")),
                withdrawn,
            ]
        )
    out.append(parts.table(rows, width))
    return out


def _workers(r: dict[str, Any]) -> str:
    def pair(male: Any, female: Any) -> str:
        if male is None and female is None:
            return ""
        return f"L {_or_dash(male)}, P {_or_dash(female)}"

    lines = []
    permanent = pair(r.get("workers_permanent_male"), r.get("workers_permanent_female"))
    if permanent:
        lines.append(f"Tetap: {permanent}")
    casual = pair(r.get("workers_nonpermanent_male"), r.get("workers_nonpermanent_female"))
    if casual:
        lines.append(f"Tidak tetap: {casual}")
    return "\n".join(lines) or DASH


def _size_records(records: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    out = parts.heading("Data usaha", st["h2"])
    if not records:
        out.append(_empty("Belum ada catatan omzet, modal, aset, atau tenaga kerja.", st))
        return out
    by_id = {r.get("id"): r for r in records}
    rows: list[list[Any]] = [
        ["Tanggal data", "Omzet per tahun", "Modal usaha", "Total aset", "Tenaga kerja",
         "Keterangan"]
    ]  # fmt: skip
    for r in records:
        notes = []
        if r.get("production_capacity"):
            notes.append(f"Kapasitas produksi: {r['production_capacity']}")
        if r.get("source"):
            notes.append(f"Sumber data: {r['source']}")
        if r.get("corrects_id"):
            old = by_id.get(r["corrects_id"])
            when = f" tanggal {_date(old.get('recorded_on'))}" if old else ""
            notes.append(f"Koreksi atas data{when}: {r.get('correction_reason') or DASH}")
        if r.get("superseded_by_id"):
            notes.append("Sudah diganti oleh koreksi")
        rows.append(
            [
                _date(r.get("recorded_on")),
                _money(r.get("omzet")),
                _money(r.get("modal")),
                _money(r.get("total_assets")),
                _workers(r),
                "\n".join(notes),
            ]
        )
    out.append(parts.table(rows, width, right=(1, 2, 3)))
    return out


def _licences(licences: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    out = parts.heading("Izin", st["h2"])
    if not licences:
        out.append(_empty("Belum ada izin yang dicatat.", st))
        return out
    overflow = _Overflow()
    rows: list[list[Any]] = [
        ["Jenis izin", "Nomor", "Status", "Tanggal terbit", "Berlaku sampai", "Catatan"]
    ]
    for r in licences:
        kind = LicenceKind.label_of(r.get("kind"))
        rows.append(
            [
                kind,
                _or_dash(r.get("number")),
                LicenceStatus.label_of(r.get("status")),
                _or_dash(_date(r.get("issued_on"))),
                _or_dash(_date(r.get("expires_on"))),
                overflow.cell(r.get("note"), about=f"Catatan izin {kind}"),
            ]
        )
    out.append(parts.table(rows, width))
    out.extend(overflow.flowables(st))
    return out


def _areas(values: Iterable[str] | None) -> str:
    return ", ".join(Area.label_of(a) for a in values or [])


def _session_block(number: int, s: dict[str, Any], st) -> list[Flowable]:
    bits = [
        f"<b>{text(f'Sesi {number}')} · {text(_date(s.get('held_on')))}</b>",
        text(SessionMode.label_of(s.get("mode"))),
        text(f"{s.get('minutes') or 0} menit"),
    ]
    if s.get("prep_minutes"):
        bits.append(text(f"persiapan {s['prep_minutes']} menit"))
    if s.get("areas"):
        bits.append(text(_areas(s["areas"])))
    if s.get("consultant"):
        bits.append(text(f"oleh {s['consultant']}"))
    block: list[Flowable] = [
        parts.Band(Paragraph(" · ".join(bits), st["band"]), space_before=7, space_after=3)
    ]
    for key in ("summary", "recommendations", "next_steps"):
        block.extend(parts.lines(s.get(key), st["note"], label=f"{FIELD_LABELS[key]}:"))
    if s.get("next_session_on"):
        block.append(
            Paragraph(
                f"<b>{text(FIELD_LABELS['next_session_on'])}:</b> "
                f"{text(_date(s['next_session_on']))}",
                st["note"],
            )
        )
    if len(block) == 1:
        block.append(Paragraph(text("Tidak ada catatan."), st["note"]))
    size = sum(len(str(s.get(k) or "")) for k in ("summary", "recommendations", "next_steps"))
    if size <= 1200:  # a short session is never cut in two
        return [KeepTogether(block)]
    return [CondPageBreak(30 * mm), *block]


def _follow_ups(items: list[dict[str, Any]], st, width: float) -> Table:
    rows: list[list[Any]] = [["No.", "Tindak lanjut", "Penanggung jawab", "Tenggat", "Selesai"]]
    for i, f in enumerate(items, start=1):
        rows.append(
            [
                f"{i}.",
                _or_dash(f.get("description")),
                FollowUpOwner.label_of(f.get("owner")),
                _or_dash(_date(f.get("due_on"))),
                _or_dash(_date(f.get("done_on"))),
            ]
        )
    return parts.table(rows, width)


def _referrals(items: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    overflow = _Overflow()
    rows: list[list[Any]] = [["Instansi dan keperluan", "Status", "Surat", "Tanggal"]]
    for i, r in enumerate(items, start=1):
        letters = r.get("letters") or []
        agency = next(
            (
                (letter.get("content") or {}).get("agency_name")
                for letter in letters
                if isinstance(letter.get("content"), dict)
                and (letter.get("content") or {}).get("agency_name")
            ),
            None,
        )
        who = r.get("agency") or agency or f"Instansi #{r.get('agency_id')}"
        purpose = r.get("purpose_label") or r.get("purpose")
        what = f"{who}\nKeperluan: {_or_dash(purpose)}"
        if r.get("note"):
            what += "\nCatatan: " + overflow.cell(r["note"], about=f"Catatan rujukan {i}")
        status = ReferralStatus.label_of(r.get("status"))
        if r.get("outcome"):
            status += "\nHasil: " + overflow.cell(r["outcome"], about=f"Hasil rujukan {i}")
        numbers = []
        for letter in letters:
            line = f"{letter.get('number')} ({_date(letter.get('issued_on'))})"
            if letter.get("cancelled_on"):
                line += f", dibatalkan {_date(letter['cancelled_on'])}"
                if letter.get("cancel_reason"):
                    line += f": {letter['cancel_reason']}"
            numbers.append(line)
        if not numbers and r.get("letter_number"):
            numbers.append(str(r["letter_number"]))
        dates = [
            ("Dibuat", r.get("created_on")),
            ("Dikirim", r.get("sent_on")),
            ("Dijawab", r.get("answered_on")),
            ("Selesai", r.get("completed_on")),
        ]
        rows.append(
            [
                what,
                status,
                "\n".join(numbers) or DASH,
                "\n".join(f"{label}{NBSP}{_date(d)}" for label, d in dates if d),
            ]
        )
    return [parts.table(rows, width), *overflow.flowables(st)]


def _case(number: int, total: int, case: dict[str, Any], st, width: float) -> list[Flowable]:
    out: list[Flowable] = [
        CondPageBreak(60 * mm),
        Paragraph(f"Kasus {number} dari {total}: {text(case.get('title'))}", st["h3"]),
    ]
    status = CaseStatus.label_of(case.get("status"))
    if case.get("closed_reason"):
        status += f" ({case['closed_reason']})"
    facts = [
        ("Status", status),
        ("Konsultan", _or_dash(case.get("consultant"))),
        ("Tanggal dibuka", _or_dash(_date(case.get("opened_on")))),
        ("Tanggal ditutup", _or_dash(_date(case.get("closed_on")))),
        ("Bidang", _or_dash(_areas(case.get("areas")))),
        ("Aktivitas terakhir", _or_dash(_date(case.get("last_activity_on")))),
    ]
    if case.get("archived_at"):
        facts.append(("Diarsipkan pada", _moment(case["archived_at"])))
    out.append(
        parts.kv_pairs(
            facts,
            width,
            label_style=st["label_cell"],
            value_style=st["cell"],
            label_w=37 * mm,
            across=True,
            fallback=True,
        )
    )
    goal = parts.lines(case.get("goal"), st["note"], label="Tujuan:")
    if goal:
        out.append(Spacer(1, 4))
        out.extend(goal)

    changes = case.get("status_changes") or []
    if changes:
        rows: list[list[Any]] = [["Tanggal", "Dari", "Menjadi", "Alasan"]]
        for ch in changes:
            rows.append(
                [
                    _date(ch.get("changed_on")),
                    _or_dash(CaseStatus.label_of(ch.get("from_status"))),
                    CaseStatus.label_of(ch.get("to_status")),
                    _or_dash(ch.get("reason")),
                ]
            )
        out.append(CondPageBreak(25 * mm))
        out.append(Paragraph("Riwayat status", st["h3"]))
        out.append(parts.table(rows, width))

    sessions = case.get("sessions") or []
    out.extend(parts.heading(f"Sesi pendampingan ({len(sessions)})", st["h3"]))
    if not sessions:
        out.append(_empty("Belum ada sesi.", st))
    for i, s in enumerate(sessions, start=1):
        out.extend(_session_block(i, s, st))

    follow_ups = case.get("follow_ups") or []
    out.extend(parts.heading("Tindak lanjut", st["h3"]))
    out.append(
        _follow_ups(follow_ups, st, width) if follow_ups else _empty("Tidak ada tindak lanjut.", st)
    )
    referrals = case.get("referrals") or []
    out.extend(parts.heading("Rujukan", st["h3"]))
    if referrals:
        out.extend(_referrals(referrals, st, width))
    else:
        out.append(_empty("Tidak ada rujukan.", st))
    return out


def _cases(cases: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    out = parts.heading("Kasus", st["h2"])
    if not cases:
        out.append(_empty("Belum ada kasus pendampingan.", st))
    for i, case in enumerate(cases, start=1):
        out.extend(_case(i, len(cases), case, st, width))
    return out


def _outcomes(outcomes: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    out = parts.heading("Hasil", st["h2"])
    if not outcomes:
        out.append(_empty("Belum ada hasil yang dicatat.", st))
        return out
    overflow = _Overflow()
    rows: list[list[Any]] = [["Tanggal", "Jenis", "Jumlah", "Keterangan"]]
    for i, o in enumerate(outcomes, start=1):
        details = []
        if o.get("institution"):
            details.append(str(o["institution"]))
        if o.get("scheme"):
            details.append(f"skema {FinancingScheme.label_of(o['scheme'])}")
        if o.get("channel"):
            details.append(f"saluran {Channel.label_of(o['channel'])}")
        if o.get("licence_kind"):
            details.append(f"izin {LicenceKind.label_of(o['licence_kind'])}")
        if o.get("jobs"):
            details.append(f"{o['jobs']} tenaga kerja baru")
        if o.get("amount_requested") is not None:
            details.append(f"diajukan {format_rupiah(o['amount_requested'])}")
        if o.get("case_id"):
            details.append(f"kasus #{o['case_id']}")
        line = "; ".join(details)
        if o.get("note"):
            note = overflow.cell(o["note"], about=f"Catatan hasil {i}")
            line = f"{line}\n{note}" if line else note
        rows.append(
            [
                _date(o.get("occurred_on")),
                OutcomeKind.label_of(o.get("kind")),
                _money(o.get("amount")),
                line,
            ]
        )
    out.append(parts.table(rows, width, right=(2,)))
    out.extend(overflow.flowables(st))
    return out


def _what(event: dict[str, Any]) -> str:
    entity = str(event.get("entity") or "")
    label = ENTITY_LABELS.get(entity, entity)
    if event.get("record_id") is not None:
        label += f" #{event['record_id']}"
    detail = event.get("detail") if isinstance(event.get("detail"), dict) else {}
    if detail.get("file"):
        label += f" ({detail['file']})"
    return label


def _history(events: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    out = parts.heading("Riwayat pengolahan", st["h2"])
    out.append(
        Paragraph(
            text(
                "Setiap kali data Anda dibuat, diubah, dicetak, diekspor, atau dikirim keluar "
                "dari komputer klinik (waktu setempat)."
            ),
            st["muted"],
        )
    )
    out.append(Spacer(1, 3))
    if not events:
        out.append(_empty("Belum ada riwayat pengolahan.", st))
        return out
    rows: list[list[Any]] = [["Waktu", "Oleh", "Tindakan", "Data", "Isian", "Keluar"]]
    for e in events:
        action = e.get("action_label") or AuditAction.label_of(e.get("action"))
        fields = ", ".join(_field_label(f) for f in e.get("fields") or [])
        rows.append(
            [
                _moment(e.get("at")),
                _or_dash(e.get("by")),
                action,
                _what(e),
                _or_dash(fields),
                YES if e.get("left_the_machine") else NO,
            ]
        )
    out.append(parts.table(rows, width))
    return out


# --- the document ------------------------------------------------------------------------------


def build_access_report(data: dict[str, Any], *, clinic: dict[str, Any]) -> bytes:
    """The readable copy of ``client_data`` (see klinik.services.readmodels) as PDF bytes."""
    st = _styles()
    width = content_width()
    client = data.get("client") or {}
    clinic_name = str(clinic.get("clinic_name") or "").strip() or "Klinik Bisnis"
    created = _local(data.get("created")) or datetime.now()
    business = str(client.get("business_name") or "").strip()
    owner = str(client.get("owner_name") or "").strip()

    story: list[Flowable] = [*letterhead(clinic, width)]
    story.append(Paragraph(TITLE, st["title"]))
    if business:
        story.append(Paragraph(f"<b>{text(business)}</b>", st["subtitle"]))
    if owner:
        story.append(Paragraph(text(f"Pemilik data: {owner}"), st["subtitle"]))
    story.append(
        Paragraph(
            text(
                f"Dokumen ini adalah salinan seluruh data pribadi yang disimpan {clinic_name} "
                "tentang pemilik data dan usahanya, dibuat atas permintaan pemilik data sesuai "
                "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi. "
                f"Dibuat pada {format_datetime(created)}. Isi yang sama diserahkan juga sebagai "
                "berkas JSON yang dapat dibaca komputer."
            ),
            st["intro"],
        )
    )
    story.extend(_identity(client, st, width))
    story.extend(_consents(data.get("consents") or [], st, width))
    story.extend(_size_records(data.get("size_records") or [], st, width))
    story.extend(_licences(data.get("licences") or [], st, width))
    story.extend(_cases(data.get("cases") or [], st, width))
    story.extend(_outcomes(data.get("outcomes") or [], st, width))
    story.extend(_history(data.get("processing_history") or [], st, width))

    name = business or owner or f"Klien #{client.get('id')}"
    return render_pdf(
        story,
        title=f"Salinan Data Pribadi — {name}",
        subject="Salinan data pribadi (UU PDP No. 27/2022)",
        author=clinic_name,
        footer_left=clinic_name,
        printed_on=created.date(),
    )
