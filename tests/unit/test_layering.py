"""Layering rules of DESIGN §1 and §6: app/ is Qt-free, ui/ never touches storage,
and Chinese text lives only in app/strings/."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
UI = ROOT / "ui"

_IMPORT_ALL_APP = r"""
import importlib, pkgutil, sys
import app
names = []
for info in pkgutil.walk_packages(app.__path__, "app."):
    if info.name.startswith("app.storage.migrations"):
        continue  # alembic scripts only run inside app.storage.db.migrate()
    importlib.import_module(info.name)
    names.append(info.name)
print("\n".join(names))
loaded = sorted(m for m in sys.modules if m == "PySide6" or m.startswith("PySide6."))
assert not loaded, loaded
"""


def test_importing_every_app_module_does_not_load_pyside6() -> None:
    """DESIGN §1: app/ never imports PySide6 (checked in a clean interpreter)."""
    proc = subprocess.run([sys.executable, "-c", _IMPORT_ALL_APP], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    imported = set(proc.stdout.split())
    # The walk really reached the leaves, so a pass means something.
    assert {"app.cli", "app.services.roster_io", "app.storage.audit",
            "app.documents.excel_roster", "app.domain.roster"} <= imported


def _ui_imports(source: str) -> list[str]:
    """Every import of ``ui`` or ``ui.…`` anywhere in the module: top level, inside functions,
    under ``if TYPE_CHECKING``, relative forms excluded (app/ has no ``ui`` sibling)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "ui"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] == "ui":
                found.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(
                node.func, "id", "")) in ("import_module", "__import__") and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and str(first.value).split(".")[0] == "ui":
                found.append(str(first.value))
    return found


def test_ui_import_detector_catches_each_form() -> None:
    """The scan below would really notice a violation, lazy or not."""
    assert _ui_imports("import ui.main\n") == ["ui.main"]
    assert _ui_imports("def f():\n    from ui.main import run_gui\n") == ["ui.main"]
    assert _ui_imports("if X:\n    from ui import smoke\n") == ["ui"]
    assert _ui_imports("import importlib\nimportlib.import_module('ui.entry')\n") == [
        "ui.entry"]
    assert _ui_imports("import uikit\nfrom app.ui_text import X\nfrom . import ui\n") == []


def test_app_never_imports_ui() -> None:
    """DESIGN §1: the core does not know the GUI exists, not even lazily (issue 13): the
    window is started from ui/entry.py, which hands commands to app.cli."""
    offenders = {
        str(p.relative_to(ROOT)): refs
        for p in _py_files(APP)
        if (refs := _ui_imports(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}
    assert len(_py_files(APP / "cli")) >= 5  # the scan reaches the command line package


_FORBIDDEN_IN_UI = re.compile(
    r"^\s*(?:import\s+sqlalchemy|from\s+sqlalchemy|from\s+app\s+import\s+.*\bstorage\b)"
    r"|app\.storage",
    re.MULTILINE,
)


def _storage_references(source: str) -> list[str]:
    return [m.group(0).strip() for m in _FORBIDDEN_IN_UI.finditer(source)]


def test_storage_reference_detector_catches_each_form() -> None:
    """The grep below would really notice a violation."""
    assert _storage_references("import sqlalchemy as sa\n")
    assert _storage_references("from sqlalchemy.orm import Session\n")
    assert _storage_references("from app.storage.db import Database\n")
    assert _storage_references("from app import storage\n")
    assert not _storage_references("from app.services import Services\nimport app.strings\n")


def _py_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py")) if folder.is_dir() else []


def test_ui_never_imports_sqlalchemy_or_storage() -> None:
    """DESIGN §1: ui/ talks to services only, never to SQLAlchemy or app.storage."""
    offenders = {
        str(p.relative_to(ROOT)): refs
        for p in _py_files(UI)
        if (refs := _storage_references(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}


# Chinese text: CJK ideographs (extension A and the unified block) and the full-width
# punctuation and forms that come with it: CJK symbols and punctuation (U+3000-U+303F, e.g. the
# ideographic comma, full stop, corner brackets and space) and half-/full-width forms
# (U+FF00-U+FFEF: full-width brackets, colon, comma, semicolon ...). The whole file is scanned,
# string literals, comments and docstrings alike (comments are in English, DESIGN §6); code that
# must match such a character spells it as an escape ("\uff1a").
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
STRINGS = APP / "strings"


def _cjk_params() -> list[object]:
    params: list[object] = []
    for path in _py_files(APP) + _py_files(UI):
        if path.is_relative_to(STRINGS):
            continue
        params.append(pytest.param(path, id=path.relative_to(ROOT).as_posix()))
    return params


def _cjk_lines(source: str) -> list[str]:
    return [f"{n}: {line.strip()}" for n, line in enumerate(source.splitlines(), start=1)
            if _CJK.search(line)]


def test_cjk_detector_catches_ideographs_and_full_width_punctuation() -> None:
    """The scan below would really notice Chinese text, including bare full-width punctuation."""
    assert _cjk_lines('label = "旷工"\n')
    assert _cjk_lines('label = f"{p.name}\uff08{p.employee_no}\uff09"\n')  # full-width ( )
    assert _cjk_lines('text = a + "\uff1a" + b\n')  # full-width colon
    assert _cjk_lines('sep = "\u3001"\n')  # ideographic comma
    assert _cjk_lines('gap = "\u3000"\n')  # ideographic space
    assert _cjk_lines("# a comment with \u3002\n")
    assert not _cjk_lines('x = "a (b): c, d; e!" + "\\uff1a"  # escapes are fine\n')
    assert not _cjk_lines('dash = "\u2014 \u2026 \u00b7"\n')  # dashes and ellipsis are not CJK


@pytest.mark.parametrize("path", _cjk_params())
def test_no_chinese_text_outside_strings(path: Path) -> None:
    """DESIGN §6: every user-visible Chinese text lives in app/strings/ (the package)."""
    assert _cjk_lines(path.read_text(encoding="utf-8")) == []


def test_strings_package_is_where_the_chinese_is() -> None:
    """The CJK scan is not vacuous: it does see the strings package's Chinese, and the scan
    skips that package and nothing else."""
    modules = sorted(STRINGS.glob("*.py"))
    assert len(modules) > 5
    assert all(_cjk_lines(p.read_text(encoding="utf-8")) for p in modules
               if p.name != "__init__.py")
    scanned = {p.values[0] for p in _cjk_params()}
    assert not scanned & set(modules)
    assert scanned | set(STRINGS.rglob("*.py")) == set(_py_files(APP) + _py_files(UI))
