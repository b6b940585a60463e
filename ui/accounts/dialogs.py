"""The dialogs of the accounts (issue 18): first admin, recovery code, sign-in, recovery.

Every call that hashes a password (scrypt, about a second) runs off the UI thread; the dialog
shows a busy line meanwhile and refuses to close. A refusal of the service (AccessDenied,
ValidationError) is shown in the dialog in its own Chinese words; nothing typed is logged."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.errors import AppError
from ui import messages
from ui.accounts.background import run_quietly
from ui.common import palette
from ui.errors import show_exception

if TYPE_CHECKING:
    from app.services import Services
    from app.services.privacy import EncryptReport
    from ui.tasks import TaskRunner

MIN_PASSWORD = 8
CODE_DIR_KEY = "dirs/recovery_code"


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(256)
    return edit


def strength(password: str) -> int:
    """0 too short, 1 weak, 2 fair, 3 strong: length and kinds of characters (a hint only;
    the service's rule is the length)."""
    if len(password) < MIN_PASSWORD:
        return 0
    kinds = sum(any(test(c) for c in password) for test in (
        str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum()))
    score = 1 + (len(password) >= 12) + (kinds >= 3)
    return min(score, 3)


class BusyDialog(QDialog):
    """A form with an error line, buttons, and :meth:`run` for a call off the UI thread:
    the inputs are disabled and the busy line shown until the call reports."""

    def __init__(self, title: str, tasks: TaskRunner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.column = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(palette.css(palette.ERROR))
        self.error.setVisible(False)
        self.busy_label = QLabel()
        self.busy_label.setWordWrap(True)
        self.busy_label.setStyleSheet(palette.css(palette.MUTED))
        self.busy_label.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.busy = False

    def intro(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        self.column.addWidget(label)
        return label

    def ok_cancel(self, ok_text: str | None = None) -> None:
        """The default button (``ok_text``, or the standard OK) runs ``submit``; Cancel
        rejects."""
        ok = (self.buttons.addButton(QDialogButtonBox.StandardButton.Ok) if ok_text is None
              else self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole))
        ok.setDefault(True)
        ok.clicked.connect(self.submit)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(
            self.reject)

    def submit(self) -> None:  # the dialogs with ok_cancel define it
        raise NotImplementedError

    def finish(self) -> None:
        self.column.addLayout(self.form)
        self.column.addWidget(self.error)
        self.column.addWidget(self.busy_label)
        self.column.addStretch(1)
        self.column.addWidget(self.buttons)

    def show_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.busy_label.setText(text)
        self.busy_label.setVisible(busy)
        for child in self.findChildren(QWidget):
            if isinstance(child, (QLineEdit, QPushButton, QCheckBox)) or \
                    child.inherits("QComboBox"):
                child.setEnabled(not busy)
        if busy:
            self.show_error(None)
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def run(self, busy_text: str, fn: Callable[[], Any], on_done: Callable[[Any], None]
            ) -> None:
        """``fn`` off the UI thread; an AppError is shown here, anything else as a crash."""
        self.set_busy(True, busy_text)

        def done(result: Any) -> None:
            self.set_busy(False)
            on_done(result)

        def failed(exc: BaseException) -> None:
            self.set_busy(False)
            if isinstance(exc, AppError):
                self.refused(exc)
            else:
                show_exception(exc, self)

        run_quietly(self.tasks, fn, done, failed)

    def refused(self, exc: AppError) -> None:
        self.show_error(exc.message)

    def reject(self) -> None:
        if not self.busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.busy:
            event.ignore()
        else:
            super().closeEvent(event)


class NewPassword:
    """A new password typed twice, with a strength hint."""

    def __init__(self, form: QFormLayout, label: str = strings.AUI_PASSWORD) -> None:
        self.first, self.second = password_edit(), password_edit()
        self.first.setPlaceholderText(strings.AUI_PASSWORD_HINT)
        self.hint = QLabel()  # rated as the first password is typed
        self.hint.setStyleSheet(palette.css(palette.MUTED))
        self.first.textChanged.connect(self._rate)
        form.addRow(label, self.first)
        form.addRow(strings.AUI_PASSWORD_AGAIN, self.second)
        form.addRow("", self.hint)

    def _rate(self, text: str) -> None:
        if not text:
            self.hint.clear()
            return
        level = strength(text)
        self.hint.setText(strings.AUI_STRENGTH[level])
        color = (palette.ERROR, palette.WARNING, palette.INFO, palette.OK)[level]
        self.hint.setStyleSheet(palette.css(color))

    def problem(self) -> str | None:
        """What is wrong before asking the service (which checks the length again)."""
        if len(self.first.text()) < MIN_PASSWORD:
            return strings.ACC_PASSWORD_TOO_SHORT.format(n=MIN_PASSWORD)
        if self.first.text() != self.second.text():
            return strings.AUI_MISMATCH
        return None

    @property
    def text(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()


# ---- first run ------------------------------------------------------------------------------
class FirstAdminDialog(BusyDialog):
    """The first admin: login name, display name, password twice. "Later" closes it (the caller
    offers it only while the database has no accounts). On success ``code`` and ``report``
    hold what ``Services.create_first_admin`` returned."""

    def __init__(self, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(strings.AUI_FIRST_TITLE, tasks, parent)
        self.services = services
        self.code: str | None = None
        self.report: EncryptReport | None = None
        self.setMinimumWidth(560)
        self.intro(strings.AUI_FIRST_INTRO)
        self.login = QLineEdit()
        self.login.setPlaceholderText(strings.AUI_LOGIN_NAME_HINT)
        self.login.setMaxLength(32)
        self.display = QLineEdit()
        self.display.setPlaceholderText(strings.AUI_DISPLAY_HINT)
        self.display.setMaxLength(50)
        self.form.addRow(strings.AUI_LOGIN_NAME, self.login)
        self.form.addRow(strings.AUI_DISPLAY, self.display)
        self.password = NewPassword(self.form)
        later_note = QLabel(strings.AUI_FIRST_LATER_NOTE)
        later_note.setWordWrap(True)
        later_note.setStyleSheet(palette.css(palette.MUTED))
        self.form.addRow(later_note)
        self.create_button = self.buttons.addButton(strings.AUI_CREATE,
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        self.later_button = self.buttons.addButton(strings.AUI_LATER,
                                                   QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(self.create_admin)
        self.later_button.clicked.connect(self.reject)
        self.finish()

    def create_admin(self) -> None:
        login, display = self.login.text().strip(), self.display.text().strip()
        problem = (strings.AUI_NEED_NAME if not login else
                   strings.ACC_BAD_DISPLAY if not display else self.password.problem())
        if problem:
            self.show_error(problem)
            return
        password = self.password.text
        services = self.services
        self.set_busy(True, strings.AUI_CREATING)

        def done(result: Any) -> None:
            self.set_busy(False)
            self.code, self.report = result
            self.accept()

        def failed(exc: BaseException) -> None:
            self.set_busy(False)
            if isinstance(exc, AppError):
                self.show_error(exc.message)
            else:
                show_exception(exc, self)

        self.tasks.run(strings.AUI_CREATING,
                       lambda _p: services.create_first_admin(login, display, password),
                       done, failed, cancellable=False)


# ---- the recovery code ----------------------------------------------------------------------
def format_code_text(services: Services, code: str) -> str:
    return strings.AUI_CODE_FILE_TEXT.format(
        db=services.db_path, at=services.clock.now().strftime("%Y-%m-%d %H:%M"), code=code)


def print_code(parent: QWidget, title: str, text: str) -> bool:
    """Print ``text`` on a printer the user picks (Qt's print dialog): no file is written.
    True if it was sent."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    render_code(printer, title, text)
    return True


def render_code(printer: Any, title: str, text: str) -> None:
    """The page: the title, then the text with the code large in a fixed-width font."""
    from html import escape

    from PySide6.QtGui import QTextDocument

    lines = text.splitlines()
    if lines and lines[0].strip() == title:  # the heading says it already
        lines = lines[1:]
    body = "".join(
        f"<p style='font-family:monospace; font-size:20pt; font-weight:bold'>"
        f"{escape(line.strip())}</p>" if line.startswith("    ") else
        f"<p>{escape(line)}</p>" for line in lines)
    document = QTextDocument()
    document.setHtml(f"<h2>{escape(title)}</h2>{body}")
    document.print_(printer)


class RecoveryCodeDialog(QDialog):
    """The recovery code, shown once: print it, save it as a text file, and tick
    "I have kept the code safe" before the dialog can close."""

    def __init__(self, services: Services, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.code = services, code
        self.setWindowTitle(strings.AUI_CODE_TITLE)
        self.setMinimumWidth(600)
        column = QVBoxLayout(self)
        intro = QLabel(strings.AUI_CODE_INTRO)
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.code_label = QLabel(code)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        font.setPointSizeF(max(self.font().pointSizeF() * 1.5, 14))
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setStyleSheet(f"background:{palette.HEADER_FILL}; padding:14px; "
                                      f"border:1px solid {palette.GRID};")
        column.addWidget(self.code_label)
        row = QHBoxLayout()
        self.print_button = QPushButton(strings.AUI_CODE_PRINT)
        self.save_button = QPushButton(strings.AUI_CODE_SAVE)
        self.print_button.clicked.connect(self.print_code)
        self.save_button.clicked.connect(self.save_code)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        column.addLayout(row)
        self.tick = QCheckBox(strings.AUI_CODE_SAVED_TICK)
        column.addWidget(self.tick)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(palette.css(palette.ERROR))
        self.hint.setVisible(False)
        column.addWidget(self.hint)
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(strings.AUI_CODE_CLOSE,
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.accept)
        self.tick.toggled.connect(self._ticked)
        column.addWidget(buttons)

    def _ticked(self, on: bool) -> None:
        self.close_button.setEnabled(on)
        if on:
            self.hint.setVisible(False)

    def text(self) -> str:
        return format_code_text(self.services, self.code)

    def print_code(self) -> None:
        print_code(self, strings.AUI_CODE_PRINT_TITLE, self.text())

    def save_code(self) -> None:
        settings = QSettings()
        folder = Path(str(settings.value(CODE_DIR_KEY, str(Path.home()))))
        chosen, _ = QFileDialog.getSaveFileName(
            self, strings.AUI_CODE_SAVE, str(folder / strings.AUI_CODE_FILE_NAME),
            strings.AUI_CODE_FILE_FILTER)
        if not chosen:
            return
        path = Path(chosen)
        try:
            path.write_text(self.text(), encoding="utf-8-sig")
            os.chmod(path, 0o600)  # best effort: only the owner reads it (POSIX)
        except OSError as exc:
            messages.error(self, strings.AUI_CODE_SAVE_FAILED.format(err=exc.strerror or exc))
            return
        settings.setValue(CODE_DIR_KEY, str(path.parent))
        messages.info(self, strings.AUI_CODE_SAVED.format(path=path))

    def done(self, result: int) -> None:
        if not self.tick.isChecked():  # Esc, the close box, or accept() itself
            self.hint.setText(strings.AUI_CODE_MUST_TICK)
            self.hint.setVisible(True)
            return
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self.tick.isChecked():
            self.done(0)
            event.ignore()
        else:
            super().closeEvent(event)


def show_recovery_code(services: Services, code: str, parent: QWidget | None) -> None:
    RecoveryCodeDialog(services, code, parent).exec()


def set_up_accounts(services: Services, tasks: TaskRunner, parent: QWidget | None) -> bool:
    """The first-run flow: the first admin, the code once, then what was encrypted. False
    when put off ("Later")."""
    dialog = FirstAdminDialog(services, tasks, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.code is None:
        return False
    show_recovery_code(services, dialog.code, parent)
    if dialog.report is not None:
        show = messages.info if dialog.report.ok else messages.error
        show(parent, "\n".join(dialog.report.messages()), strings.AUI_ENCRYPT_DONE_TITLE)
    return True


# ---- sign-in --------------------------------------------------------------------------------
class LoginDialog(BusyDialog):
    """Login name and password; the sign-in runs off the UI thread. ``unlock``: the idle lock's
    variant (the signed-in person's name fixed unless "switch user"; it cannot be cancelled)."""

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None,
                 unlock_login: str | None = None, intro: str | None = None) -> None:
        super().__init__(strings.AUI_LOCK_TITLE if unlock_login is not None
                         else strings.AUI_LOGIN_TITLE, tasks, parent)
        self.services = services
        self.unlock = unlock_login is not None
        self.intro_label = self.intro(intro or strings.AUI_LOGIN_INTRO)
        self.login = QLineEdit(unlock_login or "")
        self.login.setMaxLength(32)
        self.password = password_edit()
        self.form.addRow(strings.AUI_LOGIN_NAME, self.login)
        self.form.addRow(strings.AUI_PASSWORD, self.password)
        self.ok_button = self.buttons.addButton(
            strings.AUI_UNLOCK if self.unlock else strings.AUI_LOGIN,
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        self.forgot_button = self.buttons.addButton(strings.AUI_FORGOT,
                                                    QDialogButtonBox.ButtonRole.HelpRole)
        self.forgot_button.clicked.connect(self.forgot)
        self.switch_button: QPushButton | None = None
        if self.unlock:
            self.login.setReadOnly(True)
            self.switch_button = self.buttons.addButton(strings.AUI_SWITCH_USER,
                                                        QDialogButtonBox.ButtonRole.ActionRole)
            self.switch_button.clicked.connect(self.switch_user)
        else:
            quit_button = self.buttons.addButton(strings.AUI_QUIT,
                                                 QDialogButtonBox.ButtonRole.RejectRole)
            quit_button.clicked.connect(self.reject)
        self.finish()
        (self.password if self.login.text() else self.login).setFocus()

    def switch_user(self) -> None:
        self.login.setReadOnly(False)
        self.login.clear()
        self.password.clear()
        self.login.setFocus()

    def submit(self) -> None:
        login, password = self.login.text().strip(), self.password.text()
        if not login or not password:
            self.show_error(strings.AUI_NEED_NAME if not login else strings.AUI_NEED_PASSWORD)
            return
        accounts = self.services.accounts
        self.run(strings.AUI_SIGNING_IN, lambda: accounts.login(login, password),
                 lambda _p: self.accept())

    def refused(self, exc: AppError) -> None:
        super().refused(exc)
        self.password.clear()
        self.password.setFocus()

    def forgot(self) -> None:
        dialog = RecoverDialog(self.services, self.tasks, self, self.login.text().strip())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.new_code is not None:
            show_recovery_code(self.services, dialog.new_code, self)
            self.login.setReadOnly(False)
            self.login.setText(dialog.login.text().strip())
            self.password.clear()
            self.show_error(None)
            self.intro_label.setText(strings.AUI_RECOVER_DONE.format(
                login=dialog.login.text().strip()))
            self.password.setFocus()

    def reject(self) -> None:
        if not self.unlock:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if self.unlock and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.unlock and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)


class RecoverDialog(BusyDialog):
    """Recovery code + admin login + new password twice → ``accounts.recover``; ``new_code``
    is the code that replaces it (shown once by the caller)."""

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None,
                 login: str = "") -> None:
        super().__init__(strings.AUI_RECOVER_TITLE, tasks, parent)
        self.services = services
        self.new_code: str | None = None
        self.intro(strings.AUI_RECOVER_INTRO)
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.login = QLineEdit(login)
        self.form.addRow(strings.AUI_RECOVER_CODE, self.code)
        self.form.addRow(strings.AUI_LOGIN_NAME, self.login)
        self.password = NewPassword(self.form, strings.AUI_NEW_PASSWORD)
        self.ok_cancel(strings.AUI_RECOVER_OK)
        self.finish()

    def submit(self) -> None:
        code, login = self.code.text().strip(), self.login.text().strip()
        problem = (strings.ACC_BAD_RECOVERY_CODE if not code else
                   strings.AUI_NEED_NAME if not login else self.password.problem())
        if problem:
            self.show_error(problem)
            return
        accounts, password = self.services.accounts, self.password.text

        def done(new_code: Any) -> None:
            self.new_code = str(new_code)
            self.accept()

        self.run(strings.AUI_WORKING, lambda: accounts.recover(code, login, password), done)

