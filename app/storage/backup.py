"""Rotating online backups through SQLite's backup API (a file copy misses the WAL)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

from app.clock import SYSTEM_CLOCK

KEEP = 14
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z-]+)\.db$")


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


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
    tmp = target.with_suffix(".part")
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
    tmp.replace(target)
    for old in list_backups(db_path)[keep:]:
        old.unlink(missing_ok=True)
    return target


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
