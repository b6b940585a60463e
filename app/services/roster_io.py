"""Roster Excel import and export (SPEC R2).

Import is two steps so the user can look before anything changes: :meth:`plan` reads and
checks every row, :meth:`commit` writes the valid rows in one transaction (cancel or a crash
leaves the database as it was). Bad rows are listed with their Excel row number, column and
reason; they never stop the good ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app import strings
from app.domain.roster import (
    FieldProblem,
    PersonFields,
    check_person,
    default_status,
    parse_date,
    parse_status,
)
from app.errors import Cancelled, ImportFileError
from app.progress import NullProgress, Progress
from app.services.changes import ROSTER, Changes
from app.services.project import PROJECT_ID, ensure_project
from app.storage.db import Database
from app.storage.tables import Person

HEADER_SCAN_ROWS = 20
COLUMN_BY_HEADER = {label: key for key, label in strings.ROSTER_COLUMNS.items()}
_INT_FLOAT = re.compile(r"^\d+\.0$")
_TEXT_ID_COLUMNS = {"employee_no", "device_user_id", "phone", "id_card_no"}


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    reason: str


@dataclass
class RosterImportPlan:
    path: Path
    read: int = 0
    valid: list[tuple[int, PersonFields]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len({p.row for p in self.problems})


@dataclass(frozen=True)
class RosterImportResult:
    read: int
    imported: int
    rejected: int
    problems: tuple[RowProblem, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "read": self.read, "imported": self.imported, "rejected": self.rejected,
            "problems": [{"row": p.row, "column": p.column, "reason": p.reason}
                         for p in self.problems],
        }


def _cell(value: Any, key: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN: an empty cell
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if key in _TEXT_ID_COLUMNS and _INT_FLOAT.match(text):
        text = text[:-2]  # the "1000.0" trap: ids typed as numbers
    return text


def read_table(path: Path) -> list[list[Any]]:
    """All cells of the first sheet (or the CSV) as Python values, row by row."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFileError(strings.CLI_FILE_NOT_FOUND.format(path=path))
    try:
        if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
            import pandas as pd  # heavy: imported only when a workbook is read

            frame = pd.read_excel(path, header=None, dtype=object, engine="calamine")
        elif suffix == ".csv":
            return _read_csv(path)
        else:
            raise ImportFileError(strings.ROSTER_FILE_BAD_TYPE.format(path=path))
    except ImportFileError:
        raise
    except Exception as exc:  # any reader failure is a bad file, not a bug
        raise ImportFileError(strings.ROSTER_FILE_UNREADABLE.format(path=path, err=exc)) from exc
    return [list(r) for r in frame.itertuples(index=False, name=None)]


