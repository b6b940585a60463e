"""A painted timeline of one change (SPEC C5): one node per step, left to right, coloured by
status (on time green, due soon amber, overdue red, done grey), with the due date and the done
date under each node and the change date at the end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app import strings
from app.domain.handover import DONE, DUE_SOON, ON_TIME, OVERDUE, STEP_DONE, Step
from ui.common import palette

STATUS_COLORS = {
    ON_TIME: QColor(palette.OK),
    DUE_SOON: QColor(palette.DUE_SOON),
    OVERDUE: QColor(palette.ERROR),
    STEP_DONE: QColor(palette.FAINT),
}
LINE = QColor(palette.GRID)
INK = QColor(palette.TEXT)
MUTED = QColor(palette.MUTED)
RADIUS = 9.0


def status_color(status: str) -> QColor:
    return STATUS_COLORS.get(status, MUTED)


def step_caption(step: Step) -> list[str]:
    """The lines under a node: due date (estimate mark), then done date or the status."""
    due = strings.CH_TL_DUE.format(due=step.due.strftime("%m-%d"))
    if step.provisional:
        due += strings.CH_DOC_ESTIMATE
    if step.done is not None:
        done = strings.CH_TL_DONE.format(done=step.done.strftime("%m-%d"))
        return [due, done + (strings.CH_TL_LATE if step.late else "")]
    return [due, strings.CH_STATUS_LABELS[step.status]]


class TimelineWidget(QWidget):
    """Paints ``steps``; empty, it shows a hint. ``set_steps`` repaints."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps: list[Step] = []
        self.change_date: dt.date | None = None
        self.state = ""
        self.setMinimumHeight(118)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(640, 124)

    def set_steps(self, steps: Sequence[Step], change_date: dt.date | None = None,
                  state: str = "") -> None:
        self.steps, self.change_date, self.state = list(steps), change_date, state
        self.setToolTip("\n".join(strings.CH_TL_TIP.format(
            name=s.name, due=s.due.isoformat(), status=strings.CH_STATUS_LABELS[s.status],
            done=s.done.isoformat() if s.done else "") for s in self.steps))
        self.update()

    def colors(self) -> list[str]:
        """The node colours as ``#rrggbb`` (what a test can check)."""
        return [status_color(s.status).name() for s in self.steps]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(8, 4, -8, -4)
        if not self.steps:
            p.setPen(MUTED)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, strings.CH_TL_EMPTY)
            p.end()
            return
        n = len(self.steps) + 1  # the change date closes the line
        slot = rect.width() / n
        y = rect.top() + 34
        xs = [rect.left() + slot * (i + 0.5) for i in range(n)]
        p.setPen(QPen(LINE, 3))
        p.drawLine(QPointF(xs[0], y), QPointF(xs[-1], y))
        base = QFont(self.font())
        bold = QFont(base)
        bold.setBold(True)
        for x, step in zip(xs, self.steps, strict=False):
            self._node(p, x, y, slot, step.name, step_caption(step), status_color(step.status),
                       base, bold, filled=step.done is not None)
        end_color = STATUS_COLORS[STEP_DONE] if self.state == DONE else INK
        self._node(p, xs[-1], y, slot, strings.CH_TL_CHANGE,
                   [self.change_date.isoformat() if self.change_date else ""], end_color,
                   base, bold, filled=True, square=True)
        p.end()

    def _node(self, p: QPainter, x: float, y: float, slot: float, title: str,
              lines: list[str], color: QColor, base: QFont, bold: QFont, filled: bool,
              square: bool = False) -> None:
        p.setPen(QPen(color, 2.5))
        p.setBrush(color if filled else QColor(palette.WHITE))
        box = QRectF(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS)
        if square:
            p.drawRect(box)
        else:
            p.drawEllipse(box)
        p.setFont(bold)
        p.setPen(INK)
        p.drawText(QRectF(x - slot / 2, y - 34, slot, 20), Qt.AlignmentFlag.AlignCenter, title)
        p.setFont(base)
        for i, line in enumerate(lines):
            p.setPen(color if i == len(lines) - 1 and not square else MUTED)
            p.drawText(QRectF(x - slot / 2, y + RADIUS + 4 + i * 18, slot, 18),
                       Qt.AlignmentFlag.AlignCenter, line)
