"""What both spec files keep and drop: the slimming rules of the bundle (DESIGN §9)."""

from __future__ import annotations

import sys
from pathlib import PurePosixPath

LINUX = sys.platform.startswith("linux")

# Python packages never needed at run time.
EXCLUDES = [
    "tkinter", "_tkinter", "unittest", "pydoc_data", "lib2to3", "IPython", "jedi",
    "matplotlib", "scipy", "pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "ruff",
    "numpy.f2py", "numpy.tests", "setuptools", "pip",
    # nothing imports pandas (the head-office statistics are plain Python, issue 19); only
    # openpyxl's optional DataFrame helpers mention it: ~26 MB (Windows: + numpy ~45 MB)
    "pandas",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2", "PySide6.QtQuickTest", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtDBus",
    "PySide6.QtSvg", "PySide6.QtSvgWidgets", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtUiTools", "PySide6.QtXml", "PySide6.QtConcurrent",
]

if LINUX:  # issue 16: verified on Linux only (Windows keeps numpy until tried under Wine)
    # optional imports only (openpyxl.compat.numbers, PIL): numpy + OpenBLAS are ~42 MB
    EXCLUDES.append("numpy")
    # only concurrent.futures.process (ProcessPoolExecutor, never used) imports it, and its
    # runtime hook imported multiprocessing, socket, pickle, subprocess before the window
    EXCLUDES.append("multiprocessing")

KEEP_TRANSLATIONS = {"qtbase_zh_CN.qm"}
KEEP_PLUGIN_GROUPS = {"platforms", "styles", "imageformats", "platformthemes",
                      "xcbglintegrations", "printsupport", "platforminputcontexts"}
KEEP_PLATFORMS = ("qwindows", "qxcb", "qoffscreen", "qminimal", "qcocoa", "qwayland")
KEEP_IMAGEFORMATS = ("qico", "qjpeg", "qgif")
# Qt6Network stays: the single-instance local server (ui/common/single_instance.py).
DROP_LIBS = ("opengl32sw", "Qt6Quick", "Qt6Qml", "Qt6OpenGL", "Qt6Pdf",
             "Qt6Svg", "Qt6VirtualKeyboard", "Qt6Designer", "Qt6Sql", "Qt6Test",
             "Qt6Help", "Qt6UiTools", "Qt6Xml", "Qt6Concurrent", "Qt6ShaderTools",
             "Qt6Wayland", "libQt6Quick", "libQt6Qml", "libQt6OpenGL",
             "libQt6Pdf", "libQt6Svg", "libQt6VirtualKeyboard", "libQt6Designer",
             "libQt6Sql", "libQt6Test", "libQt6Help", "libQt6UiTools", "libQt6Xml",
             "libQt6Concurrent", "libQt6ShaderTools", "libQt6Wayland",
             "libQt6EglFS", "libQt6WlShell")

# Linux only: the GTK stack that the GTK platform theme (dropped below) drags in. Nothing left
# in the bundle needs these (readelf NEEDED of every file), and none is loaded when the window
# runs on X11 (LD_DEBUG=files under xvfb-run, README "Bundle size").
LINUX_DROP_LIBS = ("libcairo", "libpango", "libatk-", "libgdk_pixbuf", "libgtk", "libgdk-",
                   "libthai", "libdatrie", "libpixman", "libfribidi", "libgraphite2",
                   "libharfbuzz", "libgio-2", "libgobject-2", "libgmodule-2", "libepoxy",
                   "libQt6EglFsKmsSupport")
STRIP = LINUX  # strip -S every binary (PyInstaller's strip option); untried on Windows


def keep(dest: str) -> bool:
    """True if a collected file (its destination path in the bundle) should stay."""
    path = PurePosixPath(dest.replace("\\", "/"))
    name = path.name
    parts = path.parts
    if name.startswith(DROP_LIBS):
        return False
    if LINUX and len(parts) == 1 and name.startswith(LINUX_DROP_LIBS):
        return False
    if "translations" in parts and name.endswith(".qm"):
        return name in KEEP_TRANSLATIONS
    if "plugins" in parts:
        group = parts[parts.index("plugins") + 1] if len(parts) > parts.index("plugins") + 1 \
            else ""
        if group not in KEEP_PLUGIN_GROUPS:
            return False
        if group == "platforms":
            return any(k in name for k in KEEP_PLATFORMS)
        if group == "imageformats":
            return any(k in name for k in KEEP_IMAGEFORMATS)
        if group == "platforminputcontexts":
            return "compose" in name or "ibus" in name
        if group == "platformthemes":
            return "gtk" not in name  # the GTK theme drags in GTK, cairo, pango (~20 MB)
    return True


def slim(toc: list) -> list:  # type: ignore[type-arg]
    return [entry for entry in toc if keep(entry[0])]
