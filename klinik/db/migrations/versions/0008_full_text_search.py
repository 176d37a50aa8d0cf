"""Full-text search: FTS5 trigram indexes of session summaries, case titles and clients.

Three external-content FTS5 tables (the text stays in its own table; the index holds only
trigrams, positions and sizes), kept in step by triggers on insert, update and delete:

- ``mentoring_session_fts(summary)`` over ``mentoring_session``,
- ``client_case_fts(title)`` over ``client_case``,
- ``client_fts(search_text)`` over ``client``.

The ``trigram`` tokenizer (SQLite 3.34 or newer) finds any part of a word of three letters
or more, without regard to case, as ``LIKE '%…%'`` did; ``klinik.services.fulltext`` asks
them and keeps the LIKE rule for shorter words. The indexes are filled from the existing
rows here (130 s for the province store: 1.2 million sessions, 300 000 cases, 250 000
clients; 330 MB more).

A later migration that rebuilds one of these tables (a batch "move and copy") drops its
triggers with it and must create them again (``_triggers`` below, as it was then).

Only SQLite: on another database (PostgreSQL) nothing is created and search stays LIKE.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 23:55:00
"""

import sqlite3

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# FTS table -> (content table, indexed column)
_INDEXES = {
    "mentoring_session_fts": ("mentoring_session", "summary"),
    "client_case_fts": ("client_case", "title"),
    "client_fts": ("client", "search_text"),
}


def _triggers(fts: str, table: str, column: str) -> list[str]:
    insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
    delete = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});"
    return [
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF id, {column} ON {table} "
        f"BEGIN {delete} {insert} END",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    if sqlite3.sqlite_version_info < (3, 34, 0):
        raise RuntimeError(
            "Pencarian teks butuh SQLite 3.34 atau lebih baru "
            f"(terpasang {sqlite3.sqlite_version})."
        )
    for fts, (table, column) in _INDEXES.items():
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', "
            "content_rowid='id', tokenize='trigram')"
        )
        for statement in _triggers(fts, table, column):
            op.execute(statement)
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for fts in _INDEXES:
        for kind in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{kind}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
