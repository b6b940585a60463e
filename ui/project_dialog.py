"""Project settings dialog: the project profile printed on every form."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app import strings
from app.errors import AppError
from app.services import Changes, Services
from app.services.project import EDITABLE
from ui.common import palette


class ProjectDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.changes = Changes()
        self.setWindowTitle(strings.PROJECT_DIALOG_TITLE)
        self.setMinimumWidth(520)
        project = services.project.get()
        form = QFormLayout(self)
        hint = QLabel(strings.PROJECT_DIALOG_HINT)
        hint.setStyleSheet(palette.css(palette.MUTED))
        form.addRow(hint)
        self.edits: dict[str, QLineEdit | QComboBox] = {}
        choices = {"client_label": strings.CLIENT_LABEL_CHOICES,
                   "client_dept": strings.CLIENT_DEPT_CHOICES}
        for key in EDITABLE:
            value = getattr(project, key)
            widget: QLineEdit | QComboBox
            if key in choices:
                widget = QComboBox()
                widget.setEditable(True)
                widget.addItems(list(choices[key]))
                widget.setCurrentText(value)
            else:
                widget = QLineEdit(value)
            self.edits[key] = widget
            form.addRow(strings.PROJECT_FIELDS[key] + ("*" if key == "name" else ""), widget)
        self.error = QLabel()
        self.error.setStyleSheet(palette.css(palette.ERROR))
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        return {k: (w.currentText() if isinstance(w, QComboBox) else w.text())
                for k, w in self.edits.items()}

    def save(self) -> None:
        try:
            _, self.changes = self.services.project.update(**self.values())
        except AppError as exc:
            self.error.setText(exc.message)
            return
        self.accept()
