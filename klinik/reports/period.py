"""Laporan periode pendampingan UMKM: what the clinic did and achieved in a period, for a
funder or the head of the clinic (DOMAIN.md, "Outcome indicators a funder asks for").

Every figure comes from ``klinik.services.reporting.period_figures``; this module only lays
them out: headline figures, a chart of hours by area and of sessions by mode, tables by area,
kabupaten, licence kind, financing scheme and market channel, the businesses that naik kelas,
and a closing signature block.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from klinik.domain.formatting import (
    format_date,
    format_decimal,
    format_hours,
    format_number,
    format_rupiah,
    hours,
)
from klinik.reports.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    GRID,
    content_width,
    grid_table,
    letterhead,
    para,
    render_pdf,
    signature,
    styles,
    text,
)

TITLE = "LAPORAN PERIODE PENDAMPINGAN UMKM"
# Businesses listed by name under "naik kelas"; the rest are counted ("dan N lainnya").
NAIK_KELAS_LISTED = 20
# Financing institutions listed by name; the rest are summed in one row.
INSTITUTIONS_LISTED = 8
# Calm, print-friendly colours for the charts (the accent first).
CHART_COLOURS = [
    ACCENT,
    colors.HexColor("#4f8fc0"),
    colors.HexColor("#8fb8d8"),
    colors.HexColor("#d9a441"),
    colors.HexColor("#7a9a5a"),
    colors.HexColor("#b5651d"),
    colors.HexColor("#8c6bb1"),
    colors.HexColor("#9aa5b1"),
]


def period_words(date_from: date, date_to: date) -> str:
    """ "1 Januari 2026 – 31 Maret 2026" (one day: "5 Mei 2026")."""
    if date_from == date_to:
        return format_date(date_from)
    return f"{format_date(date_from)} – {format_date(date_to)}"


def hours_text(minutes: int) -> str:
    """Hours with at most one decimal, Indonesian style: 90 minutes -> "1,5". The tables,
    the headline and the chart all print hours through this one rounding."""
    return format_hours(minutes, 1)


def _count(n: int) -> str:
    return format_number(int(n))


# --- pieces -----------------------------------------------------------------------------------


def _filters_text(report: Any) -> str:
    who = "semua konsultan" if report.consultant_name is None else report.consultant_name
    where = "seluruh kabupaten/kota" if report.kabupaten_name is None else report.kabupaten_name
    return f"Konsultan: {who} · Kabupaten/kota: {where}"


def _headline(figures: Any, width: float) -> Table:
    st = styles()
    number = ParagraphStyle(
        "headline_number",
        parent=st["body"],
        fontName=FONT_BOLD,
        fontSize=14,
        leading=17,
        alignment=TA_CENTER,
        textColor=ACCENT,
    )
    label = ParagraphStyle(
        "headline_label", parent=st["small"], alignment=TA_CENTER, textColor=colors.black
    )
    boxes = [
        (_count(figures.clients_assisted), "UMKM didampingi"),
        (_count(figures.new_clients), "Klien baru terdaftar"),
        (_count(figures.sessions), "Sesi pendampingan"),
        (hours_text(figures.minutes), "Jam pendampingan"),
        (_count(figures.licences_total), "Izin usaha diperoleh"),
        (_count(figures.financing_count), "Pembiayaan disetujui"),
        (format_rupiah(figures.financing_approved), "Nilai pembiayaan disetujui"),
        (_count(figures.market_total), "Akses pasar baru"),
        (_count(figures.naik_kelas_count), "UMKM naik kelas"),
        (_count(figures.jobs_created), "Tenaga kerja baru"),
        (_count(figures.businesses_started), "Usaha baru berdiri"),
        (
            format_rupiah(figures.omzet_after - figures.omzet_before)
            if figures.omzet_clients
            else "–",
            f"Perubahan omzet setahun\n({_count(figures.omzet_clients)} UMKM)",
        ),
    ]
    per_row = 3
    box = width / per_row - 12  # the cell's padding

    def fitted(value: str) -> Paragraph:
        # A long amount (Rp145.917.000.000) shrinks to stay on one line.
        size = min(number.fontSize, box / max(stringWidth(value, FONT_BOLD, 1), 1))
        style = ParagraphStyle("headline_fit", parent=number, fontSize=size, leading=number.leading)
        return Paragraph(text(value), style)

    cells = [[fitted(value), Paragraph(text(caption), label)] for value, caption in boxes]
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    table = Table(rows, colWidths=[width / per_row] * per_row)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.6, GRID),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f7f9fb")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _chart_number(value: float) -> str:
    """Hours on the chart's bars and axis, as in the tables: one decimal, decimal comma."""
    return format_decimal(value, 1)


