"""Accounts, sign-in and the database's data key (issue 18, SPEC Q3).

The API the command line uses today and the GUI's dialogs will use (login, first run, user
management, idle lock):

- :meth:`AccountService.needs_sign_in` — ``True``: show the login dialog (accounts exist,
  nobody signed in; until then every write is refused, reads work).
- :meth:`AccountService.has_users` — ``False``: a database without accounts; the app works as
  before (no sign-in, everything allowed). The first-run dialog offers
  :meth:`create_first_admin`, which returns the recovery code to show **once**.
- :meth:`login` (password) / :meth:`login_machine` (the per-machine credential of an unattended
  ``sync``) set ``db.principal`` (and, for an admin, ``db.keys``: the unwrapped data key);
  :meth:`logout` forgets both (the idle lock calls it, then :meth:`login` again).
- :meth:`add_user`, :meth:`list_users`, :meth:`disable`, :meth:`reset_password` — admins only;
  :meth:`change_password` — the signed-in person; :meth:`recover` — with the recovery code,
  no sign-in needed; :meth:`issue_machine_credential` — an admin, for an admin account.

Every refusal is an :class:`~app.errors.AccessDenied` or :class:`~app.errors.ValidationError`
with a Chinese message; no secret ever appears in a message, a log or the audit trail.

Throttling: after 5 failed passwords in a row an account is locked for 30 s, doubling with each
further failure up to 15 min; the count and the lock live in ``user_account`` (a restart does not
reset them) and read the services' clock.

Audit: every attempt is a ``login_attempt`` row (an unknown login name is not stored: people type
their password into the name field). A failed attempt holds no key, so it cannot append to the
keyed audit chain; instead each successful sign-in that unlocks the data key (an admin, or the
machine credential) writes its own ``login`` audit row plus one ``login_summary`` row counting the
attempts since the last summary (failures, lock-outs, viewers' sign-ins), which are then marked
summarised. Account changes (user added, disabled, password reset/changed, recovery code used
or issued, machine credential issued) are audit rows written in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app import strings
from app.errors import AccessDenied, ValidationError
from app.security import passwords as pw
from app.security.keys import DATA_KEY_BYTES, KeySet
from app.security.principal import ADMIN, ROLES, Principal
from app.storage import audit
from app.storage.db import Database
from app.storage.tables_accounts import KeyWrap, LoginAttempt, UserAccount

__all__ = ["AccountService", "UserDTO", "accounts_in_file", "check_admin_in_file",
           "person_label"]

LOGIN_RE = re.compile(r"^[A-Za-z][A-Za-z0-9._-]{1,31}$")
MIN_PASSWORD, MAX_PASSWORD = 8, 256
MAX_DISPLAY = 50
MAX_FAILURES = 5  # failures in a row before the first lock
FIRST_LOCK_S, MAX_LOCK_S = 30, 15 * 60
ENTITY = "user_account"
PASSWORD, RECOVERY, MACHINE = "password", "recovery", "machine"  # KeyWrap.kind, attempt method


def person_label(display: str, login: str) -> str:
    """How the audit trail names a person: ``display (login)``, e.g. ``Zhang San (zhangsan)``."""
    return f"{display} ({login})"


@dataclass(frozen=True)
class UserDTO:
    login: str
    display: str
    role: str
    disabled: bool
    locked_until: dt.datetime | None  # still locked at the time of the listing, else None
    created_at: dt.datetime
    last_login_at: dt.datetime | None
    machine_credential: bool


def lock_seconds(failures: int) -> int:
    """How long an account stays locked after ``failures`` failed passwords in a row."""
    if failures < MAX_FAILURES:
        return 0
    return int(min(FIRST_LOCK_S * 2 ** (failures - MAX_FAILURES), MAX_LOCK_S))


def _check_login_name(login: str) -> str:
    if not LOGIN_RE.match(login or ""):
        raise ValidationError(strings.ACC_BAD_LOGIN_NAME.format(login=(login or "")[:40]),
                              "login")
    return login


def _check_display(display: str) -> str:
    value = (display or "").strip()
    if not value or len(value) > MAX_DISPLAY:
        raise ValidationError(strings.ACC_BAD_DISPLAY, "display")
    return value


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError(strings.ACC_PASSWORD_TOO_SHORT.format(n=MIN_PASSWORD), "password")
    if len(password) > MAX_PASSWORD:
        raise ValidationError(strings.ACC_PASSWORD_TOO_LONG.format(n=MAX_PASSWORD), "password")
    return password


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError(strings.ACC_BAD_ROLE.format(role=role), "role")
    return role


class AccountService:
    def __init__(self, db: Database, actor: str | None) -> None:
        self.db, self.actor = db, actor

    # ---- state ------------------------------------------------------------------------------
    def has_users(self) -> bool:
        """Whether this database has accounts (then every start asks who is there)."""
        with self.db.read() as s:
            return s.execute(select(UserAccount.id).limit(1)).first() is not None

    def refresh(self) -> bool:
        """Whether accounts exist, and the database's write check told so (``Services.open``
        calls it once the start-up's own writes are done)."""
        self.db.accounts_required = self.has_users()
        return self.db.accounts_required

    def needs_sign_in(self) -> bool:
        """Whether the window must ask who is there before anything can change: accounts
        exist and nobody is signed in (the GUI's login dialog and idle lock ask this)."""
        return self.db.accounts_required and self.db.principal is None

    @property
    def principal(self) -> Principal | None:
        return self.db.principal

    def logout(self) -> None:
        """Forget who is signed in and the unlocked keys (the idle lock, switching user)."""
        self.db.principal = None
        self.db.keys = None

    # ---- first run --------------------------------------------------------------------------
    def create_first_admin(self, login: str, display: str, password: str) -> str:
        """The first account, an admin, on a database without accounts; signs them in and
        returns the recovery code (show it once: it is stored only hashed). A data key already
        unlocked in ``db.keys`` is kept (data encrypted before accounts existed), else a new
        one is made."""
        login, display = _check_login_name(login), _check_display(display)
        _check_password(password)
        data_key = (self.db.keys.data_key if self.db.keys is not None
                    else secrets.token_bytes(DATA_KEY_BYTES))
        now = self.db.clock.now()
        with self.db.transaction(system=True) as s:
            if s.execute(select(UserAccount.id).limit(1)).first() is not None:
                raise AccessDenied(strings.ACC_ALREADY_SET_UP)
            # from here on the audit chain is keyed (HMAC under the new data key): the marker
            # row first, over the plain head, then every row of this transaction keyed
            keys = KeySet(data_key)
            s.info[audit.KEYS_KEY] = keys
            audit.start_keyed(s.connection(), keys, person_label(display, login),
                              self.db.clock)
            user = UserAccount(login=login, display=display, role=ADMIN,
                               password_hash=pw.hash_password(password), disabled=False,
                               failed_count=0, created_at=now, password_changed_at=now)
            s.add(user)
            s.flush()
            self._store_password_wrap(s, user, data_key, password)
            code = self._new_recovery(s, data_key)
            who = person_label(display, login)
            self._audit(s, who, "user_add", login, None, {"display": display, "role": ADMIN})
            self._audit(s, who, "recovery_issued", login, None, {"by": who})
        self.db.principal = Principal(login, display, ADMIN)
        self.db.keys = KeySet(data_key)
        self.db.accounts_required = True
        self._unlocked()
        return code

    # ---- sign-in ----------------------------------------------------------------------------
    def login(self, login: str, password: str) -> Principal:
        """Sign in with a password: sets ``db.principal`` (and ``db.keys`` for an admin).
        Refused (AccessDenied, Chinese): wrong name or password, locked out, disabled."""
        if self.db.read_only:
            return self._login_read_only(login, password)
        now = self.db.clock.now()
        with self.db.transaction(system=True) as s:
            user = self._user(s, login) if LOGIN_RE.match(login or "") else None
            error = self._password_attempt(s, user, password, now)
            if error is None and user is not None:
                data_key = self._unlock_with_password(s, user, password) \
                    if user.role == ADMIN else None
                principal = self._signed_in(s, user, now, data_key, PASSWORD)
        if error is not None:
            raise AccessDenied(error)
        self._take(principal)
        return principal

    def _login_read_only(self, login: str, password: str) -> Principal:
        """Sign in on a read-only database (issue 17: a read-only file or folder, no backup
        possible today), so that it can still be read: the password is checked against the
        file as it is, but nothing can be recorded (no attempt, no new lock-out, no audit row;
        a lock-out already recorded still holds). Whoever can read the file can guess offline
        anyway, as for :func:`check_admin_in_file`."""
        now = self.db.clock.now()
        with self.db.read() as s:
            user = self._user(s, login) if LOGIN_RE.match(login or "") else None
            if user is None:
                pw.dummy_verify(password or "")
                raise AccessDenied(strings.ACC_BAD_CREDENTIALS)
            if user.locked_until is not None and user.locked_until > now:
                wait = max(1, int((user.locked_until - now).total_seconds() + 0.999))
                raise AccessDenied(strings.ACC_LOCKED_OUT.format(login=user.login,
                                                                 seconds=wait))
            if not pw.verify_password(password or "", user.password_hash):
                raise AccessDenied(strings.ACC_BAD_CREDENTIALS)
            if user.disabled:
                raise AccessDenied(strings.ACC_DISABLED.format(login=user.login))
            data_key = None
            if user.role == ADMIN:
                wrap = s.scalar(select(KeyWrap).where(KeyWrap.kind == PASSWORD,
                                                      KeyWrap.user_id == user.id))
                try:
                    data_key = (pw.unwrap_with_password(_wrap(wrap), password, PASSWORD)
                                if wrap is not None else None)
                except pw.WrongSecret:
                    data_key = None
            principal = Principal(user.login, user.display, user.role)
        self._pending_keys = data_key
        self._take(principal)
        return principal

    def login_machine(self, login: str, secret: bytes) -> Principal:
        """Sign in with the per-machine credential (the unattended ``sync``)."""
        now = self.db.clock.now()
        error: str | None = None
        with self.db.transaction(system=True) as s:
            user = self._user(s, login) if LOGIN_RE.match(login or "") else None
            wrap = None if user is None else s.scalar(select(KeyWrap).where(
                KeyWrap.kind == MACHINE, KeyWrap.user_id == user.id))
            if user is None or wrap is None or not wrap.verifier or not pw.secret_matches(
                    secret, wrap.verifier) or user.disabled or user.role != ADMIN:
                error = strings.ACC_MACHINE_BAD.format(login=(login or "")[:32])
                self._attempt(s, user.login if user else "", "failure", MACHINE, now)
            else:
                try:
                    data_key = pw.unwrap_with_secret(_wrap(wrap), secret, MACHINE)
                except pw.WrongSecret:
                    error = strings.ACC_MACHINE_BAD.format(login=login)
                    self._attempt(s, user.login, "failure", MACHINE, now)
                else:
                    principal = self._signed_in(s, user, now, data_key, MACHINE)
        if error is not None:
            raise AccessDenied(error)
        self._take(principal)
        return principal

    def _password_attempt(self, s: Session, user: UserAccount | None, password: str,
                          now: dt.datetime) -> str | None:
        """Check a password against throttling and the hash; records the attempt. Returns
        why the sign-in is refused, or ``None``."""
        if user is None:
            pw.dummy_verify(password or "")
            self._attempt(s, "", "unknown", PASSWORD, now)
            return strings.ACC_BAD_CREDENTIALS
        if user.locked_until is not None and user.locked_until > now:
            self._attempt(s, user.login, "locked", PASSWORD, now)
            wait = max(1, int((user.locked_until - now).total_seconds() + 0.999))
            return strings.ACC_LOCKED_OUT.format(login=user.login, seconds=wait)
        if not pw.verify_password(password or "", user.password_hash):
            user.failed_count += 1
            locked = lock_seconds(user.failed_count)
            user.locked_until = now + dt.timedelta(seconds=locked) if locked else None
            self._attempt(s, user.login, "lockout" if locked else "failure", PASSWORD, now)
            return strings.ACC_BAD_CREDENTIALS
        if user.disabled:  # said only to someone who knows the password
            self._attempt(s, user.login, "disabled", PASSWORD, now)
            return strings.ACC_DISABLED.format(login=user.login)
        if pw.needs_upgrade(user.password_hash):
            user.password_hash = pw.hash_password(password)
        return None

    def _unlock_with_password(self, s: Session, user: UserAccount, password: str) -> bytes:
        wrap = s.scalar(select(KeyWrap).where(KeyWrap.kind == PASSWORD,
                                              KeyWrap.user_id == user.id))
        if wrap is None:
            raise AccessDenied(strings.ACC_NO_KEY)
        try:
            data_key = pw.unwrap_with_password(_wrap(wrap), password, PASSWORD)
        except pw.WrongSecret:
            raise AccessDenied(strings.ACC_NO_KEY) from None
        if pw.kdf_params(wrap.kdf).weaker_than(pw.CURRENT):  # upgrade the wrap too
            self._store_password_wrap(s, user, data_key, password)
        return data_key

    def _signed_in(self, s: Session, user: UserAccount, now: dt.datetime,
                   data_key: bytes | None, method: str) -> Principal:
        user.failed_count, user.locked_until, user.last_login_at = 0, None, now
        self._attempt(s, user.login, "success", method, now)
        principal = Principal(user.login, user.display, user.role)
        if data_key is not None:  # the key is in hand: the trail hears of it now
            s.info[audit.KEYS_KEY] = KeySet(data_key)
            who = person_label(user.display, user.login)
            self._audit(s, who, "login", user.login, None, {"method": method})
            self._summarise_attempts(s, who)
        self._pending_keys = data_key
        return principal

    def _take(self, principal: Principal) -> None:
        data_key, self._pending_keys = self._pending_keys, None
        self.db.principal = principal
        self.db.keys = KeySet(data_key) if data_key is not None else None
        self.db.accounts_required = True
        if data_key is not None and not self.db.read_only:  # nothing to write when read-only
            self._unlocked()

    def _unlocked(self) -> None:
        """The key is in hand: what the open could not write on a keyed chain runs now."""
        if self.on_unlocked is not None:
            self.on_unlocked()

    # Set by Services: the open-time writes (bundled holidays, the audit baseline) that wait
    # for an unlocked key on a keyed chain (Services.open_time_writes).
    on_unlocked: Callable[[], None] | None = None

    _pending_keys: bytes | None = None

    def _attempt(self, s: Session, login: str, outcome: str, method: str,
                 now: dt.datetime) -> None:
        s.add(LoginAttempt(at=now, login=login, outcome=outcome, method=method,
                           summarized=False))

    def _summarise_attempts(self, s: Session, who: str) -> None:
        s.flush()
        rows = s.execute(select(LoginAttempt).where(LoginAttempt.summarized.is_(False))
                         .order_by(LoginAttempt.id)).scalars().all()
        if len(rows) <= 1:  # only this sign-in, already audited on its own
            if rows:
                rows[0].summarized = True
            return
        counts = Counter(f"{r.login or '?'}:{r.outcome}" for r in rows)
        self._audit(s, who, "login_summary", f"{rows[0].id}-{rows[-1].id}", None, {
            "attempts": len(rows), "from": rows[0].at.isoformat(),
            "to": rows[-1].at.isoformat(), "counts": dict(sorted(counts.items()))})
        s.execute(update(LoginAttempt).where(LoginAttempt.id <= rows[-1].id,
                                             LoginAttempt.summarized.is_(False))
                  .values(summarized=True))

    # ---- managing accounts (admins) -----------------------------------------------------------
    def _require_admin(self) -> Principal:
        p = self.db.principal
        if p is None or not p.is_admin:
            raise AccessDenied(strings.ACC_REFUSED_NOT_ADMIN)
        return p

    def _require_keys(self) -> bytes:
        if self.db.keys is None:
            raise AccessDenied(strings.ACC_NO_KEY)
        return self.db.keys.data_key

    def add_user(self, login: str, display: str, role: str, password: str) -> UserDTO:
        """A new account (admins only). A new admin gets a wrap of the data key under their
        password, so the signed-in admin must hold the key."""
        me = self._require_admin()
        login, display, role = (_check_login_name(login), _check_display(display),
                                _check_role(role))
        _check_password(password)
        data_key = self._require_keys() if role == ADMIN else None
        now = self.db.clock.now()
        with self.db.transaction() as s:
            if self._user(s, login) is not None:
                raise ValidationError(strings.ACC_LOGIN_EXISTS.format(login=login), "login")
            user = UserAccount(login=login, display=display, role=role,
                               password_hash=pw.hash_password(password), disabled=False,
                               failed_count=0, created_at=now, password_changed_at=now)
            s.add(user)
            s.flush()
            if data_key is not None:
                self._store_password_wrap(s, user, data_key, password)
            self._audit(s, self._who(me), "user_add", login, None,
                        {"display": display, "role": role})
            return self._dto(s, user, now)

    def list_users(self) -> list[UserDTO]:
        """Every account, by login name (admins only)."""
        self._require_admin()
        now = self.db.clock.now()
        with self.db.read() as s:
            users = s.execute(select(UserAccount).order_by(UserAccount.login)).scalars().all()
            return [self._dto(s, u, now) for u in users]

    def disable(self, login: str) -> UserDTO:
        """Disable an account (admins only); its wrapped keys and machine credential go with
        it. The last active admin can never be disabled."""
        me = self._require_admin()
        now = self.db.clock.now()
        with self.db.transaction() as s:
            user = self._existing(s, login)
            if user.disabled:
                raise ValidationError(strings.ACC_ALREADY_DISABLED.format(login=login), "login")
            if user.role == ADMIN and self._active_admins(s) <= 1:
                raise AccessDenied(strings.ACC_LAST_ADMIN)
            user.disabled = True
            for wrap in s.execute(select(KeyWrap).where(KeyWrap.user_id == user.id)).scalars():
                s.delete(wrap)
            self._audit(s, self._who(me), "user_disable", login, {"disabled": False},
                        {"disabled": True})
            return self._dto(s, user, now)

    def reset_password(self, login: str, new_password: str) -> None:
        """Set someone's password (admins only); clears their lock-out."""
        me = self._require_admin()
        _check_password(new_password)
        now = self.db.clock.now()
        with self.db.transaction() as s:
            user = self._existing(s, login)
            data_key = self._require_keys() if user.role == ADMIN else None
            self._set_password(s, user, new_password, data_key, now)
            self._audit(s, self._who(me), "password_reset", login, None, {"by": self._who(me)})

    def change_password(self, old_password: str, new_password: str) -> None:
        """The signed-in person changes their own password (viewers too)."""
        me = self.db.principal
        if me is None:
            raise AccessDenied(strings.ACC_REFUSED_NOT_SIGNED_IN)
        _check_password(new_password)
        now = self.db.clock.now()
        with self.db.transaction(system=True) as s:
            user = self._existing(s, me.login)
            if not pw.verify_password(old_password or "", user.password_hash):
                raise AccessDenied(strings.ACC_BAD_CREDENTIALS)
            data_key = self._require_keys() if user.role == ADMIN else None
            self._set_password(s, user, new_password, data_key, now)
            if data_key is not None:
                self._audit(s, self._who(me), "password_change", me.login, None,
                            {"by": me.login})
            else:  # a viewer holds no key: the keyed trail hears of it at the next
                # admin sign-in, in the summary of attempts (like a viewer's sign-in)
                self._attempt(s, me.login, "password_change", PASSWORD, now)

    def recover(self, code: str, login: str, new_password: str) -> str:
        """Reset an admin's password with the recovery code (no sign-in needed); returns the
        new recovery code (the old one no longer works). Signs nobody in."""
        _check_password(new_password)
        typed = pw.normalize_recovery_code(code or "")
        now = self.db.clock.now()
        error: str | None = None
        with self.db.transaction(system=True) as s:
            wrap = s.scalar(select(KeyWrap).where(KeyWrap.kind == RECOVERY))
            data_key = None
            if wrap is not None and wrap.verifier and pw.verify_password(typed, wrap.verifier):
                try:
                    data_key = pw.unwrap_with_password(_wrap(wrap), typed, RECOVERY)
                except pw.WrongSecret:
                    data_key = None
            user = self._user(s, login) if LOGIN_RE.match(login or "") else None
            if data_key is None:
                error = strings.ACC_BAD_RECOVERY_CODE
                self._attempt(s, user.login if user else "", "failure", RECOVERY, now)
            elif user is None or user.role != ADMIN or user.disabled:
                error = strings.ACC_RECOVERY_NOT_ADMIN
                self._attempt(s, user.login if user else "", "failure", RECOVERY, now)
            else:
                s.info[audit.KEYS_KEY] = KeySet(data_key)  # the code unlocked the key
                self._set_password(s, user, new_password, data_key, now)
                new_code = self._new_recovery(s, data_key)
                who = person_label(user.display, user.login)
                self._audit(s, who, "recovery_used", user.login, None, {"by": who})
                self._audit(s, who, "recovery_issued", user.login, None, {"by": who})
                self._attempt(s, user.login, "success", RECOVERY, now)
        if error is not None:
            raise AccessDenied(error)
        return new_code

    def issue_machine_credential(self, login: str) -> bytes:
        """A new random secret that lets ``login`` (an active admin) sign in on this machine
        without a password, for the unattended ``sync``; replaces the previous one. The caller
        stores it (app.security.machine_secret). Admins only, with the key unlocked."""
        me = self._require_admin()
        data_key = self._require_keys()
        secret = secrets.token_bytes(32)
        now = self.db.clock.now()
        with self.db.transaction() as s:
            user = self._existing(s, login)
            if user.role != ADMIN or user.disabled:
                raise ValidationError(strings.ACC_MACHINE_NEEDS_ADMIN, "login")
            for old in s.execute(select(KeyWrap).where(KeyWrap.kind == MACHINE,
                                                       KeyWrap.user_id == user.id)).scalars():
                s.delete(old)
            wrap = pw.wrap_with_secret(data_key, secret, MACHINE)
            s.add(KeyWrap(kind=MACHINE, user_id=user.id, kdf=wrap.kdf, sealed=wrap.sealed,
                          verifier=pw.secret_digest(secret), created_at=now))
            self._audit(s, self._who(me), "machine_credential", login, None,
                        {"by": self._who(me)})
        return secret

    # ---- helpers ------------------------------------------------------------------------------
    def _who(self, p: Principal) -> str:
        return person_label(p.display, p.login)

    def _user(self, s: Session, login: str) -> UserAccount | None:
        return s.scalar(select(UserAccount).where(UserAccount.login == login))

    def _existing(self, s: Session, login: str) -> UserAccount:
        user = self._user(s, login) if LOGIN_RE.match(login or "") else None
        if user is None:
            raise ValidationError(strings.ACC_NO_SUCH_USER.format(login=(login or "")[:32]),
                                  "login")
        return user

    def _active_admins(self, s: Session) -> int:
        return int(s.scalar(select(func.count()).select_from(UserAccount).where(
            UserAccount.role == ADMIN, UserAccount.disabled.is_(False))) or 0)

    def _dto(self, s: Session, u: UserAccount, now: dt.datetime) -> UserDTO:
        machine = s.execute(select(KeyWrap.id).where(
            KeyWrap.kind == MACHINE, KeyWrap.user_id == u.id)).first() is not None
        locked = u.locked_until if u.locked_until is not None and u.locked_until > now else None
        return UserDTO(u.login, u.display, u.role, u.disabled, locked, u.created_at,
                       u.last_login_at, machine)

    def _set_password(self, s: Session, user: UserAccount, password: str,
                      data_key: bytes | None, now: dt.datetime) -> None:
        user.password_hash = pw.hash_password(password)
        user.failed_count, user.locked_until, user.password_changed_at = 0, None, now
        if data_key is not None:
            self._store_password_wrap(s, user, data_key, password)

    def _store_password_wrap(self, s: Session, user: UserAccount, data_key: bytes,
                             password: str) -> None:
        for old in s.execute(select(KeyWrap).where(KeyWrap.kind == PASSWORD,
                                                   KeyWrap.user_id == user.id)).scalars():
            s.delete(old)
        wrap = pw.wrap_with_password(data_key, password, PASSWORD)
        s.add(KeyWrap(kind=PASSWORD, user_id=user.id, kdf=wrap.kdf, sealed=wrap.sealed,
                      created_at=self.db.clock.now()))

    def _new_recovery(self, s: Session, data_key: bytes) -> str:
        """A fresh recovery code (replacing any other): its hash and a wrap of the data key."""
        for old in s.execute(select(KeyWrap).where(KeyWrap.kind == RECOVERY)).scalars():
            s.delete(old)
        code = pw.new_recovery_code()
        wrap = pw.wrap_with_password(data_key, code, RECOVERY)
        s.add(KeyWrap(kind=RECOVERY, user_id=None, kdf=wrap.kdf, sealed=wrap.sealed,
                      verifier=pw.hash_password(code), created_at=self.db.clock.now()))
        return code

    def _audit(self, s: Session, who: str, action: str, entity_id: str,
               before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        s.flush()
        audit.record(s.connection(), who, action, ENTITY, entity_id, before, after,
                     self.db.clock, s.info.get(audit.KEYS_KEY))


def accounts_in_file(path: Path) -> bool | None:
    """Whether the database file at ``path`` has accounts, read without opening it for use
    (``db restore``/``db accept`` work on files that may not open); ``None`` when it cannot be
    read at all."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            has_table = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                    "AND name = 'user_account'").fetchone()
            return bool(has_table) and con.execute(
                "SELECT 1 FROM user_account LIMIT 1").fetchone() is not None
        finally:
            con.close()
    except (sqlite3.Error, OSError):
        return None


def check_admin_in_file(path: Path, login: str, password: str) -> None:
    """Refuse (AccessDenied) unless ``login`` is an active admin of the database file at
    ``path`` and ``password`` is theirs: the sign-in of commands that replace or re-accept the
    file (no throttling: this reads the file as it is, and whoever reads it can guess offline
    anyway; the attempt cannot be recorded in a file that may be broken)."""
    row = None
    if LOGIN_RE.match(login or ""):
        try:
            con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                row = con.execute("SELECT password_hash, role, disabled FROM user_account "
                                  "WHERE login = ?", (login,)).fetchone()
            finally:
                con.close()
        except (sqlite3.Error, OSError):
            row = None
    if row is None:
        pw.dummy_verify(password or "")
        raise AccessDenied(strings.ACC_BAD_CREDENTIALS)
    if not pw.verify_password(password or "", str(row[0])):
        raise AccessDenied(strings.ACC_BAD_CREDENTIALS)
    if row[2]:
        raise AccessDenied(strings.ACC_DISABLED.format(login=login))
    if row[1] != ADMIN:
        raise AccessDenied(strings.ACC_REFUSED_NOT_ADMIN_FILE)


def _wrap(row: KeyWrap) -> pw.Wrap:
    return pw.Wrap(row.kdf, row.sealed)
