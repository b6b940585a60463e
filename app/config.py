"""Paths: user data folder, database file, bundled resources (frozen-aware)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "OnsiteDesk"
DB_FILE_NAME = "onsitedesk.db"
ENV_DB = "ONSITEDESK_DB"


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


def user_data_dir() -> Path:
    """``%APPDATA%\\OnsiteDesk`` on Windows, ``$XDG_DATA_HOME/OnsiteDesk`` elsewhere."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def resolve_db_path(cli_value: str | None = None) -> Path:
    """``--db`` wins, then ``ONSITEDESK_DB``, then the user data folder."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser().resolve()
    return user_data_dir() / DB_FILE_NAME


def log_dir() -> Path:
    return user_data_dir() / "logs"
