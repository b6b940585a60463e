"""Baseline for the start-up benchmark: an empty PySide6 main window, frozen the same way."""

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1180, 720)
    window.show()
    if os.environ.get("ONSITEDESK_STARTUP_PROBE"):
        QTimer.singleShot(0, lambda: (print("WINDOW_SHOWN", flush=True), app.quit()))
    sys.exit(app.exec())
