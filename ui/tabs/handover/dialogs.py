"""Dialogs of the change and handover tab: plan or edit a change (with the deadlines shown
live), record an approval, run the handover (people, period, checklist, assessment), finish."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app import strings
from app.domain import handover as rules
from app.domain.roster import PersonStatus
from app.services import Services
from app.services.handover import ChangeDTO, ChangeFields, has_attachment
from app.services.roster import PersonDTO
from ui.common import palette
from ui.common.dates import date_edit, pydate, qdate
from ui.common.dialog import FormDialog
from ui.common.people import PersonCombo
from ui.common.widgets import OptionalDateEdit

RED, AMBER = palette.css(palette.ERROR), palette.css(palette.WARNING)
GREEN = palette.css(palette.OK)


def optional_date(value: dt.date | None) -> OptionalDateEdit:
    edit = OptionalDateEdit()
    edit.set_value(value)
    return edit


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setDefault(True)
    box.rejected.connect(dialog.reject)
    return box


def person_label(p: PersonDTO) -> str:
    return strings.CH_PERSON_ITEM.format(name=p.name, no=p.employee_no, status=p.status_label)


def joining_facts(p: PersonDTO | None) -> str:
    """Certificate, résumé and NDA of the newcomer, from the roster (C2 attachments)."""
    if p is None:
        return ""
    def mark(ok: bool) -> str:
        return strings.CH_HAVE if ok else strings.CH_MISSING

    return strings.CH_JOINING_FACTS.format(
        cert=mark(has_attachment(p, "certificate")), resume=mark(has_attachment(p, "resume")),
        nda=mark(p.nda_signed))


class ChangeDialog(FormDialog):
    """Create (``change is None``) or edit a planned change."""

    def __init__(self, services: Services, change: ChangeDTO | None = None,
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(services, strings.CH_DLG_EDIT.format(id=change.id) if change
                         else strings.CH_DLG_NEW, parent, min_width=600)
        self.change = change
        self.saved: ChangeDTO | None = None
        today = today or services.clock.today()
        people = services.roster.list_people()
        self.people = {p.id: p for p in people if p.status != PersonStatus.LEFT}
        self.kind = QComboBox()
        for code, label in strings.CH_KIND_LABELS.items():
            self.kind.addItem(label, code)
        self.leaving = PersonCombo(strings.CH_NONE, label=person_label)
        self.joining = PersonCombo(strings.CH_NONE, label=person_label)
        for box in (self.leaving, self.joining):
            box.set_people(people)
        self.joining_info = QLabel()
        self.change_date = date_edit(today + dt.timedelta(days=45))
        self.change_date.setToolTip(strings.CH_F_CHANGE_DATE_TIP)
        self.demand_date = optional_date(None)
        self.reason_kind = QComboBox()
        self.reason_kind.addItem(strings.CH_NONE, "")
        for code, label in strings.CH_REASON_KIND_LABELS.items():
            self.reason_kind.addItem(label, code)
        self.reason, self.plan = QLineEdit(), QLineEdit()
        self.new_role = QComboBox()
        self.new_role.setEditable(True)
        self.new_role.addItems(["", *strings.ROLE_CHOICES])
        self.gender = QComboBox()
        self.gender.setEditable(True)
        self.gender.addItems(["", *strings.CH_GENDERS])
        self.education, self.years, self.certs = QLineEdit(), QLineEdit(), QLineEdit()
        self.education.setPlaceholderText(strings.CH_EDUCATION_HINT)
        self.certs.setPlaceholderText(strings.CH_CERTS_HINT)
        self.notice_sent, self.application_sent = optional_date(None), optional_date(None)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self._layout()
        if change is not None:
            self._fill(change)
        for combo in (self.kind, self.leaving, self.joining):
            combo.currentIndexChanged.connect(self.update_preview)
        self.leaving.currentIndexChanged.connect(self._leaving_changed)
        self.change_date.dateChanged.connect(self.update_preview)
        self.demand_date.dateChanged.connect(self.update_preview)
        self.update_preview()

    def _layout(self) -> None:
        form = self.form
        self.add_row(strings.CH_F_KIND, self.kind, "kind")
        self.add_row(strings.CH_F_LEAVING, self.leaving, "leaving_id")
        self.add_row(strings.CH_F_JOINING, self.joining, "joining_id")
        form.addRow("", self.joining_info)
        self.add_row(strings.CH_F_CHANGE_DATE, self.change_date, "change_date")
        self.add_row(strings.CH_F_DEMAND_DATE, self.demand_date, "demand_date")
        self.add_row(strings.CH_F_REASON_KIND, self.reason_kind, "reason_kind")
        self.add_row(strings.CH_F_REASON, self.reason, "reason")
        self.add_row(strings.CH_F_PLAN, self.plan, "replacement_plan")
        self.add_row(strings.CH_F_NEW_ROLE, self.new_role, "new_role")
        row = QHBoxLayout()
        self.gender.setMaximumWidth(70)
        for label, w, stretch in ((strings.CH_F_GENDER, self.gender, 0),
                                  (strings.CH_F_EDUCATION, self.education, 3),
                                  (strings.CH_F_YEARS, self.years, 1)):
            row.addWidget(QLabel(label))
            row.addWidget(w, stretch)
        form.addRow(strings.CH_F_JOINING_DETAILS, row)
        form.addRow(strings.CH_F_CERTS, self.certs)
        self.add_row(strings.CH_F_NOTICE_SENT, self.notice_sent, "notice_sent_on")
        self.add_row(strings.CH_F_APPLICATION_SENT, self.application_sent,
                     "application_submitted_on")
        form.addRow(self.preview)
        self.finish(strings.SAVE)

    def _fill(self, c: ChangeDTO) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(c.kind)))
        for box, p in ((self.leaving, c.leaving), (self.joining, c.joining)):
            if p is not None:
                box.ensure(p)
            box.select(p.id if p else None)
        self.change_date.setDate(qdate(c.change_date))
        self.demand_date.set_value(c.demand_date)
        self.reason_kind.setCurrentIndex(max(0, self.reason_kind.findData(c.reason_kind)))
        self.reason.setText(c.reason)
        self.plan.setText(c.replacement_plan)
        self.new_role.setCurrentText(c.new_role)
        self.gender.setCurrentText(c.joining_gender)
        self.education.setText(c.joining_education)
        self.years.setText(c.joining_years)
        self.certs.setText(c.joining_certificates)
        self.notice_sent.set_value(c.notice_sent_on)
        self.application_sent.set_value(c.application_submitted_on)

    def _leaving_changed(self) -> None:
        """A new change defaults to the working day after the leaving person's end date."""
        person = self.people.get(self.leaving.currentData())
        if self.change is None and person is not None and person.end_date is not None:
            day = self.services.holidays.calendar().add_working_days(person.end_date, 1)
            self.change_date.setDate(qdate(day))

    def fields(self) -> ChangeFields:
        """What the form says; fields the kind does not use (greyed out) are left empty."""
        kind = str(self.kind.currentData())
        return ChangeFields(
            kind=kind, change_date=pydate(self.change_date.date()),
            leaving_id=self.leaving.currentData() if rules.needs_leaving(kind) else None,
            joining_id=self.joining.currentData(),
            demand_date=self.demand_date.value() if kind == rules.CLIENT_DEMANDED else None,
            reason=self.reason.text(),
            reason_kind=str(self.reason_kind.currentData() or ""),
            replacement_plan=self.plan.text(),
            new_role=self.new_role.currentText() if kind == rules.ROLE_CHANGE else "",
            joining_gender=self.gender.currentText(), joining_education=self.education.text(),
            joining_years=self.years.text(), joining_certificates=self.certs.text(),
            notice_sent_on=self.notice_sent.value(),
            application_submitted_on=self.application_sent.value())

    def update_preview(self) -> None:
        kind = str(self.kind.currentData())
        self.demand_date.setEnabled(kind == rules.CLIENT_DEMANDED)
        self.new_role.setEnabled(kind == rules.ROLE_CHANGE)
        self.leaving.setEnabled(rules.needs_leaving(kind))
        joining = self.people.get(self.joining.currentData())
        self.joining_info.setText(joining_facts(joining))
        d = self.services.handover.plan(pydate(self.change_date.date()),
                                        self.demand_date.value()
                                        if kind == rules.CLIENT_DEMANDED else None)
        text = strings.CH_DLG_PREVIEW.format(
            notice=d.notice_due, application=d.application_due,
            start=d.handover_start_latest)
        if d.replacement_due is not None:
            text += strings.CH_DLG_PREVIEW_REPLACEMENT.format(due=d.replacement_due)
        if d.provisional:
            text += strings.CH_DLG_PREVIEW_ESTIMATE
        self.preview.setText(text)

    def submit(self) -> object:
        if self.change is None:
            return self.services.handover.create(self.fields())
        return self.services.handover.update(self.change.id, self.fields())

    def on_saved(self, value: ChangeDTO) -> None:
        self.saved = value


