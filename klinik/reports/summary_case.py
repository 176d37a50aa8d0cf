"""The summary's part for one case: its facts, sessions held and planned, follow-ups,
referrals, outcomes, and the totals over one case or many."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from klinik.domain.formatting import format_date, format_rupiah
from klinik.domain.vocab import (
    Area,
    CaseStatus,
    Channel,
    FinancingScheme,
    FollowUpOwner,
    LicenceKind,
    OutcomeKind,
    ReferralStatus,
    SessionMode,
)
from klinik.reports import parts
from klinik.reports.base import (
    ACCENT,
    NBSP,
    grid_table,
    text,
)
from klinik.reports.summary_layout import (
    DASH,
    _duration,
    _hours,
    _kv_list,
    _or_dash,
    _period,
    _section,
    _Styles,
)


def _areas_text(values: Iterable[str]) -> str:
    return ", ".join(Area.label_of(a) for a in values)


def _case_info(data: Any, st: _Styles, width: float) -> list[Flowable]:
    case = data.detail.case
    status = CaseStatus.label_of(case.status)
    if case.closed_on and case.closed_reason:
        status += f" ({case.closed_reason})"
    rows: list[tuple[str, Any]] = [
        ("Status", status),
        ("Konsultan", _or_dash(data.detail.consultant.name if data.detail.consultant else "")),
        ("Periode", _period(case.opened_on, case.closed_on)),
        ("Bidang", _or_dash(_areas_text(data.detail.areas))),
    ]
    out: list[Flowable] = [_kv_list(rows, st, width)]
    # The goal may be long: it flows below the table rather than in a cell.
    goal = parts.lines(case.goal, st.goal, label="Tujuan:")
    if goal:
        out.append(Spacer(1, 4))
        out.extend(goal)
    return out


# About how many characters of a note fit on one line (9 pt Vera on the indented column);
# used only to keep a short session on one page without measuring it twice.
_CHARS_PER_LINE = 88
_KEEP_WHOLE_MAX = 70 * mm


def _estimated_height(values: Iterable[str], st: _Styles) -> float:
    lines = 0
    paragraphs = 0
    for value in values:
        for i, line in enumerate((value or "").strip().splitlines()):
            label = 20 if i == 0 else 0  # "Langkah berikutnya:" before the first line
            paragraphs += 1
            lines += max(1, -(-(len(line) + label) // _CHARS_PER_LINE))
    return 8 + 18 + 4 + lines * st.note.leading + paragraphs * st.note.spaceAfter


def _session_block(
    number: int, mentoring: Any, data: Any, st: _Styles
) -> tuple[float, list[Flowable]]:
    """A session's heading band and notes, and the height that must be free to start it."""
    bits = [
        "",  # after the bold number and date: "Sesi 3 · 12 Maret 2024 · Di klinik · ..."
        SessionMode.label_of(mentoring.mode),
        f"{mentoring.minutes} menit",
    ]
    areas = data.areas.get(mentoring.id) or []
    if areas:
        bits.append(_areas_text(areas))
    case_consultant = data.detail.case.consultant_id
    if mentoring.consultant_id and mentoring.consultant_id != case_consultant:
        person = data.consultants.get(mentoring.consultant_id)
        if person is not None:
            bits.append(f"oleh {person.name}")
    label = f"Sesi {number} · {format_date(mentoring.held_on)}"
    head = parts.Band(parts.labelled(label, " · ".join(bits).lstrip(), st.session_head))
    notes: list[Flowable] = []
    for label, value in (
        ("Ringkasan:", mentoring.summary),
        ("Rekomendasi:", mentoring.recommendations),
        ("Langkah berikutnya:", mentoring.next_steps),
    ):
        notes.extend(parts.lines(value, st.note, label=label))
    if mentoring.next_session_on:
        notes.append(
            parts.labelled("Sesi berikutnya:", format_date(mentoring.next_session_on), st.note)
        )
    if not notes:
        notes.append(Paragraph(text("Tidak ada catatan."), st.note))
    height = _estimated_height(
        (mentoring.summary, mentoring.recommendations, mentoring.next_steps), st
    )
    # A short session is never cut in two; a long one starts where its heading and a few
    # lines fit, then flows page after page.
    keep = height if height <= _KEEP_WHOLE_MAX else 25 * mm
    return keep, [head, *notes]


