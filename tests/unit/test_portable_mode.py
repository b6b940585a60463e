"""Issue 16: portable mode. A frozen program with ``portable.flag`` beside its executable
keeps its data in ``data`` beside it; without the marker, or from source, %APPDATA% as ever."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app import config


@pytest.fixture
def frozen_exe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "张 三的U盘" / "OnsiteDesk"
    folder.mkdir(parents=True)
    exe = folder / "OnsiteDesk.exe"
    exe.write_bytes(b"MZ")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.delenv(config.ENV_DB, raising=False)
    return exe


def test_frozen_without_marker_uses_appdata(frozen_exe: Path, tmp_path: Path) -> None:
    assert config.portable_dir() is None
    assert config.user_data_dir() == tmp_path / "Roaming" / "OnsiteDesk"
    assert config.resolve_db_path() == (tmp_path / "Roaming" / "OnsiteDesk" / "database"
                                        / "onsitedesk.db")


def test_marker_beside_the_exe_puts_data_beside_it(frozen_exe: Path) -> None:
    (frozen_exe.parent / config.PORTABLE_MARKER).write_text("", encoding="ascii")
    data = frozen_exe.parent / "data"
    assert config.portable_dir() == data
    assert config.resolve_db_path() == data / "database" / "onsitedesk.db"
    assert config.log_dir() == data / "logs"
    assert config.resolve_db_path("other.db").name == "other.db"  # --db still wins


def test_marker_is_ignored_when_running_from_source(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / config.PORTABLE_MARKER).write_text("", encoding="ascii")
    assert config.portable_dir() is None


def test_a_folder_named_like_the_marker_is_not_the_marker(frozen_exe: Path) -> None:
    (frozen_exe.parent / config.PORTABLE_MARKER).mkdir()
    assert config.portable_dir() is None


def test_the_users_readme_names_what_the_program_uses() -> None:
    """packaging/windows/使用说明.txt (in the zip) states the marker, folders and backup count
    the code uses."""
    from app.storage import backup

    root = Path(__file__).resolve().parents[2]
    text = (root / "packaging" / "windows" / "使用说明.txt").read_text(encoding="utf-8-sig")
    assert config.PORTABLE_MARKER in text
    assert f"{config.PORTABLE_DATA_DIR} 文件夹" in text
    assert f"%APPDATA%\\{config.APP_DIR_NAME}" in text and config.DB_FILE_NAME in text
    assert f"{config.DB_DIR_NAME} 文件夹是数据库" in text
    folder = f"%APPDATA%\\{config.APP_DIR_NAME}\\{config.DB_DIR_NAME}"
    assert f"{folder} 中的 {config.DB_FILE_NAME}" in text
    assert f"保留最近 {backup.KEEP} 份" in text
    assert "\\logs\\onsitedesk.log" in text
