"""Roster field rules (SPEC R1) and masking (SPEC Q3) in app.domain.roster."""

from __future__ import annotations

import datetime as dt

import pytest
from unit_helpers import id_check_char, valid_id

from app import strings
from app.domain.roster import (
    FieldProblem,
    PersonFields,
    check_person,
    id_card_check_char,
    mask_id_card,
    mask_phone,
    normalize_device_user_id,
    normalize_id_card,
    normalize_phone,
    parse_date,
    parse_status,
)

KNOWN_ID = "11010519491231002X"


# ---- ID card (GB 11643-1999) -------------------------------------------------------------
def test_known_id_number_is_valid_by_the_standard() -> None:
    """R1: the sample number's check char really is what GB 11643 gives (computed here)."""
    assert id_check_char(KNOWN_ID[:17]) == "X"
    assert id_card_check_char(KNOWN_ID[:17]) == "X"
    assert normalize_id_card(KNOWN_ID) == KNOWN_ID


@pytest.mark.parametrize("first17", ["32010619850312451", "44030419900101123",
                                     "51010719781130004", "11010119800101001"])
def test_app_checksum_agrees_with_the_standard(first17: str) -> None:
    """R1: every check char 0–9/X comes out as the weights 7,9,10,5,… mod 11 say."""
    assert id_card_check_char(first17) == id_check_char(first17)
    assert normalize_id_card(valid_id(first17)) == valid_id(first17)


def test_lowercase_x_is_accepted_and_uppercased() -> None:
    assert normalize_id_card(" 11010519491231002x ") == KNOWN_ID


def test_wrong_check_char_is_rejected_naming_the_expected_one() -> None:
    with pytest.raises(FieldProblem) as exc:
        normalize_id_card("110105194912310021")
    assert "X" in exc.value.reason
    assert "第 18 位应为 X" in exc.value.reason


def test_impossible_birth_date_is_rejected() -> None:
    """Even with a correct check char, 1949-02-30 is no birthday."""
    bad = valid_id("11010519490230002")
    with pytest.raises(FieldProblem) as exc:
        normalize_id_card(bad)
    assert "出生日期" in exc.value.reason


@pytest.mark.parametrize("value", ["110105491231002", "11010519491231002", "1101051949123100200"])
def test_wrong_length_is_rejected(value: str) -> None:
    """Old 15-digit numbers (and any other length) are refused: 18 characters only."""
    with pytest.raises(FieldProblem) as exc:
        normalize_id_card(value)
    assert "18 位" in exc.value.reason


def test_letters_inside_the_number_are_rejected() -> None:
    with pytest.raises(FieldProblem):
        normalize_id_card("1101051949A231002X")


# ---- masking (Q3) ------------------------------------------------------------------------
def test_mask_id_card_keeps_region_and_last_four() -> None:
    masked = mask_id_card(KNOWN_ID)
    assert masked == "110105********002X"
    assert len(masked) == 18


def test_mask_phone_hides_the_middle_of_a_mobile() -> None:
    assert mask_phone("13812345678") == "138****5678"


def test_mask_phone_never_shows_a_landline_in_full() -> None:
    masked = mask_phone("010-12345678")
    assert masked != "010-12345678"
    assert "1234567" not in masked


def test_short_numbers_are_masked_completely() -> None:
    """Q3: too short to keep a prefix and a tail without showing most of it: all stars."""
    assert mask_phone("1234") == "****"
    assert mask_id_card("110105123") == "*********"


# ---- dates -------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["2026-03-01", "2026/3/1", "2026年3月1日", "2026年3月1",
                                  "20260301", "2026-03-01 00:00:00", " 2026.03.01 "])
def test_parse_date_accepts_the_ways_people_type_dates(text: str) -> None:
    assert parse_date(text) == dt.date(2026, 3, 1)


def test_parse_date_empty_means_no_date() -> None:
    assert parse_date("  ") is None


