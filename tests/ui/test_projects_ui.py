"""Issue 19: the window on a database of several projects names the project it works on
(title and status bar: code and name); on a one-project database nothing changes; the
project dialog edits the code (checked, upper-cased); a site package's copy is read-only."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from app import strings
from app.errors import ValidationError
from app.services import Services
from app.services.project import add_project
from ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("qsettings_isolated")


def _window(qtbot: Any, services: Services) -> MainWindow:
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.resize(1366, 720)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_title_and_status_bar_name_the_project_among_several(
        qtbot: Any, empty_services: Services) -> None:
    s = empty_services
    s.project.update(name="甲医院运维项目", code="HZ-A01")
    one = _window(qtbot, s)
    assert one.windowTitle() == "甲医院运维项目"  # one project: as before
    assert not one.status_project.isVisible()
    one.close()
    add_project(s.db, "NB-B02", "乙政务中心运维项目")
    s.use_project("nb-b02")
    w = _window(qtbot, s)
    assert "NB-B02" in w.windowTitle() and "乙政务中心运维项目" in w.windowTitle()
    assert w.status_project.isVisible()
    assert w.status_project.full_text() == strings.PRJ_STATUS.format(
        code="NB-B02", n=2, name="乙政务中心运维项目")
    assert "HZ-A01" not in w.windowTitle()


def test_project_dialog_edits_the_code(qtbot: Any, empty_services: Services) -> None:
    from ui.project_dialog import ProjectDialog

    s = empty_services
    s.project.update(name="甲医院运维项目")
    add_project(s.db, "NB-B02", "乙政务中心运维项目")
    dialog = ProjectDialog(s)
    qtbot.addWidget(dialog)
    code = dialog.edits["code"]
    assert isinstance(code, QLineEdit)
    code.setText("nb-b02")
    with pytest.raises(ValidationError) as taken:
        dialog.submit()
    assert "乙政务中心运维项目" in taken.value.message
    code.setText("hz-a01")
    dialog.submit()
    assert s.project.get().code == "HZ-A01"

