"""A session's detail pane: when and how, its case and client, notes and follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klinik.domain.sessions import is_planned
from klinik.domain.vocab import Area, SessionMode
from klinik.ui.areas.base import esc
from klinik.ui.fmt import fmt_date, vocab_label
from klinik.ui.i18n import tr


@dataclass(frozen=True)
class SessionView:
    session: Any
    case: Any
    client: Any
    areas: list[str]
    follow_ups: list[Any]


def session_html(v: SessionView) -> str:
    s = v.session
    no_due = tr("tanpa tenggat")
    items = "".join(
        "<li>" + esc(f.description) + " — " + esc(fmt_date(f.due_on) or no_due)
        + (" ✓" if f.done_on else "") + "</li>"
        for f in v.follow_ups
    )  # fmt: skip
    planned = " · " + esc(tr("direncanakan")) if is_planned(s.held_on) else ""
    minutes, prep = tr("menit"), tr("menit persiapan")
    areas = ", ".join(vocab_label(Area, a) for a in v.areas)

    def section(title: str, text: str | None) -> str:
        return "<h3>" + esc(title) + "</h3><p>" + esc(text or "–") + "</p>"

    return "\n".join(
        [
            "<h2>" + esc(fmt_date(s.held_on)) + " · " + esc(vocab_label(SessionMode, s.mode))
            + planned + "</h2>",
            f"<p><a href='case:{v.case.id}'>" + esc(v.case.title) + "</a> · "
            + esc(v.client.business_name) + "<br>",
            f"{s.minutes} " + esc(minutes) + f" (+{s.prep_minutes} " + esc(prep) + ") · "
            + esc(areas) + "</p>",
            section(tr("Catatan sesi"), s.summary),
            section(tr("Rekomendasi"), s.recommendations),
            section(tr("Langkah berikutnya"), s.next_steps),
            "<h3>" + esc(tr("Tindak lanjut")) + "</h3><ul>" + (items or "<li>–</li>") + "</ul>",
            "<p>" + esc(tr("Sesi berikutnya")) + ": " + esc(fmt_date(s.next_session_on) or "–")
            + "</p>",
        ]
    )  # fmt: skip
