"""Salinan Data Pribadi: the readable copy of everything the store holds about one client.

Printed for the data owner on an access request (UU PDP No. 27/2022), from the dict of
``klinik.services.privacy.client_data`` (the same content as the JSON file next to it):
identity and contact, consents, business size records, licences, cases with their
sessions, follow-ups and referrals, outcomes, and the processing history.

Nothing is shortened: free text that could be too tall for a table cell is set under the
table, and session notes are one paragraph per line, so text of any length flows onto the
next pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from klinik.db.models import Client
from klinik.domain.formatting import format_date, format_datetime, format_rupiah
from klinik.domain.identifiers import format_phone
from klinik.domain.vocab import (
    Area,
    AuditAction,
    CaseStatus,
    Channel,
    ConsentMethod,
    ConsentPurpose,
    Education,
    FinancingScheme,
    FollowUpOwner,
    Gender,
    LegalForm,
    LicenceKind,
    LicenceStatus,
    OutcomeKind,
    ReferralStatus,
    SessionMode,
    Vocab,
)
from klinik.reports.base import (
    ACCENT,
    FONT_BOLD,
    GRID,
    HEAD_BG,
    NBSP,
    column_widths,
    content_width,
    grid_table,
    letterhead,
    render_pdf,
    styles,
    text,
    words_fit,
)
from klinik.services.audit import ENTITY_LABELS
from klinik.services.validation import FIELD_LABELS

TITLE = "SALINAN DATA PRIBADI"
DASH = "–"
YES, NO = "Ya", "Tidak"

# Client fields that FIELD_LABELS does not name (the record's own bookkeeping).
_RECORD_LABELS = {
    "id": "Nomor klien",
    "uid": "Kode rekaman",
    "created_at": "Dicatat pada",
    "updated_at": "Terakhir diubah",
}
# Field names of the processing history that FIELD_LABELS does not name.
_MORE_FIELD_LABELS = {
    "superseded_by_id": "Diganti oleh koreksi",
    "corrects_id": "Koreksi atas data",
    "closed_on": "Tanggal ditutup",
    "closed_reason": "Alasan ditutup",
    "last_activity_on": "Aktivitas terakhir",
    "done_on": "Tanggal selesai",
    "sent_on": "Tanggal dikirim",
    "answered_on": "Tanggal dijawab",
    "completed_on": "Tanggal selesai",
    "letter_number": "Nomor surat",
    "year": "Tahun",
    "seq": "Nomor urut",
    "referral_id": "Rujukan",
    "cancelled_on": "Tanggal dibatalkan",
    "cancel_reason": "Alasan pembatalan",
    "file_name": "Berkas",
    "sha256": "Sidik berkas",
    "withdrawn_by_id": "Ditarik oleh",
    "from_status": "Status lama",
    "to_status": "Status baru",
    "changed_on": "Tanggal perubahan",
    **_RECORD_LABELS,
}
# The same word names a sales channel and a readiness item ("Media sosial"): say which.
_CLIENT_PREFIXES = (("sells_", "Saluran"), ("has_", "Kesiapan"))
# Stored vocabulary values shown by their Indonesian label.
_CLIENT_VOCABS: dict[str, type[Vocab]] = {
    "gender": Gender,
    "education": Education,
    "legal_form": LegalForm,
}
_PURPOSE_FIELDS = {
    ConsentPurpose.MENTORING: "for_mentoring",
    ConsentPurpose.REFERRAL: "for_referral",
    ConsentPurpose.SHARING: "for_sharing",
}
# Free text longer than this (or with more lines) is set under its table, not in a cell: a
# table cell can never be taller than a page.
_CELL_MAX_CHARS = 600
_CELL_MAX_LINES = 10
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- values ------------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _or_dash(value: Any) -> str:
    return DASH if _blank(value) else str(value)


def _date(value: Any) -> str:
    """An ISO date (or date-time) as an Indonesian date; anything else as it is."""
    if _blank(value):
        return ""
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    raw = str(value)
    if _ISO_DATE.fullmatch(raw[:10]):
        try:
            return format_date(date.fromisoformat(raw[:10]))
        except ValueError:
            return raw
    return raw


def _local(value: Any) -> datetime | None:
    """A stored UTC time (ISO text or datetime) in the machine's time zone."""
    if _blank(value):
        return None
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None)


