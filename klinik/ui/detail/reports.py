"""The Laporan area's figures for a period, as the period report counts them (one rounding
of hours, the language's decimal mark)."""

from __future__ import annotations

from typing import Any

from klinik.domain.formatting import format_hours
from klinik.ui.areas.base import esc
from klinik.ui.fmt import fmt_date, fmt_money
from klinik.ui.i18n import tr


def _rows(items: list[Any], value) -> str:
    return (
        "".join(
            "<tr><td>"
            + esc(item.label)
            + "</td><td align='right'>"
            + esc(value(item))
            + "</td></tr>"
            for item in items
        )
        or "<tr><td class='muted'>–</td></tr>"
    )


def period_html(f: Any, lang: str = "id") -> str:
    def hours(minutes: int) -> str:
        return format_hours(minutes, locale=lang)

    figures = [
        (tr("UMKM didampingi"), f.clients_assisted),
        (tr("Klien baru"), f.new_clients),
        (tr("Sesi"), f.sessions),
        (tr("Jam pendampingan"), hours(f.minutes)),
        (tr("Izin diperoleh"), f.licences_total),
        (tr("Pembiayaan disetujui"), f"{f.financing_count} · {fmt_money(f.financing_approved)}"),
        (tr("Akses pasar baru"), f.market_total),
        (tr("Tenaga kerja baru"), f.jobs_created),
        (tr("UMKM naik kelas"), f.naik_kelas_count),
    ]
    kv = "".join(
        "<tr><td class='k'>" + esc(k) + "</td><td><b>" + esc(v) + "</b></td></tr>"
        for k, v in figures
    )
    sections = [
        (tr("Jam per bidang"), f.by_area, lambda i: hours(i.minutes)),
        (tr("Jam per kabupaten/kota"), f.by_kabupaten, lambda i: hours(i.minutes)),
        (tr("Izin diperoleh"), f.licences_by_kind, lambda i: i.count),
        (tr("Akses pasar baru"), f.market_by_channel, lambda i: i.count),
    ]
    parts = [
        "<h2>" + esc(fmt_date(f.date_from)) + " – " + esc(fmt_date(f.date_to)) + "</h2>",
        "<table class='kv'>" + kv + "</table>",
    ]
    for title, items, value in sections:
        parts.append(
            "<h3>" + esc(title) + "</h3><table class='grid'>" + _rows(items, value) + "</table>"
        )
    return "".join(parts)
