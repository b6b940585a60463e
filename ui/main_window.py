"""Main window: tabs, menus, status bar; fans out Changes to every tab.

Start-up shows the window first and attaches the database right after (``attach``): the
database layer (SQLAlchemy, ~0.3 s of imports) is loaded only once the window is on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget

from app import __version__, strings
from ui import messages
from ui.errors import log_file
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.services import Changes, Services


class MainWindow(QMainWindow):
    def __init__(self, services: Services | None = None) -> None:
        super().__init__()
        self.tasks = TaskRunner(self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.all_tabs: list[Any] = []
        self.status_people = QLabel()
        self.status_db = QLabel()
        self.status_db.setStyleSheet("color: #666;")
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
        from ui.tabs.attendance.tab import AttendanceTab
        from ui.tabs.handover.tab import HandoverTab, HandoverWarningsLabel
        from ui.tabs.imports.tab import ImportsTab
        from ui.tabs.leave.tab import LeaveTab
        from ui.tabs.roster.tab import RosterTab
        from ui.tabs.scores.tab import ScoresTab
        from ui.tabs.service.tab import ServiceTab

        self.services = services
        OptionalDateEdit.today = services.clock.today  # empty date fields open on "today"
        self.roster_tab = RosterTab(services, self.tasks)
        self.attendance_tab = AttendanceTab(services, self.tasks)
        self.tabs.addTab(self.roster_tab, strings.TAB_ROSTER)
        self.imports_tab = ImportsTab(services, self.tasks)
        self.leave_tab = LeaveTab(services, self.tasks)
        self.scores_tab = ScoresTab(services, self.tasks)
        self.handover_tab = HandoverTab(services, self.tasks)
        self.service_tab = ServiceTab(services, self.tasks)
        self.tabs.addTab(self.attendance_tab, strings.TAB_ATTENDANCE)
        self.tabs.addTab(self.leave_tab, strings.TAB_LEAVE)
        self.tabs.addTab(self.handover_tab, strings.TAB_HANDOVER)
        self.tabs.addTab(self.scores_tab, strings.TAB_SCORES)
        self.tabs.addTab(self.service_tab, strings.TAB_SERVICE)
        self.tabs.addTab(self.imports_tab, strings.TAB_IMPORTS)
        self.all_tabs = [self.roster_tab, self.attendance_tab, self.leave_tab,
                         self.handover_tab, self.scores_tab, self.service_tab,
                         self.imports_tab]
        for tab in self.all_tabs:
            tab.changed.connect(self.apply_changes)
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


