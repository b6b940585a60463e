"""Accounts (issue 18): who may sign in, the wrapped copies of the data key, and the record of
sign-in attempts that throttling and the audit summary read.

None of these rows is ``Audited`` through the ORM: a login would otherwise write an audit row
per attempt, and a failed attempt holds no key to write a keyed row with. The accounts
service writes explicit audit rows instead (app.services.accounts)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.tables import Base


class UserAccount(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(32), unique=True)
    display: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(10))  # admin | viewer
    # scrypt$<log2 n>$<r>$<p>$<salt>$<hash> (app.security.passwords)
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class KeyWrap(Base):
    """One wrapped copy of the database's data key: under an admin's password (``password``),
    under the recovery code (``recovery``, with the code's hash in ``verifier``), or under a
    machine credential (``machine``, with the secret's digest in ``verifier``)."""

    __tablename__ = "key_wrap"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), index=True)  # password | recovery | machine
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), nullable=True, index=True)
    kdf: Mapped[str] = mapped_column(String(200))
    sealed: Mapped[str] = mapped_column(Text)
    verifier: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LoginAttempt(Base):
    """Every sign-in attempt: success, failure, locked (refused while throttled), disabled,
    unknown login. ``summarized``: already written to the audit trail as part of a summary."""

    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    login: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(20))  # "password_change": PostgreSQL checks it
    method: Mapped[str] = mapped_column(String(10))  # password | recovery | machine
    summarized: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
