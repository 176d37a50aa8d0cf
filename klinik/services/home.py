"""Beranda: what needs the consultant's attention today."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from sqlmodel import Session, select

from klinik.db.models import Agency, Case, Client, FollowUp, MentoringSession, Referral
from klinik.domain.vocab import CLOSED_STATUSES, ReferralStatus
from klinik.services.common import unindexed

STALE_DAYS = 60


@dataclasses.dataclass
class HomeItem:
    """One line on Beranda; every item opens its case."""

    case_id: int
    when: date | None
    title: str
    client: str
    record_id: int | None = None


@dataclasses.dataclass
class HomeOverview:
    due_follow_ups: list[HomeItem]
    planned_sessions: list[HomeItem]
    waiting_referrals: list[HomeItem]
    stale_cases: list[HomeItem]


def home_overview(
    *,
    db: Session,
    today: date | None = None,
    consultant_id: int | None = None,
    limit: int = 50,
) -> HomeOverview:
    """Follow-ups due today or overdue, sessions planned this week, referrals waiting for an
    answer, open cases with no session for 60 days. ``consultant_id`` narrows to one person."""
    today = today or date.today()
    open_case = Case.archived_at.is_(None)
    # Not archived is nearly every case: off the index for the sections another index
    # finds (by date or status), on it for the stale cases it delivers in order.
    open_elsewhere = unindexed(Case.archived_at).is_(None)

    def mine(stmt):
        return stmt.where(Case.consultant_id == consultant_id) if consultant_id else stmt

    follow = mine(
        select(FollowUp.case_id, FollowUp.due_on, FollowUp.description, Client.business_name,
               FollowUp.id)
        .join(Case, Case.id == FollowUp.case_id)
        .join(Client, Client.id == Case.client_id)
        .where(FollowUp.done_on.is_(None), FollowUp.due_on <= today, open_elsewhere)
        .order_by(FollowUp.due_on, FollowUp.id)
        .limit(limit)
    )  # fmt: skip
    week_end = today + timedelta(days=7)
    planned = mine(
        select(MentoringSession.case_id, MentoringSession.held_on, Case.title,
               Client.business_name, MentoringSession.id)
        .join(Case, Case.id == MentoringSession.case_id)
        .join(Client, Client.id == Case.client_id)
        .where(MentoringSession.held_on >= today, MentoringSession.held_on <= week_end,
               open_elsewhere)
        .order_by(MentoringSession.held_on, MentoringSession.id)
        .limit(limit)
    )  # fmt: skip
    # The next session a consultant agreed on also counts as planned.
    agreed = mine(
        select(MentoringSession.case_id, MentoringSession.next_session_on, Case.title,
               Client.business_name, MentoringSession.id)
        .join(Case, Case.id == MentoringSession.case_id)
        .join(Client, Client.id == Case.client_id)
        .where(MentoringSession.next_session_on >= today,
               MentoringSession.next_session_on <= week_end, open_elsewhere,
               Case.status.not_in([s.value for s in CLOSED_STATUSES]))
        .order_by(MentoringSession.next_session_on)
        .limit(limit)
    )  # fmt: skip
    waiting = mine(
        select(Referral.case_id, Referral.sent_on, Agency.name, Client.business_name, Referral.id)
        .join(Case, Case.id == Referral.case_id)
        .join(Client, Client.id == Case.client_id)
        .join(Agency, Agency.id == Referral.agency_id)
        .where(Referral.status == ReferralStatus.SENT.value, open_elsewhere)
        .order_by(Referral.sent_on, Referral.id)
        .limit(limit)
    )  # fmt: skip
    stale = mine(
        select(Case.id, Case.last_activity_on, Case.title, Client.business_name, Case.id)
        .join(Client, Client.id == Case.client_id)
        .where(open_case, Case.status.not_in([s.value for s in CLOSED_STATUSES]),
               Case.last_activity_on < today - timedelta(days=STALE_DAYS))
        .order_by(Case.last_activity_on, Case.id)
        .limit(limit)
    )  # fmt: skip

    def items(stmt) -> list[HomeItem]:
        return [HomeItem(*row) for row in db.execute(stmt)]

    planned_items = items(planned)
    seen = {(i.case_id, i.when) for i in planned_items}
    for item in items(agreed):
        if (item.case_id, item.when) not in seen:
            seen.add((item.case_id, item.when))
            item.record_id = None
            planned_items.append(item)
    planned_items.sort(key=lambda i: (i.when or today, i.case_id))
    return HomeOverview(
        due_follow_ups=items(follow),
        planned_sessions=planned_items[:limit],
        waiting_referrals=items(waiting),
        stale_cases=items(stale),
    )
