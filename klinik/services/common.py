"""Shared pieces of the service layer: pages of rows, sorting, free-text patterns."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import Select
from sqlalchemy.sql.expression import ColumnElement
from sqlmodel import Session

from klinik.errors import FieldError, NotFound, ValidationError

T = TypeVar("T")

DEFAULT_LIMIT = 100


@dataclasses.dataclass
class Page(Generic[T]):
    """One page of a list: its rows and where it starts."""

    rows: list[T]
    offset: int
    limit: int | None


def row_to_json(row: Any) -> dict[str, Any]:
    """A read model as JSON-ready dict (dates as ISO text)."""
    out: dict[str, Any] = {}
    for key, value in dataclasses.asdict(row).items():
        if isinstance(value, (date, datetime)):
            value = value.isoformat()
        out[key] = value
    return out


def like_terms(text: str | None) -> list[str]:
    """Each word of a search as a LIKE pattern, with LIKE's wildcards escaped."""
    if not text:
        return []
    # A NUL ends SQLite's LIKE pattern early and a lone surrogate (broken input) cannot be
    # encoded: both become U+FFFD, which no stored text holds, so such a word matches nothing.
    text = "".join("\ufffd" if ch == "\x00" or "\ud800" <= ch <= "\udfff" else ch for ch in text)
    words = text.lower().split()
    escaped = [w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for w in words]
    return [f"%{w}%" for w in escaped]


class unindexed(ColumnElement):  # noqa: N801 - used like a SQL function
    """``column`` in a condition that must not choose the plan's index: SQLite's unary ``+``
    (its documented way to keep a term off an index), the bare column elsewhere.

    Without statistics (Klinik runs no ANALYZE) SQLite takes ``archived_at IS NULL`` for a
    selective equality and walks nearly every row by an archived_at index, then sorts them
    all; a sort that another index or another table delivers needs the term kept off."""

    inherit_cache = True

    def __init__(self, column: Any):
        self.column = column
        self.type = column.type


@compiles(unindexed)
def _unindexed(element: unindexed, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.column, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + compiler.process(element.column, **kw)


def apply_sort(
    stmt: Select, sort: str | None, columns: dict[str, Any], default: str, tiebreak: Any
) -> Select:
    """Order by ``sort`` (a column key, '-' prefix for descending), then a unique tiebreak."""
    key = sort or default
    descending = key.startswith("-")
    key = key.lstrip("-")
    if key not in columns:
        allowed = ", ".join(sorted(columns))
        raise ValidationError(
            FieldError("sort", f"Urutan {key!r} tidak dikenal. Pilihan: {allowed}.")
        )
    column = columns[key]
    # Empty values first going up, last going down, on every database (PostgreSQL's own
    # default is the opposite of SQLite's).
    ordered = column.desc().nulls_last() if descending else column.asc().nulls_first()
    tie = tiebreak.desc() if descending else tiebreak.asc()
    return stmt.order_by(ordered, tie)


def page(stmt: Select, *, offset: int, limit: int | None) -> Select:
    if offset:
        stmt = stmt.offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return stmt


STREAM_PAGE_SIZE = 1000


def stream_pages(
    db: Session, stmt: Select, *, limit: int | None = None, page_size: int | None = None
) -> Iterator[Any]:
    """A list query's rows read as one stream, ``page_size`` rows at a time, in the
    session's transaction (one snapshot) and without OFFSET paging: each OFFSET page
    re-reads every row before it. Core execution on the session's connection: the ORM's
    row loading would only add time to plain column rows."""
    page_size = page_size or STREAM_PAGE_SIZE
    if limit is not None:
        stmt = stmt.limit(limit)
    result = db.connection().execute(stmt.execution_options(yield_per=page_size))
    yield from result.partitions(page_size)


def count(db: Session, stmt: Select) -> int:
    """How many rows a list query returns, without its ordering and paging."""
    sub = stmt.order_by(None).limit(None).offset(None).subquery()
    return int(db.execute(func.count().select().select_from(sub)).scalar_one())


MAX_ID = 2**63 - 1


def get_or_fail(db: Session, model: type[T], record_id: int | str, what: str) -> T:
    """Find a record by integer id or by its public uid, or raise NotFound in Indonesian."""
    record = None
    if isinstance(record_id, str) and record_id.isascii() and record_id.isdigit():
        number = int(record_id) if len(record_id) <= 19 else None
        record_id = number if number is not None and number <= MAX_ID else record_id
    if isinstance(record_id, int):
        # SQLite ids are 64-bit: a larger number names no record (and must not overflow).
        record = db.get(model, record_id) if 0 < record_id <= MAX_ID else None
    elif isinstance(record_id, str):
        from sqlmodel import select

        record = db.exec(select(model).where(model.uid == record_id)).first()  # type: ignore[attr-defined]
    if record is None:
        raise NotFound(f"{what} dengan id {record_id} tidak ditemukan.")
    return record


def areas_of(
    db: Session, key_column: Any, area_column: Any, ids: list[int]
) -> dict[int, list[str]]:
    """Areas of several cases or sessions in one query, in the vocabulary's order."""
    from sqlmodel import select

    from klinik.domain.vocab import Area

    order = {a.value: i for i, a in enumerate(Area)}
    result: dict[int, list[str]] = {i: [] for i in ids}
    if not ids:
        return result
    for owner, area in db.execute(select(key_column, area_column).where(key_column.in_(ids))):
        result[owner].append(area)
    for areas in result.values():
        areas.sort(key=lambda a: order.get(a, 99))
    return result
