"""Time clocks: name, address, comm key, TCP/UDP, timeout and name encoding (SPEC D1)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.errors import AppError
from app.services import Changes, Services
from app.services.imports import DeviceDTO
from ui.common import palette
from ui.common.widgets import fill_table, make_table


class DevicesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.changes = Changes()
        self.devices: list[DeviceDTO] = []
        self.editing: int | None = None
        self.setWindowTitle(strings.DEV_TITLE)
        self.setMinimumWidth(620)
        self.table: QTableWidget = make_table(strings.DEV_LIST_HEADERS)
        self.table.itemSelectionChanged.connect(self._load_selected)
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
        form = QFormLayout()
        for label, widget in ((strings.DEV_NAME, self.name), (strings.DEV_HOST, self.host),
                              (strings.DEV_PORT, self.port), (strings.DEV_KEY, self.key),
                              (strings.DEV_PROTOCOL, self.protocol),
                              (strings.DEV_TIMEOUT, self.timeout),
                              (strings.DEV_ENCODING, self.encoding)):
            form.addRow(label, widget)
        self.error = QLabel()
        self.error.setStyleSheet(palette.css(palette.ERROR))
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
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        layout.addWidget(close)
        self._reload()

    def _reload(self) -> None:
        self.devices = self.services.imports.devices()
        fill_table(self.table, [(d.name, d.host, d.port, d.protocol.upper(), d.serial,
                            d.last_sync_at.strftime("%Y-%m-%d %H:%M") if d.last_sync_at else "")
                           for d in self.devices])

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
        row = self.table.currentRow()
        if not 0 <= row < len(self.devices):
            return
        d = self.devices[row]
        self.editing = d.id
        self.name.setText(d.name)
        self.host.setText(d.host)
        self.port.setValue(d.port)
        self.key.setValue(d.comm_key)
        self.protocol.setCurrentIndex(self.protocol.findData(d.protocol))
        self.timeout.setValue(d.timeout)
        self.encoding.setCurrentText(d.encoding)

    def save(self) -> None:
        try:
            _, ch = self.services.imports.save_device(
                self.name.text(), self.host.text(), self.port.value(), self.key.value(),
                str(self.protocol.currentData()), self.timeout.value(),
                self.encoding.currentText(), device_id=self.editing)
        except AppError as exc:
            self.error.setText(exc.message)
            return
        self.error.clear()
        self.changes = self.changes | ch
        self._reload()