class ApprovalDialog(FormDialog):
    """C2: the client department's or the supervision firm's decision on the request."""

    def __init__(self, services: Services, change: ChangeDTO, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(services, strings.CH_DLG_APPROVAL.format(who=change.who), parent)
        self.change = change
        project = services.project.get()
        self.party = QComboBox()
        self.party.addItem(project.client_dept or strings.DEFAULT_CLIENT_DEPT, rules.CLIENT_DEPT)
        self.party.addItem(project.supervisor_firm or strings.DOC_ROLE_SUPERVISOR,
                           rules.SUPERVISOR)
        self.party.setCurrentIndex(1 if change.client.done and not change.supervisor.done
                                   else 0)
        self.approver = QLineEdit()
        self.on = date_edit(today or services.clock.today())
        self.opinion = QLineEdit(strings.CH_DOC_AGREED)
        self.add_row(strings.CH_F_PARTY, self.party, "party")
        self.add_row(strings.CH_F_APPROVER, self.approver, "approver")
        self.add_row(strings.CH_F_APPROVED_ON, self.on, "approved_on")
        self.add_row(strings.CH_F_OPINION, self.opinion, "opinion")
        self.finish(strings.SAVE)

    def submit(self) -> object:
        return self.services.handover.record_approval(
            self.change.id, str(self.party.currentData()), self.approver.text(),
            pydate(self.on.date()), self.opinion.text())


class FinishDialog(FormDialog):
    """Finish the change: the day it ends, and why, if checklist lines are still open."""

    def __init__(self, services: Services, change: ChangeDTO, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(services, strings.CH_DLG_FINISH.format(who=change.who), parent,
                         min_width=520)
        self.change = change
        default = change.handover.end or today or services.clock.today()
        self.on = date_edit(default)
        self.override = QLineEdit()
        self.override.setPlaceholderText(strings.CH_OVERRIDE_HINT)
        open_items = change.open_items
        info = QLabel(strings.CH_FINISH_OPEN.format(
            n=len(open_items), items=strings.LIST_SEP.join(i.title for i in open_items))
            if open_items else strings.CH_FINISH_ALL_DONE)
        info.setWordWrap(True)
        info.setStyleSheet(AMBER if open_items else GREEN)
        effect = QLabel(strings.CH_FINISH_EFFECT)
        effect.setWordWrap(True)
        self.add_row(strings.CH_F_FINISH_ON, self.on, "on")
        self.form.addRow(info)
        self.add_row(strings.CH_F_OVERRIDE, self.override, "override_reason")
        self.form.addRow(effect)
        self.finish(strings.CH_FINISH)

    def submit(self) -> object:
        return self.services.handover.finish(
            self.change.id, pydate(self.on.date()), self.override.text())
