"""The role check at the door of every write use case (issue 18).

``@writes`` on a service method refuses, before any work, when the signed-in person may not
write (:meth:`app.storage.db.Database.write_refusal`): a viewer, or nobody signed in on a
database with accounts. The storage layer refuses such writes again (ORM flushes and raw SQL),
so a method that forgot the decorator still changes nothing; tests/unit/test_accounts_roles.py
fails when a public service method is neither decorated nor listed as a read."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, Protocol, TypeVar

from app.errors import AccessDenied

P = ParamSpec("P")
R = TypeVar("R")
WRITES_MARK = "__onsitedesk_writes__"


class _Refuser(Protocol):
    def write_refusal(self) -> str | None: ...


def check_write(db: _Refuser) -> None:
    """Raise :class:`AccessDenied` (Chinese) when the signed-in person may not write."""
    refusal = db.write_refusal()
    if refusal:
        raise AccessDenied(refusal)


def writes(method: Callable[P, R]) -> Callable[P, R]:
    """Mark a service method as a write and check the role before it runs."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        service: Any = args[0]
        check_write(service.db)
        return method(*args, **kwargs)

    setattr(guarded, WRITES_MARK, True)
    return guarded


def is_write(method: Any) -> bool:
    return bool(getattr(method, WRITES_MARK, False))
