"""The service record entry dialog (keyboard first: times are typed as 09:15, 0915 or +25
relative to the report time, "now" fills the current time) and the commitments dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.domain.service_log import (
    PENDING,
    RATINGS,
    RESOLVED,
    SOURCES,
    TYPES,
    RecordFields,
    StaffVisit,
    Times,
    measure,
    parse_time_after,
)
from app.dto.service_log import ServiceRecordDTO
from app.dto.service_log_text import measure_text
from app.errors import AppError, ValidationError
from app.services import Changes, Services
from ui.common import palette
from ui.common.dates import date_edit, pydate, pydatetime, qdatetime
from ui.common.dialog import FormDialog
from ui.common.people import person_label
from ui.common.widgets import OptionalDateEdit

MUTED = palette.css(palette.MUTED)
ERROR = palette.css(palette.ERROR)


def time_text(value: dt.datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def _combo(labels: dict[str, str], codes: tuple[str, ...]) -> QComboBox:
    box = QComboBox()
    for code in codes:
        box.addItem(labels[code], code)
    return box


def _select(box: QComboBox, code: object) -> None:
    box.setCurrentIndex(max(0, box.findData(code)))


class TimeField(QWidget):
    """A time typed relative to the report time, with a "now" button and the parsed value
    shown beside it."""

    def __init__(self, field: str, base: Callable[[], dt.datetime],
                 clock: Callable[[], dt.datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field, self.base, self.clock = field, base, clock
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(strings.SV_TIME_HINT)
        self.now = QPushButton(strings.SV_NOW)
        self.now.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field
        self.now.clicked.connect(lambda: self.set_value(self.clock()))
        self.shown = QLabel()
        self.shown.setStyleSheet(MUTED)
        self.shown.setMinimumWidth(120)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.now)
        row.addWidget(self.shown)
        self.edit.textChanged.connect(self.refresh)

    def value(self) -> dt.datetime | None:
        """The parsed time; ValidationError naming the field when it cannot be read."""
        try:
            return parse_time_after(self.edit.text(), self.base())
        except ValueError:
            raise ValidationError(strings.SV_BAD_TIME_INPUT.format(
                field=strings.SV_FIELD_LABELS[self.field], value=self.edit.text()),
                self.field) from None

    def set_value(self, value: dt.datetime | None) -> None:
        self.edit.setText(time_text(value))

    def refresh(self) -> None:
        try:
            value = self.value()
        except ValidationError:
            self.shown.setText(strings.SV_NA)
            self.shown.setStyleSheet(ERROR)
            return
        self.shown.setStyleSheet(MUTED)
        self.shown.setText(f"{value:%m-%d %H:%M}" if value else "")


class RecordDialog(FormDialog):
    """New record (``record`` None) or a change to one."""

    def __init__(self, services: Services, record: ServiceRecordDTO | None = None,
                 parent: QWidget | None = None, now: dt.datetime | None = None) -> None:
        super().__init__(services, strings.SV_DIALOG_EDIT.format(number=record.number)
                         if record else strings.SV_DIALOG_NEW, parent, min_width=980,
                         detached=True)
        self.record = record
        self.saved: ServiceRecordDTO | None = None
        self._now = now
        project = services.project.get()
        f = strings.SV_FIELD_LABELS
        self.type = _combo(strings.SV_TYPE_LABELS, TYPES)
        self.source = _combo(strings.SV_SOURCE_LABELS, SOURCES)
        self.reporter = QLineEdit()
        self.dept = QLineEdit()
        self.reported = QDateTimeEdit(qdatetime(self.clock()))
        self.reported.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.reported.setCalendarPopup(True)
        self.times = {key: TimeField(key, self.reported_at, self.clock)
                      for key in ("responded_at", "arrived_at", "resolved_at")}
        self.live = QLabel()
        self.live.setWordWrap(True)
        self.staff = self._staff_table()
        self.head_count = QSpinBox()
        self.head_count.setRange(1, 99)
        self.location = QLineEdit()
        self.description = QPlainTextEdit()
        self.handling = QPlainTextEdit()
        for box in (self.description, self.handling):
            box.setTabChangesFocus(True)
            box.setFixedHeight(64)
        self.outcome = _combo(strings.SV_RESULT_LABELS, (RESOLVED, PENDING))
        _select(self.outcome, PENDING)
        self.reason = QLineEdit()
        self.parts = QLineEdit()
        self.rating = QComboBox()
        self.rating.addItem(strings.SV_RATING_NONE, "")
        for code in RATINGS:
            self.rating.addItem(strings.SV_RATING_LABELS[code], code)
        client = project.client_label or strings.DEFAULT_CLIENT_LABEL
        self.signed = QCheckBox(strings.SV_CLIENT_SIGNED.format(client=client))
        self.signed_by = QLineEdit(project.client_project_lead)
        self.signed_on = OptionalDateEdit()
        self._completers()

        left = QFormLayout()
        kind = QHBoxLayout()
        kind.addWidget(self.type)
        kind.addWidget(QLabel(f["source"]))
        kind.addWidget(self.source)
        kind.addStretch()
        left.addRow(f["service_type"], kind)
        left.addRow(f["reporter"], self.reporter)
        left.addRow(f["reporter_dept"], self.dept)
        left.addRow(f["reported_at"], self.reported)
        for key, widget in self.times.items():
            left.addRow(f[key], widget)
        left.addRow(self.live)
        left.addRow(f["location"], self.location)
        hint = QLabel(strings.SV_STAFF_HINT)
        hint.setStyleSheet(MUTED)
        left.addRow(hint)
        left.addRow(self.staff)
        left.addRow(f["head_count"], self.head_count)
        right = QFormLayout()
        right.addRow(f["description"], self.description)
        right.addRow(f["handling"], self.handling)
        result = QHBoxLayout()
        result.addWidget(self.outcome)
        result.addWidget(QLabel(f["pending_reason"]))
        result.addWidget(self.reason, 1)
        right.addRow(f["result"], result)
        right.addRow(f["parts_replaced"], self.parts)
        right.addRow(f["user_rating"], self.rating)
        right.addRow(self.signed)
        sign = QHBoxLayout()
        sign.addWidget(self.signed_by, 1)
        sign.addWidget(QLabel(f["client_signed_on"]))
        sign.addWidget(self.signed_on)
        right.addRow(f["client_signed_by"], sign)
        columns = QHBoxLayout()
        for title, form in ((strings.SV_GROUP_CALL, left), (strings.SV_GROUP_WORK, right)):
            group = QGroupBox(title)
            group.setLayout(form)
            columns.addWidget(group, 1)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(self.ok_cancel(strings.SV_SAVE))

        if record is not None:
            self._load(record)
        self.reported.dateTimeChanged.connect(self.update_live)
        self.type.currentIndexChanged.connect(self.update_live)
        for w in self.times.values():
            w.edit.textChanged.connect(self.update_live)
        self.times["resolved_at"].edit.textChanged.connect(self._result_follows)
        self.staff.itemChanged.connect(self._staff_changed)
        self.signed.toggled.connect(self._signed_toggled)
        self._signed_toggled(self.signed.isChecked())
        self.update_live()
        self.reporter.setFocus()

    # ---- building ------------------------------------------------------------------------
    def clock(self) -> dt.datetime:
        return (self._now or self.services.clock.now()).replace(second=0)

    def reported_at(self) -> dt.datetime:
        return pydatetime(self.reported.dateTime())

    def _staff_table(self) -> QTableWidget:
        on_record = {v.person_id for v in self.record.staff} if self.record else set()
        people = [p for p in self.services.roster.list_people()
                  if p.status in ("active", "handover") or p.id in on_record]
        people.sort(key=lambda p: p.id not in on_record)  # those on the record first
        table = QTableWidget(len(people), len(strings.SV_STAFF_HEADERS))
        table.setHorizontalHeaderLabels(list(strings.SV_STAFF_HEADERS))
        table.verticalHeader().setVisible(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setMinimumHeight(150)
        self.staff_ids: list[int] = []
        for i, p in enumerate(people):
            name = QTableWidgetItem(person_label(p))
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            name.setCheckState(Qt.CheckState.Unchecked)
            role = QTableWidgetItem(p.role)
            role.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            table.setItem(i, 0, name)
            table.setItem(i, 1, role)
            table.setItem(i, 2, QTableWidgetItem(""))
            table.setItem(i, 3, QTableWidgetItem(""))
            self.staff_ids.append(p.id)
        return table

    def _completers(self) -> None:
        """Departments, reporters and places typed before, for quick entry."""
        old = self.services.service_log.records()[:500]
        for edit, values in ((self.dept, {r.reporter_dept for r in old}),
                             (self.reporter, {r.reporter for r in old}),
                             (self.location, {r.location for r in old})):
            completer = QCompleter(sorted(v for v in values if v), edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)

    def _load(self, r: ServiceRecordDTO) -> None:
        _select(self.type, r.service_type)
        _select(self.source, r.source)
        self.reporter.setText(r.reporter)
        self.dept.setText(r.reporter_dept)
        self.reported.setDateTime(qdatetime(r.reported_at))
        for key, w in self.times.items():
            w.set_value(getattr(r, key))
        visits = {v.person_id: v for v in r.staff}
        self.staff.blockSignals(True)
        for i, pid in enumerate(self.staff_ids):
            if pid in visits:
                self.staff.item(i, 0).setCheckState(Qt.CheckState.Checked)
                self.staff.item(i, 2).setText(time_text(visits[pid].entered_at))
                self.staff.item(i, 3).setText(time_text(visits[pid].exited_at))
        self.staff.blockSignals(False)
        self.head_count.setValue(r.head_count)
        self.location.setText(r.location)
        self.description.setPlainText(r.description)
        self.handling.setPlainText(r.handling)
        _select(self.outcome, r.result)
        self.reason.setText(r.pending_reason)
        self.parts.setText(r.parts_replaced)
        _select(self.rating, r.user_rating)
        self.signed.setChecked(r.client_signed)
        if r.client_signed_by:
            self.signed_by.setText(r.client_signed_by)
        self.signed_on.set_value(r.client_signed_on)

    # ---- live behaviour ------------------------------------------------------------------
    def _result_follows(self, text: str) -> None:
        """Filling the resolved time makes the result "resolved"; clearing it, "pending"."""
        _select(self.outcome, RESOLVED if text.strip() else PENDING)

    def _staff_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self.head_count.setValue(max(1, len(self.checked_staff())))

    def _signed_toggled(self, on: bool) -> None:
        self.signed_by.setEnabled(on)
        self.signed_on.setEnabled(on)
        if on and self.signed_on.value() is None:
            self.signed_on.set_value(self.clock().date())

    def checked_staff(self) -> list[int]:
        return [i for i in range(self.staff.rowCount())
                if self.staff.item(i, 0).checkState() == Qt.CheckState.Checked]

    def update_live(self) -> None:
        """Response and resolution minutes against the targets, as the user types."""
        try:
            times = Times(self.reported_at(), *(w.value() for w in self.times.values()))
        except ValidationError as exc:
            self.live.setText(exc.message)
            self.live.setStyleSheet(ERROR)
            return
        targets = self.services.service_log.targets(times.reported_at.date())
        m = measure(times, str(self.type.currentData()), targets, self.clock())
        self.live.setText(strings.SV_LIVE.format(
            response=measure_text(m.response_minutes, m.response, targets.response_minutes),
            resolution=measure_text(m.resolution_minutes, m.resolution,
                                    targets.resolution_minutes)))
        missed = "missed" in (m.response, m.resolution)
        self.live.setStyleSheet(palette.css(palette.ERROR) if missed else palette.css(palette.OK))

    # ---- saving --------------------------------------------------------------------------
    def _staff_time(self, row: int, col: int) -> dt.datetime | None:
        text = self.staff.item(row, col).text()
        try:
            return parse_time_after(text, self.reported_at())
        except ValueError:
            raise ValidationError(strings.SV_BAD_TIME_INPUT.format(
                field=strings.SV_STAFF_HEADERS[col], value=text), "staff") from None

    def fields(self) -> RecordFields:
        visits = tuple(StaffVisit(self.staff_ids[i], self._staff_time(i, 2),
                                  self._staff_time(i, 3)) for i in self.checked_staff())
        times = {key: w.value() for key, w in self.times.items()}
        return RecordFields(
            service_type=str(self.type.currentData()), source=str(self.source.currentData()),
            reported_at=self.reported_at(), reporter=self.reporter.text(),
            reporter_dept=self.dept.text(), staff=visits,
            head_count=self.head_count.value(), location=self.location.text(),
            description=self.description.toPlainText(),
            handling=self.handling.toPlainText(), result=str(self.outcome.currentData()),
            pending_reason=self.reason.text(), parts_replaced=self.parts.text(),
            user_rating=str(self.rating.currentData() or ""),
            client_signed=self.signed.isChecked(),
            client_signed_by=self.signed_by.text() if self.signed.isChecked() else "",
            client_signed_on=self.signed_on.value() if self.signed.isChecked() else None,
            **times)  # type: ignore[arg-type]

    def _focus(self, field: str | None) -> None:
        widgets: dict[str, QWidget] = {
            "reporter": self.reporter, "reporter_dept": self.dept,
            "location": self.location, "description": self.description,
            "staff": self.staff, "head_count": self.head_count, "result": self.outcome,
            "client_signed_by": self.signed_by, "client_signed_on": self.signed_on,
            **{k: w.edit for k, w in self.times.items()}}
        if field in widgets:
            widgets[field].setFocus()

    def show_error(self, problem: AppError | str | None) -> None:
        """The service's messages name the field already: focus it, keep the text."""
        super().show_error(problem)
        if isinstance(problem, ValidationError):
            self._focus(problem.field)

    def submit(self) -> object:
        log, fields = self.services.service_log, self.fields()
        if self.record is None:
            return log.add(fields)
        return log.update(self.record.id, fields)

    def on_saved(self, value: ServiceRecordDTO) -> None:
        self.saved = value


