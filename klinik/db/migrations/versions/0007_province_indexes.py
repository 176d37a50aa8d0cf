"""Indexes for a province-sized store (issue 13, "query plans as tests").

Each one lets a list, Beranda or a count read rows in the order it shows them, or find them
by the key it filters on, instead of walking a whole table (tests/services/test_query_plans.py
checks the plans):

- ``follow_up(session_id)``: the follow-ups of the session clicked in Sesi;
- ``client_case(archived_at, client_id)``: the Kasus count, from the index alone;
- ``client_case(archived_at, title | opened_on | status)``: Kasus sorted by those columns;
- ``client(archived_at, owner_name | registered_on)``: Klien sorted by those columns;
- ``mentoring_session(next_session_on)``: the agreed next sessions on Beranda;
- ``mentoring_session(minutes | mode)``: Sesi sorted by those columns;
- ``mentoring_session(held_on, case_id, consultant_id, mode, minutes)``: the period report's
  session figures read from the index alone, not from 1.2 million rows of the table;
- ``referral(created_on)``, ``referral(sent_on)``, ``referral(status, sent_on)``: Rujukan in
  its default order and by sending, and the referrals waiting for an answer on Beranda.

Plain indexes: the same on SQLite and PostgreSQL. On a province store (1.2 million sessions)
the upgrade takes a while, once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 00:05:00
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_follow_up_session_id", "follow_up", ["session_id"]),
    ("ix_client_case_archived_client", "client_case", ["archived_at", "client_id"]),
    ("ix_client_case_archived_title", "client_case", ["archived_at", "title"]),
    ("ix_client_case_archived_opened", "client_case", ["archived_at", "opened_on"]),
    ("ix_client_case_archived_status", "client_case", ["archived_at", "status"]),
    ("ix_client_archived_owner", "client", ["archived_at", "owner_name"]),
    ("ix_client_archived_registered", "client", ["archived_at", "registered_on"]),
    ("ix_mentoring_session_next_session_on", "mentoring_session", ["next_session_on"]),
    ("ix_mentoring_session_minutes", "mentoring_session", ["minutes"]),
    ("ix_mentoring_session_mode", "mentoring_session", ["mode"]),
    (
        "ix_mentoring_session_held_cover",
        "mentoring_session",
        ["held_on", "case_id", "consultant_id", "mode", "minutes"],
    ),
    ("ix_referral_created_on", "referral", ["created_on"]),
    ("ix_referral_sent_on", "referral", ["sent_on"]),
    ("ix_referral_status_sent", "referral", ["status", "sent_on"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
