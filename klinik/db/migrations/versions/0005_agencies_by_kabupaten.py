"""Agencies by kabupaten/kota and role, so a referral goes to the office where the client is.

Seeds the Dinas Kesehatan, DPMPTSP and the Dinas for koperasi/UMKM and for perindustrian/
perdagangan of every kabupaten of Kalimantan Tengah (resources/seed/agencies_kabupaten.json;
names not taken from an office's own letterhead are marked to verify), gives the city's and
the province's offices their role, and tells the SPP-IRT and NIB purposes which role they ask
for.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 17:20:00
"""

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The offices seeded in 0001: where they serve and what they do.
_KNOWN = {
    "DINKES-PKY": ("6271", "kesehatan"),
    "DPMPTSP-PKY": ("6271", "perizinan"),
    "DISKOPUKM-PKY": ("6271", "koperasi_umkm"),
    "DISKOPUKM-KT": (None, "koperasi_umkm"),
    "DISPERINDAG-KT": (None, "perindag"),
}
_PURPOSE_ROLES = {"spp_irt": "kesehatan", "nib": "perizinan"}


def upgrade() -> None:
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kabupaten_code", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("role", sa.String(length=30), nullable=True))
        batch_op.add_column(
            sa.Column("to_verify", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(batch_op.f("ix_agency_kabupaten_code"), ["kabupaten_code"])
        batch_op.create_index(batch_op.f("ix_agency_role"), ["role"])
        batch_op.create_foreign_key(
            batch_op.f("fk_agency_kabupaten_code_kabupaten"),
            "kabupaten",
            ["kabupaten_code"],
            ["code"],
        )
    with op.batch_alter_table("referral_purpose", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agency_role", sa.String(length=30), nullable=True))
    _seed()


def downgrade() -> None:
    codes = [row["code"] for row in _rows()]
    agency = sa.table("agency", sa.column("code", sa.String))
    op.execute(agency.delete().where(agency.c.code.in_(codes)))
    with op.batch_alter_table("referral_purpose", schema=None) as batch_op:
        batch_op.drop_column("agency_role")
    with op.batch_alter_table("agency", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_agency_kabupaten_code_kabupaten"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_agency_role"))
        batch_op.drop_index(batch_op.f("ix_agency_kabupaten_code"))
        batch_op.drop_column("to_verify")
        batch_op.drop_column("role")
        batch_op.drop_column("kabupaten_code")


def _rows() -> list[dict]:
    here = Path(__file__).resolve()
    for base in (here.parents[3] / "resources", here.parents[4] / "resources"):
        path = base / "seed" / "agencies_kabupaten.json"
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    raise FileNotFoundError("agencies_kabupaten.json")


def _seed() -> None:
    agency = sa.table(
        "agency",
        sa.column("uid", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("kind", sa.String),
        sa.column("addressee_title", sa.String),
        sa.column("address", sa.String),
        sa.column("town", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("kabupaten_code", sa.String),
        sa.column("role", sa.String),
        sa.column("to_verify", sa.Boolean),
    )
    for code, (kab, role) in _KNOWN.items():
        op.execute(
            agency.update().where(agency.c.code == code).values(kabupaten_code=kab, role=role)
        )
    conn = op.get_bind()
    taken = {row[0] for row in conn.execute(sa.select(agency.c.code))}
    now = datetime.now(UTC)
    new = [
        {**row, "address": "", "active": True, "uid": str(uuid.uuid4()),
         "created_at": now, "updated_at": now}
        for row in _rows()
        if row["code"] not in taken  # a clinic may have entered one with the same code
    ]  # fmt: skip
    if new:
        op.bulk_insert(agency, new)
    purpose = sa.table(
        "referral_purpose", sa.column("code", sa.String), sa.column("agency_role", sa.String)
    )
    for code, role in _PURPOSE_ROLES.items():
        op.execute(purpose.update().where(purpose.c.code == code).values(agency_role=role))
