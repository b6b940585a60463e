"""Writing files so that a crash or a power cut leaves the old file or the new one, whole.

One place for the pattern the head sidecar, the database move, the machine credential, the
backups and the re-encrypted backups all need (issue 17): write a temporary file, flush it to
the disk, rename it over the target, flush the folder.
"""

from __future__ import annotations

import os
from pathlib import Path

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def fsync_file(path: Path) -> None:
    """Flush ``path`` to the disk. Opened for writing: on Windows ``FlushFileBuffers`` needs
    write access, and a read-only handle fails with "access denied" (seen under Wine as
    "folder is read-only" after the first import)."""
    fd = os.open(path, os.O_RDWR | _BINARY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX). Windows cannot open a folder; NTFS
    journals the rename. Best effort: a folder that cannot be opened or flushed is left."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(target: Path, data: bytes, mode: int = 0o644) -> None:
    """Replace ``target`` with ``data``: ``<target>.tmp`` written and flushed, renamed over
    ``target``, the folder flushed. OSError on failure (the temporary file may be left; the
    caller removes it or a later write replaces it)."""
    tmp = target.with_name(target.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, mode)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    fsync_dir(target.parent)
