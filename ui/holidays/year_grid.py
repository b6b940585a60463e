"""The 12-month year grid of the holiday calendar (RULES §1.7 "Edit UI").

Each month is one small widget that paints its own cells (no widget per day): fill by kind of
day, the day number, a corner mark (``HOLIDAY_ADJUSTED_MARK`` on an adjusted workday,
``HOLIDAY_REST_MARK`` on a weekday given off) and an outline on today. A click emits the
date; the dialog decides what to write.
"""

from __future__ import annotations

import calendar as stdcal
import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QToolTip, QWidget

from app import strings
from app.domain.calendar import (
    ADJUSTED_WORKDAY,
    REST_DAY,
    STATUTORY_HOLIDAY,
    WORKDAY,
    HolidayCalendar,
    is_weekend,
    next_kind,
)
from ui.common import palette

FILL = {
    WORKDAY: QColor(palette.WHITE),
    REST_DAY: QColor(palette.YEAR_REST_DAY),
    STATUTORY_HOLIDAY: QColor(palette.YEAR_HOLIDAY),
    ADJUSTED_WORKDAY: QColor(palette.YEAR_ADJUSTED_WORKDAY),
}
TEXT = {
    WORKDAY: QColor(palette.TEXT),
    REST_DAY: QColor(palette.SOFT_TEXT),
    STATUTORY_HOLIDAY: QColor(palette.WHITE),
    ADJUSTED_WORKDAY: QColor(palette.TEXT),
}
MARK_COLOR = {ADJUSTED_WORKDAY: QColor(palette.YEAR_ADJUSTED_MARK), REST_DAY: QColor(palette.ERROR)}
TODAY_PEN = QColor(palette.ACCENT)
HOVER_PEN = QColor(palette.SOFT_TEXT)
GRID_PEN = QColor(palette.GRID)
TITLE_COLOR = QColor(palette.YEAR_TITLE)
HEADER_COLOR = QColor(palette.MUTED)
WEEKEND_HEADER_COLOR = QColor(palette.ERROR)

TITLE_H = 22
HEADER_H = 18
ROWS = 6


@dataclass(frozen=True)
class DayCell:
    """What one cell shows: the data behind the paint, also what tests look at."""

    date: dt.date
    kind: str
    name: str = ""
    today: bool = False

    @property
    def mark(self) -> str:
        """The "work" mark on an adjusted workday; the "off" mark on a Mon-Fri given off."""
        if self.kind == ADJUSTED_WORKDAY:
            return strings.HOLIDAY_ADJUSTED_MARK
        if self.kind == REST_DAY and not is_weekend(self.date):
            return strings.HOLIDAY_REST_MARK
        return ""

    @property
    def fill(self) -> QColor:
        return FILL[self.kind]

    @property
    def tooltip(self) -> str:
        weekday = strings.HOLIDAY_WEEKDAYS[self.date.weekday()]
        kind = strings.HOLIDAY_KIND_LABELS[self.kind]
        template = strings.HOLIDAY_DAY_TIP_NAME if self.name else strings.HOLIDAY_DAY_TIP
        head = template.format(date=self.date.isoformat(), weekday=weekday, kind=kind,
                               name=self.name)
        after = strings.HOLIDAY_KIND_LABELS[next_kind(self.date, self.kind)]
        return head + "\n" + strings.HOLIDAY_DAY_TIP_NEXT.format(kind=after)


