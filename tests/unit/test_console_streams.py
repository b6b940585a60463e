"""Issue 16: the executables' standard streams on Windows, tested with stand-in streams.

Piped or redirected output in an ANSI code page that cannot encode Chinese (1252 on an
en-US PC) is switched to UTF-8 with errors replaced; a console is left alone; the windowed
exe (no console) logs and shows what it would have said on stderr."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from app import console, strings


class Pipe(io.TextIOWrapper):
    """A non-tty text stream in a given encoding, like a Windows pipe in code page 1252."""

    def __init__(self, encoding: str, tty: bool = False) -> None:
        self.raw_bytes = io.BytesIO()
        super().__init__(self.raw_bytes, encoding=encoding, errors="strict")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty

    def written(self) -> bytes:
        self.flush()
        return self.raw_bytes.getvalue()


def test_piped_cp1252_output_becomes_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = Pipe("cp1252"), Pipe("cp1252")
    with pytest.raises(UnicodeEncodeError):  # what the frozen exe did before (issue 16)
        Pipe("cp1252").write("张三")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert console.utf8_when_redirected() == [out, err]
    print("演示数据已写入：9 名驻场人员")
    print("错误：\udcff", file=sys.stderr)  # a lone surrogate: replaced, no crash
    assert out.written().decode("utf-8") == "演示数据已写入：9 名驻场人员\n"
    assert err.written().decode("utf-8") == "错误：?\n"
    assert (out.encoding, out.errors) == ("utf-8", "replace")


def test_console_and_utf8_streams_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    tty, utf8, cp936 = Pipe("cp1252", tty=True), Pipe("UTF8"), Pipe("gbk")
    assert console.utf8_when_redirected(tty, utf8, None, io.StringIO()) == []
    assert (tty.encoding, utf8.encoding) == ("cp1252", "UTF8")
    assert console.utf8_when_redirected(cp936) == [cp936]  # piped in GBK: UTF-8 too


def test_the_entry_points_reconfigure_before_printing(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    from ui import entry

    out, err = Pipe("cp1252"), Pipe("cp1252")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = entry.main(["--db", str(tmp_path / "x.db"), "roster", "import",
                       str(tmp_path / "没有.xlsx")])
    assert code == 1
    assert "没有.xlsx" in err.written().decode("utf-8")
    for script in ("packaging/entry.py", "app/cli/__main__.py"):
        source = (Path(__file__).resolve().parents[2] / script).read_text(encoding="utf-8")
        assert "utf8_when_redirected()" in source or "ui.entry import main" in source


# ---- the windowed exe -----------------------------------------------------------------
def _windowed(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    buffer = console.prepare_windowed()
    assert buffer is not None and sys.stderr is buffer and sys.stdout is not None
    sys.stdout.close()  # os.devnull: the test's own stand-in instead
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    return buffer


def test_windowed_expected_error_is_logged_and_shown(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    from ui import entry

    buffer = _windowed(monkeypatch)
    shown: list[tuple[str, str]] = []
    log = tmp_path / "logs" / "onsitedesk.log"
    code = console.run_windowed(lambda: entry.main(["--no-such-option"]), buffer,
                                lambda title, text: shown.append((title, text)), log)
    assert code == 2
    assert shown and shown[0][0] == strings.ERROR_TITLE and "--no-such-option" in shown[0][1]
    assert "--no-such-option" in log.read_text(encoding="utf-8")


def test_windowed_crash_names_the_log(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    buffer = _windowed(monkeypatch)
    shown: list[tuple[str, str]] = []
    log = tmp_path / "onsitedesk.log"

    def boom() -> int:
        raise RuntimeError("Qt6Core.dll missing")

    assert console.run_windowed(boom, buffer, lambda t, x: shown.append((t, x)), log) == 1
    assert shown == [(strings.CRASH_TITLE, strings.UNEXPECTED_ERROR.format(log=log))]
    logged = log.read_text(encoding="utf-8")
    assert "RuntimeError: Qt6Core.dll missing" in logged and "Traceback" in logged


def test_windowed_success_and_quiet_failure_show_nothing(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    buffer = _windowed(monkeypatch)
    shown: list[object] = []
    assert console.run_windowed(lambda: 0, buffer, lambda *a: shown.append(a), tmp_path / "l") == 0
    assert console.run_windowed(lambda: 1, buffer, lambda *a: shown.append(a), tmp_path / "l") == 1
    assert shown == [] and not (tmp_path / "l").exists()


def test_console_program_needs_no_windowed_handling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert console.prepare_windowed() is None
