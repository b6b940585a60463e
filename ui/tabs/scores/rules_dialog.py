"""The rule catalogue: values and retirements from a date, new rules (deductions or rewards),
and the base score / threshold (SPEC S1, S3). Every edit applies from the chosen date on;
the months before keep the values they had."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain.scoring import DEFAULT_RULES
from app.services import Changes
from app.services.scores import RuleDTO, ScoreService
from ui import messages
from ui.common import palette
from ui.common.dates import date_edit, pydate
from ui.common.tab import call
from ui.common.table_model import Column, DtoTableModel, make_view, selected_row


def _since(r: RuleDTO) -> str:
    return r.since.isoformat() if r.since and r.since != dt.date.min else \
        strings.SC_RULES_SINCE_DEFAULT


def _inactive(r: RuleDTO) -> QColor | None:
    return None if r.active else QColor(palette.FAINT)


RULE_COLUMNS: tuple[Column[RuleDTO], ...] = tuple(
    Column(title, text, foreground=_inactive)
    for title, text in zip(strings.SC_RULES_HEADERS, (
        lambda r: r.label,
        lambda r: r.code,
        lambda r: strings.SCORE_KIND_LABELS[r.kind],
        lambda r: f"{r.signed:+d}",
        lambda r: strings.SCORE_RULE_ACTIVE if r.active else strings.SCORE_RULE_INACTIVE,
        _since,
        lambda r: strings.SC_RULE_AUTO if r.attendance else ""), strict=True))


class RuleCatalogueDialog(QDialog):
    def __init__(self, scores: ScoreService, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.scores = scores
        self.today = today or scores.db.clock.today()
        self.changes = Changes()
        self.setWindowTitle(strings.SC_RULES_TITLE)
        self.resize(900, 660)  # fits 1366x768 with a taskbar
        self.model = DtoTableModel(RULE_COLUMNS, self)
        self.table = make_view(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.history = QTextBrowser()
        self.history.setMaximumHeight(80)
        self.from_date = date_edit(self.today.replace(day=1))
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
        current = self._current()
        self.model.set_rows(self.scores.rules(self.today))
        row = self.model.row_where(lambda r: current is not None and r.code == current.code)
        if row < 0 and current is None and self.rules:
            row = 0
        if row >= 0:
            self.table.selectRow(row)

    @property
    def rules(self) -> list[RuleDTO]:
        return self.model.rows

    def _current(self) -> RuleDTO | None:
        r: RuleDTO | None = selected_row(self.table)
        return r

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
        call(self, lambda: self.scores.set_rule(r.code, self.points.value(), day,
                                                self.note.text()),
             lambda result: self._done(result[1], strings.SCORE_CLI_RULE_SET.format(
                 label=result[0].label, points=result[0].signed, date=day.isoformat())))

    def retire(self) -> None:
        r = self._current()
        if r is None:
            return
        day = pydate(self.from_date.date())
        if not messages.ask(self, strings.SC_RULES_RETIRE_ASK.format(label=r.label,
                                                                     date=day.isoformat())):
            return
        call(self, lambda: self.scores.retire_rule(r.code, day, self.note.text()),
             lambda result: self._done(result[1], strings.SCORE_CLI_RULE_RETIRED.format(
                 label=result[0].label, date=day.isoformat())))

    def add_rule(self) -> None:
        day = pydate(self.from_date.date())
        if call(self, lambda: self.scores.add_rule(
                self.new_code.text(), self.new_label.text(), self.new_kind.currentData(),
                self.new_points.value(), day),
                lambda result: self._done(result[1], strings.SCORE_CLI_RULE_SET.format(
                    label=result[0].label, points=result[0].signed, date=day.isoformat()))):
            self.new_code.clear()
            self.new_label.clear()

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
        def write() -> None:
            for key, value in changed.items():
                self.changes = self.changes | self.scores.set_setting(key, value, day)

        call(self, write, lambda _none: messages.info(self, strings.RULES_SAVED.format(
            n=len(changed), date=day.isoformat())))
