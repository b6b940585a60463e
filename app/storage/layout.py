"""The database in a folder of its own (issue 17, deliverable 4), and the move into it.

The default database is ``<data folder>/database/onsitedesk.db``; its ``-wal``, ``-shm``,
``.head`` sidecar and ``.lock`` file live beside it, so nothing else in the data folder
(``backups``, ``attachments``, ``logs``) can be mistaken for part of it, and copying or
restoring "the database" means copying one folder. Releases before this kept the database in
the data folder itself; :func:`settle` moves such a database into the folder at start:

1. under the old location's open lock (``onsitedesk.db.lock``, the lock every opener of that
   file takes), so two programs starting at once never move it together;
2. only if no other process has it open: its journal is switched from WAL to DELETE, which
   SQLite refuses while another connection exists -- and which also folds the ``-wal`` into
   the file, so the file alone is the whole database (the app switches back to WAL when it
   opens it);
3. the head sidecar is copied into the folder first (temp file, fsync, rename);
4. the file is renamed into the folder -- one atomic rename on the same volume: the commit
   point. Before it the old layout is whole; after it the new one is (file and head);
5. the old head is removed (and the old lock file).

A kill at any point therefore leaves one whole database, never none and never two copies:
before step 4 the next start simply does the move again (the copied head is overwritten);
after it the old head is tidied away. If the move cannot happen now (another program has
the database open, the folder is read-only, a disk error), the old location is used this
time and the move is tried again at the next start. An explicit ``--db`` path or
``ONSITEDESK_DB`` is used as given and never moved.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from pathlib import Path

from app import config
from app.durable import fsync_dir, write_atomic
from app.filelock import FileLock, LockTimeout

log = logging.getLogger(__name__)

HEAD_SUFFIX = ".head"  # app.storage.head.SUFFIX (not imported: it loads SQLAlchemy)
LOCK_SUFFIX = ".lock"  # app.storage.db._lock_path
LOCK_WAIT = 2.0  # seconds; another program opening the old file: use it where it is


def side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def locate(path: Path) -> Path:
    """The file to open for ``path``: for the default database, :func:`settle` (moved in
    from the old place first, or the old place while it cannot be moved); any other path
    (``--db``, ``ONSITEDESK_DB``) as it is."""
    if path == config.default_db_path():
        return settle(path, config.legacy_db_path())
    return path


def settle(new: Path, legacy: Path) -> Path:
    """The path to open for the default database: ``new``, after moving a database found
    at ``legacy`` (the location of older releases) into ``new``'s folder; ``legacy`` when
    that move cannot be made now."""
    if not legacy.exists():
        _tidy(new, legacy)
        return new
    if new.exists():
        log.warning("a database at the old location is left alone: one is in its folder")
        return new
    try:
        new.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(side(legacy, LOCK_SUFFIX), timeout=LOCK_WAIT)
        lock.acquire()
    except (OSError, LockTimeout):
        return legacy
    try:
        return _move_locked(new, legacy)
    finally:
        lock.release()
        with contextlib.suppress(OSError):
            if not legacy.exists():
                side(legacy, LOCK_SUFFIX).unlink()


def _move_locked(new: Path, legacy: Path) -> Path:
    if not legacy.exists():  # another program moved it while this one waited
        _tidy(new, legacy)
        return new
    if new.exists():
        return new
    if not quiesce(legacy):
        log.info("the database is in use; it is moved into its folder at a later start")
        return legacy
    try:
        copy_head(legacy, new)
        move_file(legacy, new)
    except OSError as exc:
        log.warning("the database could not be moved into its folder: %s", exc.strerror)
        if not new.exists():
            with contextlib.suppress(OSError):
                side(new, HEAD_SUFFIX).unlink(missing_ok=True)
            return legacy
    _tidy(new, legacy)
    return new


def quiesce(path: Path) -> bool:
    """True when ``path`` is, alone, the whole database and no other connection holds it:
    its journal switched to DELETE (which folds the ``-wal`` in and is refused while another
    connection exists) and no ``-wal`` or ``-journal`` left beside it."""
    try:
        con = sqlite3.connect(path, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()
        if mode is None or str(mode[0]).lower() != "delete":
            return False
    except sqlite3.Error:  # busy (another connection), read-only, not a database
        return False
    finally:
        con.close()
    wal = side(path, "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    if side(path, "-journal").exists():
        return False
    for suffix in ("-wal", "-shm"):  # empty leftovers: nothing of the database is in them
        with contextlib.suppress(OSError):
            side(path, suffix).unlink(missing_ok=True)
    return True


def copy_head(legacy: Path, new: Path) -> None:
    """The head sidecar into the new folder, atomically (before the file itself moves)."""
    source = side(legacy, HEAD_SUFFIX)
    if not source.exists():
        return
    write_atomic(side(new, HEAD_SUFFIX), source.read_bytes())


def move_file(legacy: Path, new: Path) -> None:
    """The commit point: one rename within the data folder's volume."""
    os.rename(legacy, new)
    fsync_dir(new.parent)
    fsync_dir(legacy.parent)


def _tidy(new: Path, legacy: Path) -> None:
    """With no database at ``legacy`` any more: its head goes with the database -- moved
    into the new folder when that has none (so a deleted database is still noticed there),
    removed when it says the same as the new one; anything else is left alone."""
    old_head, new_head = side(legacy, HEAD_SUFFIX), side(new, HEAD_SUFFIX)
    if legacy.exists() or not old_head.exists():
        return
    try:
        if not new_head.exists():
            new.parent.mkdir(parents=True, exist_ok=True)
            os.replace(old_head, new_head)
            fsync_dir(new.parent)
        elif new_head.read_bytes() == old_head.read_bytes():
            old_head.unlink()
    except OSError:
        pass  # a read-only folder: the old head stays where it is, harmless
