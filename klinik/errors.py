"""Errors that reach the user: invalid input (per field) and known environment problems.

Messages are in Indonesian because they are shown to consultants as they are; the
window translates nothing here, it only places each message under its field.
"""

from __future__ import annotations

import os
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


class EmptyStore(DamagedStore):
    """The store file is empty or holds no Klinik tables while a backup holds the clinic's
    data (a cloud-sync client or a cut copy emptied it): offered like a damaged store."""


class Refusal(Exception):
    """A business rule refuses what was asked (no consent to referral, an import that can no
    longer be undone): nothing is wrong with the computer or the input's form. The message
    says, in Indonesian, why and what to do instead."""


class StoreFull(KnownError):
    """The disk (or the folder's quota) is full; nothing was saved."""


class StoreReadOnly(KnownError):
    """The file, the folder or the whole disk cannot be written (read-only or no permission)."""


class StoreUnreadable(KnownError):
    """The disk failed to read or write (I/O error), the folder is missing or unusable."""


def _folder_text(folder) -> str:
    return f"folder {folder}" if folder else "folder data"


def known_os_error(exc: OSError, *, folder=None, file=None) -> KnownError:
    """An OS error as the user's message naming the folder (disk full, read-only, no
    permission, missing folder, I/O error). Anything else is still a ``KnownError`` with the
    system's own words: a file that cannot be written is always the environment's problem."""
    import errno

    where = _folder_text(folder or (getattr(exc, "filename", None) and _parent(exc.filename)))
    name = f"Berkas {file}" if file else "Berkas"
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return StoreFull(
            f"Disk penuh: {where} tidak punya ruang lagi, jadi tidak ada yang disimpan. "
            "Kosongkan ruang disk (hapus atau pindahkan berkas besar), lalu coba lagi."
        )
    if code == errno.EROFS:
        return StoreReadOnly(
            f"{where[0].upper()}{where[1:]} berada di disk yang hanya bisa dibaca (read-only); "
            "tidak ada yang disimpan. Pakai folder lain atau pasang disk itu agar bisa ditulis."
        )
    if code in (errno.EACCES, errno.EPERM):
        return StoreReadOnly(
            f"Tidak ada izin menulis di {where}; tidak ada yang disimpan. Beri izin tulis "
            "untuk pengguna ini atau pilih folder lain."
        )
    if code == errno.ENOENT:
        return StoreUnreadable(f"{where[0].upper()}{where[1:]} tidak ada. Pilih folder lain.")
    if code == errno.ELOOP:
        return StoreUnreadable(
            f"{name} adalah tautan (symlink) yang berputar ke dirinya sendiri; pilih berkas lain."
        )
    if code == errno.EIO:
        return StoreUnreadable(
            f"Disk gagal membaca atau menulis di {where} (kesalahan I/O). Salin folder data ke "
            "disk lain secepatnya dan periksa disknya."
        )
    return KnownError(f"{name} di {where} tidak dapat ditulis: {exc.strerror or exc}.")


def _parent(filename) -> str:
    from pathlib import Path

    return str(Path(str(filename)).parent)


def _full_text(where: str) -> str:
    return (
        f"Disk penuh: basis data di {where} tidak bisa bertambah, jadi perubahan terakhir "
        "tidak disimpan. Kosongkan ruang disk lalu ulangi; data yang sudah tersimpan aman."
    )


def _read_only_text(where: str) -> str:
    return (
        f"Basis data di {where} hanya bisa dibaca (berkas, folder atau disknya read-only, "
        "atau tidak ada izin tulis); perubahan tidak disimpan. Beri izin tulis atau pakai "
        "folder data lain (--data-dir)."
    )


def _nearly_full(folder) -> bool:
    import shutil

    try:
        return folder is not None and shutil.disk_usage(folder).free < 1024 * 1024
    except OSError:
        return False


def _read_only(folder) -> bool:
    try:
        return folder is not None and bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def known_sqlite_error(exc: BaseException, *, path=None) -> KnownError | None:
    """A SQLite error that is a problem of the computer, as the user's message; None when it
    is a bug (a wrong query, a constraint): that one is logged with its traceback.

    The one place that tells them apart (qutebrowser ``misc/sql.py``'s KnownError vs
    BugError). Busy: another program holds the store. Read-only and full: named with the
    data folder, never called damaged (a full disk or a read-only mount often shows as an
    I/O error: the -shm file cannot be made). Corrupt / not a database: ``DamagedStore``."""
    import sqlite3

    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    folder = _parent(path) if path else None
    where = _folder_text(folder)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreInUse(STORE_IN_USE)
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and _nearly_full(folder)):
        return StoreFull(_full_text(where))
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM) or (
        code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN) and _read_only(folder)
    ):
        return StoreReadOnly(_read_only_text(where))
    if code == sqlite3.SQLITE_CANTOPEN:
        return StoreUnreadable(
            f"Basis data di {where} tidak dapat dibuka: folder tidak ada, tidak ada izin, atau "
            "namanya dipakai folder lain. Periksa folder data (klinik info) atau pakai --data-dir."
        )
    if code == sqlite3.SQLITE_IOERR:
        return StoreUnreadable(
            f"Disk gagal membaca atau menulis basis data di {where} (kesalahan I/O). Salin "
            "folder data ke disk lain secepatnya, lalu jalankan 'klinik check'."
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DamagedStore(
            f"Basis data {path} rusak ({exc}). Tutup Klinik, lalu periksa dengan 'klinik check' "
            "dan pulihkan cadangan dengan 'klinik restore'; berkas yang rusak disimpan di "
            "sampingnya.",
            path=path,
            reason=str(exc),
        )
    return None


STORE_IN_USE = (
    "Basis data sedang dipakai oleh program lain (misalnya Klinik lain yang sedang "
    "menyimpan). Tunggu sebentar atau tutup program itu, lalu coba lagi. Tidak ada yang diubah."
)
