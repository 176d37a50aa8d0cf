"""Figures of a reporting period: what a funder asks for (DOMAIN.md, "Outcome indicators").

Everything is counted in the database with aggregates (GROUP BY, window functions); Python
only turns a handful of grouped rows into labelled figures. On the province-sized bench store
(1.2 million sessions) a quarter of 230,000 sessions takes about 2.5 s, most of it in the two
passes over the period's sessions (bench/bench_reports.py).

Counting rules
--------------
- A session is *held* when ``held_on`` lies in the period and is not after ``today``; later
  sessions are planned (``planned_sessions``), not mentoring that happened.
- Hours are minutes / 60. A session with several areas counts fully in each of its areas, so
  the area rows may add up to more than the total; sessions without an area form their own
  row ("Tanpa bidang").
- Clients assisted: distinct clients with at least one held session in the period.
- New clients: clients registered (``registered_on``) in the period.
- Obtained while mentored: an outcome or a licence counts only when the client was being
  mentored on its date, that is the client had a case opened on or before that date, or a
  session held on or before it (``mentored_on``). A licence a business already held when it
  first came to the clinic, entered later as its history, is not the clinic's result, even
  when its date falls in the period. A closed case still counts (a KUR approved a month
  after the last session is the fruit of the mentoring). With ``consultant_id`` the case or
  session must be that consultant's.
- Licences obtained: outcomes of kind ``licence`` (by ``licence_kind``, ``occurred_on`` in the
  period) and licence records issued in the period (``issued_on`` in the period, status
  obtained, or since expired or revoked: it was still obtained in the period), both obtained
  while mentored. The two are often the same fact recorded twice, so per client and licence
  kind the larger of the two counts is taken, never their sum.
- Financing, market access, jobs, businesses started: outcomes of that kind with
  ``occurred_on`` in the period, obtained while mentored. Jobs created is the sum of ``jobs``
  of outcomes of kind jobs.
- Naik kelas: only current size records (not superseded) whose class is known (omzet decides,
  modal usaha when omzet is missing: PP 7/2021, klinik.domain.sizeclass). Per client the
  *before* record is the latest one dated before the period (or, with none, the first one in
  the period) and the *after* record is the latest one dated up to the end of the period,
  which must lie in the period and be another record. A client naik kelas when the after
  class is above the before class (a net rise: a business that rose and fell back within the
  period is not counted). Omzet and workers before/after compare the same two records.
- ``consultant_id``: sessions by the session's consultant; outcomes by the consultant of
  their case (an outcome without a case, licence records, new clients and size records by
  "the client has a case of this consultant").
- ``kabupaten`` (a Kemendagri code, or a name such as "Kapuas"): the client's
  ``kabupaten_code``. An unknown kabupaten or consultant is an error, not a report of zeros.
- Archived clients and cases are counted: what happened in the period still happened.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from sqlalchemy import case, func, literal, select, union_all
from sqlmodel import Session

from klinik.db.models import (
    Case,
    Client,
    Consultant,
    Kabupaten,
    Licence,
    MentoringSession,
    Outcome,
    SessionArea,
)
from klinik.domain.vocab import (
    Area,
    Channel,
    FinancingScheme,
    LicenceKind,
    OutcomeKind,
    SessionMode,
)
from klinik.errors import InvalidValue
from klinik.services.clients import resolve_kabupaten
from klinik.services.common import get_or_fail
from klinik.services.period_scope import (  # noqa: F401 (re-exported where public)
    ISSUED_STATUSES,
    NO_AREA,
    NOT_STATED,
    UNKNOWN_KABUPATEN,
    ActivityFigure,
    CountFigure,
    FinancingFigure,
    PeriodFigures,
    client_has_case_of,
    mentored_on,
    outcome_scope,
    session_scope,
    vocab_order,
)
from klinik.services.period_size import size_part

# --- sessions ---------------------------------------------------------------------------------


def _sessions_part(
    db: Session,
    *,
    date_from: date,
    date_to: date,
    held_to: date,
    consultant_id: int | None,
    kabupaten: str | None,
) -> dict[str, Any]:
    scope = {
        "date_from": date_from,
        "held_to": held_to,
        "consultant_id": consultant_id,
        "kabupaten": kabupaten,
    }
    # One pass over the period's sessions gives kabupaten, modes and clients: a client has
    # one kabupaten, so distinct clients per kabupaten add up to the total.
    modes = SessionMode.values()
    minutes_col = MentoringSession.minutes
    per_mode = []
    for mode in modes:
        is_mode = MentoringSession.mode == mode
        per_mode += [
            func.coalesce(func.sum(case((is_mode, 1), else_=0)), 0),
            func.coalesce(func.sum(case((is_mode, minutes_col), else_=0)), 0),
        ]
    kab_rows = db.execute(
        session_scope(
            select(
                Client.kabupaten_code,
                func.count(),
                func.coalesce(func.sum(minutes_col), 0),
                func.count(func.distinct(Case.client_id)),
                *per_mode,
            ).select_from(MentoringSession),
            join_client=True,
            **scope,
        ).group_by(Client.kabupaten_code)
    ).all()
    names = dict(db.execute(select(Kabupaten.code, Kabupaten.name)).all())
    by_kabupaten: list[ActivityFigure] = []
    mode_totals = {mode: [0, 0] for mode in [*modes, None]}
    for code, n, minutes, clients, *mode_values in kab_rows:
        by_kabupaten.append(
            ActivityFigure(
                key=code,
                label=names.get(code, code) if code else UNKNOWN_KABUPATEN,
                sessions=int(n),
                minutes=int(minutes),
                clients=int(clients),
            )
        )
        known_n = known_minutes = 0
        for i, mode in enumerate(modes):
            mode_n, mode_minutes = int(mode_values[2 * i]), int(mode_values[2 * i + 1])
            mode_totals[mode][0] += mode_n
            mode_totals[mode][1] += mode_minutes
            known_n += mode_n
            known_minutes += mode_minutes
        mode_totals[None][0] += int(n) - known_n  # a mode outside the vocabulary
        mode_totals[None][1] += int(minutes) - known_minutes
    by_kabupaten.sort(key=lambda r: (r.key is None, r.key or ""))
    sessions = sum(r.sessions for r in by_kabupaten)
    minutes = sum(r.minutes for r in by_kabupaten)
    clients_assisted = sum(r.clients or 0 for r in by_kabupaten)
    by_mode = [
        ActivityFigure(mode, SessionMode(mode).label_id if mode else "Lainnya", n, m)
        for mode, (n, m) in mode_totals.items()
        if n
    ]

    # Areas: an outer join, so sessions without an area come back under a NULL area.
    area_rows = db.execute(
        session_scope(
            select(
                SessionArea.area,
                func.count(),
                func.coalesce(func.sum(minutes_col), 0),
            )
            .select_from(MentoringSession)
            .outerjoin(SessionArea, SessionArea.session_id == MentoringSession.id),
            **scope,
        ).group_by(SessionArea.area)
    ).all()
    by_area = sorted(
        (
            ActivityFigure(
                area, Area.label_of(area, blank=NOT_STATED) if area else NO_AREA, int(n), int(m)
            )
            for area, n, m in area_rows
        ),
        key=lambda r: vocab_order(Area, r.key),
    )

    planned = 0
    if date_to > held_to:
        planned_from = max(date_from, held_to + date.resolution)
        planned = db.execute(
            session_scope(
                select(func.count()).select_from(MentoringSession),
                date_from=planned_from,
                held_to=date_to,
                consultant_id=consultant_id,
                kabupaten=kabupaten,
            )
        ).scalar_one()
    return {
        "sessions": sessions,
        "minutes": minutes,
        "clients_assisted": clients_assisted,
        "planned_sessions": int(planned),
        "by_area": by_area,
        "by_kabupaten": by_kabupaten,
        "by_mode": by_mode,
    }


def _new_clients(
    db: Session,
    *,
    date_from: date,
    date_to: date,
    consultant_id: int | None,
    kabupaten: str | None,
) -> int:
    stmt = (
        select(func.count())
        .select_from(Client)
        .where(Client.registered_on >= date_from, Client.registered_on <= date_to)
    )
    if kabupaten:
        stmt = stmt.where(Client.kabupaten_code == kabupaten)
    if consultant_id is not None:
        stmt = stmt.where(client_has_case_of(Client.id, consultant_id))
    return int(db.execute(stmt).scalar_one())


# --- outcomes ---------------------------------------------------------------------------------


def _outcomes_part(db: Session, **scope: Any) -> dict[str, Any]:
    """Every outcome figure but licences from one grouped query over the period's outcomes."""
    rows = db.execute(
        outcome_scope(
            select(
                Outcome.kind,
                Outcome.scheme,
                Outcome.channel,
                Outcome.institution,
                func.count(),
                func.coalesce(func.sum(Outcome.amount), 0),
                func.coalesce(func.sum(Outcome.amount_requested), 0),
                func.coalesce(func.sum(Outcome.jobs), 0),
            ).select_from(Outcome),
            **scope,
        ).group_by(Outcome.kind, Outcome.scheme, Outcome.channel, Outcome.institution)
    ).all()
    by_kind: dict[str, int] = {}
    schemes: dict[str | None, list[int]] = {}
    institutions: dict[str, list[int]] = {}
    channels: dict[str | None, int] = {}
    jobs = 0
    for kind, scheme, channel, institution, n, amount, requested, n_jobs in rows:
        by_kind[kind] = by_kind.get(kind, 0) + int(n)
        if kind == OutcomeKind.FINANCING.value:
            for bucket, key in ((schemes, scheme or None), (institutions, institution or "")):
                total = bucket.setdefault(key, [0, 0, 0])
                total[0] += int(n)
                total[1] += int(amount)
                total[2] += int(requested)
        elif kind == OutcomeKind.MARKET.value:
            channels[channel or None] = channels.get(channel or None, 0) + int(n)
        elif kind == OutcomeKind.JOBS.value:
            jobs += int(n_jobs)
    by_scheme = sorted(
        (
            FinancingFigure(key, FinancingScheme.label_of(key, blank=NOT_STATED), *values)
            for key, values in schemes.items()
        ),
        key=lambda r: vocab_order(FinancingScheme, r.key),
    )
    by_institution = sorted(
        (
            FinancingFigure(key or None, key.strip() or NOT_STATED, *values)
            for key, values in institutions.items()
        ),
        key=lambda r: (-r.approved, r.label),
    )
    by_channel = sorted(
        (
            CountFigure(key, Channel.label_of(key, blank=NOT_STATED), n)
            for key, n in channels.items()
        ),
        key=lambda r: vocab_order(Channel, r.key),
    )
    return {
        "outcomes_by_kind": by_kind,
        "financing_count": sum(r.count for r in by_scheme),
        "financing_approved": sum(r.approved for r in by_scheme),
        "financing_requested": sum(r.requested for r in by_scheme),
        "financing_by_scheme": by_scheme,
        "financing_by_institution": by_institution,
        "market_by_channel": by_channel,
        "market_total": sum(channels.values()),
        "jobs_created": jobs,
        "businesses_started": by_kind.get(OutcomeKind.BUSINESS_STARTED.value, 0),
    }


