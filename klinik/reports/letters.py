"""The referral letter (surat rujukan) in the official format of tata naskah dinas.

It is drawn from a plain ``content`` dict (see ``klinik.services.letters.letter_content``),
never from the database, so an issued letter can be printed again identically. A ``notice``
in the content (a draft whose identity is masked) is a red box in the bottom margin of every
page, outside the letter's own layout: the draft breaks its pages as the issued letter will.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from klinik.domain.formatting import format_date
from klinik.reports.base import (
    FONT,
    FONT_BOLD,
    MARGIN,
    PAGE,
    content_width,
    letterhead,
    para,
    render_pdf,
    signature,
    styles,
    text,
)

CLOSING = "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."
NOTICE_RED = colors.HexColor("#b3261e")


def _kv_table(rows: list[tuple[str, str]], label_width: float, style) -> Table:
    """Label, aligned colon, value: the way Nomor/Sifat/Lampiran/Hal are set."""
    data = [[para(k, style), para(":", style), para(v, style)] for k, v in rows]
    table = Table(data, colWidths=[label_width, 4 * mm, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


# Paper sizes a letter can be printed on (the setting ``letter_paper``).
PAPERS = {"A4": PAGE, "F4": (215 * mm, 330 * mm)}


def _place_and_number(content: dict[str, Any], st: dict[str, Any], width: float) -> Table:
    """Nomor/Sifat/Lampiran/Hal with aligned colons, and the place and date on the Nomor
    line at the right, as wide as they need (the year never falls onto a line of its own)."""
    on = date.fromisoformat(content["date"])
    place_date = f"{content.get('place') or ''}, {format_date(on)}".strip(", ")
    header_rows = [
        ("Nomor", content["number"]),
        ("Sifat", content.get("sifat") or "Biasa"),
        ("Lampiran", content.get("lampiran") or "-"),
        ("Hal", content["subject"]),
    ]
    right = st["right"]
    date_width = max(62 * mm, stringWidth(place_date, right.fontName, right.fontSize) + 4 * mm)
    rows = [
        [para(k, st["body"]), para(":", st["body"]), para(v, st["body"]), ""]
        for k, v in header_rows
    ]
    rows[0][3] = para(place_date, right)
    top = Table(
        rows,
        colWidths=[20 * mm, 4 * mm, width - 24 * mm - date_width, date_width],
        hAlign="LEFT",
    )
    top.setStyle(TableStyle(_TIGHT))
    return top


_TIGHT = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
]


def signature_block(content: dict[str, Any], width: float, *, dated: bool = False) -> Table:
    """The letter's signer, from its frozen content (see ``base.signature``)."""
    place_date = ""
    if dated:
        on = date.fromisoformat(content["date"])
        place_date = f"{content.get('place') or ''}, {format_date(on)}".strip(", ")
    return signature(
        content.get("signer_title"), content.get("signer_name"), width,
        place_date=place_date, rank=content.get("signer_rank") or "",
        signer_id=content.get("signer_id") or "",
    )  # fmt: skip


def tembusan(content: dict[str, Any]) -> list[Any]:
    copies = [c for c in content.get("tembusan") or [] if str(c).strip()]
    if not copies:
        return []
    st = styles()
    lines: list[Any] = [Spacer(1, 6 * mm), Paragraph("Tembusan:", st["small"])]
    lines += [para(f"{i}. {c}", st["small"]) for i, c in enumerate(copies, start=1)]
    return lines


def identity_table(rows: list[tuple[str, str]], width: float) -> Table:
    """The person's identity, indented under the sentence that introduces it."""
    st = styles()
    table = _kv_table([(label, value or "-") for label, value in rows], 38 * mm, st["body"])
    indented = Table([[table]], colWidths=[width - 10 * mm])
    indented.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 10 * mm)]))
    return indented


def body_flowables(blocks: list[Any], width: float) -> list[Any]:
    st = styles()
    story: list[Any] = []
    for block in blocks:
        if isinstance(block, dict) and "identity" in block:
            story += [identity_table(block["identity"], width), Spacer(1, 3 * mm)]
        elif str(block).strip():
            story += [para(block, st["justify"]), Spacer(1, 3 * mm)]
    return story