def _bar_chart(figures: Any, width: float, height: float) -> Drawing:
    """Hours of mentoring by area as horizontal bars: the area names read level on the left."""
    rows = figures.by_area
    font_size = 7
    drawing = Drawing(width, height)
    drawing.add(
        String(0, height - 10, "Jam pendampingan per bidang", fontName=FONT_BOLD, fontSize=9)
    )
    label_width = max(stringWidth(r.label, FONT, font_size) for r in rows) + 6
    values = [float(hours(r.minutes, 1)) for r in rows]  # rounded as the table's figures
    value_room = stringWidth(_chart_number(max(values)), FONT, font_size) + 8
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 14
    chart.width = width - label_width - value_room
    chart.height = height - chart.y - 20
    chart.data = [values]
    chart.categoryAxis.categoryNames = [r.label for r in rows]
    chart.categoryAxis.reverseDirection = 1  # the first area on top, as in the table
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = font_size
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeColor = GRID
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = font_size
    chart.valueAxis.labelTextFormat = _chart_number
    chart.valueAxis.strokeColor = GRID
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.maximumTicks = 6
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = _chart_number
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = font_size
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barSpacing = 2
    chart.groupSpacing = 4
    drawing.add(chart)
    return drawing


def _pie_chart(figures: Any, width: float, height: float) -> Drawing:
    """Sessions by mode, with a legend giving each mode's share."""
    rows = [r for r in figures.by_mode if r.sessions]
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, "Sesi menurut cara", fontName=FONT_BOLD, fontSize=9))
    total = sum(r.sessions for r in rows) or 1
    size = min(width * 0.5, height - 60)
    pie = Pie()
    pie.x, pie.y = (width - size) / 2, height - 20 - size
    pie.width = pie.height = size
    pie.data = [r.sessions for r in rows]
    pie.labels = None
    pie.simpleLabels = 1
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.8
    for i in range(len(rows)):
        pie.slices[i].fillColor = CHART_COLOURS[i % len(CHART_COLOURS)]
    drawing.add(pie)
    legend = Legend()
    legend.x, legend.y = 4, pie.y - 8
    legend.alignment = "right"
    legend.fontName = FONT
    legend.fontSize = 7
    legend.boxAnchor = "nw"
    legend.columnMaximum = 4
    legend.dx = legend.dy = 6
    legend.deltay = 9
    legend.strokeWidth = 0
    legend.strokeColor = None
    legend.colorNamePairs = [
        (
            CHART_COLOURS[i % len(CHART_COLOURS)],
            f"{r.label}: {_count(r.sessions)} ({format_decimal(100 * r.sessions / total, 0)}%)",
        )
        for i, r in enumerate(rows)
    ]
    drawing.add(legend)
    return drawing