def _planned_table(data: Any, width: float) -> Table:
    rows: list[list[Any]] = [["Tanggal", "Cara", "Durasi", "Bidang", "Rencana"]]
    for mentoring in data.planned:
        agenda = mentoring.summary.strip() or mentoring.next_steps.strip()
        if len(agenda) > 600:  # a cell never grows taller than a page
            agenda = agenda[:600].rstrip() + " …"
        rows.append(
            [
                format_date(mentoring.held_on),
                SessionMode.label_of(mentoring.mode),
                f"{mentoring.minutes} menit",
                _areas_text(data.areas.get(mentoring.id) or []),
                agenda,
            ]
        )
    return grid_table(rows, None, width=width)


def _follow_ups(data: Any, width: float, printed_on: date) -> Table:
    rows: list[list[Any]] = [["No.", "Uraian", "Oleh", "Tenggat", "Status"]]
    for i, item in enumerate(data.detail.follow_ups, start=1):
        if item.done_on:
            status = f"Selesai{NBSP}{format_date(item.done_on)}"
        elif item.due_on and item.due_on < printed_on:
            status = "Terbuka, terlambat"
        else:
            status = "Terbuka"
        rows.append(
            [
                f"{i}.",
                item.description,
                FollowUpOwner.label_of(item.owner),
                _or_dash(format_date(item.due_on)),
                status,
            ]
        )
    return grid_table(rows, None, width=width)


def _referrals(data: Any, width: float) -> Table:
    """Three columns, so a long agency name ("Dinas Penanaman Modal dan Pelayanan Terpadu
    Satu Pintu Kabupaten ...") has the room it needs beside the letter's number and dates."""
    rows: list[list[Any]] = [["Instansi dan keperluan", "Status dan hasil", "Surat dan tanggal"]]
    for referral in data.detail.referrals:
        agency = data.agencies.get(referral.agency_id)
        purpose = data.purposes.get(referral.purpose, referral.purpose)
        dates = [
            ("Dibuat", referral.created_on),
            ("Dikirim", referral.sent_on),
            ("Dijawab", referral.answered_on),
            ("Selesai", referral.completed_on),
        ]
        number = (
            f"Nomor{NBSP}{referral.letter_number}" if referral.letter_number else "Belum ada surat"
        )
        letter = [number, *(f"{label}{NBSP}{format_date(d)}" for label, d in dates if d)]
        status = ReferralStatus.label_of(referral.status)
        outcome = referral.outcome.strip()
        if len(outcome) > 600:  # a cell never grows taller than a page
            outcome = outcome[:600].rstrip() + " …"
        if outcome:
            status = f"{status}\nHasil: {outcome}"
        rows.append(
            [
                f"{agency.name if agency else DASH}\nKeperluan: {purpose}",
                status,
                "\n".join(letter),
            ]
        )
    return grid_table(rows, None, width=width)


