"""What the ``klinik`` command prints: tables and JSON on stdout, written PDFs, and for a
failure the one message on stderr and the exit status (see the package's docstring)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from typing import Any

from klinik import paths
from klinik.domain.formatting import shown
from klinik.errors import (
    KnownError,
    NotFound,
    Refusal,
    ValidationError,
    known_os_error,
    known_sqlite_error,
)
from klinik.services.validation import label

# The name the log has always shown for the command's errors.
logger = logging.getLogger("klinik.cli")

EXIT_OK, EXIT_KNOWN, EXIT_INPUT = 0, 1, 2
EXIT_BUG = 70  # EX_SOFTWARE of sysexits.h: an internal error, told apart from bad input


class CliInputError(Exception):
    """Bad input found by the CLI itself (before any service was called)."""


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(rows: list[dict[str, Any]], columns: list[tuple[Any, ...]]) -> None:
    """``rows`` under ``columns`` (field, heading[, vocabulary whose label replaces the
    stored code])."""
    if not rows:
        print("(tidak ada data)")
        return
    texts = [[_cell(r.get(c[0]), *c[2:]) for c in columns] for r in rows]
    widths = [min(40, max(len(c[1]), *(len(t[i]) for t in texts))) for i, c in enumerate(columns)]
    print("  ".join(c[1].ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in texts:
        cells = [
            (text[: w - 1] + "…" if len(text) > w else text).ljust(w)
            for text, w in zip(row, widths, strict=True)
        ]
        print("  ".join(cells).rstrip())


def _cell(value: Any, vocab: Any = None) -> str:
    if vocab is not None:
        return vocab.label_of(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, bool):
        return "ya" if value else ""
    return str(value)


def model_json(obj: Any) -> dict[str, Any]:
    return json.loads(obj.model_dump_json())


# Columns a person never reads: identities for sync, timestamps of the row, derived text.
_INTERNAL = {"uid", "created_at", "updated_at", "search_text", "superseded_by_id", "corrects_id"}
_MONEY = {"omzet", "modal", "total_assets", "amount"}
# Labels of what read models add to the stored columns (FIELD_LABELS names the columns).
_MORE_LABELS = {
    "id": "ID",
    "workers": "Pekerja",
    "size_class": "Kelas usaha",
    "naik_kelas": "Naik kelas",
    "corrected": "Dikoreksi",
}


def _vocabs() -> dict[str, Any]:
    from klinik.domain import vocab

    return {
        "gender": vocab.Gender,
        "education": vocab.Education,
        "legal_form": vocab.LegalForm,
        "mode": vocab.SessionMode,
        "owner": vocab.FollowUpOwner,
        "scheme": vocab.FinancingScheme,
        "channel": vocab.Channel,
    }


def readable(record: Any, *, vocabs: dict[str, Any] | None = None, skip=()) -> dict[str, str]:
    """A record (table row or dataclass) as a person reads it: each field's Indonesian label
    and its shown value, in the record's own field order, without internal columns, codes
    shown by their labels, yes/no, amounts in rupiah, dates in Indonesian."""
    import dataclasses
    from datetime import date, datetime

    from klinik.domain.formatting import format_date, format_datetime, format_rupiah
    from klinik.domain.labels import FIELD_LABELS

    if dataclasses.is_dataclass(record):
        names = [f.name for f in dataclasses.fields(record)]
    else:
        names = list(type(record).model_fields)
    known = {**_vocabs(), **(vocabs or {})}
    out: dict[str, str] = {}
    for name in names:
        if name in _INTERNAL or name in skip:
            continue
        value = getattr(record, name)
        if value is None or value == "":
            continue
        if name in known:
            text = known[name].label_of(value)
        elif isinstance(value, bool):
            text = "ya" if value else "tidak"
        elif isinstance(getattr(value, "label", None), str):  # a class such as SizeClass
            text = value.label
        elif name in _MONEY and isinstance(value, int):
            text = format_rupiah(value)
        elif isinstance(value, datetime):
            text = format_datetime(value)
        elif isinstance(value, date):
            text = format_date(value)
        else:
            text = str(value)
        out[_MORE_LABELS.get(name) or FIELD_LABELS.get(name, name)] = text
    return out


def print_readable(data: dict[str, Any], indent: int = 0) -> None:
    pad = "  " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            print(f"{pad}{key}:")
            print_readable(value, indent + 1)
        elif isinstance(value, list):
            print(f"{pad}{key} ({len(value)}):")
            for item in value:
                if isinstance(item, dict):
                    summary = "; ".join(f"{k}: {v}" for k, v in item.items())
                    print(f"{pad}  - {summary}")
                else:
                    print(f"{pad}  - {item}")
        elif value not in (None, ""):
            print(f"{pad}{key}: {value}")


def write_pdf(path: str, data: bytes) -> None:
    from klinik.files import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise KnownError(f"Berkas {path} tidak dapat ditulis: {exc.strerror or exc}") from exc
    print(path)


def _log_file() -> str | None:
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_klinik", False) and hasattr(handler, "baseFilename"):
            return handler.baseFilename
    return None


def _environment_problem(exc: BaseException) -> KnownError | None:
    """A database or OS error that escaped the store's own translation, if it is the machine's
    (a full disk, a read-only folder ...); None for a bug."""
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError):
        return known_sqlite_error(exc.orig, path=paths.database_path())
    if isinstance(exc, OSError):
        return known_os_error(exc)
    return None


def report_failure(exc: BaseException, *, writes: bool, argv: Sequence[str] | None) -> int:
    """Tell the user on stderr what went wrong, once; return the exit status.

    Called while `exc` is being handled (a bug's traceback goes to the log). `writes`: the
    command was to save something, so a refusal says "Data tidak disimpan".
    """
    if isinstance(exc, ValidationError):
        head = "Perbaiki isian berikut:"
        print(f"Data tidak disimpan. {head}" if writes else head, file=sys.stderr)
        for error in exc.errors:
            field = error.field
            name = label(field.split(".")[-1]) if "." in field else label(field)
            text = error.message
            if not text.lower().startswith(name.lower()):
                text = f"{name}: {text}"
            print(f"  - {text}", file=sys.stderr)
        return EXIT_INPUT
    if isinstance(exc, CliInputError):
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    if isinstance(exc, NotFound | Refusal):  # an unknown id, a rule that says no: not the machine
        print(f"Data tidak disimpan: {exc}" if writes else str(exc), file=sys.stderr)
        return EXIT_INPUT
    if isinstance(exc, KnownError):
        print(f"Klinik: {exc}", file=sys.stderr)
        return EXIT_KNOWN
    if isinstance(exc, KeyboardInterrupt):
        print("Dibatalkan.", file=sys.stderr)
        return 130
    if isinstance(exc, BrokenPipeError):
        return EXIT_OK
    problem = _environment_problem(exc)
    if problem is not None:
        logger.warning("%s: %s", type(exc).__name__, exc)
        print(f"Klinik: {problem}", file=sys.stderr)
        return EXIT_KNOWN
    # A bug: the traceback goes to the log, the user gets one line and where to look.
    given = " ".join(shown(a, 200) for a in (sys.argv[1:] if argv is None else argv))
    logger.exception("internal error in klinik %s", given)
    log = _log_file()
    where = (
        f"Rinciannya tercatat di {log}; kirimkan berkas itu kepada pengembang."
        if log
        else "Rinciannya tidak dapat dicatat (folder log tidak dapat ditulis)."
    )
    print(
        f"Klinik: terjadi kesalahan internal ({type(exc).__name__}), bukan karena isian "
        f"Anda. {where}",
        file=sys.stderr,
    )
    return EXIT_BUG
