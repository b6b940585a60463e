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
import json
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import strings
from app.domain.roster import (
    EXCEL_EPOCH,
    FIELD_BY_HEADER,
    REQUIRED_FIELDS,
    FieldProblem,
    PersonFields,
    check_person,
    default_status,
    header_key,
    mask_id_card,
    mask_phone,
    parse_date,
    parse_status,
    parse_yes_or_date,
)
from app.errors import Cancelled, ImportFileError
from app.progress import NullProgress, Progress
from app.security.guard import writes
from app.services import privacy
from app.services.changes import ROSTER, SETTINGS, Changes
from app.services.project import current_project_id, ensure_project
from app.services.workbook_guard import check_table_file
from app.storage.db import Database
from app.storage.tables import Person
from app.storage.tables_attendance import Setting

HEADER_SCAN_ROWS = 10
COLUMNS_SETTING = "roster.columns"  # JSON {header key: field code, "" = not imported}
_INT_FLOAT = re.compile(r"^\d+\.0$")
_TEXT_ID_COLUMNS = {"employee_no", "device_user_id", "phone", "id_card_no"}
_DATE_FIELDS = {"start_date", "end_date", "first_work_date", "nda", "training"}
_MASKED_SAMPLES = {"phone": mask_phone, "id_card_no": mask_id_card}

Table = list[list[Any]]
_PRIORITY = {"chosen": 0, "remembered": 1, "known": 2}


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    reason: str
    cell: str = ""  # "F7": the Excel cell, when the problem is one cell's


@dataclass(frozen=True)
class ColumnMap:
    """One column of the sheet and what the import does with it."""

    index: int  # 0-based
    letter: str  # Excel column letter
    header: str  # as written in the sheet (or a placeholder for an unnamed column)
    key: str  # the header as compared and remembered (see header_key)
    field: str | None  # roster field code; None: not imported
    source: str  # known | remembered | chosen | unknown | duplicate
    sample: str = ""
    note: str = ""  # why a column with a field's name is not imported


