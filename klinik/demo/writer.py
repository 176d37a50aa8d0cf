"""Writing the demo's rows: one batch per transaction with Core ``executemany``, the letter
numbers of the sent referrals, and a demo letterhead where the clinic has none."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from klinik.db.models import IssuedLetter, LetterSequence
from klinik.demo.generator import Generator
from klinik.demo.rows import ID_TABLES, INSERT_ORDER, TABLES
from klinik.domain.letters import format_letter_number
from klinik.services.settings import get_settings


def read_next_ids(conn: Connection) -> dict[str, int]:
    out = {}
    for model in ID_TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        top = conn.execute(select(func.max(table.c.id))).scalar()
        out[table.name] = (top or 0) + 1
    return out


def write_batch(conn: Connection, gen: Generator, counts: dict[str, int]) -> None:
    with conn.begin():
        _avoid_known_niks(conn, gen)
        for name in INSERT_ORDER:
            rows = gen.rows[name]
            if rows:
                conn.execute(insert(TABLES[name]), rows)
                counts[name] = counts.get(name, 0) + len(rows)
        if gen.supersede:
            # The links between a record and its correction point both ways, so the old
            # row's link is set once both rows exist.
            table = TABLES["size_record"]
            conn.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(superseded_by_id=bindparam("b_new")),
                gen.supersede,
            )
    gen.reset()


def _avoid_known_niks(conn: Connection, gen: Generator) -> None:
    """Give a new sequence number to any NIK of the batch already in the store."""
    client = TABLES["client"]
    pending = [row for row in gen.rows["client"] if row["nik"]]
    while pending:
        known: set[str] = set()
        for i in range(0, len(pending), 500):
            chunk = [row["nik"] for row in pending[i : i + 500]]
            known.update(
                conn.execute(select(client.c.nik).where(client.c.nik.in_(chunk))).scalars()
            )
        pending = [row for row in pending if row["nik"] in known]
        for row in pending:
            row["nik"] = gen.unique_nik(row["nik"][:12])


def issue_letters(
    conn: Connection, gen: Generator, first_referral: int, settings: dict[str, Any]
) -> int:
    """Number the letters of the sent referrals in date order, continuing each year's sequence.

    About one in a hundred letters is spoiled and issued again under the next number; the
    spoiled number stays in the register, cancelled, and is never reused.
    """
    rng = gen.rng
    referral = TABLES["referral"]
    letter = IssuedLetter.__table__  # type: ignore[attr-defined]
    sequence = LetterSequence.__table__  # type: ignore[attr-defined]
    pattern, unit = settings["letter_pattern"], settings["clinic_unit"]
    letters: list[dict[str, Any]] = []
    numbers: list[dict[str, Any]] = []
    with conn.begin():
        sent = conn.execute(
            select(referral.c.id, referral.c.sent_on)
            .where(referral.c.id >= first_referral, referral.c.sent_on.is_not(None))
            .order_by(referral.c.sent_on, referral.c.id)
        ).all()
        years = sorted({on.year for _, on in sent})
        last: dict[int, int] = dict(
            conn.execute(
                select(sequence.c.year, sequence.c.last_seq).where(sequence.c.year.in_(years))
            ).all()
        )
        existing = set(last)

        def issue(on: date, referral_id: int) -> dict[str, Any]:
            seq = last.get(on.year, 0) + 1
            last[on.year] = seq
            at = gen.stamp(on)
            row = {
                "id": gen.new_id("issued_letter"),
                "uid": gen.uid(),
                "created_at": at,
                "updated_at": at,
                "year": on.year,
                "seq": seq,
                "number": format_letter_number(pattern, seq=seq, on=on, unit=unit),
                "issued_on": on,
                "referral_id": referral_id,
                "cancelled_on": None,
                "cancel_reason": None,
            }
            letters.append(row)
            return row

        for referral_id, on in sent:
            if rng.random() < 0.01:
                spoiled = issue(on, referral_id)
                spoiled["cancelled_on"] = on
                spoiled["cancel_reason"] = "Salah penulisan alamat tujuan; surat diterbitkan ulang."
            numbers.append({"b_id": referral_id, "b_number": issue(on, referral_id)["number"]})
        if letters:
            conn.execute(insert(letter), letters)
            conn.execute(
                update(referral)
                .where(referral.c.id == bindparam("b_id"))
                .values(letter_number=bindparam("b_number")),
                numbers,
            )
        for year in years:
            if year in existing:
                conn.execute(
                    update(sequence).where(sequence.c.year == year).values(last_seq=last[year])
                )
            else:
                conn.execute(insert(sequence).values(year=year, last_seq=last[year]))
    return len(letters)


# A plausible clinic for the demo's letters (fictional: the address, phone and people are
# made up). Only what the user left empty or at its default is filled.
DEMO_LETTERHEAD = {
    "clinic_name": "Klinik Bisnis KUMKM Provinsi Kalimantan Tengah",
    "clinic_address": "Jl. Tjilik Riwut Km 6 No. 12, Palangka Raya 73112",
    "clinic_phone": "(0536) 322-1407",
    "clinic_email": "klinikbisnis@contoh.go.id",
    "signer_title": "Kepala UPT Klinik Bisnis KUMKM",
    "signer_name": "Dra. Hj. Rusdiana, M.Si.",
}


def complete_letterhead(db: Any) -> None:
    from klinik.services.settings import SPECS, set_settings

    current = get_settings(db=db)
    missing = {
        key: value
        for key, value in DEMO_LETTERHEAD.items()
        if not str(current.get(key) or "").strip() or current.get(key) == SPECS[key].default
    }
    if missing:
        set_settings(db=db, **missing)
