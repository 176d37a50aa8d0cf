"""Migration 0006: referral templates still as first seeded read as a person writes; a
template the clinic edited is left as the clinic wrote it."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from sqlalchemy import text

from klinik import paths
from klinik.db import engine as engine_mod
from klinik.db.engine import create_store_engine, open_store

pytestmark = pytest.mark.skipif(
    not paths.database_url().startswith("sqlite"), reason="SQLite file store only"
)

OLD_SPP = "Pelaku usaha tersebut memproduksi {produk} dan telah memiliki NIB {nib}."
OLD_KUR = "menjalankan usaha {produk} dan membutuhkan tambahan modal kerja."


def test_seeded_templates_are_upgraded_and_edited_ones_kept():
    engine = create_store_engine(paths.database_url())
    cfg = engine_mod.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
    with engine.begin() as conn:
        # a store seeded before 0006: the old sentences, and one template the clinic edited
        for code, old, new in (
            ("spp_irt", OLD_SPP, "Pelaku usaha tersebut memproduksi {produk}, {keterangan_nib}."),
            ("kur", OLD_KUR, "menjalankan usaha {produk}, serta membutuhkan tambahan modal kerja."),
        ):
            conn.execute(
                text(
                    "UPDATE referral_purpose SET body = replace(body, :new, :old) WHERE code = :c"
                ),
                {"new": new, "old": old, "c": code},
            )
        conn.execute(
            text("UPDATE referral_purpose SET body = body || ' Terima kasih.' WHERE code = 'kur'")
        )
    engine.dispose()
    open_store().engine.dispose()  # upgrades to the head
    con = sqlite3.connect(paths.database_path())
    try:
        bodies = dict(con.execute("SELECT code, body FROM referral_purpose"))
        kinds = {r[0] for r in con.execute("SELECT kind FROM issued_letter")} or {"rujukan"}
    finally:
        con.close()
    assert OLD_SPP not in bodies["spp_irt"]
    assert "{produk}, {keterangan_nib}." in bodies["spp_irt"]
    assert OLD_KUR in bodies["kur"] and bodies["kur"].endswith("Terima kasih.")  # the clinic's
    assert kinds == {"rujukan"}
