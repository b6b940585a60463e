"""The command line (SPEC D5): exit codes, Chinese one-line errors, JSON output, and the
roster export's privacy and print setup (SPEC R2, Q3, P2)."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from unit_helpers import valid_id, write_xlsx

from app import __version__, cli
from app.errors import AppError
from tests.helpers.cli import run_cli
from tests.helpers.db import open_services
from ui import entry

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
FULL_MOBILE = re.compile(r"1[3-9]\d{9}")
FULL_ID = re.compile(r"\d{17}[\dXx]")


@pytest.fixture(autouse=True)
def private_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo writes scratch files through tempfile: keep them inside tmp_path."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _count(db: Path) -> int:
    s = open_services(db)
    try:
        return s.roster.count()
    finally:
        s.close()


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    assert run_cli("--db", db_path, "demo").code == 0
    return db_path


# ---- basics ------------------------------------------------------------------------------
def test_version() -> None:
    assert run_cli("--version") == (0, f"onsitedesk {__version__}\n", "")


def test_unknown_subcommand_is_a_usage_error(db_path: Path) -> None:
    """Usage errors exit with 2 and a Chinese line, like argparse but translated."""
    code, out, err = run_cli("--db", db_path, "frobnicate")
    assert (code, out) == (2, "")
    assert err.startswith("命令行参数有误：") and "frobnicate" in err and "无效的取值" in err
    assert "invalid choice" not in err


def test_group_without_action_is_a_usage_error(db_path: Path) -> None:
    code, _, err = run_cli("--db", db_path, "roster")
    assert code == 2
    assert "缺少子命令" in err


def test_no_command_is_a_usage_error_without_the_window(db_path: Path) -> None:
    """app.cli alone never opens the window (that is ui.entry's business)."""
    code, out, err = run_cli("--db", db_path)
    assert (code, out) == (2, "") and "缺少子命令" in err


# ---- demo --------------------------------------------------------------------------------
def test_demo_fills_nine_people(db_path: Path) -> None:
    code, out, _ = run_cli("--db", str(db_path), "demo")
    assert code == 0
    assert "9" in out
    assert _count(db_path) == 9


def test_second_demo_is_refused_with_one_chinese_line(
        demo_db: Path) -> None:
    """Expected errors: exit 1, one Chinese line on stderr, no traceback, nothing written."""
    code, out, err = run_cli("--db", str(demo_db), "demo")
    assert code == 1
    assert out == ""
    assert CJK.search(err)
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert _count(demo_db) == 9


def test_demo_leaves_no_scratch_files(db_path: Path, private_tempdir: Path) -> None:
    assert run_cli("--db", str(db_path), "demo")[0] == 0
    assert list(private_tempdir.iterdir()) == []


# ---- roster import -----------------------------------------------------------------------
def test_roster_import_json(db_path: Path, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["工号", "姓名", "身份证号"],
        ["A1", "甲", valid_id("11010519491231002")],
        ["A2", "", None],
        ["A3", "丙", "110105194912310021"],
    ])
    code, out, _ = run_cli("--db", str(db_path), "roster", "import", str(path), "--json")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1  # exactly one JSON object, nothing else on stdout
    data = json.loads(lines[0])
    assert set(data) == {"read", "imported", "rejected", "problems", "columns",
                         "ignored_columns", "sheet", "notes"}
    assert (data["sheet"], data["notes"]) == ("Sheet", [])
    assert data["columns"] == {"工号": "employee_no", "姓名": "name", "身份证号": "id_card_no"}
    assert data["ignored_columns"] == []
    assert (data["read"], data["imported"], data["rejected"]) == (3, 1, 2)
    assert [(p["row"], p["column"]) for p in data["problems"]] == [(3, "姓名"), (4, "身份证号")]
    assert all(set(p) == {"row", "column", "reason"} and p["reason"] for p in data["problems"])
    assert _count(db_path) == 1


