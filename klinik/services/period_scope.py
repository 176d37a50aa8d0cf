"""What the period's figures share: their labels, the figure records, and the building
blocks of the queries (who counts as mentored on a date, which sessions and outcomes are in
scope). The counting rules are written in ``klinik.services.reporting``."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from sqlalchemy import and_, case, literal, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement, Select

from klinik.db.models import (
    Case,
    Client,
    MentoringSession,
    Outcome,
)
from klinik.domain.sessions import is_held
from klinik.domain.sizeclass import PP_7_2021, SIZE_LIMITS, SizeClass
from klinik.domain.vocab import (
    LicenceStatus,
)

UNKNOWN_KABUPATEN = "Tidak diketahui"
NO_AREA = "Tanpa bidang"
NOT_STATED = "Tidak disebut"
# Licence records that show a licence was issued (an expired one was still obtained).
ISSUED_STATUSES = (
    LicenceStatus.OBTAINED.value,
    LicenceStatus.EXPIRED.value,
    LicenceStatus.REVOKED.value,
)
CLASSES = list(SizeClass)


@dataclasses.dataclass(frozen=True)
class ActivityFigure:
    """Sessions and minutes of one group (an area, a kabupaten, a mode)."""

    key: str | None
    label: str
    sessions: int
    minutes: int
    clients: int | None = None  # distinct clients, where the grouping allows it

    @property
    def hours(self) -> float:
        return self.minutes / 60


@dataclasses.dataclass(frozen=True)
class CountFigure:
    key: str | None
    label: str
    count: int


@dataclasses.dataclass(frozen=True)
class FinancingFigure:
    key: str | None
    label: str
    count: int
    approved: int
    requested: int


@dataclasses.dataclass(frozen=True)
class NaikKelasRow:
    client_id: int
    business_name: str
    kabupaten: str
    before: SizeClass
    after: SizeClass
    before_on: date
    after_on: date
    omzet_before: int | None
    omzet_after: int | None


@dataclasses.dataclass
class PeriodFigures:
    """Headline figures and breakdowns of one period (see the module's counting rules)."""

    date_from: date
    date_to: date
    held_to: date  # last day whose sessions count as held: min(date_to, today)
    consultant_id: int | None
    kabupaten: str | None
    clients_assisted: int
    new_clients: int
    sessions: int
    minutes: int
    planned_sessions: int
    by_area: list[ActivityFigure]
    by_kabupaten: list[ActivityFigure]
    by_mode: list[ActivityFigure]
    licences_by_kind: list[CountFigure]
    licences_total: int
    financing_count: int
    financing_approved: int
    financing_requested: int
    financing_by_scheme: list[FinancingFigure]
    financing_by_institution: list[FinancingFigure]
    market_by_channel: list[CountFigure]
    market_total: int
    jobs_created: int
    businesses_started: int
    outcomes_by_kind: dict[str, int]
    size_compared: int  # clients with a before and an after size record
    naik_kelas_count: int
    naik_kelas: list[NaikKelasRow]  # the first ``naik_kelas_limit``, latest rise first
    omzet_clients: int  # clients with omzet known in both records
    omzet_before: int
    omzet_after: int
    workers_clients: int
    workers_before: int
    workers_after: int

    @property
    def hours(self) -> float:
        return self.minutes / 60

    def hours_by_area(self) -> dict[str | None, float]:
        return {row.key: row.hours for row in self.by_area}

    def licences(self) -> dict[str | None, int]:
        return {row.key: row.count for row in self.licences_by_kind}


# --- building blocks ------------------------------------------------------------------------


def class_rank_sql(omzet: Any, modal: Any) -> ColumnElement:
    """The rank (0 mikro .. 3 besar) of ``size_class`` as a SQL CASE: omzet decides, modal
    usaha when omzet is unknown, NULL when both are."""
    limits = SIZE_LIMITS[PP_7_2021]

    def by(amount: Any, column: int) -> ColumnElement:
        whens = [(amount <= row[column], CLASSES.index(row[0])) for row in limits]
        return case(*whens, else_=CLASSES.index(SizeClass.BESAR))

    return case(
        (omzet.is_not(None), by(omzet, 2)),
        (modal.is_not(None), by(modal, 1)),
        else_=None,
    )


def client_has_case_of(client_id: Any, consultant_id: int) -> ColumnElement:
    # IN over one uncorrelated subquery: evaluated once. A correlated EXISTS lets SQLite walk
    # the consultant's thousands of cases for every row.
    return client_id.in_(select(Case.client_id).where(Case.consultant_id == consultant_id))


def mentored_on(client_id: Any, on: Any, consultant_id: int | None) -> ColumnElement:
    """True when the client was being mentored on the date ``on``: a case of the client
    opened on or before it, or a session of the client held on or before it (an opening
    date edited after the first session is not trusted alone); with ``consultant_id``,
    that consultant's case or session. Correlated EXISTS over the case index by client and
    the session index by case and date: a lookup per outcome or licence, never a pass over
    the sessions."""
    opened_case = aliased(Case)
    opened = select(literal(1)).where(
        opened_case.client_id == client_id, opened_case.opened_on <= on
    )
    held_case = aliased(Case)
    held = (
        select(literal(1))
        .select_from(MentoringSession)
        .join(held_case, held_case.id == MentoringSession.case_id)
        .where(held_case.client_id == client_id, is_held(MentoringSession.held_on, on))
    )
    if consultant_id is not None:
        opened = opened.where(opened_case.consultant_id == consultant_id)
        held = held.where(MentoringSession.consultant_id == consultant_id)
    return or_(opened.exists(), held.exists())


def session_scope(
    stmt: Select,
    *,
    date_from: date,
    held_to: date,
    consultant_id: int | None,
    kabupaten: str | None,
    join_client: bool = False,
) -> Select:
    """Held sessions of the period with the filters; joins case and client only when needed
    (each join is a lookup per session)."""
    if join_client or kabupaten:
        stmt = stmt.join(Case, Case.id == MentoringSession.case_id).join(
            Client, Client.id == Case.client_id
        )
    stmt = stmt.where(MentoringSession.held_on >= date_from, MentoringSession.held_on <= held_to)
    if consultant_id is not None:
        stmt = stmt.where(MentoringSession.consultant_id == consultant_id)
    if kabupaten:
        stmt = stmt.where(Client.kabupaten_code == kabupaten)
    return stmt


def outcome_scope(
    stmt: Select,
    *,
    date_from: date,
    date_to: date,
    consultant_id: int | None,
    kabupaten: str | None,
) -> Select:
    stmt = stmt.where(
        Outcome.occurred_on >= date_from,
        Outcome.occurred_on <= date_to,
        mentored_on(Outcome.client_id, Outcome.occurred_on, consultant_id),
    )
    if kabupaten:
        stmt = stmt.join(Client, Client.id == Outcome.client_id).where(
            Client.kabupaten_code == kabupaten
        )
    if consultant_id is not None:
        own_case = Outcome.case_id.in_(select(Case.id).where(Case.consultant_id == consultant_id))
        stmt = stmt.where(
            or_(
                own_case,
                and_(
                    Outcome.case_id.is_(None),
                    client_has_case_of(Outcome.client_id, consultant_id),
                ),
            )
        )
    return stmt


def vocab_order(vocab: Any, key: str | None) -> tuple[int, str]:
    values = vocab.values()
    if key in values:
        return (values.index(key), "")
    return (len(values) + (1 if key is None else 0), str(key or ""))
