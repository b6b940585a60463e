"""Issue 19: the same code on a real PostgreSQL server (the PostgreSQL leg of CI).

Skipped without a server (``ONSITEDESK_TEST_PG_URL``; ``tests/pg/server.sh run -- pytest …``
starts one). Each test gets its own database(s) on the server (tests/helpers/pg.py).

- migrations 0001→head run on an empty PostgreSQL database (0013–0016 included) and leave
  the schema SQLAlchemy's models describe; a second open migrates nothing;
- one scenario through the command line -- roster import, USB import, leave, month -- gives
  byte-identical ``month --json`` (and ``leave list --json``) on SQLite and PostgreSQL, and
  ``audit verify`` passes on both; so does the demo site;
- the SQLite-only commands (``db check/backup/restore/accept``) refuse a server database with
  one Chinese line; a server that cannot be reached is one Chinese line without the password;
- a viewer's transaction on PostgreSQL is READ ONLY: raw SQL is refused by the server.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from app.storage.db import head_revision
from app.storage.tables import Base
from tests.helpers.cli import run_cli, run_error, run_json
from tests.helpers.db import DEMO_TODAY, DatabaseTemplates, copy_database
from tests.helpers.pg import PgDatabases, open_pg_services
from tests.unit.unit_helpers import valid_id, write_xlsx

pytestmark = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``--db postgresql+psycopg://…`` run anchors its data folder in the user data folder:
    here a temporary one."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ONSITEDESK_DB", raising=False)


@pytest.fixture
def pg_db(pg_databases: PgDatabases) -> Iterator[str]:
    """The URL of a new, empty database on the test server."""
    name = pg_databases.empty()
    try:
        yield pg_databases.url_of(name)
    finally:
        pg_databases.drop(name)


def _scenario_files(folder: Path) -> tuple[Path, Path]:
    """A roster of three and a month of USB punches: on time, late, one leaving early, a
    missed day."""
    roster = write_xlsx(folder / "roster.xlsx", [
        ["工号", "姓名", "考勤号", "入职日期", "手机号", "身份证号"],
        ["A1", "张三", "1", "2026-01-05", "13800138000", valid_id("11010519491231002")],
        ["A2", "李四", "2", "2026-11-10", None, None],
        ["A3", "王五", "3", "2025-03-01", None, None],
    ])
    times = {"1": ("08:25", "12:03", "13:52", "17:41"), "2": ("08:41", "12:01", "13:58", "17:35"),
             "3": ("08:20", "12:00", "13:50", "17:10")}
    lines = []
    for d in range(2, 28):
        day = dt.date(2026, 11, d)
        if day.weekday() >= 5 or (d == 12):
            continue
        for uid, hours in times.items():
            lines += [f"{uid}\t{day} {hm}:00\t1\t0\t1\t0\n" for hm in hours]
    attlog = folder / "1_attlog.dat"
    attlog.write_text("".join(lines), encoding="utf-8")
    return roster, attlog


def _run_scenario(db: str | Path, roster: Path, attlog: Path) -> dict[str, object]:
    imported = run_json("--db", db, "roster", "import", roster)
    assert (imported["imported"], imported["rejected"]) == (3, 0)
    assert run_cli("--db", db, "import", "usb", attlog).code == 0
    leave = run_json("--db", db, "leave", "add", "--emp", "A1", "--type", "personal_leave",
                     "--start", "2026-11-16", "--end", "2026-11-17")
    assert run_cli("--db", db, "leave", "approve", str(leave["id"]), "--by", "经理").code == 0
    verify = run_json("--db", db, "audit", "verify")
    assert verify["ok"], verify
    return {"month": run_json("--db", db, "month", "2026-11"),
            "leave": run_json("--db", db, "leave", "list"),
            "verify_rows": verify["rows"]}


def test_migrations_run_from_0001_to_head_on_postgresql(pg_db: str, tmp_path: Path) -> None:
    services = open_pg_services(pg_db, tmp_path / "a" / "onsitedesk.db")
    services.close()
    engine = create_engine(pg_db)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version"
                                        ).scalar() == head_revision()
            tables = set(inspect(conn).get_table_names())
            assert tables == set(Base.metadata.tables) | {"alembic_version"}
            # 0016's month anchor and 0015's PII columns are there
            columns = {c["name"] for c in inspect(conn).get_columns("person")}
            assert {"phone", "id_card_no"} <= columns
            holidays = conn.exec_driver_sql("SELECT COUNT(*) FROM holiday_day").scalar()
            assert holidays and holidays > 0  # seeded by the first open
            # migration 0013's follow-up (SQLite's VACUUM) is not left pending
            assert conn.execute(text("SELECT COUNT(*) FROM db_meta WHERE key = 'audit_scrub'")
                                ).scalar() == 0
    finally:
        engine.dispose()
    again = open_pg_services(pg_db, tmp_path / "a" / "onsitedesk.db")
    try:
        assert again.maintenance.verify_audit().ok
    finally:
        again.close()


def test_the_same_scenario_gives_the_same_month_on_sqlite_and_postgresql(
        pg_db: str, tmp_path: Path) -> None:
    roster, attlog = _scenario_files(tmp_path)
    on_sqlite = _run_scenario(tmp_path / "site" / "onsitedesk.db", roster, attlog)
    on_pg = _run_scenario(pg_db, roster, attlog)
    people = on_sqlite["month"]["people"]  # type: ignore[index]
    assert [p["employee_no"] for p in people] == ["A1", "A2", "A3"]
    assert people[1]["late_count"] > 0 and people[2]["early_count"] > 0
    assert people[0]["leave_days"] == {"personal_leave": 2.0}
    assert json.dumps(on_pg, sort_keys=True) == json.dumps(on_sqlite, sort_keys=True)


def test_the_demo_site_is_the_same_on_both(pg_databases: PgDatabases, tmp_path: Path,
                                          db_templates: DatabaseTemplates) -> None:
    sqlite_db = copy_database(db_templates.demo(), tmp_path / "demo" / "onsitedesk.db")
    name = pg_databases.copy(pg_databases.demo(DEMO_TODAY))
    try:
        url = pg_databases.url_of(name)
        for argv in (("month", "2026-11"), ("month", "2026-10"), ("leave", "list"),
                     ("scores", "2026-11")):
            assert run_json("--db", url, *argv) == run_json("--db", sqlite_db, *argv), argv
        assert run_json("--db", url, "audit", "verify")["ok"]
    finally:
        pg_databases.drop(name)


def test_an_old_trail_with_clear_numbers_is_masked_by_0013_on_postgresql(
        pg_db: str, tmp_path: Path) -> None:
    """A server database at 0011 whose trail holds an ID and a phone number in clear: the
    migrations up to head mask them (0013), re-chain the trail (verify passes), record the
    re-chain, and the follow-up (VACUUM FULL instead of SQLite's VACUUM) leaves no flag."""
    from app.storage import audit
    from app.storage.db import migrate_server, server_engine
    from tests.helpers.clock import fixed_clock

    phone, id_no = "13912345601", "11010519491231002X"
    person = {"id": 1, "project_id": 1, "employee_no": "HX1", "name": "甲", "phone": phone,
              "id_card_no": id_no, "status": "active"}
    engine = server_engine(pg_db)
    try:
        migrate_server(engine, "0011")
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO project (id, name, client_dept) "
                                 "VALUES (1, '驻场项目', '信息科')")
            audit.record(conn, "old", "insert", "project", "1", None, {"id": 1}, fixed_clock())
            conn.execute(text(
                "INSERT INTO person (id, project_id, employee_no, name, device_user_id, role, "
                "phone, id_card_no, status, nda_signed, training_done, note) VALUES (1, 1, "
                "'HX1', '甲', '7', '', :p, :i, 'active', false, false, '')"),
                {"p": phone, "i": id_no})
            audit.record(conn, "old", "insert", "person", "1", None, person, fixed_clock())
    finally:
        engine.dispose()
    services = open_pg_services(pg_db, tmp_path / "old" / "onsitedesk.db")
    try:
        assert services.maintenance.verify_audit().ok
        with services.db.read() as s:
            trail = " ".join(str(r) for r in s.execute(text(
                "SELECT before, after FROM audit_log")))
            actions = [r[0] for r in s.execute(text("SELECT action FROM audit_log"))]
            pending = s.execute(text("SELECT COUNT(*) FROM db_meta WHERE key = 'audit_scrub'"
                                     )).scalar()
        assert phone not in trail and id_no not in trail
        assert "rechained" in actions and pending == 0
    finally:
        services.close()


