"""``export_rows``: one export from the filters to the file and its event in the audit
trail; ``list_exports`` reads those events back."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import select

from klinik.db.audit import record_event
from klinik.db.engine import Store
from klinik.db.models import AuditEvent
from klinik.errors import (
    FieldError,
    InvalidValue,
    KnownError,
    StoreReadOnly,
    ValidationError,
)
from klinik.exchange.export import pdf_file
from klinik.exchange.export.columns import (
    KIND_LABELS,
    _check_format,
    _check_kind,
    long_number_headers,
)
from klinik.exchange.export.csv_file import (
    _write_csv,
    csv_number_warning,
    default_delimiter,
    parse_delimiter,
)
from klinik.exchange.export.filters import (
    _check_sort,
    _coerce_filters,
    audited_filters,
    describe_filters,
)
from klinik.exchange.export.pdf_file import _pdf_check_columns, _write_pdf
from klinik.exchange.export.plan import _note, _plan
from klinik.exchange.export.rows import _value_pages
from klinik.exchange.export.xlsx_file import _write_xlsx
from klinik.files import atomic_output
from klinik.services import lists
from klinik.services.settings import get_setting


class ExportCancelled(KnownError):
    """The user cancelled an export; no file was written."""

    def __init__(self, message: str = "Ekspor dibatalkan; tidak ada berkas yang ditulis."):
        super().__init__(message)


_WRITERS = {"csv": _write_csv, "xlsx": _write_xlsx, "pdf": _write_pdf}


@dataclasses.dataclass
class ExportSummary:
    """What an export wrote: rows, file, column keys, and how personal data was handled."""

    rows: int
    path: Path
    columns: list[str]
    personal_data_included: bool
    note: str
    headers: list[str] = dataclasses.field(default_factory=list)
    kind: str = ""
    format: str = ""
    omitted: list[str] = dataclasses.field(default_factory=list)
    masked: list[str] = dataclasses.field(default_factory=list)
    delimiter: str | None = None
    warning: str = ""


def export_rows(
    *,
    store: Store,
    kind: str,
    format: str,
    out: str | os.PathLike[str],
    filters: dict[str, Any] | None = None,
    sort: str | None = None,
    columns: list[str] | None = None,
    with_personal_data: bool = False,
    actor: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    limit: int | None = None,
    delimiter: str | None = None,
    total: int | None = None,
) -> ExportSummary:
    """Write the list of ``kind`` ("clients", "cases", "sessions") with ``filters`` (the
    list function's keyword arguments) and ``sort`` to ``out`` as CSV, XLSX or PDF.

    ``columns`` are catalogue keys or headers (default: ``DEFAULT_COLUMNS``, none personal).
    ``progress(done, total)`` is called after each page; the rows are counted for it before
    the first is read (never alongside the export, which would compete for the processor),
    unless the caller gives the list's ``total`` (the window shows it already);
    ``cancelled()`` is asked as often, and when it answers True the export stops, leaves no
    file and raises ``ExportCancelled``. ``limit`` exports only the first rows of the list.
    ``delimiter`` is the CSV separator (see ``parse_delimiter``; default ';', the Indonesian
    interface's). The summary's ``warning`` says when a CSV holds NIK, NIB or NPWP columns.
    Raises ``ValidationError`` for unknown kinds, formats, filters, sorts or columns and
    ``KnownError`` for a PDF over ``PDF_MAX_ROWS`` rows or a file that cannot be written.
    """
    kind = _check_kind(kind)
    fmt = _check_format(format)
    target = Path(out)
    plan = _plan(kind, columns, with_personal_data)
    _check_sort(kind, sort)
    try:
        separator = parse_delimiter(delimiter) if delimiter is not None else default_delimiter(None)
    except InvalidValue as exc:
        raise ValidationError(FieldError("delimiter", str(exc))) from None
    if fmt == "pdf":
        _pdf_check_columns(plan.columns)
    if limit is not None and limit < 0:
        raise ValidationError(FieldError("limit", "Batas baris tidak boleh negatif."))
    with store.session() as db:
        clean_filters = _coerce_filters(db, kind, dict(filters or {}))
        expected = total if total is not None and fmt != "pdf" else None
        clinic_name = None
        if fmt == "pdf" or (expected is None and progress is not None):
            expected = lists.count_rows(kind, db=db, filters=clean_filters)
        if expected is not None and limit is not None:
            expected = min(expected, limit)
        if fmt == "pdf":
            if expected > pdf_file.PDF_MAX_ROWS:
                raise KnownError(pdf_file._pdf_too_long(expected))
            clinic_name = get_setting(db=db, key="clinic_name")
    if target.is_dir():
        raise KnownError(f"{target} adalah folder; tulis nama berkasnya, mis. daftar.{fmt}.")
    created = datetime.now()
    meta: dict[str, Any] = {
        "kind": kind,
        "title": f"Daftar {KIND_LABELS[kind]}",
        "created": created,
        "actor": actor,
        "sort": sort,
        "filters_text": describe_filters(kind, clean_filters),
        "plan": plan,
        "with_personal_data": bool(with_personal_data),
        "personal_rows": 0,
        "delimiter": separator,
        "clinic_name": clinic_name if fmt == "pdf" else None,
    }

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled()

    meta["check"] = check

    def tick(done: int) -> None:
        check()
        if progress is not None:
            progress(done, max(expected or 0, done))

    check()
    reader = _value_pages(store, kind, clean_filters, sort, limit, plan, meta)
    try:
        with atomic_output(target) as temp:
            if progress is not None:
                progress(0, expected or 0)
            rows = _WRITERS[fmt](temp, plan, reader, tick, meta)
            check()
    except StoreReadOnly as exc:
        if target.exists() and os.name == "nt":
            raise KnownError(
                f"Berkas {target.name} tidak dapat ditimpa; mungkin sedang dibuka di program "
                "lain (Excel?). Tutup dulu lalu coba lagi."
            ) from exc
        raise
    finally:
        reader.close()
    if progress is not None:
        progress(rows, rows)
    personal_included = meta["personal_rows"] > 0
    summary = ExportSummary(
        rows=rows,
        path=target,
        columns=[c.key for c in plan.columns],
        personal_data_included=personal_included,
        note=_note(meta),
        headers=[c.header for c in plan.columns],
        kind=kind,
        format=fmt,
        omitted=list(plan.omitted),
        masked=list(plan.masked),
        delimiter=separator if fmt == "csv" else None,
        warning=(
            csv_number_warning(long_number_headers(kind, [c.key for c in plan.columns]))
            if fmt == "csv"
            else ""
        ),
    )
    kept_filters, filters_used = audited_filters(kind, clean_filters)
    entry = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "actor": actor,
        "kind": kind,
        "format": fmt,
        "filters": kept_filters,
        "filters_used": filters_used,
        "sort": sort,
        "limit": limit,
        "columns": summary.columns,
        "rows": rows,
        "with_personal_data": bool(with_personal_data),
        "personal_data_included": summary.personal_data_included,
        "personal_rows": meta["personal_rows"],
        "file": target.name,
        "path": str(target.resolve()),
    }
    try:
        with store.session() as db:
            record_event(
                db,
                action="export",
                entity="export",
                personal=summary.personal_data_included,
                leaves_machine=True,
                fields=summary.columns,
                detail=entry,
            )
    except Exception as exc:
        # An export that cannot be recorded is not kept (every export is recorded).
        target.unlink(missing_ok=True)
        raise KnownError(
            f"Ekspor tidak dapat dicatat di basis data ({exc}); berkasnya tidak disimpan. "
            "Coba lagi."
        ) from exc
    return summary


# --- the export log -------------------------------------------------------------------------


def list_exports(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Recorded exports, newest first: when (UTC), who, kind, format, filters (the values
    kept, see ``audited_filters``), filters_used, sort, columns, rows, with_personal_data,
    file."""
    with store.session() as db:
        query = (
            select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return [json.loads(e.detail) for e in db.exec(query)]
