"""Issue 16 (4): what the Linux bundle drops (packaging/spec_common.py). The GTK stack the
GTK platform theme drags in goes (nothing left needs it), Qt and the X11 libraries stay, and
Windows keeps everything until a slimming is tried under Wine."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _spec_common(platform: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.syspath_prepend(str(ROOT / "packaging"))
    sys.modules.pop("spec_common", None)
    try:
        return importlib.import_module("spec_common")
    finally:
        sys.modules.pop("spec_common", None)


def test_linux_drops_the_gtk_stack_and_keeps_what_qt_loads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _spec_common("linux", monkeypatch)
    for name in ("libcairo.so.2", "libpango-1.0.so.0", "libpangocairo-1.0.so.0",
                 "libatk-1.0.so.0", "libgdk_pixbuf-2.0.so.0", "libharfbuzz.so.0",
                 "libgio-2.0.so.0", "libpixman-1.so.0"):
        assert not spec.keep(name), name
    for name in ("libQt6Core.so.6", "libQt6Gui.so.6", "libQt6Widgets.so.6",
                 "libQt6XcbQpa.so.6", "libglib-2.0.so.0", "libfontconfig.so.1",
                 "libfreetype.so.6", "libX11.so.6", "libxkbcommon.so.0", "libsqlite3.so.0",
                 "PySide6/Qt/plugins/platforms/libqxcb.so"):
        assert spec.keep(name), name
    assert "numpy" in spec.EXCLUDES and spec.STRIP


def test_windows_keeps_its_bundle_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _spec_common("win32", monkeypatch)
    assert spec.keep("libcairo.so.2") and spec.keep("libharfbuzz-0.dll")
    assert "numpy" not in spec.EXCLUDES and "multiprocessing" not in spec.EXCLUDES
    assert not spec.STRIP


def test_linux_bundle_has_one_executable_and_a_symlink() -> None:
    text = (ROOT / "packaging" / "onsitedesk.spec").read_text(encoding="utf-8")
    assert 'os.symlink("OnsiteDesk", link)' in text  # one copy of the Python archive


def test_what_migration_scripts_import_is_bundled() -> None:
    """Migration scripts ship as data files, so PyInstaller never sees their imports: each
    standard-library module they import must be a hidden import of the spec (the bundle's
    smoke test once failed with "No module named 'secrets'" in migration 0012)."""
    import ast

    root = Path(__file__).resolve().parents[2]
    spec = (root / "packaging" / "onsitedesk.spec").read_text(encoding="utf-8")
    bundled_anyway = {"__future__", "alembic", "sqlalchemy", "app"}
    for script in (root / "app" / "storage" / "migrations").rglob("*.py"):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                top = name.split(".")[0]
                if top and top not in bundled_anyway:
                    assert f'"{top}"' in spec, (script.name, top)
