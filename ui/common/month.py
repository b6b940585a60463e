"""Month navigation shared by the month tabs (attendance calendar, scores)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton

from app import strings
from app.services.attendance import month_key

if TYPE_CHECKING:
    from app.services import Services


class MonthNavigation:
    """Mixin: ``year``/``month`` state with previous/next/this-month; the tab reloads."""

    year: int
    month: int
    services: Services

    def reload(self) -> None:  # pragma: no cover - provided by the tab
        raise NotImplementedError

    def add_month_controls(self, bar: QBoxLayout) -> None:
        """◀ previous, the month title, next ▶, this month: added to ``bar``."""
        self.btn_prev = QPushButton(strings.MONTH_PREV)
        self.btn_next = QPushButton(strings.MONTH_NEXT)
        self.btn_this = QPushButton(strings.MONTH_THIS)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold; padding: 0 12px;")
        self.btn_prev.clicked.connect(lambda: self.go(-1))
        self.btn_next.clicked.connect(lambda: self.go(1))
        self.btn_this.clicked.connect(self.go_this_month)
        for widget in (self.btn_prev, self.title, self.btn_next, self.btn_this):
            bar.addWidget(widget)

    @property
    def key(self) -> str:
        return month_key(self.year, self.month)

    def go(self, step: int) -> None:
        index = self.year * 12 + self.month - 1 + step
        self.year, self.month = divmod(index, 12)
        self.month += 1
        self.reload()

    def go_this_month(self) -> None:
        today = self.services.clock.today()
        self.year, self.month = today.year, today.month
        self.reload()
