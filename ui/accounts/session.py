"""The window and who is signed in (issue 18).

``sign_in_at_start`` runs before the window shows any data: the login dialog once accounts
exist (cancel = quit), else the first-run dialog (unless the demo or an automated start).
``AccountSession`` (made by ``MainWindow.attach``) then adds the Accounts menu, the banner of a
database without accounts, the signed-in person in the status bar, greys every write control for a
viewer (the window's WriteGate, with ``AUI_VIEWER_REASON``), hides the admins' controls from
anyone else, and runs the idle lock."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from app import strings
from ui.accounts.idle import IdleLock
from ui.common import palette

if TYPE_CHECKING:
    from app.services import Services
    from ui.main_window import MainWindow

# admins' controls on the tabs: (tab attribute, widget attribute), shown to admins only
ADMIN_ONLY = (("roster_tab", "btn_export_full"),)


def sign_in_at_start(window: MainWindow, services: Services, offer_first_admin: bool) -> bool:
    """Before the data: sign in (False: the person cancelled, quit), or offer the first admin
    on a writable database without accounts."""
    from ui.accounts.dialogs import LoginDialog, set_up_accounts

    accounts = services.accounts
    if accounts.needs_sign_in():
        dialog = LoginDialog(services, window.tasks, window)
        return dialog.exec() == QDialog.DialogCode.Accepted
    if offer_first_admin and not services.db.read_only and not accounts.has_users():
        set_up_accounts(services, window.tasks, window)
    return True


class AccountSession(QObject):
    def __init__(self, window: MainWindow, services: Services) -> None:
        super().__init__(window)
        self.window, self.services = window, services
        self.banner = QLabel(strings.AUI_NO_ACCOUNTS_BANNER)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(palette.BANNER_STYLE)
        layout = window.centralWidget().layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.indexOf(window.read_only_banner), self.banner)
        self.status_user = QLabel()
        window.statusBar().addPermanentWidget(self.status_user)
        self._menu()
        self.idle = IdleLock(window, services, window.tasks, self.apply)
        self.apply()

    def _menu(self) -> None:
        bar = self.window.menuBar()
        help_action = bar.actions()[-1] if bar.actions() else None
        menu = self.window.menuBar().addMenu(strings.AUI_MENU)
        if help_action is not None:  # before Help
            bar.insertMenu(help_action, menu)
        menu.setToolTipsVisible(True)

        def add(text: str, slot: Callable[[], Any], keys: str | None = None) -> QAction:
            action = QAction(text, self.window)
            action.triggered.connect(lambda _=False: slot())
            if keys:
                action.setShortcut(QKeySequence(keys))
            menu.addAction(action)
            return action

        self.act_set_up = add(strings.AUI_ACT_SET_UP, self.set_up)
        self.act_manage = add(strings.AUI_ACT_MANAGE, self.manage)
        self.act_change_own = add(strings.AUI_ACT_CHANGE_OWN, self.change_own)
        menu.addSeparator()
        self.act_lock = add(strings.AUI_ACT_LOCK, self.lock, "Ctrl+L")
        self.act_switch = add(strings.AUI_ACT_SWITCH, self.switch_user)
        self.window.write_gate.register(self.act_set_up)  # a read-only database: greyed
        self.menu = menu

    # ---- who is there ----------------------------------------------------------------------
    def apply(self) -> None:
        """Bring the window in step with ``db.principal``."""
        db = self.services.db
        principal, with_accounts = db.principal, db.accounts_required
        admin = principal is not None and principal.is_admin
        self.banner.setVisible(not with_accounts)
        self.act_set_up.setVisible(not with_accounts)
        self.act_manage.setVisible(admin)
        for action in (self.act_change_own, self.act_lock, self.act_switch):
            action.setVisible(principal is not None)
        self.status_user.setVisible(principal is not None)
        if principal is not None:
            self.status_user.setText(strings.AUI_STATUS_USER.format(
                display=principal.display,
                role=strings.AUI_ROLE_SHORT.get(principal.role, principal.role)))
        if not db.read_only:  # a read-only database stays greyed with its own reason
            gate = self.window.write_gate
            if principal is not None and not principal.can_write:
                self.window.set_writable(False, strings.AUI_VIEWER_REASON)
            elif gate.reason == strings.AUI_VIEWER_REASON and (
                    principal is not None or not with_accounts):  # locked: stays as it is
                self.window.set_writable(True)
        for tab_attr, widget_attr in ADMIN_ONLY:
            tab = self.window.built.get(tab_attr)
            widget = getattr(tab, widget_attr, None) if tab is not None else None
            if widget is not None:
                widget.setVisible(admin)
        self.idle.arm()

    # ---- menu actions -----------------------------------------------------------------------
    def set_up(self) -> None:
        from ui.accounts.dialogs import set_up_accounts

        if not self.services.accounts.has_users():
            set_up_accounts(self.services, self.window.tasks, self.window)
        self.services.accounts.refresh()
        self.apply()

    def manage(self) -> None:
        from ui.accounts.users import UserManagementDialog

        principal = self.services.db.principal
        if principal is None or not principal.is_admin:
            return
        UserManagementDialog(self.services, self.window.tasks, self.window).exec()
        self.idle.arm()  # the idle time may have changed

    def change_own(self) -> None:
        from ui.accounts.users import change_own_password

        change_own_password(self.services, self.window.tasks, self.window)

    def lock(self) -> None:
        self.idle.lock_now()

    def switch_user(self) -> None:
        self.idle.lock_now(strings.AUI_LOGIN_INTRO, switch=True)
