"""Accounts in tests (issue 18): scrypt at a test cost, and a site with an admin and a viewer.

Real scrypt (n=2**17) costs ~0.3 s and 128 MiB per hash; tests lower the cost with
:func:`cheap_scrypt` (tests/unit/test_accounts.py checks the real parameters once)."""

from __future__ import annotations

import pytest

from app.security import passwords
from app.services import Services

CHEAP = passwords.ScryptParams(4, 8, 1)
ADMIN_LOGIN, ADMIN_DISPLAY, ADMIN_PASSWORD = "zhangsan", "张三", "correct horse 1"
VIEWER_LOGIN, VIEWER_DISPLAY, VIEWER_PASSWORD = "lisi", "李四", "viewer pass 2"


def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "CURRENT", CHEAP)


def with_admin_and_viewer(services: Services) -> str:
    """The first admin (signed in) and a viewer; returns the recovery code."""
    code = services.accounts.create_first_admin(ADMIN_LOGIN, ADMIN_DISPLAY, ADMIN_PASSWORD)
    services.accounts.add_user(VIEWER_LOGIN, VIEWER_DISPLAY, "viewer", VIEWER_PASSWORD)
    return code
