"""The summary's layout: its styles, small formatters, and sections kept with their heading."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    Table,
)

from klinik.domain.formatting import format_date, format_hours
from klinik.domain.identifiers import format_bpom, format_pirt
from klinik.domain.vocab import (
    LicenceKind,
)
from klinik.reports import parts
from klinik.reports.base import (
    ACCENT,
    FONT_BOLD,
    styles,
    text,
)

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


def _kv_pairs(rows: list[tuple[str, Any]], st: _Styles, width: float) -> Table:
    """Label and value pairs in two columns each (four columns in all), read down."""
    return parts.kv_pairs(
        rows, width, label_style=st.label_cell, value_style=st["cell"], label_w=28 * mm,
        across=False,
    )  # fmt: skip


def _kv_list(
    rows: list[tuple[str, Any]], st: _Styles, width: float, label_w: float = 38 * mm
) -> Table:
    """Label and value pairs, one pair a row; the value may be long."""
    return parts.kv_list(
        rows, width, label_style=st.label_cell, value_style=st["cell"], label_w=label_w
    )
