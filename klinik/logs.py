"""Logging to a rotating file in the data folder's logs/ (and stderr for warnings)."""

from __future__ import annotations

import logging
import logging.handlers

from klinik import paths
from klinik.errors import KnownError
from klinik.files import make_private


def setup_logging(*, verbose: bool = False) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_klinik", False) for h in root.handlers):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        log = paths.logs_dir() / "klinik.log"
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        make_private(log)  # it names records and files; rotated copies keep the mode
    except (OSError, KnownError):
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._klinik = True  # type: ignore[attr-defined]
    root.addHandler(handler)
