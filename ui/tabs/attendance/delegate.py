"""Paints a day cell like the printed sheet: fill by day kind, the symbol, half days split,
a small mark on days changed by a correction or a manual entry, and severe lateness or early
leave (beyond ``rules.severe_minutes``) in bold dark red with a bar under the symbol."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.common import palette
from ui.tabs.attendance.model import DAY_ROLE

MARK = QColor(palette.ACCENT)
SEVERE = QColor(palette.SEVERE)


def is_severe(day: object) -> bool:
    """A session of the day was late or left early by more than ``rules.severe_minutes``."""
    return any(getattr(s, "severe_late", False) or getattr(s, "severe_early", False)
               for s in (getattr(day, "am", None), getattr(day, "pm", None)))


class DayCellDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        day = index.data(DAY_ROLE)
        if day is None:
            super().paint(painter, option, index)
            return
        rect = QRectF(option.rect)
        painter.save()
        fill = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(fill, QBrush):
            painter.fillRect(rect, fill)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, palette.color(palette.ACCENT, palette.SELECTION_ALPHA))
        fg = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(QPen(fg.color() if isinstance(fg, QBrush) else QColor(palette.TEXT)))
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        font = painter.font()
        severe = is_severe(day)
        if severe:
            paint_severe(painter, rect)
            font.setBold(True)
            painter.setFont(font)
        if len(text) >= 2:
            font.setPointSizeF(max(font.pointSizeF() * 0.8, 6))
            painter.setFont(font)
            left, right = QRectF(rect), QRectF(rect)
            left.setWidth(rect.width() / 2)
            right.setLeft(rect.left() + rect.width() / 2)
            painter.drawText(left, Qt.AlignmentFlag.AlignCenter, text[0])
            painter.drawText(right, Qt.AlignmentFlag.AlignCenter, text[1:])
            painter.setPen(QPen(QColor(palette.GRID), 0.6))
            painter.drawLine(QPointF(rect.center().x(), rect.top() + 3),
                             QPointF(rect.center().x(), rect.bottom() - 3))
        else:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        changed = any(s.corrected_in or s.corrected_out or s.absent_reason not in (None,
                                                                                   "no_punch")
                      for s in (day.am, day.pm))
        if changed:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(MARK)
            r = rect.right()
            painter.drawPolygon([QPointF(r - 6, rect.top()), QPointF(r, rect.top()),
                                 QPointF(r, rect.top() + 6)])
        painter.restore()


def paint_severe(painter: QPainter, rect: QRectF) -> None:
    """The severe mark: a bar along the bottom; the symbol is then drawn bold in dark red."""
    bar = QRectF(rect.left() + 3, rect.bottom() - 3, rect.width() - 6, 2.5)
    painter.fillRect(bar, SEVERE)
    painter.setPen(QPen(SEVERE))
