"""Issue 19: many projects in one database, each command on the project ``--project`` names.

Two projects, A and B, in one database (SQLite here; on the PostgreSQL leg the same tests run
on a server database): the same device user ids and an employee number in both, the same real
USB export (tests read $ONSITEDESK_SHARED/zk-samples) imported into each. A's roster, punches,
leave, scores and service log never show in B and the other way round, and B's month is the
month the same data gives in a database of its own. ``--project`` picks, its errors name the
codes; codes are checked on edit; a site package's copy is read-only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from app import strings
from app.domain.leave import AM, PM, Span
from app.errors import AccessDenied, AppError, ValidationError
from app.services import Services
from app.services.project import add_project, select_project
from app.storage.db import server_anchor
from app.storage.tables import Project
from tests.helpers.cli import run_cli, run_error, run_json
from tests.helpers.clock import fixed_clock
from tests.helpers.samples import shared_sample
from tests.unit.unit_helpers import write_xlsx

SAMPLE = "zk-samples/repowahyuillahi_solution-cloud_attlog.dat"  # 18 clock users, 2026-04/05
MONTH = "2026-04"
A, B = "HZ-A01", "NB-B02"


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``--db postgresql+psycopg://…`` run anchors its data folder in the user data folder:
    here a temporary one."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ONSITEDESK_DB", raising=False)


@pytest.fixture
def new_db(request: pytest.FixtureRequest, backend: str,
           tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Makes an empty database on the backend: a file path or a server URL (``--db``)."""
    made: list[str] = []
    pg: Any = request.getfixturevalue("pg_databases") if backend == "postgresql" else None

    def make(name: str) -> str:
        if pg is None:
            return str(tmp_path / name / "onsitedesk.db")
        made.append(pg.empty())
        return str(pg.url_of(made[-1]))

    yield make
    for name in made:
        pg.drop(name)


def open_on(db: str, project: str | None = None) -> Services:
    server = db if db.startswith("postgresql") else None
    anchor = server_anchor(db) if server else Path(db)
    return Services.open(anchor, clock=fixed_clock(), server=server, project=project)


def with_projects(db: str, *projects: tuple[str, str]) -> None:
    services = open_on(db)
    try:
        for code, name in projects:
            add_project(services.db, code, name)
    finally:
        services.close()


