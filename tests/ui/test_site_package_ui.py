"""Issue 19: the site package from the window — 文件 › 导出现场数据包… at a site (file dialog,
incremental or full, the message with the key's fingerprint) and 导入现场数据包… at head office
(several files at once, in seq order, a refused file not stopping the others, one summary, the
project picker and the overview following). Screens go to ``ONSITEDESK_SHOTS`` when set."""

from __future__ import annotations

import hashlib
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog
from sqlalchemy import func, select

from app import strings
from app.services import Services
from app.services import sitepkg_format as fmt
from app.services.sitepkg import SitePackageService
from app.storage.tables import Project
from app.storage.tables_sitepkg import SiteImport, SiteTrust
from tests.helpers.accounts import (
    VIEWER_LOGIN,
    VIEWER_PASSWORD,
    cheap_scrypt,
    with_admin_and_viewer,
)
from tests.helpers.db import DEMO_TODAY, DatabaseTemplates, copy_database, open_services
from tests.helpers.window import open_window, shot
from ui import sitepkg

pytestmark = pytest.mark.usefixtures("qsettings_isolated")
WAIT_MS = 30000


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ONSITEDESK_DB", raising=False)




def _choose(monkeypatch: pytest.MonkeyPatch, full: bool, seen: list[Any]) -> None:
    """The incremental/full choice answered (and remembered, for a look at it)."""
    def answer(dialog: sitepkg.ExportChoiceDialog) -> int:
        seen.append((dialog.incremental.isChecked(), dialog.incremental.isEnabled(),
                     dialog.last.text()))
        dialog.full.setChecked(full)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(sitepkg.ExportChoiceDialog, "exec", answer)


# ---- export at the site ---------------------------------------------------------------------
def test_export_from_the_file_menu_then_import_at_head_office(
        qtbot: Any, demo_services: Services, empty_services: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, messages: Any) -> None:
    w = open_window(qtbot, demo_services)
    assert w.act_export_package.isEnabled() and w.act_import_package.isEnabled()
    code = demo_services.project.get().code
    proposed: list[tuple[str, str]] = []
    target = tmp_path / "usb" / "first"  # typed without the suffix

    def save_as(_parent: Any, _title: str, path: str, flt: str, *_a: Any) -> tuple[str, str]:
        proposed.append((path, flt))
        return str(target), flt

    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    defaults: list[Any] = []
    _choose(monkeypatch, False, defaults)
    w.act_export_package.trigger()
    qtbot.waitUntil(lambda: bool(messages.infos), timeout=WAIT_MS)
    written = tmp_path / "usb" / "first.odpkg"
    assert written.is_file()
    assert Path(proposed[0][0]).name == f"{code}-{DEMO_TODAY:%Y%m%d}.odpkg"
    assert proposed[0][1] == "现场数据包 (*.odpkg)"
    # the first package is full whatever is chosen: the dialog says so, incremental greyed
    assert defaults[0] == (False, False, strings.SP_UI_EXPORT_FIRST)
    (text,) = messages.infos
    fingerprint = fmt.read(written).manifest["fingerprint"]
    assert f"项目 {code} 的第 1 号数据包（完整）" in text  # the first is full anyway
    assert fingerprint in text and str(written) in text
    assert messages.errors == []

    # again, full chosen: the last folder is proposed, seq 2 is a full package
    target = tmp_path / "usb" / "again.odpkg"
    _choose(monkeypatch, True, defaults)
    w.act_export_package.trigger()
    qtbot.waitUntil(lambda: len(messages.infos) == 2, timeout=WAIT_MS)
    assert Path(proposed[1][0]).parent == tmp_path / "usb"
    again = fmt.read(target)
    assert (again.seq, again.full) == (2, True)
    assert "第 2 号数据包（完整）" in messages.infos[1]
    # the second time the dialog named the first package and the number coming next
    checked, enabled, last = defaults[1]
    assert checked and enabled
    assert last.startswith("上次导出：第 1 号数据包（完整），") and "文件 first.odpkg" in last
    assert "这次导出第 2 号" in last

    # the package is one head office imports, under the key the message named
    result = SitePackageService(empty_services.db).import_(written)
    assert result.new_key and result.fingerprint == fingerprint
    assert result.rows_inserted > 1000


def test_a_cancelled_file_dialog_or_choice_exports_nothing(
        qtbot: Any, demo_services: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, messages: Any) -> None:
    w = open_window(qtbot, demo_services)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    w.act_export_package.trigger()
    target = tmp_path / "p.odpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(sitepkg.ExportChoiceDialog, "exec",
                        lambda _self: QDialog.DialogCode.Rejected)
    w.act_export_package.trigger()
    w.tasks.wait()
    assert not target.exists() and messages.shown == []


