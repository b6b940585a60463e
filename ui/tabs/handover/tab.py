"""Change and handover tab (SPEC C1-C6): the changes, the timeline of the selected one, its
details and checklist, the workflow actions and the three printed forms. Also the status bar
label that shows ``HandoverService.warnings(today)`` in the main window."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain import handover as rules
from app.domain.handover import Step
from app.dto.handover import ItemDTO
from app.services import Changes, Services
from app.services.handover import ChangeDTO
from ui import messages
from ui.common import palette
from ui.common.tab import Tab
from ui.common.table_model import Column, DtoTableModel, make_view, selected_row
from ui.common.widgets import ElidedLabel
from ui.tabs.handover.checklist import HandoverDialog
from ui.tabs.handover.dialogs import ApprovalDialog, ChangeDialog, FinishDialog, joining_facts
from ui.tabs.handover.timeline import TimelineWidget, status_color
from ui.tasks import TaskRunner

FILTERS = (("open", strings.CH_FILTER_OPEN), (None, strings.CH_FILTER_ALL),
           (rules.DONE, strings.CH_STATE_LABELS[rules.DONE]),
           (rules.CANCELLED, strings.CH_STATE_LABELS[rules.CANCELLED]))



def next_step(steps: list[Step]) -> Step | None:
    """The first step not done yet (what the list shows)."""
    return next((s for s in steps if s.done is None), None)


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else strings.CH_DASH


def change_html(c: ChangeDTO, dept: str = strings.DEFAULT_CLIENT_DEPT) -> str:
    e = html.escape
    rows: list[tuple[str, str]] = [
        (strings.CH_F_KIND, c.kind_label),
        (strings.CH_F_LEAVING,
         strings.with_note(c.leaving.name, c.leaving.role) if c.leaving else ""),
        (strings.CH_F_JOINING,
         strings.with_note(c.joining.name, c.joining.role) if c.joining else ""),
        (strings.CH_F_CHANGE_DATE, _d(c.change_date)),
    ]
    if c.joining is not None:
        rows.append((strings.CH_F_JOINING_FILES, joining_facts(c.joining)))
    if c.demand_date:
        rows.append((strings.CH_F_DEMAND_DATE, _d(c.demand_date)))
    if c.kind == rules.ROLE_CHANGE:
        rows.append((strings.CH_F_NEW_ROLE, c.new_role))
    rows += [(strings.CH_F_REASON, c.reason),
             (strings.CH_F_NOTICE_SENT, _d(c.notice_sent_on)),
             (strings.CH_F_APPLICATION_SENT, _d(c.application_submitted_on))]
    for label, a in ((strings.CH_F_CLIENT_APPROVAL.format(dept=dept), c.client),
                     (strings.CH_F_SUPERVISOR_APPROVAL, c.supervisor)):
        rows.append((label, strings.CH_APPROVAL_TEXT.format(
            name=a.approver, on=_d(a.approved_on), opinion=a.opinion) if a.done
            else strings.CH_NOT_YET))
    h = c.handover
    if rules.has_handover(c.kind):
        rows.append((strings.CH_F_HANDOVER_PEOPLE, strings.CH_HANDOVER_PEOPLE.format(
            handed=h.handed_by or strings.CH_DASH, received=h.received_by or strings.CH_DASH,
            witness=h.witnessed_by or strings.CH_DASH)))
        if h.start:
            rows.append((strings.CH_F_PERIOD, strings.CH_DOC_PERIOD.format(
                start=_d(h.start), end=_d(h.end or c.deadlines.handover_end_latest),
                n=c.handover_days or 0)))
        rows.append((strings.CH_F_CHECKLIST, strings.CH_CHECKLIST_COUNT.format(
            done=len(c.items) - len(c.open_items), n=len(c.items))))
        if h.assessment_result:
            rows.append((strings.CH_F_ASSESSMENT, h.assessment_result))
    if h.probation_end:
        rows.append((strings.CH_F_PROBATION_END, _d(h.probation_end)))
    if c.finished_on:
        rows.append((strings.CH_F_FINISH_ON, _d(c.finished_on)))
    if c.finish_override:
        rows.append((strings.CH_F_OVERRIDE, c.finish_override))
    body = "".join(f"<tr><td style='color:{palette.MUTED};padding-right:8px'>{e(k)}</td>"
                   f"<td>{e(v)}</td></tr>" for k, v in rows if v)
    problems = ""
    if c.problems and c.state == rules.PLANNED:
        items = "".join(f"<li>{e(strings.CH_PROBLEM_LABELS.get(p, p))}</li>" for p in c.problems)
        problems = f"<p style='color:{palette.WARNING}'><b>{e(strings.CH_PROBLEMS)}</b></p>" \
                   f"<ul style='color:{palette.WARNING}'>{items}</ul>"
    head = f"<h3>#{c.id} {e(c.who)} · {e(c.state_label)}</h3>"
    return f"{head}<table>{body}</table>{problems}"


# the workflow buttons and the domain action each one needs (ChangeDTO.actions)
BUTTON_ACTIONS = {"edit": rules.EDIT, "approve": rules.APPROVE, "handover": rules.HANDOVER,
                  "begin": rules.BEGIN, "finish": rules.FINISH, "cancel": rules.CANCEL,
                  "print": rules.PRINT}


def _open_item_colour(item: ItemDTO) -> QColor | None:
    return None if item.done else QColor(palette.WARNING)


CHECKLIST_COLUMNS: tuple[Column[ItemDTO], ...] = tuple(
    Column(title, text, foreground=_open_item_colour)
    for title, text in zip(strings.CH_CHECK_HEADERS, (
        lambda i: strings.CH_DOC_CHECK if i.done else "",
        lambda i: i.title,
        lambda i: i.detail,
        lambda i: i.done_on.isoformat() if i.done_on else "",
        lambda i: i.note), strict=True))


class HandoverTab(Tab):
    watches = ("handover", "roster", "calendar", "project")

    def __init__(self, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(services, tasks, parent)
        self.today = today or services.clock.today()
        self._steps: dict[int, Step | None] = {}  # the next step of each listed change
        self.model = DtoTableModel(self._columns(), self)
        self.items_model = DtoTableModel(CHECKLIST_COLUMNS, self)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, label, slot in (
                ("new", strings.CH_NEW, self.new_change),
                ("edit", strings.CH_EDIT, self.edit_change),
                ("approve", strings.CH_APPROVE, self.approve),
                ("handover", strings.CH_HANDOVER, self.run_handover),
                ("begin", strings.CH_BEGIN, self.begin_handover),
                ("finish", strings.CH_FINISH_BUTTON, self.finish),
                ("cancel", strings.CH_CANCEL, self.cancel),
                ("print", strings.CH_PRINT, None)):
            b = QPushButton(label)
            if slot is not None:
                b.clicked.connect(slot)
            self.buttons[key] = b
            bar.addWidget(b)
        menu = QMenu(self)
        for kind, label in strings.CH_DOC_LABELS.items():
            menu.addAction(label, lambda k=kind: self.print_form(k))
        self.buttons["print"].setMenu(menu)
        bar.addStretch()
        self.filter = QComboBox()
        for code, label in FILTERS:
            self.filter.addItem(label, code)
        self.filter.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.filter)
        self.table = make_view(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _i: self.buttons["edit"].click())
        self.timeline = TimelineWidget()
        self.detail = QTextBrowser()
        self.checklist = make_view(self.items_model)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(QLabel(strings.CH_TIMELINE_TITLE))
        rv.addWidget(self.timeline)
        rv.addWidget(self.detail, 3)
        rv.addWidget(QLabel(strings.CH_CHECKLIST_TITLE))
        rv.addWidget(self.checklist, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([560, 720])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.refresh()

    def _columns(self) -> tuple[Column[ChangeDTO], ...]:
        def next_text(c: ChangeDTO) -> str:
            step = self._steps.get(c.id)
            return strings.CH_NEXT.format(name=step.name, due=step.due.strftime("%m-%d"),
                                          status=strings.CH_STATUS_LABELS[step.status]) \
                if step else ""

        def colour(c: ChangeDTO) -> QColor | None:
            return None if c.state == rules.PLANNED else QColor(palette.FAINT)

        def next_colour(c: ChangeDTO) -> QColor | None:
            step = self._steps.get(c.id)
            if c.state != rules.PLANNED or step is None:
                return colour(c)
            return status_color(step.status)

        texts = (lambda c: f"#{c.id}", lambda c: c.kind_label, lambda c: c.who,
                 lambda c: c.change_date.isoformat(), next_text, lambda c: c.state_label,
                 lambda c: str(len(c.open_items)) if c.items else "")
        return tuple(Column(title, text, foreground=next_colour if text is next_text
                            else colour)
                     for title, text in zip(strings.CH_HEADERS, texts, strict=True))

    # ---- data --------------------------------------------------------------------------------

    def write_targets(self) -> list[QWidget]:
        """The buttons that write (see ``Tab.write_targets``)."""
        return [b for key, b in self.buttons.items() if key != "print"]

    def refresh(self) -> None:
        current = self.selected()
        wanted = self.filter.currentData()
        rows = self.services.handover.list_changes(
            state=None if wanted in (None, "open") else wanted)
        rows = [r for r in rows if wanted != "open" or r.state == rules.PLANNED]
        self._steps = {c.id: next_step(self.services.handover.timeline(c, self.today))
                       if c.state == rules.PLANNED else None for c in rows}
        self.model.set_rows(rows)
        row = self.model.row_where(lambda c: current is not None and c.id == current.id)
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._selected()

    def set_today(self, today: dt.date) -> None:
        self.today = today
        self.refresh()

    def selected(self) -> ChangeDTO | None:
        row: ChangeDTO | None = selected_row(self.table)
        return row

    def _selected(self) -> None:
        c = self.selected()
        allowed = c.actions if c is not None else frozenset()
        for key, action in BUTTON_ACTIONS.items():
            self.buttons[key].setEnabled(action in allowed)
        if c is None:
            self.timeline.set_steps([])
            self.detail.setHtml(f"<p style='color:{palette.MUTED}'>{strings.CH_DETAIL_NONE}</p>")
            self.items_model.set_rows([])
            return
        self.timeline.set_steps(self.services.handover.timeline(c, self.today), c.change_date,
                                c.state)
        self.detail.setHtml(change_html(c, self.services.project.get().client_dept
                                        or strings.DEFAULT_CLIENT_DEPT))
        self.items_model.set_rows(c.items)

    # ---- actions -----------------------------------------------------------------------------
    def new_change(self) -> None:
        dialog = ChangeDialog(self.services, None, self, self.today)
        if dialog.exec() and dialog.saved is not None:
            self._select_after(dialog.saved.id, dialog.changes)

    def _select_after(self, change_id: int, changes: Changes) -> None:
        self.filter.setCurrentIndex(0)
        self.after_write(changes)
        row = self.model.row_where(lambda c: c.id == change_id)
        if row >= 0:
            self.table.selectRow(row)

    def edit_change(self) -> None:
        c = self.selected()
        if c is None or rules.EDIT not in c.actions:
            return
        dialog = ChangeDialog(self.services, c, self, self.today)
        if dialog.exec():
            self.after_write(dialog.changes)

    def approve(self) -> None:
        c = self.selected()
        if c is not None:
            dialog = ApprovalDialog(self.services, c, self, self.today)
            if dialog.exec():
                self.after_write(dialog.changes)

    def run_handover(self) -> None:
        c = self.selected()
        if c is None:
            return
        dialog = HandoverDialog(self.services, c, self, self.today)
        dialog.exec()
        self.after_write(dialog.changes)

    def begin_handover(self) -> None:
        c = self.selected()
        if c is None or c.leaving is None:
            return
        if messages.ask(self, strings.CH_BEGIN_ASK.format(name=c.leaving.name,
                                                          date=self.today.isoformat())):
            self.run_op(lambda: self.services.handover.begin_handover(c.id, self.today))

    def finish(self) -> None:
        c = self.selected()
        if c is not None:
            dialog = FinishDialog(self.services, c, self, self.today)
            if dialog.exec():
                self.after_write(dialog.changes)

    def cancel(self) -> None:
        c = self.selected()
        if c is None:
            return
        reason, ok = QInputDialog.getText(self, strings.CH_CANCEL, strings.CH_CANCEL_ASK)
        if ok:
            self.run_op(lambda: self.services.handover.cancel(c.id, reason))

    def print_form(self, kind: str) -> None:
        c = self.selected()
        if c is None:
            return
        from ui.printing import ask_path, make_and_open

        what = strings.CH_DOC_LABELS[kind]
        path = ask_path(self, what, strings.CH_DOC_FILE_NAME.format(what=what, who=c.who,
                                                                    id=c.id))
        if path is not None:
            docs = self.services.documents
            make_and_open(self, self.tasks, path, lambda p: docs.change_pdf(c.id, kind, p))


class HandoverWarningsLabel(ElidedLabel):
    """Status bar text for the main window: deadlines due within 3 working days or passed
    (``HandoverService.warnings``); the full list is the tooltip."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.services = services

    def refresh(self, today: dt.date | None = None) -> None:
        warnings = self.services.handover.warnings(today or self.services.clock.today())
        if not warnings:
            self.clear()
            self.setToolTip("")
            return
        overdue = sum(1 for w in warnings if w.status == rules.OVERDUE)
        self.setText(strings.CH_STATUS_BAR.format(n=len(warnings), overdue=overdue,
                                                  first=warnings[0].text))
        self.setStyleSheet(palette.css(palette.ERROR if overdue else palette.WARNING))
        self.setToolTip("\n".join(w.text for w in warnings))
