"""Errors that reach the user: invalid input (per field) and known environment problems.

Messages are in Indonesian because they are shown to consultants as they are; the
window translates nothing here, it only places each message under its field.
"""

from __future__ import annotations

from typing import NamedTuple


class InvalidValue(ValueError):
    """A single value is wrong. The message says, in Indonesian, what and how to fix it."""


class FieldError(NamedTuple):
    """One field's problem: the field's name in the data model and a message in Indonesian."""

    field: str
    message: str


class ValidationError(ValueError):
    """Input for a record was rejected; carries every field error found, not only the first."""

    def __init__(self, errors: list[FieldError] | FieldError):
        if isinstance(errors, FieldError):
            errors = [errors]
        self.errors: list[FieldError] = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in self.errors))

    def for_field(self, field: str) -> str | None:
        """The message for one field, or None when that field is fine."""
        for error in self.errors:
            if error.field == field:
                return error.message
        return None


class KnownError(Exception):
    """A known problem of the environment (newer database, file in use, disk full).

    Shown to the user as a clear message; never a traceback.
    """


class NotFound(KnownError):
    """A record asked for by id does not exist."""


class StoreInUse(KnownError):
    """Another program (or another Klinik) holds the database; nothing was changed."""


class DamagedStore(KnownError):
    """The database file is damaged. Carries its path, the reason, and the newest backup that
    passed its check (``klinik.db.backup.BackupInfo``) or None, so the window and the command
    line can offer to restore it."""

    def __init__(self, message: str, *, path, reason: str = "", backup=None):
        super().__init__(message)
        self.path = path
        self.reason = reason
        self.backup = backup
