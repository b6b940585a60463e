"""Quick incident entry: person, rule, date/time (now), optional points, note; Enter saves.

Built for the keyboard: type a few letters of the name, Tab to the rule, Tab to the note,
Enter. After a save the note is cleared, the time goes back to now and the focus returns to
the person, ready for the next one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.errors import AppError
from app.services.roster import PersonDTO
from app.services.scores import RuleDTO, ScoreService
from ui.common import palette
from ui.common.dates import pydatetime, qdatetime
from ui.common.people import PersonCombo
from ui.common.tab import attempt_quietly

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class QuickEntry(QWidget):
    """Emits ``saved(changes)`` after an incident is recorded; errors show in ``message``."""

    saved = Signal(object)

    def __init__(self, scores: ScoreService, clock: Callable[[], dt.datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores = scores
        self._clock = clock
        self.person = PersonCombo()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setMinimumWidth(140)
        completer = self.person.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.rule = QComboBox()
        self.rule.setMinimumWidth(220)
        self.at = QDateTimeEdit(qdatetime(self.clock()))
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at.setCalendarPopup(True)
        self.points = QSpinBox()
        self.points.setRange(-1, 100)
        self.points.setSpecialValueText(strings.SC_POINTS_BY_RULE)
        self.points.setValue(-1)
        self.points.setToolTip(strings.SC_POINTS_TIP)
        self.note = QLineEdit()
        self.note.setPlaceholderText(strings.SC_NOTE_HINT)
        self.button = QPushButton(strings.SC_SAVE)
        self.button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setStyleSheet(palette.css(palette.ERROR))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        outer.addLayout(row)
        for label, widget, stretch in ((strings.SC_PERSON, self.person, 0),
                                       (strings.SC_RULE, self.rule, 0),
                                       (strings.SC_AT, self.at, 0),
                                       (strings.SC_POINTS, self.points, 0),
                                       (strings.SC_NOTE, self.note, 1)):
            row.addWidget(QLabel(label))
            row.addWidget(widget, stretch)
        row.addWidget(self.button)
        outer.addWidget(self.message)
        # Enter in any field saves (an editable combo box would swallow it otherwise)
        for w in (self.person, self.person.lineEdit(), self.rule, self.at, self.points,
                  self.note):
            w.installEventFilter(self)

    def clock(self) -> dt.datetime:
        return self._clock().replace(second=0, microsecond=0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in _ENTER and not self._popup_open(watched):
            self.save()
            return True
        return super().eventFilter(watched, event)

    def _popup_open(self, watched: QObject) -> bool:
        """Enter in an open drop-down picks the item; it does not save."""
        combos = (self.person, self.rule)
        return any(watched in (c, c.lineEdit()) and c.view().isVisible() for c in combos)

    def set_people(self, people: Sequence[PersonDTO]) -> None:
        self.person.set_people(people)

    def set_rules(self, rules: Sequence[RuleDTO]) -> None:
        """Rules that can be recorded by hand: active, not attendance-derived."""
        current = self.rule.currentData()
        self.rule.clear()
        for r in rules:
            if r.active and not r.attendance:
                self.rule.addItem(strings.SC_RULE_ITEM.format(label=r.label, points=r.signed),
                                  r.code)
        self.rule.setCurrentIndex(max(0, self.rule.findData(current)))

    def _person_id(self) -> int | None:
        text = self.person.currentText().strip()
        index = self.person.findText(text)
        if index < 0:  # typed text: the first person whose entry contains it
            index = next((i for i in range(self.person.count())
                          if text and text in self.person.itemText(i)), -1)
        return int(self.person.itemData(index)) if index >= 0 else None

    def _say(self, text: str, ok: bool = False) -> None:
        self.message.setStyleSheet(palette.css(palette.OK) if ok else palette.css(palette.ERROR))
        self.message.setText(text)

    def save(self) -> None:
        person_id = self._person_id()
        if person_id is None:
            self._say(strings.SC_PICK_PERSON)
            self.person.setFocus()
            return
        rule = self.rule.currentData()
        if rule is None:
            self._say(strings.SC_PICK_RULE)
            return
        points = None if self.points.value() < 0 else self.points.value()
        result = attempt_quietly(lambda: self.scores.add_incident(
            person_id, rule, pydatetime(self.at.dateTime()), self.note.text(), points))
        if isinstance(result, AppError):
            self._say(result.message)
            return
        incident, changes = result
        self._say(strings.SC_SAVED.format(name=incident.name, label=incident.rule_label,
                                          points=incident.points), ok=True)
        self.note.clear()
        self.points.setValue(-1)
        self.at.setDateTime(qdatetime(self.clock()))
        self.person.setFocus()
        self.saved.emit(changes)
