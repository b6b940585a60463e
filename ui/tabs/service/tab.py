"""Service log tab: records with filters, the month measured against the service
commitments, the entry dialog, printouts; and the daily work reports of the team."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain.service_log import RESULTS, TYPES, Stat
from app.dto.service_log import ServiceMonthDTO, ServiceRecordDTO
from app.dto.service_log_text import commitment_lines, fmt_number, fmt_percent
from app.services import Changes, Services
from ui import messages
from ui.common import palette
from ui.common.people import PersonCombo
from ui.common.tab import Tab
from ui.tabs.service.dialog import CommitmentsDialog, RecordDialog
from ui.tabs.service.model import ServiceModel, ServiceSort
from ui.tabs.service.reports import ReportsPage
from ui.tasks import TaskRunner

MONTHS_BACK = 24


def index_of(box: QComboBox, value: object) -> int:
    """``findData`` compares Python objects by identity; tuples need equality."""
    for i in range(box.count()):
        if box.itemData(i) == value:
            return i
    return -1


def _stat_html(title: str, s: Stat) -> str:
    e = html.escape
    colour = palette.OK if s.missed == 0 else palette.ERROR
    line = strings.SV_PANEL_STAT.format(met=s.met, decided=s.decided, percent=fmt_percent(s),
                                        median=fmt_number(s.median),
                                        worst=fmt_number(s.worst))
    undecided = e(strings.SV_PANEL_UNDECIDED.format(n=s.undecided))
    extra = f"<br/><span style='color:{palette.MUTED}'>{undecided}" \
            "</span>" if s.undecided else ""
    return f"<p><b>{e(title)}</b><br/><span style='color:{colour}'>{e(line)}</span>{extra}</p>"


def summary_html(month: ServiceMonthDTO) -> str:
    """The monthly panel: figures against the targets, inspection, warranty, open items."""
    e = html.escape
    s = month.summary
    types = " · ".join(f"{e(strings.SV_TYPE_LABELS[t])} {n}" for t, n in s.by_type)
    parts = [f"<h3>{e(strings.SV_PANEL_TITLE.format(year=month.year, month=month.month))}</h3>",
             f"<p>{e(strings.SV_PANEL_TOTAL.format(n=s.total))}<br/>"
             f"<span style='color:{palette.SOFT_TEXT}'>{types}</span></p>",
             _stat_html(strings.SV_PANEL_RESPONSE.format(target=s.response.target),
                        s.response),
             _stat_html(strings.SV_PANEL_RESOLUTION.format(target=s.resolution.target),
                        s.resolution)]
    lines = commitment_lines(month)
    inspection_colour = palette.OK if month.commitments.inspection.done \
        else palette.WARNING
    parts.append(f"<p><span style='color:{inspection_colour}'>{e(lines[0])}</span><br/>"
                 + "<br/>".join(e(x) for x in lines[1:]) + "</p>")
    open_items = month.open_records
    parts.append(f"<p><b>{e(strings.SV_PANEL_OPEN.format(n=len(open_items)))}</b></p>")
    if open_items:
        parts.append("<ul>" + "".join(
            f"<li>{e(r.number)} {e(r.description)}"
            + (f" <span style='color:{palette.WARNING}'>{e(r.pending_reason)}</span>"
               if r.pending_reason else "") + "</li>" for r in open_items) + "</ul>")
    carried = [r for r in month.records if r.carried_over]
    if carried:
        parts.append("<p>" + e(strings.SV_PANEL_CARRIED.format(
            n=len(carried), items=strings.LIST_SEP.join(r.number for r in carried))) + "</p>")
    parts.append(f"<p style='color:{palette.MUTED};font-size:small'>{e(strings.SV_PANEL_NOTE)}</p>")
    return "".join(parts)


class ServiceTab(Tab):
    watches = ("service", "roster", "project", "calendar")

    def __init__(self, services: Services, tasks: TaskRunner, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, tasks, parent)
        self._today = today
        self.month_data: ServiceMonthDTO | None = None
        self.model = ServiceModel(self)
        self.proxy = ServiceSort(self)
        self.proxy.setSourceModel(self.model)
        self.pages = QTabWidget()
        self.pages.addTab(self._records_page(), strings.SV_SUB_RECORDS)
        self.reports = ReportsPage(services, self.today, self)
        self.reports.changed.connect(self.changed.emit)
        self.reports.export_requested.connect(self.export_reports)
        self.pages.addTab(self.reports, strings.SV_SUB_REPORTS)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.refresh()

    def today(self) -> dt.date:
        return self._today or self.services.clock.today()

    def now(self) -> dt.datetime | None:
        """A fixed "now" when the tab runs on a fixed day (tests, screenshots)."""
        if self._today is None:
            return None
        return dt.datetime.combine(self._today, dt.time(17, 45))

    # ---- layout --------------------------------------------------------------------------
    def _records_page(self) -> QWidget:
        page = QWidget()
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, label, slot in (("new", strings.SV_NEW, self.new_record),
                                 ("edit", strings.SV_EDIT, self.edit_record),
                                 ("print", strings.SV_PRINT_RECORD, self.print_record),
                                 ("month", strings.SV_PRINT_MONTH, self.print_month),
                                 ("month_xlsx", strings.XL_SV_MENU, self.export_month_xlsx),
                                 ("settings", strings.SV_SETTINGS, self.edit_commitments)):
            if key == "settings":
                bar.addStretch()
            b = QPushButton(label)
            b.clicked.connect(slot)
            self.buttons[key] = b
            bar.addWidget(b)
        QShortcut(QKeySequence("Ctrl+N"), page, self.buttons["new"].click)
        self.f_month = QComboBox()
        self.f_type = QComboBox()
        self.f_type.addItem(strings.SV_ALL_TYPES, None)
        for code in TYPES:
            self.f_type.addItem(strings.SV_TYPE_LABELS[code], code)
        self.f_result = QComboBox()
        self.f_result.addItem(strings.SV_ALL_RESULTS, None)
        for code in RESULTS:
            self.f_result.addItem(strings.SV_RESULT_LABELS[code], code)
        self.f_staff = PersonCombo(strings.SV_ALL_STAFF, include_left=True)
        filters = QHBoxLayout()
        for box in (self.f_month, self.f_type, self.f_result, self.f_staff):
            filters.addWidget(box)
            box.currentIndexChanged.connect(self.refresh_list)
        filters.addStretch()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda _i: self.buttons["edit"].click())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.panel = QTextBrowser()
        self.panel.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([880, 330])
        v = QVBoxLayout(page)
        v.addLayout(bar)
        v.addLayout(filters)
        v.addWidget(split, 1)
        return page

    # ---- data ----------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        month = self.f_month.currentData() if self.f_month.count() else \
            (self.today().year, self.today().month)
        self.f_month.blockSignals(True)
        self.f_month.clear()
        self.f_month.addItem(strings.SV_ALL_MONTHS, None)
        t = self.today()
        for i in range(0, MONTHS_BACK):
            y, m = divmod(t.year * 12 + t.month - 1 - i, 12)
            self.f_month.addItem(strings.MONTH_TITLE.format(year=y, month=m + 1), (y, m + 1))
        self.f_month.setCurrentIndex(max(0, index_of(self.f_month, month)))
        self.f_month.blockSignals(False)
        self.f_staff.set_people(self.services.roster.list_people())


    def write_targets(self) -> list[QWidget]:
        """The buttons that write (see ``Tab.write_targets``)."""
        return [self.buttons["new"], self.buttons["edit"], self.buttons["settings"],
                self.reports.save_button]

    def refresh(self) -> None:
        self._fill_filters()
        self.refresh_list()
        if not self.reports.dirty():
            self.reports.load(self.reports.shown_day)

    def selected_month(self) -> tuple[int, int]:
        month = self.f_month.currentData()
        return month if month else (self.today().year, self.today().month)

    def refresh_list(self) -> None:
        current = self.selected()
        log = self.services.service_log
        now = self.now()
        rows = log.records(month=self.f_month.currentData(),
                           service_type=self.f_type.currentData(),
                           result=self.f_result.currentData(),
                           person_id=self.f_staff.currentData(), now=now)
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        for col, width in ((7, 130), (8, 140), (9, 260)):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), width))
        year, month = self.selected_month()
        self.month_data = log.month(year, month, now=now)
        self.panel.setHtml(summary_html(self.month_data))
        if current is not None:
            self.select_record(current.id)
        self._selected()

    def select_record(self, record_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.model.row_at(self.proxy.mapToSource(index).row()).id == record_id:
                self.table.selectRow(row)
                return

    def selected(self) -> ServiceRecordDTO | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() \
            else []
        if not rows:
            return None
        source: QModelIndex = self.proxy.mapToSource(rows[0])
        return self.model.row_at(source.row())

    def _selected(self) -> None:
        has = self.selected() is not None
        self.buttons["edit"].setEnabled(has)
        self.buttons["print"].setEnabled(has)

    def _emit(self, changes: Changes, select: int | None = None) -> None:
        self.after_write(changes)
        if select is not None:
            self.select_record(select)

    # ---- actions -------------------------------------------------------------------------
    def new_record(self) -> None:
        dialog = RecordDialog(self.services, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._show_month_of(dialog.saved)
            self._emit(dialog.changes, dialog.saved.id)

    def edit_record(self) -> None:
        r = self.selected()
        if r is None:
            messages.info(self, strings.SV_PICK_RECORD)
            return
        dialog = RecordDialog(self.services, r, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._emit(dialog.changes, dialog.saved.id)

    def _show_month_of(self, r: ServiceRecordDTO) -> None:
        """After adding, show the record's month unless all months are listed."""
        if self.f_month.currentData() is not None:
            index = index_of(self.f_month, (r.reported_at.year, r.reported_at.month))
            if index >= 0:
                self.f_month.blockSignals(True)
                self.f_month.setCurrentIndex(index)
                self.f_month.blockSignals(False)

    def edit_commitments(self) -> None:
        dialog = CommitmentsDialog(self.services, self, today=self.today())
        if dialog.exec() and dialog.changes.any:
            self._emit(dialog.changes)

    def print_record(self) -> None:
        r = self.selected()
        if r is None:
            messages.info(self, strings.SV_PICK_RECORD)
            return
        from ui import printing

        path = printing.ask_path(self, strings.SV_DOC_RECORD,
                                 strings.SV_DOC_RECORD_NAME.format(number=r.number))
        if path is not None:
            docs, now = self.services.documents, self.now()
            printing.make_and_open(self, self.tasks, path,
                                   lambda p: docs.service_record_pdf(r.id, p, now=now))

    def print_month(self) -> None:
        from ui import printing

        year, month = self.selected_month()
        project = self.services.project.get().name or strings.APP_NAME
        path = printing.ask_path(self, strings.SV_DOC_MONTH, strings.SV_DOC_MONTH_NAME.format(
            year=year, month=month, project=project))
        if path is not None:
            docs, now = self.services.documents, self.now()
            printing.make_and_open(self, self.tasks, path,
                                   lambda p: docs.service_month_pdf(year, month, p, now=now))

    def export_month_xlsx(self) -> None:
        """The month's service log as Excel (records and commitment figures)."""
        from ui import printing

        year, month = self.selected_month()
        project = self.services.project.get().name or strings.APP_NAME
        path = printing.ask_path(self, strings.XL_SV_WHAT, strings.XL_SV_NAME.format(
            year=year, month=month, project=project), pdf=False)
        if path is not None:
            docs, now = self.services.documents, self.now()
            printing.make_and_open(self, self.tasks, path,
                                   lambda p: docs.service_month_xlsx(year, month, p, now=now))

    def export_reports(self, year: int, month: int, excel: bool) -> None:
        from ui import printing

        project = self.services.project.get().name or strings.APP_NAME
        path = printing.ask_path(self, strings.SV_DOC_REPORTS,
                                 strings.SV_DOC_REPORTS_NAME.format(
                                     year=year, month=month, project=project,
                                     ext="xlsx" if excel else "pdf"), pdf=not excel)
        if path is None:
            return
        docs, today = self.services.documents, self.today()
        build = (lambda p: docs.service_reports_xlsx(year, month, p, today=today)) if excel \
            else (lambda p: docs.service_reports_pdf(year, month, p, today=today))
        printing.make_and_open(self, self.tasks, path, build)
