"""One window per database: a second start brings the running window forward (issue 16).

A supervisor double-clicks the exe again when the window is hidden behind others or
minimised; a second program writing the same SQLite file is what must not happen. The first
window listens on a local server (a named pipe on Windows, a socket file elsewhere) whose name
is derived from the database's resolved path; a second start on the same database connects,
sends ``raise`` and exits with 0. A socket file left behind by a crash (not possible with
Windows pipes) refuses connections: it is removed and the new window listens instead.

Start-up cost: the running window also holds an exclusive lock file in the temp folder (same
name), which the OS releases when the process dies. A start first tries that lock, which
costs no Qt import: got it, nobody else runs and Qt's network module (~10 ms to load) is
loaded only after the first paint, to listen. Only when the lock is held does a start load it
to connect and hand over (waiting up to ``START_WAIT_S`` for a window that is still starting).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.filelock import FileLock, LockTimeout

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

if TYPE_CHECKING:
    from hashlib import sha256 as _sha256
else:
    try:  # CPython 3.11's own SHA-256: hashlib loads OpenSSL (~3 ms) before the window shows
        from _sha256 import sha256 as _sha256
    except ImportError:  # pragma: no cover - other Pythons
        from hashlib import sha256 as _sha256

RAISE = b"raise\n"
TIMEOUT_MS = 1500
START_WAIT_S = 5.0  # a window holding the lock but not listening yet is still starting


def server_name(db_path: Path) -> str:
    """The same name for every spelling of the same database file (case-insensitive on
    Windows), a different one for every other database."""
    key = str(Path(db_path).expanduser().resolve())
    if sys.platform == "win32":
        key = key.casefold()
    return "onsitedesk-" + _sha256(key.encode("utf-8")).hexdigest()[:24]


def _lock_folder() -> Path:
    """The temp folder, without :mod:`tempfile` (whose look-up writes a probe file)."""
    for name in ("TEMP", "TMP", "TMPDIR"):
        value = os.environ.get(name)
        if value:
            return Path(value)
    return Path("/tmp")


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
        self._server: QLocalServer | None = None
        self._lock = FileLock(_lock_folder() / f"{self.name}.lock", timeout=0)
        self._locked = False
        self._clients: list[QLocalSocket] = []  # sockets of second starts (a few per day)

    @property
    def server(self) -> QLocalServer:
        if self._server is None:
            from PySide6.QtNetwork import QLocalServer

            self._server = QLocalServer(self)
            self._server.newConnection.connect(self._accept)
        return self._server

    def _claim(self) -> bool | None:
        """True: this start holds the lock (nobody runs); False: another window holds it;
        None: no lock file can be made here (then only the local server tells)."""
        if self._locked:
            return True
        try:
            self._lock.acquire()
        except LockTimeout:
            return False
        except OSError:
            return None
        self._locked = True
        return True

    def hand_over(self) -> bool:
        """True if a window already has this database: it was asked to come forward."""
        claimed = self._claim()
        if claimed:
            return False
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        deadline = time.monotonic() + (START_WAIT_S if claimed is False else 0)
        while True:
            socket.connectToServer(self.name)
            if socket.waitForConnected(TIMEOUT_MS if claimed is None else 250):
                break
            socket.abort()
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)
        _allow_foreground()
        socket.write(RAISE)
        socket.waitForBytesWritten(TIMEOUT_MS)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(TIMEOUT_MS)
        return True

    def listen(self) -> bool:
        """Become the running window; a stale socket file (crash) is removed first."""
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer

        self._claim()
        if self.server.listen(self.name):
            return True
        if self.server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(self.name)
            return self.server.listen(self.name)
        return False

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
        if self._locked:
            self._lock.release()
            self._locked = False

    @Slot()
    def _accept(self) -> None:
        # No lambdas capturing the socket and no deleteLater: a socket the client has already
        # left is read at once and then closed; its wrapper is kept until the server goes
        # (connecting the socket's own deleteLater crashed PySide6 6.10 in ~QLocalSocket)
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._clients.append(socket)
            socket.readyRead.connect(self._ready)
            if socket.bytesAvailable():
                self._read(socket)

    @Slot()
    def _ready(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.raise_requested.emit()