def test_demo_on_a_server_writes_the_site_there_and_no_file(pg_db: str, tmp_path: Path
                                                            ) -> None:
    out = run_cli("--db", pg_db, "demo")
    assert out.code == 0 and "127.0.0.1" in out.out, out
    assert run_json("--db", pg_db, "month", "2026-11")["people"]
    assert not list((tmp_path / "xdg").rglob("*.db"))  # nothing written beside it
    assert run_cli("--db", pg_db, "demo").code == 1  # not on a database with a roster


def test_a_server_gone_during_the_session_is_a_chinese_error(pg_databases: PgDatabases,
                                                              tmp_path: Path) -> None:
    from app.domain.roster import PersonFields
    from app.errors import DatabaseError

    name = pg_databases.copy(pg_databases.migrated())
    services = open_pg_services(pg_databases.url_of(name), tmp_path / "g" / "onsitedesk.db")
    try:
        pg_databases.drop(name)  # WITH (FORCE): the session's connection is cut
        with pytest.raises(DatabaseError) as err:
            services.roster.add(PersonFields(employee_no="E1", name="甲"))
        assert err.value.message.startswith("无法连接 PostgreSQL 数据库")
    finally:
        services.close()


@pytest.mark.parametrize("argv", [("db", "check"), ("db", "backup"), ("db", "restore"),
                                  ("db", "accept")])
