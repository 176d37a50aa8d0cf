"""The owner's copy: how its values print (dates, moments, phones, labels) and its
layout helpers (styles, long cell text set under the table)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
)

from klinik.domain.formatting import format_date, format_datetime, format_rupiah
from klinik.domain.identifiers import format_phone
from klinik.domain.labels import FIELD_LABELS
from klinik.domain.vocab import (
    ConsentPurpose,
    Education,
    Gender,
    LegalForm,
    Vocab,
)
from klinik.reports import parts
from klinik.reports.base import (
    ACCENT,
    FONT_BOLD,
    styles,
    text,
)

DASH = "–"
YES, NO = "Ya", "Tidak"

# Client fields that FIELD_LABELS does not name (the record's own bookkeeping).
_RECORD_LABELS = {
    "id": "Nomor klien",
    "uid": "Kode rekaman",
    "created_at": "Dicatat pada",
    "updated_at": "Terakhir diubah",
}
# Field names of the processing history that FIELD_LABELS does not name.
_MORE_FIELD_LABELS = {
    "superseded_by_id": "Diganti oleh koreksi",
    "corrects_id": "Koreksi atas data",
    "closed_on": "Tanggal ditutup",
    "closed_reason": "Alasan ditutup",
    "last_activity_on": "Aktivitas terakhir",
    "done_on": "Tanggal selesai",
    "sent_on": "Tanggal dikirim",
    "answered_on": "Tanggal dijawab",
    "completed_on": "Tanggal selesai",
    "letter_number": "Nomor surat",
    "year": "Tahun",
    "seq": "Nomor urut",
    "referral_id": "Rujukan",
    "cancelled_on": "Tanggal dibatalkan",
    "cancel_reason": "Alasan pembatalan",
    "file_name": "Berkas",
    "sha256": "Sidik berkas",
    "withdrawn_by_id": "Ditarik oleh",
    "from_status": "Status lama",
    "to_status": "Status baru",
    "changed_on": "Tanggal perubahan",
    **_RECORD_LABELS,
}
# The same word names a sales channel and a readiness item ("Media sosial"): say which.
_CLIENT_PREFIXES = (("sells_", "Saluran"), ("has_", "Kesiapan"))
# Stored vocabulary values shown by their Indonesian label.
_CLIENT_VOCABS: dict[str, type[Vocab]] = {
    "gender": Gender,
    "education": Education,
    "legal_form": LegalForm,
}
_PURPOSE_FIELDS = {
    ConsentPurpose.MENTORING: "for_mentoring",
    ConsentPurpose.REFERRAL: "for_referral",
    ConsentPurpose.SHARING: "for_sharing",
}
# Free text longer than this (or with more lines) is set under its table, not in a cell: a
# table cell can never be taller than a page.
_CELL_MAX_CHARS = 600
_CELL_MAX_LINES = 10
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- values ------------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _or_dash(value: Any) -> str:
    return DASH if _blank(value) else str(value)


def _date(value: Any) -> str:
    """An ISO date (or date-time) as an Indonesian date; anything else as it is."""
    if _blank(value):
        return ""
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    raw = str(value)
    if _ISO_DATE.fullmatch(raw[:10]):
        try:
            return format_date(date.fromisoformat(raw[:10]))
        except ValueError:
            return raw
    return raw


def _local(value: Any) -> datetime | None:
    """A stored UTC time (ISO text or datetime) in the machine's time zone."""
    if _blank(value):
        return None
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().replace(tzinfo=None)


def _moment(value: Any) -> str:
    """A stored UTC time as "20 Mei 2021 14.05", local time."""
    local = _local(value)
    return format_datetime(local) if local else ("" if _blank(value) else str(value))


def _phone(value: Any) -> str:
    return format_phone(str(value)) if not _blank(value) else ""


def _client_value(key: str, value: Any, client: dict[str, Any]) -> str:
    if isinstance(value, bool):
        return YES if value else NO
    if _blank(value):
        return DASH
    if key in _CLIENT_VOCABS:
        return _CLIENT_VOCABS[key].label_of(value)
    if key in ("phone", "whatsapp"):
        return _phone(value)
    if key == "kabupaten_code":
        name = client.get("kabupaten")
        return f"{name} ({value})" if name else str(value)
    if key.endswith("_at"):
        return _moment(value)
    if key.endswith("_on") or key == "birth_date":
        return _date(value)
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def _field_label(field: str) -> str:
    return FIELD_LABELS.get(field) or _MORE_FIELD_LABELS.get(field) or field


def _client_label(field: str) -> str:
    for prefix, group in _CLIENT_PREFIXES:
        if field.startswith(prefix) and field in FIELD_LABELS:
            return f"{group}: {FIELD_LABELS[field]}"
    return FIELD_LABELS.get(field) or _RECORD_LABELS.get(field) or field


def _client_fields(client: dict[str, Any]) -> list[str]:
    """The client's fields in the order of the form: the order ``client_data`` gives them
    (the model's), kept as the JSON file has it."""
    return list(client)


def _money(value: Any) -> str:
    return DASH if value is None else format_rupiah(value)


# --- layout helpers ----------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    st = dict(styles())
    body = st["body"]
    st["h3"] = ParagraphStyle(
        "h3",
        parent=body,
        fontName=FONT_BOLD,
        fontSize=10,
        leading=13,
        spaceBefore=8,
        spaceAfter=3,
        textColor=ACCENT,
    )
    st["subtitle"] = ParagraphStyle("subtitle", parent=body, fontSize=10.5, leading=14)
    st["intro"] = ParagraphStyle("intro", parent=st["justify"], spaceBefore=4, spaceAfter=2)
    st["band"] = ParagraphStyle("band", parent=body, fontSize=9, leading=12)
    st["note"] = ParagraphStyle(
        "note", parent=body, fontSize=9, leading=12.5, leftIndent=4 * mm, spaceAfter=1.5
    )
    st["label_cell"] = ParagraphStyle(
        "label_cell", parent=st["cell"], textColor=colors.HexColor("#5f6368")
    )
    st["head_right"] = ParagraphStyle("head_right", parent=st["cell_head"], alignment=TA_RIGHT)
    return st  # fmt: skip


class _Overflow:
    """Free text for table cells: short text stays in its cell; long text gets a reference
    mark there ("lihat [2] di bawah tabel") and is set in full under the table."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str, str]] = []

    def cell(self, value: Any, *, about: str) -> str:
        content = "" if value is None else str(value).strip()
        if len(content) <= _CELL_MAX_CHARS and content.count("\n") < _CELL_MAX_LINES:
            return content
        mark = f"[{len(self.items) + 1}]"
        self.items.append((mark, about, content))
        first = content.split("\n", 1)[0].strip()
        excerpt = first if len(first) <= 80 else first[:80].rstrip()
        return f"{excerpt} … (lengkapnya: {mark} di bawah tabel)"

    def flowables(self, st: dict[str, ParagraphStyle]) -> list[Flowable]:
        out: list[Flowable] = []
        for mark, about, content in self.items:
            out.append(Spacer(1, 3))
            out.extend(parts.lines(content, st["note"], label=f"{mark} {about}:"))
        return out


def _empty(message: str, st: dict[str, ParagraphStyle]) -> Paragraph:
    return Paragraph(text(message), st["muted"])
