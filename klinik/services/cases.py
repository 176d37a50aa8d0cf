"""Cases: one mentoring engagement each, with areas and an audited status."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import exists, func
from sqlmodel import Session, delete, select

from klinik.db.models import (
    Case,
    CaseArea,
    CaseStatusChange,
    Client,
    Consultant,
    FollowUp,
    MentoringSession,
    Outcome,
    Referral,
    utcnow,
)
from klinik.domain.sessions import is_held
from klinik.domain.vocab import CASE_TRANSITIONS, CLOSED_STATUSES, Area, CaseStatus
from klinik.errors import FieldError, Refusal, ValidationError
from klinik.services import fulltext
from klinik.services.common import (
    DEFAULT_LIMIT,
    Page,
    apply_sort,
    areas_of,
    count,
    get_or_fail,
    stream_pages,
    unindexed,
)
from klinik.services.common import page as _page
from klinik.services.validation import Checker, check_id_filter, check_search, filter_choices


def get_case(*, db: Session, case_id: int | str) -> Case:
    return get_or_fail(db, Case, case_id, "Kasus")


def case_areas(db: Session, case_ids: list[int]) -> dict[int, list[str]]:
    return areas_of(db, CaseArea.case_id, CaseArea.area, case_ids)


def refresh_last_activity(db: Session, case: Case) -> None:
    """Last activity is the latest held session, never earlier than the opening."""
    latest = db.execute(
        select(func.max(MentoringSession.held_on)).where(
            MentoringSession.case_id == case.id, is_held(MentoringSession.held_on)
        )
    ).scalar_one()
    case.last_activity_on = max(latest or case.opened_on, case.opened_on)


def _check_refs(db: Session, c: Checker, out: dict[str, Any]) -> None:
    client_id = out.get("client_id")
    if client_id is not None:
        client = db.get(Client, client_id)
        if client is None:
            c.fail("client_id", f"Klien dengan id {client_id} tidak ditemukan.")
        elif client.archived_at is not None:
            c.fail("client_id", "Klien ini diarsipkan; pulihkan dulu sebelum membuka kasus.")
    consultant_id = out.get("consultant_id")
    if consultant_id is not None and db.get(Consultant, consultant_id) is None:
        c.fail("consultant_id", f"Konsultan dengan id {consultant_id} tidak ditemukan.")


def _clean_case(db: Session, data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    c = Checker(data)
    out: dict[str, Any] = {}
    if creating:
        out["client_id"] = c.integer("client_id", required=True)
    if creating or c.has("title"):
        out["title"] = c.text("title", required=True, max_length=200)
    if c.has("goal"):
        out["goal"] = c.text("goal", max_length=5000) or ""
    if c.has("consultant_id"):
        out["consultant_id"] = c.integer("consultant_id")
    if creating or c.has("opened_on"):
        out["opened_on"] = c.date("opened_on", not_future=True) or date.today()
    if c.has("areas"):
        out["areas"] = c.choices("areas", Area)
    _check_refs(db, c, out)
    c.raise_if_errors()
    return out


def _set_areas(db: Session, case_id: int, areas: list[str]) -> None:
    db.exec(delete(CaseArea).where(CaseArea.case_id == case_id))
    for area in areas:
        db.add(CaseArea(case_id=case_id, area=area))


def open_case(*, db: Session, **fields: Any) -> Case:
    """Open a case for a client; its status starts at 'baru' and the opening is audited."""
    values = _clean_case(db, fields, creating=True)
    areas = values.pop("areas", [])
    case = Case(**values, status=CaseStatus.BARU.value, last_activity_on=values["opened_on"])
    db.add(case)
    db.flush()
    _set_areas(db, case.id, areas)
    db.add(
        CaseStatusChange(
            case_id=case.id,
            from_status=None,
            to_status=CaseStatus.BARU.value,
            consultant_id=case.consultant_id,
            changed_on=case.opened_on,
        )
    )
    db.flush()
    return case


def update_case(*, db: Session, case_id: int | str, **fields: Any) -> Case:
    if "status" in fields:
        raise ValidationError(
            FieldError("status", "Status diubah lewat tindakan status (Aktifkan, Tunda, ...).")
        )
    case = get_case(db=db, case_id=case_id)
    values = _clean_case(db, fields, creating=False)
    areas = values.pop("areas", None)
    for key, value in values.items():
        setattr(case, key, value)
    if areas is not None:
        _set_areas(db, case.id, areas)
    if "opened_on" in values:
        refresh_last_activity(db, case)
    case.updated_at = utcnow()
    db.add(case)
    db.flush()
    return case


def allowed_transitions(status: str) -> list[str]:
    return sorted(s.value for s in CASE_TRANSITIONS[CaseStatus(status)])


def change_case_status(
    *,
    db: Session,
    case_id: int | str,
    status: str,
    reason: str | None = None,
    consultant_id: int | None = None,
    on: date | None = None,
) -> Case:
    """Move a case along the allowed transitions; closing needs a reason. Audited."""
    case = get_case(db=db, case_id=case_id)
    target = CaseStatus.parse(str(status))
    if target is None:
        allowed = ", ".join(s.value for s in CaseStatus)
        raise ValidationError(FieldError("status", f"Status {status!r} tidak dikenal: {allowed}."))
    current = CaseStatus(case.status)
    if target not in CASE_TRANSITIONS[current]:
        allowed = CaseStatus.labels_in_order(CASE_TRANSITIONS[current]) or "-"
        raise ValidationError(
            FieldError(
                "status",
                f"Kasus berstatus {current.label_id} tidak bisa diubah menjadi "
                f"{target.label_id}. Yang boleh: {allowed}.",
            )
        )
    reason = (reason or "").strip() or None
    if target is CaseStatus.DITUTUP and not reason:
        raise ValidationError(FieldError("reason", "Alasan menutup kasus wajib diisi."))
    on = on or date.today()
    if on < case.opened_on:
        raise ValidationError(
            FieldError("on", "Tanggal perubahan status tidak boleh sebelum kasus dibuka.")
        )
    case.status = target.value
    if target in CLOSED_STATUSES:
        case.closed_on = on
        case.closed_reason = reason
    else:
        case.closed_on = None
        case.closed_reason = None
    case.updated_at = utcnow()
    db.add(case)
    db.add(
        CaseStatusChange(
            case_id=case.id,
            from_status=current.value,
            to_status=target.value,
            reason=reason,
            consultant_id=consultant_id,
            changed_on=on,
        )
    )
    db.flush()
    return case


def archive_case(*, db: Session, case_id: int | str) -> Case:
    case = get_case(db=db, case_id=case_id)
    if case.archived_at is None:
        case.archived_at = utcnow()
        db.add(case)
        db.flush()
    return case


def restore_case(*, db: Session, case_id: int | str) -> Case:
    case = get_case(db=db, case_id=case_id)
    client = db.get(Client, case.client_id)
    if client is not None and client.archived_at is not None:
        raise Refusal("Kliennya diarsipkan; pulihkan klien dulu.")
    case.archived_at = None
    db.add(case)
    db.flush()
    return case


@dataclasses.dataclass
class CaseRow:
    """A case as a list shows it."""

    id: int
    uid: str
    title: str
    client_id: int
    business_name: str
    kabupaten_code: str | None
    consultant_id: int | None
    consultant: str | None
    status: str
    opened_on: date
    last_activity_on: date
    areas: list[str]
    archived: bool


CASE_SORTS = {
    "last_activity": Case.last_activity_on,
    "opened_on": Case.opened_on,
    "title": Case.title,
    "client": Client.business_name,
    "status": Case.status,
    "consultant": Consultant.name,
    "id": Case.id,
}


_DEFAULT_SORT = "-last_activity"
# Sorts an index (archived_at, column) delivers in order (migration 0007).
_ARCHIVED_SORTS = {"last_activity", "opened_on", "title", "status"}


def _own_conditions(
    statuses: list[str],
    consultant_id: int | None,
    client_id: int | None,
    areas: list[str],
    opened_from: date | None,
    opened_to: date | None,
) -> list[Any]:
    """The filters on the case's own columns, shared by the list and its count."""
    conditions: list[Any] = []
    if statuses:
        conditions.append(Case.status.in_(statuses))
    if consultant_id is not None:
        conditions.append(Case.consultant_id == consultant_id)
    if client_id is not None:
        conditions.append(Case.client_id == client_id)
    if areas:
        conditions.append(exists().where(CaseArea.case_id == Case.id, CaseArea.area.in_(areas)))
    if opened_from:
        conditions.append(Case.opened_on >= opened_from)
    if opened_to:
        conditions.append(Case.opened_on <= opened_to)
    return conditions