def test_sqlite_only_commands_refuse_a_server_database(pg_db: str, argv: tuple[str, ...]
                                                       ) -> None:
    err = run_error("--db", pg_db, *argv)
    assert "不适用于 PostgreSQL" in err and "SQLite" in err


def test_an_unreachable_server_is_one_chinese_line_without_the_password(
        pg_databases: PgDatabases) -> None:
    url = pg_databases.url.set(drivername="postgresql+psycopg", password="s3cret-pw",
                               port=1, database="nowhere").render_as_string(hide_password=False)
    err = run_error("--db", url, "month", "2026-11")
    assert "无法连接 PostgreSQL 数据库" in err and "s3cret-pw" not in err


def test_a_viewer_cannot_write_raw_sql_on_postgresql(pg_db: str, tmp_path: Path) -> None:
    from app.errors import AccessDenied
    from app.security.principal import VIEWER, Principal

    services = open_pg_services(pg_db, tmp_path / "v" / "onsitedesk.db")
    try:
        services.db.principal = Principal("kan", "看看", VIEWER)
        with pytest.raises(AccessDenied), services.db.transaction() as s:
            s.connection().exec_driver_sql("DELETE FROM holiday_day")
        with services.db.read() as s:
            assert s.connection().exec_driver_sql("SELECT COUNT(*) FROM holiday_day").scalar()
    finally:
        services.close()


# ---- without a server (these run on the SQLite leg too) ------------------------------------------
def test_a_server_url_is_told_from_a_file_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.storage.db import is_server_url, server_anchor, server_name, server_url_of

    url = "postgresql+psycopg://hq:pw-123@db.example:5433/company"
    assert is_server_url(url) and is_server_url("postgresql://x@h/d")
    assert not is_server_url("C:/data/onsitedesk.db") and not is_server_url(Path("postgresql"))
    assert not is_server_url("mysql://x@h/d")
    assert server_name(url) == "postgresql+psycopg://hq:***@db.example:5433/company"
    assert server_url_of(None) is None
    monkeypatch.setenv("ONSITEDESK_DB", url)
    assert server_url_of(None) == url and server_url_of("/tmp/x.db") is None
    anchor = server_anchor(url)
    assert "pw-123" not in str(anchor) and anchor.parent.parent.name == "servers"


def test_restore_and_accept_refuse_a_server_url_before_touching_anything(
        tmp_path: Path) -> None:
    url = "postgresql+psycopg://hq:pw-123@127.0.0.1:1/company"
    for argv in (("db", "restore", "--yes"), ("db", "accept")):
        err = run_error("--db", url, *argv)
        assert "不适用于 PostgreSQL" in err and "pw-123" not in err
    assert not (tmp_path / "xdg").exists()  # no folder made for it
