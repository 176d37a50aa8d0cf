"""What every Klinik document shares: embedded fonts, styles, safe text, page footers,
atomic writing and file names that are safe on every system.

Text wraps only between words, never inside one: the styles do not split long words, a
date ("24 November 2026") and a number written in groups (a phone, a NIK) are kept whole
with non-breaking spaces, and tables size their columns so that the widest word of every
column fits (``column_widths``).

Documents are built in memory with ``invariant=1`` so the same input gives the same bytes,
then written through a temporary file and ``os.replace``.
"""

from __future__ import annotations

import io
import re
import unicodedata
import weakref
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, unescape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText

from klinik.domain.formatting import MONTHS_EN, MONTHS_ID, format_date
from klinik.files import write_atomic  # noqa: F401  (documents are written through it)

FONT = "KlinikSans"
FONT_BOLD = "KlinikSans-Bold"
FONT_ITALIC = "KlinikSans-Italic"
FONT_BOLD_ITALIC = "KlinikSans-BoldItalic"
PAGE = A4
MARGIN = 20 * mm
ACCENT = colors.HexColor("#1a4d7a")
GRID = colors.HexColor("#c9d3dd")
HEAD_BG = colors.HexColor("#eef3f8")

_registered = False


class _Font(TTFont):
    """A TrueType font that remembers the width of every string it has measured: laying out
    a long document measures the same words thousands of times, and without reportlab's
    optional C accelerator each measure sums the string's characters in Python. The sum is
    the same one, in the same order: the same widths to the last bit."""

    _MAX_KEPT = 50_000

    def __init__(self, name: str, filename: str):
        super().__init__(name, filename)
        self._widths: dict[Any, float] = {}

    def stringWidth(self, text: Any, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        units = self._widths.get(text)
        if units is None:
            key = text
            if not isinstance(text, str):
                text = text.decode(encoding or "utf8")
            widths, default = self.face.charWidths, self.face.defaultWidth
            units = sum([widths.get(ord(ch), default) for ch in text])
            if len(self._widths) >= self._MAX_KEPT:
                self._widths.clear()
            self._widths[key] = units
        return 0.001 * size * units


def register_fonts() -> None:
    """Embed Bitstream Vera (shipped inside reportlab) so a letter prints the same anywhere."""
    global _registered
    if _registered:
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in (
        (FONT, "Vera.ttf"),
        (FONT_BOLD, "VeraBd.ttf"),
        (FONT_ITALIC, "VeraIt.ttf"),
        (FONT_BOLD_ITALIC, "VeraBI.ttf"),
    ):
        pdfmetrics.registerFont(_Font(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )
    _registered = True


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    # splitLongWords=0: a word wider than its column is never cut ("Dicetak/PD|F"); the
    # columns are made wide enough instead (column_widths), for every style derived here.
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, splitLongWords=0)
    return {
        "body": body,
        "justify": ParagraphStyle("justify", parent=body, alignment=4),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        "muted": ParagraphStyle("muted", parent=body, fontSize=8.5, leading=11,
                                textColor=colors.HexColor("#5f6368")),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11),
        "cell_right": ParagraphStyle("cell_right", parent=body, fontSize=8.5, leading=11,
                                     alignment=TA_RIGHT),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=FONT_BOLD, fontSize=8.5,
                                    leading=11),
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=15,
                                leading=19, spaceAfter=4, textColor=ACCENT),
        "h2": ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=11.5, leading=15,
                             spaceBefore=10, spaceAfter=4, textColor=ACCENT),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "letterhead_name": ParagraphStyle("lh_name", parent=body, fontName=FONT_BOLD,
                                          fontSize=15, leading=18, alignment=TA_CENTER),
        "letterhead": ParagraphStyle("lh", parent=body, fontSize=9, leading=12,
                                     alignment=TA_CENTER),
    }  # fmt: skip


NBSP = "\u00a0"
_MONTH_NAMES = "|".join(dict.fromkeys((*MONTHS_ID, *MONTHS_EN)))
# "24 November 2026", "Desember 2026" (a month and year), "20 Mei 2021 14.05" keeps its date.
_DATE = re.compile(rf"\b(?:\d{{1,2}} )?(?:{_MONTH_NAMES}) \d{{4}}\b")
# Digits in groups: "0812 3456 7890", "+62 812-3456-7890", "6271 0145 0590 0001".
_DIGIT_GROUPS = re.compile(r"(?<![\w.,])\+?\d[\d\-]+(?: \d[\d\-]+)+(?![\w.,])")


def keep_whole(value: str) -> str:
    """Spaces inside a date or a number written in groups made non-breaking, so a line never
    ends between "24 November" and "2026" or inside a phone number. The space prints as a
    space (and reads back as one)."""

    def joined(match: re.Match[str]) -> str:
        return match.group(0).replace(" ", NBSP)

    return _DIGIT_GROUPS.sub(joined, _DATE.sub(joined, value))


