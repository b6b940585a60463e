"""Leave tab: requests with filters, the workflow actions, balances; overtime beside it."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain.leave import TYPES
from app.errors import AppError
from app.services import Changes, Services
from app.services.leave import LeaveDTO, OvertimeDTO
from ui import messages
from ui.common.widgets import make_table
from ui.tabs.leave.dialog import LeaveDialog, pydate, qdate
from ui.tabs.leave.overtime import OvertimeDialog
from ui.tasks import TaskRunner


def _point(d: dt.date, session: str) -> str:
    return f"{d.isoformat()} {strings.SESSION_LABELS[session]}"


def leave_html(r: LeaveDTO) -> str:
    e = html.escape
    rows = [
        (strings.LV_PERSON, strings.person_label(r.person_name, r.employee_no)),
        (strings.LV_TYPE, strings.LEAVE_TYPE_LABELS.get(r.leave_type, r.leave_type)),
        (strings.LV_FROM, _point(r.span.start, r.span.start_session)),
        (strings.LV_TO, _point(r.span.end, r.span.end_session)),
        (strings.LV_REASON, r.reason),
        (strings.LV_DEPUTY, r.deputy_name),
        (strings.LV_CONTACT, r.contact),
        (strings.LV_FILED_AT, r.filed_at.strftime("%Y-%m-%d %H:%M")),
    ]
    if r.emergency:
        rows.append((strings.LV_CONTACTED, f"{r.contacted_whom} "
                     f"{r.contacted_at.strftime('%Y-%m-%d %H:%M') if r.contacted_at else ''}"))
        rows.append((strings.LV_BACKFILE, r.backfiled_at.strftime("%Y-%m-%d %H:%M")
                     if r.backfiled_at else strings.LV_FLAG_TO_BACKFILE))
    if r.pm_approver:
        rows.append((strings.LV_APPROVE.rstrip("…"), f"{r.pm_approver} "
                     f"{r.pm_approved_at:%Y-%m-%d %H:%M} {r.pm_opinion}"))
    if r.client_approver:
        rows.append((strings.LV_CLIENT_APPROVE.rstrip("…"), f"{r.client_approver} "
                     f"{r.client_approved_at:%Y-%m-%d %H:%M} {r.client_opinion}"))
    if r.decided_by:
        rows.append((strings.LEAVE_STATE_LABELS[r.state], f"{r.decided_by} {r.decision_note}"))
    if r.returned_on:
        rows.append((strings.LV_RETURN.rstrip("…"), r.returned_on.isoformat()))
    body = "".join(f"<tr><td style='color:#666;padding-right:8px'>{e(k)}</td>"
                   f"<td>{e(str(v))}</td></tr>" for k, v in rows)
    head = (f"<h3>#{r.id} {e(strings.LEAVE_STATE_LABELS[r.state])} · "
            f"{r.days:g} {e(strings.TIP_LEAVE_DAYS.format(type='', days='').strip())}</h3>")
    viol = ""
    if r.violations:
        items = "".join(f"<li>{e(strings.LEAVE_VIOLATION_LABELS.get(v, v))}</li>"
                        for v in r.violations)
        viol = f"<p style='color:#b26a00'><b>{e(strings.LV_CHECKS_BAD.format(days=r.days))}</b>" \
               f"</p><ul style='color:#b26a00'>{items}</ul>"
        if r.override_reason:
            viol += f"<p>{strings.labelled(e(strings.LV_OVERRIDE), e(r.override_reason))}</p>"
    return f"{head}<table>{body}</table>{viol}"


class LeaveTab(QWidget):
    changed = Signal(object)

    def __init__(self, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.tasks = services, tasks
        self.rows: list[LeaveDTO] = []
        self.overtime_rows: list[OvertimeDTO] = []
        tabs = QTabWidget()
        tabs.addTab(self._leave_page(), strings.LV_SUB_LEAVE)
        tabs.addTab(self._overtime_page(), strings.LV_SUB_OVERTIME)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        self.refresh()

    # ---- layout --------------------------------------------------------------------------
    def _leave_page(self) -> QWidget:
        page = QWidget()
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, label, slot in (
                ("new", strings.LV_NEW, self.new_leave),
                ("emergency", strings.LV_EMERGENCY, lambda: self.new_leave(emergency=True)),
                ("approve", strings.LV_APPROVE, self.approve),
                ("client", strings.LV_CLIENT_APPROVE, lambda: self.approve("client_dept")),
                ("reject", strings.LV_REJECT, self.reject),
                ("return", strings.LV_RETURN, self.return_),
                ("extend", strings.LV_EXTEND, self.extend),
                ("cancel", strings.LV_CANCEL, self.cancel),
                ("backfile", strings.LV_BACKFILE, self.backfile),
                ("print", strings.LV_PRINT, self.print_form)):
            b = QPushButton(label)
            b.clicked.connect(slot)
            self.buttons[key] = b
            bar.addWidget(b)
        bar.addStretch()
        self.f_state = QComboBox()
        self.f_state.addItem(strings.LV_ALL_STATES, None)
        for code, label in strings.LEAVE_STATE_LABELS.items():
            self.f_state.addItem(label, code)
        self.f_type = QComboBox()
        self.f_type.addItem(strings.LV_ALL_TYPES, None)
        for code in TYPES:
            self.f_type.addItem(strings.LEAVE_TYPE_LABELS[code], code)
        self.f_person = QComboBox()
        self.f_month = QComboBox()
        for box in (self.f_state, self.f_type, self.f_person, self.f_month):
            box.currentIndexChanged.connect(self.refresh_list)
        filters = QHBoxLayout()
        for box in (self.f_state, self.f_type, self.f_person, self.f_month):
            filters.addWidget(box)
        filters.addStretch()
        self.table = make_table(strings.LV_HEADERS)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _i: self.print_form())
        self.detail = QTextBrowser()
        self.balance = QLabel()
        self.balance.setWordWrap(True)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.detail, 1)
        rv.addWidget(self.balance)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([800, 380])
        v = QVBoxLayout(page)
        v.addLayout(bar)
        v.addLayout(filters)
        v.addWidget(split, 1)
        return page

    def _overtime_page(self) -> QWidget:
        page = QWidget()
        self.ot_table = make_table(strings.OT_HEADERS)
        new = QPushButton(strings.OT_NEW)
        new.clicked.connect(self.new_overtime)
        approve = QPushButton(strings.OT_APPROVE)
        approve.clicked.connect(self.approve_overtime)
        bar = QHBoxLayout()
        bar.addWidget(new)
        bar.addWidget(approve)
        bar.addStretch()
        v = QVBoxLayout(page)
        v.addLayout(bar)
        v.addWidget(self.ot_table, 1)
        return page

    # ---- data ----------------------------------------------------------------------------
    def refresh(self) -> None:
        person = self.f_person.currentData()
        self.f_person.blockSignals(True)
        self.f_person.clear()
        self.f_person.addItem(strings.LV_ALL_PEOPLE, None)
        for p in self.services.roster.list_people():
            self.f_person.addItem(strings.person_label(p.name, p.employee_no), p.id)
        self.f_person.setCurrentIndex(max(0, self.f_person.findData(person)))
        self.f_person.blockSignals(False)
        month = self.f_month.currentData()
        self.f_month.blockSignals(True)
        self.f_month.clear()
        self.f_month.addItem(strings.LV_ALL_MONTHS, None)
        today = self.services.clock.today()
        for i in range(-12, 3):
            y, m = divmod(today.year * 12 + today.month - 1 + i, 12)
            # data as text: findData() compares tuples by identity, not value
            self.f_month.addItem(strings.MONTH_TITLE.format(year=y, month=m + 1),
                                 f"{y:04d}-{m + 1:02d}")
        self.f_month.setCurrentIndex(max(0, self.f_month.findData(month)))
        self.f_month.blockSignals(False)
        self.refresh_list()
        self.overtime_rows = self.services.leave.list_overtime()
        self.ot_table.setRowCount(len(self.overtime_rows))
        for i, o in enumerate(self.overtime_rows):
            values = (f"#{o.id}", o.person_name, o.day.isoformat(),
                      f"{o.start_time}-{o.end_time}", f"{o.hours:g}",
                      strings.OVERTIME_KIND_LABELS.get(o.kind, o.kind)
                      + (strings.paren(strings.OT_LATE) if o.late_application else ""),
                      strings.HOLIDAY_KIND_LABELS.get(o.day_kind, o.day_kind), f"{o.rate:g}",
                      strings.YES if o.comp_time else "", strings.LEAVE_STATE_LABELS[o.state])
            for j, v in enumerate(values):
                self.ot_table.setItem(i, j, QTableWidgetItem(v))

    def refresh_list(self) -> None:
        current = self.selected()
        self.rows = self.services.leave.requests(
            state=self.f_state.currentData(), leave_type=self.f_type.currentData(),
            person_id=self.f_person.currentData(), month=self._month())
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            flags = []
            if r.emergency:
                flags.append(strings.LV_FLAG_BACKFILED if r.backfiled_at
                             else strings.LV_FLAG_TO_BACKFILE)
            problems = strings.LIST_COMMA.join(
                [strings.without_note(strings.LEAVE_VIOLATION_LABELS.get(v, v))
                 for v in r.violations]
                + flags)
            values = (f"#{r.id}", r.person_name,
                      strings.LEAVE_TYPE_LABELS.get(r.leave_type, r.leave_type),
                      _point(r.span.start, r.span.start_session),
                      _point(r.span.end, r.span.end_session), f"{r.days:g}",
                      strings.LEAVE_STATE_LABELS[r.state], r.deputy_name,
                      r.filed_at.strftime("%m-%d %H:%M"), problems)
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                if j == 9 and v:
                    item.setForeground(QColor("#b26a00"))
                self.table.setItem(i, j, item)
        if current is not None:
            for i, r in enumerate(self.rows):
                if r.id == current.id:
                    self.table.selectRow(i)
        self._selected()

    def _month(self) -> tuple[int, int] | None:
        value = self.f_month.currentData()
        if not value:
            return None
        y, m = str(value).split("-")
        return int(y), int(m)

    def on_changes(self, changes: Changes) -> None:
        if changes.roster or changes.leave or changes.calendar:
            self.refresh()

    def selected(self) -> LeaveDTO | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows) and self.table.selectionModel().hasSelection():
            return self.rows[row]
        return None

    def _selected(self) -> None:
        r = self.selected()
        state = r.state if r else None
        enable = {
            "approve": state == "submitted", "client": state in ("submitted", "approved"),
            "reject": state == "submitted", "return": state == "approved",
            "extend": state == "approved", "cancel": state in ("draft", "submitted", "approved"),
            "backfile": bool(r and r.emergency and not r.backfiled_at), "print": r is not None,
        }
        for key, on in enable.items():
            self.buttons[key].setEnabled(on)
        if r is None:
            self.detail.setHtml(f"<p style='color:#777'>{strings.LV_DETAIL_NONE}</p>")
            self.balance.clear()
            return
        self.detail.setHtml(leave_html(r))
        year = r.span.start.year
        try:
            ent, used, remaining = self.services.leave.annual_balance(r.person_id, year)
            comp = self.services.leave.comp_balance(r.person_id)
        except AppError:
            return
        self.balance.setText(strings.LV_BALANCE.format(name=r.person_name, year=year,
                                                       entitlement=ent, used=used,
                                                       remaining=remaining, comp=comp))

    def _done(self, result: tuple[Any, Changes]) -> None:
        _, changes = result
        self.refresh()
        self.changed.emit(changes)

    def _run(self, fn: Any) -> None:
        try:
            self._done(fn())
        except AppError as exc:
            messages.error(self, exc.message)

    # ---- actions -------------------------------------------------------------------------
    def new_leave(self, emergency: bool = False) -> None:
        dialog = LeaveDialog(self.services, emergency=emergency, parent=self)
        if dialog.exec() and dialog.created is not None:
            self._done((dialog.created, dialog.changes))

    def approve(self, role: str = "project_manager") -> None:
        r = self.selected()
        if r is None:
            return
        project = self.services.project.get()
        default = project.project_manager if role == "project_manager" else \
            project.client_project_lead
        name, ok = QInputDialog.getText(self, strings.LV_APPROVE, strings.LV_APPROVER_ASK,
                                        text=default)
        if not ok:
            return
        opinion, ok = QInputDialog.getText(self, strings.LV_APPROVE, strings.LV_OPINION_ASK)
        if ok:
            self._run(lambda: self.services.leave.approve(r.id, name, role=role,
                                                          opinion=opinion))

    def reject(self) -> None:
        r = self.selected()
        if r is None:
            return
        note, ok = QInputDialog.getText(self, strings.LV_REJECT, strings.LV_REJECT_ASK)
        if ok:
            by = self.services.project.get().project_manager or "-"
            self._run(lambda: self.services.leave.reject(r.id, by, note))

    def cancel(self) -> None:
        r = self.selected()
        if r is None:
            return
        note, ok = QInputDialog.getText(self, strings.LV_CANCEL, strings.LV_CANCEL_ASK)
        if ok:
            self._run(lambda: self.services.leave.cancel(r.id, note))

    def return_(self) -> None:
        r = self.selected()
        if r is None:
            return
        day = _ask_date(self, strings.LV_RETURN, strings.LV_RETURN_ASK,
                        r.span.end + dt.timedelta(days=1))
        if day is not None:
            self._run(lambda: self.services.leave.return_(r.id, day))

    def extend(self) -> None:
        r = self.selected()
        if r is None:
            return
        day = _ask_date(self, strings.LV_EXTEND, strings.LV_EXTEND_ASK,
                        r.span.end + dt.timedelta(days=1))
        if day is not None:
            now = self.services.clock.now()
            self._run(lambda: self.services.leave.extend(r.id, day, "pm", now))

    def backfile(self) -> None:
        r = self.selected()
        if r is not None:
            self._run(lambda: self.services.leave.backfile(r.id))

    def print_form(self) -> None:
        r = self.selected()
        if r is None:
            return
        from ui.printing import print_leave_form

        print_leave_form(self, self.services, self.tasks, r)

    def new_overtime(self) -> None:
        dialog = OvertimeDialog(self.services, self)
        if dialog.exec() and dialog.changes.any:
            self.refresh()
            self.changed.emit(dialog.changes)

    def approve_overtime(self) -> None:
        row = self.ot_table.currentRow()
        if not 0 <= row < len(self.overtime_rows):
            return
        o = self.overtime_rows[row]
        name, ok = QInputDialog.getText(self, strings.OT_APPROVE, strings.LV_APPROVER_ASK,
                                        text=self.services.project.get().project_manager)
        if ok:
            self._run(lambda: self.services.leave.approve_overtime(o.id, name))


def _ask_date(parent: QWidget, title: str, label: str, default: dt.date) -> dt.date | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = QDateEdit(qdate(default))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    form = QFormLayout(dialog)
    form.addRow(label, edit)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return pydate(edit.date())