@pytest.mark.parametrize("text", ["2026-02-30", "2026/13/01", "next monday", "2026-03-01 08:30"])
def test_parse_date_rejects_impossible_or_unknown_dates(text: str) -> None:
    with pytest.raises(FieldProblem) as exc:
        parse_date(text)
    assert text in exc.value.reason


# ---- status ------------------------------------------------------------------------------
@pytest.mark.parametrize(("label", "code"), [("待入场", "pending"), ("在岗", "active"),
                                             ("交接中", "handover"), ("已离场", "left")])
def test_parse_status_reads_the_chinese_labels(label: str, code: str) -> None:
    assert parse_status(f" {label} ") == code


def test_parse_status_accepts_codes_and_empty() -> None:
    assert parse_status("left") == "left"
    assert parse_status("") is None


def test_parse_status_rejects_unknown_labels() -> None:
    with pytest.raises(FieldProblem) as exc:
        parse_status("休假")
    assert "休假" in exc.value.reason


# ---- whole person ------------------------------------------------------------------------
def test_check_person_normalises_numbers_in_place() -> None:
    p = PersonFields(employee_no="1001", name="张三", device_user_id="7.0",
                     phone="138 1234 5678", id_card_no="11010519491231002x")
    assert check_person(p) == []
    assert (p.device_user_id, p.phone, p.id_card_no) == ("7", "13812345678", KNOWN_ID)


def test_check_person_refuses_masked_numbers() -> None:
    """An exported (masked) roster cannot be re-imported as if it held real numbers (Q3)."""
    p = PersonFields(employee_no="1001", name="张三", phone="138****5678",
                     id_card_no="110105********002X")
    fields = [f for f, _ in check_person(p)]
    assert fields == ["id_card_no", "phone"]


def test_check_person_lists_each_broken_rule() -> None:
    p = PersonFields(employee_no=" ", name="", start_date=dt.date(2026, 3, 1),
                     end_date=dt.date(2026, 2, 1), status="on_leave")
    fields = {f for f, _ in check_person(p)}
    assert fields == {"employee_no", "name", "status", "end_date"}


def test_check_person_refuses_over_long_texts() -> None:
    p = PersonFields(employee_no="E" * 51, name="张" * 51, role="运" * 51)
    assert check_person(p) == [("employee_no", strings.R_TOO_LONG.format(n=50)),
                               ("name", strings.R_TOO_LONG.format(n=50)),
                               ("role", strings.R_TOO_LONG.format(n=50))]


def test_check_person_refuses_a_bad_phone_and_a_bad_clock_user_id() -> None:
    p = PersonFields(employee_no="1001", name="张三", phone="12345", device_user_id="12-34")
    assert check_person(p) == [("phone", strings.R_BAD_PHONE.format(value="12345")),
                               ("device_user_id", strings.R_BAD_DEVICE_ID.format(value="12-34"))]


def test_normalize_device_user_id_reads_excel_numbers_and_blanks() -> None:
    """An Excel number cell reads as '7.0'; a blank cell means no clock user id."""
    assert normalize_device_user_id("7.0") == "7"
    assert normalize_device_user_id("  ") is None
    with pytest.raises(FieldProblem) as exc:
        normalize_device_user_id(".0")
    assert exc.value.reason == strings.R_BAD_DEVICE_ID.format(value=".0")


def test_normalize_phone_refuses_what_is_no_phone_number() -> None:
    with pytest.raises(FieldProblem) as exc:
        normalize_phone("138-1234")
    assert exc.value.reason == strings.R_BAD_PHONE.format(value="138-1234")


def test_the_status_follows_the_dates_when_the_file_gives_none() -> None:
    """R1: ended before today: left; starting after today: pending; else active."""
    from app.domain.roster import default_status

    today = dt.date(2026, 11, 29)
    assert default_status(dt.date(2026, 1, 5), dt.date(2026, 11, 28), today) == "left"
    assert default_status(dt.date(2026, 12, 1), None, today) == "pending"
    assert default_status(dt.date(2026, 1, 5), today, today) == "active"
    assert default_status(None, None, today) == "active"