def _licences_part(
    db: Session,
    *,
    date_from: date,
    date_to: date,
    consultant_id: int | None,
    kabupaten: str | None,
) -> list[CountFigure]:
    from_outcomes = outcome_scope(
        select(
            Outcome.client_id.label("client_id"),
            Outcome.licence_kind.label("kind"),
            literal(1).label("o"),
            literal(0).label("r"),
        ).where(Outcome.kind == OutcomeKind.LICENCE.value),
        date_from=date_from,
        date_to=date_to,
        consultant_id=consultant_id,
        kabupaten=kabupaten,
    )
    from_records = select(
        Licence.client_id.label("client_id"),
        Licence.kind.label("kind"),
        literal(0).label("o"),
        literal(1).label("r"),
    ).where(
        Licence.status.in_(ISSUED_STATUSES),
        Licence.issued_on >= date_from,
        Licence.issued_on <= date_to,
        mentored_on(Licence.client_id, Licence.issued_on, consultant_id),
    )
    if kabupaten:
        from_records = from_records.join(Client, Client.id == Licence.client_id).where(
            Client.kabupaten_code == kabupaten
        )
    if consultant_id is not None:
        from_records = from_records.where(client_has_case_of(Licence.client_id, consultant_id))
    both = union_all(from_outcomes, from_records).subquery()
    n_o, n_r = func.sum(both.c.o), func.sum(both.c.r)
    per_client = (
        select(both.c.kind, case((n_o >= n_r, n_o), else_=n_r).label("n"))
        .group_by(both.c.client_id, both.c.kind)
        .subquery()
    )
    rows = db.execute(
        select(per_client.c.kind, func.sum(per_client.c.n)).group_by(per_client.c.kind)
    ).all()
    return sorted(
        (
            CountFigure(kind, LicenceKind.label_of(kind, blank=NOT_STATED), int(n))
            for kind, n in rows
        ),
        key=lambda r: vocab_order(LicenceKind, r.key),
    )