KEPT = "\n\t"  # the only control characters user text keeps


def text(value: Any) -> str:
    """User text as reportlab paragraph markup: escaped, so nothing typed becomes a tag, an
    image or a link; line breaks kept; dates and grouped numbers kept whole (keep_whole)."""
    if value is None:
        return ""
    cleaned = str(value)
    if not cleaned.isprintable():  # a control or format character, or just a line break
        cleaned = "".join(ch for ch in cleaned if ch in KEPT or unicodedata.category(ch)[0] != "C")
    return keep_whole(escape(cleaned)).replace("\n", "<br/>")


# One run of a style's font, as reportlab's parser makes it for text without markup.
_RUNS: weakref.WeakKeyDictionary[ParagraphStyle, Any] = weakref.WeakKeyDictionary()


def plain(value: Any, style: ParagraphStyle) -> Paragraph:
    """``Paragraph(text(value), style)``, without reportlab's markup parser: text with no
    markup (no line break either) is one run of the style's font, made here at a fraction
    of the parser's cost (hundreds of sessions make thousands of paragraphs)."""
    markup = text(value)
    words = cleanBlockQuotedText(unescape(markup))
    if "<" in markup or not words:  # a line break, or no text: the parser's own way
        return Paragraph(markup, style)
    run = _RUNS.get(style)
    if run is None:
        run = _RUNS[style] = Paragraph("x", style).frags[0]
    return Paragraph(markup, style, frags=[run.clone(text=words, link=[], us_lines=[])])


def para(value: Any, style: ParagraphStyle, *, markup: str | None = None) -> Paragraph:
    """A paragraph of user text (escaped). ``markup`` wraps it, e.g. '<b>%s</b>'."""
    if not markup:
        return plain(value, style)
    return Paragraph(markup % text(value), style)


# A table cell's default padding, left and right (reportlab's Table: 6 pt each side).
CELL_PADDING = 12.0
_FAR = 1e6


def _extent(cell: Any, avail: float) -> tuple[float, float]:
    """The narrowest width a cell's content takes without cutting a word, and the width it
    takes on one line (its natural width)."""
    if cell is None or cell == "":
        return 0.0, 0.0
    if isinstance(cell, (list, tuple)):
        sizes = [_extent(c, avail) for c in cell]
        return max((a for a, _ in sizes), default=0.0), max((b for _, b in sizes), default=0.0)
    if isinstance(cell, str):
        st = styles()["cell"]
        words = [w for line in cell.split("\n") for w in line.split(" ")]
        narrow = max(stringWidth(w, st.fontName, st.fontSize) for w in words)
        wide = max(stringWidth(line, st.fontName, st.fontSize) for line in cell.split("\n"))
        return narrow, wide
    if isinstance(cell, Paragraph):
        style = cell.style
        indent = style.leftIndent + style.rightIndent + max(style.firstLineIndent, 0)
        narrow = cell.minWidth() + indent
        cell.wrap(_FAR, _FAR)
        lines = cell.getActualLineWidths0() if cell.blPara.lines else [0.0]
        wide = max(lines) + indent
        return narrow, max(narrow, wide)
    width, _ = cell.wrap(avail, _FAR)
    return width, width


def words_fit(
    cells: Sequence[Sequence[Any]], total: float, *, padding: float | Sequence[float] = CELL_PADDING
) -> bool:
    """Whether the widest word of every column fits side by side within ``total``."""
    if not cells:
        return True
    n = max(len(row) for row in cells)
    pads = (
        [float(padding)] * n if isinstance(padding, (int, float)) else [float(p) for p in padding]
    )
    narrow = [0.0] * n
    for row in cells:
        for c, cell in enumerate(row):
            narrow[c] = max(narrow[c], _extent(cell, total)[0])
    return sum(w + pad + 0.5 for w, pad in zip(narrow, pads, strict=True)) <= total