def _moment(value: Any) -> str:
    """A stored UTC time as "20 Mei 2021 14.05", local time."""
    local = _local(value)
    return format_datetime(local) if local else ("" if _blank(value) else str(value))


def _phone(value: Any) -> str:
    return format_phone(str(value)) if not _blank(value) else ""


def _client_value(key: str, value: Any, client: dict[str, Any]) -> str:
    if isinstance(value, bool):
        return YES if value else NO
    if _blank(value):
        return DASH
    if key in _CLIENT_VOCABS:
        return _CLIENT_VOCABS[key].label_of(value)
    if key in ("phone", "whatsapp"):
        return _phone(value)
    if key == "kabupaten_code":
        name = client.get("kabupaten")
        return f"{name} ({value})" if name else str(value)
    if key.endswith("_at"):
        return _moment(value)
    if key.endswith("_on") or key == "birth_date":
        return _date(value)
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def _field_label(field: str) -> str:
    return FIELD_LABELS.get(field) or _MORE_FIELD_LABELS.get(field) or field


def _client_label(field: str) -> str:
    for prefix, group in _CLIENT_PREFIXES:
        if field.startswith(prefix) and field in FIELD_LABELS:
            return f"{group}: {FIELD_LABELS[field]}"
    return FIELD_LABELS.get(field) or _RECORD_LABELS.get(field) or field


def _client_fields(client: dict[str, Any]) -> list[str]:
    """The client's fields in the order of the form (the model's order), then any other."""
    order = [f for f in Client.model_fields if f in client]
    return order + [f for f in client if f not in order]


def _money(value: Any) -> str:
    return DASH if value is None else format_rupiah(value)


# --- layout helpers ----------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    st = dict(styles())
    body = st["body"]
    st["h3"] = ParagraphStyle(
        "h3",
        parent=body,
        fontName=FONT_BOLD,
        fontSize=10,
        leading=13,
        spaceBefore=8,
        spaceAfter=3,
        textColor=ACCENT,
    )
    st["subtitle"] = ParagraphStyle("subtitle", parent=body, fontSize=10.5, leading=14)
    st["intro"] = ParagraphStyle("intro", parent=st["justify"], spaceBefore=4, spaceAfter=2)
    st["band"] = ParagraphStyle("band", parent=body, fontSize=9, leading=12)
    st["note"] = ParagraphStyle(
        "note", parent=body, fontSize=9, leading=12.5, leftIndent=4 * mm, spaceAfter=1.5
    )
    st["label_cell"] = ParagraphStyle(
        "label_cell", parent=st["cell"], textColor=colors.HexColor("#5f6368")
    )
    st["head_right"] = ParagraphStyle("head_right", parent=st["cell_head"], alignment=TA_RIGHT)
    return st  # fmt: skip


