"""Free-text search of the Sesi, Kasus and Klien lists: the conditions one search adds.

Each word of a search must be found (AND), anywhere inside a word of the text (as
``LIKE '%word%'``), without regard to case:

- Sesi: the session's summary, or the client's search text (``domain.search``);
- Kasus: the case's title, or the client's search text;
- Klien: the client's search text.

On SQLite (``db.get_bind().dialect.name == "sqlite"``) a word of 3 letters or more is looked
up in the FTS5 ``trigram`` indexes of migration 0008 (``mentoring_session_fts``,
``client_case_fts``, ``client_fts``; triggers keep them in step), asked as one quoted phrase,
so the user's quotes, ``*``, ``AND``, ``NEAR`` or parentheses are only letters. A shorter word
(the trigram index cannot find fewer than 3 letters) stays the LIKE it always was: alone it
scans the list, next to a longer word it only filters the rows that word found.

How a long word joins the list query depends on how many rows it finds (one count in the
index, stopped at ``DENSE_ROWS``): a rarer word drives the query (the list reads only the
rows it found, then sorts them), a common one is checked row by row while the list is read
in its own order (the first page is full after a few hundred rows). Either way the list's
sort and paging are the caller's, as before.

On any other database (PostgreSQL in team mode) the conditions are today's LIKE, unchanged;
pg_trgm (a GIN trigram index behind the same ILIKE) can come with that port.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, literal, literal_column, select, table, union_all
from sqlalchemy.sql import Select
from sqlmodel import Session

from klinik.db.models import Case, Client, MentoringSession
from klinik.services.common import like_terms

# Words shorter than this are not in a trigram index.
MIN_INDEXED = 3
# A word found in at least this many rows is checked while the list is read in its order.
DENSE_ROWS = 10_000

FTS_TABLES = ("mentoring_session_fts", "client_case_fts", "client_fts")


def is_fts_table(name: str | None) -> bool:
    """An FTS index or one of its shadow tables (not in the models; Alembic leaves them)."""
    return bool(name) and any(name == t or name.startswith(t + "_") for t in FTS_TABLES)


def words(search: str | None) -> list[str]:
    """The search's words, lower case, as ``common.like_terms`` reads them."""
    if not search:
        return []
    text = "".join("\ufffd" if ch == "\x00" or "\ud800" <= ch <= "\udfff" else ch for ch in search)
    return text.lower().split()


def phrase(word: str) -> str:
    """The word as one FTS5 string: every character literal, a " doubled."""
    return '"' + word.replace('"', '""') + '"'


def _matching(fts: str, word: str) -> Select:
    index = table(fts, literal_column("rowid"))
    return (
        select(literal_column("rowid"))
        .select_from(index)
        .where(literal_column(fts).op("MATCH")(literal(phrase(word))))
    )


def _found(db: Session, fts: str, word: str, cap: int) -> int:
    sub = _matching(fts, word).limit(cap).subquery()
    return int(db.execute(select(func.count()).select_from(sub)).scalar_one())


def _last_id(db: Session, column: Any) -> int:
    return int(db.execute(select(func.max(column))).scalar_one() or 0)


@dataclasses.dataclass(frozen=True)
class _Target:
    fts: str | None  # the list's own index (None: only the client's)
    key: Any  # the list's id column, as the list query names it
    like: Callable[[str], Any]  # the LIKE of one pattern (the rule of every other database)
    # The list's ids of the clients a select finds (None: the list is the clients).
    via_client: Callable[[Select], Select] | None


def _session_ids_of_clients(clients: Select) -> Select:
    s, c = MentoringSession.__table__.alias("fts_s"), Case.__table__.alias("fts_c")
    return select(s.c.id).join(c, c.c.id == s.c.case_id).where(c.c.client_id.in_(clients))


def _case_ids_of_clients(clients: Select) -> Select:
    c = Case.__table__.alias("fts_c")
    return select(c.c.id).where(c.c.client_id.in_(clients))


_SESSIONS = _Target(
    fts="mentoring_session_fts",
    key=MentoringSession.id,
    like=lambda p: (
        func.lower(MentoringSession.summary).like(p, escape="\\")
        | Client.search_text.like(p, escape="\\")
    ),
    via_client=_session_ids_of_clients,
)
_CASES = _Target(
    fts="client_case_fts",
    key=Case.id,
    like=lambda p: (
        func.lower(Case.title).like(p, escape="\\") | Client.search_text.like(p, escape="\\")
    ),
    via_client=_case_ids_of_clients,
)
_CLIENTS = _Target(
    fts=None,
    key=Client.id,
    like=lambda p: Client.search_text.like(p, escape="\\"),
    via_client=None,
)


def _word_condition(db: Session, target: _Target, word: str) -> Any:
    clients = _matching("client_fts", word)
    if target.via_client is None:
        dense = _found(db, "client_fts", word, DENSE_ROWS) >= DENSE_ROWS
        # "+ 0": a common word must not drive the query (no index on the sum).
        return (target.key + 0).in_(clients) if dense else target.key.in_(clients)
    own = _matching(target.fts, word)
    found = _found(db, target.fts, word, DENSE_ROWS)
    if found < DENSE_ROWS:
        # A client's rows: how many list rows (sessions, cases) a client has on average.
        per_client = max(1, _last_id(db, target.key) // max(1, _last_id(db, Client.id)))
        found += per_client * _found(db, "client_fts", word, DENSE_ROWS)
    if found >= DENSE_ROWS:
        return (target.key + 0).in_(own) | (Client.id + 0).in_(clients)
    return target.key.in_(union_all(own, target.via_client(clients)))


def _conditions(db: Session, target: _Target, search: str | None) -> list[Any]:
    if db.get_bind().dialect.name != "sqlite":
        return [target.like(p) for p in like_terms(search)]
    out = []
    for word, pattern in zip(words(search), like_terms(search), strict=True):
        if len(word) < MIN_INDEXED:
            out.append(target.like(pattern))
        else:
            out.append(_word_condition(db, target, word))
    return out


def session_search(db: Session, search: str | None) -> list[Any]:
    """Conditions on a query of sessions joined to their case and client (``Client``)."""
    return _conditions(db, _SESSIONS, search)


def case_search(db: Session, search: str | None) -> list[Any]:
    """Conditions on a query of cases joined to their client (``Client``)."""
    return _conditions(db, _CASES, search)


def client_search(db: Session, search: str | None) -> list[Any]:
    """Conditions on a query of clients."""
    return _conditions(db, _CLIENTS, search)


def forget_deleted(con: Any) -> None:
    """Merge each FTS index into one segment (FTS5 'optimize') on a DB-API connection, so the
    trigrams of erased text leave the shadow tables: a delete in FTS5 only adds a marker
    until the segments are merged. Part of the erasure's purge, before VACUUM."""
    present = {
        row[0]
        for row in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?)",
            FTS_TABLES,
        )
    }
    for name in FTS_TABLES:
        if name in present:
            con.execute(f"INSERT INTO {name}({name}) VALUES ('optimize')")
