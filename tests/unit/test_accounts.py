"""Accounts (issue 18): first admin, sign-in, throttling, disabling, the last admin, the
recovery code, the data key, the machine credential, and who the trail and forms name."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app.clock import FixedClock
from app.errors import AccessDenied, ValidationError
from app.security import passwords
from app.services import Services
from app.services.accounts import lock_seconds
from tests.helpers.accounts import (
    ADMIN_DISPLAY,
    ADMIN_LOGIN,
    ADMIN_PASSWORD,
    VIEWER_LOGIN,
    VIEWER_PASSWORD,
    cheap_scrypt,
    with_admin_and_viewer,
)
from tests.helpers.db import reopen
from tests.helpers.pg import raw_connect


@pytest.fixture(autouse=True)
def _cheap(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap_scrypt(monkeypatch)


def _rows(services: Services, sql: str) -> list[tuple[object, ...]]:
    con = raw_connect(services)  # the file, or the PostgreSQL server (issue 19)
    try:
        return [tuple(r) for r in con.execute(sql).fetchall()]
    finally:
        con.close()


def _clock(services: Services) -> FixedClock:
    clock = services.clock
    assert isinstance(clock, FixedClock)
    return clock


# ---- passwords ----------------------------------------------------------------------------
def test_the_real_parameters_are_scrypt_2_17_8_1_and_stored_with_the_hash(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert passwords.ScryptParams(17, 8, 1) == passwords.REQUIRED
    monkeypatch.setattr(passwords, "CURRENT", passwords.REQUIRED)
    stored = passwords.hash_password("a real password")
    assert stored.startswith("scrypt$17$8$1$")
    assert passwords.verify_password("a real password", stored)
    assert not passwords.verify_password("a real passworD", stored)
    assert not passwords.needs_upgrade(stored)
    wrap = passwords.wrap_with_password(b"k" * 32, "a real password", "password")
    assert wrap.kdf.startswith("scrypt$17$8$1$")
    assert passwords.kdf_params(wrap.kdf) == passwords.REQUIRED


def test_hash_salted_and_garbage_never_verifies() -> None:
    a, b = passwords.hash_password("same password"), passwords.hash_password("same password")
    assert a != b
    assert not passwords.verify_password("same password", "scrypt$99$8$1$x$y")
    assert not passwords.verify_password("same password", "plain")
    assert passwords.needs_upgrade("plain")


def test_wrap_opens_only_with_its_secret_and_purpose() -> None:
    key = bytes(range(32))
    wrap = passwords.wrap_with_password(key, "pw one two", "password")
    assert passwords.unwrap_with_password(wrap, "pw one two", "password") == key
    with pytest.raises(passwords.WrongSecret):
        passwords.unwrap_with_password(wrap, "pw one twO", "password")
    with pytest.raises(passwords.WrongSecret):  # a wrap cannot be moved to another purpose
        passwords.unwrap_with_password(wrap, "pw one two", "recovery")
    assert key.hex() not in wrap.sealed and str(key) not in wrap.sealed


def test_recovery_code_is_six_groups_of_five_and_typing_is_forgiving() -> None:
    code = passwords.new_recovery_code()
    assert re.fullmatch(r"([A-Z2-9]{5}-){5}[A-Z2-9]{5}", code)
    assert passwords.normalize_recovery_code(code.lower().replace("-", " ")) == code


def test_lock_doubles_from_30_seconds_to_15_minutes() -> None:
    assert [lock_seconds(n) for n in range(4, 11)] == [0, 30, 60, 120, 240, 480, 900]
    assert lock_seconds(40) == 900


# ---- first admin and sign-in ----------------------------------------------------------------
def test_a_new_database_has_no_users_and_allows_everything(services: Services) -> None:
    assert not services.accounts.has_users()
    assert services.db.principal is None and services.db.write_refusal() is None
    services.project.update(name="A")  # as before issue 18


def test_first_admin_is_signed_in_holds_the_key_and_only_once(services: Services) -> None:
    code = services.accounts.create_first_admin(ADMIN_LOGIN, ADMIN_DISPLAY, ADMIN_PASSWORD)
    assert re.fullmatch(r"([A-Z2-9]{5}-){5}[A-Z2-9]{5}", code)
    assert services.accounts.has_users()
    assert services.db.principal is not None and services.db.principal.is_admin
    assert services.db.keys is not None
    with pytest.raises(AccessDenied):
        services.accounts.create_first_admin("other", "王五", "another password")
    # stored: the hash with its parameters; no password, no code in clear anywhere
    services.close()
    raw = services.db_path.read_bytes()
    wal = services.db_path.with_name(services.db_path.name + "-wal")
    raw += wal.read_bytes() if wal.exists() else b""
    assert ADMIN_PASSWORD.encode() not in raw and code.encode() not in raw
    stored = _rows(services, "SELECT password_hash FROM user_account")[0][0]
    assert str(stored).startswith("scrypt$4$8$1$")


@pytest.mark.parametrize(("login", "display", "password", "field"), [
    ("1abc", "张三", "long enough", "login"),
    ("a", "张三", "long enough", "login"),
    ("zhang san", "张三", "long enough", "login"),
    ("zhangsan", "", "long enough", "display"),
    ("zhangsan", "张三", "short", "password"),
])
def test_first_admin_input_is_checked(services: Services, login: str, display: str,
                                      password: str, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        services.accounts.create_first_admin(login, display, password)
    assert err.value.field == field
    assert not services.accounts.has_users()


def test_login_sets_the_principal_and_admins_get_the_same_data_key(services: Services) -> None:
    with_admin_and_viewer(services)
    first_key = services.db.keys
    services.accounts.logout()
    assert services.db.principal is None and services.db.keys is None
    p = services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    assert p.login == VIEWER_LOGIN and not p.can_write and services.db.keys is None
    services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    assert services.db.keys is not None and first_key is not None
    assert services.db.keys.data_key == first_key.data_key
    services.accounts.add_user("wangwu", "王五", "admin", "second admin pw")
    services.accounts.login("wangwu", "second admin pw")
    assert services.db.keys.data_key == first_key.data_key


def test_wrong_password_and_unknown_login_say_the_same_and_store_no_typed_name(
        services: Services) -> None:
    with_admin_and_viewer(services)
    with pytest.raises(AccessDenied) as wrong:
        services.accounts.login(ADMIN_LOGIN, "not the password")
    with pytest.raises(AccessDenied) as unknown:
        services.accounts.login("mypassword123", "whatever1")
    assert str(wrong.value) == str(unknown.value) == "用户名或密码错误。"
    services.close()
    attempts = _rows(services, "SELECT login, outcome FROM login_attempt ORDER BY id")
    assert (ADMIN_LOGIN, "failure") in attempts and ("", "unknown") in attempts
    assert all("mypassword" not in str(a) for a in attempts)


def test_throttling_after_five_failures_doubles_and_survives_a_restart(
        services: Services) -> None:
    with_admin_and_viewer(services)
    for _ in range(5):
        with pytest.raises(AccessDenied, match="用户名或密码错误"):
            services.accounts.login(VIEWER_LOGIN, "wrong password")
    with pytest.raises(AccessDenied, match="30 秒"):  # even the right password waits
        services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    services.close()
    services = reopen(services)  # a restart forgets nothing (same fixed time)
    clock = _clock(services)
    try:
        clock.advance(dt.timedelta(seconds=20))
        with pytest.raises(AccessDenied, match="10 秒"):
            services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
        clock.advance(dt.timedelta(seconds=11))
        with pytest.raises(AccessDenied, match="用户名或密码错误"):  # sixth failure: 60 s
            services.accounts.login(VIEWER_LOGIN, "wrong again")
        clock.advance(dt.timedelta(seconds=59))
        with pytest.raises(AccessDenied, match="1 秒"):
            services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
        clock.advance(dt.timedelta(seconds=1))
        assert services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD).login == VIEWER_LOGIN
        # success clears the count: the next failure does not lock
        with pytest.raises(AccessDenied, match="用户名或密码错误"):
            services.accounts.login(VIEWER_LOGIN, "wrong")
        assert services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    finally:
        services.close()


def test_upgrade_on_login_when_stored_parameters_are_weaker(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    with_admin_and_viewer(services)
    monkeypatch.setattr(passwords, "CURRENT", passwords.ScryptParams(5, 8, 1))
    services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    hashes = dict(_rows(services, "SELECT login, password_hash FROM user_account"))
    assert str(hashes[ADMIN_LOGIN]).startswith("scrypt$5$8$1$")
    assert str(hashes[VIEWER_LOGIN]).startswith("scrypt$4$8$1$")  # not signed in: untouched
    kdfs = _rows(services, "SELECT kdf FROM key_wrap WHERE kind = 'password'")
    assert all(str(k[0]).startswith("scrypt$5$") for k in kdfs)
    services.accounts.logout()
    assert services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD).is_admin
    assert services.db.keys is not None


def test_disabled_user_is_refused_only_once_the_password_is_right(services: Services) -> None:
    with_admin_and_viewer(services)
    services.accounts.disable(VIEWER_LOGIN)
    with pytest.raises(AccessDenied, match="用户名或密码错误"):
        services.accounts.login(VIEWER_LOGIN, "wrong password")
    with pytest.raises(AccessDenied, match="已停用"):
        services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    assert services.db.principal is not None and services.db.principal.login == ADMIN_LOGIN
    with pytest.raises(ValidationError):
        services.accounts.disable(VIEWER_LOGIN)


def test_the_last_active_admin_can_never_be_disabled(services: Services) -> None:
    with_admin_and_viewer(services)
    with pytest.raises(AccessDenied, match="最后一个"):
        services.accounts.disable(ADMIN_LOGIN)
    services.accounts.add_user("wangwu", "王五", "admin", "second admin pw")
    services.accounts.disable(ADMIN_LOGIN)  # another admin remains
    services.accounts.login("wangwu", "second admin pw")
    with pytest.raises(AccessDenied, match="最后一个"):
        services.accounts.disable("wangwu")
    users = {u.login: u for u in services.accounts.list_users()}
    assert users[ADMIN_LOGIN].disabled and not users["wangwu"].disabled
    # a disabled admin's wrapped key is gone with the account
    assert _rows(services, "SELECT COUNT(*) FROM key_wrap k JOIN user_account u "
                                   "ON u.id = k.user_id WHERE u.login = 'zhangsan'") == [(0,)]


def test_only_admins_manage_accounts(services: Services) -> None:
    with_admin_and_viewer(services)
    services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    for call in (lambda: services.accounts.add_user("x1", "X", "viewer", "password x"),
                 services.accounts.list_users,
                 lambda: services.accounts.disable(ADMIN_LOGIN),
                 lambda: services.accounts.reset_password(ADMIN_LOGIN, "new password"),
                 lambda: services.accounts.issue_machine_credential(ADMIN_LOGIN)):
        with pytest.raises(AccessDenied, match="只有管理员"):
            call()
    services.accounts.change_password(VIEWER_PASSWORD, "new viewer pw")  # own password: yes
    services.accounts.logout()
    assert services.accounts.login(VIEWER_LOGIN, "new viewer pw")


def test_reset_password_by_an_admin_clears_the_lock(services: Services) -> None:
    with_admin_and_viewer(services)
    for _ in range(5):
        with pytest.raises(AccessDenied):
            services.accounts.login(VIEWER_LOGIN, "wrong password")
    services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    assert any(u.locked_until for u in services.accounts.list_users())
    services.accounts.reset_password(VIEWER_LOGIN, "fresh password")
    assert services.accounts.login(VIEWER_LOGIN, "fresh password")


# ---- recovery code --------------------------------------------------------------------------
def test_recovery_code_resets_an_admin_password_and_is_replaced(services: Services) -> None:
    code = with_admin_and_viewer(services)
    key = services.db.keys
    services.accounts.logout()
    with pytest.raises(AccessDenied, match="恢复码不正确"):
        services.accounts.recover("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", ADMIN_LOGIN, "new pw 123")
    with pytest.raises(AccessDenied, match="管理员"):
        services.accounts.recover(code, VIEWER_LOGIN, "new pw 123")
    new_code = services.accounts.recover(code.lower(), ADMIN_LOGIN, "new pw 123")
    assert new_code != code
    assert services.db.principal is None  # recovering signs nobody in
    with pytest.raises(AccessDenied):
        services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    services.accounts.login(ADMIN_LOGIN, "new pw 123")
    assert key is not None and services.db.keys is not None
    assert services.db.keys.data_key == key.data_key  # the same data, still readable
    with pytest.raises(AccessDenied, match="恢复码不正确"):  # the old code is spent
        services.accounts.recover(code, ADMIN_LOGIN, "third pw 123")
    services.accounts.recover(new_code, ADMIN_LOGIN, "third pw 123")
    assert services.accounts.login(ADMIN_LOGIN, "third pw 123").is_admin


# ---- machine credential ---------------------------------------------------------------------
def test_machine_credential_unlocks_an_admin_and_is_revoked_by_a_new_one(
        services: Services) -> None:
    with_admin_and_viewer(services)
    key = services.db.keys
    with pytest.raises(ValidationError):
        services.accounts.issue_machine_credential(VIEWER_LOGIN)
    first = services.accounts.issue_machine_credential(ADMIN_LOGIN)
    services.accounts.logout()
    p = services.accounts.login_machine(ADMIN_LOGIN, first)
    assert p.is_admin and services.db.keys is not None and key is not None
    assert services.db.keys.data_key == key.data_key
    second = services.accounts.issue_machine_credential(ADMIN_LOGIN)
    services.accounts.logout()
    with pytest.raises(AccessDenied, match="本机凭据无效"):
        services.accounts.login_machine(ADMIN_LOGIN, first)
    with pytest.raises(AccessDenied):
        services.accounts.login_machine(VIEWER_LOGIN, second)
    assert services.accounts.login_machine(ADMIN_LOGIN, second)


# ---- who the trail and the forms name -------------------------------------------------------
def test_audit_rows_name_the_person_and_logins_are_audited(services: Services) -> None:
    with_admin_and_viewer(services)
    services.project.update(name="某医院")
    services.accounts.login(VIEWER_LOGIN, VIEWER_PASSWORD)
    with pytest.raises(AccessDenied):
        services.accounts.login(ADMIN_LOGIN, "wrong password")
    services.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
    rows = _rows(services, "SELECT actor, action, entity, after FROM audit_log "
                                   "ORDER BY id")
    who = f"{ADMIN_DISPLAY} ({ADMIN_LOGIN})"
    assert (who, "update", "project") in [r[:3] for r in rows] or \
        (who, "insert", "project") in [r[:3] for r in rows]
    actions = [r[1] for r in rows if r[2] == "user_account"]
    assert actions[:3] == ["user_add", "recovery_issued", "user_add"]
    assert actions[-2:] == ["login", "login_summary"]
    summary = str(rows[-1][3])
    assert '"lisi:success": 1' in summary and '"zhangsan:failure": 1' in summary
    assert ADMIN_PASSWORD not in str(rows) and "wrong password" not in str(rows)
    assert services.maintenance.verify_audit().ok


def test_records_and_forms_name_the_signed_in_display_name(demo_services: Services) -> None:
    s = demo_services
    s.accounts.create_first_admin(ADMIN_LOGIN, ADMIN_DISPLAY, ADMIN_PASSWORD)
    assert s.documents._prepared_by() == ADMIN_DISPLAY
    assert s.attendance._who() == ADMIN_DISPLAY
    s.attendance.lock_month(2026, 10)
    locks = _rows(s, "SELECT actor FROM month_lock ORDER BY id DESC LIMIT 1")
    assert locks == [(ADMIN_DISPLAY,)]


def test_without_accounts_forms_still_print_the_project_manager(demo_services: Services) -> None:
    assert demo_services.db.principal is None
    assert demo_services.documents._prepared_by() == demo_services.project.get().project_manager


def test_reopened_database_with_accounts_needs_a_sign_in_before_any_write(
        services: Services) -> None:
    with_admin_and_viewer(services)
    assert not services.accounts.needs_sign_in()
    services.close()
    again = reopen(services)
    try:
        assert again.accounts.needs_sign_in() and again.db.principal is None
        assert again.project.get() is not None  # reads work: the window can show itself
        with pytest.raises(AccessDenied, match="请先登录"):
            again.project.update(name="未登录")
        again.accounts.login(ADMIN_LOGIN, ADMIN_PASSWORD)
        assert not again.accounts.needs_sign_in()
        again.project.update(name="已登录")
    finally:
        again.close()