def _read_csv(path: Path) -> list[list[Any]]:
    """CSV rows by line (blank lines kept, so row numbers match the file), UTF-8 or GB18030."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(strings.ROSTER_FILE_UNREADABLE.format(path=path,
                                                                   err="encoding"))
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""))]


def _find_header(rows: list[list[Any]], path: Path) -> tuple[int, dict[str, int]]:
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        labels = [_cell(v, "").replace(" ", "") for v in row]
        if all(h in labels for h in strings.ROSTER_IMPORT_REQUIRED_HEADERS):
            columns: dict[str, int] = {}
            for j, label in enumerate(labels):
                key = COLUMN_BY_HEADER.get(label)
                if key and key not in columns:
                    columns[key] = j
            return i, columns
    raise ImportFileError(strings.ROSTER_FILE_NO_HEADER.format(path=path))


def _parse_row(values: dict[str, str], today: dt.date) -> tuple[PersonFields, list[tuple[str,
                                                                                      str]]]:
    problems: list[tuple[str, str]] = []
    dates: dict[str, dt.date | None] = {}
    for key in ("start_date", "end_date", "first_work_date"):
        try:
            dates[key] = parse_date(values.get(key, ""))
        except FieldProblem as exc:
            problems.append((key, exc.reason))
            dates[key] = None
    try:
        status = parse_status(values.get("status", ""))
    except FieldProblem as exc:
        problems.append(("status", exc.reason))
        status = None
    person = PersonFields(
        employee_no=values.get("employee_no", ""),
        name=values.get("name", ""),
        device_user_id=values.get("device_user_id") or None,
        role=values.get("role", ""),
        phone=values.get("phone", ""),
        id_card_no=values.get("id_card_no", ""),
        start_date=dates["start_date"],
        end_date=dates["end_date"],
        first_work_date=dates["first_work_date"],
        status=status or default_status(dates["start_date"], dates["end_date"], today),
    )
    problems.extend(check_person(person))
    return person, problems


class RosterIO:
    def __init__(self, db: Database, actor: str | None) -> None:
        self.db, self.actor = db, actor

    def plan(self, path: Path, today: dt.date | None = None,
             progress: Progress | None = None) -> RosterImportPlan:
        """Read and check every row; nothing is written."""
        today = today or self.db.clock.today()
        progress = progress or NullProgress()
        rows = read_table(path)
        header_idx, columns = _find_header(rows, path)
        plan = RosterImportPlan(path=path)
        with self.db.read() as s:
            existing = {p.employee_no: p.name for p in s.scalars(
                select(Person).where(Person.project_id == PROJECT_ID))}
            devices = {p.device_user_id: p.name for p in s.scalars(
                select(Person).where(Person.project_id == PROJECT_ID)) if p.device_user_id}
        seen_no: dict[str, int] = {}
        seen_dev: dict[str, int] = {}
        body = rows[header_idx + 1:]
        for offset, raw in enumerate(body):
            if progress.cancelled():
                raise Cancelled(strings.CANCELLED)
            excel_row = header_idx + 2 + offset
            values = {k: _cell(raw[j] if j < len(raw) else None, k) for k, j in columns.items()}
            if not any(values.values()):
                continue
            plan.read += 1
            person, problems = _parse_row(values, today)
            no, dev = person.employee_no, person.device_user_id
            if no and no in seen_no:
                problems.append(("employee_no", strings.R_DUP_EMPLOYEE_NO_FILE.format(
                    no=no, row=seen_no[no])))
            elif no and no in existing:
                problems.append(("employee_no", strings.R_DUP_EMPLOYEE_NO_DB.format(
                    no=no, name=existing[no])))
            if dev and dev in seen_dev:
                problems.append(("device_user_id", strings.R_DUP_DEVICE_FILE.format(
                    no=dev, row=seen_dev[dev])))
            elif dev and dev in devices:
                problems.append(("device_user_id", strings.R_DUP_DEVICE_DB.format(
                    no=dev, name=devices[dev])))
            if no:
                seen_no.setdefault(no, excel_row)
            if dev:
                seen_dev.setdefault(dev, excel_row)
            if problems:
                plan.problems.extend(
                    RowProblem(excel_row, strings.ROSTER_COLUMNS.get(col, col), reason)
                    for col, reason in problems)
            else:
                plan.valid.append((excel_row, person))
            progress.report(offset + 1, len(body))
        if plan.read == 0:
            raise ImportFileError(strings.ROSTER_FILE_EMPTY.format(path=path))
        return plan

    def commit(self, plan: RosterImportPlan,
               progress: Progress | None = None) -> tuple[RosterImportResult, Changes]:
        """Write the plan's valid rows in one transaction; cancel rolls everything back."""
        progress = progress or NullProgress()
        problems = list(plan.problems)
        imported = 0
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            # The roster may have changed since the plan was made: check again, in the
            # transaction that writes.
            taken = {p.employee_no: p.name for p in s.scalars(
                select(Person).where(Person.project_id == PROJECT_ID))}
            devices = {p.device_user_id: p.name for p in s.scalars(
                select(Person).where(Person.project_id == PROJECT_ID)) if p.device_user_id}
            total = len(plan.valid)
            for i, (row, person) in enumerate(plan.valid, start=1):
                if progress.cancelled():
                    raise Cancelled(strings.CANCELLED)
                clash = self._late_clash(row, person, taken, devices)
                if clash:
                    problems.append(clash)
                    continue
                taken[person.employee_no] = person.name
                if person.device_user_id:
                    devices[person.device_user_id] = person.name
                imported += 1
                s.add(Person(project_id=PROJECT_ID, **{
                    k: getattr(person, k) for k in (
                        "employee_no", "name", "device_user_id", "role", "phone",
                        "id_card_no", "start_date", "end_date", "status", "first_work_date")}))
                s.flush()
                progress.report(i, total)
        problems.sort(key=lambda p: p.row)
        result = RosterImportResult(plan.read, imported, len({p.row for p in problems}),
                                    tuple(problems))
        return result, ROSTER

    @staticmethod
    def _late_clash(row: int, person: PersonFields, taken: dict[str, str],
                    devices: dict[str, str]) -> RowProblem | None:
        if person.employee_no in taken:
            return RowProblem(row, strings.ROSTER_COLUMNS["employee_no"],
                              strings.R_DUP_EMPLOYEE_NO_DB.format(
                                  no=person.employee_no, name=taken[person.employee_no]))
        if person.device_user_id and person.device_user_id in devices:
            return RowProblem(row, strings.ROSTER_COLUMNS["device_user_id"],
                              strings.R_DUP_DEVICE_DB.format(
                                  no=person.device_user_id,
                                  name=devices[person.device_user_id]))
        return None

    def import_file(self, path: Path, progress: Progress | None = None,
                    today: dt.date | None = None) -> tuple[RosterImportResult, Changes]:
        return self.commit(self.plan(path, today=today, progress=progress), progress)
