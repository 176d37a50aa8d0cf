"""Mentoring sessions and the follow-ups agreed in them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import exists, func
from sqlmodel import Session, delete, select

from klinik.db.models import (
    Case,
    CaseStatusChange,
    Client,
    Consultant,
    FollowUp,
    MentoringSession,
    SessionArea,
    utcnow,
)
from klinik.domain.sessions import is_planned
from klinik.domain.vocab import CLOSED_STATUSES, Area, CaseStatus, FollowUpOwner, SessionMode
from klinik.errors import FieldError, ValidationError
from klinik.services import fulltext
from klinik.services.cases import case_areas, refresh_last_activity
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


def get_session(*, db: Session, session_id: int | str) -> MentoringSession:
    return get_or_fail(db, MentoringSession, session_id, "Sesi")


def session_areas(db: Session, session_ids: list[int]) -> dict[int, list[str]]:
    return areas_of(db, SessionArea.session_id, SessionArea.area, session_ids)


def _clean_session(
    db: Session,
    data: dict[str, Any],
    *,
    case: Case,
    existing: MentoringSession | None = None,
) -> dict[str, Any]:
    """Check a session's fields against its case; an update is checked as it would become."""
    creating = existing is None
    c = Checker(data)
    out: dict[str, Any] = {}
    if creating or c.has("held_on"):
        out["held_on"] = c.date("held_on") or date.today()
    if creating or c.has("minutes"):
        minutes = c.integer("minutes", required=not creating, minimum=1, maximum=24 * 60)
        out["minutes"] = 60 if minutes is None else minutes
    if c.has("prep_minutes"):
        out["prep_minutes"] = c.integer("prep_minutes", minimum=0, maximum=24 * 60) or 0
    if creating or c.has("mode"):
        out["mode"] = c.choice("mode", SessionMode) or SessionMode.DI_KLINIK.value
    if c.has("consultant_id"):
        out["consultant_id"] = c.integer("consultant_id")
    for field in ("summary", "recommendations", "next_steps"):
        if c.has(field):
            out[field] = c.text(field, max_length=50000) or ""
    if c.has("next_session_on"):
        out["next_session_on"] = c.date("next_session_on")
    if c.has("areas"):
        out["areas"] = c.choices("areas", Area)

    def merged(field: str) -> Any:
        return out[field] if field in out else getattr(existing, field, None)

    held, next_on = merged("held_on"), merged("next_session_on")
    if held and held < case.opened_on:
        c.fail("held_on", "Tanggal sesi tidak boleh sebelum kasus dibuka.")
    if held and next_on and next_on <= held:
        c.fail("next_session_on", "Sesi berikutnya harus sesudah tanggal sesi ini.")
    consultant_id = out.get("consultant_id")
    if consultant_id is not None and db.get(Consultant, consultant_id) is None:
        c.fail("consultant_id", f"Konsultan dengan id {consultant_id} tidak ditemukan.")
    c.raise_if_errors()
    return out