def test_roster_import_missing_file(db_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "没有这个文件.xlsx"
    code, out, err = run_cli("--db", str(db_path), "roster", "import", str(missing))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert CJK.search(err)
    assert "没有这个文件.xlsx" in err


def test_roster_import_bad_file_is_one_line(db_path: Path, tmp_path: Path) -> None:
    """Even a reader error with a multi-line message comes out as one line."""
    path = tmp_path / "坏文件.xlsx"
    path.write_bytes(b"this is not a zip file\n" * 10)
    code, _, err = run_cli("--db", str(db_path), "roster", "import", str(path))
    assert code == 1
    assert err.count("\n") == 1
    assert "坏文件.xlsx" in err


# ---- roster export -----------------------------------------------------------------------
def test_roster_export_is_masked_and_print_ready(demo_db: Path, tmp_path: Path) -> None:
    """Q3: no full phone or ID number anywhere; P2: A4 landscape, fit to width, header row
    repeated on every page."""
    out_file = tmp_path / "out.xlsx"
    code, _, _ = run_cli("--db", str(demo_db), "roster", "export", str(out_file))
    assert code == 0
    s = open_services(demo_db)
    try:
        people = s.roster.list_people()
    finally:
        s.close()

    ws = openpyxl.load_workbook(out_file).active
    assert ws is not None
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    text = "\n".join(cells)
    for p in people:
        assert p.name in cells
        assert p.phone_masked in cells
        assert p.phone not in text
        assert p.id_card_no not in text
    assert not FULL_MOBILE.search(text)
    assert not FULL_ID.search(text)

    header = [c.value for c in ws[3]]
    assert header[:2] == ["工号", "姓名"]
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.fitToWidth) == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows is not None
    assert re.fullmatch(r"\$?3:\$?3", ws.print_title_rows)


# ---- db maintenance ----------------------------------------------------------------------
def test_db_check_and_backup(demo_db: Path) -> None:
    code, out, _ = run_cli("--db", str(demo_db), "db", "check")
    assert code == 0
    assert CJK.search(out)
    code, out, _ = run_cli("--db", str(demo_db), "db", "backup")
    assert code == 0
    made = list((demo_db.parent / "backups").glob("*-manual.db"))
    assert len(made) == 1
    assert made[0].name in out


def test_db_restore_puts_the_backup_back(demo_db: Path) -> None:
    assert run_cli("--db", str(demo_db), "db", "backup")[0] == 0
    demo_db.write_bytes(b"garbage" * 1000)
    assert run_cli("--db", str(demo_db), "db", "check")[0] == 1
    assert run_cli("--db", str(demo_db), "db", "restore", "--yes")[0] == 0
    assert _count(demo_db) == 9


# ---- the real entry point ----------------------------------------------------------------
def test_module_entry_point_runs(db_path: Path, tmp_path: Path) -> None:
    """``python -m app.cli`` works on its own (what Task Scheduler will call, SPEC D5)."""
    path = write_xlsx(tmp_path / "r.xlsx", [["工号", "姓名"], ["A1", "甲"], ["A2", "乙"]])
    proc = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", str(db_path), "roster", "import", str(path),
         "--json"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["imported"] == 2


_NO_QT = r"""
import sys
from app import cli
from ui import entry  # the program as installed and frozen: commands still need no Qt
code = cli.main(sys.argv[1:3] + ["demo"]) or entry.main(sys.argv[1:3] + ["db", "check"]) \
    or entry.main(sys.argv[1:3] + ["roster", "export", sys.argv[3]])
assert code == 0, code
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "PySide6")
assert not loaded, loaded
print("no-qt-ok")
"""


