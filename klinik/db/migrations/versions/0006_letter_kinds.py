"""Letters of more than one kind, and referral templates that read as a person writes.

- ``issued_letter.kind``: ``rujukan`` (a referral letter, as every letter so far) or
  ``keterangan`` (Surat Keterangan Pendampingan, numbered from the same register), and
  ``issued_letter.client_id``: the client a statement is about (a referral letter reaches its
  client through the referral).
- The seeded templates of SPP-IRT, halal, KUR and NIB list the products as a sentence does and
  no longer repeat the NIB that the identity table shows. Only a template still as seeded is
  changed: one a clinic has edited is its own.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 19:20:00
"""

import json
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The sentence as 0003 seeded it, and as the seed file says it now.
_SENTENCES = {
    "spp_irt": (
        "Pelaku usaha tersebut memproduksi {produk} dan telah memiliki NIB {nib}.",
        "Pelaku usaha tersebut memproduksi {produk}, {keterangan_nib}.",
    ),
    "halal": (
        "Pelaku usaha tersebut memproduksi {produk} dengan NIB {nib}.",
        "Pelaku usaha tersebut memproduksi {produk}, {keterangan_nib}.",
    ),
    "kur": (
        "menjalankan usaha {produk} dan membutuhkan tambahan modal kerja.",
        "menjalankan usaha {produk}, serta membutuhkan tambahan modal kerja.",
    ),
    "nib": (
        "menjalankan usaha {produk} dan belum memiliki Nomor Induk Berusaha.",
        "menjalankan usaha {produk}, namun belum memiliki Nomor Induk Berusaha (NIB).",
    ),
}


def upgrade() -> None:
    with op.batch_alter_table("issued_letter", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), nullable=False, server_default="rujukan")
        )
        batch_op.add_column(sa.Column("client_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_issued_letter_client_id"), ["client_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_issued_letter_client_id_client"), "client", ["client_id"], ["id"]
        )
    _templates(old_to_new=True)


def downgrade() -> None:
    _templates(old_to_new=False)
    with op.batch_alter_table("issued_letter", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_issued_letter_client_id_client"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_issued_letter_client_id"))
        batch_op.drop_column("client_id")
        batch_op.drop_column("kind")


def _seeded_bodies() -> dict[str, str]:
    here = Path(__file__).resolve()
    for base in (here.parents[3] / "resources", here.parents[4] / "resources"):
        path = base / "seed" / "referral_purposes.json"
        if path.exists():
            return {r["code"]: r["body"] for r in json.loads(path.read_text(encoding="utf-8"))}
    raise FileNotFoundError("referral_purposes.json")


def _templates(*, old_to_new: bool) -> None:
    purpose = sa.table("referral_purpose", sa.column("code", sa.String), sa.column("body", sa.Text))
    seeded = _seeded_bodies()
    for code, (old, new) in _SENTENCES.items():
        if code not in seeded or new not in seeded[code]:
            continue
        now_body = seeded[code]
        before = now_body.replace(new, old)
        find, put = (before, now_body) if old_to_new else (now_body, before)
        op.execute(
            purpose.update().where(purpose.c.code == code, purpose.c.body == find).values(body=put)
        )
