"""The consent form (formulir persetujuan pengolahan data pribadi, UU PDP No. 27/2022).

One A4 page for the business owner to sign: the clinic's letterhead, who is agreeing (filled
from the client's record, or dotted lines to write by hand), the versioned consent text of
``klinik.domain.consent``, one box per purpose (ticked with an "X" as the owner would mark it
by hand), the owner's rights, how long the data is kept and whom to contact to withdraw or
to ask for it (from the clinic's settings), the version of the text (once), the place and
date, and two signatures.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from klinik.domain.consent import (
    BACKUP_RETENTION_DAYS,
    PURPOSE_TEXT,
    RIGHTS_TEXT,
    TEXT_VERSION,
    consent_text,
)
from klinik.domain.formatting import format_date
from klinik.domain.identifiers import format_phone
from klinik.domain.places import full_address
from klinik.domain.vocab import ConsentPurpose
from klinik.reports.base import (
    ACCENT,
    FONT,
    FONT_BOLD,
    NBSP,
    content_width,
    letterhead,
    para,
    render_pdf,
    styles,
    text,
)

TITLE = "FORMULIR PERSETUJUAN PENGOLAHAN DATA PRIBADI"
LEGAL_BASIS = "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi"
METHOD_LINE = "Cara persetujuan: tertulis (formulir ini)"
VERSION_LINE = f"Versi teks persetujuan: {TEXT_VERSION}"
TICK = "X"  # the mark printed in a ticked box, as the owner would write it by hand
FOOTER = "Formulir persetujuan pengolahan data pribadi"

# Which field of a consent record (see klinik.services.consent.PURPOSE_FIELDS) ticks a box.
_PURPOSE_FIELDS = {
    ConsentPurpose.MENTORING: "for_mentoring",
    ConsentPurpose.REFERRAL: "for_referral",
    ConsentPurpose.SHARING: "for_sharing",
}


class CheckBox(Flowable):
    """A square drawn with lines (the embedded Vera font has no ballot box), with an "X" in
    it when ticked, so the mark is also there in the PDF's text."""

    def __init__(self, ticked: bool, size: float = 4.6 * mm):
        super().__init__()
        self.ticked, self.size = ticked, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.8)
        canvas.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        if self.ticked:
            canvas.setFont(FONT_BOLD, self.size * 0.8)
            canvas.drawCentredString(self.size / 2, self.size * 0.21, TICK)
        canvas.restoreState()


def _dots(width: float, font_size: float = 10) -> str:
    """A dotted line as wide as ``width``, to write on by hand."""
    return "." * max(10, int(width / stringWidth(".", FONT, font_size)) - 1)


def _address(client: dict[str, Any]) -> str:
    """Street, kelurahan, kecamatan and kabupaten as one line."""
    return full_address(
        client.get("address"), client.get("kelurahan"), client.get("kecamatan"),
        client.get("kabupaten"),
    )  # fmt: skip


def _phone(client: dict[str, Any]) -> str:
    numbers = []
    for key in ("phone", "whatsapp"):
        value = client.get(key)
        if value:
            shown = format_phone(str(value))
            if shown not in numbers:
                numbers.append(shown)
    return " / ".join(numbers)


