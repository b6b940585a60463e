"""Service record table model: one row per record DTO, over-target times in red, items
carried over from earlier months shaded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from app import strings
from app.domain.service_log import MET, MISSED, RESOLVED
from app.dto.service_log import ServiceRecordDTO
from app.dto.service_log_text import measure_text
from ui.common import palette
from ui.common.table_model import SORT_ROLE, Column, DtoTableModel

RED, GREEN, ORANGE = QColor(palette.ERROR), QColor(palette.OK), QColor(palette.WARNING)
CARRIED_BACKGROUND = QColor(palette.CARRIED_FILL)
H = strings.SV_HEADERS


def _minutes(m: int | None, verdict: str) -> str:
    text = str(m) if m is not None else ""
    return text + strings.SV_OVER_MARK if verdict == MISSED else text


def _key(minutes: int | None) -> int:
    return -1 if minutes is None else minutes


def _verdict_color(verdict: str) -> Any:
    return RED if verdict == MISSED else GREEN if verdict == MET else None


def _verdict_tip(r: ServiceRecordDTO, which: str) -> str:
    m = r.measure
    minutes, verdict, target = (
        (m.response_minutes, m.response, m.targets.response_minutes) if which == "response"
        else (m.resolution_minutes, m.resolution, m.targets.resolution_minutes))
    return measure_text(minutes, verdict, target)


def _result(r: ServiceRecordDTO) -> str:
    text = strings.SV_RESULT_LABELS.get(r.result, r.result)
    if r.carried_over:
        text += strings.DOC_PAREN.format(text=strings.SV_CARRIED)
    return text


def _reporter(r: ServiceRecordDTO) -> str:
    if r.reporter and r.reporter_dept:
        return f"{r.reporter}{strings.DOC_PAREN.format(text=r.reporter_dept)}"
    return r.reporter or r.reporter_dept


COLUMNS: list[Column[ServiceRecordDTO]] = [
    Column(H[0], lambda r: r.number),
    Column(H[1], lambda r: strings.SV_TYPE_LABELS.get(r.service_type, r.service_type),
           align_center=True),
    Column(H[2], lambda r: strings.SV_SOURCE_LABELS.get(r.source, r.source),
           align_center=True),
    Column(H[3], _reporter),
    Column(H[4], lambda r: f"{r.reported_at:%Y-%m-%d %H:%M}",
           sort=lambda r: f"{r.reported_at:%Y-%m-%d %H:%M} {r.id:09d}",
           align_center=True),
    Column(H[5], lambda r: _minutes(r.measure.response_minutes, r.measure.response),
           sort=lambda r: _key(r.measure.response_minutes), align_center=True,
           foreground=lambda r: _verdict_color(r.measure.response),
           tooltip=lambda r: _verdict_tip(r, "response")),
    Column(H[6], lambda r: _minutes(r.measure.resolution_minutes, r.measure.resolution),
           sort=lambda r: _key(r.measure.resolution_minutes), align_center=True,
           foreground=lambda r: _verdict_color(r.measure.resolution),
           tooltip=lambda r: _verdict_tip(r, "resolution")),
    Column(H[7], lambda r: r.staff_names),
    Column(H[8], lambda r: r.location),
    Column(H[9], lambda r: r.description, tooltip=lambda r: r.description),
    Column(H[10], _result, foreground=lambda r: None if r.result == RESOLVED else ORANGE,
           tooltip=lambda r: r.pending_reason),
    Column(H[11], lambda r: strings.SV_SIGNED_SHORT.format(name=r.client_signed_by)
           if r.client_signed else strings.SV_UNSIGNED,
           foreground=lambda r: None if r.client_signed else QColor(palette.FAINT)),
]
MINUTE_COLUMNS = (5, 6)


class ServiceModel(DtoTableModel[ServiceRecordDTO]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and \
                0 <= index.row() < len(self.rows) and self.rows[index.row()].carried_over:
            return CARRIED_BACKGROUND
        return super().data(index, role)


class ServiceSort(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
