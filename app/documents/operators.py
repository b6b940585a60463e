"""Who did it, as a form prints it: a named person, never an operating-system account.

Until the app has its own accounts (issue 18) the services record the OS login (``root`` on
the site's PC) as the actor. A form names a person instead: the stored value when it is one,
otherwise the project's on-site manager from the project settings."""

from __future__ import annotations

import getpass

# logins that name no person (the services' fallback when there is no login is "unknown")
_NOT_PEOPLE = frozenset({"", "root", "unknown", "admin", "administrator", "user"})


def _login() -> str:
    try:
        return getpass.getuser().strip().lower()
    except Exception:  # no login name on some service accounts
        return ""


def operator_name(stored: str | None, manager: str) -> str:
    """``stored`` when it names a person; the project's manager when it is an OS account."""
    value = (stored or "").strip()
    if value.lower() in _NOT_PEOPLE or value.lower() == _login():
        return manager or value
    return value