def column_widths(
    cells: Sequence[Sequence[Any]],
    total: float,
    *,
    preferred: Sequence[float] | None = None,
    padding: float | Sequence[float] = CELL_PADDING,
) -> list[float]:
    """Column widths for ``cells`` (paragraphs, strings or flowables) within ``total``, so
    that no word is wider than its column.

    Without ``preferred`` the widths follow the content: each column gets its widest word,
    and the room left goes to the columns whose text would otherwise wrap, in proportion to
    how much of it wraps (a date column keeps just the width of its longest date; a long
    agency name takes what it needs). With ``preferred`` those widths are kept where the
    words fit, and a column too narrow for its widest word is widened at the expense of the
    columns that have room to spare.

    Only when even the widest words together are wider than ``total`` (no layout could
    keep them whole) are the columns shrunk and their long words allowed to break, rather
    than run off the page.
    """
    if not cells:
        return list(preferred or [])
    n = max(len(row) for row in cells)
    pads = (
        [float(padding)] * n if isinstance(padding, (int, float)) else [float(p) for p in padding]
    )
    narrow, wide = [0.0] * n, [0.0] * n
    for row in cells:
        for c, cell in enumerate(row):
            a, b = _extent(cell, total)
            narrow[c], wide[c] = max(narrow[c], a), max(wide[c], b)
    mins = [w + pad + 0.5 for w, pad in zip(narrow, pads, strict=True)]
    naturals = [max(w + pad + 0.5, m) for w, pad, m in zip(wide, pads, mins, strict=True)]
    if preferred is not None:
        widths = [float(w) for w in preferred]
        total = sum(widths)
        deficit = sum(max(0.0, m - w) for m, w in zip(mins, widths, strict=True))
        if deficit <= 0:
            return widths
        spare = [max(0.0, w - m) for m, w in zip(mins, widths, strict=True)]
        if sum(spare) >= deficit:
            share = deficit / sum(spare)
            return [max(m, w - s * share) for m, w, s in zip(mins, widths, spare, strict=True)]
    elif sum(naturals) <= total:
        extra = (total - sum(naturals)) / sum(naturals)
        return [w * (1 + extra) for w in naturals]
    elif sum(mins) <= total:
        room, wants = total - sum(mins), [b - a for a, b in zip(mins, naturals, strict=True)]
        return [m + room * want / sum(wants) for m, want in zip(mins, wants, strict=True)]
    # The widest words cannot all fit: the columns with the widest words share what the
    # others leave (each of those keeps its own widest word), and only there words break.
    cap, rest, left = 0.0, sorted(mins), total
    for i, m in enumerate(rest):
        if m * (len(rest) - i) > left:
            cap = left / (len(rest) - i)
            break
        left -= m
    widths = [min(m, cap) for m in mins]
    for row in cells:
        for c, cell in enumerate(row):
            if isinstance(cell, Paragraph) and _extent(cell, total)[0] + pads[c] > widths[c]:
                cell.style = ParagraphStyle(
                    f"{cell.style.name}_split", parent=cell.style, splitLongWords=1
                )
    return widths


def grid_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float] | None,
    *,
    header: bool = True,
    right_columns: Sequence[int] = (),
    width: float | None = None,
) -> Table:
    """A table of user values (each escaped and wrapped) with a shaded header row.

    ``widths`` None sizes the columns from their content within ``width`` (the text column
    by default); given widths are kept but widened where a word would not fit
    (``column_widths``)."""
    st = styles()
    data = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            if isinstance(value, Flowable):
                cells.append(value)
                continue
            style = (
                st["cell_head"]
                if header and r == 0
                else (st["cell_right"] if c in right_columns else st["cell"])
            )
            cells.append(para(value, style))
        data.append(cells)
    if widths is None:
        fitted = column_widths(data, width if width is not None else content_width())
    else:
        fitted = column_widths(data, sum(widths), preferred=widths)
    table = Table(data, colWidths=fitted, repeatRows=1 if header else 0)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_BG))
    table.setStyle(TableStyle(commands))
    return table


def letterhead(settings: dict[str, Any], width: float) -> list[Flowable]:
    """Kop surat: the clinic's name, address and contacts, its logo, and a double rule."""
    st = styles()
    lines = [Paragraph(text(settings.get("clinic_name") or "Klinik Bisnis"), st["letterhead_name"])]
    address = settings.get("clinic_address") or ""
    town = settings.get("clinic_town") or ""
    where = [address] if address else []
    if town and town not in address:
        where.append(town)
    if where:
        lines.append(Paragraph(text(", ".join(where)), st["letterhead"]))
    contacts = []
    if settings.get("clinic_phone"):
        contacts.append(f"Telp. {settings['clinic_phone']}")
    if settings.get("clinic_email"):
        contacts.append(f"E-mail: {settings['clinic_email']}")
    if settings.get("clinic_website"):
        contacts.append(str(settings["clinic_website"]))
    if contacts:
        lines.append(Paragraph(text(" · ".join(contacts)), st["letterhead"]))
    logo_path = settings.get("clinic_logo") or ""
    logo: Flowable | None = None
    if logo_path and Path(logo_path).is_file():
        try:
            logo = Image(logo_path, width=22 * mm, height=22 * mm, kind="proportional")
        except Exception:  # an unreadable logo must not stop a letter
            logo = None
    if logo is not None:
        head = Table([[logo, lines]], colWidths=[26 * mm, width - 52 * mm, 26 * mm])
    else:
        head = Table([[lines]], colWidths=[width])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return [
        head,
        HRFlowable(width="100%", thickness=1.6, color=colors.black, spaceBefore=4, spaceAfter=1),
        HRFlowable(width="100%", thickness=0.5, color=colors.black, spaceAfter=10),
    ]


