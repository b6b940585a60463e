"""Holiday calendar use cases (SPEC A7, RULES §1.7): seed, read, import from USB, edit.

Import is two steps like the roster import: :meth:`HolidayService.plan_import` reads and checks
the whole file and computes the diff against the table; :meth:`HolidayService.commit_import`
writes it in one audited transaction. Unlike the roster, one bad row refuses the whole file: a
holiday year is one notice, and half a notice would give wrong required days silently.

Accepted files:

* the app's CSV ``date,kind,name`` (an optional ``weekday`` column is checked against the
  date), UTF-8 with or without BOM, or GB18030 (Excel on a Chinese Windows);
* NateScarlet/holiday-cn JSON ``{"year", "papers", "days": [{"name", "date", "isOffDay"}]}``.
  It has no statutory flag, so statutory days are derived by the national rule from
  ``data/lunar-festivals.csv``; other weekday days off become ``rest_day``, days off on a
  weekend need no row, and ``isOffDay: false`` is an ``adjusted_workday``.

A file *replaces* the years it covers (the JSON's declared year; for a CSV every year that has
a statutory holiday in it). Rows of a neighbouring year near the turn of the year (a 12-31 off
or a late-December working Sunday, as notices often include) are only *merged* into that year.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import config, strings
from app.domain.calendar import (
    ADJUSTED_WORKDAY,
    ALL_KINDS,
    CONFIRMED,
    PROVISIONAL,
    REST_DAY,
    STATUTORY_HOLIDAY,
    TABLE_KINDS,
    YEAR_STATUSES,
    DayEntry,
    HolidayCalendar,
    LunarFestivals,
    balance_warning,
    default_kind,
    fixed_statutory_days,
    is_weekend,
    normalize_kind,
    parse_weekday,
    rule_problem,
    statutory_days,
    streak_warnings,
    year_warnings,
)
from app.domain.inputs import FIRST_YEAR, LAST_YEAR, clean_text, control_char, day_in_range
from app.domain.roster import FieldProblem, parse_date
from app.errors import AppError, ImportFileError, ValidationError
from app.security.guard import writes
from app.services.changes import CALENDAR, NONE, Changes
from app.storage.db import Database
from app.storage.tables import HolidayDay, HolidayYear

BUNDLED_FILE = "holidays.csv"
LUNAR_FILE = "lunar-festivals.csv"
SOURCE_BUNDLED = "bundled"
NAME_MAX = 100
SPILLOVER_DAYS = 14
"""A row this close to the turn of a year it does not belong to is a break's spill-over."""
_CSV_HEADERS = {"date": "date", "weekday": "weekday", "kind": "kind", "name": "name",
                "note": "note", **strings.HOLIDAY_CSV_HEADERS}
_KIND_BY_TEXT = {**{k: k for k in TABLE_KINDS},
                 **{label: k for k, label in strings.HOLIDAY_KIND_LABELS.items()
                    if k in TABLE_KINDS},
                 **strings.HOLIDAY_KIND_ALIASES}


# ---- DTOs ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class HolidayDayDTO:
    date: dt.date
    kind: str
    name: str
    source: str = ""
    note: str = ""

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def kind_label(self) -> str:
        return strings.HOLIDAY_KIND_LABELS.get(self.kind, self.kind)

    @property
    def weekday_label(self) -> str:
        return strings.HOLIDAY_WEEKDAYS[self.date.weekday()]


@dataclass(frozen=True)
class HolidayYearDTO:
    year: int
    status: str
    source: str = ""
    notice_ref: str = ""
    imported_at: dt.datetime | None = None

    @property
    def provisional(self) -> bool:
        return self.status != CONFIRMED


@dataclass(frozen=True)
class HolidayProblem:
    """One problem with an import file: where (file, line when known) and why."""

    file: str
    line: int | None
    reason: str

    @property
    def text(self) -> str:
        if self.line is None:
            return strings.HOLIDAY_PROBLEM_IN_FILE.format(file=self.file, reason=self.reason)
        return strings.HOLIDAY_PROBLEM_AT_LINE.format(file=self.file, line=self.line,
                                                      reason=self.reason)


@dataclass(frozen=True)
class YearDiff:
    """What an import would do to one year; ``replace`` False = only the listed dates."""

    year: int
    replace: bool
    status_before: str
    added: tuple[DayEntry, ...] = ()
    changed: tuple[tuple[DayEntry, DayEntry], ...] = ()  # (before, after)
    removed: tuple[DayEntry, ...] = ()

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed)


