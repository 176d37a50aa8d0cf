"""'Persetujuan data pribadi' in the client's detail (UU PDP): what is in force, and the
history of consent records. Read model in, markup out."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from klinik.domain.vocab import ConsentMethod, ConsentPurpose
from klinik.services import privacy as privacy_service
from klinik.ui.areas.base import esc
from klinik.ui.fmt import fmt_date, language, vocab_label
from klinik.ui.i18n import tr


def local_date(at: datetime) -> date:
    """The day an instant falls on by the consultant's clock."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone().date()


def agreed_purposes(consent: Any) -> list[ConsentPurpose]:
    return [p for p, f in privacy_service.PURPOSE_FIELDS.items() if getattr(consent, f)]


def _labels(purposes: list[ConsentPurpose], lang: str) -> str:
    return ", ".join(p.label(lang) for p in purposes)


def _state(history: list, lang: str) -> str:
    current = privacy_service.in_force(history)
    if current is None:
        newest = history[0] if history else None
        withdrawn = ""
        if newest is not None and newest.withdrawn_on is not None:
            said = tr("Persetujuan terakhir ditarik pada {date}.")
            withdrawn = (
                "<br><span class='muted'>"
                + esc(said.format(date=fmt_date(newest.withdrawn_on)))
                + "</span>"
            )
        missing = tr(
            "Belum ada persetujuan — surat rujukan dan berbagi dengan asosiasi tidak bisa dilakukan"
        )
        return "<p class='missing'><b>⚠ " + esc(missing) + "</b>" + withdrawn + "</p>"
    agreed = agreed_purposes(current)
    since = tr("sejak {date}, {method}, teks versi {version}").format(
        date=fmt_date(current.given_on),
        method=vocab_label(ConsentMethod, current.method).lower(),
        version=current.text_version,
    )
    state = (
        "<p><span class='ok'>✓ " + esc(_labels(agreed, lang)) + "</span>"
        "<br><span class='muted'>" + esc(since) + "</span>"
    )
    not_agreed = [p for p in ConsentPurpose if p not in agreed]
    if not_agreed:
        text = tr("Belum disetujui: {purposes}").format(purposes=_labels(not_agreed, lang))
        state += "<br><span class='missing'>" + esc(text) + "</span>"
    return state + "</p>"


def _history_row(consent: Any, names: dict[int, str], lang: str) -> str:
    how = tr("{method} · teks versi {version} · dicatat oleh {who}").format(
        method=vocab_label(ConsentMethod, consent.method),
        version=consent.text_version,
        who=names.get(consent.recorded_by_id, "–"),
    )
    withdrawn = ""
    if consent.withdrawn_on:
        text = tr("ditarik {date}").format(date=fmt_date(consent.withdrawn_on))
        withdrawn = "<br><span class='missing'>" + esc(text) + "</span>"
    return (
        "<tr><td class='nw'>" + esc(fmt_date(consent.given_on)) + "</td>"
        "<td>" + esc(_labels(agreed_purposes(consent), lang) or "–")
        + "<br><span class='muted'>" + esc(how) + "</span>" + withdrawn + "</td></tr>"
    )  # fmt: skip


def consent_section_html(client: Any, history: list, names: dict[int, str]) -> str:
    """``history``: the client's consent records, newest first, as consent_history gives
    them; ``names``: consultants by id."""
    head = "<h3>" + esc(tr("Persetujuan data pribadi")) + "</h3>"
    if client.erased_at is not None:
        when = fmt_date(local_date(client.erased_at))
        erased = tr("Data pribadi klien ini telah dihapus pada {date}.").format(date=when)
        return head + "<p class='missing'><b>" + esc(erased) + "</b></p>"
    lang = language()
    table = ""
    if history:
        rows = "".join(_history_row(c, names, lang) for c in history)
        table = (
            "<p class='muted'>" + esc(tr("Riwayat persetujuan")) + "</p>"
            "<table class='grid'>" + rows + "</table>"
        )
    return head + _state(history, lang) + table
