"""Roster rules: field formats, the ID-card checksum, masking (SPEC R1, Q3)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from app import strings
from app.domain.inputs import ascii_digits, date_problem, normalize_code, text_problem


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
_PHONE = re.compile(r"^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$", re.ASCII)
_TIME_TAIL = r"(?:[ T]0{1,2}:00(?::00)?(?:\.0+)?)?"  # midnight only: a time is no date
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME_TAIL + "$", re.ASCII),
    re.compile(strings.DATE_CN_PATTERN, re.ASCII),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$", re.ASCII),
)
# Excel's day 0 (its 1900 leap-year bug makes serials from March 1900 on count from here).
EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$", re.ASCII)  # 10000..99999: 1927..2173
_SCIENTIFIC = re.compile(r"^([0-9.]+)[eE]\+?(\d+)$", re.ASCII)
IMPORT_FIELDS = tuple(strings.ROSTER_IMPORT_FIELD_LABELS)
REQUIRED_FIELDS = ("employee_no", "name")


class FieldProblem(ValueError):
    """One field's value breaks a rule; ``reason`` is the user's text."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def id_card_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def normalize_id_card(value: str) -> str:
    """Validate a mainland resident ID number (18 characters) and return it upper-cased;
    full-width digits and a lower-case x are accepted."""
    v = unicodedata.normalize("NFKC", value).strip().upper().replace(" ", "")
    if _SCIENTIFIC.match(v):
        raise FieldProblem(strings.R_ID_AS_NUMBER.format(value=value))
    if len(v) != 18:
        raise FieldProblem(strings.R_BAD_ID_LENGTH.format(value=value))
    if not (v.isascii() and v[:17].isdigit() and (v[17].isdigit() or v[17] == "X")):
        raise FieldProblem(strings.R_BAD_ID_CHARS.format(value=value))
    try:
        dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        raise FieldProblem(strings.R_BAD_ID_BIRTH.format(value=value)) from None
    expected = id_card_check_char(v[:17])
    if v[17] != expected:
        raise FieldProblem(strings.R_BAD_ID_CHECKSUM.format(expected=expected, value=value))
    return v


def _from_scientific(v: str, value: str) -> str:
    """'1.3912345678E+10' -> '13912345678'; '1.39E+10' lost digits and is refused."""
    m = _SCIENTIFIC.match(v)
    if not m:
        return v
    try:
        number = Decimal(v)
    except InvalidOperation:
        return v
    digits = m.group(1).replace(".", "").lstrip("0")
    text = str(int(number)) if number == number.to_integral_value() else v
    if len(digits) < len(text):
        raise FieldProblem(strings.R_SCI_TRUNCATED.format(value=value))
    return text


def normalize_phone(value: str) -> str:
    v = unicodedata.normalize("NFKC", value).strip()
    if v.endswith(".0") and ascii_digits(v[:-2]):  # a number cell read as float text
        v = v[:-2]
    v = _from_scientific(v, value)
    if v and not _PHONE.match(v.replace(" ", "")):
        raise FieldProblem(strings.R_BAD_PHONE.format(value=value))
    return v.replace(" ", "")


def normalize_device_user_id(value: str) -> str | None:
    v = unicodedata.normalize("NFKC", value).strip()
    if v.endswith(".0") and ascii_digits(v[:-2]):  # Excel number read as float text
        v = v[:-2]
    if not v:
        return None
    if not _DEVICE_ID.match(v):
        raise FieldProblem(strings.R_BAD_DEVICE_ID.format(value=value))
    return v


def parse_date(value: str) -> dt.date | None:
    """Dates as typed in Excel: 2026-03-01, 2026/3/1, the Chinese y-m-d form, 20260301,
    an Excel day serial (45719); full-width digits are accepted, a midnight time part is dropped."""
    v = unicodedata.normalize("NFKC", value).strip()
    if not v:
        return None
    serial = _SERIAL.match(v)
    if serial:
        return EXCEL_EPOCH + dt.timedelta(days=int(serial.group(1)))
    for pattern in _DATE_PATTERNS:
        m = pattern.match(v)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
    raise FieldProblem(strings.R_BAD_DATE.format(value=value))


