"""What every part of the window shares: the store, the language, the current consultant."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal

from klinik.db.engine import Store
from klinik.services.settings import get_settings, set_settings


class AppContext(QObject):
    """Handed to each area. ``data_changed`` tells the other areas to refresh."""

    data_changed = Signal(str)
    consultant_changed = Signal()

    def __init__(self, store: Store, *, lang: str = "id"):
        super().__init__()
        self.store = store
        self.lang = lang
        self._settings_cache: dict | None = None
        self._kabupaten: list[tuple[str, str]] | None = None
        self._consultants: list[tuple[int, str]] | None = None
        # Connected first: whoever else hears "settings" reads the new values.
        self.data_changed.connect(self._drop_caches)

    @contextmanager
    def session(self):
        """For scripts and tests; widgets read and write through ``klinik.ui.ops``."""
        with self.store.session() as db:
            yield db

    def _drop_caches(self, kind: str) -> None:
        if kind == "settings":
            self.forget_settings()
        elif kind == "consultant":
            self._consultants = None

    def forget_settings(self) -> None:
        """The settings are read again when next asked for (after an op wrote them, or a
        restore replaced the store)."""
        self._settings_cache = None

    def kabupaten_choices(self) -> list[tuple[str, str]]:
        """(code, name) of every kabupaten/kota, read once: filters and forms offer them."""
        if self._kabupaten is None:
            from klinik.services.clients import list_kabupaten

            with self.session() as db:
                self._kabupaten = [(k.code, k.name) for k in list_kabupaten(db=db)]
        return self._kabupaten

    def consultant_choices(self) -> list[tuple[int, str]]:
        """(id, name) of the active consultants, read once and again after "consultant"
        changes: the forms that ask who did something offer them."""
        if self._consultants is None:
            from klinik.services.consultants import list_consultants

            with self.session() as db:
                people = list_consultants(db=db, active_only=True)
            self._consultants = [(p.id, p.name) for p in people]
        return self._consultants

    def settings(self) -> dict:
        """The clinic's settings, read once and kept until "settings" changes."""
        if self._settings_cache is None:
            with self.session() as db:
                self._settings_cache = get_settings(db=db)
        return self._settings_cache

    def update_settings(self, **values) -> dict:
        """For scripts and tests: the window writes settings with an op (changed="settings")."""
        with self.session() as db:
            self._settings_cache = set_settings(db=db, **values)
        return self._settings_cache

    @property
    def consultant_id(self) -> int | None:
        return self.settings().get("current_consultant_id")

    def changed(self, kind: str) -> None:
        self.data_changed.emit(kind)
