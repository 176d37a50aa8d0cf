"""A case's detail pane: its header and the timeline of sessions, follow-ups, referrals,
outcomes and status changes, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from klinik.domain.formatting import format_hours
from klinik.domain.sessions import is_planned
from klinik.domain.vocab import (
    Area,
    CaseStatus,
    Channel,
    LicenceKind,
    OutcomeKind,
    ReferralStatus,
    SessionMode,
)
from klinik.ui.areas.base import esc
from klinik.ui.fmt import fmt_date, fmt_money, language, vocab_label
from klinik.ui.i18n import tr


@dataclass(frozen=True)
class CaseView:
    """What the pane shows, read in one query op."""

    detail: Any  # services.cases.CaseDetail
    agencies: dict[int, str]
    purposes: dict[str, str]


def _session(s: Any) -> str:
    head = tr("Sesi direncanakan") if is_planned(s.held_on) else tr("Sesi pendampingan")
    body = "".join(
        "<br><span class='muted'>" + esc(label) + ":</span> " + esc(text)
        for label, text in (
            (tr("Catatan"), s.summary),
            (tr("Rekomendasi"), s.recommendations),
            (tr("Langkah berikutnya"), s.next_steps),
        )
        if text
    )
    minutes = tr("menit")
    mode = vocab_label(SessionMode, s.mode)
    return "<b>" + esc(head) + "</b> · " + esc(mode) + " · " + f"{s.minutes} " + esc(minutes) + body


def _follow_up(f: Any) -> str:
    if f.done_on:
        done, reopen = tr("selesai"), tr("buka lagi")
        state = "<span class='ok'>✓ " + esc(done) + " " + esc(fmt_date(f.done_on)) + "</span>"
        link = f" <a href='reopen:{f.id}'>" + esc(reopen) + "</a>"
    else:
        late = f.due_on is not None and f.due_on < date.today()
        open_text, mark = tr("terbuka"), tr("tandai selesai")
        state = f"<span class='{'missing' if late else 'muted'}'>" + esc(open_text) + "</span>"
        link = f" <a href='done:{f.id}'>" + esc(mark) + "</a>"
    return "<b>" + esc(tr("Tindak lanjut")) + "</b>: " + esc(f.description) + " — " + state + link


def _referral(r: Any, view: CaseView) -> str:
    number = " · " + esc(r.letter_number) if r.letter_number else ""
    to = tr("ke")
    text = (
        "<b>" + esc(tr("Rujukan")) + "</b> " + esc(to) + " " + esc(view.agencies.get(r.agency_id, "?"))
        + " · " + esc(view.purposes.get(r.purpose, r.purpose))
        + " · " + esc(vocab_label(ReferralStatus, r.status)) + number
    )  # fmt: skip
    return text + ("<br>" + esc(r.outcome) if r.outcome else "")


def _outcome(o: Any) -> str:
    amount = " · " + esc(fmt_money(o.amount)) if o.amount is not None else ""
    extra = " · ".join(
        x for x in (o.institution, vocab_label(LicenceKind, o.licence_kind),
                    vocab_label(Channel, o.channel)) if x
    )  # fmt: skip
    change = tr("ubah")
    return (
        "<b>" + esc(tr("Hasil")) + "</b>: " + esc(vocab_label(OutcomeKind, o.kind))
        + (" · " + esc(extra) if extra else "") + amount
        + f" <a href='outcome:{o.id}'>" + esc(change) + "</a>"
    )  # fmt: skip


def _status_change(ch: Any) -> str:
    reason = " — " + esc(ch.reason) if ch.reason else ""
    return (
        "<span class='muted'>" + esc(tr("Status")) + ": "
        + esc(vocab_label(CaseStatus, ch.from_status) or "–") + " → "
        + esc(vocab_label(CaseStatus, ch.to_status)) + reason + "</span>"
    )  # fmt: skip


def case_html(view: CaseView) -> str:
    d = view.detail
    c = d.case
    events: list[tuple[date, float, str]] = []
    events += [(s.held_on, 1, _session(s)) for s in d.sessions]
    events += [(f.due_on or c.opened_on, 2, _follow_up(f)) for f in d.follow_ups]
    events += [(r.sent_on or r.created_on, 3, _referral(r, view)) for r in d.referrals]
    events += [(o.occurred_on, 4, _outcome(o)) for o in d.outcomes]
    events += [(ch.changed_on, ch.id / 1e9, _status_change(ch)) for ch in d.status_changes]
    events.sort(key=lambda e: (e[0], e[1]), reverse=True)
    timeline = "".join(
        "<tr><td style='white-space:nowrap'>"
        + esc(fmt_date(when))
        + "</td><td>"
        + html
        + "</td></tr>"
        for when, _, html in events
    )
    open_follow = sum(1 for f in d.follow_ups if not f.done_on)
    closed = ""
    if c.closed_on:
        closed = (
            "<br>"
            + esc(tr("Ditutup"))
            + ": "
            + esc(fmt_date(c.closed_on))
            + " "
            + esc(c.closed_reason or "")
        )
    consultant = d.consultant.name if d.consultant else tr("tanpa konsultan")
    areas = ", ".join(vocab_label(Area, a) for a in d.areas) or "–"
    counts = tr("{n} sesi, {h} jam, {f} tindak lanjut terbuka").format(
        n=len(d.sessions), h=format_hours(d.total_minutes, locale=language()), f=open_follow
    )
    return "\n".join(
        [
            "<h2>" + esc(c.title) + "</h2>",
            f"<p><a href='client:{d.client.id}'>" + esc(d.client.business_name) + "</a> · "
            "<b>" + esc(vocab_label(CaseStatus, c.status)) + "</b> · " + esc(consultant) + "<br>",
            esc(tr("Bidang")) + ": " + esc(areas) + "<br>",
            esc(tr("Dibuka")) + ": " + esc(fmt_date(c.opened_on)) + closed + "<br>",
            esc(counts) + "</p>",
            "<h3>" + esc(tr("Tujuan")) + "</h3><p>" + esc(c.goal or "–") + "</p>",
            "<h3>" + esc(tr("Linimasa")) + "</h3>",
            "<table class='grid'>" + timeline + "</table>",
        ]
    )
