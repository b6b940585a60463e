"""Issue 14 (2): the pure value rules of the roster import — the forms an office's Excel
sheet really holds (numbers read as float text, full-width digits, status words, yes/no or a
date), each accepted or refused with its reason."""

from __future__ import annotations

import datetime as dt

import pytest

from app import strings
from app.domain.roster import (
    FieldProblem,
    PersonStatus,
    field_code,
    normalize_device_user_id,
    normalize_phone,
    parse_date,
    parse_status,
    parse_yes_or_date,
)


@pytest.mark.parametrize(("cell", "phone"), [
    ("13912345678.0", "13912345678"),  # a number cell read as float text
    ("1.3912345678E+10", "13912345678"),  # scientific notation with every digit
    ("１３９１２３４５６７８", "13912345678"),  # full-width digits
    ("139 1234 5678", "13912345678"),
])
def test_phone_forms(cell: str, phone: str) -> None:
    assert normalize_phone(cell) == phone


def test_phone_refusals_say_why() -> None:
    with pytest.raises(FieldProblem) as exc:
        normalize_phone("1.39E+10")  # Excel dropped digits: never guessed
    assert str(exc.value) == strings.R_SCI_TRUNCATED.format(value="1.39E+10")
    with pytest.raises(FieldProblem) as exc:
        normalize_phone("1.2.3E+5")  # looks scientific but is no number
    assert str(exc.value) == strings.R_BAD_PHONE.format(value="1.2.3E+5")


def test_device_user_id_from_a_number_cell() -> None:
    assert normalize_device_user_id("7.0") == "7"
    assert normalize_device_user_id(" ") is None
    with pytest.raises(FieldProblem) as exc:
        normalize_device_user_id("7-1")
    assert str(exc.value) == strings.R_BAD_DEVICE_ID.format(value="7-1")


def test_an_impossible_date_is_refused_not_rolled_over() -> None:
    assert parse_date("2026/2/28") == dt.date(2026, 2, 28)
    with pytest.raises(FieldProblem) as exc:
        parse_date("2026-02-30")
    assert str(exc.value) == strings.R_BAD_DATE.format(value="2026-02-30")


@pytest.mark.parametrize(("cell", "status"), [
    (strings.STATUS_LABELS["active"], PersonStatus.ACTIVE),  # the app's own label
    ("在职", PersonStatus.ACTIVE), ("离职", PersonStatus.LEFT), ("待入职", PersonStatus.PENDING),
    ("handover", PersonStatus.HANDOVER),  # the code
    ("", None),
])
def test_status_words(cell: str, status: PersonStatus | None) -> None:
    assert parse_status(cell) == status


def test_unknown_status_is_refused() -> None:
    with pytest.raises(FieldProblem) as exc:
        parse_status("休假中")
    assert str(exc.value) == strings.R_BAD_STATUS.format(value="休假中")


@pytest.mark.parametrize(("cell", "done"), [
    ("", (False, None)), ("否", (False, None)), ("是", (True, None)), ("√", (True, None)),
    ("2026-03-05", (True, dt.date(2026, 3, 5))),
])
def test_yes_no_or_date(cell: str, done: tuple[bool, dt.date | None]) -> None:
    assert parse_yes_or_date(cell) == done


def test_yes_no_refusal() -> None:
    with pytest.raises(FieldProblem) as exc:
        parse_yes_or_date("大概")
    assert str(exc.value) == strings.R_BAD_YES_NO.format(value="大概")


def test_field_named_by_code_label_or_common_name() -> None:
    assert field_code("phone") == "phone"
    assert field_code("手机号码") == "phone"
    with pytest.raises(FieldProblem):
        field_code("籍贯")


def test_id_number_stored_as_a_number_is_refused() -> None:
    from app.domain.roster import normalize_id_card

    with pytest.raises(FieldProblem) as exc:
        normalize_id_card("4.40305199201E+17")  # Excel kept 12 of the 18 digits
    assert str(exc.value) == strings.R_ID_AS_NUMBER.format(value="4.40305199201E+17")


def test_excel_day_serial() -> None:
    assert parse_date("45719") == dt.date(2025, 3, 3)  # Excel's serial for 2025-03-03


@pytest.mark.parametrize("header", ["手机号码（必填）", " 手机号码：", "*手机号码*",
                                    "手机号码【选填】(个人)"])
def test_header_notes_and_marks_are_ignored(header: str) -> None:
    from app.domain.roster import header_key

    assert header_key(header) == header_key("手机号码")


def test_a_header_that_is_only_a_mark_stays_itself() -> None:
    from app.domain.roster import header_key

    assert header_key("*") == "*"
