"""The getting-started checklist shown at the top of the main window on a new database.

Four steps, each ticked from the data (never from clicks), in order:
1. project information: the project has a name;
2. people: at least one person in the roster;
3. a clock or an import: a device is set up, or at least one punch batch was imported;
4. this month's attendance: at least one punch dated in the current month (``services.clock``).
The bar names the next step and offers one button per step; it hides itself once every step
is done and shows again only if a step becomes undone (e.g. every person removed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app import strings
from ui.common import palette

if TYPE_CHECKING:
    from app.services import Services


def step_states(services: Services) -> list[bool]:
    """Done or not, for each of the four steps (``strings.FIRST_RUN_STEPS``)."""
    today = services.clock.today()
    month_start = dt.datetime(today.year, today.month, 1)
    return [
        bool(services.project.get().name.strip()),
        services.roster.count() > 0,
        bool(services.imports.devices()) or bool(services.imports.history(limit=1)),
        services.punches.count_since(month_start) > 0,
    ]


class FirstRunBar(QFrame):
    """The checklist bar; ``actions[i]`` opens the place where step ``i`` is done."""

    def __init__(self, services: Services, actions: Sequence[Callable[[], None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("firstRun")
        self.setStyleSheet(f"#firstRun {{ background:{palette.BANNER_FILL}; "
                           f"border-bottom:1px solid {palette.GRID}; }}")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        title = QLabel(strings.FIRST_RUN_TITLE)
        title.setStyleSheet(palette.css(palette.BANNER_TEXT, bold=True))
        row.addWidget(title)
        self.buttons: list[QPushButton] = []
        for i, action in enumerate(actions):
            button = QPushButton()
            button.setFlat(False)
            button.clicked.connect(lambda _=False, a=action: a())
            row.addWidget(button)
            self.buttons.append(button)
            if i < len(actions) - 1:
                arrow = QLabel("\u2192")
                arrow.setStyleSheet(palette.css(palette.MUTED))
                row.addWidget(arrow)
        self.next_label = QLabel()
        self.next_label.setStyleSheet(palette.css(palette.BANNER_TEXT))
        self.next_label.setWordWrap(True)
        row.addWidget(self.next_label, 1)
        self.done: list[bool] = []
        # Steps 3 and 4 read the import and punch services (~25 ms of imports): checked
        # just after the first tab's data is on screen, not before (issue 16).
        self.setVisible(False)
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self.refresh)

    def next_step(self) -> int | None:
        return next((i for i, ok in enumerate(self.done) if not ok), None)

    def refresh(self) -> None:
        self.done = step_states(self.services)
        following = self.next_step()
        for i, (button, ok) in enumerate(zip(self.buttons, self.done, strict=True)):
            mark = strings.FIRST_RUN_DONE_MARK if ok else strings.FIRST_RUN_TODO_MARK
            button.setText(f"{mark}{i + 1}. {strings.FIRST_RUN_STEPS[i]}")
            button.setToolTip(strings.FIRST_RUN_HINTS[i])
            button.setDefault(i == following)
            button.setStyleSheet(palette.css(palette.OK) if ok else
                                 palette.css(palette.TEXT, bold=i == following))
        if following is None:
            self.next_label.clear()
            self.setVisible(False)
            return
        self.next_label.setText(strings.FIRST_RUN_NEXT.format(
            step=strings.FIRST_RUN_STEPS[following], hint=strings.FIRST_RUN_HINTS[following]))
        self.setVisible(True)
