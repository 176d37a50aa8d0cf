"""Ringkasan Pendampingan: the mentoring summary of one case, or of a client across its cases.

Printed for the client or a funder: the business profile (NIK masked), the licence path, the
size history with "naik kelas", every session held, follow-ups, referrals, outcomes, totals,
and the consultant's signature. Sessions dated after the print date are planned sessions:
listed on their own and never counted in the totals.

Long notes are laid out as one paragraph per line directly in the story (never inside a table
cell), so a note of any length flows onto the next page instead of raising LayoutError.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlmodel import Session, select

from klinik.db.audit import record_event
from klinik.db.models import (
    Agency,
    Case,
    Client,
    Consultant,
    MentoringSession,
    ReferralPurpose,
)
from klinik.domain.formatting import format_date, format_hours, format_rupiah
from klinik.domain.identifiers import format_bpom, format_phone, format_pirt, mask_nik
from klinik.domain.places import full_address
from klinik.domain.sessions import is_held, is_planned
from klinik.domain.vocab import (
    Area,
    CaseStatus,
    Channel,
    FinancingScheme,
    FollowUpOwner,
    LegalForm,
    LicenceKind,
    LicenceStatus,
    OutcomeKind,
    ReferralStatus,
    SessionMode,
)
from klinik.reports.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    GRID,
    HEAD_BG,
    MARGIN,
    NBSP,
    PAGE,
    column_widths,
    content_width,
    grid_table,
    letterhead,
    render_pdf,
    signature,
    styles,
    text,
)
from klinik.services.cases import CaseDetail, case_detail
from klinik.services.clients import (
    LICENCE_PATH,
    ClientRecord,
    LicenceCheck,
    SizeRow,
    client_record,
    licence_checklist,
)
from klinik.services.outcomes import list_outcomes
from klinik.services.sessions import session_areas
from klinik.services.settings import get_settings

TITLE = "RINGKASAN PENDAMPINGAN"
DASH = "–"  # shown for a value that was never recorded (DOMAIN.md: never invent data)
NAIK_BG = colors.HexColor("#e3f2e6")
NAIK_HEX = "#1e6b34"
NAIK_FG = colors.HexColor(NAIK_HEX)


# --- small helpers --------------------------------------------------------------------------


def _or_dash(value: Any) -> str:
    return DASH if value is None or str(value).strip() == "" else str(value)


def _licence_number(kind: str, number: str | None) -> str:
    if not number:
        return ""
    printers: dict[str, Callable[[str], str]] = {
        LicenceKind.SPP_IRT.value: format_pirt,
        LicenceKind.BPOM_MD.value: format_bpom,
        LicenceKind.BPOM_ML.value: format_bpom,
    }
    printer = printers.get(kind)
    if printer is None:
        return number
    try:
        return printer(number)
    except Exception:  # a stored number that no longer parses still prints as stored
        return number


def _hours(minutes: int) -> str:
    """Minutes as hours with up to two decimals, as funders count them: '18,5 jam'."""
    return f"{format_hours(minutes, 2)} jam"


def _duration(minutes: int) -> str:
    """'18 jam 30 menit'; under an hour '45 menit'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} menit"
    return f"{hours} jam" + (f" {rest} menit" if rest else "")


def _period(start: date, end: date | None) -> str:
    if end is None:
        return f"{format_date(start)} {DASH} sekarang"
    if end == start:
        return format_date(start)
    return f"{format_date(start)} {DASH} {format_date(end)}"


@dataclasses.dataclass
class _Styles:
    base: dict[str, ParagraphStyle]
    h3: ParagraphStyle
    subtitle: ParagraphStyle
    session_head: ParagraphStyle
    note: ParagraphStyle
    caption: ParagraphStyle
    goal: ParagraphStyle
    label_cell: ParagraphStyle
    sentence: ParagraphStyle

    def __getitem__(self, key: str) -> ParagraphStyle:
        return self.base[key]


def _styles() -> _Styles:
    st = styles()
    body = st["body"]
    return _Styles(
        base=st,
        h3=ParagraphStyle(
            "h3", parent=body, fontName=FONT_BOLD, fontSize=10, leading=13, spaceBefore=8,
            spaceAfter=3, textColor=ACCENT,
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=body, fontSize=10.5, leading=14, spaceAfter=2
        ),
        session_head=ParagraphStyle(
            "session_head", parent=body, fontSize=9, leading=12
        ),
        note=ParagraphStyle(
            "note", parent=body, fontSize=9, leading=12.5, leftIndent=4 * mm, spaceAfter=1.5,
            alignment=TA_LEFT,
        ),
        goal=ParagraphStyle(
            "goal", parent=body, fontSize=9, leading=12.5, spaceAfter=1.5, leftIndent=6
        ),
        caption=ParagraphStyle("caption", parent=st["muted"], spaceAfter=3),
        label_cell=ParagraphStyle(
            "label_cell", parent=st["cell"], textColor=colors.HexColor("#5f6368")
        ),
        sentence=ParagraphStyle(
            "sentence", parent=body, fontSize=9.5, leading=13, spaceBefore=5
        ),
    )  # fmt: skip


