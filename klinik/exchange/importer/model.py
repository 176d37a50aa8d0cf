"""What a check and an import give: planned rows (packed, a plan may hold 200,000),
rejected cells, possible duplicates, the columns' use, the plan and the result."""

from __future__ import annotations

import dataclasses
import marshal
from datetime import date
from typing import Any

from klinik.exchange.importer.fields import (
    IMPORT_FIELDS,
)


@dataclasses.dataclass(slots=True, frozen=True)
class Rejected:
    row: int
    column: str
    reason: str


@dataclasses.dataclass(slots=True)
class Duplicate:
    row: int
    reason: str
    client_id: int | None = None
    client_name: str | None = None
    earlier_row: int | None = None
    same_nik: bool = False
    decision: str = "skip"

    def other(self) -> str:
        if self.client_id is not None:
            return f"klien #{self.client_id} {self.client_name}"
        return f"baris {self.earlier_row}"

    def describe(self) -> str:
        return f"Baris {self.row}: kemungkinan duplikat dari {self.other()} ({self.reason})"


_LAYOUTS: dict[tuple[Any, ...], tuple[Any, ...]] = {}
_LICENCES: dict[Any, Any] = {}
# Values that repeat from row to row (dates, kabupaten, kecamatan, source of the size data
# ...): kept once in _SHARED for all the rows, a row holds their place in it.
_SHARED_CLIENT_FIELDS = (
    "gender", "birth_date", "education", "kabupaten_code", "kecamatan", "kelurahan", "sector",
    "legal_form", "year_started", "registered_on", "association",
)  # fmt: skip
_SHARED_SIZE_FIELDS = ("recorded_on", "source")
_SHARED_FIELDS = frozenset(_SHARED_CLIENT_FIELDS + _SHARED_SIZE_FIELDS)
_SHARED: list[Any] = []
_SHARED_AT: dict[tuple[type, Any], int] = {}
_PLAIN, _DATE, _SHARED_VALUE = 0, 1, 2  # how a field's value is kept
_MARSHALLED = frozenset((str, int, float, bool, type(None)))


def _share(value: Any) -> int:
    key = (type(value), value)
    at = _SHARED_AT.get(key)
    if at is None:
        at = _SHARED_AT[key] = len(_SHARED)
        _SHARED.append(value)
    return at


class PlannedRow:
    """A row that passed every check: its cleaned client fields, size record and licences.

    A plan may hold 200,000 of them, so a row keeps its values packed: one ``marshal``
    string of the values (dates as day numbers, the values many rows repeat as their place
    in a shared table), and the field names in a layout shared by every row that fills the
    same fields. That is a fifth of the memory of dictionaries of strings. ``client`` and
    ``size`` give a new dictionary each time (assign one to change them).
    """

    __slots__ = ("row", "_layout", "_values", "_licences", "columns", "duplicate")

    def __init__(
        self,
        row: int,
        client: dict[str, Any],
        size: dict[str, Any] | None,
        licences: list[dict[str, Any]],
        columns: dict[str, str],  # field -> header, for messages (shared by the rows)
        duplicate: Duplicate | None = None,
    ):
        self.row = row
        self._pack(client, size)
        self.licences = licences
        self.columns = columns
        self.duplicate = duplicate

    def _pack(self, client: dict[str, Any], size: dict[str, Any] | None) -> None:
        items = [*client.items(), *(size.items() if size is not None else ())]
        kinds = []
        values = []
        for field, value in items:
            if value is not None and field in _SHARED_FIELDS:
                kinds.append(_SHARED_VALUE)
                values.append(_share(value))
            elif type(value) is date:
                kinds.append(_DATE)
                values.append(value.toordinal())
            else:
                kinds.append(_PLAIN)
                values.append(value)
        if all(type(v) in _MARSHALLED for v in values):
            packed: bytes | tuple[Any, ...] = marshal.dumps(tuple(values))
        else:  # a value marshal cannot keep as it is: the values themselves
            kinds = [_PLAIN] * len(items)
            packed = tuple(v for _, v in items)
        layout = (tuple(client), None if size is None else tuple(size), tuple(kinds))
        self._layout = _LAYOUTS.setdefault(layout, layout)
        self._values = packed

    def _unpack(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        client_fields, size_fields, kinds = self._layout
        packed = self._values
        stored = marshal.loads(packed) if type(packed) is bytes else packed
        values = [
            v if kind == _PLAIN else date.fromordinal(v) if kind == _DATE else _SHARED[v]
            for v, kind in zip(stored, kinds, strict=True)
        ]
        split = len(client_fields)
        client = dict(zip(client_fields, values[:split], strict=True))
        if size_fields is None:
            return client, None
        return client, dict(zip(size_fields, values[split:], strict=True))

    @property
    def client(self) -> dict[str, Any]:
        return self._unpack()[0]

    @client.setter
    def client(self, values: dict[str, Any]) -> None:
        self._pack(values, self.size)

    @property
    def size(self) -> dict[str, Any] | None:
        return self._unpack()[1]

    @size.setter
    def size(self, values: dict[str, Any] | None) -> None:
        self._pack(self.client, values)

    @property
    def licences(self) -> list[dict[str, Any]]:
        return [dict(licence) for licence in self._licences]

    @licences.setter
    def licences(self, values: list[dict[str, Any]]) -> None:
        # Many rows hold the same licence without a number ("halal: proses"): one copy.
        self._licences = tuple(
            v if v.get("number") else _LICENCES.setdefault(tuple(v.items()), v) for v in values
        )

    def __repr__(self) -> str:
        return (
            f"PlannedRow(row={self.row}, client={self.client!r}, size={self.size!r}, "
            f"licences={self.licences!r}, duplicate={self.duplicate!r})"
        )


@dataclasses.dataclass(slots=True)
class ColumnUse:
    """A column of the sheet, the field it fills (None: not imported), and how many of the
    sheet's rows have something in it."""

    header: str
    field: str | None
    filled: int = 0

    def describe(self) -> str:
        target = IMPORT_FIELDS.get(self.field, self.field) if self.field else "tidak diimpor"
        text = f"{self.header!r} → {target} ({_count(self.filled)} baris berisi data)"
        return text + ("  ← PERHATIAN: datanya tidak masuk" if self.unused else "")

    @property
    def unused(self) -> bool:
        """A column with data that goes nowhere: the user should see it before importing."""
        return self.field is None and self.filled > 0


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclasses.dataclass
class ImportPlan:
    path: str
    headers: list[str]
    mapping: dict[str, str | None]
    rows: list[PlannedRow]
    rejected: list[Rejected]
    empty_rows: int
    today: date
    columns: list[ColumnUse] = dataclasses.field(default_factory=list)

    @property
    def unused_columns(self) -> list[ColumnUse]:
        return [c for c in self.columns if c.unused]

    @property
    def duplicates(self) -> list[Duplicate]:
        return [r.duplicate for r in self.rows if r.duplicate is not None]

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({r.row for r in self.rejected})


@dataclasses.dataclass
class ImportResult:
    batch_id: str
    imported: int = 0
    merged: int = 0
    skipped: int = 0
    rejected: list[Rejected] = dataclasses.field(default_factory=list)
    duplicates: list[Duplicate] = dataclasses.field(default_factory=list)
    empty_rows: int = 0
    client_ids: list[int] = dataclasses.field(default_factory=list)
    undone: bool = False
    warnings: list[str] = dataclasses.field(default_factory=list)
