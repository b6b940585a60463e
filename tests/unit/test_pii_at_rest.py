"""encrypt_existing (issue 18): after it, no full ID or phone number of anyone is left in the
bytes of the database, its WAL or any backup; backups stay restore points; a backup that
cannot be processed is reported."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from app import strings
from app.security.keys import KeySet
from app.security.principal import ADMIN, Principal
from app.services.privacy import encrypt_existing
from app.storage import audit, audit_data, backup
from app.storage.db import migrate
from tests.helpers.db import DEMO_TODAY, open_services

ADMIN_P = Principal("admin", "王管理", ADMIN)


def _numbers(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [v for row in con.execute("SELECT phone, id_card_no FROM person")
                for v in row if v]
    finally:
        con.close()


def _meta_key(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("SELECT value FROM db_meta WHERE key = 'audit_key'")
                   .fetchone()[0])
    finally:
        con.close()


def _old_schema_backup(folder: Path, stem: str, phone: str, id_card: str) -> Path:
    """A backup made before migration 0015 (the pre-migration backup of an upgrade)."""
    path = folder / f"{stem}-20261101-080000-pre-migration.db"
    migrate(path, "0012")
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO project (id, name) VALUES (1, '旧项目')")
        con.execute("INSERT INTO person (project_id, employee_no, name, phone, id_card_no, "
                    "status, nda_signed, training_done, note) "
                    "VALUES (1, 'OLD1', '旧人员', ?, ?, 'active', 0, 0, '')", (phone, id_card))
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return path


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _found(files: list[Path], numbers: list[str]) -> list[tuple[str, str]]:
    hits = []
    for f in files:
        data = f.read_bytes()
        hits += [(f.name, n[-4:]) for n in numbers if n.encode("ascii") in data]
    return hits


@pytest.fixture
def site(demo_db: Path) -> Path:
    folder = backup.backup_dir(demo_db)
    folder.mkdir(parents=True, exist_ok=True)
    noon = dt.datetime.combine(DEMO_TODAY, dt.time(12))
    backup.make_backup(demo_db, "daily", now=noon - dt.timedelta(days=1))
    backup.make_backup(demo_db, "session", now=noon)
    return demo_db


def test_no_number_survives_in_the_file_the_wal_or_any_backup(site: Path) -> None:
    numbers = _numbers(site)
    assert len(numbers) == 18  # the demo site: 9 people, each with a phone and an ID number
    _old_schema_backup(backup.backup_dir(site), site.stem, numbers[0], numbers[1])
    old_key = _meta_key(site)
    before = _files(site.parent)
    assert {n for _f, n in _found(before, numbers)} == {n[-4:] for n in numbers}

    services = open_services(site, today=DEMO_TODAY, daily_backup=False)
    keys = KeySet(os.urandom(32))
    services.db.keys, services.db.principal = keys, ADMIN_P
    try:
        report = encrypt_existing(services.db, keys)
        assert (report.people, len(report.backups_done), report.backups_failed) == (9, 3, [])
        assert report.ok and report.clear_audit_rows == 0
        assert report.messages() == [strings.PII_ENCRYPTED.format(people=9, backups=3)]
        # the live file and its WAL while the database is still open
        files = _files(site.parent)
        assert _found(files, numbers) == []
        people = services.roster.list_people()
        assert len(people) == 9 and all("*" in p.id_card_no for p in people)
        assert {services.roster.reveal(p.id).phone for p in people} <= set(numbers)
        with services.db.read() as s:
            assert audit.verify(s.connection()).ok and audit_data.check(s).ok
    finally:
        services.close()
    files = _files(site.parent)
    assert _found(files, numbers) == []
    assert old_key.encode("ascii") not in b"".join(f.read_bytes() for f in files)
    assert not list(backup.backup_dir(site).glob("*.part*"))


def test_a_file_a_restore_set_aside_is_encrypted_too(site: Path) -> None:
    numbers = _numbers(site)
    aside = site.with_name(f"{site.stem}-broken-20261120-090000{site.suffix}")
    shutil.copyfile(site, aside)
    services = open_services(site, today=DEMO_TODAY, daily_backup=False)
    keys = KeySet(os.urandom(32))
    try:
        report = encrypt_existing(services.db, keys)
    finally:
        services.close()
    assert aside in report.backups_done
    assert _found([aside], numbers) == []


def test_backups_stay_restore_points_with_a_whole_trail(site: Path, tmp_path: Path) -> None:
    numbers = _numbers(site)
    _old_schema_backup(backup.backup_dir(site), site.stem, numbers[0], numbers[1])
    names = sorted(p.name for p in backup.list_backups(site))
    services = open_services(site, today=DEMO_TODAY, daily_backup=False)
    keys = KeySet(os.urandom(32))
    services.db.keys, services.db.principal = keys, ADMIN_P
    try:
        encrypt_existing(services.db, keys)
    finally:
        services.close()
    assert sorted(p.name for p in backup.list_backups(site)) == names
    for i, b in enumerate(backup.list_backups(site)):
        copy = tmp_path / f"r{i}" / "onsitedesk.db"
        copy.parent.mkdir()
        shutil.copyfile(b, copy)
        restored = open_services(copy, today=DEMO_TODAY, daily_backup=False)
        restored.db.keys, restored.db.principal = keys, ADMIN_P
        try:
            people = restored.roster.list_people()
            assert people and all("*" in p.phone for p in people if p.phone)
            full = {restored.roster.reveal(p.id).id_card_no for p in people}
            assert full <= set(numbers)
            with restored.db.read() as s:
                assert audit.verify(s.connection()).ok
                if "pre-migration" not in b.name:  # its rows were written without the app
                    assert audit_data.check(s).ok
        finally:
            restored.close()


def test_a_backup_that_cannot_be_processed_is_reported_and_kept(site: Path) -> None:
    bad = backup.backup_dir(site) / f"{site.stem}-20261102-080000-daily.db"
    bad.write_bytes(b"not a database at all " * 100)
    services = open_services(site, today=DEMO_TODAY, daily_backup=False)
    keys = KeySet(os.urandom(32))
    services.db.keys, services.db.principal = keys, ADMIN_P
    try:
        report = encrypt_existing(services.db, keys)
        again = encrypt_existing(services.db, keys)
    finally:
        services.close()
    assert not report.ok
    assert [p for p, _why in report.backups_failed] == [bad]
    assert len(report.backups_done) == 2
    [line] = [m for m in report.messages() if bad.name in m]
    assert line.startswith(f"备份 {bad.name} 无法加密处理")
    assert bad.read_bytes() == b"not a database at all " * 100  # said, not silently dropped
    assert not list(backup.backup_dir(site).glob("*.part*"))
    assert again.people == 0  # nothing left to encrypt the second time


def test_old_clear_audit_rows_are_counted(site: Path) -> None:
    services = open_services(site, today=DEMO_TODAY, daily_backup=False)
    keys = KeySet(os.urandom(32))
    try:
        with services.db.transaction("旧版本") as s:  # a row as written before issue 17
            audit.record(s.connection(), "旧版本", "update", "person", "1",
                         {"phone": "13912345601"}, {"phone": "13912345601"})
        report = encrypt_existing(services.db, keys)
    finally:
        services.close()
    assert report.clear_audit_rows == 1
    assert strings.PII_CLEAR_AUDIT_ROWS.format(n=1) in report.messages()


def test_a_reader_holding_the_wal_is_reported(site: Path) -> None:
    services = open_services(site, today=DEMO_TODAY, daily_backup=False)
    keys = KeySet(os.urandom(32))
    reader = sqlite3.connect(site)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM person").fetchone()  # a read transaction open
        report = encrypt_existing(services.db, keys)
    finally:
        reader.close()
        services.close()
    assert report.checkpoint_busy and not report.ok
    assert strings.PII_CHECKPOINT_BUSY in report.messages()
