"""Attendance calendar tab: the month as the printed sheet reads, with the day in detail."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.services import Services
from app.services.attendance import DayDetail, MonthDTO, coverage_text
from ui import messages
from ui.common import palette
from ui.common.month import MonthNavigation
from ui.common.tab import Tab
from ui.tabs.attendance.delegate import DayCellDelegate
from ui.tabs.attendance.detail import detail_html, record_lines
from ui.tabs.attendance.dialogs import AbsenceDialog, CorrectionDialog, DeclareCoverageDialog
from ui.tabs.attendance.legend import LegendBar
from ui.tabs.attendance.model import PERSON_ROLE, MonthFilter, MonthModel
from ui.tasks import TaskRunner

DAY_WIDTH = 30
SUMMARY_WIDTH = 46


def legend_text(legend: dict[str, str]) -> str:
    items = [f"{legend[k]}{strings.LEGEND_LABELS[k]}" for k in strings.LEGEND_ORDER
             if legend.get(k)]
    return "  ".join(items) + strings.LIST_SEMICOLON + strings.LEGEND_FOOTER


class AttendanceTab(MonthNavigation, Tab):
    watches = ("roster", "attendance", "calendar", "settings", "leave")

    def __init__(self, services: Services, tasks: TaskRunner, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, tasks, parent)
        today = today or services.clock.today()
        self.year, self.month = today.year, today.month
        self.detail: DayDetail | None = None
        self.model = MonthModel(self)
        self.proxy = MonthFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.reload()

    # ---- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(strings.ATT_SEARCH)
        self.search.setClearButtonEnabled(True)
        self.role = QComboBox()
        self.only_problems = QCheckBox(strings.ATT_ONLY_PROBLEMS)
        self.search.textChanged.connect(self._filter)
        self.role.currentIndexChanged.connect(self._filter)
        self.only_problems.toggled.connect(self._filter)
        self.btn_lock = QPushButton(strings.ATT_LOCK)
        self.btn_lock.clicked.connect(self.toggle_lock)
        self.btn_print = QPushButton(strings.ATT_PRINT)
        menu = QMenu(self.btn_print)
        menu.addAction(strings.ATT_PRINT_MONTH_PDF, lambda: self.print_month(False))
        menu.addAction(strings.ATT_PRINT_MONTH_XLSX, lambda: self.print_month(True))
        menu.addSeparator()
        menu.addAction(strings.ATT_PRINT_PUNCHES, lambda: self.print_person("punches"))
        menu.addAction(strings.XL_PUNCH_MENU, lambda: self.export_punches(everyone=False))
        menu.addAction(strings.XL_PUNCH_MENU_ALL, lambda: self.export_punches(everyone=True))
        menu.addAction(strings.ATT_PRINT_EXPLANATION,
                       lambda: self.print_person("explanation"))
        menu.addSeparator()  # the paper anchor of a signed sheet (issue 18)
        self.act_verify_code = menu.addAction(strings.ACT_VERIFY_CODE, self.verify_code)
        self.btn_print.setMenu(menu)
        self.btn_declare = QPushButton(strings.ATT_DECLARE)
        self.btn_declare.clicked.connect(self.declare_covered)
        bar = QHBoxLayout()
        self.add_month_controls(bar)
        bar.addSpacing(16)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.role)
        bar.addWidget(self.only_problems)
        bar.addStretch()
        bar.addWidget(self.btn_declare)
        bar.addWidget(self.btn_print)
        bar.addWidget(self.btn_lock)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(palette.BANNER_STYLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(DayCellDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setMinimumHeight(40)
        self.view.setShowGrid(True)
        self.view.clicked.connect(self._cell_clicked)
        self.view.selectionModel().currentChanged.connect(
            lambda cur, _prev: self._cell_clicked(cur))
        self.legend = LegendBar()
        self.count = QLabel()
        grid = self._build_summary_view()

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.banner)
        lv.addLayout(grid, 1)
        lv.addWidget(self.legend)
        lv.addWidget(self.count)

        self.detail_view = QTextBrowser()
        self.detail_view.setOpenLinks(False)
        self.records = QListWidget()
        self.records.setWordWrap(True)
        self.btn_correct = QPushButton(strings.ATT_ADD_CORRECTION)
        self.btn_absent = QPushButton(strings.ATT_ADD_ABSENCE)
        self.btn_revoke = QPushButton(strings.ATT_REVOKE)
        self.btn_correct.clicked.connect(self.add_correction)
        self.btn_absent.clicked.connect(self.add_absence)
        self.btn_revoke.clicked.connect(self.revoke_selected)
        records = QWidget()
        rv = QVBoxLayout(records)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(QLabel(f"<b>{strings.DETAIL_RECORDS}</b>"))
        rv.addWidget(self.records, 1)
        buttons = QHBoxLayout()
        for b in (self.btn_correct, self.btn_absent, self.btn_revoke):
            buttons.addWidget(b)
        rv.addLayout(buttons)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.detail_view)
        bottom.addWidget(records)
        bottom.setSizes([700, 500])

        # The month grid gets the full width; the day in detail sits below it.
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(left)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([430, 250])
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._show_detail(None)

    # ---- month ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Recompute the month off the UI thread; the table updates when it is done."""
        year, month = self.year, self.month
        self.title.setText(strings.MONTH_TITLE.format(year=year, month=month))
        attendance = self.services.attendance
        self.tasks.run(strings.ATT_COMPUTING.format(month=self.key),
                       lambda progress: attendance.month(year, month, progress),
                       self.show_month)

    def show_month(self, result: MonthDTO) -> None:
        if (result.year, result.month) != (self.year, self.month):
            return  # the user has moved on
        selected = self._selected_key()
        self.model.set_month(result)
        self._layout_columns()
        roles = sorted({p.role for p in result.people if p.role})
        current = self.role.currentData()
        self.role.blockSignals(True)
        self.role.clear()
        self.role.addItem(strings.ATT_ALL_ROLES, None)
        for r in roles:
            self.role.addItem(r, r)
        self.role.setCurrentIndex(max(0, self.role.findData(current)))
        self.role.blockSignals(False)
        self._filter()
        self._show_legend(result)
        self._banner(result)
        self.btn_lock.setText(strings.ATT_REOPEN if result.locked else strings.ATT_LOCK)
        for b in (self.btn_correct, self.btn_absent, self.btn_revoke):
            b.setEnabled(not result.locked)
        self._restore_selection(selected)

    def _banner(self, result: MonthDTO) -> None:
        texts = []
        if result.locked:
            texts.append(strings.ATT_LOCKED_BANNER.format(
                month=result.key, at=result.lock_info.get("at", ""),
                actor=result.lock_info.get("actor", "")))
            if result.lock_info.get("code"):  # the code the signed sheet carries
                texts[-1] += f"  {strings.ANCHOR_CODE_LABEL} {result.lock_info['code']}"
        if result.provisional:
            texts.append(strings.ATT_PROVISIONAL_BANNER.format(year=result.year))
        if not result.locked and _has_no_data(result):
            # up to when the clock data runs: sessions after it read "no data", not absent
            texts.append(strings.ATT_NO_DATA_BANNER.format(
                through=coverage_text(result.data_through, result.data_from),
                symbol=result.legend.get("no_data", "")))
        self.banner.setText("\n".join(texts))
        self.banner.setVisible(bool(texts))

    def _layout_columns(self) -> None:
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setColumnWidth(0, 72)
        for c in range(1, self.model.ndays + 1):
            self.view.setColumnWidth(c, DAY_WIDTH)
        for c in range(self.model.ndays + 1, self.model.columnCount()):
            self.view.setColumnWidth(c, 46)
        self._freeze_summary()

    # ---- legend and frozen summary columns -----------------------------------------------
    def _show_legend(self, result: MonthDTO) -> None:
        rules = self.services.settings.timeline().at(dt.date(result.year, result.month, 1))
        self.legend.set_legend(result.legend, rules.severe_minutes)

    def _build_summary_view(self) -> QHBoxLayout:
        """The summary columns (days due ... leave, overtime) in a second view on the model, kept
        on the right whatever the width: the month grid scrolls sideways, they do not. The two
        views share the selection and the vertical scroll."""
        self.summary_view = QTableView()
        self.summary_view.setModel(self.proxy)
        self.summary_view.setSelectionModel(self.view.selectionModel())
        self.summary_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.summary_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary_view.verticalHeader().setVisible(False)
        self.summary_view.verticalHeader().setDefaultSectionSize(26)
        self.summary_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.summary_view.horizontalHeader().setMinimumHeight(40)
        self.summary_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for v in (self.view, self.summary_view):  # equal heights keep the rows aligned
            v.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.summary_view.verticalScrollBar().valueChanged.connect(
            self.view.verticalScrollBar().setValue)
        self.view.verticalScrollBar().valueChanged.connect(
            self.summary_view.verticalScrollBar().setValue)
        self.summary_view.clicked.connect(self._cell_clicked)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self.view, 1)
        row.addWidget(self.summary_view)
        return row

    def _freeze_summary(self) -> None:
        first = self.model.ndays + 1
        columns = self.model.columnCount()
        width = 0
        for c in range(columns):
            summary = c >= first
            self.view.setColumnHidden(c, summary)
            self.summary_view.setColumnHidden(c, not summary)
            if summary:
                self.summary_view.setColumnWidth(c, SUMMARY_WIDTH)
                width += SUMMARY_WIDTH
        self.summary_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.summary_view.setFixedWidth(width + 2 * self.summary_view.frameWidth())

    def _filter(self) -> None:
        self.proxy.update(self.search.text(), self.role.currentData(),
                          self.only_problems.isChecked())
        rows = self.model.rows
        flagged = sum(1 for p in rows if p.summary.needs_absence_explanation)
        self.count.setText(strings.ATT_COUNT.format(n=self.proxy.rowCount(), flagged=flagged))


    def write_targets(self) -> list[QWidget]:
        """The buttons that write (see ``Tab.write_targets``)."""
        return [self.btn_lock, self.btn_declare, self.btn_correct, self.btn_absent,
                self.btn_revoke]

    def refresh(self) -> None:
        self.reload()

    # ---- the day -------------------------------------------------------------------------
    def _selected_key(self) -> tuple[int, int] | None:
        if self.detail is None:
            return None
        return self.detail.person_id, self.detail.day.day

    def _restore_selection(self, key: tuple[int, int] | None) -> None:
        if key is None:
            self._show_detail(None)
            return
        person_id, day = key
        for row in range(self.proxy.rowCount()):
            p = self.proxy.index(row, 0).data(PERSON_ROLE)
            if p is not None and p.person_id == person_id and day <= self.model.ndays:
                index = self.proxy.index(row, day)
                self.view.setCurrentIndex(index)
                self._cell_clicked(index)
                return
        self._show_detail(None)

    def _cell_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        src = self.proxy.mapToSource(index)
        day = self.model.day_of_column(src.column())
        person = src.data(PERSON_ROLE)
        if day is None or person is None:
            return
        self.run_op(lambda: self.services.attendance.day_detail(person.person_id, day),
                    self._show_detail)

    def _show_detail(self, detail: DayDetail | None) -> None:
        self.detail = detail
        self.records.clear()
        if detail is None:
            self.detail_view.setHtml(
                f"<p style='color:{palette.MUTED}'>{strings.ATT_PICK_CELL}</p>")
        else:
            self.detail_view.setHtml(detail_html(detail))
            for kind, text, rid, revoked in record_lines(detail):
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, (kind, rid, revoked))
                if revoked:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                self.records.addItem(item)
        locked = self.model.month.locked if self.model.month else False
        for b in (self.btn_correct, self.btn_absent):
            b.setEnabled(detail is not None and not locked)
        self.btn_revoke.setEnabled(detail is not None and not locked
                                   and self.records.count() > 0)

    def add_correction(self) -> None:
        d = self.detail
        if d is None:
            return
        session, slot = _likely_edge(d)
        dialog = CorrectionDialog(self.services, d.person_id, d.name, d.day, session, slot,
                                  self)
        if dialog.exec():
            self.after_write(dialog.changes)

    def add_absence(self) -> None:
        d = self.detail
        if d is None:
            return
        dialog = AbsenceDialog(self.services, d.person_id, d.name, d.day, self)
        if dialog.exec():
            self.after_write(dialog.changes)

    def revoke_selected(self) -> None:
        item = self.records.currentItem()
        if item is None:
            messages.info(self, strings.ATT_REVOKE_PICK)
            return
        kind, rid, revoked = item.data(Qt.ItemDataRole.UserRole)
        if revoked:
            messages.error(self, strings.ALREADY_REVOKED)
            return
        reason, ok = QInputDialog.getText(self, strings.ATT_REVOKE, strings.ATT_REVOKE_ASK)
        if not ok:
            return
        att = self.services.attendance
        self.run_op(lambda: att.revoke_correction(rid, reason) if kind == "correction"
                    else att.revoke_manual_absence(rid, reason))

    # ---- printing ------------------------------------------------------------------------
    def print_month(self, excel: bool) -> None:
        from ui.printing import print_month

        m = self.model.month
        if m is not None and not m.fully_covered and not messages.ask(
                self, strings.ATT_NOT_COVERED_PRINT.format(
                    month=self.key, n=len(m.unjudged_days),
                    through=coverage_text(m.data_through, m.data_from))):
            return
        print_month(self, self.services, self.tasks, self.year, self.month, excel)

    def print_person(self, kind: str) -> None:
        from ui.printing import print_person_month

        index = self.view.currentIndex()
        person = self.proxy.mapToSource(index).data(PERSON_ROLE) if index.isValid() else None
        if person is None:
            messages.info(self, strings.ATT_PICK_PERSON)
            return
        print_person_month(self, self.services, self.tasks, self.year, self.month,
                           person.person_id, person.name, kind)

    def export_punches(self, everyone: bool) -> None:
        """Raw punches as Excel: the selected person's, or everyone's of the month."""
        from ui.printing import export_punches_xlsx

        if everyone:
            export_punches_xlsx(self, self.services, self.tasks, self.year, self.month, None)
            return
        index = self.view.currentIndex()
        person = self.proxy.mapToSource(index).data(PERSON_ROLE) if index.isValid() else None
        if person is None:
            messages.info(self, strings.ATT_PICK_PERSON)
            return
        export_punches_xlsx(self, self.services, self.tasks, self.year, self.month,
                            person.person_id, person.name)

    # ---- lock ----------------------------------------------------------------------------
    def toggle_lock(self) -> None:
        att, year, month = self.services.attendance, self.year, self.month
        if self.model.month is not None and self.model.month.locked:
            reason, ok = QInputDialog.getText(self, strings.ATT_REOPEN,
                                              strings.ATT_REOPEN_ASK.format(month=self.key))
            if ok:
                self.run_op(lambda: att.reopen_month(year, month, reason))
        elif (m := self.model.month) is not None and not m.fully_covered:
            # working days the clock data does not reach: the user decides, knowingly
            if messages.ask(self, strings.ATT_NOT_COVERED_LOCK.format(
                    month=self.key, n=len(m.unjudged_days),
                    through=coverage_text(m.data_through, m.data_from))):
                self.run_op(lambda: att.lock_month(year, month, force=True))
        elif messages.ask(self, strings.ATT_LOCK_ASK.format(month=self.key)):
            self.run_op(lambda: att.lock_month(year, month))

    def verify_code(self) -> None:
        """Check a code: a signed sheet's code against the database."""
        from ui.tabs.attendance.verify_code import VerifyCodeDialog

        VerifyCodeDialog(self.services, self.key, self.tasks, self).exec()

    # ---- coverage ------------------------------------------------------------------------
    def declare_covered(self) -> None:
        """Declare a period covered without clock data (e.g. the whole team on a trip)."""
        m = self.model.month
        first = dt.date(self.year, self.month, 1)
        last = m.unjudged_days[-1] if m is not None and m.unjudged_days else first
        if m is not None and m.unjudged_days:
            first = m.unjudged_days[0]
        dialog = DeclareCoverageDialog(self.services, first, last, self)
        if dialog.exec():
            self.after_write(dialog.changes)


def _has_no_data(m: MonthDTO) -> bool:
    return m.data_through is None or any(
        "no_data" in (d.am.verdict, d.pm.verdict) for p in m.people for d in p.summary.days)


def _likely_edge(d: DayDetail) -> tuple[str, str]:
    """Open the correction form on the edge that is missing, if one is."""
    for name in ("am", "pm"):
        s = d.result.session(name)
        if s.missing_in:
            return name, "in"
        if s.missing_out:
            return name, "out"
    return "am", "in"


