"""Check a code (issue 18): the check code on a signed month sheet against the database."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain.anchor import AnchorCheck, messages
from app.errors import AppError
from app.services import Services
from app.services.attendance import parse_month
from ui.common.tab import report_error
from ui.tasks import TaskRunner

OK_STYLE = ("QLabel { background: #E8F5E9; color: #1B5E20; border: 1px solid #81C784;"
            " padding: 8px; }")
BAD_STYLE = ("QLabel { background: #FDECEA; color: #8B1A1A; border: 1px solid #E57373;"
             " padding: 8px; }")


class VerifyCodeDialog(QDialog):
    """Month and code in, the verdict in Chinese out (the same as ``month verify``)."""

    def __init__(self, services: Services, month_key: str, tasks: TaskRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.tasks = services, tasks
        self.setWindowTitle(strings.VERIFY_CODE_TITLE)
        self.setMinimumWidth(560)
        intro = QLabel(strings.VERIFY_CODE_INTRO)
        intro.setWordWrap(True)
        self.month = QLineEdit(month_key)
        self.month.setMaximumWidth(120)
        self.code = QLineEdit()
        self.code.setPlaceholderText(strings.VERIFY_CODE_PLACEHOLDER)
        self.code.returnPressed.connect(self.run)
        form = QFormLayout()
        form.addRow(strings.VERIFY_CODE_MONTH, self.month)
        form.addRow(strings.VERIFY_CODE_CODE, self.code)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict.hide()
        buttons = QDialogButtonBox()
        self.btn_run = QPushButton(strings.VERIFY_CODE_RUN)
        self.btn_run.setDefault(True)
        self.btn_run.clicked.connect(self.run)
        buttons.addButton(self.btn_run, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(strings.VERIFY_CODE_CLOSE,
                                  QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.verdict)
        layout.addStretch()
        layout.addWidget(buttons)
        self.code.setFocus()

    def run(self) -> None:
        """Check on the worker thread (the whole audit chain is walked)."""
        try:
            year, month = parse_month(self.month.text())
        except AppError as exc:
            self._show(False, [str(exc)])
            return
        code = self.code.text()

        def check(_progress: Any = None) -> AnchorCheck:
            return self.services.attendance.verify_code(year, month, code)

        if self.tasks is None:
            self.show_result(check())
            return
        self.btn_run.setEnabled(False)
        self.tasks.run(strings.VERIFY_CODE_TITLE, check, self.show_result, self._failed,
                       cancellable=False)

    def show_result(self, result: AnchorCheck) -> None:
        self._show(result.ok, messages(result))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, AppError):
            self._show(False, [str(exc)])
            return
        self.btn_run.setEnabled(True)
        report_error(self, exc)  # a bug: logged, the crash dialog

    def _show(self, ok: bool, lines: list[str]) -> None:
        self.btn_run.setEnabled(True)
        self.verdict.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        self.verdict.setText("\n".join(lines))
        self.verdict.show()
        width = self.width()
        self.adjustSize()  # grow to the wrapped verdict (never clip its last line)
        self.resize(max(width, self.width()), self.height())
