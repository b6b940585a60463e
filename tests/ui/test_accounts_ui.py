"""Accounts in the window (issue 18): the first-run dialog and the recovery code shown once,
the login dialog's refusals (wrong password, throttling), a viewer's greyed window, user
management, the idle lock, and the demo start without a dialog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from app import strings
from app.clock import FixedClock
from app.services import Services
from tests.helpers.accounts import (
    ADMIN_DISPLAY,
    ADMIN_LOGIN,
    ADMIN_PASSWORD,
    VIEWER_LOGIN,
    VIEWER_PASSWORD,
    cheap_scrypt,
    with_admin_and_viewer,
)
from tests.ui.test_write_gate_ui import WRITES, _get
from ui.accounts import dialogs, session
from ui.accounts.dialogs import (
    FirstAdminDialog,
    LoginDialog,
    RecoveryCodeDialog,
    render_code,
    strength,
)
from ui.accounts.idle import Cover, idle_minutes, set_idle_minutes
from ui.accounts.users import AddUserDialog, UserManagementDialog
from ui.common import palette
from ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("qsettings_isolated")

WAIT_MS = 20000


@pytest.fixture(autouse=True)
def _cheap(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_scrypt(monkeypatch)


@pytest.fixture
def accounts_services(demo_services: Services) -> Services:
    """The demo site with an admin and a viewer, nobody signed in."""
    with_admin_and_viewer(demo_services)
    demo_services.accounts.logout()
    return demo_services


def _window(qtbot: Any, services: Services) -> MainWindow:
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    return w


def _sign_in(qtbot: Any, services: Services, host: MainWindow | None, login: str,
             password: str) -> LoginDialog:
    from ui.tasks import TaskRunner

    tasks = host.tasks if host is not None else TaskRunner(None)  # type: ignore[arg-type]
    dialog = LoginDialog(services, tasks, host)
    qtbot.addWidget(dialog)
    dialog.login.setText(login)
    dialog.password.setText(password)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    return dialog


# ---- first run ------------------------------------------------------------------------------
def test_first_run_creates_the_admin_and_encrypts(qtbot: Any, demo_services: Services) -> None:
    host = _window(qtbot, demo_services)
    assert host.account_session.banner.text() == strings.AUI_NO_ACCOUNTS_BANNER
    assert host.account_session.banner.isVisibleTo(host)
    dialog = FirstAdminDialog(demo_services, host.tasks, host)
    qtbot.addWidget(dialog)
    dialog.login.setText(ADMIN_LOGIN)
    dialog.display.setText(ADMIN_DISPLAY)
    dialog.password.first.setText(ADMIN_PASSWORD)
    dialog.password.second.setText(ADMIN_PASSWORD + "x")
    dialog.create_button.click()  # mismatch: refused here, nothing created
    assert dialog.error.text() == strings.AUI_MISMATCH
    assert not demo_services.accounts.has_users()
    dialog.password.first.setText("short")
    dialog.password.second.setText("short")
    dialog.create_button.click()
    assert dialog.error.text() == strings.ACC_PASSWORD_TOO_SHORT.format(n=8)
    dialog.password.first.setText(ADMIN_PASSWORD)
    dialog.password.second.setText(ADMIN_PASSWORD)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
    assert dialog.code is not None and len(dialog.code) == 35
    assert dialog.report is not None and dialog.report.people > 0
    principal = demo_services.db.principal
    assert principal is not None and principal.is_admin and principal.display == ADMIN_DISPLAY
    assert demo_services.db.keys is not None
    host.account_session.apply()
    assert not host.account_session.banner.isVisibleTo(host)
    assert host.account_session.act_manage.isVisible()
    assert not host.account_session.act_set_up.isVisible()
    assert host.account_session.status_user.text() == strings.AUI_STATUS_USER.format(
        display=ADMIN_DISPLAY, role="管理员")


def test_the_first_admin_with_bad_names_is_refused_in_the_service_words(
        qtbot: Any, empty_services: Services) -> None:
    host = _window(qtbot, empty_services)
    dialog = FirstAdminDialog(empty_services, host.tasks, host)
    qtbot.addWidget(dialog)
    dialog.login.setText("张三")  # not a login name
    dialog.display.setText(ADMIN_DISPLAY)
    dialog.password.first.setText(ADMIN_PASSWORD)
    dialog.password.second.setText(ADMIN_PASSWORD)
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=WAIT_MS)
    assert dialog.error.text() == strings.ACC_BAD_LOGIN_NAME.format(login="张三")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not empty_services.accounts.has_users()


def test_recovery_code_cannot_be_closed_before_the_tick(
        qtbot: Any, demo_services: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, messages: Any) -> None:
    code = "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567"
    dialog = RecoveryCodeDialog(demo_services, code, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.code_label.text() == code
    assert not dialog.close_button.isEnabled()
    dialog.reject()  # Esc
    dialog.close()  # the title bar's close box
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.hint.text() == strings.AUI_CODE_MUST_TICK
    target = tmp_path / "code.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(target), ""))
    dialog.save_button.click()
    saved = target.read_text(encoding="utf-8-sig")
    assert code in saved and str(demo_services.db_path) in saved
    assert messages.infos == [strings.AUI_CODE_SAVED.format(path=target)]
    printed: list[str] = []
    monkeypatch.setattr(dialogs, "print_code", lambda _p, _t, text: printed.append(text) or True)
    dialog.print_button.click()
    assert printed and code in printed[0]
    dialog.tick.setChecked(True)
    assert dialog.close_button.isEnabled()
    dialog.close_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


def test_the_printed_code_is_a_page_with_the_code(qapp: Any, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pdf = tmp_path / "code.pdf"
    printer.setOutputFileName(str(pdf))
    render_code(printer, strings.AUI_CODE_PRINT_TITLE,
                "line one\n\n    ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567\n")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000


def test_strength_hint() -> None:
    assert strength("short") == 0
    assert strength("password") == 1
    assert strength("Password12!x") == 3


# ---- start --------------------------------------------------------------------------------
def test_the_demo_start_shows_no_dialog_only_the_banner(
        qtbot: Any, demo_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(FirstAdminDialog, "exec", lambda self: shown.append("first") or 0)
    monkeypatch.setattr(LoginDialog, "exec", lambda self: shown.append("login") or 0)
    w = _window(qtbot, demo_services)
    assert session.sign_in_at_start(w, demo_services, offer_first_admin=False)
    assert shown == []
    assert w.account_session.banner.isVisibleTo(w)
    # a real database without accounts: the first-run dialog; "以后再说" keeps it working
    assert session.sign_in_at_start(w, demo_services, offer_first_admin=True)
    assert shown == ["first"] and not demo_services.accounts.has_users()
    assert w.roster_tab.btn_add.isEnabled()


def test_start_with_accounts_asks_to_sign_in_and_cancel_quits(
        qtbot: Any, accounts_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    w = MainWindow()
    qtbot.addWidget(w)
    monkeypatch.setattr(LoginDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert not session.sign_in_at_start(w, accounts_services, offer_first_admin=False)
    monkeypatch.setattr(LoginDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert session.sign_in_at_start(w, accounts_services, offer_first_admin=True)


# ---- login --------------------------------------------------------------------------------
def test_login_wrong_password_then_throttled_then_right(
        qtbot: Any, accounts_services: Services) -> None:
    dialog = _sign_in(qtbot, accounts_services, None, ADMIN_LOGIN, "wrong password")
    assert dialog.error.text() == strings.ACC_BAD_CREDENTIALS
    assert dialog.password.text() == "" and dialog.result() != QDialog.DialogCode.Accepted
    assert accounts_services.db.principal is None
    for _ in range(4):  # five failures in a row lock the account for 30 s
        dialog.password.setText("wrong password")
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    dialog.password.setText(ADMIN_PASSWORD)  # even the right one, while locked
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert dialog.error.text() == strings.ACC_LOCKED_OUT.format(login=ADMIN_LOGIN, seconds=30)
    assert "30 秒后再试" in dialog.error.text()
    clock = accounts_services.clock
    assert isinstance(clock, FixedClock)
    clock.advance(dt.timedelta(seconds=31))
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
    principal = accounts_services.db.principal
    assert principal is not None and principal.login == ADMIN_LOGIN


def test_login_asks_for_a_name_and_a_password_before_trying(
        qtbot: Any, accounts_services: Services) -> None:
    dialog = _sign_in(qtbot, accounts_services, None, "", "")
    assert dialog.error.text() == strings.AUI_NEED_NAME
    dialog.login.setText(ADMIN_LOGIN)
    dialog.ok_button.click()
    assert dialog.error.text() == strings.AUI_NEED_PASSWORD


def test_forgotten_password_with_the_recovery_code(
        qtbot: Any, demo_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    code = with_admin_and_viewer(demo_services)
    demo_services.accounts.logout()
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_recovery_code",
                        lambda _s, new, _p: shown.append(new))
    login = _sign_in(qtbot, demo_services, None, ADMIN_LOGIN, "forgot it")

    def recover(dialog: dialogs.RecoverDialog) -> int:
        dialog.code.setText(code.lower().replace("-", " "))
        dialog.password.first.setText("a new password 3")
        dialog.password.second.setText("a new password 3")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.new_code is not None, timeout=WAIT_MS)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(dialogs.RecoverDialog, "exec", recover)
    login.forgot_button.click()
    assert len(shown) == 1 and shown[0] != code
    assert login.intro_label.text() == strings.AUI_RECOVER_DONE.format(login=ADMIN_LOGIN)
    login.password.setText("a new password 3")
    login.ok_button.click()
    qtbot.waitUntil(lambda: login.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)


# ---- roles --------------------------------------------------------------------------------
def test_a_viewer_sees_every_write_greyed_and_no_admin_control(
        qtbot: Any, accounts_services: Services, tmp_path: Path) -> None:
    accounts_services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    w = _window(qtbot, accounts_services)
    w.show()
    qtbot.waitExposed(w)
    reason = strings.AUI_VIEWER_REASON
    assert w.read_only_banner.isVisible() and w.read_only_banner.text() == reason
    for attr, (writes, _reads) in WRITES.items():
        tab = w.tab(attr)
        w.tabs.setCurrentWidget(tab)
        for name in writes:
            button = _get(tab, name)
            assert not button.isEnabled(), (attr, name)
            assert button.toolTip() == reason, (attr, name)
    for action in w.write_actions:
        assert not action.isEnabled() and action.toolTip() == reason
    assert not w.roster_tab.btn_export_full.isVisible()
    assert w.roster_tab.btn_export.isEnabled()  # exporting (masked) reads
    acc = w.account_session
    assert not acc.act_manage.isVisible() and acc.act_change_own.isVisible()
    assert acc.status_user.text() == strings.AUI_STATUS_USER.format(display="李四",
                                                                    role="只读")
    assert not acc.banner.isVisibleTo(w)


def test_switching_from_a_viewer_to_an_admin_opens_the_gate(
        qtbot: Any, accounts_services: Services) -> None:
    accounts_services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    w = _window(qtbot, accounts_services)
    assert not w.roster_tab.btn_add.isEnabled()
    w.account_session.switch_user()
    lock = w.account_session.idle
    assert lock.dialog is not None and accounts_services.db.principal is None
    assert lock.dialog.login.text() == "" and not lock.dialog.login.isReadOnly()
    lock.dialog.login.setText(ADMIN_LOGIN)
    lock.dialog.password.setText(ADMIN_PASSWORD)
    lock.dialog.ok_button.click()
    qtbot.waitUntil(lambda: not lock.locked, timeout=WAIT_MS)
    assert w.roster_tab.btn_add.isEnabled() and w.roster_tab.btn_export_full.isVisibleTo(w)
    assert w.account_session.act_manage.isVisible()
    assert not w.read_only_banner.isVisibleTo(w)


# ---- user management ----------------------------------------------------------------------
def test_user_management_adds_disables_and_keeps_the_last_admin(
        qtbot: Any, accounts_services: Services, messages: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    accounts_services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    w = _window(qtbot, accounts_services)
    dialog = UserManagementDialog(accounts_services, w.tasks, w)
    qtbot.addWidget(dialog)
    assert [u.login for u in dialog.users] == [VIEWER_LOGIN, ADMIN_LOGIN]
    assert dialog.table.item(0, 2).text() == "只读用户"

    def add(adder: AddUserDialog) -> int:
        adder.login.setText("wangwu")
        adder.display.setText("王五")
        adder.role.setCurrentIndex(adder.role.findData("viewer"))
        adder.password.first.setText("wangwu pass 9")
        adder.password.second.setText("wangwu pass 9")
        adder.submit()
        qtbot.waitUntil(lambda: adder.added is not None or adder.error.isVisibleTo(adder),
                        timeout=WAIT_MS)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(AddUserDialog, "exec", add)
    dialog.btn_add.click()
    assert messages.infos[-1] == strings.AUI_ADDED.format(login="wangwu", display="王五",
                                                          role="只读用户")
    assert "wangwu" in [u.login for u in dialog.users]
    assert dialog.selected() is not None and dialog.selected().login == "wangwu"  # type: ignore[union-attr]
    messages.answer = False  # the confirmation says no: nothing happens
    dialog.btn_disable.click()
    assert not dialog.selected().disabled  # type: ignore[union-attr]
    messages.answer = True
    dialog.btn_disable.click()
    assert messages.asked[-1] == strings.AUI_CONFIRM_DISABLE.format(login="wangwu",
                                                                    display="王五")
    row = next(u for u in dialog.users if u.login == "wangwu")
    assert row.disabled
    dialog.select_login(ADMIN_LOGIN)
    dialog.btn_disable.click()  # the last admin: the service's refusal, as it words it
    assert messages.errors == [strings.ACC_LAST_ADMIN]
    assert not next(u for u in dialog.users if u.login == ADMIN_LOGIN).disabled
    dialog.idle_minutes.setValue(5)
    assert idle_minutes() == 5


def test_a_reset_password_signs_in_and_the_old_one_does_not(
        qtbot: Any, accounts_services: Services, monkeypatch: pytest.MonkeyPatch,
        messages: Any) -> None:
    from ui.accounts.users import PasswordDialog

    accounts_services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    w = _window(qtbot, accounts_services)
    dialog = UserManagementDialog(accounts_services, w.tasks, w)
    qtbot.addWidget(dialog)

    def reset(pw: PasswordDialog) -> int:
        pw.password.first.setText("fresh viewer 7")
        pw.password.second.setText("fresh viewer 7")
        pw.submit()
        qtbot.waitUntil(lambda: pw.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(PasswordDialog, "exec", reset)
    dialog.select_login(VIEWER_LOGIN)
    dialog.btn_reset.click()
    assert messages.infos[-1] == strings.AUI_RESET_DONE.format(login=VIEWER_LOGIN)
    accounts_services.accounts.logout()
    assert accounts_services.accounts.login(VIEWER_LOGIN, "fresh viewer 7").login == VIEWER_LOGIN


# ---- idle lock ----------------------------------------------------------------------------
def test_idle_lock_covers_signs_out_and_unlocks_with_the_right_password_only(
        qtbot: Any, accounts_services: Services) -> None:
    accounts_services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    w = _window(qtbot, accounts_services)
    w.show()
    qtbot.waitExposed(w)
    lock = w.account_session.idle
    assert lock.timer.interval() == 15 * 60_000 and lock.timer.isActive()  # the default
    lock.interval_ms = 300
    lock.arm()
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    assert accounts_services.db.principal is None and accounts_services.db.keys is None
    assert any(isinstance(c, Cover) and c.parent() is w and c.isVisible() for c in lock.covers)
    qtbot.wait(50)
    shown = w.grab().toImage()  # the roster is covered: its first cell is the cover's colour
    assert shown.pixelColor(60, 130).name() == palette.HEADER_FILL
    assert not w.account_session.status_user.isVisible()
    assert not w.roster_tab.btn_export_full.isVisible()  # nobody signed in
    dialog = lock.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.login.text() == ADMIN_LOGIN and dialog.login.isReadOnly()
    dialog.reject()  # Esc does not unlock
    assert lock.locked and dialog.isVisible()
    dialog.password.setText("not the password")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert lock.locked and dialog.error.text() == strings.ACC_BAD_CREDENTIALS
    assert accounts_services.db.principal is None
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not lock.locked, timeout=WAIT_MS)
    principal = accounts_services.db.principal
    assert principal is not None and principal.login == ADMIN_LOGIN
    assert accounts_services.db.keys is not None
    assert lock.covers == [] and lock.timer.isActive()
    assert w.account_session.status_user.isVisible()
    assert w.roster_tab.btn_export_full.isVisible() and w.roster_tab.btn_add.isEnabled()


def test_input_keeps_the_lock_away(qtbot: Any, accounts_services: Services) -> None:
    from PySide6.QtCore import QPoint, Qt

    accounts_services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    w = _window(qtbot, accounts_services)
    w.show()
    qtbot.waitExposed(w)
    lock = w.account_session.idle
    lock.interval_ms = 600
    lock.arm()
    for _ in range(6):
        qtbot.wait(200)
        qtbot.mouseMove(w, QPoint(100 + _, 100))
        qtbot.keyClick(w.roster_tab.view, Qt.Key.Key_Down)
    assert not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)


def test_no_idle_lock_without_accounts(qtbot: Any, demo_services: Services) -> None:
    w = _window(qtbot, demo_services)
    assert not w.account_session.idle.timer.isActive()
    set_idle_minutes(0)
    assert idle_minutes() == 1


# ---- the real start (ui.main.run_gui in another process) ------------------------------------
START_SCRIPT = r'''
import sys
from pathlib import Path

from app.security import passwords

passwords.CURRENT = passwords.ScryptParams(4, 8, 1)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ui import main

db, mode = Path(sys.argv[1]), sys.argv[2]
app = main.make_app(finish=False)


def poke() -> None:
    from ui.accounts.dialogs import FirstAdminDialog, LoginDialog, RecoveryCodeDialog
    from ui.main_window import MainWindow

    for w in app.topLevelWidgets():
        if not w.isVisible():
            continue
        if isinstance(w, LoginDialog) and not w.busy and not w.error.text():
            windows = [m for m in app.topLevelWidgets() if isinstance(m, MainWindow)]
            print("LOGIN_SHOWN", "DATA" if hasattr(windows[0], "services") else "NO_DATA",
                  flush=True)
            if mode == "cancel":
                w.reject()
                return
            w.login.setText("zhangsan")
            w.password.setText("correct horse 1")
            w.submit()
        elif isinstance(w, FirstAdminDialog) and not w.busy:
            print("FIRST_RUN_SHOWN", flush=True)
            w.login.setText("zhangsan")
            w.display.setText("ZS")
            w.password.first.setText("correct horse 1")
            w.password.second.setText("correct horse 1")
            w.create_admin()
        elif isinstance(w, RecoveryCodeDialog):
            print("CODE_SHOWN", len(w.code), flush=True)
            w.tick.setChecked(True)
            w.close_button.click()
        elif isinstance(w, QMessageBox):
            print("REPORT_SHOWN", flush=True)
            w.accept()
        elif isinstance(w, MainWindow) and hasattr(w, "account_session"):
            acc = w.account_session
            state = ("WINDOW", "BANNER" if acc.banner.isVisible() else "NO_BANNER",
                     "USER" if acc.status_user.isVisible() else "NO_USER")
            seen.append(state)  # said once it has held for 5 looks (a loaded machine is slow)
            if seen[-5:] == [state] * 5:
                print(*state, flush=True)
                app.quit()
                return
    QTimer.singleShot(100, poke)


seen: list[tuple[str, str, str]] = []


QTimer.singleShot(100, poke)
sys.exit(main.run_gui(db, demo=mode == "demo"))
'''


def _start(tmp_path: Path, db: Path, mode: str) -> tuple[int, list[str]]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    env.pop("ONSITEDESK_STARTUP_PROBE", None)
    env.pop("ONSITEDESK_SCREENSHOT", None)
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run([sys.executable, "-c", START_SCRIPT, str(db), mode], env=env,
                          capture_output=True, text=True, timeout=180, cwd=root)
    return done.returncode, [line for line in done.stdout.splitlines() if line.strip()]


def test_real_start_offers_the_first_admin_then_shows_the_code(
        tmp_path: Path, db_templates: Any) -> None:
    from tests.helpers.db import copy_database

    db = copy_database(db_templates.demo(), tmp_path / "site" / "onsitedesk.db")
    code, lines = _start(tmp_path, db, "first")
    assert code == 0, lines
    assert lines[0] == "FIRST_RUN_SHOWN"
    assert "CODE_SHOWN 35" in lines and "REPORT_SHOWN" in lines
    assert lines[-1] == "WINDOW NO_BANNER USER"


def test_real_demo_start_shows_no_dialog(tmp_path: Path, db_templates: Any) -> None:
    from tests.helpers.db import copy_database

    db = copy_database(db_templates.demo(), tmp_path / "demo" / "onsitedesk.db")
    code, lines = _start(tmp_path, db, "demo")
    assert code == 0 and lines == ["WINDOW BANNER NO_USER"], lines


@pytest.mark.parametrize("mode", ["login", "cancel"])
def test_real_start_with_accounts_asks_first_and_cancel_quits(
        tmp_path: Path, db_templates: Any, mode: str) -> None:
    from tests.helpers.db import copy_database, open_services

    db = copy_database(db_templates.demo(), tmp_path / "site" / "onsitedesk.db")
    services = open_services(db, daily_backup=False)
    with_admin_and_viewer(services)
    services.close()
    code, lines = _start(tmp_path, db, mode)
    assert code == 0, lines
    assert lines[0] == "LOGIN_SHOWN NO_DATA"  # asked before any data is in the window
    assert lines[1:] == ([] if mode == "cancel" else ["WINDOW NO_BANNER USER"])


def test_a_read_only_database_with_accounts_can_still_be_signed_into(
        qtbot: Any, db_templates: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17's read-only window (no backup possible today, a read-only file) must not lock
    the supervisor out: the password is checked against the file, nothing is recorded, and
    the window stays greyed with the read-only reason (not the viewer's)."""
    from app.storage import db as db_module
    from tests.helpers.db import copy_database, open_services

    path = copy_database(db_templates.demo(), tmp_path / "ro" / "onsitedesk.db")
    services = open_services(path, daily_backup=False)
    with_admin_and_viewer(services)
    services.close()
    reason = strings.DB_FILE_READ_ONLY.format(path=path)
    monkeypatch.setattr(db_module, "read_only_reason", lambda _p: reason)
    services = open_services(path, daily_backup=False)
    try:
        assert services.db.read_only == reason and services.accounts.needs_sign_in()
        dialog = _sign_in(qtbot, services, None, ADMIN_LOGIN, "wrong password")
        assert dialog.error.text() == strings.ACC_BAD_CREDENTIALS
        dialog.password.setText(ADMIN_PASSWORD)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted,
                        timeout=WAIT_MS)
        assert services.db.principal is not None and services.db.keys is not None
        w = _window(qtbot, services)
        banner = strings.DB_READ_ONLY_BANNER.format(reason=reason)
        assert not w.roster_tab.btn_add.isEnabled()
        assert w.roster_tab.btn_add.toolTip() == banner
        assert not w.account_session.act_set_up.isVisible()
        services.accounts.logout()
        services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
        w.account_session.apply()
        assert w.roster_tab.btn_add.toolTip() == banner  # still the read-only reason
    finally:
        services.close()


