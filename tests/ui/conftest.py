"""GUI test fixtures: isolated settings, an empty database, and the message recorder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services import Services
from tests.helpers.db import DatabaseTemplates, open_copy
from tests.helpers.messages import messages  # noqa: F401  (the fixture)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def qsettings_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))


@pytest.fixture
def empty_services(db_templates: DatabaseTemplates, tmp_path: Path) -> Iterator[Services]:
    services = open_copy(db_templates.migrated(), tmp_path / "empty" / "onsitedesk.db")
    yield services
    services.close()
