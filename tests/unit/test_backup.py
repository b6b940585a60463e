"""Rotating backups, the start-up integrity check and restore (SPEC Q2, DESIGN §4)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.roster import PersonFields
from app.errors import AppError, IntegrityCheckFailed
from app.services import Services, restore_latest
from app.storage import backup
from app.storage.db import quick_check
from tests.helpers.db import DatabaseTemplates, copy_database, open_services


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)  # percent-encoded
    try:
        return [r[0] for r in con.execute("SELECT name FROM person ORDER BY employee_no")]
    finally:
        con.close()


def _daily(db_path: Path) -> list[Path]:
    return [p for p in backup.list_backups(db_path) if "-daily" in p.name]


NewDb = Callable[..., None]


@pytest.fixture
def new_db_with(db_templates: DatabaseTemplates) -> NewDb:
    """Make a new database at a path with these people (from the migrated template)."""
    def make(db_path: Path, *names: str) -> None:
        copy_database(db_templates.migrated(), db_path)
        s = open_services(db_path, daily_backup=False)  # as the first open of a new file
        try:
            for i, name in enumerate(names, start=1):
                s.roster.add(PersonFields(employee_no=f"E{i}", name=name, note="备注" * 200))
        finally:
            s.close()
    return make


# ---- rotation and content ----------------------------------------------------------------
def test_rotation_keeps_the_newest_fourteen(services: Services) -> None:
    start = dt.datetime(2026, 11, 1, 8, 0, 0)
    made = [backup.make_backup(services.db_path, "daily", now=start + dt.timedelta(days=i))
            for i in range(16)]
    kept = backup.list_backups(services.db_path)
    assert len(kept) == backup.KEEP == 14
    assert kept == made[:1:-1]  # newest first; the two oldest are gone
    assert not made[0].exists()
    assert not made[1].exists()


def test_two_backups_in_the_same_second_do_not_overwrite(services: Services) -> None:
    now = dt.datetime(2026, 11, 29, 9, 0, 0)
    a = backup.make_backup(services.db_path, "manual", now=now)
    b = backup.make_backup(services.db_path, "manual", now=now)
    assert a != b
    assert a.exists()
    assert b.exists()
    assert len(backup.list_backups(services.db_path)) == 2


def test_backup_includes_data_still_in_the_wal(services: Services) -> None:
    """A plain copy of the .db file would miss it; the backup API must not."""
    services.roster.add(PersonFields(employee_no="W1", name="沃尔"))  # pool keeps it open
    wal = services.db_path.with_name(services.db_path.name + "-wal")
    assert wal.stat().st_size > 0
    assert "沃尔".encode() not in services.db_path.read_bytes()  # not checkpointed yet

    target = services.maintenance.backup_now()
    assert "沃尔".encode() in target.read_bytes()  # in the backup file itself, not a -wal
    assert quick_check(target) is None
    assert _names(target) == ["沃尔"]


def test_backup_is_a_valid_database_with_the_earlier_data(new_db_with: NewDb,
                                                         db_path: Path) -> None:
    new_db_with(db_path, "甲", "乙")
    target = backup.make_backup(db_path, "manual")
    assert target.parent == db_path.parent / "backups"
    assert quick_check(target) is None
    assert _names(target) == ["甲", "乙"]


# ---- daily backup on open ----------------------------------------------------------------
def test_daily_backup_is_made_once_per_day(db_path: Path) -> None:
    """Q2: the first open of a day backs up; later opens that day do not."""
    real_today = dt.date.today()  # backups are stamped with the real clock (see xfail below)
    Services.open(db_path, today=real_today).close()  # creates the file: nothing to back up
    assert _daily(db_path) == []
    Services.open(db_path, today=real_today).close()
    Services.open(db_path, today=real_today).close()
    assert len(_daily(db_path)) == 1
    Services.open(db_path, today=real_today + dt.timedelta(days=1)).close()
    assert len(_daily(db_path)) == 2


def test_daily_backup_can_be_switched_off(db_path: Path, today: dt.date) -> None:
    Services.open(db_path, today=today).close()
    Services.open(db_path, today=today, daily_backup=False).close()
    assert _daily(db_path) == []


def test_daily_backup_follows_the_given_today(db_path: Path) -> None:
    day = dt.date.today() + dt.timedelta(days=3)
    Services.open(db_path, today=day).close()
    Services.open(db_path, today=day).close()
    Services.open(db_path, today=day).close()
    assert len(_daily(db_path)) == 1


# ---- corruption and restore --------------------------------------------------------------
def _corrupt_middle(path: Path) -> bytes:
    size = path.stat().st_size
    garbage = b"\xde\xad\xbe\xef" * 2048
    with path.open("r+b") as fh:
        fh.seek(size // 2)
        fh.write(garbage)
    return garbage


def _truncate(path: Path) -> bytes:
    with path.open("r+b") as fh:
        fh.truncate(path.stat().st_size // 2)
    return b""


@pytest.mark.parametrize("damage", [_corrupt_middle, _truncate], ids=["garbage", "truncated"])
def test_corrupt_file_is_refused_and_the_newest_backup_restores_it(new_db_with: Callable[..., None],
        db_path: Path, damage: Callable[[Path], bytes]) -> None:
    new_db_with(db_path, *(f"人员{i}" for i in range(30)))
    old = backup.make_backup(db_path, "manual", now=dt.datetime(2026, 11, 1, 8, 0))
    newest = backup.make_backup(db_path, "manual", now=dt.datetime(2026, 11, 28, 8, 0))
    assert len(_names(db_path)) == 30
    damage(db_path)
    damaged_bytes = db_path.read_bytes()

    with pytest.raises(IntegrityCheckFailed) as exc:
        Services.open(db_path)
    assert exc.value.latest_backup == str(newest)
    assert old != newest

    restored_from, broken = restore_latest(db_path)
    assert restored_from == newest
    assert broken.parent == db_path.parent
    assert broken.read_bytes() == damaged_bytes  # the damaged file is kept, not deleted

    s = Services.open(db_path)
    try:
        assert s.roster.count() == 30
        assert s.maintenance.check().ok
    finally:
        s.close()


def test_restore_skips_a_broken_backup(new_db_with: NewDb, db_path: Path) -> None:
    new_db_with(db_path, *(f"人员{i}" for i in range(30)))
    good = backup.make_backup(db_path, "manual", now=dt.datetime(2026, 11, 1, 8, 0))
    bad = backup.make_backup(db_path, "manual", now=dt.datetime(2026, 11, 28, 8, 0))
    _corrupt_middle(bad)
    _corrupt_middle(db_path)
    assert restore_latest(db_path)[0] == good
    assert len(_names(db_path)) == 30


def test_restore_without_any_backup_is_an_app_error(new_db_with: NewDb,
                                                    db_path: Path) -> None:
    new_db_with(db_path, "甲")
    with pytest.raises(AppError):
        restore_latest(db_path)


@pytest.mark.parametrize("folder", ["项目#1", "100%41"], ids=["hash-in-name", "percent-in-name"])
def test_backup_and_check_work_in_any_folder_name(new_db_with: NewDb, tmp_path: Path,
                                                  folder: str) -> None:
    """Q2: the data folder may be called anything Windows allows."""
    db_path = tmp_path / folder / "onsitedesk.db"
    new_db_with(db_path, "甲")
    s = Services.open(db_path)  # runs quick_check on the existing file
    try:
        target = s.maintenance.backup_now()
    finally:
        s.close()
    assert _names(target) == ["甲"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # no stray files
