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


def print_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> None:
    if not rows:
        print("(tidak ada data)")
        return
    widths = []
    for key, title in columns:
        values = [_cell(r.get(key)) for r in rows]
        widths.append(min(40, max(len(title), *(len(v) for v in values))))
    print("  ".join(t.ljust(w) for (_, t), w in zip(columns, widths, strict=True)).rstrip())
    for r in rows:
        cells = []
        for (key, _), w in zip(columns, widths, strict=True):
            text = _cell(r.get(key))
            cells.append((text[: w - 1] + "…" if len(text) > w else text).ljust(w))
        print("  ".join(cells).rstrip())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, bool):
        return "ya" if value else ""
    return str(value)


def model_json(obj: Any) -> dict[str, Any]:
    return json.loads(obj.model_dump_json())


def print_readable(data: dict[str, Any], indent: int = 0) -> None:
    pad = "  " * indent
    for key, value in data.items():
        if isinstance(value, dict):
            print(f"{pad}{key}:")
            print_readable(value, indent + 1)
        elif isinstance(value, list):
            print(f"{pad}{key}: ({len(value)})")
            for item in value:
                if isinstance(item, dict):
                    summary = ", ".join(
                        f"{k}={v}"
                        for k, v in item.items()
                        if v not in (None, "", False)
                        and k not in ("uid", "created_at", "updated_at")
                    )
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
