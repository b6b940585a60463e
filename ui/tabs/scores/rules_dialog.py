"""The rule catalogue: values and retirements from a date, new rules (deductions or rewards),
and the base score / threshold (SPEC S1, S3). Every edit applies from the chosen date on;
the months before keep the values they had."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain.scoring import DEFAULT_RULES
from app.errors import AppError
from app.services import Changes
from app.services.scores import RuleDTO, ScoreService
from ui import messages
from ui.common import palette
from ui.common.dates import pydate, qdate


def _date_edit(d: dt.date) -> QDateEdit:
    edit = QDateEdit(qdate(d))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class RuleCatalogueDialog(QDialog):
    def __init__(self, scores: ScoreService, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.scores = scores
        self.today = today or scores.db.clock.today()
        self.changes = Changes()
        self.rules: list[RuleDTO] = []
        self.setWindowTitle(strings.SC_RULES_TITLE)
        self.resize(900, 700)
        self.table = QTableWidget(0, len(strings.SC_RULES_HEADERS))
        self.table.setHorizontalHeaderLabels(list(strings.SC_RULES_HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.history = QTextBrowser()
        self.history.setMaximumHeight(80)
        self.from_date = _date_edit(self.today.replace(day=1))
        self.points = QSpinBox()
        self.points.setRange(0, 100)
        self.note = QLineEdit()
        self.note.setPlaceholderText(strings.SC_RULES_NOTE_HINT)
        set_btn = QPushButton(strings.SC_RULES_SET)
        set_btn.clicked.connect(self.set_value)
        retire_btn = QPushButton(strings.SC_RULES_RETIRE)
        retire_btn.clicked.connect(self.retire)
        edit = QHBoxLayout()
        for label, w in ((strings.SC_RULES_FROM, self.from_date),
                         (strings.SC_RULES_POINTS, self.points), (strings.SC_NOTE, self.note)):
            edit.addWidget(QLabel(label))
            edit.addWidget(w)
        edit.addWidget(set_btn)
        edit.addWidget(retire_btn)
        hint = QLabel(strings.SC_RULES_HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet(palette.css(palette.MUTED))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.history)
        layout.addLayout(edit)
        layout.addWidget(hint)
        layout.addWidget(self._new_rule_box())
        layout.addWidget(self._settings_box())
        layout.addWidget(buttons)
        self.refresh()

    def _new_rule_box(self) -> QGroupBox:
        box = QGroupBox(strings.SC_RULES_NEW)
        self.new_code = QLineEdit()
        self.new_code.setPlaceholderText(strings.SC_RULES_CODE_HINT)
        self.new_label = QLineEdit()
        self.new_kind = QComboBox()
        for code, label in strings.SCORE_KIND_LABELS.items():
            self.new_kind.addItem(label, code)
        self.new_points = QSpinBox()
        self.new_points.setRange(0, 100)
        add = QPushButton(strings.SC_RULES_ADD)
        add.clicked.connect(self.add_rule)
        row = QHBoxLayout(box)
        for label, w in ((strings.SC_RULES_CODE, self.new_code),
                         (strings.SC_RULES_LABEL, self.new_label),
                         (strings.SC_RULES_KIND, self.new_kind),
                         (strings.SC_RULES_POINTS, self.new_points)):
            row.addWidget(QLabel(label))
            row.addWidget(w)
        row.addWidget(add)
        return box

    def _settings_box(self) -> QGroupBox:
        box = QGroupBox(strings.SC_SETTINGS_BOX)
        current = self.scores.settings(self.today)
        self.base = QSpinBox()
        self.base.setRange(0, 1000)
        self.base.setValue(current.base)
        self.threshold = QSpinBox()
        self.threshold.setRange(0, 1000)
        self.threshold.setSpecialValueText(strings.SC_NO_THRESHOLD)
        self.threshold.setValue(current.threshold or 0)
        self.flag_label = QLineEdit(current.flag_label)
        save = QPushButton(strings.SC_SETTINGS_SAVE)
        save.clicked.connect(self.save_settings)
        row = QHBoxLayout(box)
        for key, w in (("base", self.base), ("threshold", self.threshold),
                       ("flag_label", self.flag_label)):
            row.addWidget(QLabel(strings.SCORE_SETTING_LABELS[key]))
            row.addWidget(w, 1 if key == "flag_label" else 0)
        row.addWidget(save)
        return box

    # ---- data --------------------------------------------------------------------------------
    def refresh(self) -> None:
        code = self._current_code()
        self.rules = self.scores.rules(self.today)
        self.table.setRowCount(len(self.rules))
        for i, r in enumerate(self.rules):
            since = r.since.isoformat() if r.since and r.since != dt.date.min else \
                strings.SC_RULES_SINCE_DEFAULT
            values = (r.label, r.code, strings.SCORE_KIND_LABELS[r.kind], f"{r.signed:+d}",
                      strings.SCORE_RULE_ACTIVE if r.active else strings.SCORE_RULE_INACTIVE,
                      since, strings.SC_RULE_AUTO if r.attendance else "")
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                if not r.active:
                    item.setForeground(QColor(palette.FAINT))
                self.table.setItem(i, j, item)
            if r.code == code:
                self.table.selectRow(i)
        if code is None and self.rules:
            self.table.selectRow(0)

    def _current_code(self) -> str | None:
        row = self.table.currentRow()
        return self.rules[row].code if 0 <= row < len(self.rules) else None

    def _current(self) -> RuleDTO | None:
        row = self.table.currentRow()
        return self.rules[row] if 0 <= row < len(self.rules) else None

    def _selected(self) -> None:
        r = self._current()
        if r is None:
            self.history.clear()
            return
        self.points.setValue(r.points)
        default = next((d for d in DEFAULT_RULES if d.code == r.code), None)
        lines = [""]
        if default is not None:
            lines[0] = (strings.SC_RULES_DEFAULT.format(points=-default.points)
                        if default.active else strings.SC_RULES_DEFAULT_UNSET)
        for h in r.history:
            state = strings.SCORE_RULE_ACTIVE if h.active else strings.SCORE_RULE_INACTIVE
            lines.append(strings.SC_RULES_HISTORY_LINE.format(
                date=h.effective_from.isoformat(), points=h.points, state=state,
                by=h.created_by, note=h.note))
        self.history.setPlainText("\n".join(x for x in lines if x))

    def _done(self, changes: Changes, text: str) -> None:
        self.changes = self.changes | changes
        self.refresh()
        self._selected()
        messages.info(self, text)

    # ---- edits -------------------------------------------------------------------------------
    def set_value(self) -> None:
        r = self._current()
        if r is None:
            return
        day = pydate(self.from_date.date())
        try:
            rule, changes = self.scores.set_rule(r.code, self.points.value(), day,
                                                 self.note.text())
        except AppError as exc:
            messages.error(self, exc.message)
            return
        self._done(changes, strings.SCORE_CLI_RULE_SET.format(
            label=rule.label, points=rule.signed, date=day.isoformat()))

    def retire(self) -> None:
        r = self._current()
        if r is None:
            return
        day = pydate(self.from_date.date())
        if not messages.ask(self, strings.SC_RULES_RETIRE_ASK.format(label=r.label,
                                                                     date=day.isoformat())):
            return
        try:
            rule, changes = self.scores.retire_rule(r.code, day, self.note.text())
        except AppError as exc:
            messages.error(self, exc.message)
            return
        self._done(changes, strings.SCORE_CLI_RULE_RETIRED.format(label=rule.label,
                                                                  date=day.isoformat()))

    def add_rule(self) -> None:
        day = pydate(self.from_date.date())
        try:
            rule, changes = self.scores.add_rule(
                self.new_code.text(), self.new_label.text(), self.new_kind.currentData(),
                self.new_points.value(), day)
        except AppError as exc:
            messages.error(self, exc.message)
            return
        self.new_code.clear()
        self.new_label.clear()
        self._done(changes, strings.SCORE_CLI_RULE_SET.format(
            label=rule.label, points=rule.signed, date=day.isoformat()))

    def save_settings(self) -> None:
        day = pydate(self.from_date.date())
        current = self.scores.settings(day)
        wanted = {"base": str(self.base.value()),
                  "threshold": str(self.threshold.value()) if self.threshold.value() else "",
                  "flag_label": self.flag_label.text().strip()}
        now = {"base": str(current.base),
               "threshold": str(current.threshold) if current.threshold is not None else "",
               "flag_label": current.flag_label}
        changed = {k: v for k, v in wanted.items() if v != now[k]}
        if not changed:
            messages.info(self, strings.RULES_NOTHING_CHANGED)
            return
        try:
            for key, value in changed.items():
                self.changes = self.changes | self.scores.set_setting(key, value, day)
        except AppError as exc:
            messages.error(self, exc.message)
            return
        messages.info(self, strings.RULES_SAVED.format(n=len(changed), date=day.isoformat()))
