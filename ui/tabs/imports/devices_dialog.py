"""Time clocks: name, address, comm key, TCP/UDP, timeout and name encoding (SPEC D1)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.services import Services
from app.services.imports import DeviceDTO
from ui.common.dialog import FormDialog
from ui.common.table_model import Column, DtoTableModel, make_view, selected_row

DEVICE_COLUMNS: tuple[Column[DeviceDTO], ...] = tuple(
    Column(title, text) for title, text in zip(strings.DEV_LIST_HEADERS, (
        lambda d: d.name,
        lambda d: d.host,
        lambda d: str(d.port),
        lambda d: d.protocol.upper(),
        lambda d: d.serial,
        lambda d: d.last_sync_at.strftime("%Y-%m-%d %H:%M") if d.last_sync_at else ""),
        strict=True))


class DevicesDialog(FormDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, strings.DEV_TITLE, parent, min_width=620, detached=True)
        self.editing: int | None = None
        self.model = DtoTableModel(DEVICE_COLUMNS, self)
        self.table = make_view(self.model)
        self.table.selectionModel().selectionChanged.connect(self._load_selected)
        self.name = QLineEdit()
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(4370)
        self.key = QSpinBox()
        self.key.setRange(0, 999999)
        self.protocol = QComboBox()
        self.protocol.addItem("TCP", "tcp")
        self.protocol.addItem("UDP", "udp")
        self.timeout = QSpinBox()
        self.timeout.setRange(1, 120)
        self.timeout.setValue(10)
        self.encoding = QComboBox()
        self.encoding.setEditable(True)
        self.encoding.addItems(["gbk", "utf-8", "gb18030"])
        for label, widget, field in (
                (strings.DEV_NAME, self.name, "name"), (strings.DEV_HOST, self.host, "host"),
                (strings.DEV_PORT, self.port, "port"), (strings.DEV_KEY, self.key, "comm_key"),
                (strings.DEV_PROTOCOL, self.protocol, "protocol"),
                (strings.DEV_TIMEOUT, self.timeout, "timeout"),
                (strings.DEV_ENCODING, self.encoding, "encoding")):
            self.add_row(label, widget, field)
        btn_new = QPushButton(strings.DEV_NEW)
        btn_new.clicked.connect(self._new)
        btn_save = QPushButton(strings.DEV_SAVE)
        btn_save.clicked.connect(self.save)
        row = QHBoxLayout()
        row.addWidget(btn_new)
        row.addStretch()
        row.addWidget(btn_save)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        layout.addWidget(close)
        self._reload()

    @property
    def devices(self) -> list[DeviceDTO]:
        return self.model.rows

    def _reload(self) -> None:
        self.model.set_rows(self.services.imports.devices())

    def _new(self) -> None:
        self.editing = None
        self.table.clearSelection()
        for w in (self.name, self.host):
            w.clear()
        self.port.setValue(4370)
        self.key.setValue(0)
        self.timeout.setValue(10)
        self.name.setFocus()

    def _load_selected(self) -> None:
        d: DeviceDTO | None = selected_row(self.table)
        if d is None:
            return
        self.editing = d.id
        self.name.setText(d.name)
        self.host.setText(d.host)
        self.port.setValue(d.port)
        self.key.setValue(d.comm_key)
        self.protocol.setCurrentIndex(self.protocol.findData(d.protocol))
        self.timeout.setValue(d.timeout)
        self.encoding.setCurrentText(d.encoding)

    def save(self) -> None:
        """Save the device and stay open to edit the next one."""
        if self.attempt(self.submit):
            self._reload()

    def submit(self) -> object:
        return self.services.imports.save_device(
            self.name.text(), self.host.text(), self.port.value(), self.key.value(),
            str(self.protocol.currentData()), self.timeout.value(),
            self.encoding.currentText(), device_id=self.editing)