class CommitmentsDialog(FormDialog):
    """Targets (effective-dated) and the acceptance date that starts the warranty."""

    def __init__(self, services: Services, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(services, strings.SV_SETTINGS_TITLE, parent, min_width=480)
        self.today = today or services.clock.today()
        log = services.service_log
        current = log.targets(self.today)
        self.acceptance_before = log.acceptance_date()
        self.targets_before = current
        self.response = QSpinBox()
        self.resolution = QSpinBox()
        for box, value in ((self.response, current.response_minutes),
                           (self.resolution, current.resolution_minutes)):
            box.setRange(1, 1440)
            box.setValue(value)
        self.since = date_edit(self.today)
        self.acceptance = OptionalDateEdit()
        self.acceptance.set_value(self.acceptance_before)
        note = QLabel(strings.SV_SETTINGS_NOTE)
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        self.form.addRow(note)
        self.add_row(strings.SV_SETTINGS_RESPONSE, self.response, "response_minutes")
        self.add_row(strings.SV_SETTINGS_RESOLUTION, self.resolution, "resolution_minutes")
        self.add_row(strings.SV_SETTINGS_FROM, self.since, "effective_from")
        self.add_row(strings.SV_SETTINGS_ACCEPTANCE, self.acceptance, "acceptance_date")
        self.finish()

    def submit(self) -> Changes:
        log, changes = self.services.service_log, Changes()
        if (self.response.value(), self.resolution.value()) != (
                self.targets_before.response_minutes, self.targets_before.resolution_minutes):
            _, ch = log.set_targets(self.response.value(), self.resolution.value(),
                                    pydate(self.since.date()))
            changes = changes | ch
        if self.acceptance.value() != self.acceptance_before:
            changes = changes | log.set_acceptance_date(self.acceptance.value(),
                                                        today=self.today)
        return changes