@dataclass(frozen=True)
class HolidayImportPlan:
    path: Path
    format: str  # csv | json
    replace_years: tuple[int, ...]
    rows: tuple[DayEntry, ...]
    errors: tuple[HolidayProblem, ...]
    warnings: tuple[HolidayProblem, ...]
    diffs: tuple[YearDiff, ...]
    notice_ref: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def problems(self) -> tuple[HolidayProblem, ...]:
        """Errors then warnings, for one problem table in the import dialog."""
        return self.errors + self.warnings

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(d.year for d in self.diffs)


@dataclass(frozen=True)
class HolidayImportResult:
    years: tuple[int, ...]
    added: int
    changed: int
    removed: int


# ---- reading files (pure: text in, rows and problems out) -----------------------------------
@dataclass
class _Parsed:
    file: str
    rows: list[tuple[int | None, DayEntry]] = field(default_factory=list)
    errors: list[HolidayProblem] = field(default_factory=list)
    warnings: list[HolidayProblem] = field(default_factory=list)
    replace_years: set[int] = field(default_factory=set)
    notice_ref: str = ""

    def error(self, line: int | None, reason: str) -> None:
        self.errors.append(HolidayProblem(self.file, line, reason))

    def warn(self, line: int | None, reason: str) -> None:
        self.warnings.append(HolidayProblem(self.file, line, reason))