def continuation_header(number: str) -> Any:
    """From page 2: the letter's number and the page, so a loose page finds its letter."""

    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(colors.HexColor("#3c4043"))
        y = doc.pagesize[1] - 12 * mm
        canvas.drawString(MARGIN, y, f"Nomor {number}")
        canvas.drawRightString(doc.pagesize[0] - MARGIN, y, f"Halaman {doc.page}")
        canvas.restoreState()

    return draw


class _Ending(Flowable):
    """The body's last paragraph followed by the closing, the signature block and the
    Tembusan. When they do not fit the page, the paragraph is split so that at least its
    last two lines go over with the rest: a signature or a Tembusan never stands alone on
    a page, and page 1 is not left half empty either."""

    def __init__(self, last: Flowable | None, rest: list[Flowable]):
        super().__init__()
        self.last, self.rest = last, rest
        self._heights: list[float] = []

    def _parts(self) -> list[Flowable]:
        return [self.last, *self.rest] if self.last is not None else list(self.rest)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heights = [f.wrap(avail_width, avail_height)[1] for f in self._parts()]
        self.width = avail_width
        return avail_width, sum(self._heights)

    def draw(self) -> None:
        y = sum(self._heights)
        for flowable, height in zip(self._parts(), self._heights, strict=True):
            y -= height
            flowable.drawOn(self.canv, 0, y)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        last, rest = self.last, self.rest
        together = KeepTogether(self._parts())
        if last is None or not isinstance(last, Paragraph):
            return together.splitOn(self.canv, avail_width, avail_height)
        last_height = self._heights[0]
        leading = last.style.leading
        # When the paragraph fits and the rest does not, its last two lines go with the rest.
        fits = last_height <= avail_height
        cut = last_height - 2 * leading - 1 if fits else avail_height
        parts = last.split(avail_width, cut) if cut > leading else []
        if len(parts) != 2:
            return together.splitOn(self.canv, avail_width, avail_height)
        head, tail = parts
        if not fits:
            return [head, _Ending(tail, rest)]  # a paragraph longer than the page
        return [head, KeepTogether([tail, *rest])]


def build_letter_pdf(content: dict[str, Any], *, draft: bool = False) -> bytes:
    """A letter: kop, Nomor/Sifat/Lampiran/Hal with place and date, Yth., body with the
    client's identity, closing, signature block, Tembusan; on one page when the content
    allows, else continued with the number and "Halaman N" at the top."""
    st = styles()
    width = content_width()
    story: list[Any] = [*letterhead(content.get("letterhead", {}), width)]
    story += [_place_and_number(content, st, width), Spacer(1, 7 * mm)]
    story += [
        Paragraph(f"Yth. {text(content['addressee_title'])}", st["body"]),
        Paragraph("di", st["body"]),
        Paragraph(f"&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;{text(content['town'])}", st["body"]),
        Spacer(1, 5 * mm),
        Paragraph("Dengan hormat,", st["body"]),
        Spacer(1, 2 * mm),
    ]
    body = body_flowables(content["body"], width)
    last = body[-2] if len(body) >= 2 and isinstance(body[-2], Paragraph) else None
    story += body[:-2] if last is not None else body
    closing = [
        Spacer(1, 3 * mm),
        para(CLOSING, st["justify"]),
        Spacer(1, 6 * mm),
        signature_block(content, width),
        *tembusan(content),
    ]
    if last is None:
        closing = closing[1:]
    story.append(_Ending(last, closing))
    return _render_letter(story, content, draft=draft)


def render_letter(content: dict[str, Any], *, draft: bool = False) -> bytes:
    """Any issued letter from its frozen content, by its kind."""
    if content.get("kind") == "keterangan":
        return build_certificate_pdf(content, draft=draft)
    return build_letter_pdf(content, draft=draft)


