"""Main window: tabs, menus, status bar; fans out Changes to every tab.

Start-up shows the window first and attaches the database right after (``attach``): the
database layer (SQLAlchemy, ~0.3 s of imports) is loaded only once the window is on screen.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget

from app import __version__, strings
from ui import messages
from ui.common import palette
from ui.errors import log_file
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.services import Changes, Services
    from ui.common.tab import Tab
    from ui.tabs.attendance.tab import AttendanceTab
    from ui.tabs.handover.tab import HandoverTab
    from ui.tabs.imports.tab import ImportsTab
    from ui.tabs.leave.tab import LeaveTab
    from ui.tabs.roster.tab import RosterTab
    from ui.tabs.scores.tab import ScoresTab
    from ui.tabs.service.tab import ServiceTab


@dataclass(frozen=True)
class TabSpec:
    """One tab of the main window: where its class lives (imported once the database is
    open), its title, the attribute the window keeps it under, and a switch shortcut."""

    attr: str
    path: str  # "package.module:Class", a ui.common.tab.Tab
    title: str
    shortcut: str | None = None

    def build(self, services: Services, tasks: TaskRunner) -> Tab:
        module, name = self.path.split(":")
        cls: type[Tab] = getattr(importlib.import_module(module), name)
        return cls(services, tasks)


# The tabs, in order: adding a tab is one line here.
TABS = (
    TabSpec("roster_tab", "ui.tabs.roster.tab:RosterTab", strings.TAB_ROSTER),
    TabSpec("attendance_tab", "ui.tabs.attendance.tab:AttendanceTab", strings.TAB_ATTENDANCE),
    TabSpec("leave_tab", "ui.tabs.leave.tab:LeaveTab", strings.TAB_LEAVE),
    TabSpec("handover_tab", "ui.tabs.handover.tab:HandoverTab", strings.TAB_HANDOVER),
    TabSpec("scores_tab", "ui.tabs.scores.tab:ScoresTab", strings.TAB_SCORES),
    TabSpec("service_tab", "ui.tabs.service.tab:ServiceTab", strings.TAB_SERVICE),
    TabSpec("imports_tab", "ui.tabs.imports.tab:ImportsTab", strings.TAB_IMPORTS),
)


class MainWindow(QMainWindow):
    roster_tab: RosterTab
    attendance_tab: AttendanceTab
    leave_tab: LeaveTab
    handover_tab: HandoverTab
    scores_tab: ScoresTab
    service_tab: ServiceTab
    imports_tab: ImportsTab

    def __init__(self, services: Services | None = None) -> None:
        super().__init__()
        self.tasks = TaskRunner(self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.all_tabs: list[Tab] = []
        self.status_people = QLabel()
        self.status_db = QLabel()
        self.status_db.setStyleSheet(palette.css(palette.MUTED))
        self.statusBar().addWidget(self.status_people)
        self.statusBar().addPermanentWidget(self.status_db)
        loading = QLabel(strings.OPENING_DB)
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(loading)
        self.setWindowTitle(strings.APP_TITLE)
        self.resize(1180, 720)
        geometry = QSettings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if services is not None:
            self.attach(services)

    def attach(self, services: Services) -> None:
        """Build the tabs and menus on an open database."""
        from ui.common.widgets import OptionalDateEdit
        from ui.tabs.handover.tab import HandoverWarningsLabel

        self.services = services
        OptionalDateEdit.today = services.clock.today  # empty date fields open on "today"
        for spec in TABS:
            tab = spec.build(services, self.tasks)
            setattr(self, spec.attr, tab)
            index = self.tabs.addTab(tab, spec.title)
            if spec.shortcut:
                switch = QAction(self)
                switch.setShortcut(QKeySequence(spec.shortcut))
                switch.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
                self.addAction(switch)
            tab.changed.connect(self.apply_changes)
            self.all_tabs.append(tab)
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self.status_db.setText(strings.STATUS_DB.format(path=services.db_path))
        self.status_handover = HandoverWarningsLabel(services)
        self.statusBar().addWidget(self.status_handover)
        self._refresh_title()
        self._refresh_status()
        self.status_handover.refresh()

    # ---- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        def add(menu: QMenu, text: str, slot: Callable[[], Any],
                shortcut: QKeySequence | None = None) -> QAction:
            action = QAction(text, self)
            action.triggered.connect(slot)
            if shortcut is not None:
                action.setShortcut(shortcut)
            menu.addAction(action)
            return action

        bar = self.menuBar()
        file_menu = bar.addMenu(strings.MENU_FILE)
        add(file_menu, strings.ACT_IMPORT_ROSTER, self.roster_tab.import_roster,
            QKeySequence("Ctrl+I"))
        add(file_menu, strings.ACT_EXPORT_ROSTER, self.roster_tab.export_roster,
            QKeySequence("Ctrl+E"))
        file_menu.addSeparator()
        add(file_menu, strings.ACT_BACKUP, self.backup_now)
        add(file_menu, strings.ACT_OPEN_DATA_DIR, self.open_data_dir)
        file_menu.addSeparator()
        add(file_menu, strings.ACT_QUIT, self.close, QKeySequence(QKeySequence.StandardKey.Quit))
        settings_menu = bar.addMenu(strings.MENU_SETTINGS)
        add(settings_menu, strings.ACT_PROJECT, self.edit_project)
        add(settings_menu, strings.ACT_RULES, self.edit_rules)
        add(settings_menu, strings.ACT_HOLIDAYS, self.edit_holidays)
        tools = bar.addMenu(strings.MENU_TOOLS)
        add(tools, strings.ACT_DB_CHECK, self.check_db)
        add(tools, strings.ACT_AUDIT_VERIFY, self.verify_audit)
        help_menu = bar.addMenu(strings.MENU_HELP)
        add(help_menu, strings.ACT_ABOUT, self.about)

    # ---- changes -------------------------------------------------------------------------
    def apply_changes(self, changes: Changes) -> None:
        for tab in self.all_tabs:
            if tab is not self.sender():
                tab.on_changes(changes)
        if changes.project:
            self._refresh_title()
        if changes.roster:
            self._refresh_status()
        if changes.handover or changes.roster or changes.calendar:
            self.status_handover.refresh()

    def _refresh_title(self) -> None:
        name = self.services.project.get().name
        self.setWindowTitle(strings.WINDOW_TITLE.format(project=name) if name
                            else strings.WINDOW_TITLE_NO_PROJECT)

    def _refresh_status(self) -> None:
        counts = {code: 0 for code in strings.STATUS_LABELS}
        for p in self.roster_tab.model.rows:
            counts[p.status] = counts.get(p.status, 0) + 1
        self.status_people.setText(strings.STATUS_PEOPLE.format(**counts))

    # ---- actions -------------------------------------------------------------------------
    def edit_project(self) -> None:
        from ui.project_dialog import ProjectDialog

        dialog = ProjectDialog(self.services, self)
        if dialog.exec() and dialog.changes.any:
            self.apply_changes(dialog.changes)

    def edit_rules(self) -> None:
        from ui.rules_dialog import RulesDialog

        dialog = RulesDialog(self.services, self)
        dialog.exec()
        if dialog.changes.any:
            self.apply_changes(dialog.changes)

    def edit_holidays(self) -> None:
        from ui.holidays.dialog import HolidayDialog

        dialog = HolidayDialog(self.services, self)
        dialog.exec()
        if dialog.changes.any:
            self.apply_changes(dialog.changes)

    def backup_now(self) -> None:
        maint = self.services.maintenance
        self.tasks.run(strings.ACT_BACKUP, lambda _p: maint.backup_now(),
                       lambda path: messages.info(self, strings.DB_BACKUP_DONE.format(path=path),
                                                  strings.BACKUP_DONE_TITLE),
                       cancellable=False)

    def open_data_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.data_dir)))

    def check_db(self) -> None:
        maint = self.services.maintenance

        def show(result: Any) -> None:
            (messages.info if result.ok else messages.error)(self, result.message)

        self.tasks.run(strings.ACT_DB_CHECK, lambda _p: maint.check(), show, cancellable=False)

    def verify_audit(self) -> None:
        from app.services.maintenance import audit_messages

        maint = self.services.maintenance

        def show(report: Any) -> None:
            text = "\n".join(audit_messages(report))
            (messages.info if report.ok else messages.error)(self, text)

        self.tasks.run(strings.ACT_AUDIT_VERIFY, lambda _p: maint.verify_audit(), show,
                       cancellable=False)

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, strings.ABOUT_TITLE, strings.ABOUT_TEXT.format(
            version=__version__, db=self.services.db_path, log=log_file()))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        QSettings().setValue("window/geometry", self.saveGeometry())
        self.tasks.wait(10000)
        super().closeEvent(event)