def test_a_package_that_cannot_be_written_says_so(
        qtbot: Any, demo_services: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, messages: Any) -> None:
    w = open_window(qtbot, demo_services)
    target = tmp_path / "no-such-folder" / "p.odpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    _choose(monkeypatch, False, [])
    w.act_export_package.trigger()
    qtbot.waitUntil(lambda: bool(messages.errors), timeout=WAIT_MS)
    assert "无法写入数据包" in messages.errors[0] and "no-such-folder" in messages.errors[0]
    assert messages.infos == []


def test_a_viewer_may_neither_export_nor_import(
        qtbot: Any, demo_services: Services, monkeypatch: pytest.MonkeyPatch,
        messages: Any) -> None:
    """Export is a write of the site (``SitePackageService._export`` is ``@writes``): greyed
    with the write actions; the import is greyed for a viewer too, and says why if reached."""
    cheap_scrypt(monkeypatch)
    with_admin_and_viewer(demo_services)
    demo_services.accounts.logout()
    demo_services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    w = open_window(qtbot, demo_services)
    assert w.act_export_package in w.write_actions
    assert not w.act_export_package.isEnabled()
    assert w.act_export_package.toolTip() == strings.AUI_VIEWER_REASON
    assert not w.act_import_package.isEnabled()
    assert "李四" in w.act_import_package.toolTip()
    opened: list[Any] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **_k: opened.append(a) or ([], ""))
    w.import_site_packages()
    assert opened == [] and "李四" in messages.errors[0]


# ---- import at head office ------------------------------------------------------------------
def _site(templates: DatabaseTemplates, folder: Path, code: str | None) -> Path:
    """A site PC's database: the demo, with an identity of its own unless ``code`` is None."""
    path = copy_database(templates.demo(), folder / "onsitedesk.db")
    if code is not None:
        con = sqlite3.connect(path)
        with con:
            con.execute("UPDATE project SET uid = ?, code = ?, name = ?",
                        (hashlib.md5(code.encode()).hexdigest(), code, f"{code} 现场"))
        con.close()
    return path


def _export(site: Path, file: Path, edit: Any = None) -> Path:
    services = open_services(site, today=DEMO_TODAY)
    try:
        if edit is not None:
            edit(services)
        SitePackageService(services.db).export(file)
    finally:
        services.close()
    return file


def _break_chain(site: Path) -> int:
    con = sqlite3.connect(site)
    with con:  # a row of history rewritten behind the app's back
        newest = int(con.execute("SELECT MAX(id) FROM audit_log").fetchone()[0])
        con.execute("UPDATE audit_log SET prev_hash = ? WHERE id = ?", ("0" * 64, newest))
    con.close()
    return newest


def _tampered(src: Path, dst: Path) -> Path:
    with zipfile.ZipFile(src) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    payload = bytearray(parts["payload.jsonl.gz"])
    payload[len(payload) // 2] ^= 0x01
    parts["payload.jsonl.gz"] = bytes(payload)
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return dst


class Summaries:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: list[sitepkg.ImportSummaryDialog] = []
        monkeypatch.setattr(sitepkg.ImportSummaryDialog, "exec",
                            lambda dialog: self.shown.append(dialog) or 0)


def _pick(monkeypatch: pytest.MonkeyPatch, files: list[Path]) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *_a, **_k: ([str(f) for f in files], ""))


