"""Writing files safely and privately: one module, so every file Klinik writes follows it.

- **Private.** Every file Klinik writes may hold personal data (NIK, phone, omzet): files are
  created 0600 and Klinik's own folders 0700 (POSIX; Windows keeps a user's profile folders
  private already). ``restrict_umask`` at start covers what libraries create themselves
  (SQLite's -wal/-shm, XlsxWriter, log rotation).
- **Atomic where it can be.** A regular file is replaced through a temporary file in the same
  folder and ``os.replace``: a crash or a full disk leaves the old file or the new one, never
  half of one. A target that is a device or a FIFO (``/dev/null``, a pipe) is written directly
  (replacing it would put a regular file where the device was); a directory is refused; a
  symbolic link is followed and its target written, the link kept.
- **Folders only where asked.** A missing folder is created for Klinik's own files; for a
  path the user typed (``--out``) it is an error that names the folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from klinik.errors import KnownError, known_os_error

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
POSIX = os.name == "posix"


def restrict_umask() -> None:
    """New files of this process are readable by the user only (group and others: nothing)."""
    if POSIX:
        os.umask(0o077)


def make_private(path: str | os.PathLike[str]) -> None:
    """0600 for a file, 0700 for a folder; quietly nothing where the mode cannot be set
    (Windows, a file system without modes, a file owned by someone else)."""
    if not POSIX:
        return
    with contextlib.suppress(OSError):
        st = os.stat(path)
        regular = stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)
        if regular and stat.S_IMODE(st.st_mode) & 0o077 and st.st_uid == os.getuid():
            os.chmod(path, stat.S_IMODE(st.st_mode) & 0o700)


def private_dir(path: str | os.PathLike[str]) -> Path:
    """Create ``path`` (and its parents) if needed; the folder itself is made 0700."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    make_private(path)
    return path


def resolve_target(path: str | os.PathLike[str], *, create_folder: bool = False) -> Path:
    """Where a write to ``path`` really goes: symbolic links followed (a link loop is an
    error), a directory refused, the folder created only when ``create_folder``."""
    given = Path(path).expanduser()
    try:
        target = given.resolve(strict=False)
    except (RuntimeError, OSError) as exc:  # a link loop
        raise KnownError(
            f"{given} adalah tautan (symlink) yang berputar ke dirinya sendiri; pilih berkas lain."
        ) from exc
    if target.is_dir():
        raise KnownError(f"{given} adalah folder; tulis nama berkasnya di dalam folder itu.")
    folder = target.parent
    if not folder.is_dir():
        if folder.exists():
            raise KnownError(
                f"Berkas {given.name} tidak dapat ditulis: {folder} bukan folder. "
                "Pilih folder lain."
            )
        if not create_folder:
            raise KnownError(
                f"Berkas {given.name} tidak dapat ditulis: folder {folder} tidak ada. Buat "
                "foldernya dulu atau pilih folder lain."
            )
        try:
            private_dir(folder)
        except OSError as exc:
            raise known_os_error(exc, folder=folder) from exc
    return target


def is_special(path: Path) -> bool:
    """True for an existing target that is not a regular file (device, FIFO, socket)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode)


def _temp_beside(target: Path) -> Path:
    for _ in range(100):
        temp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
        except FileExistsError:
            continue
        os.close(fd)
        return temp
    raise FileExistsError(f"no free temporary name beside {target}")


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], *, create_folder: bool = False) -> Iterator[Path]:
    """A private temporary path to write; on success it becomes ``path`` (see the module doc).

    OS errors are given as ``KnownError`` naming the folder (disk full, read-only, no
    permission). The temporary file never outlives the block."""
    target = resolve_target(path, create_folder=create_folder)
    special = is_special(target)
    scratch = None
    try:
        if special:
            scratch = Path(tempfile.mkdtemp(prefix="klinik-"))
            temp = scratch / target.name
        else:
            temp = _temp_beside(target)
    except OSError as exc:
        raise known_os_error(exc, folder=target.parent) from exc
    try:
        yield temp
        if special:
            with temp.open("rb") as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
        else:
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(temp, target)
            make_private(target)
    except OSError as exc:
        raise known_os_error(exc, folder=target.parent, file=target) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, create_folder: bool = False) -> Path:
    """Write ``data`` to ``path`` (see ``atomic_output``); returns the file written."""
    target = resolve_target(path, create_folder=create_folder)
    with atomic_output(target) as temp:
        temp.write_bytes(data)
    return target