def build_certificate_pdf(content: dict[str, Any], *, draft: bool = False) -> bytes:
    """Surat Keterangan Pendampingan: kop, the title and number centred, who states it, the
    business's identity, the mentoring in figures, what was reached, the closing formula and
    the dated signature block."""
    st = styles()
    width = content_width()
    title = ParagraphStyle("cert_title", parent=st["center"], fontName=FONT_BOLD, fontSize=12,
                           leading=16)  # fmt: skip
    story: list[Any] = [*letterhead(content.get("letterhead", {}), width)]
    story += [
        para(content["title"], title, markup="<u>%s</u>"),
        para(f"Nomor: {content['number']}", st["center"]),
        Spacer(1, 8 * mm),
        para(content["opening"], st["body"]),
        Spacer(1, 1 * mm),
        identity_table(content["signer_table"], width),
        Spacer(1, 2 * mm),
        para(content["statement"], st["body"]),
        Spacer(1, 1 * mm),
        identity_table(content["identity"], width),
        Spacer(1, 3 * mm),
        para(content["mentored"], st["justify"]),
        Spacer(1, 3 * mm),
    ]
    achievements = content.get("achievements") or []
    reached: list[Any] = [para(content["reached"], st["justify"])]
    if achievements:
        rows = [
            [para(f"{i}.", st["body"]),
             para(f"{what} ({format_date(date.fromisoformat(on))})", st["body"])]
            for i, (on, what) in enumerate(achievements, start=1)
        ]  # fmt: skip
        items = Table(rows, colWidths=[8 * mm, width - 18 * mm], hAlign="LEFT")
        items.setStyle(TableStyle([*_TIGHT, ("LEFTPADDING", (0, 0), (0, -1), 10 * mm)]))
        items.setStyle(TableStyle([("LEFTPADDING", (0, 0), (0, -1), 0)]))
        indented = Table([[items]], colWidths=[width - 10 * mm])
        indented.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 10 * mm)]))
        reached += [Spacer(1, 1 * mm), indented]
    story += [*reached, Spacer(1, 3 * mm)]
    last = para(content["use"], st["justify"]) if content.get("use") else None
    closing = [
        Spacer(1, 3 * mm) if last is not None else Spacer(1, 0),
        para(content["closing"], st["justify"]),
        Spacer(1, 6 * mm),
        signature_block(content, width, dated=True),
    ]
    story.append(_Ending(last, closing))
    return _render_letter(story, content, draft=draft)


def _render_letter(story: list[Any], content: dict[str, Any], *, draft: bool) -> bytes:
    marks = []
    if draft:
        marks.append(_draft_watermark)
    if content.get("notice"):
        marks.append(_notice_in_margin(str(content["notice"])))

    def on_page(canvas: Canvas, doc: Any) -> None:
        for mark in marks:
            mark(canvas, doc)

    return render_pdf(
        story,
        title=f"Surat {content['number']} — {content['subject']}",
        subject=content["subject"],
        author=content.get("letterhead", {}).get("clinic_name") or "Klinik",
        with_footer=False,
        on_page=on_page if marks else None,
        on_later_pages=continuation_header(content["number"]),
        pagesize=PAPERS.get(str(content.get("paper") or "A4"), PAGE),
    )


def _draft_watermark(canvas: Canvas, _doc: Any) -> None:
    canvas.saveState()
    canvas.setFont(FONT_BOLD, 90)
    canvas.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.18))
    canvas.translate(105 * mm, 150 * mm)
    canvas.rotate(40)
    canvas.drawCentredString(0, 0, "DRAF")
    canvas.restoreState()


def _notice_in_margin(notice: str) -> Any:
    """A note to the consultant, not part of the letter: a red box in the bottom margin (a
    letter has no footer), the width of the text, up to three lines of small type."""
    style = ParagraphStyle(
        "notice", parent=styles()["small"], fontSize=8, leading=10, textColor=NOTICE_RED
    )
    pad = 2 * mm

    def draw(canvas: Canvas, doc: Any) -> None:
        width = doc.pagesize[0] - 2 * MARGIN
        paragraph = Paragraph(text(notice), style)
        _w, height = paragraph.wrapOn(canvas, width - 2 * pad, MARGIN)
        # just under the text area, never lower than 3 mm from the edge of the paper
        bottom = max(3 * mm, MARGIN - 3 * mm - height - 2 * pad)
        canvas.saveState()
        canvas.setStrokeColor(NOTICE_RED)
        canvas.setFillColor(colors.Color(0.7, 0.15, 0.12, alpha=0.06))
        canvas.setLineWidth(0.8)
        canvas.rect(MARGIN, bottom, width, height + 2 * pad, stroke=1, fill=1)
        paragraph.drawOn(canvas, MARGIN + pad, bottom + pad)
        canvas.restoreState()

    return draw
