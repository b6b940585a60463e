"""``users …`` and ``--user`` on the command line (issue 18): the first admin without a sign-in,
the recovery code printed once, ONSITEDESK_PASSWORD, exit codes with one Chinese line and no
traceback, viewers reading but not writing, and the machine credential of ``sync``."""

from __future__ import annotations

import io
import re
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from app.security import machine_secret
from tests.helpers.accounts import cheap_scrypt
from tests.helpers.cli import CJK, run_cli

ADMIN_PW, VIEWER_PW = "admin pass 1", "viewer pass 2"
CODE = re.compile(r"([A-Z2-9]{5}-){5}[A-Z2-9]{5}")


@pytest.fixture(autouse=True)
def _cheap(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_scrypt(monkeypatch)
    monkeypatch.delenv("ONSITEDESK_PASSWORD", raising=False)


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def _machine_logins(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT COUNT(*) FROM login_attempt WHERE method = 'machine' "
                               "AND outcome = 'success'").fetchone()[0])
    finally:
        con.close()


def _one_chinese_line(err: str) -> None:
    assert err.count("\n") == 1 and CJK.search(err) and "Traceback" not in err


@pytest.fixture
def site(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo site with an admin (zhangsan) and a viewer (lisi)."""
    _stdin(monkeypatch, ADMIN_PW + "\n")
    first = run_cli("--db", demo_db, "users", "add", "zhangsan", "--role", "admin",
                    "--display", "张三")
    assert first.code == 0, first.err
    assert "只显示这一次" in first.out and CODE.search(first.out)
    _stdin(monkeypatch, VIEWER_PW + "\n")
    monkeypatch.setenv("ONSITEDESK_PASSWORD", ADMIN_PW)
    viewer = run_cli("--db", demo_db, "--user", "zhangsan", "users", "add", "lisi",
                     "--role", "viewer", "--display", "李四")
    assert viewer.code == 0, viewer.err
    monkeypatch.delenv("ONSITEDESK_PASSWORD")
    return demo_db


def test_the_first_user_must_be_an_admin(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, "long enough pw\n")
    r = run_cli("--db", demo_db, "users", "add", "lisi", "--role", "viewer")
    assert r.code == 1 and "第一个账号必须是管理员" in r.err
    _one_chinese_line(r.err)
    _stdin(monkeypatch, "short\n")
    r = run_cli("--db", demo_db, "users", "add", "zhangsan", "--role", "admin")
    assert r.code == 1 and "至少 8 个字符" in r.err
    # a database without users works as before, no --user needed
    assert run_cli("--db", demo_db, "month", "2026-11").code == 0


def test_once_users_exist_every_command_needs_user_and_password(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = run_cli("--db", site, "month", "2026-11")
    assert r.code == 1 and "--user" in r.err
    _one_chinese_line(r.err)
    _stdin(monkeypatch, "")  # not a terminal, no ONSITEDESK_PASSWORD: no prompt possible
    r = run_cli("--db", site, "--user", "zhangsan", "month", "2026-11")
    assert r.code == 1 and "ONSITEDESK_PASSWORD" in r.err
    monkeypatch.setenv("ONSITEDESK_PASSWORD", "wrong password")
    r = run_cli("--db", site, "--user", "zhangsan", "month", "2026-11")
    assert r.code == 1 and r.err == "用户名或密码错误。\n" and r.out == ""
    monkeypatch.setenv("ONSITEDESK_PASSWORD", ADMIN_PW)
    r = run_cli("--db", site, "--user", "zhangsan", "month", "2026-11")
    assert r.code == 0 and "2026-11" in r.out


def test_a_viewer_reads_but_every_write_exits_1(site: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONSITEDESK_PASSWORD", VIEWER_PW)
    assert run_cli("--db", site, "--user", "lisi", "month", "2026-11").code == 0
    for argv in (("settings", "set", "schedule.am", "08:00-12:00", "--from", "2026-12-01"),
                 ("month", "2026-10", "--lock"), ("db", "backup"),
                 ("users", "disable", "zhangsan"), ("users", "list")):
        r = run_cli("--db", site, "--user", "lisi", *argv)
        if r.code == 2:  # an option this command does not have: not what is tested
            pytest.fail(f"usage error for {argv}: {r.err}")
        assert r.code == 1, (argv, r)
        assert "只读用户" in r.err or "只有管理员" in r.err
        _one_chinese_line(r.err)


def test_locked_out_and_disabled_exit_1(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONSITEDESK_PASSWORD", "bad password")
    for _ in range(5):
        assert run_cli("--db", site, "--user", "lisi", "month", "2026-11").code == 1
    monkeypatch.setenv("ONSITEDESK_PASSWORD", VIEWER_PW)
    r = run_cli("--db", site, "--user", "lisi", "month", "2026-11")
    assert r.code == 1 and "锁定" in r.err
    monkeypatch.setenv("ONSITEDESK_PASSWORD", ADMIN_PW)
    assert run_cli("--db", site, "--user", "zhangsan", "users", "disable", "lisi").code == 0
    listing = run_cli("--db", site, "--user", "zhangsan", "users", "list", "--json").json()
    assert {u["login"]: u["disabled"] for u in listing} == {"lisi": True, "zhangsan": False}
    r = run_cli("--db", site, "--user", "zhangsan", "users", "disable", "zhangsan")
    assert r.code == 1 and "最后一个" in r.err


def test_reset_and_recover_from_stdin(site: Path, demo_db: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONSITEDESK_PASSWORD", ADMIN_PW)
    _stdin(monkeypatch, "viewer new pw\n")
    assert run_cli("--db", site, "--user", "zhangsan", "users", "reset", "lisi").code == 0
    monkeypatch.setenv("ONSITEDESK_PASSWORD", "viewer new pw")
    assert run_cli("--db", site, "--user", "lisi", "month", "2026-11").code == 0
    # recovery: no sign-in; a wrong code exits 1
    monkeypatch.delenv("ONSITEDESK_PASSWORD")
    _stdin(monkeypatch, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA\nnew admin pw\n")
    r = run_cli("--db", site, "users", "recover", "zhangsan")
    assert r.code == 1 and "恢复码不正确" in r.err


def test_recover_with_the_printed_code(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, ADMIN_PW + "\n")
    first = run_cli("--db", demo_db, "users", "add", "zhangsan", "--role", "admin")
    match = CODE.search(first.out)
    assert match
    _stdin(monkeypatch, match.group(0) + "\nnew admin pw\n")
    r = run_cli("--db", demo_db, "users", "recover", "zhangsan")
    assert r.code == 0, r.err
    new = CODE.search(r.out)
    assert new and new.group(0) != match.group(0)
    monkeypatch.setenv("ONSITEDESK_PASSWORD", "new admin pw")
    assert run_cli("--db", demo_db, "--user", "zhangsan", "month", "2026-11").code == 0


@pytest.mark.skipif(sys.platform == "win32", reason="the 0600 file is the non-Windows store")
def test_machine_credential_lets_only_sync_and_import_run_without_a_password(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONSITEDESK_PASSWORD", ADMIN_PW)
    r = run_cli("--db", site, "--user", "zhangsan", "users", "machine-credential", "zhangsan")
    assert r.code == 0, r.err
    path = machine_secret.secret_path(site, "zhangsan")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "0600" in r.err  # the weaker store is said so
    r = run_cli("--db", site, "--user", "zhangsan", "users", "machine-credential", "lisi")
    assert r.code == 1 and "管理员" in r.err
    monkeypatch.delenv("ONSITEDESK_PASSWORD")
    _stdin(monkeypatch, "")
    # import: signed in by the credential, then the file's own complaint (not a sign-in one)
    junk = site.parent / "attlog.dat"
    junk.write_text("not an attendance log\n", encoding="utf-8")
    r = run_cli("--db", site, "--user", "zhangsan", "import", "usb", junk)
    assert "密码" not in r.err and "凭据" not in r.err, r.err
    assert _machine_logins(site) == 1
    # other commands still need the password
    r = run_cli("--db", site, "--user", "zhangsan", "month", "2026-11")
    assert r.code == 1 and "ONSITEDESK_PASSWORD" in r.err
    # a credential file that does not match is refused with a Chinese line
    path.write_bytes(b"plain:" + b"A" * 44)
    r = run_cli("--db", site, "--user", "zhangsan", "import", "usb", junk)
    assert r.code == 1 and "本机凭据无效" in r.err
    _one_chinese_line(r.err)


def test_restore_and_accept_need_an_admin_of_the_file(site: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONSITEDESK_PASSWORD", ADMIN_PW)
    assert run_cli("--db", site, "--user", "zhangsan", "db", "backup").code == 0
    monkeypatch.delenv("ONSITEDESK_PASSWORD")
    for argv in (("db", "restore", "--yes"), ("db", "accept")):
        r = run_cli("--db", site, *argv)
        assert r.code == 1 and "--user" in r.err, (argv, r)
        monkeypatch.setenv("ONSITEDESK_PASSWORD", VIEWER_PW)
        r = run_cli("--db", site, "--user", "lisi", *argv)
        assert r.code == 1 and "只有管理员" in r.err, (argv, r)
        _one_chinese_line(r.err)
        monkeypatch.setenv("ONSITEDESK_PASSWORD", "wrong password")
        r = run_cli("--db", site, "--user", "zhangsan", *argv)
        assert r.code == 1 and r.err == "用户名或密码错误。\n", (argv, r)
        monkeypatch.delenv("ONSITEDESK_PASSWORD")
    monkeypatch.setenv("ONSITEDESK_PASSWORD", ADMIN_PW)
    r = run_cli("--db", site, "--user", "zhangsan", "db", "restore")  # no --yes: shows, stops
    assert r.code == 1 and "只有管理员" not in r.err and r.out