def _case_query(
    db: Session,
    *,
    search: str | None,
    status: str | list[str] | None,
    consultant_id: int | None,
    client_id: int | None,
    kabupaten: str | None,
    area: str | None,
    opened_from: date | None,
    opened_to: date | None,
    archived: bool | None,
    sort: str | None = None,
):
    check_search(search)
    statuses = filter_choices("status", status, CaseStatus)
    areas = filter_choices("area", area, Area)
    check_id_filter("consultant_id", consultant_id)
    check_id_filter("client_id", client_id)
    stmt = (
        select(
            Case.id,
            Case.uid,
            Case.title,
            Case.client_id,
            Client.business_name,
            Client.kabupaten_code,
            Case.consultant_id,
            Consultant.name,
            Case.status,
            Case.opened_on,
            Case.last_activity_on,
            Case.archived_at,
        )
        .join(Client, Client.id == Case.client_id)
        .outerjoin(Consultant, Consultant.id == Case.consultant_id)
    )
    # The case's archived_at leads the plan only for a sort its indexes deliver, and never
    # when one client's cases are asked for (common.unindexed).
    # The client's only for the client's name, whose index leads with it.
    key = (sort or _DEFAULT_SORT).lstrip("-")
    case_archived, client_archived = Case.archived_at, Client.archived_at
    if client_id is not None or key not in _ARCHIVED_SORTS:
        case_archived = unindexed(Case.archived_at)
    if client_id is not None or key != "client":
        client_archived = unindexed(Client.archived_at)
    if archived is True:
        stmt = stmt.where(case_archived.is_not(None) | client_archived.is_not(None))
    elif archived is False:
        # A case of an archived client is out of sight with its client.
        stmt = stmt.where(case_archived.is_(None), client_archived.is_(None))
    stmt = stmt.where(
        *_own_conditions(statuses, consultant_id, client_id, areas, opened_from, opened_to)
    )
    if kabupaten:
        stmt = stmt.where(Client.kabupaten_code == kabupaten)
    if search:
        stmt = stmt.where(*fulltext.case_search(db, search))
    return stmt


