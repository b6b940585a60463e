"""app/domain/inputs.py and the issue-17 checks of the roster and service-record rules:
ranges, control characters, code normalisation (every branch, as the domain requires)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import inputs
from app.domain.roster import PersonFields, check_person
from app.domain.service_log import FAULT, PHONE, RecordFields, StaffVisit, check_record
from app.errors import ValidationError


def test_record_ids() -> None:
    assert inputs.check_record_id(1) == 1
    assert inputs.check_record_id(2**63 - 1) == 2**63 - 1
    for bad in (0, -1, 2**63):
        with pytest.raises(ValidationError, match="编号应为 1–9223372036854775807 的整数") as e:
            inputs.check_record_id(bad, "id")
        assert e.value.field == "id"


def test_dates_and_times_in_2000_2100() -> None:
    assert inputs.check_date(dt.date(2000, 1, 1)) == dt.date(2000, 1, 1)
    assert inputs.check_date(dt.date(2100, 12, 31)) == dt.date(2100, 12, 31)
    with pytest.raises(ValidationError) as e:
        inputs.check_date(dt.date(1999, 12, 31), "from")
    assert (e.value.field, e.value.message) == (
        "from", "日期 1999-12-31 超出可用范围（2000–2100 年）")
    with pytest.raises(ValidationError, match=r"^生效日期：日期 9999-12-31 超出"):
        inputs.check_date(dt.date(9999, 12, 31), "from", "生效日期")
    when = dt.datetime(2026, 11, 2, 8)
    assert inputs.check_datetime(when) == when
    with pytest.raises(ValidationError, match="2101-01-01"):
        inputs.check_datetime(dt.datetime(2101, 1, 1), "at")
    assert inputs.day_in_range(dt.date(2026, 1, 1)) and not inputs.day_in_range(dt.date.min)


def test_control_characters() -> None:
    assert inputs.control_char("张三 Li") is None
    assert inputs.control_char("a\x07b") == (2, "U+0007")
    assert inputs.control_char("a\u0085") == (2, "U+0085")  # C1
    assert inputs.control_char("\ud800") == (1, "U+D800")  # lone surrogate
    assert inputs.control_char("x\uffff") == (2, "U+FFFF")
    assert inputs.control_char("a\tb\nc") == (2, "U+0009")
    assert inputs.control_char("a\tb\r\nc", multiline=True) is None
    assert inputs.control_char("a\u200bb") is None  # not printable, yet not a control char
    assert inputs.check_text("第一行\n第二行", multiline=True) == "第一行\n第二行"
    with pytest.raises(ValidationError) as e:
        inputs.check_text("张\x1b三", "name", "姓名")
    assert (e.value.field, e.value.message) == (
        "name", "姓名含有不可见的控制字符（U+001B，位于第 2 个字符），请删除后重试")
    assert inputs.text_problem("\x00") == (
        "含有不可见的控制字符（U+0000，位于第 1 个字符），请删除后重试")


def test_codes_and_digits() -> None:
    assert inputs.normalize_code("ＨＸ１００１") == "HX1001"
    assert inputs.normalize_code("HX1001") == "HX1001"
    assert inputs.ascii_digits("0123") and not inputs.ascii_digits("１２")
    assert not inputs.ascii_digits("\u00b9") and not inputs.ascii_digits("")


def test_free_text_folds_full_width_digits_only() -> None:
    assert inputs.fold_digits("３号楼，Ｂ座（１２层）") == "3号楼，Ｂ座（12层）"
    assert inputs.fold_digits("plain 12") == "plain 12"
    assert inputs.clean_text("  交接１份\n第２页 ", "note", "备注", multiline=True) == (
        "交接1份\n第2页")
    with pytest.raises(ValidationError) as e:
        inputs.clean_text("门口\x07１", "name", "考勤机名称")
    assert (e.value.field, e.value.message) == (
        "name", "考勤机名称含有不可见的控制字符（U+0007，位于第 3 个字符），请删除后重试")


def test_person_checks_of_issue_17() -> None:
    p = PersonFields(employee_no=" ＥＡ１ ", name="张三", note="第一行\n第二行")
    assert check_person(p) == [] and p.employee_no == "EA1"
    p = PersonFields(employee_no="E1", name="张\x07三", role="a\x00", note="x\x1b")
    assert [f for f, _ in check_person(p)] == ["name", "role", "note"]
    p = PersonFields(employee_no="E1", name="张三", start_date=dt.date(1999, 1, 1),
                     end_date=dt.date(2101, 1, 1), nda_date=dt.date(2026, 1, 1),
                     first_work_date=dt.date(1899, 1, 1))
    assert [f for f, _ in check_person(p)] == ["start_date", "end_date", "first_work_date"]
    p = PersonFields(employee_no="E1", name="张三", first_work_date=dt.date(1985, 7, 1))
    assert check_person(p) == []


def test_service_record_text_fields_refuse_control_characters() -> None:
    at = dt.datetime(2026, 11, 2, 9)
    base = {"service_type": FAULT, "source": PHONE, "reported_at": at, "reporter": "王",
            "location": "机房", "description": "打印机\n卡纸", "staff": (StaffVisit(1),)}
    assert check_record(RecordFields(**base)) == []  # type: ignore[arg-type]
    bad = RecordFields(**{**base, "location": "机\x07房",  # type: ignore[arg-type]
                          "note": "\x1b"})
    assert ("control_char", "location") in check_record(bad)
    assert ("control_char", "note") in check_record(bad)
