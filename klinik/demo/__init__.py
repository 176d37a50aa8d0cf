"""Sample data for demonstrations, tests and benchmarks: consultants, UMKM clients and their
owners, size records, licences, cases, sessions, follow-ups, referrals, letters and outcomes.

Everything comes from one ``random.Random(seed)``, so the same seed and ``today`` give the
same data (uids too, on a store with the same starting ids). Rows are generated in batches of
clients and written with SQLAlchemy Core ``executemany`` on ids assigned here (after the
current maximum of each table), so memory stays flat and 250 000 clients take minutes.

Every value is shaped like the real thing and passes the domain rules: NIKs of Kalimantan
Tengah whose kab/kota digits match the client's kabupaten and whose birth date and gender
match the owner, E.164 mobile numbers, 13-digit NIBs, P-IRT/halal/BPOM numbers that
``normalize_licence_number`` accepts, letter numbers from the clinic's own pattern and
sequence. Names of kecamatan and kelurahan are free text for realism (some are left blank,
as real registrations have gaps); no regional code beyond the kabupaten is made up.
"""

import random
from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from klinik.db.engine import Store
from klinik.db.models import Agency, Kabupaten
from klinik.demo.data_cases import REFERRAL_NOTES
from klinik.demo.generator import Generator
from klinik.demo.rows import INSERT_ORDER
from klinik.demo.writer import (
    DEMO_LETTERHEAD,
    complete_letterhead,
    issue_letters,
    read_next_ids,
    write_batch,
)
from klinik.services.settings import get_settings

__all__ = [
    "DEFAULT_BATCH",
    "DEMO_LETTERHEAD",
    "REFERRAL_NOTES",
    "ProgressFn",
    "generate_bench_store",
    "generate_demo",
]

ProgressFn = Callable[[int, int], None]

DEFAULT_BATCH = 2000


def generate_demo(
    store: Store,
    *,
    clients: int = 200,
    seed: int = 1,
    today: date | None = None,
    progress: ProgressFn | None = None,
    cases_per_client: float = 1.2,
    sessions_per_case: float = 4.0,
    batch_size: int = DEFAULT_BATCH,
    freeze_letters: bool = True,
) -> dict[str, int]:
    """Add `clients` sample clients, with consultants, cases and the rest, to `store`.

    Existing rows are kept: new ids continue after each table's largest. Returns how many
    rows were added per table. `progress(done, total)` is called after each batch.
    `freeze_letters`: the issued letters keep their content, as a real letter does when it
    is issued (the bench store leaves it to the first print).
    """
    today = today or date.today()
    rng = random.Random(seed)
    with store.session() as db:
        complete_letterhead(db)
        settings = get_settings(db=db)
        kabupaten = list(db.execute(select(Kabupaten.code).order_by(Kabupaten.code)).scalars())
        agencies = dict(db.execute(select(Agency.code, Agency.id)).all())
        local_offices = {
            (role, kab): agency_id
            for agency_id, role, kab in db.execute(
                select(Agency.id, Agency.role, Agency.kabupaten_code)
                .where(Agency.role.is_not(None), Agency.kabupaten_code.is_not(None))
                .order_by(Agency.id.desc())  # the first of a kabupaten's offices wins
            ).all()
        }
    counts: dict[str, int] = {}
    with store.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        old_cache = None
        if sqlite:
            # A bigger page cache for the bulk insert only (random uids spread over the index).
            old_cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
            conn.exec_driver_sql("PRAGMA cache_size=-131072")
        next_ids = read_next_ids(conn)
        conn.commit()
        # Uids differ when the same seed is added twice to one store; ids tell the runs apart.
        uid_rng = random.Random(f"klinik-demo:{seed}:{sorted(next_ids.items())}")
        gen = Generator(
            rng,
            uid_rng,
            today,
            next_ids,
            kabupaten,
            agencies,
            cases_per_client,
            sessions_per_case,
        )
        gen.local_offices = local_offices
        first_referral = next_ids["referral"]
        gen.consultants_for(min(40, max(3, round(clients / 40))))
        done = 0
        try:
            while done < clients:
                size = min(batch_size, clients - done)
                for _ in range(size):
                    gen.client()
                write_batch(conn, gen, counts)
                done += size
                if progress is not None:
                    progress(done, clients)
            if not clients:
                write_batch(conn, gen, counts)
            counts["issued_letter"] = issue_letters(conn, gen, first_referral, settings)
        finally:
            if sqlite and old_cache is not None:
                conn.exec_driver_sql(f"PRAGMA cache_size={int(old_cache)}")
                conn.commit()
    if freeze_letters and counts["issued_letter"]:
        from klinik.services.letters import freeze_unfrozen_letters

        with store.session() as db:
            freeze_unfrozen_letters(db=db, first_referral=first_referral)
    return {name: counts.get(name, 0) for name in [*INSERT_ORDER, "issued_letter"]}


def generate_bench_store(
    store: Store,
    *,
    clients: int = 250_000,
    cases: int = 300_000,
    sessions: int = 1_200_000,
    seed: int = 1,
    today: date | None = None,
    progress: ProgressFn | None = None,
) -> dict[str, int]:
    """Fill `store` to benchmark size; the case and session totals are met approximately."""
    return generate_demo(
        store,
        clients=clients,
        seed=seed,
        today=today,
        progress=progress,
        cases_per_client=cases / clients if clients else 0.0,
        sessions_per_case=sessions / cases if cases else 0.0,
        freeze_letters=False,
    )
