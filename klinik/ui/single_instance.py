"""One window per data folder: a second start brings the running window to the front.

The first Klinik listens on a local socket named after its database; a second one finds it,
asks it to show itself, and exits without opening the store a second time.
"""

from __future__ import annotations

import hashlib
import logging
import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from klinik import paths

logger = logging.getLogger(__name__)


def instance_key(url: str | None = None) -> str:
    """What identifies the store: the SQLite file with every link and ``//`` resolved (the
    same file reached by two spellings is one store), or the URL of another database."""
    from sqlalchemy.engine import make_url

    url = url or paths.database_url()
    try:
        parsed = make_url(url)
    except Exception:  # not a URL SQLAlchemy reads: opening the store will say so
        return url
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        try:
            return "sqlite:" + os.path.realpath(parsed.database)
        except OSError:
            return url
    return url


def server_name(url: str | None = None) -> str:
    key = instance_key(url)
    return "klinik-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def ask_running_instance(name: str, timeout_ms: int = 500) -> bool:
    """True when another Klinik on this store answered (and was asked to come forward)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(b"show\n")
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later starts; emits ``show_requested`` when one knocks."""

    show_requested = Signal()

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._knock)
        if not self.server.listen(name):
            # A socket left by a Klinik that crashed: nobody answered, so take it over.
            QLocalServer.removeServer(name)
            if not self.server.listen(name):
                logger.warning("single-instance socket unavailable: %s", self.server.errorString())

    def _knock(self) -> None:
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.readyRead.connect(connection.readAll)
            connection.disconnected.connect(connection.deleteLater)
            self.show_requested.emit()
