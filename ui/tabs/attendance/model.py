"""The month grid: one model for people x days plus summary columns (DESIGN §3).

Cells carry roles (symbol, colours, the day result) and a delegate paints them; there is
never a widget per cell.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app import strings
from app.services.attendance import MonthDTO, PersonMonth
from ui.common import palette

Index = QModelIndex | QPersistentModelIndex
DAY_ROLE = Qt.ItemDataRole.UserRole + 10  # DayResult of the cell
PERSON_ROLE = Qt.ItemDataRole.UserRole + 11  # PersonMonth of the row
KIND_ROLE = Qt.ItemDataRole.UserRole + 12  # day kind of the column
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 13  # "absent" | "issue" | None

REST_FILL = QColor(palette.REST_DAY)
HOLIDAY_FILL = QColor(palette.HOLIDAY)
ADJUSTED_FILL = QColor(palette.ADJUSTED_WORKDAY)
ABSENT_TEXT = QColor(palette.ERROR)
ISSUE_TEXT = QColor(palette.WARNING)
LEAVE_TEXT = QColor(palette.ACCENT)
FLAG_FILL = QColor(palette.FLAG_FILL)
NO_DATA_FILL = QColor(palette.NO_DATA)
NO_DATA_TEXT = QColor(palette.MUTED)

SUMMARY = strings.ATT_SUMMARY_HEADERS


def _fmt(x: float) -> str:
    return f"{x:g}" if x else ""


class MonthModel(QAbstractTableModel):
    """Rows: people. Columns: name, each day of the month, then the summary."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.month: MonthDTO | None = None
        self.rows: list[PersonMonth] = []
        self.ndays = 0
        self._kinds: list[str] = []

    def set_month(self, month: MonthDTO) -> None:
        self.beginResetModel()
        self.month = month
        self.rows = list(month.people)
        self.ndays = len(month.days)
        self._kinds = [k for _d, k, _n in month.days]
        self.endResetModel()

    # ---- geometry ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.month is None else 1 + self.ndays + len(SUMMARY)

    def day_of_column(self, column: int) -> dt.date | None:
        if self.month is None or not 1 <= column <= self.ndays:
            return None
        return self.month.days[column - 1][0]

    def column_of_day(self, day: dt.date) -> int:
        return day.day

    # ---- header --------------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.month is None:
            if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
                return section + 1
            return None
        day = self.day_of_column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return strings.ATT_NAME_HEADER
            if day is not None:
                kind = self._kinds[section - 1]
                mark = strings.LEGEND_DEFAULT["adjusted_workday"] \
                    if kind == "adjusted_workday" else strings.WEEKDAYS_SHORT[day.weekday()]
                return f"{day.day}\n{mark}"
            return SUMMARY[section - 1 - self.ndays]
        if role == Qt.ItemDataRole.BackgroundRole and day is not None:
            return QBrush(self._fill(self._kinds[section - 1]) or QColor(palette.HEADER_FILL))
        if role == Qt.ItemDataRole.ToolTipRole and day is not None:
            _d, kind, name = self.month.days[section - 1]
            return f"{day.isoformat()} {strings.HOLIDAY_KIND_LABELS.get(kind, kind)} {name}".strip()
        if role == KIND_ROLE and day is not None:
            return self._kinds[section - 1]
        return None

    @staticmethod
    def _fill(kind: str) -> QColor | None:
        return {"rest_day": REST_FILL, "statutory_holiday": HOLIDAY_FILL,
                "adjusted_workday": ADJUSTED_FILL}.get(kind)

    # ---- cells ---------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.month is None:
            return None
        p, col = self.rows[index.row()], index.column()
        if role == PERSON_ROLE:
            return p
        if col == 0:
            return self._name_data(p, role)
        if col <= self.ndays:
            return self._day_data(p, col - 1, role)
        return self._summary_data(p, col - 1 - self.ndays, role)

    def _name_data(self, p: PersonMonth, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return p.name
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = f"{p.employee_no} {p.role}"
            if p.summary.needs_absence_explanation:
                tip += "\n" + strings.ATT_NEEDS_EXPLANATION
            return tip
        if role == Qt.ItemDataRole.BackgroundRole and p.summary.needs_absence_explanation:
            return QBrush(FLAG_FILL)
        return None

    def _day_data(self, p: PersonMonth, i: int, role: int) -> Any:
        d = p.summary.days[i]
        if role == Qt.ItemDataRole.DisplayRole:
            return p.symbols[i]
        if role == DAY_ROLE:
            return d
        if role == KIND_ROLE:
            return self._kinds[i]
        if role == Qt.ItemDataRole.BackgroundRole:
            fill = self._fill(self._kinds[i]) or _no_data_fill(d)
            return QBrush(fill) if fill else None
        if role in (Qt.ItemDataRole.ForegroundRole, PROBLEM_ROLE):
            problem = _problem(d)
            if role == PROBLEM_ROLE:
                return problem
            return _text_brush(d, problem)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(d)
        return None

    def _summary_data(self, p: PersonMonth, i: int, role: int) -> Any:
        s = p.summary
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                _fmt(s.required_days), _fmt(s.attended_days),
                f"{s.late_count}/{s.late_minutes}" if s.late_count else "",
                f"{s.early_count}/{s.early_minutes}" if s.early_count else "",
                _fmt(s.missing_punches), _fmt(s.absent_days),
                _fmt(sum(s.leave_days.values())), _fmt(s.overtime_hours),
            )
            return values[i]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (
                (i == 5 and s.absent_days) or (i == 2 and s.late_minutes
                                               > 0 and s.needs_absence_explanation)):
            return QBrush(ABSENT_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole and i == 6 and s.leave_days:
            return "\n".join(strings.TIP_LEAVE_DAYS.format(
                type=strings.LEAVE_TYPE_LABELS.get(k, k), days=f"{v:g}")
                for k, v in s.leave_days.items())
        return None


def _text_brush(d: Any, problem: str | None) -> QBrush | None:
    if problem == "absent":
        return QBrush(ABSENT_TEXT)
    if problem == "issue":
        return QBrush(ISSUE_TEXT)
    if "leave" in (d.am.verdict, d.pm.verdict):
        return QBrush(LEAVE_TEXT)
    if "no_data" in (d.am.verdict, d.pm.verdict):
        return QBrush(NO_DATA_TEXT)
    return None


def _no_data_fill(d: Any) -> QColor | None:
    """A day the clock data does not reach yet (neither present nor absent)."""
    return NO_DATA_FILL if "no_data" in (d.am.verdict, d.pm.verdict) else None


def _problem(d: Any) -> str | None:
    verdicts = (d.am.verdict, d.pm.verdict)
    if "absent" in verdicts:
        return "absent"
    if any(v in ("late", "early_leave", "missing_punch") for v in verdicts) or \
            d.late_minutes or d.early_minutes:
        return "issue"
    return None


def _tooltip(d: Any) -> str:
    parts = []
    for name in ("am", "pm"):
        s = d.session(name)
        label = strings.VERDICT_LABELS.get(s.verdict, s.verdict)
        if s.verdict == "leave" and s.leave_type:
            label = strings.LEAVE_TYPE_LABELS.get(s.leave_type, s.leave_type)
        extra = []
        if s.late_minutes:
            extra.append(f"{strings.VERDICT_LABELS['late']} {s.late_minutes}")
        if s.early_minutes:
            extra.append(f"{strings.VERDICT_LABELS['early_leave']} {s.early_minutes}")
        tail = strings.TIP_EXTRA.format(items=strings.LIST_COMMA.join(extra)) if extra else ""
        parts.append(strings.TIP_SESSION.format(session=strings.SESSION_LABELS[name],
                                                label=label, tail=tail))
    return f"{d.day.isoformat()}\n" + "\n".join(parts)


class MonthFilter(QSortFilterProxyModel):
    """Person text search, role and only-problems filters (columns are never filtered)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.role: str | None = None
        self.only_problems = False

    def update(self, text: str, role: str | None, only_problems: bool) -> None:
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.text, self.role, self.only_problems = text.strip().lower(), role, only_problems
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.10
            self.text, self.role, self.only_problems = text.strip().lower(), role, only_problems
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        p: PersonMonth = self.sourceModel().index(row, 0, parent).data(PERSON_ROLE)
        if p is None:
            return False
        if self.text and self.text not in f"{p.name} {p.employee_no}".lower():
            return False
        if self.role and p.role != self.role:
            return False
        if self.only_problems:
            s = p.summary
            return bool(s.late_count or s.early_count or s.missing_punches or s.absent_days)
        return True
