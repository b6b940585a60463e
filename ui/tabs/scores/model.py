"""Scores tab models: people x month summary (a DTO table) and its person / flag filter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QBrush, QColor

from app import strings
from app.services.scores import IncidentDTO, PersonScore
from ui.common import palette
from ui.common.table_model import ROW_ROLE, SORT_ROLE, Column, DtoTableModel

Index = QModelIndex | QPersistentModelIndex
FLAG_TEXT = QColor(palette.ERROR)
WAIVED_TEXT = QColor(palette.FAINT)
REWARD_TEXT = QColor(palette.OK)


class ScoreModel(DtoTableModel[PersonScore]):
    """One row per person; the flag label shows in red on flagged rows."""

    def __init__(self, parent: Any = None) -> None:
        self.flag_label = strings.SCORE_FLAG_DEFAULT
        super().__init__(self._columns(), parent)

    def _columns(self) -> list[Column[PersonScore]]:
        def red(p: PersonScore) -> Any:
            return QBrush(FLAG_TEXT) if p.flagged else None

        h = strings.SC_HEADERS
        return [
            Column(h[0], lambda p: str(p.rank), sort=lambda p: p.rank, align_center=True),
            Column(h[1], lambda p: p.employee_no),
            Column(h[2], lambda p: p.name, foreground=red),
            Column(h[3], lambda p: p.role),
            Column(h[4], lambda p: str(p.base), sort=lambda p: p.base, align_center=True),
            Column(h[5], lambda p: str(p.deductions) if p.deductions else "",
                   sort=lambda p: p.deductions, align_center=True),
            Column(h[6], lambda p: str(p.rewards) if p.rewards else "",
                   sort=lambda p: p.rewards, align_center=True),
            Column(h[7], lambda p: str(p.score), sort=lambda p: p.score, align_center=True,
                   foreground=red),
            Column(h[8], lambda p: self.flag_label if p.flagged else "", foreground=red,
                   align_center=True),
            Column(h[9], _count_text, sort=lambda p: len(p.incidents), tooltip=_count_tip),
        ]


def _count_text(p: PersonScore) -> str:
    waived = len(p.incidents) - p.counted
    if not p.incidents:
        return ""
    return strings.SC_COUNT_CELL.format(n=p.counted, waived=waived) if waived else str(p.counted)


def _count_tip(p: PersonScore) -> str:
    return strings.SC_COUNT_TIP.format(n=len(p.incidents), counted=p.counted)


class ScoreFilter(QSortFilterProxyModel):
    """Person text search and "only flagged"."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.only_flagged = False
        self.setSortRole(SORT_ROLE)

    def update(self, text: str, only_flagged: bool) -> None:
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.text, self.only_flagged = text.strip().lower(), only_flagged
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.10
            self.text, self.only_flagged = text.strip().lower(), only_flagged
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        p: PersonScore | None = self.sourceModel().index(row, 0, parent).data(ROW_ROLE)
        if p is None:
            return False
        if self.text and self.text not in f"{p.name} {p.employee_no}".lower():
            return False
        return not self.only_flagged or p.flagged


def incident_cells(i: IncidentDTO) -> list[str]:
    """The incident list's columns: date, time, rule, points, source, note, by, status."""
    if i.waived:
        status = strings.SC_STATUS_WAIVED.format(reason=i.waive_reason, by=i.waived_by)
    elif not i.in_force:
        status = strings.SCORE_STATUS_NOT_IN_FORCE
    else:
        status = strings.SCORE_STATUS_COUNTED
    note = i.note + (strings.SCORE_OVERRIDDEN if i.overridden else "")
    return [f"{i.at:%Y-%m-%d} {strings.WEEKDAYS_SHORT[i.at.weekday()]}", f"{i.at:%H:%M}",
            i.rule_label, f"{i.points:+d}" if i.points else "0",
            strings.SCORE_SOURCE_LABELS[i.source], note, i.recorded_by, status]
