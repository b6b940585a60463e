"""The head office in the main window (issue 19): on a database with several projects (or a
PostgreSQL server) a project picker above the tabs, and two more tabs: the overview (one row
per project for a month) and the statistics (project x month tables, exported to Excel).

Switching the project sets ``db.project_id`` (every service reads it per session) and
rebuilds the site tabs on it (``MainWindow.reload_tabs``). Computing summaries is work for
the TaskRunner's worker thread; the stored ones come back in milliseconds."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.dto.headoffice import percent_text
from ui import messages
from ui.common import palette

if TYPE_CHECKING:
    from app.dto.headoffice import OverviewRow, Statistics
    from app.services import Services
    from app.services.headoffice import ProjectRef
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

MONTHS_BACK = 24  # months offered by the pickers
DATA_BEHIND_DAYS = 3  # clock data older than this many days before today is shown red


def month_choices(today: dt.date, back: int = MONTHS_BACK) -> list[tuple[int, int]]:
    """This month and the ``back - 1`` before it, newest first."""
    y, m = today.year, today.month
    out = []
    for _ in range(back):
        out.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out


def month_combo(today: dt.date, index: int = 0) -> QComboBox:
    combo = QComboBox()
    for y, m in month_choices(today):
        combo.addItem(strings.HO_XL_MONTH_HEADER.format(year=y, month=m), (y, m))
    combo.setCurrentIndex(index)
    return combo


def _service_cell(percent: float | None, target: int) -> str:
    if percent is None:
        return strings.HO_SERVICE_NONE_CELL.format(target=target)
    return strings.HO_SERVICE_CELL.format(percent=percent_text(percent), target=target)


def _item(value: Any, number: bool = False, warn: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(str(value))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if warn:
        item.setForeground(QColor(palette.ERROR))
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(False)
    return table


class OverviewTab(QWidget):
    """The overview: one row per project for the chosen month."""

    def __init__(self, services: Services, tasks: TaskRunner,
                 open_project: Any = None) -> None:
        super().__init__()
        self.services, self.tasks = services, tasks
        self.open_project = open_project
        self.rows: list[OverviewRow] = []
        self.month = month_combo(services.clock.today())
        self.refresh_button = QPushButton(strings.HO_REFRESH)
        self.open_button = QPushButton(strings.HO_OPEN_PROJECT)
        self.import_button = QPushButton(strings.SP_UI_ACT_IMPORT)  # wired by HeadOffice
        self.summary = QLabel()
        self.note = QLabel()
        self.note.setStyleSheet(palette.css(palette.MUTED))
        self.table = _table(list(strings.HO_OVERVIEW_HEADERS))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(strings.HO_MONTH_LABEL))
        bar.addWidget(self.month)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.import_button)
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addWidget(self.note)
        self.month.currentIndexChanged.connect(lambda _i: self.load())
        self.refresh_button.clicked.connect(lambda: self.load())
        self.open_button.clicked.connect(self._open_selected)
        self.table.doubleClicked.connect(lambda _i: self._open_selected())

    def load(self) -> None:
        year, month = self.month.currentData()
        ho = self.services.headoffice
        self.tasks.run(strings.HO_COMPUTING,
                       lambda progress: ho.overview(year, month, progress), self.show_rows,
                       cancellable=False)

    def show_rows(self, rows: list[OverviewRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            f = row.figures
            name = row.name if row.origin != "site" else strings.HO_PROJECT_NAME_SITE.format(
                name=row.name)
            cells = [
                _item(row.code), _item(name), self._through(f.data_through),
                _item(f.on_site, True),
                _item(f.problems, True, f.problems > 0),
                _item(f.explanations, True, f.explanations > 0),
                _item(f.overdue_handovers, True, f.overdue_handovers > 0),
                _item(percent_text(f.attendance_rate), True), _item(f.service_total, True),
                _item(_service_cell(f.response_percent, f.response_target), True,
                      f.response_missed > 0),
                _item(_service_cell(f.resolution_percent, f.resolution_target), True,
                      f.resolution_missed > 0),
                _item(f.service_open, True)]
            for c, cell in enumerate(cells):
                self.table.setItem(r, c, cell)
        month = self.month.currentText()
        self.summary.setText(strings.HO_OVERVIEW_SUMMARY.format(
            month=month, projects=len(rows), people=sum(r.figures.on_site for r in rows),
            problems=sum(r.figures.problems for r in rows),
            explanations=sum(r.figures.explanations for r in rows),
            overdue=sum(r.figures.overdue_handovers for r in rows)))
        if not rows:
            self.summary.setText(strings.HO_OVERVIEW_EMPTY)
        recomputed = sum(r.recomputed for r in rows)
        if recomputed:
            self.note.setText(strings.HO_STALE_NOTE.format(n=recomputed))
        elif rows:
            oldest = min(r.computed_at for r in rows)
            self.note.setText(strings.HO_FRESH_NOTE.format(at=oldest.strftime("%m-%d %H:%M")))

    def _through(self, day: str | None) -> QTableWidgetItem:
        """The last day the clock data reaches; red, with why, when it lags today by more
        than ``DATA_BEHIND_DAYS`` (its figures then say little about the days after)."""
        if day is None:
            return _item(strings.HO_CLI_NONE)
        through = dt.date.fromisoformat(day)
        behind = (self.services.clock.today() - through).days
        item = _item(day, False, behind > DATA_BEHIND_DAYS)
        if behind > DATA_BEHIND_DAYS:
            item.setToolTip(strings.HO_DATA_BEHIND_TIP.format(day=day, days=behind))
        return item

    def _open_selected(self) -> None:
        r = self.table.currentRow()
        if 0 <= r < len(self.rows) and self.open_project is not None:
            self.open_project(self.rows[r].project_id)


class StatisticsTab(QWidget):
    """The statistics: a project x month table of one metric, and the Excel export."""

    def __init__(self, services: Services, tasks: TaskRunner) -> None:
        super().__init__()
        self.services, self.tasks = services, tasks
        self.stats: Statistics | None = None
        today = services.clock.today()
        self.first = month_combo(today, 5)
        self.last = month_combo(today, 0)
        self.metric_box = QComboBox()
        from app.dto.headoffice import METRICS

        for key in METRICS:
            self.metric_box.addItem(strings.HO_METRIC_LABELS[key], key)
        self.refresh_button = QPushButton(strings.HO_REFRESH)
        self.export_button = QPushButton(strings.HO_EXPORT)
        self.table = _table([])
        self.hint = QLabel(strings.HO_STATS_EMPTY)
        self.hint.setStyleSheet(palette.css(palette.MUTED))
        bar = QHBoxLayout()
        for widget in (QLabel(strings.HO_FROM_LABEL), self.first, QLabel(strings.HO_TO_LABEL),
                       self.last, QLabel(strings.HO_METRIC_LABEL), self.metric_box,
                       self.refresh_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addWidget(self.table, 1)
        column.addWidget(self.hint)
        self.refresh_button.clicked.connect(lambda: self.load())
        self.metric_box.currentIndexChanged.connect(lambda _i: self.show_metric())
        self.export_button.clicked.connect(self.export)

    def months(self) -> list[tuple[int, int]]:
        from app.services.headoffice import parse_months

        (y1, m1), (y2, m2) = self.first.currentData(), self.last.currentData()
        return parse_months(f"{y1:04d}-{m1:02d}", f"{y2:04d}-{m2:02d}")

    def load(self) -> None:
        from ui.common.tab import call

        got: list[list[tuple[int, int]]] = []
        if not call(self, self.months, got.append):
            return
        ho = self.services.headoffice
        self.tasks.run(strings.HO_COMPUTING,
                       lambda progress: ho.statistics(got[0], progress), self.show_stats,
                       cancellable=False)

    def show_stats(self, stats: Statistics) -> None:
        self.stats = stats
        self.show_metric()

    def show_metric(self) -> None:
        if self.stats is None:
            return
        key = self.metric_box.currentData()
        table = self.stats.metric(key)
        months = list(self.stats.months)
        headers = [*strings.HO_XL_PROJECT_HEADERS]
        for m in months:
            y, mo = m.split("-")
            headers.append(strings.HO_XL_MONTH_HEADER.format(year=int(y), month=int(mo)))
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(table.rows))
        percent = key.endswith("rate") or key.endswith("percent")
        for r, row in enumerate(table.rows):
            self.table.setItem(r, 0, _item(row.code))
            self.table.setItem(r, 1, _item(row.name))
            for c, value in enumerate(row.values, start=2):
                text = strings.HO_CLI_NONE if value is None else (
                    f"{value:.1f}" if percent else f"{value:g}" if isinstance(value, float)
                    else str(value))
                self.table.setItem(r, c, _item(text, True))
        self.hint.setText(strings.HO_STATS_NOTE.format(metric=strings.HO_METRIC_LABELS[key]))

    def export(self) -> None:
        from pathlib import Path

        from ui.common.tab import call

        got: list[list[tuple[int, int]]] = []
        if not call(self, self.months, got.append):
            return
        months = got[0]
        first, last = (f"{y:04d}-{m:02d}" for y, m in (months[0], months[-1]))
        name = strings.HO_EXPORT_NAME.format(first=first, last=last)
        path, _ = QFileDialog.getSaveFileName(self, strings.HO_EXPORT_TITLE,
                                              str(Path.home() / name), strings.HO_EXPORT_FILTER)
        if not path:
            return
        services = self.services

        def work(progress: Any) -> Path:
            stats = services.headoffice.statistics(months, progress)
            return services.documents.headoffice_xlsx(stats, Path(path))

        self.tasks.run(strings.HO_EXPORTING, work,
                       lambda out: messages.info(self, strings.HO_EXPORTED.format(path=out)),
                       cancellable=False)


class ProjectBar(QWidget):
    """The project picker above the tabs."""

    def __init__(self, projects: list[ProjectRef], current: int) -> None:
        super().__init__()
        self.combo = QComboBox()
        self.combo.setMinimumWidth(360)
        self.set_projects(projects, current)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(QLabel(strings.HO_PROJECT_LABEL))
        row.addWidget(self.combo)
        row.addStretch(1)

    def set_projects(self, projects: list[ProjectRef], current: int) -> None:
        self.combo.blockSignals(True)
        try:
            self.combo.clear()
            for p in projects:
                label = strings.HO_PROJECT_ITEM_SITE if p.origin == "site" \
                    else strings.HO_PROJECT_ITEM
                self.combo.addItem(label.format(code=p.code, name=p.name), p.id)
                if p.id == current:
                    self.combo.setCurrentIndex(self.combo.count() - 1)
        finally:
            self.combo.blockSignals(False)


class HeadOffice:
    """What the head office adds to a main window (kept as ``window.headoffice``)."""

    def __init__(self, window: MainWindow, services: Services) -> None:
        self.window, self.services = window, services
        self.bar = ProjectBar(services.headoffice.projects(), services.db.project_id)
        self.overview = OverviewTab(services, window.tasks, self.switch_to)
        self.statistics = StatisticsTab(services, window.tasks)
        layout = cast(QVBoxLayout, window.centralWidget().layout())
        layout.insertWidget(layout.indexOf(window.tabs), self.bar)
        window.tabs.addTab(self.overview, strings.HO_TAB_OVERVIEW)
        window.tabs.addTab(self.statistics, strings.HO_TAB_STATS)
        self.bar.combo.currentIndexChanged.connect(
            lambda _i: self.switch_to(self.bar.combo.currentData()))
        window.tabs.currentChanged.connect(self._shown)
        # every service works on the one current project: never switch it under a running
        # job (an import would finish into the other project, a month mix two projects)
        window.tasks.busy_changed.connect(self._busy)
        # issue 19: site packages imported here (greyed as the File menu's action)
        self.overview.import_button.clicked.connect(lambda: window.import_site_packages())
        window.import_targets.append(self.overview.import_button)
        window.refresh_import_targets()

    def _shown(self, _index: int) -> None:
        """Each time the overview is shown: stored summaries come back in milliseconds, and
        what changed since (an edit in a site tab) is recomputed."""
        if self.window.tabs.currentWidget() is self.overview:
            self.overview.load()

    def reload(self) -> None:
        """Read again what the head office shows (the server answered again after a loss):
        the picker's projects, and the overview when it is the tab shown."""
        self.bar.set_projects(self.services.headoffice.projects(), self.services.db.project_id)
        self._shown(self.window.tabs.currentIndex())

    def _busy(self, busy: bool) -> None:
        for widget in (self.bar.combo, self.overview.open_button):
            widget.setEnabled(not busy)
            widget.setToolTip(strings.HO_SWITCH_BUSY if busy else "")

    def switch_to(self, project_id: int) -> None:
        """Work on ``project_id``: the picker follows, the site tabs are rebuilt on it. Not
        while a job runs (the picker is greyed then; this says why if reached anyway)."""
        if project_id is None:
            return
        if self.window.tasks.busy:
            self.bar.set_projects(self.services.headoffice.projects(),
                                  self.services.db.project_id)
            self.window.statusBar().showMessage(strings.HO_SWITCH_BUSY, 5000)
            return
        projects = self.services.headoffice.projects()
        self.bar.set_projects(projects, project_id)
        if project_id == self.services.db.project_id:
            return
        code = next(p.code for p in projects if p.id == project_id)
        self.services.use_project(code)  # a site package's copy is read-only here
        db = self.services.db
        if not db.read_only:  # a site's copy, or a viewer signed in: writes greyed
            refusal = db.write_refusal()
            self.window.set_writable(refusal is None, refusal or "")
        self.window.reload_tabs()