def _lines(value: str | None, style: ParagraphStyle, *, label: str = "") -> list[Flowable]:
    """Long user text as one paragraph per line, so it can flow across pages; ``label`` is
    set in bold before the first line."""
    raw = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = raw.split("\n")
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
        content = text(line)
        out.append(Paragraph((prefix if i == 0 else "") + content, style))
    return out


def _table(rows: list[list[Any]], width: float, right: tuple[int, ...] = ()) -> Table:
    """``grid_table`` whose right-aligned columns have right-aligned headings too; the
    columns are sized from their content within ``width``."""
    st = styles()
    head_right = ParagraphStyle("cell_head_right", parent=st["cell_head"], alignment=TA_RIGHT)
    head = [
        Paragraph(text(value), head_right) if c in right else value
        for c, value in enumerate(rows[0])
    ]
    return grid_table([head, *rows[1:]], None, right_columns=right, width=width)


def _kv_table(
    rows: list[tuple[str, Any]], st: _Styles, width: float, label_w: float = 28 * mm
) -> Table:
    """Label and value pairs in two columns each (four columns in all)."""
    value_w = width / 2 - label_w
    cells = []
    pairs = list(rows)
    if len(pairs) % 2:
        pairs.append(("", ""))
    half = len(pairs) // 2
    for left, right in zip(pairs[:half], pairs[half:], strict=True):
        row = []
        for label, value in (left, right):
            row.append(Paragraph(text(label), st.label_cell))
            row.append(value if isinstance(value, Flowable) else Paragraph(text(value), st["cell"]))
        cells.append(row)
    widths = column_widths(
        cells, width, preferred=[label_w, value_w, label_w, value_w], padding=[12, 12, 16, 12]
    )
    table = Table(cells, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (2, 0), (2, -1), 10),
            ]
        )
    )
    return table


def _heading(title: str, style: ParagraphStyle) -> list[Flowable]:
    """A heading (plain text) that is never left alone at the foot of a page."""
    return [CondPageBreak(30 * mm), Paragraph(text(title), style)]


def _section(
    title: str,
    style: ParagraphStyle,
    table: Table | None,
    st: _Styles,
    *,
    caption: str = "",
    empty: str = "",
) -> list[Flowable]:
    """A heading, an optional caption, and the table (or, without one, the ``empty`` line)."""
    head: list[Flowable] = [Paragraph(text(title), style)]
    if caption:
        head.append(Paragraph(text(caption), st.caption))
    if table is None:
        return [CondPageBreak(30 * mm), *head, Paragraph(text(empty), st["muted"])]
    return [_Headed(head, table)]


class _Headed(Flowable):
    """A heading (and its caption) with the table under it, kept together: the heading
    starts a new page unless at least the table's first rows fit below it; a long table
    still splits page by page, repeating its header row."""

    def __init__(self, head: list[Flowable], table: Table):
        super().__init__()
        self.head, self.table = head, table
        self.spaceBefore = head[0].getSpaceBefore()

    def _head_heights(self, avail_width: float, avail_height: float) -> list[float]:
        heights = []
        for i, flowable in enumerate(self.head):
            _, height = flowable.wrap(avail_width, avail_height)
            if i:
                height += flowable.getSpaceBefore()
            heights.append(height + flowable.getSpaceAfter())
        return heights

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heights = self._head_heights(avail_width, avail_height)
        _, self._table_height = self.table.wrap(avail_width, avail_height)
        self.width = avail_width
        self.height = sum(self._heights) + self._table_height
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        head_height = sum(self._head_heights(avail_width, avail_height))
        parts = self.table.split(avail_width, avail_height - head_height)
        if not parts:
            return []  # not even the first rows fit: all of it goes to the next page
        return [*self.head, *parts]

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)
        y = self._table_height
        for flowable, height in zip(reversed(self.head), reversed(self._heights), strict=True):
            y += height
            top_space = 0 if flowable is self.head[0] else flowable.getSpaceBefore()
            flowable.drawOn(self.canv, 0, y - top_space - flowable.height)


