"""The person signed in (issue 18, SPEC Q3).

``Database.principal`` is ``None`` on a database without accounts (made before issue 18, or
before the first admin is created): everything is allowed there, as before. Once accounts
exist, every write checks :attr:`Principal.can_write` in the service and again in the storage
layer."""

from __future__ import annotations

from dataclasses import dataclass

ADMIN = "admin"
VIEWER = "viewer"
ROLES = (ADMIN, VIEWER)


@dataclass(frozen=True)
class Principal:
    login: str  # the login name (ASCII letters, digits, . _ -)
    display: str  # the name forms print for the person who made/recorded/locked, and the trail
    role: str  # ADMIN | VIEWER

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def can_write(self) -> bool:
        return self.role == ADMIN
