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
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from klinik.domain.formatting import format_date
from klinik.reports.base import (
    FONT_BOLD,
    MARGIN,
    PAGE,
    content_width,
    letterhead,
    para,
    render_pdf,
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


def build_letter_pdf(content: dict[str, Any], *, draft: bool = False) -> bytes:
    """A4 letter: kop, Nomor/Sifat/Lampiran/Hal with place and date, Yth., body with the
    client's identity, closing, signature block, Tembusan."""
    st = styles()
    width = content_width()
    on = date.fromisoformat(content["date"])
    story: list[Any] = [*letterhead(content.get("letterhead", {}), width)]

    place_date = f"{content.get('place') or ''}, {format_date(on)}".strip(", ")
    header_rows = [
        ("Nomor", content["number"]),
        ("Sifat", content.get("sifat") or "Biasa"),
        ("Lampiran", content.get("lampiran") or "-"),
        ("Hal", content["subject"]),
    ]
    # One table: label, colon, value, and the place and date on the Nomor line at the right,
    # as wide as they need: "Tamiang Layang, 22 November 2026" never leaves its year below.
    right = st["right"]
    date_width = max(62 * mm, stringWidth(place_date, right.fontName, right.fontSize) + 4 * mm)
    rows = [
        [para(k, st["body"]), para(":", st["body"]), para(v, st["body"]), ""]
        for k, v in header_rows
    ]
    rows[0][3] = para(place_date, st["right"])
    top = Table(
        rows,
        colWidths=[20 * mm, 4 * mm, width - 24 * mm - date_width, date_width],
        hAlign="LEFT",
    )
    top.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    story += [top, Spacer(1, 8 * mm)]

    story += [
        Paragraph(f"Yth. {text(content['addressee_title'])}", st["body"]),
        Paragraph("di", st["body"]),
        Paragraph(f"&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;{text(content['town'])}", st["body"]),
        Spacer(1, 6 * mm),
        Paragraph("Dengan hormat,", st["body"]),
        Spacer(1, 2 * mm),
    ]
    for block in content["body"]:
        if isinstance(block, dict) and "identity" in block:
            rows = [(label, value or "-") for label, value in block["identity"]]
            table = _kv_table(rows, 38 * mm, st["body"])
            indented = Table([[table]], colWidths=[width - 10 * mm])
            indented.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 10 * mm)]))
            story += [indented, Spacer(1, 3 * mm)]
        elif str(block).strip():
            story += [para(block, st["justify"]), Spacer(1, 3 * mm)]
    story += [para(CLOSING, st["justify"]), Spacer(1, 10 * mm)]

    signer = [
        para(content.get("signer_title") or "", st["body"]),
        Spacer(1, 24 * mm),  # room for the signature and the stamp
        para(content.get("signer_name") or "", st["body"], markup="<b><u>%s</u></b>"),
    ]
    sign_table = Table([["", signer]], colWidths=[width * 0.55, width * 0.45])
    sign_table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(KeepTogether(sign_table))

    copies = [c for c in content.get("tembusan") or [] if str(c).strip()]
    if copies:
        lines = [Paragraph("Tembusan:", st["small"])]
        lines += [para(f"{i}. {c}", st["small"]) for i, c in enumerate(copies, start=1)]
        story += [Spacer(1, 10 * mm), KeepTogether(lines)]

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

    def draw(canvas: Canvas, _doc: Any) -> None:
        width = PAGE[0] - 2 * MARGIN
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