@dataclass
class RosterImportPlan:
    path: Path
    read: int = 0
    valid: list[tuple[int, PersonFields]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    sheet: str = ""
    header_row: int = 0  # Excel row number of the header
    columns: list[ColumnMap] = field(default_factory=list)
    missing: tuple[str, ...] = ()  # required fields no column maps to
    choices: dict[str, str] = field(default_factory=dict)  # this import's choices, to remember
    rows: Table = field(default_factory=list, repr=False)
    notes: list[str] = field(default_factory=list)  # which sheet was read, when not obvious

    @property
    def rejected(self) -> int:
        return len({p.row for p in self.problems})

    @property
    def mapped_columns(self) -> dict[str, str]:
        return {c.header: c.field for c in self.columns if c.field}

    @property
    def ignored_columns(self) -> list[str]:
        return [c.header for c in self.columns if not c.field]

    def header_of(self, field_code: str) -> str:
        for c in self.columns:
            if c.field == field_code:
                return c.header
        return strings.ROSTER_IMPORT_FIELD_LABELS.get(field_code, field_code)

    def cell_of(self, field_code: str, row: int) -> str:
        for c in self.columns:
            if c.field == field_code:
                return f"{c.letter}{row}"
        return ""


@dataclass(frozen=True)
class RosterImportResult:
    read: int
    imported: int
    rejected: int
    problems: tuple[RowProblem, ...]
    columns: dict[str, str] = field(default_factory=dict)
    ignored_columns: tuple[str, ...] = ()
    sheet: str = ""
    notes: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "read": self.read, "imported": self.imported, "rejected": self.rejected,
            "sheet": self.sheet, "notes": list(self.notes),
            "problems": [{"row": p.row, "column": p.column, "reason": p.reason}
                         for p in self.problems],
            "columns": dict(self.columns), "ignored_columns": list(self.ignored_columns),
        }


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def _number_text(value: float | int, key: str) -> str:
    if key in _DATE_FIELDS and 10000 <= value < 100000:  # a date cell without a date format
        return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    if key == "id_card_no":  # 18 digits do not survive a float: say so, do not guess
        return f"{value:.14E}" if value >= 1e15 else str(int(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell(value: Any, key: str) -> str:
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, float) and value != value:  # NaN: an empty cell
        return ""
    if isinstance(value, float) and value in (math.inf, -math.inf):  # beyond any real cell
        return str(value)
    if isinstance(value, (int, float)):
        return _number_text(value, key)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if key in _TEXT_ID_COLUMNS and _INT_FLOAT.match(text):
        text = text[:-2]  # the "1000.0" trap: ids typed as numbers
    return text


def read_sheets(path: Path) -> list[tuple[str, Table]]:
    """The visible sheets of a workbook (or the CSV as one sheet): name and cells, row by
    row from A1 (empty rows kept, so row numbers are Excel's)."""
    return [(name, rows) for name, rows, hidden in read_all_sheets(path) if not hidden]


def read_all_sheets(path: Path) -> list[tuple[str, Table, bool]]:
    """Every sheet (visible ones first, in order, then the hidden ones): name, cells and
    whether it is hidden."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFileError(strings.CLI_FILE_NOT_FOUND.format(path=path))
    check_table_file(path)  # size, and a zip archive's unpacked size, before any reader
    if suffix == ".csv":
        return [(path.stem, _read_csv(path), False)]
    if suffix not in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise ImportFileError(strings.ROSTER_FILE_BAD_TYPE.format(path=path))
    try:
        from python_calamine import CalamineWorkbook, SheetVisibleEnum

        book = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in book.sheets_metadata:
            sheet = book.get_sheet_by_name(meta.name)
            sheets.append((meta.name, [list(r) for r in sheet.to_python(
                skip_empty_area=False)], meta.visible != SheetVisibleEnum.Visible))
        # hidden sheets usually hold lookup lists: read only when no visible one is a roster
        sheets.sort(key=lambda sheet: sheet[2])
    except Exception as exc:  # any reader failure is a bad file, not a bug
        raise ImportFileError(strings.ROSTER_FILE_UNREADABLE.format(
            path=path, err=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        ) from exc
    return sheets


def _signature_line(raw: Sequence[object]) -> bool:
    """A row of the signature block under an exported roster (role and name, the signature
    line, the date line): not a person, so a re-imported export reads exactly its people."""
    texts = [v.strip() for v in raw if isinstance(v, str) and v.strip()]
    others = [v for v in raw if not isinstance(v, str) and v is not None and v == v]
    lead = strings.DOC_ROLE_CLIENT_LEAD.format(client="")
    roles = (strings.DOC_ROLE_PREPARED_BY, strings.DOC_ROLE_PROJECT_MANAGER)

    def closing(text: str) -> bool:
        head = text.split(strings.DOC_LABEL_SEP, 1)[0]
        return (text.startswith((strings.DOC_SIGN_LABEL, strings.DOC_DATE_LABEL))
                or head in roles or head.endswith(lead))

    return bool(texts) and not others and all(closing(t) for t in texts)


def read_table(path: Path) -> Table:
    """All cells of the first visible sheet (or the CSV), row by row."""
    sheets = read_sheets(path)
    return sheets[0][1] if sheets else []


def _read_csv(path: Path) -> Table:
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


class _FormulaRows:
    """Rows of an .xlsx/.xlsm sheet holding formulas without a calculated value (a file
    written by a program, not saved by Excel): the reader sees them empty. Looked up only
    when an empty row is met, once per sheet."""

    def __init__(self, path: Path, sheet: str) -> None:
        self.path, self.sheet = path, sheet
        self._rows: set[int] | None = None

    def uncalculated(self) -> set[int]:
        if self._rows is None:
            self._rows = set()
            if self.path.suffix.lower() in (".xlsx", ".xlsm"):
                try:
                    self._rows = _uncalculated_formula_rows(self.path, self.sheet)
                except Exception:  # a file calamine read; openpyxl may not read it
                    self._rows = set()
        return self._rows


def _uncalculated_formula_rows(path: Path, sheet: str) -> set[int]:
    from openpyxl import load_workbook

    with_formulas = load_workbook(path, read_only=True, data_only=False)
    cached = load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet not in with_formulas.sheetnames:
            return set()
        formula_cells = {(c.row, c.column) for row in with_formulas[sheet].iter_rows()
                         for c in row if getattr(c, "data_type", None) == "f"}
        if not formula_cells:
            return set()
        rows = {r for r, _ in formula_cells}
        calculated = {c.row for row in cached[sheet].iter_rows(min_row=min(rows),
                                                                max_row=max(rows))
                      for c in row if (getattr(c, "row", None), getattr(c, "column", None))
                      in formula_cells and c.value is not None}
        return {r for r in rows if r is not None and r not in calculated}
    finally:
        with_formulas.close()
        cached.close()


def _choice_keys(choices: dict[str, str]) -> dict[str, str]:
    """Choices keyed as columns are ("#F" names an unnamed column F)."""
    return {k if k.startswith("#") else header_key(k): v for k, v in choices.items()}


def _resolve(key: str, choices: dict[str, str],
             remembered: dict[str, str]) -> tuple[str | None, str]:
    if key in choices:
        return choices[key] or None, "chosen"
    if key in remembered:
        return remembered[key] or None, "remembered"
    code = FIELD_BY_HEADER.get(key)
    return code, "known" if code else "unknown"


def _header_score(row: list[Any], choices: dict[str, str], remembered: dict[str, str]) -> int:
    found = set()
    for v in row:
        text = _cell(v, "")
        if text:
            code, _ = _resolve(header_key(text), choices, remembered)
            if code:
                found.add(code)
    return len(found)


def _best_header(rows: Table, choices: dict[str, str],
                 remembered: dict[str, str]) -> tuple[int, int]:
    """(row index, score) of the row among the first few naming the most roster fields."""
    best, best_score = -1, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = _header_score(row, choices, remembered)
        if score > best_score:
            best, best_score = i, score
    return best, best_score


def _widest_row(sheets: list[tuple[str, Table]]) -> tuple[int, str, Table, int] | None:
    """The row among the first few of the first visible sheet with the most filled cells."""
    if not sheets:
        return None
    name, rows = sheets[0]
    counts = [sum(1 for v in row if _cell(v, "")) for row in rows[:HEADER_SCAN_ROWS]]
    if not counts or max(counts) < 2:
        return None
    return counts.index(max(counts)), name, rows, 0


def _sample(rows: Table, j: int, key: str) -> str:
    for raw in rows:
        text = _cell(raw[j] if j < len(raw) else None, key)
        if text:
            mask = _MASKED_SAMPLES.get(key)
            return mask(text) if mask else text
    return ""


def map_columns(rows: Table, header_idx: int, choices: dict[str, str],
                remembered: dict[str, str]) -> list[ColumnMap]:
    """Every column of the header row (and every unnamed column holding data), in order.
    Two columns for one field: the user's choice wins over a remembered one over a common
    name, then the first column; the other is listed as not imported, with the reason."""
    header = rows[header_idx]
    body = rows[header_idx + 1:]
    width = max([len(header), *(len(r) for r in body)])
    found: list[tuple[int, str, str, str | None, str]] = []
    for j in range(width):
        text = _cell(header[j] if j < len(header) else None, "")
        if not text:
            if not any(_cell(r[j] if j < len(r) else None, "") for r in body):
                continue  # an empty spacer column
            text, key = strings.ROSTER_COLUMN_UNNAMED.format(col=column_letter(j)), \
                f"#{column_letter(j)}"
        else:
            key = header_key(text)
        code, source = _resolve(key, choices, remembered)
        found.append((j, text, key, code, source))
    winner: dict[str, int] = {}
    for j, _text, _key, code, _source in sorted(
            found, key=lambda f: (_PRIORITY.get(f[4], 9), f[0])):
        if code:
            winner.setdefault(code, j)
    headers = {j: text for j, text, *_ in found}
    columns: list[ColumnMap] = []
    for j, text, key, code, source in found:
        note = ""
        if code and winner[code] != j:
            note = strings.ROSTER_COLUMN_DUPLICATE.format(
                other=headers[winner[code]], field=strings.ROSTER_IMPORT_FIELD_LABELS[code])
            code, source = None, "duplicate"
        columns.append(ColumnMap(j, column_letter(j), text, key, code, source,
                                 _sample(body, j, code or ""), note))
    return columns


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
    flags: dict[str, tuple[bool, dt.date | None]] = {}
    for key in ("nda", "training"):
        try:
            flags[key] = parse_yes_or_date(values.get(key, ""))
        except FieldProblem as exc:
            problems.append((key, exc.reason))
            flags[key] = (False, None)
    try:
        status = parse_status(values.get("status", ""))
    except FieldProblem as exc:
        problems.append(("status", exc.reason))
        status = None
    person = PersonFields(
        employee_no=unicodedata.normalize("NFKC", values.get("employee_no", "")).strip(),
        name=values.get("name", ""),
        device_user_id=values.get("device_user_id") or None,
        role=values.get("role", ""),
        phone=values.get("phone", ""),
        id_card_no=values.get("id_card_no", ""),
        start_date=dates["start_date"],
        end_date=dates["end_date"],
        first_work_date=dates["first_work_date"],
        status=status or default_status(dates["start_date"], dates["end_date"], today),
        nda_signed=flags["nda"][0], nda_date=flags["nda"][1],
        training_done=flags["training"][0], training_date=flags["training"][1],
        note=values.get("note", ""),
    )
    problems.extend(check_person(person))
    return person, problems


def _duplicates(person: PersonFields, row: int, numbers: tuple[dict[str, int], dict[str, str]],
                devices: tuple[dict[str, int], dict[str, str]]) -> list[tuple[str, str]]:
    """Employee and clock numbers already used by an earlier row of the file or by someone
    on the roster (``numbers``/``devices``: seen in the file -> row, on the roster -> name)."""
    problems: list[tuple[str, str]] = []
    checks = (("employee_no", person.employee_no, numbers, strings.R_DUP_EMPLOYEE_NO_FILE,
               strings.R_DUP_EMPLOYEE_NO_DB),
              ("device_user_id", person.device_user_id, devices, strings.R_DUP_DEVICE_FILE,
               strings.R_DUP_DEVICE_DB))
    for code, value, (seen, taken), in_file, in_db in checks:
        if not value:
            continue
        if value in seen:
            problems.append((code, in_file.format(no=value, row=seen[value])))
        elif value in taken:
            problems.append((code, in_db.format(no=value, name=taken[value])))
        seen.setdefault(value, row)
    return problems


def load_remembered(s: Session) -> dict[str, str]:
    """The column choices made at earlier imports: {header key: field code or ""}."""
    value = s.scalars(select(Setting.value).where(
        Setting.project_id == current_project_id(s), Setting.key == COLUMNS_SETTING)
        .order_by(Setting.effective_from.desc(), Setting.id.desc())).first()
    if not value:
        return {}
    data = json.loads(value)
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


_PERSON_COLUMNS = ("employee_no", "name", "device_user_id", "role", "phone", "id_card_no",
                   "start_date", "end_date", "status", "first_work_date", "nda_signed",
                   "nda_date", "training_done", "training_date", "note")


class RosterIO:
    def __init__(self, db: Database, actor: str | None) -> None:
        self.db, self.actor = db, actor

    def remembered_columns(self) -> dict[str, str]:
        with self.db.read() as s:
            return load_remembered(s)

    def plan(self, path: Path, today: dt.date | None = None,
             progress: Progress | None = None,
             choices: dict[str, str] | None = None,
             lenient: bool = False) -> RosterImportPlan:
        """Read and check every row; nothing is written.

        ``choices`` maps a column's header to a field code ("" = do not import); they win
        over the choices remembered from earlier imports, which win over the common names.
        The first visible sheet with a recognisable header is read; its header is the row
        among the first ten naming the most fields (title rows above it are skipped). With
        no such row the file is refused, unless ``lenient`` (the preview, where the user can
        map columns): then the first sheet's fullest row is taken as the header.
        """
        choices = _choice_keys(choices or {})
        remembered = self.remembered_columns()
        best: tuple[int, str, Table, int] | None = None
        sheets = read_all_sheets(path)
        hidden_names = {name for name, _rows, hidden in sheets if hidden}
        for name, rows, hidden in sheets:
            if hidden and best is not None:
                break  # a visible sheet has a header: hidden ones are lookup lists
            idx, score = _best_header(rows, choices, remembered)
            if score and (best is None or score > best[3]):
                best = (idx, name, rows, score)
            if score >= len(REQUIRED_FIELDS):
                break
        if best is None and lenient:
            best = _widest_row([(n, r) for n, r, hidden in sheets if not hidden])
        if best is None:
            raise ImportFileError(strings.ROSTER_FILE_NO_HEADER.format(path=path))
        idx, name, rows, _ = best
        plan = RosterImportPlan(path=path, sheet=name, rows=rows)
        if name in hidden_names:  # said, so the user knows which sheet was read
            plan.notes.append(strings.ROSTER_HIDDEN_SHEET.format(sheet=name))
        return self._plan_rows(plan, idx, choices, remembered, today, progress)

    def replan(self, plan: RosterImportPlan, choices: dict[str, str],
               today: dt.date | None = None) -> RosterImportPlan:
        """The same sheet again with other column choices (the preview's drop-downs)."""
        choices = _choice_keys(choices)
        remembered = self.remembered_columns()
        idx, score = _best_header(plan.rows, choices, remembered)
        if not score:
            idx = plan.header_row - 1
        fresh = RosterImportPlan(path=plan.path, sheet=plan.sheet, rows=plan.rows,
                                 notes=list(plan.notes))
        return self._plan_rows(fresh, idx, choices, remembered, today, None)

    def _plan_rows(self, plan: RosterImportPlan, header_idx: int, choices: dict[str, str],
                   remembered: dict[str, str], today: dt.date | None,
                   progress: Progress | None) -> RosterImportPlan:
        today = today or self.db.clock.today()
        progress = progress or NullProgress()
        rows = plan.rows
        plan.header_row = header_idx + 1
        plan.columns = map_columns(rows, header_idx, choices, remembered)
        plan.choices = dict(choices)
        keys = {c.key for c in plan.columns}
        for key in choices:
            if key not in keys:
                raise ImportFileError(strings.ROSTER_MAP_UNKNOWN_HEADER.format(
                    path=plan.path, header=key,
                    headers=strings.LIST_SEP.join(c.header for c in plan.columns)))
        columns = {c.field: c.index for c in plan.columns if c.field}
        plan.missing = tuple(f for f in REQUIRED_FIELDS if f not in columns)
        body = rows[header_idx + 1:]
        if plan.missing:
            return plan
        with self.db.read() as s:
            people = list(s.scalars(select(Person).where(
                Person.project_id == current_project_id(s))))
        existing = {p.employee_no: p.name for p in people}
        devices = {p.device_user_id: p.name for p in people if p.device_user_id}
        seen_no: dict[str, int] = {}
        seen_dev: dict[str, int] = {}
        formulas = _FormulaRows(plan.path, plan.sheet)
        for offset, raw in enumerate(body):
            if progress.cancelled():
                raise Cancelled(strings.CANCELLED)
            excel_row = header_idx + 2 + offset
            values = {k: _cell(raw[j] if j < len(raw) else None, k) for k, j in columns.items()}
            if _signature_line(raw):
                continue
            if not any(values.values()):
                if excel_row in formulas.uncalculated():  # not empty: values never computed
                    plan.read += 1
                    plan.problems.append(RowProblem(excel_row, strings.ROSTER_WHOLE_ROW,
                                                    strings.ROSTER_ROW_FORMULAS_ONLY))
                continue
            plan.read += 1
            person, problems = _parse_row(values, today)
            problems += _duplicates(person, excel_row, (seen_no, existing),
                                    (seen_dev, devices))
            if problems:
                plan.problems.extend(
                    RowProblem(excel_row, plan.header_of(col), reason,
                               plan.cell_of(col, excel_row))
                    for col, reason in problems)
            else:
                plan.valid.append((excel_row, person))
            progress.report(offset + 1, len(body))
        if plan.read == 0:
            raise ImportFileError(strings.ROSTER_FILE_EMPTY.format(path=plan.path))
        return plan

    @writes
    def commit(self, plan: RosterImportPlan,
               progress: Progress | None = None) -> tuple[RosterImportResult, Changes]:
        """Write the plan's valid rows in one transaction; cancel rolls everything back.
        The column choices made for this import are remembered in the same transaction."""
        progress = progress or NullProgress()
        problems = list(plan.problems)
        imported = 0
        changes = ROSTER
        with self.db.transaction(self.actor) as s:
            ensure_project(s)
            # The roster may have changed since the plan was made: check again, in the
            # transaction that writes.
            people = list(s.scalars(select(Person).where(
                Person.project_id == current_project_id(s))))
            taken = {p.employee_no: p.name for p in people}
            devices = {p.device_user_id: p.name for p in people if p.device_user_id}
            total = len(plan.valid)
            for i, (row, person) in enumerate(plan.valid, start=1):
                if progress.cancelled():
                    raise Cancelled(strings.CANCELLED)
                clash = self._late_clash(plan, row, person, taken, devices)
                if clash:
                    problems.append(clash)
                    continue
                taken[person.employee_no] = person.name
                if person.device_user_id:
                    devices[person.device_user_id] = person.name
                imported += 1
                privacy.new_person(  # numbers encrypted when an admin is signed in
                    s, {"project_id": current_project_id(s),
                        **{k: getattr(person, k) for k in _PERSON_COLUMNS}},
                    self.db.keys, self.db.principal)
                s.flush()
                progress.report(i, total)
            if self._remember(s, plan):
                changes = ROSTER | SETTINGS
        problems.sort(key=lambda p: p.row)
        result = RosterImportResult(plan.read, imported, len({p.row for p in problems}),
                                    tuple(problems), plan.mapped_columns,
                                    tuple(plan.ignored_columns), plan.sheet,
                                    tuple(plan.notes))
        if imported:
            from app.services.maintenance import session_backup

            session_backup(self.db, "import")  # issue 17: a restore loses no import
        return result, changes

    def _remember(self, s: Session, plan: RosterImportPlan) -> bool:
        """Store this import's column choices for the next one (an audited setting row)."""
        choices = {k: v for k, v in plan.choices.items() if not k.startswith("#")}
        remembered = load_remembered(s)
        merged = {**remembered, **choices}
        if not choices or merged == remembered:
            return False
        day = self.db.clock.today()
        value = json.dumps(merged, ensure_ascii=False, sort_keys=True)
        row = s.scalars(select(Setting).where(
            Setting.project_id == current_project_id(s), Setting.key == COLUMNS_SETTING,
            Setting.effective_from == day)).first()
        if row is None:
            s.add(Setting(project_id=current_project_id(s), key=COLUMNS_SETTING, value=value,
                          effective_from=day, created_at=self.db.clock.now()))
        else:
            row.value = value
        s.flush()
        return True

    @staticmethod
    def _late_clash(plan: RosterImportPlan, row: int, person: PersonFields,
                    taken: dict[str, str], devices: dict[str, str]) -> RowProblem | None:
        if person.employee_no in taken:
            return RowProblem(row, plan.header_of("employee_no"),
                              strings.R_DUP_EMPLOYEE_NO_DB.format(
                                  no=person.employee_no, name=taken[person.employee_no]),
                              plan.cell_of("employee_no", row))
        if person.device_user_id and person.device_user_id in devices:
            return RowProblem(row, plan.header_of("device_user_id"),
                              strings.R_DUP_DEVICE_DB.format(
                                  no=person.device_user_id,
                                  name=devices[person.device_user_id]),
                              plan.cell_of("device_user_id", row))
        return None

    @writes
    def import_file(self, path: Path, progress: Progress | None = None,
                    today: dt.date | None = None,
                    choices: dict[str, str] | None = None
                    ) -> tuple[RosterImportResult, Changes]:
        plan = self.plan(path, today=today, progress=progress, choices=choices)
        if plan.missing:
            raise ImportFileError(strings.ROSTER_FILE_MISSING_FIELDS.format(
                path=path, row=plan.header_row,
                fields=strings.LIST_SEP.join(strings.ROSTER_IMPORT_FIELD_LABELS[f]
                                             for f in plan.missing),
                headers=strings.LIST_SEP.join(c.header for c in plan.columns)))
        return self.commit(plan, progress)
