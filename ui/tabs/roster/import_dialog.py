"""Roster import preview: what will be imported and what is wrong, before anything changes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.services.roster_io import RosterImportPlan


class ImportPreviewDialog(QDialog):
    def __init__(self, plan: RosterImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.IMPORT_ROSTER_TITLE)
        self.resize(720, 420)
        name = plan.path.name
        valid = len(plan.valid)
        text = (strings.IMPORT_PREVIEW_SUMMARY.format(name=name, read=plan.read, valid=valid,
                                                      rejected=plan.rejected)
                if valid else strings.IMPORT_PREVIEW_ALL_BAD.format(name=name, read=plan.read))
        summary = QLabel(text)
        summary.setWordWrap(True)
        self.table = QTableWidget(len(plan.problems), 3)
        self.table.setHorizontalHeaderLabels(list(strings.IMPORT_PROBLEM_HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for i, p in enumerate(plan.problems):
            for j, v in enumerate((str(p.row), p.column, p.reason)):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.setVisible(bool(plan.problems))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        if valid:
            ok = buttons.addButton(strings.IMPORT_CONFIRM.format(n=valid),
                                   QDialogButtonBox.ButtonRole.AcceptRole)
            ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
