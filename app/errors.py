"""Expected problems carry a Chinese message for the user; anything else is a bug."""

from __future__ import annotations


class AppError(Exception):
    """An expected problem: the message is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(AppError):
    """Input that breaks a rule; ``field`` names the offending field when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(AppError):
    pass


class DatabaseError(AppError):
    """The database file cannot be used as it is (corrupt, locked, wrong version)."""


class IntegrityCheckFailed(DatabaseError):
    """``PRAGMA quick_check`` failed; a backup may be restored."""

    def __init__(self, message: str, latest_backup: str | None) -> None:
        super().__init__(message)
        self.latest_backup = latest_backup


class ServerLost(DatabaseError):
    """Issue 19: the PostgreSQL server did not answer (the link lost, the server stopped):
    nothing was written; the window says so in a banner and offers to connect again."""


class ImportFileError(AppError):
    """A file to import cannot be read at all (not a row-level problem)."""


class Cancelled(AppError):
    """The user cancelled long work; nothing was written."""


class DatabaseBusy(DatabaseError):
    """Another window or task holds the database longer than the busy timeout: retry."""


class DatabaseReadOnly(DatabaseError):
    """The database is open read-only (a read-only folder or file, no backup possible):
    the message says why; reading works, writing does not."""


class DiskFull(DatabaseError):
    """Writing failed for lack of space (or a file-size limit); nothing was changed."""


class AccessDenied(AppError):
    """Issue 18: the signed-in person may not do this (a viewer writing, a non-admin managing
    accounts, a wrong password); nothing was changed."""
