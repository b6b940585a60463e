"""Roster rules: field formats, the ID-card checksum, masking (SPEC R1, Q3)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from app import strings


class PersonStatus(StrEnum):
    """Where a person on the roster stands (stored as these strings)."""

    PENDING = "pending"  # not started yet
    ACTIVE = "active"
    HANDOVER = "handover"  # leaving, handing over
    LEFT = "left"


STATUSES = tuple(PersonStatus)
STATUS_BY_LABEL = {label: PersonStatus(code) for code, label in strings.STATUS_LABELS.items()}

# GB 11643-1999: weights of the first 17 digits, and the check character for sum mod 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_DEVICE_ID = re.compile(r"^[0-9A-Za-z]{1,9}$")
_PHONE = re.compile(r"^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?(?:\.0+)?)?$"),
    re.compile(strings.DATE_CN_PATTERN),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


class FieldProblem(ValueError):
    """One field's value breaks a rule; ``reason`` is the user's text."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def id_card_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def normalize_id_card(value: str) -> str:
    """Validate a mainland resident ID number (18 characters) and return it upper-cased."""
    v = value.strip().upper().replace(" ", "")
    if len(v) != 18:
        raise FieldProblem(strings.R_BAD_ID_LENGTH.format(value=value))
    if not (v[:17].isdigit() and (v[17].isdigit() or v[17] == "X")):
        raise FieldProblem(strings.R_BAD_ID_CHARS.format(value=value))
    try:
        dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        raise FieldProblem(strings.R_BAD_ID_BIRTH.format(value=value)) from None
    expected = id_card_check_char(v[:17])
    if v[17] != expected:
        raise FieldProblem(strings.R_BAD_ID_CHECKSUM.format(expected=expected, value=value))
    return v


def normalize_phone(value: str) -> str:
    v = value.strip()
    if v and not _PHONE.match(v.replace(" ", "")):
        raise FieldProblem(strings.R_BAD_PHONE.format(value=value))
    return v.replace(" ", "")


def normalize_device_user_id(value: str) -> str | None:
    v = value.strip()
    if v.endswith(".0") and v[:-2].isdigit():  # Excel number read as float text
        v = v[:-2]
    if not v:
        return None
    if not _DEVICE_ID.match(v):
        raise FieldProblem(strings.R_BAD_DEVICE_ID.format(value=value))
    return v


def parse_date(value: str) -> dt.date | None:
    """Dates as typed in Excel: 2026-03-01, 2026/3/1, the Chinese y-m-d form, 20260301."""
    v = value.strip()
    if not v:
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.match(v)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
    raise FieldProblem(strings.R_BAD_DATE.format(value=value))


def parse_status(value: str) -> PersonStatus | None:
    v = value.strip()
    if not v:
        return None
    if v in STATUS_BY_LABEL:
        return STATUS_BY_LABEL[v]
    if v in STATUSES:
        return PersonStatus(v)
    raise FieldProblem(strings.R_BAD_STATUS.format(value=value))


def default_status(start: dt.date | None, end: dt.date | None,
                   today: dt.date) -> PersonStatus:
    if end is not None and end < today:
        return PersonStatus.LEFT
    if start is not None and start > today:
        return PersonStatus.PENDING
    return PersonStatus.ACTIVE


def mask_id_card(value: str) -> str:
    """110105********1234: region and last four kept (Q3)."""
    if len(value) < 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """138****5678 for mobiles; landlines keep area code and last two digits."""
    digits = value
    if len(digits) == 11 and digits.isdigit():
        return digits[:3] + "****" + digits[-4:]
    if len(digits) <= 4:
        return "*" * len(digits)
    return digits[:4] + "*" * (len(digits) - 6) + digits[-2:]


@dataclass
class PersonFields:
    """A person's editable fields after validation (input to the roster service)."""

    employee_no: str
    name: str
    device_user_id: str | None = None
    role: str = ""
    phone: str = ""
    id_card_no: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    status: str = PersonStatus.ACTIVE
    nda_signed: bool = False
    nda_date: dt.date | None = None
    training_done: bool = False
    training_date: dt.date | None = None
    first_work_date: dt.date | None = None
    note: str = ""
    problems: list[tuple[str, str]] = field(default_factory=list)


def check_person(p: PersonFields) -> list[tuple[str, str]]:
    """Rules that hold for one person on their own: (field, reason) for each broken one."""
    problems: list[tuple[str, str]] = []
    if not p.employee_no.strip():
        problems.append(("employee_no", strings.R_EMPTY_EMPLOYEE_NO))
    elif len(p.employee_no) > 50:
        problems.append(("employee_no", strings.R_TOO_LONG.format(n=50)))
    if not p.name.strip():
        problems.append(("name", strings.R_EMPTY_NAME))
    elif len(p.name) > 50:
        problems.append(("name", strings.R_TOO_LONG.format(n=50)))
    if len(p.role) > 50:
        problems.append(("role", strings.R_TOO_LONG.format(n=50)))
    problems.extend(_check_numbers(p))
    if p.status not in STATUSES:
        problems.append(("status", strings.R_BAD_STATUS.format(value=p.status)))
    if p.start_date and p.end_date and p.end_date < p.start_date:
        problems.append(("end_date", strings.R_END_BEFORE_START.format(
            end=p.end_date.isoformat(), start=p.start_date.isoformat())))
    return problems


def _check_numbers(p: PersonFields) -> list[tuple[str, str]]:
    """ID card, phone and device user id: normalised in place, problems returned."""
    problems: list[tuple[str, str]] = []
    for name, check in (("id_card_no", normalize_id_card), ("phone", normalize_phone)):
        value = getattr(p, name)
        if value and "*" in value:
            problems.append((name, strings.R_MASKED.format(column=strings.ROSTER_COLUMNS[name])))
        elif value:
            try:
                setattr(p, name, check(value))
            except FieldProblem as exc:
                problems.append((name, exc.reason))
    if p.device_user_id:
        try:
            p.device_user_id = normalize_device_user_id(p.device_user_id)
        except FieldProblem as exc:
            problems.append(("device_user_id", exc.reason))
    return problems