def _kv_list(
    rows: list[tuple[str, Any]], st: _Styles, width: float, label_w: float = 38 * mm
) -> Table:
    """Label and value pairs, one pair a row; the value may be long."""
    cells = [
        [
            Paragraph(text(label), st.label_cell),
            value if isinstance(value, Flowable) else Paragraph(text(value), st["cell"]),
        ]
        for label, value in rows
    ]
    table = Table(
        cells, colWidths=column_widths(cells, width, preferred=[label_w, width - label_w])
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


# --- sections -------------------------------------------------------------------------------


def _profile(record: ClientRecord, st: _Styles, width: float) -> list[Flowable]:
    client = record.client
    address = full_address(client.address, client.kelurahan, client.kecamatan, record.kabupaten)
    phones = []
    if client.phone:
        phones.append(format_phone(client.phone))
    if client.whatsapp and client.whatsapp != client.phone:
        phones.append(f"WA {format_phone(client.whatsapp)}")
    rows = [
        ("Nama usaha", client.business_name),
        ("Pemilik", _or_dash(client.owner_name)),
        ("NIK", _or_dash(mask_nik(client.nik))),
        ("NIB", _or_dash(client.nib)),
        ("Produk", _or_dash(client.products)),
        ("Bentuk usaha", _or_dash(LegalForm.label_of(client.legal_form))),
        ("Telepon", _or_dash(", ".join(phones))),
        ("Mulai usaha", _or_dash(client.year_started)),
    ]
    out = _section("Profil Usaha", st["h2"], _kv_table(rows, st, width), st)
    out.append(_kv_list([("Alamat", _or_dash(address))], st, width, label_w=28 * mm))
    return out


def _licences(
    checks: list[LicenceCheck], record: ClientRecord, st: _Styles, width: float
) -> list[Flowable]:
    rows: list[list[Any]] = [["Tahap", "Izin", "Status", "Nomor", "Berlaku sampai"]]
    for i, check in enumerate(checks, start=1):
        status = LicenceStatus.label_of(check.status) if check.status else "Belum"
        number = _licence_number(check.kind, check.number) or "belum"
        rows.append([str(i), check.label, status, number, format_date(check.expires_on)])
    path = {k.value for k in LICENCE_PATH}
    others = [lic for lic in record.licences if lic.kind not in path]
    for lic in others:
        rows.append(
            [
                "Lain",
                LicenceKind.label_of(lic.kind),
                LicenceStatus.label_of(lic.status),
                _licence_number(lic.kind, lic.number) or "belum",
                format_date(lic.expires_on),
            ]
        )
    table = grid_table(rows, None, width=width)
    obtained = [r for r in range(1, len(rows)) if rows[r][2] == LicenceStatus.OBTAINED.label_id]
    if obtained:
        table.setStyle(TableStyle([("TEXTCOLOR", (2, r), (2, r), NAIK_FG) for r in obtained]))
    caption = "Urutan perizinan usaha pangan: NIB, SPP-IRT, sertifikat halal, BPOM MD."
    return _section("Perizinan", st["h2"], table, st, caption=caption)


def _naik_sentence(history: list[SizeRow]) -> str:
    known = [r for r in history if r.size_class is not None]
    if len(known) < 2:
        return (
            "Belum dapat dinilai apakah usaha ini naik kelas: perlu paling sedikit dua "
            "catatan omzet atau modal usaha yang bertanggal."
        )
    first, last = known[0], known[-1]
    when = f"{format_date(first.recorded_on)} dan {format_date(last.recorded_on)}"
    if last.size_class.rank > first.size_class.rank:
        return (
            f"Usaha ini naik kelas: dari usaha {first.size_class.label} "
            f"({format_date(first.recorded_on)}) menjadi usaha {last.size_class.label} "
            f"({format_date(last.recorded_on)})."
        )
    if last.size_class.rank < first.size_class.rank:
        return (
            f"Usaha ini belum naik kelas: kelasnya turun dari {first.size_class.label} "
            f"menjadi {last.size_class.label} antara {when}."
        )
    return f"Usaha ini belum naik kelas: tetap usaha {last.size_class.label} antara {when}."


def _size_history(history: list[SizeRow], st: _Styles, width: float) -> list[Flowable]:
    title = "Perkembangan Usaha"
    if not history:
        out = _section(
            title, st["h2"], None, st, empty="Belum ada catatan omzet, modal, atau tenaga kerja."
        )
        out.append(Paragraph(text(_naik_sentence(history)), st.sentence))
        return out
    rows: list[list[Any]] = [
        ["Tanggal", "Omzet per tahun", "Modal usaha", "Tenaga kerja", "Kelas", "Keterangan"]
    ]
    marked = []
    for row in history:
        marks = []
        if row.naik_kelas:
            marks.append(f'<font color="{NAIK_HEX}"><b>NAIK KELAS</b></font>')
        if row.corrected:
            marks.append(text(f"Dikoreksi: {row.correction_reason or ''}".strip()))
        note = Paragraph("<br/>".join(marks), st["cell"]) if marks else ""
        rows.append(
            [
                format_date(row.recorded_on),
                _or_dash(format_rupiah(row.omzet)),
                _or_dash(format_rupiah(row.modal)),
                _or_dash(row.workers),
                row.size_class.label if row.size_class else DASH,
                note,
            ]
        )
        if row.naik_kelas:
            marked.append(len(rows) - 1)
    table = _table(rows, width, right=(1, 2, 3))
    if marked:
        table.setStyle(TableStyle([("BACKGROUND", (0, r), (-1, r), NAIK_BG) for r in marked]))
    out = _section(title, st["h2"], table, st)
    out.append(Spacer(1, 3))
    out.append(
        Paragraph(
            text(
                "Kelas usaha menurut PP 7/2021: dari omzet tahunan, atau dari modal usaha bila "
                "omzet tidak diketahui."
            ),
            st["muted"],
        )
    )
    known = [r for r in history if r.size_class is not None]
    rose = len(known) >= 2 and known[-1].size_class.rank > known[0].size_class.rank
    sentence = text(_naik_sentence(history))
    out.append(Paragraph(f"<b>{sentence}</b>" if rose else sentence, st.sentence))
    return out


@dataclasses.dataclass
class _CaseData:
    detail: CaseDetail
    held: list[MentoringSession]
    planned: list[MentoringSession]
    areas: dict[int, list[str]]
    agencies: dict[int, Agency]
    purposes: dict[str, str]
    consultants: dict[int, Consultant]

    @property
    def held_minutes(self) -> int:
        return sum(s.minutes for s in self.held)


def _load_case(session: Session, case_id: int, printed_on: date) -> _CaseData:
    detail = case_detail(session=session, case_id=case_id)
    held = [s for s in detail.sessions if is_held(s.held_on, printed_on)]
    planned = [s for s in detail.sessions if is_planned(s.held_on, printed_on)]
    areas = session_areas(session, [s.id for s in detail.sessions])
    agency_ids = sorted({r.agency_id for r in detail.referrals})
    agencies = (
        {a.id: a for a in session.exec(select(Agency).where(Agency.id.in_(agency_ids)))}
        if agency_ids
        else {}
    )
    codes = sorted({r.purpose for r in detail.referrals})
    purposes = (
        dict(
            session.execute(
                select(ReferralPurpose.code, ReferralPurpose.label).where(
                    ReferralPurpose.code.in_(codes)
                )
            ).all()
        )
        if codes
        else {}
    )
    consultant_ids = sorted({s.consultant_id for s in detail.sessions if s.consultant_id})
    consultants = (
        {c.id: c for c in session.exec(select(Consultant).where(Consultant.id.in_(consultant_ids)))}
        if consultant_ids
        else {}
    )
    return _CaseData(detail, held, planned, areas, agencies, purposes, consultants)


def _areas_text(values: Iterable[str]) -> str:
    return ", ".join(Area.label_of(a) for a in values)


def _case_info(data: _CaseData, st: _Styles, width: float) -> list[Flowable]:
    case = data.detail.case
    status = CaseStatus.label_of(case.status)
    if case.closed_on and case.closed_reason:
        status += f" ({case.closed_reason})"
    rows: list[tuple[str, Any]] = [
        ("Status", status),
        ("Konsultan", _or_dash(data.detail.consultant.name if data.detail.consultant else "")),
        ("Periode", _period(case.opened_on, case.closed_on)),
        ("Bidang", _or_dash(_areas_text(data.detail.areas))),
    ]
    out: list[Flowable] = [_kv_list(rows, st, width)]
    # The goal may be long: it flows below the table rather than in a cell.
    goal = _lines(case.goal, st.goal, label="Tujuan:")
    if goal:
        out.append(Spacer(1, 4))
        out.extend(goal)
    return out


class _Band(Flowable):
    """A paragraph on a shaded band as wide as the text column: a session's heading line.

    It looks like a one-cell table but costs a fraction of one, which matters with hundreds
    of sessions.
    """

    _pad_x, _pad_top, _pad_bottom = 6.0, 2.5, 3.5

    def __init__(self, paragraph: Paragraph, *, space_before: float = 8, space_after: float = 4):
        super().__init__()
        self.paragraph = paragraph
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, height = self.paragraph.wrap(avail_width - 2 * self._pad_x, avail_height)
        self.width, self.height = avail_width, height + self._pad_top + self._pad_bottom
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(HEAD_BG)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        canvas.restoreState()
        self.paragraph.drawOn(canvas, self._pad_x, self._pad_bottom)


# About how many characters of a note fit on one line (9 pt Vera on the indented column);
# used only to keep a short session on one page without measuring it twice.
_CHARS_PER_LINE = 88
_KEEP_WHOLE_MAX = 70 * mm


def _estimated_height(values: Iterable[str], st: _Styles) -> float:
    lines = 0
    paragraphs = 0
    for value in values:
        for i, line in enumerate((value or "").strip().splitlines()):
            label = 20 if i == 0 else 0  # "Langkah berikutnya:" before the first line
            paragraphs += 1
            lines += max(1, -(-(len(line) + label) // _CHARS_PER_LINE))
    return 8 + 18 + 4 + lines * st.note.leading + paragraphs * st.note.spaceAfter


def _session_block(
    number: int, mentoring: MentoringSession, data: _CaseData, st: _Styles
) -> tuple[float, list[Flowable]]:
    """A session's heading band and notes, and the height that must be free to start it."""
    parts = [
        f"<b>{text(f'Sesi {number}')} · {text(format_date(mentoring.held_on))}</b>",
        text(SessionMode.label_of(mentoring.mode)),
        text(f"{mentoring.minutes} menit"),
    ]
    areas = data.areas.get(mentoring.id) or []
    if areas:
        parts.append(text(_areas_text(areas)))
    case_consultant = data.detail.case.consultant_id
    if mentoring.consultant_id and mentoring.consultant_id != case_consultant:
        person = data.consultants.get(mentoring.consultant_id)
        if person is not None:
            parts.append(text(f"oleh {person.name}"))
    head = _Band(Paragraph(" · ".join(parts), st.session_head))
    notes: list[Flowable] = []
    for label, value in (
        ("Ringkasan:", mentoring.summary),
        ("Rekomendasi:", mentoring.recommendations),
        ("Langkah berikutnya:", mentoring.next_steps),
    ):
        notes.extend(_lines(value, st.note, label=label))
    if mentoring.next_session_on:
        notes.append(
            Paragraph(
                f"<b>Sesi berikutnya:</b> {text(format_date(mentoring.next_session_on))}", st.note
            )
        )
    if not notes:
        notes.append(Paragraph(text("Tidak ada catatan."), st.note))
    height = _estimated_height(
        (mentoring.summary, mentoring.recommendations, mentoring.next_steps), st
    )
    # A short session is never cut in two; a long one starts where its heading and a few
    # lines fit, then flows page after page.
    keep = height if height <= _KEEP_WHOLE_MAX else 25 * mm
    return keep, [head, *notes]


def _planned_table(data: _CaseData, width: float) -> Table:
    rows: list[list[Any]] = [["Tanggal", "Cara", "Durasi", "Bidang", "Rencana"]]
    for mentoring in data.planned:
        agenda = mentoring.summary.strip() or mentoring.next_steps.strip()
        if len(agenda) > 600:  # a cell never grows taller than a page
            agenda = agenda[:600].rstrip() + " …"
        rows.append(
            [
                format_date(mentoring.held_on),
                SessionMode.label_of(mentoring.mode),
                f"{mentoring.minutes} menit",
                _areas_text(data.areas.get(mentoring.id) or []),
                agenda,
            ]
        )
    return grid_table(rows, None, width=width)


def _follow_ups(data: _CaseData, width: float, printed_on: date) -> Table:
    rows: list[list[Any]] = [["No.", "Uraian", "Oleh", "Tenggat", "Status"]]
    for i, item in enumerate(data.detail.follow_ups, start=1):
        if item.done_on:
            status = f"Selesai{NBSP}{format_date(item.done_on)}"
        elif item.due_on and item.due_on < printed_on:
            status = "Terbuka, terlambat"
        else:
            status = "Terbuka"
        rows.append(
            [
                f"{i}.",
                item.description,
                FollowUpOwner.label_of(item.owner),
                _or_dash(format_date(item.due_on)),
                status,
            ]
        )
    return grid_table(rows, None, width=width)


def _referrals(data: _CaseData, width: float) -> Table:
    """Three columns, so a long agency name ("Dinas Penanaman Modal dan Pelayanan Terpadu
    Satu Pintu Kabupaten ...") has the room it needs beside the letter's number and dates."""
    rows: list[list[Any]] = [["Instansi dan keperluan", "Status dan hasil", "Surat dan tanggal"]]
    for referral in data.detail.referrals:
        agency = data.agencies.get(referral.agency_id)
        purpose = data.purposes.get(referral.purpose, referral.purpose)
        dates = [
            ("Dibuat", referral.created_on),
            ("Dikirim", referral.sent_on),
            ("Dijawab", referral.answered_on),
            ("Selesai", referral.completed_on),
        ]
        number = (
            f"Nomor{NBSP}{referral.letter_number}" if referral.letter_number else "Belum ada surat"
        )
        letter = [number, *(f"{label}{NBSP}{format_date(d)}" for label, d in dates if d)]
        status = ReferralStatus.label_of(referral.status)
        outcome = referral.outcome.strip()
        if len(outcome) > 600:  # a cell never grows taller than a page
            outcome = outcome[:600].rstrip() + " …"
        if outcome:
            status = f"{status}\nHasil: {outcome}"
        rows.append(
            [
                f"{agency.name if agency else DASH}\nKeperluan: {purpose}",
                status,
                "\n".join(letter),
            ]
        )
    return grid_table(rows, None, width=width)


def _outcome_rows(outcomes: list[Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [["Tanggal", "Jenis", "Jumlah", "Keterangan"]]
    for outcome in outcomes:
        details = []
        if outcome.institution:
            details.append(outcome.institution)
        if outcome.scheme:
            details.append(f"skema {FinancingScheme.label_of(outcome.scheme)}")
        if outcome.channel:
            details.append(f"saluran {Channel.label_of(outcome.channel)}")
        if outcome.licence_kind:
            details.append(f"izin {LicenceKind.label_of(outcome.licence_kind)}")
        if outcome.jobs:
            details.append(f"{outcome.jobs} tenaga kerja baru")
        if outcome.amount_requested is not None:
            details.append(f"diajukan {format_rupiah(outcome.amount_requested)}")
        if outcome.note:
            note = outcome.note.strip()
            details.append(note if len(note) <= 600 else note[:600].rstrip() + " …")
        rows.append(
            [
                format_date(outcome.occurred_on),
                OutcomeKind.label_of(outcome.kind),
                _or_dash(format_rupiah(outcome.amount)),
                "; ".join(details),
            ]
        )
    return rows


def _outcomes(outcomes: list[Any], width: float) -> Table:
    return _table(_outcome_rows(outcomes), width, right=(2,))


def _case_body(
    data: _CaseData, st: _Styles, width: float, printed_on: date, heading: ParagraphStyle
) -> list[Flowable]:
    """Sessions, planned sessions, follow-ups, referrals and outcomes of one case."""
    detail = data.detail
    out: list[Flowable] = []

    title = f"Sesi Pendampingan ({len(data.held)})"
    if data.held:
        for number, mentoring in enumerate(data.held, start=1):
            keep, block = _session_block(number, mentoring, data, st)
            if number == 1:  # the heading goes with the first session
                out.append(CondPageBreak(keep + heading.leading + heading.spaceBefore + 4))
                out.append(Paragraph(text(title), heading))
            else:
                out.append(CondPageBreak(keep))
            out.extend(block)
    else:
        out.extend(_heading(title, heading))
        out.append(Paragraph(text("Belum ada sesi yang terlaksana."), st["muted"]))

    if data.planned:
        caption = (
            f"Sesi bertanggal sesudah {format_date(printed_on)}; belum terlaksana dan tidak "
            "dihitung dalam jumlah sesi dan jam."
        )
        title = f"Sesi yang direncanakan ({len(data.planned)})"
        out.extend(_section(title, heading, _planned_table(data, width), st, caption=caption))
    follow_ups = _follow_ups(data, width, printed_on) if detail.follow_ups else None
    out.extend(
        _section(
            "Tindak Lanjut", heading, follow_ups, st, empty="Tidak ada tindak lanjut yang dicatat."
        )
    )
    referrals = _referrals(data, width) if detail.referrals else None
    out.extend(_section("Rujukan", heading, referrals, st, empty="Tidak ada rujukan."))
    outcomes = _outcomes(detail.outcomes, width) if detail.outcomes else None
    out.extend(
        _section("Hasil Pendampingan", heading, outcomes, st, empty="Belum ada hasil yang dicatat.")
    )
    return out


def _time(minutes: int) -> str:
    """'3 jam 15 menit (3,25 jam)'; nothing held: '0 jam'."""
    if not minutes:
        return "0 jam"
    if minutes % 60 == 0:
        return _duration(minutes)
    return f"{_duration(minutes)} ({_hours(minutes)})"


def _totals(cases: list[_CaseData], st: _Styles, width: float) -> list[Flowable]:
    sessions = sum(len(c.held) for c in cases)
    minutes = sum(c.held_minutes for c in cases)
    planned = sum(len(c.planned) for c in cases)
    referrals = sum(len(c.detail.referrals) for c in cases)
    outcomes = sum(len(c.detail.outcomes) for c in cases)
    follow_ups = [f for c in cases for f in c.detail.follow_ups]
    done = sum(1 for f in follow_ups if f.done_on)
    out: list[Flowable] = [Paragraph("Jumlah", st["h2"])]
    if len(cases) > 1:
        rows: list[list[Any]] = [["Kasus", "Periode", "Sesi", "Waktu"]]
        for c in cases:
            case = c.detail.case
            rows.append(
                [
                    case.title,
                    _period(case.opened_on, case.closed_on),
                    str(len(c.held)),
                    _time(c.held_minutes),
                ]
            )
        bold_right = ParagraphStyle("bold_right", parent=st["cell_head"], alignment=TA_RIGHT)
        rows.append(
            [
                Paragraph("Seluruh kasus", st["cell_head"]),
                "",
                Paragraph(str(sessions), bold_right),
                Paragraph(text(_time(minutes)), st["cell_head"]),
            ]
        )
        table = _table(rows, width, right=(2,))
        last = len(rows) - 1
        table.setStyle(TableStyle([("LINEABOVE", (0, last), (-1, last), 0.8, ACCENT)]))
        out.append(table)
        out.append(Spacer(1, 4))
    facts: list[tuple[str, Any]] = [
        ("Sesi terlaksana", f"{sessions} sesi"),
        ("Waktu pendampingan", _time(minutes)),
    ]
    if planned:
        facts.append(("Sesi direncanakan", f"{planned} sesi (tidak dihitung)"))
    facts.append(("Tindak lanjut", f"{len(follow_ups)} ({done} selesai)"))
    facts.append(("Rujukan", f"{referrals}"))
    facts.append(("Hasil tercatat", f"{outcomes}"))
    out.append(_kv_list(facts, st, width))
    return out


def _signature(
    settings: dict[str, Any],
    consultant: Consultant | None,
    printed_on: date,
    st: _Styles,
    width: float,
) -> list[Flowable]:
    """Place and date, the signer's title, room to sign, the full name; on the right."""
    if consultant is not None:
        title = consultant.title or "Konsultan Pendamping"
        name = consultant.name
    else:
        title = settings.get("signer_title") or ""
        name = settings.get("signer_name") or ""
    town = settings.get("clinic_town") or ""
    place = f"{town}, {format_date(printed_on)}" if town else format_date(printed_on)
    table = signature(title, name, width, place_date=place)
    return [Spacer(1, 10 * mm), table]


def _head(
    settings: dict[str, Any],
    record: ClientRecord,
    subtitle_lines: list[str],
    st: _Styles,
    width: float,
) -> list[Flowable]:
    out: list[Flowable] = list(letterhead(settings, width))
    out.append(Paragraph(TITLE, st["title"]))
    for i, line in enumerate(subtitle_lines):
        content = text(line)
        out.append(Paragraph(f"<b>{content}</b>" if i == 0 else content, st.subtitle))
    out.append(Spacer(1, 2))
    out.extend(_profile(record, st, width))
    return out


def _client_sections(
    session: Session, record: ClientRecord, st: _Styles, width: float
) -> list[Flowable]:
    checks = licence_checklist(session=session, client_id=record.client.id)
    out = _licences(checks, record, st, width)
    out.extend(_size_history(record.size_history, st, width))
    return out


# The running header of pages 2 and after: who and which case the page is about.
HEADER_LABEL = "Ringkasan pendampingan"
HEADER_SIZE = 7.5
_ELLIPSIS = "…"


def _shortened(value: str, room: float, font: str = FONT, size: float = HEADER_SIZE) -> str:
    """``value`` cut at a word (with "…") to fit ``room`` points; as it is when it fits."""
    value = " ".join(value.split())
    if stringWidth(value, font, size) <= room:
        return value
    words = value.split(" ")
    while len(words) > 1 and stringWidth(" ".join(words) + _ELLIPSIS, font, size) > room:
        words.pop()
    cut = " ".join(words)
    while cut and stringWidth(cut + _ELLIPSIS, font, size) > room:  # one very long word
        cut = cut[:-1]
    return cut + _ELLIPSIS


def header_line(business: str, case_title: str | None, room: float) -> str:
    """ "Ringkasan pendampingan · <business> · <case>", shortened to fit ``room``: the case
    title gives way first, then the business name."""
    sep = " · "
    parts = [HEADER_LABEL, business.strip() or DASH]
    line = sep.join(parts)
    if not case_title:
        return _shortened(line, room)
    full = sep.join([*parts, " ".join(case_title.split())])
    if stringWidth(full, FONT, HEADER_SIZE) <= room:
        return full
    head_room = stringWidth(line + sep, FONT, HEADER_SIZE)
    if room - head_room >= 40 * mm:
        return line + sep + _shortened(case_title, room - head_room)
    name_room = (room - stringWidth(HEADER_LABEL + sep * 2, FONT, HEADER_SIZE)) / 2
    short_name = _shortened(business, name_room)
    rest = room - stringWidth(sep.join([HEADER_LABEL, short_name]) + sep, FONT, HEADER_SIZE)
    return sep.join([HEADER_LABEL, short_name, _shortened(case_title, rest)])


class _CaseMark(Flowable):
    """Takes no room; tells the running header where a case's section begins (an empty
    title: where the sections of the cases end)."""

    def __init__(self, title: str):
        super().__init__()
        self.title = title
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        # A new list, not an append: the footer canvas keeps a shallow copy of each page.
        canvas._klinik_marks = [*getattr(canvas, "_klinik_marks", []), (y, self.title)]

    def draw(self) -> None:
        pass


def _running_header(business: str, case_title: str | None) -> Callable[[Any, Any], None]:
    """Draws the header on every page but the first (which has the letterhead), once the
    page is laid out. With no fixed ``case_title`` (a client's summary) it names the case
    under way at the top of the page: the case begun on an earlier page, or the one whose
    section opens this page."""

    def draw(canvas: Any, doc: Any) -> None:
        marks = getattr(canvas, "_klinik_marks", [])
        under_way = getattr(canvas, "_klinik_case", None)
        canvas._klinik_marks = []
        if marks:
            canvas._klinik_case = marks[-1][1]
        if canvas.getPageNumber() < 2:
            return
        frame_top = PAGE[1] - doc.topMargin - 6  # the frame's own padding
        if marks and marks[0][0] >= frame_top - 1:
            under_way = marks[0][1]
        room = PAGE[0] - 2 * MARGIN
        title = case_title or under_way
        canvas.saveState()
        canvas.setFont(FONT, HEADER_SIZE)
        canvas.setFillColor(colors.HexColor("#5f6368"))
        y = PAGE[1] - 12 * mm
        canvas.drawString(MARGIN, y, header_line(business, title, room))
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, y - 2.2 * mm, PAGE[0] - MARGIN, y - 2.2 * mm)
        canvas.restoreState()

    return draw


def _document(
    flowables: list[Flowable],
    settings: dict[str, Any],
    client: Client,
    printed_on: date,
    case_title: str | None = None,
) -> bytes:
    return render_pdf(
        flowables,
        title=f"Ringkasan Pendampingan — {client.business_name}",
        subject="Ringkasan Pendampingan",
        author=str(settings.get("clinic_name") or "Klinik"),
        footer_left=str(settings.get("clinic_name") or ""),
        printed_on=printed_on,
        on_page_end=_running_header(client.business_name, case_title),
    )


# --- the documents --------------------------------------------------------------------------


def build_case_summary(
    *,
    session: Session,
    case_id: int,
    settings: dict[str, Any] | None = None,
    printed_on: date | None = None,
) -> bytes:
    """The Ringkasan Pendampingan of one case, as PDF bytes."""
    printed_on = printed_on or date.today()
    settings = settings if settings is not None else get_settings(session=session)
    st = _styles()
    width = content_width()
    data = _load_case(session, case_id, printed_on)
    case = data.detail.case
    record = client_record(session=session, client_id=case.client_id)
    story = _head(
        settings,
        record,
        [case.title, f"Periode pendampingan: {_period(case.opened_on, case.closed_on)}"],
        st,
        width,
    )
    story.extend(_client_sections(session, record, st, width))
    story.extend(_heading("Pendampingan", st["h2"]))
    story.extend(_case_info(data, st, width))
    story.extend(_case_body(data, st, width, printed_on, st.h3))
    # The totals and the signature stay together: a signature never stands alone on a page.
    signature = _signature(settings, data.detail.consultant, printed_on, st, width)
    story.append(KeepTogether([*_totals([data], st, width), *signature]))
    pdf = _document(story, settings, record.client, printed_on, case_title=case.title)
    _record_print(session, case.id, case.client_id)
    return pdf


def _record_print(session: Session, case_id: int | None, client_id: int) -> None:
    """A summary names the owner and holds the mentoring notes: it is recorded."""
    record_event(
        session,
        action="print",
        entity="summary",
        record_id=case_id,
        client_id=client_id,
        fields=["owner_name", "phone", "summary"],
        leaves_machine=True,
    )


def build_client_summary(
    *,
    session: Session,
    client_id: int,
    settings: dict[str, Any] | None = None,
    printed_on: date | None = None,
) -> bytes:
    """The Ringkasan Pendampingan of a client across all its cases, as PDF bytes."""
    printed_on = printed_on or date.today()
    settings = settings if settings is not None else get_settings(session=session)
    st = _styles()
    width = content_width()
    record = client_record(session=session, client_id=client_id)
    ordered: list[Case] = sorted(record.cases, key=lambda c: (c.opened_on, c.id))
    cases = [_load_case(session, c.id, printed_on) for c in ordered]
    if cases:
        start = min(c.opened_on for c in ordered)
        ends = [c.closed_on for c in ordered]
        end = None if any(e is None for e in ends) else max(ends)
        subtitle = [
            f"Seluruh pendampingan: {len(cases)} kasus",
            f"Periode pendampingan: {_period(start, end)}",
        ]
    else:
        subtitle = ["Belum ada kasus pendampingan"]
    story = _head(settings, record, subtitle, st, width)
    story.extend(_client_sections(session, record, st, width))
    for number, data in enumerate(cases, start=1):
        story.append(CondPageBreak(75 * mm))
        story.append(_CaseMark(data.detail.case.title))
        story.append(
            Paragraph(f"Kasus {number} dari {len(cases)}: {text(data.detail.case.title)}", st["h2"])
        )
        story.extend(_case_info(data, st, width))
        story.extend(_case_body(data, st, width, printed_on, st.h3))
    case_ids = {c.id for c in ordered}
    loose = [
        o
        for o in list_outcomes(session=session, client_id=record.client.id)
        if o.case_id is None or o.case_id not in case_ids
    ]
    story.append(_CaseMark(""))  # what follows is about the client, not one case
    if loose:
        story.extend(_section("Hasil di luar kasus", st["h2"], _outcomes(loose, width), st))
    totals = _totals(cases, st, width)
    latest = ordered[-1] if ordered else None
    consultant = (
        session.get(Consultant, latest.consultant_id)
        if latest is not None and latest.consultant_id
        else None
    )
    signature = _signature(settings, consultant, printed_on, st, width)
    story.append(KeepTogether([*totals, *signature]))
    pdf = _document(story, settings, record.client, printed_on)
    _record_print(session, None, record.client.id)
    return pdf
