"""Roster table model and its filter proxy (Vorta's archive table model as template)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QColor

from app import strings
from app.domain.roster import PersonStatus
from app.services.roster import PersonDTO
from ui.common import palette
from ui.common.table_model import ROW_ROLE, SORT_ROLE, Column, DtoTableModel
from ui.common.widgets import date_text

STATUS_COLORS = {
    PersonStatus.PENDING: QColor(palette.INFO),
    PersonStatus.ACTIVE: QColor(palette.OK),
    PersonStatus.HANDOVER: QColor(palette.WARNING),
    PersonStatus.LEFT: QColor(palette.FAINT),
}
C = strings.ROSTER_COLUMNS
# On-site people first, then those arriving, then those gone.
STATUS_ORDER = (PersonStatus.ACTIVE, PersonStatus.HANDOVER, PersonStatus.PENDING,
                PersonStatus.LEFT)


def _flag(done: bool, date: Any) -> str:
    if not done:
        return strings.NO
    return date_text(date) or strings.YES


def _fg_left(p: PersonDTO) -> Any:
    return STATUS_COLORS[PersonStatus.LEFT] if p.status == PersonStatus.LEFT else None


COLUMNS: list[Column[PersonDTO]] = [
    Column(C["employee_no"], lambda p: p.employee_no, foreground=_fg_left),
    Column(C["name"], lambda p: p.name, foreground=_fg_left),
    Column(C["device_user_id"], lambda p: p.device_user_id or "",
           sort=lambda p: (len(p.device_user_id or ""), p.device_user_id or ""),
           align_center=True, foreground=_fg_left),
    Column(C["role"], lambda p: p.role, foreground=_fg_left),
    Column(C["phone"], lambda p: p.phone_masked, foreground=_fg_left),
    Column(C["id_card_no"], lambda p: p.id_card_masked, foreground=_fg_left),
    Column(C["start_date"], lambda p: date_text(p.start_date), align_center=True,
           foreground=_fg_left),
    Column(C["end_date"], lambda p: date_text(p.end_date), align_center=True,
           foreground=_fg_left),
    Column(C["status"], lambda p: p.status_label, align_center=True,
           sort=lambda p: STATUS_ORDER.index(p.status),
           foreground=lambda p: STATUS_COLORS.get(p.status)),
    Column(C["nda"], lambda p: _flag(p.nda_signed, p.nda_date), align_center=True,
           foreground=lambda p: QColor(palette.ERROR) if not p.nda_signed
           and p.status != PersonStatus.LEFT else _fg_left(p)),
    Column(C["training"], lambda p: _flag(p.training_done, p.training_date),
           align_center=True,
           foreground=lambda p: QColor(palette.ERROR) if not p.training_done
           and p.status != PersonStatus.LEFT else _fg_left(p)),
    Column(C["equipment"], lambda p: str(p.equipment_outstanding or ""), align_center=True,
           sort=lambda p: p.equipment_outstanding,
           tooltip=lambda p: strings.LIST_SEP.join(e.item for e in p.equipment if e.outstanding)),
    Column(strings.ROSTER_ATTACHMENTS_COL, lambda p: str(len(p.attachments) or ""),
           align_center=True, sort=lambda p: len(p.attachments),
           tooltip=lambda p: strings.LIST_SEP.join(a.title for a in p.attachments)),
    Column(strings.FIELD_NOTE, lambda p: p.note.replace("\n", " "), foreground=_fg_left),
]
STATUS_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.title == C["status"])


class RosterModel(DtoTableModel[PersonDTO]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)

    def row_of(self, person_id: int) -> int:
        for i, p in enumerate(self.rows):
            if p.id == person_id:
                return i
        return -1


class RosterFilter(QSortFilterProxyModel):
    """Text search over name, employee no., device user id and role; status filter (None = all)."""

    NOT_LEFT = "not_left"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._status: str | None = None
        self._ids: set[int] | None = None  # an exact search by ID number found these
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_text", text.strip().lower()))

    def set_ids(self, ids: set[int] | None) -> None:
        self._refilter(lambda: setattr(self, "_ids", ids))

    def set_status(self, status: str | None) -> None:
        self._refilter(lambda: setattr(self, "_status", status))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 deprecates invalidateFilter() for begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.10
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int,  # noqa: N802 - Qt API
                         parent: QModelIndex | QPersistentModelIndex) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        p: PersonDTO = index.data(ROW_ROLE)
        if p is None:
            return False
        if self._status == self.NOT_LEFT and p.status == PersonStatus.LEFT:
            return False
        if self._status not in (None, self.NOT_LEFT) and p.status != self._status:
            return False
        if self._ids is not None:
            return p.id in self._ids
        if self._text:
            hay = " ".join((p.name, p.employee_no, p.device_user_id or "", p.role)).lower()
            return self._text in hay
        return True

    def person_at(self, proxy_row: int) -> PersonDTO:
        src = self.mapToSource(self.index(proxy_row, 0))
        value: PersonDTO = src.data(ROW_ROLE)
        return value