def test_head_office_imports_several_sites_packages_in_one_go(
        qtbot: Any, db_templates: DatabaseTemplates, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, messages: Any) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    site_a = _site(db_templates, tmp_path / "a", None)
    site_b = _site(db_templates, tmp_path / "b", "SITE-B")
    site_c = _site(db_templates, tmp_path / "c", "SITE-C")
    a1 = _export(site_a, usb / "a1.odpkg")
    a2 = _export(site_a, usb / "a2.odpkg", lambda s: s.roster.remove_equipment(1))
    broken = _break_chain(site_a)
    a3 = _export(site_a, usb / "a3.odpkg", lambda s: s.roster.remove_equipment(2))
    b1 = _export(site_b, usb / "b1.odpkg")
    c1 = _tampered(_export(site_c, tmp_path / "c1.odpkg"), usb / "c1.odpkg")
    # head office: a database of its own, site A's first package imported before
    hq_path = copy_database(db_templates.migrated(), tmp_path / "hq" / "onsitedesk.db")
    hq = open_services(hq_path, today=DEMO_TODAY)
    try:
        hq.project.update(code="HQ", name="总部")
        code_a = SitePackageService(hq.db).import_(a1).project
        w = open_window(qtbot, hq)
        ho = w.headoffice
        assert ho is not None and ho.bar.combo.count() == 2
        assert ho.overview.import_button.isEnabled()
        summaries = Summaries(monkeypatch)
        # chosen in any order: A's packages go in by seq (3 before 2 would be refused)
        _pick(monkeypatch, [a3, c1, b1, a2, a1])
        ho.overview.import_button.click()
        qtbot.waitUntil(lambda: bool(summaries.shown), timeout=WAIT_MS)
        (dialog,) = summaries.shown
        got = {o.file: o for o in dialog.outcomes}
        assert [o.file for o in dialog.outcomes] == [
            "a1.odpkg", "a2.odpkg", "a3.odpkg", "b1.odpkg", "c1.odpkg"]
        assert got["a1.odpkg"].status == sitepkg.UNCHANGED
        assert got["a1.odpkg"].text == strings.SP_ALREADY.format(file="a1.odpkg", code=code_a,
                                                                 seq=1)
        assert got["a2.odpkg"].status == got["a3.odpkg"].status == sitepkg.IMPORTED
        assert "第 2 号数据包" in got["a2.odpkg"].text and "删除 1 行" in got["a2.odpkg"].text
        assert got["a2.odpkg"].notes == []
        assert got["a3.odpkg"].notes == [strings.SP_CHAIN_BREAK.format(
            file="a3.odpkg", code=code_a, id=broken)]
        assert got["b1.odpkg"].status == sitepkg.IMPORTED
        fp_b = fmt.read(b1).manifest["fingerprint"]
        assert got["b1.odpkg"].notes == [strings.SP_TRUST_NEW.format(code="SITE-B",
                                                                     fingerprint=fp_b)]
        assert got["c1.odpkg"].status == sitepkg.REFUSED
        assert "c1.odpkg" in got["c1.odpkg"].text and "SHA-256" in got["c1.odpkg"].text
        text = dialog.text()
        assert "共 5 个文件：已导入 3 个，无变化 1 个，未导入 1 个。" in text
        for name in got:
            assert name in text
        assert "【未导入】 c1.odpkg" in text and fp_b in text and "不连续" in text
        assert dialog.next.isVisibleTo(dialog)
        # the picker and the overview follow: both sites, nothing of site C
        labels = [ho.bar.combo.itemText(i) for i in range(ho.bar.combo.count())]
        assert len(labels) == 3 and any("SITE-B" in t for t in labels)
        assert any(code_a in t for t in labels) and not any("SITE-C" in t for t in labels)
        qtbot.waitUntil(lambda: len(ho.overview.rows) == 3, timeout=WAIT_MS)
        codes = {r.code for r in ho.overview.rows}
        assert {code_a, "SITE-B"} <= codes and "SITE-C" not in codes
        with hq.db.read() as s:
            assert s.scalar(select(func.count()).select_from(SiteImport)) == 4  # A1-3, B1
            assert s.scalar(select(func.count()).select_from(Project)
                            .where(Project.code == "SITE-C")) == 0
            assert s.scalar(select(func.count()).select_from(SiteTrust)) == 2
        assert messages.errors == []
        w.tabs.setCurrentWidget(ho.overview)
        shot(w, "sitepkg-overview-after-import.png")
        dialog.show()
        shot(dialog, "sitepkg-import-summary.png")
    finally:
        hq.close()


def test_the_first_site_package_makes_the_window_a_head_offices(
        qtbot: Any, db_templates: DatabaseTemplates, empty_services: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, messages: Any) -> None:
    """A new head-office database has one project (its own): no head-office tabs yet, the
    import in the 文件 menu; after the first package the picker and the overview appear."""
    a1 = _export(_site(db_templates, tmp_path / "a", "SITE-A"), tmp_path / "a1.odpkg")
    w = open_window(qtbot, empty_services)
    assert w.headoffice is None
    summaries = Summaries(monkeypatch)
    _pick(monkeypatch, [a1, a1.with_name("gone.odpkg")])
    w.act_import_package.trigger()
    qtbot.waitUntil(lambda: bool(summaries.shown), timeout=WAIT_MS)
    (dialog,) = summaries.shown
    assert [(o.file, o.status) for o in dialog.outcomes] == [
        ("a1.odpkg", sitepkg.IMPORTED), ("gone.odpkg", sitepkg.REFUSED)]
    assert "gone.odpkg" in dialog.outcomes[1].text and "未导入任何数据" in dialog.outcomes[1].text
    ho = w.headoffice
    assert ho is not None and ho.bar.combo.count() == 2
    assert any("SITE-A" in ho.bar.combo.itemText(i) for i in range(2))
    assert "SITE-A" not in w.windowTitle()  # head office stays on its own project
    assert w.status_project.isVisible()  # "one of 2 projects"
    # on the site's read-only copy: export greyed (the gate), import still offered
    ho.bar.combo.setCurrentIndex(next(i for i in range(2)
                                      if "SITE-A" in ho.bar.combo.itemText(i)))
    assert empty_services.db.project_refusal
    assert not w.act_export_package.isEnabled()
    assert w.act_import_package.isEnabled() and ho.overview.import_button.isEnabled()
    w.export_site_package()  # reached anyway: says why
    assert messages.errors == [strings.SP_EXPORT_SITE_COPY.format(code="SITE-A")]


