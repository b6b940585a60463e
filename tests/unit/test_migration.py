"""Schema migrations never lose data and are preceded by a backup (SPEC Q2, DESIGN §4)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from app import config
from app.errors import DatabaseError
from app.services import Services
from app.storage.db import alembic_config, head_revision, migrate

pytestmark = pytest.mark.real_migrations  # every new file here runs Alembic

PERSON_0001_COLUMNS = ("id", "project_id", "employee_no", "name", "device_user_id", "role",
                       "phone", "id_card_no", "start_date", "end_date", "status", "nda_signed",
                       "nda_date", "training_done", "training_date", "note")
PEOPLE = [
    (1, 1, "HX1001", "周立群", "1", "项目经理", "13912345601", "11010519491231002X",
     "2025-01-06", None, "active", 1, "2025-01-03", 1, "2025-01-04", "组长"),
    (2, 1, "HX1002", "王子涵", None, "运维", "", "", None, None, "pending", 0, None, 0, None, ""),
    (5, 1, "0042", "李喆", "42", "网络及安全工程师", "010-12345678", "", "2024-03-01",
     "2026-06-30", "left", 1, "2024-02-28", 0, None, "多行\n备注"),
]


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def db_at_0001(db_path: Path) -> Path:
    """A database as version 0.0.1 left it, filled with plain SQL."""
    db_path.parent.mkdir(parents=True)
    migrate(db_path, target="0001")
    con = sqlite3.connect(db_path)
    try:
        con.execute("INSERT INTO project (id, name, client_dept) VALUES (1, '驻场项目', '信息科')")
        marks = ", ".join("?" * len(PERSON_0001_COLUMNS))
        con.executemany(f"INSERT INTO person ({', '.join(PERSON_0001_COLUMNS)}) "
                        f"VALUES ({marks})", PEOPLE)
        con.commit()
    finally:
        con.close()
    assert _rows(db_path, "SELECT version_num FROM alembic_version") == [("0001",)]
    return db_path


def _backups(db_path: Path, reason: str) -> list[Path]:
    folder = db_path.parent / "backups"
    return sorted(folder.glob(f"*-{reason}.db")) if folder.is_dir() else []


def test_upgrade_keeps_every_person_value(db_at_0001: Path, today: dt.date) -> None:
    """Q2: after 0001 → head every column of every person is unchanged."""
    Services.open(db_at_0001, today=today).close()
    cols = ", ".join(PERSON_0001_COLUMNS)
    assert _rows(db_at_0001, f"SELECT {cols} FROM person ORDER BY id") == PEOPLE
    assert _rows(db_at_0001, "SELECT first_work_date FROM person") == [(None,)] * 3
    assert _rows(db_at_0001, "SELECT name, client_dept FROM project") == [("驻场项目", "信息科")]


def test_upgraded_rows_read_back_through_the_services(db_at_0001: Path,
                                                      today: dt.date) -> None:
    services = Services.open(db_at_0001, today=today)
    try:
        people = {p.employee_no: p for p in services.roster.list_people()}
    finally:
        services.close()
    assert sorted(people) == ["0042", "HX1001", "HX1002"]
    zhou = people["HX1001"]
    assert (zhou.start_date, zhou.nda_signed, zhou.nda_date) == (dt.date(2025, 1, 6), True,
                                                                 dt.date(2025, 1, 3))
    assert people["0042"].note == "多行\n备注"


def test_upgrade_reaches_head_with_new_tables_and_sound_keys(db_at_0001: Path,
                                                             today: dt.date) -> None:
    Services.open(db_at_0001, today=today).close()
    assert _rows(db_at_0001, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    tables = {r[0] for r in _rows(db_at_0001,
                                  "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"attachment", "equipment_item", "person", "project", "audit_log"} <= tables
    assert _rows(db_at_0001, "PRAGMA foreign_key_check") == []


def test_upgrade_keeps_the_uniqueness_rules(db_at_0001: Path, today: dt.date) -> None:
    """A batch rebuild must not drop UNIQUE(project_id, employee_no)."""
    Services.open(db_at_0001, today=today).close()
    con = sqlite3.connect(db_at_0001)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("INSERT INTO person (project_id, employee_no, name) "
                        "VALUES (1, 'HX1001', '重复')")
    finally:
        con.close()


def test_pre_migration_backup_holds_the_old_database(db_at_0001: Path,
                                                     today: dt.date) -> None:
    """Q2: a backup is taken before migrating, and it is the 0001 database with its data."""
    Services.open(db_at_0001, today=today).close()
    backups = _backups(db_at_0001, "pre-migration")
    assert len(backups) == 1
    assert _rows(backups[0], "SELECT version_num FROM alembic_version") == [("0001",)]
    assert _rows(backups[0], "SELECT count(*) FROM person") == [(3,)]


def test_opening_a_database_already_at_head_makes_no_migration_backup(
        db_path: Path, today: dt.date) -> None:
    Services.open(db_path, today=today).close()  # created at head
    Services.open(db_path, today=today).close()  # opened again
    assert _backups(db_path, "pre-migration") == []
    assert _rows(db_path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]


def test_upgrade_that_leaves_dangling_keys_is_rolled_back(db_at_0001: Path,
                                                          today: dt.date) -> None:
    """DESIGN §4: FK check after migrating; on failure nothing of the upgrade is kept."""
    con = sqlite3.connect(db_at_0001)
    try:  # a person of a project that does not exist (foreign keys are off by default)
        con.execute("INSERT INTO person (id, project_id, employee_no, name) "
                    "VALUES (9, 99, 'X9', '孤儿')")
        con.commit()
    finally:
        con.close()
    with pytest.raises(DatabaseError, match="升级已撤销"):
        Services.open(db_at_0001, today=today)
    assert _rows(db_at_0001, "SELECT version_num FROM alembic_version") == [("0001",)]
    tables = {r[0] for r in _rows(db_at_0001,
                                  "SELECT name FROM sqlite_master WHERE type='table'")}
    assert "attachment" not in tables
    assert _rows(db_at_0001, "SELECT count(*) FROM person") == [(4,)]


# ---- the head revision -------------------------------------------------------------------
def _alembic_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_head_revision_agrees_with_alembic() -> None:
    """Start-up reads the head without importing Alembic; it must name the same revision."""
    assert head_revision() == _alembic_head()


def test_head_revision_sees_a_newly_generated_migration(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from alembic import command

    scripts = tmp_path / "migrations"
    shutil.copytree(config.migrations_dir(), scripts,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(config, "migrations_dir", lambda: scripts)
    command.revision(alembic_config(), message="next change", rev_id="0099")
    assert _alembic_head() == "0099"  # precondition: Alembic sees the new script
    assert head_revision() == "0099"
