"""Punch imports: a clock over the LAN or a USB-stick file, the result and its problems,
the import history (with revert), and device user ids still to map to roster people."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.errors import AppError
from app.services import Changes, Services
from app.services.imports import BatchDTO, ImportOutcome, UnmappedId
from ui import messages
from ui.common.widgets import fill_table, make_table
from ui.tasks import TaskRunner


class ImportsTab(QWidget):
    changed = Signal(object)

    def __init__(self, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.tasks = services, tasks
        self.batches: list[BatchDTO] = []
        self.unmapped_ids: list[UnmappedId] = []
        self.device = QComboBox()
        self.btn_sync = QPushButton(strings.IMP_SYNC)
        self.btn_usb = QPushButton(strings.IMP_USB)
        self.btn_devices = QPushButton(strings.IMP_DEVICES)
        self.btn_sync.clicked.connect(self.sync)
        self.btn_usb.clicked.connect(self.pick_usb)
        self.btn_devices.clicked.connect(self.edit_devices)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(strings.IMP_DEVICE))
        bar.addWidget(self.device)
        for b in (self.btn_sync, self.btn_usb, self.btn_devices):
            bar.addWidget(b)
        bar.addStretch()

        self.result = QLabel(strings.IMP_RESULT_NONE)
        self.result.setWordWrap(True)
        self.problems = make_table(strings.IMP_PROBLEMS_HEADERS)
        result_box = QGroupBox()
        rl = QVBoxLayout(result_box)
        rl.addWidget(self.result)
        rl.addWidget(self.problems)

        self.history = make_table(strings.IMP_HISTORY_HEADERS)
        self.btn_revert = QPushButton(strings.IMP_REVERT)
        self.btn_revert.clicked.connect(self.revert_selected)
        history_box = QGroupBox(strings.IMP_HISTORY)
        hl = QVBoxLayout(history_box)
        hl.addWidget(self.history)
        hr = QHBoxLayout()
        hr.addStretch()
        hr.addWidget(self.btn_revert)
        hl.addLayout(hr)

        self.unmapped = make_table(strings.IMP_UNMAPPED_HEADERS)
        self.person = QComboBox()
        self.btn_map = QPushButton(strings.IMP_MAP)
        self.btn_map.clicked.connect(self.map_selected)
        unmapped_box = QGroupBox(strings.IMP_UNMAPPED)
        ul = QVBoxLayout(unmapped_box)
        ul.addWidget(self.unmapped)
        ur = QHBoxLayout()
        ur.addWidget(QLabel(strings.IMP_MAP_TO))
        ur.addWidget(self.person, 1)
        ur.addWidget(self.btn_map)
        ul.addLayout(ur)

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(history_box)
        lower.addWidget(unmapped_box)
        lower.setSizes([700, 500])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(result_box)
        split.addWidget(lower)
        split.setSizes([220, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.refresh()

    # ---- data ----------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self.device.currentData()
        self.device.clear()
        self.device.addItem(strings.IMP_NO_DEVICE, "")
        for d in self.services.imports.devices():
            label = strings.with_note(d.name, f"{d.host}:{d.port}") if d.host else d.name
            self.device.addItem(label, d.name)
        index = self.device.findData(current)
        self.device.setCurrentIndex(index if index >= 0 else min(1, self.device.count() - 1))
        self.batches = self.services.imports.history()
        fill_table(self.history, [(
            f"#{b.id}", b.started_at.strftime("%Y-%m-%d %H:%M"),
            strings.IMP_KIND_LABELS.get(b.kind, b.kind), Path(b.source).name or b.source,
            b.device, b.read, b.new, b.duplicate, b.rejected,
            strings.IMP_REVERTED.format(reason=b.revert_reason) if b.reverted_at
            else strings.IMP_ACTIVE) for b in self.batches])
        self.unmapped_ids = self.services.imports.unmapped()
        fill_table(self.unmapped, [(u.device_user_id, u.punches, u.first.strftime("%Y-%m-%d"),
                               u.last.strftime("%Y-%m-%d"), u.clock_name)
                              for u in self.unmapped_ids])
        self.person.clear()
        for p in self.services.roster.list_people():
            if p.status != "left":
                label = strings.person_label(p.name, p.employee_no)
                if p.device_user_id:
                    label += f" [{p.device_user_id}]"
                self.person.addItem(label, p.id)
        self.btn_sync.setEnabled(bool(self.device.currentData()))

    def on_changes(self, changes: Changes) -> None:
        if changes.roster or changes.attendance:
            self.refresh()

    def _emit(self, changes: Changes) -> None:
        self.refresh()
        self.changed.emit(changes)

    # ---- imports -------------------------------------------------------------------------
    def pick_usb(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        settings = QSettings()
        folder = str(settings.value("dirs/usb", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, strings.IMP_USB_PICK, folder,
                                              strings.IMP_USB_FILTER)
        if path:
            settings.setValue("dirs/usb", str(Path(path).parent))
            self.import_usb(Path(path))

    def import_usb(self, path: Path) -> None:
        device = str(self.device.currentData() or "")
        imports = self.services.imports
        self.tasks.run(strings.IMP_READING_FILE.format(name=path.name),
                       lambda progress: imports.import_usb(path, device, progress),
                       lambda out: self._show(path.name, out))

    def sync(self) -> None:
        name = str(self.device.currentData() or "")
        if not name:
            return
        imports = self.services.imports
        self.tasks.run(strings.IMP_SYNCING.format(name=name),
                       lambda progress: imports.sync(name, progress),
                       lambda out: self._show(name, out, sync=True))

    def _show(self, source: str, out: tuple[ImportOutcome, Changes], sync: bool = False) -> None:
        outcome, changes = out
        b = outcome.batch
        text = strings.IMP_RESULT.format(source=source, read=b.read, new=b.new,
                                         duplicate=b.duplicate, rejected=b.rejected)
        if outcome.device is not None:
            d = outcome.device
            text += "\n" + strings.CLI_SYNC_DEVICE.format(serial=d.serial, firmware=d.firmware,
                                                          drift=d.drift_seconds)
        if len(outcome.unmapped) > 12:
            text += "\n" + strings.IMP_UNMAPPED_MANY.format(
                n=len(outcome.unmapped), ids=", ".join(outcome.unmapped[:12]))
        elif outcome.unmapped:
            text += "\n" + strings.CLI_IMPORT_UNMAPPED.format(ids=", ".join(outcome.unmapped))
        self.result.setText(text)
        fill_table(self.problems, [(p.line if p.line is not None else p.record, p.reason)
                              for p in outcome.problems])
        self._emit(changes)
        drift = outcome.device.drift_seconds if outcome.device else None
        if sync and drift is not None and abs(drift) > 60 and messages.ask(
                self, strings.IMP_DRIFT_ASK.format(drift=drift)):
            name = str(self.device.currentData() or "")
            imports = self.services.imports
            self.tasks.run(strings.IMP_SYNCING.format(name=name),
                           lambda _p: imports.set_clock_time(name),
                           lambda _r: messages.info(self, strings.IMP_TIME_SET),
                           cancellable=False)

    # ---- history and mapping -------------------------------------------------------------
    def revert_selected(self) -> None:
        row = self.history.currentRow()
        if row < 0 or row >= len(self.batches):
            return
        batch = self.batches[row]
        reason, ok = QInputDialog.getText(self, strings.IMP_REVERT,
                                          strings.IMP_REVERT_ASK.format(id=batch.id))
        if not ok:
            return
        try:
            changes = self.services.imports.revert_batch(batch.id, reason)
        except AppError as exc:
            messages.error(self, exc.message)
            return
        self._emit(changes)

    def map_selected(self) -> None:
        row = self.unmapped.currentRow()
        if row < 0 or row >= len(self.unmapped_ids) or self.person.currentData() is None:
            return
        uid = self.unmapped_ids[row].device_user_id
        person = self.services.roster.get(int(self.person.currentData()))
        data = person.to_fields()
        data.device_user_id = uid
        try:
            _, changes = self.services.roster.update(person.id, data)
        except AppError as exc:
            messages.error(self, exc.message)
            return
        messages.info(self, strings.IMP_MAPPED.format(uid=uid, name=person.name))
        self._emit(changes)

    def edit_devices(self) -> None:
        from ui.tabs.imports.devices_dialog import DevicesDialog

        dialog = DevicesDialog(self.services, self)
        dialog.exec()
        if dialog.changes.any:
            self._emit(dialog.changes)
