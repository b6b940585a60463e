"""Baseline for the start-up benchmark: an empty PySide6 main window, frozen the same way.

"Window shown" is printed at the same point as the app's (ui/main.py ``paint_now``): once the
window is exposed and has painted, not at the first turn of the event loop, which may come
before the window reached the screen."""

import os
import sys

from PySide6.QtCore import QElapsedTimer
from PySide6.QtWidgets import QApplication, QMainWindow

if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1180, 720)
    window.show()
    if os.environ.get("ONSITEDESK_STARTUP_PROBE"):
        # the same steps as ui.main.paint_now (this file can't import the app)
        handle = window.windowHandle()
        clock = QElapsedTimer()
        clock.start()
        while handle is not None and not handle.isExposed() and clock.elapsed() < 2000:
            app.processEvents()
        window.repaint()
        app.processEvents()
        print("WINDOW_SHOWN", flush=True)
        sys.exit(0)
    sys.exit(app.exec())
