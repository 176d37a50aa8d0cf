"""The plumbing of the demo's generators: the random sources, ids and uids assigned here, and
the rows of the batch being built, table by table in insert order."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from klinik.db.models import (
    Case,
    CaseArea,
    CaseStatusChange,
    Client,
    Consent,
    Consultant,
    FollowUp,
    IssuedLetter,
    Licence,
    MentoringSession,
    Outcome,
    Referral,
    SessionArea,
    SizeRecord,
)
from klinik.demo.data_cases import BANKS, CASE_TYPES, MODE_WEIGHTS, STATUS_WEIGHTS
from klinik.demo.data_clients import (
    EDUCATION_WEIGHTS,
    KABUPATEN_WEIGHTS,
    LEGAL_WEIGHTS,
    ORIGIN_WEIGHTS,
    PRODUCTS,
)

_LOW_62 = (1 << 62) - 1

# Tables in the order rows are inserted (foreign keys first).
ID_TABLES = [
    Consultant,
    Client,
    Consent,
    SizeRecord,
    Licence,
    Case,
    CaseStatusChange,
    MentoringSession,
    FollowUp,
    Referral,
    IssuedLetter,
    Outcome,
]
INSERT_ORDER = [
    "consultant",
    "client",
    "consent",
    "size_record",
    "licence",
    "client_case",
    "case_area",
    "case_status_change",
    "mentoring_session",
    "session_area",
    "follow_up",
    "referral",
    "outcome",
]
TABLES = {
    m.__tablename__: m.__table__  # type: ignore[attr-defined]
    for m in [*ID_TABLES, CaseArea, SessionArea]
}


def weighted(rng: random.Random, weights: dict[Any, int]) -> Callable[[], Any]:
    """A picker of keys by weight, with the cumulative table built once."""
    keys = list(weights)
    cum: list[int] = []
    total = 0
    for key in keys:
        total += weights[key]
        cum.append(total)
    choices = rng.choices

    def pick() -> Any:
        return choices(keys, cum_weights=cum)[0]

    return pick


class RowMaker:
    """Holds the random source, id counters and the rows of the batch being built."""

    def __init__(
        self,
        rng: random.Random,
        uid_rng: random.Random,
        today: date,
        next_ids: dict[str, int],
        kabupaten: list[str],
        agencies: dict[str, int],
        cases_per_client: float,
        sessions_per_case: float,
    ):
        self.rng = rng
        self.uid_rng = uid_rng
        midnight = datetime(today.year, today.month, today.day, tzinfo=UTC)
        self.uid_clock = int(midnight.timestamp() * 1000) + uid_rng.randrange(3_600_000)
        self.today = today
        self.next_ids = next_ids
        self.agencies = agencies
        self.local_offices: dict[tuple[str, str], int] = {}  # (role, kabupaten) -> agency id
        self.cases_per_client = cases_per_client
        self.sessions_per_case = sessions_per_case
        self.sessions_made = 0
        self.cases_made = 0
        weights = {k: KABUPATEN_WEIGHTS.get(k, 1) for k in kabupaten}
        self.pick_kab = weighted(rng, weights) if weights else (lambda: None)
        self.pick_origin = weighted(rng, ORIGIN_WEIGHTS)
        self.pick_education = weighted(rng, {e.value: w for e, w in EDUCATION_WEIGHTS.items()})
        self.pick_legal = weighted(rng, {k.value: w for k, w in LEGAL_WEIGHTS.items()})
        self.pick_product = weighted(rng, {i: p[6] for i, p in enumerate(PRODUCTS)})
        self.pick_mode = weighted(rng, MODE_WEIGHTS)
        self.pick_bank = weighted(rng, dict(BANKS))
        self.pick_status = {age: weighted(rng, w) for age, w in STATUS_WEIGHTS.items()}
        self.case_types = CASE_TYPES
        self.consultants: list[int] = []
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.supersede: list[dict[str, int]] = []
        self.batch_niks: set[str] = set()
        self.reset()

    # --- plumbing ---------------------------------------------------------------------------

    def reset(self) -> None:
        self.rows = {name: [] for name in INSERT_ORDER}
        self.supersede = []
        self.batch_niks = set()

    def new_id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def uid(self) -> str:
        """A version 7 UUID: a rising millisecond count, then 74 random bits.

        Rising uids are appended at the end of each uid index instead of landing at random
        pages, which halves the writes of a large build; the random bits keep them unique
        across stores.
        """
        self.uid_clock += 1
        rand = self.uid_rng.getrandbits(74)
        value = (self.uid_clock << 80) | (0x7 << 76) | ((rand >> 62) << 64) | (0b10 << 62)
        return str(uuid.UUID(int=value | (rand & _LOW_62)))

    def stamp(self, day: date) -> datetime:
        """A working-hours moment of `day` in UTC (08:00-16:59 WIB is 01:00-09:59 UTC)."""
        hour, minute = self.rng.randint(1, 9), self.rng.randint(0, 59)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)

    def record(self, table: str, day: date, **values: Any) -> dict[str, Any]:
        """A row with id, uid and timestamps; appended to the batch."""
        at = self.stamp(min(day, self.today))
        row = {"id": self.new_id(table), "uid": self.uid(), "created_at": at, "updated_at": at}
        row.update(values)
        self.rows[table].append(row)
        return row

    def day(self, start: date, end: date) -> date:
        """A random day from start to end inclusive (start if the range is empty)."""
        span = (end - start).days
        return start if span <= 0 else start + timedelta(days=self.rng.randint(0, span))