# --- the whole --------------------------------------------------------------------------------


def period_figures(
    *,
    db: Session,
    date_from: date,
    date_to: date,
    consultant_id: int | None = None,
    kabupaten: str | None = None,
    today: date | None = None,
    naik_kelas_limit: int = 50,
) -> PeriodFigures:
    """All figures of the period ``date_from``..``date_to`` (both included); see the module's
    docstring for what counts."""
    if date_from is None or date_to is None:
        raise InvalidValue("Isi tanggal awal dan tanggal akhir periode.")
    if date_to < date_from:
        raise InvalidValue("Tanggal akhir periode harus sama dengan atau sesudah tanggal awal.")
    today = today or date.today()
    held_to = min(date_to, today)
    # A kabupaten by code or name ("Kapuas", 6203); an unknown one is an error, not zero.
    kabupaten = resolve_kabupaten(db, kabupaten) if kabupaten else None
    if consultant_id is not None:
        get_or_fail(db, Consultant, consultant_id, "Konsultan")
    scope = {
        "date_from": date_from,
        "date_to": date_to,
        "consultant_id": consultant_id,
        "kabupaten": kabupaten,
    }
    if held_to >= date_from:
        sessions = _sessions_part(db, held_to=held_to, **scope)
    else:  # the whole period lies ahead: nothing held, everything planned
        sessions = _sessions_part(db, held_to=date_from - date.resolution, **scope)
    licences = _licences_part(db, **scope)
    return PeriodFigures(
        date_from=date_from,
        date_to=date_to,
        held_to=held_to,
        consultant_id=consultant_id,
        kabupaten=kabupaten,
        new_clients=_new_clients(db, **scope),
        licences_by_kind=licences,
        licences_total=sum(r.count for r in licences),
        **sessions,
        **_outcomes_part(db, **scope),
        **size_part(db, naik_kelas_limit=naik_kelas_limit, **scope),
    )


@dataclasses.dataclass
class PeriodReport:
    """What the period report prints: the period, the figures, and the filters by name
    (None: not filtered)."""

    date_from: date
    date_to: date
    figures: PeriodFigures
    consultant_name: str | None
    kabupaten_name: str | None


def period_report_data(
    *,
    db: Session,
    date_from: date,
    date_to: date,
    consultant_id: int | None = None,
    kabupaten: str | None = None,
    today: date | None = None,
    naik_kelas_limit: int = 50,
) -> PeriodReport:
    """The period's figures (``period_figures``) with the names of its filters."""
    figures = period_figures(
        db=db,
        date_from=date_from,
        date_to=date_to,
        consultant_id=consultant_id,
        kabupaten=kabupaten,
        today=today,
        naik_kelas_limit=naik_kelas_limit,
    )
    who = None
    if consultant_id is not None:
        consultant = db.get(Consultant, consultant_id)
        who = consultant.name if consultant else f"id {consultant_id}"
    where = None
    if figures.kabupaten:
        kab = db.get(Kabupaten, figures.kabupaten)
        where = kab.name if kab else figures.kabupaten
    return PeriodReport(date_from, date_to, figures, who, where)
