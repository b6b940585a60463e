"""The parser fuzzers' properties (issue 17, deliverable 6), shared by the CI tests
(tests/fuzz/test_fuzz_parsers.py, a small fixed budget) and the long run
(tests/fuzz/long_run.py).

For every parser of outside data -- the clock's USB export, the LAN attendance table and
user records, roster workbooks and CSV files, holiday CSV and JSON files -- the property is:

* any input is either parsed (records and per-line/row problems, each with a reason) or
  refused as a whole with the parser's own expected error (an AppError, or the LAN table's
  AttendanceTableError, which carries a Chinese detail) -- never any other exception;
* in a file that mixes good lines/rows with garbage, every good one still comes through.

Each property is a plain function of one drawn value; :data:`PROPERTIES` maps a parser's
name to (strategy, check).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import struct
import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from app.devices.clock_lan import (
    AttendanceTableError,
    _to_clock_user,
    encode_time,
    parse_attendance_table,
)
from app.devices.clock_usb import parse_attlog, parse_attlog_file
from app.errors import AppError
from app.services import Services

NOW = dt.datetime(2026, 11, 29, 10, 0)  # the suite's fixed clock
BASE = dt.datetime(2026, 10, 1, 7, 0)

# ---- building blocks -----------------------------------------------------------------------
# Any character but the line ends; surrogates excluded only where text must be encodable.
LINE_TEXT = st.text(st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)),
                    max_size=80)
LINE_BYTES = st.binary(max_size=60).map(lambda b: b.replace(b"\n", b"").replace(b"\r", b""))
CELL_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


def _reason_ok(reason: object) -> None:
    assert isinstance(reason, str) and reason.strip(), reason


# ---- USB attlog -----------------------------------------------------------------------------
@st.composite
def good_usb_line(draw: st.DrawFn) -> tuple[str, dt.datetime, str]:
    """(device user id, time, line) in one of the three layouts, maybe id-padded."""
    uid = str(draw(st.integers(1, 99999)))
    when = BASE + dt.timedelta(minutes=draw(st.integers(0, 40 * 24 * 60)))
    stamp = when.strftime("%Y-%m-%d %H:%M:%S")
    state, verify = draw(st.integers(0, 5)), draw(st.integers(0, 15))
    shown = uid.rjust(draw(st.sampled_from([0, 5, 9])))
    layout = draw(st.sampled_from(["six", "five", "name", "six-empty"]))
    if layout == "six":
        line = f"{shown}\t{stamp}\t1\t{state}\t{verify}\t0"
    elif layout == "six-empty":
        line = f"{shown}\t{stamp}\t1\t\t\t0"
    elif layout == "five":
        line = f"{shown}\t{stamp}\t1\t{state}\t0"
    else:
        line = f"{shown}\t{draw(st.sampled_from(['张三', 'Li Si', '']))}\t{stamp}\t1\t{state}"
    return uid, when, line


@st.composite
def mutated_usb_line(draw: st.DrawFn) -> str:
    """A good line with one character replaced, inserted or deleted."""
    _, _, line = draw(good_usb_line())
    i = draw(st.integers(0, len(line)))
    c = draw(st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)))
    op = draw(st.sampled_from(["replace", "insert", "delete"]))
    if op == "insert":
        return line[:i] + c + line[i:]
    if op == "delete":
        return line[:i] + line[i + 1:]
    return line[:i] + c + line[i + 1:]


@dataclass
class UsbFile:
    data: bytes
    good: dict[int, tuple[str, dt.datetime]]  # line number -> (id, time)


@st.composite
def usb_file(draw: st.DrawFn) -> UsbFile:
    """Good lines (the first always good: a garbage first line may be a BOM) mixed with
    garbage text, garbage bytes and damaged good lines, one line-end style per file."""
    end = draw(st.sampled_from([b"\n", b"\r\n", b"\r"]))
    n = draw(st.integers(3, 25))
    lines: list[bytes] = []
    good: dict[int, tuple[str, dt.datetime]] = {}
    for i in range(n):
        kind = "good" if i == 0 else draw(st.sampled_from(
            ["good", "good", "text", "bytes", "mutated", "blank"]))
        if kind == "good":
            uid, when, line = draw(good_usb_line())
            good[i + 1] = (uid, when)
            lines.append(line.encode())
        elif kind == "text":
            lines.append(draw(LINE_TEXT).encode("utf-8", "surrogatepass"))
        elif kind == "bytes":
            lines.append(draw(LINE_BYTES))
        elif kind == "mutated":
            lines.append(draw(mutated_usb_line()).encode("utf-8", "surrogatepass"))
        else:
            lines.append(b"")
    return UsbFile(end.join(lines) + draw(st.sampled_from([b"", end])), good)


def check_usb(f: UsbFile) -> None:
    result = parse_attlog(f.data)
    assert result.read == len(result.records) + len(result.problems)
    for p in result.problems:
        _reason_ok(p.reason)
        assert p.line is not None
    by_line = {r.line: r for r in result.records}
    # good lines come through (a cluster of good punches: none is held back as implausible)
    times = sorted(t for _, t in f.good.values())
    if len(times) >= 3 and times[-1] - times[-3] <= dt.timedelta(days=31):
        for line, (uid, when) in f.good.items():
            r = by_line.get(line)
            assert r is not None and (r.device_user_id, r.punched_at) == (uid, when), line


def check_usb_bytes(data: bytes) -> None:
    """Any bytes as a file: parsed, or refused whole with an ImportFileError."""
    with _temp_file(".dat", data) as path:
        try:
            result = parse_attlog_file(path)
        except AppError as exc:
            _reason_ok(exc.message)
            return
    assert result.read == len(result.records) + len(result.problems)


# ---- LAN attendance table and users ---------------------------------------------------------
@dataclass
class LanTable:
    table: bytes
    count: int
    good: dict[int, tuple[str, dt.datetime]]  # record index -> (id, time)


def _rec16(uid: int, when: dt.datetime) -> bytes:
    return struct.pack("<IIBB2sI", uid, encode_time(when), 1, 0, b"\0\0", 0)


@st.composite
def lan_table(draw: st.DrawFn) -> LanTable:
    """16-byte records, at most one in five garbage, and maybe a cut tail; the count the
    clock reported is right or off."""
    n = draw(st.integers(5, 40))
    records: list[bytes] = []
    good: dict[int, tuple[str, dt.datetime]] = {}
    bad_left = n // 5
    for i in range(n):
        if bad_left and draw(st.booleans()):
            bad_left -= 1
            records.append(draw(st.binary(min_size=16, max_size=16)))
            continue
        uid = draw(st.integers(1, 99999))
        when = BASE + dt.timedelta(seconds=draw(st.integers(0, 40 * 86400)))
        good[i + 1] = (str(uid), when)
        records.append(_rec16(uid, when))
    body = b"".join(records) + draw(st.binary(max_size=15))
    count = draw(st.sampled_from([n, n, n + 1, n - 1, 0]))
    return LanTable(struct.pack("<I", len(body)) + body, count, good)


def check_lan(t: LanTable) -> None:
    try:
        result = parse_attendance_table(t.table, t.count, encoding="gbk", not_after=NOW)
    except AttendanceTableError as exc:
        _reason_ok(exc.detail)
        return
    for p in result.problems:
        _reason_ok(p.reason)
    got = {r.line: (r.device_user_id, r.punched_at) for r in result.records}
    if t.count == (len(t.table) - 4) // 16:  # the count fits: every good record comes through
        for i, want in t.good.items():
            assert got.get(i) == want, i


@dataclass
class LanBytes:
    table: bytes
    count: int
    encoding: str


LAN_BYTES = st.builds(LanBytes, st.binary(max_size=400), st.integers(-3, 2**32),
                      st.sampled_from(["gbk", "utf-8", "latin-1", "big5"]))


def check_lan_bytes(t: LanBytes) -> None:
    """Any bytes, with or without a right length prefix, as an attendance table."""
    for table in (t.table, struct.pack("<I", len(t.table)) + t.table):
        try:
            result = parse_attendance_table(table, t.count, user_ids_by_uid={1: "7"},
                                            encoding=t.encoding, not_after=NOW)
        except AttendanceTableError as exc:
            _reason_ok(exc.detail)
            continue
        for p in result.problems:
            _reason_ok(p.reason)


@dataclass
class LanUser:
    uid: int
    user_id: str
    name: str
    privilege: int


LAN_USER = st.builds(LanUser, st.integers(0, 65535), CELL_TEXT, CELL_TEXT, st.integers(0, 14))


def check_lan_user(u: LanUser) -> None:
    user = _to_clock_user(u)
    assert user.name.isprintable() and user.user_id.isprintable()


# ---- roster ---------------------------------------------------------------------------------
_SERVICES: dict[str, Services] = {}


def roster_services() -> Services:
    """One migrated database for the roster and holiday properties (they only read it)."""
    if "s" not in _SERVICES:
        from tests.helpers.db import open_services

        folder = Path(tempfile.mkdtemp(prefix="onsitedesk-fuzz-"))
        _SERVICES["s"] = open_services(folder / "fuzz.db", daily_backup=False)
    return _SERVICES["s"]


def close_services() -> None:
    s = _SERVICES.pop("s", None)
    if s is not None:
        s.close()


@contextlib.contextmanager
def _temp_file(suffix: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="onsitedesk-fuzz-") as folder:
        path = Path(folder) / f"f{suffix}"
        path.write_bytes(data)
        yield path


CELL = st.one_of(
    CELL_TEXT, st.none(), st.booleans(), st.integers(-10**16, 10**16),
    st.floats(allow_nan=True, allow_infinity=False, width=64),
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
    st.sampled_from(["=A1", "=1/0", '=""', "13912345678", "1.3912345678E+10", "2026/3/1",
                     "45719", "是", "否", "在岗", "\u00b9", "１２３"]),
)
HEADERS = ["工号", "姓名", "考勤号", "手机号", "身份证号", "入职日期", "离职日期", "状态", "备注",
           "岗位"]


@dataclass
class RosterSheet:
    header_row: list[Any]
    rows: list[list[Any]]
    good: dict[int, str]  # 1-based sheet row -> employee number
    title_rows: int


@st.composite
def roster_sheet(draw: st.DrawFn) -> RosterSheet:
    """Title rows, a header with 工号 and 姓名 first, then good rows (unique numbers) mixed
    with rows of arbitrary cells."""
    extra = draw(st.lists(st.sampled_from(HEADERS[2:]), max_size=5, unique=True))
    header: list[Any] = ["工号", "姓名", *extra]
    titles = draw(st.integers(0, 2))
    rows: list[list[Any]] = []
    good: dict[int, str] = {}
    for i in range(draw(st.integers(1, 12))):
        if draw(st.booleans()):
            no = f"GOOD{i}Q"
            good[titles + 2 + i] = no
            rows.append([no, "张三"] + [None] * len(extra))
        else:
            rows.append(draw(st.lists(CELL, min_size=1, max_size=len(header) + 2)))
    return RosterSheet(header, rows, good, titles)


def _check_plan(make: Callable[[], Any], sheet: RosterSheet | None) -> None:
    s = roster_services()
    try:
        plan = make()
    except AppError as exc:
        _reason_ok(exc.message)
        return
    for p in plan.problems:
        _reason_ok(p.reason)
        assert p.row >= 1
    if sheet is not None and not plan.missing:
        valid = {row: person.employee_no for row, person in plan.valid}
        for row, no in sheet.good.items():
            assert valid.get(row) == no, (row, no, plan.problems)
    del s


def roster_csv_bytes(sheet: RosterSheet) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    for _ in range(sheet.title_rows):
        w.writerow(["某项目驻场人员名单"])
    w.writerow(sheet.header_row)
    for row in sheet.rows:
        w.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8")


def check_roster_csv(sheet: RosterSheet) -> None:
    data = roster_csv_bytes(sheet)
    # a cell with a line break is one CSV record over several lines: row numbers then count
    # records, so the good-row check holds only for single-line cells
    multiline = any(isinstance(v, str) and ("\n" in v or "\r" in v)
                    for row in sheet.rows for v in row)
    with _temp_file(".csv", data) as path:
        _check_plan(lambda: roster_services().roster_io.plan(path),
                    None if multiline else sheet)


def check_roster_bytes(data: bytes) -> None:
    """Any bytes as a .csv and as an .xlsx file."""
    for suffix in (".csv", ".xlsx"):
        with _temp_file(suffix, data) as path:
            _check_plan(lambda p=path: roster_services().roster_io.plan(p), None)  # type: ignore[misc]


def roster_xlsx_bytes(sheet: RosterSheet, hidden_first: bool) -> bytes:
    import openpyxl

    import app.documents.excel_common  # noqa: F401 -- cells drop characters Excel cannot hold

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    if hidden_first:
        ws.title = "lists"
        ws.append(["岗位"])
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("花名册")
    for _ in range(sheet.title_rows):
        ws.append(["某项目驻场人员名单"])
    ws.append(sheet.header_row)
    for row in sheet.rows:
        ws.append(row)
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb.save(out)
    return out.getvalue()


@dataclass
class RosterBook:
    sheet: RosterSheet
    hidden_first: bool


ROSTER_BOOK = st.builds(RosterBook, roster_sheet(), st.booleans())


def check_roster_xlsx(book: RosterBook) -> None:
    data = roster_xlsx_bytes(book.sheet, book.hidden_first)
    with _temp_file(".xlsx", data) as path:
        _check_plan(lambda: roster_services().roster_io.plan(path), book.sheet)


# ---- holidays -------------------------------------------------------------------------------
GOOD_DAYS = [(dt.date(2027, 10, 4) + dt.timedelta(days=i)) for i in range(60)]


def _good_holiday_line(day: dt.date) -> str:
    kind = "adjusted_workday" if day.weekday() >= 5 else "rest_day"
    return f"{day.isoformat()},{kind},测试"


@dataclass
class HolidayCsv:
    text: str
    end: str
    good: set[dt.date]
    quotes: bool


@st.composite
def holiday_csv(draw: st.DrawFn) -> HolidayCsv:
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = ["date,kind,name"] if draw(st.booleans()) else []
    good: set[dt.date] = set()
    days = draw(st.lists(st.sampled_from(GOOD_DAYS), max_size=10, unique=True))
    garbage = draw(st.lists(LINE_TEXT, max_size=10))
    for item in draw(st.permutations([*days, *garbage])):
        if isinstance(item, dt.date):
            good.add(item)
            lines.append(_good_holiday_line(item))
        else:
            lines.append(item)
    text = end.join(lines)
    return HolidayCsv(text, end, good, '"' in text)


def check_holiday_csv(h: HolidayCsv) -> None:
    s = roster_services()
    with _temp_file(".csv", h.text.encode("utf-8")) as path:
        try:
            plan = s.holidays.plan_import(path)
        except AppError as exc:
            _reason_ok(exc.message)
            return
    for e in (*plan.errors, *plan.warnings):
        _reason_ok(e.text)
    if not h.quotes:  # an unclosed quote swallows the rest of a CSV file, by CSV's rules
        got = {e.date for e in plan.rows}
        assert h.good <= got, h.good - got


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | CELL_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(CELL_TEXT, inner, max_size=4),
    max_leaves=20)


@st.composite
def holiday_json(draw: st.DrawFn) -> str:
    """holiday-cn documents with arbitrary days, or arbitrary JSON, or arbitrary text."""
    kind = draw(st.sampled_from(["doc", "doc", "value", "text", "deep"]))
    if kind == "value":
        return json.dumps(draw(JSON_VALUE))
    if kind == "text":
        return "{" + draw(CELL_TEXT)
    if kind == "deep":
        n = draw(st.sampled_from([500, 5_000, 200_000]))
        return '{"year": 2027, "days": ' + "[" * n + "]" * n + "}"
    day = st.fixed_dictionaries({}, optional={
        "name": JSON_VALUE, "date": st.one_of(JSON_VALUE, st.dates().map(str)),
        "isOffDay": JSON_VALUE})
    doc = {"year": draw(st.one_of(st.integers(1990, 2110), JSON_VALUE)),
           "days": draw(st.lists(day, max_size=8))}
    return json.dumps(doc, ensure_ascii=draw(st.booleans()))


def check_holiday_json(text: str) -> None:
    s = roster_services()
    with _temp_file(".json", text.encode("utf-8", "surrogatepass")) as path:
        try:
            plan = s.holidays.plan_import(path)
        except AppError as exc:
            _reason_ok(exc.message)
            return
    for e in (*plan.errors, *plan.warnings):
        _reason_ok(e.text)


# ---- the table ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Property:
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    ci_examples: int  # the CI budget (tests/fuzz/test_fuzz_parsers.py)


PROPERTIES: dict[str, Property] = {
    "usb_attlog": Property(usb_file(), check_usb, 200),
    "usb_file_bytes": Property(st.binary(max_size=600), check_usb_bytes, 200),
    "lan_table": Property(lan_table(), check_lan, 200),
    "lan_table_bytes": Property(LAN_BYTES, check_lan_bytes, 200),
    "lan_user": Property(LAN_USER, check_lan_user, 200),
    "roster_csv": Property(roster_sheet(), check_roster_csv, 200),
    "roster_xlsx": Property(ROSTER_BOOK, check_roster_xlsx, 100),
    "roster_file_bytes": Property(st.binary(max_size=400), check_roster_bytes, 100),
    "holiday_csv": Property(holiday_csv(), check_holiday_csv, 200),
    "holiday_json": Property(holiday_json(), check_holiday_json, 200),
}
