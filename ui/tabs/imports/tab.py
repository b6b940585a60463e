"""Punch imports: a clock over the LAN or a USB-stick file, the result and its problems,
the import history (with revert), and device user ids still to map to roster people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
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
from app.devices.records import ReadProblem
from app.services import Changes, Services
from app.services.imports import DISCARD, SHIFT, BatchDTO, HeldBack, ImportOutcome, UnmappedId
from ui import messages
from ui.common.people import PersonCombo, person_label
from ui.common.tab import Tab
from ui.common.table_model import Column, DtoTableModel, make_view, selected_row
from ui.tasks import TaskRunner

HISTORY_COLUMNS: tuple[Column[BatchDTO], ...] = tuple(
    Column(title, text) for title, text in zip(strings.IMP_HISTORY_HEADERS, (
        lambda b: f"#{b.id}",
        lambda b: b.started_at.strftime("%Y-%m-%d %H:%M"),
        lambda b: strings.IMP_KIND_LABELS.get(b.kind, b.kind),
        lambda b: Path(b.source).name or b.source,
        lambda b: b.device,
        lambda b: str(b.read),
        lambda b: str(b.new),
        lambda b: str(b.duplicate),
        lambda b: str(b.rejected),
        lambda b: strings.IMP_REVERTED.format(reason=b.revert_reason) if b.reverted_at
        else strings.IMP_ACTIVE), strict=True))

UNMAPPED_COLUMNS: tuple[Column[UnmappedId], ...] = tuple(
    Column(title, text) for title, text in zip(strings.IMP_UNMAPPED_HEADERS, (
        lambda u: u.device_user_id,
        lambda u: str(u.punches),
        lambda u: u.first.strftime("%Y-%m-%d"),
        lambda u: u.last.strftime("%Y-%m-%d"),
        lambda u: u.clock_name), strict=True))

PROBLEM_COLUMNS: tuple[Column[Any], ...] = tuple(
    Column(title, text) for title, text in zip(strings.IMP_PROBLEMS_HEADERS, (
        lambda p: "" if p.line is None and p.record is None
        else str(p.line if p.line is not None else p.record),
        lambda p: str(p.reason)), strict=True))


def _mapping_label(p: Any) -> str:
    """A person and the clock user id they already have, if any."""
    return person_label(p) + (f" [{p.device_user_id}]" if p.device_user_id else "")


class ImportsTab(Tab):
    watches = ("roster", "attendance")

    def __init__(self, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, tasks, parent)
        self.history_model = DtoTableModel(HISTORY_COLUMNS, self)
        self.unmapped_model = DtoTableModel(UNMAPPED_COLUMNS, self)
        self.problems_model = DtoTableModel(PROBLEM_COLUMNS, self)
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
        self.problems = make_view(self.problems_model)
        result_box = QGroupBox()
        rl = QVBoxLayout(result_box)
        rl.addWidget(self.result)
        rl.addWidget(self.problems)

        self.history = make_view(self.history_model)
        self.btn_revert = QPushButton(strings.IMP_REVERT)
        self.btn_revert.clicked.connect(self.revert_selected)
        history_box = QGroupBox(strings.IMP_HISTORY)
        hl = QVBoxLayout(history_box)
        hl.addWidget(self.history)
        hr = QHBoxLayout()
        hr.addStretch()
        hr.addWidget(self.btn_revert)
        hl.addLayout(hr)

        self.unmapped = make_view(self.unmapped_model)
        self.person = PersonCombo(label=_mapping_label)
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

    def write_targets(self) -> list[QWidget]:
        """The buttons that write (see ``Tab.write_targets``)."""
        return [self.btn_sync, self.btn_usb, self.btn_devices, self.btn_revert, self.btn_map]

    def refresh(self) -> None:
        current = self.device.currentData()
        self.device.clear()
        self.device.addItem(strings.IMP_NO_DEVICE, "")
        for d in self.services.imports.devices():
            label = strings.with_note(d.name, f"{d.host}:{d.port}") if d.host else d.name
            self.device.addItem(label, d.name)
        index = self.device.findData(current)
        self.device.setCurrentIndex(index if index >= 0 else min(1, self.device.count() - 1))
        self.history_model.set_rows(self.services.imports.history())
        self.unmapped_model.set_rows(self.services.imports.unmapped())
        self.person.set_people(self.services.roster.list_people())
        self.btn_sync.setEnabled(bool(self.device.currentData()))

    @property
    def batches(self) -> list[BatchDTO]:
        return self.history_model.rows

    @property
    def unmapped_ids(self) -> list[UnmappedId]:
        return self.unmapped_model.rows

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
        """Ask which clock (when several are set up), read the file, ask what to do with
        implausible punch times (if any), then import."""
        from ui.tabs.imports import held_back

        device = str(self.device.currentData() or "")
        imports = self.services.imports
        names = imports.usb_device_choices()
        if len(names) > 1:
            chosen = held_back.choose_device(self, names, device)
            if chosen is None:
                return
            device = chosen
        self.tasks.run(strings.IMP_READING_FILE.format(name=path.name),
                       lambda _progress: imports.check_usb(path),
                       lambda checked: self._import_checked(path, device, checked))

    def _import_checked(self, path: Path, device: str, checked: tuple[HeldBack | None, int]
                        ) -> None:
        from ui.tabs.imports import held_back

        held, ok = checked
        shift = False
        if held is not None:
            choice = held_back.ask_held_back(self, held, ok)
            if choice is None:
                return
            shift = choice == SHIFT
        imports = self.services.imports
        self.tasks.run(strings.IMP_READING_FILE.format(name=path.name),
                       lambda progress: imports.import_usb(path, device, progress, shift),
                       lambda out: self._show(path.name, out))

    def sync(self, shift_implausible: bool = False) -> None:
        name = str(self.device.currentData() or "")
        if not name:
            return
        imports = self.services.imports
        self.tasks.run(strings.IMP_SYNCING.format(name=name),
                       lambda progress: imports.sync(name, progress,
                                                     shift_implausible=shift_implausible),
                       lambda out: self._show(name, out, sync=True))

    def _offer_shift(self, outcome: ImportOutcome) -> bool:
        """After a LAN read that discarded punches with a detectable offset: ask whether to
        shift them instead; yes reads the clock again with the shift (the punches already
        stored are duplicates then, so only the shifted ones are added)."""
        from ui.tabs.imports import held_back

        held = outcome.held_back
        if held is None or held.offset_days is None or held.action != DISCARD:
            return False
        if held_back.ask_held_back(self, held, outcome.batch.new) != SHIFT:
            return False
        self.sync(shift_implausible=True)
        return True

    def _show(self, source: str, out: tuple[ImportOutcome, Changes], sync: bool = False) -> None:
        outcome, changes = out
        b = outcome.batch
        text = strings.IMP_RESULT.format(source=source, read=b.read, new=b.new,
                                         duplicate=b.duplicate, rejected=b.rejected)
        if outcome.device is not None:
            d = outcome.device
            text += "\n" + strings.CLI_SYNC_DEVICE.format(serial=d.serial, firmware=d.firmware,
                                                          drift=d.drift_seconds)
        names = {u.user_id: u.name for u in outcome.users}
        ids = [strings.with_note(uid, names[uid]) if names.get(uid) else uid
               for uid in outcome.unmapped]
        if len(ids) > 12:
            text += "\n" + strings.IMP_UNMAPPED_MANY.format(n=len(ids), ids=", ".join(ids[:12]))
        elif ids:
            text += "\n" + strings.CLI_IMPORT_UNMAPPED.format(ids=", ".join(ids))
        if outcome.held_back is not None:
            text += "\n" + outcome.held_back.describe() + strings.LIST_COMMA \
                + outcome.held_back.describe_action()
        self.result.setText(text)
        rows = list(outcome.problems)
        if outcome.problems_more:  # only the first MAX_PROBLEMS are kept
            rows.append(ReadProblem(strings.IMP_PROBLEMS_MORE.format(n=outcome.problems_more)))
        self.problems_model.set_rows(rows)
        self.after_write(changes)
        if sync and self._offer_shift(outcome):
            return
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
        batch: BatchDTO | None = selected_row(self.history)
        if batch is None:
            return
        reason, ok = QInputDialog.getText(self, strings.IMP_REVERT,
                                          strings.IMP_REVERT_ASK.format(id=batch.id))
        if ok:
            self.run_op(lambda: self.services.imports.revert_batch(batch.id, reason))

    def map_selected(self) -> None:
        unmapped: UnmappedId | None = selected_row(self.unmapped)
        person_id = self.person.person_id()
        if unmapped is None or person_id is None:
            return
        uid = unmapped.device_user_id
        person = self.services.roster.get(person_id)
        data = person.to_fields()
        data.device_user_id = uid
        self.run_op(lambda: self.services.roster.update(person.id, data), lambda _p: messages.info(
            self, strings.IMP_MAPPED.format(uid=uid, name=person.name)))

    def edit_devices(self) -> None:
        from ui.tabs.imports.devices_dialog import DevicesDialog

        dialog = DevicesDialog(self.services, self)
        dialog.exec()
        self.after_write(dialog.changes)
