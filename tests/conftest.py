"""Test set-up: offscreen Qt, a private data folder and a fresh store per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from klinik import paths  # noqa: E402
from klinik.db.engine import Store, open_store  # noqa: E402


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder; nothing touches the user's real data."""
    folder = tmp_path / "data"
    monkeypatch.setenv("KLINIK_DATA_DIR", str(folder))
    monkeypatch.delenv("KLINIK_DATABASE_URL", raising=False)
    paths.set_data_dir(None)
    yield folder
    paths.set_data_dir(None)


@pytest.fixture
def store(data_dir) -> Store:
    opened = open_store()
    yield opened
    opened.close()


@pytest.fixture
def db(store):
    """One session for the test, committed at the end like a unit of work."""
    with store.session() as session:
        yield session
