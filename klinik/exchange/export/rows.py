"""Reading an export's rows: the list's rows from the services (``lists.iter_rows``, one
stream in pages inside one read transaction), the columns a list row lacks read per page
for the chosen columns only."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from klinik.db.engine import Store
from klinik.db.models import Case, Client, Kabupaten, MentoringSession, SizeRecord
from klinik.domain.sizeclass import size_class
from klinik.domain.vocab import (
    ConsentPurpose,
)
from klinik.errors import (
    InvalidValue,
)
from klinik.exchange.export.columns import _CLIENT_FIELDS, _client_id_of, _PageData, _Size
from klinik.exchange.export.plan import _Plan
from klinik.services import lists, privacy
from klinik.services import sessions as session_service

PAGE_SIZE = 1000


def client_consents_to_sharing(db: Session, client_ids: list[int]) -> set[int]:
    """Which clients allow their personal data to be shared with associations: their
    consent in force (UU PDP 27/2022) includes that purpose. The one place exports ask."""
    return privacy.clients_consenting(db=db, client_ids=client_ids, purpose=ConsentPurpose.SHARING)


def _chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    # SQLite's bound-parameter limit is 999 on old builds.
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _execute(db: Session, stmt: Any) -> Any:
    """Run a Core statement on the session's connection (its transaction and snapshot)."""
    return db.connection().execute(stmt)


def _row_pages(
    db: Session,
    kind: str,
    filters: dict[str, Any],
    sort: str | None,
    limit: int | None,
    page_size: int | None = None,
) -> Iterator[list[Any]]:
    """The list's rows (the services' row types), in the list's order, page by page.

    One query read as a stream with the list function's own filters and sort: the same
    rows ``list_*(**filters, sort=sort, limit=None)`` returns, without OFFSET paging.
    """
    return lists.iter_rows(
        kind,
        db=db,
        filters=filters,
        sort=sort,
        limit=limit,
        page_size=page_size or PAGE_SIZE,
    )


def _load_kabupaten(db: Session) -> dict[str, str]:
    return dict(_execute(db, select(Kabupaten.code, Kabupaten.name)).all())


def _load_clients(db: Session, ids: list[int]) -> dict[int, Any]:
    columns = [getattr(Client, name) for name in _CLIENT_FIELDS]
    out: dict[int, Any] = {}
    for chunk in _chunks(ids):
        for row in _execute(db, select(*columns).where(Client.id.in_(chunk))):
            out[row.id] = row
    return out


_WORKER_FIELDS = [
    SizeRecord.workers_permanent_male,
    SizeRecord.workers_permanent_female,
    SizeRecord.workers_nonpermanent_male,
    SizeRecord.workers_nonpermanent_female,
]


def _load_sizes(db: Session, client_ids: list[int]) -> dict[int, _Size]:
    """Each client's latest current (not superseded) size record with its class."""
    out: dict[int, _Size] = {}
    for chunk in _chunks(client_ids):
        stmt = (
            select(
                SizeRecord.client_id,
                SizeRecord.recorded_on,
                SizeRecord.omzet,
                SizeRecord.modal,
                SizeRecord.total_assets,
                *_WORKER_FIELDS,
            )
            .where(SizeRecord.client_id.in_(chunk), SizeRecord.superseded_by_id.is_(None))
            .order_by(SizeRecord.client_id, SizeRecord.recorded_on, SizeRecord.id)
        )
        for r in _execute(db, stmt):
            workers = [w for w in r[5:9] if w is not None]
            try:
                klass = size_class(omzet=r.omzet, modal=r.modal)
            except InvalidValue:
                klass = None
            out[r.client_id] = _Size(
                recorded_on=r.recorded_on,
                omzet=r.omzet,
                modal=r.modal,
                total_assets=r.total_assets,
                workers=sum(workers) if workers else None,
                size_class=klass,
            )
    return out


def _load_cases(db: Session, ids: list[int]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for chunk in _chunks(ids):
        stmt = select(Case.id, Case.status, Case.goal, Case.closed_on).where(Case.id.in_(chunk))
        for row in _execute(db, stmt):
            out[row.id] = row
    return out


def _load_case_stats(db: Session, ids: list[int]) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for chunk in _chunks(ids):
        stmt = (
            select(
                MentoringSession.case_id,
                func.count(),
                func.coalesce(func.sum(MentoringSession.minutes), 0),
            )
            .where(MentoringSession.case_id.in_(chunk))
            .group_by(MentoringSession.case_id)
        )
        for case_id, n, minutes in _execute(db, stmt):
            out[case_id] = (int(n), int(minutes))
    return out


def _load_sessions(db: Session, ids: list[int]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for chunk in _chunks(ids):
        stmt = select(
            MentoringSession.id,
            MentoringSession.prep_minutes,
            MentoringSession.recommendations,
            MentoringSession.next_steps,
        ).where(MentoringSession.id.in_(chunk))
        for row in _execute(db, stmt):
            out[row.id] = row
    return out


def _page_data(
    db: Session, kind: str, rows: list[Any], plan: _Plan, kab: dict[str, str]
) -> _PageData:
    page = _PageData(kab=kab)
    wanted = plan.sources
    cid = _client_id_of(kind)
    client_ids = list(dict.fromkeys(cid(r) for r in rows))
    if "client" in wanted:
        page.client = _load_clients(db, client_ids)
    if "size" in wanted:
        page.size = _load_sizes(db, client_ids)
    if "consent" in wanted:
        page.consent = client_consents_to_sharing(db, client_ids)
    if kind == "cases":
        case_ids = [r.id for r in rows]
        if "case" in wanted:
            page.case = _load_cases(db, case_ids)
        if "stats" in wanted:
            page.stats = _load_case_stats(db, case_ids)
    elif kind == "sessions":
        ids = [r.id for r in rows]
        if "session" in wanted:
            page.session = _load_sessions(db, ids)
        if "session_areas" in wanted:
            page.session_areas = session_service.session_areas(db, ids)
        if "case" in wanted:
            page.case = _load_cases(db, list(dict.fromkeys(r.case_id for r in rows)))
    return page


def _value_pages(
    store: Store,
    kind: str,
    filters: dict[str, Any],
    sort: str | None,
    limit: int | None,
    plan: _Plan,
    meta: dict[str, Any] | None = None,
) -> Iterator[list[list[Any]]]:
    """Pages of cell values (Python values, protection applied), in one read transaction.

    ``meta["personal_rows"]`` counts the rows whose client consented to sharing.
    """
    cid = _client_id_of(kind)
    with store.session() as db:
        kab = _load_kabupaten(db) if "kab" in plan.sources else {}
        getters = plan.getters
        for rows in _row_pages(db, kind, filters, sort, limit):
            page = _page_data(db, kind, rows, plan, kab)
            if page.consent and meta is not None:
                meta["personal_rows"] += sum(1 for r in rows if cid(r) in page.consent)
            yield [[get(r, page) for get in getters] for r in rows]
