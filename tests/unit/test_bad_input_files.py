"""Issue 17, deliverable 1 for files and typed text: every bad record gets a Chinese message
naming where and why, the good ones proceed, and nothing ends in a traceback.

Each test reproduces one case of the issue; on the main branch before the fix each failed
(a traceback, or a wrong acceptance). The USB cases (the same punch in two layouts, a punch
in 2099) were already fixed on main (b8bf858, 49f37b6); their tests guard them."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import struct
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from unit_helpers import valid_id

from app.devices.clock_lan import (
    AttendanceTableError,
    _to_clock_user,
    encode_time,
    parse_attendance_table,
)
from app.domain.roster import PersonFields, normalize_id_card
from app.errors import ImportFileError, ValidationError
from app.services import Services
from app.storage.tables import Person
from app.storage.tables_attendance import Punch
from tests.helpers.cli import run_cli

ID_A = valid_id("11010519491231002")
NOW = dt.datetime(2026, 11, 29, 10, 0)


# ---- USB ----------------------------------------------------------------------------------
def test_the_same_punch_in_two_layouts_is_stored_once(services: Services,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "1_attlog.dat"
    path.write_bytes(b"1\t2026-11-02 08:00:00\t1\t0\t1\t0\n1\t2026-11-02 08:00:00\t1\t0\t\t0\n"
                     b"1\t2026-11-02 08:00:00\t1\t0\t0\n2\t2026-11-02 08:01:00\t1\t0\t1\t0\n")
    outcome, _ = services.imports.import_usb(path)
    b = outcome.batch
    assert (b.read, b.new, b.duplicate, b.rejected) == (4, 2, 2, 0)


def test_a_punch_in_2099_is_held_back_by_line(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "1_attlog.dat"
    path.write_text("1\t2026-11-02 08:00:00\t1\t0\t1\t0\n"
                    "1\t2099-11-02 08:00:00\t1\t0\t1\t0\n"
                    "1\t2026-11-03 08:00:00\t1\t0\t1\t0\n")
    outcome, _ = services.imports.import_usb(path)
    assert outcome.batch.new == 2
    assert [p.line for p in outcome.problems] == [2]
    assert "2099-11-02 08:00:00" in outcome.problems[0].reason
    with services.db.read() as s:
        assert max(s.scalars(select(Punch.punched_at))) < dt.datetime(2027, 1, 1)


# ---- LAN ----------------------------------------------------------------------------------
@pytest.mark.parametrize("body", [b"\x01", b"\x01\x02\x03", b"\x00" * 7])
def test_a_lan_table_shorter_than_a_record_is_a_message(body: bytes) -> None:
    table = struct.pack("<I", len(body)) + body
    with pytest.raises(AttendanceTableError) as refused:
        parse_attendance_table(table, 1, not_after=NOW)
    assert "无法判断记录格式" in refused.value.detail


def test_a_lan_table_with_good_and_bad_records_keeps_the_good() -> None:
    good = [struct.pack("<IIBB2sI", 7, encode_time(dt.datetime(2026, 11, 2, 8, i)), 1, 0,
                        b"", 0) for i in range(5)]
    bad = struct.pack("<IIBB2sI", 8, 0x5A5A5A5A, 1, 0, b"", 0)
    body = b"".join(good) + bad + good[0][:-1]
    result = parse_attendance_table(struct.pack("<I", len(body)) + body, 6, not_after=NOW)
    assert [r.device_user_id for r in result.records] == ["7"] * 5
    assert result.problems  # the bad record and the cut tail are reported


def test_clock_user_names_keep_printable_characters_only() -> None:
    class U:
        uid, user_id, name, privilege = 3, "12\x00\x05", "张\x07三\x00\x00garbage", 0

    user = _to_clock_user(U())
    assert (user.user_id, user.name) == ("12", "张三")


# ---- roster -------------------------------------------------------------------------------
def _csv(path: Path, rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_an_unusual_digit_in_an_id_number_rejects_that_row_only(services: Services,
                                                                tmp_path: Path) -> None:
    kharosthi_one = "\U00010a40"  # str.isdigit() is True, int() refuses it
    path = _csv(tmp_path / "r.csv", [
        ["工号", "姓名", "身份证号"],
        ["E1", "张三", ID_A[:5] + kharosthi_one + ID_A[6:]],
        ["E2", "李四", "\u00b9" + ID_A[1:]],  # superscript one: NFKC makes it 1
        ["E3", "王五", ID_A],
    ])
    result, _ = services.roster_io.import_file(path)
    assert (result.read, result.imported) == (3, 2)
    assert [(p.row, p.column) for p in result.problems] == [(2, "身份证号")]
    assert "非法字符" in result.problems[0].reason
    with pytest.raises(ValueError, match="非法字符"):
        normalize_id_card("1" * 16 + "\u0661" + "1")  # an Arabic-Indic digit


def test_full_width_codes_are_stored_as_ascii(services: Services, tmp_path: Path) -> None:
    fw = str.maketrans("0123456789XE", "０１２３４５６７８９ＸＥ")
    path = _csv(tmp_path / "r.csv", [
        ["工号", "姓名", "考勤号", "手机号", "身份证号"],
        ["E1".translate(fw), "张三", "12".translate(fw), "13812345678".translate(fw),
         ID_A.translate(fw)],
    ])
    result, _ = services.roster_io.import_file(path)
    assert result.imported == 1, result.problems
    p = services.roster.list_people()[0]
    assert (p.employee_no, p.device_user_id) == ("E1", "12")
    with services.db.read() as s:
        row = s.scalars(select(Person)).one()
        assert (row.phone, row.id_card_no) == ("13812345678", ID_A)
    # the dialogs' path too
    dto, _ = services.roster.add(PersonFields(employee_no="Ｅ２", name="李四"))
    assert dto.employee_no == "E2"


def test_a_control_character_in_a_name_is_refused(services: Services, tmp_path: Path) -> None:
    path = _csv(tmp_path / "r.csv", [["工号", "姓名", "备注"], ["E1", "张\x07三", ""],
                                     ["E2", "李四", "第一行\n第二行"]])
    result, _ = services.roster_io.import_file(path)
    assert result.imported == 1
    [problem] = result.problems
    assert (problem.row, problem.column, problem.cell) == (2, "姓名", "B2")
    assert "U+0007" in problem.reason and "第 2 个字符" in problem.reason
    with pytest.raises(ValidationError, match="U\\+001B"):
        services.roster.add(PersonFields(employee_no="E3", name="王\x1b五"))


def test_a_formula_only_row_is_reported_not_dropped(services: Services, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工号", "姓名"])
    ws.append(["E1", "张三"])
    ws.append(['=A2&"9"', "=B2"])  # written by a program: no calculated value cached
    ws.append(["E3", "王五"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    result, _ = services.roster_io.import_file(path)
    assert (result.read, result.imported, result.rejected) == (3, 2, 1)
    [problem] = result.problems
    assert problem.row == 3 and "只有公式" in problem.reason


def test_a_number_beyond_float_range_is_a_row_problem(services: Services,
                                                      tmp_path: Path) -> None:
    """Found by the long fuzz run: a cell Excel stores as 1.8e308 reads back as infinity."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["工号", "姓名", "身份证号", "入职日期"])
    ws.append(["E1", "张三", -1.7976931348623155e308, 1.7976931348623155e308])
    ws.append(["E2", "李四", None, None])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    result, _ = services.roster_io.import_file(path)
    assert (result.read, result.imported) == (2, 1)
    assert {p.column for p in result.problems} == {"身份证号", "入职日期"}


