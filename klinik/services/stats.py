"""Record counts for the status bar, ``klinik info`` and the About dialog."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from klinik.db.models import (
    Agency,
    Case,
    Client,
    Consultant,
    FollowUp,
    MentoringSession,
    Outcome,
    Referral,
)


def store_counts(*, session: Session) -> dict[str, int]:
    """How many records of each kind (archived clients and cases not counted)."""

    def n(stmt) -> int:
        return int(session.execute(stmt).scalar_one())

    return {
        "clients": n(select(func.count()).select_from(Client).where(Client.archived_at.is_(None))),
        "cases": n(select(func.count()).select_from(Case).where(Case.archived_at.is_(None))),
        "sessions": n(select(func.count()).select_from(MentoringSession)),
        "follow_ups": n(select(func.count()).select_from(FollowUp)),
        "referrals": n(select(func.count()).select_from(Referral)),
        "outcomes": n(select(func.count()).select_from(Outcome)),
        "consultants": n(select(func.count()).select_from(Consultant)),
        "agencies": n(select(func.count()).select_from(Agency)),
    }


def period_summary(*, session: Session, date_from, date_to) -> dict[str, object]:
    """Headline figures for a period: clients assisted, sessions, hours, outcomes by kind."""
    from datetime import date as _date

    from klinik.db.models import SessionArea

    # Planned sessions (after today) are not yet mentoring that happened.
    in_period = MentoringSession.held_on.between(date_from, min(date_to, _date.today()))
    sessions_q = (
        select(func.count(), func.coalesce(func.sum(MentoringSession.minutes), 0))
        .select_from(MentoringSession)
        .where(in_period)
    )
    n_sessions, minutes = session.execute(sessions_q).one()
    clients_assisted = session.execute(
        select(func.count(func.distinct(Case.client_id)))
        .select_from(MentoringSession)
        .join(Case, Case.id == MentoringSession.case_id)
        .where(in_period)
    ).scalar_one()
    new_clients = session.execute(
        select(func.count())
        .select_from(Client)
        .where(Client.registered_on.between(date_from, date_to))
    ).scalar_one()
    by_area = dict(
        session.execute(
            select(SessionArea.area, func.sum(MentoringSession.minutes))
            .join(MentoringSession, MentoringSession.id == SessionArea.session_id)
            .where(in_period)
            .group_by(SessionArea.area)
        ).all()
    )
    outcomes = dict(
        session.execute(
            select(Outcome.kind, func.count())
            .where(Outcome.occurred_on.between(date_from, date_to))
            .group_by(Outcome.kind)
        ).all()
    )
    return {
        "sessions": int(n_sessions),
        "hours": round(int(minutes) / 60, 1),
        "clients_assisted": int(clients_assisted),
        "new_clients": int(new_clients),
        "hours_by_area": {k: round(int(v) / 60, 1) for k, v in by_area.items()},
        "outcomes": {k: int(v) for k, v in outcomes.items()},
    }
