"""``plan_import``: read and check every row of the sheet; nothing is written."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session

from klinik.db.engine import Store
from klinik.domain.formatting import parse_money
from klinik.domain.identifiers import nik_birth_date, nik_gender, normalize_nik
from klinik.errors import InvalidValue, KnownError, ValidationError
from klinik.exchange.importer.duplicates import _DuplicateFinder
from klinik.exchange.importer.fields import (
    _IN_PROCESS,
    _NO,
    _YES,
    CLIENT_FIELDS,
    IMPORT_FIELDS,
    LICENCE_FIELDS,
    SIZE_FIELDS,
    _norm_header,
)
from klinik.exchange.importer.mappings import _resolve_mapping
from klinik.exchange.importer.model import (
    ColumnUse,
    ImportPlan,
    PlannedRow,
    Rejected,
)
from klinik.exchange.importer.sheets import SheetReader, _blank
from klinik.exchange.importer.values import _prepare
from klinik.services import clients as client_service
from klinik.services.validation import FIELD_LABELS


class ImportCancelled(KnownError):
    """The user stopped the check or the import; nothing was written."""

    def __init__(self, message: str = "Pemeriksaan dibatalkan; tidak ada yang disimpan."):
        super().__init__(message)


_ROWS_PER_BATCH = 1000  # planned rows searched for duplicates together
_PROGRESS_EVERY = 500
_CANCEL_EVERY = 50


class _Layout:
    """What the mapping says about every row: the columns read, the headers for messages."""

    def __init__(self, headers: list[str], mapping: dict[str, str | None]):
        self.cells = [(i, h, mapping[h]) for i, h in enumerate(headers) if mapping.get(h)]
        columns = {field: header for _, header, field in self.cells}
        if "workers" in columns:
            columns.setdefault("workers_permanent_male", columns["workers"])
        if "registered_on" in columns:
            columns.setdefault("recorded_on", columns["registered_on"])
        if "omzet_monthly" in columns:
            columns.setdefault("omzet", columns["omzet_monthly"])
        self.columns = columns  # shared by every planned row

    def column_of(self, field: str) -> str:
        return self.columns.get(field, IMPORT_FIELDS.get(field, FIELD_LABELS.get(field, field)))


def plan_import(
    *,
    store: Store,
    path: str | Path,
    mapping: dict[str, str | None] | str | Path | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    overrides: dict[str, str | None] | None = None,
) -> ImportPlan:
    """Read and check every row; nothing is written. See the module's docstring.

    The sheet is read row by row. ``progress(done, total)`` is called every few hundred rows
    with the rows read so far and the rows the file seems to hold (0 while not known);
    ``cancelled()`` is asked as often, and when it answers True the check stops and raises
    ``ImportCancelled``. ``overrides`` ({header: field or None}) change the mapping for
    some columns (``parse_mapping_overrides``).
    """
    today = today or date.today()

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled()

    check_cancel()
    with SheetReader(path) as sheet:
        resolved = _resolve_mapping(sheet.headers, mapping, overrides)
        if "business_name" not in resolved.values():
            raise KnownError(
                "Tidak ada kolom untuk Nama usaha. Pilih kolom mana yang berisi nama usaha."
            )
        plan = ImportPlan(
            path=str(path),
            headers=sheet.headers,
            mapping=resolved,
            rows=[],
            rejected=[],
            empty_rows=0,
            today=today,
        )
        layout = _Layout(sheet.headers, resolved)
        estimated = sheet.estimated_rows

        def report(done: int) -> None:
            if progress is not None:
                progress(done, estimated if estimated >= done else 0)

        report(0)
        with store.session() as db:
            kabs = client_service.KabupatenResolver(db)
            finder = _DuplicateFinder(db)
            batch: list[PlannedRow] = []
            done = 0
            filled = [0] * len(sheet.headers)
            width = len(filled)
            for number, values in sheet:
                done += 1
                if done % _CANCEL_EVERY == 0:
                    check_cancel()
                    if done % _PROGRESS_EVERY == 0:
                        report(done)
                used = [i for i, v in enumerate(values) if i < width and not _blank(v)]
                if not used:
                    plan.empty_rows += 1
                    continue
                for i in used:
                    filled[i] += 1
                checked = _check_row(db, kabs, layout, number, values, today)
                if isinstance(checked, list):
                    plan.rejected.extend(checked)
                    continue
                batch.append(checked)
                if len(batch) >= _ROWS_PER_BATCH:
                    finder.check(batch, check_cancel)
                    plan.rows.extend(batch)
                    batch = []
            finder.check(batch, check_cancel)
            plan.rows.extend(batch)
            check_cancel()
            db.rollback()
        plan.columns = [
            ColumnUse(header, resolved.get(header), filled[i])
            for i, header in enumerate(sheet.headers)
        ]
        if progress is not None:
            progress(done, done)
    return plan


def _check_row(
    db: Session,
    kabs: client_service.KabupatenResolver,
    layout: _Layout,
    number: int,
    values: Sequence[Any],
    today: date,
) -> PlannedRow | list[Rejected]:
    raw: dict[str, Any] = {}
    problems: list[Rejected] = []
    width = len(values)
    for i, header, field in layout.cells:
        value = values[i] if i < width else None
        if _blank(value):
            continue
        try:
            raw[field] = _prepare(field, value)
        except InvalidValue as exc:
            problems.append(Rejected(number, header, str(exc)))

    column_of = layout.column_of
    columns = layout.columns
    client_data = {f: raw[f] for f in CLIENT_FIELDS if f in raw}
    client_data.setdefault("business_name", "")
    if "kabupaten_code" in client_data:
        code = kabs.resolve(client_data["kabupaten_code"])
        if code is not None:
            client_data["kabupaten_code"] = code
    if "registered_on" not in client_data and not any(
        p.column == columns.get("registered_on") for p in problems
    ):
        client_data["registered_on"] = today
    nik_value = client_data.pop("nik", None)
    cleaned: dict[str, Any] = {}
    try:
        cleaned = client_service.clean_client(db=db, data=client_data, creating=True)
    except ValidationError as exc:
        problems.extend(Rejected(number, column_of(e.field), e.message) for e in exc.errors)
    if nik_value is not None:
        try:
            nik = normalize_nik(nik_value)
        except InvalidValue as exc:
            problems.append(Rejected(number, column_of("nik"), str(exc)))
        else:
            cleaned["nik"] = nik
            if not client_data.get("gender"):
                cleaned["gender"] = nik_gender(nik)
            if not client_data.get("birth_date"):
                with contextlib.suppress(InvalidValue):
                    cleaned["birth_date"] = nik_birth_date(nik)

    size: dict[str, Any] | None = None
    size_data = {f: raw[f] for f in SIZE_FIELDS if f in raw}
    said: list[str] = []  # how the record's figures were derived, in its source
    monthly = size_data.pop("omzet_monthly", None)
    if monthly is not None and "omzet" not in size_data:  # a yearly figure wins
        try:
            per_month = monthly if isinstance(monthly, int) else parse_money(str(monthly))
        except InvalidValue as exc:
            problems.append(Rejected(number, column_of("omzet_monthly"), str(exc)))
        else:
            size_data["omzet"] = per_month * 12
            said.append("omzet per bulan × 12")
    if any(f != "recorded_on" for f in size_data):
        if "workers" in size_data:
            size_data["workers_permanent_male"] = size_data.pop("workers")
            said.insert(0, "jumlah pekerja tanpa rincian")
        size_data["source"] = f"impor ({'; '.join(said)})" if said else "impor"
        size_data.setdefault("recorded_on", raw.get("registered_on") or today)
        try:
            size = client_service.clean_size(data=size_data, creating=True)
            if size["recorded_on"] and size["recorded_on"] > max(today, date.today()):
                problems.append(
                    Rejected(
                        number, column_of("recorded_on"), "Tanggal data tidak boleh di masa depan."
                    )
                )
        except ValidationError as exc:
            problems.extend(Rejected(number, column_of(e.field), e.message) for e in exc.errors)

    licences: list[dict[str, Any]] = []
    for field, kind in LICENCE_FIELDS.items():
        if field not in raw:
            continue
        text = str(raw[field]).strip()
        word = _norm_header(text)
        if word in _NO:
            continue
        if word in _IN_PROCESS:
            data = {"kind": kind, "status": "in_process"}
        elif word in _YES:
            problems.append(
                Rejected(
                    number,
                    columns[field],
                    f"{IMPORT_FIELDS[field]}: tulis nomornya, bukan {text!r}; "
                    "kosongkan bila nomornya belum diketahui.",
                )
            )
            continue
        else:
            data = {"kind": kind, "number": text, "status": "obtained"}
        try:
            licences.append(client_service.clean_licence(data=data))
        except ValidationError as exc:
            problems.extend(Rejected(number, columns[field], e.message) for e in exc.errors)
    if problems:
        # One cell can fail two fields (the registration date is also the data's date).
        return list(dict.fromkeys(problems))
    return PlannedRow(row=number, client=cleaned, size=size, licences=licences, columns=columns)
