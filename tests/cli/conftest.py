"""``letterhead``: the command-line tests that issue letters run against a clinic whose
letterhead is filled in (as the first run leaves it); the refusal under an incomplete
letterhead has its own test, which empties it."""

from __future__ import annotations

import contextlib
import io

import pytest

from klinik.cli import main


@pytest.fixture
def letterhead(data_dir):
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(
            [
                "settings",
                "clinic_address=Jl. Tjilik Riwut Km 6 No. 12, Palangka Raya 73112",
                "signer_name=Dra. Hj. Rusdiana, M.Si.",
            ]
        )
    assert code == 0
