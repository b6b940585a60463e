"""What both spec files keep and drop: the slimming rules of the bundle (DESIGN §9)."""

from __future__ import annotations

from pathlib import PurePosixPath

# Python packages never needed at run time.
EXCLUDES = [
    "tkinter", "_tkinter", "unittest", "pydoc_data", "lib2to3", "IPython", "jedi",
    "matplotlib", "scipy", "pytest", "_pytest", "pytestqt", "hypothesis", "mypy", "ruff",
    "numpy.f2py", "pandas.tests", "numpy.tests", "setuptools", "pip",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2", "PySide6.QtQuickTest", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtDBus",
    "PySide6.QtSvg", "PySide6.QtSvgWidgets", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtUiTools", "PySide6.QtXml", "PySide6.QtConcurrent",
]

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


def keep(dest: str) -> bool:
    """True if a collected file (its destination path in the bundle) should stay."""
    path = PurePosixPath(dest.replace("\\", "/"))
    name = path.name
    parts = path.parts
    if name.startswith(DROP_LIBS):
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
