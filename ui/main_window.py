"""Main window: tabs, menus, status bar; fans out Changes to every built tab.

Start-up shows the window first and attaches the database right after (``attach``): the
database layer (SQLAlchemy, ~0.3 s of imports) is loaded only once the window is on screen.
Tabs are built when first shown (issue 16): ``attach`` puts an empty placeholder page per tab
and builds only the current one; switching to a tab, its shortcut, or reading its attribute
(``window.leave_tab``) builds it. A tab not yet built needs no ``on_changes``: it reads the
database when it is built.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, cast, overload

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__, strings
from app.errors import ServerLost
from ui import messages
from ui.common import palette
from ui.common.system_open import direct_print, set_direct_print
from ui.errors import log_file

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
    from PySide6.QtWidgets import QMenu

    from app.services import Changes, Services
    from ui.common.tab import Tab
    from ui.common.widgets import ElidedLabel
    from ui.common.write_gate import WriteGate
    from ui.errors import ServerBanner
    from ui.first_run import FirstRunBar
    from ui.tabs.attendance.tab import AttendanceTab
    from ui.tabs.handover.tab import HandoverTab, HandoverWarningsLabel
    from ui.tabs.imports.tab import ImportsTab
    from ui.tabs.leave.tab import LeaveTab
    from ui.tabs.roster.tab import RosterTab
    from ui.tabs.scores.tab import ScoresTab
    from ui.tabs.service.tab import ServiceTab
    from ui.tasks import TaskRunner


class TabSpec(NamedTuple):  # not a dataclass: dataclasses costs ~2 ms before the window shows
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


# Each list says why it is empty and what to do (ui.common.table_model.EmptyState):
# tab attribute -> (view attribute, text), set when the tab is built.
EMPTY_TEXTS: dict[str, tuple[tuple[str, str], ...]] = {
    "roster_tab": (("view", strings.EMPTY_ROSTER),),
    "attendance_tab": (("view", strings.EMPTY_ATTENDANCE),),
    "leave_tab": (("table", strings.EMPTY_LEAVE), ("ot_table", strings.EMPTY_OVERTIME)),
    "handover_tab": (("table", strings.EMPTY_HANDOVER),
                     ("checklist", strings.EMPTY_HANDOVER_ITEMS)),
    "scores_tab": (("view", strings.EMPTY_SCORES), ("incidents", strings.EMPTY_INCIDENTS)),
    "service_tab": (("table", strings.EMPTY_SERVICE),),
    "imports_tab": (("history", strings.EMPTY_IMPORT_HISTORY),
                    ("problems", strings.EMPTY_IMPORT_PROBLEMS),
                    ("unmapped", strings.EMPTY_UNMAPPED)),
}

T = TypeVar("T")
DEFAULT_SIZE = (1180, 720)  # logical pixels: the first start, when it fits the screen


def first_size(available: QSize) -> QSize:
    """The window's size at the first start: 1180×720, or what fits the screen's free area
    (a 1366×768 laptop at 125 % or 150 % scaling has 1093×614 or 910×512 logical pixels,
    less the taskbar) with a margin, so the title bar and the window's edges stay on screen."""
    width = min(DEFAULT_SIZE[0], int(available.width() * 0.96))
    height = min(DEFAULT_SIZE[1], int(available.height() * 0.94))
    return QSize(max(width, 640), max(height, 420))


