"""A PDF list: A4 portrait when the columns' natural widths fit, landscape otherwise, no
word broken inside a cell, a footer naming the clinic; at most ``PDF_MAX_ROWS`` rows and
``PDF_MAX_COLUMNS`` columns."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from klinik.domain.formatting import format_number, format_rupiah
from klinik.errors import (
    FieldError,
    KnownError,
    ValidationError,
)
from klinik.exchange.cells import clean_text, shorten
from klinik.exchange.export.columns import Column
from klinik.exchange.export.csv_file import Tick
from klinik.exchange.export.plan import _note, _Plan
from klinik.reports import base as pdf

PDF_MAX_ROWS = 5000
# A landscape A4 page holds about fourteen readable columns (a portrait one about ten); the
# list turns landscape when its columns need it.
PDF_MAX_COLUMNS = 14


_PDF_MIN_WIDTH = {"date": 54.0, "number": 34.0, "money": 62.0, "text": 46.0}
_PDF_MIN_IDENTIFIER = 68.0  # 13 to 16 digits
_PDF_FONT_SIZE = 7
_PDF_PADDING = 3
_PDF_NATURAL_TEXT = 150.0  # a longer text wraps to more lines rather than asking for width
_PDF_PRE_CUT = 4000  # texts are measured at most this long, then cut to their column


def _pdf_pagesize(orientation: str) -> tuple[float, float]:
    from reportlab.lib.pagesizes import landscape

    return landscape(pdf.PAGE) if orientation == "landscape" else pdf.PAGE


def _pdf_content_width(orientation: str) -> float:
    """The frame's width: the page less the margins and the frame's 6 pt padding each side."""
    return _pdf_pagesize(orientation)[0] - 2 * pdf.MARGIN - 12


class _Measure:
    """Widths of words and lines in the list's cell font, each distinct word measured once."""

    def __init__(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        pdf.register_fonts()
        self._width = stringWidth
        self._cache: dict[tuple[str, str], float] = {}
        self.space = stringWidth(" ", pdf.FONT, _PDF_FONT_SIZE)

    def word(self, word: str, font: str = pdf.FONT) -> float:
        key = (font, word)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._width(word, font, _PDF_FONT_SIZE)
        return found

    def text(self, text: str, font: str = pdf.FONT) -> tuple[float, float]:
        """(widest word, whole text on one line)."""
        words = text.split()
        if not words:
            return 0.0, 0.0
        widths = [self.word(w, font) for w in words]
        return max(widths), sum(widths) + self.space * (len(words) - 1)


def _pdf_measure(
    columns: Sequence[Column], texts: Iterable[Sequence[str]] = ()
) -> tuple[list[float], list[float]]:
    """Per column, the least width (its widest word, header or cell, so that no word is
    broken; at least the type's minimum) and the natural width (its widest cell on one
    line, a text column at most ``_PDF_NATURAL_TEXT``)."""
    measure = _Measure()
    pad = 2 * _PDF_PADDING + 1
    # One word wider than a third of a landscape page is let overflow rather than taking it.
    word_cap = _pdf_content_width("landscape") / 3
    least, natural = [], []
    for c in columns:
        floor = _PDF_MIN_IDENTIFIER if c.identifier else _PDF_MIN_WIDTH[c.type]
        # reportlab breaks lines at spaces only: "Kabupaten/kota" is one word.
        head = measure.text(c.header, pdf.FONT_BOLD)[0]
        least.append(max(floor, head + pad))
        natural.append(least[-1])
    for row in texts:
        for i, text in enumerate(row):
            if not text:
                continue
            word, line = measure.text(text)
            least[i] = max(least[i], min(word, word_cap) + pad)
            natural[i] = max(natural[i], line + pad)
    for i, c in enumerate(columns):
        if c.type == "text" and not c.identifier:
            natural[i] = min(natural[i], max(_PDF_NATURAL_TEXT, least[i]))
        natural[i] = max(natural[i], least[i])
    return least, natural


def _pdf_share(
    columns: Sequence[Column], least: list[float], natural: list[float], width: float
) -> list[float]:
    """``width`` shared: each column its least, then toward its natural width, then what is
    left to the text columns after their weight."""
    widths = list(least)
    spare = width - sum(widths)
    gaps = [n - w for n, w in zip(natural, widths, strict=True)]
    wanted = sum(gaps)
    if wanted > 0 and spare > 0:
        take = min(1.0, spare / wanted)
        widths = [w + g * take for w, g in zip(widths, gaps, strict=True)]
        spare -= wanted * take
    if spare > 0:
        growing = [i for i, c in enumerate(columns) if c.type == "text" and not c.identifier]
        growing = growing or list(range(len(columns)))
        weight = sum(columns[i].width for i in growing)
        for i in growing:
            widths[i] += spare * columns[i].width / weight
    return widths


def _pdf_layout(
    columns: Sequence[Column], texts: Iterable[Sequence[str]] = ()
) -> tuple[str, list[float]] | None:
    """The orientation and the column widths: portrait when the columns' natural widths fit
    it, otherwise landscape; None when even their least widths exceed a landscape page."""
    least, natural = _pdf_measure(columns, texts)
    if sum(natural) <= _pdf_content_width("portrait"):
        return "portrait", _pdf_share(columns, least, natural, _pdf_content_width("portrait"))
    width = _pdf_content_width("landscape")
    if sum(least) <= width:
        return "landscape", _pdf_share(columns, least, natural, width)
    return None


def _pdf_check_columns(columns: Sequence[Column]) -> None:
    """Before any row is read: at most ``PDF_MAX_COLUMNS`` columns, and headers that fit."""
    if len(columns) > PDF_MAX_COLUMNS:
        raise ValidationError(
            FieldError(
                "columns",
                f"PDF memuat paling banyak {PDF_MAX_COLUMNS} kolom; ekspor ini menulis "
                f"{len(columns)} kolom (termasuk kolom pengganti data pribadi). Kurangi "
                "kolomnya atau pakai XLSX/CSV.",
            )
        )
    if _pdf_layout(columns) is None:
        least, _ = _pdf_measure(columns)
        raise ValidationError(
            FieldError(
                "columns",
                f"Kolom yang dipilih ({len(columns)}) perlu lebar paling sedikit "
                f"{sum(least) / 72 * 2.54:.0f} cm; halaman A4 mendatar memuat "
                f"{_pdf_content_width('landscape') / 72 * 2.54:.0f} cm. Kurangi kolomnya atau "
                "pakai XLSX/CSV.",
            )
        )


def _pdf_cell_styles() -> tuple[Any, Any, Any]:
    """The list's cell, right-aligned (numbers, money) and header styles. splitLongWords=0:
    a word is never broken inside a cell; the column widths make room for it."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    st = pdf.styles()
    cell = ParagraphStyle(
        "export_cell", parent=st["cell"], fontSize=_PDF_FONT_SIZE, leading=_PDF_FONT_SIZE + 1.6,
        splitLongWords=0,
    )  # fmt: skip
    right = ParagraphStyle("export_right", parent=cell, alignment=TA_RIGHT, splitLongWords=0)
    head = ParagraphStyle("export_head", parent=cell, fontName=pdf.FONT_BOLD, splitLongWords=0)
    return cell, right, head


def _write_pdf(
    path: Path, plan: _Plan, pages: Iterable[list[list[Any]]], tick: Tick, meta: dict[str, Any]
) -> int:
    from reportlab.platypus import Paragraph, TableStyle

    st = pdf.styles()
    cell, right, head = _pdf_cell_styles()
    types = [c.type for c in plan.columns]
    grouped = [c.grouped for c in plan.columns]
    texts: list[list[str]] = []
    for page in pages:
        if len(texts) + len(page) > PDF_MAX_ROWS:
            raise KnownError(_pdf_too_long(len(texts) + len(page)))
        for values in page:
            texts.append(
                [
                    _pdf_cell(v, t, _PDF_PRE_CUT, g)
                    for v, t, g in zip(values, types, grouped, strict=True)
                ]
            )
        tick(len(texts))
    layout = _pdf_layout(plan.columns, texts)
    if layout is None:
        # Some cell words are too long for every column to hold its widest word: the
        # headers' widths (checked before) and the rest shared after the words' needs.
        least, _ = _pdf_measure(plan.columns)
        words, _ = _pdf_measure(plan.columns, texts)
        layout = (
            "landscape",
            _pdf_share(plan.columns, least, words, _pdf_content_width("landscape")),
        )
    orientation, widths = layout
    # A cell taller than a page cannot be laid out: long text is cut to about 30 lines.
    limits = [max(40, int(30 * w / 3.6)) for w in widths]
    styles = [right if t in ("number", "money") else cell for t in types]
    table: list[list[Any]] = [[Paragraph(pdf.text(c.header), head) for c in plan.columns]]
    for row in texts:
        table.append(
            [
                Paragraph(pdf.text(shorten(text, limit)), style)
                for text, limit, style in zip(row, limits, styles, strict=True)
            ]
        )
    rows = len(texts)
    del texts
    grid = pdf.grid_table(table, widths)
    grid.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), _PDF_PADDING),
                              ("RIGHTPADDING", (0, 0), (-1, -1), _PDF_PADDING)]))  # fmt: skip
    flowables: list[Any] = [
        pdf.para(meta["title"], st["title"]),
        pdf.para(
            f"Dibuat {meta['created'].strftime('%d/%m/%Y %H.%M')}"
            + (f" oleh {meta['actor']}" if meta.get("actor") else "")
            + f" · {format_number(rows)} baris · Filter: {meta['filters_text']}",
            st["muted"],
        ),
    ]
    note = _note(meta)
    if note:
        flowables.append(pdf.para(note, st["muted"]))
    flowables.append(pdf.para(" ", st["small"]))
    flowables.append(grid)

    def on_page(canvas: Any, doc: Any) -> None:
        meta["check"]()

    clinic = meta.get("clinic_name") or "Klinik"
    data = _render_list_pdf(
        flowables,
        pagesize=_pdf_pagesize(orientation),
        title=meta["title"],
        author=meta.get("actor") or clinic,
        footer_left=f"{clinic} · {meta['title']}",
        on_page=on_page,
    )
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return rows


def _render_list_pdf(
    flowables: list[Any],
    *,
    pagesize: tuple[float, float],
    title: str,
    author: str,
    footer_left: str,
    on_page: Callable[[Any, Any], None],
) -> bytes:
    """``pdf.render_pdf`` for a page of either orientation: the same margins, metadata,
    invariant bytes and footer ('Halaman X dari Y · Dicetak ...'), drawn at this page's
    right edge. (The letters' ``render_pdf`` knows A4 portrait only.)"""
    import io

    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    from klinik.domain.formatting import format_date

    printed = format_date(date.today())

    class ListCanvas(Canvas):
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
                self.saveState()
                self.setFont(pdf.FONT, 8)
                self.setFillColor(colors.HexColor("#5f6368"))
                y = 12 * mm
                self.drawString(pdf.MARGIN, y, footer_left)
                self.drawRightString(
                    pagesize[0] - pdf.MARGIN,
                    y,
                    f"Halaman {self._pageNumber} dari {total} · Dicetak {printed}",
                )
                self.restoreState()
                super().showPage()
            super().save()

    pdf.register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=pagesize, leftMargin=pdf.MARGIN, rightMargin=pdf.MARGIN,
        topMargin=pdf.MARGIN, bottomMargin=pdf.MARGIN, title=title, author=author,
        creator="Klinik", invariant=1,
    )  # fmt: skip
    doc.build(flowables, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=ListCanvas)
    return buffer.getvalue()


def _pdf_cell(value: Any, type_: str, limit: int, grouped: bool = True) -> str:
    if value is None:
        return ""
    if type_ == "date" and isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if type_ == "money" and isinstance(value, (int, float)):
        return format_rupiah(value)
    if type_ == "number" and type(value) is int and not grouped:
        return str(value)
    if type_ == "number" and isinstance(value, (int, float)):
        return format_number(value)
    return shorten(clean_text(value), limit)


def _pdf_too_long(rows: int) -> str:
    return (
        f"Ekspor PDF paling banyak {format_number(PDF_MAX_ROWS)} baris; daftar ini "
        f"{format_number(rows)} baris. Pakai CSV atau XLSX untuk daftar sebesar ini, atau "
        "persempit filternya."
    )