def _outcome_rows(outcomes: list[Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [["Tanggal", "Jenis", "Jumlah", "Keterangan"]]
    for outcome in outcomes:
        details = []
        if outcome.institution:
            details.append(outcome.institution)
        if outcome.scheme:
            details.append(f"skema {FinancingScheme.label_of(outcome.scheme)}")
        if outcome.channel:
            details.append(f"saluran {Channel.label_of(outcome.channel)}")
        if outcome.licence_kind:
            details.append(f"izin {LicenceKind.label_of(outcome.licence_kind)}")
        if outcome.jobs:
            details.append(f"{outcome.jobs} tenaga kerja baru")
        if outcome.amount_requested is not None:
            details.append(f"diajukan {format_rupiah(outcome.amount_requested)}")
        if outcome.note:
            note = outcome.note.strip()
            details.append(note if len(note) <= 600 else note[:600].rstrip() + " …")
        rows.append(
            [
                format_date(outcome.occurred_on),
                OutcomeKind.label_of(outcome.kind),
                _or_dash(format_rupiah(outcome.amount)),
                "; ".join(details),
            ]
        )
    return rows


def _outcomes(outcomes: list[Any], width: float) -> Table:
    return parts.table(_outcome_rows(outcomes), width, right=(2,))


def _case_body(
    data: Any, st: _Styles, width: float, printed_on: date, heading: ParagraphStyle
) -> list[Flowable]:
    """Sessions, planned sessions, follow-ups, referrals and outcomes of one case."""
    detail = data.detail
    out: list[Flowable] = []

    title = f"Sesi Pendampingan ({len(data.held)})"
    if data.held:
        for number, mentoring in enumerate(data.held, start=1):
            keep, block = _session_block(number, mentoring, data, st)
            if number == 1:  # the heading goes with the first session
                out.append(CondPageBreak(keep + heading.leading + heading.spaceBefore + 4))
                out.append(Paragraph(text(title), heading))
            else:
                out.append(CondPageBreak(keep))
            out.extend(block)
    else:
        out.extend(parts.heading(title, heading))
        out.append(Paragraph(text("Belum ada sesi yang terlaksana."), st["muted"]))

    if data.planned:
        caption = (
            f"Sesi bertanggal sesudah {format_date(printed_on)}; belum terlaksana dan tidak "
            "dihitung dalam jumlah sesi dan jam."
        )
        title = f"Sesi yang direncanakan ({len(data.planned)})"
        out.extend(_section(title, heading, _planned_table(data, width), st, caption=caption))
    follow_ups = _follow_ups(data, width, printed_on) if detail.follow_ups else None
    out.extend(
        _section(
            "Tindak Lanjut", heading, follow_ups, st, empty="Tidak ada tindak lanjut yang dicatat."
        )
    )
    referrals = _referrals(data, width) if detail.referrals else None
    out.extend(_section("Rujukan", heading, referrals, st, empty="Tidak ada rujukan."))
    outcomes = _outcomes(detail.outcomes, width) if detail.outcomes else None
    out.extend(
        _section("Hasil Pendampingan", heading, outcomes, st, empty="Belum ada hasil yang dicatat.")
    )
    return out


def _time(minutes: int) -> str:
    """'3 jam 15 menit (3,25 jam)'; nothing held: '0 jam'."""
    if not minutes:
        return "0 jam"
    if minutes % 60 == 0:
        return _duration(minutes)
    return f"{_duration(minutes)} ({_hours(minutes)})"


def _totals(cases: list[Any], st: _Styles, width: float) -> list[Flowable]:
    sessions = sum(len(c.held) for c in cases)
    minutes = sum(c.held_minutes for c in cases)
    planned = sum(len(c.planned) for c in cases)
    referrals = sum(len(c.detail.referrals) for c in cases)
    outcomes = sum(len(c.detail.outcomes) for c in cases)
    follow_ups = [f for c in cases for f in c.detail.follow_ups]
    done = sum(1 for f in follow_ups if f.done_on)
    out: list[Flowable] = [Paragraph("Jumlah", st["h2"])]
    if len(cases) > 1:
        rows: list[list[Any]] = [["Kasus", "Periode", "Sesi", "Waktu"]]
        for c in cases:
            case = c.detail.case
            rows.append(
                [
                    case.title,
                    _period(case.opened_on, case.closed_on),
                    str(len(c.held)),
                    _time(c.held_minutes),
                ]
            )
        bold_right = ParagraphStyle("bold_right", parent=st["cell_head"], alignment=TA_RIGHT)
        rows.append(
            [
                Paragraph("Seluruh kasus", st["cell_head"]),
                "",
                Paragraph(str(sessions), bold_right),
                Paragraph(text(_time(minutes)), st["cell_head"]),
            ]
        )
        table = parts.table(rows, width, right=(2,))
        last = len(rows) - 1
        table.setStyle(TableStyle([("LINEABOVE", (0, last), (-1, last), 0.8, ACCENT)]))
        out.append(table)
        out.append(Spacer(1, 4))
    facts: list[tuple[str, Any]] = [
        ("Sesi terlaksana", f"{sessions} sesi"),
        ("Waktu pendampingan", _time(minutes)),
    ]
    if planned:
        facts.append(("Sesi direncanakan", f"{planned} sesi (tidak dihitung)"))
    facts.append(("Tindak lanjut", f"{len(follow_ups)} ({done} selesai)"))
    facts.append(("Rujukan", f"{referrals}"))
    facts.append(("Hasil tercatat", f"{outcomes}"))
    out.append(_kv_list(facts, st, width))
    return out