def test_cli_commands_do_not_load_pyside6(db_path: Path, tmp_path: Path,
                                          private_tempdir: Path) -> None:
    """DESIGN §1: scheduled runs on a server must not need Qt."""
    env = {**os.environ, "TMPDIR": str(private_tempdir)}  # the demo's scratch files
    proc = subprocess.run(
        [sys.executable, "-c", _NO_QT, "--db", str(db_path), str(tmp_path / "out.xlsx")],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "no-qt-ok" in proc.stdout


# ---- Chinese help and usage errors (issue 13) ---------------------------------------------
_ENGLISH = ("usage:", "options:", "positional arguments", "show this help", "show program's",
            "invalid choice", "the following arguments", "unrecognized arguments", "expected ")


def _walk(parser: argparse.ArgumentParser, path: str = "onsitedesk"
          ) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _walk(child, f"{path} {name}")


@pytest.mark.parametrize("argv", [["--help"], ["leave", "add", "--help"], ["roster", "-h"],
                                  ["month", "--help"]])
def test_help_is_chinese(argv: list[str]) -> None:
    """``onsitedesk --help`` and a command's help carry no English argparse boilerplate."""
    code, out, err = run_cli(*argv, entry=entry.main)
    assert (code, err) == (0, "")
    assert out.startswith("用法：onsitedesk")
    assert "选项：" in out and "显示此帮助信息并退出" in out
    assert not [w for w in _ENGLISH if w in out]


def test_every_command_and_option_has_chinese_help() -> None:
    missing = []
    for path, parser in _walk(cli.build_parser()):
        if not CJK.search(parser.description or ""):
            missing.append(path)
        missing += [f"{path} {'/'.join(a.option_strings) or a.dest}" for a in parser._actions
                    if a.help != argparse.SUPPRESS and not CJK.search(a.help or "")]
    assert missing == []
    assert "positional arguments" not in cli.build_parser().format_help()


@pytest.mark.parametrize(("argv", "expected"), [
    (["leave", "add", "--emp", "E1"], "缺少必需的参数：--type, --start, --end"),
    (["db", "check", "--bogus"], "无法识别的参数：--bogus"),
    (["leave", "pdf", "x", "out.pdf"], "参数 id：无效的 int 值：'x'"),
    (["overtime", "add", "--kind", "often"], "参数 --kind：无效的取值 'often'"),
    (["leave", "list", "--month"], "参数 --month：需要一个值"),
])
def test_usage_errors_are_chinese(db_path: Path, argv: list[str], expected: str) -> None:
    code, out, err = run_cli("--db", db_path, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("命令行参数有误：") and expected in err, err
    assert err.count("\n") == 1


def test_argparse_is_left_in_english_for_everyone_else() -> None:
    """The translation is scoped to our parsers: argparse itself is untouched afterwards."""
    run_cli("--help")
    other = argparse.ArgumentParser(prog="x")
    assert other.format_help().startswith("usage: x")
    assert "show this help message and exit" in other.format_help()


# ---- the GUI entry (ui/entry.py) -----------------------------------------------------------
@pytest.fixture
def no_window(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, argparse.Namespace | None]]:
    """Record what ui.entry would start instead of starting it; building the full parser
    fails the test (a plain start must not pay for it)."""
    started: list[tuple[str, argparse.Namespace | None]] = []

    def gui(args: argparse.Namespace) -> int:
        started.append(("gui", args))
        return 0

    def smoke() -> int:
        started.append(("smoke", None))
        return 0

    def no_parser() -> argparse.ArgumentParser:
        raise AssertionError("a plain start built every command's parser")

    monkeypatch.setattr(entry, "_run_gui", gui)
    monkeypatch.setattr(entry, "_run_smoke", smoke)
    monkeypatch.setattr(cli, "build_parser", no_parser)
    return started


def test_entry_opens_the_window_without_a_command(
        no_window: list[tuple[str, argparse.Namespace | None]]) -> None:
    assert entry.main(["--db", "x.db"]) == 0
    assert entry.main(["--demo"]) == 0
    assert entry.main(["--smoke"]) == 0
    assert [(kind, args and (args.db, args.demo)) for kind, args in no_window] == [
        ("gui", ("x.db", False)), ("gui", (None, True)), ("smoke", None)]


def test_entry_hands_commands_to_the_command_line(demo_db: Path) -> None:
    code, out, err = run_cli("--db", demo_db, "db", "check", entry=entry.main)
    assert (code, err) == (0, "") and CJK.search(out)
    assert run_cli("--db", demo_db, "roster", entry=entry.main).code == 2


def test_entry_reports_a_window_that_cannot_start(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(args: argparse.Namespace) -> int:
        raise AppError("没有图形界面")

    monkeypatch.setattr(entry, "_run_gui", broken)
    assert run_cli("--db", "x.db", entry=entry.main) == (1, "", "没有图形界面\n")


_LIGHT_START = r"""
import sys
from ui import entry
entry._gui_arguments(["--db", "x.db", "--demo"])
print(" ".join(sorted(m for m in sys.modules
                      if m.startswith(("app.", "ui.", "sqlalchemy", "PySide6")))))
"""


def test_a_plain_start_imports_no_command_module() -> None:
    """Start-up time is a feature (issue 3): the window's start reads its options without
    the command modules, the services or Qt."""
    proc = subprocess.run([sys.executable, "-c", _LIGHT_START], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    loaded = set(proc.stdout.split())
    assert {"ui.entry", "app.cli", "app.cli.parser"} <= loaded  # the probe saw the imports
    heavy = [m for m in loaded if m.startswith(("app.services", "app.storage", "app.documents",
                                                "sqlalchemy", "PySide6", "ui.main"))
             or (m.startswith("app.cli.") and m not in ("app.cli.common", "app.cli.parser"))]
    assert heavy == []
