"""The three lists (clients, cases, sessions) by name: their rows for an export, their
count, their filters (the keyword arguments of their list functions) and their sorts.

``iter_rows(kind, ...)`` gives the same rows as the list function with the same filters
and sort, read as one stream in pages (``common.stream_pages``) rather than by OFFSET.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

from sqlmodel import Session

from klinik.services import cases, clients, sessions

KINDS = ("clients", "cases", "sessions")

LIST_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "clients": clients.list_clients,
    "cases": cases.list_cases,
    "sessions": sessions.list_sessions,
}
COUNT_FUNCTIONS: dict[str, Callable[..., int]] = {
    "clients": clients.count_clients,
    "cases": cases.count_cases,
    "sessions": sessions.count_sessions,
}
ITER_FUNCTIONS: dict[str, Callable[..., Iterator[list[Any]]]] = {
    "clients": clients.iter_clients,
    "cases": cases.iter_cases,
    "sessions": sessions.iter_sessions,
}
SORTS: dict[str, dict[str, Any]] = {
    "clients": clients.CLIENT_SORTS,
    "cases": cases.CASE_SORTS,
    "sessions": sessions.SESSION_SORTS,
}
_NOT_FILTERS = {"db", "sort", "offset", "limit"}


def filter_params(kind: str) -> dict[str, inspect.Parameter]:
    """The filters of the list of ``kind``: its list function's keyword arguments (without
    the database session, sort and paging), with their defaults and annotations."""
    signature = inspect.signature(LIST_FUNCTIONS[kind])
    return {n: p for n, p in signature.parameters.items() if n not in _NOT_FILTERS}


def iter_rows(
    kind: str,
    *,
    db: Session,
    filters: dict[str, Any],
    sort: str | None = None,
    limit: int | None = None,
    page_size: int | None = None,
) -> Iterator[list[Any]]:
    """The rows of the list of ``kind`` (``ClientRow``, ``CaseRow``, ``SessionRow``) with
    these filters (the list function's keyword arguments) and ``sort``, in the list's
    order, page by page: all of them, or the first ``limit``."""
    return ITER_FUNCTIONS[kind](db=db, **filters, sort=sort, limit=limit, page_size=page_size)


def count_rows(kind: str, *, db: Session, filters: dict[str, Any]) -> int:
    """How many rows the list of ``kind`` has with these filters."""
    return COUNT_FUNCTIONS[kind](db=db, **filters)