def _clean_follow_up(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    c = Checker(data)
    out = {
        "description": c.text("description", required=True, max_length=500),
        "owner": c.choice("owner", FollowUpOwner) or FollowUpOwner.KLIEN.value,
        "due_on": c.date("due_on"),
    }
    if prefix:
        c.errors = [FieldError(prefix + e.field, e.message) for e in c.errors]
    c.raise_if_errors()
    return out


def _touch_case(db: Session, case: Case, held_on: date, consultant_id: int | None) -> None:
    # Planned (future) sessions do not count as activity; a first held session starts a case.
    if is_planned(held_on):
        return
    if held_on > case.last_activity_on:
        case.last_activity_on = held_on
    if case.status == CaseStatus.BARU.value:
        case.status = CaseStatus.AKTIF.value
        db.add(
            CaseStatusChange(
                case_id=case.id,
                from_status=CaseStatus.BARU.value,
                to_status=CaseStatus.AKTIF.value,
                reason="Sesi pertama dicatat",
                consultant_id=consultant_id,
                changed_on=max(held_on, case.opened_on),
            )
        )
    case.updated_at = utcnow()
    db.add(case)


def log_session(
    *,
    db: Session,
    case_id: int | str,
    follow_ups: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> MentoringSession:
    """Record a session in a case, with its follow-ups, in one transaction."""
    case = get_or_fail(db, Case, case_id, "Kasus")
    errors: list[FieldError] = []
    if case.status in {s.value for s in CLOSED_STATUSES}:
        errors.append(FieldError("case_id", "Kasus ini sudah selesai/ditutup; aktifkan lagi dulu."))
    if case.archived_at is not None:
        errors.append(FieldError("case_id", "Kasus ini diarsipkan; pulihkan dulu."))
    client = db.get(Client, case.client_id)
    if client is not None and client.archived_at is not None:
        errors.append(FieldError("case_id", "Klien kasus ini diarsipkan; pulihkan dulu."))
    values: dict[str, Any] = {}
    try:
        values = _clean_session(db, fields, case=case)
    except ValidationError as exc:
        errors.extend(exc.errors)
    cleaned_follow_ups = []
    for i, item in enumerate(follow_ups or []):
        try:
            cleaned_follow_ups.append(_clean_follow_up(item, prefix=f"follow_ups.{i}."))
        except ValidationError as exc:
            errors.extend(exc.errors)
    consultant_id = values.get("consultant_id") or case.consultant_id
    if errors:
        raise ValidationError(errors)
    areas = values.pop("areas", None)
    if areas is None:
        areas = case_areas(db, [case.id])[case.id]
    values["consultant_id"] = consultant_id
    record = MentoringSession(case_id=case.id, **values)
    db.add(record)
    db.flush()
    for area in areas:
        db.add(SessionArea(session_id=record.id, area=area))
    for item in cleaned_follow_ups:
        db.add(FollowUp(case_id=case.id, session_id=record.id, **item))
    _touch_case(db, case, record.held_on, consultant_id)
    db.flush()
    return record


def update_session(*, db: Session, session_id: int | str, **fields: Any) -> MentoringSession:
    record = get_session(db=db, session_id=session_id)
    values = _clean_session(db, fields, case=db.get(Case, record.case_id), existing=record)
    areas = values.pop("areas", None)
    for key, value in values.items():
        setattr(record, key, value)
    if areas is not None:
        db.exec(delete(SessionArea).where(SessionArea.session_id == record.id))
        for area in areas:
            db.add(SessionArea(session_id=record.id, area=area))
    record.updated_at = utcnow()
    db.add(record)
    case = db.get(Case, record.case_id)
    refresh_last_activity(db, case)
    db.add(case)
    db.flush()
    return record


@dataclasses.dataclass
class SessionRow:
    id: int
    uid: str
    case_id: int
    case_title: str
    client_id: int
    business_name: str
    consultant: str | None
    held_on: date
    minutes: int
    mode: str
    summary: str
    next_session_on: date | None


SESSION_SORTS = {
    "held_on": MentoringSession.held_on,
    "client": Client.business_name,
    "minutes": MentoringSession.minutes,
    "mode": MentoringSession.mode,
    "consultant": Consultant.name,
    "id": MentoringSession.id,
}


def _own_conditions(
    case_id: int | None,
    consultant_id: int | None,
    areas: list[str],
    modes: list[str],
    held_from: date | None,
    held_to: date | None,
) -> list[Any]:
    """The filters on the session's own columns, shared by the list and its count."""
    conditions: list[Any] = []
    if case_id is not None:
        conditions.append(MentoringSession.case_id == case_id)
    if consultant_id is not None:
        conditions.append(MentoringSession.consultant_id == consultant_id)
    if areas:
        conditions.append(
            exists().where(
                SessionArea.session_id == MentoringSession.id, SessionArea.area.in_(areas)
            )
        )
    if modes:
        conditions.append(MentoringSession.mode.in_(modes))
    if held_from:
        conditions.append(MentoringSession.held_on >= held_from)
    if held_to:
        conditions.append(MentoringSession.held_on <= held_to)
    return conditions


def _session_query(
    db: Session,
    *,
    search: str | None,
    case_id: int | None,
    client_id: int | None,
    consultant_id: int | None,
    kabupaten: str | None,
    area: str | None,
    mode: str | None,
    held_from: date | None,
    held_to: date | None,
    by_client_name: bool = False,
):
    check_search(search)
    areas = filter_choices("area", area, Area)
    modes = filter_choices("mode", mode, SessionMode)
    for field, value in (("case_id", case_id), ("client_id", client_id)):
        check_id_filter(field, value)
    check_id_filter("consultant_id", consultant_id)
    stmt = select(
        MentoringSession.id,
        MentoringSession.uid,
        MentoringSession.case_id,
        Case.title,
        Case.client_id,
        Client.business_name,
        Consultant.name,
        MentoringSession.held_on,
        MentoringSession.minutes,
        MentoringSession.mode,
        MentoringSession.summary,
        MentoringSession.next_session_on,
    )
    if by_client_name:
        # From the client's name index to its cases and their sessions (common.unindexed
        # keeps the joins off the primary keys, the other way round).
        stmt = stmt.join(Case, unindexed(Case.id) == MentoringSession.case_id).join(
            Client, unindexed(Client.id) == Case.client_id
        )
    else:
        stmt = stmt.join(Case, Case.id == MentoringSession.case_id).join(
            Client, Client.id == Case.client_id
        )
    stmt = stmt.outerjoin(Consultant, Consultant.id == MentoringSession.consultant_id)
    stmt = stmt.where(*_own_conditions(case_id, consultant_id, areas, modes, held_from, held_to))
    if client_id is not None:
        stmt = stmt.where(Case.client_id == client_id)
    if kabupaten:
        stmt = stmt.where(Client.kabupaten_code == kabupaten)
    if search:
        stmt = stmt.where(*fulltext.session_search(db, search))
    return stmt


def list_sessions(
    *,
    db: Session,
    search: str | None = None,
    case_id: int | None = None,
    client_id: int | None = None,
    consultant_id: int | None = None,
    kabupaten: str | None = None,
    area: str | None = None,
    mode: str | None = None,
    held_from: date | None = None,
    held_to: date | None = None,
    sort: str | None = None,
    offset: int = 0,
    limit: int | None = DEFAULT_LIMIT,
) -> Page[SessionRow]:
    stmt = _session_query(
        db,
        search=search,
        case_id=case_id,
        client_id=client_id,
        consultant_id=consultant_id,
        kabupaten=kabupaten,
        area=area,
        mode=mode,
        held_from=held_from,
        held_to=held_to,
        by_client_name=(sort or "").lstrip("-") == "client",
    )
    stmt = apply_sort(stmt, sort, SESSION_SORTS, "-held_on", MentoringSession.id)
    rows = [SessionRow(*r) for r in db.execute(_page(stmt, offset=offset, limit=limit))]
    return Page(rows=rows, offset=offset, limit=limit)


def iter_sessions(
    *,
    db: Session,
    search: str | None = None,
    case_id: int | None = None,
    client_id: int | None = None,
    consultant_id: int | None = None,
    kabupaten: str | None = None,
    area: str | None = None,
    mode: str | None = None,
    held_from: date | None = None,
    held_to: date | None = None,
    sort: str | None = None,
    limit: int | None = None,
    page_size: int | None = None,
) -> Iterator[list[SessionRow]]:
    """The rows ``list_sessions`` returns with these filters and ``sort`` (all of them, or
    the first ``limit``), page by page from one stream (``common.stream_pages``): for
    exports of any size."""
    stmt = _session_query(
        db,
        search=search,
        case_id=case_id,
        client_id=client_id,
        consultant_id=consultant_id,
        kabupaten=kabupaten,
        area=area,
        mode=mode,
        held_from=held_from,
        held_to=held_to,
        by_client_name=(sort or "").lstrip("-") == "client",
    )
    stmt = apply_sort(stmt, sort, SESSION_SORTS, "-held_on", MentoringSession.id)
    for part in stream_pages(db, stmt, limit=limit, page_size=page_size):
        yield [SessionRow(*r) for r in part]


def count_sessions(*, db: Session, **filters: Any) -> int:
    defaults = dict.fromkeys(
        [
            "search",
            "case_id",
            "client_id",
            "consultant_id",
            "kabupaten",
            "area",
            "mode",
            "held_from",
            "held_to",
        ]
    )
    defaults.update(filters)
    if defaults["search"] or defaults["kabupaten"] or defaults["client_id"] is not None:
        return count(db, _session_query(db, **defaults))
    # Without a filter on the case or the client the count needs no join: every session has
    # its case and the case its client (foreign keys), and the consultant is an outer join.
    _session_query(db, **defaults)  # refuses a bad filter as the list does
    areas = filter_choices("area", defaults["area"], Area)
    modes = filter_choices("mode", defaults["mode"], SessionMode)
    own = _own_conditions(
        defaults["case_id"],
        defaults["consultant_id"],
        areas,
        modes,
        defaults["held_from"],
        defaults["held_to"],
    )
    lean = select(func.count()).select_from(MentoringSession).where(*own)
    return int(db.execute(lean).scalar_one())


# --- follow-ups ---------------------------------------------------------------------------


def add_follow_up(
    *, db: Session, case_id: int | str, session_id: int | None = None, **fields: Any
) -> FollowUp:
    case = get_or_fail(db, Case, case_id, "Kasus")
    values = _clean_follow_up(fields)
    if session_id is not None:
        mentoring = get_session(db=db, session_id=session_id)
        if mentoring.case_id != case.id:
            raise ValidationError(FieldError("session_id", "Sesi itu milik kasus lain."))
    item = FollowUp(case_id=case.id, session_id=session_id, **values)
    db.add(item)
    db.flush()
    return item


def complete_follow_up(
    *, db: Session, follow_up_id: int | str, on: date | None = None, done: bool = True
) -> FollowUp:
    """Mark a follow-up done (or, with ``done=False``, open again)."""
    item = get_or_fail(db, FollowUp, follow_up_id, "Tindak lanjut")
    item.done_on = (on or date.today()) if done else None
    item.updated_at = utcnow()
    db.add(item)
    db.flush()
    return item


@dataclasses.dataclass
class FollowUpRow:
    id: int
    case_id: int
    case_title: str
    business_name: str
    description: str
    owner: str
    due_on: date | None
    done_on: date | None


def list_follow_ups(
    *,
    db: Session,
    case_id: int | None = None,
    session_id: int | None = None,
    consultant_id: int | None = None,
    open_only: bool = True,
    due_by: date | None = None,
    offset: int = 0,
    limit: int | None = DEFAULT_LIMIT,
) -> Page[FollowUpRow]:
    """Follow-ups, earliest due first; ``due_by`` gives what is due on or before a day."""
    for field, value in (("case_id", case_id), ("session_id", session_id)):
        check_id_filter(field, value)
    check_id_filter("consultant_id", consultant_id)
    stmt = (
        select(
            FollowUp.id,
            FollowUp.case_id,
            Case.title,
            Client.business_name,
            FollowUp.description,
            FollowUp.owner,
            FollowUp.due_on,
            FollowUp.done_on,
        )
        .join(Case, Case.id == FollowUp.case_id)
        .join(Client, Client.id == Case.client_id)
        .where(Case.archived_at.is_(None))
    )
    if case_id is not None:
        stmt = stmt.where(FollowUp.case_id == case_id)
    if session_id is not None:
        stmt = stmt.where(FollowUp.session_id == session_id)
    if consultant_id is not None:
        stmt = stmt.where(Case.consultant_id == consultant_id)
    if open_only:
        stmt = stmt.where(FollowUp.done_on.is_(None))
    if due_by is not None:
        stmt = stmt.where(FollowUp.due_on <= due_by)
    stmt = stmt.order_by(FollowUp.due_on.is_(None), FollowUp.due_on, FollowUp.id)
    rows = [FollowUpRow(*r) for r in db.execute(_page(stmt, offset=offset, limit=limit))]
    return Page(rows=rows, offset=offset, limit=limit)
