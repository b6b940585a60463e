"""Scores tab (deduction scores): people x month summary with rank and flag, a person's incidents
(attendance-derived and manual; waived ones struck through), quick keyboard entry, waivers,
the rule catalogue and the printouts (SPEC S1–S3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.dto.scores import IncidentDTO, PersonScore, ScoresMonthDTO
from app.services import Changes, Services
from ui import messages
from ui.common import palette
from ui.common.month import MonthNavigation
from ui.common.tab import Tab
from ui.common.table_model import ROW_ROLE, Column, DtoTableModel, make_view, selected_row
from ui.tabs.scores.entry import QuickEntry
from ui.tabs.scores.model import WAIVED_TEXT, ScoreFilter, ScoreModel, incident_cells
from ui.tasks import TaskRunner


def _struck(i: IncidentDTO) -> QFont | None:
    if not i.waived:
        return None
    font = QFont()
    font.setStrikeOut(True)
    return font


def _incident_cell(c: int) -> Callable[[IncidentDTO], str]:
    return lambda i: incident_cells(i)[c]


INCIDENT_COLUMNS: tuple[Column[IncidentDTO], ...] = tuple(
    Column(title, _incident_cell(c),
           foreground=lambda i: QBrush(WAIVED_TEXT) if i.waived else None, font=_struck,
           tooltip=(lambda i: i.waive_reason if i.waived else "") if c == 7 else None)
    for c, title in enumerate(strings.SC_INCIDENT_HEADERS))


class ScoresTab(MonthNavigation, Tab):
    watches = ("roster", "attendance", "leave", "scores", "calendar", "settings")

    def __init__(self, services: Services, tasks: TaskRunner, today: dt.date | None = None,
                 parent: QWidget | None = None,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(services, tasks, parent)
        self.scores = services.scores
        today = today or services.clock.today()
        self.today = today
        self.year, self.month = today.year, today.month
        self.result: ScoresMonthDTO | None = None
        self.person_id: int | None = None
        self._stale = True  # computed when first shown, not at start-up
        self.model = ScoreModel(self)
        self.proxy = ScoreFilter(self)
        self.proxy.setSourceModel(self.model)
        self.entry = QuickEntry(self.scores, clock or services.clock.now)
        self.entry.saved.connect(self.after_write)
        self._build()
        self._load_lists()
        self.reload()

    # ---- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(strings.ATT_SEARCH)
        self.search.setClearButtonEnabled(True)
        self.only_flagged = QCheckBox(strings.SC_ONLY_FLAGGED)
        self.search.textChanged.connect(self._filter)
        self.only_flagged.toggled.connect(self._filter)
        self.btn_rules = QPushButton(strings.SC_RULES_BUTTON)
        self.btn_rules.clicked.connect(self.edit_rules)
        self.btn_print = QPushButton(strings.ATT_PRINT)
        menu = QMenu(self.btn_print)
        menu.addAction(strings.SC_PRINT_PDF, lambda: self.print_sheet(False))
        menu.addAction(strings.SC_PRINT_XLSX, lambda: self.print_sheet(True))
        menu.addSeparator()
        menu.addAction(strings.SC_PRINT_PERSON, self.print_person)
        self.btn_print.setMenu(menu)
        bar = QHBoxLayout()
        self.add_month_controls(bar)
        bar.addSpacing(16)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.only_flagged)
        bar.addStretch()
        bar.addWidget(self.btn_rules)
        bar.addWidget(self.btn_print)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(palette.BANNER_STYLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._picked(cur))
        self.summary = QLabel()
        self.summary.setStyleSheet(palette.css(palette.SOFT_TEXT))

        self.person_title = QLabel()
        self.person_title.setStyleSheet("font-weight:bold;")
        self.incident_model = DtoTableModel(INCIDENT_COLUMNS, self)
        self.incidents = make_view(self.incident_model)
        self.incidents.selectionModel().selectionChanged.connect(self._incident_picked)
        self.btn_waive = QPushButton(strings.SC_WAIVE)
        self.btn_unwaive = QPushButton(strings.SC_UNWAIVE)
        self.btn_waive.clicked.connect(self.waive_selected)
        self.btn_unwaive.clicked.connect(self.unwaive_selected)
        head = QHBoxLayout()
        head.addWidget(self.person_title, 1)
        head.addWidget(self.btn_waive)
        head.addWidget(self.btn_unwaive)
        lower = QWidget()
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(head)
        lv.addWidget(self.incidents, 1)
        upper = QWidget()
        uv = QVBoxLayout(upper)
        uv.setContentsMargins(0, 0, 0, 0)
        uv.addWidget(self.banner)
        uv.addWidget(self.view, 1)
        uv.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([360, 260])
        box = QGroupBox(strings.SC_ENTRY_BOX)
        QVBoxLayout(box).addWidget(self.entry)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(box)
        self._show_person(None)

    # ---- month ---------------------------------------------------------------------------

    def _load_lists(self) -> None:
        self.entry.set_people(self.services.roster.list_people())
        self.entry.set_rules(self.scores.rules(self.today))

    def reload(self) -> None:
        """Recompute the month off the UI thread; the tables update when it is done. A hidden
        tab only notes that it is out of date and recomputes when it is shown."""
        year, month = self.year, self.month
        self.title.setText(strings.MONTH_TITLE.format(year=year, month=month))
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        scores = self.scores
        self.tasks.run(strings.SC_COMPUTING.format(month=self.key),
                       lambda progress: scores.month(year, month, progress=progress),
                       self.show_month)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self.reload()

    def show_month(self, result: ScoresMonthDTO) -> None:
        if (result.year, result.month) != (self.year, self.month):
            return  # the user has moved on
        self.result = result
        self.model.flag_label = result.flag_label
        self.model.set_rows(result.people)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._filter()
        texts = []
        if result.locked:
            texts.append(strings.SC_LOCKED_BANNER.format(month=result.key))
        if result.provisional:
            texts.append(strings.ATT_PROVISIONAL_BANNER.format(year=result.year))
        self.banner.setText("\n".join(texts))
        self.banner.setVisible(bool(texts))
        self._restore_person()

    def _filter(self) -> None:
        self.proxy.update(self.search.text(), self.only_flagged.isChecked())
        if self.result is None:
            self.summary.clear()
            return
        flagged = sum(1 for p in self.result.people if p.flagged)
        threshold = strings.SCORE_NO_THRESHOLD if self.result.threshold is None else \
            strings.SCORE_THRESHOLD_TEXT.format(threshold=self.result.threshold,
                                                label=self.result.flag_label)
        self.summary.setText(strings.SC_SUMMARY.format(
            n=self.proxy.rowCount(), base=self.result.base, threshold=threshold,
            flagged=flagged))


    def write_targets(self) -> list[QWidget]:
        """The buttons that write (see ``Tab.write_targets``)."""
        return [self.btn_rules, self.btn_waive, self.btn_unwaive, self.entry]

    def refresh(self) -> None:
        self.reload()

    def on_changes(self, changes: Changes) -> None:
        if changes.roster or changes.scores:
            self._load_lists()
        super().on_changes(changes)

    # ---- a person's incidents --------------------------------------------------------------
    def _picked(self, index: object) -> None:
        from PySide6.QtCore import QModelIndex

        if not isinstance(index, QModelIndex) or not index.isValid():
            return
        person = index.data(ROW_ROLE)
        if isinstance(person, PersonScore):
            self.person_id = person.person_id
            self._show_person(person)

    def select_person(self, person_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            p = self.proxy.index(row, 0).data(ROW_ROLE)
            if p is not None and p.person_id == person_id:
                self.view.setCurrentIndex(self.proxy.index(row, 0))
                self.person_id = person_id
                self._show_person(p)
                return True
        return False

    def _restore_person(self) -> None:
        if self.person_id is None or not self.select_person(self.person_id):
            self._show_person(None)

    def _show_person(self, person: PersonScore | None) -> None:
        self.incident_model.set_rows(person.incidents if person is not None else ())
        if person is None:
            self.person_title.setText(strings.SC_PICK_HINT)
        else:
            self.person_title.setText(strings.SC_PERSON_TITLE.format(
                name=person.name, no=person.employee_no, score=person.score, rank=person.rank,
                deductions=person.deductions, rewards=person.rewards))
            index = self.entry.person.findData(person.person_id)
            if index >= 0:
                self.entry.person.setCurrentIndex(index)
        self._incident_picked()

    def selected_incident(self) -> IncidentDTO | None:
        i: IncidentDTO | None = selected_row(self.incidents)
        return i

    def _incident_picked(self) -> None:
        i = self.selected_incident()
        locked = self.result.locked if self.result else False
        self.btn_waive.setEnabled(i is not None and not i.waived and not locked)
        self.btn_unwaive.setEnabled(i is not None and i.waived and not locked)

    # ---- writes --------------------------------------------------------------------------
    def waive_selected(self) -> None:
        self._waiver(waive=True)

    def unwaive_selected(self) -> None:
        self._waiver(waive=False)

    def _waiver(self, waive: bool) -> None:
        i = self.selected_incident()
        if i is None:
            messages.info(self, strings.SC_PICK_INCIDENT)
            return
        title = strings.SC_WAIVE if waive else strings.SC_UNWAIVE
        ask = strings.SC_WAIVE_ASK if waive else strings.SC_UNWAIVE_ASK
        reason, ok = QInputDialog.getText(self, title, ask.format(
            label=i.rule_label, at=i.at.strftime("%Y-%m-%d %H:%M"), name=i.name))
        if not ok:
            return
        scores = self.scores
        self.run_op(lambda: scores.waive(i.id, reason) if waive else scores.unwaive(i.id, reason))

    def edit_rules(self) -> None:
        from ui.tabs.scores.rules_dialog import RuleCatalogueDialog

        dialog = RuleCatalogueDialog(self.scores, self, self.today)
        dialog.exec()
        if dialog.changes.any:
            self._load_lists()
            self.after_write(dialog.changes)

    # ---- printing ------------------------------------------------------------------------
    def print_sheet(self, excel: bool) -> None:
        from ui.printing import ask_path, make_and_open

        project = self.services.project.get().name or strings.APP_NAME
        name = strings.SC_SHEET_NAME.format(year=self.year, month=self.month, project=project,
                                            ext="xlsx" if excel else "pdf")
        path = ask_path(self, strings.SC_SHEET, name, pdf=not excel)
        if path is None:
            return
        year, month, docs = self.year, self.month, self.services.documents
        build = (lambda p: docs.score_sheet_xlsx(year, month, p)) if excel else \
            (lambda p: docs.score_sheet_pdf(year, month, p))
        make_and_open(self, self.tasks, path, build)

    def print_person(self) -> None:
        from ui.printing import ask_path, make_and_open

        person = self.result.person(self.person_id) if self.result and self.person_id else None
        if person is None:
            messages.info(self, strings.ATT_PICK_PERSON)
            return
        path = ask_path(self, strings.SC_PERSON_SHEET, strings.SC_PERSON_NAME.format(
            year=self.year, month=self.month, name=person.name))
        if path is None:
            return
        year, month, docs, pid = self.year, self.month, self.services.documents, person.person_id
        make_and_open(self, self.tasks, path,
                      lambda p: docs.score_person_pdf(year, month, pid, p))