def parse_status(value: str) -> PersonStatus | None:
    v = unicodedata.normalize("NFKC", value).strip()
    if not v:
        return None
    if v in STATUS_BY_LABEL:
        return STATUS_BY_LABEL[v]
    if v in strings.STATUS_SYNONYMS:
        return PersonStatus(strings.STATUS_SYNONYMS[v])
    if v in STATUSES:
        return PersonStatus(v)
    raise FieldProblem(strings.R_BAD_STATUS.format(value=value))


def parse_yes_or_date(value: str) -> tuple[bool, dt.date | None]:
    """An NDA / training cell: empty or a "no" word -> not done; a "yes" word ->
    done; a date -> done that day."""
    v = unicodedata.normalize("NFKC", value).strip().lower()
    if not v or v in strings.NO_WORDS:
        return False, None
    if v in strings.YES_WORDS:
        return True, None
    try:
        return True, parse_date(v)
    except FieldProblem:
        raise FieldProblem(strings.R_BAD_YES_NO.format(value=value)) from None


# ---- import headers ---------------------------------------------------------------------------
_HEADER_NOTE = re.compile(r"(\([^()]*\)|\[[^\[\]]*\]|\u3010[^\u3010\u3011]*\u3011)$")


def header_key(text: str) -> str:
    """A header cell as compared with the known names: NFKC (full-width to half-width), no
    spaces or line breaks, lower case, without "*", a trailing ":" or trailing "(...)" notes
    such as "(required)"."""
    v = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()
    while True:
        stripped = _HEADER_NOTE.sub("", v.strip("*:")).strip("*:")
        if stripped == v or not stripped:
            return stripped or v
        v = stripped


FIELD_BY_HEADER = {header_key(name): code
                   for code, names in strings.ROSTER_HEADER_SYNONYMS.items() for name in names}


def known_field(header: str) -> str | None:
    """The roster field a column of this name holds, if it is one of the common names."""
    return FIELD_BY_HEADER.get(header_key(header))


def field_code(text: str) -> str:
    """A field as the user names it: its code (``phone``) or its Chinese name or a common one."""
    v = text.strip()
    if v in IMPORT_FIELDS:
        return v
    code = known_field(v)
    if code is None:
        raise FieldProblem(strings.ROSTER_MAP_UNKNOWN_FIELD.format(
            field=text, fields=strings.LIST_SEP.join(
                f"{label}/{c}" for c, label in strings.ROSTER_IMPORT_FIELD_LABELS.items())))
    return code


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
    p.employee_no = normalize_code(p.employee_no).strip()  # full-width letters and digits
    problems.extend(_control_chars(p))
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
    problems.extend(_check_dates(p))
    if p.status not in STATUSES:
        problems.append(("status", strings.R_BAD_STATUS.format(value=p.status)))
    if p.start_date and p.end_date and p.end_date < p.start_date:
        problems.append(("end_date", strings.R_END_BEFORE_START.format(
            end=p.end_date.isoformat(), start=p.start_date.isoformat())))
    return problems


_TEXT_FIELDS = (("employee_no", False), ("name", False), ("role", False),
                ("device_user_id", False), ("phone", False), ("id_card_no", False),
                ("note", True))


def _control_chars(p: PersonFields) -> list[tuple[str, str]]:
    """Text fields holding a control character (a note may hold line ends)."""
    problems = []
    for name, multiline in _TEXT_FIELDS:
        problem = text_problem(getattr(p, name) or "", multiline=multiline)
        if problem:
            problems.append((name, problem))
    return problems


FIRST_WORK_YEAR = 1900  # a first working day may lie long before the app's 2000-2100


def _check_dates(p: PersonFields) -> list[tuple[str, str]]:
    """Dates on the project lie in 2000-2100; a first working day in 1900-2100."""
    problems = []
    for name in ("start_date", "end_date", "nda_date", "training_date"):
        value = getattr(p, name)
        problem = date_problem(value) if value is not None else None
        if problem:
            problems.append((name, problem))
    first = p.first_work_date
    if first is not None and not FIRST_WORK_YEAR <= first.year <= 2100:
        problems.append(("first_work_date", strings.INPUT_DATE_OUT_OF_RANGE.format(
            value=first.isoformat(), first=FIRST_WORK_YEAR, last=2100)))
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
