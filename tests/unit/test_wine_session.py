"""The checks of the Windows bundle's scripted session (packaging/wine/session.py, run under
Wine by packaging/windows-on-wine.sh) hold for the program itself: the same session, in
process on the suite's fixed clock, passes; and the checks catch a wrong result."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.samples import shared_dir

ROOT = Path(__file__).resolve().parents[2]


def _session() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "wine_session", ROOT / "packaging" / "wine" / "session.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


S = _session()


def _runner(transform: object = None):  # type: ignore[no-untyped-def]
    def run(argv: list[str]) -> object:
        r = run_cli(*argv)
        out = r.out if transform is None else transform(argv, r.out)  # type: ignore[operator]
        return S.Result(r.code, out.encode("utf-8"), r.err.encode("utf-8"))
    return run


@pytest.mark.parametrize("samples", ["shared", "absent"])
def test_session_passes_on_the_program(tmp_path: Path, samples: str) -> None:
    real = shared_dir() / "zk-samples"
    if samples == "shared" and not (real / S.REAL_SAMPLE).is_file():
        pytest.skip("shared ZK samples absent")
    lines: list[str] = []
    S.check_session(_runner(), tmp_path / "w", real if samples == "shared" else None,
                    ["--db", str(tmp_path / "x.db")], lines.append)
    assert sum(line.startswith("ok ") for line in lines) == 9


def test_company_check_passes_on_the_program(tmp_path: Path) -> None:
    """Issue 19's part of the Wine session: the site of the session exported, imported at a
    head office, month identical, overview, workbook, a tampered package refused."""
    site = ["--db", str(tmp_path / "x.db")]
    S.check_session(_runner(), tmp_path / "w", None, site, lambda _: None)
    lines: list[str] = []
    S.check_company(_runner(), tmp_path / "w" / "company", site, lines.append)
    assert lines[-1].startswith("ok  company")


def test_company_check_catches_a_head_office_month_that_differs(tmp_path: Path) -> None:
    def shifted(argv: list[str], out: str) -> str:
        return out.replace('"late_count": 1', '"late_count": 2') if "--project" in argv else out

    site = ["--db", str(tmp_path / "x.db")]
    S.check_session(_runner(), tmp_path / "w", None, site, lambda _: None)
    with pytest.raises(S.CheckFailed, match="differs"):
        S.check_company(_runner(shifted), tmp_path / "w" / "company", site, lambda _: None)


def test_session_catches_a_wrong_month(tmp_path: Path) -> None:
    def one_less_late(argv: list[str], out: str) -> str:
        return out.replace('"late_count": 1', '"late_count": 0') if "month" in argv else out

    with pytest.raises(S.CheckFailed, match="W002"):
        S.check_session(_runner(one_less_late), tmp_path / "w", None,
                        ["--db", str(tmp_path / "x.db")], lambda _: None)


def test_session_catches_output_that_is_not_utf8(tmp_path: Path) -> None:
    def run(argv: list[str]) -> object:
        r = run_cli(*argv)
        return S.Result(r.code, r.out.encode("gbk"), r.err.encode("gbk"))

    with pytest.raises(S.CheckFailed, match="not UTF-8"):
        S.check_session(run, tmp_path / "w", None, ["--db", str(tmp_path / "x.db")],
                        lambda _: None)


def test_accounts_check_passes_on_the_program(tmp_path: Path) -> None:
    """The accounts part of the Wine session, run here on the source CLI (the machine
    credential is the 0600 file off Windows, DPAPI under Wine)."""
    import os

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    lines: list[str] = []
    S.check_accounts([sys.executable, "-m", "app.cli"], env, tmp_path / "w", lines.append)
    assert lines[-1].startswith("ok  accounts")
