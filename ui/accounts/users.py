"""Accounts › Manage accounts (issue 18, admins): the list, add, disable, reset a password,
change one's own, and the idle-lock time of this PC."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.errors import AppError
from app.security.principal import ADMIN, VIEWER
from ui import messages
from ui.accounts import idle
from ui.accounts.dialogs import BusyDialog, NewPassword, password_edit
from ui.common import palette

if TYPE_CHECKING:
    from app.services import Services
    from app.services.accounts import UserDTO
    from ui.tasks import TaskRunner


def role_name(role: str) -> str:
    return strings.ACC_ROLE_NAMES.get(role, role)


def state_text(user: UserDTO) -> str:
    if user.disabled:
        return strings.AUI_STATE_DISABLED
    if user.locked_until is not None:
        return strings.AUI_STATE_LOCKED.format(until=user.locked_until.strftime("%H:%M:%S"))
    return strings.AUI_STATE_ACTIVE


class AddUserDialog(BusyDialog):
    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None) -> None:
        super().__init__(strings.AUI_ADD_TITLE, tasks, parent)
        self.services = services
        self.login = QLineEdit()
        self.login.setPlaceholderText(strings.AUI_LOGIN_NAME_HINT)
        self.login.setMaxLength(32)
        self.display = QLineEdit()
        self.display.setPlaceholderText(strings.AUI_DISPLAY_HINT)
        self.display.setMaxLength(50)
        self.role = QComboBox()
        self.role.addItem(role_name(VIEWER), VIEWER)
        self.role.addItem(role_name(ADMIN), ADMIN)
        self.form.addRow(strings.AUI_LOGIN_NAME, self.login)
        self.form.addRow(strings.AUI_DISPLAY, self.display)
        self.form.addRow(strings.AUI_ROLE, self.role)
        self.password = NewPassword(self.form)
        self.ok_cancel(strings.AUI_ADD_OK)
        self.finish()
        self.added: UserDTO | None = None

    def submit(self) -> None:
        problem = self.password.problem()
        if problem:
            self.show_error(problem)
            return
        login, display = self.login.text().strip(), self.display.text().strip()
        role, password = str(self.role.currentData()), self.password.text
        accounts = self.services.accounts

        def done(user: Any) -> None:
            self.added = user
            self.accept()

        self.run(strings.AUI_WORKING,
                 lambda: accounts.add_user(login, display, role, password), done)


class PasswordDialog(BusyDialog):
    """A new password twice: an admin resets ``login``'s, or (``login`` None) the signed-in
    person changes their own, giving the old one."""

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None,
                 login: str | None = None) -> None:
        super().__init__(strings.AUI_RESET_TITLE.format(login=login) if login
                         else strings.AUI_CHANGE_TITLE, tasks, parent)
        self.services, self.target = services, login
        self.old: QLineEdit | None = None
        if login is None:
            self.old = password_edit()
            self.form.addRow(strings.AUI_OLD_PASSWORD, self.old)
        self.password = NewPassword(self.form, strings.AUI_NEW_PASSWORD)
        self.ok_cancel()
        self.finish()

    def submit(self) -> None:
        problem = self.password.problem()
        if problem:
            self.show_error(problem)
            return
        accounts, new = self.services.accounts, self.password.text
        if self.target is None:
            old = self.old.text() if self.old is not None else ""
            self.run(strings.AUI_WORKING, lambda: accounts.change_password(old, new),
                     lambda _r: self.accept())
        else:
            target = self.target
            self.run(strings.AUI_WORKING, lambda: accounts.reset_password(target, new),
                     lambda _r: self.accept())


def change_own_password(services: Services, tasks: TaskRunner, parent: QWidget | None) -> None:
    if PasswordDialog(services, tasks, parent).exec() == QDialog.DialogCode.Accepted:
        messages.info(parent, strings.AUI_CHANGE_DONE)


class UserManagementDialog(QDialog):
    COLUMNS = strings.AUI_USERS_HEADERS

    def __init__(self, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.tasks = services, tasks
        self.users: list[UserDTO] = []
        self.setWindowTitle(strings.AUI_USERS_TITLE)
        self.setMinimumSize(820, 420)
        column = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        column.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.btn_add = QPushButton(strings.AUI_ADD)
        self.btn_disable = QPushButton(strings.AUI_DISABLE)
        self.btn_reset = QPushButton(strings.AUI_RESET)
        self.btn_own = QPushButton(strings.AUI_CHANGE_OWN)
        for button, slot in ((self.btn_add, self.add), (self.btn_disable, self.disable),
                             (self.btn_reset, self.reset), (self.btn_own, self.change_own)):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        idle_row = QHBoxLayout()
        idle_row.addWidget(QLabel(strings.AUI_IDLE_LABEL))
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(idle.MIN_MINUTES, idle.MAX_MINUTES)
        self.idle_minutes.setSuffix(strings.AUI_IDLE_SUFFIX)
        self.idle_minutes.setValue(idle.idle_minutes())
        self.idle_minutes.valueChanged.connect(idle.set_idle_minutes)
        idle_row.addWidget(self.idle_minutes)
        idle_hint = QLabel(strings.AUI_IDLE_HINT)
        idle_hint.setWordWrap(True)
        idle_hint.setStyleSheet(palette.css(palette.MUTED))
        idle_row.addWidget(idle_hint, 1)
        column.addLayout(idle_row)
        buttons = QDialogButtonBox()
        buttons.addButton(strings.AUI_CLOSE, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.users = self.services.accounts.list_users()
        except AppError as exc:
            messages.error(self, exc.message)
            self.users = []
        self.table.setRowCount(len(self.users))
        for r, user in enumerate(self.users):
            last = (user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at
                    else strings.AUI_NEVER)
            cells = (user.login, user.display, role_name(user.role), state_text(user), last,
                     strings.AUI_YES if user.machine_credential else strings.AUI_NO)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if user.disabled:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, item)
        self._update_buttons()

    def selected(self) -> UserDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def select_login(self, login: str) -> None:
        for r, user in enumerate(self.users):
            if user.login == login:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        user = self.selected()
        self.btn_disable.setEnabled(user is not None and not user.disabled)
        self.btn_reset.setEnabled(user is not None and not user.disabled)

    def add(self) -> None:
        dialog = AddUserDialog(self.services, self.tasks, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.added is not None:
            user = dialog.added
            self.refresh()
            self.select_login(user.login)
            messages.info(self, strings.AUI_ADDED.format(
                login=user.login, display=user.display, role=role_name(user.role)))

    def disable(self) -> None:
        user = self.selected()
        if user is None:
            messages.info(self, strings.AUI_SELECT_USER)
            return
        if not messages.ask(self, strings.AUI_CONFIRM_DISABLE.format(login=user.login,
                                                                     display=user.display)):
            return
        try:
            self.services.accounts.disable(user.login)
        except AppError as exc:
            messages.error(self, exc.message)
            return
        self.refresh()
        messages.info(self, strings.AUI_DISABLED_DONE.format(login=user.login))

    def reset(self) -> None:
        user = self.selected()
        if user is None:
            messages.info(self, strings.AUI_SELECT_USER)
            return
        dialog = PasswordDialog(self.services, self.tasks, self, user.login)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            messages.info(self, strings.AUI_RESET_DONE.format(login=user.login))

    def change_own(self) -> None:
        change_own_password(self.services, self.tasks, self)
