"""Layout parts shared by the summary and the owner's copy: long text as paragraphs, a grid
whose right-aligned columns have right-aligned headings, "label : value" tables (two pairs a
row or one), a heading kept with what follows, and the shaded band of a session's heading."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, unescape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.fonts import tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.rl_config import paraFontSizeHeightOffset

from klinik.reports.base import (
    GRID,
    HEAD_BG,
    column_widths,
    grid_table,
    plain,
    styles,
    text,
    words_fit,
)


def lines(value: Any, style: ParagraphStyle, *, label: str = "") -> list[Flowable]:
    """Long user text as one paragraph per line, so it flows across pages; ``label`` is set
    in bold before the first line."""
    raw = ("" if value is None else str(value)).replace("\r\n", "\n").replace("\r", "\n")
    rows = raw.strip("\n").split("\n")
    while rows and not rows[-1].strip():
        rows.pop()
    while rows and not rows[0].strip():
        rows.pop(0)
    out: list[Flowable] = []
    for i, line in enumerate(rows):
        if not line.strip():
            out.append(Spacer(1, style.leading * 0.4))
            continue
        out.append(labelled(label if i == 0 else "", line, style))
    return out


def labelled(label: str, value: Any, style: ParagraphStyle) -> Paragraph:
    """One line of user text with ``label`` in bold before it: it prints as
    ``Paragraph("<b>label</b> value")`` (``Labelled``); no label, a plain paragraph."""
    paragraph = plain(value, style)
    if not label:
        return paragraph
    frags = paragraph.frags
    if len(frags) != 1 or not getattr(frags[0], "text", "").strip():  # line breaks, or nothing
        return Paragraph(f"<b>{text(label)}</b> {text(value)}", style)
    return Labelled(paragraph.text, style, frags=paragraph.frags, label=label)


def _words_of(frags: list[Any]) -> str | None:
    """The text of a paragraph of one run: as made, or as a split leaves it (its words)."""
    if len(frags) != 1:
        return None
    run = frags[0]
    return run.text if hasattr(run, "text") else " ".join(getattr(run, "words", []))


class Labelled(Paragraph):
    """A paragraph of plain text whose first line opens with a bold label ("Ringkasan:").

    It looks as the paragraph ``<b>label</b> text`` but is laid out as plain text, with the
    label's room (and the space after it) kept free on the first line, where the label is
    drawn: reportlab wraps a paragraph of one font about five times as fast as one that
    mixes fonts, and draws it twice as fast, which matters with hundreds of sessions. Read
    back, the text is the same: the label and its space come first.

    A first word too wide for what the label leaves of the line goes to the second line, as
    in the mixed paragraph: such a paragraph is laid out as that paragraph.
    """

    _label = ""
    _label_font = ""
    _label_room = 0.0

    def __init__(
        self,
        markup: Any,
        style: ParagraphStyle | None = None,
        bulletText: Any = None,  # noqa: N803 (reportlab's name: its split passes it)
        frags: Any = None,
        *,
        label: str = "",
    ):
        super().__init__(markup, style, bulletText=bulletText, frags=frags)
        if label:
            style = self.style
            self._label = unescape(text(label)) + " "
            self._label_font = tt2ps(style.fontName, 1, 0)
            self._label_room = stringWidth(
                self._label[:-1], self._label_font, style.fontSize
            ) + stringWidth(" ", style.fontName, style.fontSize)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if not self._label or availWidth < 1e-8:
            return super().wrap(availWidth, availHeight)
        style = self.style
        self.width = availWidth
        later = availWidth - style.leftIndent - style.rightIndent
        self._wrapWidths = [later - style.firstLineIndent - self._label_room, later]
        words = _words_of(self.frags)  # before breakLines, which may take them apart
        blPara = self.breakLines(self._wrapWidths)
        first = blPara.lines[0] if blPara.lines else None
        if blPara.kind != 0 or (first is not None and len(first[1]) == 1 and first[0] < -1e-8):
            return self._as_mixed(words).wrap(availWidth, availHeight)
        self.blPara = blPara
        self._offsets = [self._label_room, 0.0]  # the first line starts after the label
        self.height = len(blPara.lines) * style.leading
        return self.width, self.height

    def _as_mixed(self, words: str | None) -> Paragraph:
        """Become the mixed paragraph ``<b>label</b> words`` (and return it)."""
        markup = f"<b>{escape(self._label[:-1])}</b> {escape(words or '')}"
        self._label = ""
        self._setup(markup, self.style, None, None, cleanBlockQuotedText)
        return self

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        pieces = super().split(availWidth, availHeight)
        if self._label and len(pieces) == 2 and pieces[0] is not self:
            head = pieces[0]
            head._label, head._label_font = self._label, self._label_font
            head._label_room = self._label_room
        return pieces

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802 (reportlab's name)
        if self._label and self.blPara.lines:
            style = self.style
            canvas = self.canv
            canvas.saveState()
            canvas.setFillColor(style.textColor)
            top = style.fontSize if paraFontSizeHeightOffset else self.blPara.ascent
            label = canvas.beginText(style.leftIndent + style.firstLineIndent, self.height - top)
            label.setFont(self._label_font, style.fontSize, style.leading)
            label.textOut(self._label)
            canvas.drawText(label)
            canvas.restoreState()
        super().drawPara(debug)


def table(rows: list[list[Any]], width: float, right: tuple[int, ...] = ()) -> Table:
    """``grid_table`` whose right-aligned columns have right-aligned headings too; columns
    sized from their content within ``width``, so no word is cut ("Dicetak/PDF")."""
    head_right = ParagraphStyle("cell_head_right", parent=styles()["cell_head"], alignment=TA_RIGHT)
    head = [Paragraph(text(v), head_right) if c in right else v for c, v in enumerate(rows[0])]
    return grid_table([head, *rows[1:]], None, right_columns=right, width=width)


def _cell(value: Any, style: ParagraphStyle) -> Any:
    return value if isinstance(value, Flowable) else Paragraph(text(value), style)


def _kv_style(cells: list[list[Any]], widths: list[float], *, four: bool) -> Table:
    out = Table(cells, colWidths=widths)
    out.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
            + ([("LEFTPADDING", (2, 0), (2, -1), 10)] if four else [])
        )
    )
    return out


def kv_list(
    rows: list[tuple[str, Any]],
    width: float,
    *,
    label_style: ParagraphStyle,
    value_style: ParagraphStyle,
    label_w: float = 38 * mm,
) -> Table:
    """Label and value pairs, one pair a row; the value may be long (or a flowable)."""
    cells = [
        [Paragraph(text(label), label_style), _cell(value, value_style)] for label, value in rows
    ]
    widths = column_widths(cells, width, preferred=[label_w, width - label_w])
    return _kv_style(cells, widths, four=False)


def kv_pairs(
    rows: list[tuple[str, Any]],
    width: float,
    *,
    label_style: ParagraphStyle,
    value_style: ParagraphStyle,
    label_w: float,
    across: bool,
    fallback: bool = False,
) -> Table:
    """Label and value pairs, two pairs a row: read ``across`` (left to right, then down) or
    down the left half, then the right. With ``fallback``, one pair a row when the widest
    values could not print whole side by side (a long e-mail beside a record code)."""
    value_w = width / 2 - label_w
    pairs = list(rows)
    if len(pairs) % 2:
        pairs.append(("", ""))
    if across:
        couples = [pairs[i : i + 2] for i in range(0, len(pairs), 2)]
    else:
        half = len(pairs) // 2
        couples = [list(c) for c in zip(pairs[:half], pairs[half:], strict=True)]
    cells = []
    for couple in couples:
        row: list[Any] = []
        for label, value in couple:
            row.append(Paragraph(text(label), label_style))
            row.append(_cell(value, value_style))
        cells.append(row)
    padding = [12, 12, 16, 12]
    if fallback and not words_fit(cells, width, padding=padding):
        return kv_list(
            rows, width, label_style=label_style, value_style=value_style, label_w=label_w
        )
    widths = column_widths(
        cells, width, preferred=[label_w, value_w, label_w, value_w], padding=padding
    )
    return _kv_style(cells, widths, four=True)


def heading(title: str, style: ParagraphStyle, keep: float = 30 * mm) -> list[Flowable]:
    """A heading (plain text) that is never left alone at the foot of a page."""
    return [CondPageBreak(keep), Paragraph(text(title), style)]


class Band(Flowable):
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
