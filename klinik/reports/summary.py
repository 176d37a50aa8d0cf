"""Ringkasan Pendampingan: the mentoring summary of one case, or of a client across its cases.

Printed for the client or a funder: the business profile (NIK masked), the licence path, the
size history with "naik kelas", every session held, follow-ups, referrals, outcomes, totals,
and the consultant's signature. Sessions dated after the print date are planned sessions:
listed on their own and never counted in the totals.

Long notes are laid out as one paragraph per line directly in the story (never inside a table
cell), so a note of any length flows onto the next page instead of raising LayoutError.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    TableStyle,
)

from klinik.domain.formatting import format_date, format_rupiah
from klinik.domain.identifiers import format_phone, mask_nik
from klinik.domain.places import full_address
from klinik.domain.vocab import (
    LegalForm,
    LicenceKind,
    LicenceStatus,
)
from klinik.reports import parts
from klinik.reports.base import (
    FONT,
    GRID,
    MARGIN,
    PAGE,
    content_width,
    grid_table,
    letterhead,
    render_pdf,
    signature,
    text,
)
from klinik.reports.summary_case import _case_body, _case_info, _outcomes, _totals
from klinik.reports.summary_layout import (
    DASH,
    NAIK_BG,
    NAIK_FG,
    NAIK_HEX,
    _licence_number,
    _or_dash,
    _period,
    _section,
    _Styles,
    _styles,
)

TITLE = "RINGKASAN PENDAMPINGAN"


# --- sections -------------------------------------------------------------------------------


def _profile(record: Any, st: _Styles, width: float) -> list[Flowable]:
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
    out = _section(
        "Profil Usaha",
        st["h2"],
        parts.kv_pairs(
            rows,
            width,
            label_style=st.label_cell,
            value_style=st["cell"],
            label_w=28 * mm,
            across=False,
        ),
        st,
    )
    out.append(
        parts.kv_list(
            [("Alamat", _or_dash(address))],
            width,
            label_style=st.label_cell,
            value_style=st["cell"],
            label_w=28 * mm,
        )
    )
    return out


def _licences(checks: list[Any], others: list[Any], st: _Styles, width: float) -> list[Flowable]:
    rows: list[list[Any]] = [["Tahap", "Izin", "Status", "Nomor", "Berlaku sampai"]]
    for i, check in enumerate(checks, start=1):
        status = LicenceStatus.label_of(check.status) if check.status else "Belum"
        number = _licence_number(check.kind, check.number) or "belum"
        rows.append([str(i), check.label, status, number, format_date(check.expires_on)])
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


def _naik_sentence(history: list[Any]) -> str:
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


def _size_history(history: list[Any], st: _Styles, width: float) -> list[Flowable]:
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
    table = parts.table(rows, width, right=(1, 2, 3))
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


def _signature(
    settings: dict[str, Any],
    consultant: Any,
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
    record: Any,
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


def _client_sections(profile: Any, st: _Styles, width: float) -> list[Flowable]:
    out = _licences(profile.checks, profile.other_licences, st, width)
    out.extend(_size_history(profile.record.size_history, st, width))
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
    client: Any,
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


def case_summary_pdf(
    profile: Any, timeline: Any, *, settings: dict[str, Any], printed_on: date
) -> bytes:
    """The Ringkasan Pendampingan of one case, as PDF bytes: ``profile`` is the client's
    ``ClientProfile``, ``timeline`` the case's ``CaseTimeline`` (klinik.services.readmodels)."""
    st = _styles()
    width = content_width()
    data = timeline
    case = data.detail.case
    record = profile.record
    story = _head(
        settings,
        record,
        [case.title, f"Periode pendampingan: {_period(case.opened_on, case.closed_on)}"],
        st,
        width,
    )
    story.extend(_client_sections(profile, st, width))
    story.extend(parts.heading("Pendampingan", st["h2"]))
    story.extend(_case_info(data, st, width))
    story.extend(_case_body(data, st, width, printed_on, st.h3))
    # The totals and the signature stay together: a signature never stands alone on a page.
    signature = _signature(settings, data.detail.consultant, printed_on, st, width)
    story.append(KeepTogether([*_totals([data], st, width), *signature]))
    return _document(story, settings, record.client, printed_on, case_title=case.title)


def client_summary_pdf(summary: Any, *, settings: dict[str, Any], printed_on: date) -> bytes:
    """The Ringkasan Pendampingan of a client across all its cases, as PDF bytes, from its
    ``ClientSummary`` (klinik.services.readmodels)."""
    st = _styles()
    width = content_width()
    record = summary.profile.record
    cases = summary.cases
    if cases:
        opened = [c.detail.case for c in cases]
        start = min(c.opened_on for c in opened)
        ends = [c.closed_on for c in opened]
        end = None if any(e is None for e in ends) else max(ends)
        subtitle = [
            f"Seluruh pendampingan: {len(cases)} kasus",
            f"Periode pendampingan: {_period(start, end)}",
        ]
    else:
        subtitle = ["Belum ada kasus pendampingan"]
    story = _head(settings, record, subtitle, st, width)
    story.extend(_client_sections(summary.profile, st, width))
    for number, data in enumerate(cases, start=1):
        story.append(CondPageBreak(75 * mm))
        story.append(_CaseMark(data.detail.case.title))
        story.append(
            Paragraph(f"Kasus {number} dari {len(cases)}: {text(data.detail.case.title)}", st["h2"])
        )
        story.extend(_case_info(data, st, width))
        story.extend(_case_body(data, st, width, printed_on, st.h3))
    story.append(_CaseMark(""))  # what follows is about the client, not one case
    loose = summary.loose_outcomes
    if loose:
        story.extend(_section("Hasil di luar kasus", st["h2"], _outcomes(loose, width), st))
    totals = _totals(cases, st, width)
    signature = _signature(settings, summary.signer, printed_on, st, width)
    story.append(KeepTogether([*totals, *signature]))
    return _document(story, settings, record.client, printed_on)