def _lines(value: Any, style: ParagraphStyle, *, label: str = "") -> list[Flowable]:
    """Long user text as one paragraph per line, so it flows across pages; ``label`` in bold
    before the first line."""
    raw = ("" if value is None else str(value)).replace("\r\n", "\n").replace("\r", "\n")
    lines = raw.strip("\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    out: list[Flowable] = []
    prefix = f"<b>{text(label)}</b> " if label else ""
    for i, line in enumerate(lines):
        if not line.strip():
            out.append(Spacer(1, style.leading * 0.4))
            continue
        out.append(Paragraph((prefix if i == 0 else "") + text(line), style))
    return out


class _Overflow:
    """Free text for table cells: short text stays in its cell; long text gets a reference
    mark there ("lihat [2] di bawah tabel") and is set in full under the table."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, str]] = []

    def cell(self, value: Any, *, about: str) -> str:
        content = "" if value is None else str(value).strip()
        if len(content) <= _CELL_MAX_CHARS and content.count("\n") < _CELL_MAX_LINES:
            return content
        mark = f"[{len(self.items) + 1}]"
        self.items.append((mark, about, content))
        first = content.split("\n", 1)[0].strip()
        excerpt = first if len(first) <= 80 else first[:80].rstrip()
        return f"{excerpt} … (lengkapnya: {mark} di bawah tabel)"

    def flowables(self, st: dict[str, ParagraphStyle]) -> list[Flowable]:
        out: list[Flowable] = []
        for mark, about, content in self.items:
            out.append(Spacer(1, 3))
            out.extend(_lines(content, st["note"], label=f"{mark} {about}:"))
        return out


def _table(rows: list[list[Any]], width: float, st: dict[str, ParagraphStyle], right=()) -> Table:
    """``grid_table`` whose right-aligned columns have right-aligned headings too; columns
    sized from their content within ``width``, so no word is cut ("Dicetak/PDF")."""
    head = [
        Paragraph(text(v), st["head_right"]) if c in right else v for c, v in enumerate(rows[0])
    ]
    return grid_table([head, *rows[1:]], None, right_columns=right, width=width)


def _kv(rows: list[tuple[str, str]], st: dict[str, ParagraphStyle], width: float) -> Table:
    """Label/value pairs, two pairs a row, read left to right then down; one pair a row
    when the widest values could not print whole side by side."""
    label_w = 37 * mm
    value_w = width / 2 - label_w
    pairs = list(rows)
    if len(pairs) % 2:
        pairs.append(("", ""))
    cells = []
    for i in range(0, len(pairs), 2):
        row: list[Any] = []
        for label, value in pairs[i : i + 2]:
            row.append(Paragraph(text(label), st["label_cell"]))
            row.append(Paragraph(text(value), st["cell"]))
        cells.append(row)
    padding = [12, 12, 16, 12]
    if not words_fit(cells, width, padding=padding):
        # A value too long to sit beside another pair (a long e-mail and a record code):
        # one pair a row, so every word still prints whole.
        cells = [
            [Paragraph(text(label), st["label_cell"]), Paragraph(text(value), st["cell"])]
            for label, value in rows
        ]
        widths = column_widths(cells, width, preferred=[label_w, width - label_w])
        padding = [12, 12]
    else:
        widths = column_widths(
            cells, width, preferred=[label_w, value_w, label_w, value_w], padding=padding
        )
    table = Table(cells, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
            + ([("LEFTPADDING", (2, 0), (2, -1), 10)] if len(padding) == 4 else [])
        )
    )
    return table


def _heading(title: str, style: ParagraphStyle, keep: float = 30 * mm) -> list[Flowable]:
    """A heading that is never left alone at the foot of a page."""
    return [CondPageBreak(keep), Paragraph(text(title), style)]


def _empty(message: str, st: dict[str, ParagraphStyle]) -> Paragraph:
    return Paragraph(text(message), st["muted"])


class _Band(Flowable):
    """A paragraph on a shaded band as wide as the column: a session's heading line."""

    _pad_x, _pad_top, _pad_bottom = 6.0, 2.5, 3.5

    def __init__(self, paragraph: Paragraph):
        super().__init__()
        self.paragraph = paragraph
        self.spaceBefore, self.spaceAfter = 7, 3

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, height = self.paragraph.wrap(avail_width - 2 * self._pad_x, avail_height)
        self.width, self.height = avail_width, height + self._pad_top + self._pad_bottom
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setFillColor(HEAD_BG)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        self.canv.restoreState()
        self.paragraph.drawOn(self.canv, self._pad_x, self._pad_bottom)


# --- sections ----------------------------------------------------------------------------------


def _identity(client: dict[str, Any], st, width: float) -> list[Flowable]:
    out = _heading("Identitas dan kontak", st["h2"])
    rows: list[tuple[str, str]] = []
    bookkeeping: list[tuple[str, str]] = []
    for key in _client_fields(client):
        if key in ("kabupaten", "notes", "search_text"):
            continue
        entry = (_client_label(key), _client_value(key, client[key], client))
        (bookkeeping if key in _RECORD_LABELS else rows).append(entry)
    out.append(_kv(rows + bookkeeping, st, width))
    notes = _lines(client.get("notes"), st["note"], label=f"{FIELD_LABELS['notes']}:")
    if notes:
        out.append(Spacer(1, 4))
        out.extend(notes)
    return out


def _purposes(consent: dict[str, Any]) -> str:
    chosen = [p.label_id for p, field in _PURPOSE_FIELDS.items() if consent.get(field)]
    return ", ".join(chosen) or "tidak ada keperluan"


def _consents(consents: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    out = _heading("Persetujuan", st["h2"])
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
    out.append(_table(rows, width, st))
    return out


def _workers(r: dict[str, Any]) -> str:
    def pair(male: Any, female: Any) -> str:
        if male is None and female is None:
            return ""
        return f"L {_or_dash(male)}, P {_or_dash(female)}"

    parts = []
    permanent = pair(r.get("workers_permanent_male"), r.get("workers_permanent_female"))
    if permanent:
        parts.append(f"Tetap: {permanent}")
    casual = pair(r.get("workers_nonpermanent_male"), r.get("workers_nonpermanent_female"))
    if casual:
        parts.append(f"Tidak tetap: {casual}")
    return "\n".join(parts) or DASH


def _size_records(records: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    out = _heading("Data usaha", st["h2"])
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
    out.append(_table(rows, width, st, right=(1, 2, 3)))
    return out


def _licences(licences: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    out = _heading("Izin", st["h2"])
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
    out.append(_table(rows, width, st))
    out.extend(overflow.flowables(st))
    return out


def _areas(values: Iterable[str] | None) -> str:
    return ", ".join(Area.label_of(a) for a in values or [])


def _session_block(number: int, s: dict[str, Any], st) -> list[Flowable]:
    parts = [
        f"<b>{text(f'Sesi {number}')} · {text(_date(s.get('held_on')))}</b>",
        text(SessionMode.label_of(s.get("mode"))),
        text(f"{s.get('minutes') or 0} menit"),
    ]
    if s.get("prep_minutes"):
        parts.append(text(f"persiapan {s['prep_minutes']} menit"))
    if s.get("areas"):
        parts.append(text(_areas(s["areas"])))
    if s.get("consultant"):
        parts.append(text(f"oleh {s['consultant']}"))
    block: list[Flowable] = [_Band(Paragraph(" · ".join(parts), st["band"]))]
    for key in ("summary", "recommendations", "next_steps"):
        block.extend(_lines(s.get(key), st["note"], label=f"{FIELD_LABELS[key]}:"))
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
    return _table(rows, width, st)


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
    return [_table(rows, width, st), *overflow.flowables(st)]


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
    out.append(_kv(facts, st, width))
    goal = _lines(case.get("goal"), st["note"], label="Tujuan:")
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
        out.append(_table(rows, width, st))

    sessions = case.get("sessions") or []
    out.extend(_heading(f"Sesi pendampingan ({len(sessions)})", st["h3"]))
    if not sessions:
        out.append(_empty("Belum ada sesi.", st))
    for i, s in enumerate(sessions, start=1):
        out.extend(_session_block(i, s, st))

    follow_ups = case.get("follow_ups") or []
    out.extend(_heading("Tindak lanjut", st["h3"]))
    out.append(
        _follow_ups(follow_ups, st, width) if follow_ups else _empty("Tidak ada tindak lanjut.", st)
    )
    referrals = case.get("referrals") or []
    out.extend(_heading("Rujukan", st["h3"]))
    if referrals:
        out.extend(_referrals(referrals, st, width))
    else:
        out.append(_empty("Tidak ada rujukan.", st))
    return out


def _cases(cases: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    out = _heading("Kasus", st["h2"])
    if not cases:
        out.append(_empty("Belum ada kasus pendampingan.", st))
    for i, case in enumerate(cases, start=1):
        out.extend(_case(i, len(cases), case, st, width))
    return out


def _outcomes(outcomes: list[dict[str, Any]], st, width: float) -> list[Flowable]:
    out = _heading("Hasil", st["h2"])
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
    out.append(_table(rows, width, st, right=(2,)))
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
    out = _heading("Riwayat pengolahan", st["h2"])
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
    out.append(_table(rows, width, st))
    return out


# --- the document ------------------------------------------------------------------------------


def build_access_report(data: dict[str, Any], *, clinic: dict[str, Any]) -> bytes:
    """The readable copy of ``client_data`` (see klinik.services.privacy) as PDF bytes."""
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
