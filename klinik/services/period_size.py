"""Naik kelas, omzet and workers before and after a period: the size part of the period's
figures (the rule is in ``klinik.services.reporting``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select
from sqlmodel import Session

from klinik.db.models import (
    Client,
    Kabupaten,
    SizeRecord,
)
from klinik.services.period_scope import (  # noqa: F401 (re-exported where public)
    CLASSES,
    UNKNOWN_KABUPATEN,
    NaikKelasRow,
    class_rank_sql,
    client_has_case_of,
)

# --- size: naik kelas, omzet and workers before/after ----------------------------------------


def _size_pairs(
    *,
    date_from: date,
    date_to: date,
    consultant_id: int | None,
    kabupaten: str | None,
):
    """Per client with a size change in the period: the before and after records (a subquery
    with client_id, b_rank, a_rank, b_on, a_on, b_omzet, a_omzet, b_workers, a_workers)."""
    worker_columns = [
        SizeRecord.workers_permanent_male,
        SizeRecord.workers_permanent_female,
        SizeRecord.workers_nonpermanent_male,
        SizeRecord.workers_nonpermanent_female,
    ]
    workers = case(
        (and_(*(c.is_(None) for c in worker_columns)), None),
        else_=sum((func.coalesce(c, 0) for c in worker_columns), literal(0)),
    )
    rank = class_rank_sql(SizeRecord.omzet, SizeRecord.modal)
    current = and_(
        SizeRecord.superseded_by_id.is_(None),
        or_(SizeRecord.omzet.is_not(None), SizeRecord.modal.is_not(None)),
    )
    # Only clients with a current, classed record in the period can have changed in it.
    changed = (
        select(SizeRecord.client_id)
        .where(current, SizeRecord.recorded_on >= date_from, SizeRecord.recorded_on <= date_to)
        .distinct()
    )
    if kabupaten:
        changed = changed.join(Client, Client.id == SizeRecord.client_id).where(
            Client.kabupaten_code == kabupaten
        )
    if consultant_id is not None:
        changed = changed.where(client_has_case_of(SizeRecord.client_id, consultant_id))
    partition = {"partition_by": SizeRecord.client_id}
    numbered = (
        select(
            SizeRecord.client_id,
            SizeRecord.recorded_on,
            SizeRecord.omzet,
            rank.label("rank"),
            workers.label("workers"),
            func.row_number()
            .over(order_by=(SizeRecord.recorded_on, SizeRecord.id), **partition)
            .label("rn"),
            func.count().over(**partition).label("n"),
            func.sum(case((SizeRecord.recorded_on < date_from, 1), else_=0))
            .over(**partition)
            .label("nb"),
        )
        .where(current, SizeRecord.recorded_on <= date_to, SizeRecord.client_id.in_(changed))
        .subquery()
    )
    before_rn = case((numbered.c.nb > 1, numbered.c.nb), else_=1)
    ends = (
        select(numbered)
        .where(
            numbered.c.n > before_rn, or_(numbered.c.rn == before_rn, numbered.c.rn == numbered.c.n)
        )
        .subquery()
    )

    def side(column: Any, last: bool) -> Any:
        pick = ends.c.rn == ends.c.n if last else ends.c.rn != ends.c.n
        return func.max(case((pick, column), else_=None))

    return (
        select(
            ends.c.client_id,
            side(ends.c.rank, False).label("b_rank"),
            side(ends.c.rank, True).label("a_rank"),
            side(ends.c.recorded_on, False).label("b_on"),
            side(ends.c.recorded_on, True).label("a_on"),
            side(ends.c.omzet, False).label("b_omzet"),
            side(ends.c.omzet, True).label("a_omzet"),
            side(ends.c.workers, False).label("b_workers"),
            side(ends.c.workers, True).label("a_workers"),
        )
        .group_by(ends.c.client_id)
        .subquery()
    )


def size_part(db: Session, *, naik_kelas_limit: int, **scope: Any) -> dict[str, Any]:
    """Naik kelas and omzet/workers before/after in one query: totals as window aggregates
    over every compared client, rows for the latest rises first."""
    pairs = _size_pairs(**scope)
    rose = pairs.c.a_rank > pairs.c.b_rank
    omzet_known = and_(pairs.c.b_omzet.is_not(None), pairs.c.a_omzet.is_not(None))
    workers_known = and_(pairs.c.b_workers.is_not(None), pairs.c.a_workers.is_not(None))

    def total(condition: Any, column: Any = None) -> Any:
        value = column if column is not None else 1
        return func.coalesce(func.sum(case((condition, value), else_=0)).over(), 0)

    listed = db.execute(
        select(
            pairs.c.client_id,
            Client.business_name,
            Kabupaten.name,
            pairs.c.b_rank,
            pairs.c.a_rank,
            pairs.c.b_on,
            pairs.c.a_on,
            pairs.c.b_omzet,
            pairs.c.a_omzet,
            func.count().over(),
            total(rose),
            total(omzet_known),
            total(omzet_known, pairs.c.b_omzet),
            total(omzet_known, pairs.c.a_omzet),
            total(workers_known),
            total(workers_known, pairs.c.b_workers),
            total(workers_known, pairs.c.a_workers),
        )
        .join(Client, Client.id == pairs.c.client_id)
        .outerjoin(Kabupaten, Kabupaten.code == Client.kabupaten_code)
        .order_by(
            case((rose, 0), else_=1), pairs.c.a_on.desc(), Client.business_name, pairs.c.client_id
        )
        .limit(max(naik_kelas_limit, 1))
    ).all()
    totals = [int(v) for v in listed[0][9:]] if listed else [0] * 8
    rows = [
        NaikKelasRow(
            client_id=cid,
            business_name=name,
            kabupaten=kab or UNKNOWN_KABUPATEN,
            before=CLASSES[int(b_rank)],
            after=CLASSES[int(a_rank)],
            before_on=_as_date(b_on),
            after_on=_as_date(a_on),
            omzet_before=b_omzet,
            omzet_after=a_omzet,
        )
        for cid, name, kab, b_rank, a_rank, b_on, a_on, b_omzet, a_omzet, *_ in listed
        if int(a_rank) > int(b_rank)
    ][:naik_kelas_limit]
    return {
        "size_compared": totals[0],
        "naik_kelas_count": totals[1],
        "naik_kelas": rows,
        "omzet_clients": totals[2],
        "omzet_before": totals[3],
        "omzet_after": totals[4],
        "workers_clients": totals[5],
        "workers_before": totals[6],
        "workers_after": totals[7],
    }


def _as_date(value: Any) -> date:
    # MAX(CASE ...) over a date column loses SQLAlchemy's type on SQLite: ISO text comes back.
    return value if isinstance(value, date) else date.fromisoformat(str(value))
