"""Paths: user data folder, database file, bundled resources (frozen-aware).

The data folder holds ``database/`` (the database file with its ``-wal``, ``-shm``, ``.head``
and ``.lock``: app.storage.layout), ``backups/``, ``attachments/`` and ``logs/``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "OnsiteDesk"
DB_FILE_NAME = "onsitedesk.db"
DB_DIR_NAME = "database"  # the database's own folder inside the data folder
ENV_DB = "ONSITEDESK_DB"
PORTABLE_MARKER = "portable.flag"  # beside the exe: data in a "data" folder beside it
PORTABLE_DATA_DIR = "data"


def source_root() -> Path:
    """Folder holding ``resources/`` and ``data/``.

    In a PyInstaller bundle that is ``sys._MEIPASS``; from a checkout or an editable
    install it is the repository root (the parent of the ``app`` package).
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return source_root().joinpath("resources", *parts)


def data_path(*parts: str) -> Path:
    return source_root().joinpath("data", *parts)


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "storage" / "migrations"


def portable_dir() -> Path | None:
    """Portable mode: a frozen program with ``portable.flag`` beside its executable keeps its
    data in the ``data`` folder beside it (for PCs where %APPDATA% is wiped or redirected)."""
    if not getattr(sys, "frozen", False):
        return None
    exe_dir = Path(sys.executable).resolve().parent
    if (exe_dir / PORTABLE_MARKER).is_file():
        return exe_dir / PORTABLE_DATA_DIR
    return None


def user_data_dir() -> Path:
    """``%APPDATA%\\OnsiteDesk`` on Windows, ``$XDG_DATA_HOME/OnsiteDesk`` elsewhere; the
    ``data`` folder beside the executable in portable mode (:func:`portable_dir`)."""
    portable = portable_dir()
    if portable is not None:
        return portable
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def default_db_path() -> Path:
    """``<data folder>/database/onsitedesk.db``."""
    return user_data_dir() / DB_DIR_NAME / DB_FILE_NAME


def legacy_db_path() -> Path:
    """Where releases before the database folder kept the default database."""
    return user_data_dir() / DB_FILE_NAME


def resolve_db_path(cli_value: str | None = None) -> Path:
    """``--db`` wins, then ``ONSITEDESK_DB`` (both used as given), then the default in the
    user data folder. A database still at the default's old place is moved into the
    database folder when it is opened (app.storage.layout.locate, on the worker thread of a
    window start: nothing of it before the window paints)."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser().resolve()
    return default_db_path()


def data_dir_of(db_path: Path) -> Path:
    """The folder of a database's backups and attachments: the data folder when the
    database is in a folder of its own named ``database`` (the default layout), else the
    database's folder (an explicit ``--db`` path, or a database at the old default place)."""
    folder = db_path.parent
    return folder.parent if folder.name == DB_DIR_NAME else folder


def log_dir() -> Path:
    return user_data_dir() / "logs"
