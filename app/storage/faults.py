"""Storage faults in the user's words (issue 17): a full disk, a read-only folder or file,
a busy database. Used by the engine (db.py) and the backups (backup.py)."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
from contextlib import suppress
from pathlib import Path

from app import strings
from app.errors import DatabaseBusy, DatabaseError, DatabaseReadOnly, DiskFull

_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
# I/O errors of a write that ran out of room (a file-size limit gives these, not SQLITE_FULL)
_WRITE_FAILED = ("SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_TRUNCATE",
                 "SQLITE_IOERR_SHMSIZE", "SQLITE_IOERR_DIR_FSYNC")
_READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


def storage_error(exc: BaseException, path: Path) -> DatabaseError | None:
    """The Chinese error for a storage fault (disk full, read-only, busy), or ``None``
    when ``exc`` is something else (a bug: it propagates as it is)."""
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, sqlite3.Error):
        name = str(getattr(orig, "sqlite_errorname", ""))
        text_ = str(orig).lower()
        if name == "SQLITE_FULL" or name in _WRITE_FAILED or "disk is full" in text_:
            return disk_full(path.parent, path)
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text_:
            return DatabaseBusy(strings.DB_BUSY.format(path=path))
        if name.startswith("SQLITE_READONLY") or "readonly" in text_:
            return DatabaseReadOnly(read_only_reason(path) or strings.DB_FILE_READ_ONLY.format(
                path=path))
        return None
    if isinstance(orig, OSError):
        if orig.errno in _FULL_ERRNOS:
            return disk_full(Path(orig.filename).parent if orig.filename else path.parent, path)
        if orig.errno in _READ_ONLY_ERRNOS:
            return DatabaseReadOnly(read_only_reason(path) or strings.DB_FOLDER_READ_ONLY.format(
                folder=path.parent))
    return None


def space_needed(db_path: Path) -> int:
    """Bytes a write may need at worst: a backup's copy of the database and its WAL."""
    total = 0
    for p in (db_path, db_path.with_name(db_path.name + "-wal")):
        with suppress(OSError):
            total += p.stat().st_size
    return total + 16 * 1024 * 1024


def disk_full(folder: Path, db_path: Path, template: str = strings.DB_DISK_FULL) -> DiskFull:
    """The message for a full disk: the folder, the space left and the space needed."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = 0
    mb = 1024 * 1024
    return DiskFull(template.format(folder=folder, free=free // mb,
                                    need=-(-space_needed(db_path) // mb)))


def read_only_reason(path: Path) -> str | None:
    """Why the database cannot be written (the folder or the file is read-only), or
    ``None``. Tried for real (a probe file, the file opened for writing): permission bits
    say nothing for an administrator, a read-only mount or a locked-down share."""
    folder = path.parent
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        if exc.errno in _FULL_ERRNOS:
            return None  # writable, only full: said as such when a write fails
        return strings.DB_FOLDER_READ_ONLY.format(folder=folder)
    if path.exists():
        try:
            with path.open("r+b"):
                pass
        except OSError:
            return strings.DB_FILE_READ_ONLY.format(path=path)
    return None
