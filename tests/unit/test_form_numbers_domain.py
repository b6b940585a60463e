"""Form numbers (issue 15): QJ-YYYY-NNNN for leave requests, BG-YYYY-NNNN for personnel
changes, the year of the record's date, never "#N"."""

from __future__ import annotations

import datetime as dt
import re

from app.domain.form_numbers import change_number, form_number, leave_number


def test_leave_and_change_numbers_have_prefix_year_and_four_digits() -> None:
    assert leave_number(dt.date(2026, 11, 11), 1) == "QJ-2026-0001"
    assert change_number(dt.date(2027, 1, 5), 42) == "BG-2027-0042"


def test_ids_past_four_digits_stay_whole_and_numbers_stay_unique() -> None:
    assert form_number("QJ", dt.date(2026, 1, 1), 12345) == "QJ-2026-12345"
    numbers = {leave_number(dt.date(2026, 3, 1), i) for i in range(1, 2001)}
    assert len(numbers) == 2000
    assert all(re.fullmatch(r"QJ-2026-\d{4,}", n) for n in numbers)
