"""The one way to list rows: a read-only table model over frozen DTOs, described by column
specs, and the house table view over it. ``ROW_ROLE`` returns a row's DTO, so selection reads
the DTO from the model (never from a parallel list)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from ui.common import palette

T = TypeVar("T")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    align_center: bool = False
    foreground: Callable[[T], Any] | None = None
    tooltip: Callable[[T], str] | None = None
    background: Callable[[T], Any] | None = None
    font: Callable[[T], Any] | None = None


class DtoTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self.rows[row]

    def row_where(self, match: Callable[[T], bool]) -> int:
        """The first row whose DTO matches, or -1."""
        return next((i for i, item in enumerate(self.rows) if match(item)), -1)

    def cell(self, row: int, column: int) -> str:
        """The text shown in one cell."""
        return str(self.columns[column].text(self.rows[row]))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
                return self.columns[section].title
            if orientation == Qt.Orientation.Vertical:
                return section + 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        item, col = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(item)
        if role == SORT_ROLE:
            return col.sort(item) if col.sort else col.text(item)
        if role == ROW_ROLE:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_center:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col.foreground:
            return col.foreground(item)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip:
            return col.tooltip(item)
        if role == Qt.ItemDataRole.BackgroundRole and col.background:
            return col.background(item)
        if role == Qt.ItemDataRole.FontRole and col.font:
            return col.font(item)
        return None


def make_view(model: QAbstractTableModel, parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table with the house look (lists in dialogs and tabs)."""
    view = QTableView(parent)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    keep_readable_headers(view)
    return view


MIN_SECTION = 64  # px: an empty table's columns stay wide enough to read their titles


def keep_readable_headers(view: QTableView) -> None:
    """Columns never shrink below their title, even with no rows to size them by."""
    header = view.horizontalHeader()
    header.setMinimumSectionSize(MIN_SECTION)
    header.setDefaultSectionSize(max(header.defaultSectionSize(), 96))


class EmptyState(QObject):
    """A centred, muted text over a view while its model has no rows: why the list is empty
    and what to do. Follows the model (resets, inserts, removals, filtering) and the
    viewport's size; it never takes mouse clicks."""

    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(view)
        self.view = view
        self.text = text  # the usual text
        self.overriding: str | None = None  # what says it instead, for a while
        self.label = QLabel(text, view.viewport())
        self.label.setObjectName("emptyState")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setStyleSheet(palette.css(palette.MUTED) + " padding: 16px;")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        self._model: QAbstractItemModel | None = None
        self.watch(view.model())

    def watch(self, model: QAbstractItemModel | None) -> None:
        if model is self._model:
            return
        self._model = model
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                           model.layoutChanged):
                signal.connect(self.update)
        self.update()

    def set_text(self, text: str) -> None:
        self.text = text
        self.label.setText(self.overriding or text)

    def override(self, text: str | None) -> None:
        """Say ``text`` instead of the usual text until called with ``None`` (the window's
        database server lost: an empty list then means nothing)."""
        self.overriding = text
        self.label.setText(text or self.text)

    def visible(self) -> bool:
        return not self.label.isHidden()

    def update(self) -> None:
        self.watch(self.view.model())
        model = self._model
        empty = model is None or model.rowCount() == 0
        self.label.setGeometry(self.view.viewport().rect())
        self.label.setVisible(empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.label.setGeometry(self.view.viewport().rect())
        return False


def set_empty_text(view: QAbstractItemView, text: str) -> EmptyState:
    """Give ``view`` its empty-state text (once per view; a second call changes the text)."""
    existing = view.findChild(EmptyState)
    if isinstance(existing, EmptyState):
        existing.set_text(text)
        return existing
    return EmptyState(view, text)


def selected_row(view: QTableView) -> Any:
    """The DTO of the selected row (through any proxy), or ``None``."""
    selection = view.selectionModel()
    if selection is None or not selection.hasSelection():
        return None
    rows = selection.selectedRows()
    index = rows[0] if rows else view.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None