def read_text(path: Path) -> str:
    """UTF-8 (BOM or not), else GB18030; a file neither can read is refused whole."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(strings.HOLIDAY_FILE_UNREADABLE.format(path=path, err=exc)) from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(strings.HOLIDAY_FILE_UNREADABLE.format(path=path, err="encoding"))


def _csv_columns(cells: list[str]) -> tuple[dict[str, int], bool]:
    """Column positions, and whether ``cells`` was a header row."""
    header = {_CSV_HEADERS.get(c.lower().replace(" ", "")): i for i, c in enumerate(cells)}
    if "date" in header and "kind" in header:
        return {k: i for k, i in header.items() if k is not None}, True
    if len(cells) >= 4:
        return {"date": 0, "weekday": 1, "kind": 2, "name": 3}, False
    return {"date": 0, "kind": 1, "name": 2}, False


def _csv_entry(p: _Parsed, line: int, cells: list[str], cols: dict[str, int]) -> None:
    def cell(key: str) -> str:
        i = cols.get(key)
        return cells[i] if i is not None and i < len(cells) else ""

    try:
        date = parse_date(cell("date"))
    except FieldProblem:
        date = None
    if date is None:
        p.error(line, strings.HOLIDAY_E_BAD_DATE.format(value=_cut(cell("date")))
                if cell("date") else strings.HOLIDAY_E_NO_DATE)
        return
    if not _in_range(p, line, date):
        return
    kind = _KIND_BY_TEXT.get(cell("kind"), _KIND_BY_TEXT.get(cell("kind").lower()))
    if kind is None:
        p.error(line, strings.HOLIDAY_E_UNKNOWN_KIND.format(value=_cut(cell("kind"))))
        return
    given = cell("weekday")
    weekday = parse_weekday(given) if given else None
    if weekday is not None and weekday != date.weekday():
        p.error(line, strings.HOLIDAY_E_WEEKDAY_MISMATCH.format(
            date=date, actual=strings.HOLIDAY_WEEKDAYS[date.weekday()], given=_cut(given)))
        return
    p.rows.append((line, DayEntry(date, kind, cell("name"))))


def parse_csv(text: str, file: str) -> _Parsed:
    """The app's own format; the header row is optional (3 or 4 columns by position).

    Any line ends (LF, CRLF, or a classic Mac's CR alone) are read; a record the CSV
    reader cannot take (a field over its size limit, an unclosed quote) is an error at its
    line, and the rest of the file is not read (the file is refused anyway)."""
    p = _Parsed(file)
    reader = csv.reader(io.StringIO(text, newline=None))  # universal line ends
    cols: dict[str, int] | None = None
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            p.error(reader.line_num or 1, strings.HOLIDAY_E_CSV_BROKEN.format(
                limit=csv.field_size_limit()))
            break
        cells = [c.strip() for c in record]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if cols is None:
            cols, was_header = _csv_columns(cells)
            if was_header:
                continue
        if len(cells) < 2:
            p.error(reader.line_num, strings.HOLIDAY_E_TOO_FEW_COLUMNS)
            continue
        _csv_entry(p, reader.line_num, cells, cols)
    p.replace_years = _covered_years([e for _, e in p.rows])
    return p


def _cut(value: object, limit: int = 40) -> str:
    """A value as a message shows it: at most ``limit`` characters, control characters
    escaped (a file may hold anything)."""
    text = str(value)
    cut = len(text) > limit
    text = text[:limit]
    if not text.isprintable():
        text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
    return text + "\u2026" if cut else text


def _in_range(p: _Parsed, line: int | None, date: dt.date) -> bool:
    """Holiday dates lie in 2000-2100 (an error at the line otherwise)."""
    if day_in_range(date):
        return True
    p.error(line, strings.HOLIDAY_E_DATE_OUT_OF_RANGE.format(
        value=date.isoformat(), first=FIRST_YEAR, last=LAST_YEAR))
    return False


def _near_turn_of_year(d: dt.date) -> bool:
    return d.timetuple().tm_yday <= SPILLOVER_DAYS or (
        dt.date(d.year, 12, 31) - d).days < SPILLOVER_DAYS


def _covered_years(entries: list[DayEntry]) -> set[int]:
    """Years a CSV replaces: all but those with only a few rows near the turn of the year."""
    years = {e.date.year for e in entries}
    spill = {y for y in years
             if all(e.kind != STATUTORY_HOLIDAY and _near_turn_of_year(e.date)
                    for e in entries if e.date.year == y)}
    return years - spill if years - spill else years


def _json_lines(text: str, values: list[str]) -> list[int | None]:
    """Line of each value's first occurrence after the previous one (json has no positions)."""
    out: list[int | None] = []
    pos = 0
    for value in values:
        found = text.find(json.dumps(value, ensure_ascii=False), pos)
        if found < 0:
            out.append(None)
            continue
        out.append(text.count("\n", 0, found) + 1)
        pos = found + 1
    return out


def _json_document(text: str, path: Path) -> tuple[int, list[dict[str, Any]], str]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(strings.HOLIDAY_FILE_BAD_JSON.format(
            path=path.name, line=exc.lineno, err=exc.msg)) from exc
    except RecursionError:
        raise ImportFileError(strings.HOLIDAY_FILE_TOO_DEEP.format(path=path.name)) from None
    except ValueError:  # an integer of more digits than Python converts
        raise ImportFileError(strings.HOLIDAY_FILE_BAD_NUMBER.format(path=path.name)) from None
    days = doc.get("days") if isinstance(doc, dict) else None
    year = doc.get("year") if isinstance(doc, dict) else None
    if (not isinstance(days, list) or not isinstance(year, int) or isinstance(year, bool)
            or not all(isinstance(d, dict) for d in days)):
        raise ImportFileError(strings.HOLIDAY_FILE_BAD_JSON_SHAPE.format(path=path.name))
    papers = doc.get("papers")
    ref = " ".join(str(x) for x in papers) if isinstance(papers, list) else ""
    return year, days, ref[:500]


def parse_holiday_cn(text: str, path: Path, lunar: dict[int, LunarFestivals]) -> _Parsed:
    """NateScarlet/holiday-cn JSON; statutory days derived by the national rule."""
    year, days, ref = _json_document(text, path)
    p = _Parsed(path.name, replace_years={year}, notice_ref=ref)
    if year not in lunar:
        p.error(None, strings.HOLIDAY_E_NO_LUNAR.format(year=year, first=min(lunar),
                                                        last=max(lunar)))
        return p
    statutory = statutory_days(lunar[year])
    lines = _json_lines(text, [str(d.get("date", "")) for d in days])
    for line, item in zip(lines, days, strict=True):
        _json_entry(p, line, item, year, statutory)
    return p


def _json_entry(p: _Parsed, line: int | None, item: dict[str, Any], year: int,
                statutory: dict[dt.date, str]) -> None:
    raw, off = _text(item.get("date", "")), item.get("isOffDay")
    name = _text(item.get("name", ""))
    try:
        date = parse_date(raw)
    except FieldProblem:
        date = None
    if date is None:
        p.error(line, strings.HOLIDAY_E_BAD_DATE.format(value=_cut(raw)) if raw
                else strings.HOLIDAY_E_NO_DATE)
        return
    if not _in_range(p, line, date):
        return
    if not isinstance(off, bool):
        p.error(line, strings.HOLIDAY_E_BAD_OFFDAY.format(value=_cut(_text(off))))
        return
    if date.year != year and not (abs(date.year - year) == 1 and _near_turn_of_year(date)):
        p.error(line, strings.HOLIDAY_E_OUTSIDE_YEAR.format(date=date, year=year))
        return
    if not off:
        p.rows.append((line, DayEntry(date, ADJUSTED_WORKDAY, name.strip())))
    elif date in statutory or (date.month, date.day) == (1, 1):
        p.rows.append((line, DayEntry(
            date, STATUTORY_HOLIDAY,
            statutory.get(date, strings.HOLIDAY_FESTIVAL_NAMES["new_year"]))))
    elif not is_weekend(date):
        p.rows.append((line, DayEntry(date, REST_DAY, name.strip())))
    # a day off on a weekend is the fallback already: no row


def _text(value: object) -> str:
    """A JSON value as text (a nested value as JSON text, never an unbounded repr)."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False)[:1000]
    except (RecursionError, ValueError):
        return "?"


def _check_rows(p: _Parsed) -> None:
    """Errors that refuse the file: duplicates, names too long, kinds impossible on the date."""
    first_line: dict[dt.date, int | None] = {}
    for line, entry in p.rows:
        if entry.date in first_line:
            p.error(line, strings.HOLIDAY_E_DUPLICATE.format(date=entry.date,
                                                            line=first_line[entry.date]))
            continue
        first_line[entry.date] = line
        problem = rule_problem(entry)
        if problem:
            p.error(line, problem)
        if len(entry.name) > NAME_MAX:
            p.error(line, strings.HOLIDAY_E_NAME_TOO_LONG.format(n=NAME_MAX,
                                                                value=_cut(entry.name)))
        bad = control_char(entry.name)
        if bad is not None:
            p.error(line, strings.HOLIDAY_E_CONTROL_CHAR.format(code=bad[1]))
    if not p.rows and not p.errors:
        p.error(None, strings.HOLIDAY_E_NO_ROWS)


def _by_line(problems: list[HolidayProblem]) -> tuple[HolidayProblem, ...]:
    """File order, whole-file problems last (stable: same-line problems keep their order)."""
    return tuple(sorted(problems, key=lambda e: (e.line is None, e.line or 0)))


# ---- bundled reference data ------------------------------------------------------------------
@functools.cache
def bundled_entries() -> tuple[DayEntry, ...]:
    """``data/holidays.csv``: the official notices the app ships (read once per process)."""
    path = config.data_path(BUNDLED_FILE)
    p = parse_csv(read_text(path), path.name)
    _check_rows(p)
    if p.errors:
        raise AppError(strings.HOLIDAY_BUNDLED_BROKEN.format(
            path=path, problems="; ".join(e.text for e in p.errors[:3])))
    return tuple(e for _, e in p.rows)


@functools.cache
def lunar_festivals() -> dict[int, LunarFestivals]:
    """``data/lunar-festivals.csv`` (generated by packaging/gen_lunar_festivals.py)."""
    out: dict[int, LunarFestivals] = {}
    with config.data_path(LUNAR_FILE).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            dates = {k: dt.date.fromisoformat(v) for k, v in row.items() if k != "year"}
            out[int(row["year"])] = LunarFestivals(year=int(row["year"]), **dates)
    return out


ESTIMATE_YEARS = range(2000, 2100)


@functools.cache
def rule_estimates() -> dict[dt.date, str]:
    """Every year's statutory holidays by the national rule, for the years the calendar
    has no notice for: the lunar festivals where ``data/lunar-festivals.csv`` has the year,
    else the fixed-date ones (new year, labour day, national day). Read once."""
    festivals = lunar_festivals()
    out: dict[dt.date, str] = {}
    for year in ESTIMATE_YEARS:
        f = festivals.get(year)
        out.update(statutory_days(f) if f is not None else fixed_statutory_days(year))
    return out


def _day_dto(row: HolidayDay) -> HolidayDayDTO:
    return HolidayDayDTO(row.date, row.kind, row.name, row.source, row.note)


def _year_dto(row: HolidayYear | None, year: int) -> HolidayYearDTO:
    if row is None:
        return HolidayYearDTO(year, PROVISIONAL)
    return HolidayYearDTO(row.year, row.status, row.source, row.notice_ref, row.imported_at)


class HolidayService:
    def __init__(self, db: Database, actor: str | None) -> None:
        self.db, self.actor = db, actor
        self._held: tuple[int, HolidayCalendar] | None = None  # (thread, calendar)

    @contextmanager
    def held(self) -> Iterator[HolidayCalendar]:
        """The calendar read once for a long read on this thread (head office counting fifty
        projects' months reads it four times per project): ``calendar`` gives it to this
        thread until the block ends; other threads read the table as before. Nested blocks
        share the outer one's."""
        held = self._held
        if held is not None and held[0] == threading.get_ident():
            yield held[1]
            return
        calendar = self.calendar()
        self._held = (threading.get_ident(), calendar)
        try:
            yield calendar
        finally:
            self._held = None

    @property
    def _who(self) -> str:
        return self.db.person_name(self.actor)

    # ---- queries -------------------------------------------------------------------------
    def calendar(self) -> HolidayCalendar:
        """The whole table (a few hundred rows) as an immutable calendar."""
        held = self._held
        if held is not None and held[0] == threading.get_ident():
            return held[1]
        with self.db.read() as s:
            days = {d: (k, n) for d, k, n in
                    s.execute(select(HolidayDay.date, HolidayDay.kind, HolidayDay.name))}
            years = {y: st for y, st in s.execute(select(HolidayYear.year, HolidayYear.status))}
        return HolidayCalendar.build(days, years, rule_estimates())

    def list_year(self, year: int) -> list[HolidayDayDTO]:
        with self.db.read() as s:
            rows = s.scalars(select(HolidayDay).where(HolidayDay.year == year)
                             .order_by(HolidayDay.date)).all()
            return [_day_dto(r) for r in rows]

    def year_status(self, year: int) -> HolidayYearDTO:
        with self.db.read() as s:
            return _year_dto(s.get(HolidayYear, year), year)

    def provisional_years(self, first_year: int, last_year: int) -> list[int]:
        """Years in the range whose notice is not in the table (the UI shows a banner)."""
        with self.db.read() as s:
            confirmed = set(s.scalars(select(HolidayYear.year).where(
                HolidayYear.year.between(first_year, last_year),
                HolidayYear.status == CONFIRMED)))
        return [y for y in range(first_year, last_year + 1) if y not in confirmed]

    def provisional_banner(self, first_year: int, last_year: int) -> str | None:
        years = self.provisional_years(first_year, last_year)
        if not years:
            return None
        return strings.HOLIDAY_PROVISIONAL_BANNER.format(
            year=strings.LIST_SEP.join(str(y) for y in years))

    def estimate_statutory(self, year: int) -> list[HolidayDayDTO]:
        """A year's statutory days by the national rule (no shifted days guessed); may be []."""
        festivals = lunar_festivals().get(year)
        if festivals is None:
            return []
        return [HolidayDayDTO(d, STATUTORY_HOLIDAY, n)
                for d, n in sorted(statutory_days(festivals).items())]

    # ---- seeding ---------------------------------------------------------------------------
    @writes
    def seed_bundled(self) -> Changes:
        """Put the bundled years in the table, confirmed. Cheap when done: one SELECT.

        A bundled year is (re)written when the database has no year row for it or the year is
        still provisional: the bundled data is the official notice, and a provisional year is
        by definition a guess. Confirmed years (imported or edited by hand) are left alone.
        """
        entries = bundled_entries()
        years = sorted({e.date.year for e in entries})
        with self.db.read() as s:
            confirmed = set(s.scalars(select(HolidayYear.year).where(
                HolidayYear.year.in_(years), HolidayYear.status == CONFIRMED)))
        todo = [y for y in years if y not in confirmed]
        if not todo:
            return NONE
        try:
            with self.db.transaction(self.actor) as s:
                for year in todo:
                    self._replace_year(s, year, [e for e in entries if e.date.year == year],
                                       SOURCE_BUNDLED)
                    self._confirm_year(s, year, SOURCE_BUNDLED, "")
        except IntegrityError:
            # Another process (the scheduled CLI next to the GUI) seeded the same new
            # database between our SELECT and our INSERT: its rows are the same data.
            return NONE
        return CALENDAR

    # ---- import ------------------------------------------------------------------------------
    def plan_import(self, path: Path) -> HolidayImportPlan:
        """Read and check the file, and diff it against the table; writes nothing."""
        if not path.is_file():
            raise ImportFileError(strings.CLI_FILE_NOT_FOUND.format(path=path))
        text = read_text(path)
        is_json = path.suffix.lower() == ".json" or text.lstrip().startswith("{")
        p = (parse_holiday_cn(text, path, lunar_festivals()) if is_json
             else parse_csv(text, path.name))
        _check_rows(p)
        entries = [e for _, e in p.rows]
        diffs: tuple[YearDiff, ...] = ()
        if not p.errors:
            diffs = self._diff(entries, p.replace_years)
            self._warn(p, entries)
        return HolidayImportPlan(
            path=path, format="json" if is_json else "csv",
            replace_years=tuple(sorted(p.replace_years)), rows=tuple(entries),
            errors=_by_line(p.errors), warnings=_by_line(p.warnings), diffs=diffs,
            notice_ref=p.notice_ref)

    @writes
    def commit_import(self, plan: HolidayImportPlan) -> tuple[HolidayImportResult, Changes]:
        """Write a checked plan in one transaction; the covered years become confirmed."""
        if plan.errors:
            raise ValidationError(strings.HOLIDAY_IMPORT_REFUSED.format(
                file=plan.path.name, n=len(plan.errors)) + "\n"
                + "\n".join(e.text for e in plan.errors[:20]))
        source = f"import:{plan.path.name}"
        with self.db.transaction(self.actor) as s:
            for year in plan.years:
                rows = [e for e in plan.rows if e.date.year == year]
                if year in plan.replace_years:
                    self._replace_year(s, year, rows, source)
                    self._confirm_year(s, year, source, plan.notice_ref)
                else:
                    for entry in rows:
                        self._put(s, entry, source)
        result = HolidayImportResult(
            plan.years, sum(len(d.added) for d in plan.diffs),
            sum(len(d.changed) for d in plan.diffs), sum(len(d.removed) for d in plan.diffs))
        return result, CALENDAR

    # ---- manual edits ------------------------------------------------------------------------
    @writes
    def set_day(self, date: dt.date, kind: str, name: str = "") -> tuple[HolidayDayDTO, Changes]:
        """One click in the year grid; ``kind`` may be ``workday``. Audited as manual:<user>."""
        name = clean_text(name, "name", strings.INPUT_LABEL_HOLIDAY_NAME)
        weekday = strings.HOLIDAY_WEEKDAYS[date.weekday()]
        if kind not in ALL_KINDS:
            raise ValidationError(strings.HOLIDAY_E_UNKNOWN_KIND.format(value=kind), "kind")
        try:
            stored = normalize_kind(date, kind)
        except ValueError:
            raise ValidationError(strings.HOLIDAY_BAD_KIND.format(
                date=date, kind=strings.HOLIDAY_KIND_LABELS[kind], weekday=weekday),
                "kind") from None
        if len(name.strip()) > NAME_MAX:
            raise ValidationError(strings.HOLIDAY_E_NAME_TOO_LONG.format(n=NAME_MAX,
                                                                         value=name), "name")
        source = f"manual:{self._who}"
        with self.db.transaction(self.actor) as s:
            if stored is None:
                row = s.get(HolidayDay, date)
                if row is not None:
                    s.delete(row)
            else:
                self._put(s, DayEntry(date, stored, name.strip()), source)
                if s.get(HolidayYear, date.year) is None:
                    s.add(HolidayYear(year=date.year, status=PROVISIONAL, source=source,
                                      notice_ref=""))
            s.flush()
        dto = HolidayDayDTO(date, stored or default_kind(date), name.strip() if stored else "",
                            source if stored else "")
        return dto, CALENDAR

    @writes
    def set_year_status(self, year: int, status: str) -> tuple[HolidayYearDTO, Changes]:
        if status not in YEAR_STATUSES:
            raise ValidationError(strings.HOLIDAY_BAD_STATUS.format(value=status), "status")
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            raise ValidationError(strings.HOLIDAY_BAD_YEAR.format(value=year), "year")
        with self.db.transaction(self.actor) as s:
            row = s.get(HolidayYear, year)
            if row is None:
                row = HolidayYear(year=year, notice_ref="", source=f"manual:{self._who}")
                s.add(row)
            row.status = status
            s.flush()
            return _year_dto(row, year), CALENDAR

    @writes
    def prefill_provisional(self, year: int) -> tuple[list[HolidayDayDTO], Changes]:
        """Write the rule's statutory days into an empty, unconfirmed year (RULES §1.7).

        Nothing happens when the year already has rows or is confirmed. The year stays
        provisional until the official notice is imported.
        """
        estimate = self.estimate_statutory(year)
        with self.db.transaction(self.actor) as s:
            has_rows = s.scalars(select(HolidayDay.date).where(HolidayDay.year == year)).first()
            year_row = s.get(HolidayYear, year)
            if not estimate or has_rows or (year_row and year_row.status == CONFIRMED):
                return [], NONE
            source = f"manual:{self._who}"
            for dto in estimate:
                self._put(s, DayEntry(dto.date, dto.kind, dto.name), source)
            if year_row is None:
                s.add(HolidayYear(year=year, status=PROVISIONAL, source=source, notice_ref=""))
        return estimate, CALENDAR

    # ---- helpers ---------------------------------------------------------------------------
    def _diff(self, entries: list[DayEntry], replace: set[int]) -> tuple[YearDiff, ...]:
        years = sorted({e.date.year for e in entries} | replace)
        with self.db.read() as s:
            current = {d: DayEntry(d, k, n) for d, k, n in s.execute(
                select(HolidayDay.date, HolidayDay.kind, HolidayDay.name)
                .where(HolidayDay.year.in_(years)))}
            status = {y: st for y, st in s.execute(
                select(HolidayYear.year, HolidayYear.status).where(HolidayYear.year.in_(years)))}
        new = {e.date: e for e in entries}
        out = []
        for year in years:
            mine = {d: e for d, e in new.items() if d.year == year}
            added = tuple(e for d, e in sorted(mine.items()) if d not in current)
            changed = tuple((current[d], e) for d, e in sorted(mine.items())
                            if d in current and (current[d].kind, current[d].name)
                            != (e.kind, e.name))
            removed = tuple(e for d, e in sorted(current.items())
                            if d.year == year and d not in mine) if year in replace else ()
            out.append(YearDiff(year, year in replace, status.get(year, PROVISIONAL),
                                added, changed, removed))
        return tuple(out)

    def _warn(self, p: _Parsed, entries: list[DayEntry]) -> None:
        for year in sorted(p.replace_years):
            for text in year_warnings(year, [e for e in entries if e.date.year == year]):
                p.warn(None, text)
        balance = balance_warning(entries)
        if balance:
            p.warn(None, balance)
        for line, entry in p.rows:
            if entry.date.year not in p.replace_years:
                p.warn(line, strings.HOLIDAY_W_SPILLOVER.format(date=entry.date,
                                                               year=entry.date.year))
        after = {e.date: (e.kind, e.name) for e in self.calendar().entries()
                 if e.date.year not in p.replace_years}
        after.update({e.date: (e.kind, e.name) for e in entries})
        for text in streak_warnings(HolidayCalendar.build(after),
                                    {e.date.year for e in entries}):
            p.warn(None, text)

    @staticmethod
    def _put(s: Session, entry: DayEntry, source: str) -> None:
        row = s.get(HolidayDay, entry.date)
        if row is None:
            s.add(HolidayDay(date=entry.date, kind=entry.kind, name=entry.name,
                             year=entry.date.year, source=source, note=""))
        elif (row.kind, row.name) != (entry.kind, entry.name):
            row.kind, row.name, row.source = entry.kind, entry.name, source

    def _replace_year(self, s: Session, year: int, entries: list[DayEntry],
                      source: str) -> None:
        """Make the year's rows exactly ``entries``; identical rows are left untouched."""
        wanted = {e.date for e in entries}
        for row in s.scalars(select(HolidayDay).where(HolidayDay.year == year)).all():
            if row.date not in wanted:
                s.delete(row)
        s.flush()
        for entry in entries:
            self._put(s, entry, source)
        s.flush()

    def _confirm_year(self, s: Session, year: int, source: str, notice_ref: str) -> None:
        row = s.get(HolidayYear, year)
        if row is None:
            row = HolidayYear(year=year)
            s.add(row)
        row.status, row.source, row.notice_ref = CONFIRMED, source, notice_ref
        row.imported_at = self.db.clock.now()
        s.flush()
