"""One window per database: a second start brings the running window forward (issue 16).

A supervisor double-clicks the exe again when the window is hidden behind others or
minimised; a second program writing the same SQLite file is what must not happen. The first
window listens on a local server (a named pipe on Windows, a socket file elsewhere) whose name
is derived from the database's resolved path; a second start on the same database connects,
sends ``raise`` and exits with 0. A socket file left behind by a crash (not possible with
Windows pipes) refuses connections: it is removed and the new window listens instead.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

RAISE = b"raise\n"
TIMEOUT_MS = 1500


def server_name(db_path: Path) -> str:
    """The same name for every spelling of the same database file (case-insensitive on
    Windows), a different one for every other database."""
    key = str(Path(db_path).expanduser().resolve())
    if sys.platform == "win32":
        key = key.casefold()
    return "onsitedesk-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _allow_foreground() -> None:
    """Windows lets only the foreground process bring a window forward: the second start is
    that process (just double-clicked), so it allows the running one to."""
    if sys.platform == "win32":
        import ctypes

        asfw_any = -1
        ctypes.windll.user32.AllowSetForegroundWindow(asfw_any)


def bring_forward(window: QWidget) -> None:
    from PySide6.QtCore import Qt  # not at import: the Qt enums are built on first use

    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class SingleInstance(QObject):
    """The local server of the running window; ``raise_requested`` when started again."""

    raise_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._accept)

    def hand_over(self) -> bool:
        """True if a window already has this database: it was asked to come forward."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            return False
        _allow_foreground()
        socket.write(RAISE)
        socket.waitForBytesWritten(TIMEOUT_MS)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(TIMEOUT_MS)
        return True

    def listen(self) -> bool:
        """Become the running window; a stale socket file (crash) is removed first."""
        if self.server.listen(self.name):
            return True
        if self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)
            return self.server.listen(self.name)
        return False

    def close(self) -> None:
        self.server.close()

    @Slot()
    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.raise_requested.emit()
