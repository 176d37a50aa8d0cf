"""Client search reads a covering index (archived_at, business_name, search_text).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_index("ix_client_archived_name")
        batch_op.create_index(
            "ix_client_archived_name_search",
            ["archived_at", "business_name", "search_text"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("client", schema=None) as batch_op:
        batch_op.drop_index("ix_client_archived_name_search")
        batch_op.create_index(
            "ix_client_archived_name", ["archived_at", "business_name"], unique=False
        )
