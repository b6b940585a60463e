"""Schedule, thresholds and sheet symbols, edited with an effective date (SPEC A1, A2)."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain.schedule import INT_KEYS, RANGE_KEYS, TIME_KEYS
from app.services import Changes, Services
from ui import messages
from ui.common import palette
from ui.common.dates import pydate, qdate
from ui.common.tab import call
from ui.common.table_model import Column, DtoTableModel, make_view


def _time_edit(text: str) -> QTimeEdit:
    edit = QTimeEdit(QTime.fromString(text, "HH:mm"))
    edit.setDisplayFormat("HH:mm")
    return edit



def _setting_label(h: dict[str, str]) -> str:
    key = h["key"]
    return strings.SETTING_LABELS.get(key) or strings.LEGEND_LABELS.get(
        key.removeprefix("legend."), key)


HISTORY_COLUMNS: tuple[Column[dict[str, str]], ...] = tuple(
    Column(title, text) for title, text in zip(
        strings.RULES_HISTORY_HEADERS,
        (lambda h: h["effective_from"], _setting_label, lambda h: h["value"]), strict=True))

class RulesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.changes = Changes()
        self.setWindowTitle(strings.RULES_TITLE)
        self.setMinimumWidth(560)
        self.today = today or services.clock.today()
        shown = services.settings.show(self.today)
        self.current: dict[str, str] = shown["current"]
        self.legend: dict[str, str] = shown["legend"]
        tabs = QTabWidget()
        tabs.addTab(self._rules_tab(), strings.RULES_TAB_RULES)
        tabs.addTab(self._legend_tab(), strings.RULES_TAB_LEGEND)
        tabs.addTab(self._leave_tab(), strings.RULES_TAB_LEAVE_TYPES)
        tabs.addTab(self._history_tab(shown["history"]), strings.RULES_TAB_HISTORY)
        self.from_date = QDateEdit(qdate(self.today))
        self.from_date.setCalendarPopup(True)
        self.from_date.setDisplayFormat("yyyy-MM-dd")
        hint = QLabel(strings.RULES_FROM_HINT)
        hint.setStyleSheet(palette.css(palette.MUTED))
        form = QFormLayout()
        form.addRow(strings.RULES_FROM, self.from_date)
        form.addRow(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _rules_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.ranges: dict[str, tuple[QTimeEdit, QTimeEdit]] = {}
        for key in RANGE_KEYS:
            start, end = self.current[key].split("-")
            a, b = _time_edit(start), _time_edit(end)
            row = QHBoxLayout()
            row.addWidget(a)
            row.addWidget(QLabel(strings.RULES_TO))
            row.addWidget(b)
            row.addStretch()
            form.addRow(strings.SETTING_LABELS[key], row)
            self.ranges[key] = (a, b)
        self.times = {key: _time_edit(self.current[key]) for key in TIME_KEYS}
        for key, edit in self.times.items():
            form.addRow(strings.SETTING_LABELS[key], edit)
        self.ints: dict[str, QSpinBox] = {}
        for key in INT_KEYS:
            spin = QSpinBox()
            spin.setRange(0, 600)
            spin.setValue(int(self.current[key]))
            self.ints[key] = spin
            form.addRow(strings.SETTING_LABELS[key], spin)
        return w

    def _legend_tab(self) -> QWidget:
        self.legend_table = QTableWidget(len(strings.LEGEND_ORDER), 2)
        self.legend_table.setHorizontalHeaderLabels(list(strings.RULES_LEGEND_HEADERS))
        self.legend_table.verticalHeader().setVisible(False)
        self.legend_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.legend_edits: dict[str, QLineEdit] = {}
        for i, code in enumerate(strings.LEGEND_ORDER):
            label = QTableWidgetItem(strings.LEGEND_LABELS[code])
            self.legend_table.setItem(i, 0, label)
            edit = QLineEdit(self.legend.get(code, ""))
            edit.setMaxLength(2)
            self.legend_table.setCellWidget(i, 1, edit)
            self.legend_edits[code] = edit
        return self.legend_table

    def _leave_tab(self) -> QWidget:
        """Leave types as data (issue 7): counting, certificate required, maximum per request."""
        self.leave_types = self.services.leave.types()
        table = QTableWidget(len(self.leave_types), 4)
        table.setHorizontalHeaderLabels(list(strings.RULES_LEAVE_HEADERS))
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.leave_edits: dict[str, tuple[QComboBox, QCheckBox, QSpinBox]] = {}
        for i, (code, lt) in enumerate(self.leave_types.items()):
            table.setItem(i, 0, QTableWidgetItem(strings.LEAVE_TYPE_LABELS.get(code, code)))
            counting = QComboBox()
            for key, label in strings.LEAVE_COUNTING_LABELS.items():
                counting.addItem(label, key)
            counting.setCurrentIndex(counting.findData(lt.counting))
            attach = QCheckBox()
            attach.setChecked(lt.attachment_required)
            months = QSpinBox()
            months.setRange(0, 24)
            months.setValue(lt.max_months or 0)
            for j, w in enumerate((counting, attach, months), start=1):
                table.setCellWidget(i, j, w)
            self.leave_edits[code] = (counting, attach, months)
        return table

    def _history_tab(self, history: list[dict[str, str]]) -> QWidget:
        """Every dated value, newest first (read-only: the one DTO table model)."""
        self.history_model: DtoTableModel[dict[str, str]] = DtoTableModel(
            HISTORY_COLUMNS, self)
        self.history_model.set_rows(list(reversed(history)))
        return make_view(self.history_model)

    def edited(self) -> dict[str, str]:
        """Only the values that differ from those in force: nothing else is written."""
        values: dict[str, str] = {}
        for key, (a, b) in self.ranges.items():
            values[key] = f"{a.time().toString('HH:mm')}-{b.time().toString('HH:mm')}"
        for key, edit in self.times.items():
            values[key] = edit.time().toString("HH:mm")
        for key, spin in self.ints.items():
            values[key] = str(spin.value())
        changed = {k: v for k, v in values.items() if self.current.get(k) != v}
        for code, line in self.legend_edits.items():
            if line.text().strip() != self.legend.get(code, ""):
                changed["legend." + code] = line.text().strip()
        for code, (counting, attach, months) in self.leave_edits.items():
            lt = self.leave_types[code]
            new = (str(counting.currentData()), attach.isChecked(), months.value() or None)
            if new != (lt.counting, lt.attachment_required, lt.max_months):
                changed["leave_type." + code] = json.dumps(
                    {"counting": new[0], "attachment_required": new[1], "max_months": new[2]})
        return changed

    def save(self) -> None:
        changed = self.edited()
        if not changed:
            messages.info(self, strings.RULES_NOTHING_CHANGED)
            return
        day = pydate(self.from_date.date())

        def write() -> None:
            for key, value in changed.items():
                _, ch = self.services.settings.set(key, value, day)
                self.changes = self.changes | ch

        if call(self, write):
            messages.info(self, strings.RULES_SAVED.format(n=len(changed),
                                                           date=day.isoformat()))
        self.accept()
