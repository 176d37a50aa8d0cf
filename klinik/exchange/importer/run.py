"""``run_import``: the plan written in one transaction through the services, its batch
kept (``klinik.services.imports``) so that ``undo_last_import`` can undo it; and the
summaries the command line prints."""

from __future__ import annotations

import contextlib
import dataclasses
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from klinik.db.engine import Store
from klinik.errors import KnownError, ValidationError
from klinik.exchange.importer.mappings import ImportInputError, save_mapping
from klinik.exchange.importer.model import (
    ColumnUse,
    ImportPlan,
    ImportResult,
    PlannedRow,
    _count,
)
from klinik.services import clients as client_service
from klinik.services import imports
from klinik.services.validation import FIELD_LABELS

DECISIONS = ("skip", "merge", "create")


_NEVER_MERGED = {"legal_form", "registered_on"}


def _check_decisions(plan: ImportPlan, decisions: dict[int, str]) -> dict[int, str]:
    rows = {r.row for r in plan.rows}
    out: dict[int, str] = {}
    for row, decision in decisions.items():
        if int(row) not in rows:
            raise ImportInputError(f"Baris {row} tidak ada di antara baris yang bisa diimpor.")
        if decision not in DECISIONS:
            raise ImportInputError(
                f"Baris {row}: pilihan {decision!r} tidak dikenal; pakai skip, merge, atau create."
            )
        out[int(row)] = decision
    return out


def run_import(
    *,
    store: Store,
    plan: ImportPlan,
    decisions: dict[int, str] | None = None,
    actor: str | None = None,
) -> ImportResult:
    """Write the plan's valid rows in one transaction; any failure writes nothing."""
    chosen = _check_decisions(plan, decisions or {})
    result = ImportResult(
        batch_id=datetime.now(UTC).strftime("%Y%m%d%H%M%S") + "-" + secrets.token_hex(3),
        rejected=list(plan.rejected),
        empty_rows=plan.empty_rows,
        warnings=unused_columns_warning(plan.unused_columns),
    )
    batch: dict[str, Any] = {
        "batch_id": result.batch_id,
        "file": Path(plan.path).name,
        "actor": actor,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "created": [],
        "merged": [],
    }
    target_of_row: dict[int, int | None] = {}
    with store.session() as db:
        for row in plan.rows:
            dup = row.duplicate
            decision = chosen.get(row.row, "skip") if dup else "create"
            if dup:
                dup = dataclasses.replace(dup, decision=decision)
                result.duplicates.append(dup)
            try:
                if decision == "skip":
                    result.skipped += 1
                    target_of_row[row.row] = dup.client_id if dup else None
                elif decision == "create":
                    if dup and dup.same_nik:
                        raise KnownError(
                            f"Baris {row.row}: NIK-nya sama dengan {dup.other()}; "
                            "klien dengan NIK yang sama tidak bisa dibuat dua kali. "
                            "Pilih lewati atau gabungkan."
                        )
                    entry = _create(db, row)
                    batch["created"].append(entry)
                    result.imported += 1
                    result.client_ids.append(entry["client_id"])
                    target_of_row[row.row] = entry["client_id"]
                else:
                    target = (
                        dup.client_id
                        if dup.client_id is not None
                        else target_of_row.get(dup.earlier_row)
                    )
                    if target is None:
                        raise KnownError(
                            f"Baris {row.row}: baris {dup.earlier_row} yang mau digabungkan "
                            "dilewati, jadi tidak ada klien untuk digabungkan."
                        )
                    entry = _merge(db, row, target)
                    batch["merged"].append(entry)
                    result.merged += 1
                    target_of_row[row.row] = target
            except ValidationError as exc:
                reasons = "; ".join(
                    f"kolom {_column(row, e.field)!r}: {e.message}" for e in exc.errors
                )
                raise KnownError(
                    f"Baris {row.row} gagal disimpan ({reasons}). Tidak ada yang disimpan."
                ) from exc
        if batch["created"] or batch["merged"]:
            imports.record_batch(
                db=db, batch_id=result.batch_id, file_name=batch["file"], content=batch
            )
    with contextlib.suppress(OSError, ValidationError):
        save_mapping(None, plan.mapping)
    return result


def _column(row: PlannedRow, field: str) -> str:
    return row.columns.get(field, FIELD_LABELS.get(field, field))


def _add_extras(db: Session, row: PlannedRow, client_id: int) -> tuple[list[int], list[int]]:
    sizes: list[int] = []
    licences: list[int] = []
    if row.size:
        sizes.append(client_service.add_size_record(db=db, client_id=client_id, **row.size).id)
    for licence in row.licences:
        licences.append(client_service.add_licence(db=db, client_id=client_id, **licence).id)
    return sizes, licences