class LazyTab(Generic[T]):
    """``window.<attr>``: the tab, built on first access (``MainWindow.tab``)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = name

    @overload
    def __get__(self, window: None, owner: type) -> LazyTab[T]: ...
    @overload
    def __get__(self, window: MainWindow, owner: type) -> T: ...

    def __get__(self, window: MainWindow | None, owner: type) -> LazyTab[T] | T:
        if window is None:
            return self
        return cast(T, window.tab(self.attr))


class MainWindow(QMainWindow):
    roster_tab: LazyTab[RosterTab] = LazyTab()
    attendance_tab: LazyTab[AttendanceTab] = LazyTab()
    leave_tab: LazyTab[LeaveTab] = LazyTab()
    handover_tab: LazyTab[HandoverTab] = LazyTab()
    scores_tab: LazyTab[ScoresTab] = LazyTab()
    service_tab: LazyTab[ServiceTab] = LazyTab()
    imports_tab: LazyTab[ImportsTab] = LazyTab()

    def __init__(self, services: Services | None = None) -> None:
        super().__init__()
        self._tasks: TaskRunner | None = None
        self._write_gate: WriteGate | None = None  # made on first use (write_gate)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.built: dict[str, Tab] = {}  # attribute -> tab, the tabs built so far
        self.status_people = QLabel()
        self.statusBar().addWidget(self.status_people)
        self.setCentralWidget(self._loading_page())
        self.setWindowTitle("")  # Qt shows the application display name
        geometry = QSettings().value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(first_size(self.screen().availableGeometry().size()))
        if services is not None:
            self.attach(services)

    @property
    def write_gate(self) -> WriteGate:
        """Every control that writes (set_writable); made on first use: its module builds the
        ``Qt`` namespace's enums (~15 ms), which the first paint need not wait for."""
        if self._write_gate is None:
            from ui.common.write_gate import WriteGate

            self._write_gate = WriteGate(self)
        return self._write_gate

    @property
    def tasks(self) -> TaskRunner:
        """The runner of long calls, made on first use (ui.tasks is not needed to show the
        window)."""
        if self._tasks is None:
            from ui.tasks import TaskRunner

            self._tasks = TaskRunner(self)
        return self._tasks

    def attach(self, services: Services) -> None:
        """Build the tabs and menus on an open database."""
        from PySide6.QtCore import Qt, QTimer
        from PySide6.QtWidgets import QSizePolicy

        from ui.common.widgets import ElidedLabel, OptionalDateEdit
        from ui.first_run import FirstRunBar

        self.services = services
        OptionalDateEdit.today = services.clock.today  # empty date fields open on "today"
        for number, spec in enumerate(TABS, start=1):
            index = self.tabs.addTab(QWidget(), spec.title)  # placeholder until shown
            self.tabs.setTabToolTip(index, strings.TAB_SWITCH_HINT.format(n=number))
            keys = [spec.shortcut] if spec.shortcut else []
            if number <= 9:
                keys.append(f"Alt+{number}")
            self._shortcut(keys, partial(self.tabs.setCurrentIndex, index))
        self._shortcut(["Ctrl+Tab", "Ctrl+PgDown"], lambda: self.step_tab(1))
        self._shortcut(["Ctrl+Shift+Tab", "Ctrl+Backtab", "Ctrl+PgUp"], lambda: self.step_tab(-1))
        self.tabs.currentChanged.connect(self._tab_shown)
        self._build_at(self.tabs.currentIndex())
        self.first_run: FirstRunBar = FirstRunBar(services, (
            self.edit_project, self.start_roster, self.start_imports, self.start_attendance))
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.first_run)
        self.read_only_banner = QLabel()
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(palette.BANNER_STYLE)
        column.addWidget(self.read_only_banner)
        # issue 19: the server lost (ui.errors routes ServerLost here): said once, in a banner
        # built at the first loss (nothing at start-up)
        self.server_banner: ServerBanner | None = None
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.write_gate.register(*self.first_run.buttons[:2])  # project, add a person
        reason = getattr(services.db, "read_only", None)
        site = getattr(services.db, "project_refusal", None)  # issue 19: a site's copy
        if reason:  # a read-only folder or file, or no backup possible today
            self.set_writable(False, strings.DB_READ_ONLY_BANNER.format(reason=reason))
        elif site:
            self.set_writable(False, site)
        else:
            self.read_only_banner.setVisible(False)
        self.status_db: ElidedLabel = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)
        self.status_db.setStyleSheet(palette.css(palette.MUTED))
        self.status_db.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.status_db.setMaximumWidth(420)
        self.statusBar().addPermanentWidget(self.status_db)
        self.status_db.setText(strings.STATUS_DB.format(path=services.db_path))
        self.status_db.setToolTip(str(services.db_path))
        self.status_handover: HandoverWarningsLabel | None = None  # after the first tab shows
        # issue 19: which project, when the database holds several (elided; all in the tip)
        self.status_project: ElidedLabel = ElidedLabel(mode=Qt.TextElideMode.ElideRight)
        self.statusBar().addWidget(self.status_project)
        self._refresh_title()
        self._refresh_status()
        from ui.accounts.session import AccountSession

        # issue 18: the Accounts menu, who is signed in, a viewer's greyed writes, the idle lock
        self.account_session = AccountSession(self, services)
        # the deadlines in the status bar are no part of the first tab: read after it shows
        QTimer.singleShot(0, self._show_handover_warnings)
        from app.services.project import is_company_database

        self.headoffice = None
        if is_company_database(services.db):  # issue 19: several projects or a server
            # the head office's modules (~50 ms of imports) only where it shows
            from ui.headoffice.panel import HeadOffice

            self.headoffice = HeadOffice(self, services)

    def _show_handover_warnings(self) -> None:
        """The status bar's deadlines (the handover tab's module and service: ~30 ms of
        imports, kept out of the time to the first tab's data)."""
        from ui.tabs.handover.tab import HandoverWarningsLabel

        if self.status_handover is None:
            self.status_handover = HandoverWarningsLabel(self.services)
            self.statusBar().addWidget(self.status_handover, 2)
        self.status_handover.refresh()

    def _loading_page(self) -> QWidget:
        """What the window shows while the database is opened and checked. Centred by
        stretches, not alignment flags: the first use of the ``Qt`` namespace builds all its
        enums (~15 ms), which can wait until the window is on screen."""
        page = QWidget()
        column = QVBoxLayout(page)
        column.addStretch(1)
        busy = QProgressBar()
        busy.setRange(0, 0)  # busy: the time the check takes is unknown
        busy.setMaximumWidth(320)
        for widget in (QLabel(strings.OPENING_DB), busy):
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(widget)
            row.addStretch(1)
            column.addLayout(row)
        column.addStretch(2)
        return page

    def _shortcut(self, keys: list[str], slot: Callable[[], Any]) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.addAction(action)

    def step_tab(self, step: int) -> None:
        """The next (``step`` 1) or previous (-1) tab, wrapping around."""
        count = self.tabs.count()
        if count:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)

    # ---- tabs, built when first shown ------------------------------------------------------
    def tab(self, attr: str) -> Tab:
        """The tab kept under ``attr`` (a TabSpec.attr), built now if it was not yet."""
        tab = self.built.get(attr)
        if tab is not None:
            return tab
        for index, spec in enumerate(TABS):
            if spec.attr == attr:
                return self._build_at(index)
        raise AttributeError(attr)

    @property
    def all_tabs(self) -> list[Tab]:
        """Every tab, in order, building those not built yet."""
        return [self.tab(spec.attr) for spec in TABS]

    def _tab_shown(self, index: int) -> None:
        if 0 <= index < len(TABS):
            self._build_at(index)
        self.first_run.refresh()

    def _build_at(self, index: int) -> Tab:
        """Build the tab at ``index`` and put it in place of its placeholder page."""
        from ui.common.table_model import set_empty_text

        spec = TABS[index]
        tab = self.built.get(spec.attr)
        if tab is not None:
            return tab
        if not hasattr(self, "services"):
            raise AttributeError(f"{spec.attr}: no database attached yet")
        tab = spec.build(self.services, self.tasks)
        banner = getattr(self, "server_banner", None)  # none before the first loss
        for view_attr, text in EMPTY_TEXTS.get(spec.attr, ()):
            view = getattr(tab, view_attr, None)
            if view is not None:
                state = set_empty_text(view, text)
                if banner is not None and banner.lost:  # built while the server is lost
                    state.override(strings.SERVER_LOST_EMPTY)
        tab.changed.connect(self.apply_changes)
        self.write_gate.register(*tab.write_targets())
        self.built[spec.attr] = tab
        current = self.tabs.currentIndex()
        placeholder = self.tabs.widget(index)
        tooltip = self.tabs.tabToolTip(index)
        self.tabs.blockSignals(True)  # the swap is no change of the current tab
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, spec.title)
            self.tabs.setTabToolTip(index, tooltip)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        placeholder.deleteLater()
        return tab

    def reload_tabs(self) -> None:
        """Issue 19: the project changed (``db.project_id``): every site tab built so far is
        dropped for a placeholder and the current one rebuilt on the new project."""
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        try:
            for index, spec in enumerate(TABS):
                tab = self.built.pop(spec.attr, None)
                if tab is None:
                    continue
                tooltip = self.tabs.tabToolTip(index)
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, QWidget(), spec.title)
                self.tabs.setTabToolTip(index, tooltip)
                tab.deleteLater()
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        if 0 <= current < len(TABS):
            self._build_at(current)
        self._refresh_title()
        self._refresh_status()
        self.first_run.refresh()
        if self.status_handover is not None:
            self.status_handover.refresh()

    # ---- issue 19: a database server that stops answering -----------------------------------
    def server_lost(self, error: ServerLost) -> bool:
        """Show (or update) the banner that says the server is lost; whether it was shown
        already (then the error needs no message box of its own: one per loss, not one per
        tab or click)."""
        banner = self.server_banner
        if banner is None:
            from ui.errors import ServerBanner

            banner = self.server_banner = ServerBanner(self.reconnect)
            column = cast(QVBoxLayout, self.centralWidget().layout())
            column.insertWidget(column.indexOf(self.read_only_banner) + 1, banner)
        shown = banner.lost
        banner.show_lost(error.message)
        self._say_lost_in_empty_lists(True)
        return shown

    def _say_lost_in_empty_lists(self, lost: bool) -> None:
        """Every empty list says the data could not be read (not "add people first") while
        the server is lost; its usual text again when it answers."""
        from ui.common.table_model import EmptyState

        for state in self.findChildren(EmptyState):
            state.override(strings.SERVER_LOST_EMPTY if lost else None)

    def reconnect(self) -> None:
        """The banner's button (SERVER_RECONNECT): reach the server; when it answers, the
        banner goes and every tab reads its data again (what showed while it was lost may be
        empty or partial)."""
        banner = self.server_banner
        if banner is None:
            return
        try:
            self.services.db.ping()
        except ServerLost as exc:
            banner.show_lost(exc.message)
            self.statusBar().showMessage(strings.SERVER_STILL_LOST.format(err=exc.message),
                                         10000)
            return
        banner.back()
        self._say_lost_in_empty_lists(False)
        self.reload_tabs()
        if self.headoffice is not None:
            self.headoffice.reload()
        self.statusBar().showMessage(strings.SERVER_BACK, 10000)

    def set_writable(self, writable: bool, reason: str = "") -> None:
        """Enable every control that writes, or disable them all with ``reason`` as their
        tooltip and in the banner (a read-only database; a viewer, for the accounts work)."""
        self.write_gate.set_writable(writable, reason)
        self.refresh_import_targets()
        self.read_only_banner.setText("" if writable else reason)
        self.read_only_banner.setVisible(not writable)
        if writable:  # the tabs enable their buttons again as their selections say
            for tab in list(self.built.values()):
                tab.refresh()

    def _show_tab(self, tab: QWidget) -> None:
        self.tabs.setCurrentWidget(tab)

    def start_roster(self) -> None:
        self._show_tab(self.roster_tab)
        self.roster_tab.add_person()

    def start_imports(self) -> None:
        self._show_tab(self.imports_tab)

    def start_attendance(self) -> None:
        self._show_tab(self.attendance_tab)

    def show_guide(self) -> None:
        from ui.guide import GuideDialog

        dialog = GuideDialog(self)
        dialog.exec()

    # ---- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

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
        file_menu.setToolTipsVisible(True)  # a greyed write action says why
        self.write_actions = [add(file_menu, strings.ACT_IMPORT_ROSTER,
                                  lambda: self.roster_tab.import_roster(),
                                  QKeySequence("Ctrl+I"))]
        add(file_menu, strings.ACT_EXPORT_ROSTER, lambda: self.roster_tab.export_roster(),
            QKeySequence("Ctrl+E"))
        file_menu.addSeparator()
        self.write_actions.append(add(file_menu, strings.ACT_BACKUP, self.backup_now))
        add(file_menu, strings.ACT_OPEN_DATA_DIR, self.open_data_dir)
        file_menu.addSeparator()  # issue 19: the site package (export: a write of the site)
        self.act_export_package = add(file_menu, strings.SP_UI_ACT_EXPORT,
                                      self.export_site_package)
        self.act_export_package.setToolTip(strings.SP_UI_ACT_EXPORT_TIP)
        self.write_actions.append(self.act_export_package)
        self.act_import_package = add(file_menu, strings.SP_UI_ACT_IMPORT,
                                      self.import_site_packages)
        self.import_targets: list[QAction | QWidget] = [self.act_import_package]
        file_menu.aboutToShow.connect(self.refresh_import_targets)
        file_menu.addSeparator()
        add(file_menu, strings.ACT_QUIT, self.close, QKeySequence(QKeySequence.StandardKey.Quit))
        settings_menu = bar.addMenu(strings.MENU_SETTINGS)
        settings_menu.setToolTipsVisible(True)
        self.write_actions += [add(settings_menu, strings.ACT_PROJECT, self.edit_project),
                               add(settings_menu, strings.ACT_RULES, self.edit_rules),
                               add(settings_menu, strings.ACT_HOLIDAYS, self.edit_holidays)]
        self.write_gate.register(*self.write_actions)
        settings_menu.addSeparator()
        direct = QAction(strings.ACT_DIRECT_PRINT, self, checkable=True,
                         checked=direct_print())
        direct.toggled.connect(set_direct_print)
        settings_menu.addAction(direct)
        tools = bar.addMenu(strings.MENU_TOOLS)
        add(tools, strings.ACT_DB_CHECK, self.check_db)
        add(tools, strings.ACT_AUDIT_VERIFY, self.verify_audit)
        help_menu = bar.addMenu(strings.MENU_HELP)
        add(help_menu, strings.ACT_GUIDE, self.show_guide,
            QKeySequence(QKeySequence.StandardKey.HelpContents))
        add(help_menu, strings.ACT_ABOUT, self.about)

    # ---- changes -------------------------------------------------------------------------
    def apply_changes(self, changes: Changes) -> None:
        for tab in list(self.built.values()):  # a tab not built reads the data when built
            if tab is not self.sender():
                tab.on_changes(changes)
        if changes.any:
            self.first_run.refresh()
        if changes.project:
            self._refresh_title()
        if changes.roster:
            self._refresh_status()
        if (changes.handover or changes.roster or changes.calendar) \
                and self.status_handover is not None:
            self.status_handover.refresh()

    def _refresh_title(self) -> None:
        from app.services.project import project_status

        project = self.services.project.get()
        name = project.name
        several = project_status(self.services.db)  # issue 19: several projects in the file
        if several:
            name = strings.PRJ_WINDOW_TITLE.format(code=project.code,
                                                   name=name or strings.PRJ_NO_NAME)
        self.status_project.setText(several or "")
        self.status_project.setToolTip(several or "")
        if several:  # all of it when it fits in 460 px (a long name is elided, in the tip)
            self.status_project.setMinimumWidth(min(
                self.status_project.fontMetrics().horizontalAdvance(several) + 8, 460))
        self.status_project.setVisible(several is not None)
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

    def export_site_package(self) -> None:
        from ui.sitepkg import export_package

        export_package(self)

    def import_site_packages(self) -> None:
        from ui.sitepkg import import_packages

        import_packages(self)

    def import_refusal(self) -> str | None:
        """Issue 19: why the person at the window may not import site packages (a read-only
        database, a viewer, nobody signed in), or ``None``. A site's read-only copy being the
        current project is no reason (the import writes the package's own project), so this
        is not the write gate's."""
        db = self.services.db
        if db.read_only:
            return strings.DB_READ_ONLY_BANNER.format(reason=db.read_only)
        return db.write_refusal(any_project=True)

    def refresh_import_targets(self) -> None:
        reason = self.import_refusal()
        for target in self.import_targets:
            target.setEnabled(reason is None)
            target.setToolTip(reason or strings.SP_UI_ACT_IMPORT_TIP)

    def backup_now(self) -> None:
        maint = self.services.maintenance
        self.tasks.run(strings.ACT_BACKUP, lambda _p: maint.backup_now(),
                       lambda path: messages.info(self, strings.DB_BACKUP_DONE.format(path=path),
                                                  strings.BACKUP_DONE_TITLE),
                       cancellable=False)

    def open_data_dir(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

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
        if self._tasks is not None:
            self._tasks.wait(10000)
        super().closeEvent(event)


