"""Issue 17, deliverable 4: a lost WAL tail, an older copy put in place or a deleted database
file is found at start and by ``db check`` (the head sidecar), never silently accepted; a
restore says what it would lose and needs ``--yes``."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from app.domain.roster import PersonFields
from app.services.punches import PunchRow
from app.storage import head
from tests.helpers.cli import run_cli
from tests.helpers.db import open_services


def _people(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT COUNT(*) FROM person").fetchone()[0])
    finally:
        con.close()


def _add(path: Path, *nos: str) -> None:
    services = open_services(path)
    try:
        for no in nos:
            services.roster.add(PersonFields(employee_no=no, name=f"人{no}"))
    finally:
        services.close()


def _drop_side_files(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def test_every_commit_moves_the_head(demo_db: Path) -> None:
    _add(demo_db, "N1")
    first = head.read(demo_db)
    assert first is not None and first.audit_id > 0
    _add(demo_db, "N2")
    second = head.read(demo_db)
    assert second is not None and second.audit_id > first.audit_id


def test_separated_wal_is_found_by_check_and_at_start(demo_db: Path, tmp_path: Path) -> None:
    """Committed work in the -wal; the main file alone (with the head) is what is left."""
    _add(demo_db, "N0")  # the head exists
    services = open_services(demo_db)
    try:
        before = head.read(demo_db)
        assert before is not None
        services.roster.add(PersonFields(employee_no="W1", name="甲"))
        services.roster.add(PersonFields(employee_no="W2", name="乙"))
        after = head.read(demo_db)
        assert after is not None and after.audit_id > before.audit_id
        # the crash: the main file and the sidecar survive, the -wal does not
        lost = tmp_path / "lost" / demo_db.name
        lost.parent.mkdir()
        shutil.copyfile(demo_db, lost)
        shutil.copyfile(head.head_path(demo_db), head.head_path(lost))
    finally:
        services.close()
    assert _people(lost) == _people(demo_db) - 2  # the main file really misses them
    code, out, err = run_cli("--db", str(lost), "db", "check")
    assert code == 1, out
    assert "数据库比记录的最新状态旧" in err
    assert f"缺少第 {before.audit_id + 1}–{after.audit_id} 条审计记录" in err
    code, out, err = run_cli("--db", str(lost), "settings", "show")
    assert code == 1 and "缺少第" in err  # the app refuses to go on with the older file


def test_older_copy_put_in_place_is_found(demo_db: Path) -> None:
    assert run_cli("--db", str(demo_db), "db", "backup")[0] == 0
    copy = next((demo_db.parent / "backups").glob("*-manual.db"))
    _add(demo_db, "N1", "N2")
    _drop_side_files(demo_db)
    shutil.copyfile(copy, demo_db)
    code, _, err = run_cli("--db", str(demo_db), "db", "check")
    assert code == 1
    assert "数据库比记录的最新状态旧" in err and "可以从最近的备份恢复" in err
    # the user confirms the older copy is meant: accepted, audited, and checks pass again
    assert run_cli("--db", str(demo_db), "db", "accept")[0] == 0
    assert run_cli("--db", str(demo_db), "db", "check")[0] == 0
    assert run_cli("--db", str(demo_db), "audit", "verify")[0] == 0


def test_another_database_put_in_place_is_found(demo_db: Path, migrated_db: Path) -> None:
    _add(demo_db, "N1")
    _drop_side_files(demo_db)
    shutil.copyfile(migrated_db, demo_db)  # a different site's file, with more or fewer rows
    code, _, err = run_cli("--db", str(demo_db), "db", "check")
    assert code == 1
    assert "数据库比记录的最新状态旧" in err or "不是同一份" in err


def test_deleted_database_is_not_replaced_by_an_empty_one(demo_db: Path) -> None:
    _add(demo_db, "N1")
    assert run_cli("--db", str(demo_db), "db", "backup")[0] == 0
    demo_db.unlink()
    _drop_side_files(demo_db)
    code, _, err = run_cli("--db", str(demo_db), "db", "check")
    assert code == 1
    assert "数据库文件不见了" in err and "可以从最近的备份恢复" in err
    assert not demo_db.exists() or demo_db.stat().st_size == 0  # no empty database made
    assert run_cli("--db", str(demo_db), "db", "restore", "--yes")[0] == 0
    assert _people(demo_db) >= 9  # a backup (the suite's fixed clock stamps both alike)
    assert run_cli("--db", str(demo_db), "db", "check")[0] == 0


def test_crash_between_commit_and_head_write_is_no_alarm(demo_db: Path) -> None:
    """The head lags the database by a commit: newer than the head is fine."""
    _add(demo_db, "N1")
    stale = head.head_path(demo_db).read_bytes()
    _add(demo_db, "N2")
    head.head_path(demo_db).write_bytes(stale)
    assert run_cli("--db", str(demo_db), "db", "check")[0] == 0
    now = head.read(demo_db)
    assert now is not None and now.audit_id > 0 and head.head_path(demo_db).read_bytes() != stale


def test_restore_says_what_is_lost_and_needs_yes(demo_db: Path) -> None:
    assert run_cli("--db", str(demo_db), "db", "backup")[0] == 0
    services = open_services(demo_db)
    try:
        rows = [PunchRow("1", dt.datetime(2026, 11, 27, 8, 0) + dt.timedelta(minutes=i),
                         verify_mode=1) for i in range(25)]
        services.punches.record_batch("usb", "x.dat", "C1", rows)
        services.roster.add(PersonFields(employee_no="N9", name="新人"))
    finally:
        services.close()
    people = _people(demo_db)
    code, out, err = run_cli("--db", str(demo_db), "db", "restore")
    assert code == 1
    assert "打卡记录 25 条" in out and "导入批次 1 次" in out and "审计记录" in out
    assert "--yes" in err
    assert _people(demo_db) == people  # nothing restored without --yes
    code, out, _ = run_cli("--db", str(demo_db), "db", "restore", "--yes")
    assert code == 0 and "打卡记录 25 条" in out
    assert _people(demo_db) == people - 1
    # the restored state is the recorded head: no alarm afterwards
    assert run_cli("--db", str(demo_db), "db", "check")[0] == 0


def test_backups_after_an_import_and_at_close_bounded(demo_db: Path) -> None:
    from app.services import maintenance
    from app.storage import backup

    services = open_services(demo_db)
    try:
        for k in range(6):  # six imports: a backup after each, the newest four kept
            rows = [PunchRow("1", dt.datetime(2026, 11, 20 + k, 8, i), verify_mode=1)
                    for i in range(3)]
            services.punches.record_batch("usb", f"{k}.dat", "C1", rows)
        made = backup.list_backups(demo_db)
        imports = [p for p in made if "-import" in p.name]
        assert len(imports) == maintenance.SESSION_KEEP
        assert any("-daily" in p.name for p in made)  # the daily one is not pushed out
        services.roster.add(PersonFields(employee_no="N7", name="收尾"))
        services.maintenance.close_backup()  # what the window and the CLI do at close
    finally:
        services.close()
    newest = [p for p in backup.list_backups(demo_db) if "-close" in p.name]
    assert newest and _people(newest[0]) == _people(demo_db)  # the close backup has it all
    # a session that only reads makes no backup at close
    before = backup.list_backups(demo_db)
    assert run_cli("--db", str(demo_db), "settings", "show")[0] == 0
    assert backup.list_backups(demo_db) == before


def test_deleted_database_and_head_with_backups_left_is_found(demo_db: Path) -> None:
    assert run_cli("--db", str(demo_db), "db", "backup")[0] == 0
    demo_db.unlink()
    _drop_side_files(demo_db)
    head.head_path(demo_db).unlink(missing_ok=True)
    code, _, err = run_cli("--db", str(demo_db), "db", "check")
    assert code == 1 and "数据库文件不见了" in err
    assert not demo_db.exists() or demo_db.stat().st_size == 0


def test_accept_refuses_a_missing_file(demo_db: Path) -> None:
    _add(demo_db, "N1")
    demo_db.unlink()
    _drop_side_files(demo_db)
    code, _, err = run_cli("--db", str(demo_db), "db", "accept")
    assert code == 1 and "db restore" in err
    assert not demo_db.exists()
