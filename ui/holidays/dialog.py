"""The holiday calendar dialog (Settings menu): the year's grid, its status, hand edits
and the USB import.

Every click writes at once through ``HolidayService.set_day`` (the service audits it as
``manual:<user>``); the dialog collects the ``Changes`` of every write in ``self.changes`` so
the main window can fan them out once the dialog closes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain.calendar import (
    ADJUSTED_WORKDAY,
    CONFIRMED,
    PROVISIONAL,
    REST_DAY,
    STATUTORY_HOLIDAY,
    HolidayCalendar,
    is_weekend,
    next_kind,
)
from app.services import Changes, Services
from app.services.holidays import HolidayYearDTO
from ui import messages
from ui.common import palette
from ui.common.tab import call
from ui.holidays.import_dialog import HolidayImportDialog
from ui.holidays.year_grid import Legend, YearGrid

YEAR_MIN, YEAR_MAX = 2000, 2099
BANNER_STYLE = f"background:{palette.BANNER_FILL}; color:{palette.BANNER_TEXT}; padding:6px 8px; " \
    "font-weight:bold;"
CONFIRMED_STYLE = palette.css(palette.OK, bold=True)
PROVISIONAL_STYLE = palette.css(palette.WARNING, bold=True)


def source_text(status: HolidayYearDTO) -> str:
    """``bundled`` / ``import:<file>`` / ``manual:<user>`` as a reader would say it."""
    key, _, detail = status.source.partition(":")
    template = strings.HOLIDAY_SOURCE_LABELS.get(key)
    text = template.format(detail=detail) if template else status.source
    if status.imported_at is not None and key == "import":
        text = strings.HOLIDAY_STATUS_IMPORTED_AT.format(
            source=text, at=status.imported_at.strftime("%Y-%m-%d %H:%M"))
    return text


class HolidayDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.today = today or services.clock.today()
        self.year = self.today.year
        self.changes = Changes()
        self.calendar: HolidayCalendar = services.holidays.calendar()
        self.status: HolidayYearDTO = services.holidays.year_status(self.year)
        self._edit_allowed: set[int] = set()
        self.setWindowTitle(strings.HOLIDAY_DIALOG_TITLE)
        self._build()
        self.resize(980, 660)
        self.reload()

    # ---- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.prev_button = QPushButton(strings.HOLIDAY_YEAR_PREV)
        self.prev_button.setToolTip(strings.HOLIDAY_YEAR_PREV_TIP)
        self.next_button = QPushButton(strings.HOLIDAY_YEAR_NEXT)
        self.next_button.setToolTip(strings.HOLIDAY_YEAR_NEXT_TIP)
        for button in (self.prev_button, self.next_button):
            button.setFixedWidth(36)
        self.this_year_button = QPushButton(strings.HOLIDAY_YEAR_THIS)
        self.prev_button.clicked.connect(lambda: self.set_year(self.year - 1))
        self.next_button.clicked.connect(lambda: self.set_year(self.year + 1))
        self.this_year_button.clicked.connect(lambda: self.set_year(self.today.year))
        self.year_label = QLabel()
        self.year_label.setStyleSheet("font-size: 16pt; font-weight: bold; padding: 0 10px;")
        self.status_label = QLabel()
        self.status_button = QPushButton()
        self.status_button.clicked.connect(self.toggle_status)
        self.import_button = QPushButton(strings.HOLIDAY_IMPORT_OPEN)
        self.import_button.clicked.connect(self.open_import)
        for button in (self.prev_button, self.next_button, self.this_year_button,
                       self.status_button, self.import_button):
            button.setAutoDefault(False)  # Enter must not step the year or change status
        bar = QHBoxLayout()
        for widget in (self.prev_button, self.year_label, self.next_button,
                       self.this_year_button):
            bar.addWidget(widget)
        bar.addSpacing(20)
        bar.addWidget(self.status_label)
        bar.addWidget(self.status_button)
        bar.addStretch()
        bar.addWidget(self.import_button)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.prefill_button = QPushButton(strings.HOLIDAY_PREFILL)
        self.prefill_button.setAutoDefault(False)
        self.prefill_button.clicked.connect(self.prefill)
        self.banner_row = QWidget()
        banner_layout = QHBoxLayout(self.banner_row)
        banner_layout.setContentsMargins(0, 0, 0, 0)
        banner_layout.addWidget(self.banner, 1)
        banner_layout.addWidget(self.prefill_button)

        self.summary = QLabel()
        self.summary.setStyleSheet(palette.css(palette.SOFT_TEXT))
        self.grid = YearGrid(self.today.year, self)
        self.grid.day_clicked.connect(self.cycle_day)
        self.legend = Legend(self)
        hint = QLabel(strings.HOLIDAY_CLICK_HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet(palette.css(palette.MUTED))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner_row)
        layout.addWidget(self.summary)
        # the year scrolls on a small screen: the dialog fits 1366x768 with a taskbar
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.legend)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    # ---- showing a year ----------------------------------------------------------------------
    def set_year(self, year: int) -> None:
        self.year = max(YEAR_MIN, min(YEAR_MAX, year))
        self.reload()

    def reload(self) -> None:
        """Re-read the table (a few hundred rows) and repaint the year."""
        holidays = self.services.holidays
        self.calendar = holidays.calendar()
        self.status = holidays.year_status(self.year)
        year = self.year
        self.year_label.setText(strings.HOLIDAY_YEAR_TITLE.format(year=year))
        self.prev_button.setEnabled(year > YEAR_MIN)
        self.next_button.setEnabled(year < YEAR_MAX)
        self.this_year_button.setEnabled(year != self.today.year)
        self.grid.set_year(year, self.calendar, self.today)
        self._show_status()
        self._show_banner()
        self.summary.setText(self._summary())

    def _show_status(self) -> None:
        status = self.status
        label = strings.HOLIDAY_YEAR_STATUS_LABELS.get(status.status, status.status)
        source = source_text(status) if status.source else ""
        self.status_label.setText(
            strings.HOLIDAY_STATUS_DETAIL.format(status=label, source=source) if source
            else strings.HOLIDAY_STATUS.format(status=label))
        self.status_label.setStyleSheet(
            PROVISIONAL_STYLE if status.provisional else CONFIRMED_STYLE)
        self.status_button.setText(strings.HOLIDAY_MARK_PROVISIONAL if not status.provisional
                                   else strings.HOLIDAY_MARK_CONFIRMED)

    def _show_banner(self) -> None:
        text = self.services.holidays.provisional_banner(self.year, self.year)
        self.banner_row.setVisible(text is not None)
        self.banner.setText(strings.HOLIDAY_BANNER.format(text=text) if text else "")
        has_rows = any(e.date.year == self.year for e in self.calendar.entries())
        has_rule = bool(self.services.holidays.estimate_statutory(self.year))
        self.prefill_button.setEnabled(not has_rows and has_rule)
        self.prefill_button.setToolTip(
            strings.HOLIDAY_PREFILL_HAS_ROWS if has_rows
            else strings.HOLIDAY_PREFILL_NO_DATA.format(year=self.year) if not has_rule
            else strings.HOLIDAY_PREFILL_TIP)

    def _summary(self) -> str:
        year, cal = self.year, self.calendar
        rows = [e for e in cal.entries() if e.date.year == year]
        return strings.HOLIDAY_YEAR_SUMMARY.format(
            year=year,
            statutory=sum(e.kind == STATUTORY_HOLIDAY for e in rows),
            rest=sum(e.kind == REST_DAY and not is_weekend(e.date) for e in rows),
            adjusted=sum(e.kind == ADJUSTED_WORKDAY for e in rows),
            work=cal.count_working_days(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        ) + (strings.HOLIDAY_YEAR_SUMMARY_ESTIMATE if self.status.provisional else "")

    # ---- writes ----------------------------------------------------------------------------
    def _record(self, changes: Changes) -> None:
        self.changes = self.changes | changes
        self.reload()

    def _may_edit(self, year: int) -> bool:
        """Hand edits to a confirmed year are allowed, but asked about once per year."""
        if year in self._edit_allowed or self.calendar.year_status(year) != CONFIRMED:
            return True
        status = self.services.holidays.year_status(year)
        if not messages.ask(self, strings.HOLIDAY_EDIT_CONFIRMED_ASK.format(
                year=year, source=source_text(status))):
            return False
        self._edit_allowed.add(year)
        return True

    def cycle_day(self, d: dt.date) -> None:
        """One click: the next possible kind (RULES §1.7 cycle), written at once."""
        if not self._may_edit(d.year):
            return
        kind = next_kind(d, self.calendar.kind_of(d))
        name = self.calendar.name_of(d)
        if kind == STATUTORY_HOLIDAY:
            rule = {h.date: h.name for h in self.services.holidays.estimate_statutory(d.year)}
            name = rule.get(d, name)
        call(self, lambda: self.services.holidays.set_day(d, kind, name),
             lambda result: self._record(result[1]))

    def toggle_status(self) -> None:
        year = self.year
        confirm = self.status.provisional
        ask = (strings.HOLIDAY_MARK_CONFIRMED_ASK if confirm
               else strings.HOLIDAY_MARK_PROVISIONAL_ASK)
        if not messages.ask(self, ask.format(year=year)):
            return
        call(self, lambda: self.services.holidays.set_year_status(
            year, CONFIRMED if confirm else PROVISIONAL), lambda result: self._record(result[1]))

    def prefill(self) -> None:
        year = self.year
        estimate = self.services.holidays.estimate_statutory(year)
        if not estimate:
            messages.error(self, strings.HOLIDAY_PREFILL_NO_DATA.format(year=year))
            return
        days = strings.LIST_COMMA.join(
            strings.HOLIDAY_PREFILL_DAY.format(month=h.date.month, day=h.date.day, name=h.name)
            for h in estimate)
        if not messages.ask(self, strings.HOLIDAY_PREFILL_ASK.format(year=year, n=len(estimate),
                                                                      days=days)):
            return
        call(self, lambda: self.services.holidays.prefill_provisional(year),
             lambda result: self._prefilled(year, *result))

    def _prefilled(self, year: int, written: list[object], changes: Changes) -> None:
        self._record(changes)
        if written:
            messages.info(self, strings.HOLIDAY_PREFILL_DONE.format(year=year, n=len(written)))
        else:
            messages.info(self, strings.HOLIDAY_PREFILL_NOTHING.format(year=year))

    def open_import(self) -> None:
        dialog = HolidayImportDialog(self.services, self)
        QTimer.singleShot(0, dialog.pick_file)  # the file dialog over the shown import dialog
        self.run_import(dialog)

    def run_import(self, dialog: HolidayImportDialog) -> None:
        """Show the import dialog modally and take over what it wrote."""
        dialog.exec()
        if dialog.changes.any:
            plan = dialog.plan
            if plan is not None and plan.replace_years:
                self.year = plan.replace_years[0]
            self._record(dialog.changes)