def _create(db: Session, row: PlannedRow) -> dict[str, Any]:
    client = client_service.create_client(db=db, **row.client)
    sizes, licences = _add_extras(db, row, client.id)
    return {"row": row.row, "client_id": client.id, "size_records": sizes, "licences": licences}


def _merge(db: Session, row: PlannedRow, client_id: int) -> dict[str, Any]:
    client = client_service.get_client(db=db, client_id=client_id)
    fills = {
        field: value
        for field, value in row.client.items()
        if field not in _NEVER_MERGED
        and value not in (None, "")
        and getattr(client, field, None) in (None, "")
    }
    if fills:
        client_service.update_client(db=db, client_id=client_id, **fills)
    sizes, licences = _add_extras(db, row, client_id)
    return {
        "row": row.row,
        "client_id": client_id,
        "fields": {k: imports.jsonable(v) for k, v in fills.items()},
        "size_records": sizes,
        "licences": licences,
    }


# --- undo -----------------------------------------------------------------------------------


def undo_last_import(*, store: Store) -> ImportResult | None:
    """Undo the last import (``klinik.services.imports.undo_last_import``, in one
    transaction); None when there is nothing to undo."""
    with store.session() as db:
        undone = imports.undo_last_import(db=db)
    if undone is None:
        return None
    return ImportResult(
        batch_id=undone.batch_id,
        imported=undone.deleted,
        merged=undone.reverted,
        client_ids=undone.client_ids,
        undone=True,
    )


def count_clients(store: Store) -> int:
    """Every client in the store, archived ones too."""
    with store.session() as db:
        return client_service.count_clients(db=db, archived=None)


# --- summary -------------------------------------------------------------------------------


def unused_columns_warning(columns: list[ColumnUse]) -> list[str]:
    """The warning for columns with data that are not imported (empty list: none)."""
    if not columns:
        return []
    names = ", ".join(f"{c.header!r} ({_count(c.filled)} baris)" for c in columns)
    return [
        f"PERHATIAN: kolom {names} berisi data tetapi tidak diimpor; datanya tidak masuk ke "
        'Klinik. Petakan kolomnya (jendela: kolom "Diisi ke"; baris perintah: '
        '--map "KOLOM=field" atau --mapping FILE.json), atau biarkan bila memang tidak perlu.'
    ]


def columns_text(plan: ImportPlan) -> str:
    """Every column of the sheet and the field it fills, for the command line's check."""
    return "\n".join(["Kolom berkas → diisi ke:", *(f"  {c.describe()}" for c in plan.columns)])


def summary_text(report: ImportPlan | ImportResult) -> str:
    """A summary in Indonesian for the command line, one line per rejected row after it."""
    if isinstance(report, ImportResult) and report.undone:
        return (
            f"Impor {report.batch_id} dibatalkan: {report.imported} klien dihapus, "
            f"{report.merged} penggabungan dikembalikan."
        )
    if isinstance(report, ImportPlan):
        dups = report.duplicates
        ready = len(report.rows) - len(dups)
        head = [
            f"{ready} siap diimpor (uji coba, belum ada yang disimpan)",
            f"{len(report.rejected_rows)} ditolak",
            f"{len(dups)} kemungkinan duplikat akan dilewati",
        ]
        empty = report.empty_rows
        rejected = report.rejected
        dup_lines = [d.describe() for d in dups]
    else:
        rejected_rows = {r.row for r in report.rejected}
        skipped = [d for d in report.duplicates if d.decision == "skip"]
        head = [f"{report.imported} diimpor"]
        if report.merged:
            head.append(f"{report.merged} digabungkan")
        head += [f"{len(rejected_rows)} ditolak", f"{len(skipped)} kemungkinan duplikat dilewati"]
        empty = report.empty_rows
        rejected = report.rejected
        verbs = {"skip": "dilewati", "merge": "digabungkan", "create": "tetap dibuat"}
        dup_lines = [f"{d.describe()}: {verbs[d.decision]}" for d in report.duplicates]
    head.append(f"{empty} baris kosong dilewati")
    lines = [", ".join(head)]
    if isinstance(report, ImportPlan):
        lines += unused_columns_warning(report.unused_columns)
    lines += [f"Baris {r.row}, kolom {r.column!r}: {r.reason}" for r in rejected]
    lines += dup_lines
    if isinstance(report, ImportResult):
        lines += report.warnings
    return "\n".join(lines)