def roster(folder: Path, rows: list[tuple[str, str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_xlsx(folder / "roster.xlsx", [
        ["工号", "姓名", "考勤号", "入职日期"],
        *[[no, name, device, "2026-01-05"] for no, name, device in rows]])


ROSTER_A = [("E1", "张三", "10021"), ("E2", "李四", "24387")]
ROSTER_B = [("E1", "王五", "10021"), ("E3", "赵六", "24388")]  # E1 and clock user 10021 again


def load_site(db: str, code: str, rows: list[tuple[str, str, str]], folder: Path) -> dict[str, Any]:
    """Roster import and the USB export into project ``code``; the import's JSON."""
    imported = run_json("--db", db, "--project", code, "roster", "import", roster(folder, rows))
    assert (imported["imported"], imported["rejected"]) == (len(rows), 0)
    usb = run_json("--db", db, "--project", code, "import", "usb", shared_sample(SAMPLE))
    return dict(usb)


def month(db: str, code: str | None) -> dict[str, Any]:
    extra = ("--project", code) if code else ()
    return dict(run_json("--db", db, *extra, "month", MONTH))


def test_two_projects_in_one_database_see_only_their_own_rows(
        new_db: Callable[[str], str], tmp_path: Path) -> None:
    db = new_db("company")
    with_projects(db, (A, "甲医院运维项目"), (B, "乙政务中心运维项目"))
    usb_a = load_site(db, A, ROSTER_A, tmp_path / "a")
    usb_b = load_site(db, B, ROSTER_B, tmp_path / "b")
    # the same clock rows are new in each project: a punch's identity includes its project
    assert usb_a["new"] > 0 and usb_b["new"] == usb_a["new"], (usb_a, usb_b)
    # leave, a score incident and a service record for A only
    leave = run_json("--db", db, "--project", A, "leave", "add", "--emp", "E1", "--type",
                     "personal_leave", "--start", "2026-04-14", "--end", "2026-04-15")
    assert run_cli("--db", db, "--project", A, "leave", "approve", str(leave["id"]),
                   "--by", "经理").code == 0
    assert run_cli("--db", db, "--project", A, "incident", "add", "--emp", "E2", "--rule",
                   "smoking", "--at", "2026-04-20 10:00").code == 0
    assert run_cli("--db", db, "--project", A, "service", "add", "--type", "fault", "--source",
                   "phone", "--dept", "急诊科", "--reported-at", "2026-04-21 09:00",
                   "--staff", "E1", "--location", "急诊科", "--content", "打印机卡纸",
                   "--json").code == 0

    month_a, month_b = month(db, A), month(db, B)
    names = {p["employee_no"]: p["name"] for p in month_a["people"]}
    assert names == {"E1": "张三", "E2": "李四"}
    assert {p["employee_no"]: p["name"] for p in month_b["people"]} == {"E1": "王五",
                                                                        "E3": "赵六"}
    a_e1 = next(p for p in month_a["people"] if p["employee_no"] == "E1")
    b_e1 = next(p for p in month_b["people"] if p["employee_no"] == "E1")
    assert a_e1["leave_days"] == {"personal_leave": 2.0}
    assert b_e1["leave_days"] == {}  # A's leave of "E1" is not B's "E1"
    # an id of A's row is unknown in B: nothing of A is approved, cancelled or printed there
    pending = run_json("--db", db, "--project", A, "leave", "add", "--emp", "E2", "--type",
                       "personal_leave", "--start", "2026-04-22", "--end", "2026-04-22")
    refused = run_error("--db", db, "--project", B, "leave", "approve", str(pending["id"]),
                        "--by", "经理")
    assert str(pending["id"]) in refused, refused
    states = {r["id"]: r["state"] for r in run_json("--db", db, "--project", A, "leave", "list")}
    assert states == {leave["id"]: "approved", pending["id"]: pending["state"]}
    assert pending["state"] != "approved"
    # the lists of one project never hold the other's rows
    assert [r["id"] for r in run_json("--db", db, "--project", B, "leave", "list")] == []
    assert len(run_json("--db", db, "--project", A, "leave", "list")) == 2
    scores_a = run_json("--db", db, "--project", A, "scores", MONTH)
    scores_b = run_json("--db", db, "--project", B, "scores", MONTH)
    assert "smoking" in json.dumps(scores_a) and "smoking" not in json.dumps(scores_b)
    service_b = run_json("--db", db, "--project", B, "service", "month", MONTH)
    service_a = run_json("--db", db, "--project", A, "service", "month", MONTH)
    assert len(service_a["records"]) == 1 and service_b["records"] == []

    # B's month is what the same data gives in a database of its own
    alone = new_db("alone")
    with_projects(alone, (B, "乙政务中心运维项目"))
    load_site(alone, B, ROSTER_B, tmp_path / "alone")
    assert json.dumps(month(alone, None), sort_keys=True) == json.dumps(month_b, sort_keys=True)

    listed = run_json("--db", db, "projects")
    assert [(p["code"], p["name"], p["people"]) for p in listed] == [
        (A, "甲医院运维项目", 2), (B, "乙政务中心运维项目", 2)]
    assert [p["data_through"] for p in listed] == ["2026-05-18", "2026-05-18"]  # the newest
    assert run_json("--db", alone, "projects")[0]["code"] == B
    table = run_cli("--db", db, "projects")
    assert table.code == 0 and A in table.out and "乙政务中心运维项目" in table.out


def test_project_is_chosen_by_code_and_refused_when_unknown_or_ambiguous(
        new_db: Callable[[str], str]) -> None:
    db = new_db("choose")
    # an empty database: project 1, as before; a one-project database needs no --project
    empty = open_on(db)
    try:
        assert select_project(empty.db, None) == 1
    finally:
        empty.close()
    with_projects(db, (A, "甲医院运维项目"))
    assert run_json("--db", db, "month", MONTH)["people"] == []
    with_projects(db, (B, "乙政务中心运维项目"))
    assert run_json("--db", db, "projects") == [  # no --project needed; nothing imported yet
        {"code": A, "name": "甲医院运维项目", "people": 0, "data_through": None,
         "origin": "local"},
        {"code": B, "name": "乙政务中心运维项目", "people": 0, "data_through": None,
         "origin": "local"}]

    missing = run_error("--db", db, "month", MONTH)
    assert "--project" in missing and A in missing and B in missing
    assert "乙政务中心运维项目" in missing
    unknown = run_error("--db", db, "--project", "XX-9", "month", MONTH)
    assert "XX-9" in unknown and A in unknown and B in unknown
    # the code is case-insensitive; a command honours it
    assert run_json("--db", db, "--project", B.lower(), "month", MONTH)["people"] == []
    services = open_on(db, B)
    try:
        assert services.project.get().code == B
        assert services.use_project(A) == select_project(services.db, A)
        assert services.project.get().name == "甲医院运维项目"
    finally:
        services.close()


def test_project_codes_are_checked_upper_cased_and_unique(new_db: Callable[[str], str]) -> None:
    db = new_db("codes")
    with_projects(db, (A, "甲医院运维项目"), (B, "乙政务中心运维项目"))
    services = open_on(db, A)
    try:
        dto, _ = services.project.update(code=" hz-a01-new ")
        assert dto.code == "HZ-A01-NEW"
        with pytest.raises(ValidationError) as taken:
            services.project.update(code=B.lower())
        assert B in taken.value.message and "乙政务中心运维项目" in taken.value.message
        for bad in ("-AB", "A", "中文", "A B", "X" * 33):
            with pytest.raises(ValidationError) as wrong:
                services.project.update(code=bad)
            assert "项目代码" in wrong.value.message
        assert services.project.get().code == "HZ-A01-NEW"
        with pytest.raises(ValidationError):
            add_project(services.db, B, "重复")
    finally:
        services.close()


def test_a_site_copy_is_read_only_at_head_office(new_db: Callable[[str], str],
                                                 tmp_path: Path) -> None:
    db = new_db("office")
    with_projects(db, (A, "甲医院运维项目"), (B, "乙政务中心运维项目"))
    load_site(db, B, ROSTER_B, tmp_path / "b")
    with pytest.raises(AppError):  # two projects: one must be named
        open_on(db)
    services = open_on(db, A)
    try:
        with services.db.transaction() as s:
            s.execute(update(Project).where(Project.code == B).values(origin="site"))
    finally:
        services.close()
    site = open_on(db, B)
    try:
        before = site.roster.list_people()
        assert [p.employee_no for p in before] == ["E1", "E3"]  # reads work
        with pytest.raises(AccessDenied) as refused:
            site.leave.add(before[0].id, "personal_leave", _span(),
                           dt.datetime(2026, 4, 13, 9, 0), None)
        assert refused.value.message == strings.PRJ_SITE_READ_ONLY.format(
            code=B, name="乙政务中心运维项目")
        assert "现场" in refused.value.message and "只读" in refused.value.message
        with pytest.raises(AccessDenied):
            site.project.update(name="改名")
    finally:
        site.close()
    err = run_error("--db", db, "--project", B, "leave", "add", "--emp", "E1", "--type",
                    "personal_leave", "--start", "2026-04-14", "--end", "2026-04-15")
    assert "只读" in err and B in err
    # project A stays writable
    assert run_cli("--db", db, "--project", A, "roster", "import",
                   roster(tmp_path / "a", ROSTER_A), "--json").code == 0


def _span() -> Span:
    day = dt.date(2026, 4, 14)
    return Span(day, AM, day, PM)
