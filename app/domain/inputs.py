"""Boundary checks for what a user types or a file brings in (issue 17).

One place for the rules every entry point shares -- the command line, the dialogs' services
and the importers:

* record ids are 1 .. 2**63 - 1 (SQLite's INTEGER; a bigger number is no record and must not
  reach the driver);
* dates a user types lie in 2000-2100 (the clock cannot hold earlier punches, and date
  arithmetic near year 9999 overflows);
* text refuses control characters (a name with a BEL would break every Excel export); a
  multi-line text keeps TAB and line ends;
* numbers typed as codes (ID card, phone, employee and clock numbers) are NFKC-normalised, so
  full-width digits and letters are stored as ASCII;
* free text (names, notes, reasons, setting values) has its full-width digits stored as ASCII
  digits (``clean_text``); nothing else of it changes (NFKC would also turn the Chinese
  full-width comma and brackets into ASCII ones).
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from app import strings
from app.errors import ValidationError

FIRST_YEAR, LAST_YEAR = 2000, 2100
FIRST_DAY, LAST_DAY = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
MAX_RECORD_ID = 2**63 - 1
_MULTILINE_OK = frozenset("\t\n\r")
_FULL_WIDTH_DIGITS = {0xFF10 + i: ord("0") + i for i in range(10)}


def record_id_problem(value: int) -> str | None:
    """Why ``value`` cannot be a record id, or ``None``."""
    if 1 <= value <= MAX_RECORD_ID:
        return None
    return strings.INPUT_ID_OUT_OF_RANGE.format(last=MAX_RECORD_ID, value=value)


def check_record_id(value: int, field: str | None = None) -> int:
    problem = record_id_problem(value)
    if problem:
        raise ValidationError(problem, field)
    return value


def day_in_range(day: dt.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def date_problem(day: dt.date | dt.datetime, label: str = "") -> str | None:
    """Why a typed date (or the date of a typed time) is out of range, or ``None``."""
    d = day.date() if isinstance(day, dt.datetime) else day
    if day_in_range(d):
        return None
    if label:
        return strings.INPUT_FIELD_DATE_OUT_OF_RANGE.format(
            field=label, value=d.isoformat(), first=FIRST_YEAR, last=LAST_YEAR)
    return strings.INPUT_DATE_OUT_OF_RANGE.format(value=d.isoformat(), first=FIRST_YEAR,
                                                  last=LAST_YEAR)


def check_date(day: dt.date, field: str | None = None, label: str = "") -> dt.date:
    """``day`` if it lies in 2000-2100; otherwise ValidationError naming the field."""
    problem = date_problem(day, label)
    if problem:
        raise ValidationError(problem, field)
    return day


def check_datetime(when: dt.datetime, field: str | None = None,
                   label: str = "") -> dt.datetime:
    problem = date_problem(when, label)
    if problem:
        raise ValidationError(problem, field)
    return when


def control_char(text: str, multiline: bool = False) -> tuple[int, str] | None:
    """(1-based position, code) of the first control character of ``text``, or ``None``.

    Control characters are Unicode's Cc (C0, DEL, C1), lone surrogates (Cs) and the
    noncharacters U+FFFE/U+FFFF; a multi-line text may hold TAB, CR and LF."""
    if text.isprintable():
        return None
    for i, c in enumerate(text, start=1):
        if multiline and c in _MULTILINE_OK:
            continue
        if unicodedata.category(c) in ("Cc", "Cs") or c in "\ufffe\uffff":
            return i, f"U+{ord(c):04X}"
    return None


def text_problem(text: str, label: str = "", multiline: bool = False) -> str | None:
    found = control_char(text, multiline)
    if found is None:
        return None
    pos, code = found
    if label:
        return strings.INPUT_FIELD_CONTROL_CHAR.format(field=label, code=code, pos=pos)
    return strings.INPUT_CONTROL_CHAR.format(code=code, pos=pos)


def check_text(text: str, field: str | None = None, label: str = "",
               multiline: bool = False) -> str:
    """``text`` unchanged if it holds no control character; otherwise ValidationError."""
    problem = text_problem(text, label, multiline)
    if problem:
        raise ValidationError(problem, field)
    return text


def fold_digits(text: str) -> str:
    """Full-width digits (U+FF10-U+FF19) as ASCII digits; every other character kept."""
    return text if text.isascii() else text.translate(_FULL_WIDTH_DIGITS)


def clean_text(text: str, field: str | None = None, label: str = "",
               multiline: bool = False) -> str:
    """A typed text as stored: refused (ValidationError naming ``label``) if it holds a
    control character, otherwise stripped and with full-width digits as ASCII."""
    return fold_digits(check_text(text, field, label, multiline)).strip()


def normalize_code(text: str) -> str:
    """Full-width (and other compatibility) digits and letters as ASCII: NFKC."""
    return unicodedata.normalize("NFKC", text) if not text.isascii() else text


def ascii_digits(text: str) -> bool:
    """Only the digits 0-9 (``str.isdigit`` also takes superscripts and other scripts'
    digits, which ``int`` refuses)."""
    return text.isascii() and text.isdigit()
