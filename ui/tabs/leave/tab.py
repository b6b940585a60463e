"""Leave tab: requests with filters, the workflow actions, balances; overtime beside it."""

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
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain import leave as rules
from app.domain.leave import TYPES
from app.errors import AppError
from app.services import Services
from app.services.leave import LeaveDTO, OvertimeDTO
from ui.common import palette
from ui.common.dates import ask_date
from ui.common.people import PersonCombo, person_label
from ui.common.tab import Tab, attempt_quietly
from ui.common.table_model import Column, DtoTableModel, make_view, selected_row
from ui.tabs.leave.dialog import LeaveDialog
from ui.tabs.leave.overtime import OvertimeDialog
from ui.tasks import TaskRunner


def _point(d: dt.date, session: str) -> str:
    return f"{d.isoformat()} {strings.SESSION_LABELS[session]}"


def leave_html(r: LeaveDTO) -> str:
    e = html.escape
    rows = [
        (strings.LV_PERSON, person_label(r)),
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
    body = "".join(f"<tr><td style='color:{palette.MUTED};padding-right:8px'>{e(k)}</td>"
                   f"<td>{e(str(v))}</td></tr>" for k, v in rows)
    head = (f"<h3>#{r.id} {e(strings.LEAVE_STATE_LABELS[r.state])} · "
            f"{r.days:g} {e(strings.TIP_LEAVE_DAYS.format(type='', days='').strip())}</h3>")
    viol = ""
    if r.violations:
        items = "".join(f"<li>{e(strings.LEAVE_VIOLATION_LABELS.get(v, v))}</li>"
                        for v in r.violations)
        viol = f"<p style='color:{palette.WARNING}'>" \
               f"<b>{e(strings.LV_CHECKS_BAD.format(days=r.days))}</b>" \
               f"</p><ul style='color:{palette.WARNING}'>{items}</ul>"
        if r.override_reason:
            viol += f"<p>{strings.labelled(e(strings.LV_OVERRIDE), e(r.override_reason))}</p>"
    return f"{head}<table>{body}</table>{viol}"


def _problems(r: LeaveDTO) -> str:
    flags = []
    if r.emergency:
        flags.append(strings.LV_FLAG_BACKFILED if r.backfiled_at else strings.LV_FLAG_TO_BACKFILE)
    labels = [strings.without_note(strings.LEAVE_VIOLATION_LABELS.get(v, v))
              for v in r.violations]
    return strings.LIST_COMMA.join(labels + flags)


LEAVE_COLUMNS: tuple[Column[LeaveDTO], ...] = (
    *(Column(title, text) for title, text in zip(strings.LV_HEADERS[:-1], (
        lambda r: f"#{r.id}",
        lambda r: r.person_name,
        lambda r: strings.LEAVE_TYPE_LABELS.get(r.leave_type, r.leave_type),
        lambda r: _point(r.span.start, r.span.start_session),
        lambda r: _point(r.span.end, r.span.end_session),
        lambda r: f"{r.days:g}",
        lambda r: strings.LEAVE_STATE_LABELS[r.state],
        lambda r: r.deputy_name,
        lambda r: r.filed_at.strftime("%m-%d %H:%M")), strict=True)),
    Column(strings.LV_HEADERS[-1], _problems,
           foreground=lambda r: QColor(palette.WARNING) if _problems(r) else None),
)

OVERTIME_COLUMNS: tuple[Column[OvertimeDTO], ...] = tuple(
    Column(title, text) for title, text in zip(strings.OT_HEADERS, (
        lambda o: f"#{o.id}",
        lambda o: o.person_name,
        lambda o: o.day.isoformat(),
        lambda o: f"{o.start_time}-{o.end_time}",
        lambda o: f"{o.hours:g}",
        lambda o: strings.OVERTIME_KIND_LABELS.get(o.kind, o.kind)
        + (strings.paren(strings.OT_LATE) if o.late_application else ""),
        lambda o: strings.HOLIDAY_KIND_LABELS.get(o.day_kind, o.day_kind),
        lambda o: f"{o.rate:g}",
        lambda o: strings.YES if o.comp_time else "",
        lambda o: strings.LEAVE_STATE_LABELS[o.state]), strict=True))

# the workflow buttons and the domain action each one needs (LeaveDTO.actions)
BUTTON_ACTIONS = {"approve": rules.APPROVE, "client": rules.CLIENT_APPROVE,
                  "reject": rules.REJECT, "return": rules.RETURN, "extend": rules.EXTEND,
                  "cancel": rules.CANCEL, "backfile": rules.BACKFILE, "print": rules.PRINT}


class LeaveTab(Tab):
    watches = ("roster", "leave", "calendar")

    def __init__(self, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, tasks, parent)
        self.model = DtoTableModel(LEAVE_COLUMNS, self)
        self.overtime_model = DtoTableModel(OVERTIME_COLUMNS, self)
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
        self.f_person = PersonCombo(strings.LV_ALL_PEOPLE, include_left=True)
        self.f_month = QComboBox()
        for box in (self.f_state, self.f_type, self.f_person, self.f_month):
            box.currentIndexChanged.connect(self.refresh_list)
        filters = QHBoxLayout()
        for box in (self.f_state, self.f_type, self.f_person, self.f_month):
            filters.addWidget(box)
        filters.addStretch()
        self.table = make_view(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selected)
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
        self.ot_table = make_view(self.overtime_model)
        self.ot_new = new = QPushButton(strings.OT_NEW)
        new.clicked.connect(self.new_overtime)
        self.ot_approve = approve = QPushButton(strings.OT_APPROVE)
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

    def write_targets(self) -> list[QWidget]:
        """The buttons that write (see ``Tab.write_targets``)."""
        return [*(b for key, b in self.buttons.items() if key != "print"), self.ot_new,
                self.ot_approve]

    def refresh(self) -> None:
        self.f_person.set_people(self.services.roster.list_people())
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
        self.overtime_model.set_rows(self.services.leave.list_overtime())

    def refresh_list(self) -> None:
        current = self.selected()
        self.model.set_rows(self.services.leave.requests(
            state=self.f_state.currentData(), leave_type=self.f_type.currentData(),
            person_id=self.f_person.currentData(), month=self._month()))
        if current is not None:
            row = self.model.row_where(lambda r: r.id == current.id)
            if row >= 0:
                self.table.selectRow(row)
        self._selected()

    def _month(self) -> tuple[int, int] | None:
        value = self.f_month.currentData()
        if not value:
            return None
        y, m = str(value).split("-")
        return int(y), int(m)

    def selected(self) -> LeaveDTO | None:
        row: LeaveDTO | None = selected_row(self.table)
        return row

    def _selected(self) -> None:
        r = self.selected()
        allowed = r.actions if r is not None else frozenset()
        for key, action in BUTTON_ACTIONS.items():
            self.buttons[key].setEnabled(action in allowed)
        if r is None:
            self.detail.setHtml(f"<p style='color:{palette.MUTED}'>{strings.LV_DETAIL_NONE}</p>")
            self.balance.clear()
            return
        self.detail.setHtml(leave_html(r))
        year = r.span.start.year
        leave = self.services.leave
        balance = attempt_quietly(lambda: (leave.annual_balance(r.person_id, year),
                                           leave.comp_balance(r.person_id)))
        if isinstance(balance, AppError):  # a person without a start date has no balance
            self.balance.clear()
            return
        (ent, used, remaining), comp = balance
        self.balance.setText(strings.LV_BALANCE.format(name=r.person_name, year=year,
                                                       entitlement=ent, used=used,
                                                       remaining=remaining, comp=comp))

    # ---- actions -------------------------------------------------------------------------
    def new_leave(self, emergency: bool = False) -> None:
        dialog = LeaveDialog(self.services, emergency=emergency, parent=self)
        if dialog.exec() and dialog.created is not None:
            self.after_write(dialog.changes)

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
            self.run_op(lambda: self.services.leave.approve(r.id, name, role=role,
                                                            opinion=opinion))

    def reject(self) -> None:
        r = self.selected()
        if r is None:
            return
        note, ok = QInputDialog.getText(self, strings.LV_REJECT, strings.LV_REJECT_ASK)
        if ok:
            by = self.services.project.get().project_manager or "-"
            self.run_op(lambda: self.services.leave.reject(r.id, by, note))

    def cancel(self) -> None:
        r = self.selected()
        if r is None:
            return
        note, ok = QInputDialog.getText(self, strings.LV_CANCEL, strings.LV_CANCEL_ASK)
        if ok:
            self.run_op(lambda: self.services.leave.cancel(r.id, note))

    def return_(self) -> None:
        r = self.selected()
        if r is None:
            return
        day = ask_date(self, strings.LV_RETURN, strings.LV_RETURN_ASK,
                       r.span.end + dt.timedelta(days=1))
        if day is not None:
            self.run_op(lambda: self.services.leave.return_(r.id, day))

    def extend(self) -> None:
        r = self.selected()
        if r is None:
            return
        day = ask_date(self, strings.LV_EXTEND, strings.LV_EXTEND_ASK,
                       r.span.end + dt.timedelta(days=1))
        if day is not None:
            now = self.services.clock.now()
            self.run_op(lambda: self.services.leave.extend(r.id, day, "pm", now))

    def backfile(self) -> None:
        r = self.selected()
        if r is not None:
            self.run_op(lambda: self.services.leave.backfile(r.id))

    def print_form(self) -> None:
        r = self.selected()
        if r is None:
            return
        from ui.printing import print_leave_form

        print_leave_form(self, self.services, self.tasks, r)

    def new_overtime(self) -> None:
        dialog = OvertimeDialog(self.services, self)
        if dialog.exec():
            self.after_write(dialog.changes)

    def approve_overtime(self) -> None:
        o: OvertimeDTO | None = selected_row(self.ot_table)
        if o is None:
            return
        name, ok = QInputDialog.getText(self, strings.OT_APPROVE, strings.LV_APPROVER_ASK,
                                        text=self.services.project.get().project_manager)
        if ok:
            self.run_op(lambda: self.services.leave.approve_overtime(o.id, name))
