"""Roster import from Excel/CSV (SPEC R2): valid rows go in, bad rows are listed with their
Excel row, column and reason, and a cancel changes nothing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from unit_helpers import roster_rows, valid_id, write_xlsx

from app import strings
from app.domain.roster import PersonFields
from app.errors import Cancelled, ImportFileError
from app.services import Services
from app.storage.tables import AuditLog

GOOD_ID = valid_id("11010519491231002")  # …002X
BAD_ID = GOOD_ID[:17] + "1"  # check char should be X

# Row 1: a merged-looking title; row 2: the header, shuffled, with a column nobody knows.
HEADER = ["姓名", "籍贯", "状态", "工号", "入场日期", "身份证号", "考勤号", "电话"]
MIXED_ROWS: list[list[object] | None] = [
    ["驻场人员花名册（2026 年 11 月）"],
    HEADER,
    # 3: good; 工号/考勤号/电话 typed as numbers, date as a real date cell
    ["张三", "江苏", "在岗", 1001, dt.date(2026, 3, 1), GOOD_ID, 1, 13812345678],
    # 4: good; date as text, status 待入场
    ["李四", None, "待入场", 1002, "2026/12/1", None, 2, "13900000002"],
    # 5: 工号 1001 again (row 3 has it)
    ["王五", None, "已离场", 1001, "2026-01-05", None, 3, None],
    # 6: impossible date
    ["赵六", None, "在岗", 1003, "2026-02-30", None, 4, None],
    # 7: ID checksum wrong
    ["钱七", None, "在岗", 1004, None, BAD_ID, 5, None],
    # 8: no name
    [None, None, "在岗", 1005, None, None, 6, None],
    # 9: 工号 already in the database
    ["孙九", None, "在岗", 9001, None, None, 7, None],
    # 10: unknown status
    ["周十", None, "休假", 1006, None, None, 8, None],
    # 11: good; a datetime cell and the 交接中 label
    ["吴十一", None, "交接中", 1007, dt.datetime(2026, 3, 2, 0, 0), None, 9, None],
    None,  # 12: an empty row is skipped, not counted
    # 13: good; Chinese date text
    ["郑十三", None, "在岗", "1008", "2026年3月3日", None, 10, None],
]


def expected_problems() -> list[tuple[int, str, str]]:
    return [
        (5, "工号", strings.R_DUP_EMPLOYEE_NO_FILE.format(no="1001", row=3)),
        (6, "入场日期", strings.R_BAD_DATE.format(value="2026-02-30")),
        (7, "身份证号", strings.R_BAD_ID_CHECKSUM.format(expected="X", value=BAD_ID)),
        (8, "姓名", strings.R_EMPTY_NAME),
        (9, "工号", strings.R_DUP_EMPLOYEE_NO_DB.format(no="9001", name="老员工")),
        (10, "状态", strings.R_BAD_STATUS.format(value="休假")),
    ]


@pytest.fixture
def mixed_file(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "花名册.xlsx", MIXED_ROWS)


@pytest.fixture
def with_veteran(services: Services) -> Services:
    """A database that already has 工号 9001."""
    services.roster.add(PersonFields(employee_no="9001", name="老员工", device_user_id="900"))
    return services


def _problems(items: object) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.reason) for p in items]  # type: ignore[attr-defined]


def _audit_rows(services: Services) -> int:
    with services.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditLog)) or 0)


class CancelAfter:
    """A Progress whose cancel button is pressed after ``n`` reported rows."""

    def __init__(self, n: int) -> None:
        self.n, self.reports = n, 0

    def report(self, done: int, total: int, text: str = "") -> None:
        self.reports += 1

    def cancelled(self) -> bool:
        return self.reports >= self.n


# ---- plan / commit -----------------------------------------------------------------------
def test_plan_lists_each_bad_row_with_excel_row_column_and_reason(
        with_veteran: Services, mixed_file: Path, today: dt.date) -> None:
    """R2: the report names the Excel row (header counted), the Chinese column, the reason."""
    plan = with_veteran.roster_io.plan(mixed_file, today=today)
    assert plan.read == 10
    assert plan.rejected == 6
    assert [row for row, _ in plan.valid] == [3, 4, 11, 13]
    assert _problems(plan.problems) == expected_problems()
    assert with_veteran.roster.count() == 1  # planning writes nothing


def test_commit_writes_exactly_the_valid_rows_with_their_values(
        with_veteran: Services, mixed_file: Path, today: dt.date) -> None:
    """R2: ids typed as numbers stay text ("1001", not "1001.0"); labels become codes."""
    plan = with_veteran.roster_io.plan(mixed_file, today=today)
    result, changes = with_veteran.roster_io.commit(plan)
    assert (result.read, result.imported, result.rejected) == (10, 4, 6)
    assert changes.roster
    people = {p.employee_no: p for p in with_veteran.roster.list_people()}
    assert sorted(people) == ["1001", "1002", "1007", "1008", "9001"]

    zhang = people["1001"]
    assert (zhang.name, zhang.device_user_id, zhang.phone) == ("张三", "1", "13812345678")
    assert zhang.id_card_no == GOOD_ID
    assert (zhang.start_date, zhang.status) == (dt.date(2026, 3, 1), "active")
    li = people["1002"]
    assert (li.start_date, li.status, li.phone) == (dt.date(2026, 12, 1), "pending",
                                                    "13900000002")
    assert (people["1007"].start_date, people["1007"].status) == (dt.date(2026, 3, 2),
                                                                  "handover")
    assert people["1008"].start_date == dt.date(2026, 3, 3)
    assert people["9001"].name == "老员工"  # the existing person was not overwritten


def test_import_file_gives_the_same_result_as_plan_and_commit(
        with_veteran: Services, mixed_file: Path, today: dt.date) -> None:
    result, _ = with_veteran.roster_io.import_file(mixed_file, today=today)
    assert (result.read, result.imported, result.rejected) == (10, 4, 6)
    assert _problems(result.problems) == expected_problems()
    assert with_veteran.roster.count() == 5
    data = result.as_json()
    assert data["problems"][0] == {"row": 5, "column": "工号",
                                   "reason": expected_problems()[0][2]}


def test_status_defaults_from_the_dates_when_the_column_is_missing(
        services: Services, tmp_path: Path, today: dt.date) -> None:
    """No 状态 column: future start → 待入场, past end → 已离场, otherwise 在岗."""
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["工号", "姓名", "入场日期", "离场日期"],
        ["A1", "甲", "2026-12-15", None],
        ["A2", "乙", "2025-01-01", "2026-06-30"],
        ["A3", "丙", "2025-01-01", None],
    ])
    services.roster_io.import_file(path, today=today)
    status = {p.employee_no: p.status for p in services.roster.list_people()}
    assert status == {"A1": "pending", "A2": "left", "A3": "active"}


def test_row_numbers_survive_empty_rows_above_the_title(services: Services,
                                                        tmp_path: Path) -> None:
    """R2: rows 1–2 left empty, title on 3, header on 4: a bad row 6 is reported as 6."""
    path = write_xlsx(tmp_path / "r.xlsx", [
        None, None, ["花名册"], ["工号", "姓名"], ["A1", "甲"], ["A2", None],
    ])
    plan = services.roster_io.plan(path)
    assert _problems(plan.problems) == [(6, "姓名", strings.R_EMPTY_NAME)]
    assert [row for row, _ in plan.valid] == [5]


def test_gbk_csv_imports(services: Services, tmp_path: Path, today: dt.date) -> None:
    """R2: CSV saved by Chinese Excel (GBK) is read, not refused as undecodable."""
    text = "工号,姓名,状态,入场日期\n2001,欧阳娜,在岗,2026/3/1\n2002,司马喆,交接中,2026-03-02\n"
    path = tmp_path / "花名册.csv"
    path.write_bytes(text.encode("gbk"))
    with pytest.raises(UnicodeDecodeError):  # precondition: this really is not UTF-8
        path.read_bytes().decode("utf-8")
    result, _ = services.roster_io.import_file(path, today=today)
    assert (result.read, result.imported, result.rejected) == (2, 2, 0)
    people = {p.employee_no: (p.name, p.status, p.start_date)
              for p in services.roster.list_people()}
    assert people == {"2001": ("欧阳娜", "active", dt.date(2026, 3, 1)),
                      "2002": ("司马喆", "handover", dt.date(2026, 3, 2))}


# ---- file-level errors -------------------------------------------------------------------
def test_file_without_required_headers_is_an_import_file_error(
        services: Services, tmp_path: Path) -> None:
    """A file with no 工号/姓名 header is refused with a Chinese message naming the file."""
    path = write_xlsx(tmp_path / "名单.xlsx", [["编号", "名字"], ["1", "张三"]])
    with pytest.raises(ImportFileError) as exc:
        services.roster_io.plan(path)
    assert "名单.xlsx" in str(exc.value)
    assert re.search(r"[\u4e00-\u9fff]", str(exc.value))
    assert "工号" in str(exc.value)


def test_unsupported_file_type_is_an_import_file_error(services: Services,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "roster.txt"
    path.write_text("工号,姓名\n1,张三\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"roster\.txt"):
        services.roster_io.plan(path)


def test_header_only_file_is_an_import_file_error(services: Services, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "empty.xlsx", [["工号", "姓名"]])
    with pytest.raises(ImportFileError, match=r"empty\.xlsx"):
        services.roster_io.plan(path)


# ---- cancel ------------------------------------------------------------------------------
def test_cancel_during_commit_leaves_nothing_behind(with_veteran: Services,
                                                   tmp_path: Path) -> None:
    """R2: cancel → Cancelled, no person and no audit row added (one transaction)."""
    path = write_xlsx(tmp_path / "r.xlsx", roster_rows(10))
    people, audit = with_veteran.roster.count(), _audit_rows(with_veteran)
    progress = CancelAfter(2)
    with pytest.raises(Cancelled):
        with_veteran.roster_io.import_file(path, progress=progress)
    assert progress.reports == 2  # really stopped mid-way, after writing two rows
    assert with_veteran.roster.count() == people
    assert _audit_rows(with_veteran) == audit


def test_cancel_during_plan_raises_cancelled(services: Services, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", roster_rows(10))
    with pytest.raises(Cancelled):
        services.roster_io.plan(path, progress=CancelAfter(2))
    assert services.roster.count() == 0


# ---- known bugs --------------------------------------------------------------------------
def test_csv_row_numbers_count_blank_lines(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("工号,姓名,状态\n1,张三,在岗\n\n2,李四,休假\n", encoding="utf-8")
    plan = services.roster_io.plan(path)
    assert [p.row for p in plan.problems] == [4]


def test_csv_with_title_line_above_header(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("驻场人员花名册\n工号,姓名,状态\n1,张三,在岗\n", encoding="utf-8")
    result, _ = services.roster_io.import_file(path)
    assert result.imported == 1


def test_commit_rechecks_people_added_after_the_plan(services: Services,
                                                     tmp_path: Path) -> None:
    """SPEC R2: a 工号 taken between preview and commit becomes a listed bad row."""
    path = write_xlsx(tmp_path / "r.xlsx", roster_rows(3))
    plan = services.roster_io.plan(path)
    services.roster.add(PersonFields(employee_no="K0001", name="抢先录入"))
    result, _ = services.roster_io.commit(plan)
    assert (result.read, result.imported, result.rejected) == (3, 2, 1)
    assert [(p.row, p.column) for p in result.problems] == [(3, "工号")]
    assert "抢先录入" in result.problems[0].reason
    assert services.roster.count() == 3
