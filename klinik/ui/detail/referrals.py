"""A referral's detail pane."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klinik.domain.vocab import ReferralStatus
from klinik.ui.areas.base import esc
from klinik.ui.fmt import fmt_date, vocab_label
from klinik.ui.i18n import tr


@dataclass(frozen=True)
class ReferralView:
    referral: Any
    agency: Any
    purposes: dict[str, str]


def referral_html(v: ReferralView) -> str:
    r, agency = v.referral, v.agency
    rows = [
        (tr("Instansi"), agency.name),
        (tr("Kepada"), agency.addressee_title),
        (tr("Keperluan"), v.purposes.get(r.purpose, r.purpose)),
        (tr("Status"), vocab_label(ReferralStatus, r.status)),
        (tr("Nomor surat"), r.letter_number),
        (tr("Dibuat"), fmt_date(r.created_on)),
        (tr("Dikirim"), fmt_date(r.sent_on)),
        (tr("Dijawab"), fmt_date(r.answered_on)),
        (tr("Selesai"), fmt_date(r.completed_on)),
        (tr("Hasil"), r.outcome),
        (tr("Catatan"), r.note),
    ]
    kv = "".join(
        "<tr><td class='k'>" + esc(k) + "</td><td>" + esc(val) + "</td></tr>"
        for k, val in rows
        if val
    )
    title, open_case = tr("Rujukan"), tr("Buka kasus")
    return (
        "<h2>" + esc(title) + "</h2>"
        f"<p><a href='case:{r.case_id}'>" + esc(open_case) + "</a></p>"
        "<table class='kv'>" + kv + "</table>"
    )  # fmt: skip
