"""Layout parts shared by the summary and the owner's copy: long text as paragraphs, a grid
whose right-aligned columns have right-aligned headings, "label : value" tables (two pairs a
row or one), a heading kept with what follows, and the shaded band of a session's heading."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from klinik.reports.base import GRID, HEAD_BG, column_widths, grid_table, styles, text, words_fit


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
    prefix = f"<b>{text(label)}</b> " if label else ""
    for i, line in enumerate(rows):
        if not line.strip():
            out.append(Spacer(1, style.leading * 0.4))
            continue
        out.append(Paragraph((prefix if i == 0 else "") + text(line), style))
    return out


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
