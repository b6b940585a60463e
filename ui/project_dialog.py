"""Project settings dialog: the project profile printed on every form."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from app import strings
from app.services import Services
from app.services.project import EDITABLE
from ui.common import palette
from ui.common.dialog import FormDialog


class ProjectDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, strings.PROJECT_DIALOG_TITLE, parent, min_width=520)
        project = services.project.get()
        form = self.form
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
            self.add_row(strings.PROJECT_FIELDS[key] + ("*" if key == "name" else ""), widget,
                         key)
        self.finish()

    def values(self) -> dict[str, str]:
        return {k: (w.currentText() if isinstance(w, QComboBox) else w.text())
                for k, w in self.edits.items()}

    def submit(self) -> object:
        return self.services.project.update(**self.values())
