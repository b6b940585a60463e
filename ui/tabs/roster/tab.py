"""Roster tab: searchable, sortable roster with add / edit / mark-left / import / export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain.roster import PersonStatus
from app.errors import AppError
from app.security.pii import is_full_id
from app.services import Changes, Services
from app.services.roster import PersonDTO
from ui import messages
from ui.common.dates import ask_date
from ui.common.tab import Tab
from ui.tabs.roster.model import STATUS_COLUMN, RosterFilter, RosterModel
from ui.tabs.roster.person_dialog import PersonDialog
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # the import's modules (~20 ms) when a file is imported, not at start
    from app.services.roster_io import RosterImportPlan, RosterImportResult


class RosterTab(Tab):
    watches = ("roster",)

    def __init__(self, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, tasks, parent)
        self.model = RosterModel(self)
        self.proxy = RosterFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(strings.ROSTER_SEARCH)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_changed)
        self.status_filter = QComboBox()
        self.status_filter.addItem(strings.ROSTER_FILTER_ALL, None)
        self.status_filter.addItem(strings.ROSTER_FILTER_NOT_LEFT, RosterFilter.NOT_LEFT)
        for code, label in strings.STATUS_LABELS.items():
            self.status_filter.addItem(label, code)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)

        self.btn_add = QPushButton(strings.ROSTER_ADD)
        self.btn_edit = QPushButton(strings.ROSTER_EDIT)
        self.btn_left = QPushButton(strings.ROSTER_MARK_LEFT)
        self.btn_import = QPushButton(strings.ROSTER_IMPORT)
        self.btn_template = QPushButton(strings.ROSTER_TEMPLATE_BUTTON)
        self.btn_template.clicked.connect(self.save_template)
        self.btn_export = QPushButton(strings.ROSTER_EXPORT)
        self.btn_export_full = QPushButton(strings.ROSTER_EXPORT_FULL)  # issue 18, admins
        self.btn_export_full.clicked.connect(lambda: self.export_roster(full_numbers=True))
        principal = services.db.principal
        self.btn_export_full.setVisible(principal is not None and principal.is_admin)
        self.btn_export_pdf = QPushButton(strings.ROSTER_EXPORT_PDF)
        self.btn_export_pdf.clicked.connect(self.export_pdf)
        self.btn_add.clicked.connect(self.add_person)
        self.btn_edit.clicked.connect(self.edit_selected)
        self.btn_left.clicked.connect(self.mark_selected_left)
        self.btn_import.clicked.connect(self.import_roster)
        self.btn_export.clicked.connect(self.export_roster)
        self.btn_add.setDefault(True)

        bar = QHBoxLayout()
        for b in (self.btn_add, self.btn_edit, self.btn_left):
            bar.addWidget(b)
        bar.addSpacing(16)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.status_filter)
        bar.addSpacing(16)
        bar.addWidget(self.btn_import)
        bar.addWidget(self.btn_template)
        bar.addWidget(self.btn_export)
        bar.addWidget(self.btn_export_full)
        bar.addWidget(self.btn_export_pdf)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(STATUS_COLUMN, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(28)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # activated = double click or Enter, per platform convention
        self.view.activated.connect(lambda _i: self.btn_edit.click())  # no-op when disabled
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.count_label = QLabel()

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.refresh()

    # ---- data ----------------------------------------------------------------------------

    def write_targets(self) -> list[QWidget]:
        """The buttons that write (see ``Tab.write_targets``)."""
        return [self.btn_add, self.btn_edit, self.btn_left, self.btn_import]

    def refresh(self, select_id: int | None = None) -> None:
        current = self.selected_person()
        self.model.set_rows(self.services.roster.list_people())
        self._select(select_id or (current.id if current else None))
        self._update_counts()
        self._update_buttons()

    def _update_counts(self) -> None:
        self.count_label.setText(strings.ROSTER_COUNT.format(shown=self.proxy.rowCount(),
                                                             total=self.model.rowCount()))

    def _filter_changed(self) -> None:
        text = self.search.text()
        ids = None
        if is_full_id(text):  # exact search by ID number (issue 18: the keyed index)
            try:
                ids = {p.id for p in self.services.roster.find_by_id_card(text)}
            except AppError:  # numbers locked (a viewer): the ordinary search, finding none
                ids = None
        self.proxy.set_ids(ids)
        self.proxy.set_text("" if ids is not None else text)
        self.proxy.set_status(self.status_filter.currentData())
        self._update_counts()

    def selected_person(self) -> PersonDTO | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.proxy.person_at(rows[0].row())

    def _select(self, person_id: int | None) -> None:
        if person_id is None:
            return
        src_row = self.model.row_of(person_id)
        if src_row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(src_row, 0))
        if index.isValid():
            self.view.selectRow(index.row())
            self.view.scrollTo(index)

    def _update_buttons(self, *_args: Any) -> None:
        p = self.selected_person()
        self.btn_edit.setEnabled(p is not None)
        self.btn_left.setEnabled(p is not None and p.status != PersonStatus.LEFT)

    def _emit(self, changes: Changes, select_id: int | None = None) -> None:
        self.after_write(changes)
        self._select(select_id)

    # ---- actions -------------------------------------------------------------------------
    def add_person(self) -> None:
        dialog = PersonDialog(self.services, None, self)
        dialog.exec()
        if dialog.changes.any:
            self._emit(dialog.changes, dialog.person.id if dialog.person else None)

    def edit_selected(self) -> None:
        p = self.selected_person()
        if p is None:
            return
        dialog = PersonDialog(self.services, p, self)
        dialog.exec()
        if dialog.changes.any:
            self._emit(dialog.changes, p.id)

    def mark_selected_left(self) -> None:
        p = self.selected_person()
        if p is None:
            return
        if p.equipment_outstanding:
            items = strings.LIST_SEP.join(e.item for e in p.equipment if e.outstanding)
            if not messages.ask(self, strings.MARK_LEFT_EQUIPMENT_WARN.format(
                    name=p.name, n=p.equipment_outstanding, items=items)):
                return
        day = ask_date(self, strings.MARK_LEFT_TITLE.format(name=p.name), strings.MARK_LEFT_DATE,
                       p.end_date or self.services.clock.today())
        if day is not None:
            self.run_op(lambda: self.services.roster.mark_left(p.id, day),
                        lambda _p: self._select(p.id))

    def import_roster(self) -> None:
        settings = QSettings()
        folder = str(settings.value("dirs/import", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, strings.IMPORT_ROSTER_TITLE, folder,
                                              strings.IMPORT_FILE_FILTER)
        if not path:
            return
        settings.setValue("dirs/import", str(Path(path).parent))
        self.start_import(Path(path))

    def start_import(self, path: Path) -> None:
        """Read and check off the UI thread, preview, then write off the UI thread."""
        io = self.services.roster_io
        self.tasks.run(strings.IMPORT_READING.format(name=path.name),
                       lambda progress: io.plan(path, progress=progress, lenient=True),
                       self._preview)

    def _preview(self, plan: RosterImportPlan) -> None:
        from ui.tabs.roster.import_dialog import ImportPreviewDialog

        io = self.services.roster_io
        dialog = ImportPreviewDialog(plan, self,
                                     replan=lambda choices: io.replan(plan, choices))
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.plan.valid:
            return
        plan = dialog.plan
        self.tasks.run(strings.IMPORT_WRITING, lambda progress: io.commit(plan, progress),
                       self._imported)

    def _imported(self, outcome: tuple[RosterImportResult, Changes]) -> None:
        result, ch = outcome
        self._emit(ch)
        messages.info(self, strings.IMPORT_DONE.format(imported=result.imported,
                                                       rejected=result.rejected))

    def save_template(self) -> None:
        settings = QSettings()
        folder = Path(str(settings.value("dirs/export", str(Path.home()))))
        path, _ = QFileDialog.getSaveFileName(self, strings.ROSTER_TEMPLATE_TITLE,
                                              str(folder / strings.ROSTER_TEMPLATE_NAME),
                                              strings.XLSX_FILTER)
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        settings.setValue("dirs/export", str(Path(path).parent))
        docs = self.services.documents
        self.tasks.run(strings.ROSTER_TEMPLATE_TITLE, lambda _p: docs.roster_template(Path(path)),
                       lambda _r: messages.info(self, strings.ROSTER_TEMPLATE_SAVED.format(
                           path=path)), cancellable=False)

    def export_roster(self, full_numbers: bool = False) -> None:
        if full_numbers and not messages.ask(self, strings.ROSTER_EXPORT_FULL_ASK):
            return
        settings = QSettings()
        folder = Path(str(settings.value("dirs/export", str(Path.home()))))
        project = self.services.project.get().name or strings.APP_NAME
        name = strings.EXPORT_ROSTER_NAME.format(project=project,
                                                 date=self.services.clock.today().strftime("%Y%m%d"))
        path, _ = QFileDialog.getSaveFileName(self, strings.EXPORT_ROSTER_TITLE,
                                              str(folder / name), strings.XLSX_FILTER)
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        settings.setValue("dirs/export", str(Path(path).parent))
        docs = self.services.documents
        self.tasks.run(strings.EXPORT_ROSTER_TITLE,
                       lambda _p: docs.roster_xlsx(Path(path), full_numbers=full_numbers),
                       lambda n: messages.info(self, strings.EXPORT_DONE.format(n=n,
                                                                                path=path)),
                       cancellable=False)


    def export_pdf(self) -> None:
        from ui.printing import print_roster

        print_roster(self, self.services, self.tasks)