def test_the_account_dialogs_fit_a_1366x768_screen(qtbot: Any, accounts_services: Services
                                                   ) -> None:
    from tests.ui.test_dialogs_fit import FITS
    from ui.accounts.dialogs import RecoverDialog
    from ui.accounts.users import PasswordDialog

    accounts_services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    w = _window(qtbot, accounts_services)
    tasks = w.tasks
    made = [FirstAdminDialog(accounts_services, tasks, w),
            RecoveryCodeDialog(accounts_services, "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567", w),
            LoginDialog(accounts_services, tasks, w),
            LoginDialog(accounts_services, tasks, w, unlock_login=ADMIN_LOGIN),
            RecoverDialog(accounts_services, tasks, w), AddUserDialog(accounts_services, tasks, w),
            PasswordDialog(accounts_services, tasks, w),
            PasswordDialog(accounts_services, tasks, w, VIEWER_LOGIN),
            UserManagementDialog(accounts_services, tasks, w)]
    for dialog in made:
        qtbot.addWidget(dialog)
        for size in (dialog.sizeHint(), dialog.minimumSize()):
            assert size.width() <= FITS.width() and size.height() <= FITS.height(), (
                type(dialog).__name__, size)


def test_a_running_task_keeps_its_sign_in_until_it_ends(
        qtbot: Any, accounts_services: Services) -> None:
    """Locked while a long task writes: the screen is covered at once, the sign-out waits
    for the task (else its next write would be refused half-way)."""
    accounts_services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    w = _window(qtbot, accounts_services)
    w.show()
    qtbot.waitExposed(w)
    w.tasks.busy_changed.emit(True)
    w.account_session.act_lock.trigger()  # 账号 › 锁定屏幕
    lock = w.account_session.idle
    assert lock.locked and lock.covers
    assert lock.dialog is not None and lock.dialog.intro_label.text() == \
        strings.AUI_LOCKED_MANUAL.format(display=ADMIN_DISPLAY, login=ADMIN_LOGIN)
    assert accounts_services.db.principal is not None  # the task still runs
    w.tasks.busy_changed.emit(False)
    assert accounts_services.db.principal is None and accounts_services.db.keys is None


def test_accounts_set_up_later_from_the_menu(qtbot: Any, demo_services: Services,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    w = _window(qtbot, demo_services)
    acc = w.account_session
    assert acc.act_set_up.isVisible() and not acc.act_manage.isVisible()
    assert not acc.act_lock.isVisible() and not acc.idle.timer.isActive()

    def set_up(services: Services, _tasks: Any, _parent: Any) -> bool:
        services.create_first_admin(ADMIN_LOGIN, ADMIN_DISPLAY, ADMIN_PASSWORD)
        return True

    monkeypatch.setattr(dialogs, "set_up_accounts", set_up)
    acc.act_set_up.trigger()
    assert demo_services.accounts.has_users()
    assert not acc.banner.isVisibleTo(w) and not acc.act_set_up.isVisible()
    assert acc.act_manage.isVisible() and acc.act_lock.isVisible()
    assert acc.idle.timer.isActive()
    assert w.roster_tab.btn_export_full.isVisibleTo(w)
