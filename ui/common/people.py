"""How the UI names a person, and the person picker used by the tabs and dialogs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

from PySide6.QtWidgets import QComboBox, QWidget

from app import strings
from app.domain.roster import PersonStatus


class _Person(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def employee_no(self) -> str: ...
    @property
    def status(self) -> str: ...


def person_label(p: Any) -> str:
    """``strings.person_label`` of a PersonDTO, or of any DTO with ``person_name`` and
    ``employee_no``."""
    name = getattr(p, "person_name", None) or p.name
    return strings.person_label(name, p.employee_no)


class PersonCombo(QComboBox):
    """People by ``person_label`` with the person id as item data; an optional first
    "nobody / everybody" item (data ``None``); people who left only if asked for."""

    def __init__(self, none_text: str | None = None, include_left: bool = False,
                 label: Callable[[Any], str] = person_label,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.none_text, self.include_left, self.label = none_text, include_left, label

    def set_people(self, people: Iterable[_Person]) -> None:
        """Refill, keeping the current choice when that person is still listed; no signals."""
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        if self.none_text is not None:
            self.addItem(self.none_text, None)
        for p in people:
            if self.include_left or p.status != PersonStatus.LEFT:
                self.addItem(self.label(p), p.id)
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)

    def ensure(self, p: _Person) -> None:
        """List ``p`` even if the filter left them out (editing an old record)."""
        if self.findData(p.id) < 0:
            self.addItem(self.label(p), p.id)

    def select(self, person_id: int | None) -> None:
        self.setCurrentIndex(max(0, self.findData(person_id)))

    def person_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None