def signer_id_line(digits: str | None) -> str:
    """The signer's number under the name: "NIP 19700101 199503 2 001" (18 digits, grouped
    as the civil service writes it) or "NIK 6271…" (16); nothing when there is none."""
    digits = "".join(ch for ch in str(digits or "") if ch.isdigit())
    if len(digits) == 18:
        return f"NIP {digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    if len(digits) == 16:
        return f"NIK {digits}"
    return ""


def signature(
    title: str | None,
    name: str | None,
    width: float,
    *,
    place_date: str = "",
    rank: str = "",
    signer_id: str = "",
) -> Table:
    """The signature block of every document, on the right half, per tata naskah dinas:
    (place and date,) the job title and a comma, room for the signature and the stamp, the
    full name in bold, then the rank and the NIP/NIK when known. No name: a dotted line."""
    st = styles()
    lines: list[Any] = []
    if place_date:
        lines.append(para(place_date, st["body"]))
    title = str(title or "").strip().rstrip(",")
    lines += [
        para(f"{title}," if title else "", st["body"]),
        Spacer(1, 22 * mm),  # room for the signature and the stamp
        para(name, st["body"], markup="<b>%s</b>")
        if str(name or "").strip()
        else Paragraph("(" + "." * 40 + ")", st["body"]),
    ]
    if rank.strip():
        lines.append(para(rank, st["body"]))
    if signer_id_line(signer_id):
        lines.append(para(signer_id_line(signer_id), st["body"]))
    table = Table([["", lines]], colWidths=[width * 0.52, width * 0.48])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    )  # fmt: skip
    return table


def _footer_canvas(printed_on: date, footer_left: str) -> type[Canvas]:
    """A canvas that knows the page count, to print 'Halaman X dari Y' on every page."""

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any):
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            self.saveState()
            self.setFont(FONT, 8)
            self.setFillColor(colors.HexColor("#5f6368"))
            y = 12 * mm
            self.drawString(MARGIN, y, footer_left)
            self.drawRightString(
                PAGE[0] - MARGIN,
                y,
                f"Halaman {self._pageNumber} dari {total} · Dicetak {format_date(printed_on)}",
            )
            self.restoreState()

    return FooterCanvas


def render_pdf(
    flowables: list[Flowable],
    *,
    title: str,
    author: str = "Klinik",
    subject: str = "",
    footer_left: str = "",
    printed_on: date | None = None,
    with_footer: bool = True,
    top_margin: float = MARGIN,
    on_page: Any = None,
    on_later_pages: Any = None,
    pagesize: tuple[float, float] = PAGE,
    on_page_end: Any = None,
) -> bytes:
    """Lay out the flowables on A4 (or ``pagesize``) and return the PDF bytes (the same
    input, the same bytes).

    ``on_page(canvas, doc)`` runs as each page begins, ``on_later_pages`` too from page 2
    (after ``on_page``), ``on_page_end(canvas, doc)`` once its flowables are drawn (for a
    running header that depends on what the page holds)."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=top_margin,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        subject=subject,
        creator="Klinik",
        invariant=1,
    )
    if on_page_end is not None:
        doc.afterPage = lambda: on_page_end(doc.canv, doc)  # reportlab's hook, before showPage
    kwargs: dict[str, Any] = {}
    if on_page is not None:
        kwargs["onFirstPage"] = on_page
    if on_page is not None or on_later_pages is not None:

        def later(canvas: Canvas, doc: Any) -> None:
            for draw in (on_page, on_later_pages):
                if draw is not None:
                    draw(canvas, doc)

        kwargs["onLaterPages"] = later
    if with_footer:
        kwargs["canvasmaker"] = _footer_canvas(printed_on or date.today(), footer_left)
    doc.build(flowables, **kwargs)
    return buffer.getvalue()


def content_width() -> float:
    """Usable width: the page less the margins and the frame's own 6 pt padding each side."""
    return PAGE[0] - 2 * MARGIN - 12


_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}  # fmt: skip


def safe_filename(name: str, *, suffix: str = ".pdf", max_length: int = 80) -> str:
    """A file name made from free text that every system accepts ('PT. Maju: Jaya?' ->
    'PT. Maju Jaya.pdf'; 'CON' -> 'CON_.pdf')."""
    normal = unicodedata.normalize("NFKC", name)
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "", normal)
    cleaned = re.sub(r"\s+", " ", cleaned).strip().rstrip(". ")
    cleaned = cleaned[:max_length].rstrip(". ") or "dokumen"
    if cleaned.split(".")[0].upper() in _WINDOWS_RESERVED:
        cleaned += "_"
    return cleaned + suffix
