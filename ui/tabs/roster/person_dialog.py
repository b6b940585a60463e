"""Add / edit one person: basic data, NDA and training, equipment, attachments (SPEC R1).

Basic fields are saved with the Save button; equipment and attachments are separate records written
at once through the roster service (each its own audited transaction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain.roster import PersonFields
from app.errors import AppError, ValidationError
from app.services import Services
from app.services.roster import AttachmentDTO, EquipmentDTO, PersonDTO
from ui import messages
from ui.common.dialog import FormDialog
from ui.common.table_model import Column, DtoTableModel, make_view, selected_row
from ui.common.widgets import OptionalDateEdit, date_text

C = strings.ROSTER_COLUMNS


EQUIPMENT_COLUMNS: tuple[Column[EquipmentDTO], ...] = tuple(
    Column(title, text) for title, text in zip(strings.EQUIPMENT_HEADERS, (
        lambda e: e.item,
        lambda e: e.asset_no,
        lambda e: date_text(e.issued_date),
        lambda e: date_text(e.returned_date) or strings.EQUIPMENT_NOT_RETURNED,
        lambda e: e.note), strict=True))

ATTACHMENT_COLUMNS: tuple[Column[AttachmentDTO], ...] = tuple(
    Column(title, text) for title, text in zip(strings.ATTACHMENT_HEADERS, (
        lambda a: strings.ATTACHMENT_KINDS.get(a.kind, a.kind),
        lambda a: a.title,
        lambda a: a.original_name,
        lambda a: a.added_at.strftime("%Y-%m-%d %H:%M")), strict=True))



def _open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

class PersonDialog(FormDialog):
    def __init__(self, services: Services, person: PersonDTO | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, strings.PERSON_EDIT_TITLE.format(
            name=person.name, no=person.employee_no) if person else strings.PERSON_NEW_TITLE,
            parent, min_width=560, detached=True)
        self.person = person
        self.equipment_model = DtoTableModel(EQUIPMENT_COLUMNS, self)
        self.attachment_model = DtoTableModel(ATTACHMENT_COLUMNS, self)
        tabs = QTabWidget()
        tabs.addTab(self._basic_tab(), strings.PERSON_TAB_BASIC)
        tabs.addTab(self._compliance_tab(), strings.PERSON_TAB_COMPLIANCE)
        tabs.addTab(self._equipment_tab(), strings.PERSON_TAB_EQUIPMENT)
        tabs.addTab(self._attachment_tab(), strings.PERSON_TAB_ATTACHMENTS)
        self.tabs = tabs
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.ok_cancel())
        if person:
            self._load(person)
        self._refresh_sub_records()

    # ---- tabs ----------------------------------------------------------------------------
    def _basic_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.employee_no = QLineEdit()
        self.name = QLineEdit()
        self.device_user_id = QLineEdit()
        self.role = QComboBox()
        self.role.setEditable(True)
        self.role.addItems(list(strings.ROLE_CHOICES))
        self.role.setCurrentText("")
        self.phone = QLineEdit()
        self.id_card_no = QLineEdit()
        self.id_card_no.setMaxLength(18)
        self.id_card_no.setPlaceholderText(strings.ID_CARD_HINT)
        self.start_date = OptionalDateEdit()
        self.end_date = OptionalDateEdit()
        self.first_work_date = OptionalDateEdit()
        self.status = QComboBox()
        for code, label in strings.STATUS_LABELS.items():
            self.status.addItem(label, code)
        self.status.setCurrentIndex(1)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(60)
        self.fields: dict[str, QWidget] = {
            "employee_no": self.employee_no, "name": self.name,
            "device_user_id": self.device_user_id, "role": self.role, "phone": self.phone,
            "id_card_no": self.id_card_no, "start_date": self.start_date,
            "end_date": self.end_date, "status": self.status,
            "first_work_date": self.first_work_date,
        }
        for key, widget in self.fields.items():
            form.addRow(C[key] + ("*" if key in ("employee_no", "name") else ""), widget)
            self.register_field(key, C[key], widget)
        form.addRow(strings.FIELD_NOTE, self.note)
        self.reveal_button = QPushButton(strings.PERSON_REVEAL)
        self.reveal_button.clicked.connect(self.reveal_numbers)
        form.insertRow(list(self.fields).index("id_card_no") + 1, "", self.reveal_button)
        principal = self.services.db.principal
        p = self.person
        self.reveal_button.setVisible(
            principal is not None and principal.is_admin and p is not None
            and "*" in (p.phone + p.id_card_no))
        return w

    def reveal_numbers(self) -> None:
        """An admin's full numbers in the form (issue 18): asked for, and audited, on demand,
        never shown by default."""
        if self.person is None:
            return
        try:
            numbers = self.services.roster.reveal(self.person.id)
        except AppError as exc:
            messages.error(self, exc.message)
            return
        self.phone.setText(numbers.phone)
        self.id_card_no.setText(numbers.id_card_no)
        self.reveal_button.setEnabled(False)

    def _compliance_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        self.nda_signed = QCheckBox(strings.NDA_SIGNED)
        self.nda_date = OptionalDateEdit()
        self.training_done = QCheckBox(strings.TRAINING_DONE)
        self.training_date = OptionalDateEdit()
        for box, date in ((self.nda_signed, self.nda_date),
                          (self.training_done, self.training_date)):
            date.setEnabled(False)
            box.toggled.connect(date.setEnabled)
            box.toggled.connect(lambda on, d=date: on and d.value() is None
                                and d.set_value(self.services.clock.today()))
        form.addRow(self.nda_signed)
        form.addRow(strings.NDA_DATE, self.nda_date)
        form.addRow(self.training_done)
        form.addRow(strings.TRAINING_DATE, self.training_date)
        form.addRow(QLabel(f"<b>{strings.NURSING_GROUP}</b>"))
        self.nursing_list = QLabel()
        self.nursing_from = OptionalDateEdit()
        self.nursing_birth = OptionalDateEdit()
        self.nursing_add = QPushButton(strings.NURSING_ADD)
        self.nursing_add.clicked.connect(self._add_nursing)
        form.addRow(self.nursing_list)
        form.addRow(strings.NURSING_FROM, self.nursing_from)
        form.addRow(strings.NURSING_BIRTH, self.nursing_birth)
        form.addRow(self.nursing_add)
        return w

    def _add_nursing(self) -> None:
        start, birth = self.nursing_from.value(), self.nursing_birth.value()
        if self.person is None or start is None or birth is None:
            return
        try:
            first_birthday = birth.replace(year=birth.year + 1)
        except ValueError:  # born on 29 February
            first_birthday = birth.replace(year=birth.year + 1, day=28) + dt.timedelta(days=1)
        pid = self.person.id
        self.attempt(lambda: self.services.attendance.add_nursing_period(pid, start,
                                                                         first_birthday),
                     lambda _none: self._refresh_sub_records())

    def _equipment_tab(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        self.equipment_table = make_view(self.equipment_model)
        row = QHBoxLayout()
        self.eq_item = QLineEdit()
        self.eq_item.setPlaceholderText(strings.EQUIPMENT_ITEM)
        self.eq_asset = QLineEdit()
        self.eq_asset.setPlaceholderText(strings.EQUIPMENT_ASSET)
        self.eq_issued = OptionalDateEdit()
        self.eq_issued.set_value(self.services.clock.today())
        add = QPushButton(strings.EQUIPMENT_ADD)
        add.clicked.connect(self._add_equipment)
        for x in (self.eq_item, self.eq_asset, self.eq_issued, add):
            row.addWidget(x)
        actions = QHBoxLayout()
        ret = QPushButton(strings.EQUIPMENT_RETURN)
        ret.clicked.connect(self._return_equipment)
        rem = QPushButton(strings.EQUIPMENT_REMOVE)
        rem.clicked.connect(self._remove_equipment)
        actions.addWidget(ret)
        actions.addWidget(rem)
        actions.addStretch()
        self.eq_hint = QLabel(strings.PERSON_SAVE_FIRST)
        layout.addWidget(self.eq_hint)
        layout.addLayout(row)
        layout.addWidget(self.equipment_table)
        layout.addLayout(actions)
        self._eq_widgets = [self.eq_item, self.eq_asset, self.eq_issued, add, ret, rem,
                            self.nursing_add]
        return w

    def _attachment_tab(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        self.attachment_table = make_view(self.attachment_model)
        self.attachment_table.doubleClicked.connect(self._open_attachment)
        row = QHBoxLayout()
        self.att_kind = QComboBox()
        for code, label in strings.ATTACHMENT_KINDS.items():
            self.att_kind.addItem(label, code)
        add = QPushButton(strings.ATTACHMENT_ADD)
        add.clicked.connect(self._add_attachment)
        open_ = QPushButton(strings.ATTACHMENT_OPEN)
        open_.clicked.connect(self._open_attachment)
        rem = QPushButton(strings.ATTACHMENT_REMOVE)
        rem.clicked.connect(self._remove_attachment)
        row.addWidget(QLabel(strings.ATTACHMENT_KIND))
        for x in (self.att_kind, add, open_, rem):
            row.addWidget(x)
        row.addStretch()
        self.att_hint = QLabel(strings.PERSON_SAVE_FIRST)
        layout.addWidget(self.att_hint)
        layout.addLayout(row)
        layout.addWidget(self.attachment_table)
        self._att_widgets = [self.att_kind, add, open_, rem]
        return w

    # ---- load / save ---------------------------------------------------------------------
    def _load(self, p: PersonDTO) -> None:
        self.employee_no.setText(p.employee_no)
        self.name.setText(p.name)
        self.device_user_id.setText(p.device_user_id or "")
        self.role.setCurrentText(p.role)
        self.phone.setText(p.phone)
        self.id_card_no.setText(p.id_card_no)
        self.start_date.set_value(p.start_date)
        self.end_date.set_value(p.end_date)
        self.first_work_date.set_value(p.first_work_date)
        self.status.setCurrentIndex(max(0, self.status.findData(p.status)))
        self.note.setPlainText(p.note)
        self.nda_signed.setChecked(p.nda_signed)
        self.nda_date.set_value(p.nda_date)
        self.training_done.setChecked(p.training_done)
        self.training_date.set_value(p.training_date)

    def collect(self) -> PersonFields:
        return PersonFields(
            employee_no=self.employee_no.text(), name=self.name.text(),
            device_user_id=self.device_user_id.text().strip() or None,
            role=self.role.currentText(), phone=self.phone.text(),
            id_card_no=self.id_card_no.text(), start_date=self.start_date.value(),
            end_date=self.end_date.value(), status=str(self.status.currentData()),
            nda_signed=self.nda_signed.isChecked(),
            nda_date=self.nda_date.value() if self.nda_signed.isChecked() else None,
            training_done=self.training_done.isChecked(),
            training_date=self.training_date.value() if self.training_done.isChecked()
            else None,
            first_work_date=self.first_work_date.value(), note=self.note.toPlainText(),
        )

    def submit(self) -> object:
        data = self.collect()
        if self.person is None:
            return self.services.roster.add(data)
        return self.services.roster.update(self.person.id, data)

    def on_saved(self, value: PersonDTO) -> None:
        self.person = value

    def show_error(self, problem: AppError | str | None) -> None:
        """A refused field is on the first page: show that page."""
        if isinstance(problem, ValidationError) and problem.field in self.fields:
            self.tabs.setCurrentIndex(0)
        super().show_error(problem)

    # ---- equipment and attachments -------------------------------------------------------
    def _apply(self, person: PersonDTO) -> None:
        self.person = person
        self._refresh_sub_records()

    def _refresh_sub_records(self) -> None:
        saved = self.person is not None
        for widget in self._eq_widgets + self._att_widgets:
            widget.setEnabled(saved)
        self.eq_hint.setVisible(not saved)
        self.att_hint.setVisible(not saved)
        p = self.person
        periods = self.services.attendance.nursing_periods(p.id) if p else []
        self.nursing_list.setText("\n".join(strings.NURSING_ROW.format(
            start=a.isoformat(), end=(b - dt.timedelta(days=1)).isoformat())
            for a, b in periods))
        self.equipment_model.set_rows(p.equipment if p else ())
        self.attachment_model.set_rows(p.attachments if p else ())

    def _guard(self, fn: Callable[[], object]) -> None:
        """An equipment or attachment write: saved at once, shown in the lists."""
        self.attempt(fn, self._apply)

    def _add_equipment(self) -> None:
        assert self.person is not None
        pid = self.person.id
        self._guard(lambda: self.services.roster.add_equipment(
            pid, self.eq_item.text(), self.eq_asset.text(), self.eq_issued.value()))
        self.eq_item.clear()
        self.eq_asset.clear()

    def _selected_equipment(self) -> int | None:
        e: EquipmentDTO | None = selected_row(self.equipment_table)
        return e.id if e is not None else None

    def _return_equipment(self) -> None:
        eid = self._selected_equipment()
        if eid is not None:
            self._guard(lambda: self.services.roster.set_equipment_returned(
                eid, self.services.clock.today()))

    def _remove_equipment(self) -> None:
        eid = self._selected_equipment()
        if eid is not None:
            self._guard(lambda: self.services.roster.remove_equipment(eid))

    def _add_attachment(self) -> None:
        assert self.person is not None
        path, _ = QFileDialog.getOpenFileName(self, strings.ATTACHMENT_PICK, "",
                                              strings.ATTACHMENT_FILTER)
        if path:
            pid, kind = self.person.id, str(self.att_kind.currentData())
            self._guard(lambda: self.services.roster.add_attachment(pid, Path(path), kind))

    def _open_attachment(self) -> None:
        att: AttachmentDTO | None = selected_row(self.attachment_table)
        if att is not None:
            self.attempt(lambda: self.services.roster.attachment_file(att), _open_file)

    def _remove_attachment(self) -> None:
        att: AttachmentDTO | None = selected_row(self.attachment_table)
        if att is None:
            return
        if messages.ask(self, strings.ATTACHMENT_REMOVE_ASK.format(title=att.title)):
            self._guard(lambda: self.services.roster.remove_attachment(att.id))