def _identity(client: dict[str, Any] | None, width: float, st: dict[str, Any]) -> Table:
    """Label, colon, value; a value not known (or the whole block on a blank form) is a
    dotted line to fill in by hand."""
    label_w, colon_w = 34 * mm, 4 * mm
    value_w = width - label_w - colon_w
    client = client or {}
    rows: list[tuple[str, str, int]] = [
        ("Nama pemilik", str(client.get("owner_name") or ""), 1),
        ("NIK", str(client.get("nik") or ""), 1),
        ("Nama usaha", str(client.get("business_name") or ""), 1),
        ("Alamat", _address(client), 2),
        ("No. HP/WhatsApp", _phone(client), 1),
    ]
    dots = _dots(value_w - 4)
    data = []
    for label, value, blank_lines in rows:
        if value.strip():
            cell: Any = para(value, st["body"])
        else:
            cell = Paragraph("<br/>".join([dots] * blank_lines), st["fill"])
        data.append([para(label, st["body"]), para(":", st["body"]), cell])
    table = Table(data, colWidths=[label_w, colon_w, value_w], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _purposes(consent: dict[str, Any] | None, width: float, st: dict[str, Any]) -> Table:
    box_w = 9 * mm
    data = []
    for purpose in ConsentPurpose:
        ticked = bool(consent and consent.get(_PURPOSE_FIELDS[purpose]))
        head, _, rest = PURPOSE_TEXT[purpose].partition(":")
        content = f"<b>{text(head)}:</b>{text(rest)}" if rest else text(head)
        data.append([CheckBox(ticked), Paragraph(content, st["justify"])])
    table = Table(data, colWidths=[box_w, width - box_w], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (0, -1), 2),
                ("TOPPADDING", (1, 0), (1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _recorded_note(consent: dict[str, Any] | None) -> str:
    """Where the ticks come from, when the form is printed from a recorded consent."""
    if not consent:
        return ""
    given = consent.get("given_on")
    try:
        on = format_date(date.fromisoformat(str(given))) if given else ""
    except ValueError:
        on = str(given)
    version = consent.get("text_version") or ""
    line = "Tanda pada kotak di atas mengikuti persetujuan yang tercatat"
    if on:
        line += f" sejak {on}"
    if version and version != TEXT_VERSION:
        line += f" (teks versi {version})"
    return line + "; ubah bila pilihan pemilik data berbeda."


def _retention_days(clinic: dict[str, Any]) -> int:
    value = clinic.get("backup_retention_days")
    try:
        return int(value) if value is not None else BACKUP_RETENTION_DAYS
    except (TypeError, ValueError):
        return BACKUP_RETENTION_DAYS


def retention_text(clinic: dict[str, Any]) -> str:
    """How long the data is kept, as the app keeps it: the record stays until the owner asks
    for it to be erased; erased data leaves the backups within the retention setting."""
    days = _retention_days(clinic)
    return (
        "Masa simpan: data saya disimpan selama pendampingan dan sesudahnya sebagai riwayat, "
        "sampai saya meminta penghapusannya; data yang dihapus hilang juga dari salinan "
        f"cadangan paling lama {days}{NBSP}hari kemudian."
    )


def contact_text(clinic: dict[str, Any], clinic_name: str) -> str:
    """Whom to contact to withdraw consent or ask for the data: the clinic's address, phone
    and e-mail from its settings; a dotted line when none is set, to write by hand."""
    ways = []
    address = " ".join(str(clinic.get("clinic_address") or "").split())
    town = str(clinic.get("clinic_town") or "").strip()
    if address:
        ways.append(address if not town or town in address else f"{address}, {town}")
    if str(clinic.get("clinic_phone") or "").strip():
        ways.append(f"telepon {str(clinic['clinic_phone']).strip()}")
    if str(clinic.get("clinic_email") or "").strip():
        ways.append(f"e-mail {str(clinic['clinic_email']).strip()}")
    if not any(w.startswith(("telepon", "e-mail")) for w in ways):
        ways.append("telepon/e-mail " + "." * 40)
    return (
        "Untuk menarik persetujuan atau meminta salinan, perbaikan, atau penghapusan data, "
        f"hubungi {clinic_name}: {'; '.join(ways)}."
    )


def _signatures(
    clinic: dict[str, Any], client: dict[str, Any] | None, width: float, st: dict[str, Any]
) -> Table:
    town = str(clinic.get("clinic_town") or "").strip() or "Palangka Raya"
    col = width / 2
    blank_name = "(" + "." * 44 + ")"
    owner = str((client or {}).get("owner_name") or "").strip()
    owner_name = f"<b>{text(owner)}</b>" if owner else blank_name
    left = [
        Paragraph("&nbsp;", st["sign"]),
        Paragraph("Konsultan yang mencatat,", st["sign"]),
        Spacer(1, 14 * mm),
        Paragraph(blank_name, st["sign"]),
        Paragraph("Nama dan tanda tangan", st["sign_small"]),
    ]
    right = [
        Paragraph(text(f"{town}, ") + "." * 22 + " 20" + "." * 6, st["sign"]),
        Paragraph("Pemilik data,", st["sign"]),
        Spacer(1, 14 * mm),
        Paragraph(owner_name, st["sign"]),
        Paragraph("Nama dan tanda tangan", st["sign_small"]),
    ]
    table = Table([[left, right]], colWidths=[col, col])
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


def _styles() -> dict[str, Any]:
    st = dict(styles())
    body = st["body"]
    st["form_title"] = ParagraphStyle(
        "form_title",
        parent=body,
        fontName=FONT_BOLD,
        fontSize=13,
        leading=17,
        alignment=TA_CENTER,
        textColor=ACCENT,
    )
    st["form_subtitle"] = ParagraphStyle(
        "form_subtitle",
        parent=body,
        fontSize=9,
        leading=12,
        alignment=TA_CENTER,
    )
    st["fill"] = ParagraphStyle("fill", parent=body, textColor=colors.HexColor("#5f6368"))
    st["sign"] = ParagraphStyle("sign", parent=body, alignment=TA_CENTER)
    st["sign_small"] = ParagraphStyle(
        "sign_small",
        parent=st["muted"],
        alignment=TA_CENTER,
        fontSize=7.5,
        leading=9,
    )
    st["lead"] = ParagraphStyle("lead", parent=body, spaceAfter=3)
    st["terms"] = ParagraphStyle("terms", parent=st["justify"], fontSize=9, leading=12)
    return st  # fmt: skip


def build_consent_form(
    *, clinic: dict[str, Any], client: dict[str, Any] | None, consent: dict[str, Any] | None
) -> bytes:
    """The A4 consent form as PDF bytes: filled from ``client`` (the client row as a dict)
    with the boxes of ``consent`` (a consent row as a dict) ticked, or blank when ``client``
    is None and unticked when ``consent`` is None."""
    st = _styles()
    width = content_width()
    clinic_name = str(clinic.get("clinic_name") or "").strip() or "Klinik Bisnis"
    story: list[Any] = [*letterhead(clinic, width)]
    story += [
        Paragraph(TITLE, st["form_title"]),
        Paragraph(text(f"berdasarkan {LEGAL_BASIS}"), st["form_subtitle"]),
        Spacer(1, 4 * mm),
        Paragraph("Yang bertanda tangan di bawah ini:", st["lead"]),
        _identity(client, width, st),
        Spacer(1, 2 * mm),
        para(consent_text(clinic_name), st["justify"]),
        Spacer(1, 2.5 * mm),
        Paragraph(
            text(
                "Beri tanda X pada kotak setiap keperluan yang disetujui. Setiap keperluan "
                "disetujui tersendiri."
            ),
            st["muted"],
        ),
        Spacer(1, 2 * mm),
        _purposes(consent, width, st),
    ]
    note = _recorded_note(consent) if client is not None else ""
    if note:
        story.append(Paragraph(text(note), st["muted"]))
    # The signatures never stand alone on a page: if the form runs over (very long identity
    # values), the rights text goes over with them.
    story += [
        Spacer(1, 2.5 * mm),
        KeepTogether(
            [
                para(RIGHTS_TEXT, st["terms"]),
                Spacer(1, 1.5 * mm),
                para(f"{retention_text(clinic)} {contact_text(clinic, clinic_name)}", st["terms"]),
                Spacer(1, 2 * mm),
                Paragraph(f"{text(METHOD_LINE)} · {text(VERSION_LINE)}", st["small"]),
                Spacer(1, 4 * mm),
                _signatures(clinic, client, width, st),
            ]
        ),
    ]
    business = str((client or {}).get("business_name") or "").strip()
    title = "Formulir Persetujuan Data Pribadi" + (f" — {business}" if business else "")
    return render_pdf(
        story,
        title=title,
        subject="Persetujuan pengolahan data pribadi (UU PDP No. 27/2022)",
        author=clinic_name,
        footer_left=FOOTER,  # the version is printed once, above the signatures
    )
