"""Issue 19: the head office in the window on a database of three projects — the project
picker, the 总部总览 and 统计 tabs (off the GUI thread), switching the project rebuilds the
site tabs on it; a one-site database shows none of it. Screens at 1366×768 go to
``ONSITEDESK_SHOTS`` when set."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services import Services
from tests.helpers.db import copy_database
from tests.helpers.multi import PROJECTS, build_company, open_company
from tests.helpers.window import open_window, shot
from ui.main_window import TABS

pytestmark = pytest.mark.usefixtures("qsettings_isolated")


@pytest.fixture(scope="module")
def company_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_company(tmp_path_factory.mktemp("company") / "onsitedesk.db")


@pytest.fixture
def company(company_template: Path, tmp_path: Path) -> Iterator[Services]:
    s = open_company(copy_database(company_template, tmp_path / "c" / "onsitedesk.db"))
    yield s
    s.close()




def test_the_head_office_tabs_on_three_projects(qtbot: Any, company: Services) -> None:
    w = open_window(qtbot, company)
    ho = w.headoffice
    assert ho is not None
    titles = [w.tabs.tabText(i) for i in range(w.tabs.count())]
    assert titles == [s.title for s in TABS] + ["总部总览", "统计"]
    assert ho.bar.combo.count() == 3 and ho.bar.combo.currentData() == 1
    w.tabs.setCurrentWidget(ho.overview)
    ho.overview.month.setCurrentIndex(0)  # 2026年11月 on the suite's day
    qtbot.waitUntil(lambda: ho.overview.table.rowCount() == 3, timeout=20000)
    codes = [ho.overview.table.item(r, 0).text() for r in range(3)]
    assert codes == sorted(code for code, _, _ in PROJECTS)
    headers = [ho.overview.table.horizontalHeaderItem(c).text()
               for c in range(ho.overview.table.columnCount())]
    assert {"打卡数据截至", "在场人数", "本月问题", "须附说明", "逾期交接"} <= set(headers)
    through = headers.index("打卡数据截至")
    assert [ho.overview.table.item(r, through).text() for r in range(3)] == [
        {r.code: r for r in ho.overview.rows}[c].figures.data_through or "—" for c in codes]
    rows = {r.code: r for r in ho.overview.rows}
    problems = headers.index("本月问题")
    assert ho.overview.table.item(codes.index("FS-ZXYY"), problems).text() == str(
        rows["FS-ZXYY"].figures.problems)
    assert "3 个项目" in ho.overview.summary.text()
    shot(w, "overview.png")

    w.tabs.setCurrentWidget(ho.statistics)
    ho.statistics.first.setCurrentIndex(2)  # 2026年9月 .. 2026年11月
    ho.statistics.load()
    qtbot.waitUntil(lambda: ho.statistics.stats is not None, timeout=20000)
    table = ho.statistics.table
    assert table.rowCount() == 3 and table.columnCount() == 2 + 3
    assert table.horizontalHeaderItem(4).text() == "2026年11月"
    assert ho.statistics.stats.late_minutes.rows  # the late minutes are among the tables
    ho.statistics.metric_box.setCurrentIndex(
        ho.statistics.metric_box.findData("late_minutes"))
    row = [table.item(r, 0).text() for r in range(3)].index("SZ-RMYY")
    assert table.item(row, 4).text() == str(rows["SZ-RMYY"].figures.late_minutes)
    shot(w, "statistics.png")


def test_picking_a_project_rebuilds_the_site_tabs_on_it(qtbot: Any,
                                                        company: Services) -> None:
    w = open_window(qtbot, company)
    ho = w.headoffice
    assert ho is not None
    before = w.roster_tab
    first_names = {p.id for p in before.model.rows}
    ho.bar.combo.setCurrentIndex(ho.bar.combo.findData(2))
    assert company.db.project_id == 2
    assert "roster_tab" in w.built and w.roster_tab is not before
    assert {p.id for p in w.roster_tab.model.rows}.isdisjoint(first_names)
    assert w.windowTitle().find(PROJECTS[1][1]) >= 0
    # the overview's 打开此项目 switches too, and the picker follows
    w.tabs.setCurrentWidget(ho.overview)
    qtbot.waitUntil(lambda: ho.overview.table.rowCount() == 3, timeout=20000)
    target = [r.project_id for r in ho.overview.rows].index(3)
    ho.overview.table.selectRow(target)
    ho.overview.open_button.click()
    assert company.db.project_id == 3 and ho.bar.combo.currentData() == 3


def test_a_one_site_database_has_no_head_office(qtbot: Any, demo_services: Services) -> None:
    w = open_window(qtbot, demo_services)
    assert w.headoffice is None
    assert w.tabs.count() == len(TABS)


def test_the_window_takes_a_postgresql_db(monkeypatch: pytest.MonkeyPatch) -> None:
    """``onsitedesk --db postgresql+psycopg://…`` opens the window on the server, anchored
    in a local data folder of its own (as the commands are)."""
    import ui.entry
    import ui.main
    from app.storage.db import server_anchor

    seen: dict[str, Any] = {}

    def fake_run_gui(db_path: Path, demo: bool = False, project: str | None = None,
                     server: str | None = None) -> int:
        seen.update(path=db_path, demo=demo, server=server)
        return 0

    monkeypatch.setattr(ui.main, "run_gui", fake_run_gui)
    url = "postgresql+psycopg://hq@127.0.0.1:5433/company"
    assert ui.entry.main(["--db", url]) == 0
    assert seen == {"path": server_anchor(url), "demo": False, "server": url}
    monkeypatch.delenv("ONSITEDESK_DB", raising=False)
    assert ui.entry.main(["--db", str(Path("/tmp/x/onsitedesk.db"))]) == 0
    assert seen["server"] is None and seen["path"] == Path("/tmp/x/onsitedesk.db")


def test_the_window_opens_a_company_database_without_project(company_template: Path,
                                                             tmp_path: Path) -> None:
    """The commands ask which project; the window opens on the first by code and offers
    the picker. ``--project`` still chooses."""
    from ui.main import open_on_project

    path = copy_database(company_template, tmp_path / "w" / "onsitedesk.db")
    first = sorted(code for code, _, _ in PROJECTS)[0]
    s = open_on_project(path)
    try:
        assert s.project.get().code == first
    finally:
        s.close()
    s = open_on_project(path, project=PROJECTS[1][0].lower())
    try:
        assert s.project.get().code == PROJECTS[1][0]
    finally:
        s.close()


def test_the_project_is_not_switched_under_a_running_job(qtbot: Any,
                                                         company: Services) -> None:
    """Every service works on the one current project: while a job runs (an import, a
    month) the picker and 打开此项目 are greyed, and a switch reached anyway is refused with
    a message; the job still works on the project it started on."""
    import threading

    from app import strings

    w = open_window(qtbot, company)
    ho = w.headoffice
    assert ho is not None
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=20000)
    assert ho.bar.combo.isEnabled()
    release = threading.Event()
    seen: list[int] = []

    def job(_progress: Any) -> int:
        release.wait(20)
        return company.db.project_id  # what the job's services work on when it ends

    w.tasks.run("…", job, seen.append)
    assert w.tasks.busy and not ho.bar.combo.isEnabled()
    assert not ho.overview.open_button.isEnabled()
    assert ho.bar.combo.toolTip() == strings.HO_SWITCH_BUSY
    ho.switch_to(2)  # as if reached anyway
    assert company.db.project_id == 1 and ho.bar.combo.currentData() == 1
    assert w.statusBar().currentMessage() == strings.HO_SWITCH_BUSY
    release.set()
    qtbot.waitUntil(lambda: seen == [1], timeout=20000)
    qtbot.waitUntil(lambda: ho.bar.combo.isEnabled(), timeout=20000)
    ho.bar.combo.setCurrentIndex(ho.bar.combo.findData(2))
    assert company.db.project_id == 2