def _charts(figures: Any, width: float) -> Flowable:
    height = 62 * mm
    bar_width = width * 0.62
    pie_width = width - bar_width - 6 * mm
    table = Table(
        [[_bar_chart(figures, bar_width, height), "", _pie_chart(figures, pie_width, height)]],
        colWidths=[bar_width, 6 * mm, pie_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _grid(rows: list[list[Any]], widths: list[float], right_columns: tuple[int, ...] = ()) -> Table:
    """``grid_table`` with the headings of number columns aligned right, over their numbers."""
    st = styles()
    head_right = ParagraphStyle("cell_head_right", parent=st["cell_head"], alignment=TA_RIGHT)
    head = [
        para(v, head_right if c in right_columns else st["cell_head"])
        for c, v in enumerate(rows[0])
    ]
    return grid_table([head, *rows[1:]], widths, right_columns=right_columns)


def _with_total(rows: list[list[Any]], total: list[Any]) -> list[list[Any]]:
    st = styles()
    bold = [para(v, st["cell_head"]) for v in total[:1]]
    bold += [para(v, ParagraphStyle("total_right", parent=st["cell_right"], fontName=FONT_BOLD))
             for v in total[1:]]  # fmt: skip
    return [*rows, bold]


def _section(title: str, *content: Flowable) -> KeepTogether:
    return KeepTogether([Paragraph(text(title), styles()["h2"]), *content])


def _empty(message: str) -> Paragraph:
    return para(message, styles()["muted"])


def _activity_tables(figures: Any, width: float) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = []
    if figures.sessions:
        out.append(_charts(figures, width))
        out.append(Spacer(1, 3 * mm))
        area_rows = [["Bidang pendampingan", "Sesi", "Jam"]]
        area_rows += [[r.label, _count(r.sessions), hours_text(r.minutes)] for r in figures.by_area]
        area_table = _grid(area_rows, [width * 0.6, width * 0.2, width * 0.2], right_columns=(1, 2))
        out.append(area_table)
        out.append(
            para(
                "Satu sesi dapat mencakup lebih dari satu bidang; sesi seperti itu dihitung "
                "penuh pada setiap bidangnya, sehingga jumlah per bidang dapat melebihi total "
                f"{_count(figures.sessions)} sesi / {hours_text(figures.minutes)} jam.",
                st["muted"],
            )
        )
    else:
        out.append(_empty("Tidak ada sesi pendampingan yang terlaksana pada periode ini."))
    return out


def _kabupaten_table(figures: Any, width: float) -> Flowable:
    rows = [["Kabupaten/kota", "UMKM didampingi", "Sesi", "Jam"]]
    rows += [
        [r.label, _count(r.clients or 0), _count(r.sessions), hours_text(r.minutes)]
        for r in figures.by_kabupaten
    ]
    rows = _with_total(
        rows,
        ["Jumlah", _count(figures.clients_assisted), _count(figures.sessions),
         hours_text(figures.minutes)],
    )  # fmt: skip
    return _grid(
        rows, [width * 0.46, width * 0.2, width * 0.16, width * 0.18], right_columns=(1, 2, 3)
    )


def _licence_table(figures: Any, width: float) -> Flowable:
    if not figures.licences_by_kind:
        return _empty("Belum ada izin usaha yang tercatat terbit pada periode ini.")
    rows = [["Jenis izin", "Jumlah"]]
    rows += [[r.label, _count(r.count)] for r in figures.licences_by_kind]
    rows = _with_total(rows, ["Jumlah", _count(figures.licences_total)])
    return _grid(rows, [width * 0.7, width * 0.3], right_columns=(1,))


def _financing(figures: Any, width: float) -> list[Flowable]:
    st = styles()
    if not figures.financing_count:
        return [_empty("Belum ada pembiayaan yang tercatat pada periode ini.")]
    out: list[Flowable] = [
        para(
            f"{_count(figures.financing_count)} pembiayaan disetujui senilai "
            f"{format_rupiah(figures.financing_approved)} dari "
            f"{format_rupiah(figures.financing_requested)} yang diajukan.",
            st["body"],
        ),
        Spacer(1, 2 * mm),
    ]
    widths = [width * 0.34, width * 0.14, width * 0.26, width * 0.26]
    head = ["Jumlah", "Disetujui", "Diajukan"]
    rows = [["Skema", *head]]
    rows += [
        [r.label, _count(r.count), format_rupiah(r.approved), format_rupiah(r.requested)]
        for r in figures.financing_by_scheme
    ]
    total = ["Jumlah", _count(figures.financing_count), format_rupiah(figures.financing_approved),
             format_rupiah(figures.financing_requested)]  # fmt: skip
    out.append(_grid(_with_total(rows, total), widths, right_columns=(1, 2, 3)))
    out.append(Spacer(1, 3 * mm))
    institutions = figures.financing_by_institution
    rows = [["Lembaga", *head]]
    for r in institutions[:INSTITUTIONS_LISTED]:
        rows.append(
            [r.label, _count(r.count), format_rupiah(r.approved), format_rupiah(r.requested)]
        )
    rest = institutions[INSTITUTIONS_LISTED:]
    if rest:
        rows.append(
            [
                f"{_count(len(rest))} lembaga lainnya",
                _count(sum(r.count for r in rest)),
                format_rupiah(sum(r.approved for r in rest)),
                format_rupiah(sum(r.requested for r in rest)),
            ]
        )
    out.append(_grid(rows, widths, right_columns=(1, 2, 3)))
    return out


def _market_table(figures: Any, width: float) -> Flowable:
    if not figures.market_by_channel:
        return _empty("Belum ada akses pasar baru yang tercatat pada periode ini.")
    rows = [["Saluran pasar", "UMKM/kejadian"]]
    rows += [[r.label, _count(r.count)] for r in figures.market_by_channel]
    rows = _with_total(rows, ["Jumlah", _count(figures.market_total)])
    return _grid(rows, [width * 0.7, width * 0.3], right_columns=(1,))


def _size(figures: Any, width: float) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = []
    if not figures.size_compared:
        return [
            _empty(
                "Belum ada UMKM dengan dua data omzet/modal yang dapat dibandingkan pada "
                "periode ini."
            )
        ]
    lines = [
        f"{_count(figures.naik_kelas_count)} dari {_count(figures.size_compared)} UMKM yang "
        "data usahanya diperbarui pada periode ini naik kelas (PP 7/2021)."
    ]
    if figures.omzet_clients:
        lines.append(
            f"Omzet per tahun {_count(figures.omzet_clients)} UMKM: "
            f"{format_rupiah(figures.omzet_before)} sebelum, "
            f"{format_rupiah(figures.omzet_after)} sesudah."
        )
    if figures.workers_clients:
        lines.append(
            f"Tenaga kerja {_count(figures.workers_clients)} UMKM: "
            f"{_count(figures.workers_before)} orang sebelum, "
            f"{_count(figures.workers_after)} orang sesudah."
        )
    out.extend(para(line, st["body"]) for line in lines)
    if figures.naik_kelas:
        out.append(Spacer(1, 2 * mm))
        rows: list[list[Any]] = [
            ["No", "Nama usaha", "Kelas sebelum", "Kelas sesudah", "Omzet sebelum",
             "Omzet sesudah"]
        ]  # fmt: skip
        for i, r in enumerate(figures.naik_kelas, start=1):
            name = Paragraph(
                f'{text(r.business_name)}<br/><font size="7" color="#5f6368">'
                f"{text(r.kabupaten)}</font>",
                st["cell"],
            )
            rows.append(
                [
                    str(i),
                    name,
                    r.before.label,
                    r.after.label,
                    format_rupiah(r.omzet_before) or "–",
                    format_rupiah(r.omzet_after) or "–",
                ]
            )
        fixed = [9 * mm, 22 * mm, 22 * mm, 36 * mm, 36 * mm]
        widths = [fixed[0], width - sum(fixed), *fixed[1:]]
        out.append(_grid(rows, widths, right_columns=(0, 4, 5)))
        more = figures.naik_kelas_count - len(figures.naik_kelas)
        if more > 0:
            out.append(para(f"dan {_count(more)} lainnya.", st["muted"]))
    return out


def _closing(settings: dict[str, Any], printed_on: date, width: float) -> Table:
    town = settings.get("clinic_town") or ""
    return signature(
        settings.get("signer_title"), settings.get("signer_name"), width,
        place_date=f"{town}, {format_date(printed_on)}" if town else format_date(printed_on),
        rank=settings.get("signer_rank") or "", signer_id=settings.get("signer_id") or "",
    )  # fmt: skip


# "Cara menghitung": the rule behind each figure, in plain words (the service's counting rules,
# klinik.services.reporting, said for the reader of the report).
MENTORED = (
    "hanya bila UMKM itu sudah didampingi pada tanggal tersebut, yaitu sudah punya kasus "
    "yang dibuka atau sesi yang terlaksana pada tanggal itu atau sebelumnya"
)
COUNTING_RULES: tuple[tuple[str, str], ...] = (
    (
        "UMKM didampingi",
        "UMKM yang mendapat paling sedikit satu sesi yang sudah terlaksana pada periode ini; "
        "sesi yang dijadwalkan sesudah tanggal cetak belum dihitung.",
    ),
    ("Klien baru terdaftar", "klien yang tanggal daftarnya jatuh pada periode ini."),
    (
        "Sesi dan jam pendampingan",
        "sesi yang terlaksana pada periode ini. Jam adalah jumlah menit dibagi 60, dibulatkan "
        "satu angka di belakang koma (5 ke atas), sama di tabel dan di grafik. Sesi dengan "
        "beberapa bidang dihitung penuh pada setiap bidangnya.",
    ),
    (
        "Izin usaha diperoleh",
        "hasil 'izin diperoleh' dan data izin yang terbit pada periode ini, "
        + MENTORED
        + ". Izin yang sudah dimiliki sebelum UMKM datang ke klinik tidak dihitung. Izin yang "
        "tercatat di kedua tempat dihitung sekali (per UMKM dan jenis izin, diambil jumlah "
        "terbesar dari kedua catatan).",
    ),
    (
        "Pembiayaan, akses pasar, tenaga kerja baru dan usaha baru berdiri",
        "hasil yang tanggalnya jatuh pada periode ini, " + MENTORED + ". Nilai pembiayaan "
        "adalah jumlah yang disetujui; tenaga kerja baru adalah jumlah orang yang dicatat.",
    ),
    (
        "Naik kelas dan perubahan omzet",
        "kelas usaha (PP 7/2021; omzet menentukan, modal usaha bila omzet tidak ada) dari data "
        "terakhir sebelum periode dibandingkan dengan data terakhir di dalam periode; data "
        "yang sudah dikoreksi memakai versi terbarunya. Omzet dan tenaga kerja sebelum dan "
        "sesudah membandingkan dua data yang sama.",
    ),
    (
        "Saringan konsultan",
        "sesi yang dilakukan konsultan itu, dan hasil dari kasusnya (hasil tanpa kasus: bila "
        "UMKM punya kasus konsultan itu).",
    ),
)


def _notes(figures: Any) -> list[Flowable]:
    st = styles()
    rule = ParagraphStyle("rule", parent=st["muted"], leftIndent=8, bulletIndent=0,
                          spaceAfter=1.5)  # fmt: skip
    rules = list(COUNTING_RULES)
    if figures.consultant_id is None:
        rules = rules[:-1]
    out: list[Flowable] = [Paragraph(text("Cara menghitung"), st["h2"])]
    for name, how in rules:
        out.append(Paragraph(f"<b>{text(name)}</b>: {text(how)}", rule, bulletText="•"))
    if figures.planned_sessions:
        out.append(
            para(
                f"{_count(figures.planned_sessions)} sesi terjadwal sesudah "
                f"{format_date(figures.held_to)} tidak termasuk dalam angka di atas.",
                rule,
            )
        )
    return out


# --- the report -------------------------------------------------------------------------------


def period_report_pdf(report: Any, *, settings: dict[str, Any], printed_on: date) -> bytes:
    """The period report as PDF bytes (A4) from its ``PeriodReport`` (klinik.services.reporting):
    the figures, the period and the filters' names."""
    figures = report.figures
    date_from, date_to = report.date_from, report.date_to
    st = styles()
    width = content_width()
    centred_title = ParagraphStyle("period_title", parent=st["title"], alignment=TA_CENTER)
    period = period_words(date_from, date_to)
    story: list[Flowable] = [
        *letterhead(settings, width),
        Paragraph(text(TITLE), centred_title),
        para(f"Periode {period}", st["center"]),
        para(_filters_text(report), st["center"]),
        Spacer(1, 5 * mm),
        _headline(figures, width),
        Paragraph(text("Sesi dan jam pendampingan"), st["h2"]),
        *_activity_tables(figures, width),
    ]
    if figures.sessions:
        story.append(_section("Pendampingan per kabupaten/kota", _kabupaten_table(figures, width)))
    story.append(_section("Izin usaha yang diperoleh", _licence_table(figures, width)))
    financing = _financing(figures, width)
    story.append(_section("Pembiayaan", *financing[:3]))
    story.extend(financing[3:])
    story.append(_section("Akses pasar baru", _market_table(figures, width)))
    size = _size(figures, width)
    story.append(_section("Omzet, tenaga kerja dan naik kelas", *size[:2]))
    story.extend(size[2:])
    # The notes go with the signature, so a page never holds the signature alone.
    story.append(
        KeepTogether([*_notes(figures), Spacer(1, 8 * mm), _closing(settings, printed_on, width)])
    )
    return render_pdf(
        story,
        title=f"Laporan periode pendampingan UMKM {period}",
        subject="Laporan periode pendampingan UMKM",
        footer_left="Laporan periode pendampingan UMKM",
        printed_on=printed_on,
    )
