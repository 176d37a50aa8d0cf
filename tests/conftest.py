"""Test set-up: offscreen Qt, a private data folder and a fresh store per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from klinik import paths  # noqa: E402
from klinik.db.engine import Store, open_store  # noqa: E402


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder; nothing touches the user's real data.

    With KLINIK_TEST_DATABASE_URL (e.g. a PostgreSQL server) each test gets its own empty
    database on that server instead of the SQLite file, to check that the queries follow.
    """
    folder = tmp_path / "data"
    monkeypatch.setenv("KLINIK_DATA_DIR", str(folder))
    monkeypatch.delenv("KLINIK_DATABASE_URL", raising=False)
    paths.set_data_dir(None)
    server = os.environ.get("KLINIK_TEST_DATABASE_URL")
    if not server:
        yield folder
        paths.set_data_dir(None)
        return
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"klinik_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name)
    monkeypatch.setenv("KLINIK_DATABASE_URL", url.render_as_string(hide_password=False))
    yield folder
    paths.set_data_dir(None)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


# A clinic's letterhead as the first-run questions leave it: letters can be issued. The
# refusal under an incomplete letterhead is tested where the test empties it.
LETTERHEAD = {
    "clinic_address": "Jl. Tjilik Riwut Km 6 No. 12, Palangka Raya 73112",
    "signer_name": "Dra. Hj. Rusdiana, M.Si.",
}


def fill_letterhead(store: Store) -> None:
    from klinik.services.settings import set_settings

    with store.session() as db:
        set_settings(db=db, **LETTERHEAD)


@pytest.fixture
def store(data_dir) -> Store:
    opened = open_store()
    fill_letterhead(opened)
    yield opened
    opened.close()


@pytest.fixture
def db(store):
    """One session for the test, committed at the end like a unit of work."""
    with store.session() as db:
        yield db


def mount_or_skip(*args: str) -> None:
    """``mount ARGS`` for a test that needs a real full or read-only disk (root only)."""
    import subprocess

    if os.geteuid() != 0:
        pytest.skip("mounting a file system needs root")
    if subprocess.run(["mount", *args], capture_output=True).returncode != 0:
        pytest.skip(f"mount {' '.join(args)} is not allowed here")


def unmount(folder) -> None:
    import subprocess

    subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def small_fs(tmp_path):
    """``small_fs(size)``: a folder on a tmpfs of that size (e.g. "256k"), unmounted after."""
    made = []

    def make(size: str, name: str = "kecil"):
        folder = tmp_path / name
        folder.mkdir()
        mount_or_skip("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
        made.append(folder)
        return folder

    yield make
    for folder in made:
        unmount(folder)


@pytest.fixture
def make_read_only():
    """``make_read_only(folder)``: bind-mount the folder read-only over itself, undone after."""
    made = []

    def make(folder):
        mount_or_skip("--bind", str(folder), str(folder))
        made.append(folder)
        mount_or_skip("-o", "remount,ro,bind", str(folder))
        return folder

    yield make
    for folder in made:
        unmount(folder)
