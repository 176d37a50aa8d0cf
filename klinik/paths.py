"""Where Klinik keeps its files: one module, so every part agrees.

Default is the platform's user data directory (platformdirs). ``--data-dir`` on the
command line or ``KLINIK_DATA_DIR`` moves everything (database, backups, letters, logs).
``KLINIK_DATABASE_URL`` replaces the SQLite file with any SQLAlchemy URL.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Klinik"
DB_FILENAME = "klinik.sqlite3"

_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Use ``path`` as the data folder for this process (from ``--data-dir``)."""
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def has_data_dir_override() -> bool:
    """True when ``--data-dir`` chose the folder (a command shown to the user repeats it)."""
    return _override is not None


def data_dir() -> Path:
    """The data folder, created on first use."""
    if _override is not None:
        path = _override
    elif os.environ.get("KLINIK_DATA_DIR"):
        path = Path(os.environ["KLINIK_DATA_DIR"]).expanduser().resolve()
    else:
        path = Path(user_data_dir(APP_NAME, appauthor=False))
    return _private_folder(path)


def _private_folder(path: Path) -> Path:
    """Create the folder (0700: it holds personal data); a folder that cannot be made (a file
    of that name, no permission, a read-only disk) is the user's message, naming it."""
    from klinik.errors import known_os_error
    from klinik.files import private_dir

    try:
        return private_dir(path)
    except FileExistsError as exc:
        from klinik.errors import StoreUnreadable

        raise StoreUnreadable(
            f"{path} adalah berkas, bukan folder; Klinik perlu folder di situ. Pindahkan "
            "berkas itu atau pakai folder data lain (--data-dir)."
        ) from exc
    except OSError as exc:
        raise known_os_error(exc, folder=path) from exc


def _sub(name: str) -> Path:
    return _private_folder(data_dir() / name)


def backups_dir() -> Path:
    return _sub("backups")


def letters_dir() -> Path:
    return _sub("letters")


def letter_file(year: int, file_name: str | None) -> Path:
    """Where an issued letter's PDF lives: letters/<year>/<file name>."""
    return letters_dir() / str(year) / (file_name or "")


def logs_dir() -> Path:
    return _sub("logs")


def database_path() -> Path:
    return data_dir() / DB_FILENAME


def database_url() -> str:
    """The SQLAlchemy URL of the store: ``KLINIK_DATABASE_URL`` or the SQLite file."""
    url = os.environ.get("KLINIK_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{database_path()}"


def resources_dir() -> Path:
    """Shipped resources: inside the installed package, or ``resources/`` of a checkout."""
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


_SYNC_NAMES = ("onedrive", "google drive", "googledrive", "my drive", "dropbox", "icloud")
_NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs"}


def storage_warning(path: Path | None = None) -> str | None:
    """Why the data folder is a risky place for a database, in Indonesian, or None.

    Sync clients (OneDrive, Google Drive, Dropbox) copy the database file while it is being
    written and can hand back a torn copy; network file systems break SQLite's locking.
    """
    folder = Path(path or data_dir()).resolve()
    lowered = str(folder).lower()
    for name in _SYNC_NAMES:
        if name in lowered:
            return (
                f"Folder data {folder} berada di folder sinkronisasi awan ({name}). Basis data "
                "bisa rusak bila disalin saat sedang ditulis. Pindahkan dengan --data-dir ke "
                "folder lokal; cadangan boleh disimpan di folder awan."
            )
    if str(folder).startswith("\\\\\\\\"):
        return f"Folder data {folder} berada di jaringan. Pakai folder lokal di laptop ini."
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, fstype = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and lowered.startswith(parts[1].lower()) and len(parts[1]) > len(best):
            best, fstype = parts[1], parts[2]
    if fstype in _NETWORK_FS:
        return (
            f"Folder data {folder} berada di sistem berkas jaringan ({fstype}). SQLite tidak aman "
            "di sana; pakai folder lokal di laptop ini."
        )
    return None