def list_cases(
    *,
    db: Session,
    search: str | None = None,
    status: str | list[str] | None = None,
    consultant_id: int | None = None,
    client_id: int | None = None,
    kabupaten: str | None = None,
    area: str | None = None,
    opened_from: date | None = None,
    opened_to: date | None = None,
    archived: bool | None = False,
    sort: str | None = None,
    offset: int = 0,
    limit: int | None = DEFAULT_LIMIT,
) -> Page[CaseRow]:
    """Cases matching the filters, newest activity first unless ``sort`` says otherwise."""
    stmt = _case_query(
        db,
        search=search,
        status=status,
        consultant_id=consultant_id,
        client_id=client_id,
        kabupaten=kabupaten,
        area=area,
        opened_from=opened_from,
        opened_to=opened_to,
        archived=archived,
        sort=sort,
    )
    stmt = apply_sort(stmt, sort, CASE_SORTS, _DEFAULT_SORT, Case.id)
    raw = db.execute(_page(stmt, offset=offset, limit=limit)).all()
    areas = case_areas(db, [r[0] for r in raw])
    rows = [CaseRow(*r[:11], areas=areas[r[0]], archived=r[11] is not None) for r in raw]
    return Page(rows=rows, offset=offset, limit=limit)


_AREA_ORDER = {a.value: i for i, a in enumerate(Area)}


@functools.lru_cache(maxsize=4096)
def _area_order(joined: str) -> tuple[str, ...]:
    # Few distinct sets of areas occur; each row only looks its set up.
    return tuple(sorted(joined.split(","), key=lambda a: _AREA_ORDER.get(a, 99)))


