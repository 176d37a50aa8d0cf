"""What the commands share: the store, the one way a writing command saves and reports,
and the checks of the parsed arguments that no single command owns."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from klinik.cli.output import EXIT_OK, CliInputError
from klinik.errors import FieldError, InvalidValue, ValidationError
from klinik.services.validation import label, text_problem

# Options whose values are file or folder names: any bytes the system allows are fine there.
PATH_OPTIONS = frozenset({"out", "file", "mapping", "data_dir", "to"})
# Longest value of options that are looked up rather than stored (their messages quote them).
SHORT_OPTIONS = {"sort": 60, "kabupaten": 100, "status": 200, "what": 40, "preset": 100,
                  "save_preset": 100, "columns": 4000, "method": 60}  # fmt: skip


def open_store():
    """The data folder's store: ``klinik.db.engine.open_store``, imported only when a command
    needs it (so that ``klinik --help`` does not load SQLAlchemy)."""
    from klinik.db.engine import open_store

    return open_store()


def save(work: Callable[[Any], Any], say: Callable[[Any], str | None]) -> int:
    """Run `work(db)` as one unit of work, then print what `say` makes of its result.

    The one way every writing command reports: the id or confirmation is printed only after
    the commit returned. A commit that fails (a full disk) raises out of the ``with`` and
    nothing is printed, so a printed id always names a record that exists.
    """
    with open_store().session() as db:
        result = work(db)
    message = say(result)
    if message is not None:
        print(message)
    return EXIT_OK


def new_id(record: Any) -> str:
    return str(record.id)


def current_consultant(db) -> int | None:
    from klinik.services.settings import get_setting

    return get_setting(db=db, key="current_consultant_id")


def check_period(args: argparse.Namespace) -> None:
    date_from, date_to = getattr(args, "date_from", None), getattr(args, "date_to", None)
    if date_from is not None and date_to is not None and date_to < date_from:
        raise CliInputError(
            f"Tanggal --to harus sesudah --from (--from {date_from:%d-%m-%Y}, "
            f"--to {date_to:%d-%m-%Y})."
        )


def kabupaten_arg(db, text: str) -> str:
    from klinik.services.clients import resolve_kabupaten

    try:
        return resolve_kabupaten(db, text)
    except InvalidValue as exc:
        raise ValidationError(FieldError("kabupaten", str(exc))) from None


def check_paths(args: argparse.Namespace) -> None:
    """A file name may hold any bytes but NUL, which no system takes in a name. The data
    folder must also be UTF-8: SQLite opens its database by a UTF-8 name only."""
    for dest in sorted(PATH_OPTIONS):
        value = getattr(args, dest, None)
        option = "--data-dir" if dest == "data_dir" else f"--{dest}"
        if isinstance(value, str) and "\x00" in value:
            raise CliInputError(f"Nama berkas atau folder {option} memuat karakter NUL (\\0).")
    problem = text_problem(args.data_dir) if args.data_dir else None
    if problem is not None:
        raise CliInputError(f"Folder data --data-dir {problem}")


def check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse, per option, text no field can hold: NUL, control characters, undecodable bytes.

    Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape); they cannot be
    stored or even compared in SQL. File names are exempt: any bytes the system allows are a
    valid name there.
    """
    errors: list[FieldError] = []
    for dest, value in vars(args).items():
        if dest in PATH_OPTIONS or dest == "assignments":  # settings check their own values
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not isinstance(item, str):
                continue
            problem = text_problem(item)
            if problem is not None:
                errors.append(FieldError(dest, f"{label(dest)} {problem}"))
                break
            limit = SHORT_OPTIONS.get(dest)
            if limit is not None and len(item) > limit:
                errors.append(
                    FieldError(
                        dest,
                        f"{label(dest)} terlalu panjang ({len(item)} huruf); "
                        f"paling banyak {limit}.",
                    )
                )
                break
    if errors:
        raise ValidationError(errors)


def free_text(**values: str | None) -> dict[str, str | None]:
    """Options that a service stores as given (a reason, an outcome): checked like a form."""
    from klinik.services.validation import Checker

    limits = {"reason": 300, "outcome": 2000}
    c = Checker(values)
    cleaned = {name: c.text(name, max_length=limits[name]) for name in values}
    c.raise_if_errors()
    return cleaned


def given_fields(args: argparse.Namespace, names: Sequence[str]) -> dict[str, Any]:
    """The options the user gave (None means not given)."""
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}
