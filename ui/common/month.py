"""Month navigation shared by the month tabs (attendance calendar, scores)."""

from __future__ import annotations

import datetime as dt

from app.services.attendance import month_key


class MonthNavigation:
    """Mixin: ``year``/``month`` state with previous/next/this-month; the tab reloads."""

    year: int
    month: int

    def reload(self) -> None:  # pragma: no cover - provided by the tab
        raise NotImplementedError

    @property
    def key(self) -> str:
        return month_key(self.year, self.month)

    def go(self, step: int) -> None:
        index = self.year * 12 + self.month - 1 + step
        self.year, self.month = divmod(index, 12)
        self.month += 1
        self.reload()

    def go_this_month(self) -> None:
        today = dt.date.today()
        self.year, self.month = today.year, today.month
        self.reload()
