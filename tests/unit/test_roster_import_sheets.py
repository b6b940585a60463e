"""Roster import from the sheets supervisors already keep (issue 14, deliverable 2): a title
row above the header, the office's own column names, columns nobody knows, and values as
Excel really holds them. Sheets are built with openpyxl the way offices keep them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select
from unit_helpers import valid_id

from app import strings
from app.clock import FixedClock
from app.domain.roster import header_key, known_field, parse_date
from app.errors import ImportFileError
from app.services import Services
from app.storage.tables import AuditLog
from tests.helpers.cli import run_cli

ID_A = valid_id("11010519491231002")  # ...002X
ID_B = valid_id("32010219850612003")
ID_C = valid_id("44030519920101004")
BAD_ID = ID_C[:17] + ("1" if ID_C[17] != "1" else "2")  # the check character is wrong
NOW = dt.datetime(2026, 11, 29, 10, 0)  # the suite's clock (tests/conftest.py)
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")

HEADER = ["序号", "人员编号（必填）", "姓 名", "手机号码", "身份证号码", "入职日期", "指纹号",
          "职位", "籍贯", "离职日期*", "备注："]


def office_sheet(path: Path, hidden_first: bool = True) -> Path:
    """A hidden lookup sheet first; then the roster: a title merged across the columns, the
    header in row 2, values typed the way Excel stores them, one bad ID (row 5)."""
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    if hidden_first:
        first.title = "lists"
        first.append(["岗位"])
        first.append(["运维"])
        first.sheet_state = "hidden"
        ws = wb.create_sheet("驻场人员")
    else:
        ws = first
    ws.merge_cells("A1:K1")
    ws["A1"] = "某某项目驻场人员名单（2025 年 3 月）"
    ws.append(HEADER)
    ws.append([1, "HX001", "张三", 13912345678.0, ID_A.lower(), 45719, 1.0, "运维", "江苏",
               None, "组长"])
    ws.append([2, "HX002", "李四", "1.3912345679E+10", ID_B.translate(FULL_WIDTH), "2025/3/4",
               2, "技术支持", "浙江", "2025年12月1日", None])
    ws.append([3, "HX003", "王五", 13912345670, BAD_ID, dt.datetime(2025, 3, 5), 3, "运维",
               "安徽", None, None])
    ws.append([4, "HX004", "赵六", "13912345671", ID_C, 20250306, "4", "运维", "安徽", None,
               None])
    wb.save(path)
    return path


def _people(services: Services) -> dict[str, Any]:
    return {p.employee_no: p for p in services.roster.list_people()}


# ---- the whole sheet -----------------------------------------------------------------------
def test_office_sheet_imports_every_field_and_names_what_it_did_not_read(
        services: Services, tmp_path: Path, today: dt.date) -> None:
    path = office_sheet(tmp_path / "名单.xlsx")
    result, _ = services.roster_io.import_file(path, today=today)
    assert (result.read, result.imported, result.rejected) == (4, 3, 1)
    people = _people(services)
    assert sorted(people) == ["HX001", "HX002", "HX004"]
    zhang, li, zhao = people["HX001"], people["HX002"], people["HX004"]
    assert (zhang.name, zhang.phone, zhang.id_card_no) == ("张三", "13912345678", ID_A)
    assert (zhang.start_date, zhang.device_user_id, zhang.role) == (
        dt.date(2025, 3, 3), "1", "运维")
    assert zhang.note == "组长"
    assert (li.phone, li.id_card_no, li.start_date, li.end_date, li.device_user_id) == (
        "13912345679", ID_B, dt.date(2025, 3, 4), dt.date(2025, 12, 1), "2")
    assert li.role == "技术支持"
    assert (zhao.phone, zhao.id_card_no, zhao.start_date, zhao.device_user_id) == (
        "13912345671", ID_C, dt.date(2025, 3, 6), "4")
    # the bad ID is named by its Excel row, the sheet's column name and the cell
    assert [(p.row, p.column, p.cell) for p in result.problems] == [(5, "身份证号码", "E5")]
    assert result.problems[0].reason == strings.R_BAD_ID_CHECKSUM.format(expected=ID_C[17],
                                                                         value=BAD_ID)
    data = result.as_json()
    assert data["ignored_columns"] == ["序号", "籍贯"]
    assert data["columns"] == {
        "人员编号（必填）": "employee_no", "姓 名": "name", "手机号码": "phone",
        "身份证号码": "id_card_no", "入职日期": "start_date", "指纹号": "device_user_id",
        "职位": "role", "离职日期*": "end_date", "备注：": "note"}


def test_plan_reports_sheet_header_row_and_every_column(services: Services,
                                                        tmp_path: Path) -> None:
    plan = services.roster_io.plan(office_sheet(tmp_path / "r.xlsx"))
    assert (plan.sheet, plan.header_row) == ("驻场人员", 2)  # hidden sheet skipped
    assert [c.header for c in plan.columns] == HEADER  # none dropped
    assert [c.letter for c in plan.columns][:3] == ["A", "B", "C"]
    unknown = [c for c in plan.columns if c.source == "unknown"]
    assert [c.header for c in unknown] == ["序号", "籍贯"]
    phone = next(c for c in plan.columns if c.field == "phone")
    assert phone.sample == "139****5678"  # the preview masks numbers


def test_cli_json_lists_columns_and_ignored_columns(db_path: Path, tmp_path: Path) -> None:
    path = office_sheet(tmp_path / "r.xlsx")
    code, out, _ = run_cli("--db", db_path, "roster", "import", path, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["ignored_columns"] == ["序号", "籍贯"]
    assert data["columns"]["人员编号（必填）"] == "employee_no"
    assert [(p["row"], p["column"]) for p in data["problems"]] == [(5, "身份证号码")]


# ---- mapping unknown columns ---------------------------------------------------------------
def test_map_option_maps_an_unknown_column_and_the_choice_is_remembered(
        db_path: Path, tmp_path: Path) -> None:
    first = office_sheet(tmp_path / "三月.xlsx")
    code, out, err = run_cli("--db", db_path, "roster", "import", first, "--json",
                             "--map", "籍贯=备注", "--map", "备注：=", "--map", "序号=")
    assert code == 0, err
    data = json.loads(out)
    assert data["columns"]["籍贯"] == "note"
    assert data["ignored_columns"] == ["序号", "备注："]
    services = Services.open(db_path, clock=FixedClock(NOW))
    try:
        assert _people(services)["HX001"].note == "江苏"
        with services.db.read() as s:
            audit = s.scalars(select(AuditLog).where(AuditLog.entity == "setting")).all()
        assert any("roster.columns" in (a.after or "") for a in audit)  # audited
    finally:
        services.close()

    # next month's sheet, same columns, new people, no --map: the choice is applied
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["人员编号", "姓名", "籍贯", "备注", "序号"])
    ws.append(["HX101", "孙七", "福建", "不应导入", 1])
    second = tmp_path / "四月.xlsx"
    wb.save(second)
    code, out, err = run_cli("--db", db_path, "roster", "import", second, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["columns"] == {"人员编号": "employee_no", "姓名": "name", "籍贯": "note"}
    assert data["ignored_columns"] == ["备注", "序号"]
    services = Services.open(db_path, clock=FixedClock(NOW))
    try:
        assert _people(services)["HX101"].note == "福建"
    finally:
        services.close()


def test_map_by_field_code_rescues_a_sheet_without_a_known_employee_no(
        services: Services, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["人员代码", "姓名", "手机"])
    ws.append(["Z01", "甲", "13800000001"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    plan = services.roster_io.plan(path)
    assert plan.missing == ("employee_no",)  # found the header, says what is missing
    with pytest.raises(ImportFileError, match="人员代码"):
        services.roster_io.import_file(path)
    result, _ = services.roster_io.import_file(path, choices={"人员代码": "employee_no"})
    assert result.imported == 1
    assert _people(services)["Z01"].phone == "13800000001"


def test_map_option_errors_are_one_chinese_line(db_path: Path, tmp_path: Path) -> None:
    path = office_sheet(tmp_path / "r.xlsx")
    code, _, err = run_cli("--db", db_path, "roster", "import", path, "--map", "籍贯=籍贯")
    assert code != 0 and "籍贯" in err
    code, _, err = run_cli("--db", db_path, "roster", "import", path, "--map", "不存在=备注")
    assert code != 0 and "不存在" in err


def test_two_columns_for_one_field_keep_the_first_and_list_the_second(
        services: Services, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工号", "姓名", "手机", "联系电话"])
    ws.append(["A1", "甲", "13800000001", "010-12345678"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    # a column the user chooses wins over one that merely has a common name
    plan = services.roster_io.plan(path, choices={"联系电话": "phone"})
    assert plan.valid[0][1].phone == "010-12345678"
    assert plan.ignored_columns == ["手机"]
    plan = services.roster_io.plan(path)
    second = plan.columns[3]
    assert (second.source, second.note) == ("duplicate", strings.ROSTER_COLUMN_DUPLICATE.format(
        other="手机", field="电话"))
    result, _ = services.roster_io.import_file(path)
    assert _people(services)["A1"].phone == "13800000001"
    assert result.ignored_columns == ("联系电话",)


# ---- headers and values --------------------------------------------------------------------
@pytest.mark.parametrize(("header", "field"), [
    ("员工编号", "employee_no"), ("人员编号", "employee_no"), ("工 号", "employee_no"),
    ("手机", "phone"), ("联系电话", "phone"), ("手机号码（必填）", "phone"),
    ("身份证", "id_card_no"), ("证件号码", "id_card_no"), ("*身份证号码:", "id_card_no"),
    ("到岗日期", "start_date"), ("入职日期(格式:2025-03-03)", "start_date"),
    ("考勤编号", "device_user_id"), ("指纹号", "device_user_id"), ("考勤ID", "device_user_id"),
    ("职位", "role"), ("离职日期", "end_date"), ("在职状态", "status"),
    ("参加工作时间", "first_work_date"), ("ｊｕｎｋ", None), ("籍贯", None),
])
def test_common_header_names(header: str, field: str | None) -> None:
    assert known_field(header) == field


def test_header_key_is_nfkc_without_spaces_and_suffixes() -> None:
    assert header_key("  手机 号码（必填）* ") == "手机号码"
    assert header_key("ＩＤ：") == "id"


@pytest.mark.parametrize("value", [
    45719, 45719.0, "45719", "2025/3/3", "2025-03-03", "2025年3月3日", "20250303", 20250303,
    dt.datetime(2025, 3, 3), dt.date(2025, 3, 3), "２０２５－０３－０３", "2025-03-03 00:00:00",
    "2025.3.3",
])
def test_date_forms_all_read_as_3_march_2025(services: Services, tmp_path: Path,
                                             value: object) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工号", "姓名", "入职日期"])
    ws.append(["D1", "甲", value])
    path = tmp_path / "d.xlsx"
    wb.save(path)
    plan = services.roster_io.plan(path)
    assert not plan.problems
    assert plan.valid[0][1].start_date == dt.date(2025, 3, 3)


@pytest.mark.parametrize("value", [
    13912345678, 13912345678.0, "13912345678.0", "1.3912345678E+10", "１３９１２３４５６７８",
    " 139 1234 5678 ",
])
def test_phone_forms_all_read_as_digits(services: Services, tmp_path: Path,
                                        value: object) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工号", "姓名", "联系电话"])
    ws.append(["P1", "甲", value])
    path = tmp_path / "p.xlsx"
    wb.save(path)
    plan = services.roster_io.plan(path)
    assert not plan.problems
    assert plan.valid[0][1].phone == "13912345678"


def test_numbers_that_lost_digits_are_refused_not_guessed(services: Services,
                                                          tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工号", "姓名", "手机", "身份证号"])
    ws.append(["N1", "甲", "1.39E+10", None])
    ws.append(["N2", "乙", None, 110105194912310021])  # an ID typed as a number
    path = tmp_path / "n.xlsx"
    wb.save(path)
    plan = services.roster_io.plan(path)
    assert [(p.row, p.cell, p.reason) for p in plan.problems] == [
        (2, "C2", strings.R_SCI_TRUNCATED.format(value="1.39E+10")),
        (3, "D3", strings.R_ID_AS_NUMBER.format(value="1.10105194912310E+17")),
    ]


def test_id_with_lower_x_or_full_width_digits_is_normalised_then_checked() -> None:
    from app.domain.roster import FieldProblem, normalize_id_card

    assert normalize_id_card(ID_A.lower()) == ID_A
    assert normalize_id_card(ID_A.translate(FULL_WIDTH)) == ID_A
    with pytest.raises(FieldProblem):
        normalize_id_card(BAD_ID.translate(FULL_WIDTH))


def test_parse_date_refuses_an_impossible_serialless_text() -> None:
    from app.domain.roster import FieldProblem

    with pytest.raises(FieldProblem):
        parse_date("2025-02-30")
    assert parse_date("") is None


# ---- CSV -----------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_with_title_line_and_office_names(services: Services, tmp_path: Path,
                                              encoding: str) -> None:
    text = ("驻场人员名单,,,,\n"
            "员工编号,姓名,手机,身份证号码,到岗日期,籍贯\n"
            f"C1,欧阳娜,13912345678,{ID_A.lower()},2025/3/3,江苏\n"
            f"C2,司马喆,1.3912345679E+10,{BAD_ID},45719,浙江\n")
    path = tmp_path / "名单.csv"
    path.write_bytes(text.encode(encoding))
    result, _ = services.roster_io.import_file(path)
    assert (result.read, result.imported, result.rejected) == (2, 1, 1)
    person = _people(services)["C1"]
    assert (person.phone, person.id_card_no, person.start_date) == (
        "13912345678", ID_A, dt.date(2025, 3, 3))
    assert result.ignored_columns == ("籍贯",)
    assert [(p.row, p.column, p.cell) for p in result.problems] == [(4, "身份证号码", "D4")]


# ---- template ------------------------------------------------------------------------------
def test_template_has_header_sample_and_drop_downs_and_imports_back(
        db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    code, _, err = run_cli("--db", db_path, "roster", "template", out)
    assert code == 0, err
    wb = openpyxl.load_workbook(out)
    ws = wb[strings.ROSTER_TEMPLATE_SHEET]
    header = [c.value for c in ws[2]]
    assert header[:2] == ["工号*", "姓名*"]
    assert {"岗位", "状态", "电话", "身份证号", "入场日期", "考勤号"} <= set(header)
    sample = [c.value for c in ws[3]]
    assert sample[0] and sample[1]
    rules = {str(dv.sqref).split(":")[0][0]: dv.formula1
             for dv in ws.data_validations.dataValidation}
    role_col = "ABCDEFGHIJK"[header.index("岗位")]
    status_col = "ABCDEFGHIJK"[header.index("状态")]
    assert set(rules) == {role_col, status_col}
    assert all(r in rules[role_col] for r in strings.ROLE_CHOICES)
    assert all(s in rules[status_col] for s in strings.STATUS_LABELS.values())
    # the sample row is a valid person: the template imports as it is
    code, out_text, err = run_cli("--db", db_path, "roster", "import", out, "--json")
    assert code == 0, err
    data = json.loads(out_text)
    assert (data["imported"], data["ignored_columns"]) == (1, [])


def test_template_role_list_includes_the_roles_on_the_roster(services: Services,
                                                            tmp_path: Path) -> None:
    from app.domain.roster import PersonFields

    services.roster.add(PersonFields(employee_no="R1", name="甲", role="驻场数据库管理员"))
    out = services.documents.roster_template(tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(out)[strings.ROSTER_TEMPLATE_SHEET]
    formulas = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert any("驻场数据库管理员" in f and strings.ROLE_CHOICES[0] in f for f in formulas)
