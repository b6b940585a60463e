"""A small exclusive lock file beside the database (``onsitedesk.db.lock``): opening a
database (creating it, checking, migrating, the daily backup) is serialised between
processes, so two windows or commands started at once never migrate the same new file
together. ``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows; the OS releases the lock
when its holder dies, so a crashed process never leaves the database locked."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from types import TracebackType

POLL = 0.05


class LockTimeout(Exception):
    pass


class FileLock:
    def __init__(self, path: Path, timeout: float = 60.0) -> None:
        self.path, self.timeout = path, timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                _lock(fd)
                self._fd = fd
                return
            except OSError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockTimeout(str(self.path)) from None
                time.sleep(POLL)

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