def iter_cases(
    *,
    db: Session,
    search: str | None = None,
    status: str | list[str] | None = None,
    consultant_id: int | None = None,
    client_id: int | None = None,
    kabupaten: str | None = None,
    area: str | None = None,
    opened_from: date | None = None,
    opened_to: date | None = None,
    archived: bool | None = False,
    sort: str | None = None,
    limit: int | None = None,
    page_size: int | None = None,
) -> Iterator[list[CaseRow]]:
    """The rows ``list_cases`` returns with these filters and ``sort`` (all of them, or the
    first ``limit``), page by page from one stream (``common.stream_pages``): for exports
    of any size. A case's areas come with its row (one correlated lookup in the database,
    as ``case_areas`` would make per page), in the vocabulary's order like ``case_areas``."""
    areas = (
        select(func.aggregate_strings(CaseArea.area, ","))
        .where(CaseArea.case_id == Case.id)
        .correlate(Case)
        .scalar_subquery()
    )
    stmt = _case_query(
        db,
        search=search,
        status=status,
        consultant_id=consultant_id,
        client_id=client_id,
        kabupaten=kabupaten,
        area=area,
        opened_from=opened_from,
        opened_to=opened_to,
        archived=archived,
        sort=sort,
    ).add_columns(areas)
    stmt = apply_sort(stmt, sort, CASE_SORTS, _DEFAULT_SORT, Case.id)
    for part in stream_pages(db, stmt, limit=limit, page_size=page_size):
        yield [
            CaseRow(
                *r[:11],
                areas=list(_area_order(r[12])) if r[12] else [],
                archived=r[11] is not None,
            )
            for r in part
        ]


def count_cases(
    *,
    db: Session,
    search: str | None = None,
    status: str | list[str] | None = None,
    consultant_id: int | None = None,
    client_id: int | None = None,
    kabupaten: str | None = None,
    area: str | None = None,
    opened_from: date | None = None,
    opened_to: date | None = None,
    archived: bool | None = False,
) -> int:
    if search or kabupaten:
        return count(
            db,
            _case_query(
                db,
                search=search,
                status=status,
                consultant_id=consultant_id,
                client_id=client_id,
                kabupaten=kabupaten,
                area=area,
                opened_from=opened_from,
                opened_to=opened_to,
                archived=archived,
            ),
        )
    # Without a filter on the client's own columns the count needs no join: the few archived
    # clients are a list the case index (archived_at, client_id) is checked against.
    statuses = filter_choices("status", status, CaseStatus)
    areas = filter_choices("area", area, Area)
    check_id_filter("consultant_id", consultant_id)
    check_id_filter("client_id", client_id)
    archived_clients = select(Client.id).where(Client.archived_at.is_not(None))
    stmt = select(func.count()).select_from(Case)
    if archived is True:
        stmt = stmt.where(Case.archived_at.is_not(None) | Case.client_id.in_(archived_clients))
    elif archived is False:
        stmt = stmt.where(Case.archived_at.is_(None), Case.client_id.not_in(archived_clients))
    stmt = stmt.where(
        *_own_conditions(statuses, consultant_id, client_id, areas, opened_from, opened_to)
    )
    return int(db.execute(stmt).scalar_one())


@dataclasses.dataclass
class CaseDetail:
    """A case with everything its detail view and timeline show."""

    case: Case
    client: Client
    consultant: Consultant | None
    areas: list[str]
    sessions: list[MentoringSession]
    follow_ups: list[FollowUp]
    referrals: list[Referral]
    outcomes: list[Outcome]
    status_changes: list[CaseStatusChange]
    total_minutes: int


def case_detail(*, db: Session, case_id: int | str) -> CaseDetail:
    case = get_case(db=db, case_id=case_id)
    sessions = list(
        db.exec(
            select(MentoringSession)
            .where(MentoringSession.case_id == case.id)
            .order_by(MentoringSession.held_on, MentoringSession.id)
        )
    )
    return CaseDetail(
        case=case,
        client=db.get(Client, case.client_id),
        consultant=db.get(Consultant, case.consultant_id) if case.consultant_id else None,
        areas=case_areas(db, [case.id])[case.id],
        sessions=sessions,
        follow_ups=list(
            db.exec(
                select(FollowUp)
                .where(FollowUp.case_id == case.id)
                .order_by(FollowUp.due_on, FollowUp.id)
            )
        ),
        referrals=list(
            db.exec(select(Referral).where(Referral.case_id == case.id).order_by(Referral.id))
        ),
        outcomes=list(
            db.exec(select(Outcome).where(Outcome.case_id == case.id).order_by(Outcome.occurred_on))
        ),
        status_changes=list(
            db.exec(
                select(CaseStatusChange)
                .where(CaseStatusChange.case_id == case.id)
                .order_by(CaseStatusChange.id)
            )
        ),
        total_minutes=sum(s.minutes for s in sessions),
    )
