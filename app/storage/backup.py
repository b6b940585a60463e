"""Rotating online backups through SQLite's backup API (a file copy misses the WAL)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

from app import strings
from app.clock import SYSTEM_CLOCK
from app.config import data_dir_of
from app.durable import fsync_file
from app.errors import DiskFull
from app.storage.faults import disk_full, storage_error

KEEP = 14
PART = ".part"  # a backup being written; renamed to .db once complete
LEFTOVER_AGE = 600.0  # seconds: an older .part is a leftover, not a backup in progress
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z-]+)\.db$")


def backup_dir(db_path: Path) -> Path:
    """``backups`` in the data folder (beside the database's own folder, not in it)."""
    return data_dir_of(db_path) / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """Backups of this database, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{db_path.stem}-*.db") if _NAME.match(p.name)]
    return sorted(found, key=lambda p: _NAME.match(p.name).group("stamp"),  # type: ignore[union-attr]
                  reverse=True)


def make_backup(db_path: Path, reason: str, now: dt.datetime | None = None,
                keep: int = KEEP) -> Path:
    """Copy the live database (WAL included) to ``backups/`` and keep the newest ``keep``."""
    now = now or SYSTEM_CLOCK.now()
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{reason}.db"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{reason}-{'x' * n}.db"
    tmp = target.with_suffix(PART)
    try:
        src = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a copy needs no -wal/-shm beside it
            finally:
                dst.close()
        finally:
            src.close()
        fsync_file(tmp)
        tmp.replace(target)
    except BaseException as exc:
        # a failed copy (a full disk) leaves nothing behind: no 0-byte or partial .part
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        fault = storage_error(exc, db_path) if isinstance(exc, sqlite3.Error | OSError) else None
        if isinstance(fault, DiskFull):
            fault = disk_full(folder, db_path, strings.DB_BACKUP_DISK_FULL)
        if fault is None:
            raise
        raise fault from exc
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    return target


def clean_leftovers(db_path: Path, older_than: float = LEFTOVER_AGE) -> list[Path]:
    """Remove ``.part`` files a killed or failed backup left in ``backups/`` (older than
    ``older_than`` seconds, so a backup another process is writing right now is spared);
    the files removed."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    # file times are the PC's, so their age is measured on the PC's clock
    now = SYSTEM_CLOCK.now()
    removed = []
    for p in folder.glob(f"{db_path.stem}-*{PART}*"):
        try:
            age = now - dt.datetime.fromtimestamp(p.stat().st_mtime)
            if age.total_seconds() >= older_than:
                p.unlink()
                removed.append(p)
        except OSError:
            pass
    return removed


def has_backup_on(db_path: Path, day: dt.date) -> bool:
    stamp = f"{day:%Y%m%d}"
    return any(
        (m := _NAME.match(p.name)) and m.group("stamp").startswith(stamp)
        for p in list_backups(db_path)
    )


def restore(db_path: Path, backup: Path, now: dt.datetime | None = None) -> Path:
    """Put ``backup`` in place of the database; the broken file is kept beside it."""
    stamp = f"{now or SYSTEM_CLOCK.now():%Y%m%d-%H%M%S}"
    broken = db_path.with_name(f"{db_path.stem}-broken-{stamp}{db_path.suffix}")
    if db_path.exists():
        db_path.replace(broken)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.replace(broken.with_name(broken.name + suffix))
    shutil.copyfile(backup, db_path)
    return broken