def test_the_menu_and_the_dialogs_as_a_user_sees_them(
        qtbot: Any, demo_services: Services, tmp_path: Path) -> None:
    """Screens: the 文件 menu, the export choice, the export message (as ui.messages shows
    it); each fits a 1366×768 screen."""
    from PySide6.QtWidgets import QMessageBox

    w = open_window(qtbot, demo_services)
    menu = w.act_export_package.associatedObjects()[0]
    menu.popup(w.mapToGlobal(w.rect().topLeft()))
    qtbot.waitExposed(menu)
    menu.setActiveAction(w.act_export_package)
    shot(menu, "sitepkg-file-menu.png")
    menu.close()
    code = demo_services.project.get().code
    sites = SitePackageService(demo_services.db)
    result = sites.export(tmp_path / "p1.odpkg")
    last = sites.last_export()
    assert last is not None and (last.seq, last.full, last.file_name) == (1, True, "p1.odpkg")
    choice = sitepkg.ExportChoiceDialog(code, tmp_path / f"{code}-20261129.odpkg", last, w)
    qtbot.addWidget(choice)
    choice.show()
    assert choice.incremental.isChecked() and not choice.full.isChecked()
    assert "这次导出第 2 号" in choice.last.text()
    assert choice.width() <= 1366 and choice.height() <= 688
    shot(choice, "sitepkg-export-choice.png")
    box = QMessageBox(QMessageBox.Icon.Information, strings.SP_UI_EXPORT_TITLE,
                      sitepkg.export_message(result), parent=w)
    box.show()
    assert result.fingerprint in box.text()
    shot(box, "sitepkg-export-done.png")
    box.close()


# ---- the order, and what one bad file does to the others ------------------------------------
def test_a_sites_packages_keep_together_by_seq_when_its_code_changed(
        db_templates: DatabaseTemplates, tmp_path: Path) -> None:
    site_a = _site(db_templates, tmp_path / "a", None)
    p1 = _export(site_a, tmp_path / "p1.odpkg")
    p2 = _export(site_a, tmp_path / "p2.odpkg",
                 lambda s: s.project.update(code="AA-NEW"))  # sorts before every other code
    b1 = _export(_site(db_templates, tmp_path / "b", "SITE-B"), tmp_path / "b1.odpkg")
    junk = tmp_path / "junk.odpkg"
    junk.write_bytes(b"not a zip")
    assert fmt.read(p2).code == "AA-NEW" and fmt.read(p1).code < "SITE-B"
    assert sitepkg.package_order([b1, junk, p2, p1]) == [p1, p2, b1, junk]


class _Progress:
    def __init__(self, cancel_after: int) -> None:
        self.reports: list[str] = []
        self.cancel_after = cancel_after

    def report(self, _done: int, _total: int, text: str = "") -> None:
        if text:
            self.reports.append(text)

    def cancelled(self) -> bool:
        return len(self.reports) >= self.cancel_after


@pytest.mark.expect_error_log  # the unexpected error is logged (with its traceback)
def test_an_unexpected_error_or_a_cancel_leaves_the_other_files_alone(
        db_templates: DatabaseTemplates, empty_services: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    empty_services.project.update(code="HQ", name="总部")
    a1 = _export(_site(db_templates, tmp_path / "a", "SITE-A"), tmp_path / "a1.odpkg")
    b1 = _export(_site(db_templates, tmp_path / "b", "SITE-B"), tmp_path / "b1.odpkg")
    c1 = _export(_site(db_templates, tmp_path / "c", "SITE-C"), tmp_path / "c1.odpkg")
    real = SitePackageService.import_

    def flaky(service: SitePackageService, path: Path) -> Any:
        if path.name == "a1.odpkg":
            raise RuntimeError("disk on fire")
        return real(service, path)

    monkeypatch.setattr(SitePackageService, "import_", flaky)
    progress = _Progress(cancel_after=2)
    out = sitepkg.import_all(empty_services, [c1, b1, a1], progress)
    assert [(o.file, o.status) for o in out] == [
        ("a1.odpkg", sitepkg.REFUSED), ("b1.odpkg", sitepkg.IMPORTED),
        ("c1.odpkg", sitepkg.REFUSED)]
    assert "意外错误" in out[0].text and "disk on fire" not in out[0].text
    assert out[2].text == strings.SP_UI_CANCELLED.format(file="c1.odpkg")
    assert progress.reports == ["正在导入 a1.odpkg（1/3）…", "正在导入 b1.odpkg（2/3）…"]
    assert [p.code for p in empty_services.headoffice.projects()] == ["HQ", "SITE-B"]