def test_a_roster_in_a_hidden_sheet_is_read_and_said(migrated_db: Path, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "花名册"
    ws.append(["工号", "姓名"])
    ws.append(["E1", "张三"])
    ws.sheet_state = "hidden"
    wb.create_sheet("说明").append(["请勿修改"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    r = run_cli("--db", migrated_db, "roster", "import", path)
    assert r.code == 0, r
    assert "隐藏的工作表“花名册”" in r.out
    r = run_cli("--db", migrated_db, "roster", "import", path, "--json")
    doc = json.loads(r.out)
    assert doc["sheet"] == "花名册" and doc["notes"]


def test_a_visible_roster_still_wins_over_a_hidden_one(services: Services,
                                                      tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    hidden = wb.active
    assert hidden is not None
    hidden.title = "old"
    hidden.append(["工号", "姓名"])
    hidden.append(["OLD", "旧"])
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("new")
    ws.append(["工号", "姓名"])
    ws.append(["E1", "张三"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    plan = services.roster_io.plan(path)
    assert plan.sheet == "new" and not plan.notes


def test_roster_dates_outside_the_range_are_row_problems(services: Services,
                                                         tmp_path: Path) -> None:
    path = _csv(tmp_path / "r.csv", [["工号", "姓名", "入职日期"], ["E1", "张三", "0001-01-01"],
                                     ["E2", "李四", "2026-01-01"]])
    result, _ = services.roster_io.import_file(path)
    assert result.imported == 1
    assert "2000–2100" in result.problems[0].reason


# ---- holidays -----------------------------------------------------------------------------
def _plan_errors(services: Services, path: Path) -> list[str]:
    plan = services.holidays.plan_import(path)
    return [e.text for e in plan.errors]


def test_a_holiday_csv_with_cr_only_line_ends_is_read(services: Services,
                                                      tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_bytes("date,kind,name\r2027-10-01,statutory_holiday,国庆节\r"
                     "2027-10-04,rest_day,国庆节\r".encode())
    plan = services.holidays.plan_import(path)
    assert not plan.errors and len(plan.rows) == 2


def test_a_holiday_year_0001_is_an_error_at_its_line(services: Services,
                                                      tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("date,kind,name\n0001-01-01,rest_day,x\n9999-12-31,rest_day,y\n")
    errors = _plan_errors(services, path)
    assert errors == ["h.csv 第 2 行：日期 0001-01-01 超出可用范围（2000–2100 年）",
                      "h.csv 第 3 行：日期 9999-12-31 超出可用范围（2000–2100 年）"]


def test_a_huge_holiday_csv_field_is_an_error_at_its_line(services: Services,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("date,kind,name\n2027-10-01,statutory_holiday," + "x" * 131_073 + "\n")
    errors = _plan_errors(services, path)
    assert len(errors) == 1 and errors[0].startswith("h.csv 第 2 行：无法按 CSV 读取")


@pytest.mark.parametrize("text", [
    '{"year": 2027, "days": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '{"year": 2027, "days": [' + "1" * 5000 + "]}",
])
def test_a_pathological_holiday_json_is_refused_with_a_message(services: Services,
                                                               tmp_path: Path,
                                                               text: str) -> None:
    path = tmp_path / "h.json"
    path.write_text(text)
    with pytest.raises(ImportFileError, match=r"h\.json"):
        services.holidays.plan_import(path)


def test_holiday_json_values_of_any_type_are_line_errors(services: Services,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    path.write_text(json.dumps({"year": 2027, "days": [
        {"date": [[["2027-01-01"]]], "isOffDay": True, "name": "x"},
        {"date": "0001-01-01", "isOffDay": True, "name": "y"},
        {"date": "2027-10-01", "isOffDay": {"a": 1}, "name": "z" * 10_000},
    ]}))
    errors = _plan_errors(services, path)
    assert len(errors) == 3 and all(len(e) < 300 for e in errors), errors


# ---- exports ------------------------------------------------------------------------------
def test_exports_survive_a_control_character_already_stored(demo_db: Path,
                                                            tmp_path: Path) -> None:
    """A name stored before input was checked: every Excel export still writes, with the
    character dropped."""
    with sqlite3.connect(demo_db) as conn:
        conn.execute("UPDATE person SET name = ?, note = ? WHERE employee_no = 'HX1001'",
                     ("周\x07立群", "a\x00b"))
    outs = {
        "roster": ["roster", "export", tmp_path / "r.xlsx"],
        "month": ["month", "2026-10", "--xlsx", tmp_path / "m.xlsx"],
        "punches": ["punches", "2026-10", "--xlsx", tmp_path / "p.xlsx"],
        "scores": ["scores", "2026-10", "--xlsx", tmp_path / "s.xlsx"],
    }
    for name, argv in outs.items():
        r = run_cli("--db", demo_db, *argv)
        assert r.code == 0 and "Traceback" not in r.err, (name, r)
    names = [c.value for ws in openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets
             for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "周立群" in names
    assert not any("\x07" in v for v in names)