def paint_cell(painter: QPainter, rect: QRectF, kind: str, text: str, mark: str,
               today: bool = False, hover: bool = False) -> None:
    """One day cell; shared by the month widgets and the legend so both always agree."""
    painter.save()
    box = rect.adjusted(1, 1, -1, -1)
    painter.fillRect(box, FILL[kind])
    if kind == WORKDAY:
        painter.setPen(QPen(GRID_PEN, 1))
        painter.drawRect(box)
    font = QFont(painter.font())
    font.setPointSizeF(9)
    font.setBold(kind == STATUTORY_HOLIDAY)
    painter.setFont(font)
    painter.setPen(TEXT[kind])
    number_box = QRectF(box)
    if mark:
        number_box.setRight(box.right() - box.width() * 0.22)
    painter.drawText(number_box, Qt.AlignmentFlag.AlignCenter, text)
    if mark:
        small = QFont(font)
        small.setPointSizeF(6.5)
        small.setBold(True)
        painter.setFont(small)
        painter.setPen(MARK_COLOR.get(kind, TEXT[kind]))
        corner = QRectF(box.right() - 12, box.top(), 12, 12)
        painter.drawText(corner, Qt.AlignmentFlag.AlignCenter, mark)
    if today or hover:
        painter.setPen(QPen(TODAY_PEN if today else HOVER_PEN, 2 if today else 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
    painter.restore()


class MonthWidget(QWidget):
    """One month: title, weekday header Mon..Sun (Monday first, as on Chinese calendars), 6 rows."""

    day_clicked = Signal(object)  # dt.date

    def __init__(self, month: int, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = month
        self.year = year
        self.cells: dict[dt.date, DayCell] = {}
        self._hover: dt.date | None = None
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(7 * 24, TITLE_H + HEADER_H + ROWS * 20)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(7 * 30, TITLE_H + HEADER_H + ROWS * 24)

    def set_days(self, year: int, cells: list[DayCell]) -> None:
        self.year = year
        self.cells = {c.date: c for c in cells}
        self.update()

    # ---- geometry ---------------------------------------------------------------------------
    def _cell_size(self) -> tuple[float, float]:
        return self.width() / 7, (self.height() - TITLE_H - HEADER_H) / ROWS

    def _offset(self) -> int:
        return dt.date(self.year, self.month, 1).weekday()

    def cell_rectf(self, d: dt.date) -> QRectF:
        w, h = self._cell_size()
        slot = self._offset() + d.day - 1
        return QRectF((slot % 7) * w, TITLE_H + HEADER_H + (slot // 7) * h, w, h)

    def cell_rect(self, d: dt.date) -> QRect:
        """The cell of ``d`` in widget coordinates (for clicks in tests)."""
        return self.cell_rectf(d).toAlignedRect()

    def date_at(self, pos: QPoint) -> dt.date | None:
        w, h = self._cell_size()
        if pos.y() < TITLE_H + HEADER_H or w <= 0 or h <= 0:
            return None
        col, row = int(pos.x() // w), int((pos.y() - TITLE_H - HEADER_H) // h)
        if not (0 <= col < 7 and 0 <= row < ROWS):
            return None
        day = row * 7 + col - self._offset() + 1
        if not 1 <= day <= stdcal.monthrange(self.year, self.month)[1]:
            return None
        return dt.date(self.year, self.month, day)

    # ---- painting ---------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(10)
        painter.setFont(font)
        painter.setPen(TITLE_COLOR)
        painter.drawText(QRectF(0, 0, self.width(), TITLE_H), Qt.AlignmentFlag.AlignCenter,
                         strings.HOLIDAY_MONTH_TITLE.format(month=self.month))
        font.setBold(False)
        font.setPointSizeF(8.5)
        painter.setFont(font)
        w, _h = self._cell_size()
        for i, label in enumerate(strings.HOLIDAY_GRID_WEEKDAYS):
            painter.setPen(WEEKEND_HEADER_COLOR if i >= 5 else HEADER_COLOR)
            painter.drawText(QRectF(i * w, TITLE_H, w, HEADER_H), Qt.AlignmentFlag.AlignCenter,
                             label)
        for d, cell in self.cells.items():
            paint_cell(painter, self.cell_rectf(d), cell.kind, str(d.day), cell.mark,
                       today=cell.today, hover=d == self._hover)
        painter.end()

    # ---- mouse and tooltips -------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            d = self.date_at(event.position().toPoint())
            if d is not None:
                self.day_clicked.emit(d)
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        d = self.date_at(event.position().toPoint())
        if d != self._hover:
            self._hover = d
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        self._hover = None
        self.update()
        super().leaveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            d = self.date_at(event.pos())
            cell = self.cells.get(d) if d else None
            if cell is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), cell.tooltip, self,
                                  self.cell_rect(cell.date))
            return True
        return super().event(event)


class YearGrid(QWidget):
    """Twelve months, four across and three down."""

    day_clicked = Signal(object)  # dt.date
    COLUMNS = 4

    def __init__(self, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = year
        self.months = [MonthWidget(m, year, self) for m in range(1, 13)]
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(18)
        layout.setVerticalSpacing(8)
        for i, month in enumerate(self.months):
            layout.addWidget(month, i // self.COLUMNS, i % self.COLUMNS)
            month.day_clicked.connect(self.day_clicked)

    def set_year(self, year: int, cal: HolidayCalendar, today: dt.date) -> None:
        self.year = year
        for month in self.months:
            month.set_days(year, [DayCell(d, kind, name, d == today)
                                  for d, kind, name in cal.month_days(year, month.month)])

    def month_widget(self, month: int) -> MonthWidget:
        return self.months[month - 1]

    def cell(self, d: dt.date) -> DayCell:
        """What the grid shows for ``d`` (``KeyError`` if ``d`` is not in the shown year)."""
        if d.year != self.year:
            raise KeyError(d)
        return self.months[d.month - 1].cells[d]

    def click(self, d: dt.date) -> None:
        """Same as a user's click on the day (keyboard-free hook for tests and scripts)."""
        self.month_widget(d.month).day_clicked.emit(d)


class _Swatch(QWidget):
    def __init__(self, kind: str, mark: str = "", today: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind, self.mark, self.today = kind, mark, today
        self.setFixedSize(30, 24)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        paint_cell(painter, QRectF(self.rect()), self.kind, "8", self.mark, today=self.today)
        painter.end()


class Legend(QWidget):
    """One swatch per kind of day, plus the weekday-off mark and today: painted like the grid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        items = [
            (_Swatch(WORKDAY), strings.HOLIDAY_KIND_LABELS[WORKDAY]),
            (_Swatch(REST_DAY), strings.HOLIDAY_KIND_LABELS[REST_DAY]),
            (_Swatch(STATUTORY_HOLIDAY), strings.HOLIDAY_KIND_LABELS[STATUTORY_HOLIDAY]),
            (_Swatch(ADJUSTED_WORKDAY, strings.HOLIDAY_ADJUSTED_MARK),
             strings.HOLIDAY_KIND_LABELS[ADJUSTED_WORKDAY]),
            (_Swatch(REST_DAY, strings.HOLIDAY_REST_MARK), strings.HOLIDAY_LEGEND_REST_WEEKDAY),
            (_Swatch(WORKDAY, today=True), strings.HOLIDAY_LEGEND_TODAY),
        ]
        for swatch, text in items:
            layout.addWidget(swatch)
            layout.addWidget(QLabel(text))
            layout.addSpacing(10)
        layout.addStretch()
