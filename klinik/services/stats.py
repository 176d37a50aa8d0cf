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


def store_counts(*, db: Session) -> dict[str, int]:
    """How many records of each kind (archived clients and cases not counted)."""

    def n(stmt) -> int:
        return int(db.execute(stmt).scalar_one())

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
